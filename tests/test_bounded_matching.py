"""Bounded matching (issue 15, rows 5 and 6): match keeps each suggestion's top-k units, scores a block of
suggestions at a time (same results as the whole matrix), and renames an unmarked reply in linear time.

No timed assertions: the speed figures are in benchmarks/bench_growth.py. Memory is bounded with tracemalloc.
"""

from __future__ import annotations

import random
import tracemalloc
from dataclasses import replace

import numpy as np
import pytest

from proposalnlp import Unit, match, parse
from proposalnlp.errors import InputValueError
from proposalnlp.matching import DEFAULT_TOP_K, Scorer, align_units, score_units
from proposalnlp.matching import align as align_mod
from proposalnlp.matching.align import _as_reply, _top_columns

_TOPICS = ["技术改造专项资金", "人才引进和培训", "融资担保和贷款贴息", "产学研合作平台", "职业教育体系", "政策宣传"]
_VERBS = ["加大", "推进", "完善", "强化", "落实", "支持"]


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(
        f"{rng.choice(_VERBS)}{rng.choice(_TOPICS)}，统筹{rng.choice(_TOPICS)}，{rng.randint(2, 90)}家企业参与。"
        for _ in range(sentences)
    )


def _units(texts: list[str], prefix: str, part: str, kind: str) -> list[Unit]:
    return [Unit(f"{prefix}{i}", part, kind, 1, None, None, t, 0, len(t)) for i, t in enumerate(texts, start=1)]


def _old_as_reply(units: list[Unit]) -> list[Unit]:
    """The quadratic renaming this replaced (its results are the reference)."""
    names: dict[str, str] = {}
    for u in units:
        if u.parent is None or u.parent not in names:
            names[u.id] = f"R{sum(1 for v in names.values() if '.' not in v) + 1}"
        else:
            p = names[u.parent]
            names[u.id] = f"{p}.{sum(1 for v in names.values() if v.startswith(p + '.')) + 1}"
    return [replace(u, id=names[u.id], part="reply", parent=names.get(u.parent) if u.parent else None) for u in units]


def test_as_reply_names_like_before_on_nested_units() -> None:
    rng = random.Random(3)
    units: list[Unit] = []
    for i in range(400):  # a random forest, three levels deep, some parents unknown
        parent = None
        if units and rng.random() < 0.7:
            parent = rng.choice(units[-20:]).id if rng.random() < 0.9 else "missing"
        units.append(Unit(f"P{i}", "proposal", "item", 1, parent, None, f"第{i}段", 0, 1))
    assert _as_reply(units) == _old_as_reply(units)


def test_as_reply_on_a_parsed_text() -> None:
    doc = parse("一、总体情况\n（一）人才资金。加大投入。\n（二）创新平台。\n二、下一步\n加强宣传。\n")
    assert _as_reply(doc.units) == _old_as_reply(doc.units)


def test_row6_many_reply_lines_one_suggestion() -> None:
    # 40,000 unmarked reply lines: the renaming was quadratic (30 s); now about a second in all
    al = match(["加大人才资金支持"], "人才资金。\n" * 40_000)
    assert len(al.reply_units) == 40_000
    assert [u.id for u in al.reply_units[:3]] == ["R1", "R2", "R3"]
    m = al.suggestions[0]
    assert len(m.ranked) == DEFAULT_TOP_K
    assert m.verdict != "unanswered"  # every line holds both of its words (the answer model: partly)


def test_row5_unrelated_lists_in_bounded_memory() -> None:
    n = 2_000
    sugg = [f"人才资金{i}" for i in range(n)]
    reply = [f"创新宣传{i}" for i in range(n)]
    match(sugg[:2], reply[:2])  # warm: dictionaries, background tables
    tracemalloc.start()
    try:
        al = match(sugg, reply, top_k=5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the old code held 2,000 × 2,000 ranked tuples and dense arrays: over 800 MB of RSS
    assert peak < 120 * 2**20, f"peak {peak / 2**20:.0f} MB"
    assert len(al.suggestions) == n
    assert all(len(m.ranked) == 5 and len(m.support) == 5 for m in al.suggestions)


def _doc(seed: int, n_sugg: int, n_reply: int) -> tuple[list[Unit], list[Unit]]:
    rng = random.Random(seed)
    sugg = _units([_text(rng, rng.randint(1, 4)) for _ in range(n_sugg)], "S", "proposal", "suggestion")
    reply = _units([_text(rng, rng.randint(1, 5)) for _ in range(n_reply)], "R", "reply", "item")
    return sugg, reply


def test_top_k_keeps_the_head_of_the_full_ranking() -> None:
    sugg, reply = _doc(11, 12, 90)
    scores, evidence = score_units(sugg, reply)
    al = align_units(sugg, reply, top_k=7)
    full = align_units(sugg, reply, top_k=len(reply))
    for i, (m, f) in enumerate(zip(al.suggestions, full.suggestions, strict=True)):
        order = np.argsort(-scores[i], kind="stable")
        assert [u.id for u, _ in f.ranked] == [reply[j].id for j in order]
        assert m.ranked == f.ranked[:7] and m.support == f.support[:7]
        assert m.verdict == f.verdict
        assert [s for _, s in m.ranked] == scores[i, order[:7]].tolist()
        assert m.support == evidence[i, order[:7]].tolist()
    assert [u.id for u in al.unused_reply_units] == [u.id for u in full.unused_reply_units]
    assert al.report() == full.report()  # a report shows used_rank (4) units


def test_blocks_give_the_whole_matrix_results(monkeypatch: pytest.MonkeyPatch) -> None:
    sugg, reply = _doc(5, 30, 40)
    whole = align_units(sugg, reply)
    dense = score_units(sugg, reply)
    monkeypatch.setattr(align_mod, "_BLOCK_CELLS", 97)  # a few suggestions (and their clauses) per block
    small = align_units(sugg, reply)
    assert small.to_dict() == whole.to_dict()
    for a, b in zip(score_units(sugg, reply), dense, strict=True):
        assert np.array_equal(a, b)


def test_score_blocks_equal_score_rows() -> None:
    rng = random.Random(2)
    q = [_text(rng, 2) for _ in range(9)]
    c = [_text(rng, 3) for _ in range(13)]
    heads = [None, "人才引进", None, "政策宣传", None, None, "职业教育", None, None]
    for scorer in (Scorer(), Scorer(config=Scorer().config.retrieval())):
        full = scorer.score(q, c, heads)
        blocks = [np.array([4, 0, 7]), slice(1, 4), np.array([8, 5, 6])]
        got = list(scorer.score_blocks(q, c, blocks, heads))
        for rows, block in zip(blocks, got, strict=True):
            assert np.array_equal(block, full[rows])


def test_top_columns_is_a_stable_sort_prefix() -> None:
    rng = np.random.default_rng(0)
    block = rng.integers(0, 4, size=(50, 30)).astype(float) / 4  # many ties
    block[3] = 0.0
    for k in (1, 2, 5, 29, 30, 40):
        expected = np.argsort(-block, axis=1, kind="stable")[:, :k]
        assert np.array_equal(_top_columns(block, k)[:, :k], expected)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3", True, None])
def test_top_k_must_be_a_positive_int(bad: object) -> None:
    with pytest.raises(InputValueError, match="top_k"):
        match(["加大人才资金支持"], ["人才资金"], top_k=bad)  # type: ignore[arg-type]
