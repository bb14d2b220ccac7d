"""Replies to a citizen's message that address no net user by name (issue 14, items 1 and 2 of session s11):
a text that opens by announcing its answer (…现回复如下：) or closes by thanking its reader (…感谢您的关注。,
如有疑问，请致电…) is a reply, and its closing is read as a reply to a net user's closing is read; other
addresses of a person who wrote in (市民朋友：, 来信同志：) are salutations; thanks right after a bare user id
(“UU001”感谢您的关心。) open the letter and the answer after them is the body's. Invented texts."""

from __future__ import annotations

import pytest

from proposalnlp import parse


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in parse(text).units]


@pytest.mark.parametrize(
    "text, opening",
    [
        ("关于您在平台反映的青石路路灯问题，现回复如下：\n青石路路灯已于5月6日全部修复。",
         "关于您在平台反映的青石路路灯问题，现回复如下："),
        ("经核实，现回复如下：青石路路灯已全部修复，今后将加强巡查。", "经核实，现回复如下："),
    ],
)
def test_an_announced_answer_makes_a_reply(text: str, opening: str) -> None:
    doc = parse(text)
    assert doc.reply and not doc.proposal
    assert (doc.units[0].kind, doc.units[0].text) == ("opening", opening)
    assert [u.kind for u in doc.units][1:] == ["item"]


def test_a_closing_of_thanks_makes_a_reply() -> None:
    doc = parse("青石路路灯已于5月6日全部修复，今后将加强巡查。感谢您对城市管理工作的关注与支持！")
    assert [(u.part, u.kind) for u in doc.units] == [("reply", "item"), ("reply", "closing")]
    assert doc.units[1].text == "感谢您对城市管理工作的关注与支持！"


def test_a_proposal_is_no_reply() -> None:
    # a proposal thanks nobody and announces no answer: unchanged
    doc = parse("建议在青石村口安装路灯，方便村民夜间出行。同时加强道路养护，确保群众出行安全。")
    assert not doc.reply


@pytest.mark.parametrize(
    "text, closing",
    [
        # no salutation: the receipt of the message opens it, so its closing reads as an online reply's
        ("您的留言已收悉。青石路路灯已于5月6日全部修复，今后将加强巡查，感谢您的关注。", "感谢您的关注。"),
        # no salutation, no receipt: the closing of thanks itself says who is addressed
        ("经核实，青石路路灯已于5月6日全部修复，今后将加强巡查，感谢您对城市管理工作的关注与支持！",
         "感谢您对城市管理工作的关注与支持！"),
        ("我局已安排人员检查，青石路路灯已全部修复。如有疑问，请致电0731-1234567咨询。",
         "如有疑问，请致电0731-1234567咨询。"),
    ],
)
def test_the_closing_of_a_reply_with_no_salutation(text: str, closing: str) -> None:
    units = _kinds(text)
    assert units[-1] == ("closing", closing)
    assert [k for k, _t in units].count("item") == 1


@pytest.mark.parametrize("address", ["市民朋友：", "来信同志：", "尊敬的网民朋友：", "各位市民："])
def test_other_addresses_of_a_person_who_wrote_in(address: str) -> None:
    text = f"{address}\n针对您反映的问题，我局立即派人核查，现将情况回复如下：\n青石路路灯已全部修复。\n感谢您的关注。"
    assert [k for k, _t in _kinds(text)] == ["opening", "item", "closing"]


def test_an_address_word_inside_a_sentence_is_no_salutation() -> None:
    units = _kinds("市民朋友反映的青石路路灯问题，我局已于5月6日全部修复。")
    assert [k for k, _t in units] == ["item"]


@pytest.mark.parametrize(
    "text, answer",
    [
        ("“UU001”感谢您对我们工作的关心。青石路路灯已于5月6日全部修复，今后将加强巡查，感谢您的关注。2019年5月8日",
         "青石路路灯已于5月6日全部修复，今后将加强巡查，"),
        ("您好，青石路路灯已于5月6日全部修复，今后将加强巡查，感谢您的关注。",
         "青石路路灯已于5月6日全部修复，今后将加强巡查，"),
    ],
)
def test_thanks_open_the_letter_only_as_a_sentence_of_their_own(text: str, answer: str) -> None:
    units = _kinds(text)
    assert [k for k, _t in units] == ["opening", "item", "closing"]
    assert units[1][1] == answer
    assert units[2][1].startswith("感谢您的关注")


@pytest.mark.parametrize(
    "text",
    [
        "UU001：\n关于您反映的青石路路灯问题，现回复如下：\n青石路路灯已于5月6日全部修复。",
        "青石路路灯问题的回复：\n针对网民反映的问题，我局立即派人核查，现将情况回复如下：\n青石路路灯已于5月6日全部修复。",
    ],
)
def test_short_lines_then_the_announcement_are_the_opening(text: str) -> None:
    # a short line (an address the parser does not know, the reply's title), then a paragraph that ends by
    # announcing the answer: the opening runs over both; the answer is the body's
    units = _kinds(text)
    assert [k for k, _t in units] == ["opening", "item"]
    assert units[0][1].endswith("回复如下：")


def test_an_announcement_deep_in_the_answer_opens_nothing() -> None:
    text = "UU001：\n青石路路灯已于5月6日修复。\n另查明，青石路路面破损两处，具体情况说明如下：\n一处已修复。"
    assert parse(text).units[0].kind != "opening"
