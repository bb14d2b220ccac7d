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
