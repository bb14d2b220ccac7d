"""Theme models saved as folders of open formats, and loaded back with every file checked.

A model is a folder::

    manifest.json        format name and version, versions, labels, mode, thresholds, calibration,
                         feature and tokenizer settings, optional sentence pooling, dominance ratio and
                         kind prior, training-data hash, metrics, SHA-256 of every file
    tokenizer.json       the tokenizer's dictionary entries and stopwords (the model is self-contained)
    word_vocab.json      word features (unigrams, and bigrams as "a b"), in column order
    char_vocab.json      character n-gram features, in column order
    word_idf.npy char_idf.npy coef.npy intercept.npy   float64 arrays, read with ``allow_pickle=False``
    *.md                 optional documentation (a model card); never read

:func:`load_model` checks the format version, every file's hash, and that nothing else sits in the folder
(a ``.pkl`` or ``.joblib`` file is refused, never opened). This module imports the runtime model
(:mod:`proposalnlp.themes.model`), never the reverse.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .._inputs import check_path, check_str
from .._safefolder import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    check_save_target,
    parse_manifest,
    sha256_file,
)
from .._safefolder import number as _number
from .._safefolder import numbers as _numbers
from .._safefolder import parse_array as _parse_array
from .._safefolder import parse_json as _parse_json
from .._safefolder import read_bytes as _read_bytes
from .._safefolder import settings_digest as _settings_digest
from .._safefolder import str_list as _str_list
from .._safefolder import swap_into_place as _swap_into_place
from .._safefolder import verified_files as _verified_files
from .._safefolder import write_json as _write_json
from .._version import __version__
from ..errors import ModelError, ModelFormatError, ModelIntegrityError, UnsafeModelError
from ..features import MAX_CHAR_NGRAM, Featurizer
from ..messages import error
from ..tokenize import Tokenizer
from .evidence import Evidence
from .model import KindPrior, ThemeModel

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST",
    "load_model",
    "save_model",
    "sha256_file",
]

logger = logging.getLogger(__name__)

FORMAT_NAME = "proposalnlp.linear-text-model"
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)
#: Ranges of the manifest's feature settings (a tampered value such as lead_weight=1e9 is refused).
MAX_WORD_NGRAM = 5
MAX_LEAD_WEIGHT = 10
MAX_CHAR_WEIGHT = 100.0
_ARRAYS = ("word_idf", "char_idf", "coef", "intercept")


# -- saving ------------------------------------------------------------------------------------------------
def _dependency_versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": platform.python_version()}
    for dist in ("numpy", "scipy", "scikit-learn", "rjieba", "jieba"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out


def save_model(
    model: ThemeModel,
    path: str | os.PathLike[str],
    metrics: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
    overwrite: bool = False,
) -> Path:
    """Save ``model`` as a folder of JSON and ``.npy`` files plus ``manifest.json`` with their SHA-256.

    The folder is written whole beside its destination and renamed into place, so a reader never sees a
    half-written model. An earlier model in the same folder is replaced (its ``.md`` documentation is
    kept); a folder holding anything else is refused unless ``overwrite=True``, which replaces it whole.
    ``extra`` adds top-level manifest entries (e.g. training info).
    """
    folder = Path(check_path(path))
    keep_docs = check_save_target(folder, overwrite)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        manifest = _write_model(model, staging, metrics, extra)
        for doc in keep_docs:
            shutil.copy2(doc, staging / doc.name)
        _swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    model.manifest = manifest
    model.path = folder
    model.manifest_sha256 = sha256_file(folder / MANIFEST)
    return folder


def _write_model(
    model: ThemeModel, folder: Path, metrics: Mapping[str, Any] | None, extra: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Write every file of the model into ``folder`` (empty) and return its manifest."""
    f = model.featurizer
    files: dict[str, Any] = {
        "tokenizer.json": f.tokenizer.to_state(),
        "word_vocab.json": f.word_terms,
        "char_vocab.json": f.char_terms,
    }
    for name, obj in files.items():
        _write_json(folder / name, obj)
    n_word = len(f.word_terms)
    arrays = {
        "word_idf": f.idf[:n_word],
        "char_idf": f.idf[n_word:],
        "coef": model.coef,
        "intercept": model.intercept,
    }
    for name, arr in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(arr, dtype=np.float64), allow_pickle=False)
    names = [*files, *(f"{a}.npy" for a in arrays)]
    manifest: dict[str, Any] = dict(model.manifest)
    manifest.pop("settings_sha256", None)
    manifest.update(
        {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "library": {"proposalnlp": __version__},
            "dependencies": _dependency_versions(),
            "labels": model.labels,
            "mode": model.mode,
            "thresholds": [float(x) for x in model.thresholds],
            "calibration": {
                "method": "softmax" if model.mode == "single" else "platt",
                "formula": (
                    "p = softmax(-(a * score + b)) over labels"
                    if model.mode == "single"
                    else "p = 1 / (1 + exp(a * score + b))"
                ),
                "a": [float(x) for x in model.platt_a],
                "b": [float(x) for x in model.platt_b],
            },
            "features": {
                "word_ngram_range": list(f.word_ngram_range),
                "char_ngram_range": list(f.char_ngram_range),
                "sublinear_tf": f.sublinear_tf,
                "char_weight": f.char_weight,
                "lead_weight": f.lead_weight,
                "idf": "ln((1 + n) / (1 + df)) + 1",
                "norm": "l2 per block",
                "n_word_features": n_word,
                "n_char_features": len(f.char_terms),
            },
            "tokenizer": {k: v for k, v in f.tokenizer.to_state().items() if k not in ("entries", "stopwords")},
        }
    )
    if model.pool is not None:  # sentence pooling (themes/model.py); absent: whole-text scores only
        manifest["pooling"] = {
            "method": "sentence-max",
            "weights": [float(x) for x in model.pool],
            "min_chars": model.pool_min_chars,
        }
    else:
        manifest.pop("pooling", None)
    if model.dominance:  # the dominance rule (themes/model.py); absent: 0.0, every label above its threshold
        manifest["dominance"] = model.dominance
    else:
        manifest.pop("dominance", None)
    if model.kind_prior is not None:  # the unit's kind as a prior (themes/model.py); absent: kinds change nothing
        manifest["kind_prior"] = model.kind_prior.to_dict()
    else:
        manifest.pop("kind_prior", None)
    if model.evidence is not None:  # the words each label needs (themes/evidence.py); absent: every label kept
        manifest["evidence"] = model.evidence.to_dict()
    else:
        manifest.pop("evidence", None)
    if metrics is not None:
        manifest["metrics"] = dict(metrics)
    if extra:
        manifest.update(dict(extra))
    manifest["files"] = {name: sha256_file(folder / name) for name in names}
    manifest["settings_sha256"] = _settings_digest(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    return manifest


# -- loading ----------------------------------------------------------------------------------------------
def _parse_manifest(data: bytes, where: str) -> dict[str, Any]:
    """The manifest's JSON, checked for the format name and a supported format version."""
    return parse_manifest(data, where, FORMAT_NAME, SUPPORTED_FORMAT_VERSIONS)


def _ngram_range(value: Any, name: str, lo: int, hi: int) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise ModelFormatError(f"manifest: {name} must be a list [low, high]")
    a, b = (int(_number(v, name, lo, hi, whole=True)) for v in value)
    if a > b:
        raise ModelFormatError(f"manifest: {name} {value!r} is empty (low > high)")
    return a, b


def _labels(value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x for x in value):
        raise ModelFormatError("manifest: labels must be a non-empty list of non-empty strings")
    if len(set(value)) != len(value):
        raise ModelFormatError(f"manifest: labels must be unique, got {value!r:.80}")
    return value


def load_model(path: str | os.PathLike[str], expected_manifest_sha256: str | None = None) -> ThemeModel:
    """Load a model folder, checking its format version, its values, its files' hashes and the allowlist of files.

    ``expected_manifest_sha256`` pins the manifest itself (and through it every file), as the bundled
    default model does. Each file is read once, hashed and parsed from the same bytes; symbolic links,
    devices and oversized files are refused before reading. Raises :class:`ModelFormatError`,
    :class:`ModelIntegrityError` or :class:`UnsafeModelError` with the reason; nothing in the folder is ever
    unpickled or executed.
    """
    folder = Path(check_path(path))
    if expected_manifest_sha256 is not None:  # hex text as pasted (bytes or a number would never match)
        check_str(expected_manifest_sha256, "expected_manifest_sha256")
    for attempt in range(_LOAD_ATTEMPTS):
        before = _stamp(folder)
        try:
            try:
                return _load_once(folder, expected_manifest_sha256)
            except OSError as exc:  # e.g. the folder vanished under us: a concurrent save swapped it
                raise ModelError(f"cannot read the model folder {os.fspath(folder)!r}: {exc}") from exc
        except ModelError:
            # a save() into the same folder swapped it while we read: read the new one instead
            if attempt + 1 == _LOAD_ATTEMPTS or (_stamp(folder) == before and not _saving(folder)):
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


_LOAD_ATTEMPTS = 10


def _stamp(folder: Path) -> tuple[int, int] | None:
    """Identity of the folder's manifest (inode, modification time): a save() in between changes it."""
    try:
        st = os.lstat(folder / MANIFEST)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _saving(folder: Path) -> bool:
    """Whether a save() into this folder is under way (its staging or old folder sits beside it)."""
    try:
        return any(folder.parent.glob(f".{glob.escape(folder.name)}.*"))
    except OSError:
        return False


def _load_once(folder: Path, expected_manifest_sha256: str | None) -> ThemeModel:
    """One attempt of :func:`load_model`."""
    if not folder.is_dir():
        if folder.is_file() and folder.suffix.lower() in (".pkl", ".pickle", ".joblib", ".sav", ".dill"):
            raise UnsafeModelError(
                f"{os.fspath(folder)!r} is a pickle/joblib file; loading it could run code, so it is refused. "
                "proposalnlp models are folders of JSON and .npy files"
            )
        if folder.is_file() and folder.name == MANIFEST:  # the manifest picked in a file dialog: name its folder
            raise error(ModelError, "err.model_manifest_file", path=os.fspath(folder), folder=os.fspath(folder.parent))
        if folder.is_file():
            raise error(ModelError, "err.model_is_file", path=os.fspath(folder))
        raise error(ModelError, "err.no_model_folder", path=os.fspath(folder))
    mpath = folder / MANIFEST
    if not os.path.lexists(mpath):
        raise error(ModelFormatError, "err.not_a_model", path=os.fspath(folder), manifest=MANIFEST)
    raw = _read_bytes(mpath, MAX_MANIFEST_BYTES)
    actual = hashlib.sha256(raw).hexdigest()
    if expected_manifest_sha256 is not None:  # as pasted: spaces around it, upper-case hex
        expected_manifest_sha256 = expected_manifest_sha256.strip().lower()
    if expected_manifest_sha256 is not None and actual != expected_manifest_sha256:
        raise ModelIntegrityError(
            f"{os.fspath(mpath)!r} does not match the pinned SHA-256 "
            f"(expected {expected_manifest_sha256}, got {actual})"
        )
    manifest = _parse_manifest(raw, repr(os.fspath(mpath)))
    contents = _verified_files(folder, manifest)
    needed = ["tokenizer.json", "word_vocab.json", "char_vocab.json", *(f"{a}.npy" for a in _ARRAYS)]
    missing = [n for n in needed if n not in contents]
    if missing:
        raise ModelFormatError(f"model manifest does not list {missing}")
    try:
        model = _build(manifest, contents)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelFormatError(f"model manifest is malformed: {exc!r}") from exc
    model.path = folder
    model.manifest_sha256 = actual
    return model


def _build(manifest: dict[str, Any], contents: Mapping[str, bytes]) -> ThemeModel:
    """The runtime model from a checked manifest and the verified bytes of its files."""
    feats = manifest["features"]
    cal = manifest["calibration"]
    if not isinstance(feats, dict) or not isinstance(cal, dict):
        raise ModelFormatError("manifest: features and calibration must be JSON objects")
    labels = _labels(manifest["labels"])
    mode = manifest["mode"]
    if mode not in ("multi", "single"):
        raise ModelFormatError(f"manifest: mode must be 'multi' or 'single', got {mode!r:.40}")
    n = len(labels)
    word_terms = _str_list(_parse_json(contents["word_vocab.json"], "word_vocab.json"), "word_vocab.json")
    char_terms = _str_list(_parse_json(contents["char_vocab.json"], "char_vocab.json"), "char_vocab.json")
    n_feat = len(word_terms) + len(char_terms)
    featurizer = Featurizer(
        Tokenizer.from_state(_parse_json(contents["tokenizer.json"], "tokenizer.json")),
        word_terms,
        char_terms,
        _parse_array(contents["word_idf.npy"], "word_idf.npy", (len(word_terms),)),
        _parse_array(contents["char_idf.npy"], "char_idf.npy", (len(char_terms),)),
        word_ngram_range=_ngram_range(feats["word_ngram_range"], "features.word_ngram_range", 1, MAX_WORD_NGRAM),
        char_ngram_range=_ngram_range(feats["char_ngram_range"], "features.char_ngram_range", 0, MAX_CHAR_NGRAM),
        sublinear_tf=_flag(feats["sublinear_tf"], "features.sublinear_tf"),
        char_weight=float(_number(feats["char_weight"], "features.char_weight", 0.0, MAX_CHAR_WEIGHT)),
        lead_weight=int(_number(feats.get("lead_weight", 0), "features.lead_weight", 0, MAX_LEAD_WEIGHT, whole=True)),
    )
    return ThemeModel(
        featurizer,
        labels,
        _parse_array(contents["coef.npy"], "coef.npy", (n_feat, n)),
        _parse_array(contents["intercept.npy"], "intercept.npy", (n,)),
        _numbers(cal["a"], "calibration.a", n),
        _numbers(cal["b"], "calibration.b", n),
        _numbers(manifest["thresholds"], "thresholds", n, 0.0, 1.0),
        mode=mode,
        manifest=manifest,
        **_pooling(manifest.get("pooling"), n),
        dominance=_dominance(manifest.get("dominance")),
        kind_prior=_kind_prior(manifest.get("kind_prior")),
        evidence=None if manifest.get("evidence") is None else Evidence.from_dict(manifest["evidence"]),
    )


def _kind_prior(value: Any) -> KindPrior | None:
    """The kind prior from the manifest's optional ``kind_prior`` object (absent: None, as models saved before
    it, which behave as they always did)."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"scale", "describing", "frame"}:
        raise ModelFormatError(
            f"manifest: kind_prior must be an object of scale, describing and frame, got {value!r:.80}"
        )
    kinds = {name: _str_list(value[name], f"kind_prior.{name}") for name in ("describing", "frame")}
    scale = float(_number(value["scale"], "kind_prior.scale", 1.0, 100.0))
    return KindPrior(scale, tuple(kinds["describing"]), tuple(kinds["frame"]))


def _dominance(value: Any) -> float:
    """The ratio of the dominance rule from the manifest's optional ``dominance`` (absent: 0.0, rule off); a
    number in [0, 1] here, and ThemeModel refuses 1 and a ratio on a single-label model."""
    return 0.0 if value is None else float(_number(value, "dominance", 0.0, 1.0))


def _pooling(value: Any, n: int) -> dict[str, Any]:
    """ThemeModel's pooling arguments from the manifest's optional ``pooling`` object."""
    if value is None:
        return {}
    if not isinstance(value, dict) or value.get("method") != "sentence-max":
        raise ModelFormatError(f"manifest: pooling must be a sentence-max object, got {value!r:.60}")
    return {
        "pool": _numbers(value.get("weights"), "pooling.weights", n, 0.0, 1.0),
        "pool_min_chars": int(_number(value.get("min_chars"), "pooling.min_chars", 1, 1_000_000, whole=True)),
    }


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ModelFormatError(f"manifest: {name} must be true or false, got {value!r:.40}")
    return value
