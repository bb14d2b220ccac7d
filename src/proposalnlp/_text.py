"""Small text helpers shared by the stages' readable outputs (the CLI, reports)."""

from __future__ import annotations

import unicodedata

__all__ = ["display_width", "snippet"]


def display_width(text: str) -> int:
    """Terminal columns of ``text``: a wide (Chinese) character takes two (for tables that stay in line)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def snippet(text: str, width: int) -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
