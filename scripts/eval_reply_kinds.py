"""What the Teddy "own replies" are (issue 12): the answer model's held-out verdicts per hand label.

The labels (devtools/data/teddy_reply_kinds.json, loaded by devtools.answer_data.reply_kinds) say, for a
seeded sample of 250 of the 1,000 Teddy messages, what its own reply does (answer / forwarded / referral /
mismatch, with a ``partial`` flag) and whether its close-topic other reply in fact answers it too. The
probabilities are the out-of-fold ones of scripts/eval_verdicts.py: 5-fold GroupKFold by message over the
featurized table, ``fit_model`` inside each training fold, each row judged by the model of the fold that held
it out against that model's own ``partly`` cut. No choice here is made on the labels: they only split the
held-out verdicts into groups.

The last figure (balanced accuracy with forwarded / mismatch own replies and answering close replies left
out) is a re-scoring of those held-out verdicts on the 250-message sample, not a new evaluation.

Usage: python scripts/eval_reply_kinds.py [--cache FILE] [--probs FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import Table, fit_model, load_table

from devtools.answer_data import CLOSE_KINDS, OWN_KINDS, reply_kinds
from devtools.evaluation import teddy_message_replies

DEFAULT_CACHE = Path("/tmp/s7maxp_table.npz")
#: replies shorter than this (characters, stripped) are "short", as in the issue's first look
SHORT = 100


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a share k / n."""
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    d = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, mid - half), min(1.0, mid + half)


def oof_probabilities(t: Table, folds: int) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold probabilities and the partly cut of the model that held each row out (as eval_verdicts)."""
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(t.y))
    partly = np.zeros(len(t.y))
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(t.x, t.y, t.group)):
        train = t.take(np.isin(np.arange(len(t.y)), tr))
        model = fit_model(train, inner={})
        p[te] = model.predict_proba(t.x[te])
        partly[te] = model.partly
        print(f"  fold {k}: partly={model.partly:.3f}", flush=True)
    return p, partly


def load_probabilities(t: Table, folds: int, path: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """The out-of-fold probabilities, cached in ``path`` (recomputed when absent or of another table)."""
    if path is not None and path.is_file():
        z = np.load(path, allow_pickle=False)
        if len(z["p"]) == len(t.y) and int(z["folds"]) == folds:
            return z["p"], z["partly"]
    p, partly = oof_probabilities(t, folds)
    if path is not None:
        np.savez(path, p=p, partly=partly, folds=folds)
    return p, partly


def share(k: int, n: int) -> str:
    if n == 0:
        return "n/a"
    lo, hi = wilson(k, n)
    return f"{k / n:.3f} [{lo:.3f}, {hi:.3f}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="featurized examples (.npz, read only)")
    ap.add_argument("--probs", type=Path, default=None, help="out-of-fold probabilities (.npz), reused when present")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    if not args.cache.is_file():
        raise SystemExit(f"no featurized table at {args.cache}: run scripts/eval_verdicts.py --cache {args.cache}")
    t = load_table(args.cache)
    p, partly = load_probabilities(t, args.folds, args.probs)
    ok = p >= partly  # "not unanswered"
    own_ok = {str(g): bool(o) for g, o, k in zip(t.group, ok, t.kind, strict=True) if k == "own"}
    close_ok = {str(g): bool(o) for g, o, k in zip(t.group, ok, t.kind, strict=True) if k == "close"}
    labels = reply_kinds()
    missing = sorted(set(labels) - set(own_ok))
    if missing:
        raise SystemExit(f"labelled ids not in the table: {missing[:5]}")
    ids = sorted(labels)

    def bal(own_ids: list[str], close_ids: list[str]) -> str:
        sens = float(np.mean([own_ok[i] for i in own_ids]))
        spec = float(np.mean([not close_ok[i] for i in close_ids]))
        return (
            f"own not unanswered {sens:.3f} (n={len(own_ids)})  close unanswered {spec:.3f} (n={len(close_ids)})"
            f"  balanced accuracy {0.5 * (sens + spec):.3f}"
        )

    print(f"\n== Held-out verdicts ({args.folds}-fold CV grouped by message), all 1,000 messages and the sample ==")
    print(f"  all 1,000          {bal(sorted(own_ok), sorted(close_ok))}")
    print(f"  labelled 250       {bal(ids, ids)}")
    rest = sorted(set(own_ok) - set(labels))
    print(f"  the other {len(rest)}      {bal(rest, rest)}")

    n = len(ids)
    print("\n== Own replies by label (share of the sample with a 95% Wilson interval; the model's held-out call) ==")
    print(f"  {'label':<20} {'count':>5}  {'share [95% CI]':<24} model: not unanswered")
    groups: dict[str, list[str]] = {}
    for i in ids:
        lab = labels[i]
        groups.setdefault(lab.own + (" + partial" if lab.partial else ""), []).append(i)
    for kind in OWN_KINDS:
        for name in (kind, kind + " + partial"):
            g = groups.get(name, [])
            if g:
                hit = sum(own_ok[i] for i in g)
                print(f"  {name:<20} {len(g):>5}  {share(len(g), n):<24} {hit}/{len(g)} = {hit / len(g):.3f}")
    for kind in OWN_KINDS:
        g = [i for i in ids if labels[i].own == kind]
        print(f"  all {kind:<16} {len(g):>5}  {share(len(g), n)}")

    rows = {r["id"]: r for r in teddy_message_replies()}
    short = [i for i in ids if len(rows[i]["reply"].strip()) < SHORT]
    print(f"\n== Own replies under {SHORT} characters in the sample: {len(short)} ==")
    for kind in OWN_KINDS:
        g = [i for i in short if labels[i].own == kind]
        if g:
            hit = sum(own_ok[i] for i in g)
            print(f"  {kind:<10} {len(g):>4}  model: not unanswered {hit}/{len(g)}")
    missed = [i for i in ids if not own_ok[i]]
    n_short = sum(i in short for i in missed)
    print(f"  of the model's {len(missed)} missed own replies in the sample, {n_short} are short")

    print(
        "  the model's misses in the sample by label: "
        + ", ".join(f"{k} {sum(labels[i].own == k for i in missed)}" for k in OWN_KINDS)
    )

    print("\n== Sensitivity restricted to own replies that answer ==")
    full = [i for i in ids if labels[i].own == "answer" and not labels[i].partial]
    some = [i for i in ids if labels[i].own == "answer"]
    for name, g in (("answer (not partial)", full), ("answer + partial", some)):
        hit = sum(own_ok[i] for i in g)
        print(f"  {name:<22} not unanswered {hit}/{len(g)} = {share(hit, len(g))}")

    print("\n== Close-topic other replies by label (the model should call them unanswered) ==")
    for kind in CLOSE_KINDS:
        g = [i for i in ids if labels[i].close == kind]
        hit = sum(not close_ok[i] for i in g)
        print(f"  {kind:<8} {len(g):>4}  {share(len(g), n):<24} model unanswered {hit}/{max(len(g), 1)}")

    print("\n== Re-scoring on the 250-message sample (not a new evaluation) ==")
    own_keep = [i for i in ids if labels[i].own not in ("forwarded", "mismatch")]
    own_strict = [i for i in ids if labels[i].own == "answer"]
    close_keep = [i for i in ids if labels[i].close != "answers"]
    print(f"  as labelled, no exclusion                          {bal(ids, ids)}")
    print(f"  without forwarded/mismatch own, answering close    {bal(own_keep, close_keep)}")
    print(f"  own 'answer' (+partial) only, answering close out  {bal(own_strict, close_keep)}")


if __name__ == "__main__":
    main()
