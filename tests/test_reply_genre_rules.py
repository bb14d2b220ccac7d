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
        f"{salutation}您好！您的留言已收悉。现将有关情况回复如下：　　经查，该路段路灯已于3月修复。"
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
        "网友：您好！关于您反映的问题，因没有说明具体地点，暂无法核实。建议您补充地址。"
        "感谢您对城管工作的关心。2020年5月6日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "关于您反映的"), ("closing", "感谢您对城管")]


def test_a_space_after_a_full_stop_inside_a_quotation_breaks_no_paragraph() -> None:
    text = (
        "各位网友：经查，根据《某某条例》第八条“案件由用工所在地的部门管辖。 上级部门可以调查下级部门管辖的案件。 "
        "管辖发生争议的，报请共同的上一级部门指定。”我局没有管辖权，建议向上级部门反映。2020年7月2日"
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
        "网友：您好！函件收悉，现回复如下：经测试，该村通话和上网均正常。因无法联系当事人，无法进一步核实，"
        "若再次发生类似情况，可直接与运营商联系，联系电话0000-1234567。感谢您的信任与支持！2020年10月26日"
    )
    assert units(inside)[1:] == [("item", "经测试，该村"), ("closing", "感谢您的信任")]
    own = (
        "网友：您好！来信收悉，现回复如下：该路段已列入改造计划。如您还有相关问题，可向街道办王主任咨询，"
        "联系电话：0000-7654321。2020年4月29日"
    )
    assert units(own)[-1] == ("closing", "如您还有相关")
    no_phone = (
        "网友：您好！现回复如下：因您未留下联系方式，我局无法与您联系，请您直接拨打监管处电话反映。感谢您的监督！"
    )
    assert units(no_phone)[1:] == [("item", "因您未留下联"), ("closing", "感谢您的监督")]


def test_thanks_after_a_comma_at_the_end_of_the_answer_start_the_closing() -> None:
    text = (
        "网友“QK5504”　　您好！您的留言已收悉。现将有关情况回复如下：　　对于您的建议，我局将在相关规划中"
        "进一步研究和论证，感谢您对我们工作的关心。2020年2月5日"
    )
    assert units(text) == [("opening", "网友“QK5"), ("item", "对于您的建议"), ("closing", "感谢您对我们")]
    # thanks right after a short lead (同时，感谢…) close the reply from the sentence's start
    short = "网友：您好！现回复如下：该路段已修复。同时，感谢您对我们工作的关心。"
    assert units(short)[-1] == ("closing", "同时，感谢您")


def test_a_reply_stored_after_another_one_starts_at_its_salutation_after_the_date() -> None:
    text = (
        "网友：您反映的问题已转县住建局调查核处。2020年11月13日网友你好！关于你投诉开发商不退定金的问题收悉，"
        "现将有关情况回复如下：经调查，开发商已承诺15日内退还全部款项。感谢你对住建工作的关心！2020年11月20日"
    )
    assert units(text) == [
        ("opening", "网友：您反映"), ("closing", "2020年1"), ("opening", "网友你好！关"),
        ("item", "经调查，开发"), ("closing", "感谢你对住建"),
    ]
    after_a_full_stop = (
        "网友：　　您好！现回复如下：　　该车已于9月21日被扣押。网友：　　您好，您的留言收悉，已转县政务办办理。"
    )
    assert [k for k, _ in units(after_a_full_stop)] == ["opening", "item", "opening"]


def test_where_the_message_was_sent_is_the_openings_not_an_answer() -> None:
    for text in (
        "“QK6605”您好。你反映的情况已转相关部门。有关情况将及时反馈。2020年12月11日",
        "“QK6606”　　您好！您反映的问题已转城管大队核查、办复，感谢您的留言，祝您生活愉快。　　2020年3月26日",
        "您的留言已收悉，关于您反映的问题，已转市人居环境整治办公室调查处理。",
        "尊敬的网友：您好，您所反映的问题已转交县文化执法局进行核处。2020年5月8日",
    ):
        assert not parse(text).answers, text
    # an answer that says what was handed over where stays an answer
    done = "网友：您好！现回复如下：经核实，该项目已交付使用，小区道路已全部硬化。感谢您的关心！"
    assert units(done)[1] == ("item", "经核实，该项")


def test_thanks_for_the_message_and_an_announced_account_open_an_online_reply() -> None:
    thanks = (
        "“QK7707”您好！您的留言已收悉，感谢您对我市旅游工作的关注与支持。我市旅游规划编制已启动，"
        "专家组将深入各乡镇调研。2020年9月7日"
    )
    assert units(thanks)[1] == ("item", "我市旅游规划")
    announced = (
        "“QK7708”您好！我支队根据您反映的考试车辆破旧的问题，对所有考试车辆进行了检查，具体情况如下："
        "1.考试车均为近年购入，并非破旧车辆。2.考生发现座椅调不动，可向工作人员报告。感谢您的关注。"
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
        "网友：您好，来信收悉！一是要求该公司与您沟通，做好解释。公司反馈：经沟通，您提出两点要求：一是公开费用明细；"
        "二是退还押金。对上述两点，公司答复将于本月办理。二是我局于5月3日电话联系您，反馈了相关情况。感谢来信！"
    )
    assert units(text) == [
        ("opening", "网友：您好，"), ("section", "一是要求该公"), ("section", "二是我局于5"), ("closing", "感谢来信！"),
    ]


def test_attachments_listed_after_the_closing_formula_belong_to_the_closing() -> None:
    text = (
        "2021年3月5日，某小区业主来信反映商铺面积问题，经我局核实，现回复如下：　　经查，该商铺预测面积漏算，"
        "已督促开发商与业主协商处理。特此回复!附：面积明细表一份2021年3月18日"
    )
    assert units(text)[-1] == ("closing", "特此回复!附")


def test_a_sentence_offering_a_number_to_call_closes_a_reply_to_a_net_user() -> None:
    text = (
        "“QK2201”您好！您于3月18日来信反映幼儿园招生问题，现回复如下：民办幼儿园招生采取双向选择的原则。"
        "招生相关工作，您可以致电0731-88881234县教育局咨询。感谢您的关心！2019年3月26日"
    )
    assert [k for k, _t in units(text)] == ["opening", "item", "closing"]
    assert units(text)[-1] == ("closing", "招生相关工作")
    # stacked after a forwarding note: the thanks and the number to call are its closing, not an answer
    text = (
        "网友：　　您好！您的留言转由我单位办理，现回复如下：　　该套牌车已于9月21日被交警大队扣押。网友：　　您好，"
        "您的留言收悉，已于2017年9月14日转交县政务办办理。谢谢您对我们工作的关心、理解和支持！"
        "您还可以拨打县政务办电话0731-6825215，咨询了解有关具体情况。"
    )
    assert [k for k, _t in units(text)] == ["opening", "item", "opening", "closing"]
    # a number inside the answer's sentence is the answer's
    doc = parse("网友：您好！经查，该路段已由县交通局修复，施工安排可拨打0731-6825215查询，目前已恢复通行。")
    assert [u.kind for u in doc.units] == ["opening", "item"]


def test_the_signature_run_into_the_date_closes_a_reply_to_a_net_user() -> None:
    text = (
        "网友“晨风”　　您好！来信收悉。现回复如下：　　感谢关注县电视台的新闻，最近因网络升级，新闻暂不能播放。"
        "县电视台正在升级改造中，敬请持续关注！　　 县电视台2015年5月29日"
    )
    assert units(text) == [("opening", "网友“晨风”"), ("item", "感谢关注县电"), ("closing", "县电视台20")]
    # a formal reply under its own title: the signature with a digit in its name (F6县…办公室) and the date
    text = (
        "关于某小区停车难一帖的回复　　关于网友在平台发帖反映某小区停车难的来信收悉，现将相关情况回复如下：　　"
        "1、该小区已新建停车位120个。　　2、周边道路已施划临时停车位。　　"
        "感谢您对我县工作的理解与支持！ F6县城市管理办公室2015年7月8日"
    )
    assert units(text)[-1] == ("closing", "感谢您对我县")


def test_the_receipt_note_stored_after_the_date_of_a_reply_is_its_closing() -> None:
    text = (
        "网友“QK2201”：您好！现对您所关心的问题做如下回复：一、该费用标准由省里统一规定。二、未按时缴费的不能享受待遇。"
        "2019年12月26日您的留言已经收到！并已将您反映的情况转交相关部门进行处理，处理情况会向您反馈，感谢您的留言！"
    )
    assert units(text) == [
        ("opening", "网友“QK2"), ("section", "一、该费用标"), ("section", "二、未按时缴"), ("closing", "2019年1"),
    ]


def test_a_paragraph_after_points_of_one_paragraph_each_is_an_answer_paragraph_of_its_own() -> None:
    text = (
        "“QK2201”：　　你好，现就你反映的考试规则问题回复如下：　　1、有政策依据。省里文件明确规定了最低分数线。"
        "　　2、择优录聘，防止低分入围。　　到目前为止，我们一直严格执行公告中各项规定。　　感谢你的监督！2013年8月5日"
    )
    assert [k for k, _t in units(text)] == ["opening", "section", "section", "item", "closing"]
    # points with a heading line and a body paragraph each: the paragraph after a heading is its body
    text = (
        "“QK2201”：　　你好，现回复如下：　　1、绿化改建球场的问题。　　球场保留与否由全体业主决定。"
        "　　2、人车分流的问题　　该小区规划设计并非人车分流。　　感谢你的监督！2013年8月5日"
    )
    assert [k for k, _t in units(text)] == ["opening", "section", "section", "closing"]


def test_the_answer_of_another_office_announced_as_forwarded_below_ends_the_opening() -> None:
    # 现将其回复转载如下： the opening's announcement even when the page ends after it
    text = "尊敬的网友：　　您好！您所反映的问题我办已转交某镇政府调查处理，现将其回复转载如下："
    assert [k for k, _t in units(text)] == ["opening"]
