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

from cli_helpers import run_cli as _run
from cli_helpers import service_client
from proposalnlp.document import parse
from proposalnlp.readers import extract_text, join_lines

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


def _blank_page() -> Any:
    """An fpdf page with the CJK font set, for tests that place their own text runs."""
    fpdf = pytest.importorskip("fpdf")
    if not FONT.exists():
        pytest.skip("the CJK font fonts-wqy-microhei is not installed (.ci/system-packages installs it)")
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=12)
    pdf.add_page()
    return pdf


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
    assert any("startxref" in m for m in ours) and all(
        r.levelno == logging.DEBUG for r in caplog.records if r.name == "proposalnlp.readers"
    )


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
    quiet = subprocess.run(
        [sys.executable, "-m", "proposalnlp", "parse", str(path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert quiet.returncode == 0 and "收悉" in quiet.stdout and not quiet.stderr
    debug = subprocess.run(
        [sys.executable, "-m", "proposalnlp", "--debug", "parse", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
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
        "各区县资金落实情况如下：",
        "区县\t资金（万元）\t完成率",
        "东城区\t1200\t95%",
        "西城区\t800\t88%",
        "以上资金已全部拨付到位。",
    ]


def test_rows_typed_with_tabs_are_not_run_together() -> None:
    # no full line to measure the width by: a line not ending a sentence would run on into the next
    assert join_lines(["项目\t金额（万元）", "道路改造\t300", "桥梁维修\t200"]).splitlines() == [
        "项目\t金额（万元）",
        "道路改造\t300",
        "桥梁维修\t200",
    ]


def test_characters_spread_across_a_line_get_no_tab() -> None:
    # a signature set with distributed alignment (分散对齐), each character a run of its own, two characters apart
    pdf = _blank_page()
    for k, char in enumerate("市卫生健康委员会"):
        pdf.set_x(120 + 9 * k)
        pdf.cell(5, 7, char)
    assert "\t" not in extract_text(bytes(pdf.output()), "答复.pdf")


def test_running_text_in_runs_of_its_own_gets_no_tab() -> None:  # a guard: a sentence set in several runs
    pdf = _blank_page()
    for part in ["今年新建", "乡镇卫生院", "三所。"]:  # three runs, each right after the one before
        pdf.cell(pdf.get_string_width(part), 7, part)
    assert extract_text(bytes(pdf.output()), "答复.pdf") == "今年新建乡镇卫生院三所。"


# -- 5. a round as a new user: a joint proposal with 附件, a Word reply with a table that answers out of order -------

JOINT = (
    "关于推进城乡社区嵌入式托育服务的提案\r\n"
    "提案人：林晓岚、郭振华、许文博（联名）\r\n"
    "近年来我市零至三岁婴幼儿约四万二千人，普惠性托育机构仅三十七家，家长“送托难、送托贵”问题突出。\r\n"
    "为此，建议：\r\n"
    "１．将嵌入式托育纳入社区公共服务设施配建标准，新建住宅小区配建托育用房。\r\n"
    "２．设立普惠托育运营补贴，按实际收托人数给予每人每月五百元补助。\r\n"
    "３．加强托育从业人员培训，依托职业院校开设保育员培训班，推行持证上岗。\r\n"
    "附件：1.我市部分社区托育需求问卷调查汇总表\r\n"
    "2.外地嵌入式托育典型做法\r\n"
)
ANSWERS = [
    "林晓岚委员、郭振华委员、许文博委员：",
    "你们提出的《关于推进城乡社区嵌入式托育服务的提案》收悉，现答复如下：",
    "一、关于从业人员培训。市卫生职业学院今年开设保育员培训班，培训一千二百人次。",
    "二、关于运营补贴。市财政安排普惠托育专项资金两千万元，按收托人数给予补助。",
    "近两年全市普惠托育主要指标如下：",
]
TABLE = [["项目", "2025年", "2026年计划"], ["普惠托位（个）", "3100", "4500"], ["补助资金（万元）", "1500", "2000"]]
CLOSING = ["感谢你们对托育工作的关心和支持。", "市卫生健康委员会", "2026年6月18日"]


def test_the_list_of_attachments_is_no_part_of_the_last_suggestion() -> None:
    doc = parse(JOINT)
    assert [u.text[-4:] for u in doc.suggestions] == ["育用房。", "元补助。", "证上岗。"]
    last = doc.proposal[-1]
    assert last.kind == "other" and last.text.startswith("附件：") and last.text.endswith("典型做法")


def test_attachments_numbered_one_a_line_are_one_unit_each_of_no_suggestion() -> None:
    text = JOINT.replace("附件：1.", "附件1：").replace("2.外地", "附件2：外地")
    doc = parse(text)
    assert len(doc.suggestions) == 3 and [u.kind for u in doc.proposal[-2:]] == ["other", "other"]


def test_attachments_after_requests_without_numbers_are_no_background() -> None:
    doc = parse(
        "关于加强河道保洁的提案\n我市河道垃圾较多，群众反映强烈。建议增加保洁人员，落实河长巡查制度。"
        "希望加大经费投入。\n附件：全市河道垃圾分布情况调研报告\n"
    )
    assert [u.text[:4] for u in doc.suggestions] == ["建议增加", "希望加大"]
    assert doc.proposal[-1].kind == "other" and doc.proposal[-1].text.startswith("附件：")


def test_an_attachment_field_of_a_record_form_stays_in_the_record() -> None:  # a guard
    doc = parse("提案号：0456\n提案人：黄英\n附件：现场照片三张\n内容：建议增设护学岗，完善交通设施。\n")
    assert len(doc.suggestions) == 1 and "附件" not in doc.suggestions[0].text


def _word_reply(tmp_path: Path) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in ANSWERS:
        d.add_paragraph(line)
    table = d.add_table(rows=len(TABLE), cols=3)
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in CLOSING:
        d.add_paragraph(line)
    path = tmp_path / "答复.docx"
    d.save(str(path))
    return path


def test_a_table_of_figures_in_a_word_reply_stays_in_the_answer(tmp_path: Path) -> None:
    from proposalnlp import read

    doc = read(_word_reply(tmp_path))
    closing = [u for u in doc.reply if u.kind == "closing"]
    assert len(closing) == 1 and closing[0].text.startswith("感谢你们")  # not from the table's 3100 / 2000
    body = "".join(u.text for u in doc.reply if u.kind in ("section", "item"))
    assert "3100" in body and "2000" in body


@pytest.mark.parametrize("row", ["普惠托位（个）\t3100\t4500", "补助资金（万元）\t1500\t2000"])
def test_a_row_of_figures_before_the_thanks_is_no_signature_or_date(row: str) -> None:
    doc = parse("\n".join([*ANSWERS, row, *CLOSING]))
    assert [u.text[:4] for u in doc.reply if u.kind == "closing"] == ["感谢你们"]


@pytest.mark.parametrize(
    "date", ["2026年6月18日", "2026.6.18", "2026-06-18", "二〇二六年六月十八日", "2026618", "2026 6 18"]
)
def test_a_reply_date_still_closes_the_letter(date: str) -> None:  # a guard, a date whose 年月日 were lost too
    doc = parse("\n".join([*ANSWERS[:4], "市卫生健康委员会", date]))
    closing = [u for u in doc.reply if u.kind == "closing"]
    assert len(closing) == 1 and closing[0].text.startswith("市卫生健康委员会") and closing[0].text.endswith(date)


def test_the_sector_of_a_proposal_is_its_metadata_not_its_background() -> None:
    doc = parse(JOINT.replace("（联名）\r\n", "（联名）\r\n界别：妇联界\r\n"))
    assert doc.metadata["界别"] == "妇联界" and not any("界别" in u.text for u in doc.units)


# -- 6. a table saved from Excel as "Unicode Text" (UTF-16 with its mark, tab-separated, a .txt) ------------------


def _unicode_text(path: Path) -> Path:
    rows = [["编号", "提案内容", "答复内容"]]
    for n, topic in enumerate(["老旧小区加装电梯", "农村生活污水治理"], 1):
        proposal = f"关于加强{topic}工作的提案\n建议：\n一、加大{topic}投入。\n二、完善{topic}制度。"
        reply = f"王明委员：\n您的提案收悉，现答复如下：\n一、今年已安排{topic}专项资金五百万元。\n感谢您的关心。"
        rows.append([f"2026-{n:03d}", proposal, reply])
    body = "\r\n".join("\t".join('"' + c + '"' if "\n" in c else c for c in row) for row in rows) + "\r\n"
    path.write_bytes(body.encode("utf-16"))  # with its byte-order mark, as Excel writes it
    return path


def test_a_unicode_text_table_is_read_with_format_tsv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _unicode_text(tmp_path / "提案答复.txt")
    code, out, err = _run(
        [
            "match",
            "--batch",
            str(path),
            "--format",
            "tsv",
            "--id-column",
            "编号",
            "--no-themes",
            "--proposal-column",
            "提案内容",
            "--reply-column",
            "答复内容",
        ],
        capsys,
    )
    assert code == 0 and not err, err
    assert [line.split("\t")[:2] for line in out.splitlines()[1:]] == [["2026-001", "2"], ["2026-002", "2"]]


def test_a_unicode_text_table_without_format_is_pointed_at_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _unicode_text(tmp_path / "提案答复.txt")
    code, _out, err = _run(["match", "--batch", str(path)], capsys)
    assert code == 2 and "制表符分隔" in err and "--format tsv" in err


def test_a_plain_document_given_as_a_table_is_still_said_to_be_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # a guard
    path = tmp_path / "答复.txt"
    path.write_text("\n".join(ANSWERS), encoding="utf-8")
    code, _out, err = _run(["match", "--batch", str(path)], capsys)
    assert code == 2 and "是一份文档" in err and "制表符" not in err


def test_utf16_without_its_mark_is_still_refused_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes("text\n建议增加乡村教师编制\n建议加大财政投入\n".encode("utf-16-le"))
    code, _out, err = _run(["classify", "--file", str(path)], capsys)
    assert code == 1 and "CSV UTF-8" in err


def test_a_table_of_figures_on_a_saved_page_stays_in_the_answer() -> None:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE)
    page = (
        "<html><head><meta charset='utf-8'></head><body><div class='article'>"
        + "".join(f"<p>{x}</p>" for x in ANSWERS)
        + f"<table>{rows}</table>"
        + "".join(f"<p>{x}</p>" for x in CLOSING)
        + "</div></body></html>"
    )
    doc = parse(extract_text(page.encode("utf-8"), "答复.html"))
    assert [u.text[:4] for u in doc.reply if u.kind == "closing"] == ["感谢你们"]


# -- 7. the service's other refusals (413, 408) carry a message for people too ------------------------------------


def test_a_body_over_the_limit_is_said_in_chinese() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    with TestClient(create_app(max_bytes=1000), base_url="http://localhost") as small:
        r = small.post("/match", json={"proposal": "建议增加投入。" * 200})
        got = r.json()
        assert r.status_code == 413 and got["key"] == "api.req.too_large" and "上限为 1000 字节" in got["message"]
        assert got["detail"] == "request body too large: the limit is 1000 bytes"  # for programs, as before


def test_too_many_pairs_is_said_in_chinese() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    with TestClient(create_app(max_pairs=4), base_url="http://localhost") as small:
        body = {"proposal": ["建议一", "建议二", "建议三"], "reply": ["答复一", "答复二"]}
        got = small.post("/match", json=body).json()
        assert got["key"] == "web.too_many_pairs" and "3 条建议 × 2 段答复" in got["message"]
        assert got["detail"].startswith("too many pairs to match: 3 suggestion(s) × 2 reply unit(s) = 6")
        assert "suggestion(s)" in small.post("/match?lang=en", json=body).json()["message"]
