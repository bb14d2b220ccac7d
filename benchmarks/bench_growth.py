"""How time and peak memory grow with the input: parse, classify_document and match at 1×, 4×, 16×.

Cases, each built from hand-written text (the bundled example document and invented lines):

- ``parse``: the bundled example (a proposal and its reply, 1,547 characters) repeated 64 × s times;
- ``classify_document``: the same document, parsed, then classified;
- ``match``: the example's suggestions against a reply made of its reply paragraphs repeated 10 × s times
  (a longer reply to the same proposal: the realistic way a match grows), 40 × s times;
- ``match row 6``: ``match(["加大人才资金支持"], "人才资金。\\n" * (2500 × s))`` (issue 15, row 6);
- ``match row 5``: ``match([f"人才资金{i}" …], [f"创新宣传{i}" …])`` with N = 250 × s on both sides (issue 15,
  row 5; suggestions × units grow as s², so its time cannot be linear; its memory should be).

Each figure comes from a fresh subprocess: the call's time after a warm-up on a small input (the best of up
to 5 calls when one takes under a second), and its peak
RSS above the RSS before the call (the kernel's high-water mark, reset before the call). The ratios are
those of consecutive sizes (4.0 = linear for a 4× larger input). With a baseline revision (default: the
commit before bounded matching, ``BASELINE``) the same cases run on that revision's code, extracted with
``git archive`` into a temporary folder, in the same run, and print beside ours; a baseline case that takes
longer than ``--timeout`` seconds is reported as such.

Usage: python benchmarks/bench_growth.py [--scales 1,4,16] [--baseline REV | --no-baseline] [--timeout 180]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from itertools import pairwise
from pathlib import Path

from _summary import row

ROOT = Path(__file__).resolve().parents[1]
#: main before issue 15's bounded matching and byte-bounded memos
BASELINE = "b77cc5ff666b3226dafcffef71b197137c33e2d0"
CASES = ("parse", "classify_document", "match", "match row 6", "match row 5")

WORKER = textwrap.dedent(
    """
    import json, resource, sys, time
    import proposalnlp
    from proposalnlp import classify_document, match, parse
    from proposalnlp.document import example_text

    case, scale = sys.argv[1], int(sys.argv[2])

    def rss_mb(field):
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    example = example_text()
    doc0 = parse(example)
    suggestions = [u.text for u in doc0.units if u.part == "proposal" and u.kind == "suggestion"]
    paragraphs = [u.text for u in doc0.reply]

    def build(s):
        if case in ("parse", "classify_document"):
            text = example * (64 * s)
            return (lambda: parse(text)) if case == "parse" else (lambda: classify_document(parse(text))), len(text)
        if case == "match":
            reply = paragraphs * (40 * s)
            return (lambda: match(suggestions, reply)), sum(map(len, reply))
        if case == "match row 6":
            text = "人才资金。\\n" * (2500 * s)
            return (lambda: match(["加大人才资金支持"], text)), len(text)
        n = 250 * s
        sugg, reply = [f"人才资金{i}" for i in range(n)], [f"创新宣传{i}" for i in range(n)]
        return (lambda: match(sugg, reply)), n

    warm, _ = build(1) if case != "match row 5" else (lambda: match(["人才资金1"], ["创新宣传1"]), 0)
    warm()
    run, size = build(scale)
    try:  # reset the kernel's peak RSS mark (Linux), so that the warm-up does not count
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass
    before = rss_mb("VmRSS")
    t0 = time.perf_counter()
    run()
    elapsed = time.perf_counter() - t0
    peak = rss_mb("VmHWM")
    spent, times = elapsed, [elapsed]
    while spent < 1.0 and len(times) < 5:  # a short call: the best of a few
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
        spent += times[-1]
    elapsed = min(times)
    print(json.dumps({"time": elapsed, "peak_mb": max(0.0, peak - before), "size": size,
                      "where": proposalnlp.__file__}))
    """
)


def measure(case: str, scale: int, pythonpath: Path | None, timeout: float) -> dict[str, float] | None:
    """One case at one scale in a fresh interpreter (``pythonpath``: another revision's src/), or None on timeout."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    code = WORKER
    if pythonpath is not None:  # the other revision's package first, ahead of the installed (editable) one
        code = f"import sys; sys.path.insert(0, {str(pythonpath)!r})\n" + WORKER
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, case, str(scale)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if pythonpath is not None and not out["where"].startswith(str(pythonpath)):
        raise RuntimeError(f"the baseline run imported {out['where']}, not the revision's code")
    return out


def extract(rev: str, into: Path) -> Path | None:
    """``src/`` and ``models/`` of a revision (git archive), laid out as an importable package; None without git."""
    archive = into / "rev.tar"
    try:
        with archive.open("wb") as fh:
            subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "models"], stdout=fh, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    (into / "models").rename(into / "src" / "proposalnlp" / "models")
    return into / "src"


def fmt_time(r: dict[str, float] | None, timeout: float) -> str:
    return f"> {timeout:.0f}" if r is None else f"{r['time']:.3f}"


def fmt_mb(r: dict[str, float] | None) -> str:
    return "?" if r is None else f"{r['peak_mb']:.1f}"


def ratios(values: list[float | None]) -> str:
    out = []
    for a, b in pairwise(values):
        out.append("?" if a is None or b is None or a <= 0 else f"{b / a:.1f}")
    return " / ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,4,16", help="input sizes as multiples of the base (default 1,4,16)")
    ap.add_argument("--baseline", default=BASELINE, help="git revision to compare with (default: before issue 15)")
    ap.add_argument("--no-baseline", action="store_true", help="measure this code only")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds allowed per baseline case")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated cases (default: all)")
    args = ap.parse_args()
    scales = [int(x) for x in args.scales.split(",")]
    cases = [c.strip() for c in args.cases.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        base_src = None if args.no_baseline else extract(args.baseline, Path(tmp))
        if base_src is None and not args.no_baseline:
            print(f"(no baseline: git archive of {args.baseline} failed)")
        label = f"baseline {args.baseline[:8]}"
        print("time in s (the call alone), peak = peak RSS above the RSS before the call, in MB; ratio = growth")
        print("between consecutive sizes (input 4x larger: 4.0 is linear)\n")
        header = "| case | size | input | time | peak MB |"
        rule = "| --- | ---: | ---: | ---: | ---: |"
        if base_src is not None:
            header += f" {label} time | {label} peak MB |"
            rule += " ---: | ---: |"
        print(header)
        print(rule)
        growth: list[str] = []
        for case in cases:
            ours: list[dict[str, float] | None] = []
            base: list[dict[str, float] | None] = []
            for s in scales:
                r = measure(case, s, None, 3600.0)
                ours.append(r)
                line = f"| {case} | {s}x | {r['size'] if r else '?'} | {fmt_time(r, 0)} | {fmt_mb(r)} |"
                if base_src is not None:
                    # once a size timed out, a larger one would too
                    b = measure(case, s, base_src, args.timeout) if not base or base[-1] is not None else None
                    base.append(b)
                    line += f" {fmt_time(b, args.timeout)} | {fmt_mb(b)} |"
                print(line, flush=True)
            g = (
                f"{case}: time x{ratios([r['time'] if r else None for r in ours])}, "
                f"peak x{ratios([r['peak_mb'] if r else None for r in ours])}"
            )
            if base_src is not None:
                g += f"; baseline time x{ratios([b['time'] if b else None for b in base])}"
            growth.append(g)
            last, last_b = ours[-1], (base[-1] if base else None)
            if last is not None:
                row(
                    f"{case} at {scales[-1]}x: time (s) / peak (MB)",
                    f"{last['time']:.2f} / {last['peak_mb']:.0f}",
                    f"{fmt_time(last_b, args.timeout)} / {fmt_mb(last_b)} (before issue 15)" if base_src else "",
                    ratios([r["time"] if r else None for r in ours]),
                    "near-linear",
                )
        print("\ngrowth between consecutive sizes (ours; 4.0 = linear):")
        for g in growth:
            print(f"  {g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
