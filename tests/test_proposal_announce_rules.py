"""Proposal rule of session s18-js3 (issue 14), read on part C of the fresh Jiangsu sample
(devtools/jiangsu_fresh.py) after part D was marked: a sentence about the genre, with invented text that fails without
the rule.

- a short lead-in after the suggestion part's label that ends by saying 建议 (…我们建议。 / …建议如下；) announces the
  list as a colon does, whatever stop closes it: it belongs to the first item, not a suggestion of its own.
"""

from __future__ import annotations

from proposalnlp import parse

BACKGROUND = "调研情况：我省农村留守老人数量较多，居家养老服务供给总体不足。"
PROBLEM = "问题分析：部分村级养老服务站建成后长期闲置，专业护理人员缺乏，服务内容单一。"
ITEMS = (
    "1.完善村级养老服务站运营补贴，按实际服务人次给予奖补。"
    "2.组织护理人员轮训，提升上门服务能力。"
    "3.引导邻里互助，建立低龄老人帮扶高龄老人的结对机制。"
)


def _suggestion_starts(text: str) -> list[int]:
    return [u.start for u in parse(text).suggestions]


def test_lead_in_ending_with_jianyi_and_a_full_stop_belongs_to_the_first_item() -> None:
    text = BACKGROUND + PROBLEM + "具体建议：为让农村老人就近享有养老服务，我们建议。" + ITEMS
    assert _suggestion_starts(text) == [text.index("具体建议："), text.index("2.组织"), text.index("3.引导")]


def test_lead_in_ending_with_jianyi_ruxia_and_a_semicolon_belongs_to_the_first_item() -> None:
    text = BACKGROUND + PROBLEM + "具体建议：结合各地试点经验，建议如下；" + ITEMS
    assert _suggestion_starts(text) == [text.index("具体建议："), text.index("2.组织"), text.index("3.引导")]


def test_lead_in_after_a_paragraph_break_ending_with_jianyi_belongs_to_the_first_item() -> None:
    text = BACKGROUND + PROBLEM + "具体建议：\u00a0 \u00a0 为此，我们建议。\u00a0 \u00a0 " + ITEMS
    assert _suggestion_starts(text)[0] == text.index("具体建议：")
    assert len(_suggestion_starts(text)) == 3


def test_a_short_opening_sentence_that_announces_nothing_stays_a_unit_of_its_own() -> None:
    # the limit of the rule: a sentence closed by a full stop that does not end by saying 建议 is not read as a lead-in
    text = BACKGROUND + PROBLEM + "具体建议：农村养老关系千家万户，应当统筹城乡资源加快补齐短板。" + ITEMS
    assert _suggestion_starts(text) == [
        text.index("具体建议："),
        text.index("1.完善"),
        text.index("2.组织"),
        text.index("3.引导"),
    ]
