"""Reading proposal and reply documents into units: :func:`parse` returns a :class:`Document`.

A unit is one item as a reader would point at it (see ../shared/ANNOTATION.md): a background paragraph,
one enumerated problem or suggestion, a section or item of the reply with its body, the opening and
closing lines. Every unit keeps ``start``/``end`` offsets into the original string, with
``text == original[start:end]`` (only surrounding whitespace is left out).

The parser and its lexicon live in :mod:`proposalnlp._parser`; :func:`parse` is its public entry point.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import _parser
from ._inputs import check_dict, check_str, given, path_hint
from .errors import EmptyInputError, InputTypeError, InputValueError
from .messages import error

logger = logging.getLogger(__name__)

__all__ = [
    "ANSWER_KINDS",
    "KINDS",
    "PARTS",
    "Document",
    "Unit",
    "detect_encoding",
    "example_text",
    "parse",
    "read",
    "read_text",
]

Part = Literal["proposal", "reply"]
PARTS: tuple[str, ...] = ("proposal", "reply")
KINDS: tuple[str, ...] = (
    "background",
    "problem",
    "suggestion",
    "point",
    "header",
    "opening",
    "section",
    "item",
    "next-step",
    "closing",
    "other",
)


#: Reply kinds that answer a proposal (the rest frame the letter).
ANSWER_KINDS: tuple[str, ...] = ("section", "item", "next-step")


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
        One of :data:`KINDS`: background, problem, suggestion, point (a sub-point in ``children``) in a
        proposal; header, opening, section, item, next-step, closing (and point, in a section's ``children``) in a
        reply (only section, item and next-step answer anything); other.
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
    children : list of Unit
        The sub-points (kind ``"point"``) of a proposal's problem or suggestion: a nested list inside one
        request (（一）…1.…, 一是 under （二）) is part of it, not a request of its own; the unit's text spans them.
        In a reply, the points 一是…二是… of a numbered section (一、关于人才引进。…一是…；二是…).
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
    children: list[Unit] = field(default_factory=list, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the unit."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Unit:
        """The unit of a :meth:`to_dict` dict (read back from JSON), its children too."""
        check_dict(data, _UNIT_FIELDS, "Unit")
        values = {f: data[f] for f in _UNIT_FIELDS}
        return cls(**values, children=[cls.from_dict(c) for c in data.get("children") or []])


#: The fields of a Unit dict besides its children (what :meth:`Unit.from_dict` needs)
_UNIT_FIELDS = ("id", "part", "kind", "level", "parent", "heading", "text", "start", "end")


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
        Header fields found before the body (提案人, 案号, 承办单位…), a reply letter's 类别, 文号 and 签发人, and
        what a stored web page says about itself (发布时间, 来源, the form's name 表名, its catalogue 索引号…).
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
    def answers(self) -> list[Unit]:
        """The reply's answer units (section, item, next-step): header, opening and closing answer nothing."""
        return [u for u in self.units if u.part == "reply" and u.kind in ANSWER_KINDS]

    @property
    def suggestions(self) -> list[Unit]:
        """The proposal's suggestion units."""
        return [u for u in self.units if u.part == "proposal" and u.kind == "suggestion"]

    @property
    def problems(self) -> list[Unit]:
        """The proposal's problem units."""
        return [u for u in self.units if u.part == "proposal" and u.kind == "problem"]

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id (KeyError if there is none; InputTypeError if ``unit_id`` is no str)."""
        check_str(unit_id, "unit_id")
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def children(self, unit_id: str) -> list[Unit]:
        """The units whose parent is ``unit_id``, in document order."""
        check_str(unit_id, "unit_id")
        return [u for u in self.units if u.parent == unit_id]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the full original text)."""
        return {
            "title": self.title,
            "metadata": dict(self.metadata),
            "units": [u.to_dict() for u in self.units],
        }


#: Bytes of the start of a text that :func:`detect_encoding` looks at (charset-normalizer is slow on more).
DETECT_SAMPLE_BYTES = 64 * 1024

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_GB_NAMES = frozenset({"gb18030", "gbk", "gb2312", "hz", "cp936"})
_UTF16_NAMES = {"utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
_READABLE_NAMES = {
    "big5": "Big5",
    "big5hkscs": "Big5",
    "cp950": "Big5",
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS",
    "shift_jis_2004": "Shift-JIS",
    "shift_jisx0213": "Shift-JIS",
    "euc_jp": "EUC-JP",
    "euc_jis_2004": "EUC-JP",
    "euc_jisx0213": "EUC-JP",
    "cp949": "EUC-KR",
    "euc_kr": "EUC-KR",
    "johab": "Johab (Korean)",
    "iso2022_jp": "ISO-2022-JP",
}


def _sample(raw: bytes, complete: bool) -> bytes:
    """The start of ``raw`` cut after a newline byte (never inside a GB/Big5/Shift-JIS character)."""
    if complete and len(raw) <= DETECT_SAMPLE_BYTES:
        return raw
    head = raw[:DETECT_SAMPLE_BYTES]
    cut = head.rfind(b"\n")
    if cut >= len(head) // 2:
        return head[: cut + 1]
    for k in range(4):  # no newline to cut at: drop a character cut in two (if GB18030 reads the rest)
        try:
            head[: len(head) - k].decode("gb18030")
            return head[: len(head) - k]
        except UnicodeDecodeError:
            continue
    return head


def detect_encoding(raw: bytes, complete: bool = True) -> str:
    """The codec to decode ``raw`` with: ``"utf-8-sig"``, ``"gb18030"`` or a UTF-16 codec; else an error.

    The rule: a byte-order mark decides (UTF-8 or UTF-16); bytes that are valid UTF-8 (and hold no NUL
    byte) are UTF-8; otherwise charset-normalizer judges the start of the bytes, and they are accepted as
    GB18030 when GB18030 is among its best (least chaotic) readings, or as UTF-16 when that is its best one.
    Anything else (Big5, Shift-JIS, EUC-KR, binary data...) raises
    :class:`~proposalnlp.errors.InputValueError` naming the likely encoding. ``complete=False`` says ``raw``
    is only the start of a longer stream (a character may be cut at its end).
    """
    import codecs

    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    if b"\x00" not in raw[:DETECT_SAMPLE_BYTES]:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(raw, final=complete)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    sample = _sample(raw, complete)
    if b"\x00" in sample and len(sample) % 2:
        sample = sample[:-1]
    readings = list(from_bytes(sample))
    if readings:
        best = min(r.chaos for r in readings)
        close = [r.encoding for r in readings if r.chaos <= best + 0.01]
        if any(name in _GB_NAMES for name in close):
            return "gb18030"
        if readings[0].encoding in _UTF16_NAMES:
            return _UTF16_NAMES[readings[0].encoding]
        name = readings[0].encoding
        likely = _READABLE_NAMES.get(name, name)
        raise error(InputValueError, "err.encoding_looks_like", likely=likely, codec=likely.split(" ")[0].upper())
    raise error(InputValueError, "err.not_text")


def read_text(data: str | bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), GB18030 or UTF-16 (with or without BOM); a str is
    returned as it is.

    The encoding is told by :func:`detect_encoding`; text that is not confidently in one of these
    (e.g. a Big5 or Shift-JIS file) raises :class:`~proposalnlp.errors.InputValueError` naming the likely
    encoding, instead of being decoded into gibberish.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(f"expected str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    if not raw:
        return ""
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in raw[:DETECT_SAMPLE_BYTES]:
        try:  # the common case, decoded once
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            if (cut := _cut_utf8(raw)) is not None:
                return cut
    try:
        return _decode(raw)[0]
    except InputValueError as exc:
        # a GB18030 or UTF-16 text cut inside its last character (UTF-8 is told above): read without the
        # broken tail when the rest is text in one of them, the tail replaced and said. Tried only when the
        # bytes stop being text at their end, or when the sample the encoding is told from holds the end
        at_end = exc.key in ("err.bad_bytes", "err.bad_bytes_line") and exc.params["byte"] >= len(raw) - 3
        if not (at_end or len(raw) <= DETECT_SAMPLE_BYTES):
            raise
        likely: InputValueError | None = None  # the cut text is in another encoding (Big5): that is said
        for k in range(1, min(3, len(raw) - 1) + 1):
            try:
                head, codec = _decode(raw[:-k])
            except InputValueError as other:
                if other.key == "err.encoding_looks_like" and exc.key == "err.not_text":
                    likely = likely or other
                continue
            if not _reads_as_chinese(head):  # a few bytes of binary data may decode as anything
                continue
            _warn_cut(raw[-k:], codec.replace("-sig", "").upper())
            return head + "\ufffd"
        if likely is not None:
            raise likely from None
        raise


#: the characters of Chinese text: ASCII letters, digits, punctuation and white space, CJK ideographs, CJK and
#: general punctuation, full-width forms
_TEXT_CHAR = re.compile(r"[\t\n\r\f\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _reads_as_chinese(text: str) -> bool:
    """Whether a decoded text reads as Chinese text: four ideographs or more, and nine characters in ten or more
    those of Chinese text (a few bytes of binary data decode as anything, mostly not these)."""
    ideographs = sum("\u4e00" <= c <= "\u9fff" for c in text)
    return ideographs >= 4 and len(_TEXT_CHAR.findall(text)) >= 0.9 * len(text)


def _decode(raw: bytes) -> tuple[str, str]:
    """``raw`` decoded with the codec :func:`detect_encoding` tells, and that codec; or
    :class:`InputValueError` saying where the bytes stop being that codec."""
    codec = detect_encoding(raw)
    try:
        return raw.decode(codec), codec
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1 if not codec.startswith("utf-16") else None
        where = f" at line {line}" if line is not None else f" at byte {exc.start}"
        name = codec.replace("-sig", "").upper()
        raise InputValueError(
            f"the bytes start as {name} but are not valid {name}{where}; fix or convert the file to UTF-8"
        ).keyed(
            "err.bad_bytes" if line is None else "err.bad_bytes_line", codec=name, byte=exc.start, line=line
        ) from exc


def _warn_cut(tail: bytes, codec: str) -> None:
    """Log that the bytes ``tail`` at the end of a text are an incomplete ``codec`` character, replaced."""
    logger.warning(
        "the last %d byte(s) (%s) are an incomplete %s character, as in a file cut short: replaced with U+FFFD "
        "(文件末尾 %d 个字节不是完整的 %s 字符，可能文件不完整，已替换为 \ufffd)",
        len(tail),
        tail.hex(" "),
        codec,
        len(tail),
        codec,
    )


def _cut_utf8(raw: bytes) -> str | None:
    """UTF-8 text whose last character was cut short (a file truncated by a copy, a download, a size limit),
    with the broken tail replaced by U+FFFD and a warning saying so; None when ``raw`` is not that: its first
    invalid byte is not a character begun at its end, or what comes before holds no multi-byte UTF-8 character
    (then nothing says UTF-8, and GB18030 may read it whole)."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.end != len(body) or len(body) - exc.start > 3:
            return None
        head = body[: exc.start].decode("utf-8")  # the error is the first one: all before it is valid
        tail = body[exc.start :]
    if head.isascii():
        return None
    _warn_cut(tail, "UTF-8")
    return head + "\ufffd"


def example_text() -> str:
    """The bundled hand-written example: a proposal and its official reply (invented city and people)."""
    return (Path(__file__).parent / "examples" / "example.txt").read_text(encoding="utf-8")


#: A document file's extension, at the end of a text
_FILE_NAME = re.compile(r"\.(?:txt|docx?|pdf|html?|wps|rtf)$", re.IGNORECASE)
#: What a sentence holds and a file's name does not: sentence punctuation, a comma, a web address
_NOT_A_NAME = re.compile(r"[。！？；，!?;]|://|www\.", re.IGNORECASE)
#: A path is at most this long (Windows' MAX_PATH); a longer line is text
_NAME_MAX = 260


def _looks_like_file_name(text: str) -> bool:
    """Whether ``text`` is a file's name or path given where a document's text is wanted: one line ending in a
    document file's extension, with none of a sentence's marks (a reply may end a sentence with an attachment's
    name or a web page's address, 详见附件….docx / 详见http://….html: that is a text)."""
    line = text.strip()
    return (
        len(line) <= _NAME_MAX
        and "\n" not in line
        and _FILE_NAME.search(line) is not None
        and _NOT_A_NAME.search(line) is None
    )


def parse(text: str | bytes) -> Document:
    """Parse a proposal and/or its reply into a :class:`Document` of units with offsets.

    ``text`` is a str, or bytes in UTF-8, GB18030 or UTF-16 (see :func:`read_text`); a file is read by
    :func:`read`. Raises :class:`~proposalnlp.errors.InputTypeError` for other types (a path among them),
    :class:`~proposalnlp.errors.InputValueError` for undecodable bytes and for a file's name given as the text
    (one line ending in .docx, .pdf, .txt…, not a sentence), and :class:`~proposalnlp.errors.EmptyInputError`
    for a blank text.
    """
    if not isinstance(text, (str, bytes, bytearray, memoryview)):
        raise InputTypeError(f"parse() expects a str (or bytes) for text, got {given(text)}{path_hint(text)}")
    if isinstance(text, str) and _looks_like_file_name(text):
        raise error(InputValueError, "err.text_is_path", path=text.strip())
    text = read_text(text)
    if _parser.is_blank(text):
        raise error(EmptyInputError, "err.empty_text")
    parsed = _parser.parse_units(text)

    def build(record: _parser.UnitRecord) -> Unit:
        return Unit(*record, children=[build(r) for r in (parsed.points or {}).get(record[0], [])])

    units = [build(record) for record in parsed.units]
    return Document(text=text, units=units, metadata=parsed.metadata, title=parsed.title)


def read(path: str | Path) -> Document:
    """Read and parse a document file: .txt (UTF-8, GB18030, UTF-16), .docx, .pdf (text layer) or a saved .html
    page (see :mod:`proposalnlp.readers`; Word, PDF and HTML need the ``formats`` extra).

    Raises :class:`~proposalnlp.errors.InputValueError` for a missing or unreadable file and
    :class:`~proposalnlp.errors.EmptyInputError` when the file holds no text.
    """
    from .readers import read_file

    if not isinstance(path, (str, Path)):
        raise InputTypeError(f"read() expects a file path (str or Path) for path, got {given(path)}")
    return parse(read_file(path))
