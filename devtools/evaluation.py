"""Evaluation helpers for matching: ranking metrics and the gold pairs of the shared corpus as Units.

Used by the tests, ``scripts/eval_matching.py`` and the notebooks, so that every figure is computed the
same way: nDCG@k over graded links, P@1 and MRR for retrieval where query i's answer is candidate i.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from proposalnlp.document import Unit

from .corpus import GOLD_KIND_MAP, GoldDocument, find_quote, load_reference, resolve_quotes, shared_root

__all__ = [
    "auc",
    "ndcg_at",
    "overlap_id",
    "p1_mrr",
    "reference_units",
    "teddy_message_replies",
    "teddy_point_pairs",
]

_SENT_END = re.compile(r"[。！？!?；;\n]")
PointPair = tuple[list[Unit], list[Unit], dict[int, dict[int, int]]]


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """ROC AUC of scores of positives ``pos`` against negatives ``neg`` (ties count one half)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.r_[np.ones(len(pos)), np.zeros(len(neg))], np.r_[pos, neg]))


def fold_verdicts(
    tam: ModuleType,
    t: Any,
    splits: Sequence[tuple[np.ndarray, np.ndarray]],
    x_of: Callable[[int], np.ndarray],
    name: str,
) -> dict[str, Any]:
    """Held-out answer-model probabilities of a variant: in each fold of ``splits`` the whole training procedure
    (``tam``, ``scripts/train_answer_model.py``) fitted on the training rows of the feature matrix ``x_of(k)`` and
    applied to the test rows; ``t`` is its row table. Returns ``p``, the ``cut`` (partly) each row was judged
    by, whether the sibling rule ``lifted`` it, and each fold's balanced accuracy (``folds``)."""
    n = len(t.y)
    p, cut, lifted = np.zeros(n), np.zeros(n), np.zeros(n, dtype=bool)
    fold_bal: list[float] = []
    for k, (tr, te) in enumerate(splits):
        xk = x_of(k)
        tt = tam.Table(xk, *(getattr(t, f) for f in tam.FIELDS[1:]))
        mtr = np.isin(np.arange(n), tr)
        model = tam.fit_model(tt.take(mtr))
        p[te] = model.predict_proba(xk[te])
        cut[te] = model.partly
        lifted[te] = tam.sibling_lifts(tt.take(~mtr), p[te], model.partly, model.sibling_ratio)
        test = tt.take(~mtr)
        own, close = p[te][test.kind == "own"], p[te][test.kind == "close"]
        fold_bal.append(tam.balanced(own, close, model.partly))
        print(
            f"  {name} fold {k}: rate {model.manifest['hyperparameter']} partly {model.partly:.3f} "
            f"ratio {model.sibling_ratio} bal {fold_bal[-1]:.3f}",
            flush=True,
        )
    return {"p": p, "cut": cut, "lifted": lifted, "folds": fold_bal}


def verdict_figures(r: dict[str, Any], kind: np.ndarray, linked: np.ndarray) -> dict[str, Any]:
    """The held-out figures of one variant of :func:`fold_verdicts` (``r``) that the verdict scripts print side by
    side: not-unanswered of own replies, unanswered of close-topic and random ones, balanced accuracy and its fold
    spread, unanswered of linked and unlinked points (``linked``: point rows with a link; ``_sib`` with the
    sibling rule) and the AUCs of own/close, own/random and linked/unlinked points."""
    ok = r["p"] >= r["cut"]
    oks = ok | r["lifted"]
    p = r["p"]
    unlinked = (kind == "points") & ~linked
    own, close = ok[kind == "own"].mean(), 1 - ok[kind == "close"].mean()
    return {
        "ok": ok,
        "own": own,
        "close": close,
        "balanced": 0.5 * (own + close),
        "spread": f"({min(r['folds']):.3f}-{max(r['folds']):.3f})",
        "random": 1 - ok[kind == "random"].mean(),
        "linked": 1 - ok[linked].mean(),
        "linked_sib": 1 - oks[linked].mean(),
        "unlinked": 1 - ok[unlinked].mean(),
        "unlinked_sib": 1 - oks[unlinked].mean(),
        "auc_close": auc(p[kind == "own"], p[kind == "close"]),
        "auc_random": auc(p[kind == "own"], p[kind == "random"]),
        "auc_points": auc(p[linked], p[unlinked]),
    }


def paired_verdict_changes(name: str, base: dict[str, Any], new: dict[str, Any], kind: np.ndarray) -> list[str]:
    """Lines saying how a variant's held-out verdicts moved against the baseline's, row by row, for the own,
    close-topic and random replies (``base``/``new``: ``p`` the probabilities, ``cut`` the partly threshold)."""
    lines = [f"\n-- paired change, {name} vs baseline (held-out verdict not-unanswered) --"]
    for which in ("own", "close", "random"):
        m = kind == which
        b, n = (base["p"] >= base["cut"])[m], (new["p"] >= new["cut"])[m]
        good = "up" if which == "own" else "down"
        lines.append(
            f"  {which}: {int((~b & n).sum())} now not unanswered, {int((b & ~n).sum())} now unanswered "
            f"(right way: {good}); of {int(m.sum())}"
        )
    return lines


def ndcg_at(ranked_ids: Sequence[str], gains: dict[str, int], k: int = 5) -> float:
    """nDCG@k of a ranking given graded gains (id → grade); 0.0 when there is nothing to find."""
    dcg = sum(gains.get(r, 0) / math.log2(i + 2) for i, r in enumerate(ranked_ids[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def p1_mrr(scores: np.ndarray) -> tuple[float, float]:
    """P@1 and MRR of a square score matrix whose right answer for query i is candidate i (ties count against:
    a candidate that scores as high as the right one ranks before it)."""
    diag = scores[np.arange(len(scores)), np.arange(len(scores))]
    rank = (scores >= diag[:, None]).sum(axis=1)
    return float((rank == 1).mean()), float((1.0 / rank).mean())


def overlap_id(unit: Unit, gold: GoldDocument) -> str | None:
    """The id of the gold unit that overlaps ``unit`` most (maps parsed units onto gold ones)."""
    best, best_overlap = None, 0
    for g in gold.units:
        overlap = min(unit.end, g.end) - max(unit.start, g.start)
        if overlap > best_overlap:
            best, best_overlap = g.id, overlap
    return best


def reference_units(root: Path | None = None) -> tuple[list[Unit], list[Unit], list[tuple[str, str, int]]]:
    """The reference document's gold suggestions (P-S*) and reply units (R-*) as Units, and its links.

    Items get their section as parent; gold kinds become the parser's (``GOLD_KIND_MAP``: ``section-heading``
    → ``section``, ``next-steps-intro`` → ``next-step``). Scoring can so be evaluated independently of the parser.
    """
    gold = load_reference(root)
    ids = {u.id for u in gold.units}
    sugg: list[Unit] = []
    reply: list[Unit] = []
    for u in gold.units:
        if u.part == "proposal" and u.kind == "suggestion":
            sugg.append(Unit(u.id, "proposal", "suggestion", 1, None, None, u.text, u.start, u.end))
        elif u.part == "reply":
            parent = u.id.rsplit(".", 1)[0] if "." in u.id else None
            parent = parent if parent in ids else None
            kind = GOLD_KIND_MAP.get(u.kind, u.kind)
            reply.append(Unit(u.id, "reply", kind, 2 if parent else 1, parent, None, u.text, u.start, u.end))
    return sugg, reply, gold.links


def teddy_message_replies(root: Path | None = None) -> list[dict[str, str]]:
    """The 1,000 Teddy Cup messages with their replies (id, subject, message, reply)."""
    path = shared_root(root) / "benchmarks" / "teddy2020" / "message-reply.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def teddy_point_pairs(root: Path | None = None) -> list[PointPair]:
    """Point-level gold pairs: the message's points as suggestion Units, the reply's segments, the links.

    A point runs from its quote to its sentence's end, or to the next point's quote if that comes first; a
    segment runs from its quote to the next one's. Links map point number → {segment number: grade}.
    """
    base = shared_root(root)
    gold = json.loads((base / "benchmarks" / "teddy2020" / "message-reply-points.gold.json").read_text("utf-8"))
    rows = {int(r["id"]): r for r in teddy_message_replies(base)}
    out: list[PointPair] = []
    for pair in gold["pairs"]:
        row = rows[int(pair["id"])]
        msg, rep = row["message"], row["reply"]
        starts = []
        for p in pair["points"]:
            at = find_quote(msg, p["quote"])
            if at < 0:
                raise ValueError(f"point quote not found: {p['quote']!r}")
            starts.append(at)
        points = []
        for k, (p, at) in enumerate(zip(pair["points"], starts, strict=True)):
            m = _SENT_END.search(msg, at + len(p["quote"]))
            end = m.end() if m else len(msg)
            later = [s for s in starts[k + 1 :] if s > at]
            if later:
                end = min(end, min(later))
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


def load_script(name: str) -> ModuleType:
    """The module of ``scripts/<name>.py`` (the evaluation scripts are not a package), imported once: tests
    assert floors on the figures those scripts print."""
    key = f"_script_{name}"
    if key in sys.modules:
        return sys.modules[key]
    path = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(key, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
