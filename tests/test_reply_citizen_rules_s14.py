"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s14-teddy, read on the errors of held_out_6 and held_out_4 (development text) and on the misses
noted by earlier rounds: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_reply_stored_after_the_date_of_another_may_open_with_the_greeting_alone() -> None:
    text = (
        "网友“QK5501”您好！您的留言已收悉。现将有关情况回复如下：新站台将于6月启用。感谢您的支持！2020年5月3日"
        "您好！非常感谢您对公交集团的关注。新站台已完成验收，6月起停靠三条线路。再次感谢您的理解和支持！"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing", "opening", "item", "closing"]
    assert units(text)[3] == ("opening", "您好！非常感")
    assert units(text)[4] == ("item", "新站台已完成")
    # a greeting inside the answer, after no date, starts no reply
    inside = "网友：您好！您的留言已收悉。现将有关情况回复如下：工作人员上门时说了您好，并登记了情况。感谢您的支持！"
    assert [k for k, _ in units(inside)] == ["opening", "item", "closing"]


def test_now_giving_the_office_s_reply_with_a_colon_ends_the_opening() -> None:
    text = (
        "“QK7702”：您好！您反映的问题已转青石乡人民政府核查、办复，感谢您的留言。2020年3月2日"
        "你好！我是青石乡人民政府工作人员，现将青石村道路硬化情况的回复：1、道路基本情况。该路长2公里。"
        "2、硬化的安排。乡政府已申报改造项目。"
    )
    kinds = units(text)
    assert kinds[2] == ("opening", "你好！我是青")
    assert [k for k, _ in kinds[3:]] == ["section", "section"]


def test_a_net_user_addressed_as_a_friend_with_thanks_before_the_answer() -> None:
    text = (
        "网友朋友：　　你好！首先感谢你关心、关注、支持本市的发展。你所提的补贴问题涉及人才、就业和财政等多方面政策，"
        "我们会积极向上级反映。谢谢。2020年4月6日"
    )
    doc = parse(text)
    assert doc.reply is not None
    assert [(u.kind, u.text[:6]) for u in doc.units] == [
        ("opening", "网友朋友：　"),
        ("item", "你所提的补贴"),
        ("closing", "谢谢。202"),
    ]


def test_asking_the_writer_to_excuse_the_trouble_starts_the_closing() -> None:
    text = (
        "网友“QK6603”　　您好！您的留言已收悉。现将办理情况回复如下：　　新区至车站暂可乘坐905路，新线路仍在规划。"
        "给您带来的不便敬请谅解！感谢您对我们工作的关心。2020年11月8日"
    )
    assert units(text)[-1] == ("closing", "给您带来的不")
    # the trouble the public had, owned inside the answer, stays the answer's
    public = (
        "网友：您好！您的留言已收悉。现将有关情况回复如下：　　站场建成后车辆将入站停放，现停放点属临时措施，"
        "由此给市民带来的不便，敬请谅解。　　县交通运输局 2020年6月12日"
    )
    assert units(public)[1][0] == "item" and units(public)[-1] == ("closing", "县交通运输局")


def test_if_there_are_still_questions_starts_the_closing_as_if_there_are_questions_does() -> None:
    text = (
        "网友：您好！依照本县助学办法，中职学生每学期资助标准为一档1000元，二档600元。同一学年最多资助两次。"
        "如还有疑问，可以向我局咨询。2020年3月8日"
    )
    assert units(text)[-1] == ("closing", "如还有疑问，")
    # with no address, in a reply stored before another one
    bare = (
        "依照本县助学办法，中职学生每学期资助标准为一档1000元，二档600元。同一学年最多资助两次。"
        "如还有疑问，可电话咨询（0000-8800123）。2020年3月8日网友：您好！来信已收到并转主管单位核实办理。"
        "2020年3月7日"
    )
    assert [k for k, _ in units(bare)] == ["item", "closing", "opening", "closing"]
    assert units(bare)[1] == ("closing", "如还有疑问，")


def test_the_next_number_of_the_list_ends_a_plan_sentence_inside_a_numbered_part() -> None:
    text = (
        "“QK5150”你好！来信所说情况已知悉。7月9日，站里派人到河边进行了查看。查看发现：1、河岸有几处村民自建码头，"
        "多为木质结构。2、这些码头大多闲置，船只已不再停靠。3、码头修建时尚无岸线管理规定。下一步我们将逐个核对，"
        "报请水利部门一并认定后处理。4、对于岸边杂物堆放的问题，将安排人员清运。感谢您对我站工作的关注与支持！2020年7月20日"
    )
    got = units(text)
    assert [k for k, _ in got] == [
        "opening", "item", "section", "section", "section", "next-step", "section", "closing",
    ]
    assert got[6] == ("section", "4、对于岸边")
    # the plans listed inside a 下一步 sentence of a numbered part (一是…二是…) stay in it
    listed = (
        "“QK5150”你好！来信所说情况已知悉。查看发现：1、码头多为木质结构。2、码头大多闲置。"
        "下一步我们将做好两项工作：一是逐个核对；二是统一拆除。感谢您的支持！2020年7月20日"
    )
    assert [k for k, _ in units(listed)] == ["opening", "item", "section", "section", "next-step", "closing"]


def test_a_thanks_clause_running_on_from_the_opening_before_the_answer_is_the_opening_s() -> None:
    announced = (
        "网友：您提出的关于农机购置补贴发放时间的问题已收悉。现答复如下： 十分感谢您关注我站的工作，"
        "按照本省农机补贴实施方案，补贴资金在核验后60日内发放。再次感谢您对我站工作的关心。2020年11月27日"
    )
    assert units(announced)[1] == ("item", "按照本省农机")
    greeted = (
        "“QK6390”　　您好！感谢对园林绿化工作的支持，更换行道树种需经论证、公示等程序，年内无法实施。感谢您的关注！"
    )
    assert [k for k, _ in units(greeted)] == ["opening", "item", "closing"]
    assert units(greeted)[1] == ("item", "更换行道树种")
    # a paragraph of its own that opens with thanks and goes on with the answer is the answer's
    own = (
        "网友“QK31”　　您好！来信收悉。现回复如下：　　感谢关注县博物馆的展览，近期因展柜维修，部分展区暂停开放。"
        "县博物馆正在抓紧维修展柜。　　县博物馆2020年5月29日"
    )
    assert units(own)[1] == ("item", "感谢关注县博")


def test_after_the_date_an_opening_announcing_the_answer_starts_another_reply() -> None:
    one_sentence = (
        "“QK2014”：您好，您反映的问题已转交县市场监管局核实、办复。2020年7月11日您于2020年7月10日在网上反映的"
        "“停车场超时乱收费”一事，我局十分重视并派人进行了核实，现答复如下：　一、公共停车场收费实行政府定价。"
        "　二、我局已责令经营者退还多收费用。"
    )
    got = units(one_sentence)
    assert [k for k, _ in got] == ["opening", "closing", "opening", "section", "section"]
    assert got[2] == ("opening", "您于2020")
    two_sentences = (
        "“QK477”：您好！您反映的问题已转青山镇人民政府核查、办复，感谢您的留言。2020年3月26日青山镇党委、政府高度重视，"
        "组织镇农办对所反映的问题进行核查。现将有关情况汇报如下：　一、基本情况　该路修建于三十年前。"
        "　二、处理情况　镇交通办已组织修复路面。"
    )
    got = units(two_sentences)
    assert [k for k, _ in got[:3]] == ["opening", "closing", "opening"] and got[2] == ("opening", "青山镇党委、")
    # a date inside a sentence of the answer starts nothing
    inside = (
        "网友：您好！您的留言已收悉。现将有关情况回复如下：该路段于2020年3月26日开工，施工单位的进度情况说明如下："
        "一是完成路基；二是完成排水。感谢您的关注！"
    )
    assert [k for k, _ in units(inside)].count("opening") == 1


def test_a_first_sentence_after_the_greeting_that_already_answers_ends_the_opening_there() -> None:
    text = (
        "“QK2004”您好！如您的社保仍在本县参保，您在外地生育的费用可以在本县报销。为方便您办理，现将报销所需材料告知如下："
        "（一）参保人身份证；（二）出院小结；（三）费用结算单。2020年11月7日"
    )
    got = units(text)
    assert got[0] == ("opening", "“QK200") and got[1] == ("item", "如您的社保仍")
    # a first sentence about the message (a quoted question in it too) stays the opening's
    about = (
        "网友：您提出的关于“补贴为什么有的5年，有的3年呢？”的问题已收悉。现答复如下：补贴期限最长不超过3年。"
        "感谢您的关心。2020年11月27日"
    )
    assert units(about)[:2] == [("opening", "网友：您提出"), ("item", "补贴期限最长")]
    handled = (
        "“QK5”您好！我局对此高度重视，立即组织人员进行了调查。现将有关情况回复如下：该店已停止占道经营。感谢您的监督！"
    )
    assert units(handled)[1] == ("item", "该店已停止占")


def test_after_the_announced_answer_a_further_details_as_follows_is_the_answer_s_lead_in() -> None:
    text = (
        "网友：您好，留言收悉，现回复如下：经调查核实，当天共抽检5家药店，合格4家，详细情况如下：药店甲，检查不合格，"
        "原因为处方药未凭处方销售。药店乙，检查合格。感谢您的监督！"
    )
    assert units(text)[:2] == [("opening", "网友：您好，"), ("item", "经调查核实，")]


def test_a_list_numbered_from_two_after_an_un_numbered_first_part_is_the_answer_s_list() -> None:
    text = (
        "网友：您好，留言收悉，现回复如下：经核实，该批次桶装水两次抽检均合格，生产过程记录完整。"
        "二、水厂基本情况厂区设备和管道均按卫生规范配置，并经卫生部门验收。三、关于送水工态度的问题经调取通话录音，"
        "送水工用语基本文明。四、关于送水时间的问题经调取派单记录，送达时间符合约定。感谢您的监督！"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "section", "section", "section", "closing"]
    assert units(text)[2] == ("section", "二、水厂基本")
    # two numbers from 二 make no list
    two = "网友：您好，留言收悉，现回复如下：该路段已修复。二、绿化将于年中完成。三、路灯将于年底安装。感谢您的监督！"
    assert "section" not in [k for k, _ in units(two)]


def test_a_note_in_brackets_after_a_sentence_of_the_answer_is_that_sentence_s() -> None:
    text = (
        "网友你好：你说的事情，我们已知悉。经核对，你所说的合作社注册在东湖镇，其业务主管单位为镇农技站，"
        "你可向镇农技站咨询补贴标准。（镇农技站联系电话：0000-1234567）。2020年10月11日"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]
    assert units(text)[-1] == ("closing", "2020年1")
    # after the thanks, the contact note is the closing's
    thanks = (
        "网友你好：你说的事情，我们已知悉。经核对，该合作社注册在东湖镇。感谢你的关注。（联系电话：0000-1234567）。"
        "2020年10月11日"
    )
    assert units(thanks)[-1] == ("closing", "感谢你的关注")


def test_a_text_that_opens_by_thanking_the_writer_is_a_reply_with_the_thanks_its_opening() -> None:
    text = (
        "首先，感谢您对本县养殖事业的关心和支持，更感谢您对我们工作提出的宝贵意见。 　　今年补贴暂时不能发放的原因是："
        "上次发放时实际头数与结账头数不一致，部分资金短缺。目前审核工作还有一周左右结束，补贴在5月底前发放到户。"
    )
    doc = parse(text)
    assert doc.reply is not None
    assert [(u.kind, u.text[:6]) for u in doc.units] == [("opening", "首先，感谢您"), ("item", "今年补贴暂时")]
    # the thanks with an appraisal of the proposal after them in their paragraph: the whole paragraph is the opening
    labelled = (
        "答复内容：\n首先，非常感谢您对本市工业转型的关注。您指出的问题非常准确，提出的建议具有建设性意义。\n"
        "一、制定改造方案\n市政府已印发三年改造方案。"
    )
    got = [(u.kind, u.text[:6]) for u in parse(labelled).units if u.part == "reply"]
    assert got[0] == ("opening", "首先，非常感") and got[1] == ("section", "一、制定改造")


def test_a_date_on_its_own_line_between_two_answers_ends_the_first_reply() -> None:
    text = (
        "关于《城南出租车计价器不准》的回复　　首先，非常感谢市民反映计价器不准的问题，感谢对我局工作的关心和支持！"
        "　　接到投诉次日，我局即安排计量人员对该线路出租车的计价器进行抽检，共抽检计价器12台，误差均在允许范围内。"
        "也欢迎广大市民监督我局的计量工作。　　2020年2月26日"
        "　　我所于2020年2月23日收到转来的投诉，次日上午即派计量人员到出租车公司抽检计价器，12台计价器均符合规定。"
        "　　另外，乘客对计费有疑问的，可索要票据后向客运管理部门反映。　　2020年2月25日"
    )
    got = units(text)
    assert [k for k, _ in got] == ["header", "opening", "item", "closing", "item", "item", "closing"]
    assert got[3] == ("closing", "也欢迎广大市") and got[4] == ("item", "我所于202")
    # lines of the closing after the date stay the closing's
    copied = (
        "王明代表：　　您提出的建议收悉，现答复如下：　　我局已将该路段列入明年的改造计划，资金已落实。"
        "　　市交通运输局　　2020年6月5日　　抄送：市政府办公室，市人大常委会人事代表工作委员会，县交通运输局。"
    )
    assert units(copied)[-1] == ("closing", "市交通运输局")


def test_to_a_net_user_a_numbered_part_about_the_next_steps_is_a_section() -> None:
    text = (
        "网友：您好！您的留言已收悉。现将办理情况回复如下：　　一、基本情况　　该企业已于5月停产整顿。"
        "　　二、处理情况　　执法大队已对其处以罚款。　　三、下一步工作　　我局将每月对该企业进行一次检查。"
        "　　感谢您的监督！"
    )
    got = units(text)
    assert [k for k, _ in got] == ["opening", "section", "section", "section", "closing"]
    assert got[3] == ("section", "三、下一步工")
    # in a formal reply to a deputy the numbered plans stay a next-step unit
    formal = (
        "王明代表：　　您提出的关于加强企业监管的建议收悉，现答复如下：　　一、基本情况　　该企业已于5月停产整顿。"
        "　　二、下一步工作　　我局将每月对该企业进行一次检查。　　感谢您对我们工作的支持。"
    )
    assert ("next-step", "二、下一步工") in units(formal)
