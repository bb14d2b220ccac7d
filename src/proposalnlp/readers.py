"""Text out of the files offices keep: plain text, Word (.docx), PDF with a text layer and saved web pages.

:func:`extract_text` turns the bytes of a file into the plain text that :func:`proposalnlp.parse` reads,
one paragraph a line:

* ``.txt`` (any other name too): UTF-8, GB18030 or UTF-16, with or without BOM
  (:func:`proposalnlp.document.read_text`); a text hard-wrapped at one width has its lines re-joined into
  paragraphs like a PDF's (:func:`unwrap_plain_text`);
* ``.docx``: the paragraphs and tables of the body in document order; a table row of ``key | value`` cells
  (提案人 | 张三) becomes ``提案人：张三``, another row one line with its cells a tab apart;
* ``.pdf``: the text layer of every page, without running headers, footers and page numbers (lines that
  repeat at the top or bottom of most pages, ``- 3 -``, ``第3页``, and text in a smaller font above or below
  the body, even on a one-page file), with the lines of a paragraph re-joined by the page's measured line
  width (a full line runs on, even after 。; a line stopping short of the margin ends its paragraph; an indent,
  a numbered item or a date alone opens one; see :func:`join_lines`);
* ``.html``/``.htm``: the main text of a saved page (the block holding most of the page's running text),
  without navigation, scripts, styles, menus and footers; table rows read like Word's, and line breaks of
  the page source between Chinese characters are not paragraph breaks (as a browser shows them).

The format is told by the file's first bytes (a PDF starts ``%PDF``, a .docx is a zip holding
``word/document.xml``) and, for web pages, by the name or the markup. The Word, PDF and HTML readers need
the optional ``formats`` extra (``pip install "proposalnlp[formats]"``); without it they raise
:class:`FormatDependencyError` naming the extra. Nothing here reaches the network.
"""

from __future__ import annotations

import contextvars
import io
import itertools
import logging
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ._parser import FIELD_NAME
from .document import read_text
from .errors import InputValueError, ProposalNLPError
from .messages import error

__all__ = [
    "FORMATS",
    "FormatDependencyError",
    "detect_format",
    "docx_text",
    "extract_text",
    "html_text",
    "is_breadcrumb",
    "join_lines",
    "pdf_text",
    "read_file",
    "unwrap_plain_text",
]

#: The formats :func:`extract_text` reads.
FORMATS: tuple[str, ...] = ("txt", "docx", "pdf", "html")

logger = logging.getLogger(__name__)

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
                names = zf.namelist()
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:  # an Excel workbook: a table, not a document
                    raise error(InputValueError, "err.spreadsheet")
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
    return unwrap_plain_text(read_text(data))


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

#: A form's key cell (提案人, 联系电话): a short name, never a figure (620, 2023年, 1,200 start with a digit)
_KEY_CELL = re.compile(r"[^\s\d。，,；;：:！？!?][^\s。，,；;：:！？!?]{0,11}")


def _row_lines(cells: list[str]) -> list[str]:
    """One table row as lines: key/value pairs (提案人 | 张三 → 提案人：张三), else one line with its cells a tab
    apart (普惠托位 | 3100 | 4500 → 普惠托位\t3100\t4500, as a PDF's table row reads), so that a row is never cut
    into units; a row with a cell of several paragraphs (a form's text box) gives its cells one after the other."""
    dedup: list[str] = []
    for c in cells:
        if not dedup or c != dedup[-1]:  # a merged cell repeats over the columns it spans
            dedup.append(c)
    cells = [c for c in dedup if c]
    if len(cells) >= 2 and len(cells) % 2 == 0 and all(_KEY_CELL.fullmatch(k) for k in cells[0::2]):
        return [f"{k}：{v}" for k, v in zip(cells[0::2], cells[1::2], strict=True)]
    if len(cells) >= 2 and not any("\n" in c or "\t" in c for c in cells):
        return ["\t".join(cells)]
    return cells


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _indent_of(ind: Any) -> bool | None:
    """Whether a ``w:ind`` element sets a first-line indent (``True``), a hanging one or none (``False``), or says
    nothing of the first line (``None``: the style's or the document's default decides)."""
    if ind is None:
        return None
    for name, sign in (("firstLineChars", 1), ("firstLine", 1), ("hangingChars", -1), ("hanging", -1)):
        value = ind.get(_W + name)
        if value is not None:
            try:
                return sign * float(value) > 0
            except ValueError:
                return None
    return None


def _first_line_indented(paragraph: Any, default: Any) -> bool:
    """Whether a Word paragraph's first line is set in from the margin by its paragraph format: its own, its
    style's (and the styles it is based on) or the document's default (``default``: the ``w:ind`` of docDefaults)."""
    found = _indent_of(paragraph._p.find(f"{_W}pPr/{_W}ind"))
    style = paragraph.style
    seen = 0
    while found is None and style is not None and seen < 20:
        found = _indent_of(style.element.find(f"{_W}pPr/{_W}ind"))
        style = style.base_style
        seen += 1
    if found is None:
        found = _indent_of(default)
    return bool(found)


def docx_text(data: bytes) -> str:
    """The paragraphs and tables of a .docx body, in document order, one paragraph a line.

    A Word file whose paragraphs are the lines of a hard-wrapped text (pasted from a PDF or an e-mail: a Word
    paragraph or a line break per line) is re-joined as such a .txt is (:func:`unwrap_plain_text`); a first-line
    indent set in the paragraph format (its own, its style's or the document's default) counts there as the
    indent that opens a paragraph, as the spaces of the .txt do."""
    _need("docx", "python-docx", "Word (.docx)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise error(InputValueError, "err.docx_unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    marked: list[str] = []  # the lines with their paragraph-format indents and blank paragraphs, for re-joining
    default = document.styles.element.find(f"{_W}docDefaults/{_W}pPrDefault/{_W}pPr/{_W}ind")

    def table_lines(table: Table) -> None:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                cells.append(text)
                for inner in cell.tables:
                    table_lines(inner)
            rows = _row_lines(cells)
            lines.extend(rows)
            marked.extend(x for row in rows for x in row.splitlines())

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            raw = block.text
            text = raw.strip()
            if text:
                lines.append(text)
            indent = "\u3000\u3000" if text and _first_line_indented(block, default) else ""
            for k, part in enumerate(raw.rstrip().split("\n") or [""]):
                marked.append((indent if k == 0 and part.strip() else "") + part.rstrip())
        elif isinstance(block, Table):
            table_lines(block)
    if _hard_wrapped(marked):
        return join_lines(marked)
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


def _strip_running_lines(pages: list[list[str]], edges: list[set[str]] | None = None) -> list[list[str]]:
    """Drop page numbers and the header/footer lines that repeat at the top or bottom of most pages, and the
    lines of ``edges`` (per page: the texts set in a smaller font above or below the page's body text)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_digits_out(x) for x in lines[:2] + lines[-2:] if x.strip()}
        counts.update(edge)
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for n, lines in enumerate(pages):
        small = edges[n] if edges is not None and n < len(edges) else set()
        kept = list(lines)
        for _ in range(3):  # at most a few lines at the top and at the bottom
            if kept and (_is_running(kept[0], repeated) or _squeezed(kept[0]) in small):
                kept.pop(0)
            if kept and (_is_running(kept[-1], repeated) or _squeezed(kept[-1]) in small):
                kept.pop()
        out.append(kept)
    return out


def _squeezed(line: str) -> str:
    return re.sub(r"\s+", "", line)


def _is_running(line: str, repeated: set[str]) -> bool:
    s = line.strip()
    return not s or _PAGE_NUMBER.fullmatch(s) is not None or _digits_out(s) in repeated


#: A line set in from the margin (two ideographic or several plain spaces): the first line of a paragraph.
_INDENT = re.compile(r"(?:\u3000|\s{2,}|\t)\S")


#: A line that ends a sentence; and the words that open a reply's next paragraph after one (此外，/ 另外，/ 下一步，
#: and a plan said without the comma: 下一步将… / 下步我局… / 今后要…).
_SENTENCE_END = re.compile(r"[。！？!?][”」』）)]*\s*$")
_NEW_TOPIC = re.compile(r"\s*(?:(?:此外|另外)[，,]|(?:下一步|下步|今后)(?:[，,]|[将我要]))")


#: A salutation alone on its line: an addressee (a person with a title, several people, a committee, a party, a
#: department or office) and a colon, with no sentence punctuation (周立平委员：, 李明等代表：, 市工商联：).
_SALUTATION_LINE = re.compile(
    r"(?:尊敬的)?[\u4e00-\u9fff][\u4e00-\u9fff·、 \u3000]{0,60}"
    r"(?:委员|代表|同志|先生|女士|主席|主任|们|等|委员会|代表团|总支|支部|界别|政府|公司|中心"
    r"|[厅局委办部处室联会院校所社团组])"
    r"(?:[（(][^）)\n]{1,24}[）)])?[ \u3000]*[：:]"
)
#: The end of a line broken inside a list of names (李明、王芳、张) : the salutation goes on in the next line.
_NAMES_BROKEN = re.compile(r"、[\u4e00-\u9fff·]{0,4}$")
#: A field of a record (提案人：…, 附：标题：…): a short name and a colon at a line's start; and the start of a line
#: that opens the record's next field: one of the field names of a proposal's record form (内容：, 承办单位：,
#: 办理情况：, 建议内容（摘要）：…, as the parser knows them).
_FIELD = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[（(][\u4e00-\u9fff]{1,6}[）)])?[ \u3000]*[：:]")
_NEXT_FIELD = re.compile(rf"[ \u3000]*(?:{FIELD_NAME.pattern})[ \u3000]*[：:]")
#: A web page's publication details (发布时间：…, 来源：…, 浏览次数：…, 字号：大 中 小), kept on a printed page.
_PAGE_FIELD = re.compile(
    r"(?:发布时间|发布日期|发文日期|更新时间|信息来源|来源|作者|浏览次数|点击数|阅读次数|访问量|字号|【?字体)"
    r"[ \u3000]*[：:]"
)
#: A breadcrumb trail of a web page (当前位置：首页 > 政务公开 > 建议提案办理): navigation, not the document's text.
_BREADCRUMB = re.compile(
    r"(?:(?:当前|您(?:现在)?的|您当前的|所在)?位置[ \u3000]*[：:]?[ \u3000]*)?(?:网站)?首页"
    r"(?:[ \u3000]*(?:>+|＞+|»|›|→|/|&gt;)[ \u3000]*[^>＞»›→/\s]{1,20}){1,8}[ \u3000]*(?:>+|＞+|»|›|→)?"
)


def is_breadcrumb(line: str) -> bool:
    """Whether a line is a web page's breadcrumb trail (首页 > 信息公开 > …, with or without 当前位置：)."""
    return _BREADCRUMB.fullmatch(line.strip()) is not None


#: Punctuation of ambiguous width that a Chinese font sets full-width (curly quotes, ellipsis, dash).
_WIDE_PUNCT = frozenset("“”‘’…—")


def _width(line: str) -> int:
    """The width of a line in half-width columns (a Chinese character counts two, and so do the curly quotes,
    ellipsis and dash that a Chinese font sets full-width), its indent included."""
    return sum(2 if c in _WIDE_PUNCT or unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip())


def _full_width(widths: list[int]) -> int | None:
    """The width of a full line of the page's text column, measured: the widest width that at least two lines
    reach (to a half-width column; a paragraph that wrapped); ``None`` when no paragraph wrapped."""
    if not widths:
        return None
    # the widest width that two lines reach within a half-width column: a single line measured wider than its
    # neighbours (its spaces or Latin letters set narrower than counted) does not set the measure
    for top in sorted(set(widths), reverse=True):
        if sum(1 for w in widths if top - 1 <= w <= top) >= 2:
            return top if top >= 16 and sum(1 for w in widths if w >= top - 2) >= 2 else None
    return None


def join_lines(
    lines: Iterable[str],
    column: float | None = None,
    page_ends: Collection[int] = (),
    sizes: dict[int, float] | None = None,
) -> str:
    """Re-join the lines of a laid-out text into paragraphs.

    When the text's lines wrapped (a full line width is measured, see :func:`_full_width`), a line ends its
    paragraph when it stops short of the full width (by more than about a tenth, or by more than a character
    after a sentence's end or a colon); a full line runs on into the next, even when it happens to end with 。.
    A line set in from the margin, a numbered item, 附件/抄送 and a date alone always open a paragraph, and so do
    此外，/另外，/下一步，/今后， and a short line without punctuation (a signature) after a sentence's end. Without
    a measured width, a line that does not end a sentence (or a heading colon) runs on into the next.

    ``column`` is the width of the page's text column in half-width columns, when the layout tells it (a PDF's
    page width less its margins): the full width is then measured from the lines only if they fill most of it.
    ``page_ends`` holds the indexes of the lines that end a page: there the page ended, maybe not the paragraph,
    and a line that does not end a sentence runs on into the next page whatever its width.
    ``sizes`` gives, for the lines set in a larger font than the page's body text (a title), that font size: such
    lines in one size run on into each other whatever their width (a title over two lines, centred), and stand
    apart from the body text before and after them.
    """
    raw_lines = [x.rstrip() for x in lines]
    indented = [bool(_INDENT.match(x)) for x in raw_lines]
    full = _full_width([_width(x) for x in raw_lines if x.strip()])
    if column is not None and (full is None or not 0.8 * column <= full <= 1.1 * column):
        full = int(column)
    paras: list[str] = []
    cur = ""
    cur_width = 0
    cur_page_end = False
    big = sizes or {}
    cur_size: float | None = None
    for i, (raw, ind) in enumerate(zip(raw_lines, indented, strict=True)):
        line = raw.strip()
        if not line:
            if cur:
                paras.append(cur)
                cur = ""
            continue
        size = big.get(i)
        if cur and (size is not None or cur_size is not None):
            # a title's lines (a larger font) run on into each other and stand apart from the body text
            if size is not None and size == cur_size and _SENTENCE_END.search(cur) is None:
                cur += line
            else:
                paras.append(cur)
                cur = line
            cur_width, cur_page_end, cur_size = _width(raw), i in page_ends, size
            continue
        cur_size = size
        opens = (
            ind
            or _LINE_OPEN.match(line) is not None
            or _DATE_LINE.fullmatch(line) is not None
            or (_SENTENCE_END.search(cur) is not None and _NEW_TOPIC.match(line) is not None)
            # an addressee alone on its line (周立平委员：), a record's next field (建议标题：… then 内容：…), a
            # printed page's publication details and breadcrumb trail stand on lines of their own
            or (_SALUTATION_LINE.fullmatch(line) is not None and not _NAMES_BROKEN.search(cur))
            or (_NEXT_FIELD.match(line) is not None and _FIELD.match(cur) is not None)
            or _PAGE_FIELD.match(line) is not None
            # a table's row (its cells a tab apart) is a line of its own, neither run on nor run into
            or "\t" in line
            or "\t" in cur
            or is_breadcrumb(line)
            or (is_breadcrumb(cur) and not is_breadcrumb(cur + line))
            # after a sentence's end, a line that stops short without punctuation (a signature, a record's
            # 承办单位：… field) is no paragraph's last line: it stands alone
            or (
                full is not None
                and _SENTENCE_END.search(cur) is not None
                and _width(raw) < full - max(4, full // 10)
                and _LINE_END.search(line) is None
                and not _is_last_of_page(i, raw_lines, page_ends)
            )
        )
        if cur and (opens or _ends_paragraph(cur, cur_width, None if cur_page_end else full)):
            paras.append(cur)
            cur = line
        else:
            cur = cur + _joint(cur, line) + line if cur else line
        cur_width = _width(raw)
        cur_page_end = i in page_ends
    if cur:
        paras.append(cur)
    return "\n".join(paras)


#: The Latin letters, digits and signs of a number or word at the end / start of a line (3.5, 2025, 95%, Wi-Fi).
_LATIN_TAIL = re.compile(r"[A-Za-z0-9.,%/:_+-]+$")
_LATIN_HEAD = re.compile(r"[A-Za-z0-9.,%/:_+-]+")


def _joint(cur: str, line: str) -> str:
    """What joins a line to the paragraph before it: a space between two Latin words (Latin text wraps at a
    space), nothing otherwise. Chinese text wraps at any character, so a number or word set among Chinese
    characters and cut by the line's end (20 | 25年, 增加1 | .5亿元), and a line opening with a stop, a comma or a
    slash (www.example | .gov.cn), is joined again without a space."""
    if not (cur[-1].isascii() and cur[-1].isalnum() and line[0].isascii()) or line[0] in ".,;:%/)":
        return ""  # no Latin line opens with a stop or a comma: the line end cut a number or an address
    tail, head = _LATIN_TAIL.search(cur), _LATIN_HEAD.match(line)
    before = cur[tail.start() - 1] if tail is not None and tail.start() > 0 else ""
    after = line[head.end()] if head is not None and head.end() < len(line) else ""
    chinese = not before.isascii() or not after.isascii()  # "" is ASCII: a line's own start or end says nothing
    return "" if chinese and head is not None else " "


def unwrap_plain_text(text: str) -> str:
    """A plain text hard-wrapped at one width (copied out of a PDF viewer, saved by an editor that wraps lines)
    re-joined into paragraphs by :func:`join_lines`; any other text returned as it is.

    Hard-wrapped means: at least three lines, and at least a quarter of the filled lines, come within a
    character of the widest line and run on into a next line, and most of those stop mid-sentence (a file
    with one paragraph a line has its widest lines end with 。). The parser reads a paragraph a line; split
    lines would otherwise make a background paragraph several units and cut words in two.
    """
    lines = [x.rstrip() for x in text.splitlines()]
    return join_lines(lines) if _hard_wrapped(lines) else text


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether lines are a text hard-wrapped at one width (see :func:`unwrap_plain_text`)."""
    lines = [x.rstrip() for x in lines]
    filled = [i for i, x in enumerate(lines) if x.strip()]
    if len(filled) < 4:
        return False
    widths = {i: _width(lines[i]) for i in filled}
    full = max(widths.values())
    wrapped = [i for i in filled if widths[i] >= full - 2 and i + 1 < len(lines) and lines[i + 1].strip()]
    if full < 16 or len(wrapped) < max(3, len(filled) / 4):
        return False
    mid_sentence = sum(1 for i in wrapped if _LINE_END.search(lines[i]) is None)
    return mid_sentence * 2 > len(wrapped)


def _is_last_of_page(i: int, lines: list[str], page_ends: Collection[int]) -> bool:
    """Whether line ``i`` is the last filled line of a page (or of the text)."""
    if i in page_ends:
        return True
    return not any(x.strip() for x in lines[i + 1 :])


def _ends_paragraph(cur: str, last_width: int, full: int | None) -> bool:
    """Whether the paragraph ``cur``, whose last line was ``last_width`` wide, ends there (see :func:`join_lines`)."""
    if full is None:
        return _LINE_END.search(cur) is not None
    if last_width >= full - 2:  # a full line: the paragraph goes on
        return False
    if last_width < full - max(4, full // 10):  # a line stopped well short of the margin
        return True
    return _LINE_END.search(cur) is not None


#: A text run of a PDF page: where it starts (x, baseline y, in points from the page's lower left), font size, text.
_Run = tuple[float, float, float, str]


def _run_visitor(runs: list[_Run]) -> Any:
    """A pypdf text visitor that records each text run of a page (see :data:`_Run`)."""

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
            runs.append((x, y, float(size or 0) * scale, text))

    return visit


def _body_size(runs: list[_Run]) -> float:
    """The font size of a page's body text: the size that sets most characters."""
    chars: Counter[float] = Counter()
    for _x, _y, size, text in runs:
        chars[round(size, 1)] += len(text.strip())
    return chars.most_common(1)[0][0]


def _small_edge_texts(runs: list[_Run]) -> set[str]:
    """The texts of a page set in a smaller font than its body text and standing above the body's first line
    or below its last: a running header or footer, even on a one-page file."""
    if not runs:
        return set()
    body = _body_size(runs)
    body_ys = [y for _x, y, size, _t in runs if round(size, 1) >= body * 0.95]
    top, bottom = max(body_ys), min(body_ys)
    return {
        _squeezed(text) for _x, y, size, text in runs if size < body * 0.9 and (y > top + 0.5 or y < bottom - 0.5)
    }


def _column_width(runs: list[_Run], page_width: float) -> float | None:
    """How many half-width columns a full line of the page's body text holds: the page's width less a margin
    on each side as wide as the left one (where the body's lines start), in half the body's font size."""
    body_runs = [r for r in runs if r[2] > 0 and round(r[2], 1) >= _body_size(runs) * 0.95] if runs else []
    if not body_runs or page_width <= 0:
        return None
    left = min(x for x, _y, _s, _t in body_runs)
    width = page_width - 2 * max(left, 0.0)
    size = _body_size(runs)
    return width / (size / 2) if width > 0 and size > 0 else None


def _decrypt(reader: Any) -> None:
    """Open an encrypted PDF that has no password to open it (only an owner password against printing or
    copying: readers open it without asking); one that asks for a password is refused in words."""
    from pypdf.errors import DependencyError, PdfReadError

    try:
        opened = reader.decrypt("")
    except DependencyError:  # AES wants the cryptography package, which the formats extra does not bring
        raise error(InputValueError, "err.pdf_aes") from None
    except (PdfReadError, NotImplementedError, ValueError):
        opened = 0
    if not opened:
        raise error(InputValueError, "err.pdf_encrypted")


def _pdf_problem(exc: Exception) -> InputValueError:
    """What is wrong with a PDF pypdf cannot read, in the reader's language (pypdf's own words are English: a
    truncated file is said in words, anything else keeps pypdf's words as technical information)."""
    from pypdf.errors import PdfStreamError

    said = str(exc)
    if isinstance(exc, PdfStreamError) or "EOF marker" in said or "ended unexpectedly" in said:
        return error(InputValueError, "err.pdf_detail.truncated")
    return error(InputValueError, "err.pdf_detail.other", detail=f"{type(exc).__name__}: {said}")


def _large_lines(lines: list[str], runs: list[_Run]) -> dict[int, float]:
    """The lines of a page set in a larger font than its body text (by a sixth or more), with that size: each
    line matched to the text runs that make it, in order; nothing when the runs do not spell the lines."""
    if not runs:
        return {}
    body = _body_size(runs)
    out: dict[int, float] = {}
    k = 0
    for n, line in enumerate(lines):
        want = _squeezed(line)
        if not want:
            continue
        got = ""
        chars: Counter[float] = Counter()
        while k < len(runs) and len(got) < len(want):
            text = _squeezed(runs[k][3])
            got += text
            chars[round(runs[k][2], 1)] += len(text)
            k += 1
        if got != want:
            return {}
        size = chars.most_common(1)[0][0]
        if size >= body * 7 / 6:
            out[n] = size
    return out


#: Set while this module reads a PDF (in this thread or task): pypdf's log records are then this module's.
_READING_PDF: contextvars.ContextVar[bool] = contextvars.ContextVar("proposalnlp_reading_pdf", default=False)


class _PypdfRecords(logging.Filter):
    """A filter on pypdf's loggers: a record pypdf logs while :func:`pdf_text` reads (an odd file's
    ``incorrect startxref pointer``, repaired by pypdf) is logged again as a debug record of this module and
    not passed on, so it reaches no console unless debug logging is asked for (``--debug``); pypdf's records
    outside :func:`pdf_text` are left as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _READING_PDF.get():
            return True
        logger.debug("pypdf (%s): %s", record.levelname.lower(), record.getMessage())
        return False


_PYPDF_FILTER = _PypdfRecords()


@contextmanager
def _pypdf_records_ours() -> Iterator[None]:
    """Within: pypdf's log records are this module's debug records (see :class:`_PypdfRecords`)."""
    # a logger's filters see only the records logged on it, not its children's; pypdf logs on its modules' loggers
    # (made when it first logs): every pypdf module's logger gets the filter
    import sys

    for name in [*sys.modules, *logging.Logger.manager.loggerDict]:
        if name == "pypdf" or name.startswith("pypdf."):
            one = logging.getLogger(name)
            if _PYPDF_FILTER not in one.filters:
                one.addFilter(_PYPDF_FILTER)
    token = _READING_PDF.set(True)
    try:
        yield
    finally:
        _READING_PDF.reset(token)


def _tabbed(lines: list[str], runs: list[_Run]) -> list[str]:
    """The lines of a page with a tab where two text runs of a line stand apart by most of a Chinese character's
    width or more, as the cells of a table typed with tabs or of a table's row do (pypdf gives them a space apart;
    running text has no such gap, a space is a third as wide), so that a row reads as the .txt's
    ``提案号\t提案人\t案由``; the lines unchanged when the runs do not spell them."""
    k = 0
    out: list[str] = []
    for line in lines:
        want = _squeezed(line)
        got = ""
        mine: list[_Run] = []
        while k < len(runs) and len(got) < len(want):
            got += _squeezed(runs[k][3])
            mine.append(runs[k])
            k += 1
        if got != want:
            return lines
        cuts: set[int] = set()  # after this many non-space characters of the line, a tab
        count = 0
        for (x, y, size, text), (x2, y2, _s, _t) in itertools.pairwise(mine):
            count += len(_squeezed(text))
            end = x + _width(text.strip()) * size / 2  # a Chinese character is as wide as the font size
            # characters set one by one across a line (分散对齐: 市 卫 生 健 康 委) stand apart too: no cells
            cells = max(len(_squeezed(text)), len(_squeezed(_t))) >= 2
            if size > 0 and cells and abs(y2 - y) < size / 2 and x2 - end > 0.8 * size:
                cuts.add(count)
        out.append(_with_tabs(line, cuts) if cuts else line)
    return out


def _with_tabs(line: str, cuts: set[int]) -> str:
    """``line`` with the white space after each count of non-space characters in ``cuts`` made one tab."""
    out: list[str] = []
    count = 0
    i = 0
    while i < len(line):
        c = line[i]
        out.append(c)
        i += 1
        if not c.isspace():
            count += 1
            if count in cuts:
                while i < len(line) and line[i].isspace():
                    i += 1
                out.append("\t")
    return "".join(out).rstrip("\t")


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, without running headers, footers and page numbers, lines re-joined (pypdf's
    warnings about the file are debug records of this module's logger, see :class:`_PypdfRecords`)."""
    _need("pypdf", "pypdf", "PDF")
    import pypdf  # noqa: F401  (its loggers exist once it is imported: the filter goes on each)

    with _pypdf_records_ours():
        return _pdf_text(data)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader)
        pages: list[list[str]] = []
        edges: list[set[str]] = []
        columns: list[float | None] = []
        larges: list[dict[int, float]] = []
        for page in reader.pages:
            runs: list[_Run] = []
            pages.append(_tabbed((page.extract_text(visitor_text=_run_visitor(runs)) or "").splitlines(), runs))
            edges.append(_small_edge_texts(runs))
            columns.append(_column_width(runs, float(page.mediabox.width)))
            larges.append(_large_lines(pages[-1], runs))
    except FileNotDecryptedError:
        raise error(InputValueError, "err.pdf_encrypted") from None
    except InputValueError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise error(InputValueError, "err.pdf_unreadable", detail=_pdf_problem(exc)) from None
    if not any(x.strip() for lines in pages for x in lines):
        raise error(InputValueError, "err.pdf_no_text")
    kept = _strip_running_lines(pages, edges)
    widths = sorted(w for w in columns if w)
    page_ends: set[int] = set()
    sizes: dict[int, float] = {}
    at = 0
    for lines, whole, large in zip(kept, pages, larges, strict=True):
        filled = [k for k, x in enumerate(lines) if x.strip()]
        if filled:
            page_ends.add(at + filled[-1])
        # the running lines were taken off the top of the page: the kept lines are a slice of the page's lines
        top = next((t for t in range(len(whole) - len(lines) + 1) if whole[t : t + len(lines)] == lines), None)
        if top is not None:
            sizes.update({at + n - top: size for n, size in large.items() if top <= n < top + len(lines)})
        at += len(lines)
    pages = kept
    # a paragraph may run over a page break: join all pages' lines, then re-join paragraphs
    column = widths[len(widths) // 2] if widths else None
    text = join_lines((line for lines in pages for line in lines), column, page_ends, sizes)
    # a web page printed to PDF keeps its breadcrumb trail: navigation, as on the page itself
    return "\n".join(x for x in text.split("\n") if not is_breadcrumb(x))


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


#: Characters between which a browser drops a line break of the page source (CSS segment breaks between wide
#: characters: Chinese text hard-wrapped in the source reads as one run).
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
_SOURCE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t]*[\r\n]+[ \t]*(?=[{_WIDE}])")


def _source_text(text: str) -> str:
    """Page-source text as a browser shows it: line breaks between Chinese characters dropped, other runs of
    white space one space (``&nbsp;`` is kept, as the page shows it); but a tab typed between the words of a line
    (a table typed with tabs: 提案号<tab>提案人) stays a tab, the column break it is in a .txt."""
    text = _SOURCE_BREAK.sub("", text)
    return re.sub(r"[ \t\r\n\f]+", lambda m: "\t" if "\t" in m.group() and not m.group().strip(" \t") and
                  m.start() > 0 and m.end() < len(text) else " ", text)


def _block_text(el: Any) -> str:
    """The text of an element with a line break at every block element and <br>; a table row of key and value
    cells (提案人 | 张三) reads ``提案人：张三``, as in a Word table."""
    parts: list[str] = []

    def walk(node: Any, pre: bool) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        pre = pre or tag in ("pre", "textarea")
        if tag == "tr" and not any(True for _ in node.iter("table")):
            cells = [_block_text(td) for td in node if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
            parts.append("\n" + "\n".join(_row_lines(cells)) + "\n")
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text if pre else _source_text(node.text))
        for child in node:
            walk(child, pre)
            if child.tail:
                parts.append(child.tail if pre else _source_text(child.tail))
        if block:
            parts.append("\n")

    walk(el, False)
    text = "".join(parts).replace("\r", "").replace("\xa0", " ")
    lines = [x.strip(" \t") for x in text.split("\n")]
    # a breadcrumb trail inside the main block (a printable page has no marked navigation) is navigation too
    return "\n".join(x for x in lines if x.strip(" \t\xa0\u3000") and not is_breadcrumb(x))
