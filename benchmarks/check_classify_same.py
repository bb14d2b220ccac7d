"""Check that a change to the classify path leaves every output as it was: dump the outputs of one checkout,
then compare two dumps.

The texts: every unit of the shared gold (with its kind), the first 2,000 Teddy Cup messages, and the Jiangsu
proposals cut into paragraphs and into short sentences as benchmarks/bench_classify.py cuts them. The outputs:
``classify(text)`` one call at a time, ``classify(text, kind=...)`` for the gold units, ``classify_many`` of each
set (default batching, ``batch_size=1`` and, for the gold, with kinds) and ``ThemeModel.explain`` of the gold units
and messages. Probabilities are kept exactly (JSON floats round-trip); ``compare`` reports the largest difference
and fails above 1e-12 or on any other difference. Dumps hold shared text's results only, never its text: write
them outside the repository.

    python benchmarks/check_classify_same.py dump /tmp/before.jsonl      # on the code before the change
    python benchmarks/check_classify_same.py dump /tmp/after.jsonl
    python benchmarks/check_classify_same.py compare /tmp/before.jsonl /tmp/after.jsonl

To dump the code of another commit: ``git archive REF | tar -x -C /tmp/ref``, link ``/tmp/ref/models`` as
``/tmp/ref/src/proposalnlp/models``, and run this script with ``PYTHONPATH=/tmp/ref/src:/tmp/ref``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_classify import paragraphs, short_sentences


def _pred(p: Any) -> list[Any]:
    return [list(p.themes), [p.scores[k] for k in sorted(p.scores)], p.top]


def dump(out: Path) -> int:
    import proposalnlp
    from devtools.annotate import gold_units
    from devtools.corpus import jiangsu_proposals
    from devtools.shared import shared_dir
    from proposalnlp import themes
    from proposalnlp.document import KINDS

    shared = shared_dir(required=True)
    assert shared is not None
    sys.stderr.write(f"proposalnlp from {proposalnlp.__file__}\n")
    gold = gold_units()
    with open(shared / "benchmarks" / "teddy2020" / "messages-labeled.csv", encoding="utf-8", newline="") as fh:
        teddy = [r["text"] for r in csv.DictReader(fh)][:2000]
    proposals = [p["text"] for p in jiangsu_proposals(shared)]
    sets: dict[str, list[str]] = {
        "gold": [str(u["text"]) for u in gold if str(u["text"]).strip()],
        "teddy": [t for t in teddy if t.strip()],
        "paras": paragraphs(proposals),
        "sents": short_sentences(proposals),
    }
    # gold kinds outside the library's (section-heading...) are passed as None
    kinds = [str(u["kind"]) if u["kind"] in KINDS else None for u in gold if str(u["text"]).strip()]
    model = themes.load_model()
    records: list[dict[str, Any]] = []
    for name, texts in sets.items():
        many = themes.classify_many(texts)
        ones = themes.classify_many(texts, batch_size=1)
        for i, t in enumerate(texts):
            rec: dict[str, Any] = {"set": name, "i": i, "one": _pred(themes.classify(t)), "many": _pred(many[i]),
                                   "many1": _pred(ones[i])}
            if name == "gold":
                rec["kind"] = _pred(themes.classify(t, kind=kinds[i]))
            if name in ("gold", "teddy"):
                rec["explain"] = model.explain(t)
            records.append(rec)
        if name == "gold":
            for i, p in enumerate(themes.classify_many(texts, kinds=kinds)):
                records.append({"set": "gold-kinds", "i": i, "many": _pred(p)})
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    sys.stderr.write(f"{len(records)} records written to {out}\n")
    return 0


def _diff(a: Any, b: Any, path: str, found: list[str]) -> float:
    """Largest float difference between two JSON values; other differences appended to ``found``."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b)
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            found.append(f"{path}: keys {sorted(a)} != {sorted(b)}")
            return 0.0
        return max([_diff(a[k], b[k], f"{path}.{k}", found) for k in a] or [0.0])
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            found.append(f"{path}: lengths {len(a)} != {len(b)}")
            return 0.0
        return max([_diff(x, y, f"{path}[{i}]", found) for i, (x, y) in enumerate(zip(a, b, strict=True))] or [0.0])
    if a != b:
        found.append(f"{path}: {a!r:.60} != {b!r:.60}")
    return 0.0


def compare(first: Path, second: Path) -> int:
    a = first.read_text(encoding="utf-8").splitlines()
    b = second.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"different record counts: {len(a)} != {len(b)}")
        return 1
    found: list[str] = []
    pairs = enumerate(zip(a, b, strict=True))
    worst = max((_diff(json.loads(x), json.loads(y), f"record {n}", found) for n, (x, y) in pairs), default=0.0)
    exact = sum(x == y for x, y in zip(a, b, strict=True))
    print(f"{len(a)} records, {exact} byte-identical; largest float difference {worst:.3g}; "
          f"{len(found)} other differences")
    for line in found[:20]:
        print("  " + line)
    return 0 if not found and worst <= 1e-12 else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("first", type=Path)
    c.add_argument("second", type=Path)
    args = ap.parse_args()
    return dump(args.out) if args.cmd == "dump" else compare(args.first, args.second)


if __name__ == "__main__":
    sys.exit(main())
