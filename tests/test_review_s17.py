"""Review of session 17's library changes: the public names it added are exported where they are defined; a
table's header is not taken for a document's first line.

Every text here is invented for these tests."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from cli_helpers import run_cli
from proposalnlp.readers import extract_text


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("proposalnlp.matching.align", "quote_claims"),  # MatchConfig.quote_claims documents it
        ("proposalnlp.matching.align", "QUOTE_RUN"),  # quote_claims's docstring names it
        ("proposalnlp.matching.report", "unused_framing"),  # html.py and render_text share it
        ("proposalnlp.themes.evidence", "Evidence"),
        ("proposalnlp.themes.train", "POOL_FLOORS"),
    ],
)
def test_a_public_name_added_this_session_is_in_its_modules_all(module: str, name: str) -> None:
    mod = importlib.import_module(module)
    assert name in mod.__all__
    assert getattr(mod, name) is not None


@pytest.mark.parametrize("header", ["编号,标题,是否满意？", "序号\t内容\t是否采纳？"])
def test_a_table_whose_last_column_asks_a_question_is_said_to_lack_its_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    # a column name may end with a question mark (是否满意？): a header of several columns is a table's, and the
    # user is told which columns there are (and --text-column), not that the file is a document
    sep = "\t" if "\t" in header else ","
    path = tmp_path / ("rows.tsv" if sep == "\t" else "rows.csv")
    path.write_text(header + "\n" + sep.join(["1", "建议新建社区托育点。", "是"]) + "\n", encoding="utf-8")
    code, _out, err = run_cli(["classify", "--file", str(path)], capsys)
    assert code == 1 and "看起来是一份文档" not in err and "--text-column" in err, err


def test_a_one_line_question_is_still_a_documents_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "留言.csv"
    path.write_text("小区门口的路灯坏了好几个月，什么时候能修好？\n希望有关部门尽快处理。\n", encoding="utf-8")
    code, _out, err = run_cli(["classify", "--file", str(path)], capsys)
    assert code == 1 and "看起来是一份文档" in err, err


def _docx(tmp_path: Path, rows: list[list[str]]) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("经统计，近三年各区县普惠托位情况如下：")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    path = tmp_path / "答复.docx"
    d.save(str(path))
    return path.read_bytes()


def test_a_row_of_four_figures_is_one_line_not_key_value_pairs(tmp_path: Path) -> None:
    # a row with an even number of cells was read as key/value pairs (东湖区：620, 310：280): a figure is no key
    rows = [["区县", "2022年", "2023年", "2024年"], ["东湖区", "620", "310", "280"], ["西岭县", "480", "240", "1,200"]]
    lines = extract_text(_docx(tmp_path, rows), "答复.docx").splitlines()
    assert ["区县\t2022年\t2023年\t2024年", "东湖区\t620\t310\t280", "西岭县\t480\t240\t1,200"] == lines[1:4]
    pairs = [["提案号", "0517", "提案人", "周立新"]]  # a form's keys and values still read as pairs
    assert extract_text(_docx(tmp_path, pairs), "答复.docx").splitlines()[1:3] == ["提案号：0517", "提案人：周立新"]
