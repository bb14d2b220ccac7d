"""Evaluate Tokenizer settings on real text, to choose its defaults (HMM, stopwords, policy dictionary).

Classification: 5-fold stratified macro-F1 of TF-IDF (the tokenizer's tokens, ngram (1, 2), sublinear tf)
+ LinearSVC on the Teddy Cup 2020 messages (7 labels), on the Jiangsu CPPCC 2019 proposals' committee
categories (classes with at least 5 proposals; 5-fold repeated 3 times, as the set is small) and on the
gold units' themes (talent/funding/innovation/awareness, one binary LinearSVC per theme, out-of-fold
predictions of 5 folds, repeated 3 times; macro-F1 over the 4 themes). Each cell gives the mean over
folds and, in brackets, the paired difference to the default row (same folds), mean ± sd.
Dictionary (``--dictionary``): for every policy term, the share of its occurrences in the shared corpora
(Jiangsu proposals, work reports since 1990, Teddy messages) cut as one token, not counting occurrences
inside a longer policy term, and the baseline words the dictionary breaks; plus a check that jieba and
rjieba keep each term whole in short hand-written frames.

Reads ../shared in place. Usage: ``python scripts/eval_tokenizer.py [--dictionary]``.
"""

from __future__ import annotations

import argparse
import collections
import csv
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, RepeatedStratifiedKFold, StratifiedKFold
from sklearn.svm import LinearSVC

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.corpus import iter_gold_documents, jiangsu_proposals
from devtools.shared import shared_dir
from proposalnlp.themes import THEMES
from proposalnlp.tokenize import Tokenizer, normalize, policy_entries

VARIANTS: list[tuple[str, dict[str, object]]] = [
    ("hmm off, function stopwords (default)", {"hmm": False, "stopwords": "function"}),
    ("hmm on,  function stopwords", {"hmm": True, "stopwords": "function"}),
    ("hmm off, no stopwords", {"hmm": False, "stopwords": None}),
    ("hmm on,  no stopwords", {"hmm": True, "stopwords": None}),
    ("hmm off, function + boilerplate", {"hmm": False, "stopwords": "extended"}),
    ("hmm on,  function + boilerplate", {"hmm": True, "stopwords": "extended"}),
    ("hmm off, function, no policy dict", {"hmm": False, "stopwords": "function", "policy_dict": False}),
    ("hmm off, function, subwords", {"hmm": False, "stopwords": "function", "subwords": True}),
    ("hmm off, function + boilerplate, subwords", {"hmm": False, "stopwords": "extended", "subwords": True}),
    ("hmm off, function, subwords, no policy dict", {"stopwords": "function", "subwords": True, "policy_dict": False}),
]


def _identity(x: list[str]) -> list[str]:
    return x


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        tokenizer=_identity,
        preprocessor=_identity,
        lowercase=False,
        token_pattern=None,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=2,
    )


def theme_f1(docs: list[list[str]], labels: list[list[str]], repeats: int) -> list[float]:
    """Macro-F1 over the four themes of out-of-fold binary predictions, one figure per repeat."""
    scores = []
    for r in range(repeats):
        y = np.array([[t in ls for t in THEMES] for ls in labels])
        pred = np.zeros_like(y)
        for train, test in KFold(5, shuffle=True, random_state=r).split(docs):
            vec = _vectorizer()
            xtr = vec.fit_transform([docs[i] for i in train])
            xte = vec.transform([docs[i] for i in test])
            for k in range(len(THEMES)):
                if y[train, k].any():
                    pred[test, k] = LinearSVC(C=1.0, random_state=0).fit(xtr, y[train, k]).predict(xte)
        scores.append(float(f1_score(y, pred, average="macro", zero_division=0)))
    return scores


def macro_f1(docs: list[list[str]], labels: list[str], repeats: int) -> list[float]:
    """Macro-F1 of each stratified fold (seeded)."""
    y = np.array(labels)
    splitter = (
        StratifiedKFold(5, shuffle=True, random_state=0)
        if repeats == 1
        else RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=0)
    )
    scores = []
    for train, test in splitter.split(np.zeros(len(y)), y):
        vec = _vectorizer()
        xtr = vec.fit_transform([docs[i] for i in train])
        clf = LinearSVC(C=1.0, random_state=0).fit(xtr, y[train])
        pred = clf.predict(vec.transform([docs[i] for i in test]))
        scores.append(float(f1_score(y[test], pred, average="macro")))
    return scores


def load_sets(root: Path) -> dict[str, tuple[list[str], list[Any], int]]:
    with (root / "benchmarks" / "teddy2020" / "messages-labeled.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    teddy = ([r["text"] for r in rows], [r["label"] for r in rows], 1)
    props = jiangsu_proposals(root)
    counts = collections.Counter(p["category"] for p in props)
    kept = [p for p in props if counts[p["category"]] >= 5]
    jiangsu = ([p["title"] + "\n" + p["text"] for p in kept], [p["category"] for p in kept], 3)
    units = [u for d in iter_gold_documents(root) for u in d.units]
    themes = ([u.text for u in units], [list(u.themes) for u in units], 3)
    return {
        "teddy (7 labels)": teddy,
        f"jiangsu ({len(set(jiangsu[1]))} categories)": jiangsu,
        f"gold themes ({len(units)} units)": themes,
    }


def classification(root: Path) -> None:
    sets = load_sets(root)
    names = list(sets)
    print(f"| variant | {' | '.join(names)} |")
    print("| --- |" + " --- |" * len(names))
    reference: dict[str, list[float]] = {}
    for label, kwargs in VARIANTS:
        tok = Tokenizer(**kwargs)  # type: ignore[arg-type]
        cells = []
        for name in names:
            texts, labels, repeats = sets[name]
            docs = [tok(t) for t in texts]
            if name.startswith("gold themes"):
                scores = theme_f1(docs, labels, repeats)
            else:
                scores = macro_f1(docs, labels, repeats)
            base = reference.setdefault(name, scores)
            diffs = [a - b for a, b in zip(scores, base, strict=True)]
            cell = f"{statistics.mean(scores):.4f}"
            if scores is not base:
                cell += f" ({statistics.mean(diffs):+.4f} ± {statistics.pstdev(diffs):.4f})"
            cells.append(cell)
        print(f"| {label} | {' | '.join(cells)} |", flush=True)


def _spans(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens in ``text`` (``cut`` drops whitespace, so find each one in turn)."""
    out, at = [], 0
    for t in tokens:
        at = text.find(t, at)
        out.append((at, at + len(t)))
        at += len(t)
    return out


def dictionary(root: Path) -> None:
    terms = [w for w, _, _ in policy_entries()]
    termset = set(terms)
    texts = [normalize(p["text"]).lower() for p in jiangsu_proposals(root)]
    for path in sorted((root / "corpus" / "gov-work-reports").glob("*.txt")):
        if path.stem.isdigit() and int(path.stem) >= 1990:
            texts.append(normalize(path.read_text(encoding="utf-8")).lower())
    with (root / "benchmarks" / "teddy2020" / "messages-labeled.csv").open(encoding="utf-8", newline="") as f:
        texts += [normalize(r["text"]).lower() for r in csv.DictReader(f)]
    plain = Tokenizer(policy_dict=False, stopwords=None)
    full = Tokenizer(stopwords=None)
    whole = total = broken = whole_plain = 0
    missed: collections.Counter[str] = collections.Counter()
    for text in texts:
        base = set(_spans(text, plain.cut(text)))
        spans = _spans(text, full.cut(text))
        span_set = set(spans)
        starts = {a: b for a, b in spans}
        for w in terms:
            s = text.find(w)
            while s >= 0:
                e = s + len(w)
                covering = [(a, b) for a, b in spans if a <= s < b]
                inside_longer = any(b - a > e - s and b >= e and text[a:b] in termset for a, b in covering)
                if not inside_longer:
                    total += 1
                    whole_plain += (s, e) in base
                    if (s, e) in span_set:
                        whole += 1
                    else:
                        missed[w] += 1
                s = text.find(w, s + 1)
        for a, b in base - span_set:
            if b - a >= 2 and any(
                s2 < b and e2 > a and not (s2 <= a and e2 >= b) and text[s2:e2] in termset for s2, e2 in starts.items()
            ):
                broken += 1
    print(f"policy terms: {len(terms)}; corpus {sum(map(len, texts)):,} characters")
    print(
        f"occurrences cut whole: {whole}/{total} = {whole / max(total, 1):.1%} "
        f"(without the policy dictionary: {whole_plain / max(total, 1):.1%})"
    )
    print(f"baseline words of 2+ characters split by a policy term: {broken}")
    print("most often not whole (usually inside a longer jieba word):", missed.most_common(15))
    frames = ["关于{}的建议", "进一步加强{}工作", "我市{}取得明显成效", "建议设立{}。", "推动{}高质量发展"]
    bad = []
    for engine in ("jieba", "rjieba"):
        tok = Tokenizer(backend=engine, stopwords=None)
        for w in terms:
            for frame in frames:
                if w not in tok.cut(frame.format(w)):
                    bad.append((engine, frame.format(w)))
    print(f"frames where a term is not whole: {len(bad)} of {2 * len(terms) * len(frames)}", bad[:20])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dictionary", action="store_true", help="evaluate the policy dictionary instead")
    args = parser.parse_args()
    root = shared_dir()
    if root is None:
        print("shared data folder not found (set PROPOSALNLP_SHARED)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    if args.dictionary:
        dictionary(root)
    else:
        classification(root)
    print(f"({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
