"""``ThemeClassifier.fit(..., select_on=mask)``: the dominance ratio is chosen on the held-out predictions of
the selected training texts only (e.g. the gold-like ones), everything else on all of them."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, KFold

import proposalnlp.themes.train as train
from proposalnlp.errors import InputTypeError, InputValueError, ProposalNLPError
from proposalnlp.themes.metrics import evaluate
from proposalnlp.themes.train import DOMINANCE_RATIOS, ThemeClassifier

# Hand-written (not from any real document): a unit about one theme that names another in passing. The
# "project" convention labels such a unit with both themes, the "gold" convention with its main theme only.
MAIN = {
    "talent": [
        "建议加大高层次人才引进力度，为领军人才提供住房保障，完善人才评价机制",
        "依托职业院校开展技能培训，培养一批产业工人和技能人才队伍",
    ],
    "funding": [
        "设立中小企业转型升级专项资金，对技改项目给予贴息和奖补",
        "扩大政府性融资担保规模，降低小微企业贷款门槛和融资成本",
    ],
    "innovation": [
        "支持龙头企业建设研发中心，开展关键核心技术攻关和成果转化",
        "深化产学研合作，推动企业实施智能化改造，建设数字化车间",
    ],
}
PASSING = {"talent": "并引进人才", "funding": "并给予资金支持", "innovation": "并推动技术创新"}


def _data() -> tuple[list[str], list[list[str]], np.ndarray]:
    texts: list[str] = []
    labels: list[list[str]] = []
    gold: list[bool] = []
    for a, b in itertools.permutations(MAIN, 2):
        for main in MAIN[a]:
            for is_gold in (False, True, False):  # two "project" copies (both themes), one "gold" (main only)
                texts.append(f"{main}，{PASSING[b]}")
                labels.append([a] if is_gold else [a, b])
                gold.append(is_gold)
    for a, mains in MAIN.items():
        for main in mains:
            texts.append(main)
            labels.append([a])
            gold.append(True)
    return texts, labels, np.array(gold)


TEXTS, LABELS, GOLD = _data()


def test_the_selection_changes_the_chosen_ratio() -> None:
    def est() -> ThemeClassifier:
        return ThemeClassifier(min_df=1, cv=3, dominance="cv")

    everything = est().fit(TEXTS, LABELS)
    on_gold = est().fit(TEXTS, LABELS, select_on=GOLD)
    on_project = est().fit(TEXTS, LABELS, select_on=~GOLD)
    # most texts follow the two-theme convention: every text (or those texts) keeps the second themes
    assert everything.dominance_ == 0.0 and on_project.dominance_ == 0.0
    # the single-theme convention wants the passing mentions dropped
    assert on_gold.dominance_ > 0.0 and on_gold.dominance_ in DOMINANCE_RATIOS
    assert on_gold.model_.dominance == on_gold.dominance_ == on_gold.training_["dominance"]
    assert on_gold.training_["n_select_on"] == int(GOLD.sum()) and "n_select_on" not in everything.training_
    # only the ratio depends on the selection: same weights, calibration and thresholds
    assert np.array_equal(on_gold.model_.coef, everything.model_.coef)
    assert np.array_equal(on_gold.thresholds_, everything.thresholds_)
    assert np.array_equal(on_gold.model_.platt_a, everything.model_.platt_a)
    # and the rule does what it was chosen for on the gold-like texts: a passing mention is dropped
    pred = on_gold.predict([t for t, g in zip(TEXTS, GOLD, strict=True) if g])
    truth = [y for y, g in zip(LABELS, GOLD, strict=True) if g]
    assert sum(sorted(p) == sorted(t) for p, t in zip(pred, truth, strict=True)) > len(truth) // 2


def test_the_ratio_is_chosen_on_the_selected_held_out_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[np.ndarray, np.ndarray]] = []
    real = train.best_dominance

    def spy(proba: np.ndarray, thresholds: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        seen.append((proba.copy(), y.copy()))
        return real(proba, thresholds, y)

    monkeypatch.setattr(train, "best_dominance", spy)
    ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS, LABELS)
    ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS, LABELS, select_on=list(GOLD))
    (all_p, all_y), (sel_p, sel_y) = seen
    assert all_p.shape[0] == len(TEXTS) and sel_p.shape[0] == int(GOLD.sum())
    assert np.array_equal(sel_p, all_p[GOLD]) and np.array_equal(sel_y, all_y[GOLD])


def test_a_fixed_ratio_or_single_label_ignores_the_selection() -> None:
    fixed = ThemeClassifier(min_df=1, cv=3, dominance=0.6).fit(TEXTS, LABELS, select_on=GOLD)
    assert fixed.dominance_ == 0.6
    single = ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS, [y[0] for y in LABELS], select_on=GOLD)
    assert single.mode_ == "single" and single.dominance_ == 0.0


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        (np.ones(len(TEXTS), dtype=np.int64), InputTypeError, "boolean mask"),  # 0/1 or indices: ambiguous
        (np.flatnonzero(GOLD), InputTypeError, "boolean mask"),
        ("gold", InputTypeError, "boolean mask"),
        (True, InputTypeError, "boolean mask"),
        (np.ones((len(TEXTS), 1), dtype=bool), InputTypeError, "boolean mask"),
        (GOLD[:-1], InputValueError, "41 items for 42 texts"),
        (np.zeros(len(TEXTS), dtype=bool), InputValueError, "selects no text"),
    ],
)
def test_a_bad_mask_is_refused(bad: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS, LABELS, select_on=bad)
    assert isinstance(info.value, ProposalNLPError)


def test_every_held_out_fold_needs_a_selected_text() -> None:
    groups = [f"doc{i % 6}" for i in range(len(TEXTS))]
    only_one_doc = np.array([g == "doc0" for g in groups])
    with pytest.raises(InputValueError, match="no text of held-out fold"):
        ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS, LABELS, groups=groups, select_on=only_one_doc)


def test_grid_search_slices_the_mask_with_the_texts() -> None:
    def micro_f1(est: ThemeClassifier, X: list[str], y: list[list[str]]) -> float:
        return float(evaluate(est, X, y)["micro"]["f1"])

    grid = GridSearchCV(
        ThemeClassifier(min_df=1, cv=2, dominance="cv"),
        {"C": [0.3, 1.0]},
        cv=KFold(2, shuffle=True, random_state=0),
        scoring=micro_f1,
    )
    grid.fit(TEXTS, LABELS, select_on=GOLD)
    assert grid.best_estimator_.training_["n_select_on"] == int(GOLD.sum())
