"""A new user's day (task s12-qa): what broke or confused an analyst and a service developer, each a check.

Every text here is hand-written for the test (invented names and numbers)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proposalnlp import parse
from proposalnlp.cli import main
from proposalnlp.errors import InputValueError
from proposalnlp.matching import match
from proposalnlp.matching.html import render_html
from proposalnlp.matching.report import render_text
from proposalnlp.messages import error_text
from proposalnlp.readers import detect_format, extract_text

REPLY_ONLY = (
    "王明委员：\n"
    "您提出的《关于加强社区养老服务的提案》收悉，现答复如下：\n"
    "一、加大资金投入。今年市财政安排社区养老专项资金八百万元。\n"
    "二、培养护理人才。与市卫生学校合办护理员培训班四期。\n"
    "感谢您对民政工作的关心和支持。\n"
)
NO_REQUEST = "关于加强社区养老服务的提案\n（略）"  # a title and no text of its own
PAIR = (
    "关于加强社区养老服务的提案\n"
    "建议：一、加大社区养老资金投入。二、加强养老护理人才培养。\n"
    "答复：\n" + REPLY_ONLY
)


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


# -- a document with no proposal part, a proposal with no suggestion ---------------------------------------------
def test_match_cli_refuses_a_reply_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a reply letter given alone (the proposal forgotten) was reported as "0 suggestions", exit 0
    path = tmp_path / "答复.txt"
    path.write_text(REPLY_ONLY, encoding="utf-8")
    assert main(["match", str(path)]) == 1
    err = capsys.readouterr().err
    assert "没有找到提案部分" in err and "--proposal" in err


def test_match_cli_refuses_a_reply_given_as_the_proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "答复.txt"
    path.write_text(REPLY_ONLY, encoding="utf-8")
    assert main(["match", "--proposal", str(path), "--reply", str(path)]) == 1
    assert "没有找到提案部分" in capsys.readouterr().err


def test_library_match_refuses_a_reply_alone() -> None:
    # match(reply_page) in a notebook returned an empty alignment ("0 suggestions"), the CLI and service refused it
    with pytest.raises(InputValueError, match="no proposal part") as info:
        match(REPLY_ONLY)
    assert "没有找到提案部分" in error_text(info.value, "zh")
    with pytest.raises(InputValueError, match="no proposal part"):
        match(parse(REPLY_ONLY), REPLY_ONLY)
    assert len(match(PAIR).suggestions) == 2  # a page holding both parts still matches


def test_match_cli_pair_page_still_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAIR, encoding="utf-8")
    assert main(["match", str(path)]) == 0
    assert "共 2 条建议" in capsys.readouterr().out


def test_match_batch_row_with_a_reply_alone_is_a_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    path = tmp_path / "pairs.jsonl"
    rows = [{"id": "a", "text": PAIR}, {"id": "b", "text": REPLY_ONLY}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    code = main(["match", "--batch", str(path), "--text-column", "text", "--id-column", "id", "--on-error", "report"])
    out = capsys.readouterr().out
    assert code == 1
    assert "b\t错误" in out and "第 2 行" in out and "a\t2\t" in out


def test_report_says_why_there_is_no_suggestion() -> None:
    # a proposal without any request (建议…/希望…/a numbered item) gave "0 suggestions" and no word why
    alignment = match(parse(NO_REQUEST), "设立专项资金", themes=False)
    assert alignment.coverage["total"] == 0
    zh = render_text(alignment, lang="zh")
    en = render_text(alignment, lang="en")
    assert "没有找到建议" in zh
    assert "No suggestion found" in en
    assert "没有找到建议" in render_html(alignment, lang="zh")


def test_a_short_request_without_markers_is_matched_like_a_long_one() -> None:
    # "加大财政资金支持" (8 characters) got 0 suggestions while a longer paragraph without markers got 1: the
    # fallback to the proposal's paragraphs dropped anything under 10 characters
    for proposal in ("加大财政资金支持", "近年来我市养老机构运营困难，护理人员流失严重。"):
        alignment = match(parse(proposal), "市财政已设立专项资金，用于支持养老机构运营。", themes=False)
        assert alignment.coverage["total"] == 1, proposal
        assert "没有找到建议" not in render_text(alignment, lang="zh")


def test_report_with_suggestions_has_no_such_note() -> None:
    alignment = match(parse(PAIR), themes=False)
    assert alignment.coverage["total"] == 2
    assert "没有找到建议" not in render_text(alignment, lang="zh")
    assert "没有找到建议" not in render_html(alignment, lang="zh")


# -- Word / PDF / web page errors in the user's language --------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "x.docx"),  # a damaged zip
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600, "x.doc"),  # an old binary .doc
        (b"just text", "x.docx"),  # a .docx in name only
        (b"%PDF-1.4\n" + b"\x00" * 200, "x.pdf"),  # a PDF cut short
    ],
)
def test_reader_errors_speak_chinese(data: bytes, name: str) -> None:
    with pytest.raises(InputValueError) as info:
        extract_text(data, name)
    assert _cjk(error_text(info.value, "zh")), error_text(info.value, "zh")
    assert not _cjk(str(info.value))  # English for Python callers


def test_name_says_docx_message_does_not_repeat_the_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.docx"
    path.write_text("只是文字", encoding="utf-8")
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("提案.docx") == 1 and "docx" in err


def test_detect_format_error_is_keyed() -> None:
    with pytest.raises(InputValueError) as info:
        detect_format(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100, "a.doc")
    assert info.value.key is not None


def test_read_file_errors_keep_their_key(tmp_path: Path) -> None:
    from proposalnlp.readers import read_file

    with pytest.raises(InputValueError) as info:
        read_file(tmp_path / "无此文件.txt")
    assert "不存在" in error_text(info.value, "zh")
    bad = tmp_path / "a.doc"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100)
    with pytest.raises(InputValueError) as info:
        read_file(bad)
    assert "a.doc" in error_text(info.value, "zh") and _cjk(error_text(info.value, "zh"))


def test_cli_keeps_pypdf_warnings_off_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a cut PDF printed pypdf's "WARNING: EOF marker not found" above our own message
    pytest.importorskip("pypdf")
    path = tmp_path / "答复.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        root.handlers[:] = []  # as in a terminal: basicConfig installs its own handler on stderr
        assert main(["parse", str(path)]) == 1
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.getLogger("pypdf").setLevel(logging.NOTSET)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("proposalnlp parse：错误："), err


# -- the HTTP service ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def http() -> Iterator[Any]:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    with TestClient(create_app(max_bytes=1 << 20), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("value", [123, None, {"a": 1}, True])
def test_match_type_error_is_one_plain_sentence(http: Any, value: Any) -> None:
    # was: 'proposal.function-after[_valid_unicode(), str]: Input should be a valid string; proposal.list[…]'
    r = http.post("/match", json={"proposal": value, "reply": "设立专项资金"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "function-after" not in detail and "_valid_unicode" not in detail, detail
    assert detail.startswith("proposal: ") and "string" in detail and "list" in detail, detail


def test_match_list_item_type_error_names_the_item(http: Any) -> None:
    r = http.post("/match", json={"proposal": ["加大资金", 5], "reply": "设立专项资金"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "function-after" not in detail and "proposal.1" in detail, detail


def test_match_endpoint_refuses_a_reply_alone(http: Any) -> None:
    r = http.post("/match", json={"proposal": REPLY_ONLY})
    assert r.status_code == 422
    assert "no proposal part" in r.json()["detail"]


def test_match_endpoint_page_with_both_parts(http: Any) -> None:
    r = http.post("/match", json={"proposal": PAIR})
    assert r.status_code == 200 and r.json()["coverage"]["total"] == 2


def test_web_form_errors_in_the_page_language(http: Any) -> None:
    # a GB18030-looking Big5 upload or a cut PDF: the Chinese page showed an English reason
    r = http.post("/check", files={"proposal_file": ("答复.pdf", b"%PDF-1.4\n" + b"\x00" * 200)})
    assert r.status_code == 422
    body = r.text
    start = body.index("class='error'")
    shown = body[start : body.index("</div>", start)]
    assert "PDF" in shown and "cannot be read" not in shown, shown


def test_web_form_refuses_a_reply_alone(http: Any) -> None:
    r = http.post("/check", data={"proposal_text": REPLY_ONLY})
    assert r.status_code == 422
    assert "没有找到提案部分" in r.text and "--proposal" not in r.text  # the page has fields, not options


# -- start-up: every command line imported the matching package and the parser ----------------------------------
def test_cli_start_imports_neither_matching_nor_the_parser() -> None:
    # `proposalnlp --help` took 1.1 s and `classify TEXT` 1.8 s (the library call alone 1.1 s): the classify
    # command imported proposalnlp.matching for one helper, and the shared readers imported the parser
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from proposalnlp.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['classify', '建议加大对中小企业研发的财政补贴']) == 0\n"
        "print(sorted(m for m in ('proposalnlp.matching', 'proposalnlp._parser', 'proposalnlp.document')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# -- match on several documents or a folder (the analyst's files are .txt/.docx/.pdf, not a CSV) ------------------
def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "答复"
    folder.mkdir()
    (folder / "01.txt").write_text(PAIR, encoding="utf-8")
    (folder / "02.txt").write_bytes(PAIR.replace("养老", "托育").encode("gb18030"))
    (folder / "03.txt").write_text(REPLY_ONLY, encoding="utf-8")  # a reply alone: a bad document
    (folder / "notes.csv").write_text("not,a,document\n", encoding="utf-8")  # not a document suffix: left alone
    return folder


def test_match_several_files_gives_one_row_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: "无法识别的参数" for a second file, and "这是一个文件夹" for a folder
    folder = _folder(tmp_path)
    a, b = str(folder / "01.txt"), str(folder / "02.txt")
    assert main(["match", a, b]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[0] == "文件" and len(lines) == 3
    assert lines[1].split("\t")[:2] == [a, "2"] and lines[2].split("\t")[:2] == [b, "2"]


def test_match_folder_stops_at_a_bad_document_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["match", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "03.txt" in err and "没有找到提案部分" in err and "--on-error" in err


def test_match_folder_skip_writes_the_good_ones_and_their_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    pages = tmp_path / "reports"
    assert main(["match", str(folder), "--on-error", "skip", "--json", "--html", str(pages)]) == 1
    out, err = capsys.readouterr()
    import json

    rows = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["file"]).name for r in rows] == ["01.txt", "02.txt"]
    assert all(r["coverage"]["total"] == 2 for r in rows)
    assert sorted(p.name for p in pages.iterdir()) == ["01.html", "02.html"]
    assert "3 个文档中有 1 个有错误" in err


def test_match_several_files_refuses_stdin_among_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["match", str(folder / "01.txt"), "-"]) == 2
    assert "标准输入" in capsys.readouterr().err


def test_match_empty_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", str(tmp_path)]) == 1
    assert "没有可读取的文档" in capsys.readouterr().err


def test_match_one_file_is_still_the_full_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["match", str(folder / "01.txt")]) == 0
    assert "覆盖率：" in capsys.readouterr().out


# -- classify TEXT given a file name -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["提案.txt", "data.csv", "答复.docx"])
def test_classify_a_file_name_as_text_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # `proposalnlp classify 提案.txt` classified the characters of the name: 无主题, exit 0
    monkeypatch.chdir(tmp_path)
    assert main(["classify", name]) == 2
    assert f"--file {name}" in capsys.readouterr().err


def test_classify_an_existing_file_without_suffix_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "提案正文").write_text("建议加大对中小企业研发的财政补贴", encoding="utf-8")
    assert main(["classify", "提案正文"]) == 2
    assert "--file" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["建议加大对中小企业研发的财政补贴", "加强人才培养。设立专项资金.", "x" * 300])
def test_classify_ordinary_text_still_works(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", text]) == 0
    assert capsys.readouterr().out.startswith("主题：")


def test_classify_batch_document_classifies_each_row_as_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --document was silently ignored for a CSV/JSONL batch: each whole proposal classified as one text
    import json

    from proposalnlp import classify_document

    path = tmp_path / "proposals.jsonl"
    rows = [{"id": "a", "text": PAIR}, {"id": "b", "text": PAIR.replace("养老", "科技创新")}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["classify", "--file", str(path), "--id-column", "id", "--document", "--json"]) == 0
    got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [g.pop("id") for g in got] == ["a", "b"]
    want = [json.loads(json.dumps(classify_document(parse(r["text"])).to_dict())) for r in rows]
    assert got == want
    assert main(["classify", "--file", str(path), "--document"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 4 for line in lines)


def test_match_endpoint_says_where_a_text_goes(http: Any) -> None:
    # {"text": page} works on /classify and /parse; on /match it said only "unknown field 'text'"
    r = http.post("/match", json={"text": PAIR})
    assert r.status_code == 422
    assert '/match takes "proposal"' in r.json()["detail"]


# -- a PDF's signature and date ----------------------------------------------------------------------------------
def test_join_lines_keeps_a_date_line_apart_from_the_signature() -> None:
    # a PDF reply's "宁安县民政局" / "2013年6月3日" became one line "宁安县民政局2013年6月3日"
    from proposalnlp.readers import join_lines

    lines = ["感谢您对民政工作的关心和支持。", "宁安县民政局", "2013年6月3日"]
    assert join_lines(lines).splitlines() == lines
    assert join_lines(["宁安县民政局", "二〇一三年六月三日"]).splitlines() == ["宁安县民政局", "二〇一三年六月三日"]
    # a sentence that runs on into a line opening with a date still joins
    assert join_lines(["今年共安排资金", "2013年6月3日前拨付到位。"]) == "今年共安排资金2013年6月3日前拨付到位。"


# -- serve on a port in use --------------------------------------------------------------------------------------
def test_serve_on_a_port_in_use_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    # uvicorn logged "[Errno 98] … address already in use" in English after "open http://…", and exited with 3
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        port = held.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"端口 {port} 已被占用" in err and "http://" not in err


def test_serve_on_a_host_that_does_not_resolve(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("fastapi")
    assert main(["serve", "--host", "no-such-host.invalid", "--port", "0"]) == 1
    assert "无法监听地址 no-such-host.invalid" in capsys.readouterr().err


def test_a_model_file_missing_is_not_called_a_checksum_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "模型文件校验失败（与记录的 SHA-256 不符）：model file 'coef.npy' is missing" read as a corrupted file
    from proposalnlp import ThemeClassifier

    texts = ["加强人才培养", "引进高层次人才", "设立专项资金", "加大财政投入"] * 3
    labels = ["人才", "人才", "资金", "资金"] * 3
    folder = tmp_path / "model"
    ThemeClassifier(cv=2, min_df=1).fit(texts, labels).save(folder)
    (folder / "coef.npy").unlink()
    assert main(["classify", "--model", str(folder), "加强人才培养"]) == 1
    assert "文件缺失" in capsys.readouterr().err


# -- parse on several documents or a folder ----------------------------------------------------------------------
def test_parse_several_files_and_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: "无法识别的参数" for a second file, "这是一个文件夹" for a folder
    import json

    folder = _folder(tmp_path)
    assert main(["parse", str(folder / "01.txt"), str(folder / "03.txt")]) == 0
    out = capsys.readouterr().out
    assert out.count("# 文件：") == 2 and "03.txt" in out
    assert main(["parse", str(folder), "--json"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(d["file"]).name for d in docs] == ["01.txt", "02.txt", "03.txt"]
    assert docs[0]["units"] == parse(PAIR).to_dict()["units"]


def test_parse_several_files_goes_on_past_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    missing = str(folder / "无此文件.txt")
    assert main(["parse", missing, str(folder / "01.txt")]) == 1
    out, err = capsys.readouterr()
    assert "01.txt" in out and "无此文件.txt" in err and "不存在" in err


def test_parse_example_with_files_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["parse", "--example", str(folder)]) == 2


def test_web_form_without_a_reply_names_the_reply_field(http: Any) -> None:
    # the page said "…或另外给出答复（--reply）": an option of the command line, not a field of the form
    r = http.post("/check", data={"proposal_text": "建议加大对中小企业的资金支持。"})
    assert r.status_code == 422
    assert "没有找到答复" in r.text and "--reply" not in r.text


def test_web_form_too_many_pairs_in_the_page_language() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    proposal = "\n".join(f"{i}、建议加强第{i}项工作。" for i in range(1, 6))
    reply = "\n".join(f"{'一二三四五'[i]}、第{i}项工作已经落实。" for i in range(5))
    with TestClient(create_app(max_pairs=4), base_url="http://localhost") as c:
        r = c.post("/check", data={"proposal_text": proposal, "reply_text": reply})
    assert r.status_code == 422
    assert "超过上限 4 个组合" in r.text and "too many pairs" not in r.text
