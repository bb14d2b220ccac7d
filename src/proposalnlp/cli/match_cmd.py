"""``proposalnlp match``: which suggestions does the reply answer? A coverage report as text, JSON or HTML."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import InputValueError
from ..messages import error, text
from ._io import DEFAULT_MAX_BYTES, UsageError, fraction, positive_int, read_input

__all__ = ["register"]


def register(sub: Any, lang: str) -> None:
    """Add the ``match`` subcommand, its help in ``lang``."""

    def h(key: str, **values: Any) -> str:
        return text(f"cli.match.{key}", lang, **values)

    p = sub.add_parser("match", help=h("help"), description=h("description"))
    p.add_argument("file", nargs="?", help=h("arg.file"))
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


def run(args: argparse.Namespace) -> int:
    """Read the input(s), match, and print/write the report."""
    from ..document import parse
    from ..matching import DEFAULT_TOP_K, match
    from ..matching.report import proposal_title, render_text

    sources = sum(x is not None and x is not False for x in (args.file, args.proposal, args.example or None))
    if sources != 1 or (args.reply is not None and args.proposal is None):
        raise error(UsageError, "cli.usage.match_inputs")
    lang = args.lang
    # keep at least as many ranked units per suggestion as --top asks to show
    opts: dict[str, Any] = {
        "include_problems": args.problems,
        "themes": not args.no_themes,
        "top_k": max(args.top or 0, DEFAULT_TOP_K),
        "thresholds": thresholds_from(args.answered, args.partly),
    }
    if args.example:
        proposal = parse(_example())
        alignment = match(proposal, **opts)
        title = proposal_title(proposal) or text("cli.example_title", lang)
    elif args.file is not None:
        proposal = parse(read_input(args.file, args.max_bytes))
        alignment = match(proposal, **opts)
        title = proposal_title(proposal) or args.file
    else:
        reply = read_input(args.reply, args.max_bytes) if args.reply is not None else None
        proposal = parse(read_input(args.proposal, args.max_bytes))
        alignment = match(proposal, reply, **opts)
        title = proposal_title(proposal) or args.proposal
    if args.html:
        from ..matching.html import render_html

        page = render_html(alignment, title=title, top=args.top, lang=lang)
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
