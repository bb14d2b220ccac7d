"""Hand-written reply pages (invented offices, people and figures) for the shapes official replies take
(issue 14): each test is one rule a reader would state about the genre, on a page written for it."""

from __future__ import annotations

from proposalnlp import parse


def kinds(text: str) -> list[str]:
    return [u.kind for u in parse(text).units]


def answer_starts(text: str) -> list[str]:
    """The first characters of each answer unit (section, item, next-step)."""
    return [u.text[:6] for u in parse(text).units if u.kind in ("section", "item", "next-step")]


def test_a_greeting_line_after_the_salutation_is_part_of_the_opening() -> None:
    text = (
        "尊敬的吴敏代表：\n您好！\n您在市十六届人大三次会议上提出的《关于加快老旧小区改造的建议》（第87号）收悉。"
        "现答复如下：\n2023年，全市共改造老旧小区65个，惠及居民1.2万户。\n"
        "另外，我局已出台加装电梯补贴办法，每部补贴15万元。\n再次感谢您对住建工作的关心和支持！\n"
        "市住房和城乡建设局\n2023年7月18日\n（联系人：何静，联系电话：13800001234）\n"
    )
    assert kinds(text) == ["opening", "item", "item", "closing"]
    assert parse(text).units[0].text.endswith("现答复如下：")


def test_opening_ends_with_zuo_ru_xia_da_fu_or_an_opinion_announced() -> None:
    made = "罗斌代表：\n您提出的关于校园交通安全的建议收悉。经认真研究，现作如下答复：\n目前校门口均已设置减速带。\n"
    assert kinds(made) == ["opening", "item"]
    joint = "省商务厅：\n贵厅转来的孙平代表提出的建议收悉。经研究，提出会办意见如下：\n我厅将在专项资金上给予倾斜。\n"
    assert kinds(joint) == ["opening", "item"]
    assert answer_starts(joint) == ["我厅将在专项"]


def test_proposal_part_words_in_a_reply_are_section_titles_of_the_answer() -> None:
    text = (
        "对市政协九届五次会议第0203号提案的答复\n黄磊委员：\n你提出的关于发展夜间经济的提案收悉。现答复如下：\n"
        "一、基本情况\n目前全市已建成夜间消费集聚区8个。\n二、存在问题\n部分街区配套不足。\n"
        "三、下一步工作\n（一）完善规划布局。\n（二）丰富消费业态。\n感谢你对商务工作的关心。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units][:2] == ["header", "opening"]
    tops = [u.text[:6] for u in doc.units if u.level == 1 and u.kind in ("section", "next-step")]
    assert tops == ["一、基本情况", "二、存在问题", "三、下一步工"]
    assert [u.text[:4] for u in doc.units if u.level == 2] == ["（一）完", "（二）丰"]
    assert all(u.part == "reply" for u in doc.units)


def test_zhuan_ci_han_fu_closes_a_letter() -> None:
    text = (
        "关于对市政协第十二届一次会议第45号提案的复函\n市工商联：\n你单位提出的关于优化营商环境的提案收悉。"
        "经认真研究，现将有关情况函复如下：\n我局已于2023年3月出台优化营商环境20条措施。\n下一步将持续跟踪落实。\n专此函复。\n"
    )
    assert kinds(text) == ["header", "opening", "item", "next-step", "closing"]


def test_salutation_to_a_sector_or_a_peoples_organisation() -> None:
    for who in ("经济界别：", "市侨联：", "县工商联：", "农工党市委会："):
        text = who + "\n你们提出的关于优化营商环境的提案收悉，现答复如下：\n我局已出台20条措施。\n"
        assert kinds(text) == ["opening", "item"], who


def test_an_office_line_is_no_salutation_without_an_opening_sentence() -> None:
    # 主办单位：… in a record and a colon line in the answer do not open a letter
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n市教育局：负责课后服务的组织实施。\n各学校：负责具体落实。\n"
    assert kinds(text) == ["opening", "item", "item"]


def test_a_notice_summary_on_the_label_line_is_the_proposal_part() -> None:
    text = (
        "建议内容（摘要）：关于改善城区停车难的建议。建议增建公共停车场，规范路边停车。\n办理复文（摘要）：\n"
        "经研究，我局已规划新建公共停车场3处，新增车位800个。下一步将推进智慧停车系统建设。\n"
        "办结时间：2022年8月\n办理结果：A类\n代表满意度：满意\n"
    )
    doc = parse(text)
    assert doc.proposal and doc.reply
    assert [u.text[:4] for u in doc.suggestions] == ["建议增建"]
    assert [u.kind for u in doc.reply] == ["item", "next-step", "closing"]


def test_header_lines_of_openness_and_reply_type_without_a_salutation() -> None:
    text = (
        "公开类别：主动公开\n答复类型：A类\n市教函〔2022〕15号\n"
        "您提出的关于课后服务的提案收悉，现答复如下：\n我局已出台课后服务实施方案。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item"]
    assert doc.metadata["类别"].startswith("A") and doc.metadata["文号"].endswith("15号")
    bracketed = "（B类）\n关于市政协第88号提案的答复\n你们提出的提案收悉，现作如下答复：\n已完成改造。\n"
    assert kinds(bracketed) == ["header", "opening", "item"]


def test_a_numbered_list_inside_one_sentence_is_numbered_like_any_other_list() -> None:
    # at the answer's highest level its numbers are sections, the lead-in words stay in the item before
    text = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n近年来，我市出台了一系列政策：1.《关于促进民营经济发展的"
        "若干措施》；2.《关于支持小微企业纾困的通知》。这些政策有效缓解了企业困难。\n下一步，我们将抓好政策落实。\n"
    )
    assert answer_starts(text) == ["近年来，我市", "1.《关于促", "2.《关于支", "下一步，我们"]
    # inside a numbered section with a body of its own it stays in that section
    nested = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n一、关于政策。近年来，我市出台了两项政策：1.《促进措施》；"
        "2.《纾困通知》。\n二、关于资金。今年已安排专项资金500万元。\n"
    )
    assert answer_starts(nested) == ["一、关于政策", "二、关于资金"]
    # under a heading of a few words it is the sections of that heading
    heading = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n一、申报材料：1.申请表；2.身份证复印件；3.营业执照。\n"
        "二、办理时限。材料齐全的，5个工作日内办结。\n"
    )
    assert answer_starts(heading) == ["一、申报材料", "1.申请表；", "2.身份证复", "3.营业执照", "二、办理时限"]
    # in a paragraph of plans it stays in the plans
    plans = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n今年已完成道路改造3公里。\n下一步，我们将：1.争取资金；"
        "2.加快施工。\n"
    )
    assert answer_starts(plans) == ["今年已完成道", "下一步，我们"]
    # the same numbers opening the answer's sentence are its sections
    own = "罗斌代表：现答复如下：1.关于增加公厕数量，今年已新建15座；2.关于加强管理，已实行专人保洁。感谢您的支持！"
    assert kinds(own) == ["opening", "section", "section", "closing"]


def _plans(between: str) -> list[tuple[str, str]]:
    text = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n"
        f"今年已完成道路改造3公里。{between}我局将继续争取资金。\n感谢关心。\n"
    )
    return [(u.kind, u.text[:4]) for u in parse(text).units if u.kind not in ("opening", "closing")]


def test_plans_open_with_xia_yi_bu_mid_paragraph_or_other_plan_words_at_a_paragraph_start() -> None:
    done = ("item", "今年已完")
    assert _plans("在下一步工作中，") == [done, ("next-step", "在下一步")]
    assert _plans("下步，") == [done, ("next-step", "下步，我")]
    for word in ("今后，", "下阶段，", "接下来，"):
        assert _plans(word) == [done], word  # inside a paragraph these words do not start the plans
        assert _plans("\n" + word) == [done, ("next-step", (word + "我局")[:4])], word


def test_a_plan_sentence_after_a_colon_heading_is_no_record_line_of_the_closing() -> None:
    # 下一步工作打算：… on one line is the plan, not a 联系人：… line of the closing
    assert _plans("\n下一步工作打算：") == [("item", "今年已完"), ("next-step", "下一步工")]
    text = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n已完成改造。\n感谢关心。\n经办人：何静\n联系电话：0871-6512345\n"
    )
    assert kinds(text) == ["opening", "item", "closing"]


def test_a_line_broken_mid_sentence_runs_on_into_the_next_line() -> None:
    text = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n"
        "县财政今年安排资金380万元，用于新建镇中心幼儿园教学楼一幢及室外活动场\n地等配套工程，计划9月开工。\n"
        "另外，我局将增配保育员6名。\n"
        "下一步，我局将持续推进学前教育普惠发展，多渠道增加公办幼儿园学\n位供给。\n感谢你的关心。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "item", "next-step", "closing"]
    assert doc.units[1].text.endswith("计划9月开工。") and doc.units[3].text.endswith("位供给。")


def test_an_unnumbered_heading_line_and_its_body_are_one_unit() -> None:
    heads = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n关于资金问题\n今年安排资金380万元，已全部拨付。\n"
        "关于人员问题：\n已招聘专业人员12名。\n另外，我局将增配保育员6名。\n"
    )
    assert answer_starts(heads) == ["关于资金问题", "关于人员问题", "另外，我局将"]


def test_a_page_stored_as_one_line_keeps_its_one_paragraph_answer_whole() -> None:
    text = (
        "关于市人大十五届三次会议第66号建议的答复 李军代表： 您提出的关于修建村级文化广场的建议收悉，现答复如下："
        " 该村文化广场已纳入今年乡村振兴项目，安排资金45万元，预计10月底完工。届时将配套安装健身器材10套。"
        " 感谢您对文化工作的关心和支持！ 县文化和旅游局 2022年6月8日"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"]
    assert doc.units[2].text.endswith("健身器材10套。")
    assert doc.units[3].text.endswith("2022年6月8日")


def test_reply_titles_ending_in_da_fu_ban_li_qing_kuang_or_a_bracketed_note_are_header() -> None:
    text = (
        "政协临川市第十届委员会第二次会议第123号提案答复\n关于加快老旧小区改造的提案办理情况\n"
        "已完成改造65个小区。\n下一步将继续推进。\n临川市住建局\n2023年6月5日\n"
    )
    assert kinds(text) == ["header", "item", "next-step", "closing"]
    summary = "市交通运输局对市十六届人大三次会议第21号建议的答复（摘要）\n该路段已纳入计划。\n"
    assert kinds(summary) == ["header", "item"]


def _closing_of(tail: str) -> list[str]:
    return kinds("李军代表：\n您提出的建议收悉，现答复如下：\n该路段已纳入明年计划。\n" + tail)


def test_closings_made_of_wishes_requests_for_comments_openness_remarks_or_a_signature() -> None:
    for tail in (
        "衷心希望您一如既往地关注和支持交通事业发展。\n",
        "请您对我们的办理工作提出宝贵意见。\n",
        "（此件公开）\n",
        "感谢您的关心。\n附：建议办理情况征询意见表\n",
        "县交通运输局\n",  # a page that ends with the office's signature, its date not stored
        "县交通运输局（公章）\n",
    ):
        assert _closing_of(tail) == ["opening", "item", "closing"], tail
    # a numbered heading at the end of a cut-off page is no signature
    assert _closing_of("二、关于资金问题\n")[-1] in ("section", "item")


def test_a_record_form_on_one_line_starts_the_reply_at_its_ban_li_qing_kuang_field() -> None:
    text = (
        "建议号：第88号 建议人：刘强 建议内容：村道年久失修，建议列入改造计划。 承办单位：县交通运输局 "
        "办理情况：刘强代表：您提出的建议收悉，现答复如下：该村道已列入2024年改造计划。感谢您的关心。"
    )
    doc = parse(text)
    assert [u.kind for u in doc.proposal] == ["other", "suggestion", "other"]
    assert doc.proposal[-1].text == "承办单位：县交通运输局"
    assert [u.kind for u in doc.reply] == ["opening", "item", "closing"]
    assert doc.reply[1].text == "该村道已列入2024年改造计划。"


def test_a_notice_ends_with_its_ban_li_jie_guo_remarks() -> None:
    text = (
        "建议标题：关于增设公交线路的建议\n建议内容（摘要）：新区无公交线路，建议开通至老城区的公交线路。\n"
        "承办单位：市交通运输局\n办理复文（摘要）：\n我局已于2023年5月开通105路公交，连接新区与老城区。\n"
        "办理结果：A类\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["item", "closing"]
    assert doc.reply[-1].text == "办理结果：A类"


def _opening_then(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text[:6]) for u in parse(text).units if u.kind != "closing"]


def test_the_opening_runs_over_a_second_paragraph_that_announces_the_answer() -> None:
    text = (
        "李军代表：\n您提出的关于修建村级文化广场的建议收悉。\n"
        "我局高度重视，及时组织人员实地调研，现将办理情况答复如下：\n该村文化广场已纳入今年项目。\n感谢您的关心。\n"
    )
    assert _opening_then(text) == [("opening", "李军代表：\n"), ("item", "该村文化广场")]


def test_an_opening_that_says_the_proposal_was_passed_to_the_office() -> None:
    for tail in ("", "现答复如下："):
        text = (
            f"李军代表：\n您提出的关于修建村级文化广场的建议，已交由我局研究办理。{tail}\n"
            "该村文化广场已纳入今年项目，预计10月底完工。\n感谢您的关心。\n"
        )
        assert _opening_then(text) == [("opening", "李军代表：\n"), ("item", "该村文化广场")], tail


def test_salutations_with_a_persons_title() -> None:
    for who in ("李军老师：", "王主任：", "张会长："):
        text = who + "\n您提出的建议收悉，现答复如下：\n该村文化广场已纳入今年项目。\n"
        assert kinds(text) == ["opening", "item"], who


def test_a_text_titled_as_a_reply_is_read_as_a_reply_without_salutation() -> None:
    text = "关于第12号建议的答复\n该项目已移交由乡镇政府负责办理。\n下一步将督促落实。\n"
    assert kinds(text) == ["header", "item", "next-step"]


def test_a_reply_label_followed_on_its_line_by_the_salutation_or_the_opening() -> None:
    form = "建议人：李军\n建议内容：村道年久失修，建议列入计划。\n承办单位：县交通运输局\n"
    with_salutation = parse(
        form + "答复内容：李军代表：您提出的建议收悉，现答复如下：该村道已列入明年计划。感谢您的关心。\n"
    )
    assert [u.kind for u in with_salutation.proposal] == ["other", "suggestion", "other"]
    assert [u.kind for u in with_salutation.reply] == ["opening", "item", "closing"]
    assert with_salutation.reply[0].text.startswith("李军代表：")
    no_salutation = parse(form + "办理情况：您提出的建议收悉，现答复如下：该村道已列入明年计划。\n")
    assert [u.kind for u in no_salutation.reply] == ["header", "opening", "item"]
    assert no_salutation.reply[2].text == "该村道已列入明年计划。"


def test_a_phone_number_inside_an_answer_sentence_does_not_open_the_closing() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n该问题已转交县供电公司处理（服务电话：95598）。\n"
        "联系人：王丽\n联系电话：0874-3123456\n"
    )
    assert kinds(text) == ["opening", "item", "closing"]
    assert parse(text).units[-1].text.startswith("联系人")


def test_inline_yi_shi_after_a_lead_in_clause_starts_sections_of_the_answer() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n"
        "为解决群众出行难，我局采取了一系列措施，一是争取资金，二是加快建设，目前已完成80%。\n此复。\n"
    )
    assert answer_starts(text) == ["为解决群众出", "一是争取资金", "二是加快建设"]


def test_a_quotation_over_several_lines_after_a_colon_is_one_paragraph() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n目前已开通公交线路3条。\n关于您提出的：\n"
        "“1.增加班次；\n2.延长运营时间。”\n我公司已增加班次。\n此复。\n"
    )
    assert answer_starts(text) == ["目前已开通公", "关于您提出的", "我公司已增加"]


def test_header_block_of_office_name_and_title_without_a_salutation() -> None:
    office = "临川县交通运输局\n关于县人大第12号建议的答复\n该路段已纳入明年计划。\n下一步将加快推进。\n2022年8月10日\n"
    assert kinds(office) == ["header", "item", "next-step", "closing"]
    broken_title = "关于县人大十八届三次会议\n第12号建议的答复\n该路段已纳入明年计划。\n"
    assert kinds(broken_title) == ["header", "item"]
    # the answer's part words (基本情况) do not turn a text titled as a reply into a proposal
    sections = "关于县人大第12号建议的答复\n一、基本情况\n该路段已纳入明年计划。\n二、下一步打算\n加快推进。\n"
    assert kinds(sections) == ["header", "section", "next-step"]


def test_look_alike_colons_of_scraped_pages_read_as_colons_and_units_keep_the_original_text() -> None:
    text = "李军代表∶\n您提出的建议收悉，现答复如下∶\n该路段已纳入明年计划。\n联系人∶王丽\n"
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert all(u.text == text[u.start : u.end] for u in doc.units)
    assert "∶" in doc.units[0].text


def test_a_joint_reply_signed_by_several_offices_closes_from_the_first_of_them() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n该路段已纳入明年计划。\n"
        "临川县发展和改革局\n临川县财政局\n临川县自然资源局\n2023年6月5日\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[-1].text.startswith("临川县发展和改革局")


def test_the_web_pages_furniture_after_the_letter_is_in_no_unit() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n该路段已纳入明年计划。\n感谢您的关心。\n县交通运输局\n2023年6月5日\n"
        "【打印本页】【关闭窗口】\n上一篇：关于第11号建议的答复\n下一篇：关于第13号建议的答复\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[-1].text.endswith("2023年6月5日")  # the page's furniture belongs to no unit


def test_signature_and_date_run_together_at_the_end_of_a_one_line_page() -> None:
    text = "李军代表：您提出的建议收悉，现答复如下：该路段已纳入明年计划。感谢您的关心。县交通运输局2023年6月5日"
    assert kinds(text) == ["opening", "item", "closing"]
    # a page cut off after a date inside the answer keeps that sentence in the answer
    cut = "李军代表：\n您提出的建议收悉，现答复如下：\n该路段已纳入明年计划。\n预计将于2023年6月"
    assert kinds(cut) == ["opening", "item", "item"]


def test_the_original_proposal_appended_after_the_reply_is_the_proposal_part() -> None:
    reply = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n该村道已列入2024年改造计划。\n感谢您的关心。\n"
        "县交通运输局\n2023年6月1日\n"
    )
    for label in ("建议原文：\n", "原建议："):
        doc = parse(reply + label + "村道年久失修，群众出行不便。建议列入改造计划。\n")
        assert [u.kind for u in doc.reply] == ["opening", "item", "closing"], label
        assert [u.text[:4] for u in doc.suggestions] == ["建议列入"], label


def test_a_record_table_stored_one_cell_a_line_is_the_proposal_part() -> None:
    text = (
        "提案号\n第45号\n提案人\n王芳\n提案标题\n关于加强社区养老服务的提案\n提案内容\n"
        "我市老龄化程度加深，社区养老设施不足。建议加快建设社区日间照料中心。\n承办单位\n市民政局\n"
        "办理情况\n王芳委员：\n您提出的提案收悉，现答复如下：\n我局今年新建日间照料中心12个。\n感谢您的关心。\n"
    )
    doc = parse(text)
    assert [u.text[:4] for u in doc.suggestions] == ["建议加快"]
    assert [u.kind for u in doc.reply] == ["opening", "item", "closing"]
    assert [u.kind for u in doc.proposal] == ["other", "background", "suggestion", "other"]


def test_title_and_a_committee_salutation_on_one_line() -> None:
    text = "关于市政协第45号提案的答复 市政协经济委员会：你们提出的提案收悉，现答复如下：已完成改造。感谢关心。"
    assert kinds(text) == ["header", "opening", "item", "closing"]


def test_a_record_forms_fields_before_the_salutation_stay_in_the_proposal() -> None:
    text = (
        "建议号：第12号\n建议人：李军\n建议内容：村道年久失修，建议列入改造计划。\n承办单位：县交通运输局\n"
        "交办日期：2023年3月1日\n协商方式：直接面商\n李军代表：\n您提出的建议收悉，现答复如下：\n该村道已列入计划。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["opening", "item"]
    assert doc.proposal[-1].text.endswith("直接面商")


def _no_chrome(doc: object) -> None:
    for u in doc.units:  # type: ignore[attr-defined]
        for word in ("首页", "字号", "打印", "关闭", "发布时间", "来源", "浏览", "分享", "扫一扫"):
            assert word not in u.text, (word, u.text)


def test_web_page_chrome_on_lines_above_and_below_the_letter_is_no_text_of_it() -> None:
    text = (
        "当前位置：首页 > 政务公开 > 建议提案办理\n关于市政协十三届二次会议第0156号提案的答复\n"
        "发布时间：2023-07-12 10:21  来源：市农业农村局  浏览次数：326\n字号：大 中 小\n"
        "周丽委员：\n您提出的关于发展庭院经济的提案收悉，现答复如下：\n"
        "近年来，我局积极引导农户发展庭院种养，已培育示范户1200户。\n下一步，我局将继续加大技术指导力度。\n"
        "感谢您对农业农村工作的关心和支持。\n市农业农村局\n2023年7月10日\n【打印本页】 【关闭窗口】\n分享到：\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.units[0].text.startswith("关于市政协") and doc.units[-1].text.endswith("2023年7月10日")
    assert doc.metadata["发布时间"] == "2023-07-12 10:21" and doc.metadata["来源"] == "市农业农村局"
    _no_chrome(doc)


def test_web_page_chrome_run_together_with_a_letter_stored_as_one_line() -> None:
    text = (
        "首页 > 政务公开 > 建议提案办理 > 人大代表建议 关于县十七届人大二次会议第35号建议的答复 "
        "发布日期：2022-06-30 信息来源：县住建局 【字体：大 中 小】 何军代表：您提出的关于完善小区停车设施的建议收悉，"
        "现答复如下：我局已在城区新划停车泊位420个。下步，我局将继续挖掘停车资源。感谢您的支持！ "
        "县住房和城乡建设局 2022年6月28日 【打印本页】【关闭窗口】 分享到：微信 微博"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.units[0].text == "关于县十七届人大二次会议第35号建议的答复"
    _no_chrome(doc)


def test_chrome_after_a_page_cut_off_mid_sentence_is_no_answer_unit() -> None:
    text = (
        "您当前的位置：网站首页 > 信息公开 > 建议提案\n关于政协第十届委员会第三次会议第77号提案的答复\n"
        "来源：县卫生健康局   发布时间：2021年08月03日   浏览次数：\n【字号 大 中 小】\n邓芳委员：\n"
        "你提出的关于加强基层医疗人才队伍建设的提案收悉，现答复如下：\n一、加大人才引进力度。今年招聘医务人员36名。\n"
        "二、强化在岗培训。组织村医培训4期。\n三、落实待遇保障。乡镇卫生院绩效工资总量上浮\n"
        "扫一扫在手机打开当前页\n【打印】【关闭】\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "section", "section", "section"]
    assert doc.units[-1].text.endswith("总量上浮")
    _no_chrome(doc)
    # links to related articles and a back-to-list button after a page cut off are no answer either
    more = parse(text + "相关链接：\n返回列表\n")
    assert [u.kind for u in more.units] == [u.kind for u in doc.units] and more.units[-1].text.endswith("总量上浮")


def test_chrome_words_inside_an_answer_sentence_stay_in_it() -> None:
    text = (
        "邓芳委员：\n你提出的提案收悉，现答复如下：\n项目资金来源：省级补助资金。开通公众号后，"
        "扫一扫二维码即可预约，阅读量、访问量逐月增长。\n感谢您的关心。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[1].text.endswith("访问量逐月增长。")


def test_a_table_of_label_and_value_cells_with_the_reply_in_its_ban_li_qing_kuang_row() -> None:
    text = (
        "| 提案号 | 第0231号 |\n| 提案人 | 赵明 |\n| 案由 | 关于加强农村饮水安全保障的提案 |\n"
        "| 内容 | 部分山区村饮水工程老化，水质不稳定。建议加大投入，实施农村供水管网改造。 |\n"
        "| 承办单位 | 县水务局 |\n| 办理情况 | 赵明委员：您提出的提案收悉，现答复如下：今年我局争取资金860万元，"
        "改造供水管网42公里。下一步，我局将推进城乡供水一体化。感谢您的关心和支持。 |\n"
    )
    doc = parse(text)
    assert [u.text[:4] for u in doc.suggestions] == ["建议加大"]
    assert [u.kind for u in doc.reply] == ["opening", "item", "next-step", "closing"]
    assert doc.answers[0].text == "今年我局争取资金860万元，改造供水管网42公里。"
    assert all("|" not in u.text for u in doc.reply)


def test_a_table_with_a_merged_header_row_and_labels_on_rows_of_their_own() -> None:
    text = (
        "|建议号|建议人|建议标题|承办单位|\n|---|---|---|---|\n|第56号|钱红|关于增设社区幼儿园的建议|县教育体育局|\n"
        "|建议内容|\n|城东片区人口增长快，幼儿园学位紧张。建议新建公办幼儿园一所。|\n|办理情况|\n|钱红代表：|\n"
        "|您提出的建议收悉，现答复如下：|\n|县教育体育局已将城东幼儿园列入2024年建设计划。|\n"
        "|下一步，我局将加快项目前期工作，力争年内开工。|\n|感谢您对教育工作的关心！|\n"
    )
    doc = parse(text)
    assert len(doc.suggestions) == 1 and doc.suggestions[0].text.endswith("建议新建公办幼儿园一所。")
    assert [u.kind for u in doc.reply] == ["opening", "item", "next-step", "closing"]
    assert doc.reply[0].text.startswith("钱红代表：")


def test_a_table_cell_holding_the_reply_label_and_the_whole_reply() -> None:
    text = (
        "| 办理情况：关于县人大第56号建议的答复 钱红代表：您提出的建议收悉，现答复如下：县教育体育局已将城东幼儿园"
        "列入2024年建设计划。下一步，我局将加快项目前期工作。感谢您的关心！ |"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.units[0].text == "办理情况：关于县人大第56号建议的答复"
    assert doc.units[-1].text == "感谢您的关心！"


def test_a_partys_branch_committee_is_addressed_like_a_person() -> None:
    text = (
        "B类 公开\n关于县政协十二届三次会议第28号提案的答复\n农工党县总支：\n你们提出的关于加强县域医共体建设的"
        "提案收悉，现答复如下：\n我委已组建县域医共体2个。\n此复。\n县卫生健康委员会\n2023年6月20日\n抄报：县政协提案委\n"
    )
    assert kinds(text) == ["header", "opening", "item", "closing"]


def test_a_request_for_comments_on_the_answer_opens_the_closing() -> None:
    for remark in (
        "对以上答复，如有不同意见，请在收到答复后10日内反馈。",
        "以上答复，如有意见，请与我们联系。",
        "如对本答复有异议，可与我局联系。",
    ):
        text = (
            "王芳代表：\n您提出的建议收悉，现答复如下：\n一是加强道路养护；二是完善安全设施，新增护栏5公里。\n"
            f"{remark}\n联 系 人：黄丽\n"
        )
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["opening", "section", "section", "closing"], remark
        assert doc.units[-1].text.startswith(remark[:4]), remark


def test_half_width_full_stops_end_sentences_of_a_one_line_reply() -> None:
    text = (
        "刘洋委员:您提出的关于发展乡村旅游的提案收悉,现答复如下:近年来,我局累计投入资金2000万元,打造示范村15个."
        "下一步,我局将:1.编制专项规划;2.加大宣传推介力度.感谢您的关心和支持!联系人:张敏,联系电话:0871-1234567"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "next-step", "closing"]
    assert doc.units[1].text.endswith("示范村15个.") and doc.units[2].text.endswith("推介力度.")
    # after a Chinese numeral opening an item (一.修缮…) the stop numbers the item
    items = answer_starts("刘洋委员:您提出的提案收悉,现答复如下:一.修缮校舍;二.配齐校医.感谢关心!")
    assert items == ["一.修缮校舍", "二.配齐校医"]
    # a full stop after a digit numbers an item or marks a decimal: 1.5亿元 stays one figure
    assert "1.5亿元" in parse("刘洋委员:您提出的提案收悉,现答复如下:今年投入1.5亿元.感谢关心!").units[1].text


def test_plans_listed_inline_inside_a_xia_bu_paragraph_stay_in_it() -> None:
    text = (
        "陈刚委员：\n您提出的提案已收悉。现将办理情况答复如下：\n全县茶叶种植面积达到8.5万亩。\n"
        "下步工作中，我们将重点抓好三个方面：一是扩大种植规模；二是强化品牌建设；三是完善利益联结机制。\n"
        "感谢您的关心和支持！\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "next-step", "closing"]
    assert doc.units[2].text.endswith("利益联结机制。")
    # on lines of their own under the 下一步 lead, the plans are its numbered parts
    lines = text.replace("方面：一是", "方面：\n一是").replace("；二是", "；\n二是").replace("；三是", "；\n三是")
    plans = ["next-step"] * 4
    assert [u.kind for u in parse(lines).units] == ["opening", "item", *plans, "closing"]


def test_a_reply_row_holding_the_replys_title_with_the_letter_on_the_next_row() -> None:
    text = (
        "| 建议号 | 第88号 | 建议人 | 刘强 |\n| 建议内容 | 村道年久失修。建议列入改造计划，尽快实施硬化。 |\n"
        "| 承办单位 | 县交通运输局 | 办理时限 | 2023年6月30日 |\n| 办理情况 | 关于县人大第88号建议的答复 |\n"
        "| 刘强代表：您提出的建议收悉，现答复如下：该村道已列入2024年改造计划。"
        "下步，我局将加快前期工作。感谢您的关心！ |\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.reply[0].text.startswith("办理情况") and doc.reply[1].text.startswith("刘强代表：")
    assert [u.kind for u in doc.proposal] == ["other", "suggestion", "other"]


def test_a_table_copied_as_tab_separated_text() -> None:
    text = (
        "提案号\t提案人\t案由\t主办单位\n0456\t黄英\t关于加强校园周边交通安全的提案\t市公安局\n提案内容\n"
        "学校周边上下学时段交通拥堵。建议增设护学岗，完善交通设施。\n办理答复\n黄英委员：\n您提出的提案收悉，现答复如下：\n"
        "一、在全市58所中小学设立护学岗。\n二、新增交通标志标线120处。\n感谢您的关心和支持！\n市公安局\n2023年6月2日\n"
    )
    doc = parse(text)
    assert [u.text[:4] for u in doc.suggestions] == ["建议增设"]
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"]  # 办理答复 labels the reply


def test_a_stray_tab_inside_a_sentence_is_no_table() -> None:
    text = "李军代表：\n您提出的建议收悉，现答复如下：\n该村道已列入2024年农村公路\t改造计划，预计年底开工。\n"
    assert kinds(text) == ["opening", "item"]


def test_column_names_above_a_reply_cell_are_its_header_not_a_salutation_or_an_answer() -> None:
    text = (
        "| 序号 | 建议题目 | 领衔代表 | 答复情况 |\n"
        "| 1 | 关于加强农村公路养护的建议 | 王军 | 王军代表：您提出的建议收悉，"
        "现答复如下：今年已安排养护资金500万元。下一步将完善养护长效机制。感谢您的关心！ |\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.units[1].text.startswith("王军代表：")


def test_a_sentence_to_the_proposer_after_a_notices_cited_title_is_the_opening() -> None:
    text = (
        "办理复文（摘要）：《县住建局对县十七届人大一次会议第12号建议的答复》（住建函〔2022〕12号）\n"
        "您提出的建议收悉。我局已于2022年5月启动城区排水管网改造工程。此外，对易涝点实行一点一策整治。\n"
        "办结时间：2022年9月\n办理结果：A类\n建议内容（摘要）：城区部分路段雨后积水严重，建议改造排水管网。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["header", "opening", "item", "closing"]
    assert doc.reply[1].text == "您提出的建议收悉。"
    assert doc.metadata["文号"] == "住建函〔2022〕12号"
    assert len(doc.suggestions) == 1 and doc.suggestions[0].text.endswith("建议改造排水管网。")


def test_salutations_with_the_title_before_the_name_or_a_note_on_the_proposal() -> None:
    for who in ("尊敬的市政协委员王立新：", "何静代表(第123号建议):", "孙丽代表（第87号）："):
        body = "今年全市建成智慧社区示范点25个。\n经办人：李晓  电话：13907771234\n2023.6.5\n"
        text = who + "\n您提出的建议收悉，现答复如下：\n" + body
        assert kinds(text) == ["opening", "item", "closing"], who


def test_a_government_pages_catalogue_above_the_letter_is_metadata_not_its_header() -> None:
    text = (
        "| 索引号 | 11530400MB1234567X/2023-00088 | 主题分类 | 建议提案办理 |\n"
        "| 发布机构 | 县发展和改革局 | 成文日期 | 2023-06-15 |\n| 标题 | 关于县人大十八届二次会议第45号建议的答复 |\n"
        "关于县人大十八届二次会议第45号建议的答复\n周明代表：\n您提出的关于加快物流园区建设的建议收悉，现答复如下：\n"
        "物流园区一期已完成投资3.2亿元。\n感谢您的关心和支持。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"]
    assert doc.units[0].text == "关于县人大十八届二次会议第45号建议的答复"
    assert doc.metadata["发布机构"] == "县发展和改革局"
    # the same catalogue above a letter with no salutation
    plain = text.replace("周明代表：\n您提出的关于加快物流园区建设的建议收悉，现答复如下：\n", "")
    assert [u.kind for u in parse(plain).units] == ["header", "item", "closing"]
    assert parse(plain).units[0].text == "关于县人大十八届二次会议第45号建议的答复"


def test_a_line_that_stops_after_a_comma_runs_on_into_the_next_line() -> None:
    text = (
        "赵敏委员：\n您提出的提案收悉，现答复如下：\n近年来，我市先后出台了《生活垃圾分类管理办法》等文件，\n"
        "全市新建分类投放点1200个。\n我们也清醒地看到，居民分类习惯尚未养成。\n"
        "我局采取了以下措施，\n一是完善设施；\n二是加强宣传。\n感谢您的关心！\n"
    )
    assert answer_starts(text) == ["近年来，我市", "我们也清醒地", "我局采取了以", "一是完善设施", "二是加强宣传"]


def test_sign_off_lines_print_notes_openness_and_a_plea_for_understanding_close_a_letter() -> None:
    for tail in (
        "承办人：李华\n核稿：王强\n签发：赵刚\n",
        "县交通运输局办公室            2023年6月5日印发\n",
        "公开方式：主动公开\n",
        "敬请谅解。\n县交通运输局\n",
        "以上答复，请审阅。\n县交通运输局\n2023年6月5日\n",
        "分送：县人大选工委，县政府督查室\n",
        "主送：李军代表\n抄报：县人大常委会\n",
    ):
        assert _closing_of(tail) == ["opening", "item", "closing"], tail
    # a plea for understanding inside an answer paragraph stays in it
    inline = _closing_of("因资金有限，暂不能实施，敬请谅解。下步将积极争取资金。\n")
    assert inline == ["opening", "item", "item", "next-step"]


def test_an_opening_that_reports_the_handling_to_the_offices_that_passed_it_on() -> None:
    text = (
        "关于市人大十五届五次会议第0321号建议办理情况的答复\n市人大常委会代表工委、市政府督查室：\n"
        "由刘芳代表提出的关于加强公园管理的建议收悉，现将办理情况报告如下：\n一、全市公园均已实行网格化管理。\n"
        "二、新增公园管理员45名。\n市园林局\n2023年7月\n"
    )
    assert kinds(text) == ["header", "opening", "section", "section", "closing"]


def test_a_header_block_of_the_offices_file_line_number_signer_type_a_broken_title_and_its_date() -> None:
    text = (
        "县交通运输局文件\n县交函〔2023〕56号\n签发人：王刚\n答复类型：A类（所提问题已经解决或基本解决）\n"
        "关于县人大十八届二次会议\n第12号建议的\n答复\n（2023年6月5日）\n李军代表：\n您提出的建议收悉，现答复如下：\n"
        "该路段已于5月完成改造。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item"]
    assert doc.metadata["类别"] == "A" and doc.metadata["签发人"] == "王刚"


def test_the_proposal_appended_under_a_label_of_its_own_after_the_reply() -> None:
    reply = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n该村道已列入2024年改造计划。\n感谢您的关心。\n县交通运输局\n2023年6月1日\n"
    )
    for label in ("附：代表建议原文\n", "附：\n第45号建议\n", "附件\n李军代表建议：\n", "提案内容\n"):
        doc = parse(reply + label + "村道年久失修，群众出行不便。建议列入改造计划。\n")
        assert [u.kind for u in doc.reply] == ["opening", "item", "closing"], label
        assert doc.suggestions and doc.suggestions[-1].text.endswith("建议列入改造计划。"), label
        assert all(u.start >= len(reply) for u in doc.proposal), label
    # a feedback form attached to the letter is part of its closing
    for remark in ("附件：1.代表建议办理情况征询意见表\n", "附件：李军代表建议办理情况反馈表\n"):
        assert [u.kind for u in parse(reply + remark).units] == ["opening", "item", "closing"], remark
        no_date = reply.replace("感谢您的关心。\n县交通运输局\n2023年6月1日\n", "")
        assert [u.kind for u in parse(no_date + remark).units] == ["opening", "item", "closing"], remark


def test_a_title_glued_to_the_salutation_on_a_page_stored_as_one_line() -> None:
    text = (
        "关于县人大第12号建议的答复李军代表：您提出的关于修建村级文化广场的建议收悉，现答复如下："
        "该村文化广场已纳入今年项目。下一步，我局将加快建设进度。感谢您的关心和支持！县文化和旅游局2022年6月8日"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item", "next-step", "closing"]
    assert doc.units[0].text == "关于县人大第12号建议的答复"


def test_a_page_cut_off_inside_the_opening_has_no_answer_yet() -> None:
    assert kinds("李军代表：\n您提出的关于修建村级文化广场的建议收悉。经认真研究，现") == ["opening"]
    # cut off right after the announcement, the first words are the answer's
    assert kinds("李军代表：\n您提出的建议收悉，现答复如下：该村") == ["opening", "item"]


def test_a_form_page_with_its_name_in_a_merged_row_and_contacts_after_the_reply_cell() -> None:
    text = (
        "| 政协临川县第十届委员会第二次会议提案办理情况答复表 |\n| 提案号 | 第12号 | 提案人 | 王芳 |\n"
        "| 提案内容 | 乡村学校体育场地不足，器材陈旧。建议加大投入，改善乡村学校体育设施。 |\n"
        "| 承办单位 | 县教育体育局 |\n"
        "| 答复内容 | 王芳委员：您提出的提案收悉，现答复如下：一是今年投入资金260万元，新建塑胶跑道4条；"
        "二是为32所乡村学校配送体育器材。下一步，我局将继续改善乡村学校办学条件。感谢您的关心！ |\n"
        "| 联系人 | 张磊 | 联系电话 | 0794-1234567 |\n| 委员意见 | 满意 |\n"
    )
    doc = parse(text)
    assert doc.metadata["表名"].endswith("答复表")
    assert [u.kind for u in doc.proposal if u.kind != "other"] == ["background", "suggestion"]
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "next-step", "closing"]
    assert doc.reply[-1].text.endswith("满意")


def test_a_table_with_full_width_bars_and_a_bare_ban_li_qing_kuang_row() -> None:
    text = (
        "｜提案号｜第12号｜\n｜提案人｜王芳｜\n｜提案内容｜乡村学校体育场地不足。建议加大投入，改善体育设施。｜\n｜办理情况｜\n"
        "｜一、今年投入资金260万元，新建塑胶跑道4条。｜\n｜二、为32所乡村学校配送体育器材。｜\n"
        "｜县教育体育局 2023年6月10日｜\n"
    )
    doc = parse(text)
    assert [u.text[:4] for u in doc.suggestions] == ["建议加大"]
    assert [u.kind for u in doc.reply] == ["section", "section", "closing"]


def test_an_addressee_list_of_names_a_space_apart() -> None:
    for who in ("李明 王芳 张强委员：", "李明　王芳　张强代表：", "刘洋等10位委员：", "王刚代表 ："):
        text = who + "\n你们提出的关于加强文物保护的提案收悉，现答复如下：\n今年已修缮文物点12处。\n感谢关心。\n"
        assert kinds(text) == ["opening", "item", "closing"], who
        assert parse(text).units[0].text.startswith(who.strip("：")[:2]), who


def test_a_catalogue_table_with_empty_fields_above_the_text_gives_no_units() -> None:
    text = (
        "文号 | 索引号 | 001200000/2023-00042 | 关键词 | ||\n主题分类 | 政协提案 | 体裁分类 | 其他 |\n"
        "提案内容：\n我县村级卫生室设备陈旧。建议加大投入，更新诊疗设备。\n"
    )
    doc = parse(text)
    assert doc.units[0].text.startswith("我县村级卫生室")
    assert doc.metadata["索引号"] == "001200000/2023-00042" and doc.metadata["主题分类"] == "政协提案"


def test_a_plan_heading_line_without_punctuation_opens_the_plans() -> None:
    for head in ("今后工作安排", "下阶段工作打算：", "下一步工作重点", "下步打算"):
        assert _plans("\n" + head + "\n") == [("item", "今年已完"), ("next-step", head[:4])], head


def test_full_width_full_stops_after_chinese_text_end_sentences() -> None:
    text = "李军代表：\n您提出的建议收悉，现答复如下：\n今年已完成道路改造3公里．下一步将继续争取资金．\n感谢关心．\n"
    assert kinds(text) == ["opening", "item", "next-step", "closing"]


def test_a_notice_with_summary_labels_of_other_wordings() -> None:
    text = (
        "建议名称：关于加强农村饮水工程管护的建议\n建议人：周平\n建议摘要：部分农村饮水工程无人管护，建议建立长效管护机制。\n"
        "承办单位：县水务局\n答复摘要：我局已出台农村饮水工程运行管护办法。下一步，我局将加强督查考核。\n办结时间：2023年9月\n"
    )
    doc = parse(text)
    assert doc.title == "关于加强农村饮水工程管护的建议"
    assert [u.kind for u in doc.proposal] == ["other", "suggestion", "other"]
    assert [u.kind for u in doc.reply] == ["header", "item", "next-step", "closing"]
    assert doc.reply[1].text == "我局已出台农村饮水工程运行管护办法。"


def test_numbered_plans_under_a_xia_yi_bu_paragraph_that_announces_them() -> None:
    for lead in ("下一步，我局将重点做好以下几方面工作。", "下一步，我局将："):
        text = (
            "李军代表：\n您提出的建议收悉，现答复如下：\n今年已完成道路改造3公里。\n"
            f"{lead}\n1.积极争取上级资金。\n2.加快项目前期工作。\n感谢关心。\n"
        )
        doc = parse(text)
        plans = [("next-step", 1), ("next-step", 2), ("next-step", 2)]
        assert [(u.kind, u.level) for u in doc.units][2:5] == plans, lead
    # a plan sentence that announces nothing: the numbered lines after it are sections of the answer again
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n下一步将加快建设。\n1.关于资金。已争取500万元。\n2.关于用地。已完成报批。\n"
    )
    assert [u.kind for u in parse(text).units] == ["opening", "next-step", "section", "section"]


def test_a_ci_wai_or_ling_wai_paragraph_after_numbered_sections_is_an_item_of_its_own() -> None:
    text = (
        "李军代表：\n您提出的建议收悉，现答复如下：\n一、关于资金。今年已争取资金500万元。\n二、关于用地。已完成用地报批。\n"
        "此外，我局还协调供电部门完成线路迁改。\n另外，关于路灯问题，已转交县城管局办理。\n感谢关心。\n"
    )
    assert answer_starts(text) == ["一、关于资金", "二、关于用地", "此外，我局还", "另外，关于路"]
    assert [u.level for u in parse(text).answers] == [1, 1, 1, 1]
    # other un-numbered paragraphs after a section heading are its body; 另外两条… is no aside
    body = text.replace("此外，我局还", "我局还").replace("另外，关于路灯问题", "另外两条道路")
    assert answer_starts(body) == ["一、关于资金", "二、关于用地"]


def test_a_table_cell_whose_reply_runs_over_several_lines() -> None:
    text = (
        "| 提案号 | 第12号 |\n| 提案内容 | 乡村学校体育场地不足。建议加大投入。 |\n| 办理情况 | 王芳委员：\n"
        "您提出的提案收悉，现答复如下：\n一、今年投入资金260万元。\n二、为32所乡村学校配送体育器材。 |\n"
        "| 联系人 | 张磊 |\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"]
    assert doc.reply[2].text == "二、为32所乡村学校配送体育器材。"
    # a bar inside a line of a text with no table stays text
    assert "A|B" in parse("李军代表：\n您提出的建议收悉，现答复如下：\n已采购A|B两型设备。\n").units[1].text


def test_bracketed_chrome_between_the_title_and_the_salutation_leaves_no_trace() -> None:
    text = (
        "关于县人大第12号建议的答复\n【来源：县交通运输局】【发布时间：2023-06-06】 【 字号：大 中 小 】\n"
        "李军代表：\n您提出的建议收悉，现答复如下：\n已完成改造。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item"]
    assert doc.units[0].text == "关于县人大第12号建议的答复" and doc.units[1].text.startswith("李军代表：")
    assert doc.metadata["来源"] == "县交通运输局" and doc.metadata["发布时间"] == "2023-06-06"


def test_a_sites_navigation_bar_above_the_letter_is_no_header_line() -> None:
    text = (
        "首页 | 走进临川 | 政务公开 | 互动交流 | 办事服务\n网站首页  政务公开  政务服务\n当前位置：首页 > 政务公开\n"
        "关于县人大第12号建议的答复\n李军代表：\n您提出的建议收悉，现答复如下：\n已完成改造。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["header", "opening", "item"]
    assert doc.units[0].text == "关于县人大第12号建议的答复"
    # menu words inside a sentence stay: 在政务公开栏目公布 is the answer's
    inline = "李军代表：\n您提出的建议收悉，现答复如下：\n办理结果已在政务公开 互动交流栏目公布。\n"
    assert parse(inline).units[1].text == "办理结果已在政务公开 互动交流栏目公布。"


def test_the_sites_footer_after_the_letter_is_in_no_unit() -> None:
    letter = "李军代表：\n您提出的建议收悉，现答复如下：\n已完成改造。\n"
    footer = (
        "版权所有：临川县人民政府  网站标识码：5310000012\n滇ICP备05001234号  滇公网安备 53010202000123号\n"
        "技术支持：临川信息中心  建议使用IE9以上浏览器\nCopyright © 2023 All Rights Reserved\n"
    )
    doc = parse(letter + footer)
    assert [u.kind for u in doc.units] == ["opening", "item"] and doc.units[-1].text == "已完成改造。"
    # an answer sentence naming technical support stays
    answer = letter + "我局将为企业提供技术支持：组织专家上门服务。\n"
    assert parse(answer).units[-1].text == "我局将为企业提供技术支持：组织专家上门服务。"


def test_a_bare_name_addressed_without_a_title() -> None:
    for who in ("李军：", "尊敬的王立新："):
        text = who + "\n您提出的关于加强文物保护的建议收悉，现答复如下：\n今年已修缮文物点12处。\n感谢关心。\n"
        assert kinds(text) == ["opening", "item", "closing"], who
    # a place's name before its answer (李家村：…) is no salutation
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n李家村：\n已完成道路硬化。\n王家村：\n已列入明年计划。\n"
    assert kinds(text) == ["opening", "item", "item"]


def test_a_table_row_of_the_offices_answer_under_other_labels() -> None:
    for label in ("承办单位答复", "单位意见", "答复意见", "办理答复"):
        text = (
            "| 提案号 | 第12号 |\n| 提案人 | 王芳 |\n| 提案内容 | 乡村学校体育场地不足。建议加大投入。 |\n"
            f"| 承办单位 | 县教育体育局 |\n| {label} | 王芳委员：您提出的提案收悉，现答复如下："
            "今年投入资金260万元。感谢关心！ |\n"
            "| 办理结果 | 已解决 |\n"
        )
        doc = parse(text)
        assert [u.kind for u in doc.reply] == ["opening", "item", "closing"], label
        assert [u.text[:4] for u in doc.suggestions] == ["建议加大"], label


def test_chrome_run_together_without_spaces_and_a_source_sentence_of_the_answer() -> None:
    text = (
        "关于第12号建议的答复\n来源：市农业局发布时间：2023-06-01 浏览次数：12\n李军代表：\n"
        "您提出的建议收悉，现答复如下：\n来源：省级补助资金500万元。\n已完成改造，可分享到微信。\n"
    )
    doc = parse(text)
    assert doc.units[0].text == "关于第12号建议的答复"
    assert doc.metadata["来源"] == "市农业局" and doc.metadata["发布时间"] == "2023-06-01"
    assert [u.text for u in doc.answers] == ["来源：省级补助资金500万元。", "已完成改造，可分享到微信。"]


def test_openness_notes_at_the_top_are_header_lines() -> None:
    for top in ("此件公开发布", "（此件主动公开）", "【依申请公开】", "公开方式：主动公开"):
        assert kinds(top + "\n您提出的建议收悉，现答复如下：\n已完成改造。\n") == ["header", "opening", "item"], top


def test_font_size_buttons_and_chrome_fields_between_bars() -> None:
    bars = "发布时间：2023-06-01 | 来源：县交通局 | 浏览次数：5"
    for chrome in ("字体：【大】【中】【小】", "【大】【中】【小】", "字号：大 | 中 | 小", bars):
        text = "关于第12号建议的答复\n" + chrome + "\n李军代表：\n您提出的建议收悉，现答复如下：\n已完成改造。\n"
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["header", "opening", "item"], chrome
        assert doc.units[0].text == "关于第12号建议的答复", chrome


def test_a_notices_cited_reply_title_whose_copy_lost_its_brackets_is_header() -> None:
    for cited in (
        "县水务局对县十五届人大二次会议第8号建议的答复》(水函〔2021〕8号)",  # the opening 《 lost
        "县水务局对县十五届人大二次会议第8号建议的答复》(水函〔20218",  # and the number's end run into the text
    ):
        text = f"办理复文(摘要): {cited}该沟渠已列入年度修复计划。下一步将加快实施。\n办结时间:2021年9月\n"
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["header", "item", "next-step", "closing"], cited
        assert doc.units[1].text == "该沟渠已列入年度修复计划。", cited
    # a document cited in the answer's first sentence is no title of the reply
    text = "办理复文：根据《县农村公路管理办法》规定，该路段由镇政府负责养护。\n"
    assert parse(text).answers[0].text.startswith("根据《县农村公路")


def test_units_of_normalised_pages_keep_the_original_text_without_edge_spaces() -> None:
    for text in (
        "提案号 \t建议内容：村道失修，建议硬化。\t承办单位\t县交通局\n"
        "办理情况\t李军代表：您提出的建议收悉，现答复如下：已列入计划。",
        "| 提案号 | 第12号 |\n| 提案内容 | 建议硬化村道。 |\n| 办理情况 | 已列入计划。 |",
        "当前位置：首页 > 建议提案 关于第12号建议的答复 字号：大 中 小 "
        "李军代表：您提出的建议收悉，现答复如下：已列入计划. 【打印】",
    ):
        for u in parse(text).units:
            assert u.text == text[u.start : u.end] and u.text == u.text.strip(), (text, u.text)


def test_a_proposal_then_a_bare_da_fu_label_then_the_letter() -> None:
    text = (
        "第45号建议\n关于村道硬化的建议\n领衔代表：李军\n村道年久失修，群众出行不便。建议列入改造计划。\n答复：\n"
        "李军代表：\n您提出的建议收悉，现答复如下：\n已列入2024年计划。\n感谢关心。\n"
    )
    doc = parse(text)
    assert [u.kind for u in doc.reply] == ["opening", "item", "closing"]
    assert doc.reply[0].text.startswith("李军代表：")  # 领衔代表：李军 is a field, not the salutation
    assert [u.text[:4] for u in doc.suggestions] == ["建议列入"]


_TOPS = (
    "",
    "当前位置：首页 > 政务公开 > 建议提案\n",
    "发布时间：2023-06-01  来源：县交通局  浏览次数：12\n",
    "首页 | 政务公开 | 建议提案办理 ",  # a navigation bar on the letter's first line
)
_HEADERS: tuple[tuple[str, list[str]], ...] = (
    ("", []),
    ("B类\n", ["header"]),
    ("县交函〔2023〕12号  签发人：王刚\n关于县人大第12号建议的答复\n", ["header"]),
    ("关于县人大第12号建议的答复\n字号：大 中 小\n", ["header"]),
)
_SALUTATIONS = ("李军代表：\n", "李明 王芳委员：\n", "县政协经济委员会：\n", "", "欧阳青、司马文：\n")
_OPENINGS = ("您提出的关于村道硬化的建议收悉，现答复如下：\n", "你们提出的建议已收悉。经研究，现将办理情况答复如下：\n")
_BODIES: tuple[tuple[str, list[str]], ...] = (
    ("已列入2024年计划，预计年底开工。\n", ["item"]),
    ("一、已列入计划。\n二、已争取资金500万元。\n", ["section", "section"]),
    ("今年已完成改造3公里。下一步，我局将加快进度。\n", ["item", "next-step"]),
    ("一是争取资金；二是加快建设。\n此外，我局将加强养护。\n", ["section", "section", "item"]),
)
_CLOSINGS: tuple[tuple[str, list[str]], ...] = (
    ("感谢您的关心！\n县交通运输局\n2023年6月5日\n", ["closing"]),
    ("此复。\n", ["closing"]),
    ("联系人：张丽  电话：0871-1234567\n", ["closing"]),
    ("", []),
)
_ENDS = ("", "【打印本页】【关闭窗口】\n", "版权所有：临川县人民政府  滇ICP备05001234号\n")


def test_pages_assembled_from_any_of_the_parts_parse_into_those_parts_on_lines_or_run_together() -> None:
    import itertools

    combos = itertools.product(_TOPS, _HEADERS, _SALUTATIONS, _OPENINGS, _BODIES, _CLOSINGS, _ENDS)
    for k, (top, (head, head_kinds), who, opening, (body, body_kinds), (end, end_kinds), tail) in enumerate(combos):
        if k % 5:
            continue  # every fifth of the 7,680 combinations keeps the test quick (all of them pass)
        want = [*head_kinds, "opening", *body_kinds, *end_kinds]
        page = top + head + who + opening + body + end + tail
        # on lines, run together with a space, two spaces or a no-break space (pages stored as one line)
        for sep in ("\n", " ", "  ", "\xa0"):
            text = page.replace("\n", sep)
            assert [u.kind for u in parse(text).units] == want, text


def test_the_proposers_verdict_row_after_a_reply_cell_closes_the_reply() -> None:
    for verdict in ("| 委员意见 | 满意 |", "| 代表对办理结果 | 基本满意 |", "提案人意见：不满意"):
        text = (
            "| 提案号 | 第12号 | 提案人 | 王芳 |\n| 提案内容 | 乡村学校体育场地不足。建议加大投入。 |\n"
            "| 答复内容 | 您提出的提案收悉，现答复如下：一、投入资金260万元。二、配送器材。 |\n" + verdict + "\n"
        )
        doc = parse(text)
        assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"], verdict
        assert doc.reply[-1].text.endswith("满意"), verdict


def test_a_navigation_bar_on_the_line_where_the_letter_starts_is_blank() -> None:
    letter = "您提出的关于增设公交站点的建议收悉，现答复如下：\n已新增站点6个。\n感谢关心。\n"
    for bar in ("首页 | 政务公开 | 建议提案办理 ", "网站首页｜信息公开｜互动交流｜", "首页 政务公开 互动交流 ",
                "首 页 | 政策文件 | 建议提案 "):
        titled = parse(bar + "关于县人大第21号建议的答复\n欧阳青代表：\n" + letter)
        assert [u.kind for u in titled.units] == ["header", "opening", "item", "closing"], bar
        assert titled.units[0].text == titled.title == "关于县人大第21号建议的答复", bar
        greeted = parse(bar + "吴刚代表：" + letter)
        assert [u.kind for u in greeted.units] == ["opening", "item", "closing"], bar
        assert greeted.units[0].text.startswith("吴刚代表："), bar
    # a bar's words in a sentence of the letter stay in it
    inline = parse("吴刚代表：" + letter.replace("已新增站点6个。", "结果已在首页 | 政务公开栏目公布。"))
    assert "首页 | 政务公开栏目公布。" in inline.units[1].text


def test_salutations_with_two_character_surnames_and_several_names() -> None:
    letter = "您提出的关于修缮乡村祠堂的建议收悉，现答复如下：\n已修缮祠堂5座。\n感谢关心。\n"
    for who in ("欧阳委员：", "司马代表：", "欧阳敏：", "上官云飞：", "欧阳敏、司马青：", "何涛 孙丽：",
                "诸葛红，吴刚代表：", "尊敬的端木平、上官云委员：", "何涛  孙丽委员：", "欧阳敏\u3000\u3000司马青：",
                "尊敬的欧阳敏委员，司马青委员：", "上官云委员等："):
        on_lines = parse(who + "\n" + letter)
        assert [u.kind for u in on_lines.units] == ["opening", "item", "closing"], who
        assert on_lines.units[0].text.startswith(who), who
        one_line = parse("关于县人大第9号建议的答复 " + who + letter.replace("\n", " "))
        assert [u.kind for u in one_line.units] == ["header", "opening", "item", "closing"], who
        assert one_line.units[1].text.startswith(who), who
    # a name-like word before a colon in the answer, with no opening sentence after it, is no salutation
    text = "罗斌代表：\n" + letter.replace("已修缮祠堂5座。", "欧阳村：\n已修缮祠堂5座。")
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert doc.units[1].text.startswith("欧阳村：")


def test_a_list_run_inside_a_paragraph_ends_with_that_paragraph() -> None:
    text = (
        "罗斌代表：\n你提出的建议收悉，现答复如下：\n"
        "加强队伍建设。一是每年培训乡村医生300人次；二是落实乡村医生养老补助。\n"
        "改善诊疗条件。今年为42个村卫生室配备了心电图机。\n"
        "推进远程医疗。已有15个乡镇卫生院接入市级平台。\n感谢关心。\n"
    )
    assert answer_starts(text) == ["加强队伍建设", "一是每年培训", "二是落实乡村", "改善诊疗条件", "推进远程医疗"]
    # a list whose items open their own lines keeps the un-numbered lines below an item as its body
    lines = text.replace("。一是", "。\n一是").replace("；二是", "；\n二是")
    assert answer_starts(lines) == ["加强队伍建设", "一是每年培训", "二是落实乡村"]


def test_a_plan_sentence_ending_its_paragraph_with_a_colon_has_the_plans_below_it() -> None:
    for lead, plans in (("下一步，我局将：", ("争取省级资金。", "优化支出结构。")),
                        ("下步，重点做好以下工作。", ("1.争取省级资金。", "2.优化支出结构。"))):
        text = (
            "罗斌代表：\n你提出的建议收悉，现答复如下：\n今年已投入资金800万元。" + lead + "\n"
            + "\n".join(plans) + "\n感谢关心。\n"
        )
        doc = parse(text)
        assert [(u.kind, u.level) for u in doc.units][1:5] == [
            ("item", 1), ("next-step", 1), ("next-step", 2), ("next-step", 2)], lead
    # a plan sentence that announces nothing ends with its paragraph: the next one answers again
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n今年已投入资金800万元。下一步将继续争取。\n道路已硬化。\n"
    assert kinds(text) == ["opening", "item", "next-step", "item"]


def test_a_table_whose_columns_are_named_in_one_row_and_filled_in_the_rows_below() -> None:
    letter = "办理情况：\n何平委员：\n您提出的提案收悉，现答复如下：\n今年已新建公厕15座。\n感谢您的关心。\n"
    rows = (
        "提案号 提案人 内容 承办单位\n第0456号 何平 关于增建城区公厕的提案。建议新建公厕20座。 县城管局\n",
        "| 提案号 | 提案人 | 内容 | 承办单位 |\n|---|---|---|---|\n"
        "| 第0456号 | 何平 | 关于增建城区公厕的提案。建议新建公厕20座。 | 县城管局 |\n",
        "提案号\t提案人\t内容\t承办单位\n第0456号\t何平\t关于增建城区公厕的提案。建议新建公厕20座。\t县城管局\n",
        # the content cell has spaces in it: the pieces in excess are the content's
        "提案号 提案人 内容 承办单位\n第0456号 何平 关于增建城区公厕的提案。 建议新建公厕20座。 县城管局\n",
    )
    for table in rows:
        doc = parse(table + letter)
        assert [u.text for u in doc.suggestions] == ["建议新建公厕20座。"], table
        assert [u.kind for u in doc.proposal] == ["other", "background", "suggestion", "other"], table
        assert doc.proposal[-1].text == "县城管局", table
        assert [u.kind for u in doc.reply] == ["opening", "item", "closing"], table
        assert doc.metadata["提案号"] == "第0456号" and doc.metadata["承办单位"] == "县城管局", table
    # an answer column: its cell is the reply
    answered = (
        "建议号 领衔代表 建议内容 承办单位 办理情况\n"
        "第33号 何平 建议延长公交运营时间。 县交通局 您提出的建议收悉，现答复如下：已延长至晚上10点。感谢关心。\n"
    )
    doc = parse(answered)
    assert [u.text for u in doc.suggestions] == ["建议延长公交运营时间。"]
    assert [(u.kind, u.text) for u in doc.reply][1:] == [("item", "已延长至晚上10点。"), ("closing", "感谢关心。")]
    # a column of another short name, and a title column (the document's title), are read too
    titled = parse(
        "序号 建议标题 领衔代表 建议类别 建议内容 主办单位\n"
        "1 关于延长公交运营时间的建议 何平 交通 建议延长至晚上10点。 县交通局\n"
        "何平代表：\n您提出的建议收悉，现答复如下：\n已延长至晚上10点。\n"
    )
    assert [u.text for u in titled.suggestions] == ["建议延长至晚上10点。"]
    assert titled.title == "关于延长公交运营时间的建议" and titled.metadata["建议类别"] == "交通"
    assert [u.kind for u in titled.reply] == ["opening", "item"]
    # the answer column left empty on the row: the reply is on the lines below it
    below = parse(answered.replace(" 您提出的", "\n您提出的"))
    assert [u.text for u in below.suggestions] == ["建议延长公交运营时间。"]
    assert [u.kind for u in below.reply] == ["opening", "item", "closing"]
    # a row of field names with no row of values under it is no table
    alone = parse("提案号 提案人 内容 承办单位\n" + letter)
    assert "提案号" not in alone.metadata and not alone.suggestions
    assert [u.kind for u in alone.reply] == ["opening", "item", "closing"]


def test_qi_yi_numbers_points_like_di_yi_and_yi_shi() -> None:
    for a, b in (("其一，", "其二，"), ("其一是", "其二是")):
        text = f"罗斌代表：\n你提出的建议收悉，现答复如下：\n今年做了两项工作。{a}新建公厕15座；{b}推行专人保洁。\n"
        assert answer_starts(text) == ["今年做了两项", (a + "新建公厕")[:6], (b + "推行专人")[:6]], a
    # 尤其 is a word: its 其 is no part of a number
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n尤其一是城区公厕不足；二是保洁不到位。\n"
    assert not any(start.startswith("其") for start in answer_starts(text))


def test_a_body_stored_as_one_line_keeps_its_paragraph_breaks_as_a_space_after_a_full_stop() -> None:
    text = (
        "罗斌代表： 你提出的建议收悉，现答复如下： 改善诊疗条件。今年为42个村卫生室配备了心电图机。 "
        "推进远程医疗。已有15个乡镇卫生院接入市级平台。 今后，我们将逐步把远程会诊延伸到村。 "
        "感谢关心！ 县卫生健康局 2023年6月1日"
    )
    assert answer_starts(text) == ["改善诊疗条件", "推进远程医疗", "今后，我们将"]
    assert kinds(text)[-2:] == ["next-step", "closing"]
    # on lines, a space after a full stop inside a paragraph breaks nothing
    lines = "罗斌代表：\n你提出的建议收悉，现答复如下：\n改善诊疗条件。 今年为42个村卫生室配备了心电图机。\n谢谢！\n"
    assert answer_starts(lines) == ["改善诊疗条件"]


def test_the_letters_formula_of_respect_and_wishes_belongs_to_the_closing() -> None:
    for formula in ("此致\n敬礼！", "此致 敬礼！", "顺致敬意！", "顺颂时祺！", "祝工作顺利！"):
        text = (
            "罗斌代表：\n你提出的建议收悉，现答复如下：\n今年已修缮农村危房120户。\n"
            f"{formula}\n县住房和城乡建设局\n2023年6月1日\n"
        )
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["opening", "item", "closing"], formula
        assert doc.units[-1].text.startswith(formula[:2]), formula
    # a wish inside the answer (祝…) that does not end the letter stays the answer's
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n祝福工程已覆盖全县。\n今年已修缮农村危房120户。\n"
    assert kinds(text) == ["opening", "item", "item"]


def test_a_replys_own_title_ending_in_hui_fu_hui_han_fu_wen_or_da_fu_shu() -> None:
    for title in ("关于县政协第45号提案的回复", "关于县政协第45号提案的回函", "对县人大第12号建议的复文",
                  "第12号建议答复书", "县水务局对第12号建议的办理结果"):
        text = title + "\n您提出的关于整治河道的建议收悉，现答复如下：\n今年已清淤河道8公里。\n感谢关心！\n"
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"], title
        assert doc.units[0].text == title, title
    # the same words ending a sentence of the answer are no title
    text = "您提出的关于整治河道的建议收悉，现答复如下：\n已就清淤事项作出书面回复。\n感谢关心！\n"
    assert kinds(text) == ["opening", "item", "closing"]


def test_a_plan_sentence_ending_in_thanks_or_welcome_keeps_the_plan_out_of_the_closing() -> None:
    for last, closing in (("下一步，我局将继续争取上级资金，也欢迎您继续提出宝贵意见。", "也欢迎您"),
                          ("今后，我们将认真吸纳您的建议，衷心感谢您对交通工作的关心。", "衷心感谢")):
        text = f"罗斌代表：\n你提出的建议收悉，现答复如下：\n今年已硬化村道12公里。\n{last}\n县交通运输局\n2023年6月1日"
        doc = parse(text)
        assert [u.kind for u in doc.units] == ["opening", "item", "next-step", "closing"], last
        assert doc.units[-1].text.startswith(closing), last
    # a plan word with nothing planned before the thanks: the whole sentence closes the letter
    text = "罗斌代表：\n你提出的建议收悉，现答复如下：\n已硬化村道12公里。\n今后，欢迎您继续监督指导。\n2023年6月1日"
    assert kinds(text) == ["opening", "item", "closing"]


def test_a_number_line_above_the_replys_title_and_the_answering_office_line_are_header() -> None:
    letter = "您提出的关于整治河道的建议收悉，现答复如下：\n今年已清淤河道8公里。\n感谢关心！\n"
    for head in ("第12号\n关于整治城区河道的建议的答复\n", "类别：A\n公开属性：主动公开\n答复单位：县水务局\n"):
        for who in ("", "罗斌代表：\n"):
            doc = parse(head + who + letter)
            assert [u.kind for u in doc.units] == ["header", "opening", "item", "closing"], head + who
            assert doc.units[0].text == head.strip(), head + who
    # a proposal's record above its text stays the proposal's
    record = parse("第12号\n提案人：罗斌\n内容：城区河道淤塞严重。建议尽快清淤。\n")
    assert [u.part for u in record.units] == ["proposal"] * len(record.units)


def test_a_column_named_table_stored_one_cell_a_line() -> None:
    text = (
        "提案号\n提案人\n内容\n承办单位\n第0456号\n何平\n关于增建城区公厕的提案。建议新建公厕20座。\n县城管局\n"
        "办理情况：\n何平委员：\n您提出的提案收悉，现答复如下：\n今年已新建公厕15座。\n感谢您的关心。\n"
    )
    doc = parse(text)
    assert [u.text for u in doc.suggestions] == ["建议新建公厕20座。"]
    assert doc.proposal[-1].text == "县城管局" and doc.metadata["提案人"] == "何平"
    assert [u.kind for u in doc.reply] == ["opening", "item", "closing"]
    # an answer column last: its value is the reply, running on below
    answered = parse(
        "建议号\n领衔代表\n建议内容\n承办单位\n办理情况\n第33号\n何平\n建议延长公交运营时间。\n县交通局\n"
        "您提出的建议收悉，现答复如下：\n已延长至晚上10点。\n感谢关心。\n"
    )
    assert [u.text for u in answered.suggestions] == ["建议延长公交运营时间。"]
    assert [u.kind for u in answered.reply] == ["opening", "item", "closing"]
    # each name above its own value (name, value, name, value…) is the record form it was
    pairs = parse("提案号\n12\n提案人\n王芳\n内容\n建议修路。\n承办单位\n县局\n")
    assert "提案号" not in pairs.metadata and [u.text for u in pairs.suggestions] == ["建议修路。"]
