"""Point-level ranking (issue 12): re-rank a point's first reply units by the answer model, every figure held out.

match() ranks a suggestion's reply units by the present score; the answer model scores the pair with each of
its first ``Thresholds.used_rank`` (4) units (``SuggestionMatch.unit_probability``). This script asks whether
re-ranking those few units helps: for each of eval_verdicts.py's grouped folds, the fold model is trained on
the training folds (the whole procedure, scripts/train_answer_model.fit_model); one weight per variant is
chosen on the training folds' points (each point's units scored by an inner model, 3 folds grouped by message
inside the training folds, that did not see its message; ties to the smallest weight); the figure is the
held-out fold's. Variants (key = (1 - w) * present + w * signal among the first 4 units; units that may not
answer never first):

- present: the present score relative to the suggestion's best ("score") or the reciprocal rank ("rank");
- signal: the unit probability, or one unit feature of the model without the model (specific, specific
  bigrams, names: no training, the weight alone is chosen on the training points);
- "frame": the same with framing units by their text (results.is_frame: greetings, thanks) never first too;
- "claimed": no weight; a point's top unit that a sibling point ranks first with a higher score gives way to
  its next unit that no better-matched sibling ranks first.

Reports top-ranked segment linked (pooled held out, with the fold spread) and the reference document's
nDCG@5 (shipped model and the five fold models; never trained or tuned on).

Usage: python scripts/eval_rerank.py [--cache FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import Table, fit_model, load_table

from devtools.answer_data import Example, point_examples, reference_example
from devtools.evaluation import ndcg_at
from proposalnlp.matching import align_units
from proposalnlp.matching.align import answer_rows
from proposalnlp.matching.answer import MODEL_FEATURES, AnswerModel, default_answer_model
from proposalnlp.matching.results import FRAME_KINDS, is_frame

WEIGHTS = [round(float(w), 2) for w in np.linspace(0.0, 1.0, 21)]
FEATURES = {"specific": "unit_specific", "specific_bigram": "unit_specific_bigram", "names": "unit_names"}
#: (name, signal, present form, framing units by text never first)
VARIANTS = [
    ("probability, score blend", "prob", "score", False),
    ("probability, rank blend", "prob", "rank", False),
    ("probability, score blend, frame", "prob", "score", True),
    *[(f"{f}, score blend", f, "score", False) for f in FEATURES],
]


def rerank_order(scores: np.ndarray, signal: np.ndarray, can: np.ndarray, weight: float) -> np.ndarray:
    """The order of a suggestion's first units by ``(1 - weight) * score / best score + weight * signal``;
    units that may not answer after every unit that may; ties in the present order."""
    n = len(signal)
    if n < 2 or weight == 0.0:
        return np.arange(n)
    top = float(scores.max())
    rel = scores / top if top > 0 else np.zeros(n)
    key = (1.0 - weight) * rel + weight * signal
    return np.lexsort((np.arange(n), -np.where(can, key, 0.0), ~can))


@dataclass
class Ranked:
    """One suggestion's ranking as align_units gives it (present order), with the signals of its first units."""

    ids: list[str]
    scores: np.ndarray
    can: np.ndarray
    can_text: np.ndarray
    gains: dict[str, int]
    signals: dict[str, np.ndarray] = field(default_factory=dict)
    claimed_ids: list[str] = field(default_factory=list)


def _claimed_order(al: object, i: int) -> list[str]:
    ms = al.suggestions  # type: ignore[attr-defined]
    tops: dict[str, list[tuple[float, int]]] = {}
    for j, m in enumerate(ms):
        if m.ranked:
            tops.setdefault(m.ranked[0][0].id, []).append((m.ranked[0][1], j))
    m = ms[i]
    ids = [u.id for u, _ in m.ranked]
    score = {u.id: s for u, s in m.ranked}

    def claimed(uid: str) -> bool:
        return any(j != i and s > score[uid] for s, j in tops.get(uid, []))

    if ids and claimed(ids[0]):
        for k, (u, s) in enumerate(m.ranked[:4]):
            if not claimed(u.id) and u.kind not in FRAME_KINDS and s > 0:
                return [u.id, *ids[:k], *ids[k + 1 :]]
    return ids


def rankings(ex: Example, model: AnswerModel) -> list[Ranked]:
    al = align_units(ex.suggestions, ex.reply, model=model)
    rows = answer_rows(ex.suggestions, ex.reply, depth=al.thresholds.used_rank)
    out = []
    for i, (m, gains) in enumerate(zip(al.suggestions, ex.gains or [], strict=True)):
        d = min(al.thresholds.used_rank, len(m.ranked))
        can = np.array([u.kind not in FRAME_KINDS for u, _ in m.ranked[:d]])
        signals = {"prob": np.array(m.unit_probability[:d])}
        for name, feat in FEATURES.items():
            signals[name] = np.where(can, np.clip(rows.unit_rows[i][:d, MODEL_FEATURES.index(feat)], 0, 1), 0.0)
        out.append(
            Ranked(
                [u.id for u, _ in m.ranked],
                np.array([s for _, s in m.ranked[:d]]),
                can,
                can & np.array([not is_frame(u) for u, _ in m.ranked[:d]]),
                gains,
                signals,
                _claimed_order(al, i),
            )
        )
    return out


def reordered(r: Ranked, w: float, signal: str = "prob", form: str = "score", frame: bool = False) -> list[str]:
    scores = 1.0 / (1.0 + np.arange(len(r.scores))) if form == "rank" else r.scores
    order = rerank_order(scores, r.signals[signal], r.can_text if frame else r.can, w).tolist()
    return [r.ids[i] for i in order] + r.ids[len(order) :]


def top1(rs: list[Ranked], w: float, *variant: object) -> float:
    linked = [r for r in rs if r.gains]
    return float(np.mean([reordered(r, w, *variant)[0] in r.gains for r in linked])) if linked else float("nan")  # type: ignore[arg-type]


def ndcg(rs: list[Ranked], w: float, *variant: object) -> float:
    return float(np.mean([ndcg_at(reordered(r, w, *variant), r.gains) for r in rs]))  # type: ignore[arg-type]


def choose(rs: list[Ranked], *variant: object) -> float:
    """The weight with the best top-1 on ``rs`` (ties to the smallest: closest to the present ranking)."""
    return max(WEIGHTS, key=lambda w: (top1(rs, w, *variant), -w))


def main() -> None:
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    t: Table = load_table(args.cache)
    points = point_examples()
    ref = reference_example()
    chosen: dict[str, list[float]] = {v[0]: [] for v in VARIANTS}
    folds: list[list[Ranked]] = []
    fold_models = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=args.folds).split(t.x, t.y, t.group)):
        train = t.take(np.isin(np.arange(len(t.y)), tr))
        model = fit_model(train)
        fold_models.append(model)
        test_groups = {str(g) for g in t.group[te]}
        # each training point scored by an inner model that did not see its message
        inner_rs: list[Ranked] = []
        for itr, ite in GroupKFold(n_splits=3).split(train.x, train.y, train.group):
            im = fit_model(train.take(np.isin(np.arange(len(train.y)), itr)), siblings=False)
            inner_groups = {str(g) for g in train.group[ite]}
            inner_rs += [r for ex in points if ex.group in inner_groups for r in rankings(ex, im)]
        rs = [r for ex in points if ex.group in test_groups for r in rankings(ex, model)]
        folds.append(rs)
        line = f"  fold {k}: {sum(bool(r.gains) for r in rs)} linked held out, present {top1(rs, 0.0):.3f}"
        for name, *variant in VARIANTS:
            w = choose(inner_rs, *variant)
            chosen[name].append(w)
            line += f" | {name} w={w} {top1(rs, w, *variant):.3f}"
        print(line, flush=True)

    def pooled(name: str | None, variant: tuple[object, ...], fixed: float | None = None) -> str:
        hits: list[bool] = []
        per: list[float] = []
        for k, rs in enumerate(folds):
            w = fixed if fixed is not None else chosen[str(name)][k]
            h = [reordered(r, w, *variant)[0] in r.gains for r in rs if r.gains]  # type: ignore[arg-type]
            hits += h
            per.append(float(np.mean(h)))
        return f"{np.mean(hits):.3f} (folds {min(per):.3f}-{max(per):.3f})"

    def claimed_fig(rs_all: list[list[Ranked]]) -> str:
        per = [float(np.mean([r.claimed_ids[0] in r.gains for r in rs if r.gains])) for rs in rs_all]
        hits = [r.claimed_ids[0] in r.gains for rs in rs_all for r in rs if r.gains]
        return f"{np.mean(hits):.3f} (folds {min(per):.3f}-{max(per):.3f})"

    print("\n== Point level: top-ranked segment linked, held out (pooled over folds; target >= 0.75) ==")
    print(f"  {'present ranking':<40} {pooled(None, (), 0.0)}")
    print(f"  {'probability re-rank (weight 1)':<40} {pooled(None, ('prob', 'score', False), 1.0)}")
    print(f"  {'probability re-rank, frame (weight 1)':<40} {pooled(None, ('prob', 'score', True), 1.0)}")
    for name, *variant in VARIANTS:
        print(f"  {name:<40} {pooled(name, tuple(variant))}  weight per fold {chosen[name]}")
    print(f"  {'claimed by a better-matched sibling':<40} {claimed_fig(folds)}")
    print("  every weight of the grid (held out, for reading only; not a choice):")
    for name, *variant in VARIANTS:
        print(f"    {name}: " + " ".join(f"{w}:{pooled(None, tuple(variant), w)[:5]}" for w in WEIGHTS[::2]))
    print("\n== Reference document nDCG@5 (never trained or tuned on; target >= 0.80) ==")
    shipped = rankings(ref, default_answer_model())
    by_fold = [rankings(ref, m) for m in fold_models]
    print(f"  {'present':<40} {ndcg(shipped, 0.0):.3f}  top-1 linked {top1(shipped, 0.0):.3f}")
    for name, *variant in VARIANTS:
        w = float(np.median(chosen[name]))
        per = [ndcg(fr, w, *variant) for fr in by_fold]
        print(
            f"  {name:<40} w={w}: shipped model {ndcg(shipped, w, *variant):.3f}  fold models "
            f"{min(per):.3f}-{max(per):.3f}; grid "
            + " ".join(f"{x}:{ndcg(shipped, x, *variant):.3f}" for x in WEIGHTS[::2])
        )
    claimed_nd = np.mean([ndcg_at(r.claimed_ids, r.gains) for r in shipped])
    print(f"  {'claimed by a better-matched sibling':<40} {claimed_nd:.3f}")


if __name__ == "__main__":
    main()
