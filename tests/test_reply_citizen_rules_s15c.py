"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s15-teddy3, read on the errors of the tuned Teddy parts (dev, held-out ... held-out-9) and on the
misses the last round left: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_heading_of_a_few_words_runs_into_its_numbered_list_after_a_comma() -> None:
    text = (
        "网友：您好！现将有关情况回复如下：一、关于补偿面积，由镇农办人员实地测量后确定，各户签字确认。"
        "二、补偿价格确定，1、流转价格：耕地每亩800元，林地每亩450元；2、青苗补偿按青苗大小分两档，"
        "大苗每亩3000元，小苗每亩1500元。2020年5月1日"
    )
    assert units(text) == [
        ("opening", "网友：您好！"),
        ("section", "一、关于补偿"),
        ("section", "二、补偿价格"),
        ("section", "1、流转价格"),
        ("section", "2、青苗补偿"),
        ("closing", "2020年5"),
    ]
    # after a clause with a body of its own (more than a heading), a number after a comma starts nothing
    body = text.replace("二、补偿价格确定，", "二、补偿价格经村民代表大会讨论后由镇政府统一确定，")
    assert [k for k, _ in units(body)] == ["opening", "section", "section", "closing"]


def test_a_five_figure_public_hotline_is_a_number_to_call() -> None:
    text = (
        "网友：您好！您反映的早餐店占道经营问题，街道城管中队已于6月3日到现场处理，店主已将桌椅收回店内。"
        "如您再发现占道经营，可直接拨打“12319”城管服务热线反映。2020年6月5日"
    )
    assert units(text)[-1] == ("closing", "如您再发现占")
    called = "网友：您好！该药店已被责令整改，并处以罚款。您也可以拨打12315进行投诉。2020年6月8日"
    assert units(called)[-1] == ("closing", "您也可以拨打")
    # five figures that are not a service number (a price, an amount) call nobody: the answer goes on
    price = (
        "网友：您好！该药店已被责令整改。如您对处罚有疑问，可咨询处罚依据，本次罚款金额为35000元。2020年6月8日"
    )
    assert units(price)[-1] == ("closing", "2020年6")


def test_an_answer_stored_with_no_salutation_has_sections_under_a_numbered_heading_with_no_body() -> None:
    guide = (
        "一、先确认房屋是否在本县，外县的房屋请向房屋所在地不动产中心咨询。二、本县房屋"
        "（一）材料准备：身份证与房产证（二）办事流程：先在网上预约，再到中心窗口提交材料。"
    )
    doc = parse(guide)
    assert doc.reply
    assert [(u.kind, u.text[:6]) for u in doc.units] == [
        ("section", "一、先确认房"),
        ("section", "二、本县房屋"),
        ("section", "（一）材料准"),
        ("section", "（二）办事流"),
    ]
    # under a numbered part with a body of its own the sub-points stay inside it
    bodied = guide.replace("二、本县房屋", "二、本县房屋。本县的房屋按以下要求办理，材料不全的不予受理。")
    assert [u.kind for u in parse(bodied).units] == ["section", "section"]


def test_a_numbered_heading_that_only_announces_its_list_with_a_colon_has_no_body_of_its_own() -> None:
    text = (
        "网友“QK2”　　您好！您的留言已收悉。现将办理情况回复如下："
        "　　一、将外地取得的职业资格证书在本县备案登记的基本条件如下："
        "　　1.证书在有效期内且可在全国平台查验。　　2.持证人在本县单位实际从业。"
        "　　二、将外地取得的职业资格证书在本县备案登记的办理步骤如下：　　1.持证人向县人才服务中心提交备案表。"
        "　　2.中心查验无误后录入备案系统。　　感谢您的支持！　　2020年1月1日"
    )
    assert [k for k, _ in units(text)] == [
        "opening", "section", "section", "section", "section", "section", "section", "closing"
    ]
    assert units(text)[2] == ("section", "1.证书在有")
    # a heading with words of its own before the colon (a clause) is a body: its list stays inside it
    heading = "一、将外地取得的职业资格证书在本县备案登记的基本条件如下："
    bodied = text.replace(heading, "一、关于备案条件，经查阅有关规定如下：")
    assert [k for k, _ in units(bodied)][:3] == ["opening", "section", "section"]
    assert units(bodied)[2] == ("section", "二、将外地取")


def test_the_numbered_paragraphs_under_a_part_that_announces_them_with_a_colon_are_its_parts() -> None:
    text = (
        "网友“QK3”　　您好！您的留言已收悉。现将有关情况回复如下：　　1.申请人须已在本县参加城乡居民医疗保险。"
        "　　2.申请人还须符合以下条件之一：　　（1）持有本县残疾人证的；　　（2）家庭人均收入低于本县低保标准的。"
        "　　感谢您的支持！　　2020年1月1日"
    )
    assert units(text) == [
        ("opening", "网友“QK3"),
        ("section", "1.申请人须"),
        ("section", "2.申请人还"),
        ("section", "（1）持有本"),
        ("section", "（2）家庭人"),
        ("closing", "感谢您的支持"),
    ]
    # written on in one paragraph after the colon, the conditions stay inside their part
    inline = text.replace("　　（1）", "（1）").replace("　　（2）", "（2）")
    assert [k for k, _ in units(inline)] == ["opening", "section", "section", "closing"]


def test_the_number_of_the_office_a_referral_sends_the_reader_to_is_part_of_the_answer() -> None:
    text = (
        "网友：您好！来信收悉。现回复如下：由于该小区属于市区范围，小区的供水由市自来水公司管辖，"
        "建议您就该问题向市自来水公司咨询，联系电话：0731-5566778。2020年8月1日"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]
    assert units(text)[1] == ("item", "由于该小区属")
    # a number offered for further questions after the answer still starts the closing
    further = text.replace(
        "建议您就该问题向市自来水公司咨询，联系电话：0731-5566778。",
        "我局已督促其于本月底前完成管网改造。如您还有其他疑问，请联系我局，联系电话：0731-5566778。",
    )
    assert units(further)[-1] == ("closing", "如您还有其他")
