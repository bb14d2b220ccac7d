"""A standalone HTML coverage report of an :class:`~proposalnlp.matching.Alignment` (no network, no assets).

Suggestions on the left, reply units on the right; each suggestion lists its links to reply units with their
strength, unanswered and partly answered suggestions are highlighted, and hovering a suggestion lights up
the reply units it links to. Every piece of document text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

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

_STRENGTH = {"direct": "answers a part directly", "partial": "partly", "weak": "weak"}
_LABELS = {"answered": "answered", "partly": "partly answered", "unanswered": "unanswered"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(alignment: Alignment, title: str = "Suggestion coverage", top: int | None = None) -> str:
    """The alignment as one standalone HTML page (a str)."""
    t = alignment.thresholds
    top = t.used_rank if top is None else top
    cov = alignment.coverage
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><div class='summary'>",
        f"<span class='badge answered'>{cov['answered']} answered</span>",
        f"<span class='badge partly'>{cov['partly']} partly</span>",
        f"<span class='badge unanswered'>{cov['unanswered']} unanswered</span>",
        f"<span>{cov['total']} suggestion(s), {cov['unused_reply_units']} reply unit(s) answering none</span>",
        "</div></header><div class='cols'><section class='col'><h2>Suggestions</h2>",
    ]
    backlinks: dict[str, list[tuple[str, float]]] = {}
    for m in alignment.suggestions:
        s = m.suggestion
        shown = [(u, sc) for k, (u, sc) in enumerate(m.ranked[:top]) if m.strength(k, t) != "weak"] or m.ranked[:1]
        for u, sc in shown:
            backlinks.setdefault(u.id, []).append((s.id, sc))
        themes = alignment.themes.get(s.id)
        theme_html = (
            f"<span class='themes'>themes: {_e(', '.join(themes) or 'none')}</span>" if themes is not None else ""
        )
        link_ids = _e(json.dumps([u.id for u, _ in shown]))
        out.append(
            f"<div class='card sugg {m.verdict}' id='s-{_e(s.id)}' data-links='{link_ids}'>"
            f"<span class='id'>{_e(s.id)}</span><span class='badge {m.verdict}'>{_LABELS[m.verdict]}</span>{theme_html}"
            f"<div class='text'>{_e(s.text)}</div><ul class='links'>"
        )
        for k, (u, sc) in enumerate(shown):
            strength = m.strength(k, t)
            width = max(2, min(100, round(sc * 100 / max(t.answered * 2, 1e-9))))
            out.append(
                f"<li class='{strength}'><a href='#u-{_e(u.id)}'>{_e(u.id)}</a>"
                f"<span class='bar' title='score {sc:.3f}'><i style='width:{width}%'></i></span>"
                f"<span>{sc:.2f} · {_STRENGTH[strength]}</span></li>"
            )
        if not m.ranked:
            out.append("<li>(no reply units)</li>")
        out.append("</ul></div>")
    out.append("</section><section class='col'><h2>Reply</h2>")
    unused = {u.id for u in alignment.unused_reply_units}
    for u in alignment.reply_units:
        cls = "card unit unused" if u.id in unused else "card unit"
        links = backlinks.get(u.id, [])
        back = (
            "answers " + ", ".join(f"<a href='#s-{_e(sid)}'>{_e(sid)}</a> ({sc:.2f})" for sid, sc in links)
            if links
            else ("answers no suggestion" if u.id in unused else "")
        )
        out.append(
            f"<div class='{cls}' id='u-{_e(u.id)}'><span class='id'>{_e(u.id)}</span>"
            f"<span class='id'>{_e(u.kind)}</span><div class='text'>{_e(u.text)}</div>"
            f"<div class='backlinks'>{back}</div></div>"
        )
    out.append(
        "</section></div><footer>Scores are in [0, 1]: the share of a suggestion a reply unit covers; a link is "
        "direct when the unit covers one clause of the suggestion well. "
        f"Verdict thresholds: answered ≥ {t.answered:.2f}, partly ≥ {t.partly:.2f} (best clause-level score). "
        "Generated by proposalnlp.</footer>"
    )
    out.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(out)
