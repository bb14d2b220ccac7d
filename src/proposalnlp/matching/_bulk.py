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

from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from itertools import chain, count

import numpy as np

from ..features import BIGRAM_CHAR_RANGES, BagParts, fold_alnum
from ..tokenize import Tokenizer

#: what one side's space is built from: the column of every term (words: a dict; character bigrams: their codes
#: in column order), then the queries', the candidates' and the extra queries' bag parts
Built = tuple[dict[str, int] | np.ndarray, BagParts, BagParts, BagParts | None]


#: whether each code point of the BMP is a bigram run's character (:data:`~proposalnlp.features.BIGRAM_CHAR_RANGES`)
_RUN_CHARS = np.zeros(0x10000, dtype=bool)
for _lo, _hi in BIGRAM_CHAR_RANGES:
    _RUN_CHARS[_lo : _hi + 1] = True


def _bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
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
    """The code of a two-character string (first code point << 21 | second), as :func:`_bigram_codes` gives."""
    return (ord(bigram[0]) << 21) | ord(bigram[1])


def _stream_parts(
    streams: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], n_rows: Sequence[int]
) -> tuple[np.ndarray, list[BagParts]]:
    """Bag parts of streams of (term, row, weight) entries, each given row by row (one stream per side, its
    ``n_rows[k]`` rows): the terms numbered in order of first appearance over the streams one after the other,
    each row's columns in order of first appearance, their weights summed in stream order. Returns the terms
    in column order and each stream's parts. One stable sort by term does it all: within a term, entries keep
    stream order, so a row's repeats of it are adjacent."""
    values = np.concatenate([v for v, _, _ in streams])
    offsets = np.cumsum([0, *n_rows])
    rows = np.concatenate([r + offsets[k] for k, (_, r, _) in enumerate(streams)])
    weights = np.concatenate([w for _, _, w in streams])
    n = len(values)
    if not n:
        empty: BagParts = (np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(1, dtype=np.int64))
        return values, [(empty[0], empty[1], np.zeros(m + 1, dtype=np.int64)) for m in n_rows]
    order, sv = stable_order(values)
    sr = rows[order]
    new_term = np.empty(n, dtype=bool)
    new_term[0] = True
    np.not_equal(sv[1:], sv[:-1], out=new_term[1:])
    new_run = new_term.copy()
    new_run[1:] |= sr[1:] != sr[:-1]
    # runs: one per (row, term), summed in stream order
    starts = np.flatnonzero(new_run)
    sums = np.add.reduceat(weights[order], starts)
    run_first = order[starts]
    # columns: the terms by their first position (a term's first run holds it); the positions are distinct, so
    # any sort of them gives the one order
    term_start = new_term[starts]
    term_first = run_first[term_start]
    by_first = np.argsort(term_first)
    column_of = np.empty(len(term_first), dtype=np.int64)
    column_of[by_first] = np.arange(len(term_first), dtype=np.int64)
    run_column = column_of[np.cumsum(term_start) - 1]
    # entries: the runs in order of first position (a scatter by position and a gather)
    run_at = np.full(n, -1, dtype=np.int64)
    run_at[run_first] = np.arange(len(starts), dtype=np.int64)
    entries = run_at[run_at >= 0]
    e_col, e_sum, e_row = run_column[entries], sums[entries], rows[run_first[entries]]
    # the entries come row by row (each stream is given so, one after the other): every row's pointers at once
    ptr = np.zeros(int(offsets[-1]) + 1, dtype=np.int64)
    np.cumsum(np.bincount(e_row, minlength=int(offsets[-1])), out=ptr[1:])
    parts: list[BagParts] = []
    for k in range(len(n_rows)):
        row_ptr = ptr[offsets[k] : offsets[k + 1] + 1]
        a, b = row_ptr[0], row_ptr[-1]
        parts.append((e_col[a:b], e_sum[a:b], row_ptr - a))
    return sv[new_term][by_first], parts


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


def word_space(
    tokenizer: Tokenizer,
    sides: Sequence[tuple[Sequence[str], Sequence[str | None], float]],
    sub: float,
    related: dict[str, tuple[str, ...]] | None,
    flat_tokens: Callable[[list[str]], tuple[list[str], list[int]]] | None = None,
) -> Built:
    """The word space of the queries' and the candidates' side (each: texts folded by
    :func:`~proposalnlp.features.fold_alnum`, headings, heading boost) as
    :func:`~proposalnlp.matching.scoring._vocabulary` builds it from the scorer's word bags: each text's stream
    is its tokens, then the halves of its four-character tokens (``sub`` each), then its heading's tokens
    (the boost each), laid out by position with numpy. ``flat_tokens``: the tokens of a list of texts as one flat list
    and each text's count (by default ``tokenizer.tokenize_flat``; the scorer passes its remembered tokens)."""
    cut_flat = flat_tokens if flat_tokens is not None else tokenizer.tokenize_flat
    ids: dict[str, int] = defaultdict(count().__next__)  # provisional numbers; columns come from the streams
    getter = ids.__getitem__
    cut: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, float]] = []
    for texts, heads, boost in sides:
        n = len(texts)
        with_head = [i for i, h in enumerate(heads) if h] if boost else []
        flat, counts = cut_flat([*texts, *(str(heads[i]) for i in with_head)])
        tok = np.fromiter(map(getter, flat), dtype=np.int64, count=len(flat))
        per_piece = np.asarray(counts, dtype=np.int64)
        rows = np.concatenate([np.arange(n, dtype=np.int64), np.asarray(with_head, dtype=np.int64)])
        cut.append((n, tok, np.repeat(rows, per_piece), per_piece, boost))
    # the halves of each four-character word, numbered once every side's words are
    half1, half2 = _halves(ids) if sub else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    streams: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for n, tok, piece_row, per_piece, boost in cut:
        n_text = int(per_piece[:n].sum())
        text_tok, head_tok = tok[:n_text], tok[n_text:]
        text_row, head_row = piece_row[:n_text], piece_row[n_text:]
        four = np.flatnonzero(half1[text_tok] >= 0) if sub else np.zeros(0, dtype=np.int64)
        n_tok = np.bincount(text_row, minlength=n)
        n_half = 2 * np.bincount(text_row[four], minlength=n)
        n_head = np.bincount(head_row, minlength=n)
        offset = np.concatenate([[0], np.cumsum(n_tok + n_half + n_head)]).astype(np.int64)
        total = int(offset[-1])
        terms = np.empty(total, dtype=np.int64)
        weights = np.empty(total)
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(offset))
        first_tok = np.concatenate([[0], np.cumsum(n_tok)])[:-1]
        at = offset[text_row] + np.arange(n_text, dtype=np.int64) - first_tok[text_row]
        terms[at], weights[at] = text_tok, 1.0
        if len(four):
            r4 = text_row[four]
            first_four = np.concatenate([[0], np.cumsum(n_half // 2)])[:-1]
            at = offset[r4] + n_tok[r4] + 2 * (np.arange(len(four), dtype=np.int64) - first_four[r4])
            terms[at], terms[at + 1] = half1[text_tok[four]], half2[text_tok[four]]
            weights[at] = weights[at + 1] = sub
        if len(head_tok):
            first_head = np.concatenate([[0], np.cumsum(n_head)])[:-1]
            at = offset[head_row] + n_tok[head_row] + n_half[head_row]
            at += np.arange(len(head_tok), dtype=np.int64) - first_head[head_row]
            terms[at], weights[at] = head_tok, boost
        streams.append((terms, rows, weights))
    order, parts = _stream_parts(streams, [len(side[0]) for side in sides])
    names = list(ids)
    vocab = {names[i]: j for j, i in enumerate(order.tolist())}
    if related is not None:
        columns: dict[str, int] = defaultdict(count(len(vocab)).__next__, vocab)
        # each related word of the words that have some, in column order (a C-level walk of the same loop)
        deque(map(columns.__getitem__, chain.from_iterable([related[t] for t in vocab if t in related])), maxlen=0)
        vocab = dict(columns)
    return vocab, parts[0], parts[1], None


def _halves(ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """For each provisional number of ``ids``, the numbers of its word's two halves when it has four
    characters (-1 otherwise); the halves are numbered as they come."""
    getter = ids.__getitem__
    words = list(ids)
    first = np.full(len(words), -1, dtype=np.int64)
    second = np.full(len(words), -1, dtype=np.int64)
    for i, w in [(i, w) for i, w in enumerate(words) if len(w) == 4]:  # the same numbering order, fewer steps
        first[i], second[i] = getter(w[:2]), getter(w[2:])
    n = len(ids)  # halves numbered just now are no four-character words
    if n > len(words):
        first = np.concatenate([first, np.full(n - len(words), -1, dtype=np.int64)])
        second = np.concatenate([second, np.full(n - len(words), -1, dtype=np.int64)])
    return first, second


def bigram_space(
    sides: Sequence[tuple[Sequence[str], Sequence[str | None], float]], heading: bool
) -> tuple[Built, np.ndarray, bool]:
    """The character-bigram space of the two sides (texts folded, as for :func:`word_space`) as
    :func:`~proposalnlp.matching.scoring._vocabulary` builds it from the scorer's bigram bags, whether each
    query's heading has a bigram, and whether the queries' headings are the space's extra rows (``heading``
    asks for them, and a heading has a bigram)."""
    streams: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    has_head = np.zeros(0, dtype=bool)
    extra = False
    for k, (texts, heads, boost) in enumerate(sides):
        n = len(texts)
        pieces: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, (t, h) in enumerate(zip(texts, heads, strict=True)):
            pieces.append(t)
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
    sizes = [len(sides[0][0]), len(sides[1][0])] + ([len(sides[0][0])] if extra else [])
    codes, parts = _stream_parts(streams, sizes)
    return (codes, parts[0], parts[1], parts[2] if extra else None), has_head, extra
