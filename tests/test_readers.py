"""proposalnlp.readers / proposalnlp.read: plain text in several encodings, Word, PDF and saved web pages.

Every file here is built by the test itself (hand-written text, invented names)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from proposalnlp import parse, read
from proposalnlp.errors import InputValueError
from proposalnlp.readers import detect_format, extract_text, join_lines, unwrap_plain_text

REPLY = [
    "关于市政协十届三次会议第58号提案的答复",
    "周立平委员：",
    "您提出的《关于完善社区养老服务的提案》收悉，现答复如下：",
    "一、加大资金投入。今年市财政安排社区养老专项资金一千二百万元。",
    "二、培养护理人才。与市卫生学校合办护理员培训班六期。",
    "感谢您对民政工作的关心和支持。",
]
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _kinds(doc: object) -> list[str]:
    return [u.kind for u in doc.units]  # type: ignore[attr-defined]


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
def test_txt_in_every_encoding(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes("\n".join(REPLY).encode(codec))
    doc = read(path)
    assert _kinds(doc) == ["header", "opening", "section", "section", "closing"]


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    for r, (k, v) in enumerate([("提案人", "周立平"), ("案号", "第58号")]):
        table.cell(r, 0).text = k
        table.cell(r, 1).text = v
    d.add_paragraph("案由：关于完善社区养老服务的提案")
    d.add_paragraph("具体建议：")
    d.add_paragraph("一、设立社区养老专项资金。")
    d.add_paragraph("二、建立护理员培训制度。")
    path = tmp_path / "proposal.docx"
    d.save(str(path))
    text = extract_text(path.read_bytes(), path.name)
    assert text.splitlines()[:3] == ["提案人：周立平", "案号：第58号", "案由：关于完善社区养老服务的提案"]
    doc = read(path)
    assert doc.metadata["提案人"] == "周立平"
    assert [u.text for u in doc.suggestions] == ["一、设立社区养老专项资金。", "二、建立护理员培训制度。"]


def test_pdf_without_running_lines_and_with_paragraphs_rejoined(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pypdf")
    if not FONT.exists():
        pytest.skip("the CJK font fonts-wqy-microhei is not installed (.ci/system-packages installs it)")
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=12)
    pages = [
        ["周立平委员：", "您提出的《关于完善社区养老服务的提案》收悉，现答复如下：",
         "一、加大资金投入。今年市财政安排社区养老专项资金一千二百万元，覆盖全市各街道的日间照料中心和助餐点，"
         "并对运营良好的机构给予"],
        ["奖补。", "二、培养护理人才。与市卫生学校合办护理员培训班六期。", "感谢您对民政工作的关心和支持。"],
    ]
    for n, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.cell(0, 8, "市民政局文件", new_x="LMARGIN", new_y="NEXT")  # a running header
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"- {n} -", align="C")  # a page number
    data = bytes(pdf.output())
    text = extract_text(data, "reply.pdf")
    assert "市民政局文件" not in text and "- 1 -" not in text and "- 2 -" not in text
    lines = text.splitlines()
    assert lines[0] == "周立平委员："
    # the item that runs over the page break (and over several lines) is one paragraph again
    assert any(x.startswith("一、加大资金投入") and x.endswith("给予奖补。") for x in lines)
    path = tmp_path / "reply.pdf"
    path.write_bytes(data)
    assert _kinds(read(path)) == ["opening", "section", "section", "closing"]


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    page = (
        "<!DOCTYPE html><html><head><meta charset='gbk'><title>答复</title><script>var x=1;</script></head><body>"
        "<div class='top-nav'><a href='/'>首页</a><a href='/a'>政务公开</a><a href='/b'>互动交流</a></div>"
        "<div id='main'><h2>关于市政协十届三次会议第58号提案的答复</h2>"
        + "".join(f"<p>{line}</p>" for line in REPLY[1:])
        + "</div><div class='footer'>主办：某某市人民政府办公室 网站标识码1234</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    text = read_text_of(path)
    assert "首页" not in text and "主办" not in text and "var x" not in text
    assert text.splitlines() == REPLY
    assert _kinds(read(path)) == ["header", "opening", "section", "section", "closing"]


def read_text_of(path: Path) -> str:
    return extract_text(path.read_bytes(), path.name)


def test_formats_are_told_by_content() -> None:
    assert detect_format(b"%PDF-1.7\n...") == "pdf"
    assert detect_format(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format("关于…的提案".encode()) == "txt"
    with pytest.raises(InputValueError, match=r"\.docx"):
        detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc")
    with pytest.raises(InputValueError, match="zip"):
        detect_format(b"PK\x03\x04" + b"\0" * 100, "x.zip")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputValueError, match="no such file"):
        read(tmp_path / "nope.docx")


def test_missing_formats_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from proposalnlp import readers

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pypdf" else real(name, *a))
    with pytest.raises(readers.FormatDependencyError, match=r"proposalnlp\[formats\]"):
        extract_text(b"%PDF-1.4\n", "a.pdf")


def test_join_lines_keeps_numbered_items_and_sentence_ends_apart() -> None:
    lines = ["我市现有养老机构四十", "二家，床位三千张。", "一、加大投入", "二、培养人才。"]
    assert join_lines(lines) == "我市现有养老机构四十二家，床位三千张。\n一、加大投入\n二、培养人才。"


def test_cli_parse_reads_a_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from proposalnlp.cli import main

    d = docx.Document()
    for line in REPLY:
        d.add_paragraph(line)
    path = tmp_path / "reply.docx"
    d.save(str(path))
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = main(["parse", str(path)])
    assert code in (0, None)
    assert "现答复如下" in out.getvalue()


PROPOSAL = [
    "关于加快县域冷链物流体系建设的提案",
    "近年来，我省农产品产量持续增长，但产地预冷、冷藏运输等环节短板明显，果蔬损耗率长期偏高，农民增收受到制约。",
    "一、加大财政资金投入。建议省级财政设立冷链物流专项补助资金，对县乡两级新建冷库给予一次性建设补贴，"
    "并将冷藏车购置纳入农机购置补贴范围。",
    "二、培养冷链专业人才。建议依托职业院校开设冷链物流专业方向，每年定向培养一批懂技术、会管理的基层冷链运营人员。",
    "三、推动技术创新应用。鼓励企业研发节能型移动冷库和温控追溯系统，对取得成效的项目给予科技计划支持。",
]


def _hard_wrap(paragraphs: list[str], chars: int) -> str:
    """The paragraphs as a fixed-width editor saves them: every line ``chars`` characters, the last one shorter."""
    return "\n".join(p[i : i + chars] for p in paragraphs for i in range(0, len(p), chars))


@pytest.mark.parametrize("chars", [22, 40])
def test_hard_wrapped_txt_reads_like_the_unwrapped_text(tmp_path: Path, chars: int) -> None:
    path = tmp_path / "proposal.txt"
    path.write_text(_hard_wrap(PROPOSAL, chars), encoding="utf-8")
    doc, plain = read(path), parse("\n".join(PROPOSAL))
    assert [(u.kind, u.text) for u in doc.units] == [(u.kind, u.text) for u in plain.units]
    assert len(doc.suggestions) == 3


def test_a_paragraph_a_line_txt_is_left_as_it_is() -> None:
    # lines of the same width that end sentences are whole paragraphs, not wrapped ones
    text = "\n".join(["一、加大财政投入，设立专项补助资金。", "二、培养专业人才，开设冷链专业方向。",
                      "三、推动技术创新，研发节能型冷库。", "四、加强宣传引导，普及冷链知识。"])
    assert unwrap_plain_text(text) == text
    assert extract_text(text.encode("utf-8"), "a.txt") == text


def test_a_plan_after_a_full_line_that_ends_a_sentence_opens_a_paragraph() -> None:
    # the first paragraph happens to fill its last line exactly: 下一步将… (no comma) still starts a new one
    lines = [
        "我局已于今年三月出台优化营商环境二十条措",
        "施，全市新增市场主体一万二千户，同比增长。",
        "下一步将持续跟踪各项措施的落实情况。",
    ]
    first, plan = join_lines(lines).split("\n")
    assert first == lines[0] + lines[1]
    assert plan == lines[2]


def _wrapped_docx(paragraphs: list[str], chars: int, how: str) -> bytes:
    """The paragraphs as a Word file holding a hard-wrapped text (``chars`` characters a line): a Word paragraph
    per line (``how="lines"``) or line breaks inside one Word paragraph (``"breaks"``); the first line of each
    paragraph set in by a first-line indent of the paragraph format, never by spaces. ``"style"``: a Word paragraph
    per line, the indent given by the Normal style (in characters, w:firstLineChars, as Chinese Word sets it) and
    taken back on the lines that go on."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    if how == "style":
        ppr = d.styles["Normal"].element.get_or_add_pPr()
        ind = ppr.makeelement(qn("w:ind"), {qn("w:firstLineChars"): "200"})
        ppr.append(ind)
    for p in paragraphs:
        lines = [p[i : i + chars] for i in range(0, len(p), chars)]
        if how == "breaks":
            para = d.add_paragraph()
            para.paragraph_format.first_line_indent = Pt(24)
            for k, line in enumerate(lines):
                run = para.add_run(line)
                if k < len(lines) - 1:
                    run.add_break()
            continue
        for k, line in enumerate(lines):
            para = d.add_paragraph(line)
            if how == "lines" and k == 0:
                para.paragraph_format.first_line_indent = Pt(24)
            elif how == "style" and k > 0:
                para.paragraph_format.first_line_indent = Pt(0)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


#: A reply's body whose paragraphs end at the margin of a 20-character line (the first one without punctuation, the
#: second with a full stop): only the indent of the next line tells where the paragraph ended.
WRAPPED_REPLY = [
    "今年以来，我局会同市财政局制定了社区养老护理员培训补贴办法，对取得证书的护理员给予一次性补贴，全年共培训社区护理员六百人",
    "同时，我局在全市十二个街道试点建设嵌入式养老服务综合体，为老年人提供日间照料、助餐助浴和康复护理等服务，已服务三万人次。",
    "下一步，我局将继续加大资金投入，扩大试点范围，力争年底前实现街道全覆盖。",
]


@pytest.mark.parametrize("how", ["lines", "breaks", "style"])
def test_a_hard_wrapped_word_file_reads_as_its_paragraphs_by_their_format_indent(how: str) -> None:
    assert len(WRAPPED_REPLY[0]) % 20 == 0 and len(WRAPPED_REPLY[1]) % 20 == 0
    text = extract_text(_wrapped_docx(WRAPPED_REPLY, 20, how), "reply.docx")
    assert text.splitlines() == WRAPPED_REPLY


def test_a_word_file_of_a_paragraph_a_line_is_read_as_before() -> None:
    # indents in the paragraph format, but every Word paragraph a whole paragraph: no line is joined, none indented
    docx = pytest.importorskip("docx")
    from docx.shared import Pt

    d = docx.Document()
    for line in REPLY:
        d.add_paragraph(line).paragraph_format.first_line_indent = Pt(24)
    out = io.BytesIO()
    d.save(out)
    assert extract_text(out.getvalue(), "reply.docx").splitlines() == REPLY
