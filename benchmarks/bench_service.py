"""Throughput of the HTTP service beside in-process ``classify()``, measured in the same run.

The server runs as ``python -m proposalnlp serve`` in a subprocess on 127.0.0.1 (a free port); clients are
threads of this process, one keep-alive ``httpx.Client`` each. Model: the bundled default model when it is
installed and pinned, else a ThemeClassifier trained here on ``models/training/handwritten.jsonl``.

Figures: in-process ``classify()`` calls/s (the baseline), ``GET /health`` requests/s (the HTTP ceiling),
``POST /classify`` requests/s with 1 and 8 clients, and texts/s for batches of 100 texts; each with its ratio
to the baseline and the server's CPU time per request (the clients, in Python, are often the bottleneck).
Needs the serve extra: ``pip install 'proposalnlp[serve]' httpx``.

    python benchmarks/bench_service.py [--requests 200]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from proposalnlp.errors import ModelError
from proposalnlp.themes import classify, load_model

ROOT = Path(__file__).resolve().parents[1]

# Hand-written, proposal-style sentences (not taken from any real document).
TEXTS = [
    "建议设立青年科技人才专项基金，支持高校毕业生留在本地创新创业",
    "市财政每年安排专项资金，对中小企业技术改造给予贴息补助",
    "加快建设产业创新中心，推动高校科研成果在本地转化落地",
    "通过报纸、电视和新媒体广泛宣传垃圾分类知识，提高市民环保意识",
    "组织职业院校与龙头企业联合办学，定向培养数控技术工人",
    "落实研发费用加计扣除政策，鼓励企业加大研发投入",
    "我们将会同教育部门开展科普进校园活动，增强青少年的科学素养",
    "下一步，我局将继续完善老旧小区停车设施，方便居民出行",
]


def model_folder(tmp: Path) -> tuple[str | None, Any]:
    """(folder for --model or None for the default, the loaded model for the in-process baseline)."""
    try:
        return None, load_model()
    except ModelError:
        from proposalnlp import ThemeClassifier

        rows = [json.loads(line) for line in (ROOT / "models/training/handwritten.jsonl").open(encoding="utf-8")]
        clf = ThemeClassifier().fit([r["text"] for r in rows], [r["themes"] for r in rows])
        folder = tmp / "handwritten-model"
        clf.save(folder)
        return str(folder), clf.model_


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), or NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rate(fn: Callable[[int], None], clients: int, per_client: int) -> float:
    """Calls per second of ``fn(k)`` run ``per_client`` times in each of ``clients`` threads."""
    threads = [threading.Thread(target=lambda k=k: [fn(k) for _ in range(per_client)]) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return clients * per_client / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200, help="requests per client (default 200)")
    args = ap.parse_args()
    n = args.requests
    with tempfile.TemporaryDirectory() as tmp:
        folder, model = model_folder(Path(tmp))
        for t in TEXTS:
            classify(t, model=model)
        count = [0]

        def local(k: int) -> None:
            classify(TEXTS[count[0] % len(TEXTS)], model=model)
            count[0] += 1

        baseline = rate(local, 1, n * 8)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        cmd = [sys.executable, "-m", "proposalnlp", "serve", "--port", str(port), "--log-level", "warning"]
        proc = subprocess.Popen(cmd + (["--model", folder] if folder else []))
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.1)
            clients = [httpx.Client(base_url=url, timeout=60) for _ in range(8)]
            batch = (TEXTS * 13)[:100]

            def health(k: int) -> None:
                clients[k].get("/health").raise_for_status()

            def one(k: int) -> None:
                clients[k].post("/classify", json={"text": TEXTS[k % len(TEXTS)]}).raise_for_status()

            def many(k: int) -> None:
                clients[k].post("/classify", json={"texts": batch}).raise_for_status()

            print(f"in-process classify():          {baseline:8.0f} calls/s   (baseline)")
            for label, fn, c, per, unit, mult in (
                ("GET /health, 8 clients", health, 8, n, "req/s", 1),
                ("POST /classify, 1 client", one, 1, n * 2, "req/s", 1),
                ("POST /classify, 8 clients", one, 8, n, "req/s", 1),
                ("POST /classify 100 texts, 2 cl.", many, 2, max(n // 20, 5), "texts/s", 100),
            ):
                cpu = cpu_seconds(proc.pid)
                r = rate(fn, c, per) * mult
                ms = (cpu_seconds(proc.pid) - cpu) / (c * per) * 1000
                print(f"{label + ':':<32}{r:8.0f} {unit:<8} ({r / baseline:.2f}x baseline; server CPU {ms:.2f} ms/req)")
            for c in clients:
                c.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)


if __name__ == "__main__":
    main()
