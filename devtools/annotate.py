"""Theme annotation rounds (issue 13): export units to label, score a blind pass against the gold.

Units are exported to a JSON Lines file *outside* the repository (they hold shared text), one per line:
``{"id", "set", "doc", "kind", "text"}`` (gold units carry no themes). An annotator writes a labels file
of ``{"id": ..., "themes": [...]}`` lines. ``score`` compares such a file with the gold, on the
development part of the gold only unless ``--split test`` or ``all`` is asked for (the test part is read
once, for the final figure).

    python -m devtools.annotate export --set gold --out /work/labels/units-gold.jsonl
    python -m devtools.annotate export --set train --out /work/labels/units-train.jsonl
    python -m devtools.annotate export --set teddy --out /work/labels/units-teddy.jsonl
    python -m devtools.annotate score /work/labels/a1/gold.jsonl --split dev
    python -m devtools.annotate agree /work/labels/a1/batch.jsonl /work/labels/b1/batch.jsonl ...
    python -m devtools.annotate apply --units /work/labels/batch-1.jsonl /work/labels/batch-2.jsonl \
        --labels /work/labels/final/batch-1.jsonl /work/labels/final/batch-2.jsonl

``agree`` prints the agreement of independent passes over the units they share (per theme: F1 of one pass
against the other, Cohen's kappa). ``apply`` writes final labels into ``models/training/``: the themes of
the existing Jiangsu and work-report records are replaced (their quote anchors kept), and the Teddy reply
passages go to ``teddy-replies.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from proposalnlp.themes import THEMES

from .corpus import (
    GoldDocument,
    iter_gold_documents,
    load_reply_page_gold,
    load_theme_labels,
    shared_root,
)

__all__ = [
    "agreement",
    "apply_labels",
    "cohen_kappa",
    "gold_units",
    "is_test_document",
    "macro_f1",
    "teddy_passages",
    "train_units",
]


def is_test_document(doc_id: str) -> bool:
    """Whether a gold document belongs to the held-out test part (about a third, fixed by a hash of its id).

    A reply page and the proposal stored with it share one id stem (``page-007``, ``page-007-proposal``),
    so they fall on the same side.
    """
    stem = doc_id.removesuffix("-proposal")
    return hashlib.sha256(stem.encode("utf-8")).digest()[0] % 3 == 0


def _gold_documents() -> Iterator[GoldDocument]:
    yield from iter_gold_documents()
    yield from load_reply_page_gold()


def gold_units(split: str = "all") -> list[dict[str, object]]:
    """Every gold unit with its themes, as ``{"id", "set", "doc", "kind", "text", "themes"}``."""
    out: list[dict[str, object]] = []
    for doc in _gold_documents():
        test = is_test_document(doc.id)
        if (split == "dev" and test) or (split == "test" and not test):
            continue
        for u in doc.units:
            uid = u.id if "#" in u.id else f"{doc.id}#{u.id}"
            out.append({"id": uid, "set": "gold", "doc": doc.id, "kind": u.kind, "text": u.text,
                        "themes": list(u.themes)})
    return out


def train_units() -> list[dict[str, object]]:
    """The units of ``models/training/*.jsonl`` (hand-written ones excluded), keyed by source, doc and quote."""
    out: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for u in load_theme_labels():
        if u.source == "handwritten":
            continue
        key = f"{u.source}|{u.doc}|{u.quote}"
        seen[key] = seen.get(key, 0) + 1
        uid = key if seen[key] == 1 else f"{key}|{seen[key]}"
        out.append({"id": uid, "set": "train", "doc": u.doc, "kind": u.kind, "text": u.text,
                    "source": u.source, "quote": u.quote, "old_themes": list(u.themes)})
    return out


#: Words that make a reply passage worth labelling for themes (the rest are sampled at random).
_THEME_CUES = re.compile(
    "人才|培训|培养|教师|医生|护理|专家|技能|招聘|引进|资金|补贴|补助|经费|财政|贷款|融资|投资|预算|奖补|资助|"
    "技术|科技|研发|创新|智能|信息化|数字|平台|系统|宣传|引导|意识|教育|普及|告知|动员|科普|观念"
)


def teddy_passages(n_replies: int = 320, seed: int = 13) -> list[dict[str, object]]:
    """Reply passages of the Teddy message/reply pairs for theme labels: one to three sentences each.

    ``n_replies`` replies are drawn at random (seeded); each is cut into passages of whole sentences of
    at most about 160 characters; every passage holding a theme cue is kept, and one in four of the rest.
    A passage is identified by its reply id, a quote of its first 15 characters and its length.
    """
    path = shared_root() / "benchmarks" / "teddy2020" / "message-reply.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for row in rng.sample(rows, min(n_replies, len(rows))):
        reply = row["reply"]
        sentences = [m.span() for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*", reply) if m.group().strip()]
        group: list[tuple[int, int]] = []
        passages: list[tuple[int, int]] = []
        for s, e in sentences:
            if group and e - group[0][0] > 160:
                passages.append((group[0][0], group[-1][1]))
                group = []
            group.append((s, e))
        if group:
            passages.append((group[0][0], group[-1][1]))
        for s, e in passages:
            text = reply[s:e].strip()
            if len(text) < 12:
                continue
            s = reply.index(text, s)
            if not _THEME_CUES.search(text) and rng.random() >= 0.25:
                continue
            quote = text[:15]
            out.append({"id": f"teddy-reply|{row['id']}|{quote}", "set": "teddy", "doc": row["id"],
                        "kind": "item", "text": text, "source": "teddy-reply", "quote": quote,
                        "length": len(text)})
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


def macro_f1(gold: dict[str, list[str]], pred: dict[str, list[str]]) -> dict[str, float]:
    """Per-theme and macro F1 of ``pred`` against ``gold`` over the ids of ``gold``."""
    out: dict[str, float] = {}
    for t in THEMES:
        tp = sum(1 for i, g in gold.items() if t in g and t in pred.get(i, []))
        fp = sum(1 for i, g in gold.items() if t not in g and t in pred.get(i, []))
        fn = sum(1 for i, g in gold.items() if t in g and t not in pred.get(i, []))
        out[t] = _f1(tp, fp, fn)
    out["macro"] = sum(out[t] for t in THEMES) / len(THEMES)
    return out


def cohen_kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa of two yes/no codings of the same units (1.0 when both are constant and equal)."""
    n = len(a)
    if not n:
        return float("nan")
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def agreement(first: dict[str, list[str]], second: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Per theme (and macro): F1 of ``second`` against ``first`` and Cohen's kappa, over their shared ids;
    ``exact`` is the share of units with the same label set."""
    ids = sorted(set(first) & set(second))
    if not ids:
        raise ValueError("the two passes share no unit")
    f1 = macro_f1({i: first[i] for i in ids}, {i: second[i] for i in ids})
    out: dict[str, dict[str, float]] = {}
    for t in THEMES:
        out[t] = {"f1": f1[t], "kappa": cohen_kappa([t in first[i] for i in ids], [t in second[i] for i in ids])}
    out["macro"] = {"f1": f1["macro"], "kappa": sum(out[t]["kappa"] for t in THEMES) / len(THEMES)}
    out["units"] = {"n": float(len(ids)), "exact": sum(sorted(first[i]) == sorted(second[i]) for i in ids) / len(ids)}
    return out


def _training_records() -> dict[str, list[dict[str, object]]]:
    """The records of each ``models/training/*.jsonl`` file, in order."""
    folder = Path(__file__).resolve().parents[1] / "models" / "training"
    return {
        p.name: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
        for p in sorted(folder.glob("*.jsonl"))
    }


def apply_labels(units: list[dict[str, object]], labels: dict[str, list[str]],
                 teddy_file: str = "teddy-replies.jsonl") -> dict[str, int]:
    """Write ``labels`` (by unit id, as exported by ``export --set train|teddy``) into ``models/training``.

    Jiangsu and work-report records keep their anchors and take the new themes (records without a new
    label keep their old themes: counted as ``kept``); Teddy reply passages are written to ``teddy_file``.
    """
    from .corpus import find_quote, teddy_replies

    folder = Path(__file__).resolve().parents[1] / "models" / "training"
    counts = {"relabelled": 0, "kept": 0, "changed": 0, "teddy": 0}
    for name, records in _training_records().items():
        if name == teddy_file or not any(r.get("source") in ("jiangsu", "gov-work-report") for r in records):
            continue
        seen: dict[str, int] = {}
        for rec in records:
            key = f"{rec['source']}|{rec['doc']}|{rec['quote']}"
            seen[key] = seen.get(key, 0) + 1
            uid = key if seen[key] == 1 else f"{key}|{seen[key]}"
            if uid in labels:
                new = [t for t in THEMES if t in labels[uid]]
                counts["changed"] += sorted(new) != sorted(rec["themes"])  # type: ignore[call-overload]
                rec["themes"] = new
                counts["relabelled"] += 1
            else:
                counts["kept"] += 1
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    teddy = []
    replies = teddy_replies()
    for u in units:
        if u.get("source") != "teddy-reply" or str(u["id"]) not in labels:
            continue
        reply, quote, text = replies[str(u["doc"])], str(u["quote"]), str(u["text"])
        entry: dict[str, object] = {"source": "teddy-reply", "doc": u["doc"], "quote": quote, "length": len(text),
                                  "kind": "item", "themes": [t for t in THEMES if t in labels[str(u["id"])]]}
        at, occurrence = -1, 0
        while True:
            at = find_quote(reply, quote, at + 1)
            if at < 0:
                raise ValueError(f"{u['id']}: quote not found in its reply")
            occurrence += 1
            if reply[at:].startswith(text):
                break
        if occurrence > 1:
            entry["occurrence"] = occurrence
        teddy.append(entry)
    if teddy:
        (folder / teddy_file).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in teddy), "utf-8")
    counts["teddy"] = len(teddy)
    return counts


def _read_labels(path: Path) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        themes = rec.get("themes")
        if not isinstance(themes, list) or any(t not in THEMES for t in themes):
            raise ValueError(f"{path}:{n}: themes must be a list drawn from {THEMES}, got {themes!r}")
        labels[str(rec["id"])] = [str(t) for t in themes]
    return labels


def main(argv: list[str] | None = None) -> int:
    """Command line: ``export`` units to label, ``score`` a labels file against the gold."""
    p = argparse.ArgumentParser(prog="python -m devtools.annotate")
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export")
    e.add_argument("--set", choices=["gold", "train", "teddy"], required=True)
    e.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("labels", type=Path)
    s.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    d = sub.add_parser("diff", help="the development units where a labels file and the gold disagree")
    d.add_argument("labels", type=Path)
    g = sub.add_parser("agree", help="agreement between independent passes (every pair of files)")
    g.add_argument("labels", type=Path, nargs="+")
    ap = sub.add_parser("apply", help="write final labels into models/training")
    ap.add_argument("--units", type=Path, nargs="+", required=True)
    ap.add_argument("--labels", type=Path, nargs="+", required=True)
    args = p.parse_args(argv)
    if args.cmd == "agree":
        passes = [(str(path), _read_labels(path)) for path in args.labels]
        for k, (name_a, first) in enumerate(passes):
            for name_b, second in passes[k + 1 :]:
                if not set(first) & set(second):
                    continue
                ag = agreement(first, second)
                print(f"{name_a} vs {name_b}: units {int(ag['units']['n'])}, same label set {ag['units']['exact']:.3f}")
                print("  " + "  ".join(f"{t} F1 {ag[t]['f1']:.3f} kappa {ag[t]['kappa']:.3f}"
                                       for t in [*THEMES, "macro"]))
        return 0
    if args.cmd == "apply":
        all_units = [json.loads(line) for path in args.units
                     for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        labels: dict[str, list[str]] = {}
        for path in args.labels:
            labels.update(_read_labels(path))
        print(apply_labels(all_units, labels))
        return 0
    if args.cmd == "export":
        if args.set == "gold":
            units = [{k: v for k, v in u.items() if k != "themes"} for u in gold_units()]
        elif args.set == "train":
            units = [{k: v for k, v in u.items() if k != "old_themes"} for u in train_units()]
        else:
            units = teddy_passages()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for u in units:
                f.write(json.dumps(u, ensure_ascii=False) + "\n")
        print(f"{len(units)} units -> {args.out}")
        return 0
    if args.cmd == "diff":
        pred = _read_labels(args.labels)
        for u in gold_units("dev"):
            mine = sorted(pred.get(str(u["id"]), []))
            if mine != sorted(u["themes"]):  # type: ignore[call-overload]
                print(f"{u['id']}\tmine={mine}\tgold={sorted(u['themes'])}\t{str(u['text'])[:200]}")  # type: ignore[call-overload]
        return 0
    gold = {str(u["id"]): list(u["themes"]) for u in gold_units(args.split)}  # type: ignore[call-overload]
    pred = _read_labels(args.labels)
    missing = [i for i in gold if i not in pred]
    scores = macro_f1(gold, pred)
    print(f"split={args.split} units={len(gold)} unlabelled={len(missing)}")
    print("  ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
