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
    passed = "网友：你好。你所反映的问题，我们已转交市场监管局关注。2020年6月3日"
    assert units(passed) == [("opening", "网友：你好。"), ("closing", "2020年6")]
    handled = "网友：您好！您所反映的问题，我们已经转交相关职能部门处理。2020年6月3日"
    assert units(handled) == [("opening", "网友：您好！"), ("closing", "2020年6")]
    # an answer after the forwarding sentence is still an answer
    answered = handled.replace("处理。", "处理。经核实，该店已停止夜间施工。")
    assert [k for k, _ in units(answered)] == ["opening", "item", "closing"]
    # not in the first person, one matter passed on among others answered is a part of the answer
    part = (
        "网友：您好！您反映的噪音问题已经转达环保部门进行调查处理。另您反映的道路积水问题，我局已安排疏通排水管。"
        "感谢您的支持！"
    )
    assert units(part) == [("opening", "网友：您好！"), ("item", "您反映的噪音"), ("closing", "感谢您的支持")]


def test_a_public_spirited_citizen_addressed_with_thanks_is_an_opening() -> None:
    single = (
        "热心市民：您好！感谢您对城市照明的关注。我局已安排维修班组对东湖路路灯进行检修，目前已全部恢复照明。"
        "2020年3月5日"
    )
    assert units(single) == [("opening", "热心市民：您"), ("item", "我局已安排维"), ("closing", "2020年3")]
    stacked = (
        "网友：您好！您反映的路灯问题已转城管局办理。2020年3月2日热心的市民：你好！非常感谢你对城市照明的关注。"
        "我局已安排维修班组对东湖路路灯进行检修，目前已全部恢复照明。2020年3月5日"
    )
    assert units(stacked) == [
        ("opening", "网友：您好！"),
        ("closing", "2020年3"),
        ("opening", "热心的市民："),
        ("item", "我局已安排维"),
        ("closing", "2020年3"),
    ]


def test_a_sentence_giving_an_office_and_phone_for_details_at_the_end_starts_the_closing() -> None:
    text = (
        "网友：您好！现将有关情况回复如下：经核实，该户建房已取得审批手续，目前按照批准的面积施工。"
        "具体细节您可咨询城关国土所，咨询电话：0731-5556666。2020年8月9日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "经核实，该户"), ("closing", "具体细节您可")]
    # followed by more answer it stays in its unit
    more = text.replace("。2020年", "。二、关于补偿问题，镇政府已按标准发放到户。2020年")
    more = more.replace("经核实", "一、经核实")
    assert [k for k, _ in units(more)] == ["opening", "section", "section", "closing"]
    assert units(more)[-1] == ("closing", "2020年8")


def test_message_read_after_the_salutation_is_the_receipt_of_the_opening() -> None:
    text = "网友你好：留言已阅。目前，我市已在各区县设立公共法律服务中心，群众可就近免费咨询。2020年9月1日"
    assert units(text) == [("opening", "网友你好：留"), ("item", "目前，我市已"), ("closing", "2020年9")]
    # 已阅 inside the answer is the answer's
    inside = "网友你好：留言已收悉。经查，该文件已阅批并下发各乡镇执行。2020年9月1日"
    assert [k for k, _ in units(inside)] == ["opening", "item", "closing"]


def test_a_referral_that_is_the_whole_answer_is_the_answer_and_thanks_after_its_comma_close() -> None:
    text = "网民您好：您反映的问题建议您拨打12345政务服务热线，可以就有关问题进行咨询，谢谢！2020年7月1日"
    assert units(text) == [("opening", "网民您好："), ("item", "您反映的问题"), ("closing", "谢谢！202")]
    # a referral to an office, with no thanks: the answer, and the date closes
    office = "网友：您好！请您携带身份证到县社保中心窗口咨询办理。2020年7月1日"
    assert units(office) == [("opening", "网友：您好！"), ("item", "请您携带身份"), ("closing", "2020年7")]
    # after an answer, the same sentence offering a number still starts the closing
    after = "网友：您好！经核实，该路段已完成修补。如有疑问，请您拨打0731-5556666咨询。2020年7月1日"
    assert units(after)[-1] == ("closing", "如有疑问，请")


def test_the_answer_after_the_announcement_is_not_cut_at_a_colon_of_its_first_sentence() -> None:
    text = (
        "网友：您好！收到您的留言后，我局立即组织人员核查，现将调查情况回复如下：经调查，该申请人名叫王某，"
        "户籍所在地：东河镇，家庭人口4人，已于2019年纳入低保。2020年4月1日"
    )
    assert units(text) == [("opening", "网友：您好！"), ("item", "经调查，该申"), ("closing", "2020年4")]
    # a heading with its colon and no comma, right after the announcement, is still the opening's
    heading = "网友：您好！现将有关情况回复如下：关于噪声问题：该厂已安装隔音设施。2020年4月1日"
    assert units(heading)[1] == ("item", "该厂已安装隔")


def test_a_forwarding_notes_date_run_into_the_offices_account_starts_the_offices_answer() -> None:
    text = (
        "网友：您好！您所反映的问题，我们已经转交相关职能部门处理。2020年5月3日我局已经责令物业公司进行整改，"
        "对当班保安进行了批评教育。我局要求物业公司加强管理。2020年6月1日"
    )
    assert units(text) == [
        ("opening", "网友：您好！"),
        ("closing", "2020年5"),
        ("item", "我局已经责令"),
        ("closing", "2020年6"),
    ]
    # thanks run after the note's date are the note's closing
    thanks = "网友：您好！您反映的问题已转交市城管局处理。2020年5月3日感谢您的留言。"
    assert [k for k, _ in units(thanks)] == ["opening", "closing"]
