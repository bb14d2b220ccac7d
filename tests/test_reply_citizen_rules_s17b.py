"""Hand-written replies to citizens' online messages (invented offices, places, ids and figures) for the rules of
session s17-teddy2, read on the errors of held-out-13 (development text since that session filed them by cause in
``devtools.teddy_units``): each test is one rule a reader would state about replies to citizens' messages, and each
failed on the parser before its rule."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_an_apology_for_the_trouble_ending_the_reply_starts_the_closing() -> None:
    text = (
        "网友您好！您的留言已收悉。经核实，该路段路灯因线路老化于上周停用，供电公司已更换线路，路灯现已恢复照明。"
        "对此给您带来的不便，深感歉意。"
    )
    assert units(text) == [("opening", "网友您好！您"), ("item", "经核实，该路"), ("closing", "对此给您带来")]
    # an apology followed by more answer is the answer's
    more = text + "今后供电公司将每月巡查一次线路。"
    assert [k for k, _ in units(more)] == ["opening", "item"]


def test_thanks_then_a_notice_of_where_more_will_be_published_are_one_closing() -> None:
    text = (
        "网友“UU1234”您好！来信收悉。现回复如下：城西片区的公交线路调整方案正在征求意见，预计年底前公布。"
        "感谢您对我区交通工作的关心。关于线路调整的进展，我局将在区政府网站及时公布，敬请关注。2021年4月2日"
    )
    assert units(text) == [("opening", "网友“UU1"), ("item", "城西片区的公"), ("closing", "感谢您对我区")]
    # asked to follow the office's work as the answer's own last words (no thanks before it): the answer's
    alone = text.replace("感谢您对我区交通工作的关心。关于线路调整的进展，", "")
    assert units(alone)[1] == ("item", "城西片区的公")
    assert units(alone)[2][0] == "closing" and units(alone)[2][1].startswith("2021")


def test_a_request_that_the_writer_leave_a_contact_is_closing_matter() -> None:
    text = (
        "网友：您好！经调查，您反映的护工态度问题属实，医院已对涉事护工批评教育并调离病区。感谢您对我院工作的监督。"
        "可否请您留下联系方式，以便我院相关科室与您联系。感谢理解。"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "经调查，您反"), ("closing", "感谢您对我院")]


def test_advice_on_where_to_ask_followed_only_by_the_number_to_call_starts_the_closing() -> None:
    text = (
        "网友：您好，您的留言已收悉，现回复如下：灵活就业人员可在户籍地参加职工养老保险，缴费满十五年方可按月领取养老金。"
        "建议您到区社保中心一楼窗口咨询相关政策后再办理手续。咨询电话：0731-5550000，2021年5月23日"
    )
    assert units(text) == [("opening", "网友：您好，"), ("item", "灵活就业人员"), ("closing", "建议您到区社")]
    # advice followed by more answer, then the phone: the advice is the answer's
    more = text.replace("再办理手续。", "再办理手续。窗口办理时间为工作日。")
    assert units(more)[2] == ("closing", "咨询电话：0")


def test_a_referral_to_a_phone_that_is_the_whole_answer_after_the_receipt_is_the_answer() -> None:
    text = "您好，留言收悉。您的问题请致电市消费者协会0731-5551234咨询。谢谢。2021年3月2日"
    assert units(text) == [("opening", "您好，留言收"), ("item", "您的问题请致"), ("closing", "谢谢。202")]


def test_a_sentence_opening_besides_all_the_above_after_a_numbered_list_steps_out_of_it() -> None:
    text = (
        "您好！函件收悉，现将有关情况回复如下：近年来我市加快学校建设。1、实施城区学校扩容工程，新建小学六所。"
        "2、实施农村学校改造工程，改造校舍四十栋。除了以上由市政府启动的建设计划之外，我市还落实了省里的薄弱学校改造计划。"
        "感谢您对教育工作的关心！2021年3月8日"
    )
    assert units(text) == [
        ("opening", "您好！函件收"),
        ("item", "近年来我市加"),
        ("section", "1、实施城区"),
        ("section", "2、实施农村"),
        ("item", "除了以上由市"),
        ("closing", "感谢您对教育"),
    ]
    # besides some people of the section's own list (除以上人员以外…) stays in the section
    inner = text.replace("除了以上由市政府启动的建设计划之外，我市还", "除以上学校以外，我市还")
    assert [k for k, _ in units(inner)] == ["opening", "item", "section", "section", "closing"]
