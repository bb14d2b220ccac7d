"""A user's day, sixth round, second part (task s16-qa2): a batch file that is no good CSV is said in the user's
language, with no English of Python's csv module in it; report file names keep the id's spaces and Chinese.

Every text here is hand-written for the test (invented names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest

from cli_helpers import run_cli as _run
from proposalnlp.cli.match_cmd import page_name

PROPOSAL = (
    "关于加强社区图书室建设的提案\n"
    "近年来，我区社区图书室藏书陈旧、开放时间短，居民借阅不便。\n"
    "为此，建议：\n"
    "一、每年安排专项资金更新社区图书室藏书。\n"
    "二、延长社区图书室开放时间，推行通借通还。\n"
)
REPLY = (
    "孙某委员：\n"
    "您提出的《关于加强社区图书室建设的提案》收悉，现答复如下：\n"
    "一、今年区财政已安排八十万元用于社区图书室更新藏书。\n"
    "二、全区二十个社区图书室已延长开放时间，并接入区图书馆通借通还系统。\n"
    "感谢您对文化工作的关心。\n"
)
COLUMNS = ["--id-column", "编号", "--proposal-column", "提案内容", "--reply-column", "答复内容", "--no-themes"]
#: What Python's csv module says, in English: none of it may reach a user's message.
CSV_MODULE_WORDS = ("expected after", "new-line character", "universal-newline", "unexpected end of data", "NUL")

# -- 1. a batch file the csv module refuses, or no CSV at all: a reason in the catalogue's words -------------------

HEADER = "编号,提案内容,答复内容\n"
GOOD_ROW = "2026-101,建议增加社区图书室藏书,已安排专项资金\n"
CASES = {
    # a field that opens with a quote and goes on after its closing one (a quoted word at the start of a cell)
    "bad_quote": (HEADER + GOOD_ROW + '2026-102,"图书室"要延长开放时间,已延长\n', "第 3 行",
                  "引号的位置不对", "line 3: a quote in the wrong place"),
    # a quote opened and never closed
    "unterminated": (HEADER + GOOD_ROW + '2026-102,"建议延长开放时间,已延长\n', "第 3 行",
                     "引号没有闭合", "line 3: an unterminated quote"),
    # a row with a cell too few (a broken row)
    "fields": (HEADER + "2026-101,建议增加藏书\n", "第 2 行", "有 2 个字段，而表头有 3 列", "line 2: 2 fields where"),
    # lines ending in a carriage return alone (an old Mac export)
    "bare_cr": ((HEADER + GOOD_ROW).replace("\n", "\r"), "第 1 行", "单独的回车符",
                "line 1: the header row has a lone"),
    # the wrong separator: semicolons (Excel in some languages), Chinese commas typed by hand, tabs in a .csv
    "semicolon": (HEADER.replace(",", ";") + GOOD_ROW.replace(",", ";"), "表头只有一列", "以分号分隔",
                  "separated by semicolons"),
    "fullwidth": (HEADER.replace(",", "，") + GOOD_ROW.replace(",", "，"), "表头只有一列", "中文全角逗号",
                  "full-width commas"),
    "tab": (HEADER.replace(",", "\t") + GOOD_ROW.replace(",", "\t"), "表头只有一列", "--format tsv",
            "add --format tsv"),
    # no CSV at all: JSON lines, a JSON array, a web page saved under .csv
    "jsonl": ('{"编号": "2026-101", "提案内容": "建议增加藏书", "答复内容": "已安排"}\n', "JSON", "--format jsonl",
              "this is JSON"),
    "json_array": ('[{"编号": "2026-101", "提案内容": "建议增加藏书"}]\n', "JSON", "--format jsonl", "this is JSON"),
    "web_page": ("<!DOCTYPE html>\n<html><body><table><tr><td>编号</td></tr></table></body></html>\n", "网页",
                 "另存为“CSV UTF-8", "a web page or an XML file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_csv_file_is_said_in_chinese_with_its_file_and_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, where, reason, english = CASES[case]
    path = tmp_path / "提案答复.csv"
    path.write_bytes(body.encode("utf-8"))
    code, _out, err = _run(["match", "--batch", str(path), *COLUMNS], capsys)
    assert code == 1 and err.startswith("proposalnlp match：错误："), err
    assert str(path) in err and where in err and reason in err, err
    assert not any(word in err for word in CSV_MODULE_WORDS), err
    code, _out, err = _run(["--lang", "en", "match", "--batch", str(path), *COLUMNS], capsys)
    assert code == 1 and str(path) in err and english in err and "错误" not in err, err
    assert not any(word in err for word in CSV_MODULE_WORDS), err


def test_a_tsv_read_of_a_comma_file_is_told_to_use_format_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    code, _out, err = _run(["match", "--batch", str(path), *COLUMNS], capsys)
    assert code == 1 and "以逗号分隔" in err and "--format csv" in err, err


def test_a_one_column_table_with_a_wrong_column_name_is_still_said_to_lack_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # a guard: one column, no other separator in it, is a table whose column is named otherwise
    path = tmp_path / "texts.csv"
    path.write_text("留言内容\n建议增加社区图书室藏书\n", encoding="utf-8")
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and "没有 'text' 列" in err and "--text-column 留言内容" in err, err


def test_a_semicolon_inside_a_good_table_is_no_separator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a guard: the header has its columns; semicolons and Chinese commas in the text are the text's own
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["编号", "提案内容", "答复内容"], ["2026-101", PROPOSAL + "；另，", REPLY]])
    code, out, err = _run(["match", "--batch", str(path), *COLUMNS, "--json"], capsys)
    assert code == 0 and not err, err
    assert json.loads(out)["编号"] == "2026-101"


def test_the_csv_modules_own_reason_is_kept_for_debug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(CASES["bad_quote"][0], encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="proposalnlp.cli._io")
    code, _out, err = _run(["--debug", "match", "--batch", str(path), *COLUMNS, "--on-error", "skip"], capsys)
    assert code == 1 and "引号的位置不对" in err
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG and r.name == "proposalnlp.cli._io"]
    assert any("line 3" in m and "',' expected after '\"'" in m for m in said), said


# -- 2. the HTML reports of a batch are named by the id as it is: spaces and Chinese kept ----------------------------


@pytest.mark.parametrize(
    ("rid", "name"),
    [
        ("2026 第 101 号", "2026 第 101 号"),  # spaces and Chinese, as Windows and Linux allow
        ("政协 提案（三）", "政协 提案（三）"),
        ("A/1", "A_1"),  # what a file system forbids becomes _
        ('a\\b:c*d?e"f<g>h|i', "a_b_c_d_e_f_g_h_i"),
        ("第\t12\n号", "第_12_号"),  # control characters
        (" 2026-101. ", "2026-101"),  # Windows drops a trailing dot or space; a leading one is no part of the id
        ("CON", "CON_"),  # the names Windows keeps for its devices, whatever the case or the extension
        ("nul", "nul_"),
        ("com1", "com1_"),
        ("LPT9.2026", "LPT9_.2026"),
        ("CONSOLE", "CONSOLE"),  # a guard: a name that merely starts like one
        ("COM10", "COM10"),
        ("***", "row"),
    ],
)
def test_a_report_name_keeps_what_a_file_system_allows(rid: str, name: str) -> None:
    assert page_name(rid) == name


def test_a_long_id_is_cut_to_a_name_a_file_system_holds() -> None:
    name = page_name("关于加强社区图书室建设" * 20)  # 220 characters, 660 bytes
    assert name.startswith("关于加强") and len(name.encode("utf-8")) <= 200
    assert len((name + "-99.html").encode("utf-8")) <= 255


def test_batch_reports_keep_spaces_and_chinese_in_their_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        rows = [["2026 第 101 号", PROPOSAL, REPLY], ["CON", PROPOSAL, REPLY], ["A/1", PROPOSAL, REPLY]]
        csv.writer(f).writerows([["编号", "提案内容", "答复内容"], *rows])
    out_dir = tmp_path / "reports"
    code, out, err = _run(["match", "--batch", str(path), *COLUMNS, "--html", str(out_dir), "--json"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["2026 第 101 号.html", "A_1.html", "CON_.html"]
    assert [json.loads(line)["html"] for line in out.splitlines()] == ["2026 第 101 号.html", "CON_.html", "A_1.html"]
    assert "2 份报告另取了文件名" in err and "CON 的报告为 CON_.html" in err and "2026 第 101 号 的报告" not in err
