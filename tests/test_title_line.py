"""One definition of a document's title line (:func:`proposalnlp._parser.is_title_line`), used by the parser
(:attr:`Document.title`), the reports (:func:`proposal_title`) and the CLI's check that a .csv file is a
document, not a table. Every text here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import run_cli

from proposalnlp import parse
from proposalnlp._parser import is_title_line
from proposalnlp.matching.report import proposal_title

BODY = "近年来，我市冷链物流发展较快，但网点分布不均。\n建议：一、统筹规划冷链网点布局。二、加大冷库建设补贴力度。\n"


@pytest.mark.parametrize(
    "line",
    [
        "关于加快城乡冷链物流网络建设的提案",
        "推动县域冷链物流补短板的建议",  # no 关于: the title of many proposals
        "关于市政协十届二次会议第58号提案的回复",
        "关于第214号建议的复文",
        "市农业农村局对第33号建议答复书",
        "关于进一步规范社区团购经营的意见",
        "关于做好冬季蔬菜保供工作的通知",
        "由：关于加快城乡冷链物流网络建设的提案",  # a form's field label before it
    ],
)
def test_a_title_line_is_one(line: str) -> None:
    assert is_title_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "关于冷链物流的建议，我们已会同有关部门认真研究。",  # a sentence
        "建议加快冷链物流网络建设；加大补贴力度的建议",  # sentence punctuation inside
        "关于" + "冷链物流" * 22 + "的提案",  # longer than a title
        "编号,提案人,内容",  # a table's header
        "一、统筹规划冷链网点布局",
    ],
)
def test_other_lines_are_no_title(line: str) -> None:
    assert not is_title_line(line)


@pytest.mark.parametrize(
    "title",
    ["关于市政协十届二次会议第58号提案的回复", "市农业农村局对第33号建议答复书", "关于第214号建议的复文"],
)
def test_the_report_title_of_a_text_is_the_parsers(title: str) -> None:
    # the report read a text's first lines with a narrower rule than the parser: a reply titled …的回复 / …答复书
    # had a title as a Document and none as a text
    text = title + "\n张华委员：\n您提出的提案收悉，现答复如下：\n我局已将冷链网点建设纳入年度计划。\n"
    assert parse(text).title == title
    assert proposal_title(text) == title == proposal_title(parse(text))


@pytest.mark.parametrize("first", ["推动县域冷链物流补短板的建议", "关于进一步规范社区团购经营的意见"])
def test_a_document_saved_as_csv_with_a_title_is_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str
) -> None:
    # the CLI knew only 关于…的提案 as a title: a proposal titled without 关于 was read as a one-column table
    path = tmp_path / "提案.csv"
    path.write_text(first + "\n" + BODY, encoding="utf-8")
    code, _out, err = run_cli(["classify", "--file", str(path)], capsys)
    assert code == 1 and "看起来是一份文档" in err, err


def test_a_one_column_header_is_still_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("提案内容\n建议新建社区冷库。\n", encoding="utf-8")
    code, _out, err = run_cli(["classify", "--file", str(path)], capsys)
    assert code == 1 and "看起来是一份文档" not in err, err


def test_a_title_ending_in_yijian_is_the_documents_title_not_a_unit() -> None:
    # 关于…的意见 / 关于…的通知 were titles to the CLI only; the parser read the line as the first (background) unit
    text = "关于优化城区停车管理的意见\n一、增设错时共享车位。\n二、完善停车诱导标识。\n"
    doc = parse(text)
    assert doc.title == "关于优化城区停车管理的意见"
    assert all(u.start > 0 for u in doc.units) and [u.kind for u in doc.units] == ["suggestion", "suggestion"]
