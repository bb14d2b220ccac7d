"""Proposal rules of session s18-js2 (issue 14, second round), read on part B of the fresh Jiangsu sample
(devtools/jiangsu_fresh.py) after part C was marked: each a sentence about the genre, each with invented text that
fails without its rule.

- 一要…二要…, 一靠…二靠…, 一无…二无… number a list as 一是…二是… do (in the problem part its items are problems, inside
  a request they are its points);
- 第一步，…第二步，… numbers a list of steps;
- a numbered heading that names the background (…简介, …概况, …现状) or the requests (…呼吁) opens that part in a
  proposal written without part labels, as …问题 and …建议 headings do;
- a short lead-in paragraph that announces the list with a colon, after the part's label and a few words on the
  label's line, belongs to the list's first item, as when written on one line.
"""

from __future__ import annotations

from proposalnlp import parse

BACKGROUND = "调研情况：近年来各地村级养老服务站建设加快，覆盖面逐年扩大。"


def test_yi_wu_er_wu_numbers_the_problems() -> None:
    text = (
        BACKGROUND + "问题分析：调查中发现，村级养老服务站的短板可概括为“三无”：一无统一规划，各村各自建设，布点不均；"
        "二无专业队伍，护理人员多为临时聘用，流动频繁；三无稳定经费，日常运营主要依靠村集体补贴。"
        + "具体建议：1、编制全县养老服务站布点规划。2、建立护理员培训和持证上岗制度。"
    )
    doc = parse(text)
    assert [u.start for u in doc.problems] == [
        text.index("问题分析："),
        text.index("二无专业"),
        text.index("三无稳定"),
    ]
    assert len(doc.suggestions) == 2


def test_yi_yao_er_yao_inside_a_request_are_its_points() -> None:
    text = (
        BACKGROUND
        + "问题分析：服务站普遍缺少专业护理人员。"
        + "具体建议：1、加强护理队伍建设，一要扩大定向培养规模，二要提高一线护理员待遇，三要畅通职业晋升通道。"
        "2、加大财政投入，将服务站运营经费纳入县级预算。"
    )
    doc = parse(text)
    assert len(doc.suggestions) == 2
    first = doc.suggestions[0]
    assert [c.start for c in first.children] == [text.index("一要"), text.index("二要"), text.index("三要")]


def test_steps_di_yi_bu_number_the_requests() -> None:
    text = (
        BACKGROUND
        + "问题分析：部分服务站设施老化，存在安全隐患。"
        + "具体建议：建议分步推进服务站改造：\n第一步，全面排查设施状况，建立问题清单；\n"
        "第二步，按轻重缓急安排资金，限期完成改造；\n第三步，建立定期巡查制度，防止问题反弹。"
    )
    doc = parse(text)
    assert [u.start for u in doc.suggestions] == [
        text.index("具体建议："),
        text.index("第二步"),
        text.index("第三步"),
    ]


def test_headings_naming_the_background_and_the_appeal_open_those_parts() -> None:
    # a proposal with no part labels, in the Jiangsu layout (paragraphs a run of spaces apart, a heading ending its
    # line): its numbered headings say which part each is
    text = (
        "为做好老街区保护工作，现提出如下提案。    "
        "一、城东老街区概况\n老街区形成于清代中期，现存传统民居四十余栋，街巷格局基本完整。    "
        "二、老街区保护现状\n多数民居年久失修，部分已出现墙体开裂，列入保护名录的建筑缺少日常维护。    "
        "三、几点呼吁：\n尽快组织专业机构对老街区进行全面测绘，制定保护规划，并安排专项经费开展抢救性修缮。"
    )
    doc = parse(text)
    kinds = {u.start: u.kind for u in doc.units}
    assert kinds.get(text.index("一、城东")) == "background"
    assert kinds.get(text.index("二、老街区")) == "background"
    assert [u.start for u in doc.suggestions] == [text.index("三、几点呼吁")]


def test_a_lead_in_paragraph_after_the_labels_line_belongs_to_the_first_item() -> None:
    text = (
        BACKGROUND + "问题分析：村级养老服务站运行中存在的问题\n经走访调查，服务站运行中主要存在以下不足：\n"
        "1、开放时间短，老人白天难以就近活动。\n2、服务内容单一，以棋牌娱乐为主。\n"
        + "具体建议：1、延长开放时间。2、拓展助餐助浴等服务。"
    )
    doc = parse(text)
    assert [u.start for u in doc.problems] == [text.index("问题分析："), text.index("2、服务内容")]
    assert "开放时间短" in doc.problems[0].text


def test_a_long_paragraph_after_the_label_stays_a_unit_of_its_own() -> None:
    # the limit of the rule: more than about 100 characters after the label is a paragraph of its own
    lead = (
        "经走访调查，全县已建成村级养老服务站一百二十余个，覆盖大部分行政村，在丰富老年人精神文化生活、"
        "提供就近照料方面发挥了积极作用，但与老年人日益增长的服务需求相比，服务站在运营管理、服务供给、"
        "队伍建设等方面仍有明显差距，主要存在以下不足："
    )
    assert len(lead) > 100
    text = (
        BACKGROUND
        + "问题分析：村级养老服务站运行中存在的问题\n"
        + lead
        + "\n1、开放时间短，老人白天难以就近活动。\n2、服务内容单一，以棋牌娱乐为主。\n"
        + "具体建议：1、延长开放时间。2、拓展助餐助浴等服务。"
    )
    doc = parse(text)
    assert text.index("1、开放时间短") in [u.start for u in doc.problems]


def test_an_idiom_with_yi_wu_numbers_nothing() -> None:
    # 一无所获 / 一无是处 are idioms: with 二是 later in the paragraph they must not make a list of two problems
    text = (
        BACKGROUND + "问题分析：不少老人跑了几趟窗口一无所获，二是回到村里也找不到人帮忙填表，只能作罢。"
        + "具体建议：1、在服务站设立代办点。2、每月安排一次上门服务。"
    )
    doc = parse(text)
    assert [u.start for u in doc.problems] == [text.index("问题分析：")]
    assert len(doc.suggestions) == 2


def test_yi_yao_inside_a_clause_is_no_list_marker() -> None:
    # 一要 straight after other words (运营一要钱二要人) is not at a clause's start: 一是 may run on from a heading,
    # 一要/一靠/一无 may not
    text = (
        BACKGROUND + "问题分析：办站运营一要钱二要人，光靠村集体难以为继。"
        + "具体建议：1、加大县级补助。2、招募专职护理员。"
    )
    doc = parse(text)
    assert [u.start for u in doc.problems] == [text.index("问题分析：")]
