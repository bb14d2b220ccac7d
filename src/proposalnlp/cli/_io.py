"""Input helpers shared by the subcommands: read a file argument, ``-`` for stdin."""

from __future__ import annotations

import sys
from pathlib import Path

from ..document import read_text

__all__ = ["read_input"]


def read_input(source: str) -> str:
    """The text of a file path, or of stdin when ``source`` is ``-``; bytes decoded as UTF-8 or GB18030."""
    if source == "-":
        return read_text(sys.stdin.buffer.read())
    return read_text(Path(source).read_bytes())
