"""The unit's kind as a prior on its themes (issue 13): frame units (header, salutation, closing, other) carry no
theme, describing units (background, problem) need every probability ``scale`` times its threshold. Runtime
(``labels_from`` with kinds and every path built on it: classify, classify_many, classify_document, match), the
model folder's optional ``kind_prior`` field (old folders load and behave as before), and the API's validation.

Every text here is hand-written in the style of proposals and replies (not taken from any real document).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import proposalnlp.themes.api as themes
from proposalnlp import match, parse
from proposalnlp.errors import InputTypeError, InputValueError, ModelFormatError
from proposalnlp.features import Featurizer
from proposalnlp.messages import error_text
from proposalnlp.themes.folder import load_model, save_model
from proposalnlp.themes.model import KindPrior, ThemeModel
from proposalnlp.themes.train import ThemeClassifier

LABELS = ["awareness", "funding", "innovation", "talent"]
PRIOR = KindPrior(2.0, ("background", "problem"), ("closing", "header", "opening", "other"))

TEXTS = [
    "建议加大高层次人才引进力度，为领军人才提供住房保障",
    "设立中小企业转型升级专项资金，对技改项目给予贴息",
    "推动企业实施智能化改造，建设数字化车间和智能工厂",
    "加强政策宣传解读，让企业知晓并用好扶持政策",
    "成立工作领导小组，定期召开联席会议",
    "现将有关情况答复如下",
]
THEMES_OF = [["talent"], ["funding"], ["innovation"], ["awareness"], [], []]

REPLY = """关于扩大乡村医生培训补助的提案的答复

李委员：
　　您提出的《关于扩大乡村医生培训补助的提案》收悉，现答复如下：
　　一、关于培训补助。今年市财政安排乡村医生培训补助资金三百万元，按人头拨付到县。
　　二、关于培训方式。我们依托县级医院开设实操课程，每年轮训一次。
　　下一步，我们将积极争取省级资金，提高补助标准。
　　感谢您对卫生健康工作的关心和支持，欢迎继续提出宝贵意见。

市卫生健康委员会
2022年5月20日
"""

PROPOSAL = """调研情况：我市现有小微企业一万余家，多数企业融资渠道单一，银行贷款审批周期较长。
问题分析：一是企业缺少抵押物，贷款难；二是担保机构规模偏小，覆盖面不足。
具体建议：一是设立小微企业转贷应急资金，缓解企业续贷压力；二是扩大政府性融资担保规模，降低担保费率。"""


@pytest.fixture(scope="module")
def featurizer() -> Featurizer:
    return ThemeClassifier(min_df=1, cv=2).fit(TEXTS * 2, THEMES_OF * 2).model_.featurizer


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def constant_model(
    featurizer: Featurizer, proba: list[float], thresholds: list[float], prior: KindPrior | None = PRIOR
) -> ThemeModel:
    """A model whose every text gets probabilities ``proba`` (zero weights, intercepts at their logits,
    identity calibration), so the prior's effect is exact."""
    return ThemeModel(
        featurizer,
        LABELS,
        np.zeros((featurizer.n_features, len(LABELS))),
        np.array([_logit(p) for p in proba]),
        -np.ones(len(LABELS)),
        np.zeros(len(LABELS)),
        thresholds,
        kind_prior=prior,
    )


# -- runtime ------------------------------------------------------------------------------------------------
def test_frame_units_of_a_parsed_reply_get_no_theme(featurizer: Featurizer) -> None:
    # every text scores funding 0.9 against a threshold of 0.3: only the unit's kind can take it away
    model = constant_model(featurizer, [0.05, 0.9, 0.05, 0.05], [0.3] * 4)
    doc = parse(REPLY)
    kinds = {u.id: u.kind for u in doc.units}
    assert {"header", "opening", "closing"} <= set(kinds.values())
    result = themes.classify_document(doc, model=model)
    for unit in result.units:
        expected = [] if unit.kind in ("header", "opening", "closing") else ["funding"]
        assert unit.prediction.themes == expected, (unit.unit_id, unit.kind)
        assert unit.prediction.scores["funding"] == pytest.approx(0.9)  # the scores are the same
    # the frame's text counts for no theme in the document's shares
    answer_chars = sum(u.chars for u in result.units if u.prediction.themes)
    total = sum(u.chars for u in result.units)
    assert 0 < answer_chars < total
    assert result.shares["funding"] == pytest.approx(answer_chars / total)
    # the same text without its kind keeps the model's plain labels
    closing = next(u for u in doc.units if u.kind == "closing")
    assert themes.classify(closing.text, model=model).themes == ["funding"]
    assert themes.classify(closing.text, model=model, kind="closing").themes == []


def test_a_background_unit_needs_a_stronger_score_than_a_suggestion(featurizer: Featurizer) -> None:
    # funding 0.5: above its threshold 0.3, under 0.3 x 2 = 0.6
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4)
    text = "近年来我市财政每年安排专项资金支持小微企业发展"
    assert themes.classify(text, model=model, kind="suggestion").themes == ["funding"]
    assert themes.classify(text, model=model, kind="item").themes == ["funding"]
    assert themes.classify(text, model=model).themes == ["funding"]
    assert themes.classify(text, model=model, kind="background").themes == []
    assert themes.classify(text, model=model, kind="problem").themes == []
    # a probability above threshold x factor passes in a describing unit too
    strong = constant_model(featurizer, [0.05, 0.7, 0.05, 0.05], [0.3] * 4)
    assert themes.classify(text, model=strong, kind="background").themes == ["funding"]
    # classify_document passes each unit's kind: the proposal's background and problems lose the theme
    result = themes.classify_document(PROPOSAL, model=model)
    got = {u.kind: u.prediction.themes for u in result.units}
    assert got["background"] == [] and got["problem"] == [] and got["suggestion"] == ["funding"]


def test_the_dominance_rule_looks_at_the_themes_left_by_the_prior(featurizer: Featurizer) -> None:
    # talent 0.65 passes 0.3 x 2 in a background unit, funding 0.5 does not; with r = 0.7 talent alone is the
    # reference, so the rule keeps it and drops nothing else (funding is already out)
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.65], [0.3] * 4)
    model.dominance = 0.7
    assert themes.classify("任意一段文字", model=model).themes == ["funding", "talent"]
    assert themes.classify("任意一段文字", model=model, kind="background").themes == ["talent"]


def test_describing_thresholds_are_capped_so_a_theme_stays_possible() -> None:
    prior = KindPrior(100.0, ("background",), ("closing",))
    th = prior.thresholds(np.array([0.3, 0.5]), ["background", "closing", "item", None])
    assert th.tolist() == [[0.99, 0.99], [2.0, 2.0], [0.3, 0.5], [0.3, 0.5]]


def test_classify_many_with_kinds_agrees_with_classify(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.4], [0.3] * 4)
    texts = ["加大财政投入", "感谢您的关心", "现有企业融资难", "建设人才公寓", "调研发现的问题"]
    kinds = ["suggestion", "closing", "background", None, "problem"]
    many = themes.classify_many(texts, model=model, kinds=kinds)
    one_by_one = [themes.classify(t, model=model, kind=k).themes for t, k in zip(texts, kinds, strict=True)]
    assert [p.themes for p in many] == one_by_one
    assert [p.themes for p in many] == [["funding", "talent"], [], [], ["funding", "talent"], []]
    # errors="skip": kinds stay aligned with the texts around a bad item
    skipped = themes.classify_many(["加大财政投入", "", "感谢您的关心"], model=model, errors="skip",
                                   kinds=["suggestion", "item", "closing"])
    assert skipped[1] is None
    assert [p.themes for p in (skipped[0], skipped[2]) if p is not None] == [["funding", "talent"], []]
    # without kinds, and with kinds on a model without a prior, nothing changes
    assert [p.themes for p in themes.classify_many(texts, model=model)] == [["funding", "talent"]] * 5
    plain = constant_model(featurizer, [0.05, 0.5, 0.05, 0.4], [0.3] * 4, prior=None)
    assert [p.themes for p in themes.classify_many(texts, model=plain, kinds=kinds)] == [["funding", "talent"]] * 5


def test_match_classifies_problem_units_with_their_kind(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4)
    al = match(PROPOSAL, REPLY, include_problems=True, themes=True, theme_model=model)
    doc = parse(PROPOSAL)
    kinds = {u.id: u.kind for u in doc.units}
    assert {kinds[uid] for uid in al.themes} == {"problem", "suggestion"}
    for uid, got in al.themes.items():
        assert got == ([] if kinds[uid] == "problem" else ["funding"]), uid


# -- the public API's checks ----------------------------------------------------------------------------------
def test_an_unknown_kind_is_named(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4)
    with pytest.raises(InputValueError, match="salutation") as caught:
        themes.classify("加大财政投入", model=model, kind="salutation")
    assert isinstance(caught.value, ValueError)
    assert "salutation" in error_text(caught.value, "zh") and "未知的单元类型" in error_text(caught.value, "zh")
    with pytest.raises(InputValueError, match=r"kinds\[1\].*greeting"):
        themes.classify_many(["加大财政投入", "感谢"], model=model, kinds=["item", "greeting"])
    with pytest.raises(InputTypeError, match="unit kind 3"):
        themes.classify("加大财政投入", model=model, kind=3)  # type: ignore[arg-type]
    with pytest.raises(InputValueError, match="2 kinds for 3 texts"):
        themes.classify_many(["一", "二", "三"], model=model, kinds=["item", "item"])
    with pytest.raises(InputTypeError, match="not a single string"):
        themes.classify_many(["一"], model=model, kinds="item")


# -- the model folder -----------------------------------------------------------------------------------------
def test_an_old_folder_without_the_field_loads_and_behaves_as_before(featurizer: Featurizer, tmp_path: Path) -> None:
    plain = constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4, prior=None)
    folder = save_model(plain, tmp_path / "old")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "kind_prior" not in manifest  # the folder the code before the prior wrote
    loaded = load_model(folder)
    assert loaded.kind_prior is None
    texts = ["感谢您的关心", "现有企业融资难"]
    assert loaded.predict(texts, kinds=["closing", "background"]) == loaded.predict(texts) == [["funding"]] * 2
    assert [p.themes for p in themes.classify_many(texts, model=loaded, kinds=["closing", "background"])] == [
        ["funding"],
        ["funding"],
    ]


def test_the_prior_round_trips_through_the_folder(featurizer: Featurizer, tmp_path: Path) -> None:
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4)
    folder = save_model(model, tmp_path / "with")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind_prior"] == PRIOR.to_dict()
    loaded = load_model(folder)
    assert loaded.kind_prior == PRIOR
    assert loaded.predict(["现有企业融资难"] * 2, kinds=["background", "item"]) == [[], ["funding"]]
    # saving the loaded model without its prior drops the field again
    loaded.kind_prior = None
    again = save_model(loaded, tmp_path / "again")
    assert "kind_prior" not in json.loads((again / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "bad",
    [
        {"scale": 0.5, "describing": ["background"], "frame": ["closing"]},
        {"scale": 2.0, "describing": ["background"], "frame": ["background"]},
        {"scale": 2.0, "describing": "background", "frame": ["closing"]},
        {"scale": 2.0, "describing": ["background"]},
        [2.0],
    ],
)
def test_a_malformed_prior_is_refused(featurizer: Featurizer, tmp_path: Path, bad: object) -> None:
    from proposalnlp._safefolder import settings_digest

    folder = save_model(constant_model(featurizer, [0.05, 0.5, 0.05, 0.05], [0.3] * 4), tmp_path / "m")
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["kind_prior"] = bad
    manifest["settings_sha256"] = settings_digest(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"kind_prior|kind prior"):
        load_model(folder)


def test_the_prior_needs_a_multi_label_model(featurizer: Featurizer) -> None:
    with pytest.raises(ModelFormatError, match="multi-label"):
        ThemeModel(featurizer, ["a", "b"], np.zeros((featurizer.n_features, 2)), np.zeros(2), -np.ones(2),
                   np.zeros(2), [0.5, 0.5], mode="single", kind_prior=PRIOR)
    with pytest.raises(ModelFormatError, match="scale"):
        KindPrior(float("nan"), ("background",), ("closing",))
