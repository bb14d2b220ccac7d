"""Rows for the combined table of ``run_all.py``: each script reports its headline figures here.

A script calls :func:`row` for each figure; when ``run_all.py`` runs it, the environment variable
``PROPOSALNLP_BENCH_SUMMARY`` names a file and the row is appended to it as one JSON line. Run on its own,
a script prints its own table and this does nothing.
"""

from __future__ import annotations

import json
import os

ENV = "PROPOSALNLP_BENCH_SUMMARY"


def row(figure: str, ours: str, baseline: str, ratio: str, target: str = "") -> None:
    """Record one line of the summary: the figure, our value, the baseline's (with what it is), the ratio."""
    path = os.environ.get(ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"figure": figure, "ours": ours, "baseline": baseline, "ratio": ratio, "target": target},
                            ensure_ascii=False) + "\n")


def faster(baseline: float, ours: float) -> str:
    """The ratio of two times (or the inverse ratio of two rates) as 'N.Nx', or 'N.Nx slower' below 1."""
    r = baseline / ours
    return f"{r:.1f}x" if r >= 1 else f"{1 / r:.1f}x slower"
