"""``ThemeClassifier(pool_weight=..., pool_min_chars="cv", evidence=...)``: one sentence-pooling weight for every
label and the length floor, given or chosen inside ``fit`` (with the dominance ratio, after the evidence rule) on
the held-out labels of the selected texts; and the evidence rule carried by the fitted model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from proposalnlp.errors import InputValueError
from proposalnlp.themes.train import POOL_FLOORS, POOL_WEIGHTS, ThemeClassifier

# Hand-written (not from any real document). Short units, one point each; long units (about 100 characters, under
# the 150 floor) whose main point is talent or innovation and whose one numbered sub-point asks for money.
SHORT = {
    "talent": [
        "建议完善乡村教师培训制度，引进紧缺学科骨干教师。",
        "加快培养护理员队伍，落实技能人才职称评定。",
        "设立青年科技人才计划，支持高层次人才落户。",
        "健全专家服务基层机制，组织医师下乡带教。",
    ],
    "funding": [
        "设立养老服务专项资金，对民办机构给予运营补贴。",
        "扩大融资担保规模，降低小微企业贷款利率。",
        "省财政加大转移支付力度，保障基层经费投入。",
        "对技改项目给予贷款贴息和财政奖补资金。",
    ],
    "innovation": [
        "支持企业建设研发中心，开展关键技术攻关。",
        "推动制造业数字化转型，建设智能工厂。",
        "鼓励产学研合作，共建新型研发平台。",
        "加快工业互联网平台建设，推广智能制造。",
    ],
    None: [
        "召开专题会议，研究部署有关工作。",
        "成立工作领导小组，明确责任分工。",
        "请各地结合实际认真贯彻落实。",
        "现将办理情况答复如下。",
    ],
}
MAIN = {
    "talent": "一是加强人才队伍建设。引进培养一批高技能人才，完善人才评价和激励机制，健全职业培训体系。",
    "innovation": "一是推动企业技术创新。支持企业建设研发平台，开展关键核心技术攻关，加快数字化智能化改造。",
}
FILLER = "二是加强组织领导。各部门按照职责分工，协同推进各项工作，确保任务落到实处。"
MONEY = [
    "三是设立专项资金，给予贷款贴息。",
    "三是加大财政投入，落实运营补贴。",
    "三是扩大融资担保，降低贷款利率。",
]
N_LONG = 6


def _long(theme: str, k: int) -> str:
    return MAIN[theme] + FILLER[: 24 + 3 * (k % 5)] + "。" + MONEY[k % len(MONEY)]


def _data(gold_counts_sub_points: bool) -> tuple[list[str], list[list[str]], list[str], np.ndarray]:
    """Short units and the project's long units without a money sub-point (both conventions agree on them), and
    the gold long units (``select_on``) with one, labelled with it when ``gold_counts_sub_points``."""
    texts: list[str] = []
    labels: list[list[str]] = []
    groups: list[str] = []
    gold: list[bool] = []
    for theme, items in SHORT.items():
        for j, text in enumerate(items):
            for copy in range(2):
                texts.append(text if copy == 0 else text.replace("。", "，切实抓好落实。"))
                labels.append([theme] if theme else [])
                groups.append(f"short-{theme}-{j}")
                gold.append(copy == 0)
    for theme in MAIN:
        for k in range(N_LONG):
            texts.append(MAIN[theme] + FILLER[: 24 + 3 * (k % 5)] + "。" + "三是强化督查考核，定期通报进展。")
            labels.append([theme])
            groups.append(f"project-{theme}-{k}")
            gold.append(False)
            texts.append(_long(theme, k))
            labels.append([theme, "funding"] if gold_counts_sub_points else [theme])
            groups.append(f"gold-{theme}-{k}")
            gold.append(True)
    return texts, labels, groups, np.array(gold)


def test_long_units_are_under_the_middle_floor() -> None:
    lengths = [len(_long(t, k)) for t in MAIN for k in range(N_LONG)]
    assert min(POOL_FLOORS) <= min(lengths) and max(lengths) < sorted(POOL_FLOORS)[1]


def test_a_given_weight_pools_every_label_and_is_saved_with_its_floor(tmp_path: Path) -> None:
    texts, labels, groups, _ = _data(True)
    clf = ThemeClassifier(min_df=1, cv=3, pooling="max", pool_weight=1.0, pool_min_chars=80)
    clf.fit(texts, labels, groups=groups)
    assert clf.pool_ is not None and clf.pool_.tolist() == [1.0] * len(clf.classes_)
    assert clf.model_.pool_min_chars == 80
    assert clf.training_["pool_weight"] == 1.0 and clf.training_["pool_min_chars"] == 80
    assert clone(clf).get_params()["pool_weight"] == 1.0
    back = ThemeClassifier.load(clf.save(tmp_path / "m"))
    assert back.model_.pool_min_chars == 80 and back.predict(texts) == clf.predict(texts)


def _cv(**params: object) -> ThemeClassifier:
    return ThemeClassifier(
        min_df=1,
        cv=3,
        pooling="max",
        pool_weight="cv",
        pool_min_chars="cv",
        dominance="cv",
        **params,  # type: ignore[arg-type]
    )


WORDS = {"funding": ["资金", "贷款", "补贴", "经费", "担保", "贴息", "奖补", "转移支付", "财政"]}


def _select_macro(clf: ThemeClassifier, texts: list[str], labels: list[list[str]], select: np.ndarray) -> float:
    """Macro-F1 over the selected texts of ``clf``'s held-out labels (its thresholds, ratio and evidence)."""
    proba = clf.oof_proba_
    pred = clf.model_.labels_from(proba, proba, None, texts)
    f1s = []
    for c in clf.classes_:
        y = np.array([c in labs for labs in labels])[select]
        p = np.array([c in labs for labs in pred])[select]
        denom = p.sum() + y.sum()
        f1s.append(2.0 * (p & y).sum() / denom if denom else 0.0)
    return round(float(np.mean(f1s)), 6)


@pytest.mark.parametrize("counts", [True, False])
def test_cv_chooses_the_candidate_with_the_best_held_out_macro_f1_on_the_selected_texts(counts: bool) -> None:
    texts, labels, groups, gold = _data(counts)
    chosen = _cv(evidence=WORDS).fit(texts, labels, groups=groups, select_on=gold)
    weight, floor = chosen.training_["pool_weight"], chosen.training_["pool_min_chars"]
    assert weight in POOL_WEIGHTS and floor in POOL_FLOORS
    best = _select_macro(chosen, texts, labels, gold)
    for w in POOL_WEIGHTS:
        for f in POOL_FLOORS:
            fixed = ThemeClassifier(
                min_df=1, cv=3, pooling="max", pool_weight=w, pool_min_chars=f, dominance="cv", evidence=WORDS
            ).fit(texts, labels, groups=groups, select_on=gold)
            macro = _select_macro(fixed, texts, labels, gold)
            assert macro <= best
            if (w, f) == (weight, floor) or (w == weight == 0.0):
                assert macro == best and np.allclose(fixed.oof_proba_, chosen.oof_proba_)
            elif macro == best:  # ties go to the smaller weight, then to the longer floor
                assert (w, -f) > (weight, -floor)


def test_evidence_is_the_fitted_models_rule() -> None:
    texts, labels, groups, _ = _data(True)
    words = {"funding": ["资金", "贷款", "补贴", "经费", "担保", "贴息", "奖补", "转移支付"]}
    clf = ThemeClassifier(min_df=1, cv=3, evidence=words).fit(texts, labels, groups=groups)
    assert clf.model_.evidence is not None and clf.model_.evidence.to_dict() == words
    plain = ThemeClassifier(min_df=1, cv=3).fit(texts, labels, groups=groups)
    assert plain.model_.evidence is None
    probe = ["对小微企业给予扶持", "设立专项资金，给予贷款贴息"]
    proba = clf.model_.predict_proba(probe)
    assert np.array_equal(proba, plain.model_.predict_proba(probe))  # the rule only removes labels
    for text, got in zip(probe, clf.predict(probe), strict=True):
        assert ("funding" in got) <= any(w in text for w in words["funding"])


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"pool_weight": 1.5}, "pool_weight"),
        ({"pool_weight": "CV"}, "pool_weight"),
        ({"pool_min_chars": "cv"}, "pool_min_chars"),
        ({"pool_min_chars": 0}, "pool_min_chars"),
        ({"evidence": {"funding": []}}, "evidence"),
        ({"evidence": {"funding": "资金"}}, "evidence"),
    ],
)
def test_bad_pooling_or_evidence_settings_are_refused_at_fit(params: dict[str, object], match: str) -> None:
    texts, labels, _, _ = _data(True)
    with pytest.raises(InputValueError, match=match):
        ThemeClassifier(min_df=1, pooling="max", **params).fit(texts, labels)  # type: ignore[arg-type]
