"""``proposalnlp match``: which suggestions does the reply answer? A coverage report as text, JSON or HTML.

``proposalnlp match --batch pairs.csv`` checks a whole year's proposals at once: one proposal and its reply per
row (``proposal`` and ``reply`` columns, or one ``--text-column`` holding both), and prints one summary row per
proposal (suggestions, answered, partly, unanswered, which ones are unanswered, reply units answering none), or
JSON lines with ``--json``; ``--html DIR`` also writes each proposal's report as ``DIR/<id>.html``. Rows are
read and matched one at a time, so memory stays bounded. A bad row (a missing or empty column, a text the
matcher refuses) is named with its line; ``--on-error`` says what then, as for ``proposalnlp classify``: fail
(default: stop, print nothing but the error), skip, or report (an error row in its place); with skip and report
the exit code is 1 if a row was bad.

``proposalnlp match A.docx B.pdf …`` or ``proposalnlp match FOLDER`` does the same for documents kept as files
(each holding a proposal and its reply; a folder's .txt, .docx, .pdf and .html files): one summary row each,
with the file in place of the row, and a file that cannot be read or matched named in the command line's
language.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .._text import snippet
from ..errors import InputValueError, ProposalNLPError
from ..messages import error, error_text, text
from ._io import (
    DEFAULT_MAX_BYTES,
    DOCUMENT_SUFFIXES,
    FORMAT_BY_SUFFIX,
    SPREADSHEET_SUFFIXES,
    UsageError,
    batch_format,
    document_files,
    fraction,
    iter_records,
    peek_id_column,
    positive_int,
    read_input,
    row_id,
)

__all__ = ["register"]


#: The columns of a batch's summary table after its first (the id, the row or the file), by catalogue key ``col.*``.
_SUMMARY_COLUMNS = (
    "suggestions",
    "answered",
    "partly",
    "unanswered",
    "unanswered_ids",
    "unused",
    "unused_frame",
    "title",
)


def register(sub: Any, lang: str) -> None:
    """Add the ``match`` subcommand, its help in ``lang``."""

    def h(key: str, **values: Any) -> str:
        return text(f"cli.match.{key}", lang, **values)

    first = f"{text('col.id', lang)}/{text('col.row', lang)}"
    columns = ("、" if lang == "zh" else ", ").join([first, *(text(f"col.{c}", lang) for c in _SUMMARY_COLUMNS)])
    keys = "<id>|row, title, coverage, suggestions, unused_reply_units, themes, html"
    epilog = h("epilog", columns=columns, keys=keys)
    p = sub.add_parser("match", help=h("help"), description=h("description"), epilog=epilog)
    p.add_argument("file", nargs="*", help=h("arg.file"))
    p.add_argument("--proposal", metavar="FILE", help=h("arg.proposal"))
    p.add_argument("--reply", metavar="FILE", help=h("arg.reply"))
    p.add_argument("--example", action="store_true", help=h("arg.example"))
    p.add_argument("--problems", action="store_true", help=h("arg.problems"))
    p.add_argument("--top", type=positive_int, default=None, help=h("arg.top"))
    p.add_argument("--answered", type=fraction, default=None, metavar="SCORE", help=h("arg.answered"))
    p.add_argument("--partly", type=fraction, default=None, metavar="SCORE", help=h("arg.partly"))
    p.add_argument("--json", action="store_true", help=h("arg.json"))
    p.add_argument("--html", metavar="OUT", help=h("arg.html"))
    p.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        help=text("cli.arg.max_bytes_doc", lang, mib=DEFAULT_MAX_BYTES // 2**20),
    )
    p.add_argument("--no-themes", action="store_true", help=h("arg.no_themes"))
    p.add_argument("--batch", metavar="FILE", help=h("arg.batch"))
    p.add_argument("--format", choices=("csv", "tsv", "jsonl"), help=h("arg.format"))
    p.add_argument("--id-column", help=h("arg.id_column"))
    p.add_argument("--text-column", help=h("arg.text_column"))
    p.add_argument("--proposal-column", default="proposal", help=h("arg.proposal_column"))
    p.add_argument("--reply-column", default="reply", help=h("arg.reply_column"))
    p.add_argument("--on-error", choices=("fail", "skip", "report"), default="fail", help=h("arg.on_error"))
    p.set_defaults(func=run)


def _example() -> str:
    from .. import document

    accessor = getattr(document, "example_text", None)
    try:
        if accessor is None:
            raise FileNotFoundError("no example accessor")
        body = accessor()
    except (FileNotFoundError, OSError) as exc:
        raise error(InputValueError, "err.example_missing", detail=str(exc)) from exc
    if not isinstance(body, str):
        raise error(InputValueError, "err.example_missing", detail=type(body).__name__)
    return body


def thresholds_from(answered: float | None, partly: float | None) -> Any:
    """The default :class:`~proposalnlp.matching.Thresholds` with the values given replaced (None: keep);
    a usage error when ``partly`` would exceed ``answered``."""
    from ..matching.results import Thresholds, thresholds_with

    try:
        return thresholds_with(answered, partly)
    except InputValueError:
        base = Thresholds()
        a = base.answered if answered is None else answered
        p = base.partly if partly is None else partly
        raise error(UsageError, "cli.usage.thresholds", partly=f"{p:g}", answered=f"{a:g}") from None


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """match()'s keyword arguments from the command line (a usage error for thresholds out of order); at least as
    many ranked units per suggestion are kept as --top asks to show."""
    from ..matching import DEFAULT_TOP_K

    return {
        "include_problems": args.problems,
        "themes": not args.no_themes,
        "top_k": max(args.top or 0, DEFAULT_TOP_K),
        "thresholds": thresholds_from(args.answered, args.partly),
    }


def run(args: argparse.Namespace) -> int:
    """Read the input(s), match, and print/write the report."""
    from ..document import parse
    from ..matching import match
    from ..matching.report import proposal_title, render_text

    files: list[str] = list(args.file or [])
    if args.batch is not None:
        if files or args.proposal is not None or args.reply is not None or args.example:
            raise error(UsageError, "cli.usage.match_batch")
        return _run_batch(args)
    if len(files) > 1 or (files and files[0] != "-" and Path(files[0]).is_dir()):
        if args.proposal is not None or args.reply is not None or args.example:
            raise error(UsageError, "cli.usage.match_inputs")
        return _run_files(args, files)
    args.file = files[0] if files else None
    sources = sum(x is not None and x is not False for x in (args.file, args.proposal, args.example or None))
    if sources != 1 or (args.reply is not None and args.proposal is None):
        raise error(UsageError, "cli.usage.match_inputs")
    if args.proposal == "-" and args.reply == "-":  # stdin is read once: the reply would be read as empty
        raise error(UsageError, "cli.usage.stdin_twice")
    lang = args.lang
    opts = _options(args)
    title: str | None
    if args.example:
        proposal = parse(_example())
        alignment = match(proposal, **opts)
        title = proposal_title(proposal) or text("cli.example_title", lang)
    elif args.file is not None:
        proposal = parse(read_input(args.file, args.max_bytes))
        alignment = _match_document(proposal, args.file, opts)
        title = proposal_title(proposal) or (None if args.file == "-" else args.file)  # not "-" as a title
    else:
        reply = read_input(args.reply, args.max_bytes) if args.reply is not None else None
        proposal = parse(read_input(args.proposal, args.max_bytes))
        try:
            alignment = match(proposal, reply, **opts)
        except InputValueError as exc:
            if exc.key == "err.no_proposal" and reply is not None and _reads_as_proposal(reply):
                raise error(InputValueError, "err.swapped", proposal=args.proposal, reply=args.reply) from None
            raise
        title = proposal_title(proposal) or (None if args.proposal == "-" else args.proposal)
    if args.html:
        from ..matching.html import render_html

        page = render_html(alignment, title=title, top=args.top, lang=lang)
        if Path(args.html).is_dir():  # a folder, as for a batch: the report goes in it, named after the input
            source = args.file if args.file is not None else args.proposal
            stem = Path(source).stem if source not in (None, "-") else "example" if args.example else "report"
            args.html = str(Path(args.html) / f"{page_name(stem, empty='report')}.html")
        Path(args.html).write_text(page, encoding="utf-8")
    if args.json:
        data = alignment.to_dict(top=args.top or alignment.thresholds.used_rank)
        data["title"] = title
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_text(alignment, top=args.top, lang=lang, title=title))
        if args.html:
            print("\n" + text("cli.html_written", lang, path=args.html))
    return 0


def _match_document(doc: Any, path: str, opts: dict[str, Any]) -> Any:
    """``match(doc)`` of a document read from ``path``; a table file (.csv, .tsv, .jsonl) given as a document that
    holds no proposal and reply is said to be a table, to be read with --batch."""
    from ..matching import match

    try:
        return match(doc, **opts)
    except InputValueError as exc:
        table = path != "-" and Path(path).suffix.lower() in FORMAT_BY_SUFFIX
        if table and exc.key in ("err.no_reply", "err.no_proposal"):
            raise error(InputValueError, "err.table_as_document", path=path) from None
        raise


def _reads_as_proposal(body: str) -> bool:
    """Whether a text given as the reply reads as a proposal alone (suggestions, no reply part): the two files
    swapped on the command line."""
    from ..document import parse

    doc = parse(body)
    return bool(doc.suggestions) and not doc.reply


#: --on-error fail holds the batch's output back in memory up to this many bytes, then in a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024


def _batch_row(args: argparse.Namespace, values: dict[str, Any], opts: dict[str, Any]) -> tuple[Any, str]:
    """The alignment of one batch row and its proposal's title (or its first suggestion's text)."""
    from ..document import parse
    from ..matching import match
    from ..matching.report import proposal_title

    # a cell that holds no proposal (or reply) is said in the batch's terms, its column named: the document's
    # message would point at --proposal / --reply, options a batch has no use for
    if args.text_column:
        doc = parse(str(values[args.text_column]))
        try:
            alignment = match(doc, **opts)
        except InputValueError as exc:
            if exc.key not in ("err.no_proposal", "err.no_reply"):
                raise
            key = "err.batch_text_no_proposal" if exc.key == "err.no_proposal" else "err.batch_text_no_reply"
            raise error(InputValueError, key, column=args.text_column) from None
    else:
        doc = parse(str(values[args.proposal_column]))
        reply = str(values[args.reply_column])
        try:
            alignment = match(doc, reply, **opts)
        except InputValueError as exc:
            if exc.key != "err.no_proposal":
                raise
            if _reads_as_proposal(reply):
                key, cols = "err.batch_swapped", {"proposal": args.proposal_column, "reply": args.reply_column}
                raise error(InputValueError, key, **cols) from None
            raise error(InputValueError, "err.batch_no_proposal", column=args.proposal_column) from None
    title = proposal_title(doc) or (alignment.suggestions[0].suggestion.text if alignment.suggestions else "")
    return alignment, title


def _summary(
    args: argparse.Namespace,
    key: str,
    rid: Any,
    alignment: Any,
    title: str,
    page: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """One output row of a batch: a table row, or a JSON line with --json (``page``: the name of its --html report,
    given in the JSON as ``html``; ``extra``: more keys for the JSON line, e.g. the row number beside a guessed id)."""
    cov = alignment.coverage
    missing = [m.suggestion.id for m in alignment.suggestions if m.verdict == "unanswered"]
    if args.json:
        row: dict[str, Any] = {
            key: rid,
            **(extra or {}),
            "title": title,
            "coverage": cov,
            # the thresholds the verdicts were given with (--answered / --partly), as a single document's JSON has
            "thresholds": {"answered": alignment.thresholds.answered, "partly": alignment.thresholds.partly},
            "suggestions": [
                {
                    "id": m.suggestion.id,
                    "text": m.suggestion.text,  # a table read back from these lines says what was asked
                    "verdict": m.verdict,
                    "probability": None if m.probability is None else round(float(m.probability), 4),
                    "best_unit": m.ranked[0][0].id if m.ranked else None,
                }
                for m in alignment.suggestions
            ],
            "unused_reply_units": [u.id for u in alignment.unused_reply_units],
        }
        if alignment.themes:
            row["themes"] = {k: list(v) for k, v in alignment.themes.items()}
        if page is not None:
            row["html"] = page
        return json.dumps(row, ensure_ascii=False)
    counts = (cov["total"], cov["answered"], cov["partly"], cov["unanswered"])
    # as the report's line: N units answer none, M of them framing
    unused = (str(cov["unused_reply_units"]), str(cov["unused_frame_units"]))
    cells = [str(rid), *map(str, counts), ",".join(missing) or "-", *unused, snippet(title, 30)]
    return "\t".join(cells)


#: Characters no file name may hold on Windows (and ``/`` on Linux), control characters included.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
#: Names Windows keeps for its devices, with whatever extension: ``CON.html`` cannot be created there.
_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", *(f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))]
)
#: Bytes (UTF-8) kept of an id for its report's name: a file name holds at most 255, with room left for -2 and .html.
_NAME_BYTES = 200


def page_name(rid: Any, empty: str = "row") -> str:
    """The file name (without ``.html``) of the report of the proposal ``rid``: the id as it is, spaces and Chinese
    kept, save what a file system forbids. ``\\ / : * ? " < > |`` and control characters become ``_``; a name
    Windows keeps for a device (``CON``, ``NUL``, ``COM1``…) gets ``_`` after it (before any dot); the ends lose
    spaces, dots and ``_`` (Windows drops a trailing dot or space, a leading dot hides a file); a long id is cut
    short (a name holds at most 255 bytes); an id with nothing left is ``empty``."""
    base = _UNSAFE_NAME.sub("_", str(rid)).strip(" ._")
    if len(base.encode("utf-8")) > _NAME_BYTES:
        base = base.encode("utf-8")[:_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" ._")
    if not base:
        return empty
    head, dot, rest = base.partition(".")
    if head.rstrip(" ").upper() in _RESERVED_NAMES:  # CON.2026 is CON to Windows: the _ goes before the dot
        return f"{head}_{dot}{rest}"
    return base


def _write_page(folder: Path, rid: Any, alignment: Any, title: str, args: argparse.Namespace, taken: set[str]) -> str:
    """A row's HTML report, ``folder/<id>.html`` (named by :func:`page_name`; a name this batch has written already
    gets ``-2``, ``-3``…, so that no report overwrites another); returns the file's name."""
    from ..matching.html import render_html

    base = page_name(rid)
    name, k = base, 1
    while name.lower() in taken:
        k += 1
        name = f"{base}-{k}"
    taken.add(name.lower())
    page = render_html(alignment, title=title, top=args.top, lang=args.lang)
    (folder / f"{name}.html").write_text(page, encoding="utf-8")
    return f"{name}.html"


@dataclass
class _Row:
    """One proposal of a batch (a row of a batch file, or one document file): where it is, and either the
    problem that makes it unusable or how to match it."""

    rid: Any
    where: dict[str, Any]
    problem: str | None = None
    compute: Callable[[], tuple[Any, str]] | None = None
    number: int | None = None  # a batch row's place among the file's rows, when its line does not tell it
    #: JSON keys beside the id: ``row`` (the row number) when the id comes from a guessed column, so that scripts
    #: reading ``row`` keep working
    extra: dict[str, Any] = field(default_factory=dict)


def _run_batch(args: argparse.Namespace) -> int:
    """Match every row of a CSV/TSV/JSONL batch, one summary row each (see the module docstring)."""
    opts = _options(args)  # once, before any row: a usage error is the command's, not a row's
    if args.batch != "-" and Path(args.batch).is_dir():  # a folder of documents is matched without --batch
        raise error(UsageError, "cli.usage.match_batch_folder", path=args.batch)
    fmt = args.format or FORMAT_BY_SUFFIX.get(Path(args.batch).suffix.lower())
    if fmt is None:
        if Path(args.batch).suffix.lower() in (*DOCUMENT_SUFFIXES, ".doc", *SPREADSHEET_SUFFIXES):  # no CSV table
            fmt = batch_format(args.batch, None)
        raise error(UsageError, "cli.usage.batch_format", path=args.batch)
    columns = (args.text_column,) if args.text_column else (args.proposal_column, args.reply_column)
    required = (*columns, args.id_column) if args.id_column else columns
    options = {args.proposal_column: "--proposal-column", args.reply_column: "--reply-column"}
    options.update({args.text_column: "--text-column"} if args.text_column else {})
    options.update({args.id_column: "--id-column"} if args.id_column else {})
    header: list[str] = []
    records = iter_records(
        args.batch, fmt, required=required, max_bytes=args.max_bytes, options=options, columns=header
    )
    guessed = None
    if not args.id_column:  # a column plainly of ids names the rows (and the reports) rather than row numbers
        guessed, records = peek_id_column(records, header)
        if guessed is not None:
            print(text("cli.note.id_column", args.lang, prog="proposalnlp match", column=guessed), file=sys.stderr)
    id_key = args.id_column or guessed

    def rows() -> Iterator[_Row]:
        for rec in records:
            rid = rec.values.get(args.id_column) if args.id_column else row_id(rec.values, guessed, rec.number)
            values = rec.values

            def compute(values: dict[str, Any] = values) -> tuple[Any, str]:
                return _batch_row(args, values, opts)

            # cells holding whole documents span lines: line 56 may be the 3rd row a spreadsheet shows
            number = rec.number if rec.line not in (rec.number, rec.number + 1) else None
            problem = None if rec.problem is None else error_text(rec.problem, args.lang, where="cli")
            if rec.problem is not None and number is not None and rec.problem.key == "err.row":
                why = rec.problem.params["reason"]
                reason = error_text(why, args.lang, where="cli") if isinstance(why, BaseException) else str(why)
                problem = text(
                    "err.row_of_many", args.lang, path=args.batch, line=rec.line, number=number, reason=reason
                )
            extra = {"row": rec.number} if guessed else {}
            yield _Row(rid, {"line": rec.line}, problem, None if problem else compute, number, extra)

    def where(row: _Row, exc: Exception) -> str:  # the file, the line and the reason, in the user's language
        reason = error_text(exc, args.lang, where="cli")
        if row.number is not None:
            line = row.where["line"]
            return text("err.row_of_many", args.lang, path=args.batch, line=line, number=row.number, reason=reason)
        return text("err.row", args.lang, path=args.batch, line=row.where["line"], reason=reason)

    first_col = text("col.id", args.lang) if id_key else text("col.row", args.lang)
    return _emit(args, id_key or "row", first_col, rows(), where, ("cli.bad_rows", "err.bad_row_fail"))


def _run_files(args: argparse.Namespace, sources: list[str]) -> int:
    """Match several documents (files, or the documents of a folder), each holding a proposal and its reply: one
    summary row each, as ``--batch`` gives; a file that cannot be read or matched is named in the language of
    the command line, and ``--on-error`` says what then."""
    from ..document import parse
    from ..matching.report import proposal_title

    opts = _options(args)
    files = document_files(sources)

    def rows() -> Iterator[_Row]:
        for path in files:

            def compute(path: str = path) -> tuple[Any, str]:
                doc = parse(read_input(path, args.max_bytes))
                return _match_document(doc, path, opts), proposal_title(doc) or Path(path).name

            yield _Row(path, {}, None, compute)

    def where(row: _Row, exc: Exception) -> str:
        shown = error_text(exc, args.lang, where="cli")
        sep = "：" if args.lang == "zh" else ": "
        return shown if str(row.rid) in shown else f"{row.rid}{sep}{shown}"

    return _emit(args, "file", text("col.file", args.lang), rows(), where, ("cli.bad_files", "err.bad_file_fail"))


def _emit(
    args: argparse.Namespace,
    key: str,
    first_col: str,
    rows: Iterator[_Row],
    where: Callable[[_Row, Exception], str],
    keys: tuple[str, str],
) -> int:
    """Match the rows and print one summary line each (and with ``--html DIR`` a report each), handling bad
    rows as ``--on-error`` says; ``keys``: the catalogue prefix of the closing count of bad rows, and the key
    of the error that stops at the first one."""
    bad_key, fail_key = keys
    lang = args.lang
    if args.html:  # a folder, for one report per row
        if Path(args.html).exists() and not Path(args.html).is_dir():
            raise error(UsageError, "cli.usage.html_folder", path=args.html)
        Path(args.html).mkdir(parents=True, exist_ok=True)
    spool: Any = None
    out: IO[str]
    if args.on_error == "fail":  # nothing is printed unless every row is good
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")
        out = spool
    else:
        out = sys.stdout
    if not args.json:
        out.write("\t".join([first_col, *(text(f"col.{c}", lang) for c in _SUMMARY_COLUMNS)]) + "\n")
    n_rows = n_bad = n_done = 0  # rows read, bad, and finished (written out or counted as bad)
    first_error: str | None = None
    pages: set[str] = set()
    renamed: list[str] = []  # reports not named after their row's id or file (a repeated id, an unusable character)
    try:
        for row in rows:
            n_rows += 1
            problem = row.problem
            if problem is None and row.compute is not None:
                try:
                    alignment, title = row.compute()
                except (ProposalNLPError, OSError) as exc:  # no suggestion, no reply, an unreadable text
                    problem = where(row, exc)
            if problem is not None:
                if args.on_error == "fail":
                    if pages:  # the reports written so far stay: said, so that nobody takes them for the batch
                        raise error(InputValueError, f"{fail_key}.html", error=problem, n=len(pages), path=args.html)
                    raise error(InputValueError, fail_key, error=problem)
                n_bad += 1
                first_error = first_error or problem
                if args.on_error == "report":
                    bad = {key: row.rid, **row.extra, **row.where, "error": problem}
                    marker = text("cli.row_error", lang)  # the JSON keys stay; the table's marker is a word for people
                    line = json.dumps(bad, ensure_ascii=False) if args.json else f"{row.rid}\t{marker}\t{problem}"
                    out.write(line + "\n")
                n_done += 1
                continue
            page = None
            if args.html:
                name = Path(str(row.rid)).stem if key == "file" else row.rid
                page = _write_page(Path(args.html), name, alignment, title, args, pages)
                if page != f"{name}.html":
                    renamed.append(text("cli.html_renamed_one", lang, rid=row.rid, name=page))
            out.write(_summary(args, key, row.rid, alignment, title, page, row.extra) + "\n")
            n_done += 1
        if n_rows == 0 and args.batch is not None:  # an empty file, or a header alone: said, not an empty table
            raise error(InputValueError, "err.no_rows", path=args.batch)
        if spool is not None:
            spool.seek(0)
            while block := spool.read(1 << 20):
                sys.stdout.write(block)
        sys.stdout.flush()
    except KeyboardInterrupt:  # Ctrl-C: what was done and what is left where, then the usual exit code 130
        said = text("cli.batch_interrupted", lang, n=n_done)
        if spool is not None:
            said += text("cli.batch_interrupted_held", lang)
        if pages:
            said += text("cli.batch_interrupted_html", lang, n=len(pages), path=args.html)
        print(said, file=sys.stderr)
        raise
    finally:
        if spool is not None:
            spool.close()
    if args.html and pages:  # on stderr: stdout is the table (or JSON lines) other programs read
        print(text("cli.html_written_many", lang, path=args.html, n=len(pages)), file=sys.stderr)
        if renamed:
            shown = ("，" if lang == "zh" else ", ").join(renamed[:5]) + ("…" if len(renamed) > 5 else "")
            print(text("cli.html_renamed", lang, n=len(renamed), names=shown), file=sys.stderr)
    if n_bad:
        which = f"{bad_key}.report" if args.on_error == "report" else f"{bad_key}.skip"
        print(text(which, lang, prog="proposalnlp match", bad=n_bad, total=n_rows, first=first_error), file=sys.stderr)
        return 1
    return 0
