"""Run every benchmark of this folder, print their tables one after the other, then one summary table.

Each script measures its own naive baseline in the same run and prints the ratios (see each script's
docstring): tokenization vs ``jieba.lcut``, warm ``classify()`` / ``classify_many`` (1 and 2 workers) / cold
start vs a jieba + TfidfVectorizer + LogisticRegression pipeline, ``match()`` vs plain TF-IDF cosine,
Dask vs serial, and the growth of time and peak memory with input size for parse, classify_document and
match at 1x, 4x, 16x beside the code before issue 15 (bench_growth). This script adds the 10 MB document:
parse + classify_document time and peak memory (target < 30 s, < 1 GB), beside the naive pipeline's
jieba.lcut of the same text. The summary table at the end gathers every script's headline figures (reported
through ``_summary.row``) beside their baselines.

    python benchmarks/run_all.py [--quick] [--skip bench_service]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = {
    "bench_tokenize": ["--runs", "3"],
    "bench_classify": ["--calls", "2000", "--repeat", "3"],
    "bench_match": ["--repeats", "15"],
    "bench_dask": ["--copies", "4", "--repeat", "3"],
    "bench_growth": ["--timeout", "120"],
}
QUICK = {
    "bench_tokenize": ["--runs", "1"],
    "bench_classify": ["--calls", "500", "--repeat", "1"],
    "bench_match": ["--repeats", "5"],
    "bench_dask": ["--copies", "1", "--repeat", "1"],
    "bench_growth": ["--scales", "1,4", "--no-baseline"],
}

BIG_DOC = textwrap.dedent(
    """
    import json, resource, sys, time
    from proposalnlp import classify_document, parse
    head = "关于加强县域人才队伍建设的提案\\n"
    para = ("一是完善基层人才引进政策，设立专项资金支持乡村教师和医生培训，推动校企合作创新平台建设。"
            "二是加大宣传力度，提高群众对人才政策的知晓率。\\n")
    text = head + para * (10_000_000 // len(para.encode()))
    mode = sys.argv[1]
    t0 = time.perf_counter()
    if mode == "ours":
        doc = parse(text)
        t1 = time.perf_counter()
        res = classify_document(doc)
        n = len(res.units)
    else:
        import jieba
        jieba.setLogLevel(60)
        jieba.initialize()
        t1 = time.perf_counter()
        n = len(jieba.lcut(text))
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mb": len(text.encode()) / 1e6, "first": t1 - t0, "total": t2 - t0, "peak_mb": rss, "n": n}))
    """
)


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()}"


def big_document() -> tuple[list[str], list[dict[str, str]]]:
    """The 10 MB document's lines of output and its summary rows."""
    out = {}
    for mode in ("ours", "jieba"):
        proc = subprocess.run([sys.executable, "-c", BIG_DOC, mode], capture_output=True, text=True, check=True)
        out[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    o, j = out["ours"], out["jieba"]
    base_s = j["total"] - j["first"]
    rows = [
        {
            "figure": "10 MB document parse + classify (s)",
            "ours": f"{o['total']:.1f}",
            "baseline": f"{base_s:.1f} (jieba.lcut only)",
            "ratio": f"{base_s / o['total']:.1f}x" if base_s >= o["total"] else f"{o['total'] / base_s:.1f}x slower",
            "target": "< 30 s",
        },
        {
            "figure": "10 MB document peak RSS (MB)",
            "ours": f"{o['peak_mb']:.0f}",
            "baseline": f"{j['peak_mb']:.0f} (jieba.lcut only)",
            "ratio": "",
            "target": "< 1024 MB",
        },
    ]
    lines = [
        f"10 MB document ({o['mb']:.1f} MB, {o['n']} units): parse {o['first']:.1f} s + classify "
        f"{o['total'] - o['first']:.1f} s = {o['total']:.1f} s (target < 30 s), peak RSS {o['peak_mb']:.0f} MB "
        f"(target < 1024 MB)",
        f"  naive baseline: jieba.lcut of the same text {j['total'] - j['first']:.1f} s (tokenizing only, "
        f"peak RSS {j['peak_mb']:.0f} MB); ratio {(j['total'] - j['first']) / o['total']:.1f}x",
    ]
    return lines, rows


def summary_table(rows: list[dict[str, str]]) -> list[str]:
    """One Markdown table of every headline figure beside its baseline."""
    out = ["| figure | ours | baseline | ratio | target |", "| --- | ---: | ---: | ---: | --- |"]
    out += [f"| {r['figure']} | {r['ours']} | {r['baseline']} | {r['ratio']} | {r['target']} |" for r in rows]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    ap.add_argument("--skip", action="append", default=[], help="a script to leave out (repeatable)")
    args = ap.parse_args()
    print(f"# proposalnlp benchmarks, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {machine()}\n")
    failed = 0
    summary = Path(tempfile.mkdtemp()) / "summary.jsonl"
    summary.touch()
    env = {**os.environ, "PROPOSALNLP_BENCH_SUMMARY": str(summary)}
    for name, argv in (QUICK if args.quick else SCRIPTS).items():
        if name in args.skip:
            continue
        print(f"## {name} {' '.join(argv)}\n")
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py"), *argv], capture_output=True, text=True, check=False, env=env
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
        print("\n".join(lines))
        if proc.returncode:
            failed += 1
            print(f"FAILED (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
        print(f"({time.perf_counter() - t0:.0f} s)\n")
    print("## 10 MB document\n")
    lines, big_rows = big_document()
    print("\n".join(lines))
    rows = [json.loads(line) for line in summary.read_text(encoding="utf-8").splitlines() if line.strip()]
    print("\n## Summary: each figure beside its naive baseline, measured in this run\n")
    print("\n".join(summary_table(rows + big_rows)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
