"""The fresh Jiangsu unit gold (devtools/data/jiangsu_fresh_units.json, issue 14): 80 of the 281 proposals without
shared gold, seed 2042, each part marked before parse() was run on it; the file fits the texts of ../shared and parse()
keeps floors on every part.

Figures (scripts/eval_parse.py --jiangsu-fresh A|B|C|D). First round (session s18-jsparse, rules read on part A's
errors, tests/test_proposal_lead_rules.py), first run -> after:

- part A (20, development): suggestions found 72/75 = 0.960 -> 0.960, spurious 8/80 = 0.100 -> 5/77 = 0.065, the
  reader's count of suggestions met in 15 -> 17/20 proposals, marked sub-points parsed as suggestions 0 -> 0, found as
  children 0 -> 11/17, problems found as such 51/53, background 22/23;
- part B (20, held out in that round): suggestions found 71/75 = 0.947 -> 0.947, spurious 10/81 = 0.123 -> 8/79 =
  0.101, counts met 14 -> 16/20, sub-points parsed as suggestions 0 -> 0, found as children 10 -> 46/47, problems
  46/63, background 30/32.

Second round (session s18-js2: part C marked first, then rules read on part B's errors,
tests/test_proposal_list_rules.py), before -> after:

- part A: sub-points found as children 11 -> 14/17, the rest unchanged;
- part B (tuned from this round on): suggestions found 71 -> 74/75 = 0.987, spurious 8/79 -> 4/78 = 0.051, counts met
  16 -> 16/20 (off by 6 -> 5), problems 46 -> 49/63, background 30 -> 31/32;
- part C (20, held out, measured once before and once after; its errors not read): suggestions found 89/91 = 0.978,
  spurious 3/92 = 0.033, counts met 15/20, sub-points 0 as suggestions and 51/54 as children, problems 63/68,
  background 21/24, the same before and after.

Third round (session s18-js3: part D marked first, blind, then rules read on part C's errors,
tests/test_proposal_announce_rules.py), before -> after:

- parts A and B: unchanged;
- part C (tuned from this round on): suggestions found 89/91 = 0.978, spurious 3/92 -> 1/90 = 0.011, counts met
  15 -> 17/20 (off by 5 -> 3), the rest unchanged;
- part D (20, held out, measured once before and once after; its errors not read): suggestions found 79/82 = 0.963,
  spurious 9/88 = 0.102 -> 8/87 = 0.092, counts met 15 -> 16/20 (off by 8 -> 7), marked sub-points 34: 4 parsed as
  suggestions, 30 found as children, problems 53/56, background 21/22.

The floors are the figures after the rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from devtools.evaluation import load_script
from devtools.jiangsu_fresh import FRESH_UNITS_FILE, jiangsu_fresh_ids, load_jiangsu_fresh


def _eval_module() -> ModuleType:
    return load_script("eval_parse")


@pytest.fixture(scope="module")
def part_a(shared: Path) -> Any:
    return _eval_module().measure_jiangsu_fresh("A", shared)


@pytest.fixture(scope="module")
def part_b(shared: Path) -> Any:
    return _eval_module().measure_jiangsu_fresh("B", shared)


@pytest.fixture(scope="module")
def part_c(shared: Path) -> Any:
    return _eval_module().measure_jiangsu_fresh("C", shared)


@pytest.fixture(scope="module")
def part_d(shared: Path) -> Any:
    return _eval_module().measure_jiangsu_fresh("D", shared)


def test_the_file_is_the_seeded_sample_and_holds_no_text(shared: Path) -> None:
    data = json.loads(FRESH_UNITS_FILE.read_text(encoding="utf-8"))
    ids = jiangsu_fresh_ids(shared)
    assert len(ids) == len(set(ids)) == 80
    assert ids[:60] == jiangsu_fresh_ids(shared, 60)  # parts C and D extend the sample, earlier parts stay as marked
    assert ids[:40] == jiangsu_fresh_ids(shared, 40)
    parts = ("part_a", "part_b", "part_c", "part_d")
    assert [pid for part in parts for pid in data[part]["units"]] == ids
    for part in parts:
        for entries in data[part]["units"].values():
            for entry in entries:
                assert isinstance(entry[0], int) and isinstance(entry[1], str) and len(entry[1]) <= 10
                assert all(isinstance(c, int) for c in (entry[2] if len(entry) > 2 else []))
    a, b, c, d = (load_jiangsu_fresh(p, shared) for p in "ABCD")
    assert len(a) == len(b) == len(c) == len(d) == 20
    assert sum(len(doc.starts("suggestion")) for doc in a + b) == 150
    assert sum(len(doc.starts("suggestion")) for doc in c) == 91
    assert sum(len(doc.starts("suggestion")) for doc in d) == 82


def test_a_mark_that_does_not_fit_the_text_is_refused(shared: Path, tmp_path: Path) -> None:
    data = json.loads(FRESH_UNITS_FILE.read_text(encoding="utf-8"))
    first = next(iter(data["part_a"]["units"]))
    data["part_a"]["units"][first][1][1] = "heading"
    bad = tmp_path / "units.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        load_jiangsu_fresh("A", shared, bad)
    with pytest.raises(ValueError, match="part must be"):
        load_jiangsu_fresh("E", shared)


def test_part_a_floors(part_a: Any) -> None:
    s = part_a.suggestions
    assert s.gold == 75
    assert s.found >= 72, s.misses
    assert s.spurious <= 5 and s.spurious_rate <= 0.066, s.extras
    assert part_a.count_equal >= 17, part_a.count_diffs
    assert part_a.points_gold == 17 and part_a.points_as_suggestions == 0
    assert part_a.points_as_children >= 14
    assert part_a.kinds["problem"][1] >= 51 and part_a.kinds["background"][1] >= 22, part_a.misses


def test_part_b_floors(part_b: Any) -> None:
    # read in the second round (its errors guided the rules of tests/test_proposal_list_rules.py)
    s = part_b.suggestions
    assert s.gold == 75
    assert s.found >= 74, s.misses
    assert s.spurious <= 4 and s.spurious_rate <= 0.052, s.extras
    assert part_b.count_equal >= 16, part_b.count_diffs
    assert part_b.points_gold == 47 and part_b.points_as_suggestions == 0
    assert part_b.points_as_children >= 46
    assert part_b.kinds["problem"][1] >= 49 and part_b.kinds["background"][1] >= 31, part_b.misses


def test_part_c_floors(part_c: Any) -> None:
    # held out in the second round, read in the third (its errors guided tests/test_proposal_announce_rules.py)
    s = part_c.suggestions
    assert s.gold == 91
    assert s.found >= 89, s.misses
    assert s.spurious <= 1 and s.spurious_rate <= 0.012, s.extras
    assert part_c.count_equal >= 17, part_c.count_diffs
    assert part_c.points_gold == 54 and part_c.points_as_suggestions == 0
    assert part_c.points_as_children >= 51
    assert part_c.kinds["problem"][1] >= 63 and part_c.kinds["background"][1] >= 21


def test_part_d_floors(part_d: Any) -> None:
    # held out in the third round: the figures are asserted, its errors are not printed
    s = part_d.suggestions
    assert s.gold == 82
    assert s.found >= 79
    assert s.spurious <= 8 and s.spurious_rate <= 0.092
    assert part_d.count_equal >= 16
    assert part_d.points_gold == 34 and part_d.points_as_suggestions <= 4
    assert part_d.points_as_children >= 30
    assert part_d.kinds["problem"][1] >= 53 and part_d.kinds["background"][1] >= 21
