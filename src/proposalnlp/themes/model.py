"""The runtime theme model: scores, calibrated probabilities and labels with numpy alone.

:class:`ThemeModel` needs neither scikit-learn nor pickle. Its features come from
:class:`~proposalnlp.features.Featurizer` (sublinear tf-idf over word and character n-grams, l2 norm per
block); the products with the coefficients are summed row by row with ``np.add.reduceat``, so a text gets
bit-identical scores alone or in any batch. Saving and loading live in :mod:`proposalnlp.themes.folder`,
training in :mod:`proposalnlp.themes.train`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .._inputs import as_text_list, check_int, check_str, given
from ..errors import InputTypeError, InputValueError, ModelError, ModelFormatError
from ..features import Featurizer
from .evidence import Evidence

__all__ = [
    "POOL_MIN_CHARS",
    "KindPrior",
    "ThemeModel",
    "dominant_hits",
    "sigmoid",
    "softmax",
    "split_sentences",
]

logger = logging.getLogger(__name__)

#: Units shorter than this (in characters) are scored as a whole only: sentence pooling is for long units
#: with several points, where the whole-unit score dilutes a secondary point (about the longest tenth of
#: the gold units). Scoring sentences costs a second featurization of the text: at 200 characters a quarter
#: of the paragraphs of benchmarks/bench_classify.py would pay it (about +30% batch time), at 300 about 1%.
POOL_MIN_CHARS = 300
#: Pieces shorter than this join the next piece (a heading such as 一是加大投入 goes with what it heads).
_MIN_PIECE = 12
_SENTENCE_END = re.compile(r"[^。！？；!?;\n]+[。！？；!?;\n]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of a text's sentences (or clause groups): cut after 。！？； and line breaks, a piece
    shorter than 12 characters joined to the next one, surrounding whitespace left out of each span."""
    spans: list[tuple[int, int]] = []
    start = -1
    for m in _SENTENCE_END.finditer(text):
        s, e = m.span()
        if start < 0:
            start = s
        piece = text[start:e].strip()
        if len(piece) >= _MIN_PIECE:
            spans.append((start, e))
            start = -1
    if start >= 0:
        if text[start:].strip():
            if spans and len(text[start:].strip()) < _MIN_PIECE:
                spans[-1] = (spans[-1][0], len(text))
            else:
                spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        out.append((s + lead, s + len(chunk.rstrip())))
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax over the last axis."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float64)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically safe logistic function."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)


# -- runtime model ----------------------------------------------------------------------------------------
def dominant_hits(proba: np.ndarray, thresholds: np.ndarray, ratio: float) -> np.ndarray:
    """Boolean label matrix of a multi-label batch: the labels above their thresholds, of which each row keeps,
    when ``ratio`` r > 0, those whose probability is at least r times the highest such probability of the row
    (the dominance rule of :class:`ThemeModel`; r < 1, so the highest itself and ties always pass)."""
    hits = np.asarray(proba) >= thresholds
    if ratio:
        # the highest probability above its threshold per row (0 for a row without any: nothing to keep)
        top = np.max(np.where(hits, proba, 0.0), axis=1, keepdims=True)
        hits &= proba >= ratio * top
    return hits


#: Highest threshold a describing unit's factor can give (a describing unit can always carry a theme).
KIND_THRESHOLD_CAP = 0.99


@dataclass(frozen=True)
class KindPrior:
    """The unit's kind as a prior on its themes (multi-label models; an optional field of the model folder).

    ANNOTATION.md gives greetings, thanks and the letter's frame no theme, and a unit that describes the
    situation (background, problem) names themes as context more often than a suggestion or an answer does.
    So a unit of a ``frame`` kind carries no theme, and a unit of a ``describing`` kind needs every probability
    ``scale`` times its threshold (at most :data:`KIND_THRESHOLD_CAP`). Other kinds, and a text without a kind,
    keep the model's thresholds.

    Attributes
    ----------
    scale : float
        Factor (>= 1) on every threshold for describing units, chosen in training on held-out gold units.
    describing, frame : tuple of str
        The unit kinds (:data:`proposalnlp.document.KINDS`) each rule applies to; disjoint.
    """

    scale: float
    describing: tuple[str, ...]
    frame: tuple[str, ...]

    def __post_init__(self) -> None:
        scale = self.scale
        if isinstance(scale, bool) or not isinstance(scale, (int, float, np.integer, np.floating)):
            raise ModelFormatError(f"kind prior: scale must be a number >= 1, got {type(scale).__name__}")
        if not 1.0 <= float(scale) <= 100.0:  # also refuses NaN
            raise ModelFormatError(f"kind prior: scale must be a number in [1, 100], got {scale!r}")
        for name in ("describing", "frame"):
            kinds = getattr(self, name)
            if not isinstance(kinds, (tuple, list)) or not all(isinstance(k, str) and k for k in kinds):
                raise ModelFormatError(f"kind prior: {name} must be a list of unit kinds (non-empty strings)")
            object.__setattr__(self, name, tuple(kinds))
        both = sorted(set(self.describing) & set(self.frame))
        if both:
            raise ModelFormatError(f"kind prior: kinds {both} are both describing and frame")
        object.__setattr__(self, "scale", float(scale))

    def to_dict(self) -> dict[str, Any]:
        """The manifest's ``kind_prior`` object."""
        return {"scale": self.scale, "describing": list(self.describing), "frame": list(self.frame)}

    def thresholds(self, base: np.ndarray, kinds: Sequence[str | None]) -> np.ndarray:
        """Per text of ``kinds`` the thresholds ``base`` with the prior applied, shape ``(len(kinds), n_labels)``;
        a frame unit's are above any probability (2.0)."""
        out = np.tile(np.asarray(base, dtype=np.float64), (len(kinds), 1))
        describing = np.array([k in self.describing for k in kinds], dtype=bool)
        frame = np.array([k in self.frame for k in kinds], dtype=bool)
        out[describing] = np.minimum(out[describing] * self.scale, KIND_THRESHOLD_CAP)
        out[frame] = 2.0
        return out


class ThemeModel:
    """A fitted linear text model ready for inference: no scikit-learn, no pickle.

    Calibrated probability of label k: ``1 / (1 + exp(a_k * score_k + b_k))`` (Platt) in multi-label mode,
    the softmax of ``-(a_k * score_k + b_k)`` over labels in single-label mode.

    Sentence pooling (multi-label, ``pool`` given): a text of at least ``pool_min_chars`` characters with
    several sentences (:func:`split_sentences`) is also scored sentence by sentence with the same weights,
    and its score of label k becomes ``u_k + pool_k * max(0, s_k - u_k)``, where ``u_k`` is the whole-text
    score and ``s_k`` the best sentence's: a unit carries a theme that one of its sub-points is mainly about
    even when the rest of the unit dilutes it. Shorter texts, and labels with ``pool_k = 0``, keep the
    whole-text score.

    Dominance rule (multi-label, ``dominance`` r > 0): of the labels whose probability passes its threshold,
    a text keeps those whose probability is at least r times the highest of them (a label equal to the highest
    is kept). A unit about one theme that mentions another in passing keeps only its main theme, and a text
    with a label above its threshold never ends up with none. ``dominance = 0`` keeps every label above its
    threshold.

    Kind prior (multi-label, ``kind_prior`` given; :class:`KindPrior`): when the caller passes each text's unit
    kind (``labels_from(..., kinds=...)``), units of a frame kind carry no theme and units of a describing kind
    need a probability ``scale`` times each threshold. Texts without a kind keep the plain thresholds, so
    ``predict(texts)`` is the same with or without a prior.

    Evidence (multi-label, ``evidence`` given; :class:`~proposalnlp.themes.evidence.Evidence`): after the rules
    above, a text keeps a label only if it holds one of that label's words (a funding score without any word of
    money gives no funding). It only removes labels; :meth:`labels_from` needs the texts for it.

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
    pool : array-like of shape (n_labels,), optional
        Weight in [0, 1] of the best sentence's score per label (None or all zeros: no pooling).
    pool_min_chars : int, default :data:`POOL_MIN_CHARS`
        Texts shorter than this are never split into sentences.
    dominance : float in [0, 1), default 0.0
        Ratio of the dominance rule (multi-label); 0 turns it off.
    kind_prior : KindPrior, optional
        The unit's kind as a prior (multi-label); None: kinds change nothing.
    evidence : Evidence, optional
        Per label, the words a text must hold to keep it (multi-label); None: every label is kept.
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
        pool: ArrayLike | None = None,
        pool_min_chars: int = POOL_MIN_CHARS,
        dominance: float = 0.0,
        kind_prior: KindPrior | None = None,
        evidence: Evidence | None = None,
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
        self.pool: np.ndarray | None = None
        self.pool_min_chars = int(pool_min_chars)
        if pool is not None:
            weights = np.asarray(pool, dtype=np.float64)
            if weights.shape != (n_labels,) or not np.all((weights >= 0) & (weights <= 1)):
                raise ModelFormatError(f"pool must hold {n_labels} weights in [0, 1], got {weights.tolist()!r:.80}")
            if mode != "multi" and weights.any():
                raise ModelFormatError("sentence pooling needs a multi-label model")
            if weights.any():
                self.pool = weights
        if self.pool_min_chars < 1:
            raise ModelFormatError(f"pool_min_chars must be >= 1, got {self.pool_min_chars}")
        self._dominance = 0.0
        self.dominance = dominance
        if kind_prior is not None and not isinstance(kind_prior, KindPrior):
            raise ModelFormatError(f"kind_prior must be a KindPrior or None, got {type(kind_prior).__name__}")
        if kind_prior is not None and mode != "multi":
            raise ModelFormatError("the kind prior needs a multi-label model")
        self.kind_prior: KindPrior | None = kind_prior
        if evidence is not None and not isinstance(evidence, Evidence):
            raise ModelFormatError(f"evidence must be an Evidence or None, got {type(evidence).__name__}")
        if evidence is not None and mode != "multi":
            raise ModelFormatError("the evidence rule needs a multi-label model")
        unknown = sorted(set(evidence.words) - set(self.labels)) if evidence is not None else []
        if unknown:
            raise ModelFormatError(f"evidence: labels {unknown} are not the model's labels {self.labels}")
        self.evidence: Evidence | None = evidence

    @property
    def dominance(self) -> float:
        """Ratio r of the dominance rule (multi-label): a label above its threshold is kept only if its
        probability is at least r times the highest such probability of the text; 0 keeps them all."""
        return self._dominance

    @dominance.setter
    def dominance(self, value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ModelFormatError(f"dominance must be a number in [0, 1), got {type(value).__name__}")
        ratio = float(value)
        if not 0.0 <= ratio < 1.0:  # also refuses NaN
            raise ModelFormatError(f"dominance must be a ratio in [0, 1) (0 turns the rule off), got {value!r}")
        if ratio and self.mode != "multi":
            raise ModelFormatError("the dominance rule needs a multi-label model (single-label keeps one label)")
        self._dominance = ratio

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

    def sentence_pieces(self, texts: Sequence[str]) -> tuple[list[int], list[list[tuple[int, int]]], list[str]]:
        """The texts that pooling splits (at least ``pool_min_chars`` characters and two sentences): their
        indices, their sentence spans, and all their sentences in order."""
        minimum = self.pool_min_chars
        which: list[int] = []
        spans: list[list[tuple[int, int]]] = []
        pieces: list[str] = []
        for i in [i for i, n in enumerate(map(len, texts)) if n >= minimum]:
            text = texts[i]
            cut = split_sentences(text)
            if len(cut) > 1:
                which.append(i)
                spans.append(cut)
                pieces.extend(text[s:e] for s, e in cut)
        return which, spans, pieces

    def sentence_scores(self, texts: Sequence[str]) -> tuple[np.ndarray, list[list[tuple[int, int]]], np.ndarray]:
        """Scores of the sentences of the texts that pooling splits: the indices of those texts, their sentence
        spans, and the scores of all their sentences in order, shape ``(n_sentences, n_labels)``."""
        which, spans, pieces = self.sentence_pieces(texts)
        if not pieces:
            return np.zeros(0, dtype=np.int64), [], np.zeros((0, len(self.labels)))
        return np.asarray(which, dtype=np.int64), spans, self.scores_from_csr(*self.featurizer.transform_csr(pieces))

    def _pooled(
        self, unit: np.ndarray, which: Sequence[int], spans: list[list[tuple[int, int]]], sent: np.ndarray
    ) -> np.ndarray:
        """``unit`` scores with the rows ``which`` pooled over their sentences' scores ``sent`` (a new array)."""
        out = np.array(unit, dtype=np.float64)
        if self.pool is not None and len(which):
            rows_at = np.asarray(which, dtype=np.int64)
            starts = np.cumsum([0] + [len(c) for c in spans[:-1]])
            best = np.maximum.reduceat(sent, starts, axis=0)
            rows = out[rows_at]
            out[rows_at] = rows + self.pool * np.maximum(best - rows, 0.0)
        return out

    def pool_scores(self, texts: Sequence[str], unit_scores: np.ndarray) -> np.ndarray:
        """Pooled scores (see the class docstring) from the whole-text scores of ``texts``: a new array."""
        if self.pool is None:
            return np.array(unit_scores, dtype=np.float64)
        which, spans, sent = self.sentence_scores(texts)
        return self._pooled(unit_scores, which.tolist(), spans, sent)

    def decision_one(self, text: str) -> np.ndarray:
        """Scores of one text (one per label), pooled over its sentences when the model pools."""
        return self.scores([text])[0]

    def decision_function(self, texts: Iterable[str]) -> np.ndarray:
        """Scores, shape ``(n_texts, n_labels)``; identical to :meth:`decision_one` text by text."""
        return self.scores(as_text_list(texts))

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`decision_function` of a list already checked to hold only str (no second pass over it)."""
        if self.pool is None or not texts or max(map(len, texts)) < self.pool_min_chars:
            return self.scores_from_csr(*self.featurizer.transform_csr(texts))
        # the long texts' sentences go through the featurizer in the same pass as the texts (rows are
        # independent, so the scores are those of separate passes, without a second pass's fixed costs)
        which, spans, pieces = self.sentence_pieces(texts)
        if not pieces:
            return self.scores_from_csr(*self.featurizer.transform_csr(texts))
        n = len(texts)
        both = self.scores_from_csr(*self.featurizer.transform_csr([*texts, *pieces]))
        return self._pooled(both[:n], which, spans, both[n:])

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

    def row_thresholds(self, kinds: Sequence[str | None] | None) -> np.ndarray:
        """The thresholds that texts of unit kinds ``kinds`` are held to: the model's (one row for all) without
        kinds or without a kind prior, else one row per text (:meth:`KindPrior.thresholds`)."""
        if kinds is None or self.kind_prior is None:
            return self.thresholds
        return self.kind_prior.thresholds(self.thresholds, kinds)

    def labels_from(
        self,
        scores: np.ndarray,
        proba: np.ndarray,
        kinds: Sequence[str | None] | None = None,
        texts: Sequence[str] | None = None,
    ) -> list[Any]:
        """Predicted labels from scores and probabilities of a batch (lists in multi-label mode): the labels
        above their thresholds (per text, with the kind prior when ``kinds`` gives each text's unit kind),
        thinned by the dominance rule when ``dominance`` > 0, then (a model with ``evidence``) without the
        labels whose words their text, of ``texts``, does not hold. A model with evidence needs ``texts``."""
        if self.mode == "single":
            return [self.labels[int(k)] for k in np.argmax(scores, axis=1)]
        if kinds is not None and len(kinds) != len(proba):
            raise InputValueError(f"kinds must give one kind per text: {len(kinds)} kinds for {len(proba)} texts")
        if len(proba) == 1 and self._subsets is not None and (self.evidence is None or texts is not None):
            return [self._labels_of_one(proba, kinds, texts)]
        hits = dominant_hits(proba, self.row_thresholds(kinds), self._dominance)
        if self.evidence is not None:
            if texts is None:
                raise ModelError("this model keeps a label only with one of its words: labels_from needs the texts")
            if len(texts) != len(proba):
                raise InputValueError(f"texts must be one per row: {len(texts)} texts for {len(proba)} rows")
            hits = self.evidence.mask(hits, texts, self.labels)
        subsets = self._subsets
        if subsets is not None:  # each row picks its subset of labels by a bit code
            codes = hits.astype(np.int64) @ (1 << np.arange(len(self.labels), dtype=np.int64))
            return list(map(list, map(subsets.__getitem__, codes.tolist())))  # a fresh list per row
        return [[self.labels[k] for k in np.flatnonzero(row)] for row in hits]

    def _labels_of_one(
        self, proba: np.ndarray, kinds: Sequence[str | None] | None, texts: Sequence[str] | None
    ) -> list[str]:
        """:meth:`labels_from` of a batch of one text (multi-label) in plain Python: the same comparisons of the
        same float64 values as :func:`dominant_hits` and :meth:`Evidence.mask`, without their numpy calls (a
        warm ``classify()`` call)."""
        p = proba[0].tolist()
        thresholds = self.row_thresholds(kinds)
        hits = [x >= t for x, t in zip(p, np.ravel(thresholds).tolist(), strict=True)]
        if self._dominance and any(hits):
            floor = self._dominance * max(x for x, h in zip(p, hits, strict=True) if h)
            hits = [h and x >= floor for x, h in zip(p, hits, strict=True)]
        labels = self.labels
        if self.evidence is not None and texts is not None:
            if len(texts) != 1:
                raise InputValueError(f"texts must be one per row: {len(texts)} texts for 1 rows")
            held = self.evidence.held(texts[0], [lab for lab, h in zip(labels, hits, strict=True) if h])
            hits = [h and held.get(lab, True) for lab, h in zip(labels, hits, strict=True)]
        return [lab for lab, h in zip(labels, hits, strict=True) if h]

    def predict(self, texts: Iterable[str], kinds: Sequence[str | None] | None = None) -> list[Any]:
        """One label per text (single-label) or a list of labels per text (multi-label); ``kinds``, one unit
        kind (or None) per text, applies the kind prior."""
        items = as_text_list(texts)
        scores = self.decision_function(items)
        return self.labels_from(scores, self.proba_from_scores(scores), kinds, items)

    # -- explanations ------------------------------------------------------------------------------------
    def explain(
        self, text: str, top: int = 10, labels: Iterable[str] | str | None = None, kind: str | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """Per label (the predicted ones unless ``labels`` is given; ``kind``, the text's unit kind, applies the
        kind prior to that prediction), the ``top`` terms with the largest weight × tf-idf, i.e. those that
        pushed the label's score up most.

        Each term is ``{"term": ..., "kind": "word" | "char", "weight": contribution, "sentence": ...}``.
        ``sentence`` is None when the whole text carried the label; when sentence pooling raised the label's
        score (a long text whose best sentence scores higher than the whole), it is that sentence, as
        ``{"index": i, "start": s, "end": e, "text": ...}``, and the terms are that sentence's.

        A label the evidence rule removed (above its threshold, but none of its words in the text) is not among
        the predicted ones: an INFO log names it, and ``labels=[...]`` explains it all the same.
        """
        if not isinstance(text, str):
            raise InputTypeError(f"explain expects one text (str) for text, got {given(text)}")
        n_top = check_int(top, "top") or 0
        if kind is not None and not isinstance(kind, str):
            raise InputTypeError(f"kind must be a unit kind (str) or None, got {given(kind)}")
        if isinstance(labels, str):  # one label name, not its characters
            labels = [labels]
        elif labels is not None:
            if isinstance(labels, bytes) or not isinstance(labels, Iterable):
                raise InputTypeError(f"labels must be a label name, a list of them or None, got {given(labels)}")
            labels = [check_str(x, f"labels[{i}]") for i, x in enumerate(labels)]
        indptr, idx, vals = self.featurizer.transform_csr([text])
        unit = self.scores_from_csr(indptr, idx, vals)
        scores = self.pool_scores([text], unit)
        if labels is None:
            proba = self.proba_from_scores(scores)
            kinds = None if kind is None else [kind]
            pred = self.labels_from(scores, proba, kinds, [text])[0]
            chosen = [pred] if isinstance(pred, str) else list(pred)
            # what the rule removed is said, not silently left out (worked out only when INFO is logged)
            if self.evidence is not None and logger.isEnabledFor(logging.INFO):
                hits = dominant_hits(proba, self.row_thresholds(kinds), self._dominance)
                kept = self.evidence.mask(hits, [text], self.labels)
                removed = [lab for lab, h, k in zip(self.labels, hits[0], kept[0], strict=True) if h and not k]
                if removed:
                    logger.info(
                        "explain: %s above the threshold but removed by the evidence rule (the text holds none of "
                        "the label's words)",
                        ", ".join(removed),
                    )
        else:
            chosen = list(labels)
            unknown = [x for x in chosen if x not in self.labels]
            if unknown:
                raise ModelError(f"unknown label(s) {unknown}; the model's labels are {self.labels}")
        spans: list[tuple[int, int]] = []
        sent = np.zeros((0, len(self.labels)))
        if self.pool is not None:
            which, cut, sent = self.sentence_scores([text])
            spans = cut[0] if len(which) else []
        out: dict[str, list[dict[str, Any]]] = {}
        for label in chosen:
            k = self.labels.index(label)
            carrier: dict[str, Any] | None = None
            t_idx, t_vals = idx, vals
            if spans and self.pool is not None and self.pool[k] > 0:
                j = int(np.argmax(sent[:, k]))
                if sent[j, k] > unit[0, k]:
                    s, e = spans[j]
                    carrier = {"index": j, "start": s, "end": e, "text": text[s:e]}
                    _, t_idx, t_vals = self.featurizer.transform_csr([text[s:e]])
            contrib = t_vals * self.coef[t_idx, k]
            order = np.argsort(-contrib, kind="stable")
            terms = []
            for j in order[: max(n_top, 0)]:
                if contrib[j] <= 0:
                    break
                term, kind = self.featurizer.feature_name(int(t_idx[j]))
                terms.append({"term": term, "kind": kind, "weight": float(contrib[j]), "sentence": carrier})
            out[label] = terms
        return out
