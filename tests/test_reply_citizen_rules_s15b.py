"""Hand-written replies to citizens' online messages (invented offices, people, places, ids and figures) for the
rules of session s15-teddy2, read on the errors of the tuned Teddy parts (dev, held-out ... held-out-8) and on the
misses the last round left: each test is one rule a reader would state about replies to citizens' messages."""

from __future__ import annotations

from proposalnlp import parse


def units(text: str) -> list[tuple[str, str]]:
    """(kind, first characters) of every unit."""
    return [(u.kind, u.text[:6]) for u in parse(text).units]


def test_a_reply_that_only_says_the_message_was_forwarded_or_is_being_handled_is_all_opening() -> None:
    forwarded = "“QK9101”您好！您反映的问题已转交至县市场监管局，因您未写明店名，建议您直接拨打12345告知。2020年5月6日"
    assert [k for k, _ in units(forwarded)] == ["opening", "closing"]
    handling = "网友：您好！关于您反映的小区停水问题正在协调处理当中。2020年5月7日"
    assert [k for k, _ in units(handling)] == ["opening", "closing"]
    # a word on the message before the note, and no address at all
    assert [k for k, _ in units("你的意见很好。我们已将你的意见转给有关部门研究。")] == ["opening"]
    # an answer after the forwarding is an answer
    answered = (
        "网友：您好！您反映的问题已转交县城管局，城管局已于5月8日拆除该处违建，并对业主处以罚款。2020年5月9日"
    )
    assert [k for k, _ in units(answered)] == ["opening", "item", "closing"]


def test_thanks_after_the_answer_start_the_closing_with_the_promise_or_advice_that_follows_them() -> None:
    promise = (
        "网友：您好！新建的菜市场将于下月开业，摊位已按程序公开招租，租金按物价部门核定的标准收取。"
        "感谢您对菜市场建设的关心。我们将加强市场管理，确保市场安全有序。2020年8月1日"
    )
    assert units(promise)[-1] == ("closing", "感谢您对菜市")
    advice = (
        "网友“QK9102”　　您好！您的留言已收悉，现回复如下：　　今年招考的岗位中有六成面向全市，其余面向本县户籍。"
        "　　感谢您对我县招考工作的关注！建议您结合自身条件选择岗位报考，并预祝您考试顺利！"
        "　　青河县人社局　2020年6月2日"
    )
    assert units(advice)[-1] == ("closing", "感谢您对我县")
    assert [k for k, _ in units(advice)] == ["opening", "item", "closing"]
    # thanks followed by more answer (a fact, not a promise) are not yet the closing
    more = (
        "网友：您好！新建的菜市场将于下月开业，摊位已按程序公开招租。感谢您的建议。"
        "摊位租金按物价部门核定的标准收取，每月每个三百元。2020年8月1日"
    )
    assert units(more)[-1] == ("closing", "2020年8")


def test_an_office_naming_itself_as_the_one_that_answers_ends_the_opening() -> None:
    text = (
        "尊敬的网友：来信已收悉！青松街道回复：1.小区道路改造分期进行，今年完成东区路面。"
        "2.关于乱停车问题，社区已在路口设置禁停标志。"
    )
    assert units(text) == [("opening", "尊敬的网友："), ("section", "1.小区道路"), ("section", "2.关于乱停")]


def test_taking_the_writers_criticism_with_thanks_before_the_answer_is_the_openings() -> None:
    text = (
        "“QK9103”　　您好！您提出的意见我镇已收悉，我们虚心接受您的批评，感谢您对集镇环境的关心。"
        "　　我镇已安排专人对该路段的垃圾进行清运，并增设了两个垃圾箱。　　2020年3月4日"
    )
    assert [k for k, _ in units(text)] == ["opening", "item", "closing"]
    assert units(text)[1] == ("item", "我镇已安排专")


def test_a_paragraph_that_greets_again_and_announces_its_own_answer_is_a_second_opening() -> None:
    text = (
        "网友“QK9104”　　您好！您的留言已收悉。现将办理情况回复如下：　　您好！我社区接到反映后，"
        "组织物业人员进行了核查。现将有关情况回复如下：小区东门的路灯已于3月2日修复，物业已安排专人每周巡查。"
        "　　感谢您对我们工作的支持！　　2020年3月5日"
    )
    assert [k for k, _ in units(text)] == ["opening", "opening", "item", "closing"]
    assert units(text)[2] == ("item", "小区东门的路")
    # a greeting inside the answer, with no announcement of its own, opens nothing
    once = text.replace("现将有关情况回复如下：小区东门", "小区东门")
    assert [k for k, _ in units(once)].count("opening") == 1


def test_a_guide_to_a_procedure_with_no_address_is_an_offices_answer_not_a_proposal() -> None:
    text = (
        "一、先确认房屋是否在本县，外县的房屋请向房屋所在地不动产中心咨询。二、本县房屋"
        "（一）材料准备：身份证与房产证（二）办事流程1、在网上预约2、到中心窗口提交材料3、领取新证"
        "（三）办理时限：5个工作日。"
    )
    doc = parse(text)
    assert doc.reply and doc.units[0].part == "reply"
    assert doc.units[0].kind == "section"
    # a citizen's message that asks about a procedure names one step at most: still a message
    asked = "请问在本县补办房产证的办事流程是什么？我已经跑了三趟不动产中心都没有办成，恳请有关部门给个说法。"
    assert not parse(asked).reply


def test_a_text_that_sends_its_reader_to_an_office_for_the_details_is_an_answer() -> None:
    text = (
        "近年来，我县按统一办法为护林员发放了岗位补助，具体发放情况为：　　补助按季度发放，每人每季1500元，"
        "由乡镇林业站核发，详情可到乡镇林业站查询，咨询电话：0000-5566778。　　另外，护林员意外保险由县里统一购买。"
    )
    doc = parse(text)
    assert doc.reply and {u.part for u in doc.units} == {"reply"}
    # without the pointer to the details the same account is nobody's answer
    bare = text.replace("详情可到乡镇林业站查询，咨询电话：0000-5566778。", "")
    assert not parse(bare).reply
