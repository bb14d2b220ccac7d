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
        "网友“UU1234”您好！留言已收到。现答复如下：城西片区的公交线路调整方案正在征求意见，预计年底前公布。"
        "感谢您对我区交通工作的关心。关于线路调整的进展，我局将在区政府网站及时公布，敬请关注。2021年4月2日"
    )
    assert units(text) == [("opening", "网友“UU1"), ("item", "城西片区的公"), ("closing", "感谢您对我区")]
    # asked to follow the office's work as the answer's own last words (no thanks before it): the answer's
    alone = text.replace("感谢您对我区交通工作的关心。关于线路调整的进展，", "")
    assert units(alone)[1] == ("item", "城西片区的公")
    assert units(alone)[2][0] == "closing" and units(alone)[2][1].startswith("2021")


def test_a_request_that_the_writer_leave_a_contact_is_closing_matter() -> None:
    text = (
        "网友：您好！经查，您反映的办事窗口推诿问题基本属实，中心已对当事人谈话提醒并调整其岗位。感谢您对我们工作的"
        "监督。为便于回访，烦请您留下联系电话，我们将安排专人与您沟通。谢谢！"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "经查，您反映"), ("closing", "感谢您对我们")]


def test_advice_on_where_to_ask_followed_only_by_the_number_to_call_starts_the_closing() -> None:
    text = (
        "网友：您好，来信收悉，现答复如下：新生儿可在出生后三个月内办理居民医保登记，当年费用按居民标准缴纳。"
        "建议您携带出生医学证明到街道便民服务中心了解所需材料后再去办理。咨询电话：0731-5550000，2021年5月23日"
    )
    assert units(text) == [("opening", "网友：您好，"), ("item", "新生儿可在出"), ("closing", "建议您携带出")]
    # advice followed by more answer, then the phone: the advice is the answer's
    more = text.replace("再去办理。", "再去办理。中心的办理时间为工作日。")
    assert units(more)[2] == ("closing", "咨询电话：0")


def test_a_referral_to_a_phone_that_is_the_whole_answer_after_the_receipt_is_the_answer() -> None:
    text = "您好，来函已收到。您的问题请致电区住房保障中心0731-5551234了解。谢谢。2021年3月2日"
    assert units(text) == [("opening", "您好，来函已"), ("item", "您的问题请致"), ("closing", "谢谢。202")]


def test_a_sentence_opening_besides_all_the_above_after_a_numbered_list_steps_out_of_it() -> None:
    text = (
        "您好！函件收悉，现将有关情况回复如下：近年来我区持续改善养老服务。1、推进社区食堂建设，建成老年助餐点二十个。"
        "2、推进居家适老化改造，完成改造八百户。除了以上由区民政局实施的项目之外，我区还落实了市里的养老机构提质计划。"
        "感谢您对养老工作的关心！2021年3月8日"
    )
    assert units(text) == [
        ("opening", "您好！函件收"),
        ("item", "近年来我区持"),
        ("section", "1、推进社区"),
        ("section", "2、推进居家"),
        ("item", "除了以上由区"),
        ("closing", "感谢您对养老"),
    ]
    # besides some people of the section's own list (除以上人员以外…) stays in the section
    inner = text.replace("除了以上由区民政局实施的项目之外，我区还", "除以上项目以外，我区还")
    assert [k for k, _ in units(inner)] == ["opening", "item", "section", "section", "closing"]


def test_a_sentence_saying_the_matter_could_not_be_verified_is_the_answer_not_the_receipt() -> None:
    text = "网友，您好。街道办事处十分重视，因来信未写明具体楼栋，工作人员无法核实。由此带来的不便，我们深表歉意。"
    assert units(text) == [("opening", "网友，您好。"), ("item", "街道办事处十"), ("closing", "由此带来的不")]
    # the office's care and its check, said before the answer, are the receipt's
    receipt = "网友：您好！我委非常重视，当即安排专人前往查看核实。经核实，该药店已取得经营许可。感谢您的关注！"
    assert units(receipt) == [("opening", "网友：您好！"), ("item", "经核实，该药"), ("closing", "感谢您的关注")]


def test_in_a_list_of_places_each_ending_with_its_phone_a_number_after_the_phone_starts_the_next_item() -> None:
    text = (
        "网友您好！来信收悉，现回复如下：寒假向学生开放的自习室如下。一、公共图书馆：（一）时段：1月15日至2月25日。"
        "（二）名单和电话：1、市图书馆（文化路2号）咨询电话：0731-5556666 2、区少儿图书馆（青年路15号）"
        "咨询电话：0731-5557777　　二、社区书屋：（一）桃园书屋（桃园街6号）咨询电话：0731-5558888（二）柳岸书屋"
        "（柳岸路21号）咨询电话：0731-5559999　　三、其他事项：入馆请带学生证。感谢您的关注！2022年1月10日"
    )
    got = units(text)
    assert ("section", "1、市图书馆") in got and ("section", "2、区少儿图") in got
    assert ("section", "（一）桃园书") in got and ("section", "（二）柳岸书") in got
    # a figure that is no phone (a count) before the number does not end the item
    counts = "网友您好！现回复如下：今年新建篮球场12 2处为室内场馆。感谢您的关注！"
    assert [k for k, _ in units(counts)] == ["opening", "item", "closing"]


def test_numbered_paragraphs_under_a_numbered_section_with_a_body_are_its_parts() -> None:
    text = (
        "网友“UU0001”　　您好！留言已收到。现答复如下：　　一、基本情况　　该路段长约两公里，建于2005年。"
        "　　二、处理情况　　镇政府多次组织协调，具体情况如下：　　1、对坡道进行了硬化。　　2、与住户签订了补偿协议。"
        "　　三、下步工作　　镇政府将继续做好解释工作。　　感谢您的关注！2021年7月1日"
    )
    assert [t for k, t in units(text) if k == "section"] == [
        "一、基本情况",
        "二、处理情况",
        "1、对坡道进",
        "2、与住户签",
        "三、下步工作",
    ]
    # a list inside the section's own paragraph (其理由：1、…2、…) stays inside it
    inline = text.replace("具体情况如下：　　1、", "具体情况如下：1、").replace("硬化。　　2、", "硬化。2、")
    assert [t for k, t in units(inline) if k == "section"] == ["一、基本情况", "二、处理情况", "三、下步工作"]
    # the paragraphs after the last part of such a section are still the section's
    after = text.replace("补偿协议。　　三、", "补偿协议。　　目前双方已无争议。　　三、")
    assert not any(k == "item" for k, _ in units(after))


def test_a_reports_own_title_on_the_first_line_is_the_header() -> None:
    text = (
        "南湖小区电梯加装工作的情况说明 　　一、项目进展 　　小区六栋楼已有四栋完成电梯加装。　　二、住户意见 　　"
        "其余两栋的多数住户同意加装，个别住户仍在协商。 2021年7月1日"
    )
    assert units(text) == [
        ("header", "南湖小区电梯"),
        ("section", "一、项目进展"),
        ("section", "二、住户意见"),
        ("closing", "2021年7"),
    ]
    # a first line that is a sentence of the answer is no title
    sentence = text.replace("南湖小区电梯加装工作的情况说明 ", "关于南湖小区加装电梯的工作，现将情况说明如下：")
    assert units(sentence)[0][0] != "header"
