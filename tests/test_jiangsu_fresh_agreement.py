"""Agreement of two markers on the fresh Jiangsu unit gold (issue 14): ``devtools.jiangsu_fresh.fresh_agreement``
scores one marking of the sampled proposals against another with the measure of ``scripts/eval_parse.py
--jiangsu-fresh`` (a start within 3 characters) and lists where they differ. The marks below are invented (ids,
offsets and kinds only); the second, blind marking of part A (``devtools/data/jiangsu_fresh_units_second.json``,
marker B, session s18-jsagree) is checked against the proposals of ../shared in place, with floors under its
measured agreement with the first (marker A, session s18-jsparse):

- suggestions: B against A found 74/75 = 0.987, spurious 1/75 = 0.013; A against B the same;
- the suggestion count equal in 18/20 proposals (off by 2 in all);
- sub-points: A 17, all 17 found by B as sub-points (none as suggestions); B 20, 17 found by A;
- units: A 154, B 152, 151 with the same start and kind; 6 disagreements, sub-points included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devtools.evaluation import load_script
from devtools.jiangsu_fresh import (
    FRESH_SECOND_FILE,
    FRESH_UNITS_FILE,
    FreshDisagreement,
    FreshDocument,
    FreshUnit,
    fresh_agreement,
    load_jiangsu_fresh,
)


def _doc(pid: str, *units: FreshUnit) -> FreshDocument:
    return FreshDocument(pid, "", list(units))


A = [
    _doc(
        "p1",
        FreshUnit(0, "background"),
        FreshUnit(40, "problem"),
        FreshUnit(90, "suggestion", (100, 130)),
        FreshUnit(160, "suggestion"),
        FreshUnit(220, "other"),
    ),
    _doc(
        "p2",
        FreshUnit(0, "background"),
        FreshUnit(50, "problem"),
        FreshUnit(100, "suggestion", (120,)),
        FreshUnit(180, "suggestion"),
    ),
]


def test_a_marking_agrees_with_itself() -> None:
    ag = fresh_agreement(A, A)
    assert ag.disagreements == [] and ag.count_diffs == []
    assert ag.agreed == ag.units_a == ag.units_b == 9 and ag.count_equal == ag.documents == 2
    for sc in (ag.b_against_a, ag.a_against_b):
        assert (sc.gold, sc.found, sc.predicted, sc.spurious) == (4, 4, 4, 0)
    assert (ag.points_a, ag.points_a_found, ag.points_a_as_suggestions) == (3, 3, 0)


def test_two_markings_are_scored_both_ways_within_three_characters() -> None:
    b = [
        # p1: the first suggestion 2 characters off; one sub-point missed, another added; the closing line a request
        _doc(
            "p1",
            FreshUnit(0, "background"),
            FreshUnit(40, "problem"),
            FreshUnit(92, "suggestion", (101, 145)),
            FreshUnit(160, "suggestion"),
            FreshUnit(220, "suggestion"),
        ),
        # p2: the problem 5 characters off (not the same start); A's sub-point taken for a suggestion
        _doc(
            "p2",
            FreshUnit(0, "background"),
            FreshUnit(55, "problem"),
            FreshUnit(100, "suggestion"),
            FreshUnit(121, "suggestion"),
            FreshUnit(180, "suggestion"),
        ),
    ]
    ag = fresh_agreement(A, b)
    ba, ab = ag.b_against_a, ag.a_against_b
    # B against A: all 4 of A's suggestions have one of B's within 3; of B's 6, 220 and 121 are near none of A's
    assert (ba.gold, ba.found, ba.predicted, ba.spurious) == (4, 4, 6, 2)
    assert (ab.gold, ab.found, ab.predicted, ab.spurious) == (6, 4, 4, 0)
    assert ag.count_equal == 0 and ag.count_diffs == [("p1", 2, 3), ("p2", 2, 3)]
    # A's sub-points 100, 130, 120: 100 found (101), 120 taken for a suggestion; B's 101 found, 145 not
    assert (ag.points_a, ag.points_a_found, ag.points_a_as_suggestions) == (3, 1, 1)
    assert (ag.points_b, ag.points_b_found, ag.points_b_as_suggestions) == (2, 1, 0)
    assert ag.disagreements == [
        FreshDisagreement("p1", 130, "sub-point", None),
        FreshDisagreement("p1", 145, None, "sub-point"),
        FreshDisagreement("p1", 220, "other", "suggestion"),
        FreshDisagreement("p2", 50, "problem", None),
        FreshDisagreement("p2", 55, None, "problem"),
        FreshDisagreement("p2", 120, "sub-point", "suggestion"),
    ]
    assert (ag.units_a, ag.units_b, ag.agreed) == (9, 10, 7)
    assert any("disagreements 6" in line for line in ag.lines())


def test_markings_of_different_proposals_are_refused() -> None:
    with pytest.raises(ValueError, match="different proposals"):
        fresh_agreement(A, A[:1])
    with pytest.raises(ValueError, match="different proposals"):
        fresh_agreement(A, A[::-1])


def test_the_second_marking_is_part_a_and_holds_no_text(shared: Path) -> None:
    first = json.loads(FRESH_UNITS_FILE.read_text(encoding="utf-8"))
    data = json.loads(FRESH_SECOND_FILE.read_text(encoding="utf-8"))
    # the same seeded draw (the first file has grown by later parts: its size and method text differ)
    assert all(data["sample"][k] == first["sample"][k] for k in ("csv", "seed")) and "part_b" not in data
    assert int(data["sample"]["size"]) <= int(first["sample"]["size"])
    units = data["part_a"]["units"]
    assert list(units) == list(first["part_a"]["units"])
    for entries in units.values():
        for entry in entries:
            assert isinstance(entry[0], int) and entry[1] in ("background", "problem", "suggestion", "other")
            assert len(entry) == 2 or all(isinstance(c, int) for c in entry[2])
    # no CJK character anywhere in the marks: ids, offsets and kinds only
    assert not any("\u2e80" <= ch for ch in json.dumps(data["part_a"], ensure_ascii=False))
    # it fits the texts: starts in order, in range, not on whitespace, children inside their suggestion
    second = load_jiangsu_fresh("A", shared, FRESH_SECOND_FILE)
    assert [d.id for d in second] == list(units) and len(second) == 20
    assert sum(len(d.starts("suggestion")) for d in second) == 75
    assert sum(len(u.children) for d in second for u in d.units) == 20
    with pytest.raises(ValueError, match="part B is not in"):
        load_jiangsu_fresh("B", shared, FRESH_SECOND_FILE)


def test_the_two_markings_of_part_a_agree(shared: Path) -> None:
    first = load_jiangsu_fresh("A", shared)
    second = load_jiangsu_fresh("A", shared, FRESH_SECOND_FILE)
    ag = fresh_agreement(first, second)
    # marks amended in one file and not the other, or a marking that drifts from the conventions, shows here
    for sc in (ag.b_against_a, ag.a_against_b):
        assert sc.gold == 75 and sc.found >= 73 and sc.spurious <= 2, ag.lines()
    assert ag.count_equal >= 17, ag.count_diffs
    assert ag.points_a == 17 and ag.points_a_found >= 16 and ag.points_a_as_suggestions == 0, ag.lines()
    assert ag.agreed >= 0.97 * ag.units_a and len(ag.disagreements) <= 8, ag.disagreements


def test_eval_parse_prints_the_agreement_and_the_parser_against_each_marking(shared: Path) -> None:
    lines = load_script("eval_parse").fresh_agreement_report("A", details=True, root=shared)
    assert lines[0].startswith("jiangsu fresh (A): B against A: suggestions marked 75")
    second = load_jiangsu_fresh("A", shared, FRESH_SECOND_FILE)
    ag = fresh_agreement(load_jiangsu_fresh("A", shared), second)
    assert sum("DIFF" in line for line in lines) == len(ag.disagreements)
    assert sum("COUNT" in line for line in lines) == len(ag.count_diffs)
    assert [line.split(":")[0] for line in lines[-2:]] == ["parser against A (A)", "parser against B (A)"]
