"""Matching the suggestions of a proposal with the reply units that answer them: :func:`match`, :func:`match_many`.

Which units take part: a proposal's suggestion units (or, without any, its content paragraphs), and the
reply's units, each with its heading and its section's heading. :func:`score_units` scores every pair with
a :class:`~proposalnlp.matching.scoring.Scorer` (coverage weights), and scores each clause of a long
suggestion on its own too: a unit that covers one clause well answers that part directly. This clause-level
*support* decides the verdicts (:class:`~proposalnlp.matching.results.Thresholds`); the ranking blends it
with the whole-suggestion score, a mild prior for answering in the suggestions' order, and a penalty for the
reply's framing lines (thanks, greetings, 现答复如下：).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import numpy as np

from .. import _parallel
from .._inputs import check_texts, given, path_hint
from .._parser import leading_frame, trailing_frame
from .._text import has_chinese
from ..document import KINDS, Document, Unit, parse
from ..errors import InputTypeError, InputValueError, ModelError, ProposalNLPError
from ..messages import error
from . import answer, siblings
from .results import FRAME_KINDS, Alignment, SuggestionMatch, Thresholds, is_frame, thresholds_with
from .scoring import Scorer, default_scorer, default_tokenizer, retrieval_scorer

__all__ = [
    "DEFAULT_TOP_K",
    "QUOTE_RUN",
    "AnswerRows",
    "MatchConfig",
    "align_units",
    "answer_rows",
    "lead_phrase",
    "match",
    "match_many",
    "match_units",
    "quote_claims",
    "score_units",
    "suggestion_themes",
]

logger = logging.getLogger(__name__)

_LEAD = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]?|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*"
)
_LEAD_END = re.compile(r"[。；;！？!?\n]")
_CLAUSE_END = re.compile(r"(?<=[。；;！？!?])")


def lead_phrase(text: str, max_len: int = 30) -> str | None:
    """The heading a unit opens with (一是人才支撑。… → 人才支撑), or None when the first sentence is long."""
    first = _LEAD_END.split(text.strip(), maxsplit=1)[0]
    first = _LEAD.sub("", first).strip(" ,，:：")
    if not first or len(first) > max_len or len(first) == len(text.strip()):
        return None
    return first


@dataclass(frozen=True)
class MatchConfig:
    """How :func:`align_units` turns units into scores (the engine's weights are in
    :class:`~proposalnlp.matching.scoring.ScoringConfig`).

    Parameters
    ----------
    clause_share : float, default=0.3
        Weight of the best single clause of a suggestion in the ranking score (the rest: the whole
        suggestion); a reply unit often answers one clause of a long suggestion directly.
    aggregate_sections : bool, default=False
        Read a heading-only section with its children's text.
    parent_heading : bool, default=True
        An item carries its section's heading as part of its own heading.
    frame_factor : float, default=0.6
        Multiplier for framing units (openings, closings, thanks, list introductions: see
        :func:`~proposalnlp.matching.results.is_frame`), which thank and summarise but rarely answer.
    order_weight : float, default=0.5
        Replies tend to answer in the order of the suggestions: a score is multiplied by up to
        (1 + ``order_weight``) when the unit's relative place among the reply's content units matches the
        suggestion's.
    quote_claims : bool, default=False
        A reply unit that quotes one suggestion's own words (:func:`quote_claims`) answers that suggestion:
        for its siblings it scores 0 and ranks after every unit they may be answered by. Off by default: on the
        point gold it moves one point of fifteen messages, the one it was designed from (answer model card,
        round 16).

    Attributes
    ----------
    clause_share, frame_factor, order_weight : float
        As given (a frozen dataclass: derive a variant with :func:`dataclasses.replace`).
    aggregate_sections, parent_heading, quote_claims : bool
        As given.
    """

    clause_share: float = 0.3
    aggregate_sections: bool = False
    parent_heading: bool = True
    frame_factor: float = 0.6
    order_weight: float = 0.5
    quote_claims: bool = False


# -- inputs of match ---------------------------------------------------------------------------------------
def _wordy(text: str) -> bool:
    """Whether a text holds at least four letters, digits or characters: enough to ask something."""
    return sum(ch.isalnum() for ch in text) >= 4


def _check_chinese(texts: Iterable[str], side: str, wanted: bool = True) -> None:
    """An :class:`InputValueError` naming ``side`` when none of its ``texts`` holds a Chinese character: a verdict
    on English (or digits alone) would come from words the scorer does not read, so it is refused, as the CLI
    batch tells rows with no Chinese apart when it classifies them. A Chinese text with English words is read."""
    if wanted and not any(map(has_chinese, texts)):
        raise error(InputValueError, f"err.no_chinese.{side}")


def _suggestion_units(
    proposal: Any, include_problems: bool, chinese: bool = True
) -> tuple[list[Unit], Document | None]:
    if isinstance(proposal, Document):
        doc = proposal
    elif isinstance(proposal, (str, bytes)):
        doc = parse(proposal)
    elif isinstance(proposal, Iterable):
        items = check_texts(proposal, "proposal")
        _check_chinese(items, "proposal", chinese)
        return [
            Unit(f"S{i}", "proposal", "suggestion", 1, None, lead_phrase(t), t.strip(), 0, len(t))
            for i, t in enumerate(items, start=1)
        ], None
    else:
        raise InputTypeError(
            f"proposal must be a Document, a text or a list of suggestion strings, got {type(proposal).__name__}"
            f"{path_hint(proposal)}"
        )
    # the document given, checked whole (its text, or the units of one built by hand)
    _check_chinese([doc.text, *(u.text for u in doc.units)], "proposal", chinese)
    if not any(u.part == "proposal" for u in doc.units):
        # a reply letter given alone would otherwise be reported as "0 suggestions", as if the proposal asked nothing
        raise error(InputValueError, "err.no_proposal")
    kinds = ("suggestion", "problem") if include_problems else ("suggestion",)
    units = [u for u in doc.units if u.part == "proposal" and u.kind in kinds]
    if not units:
        # no enumerated suggestions found: every proposal paragraph but the framing ones stands in, however short
        # (加大财政资金支持 asks as much as a long paragraph); units with hardly a word (（略）, 。。。) are left out
        units = [u for u in doc.proposal if u.kind not in ("opening", "closing") and _wordy(u.text)]
        if units:
            logger.info("no suggestion units found; matching %d proposal units instead", len(units))
    return units, doc


def _reply_units(reply: Any, doc: Document | None, chinese: bool = True) -> list[Unit]:
    if reply is None:
        if doc is None:
            raise InputValueError(
                "a list of suggestions needs a reply (a text, a Document or a list of paragraphs), got reply=None"
            )
        units = doc.reply
        if not units:
            raise error(InputValueError, "err.no_reply")
        return units
    if isinstance(reply, (Document, str, bytes)):
        rdoc = reply if isinstance(reply, Document) else parse(reply)
        _check_chinese([rdoc.text, *(u.text for u in rdoc.units)], "reply", chinese)
        return rdoc.reply or _as_reply(rdoc.units)
    if isinstance(reply, Iterable):
        items = check_texts(reply, "reply")
        _check_chinese(items, "reply", chinese)
        units = [
            Unit(f"R{i}", "reply", "item", 1, None, lead_phrase(t), t.strip(), 0, len(t))
            for i, t in enumerate(items, start=1)
        ]
        # a first paragraph that is only the title or the opening, a last one that is only the closing: frames;
        # a lone paragraph that is only an opening is one too (the reply then answers nothing)
        kind = leading_frame(units[0].text)
        if kind is not None and (len(units) > 1 or kind == "opening"):
            units[0] = replace(units[0], kind=kind)
        if len(units) > 1 and trailing_frame(units[-1].text) is not None:
            units[-1] = replace(units[-1], kind="closing")
        return units
    raise InputTypeError(
        f"reply must be a text, a Document or a list of paragraphs, got {type(reply).__name__}{path_hint(reply)}"
    )


def _as_reply(units: list[Unit]) -> list[Unit]:
    """Units of a text given as the reply but parsed without a reply marker: renamed R1, R2… (parents kept).

    A top-level unit is numbered after the top-level units before it; a child after its parent's descendants
    before it (``R1.1``, ``R1.1.1``, ``R1.3``…). Counted as it goes: linear in the number of units.
    """
    names: dict[str, str] = {}
    top = 0
    below: dict[str, int] = {}  # a name -> how many names below it have been given
    for u in units:
        if u.parent is None or u.parent not in names:
            top += 1
            name = f"R{top}"
        else:
            parent = names[u.parent]
            name = f"{parent}.{below.get(parent, 0) + 1}"
            # every ancestor of the new name counts it among the names below it
            cut = name.rfind(".")
            while cut > 0:
                prefix = name[:cut]
                below[prefix] = below.get(prefix, 0) + 1
                cut = prefix.rfind(".")
        names[u.id] = name
    return [replace(u, id=names[u.id], part="reply", parent=names.get(u.parent) if u.parent else None) for u in units]


# -- scoring units -----------------------------------------------------------------------------------------
def _unit_heading(u: Unit) -> str | None:
    """The unit's heading without its enumerator (一是 / (一) / 一、 would match every other 一是…)."""
    if u.heading:
        head = _LEAD.sub("", u.heading).strip(" ,，:：。;；")
        return head or None
    return lead_phrase(u.text)


def _clauses(text: str, min_len: int = 10) -> list[str]:
    """Sentences and semicolon clauses of a suggestion, without its short lead phrase (一是政府引导。)."""
    parts = [p.strip() for p in _CLAUSE_END.split(text)]
    return [p for p in parts if len(p) >= min_len]


def _suggestion_texts(suggestions: Sequence[Unit]) -> tuple[list[str], list[str | None], list[str], np.ndarray]:
    """The suggestions' texts and headings, and the clauses of those with more than one (with the index of
    the suggestion each clause comes from): the query side of every scoring in this module."""
    owner_list: list[int] = []
    clauses: list[str] = []
    for i, s in enumerate(suggestions):
        parts = _clauses(s.text)
        if len(parts) > 1:
            clauses += parts
            owner_list += [i] * len(parts)
    return (
        [s.text for s in suggestions],
        [_unit_heading(s) for s in suggestions],
        clauses,
        np.asarray(owner_list, dtype=np.int64),
    )


def _candidate_texts(units: list[Unit], cfg: MatchConfig) -> tuple[list[str], list[str | None]]:
    """Texts and headings of reply units (with their section's heading and, optionally, their children)."""
    by_id = {u.id: u for u in units}
    children: dict[str, list[Unit]] = {}
    for u in units:
        if u.parent:
            children.setdefault(u.parent, []).append(u)
    texts: list[str] = []
    heads: list[str | None] = []
    for u in units:
        text = u.text
        head = _unit_heading(u)
        kids = children.get(u.id)
        if kids and len(text) < 40:
            head = head or text
            if cfg.aggregate_sections:
                text = text + "\n" + "\n".join(k.text for k in kids)
        parent = by_id.get(u.parent) if u.parent else None
        if cfg.parent_heading and parent is not None:
            ph = _unit_heading(parent) or (parent.text if len(parent.text) < 40 else None)
            if ph:
                head = f"{ph} {head}" if head else ph
        texts.append(text)
        heads.append(head)
    return texts, heads


#: Default number of ranked reply units kept per suggestion (:func:`match`'s ``top_k``): more than a report
#: shows (``Thresholds.used_rank``) and than the reply units of a realistic document.
DEFAULT_TOP_K = 50

#: Scores held at once while ranking: suggestions are scored a block at a time, of about this many
#: (suggestion or clause) × reply unit cells.
_BLOCK_CELLS = 1 << 20


def _score_blocks(
    suggestions: list[Unit],
    reply_units: list[Unit],
    scorer: Scorer | None,
    config: MatchConfig | None,
    block_cells: int | None = None,
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(first suggestion, scores, clause-level scores) for consecutive blocks of suggestions: the rows of
    :func:`score_units`, each block computed on its own from features and IDF built once over every text."""
    cfg = config or MatchConfig()
    sc = scorer or default_scorer()
    ctexts, cheads = _candidate_texts(reply_units, cfg)
    qtexts, qheads, clauses, owners = _suggestion_texts(suggestions)
    n_q, n_c = len(qtexts), len(reply_units)
    frame = np.array([is_frame(u) for u in reply_units], dtype=bool)
    upos: np.ndarray | None = None
    if cfg.order_weight and n_q > 1 and (~frame).sum() > 1:
        content = np.flatnonzero(~frame)
        upos = np.full(n_c, np.nan)
        upos[content] = np.arange(len(content)) / (len(content) - 1)
    # blocks of suggestions whose rows (with their clauses' rows) hold about block_cells scores
    clause_start = np.searchsorted(owners, np.arange(n_q + 1))
    per_row = max(1, (block_cells or _BLOCK_CELLS) // max(n_c, 1))
    starts: list[int] = [0]
    while starts[-1] < n_q:
        a = starts[-1]
        b = a + 1
        while b < n_q and (b + 1 - a) + (clause_start[b + 1] - clause_start[a]) <= per_row:
            b += 1
        starts.append(b)
    # each block's rows (its suggestions, then their clauses) are scored in pieces of at most per_row rows: a
    # suggestion with very many clauses takes several pieces, its clauses maxed into its row as they come
    spans = [
        (a, b, np.concatenate([np.arange(a, b), n_q + np.arange(clause_start[a], clause_start[b])]).astype(np.intp))
        for a, b in pairwise(starts)
    ]
    pieces = (rows[i : i + per_row] for _, _, rows in spans for i in range(0, len(rows), per_row))
    blocks = sc.score_blocks(qtexts + clauses, ctexts, pieces, qheads + [qheads[i] for i in owners.tolist()], cheads)
    for a, b, rows in spans:
        whole = best = np.empty(0)
        for i in range(0, len(rows), per_row):
            raw = next(blocks)
            if i == 0:  # a block's suggestions fit in its first piece
                whole = raw[: b - a]
                best = whole.copy()
            first = max(i, b - a)  # the piece's first clause row
            for k in range(first, min(i + per_row, len(rows))):
                owner = owners[clause_start[a] + k - (b - a)] - a
                np.maximum(best[owner], raw[k - i], out=best[owner])
        scores = (1 - cfg.clause_share) * whole + cfg.clause_share * best
        factor = np.ones_like(scores)
        if upos is not None:
            spos = np.arange(a, b) / (n_q - 1)
            closeness = 1.0 - np.abs(spos[:, None] - upos[None, :])
            factor = factor * (1.0 + cfg.order_weight * np.nan_to_num(closeness, nan=0.0))
        if cfg.frame_factor != 1.0:
            factor[:, frame] *= cfg.frame_factor
        yield a, np.clip(scores * factor, 0.0, 1.0), np.clip(best * factor, 0.0, 1.0)


def score_units(
    suggestions: list[Unit], reply_units: list[Unit], scorer: Scorer | None = None, config: MatchConfig | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Scores (suggestions × reply units) in [0, 1] as :func:`match` ranks them, and the clause-level scores.

    The second array holds, for each pair, the best score of any single clause of the suggestion (or of the
    whole suggestion): a unit that fully answers one clause answers the suggestion directly, which is what
    the verdicts rest on. Both arrays are dense (len(suggestions) × len(reply_units)): for moderate sizes;
    :func:`match` ranks a block of suggestions at a time and keeps only each one's best units.
    """
    shape = (len(suggestions), len(reply_units))
    scores, evidence = np.zeros(shape), np.zeros(shape)
    if not suggestions or not reply_units:
        return scores, evidence
    for a, s, e in _score_blocks(suggestions, reply_units, scorer, config):
        scores[a : a + len(s)] = s
        evidence[a : a + len(e)] = e
    return scores, evidence


def _top_columns(block: np.ndarray, k: int) -> np.ndarray:
    """The columns of each row's ``k`` largest values, largest first, ties in column order: the first ``k``
    of a stable descending sort of the row, found by a partition (linear in the row)."""
    n = block.shape[1]
    if k >= n:
        return np.argsort(-block, axis=1, kind="stable")
    part = np.argpartition(-block, k - 1, axis=1)[:, :k]
    kth = np.take_along_axis(block, part, axis=1).min(axis=1)
    # rows where the k-th value is shared beyond the k picked: keep the first columns holding it
    for r in np.flatnonzero((block >= kth[:, None]).sum(axis=1) > k):
        above = np.flatnonzero(block[r] > kth[r])
        tied = np.flatnonzero(block[r] == kth[r])[: k - len(above)]
        part[r] = np.concatenate([above, tied])
    values = np.take_along_axis(block, part, axis=1)
    order = np.lexsort((part, -values), axis=1)
    return np.take_along_axis(part, order, axis=1)


def _check_top_k(top_k: Any) -> int:
    if not isinstance(top_k, (int, np.integer)) or isinstance(top_k, bool) or top_k < 1:
        raise InputValueError(f"top_k must be a positive int (reply units kept per suggestion), got {given(top_k)}")
    return int(top_k)


def _answer_kinds(reply_units: list[Unit]) -> np.ndarray:
    """Which reply units may answer: not a header, opening or closing (by kind)."""
    return np.array([u.kind not in FRAME_KINDS for u in reply_units], dtype=bool)


@dataclass
class _Ranked:
    """One suggestion's ranking: the columns of its best units, their scores and supports."""

    cols: np.ndarray
    scores: np.ndarray
    support: np.ndarray


#: a quoted span: it ends at the next quotation mark of either side, so that an opening mark left unclosed costs
#: one scan to the next mark, not one to the end of the unit (many unclosed marks made the scan quadratic)
_QUOTE = re.compile(r"[“\"「『]([^“”\"「」『』]{6,})[”\"」』]")
_NON_TEXT = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
#: characters a quote must repeat of a suggestion, in one run, to be that suggestion's words
QUOTE_RUN = 6


def quote_claims(suggestions: Sequence[str], units: Sequence[str]) -> np.ndarray:
    """For each reply unit, the suggestion whose own words it quotes, -1 for none.

    A reply often restates the request it is answering in quotation marks (关于您提出的“…”的建议); such a
    unit answers that request. A unit quotes suggestion i when one of its quoted spans (“…”, 「…」, "…"),
    punctuation and spaces aside, shares a run of at least :data:`QUOTE_RUN` characters with suggestion i and
    with no other suggestion (its first such span decides).
    """
    texts = [_NON_TEXT.sub("", s) for s in suggestions]
    pairs = [answer.char_pairs(t) for t in texts]  # each suggestion's, once (not once per quoted span)
    out = np.full(len(units), -1, dtype=np.int64)
    undecided: set[str] = set()  # spans already found to claim no one suggestion (a reply repeats its quotes)
    for j, unit in enumerate(units):
        for quoted in _QUOTE.findall(unit):
            q = _NON_TEXT.sub("", quoted)
            if len(q) < QUOTE_RUN or q in undecided:
                continue
            hits = [
                i
                for i, (t, p) in enumerate(zip(texts, pairs, strict=True))
                if answer.longest_common_run(q, t, p) >= QUOTE_RUN
            ]
            if len(hits) == 1:
                out[j] = hits[0]
                break
            undecided.add(q)
    return out


def _rank(
    suggestions: list[Unit],
    reply_units: list[Unit],
    scorer: Scorer | None,
    config: MatchConfig | None,
    keep: int,
) -> list[_Ranked]:
    """Each suggestion's ``keep`` best reply units by the present score; openings and closings last, with a
    score of 0 (they answer nothing), so that the scores still come in descending order. With
    ``config.quote_claims``, a unit that quotes one suggestion scores 0 for the others too."""
    never = ~_answer_kinds(reply_units)
    claims = None
    if config is not None and config.quote_claims and len(suggestions) > 1:
        claims = quote_claims([s.text for s in suggestions], [u.text for u in reply_units])
        if not (claims >= 0).any():
            claims = None
    out: list[_Ranked] = []
    for first, scores, evidence in _score_blocks(suggestions, reply_units, scorer, config):
        if claims is not None:  # a unit quoting a sibling's words answers that sibling, not this suggestion
            rows = first + np.arange(scores.shape[0])
            scores = np.where((claims[None, :] >= 0) & (claims[None, :] != rows[:, None]), 0.0, scores)
        if never.any():  # openings and closings answer nothing: score 0, ranked after every other unit
            scores = np.where(never[None, :], 0.0, scores)
            key = scores - 2.0 * never[None, :]
        else:
            key = scores
        cols = _top_columns(key, keep)
        top_scores = np.take_along_axis(scores, cols, axis=1)
        top_support = np.take_along_axis(evidence, cols, axis=1)
        out += [_Ranked(cols[r], top_scores[r], top_support[r]) for r in range(len(scores))]
    return out


def _diagonal_scores(
    suggestions: list[Unit], candidates: list[Unit], scorer: Scorer | None, config: MatchConfig | None
) -> tuple[np.ndarray, np.ndarray]:
    """The (score, clause-level score) of each suggestion with the candidate of the same index: the diagonal
    of :func:`score_units` (same IDF over every text, same clauses, order prior and framing penalty, up to
    float round-off), with only those cells scored. Two arrays of shape (n, 1)."""
    cfg = config or MatchConfig()
    sc = scorer or default_scorer()
    n_q = len(suggestions)
    ctexts, cheads = _candidate_texts(candidates, cfg)
    qtexts, qheads, clauses, owners = _suggestion_texts(suggestions)
    diag = np.arange(n_q, dtype=np.int64)
    raw = sc.score_pairs(
        qtexts + clauses,
        ctexts,
        np.concatenate([diag, n_q + np.arange(len(clauses), dtype=np.int64)]),
        np.concatenate([diag, owners]),
        qheads + [qheads[i] for i in owners.tolist()],
        cheads,
    )
    whole = raw[:n_q]
    best = whole.copy()
    for k, owner in enumerate(owners.tolist()):
        best[owner] = max(best[owner], raw[n_q + k])
    scores = (1 - cfg.clause_share) * whole + cfg.clause_share * best
    factor = np.ones_like(scores)
    frame = np.array([is_frame(u) for u in candidates], dtype=bool)
    if cfg.order_weight and n_q > 1 and (~frame).sum() > 1:
        content = np.flatnonzero(~frame)
        upos = np.full(len(candidates), np.nan)
        upos[content] = np.arange(len(content)) / (len(content) - 1)
        closeness = 1.0 - np.abs(diag / (n_q - 1) - upos[diag])
        factor = factor * (1.0 + cfg.order_weight * np.nan_to_num(closeness, nan=0.0))
    if cfg.frame_factor != 1.0:
        factor[frame[diag]] *= cfg.frame_factor
    return np.clip(scores * factor, 0.0, 1.0)[:, None], np.clip(best * factor, 0.0, 1.0)[:, None]


@dataclass
class AnswerRows:
    """The answer model's input for each suggestion against one reply, and what explains its verdict.

    Attributes
    ----------
    rows : ndarray
        One row of :data:`~proposalnlp.matching.answer.MODEL_FEATURES` per suggestion (its best unit and the
        local part of the reply).
    unit_rows : list of ndarray
        For each suggestion, one such row per ranked unit of its first ``depth``: the pair with that unit
        alone (in both places), so that its probability says whether that unit answers the suggestion.
    best : list of int or None
        The column of each suggestion's best answering unit (None when no unit may answer).
    requests : list of PairText
        Each suggestion's terms (its own, without those the other suggestions share).
    """

    rows: np.ndarray
    unit_rows: list[np.ndarray]
    best: list[int | None]
    requests: list[answer.PairText]


def answer_rows(
    suggestions: list[Unit],
    reply_units: list[Unit],
    ranked: list[_Ranked] | None = None,
    depth: int = 1,
    scorer: Scorer | None = None,
    config: MatchConfig | None = None,
) -> AnswerRows:
    """The answer model's features of each suggestion against a reply (see :mod:`proposalnlp.matching.answer`):
    the pair with its best answering unit (ranked by the present score) and the pair with its part of the reply
    (its best :data:`~proposalnlp.matching.answer.LOCAL_UNITS` answering units as one text, in the reply's
    order: all of a short reply to one request); ``unit_rows`` each of the ``depth`` best units alone."""
    local_n = answer.LOCAL_UNITS
    if ranked is None:
        ranked = _rank(suggestions, reply_units, scorer, config, min(max(depth, local_n), len(reply_units)))
    can = _answer_kinds(reply_units)
    if not can.any():
        can = np.ones(len(reply_units), dtype=bool)
    # each suggestion's part of the reply: its best answering units, in the reply's order (a reply to one
    # request, as in the training data, is all of it; a reply to many, the units about this one)
    locals_: list[Unit] = []
    for i, rk in enumerate(ranked):
        cols = sorted([int(c) for c in rk.cols if can[c]][:local_n])
        text = "\n".join(reply_units[c].text for c in cols)
        locals_.append(Unit(f"R*{i}", "reply", "item", 1, None, None, text, 0, 0))
    w_scores, w_support = _diagonal_scores(suggestions, locals_, scorer, config)
    heads = [_unit_heading(s) for s in suggestions]
    context = answer.request_context([s.text for s in suggestions])
    # the requests' words: the default tokenizer's tokens, which the default scorer remembers (it ranked them)
    memo = default_scorer()
    tokens = memo.tokens if memo.tokenizer is default_tokenizer() else None
    reqs = [answer.prepare_request(s.text, h, tokens, context=context) for s, h in zip(suggestions, heads, strict=True)]
    picks: list[list[int]] = []
    best: list[int | None] = []
    for rk in ranked:
        cols = [int(c) for c in rk.cols if can[c]]
        best.append(cols[0] if cols else None)
        picks.append([int(c) for c in rk.cols[:depth]])
    needed = sorted({c for p in picks for c in p} | {b for b in best if b is not None})
    where = {c: i for i, c in enumerate(needed)}
    # the cosines each suggestion needs (its units and its part of the reply), those cells alone
    n_q = len(suggestions)
    wants = [
        sorted({where[c] for c in picks[i]} | ({where[b]} if (b := best[i]) is not None else set())) for i in range(n_q)
    ]
    cell_rows = [i for i in range(n_q) for _ in range(len(wants[i]) + 1)]
    cell_cols = [j for i in range(n_q) for j in [*wants[i], len(needed) + i]]
    cells = (
        retrieval_scorer()
        .score_pairs(
            [s.text for s in suggestions],
            [reply_units[c].text for c in needed] + [u.text for u in locals_],
            cell_rows,
            cell_cols,
            heads,
            None,
        )
        .tolist()
    )
    cos_rows: list[dict[int, float]] = []
    at = 0
    for i in range(n_q):
        row = {j: cells[at + k] for k, j in enumerate(wants[i])}
        at += len(wants[i])
        row[-1] = cells[at]
        at += 1
        cos_rows.append(row)
    several = len(suggestions) > 1
    cache: dict[Any, Any] = {}
    # the units each suggestion is paired with; what those pairs read of each text, computed at once
    paired = [sorted(set(picks[i]) | ({b} if b is not None else set())) for i, b in enumerate(best)]
    answer.prepare_texts(
        reqs, [[locals_[i].text, *(reply_units[c].text for c in cols)] for i, cols in enumerate(paired)], cache
    )
    rows = np.zeros((len(suggestions), len(answer.MODEL_FEATURES)))
    unit_rows: list[np.ndarray] = []
    for i, (rk, req) in enumerate(zip(ranked, reqs, strict=True)):
        reply_f = answer.pair_features(
            req, locals_[i].text, (float(w_support[i, 0]), float(w_scores[i, 0]), cos_rows[i][-1]), cache
        )
        pos = {int(c): k for k, c in enumerate(rk.cols)}
        b = best[i]
        feats: dict[int, np.ndarray] = {}
        for c in paired[i]:
            k = pos[c]
            scores3 = (float(rk.support[k]), float(rk.scores[k]), cos_rows[i][where[c]])
            feats[c] = answer.pair_features(req, reply_units[c].text, scores3, cache)
        unit_best = feats[b] if b is not None else np.zeros(len(answer.PAIR_FEATURES))
        rows[i] = answer.model_features(unit_best, reply_f, several, req)
        unit_rows.append(
            np.array([answer.model_features(feats[c], feats[c], several, req) for c in picks[i]]).reshape(
                len(picks[i]), len(answer.MODEL_FEATURES)
            )
        )
    return AnswerRows(rows, unit_rows, best, reqs)


def best_scores(rows: AnswerRows, ranked: list[_Ranked]) -> np.ndarray:
    """The ranking score of each suggestion with its best answering unit (0 when it has none)."""
    out = np.zeros(len(ranked))
    for i, (rk, b) in enumerate(zip(ranked, rows.best, strict=True)):
        if b is not None:
            out[i] = float(rk.scores[int(np.flatnonzero(rk.cols == b)[0])])
    return out


def _sibling_lift(
    rows: AnswerRows, ranked: list[_Ranked], probs: np.ndarray, partly: float, ratio: float | None
) -> np.ndarray:
    """Which suggestions the sibling rule (:mod:`proposalnlp.matching.siblings`) calls partly answered."""
    if ratio is None or len(ranked) < 2:
        return np.zeros(len(ranked), dtype=bool)
    support = rows.rows[:, answer.MODEL_FEATURES.index("unit_support")]
    return siblings.sibling_lift(probs, support, rows.best, best_scores(rows, ranked), partly, ratio)


def align_units(
    suggestions: list[Unit],
    reply_units: list[Unit],
    scorer: Scorer | None = None,
    thresholds: Thresholds | None = None,
    config: MatchConfig | None = None,
    top_k: int = DEFAULT_TOP_K,
    model: answer.AnswerModel | None = None,
) -> Alignment:
    """Build an :class:`~proposalnlp.matching.results.Alignment` from ready units (used by :func:`match` and
    by the gold evaluations).

    The present score ranks each suggestion's reply units (headers, openings and closings last); the answer
    model (``model``, by default the bundled one) gives the calibrated probability that the reply answers
    the suggestion, from its best unit and its part of the reply, and ``thresholds`` turn it into a verdict. Each
    suggestion keeps its ``top_k`` best reply units. Suggestions are scored a block at a time: memory grows
    with (suggestions + reply units) × ``top_k``, never with their product.
    """
    t = thresholds or Thresholds()
    k = _check_top_k(top_k)
    m = model or answer.default_answer_model()
    if not suggestions:
        return Alignment([], list(reply_units), list(reply_units), t)
    if not reply_units:
        return Alignment([SuggestionMatch(s, [], "unanswered", probability=0.0) for s in suggestions], [], [], t)
    if not _answer_kinds(reply_units).any():
        # only a header, an opening or a closing (…收悉，已转…处理。): the reply answers nothing
        # (each suggestion its own list of units: a caller may edit one match's list)
        unanswered = [
            SuggestionMatch(s, [(u, 0.0) for u in reply_units[:k]], "unanswered", probability=0.0, basis="no_answer")
            for s in suggestions
        ]
        return Alignment(
            unanswered,
            list(reply_units),
            list(reply_units),
            t,
        )
    keep = min(max(k, t.used_rank), len(reply_units))
    ranked = _rank(suggestions, reply_units, scorer, config, keep)
    depth = min(t.used_rank, keep)
    feats = answer_rows(suggestions, reply_units, ranked, depth, scorer, config)
    # every row the model reads, in one call: the suggestions' rows, then each one's unit rows
    sizes = [len(u) for u in feats.unit_rows]
    all_p = m.predict_proba(np.concatenate([feats.rows, *feats.unit_rows]))
    probs = all_p[: len(suggestions)]
    unit_ps = np.split(all_p[len(suggestions) :], np.cumsum(sizes)[:-1])
    can = _answer_kinds(reply_units)
    lifted = _sibling_lift(feats, ranked, probs, t.partly, m.sibling_ratio)
    used = np.zeros(len(reply_units), dtype=bool)
    matches: list[SuggestionMatch] = []
    for i, (s, rk) in enumerate(zip(suggestions, ranked, strict=True)):
        p = float(probs[i])
        unit_p = unit_ps[i]
        unit_p = np.where(can[rk.cols[:depth]], unit_p, 0.0)
        b = feats.best[i]
        verdict = "partly" if lifted[i] else m.verdict(p, t.answered, t.partly)
        covered: list[str] = []
        missing: list[str] = []
        cue = None
        if b is not None:
            covered, missing = answer.covered_terms(feats.requests[i], reply_units[b].text)
            cue = answer.cue_of(reply_units[b].text)
        ranked_units = [
            (reply_units[j], sc) for j, sc in zip(rk.cols[:k].tolist(), rk.scores[:k].tolist(), strict=True)
        ]
        probability = [float(x) for x in unit_p] + [0.0] * max(0, min(k, len(rk.cols)) - depth)
        matches.append(
            SuggestionMatch(
                s,
                ranked_units,
                verdict,
                rk.support[:k].tolist(),
                covered=covered,
                missing=missing,
                cue=cue,
                probability=p,
                unit_probability=probability,
                basis="siblings" if lifted[i] else "model",
            )
        )
        if lifted[i] and b is not None:
            used[b] = True  # the rule rests on its best unit
        if verdict != "unanswered":
            used[rk.cols[:depth][unit_p >= t.partly]] = True
    # a heading-only section is used when one of its items is
    index = {u.id: j for j, u in enumerate(reply_units)}
    for j, u in enumerate(reply_units):
        if used[j] and u.parent in index and len(reply_units[index[u.parent]].text) < 40:
            used[index[u.parent]] = True
    unused = [u for u, flag in zip(reply_units, used, strict=True) if not flag]
    return Alignment(matches, list(reply_units), unused, t)


# -- match ---------------------------------------------------------------------------------------------------
def match(
    proposal: Document | str | bytes | Sequence[str],
    reply: Document | str | bytes | Sequence[str] | None = None,
    include_problems: bool = False,
    *,
    scorer: Scorer | None = None,
    thresholds: Thresholds | Mapping[str, float] | None = None,
    themes: bool | None = None,
    theme_model: Any = None,
    top_k: int = DEFAULT_TOP_K,
) -> Alignment:
    """Match each suggestion of ``proposal`` with the reply units that answer it.

    ``proposal`` is a :class:`Document`, a text (parsed; a text holding both parts needs no ``reply``) or a
    list of suggestion strings; ``reply`` is a text, a Document or a list of paragraphs (one unit each; a first
    paragraph that is only the reply's title or opening is marked so, :func:`leading_frame`, and never ranks first).
    With ``include_problems`` the proposal's problems are matched too. With ``themes`` each suggestion's
    themes are added (:func:`suggestion_themes`): from ``theme_model`` when given, else from the default
    theme model when it is available. ``themes=None`` (the default) adds them when a ``theme_model`` is given
    (a model passed is a model to use), ``False`` never. Each suggestion keeps its ``top_k`` best reply units
    (:data:`DEFAULT_TOP_K`; a report shows :attr:`Thresholds.used_rank` of them); verdicts and the unused
    units look at every unit. Memory grows with (suggestions + reply units) × ``top_k``. ``thresholds`` is a
    :class:`Thresholds` or a dict of ``answered`` and/or ``partly`` (the other the default), as ``to_dict`` gives.
    """
    if not isinstance(include_problems, (bool, np.bool_)):
        raise InputTypeError(f"include_problems must be a bool, got {given(include_problems)}")
    if isinstance(thresholds, Mapping):  # {"answered": …, "partly": …}, as to_dict and the service give them
        unknown = sorted(set(thresholds) - {"answered", "partly"})
        if unknown:
            raise InputValueError(f"thresholds: unknown key(s) {unknown}; give 'answered' and/or 'partly'")
        thresholds = thresholds_with(thresholds.get("answered"), thresholds.get("partly")) or Thresholds()
    if thresholds is not None and not isinstance(thresholds, Thresholds):
        raise InputTypeError(
            "thresholds must be a Thresholds, a dict of 'answered' and 'partly', or None; "
            f"got {type(thresholds).__name__}"
        )
    if scorer is not None and not callable(getattr(scorer, "score", None)):
        raise InputTypeError(f"scorer must be a Scorer (with a score method) or None, got {type(scorer).__name__}")
    suggestions, doc = _suggestion_units(proposal, include_problems)
    reply_units = _reply_units(reply, doc)
    if not suggestions:
        logger.info("the proposal holds no suggestion units")
    alignment = align_units(suggestions, reply_units, scorer, thresholds, top_k=top_k)
    if themes or (themes is None and theme_model is not None):
        alignment.themes = suggestion_themes(suggestions, theme_model)
    return alignment


def match_units(
    proposal: Document | str | bytes | Sequence[str],
    reply: Document | str | bytes | Sequence[str] | None = None,
    include_problems: bool = False,
    *,
    chinese: bool = True,
) -> tuple[list[Unit], list[Unit]]:
    """The suggestion units and the reply units that :func:`match` would rank (texts are parsed): e.g. to
    refuse a request whose suggestions × reply units are too many before scoring them. A side without a Chinese
    character is refused as :func:`match` refuses it; ``chinese=False`` parses it all the same (a tool reading
    every reply of a corpus, a stray one of digits included)."""
    suggestions, doc = _suggestion_units(proposal, include_problems, chinese)
    return suggestions, _reply_units(reply, doc, chinese)


def suggestion_themes(units: Sequence[Unit], model: Any = None) -> dict[str, list[str]]:
    """Each unit's themes by unit id, from ``classify_many`` over the units' texts and kinds.

    With ``model`` (a loaded theme model) errors are raised; without, the default theme model is optional:
    when it is missing or fails, the result is ``{}`` (and a log message says why).
    """
    if not units:
        return {}
    try:
        from ..themes import classify_many

        # each unit with its kind: a problem unit (include_problems) or, when a proposal has no suggestion units,
        # a background or framing paragraph standing in is held to the theme model's kind prior
        kinds = [u.kind if u.kind in KINDS else None for u in units]  # a hand-made Unit's own kind: no prior
        preds = classify_many([u.text for u in units], model=model, kinds=kinds)
    except (ImportError, ModelError, OSError) as exc:  # the default model is optional
        if model is not None:
            raise
        logger.info("themes unavailable: %s", exc)
        return {}
    except Exception as exc:  # never let the optional themes break a match; say so loudly
        if model is not None:
            raise
        logger.warning("theme classification failed, report has no themes: %s: %s", type(exc).__name__, exc)
        return {}
    return {u.id: [str(x) for x in p.themes] for u, p in zip(units, preds, strict=True)}


def _match_pair(pair: Any, kwargs: dict[str, Any]) -> Alignment:
    if isinstance(pair, (str, bytes, Document)):
        return match(pair, **kwargs)
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        raise InputTypeError(
            f"each item of match_many must be a (proposal, reply) pair or a document, got {type(pair).__name__}"
        )
    return match(pair[0], pair[1], **kwargs)


def _match_chunk(pairs: list[Any], kwargs: dict[str, Any], start: int = 0) -> list[Alignment]:
    """``_match_pair`` of each pair; the error of a bad pair says which one (``pairs[3]: …``, 0-based from
    ``start``), keeping its class and catalogue key."""
    out = []
    for k, pair in enumerate(pairs):
        try:
            out.append(_match_pair(pair, kwargs))
        except (ProposalNLPError, ValueError, TypeError) as exc:  # the bad input errors="skip" would skip
            _name_pair(exc, start + k)
            raise
    return out


def _name_pair(exc: BaseException, index: int) -> None:
    """Put ``pairs[index]: `` in front of ``exc``'s message, in place (Python 3.10 has no ``add_note``): its
    class, key and params stay. An error whose message is not its one string argument (``UnicodeError``,
    ``OSError``…) gets a note instead where ``add_note`` exists (3.11+)."""
    where = f"pairs[{index}]"
    if len(exc.args) == 1 and isinstance(exc.args[0], str) and type(exc).__str__ is BaseException.__str__:
        exc.args = (f"{where}: {exc.args[0]}",)
    elif hasattr(exc, "add_note"):
        exc.add_note(f"in {where}")


def match_many(
    pairs: Iterable[Any],
    n_jobs: int = 1,
    backend: Any = None,
    chunk_size: int = 64,
    errors: str = "raise",
    **kwargs: Any,
) -> list[Any]:
    """:func:`match` over many (proposal, reply) pairs (or documents holding both parts), in order.

    ``n_jobs > 1`` spreads chunks of ``chunk_size`` pairs over joblib workers; ``backend`` is passed to
    ``joblib.Parallel``, and a backend set with ``joblib.parallel_config(backend="dask")`` is used too, so the
    same call runs on a Dask cluster (see docs/scaling.md). Results equal the serial ones. Other keyword
    arguments go to :func:`match`.

    ``errors="raise"`` (the default): the first bad pair (not a pair, an empty text, no reply...) raises and
    nothing is returned. ``errors="skip"``: a bad pair gives ``None`` at its position instead (one entry per
    pair, in order; a warning names the count and the first bad 0-based index and its error).
    """
    if isinstance(pairs, (str, bytes, Document)) or pairs is None or not isinstance(pairs, Iterable):
        raise InputTypeError(f"pairs must be a list of (proposal, reply) pairs, got {type(pairs).__name__}")
    errors = _parallel.check_errors(errors)
    n_jobs = _parallel.check_n_jobs(n_jobs)
    backend = _parallel.check_backend(backend)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputTypeError(f"chunk_size must be a positive int, got {chunk_size!r}")
    items = list(pairs)
    parallel = _parallel.parallel_requested(n_jobs, backend) and len(items) > 1
    workers = _parallel.workers(n_jobs) if parallel else 1
    size = min(chunk_size, max(1, -(-len(items) // workers)))
    parts = list(_parallel.chunks(items, size)) if parallel else [items]
    if errors == "raise":
        if not parallel:
            return _match_chunk(items, kwargs)
        starts = [k * size for k in range(len(parts))]  # chunks() cuts every part but the last to ``size``
        tasks = [(_match_chunk, (p, kwargs, s)) for p, s in zip(parts, starts, strict=True)]
        offset = iter(starts)
        return _parallel.run_chunks(
            lambda p: _match_chunk(p, kwargs, next(offset)), tasks, parts, workers, backend=backend
        )
    each = _parallel.each_or_error
    skip_tasks: list[tuple[Any, tuple[Any, ...]]] = [(each, (_match_pair, p, kwargs)) for p in parts]

    def serial(p: list[Any]) -> list[tuple[Alignment | None, str | None]]:
        return each(_match_pair, p, kwargs)

    done: list[tuple[Alignment | None, str | None]] = _parallel.run_chunks(
        serial, skip_tasks if parallel else None, parts, workers, backend=backend
    )
    bad = [(i, msg) for i, (_, msg) in enumerate(done) if msg is not None]
    if bad:
        logger.warning(
            "match_many: %d of %d pairs are bad and give None (first: pairs[%d]: %s)",
            len(bad),
            len(items),
            bad[0][0],
            bad[0][1],
        )
    return [result for result, _ in done]
