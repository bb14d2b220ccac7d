"""Matching suggestions with the reply units that answer them: :func:`match` and :func:`similarity`.

The scoring engine (:class:`Scorer`) compares texts in three feature spaces: words (the project's
:class:`~proposalnlp.tokenize.Tokenizer`, with related policy terms counting in part, e.g. 人才 ~ 专家/培训,
资金 ~ 专项资金/财税), character bigrams (robust to segmentation and to names), and the bigrams of the query's
heading alone (replies quote what they answer: 针对您反映…的问题, 关于…的建议). IDF statistics pool a bundled
background table (national government work reports and provincial proposals; counts only, no text) with the
texts being compared, so that a single short document still gets sensible weights.

Two presets of :class:`ScoringConfig`:

* the default, used by :func:`match`, is a *coverage* score: for each query feature, weighted by its IDF,
  how strongly the candidate holds it (BM25 saturation and length normalisation), divided by the query's
  total weight: the share of the suggestion a reply unit covers, in [0, 1];
* :meth:`ScoringConfig.retrieval`, used by :func:`similarity`, is a symmetric sublinear TF-IDF cosine,
  better for ranking many candidates (optionally with a hubness correction over a batch of queries).

:func:`match` also scores each clause of a long suggestion on its own: a unit that covers one clause well
answers that part directly. This clause-level *support* decides the verdicts (answered / partly /
unanswered, thresholds chosen on the gold in ``scripts/eval_matching.py``); the ranking blends it with the
whole-suggestion score, a mild prior for answering in the suggestions' order, and a penalty for the reply's
framing lines (thanks, greetings, 现答复如下：).
"""

from __future__ import annotations

import gzip
import logging
import operator
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import count, repeat
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import _parallel
from ._inputs import check_texts
from .document import Document, Unit, parse
from .errors import InputTypeError, InputValueError, ModelError
from .tokenize import Tokenizer

__all__ = [
    "VERDICTS",
    "Alignment",
    "MatchConfig",
    "Scorer",
    "ScoringConfig",
    "SuggestionMatch",
    "Thresholds",
    "align_units",
    "lead_phrase",
    "match",
    "match_many",
    "score_units",
    "similarity",
]

logger = logging.getLogger(__name__)

VERDICTS: tuple[str, ...] = ("answered", "partly", "unanswered")

_NON_RUN = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


#: full-width letters and digits (Ａ１) → ASCII: the part of NFKC that bigram runs need
_FULLWIDTH = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for cp in range(*r)}
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _fold(text: str) -> str:
    """Full-width letters and digits folded, lower case: all that the bigram runs need (cheaper than NFKC)."""
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    return text.lower()


def _bigrams(text: str, normalized: bool = False) -> list[str]:
    """Character bigrams inside runs of CJK characters, letters and digits of the normalised text."""
    return [b for b in _bigram_iter(text if normalized else _fold(text)) if "\x00" not in b]


def _bigram_counts(folded: str) -> Bag:
    """Counts of the bigrams of an already folded text (built in C: map + Counter)."""
    counts: Bag = dict(Counter(_bigram_iter(folded)))
    for key in [k for k in counts if "\x00" in k]:
        del counts[key]
    return counts


def _bigram_iter(folded: str) -> Iterator[str]:
    s = _NON_RUN.sub("\x00", folded)
    return map(operator.add, s[:-1], s[1:])


# -- related policy terms ------------------------------------------------------------------------------
#: Groups of words that a suggestion and a reply use for the same thing. A candidate holding any word of a
#: group partly counts as holding the others (weight ``ScoringConfig.related_weight``).
RELATED_TERMS: tuple[tuple[str, ...], ...] = (
    (
        "人才",
        "专家",
        "培训",
        "人才培养",
        "引进人才",
        "领军人才",
        "技能人才",
        "高层次人才",
        "智力支持",
        "智囊",
        "专家团队",
    ),
    ("培训", "培养", "讲座", "业务培训", "专题讲座", "职业教育", "教育培训", "考察学习"),
    ("资金", "专项资金", "财政", "财税", "财税支持", "财政资金", "补贴", "奖补", "资金支持", "扶持资金"),
    ("金融", "融资", "贷款", "信贷", "担保", "融资担保", "银行"),
    ("政策", "扶持政策", "优惠政策", "政策支持", "政策引导"),
    ("示范", "试点", "标杆", "示范企业", "示范项目", "示范带动", "示范引领", "以点带面"),
    (
        "宣传",
        "宣贯",
        "宣传引导",
        "宣传培训",
        "政策宣传",
        "宣传力度",
        "理念",
        "意识",
        "认识",
        "积极性",
        "主动性",
        "自觉性",
    ),
    ("组织领导", "领导小组", "专班", "工作专班", "机制", "督导", "考核", "考核办法"),
    ("研发", "创新", "研究院", "科研院所", "技术创新", "自主创新", "产学研"),
    ("智能化", "智能制造", "智能化改造", "上云", "企业上云", "两化融合"),
    ("绿色化", "绿色", "绿色化改造", "绿色制造", "绿色工厂", "节能减排"),
    ("技术改造", "技改", "技术升级", "改造提升", "转型升级"),
    ("维修", "修复", "整改", "处理", "整治"),
    ("噪音", "噪声", "扰民"),
    ("退款", "退还", "返还"),
)


@lru_cache(maxsize=1)
def _related_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for group in RELATED_TERMS:
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


# -- the scoring engine -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoringConfig:
    """Weights of the scoring engine; the defaults were chosen on the evaluations in scripts/eval_matching.py."""

    word_weight: float = 0.45
    bigram_weight: float = 0.35
    heading_weight: float = 0.2
    k1: float = 1.2
    b: float = 0.5
    #: a candidate's heading counts this many times more than its body (关于…的问题 / 一、…)
    heading_boost: float = 2.0
    #: a query's heading features weigh this much more in the word and bigram spaces
    query_heading_boost: float = 1.0
    related_weight: float = 0.5
    #: a four-character word also counts this much as its two halves (政策宣传 → 政策, 宣传)
    subword_weight: float = 0.5
    background: bool = True
    #: weight of the background table in the pooled IDF (1 = its raw counts)
    background_weight: float = 1.0
    sublinear_query: bool = True
    #: share of sublinear TF-IDF cosine in each space's score (the rest: the coverage of the query)
    cosine_share: float = 0.0
    #: a candidate without a heading gets its first this many characters as one (replies restate the
    #: request they answer at the start); 0 = off
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


def _default_tokenizer() -> Tokenizer:
    global _DEFAULT_TOKENIZER
    with _TOKENIZER_LOCK:
        if _DEFAULT_TOKENIZER is None:
            _DEFAULT_TOKENIZER = Tokenizer()
        return _DEFAULT_TOKENIZER


#: a bag of features: feature → (possibly weighted) count
Bag = dict[str, float]


@dataclass
class _Side:
    words: list[Bag]
    bigrams: list[Bag]
    head_bigrams: list[Bag]


class Scorer:
    """The scoring engine behind :func:`similarity` and :func:`match` (reusable; thread-safe once built)."""

    def __init__(self, tokenizer: Tokenizer | None = None, config: ScoringConfig | None = None) -> None:
        self.tokenizer = tokenizer if tokenizer is not None else _default_tokenizer()
        self.config = config if config is not None else ScoringConfig()

    # -- features -----------------------------------------------------------------------------------
    def _side(self, texts: Sequence[str], headings: Sequence[str | None], boost: float) -> _Side:
        tok = self.tokenizer
        words: list[Bag] = []
        bigrams: list[Bag] = []
        heads: list[Bag] = []
        sub = self.config.subword_weight
        for raw, head in zip(texts, headings, strict=True):
            text = _fold(raw)
            tokens = tok(text)  # already NFKC: the tokenizer skips that step
            wc: Bag = dict(Counter(tokens))
            if sub:
                for t in tokens:
                    if len(t) == 4:
                        wc[t[:2]] = wc.get(t[:2], 0.0) + sub
                        wc[t[2:]] = wc.get(t[2:], 0.0) + sub
            bc: Bag = _bigram_counts(text)
            hc: Bag = {}
            if head:
                hb = _bigrams(head)
                hc = dict(Counter(hb))
                if boost:
                    for t in tok(head):
                        wc[t] = wc.get(t, 0.0) + boost
                    for t in hb:
                        bc[t] = bc.get(t, 0.0) + boost
            words.append(wc)
            bigrams.append(bc)
            heads.append(hc)
        return _Side(words, bigrams, heads)

    def _idf(self, vocab: dict[str, int], prefix: str, df_local: np.ndarray, n_local: int) -> np.ndarray:
        cfg = self.config
        n = float(n_local)
        df = df_local
        if cfg.background:
            bg = _background()
            table = bg.df.get(prefix)
            if bg.documents and table:
                w = cfg.background_weight
                bg_df = np.fromiter(map(table.get, vocab, repeat(0)), float, len(vocab))
                df = df_local + w * bg_df
                n += w * bg.documents
        idf: np.ndarray = np.log1p((n - df + 0.5) / (df + 0.5))
        return np.maximum(idf, 0.0)

    def _space(
        self, q: list[Bag], c: list[Bag], prefix: str, related: bool, extra: list[Bag] | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Scores (len(q) × len(c)) in one feature space, and those of ``extra`` queries (same IDF)."""
        cfg = self.config
        vocab: dict[str, int] = defaultdict(count().__next__)
        qparts = _matrix_parts(q, vocab)
        cparts = _matrix_parts(c, vocab)
        eparts = _matrix_parts(extra, vocab) if extra is not None else None
        if related:
            rel = _related_index()
            for t in [t for t in vocab if t in rel]:
                for r in rel[t]:
                    vocab[r]
        n_feat = len(vocab)
        if not n_feat:
            return np.zeros((len(q), len(c))), (np.zeros((len(extra), len(c))) if extra is not None else None)
        qm = _csr(qparts, len(q), n_feat)
        cm = _csr(cparts, len(c), n_feat)
        df_local = np.bincount(qm.indices, minlength=n_feat) + np.bincount(cm.indices, minlength=n_feat)
        idf = self._idf(vocab, prefix, df_local.astype(float), len(q) + len(c))
        if related:
            cm = (cm @ _related_matrix(vocab, cfg.related_weight)).tocsr()
        em = _csr(eparts, len(extra), n_feat) if eparts is not None and extra is not None else None
        if cfg.cosine_share >= 1.0:
            cn = _tfidf_l2(cm, idf)
            return _dense(_tfidf_l2(qm, idf) @ cn.T), (_dense(_tfidf_l2(em, idf) @ cn.T) if em is not None else None)
        # BM25 saturation of candidate term frequencies, scaled into [0, 1)
        lengths = np.asarray(cm.sum(axis=1)).ravel()
        avg = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        norm = cfg.k1 * (1 - cfg.b + cfg.b * lengths / avg)
        sat = cm.copy()
        sat.data = sat.data / (sat.data + np.repeat(norm, np.diff(sat.indptr)))
        sat_t = sat.T.tocsr()

        def cover(m: sp.csr_matrix) -> np.ndarray:
            m = m.copy()
            if cfg.sublinear_query:
                m.data = 1.0 + np.log(np.maximum(m.data, 1e-9))
            m = (m @ sp.diags(idf)).tocsr()
            total = np.asarray(m.sum(axis=1)).ravel()
            total[total == 0] = 1.0
            out = _dense(m @ sat_t) / total[:, None]
            if cfg.cosine_share:
                out = (1 - cfg.cosine_share) * out + cfg.cosine_share * _dense(_tfidf_l2(m, idf) @ _tfidf_l2(cm, idf).T)
            return out

        return cover(qm), (cover(em) if em is not None else None)

    def score(
        self,
        queries: Sequence[str],
        candidates: Sequence[str],
        query_headings: Sequence[str | None] | None = None,
        candidate_headings: Sequence[str | None] | None = None,
    ) -> np.ndarray:
        """Scores in [0, 1], one row per query, one column per candidate (inputs already validated)."""
        cfg = self.config
        qh = list(query_headings) if query_headings is not None else [None] * len(queries)
        ch = list(candidate_headings) if candidate_headings is not None else [None] * len(candidates)
        if cfg.candidate_lead:
            ch = [
                h if h else (t[: cfg.candidate_lead] if len(t) > 2 * cfg.candidate_lead else None)
                for h, t in zip(ch, candidates, strict=True)
            ]
        if not queries or not candidates:
            return np.zeros((len(queries), len(candidates)))
        qs = self._side(queries, qh, cfg.query_heading_boost)
        cs = self._side(candidates, ch, cfg.heading_boost)
        out = np.zeros((len(queries), len(candidates)))
        total_w = 0.0
        if cfg.word_weight:
            out += cfg.word_weight * self._space(qs.words, cs.words, "w:", True)[0]
            total_w += cfg.word_weight
        has_head = np.array([bool(h) for h in qs.head_bigrams])
        use_head = bool(cfg.heading_weight and has_head.any())
        if cfg.bigram_weight or use_head:
            bs, hs = self._space(qs.bigrams, cs.bigrams, "c:", False, qs.head_bigrams if use_head else None)
            if cfg.bigram_weight:
                out += cfg.bigram_weight * bs
                total_w += cfg.bigram_weight
            if hs is not None:
                # queries without a heading: the mean of the other spaces stands in
                base = out / total_w if total_w else out
                hs[~has_head] = base[~has_head]
                out += cfg.heading_weight * hs
                total_w += cfg.heading_weight
        if total_w:
            out /= total_w
        np.clip(out, 0.0, 1.0, out=out)
        return out


def _dense(m: Any) -> np.ndarray:
    return np.asarray(m.toarray() if sp.issparse(m) else m, dtype=float)


def _tfidf_l2(m: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf × idf rows, L2-normalised."""
    m = m.tocsr(copy=True)
    m.data = 1.0 + np.log(np.maximum(m.data, 1e-9))
    m = (m @ sp.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


_Parts = tuple[list[int], list[float], np.ndarray]


def _matrix_parts(bags: list[Bag], vocab: dict[str, int]) -> _Parts:
    """CSR parts of bags; ``vocab`` is a defaultdict that numbers new features as they come."""
    indptr = np.zeros(len(bags) + 1, dtype=np.int64)
    indices: list[int] = []
    data: list[float] = []
    getter = vocab.__getitem__
    for i, bag in enumerate(bags):
        indices.extend(map(getter, bag))
        data.extend(bag.values())
        indptr[i + 1] = len(indices)
    return indices, data, indptr


def _csr(parts: _Parts, rows: int, cols: int) -> sp.csr_matrix:
    indices, data, indptr = parts
    return sp.csr_matrix(
        (np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64), indptr), shape=(rows, cols)
    )


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


_DEFAULT_SCORER: Scorer | None = None


def _default_scorer() -> Scorer:
    global _DEFAULT_SCORER
    if _DEFAULT_SCORER is None:
        _DEFAULT_SCORER = Scorer()
    return _DEFAULT_SCORER


_LEAD = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]?|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*"
)
_LEAD_END = re.compile(r"[。；;！？!?\n]")


def lead_phrase(text: str, max_len: int = 30) -> str | None:
    """The heading a unit opens with (一是人才支撑。… → 人才支撑), or None when the first sentence is long."""
    first = _LEAD_END.split(text.strip(), maxsplit=1)[0]
    first = _LEAD.sub("", first).strip(" ,，:：")
    if not first or len(first) > max_len or len(first) == len(text.strip()):
        return None
    return first


def similarity(
    queries: Sequence[str],
    candidates: Sequence[str],
    *,
    query_headings: Sequence[str | None] | None = None,
    candidate_headings: Sequence[str | None] | None = None,
    hubness: bool = False,
    scorer: Scorer | None = None,
) -> np.ndarray:
    """How well each candidate answers each query: an array of len(queries) × len(candidates) in [0, 1].

    By default a symmetric score made for retrieval (:meth:`ScoringConfig.retrieval`): sublinear TF-IDF
    cosine over words, with related policy terms counting in part, and over character bigrams, with IDF
    pooled from a background of policy text and the texts given. Optional headings (a message's subject, a
    reply section's title) get extra weight: replies tend to quote what they answer; without
    ``query_headings``, a query's first line is its heading when it is short and more lines follow
    (``subject + "\\n" + message``). With ``hubness=True``
    (for a batch of many queries against the same candidates) a candidate's score is lowered by its mean
    score with its 5 closest queries, so that generic candidates that suit every query do not crowd out
    the specific one (CSLS); scores stay in [0, 1] and each query's ranking changes only through that.
    Pass ``scorer=Scorer(config=ScoringConfig())`` for the coverage score that :func:`match` uses.
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
    scores = (scorer or _retrieval_scorer()).score(q, c, query_headings, candidate_headings)
    if hubness:
        scores = _hubness_correct(scores)
    return scores


def _first_line(text: str, max_len: int = 60) -> str | None:
    """A text's first line when it is short and more lines follow (a message's subject), else None."""
    head, sep, rest = text.strip().partition("\n")
    return head.strip() if sep and rest.strip() and len(head.strip()) <= max_len else None


def _hubness_correct(scores: np.ndarray, k: int = 5, alpha: float = 0.5) -> np.ndarray:
    """CSLS-style correction: subtract alpha × each candidate's mean score over its k best queries, rescaled."""
    n_q = scores.shape[0]
    if n_q < 2:
        return scores
    k = min(k, n_q)
    hub = np.partition(scores, n_q - k, axis=0)[n_q - k :].mean(axis=0)
    top = float(hub.max())
    out = (scores - alpha * hub[None, :] + alpha * top) / (1.0 + alpha * top)
    return np.clip(out, 0.0, 1.0)


_RETRIEVAL_SCORER: Scorer | None = None


def _retrieval_scorer() -> Scorer:
    global _RETRIEVAL_SCORER
    if _RETRIEVAL_SCORER is None:
        _RETRIEVAL_SCORER = Scorer(config=ScoringConfig.retrieval())
    return _RETRIEVAL_SCORER


# -- alignment --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Thresholds:
    """Verdict thresholds on the best score of a suggestion (chosen on the gold; see scripts/eval_matching.py)."""

    answered: float = 0.18
    partly: float = 0.05
    #: a reply unit answers a suggestion (is "used") when it is among the suggestion's best ``used_rank``
    #: units with a support of at least ``partly``
    used_rank: int = 4


@dataclass
class SuggestionMatch:
    """One suggestion (or problem) with the reply units ranked by how well they answer it."""

    suggestion: Unit
    ranked: list[tuple[Unit, float]]
    verdict: str
    #: for each entry of ``ranked``, the best score of a single clause of the suggestion against that unit:
    #: how directly the unit answers some part of it (the verdict rests on the largest)
    support: list[float] = field(default_factory=list)

    def strength(self, index: int, thresholds: Thresholds | None = None) -> str:
        """How the ``index``-th ranked unit answers: "direct", "partial" or "weak" (from its support)."""
        t = thresholds or Thresholds()
        value = self.support[index] if index < len(self.support) else self.ranked[index][1]
        return "direct" if value >= t.answered else ("partial" if value >= t.partly else "weak")

    @property
    def best(self) -> tuple[Unit, float] | None:
        """The best reply unit and its score, or None when the reply is empty."""
        return self.ranked[0] if self.ranked else None

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """A JSON-ready dict: the suggestion, the verdict and the ranked reply unit ids with scores."""
        ranked = self.ranked if top is None else self.ranked[:top]
        support = self.support or [s for _, s in self.ranked]
        return {
            "suggestion": self.suggestion.to_dict(),
            "verdict": self.verdict,
            "ranked": [
                {"reply_unit": u.id, "score": round(float(s), 4), "support": round(float(support[i]), 4)}
                for i, (u, s) in enumerate(ranked)
            ],
        }


@dataclass
class Alignment:
    """Suggestions matched with reply units: the result of :func:`match`."""

    suggestions: list[SuggestionMatch]
    reply_units: list[Unit]
    unused_reply_units: list[Unit]
    thresholds: Thresholds = field(default_factory=Thresholds)
    themes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def coverage(self) -> dict[str, int]:
        """Counts of suggestions by verdict, with the total and the reply units that answer none."""
        counts = {v: 0 for v in VERDICTS}
        for m in self.suggestions:
            counts[m.verdict] += 1
        counts["total"] = len(self.suggestions)
        counts["unused_reply_units"] = len(self.unused_reply_units)
        return counts

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """A JSON-serialisable dict of the whole alignment."""
        out: dict[str, Any] = {
            "coverage": self.coverage,
            "thresholds": {"answered": self.thresholds.answered, "partly": self.thresholds.partly},
            "suggestions": [m.to_dict(top) for m in self.suggestions],
            "reply_units": [u.to_dict() for u in self.reply_units],
            "unused_reply_units": [u.id for u in self.unused_reply_units],
        }
        if self.themes:
            out["themes"] = {k: list(v) for k, v in self.themes.items()}
        return out

    def report(self, top: int | None = None, width: int = 60) -> str:
        """A readable coverage report: each suggestion, its verdict and its best reply units (``top``: how many;
        by default as many as may count as answering it)."""
        top = self.thresholds.used_rank if top is None else top
        c = self.coverage
        lines = [
            f"Coverage: {c['answered']} answered, {c['partly']} partly, {c['unanswered']} unanswered "
            f"of {c['total']} suggestion(s); {c['unused_reply_units']} reply unit(s) answer none.",
            "Scores: share of the suggestion a reply unit covers (0-1); ● answers a part of it directly, ○ partly.",
        ]
        marks = {"answered": "✔", "partly": "◐", "unanswered": "✘"}
        for m in self.suggestions:
            s = m.suggestion
            lines.append("")
            themes = self.themes.get(s.id)
            tail = f"  [themes: {', '.join(themes) if themes else 'none'}]" if themes is not None else ""
            lines.append(f"{marks[m.verdict]} {s.id} {m.verdict.upper()}{tail}")
            lines.append(f"    {_snippet(s.text, width)}")
            for k, (u, score) in enumerate(m.ranked[:top]):
                mark = {"direct": "●", "partial": "○", "weak": " "}[m.strength(k, self.thresholds)]
                lines.append(f"  {mark} {score:5.2f}  {u.id:<8} {_snippet(u.text, width - 16)}")
            if not m.ranked:
                lines.append("    (no reply units)")
        if self.unused_reply_units:
            lines.append("")
            lines.append("Reply units that answer no suggestion:")
            for u in self.unused_reply_units:
                tag = "(framing) " if _is_frame(u) else ""
                lines.append(f"    {u.id:<8} {tag}{_snippet(u.text, width - len(tag))}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


def _snippet(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- inputs of match ---------------------------------------------------------------------------------------
def _suggestion_units(proposal: Any, include_problems: bool) -> tuple[list[Unit], Document | None]:
    if isinstance(proposal, Document):
        doc = proposal
    elif isinstance(proposal, (str, bytes)):
        doc = parse(proposal)
    elif isinstance(proposal, Iterable):
        items = check_texts(proposal, "proposal")
        return [
            Unit(f"S{i}", "proposal", "suggestion", 1, None, lead_phrase(t), t.strip(), 0, len(t))
            for i, t in enumerate(items, start=1)
        ], None
    else:
        raise InputTypeError(
            f"proposal must be a Document, a text or a list of suggestion strings, got {type(proposal).__name__}"
        )
    kinds = ("suggestion", "problem") if include_problems else ("suggestion",)
    units = [u for u in doc.units if u.part == "proposal" and u.kind in kinds]
    if not units:
        # no enumerated suggestions found: every proposal paragraph but the framing ones stands in
        units = [u for u in doc.proposal if u.kind not in ("opening", "closing") and len(u.text.strip()) >= 10]
        if units:
            logger.info("no suggestion units found; matching %d proposal units instead", len(units))
    return units, doc


def _reply_units(reply: Any, doc: Document | None) -> list[Unit]:
    if reply is None:
        if doc is None:
            raise InputValueError("a list of suggestions needs a reply (a text, a Document or a list of paragraphs)")
        units = doc.reply
        if not units:
            raise InputValueError(
                "the proposal document holds no reply part: pass reply=... (a text, a Document or paragraphs)"
            )
        return units
    if isinstance(reply, Document):
        return reply.reply or _as_reply(reply.units)
    if isinstance(reply, (str, bytes)):
        rdoc = parse(reply)
        return rdoc.reply or _as_reply(rdoc.units)
    if isinstance(reply, Iterable):
        items = check_texts(reply, "reply")
        return [
            Unit(f"R{i}", "reply", "item", 1, None, lead_phrase(t), t.strip(), 0, len(t))
            for i, t in enumerate(items, start=1)
        ]
    raise InputTypeError(f"reply must be a text, a Document or a list of paragraphs, got {type(reply).__name__}")


def _as_reply(units: list[Unit]) -> list[Unit]:
    """Units of a text given as the reply but parsed without a reply marker: renamed R1, R2… (parents kept)."""
    names: dict[str, str] = {}
    for u in units:
        if u.parent is None or u.parent not in names:
            names[u.id] = f"R{sum(1 for v in names.values() if '.' not in v) + 1}"
        else:
            names[u.id] = (
                f"{names[u.parent]}.{sum(1 for v in names.values() if v.startswith(names[u.parent] + '.')) + 1}"
            )
    return [replace(u, id=names[u.id], part="reply", parent=names.get(u.parent) if u.parent else None) for u in units]


def _unit_heading(u: Unit) -> str | None:
    """The unit's heading without its enumerator (一是 / (一) / 一、 would match every other 一是…)."""
    if u.heading:
        head = _LEAD.sub("", u.heading).strip(" ,，:：。;；")
        return head or None
    return lead_phrase(u.text)


@dataclass(frozen=True)
class MatchConfig:
    """How :func:`align_units` turns units into scores (the engine's weights are in :class:`ScoringConfig`)."""

    #: weight of the best single clause of a suggestion (the rest: the whole suggestion); a reply unit often
    #: answers one clause of a long suggestion directly
    clause_share: float = 0.3
    #: a heading-only section is read with its children's text
    aggregate_sections: bool = False
    #: an item carries its section's heading as part of its own heading
    parent_heading: bool = True
    #: multiplier for openings, closings and list introductions, which thank and summarise but rarely answer
    frame_factor: float = 0.6
    #: replies tend to answer in the order of the suggestions: a score is multiplied by up to (1 + this)
    #: when the unit's relative place among the reply's units matches the suggestion's
    order_weight: float = 0.5


_FRAME_KINDS = frozenset({"opening", "closing", "next-steps-intro", "intro"})
_CLAUSE_END = re.compile(r"(?<=[。；;！？!?])")


def _clauses(text: str, min_len: int = 10) -> list[str]:
    """Sentences and semicolon clauses of a suggestion, without its short lead phrase (一是政府引导。)."""
    parts = [p.strip() for p in _CLAUSE_END.split(text)]
    return [p for p in parts if len(p) >= min_len]


_FRAME_TEXT = re.compile(r"^(?:再次)?(?:衷心)?感谢|您好|收悉|谢谢")


def _is_frame(u: Unit) -> bool:
    """An opening, closing or list introduction: thanks, greetings, 现答复如下：…"""
    text = u.text.strip()
    if u.kind in _FRAME_KINDS:
        return True
    return len(text) < 120 and (text.endswith((":", "：")) or bool(_FRAME_TEXT.search(text[:40])))


def _candidate_texts(units: list[Unit], cfg: MatchConfig) -> tuple[list[str], list[str | None]]:
    """Texts and headings of reply units (with their section's heading and, optionally, their children)."""
    by_id = {u.id: u for u in units}
    children: dict[str, list[Unit]] = {}
    for u in units:
        if u.parent:
            children.setdefault(u.parent, []).append(u)
    texts: list[str] = []
    heads: list[str | None] = []
    for u in units:
        text = u.text
        head = _unit_heading(u)
        kids = children.get(u.id)
        if kids and len(text) < 40:
            head = head or text
            if cfg.aggregate_sections:
                text = text + "\n" + "\n".join(k.text for k in kids)
        parent = by_id.get(u.parent) if u.parent else None
        if cfg.parent_heading and parent is not None:
            ph = _unit_heading(parent) or (parent.text if len(parent.text) < 40 else None)
            if ph:
                head = f"{ph} {head}" if head else ph
        texts.append(text)
        heads.append(head)
    return texts, heads


def _verdict(best: float, t: Thresholds) -> str:
    if best >= t.answered:
        return "answered"
    if best >= t.partly:
        return "partly"
    return "unanswered"


def score_units(
    suggestions: list[Unit], reply_units: list[Unit], scorer: Scorer | None = None, config: MatchConfig | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Scores (suggestions × reply units) in [0, 1] as :func:`match` ranks them, and the clause-level scores.

    The second array holds, for each pair, the best score of any single clause of the suggestion (or of the
    whole suggestion): a unit that fully answers one clause answers the suggestion directly, which is what
    the verdicts rest on.
    """
    cfg = config or MatchConfig()
    sc = scorer or _default_scorer()
    ctexts, cheads = _candidate_texts(reply_units, cfg)
    qtexts = [s.text for s in suggestions]
    qheads = [_unit_heading(s) for s in suggestions]
    owners: list[int] = []
    clauses: list[str] = []
    for i, s in enumerate(suggestions):
        parts = _clauses(s.text)
        if len(parts) > 1:
            clauses += parts
            owners += [i] * len(parts)
    raw = sc.score(qtexts + clauses, ctexts, qheads + [qheads[i] for i in owners], cheads)
    whole = raw[: len(qtexts)]
    best = whole.copy()
    for k, i in enumerate(owners):
        np.maximum(best[i], raw[len(qtexts) + k], out=best[i])
    scores = (1 - cfg.clause_share) * whole + cfg.clause_share * best
    frame = np.array([_is_frame(u) for u in reply_units])
    factor = np.ones_like(scores)
    if cfg.order_weight and len(suggestions) > 1 and (~frame).sum() > 1:
        content = np.flatnonzero(~frame)
        upos = np.full(len(reply_units), np.nan)
        upos[content] = np.arange(len(content)) / (len(content) - 1)
        spos = np.arange(len(suggestions)) / (len(suggestions) - 1)
        closeness = 1.0 - np.abs(spos[:, None] - upos[None, :])
        factor = factor * (1.0 + cfg.order_weight * np.nan_to_num(closeness, nan=0.0))
    if cfg.frame_factor != 1.0:
        factor[:, frame] *= cfg.frame_factor
    return np.clip(scores * factor, 0.0, 1.0), np.clip(best * factor, 0.0, 1.0)


def align_units(
    suggestions: list[Unit],
    reply_units: list[Unit],
    scorer: Scorer | None = None,
    thresholds: Thresholds | None = None,
    config: MatchConfig | None = None,
) -> Alignment:
    """Build an :class:`Alignment` from ready units (used by :func:`match` and by the gold evaluations)."""
    t = thresholds or Thresholds()
    matches: list[SuggestionMatch] = []
    if not suggestions:
        return Alignment([], list(reply_units), list(reply_units), t)
    if not reply_units:
        return Alignment([SuggestionMatch(s, [], "unanswered") for s in suggestions], [], [], t)
    scores, evidence = score_units(suggestions, reply_units, scorer, config)
    for i, s in enumerate(suggestions):
        row = scores[i]
        order = np.argsort(-row, kind="stable")
        ranked = [(reply_units[j], float(row[j])) for j in order]
        support = [float(evidence[i, j]) for j in order]
        matches.append(SuggestionMatch(s, ranked, _verdict(float(evidence[i].max()), t), support))
    used = np.zeros(len(reply_units), dtype=bool)
    for i in range(len(suggestions)):
        best = np.argsort(-scores[i], kind="stable")[: t.used_rank]
        used[best[evidence[i, best] >= t.partly]] = True
    # a heading-only section is used when one of its items is
    index = {u.id: k for k, u in enumerate(reply_units)}
    for k, u in enumerate(reply_units):
        if used[k] and u.parent in index and len(reply_units[index[u.parent]].text) < 40:
            used[index[u.parent]] = True
    unused = [u for u, flag in zip(reply_units, used, strict=True) if not flag]
    return Alignment(matches, list(reply_units), unused, t)


def match(
    proposal: Document | str | bytes | Sequence[str],
    reply: Document | str | bytes | Sequence[str] | None = None,
    include_problems: bool = False,
    *,
    scorer: Scorer | None = None,
    thresholds: Thresholds | None = None,
    themes: bool = False,
) -> Alignment:
    """Match each suggestion of ``proposal`` with the reply units that answer it.

    ``proposal`` is a :class:`Document`, a text (parsed; a text holding both parts needs no ``reply``) or a
    list of suggestion strings; ``reply`` is a text, a Document or a list of paragraphs (one unit each).
    With ``include_problems`` the proposal's problems are matched too. With ``themes`` each suggestion's
    themes are added when the default theme model is available.
    """
    suggestions, doc = _suggestion_units(proposal, include_problems)
    reply_units = _reply_units(reply, doc)
    if not suggestions:
        logger.info("the proposal holds no suggestion units")
    alignment = align_units(suggestions, reply_units, scorer, thresholds)
    if themes:
        alignment.themes = _themes_of(suggestions)
    return alignment


def _themes_of(units: list[Unit]) -> dict[str, list[str]]:
    """Each unit's themes from the default theme model, or {} when it is not available."""
    if not units:
        return {}
    try:
        from . import themes as themes_mod

        preds = themes_mod.classify_many([u.text for u in units])
    except (ImportError, ModelError, OSError) as exc:  # the model is optional
        logger.info("themes unavailable: %s", exc)
        return {}
    except Exception as exc:  # never let the optional themes break a match; say so loudly
        logger.warning("theme classification failed, report has no themes: %s: %s", type(exc).__name__, exc)
        return {}
    return {u.id: [str(x) for x in p.themes] for u, p in zip(units, preds, strict=True)}


def _match_pair(pair: Any, kwargs: dict[str, Any]) -> Alignment:
    if isinstance(pair, (str, bytes, Document)):
        return match(pair, **kwargs)
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        raise InputTypeError(
            f"each item of match_many must be a (proposal, reply) pair or a document, got {type(pair).__name__}"
        )
    return match(pair[0], pair[1], **kwargs)


def _match_chunk(pairs: list[Any], kwargs: dict[str, Any]) -> list[Alignment]:
    return [_match_pair(p, kwargs) for p in pairs]


def match_many(
    pairs: Iterable[Any], n_jobs: int = 1, backend: Any = None, chunk_size: int = 64, **kwargs: Any
) -> list[Alignment]:
    """:func:`match` over many (proposal, reply) pairs (or documents holding both parts), in order.

    ``n_jobs > 1`` spreads chunks of ``chunk_size`` pairs over joblib workers; ``backend`` is passed to
    ``joblib.Parallel``, and a backend set with ``joblib.parallel_config(backend="dask")`` is used too, so the
    same call runs on a Dask cluster (see docs/scaling.md). Results equal the serial ones. Other keyword
    arguments go to :func:`match`.
    """
    if isinstance(pairs, (str, bytes, Document)) or pairs is None or not isinstance(pairs, Iterable):
        raise InputTypeError(f"pairs must be a list of (proposal, reply) pairs, got {type(pairs).__name__}")
    n_jobs = _parallel.check_n_jobs(n_jobs)
    backend = _parallel.check_backend(backend)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputTypeError(f"chunk_size must be a positive int, got {chunk_size!r}")
    items = list(pairs)
    if not _parallel.parallel_requested(n_jobs, backend) or len(items) <= 1:
        return _match_chunk(items, kwargs)
    workers = _parallel.workers(n_jobs)
    size = min(chunk_size, max(1, -(-len(items) // workers)))
    parts = list(_parallel.chunks(items, size))
    tasks = [(_match_chunk, (p, kwargs)) for p in parts]
    return _parallel.run_chunks(lambda p: _match_chunk(p, kwargs), tasks, parts, workers, backend=backend)
