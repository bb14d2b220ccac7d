"""Character bigrams as integer codes, and a fast stable sort: what the term table (:mod:`._terms`) and the
scorer's column numbering (:mod:`.scoring`) build the feature spaces with."""

from __future__ import annotations

from collections.abc import Sequence

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


def bigram_code(bigram: str) -> int:
    """The code of a two-character string (first code point << 21 | second), as :func:`bigram_codes` gives."""
    return (ord(bigram[0]) << 21) | ord(bigram[1])


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
