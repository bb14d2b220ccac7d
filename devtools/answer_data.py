"""Data of the answer model (issue 12), read in place from ../shared: Teddy message/reply pairs with their
close-topic and random negatives, the point-level gold, the reference document and the reply-page pairs.

Shared by ``scripts/train_answer_model.py``, ``scripts/eval_verdicts.py`` and ``tests/quality``, so that every
figure is computed on the same examples. Every example is a (suggestions, reply units) pair made of
:class:`~proposalnlp.document.Unit` with the gold label of each suggestion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from proposalnlp.document import Unit
from proposalnlp.matching.align import lead_phrase, match_units

from .corpus import GOLD_KIND_MAP, load_reply_page_gold, shared_root
from .evaluation import reference_units, teddy_message_replies, teddy_point_pairs

__all__ = [
    "CLOSE_KINDS",
    "HOLDOUT_SEED",
    "NEAR_DUPLICATE",
    "OWN_KINDS",
    "REPLY_KINDS_FILE",
    "SENTENCE_MIN",
    "Example",
    "ReplyKind",
    "close_and_random",
    "holdout_ids",
    "message_sentences",
    "point_examples",
    "reference_example",
    "reply_kinds",
    "reply_page_examples",
    "sentence_examples",
    "teddy_examples",
    "tfidf_cosine",
]

#: a reply whose plain TF-IDF cosine with the true reply reaches this is a near-duplicate, never a negative
NEAR_DUPLICATE = 0.8
#: the seed of the fixed split of Teddy messages held out of the shipped model's training
HOLDOUT_SEED = 2026
HOLDOUT_SIZE = 200


@dataclass
class Example:
    """Suggestions against one reply, with each suggestion's gold: 1 = the reply answers it, 0 = not; ``grade``
    2 / 1 / 0 (answered / partly / unanswered) where the gold says; ``group`` the message or document."""

    kind: str  # "own", "close", "random", "points", "reference", "page"
    group: str
    suggestions: list[Unit]
    reply: list[Unit]
    labels: list[int]
    grades: list[int]
    gains: list[dict[str, int]] | None = None  # suggestion → {reply unit id: grade}, for ranking figures


def _jieba_tokens(texts: Sequence[str]) -> list[list[str]]:
    import jieba

    jieba.setLogLevel(60)
    word = re.compile(r"\w")
    return [[t for t in jieba.lcut(x) if word.search(t)] for x in texts]


def tfidf_cosine(queries: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """Plain TF-IDF cosine over jieba words (scikit-learn's defaults), fitted on both sides: the baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    qt, ct = _jieba_tokens(queries), _jieba_tokens(candidates)
    vec = TfidfVectorizer(analyzer=lambda x: x)
    vec.fit(qt + ct)
    return np.asarray((vec.transform(qt) @ vec.transform(ct).T).toarray())


def close_and_random(rows: list[dict[str, str]], seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """For each message, the index of its close-topic other reply (the most similar other reply by plain
    TF-IDF cosine, near-duplicates of its own reply excluded) and of a random other reply (seeded)."""
    queries = [r["subject"] + "\n" + r["message"] for r in rows]
    replies = [r["reply"] for r in rows]
    qr = tfidf_cosine(queries, replies)
    rr = tfidf_cosine(replies, replies)
    n = len(rows)
    banned = rr >= NEAR_DUPLICATE
    banned[np.arange(n), np.arange(n)] = True
    close = np.where(banned, -1.0, qr).argmax(axis=1)
    rng = np.random.default_rng(seed)
    rnd = np.empty(n, dtype=np.int64)
    for i in range(n):
        while True:
            j = int(rng.integers(n))
            if not banned[i, j]:
                rnd[i] = j
                break
    return close, rnd


def holdout_ids(rows: list[dict[str, str]]) -> set[str]:
    """The ids of the 200 Teddy messages held out of the shipped model (a fixed seeded draw)."""
    ids = sorted(r["id"] for r in rows)
    rng = np.random.default_rng(HOLDOUT_SEED)
    return {ids[i] for i in rng.choice(len(ids), HOLDOUT_SIZE, replace=False)}


def _request_unit(subject: str, message: str) -> Unit:
    text = subject.strip() + "\n" + message.strip()
    return Unit("S1", "proposal", "suggestion", 1, None, lead_phrase(text), text, 0, len(text))


def teddy_examples(root: Path | None = None) -> list[Example]:
    """Three examples per Teddy message (subject + message as one suggestion): its own reply (label 1), the
    close-topic other reply and a random other reply (label 0); replies parsed as :func:`match` parses them."""
    rows = teddy_message_replies(root)
    close, rnd = close_and_random(rows)
    parsed = [match_units(["x"], r["reply"], chinese=False)[1] for r in rows]
    out: list[Example] = []
    for i, r in enumerate(rows):
        s = _request_unit(r["subject"], r["message"])
        for kind, j in (("own", i), ("close", int(close[i])), ("random", int(rnd[i]))):
            label = int(kind == "own")
            out.append(Example(kind, r["id"], [s], parsed[j], [label], [2 * label]))
    return out


def point_examples(root: Path | None = None) -> list[Example]:
    """The point-level gold: a message's points as suggestions, its reply's segments as units (grade of the
    best link of each point; label 1 when it has any link)."""
    base = shared_root(root)
    gold = json.loads((base / "benchmarks" / "teddy2020" / "message-reply-points.gold.json").read_text("utf-8"))
    out = []
    for pair, (points, segs, links) in zip(gold["pairs"], teddy_point_pairs(root), strict=True):
        grades = [max(links.get(int(p.id[1:]), {}).values(), default=0) for p in points]
        gains = [{f"S{s}": g for s, g in links.get(int(p.id[1:]), {}).items()} for p in points]
        out.append(Example("points", str(pair["id"]), points, segs, [int(g > 0) for g in grades], grades, gains))
    return out


def reference_example(root: Path | None = None) -> Example:
    """The reference document's gold suggestions against its gold reply units, with the gold links."""
    sugg, reply, links = reference_units(root)
    gains = [{r: g for s2, r, g in links if s2 == s.id} for s in sugg]
    grades = [max(g.values(), default=0) for g in gains]
    return Example("reference", "reference", sugg, reply, [int(g > 0) for g in grades], grades, gains)


_VERDICT_GRADE = {"answered": 2, "partly": 1, "unanswered": 0}


def reply_page_examples(root: Path | None = None) -> list[Example]:
    """The 8 reply pages that hold the proposal too: its gold suggestion units against the gold reply units,
    with the gold verdicts and links."""
    base = shared_root(root) / "corpus" / "reply-pages"
    docs = {d.id: d for d in load_reply_page_gold(root)}
    out = []
    for path in sorted(base.glob("[0-9]*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold.get("verdicts"):
            continue
        stem = f"page-{gold['file'].removesuffix('.json')}"
        rdoc, pdoc = docs.get(stem), docs.get(f"{stem}-proposal")
        if rdoc is None or pdoc is None:
            continue
        reply = [
            Unit(u.id, "reply", GOLD_KIND_MAP.get(u.kind, u.kind), 1, None, None, u.text, u.start, u.end)
            for u in rdoc.units
        ]
        verdicts = {f"{pdoc.id}#{v['suggestion']}": v["verdict"] for v in gold["verdicts"]}
        sugg = [
            Unit(u.id, "proposal", "suggestion", 1, None, None, u.text, u.start, u.end)
            for u in pdoc.units
            if u.id in verdicts
        ]
        if not sugg:
            continue
        grades = [_VERDICT_GRADE[verdicts[s.id]] for s in sugg]
        gains = [
            {
                f"{rdoc.id}#{lk['reply_unit']}": int(lk["grade"])
                for lk in gold["links"]
                if f"{pdoc.id}#{lk['suggestion']}" == s.id
            }
            for s in sugg
        ]
        out.append(Example("page", stem, sugg, reply, [int(g > 0) for g in grades], grades, gains))
    return out


_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
#: a sentence-level request is kept when it holds this many characters (shorter ones are fragments: 您好。)
SENTENCE_MIN = 8
SENTENCE_MAX_PER_MESSAGE = 8


def message_sentences(message: str) -> list[str]:
    """A message's sentences of at least :data:`SENTENCE_MIN` characters (at most
    :data:`SENTENCE_MAX_PER_MESSAGE`, the first ones): point-sized requests, as a citizen's points are."""
    out = [s.strip() for s in _SENTENCE.findall(message)]
    return [s for s in out if len(s) >= SENTENCE_MIN][:SENTENCE_MAX_PER_MESSAGE]


def sentence_examples(root: Path | None = None) -> list[Example]:
    """Point-sized training requests: each Teddy message of two or more sentences, its sentences as several
    suggestions, against its own reply (label 1: the reply answers the message, so mostly its points too; the
    point-level gold finds about four in five linked) and against its close-topic other reply (label 0).
    Grouped by message, as every other example of that message."""
    rows = teddy_message_replies(root)
    close, _ = close_and_random(rows)
    out: list[Example] = []
    for i, r in enumerate(rows):
        sents = message_sentences(r["message"])
        if len(sents) < 2:
            continue
        sugg = [Unit(f"P{k + 1}", "proposal", "suggestion", 1, None, None, s, 0, len(s)) for k, s in enumerate(sents)]
        for kind, j in (("sent_own", i), ("sent_close", int(close[i]))):
            reply = match_units(["x"], rows[j]["reply"], chinese=False)[1]
            label = int(kind == "sent_own")
            out.append(Example(kind, r["id"], sugg, reply, [label] * len(sugg), [2 * label] * len(sugg)))
    return out


#: what a Teddy message's own reply does (devtools/data/teddy_reply_kinds.json; protocol in its "protocol")
OWN_KINDS = ("answer", "forwarded", "referral", "mismatch")
#: whether its close-topic other reply in fact answers it too
CLOSE_KINDS = ("answers", "other")
REPLY_KINDS_FILE = Path(__file__).resolve().parent / "data" / "teddy_reply_kinds.json"


@dataclass(frozen=True)
class ReplyKind:
    """Hand labels of one sampled Teddy message: its own reply's kind (:data:`OWN_KINDS`), whether that reply
    answers only a minor part (``partial``), and its close-topic other reply's kind (:data:`CLOSE_KINDS`)."""

    own: str
    partial: bool
    close: str


def reply_kinds(path: Path | None = None) -> dict[str, ReplyKind]:
    """The hand-labelled sample of Teddy messages, message id → :class:`ReplyKind` (ids only, no text).

    Protocol (version 1). Sample: ``numpy.random.default_rng(2026).choice(1000, 250, replace=False)`` over the
    rows of ``message-reply.csv``. Each message (subject + message) is read with its own reply and its
    close-topic other reply (:func:`close_and_random`), from the texts only, before any model output; the
    borderline ones are re-read once. The own reply is
    ``answer``: it addresses the matter with content (what was found, done or planned; the rule that applies
    to the asker's question; a refusal with a reason; a concrete pointer that resolves a consultation);
    ``forwarded``: it only acknowledges or says the case was forwarded or is being handled, with no content
    (an empty reply, "we do not know" or a request for details counts here);
    ``referral``: it only tells the citizen to go elsewhere, without answering;
    ``mismatch``: it is about a different matter (a data error).
    ``partial`` marks an answer that covers only a minor part of the message, or only says the suggestion
    will be studied. The close-topic reply is ``answers`` when it in fact addresses this message's matter too
    (a duplicate message, the same place and problem), else ``other``. A few labels carry a short ``note``.
    """
    src = path or REPLY_KINDS_FILE
    data = json.loads(src.read_text(encoding="utf-8"))
    out: dict[str, ReplyKind] = {}
    for mid, lab in data["labels"].items():
        kind = ReplyKind(str(lab["own"]), bool(lab.get("partial", False)), str(lab["close"]))
        if kind.own not in OWN_KINDS or kind.close not in CLOSE_KINDS:
            raise ValueError(f"{src}: message {mid}: unknown label {lab!r}")
        out[str(mid)] = kind
    return out
