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
        "1、城东幼儿园现为区属公办幼儿园，前身为区机关幼儿园。2、该园招生范围已扩大到附近两个社区。"
        "3、该园招生简章已报区教育局备案并向社会公示。感谢您的关注！2021年3月2日"
    )
    assert units(inline) == [
        ("section", "1、城东幼儿"),
        ("section", "2、该园招生"),
        ("section", "3、该园招生"),
        ("closing", "感谢您的关注"),
    ]
    lines = inline.replace("。2、", "。\n2、").replace("。3、", "。\n3、").replace("。感谢", "。\n感谢")
    assert [k for k, _ in units(lines)] == ["section", "section", "section", "closing"]


def test_a_plea_for_understanding_after_a_comma_ending_the_answer_starts_the_closing() -> None:
    text = (
        "网友您好！您反映的问题已收悉，现将有关情况回复如下：文化路口公厕已使用十五年，设施老化严重，现已报废拆除，"
        "新的公厕正在选址当中，给周边居民带来不便敬请谅解！感谢您对城管工作的支持！2021年5月6日"
    )
    assert units(text) == [("opening", "网友您好！您"), ("item", "文化路口公厕"), ("closing", "给周边居民带")]
    # a plea to the public as a sentence of its own stays the answer's (as the development replies are marked)
    alone = text.replace("选址当中，给周边居民", "选址当中。由此给周边居民")
    assert units(alone) == [("opening", "网友您好！您"), ("item", "文化路口公厕"), ("closing", "感谢您对城管")]


def test_a_sentence_that_only_gives_a_labelled_phone_before_the_thanks_starts_the_closing() -> None:
    text = (
        "网友：您好！现回复如下：城乡居民医保今年的缴费截止时间是12月31日，可在所在村委会代缴。"
        "咨询电话0731-5550000、5550001。感谢您对我们工作的支持。2021年11月3日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "城乡居民医保"), ("closing", "咨询电话07")]
    hotline = text.replace("咨询电话0731-5550000、5550001。", "服务热线12345。")
    assert units(hotline) == [("opening", "网友：您好！"), ("item", "城乡居民医保"), ("closing", "服务热线12")]
    # a phone inside a sentence of the answer is the answer's
    inside = text.replace("代缴。咨询电话0731-5550000、5550001。", "代缴，村委会电话0731-5550000。")
    assert units(inside) == [("opening", "网友：您好！"), ("item", "城乡居民医保"), ("closing", "感谢您对我们")]


def test_a_referral_that_is_the_whole_reply_with_no_salutation_is_the_answer() -> None:
    text = "因您反映的情况较为笼统，建议您至区劳动监察大队咨询，联系电话0731-5551234。"
    assert units(text) == [("item", "因您反映的情")]
    thanked = text + "谢谢！"
    assert units(thanked) == [("item", "因您反映的情"), ("closing", "谢谢！")]
