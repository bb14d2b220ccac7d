"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s16-teddy, read on the errors of the tuned Teddy parts (dev, held-out ... held-out-10) and on the
misses the last round left: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_stray_comma_after_the_greeting_keeps_the_thanks_after_it_in_the_opening() -> None:
    text = (
        "您好！，感谢您对我局工作的关注，对您反映的窗口排队问题我局高度重视，已要求办证大厅增开两个窗口，"
        "并在午间安排专人值守，方便群众办事。给您带来不便，敬请谅解。2020年3月2日"
    )
    assert units(text) == [("opening", "您好！，感谢"), ("item", "对您反映的窗"), ("closing", "给您带来不便")]
    # without the stray comma the same reply reads the same
    assert units(text.replace("您好！，", "您好！")) == [
        ("opening", "您好！感谢您"), ("item", "对您反映的窗"), ("closing", "给您带来不便")
    ]


def test_a_finding_word_with_its_colon_after_the_announcement_opens_the_answer() -> None:
    text = (
        "网友“QK51”您好，接到您的投诉后，我镇高度重视，组织国土、环保站人员到现场查看，现回复如下："
        "经调查：该砖厂位于东坪村，2015年取得环评批复，今年已完成除尘设备改造，排放达标。2020年4月8日"
    )
    assert units(text) == [("opening", "网友“QK5"), ("item", "经调查：该砖"), ("closing", "2020年4")]
    # a heading after the announcement, up to its colon, is still the opening's (…回复如下：关于噪声问题：…)
    heading = text.replace("经调查：", "关于噪声问题：")
    assert units(heading)[1] == ("item", "该砖厂位于东")


def test_a_chinese_number_before_a_figure_at_a_sentence_start_numbers_a_part() -> None:
    text = (
        "网友“QK52”您好！您的留言已收悉，现将有关情况答复如下：为方便北湖小区居民出行，我公司对相关线路作了调整。"
        "一、26路由原来的8台车增至10台，末班车延至21时；二、延伸35路公交车，终点站设至北湖小区。"
        "感谢您对公交事业的支持。2020年5月6日"
    )
    assert units(text) == [
        ("opening", "网友“QK5"),
        ("item", "为方便北湖小"),
        ("section", "一、26路由"),
        ("section", "二、延伸35"),
        ("closing", "感谢您对公交"),
    ]
    # 一、二、三产业 (a Chinese number before another) numbers nothing
    words = "网友“QK52”您好！现回复如下：该镇一、二、三产业融合发展，今年新增就业岗位300个。谢谢！"
    assert [k for k, _ in units(words)] == ["opening", "item", "closing"]


def test_a_conclusion_inside_a_numbered_list_that_goes_on_stays_in_its_section() -> None:
    text = (
        "网友“QK53”您好！您的留言已收悉，我们立即进行了调查核实，现将有关情况答复如下。"
        "一、关于收费问题的答复服务收费由基本项目和自选项目构成，所有费用需家属签字确认后再收取。"
        "经核实，该车主收费项目均在服务范围之内。综上，该车主没有违反相关规定，不需要更换。"
        "二、关于排队时间过长的答复今年起馆内增设了两个服务窗口，排队时间已明显缩短。"
        "三、关于公示收费项目的答复所有服务车必须将收费明细表张贴在醒目位置。感谢您的关心。2020年6月1日"
    )
    assert [k for k, _ in units(text)] == ["opening", "section", "section", "section", "closing"]
    # after the list's last number, 综上… sums the sections up: an item of its own
    last = text.replace("感谢您的关心。", "综上，各项收费均符合规定。感谢您的关心。")
    assert [k for k, _ in units(last)] == ["opening", "section", "section", "section", "item", "closing"]


def test_a_fragment_of_markup_left_at_the_end_of_the_page_is_no_text() -> None:
    text = (
        "网友“QK54”　　您好，您的留言已收悉。现将有关情况回复如下：　　如您父母是本市企业退休人员，可就近到社区"
        "进行认证，社保机构可协助办理。如有更多需要咨询的，请您联系市社会保险局管理科，电话0000-11112222。"
        "市人力资源社会保障局2020年7月3日"
    )
    want = [("opening", "网友“QK5"), ("item", "如您父母是本"), ("closing", "如有更多需要")]
    assert units(text) == want
    for tail in ("n>", "</p>", "<br/>\n"):
        assert units(text + tail) == want, tail


def test_a_promise_for_the_work_to_come_after_the_thanks_is_the_closing() -> None:
    text = (
        "网友：你好！你反映的问题，市教育局进行了调查，现回复如下：1、该校的研学活动经家长签名同意后开展。"
        "2、活动费用由旅行社按成本核定，不存在乱收费。感谢你对本市教育的理解和支持！在今后的工作中，"
        "我们将把工作做得更细一点、更实一点，切实办好人民满意的教育。2020年8月4日"
    )
    assert units(text)[-1] == ("closing", "感谢你对本市")
    # an answer after the thanks (a fact, not a promise) keeps the thanks out of the closing
    promise = "在今后的工作中，我们将把工作做得更细一点、更实一点，切实办好人民满意的教育。"
    fact = text.replace(promise, "该校已退还多收的餐费。")
    assert units(fact)[-1] == ("closing", "2020年8")
