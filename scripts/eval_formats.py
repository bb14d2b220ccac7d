"""Cross-format consistency (issue 14, item 3): does a document read as .docx, .pdf and .html parse as its .txt?

Every invented document of the tests (and the bundled example) and, when ../shared is present, the 53 reply
pages and the 8 replies are written in every format of devtools.formats (Word; PDF at three page widths and
font sizes with a running header and page numbers; two saved-page shapes) and read back with the package's
readers; a document matches in a format when its parse has the same units (part, kind, text without
whitespace) and the same suggestions as the parse of its plain text. No gold is read: this compares formats,
not quality. The shared pages are split as devtools.annotate splits them (development / held-out); only the
development pages' differences are listed with --show.

Usage: python scripts/eval_formats.py [--show N] [--no-shared] [--no-held-out]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.annotate import is_test_document
from devtools.formats import FONT, difference, invented_documents, pdf_font, shared_documents, written
from devtools.shared import shared_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="list up to N differences per group (not held-out pages)")
    ap.add_argument("--no-shared", action="store_true")
    ap.add_argument(
        "--no-held-out",
        action="store_true",
        help="leave out the held-out pages (while writing rules: read them once, at the end)",
    )
    args = ap.parse_args(argv)
    groups: dict[str, list[tuple[str, str]]] = {"invented": invented_documents()}
    root = shared_dir()
    if root is not None and not args.no_shared:
        docs = shared_documents(root)
        groups["shared-dev"] = [d for d in docs if not is_test_document(d[0])]
        if not args.no_held_out:
            groups["shared-held-out"] = [d for d in docs if is_test_document(d[0])]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        font = pdf_font([t for docs in groups.values() for _, t in docs], Path(tmp)) if FONT.exists() else FONT
        run(groups, font, args.show)
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


def run(groups: dict[str, list[tuple[str, str]]], font: Path, show: int) -> None:
    """Print one line per group: the documents that read the same per format; and some differences."""
    for group, docs in groups.items():
        ok: dict[str, int] = defaultdict(int)
        diffs: list[str] = []
        for doc_id, text in docs:
            for fmt, data, name in written(text, font):
                ok[fmt] += 0
                d = difference(text, data, name)
                if d is None:
                    ok[fmt] += 1
                elif group != "shared-held-out":
                    diffs.append(f"  {doc_id} {fmt}: {d}")
        cells = "  ".join(f"{fmt} {n}/{len(docs)}" for fmt, n in ok.items())
        total = sum(ok.values())
        print(f"{group} ({len(docs)} documents): {cells}  all {total}/{len(docs) * 6}")
        for line in diffs[:show]:
            print(line)


if __name__ == "__main__":
    raise SystemExit(main())
