"""Features of a text for the linear theme models: word and character n-grams, sublinear tf-idf.

Two paths give the same matrix. The reference, :func:`analyze` then :meth:`Featurizer.transform_terms`,
lists each text's n-grams as strings and keys (training uses it, it is easy to read). The batch path,
:meth:`Featurizer.transform_csr`, is what ``classify`` and ``classify_many`` run: it cuts each text once
and does the rest over the whole batch with numpy. Tokens become integer ids through a memo (one C-level
dictionary look-up per token), word bigrams and character n-grams are packed into int64 keys and found
in an open-addressing hash table (:class:`KeyTable`), and one sort counts the (row, column) pairs.
Tests check that both paths give identical matrices on real documents.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import chain, compress, count, filterfalse, islice, repeat
from operator import add
from typing import Any

import numpy as np

from .errors import ModelFormatError
from .tokenize import CONTENT, TOKEN_FOLD, Tokenizer

__all__ = [
    "MAX_CHAR_NGRAM",
    "Featurizer",
    "KeyTable",
    "analyze",
    "char_key_to_term",
    "char_ngram_keys",
    "char_terms_to_keys",
    "codepoints",
    "lead_length",
]

#: Character n-grams are int64 keys: code points packed 21 bits apiece (up to 3 characters in 63 bits).
_SHIFT = 21
MAX_CHAR_NGRAM = 3


def _word_ngrams(tokens: list[str], lo: int, hi: int) -> list[str]:
    """Word n-grams for n in [lo, hi], tokens joined by a space; built with C-level map."""
    out: list[str] = []
    joined = tokens
    for n in range(1, hi + 1):
        if n > 1:
            joined = list(map(add, map(add, joined, repeat(" ")), tokens[n - 1 :]))
        if n >= lo:
            out.extend(joined)
        if not joined:
            break
    return out


def codepoints(text: str) -> np.ndarray:
    """The code points of a string as an int64 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


def char_ngram_keys(codes: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """int64 keys of every character n-gram (n in [lo, hi], repeats kept) of one text's code points.

    A key packs the n code points (21 bits each), so keys of different lengths never collide.
    """
    parts = []
    length = len(codes)
    for n in range(max(lo, 1), hi + 1):
        if length < n:
            break
        key = codes[: length - n + 1]
        for j in range(1, n):
            key = (key << _SHIFT) | codes[j : length - n + 1 + j]
        parts.append(key)
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(parts) if len(parts) > 1 else parts[0].copy()


def char_terms_to_keys(terms: Sequence[str]) -> np.ndarray:
    """Keys of character n-gram strings (vectorised per length)."""
    keys = np.zeros(len(terms), dtype=np.int64)
    by_len: dict[int, list[int]] = {}
    for i, t in enumerate(terms):
        by_len.setdefault(len(t), []).append(i)
    for n, idx in by_len.items():
        if not 1 <= n <= MAX_CHAR_NGRAM:
            raise ModelFormatError(f"character n-gram of length {n} in the vocabulary (1 to {MAX_CHAR_NGRAM} allowed)")
        codes = codepoints("".join(terms[i] for i in idx)).reshape(len(idx), n)
        key = codes[:, 0].copy()
        for j in range(1, n):
            key = (key << _SHIFT) | codes[:, j]
        keys[np.asarray(idx, dtype=np.int64)] = key
    return keys


def char_key_to_term(key: int) -> str:
    """The string of a character n-gram key."""
    chars = []
    while key:
        chars.append(chr(key & ((1 << _SHIFT) - 1)))
        key >>= _SHIFT
    return "".join(reversed(chars))


#: Tokens that end a unit's first sentence (often its heading: 一、加大人才引进力度。), before and after folding.
_LEAD_END = frozenset(["。", "！", "？", "；", "!", "?", ";", "\n", "\r\n"])


def lead_length(tokens: Sequence[str]) -> int:
    """How many of the engine's tokens (whitespace included) make a text's first sentence: those before the
    first sentence-ending token, when more than whitespace follows it; else 0 (a one-sentence text has no lead).
    """
    end = next(compress(count(), map(_LEAD_END.__contains__, tokens)), None)
    if end is None or next(filterfalse(str.isspace, islice(tokens, end + 1, None)), None) is None:
        return 0
    return end


def _content(tokens: Sequence[str]) -> list[str]:
    """Content tokens of the engine's output, folded: no whitespace, no pure punctuation (stopwords kept)."""
    fold, search = TOKEN_FOLD.get, CONTENT.search
    return [t for t in (fold(r, r) for r in tokens if not r.isspace()) if t.isalnum() or search(t)]


def analyze(
    tokenizer: Tokenizer,
    text: str,
    word_ngram_range: tuple[int, int],
    char_ngram_range: tuple[int, int],
    lead_weight: int = 0,
) -> tuple[list[str], np.ndarray]:
    """Word n-grams (strings) and character n-gram keys of one text, repeats kept, segmenting it once.

    Words are the tokenizer's content tokens (no punctuation, no stopwords; with ``subwords=True`` its
    search-mode tokens, i.e. a long word's parts before the word); bigrams join two adjacent content
    tokens with a space. Character n-grams run over the normalised text with punctuation and
    spaces removed (stopwords kept), so they also bridge segmentation mistakes. ``lead_weight`` adds the
    word n-grams of the first sentence (:func:`lead_length`) that many more times: a unit's heading or
    opening sentence usually names its point.
    """
    raw = tokenizer.engine_tokens(text)
    content = _content(raw)
    stop = tokenizer.stopword_set
    lo, hi = word_ngram_range
    # With subwords on, words are the search-mode content tokens (a long word's parts, then the word);
    # characters still come from the plain cut, which partitions the text.
    tokens = tokenizer.tokenize(text) if tokenizer.subwords else [t for t in content if t not in stop]
    words = _word_ngrams(tokens, lo, hi)
    n_lead = lead_length(raw) if lead_weight > 0 else 0
    if n_lead:
        if tokenizer.subwords:
            lead_tokens = tokenizer.tokenize("".join(raw[:n_lead]))
        else:
            lead_tokens = [t for t in _content(raw[:n_lead]) if t not in stop]
        words += _word_ngrams(lead_tokens, lo, hi) * int(lead_weight)
    if char_ngram_range[1] > 0:
        chars = char_ngram_keys(codepoints("".join(content)), char_ngram_range[0], char_ngram_range[1])
    else:
        chars = np.zeros(0, dtype=np.int64)
    return words, chars


# -- the batch path ---------------------------------------------------------------------------------------
_EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
#: Most distinct tokens a Featurizer remembers (then it starts a fresh memo).
_MEMO_LIMIT = 1_000_000
#: A token's memo code packs, from the low bits: its length (6 bits, 63 meaning "63 or more"), whether it is
#: whitespace, whether it ends a sentence (:data:`_LEAD_END`), then its kind: 0 not content (whitespace,
#: punctuation), 1 a stopword, 2 + its id for a word (id 0: a word the vocabulary does not know).
_LEN_MASK = 63
_SPACE = 1 << 6
_ENDS = 1 << 7
_KIND = 8
_WORD = 2 << _KIND
#: ``1 + ln(count)`` for the counts a paragraph has (a look-up is several times faster than ``np.log``)
_SUBLINEAR = np.concatenate([[0.0], 1.0 + np.log(np.arange(1, 1025, dtype=np.float64))])


class KeyTable:
    """A read-only hash map from non-negative int64 keys to int64 values, looked up a whole array at a time.

    Open addressing with linear probing, at most a quarter full, Fibonacci hashing: one vectorised probe
    round resolves about nine keys in ten; the few that collided probe on, and the last of them read every
    slot up to the table's longest probe distance in one gather. Several times faster than
    ``np.searchsorted`` over unsorted needles, and the needles need no sort.
    """

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        values = np.asarray(values, dtype=np.int64)
        if keys.shape != values.shape or keys.ndim != 1:
            raise ValueError("keys and values must be one-dimensional arrays of the same length")
        if len(keys) and int(keys.min()) < 0:
            raise ValueError("KeyTable keys must be non-negative")
        if len(np.unique(keys)) != len(keys):
            raise ValueError("KeyTable keys must be unique")
        bits = max(4, int(4 * max(len(keys), 1) - 1).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = np.uint64((1 << bits) - 1)
        # one row per slot, (key, value): a look-up reads both from the same cache line
        self.table = np.full((1 << bits, 2), _EMPTY, dtype=np.int64)
        slot = self._slots(keys)
        pending = np.arange(len(keys))
        #: the longest distance from a key's home slot to where it sits: no look-up needs to probe further
        self.max_probe = -1
        while len(pending):  # place every pending key whose slot is free; the first one wins a shared slot
            self.max_probe += 1
            s = slot[pending]
            free = self.table[s, 0] == _EMPTY
            taken, first = np.unique(s[free], return_index=True)
            winners = pending[free][first]
            self.table[taken, 0] = keys[winners]
            self.table[taken, 1] = values[winners]
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slot[pending] = (slot[pending] + np.uint64(1)) & self._mask

    def __len__(self) -> int:
        return int((self.table[:, 0] != _EMPTY).sum())

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return (keys.view(np.uint64) * _GOLDEN) >> self._shift

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 where the key is absent."""
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        slot = self._slots(keys)
        found = np.take(self.table, slot.astype(np.intp), axis=0)  # np.take: several times faster than [slot]
        held = found[:, 0]
        out = found[:, 1].copy()  # empty slots hold -1
        miss = held != keys
        out[miss] = -1
        again = np.flatnonzero(miss & (held != _EMPTY))
        slot = slot[again]
        # keys whose slot holds another key probe on: slot by slot while many are left (a big batch), then
        # every remaining slot up to max_probe in one gather (a few keys, e.g. one text: one step, not ten)
        step = 0
        while len(again) and step < (2 if len(keys) >= 1024 else 0):
            step += 1
            slot = (slot + np.uint64(1)) & self._mask
            row = np.take(self.table, slot.astype(np.intp), axis=0)
            hit = row[:, 0] == keys[again]
            out[again[hit]] = row[hit, 1]
            more = ~hit & (row[:, 0] != _EMPTY)
            again, slot = again[more], slot[more]
        if len(again) and self.max_probe > step:
            offsets = np.arange(1, self.max_probe - step + 1, dtype=np.uint64)
            rows = np.take(self.table, ((slot[:, None] + offsets) & self._mask).astype(np.intp), axis=0)
            eq = rows[:, :, 0] == keys[again][:, None]
            hit = eq.any(axis=1)
            out[again[hit]] = rows[hit, eq[hit].argmax(axis=1), 1]
        return out


class _BatchTables:
    """What the batch path needs beside the vocabulary: token ids, unigram columns, bigram and char tables."""

    def __init__(self, featurizer: Featurizer) -> None:
        lo, hi = featurizer.word_ngram_range
        self.supported = not featurizer.tokenizer.subwords and 1 <= lo <= hi <= 2
        self.token_ids: dict[str, int] = {}  # token -> id >= 1; 0 stands for a word outside the vocabulary
        unigrams: list[tuple[int, int]] = []
        bigrams: list[tuple[int, int, int]] = []
        ids = self.token_ids
        for col, term in enumerate(featurizer.word_terms):
            parts = term.split(" ")
            if not 1 <= len(parts) <= 2 or "" in parts:
                self.supported = False
                break
            pid = [ids.setdefault(p, len(ids) + 1) for p in parts]
            if len(pid) == 1:
                unigrams.append((pid[0], col))
            else:
                bigrams.append((pid[0], pid[1], col))
        self.n_ids = len(ids) + 1
        self.unigram_cols = np.full(self.n_ids, -1, dtype=np.int64)
        for tid, col in unigrams:
            self.unigram_cols[tid] = col
        pairs = np.array(bigrams, dtype=np.int64).reshape(-1, 3)
        self.bigrams = KeyTable(pairs[:, 0] * self.n_ids + pairs[:, 1], pairs[:, 2])
        # single characters: a dense table by code point (its last entry, -1, for any higher code point);
        # longer character n-grams: a hash table
        keys, cols = featurizer._char_keys, featurizer._char_cols
        single = keys < (1 << _SHIFT)
        top = int(keys[single].max()) + 2 if single.any() else 1
        self.char_unigrams = np.full(top, -1, dtype=np.int64)
        self.char_unigrams[keys[single]] = cols[single]
        self.chars = KeyTable(keys[~single], cols[~single])
        # char_closed[k]: every k-gram in the vocabulary has its first and last (k-1)-grams in it too (true
        # when the vocabulary was cut by document frequency alone), so only those positions need a look-up
        present = np.sort(keys)
        self.char_closed = [False] * (MAX_CHAR_NGRAM + 1)
        for k in range(2, MAX_CHAR_NGRAM + 1):
            of_k = keys[(keys >= 1 << (_SHIFT * (k - 1))) & (keys < 1 << (_SHIFT * k))]
            subs = np.concatenate([of_k >> _SHIFT, of_k & ((1 << (_SHIFT * (k - 1))) - 1)])
            self.char_closed[k] = bool(np.isin(subs, present, assume_unique=False).all())
        self.stop = featurizer.tokenizer.stopword_set
        self._lock = threading.Lock()
        #: raw engine token -> its code (see _KIND)
        self.memo: dict[str, int] = {}
        #: content tokens that the token fold changes, with their folded form (for the character stream)
        self.folded: dict[str, str] = {}

    def learn(self, tokens: list[str]) -> dict[str, int]:
        """A memo that knows every token of ``tokens`` (the same test as :func:`analyze`, once per distinct token)."""
        with self._lock:
            if len(self.memo) > _MEMO_LIMIT:
                self.memo = {}  # readers keep the dictionary they hold
            memo, stop, ids, search = self.memo, self.stop, self.token_ids, CONTENT.search
            for raw in dict.fromkeys(tokens):
                if raw in memo:
                    continue
                code = min(len(raw), _LEN_MASK) | (_SPACE if raw.isspace() else 0) | (_ENDS if raw in _LEAD_END else 0)
                t = TOKEN_FOLD.get(raw, raw)
                if not raw.isspace() and (t.isalnum() or search(t) is not None):
                    if t != raw:
                        self.folded[raw] = t
                    code |= (1 << _KIND) if t in stop else _WORD + (ids.get(t, 0) << _KIND)
                memo[raw] = code
            return memo


def _repeat_rows(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


class Featurizer:
    """Turn texts into the model's feature vectors: sublinear tf-idf over words and characters, each block
    l2-normalised, the character block scaled by ``char_weight``, then the two blocks side by side."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        word_vocab: Sequence[str],
        char_vocab: Sequence[str],
        word_idf: np.ndarray,
        char_idf: np.ndarray,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (1, 3),
        sublinear_tf: bool = True,
        char_weight: float = 1.0,
        lead_weight: int = 0,
    ) -> None:
        self.tokenizer = tokenizer
        self.word_terms = list(word_vocab)
        self.char_terms = list(char_vocab)
        n_word = len(self.word_terms)
        self.word_vocab = {t: i for i, t in enumerate(self.word_terms)}
        keys = char_terms_to_keys(self.char_terms)
        order = np.argsort(keys, kind="stable")
        self._char_keys = keys[order]
        if len(keys) > 1 and (np.diff(self._char_keys) == 0).any():
            raise ModelFormatError("char_vocab.json holds duplicate terms")
        self._char_cols = order.astype(np.int64) + n_word
        self.idf = np.concatenate([np.asarray(word_idf, dtype=np.float64), np.asarray(char_idf, dtype=np.float64)])
        if len(self.idf) != n_word + len(self.char_terms):
            raise ModelFormatError(
                f"idf arrays hold {len(self.idf)} values for {n_word + len(self.char_terms)} vocabulary terms"
            )
        self.word_ngram_range = (int(word_ngram_range[0]), int(word_ngram_range[1]))
        self.char_ngram_range = (int(char_ngram_range[0]), int(char_ngram_range[1]))
        if self.char_ngram_range[1] > MAX_CHAR_NGRAM:
            raise ModelFormatError(f"character n-grams longer than {MAX_CHAR_NGRAM} are not supported")
        self.sublinear_tf = bool(sublinear_tf)
        self.char_weight = float(char_weight)
        self.lead_weight = int(lead_weight)

    @property
    def n_features(self) -> int:
        """Number of columns: word features, then character features."""
        return len(self.word_terms) + len(self.char_terms)

    def feature_name(self, column: int) -> tuple[str, str]:
        """The term of a column and its kind, ``"word"`` or ``"char"``."""
        n_word = len(self.word_terms)
        if column < n_word:
            return self.word_terms[column], "word"
        return self.char_terms[column - n_word], "char"

    def analyze(self, text: str) -> tuple[list[str], np.ndarray]:
        """Word n-grams and character n-gram keys of one text."""
        return analyze(self.tokenizer, text, self.word_ngram_range, self.char_ngram_range, self.lead_weight)

    def transform_terms(
        self, analyzed: Sequence[tuple[list[str], np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(indptr, indices, data)`` of a batch from each text's :func:`analyze` output (the
        reference path: training uses it, and tests compare :meth:`transform_csr` with it)."""
        n = len(analyzed)
        rows_all = np.arange(n, dtype=np.int64)
        ids_parts, rows_parts = [], []
        words = [a[0] for a in analyzed]
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
        total = int(lengths.sum())
        if total:
            ids = np.fromiter(map(self.word_vocab.get, chain.from_iterable(words), repeat(-1)), np.int64, total)
            keep = ids >= 0
            ids_parts.append(ids[keep])
            rows_parts.append(np.repeat(rows_all, lengths)[keep])
        if len(self._char_keys):
            chars = [a[1] for a in analyzed]
            lengths = np.fromiter(map(len, chars), dtype=np.int64, count=n)
            if int(lengths.sum()):
                keys = np.concatenate(chars)
                order = np.argsort(keys)  # sorted needles make searchsorted several times faster
                keys = keys[order]
                pos = np.searchsorted(self._char_keys, keys)
                np.minimum(pos, len(self._char_keys) - 1, out=pos)
                hit = self._char_keys[pos] == keys
                ids_parts.append(self._char_cols[pos[hit]])
                rows_parts.append(np.repeat(rows_all, lengths)[order[hit]])
        return self._csr(n, rows_parts, ids_parts)

    def _csr(
        self, n: int, rows_parts: list[np.ndarray], cols_parts: list[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts from every (row, column) occurrence: one sort of packed row-column keys counts them (and
        orders each row's columns), then sublinear tf times idf, and one ``bincount`` for the per-row,
        per-block l2 norms."""
        if not cols_parts:
            return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        n_cols = self.n_features
        # one key per occurrence, row-major; a batch's keys usually fit in 32 bits, which sort twice as fast
        flat = np.concatenate(
            [r * n_cols + c for r, c in zip(rows_parts, cols_parts, strict=True)],
            dtype=np.uint32 if n * n_cols < 1 << 32 else np.int64,
            casting="unsafe",
        )
        flat.sort()
        edge = np.empty(len(flat) + 1, dtype=bool)
        edge[0] = edge[-1] = True
        np.not_equal(flat[1:], flat[:-1], out=edge[1:-1])
        pos = np.flatnonzero(edge)
        keys = flat[pos[:-1]].astype(np.int64)
        counts = np.diff(pos)
        starts = np.searchsorted(keys, np.arange(n + 1, dtype=np.int64) * n_cols)
        per_row = np.diff(starts)
        cols = keys - _repeat_rows(per_row) * n_cols
        vals = self._tf(counts) * np.take(self.idf, cols)
        is_char = cols >= len(self.word_terms)
        seg = np.repeat(np.arange(0, 2 * n, 2, dtype=np.int64), per_row) + is_char
        norms = np.sqrt(np.bincount(seg, weights=vals * vals, minlength=2 * n))
        if self.char_weight == 1.0:
            vals /= norms[seg]
        else:
            vals *= np.where(is_char, self.char_weight, 1.0) / norms[seg]
        return starts, cols, vals

    def _tf(self, counts: np.ndarray) -> np.ndarray:
        """Term frequency weights of counts: ``1 + ln(count)`` (sublinear) or the count itself."""
        if not self.sublinear_tf:
            return counts.astype(np.float64)
        if len(counts) and int(counts.max()) < len(_SUBLINEAR):
            return np.take(_SUBLINEAR, counts)
        return 1.0 + np.log(counts.astype(np.float64))

    def vectorize(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (ascending) and values of one text's feature vector."""
        _, cols, vals = self.transform_csr([text])
        return cols, vals

    def _tables(self) -> _BatchTables:
        tables: _BatchTables | None = self.__dict__.get("_batch_tables")
        if tables is None:  # built on first use; two threads may both build it, and either result is the same
            tables = _BatchTables(self)
            self.__dict__["_batch_tables"] = tables
        return tables

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_batch_tables", None)  # rebuilt on first use (it holds a lock)
        return state

    @staticmethod
    def _lead_mask(codes: np.ndarray, row: np.ndarray, n: int) -> np.ndarray:
        """Which tokens are in their text's lead sentence: :func:`lead_length` for a whole batch at once."""
        big = len(codes) + 1
        ends = np.flatnonzero(codes & _ENDS)
        first_end = np.full(n, big, dtype=np.int64)
        np.minimum.at(first_end, row[ends], ends)
        solid = np.flatnonzero((codes & _SPACE) == 0)
        last_solid = np.full(n, -1, dtype=np.int64)
        np.maximum.at(last_solid, row[solid], solid)
        lead_end = np.where(last_solid > first_end, first_end, -1)  # the lead is the tokens before its end
        return np.arange(len(codes)) < lead_end[row]

    def transform_csr(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The batch as CSR parts ``(indptr, indices, data)``, one row per text, columns ascending in a row.

        Each text is cut once; everything after the cut runs over the whole batch at once. The result
        equals ``transform_terms([analyze(t) for t in texts])``.
        """
        tables = self._tables()
        if not tables.supported:
            return self.transform_terms([self.analyze(t) for t in texts])
        n = len(texts)
        tokens, n_tokens = self.tokenizer.engine_tokens_many(texts)
        memo = tables.memo
        try:
            codes = np.fromiter(map(memo.__getitem__, tokens), np.int64, len(tokens))
        except KeyError:
            memo = tables.learn(tokens)
            codes = np.fromiter(map(memo.__getitem__, tokens), np.int64, len(tokens))
        row = _repeat_rows(np.asarray(n_tokens, dtype=np.int64))
        rows_parts: list[np.ndarray] = []
        cols_parts: list[np.ndarray] = []

        # words: content tokens that are not stopwords, with their row and whether they are in the lead
        is_word = codes >= _WORD
        w = (codes[is_word] >> _KIND) - 2
        w_row = row[is_word]
        lead_weight = self.lead_weight
        if lead_weight > 0:
            w_lead = self._lead_mask(codes, row, n)[is_word]
        lo, hi = self.word_ngram_range
        if lo == 1 and len(w):
            cols = tables.unigram_cols[w]
            hit = cols >= 0
            rows_parts.append(w_row[hit])
            cols_parts.append(cols[hit])
            if lead_weight > 0:
                rows_parts.append(w_row[hit & w_lead].repeat(lead_weight))
                cols_parts.append(cols[hit & w_lead].repeat(lead_weight))
        if hi == 2 and len(w) > 1:
            pair = (w_row[:-1] == w_row[1:]) & (w[:-1] > 0) & (w[1:] > 0)
            cols = np.full(len(pair), -1, dtype=np.int64)
            cols[pair] = tables.bigrams.get(w[:-1][pair] * tables.n_ids + w[1:][pair])
            hit = cols >= 0
            rows_parts.append(w_row[:-1][hit])
            cols_parts.append(cols[hit])
            if lead_weight > 0:
                lead_hit = hit & w_lead[:-1] & w_lead[1:]
                rows_parts.append(w_row[:-1][lead_hit].repeat(lead_weight))
                cols_parts.append(cols[lead_hit].repeat(lead_weight))

        # characters: the content tokens of each text run together, n-grams not crossing texts
        c_lo, c_hi = self.char_ngram_range
        if c_hi > 0 and len(self._char_keys):
            is_content = codes >= 1 << _KIND
            lengths = codes & _LEN_MASK
            if tables.folded or (lengths == _LEN_MASK).any():  # rare: a folded content token, a long token
                pieces = [tables.folded.get(t, t) for t in compress(tokens, is_content.tolist())]
                codes_c = codepoints("".join(pieces))
                c_row = np.repeat(row[is_content], np.fromiter(map(len, pieces), np.int64, len(pieces)))
            else:  # the tokens spell the folded texts: keep the characters of content tokens
                keep = np.repeat(is_content, lengths)
                codes_c = codepoints("".join(tokens))[keep]
                c_row = np.repeat(row, lengths)[keep]
            size = len(codes_c)
            found: np.ndarray | None = None  # which (k-1)-grams were found
            for k in range(max(c_lo, 1), c_hi + 1):
                if size < k:
                    break
                m = size - k + 1
                if k == 1:
                    unigrams = tables.char_unigrams
                    cols = unigrams[np.minimum(codes_c, len(unigrams) - 1)]
                else:
                    key = codes_c[:m]
                    for j in range(1, k):
                        key = (key << _SHIFT) | codes_c[j : m + j]
                    if found is not None and tables.char_closed[k]:
                        # every k-gram of the vocabulary has both of its (k-1)-grams in it: look up only there
                        look = found[:-1] & found[1:]
                        if k == 2:
                            look &= c_row[:-1] == c_row[1:]
                    else:
                        look = c_row[:m] == c_row[k - 1 :]
                    cols = np.full(m, -1, dtype=np.int64)
                    cols[look] = tables.chars.get(key[look])
                found = cols >= 0
                rows_parts.append(c_row[:m][found])
                cols_parts.append(cols[found])
        return self._csr(n, rows_parts, cols_parts)
