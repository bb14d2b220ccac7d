"""A standalone HTML coverage report of an :class:`~proposalnlp.matching.Alignment` (no network, no assets).

In Chinese by default (English with ``lang="en"``; words from :mod:`proposalnlp.messages`). The counts and
the coverage share on top, then the suggestions left unanswered; suggestions on the left, reply units on the
right. Each suggestion shows its verdict (已答复 / 部分答复 / 未答复), why when the match says (terms
covered and missing, the answer cue), and its links to reply units as words (直接答复 / 部分相关 / 未涉及)
with the score on hover; hovering a suggestion lights up the reply units it links to. Every piece of
document text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from .._text import snippet
from ..messages import DEFAULT_LANG, check_lang, has, text, themes_label
from .report import coverage_share, match_details, shown_units, unused_framing

if TYPE_CHECKING:
    from .results import Alignment

__all__ = ["render_html"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:0;
  color:#1d2430;background:#f6f7f9}
header{padding:16px 24px;background:#1d2430;color:#fff}
header h1{margin:0 0 6px;font-size:20px}
.summary span{display:inline-block;margin-right:14px;padding:2px 8px;border-radius:10px;font-size:13px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:18px;padding:18px 24px}
.col h2{font-size:16px;margin:0 0 10px}
.card{background:#fff;border:1px solid #dde1e7;border-left:6px solid #9aa3ad;border-radius:6px;padding:10px 12px;
  margin-bottom:10px}
.card .id{font-weight:600;font-size:12px;color:#55606d;margin-right:6px}
.card .text{white-space:pre-wrap;font-size:14px;line-height:1.55;margin-top:4px}
.answered{border-left-color:#2e9d57}.partly{border-left-color:#e0a100;background:#fffaf0}
.unanswered{border-left-color:#d33c3c;background:#fff3f3}
.badge{font-size:12px;padding:1px 7px;border-radius:9px;color:#fff}
.badge.answered{background:#2e9d57}.badge.partly{background:#e0a100}.badge.unanswered{background:#d33c3c}
.links{margin:8px 0 0;padding:0;list-style:none;font-size:13px}
.links li{display:flex;align-items:center;gap:8px;margin:3px 0}
.links a{color:#1d5fbf;text-decoration:none;min-width:56px}
.bar{flex:0 0 120px;height:8px;background:#e8ebef;border-radius:4px;overflow:hidden}
.bar i{display:block;height:100%;background:#1d5fbf}
.direct .bar i{background:#2e9d57}.partial .bar i{background:#e0a100}.weak .bar i{background:#b7c0ca}
.unit.unused{opacity:.65}
.unit.hl{outline:3px solid #1d5fbf;outline-offset:1px}
.backlinks{font-size:12px;color:#55606d;margin-top:6px}
.themes{font-size:12px;color:#55606d;margin-left:6px}
.summary .share{background:#fff;color:#1d2430;font-weight:600}
.missing-list{margin:14px 24px 0;padding:10px 14px;background:#fff;border:1px solid #dde1e7;border-radius:6px}
.missing-list h2{font-size:15px;margin:0 0 6px;color:#b02a2a}
.missing-list ul{margin:0;padding-left:18px;font-size:14px;line-height:1.6}
.missing-list p{margin:0;font-size:14px}
.why{font-size:12px;color:#3d4752;margin-top:6px;display:flex;flex-wrap:wrap;gap:4px 12px}
.strength{cursor:help}
footer{padding:8px 24px 24px;font-size:12px;color:#55606d}
"""

_JS = """
document.querySelectorAll('.sugg').forEach(function(card){
  var ids = JSON.parse(card.getAttribute('data-links'));
  card.addEventListener('mouseenter', function(){ ids.forEach(function(i){
    var el = document.getElementById('u-' + i); if (el) el.classList.add('hl'); }); });
  card.addEventListener('mouseleave', function(){ ids.forEach(function(i){
    var el = document.getElementById('u-' + i); if (el) el.classList.remove('hl'); }); });
});
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(
    alignment: Alignment,
    title: str | None = None,
    top: int | None = None,
    *,
    lang: str = DEFAULT_LANG,
    nav: str = "",
) -> str:
    """The alignment as one standalone HTML page (a str), in ``lang`` (Chinese by default).

    ``title``: the page's heading (the proposal's own title is best: :func:`proposal_title`; by default
    建议答复情况); ``top``: reply units shown per suggestion (:attr:`Thresholds.used_rank` by default);
    ``nav``: trusted HTML put above the heading (the web page's tool bar), empty for a standalone report.
    """
    lang = check_lang(lang)
    t = alignment.thresholds
    top = t.used_rank if top is None else top
    title = title or text("report.default_title", lang)
    cov = alignment.coverage
    share = coverage_share(alignment)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        nav,
        f"<header><h1>{_e(title)}</h1><div class='summary'>",
    ]
    if share is not None:
        out.append(
            f"<span class='share' title='{_e(text('report.share_title', lang))}'>"
            f"{_e(text('report.share', lang, share=f'{share:.0%}'))}</span>"
        )
    framing = unused_framing(alignment, lang)
    for verdict in ("answered", "partly", "unanswered"):
        out.append(f"<span class='badge {verdict}'>{_e(text('report.count.' + verdict, lang, n=cov[verdict]))}</span>")
    total = text("report.count.total", lang, total=cov["total"], unused=cov["unused_reply_units"], framing=framing)
    out.append(f"<span>{_e(total)}</span></div></header>")
    unanswered = [m for m in alignment.suggestions if m.verdict == "unanswered"]
    out.append(f"<section class='missing-list'><h2>{_e(text('report.unanswered_list', lang))}</h2>")
    if unanswered:
        out.append("<ul>")
        for m in unanswered:
            s = m.suggestion
            out.append(f"<li><a href='#s-{_e(s.id)}'>{_e(s.id)}</a> {_e(snippet(s.text, 80))}</li>")
        out.append("</ul>")
    elif not alignment.suggestions:  # say why, rather than "none left unanswered"
        out.append(f"<p class='no-suggestions'>{_e(text('report.no_suggestions', lang))}</p>")
    else:
        out.append(f"<p>{_e(text('report.none_unanswered', lang))}</p>")
    out.append(f"</section><div class='cols'><section class='col'><h2>{_e(text('report.suggestions', lang))}</h2>")
    backlinks: dict[str, list[tuple[str, float]]] = {}
    for m in alignment.suggestions:
        s = m.suggestion
        # the units the suggestion links to: those not "weak" (each with its own strength), else its best one
        shown = [row for row in shown_units(m, top, t) if row[2] != "weak"] or shown_units(m, 1, t)
        for u, sc, _ in shown:
            backlinks.setdefault(u.id, []).append((s.id, sc))
        themes = alignment.themes.get(s.id)
        theme_html = (
            f"<span class='themes'>{_e(text('report.themes', lang, themes=themes_label(themes, lang)))}</span>"
            if themes is not None
            else ""
        )
        link_ids = _e(json.dumps([u.id for u, _, _ in shown]))
        verdict = text("verdict." + m.verdict, lang)
        out.append(
            f"<div class='card sugg {m.verdict}' id='s-{_e(s.id)}' data-links='{link_ids}' "
            f"data-verdict='{m.verdict}'><span class='id'>{_e(s.id)}</span>"
            f"<span class='badge verdict {m.verdict}'>{_e(verdict)}</span>{theme_html}"
            f"<div class='text'>{_e(s.text)}</div>"
        )
        details = match_details(m, lang)
        if details:
            out.append("<div class='why'>" + "".join(f"<span>{_e(d)}</span>" for d in details) + "</div>")
        out.append("<ul class='links'>")
        for u, sc, strength in shown:
            width = max(2, min(100, round(sc * 100 / max(t.answered * 2, 1e-9))))
            hover = _e(text("report.score_title", lang, score=f"{sc:.3f}"))
            out.append(
                f"<li class='{strength}' title='{hover}'><a href='#u-{_e(u.id)}'>{_e(u.id)}</a>"
                f"<span class='bar'><i style='width:{width}%'></i></span>"
                f"<span class='strength'>{_e(text('strength.' + strength, lang))}</span></li>"
            )
        if not m.ranked:
            out.append(f"<li>{_e(text('report.no_reply_units', lang))}</li>")
        out.append("</ul></div>")
    out.append(f"</section><section class='col'><h2>{_e(text('report.reply', lang))}</h2>")
    unused = {u.id for u in alignment.unused_reply_units}
    for u in alignment.reply_units:
        cls = "card unit unused" if u.id in unused else "card unit"
        links = backlinks.get(u.id, [])
        sep = "、" if lang == "zh" else ", "
        back = (
            _e(text("report.answers", lang, links="\x00")).replace(
                "\x00",
                sep.join(
                    f"<a href='#s-{_e(sid)}' title='{_e(text('report.score_title', lang, score=f'{sc:.3f}'))}'>"
                    f"{_e(sid)}</a>"
                    for sid, sc in links
                ),
            )
            if links
            else (_e(text("report.answers_none", lang)) if u.id in unused else "")
        )
        kind_key = f"unit.kind.{u.kind}"
        kind = text(kind_key, lang) if has(kind_key) else u.kind
        out.append(
            f"<div class='{cls}' id='u-{_e(u.id)}'><span class='id'>{_e(u.id)}</span>"
            f"<span class='id'>{_e(kind)}</span><div class='text'>{_e(u.text)}</div>"
            f"<div class='backlinks'>{back}</div></div>"
        )
    legend = text("report.legend", lang, answered=f"{t.answered:.2f}", partly=f"{t.partly:.2f}")
    out.append(f"</section></div><footer>{_e(legend)}</footer>")
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out)
