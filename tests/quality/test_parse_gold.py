"""parse() against the gold units of ../shared: the issue's quality bars, asserted as floors.

Figures measured when this was written (scripts/eval_parse.py prints them):
reference 36/36 gold units found with the right part and kind; Jiangsu 24 proposals: recall 0.975
(kind-aware 0.975) of 157 problem/suggestion units, spurious 2/156 = 0.013; replies: recall 1.000
(kind-aware 0.964) of 28 units, spurious 0/28. The floors sit a little below these; the issue's own
bars (85% recall, at most 15% spurious) are far below them.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from devtools.corpus import GOLD_KIND_MAP, jiangsu_proposals, load_reference, load_reply_gold
from devtools.evaluation import load_script
from proposalnlp import parse


def _eval_module() -> ModuleType:
    return load_script("eval_parse")


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict[str, Any]:
    return dict(_eval_module().measure(shared))


def test_reference_every_gold_unit_found_with_part_and_kind(shared: Path) -> None:
    gold = load_reference(shared)
    doc = parse(gold.text)
    for g in gold.units:
        want = GOLD_KIND_MAP.get(g.kind, g.kind)
        near = [u for u in doc.units if abs(u.start - g.start) <= 3]
        assert any(u.kind == want and u.part == g.part for u in near), (g.id, [(u.id, u.kind) for u in near])
    # the hierarchy of the reply: (一)… under 四、 are children of that section
    sec = next(u for u in doc.reply if u.kind == "section" and u.text.startswith("四、"))
    assert [u.kind for u in doc.children(sec.id)] == ["item"] * 4
    assert len(doc.problems) == 4 and len(doc.suggestions) == 4


def test_jiangsu_gold_problem_and_suggestion_units(figures: dict[str, Any]) -> None:
    js = figures["jiangsu"]
    assert js.gold >= 150
    assert js.recall >= 0.95, js.misses
    assert js.recall_kind >= 0.95, js.misses
    assert js.spurious_rate <= 0.04, js.extras


def test_reply_gold_units(figures: dict[str, Any]) -> None:
    rp = figures["replies"]
    assert rp.gold >= 25
    assert rp.recall >= 0.96, rp.misses
    assert rp.recall_kind >= 0.92, rp.misses
    assert rp.spurious_rate <= 0.05, rp.extras


def test_all_jiangsu_proposals_parse_with_valid_offsets(shared: Path, figures: dict[str, Any]) -> None:
    assert figures["failures"] == []
    rows = jiangsu_proposals(shared)
    assert len(rows) == 305
    with_suggestions = 0
    for r in rows:
        text = r["text"]
        doc = parse(text)
        assert doc.units, r["id"]
        for u in doc.units:
            assert u.text == text[u.start : u.end]
        with_suggestions += bool(doc.suggestions)
    assert with_suggestions >= 290  # nearly every proposal has a suggestion part that is found


def test_all_replies_parse_as_replies(shared: Path) -> None:
    docs = load_reply_gold(shared)
    assert len(docs) == 8
    for gd in docs:
        doc = parse(gd.text)
        assert doc.reply and not doc.proposal, gd.id
        for u in doc.units:
            assert u.text == gd.text[u.start : u.end]
