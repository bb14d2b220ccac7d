"""The bundled default theme model against the shared gold (floors measured by scripts/train_default_model.py).

The full leave-one-document-out evaluation (33 refits) lives in the training script and the model card;
here a grouped 4-fold split of the gold documents (same estimator settings as the bundled model, read
from its manifest) keeps the suite fast while still measuring generalisation to unseen documents.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from devtools.corpus import GoldDocument, iter_gold_documents, load_theme_labels
from proposalnlp import ThemeClassifier
from proposalnlp.themes import THEMES, classify, classify_many, default_model_path, load_model


@pytest.fixture(scope="module")
def golds(shared: Path) -> list[GoldDocument]:
    return list(iter_gold_documents(shared))


def _f1(truth: list[list[str]], pred: list[list[str]], theme: str) -> float:
    tp = sum(theme in a and theme in b for a, b in zip(truth, pred, strict=True))
    fp = sum(theme not in a and theme in b for a, b in zip(truth, pred, strict=True))
    fn = sum(theme in a and theme not in b for a, b in zip(truth, pred, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _none_rate(truth: list[list[str]], pred: list[list[str]]) -> float:
    empty = [not p for t, p in zip(truth, pred, strict=True) if not t]
    return float(np.mean(empty))


def test_bundled_model_loads_with_the_four_themes() -> None:
    model = load_model()
    assert sorted(model.labels) == sorted(THEMES)
    assert model.mode == "multi"


def test_reference_problems_get_their_own_theme_as_top(golds: list[GoldDocument]) -> None:
    ref = golds[0]
    problems = {u.id: u for u in ref.units if u.id in ("P-Q1", "P-Q2", "P-Q3", "P-Q4")}
    assert len(problems) == 4
    for uid, unit in problems.items():
        pred = classify(unit.text)
        assert pred.top in unit.themes, (uid, unit.themes, pred.scores)


def test_predictions_on_gold_units_are_sane(golds: list[GoldDocument]) -> None:
    units = [u for d in golds for u in d.units]
    preds = classify_many([u.text for u in units])
    truth = [u.themes for u in units]
    pred = [p.themes for p in preds]
    for p in preds:
        assert set(p.scores) == set(THEMES)
        assert all(0.0 <= s <= 1.0 for s in p.scores.values())
        assert set(p.themes) <= set(THEMES)
        assert p.top in THEMES
    # the model has seen these units: it must reproduce them well, themes and empty sets alike
    macro = float(np.mean([_f1(truth, pred, t) for t in THEMES]))
    assert macro >= 0.85, macro
    assert _none_rate(truth, pred) >= 0.85
    # single calls agree with the batch
    for u, p in list(zip(units, preds, strict=True))[:20]:
        assert classify(u.text).themes == p.themes


def test_greetings_and_administration_get_no_theme() -> None:
    # hand-written here, in the style of replies; none of these is about talent, money, technology or attitudes
    for text in (
        "感谢您对我市工作的关心和支持，欢迎继续提出宝贵意见。",
        "我局成立了工作领导小组，定期召开会议研究部署相关工作。",
    ):
        assert classify(text).themes == [], text


def test_grouped_cross_validation_floors(golds: list[GoldDocument]) -> None:
    """Hold out a quarter of the gold documents at a time; train on the rest plus the project's labels."""
    labels = load_theme_labels()
    extra_x = [lu.text for lu in labels]
    extra_y = [lu.themes for lu in labels]
    base = ThemeClassifier.load(default_model_path())
    folds = [list(range(i, len(golds), 4)) for i in range(4)]
    truth: list[list[str]] = []
    pred: list[list[str]] = []
    for held in folds:
        train_docs = [d for i, d in enumerate(golds) if i not in held]
        x = [u.text for d in train_docs for u in d.units] + extra_x
        y = [u.themes for d in train_docs for u in d.units] + extra_y
        est = clone(base).fit(x, y)
        test_units = [u for i in held for u in golds[i].units]
        truth += [u.themes for u in test_units]
        pred += [list(p) for p in est.predict([u.text for u in test_units])]
    f1 = {t: _f1(truth, pred, t) for t in THEMES}
    macro = float(np.mean(list(f1.values())))
    assert macro >= MACRO_FLOOR, f1
    assert _none_rate(truth, pred) >= NONE_FLOOR


# floors a little under the grouped 4-fold figures measured when the bundled model was built
# (macro-F1 0.779, none-rate 0.835 with lead_weight=1; the full LODO figures, 0.804 / 0.835, are in MODEL_CARD.md)
MACRO_FLOOR = 0.75
NONE_FLOOR = 0.80
