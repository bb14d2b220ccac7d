"""Hand-written examples (invented offices and people) for the rules of issue 14: a reply letter's header,
opening, body and closing; pages holding a proposal and its reply; sub-points of a request."""

from __future__ import annotations

from proposalnlp import parse


def kinds(text: str) -> list[str]:
    return [u.kind for u in parse(text).units]


def test_header_lines_before_the_salutation_are_one_header_unit_with_metadata() -> None:
    text = (
        "类别：B\n东水函〔2024〕17号    签发人：高远\n关于县政协九届二次会议第31号提案的复函\n"
        "孙梅委员：\n您提出的《关于整治城区内涝的提案》收悉，现答复如下：\n"
        "今年我局已完成城区雨污管网改造4.2公里。\n感谢您对水利工作的关心。\n东川县水利局\n2024年7月2日\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"]
    assert doc.metadata["类别"] == "B" and doc.metadata["签发人"] == "高远"
    assert doc.metadata["文号"].endswith("17号")


def test_salutation_to_a_list_of_names_a_committee_or_a_department() -> None:
    for who in ("马丽、陈刚、吴涛委员：", "县政协经济委员会：", "市财政局："):
        text = who + "\n你们提出的建议收悉，现答复如下：\n我们已将该项目列入明年计划。\n"
        assert kinds(text) == ["opening", "item"], who


def test_answer_on_the_same_line_as_the_opening() -> None:
    text = "李强代表：您提出的建议收悉，现答复如下：该路段已纳入明年改造计划。 感谢您的关心和支持。"
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[1].text.startswith("该路段")


def test_next_step_sentence_inside_a_paragraph_runs_to_its_end() -> None:
    text = (
        "王芳代表：\n你提出的建议收悉，现答复如下：\n目前已建成公厕6座。下步我局将再建3座。\n"
        "此外，我们还将加强保洁。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "next-step", "item"]
    assert doc.units[2].text == "下步我局将再建3座。"


def test_closing_runs_from_thanks_over_signature_date_contacts_and_copies() -> None:
    text = (
        "赵军委员：\n您的提案收悉，现答复如下：\n我委已会同有关部门制定实施方案。\n"
        "再次感谢您对发展改革工作的支持。\n西山市发展和改革委员会\n2023年5月8日\n联系人：钱敏\n抄送：市政协提案委员会\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[-1].text.startswith("再次感谢") and doc.units[-1].text.endswith("提案委员会")


def test_a_paragraph_appraising_the_proposal_after_the_opening_is_an_opening() -> None:
    text = (
        "周丽委员：\n您提出的提案收悉，现答复如下：\n"
        "您所提出的建议切中要害，对我市文旅发展很有参考价值。\n"
        "我局已编制全域旅游规划。\n感谢您的关心。\n"
    )
    assert kinds(text) == ["opening", "opening", "item", "closing"]


def test_a_page_with_the_proposal_table_then_the_reply_is_split_into_both_parts() -> None:
    text = (
        "提案号：第12号\n提案人：郑伟\n内容：\n我乡道路狭窄，群众出行不便。建议拓宽乡道。\n承办单位：交通局\n交办日期：3月1日\n"
        "南江县交通局关于第12号提案的答复函\n郑伟委员：\n您提出的提案收悉，现答复如下：\n"
        "该乡道已列入明年拓宽计划。\n感谢您的关心。\n"
    )
    doc = parse(text)
    assert doc.proposal and doc.reply
    assert all(u.end <= text.index("南江县") for u in doc.proposal)
    assert [u.kind for u in doc.reply] == ["header", "opening", "item", "closing"]


def test_a_proposal_appended_after_its_reply_is_its_own_part() -> None:
    text = (
        "刘洋代表：\n你提出的建议已收悉，现答复如下：\n我局已安排资金修复该桥。\n感谢你的关心。\n"
        "附：15、标题：关于修复石门桥的建议\n内容：石门桥年久失修，建议尽快修复。\n"
    )
    doc = parse(text)
    assert doc.proposal and doc.proposal[0].start >= text.index("附：")
    assert all(u.end <= text.index("附：") for u in doc.reply)


def test_notice_with_summaries_is_split_into_proposal_and_reply() -> None:
    text = (
        "建议标题：关于新建村级文化广场的建议\n建议内容（摘要）：建议在本村新建文化广场一处。\n承办单位：县文旅局\n"
        "办理复文（摘要）：《县文旅局对第8号建议的答复》（文旅函〔2022〕3号）该广场已列入今年建设计划。\n"
        "办结时间：2022年9月1日\n办理结果：A类\n"
    )
    doc = parse(text)
    assert doc.proposal and doc.reply
    assert [u.kind for u in doc.reply] == ["header", "item", "closing"]
    assert doc.reply[1].text == "该广场已列入今年建设计划。"


def test_sub_points_of_a_request_are_its_children() -> None:
    text = (
        "具体建议：\n（一）加大财政投入。设立养老服务专项资金。\n1.提高床位补贴。\n2.补贴社区助餐。\n"
        "（二）加强队伍建设。培养专业护理人员。\n"
    )
    doc = parse(text)
    assert len(doc.suggestions) == 2
    first = doc.suggestions[0]
    assert [c.kind for c in first.children] == ["point", "point"]
    assert first.text.endswith("2.补贴社区助餐。")
    assert first.to_dict()["children"][0]["text"] == "1.提高床位补贴。"


def test_items_under_a_heading_stay_units() -> None:
    text = "存在问题：\n一、服务供给不足\n1.床位紧张。\n2.护理人员短缺。\n"
    doc = parse(text)
    assert [u.text for u in doc.problems][-2:] == ["1.床位紧张。", "2.护理人员短缺。"]
    assert all(not u.children for u in doc.problems)


def test_item_number_followed_by_a_figure() -> None:
    text = "具体建议：\n1.0-3岁托育纳入普惠范围。\n2.2025年前建成托育中心。\n"
    assert [u.text[:2] for u in parse(text).suggestions] == ["1.", "2."]


# --- issue 12 item 3: a proposal without list markers, one unit per request ----------------------------


def test_one_paragraph_of_several_requests_gives_one_suggestion_each() -> None:
    text = (
        "我县农村寄宿制学校宿舍老旧，冬季取暖困难。建议县财政安排改造资金。希望教育局加强宿舍管理。"
        "请县里增配生活老师。"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["background", "suggestion", "suggestion", "suggestion"]
    assert [u.text[:2] for u in doc.suggestions] == ["建议", "希望", "请县"]


def test_yi_yao_er_yao_requests_split_and_the_lead_in_stays_with_the_first() -> None:
    text = "具体建议：为此建议：一要打通断头路，二要增设公交站点，三要改善夜间照明。"
    doc = parse(text)
    assert len(doc.suggestions) == 3
    assert doc.suggestions[0].text.startswith("具体建议") and doc.suggestions[1].text.startswith("二要")


def test_numbered_proposals_are_not_split_by_request_words() -> None:
    text = "具体建议：\n1.建议增加床位。希望加强培训。\n2.建议设立专项资金。\n"
    assert len(parse(text).suggestions) == 2


def test_a_text_without_requests_stays_unstructured() -> None:
    text = "今天的会开得很好。\n大家谈了不少想法，会后整理成文。"
    assert [u.kind for u in parse(text).units] == ["other", "other"]


# --- numbering the parser used to miss (issue 14 item 2) ---------------------------------------------------


def test_roman_numerals_number_a_list() -> None:
    texts = (
        "具体建议：Ⅰ.修缮校舍；Ⅱ.配齐校医；Ⅲ.开通校车。",
        "具体建议：第Ⅰ，修缮校舍。第Ⅱ，配齐校医。第Ⅲ，开通校车。",
    )
    for text in texts:
        assert len(parse(text).suggestions) == 3, text


def test_mixed_separators_in_one_list() -> None:
    text = "具体建议：一.修缮校舍；二、配齐校医；三.开通校车。"
    assert [u.text[:2] for u in parse(text).suggestions][1:] == ["二、", "三."]


def test_a_heading_glued_to_its_first_sub_point() -> None:
    doc = parse("三、对策建议（一）修缮校舍。（二）配齐校医。")
    assert len(doc.suggestions) == 2 and doc.suggestions[1].text == "（二）配齐校医。"


def test_sub_points_inside_one_sentence_stay_in_it() -> None:
    doc = parse("建议：改善办学条件，包括（一）修缮校舍、（二）配齐校医、（三）开通校车。")
    assert len(doc.suggestions) == 1


def test_an_inline_jianyi_inside_an_item_does_not_restart_the_list() -> None:
    text = "具体建议：\n1.修缮校舍。我们建议：先修危房。\n2.配齐校医。\n3.开通校车。\n"
    assert [u.text[:2] for u in parse(text).suggestions] == ["1.", "2.", "3."]


def test_two_labels_in_a_row_give_one_unit() -> None:
    doc = parse("问题分析：建议：\n1.修缮校舍。\n2.配齐校医。")
    spans = [(u.start, u.end) for u in doc.units]
    assert len(spans) == len(set(spans)) == 3


def test_an_office_line_in_a_proposal_is_no_salutation() -> None:
    text = (
        "调研情况：全市共有社区食堂12家。\n主办处室：\n市民政局养老服务处\n"
        "具体建议：\n1.增设社区食堂。\n2.给予运营补贴。\n"
    )
    doc = parse(text)
    assert not doc.reply and len(doc.suggestions) == 2


def test_answers_are_the_reply_units_that_answer() -> None:
    text = (
        "类别：A\n吴明代表：\n你提出的建议收悉，现答复如下：\n一、已完成改造。\n二、下一步将继续推进。\n"
        "感谢您的关心。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.answers] == ["section", "next-step"]
    assert {u.kind for u in doc.reply} - {u.kind for u in doc.answers} == {"header", "opening", "closing"}


def test_a_short_lead_in_sentence_belongs_to_the_first_item() -> None:
    doc = parse("为加快社区养老服务发展，特提出如下建议：\n1.增设社区食堂。\n2.给予运营补贴。\n")
    assert len(doc.suggestions) == 2
    assert doc.suggestions[0].text.startswith("为加快") and doc.suggestions[0].text.endswith("食堂。")


def test_yi_shi_under_a_numbered_request_are_its_points_but_items_under_a_part_heading_stay_units() -> None:
    text = (
        "具体建议：\n1、加大宣传力度\n一是利用广播电视宣传。\n二是开展进社区活动。\n"
        "2、完善监管机制\n一是建立信息平台。\n二是实行黑名单制度。\n"
    )
    doc = parse(text)
    assert [len(u.children) for u in doc.suggestions] == [2, 2]
    heading = "问题分析：\n一、当前存在的问题\n经过多年发展，已有一定基础。具体表现如下：\n1、规模小。\n2、配套不全。\n"
    assert [u.text for u in parse(heading).problems][-2:] == ["1、规模小。", "2、配套不全。"]
