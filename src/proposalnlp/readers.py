"""Text out of the files offices keep: plain text, Word (.docx), PDF with a text layer and saved web pages.

:func:`extract_text` turns the bytes of a file into the plain text that :func:`proposalnlp.parse` reads,
one paragraph a line:

* ``.txt`` (any other name too): UTF-8, GB18030 or UTF-16, with or without BOM
  (:func:`proposalnlp.document.read_text`);
* ``.docx``: the paragraphs and tables of the body in document order; a table row of ``key | value`` cells
  (提案人 | 张三) becomes ``提案人：张三``, other rows give one line per cell;
* ``.pdf``: the text layer of every page, without running headers, footers and page numbers (lines that
  repeat at the top or bottom of most pages, ``- 3 -``, ``第3页``), with the lines of a paragraph re-joined
  (a line that does not end a sentence continues on the next one, unless the next one opens a numbered item);
* ``.html``/``.htm``: the main text of a saved page (the block holding most of the page's running text),
  without navigation, scripts, styles, menus and footers.

The format is told by the file's first bytes (a PDF starts ``%PDF``, a .docx is a zip holding
``word/document.xml``) and, for web pages, by the name or the markup. The Word, PDF and HTML readers need
the optional ``formats`` extra (``pip install "proposalnlp[formats]"``); without it they raise
:class:`FormatDependencyError` naming the extra. Nothing here reaches the network.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .document import read_text
from .errors import InputValueError, ProposalNLPError
from .messages import error

__all__ = ["FORMATS", "FormatDependencyError", "detect_format", "extract_text", "read_file"]

#: The formats :func:`extract_text` reads.
FORMATS: tuple[str, ...] = ("txt", "docx", "pdf", "html")

class FormatDependencyError(ProposalNLPError, ImportError):
    """A Word, PDF or HTML file was given but the package that reads it is not installed (the ``formats`` extra)."""


def _need(module: str, package: str, what: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise error(FormatDependencyError, "err.formats_extra", what=what, package=package)


def detect_format(data: bytes, name: str | None = None) -> str:
    """The format of a file's bytes: ``"pdf"``, ``"docx"``, ``"html"`` or ``"txt"``.

    The content decides for PDF and Word (a ``.txt`` that is really a PDF is read as a PDF); a web page is
    told by its name (.html, .htm, .xhtml) or by markup at its start (``<!DOCTYPE html``, ``<html``).
    An old binary Word file (.doc) is refused with a message saying to save it as .docx.
    """
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise error(InputValueError, "err.zip_not_docx")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise error(InputValueError, "err.old_doc")
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in (".html", ".htm", ".xhtml", ".shtml", ".mht"):
        return "html"
    if suffix in (".docx", ".pdf"):
        raise error(InputValueError, "err.name_not_content", suffix=suffix)
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "txt"


def extract_text(data: bytes, name: str | None = None) -> str:
    """The plain text of a file's bytes, one paragraph a line; ``name`` (a file name) helps tell a web page.

    Raises :class:`~proposalnlp.errors.InputValueError` for bytes that are none of the formats (or a PDF
    without a text layer) and :class:`FormatDependencyError` when the ``formats`` extra is missing.
    """
    fmt = detect_format(data, name)
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html_text(data)
    return read_text(data)


def read_file(path: str | Path) -> str:
    """The plain text of the file at ``path`` (any of :data:`FORMATS`), see :func:`extract_text`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise error(InputValueError, "err.no_such_file", path=str(p)) from None
    except IsADirectoryError:
        raise error(InputValueError, "err.not_a_document", path=str(p)) from None
    try:
        return extract_text(data, p.name)
    except FormatDependencyError:
        raise
    except InputValueError as exc:
        raise error(InputValueError, "err.in_file", path=str(p), error=exc) from None


# --------------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------------

_KEY_CELL = re.compile(r"[^\s。，,；;：:！？!?]{1,12}")


def _row_lines(cells: list[str]) -> list[str]:
    """One table row as lines: key/value pairs (提案人 | 张三 → 提案人：张三), else one line per cell."""
    dedup: list[str] = []
    for c in cells:
        if not dedup or c != dedup[-1]:  # a merged cell repeats over the columns it spans
            dedup.append(c)
    cells = [c for c in dedup if c]
    if len(cells) >= 2 and len(cells) % 2 == 0 and all(_KEY_CELL.fullmatch(k) for k in cells[0::2]):
        return [f"{k}：{v}" for k, v in zip(cells[0::2], cells[1::2], strict=True)]
    return cells


def docx_text(data: bytes) -> str:
    """The paragraphs and tables of a .docx body, in document order, one paragraph a line."""
    _need("docx", "python-docx", "Word (.docx)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise error(InputValueError, "err.docx_unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    lines: list[str] = []

    def table_lines(table: Table) -> None:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                cells.append(text)
                for inner in cell.tables:
                    table_lines(inner)
            lines.extend(_row_lines(cells))

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                lines.append(text)
        elif isinstance(block, Table):
            table_lines(block)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
#: A line that ends a paragraph: it ends a sentence, a heading with a colon, or a closing line.
_LINE_END = re.compile(r"[。！？!?；;：:”」』）)]\s*$")
#: A line that opens a new paragraph: a numbered item, a salutation-like heading or a dated closing.
_LINE_OPEN = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十]{1,3}[，,、]|附件|抄送|抄报)"
)


#: A line that is a date alone (the date under a reply's signature): it stands apart from the signature above it.
_DATE_LINE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日")


def _digits_out(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and the header/footer lines that repeat at the top or bottom of most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_digits_out(x) for x in lines[:2] + lines[-2:] if x.strip()}
        counts.update(edge)
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for lines in pages:
        kept = list(lines)
        for _ in range(3):  # at most a few lines at the top and at the bottom
            if kept and _is_running(kept[0], repeated):
                kept.pop(0)
            if kept and _is_running(kept[-1], repeated):
                kept.pop()
        out.append(kept)
    return out


def _is_running(line: str, repeated: set[str]) -> bool:
    s = line.strip()
    return not s or _PAGE_NUMBER.fullmatch(s) is not None or _digits_out(s) in repeated


def join_lines(lines: Iterable[str]) -> str:
    """Re-join the lines of a laid-out text into paragraphs: a line that does not end a sentence runs on
    into the next, unless the next one opens a numbered item or the line is short and ends a heading."""
    paras: list[str] = []
    cur = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if cur:
                paras.append(cur)
                cur = ""
            continue
        if cur and (_LINE_END.search(cur) or _LINE_OPEN.match(line) or _DATE_LINE.fullmatch(line)):
            paras.append(cur)
            cur = line
        else:
            sep = " " if cur and cur[-1].isascii() and cur[-1].isalnum() and line[0].isascii() else ""
            cur = cur + sep + line if cur else line
    if cur:
        paras.append(cur)
    return "\n".join(paras)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, without running headers, footers and page numbers, lines re-joined."""
    _need("pypdf", "pypdf", "PDF")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise error(InputValueError, "err.pdf_unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    if not any(x.strip() for lines in pages for x in lines):
        raise error(InputValueError, "err.pdf_no_text")
    pages = _strip_running_lines(pages)
    # a paragraph may run over a page break: join all pages' lines, then re-join paragraphs
    return join_lines(line for lines in pages for line in lines)


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
              "button", "template", "svg", "head")
_BOILER = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|sidebar|side-bar|banner|copyright|share|toolbar|topbar|login"
    r"|search|related|links?$|friend|foot|bottom|top-?bar",
    re.I,
)
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "blockquote", "pre", "td", "th", "dd", "dt", "ul", "ol", "center"}
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _decode_html(data: bytes) -> str:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "gb18030", "cp936"):
            declared = "gb18030"
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return read_text(data)


def html_text(data: bytes | str) -> str:
    """The main text of a saved web page, one paragraph a line (navigation, menus and footers left out)."""
    _need("lxml", "lxml", "HTML")
    import lxml.html
    from lxml import etree

    text = data if isinstance(data, str) else _decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str with an encoding declaration
    if not text.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise error(InputValueError, "err.html_unreadable", detail=str(exc)) from None
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if marks.strip() and _BOILER.search(marks) and not _looks_main(el):
            el.drop_tree()
    body = root.find("body")
    best = _main_block(body if body is not None else root)
    return _block_text(best)


def _looks_main(el: Any) -> bool:
    """Whether an element marked like page furniture still holds running text (a long CJK passage)."""
    text = el.text_content() if hasattr(el, "text_content") else ""
    return len(_CJK_CHAR.findall(text)) >= 200 and _link_ratio(el) < 0.3


def _link_ratio(el: Any) -> float:
    total = len(el.text_content()) or 1
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return linked / total


def _main_block(root: Any) -> Any:
    """The element holding the page's running text: the deepest block with most of the best CJK score.

    Each block scores the CJK characters of its text that are not link text; the chosen block is the
    smallest one that keeps at least 80% of the best score, so a page's content column wins over the
    whole body, and the body over a single paragraph.
    """
    scores: dict[Any, int] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in ("div", "td", "article", "main", "section", "body", "table",
                                                           "center", "font", "span", "form"):
            continue
        linked = sum(len(_CJK_CHAR.findall(a.text_content())) for a in el.iter("a"))
        scores[el] = len(_CJK_CHAR.findall(el.text_content())) - linked
    if not scores:
        return root
    best = max(scores.values())
    if best <= 0:
        return root
    chosen = root
    depth = -1
    for el, sc in scores.items():
        if sc >= 0.8 * best:
            d = sum(1 for _ in el.iterancestors())
            if d > depth:
                chosen, depth = el, d
    return chosen


def _block_text(el: Any) -> str:
    """The text of an element with a line break at every block element and <br>."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    text = "".join(parts).replace("\r", "")
    lines = [re.sub(r"[ \t]+", " ", x).strip(" \t") for x in text.split("\n")]
    return "\n".join(x for x in lines if x.strip(" \t\xa0\u3000"))
