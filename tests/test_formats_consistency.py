"""The same document as .txt, .docx, .pdf and .html reads the same (issue 14, item 3).

A battery (devtools/formats.py): each document is written as a Word file, as a PDF (three page shapes, taken in
turn, with a running header and page numbers) and as two shapes of saved web page, read back with the package's
readers and parsed; it matches when the units (part, kind, text without whitespace) and the suggestions are
those of its plain text. The invented documents are the tests' own (a fixed sample, every 4th, to stay quick;
``scripts/eval_formats.py`` runs all of them in every layout); the shared ones (53 reply pages and 8 replies)
are read in place, no gold. The floors are the figures when written; what still differs is listed in the
report of s13-formats (a title line exactly as wide as a narrow column, record tables laid out as text) and of
s15-formats (a table typed with tabs written into a PDF as spaces, a paragraph ending exactly at a narrow
column's margin, Chinese text the A4 layout wraps only at spaces).

Fixes, each with its own small test below: PDF lines re-joined by the page's measured line width (a full line
goes on even after 。, a short one ends its paragraph), an indent opens a paragraph, a smaller-font header or
footer is dropped from a one-page file, a paragraph runs over a page break; a web page's table rows read
``key：value`` as in Word, and its source line breaks between Chinese characters are not paragraph breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from devtools.formats import (
    FONT,
    HTML_STYLES,
    PDF_LAYOUTS,
    difference,
    invented_documents,
    pdf_font,
    shared_documents,
    to_docx,
    to_html,
    to_pdf,
)
from proposalnlp.readers import _width, extract_text, join_lines

pytest.importorskip("docx")
pytest.importorskip("pypdf")
pytest.importorskip("lxml")
fpdf = pytest.importorskip("fpdf")
pytest.importorskip("fontTools")
if not FONT.exists():
    pytest.skip("the CJK font fonts-wqy-microhei is not installed (.ci/system-packages installs it)",
                allow_module_level=True)


def _battery(docs: list[tuple[str, str]], font: Path) -> tuple[Counter[str], list[str]]:
    """Per format, how many documents read as their plain text; and the differences."""
    ok: Counter[str] = Counter()
    diffs: list[str] = []
    for n, (doc_id, text) in enumerate(docs):
        layout = PDF_LAYOUTS[n % len(PDF_LAYOUTS)]
        files = [("docx", to_docx(text), "d.docx"), ("pdf", to_pdf(text, layout, font), "d.pdf")]
        files += [(style, to_html(text, style), "p.html") for style in HTML_STYLES]
        for fmt, data, name in files:
            d = difference(text, data, name)
            if d is None:
                ok[fmt] += 1
            else:
                diffs.append(f"{doc_id} {fmt if fmt != 'pdf' else layout.name}: {d}")
    return ok, diffs


@pytest.fixture(scope="module")
def font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = [t for _, t in invented_documents()]
    return pdf_font(texts, tmp_path_factory.mktemp("font"))


def test_invented_documents_read_the_same_in_every_format(font: Path) -> None:
    docs = invented_documents()[::4]
    assert len(docs) >= 45
    ok, diffs = _battery(docs, font)
    n = len(docs)
    # when written (s13): docx 49 of 49, PDF and both page shapes 48 (a table typed with tabs, a title line as wide
    # as a narrow column); s15-formats: 49 of 49 in every format
    assert ok["docx"] == n and ok["html"] == n and ok["html-br"] == n, diffs
    assert ok["pdf"] >= n, (dict(ok), diffs)


def test_shared_pages_and_replies_read_the_same_in_every_format(shared: Path, tmp_path: Path) -> None:
    docs = shared_documents(shared)
    assert len(docs) == 61
    ok, _diffs = _battery(docs, pdf_font([t for _, t in docs], tmp_path))
    n = len(docs)
    # figures only (no document's difference is printed: a third of the pages are held out for the parser)
    figures = dict(ok)
    assert ok["docx"] == n and ok["html"] == n and ok["html-br"] == n, figures
    assert ok["pdf"] >= n - 4, figures  # 54 of 61 when written (one layout each, taken in turn); 57 in s15-formats


# ------------------------------------------------------------------------------------------------------------
# the fixes, one test each
# ------------------------------------------------------------------------------------------------------------

def test_a_full_line_ending_in_a_full_stop_runs_on_and_a_short_line_ends_its_paragraph() -> None:
    # a column of 20 characters (40 half-width columns): the first line ends in 。 at the margin
    lines = ["一、设立专项资金。今年安排资金一千万元。", "覆盖全市各街道的日间照料中心。",
             "二、培养护理人才", "与市卫生学校合办护理员培训班六期，培训", "护理员六百人。"]
    assert len(lines[0]) == 20 and lines[0].endswith("。")
    text = join_lines(lines, column=40)
    assert text.splitlines() == [
        "一、设立专项资金。今年安排资金一千万元。覆盖全市各街道的日间照料中心。",
        "二、培养护理人才",  # a heading without a full stop, short of the margin: a paragraph of its own
        "与市卫生学校合办护理员培训班六期，培训护理员六百人。",
    ]


def test_line_width_is_measured_from_the_lines_when_the_page_does_not_tell() -> None:
    # narrow column (16 characters), no page width given: two lines at the same full width measure it
    lines = ["我市现有养老机构四十二家，床位三千", "张，今年新增护理型床位五百张。", "关于资金问题",
             "今年市财政安排社区养老专项资金一千", "二百万元。"]
    assert join_lines(lines).splitlines() == [
        "我市现有养老机构四十二家，床位三千张，今年新增护理型床位五百张。", "关于资金问题",
        "今年市财政安排社区养老专项资金一千二百万元。"]


def test_a_line_set_in_from_the_margin_opens_a_paragraph() -> None:
    lines = ["\u3000\u3000我局高度重视，今年新建口袋公园十二", "个，全部向市民开放",
             "\u3000\u3000感谢您对园林工作的关心。"]
    assert join_lines(lines).splitlines() == ["我局高度重视，今年新建口袋公园十二个，全部向市民开放",
                                              "感谢您对园林工作的关心。"]


def test_a_short_line_without_punctuation_after_a_full_line_ending_a_sentence_stands_alone() -> None:
    # a column of 16 characters; the answer's last line ends in 。 at the margin, the office signs under it
    lines = ["我局已会同有关部门起草方案，拟于", "年内报市政府审定，争取今年出台。", "东平市发展和改革委员会",
             "2026年6月1日"]
    assert len(lines[0]) == len(lines[1]) == 16
    assert join_lines(lines, column=32).splitlines() == [
        "我局已会同有关部门起草方案，拟于年内报市政府审定，争取今年出台。", "东平市发展和改革委员会", "2026年6月1日"]


def test_a_paragraph_runs_over_a_page_break_even_from_a_short_line() -> None:
    lines = ["今年市财政安排社区养老专项资金一千二百万元，覆盖", "全市各街道，并对运营良好的机构给予", "奖补。",
             "感谢您的关心。"]
    assert join_lines(lines, column=48, page_ends={1}).splitlines() == [
        "今年市财政安排社区养老专项资金一千二百万元，覆盖全市各街道，并对运营良好的机构给予奖补。", "感谢您的关心。"]


def _one_page_pdf(lines: list[str]) -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("wqy", size=9)
    pdf.cell(0, 6, "东平市民政局文件", align="C", new_x="LMARGIN", new_y="NEXT")  # a header in a smaller font
    pdf.set_font("wqy", size=12)
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=9)
    pdf.set_auto_page_break(False)
    pdf.set_y(-20)
    pdf.cell(0, 6, "东平市民政局办公室印发", align="C")  # and a footer
    return bytes(pdf.output())


def test_a_one_page_pdf_loses_its_smaller_header_and_footer_and_keeps_its_short_lines() -> None:
    lines = ["关于市政协十届三次会议第58号提案的答复", "周立平委员：", "您提出的提案收悉，现答复如下：",
             "今年新建街道养老服务中心十五个。", "东平市民政局", "2026年5月8日"]
    text = extract_text(_one_page_pdf(lines), "reply.pdf")
    assert text.splitlines() == lines


def test_a_web_page_table_row_reads_key_colon_value_and_source_breaks_do_not_split() -> None:
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a></div><div class='content'>"
        "<table><tr><td>提案号</td><td>第0123号</td></tr><tr><td>提案人</td><td>马丽</td></tr>"
        "<tr><td>内容</td><td>建议加大对农村留守儿童的关爱力度。</td></tr></table>"
        "<p>马丽委员：您提出的提案收悉，现答复如下：我局已建立留守儿童信息台账，\n开展关爱活动二百场。</p>"
        "<p>类别：A类&nbsp;&nbsp;&nbsp;&nbsp;公开属性：主动公开</p>"
        "</div><div class='footer'>主办：东平市人民政府</div></body></html>"
    )
    text = extract_text(page.encode(), "page.html")
    assert text.splitlines() == [
        "提案号：第0123号", "提案人：马丽", "内容：建议加大对农村留守儿童的关爱力度。",
        "马丽委员：您提出的提案收悉，现答复如下：我局已建立留守儿童信息台账，开展关爱活动二百场。",
        "类别：A类    公开属性：主动公开",
    ]


def test_the_battery_writes_what_it_says() -> None:
    text = "提案号：第0123号\n提案人：马丽\n内容：建议加大关爱力度。\n办理情况：我局已建立台账。"
    html = to_html(text).decode()
    assert "<table" in html and "首页" in html and "主办" in html
    assert re.search(r"<td>提案人</td><td>马丽</td>", html)


# ------------------------------------------------------------------------------------------------------------
# s15-formats: the fixes of the fifteenth session, one test each (invented text)
# ------------------------------------------------------------------------------------------------------------

def test_a_salutation_under_a_title_as_wide_as_the_column_opens_its_own_line() -> None:
    # a narrow column of 20 characters: the reply's title fills its line exactly, the addressee stands under it
    lines = ["关于市政协十届三次会议第五十八号提案的复函", "市工商联：", "你单位提出的提案收悉，现答复如下："]
    lines[0] = lines[0][:20]
    assert len(lines[0]) == 20
    assert join_lines(lines, column=40).splitlines() == lines
    # a list of names broken at the margin is one salutation still (…陈伟、管 / 朝发委员：)
    names = ["杨立、陈德华、向天明、李建梅、卢学军、管", "朝发委员：", "你们提出的提案收悉，现答复如下："]
    assert len(names[0]) == 20
    assert join_lines(names, column=40).splitlines() == [names[0] + names[1], names[2]]


def test_a_record_field_after_a_full_line_opens_its_own_line() -> None:
    lines = ["建议人：周明", "建议标题：关于加快建设城乡冷链物流网络的建议", "内容：我县果蔬损耗率高，建议新建冷库。",
             "承办单位：县商务局"]
    lines[1] = lines[1][:20]
    assert len(lines[1]) == 20
    assert join_lines(lines, column=40).splitlines() == lines
    # a field's value that goes on in the next line keeps going, even when that line starts with a word and a
    # colon (…现答复 / 如下：…): only the record's own field names open a line
    value = ["办理情况：周明代表：您提出的建议收悉，现答复", "如下：今年新建冷库三座。"]
    assert len(value[0]) == 22
    assert join_lines(value, column=44).splitlines() == ["".join(value)]


def test_a_printed_pages_breadcrumb_and_publication_line_stand_apart_and_the_breadcrumb_is_dropped() -> None:
    crumb = "当前位置：首页 > 政务公开 > 建议提案办理"
    lines = [crumb, "关于市政协十届三次会议第六十一号提案的答复", "发布时间：2026-03-02  来源：市交通局",
             "王琳委员：", "您提出的提案收悉，现答复如下："]
    lines[1] = lines[1][:20]
    text = join_lines(lines, column=40)
    assert text.splitlines() == lines  # each on its own line (the reader then drops the trail)
    pdf = fpdf.FPDF(format=(100, 150))
    pdf.set_margins(10, 10, 10)
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=10)
    pdf.add_page()
    for line in [*lines, "今年新开通公交线路三条。", "感谢您的关心。"]:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    got = extract_text(bytes(pdf.output()), "page.pdf").splitlines()
    assert crumb not in got and "首页" not in "".join(got)
    assert got[:4] == lines[1:]


def test_a_breadcrumb_inside_a_printable_pages_text_is_navigation() -> None:
    # the print view of a page: no marked navigation, the trail is a line of the text block
    page = ("<html><body><div><p>您现在的位置：首页 &gt;&gt; 信息公开 &gt;&gt; 建议提案</p>"
            "<p>关于市政协十届三次会议第58号提案的答复</p><p>周立平委员：</p>"
            "<p>您提出的提案收悉，现答复如下：今年市财政安排社区养老专项资金一千二百万元，覆盖全市各街道。</p>"
            "<p>感谢您对民政工作的关心和支持。</p></div></body></html>")
    lines = extract_text(page.encode(), "print.html").splitlines()
    assert lines[0] == "关于市政协十届三次会议第58号提案的答复" and not any("首页" in x for x in lines)


def test_curly_quotes_are_full_width_in_a_chinese_line() -> None:
    # 20 characters a line: the first line holds four curly quotes, set as wide as a Chinese character
    lines = ["我市把招商引资作为“一号工程”“一把手工程”", "来抓，今年新引进项目四十个。", "感谢您的关心。"]
    assert len(lines[0]) == 22
    assert join_lines(lines, column=44).splitlines() == [lines[0] + lines[1], lines[2]]


def test_one_line_measured_wider_than_the_rest_does_not_set_the_full_width() -> None:
    # a line of names a space apart measures wider than the column (its spaces count a column each, as plain
    # spaces are set narrower than half a Chinese character); the text's full lines are 16 characters wide, and a
    # line one column short of them (a half-width digit in it) that ends in 。 at the margin runs on
    lines = ["联名人：王立新 陈华 李明 赵强 孙丽", "周涛 吴敏", "我县村卫生室医疗设备相当简陋，主",
             "要诊疗设备只有听诊器血压计8台。", "通过努力，今年争取补助资金。"]
    assert [_width(x) for x in lines] == [34, 9, 32, 31, 28]
    assert join_lines(lines).splitlines() == [lines[0] + lines[1], lines[2] + lines[3] + lines[4]]


def test_a_tab_between_words_of_a_web_page_line_stays_a_column_break() -> None:
    rows = ["提案号\t提案人\t案由", "0456\t黄英\t关于加强校园周边交通安全的提案"]
    page = "<html><body><div>" + "".join(f"<p>{r}</p>" for r in rows) + "</div></body></html>"
    assert extract_text(page.encode(), "p.html").splitlines() == rows


def test_a_title_in_a_larger_font_over_two_lines_is_one_paragraph_apart_from_the_body() -> None:
    # a reply's title set larger than the text and centred, wrapped over two lines; the salutation under it
    title = "关于市政协十届三次会议第58号提案《关于完善社区居家养老服务体系的建议》的答复"
    body = ["周立平委员：", "您提出的提案收悉，现答复如下：", "今年市财政安排社区养老专项资金一千二百万元。",
            "感谢您对民政工作的关心和支持。"]
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("wqy", size=20)
    pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    for line in body:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    assert extract_text(bytes(pdf.output()), "reply.pdf").splitlines() == [title, *body]
