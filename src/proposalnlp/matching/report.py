"""The coverage report as text for people, in Chinese (default) or English, and what the reports share:
the proposal's title, the words of a verdict, a strength and an answer cue (:mod:`proposalnlp.messages`).

:func:`render_text` is what the command line prints; :meth:`Alignment.report` gives the same text (Chinese by
default, ``lang="en"`` for English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._parser import FIELD_LABEL, is_title_line
from .._text import snippet
from ..messages import DEFAULT_LANG, check_lang, has, text, themes_label
from .results import is_frame

if TYPE_CHECKING:
    from ..document import Document, Unit
    from .results import Alignment, SuggestionMatch, Thresholds

__all__ = ["coverage_share", "match_details", "proposal_title", "render_text", "shown_units", "unused_framing"]

_STRENGTH_ORDER = {"direct": 0, "partial": 1, "weak": 2}


def _unlabelled(title: str) -> str:
    """``title`` without the label of the form field it was read from (由:关于…的提案 → 关于…的提案)."""
    return FIELD_LABEL.sub("", title, count=1)


def proposal_title(doc: Document | str | None) -> str | None:
    """The proposal's own title: :attr:`Document.title`, else the first of the first few lines that reads
    as a title (:func:`proposalnlp._parser.is_title_line`, the parser's own test); None when there is none. A
    form's field label before it (案由：, 由：) is left out."""
    if doc is None:
        return None
    title = None if isinstance(doc, str) else getattr(doc, "title", None)
    if isinstance(title, str) and title:
        return _unlabelled(title)
    raw = doc if isinstance(doc, str) else getattr(doc, "text", "")
    lines = [line.strip() for line in str(raw).splitlines() if line.strip()][:6]
    for line in lines:
        if is_title_line(line):
            return _unlabelled(line)
    return None


def unused_framing(alignment: Alignment, lang: str = DEFAULT_LANG) -> str:
    """How many of the reply units that answer no suggestion only frame the reply (the salutation, the thanks:
    :func:`.results.is_frame`), said after their count ("" when none): a reader told that units answer nothing
    looks for answers gone astray, not for the letter's opening and closing."""
    n = alignment.coverage["unused_frame_units"]
    return text("report.unused_framing", lang, n=n) if n else ""


def coverage_share(alignment: Alignment) -> float | None:
    """The share of suggestions answered or partly answered (None when there are none)."""
    c = alignment.coverage
    return (c["answered"] + c["partly"]) / c["total"] if c["total"] else None


def match_details(m: SuggestionMatch, lang: str = DEFAULT_LANG) -> list[str]:
    """The lines that say why a verdict was given, when the match carries them: the suggestion's terms the
    best reply unit covers and leaves uncovered, and, unless the suggestion is unanswered, what that unit
    reports (已办理/已落实…: its answer cue). An unanswered suggestion's best unit is not an answer to it, so
    its cue would mislead. A verdict lifted by the sibling rule says so, since the answer model alone said
    unanswered."""
    lines: list[str] = []
    covered: Any = getattr(m, "covered", None) or []
    missing: Any = getattr(m, "missing", None) or []
    cue: Any = getattr(m, "cue", None)
    sep = "、" if lang == "zh" else ", "
    if covered:
        lines.append(text("report.covered", lang, terms=sep.join(map(str, covered))))
    if missing:
        lines.append(text("report.missing", lang, terms=sep.join(map(str, missing))))
    if cue and getattr(m, "verdict", None) != "unanswered":
        key = f"cue.{cue}"
        lines.append(text("report.cue", lang, cue=text(key, lang) if has(key) else str(cue)))
    if getattr(m, "basis", "model") == "siblings":
        lines.append(text("report.basis_siblings", lang))
    elif getattr(m, "basis", "model") == "no_answer":
        lines.append(text("report.basis_no_answer", lang))
    return lines


def shown_units(m: SuggestionMatch, top: int, thresholds: Thresholds | None = None) -> list[tuple[Unit, float, str]]:
    """The first ``top`` ranked reply units of a suggestion with their score and strength (direct / partial /
    weak), the stronger ones first and, within a strength, in rank order. The ranking is the present score's
    and the strength the answer model's, so a unit ranked second can be "not addressed" where the third is
    "partly related": a report that lists them as ranked puts a unit it calls unrelated above one it calls
    related."""
    rows = [(u, float(sc), m.strength(k, thresholds)) for k, (u, sc) in enumerate(m.ranked[:top])]
    return sorted(rows, key=lambda row: _STRENGTH_ORDER[row[2]])


def render_text(
    alignment: Alignment,
    top: int | None = None,
    width: int = 60,
    *,
    lang: str = DEFAULT_LANG,
    title: str | None = None,
) -> str:
    """A readable coverage report in ``lang``: the title, the counts, each suggestion with its verdict, why
    (when known) and its best ``top`` reply units, the suggestions left unanswered, the unused reply units."""
    lang = check_lang(lang)
    t = alignment.thresholds
    top = t.used_rank if top is None else top
    c = alignment.coverage
    lines = [title] if title else []
    lines.append(
        text(
            "report.coverage_line",
            lang,
            answered=c["answered"],
            partly=c["partly"],
            unanswered=c["unanswered"],
            total=c["total"],
            unused=c["unused_reply_units"],
            framing=unused_framing(alignment, lang),
        )
    )
    lines.append(text("report.text_legend", lang))
    if not alignment.suggestions:
        lines.append("")
        lines.append(text("report.no_suggestions", lang))
    marks = {"answered": "✔", "partly": "◐", "unanswered": "✘"}
    for m in alignment.suggestions:
        s = m.suggestion
        lines.append("")
        themes = alignment.themes.get(s.id)
        tail = f"  [{text('report.themes', lang, themes=themes_label(themes, lang))}]" if themes is not None else ""
        lines.append(f"{marks[m.verdict]} {s.id} {text('verdict.' + m.verdict, lang)}{tail}")
        lines.append(f"    {snippet(s.text, width)}")
        for detail in match_details(m, lang):
            lines.append(f"    {detail}")
        for u, score, strength in shown_units(m, top, t):
            mark = {"direct": "●", "partial": "○", "weak": " "}[strength]
            word = text("strength." + strength, lang)
            lines.append(f"  {mark} {score:4.2f} {word}  {u.id:<7} {snippet(u.text, width - 16)}")
        if not m.ranked:
            lines.append(f"    {text('report.no_reply_units', lang)}")
    unanswered = [m for m in alignment.suggestions if m.verdict == "unanswered"]
    if unanswered:
        lines.append("")
        lines.append(text("report.unanswered_list", lang) + ("：" if lang == "zh" else ":"))
        for m in unanswered:
            lines.append(f"    {m.suggestion.id:<8} {snippet(m.suggestion.text, width)}")
    if alignment.unused_reply_units:
        lines.append("")
        lines.append(text("report.unused_units", lang))
        for u in alignment.unused_reply_units:
            tag = text("report.framing", lang) + " " if is_frame(u) else ""
            lines.append(f"    {u.id:<8} {tag}{snippet(u.text, width - len(tag))}")
    return "\n".join(lines)
