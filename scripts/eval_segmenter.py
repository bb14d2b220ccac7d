"""The learned reply segmenter (``devtools/segmenter.py``) against the rule parser on the hand-marked Teddy replies.

Usage: ``python scripts/eval_segmenter.py [--cv] [--fresh PART] [--time]``

``--cv`` (default): leave one part out over the marked parts (``devtools.teddy_units.TEDDY_SPLITS`` without the
fresh parts of :data:`FRESH`): for each part, the model (logistic regression at one of four ``C``, or boosted
trees: :data:`CONFIGS`) and its start threshold are chosen by a grouped 4-fold cross-validation over the *other*
parts only (folds by part, objective: the F1 of answer units found and not spurious, as ``eval_parse`` counts
them), the model is fitted on all other parts with that choice and scores the part. Printed per part, with
``eval_parse.measure_teddy`` (the one scorer): (a) the rule parser as it is (its rules were written on these parts:
optimistic), (b) the learned model, (c) the learned model with the parser's decision as a feature.
``--fresh PART``: one run on a part kept out of everything (:data:`FRESH`), the final models
chosen and fitted on the cross-validation parts. ``--time``: seconds per reply of ``parse`` and of the two models.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from eval_parse import PageScore, TeddyScore, measure_teddy, score_reply_page
from sklearn.model_selection import GroupKFold

from devtools.corpus import GoldDocument
from devtools.segmenter import Candidate, Segmenter, candidate_features, candidates, label_candidates
from devtools.teddy_units import TEDDY_SPLITS, load_teddy_reply_units
from proposalnlp.document import parse

#: Parts kept out of the cross-validation: read once, by ``--fresh``, with the final models. held-out-13 was read so
#: (SEGMENTER.md; development text since); held-out-14, marked later, is the parser's only unseen part
#: (``eval_parse.UNSEEN_TEDDY``), so the cross-validation stays over the 13 parts of SEGMENTER.md.
FRESH = ("held-out-13", "held-out-14")
#: The model choices the inner cross-validation picks from: (model, C); the boosted model's settings are fixed.
CONFIGS = (("lr", 0.1), ("lr", 0.3), ("lr", 1.0), ("lr", 3.0), ("hgb", 1.0))
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))
INNER_FOLDS = 4


@dataclass
class Row:
    """One marked reply with its candidates, features (without and with the parser's decision) and labels."""

    gold: GoldDocument
    cands: list[Candidate]
    plain: list[dict[str, float]]
    with_parser: list[dict[str, float]]
    labels: list[str]


def load_rows(split: str) -> list[Row]:
    rows = []
    for gd in load_teddy_reply_units(split=split):
        cands = candidates(gd.text)
        parsed = [(u.start, u.kind) for u in parse(gd.text).units if u.part == "reply"]
        rows.append(
            Row(
                gd,
                cands,
                candidate_features(gd.text, cands),
                candidate_features(gd.text, cands, parsed),
                label_candidates(cands, [(u.start, u.kind) for u in gd.units]),
            )
        )
    return rows


def _f1(ps: PageScore) -> float:
    a = ps.answers
    prec = 1.0 - a.spurious_rate
    return 2 * a.recall * prec / (a.recall + prec) if a.recall + prec else 0.0


def _feats(row: Row, use_parser: bool) -> list[dict[str, float]]:
    return row.with_parser if use_parser else row.plain


def select(parts: dict[str, list[Row]], use_parser: bool) -> tuple[str, float, float, float]:
    """(model, C, threshold, inner F1) chosen by grouped k-fold over ``parts`` (folds by part)."""
    names = sorted(parts)
    groups = np.arange(len(names))
    folds = GroupKFold(n_splits=min(INNER_FOLDS, len(names)))
    best = (-1.0, "lr", 0.0, 0.0)
    for model, C in CONFIGS:
        preds: list[tuple[Row, np.ndarray]] = []
        for tr, va in folds.split(groups, groups=groups):
            m = Segmenter(C=C, use_parser=use_parser, model=model)
            m.fit([(_feats(r, use_parser), r.labels) for i in tr for r in parts[names[i]]])
            preds += [(r, m.proba(_feats(r, use_parser))) for i in va for r in parts[names[i]]]
        for t in THRESHOLDS:
            ps = PageScore()
            for r, p in preds:
                score_reply_page(r.gold, Segmenter().decode(r.gold.text, r.cands, p, t), ps)
            f1 = _f1(ps)
            if f1 > best[0] + 1e-12:
                best = (f1, model, C, t)
    return best[1], best[2], best[3], best[0]


def final_model(parts: dict[str, list[Row]], use_parser: bool) -> tuple[Segmenter, float]:
    """The model chosen on ``parts`` (inner grouped CV) and fitted on all of them, with its inner F1."""
    model, C, t, f1 = select(parts, use_parser)
    m = Segmenter(C=C, threshold=t, use_parser=use_parser, model=model)
    m.fit([(_feats(r, use_parser), r.labels) for rows in parts.values() for r in rows])
    return m, f1


def _cell(ts: TeddyScore) -> str:
    a = ts.pages.answers
    return f"{a.found}/{a.gold} {a.recall:.3f}  {a.spurious}/{a.predicted} {a.spurious_rate:.3f}"


def _frame(ts: TeddyScore) -> str:
    return ", ".join(f"{k} {f}/{g}" for k, (g, f) in sorted(ts.kinds.items()) if k in ("opening", "closing"))


def _add(total: TeddyScore, ts: TeddyScore) -> None:
    a, b = total.pages.answers, ts.pages.answers
    a.gold += b.gold
    a.found += b.found
    a.found_kind += b.found_kind
    a.predicted += b.predicted
    a.spurious += b.spurious
    for k, (g, f) in ts.kinds.items():
        row = total.kinds.setdefault(k, [0, 0])
        row[0] += g
        row[1] += f


def _choice(m: Segmenter) -> str:
    return f"{m.model} C={m.C} t={m.threshold}"


def score_part(sp: str, train_pool: list[str]) -> tuple[str, dict[str, TeddyScore], str]:
    """One part scored by the parser and by the two models chosen and fitted on the other parts of
    ``train_pool``."""
    train = {p: load_rows(p) for p in train_pool if p != sp}
    mb, _ = final_model(train, False)
    mc, _ = final_model(train, True)
    res = {
        "parser": measure_teddy(split=sp),
        "learned": measure_teddy(split=sp, segment=mb.segment),
        "learned+parser": measure_teddy(split=sp, segment=mc.segment),
    }
    return sp, res, f"{_choice(mb)} / {_choice(mc)}"


def run(test_parts: list[str], train_pool: list[str], jobs: int = 1) -> None:
    """Score each part of ``test_parts`` with models chosen and fitted on ``train_pool`` without it."""
    from joblib import Parallel, delayed

    totals = {name: TeddyScore() for name in ("parser", "learned", "learned+parser")}
    print(f"{'part':<12} {'(a) parser':<26} {'(b) learned':<26} {'(c) learned + parser':<26} chosen: b / c")
    for sp, res, chosen in Parallel(n_jobs=jobs, return_as="generator")(
        delayed(score_part)(sp, train_pool) for sp in test_parts
    ):
        for name, ts in res.items():
            _add(totals[name], ts)
        cells = "  ".join(f"{_cell(ts):<26}" for ts in res.values())
        print(f"{sp:<12} {cells} {chosen}", flush=True)
    print("pooled (answer units found, spurious; kind-aware found; openings and closings found as such):")
    for name, ts in totals.items():
        a = ts.pages.answers
        print(f"  {name:<15} {_cell(ts)}  kind-aware {a.recall_kind:.3f}  {_frame(ts)}")


def timing(split: str = "dev") -> None:
    """Seconds per reply of parse() and of each model (fitted on every other cross-validation part), features and
    all (the parser's run included where it is a feature)."""
    pool = [p for p in TEDDY_SPLITS if p not in FRESH and p != split]
    texts = [gd.text for gd in load_teddy_reply_units(split=split)]
    rows = [r for p in pool for r in load_rows(p)]
    fns = {"parse()": parse}
    for model in ("lr", "hgb"):
        for use_parser in (False, True):
            m = Segmenter(model=model, use_parser=use_parser).fit([(_feats(r, use_parser), r.labels) for r in rows])
            fns[f"learned {model}{' + parser' if use_parser else ''}"] = m.segment
    for name, fn in fns.items():
        fn(texts[0])
        t0 = time.perf_counter()
        for _ in range(3):
            for text in texts:
                fn(text)
        dt = (time.perf_counter() - t0) / (3 * len(texts))
        print(
            f"{name:<22} {1000 * dt:.2f} ms per reply ({split}, {len(texts)} replies, mean length "
            f"{sum(map(len, texts)) / len(texts):.0f} characters)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave one part out over the marked parts (the default)")
    ap.add_argument("--fresh", help="one run on a part kept out of everything (FRESH: held-out-13, held-out-14)")
    ap.add_argument("--time", action="store_true", help="seconds per reply")
    ap.add_argument("--jobs", type=int, default=1, help="parts scored in parallel (same figures)")
    args = ap.parse_args()
    cv_parts = [p for p in TEDDY_SPLITS if p not in FRESH]
    if args.time:
        timing()
    if args.fresh:
        if args.fresh not in TEDDY_SPLITS:
            raise SystemExit(f"{args.fresh} is not a marked part yet ({', '.join(TEDDY_SPLITS)})")
        run([args.fresh], cv_parts, args.jobs)
    if args.cv or not (args.fresh or args.time):
        run(cv_parts, cv_parts, args.jobs)


if __name__ == "__main__":
    main()
