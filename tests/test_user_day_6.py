"""A user's day, sixth round (task s16-qa): the leftovers of the earlier rounds, then what a new user met.

Every text here is hand-written for the test (invented names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import service_client
from proposalnlp.readers import extract_text, join_lines

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


def _pdf(lines: list[str | list[str]], width: float = 210, margin: float = 20, size: float = 12) -> bytes:
    """A one-page PDF: each string a line of its own (as laid out, not wrapped again); a list a table row, its
    cells at the column stops a word processor would put them (a cell a text run of its own)."""
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pypdf")
    if not FONT.exists():
        pytest.skip("the CJK font fonts-wqy-microhei is not installed (.ci/system-packages installs it)")
    pdf = fpdf.FPDF(format=(width, 297))
    pdf.set_margins(margin, margin, margin)
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=size)
    pdf.add_page()
    for line in lines:
        if isinstance(line, str):
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            continue
        for k, cell in enumerate(line):
            pdf.set_x(margin + 35 * k)
            pdf.cell(33, 7, cell)
        pdf.ln(7)
    return bytes(pdf.output())


# -- 1. a refused request body (422 from the framework) is said as the library's refusals are: in Chinese ----------


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        ({"reply": "已办理。"}, "api.req.missing", '请求有误：缺少字段 "proposal"'),
        ({"proposal": 12, "reply": "已办理。"}, "api.req.string_or_list", '"proposal" 应为一段文字，或'),
        ({"proposal": "建议增加投入。", "answered": "高"}, "api.req.number", '"answered" 应为数字'),
        ({"proposal": "建议增加投入。", "answered": 2}, "api.req.at_most", '"answered" 应不大于 1'),
        ({"proposal": "建议增加投入。", "top": 0}, "api.req.at_least", '"top" 应不小于 1'),
        ({"proposal": "建议增加投入。", "themes": "是"}, "api.req.bool", '"themes" 应为 true 或 false'),
        ({"proposal": "建议增加投入。", "replies": "已办理。"}, "api.req.extra", '未知字段 "replies"'),
    ],
)
def test_a_refused_request_body_is_said_in_chinese(client: Any, body: dict[str, Any], key: str, message: str) -> None:
    r = client.post("/match", json=body)
    got = r.json()
    assert r.status_code == 422 and got["error"] == "RequestValidationError" and got["key"] == key
    assert message in got["message"] and got["message"].startswith("请求有误：")
    assert got["detail"].isascii() and got["errors"] and got["error_count"] == 1  # for programs, as before
    en = client.post("/match?lang=en", json=body).json()
    assert en["message"].startswith("bad request: ") and en["message"].isascii() and en["detail"] == got["detail"]


def test_the_library_and_the_framework_refusals_have_one_shape(client: Any) -> None:
    library = client.post("/match", json={"proposal": "   ", "reply": "已办理。"}).json()
    framework = client.post("/match", json={"reply": "已办理。"}).json()
    assert {"detail", "error", "key", "message"} <= set(library) & set(framework)


@pytest.mark.parametrize(
    ("content", "key", "message"),
    [
        (b'{"proposal": ', "api.req.json_at", "请求体不是有效的 JSON：第 13 个字符处有误"),
        ('{"proposal": "建议"}'.encode("gbk"), "api.req.not_utf8", "须为 UTF-8 编码"),
        (b"[" * 30_000 + b"]" * 30_000, "api.req.json_deep", "嵌套层数过多"),
    ],
)
def test_a_body_that_is_no_json_is_said_in_chinese(client: Any, content: bytes, key: str, message: str) -> None:
    r = client.post("/match", content=content, headers={"content-type": "application/json"})
    got = r.json()
    assert r.status_code == 422 and got["key"] == key and message in got["message"], got
    assert got["detail"].isascii()


def test_a_form_body_sent_to_the_api_is_told_to_send_json(client: Any) -> None:
    r = client.post("/match", content=b"proposal=1", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422 and "Content-Type: application/json" in r.json()["message"]
    assert r.json()["message"].startswith("请求有误：请以 JSON 发送")


def test_the_match_hint_for_a_text_field_is_chinese_too(client: Any) -> None:
    got = client.post("/match", json={"text": "建议增加投入。"}).json()
    assert '缺少字段 "proposal"' in got["message"] and '/match 接收 "proposal"' in got["message"]
    assert '/match takes "proposal"' in got["detail"]  # the English hint kept for programs


# -- 2. pypdf's warnings about an odd PDF go through logging: quiet by default, shown with --debug ----------------

SENTENCE = "您提出的关于加强乡村教师队伍建设的提案收悉，现答复如下。"


@pytest.fixture(scope="module")
def odd_pdf() -> bytes:
    """A PDF whose cross-reference offsets are all wrong (bytes added after its header, as a mail gateway or a
    bad download does): pypdf repairs it and warns."""
    data = _pdf([SENTENCE])
    cut = data.index(b"\n") + 1
    return data[:cut] + b"%" + b"x" * 40 + b"\n" + data[cut:]


def test_an_odd_pdf_is_read_without_a_warning_on_the_console(odd_pdf: bytes, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert extract_text(odd_pdf, "答复.pdf") == SENTENCE  # the text is all there
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    ours = [r.getMessage() for r in caplog.records if r.name == "proposalnlp.readers"]
    assert any("startxref" in m for m in ours) and all(r.levelno == logging.DEBUG for r in caplog.records
                                                        if r.name == "proposalnlp.readers")


def test_pypdf_used_directly_still_warns_as_it_did(odd_pdf: bytes, caplog: pytest.LogCaptureFixture) -> None:
    from pypdf import PdfReader

    extract_text(odd_pdf, "答复.pdf")  # our reader has been used in this process: its filter is on pypdf's loggers
    caplog.clear()
    caplog.set_level(logging.WARNING)
    PdfReader(io.BytesIO(odd_pdf)).pages[0].extract_text()
    assert any(r.name.startswith("pypdf") and "startxref" in r.getMessage() for r in caplog.records)


def test_the_command_line_shows_pdf_warnings_with_debug_only(tmp_path: Path, odd_pdf: bytes) -> None:
    # a process of its own: the command line configures logging as a user's run does (not under pytest's handlers)
    path = tmp_path / "答复.pdf"
    path.write_bytes(odd_pdf)
    env = {**os.environ, "PROPOSALNLP_LANG": "zh"}
    quiet = subprocess.run([sys.executable, "-m", "proposalnlp", "parse", str(path)], capture_output=True,
                           text=True, env=env, timeout=120)
    assert quiet.returncode == 0 and "收悉" in quiet.stdout and not quiet.stderr
    debug = subprocess.run([sys.executable, "-m", "proposalnlp", "--debug", "parse", str(path)], capture_output=True,
                           text=True, env=env, timeout=120)
    assert debug.returncode == 0 and "收悉" in debug.stdout
    assert "DEBUG: pypdf (warning): incorrect startxref pointer" in debug.stderr, debug.stderr[-500:]


def test_an_odd_pdf_uploaded_to_the_page_warns_nowhere(
    client: Any, odd_pdf: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    proposal = "关于加强乡村教师队伍建设的提案\n建议提高乡村教师生活补助标准。\n"
    files = {"reply_file": ("答复.pdf", odd_pdf, "application/pdf")}
    r = client.post("/check", data={"proposal_text": proposal}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert not [rec for rec in caplog.records if rec.levelno >= logging.WARNING]


# -- 3. a number cut by a PDF's line end is joined again without a space ------------------------------------------

# lines of one full width (40 Chinese characters on an A4 page with 20 mm margins at 12 pt), cut inside numbers
_FILL = "全市财政安排科技创新专项资金支持企业研发投入和重点实验室建设工作"


def test_a_number_cut_at_a_pdf_line_end_is_one_number() -> None:
    lines = [
        _FILL[:33] + "年度计划从20",
        "25年起每年安排资金" + _FILL[:25] + "用于增加1",
        ".5亿元的研发补助资金。",
        "此外，各区县按一比一配套。",
    ]
    text = extract_text(_pdf(lines), "答复.pdf")
    assert "从2025年起" in text and "增加1.5亿元" in text
    assert text.splitlines() == ["".join(lines[:3]), lines[3]]


def test_latin_words_cut_at_a_space_keep_it() -> None:  # a guard: English wraps at spaces
    assert join_lines(["The county budget for 2025", "grew by 12 percent", "over the year before."]) == (
        "The county budget for 2025 grew by 12 percent over the year before."
    )


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["资金共计3", ".5亿元。"], "资金共计3.5亿元。"),
        (["于20", "25年完成。"], "于2025年完成。"),
        (["完成率达9", "5%以上。"], "完成率达95%以上。"),
        (["访问 www.example", ".gov.cn 查询。"], "访问 www.example.gov.cn 查询。"),
    ],
)
def test_a_number_among_chinese_characters_is_joined_without_a_space(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


# -- 4. a table's rows in a PDF: each row one line, its cells a tab apart (as the .txt typed with tabs) -------------


def test_table_rows_of_a_pdf_keep_their_cells_apart() -> None:
    lines: list[str | list[str]] = [
        "各区县资金落实情况如下：",
        ["区县", "资金（万元）", "完成率"],
        ["东城区", "1200", "95%"],
        ["西城区", "800", "88%"],
        "以上资金已全部拨付到位。",
    ]
    text = extract_text(_pdf(lines, width=120, margin=15, size=11), "答复.pdf")
    assert text.splitlines() == [
        "各区县资金落实情况如下：", "区县\t资金（万元）\t完成率", "东城区\t1200\t95%", "西城区\t800\t88%",
        "以上资金已全部拨付到位。",
    ]


def test_rows_typed_with_tabs_are_not_run_together() -> None:
    # no full line to measure the width by: a line not ending a sentence would run on into the next
    assert join_lines(["项目\t金额（万元）", "道路改造\t300", "桥梁维修\t200"]).splitlines() == [
        "项目\t金额（万元）", "道路改造\t300", "桥梁维修\t200"]


def test_running_text_in_runs_of_its_own_gets_no_tab() -> None:  # a guard: a sentence set in several runs
    fpdf = pytest.importorskip("fpdf")
    if not FONT.exists():
        pytest.skip("the CJK font fonts-wqy-microhei is not installed")
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=12)
    pdf.add_page()
    for part in ["今年新建", "乡镇卫生院", "三所。"]:  # three runs, each right after the one before
        pdf.cell(pdf.get_string_width(part), 7, part)
    assert extract_text(bytes(pdf.output()), "答复.pdf") == "今年新建乡镇卫生院三所。"
