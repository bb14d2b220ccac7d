"""File safety for model folders (JSON + ``.npy`` + a manifest of SHA-256 hashes), shared by every model kind.

The theme models (:mod:`proposalnlp.themes.folder`) and the answer model
(:mod:`proposalnlp.matching.answer`) read their folders through these checks: each file is read once (no
symbolic links, no devices, size caps), hashed and parsed from the same bytes; only the manifest's JSON and
``.npy`` files and ``.md`` documentation may sit in a folder; ``.npy`` headers are checked before any
allocation and object arrays are refused; nothing is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np

from ._version import __version__
from .errors import ModelError, ModelFormatError, ModelIntegrityError, UnsafeModelError
from .messages import error

MANIFEST = "manifest.json"
#: Data files a model may hold, by suffix; anything else (``.pkl``, ``.joblib``, ``.py``...) is refused.
DATA_SUFFIXES = (".json", ".npy")
#: Documentation files that may sit in a model folder without a hash; they are never read.
DOC_SUFFIXES = (".md",)
#: Editor and OS litter that loading passes over (never reads); any other unknown file is refused.
LITTER = frozenset({".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})
#: Largest model file read (bytes); checked before reading. The manifest has a smaller cap of its own.
MAX_FILE_BYTES = 1 << 31
MAX_MANIFEST_BYTES = 16 << 20
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".sav", ".dill")


def bundled_folder(name: str) -> Path:
    """The folder of a model bundled in ``proposalnlp.models``.

    In a strict editable install (``pip install -e . --config-settings editable_mode=strict``, which keeps the
    package visible to type checkers) the package's files are symbolic links into the checkout; the folder they
    point to is returned, since model files must be regular files. Bundled models stay pinned by their
    manifest's hash wherever they are read from.
    """
    from importlib import resources

    folder = Path(str(resources.files("proposalnlp.models").joinpath(name)))
    manifest = folder / MANIFEST
    if manifest.is_symlink():
        return manifest.resolve().parent
    return folder


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_json(path: Path, obj: Any, indent: int | None = None) -> None:
    """Write ``obj`` as UTF-8 JSON (compact unless ``indent``; keys sorted when indented)."""
    if indent is None:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=True)
    path.write_text(text, encoding="utf-8")


def settings_digest(manifest: Mapping[str, Any]) -> str:
    """SHA-256 of the manifest's own values (canonical JSON, without this digest): it covers the settings
    that no file hash covers (labels, thresholds, calibration, feature settings)."""
    body = {k: v for k, v in manifest.items() if k != "settings_sha256"}
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def swap_into_place(staging: Path, folder: Path) -> None:
    """Rename the finished ``staging`` folder to ``folder``, moving an earlier one aside first."""
    old: Path | None = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
        os.rmdir(old)
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except OSError:
        if old is not None:
            os.replace(old, folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def is_litter(name: str) -> bool:
    """Editor or OS litter (``.DS_Store``, ``file~``, ``._file``) that loading passes over."""
    return name in LITTER or name.endswith("~") or name.startswith("._")


def is_doc(item: Path) -> bool:
    """A regular ``.md`` documentation file (never read)."""
    return item.suffix.lower() in DOC_SUFFIXES and not item.is_symlink() and item.is_file()


def refuse_pickle_file(path: Path) -> None:
    """Raise :class:`UnsafeModelError` when ``path`` is a pickle/joblib file given in place of a model folder."""
    if path.is_file() and path.suffix.lower() in PICKLE_SUFFIXES:
        raise UnsafeModelError(
            f"{os.fspath(path)!r} is a pickle/joblib file; loading it could run code, so it is refused. "
            "proposalnlp models are folders of JSON and .npy files"
        )


def read_bytes(path: Path, limit: int) -> bytes:
    """A model file's bytes, read once: no symlinks, no devices or FIFOs, and no more than ``limit`` bytes."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise ModelIntegrityError(f"model file {path.name!r} is missing from {os.fspath(path.parent)!r}") from None
    if stat.S_ISLNK(st.st_mode):
        raise UnsafeModelError(f"model file {path.name!r} is a symbolic link; model files must be regular files")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeModelError(f"model file {path.name!r} is not a regular file")
    if st.st_size > limit:
        raise ModelFormatError(f"model file {path.name!r} holds {st.st_size:,} bytes, more than the {limit:,} allowed")
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ModelFormatError(f"model file {path.name!r} grew past the {limit:,} bytes allowed while being read")
    return data


def parse_json(data: bytes, name: str) -> Any:
    """JSON from a file's bytes, or :class:`ModelFormatError` naming the file."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFormatError(f"{name} is not valid JSON: {exc}") from exc
    except RecursionError:
        raise ModelFormatError(f"{name} is nested too deeply to be a model file") from None


def parse_manifest(data: bytes, where: str, format_name: str, versions: tuple[int, ...]) -> dict[str, Any]:
    """The manifest's JSON, checked for the format name, a supported format version and its settings digest."""
    manifest = parse_json(data, where)
    if not isinstance(manifest, dict):
        raise ModelFormatError(f"{where} must hold a JSON object")
    if manifest.get("format") != format_name:  # e.g. the answer model's folder given for a theme model
        found = f"{manifest.get('format')!r:.60}"
        raise error(ModelFormatError, "err.model_kind", where=where, found=found, expected=format_name)
    version = manifest.get("format_version")
    if version not in versions:  # a model saved by another version of proposalnlp: said in the user's language
        supported = ", ".join(map(str, versions))
        raise error(
            ModelFormatError,
            "err.model_version",
            where=where,
            version=f"{version!r:.20}",
            ours=__version__,
            supported=supported,
        )
    recorded = manifest.get("settings_sha256")
    if recorded is not None and recorded != settings_digest(manifest):
        raise ModelIntegrityError(f"{where}: its values do not match their recorded SHA-256 (settings_sha256)")
    return manifest


def number(value: Any, name: str, lo: float, hi: float, whole: bool = False) -> float:
    """A finite manifest number in [lo, hi] (``whole``: an int), or :class:`ModelFormatError`."""
    ok_type = isinstance(value, int) if whole else isinstance(value, (int, float))
    if not ok_type or isinstance(value, bool) or not math.isfinite(value) or not lo <= value <= hi:
        kind = "a whole number" if whole else "a number"
        raise ModelFormatError(f"manifest: {name} must be {kind} in [{lo:g}, {hi:g}], got {value!r:.40}")
    return value


def numbers(value: Any, name: str, n: int, lo: float = -math.inf, hi: float = math.inf) -> list[float]:
    """A list of ``n`` manifest numbers in [lo, hi]."""
    if not isinstance(value, list) or len(value) != n:
        raise ModelFormatError(f"manifest: {name} must be a list of {n} numbers")
    return [float(number(v, f"{name}[{i}]", lo, hi)) for i, v in enumerate(value)]


def str_list(obj: Any, name: str) -> list[str]:
    """A JSON list of strings, or :class:`ModelFormatError`."""
    if not isinstance(obj, list) or not all(isinstance(x, str) for x in obj):
        raise ModelFormatError(f"{name} must be a JSON list of strings")
    return obj


def parse_array(data: bytes, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A float64 array from ``.npy`` bytes whose header must announce ``shape`` and match the data's size."""
    stream = BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            header_shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            header_shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise ValueError(f"unsupported .npy version {version}")
    except ValueError as exc:
        raise ModelFormatError(f"{name} is not a valid .npy file: {exc}") from exc
    if dtype.hasobject:
        raise UnsafeModelError(f"{name}: refused to load (object arrays need pickle)")
    if dtype.kind != "f":
        raise UnsafeModelError(f"{name}: expected a float array, got dtype {dtype}")
    if tuple(header_shape) != shape:
        raise ModelFormatError(f"{name} has shape {tuple(header_shape)}, expected {shape}")
    count = math.prod(shape)
    body = data[stream.tell() :]
    if len(body) != count * dtype.itemsize:
        raise ModelFormatError(f"{name} holds {len(body)} bytes of data for {count} values of {dtype}")
    arr = np.frombuffer(body, dtype=dtype, count=count).reshape(shape, order="F" if fortran else "C")
    out = np.array(arr, dtype=np.float64)  # a private, writable copy
    if not np.isfinite(out).all():
        raise ModelFormatError(f"{name} holds values that are not finite (NaN or infinity)")
    return out


def verified_files(folder: Path, manifest: Mapping[str, Any]) -> dict[str, bytes]:
    """Every file the manifest lists, read once and checked against its SHA-256; nothing else in the folder
    but documentation and editor or OS litter."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise ModelFormatError(f"{os.fspath(folder / MANIFEST)!r} lists no files")
    contents: dict[str, bytes] = {}
    for name, digest in files.items():
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise UnsafeModelError(f"model file name {name!r} is not allowed (no paths, no hidden files)")
        if not name.endswith(DATA_SUFFIXES):
            raise UnsafeModelError(
                f"model file {name!r} is not an allowed format; only JSON and .npy files are read "
                "(pickle/joblib files could run code)"
            )
        data = read_bytes(folder / name, MAX_FILE_BYTES)
        actual = hashlib.sha256(data).hexdigest()
        if actual != digest:
            raise ModelIntegrityError(
                f"model file {name!r} does not match its SHA-256 in the manifest (file changed or corrupted): "
                f"expected {digest}, got {actual}"
            )
        contents[name] = data
    for item in folder.iterdir():
        if item.name == MANIFEST or item.name in contents or is_litter(item.name) or is_doc(item):
            continue
        raise UnsafeModelError(
            f"model folder {os.fspath(folder)!r} holds {item.name!r}, which is not part of the model; refusing "
            "to load it (only the manifest's JSON/.npy files and .md documentation are allowed)"
        )
    return contents


def check_save_target(folder: Path, overwrite: bool) -> list[Path]:
    """Refuse to save into a file or into a folder of other files (unless ``overwrite``); return the ``.md``
    documentation to keep."""
    if folder.exists() and not folder.is_dir():
        raise error(ModelError, "err.save_to_file", path=os.fspath(folder))
    if not folder.is_dir():
        return []
    others = [p for p in folder.iterdir() if not is_litter(p.name)]
    if others and not overwrite and not (folder / MANIFEST).is_file():
        files = ", ".join(sorted(p.name for p in others)[:5])
        raise error(ModelError, "err.save_not_empty", path=os.fspath(folder), files=files)
    return [] if overwrite else [p for p in others if p.suffix.lower() in DOC_SUFFIXES and p.is_file()]
