"""A fresh unit gold of Jiangsu proposals nobody labelled before (issue 14): 80 of the 281 without shared gold.

The parser's proposal rules were written and scored on the 24 shared gold proposals; the 281 others of
``corpus/jiangsu-cppcc-2019/proposals.csv`` are the genre users bring, and had never been measured.
``devtools/data/jiangsu_fresh_units.json`` holds, for a seeded sample of 80 of them (seed 2042, see
:func:`jiangsu_fresh_ids`), each unit's start offset in the proposal text and its kind (background, problem,
suggestion, other, as ``../shared/ANNOTATION.md``), and for a suggestion the start offsets of its nested
sub-points (children, not suggestions). Four parts of 20, in sample order: A is development text (the first
round's rules were read on its errors); B was held out in the first round and read in the second; C was held out in
the second round and read in the third; D is held out in the third round. A and B were marked by session
s18-jsparse, C by session s18-js2, D by session s18-js3, each from the texts before
``parse()`` was run on any of them; the file's ``protocol`` and ``conventions`` say how (written beside the Teddy
replies' protocol, ``devtools.teddy_units``). No text is stored: :func:`load_jiangsu_fresh` reads the proposals in
place and checks that every entry still fits them. Each round's figures (tuned and held-out parts, before and after
its rules) and the errors read, by cause, are in ``docs/figures-history.md`` (Quality: parsing, fresh Jiangsu
proposals). ``devtools/data/jiangsu_fresh_units_second.json`` (:data:`FRESH_SECOND_FILE`) is
part A marked a second time, blind (marker B, session s18-jsagree), by the same protocol; :func:`fresh_agreement`
scores the two against each other with the measure of ``scripts/eval_parse.py --jiangsu-fresh`` (``--agreement``
prints it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .corpus import jiangsu_proposals, shared_root
from .teddy_units import UnitCounts

__all__ = [
    "FRESH_KINDS",
    "FRESH_PARTS",
    "FRESH_SECOND_FILE",
    "FRESH_UNITS_FILE",
    "PART_SIZE",
    "FreshAgreement",
    "FreshDisagreement",
    "FreshDocument",
    "FreshUnit",
    "fresh_agreement",
    "jiangsu_fresh_ids",
    "load_jiangsu_fresh",
]

FRESH_UNITS_FILE = Path(__file__).resolve().parent / "data" / "jiangsu_fresh_units.json"
#: Part A marked a second time, blind, by the same protocol (marker B): the agreement of two readers.
FRESH_SECOND_FILE = Path(__file__).resolve().parent / "data" / "jiangsu_fresh_units_second.json"
#: Part name -> key in the gold file, in sample order (20 proposals each); A: development, B: read in the second
#: round (held out in the first), C: held out in the second round, D: held out in the third.
FRESH_PARTS = {"A": "part_a", "B": "part_b", "C": "part_c", "D": "part_d"}
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


def jiangsu_fresh_ids(root: Path | None = None, size: int = 80, seed: int = 2042) -> list[str]:
    """The sampled proposal ids: the csv's rows with no shared gold file (csv order), taken in the order of
    ``numpy.random.default_rng(seed).permutation(n)``, the first ``size``; parts A, B, C, D are its 20s in order."""
    base = shared_root(root) / "corpus" / "jiangsu-cppcc-2019"
    gold = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (base / "gold").glob("*.json")}
    pool = [r["id"] for r in jiangsu_proposals(root) if r["id"] not in gold]
    order = np.random.default_rng(seed).permutation(len(pool))
    return [pool[int(i)] for i in order[:size]]


def load_jiangsu_fresh(part: str, root: Path | None = None, path: Path | None = None) -> list[FreshDocument]:
    """The marked proposals of part ``"A"``, ``"B"``, ``"C"`` or ``"D"``, in sample order; ``ValueError`` when the
    file does not fit the texts (ids not the seeded sample, starts out of order or range or on whitespace, an unknown
    kind, children outside their unit or on anything but a suggestion)."""
    if part not in FRESH_PARTS:
        raise ValueError(f"part must be one of {', '.join(FRESH_PARTS)}, got {part!r}")
    data = json.loads((path or FRESH_UNITS_FILE).read_text(encoding="utf-8"))
    sample = data["sample"]
    ids = jiangsu_fresh_ids(root, int(sample["size"]), int(sample["seed"]))
    first = list(FRESH_PARTS).index(part) * PART_SIZE
    want = ids[first : first + PART_SIZE]
    if FRESH_PARTS[part] not in data:
        raise ValueError(f"jiangsu fresh units: part {part} is not in {(path or FRESH_UNITS_FILE).name}")
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


#: Start tolerance of the agreement, as ``scripts/eval_parse.py`` (``TOL``): two starts within 3 characters are one.
AGREE_TOL = 3
#: The kind a nested sub-point (a suggestion's child) takes in :class:`FreshDisagreement`.
SUB_POINT = "sub-point"


@dataclass(frozen=True)
class FreshDisagreement:
    """A start one marker has and the other has not within :data:`AGREE_TOL` (``kind_b``/``kind_a`` None), or has
    with another kind; sub-points count as kind :data:`SUB_POINT`. ``start`` is marker A's, else B's."""

    id: str
    start: int
    kind_a: str | None
    kind_b: str | None


@dataclass
class FreshAgreement:
    """How far two markings of the same proposals agree, with the figures ``eval_parse --jiangsu-fresh`` gives the
    parser: suggestions found and spurious each way, suggestion counts equal per proposal, sub-points found as
    sub-points (or taken for suggestions) each way, and every disagreement."""

    b_against_a: UnitCounts = field(default_factory=UnitCounts)
    a_against_b: UnitCounts = field(default_factory=UnitCounts)
    documents: int = 0
    count_equal: int = 0
    count_diffs: list[tuple[str, int, int]] = field(default_factory=list)  # (id, A's, B's count) where they differ
    points_a: int = 0
    points_a_found: int = 0
    points_a_as_suggestions: int = 0
    points_b: int = 0
    points_b_found: int = 0
    points_b_as_suggestions: int = 0
    units_a: int = 0
    units_b: int = 0
    disagreements: list[FreshDisagreement] = field(default_factory=list)

    @property
    def agreed(self) -> int:
        """Units (sub-points not counted) both markers start within :data:`AGREE_TOL` with the same kind."""
        return self.units_a - sum(1 for d in self.disagreements if d.kind_a not in (None, SUB_POINT))

    def lines(self) -> list[str]:
        def sugg(sc: UnitCounts) -> str:
            return (
                f"suggestions marked {sc.gold}, found {sc.found} ({sc.recall:.3f}), "
                f"theirs {sc.predicted}, spurious {sc.spurious} ({sc.spurious_rate:.3f})"
            )

        off = sum(abs(a - b) for _i, a, b in self.count_diffs)
        return [
            f"B against A: {sugg(self.b_against_a)}",
            f"A against B: {sugg(self.a_against_b)}",
            f"suggestion count equal in {self.count_equal}/{self.documents} proposals (off by {off} in all); "
            f"sub-points: A {self.points_a}, found by B {self.points_a_found} (as suggestions "
            f"{self.points_a_as_suggestions}); B {self.points_b}, found by A {self.points_b_found} (as suggestions "
            f"{self.points_b_as_suggestions})",
            f"units: A {self.units_a}, B {self.units_b}, the same start and kind {self.agreed}, "
            f"disagreements {len(self.disagreements)} (sub-points included)",
        ]


def _near(starts: Sequence[int], x: int) -> bool:
    return any(abs(s - x) <= AGREE_TOL for s in starts)


def _suggestions(gold: FreshDocument, other: FreshDocument, sc: UnitCounts) -> None:
    want, got = gold.starts("suggestion"), other.starts("suggestion")
    for g in want:
        hit = _near(got, g)
        sc.gold += 1
        sc.found += hit
        sc.found_kind += hit  # one kind here: found is found as such
    for u in got:
        sc.predicted += 1
        sc.spurious += not _near(want, u)


def _marks(d: FreshDocument) -> list[tuple[int, str]]:
    return sorted([(u.start, u.kind) for u in d.units] + [(c, SUB_POINT) for u in d.units for c in u.children])


def fresh_agreement(a: Sequence[FreshDocument], b: Sequence[FreshDocument]) -> FreshAgreement:
    """Score marking ``b`` against ``a`` and ``a`` against ``b`` with the parser's measure (a start within
    :data:`AGREE_TOL` characters) and list the disagreements; ``ValueError`` when they hold different proposals."""
    if [d.id for d in a] != [d.id for d in b]:
        raise ValueError("the two markings hold different proposals (or in another order)")
    ag = FreshAgreement()
    for da, db in zip(a, b, strict=True):
        ag.documents += 1
        _suggestions(da, db, ag.b_against_a)
        _suggestions(db, da, ag.a_against_b)
        na, nb = len(da.starts("suggestion")), len(db.starts("suggestion"))
        if na == nb:
            ag.count_equal += 1
        else:
            ag.count_diffs.append((da.id, na, nb))
        ca = [c for u in da.units for c in u.children]
        cb = [c for u in db.units for c in u.children]
        ag.points_a += len(ca)
        ag.points_a_found += sum(_near(cb, c) for c in ca)
        ag.points_a_as_suggestions += sum(_near(db.starts("suggestion"), c) for c in ca)
        ag.points_b += len(cb)
        ag.points_b_found += sum(_near(ca, c) for c in cb)
        ag.points_b_as_suggestions += sum(_near(da.starts("suggestion"), c) for c in cb)
        ag.units_a += len(da.units)
        ag.units_b += len(db.units)
        ma, mb = _marks(da), _marks(db)
        for s, k in ma:
            near = [kk for ss, kk in mb if abs(ss - s) <= AGREE_TOL]
            if k not in near:
                ag.disagreements.append(FreshDisagreement(da.id, s, k, near[0] if near else None))
        for s, k in mb:
            if not _near([ss for ss, _kk in ma], s):
                ag.disagreements.append(FreshDisagreement(da.id, s, None, k))
    order = {d.id: n for n, d in enumerate(a)}
    ag.disagreements.sort(key=lambda d: (order[d.id], d.start))
    return ag
