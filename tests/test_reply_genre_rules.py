"""Hand-written replies to citizens' online messages (invented offices, people, places and figures) for the genre
rules of issue 14 read on the Teddy replies: each test is one rule a reader would state about official replies."""

from __future__ import annotations

import pytest

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


@pytest.mark.parametrize(
    "salutation",
    [
        "网友“QK2201”　　", "“QK2201”：", "网友：", "尊敬的网友：", "各位网友：", "“晨风”网友：", "QK2201网友：",
        "网友_“QK2201”　　",
    ],
)
def test_a_reply_to_a_net_user_addresses_the_user(salutation: str) -> None:
    text = (
        f"{salutation}您好！您的留言已收悉。现将办理情况回复如下：　　经查，该路段路灯已于3月修复。"
        "　　感谢您对我们工作的支持！2021年3月9日"
    )
    doc = parse(text)
    assert [u.kind for u in doc.units] == ["opening", "item", "closing"]
    assert all(u.part == "reply" for u in doc.units)
    assert doc.units[1].text.startswith("经查")


def test_a_greeting_alone_opens_a_reply_and_net_user_inside_a_sentence_is_no_address() -> None:
    assert units("您好，来信收悉，现回复如下：该小区的供水管网改造已列入今年计划。")[0] == ("opening", "您好，来信收")
    # a proposal that speaks of net users is still a proposal
    doc = parse("网友反映城区停车难问题突出。建议：一、增建停车场。二、推行错时停车。")
    assert not doc.reply


def test_the_greeting_after_the_salutation_is_the_openings_even_with_the_answer_on_its_line() -> None:
    text = (
        "“QK3302”：　　您好！为方便村民出行，镇政府已将该路段列入明年整修计划，力争年底前完工。"
        " 青山镇人民政府\xa02020.10.12"
    )
    assert units(text) == [("opening", "“QK330"), ("item", "为方便村民出"), ("closing", "青山镇人民政")]


def test_thanks_at_the_end_of_a_one_paragraph_answer_make_no_opening_of_it() -> None:
    text = (
        "网友：您好！关于来信所说的噪音扰民，因未写明具体楼栋，暂难以查证。请您补充楼栋号。"
        "感谢您对环保工作的关心。2020年5月6日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "关于来信所说"), ("closing", "感谢您对环保")]


def test_a_space_after_a_full_stop_inside_a_quotation_breaks_no_paragraph() -> None:
    text = (
        "各位网友：经查，依照《某某办法》第五条“渔船登记由船籍港所在地机关办理。 上级机关可以直接办理辖区内的登记。 "
        "对登记地有异议的，由共同上级机关确定。”此事不归我站办理，请向市渔政部门咨询。2020年7月2日"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]


def test_the_office_name_after_the_last_sentence_signs_the_letter_before_its_date() -> None:
    text = (
        "“QK4403”　　您好！您反映的问题已收悉，现回复如下：　　经研究，开通该公交线路的方案已报县政府审查，"
        "审查通过后即可开通。我们会加快工作进度。河西县交通运输局　　　　　　2020年9月16日"
    )
    assert units(text)[-1] == ("closing", "河西县交通运")
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]


def test_a_contact_inside_an_answers_sentence_is_the_answers_and_a_contact_sentence_closes() -> None:
    inside = (
        "网友：您好！函件收悉，现回复如下：经检测，该小区自来水各项指标合格。由于未能联系上来信人，暂无法入户复查，"
        "如今后再遇水质浑浊，可直接与水厂客服联系，联系电话0000-1234567。感谢您的信任与支持！2020年10月26日"
    )
    assert units(inside)[1:] == [("item", "经检测，该小"), ("closing", "感谢您的信任")]
    own = (
        "网友：您好！来信收悉，现回复如下：该路段已列入改造计划。如您还有相关问题，可向街道办王主任咨询，"
        "联系电话：0000-7654321。2020年4月29日"
    )
    assert units(own)[-1] == ("closing", "如您还有相关")
    no_phone = (
        "网友：您好！现回复如下：由于来信没有写明地址，我站难以上门查看，请您直接拨打服务站电话说明。感谢您的监督！"
    )
    assert units(no_phone)[1:] == [("item", "由于来信没有"), ("closing", "感谢您的监督")]


def test_thanks_after_a_comma_at_the_end_of_the_answer_start_the_closing() -> None:
    text = (
        "网友“QK5504”　　您好！您的留言已收悉。现将办理情况答复如下：　　关于增设公交站点的提议，我局会在"
        "明年线网调整时统筹考虑，感谢您对我们工作的关心。2020年2月5日"
    )
    assert units(text) == [("opening", "网友“QK5"), ("item", "关于增设公交"), ("closing", "感谢您对我们")]
    # thanks right after a short lead (同时，感谢…) close the reply from the sentence's start
    short = "网友：您好！现回复如下：该路段已修复。同时，感谢您对我们工作的关心。"
    assert units(short)[-1] == ("closing", "同时，感谢您")


def test_a_reply_stored_after_another_one_starts_at_its_salutation_after_the_date() -> None:
    text = (
        "网友：您反映的问题已转县市场监管局调查处理。2021年6月2日网友你好！关于你反映健身房停业不退会费的来信收悉，"
        "现将办理情况答复如下：经调查，该健身房已同意10日内按剩余课时退费。感谢你对市场监管工作的关心！2021年6月9日"
    )
    assert units(text) == [
        ("opening", "网友：您反映"), ("closing", "2021年6"), ("opening", "网友你好！关"),
        ("item", "经调查，该健"), ("closing", "感谢你对市场"),
    ]
    after_a_full_stop = (
        "网友：　　您好！现回复如下：　　该摊点已于6月3日被取缔。网友：　　您好，您的留言收悉，已转街道办事处处理。"
    )
    assert [k for k, _ in units(after_a_full_stop)] == ["opening", "item", "opening"]


def test_where_the_message_was_sent_is_the_openings_not_an_answer() -> None:
    for text in (
        "“QK6605”您好。你反映的情况已转县林业局。办理结果将及时反馈。2021年2月3日",
        "“QK6606”　　您好！您反映的问题已交园林所查看、办复，谢谢您的来信，祝您工作顺利。　　2021年4月1日",
        "您的留言已收悉，对您所说之事，已交县农业农村局核实处理。",
        "尊敬的网友：您好，您反映的问题已转交区卫健局核实处理。2021年5月8日",
    ):
        assert not parse(text).answers, text
    # an answer that says what was handed over where stays an answer
    done = "网友：您好！现回复如下：经核实，该项目已交付使用，小区道路已全部硬化。感谢您的关心！"
    assert units(done)[1] == ("item", "经核实，该项")


def test_thanks_for_the_message_and_an_announced_account_open_an_online_reply() -> None:
    thanks = (
        "“QK7707”您好！您的留言已收悉，感谢您对我市体育工作的关注与支持。全民健身中心选址已完成，"
        "明年春季开工建设。2020年9月7日"
    )
    assert units(thanks)[1] == ("item", "全民健身中心")
    announced = (
        "“QK7708”您好！我所根据您反映的公园座椅损坏的问题，对园内全部座椅进行了排查，具体情况如下："
        "1.损坏座椅共9张，已全部更换。2.游客发现设施损坏，可向园区管理处报告。感谢您的关注。"
    )
    assert [k for k, _ in units(announced)] == ["opening", "section", "section", "closing"]


def test_questions_answered_one_by_one_are_the_sections_of_a_reply() -> None:
    # 疑问一：…答：… each question with its answer is a numbered part of the answer
    text = (
        "网友：您好！留言已收悉，现回复如下：疑问一：路灯归哪个部门管理？答：由市城管局负责。"
        "疑问二：今后何时修复？答：本月底前修复。特此回复。2021年3月9日"
    )
    # (今后 in the user's question starts no plans)
    assert units(text) == [
        ("opening", "网友：您好！"), ("section", "疑问一：路灯"), ("section", "疑问二：今后"),
        ("closing", "特此回复。2"),
    ]
    # in a proposal, 问题一： is no list of a reply's questions
    doc = parse("关于加强路灯管理的建议 问题一：路灯损坏多。问题二：维修慢。建议：一、加强巡查。二、加快维修。")
    assert [u.kind for u in doc.units] == ["background", "suggestion", "suggestion"]


def test_a_list_nested_in_a_point_of_a_list_of_its_own_style_stays_in_that_point() -> None:
    # 一是… (the user's two requests: 一是…；二是…) … 二是…: the outer list goes on after the nested one
    text = (
        "网友：您好，来信已阅！一是责成该物业与您面谈，说明情况。物业反馈：经面谈，您提出两项诉求：一是更换楼道灯；"
        "二是清理楼顶杂物。对上述两项，物业承诺本周内完成。二是我站于6月8日上门回访，告知了处理进展。感谢来信！"
    )
    assert units(text) == [
        ("opening", "网友：您好，"), ("section", "一是责成该物"), ("section", "二是我站于6"), ("closing", "感谢来信！"),
    ]


def test_attachments_listed_after_the_closing_formula_belong_to_the_closing() -> None:
    text = (
        "2021年3月5日，某村村民来信反映宅基地确权问题，经我局核实，现回复如下：　　经查，该宅基地测绘时边界有误，"
        "已安排重新测量。特此回复!附：测量成果表一份2021年3月18日"
    )
    assert units(text)[-1] == ("closing", "特此回复!附")


def test_a_sentence_offering_a_number_to_call_closes_a_reply_to_a_net_user() -> None:
    text = (
        "“QK2201”您好！4月7日来信所说老年食堂就餐一事，现回复如下：社区老年食堂实行预约就餐的办法。"
        "就餐相关事宜，您可以致电0000-88881234社区服务中心咨询。感谢您的关心！2019年4月16日"
    )
    assert [k for k, _t in units(text)] == ["opening", "item", "closing"]
    assert units(text)[-1] == ("closing", "就餐相关事宜")
    # stacked after a forwarding note: the thanks and the number to call are its closing, not an answer
    text = (
        "网友：　　您好！您的留言转由我单位办理，现回复如下：　　该违建棚屋已于6月3日被拆除。网友：　　您好，"
        "您的留言收悉，已于2021年5月20日转交区城管局办理。谢谢您对我们工作的理解和支持！"
        "您也可以拨打区城管局电话0000-1112222，咨询了解有关具体情况。"
    )
    assert [k for k, _t in units(text)] == ["opening", "item", "opening", "closing"]
    # a number inside the answer's sentence is the answer's
    doc = parse("网友：您好！经查，该路段已由县交通局修复，施工安排可拨打0000-1112222查询，目前已恢复通行。")
    assert [u.kind for u in doc.units] == ["opening", "item"]


def test_the_signature_run_into_the_date_closes_a_reply_to_a_net_user() -> None:
    text = (
        "网友“晨风”　　您好！来信收悉。现回复如下：　　感谢关注县图书馆的服务，近期因系统迁移，借阅记录暂不能查询。"
        "县图书馆正在调试新系统，敬请持续关注！　　 县图书馆2021年5月29日"
    )
    assert units(text) == [("opening", "网友“晨风”"), ("item", "感谢关注县图"), ("closing", "县图书馆20")]
    # a formal reply under its own title: the signature with a digit in its name (F6县…办公室) and the date
    text = (
        "关于某街道垃圾清运不及时一帖的回复　　关于网友在平台发帖反映某街道垃圾清运不及时的来信收悉，"
        "现将相关情况回复如下：　　"
        "1、该街道已增加清运车2台。　　2、清运时间调整为每日两次。　　"
        "感谢您对我县工作的理解与支持！ F6县环境卫生管理办公室2015年7月8日"
    )
    assert units(text)[-1] == ("closing", "感谢您对我县")


def test_the_receipt_note_stored_after_the_date_of_a_reply_is_its_closing() -> None:
    text = (
        "网友“QK2201”：您好！现就您关心的事项作如下回复：一、该补助标准由市里统一确定。二、逾期未申报的不能补发。"
        "2021年3月2日您的留言已经收到！已转有关单位办理，办理结果将及时告知，谢谢您的来信！"
    )
    assert units(text) == [
        ("opening", "网友“QK2"), ("section", "一、该补助标"), ("section", "二、逾期未申"), ("closing", "2021年3"),
    ]


def test_a_paragraph_after_points_of_one_paragraph_each_is_an_answer_paragraph_of_its_own() -> None:
    text = (
        "“QK2201”：　　你好，现就你反映的补贴发放问题回复如下：　　1、有文件依据。县里办法明确规定了发放标准。"
        "　　2、按季发放，防止重复领取。　　截至目前，我们一直严格按办法执行。　　感谢你的监督！2013年8月5日"
    )
    assert [k for k, _t in units(text)] == ["opening", "section", "section", "item", "closing"]
    # points with a heading line and a body paragraph each: the paragraph after a heading is its body
    text = (
        "“QK2201”：　　你好，现回复如下：　　1、楼顶漏水的问题。　　维修费用由专项维修资金列支。"
        "　　2、电梯噪音的问题　　该电梯已更换曳引机。　　感谢你的监督！2013年8月5日"
    )
    assert [k for k, _t in units(text)] == ["opening", "section", "section", "closing"]


def test_the_answer_of_another_office_announced_as_forwarded_below_ends_the_opening() -> None:
    # 现将其回复转载如下： the opening's announcement even when the page ends after it
    text = "尊敬的网友：　　您好！来信事项本办已交某乡政府核查办理，现将其回复转载如下："
    assert [k for k, _t in units(text)] == ["opening"]
