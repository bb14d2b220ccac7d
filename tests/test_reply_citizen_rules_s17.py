"""Hand-written replies to citizens' online messages (invented offices, places, ids and figures) for the rules of
session s17-teddy, read on the errors of held-out-12 (development text since that session filed them by cause in
``devtools.teddy_units``): each test is one rule a reader would state about replies to citizens' messages, and each
failed on the parser before its rule."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_reply_that_is_a_numbered_list_from_its_first_character_has_a_section_at_each_number() -> None:
    inline = (
        "1、河滨公园东门的停车场由园林处管理，共有车位一百二十个。2、节假日停车场实行限时停放，每车不超过四小时。"
        "3、公园北侧新建的临时停车场将于下月启用。感谢您的关注！2021年3月2日"
    )
    assert units(inline) == [
        ("section", "1、河滨公园"),
        ("section", "2、节假日停"),
        ("section", "3、公园北侧"),
        ("closing", "感谢您的关注"),
    ]
    lines = inline.replace("。2、", "。\n2、").replace("。3、", "。\n3、").replace("。感谢", "。\n感谢")
    assert [k for k, _ in units(lines)] == ["section", "section", "section", "closing"]


def test_a_plea_for_understanding_after_a_comma_ending_the_answer_starts_the_closing() -> None:
    text = (
        "网友您好！来信所说的事我们已知悉，现将办理情况答复如下：因自来水管网改造，青石巷一带本周二至周四白天暂停供水，"
        "施工结束后即恢复，给住户带来不便敬请谅解！感谢您对供水工作的支持！2021年5月6日"
    )
    assert units(text) == [("opening", "网友您好！来"), ("item", "因自来水管网"), ("closing", "给住户带来不")]
    # a plea to the public as a sentence of its own stays the answer's (as the development replies are marked)
    alone = text.replace("即恢复，给住户", "即恢复。由此给住户")
    assert units(alone) == [("opening", "网友您好！来"), ("item", "因自来水管网"), ("closing", "感谢您对供水")]


def test_a_sentence_that_only_gives_a_labelled_phone_before_the_thanks_starts_the_closing() -> None:
    text = (
        "网友：您好！现回复如下：老年优待证可在户籍所在社区服务中心办理，带身份证和一张照片即可当场领取。"
        "咨询电话0731-5550000、5550001。感谢您对我们工作的支持。2021年11月3日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "老年优待证可"), ("closing", "咨询电话07")]
    hotline = text.replace("咨询电话0731-5550000、5550001。", "服务热线12345。")
    assert units(hotline) == [("opening", "网友：您好！"), ("item", "老年优待证可"), ("closing", "服务热线12")]
    # a phone inside a sentence of the answer is the answer's
    inside = text.replace("当场领取。咨询电话0731-5550000、5550001。", "当场领取，中心电话0731-5550000。")
    assert units(inside) == [("opening", "网友：您好！"), ("item", "老年优待证可"), ("closing", "感谢您对我们")]


def test_a_referral_that_is_the_whole_reply_with_no_salutation_is_the_answer() -> None:
    text = "因您反映的情况较为笼统，建议您至区劳动监察大队咨询，联系电话0731-5551234。"
    assert units(text) == [("item", "因您反映的情")]
    thanked = text + "谢谢！"
    assert units(thanked) == [("item", "因您反映的情"), ("closing", "谢谢！")]


def test_a_numbered_heading_naming_its_topic_with_a_full_stop_has_its_glued_list_as_sections() -> None:
    text = (
        "网友：你好！现回复如下：一、关于噪声检测。环保站已于上周夜间到场检测，结果未超标。二、关于施工时间的问题。"
        "1、依照市区施工管理规定，夜间十点后不得施工；2、确需连续作业的，须提前办理夜间施工许可；3、该工地的许可已"
        "于本月到期。三、关于后续监管。城管中队将每晚巡查一次。感谢您的关注！2021年5月1日"
    )
    assert [k for k, _ in units(text)] == ["opening", *["section"] * 6, "closing"]
    assert [t for k, t in units(text) if k == "section"][2:5] == ["1、依照市区", "2、确需连续", "3、该工地的"]
    # a numbered section with a sentence of its own keeps its list inside it
    body = text.replace("二、关于施工时间的问题。", "二、该工地夜间施工已持续两周，附近居民意见较大。")
    assert [k for k, _ in units(body)] == ["opening", "section", "section", "section", "closing"]


def test_a_numbered_heading_with_a_colon_has_its_glued_bracketed_list_as_sections() -> None:
    text = (
        "网友：你好！现回复如下：1.小区东侧的路灯由街道统一安装，已使用八年。2.路灯维修安排：（1）每月初由物业"
        "上报损坏的路灯；（2）街道在一周内派人更换灯具。3.上周反映的三盏路灯已全部修复，夜间照明正常。特此回复。"
        "2021年7月2日"
    )
    assert [t for _k, t in units(text)] == [
        "网友：你好！",
        "1.小区东侧",
        "2.路灯维修",
        "（1）每月初",
        "（2）街道在",
        "3.上周反映",
        "特此回复。2",
    ]
    assert [k for k, _ in units(text)] == ["opening", *["section"] * 5, "closing"]
    # a numbered part with a sentence of its own before the colon keeps its list
    body = text.replace("2.路灯维修安排：", "2.路灯已列入街道的维修计划，安排如下：")
    assert [k for k, _ in units(body)] == ["opening", "section", "section", "section", "closing"]


def test_a_net_user_addressed_by_name_is_a_net_user() -> None:
    text = (
        "网友张明：你好！现回复如下：一、核查结果经现场查看，该餐馆的油烟净化器已安装但未开启。二、整改要求1、已责令"
        "该餐馆每日营业时开启净化器；2、已要求其在一个月内加高排烟管道。感谢您的监督！2021年7月9日"
    )
    assert units(text) == [
        ("opening", "网友张明：你"),
        ("section", "一、核查结果"),
        ("section", "二、整改要求"),
        ("section", "1、已责令该"),
        ("section", "2、已要求其"),
        ("closing", "感谢您的监督"),
    ]
    # 网友 with a name and a verb, with no greeting, is a sentence of the answer, not an address
    told = "网友张明反映：小区路灯损坏的问题，我局已安排维修，现已修复。2021年7月9日"
    assert units(told) == [("item", "网友张明反映"), ("closing", "2021年7")]


def test_an_unnumbered_heading_line_with_a_colon_is_one_item_with_the_paragraph_under_it() -> None:
    text = (
        "2021年全区停车泊位建设情况：\u3000\u3000截至2020年底，全区共有公共停车泊位3万个，其中立体车库泊位5千个。"
        "\u3000\u30002021年，计划新增泊位2千个，资金由区财政安排。\u3000\u30002021年3月5日"
    )
    assert units(text) == [("item", "2021年全"), ("item", "2021年，"), ("closing", "2021年3")]
    # a lead-in sentence with a colon is an answer paragraph of its own
    lead = text.replace("2021年全区停车泊位建设情况：", "经核实，全区公共停车泊位的建设情况如下：")
    assert [k for k, _ in units(lead)] == ["item", "item", "item", "closing"]


def test_a_receipt_sentence_cut_off_after_the_platforms_name_is_the_openings() -> None:
    numbered = (
        "网友“QX12”您好！你在平台《问政东川省一、补贴对象：本县户籍的重度残疾人。二、补贴标准：每人每月100元。"
        "感谢您的关注！2021年6月1日"
    )
    assert units(numbered) == [
        ("opening", "网友“QX1"),
        ("section", "一、补贴对象"),
        ("section", "二、补贴标准"),
        ("closing", "感谢您的关注"),
    ]
    dated = "网友：您好！我局于2021年5月20日在《问政东川省根据县里安排，该路段将于年内完成硬化。2021年6月1日"
    assert units(dated) == [("opening", "网友：您好！"), ("item", "根据县里安排"), ("closing", "2021年6")]
    # with the platform's name closed, the sentence goes on and is the answer's (你在平台《…》反映的村道，已列入…)
    whole = "网友：您好！你在平台《问政东川省》反映的村道，已列入今年硬化计划，将于年内完工。2021年6月1日"
    assert units(whole) == [("opening", "网友：您好！"), ("item", "你在平台《问"), ("closing", "2021年6")]
