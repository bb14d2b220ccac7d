"""Teddy Cup 2020 messages (7 first-level labels): ThemeClassifier vs two naive baselines, same folds, same run.

Baselines: (word) jieba.lcut tokens, scikit-learn's default TfidfVectorizer, LinearSVC; (word+char) the same
word TF-IDF beside a character 1-3-gram TF-IDF (``analyzer="char"``), LinearSVC. Ours: ThemeClassifier()
with its defaults (its own choices, e.g. the scale of the character block among CHAR_WEIGHTS, are made on
held-out folds inside each training fold; nothing is tuned on the test folds). Seeded 5-fold stratified
cross-validation; prints macro-F1 per fold and the mean for each, and the differences.

    python scripts/eval_teddy.py [--folds 5] [--seed 0] [--param C=0.5 ...]
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.shared import shared_dir
from proposalnlp import ThemeClassifier


def load_teddy() -> tuple[list[str], list[str]]:
    """The labelled messages, read in place from the shared folder."""
    path = shared_dir(required=True) / "benchmarks" / "teddy2020" / "messages-labeled.csv"  # type: ignore[operator]
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def baseline() -> Pipeline:
    """The naive pipeline users write first."""
    import jieba

    jieba.setLogLevel(60)
    return Pipeline([("tfidf", TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None)), ("svm", LinearSVC())])


def baseline_word_char() -> Pipeline:
    """The naive pipeline with character n-grams too: word TF-IDF + character 1-3-gram TF-IDF, LinearSVC."""
    import jieba

    jieba.setLogLevel(60)
    union = FeatureUnion(
        [
            ("word", TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None)),
            ("char", TfidfVectorizer(analyzer="char", ngram_range=(1, 3))),
        ]
    )
    return Pipeline([("tfidf", union), ("svm", LinearSVC())])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--param", action="append", default=[], help="ThemeClassifier parameter, e.g. C=0.5")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    params = {}
    for item in args.param:
        key, value = item.split("=", 1)
        try:
            params[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[key] = value
    texts, labels = load_teddy()
    X, y = np.array(texts, dtype=object), np.array(labels, dtype=object)
    print(
        f"teddy2020: {len(texts)} messages, {len(set(labels))} labels; {args.folds}-fold stratified, seed {args.seed}"
    )
    print(f"ThemeClassifier params: {params or 'defaults'}")
    skf = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    ours, base, base2 = [], [], []
    t_ours = t_base = 0.0
    for fold, (tr, te) in enumerate(skf.split(X, y), start=1):
        t0 = time.perf_counter()
        clf = ThemeClassifier(**params).fit(X[tr], y[tr])
        f_ours = f1_score(y[te], clf.predict(X[te]), average="macro")
        t1 = time.perf_counter()
        ours.append(f_ours)
        t_ours += t1 - t0
        line = f"fold {fold}: ours {f_ours:.4f} ({t1 - t0:.1f} s)"
        if not args.no_baseline:
            pipe = baseline().fit(list(X[tr]), y[tr])
            f_base = f1_score(y[te], pipe.predict(list(X[te])), average="macro")
            t2 = time.perf_counter()
            base.append(f_base)
            t_base += t2 - t1
            line += f"  baseline {f_base:.4f} ({t2 - t1:.1f} s)"
            pipe2 = baseline_word_char().fit(list(X[tr]), y[tr])
            f_base2 = f1_score(y[te], pipe2.predict(list(X[te])), average="macro")
            base2.append(f_base2)
            line += f"  word+char baseline {f_base2:.4f}"
        print(line, flush=True)
    print(f"mean macro-F1: ours {np.mean(ours):.4f} (sd {np.std(ours):.4f}, {t_ours:.0f} s total)")
    if base:
        print(f"mean macro-F1: baseline {np.mean(base):.4f} (sd {np.std(base):.4f}, {t_base:.0f} s total)")
        print(
            f"difference ours - baseline: {np.mean(ours) - np.mean(base):+.4f}; "
            f"ours better on {sum(a > b for a, b in zip(ours, base, strict=False))}/{len(ours)} folds"
        )
        print(f"mean macro-F1: word+char baseline {np.mean(base2):.4f} (sd {np.std(base2):.4f})")
        print(
            f"difference ours - word+char baseline: {np.mean(ours) - np.mean(base2):+.4f}; "
            f"ours better on {sum(a > b for a, b in zip(ours, base2, strict=False))}/{len(ours)} folds"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
