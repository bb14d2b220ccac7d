"""A large batch is scored from spaces built at once (matching._bulk): the same scores, up to float round-off, as
the spaces laid out from the scorer's term table (matching._terms), for every weighting a scorer may have; and
the term table's scores do not depend on what it read before.

The batch is made of hand-written sentences recombined (headings, full-width digits and letters, upper case,
four-character words, texts without a bigram), so that it is large enough to take the bulk path.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp import similarity
from proposalnlp.matching import Scorer, ScoringConfig, scoring

PIECES = [
    "建议加快柳湾镇至青石村县道拓宽改造",
    "增开夜间公交班次，末班车延至２１点",
    "青石村农产品冷链仓储中心选址在A3区12栋旁",
    "加大技术改造专项资金支持力度，对智能制造示范项目给予贴息",
    "该路段已纳入今年县道改造计划，目前已完成施工招标",
    "县交通运输局已协调公交公司增开班次",
    "感谢您对我们工作的关心和支持！",
    "人才引进和职业技能培训补贴已经落实到位",
    "ＡＩ赋能中小企业数字化转型，推动企业上云",
    "宣传普及垃圾分类知识，提高群众环保意识",
    "——",
    "2020年3月15日",
    "COVID-19 防控物资储备",
]


def _texts(n: int, seed: int) -> tuple[list[str], list[str | None]]:
    rng = random.Random(seed)
    texts: list[str] = []
    heads: list[str | None] = []
    for _ in range(n):
        body = "。".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
        head = rng.choice([None, None, rng.choice(PIECES)[:12], ""])
        texts.append(f"{head}\n{body}" if head and rng.random() < 0.5 else body)
        heads.append(head)
    return texts, heads


@contextmanager
def _bulk_from(size: int) -> Iterator[None]:
    old = scoring._BULK_TEXTS
    scoring._BULK_TEXTS = size
    try:
        yield
    finally:
        scoring._BULK_TEXTS = old


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal up to float round-off (the two builders sum the same terms in other orders)."""
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


CONFIGS = [
    ScoringConfig(),
    ScoringConfig.retrieval(),
    replace(ScoringConfig(), cosine_share=0.3),
    replace(ScoringConfig(), sublinear_query=False, related_weight=0.0, background=False),
    replace(ScoringConfig(), word_weight=0.0, heading_weight=0.0),
    replace(ScoringConfig.retrieval(), heading_weight=0.0, subword_weight=0.0, candidate_lead=10),
    replace(ScoringConfig.retrieval(), bigram_weight=0.0),
]


@pytest.mark.parametrize("config", CONFIGS)
def test_bulk_spaces_give_the_scores_of_the_per_text_bags(config: ScoringConfig) -> None:
    queries, qh = _texts(150, 1)
    cands, ch = _texts(170, 2)
    with _bulk_from(10**9):
        plain = Scorer(config=config).score(queries, cands, qh, ch)
    with _bulk_from(2):
        scorer = Scorer(config=config)
        assert scorer._bulk_ready(len(queries), len(cands))
        bulk = scorer.score(queries, cands, qh, ch)
    assert _close(bulk, plain)
    assert plain.max() > 0  # the texts share terms: the comparison is not of zeros


def test_a_weight_off_the_grain_keeps_the_per_text_bags() -> None:
    scorer = Scorer(config=replace(ScoringConfig(), subword_weight=0.3))
    assert not scorer._bulk_ready(10_000, 10_000)
    assert Scorer()._bulk_ready(200, 100) and not Scorer()._bulk_ready(20, 10)


def test_similarity_of_a_large_batch_is_that_of_the_per_text_bags() -> None:
    queries, _ = _texts(200, 3)
    cands, _ = _texts(120, 4)
    with _bulk_from(10**9):
        plain = similarity(queries, cands)
    with _bulk_from(2):
        bulk = similarity(queries, cands)
    assert _close(bulk, plain)


def test_texts_without_any_bigram_or_token() -> None:
    queries = ["——", "！！", "建议增开公交班次"] * 100
    cands = ["……", "已增开公交班次", "？"] * 100
    for config in (ScoringConfig(), ScoringConfig.retrieval()):
        with _bulk_from(10**9):
            plain = Scorer(config=config).score(queries, cands)
        with _bulk_from(2):
            bulk = Scorer(config=config).score(queries, cands)
        assert _close(bulk, plain)


_ALPHABET = "建议加大人才培训资金支持科技创新宣传意识ＡＢ１２aZ9 　\n，。！—😀\u3400\u2028"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=40), min_size=2, max_size=6),
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=60), min_size=2, max_size=6),
    st.sampled_from(CONFIGS),
)
def test_bulk_spaces_of_any_text(queries: list[str], cands: list[str], config: ScoringConfig) -> None:
    heads = [q.split("\n")[0][:10] or None for q in queries]
    with _bulk_from(10**9):
        plain = Scorer(config=config).score(queries, cands, heads, None)
    with _bulk_from(2):
        bulk = Scorer(config=config).score(queries, cands, heads, None)
    assert _close(bulk, plain)


# -- a few cells (score_pairs, and score_blocks of small inputs: what match() scores) ---------------------------
@pytest.mark.parametrize("config", CONFIGS)
def test_cells_and_blocks_are_the_scores_whatever_the_table_read_before(config: ScoringConfig) -> None:
    queries, qh = _texts(30, 5)
    cands, ch = _texts(25, 6)
    # a candidate made of other candidates' lines (match()'s part of the reply): its terms are theirs
    cands.append("\n".join(cands[:3]))
    ch.append(None)
    rows = np.repeat(np.arange(len(queries)), 3)
    cols = np.random.default_rng(0).integers(0, len(cands), len(rows))
    every = np.arange(len(queries))
    with _bulk_from(2):  # the batch built at once, as a reference
        grid = Scorer(config=config).score(queries, cands, qh, ch)
    cold = Scorer(config=config)
    cells = cold.score_pairs(queries, cands, rows, cols, qh, ch)
    blocks = next(cold.score_blocks(queries, cands, [every], qh, ch))
    assert _close(cells, grid[rows, cols]) and _close(blocks, grid)
    assert grid.max() > 0
    # a table that read other texts first (other word numbers) gives the same scores, bit for bit
    warm = Scorer(config=config)
    warm.score([*list(reversed(cands)), "另一条建议的文字", *PIECES[::-1]], queries[:5], None, None)
    warm._spaces.clear()
    assert np.array_equal(warm.score_pairs(queries, cands, rows, cols, qh, ch), cells)
    assert np.array_equal(next(warm.score_blocks(queries, cands, [every], qh, ch)), blocks)


def test_a_weight_off_the_grain_scores_from_the_table_as_on_it() -> None:
    queries, qh = _texts(12, 7)
    cands, ch = _texts(9, 8)
    config = replace(ScoringConfig(), subword_weight=0.3)
    rows, cols = np.arange(12), np.arange(12) % 9
    with _bulk_from(2):
        assert not Scorer(config=config)._bulk_ready(12, 9)  # off the grain: never built at once
    grid = Scorer(config=config).score(queries, cands, qh, ch)
    assert _close(Scorer(config=config).score_pairs(queries, cands, rows, cols, qh, ch), grid[rows, cols])


def test_the_spaces_of_repeated_inputs_are_remembered_bounded_and_give_the_same_cells() -> None:
    queries, qh = _texts(20, 9)
    cands, ch = _texts(15, 10)
    rows, cols = np.arange(20), np.arange(20) % 15
    scorer = Scorer()
    first = scorer.score_pairs(queries, cands, rows, cols, qh, ch)
    assert len(scorer._spaces) == 1
    again = scorer.score_pairs(list(queries), list(cands), rows, cols, list(qh), list(ch))  # equal inputs
    assert len(scorer._spaces) == 1 and np.array_equal(again, first)
    scorer.tokenizer = type(scorer.tokenizer)()  # another tokenizer (equal, not the same): built anew
    assert np.array_equal(scorer.score_pairs(queries, cands, rows, cols, qh, ch), first)
    for k in range(3 * scoring._SPACE_MEMO):
        scorer.score_pairs(queries[k:], cands, rows[: 20 - k] * 0, cols[: 20 - k], qh[k:], ch)
        assert len(scorer._spaces) <= scoring._SPACE_MEMO
    scorer.clear_memo()
    assert not scorer._spaces


def test_lone_surrogates_are_read_by_the_table_as_by_the_bulk_spaces() -> None:
    queries = ["建议\ud800加强\udfff人才培养", "加强人才培养\ud83d"]
    cands = ["人才培养\udc00已加强", "人才\ud800培养"]
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    with _bulk_from(2):  # a batch built at once (what similarity() does for a large one)
        bulk = Scorer().score(queries, cands)
    assert _close(Scorer().score(queries, cands), bulk)
    assert _close(Scorer().score_pairs(queries, cands, rows, cols), bulk[rows, cols])
