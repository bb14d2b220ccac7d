"""The batch shortcuts of match() (round six of issue 12's speed bar) give what their one-at-a-time references give.

Each is compared with a plain reference: the longest common runs of many pairs at once (numpy flags and
stretches) with a search of every substring; the answer features of pairs whose texts were prepared at once
(:func:`~proposalnlp.matching.answer.prepare_texts`) with those computed pair by pair without a cache; the word
numbers the term table reads from one cut of many lines with the tokenizer's own tokens of each line.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp import Tokenizer
from proposalnlp.features import fold_alnum
from proposalnlp.matching import Scorer, _bulk
from proposalnlp.matching.answer import common_runs, pair_features, prepare_request, prepare_texts, request_context
from proposalnlp.tokenize import BATCH_SEPARATOR
from test_matching_fast import REQUESTS, UNITS, _naive_run

_ALPHABET = "路灯井盖，。小区a1维修已\n \U00020000"
_PAIR = st.tuples(st.text(alphabet=_ALPHABET, max_size=16), st.text(alphabet=_ALPHABET, max_size=40))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PAIR, max_size=6))
def test_common_runs_match_a_search_of_every_substring(pairs: list[tuple[str, str]]) -> None:
    assert common_runs(pairs) == [_naive_run(a, b) for a, b in pairs]


def test_pair_codes_hold_the_bigram_codes() -> None:
    texts = [fold_alnum(u) for u in UNITS] + ["", "a", "路\n灯"]
    for text, codes in zip(texts, _bulk.pair_codes(texts), strict=True):
        assert len(codes) == max(len(text) - 1, 0)
        bigrams = codes[((codes >> 21) != 0) & ((codes & 0x1FFFFF) != 0)]
        assert np.array_equal(bigrams, _bulk.bigram_codes([text])[0])


def test_prepared_texts_give_the_features_of_each_pair_alone() -> None:
    context = request_context(REQUESTS)
    heads = ["县道拓宽", "夜间公交", None, "专项资金"]
    reqs = [prepare_request(t, h, context=context) for t, h in zip(REQUESTS, heads, strict=True)]
    texts = [UNITS, ["\n".join(UNITS[:3]), UNITS[4]], ["\n".join(UNITS[3:5]), "关于冷链\n\n仓储中心"], UNITS[::-1]]
    cache: dict[object, object] = {}
    prepare_texts(reqs, texts, cache)
    for req, some in zip(reqs, texts, strict=True):
        for text in some:
            fast = pair_features(req, text, (0.1, 0.2, 0.3), cache)
            plain = pair_features(req, text, (0.1, 0.2, 0.3))
            assert np.array_equal(fast, plain), (req.folded, text)


def _lines_words(scorer: Scorer, lines: list[str]) -> list[list[str]]:
    table = scorer._table
    with table.lock:
        return [[table.ids.words[i] for i in ids.tolist()] for ids in table.words_of(lines)]


def test_the_table_reads_each_lines_tokens() -> None:
    tok = Tokenizer()
    lines = [fold_alnum(u) for u in [*REQUESTS, *UNITS]] + ["的了和", "，。", "加大人才培养力度"]
    scorer = Scorer(tokenizer=tok)
    assert _lines_words(scorer, lines) == [tok(line) for line in lines]
    # lines the engine cannot cut joined (a blank one, one holding the separator) are cut one by one
    odd = ["道路维修", "   ", f"路灯{BATCH_SEPARATOR}维修", "人才"]
    assert _lines_words(Scorer(tokenizer=tok), odd) == [tok(line) for line in odd]


def test_the_table_follows_replaced_stopwords() -> None:
    tok = Tokenizer()
    scorer = Scorer(tokenizer=tok)
    assert "人才" in _lines_words(scorer, ["加大人才培养力度", "人才是第一资源"])[1]
    tok._stop = frozenset({"人才"})  # (new lines follow; lines read before keep their words)
    words = _lines_words(scorer, ["人才和资金", "人才，资源"])
    assert words == [tok("人才和资金"), tok("人才，资源")]
    assert all("人才" not in w for w in words)


def test_remembered_query_sides_are_forgotten_with_the_table() -> None:
    scorer = Scorer()
    heads = ["县道拓宽", None, "冷链仓储", None]
    first = scorer.score(REQUESTS, UNITS, heads, None)
    again = scorer.score(REQUESTS, UNITS[:3], heads, None)  # the queries' side read from the memo
    scorer.clear_memo()
    assert np.array_equal(scorer.score(REQUESTS, UNITS[:3], heads, None), again)
    assert np.array_equal(Scorer().score(REQUESTS, UNITS, heads, None), first)


def test_the_table_remembers_folds_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """TermTable.folded gives fold_alnum's text, and its memo never holds more than its characters' budget."""
    from proposalnlp.matching import _terms

    monkeypatch.setattr(_terms, "_FOLD_CHARS", 400)
    table = Scorer()._table
    texts = [f"第{i}条ＡＢＣ建议加大Ｘ１专项资金" * 3 for i in range(60)] + ["ΑΣ Σ"]
    for _ in range(2):
        assert table.folded(texts) == [fold_alnum(t) for t in texts]
        assert table._fold_chars <= 400 and sum(map(len, table._folds)) == table._fold_chars
    long = "Ｈ" * 100  # over an eighth of the budget: folded, not kept
    assert table.folded([long]) == ["h" * 100] and long not in table._folds
