"""Word vectors learned from the shared background text (PPMI + truncated SVD), for experiments.

Issue 12 asks whether an answer in other words (路灯 ~ 照明设施) can still count; issue 13 whether themes hold
up on vocabulary the labelled units never show. Both want some notion of words that mean nearly the same.
These vectors are learned here, from text the project may read, with numpy and scikit-learn only:

- the 52 government work reports (a paragraph a document), the 305 Jiangsu proposals (chunks of ~300
  characters), and the 2,790 labelled Teddy citizen messages (``messages-labeled.csv``), leaving out any
  of them that holds the start of a message of ``message-reply.csv`` (the verdict evaluation's data); no
  reply text is read;
- the project's tokenizer; co-occurrence within ``window`` tokens (weighted 1/distance) inside a document;
- positive PMI with context-distribution smoothing (0.75), truncated SVD, singular values to the power
  ``eig`` (0.5), rows L2-normalised.

Only the vectors and the vocabulary are written (``vocab.json`` + ``vectors.npy``), never text.

Usage: python -m devtools.embeddings --out /tmp/emb [--dim 128] [--min-count 3] [--window 5]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from proposalnlp.tokenize import Tokenizer

from .corpus import jiangsu_proposals, sentence_chunks, work_report_paragraphs
from .shared import shared_dir


def background_documents(root: Path | None = None, teddy: bool = True, exclude_test: bool = False) -> list[str]:
    """The documents the vectors are learned from (see the module docstring); ``exclude_test`` leaves out the
    Jiangsu proposals whose gold belongs to the theme test part (``devtools.annotate.is_test_document``)."""
    from .annotate import is_test_document

    root = root or shared_dir(required=True)
    assert root is not None
    docs = work_report_paragraphs(root)
    for row in jiangsu_proposals(root):
        if exclude_test and is_test_document(row["id"]):
            continue
        docs += sentence_chunks(row["text"])
    if teddy:
        bench = root / "benchmarks" / "teddy2020"
        with open(bench / "message-reply.csv", encoding="utf-8", newline="") as f:
            starts = [r["message"].strip()[:30] for r in csv.DictReader(f)]
        starts = [s for s in starts if len(s) >= 10]
        with open(bench / "messages-labeled.csv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                text = r["text"]
                if not any(s in text for s in starts):
                    docs.append(text)
    return docs


def learn_vectors(
    docs: list[str], dim: int = 128, min_count: int = 3, window: int = 5, eig: float = 0.5, seed: int = 0
) -> tuple[list[str], np.ndarray]:
    """PPMI + truncated SVD word vectors of ``docs`` (deterministic for a seed)."""
    from sklearn.decomposition import TruncatedSVD

    tok = Tokenizer()
    seqs = [tok(d) for d in docs]
    counts = Counter(t for s in seqs for t in s)
    vocab = sorted(w for w, n in counts.items() if n >= min_count)
    index = {w: i for i, w in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for s in seqs:
        ids = [index[t] for t in s if t in index]
        for i, a in enumerate(ids):
            for d in range(1, window + 1):
                if i + d >= len(ids):
                    break
                b = ids[i + d]
                rows += [a, b]
                cols += [b, a]
                vals += [1.0 / d, 1.0 / d]
    n = len(vocab)
    co = sp.csr_matrix((np.array(vals), (np.array(rows), np.array(cols))), shape=(n, n))
    co.sum_duplicates()
    wsum = np.asarray(co.sum(axis=1)).ravel()
    csum = np.asarray(co.sum(axis=0)).ravel() ** 0.75
    coo = co.tocoo()
    pmi = np.log(coo.data * csum.sum() / (wsum[coo.row] * csum[coo.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
    svd = TruncatedSVD(n_components=dim, algorithm="randomized", n_iter=7, random_state=seed)
    u = svd.fit_transform(ppmi)  # U * S
    s = svd.singular_values_
    vec = u / s * (s**eig)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
    return vocab, vec.astype(np.float32)


def save(out: Path, vocab: list[str], vec: np.ndarray) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    np.save(out / "vectors.npy", vec)


def load(path: Path) -> tuple[dict[str, int], np.ndarray]:
    vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
    return {w: i for i, w in enumerate(vocab)}, np.load(path / "vectors.npy", allow_pickle=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--no-teddy", action="store_true", help="leave the Teddy messages out")
    ap.add_argument("--exclude-test", action="store_true", help="leave out the theme test part's proposals")
    args = ap.parse_args()
    docs = background_documents(teddy=not args.no_teddy, exclude_test=args.exclude_test)
    vocab, vec = learn_vectors(docs, args.dim, args.min_count, args.window)
    save(args.out, vocab, vec)
    print(f"{len(docs)} documents, {len(vocab)} words, {vec.shape[1]} dimensions -> {args.out}")


if __name__ == "__main__":
    main()
