"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s12-teddy, read on the errors of the fourth held-out Teddy sample (now development text), and of
session s13-teddy, read on the fifth (held_out_5, now development text): each test is one rule a reader would
state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_reply_stored_after_another_starts_at_a_respectful_or_citizen_address_after_the_date() -> None:
    respectful = (
        "“QK7701”您好！您通过平台的留言收悉，已转市交通局予以答复，谢谢！2020年3月5日尊敬的“晚风”网友：您好！"
        "您的留言收悉，现回复如下：该线路将于4月延长至新区。2020年3月9日"
    )
    kinds = [k for k, _ in units(respectful)]
    assert kinds == ["opening", "closing", "opening", "item", "closing"]
    assert units(respectful)[2] == ("opening", "尊敬的“晚风")
    citizen = (
        "网友：您好，您的留言已转县住建局办理。2020年4月2日网民朋友：你好。贵帖已收悉。车位划定需统一规划，"
        "不能一次完成。祝好。2020年4月6日"
    )
    assert [k for k, _ in units(citizen)] == ["opening", "closing", "opening", "item", "closing"]


def test_a_bare_user_id_with_a_colon_and_the_letter_writer_are_addressed() -> None:
    bare = "QK0012345：　　根据县里的安排，河堤步道将于年底完工。　　感谢您的关心和支持。"
    assert [k for k, _ in units(bare)] == ["opening", "item", "closing"]
    writer = (
        "写信人：　　您好！　　您于5月2日来信反映小区停水的问题，现回复如下：　　供水公司已于5月3日修复管道。"
        "　　感谢您的监督。"
    )
    assert units(writer)[0][0] == "opening" and units(writer)[1] == ("item", "供水公司已于")
    # a code with a colon inside a sentence of an answer addresses nobody
    assert parse("经查，编号AB1234：该车辆已年检合格。").units[0].kind != "opening"


def test_good_wishes_and_the_hope_that_the_public_keep_watching_start_the_closing() -> None:
    wish = (
        "网友“QK2202”　　您好，谢谢您的留言！　　桥头村的路我前年去过，以后有机会一定再去。"
        "　　祝愿桥头村的发展越来越好！张明 2020年7月6日"
    )
    assert units(wish)[-1] == ("closing", "祝愿桥头村的")
    hope = (
        "网友：你好。现回复如下。目前主干道宽度不足，不能设置停车位，我队将依法处理违停。"
        "　　希望广大群众继续对我队工作进行监督。2020年4月8日"
    )
    assert units(hope)[-1] == ("closing", "希望广大群众")
    short = "网友：你好。车位划定需统一规划，不能一次完成。祝好。2020年4月6日"
    assert units(short)[-1] == ("closing", "祝好。202")


def test_a_sentence_giving_only_whom_to_call_and_the_number_closes_a_reply() -> None:
    office = "“QK3301”您好！根据本市医保办法第二十条，退休人员的医保待遇由经办机构核定。　　市医保处0731-8800123。"
    assert units(office)[-1] == ("closing", "市医保处07")
    ask = (
        "网友“QK4401”　　您好，您的留言已收悉。现将办理情况回复如下：　　您可到居住地社区办理认证。"
        "　　如有更多需要咨询的，请您联系市社保局管理科，电话0731-8800456。"
    )
    assert units(ask)[1:] == [("item", "您可到居住地"), ("closing", "如有更多需要")]
    # a number inside the answer's own sentence stays the answer's
    inside = "网友：您好！该路段的维修由城建公司负责，公司已于3月2日开工，电话0731-8800789可查进度。"
    assert units(inside)[-1][0] == "item"


def test_after_an_announced_answer_a_paragraph_speaking_to_the_net_user_is_the_answer() -> None:
    text = (
        "网友“QK4402”　　您好，您的留言已收悉。现将有关情况回复如下：　　您反映的路灯问题，我局已派人检修。"
        "　　路灯维护由街道统一负责。　　感谢您的支持！"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "item", "closing"]
    # a formal reply to a deputy still reads such a paragraph as appraising the proposal
    formal = (
        "王明委员：　　您提出的建议收悉，现答复如下：　　您提出的建议很有价值。　　我局已将其列入计划。"
        "　　感谢您的关心！"
    )
    assert [k for k, _ in units(formal)] == ["opening", "opening", "item", "closing"]


def test_the_receipt_known_to_the_office_ends_the_opening() -> None:
    text = (
        "“QK5501”您好！您通过平台反映的“关于某路口红绿灯时长的问题”，我局知悉。针对该问题我局已安排技术人员重新"
        "测算配时。感谢您对交通工作的关心！"
    )
    assert units(text) == [("opening", "“QK550"), ("item", "针对该问题我"), ("closing", "感谢您对交通")]


def test_the_greeting_line_and_the_replys_title_after_the_address_are_the_opening() -> None:
    text = (
        "“QK8801”　　你好！　　关于《某街某店油烟扰民的投诉》一贴的回复　　我镇接到交办件后，派员到店里查看，"
        "要求店主加装净化器。　　非常感谢网友对餐饮油烟治理的关注。　　2020年8月4日"
    )
    assert units(text) == [("opening", "“QK880"), ("item", "我镇接到交办"), ("closing", "非常感谢网友")]


def test_an_announcement_with_a_quoted_title_holding_an_exclamation_ends_the_opening() -> None:
    text = (
        "你好！关于 “某菜市场为何总是漏水！”帖子中提到的有关问题，具体情况如下：1.今年3月起，市场已更换顶棚。"
        "2.2020年春节前，排水沟全部疏通。2020年1月8日"
    )
    assert units(text) == [
        ("opening", "你好！关于 "), ("section", "1.今年3月"), ("section", "2.2020"), ("closing", "2020年1"),
    ]


def test_an_item_number_followed_by_a_year_after_a_sentence_end_is_the_item_number() -> None:
    text = (
        "“QK7702”　您好！现就您反映的问题回复如下：1.2016年本县被选为试点县，志愿者按合同服务三年。"
        "2.《服务合同》第三条规定了考核合格者的待遇。2020年7月29日"
    )
    assert [k for k, _ in units(text)] == ["opening", "section", "section", "closing"]
    # a decimal inside a sentence is no item number
    assert [k for k, _ in units("网友：您好！该项目投资增长了1.2016年以来累计投入三亿元。")] == ["opening", "item"]


def test_a_brigade_signs_a_reply_run_into_its_date() -> None:
    text = (
        "网友“QK9901”　　您好！来信收悉。现回复如下：　　我大队已派员到现场调查，责令几家歌厅降低音量。"
        "　　感谢您对我们工作的理解和支持！某县城管执法大队2020年9月23日"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]


def test_the_summing_up_of_the_reply_starts_the_closing_with_the_thanks_after_it() -> None:
    company = (
        "网友：　　您好！该管线为燃气中压干管迁改工程，正在施工。　　以上是本公司对来信的回复，望您满意，"
        "若仍有不明可与我们联系（电话：0000-88001234），感谢您的关注！2020年2月27日"
    )
    assert units(company)[-1] == ("closing", "以上是本公司")
    short = (
        "网友“QK1101”您好！该办法第十四条规定了见义勇为人员的抚恤。以上回复，望您理解，"
        "感谢您对民政工作的支持。2020年1月31日"
    )
    assert units(short)[-1] == ("closing", "以上回复，望")


def test_that_the_office_has_passed_the_message_on_is_the_openings() -> None:
    text = (
        "网民朋友：你好。贵帖文已收悉。我办已将你所说之事交办至相关部门研究。 公交站台迁移要综合考虑客流，分步实施。"
        "祝好。2020年4月23日"
    )
    assert units(text) == [("opening", "网民朋友：你"), ("item", "公交站台迁移"), ("closing", "祝好。202")]


def test_the_net_user_addressed_with_a_comma_before_the_greeting() -> None:
    alone = "网友，你好！　　林权登记已整体移交至自然资源部门，具体事项请向县自然资源局询问。"
    doc = parse(alone)
    assert doc.reply and [u.kind for u in doc.units] == ["opening", "item"]
    stacked = (
        "网友：你好！该卡已停止办理，可改办电子卡。2020年1月30日网友，你好！ 你询问的事项，我们已转交水务部门。"
        "2020年1月30日"
    )
    assert [k for k, _ in units(stacked)] == ["opening", "item", "closing", "opening", "closing"]


def test_thanks_and_an_apology_before_the_answer_open_it_and_an_apology_before_the_thanks_closes_it() -> None:
    first = (
        "“QK8207”您好！首先感谢您对图书馆工作的关心与支持！同时也对馆内座位不足给您带来的不便表示抱歉。"
        "新阅览区扩建正在进行，您说的问题已要求承建方一并解决。2020年6月25日"
    )
    assert units(first) == [("opening", "“QK820"), ("item", "新阅览区扩建"), ("closing", "2020年6")]
    last = (
        "网友“QK6617”　　您好！您的留言已收到，现就您所说的事回复如下：　　我镇已经开始了自来水主管更换工程，"
        "预计月底完工。　　施工带来的不便我们深表歉意！谢谢您对我镇工作的理解！　　某镇人民政府　　2020年2月5日"
    )
    assert units(last)[1:] == [("item", "我镇已经开始"), ("closing", "施工带来的不")]


def test_thanks_before_the_date_and_the_platforms_receipt_note_start_the_closing() -> None:
    text = (
        "网友：您好！该路口的隔离栏已修复，碎石已清走。再次感谢您对我市工作的关心和支持。2020年5月23日"
        "您的留言已经收到！已交有关单位办理，结果将及时告知，谢谢您的来信！"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "该路口的隔离"), ("closing", "再次感谢您对")]


def test_numbered_parts_each_opening_a_paragraph_are_parts_of_the_answer_even_ending_in_semicolons() -> None:
    text = (
        "“QK1445”　　您好！　　您的来信已收悉，现回复如下：　　一、基本情况：　　该菜场紧邻两所学校。"
        "　　二、拥堵的原因：　　1、早市摊位外溢，占用车道；　　2、接送车辆临停，占用车道；　　3、货车卸货时占道。"
        "　　三、缓解拥堵的措施：　　1、划定摊位界线；　　2、设立临停区域；　　3、错开卸货时段。"
        "　　感谢您的监督！　　2020年9月1日"
    )
    starts = [t for k, t in units(text) if k in ("section", "item")]
    assert starts == ["一、基本情况", "二、拥堵的原", "1、早市摊位", "2、接送车辆", "3、货车卸货", "三、缓解拥堵",
                      "1、划定摊位", "2、设立临停", "3、错开卸货"]
    # a list inside one sentence after words of that sentence is numbered like any other list: its numbers are
    # the sections, its lead-in an item
    inline = "网友：您好！我局出台了两项政策：1.《停车管理办法》；2.《收费标准》。感谢您的关注！"
    assert [k for k, _ in units(inline)] == ["opening", "item", "section", "section", "closing"]


def test_the_lead_paragraph_before_numbered_paragraphs_is_an_item_of_its_own() -> None:
    text = (
        "网友：　　您好！社区托管班按成本收费。　　为把托管班办得更好，社区作如下调整：　　1、每月召开家长会，"
        "收集家长建议。　　2、增配一名专职老师。　　感谢您的关心与支持！"
    )
    assert units(text)[1:] == [
        ("item", "社区托管班按"), ("item", "为把托管班办"), ("section", "1、每月召开"), ("section", "2、增配一名"),
        ("closing", "感谢您的关心"),
    ]


# -- session s13-teddy: rules read on held_out_5 (now development text), each on invented text ---------------------


def test_an_item_number_followed_by_a_date_at_a_paragraph_start_is_a_number() -> None:
    text = (
        "网友：您好！来信收悉，现回复如下：　　1、3月29日，社区组织全体网格员培训，三名人员请假缺席。"
        "　　2、关于换岗的问题：因片区调整重新分工。　　感谢您的关注！"
    )
    assert units(text)[1:3] == [("section", "1、3月29"), ("section", "2、关于换岗")]
    # inside a sentence the same figures are dates (在1、3月…)
    dates = "网友：您好！我局在1、3月29日两次检查。感谢您的关注！"
    assert [k for k, _ in units(dates)] == ["opening", "item", "closing"]


def test_an_inline_list_that_starts_its_numbering_again_is_a_new_list_with_its_lead_in_an_item() -> None:
    text = (
        "网友：您好！来信收悉，现回复如下：依照《规定》第四条：申办证照的，须带齐以下材料：（一）户口簿；（二）租房"
        "合同。窗口当场受理。第六条  凡属下列情况之一的，不予办理：（一）材料伪造的；（二）房屋为违建的。2019年11月7日"
    )
    assert [u for u in units(text) if u[0] in ("section", "item")][-5:] == [
        ("section", "（一）户口簿"), ("section", "（二）租房合"), ("item", "第六条  凡"), ("section", "（一）材料伪"),
        ("section", "（二）房屋为"),
    ]


def test_a_list_run_inside_a_paragraph_ends_with_it_after_a_run_of_spaces_too() -> None:
    text = (
        "网友：　　您好！来信收悉，现回复如下：　　经调解，双方未签协议。工作人员已告知维权途径："
        "一、如护坡垮塌，由当事人负责清除。二、如拒绝清除，可通过诉讼处理。　　在处理过程中，镇主席并未参与协调。"
        "　　特此回复。某某镇人民政府"
    )
    assert units(text)[1:] == [
        ("item", "经调解，双方"), ("section", "一、如护坡垮"), ("section", "二、如拒绝清"), ("item", "在处理过程中"),
        ("closing", "特此回复。某"),
    ]


def test_the_office_name_ending_the_text_signs_it_with_no_date() -> None:
    text = (
        "网友：您好！来信收悉，现回复如下：经核实，该路段已修复，费用由财政承担。我局将继续做好养护工作。"
        "某某县交通运输局"
    )
    assert units(text)[-1] == ("closing", "某某县交通运")


def test_a_summing_up_of_the_answer_starts_the_closing_whatever_follows() -> None:
    text = (
        "网友：您好！来信收悉，现回复如下：经核实，该路段已修复，费用由财政承担。以上是对来信的答复，如有不明请致电"
        "0000000。欢迎广大群众积极参与道路养护。2019年5月14日"
    )
    assert units(text)[1:] == [("item", "经核实，该路"), ("closing", "以上是对来信")]


def test_the_receipt_and_what_was_done_to_look_into_it_are_the_opening() -> None:
    text = (
        "网友：您好！收到您反映的洗车店污水外排问题，我局高度重视，当即安排执法人员进行现场调查核实。"
        "经查，该店未接入市政污水管网。2019年5月8日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "经查，该店未"), ("closing", "2019年5")]
    handed = (
        "网友您好：在接悉您反馈的情况后，交办乡政府调查有关问题回复：渡口夜班船已经停开，近期无法恢复。"
        "2018年5月25日"
    )
    assert units(handed)[1] == ("item", "渡口夜班船已")
    after_receipt = "网友：你好，你说的情况已收悉，我局十分重视，责成有关单位调查处理此事。经了解，C段施工已结束。"
    assert units(after_receipt)[1] == ("item", "经了解，C段")
    # a sentence that goes on to the answer after the inquiry is the answer's
    answered = "网友：您好！收到您的来信后，我局立即进行了调查处理，问题已解决。感谢您的关注！"
    assert units(answered)[1] == ("item", "收到您的来信")
    found = "网友：你好，来信收悉。我局高度重视，经调查核实，该路段确有破损，已安排维修。感谢你的关注！"
    assert units(found)[1] == ("item", "我局高度重视")


def test_a_reply_stored_after_another_may_address_a_citizen_by_a_masked_surname() -> None:
    text = (
        "“UU0081646”您好！来信已收到，已交主管单位答复，谢谢！2019年6月5日H先生：您好！关于您询问的医保报销比例"
        "回复如下：今年报销比例与去年一致。感谢您的来信！2019年6月10日"
    )
    assert [k for k, _ in units(text)] == ["opening", "closing", "opening", "item", "closing"]
    assert units(text)[2] == ("opening", "H先生：您好")


def test_a_list_inside_a_numbered_section_with_a_body_of_its_own_stays_inside_it() -> None:
    text = (
        "网友：您好！来信收悉，现回复如下：一、关于摊位调价的问题。经过调查，决定明年对摊位调价。其理由："
        "1、租金低廉。十年前所定租金很低。2、维修费用逐年增加。二、关于市场卫生的问题。已安排专人保洁。感谢您的关注！"
    )
    assert units(text)[1:] == [("section", "一、关于摊位"), ("section", "二、关于市场"), ("closing", "感谢您的关注")]
    # under a heading of a few words the list is the heading's parts, sections too (ANNOTATION: （一） under 一、);
    # a numbered heading right after 现回复如下： is the answer's first part, not the opening's
    heading = (
        "网友：您好！来信收悉，现回复如下：一、调价理由：1、租金低廉。2、维修费用增加。二、市场卫生。已安排专人保洁。"
    )
    sections = [t for k, t in units(heading) if k == "section"]
    assert sections == ["一、调价理由", "1、租金低廉", "2、维修费用", "二、市场卫生"]
