"""A user's day, fourth round (task s14-qa): what the analyst at the command line, the developer of an HTTP client
and the clerk at the web page still met after round three.

Every text here is hand-written for the test (invented names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli as _run
from cli_helpers import service_client
from proposalnlp.document import parse
from proposalnlp.errors import InputValueError, ModelError
from proposalnlp.matching import match
from proposalnlp.matching.answer import cue_of
from proposalnlp.matching.report import render_text
from proposalnlp.messages import error_text
from proposalnlp.messages import text as msg

PAGE = (
    "关于加快城西片区停车场建设的提案\n"
    "提案内容：\n"
    "一、建议在城西片区新建两处公共停车场，缓解居民停车难。\n"
    "二、建议加大对老旧小区停车位改造的资金投入。\n"
    "答复内容：\n"
    "张某委员：\n您提出的关于加快城西片区停车场建设的提案收悉，现答复如下：\n"
    "一、城西片区两处公共停车场已完成选址，今年开工建设。\n"
    "二、市财政已安排老旧小区停车位改造资金六百万元。\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


# -- 1. a bad row of a batch file is said in the user's language; the JSON keys stay -----------------------------


@pytest.fixture
def bad_rows(tmp_path: Path) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "加大财政投入"}\n{"text": null}\n[1]\n{"text": "引进人才"}\n', encoding="utf-8")
    return path


def test_bad_row_marker_and_reason_are_chinese_in_the_table(bad_rows: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["classify", "--file", str(bad_rows), "--on-error", "report"], capsys)
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert code == 1 and [r[1] for r in rows[1:3]] == ["错误", "错误"]
    assert rows[1][2] == f"{bad_rows}，第 2 行：'text' 为 null（没有值）"
    assert rows[2][2] == f"{bad_rows}，第 3 行：应为 JSON 对象 {{…}}，实际为 list"
    assert "第一个错误：" + rows[1][2] in err


def test_bad_row_in_english_is_as_before(bad_rows: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(["classify", "--file", str(bad_rows), "--on-error", "report", "--lang", "en"], capsys)
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert code == 1 and rows[1][1:3] == ["ERROR", f"{bad_rows}, line 2: 'text' is null"]
    assert rows[2][2] == f"{bad_rows}, line 3: expected a JSON object, got list"


def test_bad_row_json_records_keep_their_keys(bad_rows: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(["classify", "--file", str(bad_rows), "--on-error", "report", "--json"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and set(records[1]) == {"row", "line", "error"} and records[1]["line"] == 2
    assert records[1]["error"].endswith("第 2 行：'text' 为 null（没有值）")


def test_match_batch_bad_row_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text('proposal,reply\n建议加大投入,\n"建议,x\n', encoding="utf-8")
    code, out, err = _run(["match", "--batch", str(path), "--on-error", "report", "--no-themes"], capsys)
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert code == 1 and rows[0] == ["1", "错误", f"{path}，第 2 行：'reply' 为空"]
    assert rows[1][1:] == ["错误", f"{path}，第 3 行：引号没有闭合（带引号的字段一直延续到文件末尾）"]
    code, out, err = _run(["match", "--batch", str(path), "--no-themes"], capsys)
    assert code == 1 and out == "" and f"{path}，第 2 行：'reply' 为空（用 --on-error skip" in err


def test_train_skipped_row_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "train.csv"
    path.write_text("text,label\n加强人才培养,a\n,b\n加大资金投入,b\n加强人才引进,a\n", encoding="utf-8")
    code, _out, err = _run(["train", str(path), "-o", str(tmp_path / "m"), "--on-error", "skip"], capsys)
    assert code == 1 and f"跳过了 1 个有错误的行（第一个错误：{path}，第 3 行：'text' 为空）" in err


def test_empty_label_row_is_said_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "train.csv"
    path.write_text("text,label\n加强人才培养,a\n加大资金投入,\n", encoding="utf-8")
    code, _out, err = _run(["train", str(path), "-o", str(tmp_path / "m")], capsys)
    assert code == 1 and f"{path}，第 3 行：标签为空；" in err and "--label-sep" in err


# -- 2. the service's /match answer has the title the CLI's --json has --------------------------------------------


def test_api_match_has_the_cli_title(client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _err = _run(["match", str(page), "--json"], capsys)
    assert code == 0
    answer = client.post("/match", json={"proposal": PAGE}).json()
    assert answer["title"] == json.loads(out)["title"] == "关于加快城西片区停车场建设的提案"
    untitled = client.post("/match", json={"proposal": "建议加大投入。", "reply": "已安排资金。"}).json()
    assert "title" in untitled and untitled["title"] is None


# -- 3. library messages that reach the command line are in the catalogue ---------------------------------------


@pytest.mark.parametrize(
    ("rows", "zh", "en"),
    [
        ("text,label\n加强人才培养,人才\n", "训练至少需要 2 条文本", "need at least 2 training texts, got 1"),
        ("text,label\n加强人才培养,人才\n加大资金,人才\n", "单标签训练至少需要 2 个类别", "at least 2 classes"),
        ("text,label\n。。。,a\n！！,b\n", "训练文本中提取不到任何特征", "the training texts give no features"),
    ],
)
def test_training_refusals_are_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, zh: str, en: str
) -> None:
    path = tmp_path / "data.csv"
    path.write_text(rows, encoding="utf-8")
    code, _out, err = _run(["train", str(path), "-o", str(tmp_path / "m")], capsys)
    assert code == 1 and err.startswith("proposalnlp train：错误：无法用这些数据训练模型：" + zh), err
    code, _out, err = _run(["train", str(path), "-o", str(tmp_path / "m"), "--lang", "en"], capsys)
    assert code == 1 and en in err and "X:" not in err


def test_no_labels_names_the_label_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text('{"text": "加强人才", "label": []}\n{"text": "加大资金", "label": []}\n', encoding="utf-8")
    code, _out, err = _run(["train", str(path), "-o", str(tmp_path / "m"), "--lang", "en"], capsys)
    assert code == 1 and "in y" not in err and "--label-column" in err
    from proposalnlp import ThemeClassifier

    with pytest.raises(InputValueError, match="no labels at all in y"):  # the library keeps Python's words
        ThemeClassifier().fit(["加强人才", "加大资金"], [[], []])


def test_missing_default_model_names_the_model_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from proposalnlp.themes import api

    monkeypatch.setattr(api, "_default", None)
    monkeypatch.setattr(api, "default_model_path", lambda: tmp_path)
    with pytest.raises(ModelError) as caught:
        api.load_model()
    assert "pass model=path" in str(caught.value)
    shown = error_text(caught.value, "zh", where="cli")
    assert "默认主题模型缺失" in shown and "--model" in shown and "model=path" not in shown
    assert "--model" in error_text(caught.value, "en", where="cli")


# -- 5. the 413 page has the same Content-Security-Policy as the other pages -----------------------------------


def test_upload_over_the_limit_page_has_the_csp() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    with TestClient(create_app(max_bytes=4096, max_upload_bytes=4096), base_url="http://localhost") as small:
        form = small.get("/")
        files = {"proposal_file": ("big.txt", ("建议" * 2000).encode("utf-8"))}
        r = small.post("/check?lang=zh", data={"lang": "zh"}, files=files, follow_redirects=False)
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
        assert r.headers["content-security-policy"] == form.headers["content-security-policy"]


# -- 6. the cue that explains a verdict names a plan when nothing is done yet ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("目前没有这方面的项目，我们将积极争取立项。", "plan"),
        ("目前正在抓紧协调，争取年内开工。", "plan"),
        ("该路段已完成修复，下一步将继续加强管理。", "action"),
        ("目前正在施工。", "action"),
        ("已列入明年计划，目前正在设计。", "plan"),
        ("目前暂不具备建设条件。", "refusal"),
    ],
)
def test_cue_of_a_plan_without_anything_done(sentence: str, cue: str) -> None:
    assert cue_of(sentence) == cue


def test_report_explains_a_plan_as_a_plan() -> None:
    al = match(["建议在城西新建一处体育公园。"], ["关于城西体育公园，目前没有这方面的项目，我们将积极争取立项。"])
    sm = al.suggestions[0]
    assert sm.cue == "plan"
    shown = render_text(al, lang="zh")
    assert msg("report.cue", "zh", cue=msg("cue.plan", "zh")) in shown and msg("cue.action", "zh") not in shown


def test_parse_stays_as_it_was() -> None:  # a guard: the page above is a proposal and its reply
    doc = parse(PAGE)
    assert len(doc.suggestions) == 2 and doc.reply


# -- 4. a batch of whole proposals classified row by row gets a note pointing at --document -----------------------

_TOPICS = ("城西片区停车场", "社区养老服务中心", "中小学课后服务", "农村公路养护", "老旧小区加装电梯", "公共图书馆分馆")


def _proposal(k: int) -> str:
    """A hand-written proposal of several paragraphs, well over 500 characters."""
    topic = _TOPICS[k % len(_TOPICS)]
    background = f"近年来，我市{topic}建设取得了一定成效，但与群众的期待相比仍有差距，" * 8
    items = [
        f"一、建议加大对{topic}的财政资金投入，设立专项资金，对建设和运营给予补助，并建立稳定的经费保障机制。" * 2,
        f"二、建议加强{topic}专业人才队伍建设，引进和培养一批懂管理、会服务的专业人员，完善激励措施。" * 2,
        f"三、建议加强{topic}的宣传引导，通过报纸、电视、网络等多种渠道宣传政策，提高群众的知晓率和参与度。" * 2,
    ]
    return f"关于加快{topic}建设的提案\n{background}\n" + "\n".join(items) + "\n"


def _batch(tmp_path: Path, texts: list[str]) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return path


def test_the_proposal_rows_are_documents() -> None:
    from proposalnlp.cli.classify_cmd import DOCUMENT_MIN_CHARS, document_units

    text = _proposal(0)
    assert len(text) > DOCUMENT_MIN_CHARS and document_units(text) >= 3
    assert document_units(text[:400]) == 0 and document_units("加大财政投入。" * 100) == 0  # short, or one unit


def test_batch_of_whole_proposals_gets_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _batch(tmp_path, [*(_proposal(k) for k in range(5)), "加大财政投入", "加大财政投入"])
    code, out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 0 and len(out.splitlines()) == 1 + 7
    assert "提示：前 7 行中有 5 行是完整的文档" in err and "--document" in err
    code, _out, err = _run(["classify", "--file", str(path), "--lang", "en"], capsys)
    assert code == 0 and "note: 5 of the first 7 rows are whole documents" in err and "--document" in err
    code, _out, err = _run(["classify", "--file", str(path), "--json"], capsys)
    assert code == 0 and "--document" in err  # on stderr: the JSON lines stay clean


def test_no_note_for_short_rows_or_with_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _batch(tmp_path, [_proposal(0), _proposal(1), "加大财政投入", "加强人才培养", "引进人才"])
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 0 and err == ""  # two of five: not most rows
    path = _batch(tmp_path, [_proposal(k) for k in range(3)])
    code, _out, err = _run(["classify", "--file", str(path), "--document"], capsys)
    assert code == 0 and err == ""


def test_a_whole_proposal_file_gets_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.txt"
    path.write_text(_proposal(2), encoding="utf-8")
    code, out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 0 and out.startswith("主题：") and "提示：这是一份完整的文档" in err and "--document" in err
    code, _out, err = _run(["classify", "--file", str(path), "--document"], capsys)
    assert code == 0 and err == ""
    code, _out, err = _run(["classify", "加大财政投入，设立专项资金"], capsys)
    assert code == 0 and err == ""


# -- the analyst's odd files: an empty file, a Word file or web page with no text, an old .doc on the web page -----


def _docx_without_text() -> bytes:
    docx = pytest.importorskip("docx")
    import io

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


_NO_BODY = (
    "<html><head><title>关于某事的答复</title><script>var a = 1;</script></head><body><nav>首页</nav></body></html>"
)


@pytest.mark.parametrize("command", [["parse"], ["classify", "--file"], ["match"]])
def test_a_zero_byte_pdf_is_said_to_be_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "答复.pdf"
    path.write_bytes(b"")
    code, out, err = _run([*command, str(path)], capsys)
    assert code == 1 and out == "" and f"{path}：文件为空或只有空白" in err and ".pdf 文件" not in err


@pytest.mark.parametrize("name", ["提案.docx", "答复.html"])
def test_a_document_without_text_is_not_called_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(_docx_without_text() if name.endswith(".docx") else _NO_BODY.encode("utf-8"))
    code, _out, err = _run(["parse", str(path)], capsys)
    assert code == 1 and "文件中没有可读取的文字" in err and "文件为空" not in err
    code, _out, err = _run(["match", str(path), "--lang", "en"], capsys)
    assert code == 1 and "the file holds no text to read" in err


def _form_error(client: Any, lang: str, files: dict[str, Any]) -> str:
    import html
    import re

    r = client.post(f"/check?lang={lang}", data={"lang": lang}, files=files, follow_redirects=False)
    assert r.status_code == 422
    found = re.search(r"class=.error.[^>]*>(.*?)</", r.text, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def test_web_upload_of_an_empty_word_file(client: Any) -> None:
    shown = _form_error(client, "zh", {"proposal_file": ("提案.docx", b"")})  # chosen, but of no bytes
    assert "提案.docx" in shown and msg("err.empty_text", "zh") in shown and "内容不是" not in shown
    shown = _form_error(client, "zh", {"proposal_file": ("提案.docx", _docx_without_text())})
    assert "文件中没有可读取的文字" in shown
    shown = _form_error(client, "en", {"proposal_file": ("reply.html", _NO_BODY.encode("utf-8"))})
    assert "the file holds no text to read" in shown


def test_web_upload_of_an_old_doc_says_how_to_save_it(client: Any) -> None:
    shown = _form_error(client, "zh", {"proposal_file": ("提案.doc", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))})
    assert "另存为 .docx 后再上传" in shown and "不支持的文件类型" not in shown


@pytest.mark.parametrize(
    "command",
    [["train", "{f}", "-o", "{m}"], ["evaluate", "{m}", "{f}"], ["match", "--batch", "{f}"]],
)
def test_a_document_given_for_a_table_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    doc = tmp_path / "提案.docx"
    doc.write_bytes(b"PK\x03\x04 not really")
    args = [c.replace("{f}", str(doc)).replace("{m}", str(tmp_path / "m")) for c in command]
    code, out, err = _run(args, capsys)
    assert code == 2 and out == "" and f"{doc} 是一份文档（.docx），不是数据表" in err


def test_a_word_file_forced_to_be_a_table_is_said_to_be_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "提案.docx"
    doc.write_bytes(b"PK\x03\x04" + bytes(100))
    code, out, err = _run(["classify", "--file", str(doc), "--format", "csv"], capsys)
    assert code == 1 and out == "" and "这是 PDF 或 Word 文档，不是 CSV/TSV/JSONL 数据表" in err
    assert "请给出文本文件（.txt）、Word（.docx）" not in err  # it had asked for what it was given


def test_an_old_doc_in_a_folder_is_named_not_passed_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    (tmp_path / "~$a.doc").write_bytes(b"lock")  # Word's lock file: not a document
    code, out, err = _run(["match", str(tmp_path), "--on-error", "report", "--no-themes"], capsys)
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert code == 1 and [r[0] for r in rows] == [str(tmp_path / "a.txt"), str(tmp_path / "b.doc")]
    assert rows[1][1] == "错误" and "另存为 .docx" in rows[1][2] and "~$" not in out
    code, _out, err = _run(["parse", str(tmp_path)], capsys)
    assert code == 1 and "b.doc" in err and "另存为 .docx" in err


def test_the_coverage_notebook_names_what_the_command_line_prints() -> None:
    cells = json.loads((Path(__file__).parents[1] / "notebooks" / "02-reply-coverage.ipynb").read_text("utf-8"))
    markdown = ["".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "markdown"]
    said = [s for s in markdown if "proposalnlp match" in s]
    assert said and all("render_text" in s for s in said)  # report() is the library's English summary (README)


def test_batch_html_reports_are_said_where_they_went(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "docs" / name).write_text(PAGE, encoding="utf-8")
    out_dir = tmp_path / "reports"
    code, out, err = _run(["match", str(tmp_path / "docs"), "--html", str(out_dir), "--no-themes"], capsys)
    assert code == 0 and sorted(p.name for p in out_dir.iterdir()) == ["a.html", "b.html"]
    assert f"2 份 HTML 报告已写入文件夹 {out_dir}" in err and str(out_dir) not in out  # stdout stays the table


def test_a_jsonl_without_the_column_is_named_in_one_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"message": "加大财政投入"}\n', encoding="utf-8")
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and f"{path}：没有 'text' 列" in err and "line" not in err
