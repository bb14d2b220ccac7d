"""Batch input at full size (issue 15, rows 1-2): a 1,000,000-row file streamed in bounded memory.

Each figure is one fresh process, timed from the outside, with its peak RSS (``wait4``'s ``ru_maxrss``):

- *read*: every row of a generated JSONL (or CSV) file through ``proposalnlp.cli._io.iter_records`` (strict,
  line-numbered, streamed), beside the naive read-all baseline: ``Path.read_text()`` then
  ``splitlines()`` + ``json.loads`` (the reader before issue 15), holding every row.
- *classify*: ``proposalnlp classify --file F --json`` (chunks of rows classified while reading, output
  written as it goes with ``--on-error skip``, or held back in a spooled temporary file with the default
  ``--on-error fail``), beside the baseline: read everything as above, ``classify_many`` over the whole
  list, then print.

    python benchmarks/bench_inputs.py [--rows 1000000] [--format jsonl|csv] [--skip-classify]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXTS = [
    "建议加大对中小企业技术改造的财政资金支持，设立专项贴息",
    "加强高层次人才引进和本土人才培养，完善人才安居政策",
    "推进科技创新平台建设，支持企业与高校共建研发中心",
    "加大垃圾分类宣传力度，提高市民的环保意识",
]

BASELINE_READ = """
import json, sys
from pathlib import Path
rows = [json.loads(x) for x in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if x.strip()]
print(len(rows), file=sys.stderr)
"""

BASELINE_READ_CSV = """
import csv, io, sys
from pathlib import Path
rows = list(csv.DictReader(io.StringIO(Path(sys.argv[1]).read_text(encoding="utf-8"), newline="")))
print(len(rows), file=sys.stderr)
"""

OURS_READ = """
import sys
from proposalnlp.cli._io import iter_records
n = sum(1 for r in iter_records(sys.argv[1], required=("text",)) if r.error is None)
print(n, file=sys.stderr)
"""

BASELINE_CLASSIFY = """
import csv, io, json, sys
from pathlib import Path
from proposalnlp import classify_many
text = Path(sys.argv[1]).read_text(encoding="utf-8")
if sys.argv[1].endswith(".csv"):
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
else:
    rows = [json.loads(x) for x in text.splitlines() if x.strip()]
preds = classify_many([r["text"] for r in rows])
out = sys.stdout
for r, p in zip(rows, preds):
    out.write(json.dumps({"id": r["id"], **p.to_dict()}, ensure_ascii=False) + "\\n")
"""


def generate(path: Path, n: int, fmt: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(["id", "text"])
            for i in range(n):
                writer.writerow([i, f"{TEXTS[i % 4]}（第{i}条）"])
        else:
            for i in range(n):
                fh.write(json.dumps({"id": i, "text": f"{TEXTS[i % 4]}（第{i}条）"}, ensure_ascii=False) + "\n")


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of one fresh process (stdout discarded)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--skip-classify", action="store_true", help="only the reading figures")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"rows.{args.format}"
        generate(path, args.rows, args.format)
        size_mb = path.stat().st_size / 1e6
        print(f"## bench_inputs: {args.rows:,} rows, {args.format}, {size_mb:.1f} MB\n")
        print("| what | seconds | rows/s | peak RSS (MB) |")
        print("| --- | ---: | ---: | ---: |")
        runs: list[tuple[str, list[str]]] = [
            (
                "read: naive read-all (baseline)",
                [py, "-c", BASELINE_READ_CSV if args.format == "csv" else BASELINE_READ],
            ),
            ("read: iter_records, streamed (ours)", [py, "-c", OURS_READ]),
        ]
        if not args.skip_classify:
            cli = [py, "-m", "proposalnlp", "classify", "--file", str(path), "--json", "--id-column", "id"]
            runs += [
                ("classify: read-all + classify_many (baseline)", [py, "-c", BASELINE_CLASSIFY]),
                ("classify --on-error skip, streamed (ours)", [*cli, "--on-error", "skip"]),
                ("classify --on-error fail, output spooled (ours)", cli),
            ]
        for name, cmd in runs:
            full = [*cmd, str(path)] if cmd[1] == "-c" else cmd
            seconds, peak, code = measure(full)
            status = "" if code == 0 else f" (exit {code})"
            print(f"| {name}{status} | {seconds:.1f} | {args.rows / seconds:,.0f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
