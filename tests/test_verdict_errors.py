"""The error-analysis tools of the answer model (round 14): eval_verdicts.py --dump and error_sample.py's draw.

Invented rows only: the dump holds ids and numbers, never text, and the draw picks only errors, seeded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from error_sample import draw
from eval_verdicts import dump_rows
from train_answer_model import Table


def _table(kinds: list[str], groups: list[str]) -> Table:
    n = len(kinds)
    return Table(
        x=np.zeros((n, 3)),
        y=np.array([int(k == "own") for k in kinds]),
        grade=np.zeros(n, dtype=int),
        group=np.array(groups),
        kind=np.array(kinds),
        support=np.linspace(0.0, 0.5, n),
        example=np.arange(n),
        best=np.zeros(n, dtype=int),
        best_score=np.zeros(n),
    )


def _dump(path: Path, rows: list[tuple[str, str, float]]) -> Path:
    """A dump of (group, kind, p) rows, every cut 0.4 (written by eval_verdicts' own writer)."""
    t = _table([k for _, k, _ in rows], [g for g, _, _ in rows])
    p = np.array([v for _, _, v in rows])
    dump_rows(path, t, p, np.full(len(rows), 0.4), np.zeros(len(rows), dtype=bool), np.arange(len(rows)) % 5)
    return path


def test_dump_holds_ids_and_numbers_only(tmp_path: Path) -> None:
    path = _dump(tmp_path / "d.jsonl", [("m1", "own", 0.9), ("m1", "close", 0.1), ("m1", "random", 0.05)])
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["kind"] for r in recs] == ["own", "close", "random"]
    assert recs[0]["p"] == 0.9 and recs[1]["partly"] == 0.4 and recs[2]["fold"] == 2
    assert {k for r in recs for k in r} == {"group", "kind", "example", "y", "fold", "p", "partly", "lifted", "support"}
    assert all(not isinstance(v, str) or v in ("m1", "own", "close", "random") for r in recs for v in r.values())


def test_draw_takes_only_errors_seeded_in_dump_order(tmp_path: Path) -> None:
    rows = []
    for i in range(30):
        g = f"m{i:02d}"
        own_p = 0.1 if i % 3 == 0 else 0.8  # every third own reply missed (10)
        close_p = 0.7 if i % 5 == 0 else 0.2  # every fifth close-topic reply called answered (6)
        rows += [(g, "own", own_p), (g, "close", close_p), (g, "random", 0.0)]
    path = _dump(tmp_path / "d.jsonl", rows)
    first = draw(path, size=4, seed=7)
    assert first == draw(path, size=4, seed=7)
    assert len(first["own"]) == 4 and len(first["close"]) == 4
    assert all(int(g[1:]) % 3 == 0 for g in first["own"])
    assert all(int(g[1:]) % 5 == 0 for g in first["close"])
    assert first["own"] == sorted(first["own"]) and first["close"] == sorted(first["close"])
    whole = draw(path, size=40, seed=7)  # fewer errors than asked: all of them
    assert len(whole["own"]) == 10 and len(whole["close"]) == 6
    assert draw(path, size=4, seed=8) != first
