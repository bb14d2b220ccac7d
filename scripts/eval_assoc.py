"""Do term associations learned from true message/reply pairs help the answer model's verdicts? (issue 12, round 13)

Round 11's word vectors, learned from messages and reports, encode topic, which the close-topic negative shares.
Here the associations are learned from replies: which reply words go with which request words in the *true*
pairs of the training fold, so that an answer in other words (路灯 ~ 照明设施) still counts.

Every (request, text) pair the answer model reads (the request with its best unit, and with its part of the
reply) is reduced to two word lists: the request's specific words W with their IDF (``PairText.words``: what
``specific`` reads) and the text's content words V (the default tokenizer's tokens of two or more characters
holding a letter, digit or CJK character) that the request's text does not hold (lexical matches are left to
the lexical features: only an answer in *other* words is learned here).

Variants, fixed before any figure was seen (at most 3 beside the baseline):

- ``assoc``: a discriminative association table from the training fold's Teddy messages, true pairs against
  close-topic pairs of the same requests, paired by message: for w in W and v in V, a = messages whose request
  holds w and whose own reply alone (not the close-topic one) holds v, b = the same with the replies swapped;
  score(w, v) = log((a + 5) / (b + 5)), kept when a >= 3 and a - b >= 3 (else 0). Columns (3, monotone +1):
  ``unit_assoc`` and ``reply_assoc``, the IDF-weighted mean over W of the best score of any v of the text, and
  ``reply_assoc_new``, the IDF-weighted share of W that the text does not hold but has an associated word for.
- ``bilinear``: a hashed bilinear logistic model over (w, v) pairs (2**20 buckets, binary, each row L2
  normalised; scikit-learn LogisticRegression, C = 1, liblinear), true pairs against close-topic and random
  pairs of the training fold's Teddy messages, on the part of the reply; its decision score as one column
  ``reply_bilinear`` (monotone +1).
- ``assoc+bilinear``: ``reply_assoc``, ``reply_assoc_new`` and ``reply_bilinear`` (3 columns).

Leakage: a table learned on the pairs the trees train on inflates the column on training rows, so the columns
are cross-fitted. Inside each outer training fold, the rows are cut into 5 inner folds grouped by message
(GroupKFold); each inner fold's rows get their columns from a table learned on the other 4; the outer test rows
get theirs from the table of the whole training fold. Only Teddy rows (own / close / random) teach a table;
the point rows are scored by it (by message group, as every other row).

The evaluation is eval_verdicts.py's: 5 folds grouped by message (GroupKFold), the whole training procedure
(fit_model: learning rate, calibration, thresholds and sibling ratio by inner CV) inside each training fold,
the baseline (today's features) and every variant in one run, on the same rows. Also reported: the AUC of each
new column alone (own vs close-topic, pooled held-out columns), on all rows and on the rows whose part of the
reply holds none of the request's specific words, and the top associations of a table learned on all 1,000
messages (descriptive only: no choice rests on it).

Usage: python scripts/eval_assoc.py [--cache FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_answer_model as tam
from eval_semantic import featurize_with_texts

from devtools.answer_data import point_examples, teddy_examples
from devtools.evaluation import auc, fold_verdicts, paired_verdict_changes, verdict_figures
from proposalnlp.features import fold_alnum
from proposalnlp.matching import answer
from proposalnlp.matching.scoring import default_tokenizer

BASE_FEATURES = answer.MODEL_FEATURES
INNER = 5
MIN_PAIRS = 3
MIN_MARGIN = 3
PRIOR = 5.0
BUCKETS = 2**20
C_BILINEAR = 1.0
ALL_COLS = ("unit_assoc", "reply_assoc", "reply_assoc_new", "reply_bilinear")
VARIANTS: dict[str, tuple[str, ...]] = {
    "assoc": ("unit_assoc", "reply_assoc", "reply_assoc_new"),
    "bilinear": ("reply_bilinear",),
    "assoc+bilinear": ("reply_assoc", "reply_assoc_new", "reply_bilinear"),
}


#: a row's request (folded), its specific words with their IDF, its best unit's text, its part of the reply
Row = tuple[str, list[tuple[str, float]], str, str]


class Words:
    """Every row's request words (ids, IDF) and its texts' other words (ids), over one vocabulary."""

    def __init__(self, texts: list[Row]) -> None:
        tok = default_tokenizer()
        self.vocab: dict[str, int] = {}
        self.w: list[np.ndarray] = []
        self.idf: list[np.ndarray] = []
        self.held: list[np.ndarray] = []  # per request word: does the part of the reply hold it
        self.held_unit: list[np.ndarray] = []
        self.v_unit: list[np.ndarray] = []
        self.v_reply: list[np.ndarray] = []
        memo: dict[str, list[str]] = {}

        def words(folded: str) -> list[str]:
            out = memo.get(folded)
            if out is None:
                out = memo[folded] = sorted({t for t in tok(folded) if len(t) >= 2 and answer._has_run_char(t)})
            return out

        def ids(ws: list[str]) -> np.ndarray:
            return np.array([self.vocab.setdefault(x, len(self.vocab)) for x in ws], dtype=np.int64)

        for folded, req_words, unit, local in texts:
            ws = [w for w, _ in req_words]
            self.w.append(ids(ws))
            self.idf.append(np.array([v for _, v in req_words], dtype=float))
            fu, fl = fold_alnum(unit), fold_alnum(local)
            self.held.append(np.array([w in fl for w in ws], dtype=bool))
            self.held_unit.append(np.array([w in fu for w in ws], dtype=bool))
            self.v_unit.append(ids([v for v in words(fu) if v not in folded]))
            self.v_reply.append(ids([v for v in words(fl) if v not in folded]))
        self.n = len(self.vocab)
        self.R = self._binary(self.w)
        self.V = {"unit": self._binary(self.v_unit), "reply": self._binary(self.v_reply)}

    def _binary(self, lists: list[np.ndarray]) -> sp.csr_matrix:
        rows = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
        cols = np.concatenate(lists) if lists else np.zeros(0, dtype=np.int64)
        m = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(lists), self.n))
        m.data[:] = 1.0
        return m

    def hashed(self) -> sp.csr_matrix:
        """(w, v) pairs of each row's request and part of the reply, hashed into BUCKETS, L2 normalised."""
        data, indices, indptr = [], [], [0]
        for w, v in zip(self.w, self.v_reply, strict=True):
            if len(w) and len(v):
                h = np.unique((w[:, None] * 1_000_003 + v[None, :]).ravel() % BUCKETS)
            else:
                h = np.zeros(0, dtype=np.int64)
            indices.append(h)
            data.append(np.full(len(h), 1.0 / math.sqrt(len(h)) if len(h) else 0.0))
            indptr.append(indptr[-1] + len(h))
        return sp.csr_matrix((np.concatenate(data), np.concatenate(indices), np.array(indptr)), (len(self.w), BUCKETS))


def assoc_table(words: Words, own: np.ndarray, close: np.ndarray, groups: np.ndarray) -> sp.csr_matrix:
    """The discriminative association table (w x v, positive scores only) from the rows ``own`` (true pairs)
    and ``close`` (close-topic pairs of the same requests), paired by message (``groups`` of every row)."""
    own = own[np.argsort(groups[own], kind="stable")]
    close = close[np.argsort(groups[close], kind="stable")]
    if not np.array_equal(groups[own], groups[close]):
        raise ValueError("every message needs its own and its close-topic row")
    r = words.R[own]
    v_own, v_close = words.V["reply"][own], words.V["reply"][close]
    both = v_own.multiply(v_close)
    a = (r.T @ (v_own - both)).tocsr()  # messages holding w whose own reply alone holds v
    b = (r.T @ (v_close - both)).tocsr()  # ... whose close-topic reply alone holds v
    a = a.multiply(a >= MIN_PAIRS).tocsr()
    a.eliminate_zeros()
    coo = a.tocoo()
    av = coo.data
    bv = np.asarray(b[coo.row, coo.col]).ravel()
    score = np.log((av + PRIOR) / (bv + PRIOR))
    keep = (score > 0) & (av - bv >= MIN_MARGIN)
    return sp.csr_matrix((score[keep], (coo.row[keep], coo.col[keep])), shape=(words.n, words.n))


def assoc_columns(words: Words, table: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """unit_assoc, reply_assoc, reply_assoc_new of ``rows`` from ``table``."""
    out = np.zeros((len(rows), 3))
    for k, i in enumerate(rows):
        w, idf = words.w[i], words.idf[i]
        total = idf.sum()
        if not len(w) or not total:
            continue
        for j, (v, which) in enumerate(((words.v_unit[i], "unit"), (words.v_reply[i], "reply"))):
            if not len(v):
                continue
            best = table[w][:, v].max(axis=1).toarray().ravel()
            out[k, j] = float(idf @ best) / total
            if which == "reply":
                out[k, 2] = float(idf @ ((best > 0) & ~words.held[i])) / total
    return out


def bilinear_column(x: sp.csr_matrix, y: np.ndarray, train: np.ndarray, rows: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C_BILINEAR, solver="liblinear", max_iter=1000)
    lr.fit(x[train], y[train])
    return np.asarray(lr.decision_function(x[rows]))


def columns(words: Words, x: sp.csr_matrix, t: tam.Table, train: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The 4 new columns of ``rows`` from tables learned on the Teddy rows among ``train`` (row indices)."""
    kind = t.kind
    own = train[kind[train] == "own"]
    close_ = train[kind[train] == "close"]
    teddy = train[np.isin(kind[train], ("own", "close", "random"))]
    table = assoc_table(words, own, close_, t.group)
    a = assoc_columns(words, table, rows)
    b = bilinear_column(x, (kind == "own").astype(int), teddy, rows)
    return np.hstack([a, b[:, None]])


def cross_fit(words: Words, x: sp.csr_matrix, t: tam.Table, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    """The new columns of every row: training rows ``tr`` cross-fitted over INNER folds grouped by message,
    test rows ``te`` from the tables of all of ``tr``."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros((len(t.y), len(ALL_COLS)))
    for itr, ite in GroupKFold(n_splits=INNER).split(tr, groups=t.group[tr]):
        out[tr[ite]] = columns(words, x, t, tr[itr], tr[ite])
    out[te] = columns(words, x, t, tr, te)
    return out


def use_features(cols: tuple[str, ...]) -> None:
    """Point the training code at today's features + ``cols`` (all four new columns appended to every row)."""
    feats = BASE_FEATURES + ALL_COLS
    answer.MODEL_FEATURES = feats
    tam.MODEL_FEATURES = feats
    for f in ("assoc", "assoc_new", "bilinear"):
        tam.MONOTONE[f] = 1
    base_used = tuple(
        f
        for f in BASE_FEATURES
        if f not in ("several", "request_specific_mass", "request_length") and f.split("_", 1)[1] in tam.MONOTONE
    )
    tam.USED = base_used + cols


def load(cache: Path | None) -> tuple[tam.Table, Words]:
    """The table of tam.featurize and each row's words (cached: the .npz and a .rows.json beside it)."""
    rows_file = cache.with_suffix(".rows.json") if cache is not None else None
    if cache is not None and cache.is_file() and rows_file is not None and rows_file.is_file():
        z = np.load(cache, allow_pickle=False)
        table = tam.Table(*(z[f] for f in tam.FIELDS))
        raw = json.loads(rows_file.read_text(encoding="utf-8"))
        return table, Words([(r[0], [(w, float(v)) for w, v in r[1]], r[2], r[3]) for r in raw])
    table, texts = featurize_with_texts(teddy_examples() + point_examples())
    assert len(texts) == len(table.y)
    rows: list[Row] = [(req.folded, list(req.words), unit, local) for req, unit, local in texts]
    if cache is not None and rows_file is not None:
        np.savez(cache, **{f: getattr(table, f) for f in tam.FIELDS})
        rows_file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return table, Words(rows)


def show_examples(words: Words, t: tam.Table, top: int = 12) -> None:
    """Top associations of a table learned on all 1,000 messages, for the request words most often held."""
    idx = np.arange(len(t.y))
    table = assoc_table(words, idx[t.kind == "own"], idx[t.kind == "close"], t.group)
    inv = {i: w for w, i in words.vocab.items()}
    n = np.asarray(words.R[t.kind == "own"].sum(axis=0)).ravel()
    held = int((table.getnnz(axis=1) > 0).sum())
    print(f"\n== Associations learned on all 1,000 messages (descriptive): {table.nnz} pairs, {held} request words ==")
    have = np.flatnonzero(table.getnnz(axis=1) > 0)
    for w in have[np.argsort(-n[have], kind="stable")][:top]:
        row = table.getrow(w)
        order = np.argsort(-row.data, kind="stable")[:6]
        pairs = ", ".join(f"{inv[int(row.indices[k])]} {row.data[k]:.2f}" for k in order)
        print(f"  {inv[int(w)]} (in {int(n[w])} requests): {pairs}")


def show_bilinear(words: Words, t: tam.Table, top: int = 15) -> None:
    """The (w, v) pairs behind the heaviest weights of a bilinear model fitted on all 1,000 messages
    (descriptive), and the text length each column follows."""
    from sklearn.linear_model import LogisticRegression

    x = words.hashed()
    teddy = np.isin(t.kind, ("own", "close", "random"))
    lr = LogisticRegression(C=C_BILINEAR, solver="liblinear", max_iter=1000)
    lr.fit(x[teddy], (t.kind[teddy] == "own").astype(int))
    coef = lr.coef_[0]
    inv = {i: w for w, i in words.vocab.items()}
    want = set(np.argsort(-coef)[:top].tolist()) | set(np.argsort(coef)[:top].tolist())
    found: dict[int, dict[tuple[str, str], int]] = {b: {} for b in want}
    for w, v in zip(words.w, words.v_reply, strict=True):
        if not len(w) or not len(v):
            continue
        h = (w[:, None] * 1_000_003 + v[None, :]) % BUCKETS
        for i, j in zip(*np.nonzero(np.isin(h, list(want))), strict=True):
            key = (inv[int(w[i])], inv[int(v[j])])
            d = found[int(h[i, j])]
            d[key] = d.get(key, 0) + 1
    for sign, order in (("heaviest positive", np.argsort(-coef)[:top]), ("heaviest negative", np.argsort(coef)[:top])):
        items = []
        for b in order:
            pairs = sorted(found[int(b)].items(), key=lambda kv: -kv[1])[:2]
            items.append(f"{coef[b]:+.2f} " + "/".join(f"{w}~{v} ({n})" for (w, v), n in pairs))
        print(f"  bilinear, {sign}: " + "; ".join(items))
    # the leak that cross-fitting avoids: columns from tables learned on every row, their own included
    idx = np.arange(len(t.y))
    leaky = columns(words, x, t, idx, idx)
    for j, c in enumerate(ALL_COLS):
        o, cl = leaky[t.kind == "own", j], leaky[t.kind == "close", j]
        print(f"  {c}: in-sample (not cross-fitted) AUC own/close {auc(o, cl):.3f}")
    n_v = np.array([len(v) for v in words.v_reply], dtype=float)
    own, close = n_v[t.kind == "own"], n_v[t.kind == "close"]
    print(
        f"  words of the part of the reply not in the request: mean own {own.mean():.1f}, close-topic "
        f"{close.mean():.1f} (AUC own/close {auc(own, close):.3f})"
    )


def run(t: tam.Table, words: Words, folds: int) -> None:
    from sklearn.model_selection import GroupKFold

    x = words.hashed()
    print(f"hashed pairs: {x.nnz} non-zeros over {len(t.y)} rows", flush=True)
    splits = list(GroupKFold(n_splits=folds).split(t.x, t.y, t.group))
    new = np.zeros((folds, len(t.y), len(ALL_COLS)))
    held = np.zeros((len(t.y), len(ALL_COLS)))
    for k, (tr, te) in enumerate(splits):
        new[k] = cross_fit(words, x, t, tr, te)
        held[te] = new[k][te]
        print(f"  fold {k}: columns cross-fitted", flush=True)

    kind = t.kind
    spec = t.x[:, BASE_FEATURES.index("reply_specific")]
    low = spec <= 0.0
    print("\n== The new columns alone (pooled held-out columns; AUC own vs close-topic) ==")
    print(
        f"  rows whose part of the reply holds none of the request's specific words: own "
        f"{int((low & (kind == 'own')).sum())}, close-topic {int((low & (kind == 'close')).sum())}"
    )
    for j, c in enumerate(ALL_COLS):
        own, close = held[kind == "own", j], held[kind == "close", j]
        lo, lc = held[low & (kind == "own"), j], held[low & (kind == "close"), j]
        rnd = held[kind == "random", j]
        print(
            f"  {c:<16} mean own {own.mean():.3f} close {close.mean():.3f} random {rnd.mean():.3f}  AUC own/close "
            f"{auc(own, close):.3f}  own/random {auc(own, rnd):.3f}  among reply_specific = 0: {auc(lo, lc):.3f}"
        )
    for c in ("reply_specific", "reply_specific_bigram", "reply_cosine"):
        j = BASE_FEATURES.index(c)
        own, close = t.x[kind == "own", j], t.x[kind == "close", j]
        lo, lc = t.x[low & (kind == "own"), j], t.x[low & (kind == "close"), j]
        print(f"  {c:<16} (today's, for comparison) AUC own/close {auc(own, close):.3f}  among them {auc(lo, lc):.3f}")

    res: dict[str, dict[str, Any]] = {}
    for name, cols in {"baseline": (), **VARIANTS}.items():
        use_features(cols)
        res[name] = fold_verdicts(tam, t, splits, lambda k: np.hstack([t.x, new[k]]), name)

    linked = (kind == "points") & (t.y == 1)
    print("\n== Held-out figures, same 5 folds, one run ==")
    print(
        "variant | own not unans | close unans | balanced (folds) | random unans | linked unans (+sib) | "
        "unlinked unans (+sib) | AUC own/close | AUC own/random | AUC points | balanced on reply_specific = 0"
    )
    for name, r in res.items():
        f = verdict_figures(r, kind, linked)
        ok = f["ok"]
        lo_own, lo_close = ok[low & (kind == "own")].mean(), 1 - ok[low & (kind == "close")].mean()
        print(
            f"{name} | {f['own']:.3f} | {f['close']:.3f} | {f['balanced']:.3f} {f['spread']}"
            f" | {f['random']:.3f} | {f['linked']:.3f} ({f['linked_sib']:.3f})"
            f" | {f['unlinked']:.3f} ({f['unlinked_sib']:.3f})"
            f" | {f['auc_close']:.3f} | {f['auc_random']:.3f} | {f['auc_points']:.3f}"
            f" | {0.5 * (lo_own + lo_close):.3f} ({lo_own:.3f} / {lo_close:.3f})"
        )
    base = res["baseline"]
    for name, r in res.items():
        if name == "baseline":
            continue
        print("\n".join(paired_verdict_changes(name, base, r, kind)))
        d = np.array(r["folds"]) - np.array(base["folds"])
        print(f"  per-fold balanced change: {' '.join(f'{v:+.3f}' for v in d)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="featurized rows (.npz; the texts beside it)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--examples-only", action="store_true", help="print the learned associations and stop")
    args = ap.parse_args()
    t, words = load(args.cache)
    print(f"{len(t.y)} rows; vocabulary {words.n}; new columns {ALL_COLS}", flush=True)
    show_examples(words, t)
    show_bilinear(words, t)
    if not args.examples_only:
        run(t, words, args.folds)


if __name__ == "__main__":
    main()
