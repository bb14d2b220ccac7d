"""Find repository texts that follow one shared text too closely (a paraphrase, not a 24-character copy).

The copied-text hook only sees runs of 24+ characters. An invented example rewritten from a real reply
keeps shorter runs and the same facts, so this scan counts character 5-grams of each repository text
(string literal, docstring, comment block with Chinese in it) that are rare in the shared corpus (found
in at most ``RARE_DF`` shared texts) and shared with exactly one shared text. A repository text is
flagged when ``MIN_RARE`` or more such 5-grams point at one shared text, or when it has a common run of
``MIN_RUN`` or more characters with a shared text; a hit whose only evidence is a run found in more than
``RARE_DF`` shared texts is marked a formula (the genre's stock wording). The report names the repository file:line, the
shared text's id and the counts, never the shared text itself.

Usage: ``python -m devtools.paraphrase_scan [--shared DIR] FILE ...``
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import logging
import re
import sys
import tokenize
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from devtools.shared import shared_dir

logger = logging.getLogger(__name__)

N = 5
RARE_DF = 2
MIN_RARE = 7
MIN_RUN = 15
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class RepoText:
    """One piece of repository text: where it is and its characters without whitespace."""

    path: str
    line: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A repository text that follows one shared text: rare 5-grams in common and the longest run."""

    where: RepoText
    shared_id: str
    rare: int
    run: int
    run_df: int = 0

    @property
    def formula(self) -> bool:
        """Whether the hit is only a long run that many shared texts hold (a genre formula, 您反映的问题已收悉…)."""
        return self.rare < MIN_RARE and self.run_df > RARE_DF


def _squash(text: str) -> str:
    return "".join(text.split())


def _grams(text: str) -> set[str]:
    return {text[i : i + N] for i in range(len(text) - N + 1)}


def shared_texts(root: Path) -> Iterator[tuple[str, str]]:
    """Yield (id, text) for every text of the shared folder (corpus files, reply pages, CSV columns)."""
    for p in sorted(root.glob("corpus/**/*.txt")):
        yield str(p.relative_to(root)), p.read_text(encoding="utf-8")
    for p in sorted(root.glob("corpus/reply-pages/*.json")):
        if p.name.endswith(".gold.json"):
            continue
        d = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(d, dict):
            for key in ("reply_text", "proposal_text"):
                if d.get(key):
                    yield f"{p.relative_to(root)}:{key}", str(d[key])
    for p in sorted(root.glob("**/*.csv")):
        with p.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                rid = row.get("id") or f"line{n}"
                for col in ("text", "message", "reply"):
                    if row.get(col):
                        yield f"{p.relative_to(root)}#{rid}:{col}", row[col]


def repo_texts(path: Path, label: str | None = None) -> list[RepoText]:
    """String literals, docstrings and comment blocks of a Python file (or the whole of another file)."""
    label = label or str(path)
    source = path.read_text(encoding="utf-8")
    out: list[RepoText] = []
    if path.suffix != ".py":
        return [RepoText(label, 1, _squash(source))] if _CJK.search(source) else []
    tree = ast.parse(source)
    inside_f = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in inside_f:
            continue  # a piece of an f-string: scanned with the whole f-string below
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CJK.search(node.value):
            out.append(RepoText(label, node.lineno, _squash(node.value)))
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            text = "".join(parts)
            if _CJK.search(text):
                out.append(RepoText(label, node.lineno, _squash(text)))
    block: list[str] = []
    start = last = 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.COMMENT:
            continue
        row = tok.start[0]
        if block and row != last + 1:
            text = "".join(block)
            if _CJK.search(text):
                out.append(RepoText(label, start, _squash(text)))
            block = []
        if not block:
            start = row
        block.append(tok.string.lstrip("#"))
        last = row
    if block and _CJK.search("".join(block)):
        out.append(RepoText(label, start, _squash("".join(block))))
    return out


def _longest_run(a: str, b: str) -> tuple[int, str]:
    best, at = 0, 0
    for i in range(len(a)):
        while i + best + 1 <= len(a) and a[i : i + best + 1] in b:
            best, at = best + 1, i
    return best, a[at : at + best]


def scan(items: list[RepoText], shared: Iterable[tuple[str, str]]) -> list[Hit]:
    """Return the repository texts that follow one shared text (see the module docstring for the test)."""
    wanted: set[str] = set()
    for item in items:
        wanted |= _grams(item.text)
    where: dict[str, set[int]] = defaultdict(set)
    ids: list[str] = []
    bodies: list[str] = []
    for sid, body in shared:
        k = len(ids)
        ids.append(sid)
        body = _squash(body)
        bodies.append(body)
        for g in _grams(body) & wanted:
            where[g].add(k)
    hits: list[Hit] = []
    for item in items:
        grams = _grams(item.text)
        rare: dict[int, int] = defaultdict(int)
        common: dict[int, int] = defaultdict(int)
        for g in grams:
            docs = where.get(g, set())
            if 0 < len(docs) <= RARE_DF:
                for k in docs:
                    rare[k] += 1
            for k in docs:
                common[k] += 1
        best: Hit | None = None
        best_run = ""
        for k in set(rare) | {k for k, c in common.items() if c >= MIN_RUN - N + 1}:
            run, piece = _longest_run(item.text, bodies[k]) if common[k] >= MIN_RUN - N + 1 else (0, "")
            if rare[k] >= MIN_RARE or run >= MIN_RUN:
                cand = Hit(item, ids[k], rare[k], run)
                if best is None or (cand.rare, cand.run) > (best.rare, best.run):
                    best, best_run = cand, piece
        if best is not None:
            if best.run >= MIN_RUN:  # in how many shared texts the run is found: many means a genre formula
                df = sum(1 for body in bodies if best_run in body)
                best = Hit(best.where, best.shared_id, best.rare, best.run, df)
            hits.append(best)
    return hits


def main(argv: list[str] | None = None) -> int:
    """Scan the files named on the command line; print one line per flagged text; exit 1 if any."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    root = args.shared or shared_dir(required=True)
    assert root is not None
    items = [t for f in args.files for t in repo_texts(f)]
    hits = scan(items, shared_texts(root))
    for h in sorted(hits, key=lambda h: (h.where.path, h.where.line)):
        kind = "formula" if h.formula else "close"
        sys.stdout.write(
            f"{h.where.path}:{h.where.line}: {h.shared_id} rare5={h.rare} run={h.run} run_in={h.run_df} {kind}\n"
        )
    n_formula = sum(h.formula for h in hits)
    sys.stdout.write(
        f"{len(hits)} flagged of {len(items)} texts ({len(hits) - n_formula} close, {n_formula} formula only)\n"
    )
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
