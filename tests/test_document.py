"""parse(): structure of hand-written documents in the layouts real ones use, offsets, errors.

Every string here is written for these tests (invented places and people), in the style of real
proposals and replies.
"""

from __future__ import annotations

import json

import pytest

from proposalnlp import parse
from proposalnlp.document import KINDS, Document, example_text, read_text
from proposalnlp.errors import EmptyInputError, InputTypeError, InputValueError, ProposalNLPError


def check_offsets(doc: Document, original: str) -> None:
    """The invariants every parse must keep: spans, order, ids, parents, levels."""
    seen: dict[str, int] = {}
    last_end = -1
    for u in doc.units:
        assert u.text == original[u.start : u.end]
        assert u.text and u.text == u.text.strip().strip("\ufeff")
        assert u.start >= last_end, f"{u.id} overlaps the unit before it"
        last_end = u.end
        assert u.kind in KINDS and u.part in ("proposal", "reply")
        assert u.id not in seen
        if u.parent is None:
            assert u.level == 1
        else:
            assert u.parent in seen, f"{u.id}: parent {u.parent} is not an earlier unit"
            assert u.level == seen[u.parent] + 1
            assert u.id.startswith(u.parent + ".")
        seen[u.id] = u.level


def kinds(doc: Document) -> list[tuple[str, str, str]]:
    return [(u.id, u.part, u.kind) for u in doc.units]


# --- the bundled example ------------------------------------------------------------------------

EXAMPLE_STRUCTURE = [
    ("P1", "proposal", "background"),
    ("P2", "proposal", "background"),
    ("P3", "proposal", "section"),
    ("P3.1", "proposal", "problem"),
    ("P3.2", "proposal", "problem"),
    ("P3.3", "proposal", "problem"),
    ("P3.4", "proposal", "problem"),
    ("P4", "proposal", "section"),
    ("P4.1", "proposal", "suggestion"),
    ("P4.2", "proposal", "suggestion"),
    ("P4.3", "proposal", "suggestion"),
    ("P4.4", "proposal", "suggestion"),
    ("P4.5", "proposal", "suggestion"),
    ("R1", "reply", "opening"),
    ("R2", "reply", "section"),
    ("R3", "reply", "section"),
    ("R3.1", "reply", "item"),
    ("R3.2", "reply", "item"),
    ("R3.3", "reply", "item"),
    ("R4", "reply", "section"),
    ("R5", "reply", "next-step"),
    ("R5.1", "reply", "next-step"),
    ("R5.2", "reply", "next-step"),
    ("R5.3", "reply", "next-step"),
    ("R6", "reply", "closing"),
]


def test_example_parses_exactly() -> None:
    text = example_text()
    doc = parse(text)
    check_offsets(doc, text)
    assert kinds(doc) == EXAMPLE_STRUCTURE
    assert doc.title == "关于支持县域食品加工企业转型升级的提案"
    assert doc.metadata["文号"] == "云工信提复〔2024〕17号"
    assert doc.metadata["主题分类"] == "政协提案办理"
    assert [u.heading for u in doc.suggestions][:2] == ["一是加强人才引育", "二是加大财政金融支持"]
    assert doc.unit("R3.1").heading == "（一）建设数字化示范车间"
    assert doc.unit("R3.1").text.endswith("推广在线检测、智能仓储等成熟做法。")  # the body stays with its item
    assert doc.unit("R1").text.startswith("林晓舟委员：") and "收悉" in doc.unit("R1").text
    closing = doc.unit("R6").text
    assert "2024年6月18日" in closing and closing.endswith("抄送：市政协提案委员会")
    assert len(doc.problems) == 4 and len(doc.suggestions) == 5
    assert [u.id for u in doc.children("R3")] == ["R3.1", "R3.2", "R3.3"]


def test_example_with_crlf_bom_and_bytes_gives_the_same_structure() -> None:
    text = example_text()
    base = kinds(parse(text))
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    doc = parse(crlf)
    check_offsets(doc, crlf)
    assert kinds(doc) == base
    for raw in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("gb18030")):
        assert kinds(parse(raw)) == base


def test_parse_is_deterministic() -> None:
    text = example_text()
    assert parse(text).to_dict() == parse(text).to_dict()
    json.dumps(parse(text).to_dict(), ensure_ascii=False)


# --- layouts --------------------------------------------------------------------------------------


def test_ascii_punctuation_tabs_and_ideographic_spaces() -> None:
    text = (
        "提案内容:\n"
        "\t东坪县近年来大力发展竹制品产业,但企业规模普遍偏小。\n"
        "\u3000\u3000一、存在问题\n"
        "\u3000\u30001. 竹材初加工分散,运输成本高;\n"
        "\u3000\u30002. 产品同质化严重,利润微薄。\n"
        "二、建议\n"
        "(1)建设竹材集中加工园区,降低物流成本。\n"
        "(2)设立竹产品设计奖补资金,鼓励开发新品。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert kinds(doc) == [
        ("P1", "proposal", "background"),
        ("P2", "proposal", "section"),
        ("P2.1", "proposal", "problem"),
        ("P2.2", "proposal", "problem"),
        ("P3", "proposal", "section"),
        ("P3.1", "proposal", "suggestion"),
        ("P3.2", "proposal", "suggestion"),
    ]
    assert doc.unit("P2.1").text.startswith("1. 竹材")
    assert doc.unit("P3.2").heading == "(2)设立竹产品设计奖补资金,鼓励开发新品"


def test_nested_sub_sections_are_children_of_their_section() -> None:
    text = (
        "答复内容：\n"
        "周明远代表：\n"
        "你提出的关于加强乡村学校建设的建议收悉，现答复如下：\n"
        "一、改善办学条件\n"
        "今年投入资金修缮校舍32所。\n"
        "二、充实师资力量\n"
        "三、推进教育信息化\n"
        "四、加强经费保障\n"
        "（一）落实生均公用经费。\n"
        "按每生每年800元标准拨付。\n"
        "（二）设立乡村教师补助。\n"
        "每月补助500元。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    sec4 = next(u for u in doc.units if u.text.startswith("四、"))
    kids = doc.children(sec4.id)
    assert [k.text.split("\n")[0] for k in kids] == ["（一）落实生均公用经费。", "（二）设立乡村教师补助。"]
    assert all(k.kind == "item" and k.level == 2 for k in kids)
    assert kids[0].text.endswith("800元标准拨付。")
    assert [u.kind for u in doc.units if u.level == 1] == ["opening", "section", "section", "section", "section"]
    assert doc.unit("R2").text.endswith("修缮校舍32所。")  # a section keeps its body paragraph


def test_shouxian_qici_zuihou_inline_in_one_line() -> None:
    text = (
        "调研情况：桐湾区老旧小区共有加装电梯需求的住宅楼约400栋。问题分析：资金分摊难以协商一致，审批环节较多。"
        "具体建议：首先，由区政府对每台电梯给予定额补助。其次，简化规划和消防审批流程。最后，引导物业企业参与后期维保。"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.kind for u in doc.units] == ["background", "problem", "suggestion", "suggestion", "suggestion"]
    sug = doc.suggestions
    assert sug[0].text.startswith("具体建议：首先")
    assert sug[1].text.startswith("其次") and sug[2].text.startswith("最后")


def test_di_yi_di_er_and_circled_numbers() -> None:
    text = (
        "具体建议：\n第一，建立河湖巡查长效机制。\n第二，加大对沿河排污口的整治力度。\n第三，鼓励志愿者参与护河行动。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.text[:2] for u in doc.suggestions] == ["第一", "第二", "第三"]
    circled = "建议如下：\n①完善公交线网。\n②增加早晚高峰班次。\n③推广电子站牌。\n"
    doc2 = parse(circled)
    check_offsets(doc2, circled)
    assert [u.text[0] for u in doc2.suggestions] == ["①", "②", "③"]


def test_inline_layout_with_nbsp_paragraph_breaks_and_nested_sub_points() -> None:
    text = (
        "调研情况：河畔镇共有养殖户1200户，近三年产值年均增长8.5%。\xa0\xa0\xa0 问题分析：\xa0\xa0 "
        "一是冷链设施不足，损耗较大；二是品牌意识薄弱，产品卖不上价。具体建议：为此建议：1.建设镇级冷链中心。"
        "一是争取上级项目资金，二是吸引社会资本参与。2.打造区域公用品牌。3.培育电商带头人。"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.kind for u in doc.units] == ["background", "problem", "problem", "suggestion", "suggestion", "suggestion"]
    first = doc.suggestions[0]
    assert first.text.startswith("具体建议：为此建议：1.建设")
    assert "二是吸引社会资本参与" in first.text  # sub-points written inline stay inside their item
    assert doc.problems[0].text.startswith("问题分析：") and doc.problems[1].text.startswith("二是")
    assert "8.5%" in doc.units[0].text  # a decimal is not a list marker


def test_multi_line_reply_keeps_inline_yishi_inside_its_section() -> None:
    text = (
        "陈立群委员：\n"
        "您提出的关于扶持小微外贸企业的提案收悉，现答复如下：\n"
        "一、加大出口信用保险支持\n"
        "我局会同有关部门采取了多项措施：一是扩大保单覆盖面；二是降低保费费率；三是加快理赔速度。\n"
        "二、拓展海外市场渠道\n"
        "组织企业参加境外展会15场。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert kinds(doc) == [("R1", "reply", "opening"), ("R2", "reply", "section"), ("R3", "reply", "section")]
    assert "三是加快理赔速度" in doc.unit("R2").text


def test_no_structure_gives_one_other_unit_per_paragraph() -> None:
    text = "今天的座谈会开得很好。\n\n大家围绕社区养老谈了不少想法。\r\n会后将整理成文。"
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.kind for u in doc.units] == ["other", "other", "other"]
    assert [u.id for u in doc.units] == ["P1", "P2", "P3"]
    assert doc.units[1].text == "大家围绕社区养老谈了不少想法。"


def test_reply_only_and_proposal_only() -> None:
    reply = (
        "郑宇航代表：\n"
        "你提出的《关于规范校外培训机构的建议》已收悉。经研究，现答复如下：\n"
        "一、开展专项整治。全年检查培训机构210家，责令整改37家。\n"
        "二、完善监管制度。出台培训机构分类管理办法。\n"
        "再次感谢你对教育工作的关心和支持。\n"
        "南坪市教育局\n"
        "2023年7月5日\n"
    )
    doc = parse(reply)
    check_offsets(doc, reply)
    assert not doc.proposal
    assert [u.kind for u in doc.reply] == ["opening", "section", "section", "closing"]
    assert doc.reply[-1].text.endswith("2023年7月5日")
    proposal = "问题分析：夜间公交线路少。\n具体建议：\n1、增开夜班公交。\n2、延长地铁运营时间。\n"
    doc2 = parse(proposal)
    check_offsets(doc2, proposal)
    assert not doc2.reply
    assert [u.kind for u in doc2.units] == ["problem", "section", "suggestion", "suggestion"]


def test_reply_without_salutation_is_detected_from_its_wording() -> None:
    text = (
        "发展智慧农业是推进乡村振兴的重要举措。我局高度重视，主要开展了以下工作：一是编制智慧农业发展规划；"
        "二是建设农业物联网示范基地5个；三是举办新型职业农民培训班12期。"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.part for u in doc.units] == ["reply"] * 4
    assert [u.kind for u in doc.units] == ["item", "section", "section", "section"]


def test_words_that_look_like_markers_are_not_units() -> None:
    text = "问题分析：各地标准不统一、规范不健全，2019年投入1.5亿元，增长3.2%，唯一是市级财政拨款。"
    doc = parse(text)
    check_offsets(doc, text)
    assert len(doc.units) == 1


def test_offsets_hold_on_messy_whitespace() -> None:
    text = (
        "\ufeff  \r\n提案内容：\r\n\r\n\t\u3000 一、问题 \r\n  一是甲。 \r\n二是乙。\r\n"
        "\u3000二、建议\r\n 1. 丙。\r\n 2. 丁。  "
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.kind for u in doc.units] == ["section", "problem", "problem", "section", "suggestion", "suggestion"]


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 42, ["一、问题"], 3.5])
def test_non_text_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(InputTypeError, match="str"):
        parse(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", "   ", "\n\r\n\t\u3000", "\ufeff", b"", "\ufeff \n".encode()])
def test_blank_input_is_an_empty_input_error(blank: str | bytes) -> None:
    with pytest.raises(EmptyInputError, match="empty"):
        parse(blank)
    with pytest.raises(ValueError):
        parse(blank)


def test_undecodable_bytes_are_an_input_value_error() -> None:
    with pytest.raises(InputValueError, match="UTF-8"):
        parse(b"\xff\xfe\xff\x80\x80")
    with pytest.raises(ProposalNLPError):
        read_text(b"\xff\xff")


def test_gb18030_bytes_are_decoded() -> None:
    text = "具体建议：\n1、加快建设。\n2、加强保障。\n"
    doc = parse(text.encode("gb18030"))
    assert doc.text == text and len(doc.suggestions) == 2


def test_unlabelled_proposal_list_kinds_follow_what_items_say() -> None:
    text = (
        "关于改善城郊公交服务的建议\n"
        "城郊居民出行主要依靠公交，近年来客流增长较快。\n"
        "1、线路覆盖不足，部分新建小区没有公交站点。\n"
        "2、优化线网，在新建小区周边增设站点。\n"
        "3、高峰时段加密班次。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert doc.title == "关于改善城郊公交服务的建议"
    assert [u.kind for u in doc.units] == ["background", "problem", "suggestion", "suggestion"]


def test_numbered_next_steps_and_inline_closing() -> None:
    text = (
        "吴海燕委员：\n"
        "您提出的关于发展夜间经济的提案收悉，现答复如下：\n"
        "一、已开展的工作\n"
        "今年在老城区打造夜间消费街区3条。\n"
        "二、下一步工作打算\n"
        "（一）完善街区配套设施。\n"
        "（二）延长公共交通运营时间。\n"
        "感谢您对我市商贸工作的支持。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert [u.kind for u in doc.units] == ["opening", "section", "next-step", "next-step", "next-step", "closing"]
    one_line = (
        "关于您提出的加强电动自行车管理的建议，我局高度重视。一是开展集中整治行动；二是推广智能充电设施。"
        "感谢您对公安工作的关心和支持！"
    )
    doc2 = parse(one_line)
    check_offsets(doc2, one_line)
    assert [u.kind for u in doc2.units] == ["item", "section", "section", "closing"]


def test_anyou_title_and_header_lines() -> None:
    text = (
        "提案人：何静\n"
        "案号：第0215号\n"
        "案由：关于加强城市古树名木保护的提案\n"
        "调研情况：全市登记在册的古树名木共1635株。\n"
        "问题分析：部分古树生长空间被挤占。\n"
        "具体建议：建立古树名木数字档案。\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert doc.metadata == {"提案人": "何静", "案号": "第0215号"}
    assert doc.title == "关于加强城市古树名木保护的提案"
    assert [u.kind for u in doc.units] == ["background", "problem", "suggestion"]
    assert all(not u.text.startswith("案由") for u in doc.units)


def test_indented_reply_with_title_issue_headings_and_signature() -> None:
    text = (
        "县交通运输局关于县十七届人大二次会议第36号建议的答复\n"
        "马建国代表：\n"
        "\u3000\u3000您提出的《关于改善农村公路通行条件的建议》收悉，现答复如下：\n"
        "\u3000\u3000一、关于农村公路提档升级的问题\n"
        "\u3000\u3000今年我局共实施农村公路提档升级工程86公里。下一步，我们将继续争取上级资金支持。\n"
        "\u3000\u3000二、关于危桥改造的问题\n"
        "\u3000\u30001.已完成危桥改造12座。\n"
        "\u3000\u30002.剩余9座纳入明年计划。\n"
        "\u3000\u3000感谢您对交通工作的关心！\n"
        "\u3000\u3000\u3000\u3000\u3000\u3000县交通运输局\n"
        "\u3000\u3000\u3000\u3000\u3000\u30002023年8月1日\n"
    )
    doc = parse(text)
    check_offsets(doc, text)
    assert doc.title == "县交通运输局关于县十七届人大二次会议第36号建议的答复"
    # issue 14: the title line is the letter's header (a unit that answers nothing), and a 下一步 sentence
    # inside a section's paragraph is a next-step unit of its own, running to the end of that paragraph
    assert kinds(doc) == [
        ("R1", "reply", "header"),
        ("R2", "reply", "opening"),
        ("R3", "reply", "section"),
        ("R4", "reply", "next-step"),
        ("R5", "reply", "section"),
        ("R5.1", "reply", "item"),
        ("R5.2", "reply", "item"),
        ("R6", "reply", "closing"),
    ]
    assert doc.unit("R4").text == "下一步，我们将继续争取上级资金支持。"
    assert doc.unit("R3").heading == "一、关于农村公路提档升级的问题"
    assert doc.unit("R6").text.endswith("2023年8月1日")


def test_a_text_of_header_like_lines_only_is_read_as_body() -> None:
    for text in ("关于加强社区图书室建设的提案", "联系人：李娜\n联系电话：12345"):
        doc = parse(text)
        check_offsets(doc, text)
        assert doc.units and doc.title is None and not doc.metadata
