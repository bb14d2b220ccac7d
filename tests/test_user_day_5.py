"""A user's day, fifth round (task s15-qa): what an analyst following the README met after round four.

Every text here is hand-written for the test (invented names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli as _run
from cli_helpers import service_client
from proposalnlp.document import parse
from proposalnlp.errors import InputValueError
from proposalnlp.messages import error_text

PROPOSAL = (
    "关于加快县域养老服务体系建设的提案\n"
    "提案人：赵某\n"
    "近年来，我县老年人口持续增加，但养老机构床位紧张、护理人员短缺、农村养老服务薄弱等问题较为突出。\n"
    "为此，建议：\n"
    "一、新建县级综合养老服务中心，增加护理型床位。\n"
    "二、加强养老护理员培训，提高护理人员待遇。\n"
    "三、设立农村互助养老专项资金，支持村级幸福院运营。\n"
    "四、推进医养结合，鼓励乡镇卫生院与养老机构签约合作。\n"
)
REPLY = (
    "赵某委员：\n"
    "您提出的《关于加快县域养老服务体系建设的提案》收悉，现答复如下：\n"
    "一、关于县级综合养老服务中心。该中心已列入今年重点项目，建成后新增护理型床位三百张。\n"
    "二、关于医养结合。全县十二家乡镇卫生院已与养老机构签订合作协议。\n"
    "感谢您对民政工作的关心和支持。\n"
    "县民政局\n"
    "2026年5月20日\n"
)


# -- 1. a proposal pasted right before its reply (no 答复 label between them) is read as both parts ---------------


def test_a_proposal_pasted_before_its_reply_keeps_its_suggestions() -> None:
    doc = parse(PROPOSAL + "\n" + REPLY)
    assert [u.text[:2] for u in doc.suggestions] == ["为此", "二、", "三、", "四、"]
    assert doc.reply[0].kind == "opening" and doc.reply[0].text.startswith("赵某委员")
    assert not any(u.kind == "header" for u in doc.reply)


def test_a_reply_header_before_the_salutation_is_still_a_header() -> None:  # a guard: the letter's own short lines
    doc = parse("关于加快县域养老服务体系建设的提案的答复\n县民政函〔2026〕12号\n" + REPLY)
    assert doc.reply[0].kind == "header" and "县民政函" in doc.reply[0].text


def test_the_pasted_pair_is_matched_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "养老 提案与答复.txt"  # a path with a space and Chinese characters
    path.write_text(PROPOSAL + "\n" + REPLY, encoding="utf-8")
    code, out, err = _run(["match", str(path), "--no-themes"], capsys)
    assert code == 0 and not err and "共 4 条建议" in out


# -- 2. train on a handful of rows says the data is far too small, and how many folds it really used --------------


def _table(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        w.writerows(rows)
    return path


TINY = [("加强乡村教师队伍建设工作", "教育"), ("增加乡村教师编制工作", "教育"), ("新建社区卫生服务中心", "医疗")]


def test_train_on_three_rows_says_the_data_is_too_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _table(tmp_path / "tiny.csv", TINY)
    code, out, err = _run(["train", str(data), "-o", str(tmp_path / "m"), "--param", "min_df=1"], capsys)
    assert code == 0  # a model is still saved: the user may be trying the command out
    assert "内部 3 折交叉验证" in out  # the folds it used (one a text), not the 5 it was asked for
    assert "训练数据太少" in err and "“医疗”只有 1 条" in err and "“教育”只有 2 条" in err


def test_train_json_names_the_small_labels_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _table(tmp_path / "tiny.csv", TINY)
    code, out, err = _run(["train", str(data), "-o", str(tmp_path / "m"), "--param", "min_df=1", "--json"], capsys)
    summary = json.loads(out)
    assert code == 0 and summary["too_few_texts"] == {"教育": 2, "医疗": 1}
    assert summary["cv_metrics"]["folds"] == 3 and summary["cv_metrics"]["note"].startswith("训练时内部 3 折")
    assert "训练数据太少" in err
    args = ["--lang", "en", "train", str(data), "-o", str(tmp_path / "m2"), "--param", "min_df=1"]
    code, out, err = _run(args, capsys)
    assert "inner 3-fold" in out and "far too little training data" in err and "训练" not in err


def test_no_note_when_every_label_has_enough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(f"第{i}批乡村教师培训和编制补充", "教育") for i in range(10)]
    rows += [(f"第{i}个社区卫生服务中心建设", "医疗") for i in range(10)]
    data = _table(tmp_path / "enough.csv", rows)
    code, out, err = _run(["train", str(data), "-o", str(tmp_path / "m")], capsys)
    assert code == 0 and "内部 5 折交叉验证" in out and "太少" not in err


# -- 3. a batch with --html: reports left by a failing batch, and renamed reports, are said ------------------------


def _pairs(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["编号", "proposal", "reply"])
        w.writerows(rows)
    return path


def test_a_failing_batch_says_which_reports_it_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _pairs(tmp_path / "pairs.csv", [("A1", PROPOSAL, REPLY), ("A2", "", REPLY), ("A3", PROPOSAL, REPLY)])
    out_dir = tmp_path / "报告"
    code, out, err = _run(["match", "--batch", str(data), "--id-column", "编号", "--html", str(out_dir)], capsys)
    assert code == 1 and not out and sorted(p.name for p in out_dir.iterdir()) == ["A1.html"]
    assert f"出错之前的 1 份 HTML 报告已写入文件夹 {out_dir}" in err and "出错的行及其后的各行没有报告" in err


def test_a_failing_batch_with_no_report_written_says_nothing_of_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _pairs(tmp_path / "pairs.csv", [("A1", "", REPLY), ("A2", PROPOSAL, REPLY)])
    args = ["match", "--batch", str(data), "--id-column", "编号", "--html", str(tmp_path / "r")]
    code, _out, err = _run(args, capsys)
    assert code == 1 and "HTML" not in err and not list((tmp_path / "r").iterdir())


def test_renamed_reports_are_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("A/1", PROPOSAL, REPLY), ("B", PROPOSAL, REPLY), ("B", PROPOSAL, REPLY)]
    data = _pairs(tmp_path / "pairs.csv", rows)
    out_dir = tmp_path / "r"
    args = ["match", "--batch", str(data), "--id-column", "编号", "--html", str(out_dir), "--no-themes", "--json"]
    code, out, err = _run(args, capsys)
    assert code == 0 and sorted(p.name for p in out_dir.iterdir()) == ["A_1.html", "B-2.html", "B.html"]
    assert [json.loads(line)["html"] for line in out.splitlines()] == ["A_1.html", "B.html", "B-2.html"]
    assert "2 份报告另取了文件名" in err and "A/1 的报告为 A_1.html" in err and "B 的报告为 B-2.html" in err


def test_the_html_option_explains_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(["match", "--help"], capsys)
    assert code == 0 and "-2" in out and "换成 _" in out


# -- 4. PDF problems in the user's language; one way of naming the file in an error -------------------------------


@pytest.fixture(scope="module")
def one_pdf() -> bytes:
    pytest.importorskip("pypdf")
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Proposal 12 and its reply")
    return bytes(pdf.output())


def test_a_truncated_pdf_is_said_in_chinese(tmp_path: Path, one_pdf: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "半截.pdf"
    path.write_bytes(one_pdf[: len(one_pdf) // 2])
    code, _out, err = _run(["parse", str(path)], capsys)
    assert code == 1 and f"{path}：无法读取该 PDF 文件（文件内容在中途结束" in err
    assert "Stream" not in err and "EOF" not in err and "文件 " + str(path) not in err
    code, _out, err = _run(["--lang", "en", "parse", str(path)], capsys)
    assert "the file ends too early" in err


def test_a_pdf_with_a_password_is_said_to_be_encrypted(
    tmp_path: Path, one_pdf: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(one_pdf)).pages:
        writer.add_page(page)
    writer.encrypt("mima2026", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "加密.pdf"
    path.write_bytes(buf.getvalue())
    code, _out, err = _run(["parse", str(path)], capsys)
    assert code == 1 and "该 PDF 已加密（设有打开密码）" in err and "损坏" not in err and "decrypted" not in err


def test_a_file_error_inside_a_file_names_the_file_once() -> None:
    inner = InputValueError("the text is empty or holds only whitespace").keyed("err.empty_text")
    from proposalnlp.messages import error

    outer = error(InputValueError, "err.in_file", path="甲.txt", error=inner)
    plain = error(InputValueError, "err.no_such_file", path="甲.txt")
    # the same shape as every other file error: the path, a full-width colon, what is wrong
    assert error_text(outer, "zh") == "甲.txt：文本为空或只有空白" and error_text(plain, "zh").startswith("甲.txt：")


# -- 5. a model folder saved by another version, or of another kind, is said in the user's language ---------------


def _saved_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    rows = [(f"第{i}批乡村教师培训", "教育") for i in range(3)] + [(f"第{i}个卫生服务中心", "医疗") for i in range(3)]
    model = tmp_path / "旧 模型"
    code, _out, _err = _run(["train", str(_table(tmp_path / "d.csv", rows)), "-o", str(model)], capsys)
    assert code == 0
    return model


def test_a_model_of_another_format_version_is_said_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = _saved_model(tmp_path, capsys)
    manifest = json.loads((model / "manifest.json").read_text("utf-8"))
    manifest["format_version"] = 99
    manifest.pop("settings_sha256", None)  # as a newer version would have written it
    (model / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _out, err = _run(["classify", "--model", str(model), "加强乡村教师培训"], capsys)
    assert code == 1 and "这个模型的格式版本为 99" in err and "proposalnlp train 重新训练" in err
    assert "unsupported" not in err
    code, _out, err = _run(["--lang", "en", "classify", "--model", str(model), "加强乡村教师培训"], capsys)
    assert "unsupported model format version 99" in err


def test_the_answer_model_given_as_a_theme_model_is_said_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    answer = Path(__file__).parents[1] / "models" / "answer-default"
    if not (answer / "manifest.json").is_file():
        pytest.skip("the answer model folder is not in this checkout")
    code, _out, err = _run(["classify", "--model", str(answer), "加强乡村教师培训"], capsys)
    assert code == 1 and "不是这里要用的那种模型" in err and "unknown model format" not in err


# -- 6. the service's refusals carry a message in the user's language beside the English detail -------------------


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


def test_a_refused_match_has_a_chinese_message_and_its_key(client: Any) -> None:
    r = client.post("/match", json={"proposal": "   ", "reply": "已办理。"})
    body = r.json()
    assert r.status_code == 422 and body["key"] == "err.empty_text"
    assert body["detail"] == "proposal: the text is empty or holds only whitespace"  # unchanged for programs
    assert body["message"] == "proposal：文本为空或只有空白"
    en = client.post("/match?lang=en", json={"proposal": "   ", "reply": "已办理。"}).json()
    assert en["message"] == en["detail"]


def test_a_reply_alone_sent_to_match_is_said_in_chinese(client: Any) -> None:
    r = client.post("/match", json={"proposal": REPLY})
    assert r.status_code == 422 and r.json()["key"] == "err.no_proposal" and "没有找到提案部分" in r.json()["message"]


# -- 7. Ctrl-C in a batch says what was done, what was held back and which reports are left ------------------------


def test_ctrl_c_in_a_batch_says_what_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from proposalnlp.cli import match_cmd

    calls: list[int] = []
    real = match_cmd._batch_row

    def interrupted_on_the_third(*a: Any, **k: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(match_cmd, "_batch_row", interrupted_on_the_third)
    data = _pairs(tmp_path / "pairs.csv", [(f"A{i}", PROPOSAL, REPLY) for i in range(4)])
    out_dir = tmp_path / "r"
    args = ["match", "--batch", str(data), "--id-column", "编号", "--html", str(out_dir), "--no-themes"]
    code, out, err = _run(args, capsys)
    assert code == 130 and not out  # fail (the default) holds the table back until the end
    assert "已中断：已处理 2 件" in err and "没有输出任何结果" in err and f"2 份 HTML 报告已写入文件夹 {out_dir}" in err
    calls.clear()
    code, out, err = _run([*args, "--on-error", "skip"], capsys)
    assert code == 130 and [line.split("\t")[0] for line in out.splitlines()[1:]] == ["A0", "A1"]  # the rows done
    assert "已中断：已处理 2 件" in err and "没有输出" not in err


# -- 8. a bad row of a batch whose cells hold whole documents is also given its place among the rows ----------------


def test_a_bad_row_after_multi_line_cells_names_its_data_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _pairs(tmp_path / "pairs.csv", [("A1", PROPOSAL, REPLY), ("A2", PROPOSAL, REPLY), ("A3", "", REPLY)])
    line = 2 + 2 * ((PROPOSAL + REPLY).count("\n") + 1)  # where row A3 starts: the header, two rows of cells
    code, _out, err = _run(["match", "--batch", str(data), "--id-column", "编号", "--no-themes"], capsys)
    assert code == 1 and f"pairs.csv，第 {line} 行（第 3 条数据）：'proposal' 为空" in err


def test_a_bad_row_of_one_line_cells_keeps_the_short_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = PROPOSAL.replace("\n", " ")
    data = _pairs(tmp_path / "pairs.csv", [("A1", one, REPLY.replace("\n", " ")), ("A2", "", "已办理。")])
    code, _out, err = _run(["match", "--batch", str(data), "--id-column", "编号", "--no-themes"], capsys)
    assert code == 1 and "pairs.csv，第 3 行：'proposal' 为空" in err and "条数据" not in err


# -- 9. a table uploaded to the web page is pointed at match --batch -------------------------------------------------


@pytest.mark.parametrize("name", ["提案汇总.csv", "2026年提案.xlsx"])
def test_a_table_uploaded_to_the_page_is_pointed_at_the_batch_command(client: Any, name: str) -> None:
    r = client.post("/check", data={"lang": "zh"}, files={"proposal_file": (name, "编号,proposal,reply\n".encode())})
    assert r.status_code == 422 and "不支持的文件类型" in r.text and "proposalnlp match --batch" in r.text


def test_another_unsupported_upload_gets_no_table_hint(client: Any) -> None:
    r = client.post("/check", data={"lang": "zh"}, files={"proposal_file": ("图.png", b"\x89PNG\r\n")})
    assert r.status_code == 422 and "不支持的文件类型 .png" in r.text and "--batch" not in r.text


# -- 10. the proposal and the reply given the wrong way round are said to be swapped ------------------------------


def test_swapped_files_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "提案.txt").write_text(PROPOSAL, encoding="utf-8")
    (tmp_path / "答复.txt").write_text(REPLY, encoding="utf-8")
    p, r = str(tmp_path / "提案.txt"), str(tmp_path / "答复.txt")
    code, out, err = _run(["match", "--proposal", r, "--reply", p], capsys)
    assert code == 1 and not out and "两个文件是否放反了" in err and f"--proposal {p} --reply {r}" in err
    code, _out, err = _run(["match", "--proposal", r, "--reply", r], capsys)  # two replies: nothing is swapped
    assert code == 1 and "放反" not in err and "没有找到提案部分" in err
    code, out, _err = _run(["match", "--proposal", p, "--reply", r, "--no-themes"], capsys)
    assert code == 0 and "共 4 条建议" in out


def test_swapped_fields_on_the_web_page(client: Any) -> None:
    r = client.post("/check", data={"lang": "zh", "proposal_text": REPLY, "reply_text": PROPOSAL})
    assert r.status_code == 422 and "两栏是否填反了" in r.text
    r = client.post("/check", data={"lang": "zh", "proposal_text": REPLY, "reply_text": REPLY})
    assert r.status_code == 422 and "填反" not in r.text and "没有找到提案部分" in r.text


# -- 11. an Excel workbook given for a table or a document says to save it as CSV --------------------------------


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    import zipfile

    path = tmp_path / "2026年提案汇总.xlsx"
    with zipfile.ZipFile(path, "w") as z:  # the parts that make a zip an Excel workbook
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.mark.parametrize("command", [["match", "--batch"], ["train"], ["evaluate", "models"]])
def test_a_workbook_for_a_table_is_a_usage_error_saying_save_as_csv(
    workbook: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run([*command, str(workbook), *(["-o", "m"] if command == ["train"] else [])], capsys)
    assert code == 2 and "是 Excel 或 WPS 表格" in err and "CSV UTF-8" in err and "--format" not in err


def test_a_workbook_read_as_a_document_is_not_called_a_damaged_word_file(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = tmp_path / "汇总.bin"  # the content tells, not the name
    renamed.write_bytes(workbook.read_bytes())
    for args in (["classify", "--file", str(workbook)], ["parse", str(renamed)]):
        code, _out, err = _run(args, capsys)
        assert code == 1 and "文件是 Excel 工作簿" in err and "Word" not in err


# -- 12. an empty batch file, or one with a header alone, is said, not printed as an empty table ------------------


@pytest.mark.parametrize("content", ["", "编号,proposal,reply\n"])
def test_an_empty_batch_is_said(tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "汇总.csv"
    path.write_text(content, encoding="utf-8")
    for args in (["match", "--batch", str(path)], ["classify", "--file", str(path), "--text-column", "proposal"]):
        code, out, err = _run(args, capsys)
        assert code == 1 and not out and f"{path}：没有数据行（文件为空，或只有表头行）" in err


# -- 13. a missing column is answered with the column of the table that probably holds it ------------------------


def test_chinese_column_names_are_suggested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "汇总.csv"
    header = "序号,提案人,提案标题,提案内容,办理复文\n"
    path.write_text(header + "1,赵某,关于养老的提案,建议新建养老中心。,已列入计划。\n", "utf-8")
    code, _out, err = _run(["match", "--batch", str(path)], capsys)
    assert code == 1 and "例如 --proposal-column 提案内容" in err  # not 提案人 (a person) nor 提案标题 (a title)
    code, _out, err = _run(["match", "--batch", str(path), "--proposal-column", "提案内容"], capsys)
    assert code == 1 and "例如 --reply-column 办理复文" in err
    args = ["match", "--batch", str(path), "--proposal-column", "提案内容", "--reply-column", "办理复文"]
    code, out, _err = _run([*args, "--id-column", "序号", "--no-themes"], capsys)
    assert code == 0 and out.splitlines()[1].startswith("1\t1\t")


def test_a_column_name_with_a_space_is_suggested_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "留言.csv"
    path.write_text("留言 内容,类别\n路灯不亮,城建\n", encoding="utf-8")
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and "例如 --text-column '留言 内容'" in err


def test_no_suggestion_when_nothing_is_like_the_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and "请用 --text-column 给出列名" in err and "例如" not in err


# -- 14. --proposal - --reply - (standard input twice) is a usage error, not an empty reply ------------------------


def test_stdin_for_both_parts_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["match", "--proposal", "-", "--reply", "-"], capsys)
    assert code == 2 and not out and "标准输入只能读取一次" in err


# -- 15. evaluate says which labels of the data the model does not know -------------------------------------------


def test_evaluate_names_labels_the_model_never_predicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(f"第{i}批乡村教师培训和编制补充", "教育") for i in range(10)]
    rows += [(f"第{i}个社区卫生服务中心建设", "医疗") for i in range(10)]
    model = tmp_path / "m"
    code, _out, _err = _run(["train", str(_table(tmp_path / "train.csv", rows)), "-o", str(model)], capsys)
    assert code == 0
    test = _table(tmp_path / "test.csv", [("乡村教师编制补充", "教育"), ("社区医院建设", "卫生")])
    code, out, err = _run(["evaluate", str(model), str(test)], capsys)
    assert code == 0 and "混淆矩阵" in out
    assert "数据中的标签 卫生（1 行）不是这个模型的标签" in err and "模型的标签是：" in err and "医疗" in err
    same = _table(tmp_path / "same.csv", [("乡村教师编制补充", "教育"), ("社区医院建设", "医疗")])
    code, _out, err = _run(["evaluate", str(model), str(same)], capsys)
    assert code == 0 and "不是这个模型的标签" not in err


# -- 16. the parse outline writes a document's fields as Chinese text does ----------------------------------------


def test_the_outline_writes_fields_with_a_full_width_colon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.txt"
    path.write_text(PROPOSAL + "\n" + REPLY, encoding="utf-8")
    code, out, _err = _run(["parse", str(path)], capsys)
    assert code == 0 and "# 提案人：赵某" in out.splitlines()
    code, out, _err = _run(["--lang", "en", "parse", str(path)], capsys)
    assert code == 0 and "# 提案人: 赵某" in out.splitlines()


# -- 17. --html given an existing folder for one document writes the report in it --------------------------------


def test_html_into_a_folder_for_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "养老 提案.txt"
    path.write_text(PROPOSAL + "\n" + REPLY, encoding="utf-8")
    folder = tmp_path / "报告"
    folder.mkdir()
    code, out, err = _run(["match", str(path), "--html", str(folder), "--no-themes"], capsys)
    assert code == 0 and not err and [p.name for p in folder.iterdir()] == ["养老 提案.html"]
    assert f"HTML 报告已写入 {folder / '养老 提案.html'}" in out
    assert "关于加快县域养老服务体系建设的提案" in (folder / "养老 提案.html").read_text("utf-8")


# -- 14. a file's columns are listed as the reader's language writes a list ------------------------------------


def test_the_columns_are_listed_in_the_readers_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "汇总.csv"
    path.write_text("序号,提案人,提案标题\n1,赵某,关于养老的提案\n", encoding="utf-8")
    code, _out, err = _run(["match", "--batch", str(path)], capsys)
    assert code == 1 and "序号、提案人、提案标题" in err and "序号, 提案人" not in err
    code, _out, err = _run(["match", "--batch", str(path), "--lang", "en"], capsys)
    assert code == 1 and "序号, 提案人, 提案标题" in err and "序号、" not in err


def test_a_listed_value_reads_as_each_language_writes_a_list() -> None:
    from proposalnlp.messages import Listed, text

    names = Listed(["编号", "提案"])
    assert names.shown("zh") == "编号、提案" and names.shown("en") == "编号, 提案"
    assert str(names) == "编号, 提案" and f"{names}" == "编号, 提案"  # a plain string is the English form
    zh = text("err.no_column", "zh", path="t.csv", column="reply", columns=names)
    en = text("err.no_column", "en", path="t.csv", column="reply", columns=names)
    assert "编号、提案" in zh and "编号, 提案" in en
