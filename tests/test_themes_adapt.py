"""``ThemeClassifier(adapt=...)``: feature augmentation (Daume III 2007) with the texts of ``fit``'s ``select_on``
as the target domain, for training data labelled by two conventions."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from proposalnlp.errors import InputValueError, ProposalNLPError
from proposalnlp.themes.train import ThemeClassifier
from test_themes_select_on import GOLD, LABELS, PASSING, TEXTS


def _fit(adapt: float) -> ThemeClassifier:
    return ThemeClassifier(min_df=1, cv=3, dominance=0.0, adapt=adapt).fit(TEXTS, LABELS, select_on=GOLD)


def test_the_target_convention_wins_on_target_like_text() -> None:
    """The project's copies say "main theme + the one named in passing", the gold copies "main theme only": with
    the augmentation the passing theme scores lower on such text, and more gold label sets come out exactly."""
    off, on = _fit(0.0), _fit(1.0)
    classes = [str(c) for c in on.classes_]
    rows = [i for i, g in enumerate(GOLD) if g and "，并" in TEXTS[i]]
    assert len(rows) >= 10
    texts = [TEXTS[i] for i in rows]
    passing = [next(t for t, cue in PASSING.items() if cue in text) for text in texts]
    cols = [classes.index(t) for t in passing]
    s_off = off.decision_function(texts)[np.arange(len(rows)), cols]
    s_on = on.decision_function(texts)[np.arange(len(rows)), cols]
    assert float(np.mean(s_on)) < float(np.mean(s_off))
    assert (s_on < s_off).sum() >= 0.8 * len(rows)

    def exact(est: ThemeClassifier) -> int:
        pred = est.predict(texts)
        return sum(sorted(p) == sorted(LABELS[i]) for p, i in zip(pred, rows, strict=True))

    assert exact(on) > exact(off)
    assert on.training_["adapt"] == 1.0 and "adapt" not in off.training_


def test_the_model_holds_the_folded_weights_of_a_target_text() -> None:
    """The saved weights are shared + adapt x corrections: the scikit-learn models on augmented target rows
    give the same scores, and the model keeps the size of one feature block."""
    est = ThemeClassifier(min_df=1, cv=3, adapt=0.5).fit(TEXTS, LABELS, select_on=GOLD)
    feat = est.model_.featurizer
    probe = [*TEXTS[:5], "一段与训练数据无关的文字"]
    indptr, indices, data = feat.transform_csr(probe)
    X = sp.csr_matrix((data, indices, indptr), shape=(len(probe), feat.n_features))
    Xa = ThemeClassifier._augment(X, np.ones(len(probe), dtype=bool), 0.5)
    sk = np.column_stack([m.decision_function(Xa) for m in est.estimators_])
    np.testing.assert_allclose(est.decision_function(probe), sk, rtol=1e-10, atol=1e-12)
    assert est.model_.coef.shape == (feat.n_features, len(est.classes_))


def test_adapt_zero_is_the_plain_model() -> None:
    plain = ThemeClassifier(min_df=1, cv=3).fit(TEXTS, LABELS, select_on=GOLD)
    off = _fit(0.0)
    assert np.array_equal(plain.model_.coef, off.model_.coef)


@pytest.mark.parametrize("bad", [-0.5, float("nan"), "1", True, None])
def test_a_bad_adapt_is_refused(bad: object) -> None:
    with pytest.raises(InputValueError, match="adapt must be") as info:
        ThemeClassifier(min_df=1, cv=3, adapt=bad).fit(TEXTS, LABELS, select_on=GOLD)  # type: ignore[arg-type]
    assert isinstance(info.value, ProposalNLPError)


def test_adapt_needs_the_target_texts() -> None:
    with pytest.raises(InputValueError, match="needs select_on"):
        ThemeClassifier(min_df=1, cv=3, adapt=1.0).fit(TEXTS, LABELS)
