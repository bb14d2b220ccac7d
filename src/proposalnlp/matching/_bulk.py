"""Character bigrams as integer codes, and a fast stable sort: what the term table (:mod:`._terms`) and the
scorer's column numbering (:mod:`.scoring`) build the feature spaces with."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..features import BIGRAM_CHAR_RANGES

#: whether each code point of the BMP is a bigram run's character (:data:`~proposalnlp.features.BIGRAM_CHAR_RANGES`)
_RUN_CHARS = np.zeros(0x10000, dtype=bool)
for _lo, _hi in BIGRAM_CHAR_RANGES:
    _RUN_CHARS[_lo : _hi + 1] = True


def bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every character bigram inside runs of ``[0-9a-z]`` and CJK ideographs of each (folded) text, in order, as
    an int64 code (first code point << 21 | second), and the index of the text each comes from: what
    :func:`~proposalnlp.features.char_bigrams` finds, numbered."""
    if not texts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    joined = "\n".join(texts)  # a newline ends every run
    # (a lone surrogate is kept as its code point, which no run holds, as char_bigrams reads it)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # whether each character is a run's, looked up in a table of the BMP (every range lies in it; any code point
    # above it is clipped to U+FFFF, which no range holds): one gather instead of eight comparisons
    ok = _RUN_CHARS.take(np.minimum(cp, 0xFFFF))
    at = np.flatnonzero(ok[:-1] & ok[1:])
    codes = (cp[at].astype(np.int64) << 21) | cp[at + 1]
    # the text of each character (its newline counted with it), gathered at the bigrams: cheaper than a search
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    return codes, np.repeat(np.arange(len(texts), dtype=np.int64), lengths).take(at)


def pair_codes(texts: Sequence[str]) -> list[np.ndarray]:
    """Every two-character substring of each (folded) text, in order, as an int64 code (first code point << 21 |
    second), a character that no bigram run holds read as 0: those without a 0 are the text's bigrams
    (:func:`bigram_codes`); all of them are what :func:`~proposalnlp.matching.answer.common_runs` prunes with."""
    if not texts:
        return []
    cp = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    cp[~_RUN_CHARS.take(np.minimum(cp, 0xFFFF))] = 0
    pairs = (cp[:-1] << 21) | cp[1:]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths + 1) - lengths - 1
    # (a text of n characters has n - 1 pairs; an empty one none)
    return [pairs[a : a + n - 1] if n else pairs[:0] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]


def bigram_code(bigram: str) -> int:
    """The code of a two-character string (first code point << 21 | second), as :func:`bigram_codes` gives."""
    return (ord(bigram[0]) << 21) | ord(bigram[1])


def code_lookup(table: Mapping[str, int]) -> Callable[[np.ndarray], np.ndarray]:
    """The values of a table of bigrams (its two-character keys) by bigram code (:func:`bigram_code`; 0.0 when
    absent), looked up in a sorted array."""
    pairs = sorted((bigram_code(k), v) for k, v in table.items() if len(k) == 2)
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    values = np.array([v for _, v in pairs], dtype=float)

    def lookup(codes: np.ndarray) -> np.ndarray:
        if not len(keys):
            return np.zeros(len(codes))
        at = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
        return np.where(keys[at] == codes, values[at], 0.0)

    return lookup


def stable_order(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.argsort(values, kind="stable")`` of non-negative int64 values, and the values in that order: one plain
    sort of (value, position) packed in one integer (exact: the positions break every tie, in order), in 32 bits
    when it fits (about twice as fast as 64), else in 64 bits (several times faster than a stable argsort)."""
    n = len(values)
    pos_bits = max(int(n - 1).bit_length(), 1)
    top = int(values.max()) if n else 0
    if pos_bits < 32 and top < 1 << (32 - pos_bits):
        packed = np.sort(((values << pos_bits) | np.arange(n, dtype=np.int64)).astype(np.uint32)).astype(np.int64)
    elif top < 1 << (63 - pos_bits):
        packed = np.sort((values << pos_bits) | np.arange(n, dtype=np.int64))
    else:  # pragma: no cover - values or arrays too large to pack
        order = np.argsort(values, kind="stable")
        return order, values[order]
    return packed & ((1 << pos_bits) - 1), packed >> pos_bits


def unique_first_inverse(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_index=True, return_inverse=True)`` of non-negative int64 keys, by one packed plain
    sort (:func:`stable_order`: ties come in position order, so each key's first position is its smallest)."""
    n = len(key)
    order, sk = stable_order(key)
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(sk[1:], sk[:-1], out=new[1:])
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return sk[new], order[new], inverse


def dense_first_inverse(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`unique_first_inverse` of keys that are numbers below ``size`` (the term table's word and bigram
    numbers): without a sort when ``size`` is small beside the keys (each number's first position by one
    ``np.minimum.at``, its rank by a running count), which on a busy machine is many times cheaper than
    sorting thousands of keys; by the sort otherwise. The same arrays either way."""
    n = len(key)
    if size > 8 * n + 4096:
        return unique_first_inverse(key)
    first_at = np.full(size, n, dtype=np.int64)
    np.minimum.at(first_at, key, np.arange(n, dtype=np.int64))
    present = first_at < n
    uniq = np.flatnonzero(present).astype(np.int64, copy=False)
    rank = np.cumsum(present, dtype=np.int64) - 1
    return uniq, first_at[uniq], rank[key]


#: the run of new codes of :class:`CodeNumbers` is merged into the main run past this size (or an eighth of it)
RECENT_RUN = 4096


class CodeNumbers:
    """Numbers of non-negative int64 codes (the term table's bigram codes), each new code numbered as it first
    comes (the new codes of one batch in code order), held in sorted arrays rather than a dict: a batch of many
    new codes (similarity()'s thousand texts) costs a few numpy passes, not a Python call per code. New codes go
    to a small sorted run, merged into the main one when it grows past an eighth of it (so a warm, large table
    is not copied for each few new codes)."""

    def __init__(self) -> None:
        empty = np.zeros(0, dtype=np.int64)
        #: the code of each number
        self.codes = empty
        self._main = (empty, empty)  # sorted codes and their numbers
        self._recent = (empty, empty)

    def __len__(self) -> int:
        return len(self.codes)

    def number(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The number of each code, and the codes numbered by this call (in order of their numbers)."""
        uniq, _, inverse = unique_first_inverse(codes)
        numbers = np.full(len(uniq), -1, dtype=np.int64)
        for keys, values in (self._main, self._recent):
            if len(keys):
                pos = np.minimum(np.searchsorted(keys, uniq), len(keys) - 1)
                hit = keys[pos] == uniq
                numbers[hit] = values[pos[hit]]
        new = np.flatnonzero(numbers < 0)
        fresh = uniq[new]
        if len(fresh):
            numbers[new] = len(self.codes) + np.arange(len(fresh), dtype=np.int64)
            self.codes = np.concatenate([self.codes, fresh])
            keys, values = self._recent
            at = np.searchsorted(keys, fresh)
            keys, values = np.insert(keys, at, fresh), np.insert(values, at, numbers[new])
            main_keys, main_values = self._main
            if len(keys) > max(RECENT_RUN, len(main_keys) // 8):
                at = np.searchsorted(main_keys, keys)
                self._main = (np.insert(main_keys, at, keys), np.insert(main_values, at, values))
                keys = values = np.zeros(0, dtype=np.int64)
            self._recent = (keys, values)
        return numbers[inverse], fresh
