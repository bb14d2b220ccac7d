"""Reading proposal and reply documents into units: :func:`parse` returns a :class:`Document`.

A unit is one item as a reader would point at it (see ../shared/ANNOTATION.md): a background paragraph,
one enumerated problem or suggestion, a section or item of the reply with its body, the opening and
closing lines. Every unit keeps ``start``/``end`` offsets into the original string, with
``text == original[start:end]`` (only surrounding whitespace is left out).

The parser and its lexicon live in :mod:`proposalnlp._parser`; :func:`parse` is its public entry point.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import _parser
from .errors import EmptyInputError, InputTypeError, InputValueError

__all__ = ["KINDS", "PARTS", "Document", "Unit", "example_text", "parse", "read_text"]

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
    """One unit of a document; ``text == original[start:end]``.

    Attributes
    ----------
    id : str
        ``P1``, ``P2.1``… in the proposal, ``R1``, ``R1.2``… in the reply (a child's id extends its parent's).
    part : {"proposal", "reply"}
        Which part of the document the unit belongs to.
    kind : str
        One of :data:`KINDS`: background, problem, suggestion (proposal); opening, section, item, next-step,
        closing (reply); other.
    level : int
        Nesting depth, 1 for a top-level unit.
    parent : str or None
        The id of the enclosing unit (an item's section), if any.
    heading : str or None
        The unit's own heading (一、加大人才引进力度 → 加大人才引进力度), when it opens with one.
    text : str
        The unit's text, surrounding whitespace left out.
    start, end : int
        Character offsets of ``text`` in the original string.
    """

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
    """A parsed document: metadata, an optional title and the units in document order.

    Attributes
    ----------
    text : str
        The original text (decoded and, for bytes, as read).
    units : list of Unit
        Every unit in document order; :attr:`proposal`, :attr:`reply`, :attr:`suggestions` and
        :attr:`problems` select among them.
    metadata : dict of str to str
        Header fields found before the body (提案人, 案号, 承办单位…).
    title : str or None
        The document's title line, when it has one.
    """

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

    def children(self, unit_id: str) -> list[Unit]:
        """The units whose parent is ``unit_id``, in document order."""
        return [u for u in self.units if u.parent == unit_id]

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
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(f"expected str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputValueError("bytes are neither UTF-8 nor GB18030; decode them yourself and pass a str")


def example_text() -> str:
    """The bundled hand-written example: a proposal and its official reply (invented city and people)."""
    return (Path(__file__).parent / "examples" / "example.txt").read_text(encoding="utf-8")


def parse(text: str | bytes) -> Document:
    """Parse a proposal and/or its reply into a :class:`Document` of units with offsets.

    ``text`` is a str, or bytes in UTF-8 (with or without BOM) or GB18030. Raises
    :class:`~proposalnlp.errors.InputTypeError` for other types, :class:`~proposalnlp.errors.InputValueError`
    for undecodable bytes and :class:`~proposalnlp.errors.EmptyInputError` for a blank text.
    """
    if not isinstance(text, (str, bytes, bytearray, memoryview)):
        raise InputTypeError(f"parse() expects a str (or bytes), got {type(text).__name__}")
    text = read_text(text)
    if _parser.is_blank(text):
        raise EmptyInputError("the text is empty or holds only whitespace")
    parsed = _parser.parse_units(text)
    units = [Unit(*record) for record in parsed.units]
    return Document(text=text, units=units, metadata=parsed.metadata, title=parsed.title)
