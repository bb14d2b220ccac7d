"""Build ``src/proposalnlp/data/background_df.tsv``: document frequencies of policy words and character bigrams.

The background is the 52 national government work reports (one document per paragraph) and the 305 Jiangsu
CPPCC proposals (cut into chunks of about 300 characters at sentence ends), read in place from ../shared.
Only counts are written (``feature<TAB>df``, words prefixed ``w:``, bigrams ``c:``), never text; features
seen in fewer than ``--min-df`` documents are left out (the matcher treats them as rare).

Usage: python scripts/build_background_idf.py [--min-df 2] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.corpus import jiangsu_proposals, sentence_chunks, work_report_paragraphs
from devtools.shared import shared_dir
from proposalnlp.features import char_bigrams
from proposalnlp.tokenize import Tokenizer


def build(root: Path, min_df: int = 2) -> tuple[int, list[tuple[str, int]]]:
    """The number of background documents and the (feature, df) rows kept, sorted: what the table holds."""
    docs = work_report_paragraphs(root)
    for row in jiangsu_proposals(root):
        docs += sentence_chunks(row["text"])
    tok = Tokenizer()
    df: Counter[str] = Counter()
    for text in docs:
        feats = {"w:" + t for t in tok(text)}
        feats.update("c:" + b for b in char_bigrams(text))
        df.update(feats)
    return len(docs), sorted((f, n) for f, n in df.items() if n >= min_df)


def table_bytes(n_docs: int, kept: list[tuple[str, int]]) -> bytes:
    """The gzip file of the table, byte for byte the same for the same rows (no time stamp in its header)."""
    text = f"#documents\t{n_docs}\n" + "".join(f"{feat}\t{n}\n" for feat, n in kept)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "src/proposalnlp/data/background_df.tsv.gz")
    )
    args = ap.parse_args()
    root = shared_dir(required=True)
    assert root is not None
    n_docs, kept = build(root, args.min_df)
    Path(args.out).write_bytes(table_bytes(n_docs, kept))
    print(f"{n_docs} background documents; {len(kept)} features with df >= {args.min_df} -> {args.out}")


if __name__ == "__main__":
    main()
