"""Train the answer model behind match()'s verdicts (issue 12) and write models/answer-default.

Training data (read in place from ../shared, nothing copied): the Teddy Cup message/reply pairs (subject +
message as one request; its own reply positive, the close-topic other reply and a random other reply
negative) and the point-level gold (points as requests, reply segments as units; a point with a link is
positive), of the 800 messages outside the fixed held-out 200 (devtools.answer_data.holdout_ids). The
reference document and the reply pages are never trained or tuned on.

Every choice is made inside the training data: the regularisation C by 3-fold CV grouped by message (log
loss), then the thresholds from those inner out-of-fold probabilities: ``partly`` maximises the balanced
accuracy of own vs close-topic replies (the 51 points are too few to move a threshold): the median of the cuts
within 0.005 of the best balanced accuracy (the middle of the curve's flat top: its first maximum, the rule before
round 17, jumped with single training rows), ``answered`` is the lowest threshold at or above it whose "answered"
calls are right at least 90% of the time.

Usage: python scripts/train_answer_model.py [--out models/answer-default] [--cache FILE] [--cut RULE]
The functions here (featurize, fit_model) are used by scripts/eval_verdicts.py inside its outer folds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.answer_data import Example, holdout_ids, point_examples, sentence_examples, teddy_examples
from devtools.evaluation import teddy_message_replies
from proposalnlp.matching.align import MatchConfig, answer_rows, score_units
from proposalnlp.matching.answer import DEFAULT_PIN, MODEL_FEATURES, AnswerModel, save_answer_model
from proposalnlp.matching.siblings import relative_support, sibling_lift

C_GRID = (0.03, 0.3, 3.0)
RATE_GRID = (0.03, 0.1)
TREES = 150
ANSWERED_PRECISION = 0.9
SEED = 0


FIELDS = ("x", "y", "grade", "group", "kind", "support", "example", "best", "best_score")


@dataclass
class Table:
    """One row per (example, suggestion): features, label, grade, group, example kind, present support, and
    what the sibling rule reads: the example's number (a suggestion's siblings share it), the column of its
    best answering unit (-1: none) and its ranking score."""

    x: np.ndarray
    y: np.ndarray
    grade: np.ndarray
    group: np.ndarray
    kind: np.ndarray
    support: np.ndarray  # the present verdict's basis: the best clause-level support over all units
    example: np.ndarray
    best: np.ndarray
    best_score: np.ndarray

    def take(self, mask: np.ndarray) -> Table:
        return Table(*(getattr(self, f)[mask] for f in FIELDS))


def featurize(examples: list[Example], config: MatchConfig | None = None) -> Table:
    """The model's rows of every suggestion of every example (match()'s own feature code; ``config`` as
    align_units takes it, None: match()'s default)."""
    xs, ys, gs, grs, ks, sup, exs, bests, bscores = [], [], [], [], [], [], [], [], []
    for k, ex in enumerate(examples):
        rows = answer_rows(ex.suggestions, ex.reply, config=config)
        scores, evidence = score_units(ex.suggestions, ex.reply, config=config)
        xs.append(rows.rows)
        ys += ex.labels
        grs += ex.grades
        gs += [ex.group] * len(ex.suggestions)
        ks += [ex.kind] * len(ex.suggestions)
        sup += evidence.max(axis=1).tolist()
        exs += [k] * len(ex.suggestions)
        bests += [-1 if b is None else b for b in rows.best]
        bscores += [0.0 if b is None else float(scores[i, b]) for i, b in enumerate(rows.best)]
    return Table(
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


def load_table(cache: Path | None = None, sentences: bool = False, config: MatchConfig | None = None) -> Table:
    """Teddy triples and point-level examples of all 1,000 messages, featurized (cached in ``cache``: a cache
    holds one ``config``'s rows); with ``sentences``, the sentence-level examples instead
    (devtools.answer_data.sentence_examples)."""
    if cache is not None and cache.is_file():
        z = np.load(cache, allow_pickle=False)
        if all(f in z for f in FIELDS):  # an older cache without the sibling fields is featurized again
            return Table(*(z[f] for f in FIELDS))
    table = featurize(sentence_examples() if sentences else teddy_examples() + point_examples(), config)
    if cache is not None:
        np.savez(cache, **{f: getattr(table, f) for f in FIELDS})
    return table


def balanced(pos: np.ndarray, neg: np.ndarray, t: float) -> float:
    """Balanced accuracy of "not unanswered" (p >= t) on positives and "unanswered" on negatives."""
    if not len(pos) or not len(neg):
        return float("nan")
    return 0.5 * (float((pos >= t).mean()) + float((neg < t).mean()))


def sibling_lifts(t: Table, p: np.ndarray, partly: float, ratio: float | None) -> np.ndarray:
    """Which rows of ``t`` the sibling rule lifts (match()'s own function, one example at a time), given the
    probabilities ``p`` of its rows."""
    out = np.zeros(len(t.y), dtype=bool)
    if ratio is None:
        return out
    for _, idx in _examples(t):
        out[idx] = sibling_lift(p[idx], t.x[idx, UNIT_SUPPORT], _best(t, idx), t.best_score[idx], partly, ratio)
    return out


UNIT_SUPPORT = MODEL_FEATURES.index("unit_support")


def _examples(t: Table) -> list[tuple[int, np.ndarray]]:
    """The rows of each example with several suggestions (the only ones the sibling rule reads)."""
    order = np.argsort(t.example, kind="stable")
    ex = t.example[order]
    cuts = np.flatnonzero(np.diff(ex)) + 1
    return [(int(ex[g[0]]), order[g]) for g in np.split(np.arange(len(ex)), cuts) if len(g) > 1]


def _best(t: Table, idx: np.ndarray) -> list[int | None]:
    return [None if b < 0 else int(b) for b in t.best[idx]]


def choose_sibling_ratio(t: Table, p: np.ndarray, partly: float) -> float | None:
    """The sibling rule's ratio from out-of-fold probabilities ``p`` of the training points: the one that
    maximises the balanced accuracy of "not unanswered" on linked vs unlinked points (ties: the lowest); None
    when no ratio beats the model alone."""
    rel = np.full(len(t.y), np.nan)
    for _, idx in _examples(t):
        if (t.kind[idx] == "points").all():
            rel[idx] = relative_support(p[idx], t.x[idx, UNIT_SUPPORT], _best(t, idx), t.best_score[idx], partly)
    pts = t.kind == "points"
    if not (pts & (t.y == 1)).any() or not (pts & (t.y == 0)).any():
        return None
    base = p >= partly

    def score(ratio: float) -> float:
        ok = base | (np.nan_to_num(rel, nan=-1.0) >= ratio)
        return balanced(ok[pts & (t.y == 1)].astype(float), ok[pts & (t.y == 0)].astype(float), 0.5)

    grid = np.unique(np.round(rel[pts & ~np.isnan(rel)], 3))
    if not len(grid):
        return None
    best = max(grid, key=lambda r: (score(float(r)), -float(r)))
    return float(best) if score(float(best)) > score(np.inf) else None


#: how ``partly`` is read off the balanced-accuracy curve of the out-of-fold probabilities (model card, round 17):
#: "argmax" its first (lowest) maximum; "plateau" the median of the cuts within PLATEAU_TOL of the maximum (the
#: middle of a noisy curve's flat top, not one random peak of it); "smoothed" (for the record) the argmax of the
#: curve averaged over the cuts within SMOOTH_WINDOW of probability
CUT_RULES = ("argmax", "plateau", "smoothed")
#: the rule the shipped procedure uses (round 17: "argmax" before)
CUT_RULE = "plateau"
PLATEAU_TOL = 0.005
SMOOTH_WINDOW = 0.05


def choose_partly(own: np.ndarray, close: np.ndarray, grid: np.ndarray, rule: str = CUT_RULE) -> float:
    """The ``partly`` cut among ``grid`` by ``rule`` (CUT_RULES) on the balanced accuracy of ``own`` (positives)
    against ``close`` (negatives)."""
    if rule not in CUT_RULES:
        raise ValueError(f"unknown cut rule {rule!r}: one of {', '.join(CUT_RULES)}")
    if not len(grid):
        return 0.5
    curve = np.array([balanced(own, close, float(c)) for c in grid])
    if rule == "plateau":
        top = grid[curve >= curve.max() - PLATEAU_TOL]
        return float(np.round(np.median(top), 3))
    if rule == "smoothed":
        curve = np.array([curve[np.abs(grid - c) <= SMOOTH_WINDOW].mean() for c in grid])
    return float(grid[int(np.argmax(curve))])  # the first maximum: the lowest cut


def choose_thresholds(p: np.ndarray, t: Table, rule: str = CUT_RULE) -> tuple[float, float]:
    """(answered, partly) from out-of-fold probabilities of training examples (see the module docstring);
    ``rule``: how ``partly`` is read off its curve (CUT_RULES)."""
    own, close = p[t.kind == "own"], p[t.kind == "close"]
    grid = np.unique(np.round(p, 3))
    partly = choose_partly(own, close, grid, rule)
    answered = 1.0
    pos = t.y == 1
    relevant = t.kind != "random"
    for c in grid[grid >= partly]:
        called = relevant & (p >= c)
        if called.sum() >= 10 and pos[called].mean() >= ANSWERED_PRECISION:
            answered = float(c)
            break
    return answered, partly


#: features whose growth can only make an answer more likely (+1) or less likely (-1): the trees obey them;
#: the present coverage scores (0) are left free: constrained, they cost 0.07 of inner-CV AUC (a long reply
#: on a close topic covers many of a request's words)
MONOTONE = {
    "support": 0,
    "coverage": 0,
    "cosine": 1,
    "specific": 1,
    "specific_bigram": 1,
    "specific_rev": 1,
    "run": 1,
    "head_run": 1,
    "names": 1,
    "name_conflict": -1,
    "numbers": 1,
}


#: the features the model reads: those with a known direction (the cues and ``several`` are left out: the
#: cues did not separate own from close-topic replies, and both let a tree ensemble give a pair with no
#: word in common a middling probability on proposal-style text unlike its training data)
#: (the request-level features, free of constraints, lifted a suggestion with no word in the reply to p 0.33,
#: at the threshold: left out too)
USED = tuple(
    f
    for f in MODEL_FEATURES
    if f not in ("several", "request_specific_mass", "request_length") and f.split("_", 1)[1] in MONOTONE
)
COLS = np.array([MODEL_FEATURES.index(f) for f in USED])


#: the "several" variant (``--several``): the trees also read whether a request is one of several and its
#: length (free of constraints), the points weigh POINT_WEIGHT times a Teddy row, and a request among several
#: gets a cut of its own, chosen on the inner out-of-fold probabilities of the training points (balanced
#: accuracy of linked vs unlinked), moved into its calibration (``calibration_several``)
SEVERAL_FEATURES = ("several", "request_length")
POINT_WEIGHT = 10.0


def _used(several: bool) -> tuple[str, ...]:
    return USED + SEVERAL_FEATURES if several else USED


def _monotone(several: bool = False) -> list[int]:
    return [MONOTONE.get(f.split("_", 1)[-1], 0) if f not in SEVERAL_FEATURES else 0 for f in _used(several)]


def _fit(
    kind: str, x: np.ndarray, y: np.ndarray, c: float, several: bool = False, w: np.ndarray | None = None
) -> AnswerModel:
    """A model of ``kind`` ("logistic": C = ``c``; "trees": learning rate = ``c``) on rows of all
    MODEL_FEATURES (it reads USED, and SEVERAL_FEATURES with ``several``), uncalibrated, no thresholds;
    ``w`` the trees' sample weights."""
    used = _used(several)
    x = x[:, [MODEL_FEATURES.index(f) for f in used]]
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=c, max_iter=3000)
        lr.fit((x - mean) / scale, y)
        arrays = {"mean": mean, "scale": scale, "coef": lr.coef_[0].copy()}
        return AnswerModel("logistic", arrays, float(lr.intercept_[0]), 1.0, 0.0, used)
    from sklearn.ensemble import HistGradientBoostingClassifier

    hgb = HistGradientBoostingClassifier(
        max_iter=TREES,
        learning_rate=c,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        monotonic_cst=_monotone(several),
        random_state=SEED,
    )
    hgb.fit(x, y, sample_weight=w)
    return AnswerModel("trees", export_trees(hgb), float(np.ravel(hgb._baseline_prediction)[0]), 1.0, 0.0, used)


def export_trees(hgb: object) -> dict[str, np.ndarray]:
    """The nodes of a fitted binary HistGradientBoostingClassifier as flat arrays (global node numbers)."""
    cols: dict[str, list[np.ndarray]] = {
        k: [] for k in ("feature", "threshold", "left", "right", "leaf", "value", "missing_left")
    }
    roots = []
    offset = 0
    for (pred,) in hgb._predictors:  # type: ignore[attr-defined]
        nodes = pred.nodes
        roots.append(offset)
        leaf = nodes["is_leaf"].astype(bool)
        cols["feature"].append(nodes["feature_idx"].astype(float))
        cols["threshold"].append(nodes["num_threshold"].astype(float))
        cols["left"].append(np.where(leaf, 0, nodes["left"] + offset).astype(float))
        cols["right"].append(np.where(leaf, 0, nodes["right"] + offset).astype(float))
        cols["leaf"].append(leaf.astype(float))
        cols["value"].append(nodes["value"].astype(float))
        cols["missing_left"].append(nodes["missing_go_to_left"].astype(float))
        offset += len(nodes)
    out = {k: np.concatenate(v) for k, v in cols.items()}
    out["roots"] = np.array(roots, dtype=float)
    return out


def _platt(raw: np.ndarray, y: np.ndarray, balanced: bool = False) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    weight = "balanced" if balanced else None
    lr = LogisticRegression(C=1e4, max_iter=2000, class_weight=weight).fit(raw[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def fit_model(
    t: Table,
    inner_folds: int = 3,
    info: dict[str, object] | None = None,
    kind: str = "trees",
    inner: dict[str, np.ndarray] | None = None,
    several: bool = False,
    siblings: bool = True,
    rule: str = CUT_RULE,
) -> AnswerModel:
    """The answer model trained on ``t`` with its hyperparameter, calibration and thresholds chosen by CV
    inside ``t`` (grouped by message). ``inner``, when given, receives the inner out-of-fold probabilities of
    ``t``'s rows (``"p"``): what a further choice inside the training folds may rest on. ``several``: the
    variant of SEVERAL_FEATURES. ``siblings``: choose the sibling rule's ratio on the inner out-of-fold
    probabilities of the training points (:func:`choose_sibling_ratio`; off: no rule). ``rule``: how ``partly`` is
    read off its curve (CUT_RULES)."""
    from sklearn.model_selection import GroupKFold

    cv = GroupKFold(n_splits=inner_folds)
    grid = C_GRID if kind == "logistic" else RATE_GRID
    best_c, best_loss, best_raw = grid[0], np.inf, np.zeros(len(t.y))
    splits = list(cv.split(t.x, t.y, t.group))
    w = np.where(t.kind == "points", POINT_WEIGHT, 1.0) if several else None
    for c in grid:
        raw = np.zeros(len(t.y))
        for tr, te in splits:
            raw[te] = _fit(kind, t.x[tr], t.y[tr], c, several, None if w is None else w[tr]).decision(t.x[te])
        pc = np.clip(0.5 * (1 + np.tanh(0.5 * raw)), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(t.y * np.log(pc) + (1 - t.y) * np.log(1 - pc)))
        if loss < best_loss:
            best_c, best_loss, best_raw = c, loss, raw
    single = t.kind != "points"
    a, b = _platt(best_raw[single], t.y[single])
    # one calibration for all: a separate one for a request among several, fitted on the 51 points (balanced),
    # lifted every suggestion of a proposal (an unrelated one to p 0.52): the points all share their message's
    # words with the reply, unlike a proposal's suggestions
    a2, b2 = a, b
    oof = 0.5 * (1 + np.tanh(0.5 * (a * best_raw + b)))
    answered, partly = choose_thresholds(oof, t, rule)
    many = t.x[:, MODEL_FEATURES.index("several")] > 0.5
    if several:
        pts = (t.kind == "points") & many
        grid_p = np.unique(np.round(oof[pts], 3))
        pos, neg = oof[pts & (t.y == 1)], oof[pts & (t.y == 0)]
        cut = float(max(grid_p, key=lambda v: (balanced(pos, neg, v), -v)))
        cut = min(max(cut, 1e-3), 1 - 1e-3)
        # p >= cut under the single calibration <=> p >= partly under the shifted one
        b2 = b + float(np.log(partly / (1 - partly)) - np.log(cut / (1 - cut)))
    inner_p = np.where(many, 0.5 * (1 + np.tanh(0.5 * (a2 * best_raw + b2))), oof)
    if inner is not None:
        inner["p"] = inner_p
    ratio = choose_sibling_ratio(t, inner_p, partly) if siblings else None
    final = _fit(kind, t.x, t.y, best_c, several, w)
    manifest = {
        "hyperparameter": best_c,
        "inner_log_loss": round(best_loss, 4),
        "partly_rule": rule if rule != "plateau" else f"plateau (median of the cuts within {PLATEAU_TOL} of the best)",
        **(info or {}),
    }
    used = _used(several)
    return AnswerModel(
        kind, final.arrays, final.intercept, answered, partly, used, (a, b), manifest, (a2, b2), sibling_ratio=ratio
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models" / "answer-default")
    ap.add_argument("--cache", type=Path, default=None, help="featurized examples (.npz), reused when present")
    ap.add_argument("--several", action="store_true", help="the variant of SEVERAL_FEATURES (see there)")
    ap.add_argument("--cut", choices=CUT_RULES, default=CUT_RULE, help="how partly is read off its curve")
    args = ap.parse_args()
    rows = teddy_message_replies()
    held = holdout_ids(rows)
    table = load_table(args.cache)
    train = table.take(~np.isin(table.group, sorted(held)))
    digest = hashlib.sha256(json.dumps(sorted(held)).encode()).hexdigest()
    info = {
        "training": "Teddy 2020 message-reply.csv (own / close-topic / random reply) and "
        "message-reply-points.gold.json, the 800 messages outside the held-out 200",
        "held_out_ids_sha256": digest,
        "examples": len(train.y),
        "positives": int(train.y.sum()),
    }
    model = fit_model(train, info=info, several=args.several, rule=args.cut)
    save_answer_model(model, args.out, info=model.manifest)
    pin = hashlib.sha256((args.out / "manifest.json").read_bytes()).hexdigest()
    default_out = Path(__file__).resolve().parents[1] / "models" / "answer-default"
    if args.out.resolve() == default_out:
        pin_file = Path(__file__).resolve().parents[1] / "src" / "proposalnlp" / "matching" / DEFAULT_PIN
        pin_file.write_text(f"{pin}  models/answer-default/manifest.json\n", encoding="ascii")
    print(f"{model.kind}: {model.manifest['hyperparameter']} answered={model.answered:.3f} partly={model.partly:.3f}")
    print(f"manifest sha256 {pin}")


if __name__ == "__main__":
    main()
