"""A user's day, ninth round (task s17-qa3): batch tables' id columns, the batch columns in ``match --help``, and a
new user's table of 200 rows, awkward cells among them, through ``classify`` and the service.

Every text here is hand-written for the test (invented names, places and numbers); nothing of the shared corpus."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli as _run
from cli_helpers import service_client

PROPOSAL = (
    "关于完善社区养老服务的提案\n建议：\n一、在每个街道建设一所嵌入式养老服务中心。\n二、为独居老人安装紧急呼叫设备。\n"
)
REPLY = (
    "郑文涛委员：\n"
    "您提出的《关于完善社区养老服务的提案》收悉，现答复如下：\n"
    "一、今年我局在十二个街道新建嵌入式养老服务中心十二所。\n"
    "二、全区已为三千二百名独居老人安装紧急呼叫设备。\n"
    "感谢您对民政工作的关心和支持。\n"
    "区民政局\n"
    "2026年6月3日\n"
)


def _table(tmp_path: Path, header: list[str], rows: list[list[str]], name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# -- 1. a table with a plain id column names its rows (and reports) by it without --id-column -----------------------


@pytest.mark.parametrize("id_name", ["编号", "提案号", "建议号", "id", " ID "])
def test_match_batch_names_rows_by_a_plain_id_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], id_name: str
) -> None:
    path = _table(
        tmp_path,
        ["提案人", id_name, "proposal", "reply"],
        [
            ["郑文涛", "2026-101", PROPOSAL, REPLY],
            ["郑文涛", "2026-102", PROPOSAL, REPLY],
        ],
    )
    out_dir = tmp_path / "reports"
    code, out, err = _run(["match", "--batch", str(path), "--no-themes", "--html", str(out_dir)], capsys)
    assert code == 0, err
    table = list(csv.reader(out.splitlines(), delimiter="\t"))
    assert table[0][0] == "编号"
    assert [r[0] for r in table[1:]] == ["2026-101", "2026-102"]
    assert sorted(p.name for p in out_dir.iterdir()) == ["2026-101.html", "2026-102.html"]
    assert f"“{id_name.strip()}”列" in err and "--id-column" in err  # said which column, and how to choose another
    code, out, err = _run(["match", "--batch", str(path), "--no-themes", "--json"], capsys)
    assert [json.loads(line)[id_name.strip()] for line in out.splitlines()] == ["2026-101", "2026-102"]


def test_the_most_telling_id_column_wins_and_a_blank_id_falls_back_to_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _table(
        tmp_path,
        ["序号", "提案号", "proposal", "reply"],
        [
            ["1", "2026-201", PROPOSAL, REPLY],
            ["2", "  ", PROPOSAL, REPLY],
        ],
    )
    code, out, err = _run(["match", "--batch", str(path), "--no-themes"], capsys)
    assert code == 0, err
    assert [r.split("\t")[0] for r in out.splitlines()[1:]] == ["2026-201", "2"]
    assert "“提案号”列" in err


def test_a_table_without_an_id_column_is_numbered_and_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _table(tmp_path, ["提案人", "proposal", "reply"], [["郑文涛", PROPOSAL, REPLY]])
    code, out, err = _run(["match", "--batch", str(path), "--no-themes"], capsys)
    assert code == 0, err
    assert out.splitlines()[0].split("\t")[0] == "行" and out.splitlines()[1].split("\t")[0] == "1"
    assert "--id-column" not in err


def test_an_explicit_id_column_wins_over_the_plain_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _table(tmp_path, ["编号", "案卷", "proposal", "reply"], [["2026-301", "卷七", PROPOSAL, REPLY]])
    code, out, err = _run(["match", "--batch", str(path), "--no-themes", "--id-column", "案卷"], capsys)
    assert code == 0, err
    assert out.splitlines()[1].split("\t")[0] == "卷七"
    assert "提示" not in err


def test_classify_batch_names_rows_by_a_plain_id_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["J-7", "建议加大对乡村学校的投入。"], ["J-8", "建议引进急需紧缺人才。"]]
    path = _table(tmp_path, ["建议号", "text"], rows)
    code, out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 0, err
    assert [r.split("\t")[0] for r in out.splitlines()] == ["编号", "J-7", "J-8"]
    assert "“建议号”列" in err
    code, out, err = _run(["classify", "--file", str(path), "--json"], capsys)
    assert [json.loads(line)["建议号"] for line in out.splitlines()] == ["J-7", "J-8"]


def test_a_jsonl_batch_with_an_id_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rows.jsonl"
    lines = [{"id": 41, "text": "建议加大对乡村学校的投入。"}, {"id": 42, "text": "建议引进急需紧缺人才。"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    code, out, err = _run(["classify", "--file", str(path), "--json"], capsys)
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == [41, 42]


# -- 2. match --help says which columns a batch is read for and which it writes ----------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            ["读取的列", "proposal", "reply", "--text-column", "提案号", "输出", "建议数", "未答复的建议", "其中客套"],
        ),
        (
            "en",
            ["read for", "proposal", "reply", "--text-column", "id", "written", "suggestions", "of them framing"],
        ),
    ],
)
def test_match_help_lists_the_batch_columns(capsys: pytest.CaptureFixture[str], lang: str, words: list[str]) -> None:
    code, out, _ = _run(["--lang", lang, "match", "--help"], capsys)
    assert code == 0
    flat = "".join(out.split())  # the help is wrapped: compare without the line breaks
    for word in words:
        assert "".join(word.split()) in flat, word


# -- 3. a new user's table of 200 rows, awkward cells among them: through classify and through the service ----------

OPENINGS = (
    "建议设立乡村教师专项津贴，稳定偏远学校师资。",
    "建议扩大中小企业技术改造贴息资金规模。",
    "建议在社区开展反诈骗宣传，提高老年人防范意识。",
    "建议建设区域性中试平台，推动科研成果转化。",
)
LONG = "建议加大财政对基层医疗机构的投入。" * 11_765  # 200,005 characters
BLANK, SPACES, LONG_AT, FOREIGN_AT = 17, 58, 101, 150


def _awkward_texts() -> list[str]:
    texts = [f"{OPENINGS[i % 4]}（第{i + 1}号）" for i in range(200)]
    texts[BLANK], texts[SPACES], texts[LONG_AT] = "", "   \u3000 ", LONG
    texts[FOREIGN_AT] = "We propose a special allowance for teachers in remote villages."
    return texts


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_classify_a_table_of_200_awkward_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    texts = _awkward_texts()
    ids = [f"Z{k:03d}" for k in range(1, 201)]
    if fmt == "csv":
        path = _table(tmp_path, ["提案号", "text"], [[i, t] for i, t in zip(ids, texts, strict=True)], "rows.csv")
    else:
        path = tmp_path / "rows.jsonl"
        lines = [json.dumps({"提案号": i, "text": t}, ensure_ascii=False) for i, t in zip(ids, texts, strict=True)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run(["classify", "--file", str(path), "--json", "--on-error", "report"], capsys)
    assert code == 1  # bad rows were reported
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["提案号"] for r in rows] == ids  # nothing lost, the input's order, its ids
    bad = [k for k, r in enumerate(rows) if "error" in r]
    assert bad == [BLANK, SPACES]
    assert all("为空" in rows[k]["error"] for k in bad)
    assert "200 行中有 2 行有错误" in err
    line = FOREIGN_AT + (2 if fmt == "csv" else 1)  # below the header, or the first line
    assert "有 1 行不含汉字" in err and f"{path}:{line}" in err  # its "no theme" is said to mean nothing
    assert rows[LONG_AT]["themes"] and rows[FOREIGN_AT]["themes"] == []  # read whole; no theme, no error


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


def test_the_service_names_every_blank_text_of_a_batch(client: Any) -> None:
    texts = _awkward_texts()
    got = client.post("/classify", json={"texts": texts})
    assert got.status_code == 422
    body = got.json()
    assert body["key"] == "api.classify.blank_texts" and body["error"] == "EmptyInputError"
    assert f"[{BLANK}, {SPACES}]" in body["detail"] and "errors=" not in body["detail"]  # no Python advice
    assert f"第 {BLANK + 1}, {SPACES + 1} 项" in body["message"] and "2 项" in body["message"]
    english = client.post("/classify?lang=en", json={"texts": texts}).json()["message"]
    assert f"texts[{BLANK}, {SPACES}]" in english
    kept = [t for k, t in enumerate(texts) if k not in (BLANK, SPACES)]
    got = client.post("/classify", json={"texts": kept})
    assert got.status_code == 200
    predictions = got.json()["predictions"]
    assert len(predictions) == 198 and predictions[FOREIGN_AT - 2]["themes"] == []


def test_a_guessed_id_column_keeps_the_row_key_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Scripts that read a batch's JSON lines by "row" keep working when an id column is found by its name: the
    line carries the id under the column's name and the row number under "row" (an explicit --id-column does not)."""
    path = tmp_path / "batch.csv"
    path.write_text(
        "编号,text\nA-17,建议加大对中小学教师培训的财政投入。\nA-18,希望加强科普宣传，提升群众科学素养。\n",
        encoding="utf-8",
    )
    code, out, _ = _run(["classify", "--file", str(path), "--json"], capsys)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0
    assert [(x["编号"], x["row"]) for x in lines] == [("A-17", 1), ("A-18", 2)]
    code, out, _ = _run(["classify", "--file", str(path), "--json", "--id-column", "编号"], capsys)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [x["编号"] for x in lines] == ["A-17", "A-18"] and all("row" not in x for x in lines)


def test_a_guessed_id_column_keeps_the_row_key_in_match_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same for match --batch --json: the id under its column's name, the row number under "row"."""
    path = tmp_path / "pairs.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["提案号", "proposal", "reply"])
        w.writerow(["T-3", PROPOSAL, REPLY])
    code, out, _ = _run(["match", "--batch", str(path), "--json", "--no-themes"], capsys)
    line = json.loads(out.splitlines()[0])
    assert code == 0 and line["提案号"] == "T-3" and line["row"] == 1
