"""Evaluate proposalnlp.match / similarity on the shared gold and print the figures beside baselines.

1. Reference document (Pingdingshan 2019): alignment built from the gold units, nDCG@5 per suggestion over
   the graded links, grade-2 link in the top 3, verdicts; and the end-to-end path match(parse(text)).
2. Teddy 2020 message→reply retrieval (1,000 × 1,000): P@1 and MRR of ours and of three baselines (TF-IDF
   cosine over jieba tokens, the same with sublinear tf, BM25 with bm25s over jieba tokens).
3. Point level: points as suggestions, segments as the reply; top-1 linked share and unanswered share.

Usage: python scripts/eval_matching.py [--skip-baselines] [--only reference|teddy|points]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.corpus import load_reference
from devtools.evaluation import (
    ndcg_at,
    overlap_id,
    p1_mrr,
    reference_units,
    teddy_message_replies,
    teddy_point_pairs,
)
from devtools.shared import shared_dir
from proposalnlp.document import Unit
from proposalnlp.matching import Alignment, Scorer, align_units, hubness_correct, match, similarity

# -- reference document --------------------------------------------------------------------------------


def reference_figures(al: Alignment, links: list[tuple[str, str, int]]) -> dict[str, object]:
    out: dict[str, object] = {}
    ndcgs = []
    for m in al.suggestions:
        gains = {r: g for s, r, g in links if s == m.suggestion.id}
        ranked = [u.id for u, _ in m.ranked]
        nd = ndcg_at(ranked, gains)
        ndcgs.append(nd)
        has2 = any(g == 2 for g in gains.values())
        top3_2 = any(gains.get(r) == 2 for r in ranked[:3])
        out[m.suggestion.id] = {
            "ndcg5": round(nd, 3),
            "grade2_in_top3": top3_2 if has2 else None,
            "verdict": m.verdict,
            "top5": [(u.id, round(s, 3), gains.get(u.id, 0)) for u, s in m.ranked[:5]],
        }
    out["mean_ndcg5"] = round(float(np.mean(ndcgs)), 3)
    return out


def eval_reference(root: Path, scorer: Scorer | None = None) -> None:
    sugg, reply, links = reference_units(root)
    al = align_units(sugg, reply, scorer)
    figs = reference_figures(al, links)
    print("== reference document (gold units) ==")
    for k, v in figs.items():
        print(f"  {k}: {v}")
    gold = load_reference(root)
    try:
        al2 = match(gold.text)
    except Exception as exc:  # the parser may fail on a layout it does not know yet
        print(f"  end-to-end match(parse(text)) failed: {type(exc).__name__}: {exc}")
        return

    def gold_id(unit: Unit) -> str:
        return overlap_id(unit, gold) or ""

    print(f"  end-to-end match(parse(text)): {len(al2.suggestions)} suggestions, {len(al2.reply_units)} reply units")
    ndcgs = []
    for m in al2.suggestions:
        sid = gold_id(m.suggestion)
        gains = {r: g for s, r, g in links if s == sid}
        nd = ndcg_at([gold_id(u) for u, _ in m.ranked], gains) if gains else float("nan")
        ndcgs.append(nd)
        print(f"    {m.suggestion.id} = {sid}: {m.verdict}, nDCG@5 {nd:.3f}")
    print(f"  end-to-end mean nDCG@5: {np.nanmean(ndcgs):.3f}")


# -- teddy retrieval --------------------------------------------------------------------------------------


def _jieba_tokens(texts: list[str]) -> list[list[str]]:
    import jieba

    jieba.setLogLevel(60)
    word = re.compile(r"\w")
    return [[t for t in jieba.lcut(x) if word.search(t)] for x in texts]


def baselines(queries: list[str], replies: list[str]) -> dict[str, tuple[float, float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    qt = _jieba_tokens(queries)
    rt = _jieba_tokens(replies)
    out = {}
    for name, sub in (("tfidf", False), ("tfidf-sublinear", True)):
        vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=sub)
        vec.fit(qt + rt)
        s = (vec.transform(qt) @ vec.transform(rt).T).toarray()
        out[name] = p1_mrr(s)
        # the same correction as ours with hubness=True, for a fair view of what it adds
        out[name + " +hubness"] = p1_mrr(hubness_correct(s))
    import bm25s

    retriever = bm25s.BM25()
    retriever.index(rt, show_progress=False)
    s = np.vstack([retriever.get_scores(q) for q in qt])
    out["bm25s"] = p1_mrr(s)
    return out


def eval_teddy(root: Path, skip_baselines: bool, scorer: Scorer | None = None) -> None:
    rows = teddy_message_replies(root)
    subjects = [r["subject"] for r in rows]
    queries = [r["subject"] + "\n" + r["message"] for r in rows]
    replies = [r["reply"] for r in rows]
    print(f"== teddy retrieval, {len(rows)} messages × {len(rows)} replies ==")
    for hub in (False, True):
        t0 = time.perf_counter()
        s = similarity(queries, replies, query_headings=subjects, hubness=hub, scorer=scorer)
        dt = time.perf_counter() - t0
        p1, mrr = p1_mrr(s)
        name = "ours, hubness=True" if hub else "ours"
        print(f"  {name:<26} P@1 {p1:.3f}  MRR {mrr:.3f}   ({dt:.2f} s)")
    if not skip_baselines:
        for name, (bp1, bmrr) in baselines(queries, replies).items():
            print(f"  {name:<26} P@1 {bp1:.3f}  MRR {bmrr:.3f}")


# -- point level ------------------------------------------------------------------------------------------


def point_figures(root: Path, scorer: Scorer | None = None) -> dict[str, float]:
    n_linked = top_ok = n_unlinked = unl_ok = 0
    verdicts_linked: dict[str, int] = {}
    for points, segs, links in teddy_point_pairs(root):
        al = align_units(points, segs, scorer)
        for m in al.suggestions:
            p = int(m.suggestion.id[1:])
            top = int(m.ranked[0][0].id[1:])
            if p in links:
                n_linked += 1
                top_ok += top in links[p]
                verdicts_linked[m.verdict] = verdicts_linked.get(m.verdict, 0) + 1
            else:
                n_unlinked += 1
                unl_ok += m.verdict == "unanswered"
    return {
        "linked_points": n_linked,
        "top1_linked": top_ok / n_linked,
        "unlinked_points": n_unlinked,
        "unlinked_reported_unanswered": unl_ok / n_unlinked if n_unlinked else float("nan"),
        **{f"linked_verdict_{k}": v for k, v in sorted(verdicts_linked.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--only", choices=["reference", "teddy", "points"])
    args = ap.parse_args()
    root = shared_dir(required=True)
    assert root is not None
    if args.only in (None, "reference"):
        eval_reference(root)
    if args.only in (None, "teddy"):
        eval_teddy(root, args.skip_baselines)
    if args.only in (None, "points"):
        print("== point level ==")
        for k, v in point_figures(root).items():
            print(f"  {k}: {v:.3f}" if isinstance(v, float) else f"  {k}: {v}")


if __name__ == "__main__":
    main()
