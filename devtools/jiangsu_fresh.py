"""A fresh unit gold of Jiangsu proposals nobody labelled before (issue 14): 60 of the 281 without shared gold.

The parser's proposal rules were written and scored on the 24 shared gold proposals; the 281 others of
``corpus/jiangsu-cppcc-2019/proposals.csv`` are the genre users bring, and had never been measured.
``devtools/data/jiangsu_fresh_units.json`` holds, for a seeded sample of 60 of them (seed 2042, see
:func:`jiangsu_fresh_ids`), each unit's start offset in the proposal text and its kind (background, problem,
suggestion, other, as ``../shared/ANNOTATION.md``), and for a suggestion the start offsets of its nested
sub-points (children, not suggestions). Three parts of 20, in sample order: A is development text (the first
round's rules were read on its errors); B was held out in the first round and read in the second; C is held out in
the second round. A and B were marked by session s18-jsparse, C by session s18-js2, each from the texts before
``parse()`` was run on any of them; the file's ``protocol`` and ``conventions`` say how (written beside the Teddy
replies' protocol, ``devtools.teddy_units``). No text is stored: :func:`load_jiangsu_fresh` reads the proposals in
place and checks that every entry still fits them. Each round's figures (tuned and held-out parts, before and after
its rules) and the errors read, by cause, are in ``docs/figures-history.md`` (Quality: parsing, fresh Jiangsu
proposals).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .corpus import jiangsu_proposals, shared_root

__all__ = [
    "FRESH_KINDS",
    "FRESH_PARTS",
    "FRESH_UNITS_FILE",
    "PART_SIZE",
    "FreshDocument",
    "FreshUnit",
    "jiangsu_fresh_ids",
    "load_jiangsu_fresh",
]

FRESH_UNITS_FILE = Path(__file__).resolve().parent / "data" / "jiangsu_fresh_units.json"
#: Part name -> key in the gold file, in sample order (20 proposals each); A: development, B: read in the second
#: round (held out in the first), C: held out.
FRESH_PARTS = {"A": "part_a", "B": "part_b", "C": "part_c"}
#: Proposals per part.
PART_SIZE = 20
FRESH_KINDS = ("background", "problem", "suggestion", "other")


@dataclass(frozen=True)
class FreshUnit:
    """One marked unit: start offset, kind, and (suggestions only) the start offsets of its nested sub-points."""

    start: int
    kind: str
    children: tuple[int, ...] = ()


@dataclass
class FreshDocument:
    """A sampled proposal with its marked units, in text order."""

    id: str
    text: str
    units: list[FreshUnit] = field(default_factory=list)

    def starts(self, *kinds: str) -> list[int]:
        """Start offsets of the units of the given kinds (every unit when none is given)."""
        return [u.start for u in self.units if not kinds or u.kind in kinds]


def jiangsu_fresh_ids(root: Path | None = None, size: int = 60, seed: int = 2042) -> list[str]:
    """The sampled proposal ids: the csv's rows with no shared gold file (csv order), taken in the order of
    ``numpy.random.default_rng(seed).permutation(n)``, the first ``size``; parts A, B, C are its 20s in order."""
    base = shared_root(root) / "corpus" / "jiangsu-cppcc-2019"
    gold = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (base / "gold").glob("*.json")}
    pool = [r["id"] for r in jiangsu_proposals(root) if r["id"] not in gold]
    order = np.random.default_rng(seed).permutation(len(pool))
    return [pool[int(i)] for i in order[:size]]


def load_jiangsu_fresh(part: str, root: Path | None = None, path: Path | None = None) -> list[FreshDocument]:
    """The marked proposals of part ``"A"``, ``"B"`` or ``"C"``, in sample order; ``ValueError`` when the file does
    not fit the texts (ids not the seeded sample, starts out of order or range or on whitespace, an unknown kind,
    children outside their unit or on anything but a suggestion)."""
    if part not in FRESH_PARTS:
        raise ValueError(f"part must be one of {', '.join(FRESH_PARTS)}, got {part!r}")
    data = json.loads((path or FRESH_UNITS_FILE).read_text(encoding="utf-8"))
    sample = data["sample"]
    ids = jiangsu_fresh_ids(root, int(sample["size"]), int(sample["seed"]))
    first = list(FRESH_PARTS).index(part) * PART_SIZE
    want = ids[first : first + PART_SIZE]
    units = data[FRESH_PARTS[part]]["units"]
    if list(units) != want:
        raise ValueError(f"jiangsu fresh units: part {part}: the ids are not the seeded sample in its order")
    texts = {r["id"]: r["text"] for r in jiangsu_proposals(root)}
    docs = []
    for pid in want:
        text = texts[pid]
        entries = units[pid]
        starts = [int(e[0]) for e in entries]
        if starts != sorted(set(starts)) or not all(0 <= s < len(text) for s in starts):
            raise ValueError(f"jiangsu fresh units: {pid}: starts out of order or range")
        out = []
        for n, (entry, end) in enumerate(zip(entries, [*starts[1:], len(text)], strict=True), 1):
            start, kind = int(entry[0]), str(entry[1])
            children = tuple(int(c) for c in entry[2]) if len(entry) > 2 else ()
            if kind not in FRESH_KINDS:
                raise ValueError(f"jiangsu fresh units: {pid}: unknown kind {kind!r}")
            if text[start].isspace():
                raise ValueError(f"jiangsu fresh units: {pid}: unit {n} starts on whitespace")
            if children and (kind != "suggestion" or not all(start < c < end for c in children)):
                raise ValueError(f"jiangsu fresh units: {pid}: unit {n} has children outside a suggestion's span")
            out.append(FreshUnit(start, kind, children))
        docs.append(FreshDocument(pid, text, out))
    return docs
