"""A reply given to ``match()`` as a list of paragraphs: a first paragraph that is only the reply's title or
only its opening (a salutation and …收悉 / …现答复如下：) is a frame, so it never ranks first. Such a paragraph
restates the proposal's title, so its words match every suggestion; before this rule it could be the "best
answer" of a suggestion the reply never addresses. Invented texts."""

from __future__ import annotations

import pytest

from proposalnlp import match
from proposalnlp.matching.align import leading_frame


@pytest.mark.parametrize(
    "text, kind",
    [
        ("王委员：您提出的《关于加强基层人才培养的提案》收悉，现答复如下：", "opening"),
        ("您好，您反映的问题已收悉。", "opening"),
        ("尊敬的李代表：\n  你提出的关于改善城郊公交的建议已收到！", "opening"),
        ("现将有关情况说明如下：", "opening"),
        ("关于市政协十三届二次会议第0217号提案的答复", "header"),
        ("关于《加快发展智慧农业》提案办理情况", "header"),
        # content after the opening's last words, or a sentence of the answer: an item
        ("您的建议已收悉，我们已于今年完成道路维修，新铺沥青路面两公里。", None),
        ("一、设立人才培养专项资金，每年安排500万元。", None),
        ("关于人才培养，我们已出台专项政策，每年培训技术人员两千人次。", None),
        ("感谢您对我们工作的关心和支持。", None),
        ("您好！" + "我们已完成整改，" * 30 + "收悉。", None),  # too long to be an opening alone
    ],
)
def test_leading_frame(text: str, kind: str | None) -> None:
    assert leading_frame(text) == kind


def test_opening_paragraph_never_ranks_first() -> None:
    requests = ["建议加强基层人才培养，定向培养乡村医生。"]
    paragraphs = [
        "王委员：您提出的《关于加强基层人才培养的提案》收悉，现答复如下：",
        "今年我委组织乡镇卫生院医生赴市级医院进修，共120人次。",
        "感谢您对卫生健康工作的关心。",
    ]
    al = match(requests, paragraphs)
    assert [u.kind for u in al.reply_units] == ["opening", "item", "closing"]  # the thanks: test_reply_no_answer.py
    ranked = al.suggestions[0].ranked
    assert ranked[0][0].id != "R1"
    assert {u.id for u, _sc in ranked[-2:]} == {"R1", "R3"}  # an opening and a closing answer nothing
    assert ranked[-1][1] == ranked[-2][1] == 0.0


def test_lone_paragraph_and_content_first_paragraph_are_items() -> None:
    # a reply of one paragraph is what it is (a lone opening is an opening: test_reply_no_answer.py); a first
    # paragraph that answers stays an item
    al = match(["建议在青石村口安装路灯。"], ["关于青石村口路灯的答复"])
    assert [u.kind for u in al.reply_units] == ["item"]
    al = match(["建议在青石村口安装路灯。"], ["经核实，青石村口已于上月安装路灯6盏。"])
    assert [u.kind for u in al.reply_units] == ["item"]
    al = match(
        ["建议在青石村口安装路灯。"],
        ["经核实，青石村口已于上月安装路灯6盏。", "感谢您的监督与支持。"],
    )
    assert [u.kind for u in al.reply_units] == ["item", "closing"]
    assert al.suggestions[0].ranked[0][0].id == "R1"
