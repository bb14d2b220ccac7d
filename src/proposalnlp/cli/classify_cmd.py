"""``proposalnlp classify``: the themes of a text, a text file, a whole document, or a CSV/JSONL batch.

proposalnlp classify "加大对中小企业的贷款贴息支持"      one text
proposalnlp classify --file proposal.txt [--document]   a text file (as one text, or unit by unit)
echo "…" | proposalnlp classify -                       stdin
proposalnlp classify --file data.csv --text-column text [--json]   a batch: table, or JSONL with --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .._text import snippet
from ..errors import InputValueError
from ._io import FORMAT_BY_SUFFIX, column, read_input, read_records

__all__ = ["register"]

#: Batches larger than this get a progress bar by default (when stderr is a terminal).
PROGRESS_MIN = 300


def register(sub: Any) -> None:
    """Add the ``classify`` subcommand."""
    p = sub.add_parser(
        "classify",
        help="themes (talent, funding, innovation, awareness) of a text, file or CSV/JSONL batch",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("text", nargs="?", help="the text to classify, or - for stdin")
    p.add_argument("--file", "-f", help="a text file (one text), or a CSV/TSV/JSONL batch (by suffix or --format)")
    p.add_argument("--format", choices=("text", "csv", "tsv", "jsonl"), help="input format (default: from suffix)")
    p.add_argument("--text-column", default="text", help="batch: column with the text (default: text)")
    p.add_argument("--id-column", help="batch: column copied to the output to identify rows")
    p.add_argument("--model", "-m", help="model folder (default: the bundled theme model)")
    p.add_argument("--document", action="store_true", help="parse the text as a document; classify each unit")
    p.add_argument("--json", action="store_true", help="JSON output (JSONL, one object per row, for a batch)")
    p.add_argument("--n-jobs", type=int, default=1, help="batch: worker processes (default 1)")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"batch: progress bar on stderr (default: on above {PROGRESS_MIN} texts if stderr is a terminal)",
    )
    p.set_defaults(func=run)


def _scores(scores: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.2f}" for k, v in scores.items())


def run(args: argparse.Namespace) -> int:
    """Classify and print."""
    from ..themes.api import classify, classify_document, classify_many, load_model

    if (args.text is None) == (args.file is None):
        raise InputValueError("give exactly one of TEXT, - (stdin) or --file F")
    model = load_model(args.model) if args.model else None
    source = args.file if args.file is not None else args.text
    fmt = args.format
    if fmt is None and args.file is not None:
        fmt = FORMAT_BY_SUFFIX.get(Path(args.file).suffix.lower(), "text")
    if fmt in ("csv", "tsv", "jsonl"):
        rows = read_records(source, fmt)
        texts = [str(t) if t is not None else "" for t in column(rows, args.text_column, source)]
        ids = column(rows, args.id_column, source) if args.id_column else list(range(1, len(rows) + 1))
        progress = args.progress
        if progress is None:
            progress = len(texts) > PROGRESS_MIN and sys.stderr.isatty()
        preds = classify_many(texts, n_jobs=args.n_jobs, progress=progress, model=model)
        key = args.id_column or "row"
        for rid, text, pred in zip(ids, texts, preds, strict=True):
            if args.json:
                print(json.dumps({key: rid, **pred.to_dict()}, ensure_ascii=False))
            else:
                themes = ",".join(pred.themes) or "-"
                print(f"{rid}\t{themes}\t{_scores(pred.scores)}\t{snippet(text, 40)}")
        return 0
    text = read_input(source) if (args.file is not None or source == "-") else source
    if args.document:
        from ..document import parse

        doc = parse(text)
        unit_text = {u.id: u.text for u in doc.units}
        result = classify_document(doc, model=model)
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return 0
        print(f"document themes: {', '.join(result.themes) or '(none)'}; top: {result.top}")
        print("share of text: " + " ".join(f"{k}={v:.0%}" for k, v in result.shares.items()))
        for u in result.units:
            themes = ",".join(u.prediction.themes) or "-"
            print(f"{u.unit_id:<8} {u.kind:<10} {themes:<24} {snippet(unit_text[u.unit_id], 40)}")
        return 0
    pred = classify(text, model=model)
    if args.json:
        print(json.dumps(pred.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"themes: {', '.join(pred.themes) or '(none)'}")
    print(f"top:    {pred.top}")
    for label, p in sorted(pred.scores.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<12} {p:.3f}")
    sys.stdout.flush()
    return 0
