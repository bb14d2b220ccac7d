"""Do learned word vectors help the answer model's verdicts? (issue 12, round 11)

Semantic pair features, computed on the same (request, text) pairs the answer model reads (the request with
its best unit, and with its part of the reply), from word vectors learned on the shared background text
(``devtools.embeddings``: PPMI + truncated SVD; no reply text):

- ``soft``: IDF-weighted mean over the request's specific words of the best cosine to any word of the text
  (1 for a word the text holds, 0 for a word without a vector), clipped at 0;
- ``sif``: the cosine of the SIF-weighted mean vectors (weight a / (a + df share), a = SPECIFIC_DF_SHARE) of
  the request's and the text's words;
- ``soft_rev``: the same soft coverage of the text's specific words by the request's words.

All fixed before any figure was seen: the three features for both pairs (6 columns, all monotone +1),
64 dimensions (what a bundled model could ship in 5 MB). The 128-dimension vectors are run beside for the
record only (no choice rests on them).

The evaluation is eval_verdicts.py's: 5 folds grouped by message (GroupKFold), the whole training procedure
(fit_model: learning rate, calibration, thresholds and sibling ratio by inner CV) inside each training fold,
baseline (today's features) and the new features in one run, on the same rows.

Usage: python scripts/eval_semantic.py --vectors /tmp/emb64 [--vectors128 /tmp/emb] [--cache FILE]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_answer_model as tam

from devtools import embeddings
from devtools.answer_data import Example, point_examples, teddy_examples
from devtools.evaluation import auc, fold_verdicts, paired_verdict_changes, verdict_figures
from proposalnlp.features import fold_alnum
from proposalnlp.matching import answer
from proposalnlp.matching.scoring import default_tokenizer

SEM = ("soft", "sif", "soft_rev")
NEW_COLS = tuple(f"{p}_{f}" for p in ("unit", "reply") for f in SEM)
BASE_FEATURES = answer.MODEL_FEATURES
SIF_A = answer.SPECIFIC_DF_SHARE


class Semantic:
    """The semantic features of (request, text) pairs from one set of word vectors."""

    def __init__(self, folder: Path) -> None:
        self.index, vec = embeddings.load(folder)
        self.vec = np.asarray(vec, dtype=np.float64)
        idf = answer._idf()
        self.n, self.df, self.cut = idf.n, idf.words, idf.cut
        self.idf = idf.idf
        self._tok: dict[str, list[str]] = {}

    def tokens(self, folded: str) -> list[str]:
        out = self._tok.get(folded)
        if out is None:
            out = self._tok[folded] = [t for t in default_tokenizer()(folded) if answer._has_run_char(t)]
        return out

    def specific(self, folded: str) -> list[tuple[str, float]]:
        seen: dict[str, float] = {}
        for w in self.tokens(folded):
            if len(w) >= 2 and w not in seen and (df := self.df.get(w, 0)) <= self.cut:
                seen[w] = self.idf(df)
        return list(seen.items())

    def matrix(self, words: list[str]) -> np.ndarray:
        ids = sorted({self.index[w] for w in words if w in self.index})
        return self.vec[ids] if ids else np.zeros((0, self.vec.shape[1]))

    def soft(self, words: list[tuple[str, float]], folded: str, others: list[str]) -> float:
        total = math.fsum(v for _, v in words)
        if not total:
            return 0.0
        m = self.matrix(others)
        got = 0.0
        for w, v in words:
            if w in folded:
                s = 1.0
            elif w in self.index and len(m):
                s = max(0.0, float((m @ self.vec[self.index[w]]).max()))
            else:
                s = 0.0
            got += v * s
        return got / total

    def mean(self, folded: str) -> np.ndarray:
        acc = np.zeros(self.vec.shape[1])
        for w in self.tokens(folded):
            i = self.index.get(w)
            if i is not None:
                acc += SIF_A / (SIF_A + self.df.get(w, 0) / self.n) * self.vec[i]
        return acc

    def features(self, req: answer.PairText, text: str) -> list[float]:
        ft = fold_alnum(text)
        soft = self.soft(list(req.words), ft, self.tokens(ft))
        a, b = self.mean(req.folded), self.mean(ft)
        na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
        sif = float(a @ b) / (na * nb) if na and nb else 0.0
        rev = self.soft(self.specific(ft), req.folded, self.tokens(req.folded))
        return [soft, max(sif, 0.0), rev]


def featurize_with_texts(examples: list[Example]) -> tuple[tam.Table, list[tuple[answer.PairText, str, str]]]:
    """tam.featurize(examples), and the (request, best unit text, part-of-reply text) of each of its rows."""
    calls: list[tuple[Any, str]] = []
    texts: list[tuple[answer.PairText, str, str]] = []
    original_pf, original_rows = answer.pair_features, tam.answer_rows

    def spy(request: answer.PairText, text: str, *a: Any, **k: Any) -> np.ndarray:
        calls.append((request, text))
        return original_pf(request, text, *a, **k)

    def rows_spy(suggestions: Any, reply: Any, *a: Any, **k: Any) -> Any:
        calls.clear()
        rows = original_rows(suggestions, reply, *a, **k)
        for i, req in enumerate(rows.requests):
            local = next(t for r, t in calls if r is req)  # the first pair of a request: its part of the reply
            b = rows.best[i]
            texts.append((req, "" if b is None else reply[b].text, local))
        return rows

    answer.pair_features = spy
    tam.answer_rows = rows_spy  # type: ignore[assignment]
    try:
        table = tam.featurize(examples)
    finally:
        answer.pair_features = original_pf
        tam.answer_rows = original_rows
    return table, texts


def semantic_columns(texts: list[tuple[answer.PairText, str, str]], sem: Semantic) -> np.ndarray:
    rows = []
    for req, unit, local in texts:
        u = sem.features(req, unit) if unit else [0.0, 0.0, 0.0]
        rows.append(u + sem.features(req, local))
    return np.array(rows)


def load(cache: Path | None, folders: dict[str, Path]) -> tuple[tam.Table, dict[str, np.ndarray]]:
    """The table of tam.featurize and the semantic columns of each set of vectors (cached)."""
    if cache is not None and cache.is_file():
        z = np.load(cache, allow_pickle=False)
        if all(f"sem_{k}" in z for k in folders):
            return tam.Table(*(z[f] for f in tam.FIELDS)), {k: z[f"sem_{k}"] for k in folders}
    examples = teddy_examples() + point_examples()
    table, texts = featurize_with_texts(examples)
    assert len(texts) == len(table.y)
    sems = {k: semantic_columns(texts, Semantic(p)) for k, p in folders.items()}
    if cache is not None:
        arrays = {f: getattr(table, f) for f in tam.FIELDS} | {f"sem_{k}": v for k, v in sems.items()}
        np.savez(cache, **arrays)
    return table, sems


def use_features(new: bool) -> None:
    """Point the training code at today's features or today's + the semantic ones (columns appended)."""
    feats = BASE_FEATURES + NEW_COLS
    answer.MODEL_FEATURES = feats
    tam.MODEL_FEATURES = feats
    for f in SEM:
        tam.MONOTONE[f] = 1
    base_used = tuple(
        f
        for f in BASE_FEATURES
        if f not in ("several", "request_specific_mass", "request_length") and f.split("_", 1)[1] in tam.MONOTONE
    )
    tam.USED = base_used + (NEW_COLS if new else ())


def run(t: tam.Table, variants: dict[str, np.ndarray | None], folds: int) -> None:
    from sklearn.model_selection import GroupKFold

    splits = list(GroupKFold(n_splits=folds).split(t.x, t.y, t.group))
    res: dict[str, dict[str, Any]] = {}
    for name, cols in variants.items():
        x = np.hstack([t.x, np.zeros((len(t.y), len(NEW_COLS))) if cols is None else cols])
        use_features(cols is not None)
        res[name] = fold_verdicts(tam, t, splits, lambda _k, x=x: x, name)

    kind = t.kind
    linked = (kind == "points") & (t.y == 1)
    print("\n== Held-out figures, same 5 folds, one run ==")
    print(
        "variant | own not unans | close unans | balanced (folds) | random unans | linked unans (+sib) | "
        "unlinked unans | AUC own/close | AUC own/random | AUC points"
    )
    for name, r in res.items():
        f = verdict_figures(r, kind, linked)
        print(
            f"{name} | {f['own']:.3f} | {f['close']:.3f} | {f['balanced']:.3f} {f['spread']}"
            f" | {f['random']:.3f} | {f['linked']:.3f} ({f['linked_sib']:.3f})"
            f" | {f['unlinked_sib']:.3f} ({f['unlinked']:.3f} alone)"
            f" | {f['auc_close']:.3f} | {f['auc_random']:.3f} | {f['auc_points']:.3f}"
        )
    base = res["baseline"]
    for name, r in res.items():
        if name == "baseline":
            continue
        print("\n".join(paired_verdict_changes(name, base, r, kind)))
        b = base["p"] >= base["cut"]
        n = r["p"] >= r["cut"]
        own_m, close_m = np.flatnonzero(kind == "own"), np.flatnonzero(kind == "close")
        # per message: correct own + correct close, baseline vs new
        idx = {g: i for i, g in enumerate(np.unique(t.group[own_m]))}
        sb = np.zeros(len(idx))
        sn = np.zeros(len(idx))
        for m in own_m:
            sb[idx[t.group[m]]] += b[m]
            sn[idx[t.group[m]]] += n[m]
        for m in close_m:
            if t.group[m] in idx:
                sb[idx[t.group[m]]] += ~b[m]
                sn[idx[t.group[m]]] += ~n[m]
        print(f"  messages (own + close right): better {int((sn > sb).sum())}, worse {int((sn < sb).sum())}")
        d = np.array(r["folds"]) - np.array(base["folds"])
        print(f"  per-fold balanced change: {' '.join(f'{v:+.3f}' for v in d)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vectors", type=Path, required=True, help="64-dimension vectors (the pre-set choice)")
    ap.add_argument("--vectors128", type=Path, default=None, help="128-dimension vectors, for the record")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    folders = {"d64": args.vectors}
    if args.vectors128 is not None:
        folders["d128"] = args.vectors128
    t, sems = load(args.cache, folders)
    print(f"{len(t.y)} rows; semantic columns {NEW_COLS}")
    for k, s in sems.items():
        for j, c in enumerate(NEW_COLS):
            own, close = s[t.kind == "own", j], s[t.kind == "close", j]
            print(f"  {k} {c}: mean own {own.mean():.3f} close {close.mean():.3f}  AUC own/close {auc(own, close):.3f}")
    # descriptive (no choice rests on it): the rows whose part of the reply holds none of the request's specific
    # words, where an answer in other words would have to show
    spec = t.x[:, BASE_FEATURES.index("reply_specific")]
    low = spec <= 0.0
    print(
        f"  rows with reply_specific = 0: own {int((low & (t.kind == 'own')).sum())}, close-topic "
        f"{int((low & (t.kind == 'close')).sum())}"
    )
    for k, s in sems.items():
        for j, c in enumerate(NEW_COLS):
            own, close = s[low & (t.kind == "own"), j], s[low & (t.kind == "close"), j]
            print(f"    {k} {c}: AUC own/close among them {auc(own, close):.3f}")
    variants: dict[str, np.ndarray | None] = {"baseline": None}
    variants.update({f"+semantic {k}": v for k, v in sems.items()})
    run(t, variants, args.folds)


if __name__ == "__main__":
    main()
