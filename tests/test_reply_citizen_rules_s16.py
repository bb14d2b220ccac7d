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


def test_a_sentence_that_turns_to_another_question_after_an_inline_list_is_an_item() -> None:
    text = (
        "你好，留言已阅！你所反映的关于低保与医保政策的问题，回复如下：根据有关规定，家庭人均收入低于当地低保标准的，"
        "可以申请低保。申请流程是：1.由家庭成员向乡镇政府提出书面申请；2.乡镇政府入户调查后提出初审意见；"
        "3.县民政局审查后予以批准并公布。至于医保报销问题属医保局职能。谢谢。"
    )
    assert units(text) == [
        ("opening", "你好，留言已"),
        ("item", "根据有关规定"),
        ("section", "1.由家庭成"),
        ("section", "2.乡镇政府"),
        ("section", "3.县民政局"),
        ("item", "至于医保报销"),
        ("closing", "谢谢。"),
    ]
    # inside a list that goes on (二、…至于…。三、…) it stays in its section
    inside = (
        "网友您好！现回复如下：一、关于收费。该站收费有据可查。二、关于车辆。至于多台小车接送的问题，系家属自行组织。"
        "三、关于公示。收费表已张贴。谢谢。"
    )
    assert [k for k, _ in units(inside)] == ["opening", "section", "section", "section", "closing"]


def test_a_semicolon_typed_for_the_colon_after_the_address_keeps_the_salutation() -> None:
    text = (
        "来信人；　　你好！针对你反映的问题，现回复如下：　　东坪镇已将集镇改造列入明年计划，具体建设需县级部门"
        "审批后实施，请谅解。　　明年路灯建设已纳入计划并即将实施。东坪镇人民政府 2020年12月13日"
    )
    assert units(text) == [
        ("opening", "来信人；　　"), ("item", "东坪镇已将集"), ("item", "明年路灯建设"), ("closing", "东坪镇人民政")
    ]
    # a semicolon inside a sentence after 网友 addresses nobody
    said = "网友反映的路段；已列入明年计划。东坪镇人民政府 2020年12月13日"
    assert units(said)[0][0] != "opening"


def test_a_plan_after_a_comma_opens_no_plan_unit_so_its_list_is_the_answers_parts() -> None:
    text = (
        "“QK55”您好！该县道全长10公里，2006年硬化，近年重型车辆增多，路面断板严重。对此，我局曾多次进行维修，"
        "下一步，我们将落实以下工作措施：1、加强公路养护，及时填补坑槽；2、积极向上级部门汇报，争取列入改建项目。"
        "感谢网友对公路的关心。2020年1月23日"
    )
    assert units(text) == [
        ("opening", "“QK55”"),
        ("item", "该县道全长1"),
        ("section", "1、加强公路"),
        ("section", "2、积极向上"),
        ("closing", "感谢网友对公"),
    ]
    # a 下一步 sentence is a plan unit, its list stays in it
    plan = text.replace("维修，下一步", "维修。下一步")
    assert [k for k, _ in units(plan)] == ["opening", "item", "next-step", "closing"]


def test_the_offices_own_opening_after_the_platforms_forwarding_note_is_a_second_opening() -> None:
    text = (
        "您的留言已收悉，关于您反映的问题，已转县水利局调查处理。近日，村民反映水上乐园抽取地下水导致水井干涸，"
        "我单位收到留言后，及时与相关部门取得联系，现就上述问题回复如下：1、关于抽取地下水问题。该项目未办理取水"
        "许可，已被责令停止。2、关于养殖场排污问题。县环保局已立案查处。2020年10月8日"
    )
    assert units(text) == [
        ("opening", "您的留言已收"),
        ("opening", "近日，村民反"),
        ("section", "1、关于抽取"),
        ("section", "2、关于养殖"),
        ("closing", "2020年1"),
    ]
    # with no announcement of its own after the note, the office's words are the answer
    bare = "您的留言已收悉，关于您反映的问题，已转县水利局调查处理。该项目未办理取水许可，已被责令停止。2020年10月8日"
    assert units(bare) == [("opening", "您的留言已收"), ("item", "该项目未办理"), ("closing", "2020年1")]


def test_a_text_that_is_only_a_date_or_an_address_and_a_date_is_an_empty_dated_reply() -> None:
    for text in ("2020年1月14日", "网友2020年4月8日", "网友：　　2020年4月8日"):
        doc = parse(text)
        assert doc.reply, text
        assert [u.kind for u in doc.units][-1] == "closing", text
        assert not [u for u in doc.units if u.kind in ("section", "item", "next-step")], text
    # a date after words that are not an address is no empty reply
    assert not parse("关于加快建设城乡公交的建议 2020年4月8日").reply


def test_a_note_that_the_message_was_answered_at_a_web_address_is_the_opening_and_thanks_after_it_close() -> None:
    text = "网友：您好！您所反映的问题已经回复，回复链接：https://example.org/reply/1.html谢谢您的理解与支持。2020年11月6日"
    assert units(text) == [("opening", "网友：您好！"), ("closing", "谢谢您的理解")]
    # a web address inside the answer is the answer's words
    answer = (
        "网友：您好！办理流程已在官网公布，网址：https://example.org/guide.html，可在线预约。"
        "谢谢您的理解与支持。2020年11月6日"
    )
    assert [k for k, _ in units(answer)] == ["opening", "item", "closing"]


def test_a_reply_that_only_thanks_for_praise_and_promises_to_work_on_has_no_answer_unit() -> None:
    text = (
        "网友：　　您好。感谢您对我们工作的肯定。倾听群众心声，解决群众难题，是我们开展网络问政工作的初衷，"
        "我们将更加努力工作，畅通问政渠道。 县网络宣传管理办公室"
    )
    assert units(text) == [("opening", "网友：　　您"), ("closing", "感谢您对我们")]
    # thanks for praise before an answer: the answer is an item
    answered = "网友：　　您好。感谢您对我们工作的肯定。您反映的路灯问题，已于3月2日修复。县城管局"
    assert [k for k, _ in units(answered)] == ["opening", "item", "closing"]


def test_a_forwarding_note_after_the_date_that_ends_an_answer_is_another_reply() -> None:
    text = (
        "经查实：该生由家人接回家，至今没有返校。学校与其家人联系，证实该生与其叔叔在外地，并没有失联。"
        "2020年11月1日　　该帖已转至县教育局核实。2020年10月31日"
    )
    assert units(text) == [
        ("item", "经查实：该生"),
        ("closing", "2020年1"),
        ("opening", "该帖已转至县"),
        ("closing", "2020年1"),
    ]
    # the platform's receipt run after the date (您的留言已经收到！…) stays in the closing
    receipt = text.replace("该帖已转至县教育局核实。", "您的留言已经收到！并已将您反映的情况转交相关部门。")
    assert [k for k, _ in units(receipt)] == ["item", "closing"]


def test_asking_the_writer_to_watch_for_the_answer_is_part_of_the_forwarding_note() -> None:
    text = "网友：你好！帖文中反映的问题已转交相关单位调查处理。敬请留意近期回复。"
    assert units(text) == [("opening", "网友：你好！")]
    # words of an answer after the note are an item
    answered = text.replace("敬请留意近期回复。", "该路段已于昨日修复，恢复通行。")
    assert [k for k, _ in units(answered)] == ["opening", "item"]
