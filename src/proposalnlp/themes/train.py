"""``ThemeClassifier``: a scikit-learn text classifier for policy Chinese, single- or multi-label.

Features are sublinear tf-idf over the project's :class:`~proposalnlp.Tokenizer` words (unigrams and
bigrams) beside sublinear tf-idf over character n-grams, each block l2-normalised. One linear model per
label (one-vs-rest; a linear SVM by default), probabilities calibrated on held-out folds (a per-label
Platt sigmoid for multi-label, a scaled softmax over labels for single-label), and per-label thresholds
chosen on those folds to maximise F1 (multi-label).

Training needs scikit-learn; the fitted model (``clf.model_``, a :class:`~proposalnlp.themes.model.ThemeModel`)
predicts with numpy alone, and ``save``/``load`` use open formats (JSON and ``.npy``), never pickle.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold
from sklearn.svm import LinearSVC

from .._inputs import as_text_list, indicator_matrix, integer_labels, ordinal, parse_target
from ..errors import InputTypeError, InputValueError, NotFittedError
from ..features import MAX_CHAR_NGRAM, Featurizer, fit_featurizer
from ..messages import error
from ..tokenize import Tokenizer
from .evidence import Evidence
from .folder import load_model, save_model
from .metrics import metrics
from .model import POOL_MIN_CHARS, ThemeModel, dominant_hits, sigmoid, split_sentences

__all__ = [
    "DOMINANCE_RATIOS",
    "POOL_FLOORS",
    "POOL_WEIGHTS",
    "THRESHOLD_SCALES",
    "ClassifierNotFittedError",
    "ThemeClassifier",
    "best_dominance",
    "best_f1_threshold",
    "best_scale_and_dominance",
    "fit_platt",
    "fit_softmax",
]

#: Default candidate scales of the character block, one chosen on the held-out folds inside ``fit``: on a
#: user's own single-label taxonomy (Teddy Cup messages, 7 labels, 5-fold) the choice gave macro-F1 0.9021
#: (0.9025 with cv=2) where the single weight 1.0 gave 0.9000 (word + character TF-IDF + LinearSVC: 0.9003).
CHAR_WEIGHTS = (1.0, 1.5, 2.0)

#: Candidate weights of the best sentence's score (sentence pooling), one chosen per label on held-out folds.
POOL_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)

#: Candidate length floors of ``pool_min_chars="cv"`` (characters), chosen jointly with ``pool_weight="cv"``.
POOL_FLOORS = (300, 150, 80)

#: Candidate ratios of the dominance rule for ``dominance="cv"`` (0: the rule off), one chosen on the held-out
#: folds that choose the thresholds: the best macro-F1, ties to the smaller ratio.
DOMINANCE_RATIOS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)

#: Candidate factors of ``threshold_scale="cv"``: one factor for every label's threshold, chosen jointly with the
#: dominance ratio on the held-out folds (ties to the factor nearest 1, then to the smaller ratio).
THRESHOLD_SCALES = (0.8, 1.0, 1.25, 1.5, 2.0)

logger = logging.getLogger(__name__)


class ClassifierNotFittedError(NotFittedError, SklearnNotFittedError):
    """A ThemeClassifier used before ``fit``: a :class:`~proposalnlp.errors.NotFittedError` (a ModelError)
    that is also scikit-learn's ``NotFittedError``."""


def _data_hash(texts: Sequence[str], labels: Sequence[Sequence[str]]) -> str:
    h = hashlib.sha256()
    for t, y in zip(texts, labels, strict=True):
        h.update(json.dumps([t, list(y)], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _check_encodable(items: Sequence[str], name: str, what: str) -> None:
    """A lone surrogate (e.g. from decoding with errors="surrogateescape") is not text: name its item."""
    for i, item in enumerate(items):
        if item.isascii():
            continue
        try:
            item.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputValueError(
                f"{name}[{i}] (0-based: the {ordinal(i)} {what}) holds a lone surrogate "
                f"({exc.object[exc.start]!r} at character {exc.start}), which is not text; "
                "fix the decoding that produced it"
            ) from None


def _real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(float(value))


def _is_cv(value: Any) -> bool:
    return isinstance(value, str) and value == "cv"


def _int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _select_mask(select_on: Any, n: int) -> np.ndarray | None:
    """``select_on`` of ``fit`` as a boolean array of length ``n`` (None stays None); clear errors otherwise."""
    if select_on is None:
        return None
    if isinstance(select_on, (str, bytes)) or np.ndim(select_on) != 1:
        raise InputTypeError(
            f"select_on must be a boolean mask with one True/False per text, got {type(select_on).__name__}"
        )
    mask = np.asarray(select_on)
    if mask.dtype != np.bool_:
        raise InputTypeError(
            f"select_on must be a boolean mask (one True/False per text), got values of dtype {mask.dtype}; "
            "for row indices idx build one: mask = np.zeros(n_texts, bool); mask[idx] = True"
        )
    if len(mask) != n:
        raise InputValueError(f"select_on has {len(mask)} items for {n} texts")
    if not mask.any():
        raise InputValueError("select_on selects no text; select at least one (or pass None for every text)")
    return mask


def _check_select_folds(select: np.ndarray, splits: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
    """Every held-out fold must hold a selected text, or the choice would rest on some folds' models only."""
    for k, (_, test) in enumerate(splits, 1):
        if not select[test].any():
            raise InputValueError(
                f"select_on selects no text of held-out fold {k} of {len(splits)} inside fit; select more "
                "texts, spread them over more groups, or lower cv"
            )


# -- calibration and thresholds ------------------------------------------------------------------------------
def fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt's sigmoid ``p = 1 / (1 + exp(a * s + b))`` fitted on held-out scores, with his target smoothing."""
    from scipy.optimize import minimize

    f = np.asarray(scores, dtype=np.float64)
    pos = float(np.sum(y))
    neg = float(len(y) - pos)
    if pos == 0 or neg == 0:
        return -1.0, (20.0 if pos == 0 else -20.0)
    t = np.where(y > 0, (pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0))

    def objective(ab: np.ndarray) -> tuple[float, np.ndarray]:
        z = ab[0] * f + ab[1]
        loss = float(np.sum(t * np.logaddexp(0.0, z) + (1.0 - t) * np.logaddexp(0.0, -z)))
        g = t - sigmoid(-z)
        return loss, np.array([float(np.sum(g * f)), float(np.sum(g))])

    res = minimize(objective, np.array([-1.0, np.log((neg + 1.0) / (pos + 1.0))]), jac=True, method="L-BFGS-B")
    a, b = (float(v) for v in res.x)
    if not np.isfinite(a) or not np.isfinite(b) or a >= 0:
        logger.debug("Platt fit degenerate (a=%s); using a plain sigmoid", a)
        return -1.0, 0.0
    return a, b


def fit_softmax(scores: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-label scale and bias so that ``softmax(-(a * scores + b))`` fits held-out labels (log loss).

    The multi-class counterpart of Platt scaling (vector scaling); a small L2 pull towards the identity
    map (a = -1, b = 0) keeps rare labels stable.
    """
    from scipy.optimize import minimize

    s = np.asarray(scores, dtype=np.float64)
    n, k = s.shape
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    reg = 1e-3 * n

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        a, b = theta[:k], theta[k:]
        z = -(s * a + b)
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        g = np.exp(logp) - onehot  # d loss / d z
        loss = -float(np.sum(logp * onehot)) + reg * float(np.sum((a + 1.0) ** 2) + np.sum(b**2))
        grad_a = -np.sum(g * s, axis=0) + 2 * reg * (a + 1.0)
        grad_b = -np.sum(g, axis=0) + 2 * reg * b
        return loss, np.concatenate([grad_a, grad_b])

    theta0 = np.concatenate([-np.ones(k), np.zeros(k)])
    res = minimize(objective, theta0, jac=True, method="L-BFGS-B")
    theta = res.x if np.all(np.isfinite(res.x)) else theta0
    return np.asarray(theta[:k], dtype=np.float64), np.asarray(theta[k:], dtype=np.float64)


def best_f1_threshold(proba: np.ndarray, y: np.ndarray, default: float = 0.5) -> tuple[float, float]:
    """The probability threshold that maximises F1 on held-out predictions, and that F1.

    The threshold sits halfway between the last accepted and the first rejected probability, so it
    generalises instead of sitting on a training point.
    """
    p = np.asarray(proba, dtype=np.float64)
    yy = np.asarray(y) > 0
    n_pos = int(yy.sum())
    if n_pos == 0 or len(p) == 0:
        return default, 0.0
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], yy[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ps) + 1)
    f1 = 2.0 * tp / (k + n_pos)
    # only cut between distinct probabilities
    valid = np.append(ps[1:] < ps[:-1], True)
    f1 = np.where(valid, f1, -1.0)
    i = int(np.argmax(f1))
    lower = ps[i + 1] if i + 1 < len(ps) else max(ps[i] - 0.05, 0.0)
    thr = float((ps[i] + lower) / 2.0)
    return float(np.clip(thr, 0.01, 0.99)), float(f1[i])


def _held_out_threshold(proba: np.ndarray, y: np.ndarray, label: str) -> float:
    """The F1-best held-out threshold of one label, unless its held-out F1 is no better than giving the label to
    every text (a label of a text or two, e.g. a typo, whose held-out texts rank last, gets 0.01 and is then
    predicted for nearly every text): then the plain probability cut 0.5, with a warning naming the label."""
    thr, f1 = best_f1_threshold(proba, y)
    n_pos, n = int((np.asarray(y) > 0).sum()), len(proba)
    if n_pos and f1 <= 2.0 * n_pos / (n + n_pos) + 1e-12:
        logger.warning(
            "label %r: the held-out folds do not find its %d text(s) better than labelling every text; "
            "threshold 0.5 instead of %.2f (a typo? too few texts?)", label, n_pos, thr
        )
        return 0.5
    return thr


def best_dominance(
    proba: np.ndarray, thresholds: np.ndarray, y: np.ndarray, ratios: Sequence[float] = DOMINANCE_RATIOS
) -> tuple[float, float]:
    """The ratio of ``ratios`` whose dominance rule gives the best macro-F1 (over the labels) on held-out
    probabilities ``proba`` with labels ``y`` (0/1, same shape), and that macro-F1; ties go to the smaller ratio."""
    yy = np.asarray(y) > 0
    best, best_f1 = 0.0, -1.0
    for ratio in sorted(float(r) for r in ratios):
        hits = dominant_hits(proba, thresholds, ratio)
        tp = (hits & yy).sum(axis=0)
        denom = hits.sum(axis=0) + yy.sum(axis=0)
        macro = round(float(np.mean(np.where(denom > 0, 2.0 * tp / np.maximum(denom, 1), 0.0))), 6)
        if macro > best_f1:
            best, best_f1 = ratio, macro
    return best, best_f1


def best_scale_and_dominance(
    proba: np.ndarray,
    thresholds: np.ndarray,
    y: np.ndarray,
    scales: Sequence[float] = THRESHOLD_SCALES,
    ratios: Sequence[float] = DOMINANCE_RATIOS,
) -> tuple[float, float, float]:
    """The factor of ``scales`` (applied to every threshold, capped at 0.99) and the ratio of ``ratios`` whose
    thresholds and dominance rule give the best macro-F1 on held-out probabilities, and that macro-F1.

    One number for all labels, so that a convention learnt from few texts (e.g. gold units that leave
    background and statistics without a theme) moves every threshold alike instead of fitting noise per label.
    Ties go to the factor nearest 1 (in ratio), then to the smaller dominance ratio."""
    best: tuple[float, float, float] = (1.0, 0.0, -1.0)
    for scale in sorted((float(m) for m in scales), key=lambda m: (abs(math.log(m)), m)):
        scaled = np.minimum(np.asarray(thresholds, dtype=np.float64) * scale, 0.99)
        ratio, macro = best_dominance(proba, scaled, y, ratios)
        if macro > best[2]:
            best = (scale, ratio, macro)
    return best


# -- the estimator -------------------------------------------------------------------------------------------
class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Text classifier for policy Chinese (scikit-learn estimator), single- or multi-label.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        The tokenizer (``None``: the default one). Its dictionary and stopwords are saved with the model.
    word_ngram_range : (int, int), default (1, 2)
        N-gram range over word tokens.
    char_ngram_range : (int, int), default (1, 2)
        N-gram range over characters (at most 3); ``(0, 0)`` turns characters off.
    min_df : int, default 2
        Keep only terms seen in at least this many training texts.
    max_features : int, optional
        Keep at most this many terms per block (word, char), the most frequent by document frequency.
    sublinear_tf : bool, default True
        Use ``1 + ln(tf)`` instead of raw counts.
    char_weight : float or sequence of floats, default (1.0, 1.5, 2.0)
        Scale of the character block relative to the word block. Several values: one is chosen on the
        held-out folds inside ``fit``, jointly with ``C`` (the best held-out macro-F1); it is in
        ``char_weight_``. Each candidate adds one round of held-out fits (not of featurization).
    loss : {"svm", "logistic"}, default "svm"
        Linear SVM (squared hinge) or logistic regression, one per label.
    C : float or sequence of floats, default 1.0
        Inverse regularisation strength of the linear models. Several values: the choice is made on the
        held-out folds inside ``fit`` (never on the texts a model is scored on): per label, the value whose
        calibrated held-out scores give the best F1 (multi-label), or one value for all labels, the best
        held-out macro-F1 (single-label); ties go to the earlier value. The chosen values are in ``C_``.
    class_weight : {"balanced"} or None, default "balanced"
        Passed to each per-label model.
    cv : int, default 5
        Folds for the held-out scores behind calibration and thresholds (at least 2).
    threshold : "cv" or float, default "cv"
        ``"cv"``: per label, the probability that maximises held-out F1; a float: that probability for every
        label (multi-label).
    random_state : int or None, default 0
        Seed for the folds and the solvers: the same data gives the same model.
    lead_weight : int, default 0
        Extra copies of the first sentence's word n-grams (a unit's heading or opening sentence usually
        names its point); 0 treats every sentence alike.
    pooling : {"none", "max"}, default "none"
        ``"max"`` (multi-label): texts of at least ``pool_min_chars`` characters are also scored sentence by
        sentence, and each label's score moves towards the best sentence's by a weight chosen per label on
        the held-out folds (see :class:`~proposalnlp.themes.model.ThemeModel`); ``"none"``: whole texts only.
    pool_min_chars : int or "cv", default 300
        Shortest text split into sentences when ``pooling="max"``. ``"cv"``: chosen among :data:`POOL_FLOORS`
        jointly with ``pool_weight="cv"`` (which it needs).
    pool_weight : float in [0, 1], "cv" or None, default None
        None: the weight of the best sentence's score is chosen per label (best calibrated held-out F1 of that
        label). A number: that one weight for every label. ``"cv"``: one weight of :data:`POOL_WEIGHTS` for every
        label, chosen jointly with the length floor (when ``pool_min_chars="cv"``) and the dominance ratio on
        the held-out folds: each candidate's pooled scores are calibrated and thresholded as ``fit`` does, and
        the best macro-F1 over the texts of ``select_on`` (after ``evidence``, when given) wins; ties go to the
        smaller weight, then to the longer floor. One or two numbers, not one per label.
    evidence : mapping of label to word list, or None, default None
        The evidence rule (:class:`~proposalnlp.themes.evidence.Evidence`) of the fitted model: a predicted label
        is kept only if its text holds one of its words. It also applies to the held-out labels that choose
        ``pool_weight="cv"``; no other choice of ``fit`` depends on it. Multi-label only (a single-label fit
        ignores it, as it does the dominance rule); its labels must be among those of ``y``.
    classes : list of str or None, default None
        The label names, in order. Needed for a 0/1 label-indicator matrix ``y`` (one column per name, as
        MultiLabelBinarizer gives; a pandas DataFrame of 0/1 columns is named by its columns, read by name when
        ``classes`` is given too; ``predict`` then answers with such a matrix, so that scikit-learn's scorers
        and integer ``cv`` folds work); with label lists it refuses a label outside it (a typo would train a
        label of its own), and a name no text carries stays a label of the model that is never predicted.
        None: the labels of ``y``, sorted.
    dominance : float in [0, 1) or "cv", default 0.0
        Ratio r of the dominance rule (multi-label): of the labels above their thresholds, a text keeps those
        whose probability is at least r times the highest of them (see
        :class:`~proposalnlp.themes.model.ThemeModel`); 0 keeps them all. ``"cv"``: r is chosen among
        :data:`DOMINANCE_RATIOS` on the same held-out folds that choose the thresholds (best macro-F1, ties to
        the smaller), scored on the texts of ``fit``'s ``select_on`` when given. Single-label models keep one
        label per text and ignore it.
    adapt : float >= 0, default 0.0
        Domain adaptation by feature augmentation ("frustratingly easy", Daume III 2007), for training data
        whose texts are labelled by two conventions: the texts of ``fit``'s ``select_on`` (the target: labelled
        like the data the model will be judged on) get a second copy of their features and an own bias
        column, scaled by ``adapt``, so each label's model learns shared weights from every text plus
        corrections from the target texts alone. The model predicts as for a target text (shared plus
        ``adapt`` times the corrections, folded into one weight vector: the saved model is unchanged in
        shape and speed). The held-out scores behind calibration, thresholds and pooling score each text as
        one of its own domain (the other texts with the shared weights alone), so that each is judged by
        the convention of its labels. 0 turns it off; needs ``select_on``.
    threshold_scale : float > 0 or "cv", default 1.0
        One factor applied to every label's threshold (multi-label; capped at 0.99), for training data labelled
        more generously than the data the model is judged on. ``"cv"``: chosen among :data:`THRESHOLD_SCALES`
        jointly with the dominance ratio on the held-out folds that choose the thresholds, scored on the texts
        of ``fit``'s ``select_on`` when given (ties to the factor nearest 1). In ``training_["threshold_scale"]``.

    Attributes
    ----------
    classes_ : ndarray of str
        The labels, sorted.
    mode_ : {"single", "multi"}
        ``"single"`` when ``fit`` got one label per text (``predict`` then returns one label per text, the
        arg-max), ``"multi"`` when it got a list of labels per text, possibly empty (``predict`` then returns
        label lists).
    model_ : ThemeModel
        The fitted runtime model (numpy only); what ``save`` writes and ``classify(..., model=clf)`` uses.
    estimators_ : list
        The fitted scikit-learn model of each label (``None`` for a label seen in every text or none); with
        ``adapt > 0`` it sees the augmented features (``model_`` holds the folded weights).
    thresholds_ : ndarray of float
        Probability threshold of each label (multi-label).
    C_ : ndarray of float
        The C of each label's linear model (the chosen one when ``C`` holds several values).
    char_weight_ : float
        The scale of the character block (the chosen one when ``char_weight`` holds several values).
    pool_ : ndarray of float or None
        Weight of the best sentence's score per label (``pooling="max"``), else None.
    dominance_ : float
        The ratio of the dominance rule in the model (the chosen one when ``dominance="cv"``; 0.0 single-label).
    n_features_ : int
        Number of word and character features.
    cv_metrics_ : dict
        The :func:`~proposalnlp.themes.metrics.evaluate` report of the held-out fold predictions.
    oof_proba_ : ndarray of float
        The held-out probabilities behind those predictions, ``(n_texts, n_labels)`` in training order (each
        text scored by the model of the folds that held it out, after pooling and calibration); e.g. the
        inputs of a second-level model fitted on some of the texts. Empty when fit had no held-out folds.
    training_ : dict
        What the model was trained on: number of texts, data hash, label counts.
    """

    def __init__(
        self,
        tokenizer: Tokenizer | None = None,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = None,
        sublinear_tf: bool = True,
        char_weight: float | Sequence[float] = CHAR_WEIGHTS,
        loss: str = "svm",
        C: float | Sequence[float] = 1.0,
        class_weight: str | None = "balanced",
        cv: int = 5,
        threshold: str | float = "cv",
        random_state: int | None = 0,
        lead_weight: int = 0,
        pooling: str = "none",
        pool_min_chars: int | str = POOL_MIN_CHARS,
        dominance: float | str = 0.0,
        adapt: float = 0.0,
        threshold_scale: float | str = 1.0,
        pool_weight: float | str | None = None,
        evidence: Mapping[str, Sequence[str]] | None = None,
        classes: Sequence[str] | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.char_weight = char_weight
        self.loss = loss
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.threshold = threshold
        self.random_state = random_state
        self.lead_weight = lead_weight
        self.pooling = pooling
        self.pool_min_chars = pool_min_chars
        self.dominance = dominance
        self.adapt = adapt
        self.threshold_scale = threshold_scale
        self.pool_weight = pool_weight
        self.evidence = evidence
        self.classes = classes

    # -- scikit-learn plumbing ---------------------------------------------------------------------------
    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = True
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"], "requires_y": True}

    def _check_params(self) -> None:
        if self.tokenizer is not None and not isinstance(self.tokenizer, Tokenizer):
            raise InputTypeError(
                f"tokenizer must be a proposalnlp.Tokenizer or None, got {type(self.tokenizer).__name__}"
            )
        for name in ("word_ngram_range", "char_ngram_range"):
            value = getattr(self, name)
            if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(_int(v) for v in value)):
                raise InputValueError(f"{name} must be a pair of ints (low, high), got {value!r}")
            lo, hi = value
            if not (0 <= lo <= hi) or (name == "word_ngram_range" and lo < 1):
                raise InputValueError(f"{name} must be (low, high) with 1 <= low <= high, got {(lo, hi)}")
        if self.char_ngram_range[1] > MAX_CHAR_NGRAM:
            raise InputValueError(
                f"char_ngram_range goes up to {MAX_CHAR_NGRAM} characters, got {self.char_ngram_range}"
            )
        if self.loss not in ("svm", "logistic"):
            raise InputValueError(f"loss must be 'svm' or 'logistic', got {self.loss!r}")
        if not (isinstance(self.cv, (int, np.integer)) and self.cv >= 2):
            raise InputValueError(f"cv must be an int >= 2, got {self.cv!r}")
        if not (self.threshold == "cv" or (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1)):
            raise InputValueError(f"threshold must be 'cv' or a probability in (0, 1), got {self.threshold!r}")
        if not (isinstance(self.lead_weight, (int, np.integer)) and self.lead_weight >= 0):
            raise InputValueError(f"lead_weight must be an int >= 0, got {self.lead_weight!r}")
        if self.pooling not in ("none", "max"):
            raise InputValueError(f"pooling must be 'none' or 'max', got {self.pooling!r}")
        if not (_is_cv(self.dominance) or (_real(self.dominance) and 0 <= float(self.dominance) < 1)):
            raise InputValueError(f"dominance must be 'cv' or a ratio in [0, 1) (0: off), got {self.dominance!r}")
        if not (_is_cv(self.threshold_scale) or (_real(self.threshold_scale) and float(self.threshold_scale) > 0)):
            raise InputValueError(
                "threshold_scale must be 'cv' or a number > 0 (1: the thresholds as chosen), "
                f"got {self.threshold_scale!r}"
            )
        if not (_real(self.adapt) and float(self.adapt) >= 0):
            raise InputValueError(f"adapt must be a finite number >= 0 (0: off), got {self.adapt!r}")
        if not (_is_cv(self.pool_min_chars) or (_int(self.pool_min_chars) and int(self.pool_min_chars) >= 1)):
            raise InputValueError(f"pool_min_chars must be 'cv' or an int >= 1, got {self.pool_min_chars!r}")
        if not (
            self.pool_weight is None
            or _is_cv(self.pool_weight)
            or (_real(self.pool_weight) and 0 <= float(self.pool_weight) <= 1)
        ):
            raise InputValueError(f"pool_weight must be None, 'cv' or a weight in [0, 1], got {self.pool_weight!r}")
        if _is_cv(self.pool_min_chars) and not _is_cv(self.pool_weight):
            raise InputValueError("pool_min_chars='cv' is chosen jointly with the weight: it needs pool_weight='cv'")
        if self.evidence is not None:
            try:
                Evidence(self.evidence)
            except ValueError as exc:
                raise InputValueError(str(exc)) from None
        if not (isinstance(self.min_df, (int, np.integer)) and self.min_df >= 1):
            raise InputValueError(f"min_df must be an int >= 1, got {self.min_df!r}")
        if not self._C_values():
            raise InputValueError(f"C must be a positive finite number or a non-empty sequence of them, got {self.C!r}")
        if not self._char_weight_values():
            raise InputValueError(
                f"char_weight must be a finite number >= 0 or a non-empty sequence of them, got {self.char_weight!r}"
            )
        if self.max_features is not None and not (_int(self.max_features) and self.max_features >= 1):
            raise InputValueError(f"max_features must be None or an int >= 1, got {self.max_features!r}")
        if not isinstance(self.sublinear_tf, (bool, np.bool_)):
            raise InputValueError(f"sublinear_tf must be True or False, got {self.sublinear_tf!r}")
        if not (self.class_weight is None or self.class_weight == "balanced" or isinstance(self.class_weight, dict)):
            raise InputValueError(f"class_weight must be 'balanced', None or a dict, got {self.class_weight!r}")
        seed = self.random_state
        if not (seed is None or isinstance(seed, np.random.RandomState) or (_int(seed) and 0 <= seed < 2**32)):
            raise InputValueError(f"random_state must be None or an int in [0, 2**32), got {seed!r}")

    @staticmethod
    def _candidates(value: Any, positive: bool) -> list[float]:
        """One number or a non-empty sequence of them as a list of floats; empty when not valid."""
        values = [value] if _real(value) else (list(value) if isinstance(value, (list, tuple)) else [])
        if not values or not all(_real(v) and (v > 0 if positive else v >= 0) for v in values):
            return []
        return [float(v) for v in values]

    def _C_values(self) -> list[float]:
        """The candidate values of C (one or several); empty when ``C`` is not valid."""
        return self._candidates(self.C, positive=True)

    def _char_weight_values(self) -> list[float]:
        """The candidate scales of the character block; empty when ``char_weight`` is not valid."""
        return self._candidates(self.char_weight, positive=False)

    def _binary_model(self, C: float) -> Any:
        if self.loss == "svm":
            return LinearSVC(C=C, class_weight=self.class_weight, random_state=self.random_state, max_iter=5000)
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(
            C=C, class_weight=self.class_weight, solver="liblinear", random_state=self.random_state, max_iter=1000
        )

    def _fit_binary(self, X: sp.csr_matrix, yk: np.ndarray, C: float) -> tuple[np.ndarray, float, Any]:
        """Coefficients, intercept and the fitted scikit-learn model of one label (constant if one class)."""
        n_pos = int(yk.sum())
        if n_pos == 0 or n_pos == len(yk):
            return np.zeros(X.shape[1]), (5.0 if n_pos else -5.0), None
        est = self._binary_model(C).fit(X, yk)
        return np.asarray(est.coef_, dtype=np.float64).ravel(), float(np.ravel(est.intercept_)[0]), est

    @staticmethod
    def _augment(X: sp.csr_matrix, target: np.ndarray, adapt: float) -> sp.csr_matrix:
        """``[X | adapt * X | adapt]`` on the target rows, ``[X | 0 | 0]`` on the others (feature augmentation)."""
        scale = target.astype(np.float64) * adapt
        return sp.hstack([X, sp.diags(scale) @ X, sp.csr_matrix(scale[:, None])], format="csr")

    def _fit_adapted(
        self, X: sp.csr_matrix, yk: np.ndarray, C: float, target: np.ndarray | None
    ) -> tuple[np.ndarray, float, Any, np.ndarray, float]:
        """:meth:`_fit_binary`, on the augmented features when ``target`` is given: the coefficients and
        intercept of a target text (shared plus ``adapt`` times the corrections), the fitted model, and the
        coefficients and intercept of any other text (the shared ones)."""
        if target is None:
            w, w0, est = self._fit_binary(X, yk, C)
            return w, w0, est, w, w0
        adapt = float(self.adapt)
        n = X.shape[1]
        w, w0, est = self._fit_binary(self._augment(X, target, adapt), yk, C)
        return w[:n] + adapt * w[n : 2 * n], w0 + adapt * float(w[2 * n]), est, w[:n], w0

    # -- fitting -----------------------------------------------------------------------------------------
    def _featurize_fit(self, texts: list[str]) -> tuple[Featurizer, sp.csr_matrix]:
        tok = self.tokenizer if self.tokenizer is not None else Tokenizer()
        feat, (indptr, indices, data) = fit_featurizer(
            tok,
            texts,
            word_ngram_range=self.word_ngram_range,
            char_ngram_range=self.char_ngram_range,
            min_df=int(self.min_df),
            max_features=None if self.max_features is None else int(self.max_features),
            sublinear_tf=self.sublinear_tf,
            char_weight=1.0,  # rescaled to the chosen char_weight in fit
            lead_weight=int(self.lead_weight),
        )
        return feat, sp.csr_matrix((data, indices, indptr), shape=(len(texts), feat.n_features))

    def _splits(
        self, Y: np.ndarray, single: bool, groups: np.ndarray | None = None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        n = Y.shape[0]
        if groups is not None:
            k = min(int(self.cv), len(np.unique(groups)))
            if k >= 2:
                folds = GroupKFold(k, shuffle=True, random_state=self.random_state)
                return list(folds.split(np.zeros(n), groups=groups))
        if single:
            y = Y.argmax(axis=1)
            smallest = int(np.bincount(y).min())
            if smallest >= 2:
                k = min(int(self.cv), smallest)
                return list(StratifiedKFold(k, shuffle=True, random_state=self.random_state).split(np.zeros(n), y))
        k = min(int(self.cv), n)
        if k < 2:
            return []
        return list(KFold(k, shuffle=True, random_state=self.random_state).split(np.zeros(n)))

    def fit(self, X: Iterable[str], y: Any, groups: Any = None, select_on: Any = None) -> ThemeClassifier:
        """Learn features, one linear model per label, calibration and thresholds from texts and labels.

        ``groups`` (optional, one hashable per text, e.g. a document id): the held-out folds behind
        calibration, thresholds and pooling weights then keep each group whole, so that units of one
        document never calibrate each other.

        ``select_on`` (optional, a boolean mask with one True/False per text): the texts whose held-out
        predictions choose the dominance ratio (``dominance="cv"``), e.g. the training texts labelled like the
        data the model will be judged on when the rest are labelled by other conventions; default: every
        text. Everything else (models, calibration, thresholds, pooling) still uses every text. With
        ``adapt > 0`` the same texts are the target domain of the feature augmentation. A fit parameter, not
        a constructor one, so that cross-validation helpers slice it with ``X``.
        """
        self._check_params()
        texts = as_text_list(X, "X")
        if not hasattr(y, "__len__"):  # a generator: read once, then looked at twice
            y = list(y)
        label_lists, mode, columns = parse_target(y, len(texts), self.classes)
        indicator = columns is not None
        numbered = integer_labels(y)  # class numbers: answered with numbers (classes_, predict)
        select = _select_mask(select_on, len(texts))
        if float(self.adapt) > 0 and select is None:
            raise InputValueError(
                "adapt > 0 needs select_on: the boolean mask of the texts labelled like the target data"
            )
        target = select if float(self.adapt) > 0 else None
        group_ids: np.ndarray | None = None
        if groups is not None:
            group_list = list(groups)
            if len(group_list) != len(texts):
                raise InputValueError(f"groups has {len(group_list)} items for {len(texts)} texts")
            try:
                group_ids = np.unique([str(g) for g in group_list], return_inverse=True)[1]
            except TypeError as exc:
                raise InputTypeError(f"groups must hold one hashable value per text: {exc}") from None
        if len(texts) < 2:
            raise error(InputValueError, "err.train.few_texts", n=len(texts))
        seen = {lab for labs in label_lists for lab in labs}
        if not seen:
            raise error(InputValueError, "err.train.no_labels")
        if columns is not None:  # a 0/1 matrix: its columns (named by classes, or a DataFrame's own names)
            classes = list(columns)
        elif numbered and self.classes is None:
            classes = sorted(seen, key=int)
        else:
            classes = sorted(seen) if self.classes is None else [str(c) for c in self.classes]
        if mode == "single" and len(seen) < len(classes):
            missing = [c for c in classes if c not in seen]
            raise InputValueError(
                f"classes {missing} label no text; one label per text needs texts of every class "
                "(give label lists for multi-label data, where a label may be carried by none)"
            )
        if mode == "single" and len(classes) < 2:
            raise error(InputValueError, "err.train.one_class", classes=classes)
        unknown = sorted(set(self.evidence or ()) - set(classes)) if mode != "single" else []
        if unknown:  # said before any training, not by the fitted model's constructor after all of it
            raise InputValueError(f"evidence: labels {unknown} are not among the labels of y {classes}")
        index = {c: k for k, c in enumerate(classes)}
        Y = np.zeros((len(texts), len(classes)), dtype=np.int64)
        for i, labs in enumerate(label_lists):
            for lab in labs:
                Y[i, index[lab]] = 1

        _check_encodable(texts, "X", "text")
        _check_encodable(["".join(labs) for labs in label_lists], "y", "text's labels")
        feat, Xs = self._featurize_fit(texts)
        if feat.n_features == 0:
            if self.min_df > 1:
                raise error(InputValueError, "err.train.no_features_min_df", min_df=self.min_df)
            raise error(InputValueError, "err.train.no_features")
        L = len(classes)
        Cs = self._C_values()
        cws = self._char_weight_values()

        # held-out scores (per candidate char_weight and C) for those choices, calibration and thresholds
        single = mode == "single"
        held_by = np.zeros((len(cws), len(Cs), len(texts), L))
        splits = self._splits(Y, single, group_ids)
        pooled = self.pooling == "max" and not single
        floors = [int(f) for f in POOL_FLOORS] if _is_cv(self.pool_min_chars) else [int(self.pool_min_chars)]
        if pooled:  # the sentences of the long texts, featurized once (same vocabulary as the texts)
            owner, sent_X1 = self._sentence_matrix(feat, texts, min(floors))
            held_sent_by = np.zeros((len(cws), len(Cs), sent_X1.shape[0], L))
        Xs1 = Xs  # character block at weight 1
        for i, cw in enumerate(cws):
            Xs = self._char_scaled(Xs1, feat, cw)
            if pooled:
                sent_X = self._char_scaled(sent_X1, feat, cw)
            for train, test in splits:
                Xtr, Xte = Xs[train], Xs[test]
                in_test = np.isin(owner, test) if pooled else None
                for j, c in enumerate(Cs):
                    for k in range(L):
                        w, w0, _, ws, ws0 = self._fit_adapted(
                            Xtr, Y[train, k], c, None if target is None else target[train]
                        )
                        held_by[i, j, test, k] = Xte @ w + w0
                        if target is not None:  # each held-out text scored as a text of its own domain
                            held_by[i, j, test, k] = np.where(target[test], held_by[i, j, test, k], Xte @ ws + ws0)
                        if pooled and in_test is not None and in_test.any():
                            held_sent_by[i, j, in_test, k] = sent_X[in_test] @ w + w0
                            if target is not None:
                                held_sent_by[i, j, in_test, k] = np.where(
                                    target[owner[in_test]], held_sent_by[i, j, in_test, k], sent_X[in_test] @ ws + ws0
                                )
        if splits:
            i, choice = self._choose_C(held_by, Y, single)
        else:
            i, choice = 0, np.zeros(L, dtype=np.int64)
        held = held_by[i, choice, :, np.arange(L)].T.copy()
        if pooled:
            held_sent = held_sent_by[i, choice, :, np.arange(L)].T.copy()
            sent_X = self._char_scaled(sent_X1, feat, cws[i])
        Xs = self._char_scaled(Xs1, feat, cws[i])
        feat.char_weight = cws[i]
        chosen_C = np.array([Cs[j] for j in choice], dtype=np.float64)
        coef = np.zeros((feat.n_features, L))
        intercept = np.zeros(L)
        estimators = []
        for k in range(L):
            coef[:, k], intercept[k], est, _, _ = self._fit_adapted(Xs, Y[:, k], chosen_C[k], target)
            estimators.append(est)
        if not splits:
            logger.warning("too few texts for held-out calibration; calibrating on the training scores")
            held = np.asarray(Xs @ coef) + intercept
            if pooled:
                held_sent = np.asarray(sent_X @ coef) + intercept
        pool = np.zeros(L)
        floor = floors[0]
        evidence = Evidence(self.evidence) if self.evidence is not None else None
        if pooled and self.pool_weight is None:
            held, pool = self._choose_pooling(held, owner, held_sent, Y)
        elif pooled:  # one weight for every label (and the floor), chosen or given
            if select is not None and splits:
                _check_select_folds(select, splits)
            held, pool, floor = self._choose_shared_pooling(
                held, owner, held_sent, Y, texts, floors, select if splits else None, evidence, classes
            )
        if single:
            a, b = fit_softmax(held, Y.argmax(axis=1))
        else:
            platt = [fit_platt(held[:, k], Y[:, k]) for k in range(L)]
            a = np.array([p[0] for p in platt])
            b = np.array([p[1] for p in platt])
        held_p = sigmoid(-(held * a + b))
        thresholds = np.full(L, 0.5)
        dominance = 0.0
        scale = 1.0
        if not single:
            for k in range(L):
                if self.threshold == "cv":
                    thresholds[k] = _held_out_threshold(held_p[:, k], Y[:, k], classes[k])
                else:
                    thresholds[k] = float(self.threshold)
            scale = scale if _is_cv(self.threshold_scale) else float(self.threshold_scale)
            ratios = DOMINANCE_RATIOS if _is_cv(self.dominance) else (0.0 if not splits else float(self.dominance),)
            if _is_cv(self.threshold_scale) and splits:  # one factor for all thresholds, jointly with the ratio
                rows = slice(None) if select is None else select
                if select is not None:
                    _check_select_folds(select, splits)
                scale, dominance, _ = best_scale_and_dominance(held_p[rows], thresholds, Y[rows], ratios=ratios)
            elif _is_cv(self.dominance) and splits:  # on the held-out predictions that chose the thresholds
                if select is None:
                    dominance = best_dominance(held_p, thresholds * scale, Y)[0]
                else:  # ... of the selected texts only
                    _check_select_folds(select, splits)
                    dominance = best_dominance(held_p[select], thresholds * scale, Y[select])[0]
            elif _is_cv(self.dominance):
                dominance = 0.0
            else:
                dominance = float(self.dominance)
            thresholds = np.minimum(thresholds * scale, 0.99) if scale != 1.0 else thresholds

        self.classes_ = np.array([int(c) for c in classes]) if numbered else np.array(classes, dtype=object)
        self.mode_ = mode
        self.indicator_ = indicator
        self.numbered_ = numbered
        self.estimators_ = estimators
        self.model_ = ThemeModel(
            feat,
            classes,
            coef,
            intercept,
            a,
            b,
            thresholds,
            mode=mode,
            pool=pool if pooled else None,
            pool_min_chars=floor,
            dominance=dominance,
            evidence=None if single else evidence,
        )
        self.thresholds_ = thresholds
        self.C_ = chosen_C
        self.char_weight_ = feat.char_weight
        self.pool_ = self.model_.pool
        self.dominance_ = self.model_.dominance
        self.n_features_ = feat.n_features
        held_proba = self.model_.proba_from_scores(held)
        self.oof_proba_ = held_proba if splits else np.zeros((0, L))
        held_pred = self.model_.labels_from(held, held_proba, None, texts)
        truth = [labs[0] for labs in label_lists] if single else label_lists
        self.cv_metrics_ = metrics(classes, truth, held_pred, single) if splits else {}
        if self.cv_metrics_:
            self.cv_metrics_["folds"] = len(splits)  # fewer than ``cv`` when a label has fewer texts than that
            self.cv_metrics_["note"] = (
                f"{len(splits)}-fold held-out predictions inside fit (vocabulary from all training texts; "
                "thresholds and the dominance ratio chosen on the same folds, so slightly optimistic)"
            )
        self.training_: dict[str, Any] = {
            "n_texts": len(texts),
            "data_sha256": _data_hash(texts, label_lists),
            "label_counts": {c: int(Y[:, k].sum()) for k, c in enumerate(classes)},
            "n_without_label": int((Y.sum(axis=1) == 0).sum()),
            "C": chosen_C.tolist(),
            "char_weight": feat.char_weight,
            "dominance": self.dominance_,
        }
        if indicator:  # predict answers with a 0/1 matrix, as the labels came (kept by save and load)
            self.training_["target"] = "indicator"
        elif numbered:  # ... with class numbers
            self.training_["target"] = "int"
        if pooled and self.pool_weight is not None:
            self.training_["pool_weight"] = float(pool.max()) if len(pool) else 0.0
            self.training_["pool_min_chars"] = floor
        if not single and (_is_cv(self.threshold_scale) or float(self.threshold_scale) != 1.0):
            self.training_["threshold_scale"] = scale
        if select is not None:
            self.training_["n_select_on"] = int(select.sum())
        if target is not None:
            self.training_["adapt"] = float(self.adapt)
        return self

    @staticmethod
    def _char_scaled(X: sp.csr_matrix, feat: Featurizer, weight: float) -> sp.csr_matrix:
        """``X`` (character block at weight 1) with its character columns scaled by ``weight``."""
        if weight == 1.0:
            return X
        out = X.copy()
        out.data = np.where(out.indices >= len(feat.word_terms), out.data * weight, out.data)
        return out

    @staticmethod
    def _choose_C(held_by: np.ndarray, Y: np.ndarray, single: bool) -> tuple[int, np.ndarray]:
        """The chosen char_weight (index) and C per label (indices) from held-out scores of shape
        ``(n_char_weights, n_C, n_texts, n_labels)``. Single-label: the pair with the best macro-F1 of the
        arg-max (the predictions of ThemeModel). Multi-label: per label and char_weight, the C with the best
        calibrated F1 at its best threshold; the char_weight with the best mean of those. Ties: earlier."""
        n_cw, n_C, _, L = held_by.shape
        if n_cw == 1 and n_C == 1:
            return 0, np.zeros(L, dtype=np.int64)
        if single:
            y = Y.argmax(axis=1)
            macro = np.zeros((n_cw, n_C))
            for i in range(n_cw):
                for j in range(n_C):
                    pred = np.argmax(held_by[i, j], axis=1)
                    macro[i, j] = np.mean(
                        [
                            2.0 * np.sum((pred == k) & (y == k)) / max(np.sum(pred == k) + np.sum(y == k), 1)
                            for k in range(L)
                        ]
                    )
            bi, bj = np.unravel_index(int(np.argmax(np.round(macro, 6))), macro.shape)
            return int(bi), np.full(L, int(bj), dtype=np.int64)
        f1s = np.zeros((n_cw, n_C, L))
        for i in range(n_cw):
            for j in range(n_C):
                for k in range(L):
                    if Y[:, k].sum() in (0, len(Y)):
                        continue
                    a, b = fit_platt(held_by[i, j, :, k], Y[:, k])
                    f1s[i, j, k] = best_f1_threshold(sigmoid(-(held_by[i, j, :, k] * a + b)), Y[:, k])[1]
        best = np.round(f1s, 6)
        i = int(np.argmax(best.max(axis=1).mean(axis=1)))
        return i, np.argmax(best[i], axis=0).astype(np.int64)

    @staticmethod
    def _sentence_matrix(feat: Featurizer, texts: list[str], minimum: int) -> tuple[np.ndarray, sp.csr_matrix]:
        """The owner text of every sentence that pooling scores (texts of at least ``minimum`` characters), and
        the sentences' feature matrix."""
        owner: list[int] = []
        pieces: list[str] = []
        for i, text in enumerate(texts):
            if len(text) < minimum:
                continue
            cut = split_sentences(text)
            if len(cut) > 1:
                owner.extend([i] * len(cut))
                pieces.extend(text[s:e] for s, e in cut)
        if not pieces:
            return np.zeros(0, dtype=np.int64), sp.csr_matrix((0, feat.n_features))
        indptr, indices, data = feat.transform_csr(pieces)
        return np.asarray(owner, dtype=np.int64), sp.csr_matrix(
            (data, indices, indptr), shape=(len(pieces), feat.n_features)
        )

    def _choose_pooling(
        self, held: np.ndarray, owner: np.ndarray, held_sent: np.ndarray, Y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per label, the weight of :data:`POOL_WEIGHTS` whose pooled held-out scores give the best F1 after
        calibration (ties: the smaller weight); returns the pooled held-out scores and the weights."""
        L = held.shape[1]
        pool = np.zeros(L)
        out = held.copy()
        if not len(owner):
            return out, pool
        which, starts = np.unique(owner, return_index=True)
        best = np.maximum.reduceat(held_sent, starts, axis=0)
        gain = np.maximum(best - held[which], 0.0)
        for k in range(L):
            if Y[:, k].sum() in (0, len(Y)):
                continue
            scores = []
            for weight in POOL_WEIGHTS:
                col = held[:, k].copy()
                col[which] += weight * gain[:, k]
                a, b = fit_platt(col, Y[:, k])
                scores.append(best_f1_threshold(sigmoid(-(col * a + b)), Y[:, k])[1])
            pool[k] = POOL_WEIGHTS[int(np.argmax(np.round(scores, 6)))]
            out[which, k] += pool[k] * gain[:, k]
        return out, pool

    def _choose_shared_pooling(
        self,
        held: np.ndarray,
        owner: np.ndarray,
        held_sent: np.ndarray,
        Y: np.ndarray,
        texts: list[str],
        floors: list[int],
        select: np.ndarray | None,
        evidence: Evidence | None,
        classes: list[str],
    ) -> tuple[np.ndarray, np.ndarray, int]:
        """One pooling weight for every label and the length floor (``pool_weight``/``pool_min_chars``, each
        given or ``"cv"``): per candidate, the held-out scores pooled, calibrated and thresholded as ``fit`` does,
        the dominance ratio chosen as ``fit`` does, the evidence rule applied; the best macro-F1 over the
        ``select`` texts wins (ties: the smaller weight, then the longer floor). Returns the pooled held-out
        scores, the weights and the floor."""
        L = held.shape[1]
        weights = list(POOL_WEIGHTS) if _is_cv(self.pool_weight) else [float(self.pool_weight)]  # type: ignore[arg-type]
        cands = [(w, f) for w in sorted(weights) for f in sorted(floors, reverse=True)]
        if sorted(weights)[0] == 0.0:  # no pooling: the floor does not matter
            cands = [(0.0, max(floors))] + [c for c in cands if c[0] > 0]
        lengths = np.array([len(t) for t in texts])
        rows = np.arange(len(texts)) if select is None else np.flatnonzero(select)
        yy = Y[rows] > 0
        live = [k for k in range(L) if Y[:, k].sum() not in (0, len(Y))]

        def pooled_at(weight: float, floor: int) -> np.ndarray:
            out = held.copy()
            keep = lengths[owner] >= floor if len(owner) else np.zeros(0, dtype=bool)
            if weight > 0 and keep.any():
                which, starts = np.unique(owner[keep], return_index=True)
                best = np.maximum.reduceat(held_sent[keep], starts, axis=0)
                out[which] += weight * np.maximum(best - held[which], 0.0)
            return out

        chosen, best_macro = cands[0], -1.0
        for weight, floor in cands:
            col = pooled_at(weight, floor)
            proba = np.zeros_like(col)
            thresholds = np.full(L, 0.5)
            for k in live:
                a, b = fit_platt(col[:, k], Y[:, k])
                proba[:, k] = sigmoid(-(col[:, k] * a + b))
                thresholds[k] = (
                    best_f1_threshold(proba[:, k], Y[:, k])[0] if self.threshold == "cv" else float(self.threshold)
                )
            if _is_cv(self.dominance):
                ratio = best_dominance(proba[rows], thresholds, Y[rows])[0]
            else:
                ratio = float(self.dominance)
            hits = dominant_hits(proba[rows], thresholds, ratio)
            if evidence is not None:
                hits = evidence.mask(hits, [texts[i] for i in rows], classes)
            tp = (hits & yy).sum(axis=0)
            denom = hits.sum(axis=0) + yy.sum(axis=0)
            macro = round(float(np.mean(np.where(denom > 0, 2.0 * tp / np.maximum(denom, 1), 0.0))), 6)
            logger.debug("pooling weight %s, floor %s: held-out macro-F1 %.4f (ratio %s)", weight, floor, macro, ratio)
            if macro > best_macro:
                chosen, best_macro = (weight, floor), macro
        weight, floor = chosen
        pool = np.zeros(L)
        pool[live] = weight
        return pooled_at(weight, floor), pool, floor

    # -- prediction --------------------------------------------------------------------------------------
    def _model(self) -> ThemeModel:
        model = getattr(self, "model_", None)
        if model is None:
            raise ClassifierNotFittedError(
                "this ThemeClassifier is not fitted yet; call fit(texts, labels) or load(path)"
            )
        return model

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Raw per-label scores, shape ``(n_texts, n_labels)``, columns in ``classes_`` order."""
        return self._model().decision_function(as_text_list(X, "X"))

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Calibrated probabilities ``(n_texts, n_labels)``; rows sum to 1 in single-label mode."""
        return self._model().predict_proba(as_text_list(X, "X"))

    def predict(self, X: Iterable[str]) -> Any:
        """Single-label: an array with one label per text (a number for a model fitted on class numbers).
        Multi-label: a list of label lists (maybe empty), or, for a model fitted on a 0/1 label matrix, such a
        matrix (int, columns in ``classes_`` order)."""
        model = self._model()
        pred = model.predict(as_text_list(X, "X"))
        if model.mode == "single":
            if getattr(self, "numbered_", False):
                return np.array([int(p) for p in pred])
            return np.array(pred, dtype=object)
        if getattr(self, "indicator_", False):
            index = {c: k for k, c in enumerate(model.labels)}
            out = np.zeros((len(pred), len(model.labels)), dtype=np.int64)
            for i, labs in enumerate(pred):
                out[i, [index[lab] for lab in labs]] = 1
            return out
        return pred

    def score(self, X: Iterable[str], y: Any, sample_weight: Any = None) -> float:
        """Accuracy (single-label) or exact-match ratio of the label sets (multi-label)."""
        # a 0/1 matrix is read by the names of a model fitted on one (never guessed from sorted labels, as evaluate)
        named = getattr(self, "indicator_", False) and indicator_matrix(y) is not None
        truth, _, _ = parse_target(y, None, self._model().labels if named else None)
        pred = self._model().predict(as_text_list(X, "X"))
        if self._model().mode == "single":
            hits = np.array([p == t[0] for p, t in zip(pred, truth, strict=True)], dtype=float)
        else:
            hits = np.array([sorted(p) == sorted(t) for p, t in zip(pred, truth, strict=True)], dtype=float)
        return float(np.average(hits, weights=sample_weight)) if len(hits) else 0.0

    def explain(
        self, text: str, top: int = 10, labels: Iterable[str] | str | None = None, kind: str | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """Per predicted label (``kind``: the text's unit kind, as ``classify(text, kind=...)`` reads it), the terms
        of ``text`` with the largest weight × tf-idf (see ThemeModel.explain)."""
        return self._model().explain(text, top=top, labels=labels, kind=kind)

    # -- files -------------------------------------------------------------------------------------------
    def _params_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.get_params(deep=False).items():
            if key == "tokenizer":
                continue
            out[key] = list(value) if isinstance(value, (tuple, np.ndarray)) else value
        return out

    def save(
        self, path: str | os.PathLike[str], metrics: dict[str, Any] | None = None, overwrite: bool = False
    ) -> Path:
        """Save the fitted model as a folder of JSON and ``.npy`` files with a manifest (no pickle).

        ``metrics`` defaults to the held-out metrics measured during ``fit``. The folder is written whole and
        renamed into place; a folder holding files that are not a model is refused unless ``overwrite=True``.
        """
        model = self._model()
        extra: dict[str, Any] = {"params": self._params_json()}
        if getattr(self, "training_", None):
            extra["training"] = self.training_
        chosen = metrics if metrics is not None else self.cv_metrics_
        return save_model(model, path, metrics=chosen, extra=extra, overwrite=overwrite)

    @classmethod
    def load(cls, path: str | os.PathLike[str], expected_manifest_sha256: str | None = None) -> ThemeClassifier:
        """Load a model folder saved by :meth:`save` (checked: format version, hashes, allowed files).

        ``expected_manifest_sha256`` pins the folder, for a model from someone else: the SHA-256 of its
        ``manifest.json`` (``model_.manifest_sha256`` of the saved or loaded model, sent along with it), which
        holds the hash of every other file; a folder changed since is refused (:class:`ModelIntegrityError`).
        """
        model = load_model(path, expected_manifest_sha256)
        params = dict(model.manifest.get("params") or {})
        valid = cls().get_params(deep=False)
        kwargs: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in params.items() if k in valid}
        clf = cls(**kwargs)
        clf.tokenizer = model.featurizer.tokenizer
        clf.classes_ = np.array(model.labels, dtype=object)
        clf.mode_ = model.mode
        clf.model_ = model
        clf.thresholds_ = model.thresholds
        clf.C_ = np.array(dict(model.manifest.get("training") or {}).get("C", clf._C_values()[:1] * len(model.labels)))
        clf.char_weight_ = model.featurizer.char_weight
        clf.pool_ = model.pool
        clf.dominance_ = model.dominance
        clf.n_features_ = model.featurizer.n_features
        clf.cv_metrics_ = dict(model.manifest.get("metrics") or {})
        clf.training_ = dict(model.manifest.get("training") or {})
        clf.indicator_ = clf.training_.get("target") == "indicator" and model.mode == "multi"
        clf.numbered_ = clf.training_.get("target") == "int" and model.mode == "single"
        if clf.numbered_:
            clf.classes_ = np.array([int(c) for c in model.labels])
        return clf
