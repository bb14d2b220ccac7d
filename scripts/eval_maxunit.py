"""The verdict from the best unit by the model (issue 12, round 10), every figure held out.

match() gives a suggestion's verdict from the answer model's probability ``p`` with its best unit BY RANKING
SCORE (and its part of the reply); it also scores the pair with each of its first ``Thresholds.used_rank`` (4)
ranked units alone (``SuggestionMatch.unit_probability``). Here the verdict reads instead
``p_max = max(p, the unit probability of each of those units that may answer)`` (openings and closings
excluded, as match() excludes them).

In the 5 folds of scripts/eval_verdicts.py (grouped by message), the fold model is trained on the training
folds by the shipped procedure (train_answer_model.fit_model). Every cut for ``p_max`` is chosen on the inner
out-of-fold probabilities of the training rows: fit_model's own inner models (3 folds grouped by message, its
learning rate and Platt scaling), refitted here the same way (deterministic; checked against fit_model's) and
applied to the unit rows too. Variants, each with and without the sibling rule (which then reads the variant's
probability and cut; its support and best unit stay the ranking's):

- a. ``p`` with the shipped threshold (the shipped verdict, the baseline);
- b. ``p_max`` with the shipped threshold;
- c. ``p_max`` with thresholds and sibling ratio of its own (choose_thresholds, choose_sibling_ratio on p_max);
- e. ``p_max`` for a request among several (points, a proposal's suggestions), ``p`` for a single request,
  shipped threshold;
- f. as e, with a cut of its own for requests among several (balanced accuracy of linked vs unlinked
  training points, ties to the lowest) and the sibling ratio chosen with it.

Held-out figures: Teddy own / close-topic / balanced / random, points linked / unlinked unanswered, and (with
``--sentences-cache``) a message's sentences as several requests. Then the shipped procedure on the 800
training messages (the shipped model's figures on its held-out 200 under each variant) and the never-tuned
documents (reference document, reply pages, bundled example) with the shipped model and those choices.

Model rows: by default match()'s own (``answer_rows`` with depth 4, as align_units computes them); with
``--rows`` eval_verdicts.py's cache (the training script's rows, depth 1: their two cosine features differ
slightly, the retrieval IDF being fitted on the units scored), which reproduces eval_verdicts.py's setting.

Usage: python scripts/eval_maxunit.py [--cache FILE] [--rows FILE] [--sentences-cache FILE] [--folds 5]
       [--only teddy|documents]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import (
    FIELDS,
    Table,
    _fit,
    balanced,
    choose_sibling_ratio,
    choose_thresholds,
    fit_model,
    load_table,
    sibling_lifts,
)

from devtools.answer_data import (
    Example,
    holdout_ids,
    point_examples,
    reference_example,
    reply_page_examples,
    sentence_examples,
    teddy_examples,
)
from devtools.evaluation import auc, teddy_message_replies
from proposalnlp.matching.align import _answer_kinds, _rank, answer_rows, match_units, score_units
from proposalnlp.matching.answer import LOCAL_UNITS, MODEL_FEATURES, AnswerModel, default_answer_model
from proposalnlp.matching.results import Thresholds, Unit
from proposalnlp.matching.siblings import sibling_lift

DEPTH = Thresholds.used_rank
UNIT_SUPPORT = MODEL_FEATURES.index("unit_support")


@dataclass
class Units:
    """Per row of a Table: the model rows of its first DEPTH ranked units alone, and which may answer."""

    rows: np.ndarray  # (n, DEPTH, features)
    ok: np.ndarray  # (n, DEPTH) bool


@dataclass
class Doc:
    """One document's suggestions: model rows, unit rows, what the sibling rule reads."""

    x: np.ndarray
    units: Units
    support: np.ndarray
    best: list[int | None]
    best_score: np.ndarray


def doc_rows(suggestions: list[Unit], reply: list[Unit]) -> Doc:
    """The model rows of each suggestion (as train_answer_model.featurize) with its unit rows."""
    keep = min(max(DEPTH, LOCAL_UNITS), len(reply))
    ranked = _rank(suggestions, reply, None, None, keep)
    rows = answer_rows(suggestions, reply, ranked, DEPTH)
    scores, _ = score_units(suggestions, reply)
    can = _answer_kinds(reply)
    n = len(suggestions)
    u = np.zeros((n, DEPTH, len(MODEL_FEATURES)))
    ok = np.zeros((n, DEPTH), dtype=bool)
    for i, rk in enumerate(ranked):
        d = len(rows.unit_rows[i])
        u[i, :d] = rows.unit_rows[i]
        ok[i, :d] = can[rk.cols[:d]]
    bs = np.array([0.0 if b is None else float(scores[i, b]) for i, b in enumerate(rows.best)])
    return Doc(rows.rows, Units(u, ok), rows.rows[:, UNIT_SUPPORT], list(rows.best), bs)


def featurize(examples: list[Example]) -> tuple[Table, Units]:
    xs, ys, gs, grs, ks, sup, exs, bests, bscores, us, oks = [], [], [], [], [], [], [], [], [], [], []
    for k, ex in enumerate(examples):
        d = doc_rows(ex.suggestions, ex.reply)
        _, evidence = score_units(ex.suggestions, ex.reply)
        xs.append(d.x)
        us.append(d.units.rows)
        oks.append(d.units.ok)
        ys += ex.labels
        grs += ex.grades
        gs += [ex.group] * len(ex.suggestions)
        ks += [ex.kind] * len(ex.suggestions)
        sup += evidence.max(axis=1).tolist()
        exs += [k] * len(ex.suggestions)
        bests += [-1 if b is None else b for b in d.best]
        bscores += d.best_score.tolist()
    t = Table(
        np.vstack(xs),
        np.array(ys),
        np.array(grs),
        np.array(gs),
        np.array(ks),
        np.array(sup, dtype=float),
        np.array(exs),
        np.array(bests),
        np.array(bscores, dtype=float),
    )
    return t, Units(np.concatenate(us), np.concatenate(oks))


def load(cache: Path | None, sentences: bool = False) -> tuple[Table, Units]:
    """Teddy triples and points of all 1,000 messages with their unit rows (cached in ``cache``, a file of its
    own: eval_verdicts.py's cache holds no unit rows); with ``sentences``, the sentence-level examples."""
    if cache is not None and cache.is_file():
        z = np.load(cache, allow_pickle=False)
        return Table(*(z[f] for f in FIELDS)), Units(z["unit_rows"], z["unit_ok"])
    t, u = featurize(sentence_examples() if sentences else teddy_examples() + point_examples())
    if cache is not None:
        np.savez(cache, unit_rows=u.rows, unit_ok=u.ok, **{f: getattr(t, f) for f in FIELDS})
    return t, u


def unit_max(p: np.ndarray, up: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """p_max: the larger of p and the unit probabilities of the units that may answer."""
    return np.maximum(p, np.where(ok, up, 0.0).max(axis=1))


def model_pmax(model: AnswerModel, x: np.ndarray, u: Units) -> tuple[np.ndarray, np.ndarray]:
    """(p, p_max) of rows ``x`` with unit rows ``u`` by ``model``."""
    n = len(x)
    p = model.predict_proba(x)
    up = model.predict_proba(u.rows.reshape(n * DEPTH, -1)).reshape(n, DEPTH)
    return p, unit_max(p, up, u.ok)


def inner_pmax(t: Table, u: Units, model: AnswerModel, inner_p: np.ndarray) -> np.ndarray:
    """The inner out-of-fold p_max of ``t``'s rows: fit_model's inner models (same folds, learning rate and
    Platt scaling) refitted and applied to the rows and the unit rows; checks that the rows' probabilities
    are fit_model's own."""
    from sklearn.model_selection import GroupKFold

    a, b = model.calibration
    c = float(model.manifest["hyperparameter"])
    n = len(t.y)
    p = np.zeros(n)
    up = np.zeros((n, DEPTH))
    for tr, te in GroupKFold(n_splits=3).split(t.x, t.y, t.group):
        m = _fit(model.kind, t.x[tr], t.y[tr], c)
        raw = m.decision(np.concatenate([t.x[te], u.rows[te].reshape(len(te) * DEPTH, -1)]))
        pr = 1.0 / (1.0 + np.exp(-(a * raw + b)))
        p[te] = pr[: len(te)]
        up[te] = pr[len(te) :].reshape(len(te), DEPTH)
    if not np.allclose(p, inner_p, atol=1e-9):
        raise RuntimeError("the refitted inner models differ from fit_model's")
    return unit_max(p, up, u.ok)


def figures(ok: np.ndarray, t: Table) -> dict[str, float]:
    """Held-out figures from "not unanswered" calls ``ok`` of the rows of ``t``."""
    own, close, rnd = ok[t.kind == "own"], ok[t.kind == "close"], ok[t.kind == "random"]
    pts = t.kind == "points"
    linked, unlinked = pts & (t.y == 1), pts & (t.y == 0)
    return {
        "own": float(own.mean()),
        "close_un": float(1 - close.mean()),
        "balanced": 0.5 * (float(own.mean()) + float(1 - close.mean())),
        "random_un": float(1 - rnd.mean()),
        "linked_un": float(1 - ok[linked].mean()),
        "unlinked_un": float(1 - ok[unlinked].mean()),
    }


VARIANTS = (
    "a. p, shipped threshold",
    "b. p_max, shipped threshold",
    "c. p_max, own threshold",
    "e. p_max among several, shipped thr.",
    "f. p_max among several, points' cut",
)
SEVERAL = MODEL_FEATURES.index("several")


def several_max(x: np.ndarray, p: np.ndarray, pm: np.ndarray) -> np.ndarray:
    """p_max for a request among several (points, a proposal's suggestions), p for a single one."""
    return np.where(x[:, SEVERAL] > 0.5, pm, p)


@dataclass
class Choices:
    """What a training set chose for p_max: own thresholds and ratio (c), points' cut and ratio (f)."""

    partly: float
    answered: float
    ratio: float | None
    points_cut: float
    points_ratio: float | None


def choose(train: Table, inner_p: np.ndarray, ipm: np.ndarray) -> Choices:
    """The choices for p_max from inner out-of-fold probabilities of the training rows: (c) the shipped
    procedure's thresholds and ratio on p_max; (f) for requests among several, the cut on p_max that maximises
    the balanced accuracy of linked vs unlinked training points (ties to the lowest), then the ratio."""
    answered, partly = choose_thresholds(ipm, train)
    ratio = choose_sibling_ratio(train, ipm, partly)
    pts = train.kind == "points"
    q = several_max(train.x, inner_p, ipm)
    cut = best_cut(q[pts], train.y[pts])
    return Choices(partly, answered, ratio, cut, choose_sibling_ratio(train, q, cut))


def best_cut(scores: np.ndarray, y: np.ndarray) -> float:
    """The cut on ``scores`` with the best balanced accuracy of y = 1 at or above it, y = 0 below (lowest)."""
    grid = np.unique(np.round(scores, 3))
    return float(max(grid, key=lambda c: (balanced(scores[y == 1], scores[y == 0], c), -c)))


def settings(
    model: AnswerModel, x: np.ndarray, p: np.ndarray, pm: np.ndarray, ch: Choices
) -> dict[str, tuple[np.ndarray, np.ndarray, float, float | None, float]]:
    """Per variant: (probability, cut per row, the cut the sibling rule reads, its ratio, answered)."""
    n = len(p)
    ship = np.full(n, model.partly)
    sev = several_max(x, p, pm)
    many = x[:, SEVERAL] > 0.5
    return {
        VARIANTS[0]: (p, ship, model.partly, model.sibling_ratio, model.answered),
        VARIANTS[1]: (pm, ship, model.partly, model.sibling_ratio, model.answered),
        VARIANTS[2]: (pm, np.full(n, ch.partly), ch.partly, ch.ratio, max(ch.answered, ch.partly)),
        VARIANTS[3]: (sev, ship, model.partly, model.sibling_ratio, model.answered),
        # the sibling rule applies to requests among several only: it reads the points' cut
        VARIANTS[4]: (
            sev,
            np.where(many, ch.points_cut, model.partly),
            ch.points_cut,
            ch.points_ratio,
            max(model.answered, ch.points_cut),
        ),
    }


def run_cv(t: Table, u: Units, folds: int, sent: tuple[Table, Units] | None = None) -> None:
    from sklearn.model_selection import GroupKFold

    n = len(t.y)
    ns = len(sent[0].y) if sent is not None else 0
    sok = {(v, s): np.zeros(ns, dtype=bool) for v in VARIANTS for s in (False, True)}
    p_all, pm_all = np.zeros(n), np.zeros(n)
    ok = {(v, s): np.zeros(n, dtype=bool) for v in VARIANTS for s in (False, True)}
    per_fold: dict[tuple[str, bool], list[float]] = {k: [] for k in ok}
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(t.x, t.y, t.group)):
        mtr, mte = np.isin(np.arange(n), tr), np.isin(np.arange(n), te)
        train, test = t.take(mtr), t.take(mte)
        utr, ute = Units(u.rows[mtr], u.ok[mtr]), Units(u.rows[mte], u.ok[mte])
        inner: dict[str, np.ndarray] = {}
        model = fit_model(train, inner=inner)
        ipm = inner_pmax(train, utr, model, inner["p"])
        ch = choose(train, inner["p"], ipm)
        p, pm = model_pmax(model, test.x, ute)
        p_all[mte], pm_all[mte] = p, pm
        for v, (q, cut, scut, ratio, _) in settings(model, test.x, p, pm, ch).items():
            base = q >= cut
            for s in (False, True):
                got = base | sibling_lifts(test, q, scut, ratio) if s else base
                ok[(v, s)][mte] = got
                per_fold[(v, s)].append(figures(got, test)["balanced"])
        if sent is not None:
            st, su = sent
            sm = np.isin(st.group, sorted({str(g) for g in test.group}))
            stest = st.take(sm)
            sp, spm = model_pmax(model, stest.x, Units(su.rows[sm], su.ok[sm]))
            for v, (q, cut, scut, ratio, _) in settings(model, stest.x, sp, spm, ch).items():
                for s in (False, True):
                    sok[(v, s)][sm] = (q >= cut) | (sibling_lifts(stest, q, scut, ratio) if s else False)
        print(
            f"  fold {k}: shipped partly {model.partly:.3f} answered {model.answered:.3f} ratio {model.sibling_ratio}"
            f" | p_max: partly {ch.partly:.3f} answered {ch.answered:.3f} ratio {ch.ratio}"
            f" | points' cut {ch.points_cut:.3f} ratio {ch.points_ratio}"
            f" | inner balanced p {figures(inner['p'] >= model.partly, train)['balanced']:.3f}"
            f" p_max {figures(ipm >= ch.partly, train)['balanced']:.3f}",
            flush=True,
        )
    print(
        f"\n== Held out, {folds}-fold CV grouped by message (bars: balanced >= 0.85, random unanswered >= 0.98, "
        "linked points unanswered <= 0.15, unlinked unanswered >= 0.70) =="
    )
    print(f"  {'variant':<40} {'siblings':<9} own   close  balanced (folds)      random  linked unlinked")
    for v in VARIANTS:
        for s in (False, True):
            f = figures(ok[(v, s)], t)
            pf = per_fold[(v, s)]
            print(
                f"  {v:<40} {'yes' if s else 'no':<9} {f['own']:.3f} {f['close_un']:.3f}  {f['balanced']:.3f} "
                f"({min(pf):.3f}-{max(pf):.3f})  {f['random_un']:.3f}   {f['linked_un']:.3f}  {f['unlinked_un']:.3f}"
            )
    if sent is not None:
        print("  sentences of a held-out message as several requests (labels noisy):")
        sown, sclose = sent[0].kind == "sent_own", sent[0].kind == "sent_close"
        for v in VARIANTS:
            for s in (False, True):
                g = sok[(v, s)]
                print(
                    f"    {v:<38} {'yes' if s else 'no':<4} own reply not unanswered {g[sown].mean():.3f}  "
                    f"close-topic reply unanswered {1 - g[sclose].mean():.3f}"
                )
    own, close, rnd = (t.kind == k for k in ("own", "close", "random"))
    pts = t.kind == "points"
    print("  AUC, pooled held-out probabilities:")
    for name, q in (("p", p_all), ("p_max", pm_all)):
        print(
            f"    {name:<6} own vs close {auc(q[own], q[close]):.3f}  own vs random {auc(q[own], q[rnd]):.3f}  "
            f"linked vs unlinked points {auc(q[pts & (t.y == 1)], q[pts & (t.y == 0)]):.3f}"
        )
    moved = pm_all > p_all + 1e-12
    print(
        f"  rows where p_max > p: own {moved[own].mean():.3f}  close {moved[close].mean():.3f}  "
        f"random {moved[rnd].mean():.3f}  points {moved[pts].mean():.3f}"
    )


def shipped_choices(t: Table, u: Units) -> Choices:
    """The choices for p_max by the shipped procedure on the 800 training messages; figures of the shipped
    model on the held-out 200 (never seen in its training or choices)."""
    rows = teddy_message_replies()
    held = holdout_ids(rows)
    mask = ~np.isin(t.group, sorted(held))
    train = t.take(mask)
    inner: dict[str, np.ndarray] = {}
    model = fit_model(train, inner=inner)
    shipped = default_answer_model()
    same = np.allclose(model.predict_proba(t.x[:200]), shipped.predict_proba(t.x[:200]))
    print(
        f"  refit on the 800: partly {model.partly:.3f} ratio {model.sibling_ratio} "
        f"(shipped: {shipped.partly:.3f}, {shipped.sibling_ratio}; same probabilities: {same})"
    )
    ipm = inner_pmax(train, Units(u.rows[mask], u.ok[mask]), model, inner["p"])
    ch = choose(train, inner["p"], ipm)
    print(f"  chosen for p_max: {ch}")
    test = t.take(~mask)
    p, pm = model_pmax(shipped, test.x, Units(u.rows[~mask], u.ok[~mask]))
    for v, (q, cut, scut, ratio, _) in settings(shipped, test.x, p, pm, ch).items():
        base = q >= cut
        f0, f1 = figures(base, test), figures(base | sibling_lifts(test, q, scut, ratio), test)
        print(
            f"  held-out 200, {v:<38} own {f0['own']:.3f} close_un {f0['close_un']:.3f} "
            f"balanced {f0['balanced']:.3f} random_un {f0['random_un']:.3f} | points linked_un "
            f"{f0['linked_un']:.3f} -> {f1['linked_un']:.3f} with siblings, unlinked_un {f1['unlinked_un']:.3f}"
        )
    return ch


def doc_verdicts(sugg: list[Unit], reply: list[Unit], model: AnswerModel, ch: Choices) -> list[str]:
    """Per suggestion: p, p_max and the verdict of each variant (* = sibling rule)."""
    d = doc_rows(sugg, reply)
    p, pm = model_pmax(model, d.x, d.units)
    cols = []
    for q, cut, scut, ratio, answered in settings(model, d.x, p, pm, ch).values():
        lift = (
            sibling_lift(q, d.support, d.best, d.best_score, scut, ratio) if len(sugg) > 1 else np.zeros(len(q), bool)
        )
        cols.append(
            ["partly*" if lift[i] else model.verdict(float(q[i]), answered, float(cut[i])) for i in range(len(q))]
        )
    return [f"p {p[i]:.3f} p_max {pm[i]:.3f} " + " ".join(f"{c[i]:<11}" for c in cols) for i in range(len(sugg))]


def documents(ch: Choices) -> None:
    from importlib import resources

    model = default_answer_model()
    print("\n== Never trained or tuned on (shipped model; * = sibling rule; verdicts of a, b, c, e, f) ==")
    ref = reference_example()
    print("  reference document (gold: S1-S3 answered, S4 partly)")
    for s, g, line in zip(
        ref.suggestions, ref.grades, doc_verdicts(ref.suggestions, ref.reply, model, ch), strict=True
    ):
        print(f"    {s.id:<6} gold {['unanswered', 'partly', 'answered'][g]:<10} {line}")
    print("  reply pages (gold: all answered)")
    for ex in reply_page_examples():
        for line in doc_verdicts(ex.suggestions, ex.reply, model, ch):
            print(f"    {ex.group:<10} {line}")
    text = resources.files("proposalnlp").joinpath("examples/example.txt").read_text(encoding="utf-8")
    sugg, reply = match_units(text)
    print("  bundled example (P4.5, 用地/用电/环评, must stay unanswered)")
    for s, line in zip(sugg, doc_verdicts(sugg, reply, model, ch), strict=True):
        print(f"    {s.id:<6} {line}  {s.text[:16]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="featurized examples with unit rows (.npz)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", choices=["teddy", "documents"])
    ap.add_argument(
        "--rows",
        type=Path,
        default=None,
        help="eval_verdicts.py's cache (.npz): its model rows (the training script's, depth 1) replace match()'s",
    )
    ap.add_argument("--sentences-cache", type=Path, default=None, help="sentence-level examples with unit rows")
    args = ap.parse_args()
    t, u = load(args.cache)
    if args.rows is not None:
        rows = load_table(args.rows)
        if not (np.array_equal(rows.group, t.group) and np.array_equal(rows.kind, t.kind)):
            raise SystemExit(f"{args.rows} holds other examples than {args.cache}")
        t = rows
    sent = load(args.sentences_cache, sentences=True) if args.sentences_cache is not None else None
    if args.only in (None, "teddy"):
        run_cv(t, u, args.folds, sent)
    if args.only in (None, "documents"):
        print("\n== The shipped procedure on the 800 training messages, for p_max ==")
        documents(shipped_choices(t, u))


if __name__ == "__main__":
    main()
