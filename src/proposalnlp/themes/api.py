"""Classify proposal and reply text into the themes talent, funding, innovation and awareness.

``classify(text)`` returns a :class:`ThemePrediction` (the themes above their thresholds, thinned by the
model's dominance rule when it has one, possibly none;
a calibrated probability for every theme; the best theme). ``classify_many`` does a batch (one vectorised
pass per chunk, the same scores as ``classify``; optionally in parallel), ``classify_document`` a whole
parsed document with a summary of how much of its text each theme covers.

A unit's kind (``Unit.kind`` of :func:`proposalnlp.parse`) can be passed (``classify(text, kind=...)``,
``classify_many(texts, kinds=...)``; ``classify_document`` and ``match`` pass their units' own): with a model
that has a kind prior (:class:`~proposalnlp.themes.model.KindPrior`, the default model's), frame units
(header, opening, closing, other) carry no theme and background or problem units need a stronger score. Without
a kind, a text gets the themes it always did.

The bundled default model (``proposalnlp.models/themes-default``) is loaded lazily, once per process,
and checked against the SHA-256 of its manifest pinned in ``default-model.sha256`` beside this module.
This path never imports scikit-learn.
After retraining the default model, update the pin with ``python -m proposalnlp.themes.api pin``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any, Literal, overload

import numpy as np

from .. import _parallel
from .._inputs import as_text_list, check_dict, check_text, given, ordinal, path_hint
from .._safefolder import bundled_folder
from ..errors import EmptyInputError, InputTypeError, InputValueError, ModelError
from ..messages import Listed, error
from .folder import MANIFEST, sha256_file
from .folder import load_model as load_folder
from .model import ThemeModel

__all__ = [
    "DEFAULT_MODEL_SHA256",
    "THEMES",
    "DocumentThemes",
    "ThemePrediction",
    "UnitThemes",
    "check_kind",
    "classify",
    "classify_document",
    "classify_many",
    "default_model_path",
    "load_model",
    "pin_default_model",
    "resolve_model",
]

logger = logging.getLogger(__name__)

#: The four themes of the default model.
THEMES = ("talent", "funding", "innovation", "awareness")

#: The file (package data beside this module) that pins the SHA-256 of the bundled default model's
#: manifest.json, which holds the SHA-256 of every other file. Rewritten by ``python -m proposalnlp.themes.api pin``.
PIN_FILE = Path(__file__).with_name("default-model.sha256")


def _read_pin() -> str | None:
    try:
        digest = PIN_FILE.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return digest or None


#: SHA-256 of the bundled default model's manifest.json, read from :data:`PIN_FILE`.
DEFAULT_MODEL_SHA256: str | None = _read_pin()

_DEFAULT_NAME = "themes-default"
_lock = threading.Lock()
_default: ThemeModel | None = None


# -- results -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ThemePrediction:
    """The themes of one text.

    Attributes
    ----------
    themes : list of str
        The labels whose probability reaches their threshold (of those, with a dominance rule, only the ones
        within the model's ratio of the highest; with the evidence rule, as the default model has, only the ones
        whose words the text holds: :mod:`proposalnlp.themes.evidence`); empty when the text is about none of them.
    scores : dict of str to float
        The calibrated probability of every label (not changed by the evidence rule: a label above its threshold
        but not in ``themes`` may be one the rule removed).
    top : str
        The most probable label. It is a theme of the text only when it is in ``themes``: when ``themes`` is
        empty the text has no theme, and ``top`` is merely the label that came closest (show "no theme").
    """

    themes: list[str]
    scores: dict[str, float]
    top: str

    def __reduce__(self) -> tuple[Any, tuple[list[str], dict[str, float], str]]:
        # slots, no __dict__: pickled by its fields (the same on every Python version)
        return (ThemePrediction, (self.themes, self.scores, self.top))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict."""
        return {"themes": list(self.themes), "scores": dict(self.scores), "top": self.top}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThemePrediction:
        """The prediction of a :meth:`to_dict` dict (read back from JSON)."""
        check_dict(data, ("themes", "scores", "top"), "ThemePrediction")
        return cls(list(data["themes"]), {str(k): float(v) for k, v in data["scores"].items()}, str(data["top"]))

    def to_json(self) -> str:
        """JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class UnitThemes:
    """The prediction for one unit of a parsed document.

    Attributes
    ----------
    unit_id, part, kind : str
        The unit's id, part (proposal / reply) and kind, as :class:`~proposalnlp.document.Unit` has them.
    chars : int
        Length of the unit's text without surrounding whitespace (its weight in the document's shares).
    prediction : ThemePrediction
        The unit's themes.
    """

    unit_id: str
    part: str
    kind: str
    chars: int
    prediction: ThemePrediction

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict."""
        return {
            "unit_id": self.unit_id,
            "part": self.part,
            "kind": self.kind,
            "chars": self.chars,
            **self.prediction.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UnitThemes:
        """The unit's prediction of a :meth:`to_dict` dict (read back from JSON)."""
        check_dict(data, ("unit_id", "part", "kind", "chars", "themes", "scores", "top"), "UnitThemes")
        return cls(
            str(data["unit_id"]), str(data["part"]), str(data["kind"]), int(data["chars"]),
            ThemePrediction.from_dict(data),
        )


@dataclass(frozen=True)
class DocumentThemes:
    """Per-unit predictions of a document and a summary of the whole.

    Attributes
    ----------
    units : list of UnitThemes
        Every non-blank unit with its prediction.
    shares : dict of str to float
        For each theme, the fraction of the document's unit text (in characters) in units carrying that
        theme; a unit may carry several themes, so shares need not sum to 1.
    scores : dict of str to float
        The length-weighted mean probability of each theme.
    themes : list of str
        The themes with a share > 0, by decreasing share.
    top : str
        The theme with the largest share; when no unit has a theme (``themes`` empty), the label with the
        largest mean probability, which is then not a theme of the document (show "no theme").
    """

    units: list[UnitThemes]
    shares: dict[str, float]
    scores: dict[str, float]
    themes: list[str] = field(default_factory=list)
    top: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict."""
        return {
            "themes": list(self.themes),
            "top": self.top,
            "shares": dict(self.shares),
            "scores": dict(self.scores),
            "units": [u.to_dict() for u in self.units],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentThemes:
        """The summary of a :meth:`to_dict` dict, e.g. ``DocumentThemes.from_dict(json.loads(text))``."""
        check_dict(data, ("units", "shares", "scores"), "DocumentThemes")
        return cls(
            [UnitThemes.from_dict(u) for u in data["units"]],
            {str(k): float(v) for k, v in data["shares"].items()},
            {str(k): float(v) for k, v in data["scores"].items()},
            list(data.get("themes") or []),
            str(data.get("top", "")),
        )

    def to_json(self) -> str:
        """JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


# -- models --------------------------------------------------------------------------------------------------
def default_model_path() -> Path:
    """The folder of the bundled default model (:func:`proposalnlp._safefolder.bundled_folder`); its manifest is
    pinned by :data:`DEFAULT_MODEL_SHA256` wherever it is read from."""
    return bundled_folder(_DEFAULT_NAME)


def load_model(path: str | os.PathLike[str] | None = None) -> ThemeModel:
    """Load a model folder, or (``None``) the bundled default model, loaded once and shared (thread-safe).

    The default model must match :data:`DEFAULT_MODEL_SHA256`; any model is refused if a file's hash,
    its format version or its file types are wrong (see :mod:`proposalnlp.themes.folder`).
    """
    global _default
    if path is not None:
        return load_folder(path)
    model = _default
    if model is not None:
        return model
    with _lock:
        if _default is None:
            folder = default_model_path()
            if not (folder / MANIFEST).is_file():
                raise error(ModelError, "err.default_model_missing", folder=str(folder), manifest=MANIFEST)
            if not DEFAULT_MODEL_SHA256:
                raise error(ModelError, "err.default_model_unpinned")
            _default = load_folder(folder, expected_manifest_sha256=DEFAULT_MODEL_SHA256)
            logger.debug("loaded the default theme model from %s", folder)
        return _default


def resolve_model(model: Any) -> ThemeModel:
    """The runtime model that ``model`` names: ``None`` (the bundled default), a folder path, a
    :class:`ThemeModel`, a fitted ``ThemeClassifier``, or a fitted search (``GridSearchCV``: its best estimator)
    or Pipeline (of that model alone) around one. The one switch every entry point uses."""
    if model is None:
        return load_model()
    if isinstance(model, ThemeModel):
        return model
    inner = getattr(model, "model_", None)  # a fitted ThemeClassifier
    if isinstance(inner, ThemeModel):
        return inner
    if isinstance(model, (str, os.PathLike)):
        return load_model(model)
    best = getattr(model, "best_estimator_", None)  # a fitted GridSearchCV / RandomizedSearchCV (refit=True)
    if best is not None:
        return resolve_model(best)
    if hasattr(model, "cv_results_") and hasattr(model, "estimator"):  # a search fitted with refit=False
        raise InputTypeError(
            f"this {type(model).__name__} was fitted with refit=False and holds no model: fit it with refit=True, "
            "or pass ThemeClassifier(**search.best_params_).fit(texts, labels)"
        )
    steps = getattr(model, "steps", None)  # a scikit-learn Pipeline ending in a ThemeClassifier
    if isinstance(steps, list) and steps and all(isinstance(s, tuple) and len(s) == 2 for s in steps):
        before = [name for name, step in steps[:-1] if step is not None and step != "passthrough"]
        if before:
            raise InputTypeError(
                f"model is a Pipeline with steps before its model ({', '.join(before)}): classify() would give "
                "the texts straight to the model and skip them; call pipeline.predict(texts), or pass "
                "pipeline[-1] if those steps leave the texts as they are"
            )
        return resolve_model(steps[-1][1])
    if hasattr(model, "fit") and hasattr(model, "predict_proba"):
        raise ModelError(f"this {type(model).__name__} is not fitted yet; call fit(texts, labels) or load(path)")
    raise InputTypeError(
        f"model must be None (the default), a model folder path, a ThemeModel or a fitted ThemeClassifier; "
        f"got {type(model).__name__}"
    )


def check_kind(kind: Any, where: str = "kind") -> str | None:
    """``kind`` if it is None or a unit kind of :data:`proposalnlp.document.KINDS`; else an
    :class:`~proposalnlp.errors.InputValueError` (an unknown kind, named) or ``InputTypeError`` (not a str)."""
    if kind is None:  # the common case, without an import on every classify() call
        return None
    from ..document import KINDS

    if isinstance(kind, str) and kind in KINDS:
        return kind
    cls = InputValueError if isinstance(kind, str) else InputTypeError
    raise error(cls, "err.unknown_kind", where=where, kind=f"{kind!r:.40}", kinds=Listed(KINDS))


def _check_kinds(kinds: Iterable[Any], n: int) -> list[str | None]:
    """``kinds`` as a list of :func:`check_kind` values, one per text of a batch of ``n``."""
    if isinstance(kinds, (str, bytes)):
        raise error(InputTypeError, "err.kinds_str", given=given(kinds))
    if not isinstance(kinds, Iterable):
        raise InputTypeError(f"kinds must be a list of unit kinds (one per text) or None, got {given(kinds)}")
    out = [check_kind(k, f"kinds[{i}]") for i, k in enumerate(kinds)]
    if len(out) != n:
        raise error(InputValueError, "err.kinds_length", n_kinds=len(out), n_texts=n)
    return out


def _with_kinds(
    model: ThemeModel, preds: list[ThemePrediction], kinds: Sequence[str | None], texts: Sequence[str]
) -> list[ThemePrediction]:
    """``preds`` (of ``texts``) with the themes of the texts whose kind the model's kind prior concerns chosen
    again from their probabilities with that prior (the probabilities of a prediction are exactly those it was
    labelled from; the texts, for the model's evidence words)."""
    prior = model.kind_prior
    if prior is None:
        return preds
    which = [i for i, k in enumerate(kinds) if k in prior.describing or k in prior.frame]
    if not which:
        return preds
    labels = model.labels
    proba = np.array([[preds[i].scores[lab] for lab in labels] for i in which], dtype=np.float64)
    chosen = model.labels_from(proba, proba, [kinds[i] for i in which], [texts[i] for i in which])
    out = list(preds)
    for i, themes in zip(which, chosen, strict=True):
        out[i] = ThemePrediction(themes, preds[i].scores, preds[i].top)
    return out


def _predictions(model: ThemeModel, scores: np.ndarray, texts: Sequence[str]) -> list[ThemePrediction]:
    """One ThemePrediction per row of ``scores`` (of ``texts``), built with C-level maps (no Python loop or call
    per text): the objects are made without the frozen dataclass's ``__init__`` and their slots filled by the slots'
    own setters, about three times cheaper per text, which counts on batches of short texts."""
    proba = model.proba_from_scores(scores)
    chosen = model.labels_from(scores, proba, None, texts)
    if model.mode == "single":
        chosen = list(map(list, zip(chosen)))  # one-label lists
    labels = model.labels
    if len(chosen) == 1:  # one text (a warm classify() call): no batch machinery
        top = labels[int(np.argmax(proba[0]))]
        return [ThemePrediction(chosen[0], dict(zip(labels, proba[0].tolist(), strict=True)), top)]
    tops = map(labels.__getitem__, np.argmax(proba, axis=1).tolist())
    score_dicts = map(dict, map(zip, repeat(labels), proba.tolist()))
    out: list[ThemePrediction] = list(map(_new, repeat(ThemePrediction, len(chosen))))
    deque(map(_SET_THEMES, out, chosen), maxlen=0)
    deque(map(_SET_SCORES, out, score_dicts), maxlen=0)
    deque(map(_SET_TOP, out, tops), maxlen=0)
    return out


_new = object.__new__
#: the slot setters of ThemePrediction's fields (they write past the frozen class's __setattr__)
_SET_THEMES, _SET_SCORES, _SET_TOP = (ThemePrediction.__dict__[name].__set__ for name in ("themes", "scores", "top"))


# -- classification --------------------------------------------------------------------------------------------
def classify(text: str, model: Any = None, kind: str | None = None) -> ThemePrediction:
    """The themes of one text (a paragraph or unit works best), with a probability for every theme.

    ``model``: ``None`` for the default model, a folder path, a loaded ThemeModel or a fitted
    ThemeClassifier. ``kind``: the text's unit kind when it is a unit of a parsed document (``Unit.kind``, one
    of :data:`proposalnlp.document.KINDS`); with a model that has a kind prior, a header, opening, closing or
    other unit gets no theme and a background or problem unit needs a stronger score (the scores are the same).
    ``None`` (the default): no prior. A model with the evidence rule (the default one) keeps a theme only when
    the text holds one of its words (a request for 扶持 with no money named is no funding).
    Raises :class:`~proposalnlp.errors.InputTypeError` for a non-str,
    :class:`~proposalnlp.errors.EmptyInputError` for empty text and
    :class:`~proposalnlp.errors.InputValueError` for an unknown kind.
    """
    check_text(text)
    check_kind(kind)
    m = resolve_model(model)
    pred = _predictions(m, m.decision_one(text)[None, :], [text])
    return (pred if kind is None else _with_kinds(m, pred, [kind], [text]))[0]


#: Texts scored in one vectorised pass when ``batch_size`` is given as a count (the former default).
BATCH_SIZE = 128
#: Characters scored in one vectorised pass by default (``batch_size=None``): about 175 paragraphs of 180
#: characters, or 600 sentences of 50. Every pass has fixed costs (one engine call, some hundred numpy calls),
#: so short texts go in larger batches; too large a batch leaves the cache (benchmarks/bench_classify.py:
#: on sentences 1024 texts a pass beat 128 by about 15%, on paragraphs 128-256 were best).
BATCH_CHARS = 32_000


def _spans(texts: Sequence[str], batch_size: int | None) -> Iterator[tuple[int, int]]:
    """(start, stop) of each batch: ``batch_size`` texts, or (None) about :data:`BATCH_CHARS` characters."""
    n = len(texts)
    if batch_size is not None:
        for start in range(0, n, batch_size):
            yield start, min(start + batch_size, n)
        return
    ends = list(accumulate(map(len, texts)))  # characters up to and including each text
    start = 0
    while start < n:
        before = ends[start - 1] if start else 0
        stop = max(bisect_right(ends, before + BATCH_CHARS, start), start + 1)
        yield start, stop
        start = stop


def _batch(model: ThemeModel, texts: list[str], batch_size: int | None = None) -> list[ThemePrediction]:
    """Predictions for ``texts``, one vectorised scoring pass per batch (:func:`_spans`). Each text's scores
    do not depend on the batch it is in, so the batching never changes a result."""
    out: list[ThemePrediction] = []
    for start, stop in _spans(texts, batch_size):
        chunk = texts[start:stop]
        out.extend(_predictions(model, model.scores(chunk), chunk))
    return out


_worker_models: dict[tuple[str, str], ThemeModel] = {}


def _batch_by_path(source: tuple[str, str], texts: list[str], batch_size: int | None) -> list[ThemePrediction]:
    """Worker side of classify_many: load a saved model once per process (verified by its manifest hash)."""
    model = _worker_models.get(source)
    if model is None:
        model = load_folder(source[0], expected_manifest_sha256=source[1])
        _worker_models.clear()
        _worker_models[source] = model
    return _batch(model, texts, batch_size)


def _batch_default(texts: list[str], batch_size: int | None) -> list[ThemePrediction]:
    """Worker side of classify_many with the bundled default model (loaded once per worker process)."""
    return _batch(load_model(), texts, batch_size)


@overload
def classify_many(
    texts: Iterable[str],
    n_jobs: int = ...,
    progress: bool = ...,
    model: Any = ...,
    batch_size: int | None = ...,
    backend: Any = ...,
    errors: Literal["raise"] = ...,
    kinds: Iterable[str | None] | None = ...,
) -> list[ThemePrediction]: ...


@overload
def classify_many(
    texts: Iterable[Any],
    n_jobs: int = ...,
    progress: bool = ...,
    model: Any = ...,
    batch_size: int | None = ...,
    backend: Any = ...,
    *,
    errors: Literal["skip"],
    kinds: Iterable[str | None] | None = ...,
) -> list[ThemePrediction | None]: ...


def classify_many(
    texts: Iterable[Any],
    n_jobs: int = 1,
    progress: bool = False,
    model: Any = None,
    batch_size: int | None = None,
    backend: Any = None,
    errors: str = "raise",
    kinds: Iterable[str | None] | None = None,
) -> list[ThemePrediction] | list[ThemePrediction | None]:
    """Classify an iterable of texts (list, generator, pandas Series...), in order.

    ``errors="raise"`` (the default): a text that is not a str, or is empty or blank, raises an
    :class:`~proposalnlp.errors.InputTypeError` / :class:`~proposalnlp.errors.EmptyInputError` naming its
    0-based index (``texts[3]``), and nothing is returned. ``errors="skip"``: such an item gives ``None`` at
    its position instead (the result always has one entry per input, in order; a warning is logged with the
    count and the first bad index), and the other texts are classified as usual.

    Each batch is scored in one vectorised pass (the same scores as ``classify``, whatever the batching):
    ``batch_size`` texts, or by default (``None``) as many as make about :data:`BATCH_CHARS` characters.
    ``n_jobs > 1`` spreads the chunks over processes with joblib (same results as ``n_jobs=1``; worth it
    for tens of thousands of texts); ``backend`` is passed to ``joblib.Parallel`` ("loky", "threading",
    "dask"...), and a backend set with ``joblib.parallel_config(backend="dask")`` is used too (docs/scaling.md);
    ``progress=True`` shows a tqdm bar when tqdm is installed.

    ``kinds``: one unit kind per text (``Unit.kind``, or None), in the same order, as ``classify(text, kind=...)``
    takes it; an :class:`~proposalnlp.errors.InputValueError` names an unknown kind (``kinds[2]``) or a count
    that differs from the texts'. ``None`` (the default): no kind for any text.
    """
    if errors not in ("raise", "skip"):
        raise InputValueError(f"errors must be 'raise' or 'skip', got {errors!r}")
    if errors == "skip":
        return _classify_skipping(texts, n_jobs, progress, model, batch_size, backend, kinds)
    items = as_text_list(texts)
    unit_kinds = None if kinds is None else _check_kinds(kinds, len(items))
    if "" in items or any(map(str.isspace, items)):  # C-level scans; the loop only finds which one
        for i, t in enumerate(items):
            if not t or t.isspace():
                raise EmptyInputError(
                    f"texts[{i}] is empty or holds only whitespace (0-based index: the {ordinal(i)} text); "
                    "errors='skip' gives None there instead"
                )
    if batch_size is not None and (not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1):
        raise InputTypeError(f"batch_size must be a positive int or None, got {batch_size!r}")
    n_jobs = _parallel.check_n_jobs(n_jobs)
    backend = _parallel.check_backend(backend)
    m = resolve_model(model)
    spans = list(_spans(items, batch_size))
    if _parallel.parallel_requested(n_jobs, backend) and len(spans) > 1:
        n_jobs = _parallel.workers(n_jobs)
        # one chunk per worker (two with a progress bar): each task ships the model to its worker
        per = n_jobs * (2 if progress else 1)
        parts = list(_parallel.chunks(items, max(batch_size or 1, -(-len(items) // per))))
    else:
        n_jobs = 1
        parts = [items[start:stop] for start, stop in spans]
    tasks: list[tuple[Any, tuple[Any, ...]]] | None = None
    if n_jobs != 1:
        if m is _default:  # the bundled model: each worker loads its own copy once (nothing big is shipped)
            tasks = [(_batch_default, (c, batch_size)) for c in parts]
        elif m.path is not None and m.manifest_sha256:
            # a saved model: workers load it once by path (hash-checked) and keep it between calls
            src = (str(m.path), m.manifest_sha256)
            tasks = [(_batch_by_path, (src, c, batch_size)) for c in parts]
        else:
            tasks = [(_batch, (m, c, batch_size)) for c in parts]
    preds: list[ThemePrediction] = _parallel.run_chunks(
        lambda c: _predictions(m, m.scores(c), c),
        tasks,
        parts,
        n_jobs,
        backend=backend,
        progress=progress,
        desc="classify",
    )
    return preds if unit_kinds is None else _with_kinds(m, preds, unit_kinds, items)


def _classify_skipping(
    texts: Iterable[Any],
    n_jobs: int,
    progress: bool,
    model: Any,
    batch_size: int | None,
    backend: Any,
    kinds: Iterable[str | None] | None,
) -> list[ThemePrediction | None]:
    """classify_many(errors="skip"): None for each item that is not a non-blank str, the rest classified."""
    items = as_text_list(texts, check_items=False)
    unit_kinds = None if kinds is None else _check_kinds(kinds, len(items))
    ok = [isinstance(t, str) and bool(t) and not t.isspace() for t in items]
    good = [i for i, flag in enumerate(ok) if flag]
    out: list[ThemePrediction | None] = [None] * len(items)
    if len(good) < len(items):
        first = ok.index(False)
        logger.warning(
            "classify_many: %d of %d items are not text or are blank and give None (first: texts[%d], %.40r)",
            len(items) - len(good),
            len(items),
            first,
            items[first],
        )
    if good:
        preds = classify_many(
            [items[i] for i in good],
            n_jobs=n_jobs,
            progress=progress,
            model=model,
            batch_size=batch_size,
            backend=backend,
            kinds=None if unit_kinds is None else [unit_kinds[i] for i in good],
        )
        for i, p in zip(good, preds, strict=True):
            out[i] = p
    else:
        resolve_model(model)  # a bad model argument is still an error
    return out


def classify_document(text_or_document: Any, model: Any = None) -> DocumentThemes:
    """Per-unit themes of a document (a text, parsed with :func:`proposalnlp.parse`, or a Document) and
    each theme's share of the document's text, weighting units by their length. Each unit is classified with
    its kind (``classify(text, kind=unit.kind)``): with the default model, the letter's frame (header,
    opening, closing) carries no theme and a background or problem unit needs a stronger score."""
    from ..document import Document, parse

    if isinstance(text_or_document, (str, bytes)):
        doc = parse(text_or_document)
    elif isinstance(text_or_document, Document):
        doc = text_or_document
    else:
        raise InputTypeError(
            f"classify_document() expects a text (str or bytes) or a Document for text_or_document, "
            f"got {given(text_or_document)}{path_hint(text_or_document)}"
        )
    m = resolve_model(model)
    units = [u for u in doc.units if u.text.strip()]
    preds = _batch(m, [u.text for u in units]) if units else []  # batches by characters: bounded memory
    preds = _with_kinds(m, preds, [u.kind for u in units], [u.text for u in units])
    rows = [UnitThemes(u.id, u.part, u.kind, len(u.text.strip()), p) for u, p in zip(units, preds, strict=True)]
    total = sum(r.chars for r in rows)
    labels = m.labels
    shares = {lab: 0.0 for lab in labels}
    scores = {lab: 0.0 for lab in labels}
    if total:
        for r in rows:
            w = r.chars / total
            for lab in r.prediction.themes:
                shares[lab] += w
            for lab, p in r.prediction.scores.items():
                scores[lab] += w * p
    ranked = sorted((lab for lab in labels if shares[lab] > 0), key=lambda lab: (-shares[lab], labels.index(lab)))
    top = ranked[0] if ranked else (max(labels, key=lambda lab: scores[lab]) if labels else "")
    return DocumentThemes(rows, shares, scores, ranked, top)


# -- pinning the default model --------------------------------------------------------------------------------
def pin_default_model(pin_file: str | os.PathLike[str] | None = None) -> str:
    """Write the SHA-256 of the default model's manifest into the pin file (:data:`PIN_FILE` unless given).

    Run after retraining ``models/themes-default`` (``python -m proposalnlp.themes.api pin``); the model is
    verified first (format, hashes, allowed files). Returns the new pin.
    """
    global DEFAULT_MODEL_SHA256, _default
    folder = default_model_path()
    load_folder(folder)  # refuses a broken or unsafe folder before pinning it
    digest = sha256_file(folder / MANIFEST)
    Path(pin_file if pin_file is not None else PIN_FILE).write_text(digest + "\n", encoding="ascii")
    with _lock:
        DEFAULT_MODEL_SHA256 = digest
        _default = None
    return digest


def _main(argv: Sequence[str]) -> int:
    if list(argv) == ["pin"]:
        try:
            digest = pin_default_model()
        except ModelError as exc:
            sys.stderr.write(f"cannot pin the default theme model: {exc}\n")
            return 1
        sys.stdout.write(f"pinned the default theme model: DEFAULT_MODEL_SHA256 = {digest}\n")
        return 0
    sys.stderr.write("usage: python -m proposalnlp.themes.api pin\n")
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
