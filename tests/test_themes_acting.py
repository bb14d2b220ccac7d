"""The sentence rule behind ``--focus-acting`` (issue 13): a unit read through the sentences that ask or act.

Every text here is invented for the test, in the style of proposals and replies.
"""

from __future__ import annotations

import pytest

from devtools.acting import acting_text, describes


@pytest.mark.parametrize(
    "sentence",
    [
        "近年来，本区财政每年投入文化事业的经费超过1.2亿元。",  # a time marker and a figure
        "截至去年底，全县共有民办养老机构37家。",  # a count at a date
        "目前乡镇卫生院的设备更新资金缺口较大。",  # a shortfall
        "农村电商从业人员普遍偏少，懂经营的更少。",  # a shortfall without any figure
    ],
)
def test_a_situation_without_a_request_describes(sentence: str) -> None:
    assert describes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "建议设立乡村教师专项津贴，每人每月不少于500元。",  # a figure inside a request
        "目前我局已安排资金800万元用于校舍改造。",  # a reply's account of a measure taken (已)
        "下一步将把护理员培训纳入年度计划。",  # a plan
        "要加快培育本地的工业设计企业。",  # a request without any figure
        "本区的非遗传承人队伍由区文旅局统一管理。",  # neither: no situation marker, so not describing
    ],
)
def test_a_request_a_measure_or_a_plain_statement_does_not_describe(sentence: str) -> None:
    assert not describes(sentence)


def test_a_unit_keeps_its_request_and_drops_the_figures_before_it() -> None:
    text = "近年来，市级财政对职业教育累计投入超过3亿元。建议扩大技工院校招生规模，提高实训教师待遇。"
    assert acting_text(text) == "建议扩大技工院校招生规模，提高实训教师待遇。"


def test_the_order_of_the_kept_sentences_is_the_unit_order() -> None:
    text = "一是加强队伍建设，充实基层农技人员。目前全镇农技员不足10人。二是完善考核办法，把服务实效作为依据。"
    assert acting_text(text) == "一是加强队伍建设，充实基层农技人员。二是完善考核办法，把服务实效作为依据。"


@pytest.mark.parametrize(
    "text",
    [
        "截至今年6月，全区共建成社区书屋42个。其中半数藏书不足2000册。",  # only describing: a background unit
        "建议加大对社区书屋的投入。同时组织志愿者开展亲子阅读活动。",  # nothing to drop
        "目前全区社区书屋藏书普遍不足，更新缓慢。",  # one sentence: nothing to choose from
        "",
    ],
)
def test_a_unit_that_is_all_of_one_kind_stays_whole(text: str) -> None:
    assert acting_text(text) == text
