"""Theme models saved as folders of open formats, and loaded back with every file checked.

A model is a folder::

    manifest.json        format name and version, versions, labels, mode, thresholds, calibration,
                         feature and tokenizer settings, training-data hash, metrics, SHA-256 of every file
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

import hashlib
import json
import logging
import os
import platform
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..errors import ModelError, ModelFormatError, ModelIntegrityError, UnsafeModelError
from ..features import Featurizer
from ..tokenize import Tokenizer
from .model import ThemeModel

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST",
    "load_model",
    "read_manifest",
    "save_model",
    "sha256_file",
    "verify_folder",
]

logger = logging.getLogger(__name__)

FORMAT_NAME = "proposalnlp.linear-text-model"
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)
MANIFEST = "manifest.json"
#: Data files a model may hold, by suffix; anything else (``.pkl``, ``.joblib``, ``.py``...) is refused.
_DATA_SUFFIXES = (".json", ".npy")
#: Documentation files that may sit in a model folder without a hash; they are never read.
_DOC_SUFFIXES = (".md",)
_IGNORED = (".gitkeep",)
_ARRAYS = ("word_idf", "char_idf", "coef", "intercept")


# -- saving ------------------------------------------------------------------------------------------------
def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _dependency_versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": platform.python_version()}
    for dist in ("numpy", "scipy", "scikit-learn", "rjieba", "jieba"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def save_model(
    model: ThemeModel,
    path: str | os.PathLike[str],
    metrics: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Save ``model`` as a folder of JSON and ``.npy`` files plus ``manifest.json`` with their SHA-256.

    Files of an earlier model in the same folder are overwritten; other data files there are refused,
    since loading would refuse them too. ``extra`` adds top-level manifest entries (e.g. training info).
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ModelError(f"cannot save a model to {os.fspath(folder)!r}: it is a file, a model is a folder")
    folder.mkdir(parents=True, exist_ok=True)
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
    if metrics is not None:
        manifest["metrics"] = dict(metrics)
    if extra:
        manifest.update(dict(extra))
    manifest["files"] = {name: sha256_file(folder / name) for name in names}
    for item in folder.iterdir():
        if item.name not in names and item.name != MANIFEST and not _is_doc(item):
            logger.warning("model folder %s holds an extra file %s; loading will refuse it", folder, item.name)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    model.manifest = manifest
    model.path = folder
    model.manifest_sha256 = sha256_file(folder / MANIFEST)
    return folder


# -- loading ----------------------------------------------------------------------------------------------
def _is_doc(item: Path) -> bool:
    return item.is_file() and (item.suffix.lower() in _DOC_SUFFIXES or item.name in _IGNORED)


def read_manifest(folder: Path) -> dict[str, Any]:
    """Read and check a model folder's manifest: format name and a supported format version."""
    mpath = folder / MANIFEST
    if not folder.is_dir():
        if folder.is_file() and folder.suffix.lower() in (".pkl", ".pickle", ".joblib", ".sav", ".dill"):
            raise UnsafeModelError(
                f"{os.fspath(folder)!r} is a pickle/joblib file; loading it could run code, so it is refused. "
                "proposalnlp models are folders of JSON and .npy files"
            )
        raise ModelError(f"no model folder at {os.fspath(folder)!r}")
    if not mpath.is_file():
        raise ModelFormatError(f"{os.fspath(folder)!r} is not a proposalnlp model: it has no {MANIFEST}")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFormatError(f"{os.fspath(mpath)!r} is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict):
        raise ModelFormatError(f"{os.fspath(mpath)!r} must hold a JSON object")
    if manifest.get("format") != FORMAT_NAME:
        raise ModelFormatError(
            f"{os.fspath(mpath)!r}: unknown model format {manifest.get('format')!r} (expected {FORMAT_NAME!r})"
        )
    version = manifest.get("format_version")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        raise ModelFormatError(
            f"{os.fspath(mpath)!r}: unsupported model format version {version!r}; this proposalnlp "
            f"{__version__} reads version(s) {', '.join(map(str, SUPPORTED_FORMAT_VERSIONS))}. "
            "Upgrade proposalnlp or retrain the model"
        )
    return manifest


def verify_folder(folder: Path, manifest: Mapping[str, Any]) -> dict[str, Path]:
    """Check that the folder holds exactly the manifest's files (plus docs) and that each hash matches."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise ModelFormatError(f"{os.fspath(folder / MANIFEST)!r} lists no files")
    checked: dict[str, Path] = {}
    for name, digest in files.items():
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise UnsafeModelError(f"model file name {name!r} is not allowed (no paths, no hidden files)")
        if not name.endswith(_DATA_SUFFIXES):
            raise UnsafeModelError(
                f"model file {name!r} is not an allowed format; only JSON and .npy files are read "
                "(pickle/joblib files could run code)"
            )
        p = folder / name
        if not p.is_file():
            raise ModelIntegrityError(
                f"model file {name!r} listed in the manifest is missing from {os.fspath(folder)!r}"
            )
        actual = sha256_file(p)
        if actual != digest:
            raise ModelIntegrityError(
                f"model file {name!r} does not match its SHA-256 in the manifest (file changed or corrupted): "
                f"expected {digest}, got {actual}"
            )
        checked[name] = p
    for item in folder.iterdir():
        if item.name == MANIFEST or item.name in checked or _is_doc(item):
            continue
        raise UnsafeModelError(
            f"model folder {os.fspath(folder)!r} holds {item.name!r}, which is not part of the model; refusing "
            "to load it (only the manifest's JSON/.npy files and .md documentation are allowed)"
        )
    return checked


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFormatError(f"{path.name} is not valid JSON: {exc}") from exc


def _load_array(path: Path) -> np.ndarray:
    try:
        arr = np.load(path, allow_pickle=False)
    except ValueError as exc:
        raise UnsafeModelError(f"{path.name}: refused to load (object arrays need pickle): {exc}") from exc
    except OSError as exc:
        raise ModelFormatError(f"{path.name} is not a valid .npy file: {exc}") from exc
    if not isinstance(arr, np.ndarray) or arr.dtype.kind != "f":
        raise UnsafeModelError(f"{path.name}: expected a float array, got dtype {getattr(arr, 'dtype', type(arr))}")
    return arr


def _str_list(obj: Any, name: str) -> list[str]:
    if not isinstance(obj, list) or not all(isinstance(x, str) for x in obj):
        raise ModelFormatError(f"{name} must be a JSON list of strings")
    return obj


def load_model(path: str | os.PathLike[str], expected_manifest_sha256: str | None = None) -> ThemeModel:
    """Load a model folder, checking its format version, its files' hashes and the allowlist of files.

    ``expected_manifest_sha256`` pins the manifest itself (and through it every file), as the bundled
    default model does. Raises :class:`ModelFormatError`, :class:`ModelIntegrityError` or
    :class:`UnsafeModelError` with the reason; nothing in the folder is ever unpickled or executed.
    """
    folder = Path(path)
    actual = sha256_file(folder / MANIFEST) if (folder / MANIFEST).is_file() else None
    if expected_manifest_sha256 is not None and actual is not None:
        if actual != expected_manifest_sha256:
            raise ModelIntegrityError(
                f"{os.fspath(folder / MANIFEST)!r} does not match the pinned SHA-256 "
                f"(expected {expected_manifest_sha256}, got {actual})"
            )
    manifest = read_manifest(folder)
    files = verify_folder(folder, manifest)
    needed = ["tokenizer.json", "word_vocab.json", "char_vocab.json", *(f"{a}.npy" for a in _ARRAYS)]
    missing = [n for n in needed if n not in files]
    if missing:
        raise ModelFormatError(f"model manifest does not list {missing}")
    try:
        feats = manifest["features"]
        cal = manifest["calibration"]
        tokenizer = Tokenizer.from_state(_load_json(files["tokenizer.json"]))
        featurizer = Featurizer(
            tokenizer,
            _str_list(_load_json(files["word_vocab.json"]), "word_vocab.json"),
            _str_list(_load_json(files["char_vocab.json"]), "char_vocab.json"),
            _load_array(files["word_idf.npy"]),
            _load_array(files["char_idf.npy"]),
            word_ngram_range=tuple(feats["word_ngram_range"]),
            char_ngram_range=tuple(feats["char_ngram_range"]),
            sublinear_tf=bool(feats["sublinear_tf"]),
            char_weight=float(feats["char_weight"]),
            lead_weight=int(feats.get("lead_weight", 0)),
        )
        model = ThemeModel(
            featurizer,
            _str_list(manifest["labels"], "labels"),
            _load_array(files["coef.npy"]),
            _load_array(files["intercept.npy"]),
            cal["a"],
            cal["b"],
            manifest["thresholds"],
            mode=str(manifest["mode"]),
            manifest=manifest,
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelFormatError(f"model manifest is malformed: {exc!r}") from exc
    model.path = folder
    model.manifest_sha256 = actual
    return model
