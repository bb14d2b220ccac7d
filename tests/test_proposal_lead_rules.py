"""Proposal rules of session s18-jsparse (issue 14), read on part A of the fresh Jiangsu sample
(devtools/jiangsu_fresh.py): each a sentence about the genre, each with invented text that fails without its rule.

- a short lead-in after the suggestion part's label that announces the list with a colon belongs to the first item,
  also when it holds a full sentence and says the part's label again (…需要统筹推进。具体建议：一是… /
  …加大支持力度。建议如下：1、…);
- 另一方面 answering an 一方面 earlier in its paragraph is the second half of one statement, not a new unit;
- a numbered list written inline inside one suggestion (1.…一是…；二是…) is its points (children), not words only.
"""

from __future__ import annotations

from proposalnlp import parse

BACKGROUND = "调研情况：近年来各地社区图书室数量增长较快，但使用情况参差不齐。"
PROBLEM = "问题分析：部分图书室开放时间短、图书陈旧，借阅人数逐年下降。"


def test_repeated_label_after_a_short_lead_in_is_part_of_the_first_item() -> None:
    text = (
        BACKGROUND
        + PROBLEM
        + "具体建议：为让社区图书室真正用起来，需要多方协同发力。具体建议：一是延长开放时间，安排志愿者轮流值守。"
        "二是定期更新图书，提高少儿读物比例。三是常态化开展读书活动，吸引居民走进图书室。"
    )
    doc = parse(text)
    starts = [u.start for u in doc.suggestions]
    assert len(doc.suggestions) == 3, [(u.id, u.text[:12]) for u in doc.suggestions]
    assert starts[0] == text.index("具体建议：")
    assert text.rindex("具体建议：") not in starts
    assert doc.suggestions[0].text.endswith("安排志愿者轮流值守。")


def test_overall_request_then_jianyi_ruxia_is_the_first_items_lead_in() -> None:
    text = (
        BACKGROUND
        + PROBLEM
        + "具体建议：建议省级层面加大对社区图书室的统筹支持力度。建议如下：1、将图书室运行经费纳入年度预算。"
        "2、建立区域图书通借通还机制，盘活馆藏。3、引入社会组织参与日常运营，提高服务水平。"
    )
    doc = parse(text)
    assert [u.start for u in doc.suggestions] == [
        text.index("具体建议："),
        text.index("2、建立"),
        text.index("3、引入"),
    ]


def test_a_long_opening_paragraph_stays_a_unit_of_its_own() -> None:
    # the limit of the rule: more than about 100 characters before the list is a paragraph of its own
    lead = (
        "社区图书室是公共文化服务体系的末梢，承担着全民阅读推广的基础任务。近年来各地投入不少，"
        "但重建设轻管理的问题仍较突出，群众获得感不强，亟需从体制机制上加以完善，推动图书室从有到优转变，"
        "切实发挥其在基层文化建设中的作用。"
    )
    assert len(lead) > 100
    text = (
        BACKGROUND
        + PROBLEM
        + "具体建议："
        + lead
        + "建议如下：1、将图书室运行经费纳入年度预算。2、建立区域图书通借通还机制。"
    )
    doc = parse(text)
    assert len(doc.suggestions) == 3
    assert doc.suggestions[0].start == text.index("具体建议：")
    assert doc.suggestions[1].start <= text.index("1、将图书室")


def test_another_side_answering_one_side_starts_no_unit() -> None:
    text = (
        BACKGROUND
        + "问题分析：老旧小区加装电梯推进缓慢，一方面是部分低层住户担心采光和噪音，不愿共同出资。"
        "另一方面，审批环节多、周期长，居民自行协调的难度较大。"
        "具体建议：1、简化加装电梯审批流程，推行并联审批。2、设立专项补助，按楼层分摊出资。"
    )
    doc = parse(text)
    assert len(doc.problems) == 1, [(u.id, u.text[:12]) for u in doc.problems]
    assert "审批环节多" in doc.problems[0].text
    assert len(doc.suggestions) == 2


def test_another_side_without_one_side_still_starts_a_unit() -> None:
    # no 一方面 before it in the paragraph: 另一方面 turns to a new topic (as in the shared gold's background)
    text = (
        "调研情况：全省养老机构床位总数逐年增加，护理型床位占比有所提高。"
        "另一方面，家庭照护能力持续弱化，独居老人数量明显上升。"
        + PROBLEM
        + "具体建议：1、完善社区嵌入式养老服务。2、加强护理人员培训。"
    )
    doc = parse(text)
    background = [u for u in doc.proposal if u.kind == "background"]
    assert [u.start for u in background] == [0, text.index("另一方面")]


def test_an_inline_list_inside_one_suggestion_is_its_points() -> None:
    # a third rule of the round: the sub-list written inline in one request is that request's points (children)
    text = (
        BACKGROUND
        + PROBLEM
        + "具体建议：1.健全经费保障机制。主要有两点：一是将运行经费列入财政预算，按服务人口核定标准；"
        "二是设立绩效奖补资金，向借阅量高的图书室倾斜。2.完善人员配备。可通过购买服务方式配备专职管理员。"
    )
    doc = parse(text)
    assert len(doc.suggestions) == 2
    first, second = doc.suggestions
    assert [c.start for c in first.children] == [text.index("一是将"), text.index("二是设立")]
    assert all(c.kind == "point" and first.start < c.start and c.end <= first.end for c in first.children)
    assert first.children[-1].text.endswith("向借阅量高的图书室倾斜。")
    assert second.children == []
