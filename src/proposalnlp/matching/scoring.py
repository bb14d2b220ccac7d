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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp

from .._inputs import check_texts
from ..errors import InputTypeError, InputValueError
from ..features import (
    sublinear_tfidf_l2,
    to_dense,
)
from ..tokenize import Tokenizer
from . import _bulk, _terms

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

#: a feature space's matrices: plain arrays for a few texts, CSR otherwise
Matrix: TypeAlias = np.ndarray | sp.csr_matrix


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
    return _bulk.code_lookup(_background().df.get(prefix, {}))


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


_DEFAULT_TOKENIZER: Tokenizer | None = None
_TOKENIZER_LOCK = threading.Lock()


def default_tokenizer() -> Tokenizer:
    """The one :class:`~proposalnlp.tokenize.Tokenizer` the scorers share by default."""
    global _DEFAULT_TOKENIZER
    with _TOKENIZER_LOCK:
        if _DEFAULT_TOKENIZER is None:
            _DEFAULT_TOKENIZER = Tokenizer()
        return _DEFAULT_TOKENIZER


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
        # every line read, its words and bigrams numbered (:mod:`._terms`), for the next calls
        self._table = _terms.TermTable(
            self.tokenizer, _related_index(), _background().df.get("w:", {}), _background_codes("c:")
        )
        # the last inputs of the small path → the tokenizer and the plan built from them
        self._spaces: dict[tuple[object, ...], tuple[Tokenizer, _Plan]] = {}

    def clear_memo(self) -> None:
        """Forget the remembered tokens and feature spaces (benchmarks do, so that a repeated call costs what a
        new one does)."""
        with self._table.lock:
            self._table.clear()
        self._spaces.clear()

    def _share_text_memo(self, other: Scorer) -> None:
        """Read lines from ``other``'s table (the same tokenizer gives the same tokens): match() reads the same
        suggestions and units with both built-in scorers."""
        if other.tokenizer is self.tokenizer:
            self._table = other._table

    def tokens(self, folded: str) -> list[str]:
        """The tokenizer's tokens of a text already folded (:func:`~proposalnlp.features.fold_alnum`), from the
        table when its lines were read: what the answer model reads the same texts with."""
        return self._table.tokens(folded)

    def _idf(self, prefix: str, df_local: np.ndarray, n_local: int, bg_df: Callable[[], np.ndarray]) -> np.ndarray:
        """IDF of the columns, the local document frequencies pooled with the background's (``bg_df``: those of
        the columns' terms, asked for only when pooled)."""
        cfg = self.config
        n = float(n_local)
        df = df_local
        if cfg.background:
            bg = _background()
            if bg.documents and bg.df.get(prefix):
                w = cfg.background_weight
                df = df_local + w * bg_df()
                n += w * bg.documents
        idf: np.ndarray = np.log1p((n - df + 0.5) / (df + 0.5))
        return np.maximum(idf, 0.0)

    def _term_space(
        self, prefix: str, q: _terms.Entries, c: _terms.Entries, e: _terms.Entries | None, n_q: int, n_c: int
    ) -> _SpacePlan:
        """One feature space from the (row, term, weight) entries of the queries, the candidates and the extra
        queries (:mod:`._terms`; terms: word numbers for ``"w:"``, bigram numbers for ``"c:"``): columns in order
        of first appearance (so that the sums do not depend on what the table read before), IDF over the queries
        and candidates, related words (``"w:"``) spread over the candidates' counts."""
        cfg = self.config
        sides = [q, c] + ([e] if e is not None else [])
        keys = np.concatenate([side[1] for side in sides])
        if not len(keys):
            return _SpacePlan(n_c)
        words = prefix == "w:"
        table = self._table
        uniq, first, inverse = _bulk.dense_first_inverse(keys, len(table.ids.words if words else table.bigram_code))
        order = np.argsort(first)
        col_of = np.empty(len(uniq), dtype=np.int64)
        col_of[order] = np.arange(len(uniq), dtype=np.int64)
        cols = col_of[inverse]
        terms = uniq[order]
        src = dst = np.zeros(0, dtype=np.int64)
        if words and cfg.related_weight:
            # the related words of the candidates' words: their columns, those of words no text holds appended
            held_mask = np.zeros(len(uniq), dtype=bool)
            held_mask[cols[len(q[1]) : len(q[1]) + len(c[1])]] = True
            held = np.flatnonzero(held_mask)
            at, rel = table.related(terms[held])
            src = held[at]
            pos = np.minimum(np.searchsorted(uniq, rel), len(uniq) - 1)
            found = uniq[pos] == rel
            dst = np.where(found, col_of[pos], -1)
            if not found.all():
                new, new_first, new_inv = _bulk.dense_first_inverse(rel[~found], len(table.ids.words))
                new_order = np.argsort(new_first)
                new_col = np.empty(len(new), dtype=np.int64)
                new_col[new_order] = len(terms) + np.arange(len(new), dtype=np.int64)
                dst[~found] = new_col[new_inv]
                terms = np.concatenate([terms, new[new_order]])
        n_feat = len(terms)
        sizes = [n_q, n_c, n_q][: len(sides)]
        starts = list(accumulate((len(side[0]) for side in sides), initial=0))
        entries = [
            (rows, cols[a:b], w, n) for (rows, _, w), n, a, b in zip(sides, sizes, starts[:-1], starts[1:], strict=True)
        ]

        def bg_df() -> np.ndarray:
            return table.bg_df[terms] if words else table.bigram_bg_df[terms]

        weight = cfg.related_weight
        if sum(sizes) * n_feat <= _DENSE_CELLS and n_q * n_c * n_feat <= _DENSE_WORK:
            # a few texts: plain arrays (cheaper than sparse objects for them)
            arrays = [
                np.bincount(r * n_feat + k, weights=w, minlength=n * n_feat).astype(float, copy=False)
                for r, k, w, n in entries
            ]
            arrays = [a.reshape(n, n_feat) for a, n in zip(arrays, sizes, strict=True)]
            qa, ca = arrays[0], arrays[1]
            df_local = np.asarray((qa > 0).sum(axis=0) + (ca > 0).sum(axis=0), dtype=float)
            idf = self._idf(prefix, df_local, n_q + n_c, bg_df)
            if len(src):  # each related word gets the weight × the count of the word (the counts before any spread)
                spread = weight * ca[:, src]
                at = (np.arange(n_c, dtype=np.int64)[:, None] * n_feat + dst).ravel()
                ca += np.bincount(at, weights=spread.ravel(), minlength=n_c * n_feat).reshape(n_c, n_feat)
            return _space_plan(cfg, qa, ca, arrays[2] if e is not None else None, idf)
        mats = [sp.csr_matrix((w, (r, k)), shape=(n, n_feat)) for r, k, w, n in entries]
        qm, cm = mats[0], mats[1]
        df_local = np.asarray(
            np.bincount(qm.indices, minlength=n_feat) + np.bincount(cm.indices, minlength=n_feat), dtype=float
        )
        idf = self._idf(prefix, df_local, n_q + n_c, bg_df)
        if len(src):
            cm = (cm + cm @ sp.csr_matrix((np.full(len(src), weight), (src, dst)), shape=(n_feat, n_feat))).tocsr()
        return _space_plan(cfg, qm, cm, mats[2] if e is not None else None, idf)

    def _term_plan(
        self, queries: Sequence[str], candidates: Sequence[str], qh: list[str | None], ch: list[str | None]
    ) -> _Plan:
        """The features of a scoring call laid out from the scorer's term table (:mod:`._terms`)."""
        cfg = self.config
        n_q, n_c = len(queries), len(candidates)
        plan = _Plan(n_q, n_c)
        if not n_q or not n_c:
            return plan
        table = self._table
        with table.lock:
            table.fresh()  # (and after: a large batch's lines are not kept past the budget)
            # the texts folded once for both spaces (and remembered for the next scorings); headings as given
            qf = table.folded(queries)
            cf = table.folded(candidates)
            # the queries' side, remembered: match() scores its suggestions with the same weights twice
            key = (tuple(qf), tuple(qh), cfg.query_heading_boost, cfg.subword_weight)
            if cfg.word_weight:
                sub = cfg.subword_weight
                qw = table.remembered(("w", *key), lambda: table.word_entries(qf, qh, cfg.query_heading_boost, sub))
                cw = table.word_entries(cf, ch, cfg.heading_boost, sub)
                plan.words = self._term_space("w:", qw, cw, None, n_q, n_c)
            heads = table.remembered(("h", *key), lambda: table.heading_entries(qh))
            plan.has_head = np.bincount(heads[0], minlength=n_q) > 0
            plan.use_head = bool(cfg.heading_weight and plan.has_head.any())
            if cfg.bigram_weight or plan.use_head:
                qb = table.remembered(("c", *key), lambda: table.bigram_entries(qf, qh, cfg.query_heading_boost))
                cb = table.bigram_entries(cf, ch, cfg.heading_boost)
                plan.bigrams = self._term_space("c:", qb, cb, heads if plan.use_head else None, n_q, n_c)
            table.fresh()
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
        qh, ch = self._headings(queries, candidates, query_headings, candidate_headings)
        if not queries or not candidates:
            return _Plan(len(queries), len(candidates))
        return self._pair_spaces(queries, candidates, qh, ch)

    def _rows(self, plan: _Plan, rows: np.ndarray | slice) -> np.ndarray:
        """Scores (the given query rows × every candidate) of a prepared plan: what :meth:`score` returns for
        those rows, computed for them alone."""
        cfg = self.config
        every = np.arange(plan.n_queries)[rows]
        if plan.has_head is None or not len(every) or not plan.n_candidates:  # nothing to score
            return np.zeros((len(every), plan.n_candidates))
        n = len(every)
        return _combine(
            cfg, plan, every, lambda space, extra: space.scores(every, n, cfg, extra), (n, plan.n_candidates)
        )

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
        plan = self._prepare(queries, candidates, query_headings, candidate_headings)
        for rows in blocks:
            yield self._rows(plan, rows)

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
        text given (equal up to float round-off: each cell is one row product). Memory grows with the texts'
        features and the cells, never with len(queries) × len(candidates)."""
        cfg = self.config
        r = np.asarray(rows, dtype=np.int64).reshape(-1)
        c = np.asarray(cols, dtype=np.int64).reshape(-1)
        if not len(r) or not queries or not candidates:
            return np.zeros(len(r))
        plan = self._prepare(queries, candidates, query_headings, candidate_headings)
        if plan.has_head is None:
            return np.zeros(len(r))
        return _combine(cfg, plan, r, lambda space, extra: space.cells(r, c, cfg, extra), (len(r),))

    def _pair_spaces(
        self, queries: Sequence[str], candidates: Sequence[str], qh: list[str | None], ch: list[str | None]
    ) -> _Plan:
        """:meth:`_term_plan` of these inputs, those of the last few inputs remembered (:data:`_SPACE_MEMO`):
        match() of a document seen before scores the same texts. A remembered plan is the one these inputs
        build (it depends on its texts, headings and weights alone), so the scores are the same."""
        cfg = self.config
        key = (cfg, tuple(queries), tuple(qh), tuple(candidates), tuple(ch))
        found = self._spaces.get(key)
        if found is not None and found[0] is self.tokenizer:  # (a tokenizer's own hash reads its dictionary)
            return found[1]
        plan = self._term_plan(queries, candidates, qh, ch)
        if sum(map(len, queries)) + sum(map(len, candidates)) <= _MEMO_CHARS // 8:
            if len(self._spaces) >= _SPACE_MEMO:
                self._spaces.clear()
            self._spaces[key] = (self.tokenizer, plan)
        return plan


#: the feature spaces of this many score_pairs inputs are remembered by a scorer (match() builds three per call)
_SPACE_MEMO = 6

#: a text over this many characters does not get its plan remembered (with the others, at most 8 times that)
_MEMO_CHARS = 2_000_000


def _sublinear(m: Matrix) -> Matrix:
    """1 + log tf of the nonzero counts (a copy). A plain array's logarithms are taken of its nonzero cells alone
    (gathered: a few percent of a feature space's cells), the same values as a masked ``np.log`` over all."""
    if isinstance(m, np.ndarray):
        flat = np.ravel(m)
        out = np.zeros(flat.shape, dtype=m.dtype)
        nz = np.flatnonzero(flat > 0)
        out[nz] = np.log(flat[nz]) + 1.0
        return out.reshape(m.shape)
    m = m.copy()
    m.data = 1.0 + np.log(np.maximum(m.data, 1e-9))
    return m


def _tfidf_l2(m: Matrix, idf: np.ndarray) -> Matrix:
    """Rows of (1 + log tf) × idf, L2-normalised."""
    if not isinstance(m, np.ndarray):
        return sublinear_tfidf_l2(m, idf)
    x = _sublinear(m) * idf
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    norms[norms == 0] = 1.0
    return np.asarray(x / norms[:, None])


def _row_sums(m: Matrix) -> np.ndarray:
    return m.sum(axis=1) if isinstance(m, np.ndarray) else np.asarray(m.sum(axis=1)).ravel()


def _space_plan(cfg: ScoringConfig, qm: Matrix, cm: Matrix, em: Matrix | None, idf: np.ndarray) -> _SpacePlan:
    """A feature space made ready from its count matrices (queries, candidates with related words spread,
    extra queries) and IDF: BM25-saturated candidate counts and IDF-weighted query rows (coverage), and/or
    sublinear TF-IDF rows, L2-normalised (cosine). Plain arrays (a few texts) or CSR matrices, held as given."""
    plan = _SpacePlan(cm.shape[0])
    if cfg.cosine_share >= 1.0:
        plan.cos_c = _tfidf_l2(cm, idf)
        plan.q_cos = _tfidf_l2(qm, idf)
        plan.e_cos = _tfidf_l2(em, idf) if em is not None else None
        return plan
    # BM25 saturation of candidate term frequencies, scaled into [0, 1)
    lengths = _row_sums(cm)
    mean = float(lengths.mean()) if len(lengths) else 0.0
    avg = mean if mean > 0 else 1.0
    norm = cfg.k1 * (1 - cfg.b + cfg.b * lengths / avg)
    if isinstance(cm, np.ndarray):
        plan.sat = cm / (cm + norm[:, None])
    else:
        sat = cm.copy()
        sat.data = sat.data / (sat.data + np.repeat(norm, np.diff(sat.indptr)))
        plan.sat = sat
    if cfg.cosine_share:
        plan.cos_c = _tfidf_l2(cm, idf)

    def weighted(m: Matrix) -> tuple[Matrix, np.ndarray, Matrix | None]:
        x = _sublinear(m) if cfg.sublinear_query else m
        x = x * idf if isinstance(x, np.ndarray) else (x @ sp.diags(idf)).tocsr()
        total = _row_sums(x)
        total[total == 0] = 1.0
        return x, total, (_tfidf_l2(x, idf) if cfg.cosine_share else None)

    plan.q_cover, plan.q_total, plan.q_cos = weighted(qm)
    if em is not None:
        plan.e_cover, plan.e_total, plan.e_cos = weighted(em)
    return plan


def _row_dots(a: Matrix, rows: np.ndarray, b: Matrix, cols: np.ndarray) -> np.ndarray:
    """The dot product of row ``rows[k]`` of ``a`` with row ``cols[k]`` of ``b``, for each k."""
    if isinstance(a, np.ndarray):
        return np.asarray(np.einsum("ij,ij->i", a[rows], b[cols]), dtype=float)
    return np.asarray(a[rows].multiply(b[cols]).sum(axis=1), dtype=float).ravel()


#: (kept under its earlier name: the tests compare it with np.unique)
_unique_first_inverse = _bulk.unique_first_inverse

#: a feature space of at most this many (text × feature) cells, whose product (queries × candidates × features)
#: is at most _DENSE_WORK, is held in plain arrays (their product runs in numpy's own loops: a few ms at most)
_DENSE_CELLS = 1 << 21
_DENSE_WORK = 1 << 22


@dataclass
class _SpacePlan:
    """One feature space of a :class:`_Plan`: prepared query rows (coverage and/or cosine) and candidates."""

    n_candidates: int
    q_cover: Matrix | None = None
    q_total: np.ndarray | None = None
    q_cos: Matrix | None = None
    e_cover: Matrix | None = None
    e_total: np.ndarray | None = None
    e_cos: Matrix | None = None
    sat: Matrix | None = None
    cos_c: Matrix | None = None
    _t: dict[str, Matrix] | None = None
    _full: dict[bool, np.ndarray] | None = None

    def _transposed(self, name: str) -> Matrix:
        """The candidates' matrix ``name`` transposed (features × candidates), made once."""
        if self._t is None:
            self._t = {}
        if name not in self._t:
            m = getattr(self, name)
            self._t[name] = m.T if isinstance(m, np.ndarray) else m.T.tocsr()
        return self._t[name]

    def _query(self, extra: bool) -> tuple[Matrix | None, np.ndarray | None, Matrix | None]:
        return (self.e_cover, self.e_total, self.e_cos) if extra else (self.q_cover, self.q_total, self.q_cos)

    def scores(self, rows: np.ndarray | slice, n_rows: int, cfg: ScoringConfig, extra: bool) -> np.ndarray:
        """Scores (rows × candidates) of the query rows (``extra``: of the extra queries) in this space. Plain
        arrays are scored all rows at once, the product remembered: a row's scores do not depend on the block
        it is asked in, and cells are read from the same product."""
        if self.sat is None and self.cos_c is None:  # no features at all
            return np.zeros((n_rows, self.n_candidates))
        if isinstance(self.sat if self.sat is not None else self.cos_c, np.ndarray):
            if self._full is None:
                self._full = {}
            if extra not in self._full:
                self._full[extra] = self._grid(slice(None), cfg, extra)
            return self._full[extra][rows]
        return self._grid(rows, cfg, extra)

    def _grid(self, rows: np.ndarray | slice, cfg: ScoringConfig, extra: bool) -> np.ndarray:
        cover, total, cos = self._query(extra)
        if cfg.cosine_share >= 1.0:
            assert cos is not None
            return self._product(cos[rows], "cos_c")
        assert cover is not None and total is not None
        out = self._product(cover[rows], "sat") / total[rows][:, None]
        if cfg.cosine_share:
            assert cos is not None
            out = (1 - cfg.cosine_share) * out + cfg.cosine_share * self._product(cos[rows], "cos_c")
        return out

    def _product(self, queries: Matrix, name: str) -> np.ndarray:
        """Query rows × the candidates' matrix ``name``, dense. Plain arrays by numpy's own loops (einsum), not
        BLAS, whose sums may run in another order with another number of threads: the same bits everywhere."""
        if isinstance(queries, np.ndarray):
            return np.asarray(np.einsum("ik,jk->ij", queries, getattr(self, name)), dtype=float)
        return to_dense(queries @ self._transposed(name))

    def cells(self, rows: np.ndarray, cols: np.ndarray, cfg: ScoringConfig, extra: bool) -> np.ndarray:
        """The scores of the cells (``rows[k]``, ``cols[k]``) in this space: those of :meth:`scores` (plain
        arrays), or one row product each (sparse: equal up to float round-off)."""
        cover, total, cos = self._query(extra)
        if self.sat is None and self.cos_c is None:
            return np.zeros(len(rows))
        if isinstance(self.sat if self.sat is not None else self.cos_c, np.ndarray):
            return self.scores(slice(None), 0, cfg, extra)[rows, cols]
        if cfg.cosine_share >= 1.0:
            assert cos is not None and self.cos_c is not None
            return _row_dots(cos, rows, self.cos_c, cols)
        assert cover is not None and total is not None and self.sat is not None
        out = _row_dots(cover, rows, self.sat, cols) / total[rows]
        if cfg.cosine_share:
            assert cos is not None and self.cos_c is not None
            out = (1 - cfg.cosine_share) * out + cfg.cosine_share * _row_dots(cos, rows, self.cos_c, cols)
        return np.asarray(out, dtype=float)


@dataclass
class _Plan:
    """The features of one scoring call (:meth:`Scorer._prepare`)."""

    n_queries: int
    n_candidates: int
    words: _SpacePlan | None = None
    bigrams: _SpacePlan | None = None
    has_head: np.ndarray | None = None
    use_head: bool = False


def _combine(
    cfg: ScoringConfig,
    plan: _Plan,
    rows: np.ndarray,
    scores: Callable[[_SpacePlan, bool], np.ndarray],
    shape: tuple[int, ...],
) -> np.ndarray:
    """The weighted scores (grid rows or cells, as ``scores`` gives each space's) of the query ``rows``: the
    word, bigram and query-heading spaces by their weights, a query without a heading given the mean of the
    other spaces in the heading's place; clipped into [0, 1] (zeros of ``shape`` when no space has a weight)."""
    assert plan.has_head is not None
    out: np.ndarray | None = None
    total_w = 0.0
    if cfg.word_weight and plan.words is not None:
        out = cfg.word_weight * scores(plan.words, False)
        total_w += cfg.word_weight
    if plan.bigrams is not None:
        if cfg.bigram_weight:
            value = cfg.bigram_weight * scores(plan.bigrams, False)
            out = value if out is None else out + value
            total_w += cfg.bigram_weight
        if plan.use_head:
            hs = scores(plan.bigrams, True)
            base = hs * 0.0 if out is None else out
            base = base / total_w if total_w else base
            head = plan.has_head[rows]
            hs = np.where(head[:, None] if hs.ndim == 2 else head, hs, base)
            out = hs * cfg.heading_weight if out is None else out + cfg.heading_weight * hs
            total_w += cfg.heading_weight
    if out is None:
        return np.zeros(shape)
    if total_w:
        out = out / total_w
    return np.asarray(np.clip(out, 0.0, 1.0), dtype=float)


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
