"""A user's day, seventh round (task s17-qa): the small defects the last round noticed, then what a new user met.

Every text here is hand-written for the test (invented names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import run_cli as _run
from proposalnlp import parse
from proposalnlp.matching import answer
from proposalnlp.matching.answer import PAIR_FEATURES, covered_terms, numbers_in, pair_features, prepare_request
from proposalnlp.readers import extract_text

# -- 1. a number with thousands separators is one number -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("对新建托育机构每个托位补助50,000元。", {"50000"}),
        ("对新建托育机构每个托位补助5，000元。", {"5000"}),
        ("全市共有常住人口1,234,567人。", {"1234567"}),
        ("补助资金1,000.5万元。", {"1000.5"}),
        # a list stays a list: after the comma, no group of exactly three digits
        ("请落实第3,4条。", {"3", "4"}),
        ("地铁1，2号线延长运营时间。", {"1", "2"}),
        ("2019,2020年均超额完成。", {"2019", "2020"}),
        ("编号12345,678的项目。", {"12345", "678"}),
    ],
)
def test_a_number_with_thousands_separators_is_one_number(text: str, numbers: set[str]) -> None:
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(
    ("request_text", "reply"),
    [
        ("建议对每个新增普惠托位补助50000元。", "市财政对每个新增普惠托位补助50,000元。"),
        ("建议对每个新增普惠托位补助50,000元。", "市财政对每个新增普惠托位补助50000元。"),
        ("建议对每个新增普惠托位补助5，000元。", "市财政对每个新增普惠托位补助5,000元。"),
    ],
)
def test_the_same_number_with_or_without_separators_is_covered(request_text: str, reply: str) -> None:
    covered, missing = covered_terms(request_text, reply)
    assert not any(re.fullmatch(r"[\d,，]+", w) for w in missing), missing
    assert any(w.replace(",", "").replace("，", "") in ("50000", "5000") for w in covered)
    features = pair_features(prepare_request(request_text), reply, (0.5, 0.5, 0.5))
    assert features[PAIR_FEATURES.index("numbers")] == 1.0


def test_another_number_with_separators_still_does_not_cover() -> None:
    missing = covered_terms("建议对每个新增普惠托位补助50,000元。", "市财政对每个新增普惠托位补助5,000元。")[1]
    assert "50,000" in missing  # shown as the request writes it (round 8)


# -- 2. one definition of a list marker: the digits a text's marker holds are what _LIST_MARKER matches ---------


def test_the_list_marker_of_the_numbers_is_the_one_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "1. 建议新建3所幼儿园。\n（2）建议增加托位500个。"
    assert answer.digit_numbers_in(text) == {"3", "500"}
    # a pattern that matches no marker: the numbers side follows it (it has no marker test of its own)
    monkeypatch.setattr(answer, "_LIST_MARKER", re.compile(r"(?!x)x"))
    assert answer.digit_numbers_in(text) == {"1", "2", "3", "500"}


# -- 3. a two-column row of figures (label：number) before the thanks is the answer's ---------------------------

ANSWERS = [
    "周立新委员：",
    "您提出的《关于扩大普惠托育服务供给的提案》收悉，现答复如下：",
    "一、关于托位建设。今年全市新建社区托育点二十四个，新增普惠托位一千八百个。",
    "二、关于运营补贴。市财政按实际收托人数给予运营补贴，每人每月四百元。",
    "截至今年九月，全市普惠托育主要指标：",
]
CLOSING = ["感谢您对托育工作的关心和支持。", "市卫生健康委员会", "2026年9月30日"]


@pytest.mark.parametrize(
    "row",
    ["托位数：3100", "普惠托位（个）：3100", "补助资金（万元）：1,500", "托位数\t3100", "托位数 3100", "入托率：85%"],
)
def test_a_two_column_row_of_figures_before_the_thanks_is_the_answers(row: str) -> None:
    doc = parse("\n".join([*ANSWERS, row, *CLOSING]))
    closing = [u for u in doc.reply if u.kind == "closing"]
    assert [u.text[:4] for u in closing] == ["感谢您对"], closing
    assert any(row in u.text for u in doc.reply if u.kind != "closing")


@pytest.mark.parametrize("line", ["联系电话：0731-5550123", "联系电话：13900001234", "经办人：罗静", "邮编：410011"])
def test_a_contact_or_record_line_after_the_thanks_stays_the_closings(line: str) -> None:  # a guard
    doc = parse("\n".join([*ANSWERS[:4], CLOSING[0], line, *CLOSING[1:]]))
    closing = [u for u in doc.reply if u.kind == "closing"]
    assert len(closing) == 1 and closing[0].text.startswith("感谢您对") and line in closing[0].text


# -- 4. a row of a Word table is one line, its cells a tab apart ------------------------------------------------


def _docx(tmp_path: Path, rows: list[list[str]], before: list[str], after: list[str]) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in after:
        d.add_paragraph(line)
    path = tmp_path / "答复.docx"
    d.save(str(path))
    return path.read_bytes()


FIGURES = [["区县", "托位（个）", "补助（万元）"], ["东湖区", "620", "310"], ["西岭县", "480", "240"]]


def test_a_word_table_row_is_one_line_with_its_cells_a_tab_apart(tmp_path: Path) -> None:
    text = extract_text(_docx(tmp_path, FIGURES, ANSWERS, CLOSING), "答复.docx")
    lines = text.splitlines()
    assert ["区县\t托位（个）\t补助（万元）", "东湖区\t620\t310", "西岭县\t480\t240"] == lines[5:8]
    doc = parse(text)
    assert not [u for u in doc.units if u.text.strip() in ("620", "310", "东湖区")]  # no cell is a unit
    assert [u.text[:4] for u in doc.reply if u.kind == "closing"] == ["感谢您对"]


def test_a_key_value_row_and_a_form_cell_of_paragraphs_read_as_before(tmp_path: Path) -> None:  # guards
    rows = [["提案号", "0517", "提案人", "周立新"], ["案由", "关于扩大普惠托育服务供给的提案", "", ""]]
    text = extract_text(_docx(tmp_path, rows, [], []), "提案.docx")
    assert text.splitlines()[:2] == ["提案号：0517", "提案人：周立新"]
    docx = pytest.importorskip("docx")
    d = docx.Document()
    table = d.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "1"
    table.cell(0, 1).text = "建议新建社区托育点。"
    table.cell(0, 1).add_paragraph("建议落实运营补贴。")
    table.cell(0, 2).text = "已办理"
    path = tmp_path / "表.docx"
    d.save(str(path))
    lines = extract_text(path.read_bytes(), "表.docx").splitlines()
    assert lines == ["1", "建议新建社区托育点。", "建议落实运营补贴。", "已办理"]


# -- 5. a plain-text document saved as .csv is said to be a document -------------------------------------------

DOCUMENT = (
    "关于扩大普惠托育服务供给的提案\n"
    "近年来我市婴幼儿家庭托育需求快速增长，普惠托位供给不足。\n"
    "建议：一、新建社区托育点。二、落实运营补贴。\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "--file", "{path}"],
        ["match", "--batch", "{path}"],
        ["train", "{path}", "-o", "{model}"],
        ["evaluate", "{model}", "{path}"],
    ],
)
def test_a_document_saved_as_csv_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = tmp_path / "提案.csv"
    path.write_text(DOCUMENT, encoding="utf-8")
    model = tmp_path / "model"
    if args[0] == "evaluate":
        model = Path(__file__).resolve().parents[1] / "models" / "themes-default"
        if not model.is_dir():
            pytest.skip("the bundled theme model folder is not in this checkout")
    code, _out, err = _run([a.format(path=path, model=model) for a in args], capsys)
    assert code == 1 and "看起来是一份文档" in err and "关于扩大普惠托育服务供给的提案" in err, err
    assert "--format text" in err and "列；现有的列" not in err


def test_a_document_saved_as_csv_is_said_in_english_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "proposal.csv"
    path.write_text(DOCUMENT.replace("关于扩大普惠托育服务供给的提案\n", "") * 3, encoding="utf-8")
    code, _out, err = _run(["--lang", "en", "classify", "--file", str(path)], capsys)
    assert code == 1 and "looks like a document" in err and "no 'text' column" not in err, err


def test_a_document_saved_as_csv_is_read_with_format_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.csv"
    path.write_text(DOCUMENT, encoding="utf-8")
    code, out, _err = _run(["classify", "--file", str(path), "--format", "text"], capsys)
    assert code == 0 and out.startswith("主题")


@pytest.mark.parametrize("header", ["内容", "编号,提案人,内容", "序号，内容"])
def test_a_table_with_a_short_header_is_still_said_to_lack_its_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:  # a guard: a real header is not taken for a document's first line
    path = tmp_path / "rows.csv"
    path.write_text(header + "\n" + "建议新建社区托育点。\n", encoding="utf-8")
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and "看起来是一份文档" not in err, err


# -- 6. a new user's round: a folder of .txt (UTF-8, GB18030), .docx, .pdf and .html files, and bad inputs --------

WATER = [
    "邓建华委员：",
    "您提出的《关于提升农村饮水安全保障水平的提案》收悉，现答复如下：",
    "一、今年完成农村供水管网延伸工程46处。各县区完成情况如下：",
    "县区\t工程（处）\t受益人口（万人）",
]
WATER_END = [
    "二、全市农村集中供水工程已实现水质检测全覆盖。",
    "感谢您对农村饮水工作的关心。",
    "市水利局",
    "2026年6月30日",
]


@pytest.mark.parametrize("row", ["北川县\t18\t1.3", "北川县\t1.3\t18", "北川县\t18\t1.3\t"])
def test_a_decimal_in_a_table_cell_starts_no_item(row: str) -> None:
    doc = parse("\n".join([*WATER, row, "南溪县\t28\t1.9", *WATER_END]))
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"], [
        (u.kind, u.text[:12]) for u in doc.reply
    ]
    assert "1.3" in doc.reply[1].text and "1.9" in doc.reply[1].text


def test_an_item_number_before_a_figure_still_opens_an_item() -> None:  # a guard: 1.3岁以下 / 2.0-3岁 at a line start
    doc = parse(
        "关于发展托育服务的提案\n建议：\n1.3岁以下婴幼儿照护服务纳入民生实事。\n2.0-3岁婴幼儿家庭给予育儿补贴。\n"
    )
    assert [u.text[:5] for u in doc.suggestions] == ["1.3岁以", "2.0-3"]


def test_a_word_reply_with_a_table_of_decimals_keeps_the_table_in_its_section(tmp_path: Path) -> None:
    rows = [["县区", "工程（处）", "受益人口（万人）"], ["北川县", "18", "1.3"], ["南溪县", "28", "1.9"]]
    doc = parse(extract_text(_docx(tmp_path, rows, WATER[:3], WATER_END), "答复.docx"))
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"]
    assert "南溪县\t28\t1.9" in doc.reply[1].text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["match", "--batch", "{dir}"], "请去掉 --batch：proposalnlp match"),
        (["match", "--batch", "{dir}", "--format", "csv"], "请去掉 --batch：proposalnlp match"),
        (["classify", "--file", "{dir}"], "是一个文件夹，不是数据表"),
        (["train", "{dir}", "-o", "{out}"], "是一个文件夹，不是数据表"),
    ],
)
def test_a_folder_given_where_a_table_is_wanted_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    folder = tmp_path / "答复.csv"  # a folder whose name says table: neither suffix nor --format decides
    folder.mkdir()
    (folder / "01.txt").write_text("建议增加社区托育点。\n", encoding="utf-8")
    code, _out, err = _run([a.format(dir=folder, out=tmp_path / "m") for a in args], capsys)
    assert code == 2 and said in err and "无法从扩展名判断" not in err, err


def test_a_folder_of_documents_is_matched_without_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # a guard
    folder = tmp_path / "提案答复"
    folder.mkdir()
    proposal = (
        "关于提升农村饮水安全保障水平的提案\n建议：\n一、实施农村供水管网延伸工程。\n二、建立水质定期检测制度。\n"
    )
    (folder / "01.txt").write_text(proposal + "\n".join([*WATER[:3], *WATER_END]), encoding="utf-8")
    code, out, err = _run(["match", str(folder), "--no-themes"], capsys)
    assert code == 0 and not err and out.splitlines()[1].split("\t")[1] == "2", out


def test_the_help_of_train_names_every_table_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(["train", "--help"], capsys)
    assert code == 0 and ".tsv" in out and "UTF-16" in out


# -- 7. the report says which of the reply units that answer nothing are only the letter's frame ------------------

LIFT = (
    "关于加快老旧小区加装电梯的提案\n"
    "建议：\n"
    "一、简化加装电梯审批流程，推行一窗受理。\n"
    "二、提高每台电梯的财政补助标准。\n"
    "陶立群委员：\n"
    "您提出的《关于加快老旧小区加装电梯的提案》收悉，现答复如下：\n"
    "一、我局会同有关部门出台加装电梯联合审批办法，实行一窗受理，审批时限压缩至十五个工作日。\n"
    "二、经市政府同意，自明年起每台电梯财政补助标准提高到二十万元。\n"
    "感谢您对城市更新工作的关心和支持。\n"
    "市住房和城乡建设局\n"
    "2026年7月8日\n"
)


def test_the_coverage_line_says_how_many_unused_units_only_frame_the_letter(tmp_path: Path) -> None:
    from proposalnlp import match

    al = match(LIFT)
    assert al.coverage["answered"] == 2 and al.coverage["unused_reply_units"] == 2
    first = al.report().splitlines()[0]
    assert first.endswith("2 段答复未回应任何建议（其中 2 段只是开头、结尾等客套）。"), first
    assert "(2 of them only framing" in al.report(lang="en").splitlines()[0]
    from proposalnlp.matching.html import render_html

    assert "（其中 2 段只是开头、结尾等客套）" in render_html(al)


def test_an_answer_unit_that_answers_nothing_is_no_framing() -> None:
    from proposalnlp import match

    text = LIFT.replace("感谢您", "三、全市今年新建城市公园五座。\n感谢您")
    al = match(text)
    assert al.coverage["unused_reply_units"] == 3
    assert "3 段答复未回应任何建议（其中 2 段只是开头、结尾等客套）" in al.report().splitlines()[0]


# -- 8. a table given to match as a document is said to be a table, to be read with --batch -----------------------


def test_a_table_given_as_a_document_is_pointed_at_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "提案答复.csv"
    table.write_text("编号,proposal,reply\n2026-07,建议增加社区托育点,已新建托育点十个\n", encoding="utf-8")
    code, _out, err = _run(["match", str(table), "--no-themes"], capsys)
    assert code == 1 and "而是一个数据表" in err and f"proposalnlp match --batch {table}" in err, err
    document = tmp_path / "01.txt"
    document.write_text(LIFT, encoding="utf-8")
    code, out, err = _run(["match", str(document), str(table), "--no-themes", "--on-error", "report"], capsys)
    assert code == 1 and "而是一个数据表" in out.splitlines()[2] and out.splitlines()[1].split("\t")[1] == "2", out


def test_a_document_saved_as_csv_is_still_matched_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.csv"  # a guard: a whole proposal and its reply, only named .csv
    path.write_text(LIFT, encoding="utf-8")
    code, out, err = _run(["match", str(path), "--no-themes"], capsys)
    assert code == 0 and not err and "2 条已答复" in out
