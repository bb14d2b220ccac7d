"""Point-level ranking (issue 12): re-rank a point's first reply units by the answer model, held out.

For each of eval_verdicts.py's grouped folds: the fold model is trained on the training folds (the whole
training procedure, scripts/train_answer_model.fit_model); the re-ranking weight is chosen on the training
folds' points, scored by inner models (3 folds grouped by message inside the training folds, each point's
units scored by the inner model that did not see its message); the figure is the held-out fold's. Reports
top-ranked segment linked for the present ranking, the probability re-rank (weight 1) and the blends (weight
chosen inside the training folds), with the fold spread, and the reference document's nDCG@5 (shipped model
and each fold model) for each.

Usage: python scripts/eval_rerank.py [--cache FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import Table, fit_model, load_table

from devtools.answer_data import Example, point_examples, reference_example
from devtools.evaluation import ndcg_at
from proposalnlp.matching import align_units
from proposalnlp.matching.answer import AnswerModel, default_answer_model
from proposalnlp.matching.rerank import rerank_order
from proposalnlp.matching.results import FRAME_KINDS

WEIGHTS = [round(w, 2) for w in np.linspace(0.0, 1.0, 21)]


@dataclass
class Ranked:
    """One suggestion's ranking as align_units gives it (present order) and its first units' probabilities."""

    ids: list[str]
    scores: np.ndarray
    probs: np.ndarray
    can: np.ndarray
    gains: dict[str, int]


def rankings(ex: Example, model: AnswerModel) -> list[Ranked]:
    al = align_units(ex.suggestions, ex.reply, model=model)
    out = []
    for m, gains in zip(al.suggestions, ex.gains or [], strict=True):
        d = min(al.thresholds.used_rank, len(m.ranked))
        out.append(
            Ranked(
                [u.id for u, _ in m.ranked],
                np.array([s for _, s in m.ranked[:d]]),
                np.array(m.unit_probability[:d]),
                np.array([u.kind not in FRAME_KINDS for u, _ in m.ranked[:d]]),
                gains,
            )
        )
    return out


def reordered(r: Ranked, w: float, form: str = "score") -> list[str]:
    if form == "rank":  # the rank's reciprocal instead of the relative score
        scores = 1.0 / (1.0 + np.arange(len(r.probs)))
    else:
        scores = r.scores
    order = rerank_order(scores, r.probs, r.can, w).tolist()
    return [r.ids[i] for i in order] + r.ids[len(order) :]


def top1(rs: list[Ranked], w: float, form: str = "score") -> float:
    linked = [r for r in rs if r.gains]
    return float(np.mean([reordered(r, w, form)[0] in r.gains for r in linked])) if linked else float("nan")


def ndcg(rs: list[Ranked], w: float, form: str = "score") -> float:
    return float(np.mean([ndcg_at(reordered(r, w, form), r.gains) for r in rs]))


def choose(rs: list[Ranked], form: str) -> float:
    """The weight with the best top-1 on ``rs`` (ties to the smallest: closest to the present ranking)."""
    return max(WEIGHTS, key=lambda w: (top1(rs, w, form), -w))


def main() -> None:
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    t: Table = load_table(args.cache)
    points = point_examples()
    ref = reference_example()
    forms = ("score", "rank")
    held: dict[str, list[Ranked]] = {}
    chosen: dict[str, list[float]] = {f: [] for f in forms}
    per_fold: dict[str, list[float]] = {}
    held_all: list[Ranked] = []
    fold_models = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=args.folds).split(t.x, t.y, t.group)):
        train = t.take(np.isin(np.arange(len(t.y)), tr))
        model = fit_model(train)
        fold_models.append(model)
        test_groups = {str(g) for g in t.group[te]}
        # the weight: chosen on the training points, each scored by an inner model that did not see it
        inner_rs: list[Ranked] = []
        for itr, ite in GroupKFold(n_splits=3).split(train.x, train.y, train.group):
            im = fit_model(train.take(np.isin(np.arange(len(train.y)), itr)), siblings=False)
            inner_groups = {str(g) for g in train.group[ite]}
            for ex in points:
                if ex.group in inner_groups:
                    inner_rs += rankings(ex, im)
        rs = [r for ex in points if ex.group in test_groups for r in rankings(ex, model)]
        held_all += rs
        line = f"  fold {k}: {sum(bool(r.gains) for r in rs)} linked held out, present {top1(rs, 0.0):.3f}"
        line += f"  prob {top1(rs, 1.0):.3f}"
        per_fold.setdefault("present", []).append(top1(rs, 0.0))
        per_fold.setdefault("prob", []).append(top1(rs, 1.0))
        for f in forms:
            w = choose(inner_rs, f)
            chosen[f].append(w)
            held.setdefault(f, []).extend(rs)
            per_fold.setdefault(f"blend-{f}", []).append(top1(rs, w, f))
            line += f"  blend-{f} w={w} (inner {top1(inner_rs, w, f):.3f}) held {top1(rs, w, f):.3f}"
        print(line, flush=True)
    # pooled held-out figures: each fold's points with that fold's weight
    print("\n== Point level: top-ranked segment linked, held out (pooled over folds; target >= 0.75) ==")
    n_folds = len(chosen["score"])
    fold_sizes = []
    start = 0
    for k, (_, te) in enumerate(GroupKFold(n_splits=args.folds).split(t.x, t.y, t.group)):
        groups = {str(g) for g in t.group[te]}
        n = sum(len(ex.suggestions) for ex in points if ex.group in groups)
        fold_sizes.append((start, start + n))
        start += n

    def pooled(form: str | None, fixed: float | None = None) -> float:
        hits: list[bool] = []
        for k in range(n_folds):
            a, b = fold_sizes[k]
            w = fixed if fixed is not None else chosen[str(form)][k]
            hits += [reordered(r, w, form or "score")[0] in r.gains for r in held_all[a:b] if r.gains]
        return float(np.mean(hits))

    def spread(name: str) -> str:
        v = [x for x in per_fold[name] if not np.isnan(x)]
        return f"(folds {min(v):.3f}-{max(v):.3f})"

    print(f"  present ranking                 {pooled(None, 0.0):.3f} {spread('present')}")
    print(f"  probability re-rank (weight 1)  {pooled(None, 1.0):.3f} {spread('prob')}")
    for f in forms:
        print(f"  blend ({f}), weight per fold {chosen[f]}  {pooled(f):.3f} {spread('blend-' + f)}")
    print("  every weight of the grid (held out, for reading only; not a choice):")
    for f in forms:
        print(f"    {f}: " + " ".join(f"{w}:{pooled(f, w):.3f}" for w in WEIGHTS[::2]))
    print("\n== Reference document nDCG@5 (never trained or tuned on; target >= 0.80) ==")
    shipped = rankings(ref, default_answer_model())
    folds_r = [rankings(ref, m) for m in fold_models]
    for name, w, f in [("present", 0.0, "score"), ("probability", 1.0, "score")] + [
        (f"blend ({f}) w={sorted(set(chosen[f]))}", float(np.median(chosen[f])), f) for f in forms
    ]:
        per = [ndcg(fr, w, f) for fr in folds_r]
        print(
            f"  {name:<36} shipped model {ndcg(shipped, w, f):.3f}  fold models {min(per):.3f}-{max(per):.3f}"
            f"  top-1 linked {top1(shipped, w, f):.3f}"
        )
    for f in forms:
        print(f"    {f}: " + " ".join(f"{w}:{ndcg(shipped, w, f):.3f}" for w in WEIGHTS[::2]))


if __name__ == "__main__":
    main()
