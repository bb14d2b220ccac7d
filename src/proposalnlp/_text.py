"""Small text helpers shared by the stages' readable outputs (the CLI, reports)."""

from __future__ import annotations

__all__ = ["snippet"]


def snippet(text: str, width: int) -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
