"""proposalnlp classify: the themes of a text, a text file, a whole document, or a CSV/JSONL batch.

proposalnlp classify "加大对中小企业的贷款贴息支持"      one text
proposalnlp classify --file proposal.txt [--document]   a text file (as one text, or unit by unit)
echo "…" | proposalnlp classify -                       stdin
proposalnlp classify --file data.csv --text-column text [--json]   a batch: table, or JSONL with --json

Batches are read row by row and classified in chunks of CHUNK_ROWS rows, so a file of any size runs in
bounded memory. A bad row (an unterminated quote, the wrong number of fields, invalid JSON, a missing,
null or empty text, a field over the limit) is named with its file and line; --on-error says what then:

  fail    (default) stop and print nothing but the error: output is held back (in memory up to
          SPOOL_BYTES, then in a temporary file) until the whole file has been read without a bad row
  skip    classify every good row, in order; count the bad ones
  report  as skip, and write an error record (id, line, error) in the bad row's place in the output

With skip and report, output is written as it goes, a count of bad rows goes to stderr at the end and
the exit code is 1 if any row was bad.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .._text import has_chinese, snippet
from ..errors import InputValueError
from ..messages import error, error_text, theme_name, themes_label
from ..messages import text as msg
from ._io import (
    DEFAULT_MAX_BATCH_BYTES,
    DEFAULT_MAX_BYTES,
    FORMAT_BY_SUFFIX,
    Record,
    UsageError,
    iter_records,
    model_folder,
    n_jobs,
    peek_id_column,
    positive_int,
    read_input,
    row_id,
)
from .parse_cmd import unit_word

__all__ = ["register"]

logger = logging.getLogger(__name__)

#: Rows of a batch classified per call (x8 with --n-jobs > 1): what stays in memory at once (8,192 short rows
#: ran ~10% faster than 2,048 and hold a few MB).
CHUNK_ROWS = 8192
#: --on-error fail holds output back in memory up to this many bytes, then in a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024

#: Batches larger than this get a progress bar by default (when stderr is a terminal).
PROGRESS_MIN = 300

#: A text at least this long that parse() cuts into at least DOCUMENT_MIN_UNITS units is a whole document (a
#: proposal or a reply), which wants --document. Chosen on the 305 Jiangsu proposals of the shared corpus, one CSV
#: row each: their units are shorter than 473 characters in 95 of 100 (4.2% reach 500), the proposals longer than
#: 500 in 297 of 305, and every one of those cut into 3 units or more; of the Teddy citizens' messages one in 9
#: passes both, of their replies one in 5 (so a batch of them, unlike one of proposals, draws no note).
DOCUMENT_MIN_CHARS = 500
DOCUMENT_MIN_UNITS = 3
#: The first rows of a batch looked at for whole documents (a note when more than half of them are).
DOCUMENT_SAMPLE = 50


def register(sub: Any, lang: str) -> None:
    """Add the ``classify`` subcommand, its help in ``lang``."""

    def h(key: str, **values: Any) -> str:
        return msg(f"cli.classify.{key}", lang, **values)

    p = sub.add_parser(
        "classify",
        help=h("help"),
        description=h("description"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("text", nargs="?", help=h("arg.text"))
    p.add_argument("--file", "-f", help=h("arg.file"))
    p.add_argument("--format", choices=("text", "csv", "tsv", "jsonl"), help=h("arg.format"))
    p.add_argument("--text-column", default="text", help=h("arg.text_column"))
    p.add_argument("--id-column", help=h("arg.id_column"))
    p.add_argument("--model", "-m", help=msg("cli.arg.model", lang))
    p.add_argument("--document", action="store_true", help=h("arg.document"))
    p.add_argument("--json", action="store_true", help=h("arg.json"))
    p.add_argument("--n-jobs", type=n_jobs, default=1, help=h("arg.n_jobs"))
    p.add_argument("--on-error", choices=("fail", "skip", "report"), default="fail", help=h("arg.on_error"))
    p.add_argument(
        "--max-bytes",
        type=positive_int,
        default=None,
        help=h("arg.max_bytes", mib=DEFAULT_MAX_BYTES // 2**20, gib=DEFAULT_MAX_BATCH_BYTES // 2**30),
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=h("arg.progress", rows=PROGRESS_MIN),
    )
    p.set_defaults(func=run)


def _scores(scores: dict[str, float], lang: str) -> str:
    return " ".join(f"{theme_name(k, lang)}={v:.2f}" for k, v in scores.items())


#: Suffixes of the files people give ``classify``: a TEXT ending in one of them (and holding no space) is a file
#: name given without --file, not a text to classify.
_FILE_SUFFIXES = (".txt", ".text", ".docx", ".doc", ".pdf", ".html", ".htm", *FORMAT_BY_SUFFIX)


def _names_a_file(value: str) -> bool:
    """Whether the TEXT argument is a file name (an existing file, or a name with a document or batch suffix):
    ``proposalnlp classify 提案.txt`` classified the eight characters of the name, and said 无主题."""
    if value == "-" or len(value) > 255 or any(ch.isspace() or ch == "\0" for ch in value):
        return False
    if Path(value).suffix.lower() in _FILE_SUFFIXES:
        return True
    try:
        return Path(value).is_file()
    except (OSError, ValueError):
        return False


def document_units(text: str) -> int:
    """How many units ``text`` holds when it reads as a whole document (:data:`DOCUMENT_MIN_CHARS` characters or
    more, cut into :data:`DOCUMENT_MIN_UNITS` units or more by :func:`~proposalnlp.document.parse`); else 0."""
    if len(text) < DOCUMENT_MIN_CHARS:
        return 0
    from ..document import parse

    try:
        units = len(parse(text).units)
    except (ValueError, TypeError):
        return 0
    return units if units >= DOCUMENT_MIN_UNITS else 0


def _note_documents(args: argparse.Namespace, texts: list[str]) -> None:
    """On stderr, in the user's language: most of the first rows are whole documents, which --document classifies
    unit by unit (one classification of a whole proposal often says 无主题)."""
    sample = texts[:DOCUMENT_SAMPLE]
    docs = sum(1 for t in sample if document_units(t))
    if sample and docs * 2 > len(sample):
        values = {"prog": "proposalnlp classify", "n": len(sample), "docs": docs, "chars": DOCUMENT_MIN_CHARS}
        print(msg("cli.note.document_rows", args.lang, **values), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Classify and print."""
    from ..themes.api import classify, classify_document, load_model

    if (args.text is None) == (args.file is None):
        raise error(UsageError, "cli.usage.classify_inputs")
    if args.text is not None and _names_a_file(args.text):
        raise error(UsageError, "cli.usage.classify_text_is_file", text=args.text)
    lang = args.lang
    model = load_model(model_folder(args.model)) if args.model else None
    source = args.file if args.file is not None else args.text
    fmt = args.format
    if fmt is None and args.file is not None:
        fmt = FORMAT_BY_SUFFIX.get(Path(args.file).suffix.lower(), "text")
    if fmt in ("csv", "tsv", "jsonl"):
        return _run_batch(args, source, fmt, model)
    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    body = read_input(source, max_bytes) if (args.file is not None or source == "-") else source
    if args.document:
        from ..document import parse

        doc = parse(body)
        unit_text = {u.id: u.text for u in doc.units}
        result = classify_document(doc, model=model)
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return 0
        print(msg("cli.doc_themes", lang, themes=themes_label(list(result.themes), lang)))
        shares = " ".join(f"{theme_name(k, lang)}={v:.0%}" for k, v in result.shares.items())
        print(msg("cli.doc_share", lang, shares=shares))
        print("\t".join(msg(c, lang) for c in ("col.id", "col.kind", "col.themes", "col.text")))
        for u in result.units:
            themes = themes_label(list(u.prediction.themes), lang)
            kind = unit_word("kind", u.kind, lang)
            print(f"{u.unit_id}\t{kind}\t{themes}\t{snippet(unit_text[u.unit_id], 40)}")
        return 0
    pred = classify(body, model=model)
    units = document_units(body) if args.file is not None or source == "-" else 0
    if units:
        note = msg("cli.note.document_text", lang, prog="proposalnlp classify", length=len(body), units=units)
        print(note, file=sys.stderr)
    if args.json:
        print(json.dumps(pred.to_dict(), ensure_ascii=False, indent=2))
        return 0
    # no "top" line: with no theme the most probable label is not a theme of the text (the table shows it)
    print(msg("cli.themes", lang, themes=themes_label(list(pred.themes), lang)))
    print(f"{msg('col.themes', lang)}\t{msg('col.scores', lang)}")
    for label, p in sorted(pred.scores.items(), key=lambda kv: -kv[1]):
        print(f"{theme_name(label, lang)}\t{p:.3f}")
    sys.stdout.flush()
    return 0


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for rec in records:
        chunk.append(rec)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bar() -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        logger.warning("--progress needs tqdm (pip install tqdm); continuing without a progress bar")
        return None
    return tqdm(unit="row", desc="classify")


def _document_themes(text: str, model: Any) -> Any:
    """``classify_document`` of one batch row's text (``--document``): the themes of a whole proposal or reply
    from its units, where one classification of its full text says 无主题 for most proposals."""
    from ..document import parse
    from ..themes.api import classify_document

    return classify_document(parse(text), model=model)


def _run_batch(args: argparse.Namespace, source: str, fmt: str, model: Any) -> int:
    """Classify a CSV/TSV/JSONL batch chunk by chunk, writing as it goes (see the module docstring)."""
    from ..themes.api import classify_many

    required = (args.text_column, args.id_column) if args.id_column else (args.text_column,)
    options = {args.text_column: "--text-column", **({args.id_column: "--id-column"} if args.id_column else {})}
    cap = args.max_bytes or DEFAULT_MAX_BATCH_BYTES
    header: list[str] = []
    records = iter_records(source, fmt, required=required, max_bytes=cap, options=options, columns=header)
    guessed = None
    if not args.id_column:  # a column plainly of ids names the rows rather than row numbers
        guessed, records = peek_id_column(records, header)
        if guessed is not None:
            print(msg("cli.note.id_column", args.lang, prog="proposalnlp classify", column=guessed), file=sys.stderr)
    key = args.id_column or guessed or "row"

    def extra(rec: Any) -> dict[str, Any]:  # the row number beside a guessed id: scripts reading "row" keep working
        return {"row": rec.number} if guessed else {}

    out: IO[str]
    spool: Any = None
    if args.on_error == "fail":
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")
        out = spool
    else:
        out = sys.stdout
    bar: Any = None
    want_bar = args.progress if args.progress is not None else sys.stderr.isatty()
    n_rows = n_bad = foreign = 0
    first_error: str | None = None
    first_foreign: str | None = None
    size = CHUNK_ROWS * (8 if args.n_jobs != 1 else 1)
    if not args.json:  # a table: its header row first
        first = msg("col.id", args.lang) if key != "row" else msg("col.row", args.lang)
        cols = (msg(c, args.lang) for c in ("col.themes", "col.scores", "col.text"))
        out.write("\t".join((first, *cols)) + "\n")
    try:
        for chunk in _chunks(records, size):
            bad = [r for r in chunk if r.problem is not None]
            if bad and args.on_error == "fail":
                raise error(InputValueError, "err.bad_row_fail", error=bad[0].problem)
            good = [r for r in chunk if r.problem is None]
            texts = [str(r.values[args.text_column]) for r in good]
            if n_rows == 0 and not args.document:
                _note_documents(args, texts)
            if args.document:  # each row a whole document: its units classified, the themes of the whole
                preds = iter([_document_themes(t, model) for t in texts])
            else:
                preds = iter(classify_many(texts, n_jobs=args.n_jobs, model=model) if texts else [])
            lines = []
            for rec in chunk:
                rid = rec.get(args.id_column) if args.id_column else row_id(rec.values, guessed, rec.number)
                if rec.problem is not None:
                    n_bad += 1
                    shown = error_text(rec.problem, args.lang, where="cli")  # the reason in the user's language
                    first_error = first_error or shown
                    if args.on_error == "report":  # the JSON keys stay; the table's marker is a word for people
                        lines.append(
                            json.dumps({key: rid, **extra(rec), "line": rec.line, "error": shown}, ensure_ascii=False)
                            if args.json
                            else f"{rid}\t{msg('cli.row_error', args.lang)}\t{shown}\t"
                        )
                    continue
                pred = next(preds)
                if not has_chinese(str(rec.values[args.text_column])):  # English, digits: read as no theme
                    foreign += 1
                    first_foreign = first_foreign or f"{source}:{rec.line}"
                if args.json:
                    lines.append(json.dumps({key: rid, **extra(rec), **pred.to_dict()}, ensure_ascii=False))
                else:
                    themes = themes_label(list(pred.themes), args.lang)
                    text = str(rec.values[args.text_column])
                    lines.append(f"{rid}\t{themes}\t{_scores(pred.scores, args.lang)}\t{snippet(text, 40)}")
            n_rows += len(chunk)
            if lines:
                out.write("\n".join(lines) + "\n")
            if bar is None and want_bar and (args.progress or n_rows > PROGRESS_MIN):
                bar = _bar()
                want_bar = bar is not None
                if bar is not None:
                    bar.update(n_rows - len(chunk))
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:  # the total is known only now (the file is streamed)
            bar.total = n_rows
            bar.refresh()
        if n_rows == 0:  # an empty file, or a header alone: not an empty result to pass over in silence
            raise error(InputValueError, "err.no_rows", path=source)
        if spool is not None:
            spool.seek(0)
            while True:
                block = spool.read(1 << 20)
                if not block:
                    break
                sys.stdout.write(block)
        sys.stdout.flush()
    finally:
        if bar is not None:
            bar.close()
        if spool is not None:
            spool.close()
    if foreign:
        print(
            msg("cli.note.no_chinese", args.lang, prog="proposalnlp classify", n=foreign, where=first_foreign),
            file=sys.stderr,
        )
    if n_bad:
        key = "cli.bad_rows.report" if args.on_error == "report" else "cli.bad_rows.skip"
        line = msg(key, args.lang, prog="proposalnlp classify", bad=n_bad, total=n_rows, first=first_error)
        print(line, file=sys.stderr)
        return 1
    return 0
