"""``proposalnlp match --batch``: a year's proposals and replies checked at once, one summary row each.

Texts are invented for these tests (a proposal office's CSV export: 编号, 提案, 答复)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from proposalnlp import match
from proposalnlp.cli import main

#: the second suggestion of the first proposal is ignored by its reply; the third row's reply is empty
ROWS = [
    (
        "2024-017",
        "一、加强基层医护人才培养。建议每年定向培养乡村医生，并给予生活补助。"
        "二、推进智慧医疗建设。建议建设县域远程会诊平台，连通乡镇卫生院。",
        "一、关于基层医护人才培养。今年起我委每年定向培养乡村医生120名，在岗期间按月发放生活补助。感谢您的关心。",
    ),
    (
        "2024-031",
        "建议增加农村客运班次，方便群众出行。",
        "县交通局：您提出的建议收悉。我局已调整农村客运线路，每日班次由8班增加到14班。",
    ),
    ("2024-052", "建议在老城区增设公共停车位。", "   "),
]


def _write(path: Path, rows: list[tuple[str, str, str]], header: tuple[str, ...] = ("编号", "提案", "答复")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _args(path: Path, *more: str) -> list[str]:
    return [
        "match",
        "--batch",
        str(path),
        "--id-column",
        "编号",
        "--proposal-column",
        "提案",
        "--reply-column",
        "答复",
        "--no-themes",
        *more,
    ]


def test_batch_summary_rows_agree_with_match(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "pairs.csv", ROWS[:2])
    assert main(_args(path)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t")[:5] == ["编号", "建议数", "已答复", "部分答复", "未答复"]
    assert len(lines) == 3
    for (rid, proposal, reply), line in zip(ROWS[:2], lines[1:], strict=True):
        al = match(proposal, reply)
        cov = al.coverage
        cells = line.split("\t")
        assert cells[0] == rid
        assert [int(c) for c in cells[1:5]] == [cov["total"], cov["answered"], cov["partly"], cov["unanswered"]]
        missing = [m.suggestion.id for m in al.suggestions if m.verdict == "unanswered"]
        assert cells[5] == (",".join(missing) or "-")
    # the ignored 智慧医疗 suggestion is the one named
    assert lines[1].split("\t")[5] == "P2"


def test_batch_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "pairs.csv", ROWS[:2])
    assert main(_args(path, "--json")) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert [r["编号"] for r in rows] == ["2024-017", "2024-031"]
    first = rows[0]
    assert first["coverage"]["total"] == len(first["suggestions"]) == 2
    assert {s["verdict"] for s in first["suggestions"]} <= {"answered", "partly", "unanswered"}
    assert all(0.0 <= s["probability"] <= 1.0 for s in first["suggestions"])


def test_batch_bad_row_fails_and_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "pairs.csv", ROWS)
    assert main(_args(path)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # held back: no half table
    assert "第 4 行" in captured.err and "答复" in captured.err and "--on-error" in captured.err


@pytest.mark.parametrize("mode", ["skip", "report"])
def test_batch_bad_row_skipped_or_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    path = _write(tmp_path / "pairs.csv", ROWS)
    assert main(_args(path, "--on-error", mode, "--json")) == 1  # a bad row: exit 1, the rest done
    captured = capsys.readouterr()
    rows = [json.loads(x) for x in captured.out.strip().splitlines()]
    expected = ["2024-017", "2024-031", "2024-052"] if mode == "report" else ["2024-017", "2024-031"]
    assert [r["编号"] for r in rows] == expected
    if mode == "report":
        assert rows[2]["line"] == 4 and "答复" in rows[2]["error"]
    assert "1" in captured.err and "3" in captured.err


def test_batch_document_without_reply_is_a_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A one-text row with no reply part is refused by the matcher: a bad row naming its line, not a traceback;
    a row whose proposal holds no suggestion is a summary of 0 suggestions."""
    good = "提案内容：\n" + ROWS[1][1] + "\n答复内容：\n" + ROWS[1][2]
    lines = [{"text": good}, {"text": ROWS[0][1]}, {"text": "提案内容：\n。。。\n答复内容：\n我们已办理。"}]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert main(["match", "--batch", str(path), "--text-column", "text", "--no-themes", "--on-error", "report"]) == 1
    captured = capsys.readouterr()
    rows = [line.split("\t") for line in captured.out.strip().splitlines()[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert rows[1][1] == "错误" and "第 2 行" in rows[1][2]
    assert rows[2][1] == "0"  # no suggestion found: nothing to answer, said as such
    assert "Traceback" not in captured.err


def test_batch_one_text_column_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = "提案内容：\n" + ROWS[1][1] + "\n答复内容：\n" + ROWS[1][2]
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": doc}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["match", "--batch", str(path), "--text-column", "text", "--no-themes"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].split("\t")[0] == "1"


def test_batch_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "pairs.csv", ROWS[:1])
    assert main(["match", "--batch", str(path), "--example"]) == 2
    odd = tmp_path / "pairs.dat"
    odd.write_text("x", encoding="utf-8")
    assert main(["match", "--batch", str(odd)]) == 2
    assert "--format" in capsys.readouterr().err
    # thresholds out of order are a usage error of the command, not an error of every row
    assert main(["match", "--batch", str(path), "--answered", "0.2", "--partly", "0.6", "--on-error", "skip"]) == 2
    capsys.readouterr()
    # a missing column is named before any row is matched
    assert main(["match", "--batch", str(path)]) == 1
    assert "proposal" in capsys.readouterr().err


def test_batch_html_folder_one_report_per_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # an id a file name cannot hold as it is, and an id given twice: no report overwrites another
    rows = [*ROWS[:2], ("a/b:c", ROWS[1][1], ROWS[1][2]), ("2024-031", ROWS[0][1], ROWS[0][2])]
    path = _write(tmp_path / "pairs.csv", rows)
    out = tmp_path / "reports"
    assert main(_args(path, "--html", str(out))) == 0
    capsys.readouterr()
    pages = sorted(p.name for p in out.iterdir())
    assert pages == ["2024-017.html", "2024-031-2.html", "2024-031.html", "a_b_c.html"]
    page = (out / "2024-017.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html")
    assert "P2" in page and "未答复" in page
