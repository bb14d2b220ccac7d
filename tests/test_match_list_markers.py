"""A suggestion's own list number (1. 1、 (1) （一） 一是 一、 第一，) is none of its terms (issue 12, QA report):
the report must not say a reply left out "2" because the suggestion was the second one, while the numbers
inside a suggestion's text (五百元, 2025年, 3条, 120户) stay its terms.

The examples are written for these tests in the style of real proposals and replies (no real text).
"""

from __future__ import annotations

import pytest

from proposalnlp import match
from proposalnlp.matching.answer import (
    PAIR_FEATURES,
    covered_terms,
    pair_features,
    prepare_request,
    specific_terms,
)

BODIES = (
    "在西岭街道设立老年助餐点，每餐补贴五元。",
    "加快在2027年前完成老旧小区加装电梯120部。",
    "组织养老护理员轮训，扩大护理专业招生规模。",
)
STYLES = {
    "1.": ("1. ", "2. ", "3. "),
    "1、": ("1、", "2、", "3、"),
    "（1）": ("（1）", "（2）", "（3）"),
    "(1)": ("(1)", "(2)", "(3)"),
    "（一）": ("（一）", "（二）", "（三）"),
    "一是": ("一是", "二是", "三是"),
    "一、": ("一、", "二、", "三、"),
    "第一，": ("第一，", "第二，", "第三，"),
    "①": ("①", "②", "③"),
}
# a reply that gives no figure at all: every number of a suggestion's text is left out, no list number is
UNRELATED_REPLY = "关于老年助餐和护理员培训工作，我局高度重视，已会同各街道研究推进。"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_list_number_is_not_a_term_but_the_numbers_in_the_text_are(style: str) -> None:
    for mark, body in zip(STYLES[style], BODIES, strict=True):
        covered, missing = covered_terms(mark + body, UNRELATED_REPLY)
        shown = covered + missing
        number = mark.strip("（）()、.，是 ")
        assert number not in shown, (mark, shown)
        assert not any(t.startswith("是") for t in shown), (mark, shown)
    # the numbers of the text itself are still terms the reply leaves out
    assert "2027" in covered_terms(STYLES[style][1] + BODIES[1], UNRELATED_REPLY)[1]
    assert "120" in covered_terms(STYLES[style][1] + BODIES[1], UNRELATED_REPLY)[1]


def test_a_number_of_the_text_equal_to_the_list_number_stays_a_term() -> None:
    """3. … 3条: the marker goes, the 3 of 3条 stays (and the reply that says 3条 covers it)."""
    request = "3. 建议在东门菜市场周边新建3条人行通道。"
    assert "3" in covered_terms(request, "东门菜市场周边暂未规划人行通道。")[1]
    assert "3" in covered_terms(request, "东门菜市场周边已建成3条人行通道。")[0]


def test_sub_point_numbers_inside_a_suggestion_are_not_terms() -> None:
    """A suggestion holding numbered sub-points (（一）…\\n1.…\\n2.…) and inline ones (：(1)…；(2)…)."""
    nested = "（二）完善社区养老设施。\n1.在西岭街道设立老年助餐点。\n2.每餐补贴五元。"
    assert prepare_request(nested).numbers == frozenset()
    inline = "建议完善社区养老设施：(1)设立老年助餐点；(2)为120户困难老人安装呼叫设备。"
    assert prepare_request(inline).numbers == frozenset({"120"})


@pytest.mark.parametrize(
    "text, number",
    [
        ("建议开通东环1、2号线接驳公交。", "1"),  # 1、2号线 names two lines: not a list marker
        ("建议将补贴提高至每人每月。3.5亿元专项资金用于改造。", "3"),  # a decimal at a sentence start
        ("建议加快改造。2027年前全部完工。", "2027"),  # a year at a sentence start
        ("建议每年安排不少于5个试点社区。", "5"),
    ],
)
def test_numbers_that_are_not_list_markers_stay(text: str, number: str) -> None:
    assert any(number in x for x in prepare_request(text).numbers), prepare_request(text).numbers


def test_the_numbers_feature_does_not_count_the_list_number() -> None:
    """The answer model's ``numbers`` feature: the share of the request's numbers the text holds. A reply
    giving the suggestion's one figure holds all of its numbers, whatever the suggestion's list number."""
    req = prepare_request("2. 建议对困难老人每月发放助餐补贴300元。")
    assert req.numbers == frozenset({"300"})
    f = pair_features(req, "已对困难老人每月发放助餐补贴300元。", (0.5, 0.5, 0.5))
    assert f[PAIR_FEATURES.index("numbers")] == 1.0


def test_the_words_of_a_suggestion_do_not_take_its_list_marker() -> None:
    """一是在西岭街道… is cut without 一是: no specific word begins with the marker's 是."""
    terms = specific_terms("一是在西岭街道设立老年助餐点。")
    assert terms and not any(t.startswith("是") for t in terms), terms


def test_match_reports_no_list_number_as_left_out() -> None:
    proposal = "关于加强社区养老服务的提案\n建议：\n" + "\n".join(
        m + b for m, b in zip(STYLES["1."], BODIES, strict=True)
    )
    reply = (
        "对市政协提案的答复\n"
        "一、关于老年助餐点。我局已在西岭街道设立老年助餐点，每餐补贴五元。\n"
        "二、关于加装电梯。已完成老旧小区加装电梯60部。\n"
        "三、关于护理员培训。已组织养老护理员轮训两期。\n"
    )
    result = match(proposal, reply)
    assert len(result.suggestions) == 3
    for k, m in enumerate(result.suggestions, start=1):
        assert str(k) not in m.missing + m.covered, (m.suggestion.text, m.missing)
    # the figure the reply gives differently (120部 against 60部) is still left out
    assert "120" in result.suggestions[1].missing
