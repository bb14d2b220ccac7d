"""``ThemeClassifier(threshold_scale=...)``: one factor for every label's threshold, fixed or chosen with the
dominance ratio on the held-out predictions of ``fit``'s selected texts (labelled like the evaluation)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from proposalnlp.errors import InputValueError
from proposalnlp.themes.train import THRESHOLD_SCALES, ThemeClassifier, best_scale_and_dominance

# Hand-written (not from any real document). Requests that carry a theme, and background sentences (figures,
# what exists today) that only mention its vocabulary. The "project" convention gives the background units the
# theme they mention (mostly); the "gold" convention leaves them empty (a background describes, it does not ask).
REQUESTS = {
    "talent": [
        "建议完善乡村教师培训制度，引进紧缺学科骨干教师",
        "建议加快培养护理员队伍，落实技能人才职称评定",
        "建议设立青年科技人才专项计划，支持人才落户",
    ],
    "funding": [
        "建议设立养老服务专项资金，对民办机构给予运营补贴",
        "建议扩大政府性融资担保规模，降低小微企业贷款利率",
        "建议省财政加大转移支付力度，保障基层经费投入",
    ],
}
BACKGROUND = {
    "talent": [
        "据统计，目前全市共有教师四千二百人，其中高级职称占百分之十八",
        "据统计，近三年我市引进各类人才一千余名，人才总量逐年增加",
        "据统计，全省现有护理员约两万人，平均年龄五十一岁",
    ],
    "funding": [
        "据统计，去年全市财政投入养老服务资金三点二亿元，同比增长百分之九",
        "据统计，截至去年底，全市小微企业贷款余额达四百六十亿元",
        "据测算，本项目预计总投资一点五亿元，建设周期两年",
    ],
}


def _data() -> tuple[list[str], list[list[str]], np.ndarray]:
    texts: list[str] = []
    labels: list[list[str]] = []
    gold: list[bool] = []
    for theme in REQUESTS:
        for copy in range(4):  # one gold copy, three project copies
            for text in REQUESTS[theme]:
                texts.append(text)
                labels.append([theme])
                gold.append(copy == 0)
            for text in BACKGROUND[theme]:
                texts.append(text)
                # the conventions disagree on backgrounds only: the project labels two of its three copies
                labels.append([theme] if copy in (1, 2) else [])
                gold.append(copy == 0)
    return texts, labels, np.array(gold)


TEXTS, LABELS, GOLD = _data()


def test_best_scale_raises_the_thresholds_when_the_selected_labels_leave_weak_hits_empty() -> None:
    thresholds = np.full(2, 0.3)
    # two requests with a high probability, two backgrounds just above the threshold
    proba = np.array([[0.9, 0.05], [0.05, 0.85], [0.4, 0.05], [0.05, 0.35], [0.1, 0.1]])
    empty = np.array([[1, 0], [0, 1], [0, 0], [0, 0], [0, 0]])
    scale, ratio, macro = best_scale_and_dominance(proba, thresholds, empty)
    assert scale > 1.0 and scale in THRESHOLD_SCALES and macro == 1.0
    assert ratio == 0.0  # one theme per unit: the dominance rule has nothing to add
    # the same probabilities where the weak hits are real themes: the thresholds stay as they are
    real = np.array([[1, 0], [0, 1], [1, 0], [0, 1], [0, 0]])
    assert best_scale_and_dominance(proba, thresholds, real)[:2] == (1.0, 0.0)
    # ties go to the factor nearest 1, here below it rather than far above it
    assert best_scale_and_dominance(proba, thresholds, real, scales=(2.0, 0.8))[0] == 0.8


def test_the_factor_is_capped_below_one() -> None:
    proba = np.array([[0.995, 0.0], [0.0, 0.2]])
    y = np.array([[1, 0], [0, 0]])
    scale, _, macro = best_scale_and_dominance(proba, np.array([0.7, 0.7]), y, scales=(2.0,))
    assert scale == 2.0 and macro == 0.5  # 0.7 * 2 capped at 0.99: the sure hit is kept, label 1 has no positive


def test_default_is_off_and_a_fixed_factor_scales_every_threshold(tmp_path: Path) -> None:
    off = ThemeClassifier(min_df=1, cv=3).fit(TEXTS, LABELS)
    assert off.get_params()["threshold_scale"] == 1.0 and "threshold_scale" not in off.training_
    fixed = ThemeClassifier(min_df=1, cv=3, threshold_scale=1.5).fit(TEXTS, LABELS)
    assert clone(fixed).get_params()["threshold_scale"] == 1.5
    assert np.allclose(fixed.thresholds_, np.minimum(off.thresholds_ * 1.5, 0.99))
    assert np.array_equal(fixed.model_.coef, off.model_.coef)  # only the thresholds move
    assert fixed.training_["threshold_scale"] == 1.5

    back = ThemeClassifier.load(fixed.save(tmp_path / "m"))
    assert back.get_params()["threshold_scale"] == 1.5 and np.array_equal(back.thresholds_, fixed.thresholds_)
    assert back.predict(TEXTS) == fixed.predict(TEXTS)


def test_cv_is_chosen_with_the_ratio_on_the_held_out_predictions_of_the_selected_texts() -> None:
    def est(scale: float | str) -> ThemeClassifier:
        return ThemeClassifier(min_df=1, cv=3, threshold_scale=scale, dominance="cv")

    plain = est(1.0).fit(TEXTS, LABELS, select_on=GOLD)
    chosen = est("cv").fit(TEXTS, LABELS, select_on=GOLD)
    y = np.array([[c in labs for c in plain.classes_] for labs in LABELS], dtype=int)
    scale, ratio, _ = best_scale_and_dominance(plain.oof_proba_[GOLD], plain.thresholds_, y[GOLD])
    assert chosen.training_["threshold_scale"] == scale and chosen.dominance_ == ratio
    assert np.allclose(chosen.thresholds_, np.minimum(plain.thresholds_ * scale, 0.99))
    assert np.array_equal(chosen.model_.coef, plain.model_.coef)  # only the thresholds (and the ratio) move
    # the choice rests on the selected texts: on the project's copies alone it is that of their predictions
    project = est("cv").fit(TEXTS, LABELS, select_on=~GOLD)
    expected = best_scale_and_dominance(plain.oof_proba_[~GOLD], plain.thresholds_, y[~GOLD])[:2]
    assert (project.training_["threshold_scale"], project.dominance_) == expected


@pytest.mark.parametrize("bad", ["CV", 0, -1.0, float("nan"), None, True, [1.5]])
def test_a_bad_threshold_scale_is_refused_at_fit(bad: object) -> None:
    with pytest.raises(InputValueError, match="threshold_scale"):
        ThemeClassifier(min_df=1, threshold_scale=bad).fit(TEXTS, LABELS)  # type: ignore[arg-type]
