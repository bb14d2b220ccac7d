"""A user's day, eighth round (task s17-qa2): what the seventh round noticed, then a new user's hour.

Every text here is hand-written for the test (invented names, places and numbers); nothing of the shared corpus."""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import run_cli as _run
from cli_helpers import service_client
from proposalnlp import match
from proposalnlp.document import read_text
from proposalnlp.matching.answer import covered_terms
from proposalnlp.matching.html import render_html

# -- 1. the unused reply units: the table, the coverage dict and the JSON count as the report's line does ----------

PARKING = (
    "关于缓解老城区停车难的提案\n"
    "建议：\n"
    "一、利用边角地块建设立体停车库。\n"
    "二、推行机关单位停车场夜间错时开放。\n"
    "何玉梅委员：\n"
    "您提出的《关于缓解老城区停车难的提案》收悉，现答复如下：\n"
    "一、今年我局利用边角地块新建立体停车库三座，新增泊位九百个。\n"
    "二、全市已有四十二家机关单位停车场在夜间错时开放，共享泊位两千一百个。\n"
    "{extra}"
    "感谢您对城市交通工作的关心和支持。\n"
    "市城市管理局\n"
    "2026年5月20日\n"
)
EXTRA = "三、今年全市新增公交线路六条，优化站点二十处。\n"


@pytest.mark.parametrize(("extra", "answer_units"), [("", 0), (EXTRA, 1)])
def test_the_coverage_counts_the_frame_units_apart(extra: str, answer_units: int) -> None:
    al = match(PARKING.format(extra=extra))
    c = al.coverage
    assert c["answered"] == 2
    # the old key keeps its meaning (all of them), the new ones split it as the report's line does
    assert c["unused_reply_units"] == len(al.unused_reply_units) == 2 + answer_units
    assert (c["unused_answer_units"], c["unused_frame_units"]) == (answer_units, 2)
    line = al.report().splitlines()[0]
    assert f"{2 + answer_units} 段答复未回应任何建议（其中 2 段只是开头、结尾等客套）" in line, line
    assert al.to_dict()["coverage"] == c
    assert "（其中 2 段只是开头、结尾等客套）" in render_html(al)


def _pairs_file(tmp_path: Path, rows: list[tuple[str, str, str]], name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["编号", "proposal", "reply"])
        writer.writerows(rows)
    return path


def _split(text: str) -> tuple[str, str]:
    at = text.index("何玉梅委员")
    return text[:at], text[at:]


def test_the_batch_table_and_json_count_as_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("2026-011", *_split(PARKING.format(extra=""))), ("2026-012", *_split(PARKING.format(extra=EXTRA)))]
    path = _pairs_file(tmp_path, rows)
    code, out, err = _run(["match", "--batch", str(path), "--id-column", "编号", "--no-themes"], capsys)
    assert code == 0, err
    table = list(csv.DictReader(out.splitlines(), delimiter="\t"))
    assert [(r["未回应建议的答复段落"], r["其中客套"]) for r in table] == [("2", "2"), ("3", "2")]
    code, out, err = _run(["match", "--batch", str(path), "--id-column", "编号", "--no-themes", "--json"], capsys)
    coverage = [json.loads(line)["coverage"] for line in out.splitlines()]
    assert [(c["unused_reply_units"], c["unused_answer_units"], c["unused_frame_units"]) for c in coverage] == [
        (2, 0, 2),
        (3, 1, 2),
    ]


# -- 2. a number written with separators is shown as written in the term lists ---------------------------------------


@pytest.mark.parametrize(
    ("request_text", "reply", "covered", "missing"),
    [
        ("建议对每个新建充电桩补助30,000元。", "市财政对每个新建充电桩补助3,000元。", [], ["30,000"]),
        ("建议对每个新建充电桩补助30,000元。", "市财政对每个新建充电桩补助30000元。", ["30,000"], []),
        ("建议对每个新建充电桩补助3，000元。", "市财政对每个新建充电桩补助3,000元。", ["3，000"], []),
        ("建议新增停车泊位2,400个。", "今年新增停车泊位1,200个。", [], ["2,400"]),
        ("建议新增停车泊位2400个。", "今年新增停车泊位2,400个。", ["2400"], []),  # the request's own spelling
    ],
)
def test_a_number_with_separators_is_shown_as_written(
    request_text: str, reply: str, covered: list[str], missing: list[str]
) -> None:
    got = covered_terms(request_text, reply)
    assert [w for w in got[0] if re.search(r"\d", w)] == covered
    assert [w for w in got[1] if re.search(r"\d", w)] == missing


def test_the_report_shows_the_number_as_written() -> None:
    al = match(["建议对每个新建充电桩补助30,000元，并简化报装流程。"], ["市财政对每个新建充电桩补助3,000元。"])
    assert al.suggestions[0].missing and "30,000" in al.suggestions[0].missing
    report = al.report()
    assert "30,000" in report and "30000" not in report


# -- 3. a text file cut inside its last UTF-8 character is read, its broken tail replaced and said ---------------------

LETTER = "关于缓解老城区停车难的提案\n建议：\n一、利用边角地块建设立体停车库。\n二、推行停车场夜间错时开放。"


@pytest.mark.parametrize("cut", [1, 2])
def test_a_text_cut_inside_its_last_character_is_read(cut: int, caplog: pytest.LogCaptureFixture) -> None:
    raw = LETTER.encode("utf-8")[:-cut]  # 。 is three bytes: one or two of them are left
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        got = read_text(raw)
    assert got == LETTER[:-1] + "\ufffd"
    assert any(f"last {3 - cut} byte(s)" in r.getMessage() and "U+FFFD" in r.getMessage() for r in caplog.records)
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        assert read_text(b"\xef\xbb\xbf" + raw) == got  # with a byte-order mark too


@pytest.mark.parametrize(("codec", "cut"), [("gb18030", 1), ("utf-16", 1), ("utf-16-le", 1)])
def test_a_gb18030_or_utf16_text_cut_inside_its_last_character_is_read(
    codec: str, cut: int, caplog: pytest.LogCaptureFixture
) -> None:
    raw = LETTER.encode(codec)[:-cut]
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        assert read_text(raw) == LETTER[:-1] + "\ufffd"
    assert any("incomplete" in r.getMessage() and "U+FFFD" in r.getMessage() for r in caplog.records)


def test_a_cut_file_is_parsed_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "提案.txt"
    path.write_bytes(LETTER.encode("utf-8")[:-1])
    code, out, err = _run(["parse", str(path)], capsys)
    assert code == 0 and "推行停车场夜间错时开放" in out, err


@pytest.mark.parametrize(
    "raw",
    [
        "停车难".encode() + b"\xff" + "的提案。".encode(),  # a bad byte inside: not a cut tail
        b"\x00\x01\x02\xe5\xbd",  # binary data
    ],
)
def test_other_broken_bytes_are_still_refused(raw: bytes) -> None:  # guards
    from proposalnlp.errors import InputValueError

    with pytest.raises(InputValueError):
        read_text(raw)


def test_gb18030_text_is_still_gb18030(caplog: pytest.LogCaptureFixture) -> None:  # a guard: GB bytes are no cut UTF-8
    text = "关于缓解老城区停车难的提案：建议建设立体停车库。"
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        assert read_text(text.encode("gb18030")) == text
        assert read_text(("Parking, 2026: " + text).encode("gb18030")) == "Parking, 2026: " + text
    assert not caplog.records


def test_a_big5_text_cut_short_is_still_refused_as_big5() -> None:  # a guard: the cut tail rule reads no other codec
    from proposalnlp.errors import InputValueError
    from test_inputs import BIG5_TEXT

    for raw in (BIG5_TEXT.encode("big5"), BIG5_TEXT.encode("big5")[:-1]):
        with pytest.raises(InputValueError, match="Big5"):
            read_text(raw)


# -- 4. the README's plain-lists example prints what it says it prints -----------------------------------------------


def test_the_readme_plain_lists_example_says_what_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    shown = r"^(al2 = .*?)^(print\(\[sm\.verdict for sm in al2\.suggestions\]\))  # (\[.*?\])"
    m = re.search(shown, readme, re.M | re.S)
    assert m, "the README's al2 example (and its shown output) is gone"
    namespace: dict[str, object] = {}
    exec("import proposalnlp\n" + m.group(1) + m.group(2), namespace)
    printed = capsys.readouterr().out.strip()
    assert printed == m.group(3)
    assert "answered" in json.loads(printed.replace("'", '"'))  # an example of both verdicts, not of a miss alone


# -- 5. a new user's hour: 50 invented pairs through the command line, the JSON read back, the service -------------

TOPICS = [
    ("社区托育", "新建社区托育点", "托育从业人员培训"),
    ("农村饮水", "延伸农村供水管网", "水质定期检测"),
    ("老旧小区", "加装电梯", "物业服务"),
    ("职业教育", "建设公共实训基地", "双师型教师队伍"),
    ("城市停车", "建设立体停车库", "错时共享停车"),
]
NAMES = ["韩志远", "方晓琳", "钱德明", "高秀英", "邵建军"]


def generated_pairs(n: int = 50) -> Iterator[tuple[str, str, str, bool]]:
    """``n`` invented proposal/reply pairs (id, proposal, reply, whether the reply answers the second suggestion),
    deterministic: the same text each run."""
    for i in range(n):
        topic, first, second = TOPICS[i % len(TOPICS)]
        count = 10 + (i * 7) % 80
        proposal = (
            f"关于推进{topic}工作的提案\n近年来我市{topic}工作取得积极进展，但仍存在短板。\n建议：\n"
            f"一、{first}，今年完成{count}处。\n二、加强{second}，每年补助{(i % 4 + 1) * 10},000元。\n"
        )
        answers_second = i % 3 != 0
        reply = (
            f"{NAMES[i % len(NAMES)]}委员：\n您提出的《关于推进{topic}工作的提案》收悉，现答复如下：\n"
            f"一、关于{first}。今年我局已{first}{count}处，超额完成年度任务。\n"
            + (f"二、关于{second}。我局已出台加强{second}的实施意见，明年起安排专项补助。\n" if answers_second else "")
            + "感谢您对我们工作的关心和支持。\n市发展和改革委员会\n2026年8月1日\n"
        )
        yield f"2026-{i + 1:03d}", proposal, reply, answers_second


def test_a_batch_of_fifty_pairs_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = list(generated_pairs())
    path = _pairs_file(tmp_path, [p[:3] for p in pairs])
    args = ["match", "--batch", str(path), "--id-column", "编号", "--no-themes"]
    code, out, err = _run([*args, "--json", "--html", str(tmp_path / "reports")], capsys)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]  # a script reading the JSON lines back
    assert [r["编号"] for r in rows] == [p[0] for p in pairs]
    assert all((tmp_path / "reports" / r["html"]).is_file() for r in rows)
    for r, (_rid, _p, _r, answers_second) in zip(rows, pairs, strict=True):
        verdicts = [s["verdict"] for s in r["suggestions"]]
        assert len(verdicts) == 2 and verdicts[0] != "unanswered", r
        if not answers_second:
            assert verdicts[1] == "unanswered", r
        c = r["coverage"]
        assert c["unused_reply_units"] == c["unused_answer_units"] + c["unused_frame_units"]
    misses = sum(not p[3] for p in pairs)
    assert sum(r["coverage"]["unanswered"] for r in rows) >= misses
    code, out, _err = _run(args, capsys)
    table = list(csv.DictReader(out.splitlines(), delimiter="\t"))
    assert [r["编号"] for r in table] == [p[0] for p in pairs]
    assert [int(t["未答复"]) for t in table] == [r["coverage"]["unanswered"] for r in rows]


def test_swapped_columns_are_said_in_the_batchs_terms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _pairs_file(tmp_path, [p[:3] for p in generated_pairs(3)])
    base = ["match", "--batch", str(path), "--id-column", "编号", "--no-themes"]
    code, _out, err = _run([*base, "--proposal-column", "reply", "--reply-column", "proposal"], capsys)
    assert code == 1 and "两列是否放反了" in err and "--proposal-column proposal --reply-column reply" in err, err
    assert "--proposal）" not in err  # not the advice for two files
    code, _out, err = _run([*base, "--text-column", "reply"], capsys)
    assert code == 1 and "“reply”列中没有找到提案部分" in err and "--proposal-column" in err, err
    code, _out, err = _run([*base, "--text-column", "proposal"], capsys)
    assert code == 1 and "“proposal”列中没有找到答复部分" in err, err
    code, _out, err = _run(["--lang", "en", *base, "--proposal-column", "reply", "--reply-column", "proposal"], capsys)
    assert code == 1 and "are the two columns swapped?" in err, err


def test_a_reply_alone_in_the_proposal_column_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [p[:3] for p in generated_pairs(3)]
    rows[1] = (rows[1][0], "感谢您对我们工作的关心和支持。", rows[1][2])
    path = _pairs_file(tmp_path, rows)
    args = ["match", "--batch", str(path), "--id-column", "编号", "--no-themes", "--on-error", "report"]
    code, out, _err = _run(args, capsys)
    bad = out.splitlines()[2]
    assert code == 1 and bad.startswith("2026-002") and "“proposal”列中没有找到提案部分" in bad, out
    assert "两列是否放反了" not in bad  # the reply column reads as a reply: nothing was swapped


def test_the_service_counts_as_the_command_line() -> None:
    _rid, proposal, reply, _answers = next(generated_pairs(1))
    for client in service_client():
        got = client.post("/match", json={"proposal": proposal, "reply": reply})
        assert got.status_code == 200, got.text
        c = got.json()["coverage"]
        assert (c["unused_reply_units"], c["unused_answer_units"], c["unused_frame_units"]) == (2, 0, 2)
        missing = [w for s in got.json()["suggestions"] for w in s["missing"]]
        assert "10,000" in missing  # the second suggestion's figure, as the proposal writes it
