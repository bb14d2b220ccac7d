"""One numbering of the words and one coding of the character bigrams of every text a scorer reads.

A :class:`TermTable` remembers, for each line of text (a newline ends every token and every bigram run, so a
text's terms are its lines' terms in turn), its tokens as word numbers and its character bigrams as bigram numbers
(each bigram code, :func:`._bulk.bigram_codes`, numbered as it first comes): small numbers let every feature space
find its columns without sorting its terms (:func:`._bulk.dense_first_inverse`).
match() scores the same suggestions and reply units three times (ranking, each suggestion against its part of
the reply, the retrieval cosine); each line is cut once, and every feature space of those scorings is laid out
from the table as (row, term, weight) entries, summed into a scipy sparse matrix
(:meth:`~proposalnlp.matching.scoring.Scorer._term_plan`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from itertools import pairwise, repeat

import numpy as np

from ..features import fold_alnum
from ..tokenize import BATCH_SEPARATOR, Tokenizer
from ._bulk import CodeNumbers, bigram_codes

#: a table holding more lines, or more characters of them, is emptied before it is read again
_TABLE_LINES = 8192
_TABLE_CHARS = 2_000_000

#: the texts remembered with their folds (:meth:`TermTable.folded`) hold at most this many characters
_FOLD_CHARS = 500_000

#: the entries of this many sides are remembered (:meth:`TermTable.remembered`)
_SIDES = 6

#: the (row, term, weight) entries of one side of a feature space
Entries = tuple[np.ndarray, np.ndarray, np.ndarray]


class _Numbers(dict[str, int]):
    """Word → number, a new word numbered as it comes (and listed in ``words``)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def __missing__(self, word: str) -> int:
        n = self[word] = len(self.words)
        self.words.append(word)
        return n


class _TokenNumbers(dict[str, int]):
    """Raw engine token → its word number when the tokenizer keeps it, -1 when it drops it, -2 for the batch
    separator (:data:`~proposalnlp.tokenize.BATCH_SEPARATOR`); each token decided once, as it comes."""

    def __init__(self, tokenizer: Tokenizer, ids: _Numbers) -> None:
        super().__init__({BATCH_SEPARATOR: -2})
        self.tokenizer = tokenizer
        self.stopwords = tokenizer.stopword_set
        self.ids = ids

    def __missing__(self, token: str) -> int:
        n = self[token] = self.ids[token] if self.tokenizer.keeps(token) else -1
        return n


class TermTable:
    """Word numbers and bigram numbers of each line read, and the folds of the texts scored (see the module's
    docstring); thread-safe (one lock)."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        related: dict[str, tuple[str, ...]],
        background: dict[str, int],
        bigram_background: Callable[[np.ndarray], np.ndarray],
    ) -> None:
        self.tokenizer = tokenizer
        self._related_words = related
        self._background = background
        self._bigram_background = bigram_background
        self.lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        """Forget every line and word."""
        self.ids = _Numbers()
        self._tokens = _TokenNumbers(self.tokenizer, self.ids)
        self._words: dict[str, np.ndarray] = {}  # line → its tokens' numbers
        self._codes: dict[str, np.ndarray] = {}  # folded line → its bigram numbers
        self._folds: dict[str, str] = {}  # text → its fold (:meth:`folded`)
        self._fold_chars = 0
        self._bigrams = CodeNumbers()  # bigram code → its number
        self._sides: dict[tuple[object, ...], Entries] = {}  # the last sides' entries (:meth:`remembered`)
        self._chars = 0
        # by word number: the numbers of a four-character word's halves (-1 otherwise), its background document
        # frequency, whether it has related words
        self.half1 = np.zeros(0, dtype=np.int64)
        self.half2 = np.zeros(0, dtype=np.int64)
        self.bg_df = np.zeros(0)
        self.has_related = np.zeros(0, dtype=bool)
        self._related: dict[int, np.ndarray] = {}
        # by bigram number: its background document frequency
        self.bigram_bg_df = np.zeros(0)

    def fresh(self) -> None:
        """Empty the table when it holds too much (called before a feature space is read from it)."""
        lines = len(self._words) + len(self._codes)
        # (words and bigrams of lines read but not kept, over an eighth of the budget, are numbered too)
        terms = len(self.ids.words) + len(self._bigrams)
        if lines > _TABLE_LINES or self._chars > _TABLE_CHARS or terms > _TABLE_CHARS:
            self.clear()

    # -- lines ------------------------------------------------------------------------------------------
    def folded(self, texts: Sequence[str]) -> list[str]:
        """:func:`~proposalnlp.features.fold_alnum` of each text, remembered: match() scores its suggestions and
        reply units three times, and folding (a look-up of full-width letters, then lower case) costs about 10 ns
        a character, as much as reading a line's bigrams."""
        memo = self._folds
        out: list[str] = []
        for text in texts:
            folded = memo.get(text)
            if folded is None:
                folded = fold_alnum(text)
                if self._fold_chars + len(text) > _FOLD_CHARS:  # (a budget of its own, apart from the lines')
                    memo.clear()
                    self._fold_chars = 0
                if len(text) <= _FOLD_CHARS // 8:
                    memo[text] = folded
                    self._fold_chars += len(text)
            out.append(folded)
        return out

    def words_of(self, lines: Sequence[str]) -> list[np.ndarray]:
        """The numbers of each line's tokens (the tokenizer's, of the line as given), in order."""
        memo = self._words
        missing = list(dict.fromkeys(t for t in lines if t not in memo))
        if not missing:
            return [memo[t] for t in lines]
        new = dict(zip(missing, self._cut(missing), strict=True))
        self._remember(memo, new)
        self._grow()
        return [memo[t] if t in memo else new[t] for t in lines]

    def _cut(self, lines: list[str]) -> list[np.ndarray]:
        """The numbers of each line's tokens (:meth:`~proposalnlp.tokenize.Tokenizer.tokenize_flat`'s): the
        engine's raw tokens of the lines joined, each read through one dict (:class:`_TokenNumbers`), the
        lines told apart by the separators' places."""
        tok = self.tokenizer
        if self._tokens.stopwords is not tok.stopword_set:  # stopwords replaced after construction
            self._tokens = _TokenNumbers(tok, self.ids)
        cut = None if tok.subwords else tok.engine_tokens_joined(lines)
        if cut is not None:
            raw = cut[0]
            codes = np.fromiter(map(self._tokens.__getitem__, raw), dtype=np.int64, count=len(raw))
            seps = np.flatnonzero(codes == -2)
            if len(seps) == len(lines) - 1:  # (else the engine joined a separator to a neighbour)
                kept = np.concatenate([[0], np.cumsum(codes >= 0)])
                ids = codes[codes >= 0]
                starts = kept[np.concatenate([[0], seps + 1])].tolist()
                ends = kept[np.concatenate([seps, [len(codes)]])].tolist()
                return [ids[a:b] for a, b in zip(starts, ends, strict=True)]
        flat, counts = tok.tokenize_flat(lines)
        ids = np.fromiter(map(self.ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        bounds = np.cumsum([0, *counts]).tolist()
        return [ids[a:b] for a, b in pairwise(bounds)]

    def _remember(self, memo: dict[str, np.ndarray], new: dict[str, np.ndarray]) -> None:
        """Keep the lines just read, but a line over an eighth of the table's characters (read, not kept)."""
        for line, value in new.items():
            if len(line) <= _TABLE_CHARS // 8:
                memo[line] = value
                self._chars += len(line)

    def tokens(self, text: str) -> list[str]:
        """The tokenizer's tokens of a text (line by line, from the table)."""
        words = self.ids.words
        with self.lock:
            return [words[i] for ids in self.words_of(text.split("\n")) for i in ids.tolist()]

    @property
    def bigram_code(self) -> np.ndarray:
        """The code of each bigram number (:func:`._bulk.bigram_code`)."""
        return self._bigrams.codes

    def codes_of(self, lines: Sequence[str]) -> list[np.ndarray]:
        """The bigram codes (:func:`._bulk.bigram_codes`) of each folded line, in order."""
        return [self.bigram_code[x] for x in self.bigrams_of(lines)]

    def bigrams_of(self, lines: Sequence[str]) -> list[np.ndarray]:
        """The bigram numbers of each folded line, in order (its bigram codes, numbered by the table)."""
        memo = self._codes
        missing = list(dict.fromkeys(t for t in lines if t not in memo))
        if not missing:
            return [memo[t] for t in lines]
        codes, piece = bigram_codes(missing)
        numbers = self._number(codes)
        ends = np.cumsum(np.bincount(piece, minlength=len(missing)))
        new = {line: numbers[a:b] for line, a, b in zip(missing, ends - np.diff(ends, prepend=0), ends, strict=True)}
        self._remember(memo, new)
        return [memo[t] if t in memo else new[t] for t in lines]

    def _number(self, codes: np.ndarray) -> np.ndarray:
        """The numbers of bigram codes, the new ones numbered with their background frequency."""
        if not len(codes):
            return codes
        numbers, fresh = self._bigrams.number(codes)
        if len(fresh):
            self.bigram_bg_df = np.concatenate([self.bigram_bg_df, self._bigram_background(fresh)])
        return numbers

    def _grow(self) -> None:
        """Halves, background frequency and related flag of the words numbered since the last call (halves
        numbered here are grown in turn)."""
        words = self.ids.words
        while len(self.half1) < len(words):
            start = len(self.half1)
            new = words[start:]
            h1 = np.full(len(new), -1, dtype=np.int64)
            h2 = np.full(len(new), -1, dtype=np.int64)
            for k, w in enumerate(new):
                if len(w) == 4:
                    h1[k], h2[k] = self.ids[w[:2]], self.ids[w[2:]]
            self.half1 = np.concatenate([self.half1, h1])
            self.half2 = np.concatenate([self.half2, h2])
            self.bg_df = np.concatenate(
                [self.bg_df, np.fromiter(map(self._background.get, new, repeat(0)), float, len(new))]
            )
            rel = self._related_words
            self.has_related = np.concatenate(
                [self.has_related, np.fromiter(map(rel.__contains__, new), bool, len(new))]
            )

    def related(self, word_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``word_ids``, related word's number) of every related word of the given words, in turn."""
        heads = np.flatnonzero(self.has_related[word_ids])
        if not len(heads):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        groups = []
        for g in word_ids[heads].tolist():
            found = self._related.get(g)
            if found is None:
                found = self._related[g] = np.fromiter(
                    map(self.ids.__getitem__, self._related_words[self.ids.words[g]]), dtype=np.int64
                )
            groups.append(found)
        self._grow()
        return np.repeat(heads, [len(x) for x in groups]), np.concatenate(groups)

    # -- one side's entries -----------------------------------------------------------------------------
    def remembered(self, key: tuple[object, ...], make: Callable[[], Entries]) -> Entries:
        """``make()``, the entries of one side, remembered by ``key`` (its kind, texts, headings and weights)
        for the next scorings (match() scores its suggestions twice with the same weights), until the table is
        emptied; the last few alone."""
        found = self._sides.get(key)
        if found is None:
            if len(self._sides) >= _SIDES:
                self._sides.clear()
            found = self._sides[key] = make()
        return found

    def word_entries(self, texts: Sequence[str], heads: Sequence[str | None], boost: float, sub: float) -> Entries:
        """(row, word number, weight) of each text (folded, :func:`~proposalnlp.features.fold_alnum`): its
        tokens (1 each), the halves of its four-character tokens (``sub`` each) and, with a ``boost``, its
        heading's tokens (``boost`` each)."""
        lines: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        body: list[bool] = []
        for i, (t, h) in enumerate(zip(texts, heads, strict=True)):
            parts = t.split("\n")
            lines += parts
            owner += [i] * len(parts)
            weight += [1.0] * len(parts)
            body += [True] * len(parts)
            if h and boost:
                hp = h.split("\n")
                lines += hp
                owner += [i] * len(hp)
                weight += [boost] * len(hp)
                body += [False] * len(hp)
        arrays = self.words_of(lines)
        sizes = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
        if not sizes.sum():
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.concatenate(arrays)
        rows = np.repeat(np.asarray(owner, dtype=np.int64), sizes)
        w = np.repeat(np.asarray(weight), sizes)
        if sub:
            four = np.flatnonzero(np.repeat(np.asarray(body), sizes) & (self.half1[ids] >= 0))
            if len(four):
                ids = np.concatenate([ids, self.half1[ids[four]], self.half2[ids[four]]])
                rows = np.concatenate([rows, rows[four], rows[four]])
                w = np.concatenate([w, np.full(2 * len(four), sub)])
        return rows, ids, w

    def bigram_entries(self, texts: Sequence[str], heads: Sequence[str | None], boost: float) -> Entries:
        """(row, bigram number, weight) of each text (folded): its bigrams (1 each) and, with a ``boost``, its
        heading's (``boost`` each)."""
        lines: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, (t, h) in enumerate(zip(texts, heads, strict=True)):
            lines.append(t)
            owner.append(i)
            weight.append(1.0)
            if h and boost:
                lines.append(fold_alnum(h))
                owner.append(i)
                weight.append(boost)
        return self._code_entries(lines, owner, weight)

    def heading_entries(self, heads: Sequence[str | None]) -> Entries:
        """(row, bigram number, 1) of each heading's bigrams (none for a text without a heading)."""
        lines = [fold_alnum(h) for h in heads if h]
        owner = [i for i, h in enumerate(heads) if h]
        return self._code_entries(lines, owner, [1.0] * len(lines))

    def _code_entries(self, lines: list[str], owner: list[int], weight: list[float]) -> Entries:
        # a newline ends every run: a text's codes are its lines' codes in turn
        pieces = [p for t in lines for p in t.split("\n")]
        per_text = [t.count("\n") + 1 for t in lines]
        arrays = self.bigrams_of(pieces)
        sizes = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
        codes = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
        piece_owner = np.repeat(np.asarray(owner, dtype=np.int64), per_text)
        piece_weight = np.repeat(np.asarray(weight), per_text)
        return np.repeat(piece_owner, sizes), codes, np.repeat(piece_weight, sizes)
