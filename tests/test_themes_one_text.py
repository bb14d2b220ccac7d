"""The one-text paths of a warm ``classify()`` call give what the batch paths give: the labels of one row of
probabilities chosen in plain Python (thresholds, dominance rule, kind prior, evidence words), one text's
prediction built without the batch machinery. Texts are hand-written, not taken from any real document."""

from __future__ import annotations

import numpy as np
import pytest

from proposalnlp.themes import api
from proposalnlp.themes.api import classify, classify_many, load_model
from proposalnlp.themes.model import KindPrior

KINDS = [None, "suggestion", "background", "problem", "closing", "header"]
TEXTS = [
    "建议设立乡村教师培训专项资金，提高基层教师待遇",
    "加强政策宣传，引导企业主动开展技术改造",
    "推进医院信息化建设，开通远程会诊平台",
    "感谢您对我们工作的关心和支持",
    "近年来我县财政投入逐年增加",
    "一是加大投入。二是培养人才；三是宣传引导",
    "ＡＩ研发５Ｇ平台",
    "资 金不足制约了项目进度",
]


def probabilities(rng: np.random.Generator, thresholds: np.ndarray, n: int) -> np.ndarray:
    """Rows of probabilities with the edges the rules compare at: values equal to a threshold, ties between
    labels, a value equal to the dominance floor of the row's highest, rows under every threshold."""
    proba = rng.uniform(0.0, 1.0, size=(n, len(thresholds)))
    at = rng.uniform(size=proba.shape) < 0.2
    proba[at] = np.broadcast_to(thresholds, proba.shape)[at]
    proba[::7, 1] = proba[::7, 0]  # ties
    proba[::11] *= 0.1  # nothing above a threshold
    return proba


@pytest.mark.parametrize("dominance", [0.0, 0.5, 0.7])
def test_one_row_gets_the_labels_its_row_gets_in_a_batch(dominance: float) -> None:
    model = load_model()
    saved = model.dominance
    model.dominance = dominance
    try:
        rng = np.random.default_rng(3)
        proba = probabilities(rng, model.thresholds, 400)
        ratio_rows = np.arange(0, 400, 13)  # one label exactly at the floor of the row's highest
        if dominance:
            proba[ratio_rows, 2] = dominance * proba[ratio_rows].max(axis=1)
        texts = [TEXTS[i % len(TEXTS)] for i in range(len(proba))]
        kinds = [KINDS[i % len(KINDS)] for i in range(len(proba))]
        for with_kinds in (None, kinds):
            batch = model.labels_from(proba, proba, with_kinds, texts)
            alone = [
                model.labels_from(proba[i : i + 1], proba[i : i + 1], None if with_kinds is None else [kinds[i]],
                                  [texts[i]])[0]
                for i in range(len(proba))
            ]
            assert alone == batch
            assert sum(map(len, batch)) > 100  # the rows do carry labels
    finally:
        model.dominance = saved


def test_one_row_keeps_the_batch_errors() -> None:
    model = load_model()
    proba = np.full((1, len(model.labels)), 0.9)
    with pytest.raises(ValueError, match="one per row"):
        model.labels_from(proba, proba, None, ["一", "二"])
    with pytest.raises(ValueError, match="needs the texts"):
        model.labels_from(proba, proba, None, None)


def test_evidence_held_is_holds_label_by_label() -> None:
    evidence = load_model().evidence
    assert evidence is not None
    for text in TEXTS:
        labels = list(evidence.words)
        assert evidence.held(text, labels) == {lab: evidence.holds(text, lab) for lab in labels}
    assert evidence.held("资 金", ["funding"]) == {"funding": True}  # found in the text as the model reads it


def test_a_warm_call_is_the_texts_row_of_a_batch() -> None:
    preds = classify_many(TEXTS, kinds=[KINDS[i % len(KINDS)] for i in range(len(TEXTS))])
    for i, text in enumerate(TEXTS):
        one = classify(text, kind=KINDS[i % len(KINDS)])
        assert one == preds[i] and type(one) is type(preds[i])
        assert one.to_dict() == preds[i].to_dict()
    assert any(p.themes for p in preds) and any(not p.themes for p in preds)


def test_a_prediction_of_one_text_is_a_fresh_object() -> None:
    model = load_model()
    scores = model.scores([TEXTS[0]])
    a, b = api._predictions(model, scores, [TEXTS[0]])[0], api._predictions(model, scores, [TEXTS[0]])[0]
    assert a == b and a.themes is not b.themes and a.scores is not b.scores
    a.themes.append("x")
    assert "x" not in b.themes


def test_kind_prior_thresholds_apply_to_one_row() -> None:
    model = load_model()
    prior = model.kind_prior
    assert isinstance(prior, KindPrior)
    # a probability between the plain threshold and the describing one: kept without a kind, not as background
    k = model.labels.index("funding")
    row = np.zeros((1, len(model.labels)))
    row[0, k] = min(model.thresholds[k] * (1 + prior.scale) / 2, 0.98)
    text = ["设立专项资金"]
    assert model.labels_from(row, row, None, text) == [["funding"]]
    assert model.labels_from(row, row, ["background"], text) == [[]]
    assert model.labels_from(row, row, ["closing"], text) == [[]]
