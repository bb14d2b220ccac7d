"""Real text, a user's own taxonomy: the Teddy Cup 2020 messages (7 labels), read in place from ../shared.

5-fold stratified cross-validation (seed 0), the folds of ``scripts/eval_teddy.py``; 4 min on 2 busy cores
(3 folds would train on less data, and the target is stated for 5). Ours runs with default settings except
``cv=2`` (fewer inner folds, for speed): inside each training fold, the inner held-out folds choose the scale
of the character block among ``CHAR_WEIGHTS`` and calibrate the probabilities; nothing is chosen on the test
fold. The baselines are the naive pipelines (jieba.lcut tokens, default TfidfVectorizer, LinearSVC; and
the same word TF-IDF beside a character 1-3-gram TF-IDF, LinearSVC), measured on the same folds; their jieba
tokenization is done once for all folds (same tokens as passing ``tokenizer=jieba.lcut``).

Figures when written: ours 0.9025 vs baseline 0.879 macro-F1; the word+char baseline 0.9003. Before the
character weight was chosen inside fit (a single weight 1.0), ours was 0.9000: level with the word+char baseline,
not above it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from proposalnlp import ThemeClassifier

FOLDS = 5


def _load(shared: Path) -> tuple[np.ndarray, np.ndarray]:
    with open(shared / "benchmarks" / "teddy2020" / "messages-labeled.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return np.array([r["text"] for r in rows], dtype=object), np.array([r["label"] for r in rows], dtype=object)


@pytest.fixture(scope="module")
def teddy_cv(shared: Path) -> dict[str, list[float]]:
    import jieba

    jieba.setLogLevel(60)
    X, y = _load(shared)
    assert len(X) == 2790 and len(set(y)) == 7
    tokens = [jieba.lcut(t.lower()) for t in X]
    ours, base, base_wc, conf_gap = [], [], [], []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(X, y):
        clf = ThemeClassifier(cv=2).fit(X[train], y[train])
        pred = clf.predict(X[test])
        ours.append(f1_score(y[test], pred, average="macro"))
        proba = clf.predict_proba(X[test])
        accuracy = float(np.mean(pred == y[test]))
        conf_gap.append(abs(float(proba.max(axis=1).mean()) - accuracy))
        vec = TfidfVectorizer(analyzer=lambda toks: toks)
        svm = LinearSVC().fit(vec.fit_transform([tokens[i] for i in train]), y[train])
        base_pred = svm.predict(vec.transform([tokens[i] for i in test]))
        base.append(f1_score(y[test], base_pred, average="macro"))
        chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
        train_wc = sp.hstack([vec.transform([tokens[i] for i in train]), chars.fit_transform(X[train])]).tocsr()
        test_wc = sp.hstack([vec.transform([tokens[i] for i in test]), chars.transform(X[test])]).tocsr()
        wc_pred = LinearSVC().fit(train_wc, y[train]).predict(test_wc)
        base_wc.append(f1_score(y[test], wc_pred, average="macro"))
    return {"ours": ours, "baseline": base, "baseline_word_char": base_wc, "confidence_gap": conf_gap}


def test_macro_f1_floor_and_above_baseline(teddy_cv: dict[str, list[float]]) -> None:
    ours, base = np.mean(teddy_cv["ours"]), np.mean(teddy_cv["baseline"])
    assert ours >= 0.90, f"macro-F1 {ours:.4f} per fold {teddy_cv['ours']}"  # measured 0.9025
    assert ours > base + 0.01, f"ours {ours:.4f} vs baseline {base:.4f}"  # measured baseline 0.8791
    assert sum(a > b for a, b in zip(teddy_cv["ours"], teddy_cv["baseline"], strict=True)) >= FOLDS - 1


def test_above_the_word_and_char_baseline(teddy_cv: dict[str, list[float]]) -> None:
    """Word + character TF-IDF + LinearSVC is the stronger naive baseline (issue 13): ours is above it, same folds."""
    ours, base = np.mean(teddy_cv["ours"]), np.mean(teddy_cv["baseline_word_char"])
    assert ours > base, f"ours {ours:.4f} vs word+char baseline {base:.4f}"  # measured 0.9025 vs 0.9003


def test_probabilities_match_accuracy(teddy_cv: dict[str, list[float]]) -> None:
    """Calibrated: the mean top probability on held-out texts is close to the accuracy there."""
    assert max(teddy_cv["confidence_gap"]) < 0.05, teddy_cv["confidence_gap"]
