"""Measure how well ``proposalnlp.parse`` finds the gold units of ../shared; prints the figures.

Usage: ``python scripts/eval_parse.py [--details] [--big] [--pages dev|test|both]
[--teddy [dev|held-out|held-out-2|held-out-3|held-out-4|held-out-5|held-out-6|held-out-7|held-out-8|held-out-9
|held-out-10|held-out-11|held-out-12|held-out-13|held-out-14|both]] [--agreement] [--jiangsu-fresh A|B|C|D]``

``--pages`` scores the 53 stored reply pages instead (``corpus/reply-pages``), split by
``devtools.annotate.is_test_document``: *dev* pages are the ones rules may be written on, *test* pages are
held out (``--details`` lists misses and spurious units of the dev pages only). Answer units (section, item,
next-step) are found when a parsed answer unit starts within ``TOL`` characters of the gold start; spurious
answer units start near no gold answer unit; header and closing units count as found when a unit of that kind
starts there; a pair (proposal + reply on one page, joined in page order by
``devtools.corpus.load_reply_pages``) is split correctly when every proposal unit lies in the proposal's text
and every reply unit in the reply's.

A gold unit is *found* when a parsed unit starts within ``TOL`` (3) characters of the gold start;
*kind-aware* also asks the parsed kind to equal the gold kind (gold ``section-heading`` →
``section``, ``next-steps-intro`` → ``next-step``). *Spurious*: a parsed unit of the evaluated kinds
(problem/suggestion for the Jiangsu proposals; every reply unit for the replies) whose start is not
within ``TOL`` characters of any gold unit start of that document; the rate is over parsed units of those
kinds. ``--teddy`` scores the 60 sampled Teddy Cup replies of ``devtools/data/teddy_reply_units.json``
(development text, see ``devtools.teddy_units``; ``--teddy held-out``: 30 more, marked after the rules were
written; ``--teddy held-out-2`` ... ``held-out-14``: 30 more each, marked before
the next round of rules; ``--details`` lists errors of the parts rules were read on, every part not in
``UNSEEN_TEDDY``)
with the reply-page definitions, and
says how many openings and closings are found as such and how many replies ``parse`` did not take for a reply.
``--agreement`` scores each second, blind marking of a held-out part (``devtools/data/teddy_reply_units_second.json``,
marker B: held-out-5, held-out-8 and held-out-11) against the main file's (marker A) and A against B with the same
measure, counts their disagreements (``--details``: lists them), and scores the parser against each.
``--jiangsu-fresh A|B|C|D`` scores the 80 sampled Jiangsu proposals without shared gold
(``devtools/data/jiangsu_fresh_units.json``, see ``devtools.jiangsu_fresh``; A: development, B: read in the second
round, C: held out in the second, D: held out in the third, and ``--details`` lists errors of the parts read only):
the answer-bearing units (suggestions, what ``match`` links) found when a parsed suggestion starts within ``TOL``
characters of a marked one, spurious when a parsed suggestion starts near no marked suggestion; the problem/suggestion
figure of the gold line (any parsed unit near a marked one; spurious: near no marked unit of any kind); each
document's count of suggestions against the reader's, and how many marked sub-points (children) came out as
suggestions; problems and background found as such.
``--jiangsu-fresh A --agreement`` scores the second, blind marking of part A
(``devtools/data/jiangsu_fresh_units_second.json``, marker B) against the first (marker A) and A against B with that
measure (suggestions found and spurious, counts equal per proposal, sub-points found as sub-points), counts their
disagreements (``--details``: lists them, ids and offsets only), and scores the parser against each.
``--big`` also times
~10 MB texts and reports their peak memory (traced by tracemalloc, in a second run, beyond the input string
itself).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.annotate import is_test_document
from devtools.corpus import (
    GOLD_KIND_MAP,
    GoldDocument,
    jiangsu_proposals,
    load_jiangsu_gold,
    load_reference,
    load_reply_gold,
    load_reply_page_gold,
    load_reply_pages,
)
from devtools.teddy_units import UnitCounts
from proposalnlp.document import Document, parse

TOL = 3
#: Held-out Teddy parts whose errors must not be read yet (``--details`` prints none for them); empty since session
#: s16-agree read held-out-11's errors after measuring its markers' agreement: a new part goes here until it is read
#: (held-out-14, marked before the rules of session s17-teddy2; held-out-13 read in that session).
UNSEEN_TEDDY: tuple[str, ...] = ("held-out-14",)
#: Fresh Jiangsu parts whose errors must not be read (``--details`` prints none): part D is held out (B was read in
#: session s18-js2, after C was marked; C in session s18-js3, after D was marked).
UNSEEN_FRESH: tuple[str, ...] = ("D",)


@dataclass
class Score(UnitCounts):
    """Counts over a set of documents, with the misses and extras listed by ``--details``."""

    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (
            f"{name}: gold {self.gold}, recall {self.recall:.3f} (kind-aware {self.recall_kind:.3f}), "
            f"predicted {self.predicted}, spurious {self.spurious} ({self.spurious_rate:.3f})"
        )


def _snip(text: str, pos: int) -> str:
    return repr(text[max(0, pos - 8) : pos]) + " | " + repr(text[pos : pos + 24])


def score_document(
    gd: GoldDocument, doc: Document, gold_kinds: set[str], pred_kinds: set[str] | None, score: Score
) -> None:
    """Add one document's counts to ``score`` (``pred_kinds`` None: every predicted unit of the gold part)."""
    gold = [g for g in gd.units if g.kind in gold_kinds]
    part = gd.units[0].part if gd.units else "proposal"
    starts = [u.start for u in doc.units]
    for g in gold:
        near = [u for u in doc.units if abs(u.start - g.start) <= TOL]
        score.gold += 1
        want = GOLD_KIND_MAP.get(g.kind, g.kind)
        if near:
            score.found += 1
        if any(u.kind == want and u.part == g.part for u in near):
            score.found_kind += 1
        else:
            got = ",".join(f"{u.kind}/{u.part}" for u in near) or "-"
            score.misses.append(f"{gd.id[:14]} {g.kind:<11} got {got:<16} {_snip(gd.text, g.start)}")
    all_gold = [g.start for g in gd.units]
    for u in doc.units:
        if pred_kinds is None and u.part != part:
            continue
        if pred_kinds is not None and u.kind not in pred_kinds:
            continue
        score.predicted += 1
        if not any(abs(u.start - s) <= TOL for s in all_gold):
            score.spurious += 1
            score.extras.append(f"{gd.id[:14]} {u.kind:<11} {u.id:<7} {_snip(gd.text, u.start)}")
    del starts


ANSWER_KINDS = {"section", "item", "next-step"}


@dataclass
class PageScore:
    """Reply-page figures: answer units (section/item/next-step), header and closing units, pair splits."""

    answers: Score = field(default_factory=Score)
    frame_gold: int = 0
    frame_found: int = 0
    frame_misses: list[str] = field(default_factory=list)
    pairs: int = 0
    pairs_split: int = 0
    pair_failures: list[str] = field(default_factory=list)
    documents: int = 0

    @property
    def frame_recall(self) -> float:
        return self.frame_found / self.frame_gold if self.frame_gold else 1.0

    def line(self, name: str) -> str:
        a = self.answers
        return (
            f"{name}: {self.documents} pages; answer units: gold {a.gold}, found {a.recall:.3f} "
            f"(kind-aware {a.recall_kind:.3f}), predicted {a.predicted}, spurious {a.spurious} "
            f"({a.spurious_rate:.3f}); header/closing found as such {self.frame_found}/{self.frame_gold} "
            f"({self.frame_recall:.3f}); pairs split {self.pairs_split}/{self.pairs}"
        )


def score_reply_page(gd: GoldDocument, doc: Document, ps: PageScore) -> None:
    """Add one reply page's counts: answer units found among parsed answer units, header and closing kinds."""
    a = ps.answers
    ps.documents += 1
    gold_answers = [g for g in gd.units if g.kind in ANSWER_KINDS]
    answers = [u for u in doc.units if u.part == "reply" and u.kind in ANSWER_KINDS]
    for g in gold_answers:
        a.gold += 1
        near = [u for u in answers if abs(u.start - g.start) <= TOL]
        if near:
            a.found += 1
        if any(u.kind == g.kind for u in near):
            a.found_kind += 1
        if not near or not any(u.kind == g.kind for u in near):
            got = ",".join(f"{u.kind}/{u.part}" for u in doc.units if abs(u.start - g.start) <= TOL) or "-"
            a.misses.append(f"{gd.id:<9} {g.kind:<10} got {got:<16} {_snip(gd.text, g.start)}")
    for u in answers:
        a.predicted += 1
        if not any(abs(u.start - g.start) <= TOL for g in gold_answers):
            a.spurious += 1
            a.extras.append(f"{gd.id:<9} {u.kind:<10} {u.id:<6} {_snip(gd.text, u.start)}")
    for g in gd.units:
        if g.kind not in ("header", "closing"):
            continue
        ps.frame_gold += 1
        if any(u.kind == g.kind and abs(u.start - g.start) <= TOL for u in doc.units):
            ps.frame_found += 1
        else:
            got = ",".join(f"{u.kind}" for u in doc.units if abs(u.start - g.start) <= TOL) or "-"
            ps.frame_misses.append(f"{gd.id:<9} {g.kind:<10} got {got:<10} {_snip(gd.text, g.start)}")


def measure_pages(root: Path | None = None, split: str = "dev") -> PageScore:
    """Reply-page figures on the development pages (``split="dev"``) or the held-out ones (``"test"``)."""
    want_test = split == "test"
    ps = PageScore()
    for gd in load_reply_page_gold(root):
        if gd.id.endswith("-proposal") or is_test_document(gd.id) != want_test:
            continue
        score_reply_page(gd, parse(gd.text), ps)
    for page in load_reply_pages(root):
        if page.kind != "pair" or is_test_document(page.id) != want_test:
            continue
        ps.pairs += 1
        doc = parse(page.text)
        (p0, p1), (r0, r1) = page.proposal_span, page.reply_span
        prop = [u for u in doc.units if u.part == "proposal"]
        rep = [u for u in doc.units if u.part == "reply"]
        ok = bool(prop and rep)
        ok = ok and all(p0 - TOL <= u.start and u.end <= p1 + TOL for u in prop)
        ok = ok and all(r0 - TOL <= u.start and u.end <= r1 + TOL for u in rep)
        if ok:
            ps.pairs_split += 1
        else:
            where = [(u.id, u.kind, u.start) for u in doc.units]
            ps.pair_failures.append(f"{page.id}: proposal {page.proposal_span} reply {page.reply_span} {where}")
    return ps


@dataclass
class TeddyScore:
    """Teddy-reply figures: the reply-page ones, openings and closings found as such, replies not seen as replies."""

    pages: PageScore = field(default_factory=PageScore)
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [gold, found as such]
    not_reply: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def line(self, name: str = "teddy replies") -> str:
        kinds = ", ".join(
            f"{k} {f}/{g}" for k, (g, f) in sorted(self.kinds.items()) if k in ("opening", "closing", "header")
        )
        return self.pages.line(name) + f"; found as such: {kinds}; not parsed as a reply: {len(self.not_reply)}"


def measure_teddy(
    root: Path | None = None,
    split: str = "dev",
    path: Path | None = None,
    segment: Callable[[str], Document] = parse,
) -> TeddyScore:
    """The parser on the hand-marked units of sampled Teddy replies: the 60 development ones (rules were read on
    them) or 30 held-out ones (``split="held-out"``, ``"held-out-2"`` ... ``"held-out-14"``); ``path``: another
    marking of the same replies (``devtools.teddy_units.TEDDY_SECOND_FILE``) instead of the main file; ``segment``:
    another segmenter than ``parse`` scored the same way (``scripts/eval_segmenter.py``)."""
    from devtools.teddy_units import load_teddy_reply_units

    ts = TeddyScore()
    for gd in load_teddy_reply_units(root, path, split=split):
        doc = segment(gd.text)
        if not doc.reply:
            ts.not_reply.append(gd.id)
        score_reply_page(gd, doc, ts.pages)
        for g in gd.units:
            row = ts.kinds.setdefault(g.kind, [0, 0])
            row[0] += 1
            if any(u.kind == g.kind and u.part == "reply" and abs(u.start - g.start) <= TOL for u in doc.units):
                row[1] += 1
            elif g.kind == "opening":
                got = ",".join(u.kind for u in doc.units if abs(u.start - g.start) <= TOL) or "-"
                ts.misses.append(f"{gd.id:<13} opening    got {got:<10} {_snip(gd.text, g.start)}")
    return ts


@dataclass
class FreshScore:
    """Figures on the fresh Jiangsu sample: suggestions (answer-bearing) found and spurious, the gold line's
    problem/suggestion figure, suggestion counts per document, sub-points taken for suggestions, problems and
    background found as such, sub-points found as children."""

    suggestions: Score = field(default_factory=Score)
    units: Score = field(default_factory=Score)
    documents: int = 0
    count_equal: int = 0
    count_diffs: list[tuple[str, int, int]] = field(default_factory=list)  # (id, reader's, parsed) where they differ
    points_gold: int = 0
    points_as_suggestions: int = 0
    points_as_children: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # problem/background -> [gold, found as such]
    misses: list[str] = field(default_factory=list)

    def lines(self, name: str) -> list[str]:
        s, u = self.suggestions, self.units
        kinds = ", ".join(f"{k} {f}/{g}" for k, (g, f) in sorted(self.kinds.items()))
        off = sum(abs(a - b) for _i, a, b in self.count_diffs)
        return [
            f"{name}: {self.documents} proposals; suggestions (answer-bearing): marked {s.gold}, found {s.found} "
            f"({s.recall:.3f}), parsed {s.predicted}, spurious {s.spurious} ({s.spurious_rate:.3f})",
            u.line(f"{name}: problem/suggestion units (as the gold line)"),
            f"{name}: suggestion count equal to the reader's in {self.count_equal}/{self.documents} proposals "
            f"(off by {off} in all); nested sub-points marked {self.points_gold}: parsed as suggestions "
            f"{self.points_as_suggestions}, found as children {self.points_as_children}; found as such: {kinds}",
        ]


def score_fresh(fd: Any, doc: Document, fs: FreshScore) -> None:
    """Add one fresh proposal's counts (``fd``: a ``devtools.jiangsu_fresh.FreshDocument``)."""
    fs.documents += 1
    gold_sugg = fd.starts("suggestion")
    all_gold = fd.starts()
    sugg = [u for u in doc.units if u.part == "proposal" and u.kind == "suggestion"]
    s = fs.suggestions
    for g in gold_sugg:
        s.gold += 1
        if any(abs(u.start - g) <= TOL for u in sugg):
            s.found += 1
            s.found_kind += 1
        else:
            got = ",".join(u.kind for u in doc.units if abs(u.start - g) <= TOL) or "-"
            s.misses.append(f"{fd.id[:10]} {g:>5} suggestion got {got:<12} {_snip(fd.text, g)}")
    for u in sugg:
        s.predicted += 1
        if not any(abs(u.start - g) <= TOL for g in gold_sugg):
            s.spurious += 1
            near = [x.kind for x in fd.units if abs(x.start - u.start) <= TOL]
            child = any(abs(c - u.start) <= TOL for x in fd.units for c in x.children)
            why = "sub-point" if child else (near[0] if near else "-")
            s.extras.append(f"{fd.id[:10]} {u.start:>5} {u.id:<6} marked {why:<10} {_snip(fd.text, u.start)}")
    sc = fs.units
    evaluated = [x for x in fd.units if x.kind in ("problem", "suggestion")]
    for x in evaluated:
        sc.gold += 1
        near = [u for u in doc.units if abs(u.start - x.start) <= TOL]
        sc.found += bool(near)
        sc.found_kind += any(u.kind == x.kind for u in near)
    for u in doc.units:
        if u.part == "proposal" and u.kind in ("problem", "suggestion"):
            sc.predicted += 1
            sc.spurious += not any(abs(u.start - g) <= TOL for g in all_gold)
    if len(gold_sugg) == len(sugg):
        fs.count_equal += 1
    else:
        fs.count_diffs.append((fd.id, len(gold_sugg), len(sugg)))
    children = [c.start for u in sugg for c in u.children]
    for x in fd.units:
        for c in x.children:
            fs.points_gold += 1
            fs.points_as_suggestions += any(abs(u.start - c) <= TOL for u in sugg)
            fs.points_as_children += any(abs(cc - c) <= TOL for cc in children)
    for x in fd.units:
        if x.kind not in ("problem", "background"):
            continue
        row = fs.kinds.setdefault(x.kind, [0, 0])
        row[0] += 1
        if any(u.kind == x.kind and abs(u.start - x.start) <= TOL for u in doc.units):
            row[1] += 1
        else:
            got = ",".join(u.kind for u in doc.units if abs(u.start - x.start) <= TOL) or "-"
            fs.misses.append(f"{fd.id[:10]} {x.start:>5} {x.kind:<10} got {got:<12} {_snip(fd.text, x.start)}")


def measure_jiangsu_fresh(part: str = "A", root: Path | None = None, path: Path | None = None) -> FreshScore:
    """The parser on the marked units of the fresh Jiangsu sample: part ``"A"`` (development), ``"B"`` (read in the
    second round) or ``"C"`` (held out); ``path``: another marking file (the second marking of part A)."""
    from devtools.jiangsu_fresh import load_jiangsu_fresh

    fs = FreshScore()
    for fd in load_jiangsu_fresh(part, root, path):
        score_fresh(fd, parse(fd.text), fs)
    return fs


def measure(root: Path | None = None) -> dict[str, Any]:
    """Every figure: reference, Jiangsu, replies, and the parse-all checks."""
    ref = load_reference(root)
    ref_doc = parse(ref.text)
    ref_score = Score()
    score_document(ref, ref_doc, {g.kind for g in ref.units}, None, ref_score)
    js = Score()
    for gd in load_jiangsu_gold(root):
        score_document(gd, parse(gd.text), {"problem", "suggestion"}, {"problem", "suggestion"}, js)
    rp = Score()
    for gd in load_reply_gold(root):
        score_document(gd, parse(gd.text), {g.kind for g in gd.units}, None, rp)
    failures = []
    rows = jiangsu_proposals(root)
    t0 = time.perf_counter()
    for r in rows:
        try:
            parse(r["text"])
        except Exception as exc:
            failures.append(f"{r['id']}: {exc!r}")
    t_all = time.perf_counter() - t0
    return {
        "reference": ref_score,
        "jiangsu": js,
        "replies": rp,
        "failures": failures,
        "n_jiangsu": len(rows),
        "jiangsu_seconds": t_all,
    }


def _big_texts(mb: float, root: Path | None) -> dict[str, str]:
    ref = load_reference(root).text
    rows = jiangsu_proposals(root)
    chunks = {
        # real documents one after another: multi-line reference, one-line Jiangsu proposals
        "real documents": ref + "\n" + "".join("提案内容:\n" + r["text"] + "\n" for r in rows[:40]),
        # worst case seen: a one-line text whose paragraphs (double spaces) are all units
        "many tiny paragraphs": "调研情况：" + "文字内容很多。  " * 1000,
    }
    out = {}
    for name, chunk in chunks.items():
        reps = max(1, int(mb * 1_000_000 / len(chunk.encode("utf-8"))) + 1)
        out[name] = chunk * reps
    return out


def big_input(mb: float = 10.0, root: Path | None = None) -> list[tuple[str, float, int, float, float]]:
    """Parse ~``mb`` MB texts: (name, MB, units, seconds, peak traced MB), timed without tracing."""
    results = []
    for name, text in _big_texts(mb, root).items():
        t0 = time.perf_counter()
        doc = parse(text)
        dt = time.perf_counter() - t0
        n_units = len(doc.units)
        del doc
        tracemalloc.start()
        parse(text)
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results.append((name, len(text.encode("utf-8")) / 1e6, n_units, dt, peak / 1e6))
    return results


def agreement(details: bool = False) -> None:
    """Print, for each held-out part marked twice, how far the two markings agree and the parser's figures against
    each."""
    from devtools.teddy_units import (
        TEDDY_SECOND_FILE,
        load_teddy_reply_units,
        mark_agreement,
        marks_of,
        second_marked_splits,
    )

    for split in second_marked_splits():
        first = load_teddy_reply_units(split=split)
        second = load_teddy_reply_units(None, TEDDY_SECOND_FILE, split=split)
        ag = mark_agreement(marks_of(first), marks_of(second))
        for line in ag.lines():
            print(f"{split}: {line}")
        if details:
            for d in ag.disagreements:
                print(f"   DIFF {d.rid:<8} {d.start:>5} A {d.kind_a or '-':<10} B {d.kind_b or '-'}")
        print(measure_teddy(split=split).line(f"parser against A ({split})"))
        print(measure_teddy(split=split, path=TEDDY_SECOND_FILE).line(f"parser against B ({split})"))


def fresh_agreement_report(part: str, details: bool = False, root: Path | None = None) -> list[str]:
    """The lines of ``--jiangsu-fresh PART --agreement``: the two markings of a fresh part scored against each other
    (and, with ``details``, their disagreements by id and offset), then the parser against each."""
    from devtools.jiangsu_fresh import FRESH_SECOND_FILE, fresh_agreement, load_jiangsu_fresh

    first = load_jiangsu_fresh(part, root)
    second = load_jiangsu_fresh(part, root, FRESH_SECOND_FILE)
    ag = fresh_agreement(first, second)
    out = [f"jiangsu fresh ({part}): {line}" for line in ag.lines()]
    if details:
        for d in ag.disagreements:
            out.append(f"   DIFF {d.id[:10]} {d.start:>5} A {d.kind_a or '-':<10} B {d.kind_b or '-'}")
        for pid, na, nb in ag.count_diffs:
            out.append(f"   COUNT {pid[:10]} A {na} B {nb}")
    for name, path in (("A", None), ("B", FRESH_SECOND_FILE)):
        out.append(measure_jiangsu_fresh(part, root, path).lines(f"parser against {name} ({part})")[0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list misses and spurious units")
    ap.add_argument("--big", action="store_true", help="also time a 10 MB input")
    ap.add_argument("--pages", choices=["dev", "test", "both"], help="reply-page figures only (test: held-out)")
    ap.add_argument(
        "--teddy",
        nargs="?",
        const="dev",
        choices=["dev", "held-out", *(f"held-out-{k}" for k in range(2, 15)), "both"],
        help=(
            "figures on the hand-marked Teddy replies only (dev: 60, the rules were read on them; held-out and"
            " held-out-2 ... held-out-14: 30 each; both: dev and held-out)"
        ),
    )
    ap.add_argument(
        "--agreement",
        action="store_true",
        help=(
            "two markers of a held-out part scored against each other, and the parser against each (with"
            " --jiangsu-fresh A: the two markings of fresh part A)"
        ),
    )
    ap.add_argument(
        "--jiangsu-fresh",
        choices=["A", "B", "C", "D"],
        help=(
            "figures on the 80 sampled Jiangsu proposals without shared gold (A: development, B: read in the second"
            " round, C: held out in the second, D: held out in the third)"
        ),
    )
    args = ap.parse_args()
    if args.jiangsu_fresh and args.agreement:
        for line in fresh_agreement_report(args.jiangsu_fresh, args.details):
            print(line)
        return
    if args.jiangsu_fresh:
        fs = measure_jiangsu_fresh(args.jiangsu_fresh)
        for line in fs.lines(f"jiangsu fresh ({args.jiangsu_fresh})"):
            print(line)
        if args.details and args.jiangsu_fresh in UNSEEN_FRESH:
            print("   (no per-proposal detail for the held-out part: its errors must not guide the rules)")
        elif args.details:
            for m in fs.suggestions.misses:
                print("   MISS ", m)
            for x in fs.suggestions.extras:
                print("   EXTRA", x)
            for m in fs.misses:
                print("   KIND ", m)
            for pid, want, got in fs.count_diffs:
                print(f"   COUNT {pid[:10]} reader {want} parsed {got}")
        return
    if args.agreement:
        agreement(args.details)
        return
    if args.teddy == "both":
        for split in ("dev", "held-out"):
            print(measure_teddy(split=split).line(f"teddy replies ({split})"))
        return
    if args.teddy:
        ts = measure_teddy(split=args.teddy)
        print(ts.line(f"teddy replies ({args.teddy})"))
        if args.details and args.teddy in UNSEEN_TEDDY:
            print("   (no per-reply detail for the held-out replies: their errors must not guide the rules)")
        elif args.details:
            for m in ts.pages.answers.misses:
                print("   MISS ", m)
            for x in ts.pages.answers.extras:
                print("   EXTRA", x)
            for m in ts.pages.frame_misses + ts.misses:
                print("   FRAME", m)
            for r in ts.not_reply:
                print("   NOT A REPLY", r)
        return
    if args.pages:
        for split in ("dev", "test") if args.pages == "both" else (args.pages,):
            ps = measure_pages(split=split)
            print(ps.line(f"reply pages ({split})"))
            if args.details and split == "test":
                print("   (no per-page detail for the held-out pages: their errors must not guide the rules)")
            elif args.details:
                for m in ps.answers.misses:
                    print("   MISS ", m)
                for x in ps.answers.extras:
                    print("   EXTRA", x)
                for m in ps.frame_misses:
                    print("   FRAME", m)
                for f in ps.pair_failures:
                    print("   PAIR ", f)
        return
    res = measure()
    for name in ("reference", "jiangsu", "replies"):
        sc: Score = res[name]
        print(sc.line(name))
        if args.details:
            for m in sc.misses:
                print("   MISS ", m)
            for x in sc.extras:
                print("   EXTRA", x)
    print(
        f"parsed {res['n_jiangsu'] - len(res['failures'])}/{res['n_jiangsu']} Jiangsu proposals without error "
        f"in {res['jiangsu_seconds']:.2f} s"
    )
    for f in res["failures"]:
        print("   FAIL", f)
    if args.big:
        for name, mb, n_units, dt, peak in big_input():
            print(f"big input ({name}): {mb:.1f} MB, {n_units} units, {dt:.2f} s, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
