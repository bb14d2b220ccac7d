"""``proposalnlp match``: which suggestions does the reply answer? A coverage report as text, JSON or HTML."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import InputValueError
from ._io import DEFAULT_MAX_BYTES, read_input

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``match`` subcommand."""
    p = sub.add_parser(
        "match",
        help="match each suggestion with the reply units that answer it",
        description="Match each suggestion of a proposal with the reply units that answer it and report "
        "which suggestions are answered, partly answered or left unanswered.",
    )
    p.add_argument("file", nargs="?", help="one document holding the proposal and its reply (or - for stdin)")
    p.add_argument("--proposal", metavar="FILE", help="the proposal, as a separate file")
    p.add_argument("--reply", metavar="FILE", help="the reply, as a separate file")
    p.add_argument("--example", action="store_true", help="run on the bundled example document")
    p.add_argument("--problems", action="store_true", help="match the proposal's problems too")
    p.add_argument("--top", type=int, default=None, help="reply units shown per suggestion (default 4)")
    p.add_argument("--json", action="store_true", help="print JSON instead of the readable report")
    p.add_argument("--html", metavar="OUT", help="also write a standalone HTML report to OUT")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"read at most this many bytes per file (default {DEFAULT_MAX_BYTES // 2**20} MiB)",
    )
    p.add_argument("--no-themes", action="store_true", help="do not add themes from the default theme model")
    p.set_defaults(func=run)


def _example() -> str:
    from .. import document

    accessor = getattr(document, "example_text", None)
    try:
        if accessor is None:
            raise FileNotFoundError("no example accessor")
        text = accessor()
    except (FileNotFoundError, OSError) as exc:
        raise InputValueError(
            "the bundled example document is not available in this installation "
            f"({exc}); pass a FILE or --proposal/--reply instead"
        ) from exc
    if not isinstance(text, str):
        raise InputValueError("the bundled example document could not be read")
    return text


def run(args: argparse.Namespace) -> int:
    """Read the input(s), match, and print/write the report."""
    from ..matching import DEFAULT_TOP_K, match

    sources = sum(x is not None and x is not False for x in (args.file, args.proposal, args.example or None))
    if sources != 1 or (args.reply is not None and args.proposal is None):
        raise InputValueError("give one document FILE, or --proposal A --reply B, or --example")
    if args.top is not None and args.top < 1:
        raise InputValueError("--top must be at least 1")
    # keep at least as many ranked units per suggestion as --top asks to show
    opts: dict[str, Any] = {
        "include_problems": args.problems,
        "themes": not args.no_themes,
        "top_k": max(args.top or 0, DEFAULT_TOP_K),
    }
    if args.example:
        alignment = match(_example(), **opts)
        title = "Example proposal and reply"
    elif args.file is not None:
        alignment = match(read_input(args.file, args.max_bytes), **opts)
        title = args.file
    else:
        reply = read_input(args.reply, args.max_bytes) if args.reply is not None else None
        alignment = match(read_input(args.proposal, args.max_bytes), reply, **opts)
        title = args.proposal
    if args.html:
        from ..matching.html import render_html

        page = render_html(alignment, title=f"Coverage: {title}", top=args.top)
        Path(args.html).write_text(page, encoding="utf-8")
    if args.json:
        print(
            json.dumps(alignment.to_dict(top=args.top or alignment.thresholds.used_rank), ensure_ascii=False, indent=2)
        )
    else:
        print(alignment.report(top=args.top))
        if args.html:
            print(f"\nHTML report written to {args.html}")
    return 0
