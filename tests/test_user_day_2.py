"""A user's day, second round (task s12-i18n): Chinese words in the Chinese tables, tables that stay in line
with Chinese labels, and a bad pair of ``match_many`` named in its error.

Every text here is hand-written for the test (invented names and numbers)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from proposalnlp.cli import main
from proposalnlp.document import KINDS, PARTS, example_text, parse
from proposalnlp.errors import EmptyInputError, InputTypeError, InputValueError
from proposalnlp.matching import match_many
from proposalnlp.messages import error_text
from proposalnlp.messages import text as msg
from proposalnlp.themes.metrics import format_evaluation, metrics

GOOD = ("建议加大对社区养老服务的资金投入。", "今年市财政安排社区养老专项资金八百万元。")
MACHINE_WORDS = set(PARTS) | set(KINDS)


def _cols(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


# -- 1. the part and kind of a unit in Chinese in the Chinese outline and table ---------------------------------


def _unit_rows(out: str) -> list[list[str]]:
    """The unit rows of an outline (not the # lines, not the header row), split on spaces."""
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    return [line.split() for line in lines[1:]]


def test_parse_outline_shows_part_and_kind_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--example"]) == 0
    rows = _unit_rows(capsys.readouterr().out)
    doc = parse(example_text())
    assert [r[0] for r in rows] == [u.id for u in doc.units]
    for row, unit in zip(rows, doc.units, strict=True):
        assert row[1] == msg(f"unit.part.{unit.part}", "zh") and row[1] in ("提案", "答复")
        assert row[2] == msg(f"unit.kind.{unit.kind}", "zh")
        assert row[1] not in MACHINE_WORDS and row[2] not in MACHINE_WORDS
    assert {r[2] for r in rows} >= {"背景", "问题", "建议", "开头", "下一步", "结尾"}


def test_parse_outline_chinese_columns_line_up(capsys: pytest.CaptureFixture[str]) -> None:
    """The text of every unit starts at the same terminal column (after its level's indent)."""
    assert main(["parse", "--example", "--width", "12"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line and not line.startswith("#")]
    doc = parse(example_text())
    for line, unit in zip(lines[1:], doc.units, strict=True):
        flat = " ".join(unit.text.split())
        at = line.index(flat[:6])
        assert _cols(line[:at]) - 2 * (unit.level - 1) == 8 + 1 + 8 + 1 + 10 + 1, line


def test_parse_outline_english_and_json_keep_machine_names(capsys: pytest.CaptureFixture[str]) -> None:
    doc = parse(example_text())
    assert main(["parse", "--example", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    rows = _unit_rows(out)
    assert [(r[0], r[1], r[2]) for r in rows] == [(u.id, u.part, u.kind) for u in doc.units]
    for line, unit in zip(out.splitlines()[-len(doc.units) - 1 : -1], doc.units, strict=True):
        indent = "  " * (unit.level - 1)
        assert line.startswith(f"{indent}{unit.id:<8} {unit.part:<8} {unit.kind:<10} ")  # today's layout
    assert main(["parse", "--example", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(u["part"], u["kind"]) for u in data["units"]] == [(u.part, u.kind) for u in doc.units]


def test_every_part_and_kind_has_both_languages() -> None:
    for part in PARTS:
        assert msg(f"unit.part.{part}", "en") == part and msg(f"unit.part.{part}", "zh") != part
    for kind in KINDS:
        assert msg(f"unit.kind.{kind}", "en") == kind and msg(f"unit.kind.{kind}", "zh") != kind


def test_classify_document_table_shows_kind_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(example_text(), encoding="utf-8")
    doc = parse(example_text())
    kinds = {u.id: u.kind for u in doc.units}
    for lang in ("zh", "en"):
        assert main(["classify", "--file", str(path), "--document", "--lang", lang]) == 0
        out = capsys.readouterr().out.splitlines()
        header = out.index("\t".join(msg(c, lang) for c in ("col.id", "col.kind", "col.themes", "col.text")))
        rows = [line.split("\t") for line in out[header + 1 :]]
        assert rows and all(len(r) == 4 for r in rows)
        for r in rows:
            want = msg(f"unit.kind.{kinds[r[0]]}", "zh") if lang == "zh" else kinds[r[0]]
            assert r[1] == want
        if lang == "zh":
            assert not {r[1] for r in rows} & MACHINE_WORDS


# -- 2. the evaluate table stays in line with Chinese labels ----------------------------------------------------


def _starts(line: str, token: str) -> int:
    """The terminal column where ``token`` starts in ``line``."""
    return _cols(line[: line.index(token)])


def test_format_evaluation_lines_up_with_chinese_labels_single() -> None:
    labels = ["人才", "资金", "宣传与意识"]
    truth = ["人才", "资金", "宣传与意识", "人才", "资金"]
    pred = ["人才", "人才", "宣传与意识", "人才", "资金"]
    table = format_evaluation(metrics(labels, truth, pred, True)).splitlines()
    head = table[0]
    rows = table[1 : 1 + len(labels) + 2]  # labels, then macro and micro avg
    ends = {_cols(r) for r in rows}
    assert ends == {_cols(head)}, table
    for r in rows:  # the numbers right-aligned under their headings
        first = r.split()[-4]
        assert _starts(r, first) + len(first) == _starts(head, "precision") + len("precision"), r
    at = table.index("confusion matrix (rows: true, columns: predicted)")
    matrix = table[at + 1 : at + 2 + len(labels)]
    assert len({_cols(line) for line in matrix}) == 1, matrix
    for lab, line in zip(labels, matrix[1:], strict=True):
        assert line.startswith(lab)


def test_format_evaluation_lines_up_with_chinese_labels_multi() -> None:
    labels = ["人才", "宣传与意识"]
    truth = [["人才"], ["宣传与意识"], [], ["人才", "宣传与意识"]]
    pred = [["人才"], [], [], ["人才"]]
    table = format_evaluation(metrics(labels, truth, pred, False)).splitlines()
    assert {_cols(r) for r in table[: 1 + len(labels) + 2]} == {_cols(table[0])}, table
    at = table.index("confusion per label")
    block = table[at + 1 : at + 2 + len(labels)]
    assert len({_cols(line) for line in block}) == 1, block


# -- 3. match_many(errors="raise") names the bad pair ---------------------------------------------------------


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_match_many_raise_names_the_bad_pair(n_jobs: int) -> None:
    with pytest.raises(EmptyInputError) as caught:
        match_many([GOOD, GOOD, ("   ", GOOD[1])], n_jobs=n_jobs, chunk_size=1)
    assert str(caught.value).startswith("pairs[2]: ")
    assert caught.value.key == "err.empty_text"  # the catalogue key stays: the Chinese message still shows
    assert error_text(caught.value, "zh") == "pairs[2]：" + msg("err.empty_text", "zh")  # the pair named too


def test_match_many_raise_names_a_non_pair_and_a_missing_reply() -> None:
    with pytest.raises(InputTypeError, match=r"^pairs\[1\]: each item of match_many"):
        match_many([GOOD, 5])
    with pytest.raises(InputValueError, match=r"^pairs\[0\]: ") as caught:
        match_many([GOOD[0] + "\n", GOOD])
    assert caught.value.key == "err.no_reply"
    with pytest.raises(EmptyInputError) as skipped_first:  # one pair: still named
        match_many([("", GOOD[1])])
    assert str(skipped_first.value).startswith("pairs[0]: ")
