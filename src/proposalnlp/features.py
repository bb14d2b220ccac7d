"""Features of a text for the linear theme models: word and character n-grams, sublinear tf-idf.

One path from texts to features, for training and inference alike. :meth:`Featurizer.transform_csr` (what
``classify`` and ``classify_many`` run) cuts each text once and does the rest over the whole batch with
numpy: tokens become integer ids through a memo (one C-level dictionary look-up per token), word n-grams
and character n-grams are packed into int64 keys and found in open-addressing hash tables
(:class:`KeyTable`), and one sort counts the (row, column) pairs. :func:`fit_featurizer` runs the same
code over an open vocabulary to count document frequencies, keeps the terms, then builds the training
matrix with :meth:`Featurizer.transform_csr`'s code. One short text alone (a warm ``classify()`` call) finds
the same occurrences with a few numpy calls (:class:`_OneText`) and is then counted and weighed by the same code.
Tests compare both with a plain-Python reference.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from itertools import chain, compress, count, filterfalse, islice, pairwise, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ModelFormatError
from .tokenize import BATCH_SEPARATOR, CONTENT, TOKEN_FOLD, Tokenizer

__all__ = [
    "BIGRAM_CHAR_RANGES",
    "MAX_CHAR_NGRAM",
    "Featurizer",
    "KeyTable",
    "char_key_to_term",
    "char_terms",
    "char_terms_to_keys",
    "codepoints",
    "fit_featurizer",
    "lead_length",
    "select_terms",
]

#: Character n-grams are int64 keys: code points packed 21 bits apiece (up to 3 characters in 63 bits).
_SHIFT = 21
MAX_CHAR_NGRAM = 3


def codepoints(text: str) -> np.ndarray:
    """The code points of a string as an int64 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


def char_terms_to_keys(terms: Sequence[str]) -> np.ndarray:
    """Keys of character n-gram strings (vectorised per length)."""
    keys = np.zeros(len(terms), dtype=np.int64)
    lengths = np.fromiter(map(len, terms), np.int64, len(terms))
    wrong = lengths[(lengths < 1) | (lengths > MAX_CHAR_NGRAM)]
    if len(wrong):
        n = int(wrong[0])
        raise ModelFormatError(f"character n-gram of length {n} in the vocabulary (1 to {MAX_CHAR_NGRAM} allowed)")
    for n in range(1, MAX_CHAR_NGRAM + 1):  # by length, the terms of each at once (C-level maps)
        of_n = lengths == n
        idx = np.flatnonzero(of_n)
        if not len(idx):
            continue
        codes = codepoints("".join(compress(terms, of_n.tolist()))).reshape(len(idx), n)
        key = codes[:, 0].copy()
        for j in range(1, n):
            key = (key << _SHIFT) | codes[:, j]
        keys[idx] = key
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


# -- from texts to features: the one path -----------------------------------------------------------------
_EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
#: Most distinct tokens a Featurizer remembers, and most characters they may hold in all (past either it
#: starts a fresh memo: a service fed unique texts stays flat); a token longer than ``_MEMO_TOKEN_CHARS`` (a
#: run of digits or letters) gets its code for the text at hand only, never remembered.
_MEMO_LIMIT = 300_000
_MEMO_CHARS = 3_000_000
_MEMO_TOKEN_CHARS = 64
#: A token's memo code packs, from the low bits: its length (6 bits, 63 meaning "63 or more"), whether it is
#: whitespace, whether it ends a sentence (:data:`_LEAD_END`), then its kind: 0 not content (whitespace,
#: punctuation), 1 a stopword, 2 + its id for a word (id 0: a word the vocabulary does not know).
_LEN_MASK = 63
_SPACE = 1 << 6
_ENDS = 1 << 7
_KIND = 8
_WORD = 2 << _KIND
#: The code of the separator between two texts in a batch cut in one engine call (:class:`_Cut`): negative, so
#: no other token has it; one character long, whitespace (its text's lead sentence ends before it), no content.
#: A token U+206F of a batch cut text by text gets the code any other such token would have, ``_SEP_PLAIN``.
_SEP_CODE = -(1 << _KIND) | _SPACE | 1
_SEP_PLAIN = 1
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
        ordered = np.sort(keys)  # (np.unique is several times slower on numpy 2.4's hash path)
        if len(keys) > 1 and not (ordered[1:] != ordered[:-1]).all():
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
        slot = keys.view(np.uint64) * _GOLDEN
        slot >>= self._shift
        found = np.take(self.table, slot.view(np.intp), axis=0)  # np.take: several times faster than [slot]
        held = found[:, 0]
        out = found[:, 1]  # (a view: the values read, corrected below where the slot held another key)
        again = np.flatnonzero(held != keys)
        if not len(again):
            return out
        out[again] = -1
        again = again[held[again] != _EMPTY]  # the misses whose slot was taken: they probe on
        slot = slot[again]
        # keys whose slot holds another key probe on: slot by slot while many are left (a big batch), then
        # every remaining slot up to max_probe in one gather (a few keys, e.g. one text: one step, not ten)
        step = 0
        while len(again) and step < (2 if len(keys) >= 1024 else 0):
            step += 1
            slot = (slot + np.uint64(1)) & self._mask
            row = np.take(self.table, slot.view(np.intp), axis=0)
            hit = row[:, 0] == keys[again]
            out[again[hit]] = row[hit, 1]
            more = ~hit & (row[:, 0] != _EMPTY)
            again, slot = again[more], slot[more]
        if len(again) and self.max_probe > step:
            offsets = np.arange(1, self.max_probe - step + 1, dtype=np.uint64)
            rows = np.take(self.table, ((slot[:, None] + offsets) & self._mask).view(np.intp), axis=0)
            eq = rows[:, :, 0] == keys[again][:, None]
            hit = eq.any(axis=1)
            out[again[hit]] = rows[hit, eq[hit].argmax(axis=1), 1]
        return out


#: The column of a character n-gram that is not a term but part of a longer term (see :func:`_with_parts`).
_PART = -2


def _with_parts(keys: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Character n-gram keys and columns, with the first and last (k-1)-grams of every k-gram (recursively)
    that are not keys themselves added with the column :data:`_PART`. A vocabulary cut by document frequency
    alone has none (a term's parts occur wherever it does); one cut by ``max_features`` has a few, dropped by
    the tie-break at the cut."""
    known, added = keys, []
    for k in range(MAX_CHAR_NGRAM, 1, -1):
        of_k = known[(known >= 1 << (_SHIFT * (k - 1))) & (known < 1 << (_SHIFT * k))]
        subs = np.concatenate([of_k >> _SHIFT, of_k & ((1 << (_SHIFT * (k - 1))) - 1)])
        present = np.sort(known)
        at = np.minimum(np.searchsorted(present, subs), max(len(present) - 1, 0))
        missing = np.sort(subs[present[at] != subs] if len(present) else subs)
        missing = missing[_distinct(missing)[:-1]]
        known = np.concatenate([known, missing])
        added.append(missing)
    if not sum(map(len, added)):
        return keys, cols
    extra = np.concatenate(added)
    return known, np.concatenate([cols, np.full(len(extra), _PART, dtype=np.int64)])


class _Tables:
    """Token codes through memos, and the look-ups that turn n-gram keys into columns.

    :func:`_occurrences` asks a tables object for every look-up, so the same code serves a fitted vocabulary
    (:class:`_VocabTables`, inference) and an open one (:class:`_OpenTables`, counting terms while fitting).
    Token ids start at 1; id 0 stands for a word the vocabulary does not know. A word n-gram's key is its
    first token's id for a unigram, and for longer n-grams ``prefix_code * n_ids + last_id``, where the
    prefix code of a bigram is its first token's id and of a longer n-gram a dense code of its (n-1)-gram
    prefix (:meth:`prefix_codes`): every key stays below ``max(n_ids, number of prefixes) * n_ids``, far from
    int64 overflow at any n-gram length.
    """

    #: whether there are character terms to find; which character n-gram lengths need a look-up only where
    #: both (k-1)-grams were found; which character n-gram lengths' look-ups may give _PART (parts of terms)
    has_chars: bool
    char_closed: list[bool]
    char_parts: list[bool]

    def __init__(self, tokenizer: Tokenizer, open_vocabulary: bool) -> None:
        self.stop = tokenizer.stopword_set
        self.open = open_vocabulary
        self.token_ids: dict[str, int] = {}  # token -> id >= 1
        self._lock = threading.Lock()
        #: raw engine token -> its code (see _KIND); search-mode tokens (subwords) have a memo of their own
        self.memo: dict[str, int] = {}
        self.search_memo: dict[str, int] = {}
        self._memo_chars = [0, 0]  # characters of the tokens in memo, search_memo
        #: content tokens that the token fold changes, with their folded form (for the character stream)
        self.folded: dict[str, str] = {}
        #: the codes of the memo's short tokens found by their characters (:meth:`stream_codes`); rebuilt as the
        #: memo grows
        self._short: _TokenTable | None = None

    @property
    def n_ids(self) -> int:
        return len(self.token_ids) + 1

    def _word_id(self, token: str) -> int:
        ids = self.token_ids
        return ids.setdefault(token, len(ids) + 1) if self.open else ids.get(token, 0)

    def learn(self, tokens: list[str], search: bool = False) -> dict[str, int]:
        """A memo that knows every token of ``tokens``, each decided once (a token over
        ``_MEMO_TOKEN_CHARS`` characters is in the returned dict only, never in the kept memo).

        Plain tokens (the engine's cut): content tokens are folded (:data:`TOKEN_FOLD`), then kept when
        alphanumeric or holding a word character; words are content tokens that are not stopwords.
        Search-mode tokens (``subwords=True``) are words as :meth:`Tokenizer.tokenize` keeps them: not
        folded, not whitespace, holding a word character, not a stopword.
        """
        with self._lock:
            held = self.search_memo if search else self.memo
            if len(held) > _MEMO_LIMIT or self._memo_chars[search] > _MEMO_CHARS:  # readers keep the dict they hold
                self._memo_chars[search] = 0
                if search:
                    self.search_memo = {}
                else:
                    self.memo = {}
            memo, stop, content = (self.search_memo if search else self.memo), self.stop, CONTENT.search
            long: dict[str, int] = {}
            chars = 0
            for raw in dict.fromkeys(tokens):
                if raw in memo:
                    continue
                if raw == BATCH_SEPARATOR and not search:
                    code = _SEP_CODE
                elif search:
                    is_word = raw not in stop and not raw.isspace() and content(raw) is not None
                    code = _WORD + (self._word_id(raw) << _KIND) if is_word else 0
                else:
                    code = (
                        min(len(raw), _LEN_MASK) | (_SPACE if raw.isspace() else 0) | (_ENDS if raw in _LEAD_END else 0)
                    )
                    t = TOKEN_FOLD.get(raw, raw)
                    if not raw.isspace() and (t.isalnum() or content(t) is not None):
                        if t != raw:
                            self.folded[raw] = t
                        code |= (1 << _KIND) if t in stop else _WORD + (self._word_id(t) << _KIND)
                if len(raw) > _MEMO_TOKEN_CHARS:
                    long[raw] = code
                else:
                    memo[raw] = code
                    chars += len(raw)
            self._memo_chars[search] += chars
            if long:  # this text's tokens alone, its long ones included
                return {t: long[t] if t in long else memo[t] for t in dict.fromkeys(tokens)}
            return memo

    def codes(self, tokens: list[str], search: bool = False) -> np.ndarray:
        """The memo code of each token (one C-level dictionary look-up per token once all are known)."""
        memo = self.search_memo if search else self.memo
        try:
            return np.fromiter(map(memo.__getitem__, tokens), np.int64, len(tokens))
        except KeyError:
            memo = self.learn(tokens, search)
            return np.fromiter(map(memo.__getitem__, tokens), np.int64, len(tokens))

    def _short_table(self) -> _TokenTable:
        """The :class:`_TokenTable` of the memo in use, rebuilt when the memo grew by a tenth."""
        memo, short = self.memo, self._short
        if short is not None and short.memo is memo and len(memo) <= short.size * 1.1 + 64:
            return short
        with self._lock:
            # the old table is let go first, so that two tables of the whole memo are never held at once
            short = self._short = None
            short = self._short = _TokenTable(memo)
        return short

    def stream_codes(self, tokens: list[str], points: np.ndarray) -> np.ndarray:
        """:meth:`codes` of tokens that spell ``points`` (code points), cheaper: a token of one to four characters
        is found by its characters in a table of the memo's short tokens (:class:`_TokenTable`: all of them at
        once, without hashing a string), any other through the memo."""
        lengths = np.fromiter(map(len, tokens), np.int64, len(tokens))
        ends = np.cumsum(lengths)
        if not len(tokens) or ends[-1] != len(points):  # pragma: no cover - the tokens always spell the text
            return self.codes(tokens)
        table = self._short_table()
        starts = ends - lengths
        short = np.flatnonzero(lengths <= _TABLE_TOKEN_CHARS)
        if len(short) == len(tokens):
            codes = np.ascontiguousarray(table.get(points, starts, lengths))
        else:
            codes = np.full(len(tokens), -1, dtype=np.int64)
            codes[short] = table.get(points, starts.take(short), lengths.take(short))
        rest = np.flatnonzero(codes == -1)  # long tokens, and short ones the table does not hold yet
        if len(rest):
            codes[rest] = self.codes(list(map(tokens.__getitem__, rest.tolist())))
        return codes

    # the look-ups; a column (or, in an open vocabulary, the key itself) per key, -1 where there is none
    def word_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def prefix_codes(self, n: int, keys: np.ndarray) -> np.ndarray:
        """Codes of n-grams (n >= 2) that begin a longer n-gram: -1 where no term begins with one."""
        raise NotImplementedError

    def char_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class _VocabTables(_Tables):
    """The look-ups of a fitted vocabulary: unigram columns by token id, word n-gram and character tables."""

    def __init__(self, featurizer: Featurizer) -> None:
        super().__init__(featurizer.tokenizer, open_vocabulary=False)
        lo, hi = featurizer.word_ngram_range
        ids = self.token_ids  # (empty: ids are given here, from 1, in the order the terms' words first appear)
        # the words of every term at once, by C-level maps (a loop over 50,000 terms costs a tenth of a second of
        # the first call): a term of lo to hi words, none empty, is generated; any other never is (its column
        # stays 0)
        terms = featurizer.word_terms
        n = len(terms)
        size = np.fromiter(map(str.count, terms, repeat(" ")), np.int64, n) + 1
        empty = np.fromiter(map(str.__contains__, terms, repeat("  ")), bool, n)
        empty |= np.fromiter(map(str.startswith, terms, repeat(" ")), bool, n)
        empty |= np.fromiter(map(str.endswith, terms, repeat(" ")), bool, n)
        empty |= np.fromiter(map(len, terms), np.int64, n) == 0
        kept = np.flatnonzero((size >= lo) & (size <= hi) & ~empty)
        words = " ".join(map(terms.__getitem__, kept.tolist())).split(" ") if len(kept) else []
        ids.update(zip(dict.fromkeys(words), count(1)))
        flat = np.fromiter(map(ids.__getitem__, words), np.int64, len(words))
        sizes = size.take(kept)
        starts = np.cumsum(sizes) - sizes
        grams: dict[int, np.ndarray] = {}
        gram_cols: dict[int, np.ndarray] = {}
        for k in range(1, hi + 1):
            at = sizes == k
            grams[k] = flat.take(starts.compress(at)[:, None] + np.arange(k, dtype=np.int64))
            gram_cols[k] = kept.compress(at).astype(np.int64)
        n_ids = self.n_ids
        self.unigram_cols = np.full(n_ids, -1, dtype=np.int64)
        self.unigram_cols[np.asarray(grams[1], dtype=np.int64).reshape(-1)] = gram_cols[1]
        # the key of every term's j-token prefix, j = 2, 3, ...: a table of prefixes gives the codes of the next
        mats = {k: np.asarray(grams[k], dtype=np.int64).reshape(-1, k) for k in range(2, hi + 1)}
        keys = {k: m[:, 0] for k, m in mats.items()}
        self.words: dict[int, KeyTable] = {}
        self.prefixes: dict[int, KeyTable] = {}
        for j in range(2, hi + 1):
            for k in range(j, hi + 1):
                code = keys[k] if j == 2 else self.prefixes[j - 1].get(keys[k])
                keys[k] = code * n_ids + mats[k][:, j - 1]
            self.words[j] = KeyTable(keys[j], np.asarray(gram_cols[j], dtype=np.int64))
            if j < hi:
                prefix, _ = _rank(np.concatenate([keys[k] for k in range(j + 1, hi + 1)]))
                self.prefixes[j] = KeyTable(prefix, np.arange(len(prefix), dtype=np.int64))
        # single characters: a dense table by code point (its last entry, -1, for any higher code point);
        # longer character n-grams: a hash table. Both hold the vocabulary's terms and the parts of its terms
        # that are not terms themselves (column _PART): every k-gram of the vocabulary then has both of its
        # (k-1)-grams in the tables, so _occurrences looks a k-gram up only where both were found
        ckeys, cols = _with_parts(featurizer._char_keys, featurizer._char_cols)
        self.has_chars = len(ckeys) > 0
        # char_parts[k]: whether some k-gram in the tables is a part of a term, not a term
        lengths_of = np.select([ckeys < 1 << _SHIFT, ckeys < 1 << (2 * _SHIFT)], [1, 2], 3)
        self.char_parts = [bool(((cols == _PART) & (lengths_of == k)).any()) for k in range(MAX_CHAR_NGRAM + 1)]
        single = ckeys < (1 << _SHIFT)
        top = int(ckeys[single].max()) + 2 if single.any() else 1
        self.char_unigrams = np.full(top, -1, dtype=np.int64)
        self.char_unigrams[ckeys[single]] = cols[single]
        self.chars = KeyTable(ckeys[~single], cols[~single])
        self.char_closed = [k >= 2 for k in range(MAX_CHAR_NGRAM + 1)]
        self._one: _OneText | None = None

    def one_text(self, featurizer: Featurizer) -> _OneText:
        """The dictionaries of :meth:`Featurizer._one_text`, built on first use (two threads may both build
        them; either result is the same)."""
        one = self._one
        if one is None:
            one = self._one = _OneText(self, featurizer)
        return one

    def word_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        return self.unigram_cols.take(keys) if n == 1 else self.words[n].get(keys)

    def prefix_codes(self, n: int, keys: np.ndarray) -> np.ndarray:
        return self.prefixes[n].get(keys)

    def char_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        if n == 1:
            return self.char_unigrams.take(keys, mode="clip")  # (clip: the last entry, -1, for higher code points)
        return self.chars.get(keys)


class _OpenTables(_Tables):
    """An open vocabulary for counting terms while fitting: every word gets an id as it is first seen, and
    every n-gram's key is its own column, so that :func:`_occurrences` yields each text's term keys."""

    has_chars = True

    def __init__(self, tokenizer: Tokenizer) -> None:
        super().__init__(tokenizer, open_vocabulary=True)
        self.char_closed = [False] * (MAX_CHAR_NGRAM + 1)
        self.char_parts = [False] * (MAX_CHAR_NGRAM + 1)
        #: per n, the sorted distinct keys of the n-grams that prefix longer ones (a prefix code indexes it)
        self.prefix_keys: dict[int, np.ndarray] = {}

    def word_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        return keys

    def prefix_codes(self, n: int, keys: np.ndarray) -> np.ndarray:
        self.prefix_keys[n], codes = _rank(keys)
        return codes

    def char_cols(self, n: int, keys: np.ndarray) -> np.ndarray:
        return keys

    def word_terms(self, n: int, keys: np.ndarray) -> list[str]:
        """The strings of word n-gram keys: their tokens joined by a space."""
        ids = np.empty((len(keys), n), dtype=np.int64)
        for j in range(n - 1, 0, -1):
            keys, ids[:, j] = np.divmod(keys, self.n_ids)
            if j >= 2:
                keys = self.prefix_keys[j][keys]
        ids[:, 0] = keys
        tokens = ["", *self.token_ids]
        return [" ".join(map(tokens.__getitem__, row)) for row in ids.tolist()]


#: Longest text (in characters) that :meth:`Featurizer.transform_csr` featurizes alone by :class:`_OneText`: up
#: to it the batch path's fixed costs (some hundred numpy calls) dominate a text's time.
_ONE_TEXT_CHARS = 1000


class _OneText:
    """The term occurrences of one short text with few numpy calls: word n-grams through dictionaries of the
    :class:`_VocabTables` keys (built the same way), every character n-gram found at once by a binary search of
    the sorted term keys. They are the occurrences :func:`_occurrences` finds (tests/test_features.py compares
    both with a plain reference), without its batch machinery (rows, separators, segments, hash-table probes).
    """

    __slots__ = ("char_cols", "char_keys", "char_range", "n_ids", "prefixes", "unigrams", "word_range", "words")

    def __init__(self, tables: _VocabTables, featurizer: Featurizer) -> None:
        self.word_range = featurizer.word_ngram_range
        self.char_range = featurizer.char_ngram_range
        self.n_ids = tables.n_ids
        self.unigrams: list[int] = tables.unigram_cols.tolist()
        self.words = {k: _table_dict(t) for k, t in tables.words.items()}
        self.prefixes = {k: _table_dict(t) for k, t in tables.prefixes.items()}
        #: the character terms' keys, sorted, and their columns
        self.char_keys, self.char_cols = featurizer._char_keys, featurizer._char_cols

    def columns(self, tables: _VocabTables, tokens: list[str], lead_weight: int) -> np.ndarray:
        """Every term occurrence of one text's engine tokens, as its column, repeats kept (a lead sentence's
        word n-grams ``lead_weight`` more times), in no particular order."""
        memo = tables.memo
        known = list(map(memo.get, tokens))
        codes: list[int] = list(map(tables.learn(tokens).__getitem__, tokens)) if None in known else known  # type: ignore[assignment]
        if _SEP_CODE in codes:  # a text cut alone: U+206F is a token like any other (as in _rows)
            codes = [_SEP_PLAIN if c == _SEP_CODE else c for c in codes]
        words = [(c >> _KIND) - 2 for c in codes if c >= _WORD]
        cols = self._word_grams(words)
        if lead_weight > 0 and words:
            lead_end = _lead_end(codes)
            if lead_end > 0:  # the lead's words are the first words of the text
                lead = self._word_grams(words[: sum(c >= _WORD for c in codes[:lead_end])])
                cols += lead * lead_weight
        found = [np.array([c for c in cols if c >= 0], dtype=np.int64)]
        lo, hi = self.char_range
        char_keys = self.char_keys
        if hi > 0 and len(char_keys):
            folded = tables.folded
            # the content tokens (stopwords included; a separator token is not content), folded, run together
            text = "".join([folded.get(t, t) for t, c in zip(tokens, codes, strict=True) if c >= 1 << _KIND])
            points = codepoints(text)
            keys = [points] if lo <= 1 else []
            key = points
            for k in range(2, min(hi, len(points)) + 1):
                key = key[:-1] << _SHIFT
                key |= points[k - 1 :]
                if k >= lo:
                    keys.append(key)
            if keys:
                # a few hundred keys: one binary search in the sorted term keys beats the hash table's probing
                needles = np.concatenate(keys)
                at = np.searchsorted(char_keys, needles)
                at[at == len(char_keys)] = 0
                found.append(self.char_cols.take(at.compress(char_keys.take(at) == needles)))
        return np.concatenate(found)

    def _word_grams(self, ids: list[int]) -> list[int]:
        """The columns of the word n-grams of a run of word ids (0: a word the vocabulary does not know)."""
        lo, hi = self.word_range
        out: list[int] = []
        if hi < 1 or not ids:
            return out
        if lo <= 1:
            unigrams = self.unigrams
            out += [unigrams[i] for i in ids if i > 0]
        if hi < 2:
            return out
        n_ids = self.n_ids
        # the keys of the bigrams of two known words; a longer n-gram extends its prefix's code by one word
        keys = [a * n_ids + b if a > 0 and b > 0 else -1 for a, b in pairwise(ids)]
        for k in range(2, hi + 1):
            if k > 2:
                prefix = self.prefixes[k - 1].get
                codes = [prefix(key, -1) if key >= 0 else -1 for key in keys[:-1]]
                keys = [c * n_ids + b if c >= 0 and b > 0 else -1 for c, b in zip(codes, ids[k - 1 :], strict=True)]
            if not keys:
                break
            if k >= lo:
                get = self.words[k].get
                out += map(get, keys, repeat(-1, len(keys)))
        return out


def _lead_end(codes: list[int]) -> int:
    """:func:`_lead_mask` of one text's token codes: how many tokens its lead sentence has (0: none)."""
    first_end = next((i for i, c in enumerate(codes) if c & _ENDS), -1)
    if first_end < 0:
        return 0
    return first_end if any(not c & _SPACE for c in codes[first_end + 1 :]) else 0


def _table_dict(table: KeyTable) -> dict[int, int]:
    """The keys and values a :class:`KeyTable` holds, as a dictionary."""
    held = table.table[table.table[:, 0] != _EMPTY]
    return dict(zip(held[:, 0].tolist(), held[:, 1].tolist(), strict=True))


def char_terms(n: int, keys: np.ndarray) -> list[str]:
    """The strings of character n-gram keys of length ``n`` (the inverse of :func:`char_terms_to_keys`)."""
    codes = np.empty((len(keys), n), dtype="<u4")
    for j in range(n - 1, -1, -1):
        codes[:, j] = keys & ((1 << _SHIFT) - 1)
        keys = keys >> _SHIFT
    joined = codes.tobytes().decode("utf-32-le", "surrogatepass")
    return [joined[i : i + n] for i in range(0, len(joined), n)]


class _Cut:
    """A batch cut by the engine: every text's tokens in one flat list, and either the joined string they spell
    (``joined``: the batch was cut in one call, a separator token between two texts) or how many tokens each
    text has (``n_tokens``: cut text by text). With ``subwords=True`` the search-mode tokens of each text and
    of each lead sentence are cut on first need and kept, so that fitting (counting terms, then building the
    matrix) cuts each text once."""

    __slots__ = ("_search", "joined", "n_tokens", "points", "texts", "tokens")

    def __init__(self, tokenizer: Tokenizer, texts: Sequence[str]) -> None:
        self.texts = texts
        self._search: tuple[list[str], list[str], list[int]] | None = None
        cut = tokenizer.engine_tokens_joined(texts)
        self.joined: str | None = None
        self.n_tokens: list[int] = []
        self.points = np.zeros(0, dtype=np.int64)  # the code points of ``joined``
        if cut is None:
            self.tokens, self.n_tokens = tokenizer.engine_tokens_each(texts)
        else:
            self.tokens, self.joined = cut
            self.points = codepoints(self.joined)

    def split(self, tokenizer: Tokenizer) -> None:
        """Cut the batch text by text instead (the engine joined a separator to a neighbouring character)."""
        self.tokens, self.n_tokens = tokenizer.engine_tokens_each(self.texts)  # pragma: no cover
        self.joined = None  # pragma: no cover

    def search(self, tokenizer: Tokenizer, leads: list[str]) -> tuple[list[str], list[int]]:
        """Search-mode tokens of every text, then of every lead string, in one flat list, and how many each has."""
        if self._search is None or self._search[0] != leads:
            cut = tokenizer.engine_tokens
            pieces = [cut(s, True) for s in chain(self.texts, leads)]
            self._search = (leads, list(chain.from_iterable(pieces)), [len(p) for p in pieces])
        return self._search[1], self._search[2]


def _rows(tables: _Tables, cut: _Cut, tokenizer: Tokenizer) -> tuple[np.ndarray, np.ndarray]:
    """The memo code of each token of a cut batch, and the row (text) it belongs to (rows ascend)."""
    n = len(cut.texts)
    if cut.joined is not None:
        codes = tables.stream_codes(cut.tokens, cut.points)
        seps = np.flatnonzero(codes == _SEP_CODE)
        if len(seps) == n - 1:
            row = np.zeros(len(codes), dtype=np.int64)
            row[seps + 1] = 1  # a separator ends its text's row
            np.cumsum(row, out=row)
            return codes, row
        cut.split(tokenizer)  # pragma: no cover
    codes = tables.codes(cut.tokens)
    codes[codes == _SEP_CODE] = _SEP_PLAIN
    return codes, _repeat_rows(np.asarray(cut.n_tokens, dtype=np.int64))


#: Tokens of up to this many characters are found by their characters (:class:`_TokenTable`): nine in ten tokens
#: the engine cuts have one or two, and nearly all the longer ones four (chengyu and four-character terms).
_TABLE_TOKEN_CHARS = 4
#: Bits of a character's id in a :class:`_TokenTable` key; characters at or above _ID_CAP have no id.
_ID_BITS = 15
_ID_CAP = 0x10000
#: Per token length, the bits of a key's character ids that belong to the token (the first ``length`` places).
_KEEP = np.array(
    [((1 << (_ID_BITS * n)) - 1) << (_ID_BITS * (_TABLE_TOKEN_CHARS - n)) for n in range(_TABLE_TOKEN_CHARS + 1)],
    dtype=np.int64,
)


class _TokenTable:
    """The memo codes of a memo's tokens of one to :data:`_TABLE_TOKEN_CHARS` characters, found by their
    characters. Each character of those tokens has an id (1, 2, ... by code point; 0: a character the table
    does not know), a token's key packs its characters' ids 15 bits apiece and its length, and a
    :class:`KeyTable` holds the keys: a whole batch's tokens are found at once, no string hashed. A token with a
    character the table does not know has a 0 among its ids, which no key in the table has: it is not found.
    """

    __slots__ = ("ids", "memo", "size", "table")

    def __init__(self, memo: dict[str, int]) -> None:
        self.memo, self.size = memo, len(memo)
        tokens = [t for t in memo if len(t) <= _TABLE_TOKEN_CHARS]
        lengths = np.fromiter(map(len, tokens), np.int64, len(tokens))
        starts = np.cumsum(lengths) - lengths
        points = codepoints("".join(tokens))
        alphabet = np.sort(points[points < _ID_CAP])
        alphabet = alphabet[_distinct(alphabet)[:-1]][: (1 << _ID_BITS) - 1]
        #: a character's id by code point; the last entry (0) stands for every higher code point
        self.ids = np.zeros(int(alphabet[-1]) + 2 if len(alphabet) else 1, dtype=np.int64)
        self.ids[alphabet] = np.arange(1, len(alphabet) + 1, dtype=np.int64)
        codes = np.fromiter(map(memo.__getitem__, tokens), np.int64, len(tokens))
        ids = self._ids(points)
        if len(tokens) and not ids.all():  # (rare) tokens with a character left out of the alphabet
            known = np.minimum.reduceat(ids, starts) > 0
            starts, lengths, codes = starts[known], lengths[known], codes[known]
        self.table = KeyTable(self._keys(ids, starts, lengths), codes)

    def _ids(self, points: np.ndarray) -> np.ndarray:
        return self.ids.take(points, mode="clip")  # (clip: the last entry, 0, for higher code points)

    @staticmethod
    def _keys(ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        # the ids of a token's characters in fixed places (0 past its end), its length above them: the ids of the
        # four characters from every position packed once (a few shifts over the whole stream), then one gather
        # per token, its characters past the token's end masked off
        window = ids << (_ID_BITS * (_TABLE_TOKEN_CHARS - 1))
        for j in range(1, _TABLE_TOKEN_CHARS):
            window[:-j] |= ids[j:] << (_ID_BITS * (_TABLE_TOKEN_CHARS - 1 - j))
        keys = window.take(starts)
        keys &= _KEEP.take(lengths, mode="clip")  # (a longer token keeps its first four: the length tells it apart)
        keys |= (lengths - 1) << (_ID_BITS * _TABLE_TOKEN_CHARS)
        return keys

    def get(self, points: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The codes of the tokens of ``lengths`` (1 to 4) characters at ``starts`` in ``points`` (-1: not held)."""
        return self.table.get(self._keys(self._ids(points), starts, lengths))


def _repeat_rows(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


def _lead_mask(codes: np.ndarray, row: np.ndarray, n: int) -> np.ndarray | None:
    """Which tokens are in their text's lead sentence: :func:`lead_length` for a whole batch at once (None when
    no token ends a sentence, as in a batch of single sentences: no text has a lead)."""
    big = len(codes) + 1
    ends = np.flatnonzero(codes & _ENDS)
    if not len(ends):
        return None
    first_end = np.full(n, big, dtype=np.int64)
    np.minimum.at(first_end, row.take(ends), ends)
    solid = np.flatnonzero((codes & _SPACE) == 0)
    last_solid = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_solid, row.take(solid), solid)
    lead_end = np.where(last_solid > first_end, first_end, -1)  # the lead is the tokens before its end
    return np.arange(len(codes)) < lead_end.take(row)


#: One part of a batch's term occurrences: block (0 words, 1 characters), n, rows, columns (or open keys)
_Part = tuple[int, int, np.ndarray, np.ndarray]


def _occurrences(
    tables: _Tables,
    cut: _Cut,
    tokenizer: Tokenizer,
    word_ngram_range: tuple[int, int],
    char_ngram_range: tuple[int, int],
    lead_weight: int,
) -> list[_Part]:
    """Every (row, column) occurrence of a cut batch's terms, repeats kept, by block and n-gram length.

    Words are the content tokens that are not stopwords (with ``subwords=True``, the search-mode words of
    :meth:`Tokenizer.tokenize`: a long word's parts, then the word); word n-grams join adjacent words.
    ``lead_weight`` counts the word n-grams of the first sentence (:func:`lead_length`) that many more times:
    they come from the lead's own words (with subwords, its own search-mode cut). Character n-grams run over
    each text's folded content tokens (stopwords kept) run together, never across texts.
    """
    n = len(cut.texts)
    codes, row = _rows(tables, cut, tokenizer)
    in_lead = _lead_mask(codes, row, n) if lead_weight > 0 else None
    parts: list[_Part] = []

    # the word stream: each text's words (segment = row), then each lead's words (segments n, n + 1, ...)
    if not tokenizer.subwords:
        is_word = codes >= _WORD
        ids = (codes.compress(is_word) >> _KIND) - 2
        seg = w_row = row.compress(is_word)
        n_main = len(ids)
        if in_lead is not None:
            lead = in_lead.compress(is_word)
            ids = np.concatenate([ids, ids.compress(lead)])
            w_row = np.concatenate([w_row, w_row.compress(lead)])
            seg = np.concatenate([seg, w_row[n_main:] + n])
    else:
        leads: list[str] = []
        lead_rows = np.zeros(0, dtype=np.int64)
        if in_lead is not None and in_lead.any():
            per_row = np.bincount(row[in_lead], minlength=n)
            lead_rows = np.flatnonzero(per_row)
            starts = np.searchsorted(row, lead_rows).tolist()  # each lead row's first token
            tokens = cut.tokens
            leads = ["".join(tokens[s : s + c]) for s, c in zip(starts, per_row[lead_rows].tolist(), strict=True)]
        s_tokens, s_counts = cut.search(tokenizer, leads)
        s_codes = tables.codes(s_tokens, search=True)
        is_word = s_codes >= _WORD
        ids = (s_codes[is_word] >> _KIND) - 2
        seg = _repeat_rows(np.asarray(s_counts, dtype=np.int64))[is_word]
        w_row = np.concatenate([np.arange(n, dtype=np.int64), lead_rows])[seg]
        n_main = int(np.searchsorted(seg, n))

    # word n-grams: pos holds where each valid n-gram starts (its words known, in one segment), key its key
    lo, hi = word_ngram_range
    size, n_ids = len(ids), tables.n_ids
    # (take and compress: several times faster than fancy and boolean indexing on numpy 2.x)
    pos = np.flatnonzero(ids > 0)
    key = ids.take(pos)
    for k in range(1, hi + 1):
        if k > 1:
            code = key if k == 2 else tables.prefix_codes(k - 1, key)
            nxt = pos + (k - 1)
            ok = nxt < size
            following = ids.take(nxt, mode="clip")  # (clip: an n-gram past the end is dropped by ok)
            ok &= seg.take(nxt, mode="clip") == seg.take(pos)
            ok &= following > 0
            if k > 2:
                ok &= code >= 0
            pos, key = pos.compress(ok), code.compress(ok) * n_ids + following.compress(ok)
        if not len(pos):
            break
        if k >= lo:
            cols = tables.word_cols(k, key)
            hit = cols >= 0
            r, c = w_row.take(pos.compress(hit)), cols.compress(hit)
            parts.append((0, k, r, c))
            if lead_weight > 1 and n_main < size:  # the lead segments count lead_weight times in all
                in_lead_seg = pos.compress(hit) >= n_main
                extra = lead_weight - 1
                parts.append((0, k, r.compress(in_lead_seg).repeat(extra), c.compress(in_lead_seg).repeat(extra)))

    # characters: the content tokens of each text run together, n-grams not crossing texts
    c_lo, c_hi = char_ngram_range
    if c_hi > 0 and tables.has_chars:
        is_content = codes >= 1 << _KIND
        lengths = codes & _LEN_MASK
        if tables.folded or (lengths == _LEN_MASK).any():  # rare: a folded content token, a long token
            pieces = [tables.folded.get(t, t) for t in compress(cut.tokens, is_content.tolist())]
            codes_c = codepoints("".join(pieces))
            c_row = np.repeat(row[is_content], np.fromiter(map(len, pieces), np.int64, len(pieces)))
        else:  # the tokens spell the folded texts: keep the characters of content tokens
            keep = np.repeat(is_content, lengths)
            codes_c = (codepoints("".join(cut.tokens)) if cut.joined is None else cut.points).compress(keep)
            c_row = np.repeat(row.compress(is_content), lengths.compress(is_content))
        size = len(codes_c)
        found: np.ndarray | None = None  # where the (k-1)-grams found start, ascending
        for k in range(max(c_lo, 1), c_hi + 1):
            if size < k:
                break
            if k == 1:
                cols = tables.char_cols(1, codes_c)
                at = np.flatnonzero(cols != -1)
                cols = cols.take(at)
            else:
                if found is not None and tables.char_closed[k]:
                    # both (k-1)-grams of every k-gram of the vocabulary are in the tables: look up only there
                    before = found[:-1]
                    look = before.compress(found[1:] == before + 1)
                    if k == 2:
                        look = look.compress(c_row.take(look) == c_row.take(look + 1))
                else:
                    m = size - k + 1
                    look = np.flatnonzero(c_row[:m] == c_row[k - 1 :])
                key = codes_c.take(look)
                for j in range(1, k):
                    key <<= _SHIFT
                    key |= codes_c.take(look + j)
                cols = tables.char_cols(k, key)
                hit = cols != -1
                at, cols = look.compress(hit), cols.compress(hit)
            found = at  # terms and parts of terms
            if tables.char_parts[k] and len(cols) and cols.min() < 0:
                term = cols >= 0
                at, cols = at.compress(term), cols.compress(term)
            parts.append((1, k, c_row.take(at), cols))
    return parts


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

    def _csr(
        self, n: int, rows_parts: list[np.ndarray], cols_parts: list[np.ndarray], weighted: bool = True
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts from every (row, column) occurrence: one sort of packed row-column keys counts them (and
        orders each row's columns), then sublinear tf times idf, and one ``bincount`` for the per-row,
        per-block l2 norms (``weighted=False``: the counts)."""
        if not cols_parts:
            data = np.zeros(0, dtype=np.float64 if weighted else np.int64)
            return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), data
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
        keys = flat.take(pos[:-1]).astype(np.int64)
        counts = np.diff(pos)
        starts = np.searchsorted(keys, np.arange(n + 1, dtype=np.int64) * n_cols)
        rows = _repeat_rows(np.diff(starts))
        cols = keys - rows * n_cols
        if not weighted:
            return starts, cols, counts.astype(np.int64)
        return starts, cols, self._weigh(n, rows, cols, counts)

    def _weigh(self, n: int, rows: np.ndarray, cols: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The values of counted (row, column) pairs (rows ascending, columns ascending in a row): sublinear tf
        times idf, l2-normalised per row and block, the character block scaled by ``char_weight``."""
        vals = np.take(self.idf, cols)
        more = np.flatnonzero(counts > 1)  # a term met once has tf 1 (1 + ln 1, or 1): its value is its idf
        if len(more):
            if int(counts[more].max()) < len(_SUBLINEAR) or not self.sublinear_tf:
                vals[more] *= self._tf(counts[more])
            else:  # pragma: no cover - a term met over a thousand times in one text
                vals = self._tf(counts) * np.take(self.idf, cols)
        is_char = cols >= len(self.word_terms)
        seg = 2 * rows + is_char
        norms = np.sqrt(np.bincount(seg, weights=vals * vals, minlength=2 * n))
        if self.char_weight == 1.0:
            vals /= norms.take(seg)
        else:
            vals *= np.where(is_char, self.char_weight, 1.0) / norms.take(seg)
        return vals

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

    def _tables(self) -> _VocabTables:
        tables: _VocabTables | None = self.__dict__.get("_batch_tables")
        if tables is None:  # built on first use; two threads may both build it, and either result is the same
            tables = _VocabTables(self)
            self.__dict__["_batch_tables"] = tables
        return tables

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_batch_tables", None)  # rebuilt on first use (it holds a lock)
        return state

    def term_counts(self, text: str) -> dict[tuple[str, str], int]:
        """How many times each vocabulary term occurs in a text, by ``(term, kind)`` as :meth:`feature_name`
        gives them (a lead sentence's extra copies included): the counts behind its feature vector."""
        _, cols, counts = self._from_cut(_Cut(self.tokenizer, [text]), weighted=False)
        return {self.feature_name(c): k for c, k in zip(cols.tolist(), counts.tolist(), strict=True)}

    def _from_cut(self, cut: _Cut, weighted: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts of a cut batch (``weighted=False``: the raw counts instead of tf-idf)."""
        parts = _occurrences(
            self._tables(), cut, self.tokenizer, self.word_ngram_range, self.char_ngram_range, self.lead_weight
        )
        return self._csr(len(cut.texts), [p[2] for p in parts], [p[3] for p in parts], weighted)

    def transform_csr(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The batch as CSR parts ``(indptr, indices, data)``, one row per text, columns ascending in a row.

        Each text is cut once; everything after the cut runs over the whole batch at once. Fitting builds the
        training matrix with this same code (:func:`fit_featurizer`). A batch of one text of up to
        :data:`_ONE_TEXT_CHARS` characters (a warm ``classify()`` call) finds its terms with dictionaries instead
        (:meth:`_one_text`): the same row, without the fixed cost of some hundred numpy calls.
        """
        if len(texts) == 1 and not self.tokenizer.subwords:
            text = texts[0]
            if isinstance(text, str) and len(text) <= _ONE_TEXT_CHARS:
                return self._one_text(text)
        return self._from_cut(_Cut(self.tokenizer, texts))

    def _one_text(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`transform_csr` of one text (plain tokens, not subwords): its terms' columns found by
        :class:`_OneText`'s dictionaries, counted, then weighed by the batch path's own code (:meth:`_weigh`)."""
        tables = self._tables()
        cols = tables.one_text(self).columns(tables, self.tokenizer.engine_tokens(text), self.lead_weight)
        if not len(cols):
            return np.zeros(2, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        cols.sort()
        pos = _distinct(cols)
        keys = cols.take(pos[:-1])
        indptr = np.array([0, len(keys)], dtype=np.int64)
        return indptr, keys, self._weigh(1, np.zeros(len(keys), dtype=np.int64), keys, np.diff(pos))


def select_terms(
    terms: list[str], df: np.ndarray, n: int, min_df: int = 1, max_features: int | None = None
) -> tuple[list[str], np.ndarray]:
    """Terms kept by ``min_df`` and ``max_features`` (the most frequent, ties by term), sorted, and their
    smoothed idf ``ln((1 + n) / (1 + df)) + 1`` over ``n`` documents."""
    keep = [i for i in range(len(terms)) if df[i] >= min_df]
    if max_features is not None and len(keep) > max_features:
        keep.sort(key=lambda i: (-df[i], terms[i]))
        keep = keep[: int(max_features)]
    keep.sort(key=lambda i: terms[i])
    kept_df = np.asarray([df[i] for i in keep], dtype=np.float64)
    return [terms[i] for i in keep], np.log((1.0 + n) / (1.0 + kept_df)) + 1.0


def _distinct(sorted_keys: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted array starts, and (last) its length."""
    edge = np.empty(len(sorted_keys) + 1, dtype=bool)
    edge[0] = edge[-1] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=edge[1:-1])
    return np.flatnonzero(edge)


def _rank(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, sorted, and each key's index among them (``np.unique`` with ``return_inverse``,
    several times faster by an argsort)."""
    order = np.argsort(keys)
    ordered = keys[order]
    starts = _distinct(ordered)
    codes = np.empty(len(keys), dtype=np.int64)
    codes[order] = np.repeat(np.arange(len(starts) - 1, dtype=np.int64), np.diff(starts))
    return ordered[starts[:-1]], codes


def _document_frequencies(rows: np.ndarray, keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (sorted) and in how many of the ``n`` rows each occurs: one sort of keys packed
    with their row (keys too wide to pack beside the row are ranked first)."""
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    row_bits = max(n - 1, 1).bit_length()
    ranked: np.ndarray | None = None
    if int(keys.max()) >= 1 << (63 - row_bits):
        ranked, keys = _rank(keys)
    pairs = np.sort((keys << row_bits) | rows)
    pair_keys = pairs[_distinct(pairs)[:-1]] >> row_bits  # each (row, key) once, by key
    starts = _distinct(pair_keys)
    distinct = pair_keys[starts[:-1]]
    return (distinct if ranked is None else ranked[distinct]), np.diff(starts)


def fit_featurizer(
    tokenizer: Tokenizer,
    texts: Sequence[str],
    word_ngram_range: tuple[int, int] = (1, 2),
    char_ngram_range: tuple[int, int] = (1, 3),
    min_df: int = 1,
    max_features: int | None = None,
    sublinear_tf: bool = True,
    char_weight: float = 1.0,
    lead_weight: int = 0,
) -> tuple[Featurizer, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Learn the vocabulary and idf of ``texts`` and return the featurizer with the texts' CSR parts.

    Each text is cut once. Its term keys come from the code that :meth:`Featurizer.transform_csr` runs, over
    an open vocabulary; numpy counts each term's document frequency; :func:`select_terms` keeps terms per
    block (word, character); the matrix is then built by :meth:`Featurizer.transform_csr`'s code from the
    same cut (as scikit-learn's ``CountVectorizer.fit_transform`` and ``transform`` share ``_count_vocab``).
    """
    wr = (int(word_ngram_range[0]), int(word_ngram_range[1]))
    cr = (int(char_ngram_range[0]), int(char_ngram_range[1]))
    cut = _Cut(tokenizer, texts)
    n = len(texts)
    tables = _OpenTables(tokenizer)
    grouped: dict[tuple[int, int], list[_Part]] = {}
    for part in _occurrences(tables, cut, tokenizer, wr, cr, int(lead_weight)):
        grouped.setdefault(part[:2], []).append(part)
    found: dict[int, tuple[list[str], list[np.ndarray]]] = {0: ([], []), 1: ([], [])}
    for (block, k), group in grouped.items():
        rows, keys = (np.concatenate([p[i] for p in group]) for i in (2, 3))
        keys, df = _document_frequencies(rows, keys, n)
        frequent = df >= min_df
        strings = tables.word_terms(k, keys[frequent]) if block == 0 else char_terms(k, keys[frequent])
        found[block][0].extend(strings)
        found[block][1].append(df[frequent])
    (wterms, widf), (cterms, cidf) = (
        select_terms(terms, np.concatenate([np.zeros(0, np.int64), *dfs]), n, min_df, max_features)
        for terms, dfs in (found[0], found[1])
    )
    feat = Featurizer(tokenizer, wterms, cterms, widf, cidf, wr, cr, sublinear_tf, char_weight, int(lead_weight))
    return feat, feat._from_cut(cut)


# ======================================================================================================
# Sparse bags of features: the text fold, character bigrams and CSR / tf-idf helpers that matching
# (proposalnlp.matching.scoring) builds its word and bigram spaces with. scipy is imported inside the
# functions so that the theme model's runtime path (numpy only) does not load it.
# ======================================================================================================
if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ += [
    "char_bigrams",
    "fold_alnum",
    "sublinear_tfidf_l2",
    "to_dense",
]

#: full-width letters and digits (Ａ１) → ASCII: the part of NFKC that bigram runs need
FULLWIDTH_ALNUM = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for cp in range(*r)}
_HAS_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fold_alnum(text: str) -> str:
    """Full-width letters and digits folded to ASCII, then lower case: all that character bigram runs need.

    Cheaper than the tokenizer's fold (NFKC, invisible characters, spaces between ideographs), and kept
    apart from it on purpose: bigram runs end at every space, which the tokenizer's fold may remove.
    """
    if _HAS_FULLWIDTH_ALNUM.search(text):
        text = text.translate(FULLWIDTH_ALNUM)
    return text.lower()


#: the characters of a bigram run (after :func:`fold_alnum`): digits, lower-case letters and CJK ideographs, as
#: code-point ranges (``matching._bulk`` reads them too)
BIGRAM_CHAR_RANGES = ((0x30, 0x39), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
#: every character bigram inside a run of those characters, overlapping (a look-ahead match is empty, so the
#: scan moves on by one character): one C-level pass, no substitution, pairing or filter
_BIGRAM = re.compile("(?=([" + "".join(f"{chr(a)}-{chr(b)}" for a, b in BIGRAM_CHAR_RANGES) + "]{2}))")


def char_bigrams(text: str, folded: bool = False) -> list[str]:
    """Character bigrams inside runs of CJK ideographs, letters and digits (``text`` folded first unless
    ``folded``: see :func:`fold_alnum`), in order, repeats kept."""
    return _BIGRAM.findall(text if folded else fold_alnum(text))


def sublinear_tfidf_l2(m: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Rows of (1 + log tf) × idf, L2-normalised (a copy)."""
    import scipy.sparse as sp

    m = m.tocsr(copy=True)
    m.data = 1.0 + np.log(np.maximum(m.data, 1e-9))
    m = (m @ sp.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def to_dense(m: Any) -> np.ndarray:
    """A float ndarray of a sparse or dense matrix."""
    import scipy.sparse as sp

    return np.asarray(m.toarray() if sp.issparse(m) else m, dtype=float)
