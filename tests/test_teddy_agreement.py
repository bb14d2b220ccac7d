"""Agreement of two markers on the Teddy reply units (issue 14): ``devtools.teddy_units.mark_agreement`` scores one
marking against another with the measure of ``scripts/eval_parse.py --teddy`` and lists where they differ. The
marks below are invented (ids, offsets and kinds only); the second marking of held_out_11 is checked against the
replies of ../shared in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.teddy_units import (
    TEDDY_SECOND_FILE,
    Disagreement,
    load_teddy_reply_units,
    mark_agreement,
    marks_of,
)

A = {
    "r1": [(0, "opening"), (20, "item"), (80, "item"), (140, "closing")],
    "r2": [(0, "opening"), (15, "section"), (60, "section"), (110, "next-step"), (150, "closing")],
}


def test_a_marking_agrees_with_itself() -> None:
    ag = mark_agreement(A, A)
    assert ag.disagreements == []
    assert ag.agreed == ag.units_a == ag.units_b == 9
    for sc in (ag.b_against_a, ag.a_against_b):
        assert (sc.gold, sc.found, sc.found_kind, sc.spurious) == (5, 5, 5, 0)
        assert sc.kinds == {"opening": [2, 2], "closing": [2, 2]}


def test_two_markings_are_scored_both_ways_within_three_characters() -> None:
    b = {
        # r1: a second paragraph not an item (one fewer); the phone sentence taken for the closing's start
        "r1": [(0, "opening"), (22, "item"), (120, "closing")],
        # r2: 下一步 read as a section 2 characters off; a section 5 characters off (not the same start)
        "r2": [(0, "opening"), (15, "section"), (65, "section"), (112, "section"), (150, "closing")],
    }
    ag = mark_agreement(A, b)
    ba, ab = ag.b_against_a, ag.a_against_b
    # B against A: of A's 5 answer units B starts 3 within 3 characters (20~22, 15, 110~112), 2 of the same kind;
    # of B's 4 answer units 1 (65) starts near no answer unit of A
    assert (ba.gold, ba.found, ba.found_kind, ba.predicted, ba.spurious) == (5, 3, 2, 4, 1)
    assert ba.kinds == {"opening": [2, 2], "closing": [2, 1]}
    # A against B: of B's 4 answer units A starts 3 near; of A's 5, 2 (80, 60) start near none of B's
    assert (ab.gold, ab.found, ab.found_kind, ab.predicted, ab.spurious) == (4, 3, 2, 5, 2)
    assert ab.kinds == {"opening": [2, 2], "closing": [2, 1]}
    assert ag.disagreements == [
        Disagreement("r1", 80, "item", None),
        Disagreement("r1", 120, None, "closing"),
        Disagreement("r1", 140, "closing", None),
        Disagreement("r2", 60, "section", None),
        Disagreement("r2", 65, None, "section"),
        Disagreement("r2", 110, "next-step", "section"),
    ]
    assert ag.agreed == 9 - 4
    assert any("disagreements 6" in line for line in ag.lines())


def test_markings_of_different_replies_are_refused() -> None:
    with pytest.raises(ValueError, match="different replies"):
        mark_agreement(A, {"r1": A["r1"]})


def test_the_second_marking_fits_held_out_11(shared: Path) -> None:
    data = json.loads(TEDDY_SECOND_FILE.read_text(encoding="utf-8"))
    for entries in data["held_out_11"]["units"].values():
        assert all(isinstance(s, int) and isinstance(k, str) for s, k in entries)
    first = load_teddy_reply_units(shared, split="held-out-11")
    second = load_teddy_reply_units(shared, TEDDY_SECOND_FILE, split="held-out-11")
    assert [d.id for d in second] == [d.id for d in first] and len(second) == 30
    ag = mark_agreement(marks_of(first), marks_of(second))
    # floors under the measured agreement (107 of 107 units, devtools.teddy_units): marks amended in one file and
    # not the other, or a marking that drifts from the written conventions, shows here
    assert ag.units_a >= 90 and ag.agreed >= 0.95 * ag.units_a, ag.lines()
    for sc in (ag.b_against_a, ag.a_against_b):
        assert sc.recall_kind >= 0.95 and sc.spurious_rate <= 0.05, ag.lines()
