"""A reply that holds no answer at all (only its opening: …收悉, …已转…处理; or only a title and a closing) gives
every suggestion the verdict "unanswered" with basis "no_answer", not a verdict read off the opening; and the
last paragraph of a reply given as a list that is only its closing (thanks, 此复, signature, date, contact) is a
closing, so it never ranks first. Invented texts (issue 14)."""

from __future__ import annotations

import pytest

from proposalnlp import match
from proposalnlp.matching.align import leading_frame, trailing_frame
from proposalnlp.matching.report import render_text

REQUESTS = ["建议在青石村口安装路灯，方便村民夜间出行。", "建议加强青石村道路的日常养护。"]


@pytest.mark.parametrize(
    "text",
    [
        "您的留言已收悉，关于您反映的问题，已转县住建局调查处理。",
        "网友：您好！您的留言已收悉，已转交县交通局核实办理，有关情况将及时反馈。",
        "您好，您反映的问题已收悉。",
    ],
)
def test_a_reply_that_is_only_an_opening_answers_nothing(text: str) -> None:
    for reply in (text, [text]):  # as a text and as a list of one paragraph
        al = match(REQUESTS, reply)
        assert [u.kind for u in al.reply_units] == ["opening"], reply
        assert [m.verdict for m in al.suggestions] == ["unanswered", "unanswered"]
        assert all(m.basis == "no_answer" and m.probability == 0.0 for m in al.suggestions)
        assert all(m.to_dict()["basis"] == "no_answer" for m in al.suggestions)
        assert al.unused_reply_units == al.reply_units
        # each suggestion holds its own list of units: editing one match's list leaves the others alone
        al.suggestions[0].ranked.clear()
        assert al.suggestions[1].ranked == [(al.reply_units[0], 0.0)]


def test_the_report_says_why() -> None:
    al = match(REQUESTS, ["您好，您反映的问题已收悉。"])
    assert "没有回应内容的段落" in render_text(al)
    assert "no unit that answers" in render_text(al, lang="en")


def test_forwarding_with_an_answer_is_no_lone_opening() -> None:
    assert leading_frame("您的留言已收悉，已转交县交通局，该路段已于上月修复。") is None
    al = match(REQUESTS, ["您的留言已收悉，已转交县交通局，该路段已于上月修复。"])
    assert [u.kind for u in al.reply_units] == ["item"]
    assert all(m.basis != "no_answer" for m in al.suggestions)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("感谢您对我们工作的关心和支持！", "closing"),
        ("此复。", "closing"),
        ("特此回复。\\nXX县住建局 2019年5月6日", "closing"),
        ("2019年5月6日", "closing"),
        ("联系人：王明，联系电话：0731-1234567。", "closing"),
        ("如有疑问，请致电0731-1234567咨询。", "closing"),
        ("祝您工作顺利！", "closing"),
        # an answer, even one that ends in thanks: not a closing
        ("经核实，青石村口已于上月安装路灯6盏。感谢您的监督与支持。", None),
        ("我们将继续推进道路养护工作，感谢您的关心。", None),
        ("青石村道路已纳入今年的养护计划。", None),
        ("感谢您的监督。" * 40, None),  # too long to be a closing alone
    ],
)
def test_trailing_frame(text: str, kind: str | None) -> None:
    assert trailing_frame(text.replace("\\n", "\n")) == kind


def test_closing_paragraph_never_ranks_first() -> None:
    paragraphs = [
        "网友：您好！您的留言已收悉，现回复如下：",
        "青石村道路已纳入今年的养护计划，将于下月铺设沥青路面。",
        "感谢您对青石村道路建设的关心和支持！",
    ]
    al = match(["建议加强青石村道路的日常养护，关心村民出行。"], paragraphs)
    assert [u.kind for u in al.reply_units] == ["opening", "item", "closing"]
    ranked = al.suggestions[0].ranked
    assert ranked[0][0].id == "R2"
    assert ranked[-1][1] == 0.0 and ranked[-1][0].kind in ("opening", "closing")


def test_a_lone_paragraph_is_never_a_closing() -> None:
    al = match(REQUESTS, ["感谢您对我们工作的关心和支持！"])
    assert [u.kind for u in al.reply_units] == ["item"]
