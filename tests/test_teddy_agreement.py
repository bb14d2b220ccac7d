"""Agreement of two markers on the Teddy reply units (issue 14): ``devtools.teddy_units.mark_agreement`` scores one
marking against another with the measure of ``scripts/eval_parse.py --teddy`` and lists where they differ. The
marks below are invented (ids, offsets and kinds only); the second markings of held_out_11, held_out_8 and
held_out_5 are checked against the replies of ../shared in place, with floors under their measured agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.teddy_units import (
    TEDDY_SECOND_FILE,
    TEDDY_SPLITS,
    Disagreement,
    load_teddy_reply_units,
    mark_agreement,
    marks_of,
    second_marked_splits,
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


#: Floors under the measured agreement of each part marked twice (devtools.teddy_units): (split, units with the same
#: start and kind / A's units >=, answer units found kind-aware both ways >=, spurious both ways <=)
AGREEMENT_FLOORS = [
    ("held-out-11", 0.95, 0.95, 0.05),  # 107 of 107 units; 1.000 / 0.000 both ways
    ("held-out-8", 0.93, 0.90, 0.10),  # 110 of 115 after adjudication; 0.914 / 0.000 and 1.000 / 0.086
    ("held-out-5", 0.95, 0.95, 0.05),  # 147 of 148 after adjudication; 0.988 / 0.012 both ways
]


def test_the_second_markings_are_the_held_out_parts_marked_twice() -> None:
    data = json.loads(TEDDY_SECOND_FILE.read_text(encoding="utf-8"))
    for key in ("held_out_11", "held_out_8", "held_out_5"):
        for entries in data[key]["units"].values():
            assert all(isinstance(s, int) and isinstance(k, str) for s, k in entries)
    assert second_marked_splits() == sorted((f for f, *_ in AGREEMENT_FLOORS), key=TEDDY_SPLITS.index)


@pytest.mark.parametrize(("split", "same", "found", "spurious"), AGREEMENT_FLOORS)
def test_two_markings_of_a_held_out_part_agree(
    shared: Path, split: str, same: float, found: float, spurious: float
) -> None:
    first = load_teddy_reply_units(shared, split=split)
    second = load_teddy_reply_units(shared, TEDDY_SECOND_FILE, split=split)
    assert [d.id for d in second] == [d.id for d in first] and len(second) == 30
    ag = mark_agreement(marks_of(first), marks_of(second))
    # marks amended in one file and not the other, or a marking that drifts from the written conventions, shows here
    assert ag.units_a >= 90 and ag.agreed >= same * ag.units_a, ag.lines()
    for sc in (ag.b_against_a, ag.a_against_b):
        assert sc.recall_kind >= found and sc.spurious_rate <= spurious, ag.lines()
