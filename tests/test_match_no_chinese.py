"""match() on a side with no Chinese character at all is refused, naming that side: the scorer reads Chinese, and
a verdict on English text (it said "answered") is false. A Chinese text with English words or digits is read as
before. The HTTP service answers 422 with the key and the message; the CLI batch makes it a bad row, which
--on-error skip/report pass over like any other. Every text here is invented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.cli_helpers import run_cli, service_client

from proposalnlp import match
from proposalnlp._text import has_chinese
from proposalnlp.errors import InputValueError

EN_PROPOSAL = "We suggest that the city build more public toilets along the riverside walk."
EN_REPLY = "The city has built six public toilets along the riverside walk this year."
ZH_PROPOSAL = "关于完善滨江步道公共厕所的提案\n建议：一、在滨江步道每隔一公里增设一座公共厕所。二、延长开放时间。"
ZH_REPLY = "王明委员：\n您提出的提案收悉，现答复如下：\n今年我局已在滨江步道新建公共厕所六座，开放时间延长至晚十点。"


@pytest.mark.parametrize(
    ("proposal", "reply", "side"),
    [
        (EN_PROPOSAL, EN_REPLY, "proposal"),
        (EN_PROPOSAL, ZH_REPLY, "proposal"),
        (ZH_PROPOSAL, EN_REPLY, "reply"),
        ([EN_PROPOSAL], [ZH_REPLY], "proposal"),
        ([ZH_PROPOSAL], [EN_REPLY, "2024-05-01"], "reply"),
        (ZH_PROPOSAL, "12345", "reply"),  # digits alone are no Chinese either
        (EN_PROPOSAL + "\n\n" + EN_REPLY, None, "proposal"),  # one document holding both
    ],
)
def test_a_side_without_chinese_is_refused_naming_it(proposal: Any, reply: Any, side: str) -> None:
    with pytest.raises(InputValueError) as info:
        match(proposal, reply)
    assert info.value.key == f"err.no_chinese.{side}"
    assert f"the {side} holds no Chinese character" in str(info.value)


def test_chinese_with_english_words_is_read() -> None:
    proposal = "建议在滨江步道推广5G智慧公厕，接入App实时显示空位。"
    reply = "我局已在滨江步道试点5G智慧公厕3座，市民可在App查看空位。"
    alignment = match(proposal, reply)
    assert alignment.coverage["total"] == 1 and alignment.suggestions[0].verdict in ("answered", "partly")


def test_has_chinese() -> None:
    assert has_chinese("5G公厕") and has_chinese("㐀") and not has_chinese("Public toilets, 2024!")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    yield from service_client()


def test_the_service_answers_422_with_key_and_message(client: Any) -> None:
    r = client.post("/match", json={"proposal": ZH_PROPOSAL, "reply": EN_REPLY})
    assert r.status_code == 422
    body = r.json()
    assert body["key"] == "err.no_chinese.reply" and "答复中没有一个汉字" in body["message"]


def test_the_cli_batch_reports_the_row_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pairs.csv"
    rows = [("1", "建议增设社区食堂。", "我局已在五个街道开办社区食堂。"), ("2", EN_PROPOSAL, EN_REPLY)]
    rows.append(("3", "建议延长图书馆开放时间。", "市图书馆已延长开放至晚九点。"))
    path.write_text("id,proposal,reply\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    code, out, err = run_cli(["--lang", "en", "match", "--batch", str(path), "--on-error", "report"], capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4, out  # the header, then every row
    assert lines[2].startswith("2\tERROR") and "the proposal holds no Chinese character" in lines[2]
    assert lines[1].startswith("1\t1\t") and lines[3].startswith("3\t1\t")
    assert "1 of 3 rows" in err
