"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s16-teddy2, read on the errors of held-out-11 (development text since session s16-agree filed them
by cause): each test is one rule a reader would state about replies to citizens' messages, and each failed on the
parser before its rule."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_forwarding_sentence_in_the_first_person_is_the_opening_not_an_answer() -> None:
    passed = "网友：你好。关于小区停车收费一事，我们已转交区发改局关注。2021年4月12日"
    assert units(passed) == [("opening", "网友：你好。"), ("closing", "2021年4")]
    handled = "网友：您好！对于您反映的公园开放时间问题，我们已经转交园林管理处研究办理。2021年4月12日"
    assert units(handled) == [("opening", "网友：您好！"), ("closing", "2021年4")]
    # an answer after the forwarding sentence is still an answer
    answered = handled.replace("办理。", "办理。目前公园已将闭园时间延至晚上十点。")
    assert [k for k, _ in units(answered)] == ["opening", "item", "closing"]
    # not in the first person, one matter passed on among others answered is a part of the answer
    part = (
        "网友：您好！您提到的菜市场油烟问题已经转达环保部门核查处理。另您提到的人行道破损问题，我局已安排修补。"
        "感谢您的支持！"
    )
    assert units(part) == [("opening", "网友：您好！"), ("item", "您提到的菜市"), ("closing", "感谢您的支持")]


def test_a_public_spirited_citizen_addressed_with_thanks_is_an_opening() -> None:
    single = (
        "热心市民：您好！谢谢您为社区养老服务出主意。我区已在三个街道试点长者食堂，今年底前覆盖全部街道。"
        "2021年10月8日"
    )
    assert units(single) == [("opening", "热心市民：您"), ("item", "我区已在三个"), ("closing", "2021年1")]
    stacked = (
        "网友：您好！您的留言已转区民政局办理。2021年10月2日热心的网友：您好！谢谢您为社区养老服务出主意。"
        "我区已在三个街道试点长者食堂，今年底前覆盖全部街道。2021年10月8日"
    )
    assert units(stacked) == [
        ("opening", "网友：您好！"),
        ("closing", "2021年1"),
        ("opening", "热心的网友："),
        ("item", "我区已在三个"),
        ("closing", "2021年1"),
    ]


def test_a_sentence_giving_an_office_and_phone_for_details_at_the_end_starts_the_closing() -> None:
    text = (
        "网友：您好！现将有关情况回复如下：该地块属于城东片区控制性规划范围，拟建设一所九年制学校。"
        "详细情况您可以向区规划分局了解，电话：0731-6120000。2021年3月9日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "该地块属于城"), ("closing", "详细情况您可")]
    # followed by more answer it stays in its unit
    more = text.replace("。2021年", "。二、关于建设时间，该校计划明年开工。2021年")
    more = more.replace("该地块", "一、该地块")
    assert [k for k, _ in units(more)] == ["opening", "section", "section", "closing"]
    assert units(more)[-1] == ("closing", "2021年3")


def test_message_read_after_the_salutation_is_the_receipt_of_the_opening() -> None:
    text = "网友你好：来信已阅。今年我县新增公办幼儿园学位六百个，秋季招生将于八月开始报名。2021年6月2日"
    assert units(text) == [("opening", "网友你好：来"), ("item", "今年我县新增"), ("closing", "2021年6")]
    # 已阅 inside the answer is the answer's
    inside = "网友你好：来信已收悉。经查，该方案已阅批并下发各学校执行。2021年6月2日"
    assert [k for k, _ in units(inside)] == ["opening", "item", "closing"]


def test_a_referral_that_is_the_whole_answer_is_the_answer_and_thanks_after_its_comma_close() -> None:
    text = "网友您好：关于公积金提取的疑问，建议您拨打12329服务热线，工作人员会为您详细解答，谢谢！2021年2月3日"
    assert units(text) == [("opening", "网友您好："), ("item", "关于公积金提"), ("closing", "谢谢！202")]
    # a referral to an office, with no thanks: the answer, and the date closes
    office = "网友：您好！请您携带户口本到街道便民服务中心窗口咨询办理。2021年2月3日"
    assert units(office) == [("opening", "网友：您好！"), ("item", "请您携带户口"), ("closing", "2021年2")]
    # after an answer, the same sentence offering a number still starts the closing
    after = "网友：您好！经核实，该路口信号灯已调整配时。如有疑问，请您拨打0731-6120000咨询。2021年2月3日"
    assert units(after)[-1] == ("closing", "如有疑问，请")


def test_the_answer_after_the_announcement_is_not_cut_at_a_colon_of_its_first_sentence() -> None:
    text = (
        "网友：您好！我办接到留言后进行了核实，现回复如下：按照规定，办理时需带上：身份证原件和单位介绍信，"
        "可在户籍地派出所当场办理。2021年5月6日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "按照规定，办"), ("closing", "2021年5")]
    # a heading with its colon and no comma, right after the announcement, is still the opening's
    heading = "网友：您好！现回复如下：关于办理地点：可在户籍地派出所当场办理。2021年5月6日"
    assert units(heading)[1] == ("item", "可在户籍地派")


def test_a_forwarding_notes_date_run_into_the_offices_account_starts_the_offices_answer() -> None:
    text = (
        "网友：您好！该留言我们已经转交区城管局办理。2021年9月1日我局接件后派执法队员到夜市核查，"
        "已督促摊主收摊后清扫场地。今后我局将加强夜间巡查。2021年9月6日"
    )
    assert units(text) == [
        ("opening", "网友：您好！"),
        ("closing", "2021年9"),
        ("item", "我局接件后派"),
        ("closing", "2021年9"),
    ]
    # thanks run after the note's date are the note's closing
    thanks = "网友：您好！您的诉求已转交区城管局办理。2021年9月1日感谢您的留言。"
    assert [k for k, _ in units(thanks)] == ["opening", "closing"]


def test_a_top_level_number_after_a_nested_list_of_the_same_numerals_starts_a_section() -> None:
    text = (
        "网友：您好！现将办理情况答复如下：一、基本情况该路段由县公路局管养，全长3公里。二、处理情况我局已派人"
        "现场查看，措施如下：一.设置警示标志；二.3.5米宽的坑槽全部修补；三.清理边沟；四.增设路灯。此后路段通行正常。"
        "三、关于路灯的问题。该路段路灯属城管局管理，我局已函告城管局。2021年5月6日"
    )
    assert units(text) == [
        ("opening", "网友：您好！"),
        ("section", "一、基本情况"),
        ("section", "二、处理情况"),
        ("section", "三、关于路灯"),
        ("closing", "2021年5"),
    ]
    # a Chinese number before a decimal inside a sentence numbers nothing
    decimal = "网友：您好！经测量，该路段宽度为七.5米，符合标准。2021年5月6日"
    assert [k for k, _ in units(decimal)] == ["opening", "item", "closing"]
