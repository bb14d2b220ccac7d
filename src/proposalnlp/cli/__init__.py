"""The ``proposalnlp`` command line: one subcommand module per concern, registered here.

Help, usage and error messages are in Chinese unless ``--lang en`` (anywhere on the command line) or
$PROPOSALNLP_LANG=en asks for English; every word comes from :mod:`proposalnlp.messages`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import ProposalNLPError
from ..messages import error_text, text
from ._help import LangError, Parser, lang_from_env, prescan_lang
from ._io import UsageError, add_lang

__all__ = ["build_parser", "main"]

#: Subcommand modules of this package; each has ``register(subparsers, lang)`` that sets ``func``.
_COMMANDS = ("parse_cmd", "classify_cmd", "train_cmd", "match_cmd", "serve_cmd")


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every available subcommand, its help in ``lang`` (None: $PROPOSALNLP_LANG,
    else Chinese)."""
    lang = lang_from_env() if lang is None else lang
    parser = Parser(prog="proposalnlp", description=text("cli.description", lang), lang=lang)
    parser.add_argument(
        "--version", action="version", version=f"proposalnlp {__version__}", help=text("cli.arg.version", lang)
    )
    parser.add_argument("--debug", action="store_true", help=text("cli.arg.debug", lang))
    add_lang(parser, lang)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help=text("cli.arg.command", lang))
    for name in _COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(name):
                continue
            raise
        module.register(sub, lang)
    for command in sub.choices.values():
        add_lang(command, lang)
    return parser


def _print_error(command: str | None, exc: BaseException, lang: str) -> None:
    prog = f"proposalnlp {command}" if command else "proposalnlp"
    print(text("cli.error_line", lang, prog=prog, message=error_text(exc, lang, where="cli")), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns 0 on success, 2 on a usage error (argparse's, and the commands' checks
    of their arguments), 1 on a failure (a file that cannot be read, a bad model…)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = prescan_lang(argv)
    except LangError as exc:  # in both languages: we cannot tell which one the reader wants
        print(
            f"proposalnlp: 错误/error: {text('cli.bad_lang', 'zh', lang=exc.value, source=exc.source)}", file=sys.stderr
        )
        raise SystemExit(2) from None
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    lang = args.lang
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
    # pypdf's warnings about an odd PDF are debug records of proposalnlp.readers: shown with --debug only
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours. Silence the final flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UsageError as exc:
        if args.debug:
            raise
        _print_error(args.command, exc, lang)
        return 2
    except (ProposalNLPError, OSError, ValueError, TypeError) as exc:
        if args.debug:
            raise
        _print_error(args.command, exc, lang)
        return 1
    except KeyboardInterrupt:
        return 130
