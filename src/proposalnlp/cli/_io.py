"""Readers shared by the subcommands: a file argument (``-`` for stdin) as text, CSV/TSV/JSONL records."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from ..document import read_text
from ..errors import InputValueError

__all__ = ["FORMAT_BY_SUFFIX", "column", "read_input", "read_records"]

#: Batch formats told by a file's suffix.
FORMAT_BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def read_input(source: str) -> str:
    """The text of a file path, or of stdin when ``source`` is ``-``; bytes decoded as UTF-8 or GB18030."""
    if source == "-":
        return read_text(sys.stdin.buffer.read())
    return read_text(Path(source).read_bytes())


def _format(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    kind = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())
    if kind is not None:
        return kind
    raise InputValueError(f"cannot tell the format of {path!r} from its suffix; use --format csv|tsv|jsonl")


def read_records(path: str, fmt: str | None = None) -> list[dict[str, Any]]:
    """Rows of a CSV/TSV (with header) or JSONL file (``-`` reads stdin), as dicts."""
    kind = _format(path, fmt)
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    text = read_text(raw)
    if kind in ("csv", "tsv"):
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="," if kind == "csv" else "\t")
        return [dict(r) for r in reader]
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputValueError(f"{path}, line {number}: not valid JSON: {exc}") from exc
        if not isinstance(obj, dict):
            raise InputValueError(f"{path}, line {number}: expected a JSON object, got {type(obj).__name__}")
        rows.append(obj)
    return rows


def column(rows: list[dict[str, Any]], name: str, path: str) -> list[Any]:
    """One column of the rows; a clear error names the missing column and the ones present."""
    if rows and name not in rows[0]:
        raise InputValueError(f"{path}: no column {name!r}; columns are {sorted(rows[0])}")
    out = []
    for i, r in enumerate(rows):
        if name not in r:
            raise InputValueError(f"{path}: row {i + 1} has no {name!r}")
        out.append(r[name])
    return out
