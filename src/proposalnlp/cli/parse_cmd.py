"""``proposalnlp parse FILE``: print a document's structure as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..document import parse
from ._io import read_input

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``parse`` subcommand."""
    p = sub.add_parser("parse", help="split a proposal/reply document into units")
    p.add_argument("file", help="a text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON instead of a readable outline")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse the file and print it."""
    doc = parse(read_input(args.file))
    if args.json:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if doc.title:
        print(doc.title)
    for key, value in doc.metadata.items():
        print(f"{key}: {value}")
    for u in doc.units:
        indent = "  " * max(u.level - 1, 0)
        snippet = u.text if len(u.text) <= 60 else u.text[:59] + "…"
        print(f"{indent}{u.id:<8} {u.part:<8} {u.kind:<10} {snippet}".replace("\n", " "))
    return 0
