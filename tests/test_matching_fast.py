"""The shortcuts that make match() fast give what the straightforward computations give.

Each shortcut is compared with a plain reference on hand-written texts (and, for the longest common run, on
texts Hypothesis draws): the cells-only scorer with the whole score matrix, a joined reply part's features
read from its lines with those of the joined text itself, remembered tokens and bigram counts of joined
lines with cutting and counting the joined text, and a request's own terms with counting them in the context.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp.features import fold_alnum
from proposalnlp.matching import Scorer, ScoringConfig, _bulk
from proposalnlp.matching.answer import (
    PAIR_FEATURES,
    longest_common_run,
    pair_features,
    prepare_request,
    request_context,
)
from proposalnlp.matching.scoring import default_tokenizer

REQUESTS = [
    "建议对柳湾镇至青石村的县道进行拓宽改造，解决会车难的问题。同时在弯道处增设警示标志。",
    "关于夜间公交\n建议增开柳湾镇至县城的夜间公交班次，方便务工人员返家；末班车延至晚上九点。",
    "建议在青石村建设一座农产品冷链仓储中心，减少果蔬损耗，A3区12栋旁的空地可作选址。",
    "建议加大技术改造专项资金支持力度，对智能制造示范项目给予贴息。",
]

UNITS = [
    "一、关于柳湾镇至青石村县道拓宽改造。该路段已纳入今年县道改造计划，目前已完成施工招标，预计十月底前开工。",
    "二、关于夜间公交班次。县交通运输局已协调公交公司，自下月起增开柳湾镇至县城夜间班次两趟。",
    "感谢您对交通工作的关心和支持。",
    "关于冷链仓储中心，青石村暂不具备建设条件，我局将积极争取上级专项资金，适时纳入规划。",
    "技术改造专项资金已下达３０００万元，支持智能制造示范项目１２个，Ａ３区企业优先。",
    "现答复如下：",
]


def _naive_run(a: str, b: str) -> int:
    return max((j - i for i in range(len(a)) for j in range(i + 1, len(a) + 1) if a[i:j] in b), default=0)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="路灯井盖，。小区a1维修已\n ", max_size=16),
    st.text(alphabet="路灯井盖，。小区a1维修已\n ", max_size=40),
)
def test_longest_common_run_matches_a_search_of_every_substring(a: str, b: str) -> None:
    assert longest_common_run(a, b) == _naive_run(a, b)


@pytest.mark.parametrize(
    "config",
    [
        ScoringConfig(),
        ScoringConfig.retrieval(),
        replace(ScoringConfig(), cosine_share=0.3),
        replace(ScoringConfig(), sublinear_query=False, related_weight=0.0, background=False),
        replace(ScoringConfig(), word_weight=0.0, heading_weight=0.0),
    ],
)
def test_score_pairs_gives_the_cells_of_score(config: ScoringConfig) -> None:
    scorer = Scorer(config=config)
    heads = ["县道拓宽", None, "冷链仓储", None]
    full = scorer.score(REQUESTS, UNITS, heads, None)
    rows, cols = np.divmod(np.arange(full.size), full.shape[1])
    # bit for bit: the cells feed verdicts, and a tree model reads exact thresholds
    assert np.array_equal(scorer.score_pairs(REQUESTS, UNITS, rows, cols, heads, None), full.ravel())
    # a few cells, in any order, repeats allowed: the IDF is still that of every text given
    pick_r, pick_c = np.array([3, 0, 0, 2]), np.array([4, 0, 0, 5])
    got = scorer.score_pairs(REQUESTS, UNITS, pick_r, pick_c, heads, None)
    assert np.array_equal(got, full[pick_r, pick_c])
    assert scorer.score_pairs(REQUESTS, UNITS, [], [], heads, None).shape == (0,)


def test_joined_lines_take_their_lines_tokens_and_bigram_codes() -> None:
    scorer = Scorer()
    lines = [fold_alnum(u) for u in UNITS[:4]]
    for line in lines:
        scorer.tokens(line)
    joined = "\n".join(lines)
    assert scorer.tokens(joined) == default_tokenizer()(joined)
    expected, _ = _bulk.bigram_codes([joined])
    assert np.array_equal(np.concatenate(scorer._table.codes_of(lines)), expected)


def test_a_joined_reply_part_has_the_features_of_its_text() -> None:
    context = request_context(REQUESTS)
    joined = "\n".join(UNITS[:5])
    for i, text in enumerate(REQUESTS):
        req = prepare_request(text, ["县道拓宽", "夜间公交", None, "专项资金"][i], context=context)
        cache: dict[object, object] = {}
        for unit in UNITS:  # the lines are seen first, as match() sees them
            pair_features(req, unit, (0.1, 0.2, 0.3), cache)
        fast = pair_features(req, joined, (0.1, 0.2, 0.3), cache)
        plain = pair_features(req, joined, (0.1, 0.2, 0.3))
        assert fast.shape == (len(PAIR_FEATURES),)
        assert np.array_equal(fast, plain), (i, fast, plain)


def test_a_request_keeps_the_terms_no_other_request_holds() -> None:
    texts = [*REQUESTS, REQUESTS[0]]  # a repeated request shares every term with its twin
    context = request_context(texts)
    for i, text in enumerate(texts):
        req = prepare_request(text, context=context)
        folded = fold_alnum(text)
        alone = prepare_request(text)
        expected = [(b, v) for b, v in alone.bigrams if context.count(b) <= folded.count(b)]
        assert list(req.bigrams) == expected, i
    assert prepare_request(texts[0], context=context).bigrams == ()


def test_score_pairs_of_candidates_without_features() -> None:
    scorer = Scorer()
    full = scorer.score(REQUESTS[:2], ["，。", "！"])
    got = scorer.score_pairs(REQUESTS[:2], ["，。", "！"], [0, 1], [1, 0])
    assert np.array_equal(got, full[[0, 1], [1, 0]]) and not got.any()


@pytest.mark.parametrize("config", [ScoringConfig(), ScoringConfig.retrieval()])
def test_score_pairs_of_tiny_texts(config: ScoringConfig) -> None:
    """Rows of one feature or of features in increasing order (scipy squares such a matrix in another order)."""
    scorer = Scorer(config=config)
    for queries, cands in (
        (["路灯", "井盖"], ["路灯", "井盖"]),
        (["路灯"], ["路灯坏了", "井盖", "路灯路灯"]),
        (["路灯坏了没人修", "井"], ["井", "路灯坏了"]),
    ):
        full = scorer.score(queries, cands)
        rows, cols = np.divmod(np.arange(full.size), full.shape[1])
        assert np.array_equal(scorer.score_pairs(queries, cands, rows, cols), full.ravel()), (queries, cands)


@pytest.mark.parametrize(
    "config", [ScoringConfig(), ScoringConfig.retrieval(), replace(ScoringConfig(), cosine_share=0.3)]
)
def test_score_blocks_of_few_cells_give_score(config: ScoringConfig) -> None:
    """score_blocks scores a few cells without sparse matrices (score() always builds them): the same bits."""
    scorer = Scorer(config=config)
    heads = ["县道拓宽", None, "冷链仓储", None]
    full = scorer.score(REQUESTS, UNITS, heads, None)
    blocks = [np.array([2, 0]), slice(1, 2), np.array([3])]
    got = list(scorer.score_blocks(REQUESTS, UNITS, blocks, heads, None))
    assert np.array_equal(np.vstack(got), full[[2, 0, 1, 3]])
    tiny = scorer.score(["路灯"], ["井盖", "路灯路灯"])
    assert np.array_equal(next(scorer.score_blocks(["路灯"], ["井盖", "路灯路灯"], [slice(None)])), tiny)


_BIGRAM_ALPHABET = "路灯井盖小区维修已aZ1０Ａ，。 \n\x00ΣΑ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_BIGRAM_ALPHABET, max_size=40))
def test_bigram_scan_gives_the_plain_bigrams(text: str) -> None:
    """features.char_bigrams (one overlapping scan) as the plain reading gives them: every character that no
    bigram run holds replaced by a separator, every two characters paired, pairs across a separator dropped."""
    import re

    from proposalnlp.features import char_bigrams

    folded = fold_alnum(text)
    m = re.sub(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]", "\x00", folded)
    plain = [m[i : i + 2] for i in range(len(m) - 1) if "\x00" not in m[i : i + 2]]
    assert char_bigrams(folded, folded=True) == plain == char_bigrams(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["人才", "专项资金", "技术改造", "改造", "a1", "政策宣传", "宣传"]), max_size=30))
def test_word_entries_add_each_four_character_words_halves(words: list[str]) -> None:
    """TermTable.word_entries: a text's tokens (1 each), then the halves of its four-character tokens (sub each)."""
    from collections import Counter

    scorer = Scorer()
    table = scorer._table
    text = "\n".join(words) or "\u3000"
    tokens = scorer.tokens(text)
    rows, ids, w = table.word_entries([text], [None], 0.0, 0.5)
    expected: dict[str, float] = dict(Counter(tokens))
    for t in tokens:
        if len(t) == 4:
            expected[t[:2]] = expected.get(t[:2], 0.0) + 0.5
            expected[t[2:]] = expected.get(t[2:], 0.0) + 0.5
    got: dict[str, float] = {}
    for i, v in zip(ids.tolist(), w.tolist(), strict=True):
        got[table.ids.words[i]] = got.get(table.ids.words[i], 0.0) + v
    assert got == expected and not rows.any()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="青石村路小区社街道大学幼儿园公司a3号栋区市，。建议在", max_size=40))
def test_names_found_as_by_the_plain_pattern(text: str) -> None:
    """The names pattern's look-ahead at a suffix's first character changes no match."""
    import re

    from proposalnlp.matching import answer

    plain = re.compile(r"[\u4e00-\u9fffa-z0-9]{1,8}?" + answer._NAME_SUFFIX)
    assert answer._NAME.findall(text) == plain.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="路灯井盖，。 \n\x00a1维修ZΣ", max_size=30))
def test_char_pairs_are_every_two_character_substring(text: str) -> None:
    """answer.char_pairs and answer.pair_list (remembered for short texts, not for long ones), as reading every
    two characters of the text gives them."""
    import re

    from proposalnlp.matching.answer import char_pairs, pair_list

    folded = fold_alnum(text)
    m = re.sub(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]", "\x00", folded)
    every = [m[i : i + 2] for i in range(len(m) - 1)]
    assert char_pairs(folded) == frozenset(every)
    assert list(pair_list(folded)) == every
    long = folded * (3000 // max(len(folded), 1) + 1)
    m_long = re.sub(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]", "\x00", long)
    assert list(pair_list(long)) == [m_long[i : i + 2] for i in range(len(m_long) - 1)]
