"""Readers shared by the subcommands: a file argument (``-`` for stdin) as text, CSV/TSV/JSONL records.

Every reader is bounded and strict:

- only regular files, FIFOs and stdin are read (``/dev/zero`` or a directory is refused at once), and no
  more than ``max_bytes`` bytes (:data:`DEFAULT_MAX_BYTES` for one document, :data:`DEFAULT_MAX_BATCH_BYTES`
  for a batch file; ``--max-bytes``);
- bytes are decoded by :func:`proposalnlp.document.detect_encoding` (UTF-8, GB18030 or UTF-16; a Big5 or
  Shift-JIS file is refused with a message naming its likely encoding);
- batch files are read row by row (:func:`iter_records`), lines split on ``"\\n"`` only (a raw U+2028 inside
  a JSON string is valid JSONL), and each bad row (an unterminated quote, the wrong number of fields, a
  field over :data:`MAX_FIELD_CHARS`, invalid JSON, a missing / ``null`` / empty text) becomes a
  :class:`Record` with an ``error`` naming the file and line, never merged into its neighbours.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import logging
import os
import re
import shlex
import stat
import sys
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import EmptyInputError, InputValueError
from ..messages import LANGS, Listed, error, text
from ._help import current_lang

_log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_BATCH_BYTES",
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "FORMAT_BY_SUFFIX",
    "MAX_FIELD_CHARS",
    "SPREADSHEET_SUFFIXES",
    "Record",
    "UsageError",
    "add_lang",
    "batch_format",
    "column",
    "document_files",
    "fraction",
    "iter_records",
    "model_folder",
    "n_jobs",
    "no_column",
    "open_source",
    "port_number",
    "positive_float",
    "positive_int",
    "read_input",
    "read_records",
    "row_error",
]

#: Batch formats told by a file's suffix.
FORMAT_BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: Spreadsheets (Excel, WPS): tables a clerk has, read once saved as CSV.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")

#: Bytes read at most from one document (``parse``, ``match``, ``classify TEXT-FILE``): 64 MiB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Bytes read at most from a batch file (``classify --file X.csv``, ``train``, ``evaluate``): 4 GiB.
#: Batches are streamed, so memory does not grow with this cap.
DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024 * 1024
#: Characters allowed in one CSV/TSV field or one JSONL line (10 million; Python's csv default is 131,072).
#: A longer field is a bad row (named by its line), not a traceback.
MAX_FIELD_CHARS = 10_000_000

_CHUNK = 1 << 20
#: Bytes peeked at the start of a batch file to tell its encoding.
DETECT_PEEK = 64 * 1024
#: What _Lines hands out in place of a line longer than the field limit.
_LONG = "\x00\x00(a line over the limit)\x00\x00"


class UsageError(InputValueError):
    """The command line was used wrongly (a missing or conflicting argument, a value out of range):
    ``main`` prints it in one line and exits 2, like argparse's own usage errors. Raised through
    :func:`proposalnlp.messages.error`, so it carries its catalogue key (shown in the user's language)."""


def _number(value: str, kind: type, expected: str, ok: Any, must: str) -> Any:
    """``value`` as ``kind`` (int or float) when ``ok(number)``; else an argparse type error (exit 2) saying
    what was ``expected`` or what the number ``must`` be (catalogue keys, in the language being parsed)."""
    try:
        number = kind(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text(expected, current_lang(), value=value)) from None
    if not ok(number):
        raise argparse.ArgumentTypeError(text(must, current_lang(), value=value))
    return number


def positive_int(value: str) -> int:
    """argparse type: an int of at least 1 (else a usage error, exit 2)."""
    return int(_number(value, int, "cli.type.whole_number", lambda n: n >= 1, "cli.type.at_least_1"))


def n_jobs(value: str) -> int:
    """argparse type: a number of worker processes, not 0 (-1: every CPU; joblib's negative counts)."""
    return int(_number(value, int, "cli.type.whole_number", lambda n: n != 0, "cli.type.n_jobs"))


def positive_float(value: str) -> float:
    """argparse type: a number above 0."""
    ok = lambda n: n > 0 and n != float("inf")  # noqa: E731 (NaN fails n > 0)
    return float(_number(value, float, "cli.type.number", ok, "cli.type.positive"))


def fraction(value: str) -> float:
    """argparse type: a number from 0 to 1 (a threshold on a score)."""
    return float(_number(value, float, "cli.type.fraction", lambda n: 0.0 <= n <= 1.0, "cli.type.zero_to_one"))


def port_number(value: str) -> int:
    """argparse type: a TCP port, 0 to 65535 (0: any free port)."""
    return int(_number(value, int, "cli.type.port", lambda n: 0 <= n <= 65535, "cli.type.port_range"))


def add_lang(p: argparse.ArgumentParser, lang: str) -> None:
    """The ``--lang`` option: the language of the output, help and errors (``lang``, the language the command
    line was pre-scanned for: Chinese unless $PROPOSALNLP_LANG says otherwise)."""
    p.add_argument("--lang", choices=LANGS, default=lang, help=text("cli.arg.lang", lang))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB" if n >= 1024 * 1024 else f"{n} B"


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than ``limit`` bytes (an error names the source)."""

    def __init__(self, raw: IO[bytes], limit: int, name: str, owned: bool) -> None:
        self._raw = raw
        self._left = limit
        self._limit = limit
        self._name = name
        self._owned = owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = len(view)
        if self._left <= 0:
            # one byte past the cap tells "exactly at the cap" from "more"
            if self._raw.read(1):
                raise error(InputValueError, "err.over_cap", path=self._name, cap=_size(self._limit))
            return 0
        data = self._raw.read(min(want, self._left, _CHUNK))
        if not data:
            return 0
        n = len(data)
        view[:n] = data
        self._left -= n
        return n

    def close(self) -> None:
        if self._owned and not self._raw.closed:
            self._raw.close()
        super().close()


def open_source(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> io.BufferedReader:
    """A buffered binary stream over a file path, or stdin for ``-``, that gives at most ``max_bytes`` bytes.

    Only regular files, FIFOs and stdin are accepted: a device (``/dev/zero``), a directory or a socket is
    refused at once with an :class:`~proposalnlp.errors.InputValueError`; a regular file larger than the cap
    is refused before reading it.
    """
    if not isinstance(max_bytes, int) or max_bytes < 1:
        raise error(InputValueError, "err.max_bytes", value=max_bytes)
    if source == "-":
        return io.BufferedReader(_Capped(sys.stdin.buffer, max_bytes, "stdin", owned=False), _CHUNK)
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise error(InputValueError, "err.no_such_file", path=source) from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise error(InputValueError, "err.is_directory", path=source)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        key = (
            "err.char_device" if stat.S_ISCHR(mode) else "err.block_device" if stat.S_ISBLK(mode) else "err.not_a_file"
        )
        raise error(InputValueError, key, path=source)
    if stat.S_ISREG(mode) and info.st_size > max_bytes:
        raise error(InputValueError, "err.too_large", path=source, size=_size(info.st_size), cap=_size(max_bytes))
    raw = open(source, "rb", buffering=0)  # owned and closed by _Capped
    return io.BufferedReader(_Capped(raw, max_bytes, source, owned=True), _CHUNK)


def read_input(source: str, max_bytes: int = DEFAULT_MAX_BYTES, blank_ok: bool = False) -> str:
    """The text of a file path, or of stdin when ``source`` is ``-``: at most ``max_bytes`` bytes, decoded
    as UTF-8, GB18030 or UTF-16 (:func:`proposalnlp.document.read_text`). Read in 1 MiB chunks, so Ctrl-C
    stops it at once. A text that is empty or blank is an :class:`~proposalnlp.errors.EmptyInputError`
    naming the file, unless ``blank_ok``."""
    with open_source(source, max_bytes) as fh:
        parts = []
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            parts.append(chunk)
    name = "stdin" if source == "-" else source
    data = b"".join(parts)
    if not data and not blank_ok:  # an empty file is empty, whatever its name says (not "no .pdf content")
        raise error(EmptyInputError, "err.blank_file", path=name)
    from ..readers import detect_format, extract_text  # here: the parser behind it takes 0.25 s to import

    try:
        text = extract_text(data, None if source == "-" else source)  # .txt/.docx/.pdf/.html
    except InputValueError as exc:
        raise error(InputValueError, "err.in_file", path=name, error=exc) from None
    if not blank_ok and not text.strip():
        # a Word file or a web page with nothing to read is not "an empty file": say there is no text in it
        document = detect_format(data, None if source == "-" else source) in ("docx", "pdf", "html")
        key = "err.no_text_in" if document else "err.blank_file"
        raise error(EmptyInputError, key, path=name)
    return text


def _tab_separated(path: str) -> bool:
    """Whether a .txt file's first line holds a tab: a table saved as text (Excel's "Unicode Text", a TSV)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False  # said where the file is read
    from ..document import detect_encoding

    try:
        first = head.decode(detect_encoding(head, complete=False), errors="ignore").lstrip("\ufeff")
    except InputValueError:
        return False
    return "\t" in first.split("\n", 1)[0]


def batch_format(path: str, fmt: str | None) -> str:
    """``fmt``, else the batch format told by ``path``'s suffix; a usage error (exit 2) when it tells none: a
    document (.docx, .pdf, .txt…) is said to be no table, anything else wants --format; a folder is said to be one,
    whatever its name or --format."""
    if path != "-" and os.path.isdir(path):
        raise error(UsageError, "cli.usage.batch_folder", path=path)
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    kind = FORMAT_BY_SUFFIX.get(suffix)
    if kind is not None:
        return kind
    if suffix == ".txt" and _tab_separated(path):
        raise error(UsageError, "cli.usage.batch_tab_text", path=path)
    if suffix in (*DOCUMENT_SUFFIXES, ".doc"):
        raise error(UsageError, "cli.usage.batch_is_document", path=path, suffix=suffix)
    if suffix in SPREADSHEET_SUFFIXES:  # not --format csv: the workbook's bytes are no CSV
        raise error(UsageError, "cli.usage.batch_spreadsheet", path=path)
    raise error(UsageError, "err.batch_format", path=path)


@dataclass
class Record:
    """One row of a batch file: its values, or the error that makes it unusable.

    ``line`` is the 1-based line of the file where the row starts; ``number`` its 1-based place among the
    file's rows (bad rows counted); ``error`` is ``None`` for a good row, else a message naming file and line
    (English); ``problem`` the same as a keyed error, which the command line shows in its user's language
    (:func:`proposalnlp.messages.error_text`).
    """

    line: int
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    problem: InputValueError | None = None

    def get(self, name: str) -> Any:
        """The value of a column (None when absent)."""
        return self.values.get(name)


def row_error(path: str, line: int, key: str, **params: Any) -> InputValueError:
    """The error of a bad row: ``{path}, line {line}: {reason}``, the reason the catalogue's ``key``."""
    return error(InputValueError, "err.row", path=path, line=line, reason=error(InputValueError, key, **params))


def _bad(line: int, number: int, problem: InputValueError, values: dict[str, Any] | None = None) -> Record:
    return Record(line, number, values or {}, error=str(problem), problem=problem)


def _text_stream(fh: io.BufferedReader, name: str) -> io.TextIOWrapper:
    """The stream decoded with the encoding :func:`detect_encoding` tells from its start; lines end at "\\n"."""
    head = fh.peek(DETECT_PEEK)[:DETECT_PEEK]
    if head.startswith((b"%PDF", b"PK\x03\x04", bytes.fromhex("d0cf11e0a1b11ae1"))):  # PDF, Word (zip), old Office
        raise error(InputValueError, "err.batch_is_document", path=name)
    from ..document import detect_encoding

    try:
        codec = detect_encoding(head, complete=False) if head else "utf-8-sig"
    except InputValueError as exc:
        raise error(InputValueError, "err.in_file", path=name, error=exc) from None
    if codec.startswith("utf-16"):
        if not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # no byte-order mark: the byte order is a guess
            raise error(InputValueError, "err.batch_utf16", path=name, codec=codec)
        codec = "utf-16"  # Excel's "Unicode Text" (UTF-16 with its mark, tab-separated): the mark tells the order
    return io.TextIOWrapper(fh, encoding=codec, errors="strict", newline="\n")


class _Lines:
    """Physical lines of a text stream with their numbers, bounded in length, with a push-back queue."""

    def __init__(self, text: io.TextIOWrapper, name: str, max_chars: int) -> None:
        self._text = text
        self._name = name
        self._max = max_chars
        self.number = 0  # number of the last line handed out
        self._back: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []  # lines handed out for the current record
        self.first = ""  # the file's first line, as read (what a header that is none is told by)

    def _read(self) -> str:
        try:
            line = self._text.readline(self._max + 1)
            if len(line) > self._max and not line.endswith("\n"):
                while True:  # skip the rest of an over-long line, bounded chunk by chunk
                    rest = self._text.readline(_CHUNK)
                    if not rest or rest.endswith("\n"):
                        break
                return _LONG
        except UnicodeDecodeError as exc:
            raise error(
                InputValueError,
                "err.batch_decode",
                path=self._name,
                line=self.number + 1,
                codec=self._text.encoding,
                reason=exc.reason,
            ) from None
        return line

    def pull(self) -> tuple[int, str] | None:
        if self._back:
            item = self._back.popleft()
        else:
            line = self._read()
            if not line:
                return None
            self.number += 1
            item = (self.number, line)
            if self.number == 1:
                self.first = line
        self.taken.append(item)
        return item

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self._back.extendleft(reversed(items))

    def __iter__(self) -> Iterator[str]:
        while True:
            item = self.pull()
            if item is None:
                return
            if item[1] == _LONG:
                raise csv.Error("field larger than field limit")
            yield item[1]


def _csv_reason(reason: str, max_field: int) -> InputValueError:
    """Why the csv module refused a row, as a keyed error in the catalogue's words (its own English reason is
    no message for a user: ``',' expected after '"'``)."""
    if "field larger" in reason:
        return error(InputValueError, "err.row.long_field", limit=f"{max_field:,}")
    if "unexpected end of data" in reason or "EOF" in reason:
        return error(InputValueError, "err.row.unterminated")
    if "expected after" in reason:  # strict: a quoted field goes on after its closing quote
        return error(InputValueError, "err.row.bad_quote")
    if "new-line character" in reason:  # a lone carriage return: lines end in CR alone (classic Mac)
        return error(InputValueError, "err.row.bare_cr")
    if "NUL" in reason:  # Python before 3.11 refuses a NUL character
        return error(InputValueError, "err.row.nul")
    return error(InputValueError, "err.row.bad_csv")


def _csv_records(
    lines: _Lines, name: str, delimiter: str, max_field: int
) -> Iterator[tuple[int, list[str] | InputValueError]]:
    """(start line, fields) of each CSV row, or (start line, the reason as a keyed error) of each bad one.

    After a bad row (an unterminated quote, a quote in the wrong place, a field over the limit) reading
    resumes at the line after the row's first line, so one stray quote loses one row, not the rest of the file.
    """
    if csv.field_size_limit() != max_field:
        csv.field_size_limit(max_field)
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    while True:
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            taken = lines.taken
            start = taken[0][0] if taken else lines.number
            message = _csv_reason(str(exc), max_field)
            _log.debug("%s, line %d: the csv module says: %s", name, start, exc)  # its English, for --debug only
            if len(taken) > 1:
                lines.push_back(taken[1:])
            yield start, message
            reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
            continue
        if not row:
            continue  # a blank line
        yield lines.taken[0][0], row


def iter_records(
    path: str,
    fmt: str | None = None,
    required: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BATCH_BYTES,
    max_field: int = MAX_FIELD_CHARS,
    options: Mapping[str, str] | None = None,
    columns: list[str] | None = None,
) -> Iterator[Record]:
    """The rows of a CSV/TSV (with a header row) or JSONL file (``-``: stdin), one :class:`Record` at a time.

    A row is bad (``record.error`` set, reading goes on) when it cannot be parsed or when a ``required``
    column is missing, ``null`` or blank. Problems with the whole file (no such file, a device, over
    ``max_bytes``, not UTF-8/GB18030, a header without a required column) raise
    :class:`~proposalnlp.errors.InputValueError`; ``options``: the command-line option that names each column
    (``{"proposal": "--proposal-column"}``), which a header without the column is told to use. Memory stays
    bounded by ``max_field``, whatever the file size. ``columns``, when given, is filled with the table's column
    names as soon as its header (a JSONL file's first object) is read: before the first record is yielded.
    """
    kind = batch_format(path, fmt)
    name = "stdin" if path == "-" else path
    with open_source(path, max_bytes) as fh:
        text = _text_stream(fh, name)
        lines = _Lines(text, name, max_field)
        if kind == "jsonl":
            yield from _jsonl(lines, name, required, options or {}, columns)
        else:
            sep = "," if kind == "csv" else "\t"
            yield from _csv(lines, name, sep, required, max_field, options or {}, columns)


def _check_required(values: dict[str, Any], required: tuple[str, ...]) -> tuple[str, dict[str, Any]] | None:
    """The catalogue key and values of the first problem with a ``required`` column of a row (None: none)."""
    for col in required:
        if col not in values:
            return "err.row.no_column", {"column": col}
        value = values[col]
        if value is None:
            return "err.row.null", {"column": col}
        if isinstance(value, str):
            if not value.strip():
                return "err.row.empty", {"column": col}
        elif not isinstance(value, (int, float)) or isinstance(value, bool):
            return "err.row.not_text", {"column": col, "kind": type(value).__name__}
    return None


def _jsonl(
    lines: _Lines, name: str, required: tuple[str, ...], options: Mapping[str, str], columns: list[str] | None = None
) -> Iterator[Record]:
    """The records of a JSONL file; the first object, in place of a header, lacking a column that an option names
    is the whole file's error (the column's name is wrong), not a bad row."""
    number = 0
    while True:
        lines.taken = []
        item = lines.pull()
        if item is None:
            return
        line_no, line = item
        if not line.strip():
            continue
        number += 1
        if line == _LONG:
            yield _bad(line_no, number, row_error(name, line_no, "err.row.long_line", limit=f"{lines._max:,}"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad(line_no, number, row_error(name, line_no, "err.row.bad_json", reason=exc.msg, column=exc.colno))
            continue
        if not isinstance(obj, dict):
            yield _bad(line_no, number, row_error(name, line_no, "err.row.not_object", kind=type(obj).__name__))
            continue
        absent = [col for col in required if col not in obj and col in options]
        if number == 1 and columns is not None:
            columns.extend(obj)
        if number == 1 and absent:
            raise no_column(name, absent[0], list(obj), options[absent[0]])  # the first object: the header
        problem = _check_required(obj, required)
        if problem is not None:
            yield _bad(line_no, number, row_error(name, line_no, problem[0], **problem[1]), obj)
            continue
        yield Record(line_no, number, obj)


#: Words in the column names of the tables proposal offices keep, by the option that names such a column: a
#: missing column is then answered with the option and the column that probably holds it.
_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "--proposal-column": ("提案内容", "建议内容", "提案", "建议", "议案"),
    "--reply-column": ("答复内容", "答复", "复文", "回复", "办理情况", "办理结果"),
    "--text-column": ("内容", "正文", "文本", "留言", "全文"),
    "--label-column": ("标签", "类别", "主题", "分类", "类型"),
    "--id-column": ("编号", "序号", "提案号", "案号"),
}
#: Column names that plainly hold a table's row ids (compared stripped, letters in any case), the most telling
#: first: a batch given no --id-column names its rows by the first of them it has rather than by row numbers.
ID_COLUMNS = ("提案号", "提案编号", "建议号", "建议编号", "案号", "编号", "id", "序号")


def default_id_column(columns: list[str]) -> str | None:
    """The column of ``columns`` that plainly holds the rows' ids (see :data:`ID_COLUMNS`), or None."""
    by_name = {name.strip().casefold(): name for name in reversed(columns)}
    return next((by_name[word] for word in ID_COLUMNS if word in by_name), None)


def row_id(values: Mapping[str, Any], column: str | None, number: int) -> Any:
    """A row's id taken from a ``column`` chosen by :func:`default_id_column`: its value stripped, or the row's
    ``number`` when the column is absent or blank in this row (such a column is not required of every row)."""
    value = values.get(column) if column is not None else None
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or isinstance(value, (bool, list, dict)):
        return number
    return value


def peek_id_column(records: Iterator[Record], columns: list[str]) -> tuple[str | None, Iterator[Record]]:
    """The id column a batch read by ``records`` (an :func:`iter_records` filling ``columns``) plainly has, found
    by reading its header and first row, and the records, that first one included."""
    first = next(records, None)
    rest = records if first is None else itertools.chain([first], records)
    return default_id_column(columns), rest


_SHELL_SPECIAL = re.compile(r"[\s'\"$`\\!*?;&|<>(){}\[\]#~]")
#: Column names of that kind that hold something else (提案人 is a person, 提案标题 a title).
_NOT_THE_TEXT = ("人", "者", "单位", "标题", "题目", "号", "时间", "日期")


def _likely_column(option: str, columns: list[str]) -> str | None:
    """The column a table probably means for ``option`` (提案 for --proposal-column), or None."""
    for word in _COLUMN_WORDS.get(option, ()):
        for name in columns:
            core = name.strip()
            if word in core and (option == "--id-column" or not core.endswith(_NOT_THE_TEXT)):
                return name
    return None


def no_column(path: str, column: str, columns: list[str], option: str | None = None) -> InputValueError:
    """The error for a file without ``column`` (its ``columns`` listed plainly), naming the ``option`` that
    gives another column name when there is one, with the column it probably is (``--proposal-column 提案``)."""
    shown: Listed | str = Listed(columns) if columns else "-"
    if option is None:
        return error(InputValueError, "err.no_column", path=path, column=column, columns=shown)
    guess = _likely_column(option, columns)
    if guess is not None:
        return error(
            InputValueError,
            "err.no_column_guess",
            path=path,
            column=column,
            columns=shown,
            option=option,
            guess=shlex.quote(guess) if _SHELL_SPECIAL.search(guess) else guess,  # a name to type as it is shown
        )
    return error(InputValueError, "err.no_column_option", path=path, column=column, columns=shown, option=option)


#: Separators a table saved otherwise holds in its header line, by the key saying what to do (for a CSV file; a TSV
#: file with commas in its one column is a CSV file).
_OTHER_SEPARATORS = (("\t", "err.batch_sep.tab"), (";", "err.batch_sep.semicolon"), ("，", "err.batch_sep.fullwidth"))


#: A first line no table's header is: it ends a sentence (。！), or is a document's title (关于…的提案 / 答复 /
#: 建议…: :func:`.._parser.is_title_line`). (A question mark ends a column name too, 是否满意？: it tells a sentence
#: only in a one-column header.)
_SENTENCE_LINE = re.compile(r".*[。！]")
#: A column name is short: a one-column header longer than this is a line of text.
_LONGEST_COLUMN = 40


def _no_table(name: str, first: str, header: list[str] | None, delimiter: str) -> InputValueError | None:
    """Why a file read as CSV/TSV whose header is unreadable or lacks a column is no such table, or None: its
    first line opens a JSON value or a web page / XML file, reads as a document's (a title, a sentence, a line
    longer than a column name: a plain-text document saved as .csv), or its header is one column holding another
    separator (a table separated by tabs, semicolons or Chinese commas: saved otherwise, or typed by hand)."""
    head = first.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return error(InputValueError, "err.batch_json", path=name)
    if head.startswith("<"):
        return error(InputValueError, "err.batch_markup", path=name)
    line = head.rstrip("\r\n")
    document = error(InputValueError, "err.batch_document_text", path=name, first=_shorter(line, 30))
    from .._parser import is_title_line  # here, on an error's path: the CLI starts without the parser

    if _SENTENCE_LINE.fullmatch(line) or is_title_line(line.strip()):
        return document
    if line.endswith("？") and (header is None or len(header) <= 1):
        return document
    if header is None or len(header) != 1:
        return None
    if delimiter == "\t":
        if "," in header[0]:
            return error(InputValueError, "err.batch_sep.comma", path=name)
    else:
        for sep, key in _OTHER_SEPARATORS:
            if sep in header[0]:
                return error(InputValueError, key, path=name)
    return document if len(line) > _LONGEST_COLUMN else None


def _shorter(line: str, most: int) -> str:
    """``line`` cut to ``most`` characters, an ellipsis saying so."""
    return line if len(line) <= most else line[:most] + "…"


def _csv(
    lines: _Lines,
    name: str,
    delimiter: str,
    required: tuple[str, ...],
    max_field: int,
    options: Mapping[str, str],
    columns: list[str] | None = None,
) -> Iterator[Record]:
    rows = _csv_records(lines, name, delimiter, max_field)
    header: list[str] | None = None
    for start, row in rows:
        if isinstance(row, InputValueError):
            raise _no_table(name, lines.first, None, delimiter) or error(
                InputValueError, "err.row.header", path=name, line=start, reason=row
            )
        header = [h.strip() for h in row]
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        break
    if header is None:
        return
    missing = [c for c in required if c not in header]
    if missing:
        told = _no_table(name, lines.first, header, delimiter)
        if told is not None:
            raise told
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise error(InputValueError, "err.header_repeats", path=name, columns=duplicated)
    if missing:
        raise no_column(name, missing[0], header, options.get(missing[0]))
    if columns is not None:
        columns.extend(header)
    width = len(header)
    number = 0
    for start, row in rows:
        number += 1
        if isinstance(row, InputValueError):
            yield _bad(start, number, error(InputValueError, "err.row", path=name, line=start, reason=row))
            continue
        if len(row) != width:
            values = dict(zip(header, row, strict=False))
            yield _bad(start, number, row_error(name, start, "err.row.fields", n=len(row), width=width), values)
            continue
        values = dict(zip(header, row, strict=True))
        problem = _check_required(values, required)
        if problem is not None:
            yield _bad(start, number, row_error(name, start, problem[0], **problem[1]), values)
            continue
        yield Record(start, number, values)


def read_records(
    path: str, fmt: str | None = None, required: tuple[str, ...] = (), max_bytes: int = DEFAULT_MAX_BATCH_BYTES
) -> list[Record]:
    """Every row of a batch file (see :func:`iter_records`); the first bad row raises an
    :class:`~proposalnlp.errors.InputValueError` naming its file and line."""
    out = []
    for rec in iter_records(path, fmt, required, max_bytes):
        if rec.problem is not None:
            raise rec.problem
        out.append(rec)
    return out


def column(rows: list[Record], name: str, path: str) -> list[Any]:
    """One column of the rows; a clear error names the missing column and the line of the row without it."""
    out = []
    for k, r in enumerate(rows):
        if name not in r.values:
            if k == 0:
                raise no_column(path, name, sorted(r.values))
            raise row_error(path, r.line, "err.row.no_column", column=name)
        out.append(r.values[name])
    return out


def model_folder(path: str | None) -> str | None:
    """``path`` as given to ``--model`` (or ``evaluate MODEL``), refused at once when it names a file: a model is
    the folder ``proposalnlp train -o`` writes (None: the bundled model)."""
    if path is not None and Path(path).is_file():
        raise error(InputValueError, "err.model_is_file", path=path)
    return path


#: Document files a folder given to ``match`` or ``parse`` is read for (its other files are left alone).
DOCUMENT_SUFFIXES = (".txt", ".text", ".docx", ".pdf", ".html", ".htm")
#: Files of a folder that are documents the readers refuse with a message (an old binary Word file: save it as
#: .docx): listed too, so that each is named rather than passed over in silence.
_REFUSED_SUFFIXES = (".doc",)


def document_files(sources: list[str]) -> list[str]:
    """The documents to read: each path as given, a folder's documents (by suffix, sorted, not its sub-folders;
    its old .doc files too, which reading names as such)."""
    if "-" in sources:
        raise error(UsageError, "cli.usage.stdin_alone")
    found: list[str] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            docs = sorted(
                str(p)
                for p in path.iterdir()
                if p.suffix.lower() in (*DOCUMENT_SUFFIXES, *_REFUSED_SUFFIXES)
                and not p.name.startswith((".", "~$"))
                and p.is_file()
            )
            if not docs:
                raise error(InputValueError, "err.no_documents", path=source, suffixes=" ".join(DOCUMENT_SUFFIXES))
            found.extend(docs)
        else:
            found.append(source)
    return found
