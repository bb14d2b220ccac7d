"""The same document written as Word, PDF and a saved web page, read back with :func:`proposalnlp.read`.

Used by ``tests/test_formats_consistency.py`` and ``scripts/eval_formats.py``: a document's plain text is
written as a .docx (one paragraph a line; a record table ``提案号：…/提案人：…`` as a real Word table), as PDFs
of several page widths and font sizes (so that lines wrap at different places; a running header and a page
number on every page) and as saved web pages (navigation, a site header, a side bar and a footer around the
main text), and each is compared with the parse of the plain text: the same units (part, kind and text,
whitespace removed) and the same suggestions. Nothing here reads the gold of ../shared.
"""

from __future__ import annotations

import ast
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proposalnlp import parse
from proposalnlp.document import Document, example_text
from proposalnlp.readers import extract_text

__all__ = [
    "FONT",
    "HTML_STYLES",
    "PDF_LAYOUTS",
    "PdfLayout",
    "difference",
    "invented_documents",
    "pdf_font",
    "shared_documents",
    "signature",
    "to_docx",
    "to_html",
    "to_pdf",
    "written",
]

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
REPO = Path(__file__).resolve().parents[1]

#: Test modules whose invented documents the battery writes in every format.
TEST_MODULES = (
    "test_reply_page_genres.py",
    "test_reply_shapes.py",
    "test_reply_frame.py",
    "test_document.py",
    "test_reply_no_salutation.py",
    "test_siblings.py",
    "test_user_day.py",
    "test_readers.py",
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_RECORD_ROW = re.compile(r"([^\s。，,；;：:！？!?]{1,12})[：:](.+)")
_RECORD_START = re.compile(r"\s*(?:提案号|建议号|提案编号|建议编号)[：:]")


@dataclass(frozen=True)
class PdfLayout:
    """A page shape: width and height (mm), margins (mm), font size (pt), first-line indent, line wrapping."""

    name: str
    width: float
    height: float
    margin: float
    size: float
    indent: bool = False
    wrap: str = "CHAR"


PDF_LAYOUTS: tuple[PdfLayout, ...] = (
    PdfLayout("pdf-a4", 210, 297, 25, 12, wrap="WORD"),
    PdfLayout("pdf-narrow", 100, 150, 10, 10),  # about 22 characters a line: a narrow column
    PdfLayout("pdf-a5-indent", 148, 210, 15, 11, indent=True),
)
HTML_STYLES: tuple[str, ...] = ("html", "html-br")


def _strings_of(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            s = node.value
            if s.count("\n") >= 2 and len(_CJK.findall(s)) >= 40:
                yield s


def invented_documents() -> list[tuple[str, str]]:
    """(id, text) of the bundled example and of the invented documents of the test modules, in a fixed order."""
    docs = [("example", example_text())]
    seen = {docs[0][1]}
    for module in TEST_MODULES:
        for n, s in enumerate(_strings_of(REPO / "tests" / module)):
            if s not in seen:
                seen.add(s)
                docs.append((f"{module.removesuffix('.py').removeprefix('test_')}-{n}", s))
    return docs


def shared_documents(root: Path) -> list[tuple[str, str]]:
    """(id, text) of the 53 reply pages (whole page texts) and of the 8 replies of ../shared, read in place."""
    from devtools.corpus import load_reply_pages

    docs = [(p.id, p.text) for p in load_reply_pages(root)]
    for path in sorted((root / "corpus" / "replies").glob("*.txt")):
        docs.append((f"reply-{path.stem}", path.read_text(encoding="utf-8")))
    return docs


def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def _blocks(text: str) -> list[str | list[tuple[str, str]]]:
    """The document's lines, with a record table (提案号：…, then key：value lines) as a list of (key, value) rows."""
    out: list[str | list[tuple[str, str]]] = []
    table: list[tuple[str, str]] | None = None
    for line in _lines(text):
        m = _RECORD_ROW.fullmatch(line)
        if _RECORD_START.match(line) and m:
            table = []
            out.append(table)
        if table is not None and m and line[len(m.group(1))] == "：":
            table.append((m.group(1), m.group(2)))
            continue
        table = None
        out.append(line)
    return out


def to_docx(text: str) -> bytes:
    """A Word file: one paragraph a line, a record table as a two-column Word table."""
    import docx

    d = docx.Document()
    for block in _blocks(text):
        if isinstance(block, str):
            d.add_paragraph(block)
        else:
            table = d.add_table(rows=len(block), cols=2)
            for r, (k, v) in enumerate(block):
                table.cell(r, 0).text = k
                table.cell(r, 1).text = v
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def pdf_font(texts: list[str], folder: Path) -> Path:
    """The CJK font cut down to the characters of ``texts`` (and of the running lines), saved in ``folder``.

    fpdf2 reads a whole 30,000-glyph font for every file it writes (about a second); a subset reads in a tenth.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT), fontNumber=0)
    sub = subset.Subsetter(subset.Options(ignore_missing_glyphs=True))
    sub.populate(text="".join(sorted(set("".join(texts)) | set(_RUNNING + "- 0123456789\u3000"))))
    sub.subset(font)
    path = folder / "cjk-subset.ttf"
    font.save(str(path))
    return path


_RUNNING = "政协提案办理答复"


def to_pdf(text: str, layout: PdfLayout, font: Path = FONT) -> bytes:
    """A PDF of the text laid out on ``layout``'s pages, with a running header and a page number on every page
    (``font``: a CJK font file, :func:`pdf_font` for a quick one)."""
    import fpdf
    from fpdf.enums import WrapMode

    class Page(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("wqy", size=layout.size - 2)
            self.cell(0, layout.size * 0.5, _RUNNING, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)
            self.set_font("wqy", size=layout.size)

        def footer(self) -> None:
            self.set_y(-layout.margin + 2)
            self.set_font("wqy", size=layout.size - 2)
            self.cell(0, layout.size * 0.4, f"- {self.page_no()} -", align="C")
            self.set_font("wqy", size=layout.size)

    pdf = Page(format=(layout.width, layout.height))
    pdf.set_margins(layout.margin, layout.margin, layout.margin)
    pdf.set_auto_page_break(True, margin=layout.margin)
    pdf.add_font("wqy", fname=str(font))
    pdf.set_font("wqy", size=layout.size)
    pdf.add_page()
    wrap = WrapMode.CHAR if layout.wrap == "CHAR" else WrapMode.WORD
    h = layout.size * 0.55
    for block in _blocks(text):
        if isinstance(block, str) and "\t" in block and _tab_row(pdf, block, h):
            continue
        if isinstance(block, str):
            block = block.replace("\t", " ")  # a row wider than the page: the tabs as spaces (no glyph for a tab)
            line = "\u3000\u3000" + block if layout.indent else block
            pdf.multi_cell(0, h, line, new_x="LMARGIN", new_y="NEXT", wrapmode=wrap, align="L")
        else:
            for k, v in block:
                pdf.multi_cell(0, h, f"{k}：{v}", new_x="LMARGIN", new_y="NEXT", wrapmode=wrap, align="L")
    return bytes(pdf.output())


def _tab_row(pdf: Any, line: str, h: float) -> bool:
    """Write a line typed with tabs as a word processor sets it: each cell at the next tab stop (every four
    characters) at least a character after the last, as text runs of their own; ``False`` (nothing written)
    when the row is wider than the page."""
    em = pdf.font_size  # a Chinese character's width, in the document's unit
    stop = 4 * em
    x = pdf.l_margin
    places = []
    for cell in line.split("\t"):
        places.append((x, cell))
        x += pdf.get_string_width(cell) + em
        x = pdf.l_margin + stop * -(-(x - pdf.l_margin) // stop)
    if places[-1][0] + pdf.get_string_width(places[-1][1]) > pdf.w - pdf.r_margin:
        return False
    for x, cell in places:
        pdf.set_x(x)
        pdf.cell(pdf.get_string_width(cell), h, cell)
    pdf.ln(h)
    return True


_NAV = "".join(f"<li><a href='/c{n}/'>{w}</a></li>" for n, w in enumerate(
    ["首页", "政务公开", "政务服务", "互动交流", "走进东平", "建议提案办理", "政策文件", "数据发布"]))
_SIDE = "".join(f"<li><a href='/t/{n}.html'>关于第{n}号提案的答复</a></li>" for n in range(31, 37))
_FOOT = ("<p>主办：东平市人民政府办公室　承办：东平市大数据中心</p><p>网站标识码：3700000001　"
         "备案号：东ICP备12345678号　地址：东平市人民路1号　电话：0531-1234567</p>")


def _source(line: str, wrap: int = 40) -> str:
    """A line as page source: runs of spaces kept as ``&nbsp;`` (as the page shows them), the source
    hard-wrapped every ``wrap`` characters (as some content systems store it; a browser shows one line)."""
    esc = html.escape(line)
    esc = re.sub(r"  +", lambda m: "&nbsp;" * len(m.group()), esc)
    if wrap and len(esc) > wrap and "&" not in esc:
        esc = "\n".join(esc[i : i + wrap] for i in range(0, len(esc), wrap))
    return esc


def to_html(text: str, style: str = "html") -> bytes:
    """A saved web page: site header, menu, breadcrumb, the text, a side bar of related links and a footer.

    ``html``: the text as ``<p>`` paragraphs in a content ``<div>`` (a record table as a ``<table>``);
    ``html-br``: an old table layout, the text as lines split by ``<br>`` in one cell, indented with ``&nbsp;``.
    """
    title = html.escape(_lines(text)[0][:40])
    head = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}_东平市人民政府</title>"
            "<script>var _hmt = _hmt || []; function go(){ return '首页'; }</script>"
            "<style>.nav li{float:left}</style></head><body>")
    if style == "html":
        parts = []
        for block in _blocks(text):
            if isinstance(block, str):
                parts.append(f"<p style='text-indent:2em'>{_source(block)}</p>")
            else:
                rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in block)
                parts.append(f"<table class='record'>{rows}</table>")
        body = (
            "<div class='header'><div class='logo'>东平市人民政府</div><div class='search-box'>"
            "<input type='text' value='请输入关键词'><button>搜索</button></div></div>"
            f"<div class='nav'><ul>{_NAV}</ul></div>"
            "<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/z/'>政务公开</a> &gt; "
            "<a href='/j/'>建议提案办理</a></div>"
            "<div class='container'><div class='article'>"
            f"<div class='content' id='zoom'>{''.join(parts)}</div>"
            "<div class='share'>分享到：<a href='#'>微信</a><a href='#'>微博</a></div></div>"
            f"<div class='sidebar'><h3>相关阅读</h3><ul>{_SIDE}</ul></div></div>"
            f"<div class='footer'>{_FOOT}</div>"
        )
    else:
        cell = "<br/>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + _source(x, 0) for x in _lines(text))
        body = (
            "<table width='1000' align='center'><tr><td class='top'><img src='logo.png' alt='东平市人民政府'>"
            f"</td></tr><tr><td><table class='menu'><tr>{_NAV.replace('li>', 'td>')}</tr></table></td></tr>"
            "<tr><td>您现在的位置：<a href='/'>首页</a> &gt;&gt; <a href='/j/'>建议提案</a></td></tr>"
            f"<tr><td class='zw'><font style='font-size:16px'>{cell}</font></td></tr>"
            "<tr><td align='right'>【<a href='javascript:window.print()'>打印本页</a>】"
            "【<a href='javascript:window.close()'>关闭窗口</a>】</td></tr></table>"
            f"<table width='1000' align='center' class='bottom'><tr><td>{_FOOT}</td></tr></table>"
        )
    return (head + body + "</body></html>").encode("utf-8")


def written(text: str, font: Path = FONT) -> Iterator[tuple[str, bytes, str]]:
    """(format name, bytes, file name) of the text in every format and layout of the battery."""
    yield "docx", to_docx(text), "doc.docx"
    for layout in PDF_LAYOUTS:
        yield layout.name, to_pdf(text, layout, font), "doc.pdf"
    for style in HTML_STYLES:
        yield style, to_html(text, style), "page.html"


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def signature(doc: Document) -> list[tuple[str, str, str]]:
    """The units of a parse as (part, kind, text without whitespace), then the suggestions marked ``S``."""
    units = [(u.part, u.kind, _norm(u.text)) for u in doc.units]
    return units + [("S", u.kind, _norm(u.text)) for u in doc.suggestions]


def difference(text: str, data: bytes, name: str) -> str | None:
    """``None`` when the file reads as the plain text does, else a short account of the first difference."""
    want = signature(parse(text))
    got_text = extract_text(data, name)
    try:
        got = signature(parse(got_text))
    except Exception as exc:  # an empty or unreadable result is a difference, told as such
        return f"{type(exc).__name__}: {exc}"
    if got == want:
        return None
    for i, (a, b) in enumerate(zip(want, got, strict=False)):
        if a != b:
            return f"unit {i}: txt {a[:2]} {a[2][:40]!r} / got {b[:2]} {b[2][:40]!r}"
    return f"{len(want)} units in the txt, {len(got)} read: extra {(want[len(got):] or got[len(want):])[0]!r:.80}"
