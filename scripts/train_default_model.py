"""Train, evaluate and save the bundled default theme model (talent, funding, innovation, awareness).

Rerunnable by anyone with the shared corpus beside the checkout::

    python scripts/train_default_model.py             # nested CV on the dev gold, test figure, train, save, card
    python scripts/train_default_model.py --pin       # ... and pin the new manifest hash (themes/default-model.sha256)
    python scripts/train_default_model.py --no-nested # skip the nested evaluation (the card then says so)
    python scripts/train_default_model.py --no-test   # train and save without reading the test part of the gold
    python scripts/train_default_model.py --nested-only --json out.json  # dev figures only (compare variants)

Data. Training: the project's labels (models/training/*.jsonl, resolved in place by
devtools.corpus.load_theme_labels) and the gold units of the *development* part of the shared gold.
The shared gold (the reference document, 24 Jiangsu proposals, 8 replies, and the 53 reply pages of
devtools.corpus.load_reply_page_gold) is split by document with devtools.annotate.is_test_document: the
test part (about a third of the documents) is never trained on, never used for a choice, and read once at
the end for the final figure of the shipped model.

Evaluation (honest by construction). Nested, document-grouped cross-validation over the dev gold:
the outer loop holds out a fifth of the dev gold documents; inside the other four fifths (plus the
project's labels, always on the training side) every choice is made: C and the weight of the gold units by
an inner grouped 3-fold CV scored on the inner held-out gold documents; per-theme probability thresholds,
calibration, sentence-pooling weights and the ratio of the dominance rule inside ``ThemeClassifier.fit``
(document-grouped held-out folds of its own training data; the ratio scored on their gold units only,
``select_on``). The same fitted models are also scored with the rule turned off (ratio 0), so the two dev
figures come from the same folds. The outer held-out documents
are predicted by a model no choice saw them in.
The same procedure run on the whole dev gold picks the settings of the shipped model.

Kind prior (shipped since issue 13's sixteenth session; ``--no-kind-prior`` is the procedure before): each gold
unit's kind is the kind ``parse()`` gives it (the parsed unit covering most of it; ``--kinds gold``: the gold
file's own), as ``classify_document`` and ``match`` will have it. Units of a frame kind carry no theme; units of a
describing kind get every threshold times one factor, chosen on ``fit``'s held-out probabilities of its gold
training units (in each outer fold for the nested figure; on the whole dev part for the shipped model, which
stores it in its manifest).

Evidence (shipped since issue 13's seventeenth session; ``--no-evidence`` is the procedure before): after the dominance
rule and the kind prior, a unit keeps a predicted theme only if it holds one of the theme's words
(``proposalnlp.themes.evidence.THEME_WORDS``). No parameter and no choice depends on it: the nested figure applies it
to the held-out labels of the same models, and the shipped model stores the word lists in its manifest.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.acting import acting_text
from devtools.annotate import is_test_document
from devtools.corpus import (
    GoldDocument,
    LabelledUnit,
    iter_gold_documents,
    load_reply_page_gold,
    load_theme_labels,
)
from proposalnlp import ThemeClassifier, parse
from proposalnlp.themes import THEMES
from proposalnlp.themes.evidence import THEME_WORDS, Evidence
from proposalnlp.themes.model import KindPrior
from proposalnlp.themes.train import DOMINANCE_RATIOS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "themes-default"
REFERENCE_PROBLEMS = ("P-Q1", "P-Q2", "P-Q3", "P-Q4")

#: The training units whose held-out predictions inside ``fit`` choose the dominance ratio (``fit``'s
#: ``select_on``): "gold", the gold units of the training set (labelled like the evaluation: two themes on 8% of
#: dev proposal units and 2% of reply units, fewer than in the project's labels), or "all" (every training unit,
#: the procedure before; ``--select-on all``).
SELECT_ON = "gold"
#: Settings fixed for every candidate (features as before; thresholds per theme by CV inside fit).
BASE: dict[str, Any] = {
    "word_ngram_range": (1, 2),
    "char_ngram_range": (1, 3),
    "min_df": 2,
    # at most 100k terms per block (word, char; the most frequent kept): the model's size, hence its cold
    # start, stays that of the previous model (154k features) although the training data grew by a sixth
    "max_features": 100_000,
    "sublinear_tf": True,
    "char_weight": 1.0,
    "loss": "svm",
    "cv": 3,
    "threshold": "cv",
    "random_state": 0,
    "lead_weight": 1,
    "pooling": "max",
    # the dominance rule: of the themes above their thresholds, a unit keeps those whose probability is at least
    # r times the highest of them; r chosen inside fit on the held-out folds that choose the thresholds
    "dominance": "cv",
}
#: The choices made inside the training folds (inner grouped CV). ``gold_weight``: copies of each training
#: gold unit (the gold is labelled the way the evaluation is; the project's labels are many more units).
#: Sentence pooling is always on; its weight per theme (0 = off) is chosen on the held-out folds inside fit.
GRID: list[dict[str, Any]] = [{"C": c, "gold_weight": gw} for c in (0.3, 1.0) for gw in (1, 3)]
#: Per-theme thresholds: False (the default) keeps those ``fit`` chooses by document-grouped CV on its whole
#: training data (the project's labels and the training gold); True replaces them by the F1-best of
#: THRESHOLDS on the inner held-out gold predictions (``--tune-thresholds``: fewer units, noisier thresholds;
#: nested dev macro-F1 0.685 against the default's figure in the model card).
TUNE_THRESHOLDS = False
#: Candidate probability thresholds for ``--tune-thresholds``.
THRESHOLDS = np.round(np.arange(0.10, 0.91, 0.05), 2)
#: Variants of the procedure evaluated (nested dev figure) before the dominance rule was adopted, counted for
#: the model card: the more variants a figure was chosen among, the more optimistic it is.
VARIANTS_TRIED = 18
OUTER_FOLDS = 5
INNER_FOLDS = 3
#: ``--stack`` (a variant evaluated once, not the shipped procedure): a second-level model fitted on the gold
#: convention. Inside each outer training fold, ``fit``'s own held-out probabilities of that fold's gold units feed
#: one logistic regression per theme (C = STACK_C; inputs: the logits of the four theme probabilities), whose
#: threshold is the F1-best on its own document-grouped STACK_FOLDS-fold held-out probabilities over those units;
#: it replaces the thresholds and the dominance rule. All fixed before the run.
STACK = False
#: The unit's kind as a prior (variant D of issue 13's fifteenth session, shipped in the sixteenth; off with
#: ``--no-kind-prior``). Units of DESCRIBING kinds (background, problem) get every threshold multiplied by one
#: factor of KIND_SCALES, chosen on ``fit``'s held-out probabilities of its gold training units (best macro-F1 over
#: those units, with the model's thresholds and dominance ratio; ties to the smaller factor); units of FRAME kinds
#: (the salutation ``opening``, closing, header, other) carry no theme (ANNOTATION.md: greetings and thanks, no
#: theme; only section, item and next-step units answer). All fixed before the variant's first run.
KIND_PRIOR = True
#: Where the gold units' kinds come from: "parser" (the kind of the ``parse()`` unit covering most of the gold unit,
#: as prediction will have it) or "gold" (the gold file's own kind; ``--kinds gold``, the variant's first run).
KIND_SOURCE = "parser"
DESCRIBING = ("background", "problem")
#: The frame kinds of :data:`proposalnlp.document.KINDS`; the gold files' ``title`` (a proposal's title line, which
#: the parser calls ``other``) counts as one with gold kinds.
FRAME = ("closing", "header", "opening", "other")
GOLD_FRAME = (*FRAME, "title")
KIND_SCALES = (1.0, 1.25, 1.5, 2.0)
STACK_C = 1.0
STACK_FOLDS = 3
#: ``--focus-acting`` (issue 13, seventeenth session; a variant, not the shipped procedure): every unit, for
#: training as for scoring, is read without its describing sentences when it also has one that asks or acts
#: (:func:`devtools.acting.acting_text`: a sentence with a time marker, a figure or a shortfall and no
#: word of request or action). No parameter; fixed before its one run. ``--focus-acting score``: the models are
#: trained on the whole units as shipped and only the held-out units are read that way (the rule at reading time
#: alone, same training data).
FOCUS_ACTING = ""
#: A theme needs its evidence (issue 13, seventeenth session; shipped; off with ``--no-evidence``): a predicted theme
#: is kept only if its unit holds one of the theme's words (:data:`proposalnlp.themes.evidence.THEME_WORDS`, from
#: ANNOTATION.md's definitions and the issue's categories), after the dominance rule and the kind prior; it only
#: removes themes. No parameter: the models and every inner choice (C, gold weight, thresholds, ratio, kind factor)
#: are made without it, as in the variant's one run. The shipped model stores the words in its manifest.
EVIDENCE = True
#: ``--pool-cv`` (issue 13, seventeenth session, second helper; a variant): sentence pooling with one weight for every
#: theme (``POOL_WEIGHTS``) and the length floor (``POOL_FLOORS``: 300/150/80 characters) chosen inside ``fit`` jointly
#: with the dominance ratio, on the held-out labels of the gold training units after the evidence rule (instead of
#: a weight per theme at a fixed 300-character floor). Fixed before its one run, with its bar: nested dev >= 0.780,
#: no theme's F1 down more than 0.03, proposal and reply units each not down more than 0.01.
POOL_CV = False


# -- data ----------------------------------------------------------------------------------------------------
class Pool:
    """Every unit the script uses: texts, labels, groups (document ids), and which are gold/dev/test/reply."""

    def __init__(self, golds: list[GoldDocument], labels: list[LabelledUnit]) -> None:
        self.texts: list[str] = []
        self.ys: list[list[str]] = []
        self.groups: list[str] = []
        self.doc: list[str] = []  # gold document id, "" for the project's labels
        self.unit_ids: list[str] = []
        self.reply: list[bool] = []
        self.kind: list[str] = []  # the gold unit's kind (KIND_SOURCE), "" for the project's labels and no kind
        self.page: list[bool] = []  # a unit of one of the stored reply pages (corpus/reply-pages)
        for d in golds:
            parsed = parser_kinds(d) if KIND_SOURCE == "parser" else [u.kind for u in d.units]
            for u, kind in zip(d.units, parsed, strict=True):
                self.texts.append(u.text)
                self.ys.append(list(u.themes))
                self.groups.append(f"gold:{d.id}")
                self.doc.append(d.id)
                self.unit_ids.append(u.id)
                self.reply.append(u.part == "reply")
                self.kind.append(kind)
                self.page.append(d.id.startswith("page-"))
        for i, lu in enumerate(labels):
            self.texts.append(lu.text)
            self.ys.append(list(lu.themes))
            self.groups.append(f"{lu.source}:{lu.doc}" if lu.doc else f"{lu.source}:{i}")
            self.doc.append("")
            self.unit_ids.append("")
            self.reply.append(lu.source == "teddy-reply")
            self.kind.append("")
            self.page.append(False)
        self.is_gold = np.array([bool(d) for d in self.doc])
        self.scored = self.texts  # the texts that held-out units are scored on (FOCUS_ACTING)
        self.is_test = np.array([bool(d) and is_test_document(d) for d in self.doc])
        self.is_dev = self.is_gold & ~self.is_test

    def dev_docs(self) -> list[str]:
        return sorted({d for d, dev in zip(self.doc, self.is_dev, strict=True) if dev})


def parser_kinds(doc: GoldDocument) -> list[str]:
    """Per gold unit of ``doc``, the kind of the ``parse()`` unit that covers most of it ("" when none does): the
    kind ``classify_document`` and ``match`` see for that text."""
    units = parse(doc.text).units
    out = []
    for g in doc.units:
        best, best_overlap = "", 0
        for u in units:
            overlap = min(u.end, g.end) - max(u.start, g.start)
            if overlap > best_overlap:
                best, best_overlap = u.kind, overlap
        out.append(best)
    return out


def kind_prior(scale: float) -> KindPrior:
    """The kind prior with describing factor ``scale`` (frame kinds as KIND_SOURCE names them)."""
    return KindPrior(scale, DESCRIBING, FRAME if KIND_SOURCE == "parser" else GOLD_FRAME)


def fit(params: dict[str, Any], pool: Pool, idx: np.ndarray, thresholds: np.ndarray | None = None) -> ThemeClassifier:
    """The estimator of ``params`` fitted on units ``idx`` (gold units repeated ``gold_weight`` times), with
    ``thresholds`` (per class, in ``classes_`` order) replacing those chosen inside fit when given."""
    settings = {k: v for k, v in params.items() if k != "gold_weight"}
    weight = int(params.get("gold_weight", 1))
    idx = np.concatenate([idx, *[idx[pool.is_gold[idx]]] * (weight - 1)]) if weight > 1 else idx
    est = ThemeClassifier(**BASE, **settings)
    est.fit(
        [pool.texts[i] for i in idx],
        [pool.ys[i] for i in idx],
        groups=[pool.groups[i] for i in idx],
        select_on=pool.is_gold[idx] if SELECT_ON == "gold" else None,
    )
    est.train_rows_ = idx  # type: ignore[attr-defined]  # the pool row of each training text (for KIND_PRIOR)
    # POOL_CV: fit used the evidence words to choose the pooling; the script applies the rule itself (with_evidence,
    # and the final model's words), so that its columns without the rule stay the same models' labels without it
    est.model_.evidence = None
    if thresholds is not None and not np.isnan(thresholds).any():
        est.model_.thresholds = np.asarray(thresholds, dtype=np.float64)
        est.thresholds_ = est.model_.thresholds
    return est


def tune_thresholds(truth: list[list[str]], proba: np.ndarray, classes: list[str]) -> np.ndarray:
    """Per class, the threshold of :data:`THRESHOLDS` with the best F1 on held-out probabilities (ties: the
    middle of the best run)."""
    out = np.zeros(len(classes))
    for k, c in enumerate(classes):
        y = np.array([c in t for t in truth])
        f = np.array(
            [
                f1(
                    int((y & (proba[:, k] >= th)).sum()),
                    int((~y & (proba[:, k] >= th)).sum()),
                    int((y & (proba[:, k] < th)).sum()),
                )
                for th in THRESHOLDS
            ]
        )
        best = np.flatnonzero(f >= f.max() - 1e-9)
        out[k] = THRESHOLDS[best[len(best) // 2]]
    return out


def at_thresholds(proba: np.ndarray, classes: list[str], thresholds: np.ndarray) -> list[list[str]]:
    return [[c for k, c in enumerate(classes) if row[k] >= thresholds[k]] for row in proba]


def predict(est: ThemeClassifier, pool: Pool, idx: np.ndarray) -> tuple[list[list[str]], np.ndarray]:
    """Labels and probabilities of units ``idx``; with the model's kind prior (if any) applied to their kinds."""
    texts = [pool.scored[i] for i in idx]
    proba = np.asarray(est.predict_proba(texts))
    kinds = [pool.kind[i] or None for i in idx]
    return [list(p) for p in est.model_.labels_from(proba, proba, kinds, texts)], proba


def with_evidence(pool: Pool, idx: np.ndarray, labels: list[list[str]]) -> list[list[str]]:
    """``labels`` of units ``idx`` without the themes whose words (EVIDENCE) the unit does not hold."""
    words = Evidence(THEME_WORDS)
    return [[t for t in row if words.holds(pool.scored[i], t)] for i, row in zip(idx, labels, strict=True)]


def without_rule(est: ThemeClassifier, pool: Pool, idx: np.ndarray) -> list[list[str]]:
    """The predictions of ``est`` on units ``idx`` with its dominance rule turned off (same model otherwise)."""
    ratio = est.model_.dominance
    est.model_.dominance = 0.0
    try:
        return predict(est, pool, idx)[0]
    finally:
        est.model_.dominance = ratio


# -- scores --------------------------------------------------------------------------------------------------
def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(truth: list[list[str]], pred: list[list[str]]) -> dict[str, Any]:
    """Per-theme precision/recall/F1, macro-F1 over the four themes, and the none-rate."""
    per: dict[str, dict[str, float]] = {}
    for t in THEMES:
        tp = sum(t in a and t in b for a, b in zip(truth, pred, strict=True))
        fp = sum(t not in a and t in b for a, b in zip(truth, pred, strict=True))
        fn = sum(t in a and t not in b for a, b in zip(truth, pred, strict=True))
        per[t] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "f1": round(f1(tp, fp, fn), 4),
            "support": tp + fn,
        }
    empty = [not p for a, p in zip(truth, pred, strict=True) if not a]
    return {
        "per_theme": per,
        "macro_f1": round(float(np.mean([per[t]["f1"] for t in THEMES])), 4),
        "none_rate": round(float(np.mean(empty)), 4) if empty else 0.0,
        "n_units": len(truth),
        "n_none_units": len(empty),
    }


def report(pool: Pool, idx: np.ndarray, pred: list[list[str]]) -> dict[str, Any]:
    """Scores over all units of ``idx``, and separately over its proposal units and its reply units."""
    truth = [pool.ys[i] for i in idx]
    out = {"all": score(truth, pred)}
    for name, want in (("proposal", False), ("reply", True)):
        keep = [k for k, i in enumerate(idx) if pool.reply[i] == want]
        out[name] = score([truth[k] for k in keep], [pred[k] for k in keep])
    keep = [k for k, i in enumerate(idx) if pool.page[i]]
    out["pages"] = score([truth[k] for k in keep], [pred[k] for k in keep])
    return out


def reliability(truth: list[list[str]], proba: np.ndarray, classes: list[str], bins: int = 5) -> dict[str, Any]:
    """Per theme: in each probability bin, the units, their mean probability and how many carry the theme;
    the Brier score and the expected calibration error (bin-weighted |mean p - frequency|)."""
    out: dict[str, Any] = {}
    for k, t in enumerate(classes):
        p = proba[:, k]
        y = np.array([t in a for a in truth], dtype=float)
        which = np.minimum((p * bins).astype(int), bins - 1)
        rows = []
        ece = 0.0
        for b in range(bins):
            m = which == b
            if m.any():
                rows.append(
                    {
                        "bin": [b / bins, (b + 1) / bins],
                        "n": int(m.sum()),
                        "mean_p": round(float(p[m].mean()), 3),
                        "freq": round(float(y[m].mean()), 3),
                    }
                )
                ece += m.sum() / len(p) * abs(float(p[m].mean()) - float(y[m].mean()))
        out[t] = {"bins": rows, "brier": round(float(np.mean((p - y) ** 2)), 4), "ece": round(ece, 4)}
    return out


# -- nested selection ----------------------------------------------------------------------------------------
def choose(
    pool: Pool, train_idx: np.ndarray, log: list[str]
) -> tuple[dict[str, Any], np.ndarray, list[dict[str, Any]]]:
    """The GRID entry and per-theme thresholds with the best macro-F1 under grouped CV over the gold documents
    of ``train_idx`` (the project's labels always train; ties go to the earlier, simpler entry). The
    thresholds are tuned on the same inner held-out predictions (:func:`tune_thresholds`)."""
    gold = train_idx[pool.is_gold[train_idx]]
    labels = train_idx[~pool.is_gold[train_idx]]
    docs = np.array([pool.doc[i] for i in gold])
    folds = list(GroupKFold(INNER_FOLDS, shuffle=True, random_state=1).split(gold, groups=docs))
    results = []
    tuned = []
    for params in GRID:
        truth: list[list[str]] = []
        probas = []
        preds: list[list[str]] = []
        classes: list[str] = []
        for tr, te in folds:
            est = fit(params, pool, np.concatenate([labels, gold[tr]]))
            classes = [str(c) for c in est.classes_]
            fold_pred, fold_proba = predict(est, pool, gold[te])
            probas.append(fold_proba)
            preds += fold_pred
            truth += [pool.ys[i] for i in gold[te]]
        proba = np.vstack(probas)
        if TUNE_THRESHOLDS:
            thresholds = tune_thresholds(truth, proba, classes)
            macro = score(truth, at_thresholds(proba, classes, thresholds))["macro_f1"]
        else:  # each inner model's own thresholds, chosen by fit on its training folds
            thresholds = np.full(len(classes), np.nan)
            macro = score(truth, preds)["macro_f1"]
        tuned.append(thresholds)
        results.append({**params, "macro_f1": macro, "thresholds": thresholds.tolist()})
        log.append(f"    {params} inner macro-F1 {macro:.4f} at thresholds {thresholds.tolist()}")
        print(log[-1], flush=True)
    best = max(range(len(GRID)), key=lambda j: (results[j]["macro_f1"], -j))
    return GRID[best], tuned[best], results


def _logits(proba: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(proba, dtype=np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit_stacker(est: ThemeClassifier, pool: Pool, idx: np.ndarray) -> list[tuple[Any, float]]:
    """Per theme (``est.classes_`` order), a logistic regression on the logits of ``est``'s held-out
    probabilities inside fit, fitted on the gold units of ``idx`` (the rows ``est`` was fitted on, before the
    gold copies), and its F1-best threshold on grouped held-out predictions over those units."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from proposalnlp.themes.train import best_f1_threshold

    oof = np.asarray(est.oof_proba_)[: len(idx)]
    gold = pool.is_gold[idx]
    X = _logits(oof[gold])
    docs = np.array([pool.doc[i] for i in idx[gold]])
    out = []
    for c in est.classes_:
        y = np.array([str(c) in pool.ys[i] for i in idx[gold]], dtype=int)
        lr = LogisticRegression(C=STACK_C, solver="liblinear")
        held = cross_val_predict(
            lr, X, y, groups=docs, cv=GroupKFold(STACK_FOLDS, shuffle=True, random_state=0), method="predict_proba"
        )[:, 1]
        thr = best_f1_threshold(held, y)[0]
        out.append((lr.fit(X, y), thr))
    return out


def stacked(stacker: list[tuple[Any, float]], proba: np.ndarray, classes: list[str]) -> list[list[str]]:
    X = _logits(proba)
    hits = np.column_stack([lr.predict_proba(X)[:, 1] >= thr for lr, thr in stacker])
    return [[c for k, c in enumerate(classes) if row[k]] for row in hits]


def choose_kind_scale(est: ThemeClassifier, pool: Pool) -> float:
    """The factor of KIND_SCALES for the thresholds of DESCRIBING units with the best macro-F1 on ``fit``'s held-out
    probabilities of its gold training units (FRAME units left empty as in :func:`kind_predictions`; each gold unit
    once, whatever its gold weight: its copies sit in the same held-out fold and have the same probabilities)."""
    from proposalnlp.themes.model import dominant_hits

    rows = np.asarray(est.train_rows_)  # type: ignore[attr-defined]
    first = np.unique(rows, return_index=True)[1]
    keep = np.sort(first[pool.is_gold[rows[first]]])
    proba = est.oof_proba_[keep]
    rows = rows[keep]
    classes = [str(c) for c in est.classes_]
    y = np.array([[c in pool.ys[i] for c in classes] for i in rows])
    best, best_f1 = 1.0, -1.0
    for m in KIND_SCALES:
        hits = dominant_hits(proba, _row_thresholds(est, pool, rows, m), est.model_.dominance)
        tp = (hits & y).sum(axis=0)
        denom = hits.sum(axis=0) + y.sum(axis=0)
        macro = round(float(np.mean(np.where(denom > 0, 2.0 * tp / np.maximum(denom, 1), 0.0))), 6)
        if macro > best_f1:
            best, best_f1 = m, macro
    return best


def _row_thresholds(est: ThemeClassifier, pool: Pool, rows: np.ndarray, scale: float) -> np.ndarray:
    """Per row of ``rows`` the model's thresholds, times ``scale`` for DESCRIBING units (at most 0.99), 2 (never)
    for FRAME units: the library's own :meth:`KindPrior.thresholds`, so that the shipped model does the same."""
    return kind_prior(scale).thresholds(np.asarray(est.thresholds_, dtype=np.float64), [pool.kind[i] for i in rows])


def kind_predictions(
    est: ThemeClassifier, pool: Pool, idx: np.ndarray, proba: np.ndarray, scale: float, ratio: float
) -> list[list[str]]:
    """Labels of units ``idx`` from their probabilities with the kind prior (``ratio``: the dominance ratio)."""
    from proposalnlp.themes.model import dominant_hits

    classes = [str(c) for c in est.classes_]
    hits = dominant_hits(proba, _row_thresholds(est, pool, idx, scale), ratio)
    return [[c for k, c in enumerate(classes) if row[k]] for row in hits]


def nested(pool: Pool, log: list[str]) -> dict[str, Any]:
    """Outer grouped folds over the dev gold documents; each fold's choices made by :func:`choose` inside."""
    dev = np.flatnonzero(pool.is_dev)
    labels = np.flatnonzero(~pool.is_gold)
    docs = np.array([pool.doc[i] for i in dev])
    pred_by: dict[int, list[str]] = {}
    proba_by: dict[int, np.ndarray] = {}
    off_by: dict[int, list[str]] = {}
    plain_by: dict[int, list[str]] = {}
    noev_by: dict[int, list[str]] = {}  # EVIDENCE: the labels before the evidence rule
    chosen = []
    classes: list[str] = list(THEMES)
    for n, (tr, te) in enumerate(GroupKFold(OUTER_FOLDS, shuffle=True, random_state=0).split(dev, groups=docs), 1):
        log.append(f"outer fold {n}: {len(set(docs[te]))} held-out documents, {len(te)} units")
        print(log[-1], flush=True)
        params, thresholds, _ = choose(pool, np.concatenate([labels, dev[tr]]), log)
        est = fit(params, pool, np.concatenate([labels, dev[tr]]), thresholds)
        scale = {"threshold_scale": est.training_["threshold_scale"]} if "threshold_scale" in est.training_ else {}
        chosen.append(
            {
                **params,
                "thresholds": thresholds.tolist(),
                "dominance": est.dominance_,
                **scale,
                "pool": None if est.pool_ is None else est.pool_.tolist(),
                "pool_min_chars": est.model_.pool_min_chars,
            }
        )
        classes = [str(c) for c in est.classes_]
        pred, proba = predict(est, pool, dev[te])
        off = without_rule(est, pool, dev[te])
        plain = pred  # the same models without the kind prior
        if KIND_PRIOR:
            kscale = choose_kind_scale(est, pool)
            frame = kind_prior(kscale).frame
            same = kind_predictions(est, pool, dev[te], proba, 1.0, est.model_.dominance)
            differ = sum(a != b for a, b, i in zip(same, pred, dev[te], strict=True) if pool.kind[i] not in frame)
            log.append(f"  kind prior: factor {kscale}; check at factor 1: {differ} differ")
            print(log[-1], flush=True)
            chosen[-1]["kind_scale"] = kscale
            pred = kind_predictions(est, pool, dev[te], proba, kscale, est.model_.dominance)
            off = kind_predictions(est, pool, dev[te], proba, kscale, 0.0)
        if EVIDENCE:  # the same labels without the themes whose words the unit does not hold
            before = pred
            pred = with_evidence(pool, dev[te], pred)
            off = with_evidence(pool, dev[te], off)
            for k, i in enumerate(dev[te]):
                noev_by[int(i)] = before[k]
        if STACK:
            stacker = fit_stacker(est, pool, np.concatenate([labels, dev[tr]]))
            chosen[-1]["stack_thresholds"] = [round(float(t), 3) for _, t in stacker]
            off = pred  # "without rule" column: the plain procedure's predictions, same models
            pred = stacked(stacker, proba, classes)
        for k, i in enumerate(dev[te]):
            pred_by[int(i)] = pred[k]
            proba_by[int(i)] = proba[k]
            off_by[int(i)] = off[k]
            plain_by[int(i)] = plain[k]
        log.append(
            f"  chose {params}; thresholds {np.round(est.thresholds_, 3).tolist()}; pool {est.pool_} "
            f"(floor {est.model_.pool_min_chars}); "
            f"dominance {est.dominance_}"
        )
        print(log[-1], flush=True)
    order = np.array(sorted(pred_by))
    pred_all = [pred_by[int(i)] for i in order]
    proba_all = np.array([proba_by[int(i)] for i in order])
    out = report(pool, order, pred_all)
    out["reliability"] = reliability([pool.ys[i] for i in order], proba_all, classes)
    out["chosen"] = chosen
    # the same models with the dominance rule turned off (ratio 0), same folds
    out["without_rule"] = report(pool, order, [off_by[int(i)] for i in order])
    if KIND_PRIOR:  # the same models without the kind prior (its rule, as before), same folds
        out["without_prior"] = report(pool, order, [plain_by[int(i)] for i in order])
    if EVIDENCE:  # the same models, prior and rule, without the evidence rule (the shipped procedure)
        out["without_evidence"] = report(pool, order, [noev_by[int(i)] for i in order])
    out["reference_tops"] = reference_tops(pool, order, proba_all, classes)
    # every held-out dev unit's prediction, for error analysis (ids and labels only, no text)
    out["units"] = [
        {
            "doc": pool.doc[i],
            "unit": pool.unit_ids[i],
            "part": "reply" if pool.reply[i] else "proposal",
            "kind": pool.kind[i],
            "gold": pool.ys[i],
            "pred": pred_all[k],
            "proba": dict(zip(classes, np.round(proba_all[k], 3).tolist(), strict=True)),
        }
        for k, i in enumerate(order)
    ]
    return out


def reference_tops(pool: Pool, idx: np.ndarray, proba: np.ndarray, classes: list[str]) -> dict[str, Any]:
    """For P-Q1..P-Q4 of the reference document (when in ``idx``): gold theme, predicted top, agreement."""
    out: dict[str, Any] = {}
    for k, i in enumerate(idx):
        if pool.unit_ids[i] in REFERENCE_PROBLEMS and pool.doc[i].startswith("pingdingshan"):
            top = classes[int(np.argmax(proba[k]))]
            out[pool.unit_ids[i]] = {"gold": pool.ys[i], "top": top, "ok": top in pool.ys[i]}
    return out


# -- model card ----------------------------------------------------------------------------------------------
def bars_met(nested_ev: dict[str, Any]) -> dict[str, bool]:
    """The quality bars of issue 13 on the nested dev figures (with the rule)."""
    per = nested_ev["all"]["per_theme"]
    return {
        "macro-F1 >= 0.83": nested_ev["all"]["macro_f1"] >= 0.83,
        "proposal >= 0.78": nested_ev["proposal"]["macro_f1"] >= 0.78,
        "reply >= 0.78": nested_ev["reply"]["macro_f1"] >= 0.78,
        "every theme P and R >= 0.75": all(m["precision"] >= 0.75 and m["recall"] >= 0.75 for m in per.values()),
    }


def _theme_table(title: str, blocks: list[tuple[str, dict[str, Any]]]) -> list[str]:
    head = "| theme | " + " | ".join(f"{name} P | {name} R | {name} F1" for name, _ in blocks) + " |"
    lines = [title, "", head, "| --- |" + " ---: | ---: | ---: |" * len(blocks)]
    for t in THEMES:
        cells = []
        for _, b in blocks:
            m = b["per_theme"][t]
            cells.append(f"{m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f}")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines.append("| **macro-F1** | " + " | ".join(f" | | **{b['macro_f1']:.3f}**" for _, b in blocks) + " |")
    lines.append("| none-rate | " + " | ".join(f" | | {b['none_rate']:.3f}" for _, b in blocks) + " |")
    lines.append("| units | " + " | ".join(f" | | {b['n_units']}" for _, b in blocks) + " |")
    return lines


def model_card(manifest: dict[str, Any], data: dict[str, Any], ev: dict[str, Any]) -> str:
    """The text of MODEL_CARD.md."""
    params = manifest.get("params", {})
    pooling = manifest.get("pooling")
    lines = [
        "# Default theme model (talent, funding, innovation, awareness)",
        "",
        "Multi-label classifier of proposal and reply text into the four themes of `../shared/ANNOTATION.md`;",
        "a unit may carry several themes or none. Loaded by `proposalnlp.classify` / `classify_many` /",
        "`classify_document`; verified against the hash pinned in `proposalnlp/themes/default-model.sha256`.",
        "",
        "## How it was built",
        "",
        "`python scripts/train_default_model.py` (seeded, deterministic) fits `proposalnlp.ThemeClassifier` with:",
        "",
        "```",
        json.dumps(params, ensure_ascii=False, sort_keys=True),
        "```",
        "",
        "Features: TF-IDF of the project's tokenizer (word unigrams + bigrams) and character 1-3-grams, sublinear tf;",
        "the word n-grams of a unit's first sentence (usually its heading) count twice (`lead_weight=1`); one linear",
        "SVM per theme; Platt calibration fitted on document-grouped held-out folds of the training data inside `fit`.",
        *(
            [
                "One probability threshold per theme, chosen by cross-validation on the training data: the F1-best",
                f"of {THRESHOLDS[0]:.2f}-{THRESHOLDS[-1]:.2f} (step 0.05) on the held-out predictions of the inner",
                "grouped CV over the training gold documents (`--tune-thresholds`).",
            ]
            if TUNE_THRESHOLDS
            else [
                "One probability threshold per theme, chosen by cross-validation on the training data only",
                '(`threshold="cv"`): the F1-best threshold on the document-grouped held-out folds inside `fit`',
                "(the project's labels and the training gold units together).",
            ]
        ),
        'Sentence pooling (`pooling="max"`): a unit of at least `pool_min_chars` characters with several sentences',
        "(cut after 。！？； and line breaks, pieces under 12 characters joined to the next) is also scored sentence",
        "by sentence with the same weights; theme k's score becomes `u + w_k * max(0, s - u)` (u the whole unit's,",
        "s the best sentence's), w_k chosen per theme from 0/0.25/0.5/0.75/1 on the same held-out folds.",
        "`explain()` names the sentence that carried a theme.",
        'Dominance rule (`dominance="cv"`): of the themes above their thresholds, a unit keeps those whose',
        "probability is at least r times the highest of them (the top one is always kept, so the rule never",
        "empties a unit); r is chosen from " + "/".join(f"{x:g}" for x in DOMINANCE_RATIOS) + " (0 = off) on the same",
        "held-out folds inside `fit` that choose the thresholds (best macro-F1, ties to the smaller ratio), scored",
        *(
            [
                "on the gold units of those folds only (`fit(..., select_on=...)`: the training units labelled "
                "like the",
                "evaluation; the project's labels put two themes on a unit more often).",
            ]
            if SELECT_ON == "gold"
            else ["on every training unit of those folds (`--select-on all`)."]
        ),
        "It counters over-assignment: a unit that mentions a second theme in passing scores it above its threshold",
        "but far below its main theme.",
        *(
            [
                "Kind prior (`kind_prior` in the manifest; applied when the caller gives the unit's kind:",
                "`classify_document`, `match`, `classify(text, kind=...)`, `classify_many(texts, kinds=...)`; plain",
                "`classify(text)` is unchanged): units of a frame kind ("
                + ", ".join(manifest["kind_prior"]["frame"])
                + ") carry no theme (ANNOTATION.md: greetings and",
                "thanks, no theme; only section, item and next-step units answer); units of a describing kind ("
                + ", ".join(manifest["kind_prior"]["describing"])
                + ")",
                "get every threshold times one factor (at most 0.99), chosen from "
                + "/".join(f"{x:g}" for x in KIND_SCALES)
                + " on `fit`'s held-out probabilities",
                "of its gold training units (best macro-F1 with the model's thresholds and ratio, ties to the",
                "smaller); each unit's kind is "
                + (
                    "the one `parse()` gives it (the kind of the parsed unit covering most of the gold unit)."
                    if KIND_SOURCE == "parser"
                    else "the gold file's own (`--kinds gold`)."
                ),
            ]
            if manifest.get("kind_prior")
            else []
        ),
        *(
            [
                "Evidence (`evidence` in the manifest; every prediction, with or without a kind): after the rules",
                "above, a unit keeps a theme only if it holds one of that theme's words (money for funding;",
                "technology, R&D and digital systems for innovation; people and skills for talent; minds and",
                "publicity for awareness: `proposalnlp.themes.evidence.THEME_WORDS`, written from ANNOTATION.md's",
                "definitions and issue 13's categories). It only removes themes; the probabilities and `.top` are",
                "unchanged.",
            ]
            if manifest.get("evidence")
            else []
        ),
        "",
        "- thresholds (probability): "
        + ", ".join(f"{t} {x:.3f}" for t, x in zip(manifest["labels"], manifest["thresholds"], strict=True)),
        f"- pooling: {json.dumps(pooling) if pooling else 'none (every weight chosen inside fit was 0)'}",
        f"- dominance ratio r: {manifest.get('dominance', 0.0)}",
        *(
            [
                f"- kind prior: describing factor {manifest['kind_prior']['scale']:g} (background, problem); "
                "no theme on " + ", ".join(manifest["kind_prior"]["frame"])
            ]
            if manifest.get("kind_prior")
            else ["- kind prior: none (`--no-kind-prior`)"]
        ),
        (
            "- evidence words per theme: "
            + ", ".join(f"{t} {len(ws)}" for t, ws in manifest["evidence"].items())
            + " (`proposalnlp.themes.evidence.THEME_WORDS`)"
            if manifest.get("evidence")
            else "- evidence rule: none (`--no-evidence`)"
        ),
        f"- C and gold weight (copies of each training gold unit) were chosen among {len(GRID)} candidates",
        f"  by grouped {INNER_FOLDS}-fold CV over the dev gold documents (inner macro-F1"
        + (" at the tuned thresholds):" if TUNE_THRESHOLDS else "):"),
        *[f"  - {json.dumps({k: v for k, v in r.items() if k != 'thresholds'})}" for r in ev.get("final_choice", [])],
        "",
        "Procedure history (so that the figures below can be weighed): the first complete run of this procedure",
        "tuned the thresholds on the inner held-out gold predictions instead (`--tune-thresholds`); it gave",
        "nested dev macro-F1 0.685 (proposal 0.704, reply 0.654) and test 0.747 (proposal 0.711, reply 0.796).",
        "The thresholds of `fit` were then adopted because the issue prescribes them and their nested dev figure",
        "is higher (0.707); the test part was therefore read twice, once per variant, and the choice between",
        "them was made on the dev figure, not on the test one. That model (nested dev 0.707, test 0.720) had 195k",
        "features and cold-started 20-60% slower than the previous model; the vocabulary was then capped at 100k",
        "terms per block (`max_features`) for speed alone, and the whole procedure rerun (nested dev 0.703). The",
        "test part had been read three times by then; no choice was made on it.",
        "",
        "The dominance rule came next, out of an error analysis of the nested dev predictions (63 themes wrongly",
        f"added against 22 missed). It was the one kept among {VARIANTS_TRIED} variants of the procedure compared on",
        "the nested dev figure (with its ratio then chosen on the inner held-out gold predictions: nested dev",
        "0.737, +0.022/+0.039/+0.029 on 3 seeds). Choosing one of many variants on the same dev documents makes",
        "the dev figure of the chosen one **optimistic**: part of its gain over the others is luck on those",
        "documents. The shipped procedure, a 19th variant evaluated once, chooses r inside `fit` instead, on the",
        "held-out folds that choose the thresholds. Those folds are nine tenths the project's labels, where a",
        "unit carries two themes more often than in the gold (two themes on 8% of dev proposal units and 2% of",
        "reply units), so `fit` chooses a",
        "milder r (0.4-0.5, against 0.7-0.9 on the inner gold predictions) and the gain is smaller: nested dev",
        "0.720 against 0.703 for the same procedure without the rule (`--dominance 0`, same outer folds; it",
        "reproduces the previous model's figures exactly). That model read test 0.742 (proposal 0.684, reply",
        "0.838).",
        "",
        "A 20th variant, evaluated once, is the current procedure: r is still chosen inside `fit`, but scored on",
        "the gold units of its held-out folds only (`fit(..., select_on=...)`), as the 0.737 above suggested.",
        "It chooses r = 0.6-0.9 per outer fold and gives nested dev 0.746 (proposal 0.746, reply 0.737) against",
        "0.720 (proposal 0.721, reply 0.708) for the previous procedure in the same outer folds (`--select-on all`).",
        "The dev figures below, with and without the rule, come from one nested run: the same outer folds and",
        "the same fitted models, the rule turned off by setting r = 0 (C and the gold weight were chosen with the",
        'rule on, so "no rule" is not exactly the procedure without it, 0.703).',
        "",
        "A 21st variant, evaluated once and not kept (issue 13: vocabulary the labelled units never show): a dense",
        "block appended to the TF-IDF features, each unit's mean word vector (its content tokens weighted by their",
        "IDF over the training texts, L2-normalised, weight 1.0 fixed before looking), from PPMI + SVD vectors",
        "(`devtools/embeddings.py --exclude-test`, 23.6k words x 128) learned from the background text, which holds",
        "the dev gold proposals' own text but not the test part's Jiangsu proposals nor any reply text. Everything",
        "else as above, same outer folds: nested dev 0.743 (proposal 0.770, reply 0.674) against 0.746 (proposal",
        "0.746, reply 0.737) for this procedure without it, rerun in the same session. It made the model more",
        "conservative, not more sensitive: recall fell for innovation (0.886 to 0.771), awareness (0.727 to 0.636)",
        "and funding (0.883 to 0.844), talent unchanged (0.682); 10 gold themes lost against 2 found, 26 wrong",
        "themes removed against 9 added. Short of the +0.02 and recall bars set before the run; the code was not",
        "merged.",
        "",
        "A 22nd variant, evaluated once and not kept (issue 13, a well-known small-data idea): NBSVM (Wang & Manning",
        "2012): each theme's SVM trained on the TF-IDF features times that theme's log-count ratios r_k (term",
        "presence summed over the positive and the negative training units, alpha = 1; both fixed before the run, no",
        "interpolation), r_k computed inside `fit` from the rows each model is trained on. Everything else as above,",
        "same outer folds, baseline rerun in the same session (it reproduced 0.746): nested dev 0.700 (proposal",
        "0.695, reply 0.712) against 0.746 (proposal 0.746, reply 0.737). Recall fell for innovation (0.886 to",
        "0.743) and talent (0.682 to 0.636), awareness unchanged (0.727), funding up (0.883 to 0.896; its F1 rose",
        "0.819 to 0.847); `fit` chose no dominance rule in four of five outer folds (r = 0 where the baseline chose",
        "0.6-0.9); P-Q1 lost its own theme as top. 48 units flipped: 5 gold themes found against 10 lost, 18 wrong",
        "themes added and 18 removed. Short of the +0.015 and recall bars set before the run; the code was not",
        "merged.",
        "",
        "A 23rd variant, evaluated once and not kept (issue 13, a well-known idea for noisy labels): confident",
        'learning (Northcutt et al. 2021) inside `fit` (`clean="drop"`, `--clean`): per theme, the out-of-fold',
        "probabilities of `fit`'s own document-grouped held-out folds (same settings) flag the project's labels they",
        "contradict, by cleanlab's prune-by-noise-rate rule (thresholds: the mean probability of the units labelled",
        "positive and of those labelled negative; rule and action fixed before the run); flagged units are dropped",
        "from that theme's models, calibration, pooling weight and threshold, the gold units never. It flagged 64",
        "talent, 113 funding, 68 innovation and 44 awareness labels per outer fold (of 3,658 units; 2.1% of the",
        "Jiangsu unit-theme labels, 2.8% of the work-report ones, 1.3% of the Teddy replies', 0.9% of the handwritten",
        "ones; 42% of them positive). Everything else as above, same outer folds, baseline rerun in the same session",
        "(it reproduced 0.746): nested dev 0.749 (proposal 0.761, reply 0.730) against 0.746 (proposal 0.746, reply",
        "0.737). Precision rose for talent (0.682 to 0.750) and funding (0.764 to 0.784), recall fell for innovation",
        "(0.886 to 0.829), the others unchanged or up; `fit` chose r = 0.9 in four of five outer folds; P-Q1 lost its",
        "own theme as top. 18 units flipped: 1 gold theme found against 2 lost, 6 wrong themes added and 9 removed.",
        "Short of the +0.015 and recall bars set before the run; the code was not merged (the evaluation took 20 min",
        "against 11).",
        "",
        "A 24th and a 25th variant, each evaluated once and not kept (issue 13, the fifteenth session; details and",
        "figures in `models/training/README.md`): both learn the gold's conventions from the gold units of each outer",
        "training fold. Feature augmentation (Daume III 2007, `--adapt 1`: the gold units get their own copy of the",
        "features and a bias, the model predicts as for a gold unit): nested dev 0.732 (proposal 0.747, reply 0.708),",
        "wrong funding labels 21 to 32. Stacking (`--stack`: per theme a logistic regression on the four held-out",
        "probabilities of `fit`, fitted on the fold's gold units, replacing thresholds and the rule): 0.657 (proposal",
        "0.669, reply 0.636), its thresholds jumping between folds. Baseline rerun in the same session: 0.746.",
        "",
        "A 26th and a 27th variant, each evaluated once and not shipped (issue 13, the fifteenth session, second",
        "helper; details in `models/training/README.md`): one factor for every threshold, chosen with the dominance",
        "ratio on fit's held-out gold units (`--threshold-scale cv`): nested dev 0.755 (proposal 0.765, reply 0.730),",
        "short of the +0.01 bar, the factor never above 1; the unit's kind as a prior (now the default: one threshold",
        "factor for background and problem units chosen the same way, no theme on salutations, closings and headers;",
        "gold kinds): 0.764 (proposal 0.771, reply 0.750; 0.759 with the parser's kinds), past the bar, not shipped",
        "because it needs the unit's kind at prediction time (plumbing left for the next session). Baseline: 0.746.",
        "",
        "The 27th variant, the kind prior, is the current procedure (issue 13, the sixteenth session): the model",
        "folder holds the prior (an optional manifest field; folders without it behave as before), `classify_document`",
        "and `match` pass each unit's kind, and the training script chooses the factor on `fit`'s held-out gold units",
        "of the whole dev part for the shipped model. The kinds are now the parser's throughout, for the choice of",
        "the factor as for the evaluation (prediction has no other), where the variant's run had chosen the factors",
        "with the gold files' kinds. The weights, calibration, thresholds and ratio are those of the model before",
        "(the same choices on the whole dev part), so `classify(text)` without a kind gives the labels it gave.",
        "",
        "A 28th variant, evaluated once and not kept (issue 13, the sixteenth session): each unit read without its",
        "sentences that only describe (`--focus-acting`): nested dev 0.714 trained and scored that way, 0.756 scored",
        "only, against 0.759; details in `models/training/README.md`.",
        "",
        "A 29th variant, evaluated once, is the current procedure (issue 13, the seventeenth session): a theme needs",
        "its evidence. A predicted theme is kept only if its unit holds one of the theme's words, written from",
        "ANNOTATION.md's definitions and the issue's categories before the rule was measured; it is applied after",
        "the dominance rule and the kind prior and only removes themes. It has no parameter: the models and every",
        "choice are those of the procedure before (its `.npy` files are byte-identical; the manifest gained the",
        "word lists), so the nested dev figure of the variant is the procedure before's run with the rule applied",
        "to its held-out labels: 0.770 against 0.759 (bar fixed before the run: at least 0.769), 12 of 337 units",
        "changed, 10 wrong themes and 2 right ones removed. The margin over the bar is one unit.",
        "",
        "A 30th variant, evaluated once and not kept (issue 13, the seventeenth session, second helper; `--pool-cv`):",
        "one pooling weight for every theme and the length floor (300/150/80 characters) chosen inside `fit`. Nested",
        "dev 0.782 against 0.770 (bar: at least 0.780), but every outer fold chose the 300-character floor and",
        "the gain came from re-choices of calibration and thresholds; shipped for a while, its build chose the",
        "80-character floor, read the test part once (the eighth reading: 0.763 against this build's 0.778) and slowed",
        "the warm `classify()` call 1.35x. Reverted at merge to this build; details in `models/training/README.md`.",
        "",
        "## Training data",
        "",
        f"{data['n_train']} units: the project's labels (`models/training/`, see its README) and the gold units of the",
        f"development part of the shared gold ({data['n_dev_docs']} documents). The {data['n_test_docs']} test "
        f"documents ({data['n_test_units']} units, `devtools.annotate.is_test_document`) are not trained on.",
        "",
        "| source | units | talent | funding | innovation | awareness | none |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for src, c in data["by_source"].items():
        lines.append(
            f"| {src} | {c['units']} | {c['talent']} | {c['funding']} | {c['innovation']} | {c['awareness']} "
            f"| {c['none']} |"
        )
    lines += ["", "## Measured quality", ""]
    nested_ev = ev.get("nested")
    test_ev = ev.get("test")
    if nested_ev:
        bars = bars_met(nested_ev)
        lines += [
            f"**Dev (held-out, nested CV)**: {OUTER_FOLDS} outer folds over the {data['n_dev_docs']} dev gold "
            "documents; in each, every choice (C, gold weight, pooling, pooling weights, thresholds, calibration, "
            'dominance ratio, kind factor) was made on the other folds and the project\'s labels only. "dev" is the '
            "shipped procedure (with the rule and, where the model has them, the kind prior on the parser's kinds and "
            'the evidence rule), "dev, no rule" the same models (and prior, and evidence) with r = 0, '
            + (
                '"dev, no evidence" the same models and prior without the evidence rule (the procedure before it; '
                f"without the kind prior as well: {nested_ev['without_prior']['all']['macro_f1']:.3f}). "
                if "without_evidence" in nested_ev and "without_prior" in nested_ev
                else '"dev, no prior" the same models without the kind prior (the labels plain `classify(text)` '
                "gives). "
            )
            + (
                "**Test (held-out)**: the shipped model (choices made on the whole dev part) on the "
                f"{data['n_test_docs']} test documents." + (f" {ev['test_note']}" if ev.get("test_note") else "")
                if test_ev
                else "**Test**: not read for this build (`--no-test`); the held-out test figure is read once, "
                "at the end, by running the script without `--no-test`."
            ),
            "",
            "Against the bars of issue 13 (nested CV: macro-F1 >= 0.83, proposal and reply units each >= 0.78, every",
            f"theme's recall >= 0.75 at precision >= 0.75): **{'met' if all(bars.values()) else 'not met'}** "
            "(" + ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in bars.items()) + ").",
            "",
        ]
        for part in ("all", "proposal", "reply"):
            blocks = [("dev", nested_ev[part]), ("dev, no rule", nested_ev["without_rule"][part])]
            if "without_evidence" in nested_ev:
                blocks.append(("dev, no evidence", nested_ev["without_evidence"][part]))
            elif "without_prior" in nested_ev:
                blocks.append(("dev, no prior", nested_ev["without_prior"][part]))
            if test_ev:
                blocks.append(("test", test_ev[part]))
                if ev.get("test_without_evidence"):
                    blocks.append(("test, no evidence", ev["test_without_evidence"][part]))
                elif ev.get("test_without_prior"):
                    blocks.append(("test, no prior", ev["test_without_prior"][part]))
            lines += _theme_table(f"### {part} units" if part != "all" else "### all gold units", blocks)
            lines.append("")
        if test_ev and "pages" in test_ev:
            before, key = ("evidence rule", "evidence") if ev.get("test_without_evidence") else ("kind prior", "prior")
            plain_pages = ev.get(f"test_without_{key}", {}).get("pages")
            lines += [
                f"The {test_ev['pages']['n_units']} test units of the stored reply pages (their proposal parts "
                f"included): macro-F1 {test_ev['pages']['macro_f1']:.3f}"
                + (f" ({plain_pages['macro_f1']:.3f} without the {before})." if plain_pages else "."),
                "",
            ]
        lines.append(
            "Choices per outer fold: "
            + "; ".join(
                json.dumps({k: v for k, v in c.items() if not (k == "thresholds" and not TUNE_THRESHOLDS)})
                for c in nested_ev["chosen"]
            )
            + "."
        )
        lines.append("")
        tops = nested_ev["reference_tops"]
        if tops:
            lines.append(
                "Reference problems P-Q1..P-Q4, top theme when their document is held out (nested CV): "
                + ", ".join(
                    f"{k} {v['top']} ({'ok' if v['ok'] else 'gold ' + '/'.join(v['gold'])})" for k, v in tops.items()
                )
                + "; the shipped model (trained on them) gives each its own gold theme as top (tests/quality)."
            )
            lines.append("")
        lines += [
            "### Reliability per theme (dev, nested CV)",
            "",
            "Held-out probabilities in five bins: units / mean probability / share of units that carry the theme.",
            "",
            "| theme | " + " | ".join(f"{b / 5:.1f}-{(b + 1) / 5:.1f}" for b in range(5)) + " | Brier | ECE |",
            "| --- |" + " ---: |" * 7,
        ]
        for t, r in nested_ev["reliability"].items():
            cells = {tuple(b["bin"]): f"{b['n']} / {b['mean_p']:.2f} / {b['freq']:.2f}" for b in r["bins"]}
            row = [cells.get((b / 5, (b + 1) / 5), "-") for b in range(5)]
            lines.append(f"| {t} | " + " | ".join(row) + f" | {r['brier']:.3f} | {r['ece']:.3f} |")
        lines.append("")
    else:
        lines += ["(Nested evaluation not run for this build.)", ""]
        if test_ev:
            lines += _theme_table("### test (held-out)", [("test", test_ev["all"])])
        lines.append("")
    if ev.get("seconds"):
        lines += [f"Wall time of the evaluation: {ev['seconds']:.0f} s.", ""]
    lines += [
        "## Limitations",
        "",
        "- Small data: a few hundred positive units per theme at most; 'main point vs passing mention' is a",
        "  judgement call and labels are noisy. The test part is small (awareness has a handful of units there:",
        "  one unit moves its F1 by several points).",
        "- Trained on Chinese provincial proposals (Jiangsu 2019 CPPCC), national work reports and official replies;",
        "  other genres (news, citizen messages) are untested.",
        "- Bag of n-grams: it sees words, not the structure of the unit; sentence pooling only adds a theme that a",
        "  whole sentence is about, it never removes one.",
        "- The dominance rule compares calibrated probabilities across themes: a unit truly about two themes of",
        "  unequal strength (a funding sub-point inside a long innovation suggestion) can lose the weaker one.",
        "- The evidence rule reads words, not meaning: a theme said only in words outside its list is lost (on the dev",
        "  gold, 2 of 121 right themes), and a word in another sense (费 in 浪费, 平台 of a government database) keeps",
        "  a theme it should not; most wrong themes hold their theme's words (30 of the 40 on the dev gold).",
        "- The kind prior needs the unit's kind: plain `classify(text)` has none and gives the plain labels, and a",
        "  unit the parser gives the wrong kind is held to that kind's rule (on the dev gold the parser puts 332 of",
        "  337 units in the gold's group: describing, frame or other).",
        "",
        f"Manifest data hash: `{manifest.get('training', {}).get('data_sha256', '?')}`.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-nested", action="store_true", help="skip the nested cross-validation")
    ap.add_argument("--pin", action="store_true", help="pin the new manifest hash (themes/default-model.sha256)")
    ap.add_argument(
        "--nested-only",
        action="store_true",
        help="run the nested evaluation on the dev gold only: no test figure, no model saved (to compare variants "
        "without reading the test part)",
    )
    ap.add_argument("--out", type=Path, default=OUT, help="model folder (default: models/themes-default)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument(
        "--without-labels",
        nargs="+",
        default=[],
        metavar="FILE",
        help="leave these models/training/*.jsonl files out (by name), e.g. to compare with a file added",
    )
    ap.add_argument(
        "--no-test",
        action="store_true",
        help="train and save the model without evaluating it on the test part of the gold (the test figure is "
        "read once, at the end, by whoever runs the script without this flag)",
    )
    ap.add_argument("--card-from", type=Path, help="only rewrite MODEL_CARD.md of --out from a --json file")
    ap.add_argument(
        "--tune-thresholds", action="store_true", help="thresholds from the inner gold CV (see TUNE_THRESHOLDS)"
    )
    ap.add_argument(
        "--dominance",
        default=None,
        help="the estimator's dominance parameter instead of BASE's 'cv': a ratio in [0, 1) (0: the rule off, "
        "the procedure before it was adopted)",
    )
    ap.add_argument(
        "--select-on",
        choices=("gold", "all"),
        default=None,
        help="the training units on which fit chooses the dominance ratio (see SELECT_ON; default gold)",
    )
    ap.add_argument(
        "--adapt",
        type=float,
        default=None,
        help="the estimator's adapt parameter (feature augmentation with the gold units as the target domain; "
        "0: off, the default)",
    )
    ap.add_argument(
        "--threshold-scale",
        default=None,
        help="the estimator's threshold_scale parameter: 'cv' (one factor for every threshold, chosen with the "
        "dominance ratio on fit's held-out gold units) or a number (1: off, the default)",
    )
    ap.add_argument(
        "--no-kind-prior",
        action="store_true",
        help="the procedure without the kind prior (see KIND_PRIOR): the shipped model then has none",
    )
    ap.add_argument(
        "--kinds",
        choices=("parser", "gold"),
        default=None,
        help="where the gold units' kinds come from (see KIND_SOURCE; default parser)",
    )
    ap.add_argument(
        "--focus-acting",
        nargs="?",
        const="all",
        choices=("all", "score"),
        help="read every unit without its describing sentences when it has one that asks or acts, for "
        "training and scoring (all) or for scoring the held-out units only (score); see FOCUS_ACTING",
    )
    ap.add_argument(
        "--pool-cv",
        action="store_true",
        help="the pooling variant: one weight for every theme and the "
        "length floor chosen inside fit, scored with the evidence rule (see POOL_CV)",
    )
    ap.add_argument("--stack", action="store_true", help="evaluate the stacking variant (see STACK); nested only")
    ap.add_argument(
        "--no-evidence",
        action="store_true",
        help="the procedure without the evidence rule (see "
        "EVIDENCE): a predicted theme is kept whatever words its unit holds",
    )
    args = ap.parse_args(argv)
    global STACK, KIND_PRIOR, KIND_SOURCE, FOCUS_ACTING, EVIDENCE, POOL_CV
    POOL_CV = bool(args.pool_cv)
    if POOL_CV:
        BASE.update(pool_weight="cv", pool_min_chars="cv")
        if not args.no_evidence:
            BASE["evidence"] = {t: list(ws) for t, ws in THEME_WORDS.items()}
    FOCUS_ACTING = args.focus_acting or ""
    EVIDENCE = not args.no_evidence
    KIND_PRIOR = not args.no_kind_prior
    if args.kinds is not None:
        KIND_SOURCE = args.kinds
    STACK = bool(args.stack)
    if STACK:  # the stacker replaces the thresholds: the variant was run without the kind prior
        KIND_PRIOR = False
    if STACK and not args.nested_only:
        ap.error("--stack is a variant for --nested-only runs")
    if args.adapt is not None:
        if args.adapt > 0 and args.select_on == "all":
            ap.error("--adapt needs the gold units as select_on (not --select-on all)")
        BASE["adapt"] = args.adapt
    if args.threshold_scale is not None:
        BASE["threshold_scale"] = args.threshold_scale if args.threshold_scale == "cv" else float(args.threshold_scale)
    global SELECT_ON
    if args.select_on is not None:
        SELECT_ON = args.select_on
    if args.dominance is not None:
        BASE["dominance"] = args.dominance if args.dominance == "cv" else float(args.dominance)
    global TUNE_THRESHOLDS
    TUNE_THRESHOLDS = bool(args.tune_thresholds)
    if args.card_from:
        saved = json.loads(args.card_from.read_text(encoding="utf-8"))
        manifest = json.loads((args.out / "manifest.json").read_text(encoding="utf-8"))
        (args.out / "MODEL_CARD.md").write_text(model_card(manifest, saved["data"], saved), encoding="utf-8")
        return 0

    t0 = time.time()
    golds = [*iter_gold_documents(), *load_reply_page_gold()]
    label_files = sorted((ROOT / "models" / "training").glob("*.jsonl"))
    unknown = set(args.without_labels) - {f.name for f in label_files}
    if unknown:
        ap.error(f"--without-labels: no such file in models/training: {sorted(unknown)}")
    labels = load_theme_labels(files=[f for f in label_files if f.name not in args.without_labels])
    pool = Pool(golds, labels)
    if FOCUS_ACTING:
        focused = [acting_text(t) for t in pool.texts]
        changed = np.array([a != b for a, b in zip(focused, pool.texts, strict=True)])
        print(
            f"focus on acting sentences: {int(changed.sum())} of {len(changed)} units shortened "
            f"({int(changed[pool.is_dev].sum())} of {int(pool.is_dev.sum())} dev gold units)",
            flush=True,
        )
        pool.scored = focused
        if FOCUS_ACTING == "all":
            pool.texts = focused
    train_idx = np.flatnonzero(~pool.is_test)
    test_idx = np.flatnonzero(pool.is_test)
    by_source: dict[str, Counter[str]] = {}
    for i in train_idx:
        src = "gold (dev part)" if pool.is_gold[i] else f"labels: {pool.groups[i].split(':')[0]}"
        c = by_source.setdefault(src, Counter())
        c["units"] += 1
        c.update(pool.ys[i])
        c["none"] += not pool.ys[i]
    data = {
        "n_train": len(train_idx),
        "n_dev_docs": len(pool.dev_docs()),
        "n_test_docs": len({pool.doc[i] for i in test_idx}),
        "n_test_units": len(test_idx),
        "by_source": {k: {f: int(v[f]) for f in ["units", *THEMES, "none"]} for k, v in by_source.items()},
    }
    print(json.dumps(data, ensure_ascii=False), flush=True)

    log: list[str] = []
    ev: dict[str, Any] = {}
    if not args.no_nested:
        ev["nested"] = nested(pool, log)
        print("NESTED", json.dumps({k: ev["nested"][k] for k in ("all", "proposal", "reply")}), flush=True)
        print("NESTED without the dominance rule", json.dumps(ev["nested"]["without_rule"]), flush=True)
    if args.nested_only:
        if "nested" not in ev:
            ap.error("--nested-only and --no-nested exclude each other")
        if args.json:
            args.json.write_text(json.dumps({"data": data, **ev, "log": log}, ensure_ascii=False, indent=1), "utf-8")
        return 0

    log.append("final choice on the whole dev part")
    params, thresholds, results = choose(pool, train_idx, log)
    ev["final_choice"] = results
    est = fit(params, pool, train_idx, thresholds)
    if KIND_PRIOR:
        est.model_.kind_prior = kind_prior(choose_kind_scale(est, pool))
        ev["kind_prior"] = est.model_.kind_prior.to_dict()
    if EVIDENCE:  # chosen without it, as in the nested evaluation; the words go into the manifest
        est.model_.evidence = Evidence(THEME_WORDS)
    log.append(
        f"shipped: {params}; pool {est.pool_}; dominance {est.dominance_}; kind prior {ev.get('kind_prior')}; "
        f"evidence {est.model_.evidence is not None}"
    )
    print(log[-1], flush=True)
    metrics: dict[str, Any] = {"fit_cv": est.cv_metrics_}
    if not args.no_test:
        pred, proba = predict(est, pool, test_idx)
        ev["test"] = report(pool, test_idx, pred)
        metrics["test_gold"] = ev["test"]
        print("TEST", json.dumps(ev["test"]), flush=True)
        texts = [pool.scored[i] for i in test_idx]
        if KIND_PRIOR:  # the same model without its prior (the texts' plain labels, as classify(text) gives them)
            plain = est.model_.labels_from(proba, proba, None, texts)
            ev["test_without_prior"] = report(pool, test_idx, plain)
            metrics["test_gold_without_prior"] = ev["test_without_prior"]
            print("TEST without the kind prior", json.dumps(ev["test_without_prior"]), flush=True)
        if EVIDENCE:  # the same model without the evidence rule (the model before it)
            words, est.model_.evidence = est.model_.evidence, None
            kinds = [pool.kind[i] or None for i in test_idx]
            ev["test_without_evidence"] = report(pool, test_idx, est.model_.labels_from(proba, proba, kinds))
            est.model_.evidence = words
            metrics["test_gold_without_evidence"] = ev["test_without_evidence"]
            print("TEST without the evidence rule", json.dumps(ev["test_without_evidence"]), flush=True)
    ev["seconds"] = round(time.time() - t0, 1)

    if "nested" in ev:
        metrics["nested_dev_gold"] = {k: ev["nested"][k] for k in ("all", "proposal", "reply", "chosen")}
        metrics["nested_dev_gold"]["without_rule"] = ev["nested"]["without_rule"]
        for key in ("without_prior", "without_evidence"):
            if key in ev["nested"]:
                metrics["nested_dev_gold"][key] = ev["nested"][key]
    folder = est.save(args.out, metrics=metrics)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "MODEL_CARD.md").write_text(model_card(manifest, data, ev), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"data": data, **ev, "log": log}, ensure_ascii=False, indent=1), "utf-8")

    from proposalnlp.themes.folder import sha256_file

    print(f"saved {folder}; manifest SHA-256 {sha256_file(folder / 'manifest.json')}")
    if args.pin:
        from proposalnlp.themes.api import pin_default_model

        print("pinned", pin_default_model())
    return 0


if __name__ == "__main__":
    sys.exit(main())
