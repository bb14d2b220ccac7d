"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s15-teddy, read on the errors of the tuned Teddy parts (dev, held-out ... held-out-7) and on the
misses noted by the last round: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_phone_labelled_for_questions_is_a_contact_line_of_the_closing() -> None:
    text = (
        "网友：您好！我所民警于6月2日到青松小区核查，已责令两家商铺夜间停止施工，商铺负责人表示配合。"
        "咨询电话：0731-5566-7788。2020年6月5日"
    )
    assert units(text)[-1] == ("closing", "咨询电话：0")
    # a phone inside an answer's sentence is the answer's
    inside = (
        "网友：您好！小区的供水由县自来水公司负责，维修可拨打咨询电话：0731-5566-7788，工作人员当天上门。"
        "2020年6月5日"
    )
    assert units(inside)[1][0] == "item" and units(inside)[-1] == ("closing", "2020年6")


def test_hoping_the_reader_understands_is_a_closing_sentence() -> None:
    text = (
        "网友“QK8801”您好！您的留言已收悉。现将有关情况回复如下：该路段属省道，改造须由省交通厅立项，县里已上报。"
        "也希望您能理解我们的工作。2020年7月1日"
    )
    assert units(text)[-1] == ("closing", "也希望您能理")


def test_a_numbered_point_of_the_answer_is_no_closing_even_when_it_welcomes_supervision() -> None:
    text = (
        "网友“QK8802”　　您好！根据您反映的情况，街道安排人员进行了核查，现回复如下：　　"
        "1、经核查，该作坊已停止生产，设备已封存。　　2、街道已将情况报县环保局，由其依法处理。　　"
        "3、欢迎各界监督，对群众合法的诉求街道将坚决支持。　　　　青河街道办事处2020年3月2日"
    )
    kinds = units(text)
    assert [k for k, _ in kinds] == ["opening", "section", "section", "section", "closing"]
    assert kinds[3] == ("section", "3、欢迎各界")
    assert kinds[4] == ("closing", "青河街道办事")
    # un-numbered, the welcome still starts the closing
    plain = text.replace("3、欢迎各界监督", "欢迎各界监督")
    assert units(plain)[3] == ("closing", "欢迎各界监督")


def test_the_date_that_ends_the_reply_closes_it_with_no_stop_before_it() -> None:
    text = (
        "“QK8803”您好，您所反映的问题我大队已收到，大队将组织中队开展为期一周的货运站周边交通整治，"
        "对乱停乱放的车辆严管重罚.2020年9月4日"
    )
    assert units(text)[-1] == ("closing", "2020年9")
    # a date the last sentence is about is that sentence's (…于2020年9月4日)
    about = "网友：您好！我局已对该路段完成检测，结果将于2020年9月4日"
    assert all(k != "closing" for k, _ in units(about))


def test_an_offer_to_answer_further_questions_after_a_comma_starts_the_closing() -> None:
    text = (
        "来信同志：　　您好！　目前实行的落户政策可在公安局网站查询。因您未写明拟迁入的村组，暂无法明确答复，"
        "如有其他疑问可直接咨询南湖派出所0731-8812345"
    )
    assert units(text)[-1] == ("closing", "如有其他疑问")
    # after thanks, the offer stays in the closing that the thanks start
    thanks = (
        "网友：您好！该厂已完成除尘设备改造，排放经检测达标。"
        "感谢您对环保工作的关心，如有其他问题可拨打我局热线0731-8812345。2020年4月1日"
    )
    assert units(thanks)[-1] == ("closing", "感谢您对环保")


def test_thanks_announced_as_the_last_words_start_the_closing() -> None:
    text = (
        "广大网友：近日有网民反映水厂收取保表费，现回复如下：按物价部门规定，用水低于包干量的按包干量收费。"
        "如住户外出，可与抄表员联系（电话：0731-6612345），免费办理报停。"
        "最后，我们对您的关心和支持表示衷心的感谢！也希望您能理解我们的工作。特此复函2020年8月2日"
    )
    kinds = units(text)
    assert kinds[-1] == ("closing", "最后，我们对")
    assert kinds[-2][0] == "item"
