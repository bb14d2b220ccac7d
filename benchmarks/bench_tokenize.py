"""Tokenization throughput: proposalnlp.Tokenizer (rjieba engine) against plain jieba.lcut, same run.

Text: the 305 Jiangsu proposals and the 2,790 Teddy Cup messages, read in place from ../shared.
Each figure is the median of several runs over the whole text (engines warmed up first; the runs
interleave the contenders); MB are
UTF-8 megabytes. Prints a table and the ratio to the baseline ``jieba.lcut`` (default settings, HMM on),
which is what a naive pipeline calls. Target: Tokenizer at least 10x the baseline.

Usage: ``python benchmarks/bench_tokenize.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import csv
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import faster, row

from devtools.corpus import jiangsu_proposals
from devtools.shared import shared_dir
from proposalnlp.tokenize import Tokenizer


def load_texts() -> list[str]:
    root = shared_dir()
    if root is None:
        raise SystemExit("shared data folder not found (set PROPOSALNLP_SHARED)")
    texts = [p["title"] + "\n" + p["text"] for p in jiangsu_proposals(root)]
    with (root / "benchmarks" / "teddy2020" / "messages-labeled.csv").open(encoding="utf-8", newline="") as f:
        texts += [r["text"] for r in csv.DictReader(f)]
    return texts


def seconds(fn: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per contender (median reported)")
    args = parser.parse_args()

    import jieba
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = load_texts()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    raw = rjieba.Jieba()
    fast = Tokenizer(backend="rjieba").warm_up()
    ref = Tokenizer(backend="jieba").warm_up()
    contenders: list[tuple[str, Callable[[str], object]]] = [
        ("jieba.lcut (baseline, HMM on)", jieba.lcut),
        ("jieba.lcut, HMM off", lambda t: jieba.lcut(t, HMM=False)),
        ("Tokenizer(backend='jieba')", ref),
        ("rjieba.Jieba().cut, HMM off (no normalisation)", lambda t: raw.cut(t, False)),
        ("Tokenizer.cut (rjieba)", fast.cut),
        ("Tokenizer() (rjieba, default)", fast),
    ]
    print(f"{len(texts):,} texts, {sum(map(len, texts)):,} characters, {megabytes:.2f} MB; median of {args.runs} runs")
    print("| tokenizer | MB/s | x baseline |")
    print("| --- | ---: | ---: |")
    # Runs interleave the contenders, so that a change in the machine's load hits them all alike.
    times: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for _ in range(args.runs):
        for name, fn in contenders:
            times[name].append(seconds(fn, texts))
    base = megabytes / statistics.median(times[contenders[0][0]])
    for name, _ in contenders:
        rate = megabytes / statistics.median(times[name])
        print(f"| {name} | {rate:.2f} | {rate / base:.1f} |")
    ours = megabytes / statistics.median(times[contenders[-1][0]])
    row("tokenization (MB/s)", f"{ours:.2f} (Tokenizer(), rjieba)", f"{base:.2f} (jieba.lcut)", faster(ours, base),
        ">= 10x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
