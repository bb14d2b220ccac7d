"""The feature spaces of a large batch built at once (what :func:`~proposalnlp.matching.similarity` ranks).

:class:`~proposalnlp.matching.scoring.Scorer` bags each text in a dict (words, character bigrams, a heading's
boost), remembered for match()'s repeated calls, then numbers the bags' terms. For a thousand texts or more
that per-text Python work costs more than the tokenizer itself. Here the same terms are laid out as one stream
per side (each text's tokens, then its four-character words' halves, then its heading's tokens; its bigrams,
then its heading's), numbered and summed with numpy: the columns come in the same order of first appearance,
each row's entries in the same order, and the sums are exact (every weight is a multiple of the scorer's
grain), so the spaces, and the scores, are bit for bit those of the per-text bags.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import count

import numpy as np

from ..features import BagParts, fold_alnum
from ..tokenize import Tokenizer

#: what one side's space is built from: the column of every term, then each side's bag parts
Built = tuple[dict[str, int], BagParts, BagParts, BagParts | None]


def _bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every character bigram inside runs of ``[0-9a-z]`` and CJK ideographs of each (folded) text, in order, as
    an int64 code (first code point << 21 | second), and the index of the text each comes from: what
    :func:`~proposalnlp.features.char_bigrams` finds, numbered."""
    if not texts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    joined = "\n".join(texts)  # a newline ends every run
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    ok = (
        ((cp >= 0x30) & (cp <= 0x39))
        | ((cp >= 0x61) & (cp <= 0x7A))
        | ((cp >= 0x3400) & (cp <= 0x4DBF))
        | ((cp >= 0x4E00) & (cp <= 0x9FFF))
    )
    at = np.flatnonzero(ok[:-1] & ok[1:])
    codes = (cp[at] << 21) | cp[at + 1]
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    return codes, np.searchsorted(starts, at, side="right") - 1


def _bigram_texts(codes: np.ndarray) -> list[str]:
    """The two-character strings of bigram codes."""
    pairs = np.empty((len(codes), 2), dtype=np.uint32)
    pairs[:, 0] = codes >> 21
    pairs[:, 1] = codes & 0x1FFFFF
    joined = pairs.tobytes().decode("utf-32-le")
    return [joined[i : i + 2] for i in range(0, len(joined), 2)]


def _firsts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a stream numbered in order of first appearance: each entry's number, and the
    stream positions of the first appearances (increasing)."""
    _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    seen = np.zeros(len(values), dtype=bool)
    seen[first] = True
    at = np.flatnonzero(seen)
    number = np.empty(len(first), dtype=np.int64)
    number[inverse.reshape(-1)[at]] = np.arange(len(at), dtype=np.int64)
    return number[inverse.reshape(-1)], at


def _parts(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, n_rows: int, n_feat: int) -> BagParts:
    """Bag parts of a stream of (row, column, weight) entries given row by row: each row's columns in order of
    first appearance, their weights summed in stream order."""
    if not len(rows):
        return [], [], np.zeros(n_rows + 1, dtype=np.int64)
    entry, at = _firsts(rows * n_feat + cols)
    sums = np.bincount(entry, weights=weights, minlength=len(at))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[at], minlength=n_rows))]).astype(np.int64)
    return cols[at], sums, indptr


def word_space(
    tokenizer: Tokenizer,
    sides: Sequence[tuple[Sequence[str], Sequence[str | None], float]],
    sub: float,
    related: dict[str, tuple[str, ...]] | None,
) -> Built:
    """The word space of the queries' and the candidates' side (each: raw texts, headings, heading boost) as
    :func:`~proposalnlp.matching.scoring._vocabulary` builds it from the scorer's word bags."""
    vocab: dict[str, int] = defaultdict(count().__next__)
    getter = vocab.__getitem__
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for texts, heads, boost in sides:
        folded = [fold_alnum(t) for t in texts]
        with_head = [i for i, h in enumerate(heads) if h]
        cut = tokenizer.tokenize_batch(folded + [str(heads[i]) for i in with_head])
        head_tokens: dict[int, list[str]] = dict(zip(with_head, cut[len(texts) :], strict=True))
        terms: list[str] = []
        rows: list[int] = []
        weights: list[float] = []
        for i, tokens in enumerate(cut[: len(texts)]):
            n0 = len(terms)
            terms += tokens
            weights += [1.0] * len(tokens)
            if sub:
                halves = [h for t in tokens if len(t) == 4 for h in (t[:2], t[2:])]
                terms += halves
                weights += [sub] * len(halves)
            ht = head_tokens.get(i)
            if ht and boost:
                terms += ht
                weights += [boost] * len(ht)
            rows += [i] * (len(terms) - n0)
        cols = np.fromiter(map(getter, terms), dtype=np.int64, count=len(terms))
        out.append((np.asarray(rows, dtype=np.int64), cols, np.asarray(weights)))
    if related is not None:
        for t in list(filter(related.__contains__, vocab)):
            for w in related[t]:
                vocab[w]
    n_feat = len(vocab)
    parts = [_parts(r, c, w, len(side[0]), n_feat) for (r, c, w), side in zip(out, sides, strict=True)]
    return dict(vocab), parts[0], parts[1], None


def bigram_space(
    sides: Sequence[tuple[Sequence[str], Sequence[str | None], float]], heading: bool
) -> tuple[Built, np.ndarray, bool]:
    """The character-bigram space of the two sides as :func:`~proposalnlp.matching.scoring._vocabulary` builds
    it from the scorer's bigram bags, whether each query's heading has a bigram, and whether the queries'
    headings are the space's extra rows (``heading`` asks for them, and a heading has a bigram)."""
    streams: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    has_head = np.zeros(0, dtype=bool)
    extra = False
    for k, (texts, heads, boost) in enumerate(sides):
        n = len(texts)
        pieces: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, (t, h) in enumerate(zip(texts, heads, strict=True)):
            pieces.append(fold_alnum(t))
            owner.append(i)
            weight.append(1.0)
            if h and boost:
                pieces.append(fold_alnum(h))
                owner.append(i)
                weight.append(boost)
        codes, piece = _bigram_codes(pieces)
        streams.append((codes, np.asarray(owner, dtype=np.int64)[piece], np.asarray(weight)[piece]))
        if k == 0:
            hcodes, hrow = _bigram_codes([fold_alnum(h) if h else "" for h in heads])
            has_head = np.bincount(hrow, minlength=n) > 0
            extra = heading and bool(has_head.any())
            if extra:
                head_stream = (hcodes, hrow, np.ones(len(hcodes)))
    if extra:
        streams.append(head_stream)
    all_codes = np.concatenate([s[0] for s in streams])
    cols, at = _firsts(all_codes)
    vocab = dict(zip(_bigram_texts(all_codes[at]), range(len(at)), strict=True))
    n_feat = len(vocab)
    sizes = [len(sides[0][0]), len(sides[1][0])] + ([len(sides[0][0])] if extra else [])
    parts: list[BagParts] = []
    start = 0
    for (codes, rows, w), n in zip(streams, sizes, strict=True):
        parts.append(_parts(rows, cols[start : start + len(codes)], w, n, n_feat))
        start += len(codes)
    return (vocab, parts[0], parts[1], parts[2] if extra else None), has_head, extra
