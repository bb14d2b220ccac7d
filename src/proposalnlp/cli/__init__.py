"""The ``proposalnlp`` command line: one subcommand module per concern, registered here."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import ProposalNLPError
from ._io import UsageError, add_lang

__all__ = ["main"]

#: Subcommand modules of this package; each has ``register(subparsers)`` that sets ``func``.
_COMMANDS = ("parse_cmd", "classify_cmd", "train_cmd", "match_cmd", "serve_cmd")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="proposalnlp", description="Read Chinese government proposals and their replies."
    )
    parser.add_argument("--version", action="version", version=f"proposalnlp {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(name):
                continue
            raise
        module.register(sub)
    for command in sub.choices.values():
        add_lang(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns 0 on success, 2 on a usage error (argparse's, and the commands' checks
    of their arguments), 1 on a failure (a file that cannot be read, a bad model…)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
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
        print(f"proposalnlp {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (ProposalNLPError, OSError, ValueError, TypeError) as exc:
        if args.debug:
            raise
        print(f"proposalnlp {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
