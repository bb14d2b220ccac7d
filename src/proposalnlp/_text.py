"""Small text helpers shared by the stages' readable outputs (the CLI, reports)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["display_width", "given", "has_chinese", "snippet"]

#: A Chinese character (CJK ideographs, extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def given(value: Any) -> str:
    """What a caller gave, for a message: its type and a short repr (``int (7)``, ``NoneType (None)``)."""
    return "NoneType (None)" if value is None else f"{type(value).__name__} ({value!r:.40})"


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds at least one Chinese character: the library reads Chinese, and says so when a text
    holds none (English, digits alone) rather than give a theme or a verdict on words it cannot read."""
    return _HAN.search(text) is not None


def display_width(text: str) -> int:
    """Terminal columns of ``text``: a wide (Chinese) character takes two (for tables that stay in line)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def snippet(text: str, width: int) -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
