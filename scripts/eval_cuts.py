"""How stable is the choice of the ``partly`` cut? Today's rule beside the others of CUT_RULES (model card, round 17).

The trees, their calibration and the inner out-of-fold probabilities do not depend on how the cut is read off
the curve, so each model is trained once and every rule of ``train_answer_model.CUT_RULES`` chooses its cut
(and, at that cut, ``answered`` and the sibling ratio by the unchanged rules) on the same inner out-of-fold
probabilities of the training rows:

1. the 5 folds of ``eval_verdicts.py`` (grouped by message, all 1,000 messages): each fold's cut and the pooled
   held-out verdict figures (Teddy own / close-topic / random, points with the sibling rule);
2. 10 seeded 90% draws of the 800 training messages (``numpy.random.default_rng(seed)``, seeds 0-9, as round 15
   did): the spread of each rule's cut and of its balanced accuracy on the held-out 200;
3. the shipped procedure on all 800 training messages: its cuts and the held-out 200 under each rule.

Usage: python scripts/eval_cuts.py [--cache FILE] [--draws 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import (
    CUT_RULES,
    Table,
    balanced,
    choose_sibling_ratio,
    choose_thresholds,
    fit_model,
    load_table,
    sibling_lifts,
)

from devtools.answer_data import holdout_ids
from devtools.evaluation import teddy_message_replies


def _cuts(train: Table, p_inner: np.ndarray) -> dict[str, tuple[float, float, float | None]]:
    """(partly, answered, sibling ratio) of each rule from the inner out-of-fold probabilities of ``train``."""
    out: dict[str, tuple[float, float, float | None]] = {}
    for rule in CUT_RULES:
        answered, partly = choose_thresholds(p_inner, train, rule)
        out[rule] = (partly, answered, choose_sibling_ratio(train, p_inner, partly))
    return out


def _teddy(p: np.ndarray, t: Table, partly: np.ndarray) -> tuple[float, float, float, float]:
    ok = p >= partly
    own, close, rnd = ok[t.kind == "own"], ok[t.kind == "close"], ok[t.kind == "random"]
    return float(own.mean()), float(1 - close.mean()), 0.5 * float(own.mean() + 1 - close.mean()), float(1 - rnd.mean())


def cross_validation(t: Table, folds: int) -> None:
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(t.y))
    partly = {r: np.zeros(len(t.y)) for r in CUT_RULES}
    ok_sib = {r: np.zeros(len(t.y), dtype=bool) for r in CUT_RULES}
    per_fold: dict[str, list[tuple[float, float, float | None, float]]] = {r: [] for r in CUT_RULES}
    for tr, te in GroupKFold(n_splits=folds).split(t.x, t.y, t.group):
        train = t.take(np.isin(np.arange(len(t.y)), tr))
        test = t.take(np.isin(np.arange(len(t.y)), te))
        inner: dict[str, np.ndarray] = {}
        model = fit_model(train, inner=inner)
        p[te] = model.predict_proba(t.x[te])
        for rule, (c, a, ratio) in _cuts(train, inner["p"]).items():
            partly[rule][te] = c
            ok_sib[rule][te] = (p[te] >= c) | sibling_lifts(test, p[te], c, ratio)
            per_fold[rule].append((c, a, ratio, _teddy(p[te], test, np.full(len(te), c))[2]))
    print(f"== {folds}-fold CV grouped by message (the folds of eval_verdicts.py; held-out figures) ==")
    pts = t.kind == "points"
    linked, unlinked = pts & (t.y == 1), pts & (t.y == 0)
    for rule in CUT_RULES:
        own, close, bal, rnd = _teddy(p, t, partly[rule])
        f = per_fold[rule]
        ok = ok_sib[rule]
        print(
            f"  {rule:<9} own not unanswered {own:.3f}  close-topic unanswered {close:.3f}  balanced {bal:.3f} "
            f"(folds {min(x[3] for x in f):.3f}-{max(x[3] for x in f):.3f})  random unanswered {rnd:.3f}  "
            f"points + siblings: linked unanswered {1 - ok[linked].mean():.3f}  "
            f"unlinked unanswered {1 - ok[unlinked].mean():.3f}"
        )
        print(
            f"            partly per fold {[round(x[0], 3) for x in f]}  answered {[round(x[1], 3) for x in f]}  "
            f"ratio {[x[2] for x in f]}  balanced per fold {[round(x[3], 3) for x in f]}"
        )


def draws(t: Table, n: int) -> None:
    rows = teddy_message_replies()
    held = sorted(holdout_ids(rows))
    test = t.take(np.isin(t.group, held))
    train = t.take(~np.isin(t.group, held))
    msgs = np.array(sorted(set(train.group.tolist())))
    rec: dict[str, list[tuple[float, float, float | None, float, float]]] = {r: [] for r in CUT_RULES}

    def score(model_train: Table) -> None:
        inner: dict[str, np.ndarray] = {}
        model = fit_model(model_train, inner=inner)
        p = model.predict_proba(test.x)
        own, close, rnd = p[test.kind == "own"], p[test.kind == "close"], p[test.kind == "random"]
        for rule, (c, a, ratio) in _cuts(model_train, inner["p"]).items():
            rec[rule].append((c, a, ratio, balanced(own, close, c), float((rnd < c).mean())))

    print("\n== The shipped procedure on all 800 training messages, held-out 200 (read, not tuned on) ==")
    score(train)
    for rule in CUT_RULES:
        c, a, ratio, bal, rnd = rec[rule].pop()
        print(f"  {rule:<9} partly {c:.3f}  answered {a:.3f}  ratio {ratio}  balanced {bal:.3f}  random {rnd:.3f}")
    print(f"\n== {n} seeded 90% draws of the 800 training messages (seeds 0-{n - 1}); held-out 200 ==")
    for seed in range(n):
        keep = np.random.default_rng(seed).choice(msgs, int(0.9 * len(msgs)), replace=False)
        score(train.take(np.isin(train.group, keep)))
        print(
            f"  seed {seed}: "
            + "  ".join(f"{r} {rec[r][-1][0]:.3f}/{rec[r][-1][3]:.3f}" for r in CUT_RULES)
            + "  (partly / balanced)",
            flush=True,
        )
    for rule in CUT_RULES:
        c = np.array([x[0] for x in rec[rule]])
        a = np.array([x[1] for x in rec[rule]])
        b = np.array([x[3] for x in rec[rule]])
        r = np.array([x[4] for x in rec[rule]])
        print(
            f"  {rule:<9} partly {c.min():.3f}-{c.max():.3f} (sd {c.std():.3f})  answered {a.min():.3f}-{a.max():.3f} "
            f"(sd {a.std():.3f})  ratio {sorted({x[2] for x in rec[rule]}, key=str)}  held-out balanced "
            f"{b.min():.3f}-{b.max():.3f} (mean {b.mean():.3f}, sd {b.std():.3f})  random {r.min():.3f}-{r.max():.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="featurized examples (.npz), reused when present")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--draws", type=int, default=10)
    args = ap.parse_args()
    t = load_table(args.cache)
    cross_validation(t, args.folds)
    draws(t, args.draws)


if __name__ == "__main__":
    main()
