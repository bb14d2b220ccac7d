"""Reading proposal and reply documents into units: :func:`parse` returns a :class:`Document`.

A unit is one item as a reader would point at it (see ../shared/ANNOTATION.md): a background paragraph,
one enumerated problem or suggestion, a section or item of the reply with its body, the opening and
closing lines. Every unit keeps ``start``/``end`` offsets into the original string.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .errors import EmptyInputError, InputTypeError, InputValueError

__all__ = ["KINDS", "PARTS", "Document", "Unit", "parse", "read_text"]

Part = Literal["proposal", "reply"]
PARTS: tuple[str, ...] = ("proposal", "reply")
KINDS: tuple[str, ...] = (
    "background",
    "problem",
    "suggestion",
    "opening",
    "section",
    "item",
    "next-step",
    "closing",
    "other",
)


@dataclass(frozen=True)
class Unit:
    """One unit of a document; ``text == original[start:end]``."""

    id: str
    part: str
    kind: str
    level: int
    parent: str | None
    heading: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the unit."""
        return asdict(self)


@dataclass
class Document:
    """A parsed document: metadata, an optional title and the units in document order."""

    text: str
    units: list[Unit] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None

    @property
    def proposal(self) -> list[Unit]:
        """Units of the proposal part."""
        return [u for u in self.units if u.part == "proposal"]

    @property
    def reply(self) -> list[Unit]:
        """Units of the reply part."""
        return [u for u in self.units if u.part == "reply"]

    @property
    def suggestions(self) -> list[Unit]:
        """The proposal's suggestion units."""
        return [u for u in self.units if u.part == "proposal" and u.kind == "suggestion"]

    @property
    def problems(self) -> list[Unit]:
        """The proposal's problem units."""
        return [u for u in self.units if u.part == "proposal" and u.kind == "problem"]

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id (KeyError if there is none)."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the full original text)."""
        return {
            "title": self.title,
            "metadata": dict(self.metadata),
            "units": [u.to_dict() for u in self.units],
        }


def read_text(data: str | bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else GB18030; a str is returned as it is."""
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray)):
        raise InputTypeError(f"expected str or bytes, got {type(data).__name__}")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return bytes(data).decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputValueError("bytes are neither UTF-8 nor GB18030; decode them yourself and pass a str")


_PARAGRAPH = re.compile(r"[^\r\n]+")


def parse(text: str | bytes) -> Document:
    """Parse a proposal and/or reply text into a :class:`Document` (placeholder: one unit per line)."""
    text = read_text(text)
    if not text.strip():
        raise EmptyInputError("the text is empty or holds only whitespace")
    units: list[Unit] = []
    for m in _PARAGRAPH.finditer(text):
        raw = m.group()
        stripped = raw.strip(" \t\u3000\ufeff")
        if not stripped:
            continue
        start = m.start() + raw.index(stripped)
        units.append(
            Unit(f"U{len(units) + 1}", "proposal", "other", 1, None, None, stripped, start, start + len(stripped))
        )
    return Document(text=text, units=units)
