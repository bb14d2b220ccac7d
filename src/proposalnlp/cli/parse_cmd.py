"""``proposalnlp parse FILE``: print a document's structure as a readable outline or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._text import display_width
from ..errors import ProposalNLPError
from ..messages import DEFAULT_LANG, error, error_text, has
from ..messages import text as msg
from ._io import DEFAULT_MAX_BYTES, UsageError, document_files, positive_int, read_input

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["outline", "register", "unit_word"]


def register(sub: Any, lang: str) -> None:
    """Add the ``parse`` subcommand, its help in ``lang``."""

    def h(key: str) -> str:
        return msg(f"cli.parse.{key}", lang)

    p = sub.add_parser("parse", help=h("help"), description=h("description"))
    p.add_argument("file", nargs="*", help=h("arg.file"))
    p.add_argument("--example", action="store_true", help=h("arg.example"))
    p.add_argument("--json", action="store_true", help=h("arg.json"))
    p.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        help=msg("cli.arg.max_bytes_doc", lang, mib=DEFAULT_MAX_BYTES // 2**20),
    )
    p.add_argument("--width", type=positive_int, default=60, help=h("arg.width"))
    p.set_defaults(func=run)


def _pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (a Chinese character takes two)."""
    return text + " " * max(width - display_width(text), 0)


def unit_word(field: str, name: str, lang: str) -> str:
    """A unit's ``field`` (``"part"`` or ``"kind"``) value ``name`` as shown to people: 提案/答复, 建议,
    下一步… in Chinese; in English the machine name of ``--json`` (a name the catalogue lacks: as it is)."""
    key = f"unit.{field}.{name}"
    return msg(key, lang) if has(key) else name


def outline(doc: Document, width: int = 60, lang: str = DEFAULT_LANG) -> str:
    """A readable outline: a header row, then one line per unit, indented by level, with id, part, kind and
    the start of its text; title and metadata above, counts below (lines starting with #)."""
    lines: list[str] = []
    if doc.title:
        lines.append(f"# {doc.title}")
    for key, value in doc.metadata.items():  # 提案人：张三, as the document itself writes it
        lines.append("# " + msg("cli.parse_field", lang, key=key, value=value))
    header = [msg(k, lang) for k in ("col.id", "col.part", "col.kind", "col.text")]
    lines.append(f"{_pad(header[0], 8)} {_pad(header[1], 8)} {_pad(header[2], 10)} {header[3]}")
    for u in doc.units:
        indent = "  " * max(u.level - 1, 0)
        flat = " ".join(u.text.split())
        snippet = flat if len(flat) <= width else flat[: max(width - 1, 1)] + "…"
        part, kind = unit_word("part", u.part, lang), unit_word("kind", u.kind, lang)
        lines.append(f"{indent}{u.id:<8} {_pad(part, 8)} {_pad(kind, 10)} {snippet}")
    counts = {
        "proposal": len(doc.proposal),
        "problems": len(doc.problems),
        "suggestions": len(doc.suggestions),
        "reply": len(doc.reply),
    }
    lines.append("# " + msg("cli.parse_counts", lang, **counts))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Parse the file (or the bundled example) and print it."""
    from ..document import example_text, parse  # here, not at import: every command line would pay for it

    files: list[str] = list(args.file or [])
    if args.example and files:
        raise error(UsageError, "cli.usage.parse_inputs")
    if len(files) > 1 or (files and files[0] != "-" and Path(files[0]).is_dir()):
        return _run_files(args, document_files(files))
    if args.example:
        text = example_text()
    elif files:
        text = read_input(files[0], args.max_bytes)
    else:
        raise error(UsageError, "cli.usage.parse_inputs")
    doc = parse(text)
    if args.json:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(outline(doc, args.width, args.lang))
    return 0


def _run_files(args: argparse.Namespace, files: list[str]) -> int:
    """Parse several documents: each one's outline under a ``# 文件：…`` line, or one JSON line each with
    ``--json``. A document that cannot be read is named on stderr and the others are still parsed; the exit
    code is then 1."""
    from ..document import parse

    bad = 0
    for k, path in enumerate(files):
        try:
            doc = parse(read_input(path, args.max_bytes))
        except (ProposalNLPError, OSError) as exc:
            bad += 1
            shown = error_text(exc, args.lang, where="cli")
            message = shown if path in shown else f"{path}{'：' if args.lang == 'zh' else ': '}{shown}"
            print(msg("cli.error_line", args.lang, prog="proposalnlp parse", message=message), file=sys.stderr)
            continue
        if args.json:
            print(json.dumps({"file": path, **doc.to_dict()}, ensure_ascii=False))
        else:
            print(("\n" if k else "") + "# " + msg("cli.parse_file", args.lang, path=path))
            print(outline(doc, args.width, args.lang))
    sys.stdout.flush()
    return 1 if bad else 0
