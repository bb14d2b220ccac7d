"""A seeded sample of the answer model's held-out verdict errors on the Teddy pairs, to be read by cause
(issue 12, round 14 of models/answer-default/README.md).

Reads the rows written by ``eval_verdicts.py --only teddy --dump FILE`` (one held-out probability and cut per
row) and draws, with ``numpy.random.default_rng(SEED)``, SIZE own replies called unanswered and then SIZE
close-topic replies called answered or partly (each list of message ids sorted as strings before the draw; the
sample is printed in the csv's order). Prints the ids; with ``--show`` also each pair as the model reads it (the
message, the reply's units with their kinds, its best answering unit marked ``*``, frames ``F``) for reading in
the terminal. Texts stay in ../shared: nothing is written.

Usage: python scripts/error_sample.py DUMP [--size 40] [--seed 1616] [--show own|close]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.answer_data import _request_unit, close_and_random
from devtools.evaluation import teddy_message_replies
from proposalnlp.matching.align import _answer_kinds, answer_rows, match_units

SEED = 1616
SIZE = 40


def draw(dump: Path, size: int = SIZE, seed: int = SEED) -> dict[str, list[str]]:
    """The sampled message ids of own replies called unanswered ("own") and close-topic replies called
    answered or partly ("close"), each in the csv's order (the dump's row order)."""
    rows = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines() if line]
    order: dict[str, int] = {}
    for k, r in enumerate(rows):
        order.setdefault(r["group"], k)
    own = sorted({r["group"] for r in rows if r["kind"] == "own" and r["p"] < r["partly"]})
    close = sorted({r["group"] for r in rows if r["kind"] == "close" and r["p"] >= r["partly"]})
    rng = np.random.default_rng(seed)
    pick_own = rng.choice(own, min(size, len(own)), replace=False).tolist()
    pick_close = rng.choice(close, min(size, len(close)), replace=False).tolist()
    return {"own": sorted(pick_own, key=order.__getitem__), "close": sorted(pick_close, key=order.__getitem__)}


def show(ids: list[str], kind: str, dump: Path) -> None:
    """Print each sampled pair as the model reads it (terminal only)."""
    rows = teddy_message_replies()
    close, _ = close_and_random(rows)
    index = {r["id"]: i for i, r in enumerate(rows)}
    held = {(r["group"], r["kind"]): r for r in map(json.loads, dump.read_text(encoding="utf-8").splitlines())}
    for g in ids:
        i = index[g]
        j = i if kind == "own" else int(close[i])
        d = held[(g, kind)]
        units = match_units(["x"], rows[j]["reply"], chinese=False)[1]
        best = answer_rows([_request_unit(rows[i]["subject"], rows[i]["message"])], units).best[0]
        can = _answer_kinds(units)
        print("=" * 80)
        print(f"{g} [{kind}] p={d['p']:.3f} cut={d['partly']:.3f} reply of {rows[j]['id']}")
        print(rows[i]["subject"])
        print(rows[i]["message"][:600])
        for k, u in enumerate(units):
            mark = "*" if k == best else (" " if can[k] else "F")
            print(f" {mark}[{k}:{u.kind}] {u.text[:240]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--size", type=int, default=SIZE)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--show", choices=["own", "close"], default=None)
    args = ap.parse_args()
    sample = draw(args.dump, args.size, args.seed)
    for kind, ids in sample.items():
        print(f"{kind} ({len(ids)}): {', '.join(ids)}")
    if args.show:
        show(sample[args.show], args.show, args.dump)


if __name__ == "__main__":
    main()
