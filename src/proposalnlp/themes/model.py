"""The runtime theme model: scores, calibrated probabilities and labels with numpy alone.

:class:`ThemeModel` needs neither scikit-learn nor pickle. Its features come from
:class:`~proposalnlp.features.Featurizer` (sublinear tf-idf over word and character n-grams, l2 norm per
block); the products with the coefficients are summed row by row with ``np.add.reduceat``, so a text gets
bit-identical scores alone or in any batch. Saving and loading live in :mod:`proposalnlp.themes.folder`,
training in :mod:`proposalnlp.themes.train`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .._inputs import as_text_list
from ..errors import InputTypeError, ModelError, ModelFormatError
from ..features import Featurizer

__all__ = ["ThemeModel", "sigmoid", "softmax"]


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax over the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float64)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically safe logistic function."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


# -- runtime model ----------------------------------------------------------------------------------------
class ThemeModel:
    """A fitted linear text model ready for inference: no scikit-learn, no pickle.

    Calibrated probability of label k: ``1 / (1 + exp(a_k * score_k + b_k))`` (Platt) in multi-label mode,
    the softmax of ``-(a_k * score_k + b_k)`` over labels in single-label mode.

    Parameters
    ----------
    featurizer : Featurizer
        Turns texts into feature rows.
    labels : sequence of str
        The label of each coefficient column.
    coef : ndarray of shape (n_features, n_labels)
        Linear weights.
    intercept, platt_a, platt_b, thresholds : array-like of shape (n_labels,)
        Intercepts, calibration slopes and offsets, and probability thresholds (multi-label).
    mode : {"multi", "single"}, default "multi"
        ``"multi"``: each label on its own, :meth:`predict` returns label lists (possibly empty);
        ``"single"``: one label per text.
    manifest : dict, optional
        The model's manifest (training information, metrics) as saved.

    Attributes
    ----------
    path : Path or None
        The folder the model was loaded from or saved to.
    manifest_sha256 : str or None
        SHA-256 of that folder's manifest (None for an unsaved model).
    """

    def __init__(
        self,
        featurizer: Featurizer,
        labels: Sequence[str],
        coef: np.ndarray,
        intercept: np.ndarray,
        platt_a: ArrayLike,
        platt_b: ArrayLike,
        thresholds: ArrayLike,
        mode: str = "multi",
        manifest: dict[str, Any] | None = None,
    ) -> None:
        if mode not in ("multi", "single"):
            raise ModelFormatError(f"model mode must be 'multi' or 'single', got {mode!r}")
        self.featurizer = featurizer
        self.labels = [str(x) for x in labels]
        self.coef = np.ascontiguousarray(coef, dtype=np.float64)
        # multi-label with few labels: every subset of labels listed once, indexed by a bit code per row
        self._subsets = (
            [[x for k, x in enumerate(self.labels) if code >> k & 1] for code in range(1 << len(self.labels))]
            if len(self.labels) <= 6
            else None
        )
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.platt_a = np.asarray(platt_a, dtype=np.float64)
        self.platt_b = np.asarray(platt_b, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.mode = mode
        self.manifest: dict[str, Any] = dict(manifest or {})
        self.path: Path | None = None
        #: SHA-256 of the manifest this model was loaded from or saved to (None for an unsaved model).
        self.manifest_sha256: str | None = None
        n_labels = len(self.labels)
        if self.coef.shape != (featurizer.n_features, n_labels):
            raise ModelFormatError(f"coef has shape {self.coef.shape}, expected ({featurizer.n_features}, {n_labels})")
        for name in ("intercept", "platt_a", "platt_b", "thresholds"):
            if getattr(self, name).shape != (n_labels,):
                raise ModelFormatError(f"{name} has shape {getattr(self, name).shape}, expected ({n_labels},)")

    def __repr__(self) -> str:
        where = f", path={str(self.path)!r}" if self.path else ""
        return f"ThemeModel(labels={self.labels!r}, mode={self.mode!r}, features={self.featurizer.n_features}{where})"

    # -- scores ------------------------------------------------------------------------------------------
    def scores_from_csr(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray) -> np.ndarray:
        """Raw linear scores of CSR feature rows, shape ``(n_rows, n_labels)``.

        Each row's terms are summed in column order by ``np.add.reduceat``, independently of the other rows,
        so a text gets bit-identical scores alone or in any batch (one path for classify and classify_many).
        """
        n = len(indptr) - 1
        out = np.zeros((n, len(self.labels)), dtype=np.float64)
        nonempty = indptr[1:] > indptr[:-1]
        if len(data):
            # one gather of whole coef rows (one cache line per term): ~4x faster than coef[indices] or a
            # gather per label; reduceat then sums each row's terms in order, label by label
            terms = np.take(self.coef, indices, axis=0)
            terms *= data[:, None]
            out[nonempty] = np.add.reduceat(terms, indptr[:-1][nonempty], axis=0)
        return out + self.intercept

    def decision_one(self, text: str) -> np.ndarray:
        """Raw linear scores of one text (one per label)."""
        return self.scores_from_csr(*self.featurizer.transform_csr([text]))[0]

    def decision_function(self, texts: Iterable[str]) -> np.ndarray:
        """Raw linear scores, shape ``(n_texts, n_labels)``; identical to :meth:`decision_one` text by text."""
        return self.scores(as_text_list(texts))

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`decision_function` of a list already checked to hold only str (no second pass over it)."""
        return self.scores_from_csr(*self.featurizer.transform_csr(texts))

    def proba_from_scores(self, scores: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from raw scores: with ``z = -(a * score + b)`` per label, a sigmoid of z
        in multi-label mode (Platt), a softmax of z in single-label mode (rows sum to 1)."""
        z = -(scores * self.platt_a + self.platt_b)
        if self.mode == "single":
            return softmax(z)
        return sigmoid(z)

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """Calibrated probabilities, shape ``(n_texts, n_labels)``."""
        return self.proba_from_scores(self.decision_function(texts))

    def labels_from(self, scores: np.ndarray, proba: np.ndarray) -> list[Any]:
        """Predicted labels from scores and probabilities of a batch (lists in multi-label mode)."""
        if self.mode == "single":
            return [self.labels[int(k)] for k in np.argmax(scores, axis=1)]
        hits = proba >= self.thresholds
        subsets = self._subsets
        if subsets is not None:  # each row picks its subset of labels by a bit code
            codes = hits.astype(np.int64) @ (1 << np.arange(len(self.labels), dtype=np.int64))
            return list(map(list, map(subsets.__getitem__, codes.tolist())))  # a fresh list per row
        return [[self.labels[k] for k in np.flatnonzero(row)] for row in hits]

    def predict(self, texts: Iterable[str]) -> list[Any]:
        """One label per text (single-label) or a list of labels per text (multi-label)."""
        scores = self.decision_function(texts)
        return self.labels_from(scores, self.proba_from_scores(scores))

    # -- explanations ------------------------------------------------------------------------------------
    def explain(self, text: str, top: int = 10, labels: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Per label (the predicted ones unless ``labels`` is given), the ``top`` terms of the text with the
        largest weight × tf-idf, i.e. those that pushed the label's score up most.

        Each term is ``{"term": ..., "kind": "word" | "char", "weight": contribution}``.
        """
        if not isinstance(text, str):
            raise InputTypeError(f"explain expects one text (str), got {type(text).__name__}")
        indptr, idx, vals = self.featurizer.transform_csr([text])
        scores = self.scores_from_csr(indptr, idx, vals)[0]
        if labels is None:
            pred = self.labels_from(scores[None, :], self.proba_from_scores(scores[None, :]))[0]
            chosen = [pred] if isinstance(pred, str) else list(pred)
        else:
            chosen = list(labels)
            unknown = [x for x in chosen if x not in self.labels]
            if unknown:
                raise ModelError(f"unknown label(s) {unknown}; the model's labels are {self.labels}")
        out: dict[str, list[dict[str, Any]]] = {}
        for label in chosen:
            k = self.labels.index(label)
            contrib = vals * self.coef[idx, k]
            order = np.argsort(-contrib, kind="stable")
            terms = []
            for j in order[: max(int(top), 0)]:
                if contrib[j] <= 0:
                    break
                term, kind = self.featurizer.feature_name(int(idx[j]))
                terms.append({"term": term, "kind": kind, "weight": float(contrib[j])})
            out[label] = terms
        return out
