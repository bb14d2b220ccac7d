"""Matching quality on the shared gold, asserted as floors a little under the measured figures.

Figures and baselines: scripts/eval_matching.py. The reference document is evaluated from its gold units
(so that the scoring is judged apart from parse quality) and end to end through parse().
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from proposalnlp import match, similarity
from proposalnlp.corpus import find_quote, load_reference, resolve_quotes
from proposalnlp.document import Unit
from proposalnlp.matching import Alignment, align_units

_SENT_END = re.compile(r"[。！？!?；;\n]")


def _ndcg5(ranked: list[str], gains: dict[str, int]) -> float:
    dcg = sum(gains.get(r, 0) / math.log2(i + 2) for i, r in enumerate(ranked[:5]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(gains.values(), reverse=True)[:5]))
    return dcg / ideal


@pytest.fixture(scope="module")
def reference(shared: Path) -> tuple[Alignment, list[tuple[str, str, int]]]:
    gold = load_reference(shared)
    ids = {u.id for u in gold.units}
    sugg, reply = [], []
    for u in gold.units:
        if u.part == "proposal" and u.kind == "suggestion":
            sugg.append(Unit(u.id, "proposal", "suggestion", 1, None, None, u.text, u.start, u.end))
        elif u.part == "reply":
            parent = u.id.rsplit(".", 1)[0] if "." in u.id else None
            parent = parent if parent in ids else None
            kind = "section" if u.kind.startswith("section") else u.kind
            reply.append(Unit(u.id, "reply", kind, 2 if parent else 1, parent, None, u.text, u.start, u.end))
    assert [s.id for s in sugg] == ["P-S1", "P-S2", "P-S3", "P-S4"]
    return align_units(sugg, reply), gold.links


def test_reference_ndcg_at_5(reference: tuple[Alignment, list[tuple[str, str, int]]]) -> None:
    al, links = reference
    scores = []
    for m in al.suggestions:
        gains = {r: g for s, r, g in links if s == m.suggestion.id}
        scores.append(_ndcg5([u.id for u, _ in m.ranked], gains))
    assert np.mean(scores) >= 0.77, scores  # measured 0.81
    assert min(scores) >= 0.6, scores  # measured 0.68 (P-S2, P-S3)


def test_reference_grade2_in_top3(reference: tuple[Alignment, list[tuple[str, str, int]]]) -> None:
    al, links = reference
    for m in al.suggestions:
        direct = {r for s, r, g in links if s == m.suggestion.id and g == 2}
        if direct:
            top3 = {u.id for u, _ in m.ranked[:3]}
            assert top3 & direct, (m.suggestion.id, top3, direct)


def test_reference_verdicts(reference: tuple[Alignment, list[tuple[str, str, int]]]) -> None:
    al, _ = reference
    verdicts = {m.suggestion.id: m.verdict for m in al.suggestions}
    assert verdicts["P-S4"] in ("partly", "unanswered")  # talent: only officials' training and an expert team
    assert sum(v == "answered" for v in verdicts.values()) >= 2


def test_reference_end_to_end(shared: Path) -> None:
    """match(parse(text)) on the whole document: gold spans mapped onto the parsed units."""
    gold = load_reference(shared)
    al = match(gold.text)
    assert len(al.suggestions) == 4
    gold_units = [u for u in gold.units]

    def gold_id(unit: Unit) -> str | None:
        best, best_overlap = None, 0
        for g in gold_units:
            overlap = min(unit.end, g.end) - max(unit.start, g.start)
            if overlap > best_overlap:
                best, best_overlap = g.id, overlap
        return best

    ndcgs = []
    for m in al.suggestions:
        sid = gold_id(m.suggestion)
        assert sid is not None and sid.startswith("P-S")
        gains = {r: g for s, r, g in gold.links if s == sid}
        ranked = [gold_id(u) or "" for u, _ in m.ranked]
        ndcgs.append(_ndcg5(ranked, gains))
        if sid == "P-S4":
            assert m.verdict != "answered"
    assert np.mean(ndcgs) >= 0.77, ndcgs  # measured 0.84 (same as from the gold units)


def _teddy(shared: Path) -> list[dict[str, str]]:
    with (shared / "benchmarks" / "teddy2020" / "message-reply.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _p1_mrr(scores: np.ndarray) -> tuple[float, float]:
    diag = scores[np.arange(len(scores)), np.arange(len(scores))]
    rank = (scores > diag[:, None]).sum(axis=1) + 1
    return float((rank == 1).mean()), float((1.0 / rank).mean())


def test_teddy_retrieval_beats_sublinear_tfidf(shared: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from proposalnlp import Tokenizer

    rows = _teddy(shared)
    assert len(rows) == 1000
    subjects = [r["subject"] for r in rows]
    queries = [r["subject"] + "\n" + r["message"] for r in rows]
    replies = [r["reply"] for r in rows]
    p1, mrr = _p1_mrr(similarity(queries, replies, query_headings=subjects, hubness=True))
    assert p1 >= 0.76, p1  # measured 0.776
    assert mrr >= 0.80, mrr  # measured 0.821
    tok = Tokenizer()
    qt = [tok(x) for x in queries]
    rt = [tok(x) for x in replies]
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True).fit(qt + rt)
    bp1, bmrr = _p1_mrr((vec.transform(qt) @ vec.transform(rt).T).toarray())
    assert p1 > bp1 and mrr > bmrr, (p1, mrr, bp1, bmrr)


def _point_pairs(shared: Path) -> list[tuple[list[Unit], list[Unit], dict[int, dict[int, int]]]]:
    base = shared / "benchmarks" / "teddy2020"
    gold = json.loads((base / "message-reply-points.gold.json").read_text(encoding="utf-8"))
    rows = {int(r["id"]): r for r in _teddy(shared)}
    out = []
    for pair in gold["pairs"]:
        msg, rep = rows[int(pair["id"])]["message"], rows[int(pair["id"])]["reply"]
        starts = [find_quote(msg, p["quote"]) for p in pair["points"]]
        assert min(starts) >= 0
        points = []
        for k, (p, at) in enumerate(zip(pair["points"], starts, strict=True)):
            m = _SENT_END.search(msg, at + len(p["quote"]))
            end = m.end() if m else len(msg)
            later = [s for s in starts[k + 1 :] if s > at]
            end = min([end, *later])
            points.append(Unit(f"P{p['p']}", "proposal", "suggestion", 1, None, None, msg[at:end].strip(), at, end))
        spans = resolve_quotes(rep, [s["quote"] for s in pair["segments"]])
        segs = [
            Unit(f"S{s['s']}", "reply", "item", 1, None, None, rep[a:b].strip(), a, b)
            for s, (a, b) in zip(pair["segments"], spans, strict=True)
        ]
        links: dict[int, dict[int, int]] = {}
        for lk in pair["links"]:
            links.setdefault(int(lk["p"]), {})[int(lk["s"])] = int(lk["grade"])
        out.append((points, segs, links))
    return out


def test_point_level(shared: Path) -> None:
    linked = top_ok = unlinked = unl_ok = 0
    for points, segs, links in _point_pairs(shared):
        al = align_units(points, segs)
        for m in al.suggestions:
            p = int(m.suggestion.id[1:])
            if p in links:
                linked += 1
                top_ok += int(m.ranked[0][0].id[1:]) in links[p]
            else:
                unlinked += 1
                unl_ok += m.verdict == "unanswered"
    assert linked == 40 and unlinked == 11
    assert top_ok / linked >= 0.70, top_ok / linked  # measured 0.725
    assert unl_ok / unlinked >= 0.6, unl_ok / unlinked  # measured 0.82
