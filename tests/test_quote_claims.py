"""A reply unit that quotes one request's own words answers that request (MatchConfig.quote_claims, off by default;
answer model card, round 16).

The messages and replies are written for these tests in the style of replies to citizens' messages (no real text).
"""

from __future__ import annotations

import time

from proposalnlp.document import Unit
from proposalnlp.matching import MatchConfig, align_units
from proposalnlp.matching.align import quote_claims

POINTS = [
    "小区东门的垃圾站离住宅楼太近，夏天气味很大，影响居民生活。",
    "建议将小区东门垃圾站迁移到停车场北侧空地。",
]

REPLY = [
    "关于您提出的“将小区东门垃圾站迁移到停车场北侧空地”的建议，经街道与物业现场查看，北侧空地属规划绿地，"
    "暂不具备迁移条件。",
    "针对异味问题，物业已为垃圾站加装除臭设备，并将清运频次由每日一次调整为每日两次。",
]


def _units(texts: list[str], part: str, kind: str) -> list[Unit]:
    return [Unit(f"{part[0].upper()}{k + 1}", part, kind, 1, None, None, t, 0, len(t)) for k, t in enumerate(texts)]


def test_a_quote_of_one_request_claims_the_unit() -> None:
    assert quote_claims(POINTS, REPLY).tolist() == [1, -1]


def test_no_claim_for_a_short_quote_a_title_or_words_two_requests_share() -> None:
    assert quote_claims(POINTS, ["您反映的“垃圾站”问题，物业已处理。"]).tolist() == [-1]  # under 6 characters
    assert quote_claims(POINTS, ["您提出的《关于改善社区环境的建议》收悉。"]).tolist() == [-1]  # a title in 《》
    # both requests hold 小区东门垃圾站: the quote is neither's alone
    both = ["小区东门垃圾站夏天气味很大。", "建议将小区东门垃圾站迁走。"]
    assert quote_claims(both, ["关于“小区东门垃圾站”一事，现答复如下。"]).tolist() == [-1]
    # cautious: a quote of the second in full still repeats the run both hold, so it claims nothing
    assert quote_claims(both, ["关于“建议将小区东门垃圾站迁走”一事，现答复如下。"]).tolist() == [-1]
    assert quote_claims(POINTS, ["关于“公园南门的公共厕所”一事，已安排维修。"]).tolist() == [-1]  # quotes neither


def test_the_option_ranks_a_sibling_quoting_unit_after_the_others() -> None:
    points, reply = _units(POINTS, "proposal", "suggestion"), _units(REPLY, "reply", "item")
    before = align_units(points, reply)
    # by words alone, the unit answering the relocation request (it repeats 小区东门垃圾站) comes first for the
    # smell complaint too
    assert before.suggestions[0].ranked[0][0].id == "R1"
    after = align_units(points, reply, config=MatchConfig(quote_claims=True))
    assert after.suggestions[0].ranked[0][0].id == "R2"
    assert after.suggestions[0].ranked[1][0].id == "R1"
    assert after.suggestions[0].ranked[1][1] == 0.0  # it scores 0 for the sibling, as openings do
    # the quoted request keeps its unit, with the same score as without the option
    assert after.suggestions[1].ranked[0][0].id == "R1"
    assert after.suggestions[1].ranked[0][1] == before.suggestions[1].ranked[0][1]


def test_off_by_default_and_no_effect_on_a_single_request() -> None:
    assert MatchConfig().quote_claims is False
    points, reply = _units(POINTS[:1], "proposal", "suggestion"), _units(REPLY, "reply", "item")
    a = align_units(points, reply)
    b = align_units(points, reply, config=MatchConfig(quote_claims=True))
    assert [(u.id, s) for u, s in a.suggestions[0].ranked] == [(u.id, s) for u, s in b.suggestions[0].ranked]


def test_an_unclosed_quotation_mark_is_no_quote_and_costs_one_scan() -> None:
    # each opening mark without a closing one used to scan the rest of the unit (over the later opening marks): a
    # long unit full of them took minutes. A quote ends at the next quotation mark of either side.
    unit = "关于“小区东门垃圾站" * 20_000  # 200,000 characters, 20,000 opening marks, none closed
    start = time.perf_counter()
    assert quote_claims(POINTS, [unit]).tolist() == [-1]
    assert time.perf_counter() - start < 20  # a loose bound (a loaded machine): the old scan took about 2 minutes
    # an opening mark left open before a real quote does not swallow it
    opened = "您留言中“提到，关于“将小区东门垃圾站迁移到停车场北侧空地”的建议已收悉。"
    assert quote_claims(POINTS, [opened]).tolist() == [1]


def test_a_long_unit_of_repeated_quotes_is_read_in_linear_time() -> None:
    # each quoted span was compared with every suggestion anew (their character pairs recomputed each time):
    # 40,000 quotes against 30 suggestions took about half a minute
    points = [f"建议加强第{i}社区养老服务设施建设，完善居家养老上门服务体系" for i in range(30)]
    unit = "“关于社区环境整治工作安排”，" * 40_000
    start = time.perf_counter()
    assert quote_claims(points, [unit]).tolist() == [-1]
    assert time.perf_counter() - start < 10  # a loose bound (a loaded machine)
    # the same answers as span by span: a quote of one point claims it, a quote shared by two claims none
    assert quote_claims(points[:2] + POINTS, REPLY).tolist() == [3, -1]
