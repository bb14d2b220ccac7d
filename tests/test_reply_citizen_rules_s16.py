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
        "网友“QK53”您好！来信已收到，我们随即派人作了核查，现将办理结果答复如下。"
        "一、关于维修费用的答复维修费用由材料费和人工费两部分组成，所有费用需业主签字同意后才能结算。"
        "经核实，该维修队所收费用均在报价单范围之内。综上，该维修队未违反合同约定，无需更换。"
        "二、关于报修等待过久的答复今年起中心增加了两名维修人员，等待时间已大为缩短。"
        "三、关于公开收费标准的答复所有维修人员必须随身携带收费标准卡。感谢您的关心。2020年6月1日"
    )
    assert [k for k, _ in units(text)] == ["opening", "section", "section", "section", "closing"]
    # after the list's last number, 综上… sums the sections up: an item of its own
    last = text.replace("感谢您的关心。", "综上，各项费用均符合约定。感谢您的关心。")
    assert [k for k, _ in units(last)] == ["opening", "section", "section", "section", "item", "closing"]


def test_a_fragment_of_markup_left_at_the_end_of_the_page_is_no_text() -> None:
    text = (
        "网友“QK54”　　您好，您的留言已收悉。现将办理情况答复如下：　　如您家中老人已满八十周岁，可就近到村委会"
        "申领高龄津贴，民政所可上门办理。若还有别的疑问，请您联系县民政局老龄股，电话0000-11112222。"
        "市人力资源社会保障局2020年7月3日"
    )
    want = [("opening", "网友“QK5"), ("item", "如您家中老人"), ("closing", "若还有别的疑")]
    assert units(text) == want
    for tail in ("n>", "</p>", "<br/>\n"):
        assert units(text + tail) == want, tail


def test_a_promise_for_the_work_to_come_after_the_thanks_is_the_closing() -> None:
    text = (
        "网友：你好！你反映的问题，县文旅局进行了调查，现回复如下：1、该景区的夜游项目经安全评估后开放。"
        "2、门票价格已报物价部门备案，不存在擅自涨价。感谢你对本县旅游的理解和支持！今后，"
        "我们会继续加强景区管理，让游客玩得安心、舒心。2020年8月4日"
    )
    assert units(text)[-1] == ("closing", "感谢你对本县")
    # an answer after the thanks (a fact, not a promise) keeps the thanks out of the closing
    promise = "今后，我们会继续加强景区管理，让游客玩得安心、舒心。"
    fact = text.replace(promise, "该景区已退还多收的票款。")
    assert units(fact)[-1] == ("closing", "2020年8")


def test_a_sentence_that_turns_to_another_question_after_an_inline_list_is_an_item() -> None:
    text = (
        "你好，留言已阅！你所说的公租房与公积金的问题，回复如下：按照现行办法，家庭人均住房面积低于规定标准的，"
        "可以申请公租房。办理步骤是：1.由申请人向街道提交申请表；2.街道核查住房情况后签署意见；"
        "3.县住建局复核后进行公示并配租。至于公积金提取问题属公积金中心职能。谢谢。"
    )
    assert units(text) == [
        ("opening", "你好，留言已"),
        ("item", "按照现行办法"),
        ("section", "1.由申请人"),
        ("section", "2.街道核查"),
        ("section", "3.县住建局"),
        ("item", "至于公积金提"),
        ("closing", "谢谢。"),
    ]
    # inside a list that goes on (二、…至于…。三、…) it stays in its section
    inside = (
        "网友您好！现回复如下：一、关于收费。该站收费有据可查。二、关于车辆。至于临时加派车辆的问题，系业主自行安排。"
        "三、关于公示。收费表已张贴。谢谢。"
    )
    assert [k for k, _ in units(inside)] == ["opening", "section", "section", "section", "closing"]


def test_a_semicolon_typed_for_the_colon_after_the_address_keeps_the_salutation() -> None:
    text = (
        "来信人；　　你好！就你来信所说之事，现答复如下：　　北岭乡已将农贸市场改造列入明年计划，具体施工需县级部门"
        "批准后进行，请谅解。　　明年村道护栏安装已列入计划并即将实施。北岭乡人民政府 2020年12月13日"
    )
    assert units(text) == [
        ("opening", "来信人；　　"), ("item", "北岭乡已将农"), ("item", "明年村道护栏"), ("closing", "北岭乡人民政")
    ]
    # a semicolon inside a sentence after 网友 addresses nobody
    said = "网友反映的路段；已列入明年计划。北岭乡人民政府 2020年12月13日"
    assert units(said)[0][0] != "opening"


def test_a_plan_after_a_comma_opens_no_plan_unit_so_its_list_is_the_answers_parts() -> None:
    text = (
        "“QK55”您好！该灌渠全长6公里，1998年修建，近年渗漏加剧，部分渠段淤塞。对此，我站曾多次组织清淤，"
        "下一步，我们打算做好以下几件事：1、加强日常巡护，及时封堵漏点；2、主动向上级部门申报，争取列入改造项目。"
        "感谢网友对水利的关心。2020年1月23日"
    )
    assert units(text) == [
        ("opening", "“QK55”"),
        ("item", "该灌渠全长6"),
        ("section", "1、加强日常"),
        ("section", "2、主动向上"),
        ("closing", "感谢网友对水"),
    ]
    # a 下一步 sentence is a plan unit, its list stays in it
    plan = text.replace("清淤，下一步", "清淤。下一步")
    assert [k for k, _ in units(plan)] == ["opening", "item", "next-step", "closing"]


def test_the_offices_own_opening_after_the_platforms_forwarding_note_is_a_second_opening() -> None:
    text = (
        "您的留言已收悉，对您所说之事，已交县林业局核实处理。近日，村民反映采石场爆破震裂房屋墙体，"
        "我单位接到交办后，及时会同有关部门查看，现就上述问题回复如下：1、关于爆破作业问题。该采石场未取得爆破"
        "许可，已被责令停产。2、关于粉尘污染问题。县环保局已立案查处。2020年10月8日"
    )
    assert units(text) == [
        ("opening", "您的留言已收"),
        ("opening", "近日，村民反"),
        ("section", "1、关于爆破"),
        ("section", "2、关于粉尘"),
        ("closing", "2020年1"),
    ]
    # with no announcement of its own after the note, the office's words are the answer
    bare = "您的留言已收悉，对您所说之事，已交县林业局核实处理。该采石场未取得爆破许可，已被责令停产。2020年10月8日"
    assert units(bare) == [("opening", "您的留言已收"), ("item", "该采石场未取"), ("closing", "2020年1")]


def test_a_text_that_is_only_a_date_or_an_address_and_a_date_is_an_empty_dated_reply() -> None:
    for text in ("2020年1月14日", "网友2020年4月8日", "网友：　　2020年4月8日"):
        doc = parse(text)
        assert doc.reply, text
        assert [u.kind for u in doc.units][-1] == "closing", text
        assert not [u for u in doc.units if u.kind in ("section", "item", "next-step")], text
    # a date after words that are not an address is no empty reply
    assert not parse("关于加快建设城乡公交的建议 2020年4月8日").reply


def test_a_note_that_the_message_was_answered_at_a_web_address_is_the_opening_and_thanks_after_it_close() -> None:
    text = "网友：您好！此事前已答复过，答复链接：https://example.org/reply/1.html谢谢您的理解与支持。2020年11月6日"
    assert units(text) == [("opening", "网友：您好！"), ("closing", "谢谢您的理解")]
    # a web address inside the answer is the answer's words
    answer = (
        "网友：您好！办理流程已在官网公布，网址：https://example.org/guide.html，可在线预约。"
        "谢谢您的理解与支持。2020年11月6日"
    )
    assert [k for k, _ in units(answer)] == ["opening", "item", "closing"]


def test_a_reply_that_only_thanks_for_praise_and_promises_to_work_on_has_no_answer_unit() -> None:
    text = (
        "网友：　　您好。感谢您对我们工作的肯定。为百姓办实事、把小事办好，是我们开通这个平台的本意，"
        "我们将更加努力工作，办好每一件来信。 县便民服务中心"
    )
    assert units(text) == [("opening", "网友：　　您"), ("closing", "感谢您对我们")]
    # thanks for praise before an answer: the answer is an item
    answered = "网友：　　您好。感谢您对我们工作的肯定。您反映的路灯问题，已于3月2日修复。县城管局"
    assert [k for k, _ in units(answered)] == ["opening", "item", "closing"]


def test_a_forwarding_note_after_the_date_that_ends_an_answer_is_another_reply() -> None:
    text = (
        "经查实：该犬只已由主人领回，未再放养。社区与其主人谈话，主人承诺外出时拴绳，并已办理犬证。"
        "2021年4月9日　　该帖已转至区城管局核实。2021年4月7日"
    )
    assert units(text) == [
        ("item", "经查实：该犬"),
        ("closing", "2021年4"),
        ("opening", "该帖已转至区"),
        ("closing", "2021年4"),
    ]
    # the platform's receipt run after the date (您的留言已经收到！…) stays in the closing
    receipt = text.replace("该帖已转至区城管局核实。", "您的留言已经收到！已交有关单位办理。")
    assert [k for k, _ in units(receipt)] == ["item", "closing"]


def test_asking_the_writer_to_watch_for_the_answer_is_part_of_the_forwarding_note() -> None:
    text = "网友：你好！帖子里说的事已转交有关单位核实处理。请留意近期答复。"
    assert units(text) == [("opening", "网友：你好！")]
    # words of an answer after the note are an item
    answered = text.replace("请留意近期答复。", "该路段已于昨日修复，恢复通行。")
    assert [k for k, _ in units(answered)] == ["opening", "item"]
