"""Speed of proposalnlp.match and proposalnlp.similarity beside plain TF-IDF cosine, measured in the same run.

1. match() of a ~10,000-character proposal+reply (warm, median of repeats); baseline: TF-IDF cosine over
   the same units (Tokenizer tokens, IDF from the document's own units).
2. similarity() of 1,000 × 1,000 texts (Teddy 2020 messages and replies when ../shared is present, else
   synthetic text); baseline: sklearn TfidfVectorizer (sublinear tf) over Tokenizer tokens, fit + cosine.

Beside match() (ranking + the answer model's verdicts, issue 12) the present ranking alone is timed in the
same run (score_units + the top units: what match() did before the answer model), so that the model's cost
shows. Targets: match ≤ 20 ms warm for a 10,000-character document; similarity 1,000 × 1,000 ≤ 1 s.
Prints times (wall-clock medians, and this process's CPU-time medians: on a shared machine the wall clock also
counts the time other processes held the CPU) and ratios.
With ``--against REF`` (a git commit or branch), match() and similarity() of the package as it is at REF (extracted
from git into a temporary folder and imported under another name) are timed beside ours in the same process, the
two calls alternating, each repeat's CPU times paired: the ratio of the code alone on a noisy machine.
Usage: python benchmarks/bench_match.py [--repeats 15] [--against REF]
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import io
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import faster, row

from devtools.shared import shared_dir
from devtools.synthetic import sentence as _sentence
from devtools.synthetic import synthetic_document, synthetic_text
from proposalnlp import Tokenizer, match, similarity
from proposalnlp.document import Unit
from proposalnlp.matching import DEFAULT_TOP_K, align_units, scoring

#: the median CPU time (this process) of the last timeit call: on a shared machine the wall-clock median also
#: counts the time other processes held the CPU, which the CPU time leaves out
LAST_CPU = [0.0]


def forget(scoring: ModuleType) -> None:
    """Empty what a package (``scoring``, its ``matching.scoring`` module) remembers between calls: the scorers'
    token tables and the answer features' memos (``answer.clear_memo``; a reference older than it has its two
    ``lru_cache`` memos emptied by name), so that a repeat costs what a new document does."""
    scoring.default_scorer().clear_memo()
    scoring.retrieval_scorer().clear_memo()
    answer = importlib.import_module(scoring.__name__.rsplit(".", 1)[0] + ".answer")
    if hasattr(answer, "clear_memo"):
        answer.clear_memo()
        return
    for name in ("_bigram_holders", "_remembered_pairs"):
        memo = getattr(answer, name, None)
        if hasattr(memo, "cache_clear"):
            memo.cache_clear()


def timeit(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm
    times = []
    cpu = []
    for _ in range(repeats):
        # the scorers remember the tokens of recent texts: forgotten, so that a repeat costs what a new text does
        forget(scoring)
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    LAST_CPU[0] = statistics.median(cpu)
    return statistics.median(times)


def cpu_ms() -> str:
    """The CPU-time median of the last timeit call, in ms, for printing."""
    return f"(CPU {LAST_CPU[0] * 1000:5.1f} ms)"


def package_at(ref: str, name: str = "proposalnlp_ref") -> ModuleType:
    """The package as it is at git commit ``ref``, imported as ``name`` from a temporary folder (its bundled data
    and models included; the folder is removed at exit)."""
    root = Path(__file__).resolve().parents[1]
    blob = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "src/proposalnlp", "models"],
        check=True,
        capture_output=True,
    ).stdout
    tmp = tempfile.TemporaryDirectory(prefix="bench-match-ref-")
    import atexit

    atexit.register(tmp.cleanup)
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tmp.name, filter="data")
    pkg = Path(tmp.name) / name
    (Path(tmp.name) / "src" / "proposalnlp").rename(pkg)
    (Path(tmp.name) / "models").rename(pkg / "models")
    for path in pkg.rglob("*.py"):  # resources are looked up by the package's name
        text = path.read_text(encoding="utf-8")
        fixed = text.replace('files("proposalnlp', f'files("{name}')
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    sys.path.insert(0, tmp.name)
    return importlib.import_module(name)


def paired(ref: ModuleType, name: str, args: tuple[object, ...], repeats: int) -> tuple[float, float, float]:
    """CPU medians (s) of the function ``name`` (match, similarity) at ``ref`` and of ours on ``args``,
    alternating call by call (memos emptied, a collection before each call, outside the timing), and the median
    of the paired ratios ours / ref."""
    ref_scoring = importlib.import_module(ref.__name__ + ".matching.scoring")
    ours = {"match": match, "similarity": similarity}[name]
    calls = {
        "ref": (lambda: getattr(ref, name)(*args), ref_scoring),
        "ours": (lambda: ours(*args), importlib.import_module("proposalnlp.matching.scoring")),
    }
    times: dict[str, list[float]] = {"ref": [], "ours": []}
    for fn, _ in calls.values():
        fn()
    for i in range(repeats):
        for key in ("ref", "ours") if i % 2 == 0 else ("ours", "ref"):
            fn, scoring = calls[key]
            forget(scoring)
            gc.collect()
            c0 = time.process_time()
            fn()
            times[key].append(time.process_time() - c0)
    ratio = statistics.median(o / r for o, r in zip(times["ours"], times["ref"], strict=True))
    return statistics.median(times["ref"]), statistics.median(times["ours"]), ratio


def tfidf_cosine(tok: Tokenizer, queries: list[str], candidates: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    qt = [tok(x) for x in queries]
    ct = [tok(x) for x in candidates]
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True).fit(qt + ct)
    return np.asarray((vec.transform(qt) @ vec.transform(ct).T).toarray())


def present_ranking(s_units: list[Unit], r_units: list[Unit]) -> list[np.ndarray]:
    """What match() computed before the answer model: every pair's scores and each suggestion's best units."""
    from proposalnlp.matching.align import _score_blocks, _top_columns

    keep = min(DEFAULT_TOP_K, len(r_units))
    return [_top_columns(scores, keep) for _, scores, _ in _score_blocks(s_units, r_units, None, None)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--against", metavar="REF", help="also time match() of the package at this git commit")
    args = ap.parse_args()
    tok = Tokenizer()
    tok("预热")

    sugg, reply = synthetic_document()
    chars = sum(map(len, sugg)) + sum(map(len, reply))
    s_units = [Unit(f"S{i}", "proposal", "suggestion", 1, None, None, t, 0, 0) for i, t in enumerate(sugg, 1)]
    r_units = [Unit(f"R{i}", "reply", "item", 1, None, None, t, 0, 0) for i, t in enumerate(reply, 1)]
    t_match = timeit(lambda: match(sugg, reply), args.repeats)
    c_match = cpu_ms()
    t_align = timeit(lambda: align_units(s_units, r_units), args.repeats)
    c_align = cpu_ms()
    t_present = timeit(lambda: present_ranking(s_units, r_units), args.repeats)
    c_present = cpu_ms()
    t_base = timeit(lambda: tfidf_cosine(tok, sugg, reply), args.repeats)
    c_base = cpu_ms()
    print(f"match(), {chars} characters, {len(sugg)} suggestions × {len(reply)} reply paragraphs (median, warm;")
    print("  wall clock, and in brackets this process's CPU time, which leaves out waiting for a busy machine)")
    print(f"  ours match()                 {t_match * 1000:7.1f} ms {c_match}   (target ≤ 20 ms)")
    print(f"  ours align_units()           {t_align * 1000:7.1f} ms {c_align}")
    print(f"  present ranking alone        {t_present * 1000:7.1f} ms {c_present}   (match() before the answer "
          f"model; the model adds {(t_align - t_present) * 1000:.1f} ms)")
    print(f"  TF-IDF cosine baseline       {t_base * 1000:7.1f} ms {c_base}   ratio ours/baseline "
          f"{t_match / t_base:.2f}")
    row(f"match() {chars}-char document (ms)", f"{t_match * 1000:.1f}", f"{t_base * 1000:.1f} (TF-IDF cosine)",
        faster(t_base, t_match), "<= 20 ms")
    row("match() beside the present ranking alone (ms)", f"{t_align * 1000:.1f}", f"{t_present * 1000:.1f} (ranking)",
        faster(t_present, t_align), "")
    if args.against:
        ref = package_at(args.against)
        c_ref, c_ours, ratio = paired(ref, "match", (sugg, reply), max(args.repeats, 20))
        print(f"  match() at {args.against} beside ours, alternating (CPU medians): {c_ref * 1000:.1f} ms / "
              f"{c_ours * 1000:.1f} ms, paired ratio ours/ref {ratio:.3f}")
        row(f"match() beside {args.against} (CPU ms)", f"{c_ours * 1000:.1f}", f"{c_ref * 1000:.1f} ({args.against})",
            faster(c_ref, c_ours), "")
    doc_text = synthetic_text(sugg, reply)
    t_text = timeit(lambda: match(doc_text), args.repeats)
    print(f"  ours match(text), {len(doc_text)}-character synthetic document, parse included: {t_text * 1000:.1f} ms "
          f"{cpu_ms()}")
    root = shared_dir()
    if root is not None:
        text = (root / "corpus" / "pingdingshan-2019-three-transformations.txt").read_text(encoding="utf-8")
        t_doc = timeit(lambda: match(text), args.repeats)
        print(f"  ours match(text), {len(text)}-character reference document, parse included: {t_doc * 1000:.1f} ms "
              f"{cpu_ms()}")

    if root is not None:
        with (root / "benchmarks" / "teddy2020" / "message-reply.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))[:1000]
        queries = [r["subject"] + "\n" + r["message"] for r in rows]
        cands = [r["reply"] for r in rows]
        heads = [r["subject"] for r in rows]
        source = "Teddy 2020 messages × replies"
    else:
        rng = random.Random(3)
        queries = ["".join(_sentence(rng) for _ in range(8)) for _ in range(1000)]
        cands = ["".join(_sentence(rng) for _ in range(14)) for _ in range(1000)]
        heads = [None] * 1000
        source = "synthetic texts"
    reps = max(3, args.repeats // 5)
    n_chars = sum(map(len, queries)) + sum(map(len, cands))
    t_sim = timeit(lambda: similarity(queries, cands), reps)  # a batch: hubness corrected by default
    c_sim = LAST_CPU[0]
    t_hub = timeit(lambda: similarity(queries, cands, query_headings=heads, hubness=False), reps)
    c_hub = LAST_CPU[0]
    t_tfidf = timeit(lambda: tfidf_cosine(tok, queries, cands), reps)
    c_tfidf = LAST_CPU[0]
    print(f"\nsimilarity(), {len(queries)} × {len(cands)} {source}, {n_chars} characters (median of {reps})")
    print(f"  ours (hubness by default)  {t_sim:6.2f} s (CPU {c_sim:5.2f} s)   (target ≤ 1 s)")
    print(f"  ours, headings, no hubness {t_hub:6.2f} s (CPU {c_hub:5.2f} s)")
    print(f"  TF-IDF cosine baseline     {t_tfidf:6.2f} s (CPU {c_tfidf:5.2f} s)   ratio ours/baseline "
          f"{t_sim / t_tfidf:.2f}")
    row(f"similarity {len(queries)}x{len(cands)} (s)", f"{t_sim:.2f}", f"{t_tfidf:.2f} (TF-IDF cosine)",
        faster(t_tfidf, t_sim), "<= 1 s")
    if args.against:
        c_ref, c_ours, ratio = paired(ref, "similarity", (queries, cands), max(3, args.repeats // 3))
        print(f"  similarity() at {args.against} beside ours, alternating (CPU medians): {c_ref:.2f} s / "
              f"{c_ours:.2f} s, paired ratio ours/ref {ratio:.3f}")
        row(f"similarity beside {args.against} (CPU s)", f"{c_ours:.2f}", f"{c_ref:.2f} ({args.against})",
            faster(c_ref, c_ours), "")


if __name__ == "__main__":
    main()
