"""A request's number is covered only by the same number in the reply, read as a whole (issue 12, QA report):
not by the digits inside a longer number (3 in 2025 or 30, 5000 in 50000), not across a decimal point (15 and
1.5), not by the reply's own list marker (3.). The report's 已回应/未回应 lists and the answer model's
``numbers`` feature both read this.

The examples are written for these tests in the style of real proposals and replies (no real text).
"""

from __future__ import annotations

import pytest

from proposalnlp.matching.answer import PAIR_FEATURES, covered_terms, pair_features, prepare_request

NUMBERS = PAIR_FEATURES.index("numbers")


def _missing(request: str, reply: str) -> list[str]:
    return covered_terms(request, reply)[1]


def _feature(request: str, reply: str) -> float:
    return float(pair_features(prepare_request(request), reply, (0.5, 0.5, 0.5))[NUMBERS])


@pytest.mark.parametrize(
    "request_text, reply",
    [
        # the 2 of a year is no count of lines
        ("建议在城北片区新增2条公交线路。", "城北片区公交线路已于2025年开通运营。"),
        ("建议在城北片区新增3条公交线路。", "城北片区现有公交线路30余条。"),
        ("建议对返乡创业青年给予一次性补贴5000元。", "对返乡创业青年给予一次性补贴50000元。"),
        ("建议将每户补贴标准提高到1.5万元。", "每户补贴标准已提高到15万元。"),
        ("建议将每户补贴标准提高到15万元。", "每户补贴标准已提高到1.5万元。"),
    ],
)
def test_a_digit_inside_another_number_does_not_cover(request_text: str, reply: str) -> None:
    number = prepare_request(request_text).numbers
    assert len(number) == 1
    (x,) = number
    assert x in _missing(request_text, reply), covered_terms(request_text, reply)
    assert _feature(request_text, reply) == 0.0


def test_the_replys_own_list_marker_does_not_cover() -> None:
    """A reply answering point 3 under its heading 3. has not thereby said anything about 3条."""
    request = "建议在城北片区新增3条公交线路。"
    reply = "1.关于停车场建设。已纳入规划。\n3.关于公交线路。城北片区公交线路正在调研论证。"
    assert "3" in _missing(request, reply)
    assert _feature(request, reply) == 0.0


@pytest.mark.parametrize(
    "reply",
    [
        "城北片区已新增3条公交线路。",
        "城北片区已新增３条公交线路。",  # full-width digits are the same digits
        "城北片区已新增三条公交线路。",  # a count in Chinese numerals is the same count to a reader
        "3.关于公交线路。城北片区已新增3条公交线路。",  # the marker goes, the 3 of 3条 stays
    ],
)
def test_the_same_number_covers_however_it_is_written(reply: str) -> None:
    """3条, ３条 and 三条 are one count to a reader: each covers a request's 3条."""
    request = "建议在城北片区新增3条公交线路。"
    covered, missing = covered_terms(request, reply)
    assert "3" in covered and "3" not in missing, (covered, missing)
    assert _feature(request, reply) == 1.0


@pytest.mark.parametrize(
    "request_text, reply, number",
    [
        ("建议每年补贴5000元。", "每年补贴五千元。", "5000"),
        ("建议2027年前完成改造。", "计划于二〇二七年前完成改造。", "2027"),
        ("建议设立12个服务站。", "已设立十二个服务站。", "12"),
        ("建议安排3万元专项经费。", "已安排三万元专项经费。", "3"),
        ("建议每户补贴1.5万元。", "每户补贴1.5万元。", "1.5"),
        ("建议新建5G基站200座。", "已新建5G网络基站200座。", "5g"),
        ("建议修建步道3公里。", "已修建步道3km。", "3"),
    ],
)
def test_numbers_written_differently_that_a_reader_takes_as_one(request_text: str, reply: str, number: str) -> None:
    """五千 is 5000, 二〇二七 is 2027, 三万 is 3万, 3km is 3公里 to a reader; a number glued to letters (5G) is
    that whole token."""
    assert number in prepare_request(request_text).numbers
    assert number not in _missing(request_text, reply), covered_terms(request_text, reply)
    assert _feature(request_text, reply) == 1.0


def test_a_lone_one_in_a_word_is_no_number() -> None:
    """统一部署 and 进一步 hold 一 as part of a word: a request's 1 is not covered by them."""
    request = "建议先选择1个镇开展试点。"
    reply = "我局将统一部署，进一步推进试点工作。"
    assert "1" in _missing(request, reply)
    assert _feature(request, reply) == 0.0


def test_a_rough_count_in_chinese_numerals_is_no_number() -> None:
    """两三个 and 七八家 say "two or three", "seven or eight": neither 23 nor 78, nor the 3 a request asks for."""
    assert _missing("建议新建23个停车场。", "已新建两三个停车场。") == ["23"]
    assert "3" in _missing("建议新建3个停车场。", "已新建两三个停车场。")
    assert _feature("建议扶持78家企业。", "已扶持七八家企业。") == 0.0


def test_the_feature_counts_each_number_of_the_request() -> None:
    """Two numbers, one given whole and one only inside a longer number: half are covered."""
    request = "建议新增3条公交线路，配置50辆新能源公交车。"
    assert prepare_request(request).numbers == frozenset({"3", "50"})
    assert _feature(request, "已配置50辆新能源公交车，2023年起运营。") == 0.5
