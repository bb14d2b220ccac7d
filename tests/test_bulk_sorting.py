"""The space builders' faster steps give what the numpy calls they replace give (issue 12's speed bar)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp.features import BIGRAM_CHAR_RANGES
from proposalnlp.matching import _bulk
from proposalnlp.matching.scoring import _unique_first_inverse

_values = st.lists(st.integers(min_value=0, max_value=(1 << 40) - 1), max_size=300) | st.lists(
    st.integers(min_value=0, max_value=40), max_size=300
)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_stable_order_is_a_stable_argsort(values: list[int]) -> None:
    v = np.asarray(values, dtype=np.int64)
    order, sorted_values = _bulk.stable_order(v)
    expected = np.argsort(v, kind="stable")
    assert order.dtype == np.int64
    assert np.array_equal(order, expected)
    assert np.array_equal(sorted_values, v[expected])


@settings(max_examples=300, deadline=None)
@given(_values)
def test_unique_first_inverse_is_np_unique(values: list[int]) -> None:
    v = np.asarray(values, dtype=np.int64)
    keys, first, inverse = _unique_first_inverse(v)
    e_keys, e_first, e_inverse = np.unique(v, return_index=True, return_inverse=True)
    assert np.array_equal(keys, e_keys)
    assert np.array_equal(first, e_first)
    assert np.array_equal(inverse, e_inverse.reshape(-1))


def _reference_codes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The bigram codes as the comparisons and the search of the earlier code found them."""
    if not texts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    joined = "\n".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    ok = np.zeros(len(cp), dtype=bool)
    for lo, hi in BIGRAM_CHAR_RANGES:
        ok |= (cp >= lo) & (cp <= hi)
    at = np.flatnonzero(ok[:-1] & ok[1:])
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    return (cp[at] << 21) | cp[at + 1], np.searchsorted(starts, at, side="right") - 1


_chars = st.sampled_from(list("ab09zA中文\u3400\u4dbf\u4dc0\u9fff\ua000 ，。\n\ud800\udfff\U00020000\uffff/:`{"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_chars, max_size=12), max_size=5))
def test_bigram_codes_as_before(texts: list[str]) -> None:
    codes, piece = _bulk.bigram_codes(texts)
    e_codes, e_piece = _reference_codes(texts)
    assert codes.dtype == e_codes.dtype == np.int64
    assert np.array_equal(codes, e_codes)
    assert np.array_equal(piece, e_piece)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), max_size=300), st.integers(min_value=0, max_value=6000))
def test_dense_first_inverse_is_np_unique(values: list[int], extra: int) -> None:
    """Numbers below a size: the scatter path (size small beside the keys) and the sort path give np.unique's."""
    v = np.asarray(values, dtype=np.int64)
    for size in (61, 61 + extra):
        keys, first, inverse = _bulk.dense_first_inverse(v, size)
        e_keys, e_first, e_inverse = np.unique(v, return_index=True, return_inverse=True)
        assert keys.dtype == first.dtype == inverse.dtype == np.int64
        assert np.array_equal(keys, e_keys)
        assert np.array_equal(first, e_first)
        assert np.array_equal(inverse, e_inverse.reshape(-1))


def test_the_table_numbers_each_bigram_once() -> None:
    """Bigram numbers: one per code, the same code the same number in every line, codes and background kept."""
    from proposalnlp.matching.scoring import Scorer, background_df

    table = Scorer()._table
    lines = ["人才培养", "培养人才", "人才", "abc人才"]
    with table.lock:
        numbers = table.bigrams_of(lines)
        codes = table.codes_of(lines)
    for nums, line, got in zip(numbers, lines, codes, strict=True):
        expected, _ = _bulk.bigram_codes([line])
        assert np.array_equal(got, expected)
        assert np.array_equal(table.bigram_code[nums], expected)
    assert numbers[0][0] == numbers[1][2] == numbers[2][0] == numbers[3][3]  # 人才 everywhere
    assert len(table.bigram_code) == len(set(np.concatenate(codes).tolist()))
    df = background_df()[1].get("c:", {})
    assert table.bigram_bg_df[numbers[0][0]] == df.get("人才", 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, (1 << 40) - 1) | st.integers(0, 30), max_size=60), max_size=8))
def test_code_numbers_number_each_code_once(batches: list[list[int]]) -> None:
    """Batch after batch (runs merged on the way: a small run size here), a code keeps its number, a new code gets
    the next one, in code order within its batch: what a dict filled batch by batch would give."""
    numbers = _bulk.CodeNumbers()
    reference: dict[int, int] = {}
    run = _bulk.RECENT_RUN
    _bulk.RECENT_RUN = 5
    try:
        for batch in batches:
            got, fresh = numbers.number(np.asarray(batch, dtype=np.int64))
            new = sorted(set(batch) - set(reference))
            for code in new:
                reference[code] = len(reference)
            assert got.tolist() == [reference[c] for c in batch]
            assert fresh.tolist() == new
            assert numbers.codes.tolist() == sorted(reference, key=reference.__getitem__)
    finally:
        _bulk.RECENT_RUN = run


def test_code_numbers_merge_their_runs() -> None:
    numbers = _bulk.CodeNumbers()
    rng = np.random.default_rng(5)
    codes = rng.integers(0, 1 << 40, 20_000)
    first, _ = numbers.number(codes[:9_000])  # over the run's size: merged into the main run
    assert len(numbers._recent[0]) == 0 and len(numbers._main[0]) == len(set(codes[:9_000].tolist()))
    again, fresh = numbers.number(codes)
    assert np.array_equal(again[:9_000], first)
    assert len(fresh) == len(set(codes.tolist()) - set(codes[:9_000].tolist()))
    keys, values = numbers._main
    assert np.all(np.diff(keys) > 0) and np.array_equal(numbers.codes[values], keys)
