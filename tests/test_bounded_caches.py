"""Token memos bounded in characters as well as entries (issue 15, row 8): unique texts with long tokens or
many new tokens leave memory flat, and the results stay those of a fresh memo."""

from __future__ import annotations

import random
import tracemalloc

import numpy as np
import pytest

from proposalnlp import Tokenizer, classify
from proposalnlp import features as features_mod
from proposalnlp import tokenize as tokenize_mod
from proposalnlp.themes import load_model


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model()


def test_long_tokens_are_never_remembered() -> None:
    tok = Tokenizer()
    text = "人才资金" + "a" * 5000 + "创新"
    assert tok.tokenize(text) == ["人才", "资金", "a" * 5000, "创新"]
    assert "a" * 5000 not in tok._known
    assert tok.tokenize(text) == ["人才", "资金", "a" * 5000, "创新"]  # decided again, the same way


def test_tokenizer_memo_is_bounded_in_entries_and_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenize_mod, "_MEMO_LIMIT", 500)
    monkeypatch.setattr(tokenize_mod, "_MEMO_CHARS", 4000)
    tok = Tokenizer()
    fresh = Tokenizer()
    rng = random.Random(1)
    for _ in range(50):
        text = "加快人才培养" + " ".join(str(rng.randrange(10**15)) for _ in range(100))
        got = tok.tokenize(text)
        fresh._init_memo()
        assert got == fresh.tokenize(text)
        assert len(tok._known) <= 500 + len(tok.stopword_set) and tok._known_chars <= 4000 + 64


def test_featurizer_memo_skips_long_tokens(model) -> None:  # type: ignore[no-untyped-def]
    tables = model.featurizer._tables()
    texts = [f"{i}建议设立专项资金" + "x" * (100 + i) + "，支持人才培养。" for i in range(20)]
    first = [classify(t, model=model).to_dict() for t in texts]
    assert not any(len(t) > features_mod._MEMO_TOKEN_CHARS for t in tables.memo)
    assert first == [classify(t, model=model).to_dict() for t in texts]  # the same answers, memo or not


def test_featurizer_memo_is_bounded_and_answers_do_not_change(monkeypatch: pytest.MonkeyPatch, model) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(features_mod, "_MEMO_LIMIT", 300)
    monkeypatch.setattr(features_mod, "_MEMO_CHARS", 3000)
    tables = model.featurizer._tables()
    rng = random.Random(7)
    texts = ["加快培养青年科技人才" + "，".join(str(rng.randrange(10**12)) for _ in range(80)) for _ in range(30)]
    got = [classify(t, model=model).to_dict() for t in texts]
    assert len(tables.memo) <= 300 + 200 and tables._memo_chars[0] <= 3000 + 80 * 13
    fresh = load_model()
    assert got == [classify(t, model=fresh).to_dict() for t in texts]


def test_unique_texts_leave_memory_flat(model) -> None:  # type: ignore[no-untyped-def]
    # row 8 scaled: unique 200,000-character texts (one long run each) used to stay in the memo, 1 byte a char
    rng = np.random.default_rng(0)
    classify("a" * 200_000, model=model)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(30):
            classify(f"{i}建议" + "".join(rng.choice(list("abcdef"), 200_000)), model=model)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 2 * 2**20, f"grew {grown / 2**20:.1f} MB over 30 unique texts (6 MB of text)"
