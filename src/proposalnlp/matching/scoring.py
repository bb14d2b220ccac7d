"""How well a text answers another: :class:`Scorer`, its weights (:class:`ScoringConfig`) and :func:`similarity`.

Texts are compared in three feature spaces: words (the project's :class:`~proposalnlp.tokenize.Tokenizer`,
with related policy terms counting in part, e.g. 人才 ~ 专家/培训, 资金 ~ 专项资金/财税), character bigrams
(robust to segmentation and to names), and the bigrams of the query's heading alone (replies quote what they
answer: 针对您反映…的问题, 关于…的建议). IDF pools a bundled background table (document frequencies only, no
text) with the texts being compared, so that a single short document still gets sensible weights. The bags
of features and their sparse matrices come from :mod:`proposalnlp.features`; the formulas (BM25-saturated
coverage, sublinear TF-IDF cosine, the hubness correction) are here.
"""

from __future__ import annotations

import gzip
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, count, repeat

import numpy as np
import scipy.sparse as sp

from .._inputs import check_texts
from ..errors import InputTypeError, InputValueError
from ..features import (
    Bag,
    BagParts,
    bag_parts,
    bags_csr,
    char_bigram_counts,
    char_bigrams,
    fold_alnum,
    sublinear_tfidf_l2,
    to_dense,
)
from ..tokenize import Tokenizer
from . import _bulk

__all__ = [
    "Scorer",
    "ScoringConfig",
    "background_df",
    "default_scorer",
    "default_tokenizer",
    "hubness_correct",
    "related_terms",
    "retrieval_scorer",
    "similarity",
]

logger = logging.getLogger(__name__)


# -- related policy terms ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def related_terms() -> tuple[tuple[str, ...], ...]:
    """Groups of words that a suggestion and a reply use for the same thing (``data/related_terms.tsv``).

    A candidate holding any word of a group partly counts as holding the others (weight
    :attr:`ScoringConfig.related_weight`). Read once, then cached.
    """
    raw = resources.files("proposalnlp").joinpath("data").joinpath("related_terms.tsv").read_text(encoding="utf-8")
    groups = []
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            groups.append(tuple(w.strip() for w in line.split("\t") if w.strip()))
    return tuple(groups)


@lru_cache(maxsize=1)
def _related_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for group in related_terms():
        for word in group:
            index.setdefault(word, set()).update(w for w in group if w != word)
    return {w: tuple(sorted(r)) for w, r in index.items()}


def _related_matrix(vocab: dict[str, int], weight: float) -> sp.csr_matrix:
    """V × V: identity plus ``weight`` from each word to its related words (candidate counts spread over them)."""
    rel = _related_index()
    rows: list[int] = []
    cols: list[int] = []
    for t, i in vocab.items():
        for r in rel.get(t, ()):
            j = vocab.get(r)
            if j is not None:
                rows.append(i)
                cols.append(j)
    n = len(vocab)
    m = sp.csr_matrix((np.full(len(rows), weight), (rows, cols)), shape=(n, n))
    return (sp.identity(n, format="csr") + m).tocsr()


# -- background document frequencies -------------------------------------------------------------------
@dataclass(frozen=True)
class _Background:
    documents: int
    df: dict[str, dict[str, int]]  # prefix ("w:" words, "c:" bigrams) → feature → document frequency


@lru_cache(maxsize=1)
def _background() -> _Background:
    """The bundled background document frequencies (built by scripts/build_background_idf.py)."""
    try:
        raw = resources.files("proposalnlp").joinpath("data").joinpath("background_df.tsv.gz").read_bytes()
    except (FileNotFoundError, OSError):
        logger.warning("background_df.tsv.gz is missing; IDF comes from the compared texts alone")
        return _Background(0, {})
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    documents = int(lines[0].split("\t")[1])
    df: dict[str, dict[str, int]] = {}
    for line in lines[1:]:
        feat, _, n = line.rpartition("\t")
        df.setdefault(feat[:2], {})[feat[2:]] = int(n)
    return _Background(documents, df)


@lru_cache(maxsize=4)
def _background_codes(prefix: str) -> Callable[[np.ndarray], np.ndarray]:
    """The background document frequency of bigram codes (:func:`._bulk.bigram_code`; 0 when absent), looked
    up in a sorted array: the bulk spaces never make the bigrams' strings."""
    table = _background().df.get(prefix, {})
    pairs = sorted((_bulk.bigram_code(k), v) for k, v in table.items() if len(k) == 2)
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    values = np.array([v for _, v in pairs], dtype=float)

    def lookup(codes: np.ndarray) -> np.ndarray:
        if not len(keys):
            return np.zeros(len(codes))
        at = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
        return np.where(keys[at] == codes, values[at], 0.0)

    return lookup


def background_df() -> tuple[int, dict[str, dict[str, int]]]:
    """The bundled background: its number of documents and, by prefix (``"w:"`` words, ``"c:"`` character
    bigrams), each feature's document frequency (policy language: what is generic and what is specific)."""
    bg = _background()
    return bg.documents, bg.df


# -- the scoring engine -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoringConfig:
    """Weights of the scoring engine (:class:`Scorer`).

    The defaults make the *coverage* score that :func:`~proposalnlp.matching.match` uses: for each query
    feature, weighted by its IDF, how strongly the candidate holds it (BM25 saturation and length
    normalisation), divided by the query's total weight, so the share of the query a candidate covers, in
    [0, 1]. :meth:`retrieval` is the symmetric preset of :func:`similarity`. The defaults were chosen with
    ``scripts/eval_matching.py`` (its figures are in the README's quality table).

    Parameters
    ----------
    word_weight : float, default=0.45
        Share of the word space in the final score.
    bigram_weight : float, default=0.35
        Share of the character bigram space.
    heading_weight : float, default=0.2
        Share of the query-heading space (the bigrams of the query's heading alone); a query without a
        heading gets the mean of the other spaces there.
    k1 : float, default=1.2
        BM25 saturation of a candidate's term frequencies.
    b : float, default=0.5
        BM25 length normalisation (0 = none, 1 = full).
    heading_boost : float, default=2.0
        How many times more a candidate's heading counts than its body (关于…的问题 / 一、…).
    query_heading_boost : float, default=1.0
        How much more a query's heading features weigh in the word and bigram spaces.
    related_weight : float, default=0.5
        How much a candidate's word counts for each word related to it (``data/related_terms.tsv``).
    subword_weight : float, default=0.5
        How much a four-character word also counts as its two halves (政策宣传 → 政策, 宣传).
    background : bool, default=True
        Pool the bundled background document frequencies into the IDF.
    background_weight : float, default=1.0
        Weight of the background table in the pooled IDF (1 = its raw counts).
    sublinear_query : bool, default=True
        Query term frequencies count as 1 + log(tf).
    cosine_share : float, default=0.0
        Share of the sublinear TF-IDF cosine in each space's score (the rest: the coverage of the query);
        1.0 gives the cosine alone.
    candidate_lead : int, default=0
        A candidate without a heading gets its first this many characters as one when it is longer than
        twice that (replies restate the request they answer at the start); 0 = off.

    Attributes
    ----------
    word_weight, bigram_weight, heading_weight, cosine_share : float
        As given (a frozen dataclass: derive a variant with :func:`dataclasses.replace`).
    k1, b, heading_boost, query_heading_boost, related_weight, subword_weight, background_weight : float
        As given.
    background, sublinear_query : bool
        As given.
    candidate_lead : int
        As given.
    """

    word_weight: float = 0.45
    bigram_weight: float = 0.35
    heading_weight: float = 0.2
    k1: float = 1.2
    b: float = 0.5
    heading_boost: float = 2.0
    query_heading_boost: float = 1.0
    related_weight: float = 0.5
    subword_weight: float = 0.5
    background: bool = True
    background_weight: float = 1.0
    sublinear_query: bool = True
    cosine_share: float = 0.0
    candidate_lead: int = 0

    @classmethod
    def retrieval(cls) -> ScoringConfig:
        """The preset for ranking many candidates per query (symmetric cosine; what :func:`similarity` uses)."""
        return cls(
            word_weight=0.5,
            bigram_weight=0.4,
            heading_weight=0.1,
            cosine_share=1.0,
            heading_boost=1.0,
            candidate_lead=80,
        )


def _sum_bags(bags: Sequence[Bag]) -> Bag:
    """The sum of bags, keys in order of first appearance, each key's values added in the bags' order: what
    adding every entry to a dict in turn gives, with the additions done only for the keys that several bags hold
    (a copy and C-level updates do the rest)."""
    if not bags:
        return {}
    out = dict(bags[0])
    for bag in bags[1:]:
        common = out.keys() & bag.keys()
        if common:
            before = [(k, out[k]) for k in common]
            out.update(bag)
            for k, v in before:
                out[k] = v + bag[k]
        else:
            out.update(bag)
    return out


#: texts whose tokens a Scorer remembers (the memo is emptied when full)
_TOKEN_MEMO = 4096
#: ... and at most this many characters of them in all; a text over an eighth of it is never remembered
_MEMO_CHARS = 2_000_000

_DEFAULT_TOKENIZER: Tokenizer | None = None
_TOKENIZER_LOCK = threading.Lock()


def default_tokenizer() -> Tokenizer:
    """The one :class:`~proposalnlp.tokenize.Tokenizer` the scorers share by default."""
    global _DEFAULT_TOKENIZER
    with _TOKENIZER_LOCK:
        if _DEFAULT_TOKENIZER is None:
            _DEFAULT_TOKENIZER = Tokenizer()
        return _DEFAULT_TOKENIZER


@dataclass
class _Side:
    words: list[Bag]
    bigrams: list[Bag]
    head_bigrams: list[Bag]


class Scorer:
    """The scoring engine behind :func:`similarity` and :func:`~proposalnlp.matching.match`.

    Reusable, and thread-safe once built: it holds no state but its tokenizer and weights.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        Cuts texts into words; by default one shared :class:`~proposalnlp.tokenize.Tokenizer`.
    config : ScoringConfig, optional
        The weights; by default ``ScoringConfig()`` (the coverage score of ``match``).

    Attributes
    ----------
    tokenizer : Tokenizer
        The tokenizer in use.
    config : ScoringConfig
        The weights in use.

    Examples
    --------
    >>> from proposalnlp.matching import Scorer, ScoringConfig
    >>> scorer = Scorer(config=ScoringConfig.retrieval())
    >>> scorer.score(["加大人才培养力度"], ["我们将加强专家培训", "道路维修"]).shape
    (1, 2)
    """

    def __init__(self, tokenizer: Tokenizer | None = None, config: ScoringConfig | None = None) -> None:
        self.tokenizer = tokenizer if tokenizer is not None else default_tokenizer()
        self.config = config if config is not None else ScoringConfig()
        self._tokens: dict[str, list[str]] = {}
        self._bigram_counts: dict[str, Bag] = {}  # folded text → its character-bigram counts
        self._word_counts: dict[tuple[str, float], Bag] = {}  # (folded text, subword weight) → its word counts
        self._bags: dict[tuple[str, str | None, float, float], tuple[Bag, Bag, Bag]] = {}
        self._memo_chars = 0
        # the last score_pairs inputs → the tokenizer and the spaces built from them
        self._spaces: dict[tuple[object, ...], tuple[Tokenizer, _PairSpaces]] = {}

    def clear_memo(self) -> None:
        """Forget the remembered tokens, bags and feature spaces (benchmarks do, so that a repeated call costs
        what a new one does)."""
        self._tokens.clear()
        self._bigram_counts.clear()
        self._word_counts.clear()
        self._bags.clear()
        self._spaces.clear()
        self._memo_chars = 0

    def _room(self, chars: int) -> bool:
        """Whether a text of ``chars`` characters may be remembered: the memos hold at most
        :data:`_TOKEN_MEMO` texts of :data:`_MEMO_CHARS` characters in all (both are emptied when full)."""
        if chars > _MEMO_CHARS // 8:
            return False
        full = max(len(self._tokens), len(self._bigram_counts), len(self._word_counts), len(self._bags)) >= _TOKEN_MEMO
        if full or self._memo_chars + chars > _MEMO_CHARS:
            self.clear_memo()
        self._memo_chars += chars
        return True

    def _share_text_memo(self, other: Scorer) -> None:
        """Remember tokens and bigram counts in ``other``'s memos (the same tokenizer gives the same tokens):
        match() bags the same suggestions and units with both built-in scorers."""
        if other.tokenizer is self.tokenizer:
            self._tokens = other._tokens
            self._bigram_counts = other._bigram_counts
            # a bag depends on the text, heading, boost and subword weight alone (its key) and on the tokenizer
            self._bags = other._bags
            self._word_counts = other._word_counts

    def _cut(self, text: str) -> list[str]:
        """The tokenizer's tokens of a text, remembered for the texts of the last calls (match() scores the
        same suggestions and units more than once); at most :data:`_TOKEN_MEMO` texts are kept. Lines joined
        by newlines whose tokens are remembered (a suggestion's part of the reply) are not cut again: a
        newline ends every token, so their tokens are the lines' tokens in turn."""
        tokens = self._tokens.get(text)
        if tokens is None:
            tokens = self._joined(text, self._tokens)
            if tokens is None:
                tokens = self.tokenizer(text)
            if self._room(len(text)):
                self._tokens[text] = tokens
        return tokens

    def _flat_tokens(self, texts: list[str]) -> tuple[list[str], list[int]]:
        """The tokens of each text as :meth:`_cut` gives them (and remembers them), as one flat list and each
        text's count: what :func:`._bulk.word_space` reads."""
        found = list(map(self._cut, texts))
        out: list[str] = []
        for tokens in found:
            out += tokens
        return out, list(map(len, found))

    def tokens(self, folded: str) -> list[str]:
        """The tokenizer's tokens of a text already folded (:func:`~proposalnlp.features.fold_alnum`), from the
        memo when remembered: what the answer model reads the same texts with."""
        return self._cut(folded)

    @staticmethod
    def _joined(text: str, memo: dict[str, list[str]]) -> list[str] | None:
        """The remembered tokens of each newline-separated line of ``text``, one after the other, or None
        when a line is empty or not remembered."""
        if "\n" not in text:
            return None
        out: list[str] = []
        for line in text.split("\n"):
            part = memo.get(line) if line else None
            if part is None:
                return None
            out += part
        return out

    def _words_of(self, text: str, sub: float) -> Bag:
        """The word counts of a folded text (four-character words also counting ``sub`` for each half),
        remembered: the same text is bagged with other headings by the other scorer."""
        key = (text, sub)
        wc = self._word_counts.get(key)
        if wc is not None:
            return wc
        tokens = self._cut(text)  # already NFKC: the tokenizer skips that step
        wc = dict(Counter(tokens))
        if sub:
            if _on_grain(sub):
                # each distinct four-character word once, its halves given sub × its count: the same sums (exact
                # on the grain) and the same order of first touch as adding sub at each occurrence
                for t, n in [(t, n) for t, n in wc.items() if len(t) == 4]:
                    wc[t[:2]] = wc.get(t[:2], 0.0) + sub * n
                    wc[t[2:]] = wc.get(t[2:], 0.0) + sub * n
            else:
                for t in tokens:
                    if len(t) == 4:
                        wc[t[:2]] = wc.get(t[:2], 0.0) + sub
                        wc[t[2:]] = wc.get(t[2:], 0.0) + sub
        if self._room(len(text)):
            self._word_counts[key] = wc
        return wc

    def _bigrams_of(self, text: str) -> Bag:
        """The character-bigram counts of a folded text, remembered; those of lines joined by newlines are
        the sums of the lines' remembered counts (a newline ends every bigram run), in order of appearance."""
        bc: Bag | None = self._bigram_counts.get(text)
        if bc is not None:
            return bc
        if "\n" in text:
            parts = [self._bigram_counts.get(line) if line else None for line in text.split("\n")]
            if all(p is not None for p in parts):
                bc = {}
                for p in parts:
                    for k, v in p.items():  # type: ignore[union-attr]
                        bc[k] = bc.get(k, 0) + v
        if bc is None:
            bc = char_bigram_counts(text)
        if self._room(len(text)):
            self._bigram_counts[text] = bc
        return bc

    # -- features -----------------------------------------------------------------------------------
    def _side(self, texts: Sequence[str], headings: Sequence[str | None], boost: float) -> _Side:
        words: list[Bag] = []
        bigrams: list[Bag] = []
        heads: list[Bag] = []
        for raw, head in zip(texts, headings, strict=True):
            wc, bc, hc = self._text_bags(raw, head, boost)
            words.append(wc)
            bigrams.append(bc)
            heads.append(hc)
        return _Side(words, bigrams, heads)

    def _text_bags(self, raw: str, head: str | None, boost: float) -> tuple[Bag, Bag, Bag]:
        """A text's word, character-bigram and heading-bigram bags, remembered like its tokens (match() scores
        the same suggestions and units three times). The bags are shared: nothing downstream changes them."""
        sub = self.config.subword_weight
        key = (raw, head, boost, sub)
        bags = self._bags.get(key)
        if bags is not None:
            return bags
        if head is None and "\n" in raw:
            joined = self._joined_bags(raw.split("\n"), boost, sub)
            if joined is not None:
                return joined
        text = fold_alnum(raw)
        wc = self._words_of(text, sub)
        bc = self._bigrams_of(text)
        hc: Bag = {}
        if head:
            # the remembered counts are shared: the heading's boost goes into copies
            wc = dict(wc)
            bc = dict(bc)
            hb = char_bigrams(head)
            hc = dict(Counter(hb))
            if boost:
                for t in self._cut(head):
                    wc[t] = wc.get(t, 0.0) + boost
                for t in hb:
                    bc[t] = bc.get(t, 0.0) + boost
        if self._room(len(raw) + len(head or "")):
            self._bags[key] = (wc, bc, hc)
        return wc, bc, hc

    def _joined_bags(self, parts: list[str], boost: float, sub: float) -> tuple[Bag, Bag, Bag] | None:
        """The bags of lines joined by newlines as the sums of the lines' remembered bags (a suggestion's part
        of the reply is its best units joined: bagged already), or None when a line is not remembered. A
        newline ends every token and bigram run, so the sums are the joined text's own bags."""
        found = [self._bags.get((part, None, boost, sub)) for part in parts if part]
        if any(b is None for b in found):
            return None
        return _sum_bags([f[0] for f in found]), _sum_bags([f[1] for f in found]), {}  # type: ignore[index]

    def _idf(
        self, vocab: dict[str, int] | np.ndarray, prefix: str, df_local: np.ndarray, n_local: int
    ) -> np.ndarray:
        """IDF of the columns (``vocab``: terms in column order, or bigram codes, :mod:`._bulk`), the local
        document frequencies pooled with the background's."""
        cfg = self.config
        n = float(n_local)
        df = df_local
        if cfg.background:
            bg = _background()
            table = bg.df.get(prefix)
            if bg.documents and table:
                w = cfg.background_weight
                if isinstance(vocab, np.ndarray):
                    bg_df = _background_codes(prefix)(vocab)
                else:
                    bg_df = np.fromiter(map(table.get, vocab, repeat(0)), float, len(vocab))
                df = df_local + w * bg_df
                n += w * bg.documents
        idf: np.ndarray = np.log1p((n - df + 0.5) / (df + 0.5))
        return np.maximum(idf, 0.0)

    def _space(
        self,
        q: list[Bag] | int,
        c: list[Bag] | int,
        prefix: str,
        related: bool,
        extra: list[Bag] | None = None,
        built: _bulk.Built | None = None,
    ) -> _SpacePlan:
        """One feature space made ready: the IDF over every text given, the candidates' matrix, and the
        queries' (and ``extra`` queries', same IDF) rows, to be scored a block of rows at a time. ``built``:
        the columns and bag parts already made (:mod:`._bulk`; ``q`` and ``c`` are then the numbers of rows)."""
        cfg = self.config
        if built is None:
            assert not isinstance(q, int) and not isinstance(c, int)
            built = _vocabulary(q, c, related, extra)
        vocab, qparts, cparts, eparts = built
        n_q = q if isinstance(q, int) else len(q)
        n_c = c if isinstance(c, int) else len(c)
        n_feat = len(vocab)
        plan = _SpacePlan(n_c)
        if not n_feat:
            return plan
        qm = bags_csr(qparts, n_q, n_feat)
        cm = bags_csr(cparts, n_c, n_feat)
        df_local = np.bincount(qm.indices, minlength=n_feat) + np.bincount(cm.indices, minlength=n_feat)
        idf = self._idf(vocab, prefix, df_local.astype(float), n_q + n_c)
        if related:
            assert isinstance(vocab, dict)  # related terms are words
            cm = (cm @ _related_matrix(vocab, cfg.related_weight)).tocsr()
        em = bags_csr(eparts, n_q, n_feat) if eparts is not None else None
        if cfg.cosine_share >= 1.0:
            plan.cos_t = sublinear_tfidf_l2(cm, idf).T
            plan.q_cos = sublinear_tfidf_l2(qm, idf)
            plan.e_cos = sublinear_tfidf_l2(em, idf) if em is not None else None
            return plan
        # BM25 saturation of candidate term frequencies, scaled into [0, 1)
        lengths = np.asarray(cm.sum(axis=1)).ravel()
        avg = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        norm = cfg.k1 * (1 - cfg.b + cfg.b * lengths / avg)
        sat = cm.copy()
        sat.data = sat.data / (sat.data + np.repeat(norm, np.diff(sat.indptr)))
        plan.sat_t = sat.T.tocsr()
        if cfg.cosine_share:
            plan.cos_t = sublinear_tfidf_l2(cm, idf).T

        def weighted(m: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray, sp.csr_matrix | None]:
            m = m.copy()
            if cfg.sublinear_query:
                m.data = 1.0 + np.log(np.maximum(m.data, 1e-9))
            m = (m @ sp.diags(idf)).tocsr()
            total = np.asarray(m.sum(axis=1)).ravel()
            total[total == 0] = 1.0
            return m, total, (sublinear_tfidf_l2(m, idf) if cfg.cosine_share else None)

        plan.q_cover, plan.q_total, plan.q_cos = weighted(qm)
        if em is not None:
            plan.e_cover, plan.e_total, plan.e_cos = weighted(em)
        return plan

    def _headings(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        query_headings: Sequence[str | None] | None,
        candidate_headings: Sequence[str | None] | None,
    ) -> tuple[list[str | None], list[str | None]]:
        """The headings of the queries and of the candidates (a long candidate without one: its lead, when
        :attr:`ScoringConfig.candidate_lead` says so)."""
        cfg = self.config
        none: list[str | None] = [None]
        qh = list(query_headings) if query_headings is not None else none * len(queries)
        ch = list(candidate_headings) if candidate_headings is not None else none * len(candidates)
        if cfg.candidate_lead:
            ch = [
                h if h else (t[: cfg.candidate_lead] if len(t) > 2 * cfg.candidate_lead else None)
                for h, t in zip(ch, candidates, strict=True)
            ]
        return qh, ch

    def _prepare(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        query_headings: Sequence[str | None] | None,
        candidate_headings: Sequence[str | None] | None,
    ) -> _Plan:
        """Features and IDF of every text, once: :meth:`_rows` then scores any rows of queries against every
        candidate (a block at a time keeps memory to the block)."""
        cfg = self.config
        qh, ch = self._headings(queries, candidates, query_headings, candidate_headings)
        plan = _Plan(len(queries), len(candidates))
        if not queries or not candidates:
            return plan
        if self._bulk_ready(len(queries), len(candidates)):
            return self._prepare_bulk(queries, candidates, qh, ch, plan)
        qs = self._side(queries, qh, cfg.query_heading_boost)
        cs = self._side(candidates, ch, cfg.heading_boost)
        if cfg.word_weight:
            plan.words = self._space(qs.words, cs.words, "w:", True)
        plan.has_head = np.array([bool(h) for h in qs.head_bigrams])
        plan.use_head = bool(cfg.heading_weight and plan.has_head.any())
        if cfg.bigram_weight or plan.use_head:
            plan.bigrams = self._space(qs.bigrams, cs.bigrams, "c:", False, qs.head_bigrams if plan.use_head else None)
        return plan

    def _bulk_ready(self, n_queries: int, n_candidates: int) -> bool:
        """Whether a batch is built at once (:mod:`._bulk`): many texts, and :meth:`_bulk_exact`."""
        return n_queries + n_candidates >= _BULK_TEXTS and self._bulk_exact()

    def _bulk_exact(self) -> bool:
        """Whether the spaces built at once (:mod:`._bulk`) are bit for bit those of the per-text bags: no search
        mode in the tokenizer, and weights whose sums are exact in any order (the bulk sums run in stream order)."""
        cfg = self.config
        return not self.tokenizer.subwords and all(
            _on_grain(x) for x in (cfg.subword_weight, cfg.heading_boost, cfg.query_heading_boost)
        )

    def _prepare_bulk(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        qh: list[str | None],
        ch: list[str | None],
        plan: _Plan,
    ) -> _Plan:
        """:meth:`_prepare` of a large batch: the same spaces, built at once rather than text by text."""
        cfg = self.config
        # the texts folded once for both spaces (as _text_bags folds them); headings as given
        sides = (
            ([fold_alnum(t) for t in queries], qh, cfg.query_heading_boost),
            ([fold_alnum(t) for t in candidates], ch, cfg.heading_boost),
        )
        if cfg.word_weight:
            built = _bulk.word_space(self.tokenizer, sides, cfg.subword_weight, _related_index())
            plan.words = self._space(len(queries), len(candidates), "w:", True, built=built)
        heading = bool(cfg.heading_weight)
        if cfg.bigram_weight or heading:
            built, plan.has_head, plan.use_head = _bulk.bigram_space(sides, heading)
            if cfg.bigram_weight or plan.use_head:
                plan.bigrams = self._space(len(queries), len(candidates), "c:", False, built=built)
        else:
            plan.has_head = np.zeros(len(queries), dtype=bool)
            plan.use_head = False
        return plan

    def _rows(self, plan: _Plan, rows: np.ndarray | slice) -> np.ndarray:
        """Scores (the given query rows × every candidate) of a prepared plan: what :meth:`score` returns for
        those rows, computed for them alone."""
        cfg = self.config
        if plan.has_head is None:  # no queries or no candidates
            return np.zeros((len(np.arange(plan.n_queries)[rows]), plan.n_candidates))
        has_head = plan.has_head[rows]
        n_rows = len(has_head)
        out = np.zeros((n_rows, plan.n_candidates))
        if not n_rows or not plan.n_candidates:
            return out
        total_w = 0.0
        if cfg.word_weight and plan.words is not None:
            out += cfg.word_weight * plan.words.scores(rows, n_rows, cfg, extra=False)
            total_w += cfg.word_weight
        if plan.bigrams is not None:
            if cfg.bigram_weight:
                out += cfg.bigram_weight * plan.bigrams.scores(rows, n_rows, cfg, extra=False)
                total_w += cfg.bigram_weight
            if plan.use_head:
                hs = plan.bigrams.scores(rows, n_rows, cfg, extra=True)
                # queries without a heading: the mean of the other spaces stands in
                base = out / total_w if total_w else out
                hs[~has_head] = base[~has_head]
                out += cfg.heading_weight * hs
                total_w += cfg.heading_weight
        if total_w:
            out /= total_w
        np.clip(out, 0.0, 1.0, out=out)
        return out

    def score(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        query_headings: Sequence[str | None] | None = None,
        candidate_headings: Sequence[str | None] | None = None,
    ) -> np.ndarray:
        """Scores in [0, 1], one row per query, one column per candidate (inputs already validated).

        The whole len(queries) × len(candidates) array at once: for moderate sizes. :meth:`score_blocks`
        gives the same rows a block at a time.
        """
        plan = self._prepare(queries, candidates, query_headings, candidate_headings)
        return self._rows(plan, slice(None))

    def score_blocks(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        blocks: Iterable[np.ndarray | slice],
        query_headings: Sequence[str | None] | None = None,
        candidate_headings: Sequence[str | None] | None = None,
    ) -> Iterator[np.ndarray]:
        """The rows of :meth:`score` for each block of query rows (an index array or a slice), in turn: the
        features and IDF are built once, and memory holds one block of len(block) × len(candidates) scores."""
        cfg = self.config
        small = 0 < len(queries) * len(candidates) <= _GRID_CELLS
        if small and not 0.0 < cfg.cosine_share < 1.0 and _exact_sums(cfg):
            # a few cells: no sparse matrix built, every cell's products summed in the order scipy's product
            # sums them (bit for bit what _rows gives)
            spaces = self._pair_spaces(queries, candidates, query_headings, candidate_headings)
            every = np.arange(len(queries))
            for rows in blocks:
                yield spaces.grid(every[rows])
            return
        plan = self._prepare(queries, candidates, query_headings, candidate_headings)
        for rows in blocks:
            yield self._rows(plan, rows)

    # -- a few cells ----------------------------------------------------------------------------------
    def score_pairs(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        rows: Sequence[int] | np.ndarray,
        cols: Sequence[int] | np.ndarray,
        query_headings: Sequence[str | None] | None = None,
        candidate_headings: Sequence[str | None] | None = None,
    ) -> np.ndarray:
        """The scores of :meth:`score` at the cells (``rows[k]``, ``cols[k]``) alone, with the IDF of every
        text given, bit for bit as :meth:`score` computes them: each cell's products are summed in the order
        scipy's product sums them. A configuration with a cosine share, or with weights whose sums could round
        otherwise, is scored through :meth:`score_blocks` (the rows holding a cell).

        For a few cells of many: no sparse matrix is built, and memory grows with the texts' features and
        the cells' query features, never with len(queries) × len(candidates).
        """
        cfg = self.config
        r = np.asarray(rows, dtype=np.int64).reshape(-1)
        c = np.asarray(cols, dtype=np.int64).reshape(-1)
        out = np.zeros(len(r))
        if not len(r) or not queries or not candidates:
            return out
        if 0.0 < cfg.cosine_share < 1.0 or not _exact_sums(cfg):
            return self._cells_of_rows(queries, candidates, r, c, query_headings, candidate_headings)
        spaces = self._pair_spaces(queries, candidates, query_headings, candidate_headings)
        return spaces.combine(lambda space, extra: space.cells(extra, r, c), r)

    def _pair_spaces(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        query_headings: Sequence[str | None] | None,
        candidate_headings: Sequence[str | None] | None,
    ) -> _PairSpaces:
        """The feature spaces of :meth:`score_pairs` (and of :meth:`score_blocks` for small inputs), those of the
        last few inputs remembered (:data:`_SPACE_MEMO`): match() of a document seen before scores the same texts.
        A remembered space is the one these inputs build (a space depends on its texts, headings and weights
        alone), so the scores are the same."""
        cfg = self.config
        qh, ch = self._headings(queries, candidates, query_headings, candidate_headings)
        key = (cfg, tuple(queries), tuple(qh), tuple(candidates), tuple(ch))
        found = self._spaces.get(key)
        if found is not None and found[0] is self.tokenizer:  # (a tokenizer's own hash reads its dictionary)
            return found[1]
        spaces = self._build_pair_spaces(queries, candidates, qh, ch)
        if sum(map(len, queries)) + sum(map(len, candidates)) <= _MEMO_CHARS // 8:
            if len(self._spaces) >= _SPACE_MEMO:
                self._spaces.clear()
            self._spaces[key] = (self.tokenizer, spaces)
        return spaces

    def _build_pair_spaces(
        self, queries: Sequence[str], candidates: Sequence[str], qh: list[str | None], ch: list[str | None]
    ) -> _PairSpaces:
        """:meth:`_pair_spaces` built (``qh``, ``ch``: the headings of :meth:`_headings`)."""
        cfg = self.config
        n_q, n_c = len(queries), len(candidates)
        words = bigrams = None
        if self._bulk_exact():
            # the columns and bag parts laid out with numpy, bit for bit those of the per-text bags (:mod:`._bulk`),
            # from the remembered tokens: cheaper than a dict per text and numbering the dicts' terms
            sides = (
                ([fold_alnum(t) for t in queries], qh, cfg.query_heading_boost),
                ([fold_alnum(t) for t in candidates], ch, cfg.heading_boost),
            )
            if cfg.word_weight:
                built = _bulk.word_space(self.tokenizer, sides, cfg.subword_weight, _related_index(), self._flat_tokens)
                words = _PairSpace(self, built, n_q, n_c, "w:", True)
            heading = bool(cfg.heading_weight)
            has_head = np.zeros(n_q, dtype=bool)
            use_head = False
            if cfg.bigram_weight or heading:
                built, has_head, use_head = _bulk.bigram_space(sides, heading)
                if cfg.bigram_weight or use_head:
                    bigrams = _PairSpace(self, built, n_q, n_c, "c:", False)
            return _PairSpaces(cfg, words, bigrams, has_head, use_head, n_c)
        qs = self._side(queries, qh, cfg.query_heading_boost)
        cs = self._side(candidates, ch, cfg.heading_boost)
        has_head = np.array([bool(h) for h in qs.head_bigrams])
        use_head = bool(cfg.heading_weight and has_head.any())
        if cfg.word_weight:
            words = _PairSpace(self, _vocabulary(qs.words, cs.words, True, None), n_q, n_c, "w:", True)
        if cfg.bigram_weight or use_head:
            extra = qs.head_bigrams if use_head else None
            bigrams = _PairSpace(self, _vocabulary(qs.bigrams, cs.bigrams, False, extra), n_q, n_c, "c:", False)
        return _PairSpaces(cfg, words, bigrams, has_head, use_head, n_c)

    def _cells_of_rows(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        rows: np.ndarray,
        cols: np.ndarray,
        query_headings: Sequence[str | None] | None,
        candidate_headings: Sequence[str | None] | None,
    ) -> np.ndarray:
        """:meth:`score_pairs` through :meth:`score_blocks`: the rows holding a cell, a block at a time."""
        out = np.zeros(len(rows))
        uniq, inverse = np.unique(rows, return_inverse=True)
        step = max(1, (1 << 20) // max(len(candidates), 1))
        blocks = [uniq[a : a + step] for a in range(0, len(uniq), step)]
        at = 0
        for blk, sc in zip(
            blocks, self.score_blocks(queries, candidates, blocks, query_headings, candidate_headings), strict=True
        ):
            sel = (inverse >= at) & (inverse < at + len(blk))
            out[sel] = sc[inverse[sel] - at, cols[sel]]
            at += len(blk)
        return out


#: a batch of at least this many texts (queries and candidates) is bagged at once (:mod:`._bulk`)
_BULK_TEXTS = 256

#: the feature spaces of this many score_pairs inputs are remembered by a scorer (match() builds three per call)
_SPACE_MEMO = 6

#: score_blocks scores at most this many (query × candidate) cells without sparse matrices (above it, sparse
#: products are faster)
_GRID_CELLS = 1 << 16

#: every count, weight and boost of a bag is a multiple of this: sums of them are exact in any order
_GRAIN = 2.0**-10


def _on_grain(x: float) -> bool:
    return float(x / _GRAIN).is_integer()


def _exact_sums(cfg: ScoringConfig) -> bool:
    """Whether the candidates' term weights (counts, subword and heading shares, related words' shares) are
    multiples of :data:`_GRAIN`, so that :meth:`Scorer.score_pairs` may sum them in its own order and still get
    :meth:`Scorer.score`'s lengths bit for bit."""
    return all(_on_grain(x) for x in (cfg.subword_weight, cfg.heading_boost, cfg.related_weight))


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices of the ranges [starts[k], starts[k] + counts[k]) one after the other."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    return np.asarray(offsets + np.arange(total), dtype=np.int64)


@dataclass
class _PairSpaces:
    """The spaces of :meth:`Scorer.score_pairs` and how :meth:`Scorer._rows` weighs them."""

    config: ScoringConfig
    words: _PairSpace | None
    bigrams: _PairSpace | None
    has_head: np.ndarray
    use_head: bool
    n_candidates: int

    def grid(self, rows: np.ndarray) -> np.ndarray:
        """The weighted scores of ``rows`` against every candidate, len(rows) × candidates."""
        out = self.combine(lambda space, extra: space.grid(extra, rows), rows)
        return out if out.ndim == 2 else np.zeros((len(rows), self.n_candidates))

    def combine(self, scores: Callable[[_PairSpace, bool], np.ndarray], rows: np.ndarray) -> np.ndarray:
        """The weighted scores (cells or grid rows) of ``rows``, as :meth:`Scorer._rows` weighs its spaces."""
        cfg = self.config
        out: np.ndarray | None = None
        total_w = 0.0

        def add(value: np.ndarray) -> np.ndarray:
            return value if out is None else out + value

        if cfg.word_weight and self.words is not None:
            out = add(cfg.word_weight * scores(self.words, False))
            total_w += cfg.word_weight
        if self.bigrams is not None:
            if cfg.bigram_weight:
                out = add(cfg.bigram_weight * scores(self.bigrams, False))
                total_w += cfg.bigram_weight
            if self.use_head:
                hs = scores(self.bigrams, True)
                base = hs * 0.0 if out is None else out
                # queries without a heading: the mean of the other spaces stands in
                base = base / total_w if total_w else base
                head = self.has_head[rows]
                hs = np.where(head[:, None] if hs.ndim == 2 else head, hs, base)
                out = add(cfg.heading_weight * hs)
                total_w += cfg.heading_weight
        if out is None:
            return np.zeros(len(rows))
        if total_w:
            out = out / total_w
        return np.asarray(np.clip(out, 0.0, 1.0), dtype=float)


def _vocabulary(
    q: list[Bag], c: list[Bag], related: bool, extra: list[Bag] | None
) -> tuple[dict[str, int], BagParts, BagParts, BagParts | None]:
    """The column of every term of the queries, candidates and ``extra`` queries (in that order of first
    appearance), the related terms of theirs appended (their columns come last), and each side's bag parts:
    what :meth:`Scorer._space` and :class:`_PairSpace` both build a feature space from."""
    vocab: dict[str, int] = defaultdict(count().__next__)
    qparts = bag_parts(q, vocab)
    cparts = bag_parts(c, vocab)
    eparts = bag_parts(extra, vocab) if extra is not None else None
    if related:
        rel = _related_index()
        for t in list(filter(rel.__contains__, vocab)):
            for w in rel[t]:
                vocab[w]
    return vocab, qparts, cparts, eparts


class _PairSpace:
    """One feature space of :meth:`Scorer.score_pairs`, as :meth:`Scorer._space` and :class:`_SpacePlan` make
    it: the queries' (and the ``extra`` queries', their headings') weighted rows and the candidates' values."""

    def __init__(self, scorer: Scorer, built: _bulk.Built, n_q: int, n_c: int, prefix: str, related: bool) -> None:
        cfg = scorer.config
        vocab, qparts, cparts, eparts = built
        n_feat = len(vocab)
        self.config = cfg
        self.n_feat = n_feat
        self.n_candidates = n_c
        self.parts = {False: qparts, True: eparts}
        self._queries: dict[bool, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]] = {}
        self.ukey = np.zeros(0, dtype=np.int64)
        self.values = np.zeros(0)
        self._post: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        if not n_feat:  # no features at all: every score is 0
            return
        q_idx = np.asarray(qparts[0], dtype=np.int64)
        c_idx = np.asarray(cparts[0], dtype=np.int64)
        df_local = np.bincount(q_idx, minlength=n_feat) + np.bincount(c_idx, minlength=n_feat)
        idf = scorer._idf(vocab, prefix, df_local.astype(float), n_q + n_c)
        # the candidates' entries (row, column, count), with related words counting in part: cm @ (I + wR), whose
        # rows scipy builds sorted; the product touches, for each entry of a row in turn, its word then the related
        # words in column order (the cosine's sums run in the order of first touch)
        c_ptr = cparts[2]
        c_row = np.repeat(np.arange(n_c, dtype=np.int64), np.diff(c_ptr))
        c_val = np.asarray(cparts[1], dtype=float)
        if related:
            rel = _related_index()
            assert isinstance(vocab, dict)  # related terms are words
            # the words with related words, in column order, each with its related words in turn (the pairs of
            # a loop over them, built by C-level maps: the same pairs in the same order)
            heads = [t for t in vocab if t in rel]
            groups = list(map(rel.__getitem__, heads))
            dst_of = list(map(vocab.get, chain.from_iterable(groups)))
            src_of = np.repeat(
                np.fromiter(map(vocab.__getitem__, heads), np.int64, len(heads)),
                np.fromiter(map(len, groups), np.int64, len(groups)),
            )
            if None in dst_of:  # a related word without a column (a vocabulary made elsewhere): left out
                src = src_of[np.array([j is not None for j in dst_of], dtype=bool)]
                dst = np.array([j for j in dst_of if j is not None], dtype=np.int64)
            else:
                src, dst = src_of, np.array(dst_of, dtype=np.int64)
            if len(src):
                b_src = np.concatenate([np.arange(n_feat, dtype=np.int64), src])
                b_dst = np.concatenate([np.arange(n_feat, dtype=np.int64), dst])
                b_val = np.concatenate([np.ones(n_feat), np.full(len(src), cfg.related_weight)])
                order = np.lexsort((b_dst, b_src))
                b_dst, b_val = b_dst[order], b_val[order]
                b_ptr = np.searchsorted(b_src[order], np.arange(n_feat + 1))
                deg = np.diff(b_ptr)[c_idx]
                more = _ranges(b_ptr[c_idx], deg)
                c_row = np.repeat(c_row, deg)
                c_idx = b_dst[more]
                c_val = np.repeat(c_val, deg) * b_val[more]
        key = c_row * n_feat + c_idx
        if related and len(c_idx) > len(cparts[0]):
            ukey, first, inverse = _unique_first_inverse(key)
            c_val = np.bincount(inverse, weights=c_val, minlength=len(ukey))
        else:
            # no entry added: each (row, column) is there once (a bag's keys), so the unique keys are the sorted keys
            # and their sums the values themselves (exact: 0 + v is v)
            first, ukey = _bulk.stable_order(key)
            c_val = c_val[first]
        c_row, c_idx = ukey // n_feat, ukey % n_feat
        sat_val = cos_val = np.zeros(0)
        if not cfg.cosine_share:
            # BM25 saturation of candidate term frequencies, scaled into [0, 1); the lengths are sums of multiples
            # of _GRAIN (_exact_sums), the same in any order
            lengths = np.bincount(c_row, weights=c_val, minlength=n_c)
            mean = float(lengths.mean()) if len(lengths) else 0.0  # (the same mean, computed once)
            avg = mean if mean > 0 else 1.0
            norm = cfg.k1 * (1 - cfg.b + cfg.b * lengths / avg)
            sat_val = c_val / (c_val + norm[c_row])
        else:
            # sublinear TF-IDF, L2-normalised (features.sublinear_tfidf_l2): scipy's product with the diagonal of the
            # IDF reverses each row, so its entries come in order of first touch for cm @ (I + wR) (itself in
            # reverse order of first touch) and in reverse bag order for plain bags; the norms summed as scipy does
            touch = np.lexsort((first if related else -first, c_row))
            x = np.zeros(len(ukey))
            x[touch] = (1.0 + np.log(np.maximum(c_val[touch], 1e-9))) * idf[c_idx[touch]]
            cos_val = x * _inverse_norms(c_row[touch], c_idx[touch], x[touch], n_c, reverse=False)[c_row]
        self.idf = idf
        self.ukey = ukey
        self.c_row, self.c_idx = c_row, c_idx
        # the candidates' values: BM25-saturated counts (coverage) or sublinear TF-IDF, L2-normalised (cosine)
        self.values = cos_val if cfg.cosine_share else sat_val

    def _query(self, extra: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """The query rows (``extra``: the headings') as scipy holds them: columns, values and row pointers in
        the order its products sum them, and each row's total weight (coverage; None for the cosine)."""
        done = self._queries.get(extra)
        if done is not None:
            return done
        cfg = self.config
        idf = self.idf
        parts = self.parts[extra]
        assert parts is not None
        q_cols = np.asarray(parts[0], dtype=np.int64)
        q_vals = np.asarray(parts[1], dtype=float)
        q_ptr = np.asarray(parts[2], dtype=np.int64)
        n_q = len(q_ptr) - 1
        q_row = np.repeat(np.arange(n_q, dtype=np.int64), np.diff(q_ptr))
        total: np.ndarray | None = None
        if cfg.cosine_share:
            # features.sublinear_tfidf_l2 of the query rows: its rows come back in their own order (twice
            # reversed by scipy's products with diagonals), zero products left out
            xq = (1.0 + np.log(np.maximum(q_vals, 1e-9))) * idf[q_cols]
            keep = xq != 0
            inv = _inverse_norms(q_row[keep], q_cols[keep], xq[keep], n_q, reverse=True)
            w_cols, w_vals = q_cols[keep], inv[q_row[keep]] * xq[keep]
        else:
            if cfg.sublinear_query:
                q_vals = 1.0 + np.log(np.maximum(q_vals, 1e-9))
            # the weighted query rows as Scorer._space holds them: scipy's product with the diagonal of the IDF
            # gives each row's entries in reverse order, zero products left out; sums run in that order
            src_at = q_ptr[q_row] + q_ptr[q_row + 1] - 1 - np.arange(len(q_row), dtype=np.int64)
            w_cols = q_cols[src_at]
            w_vals = q_vals[src_at] * idf[w_cols]
            keep = w_vals != 0
            w_cols, w_vals = w_cols[keep], w_vals[keep]
        w_ptr = np.concatenate([[0], np.cumsum(np.bincount(q_row[keep], minlength=n_q))]).astype(np.int64)
        if not cfg.cosine_share:
            total = np.zeros(n_q)
            filled = np.flatnonzero(np.diff(w_ptr))
            if len(filled):  # as scipy's row sums: one reduction per non-empty row
                total[filled] = np.add.reduceat(w_vals, w_ptr[filled])
            total[total == 0] = 1.0
        done = (w_cols, w_vals, w_ptr, total)
        self._queries[extra] = done
        return done

    def cells(self, extra: bool, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The scores of the cells (rows, cols)."""
        if not len(self.ukey):  # the candidates hold no feature: every score is 0
            return np.zeros(len(rows))
        w_cols, w_vals, w_ptr, total = self._query(extra)
        dots = _cell_sums(w_cols, w_vals, w_ptr, rows, cols, self.n_feat, self.ukey, self.values)
        return dots if total is None else np.asarray(dots / total[rows], dtype=float)

    def grid(self, extra: bool, rows: np.ndarray) -> np.ndarray:
        """The scores of the given rows against every candidate, len(rows) × candidates: each row's entries
        in turn, each with the candidates holding its feature (a posting list), the products of a cell added
        one after the other from 0, as scipy's sparse product adds them."""
        n_c = self.n_candidates
        if not len(self.ukey) or not len(rows):
            return np.zeros((len(rows), n_c))
        w_cols, w_vals, w_ptr, total = self._query(extra)
        post_ptr, post_row, post_val = self._postings()
        # gathers by take (faster than fancy indexing, the same values)
        starts = w_ptr.take(rows)
        counts = w_ptr.take(rows + 1) - starts
        at = _ranges(starts, counts)
        local = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
        feats = w_cols.take(at)
        first = post_ptr.take(feats)
        deg = post_ptr.take(feats + 1) - first
        hits = _ranges(first, deg)
        cell = np.repeat(local * n_c, deg) + post_row.take(hits)
        sums = np.bincount(
            cell, weights=np.repeat(w_vals.take(at), deg) * post_val.take(hits), minlength=len(rows) * n_c
        )
        out = sums.reshape(len(rows), n_c)
        return out if total is None else np.asarray(out / total[rows][:, None], dtype=float)

    def _postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidates holding each feature: pointers by feature, candidates and values."""
        if self._post is None:
            order = np.lexsort((self.c_row, self.c_idx))
            ptr = np.searchsorted(self.c_idx[order], np.arange(self.n_feat + 1))
            self._post = (ptr, self.c_row[order], self.values[order])
        return self._post


def _unique_first_inverse(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_index=True, return_inverse=True)`` of non-negative int64 keys, by one packed plain
    sort (:func:`._bulk.stable_order`) instead of a stable argsort (exact: ties come in position order, so each
    key's first position is its smallest, as the stable sort gives)."""
    n = len(key)
    order, sk = _bulk.stable_order(key)
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(sk[1:], sk[:-1], out=new[1:])
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return sk[new], order[new], inverse


def _inverse_norms(row: np.ndarray, col: np.ndarray, x: np.ndarray, n_rows: int, reverse: bool) -> np.ndarray:
    """1 / the L2 norm of each row of a CSR matrix whose nonzero entries are ``x`` (columns ``col``, rows
    ``row``), each row in the order given, reversed first when ``reverse`` (scipy's product with a diagonal):
    as features.sublinear_tfidf_l2 computes it (1 for an empty row). scipy squares the entries of a matrix
    whose rows all hold increasing columns in their order, and those of any other in reverse order, then
    reduces each non-empty row."""
    n = len(x)
    ptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=n_rows))]).astype(np.int64)
    if reverse:
        at = ptr[row] + ptr[row + 1] - 1 - np.arange(n, dtype=np.int64)
        col, x = col[at], x[at]
    same_row = row[1:] == row[:-1]
    canonical = bool(np.all(col[1:][same_row] > col[:-1][same_row]))
    if not canonical:
        at = ptr[row] + ptr[row + 1] - 1 - np.arange(n, dtype=np.int64)
        x = x[at]
    sq = x * x
    keep = sq != 0
    kept_ptr = np.concatenate([[0], np.cumsum(np.bincount(row[keep], minlength=n_rows))]).astype(np.int64)
    sums = np.zeros(n_rows)
    filled = np.flatnonzero(np.diff(kept_ptr))
    if len(filled):
        sums[filled] = np.add.reduceat(sq[keep], kept_ptr[filled])
    norms = np.sqrt(sums)
    norms[norms == 0] = 1.0
    return np.asarray(1.0 / norms, dtype=float)


def _cell_sums(
    w_cols: np.ndarray,
    w_vals: np.ndarray,
    w_ptr: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    n_feat: int,
    ukey: np.ndarray,
    c_vals: np.ndarray,
) -> np.ndarray:
    """Σ w · c over each cell's query row (entries ``w_cols``/``w_vals`` by ``w_ptr``) against the candidate
    entries (keys row × n_feat + column in ``ukey``, values ``c_vals``): the products added one after the
    other in the row's order, from 0, as scipy's sparse product adds them."""
    starts = w_ptr.take(rows)
    counts = w_ptr.take(rows + 1) - starts
    at = _ranges(starts, counts)
    wanted = np.repeat(cols, counts) * n_feat + w_cols.take(at)
    pos = np.searchsorted(ukey, wanted)
    np.minimum(pos, len(ukey) - 1, out=pos)
    hit = ukey.take(pos) == wanted
    cell = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    return np.bincount(cell, weights=w_vals.take(at) * np.where(hit, c_vals.take(pos), 0.0), minlength=len(rows))


@dataclass
class _SpacePlan:
    """One feature space of a :class:`_Plan`: prepared query rows (coverage and/or cosine) and candidates."""

    n_candidates: int
    q_cover: sp.csr_matrix | None = None
    q_total: np.ndarray | None = None
    q_cos: sp.csr_matrix | None = None
    e_cover: sp.csr_matrix | None = None
    e_total: np.ndarray | None = None
    e_cos: sp.csr_matrix | None = None
    sat_t: sp.csr_matrix | None = None
    cos_t: sp.spmatrix | None = None

    def scores(self, rows: np.ndarray | slice, n_rows: int, cfg: ScoringConfig, extra: bool) -> np.ndarray:
        """Scores (rows × candidates) of the query rows (``extra``: of the extra queries) in this space."""
        cover, total, cos = (
            (self.e_cover, self.e_total, self.e_cos) if extra else (self.q_cover, self.q_total, self.q_cos)
        )
        if self.sat_t is None and self.cos_t is None:  # no features at all
            return np.zeros((n_rows, self.n_candidates))
        if cfg.cosine_share >= 1.0:
            assert cos is not None and self.cos_t is not None
            return to_dense(cos[rows] @ self.cos_t)
        assert cover is not None and total is not None and self.sat_t is not None
        out = to_dense(cover[rows] @ self.sat_t) / total[rows][:, None]
        if cfg.cosine_share:
            assert cos is not None and self.cos_t is not None
            cosine = to_dense(cos[rows] @ self.cos_t)
            out = (1 - cfg.cosine_share) * out + cfg.cosine_share * cosine
        return out


@dataclass
class _Plan:
    """The features of one scoring call (:meth:`Scorer._prepare`)."""

    n_queries: int
    n_candidates: int
    words: _SpacePlan | None = None
    bigrams: _SpacePlan | None = None
    has_head: np.ndarray | None = None
    use_head: bool = False


_DEFAULT_SCORER: Scorer | None = None
_RETRIEVAL_SCORER: Scorer | None = None


def default_scorer() -> Scorer:
    """The shared ``Scorer()`` (coverage weights) that :func:`~proposalnlp.matching.match` uses by default."""
    global _DEFAULT_SCORER
    if _DEFAULT_SCORER is None:
        _DEFAULT_SCORER = Scorer()
    return _DEFAULT_SCORER


def retrieval_scorer() -> Scorer:
    """The shared ``Scorer(config=ScoringConfig.retrieval())`` that :func:`similarity` uses by default."""
    global _RETRIEVAL_SCORER
    if _RETRIEVAL_SCORER is None:
        _RETRIEVAL_SCORER = Scorer(config=ScoringConfig.retrieval())
        _RETRIEVAL_SCORER._share_text_memo(default_scorer())
    return _RETRIEVAL_SCORER


# -- similarity ---------------------------------------------------------------------------------------
def similarity(
    queries: Sequence[str],
    candidates: Sequence[str],
    *,
    query_headings: Sequence[str | None] | None = None,
    candidate_headings: Sequence[str | None] | None = None,
    hubness: bool | None = None,
    scorer: Scorer | None = None,
) -> np.ndarray:
    """How well each candidate answers each query: an array of len(queries) × len(candidates) in [0, 1].

    The array is dense by design: for moderate sizes (1,000 × 1,000 is 8 MB). For many queries against many
    candidates, :meth:`Scorer.score_blocks` gives the same rows a block at a time; :func:`~proposalnlp.matching.match`
    ranks that way and keeps only each suggestion's best units.

    By default a symmetric score made for retrieval (:meth:`ScoringConfig.retrieval`): sublinear TF-IDF
    cosine over words, with related policy terms counting in part, and over character bigrams, with IDF
    pooled from a background of policy text and the texts given. Optional headings (a message's subject, a
    reply section's title) get extra weight: replies tend to quote what they answer; without
    ``query_headings``, a query's first line is its heading when it is short and more lines follow
    (``subject + "\\n" + message``). When a batch of queries is ranked against a batch of candidates (at
    least two of each), a candidate's score is by default lowered by 0.75 × its mean score with its 3 closest
    queries, so that generic candidates that suit every query (a short reply that only forwards the case)
    do not crowd out the specific one (CSLS, :func:`hubness_correct`); scores stay in [0, 1] and each
    query's ranking changes only through that. ``hubness=False`` turns it off, ``hubness=True`` asks for it
    (it needs two queries or more). Pass ``scorer=Scorer(config=ScoringConfig())`` for the coverage score that
    :func:`~proposalnlp.matching.match` uses.
    """
    q = check_texts(queries, "queries")
    c = check_texts(candidates, "candidates")
    for name, heads, n in (
        ("query_headings", query_headings, len(q)),
        ("candidate_headings", candidate_headings, len(c)),
    ):
        if heads is not None:
            if isinstance(heads, str) or len(heads) != n:
                raise InputValueError(f"{name} must be a list with one heading (or None) per text")
            for i, h in enumerate(heads):
                if h is not None and not isinstance(h, str):
                    raise InputTypeError(f"{name}[{i}] must be a str or None, got {type(h).__name__}")
    if query_headings is None:
        query_headings = [_first_line(t) for t in q]
    scores = (scorer or retrieval_scorer()).score(q, c, query_headings, candidate_headings)
    if hubness is None:
        hubness = len(q) > 1 and len(c) > 1
    if hubness:
        scores = hubness_correct(scores)
    return scores


def _first_line(text: str, max_len: int = 60) -> str | None:
    """A text's first line when it is short and more lines follow (a message's subject), else None."""
    head, sep, rest = text.strip().partition("\n")
    return head.strip() if sep and rest.strip() and len(head.strip()) <= max_len else None


def hubness_correct(scores: np.ndarray, k: int = 3, alpha: float = 0.75) -> np.ndarray:
    """CSLS-style correction of a queries × candidates score matrix: subtract ``alpha`` × each candidate's
    mean score over its ``k`` best queries, rescaled into [0, 1] (a matrix of fewer than two rows is
    returned as it is). Each query's ranking changes only through the candidates' subtracted terms.

    The defaults k=3, alpha=0.75 were chosen in 5 folds over the 1,000 Teddy messages by the training
    queries' P@1 (4 folds of 5 chose them; ``scripts/eval_hubness.py``, beside inverted softmax and column
    z-scores, which did no better held out)."""
    n_q = scores.shape[0]
    if n_q < 2:
        return scores
    k = min(k, n_q)
    hub = np.partition(scores, n_q - k, axis=0)[n_q - k :].mean(axis=0)
    top = float(hub.max())
    out = (scores - alpha * hub[None, :] + alpha * top) / (1.0 + alpha * top)
    return np.clip(out, 0.0, 1.0)
