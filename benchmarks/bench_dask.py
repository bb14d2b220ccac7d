"""classify_many and match_many throughput: serial, 2 loky workers, and a local 2-worker dask.distributed cluster.

Paragraphs: the Jiangsu proposals split into paragraphs of >= 150 characters, repeated to ``--copies`` times the
corpus so that the parallel runs have enough work. Match pairs: each Jiangsu proposal's suggestions against the
next proposal's paragraphs (no replies needed; it is the cost that matters). Best of ``--repeat`` runs.

    python benchmarks/bench_dask.py [--copies 4] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import faster, row
from bench_classify import paragraphs


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile one serial classify_many over the paragraphs")
    args = ap.parse_args()

    import joblib
    from dask.distributed import Client, LocalCluster

    from devtools.corpus import jiangsu_proposals
    from devtools.shared import shared_dir
    from proposalnlp import classify_many
    from proposalnlp.matching import match_many
    from proposalnlp.themes import load_model

    shared = shared_dir(required=True)
    docs = [p["text"] for p in jiangsu_proposals(shared)]
    paras = paragraphs(docs)
    texts = paras * args.copies
    pairs = [(paragraphs([docs[i]])[-4:], paragraphs([docs[(i + 1) % len(docs)]])) for i in range(len(docs))]
    load_model()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"data: {len(texts)} paragraphs ({mb:.1f} MB), {len(pairs)} match pairs")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        classify_many(paras)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)

    serial = classify_many(texts)
    rows = []
    t = best(lambda: classify_many(texts), args.repeat)
    rows.append(("classify_many serial", len(texts) / t, "paragraphs/s"))
    t = best(lambda: classify_many(texts, n_jobs=2), args.repeat)
    rows.append(("classify_many loky n_jobs=2", len(texts) / t, "paragraphs/s"))
    ms = [a.coverage for a in match_many(pairs)]
    t = best(lambda: match_many(pairs), args.repeat)
    rows.append(("match_many serial", len(pairs) / t, "pairs/s"))
    t = best(lambda: match_many(pairs, n_jobs=2), args.repeat)
    rows.append(("match_many loky n_jobs=2", len(pairs) / t, "pairs/s"))

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as c:
        with Client(c), joblib.parallel_config(backend="dask"):
            assert classify_many(texts) == serial
            assert [a.coverage for a in match_many(pairs)] == ms
            t = best(lambda: classify_many(texts), args.repeat)
            rows.append(("classify_many dask 2 workers", len(texts) / t, "paragraphs/s"))
            t = best(lambda: match_many(pairs), args.repeat)
            rows.append(("match_many dask 2 workers", len(pairs) / t, "pairs/s"))
    base = {"classify": rows[0][1], "match": rows[2][1]}
    print(f"{'run':32} {'rate':>10}  unit          x serial")
    for name, rate, unit in rows:
        ratio = rate / base["classify" if name.startswith("classify") else "match"]
        print(f"{name:32} {rate:10.0f}  {unit:13} {ratio:5.2f}")
    for name, rate, unit in rows:
        if "serial" in name:
            continue
        serial_rate = base["classify" if name.startswith("classify") else "match"]
        row(f"{name} ({unit})", f"{rate:.0f}", f"{serial_rate:.0f} (serial, 1 process)", faster(rate, serial_rate))
    return 0


if __name__ == "__main__":
    sys.exit(main())
