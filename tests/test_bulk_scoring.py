"""The feature spaces laid out from the scorer's term table (matching._terms) give the scores of plain per-text
bags written out here (up to float round-off), for every weighting a scorer may have, in plain arrays (a few
texts) and CSR matrices (a large batch); and their scores do not depend on what the table read before.

The batch is made of hand-written sentences recombined (headings, full-width digits and letters, upper case,
four-character words, texts without a bigram), so that it is large enough to take the bulk path.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp import similarity
from proposalnlp.features import char_bigrams, fold_alnum
from proposalnlp.matching import Scorer, ScoringConfig, scoring

PIECES = [
    "建议加快柳湾镇至青石村县道拓宽改造",
    "增开夜间公交班次，末班车延至２１点",
    "青石村农产品冷链仓储中心选址在A3区12栋旁",
    "加大技术改造专项资金支持力度，对智能制造示范项目给予贴息",
    "该路段已纳入今年县道改造计划，目前已完成施工招标",
    "县交通运输局已协调公交公司增开班次",
    "感谢您对我们工作的关心和支持！",
    "人才引进和职业技能培训补贴已经落实到位",
    "ＡＩ赋能中小企业数字化转型，推动企业上云",
    "宣传普及垃圾分类知识，提高群众环保意识",
    "——",
    "2020年3月15日",
    "COVID-19 防控物资储备",
]


def _texts(n: int, seed: int) -> tuple[list[str], list[str | None]]:
    rng = random.Random(seed)
    texts: list[str] = []
    heads: list[str | None] = []
    for _ in range(n):
        body = "。".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
        head = rng.choice([None, None, rng.choice(PIECES)[:12], ""])
        texts.append(f"{head}\n{body}" if head and rng.random() < 0.5 else body)
        heads.append(head)
    return texts, heads


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal up to float round-off (the two builders sum the same terms in other orders)."""
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


CONFIGS = [
    ScoringConfig(),
    ScoringConfig.retrieval(),
    replace(ScoringConfig(), cosine_share=0.3),
    replace(ScoringConfig(), sublinear_query=False, related_weight=0.0, background=False),
    replace(ScoringConfig(), word_weight=0.0, heading_weight=0.0),
    replace(ScoringConfig.retrieval(), heading_weight=0.0, subword_weight=0.0, candidate_lead=10),
    replace(ScoringConfig.retrieval(), bigram_weight=0.0),
]


def _reference(
    scorer: Scorer, queries: list[str], cands: list[str], qh: list[str | None] | None, ch: list[str | None] | None
) -> np.ndarray:
    """Scores written out plainly: one dict bag per text (tokens, four-character words' halves, the heading's
    tokens boosted; character bigrams, the heading's boosted; the query heading's bigrams alone), the IDF pooled
    with the background, related words spread over the candidates' counts, then the coverage / cosine of
    ScoringConfig's docstring, combined by weight."""
    cfg = scorer.config
    qh2, ch2 = scorer._headings(queries, cands, qh, ch)
    tok = scorer.tokenizer

    def words(text: str, head: str | None, boost: float) -> dict[str, float]:
        bag: dict[str, float] = {}
        tokens = tok(fold_alnum(text))
        for t in tokens:
            bag[t] = bag.get(t, 0.0) + 1.0
        for t in tokens:
            if len(t) == 4 and cfg.subword_weight:
                for half in (t[:2], t[2:]):
                    bag[half] = bag.get(half, 0.0) + cfg.subword_weight
        if head and boost:
            for t in tok(head):
                bag[t] = bag.get(t, 0.0) + boost
        return bag

    def bigrams(text: str, head: str | None, boost: float) -> dict[str, float]:
        bag: dict[str, float] = {}
        for b in char_bigrams(text):
            bag[b] = bag.get(b, 0.0) + 1.0
        if head and boost:
            for b in char_bigrams(head):
                bag[b] = bag.get(b, 0.0) + boost
        return bag

    def space(
        q: list[dict[str, float]], c: list[dict[str, float]], e: list[dict[str, float]] | None, prefix: str
    ) -> tuple[np.ndarray, np.ndarray | None]:
        vocab = sorted(set().union(*q, *c, *(e or [])))
        if prefix == "w:" and cfg.related_weight:
            rel = scoring._related_index()
            vocab = sorted(set(vocab).union(*(rel.get(t, ()) for bag in c for t in bag)))
        col = {t: i for i, t in enumerate(vocab)}

        def dense(bags: list[dict[str, float]]) -> np.ndarray:
            m = np.zeros((len(bags), len(vocab)))
            for i, bag in enumerate(bags):
                for t, v in bag.items():
                    m[i, col[t]] += v
            return m

        qm, cm = dense(q), dense(c)
        df = (qm > 0).sum(axis=0) + (cm > 0).sum(axis=0)
        n = float(len(q) + len(c))
        bg = scoring._background()
        if cfg.background and bg.documents:
            table = bg.df[prefix]
            df = df + cfg.background_weight * np.array([table.get(t, 0) for t in vocab])
            n += cfg.background_weight * bg.documents
        idf = np.maximum(np.log1p((n - df + 0.5) / (df + 0.5)), 0.0)
        if prefix == "w:" and cfg.related_weight:
            spread = np.zeros_like(cm)
            for t in vocab:
                for r in scoring._related_index().get(t, ()):
                    if r in col:  # (a word no candidate holds has no related words' columns, and spreads 0)
                        spread[:, col[r]] += cfg.related_weight * cm[:, col[t]]
            cm = cm + spread

        def sublinear(m: np.ndarray) -> np.ndarray:
            return np.where(m > 0, 1.0 + np.log(np.where(m > 0, m, 1.0)), 0.0)

        def tfidf_l2(m: np.ndarray) -> np.ndarray:
            x = sublinear(m) * idf
            norms = np.linalg.norm(x, axis=1)
            return x / np.where(norms == 0, 1.0, norms)[:, None]

        lengths = cm.sum(axis=1)
        avg = lengths.mean() if lengths.mean() > 0 else 1.0
        sat = cm / (cm + cfg.k1 * (1 - cfg.b + cfg.b * lengths / avg)[:, None])

        def score(m: np.ndarray) -> np.ndarray:
            if cfg.cosine_share >= 1.0:
                return tfidf_l2(m) @ tfidf_l2(cm).T
            x = (sublinear(m) if cfg.sublinear_query else m) * idf
            total = x.sum(axis=1)
            cover = (x @ sat.T) / np.where(total == 0, 1.0, total)[:, None]
            if cfg.cosine_share:
                cover = (1 - cfg.cosine_share) * cover + cfg.cosine_share * (tfidf_l2(x) @ tfidf_l2(cm).T)
            return cover

        return score(qm), (score(dense(e)) if e is not None else None)

    out = np.zeros((len(queries), len(cands)))
    total_w = 0.0
    if cfg.word_weight:
        w, _ = space(
            [words(t, h, cfg.query_heading_boost) for t, h in zip(queries, qh2, strict=True)],
            [words(t, h, cfg.heading_boost) for t, h in zip(cands, ch2, strict=True)],
            None,
            "w:",
        )
        out += cfg.word_weight * w
        total_w += cfg.word_weight
    heads = [{b: float(n) for b, n in Counter(char_bigrams(h)).items()} if h else {} for h in qh2]
    has_head = np.array([bool(bag) for bag in heads])
    use_head = bool(cfg.heading_weight and has_head.any())
    if cfg.bigram_weight or use_head:
        b, hs = space(
            [bigrams(t, h, cfg.query_heading_boost) for t, h in zip(queries, qh2, strict=True)],
            [bigrams(t, h, cfg.heading_boost) for t, h in zip(cands, ch2, strict=True)],
            heads if use_head else None,
            "c:",
        )
        if cfg.bigram_weight:
            out += cfg.bigram_weight * b
            total_w += cfg.bigram_weight
        if use_head:
            assert hs is not None
            base = out / total_w if total_w else out
            out += cfg.heading_weight * np.where(has_head[:, None], hs, base)
            total_w += cfg.heading_weight
    return np.clip(out / total_w if total_w else out, 0.0, 1.0)


@pytest.mark.parametrize("config", CONFIGS)
def test_a_large_batch_scores_as_the_plain_bags(config: ScoringConfig) -> None:
    queries, qh = _texts(150, 1)
    cands, ch = _texts(170, 2)
    got = Scorer(config=config).score(queries, cands, qh, ch)
    assert _close(got, _reference(Scorer(config=config), queries, cands, qh, ch))
    assert got.max() > 0  # the texts share terms: the comparison is not of zeros


def test_sparse_and_plain_array_spaces_give_the_same_scores() -> None:
    queries, qh = _texts(60, 3)
    cands, ch = _texts(50, 4)
    for config in CONFIGS:
        plain = Scorer(config=config).score(queries, cands, qh, ch)
        old = scoring._DENSE_CELLS
        scoring._DENSE_CELLS = 0  # every space in CSR matrices (what a large batch takes)
        try:
            sparse = Scorer(config=config).score(queries, cands, qh, ch)
        finally:
            scoring._DENSE_CELLS = old
        assert _close(sparse, plain), config
    assert similarity(queries, cands).shape == (60, 50)


def test_texts_without_any_bigram_or_token() -> None:
    queries = ["——", "！！", "建议增开公交班次"] * 100
    cands = ["……", "已增开公交班次", "？"] * 100
    for config in (ScoringConfig(), ScoringConfig.retrieval()):
        got = Scorer(config=config).score(queries, cands)
        assert _close(got, _reference(Scorer(config=config), queries, cands, None, None))


_ALPHABET = "建议加大人才培训资金支持科技创新宣传意识ＡＢ１２aZ9 　\n，。！—😀\u3400\u2028"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=40), min_size=2, max_size=6),
    st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=60), min_size=2, max_size=6),
    st.sampled_from(CONFIGS),
)
def test_the_spaces_of_any_text(queries: list[str], cands: list[str], config: ScoringConfig) -> None:
    heads: list[str | None] = [q.split("\n")[0][:10] or None for q in queries]
    got = Scorer(config=config).score(queries, cands, heads, None)
    assert _close(got, _reference(Scorer(config=config), queries, cands, heads, None))


# -- a few cells (score_pairs, and score_blocks of small inputs: what match() scores) ---------------------------
@pytest.mark.parametrize("config", CONFIGS)
def test_cells_and_blocks_are_the_scores_whatever_the_table_read_before(config: ScoringConfig) -> None:
    queries, qh = _texts(30, 5)
    cands, ch = _texts(25, 6)
    # a candidate made of other candidates' lines (match()'s part of the reply): its terms are theirs
    cands.append("\n".join(cands[:3]))
    ch.append(None)
    rows = np.repeat(np.arange(len(queries)), 3)
    cols = np.random.default_rng(0).integers(0, len(cands), len(rows))
    every = np.arange(len(queries))
    grid = _reference(Scorer(config=config), queries, cands, qh, ch)
    cold = Scorer(config=config)
    cells = cold.score_pairs(queries, cands, rows, cols, qh, ch)
    blocks = next(cold.score_blocks(queries, cands, [every], qh, ch))
    assert _close(cells, grid[rows, cols]) and _close(blocks, grid)
    assert grid.max() > 0
    # a table that read other texts first (other word numbers) gives the same scores, bit for bit
    warm = Scorer(config=config)
    warm.score([*list(reversed(cands)), "另一条建议的文字", *PIECES[::-1]], queries[:5], None, None)
    warm._spaces.clear()
    assert np.array_equal(warm.score_pairs(queries, cands, rows, cols, qh, ch), cells)
    assert np.array_equal(next(warm.score_blocks(queries, cands, [every], qh, ch)), blocks)


def test_a_weight_off_the_grain_scores_from_the_table_as_on_it() -> None:
    queries, qh = _texts(12, 7)
    cands, ch = _texts(9, 8)
    config = replace(ScoringConfig(), subword_weight=0.3)
    rows, cols = np.arange(12), np.arange(12) % 9
    grid = _reference(Scorer(config=config), queries, cands, qh, ch)
    assert _close(Scorer(config=config).score_pairs(queries, cands, rows, cols, qh, ch), grid[rows, cols])


def test_the_spaces_of_repeated_inputs_are_remembered_bounded_and_give_the_same_cells() -> None:
    queries, qh = _texts(20, 9)
    cands, ch = _texts(15, 10)
    rows, cols = np.arange(20), np.arange(20) % 15
    scorer = Scorer()
    first = scorer.score_pairs(queries, cands, rows, cols, qh, ch)
    assert len(scorer._spaces) == 1
    again = scorer.score_pairs(list(queries), list(cands), rows, cols, list(qh), list(ch))  # equal inputs
    assert len(scorer._spaces) == 1 and np.array_equal(again, first)
    scorer.tokenizer = type(scorer.tokenizer)()  # another tokenizer (equal, not the same): built anew
    assert np.array_equal(scorer.score_pairs(queries, cands, rows, cols, qh, ch), first)
    for k in range(3 * scoring._SPACE_MEMO):
        scorer.score_pairs(queries[k:], cands, rows[: 20 - k] * 0, cols[: 20 - k], qh[k:], ch)
        assert len(scorer._spaces) <= scoring._SPACE_MEMO
    scorer.clear_memo()
    assert not scorer._spaces


def test_lone_surrogates_are_read_by_the_table_as_by_the_bulk_spaces() -> None:
    queries = ["建议\ud800加强\udfff人才培养", "加强人才培养\ud83d"]
    cands = ["人才培养\udc00已加强", "人才\ud800培养"]
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    expected = _reference(Scorer(), queries, cands, None, None)
    assert _close(Scorer().score(queries, cands), expected)
    assert _close(Scorer().score_pairs(queries, cands, rows, cols), expected[rows, cols])
