"""Loading the real documents and gold annotations of the shared corpus, in place.

Gold units are anchored by a quote that starts them (see ``../shared/ANNOTATION.md``); a unit runs from
its quote to the next unit's quote (or, for the reference document, over its listed lines). These
loaders resolve the anchors to character spans of the original text, so that tests, evaluations and
training read real text without any of it being copied into the repository.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from proposalnlp.themes import THEMES

from .shared import shared_dir

__all__ = [
    "GOLD_KIND_MAP",
    "GoldDocument",
    "GoldUnit",
    "LabelledUnit",
    "ReplyPage",
    "find_quote",
    "iter_gold_documents",
    "jiangsu_proposals",
    "load_jiangsu_gold",
    "load_reference",
    "load_reply_gold",
    "load_reply_page_gold",
    "load_reply_pages",
    "load_theme_labels",
    "resolve_quotes",
    "sentence_chunks",
    "shared_root",
    "teddy_replies",
    "work_report_paragraphs",
]

REFERENCE = "pingdingshan-2019-three-transformations"

#: How kinds of the shared gold files map to :data:`proposalnlp.document.KINDS`.
GOLD_KIND_MAP: dict[str, str] = {"section-heading": "section", "next-steps-intro": "next-step"}


@dataclass
class GoldUnit:
    """One gold unit resolved to a span of its document's text."""

    id: str
    part: str
    kind: str
    themes: list[str]
    start: int
    end: int
    text: str


@dataclass
class GoldDocument:
    """A real document with its gold units (and, for the reference, its suggestion→reply links)."""

    id: str
    text: str
    units: list[GoldUnit]
    links: list[tuple[str, str, int]] = field(default_factory=list)
    title: str | None = None
    source: str = ""


def shared_root(root: Path | None = None) -> Path:
    """``root`` as a path, or the shared folder found by :func:`shared_dir` (``FileNotFoundError`` if absent)."""
    if root is not None:
        return Path(root)
    found = shared_dir(required=True)
    assert found is not None
    return found


def find_quote(text: str, quote: str, start: int = 0) -> int:
    """Offset of ``quote`` in ``text`` at or after ``start``, ignoring differences in whitespace; -1 if none."""
    parts = [re.escape(ch) for ch in quote if not ch.isspace()]
    if not parts:
        return -1
    m = re.compile(r"\s*".join(parts)).search(text, start)
    return m.start() if m else -1


def _span_text(text: str, start: int, end: int) -> tuple[int, int, str]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return start, start, ""
    s = start + chunk.index(stripped)
    return s, s + len(stripped), stripped


def resolve_quotes(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Spans of units anchored by quotes in document order: each runs from its quote to the next one's."""
    starts: list[int] = []
    pos = 0
    for q in quotes:
        at = find_quote(text, q, pos)
        if at < 0:
            raise ValueError(f"gold quote not found in order: {q!r}")
        starts.append(at)
        pos = at + 1
    ends = [*starts[1:], len(text)]
    return [(s, e) for s, e in zip(starts, ends, strict=True)]


def load_reference(root: Path | None = None) -> GoldDocument:
    """The reference proposal+reply (Pingdingshan 2019) with its gold units and links."""
    base = shared_root(root) / "corpus"
    text = (base / f"{REFERENCE}.txt").read_text(encoding="utf-8")
    gold = json.loads((base / f"{REFERENCE}.gold.json").read_text(encoding="utf-8"))
    line_starts = [0]
    for m in re.finditer("\n", text):
        line_starts.append(m.end())
    line_starts.append(len(text) + 1)
    units = []
    for u in gold["units"]:
        first, last = min(u["lines"]), max(u["lines"])
        lo, hi = line_starts[first - 1], min(line_starts[last] - 1, len(text))
        at = find_quote(text, u["quote"], lo)
        if at < 0 or at > hi:
            raise ValueError(f"reference gold quote not found on its line: {u['quote']!r}")
        s, e, t = _span_text(text, at, hi)
        units.append(GoldUnit(u["id"], u["part"], u["kind"], list(u.get("themes", [])), s, e, t))
    links = [(lk["suggestion"], lk["reply"], int(lk["grade"])) for lk in gold.get("links", [])]
    return GoldDocument(REFERENCE, text, units, links, source=str(base / f"{REFERENCE}.txt"))


def jiangsu_proposals(root: Path | None = None) -> list[dict[str, str]]:
    """The 305 Jiangsu CPPCC 2019 proposals as dicts (id, number, title, category, text)."""
    path = shared_root(root) / "corpus" / "jiangsu-cppcc-2019" / "proposals.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def sentence_chunks(text: str, size: int = 300) -> list[str]:
    """``text`` cut at sentence ends into chunks of at least ``size`` characters (the last may be shorter): a
    long proposal as several background documents of about a paragraph each."""
    out: list[str] = []
    cur = ""
    for sent in _SENTENCE_END.split(text):
        cur += sent
        if len(cur) >= size:
            out.append(cur)
            cur = ""
    if cur.strip():
        out.append(cur)
    return out


def work_report_paragraphs(root: Path | None = None) -> list[str]:
    """The paragraphs of the 52 government work reports (a line each; line 1, the title, left out)."""
    out: list[str] = []
    for path in sorted((shared_root(root) / "corpus" / "gov-work-reports").glob("*.txt")):
        out += [ln for ln in path.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]
    return out


def _quoted_units(doc_id: str, text: str, units: list[dict[str, object]], part: str) -> list[GoldUnit]:
    spans = resolve_quotes(text, [str(u["quote"]) for u in units])
    out = []
    for u, (s0, e0) in zip(units, spans, strict=True):
        s, e, t = _span_text(text, s0, e0)
        themes = u.get("themes", [])
        assert isinstance(themes, list)
        out.append(GoldUnit(f"{doc_id}#{u['n']}", part, str(u["kind"]), [str(x) for x in themes], s, e, t))
    return out


def load_jiangsu_gold(root: Path | None = None) -> list[GoldDocument]:
    """The 24 Jiangsu proposals that have gold units."""
    base = shared_root(root) / "corpus" / "jiangsu-cppcc-2019"
    texts = {r["id"]: r for r in jiangsu_proposals(root)}
    docs = []
    for path in sorted((base / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        row = texts[gold["id"]]
        units = _quoted_units(gold["id"], row["text"], gold["units"], "proposal")
        docs.append(GoldDocument(gold["id"], row["text"], units, title=row["title"], source=str(path)))
    return docs


def load_reply_gold(root: Path | None = None) -> list[GoldDocument]:
    """The 8 official replies with gold units."""
    base = shared_root(root) / "corpus" / "replies"
    index = {e["file"]: e for e in json.loads((base / "index.json").read_text(encoding="utf-8"))}
    docs = []
    for path in sorted(base.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (base / gold["file"]).read_text(encoding="utf-8")
        doc_id = gold["file"].removesuffix(".txt")
        units = _quoted_units(f"reply-{doc_id}", text, gold["units"], "reply")
        title = index.get(gold["file"], {}).get("title")
        docs.append(GoldDocument(f"reply-{doc_id}", text, units, title=title, source=str(base / gold["file"])))
    return docs


def load_reply_page_gold(root: Path | None = None) -> list[GoldDocument]:
    """The 53 stored reply pages (``corpus/reply-pages``) with gold units: one document per reply
    (``page-NNN``) and, for the 8 pairs, one per proposal part (``page-NNN-proposal``); each part's units
    are resolved in its own text."""
    base = shared_root(root) / "corpus" / "reply-pages"
    docs = []
    for path in sorted(base.glob("[0-9]*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = json.loads((base / gold["file"]).read_text(encoding="utf-8"))
        stem = f"page-{gold['file'].removesuffix('.json')}"
        for part, doc_id, key, units in (
            ("reply", stem, "reply_text", gold.get("reply_units", [])),
            ("proposal", f"{stem}-proposal", "proposal_text", gold.get("proposal_units", [])),
        ):
            if units:
                text = str(page.get(key) or "")
                docs.append(GoldDocument(doc_id, text, _quoted_units(doc_id, text, units, part),
                                         title=page.get("title"), source=str(base / gold["file"])))
    return docs


@dataclass
class ReplyPage:
    """One stored reply page as a whole: for a pair, the proposal and the reply joined in page order."""

    id: str
    text: str
    kind: str
    #: (start, end) of the proposal part and of the reply part in ``text`` (the proposal's is (0, 0) if none)
    proposal_span: tuple[int, int]
    reply_span: tuple[int, int]


def load_reply_pages(root: Path | None = None) -> list[ReplyPage]:
    """The 53 reply pages as whole page texts (``page-NNN``): a pair's proposal comes first, as the page
    shows it, unless it is appended after the reply (附：…)."""
    base = shared_root(root) / "corpus" / "reply-pages"
    pages = []
    for path in sorted(base.glob("[0-9]*[0-9].json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        reply = str(page.get("reply_text") or "")
        proposal = str(page.get("proposal_text") or "")
        stem = f"page-{path.stem}"
        if not proposal:
            pages.append(ReplyPage(stem, reply, str(page["kind"]), (0, 0), (0, len(reply))))
        elif proposal.lstrip().startswith("附"):
            text = reply + "\n\n" + proposal
            pages.append(ReplyPage(stem, text, "pair", (len(reply) + 2, len(text)), (0, len(reply))))
        else:
            text = proposal + "\n\n" + reply
            pages.append(ReplyPage(stem, text, "pair", (0, len(proposal)), (len(proposal) + 2, len(text))))
    return pages


def iter_gold_documents(root: Path | None = None) -> Iterator[GoldDocument]:
    """Every gold document: the reference, the 24 Jiangsu proposals, the 8 replies."""
    yield load_reference(root)
    yield from load_jiangsu_gold(root)
    yield from load_reply_gold(root)


_LABEL_KINDS = {"background", "problem", "suggestion", "other", "opening", "closing", "section", "item", "next-step"}


@dataclass
class LabelledUnit:
    """One unit of the project's own theme labels, resolved to its text (see ``models/training/README.md``)."""

    source: str
    doc: str
    kind: str
    themes: list[str]
    text: str
    quote: str = ""
    start: int = 0
    end: int = 0


def _training_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "training"


def _check_label(rec: dict[str, object], where: str) -> tuple[str, list[str]]:
    themes = rec.get("themes")
    if not isinstance(themes, list) or any(t not in THEMES for t in themes):
        raise ValueError(f"{where}: themes must be a list drawn from {THEMES}, got {themes!r}")
    kind = str(rec.get("kind", "other"))
    if kind not in _LABEL_KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    return kind, [str(t) for t in themes]


def load_theme_labels(root: Path | None = None, files: list[Path] | None = None) -> list[LabelledUnit]:
    """The project's theme labels (``models/training/*.jsonl``) with their text resolved.

    Jiangsu labels cover whole documents: each unit runs from its quote to the next quote of the same
    document. Work-report labels (``doc`` = year) run from the quote to the end of its line. Hand-written
    units carry their own ``text``. ``root`` is the shared folder (default: :func:`shared_dir`); it is only
    read when a file holds labels that point into it.
    """
    paths = sorted(_training_dir().glob("*.jsonl")) if files is None else [Path(f) for f in files]
    records: list[tuple[str, dict[str, object]]] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                records.append((f"{path.name}:{n}", json.loads(line)))
    out: list[LabelledUnit] = []
    jiangsu: dict[str, list[tuple[str, dict[str, object]]]] = {}
    for where, rec in records:
        source = str(rec.get("source", ""))
        kind, themes = _check_label(rec, where)
        if source == "handwritten":
            text = str(rec.get("text", "")).strip()
            if not text:
                raise ValueError(f"{where}: hand-written unit without text")
            out.append(LabelledUnit(source, "", kind, themes, text, end=len(text)))
        elif source == "jiangsu":
            jiangsu.setdefault(str(rec["doc"]), []).append((where, rec))
        elif source == "gov-work-report":
            year, quote = str(rec["doc"]), str(rec["quote"])
            text = (shared_root(root) / "corpus" / "gov-work-reports" / f"{year}.txt").read_text(encoding="utf-8")
            at = find_quote(text, quote)
            if at < 0:
                raise ValueError(f"{where}: quote not found in work report {year}: {quote!r}")
            eol = text.find("\n", at)
            s, e, t = _span_text(text, at, len(text) if eol < 0 else eol)
            out.append(LabelledUnit(source, year, kind, themes, t, quote, s, e))
        elif source == "teddy-reply":
            out.append(_teddy_reply_unit(rec, where, kind, themes, root))
        else:
            raise ValueError(f"{where}: unknown source {source!r}")
    if jiangsu:
        texts = {r["id"]: r["text"] for r in jiangsu_proposals(root)}
        gold = {p.stem for p in (shared_root(root) / "corpus" / "jiangsu-cppcc-2019" / "gold").glob("*.json")}
        for doc, recs in jiangsu.items():
            if doc in gold:
                raise ValueError(f"{recs[0][0]}: {doc} is a gold document; labels must not include it")
            if doc not in texts:
                raise ValueError(f"{recs[0][0]}: unknown Jiangsu proposal id {doc!r}")
            text = texts[doc]
            spans = resolve_quotes(text, [str(r["quote"]) for _, r in recs])
            for (where, rec), (s0, e0) in zip(recs, spans, strict=True):
                kind, themes = _check_label(rec, where)
                s, e, t = _span_text(text, s0, e0)
                out.append(LabelledUnit("jiangsu", doc, kind, themes, t, str(rec["quote"]), s, e))
    return out


_TEDDY_REPLIES: dict[str, dict[str, str]] = {}


def teddy_replies(root: Path | None = None) -> dict[str, str]:
    """The reply text of each Teddy Cup message/reply pair (``benchmarks/teddy2020/message-reply.csv``) by id."""
    path = shared_root(root) / "benchmarks" / "teddy2020" / "message-reply.csv"
    key = str(path)
    if key not in _TEDDY_REPLIES:
        with path.open(encoding="utf-8", newline="") as f:
            _TEDDY_REPLIES[key] = {r["id"]: r["reply"] for r in csv.DictReader(f)}
    return _TEDDY_REPLIES[key]


def _teddy_reply_unit(
    rec: dict[str, object], where: str, kind: str, themes: list[str], root: Path | None
) -> LabelledUnit:
    """A labelled passage of a Teddy reply: ``length`` characters from its quote (``source: teddy-reply``);
    ``occurrence`` (default 1) says which occurrence of the quote when it occurs more than once."""
    doc, quote = str(rec["doc"]), str(rec["quote"])
    length = rec.get("length")
    if not isinstance(length, int) or length < len(quote):
        raise ValueError(f"{where}: teddy-reply unit needs a length >= its quote's, got {length!r}")
    reply = teddy_replies(root).get(doc)
    if reply is None:
        raise ValueError(f"{where}: unknown Teddy reply id {doc!r}")
    occurrence = rec.get("occurrence", 1)  # when the quote occurs earlier in the reply too
    if not isinstance(occurrence, int) or occurrence < 1:
        raise ValueError(f"{where}: occurrence must be an int >= 1, got {occurrence!r}")
    at = -1
    for _ in range(occurrence):
        at = find_quote(reply, quote, at + 1)
        if at < 0:
            raise ValueError(f"{where}: quote not found (occurrence {occurrence}) in Teddy reply {doc}: {quote!r}")
    s, e, t = _span_text(reply, at, at + length)
    return LabelledUnit("teddy-reply", doc, kind, themes, t, quote, s, e)
