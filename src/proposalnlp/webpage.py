"""The web page of ``proposalnlp serve`` without the web framework: the form (a template shipped with the
package), what its fields and uploads become, the tool bar over a report, and the small store of recent
reports that the download links read.

Plain HTML with no external assets (styles inline, no script needed), in Chinese by default and English
with ``lang="en"`` (words from :mod:`proposalnlp.messages`). :mod:`proposalnlp.service` wires it to HTTP.
"""

from __future__ import annotations

import dataclasses
import html
import secrets
import string
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .document import Document, parse
from .errors import EmptyInputError, InputValueError
from .matching.results import Alignment, Thresholds, thresholds_with
from .messages import DEFAULT_LANG, LANGS, error, error_text, text
from .readers import FormatDependencyError, detect_format, extract_text

__all__ = [
    "FormError",
    "Report",
    "ReportStore",
    "form_page",
    "message_page",
    "read_upload",
    "result_nav",
    "thresholds_from_form",
    "upload_suffixes",
]

#: Suffixes read as plain text.
_TEXT_SUFFIXES = (".txt", ".text")
#: Suffixes read with the formats extra (:mod:`proposalnlp.readers`).
_FORMAT_SUFFIXES = (".docx", ".pdf", ".html", ".htm")


class FormError(InputValueError):
    """What the form sent cannot be checked; the message is in the page's language."""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


#: Tables a clerk may have (a year's proposals and replies, one a row): refused with a pointer to match --batch.
_TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".xlsx", ".xls", ".et")


def upload_suffixes() -> tuple[str, ...]:
    """File suffixes the form accepts (Word, PDF and HTML need the formats extra; without it the page says so)."""
    return _TEXT_SUFFIXES + _FORMAT_SUFFIXES


def read_upload(filename: str, data: bytes, lang: str = DEFAULT_LANG) -> Document:
    """An uploaded file as a parsed document, read from its bytes as :func:`proposalnlp.document.read` reads a
    file (:func:`proposalnlp.readers.extract_text`: the format told from the content and the name)."""
    suffix = Path(filename or "").suffix.lower()
    if suffix == ".doc":  # an old Word file: say how to save it as .docx, not only that .doc is not on the list
        raise error(InputValueError, "err.old_doc")
    if suffix and suffix not in upload_suffixes():
        sep = "、" if lang == "zh" else ", "
        said = text("web.unsupported", lang, suffix=suffix, formats=sep.join(upload_suffixes()))
        if suffix in _TABLE_SUFFIXES:  # a year's table of proposals: the page checks one; the command line a table
            said += text("web.table_upload", lang)
        raise FormError(said)
    if not data:  # empty, whatever its name says (a .docx of no bytes is not "a file that is no .docx")
        raise error(EmptyInputError, "err.empty_text")
    try:
        body = extract_text(data, filename or None)
    except FormatDependencyError as exc:  # in the page's language
        raise FormError(error_text(exc, lang, where="web")) from None
    if not body.strip() and detect_format(data, filename or None) != "txt":  # a Word file or page with no text
        raise error(EmptyInputError, "err.no_text")
    return parse(body)


def thresholds_from_form(answered: str | None, partly: str | None, lang: str = DEFAULT_LANG) -> Thresholds | None:
    """The default thresholds with the values filled in the form replaced (empty fields: the defaults)."""
    given: dict[str, Any] = {}
    for name, raw in (("answered", answered), ("partly", partly)):
        if raw is None or not raw.strip():
            continue
        field = text(f"web.{name}", lang)
        try:
            value = float(raw)
        except ValueError:
            raise FormError(text("web.bad_threshold", lang, field=field)) from None
        if not 0.0 <= value <= 1.0:
            raise FormError(text("web.bad_threshold", lang, field=field))
        given[name] = value
    try:
        return thresholds_with(**given)
    except InputValueError:  # the values are in [0, 1]: only their order can be wrong
        raise FormError(text("web.bad_order", lang)) from None


def _template() -> string.Template:
    source = resources.files("proposalnlp").joinpath("templates/form.html").read_text(encoding="utf-8")
    return string.Template(source)


def _other(lang: str) -> str:
    return LANGS[1] if lang == LANGS[0] else LANGS[0]


def form_page(lang: str = DEFAULT_LANG, *, error: str | None = None, values: dict[str, str] | None = None) -> str:
    """The form: paste or upload a proposal and its reply, optional thresholds; ``error`` shown above it and
    ``values`` (pasted texts, thresholds) filled back in after a refusal."""
    values = values or {}
    defaults = Thresholds()
    suffixes = upload_suffixes()
    sep = "、" if lang == "zh" else ", "
    fields = {
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "lang": lang,
        "title": text("web.title", lang),
        "intro": text("web.intro", lang),
        "other_lang": text("web.language", lang),
        "other_lang_url": f"/?lang={_other(lang)}",
        "docs_url": "/docs",
        "api_docs": text("web.api_docs", lang),
        "action": f"/check?lang={lang}",
        "proposal_label": text("web.proposal", lang),
        "reply_label": text("web.reply", lang),
        "paste": text("web.paste", lang),
        "or_upload": text("web.or_upload", lang),
        "accept": ",".join(suffixes),
        "formats": text("web.formats", lang, formats=sep.join(suffixes)),
        "thresholds": text("web.thresholds", lang),
        "answered_label": text("web.answered", lang),
        "partly_label": text("web.partly", lang),
        "answered_default": f"{defaults.answered:g}",
        "partly_default": f"{defaults.partly:g}",
        "submit": text("web.submit", lang),
    }
    page = {k: _e(v) for k, v in fields.items()}
    for name in ("proposal_text", "reply_text", "answered", "partly"):
        page[name] = _e(values.get(name, ""))
    page["error"] = (
        f"<div class='error' role='alert'>{_e(text('web.error', lang, detail=error))}</div>" if error else ""
    )
    return _template().substitute(page)


def message_page(message: str, lang: str = DEFAULT_LANG) -> str:
    """A short page with one message and a link back to the form (an expired report, say)."""
    title = _e(text("web.title", lang))
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body style='font-family:system-ui,sans-serif;margin:24px'>"
        f"<p>{_e(message)}</p><p><a href='/?lang={lang}'>{_e(text('web.new', lang))}</a></p></body></html>"
    )


_NAV_CSS = (
    "nav.tools{display:flex;gap:16px;align-items:center;padding:8px 24px;background:#eef2f7;"
    "border-bottom:1px solid #dde1e7;font-size:14px}nav.tools a{color:#1d5fbf}"
)


def result_nav(token: str, lang: str = DEFAULT_LANG) -> str:
    """The tool bar above a report on the web page: download as HTML or JSON, check another, language."""
    base = f"/report/{quote(token)}"
    return (
        f"<style>{_NAV_CSS}</style><nav class='tools'>"
        f"<a id='download-html' href='{base}/report.html?lang={lang}' download>"
        f"{_e(text('web.download_html', lang))}</a>"
        f"<a id='download-json' href='{base}/report.json' download>{_e(text('web.download_json', lang))}</a>"
        f"<a id='new' href='/?lang={lang}'>{_e(text('web.new', lang))}</a>"
        f"<a id='lang' href='{base}?lang={_other(lang)}'>{_e(text('web.language', lang))}</a></nav>"
    )


@dataclass
class Report:
    """A checked proposal kept for its download links: the alignment and the report's title."""

    alignment: Alignment
    title: str | None
    created: float = dataclasses.field(default_factory=time.monotonic)

    def to_dict(self) -> dict[str, Any]:
        """The JSON download: the alignment's dict (every ranked unit kept) with the title."""
        return {"title": self.title, **self.alignment.to_dict()}


class ReportStore:
    """The last ``size`` reports, by an unguessable token, each for at most ``ttl`` seconds (thread-safe)."""

    def __init__(self, size: int = 64, ttl: float = 3600.0) -> None:
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[str, Report] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, report: Report) -> str:
        """Keep ``report``; return its token."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = report
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Report | None:
        """The report of ``token``, or None when unknown or expired."""
        with self._lock:
            report = self._items.get(token)
            if report is not None and time.monotonic() - report.created > self.ttl:
                del self._items[token]
                return None
            return report
