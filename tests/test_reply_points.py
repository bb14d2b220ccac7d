"""A list 一是…二是… inside a numbered section of a reply is the section's points (``unit.children``, kind
"point"), not sections of their own and not lost in its text: a reader counts them as what that section does
point by point (issue 14). A top-level 一是 list stays the reply's sections. Invented texts."""

from __future__ import annotations

from proposalnlp import parse

LETTER = (
    "王委员：\n您提出的关于加强人才培养的提案收悉，现答复如下：\n"
    "一、关于人才引进。我局高度重视，一是出台了引才政策，每年引进博士20名；二是设立了人才专项资金500万元；"
    "三是建设人才公寓300套。\n"
    "二、关于人才培训。今年举办培训班12期，培训技术人员两千人次。\n"
    "感谢您对人才工作的关心。"
)


def test_points_of_a_numbered_section_are_its_children() -> None:
    doc = parse(LETTER)
    assert [u.kind for u in doc.units] == ["opening", "section", "section", "closing"]
    first = doc.units[1]
    assert [c.kind for c in first.children] == ["point"] * 3
    assert [c.id for c in first.children] == ["R2.1", "R2.2", "R2.3"]
    assert [c.text[:2] for c in first.children] == ["一是", "二是", "三是"]
    assert first.children[-1].text == "三是建设人才公寓300套。"
    for c in first.children:
        assert c.part == "reply" and c.parent == first.id and c.level == first.level + 1
        assert LETTER[c.start : c.end] == c.text
        assert first.start <= c.start < c.end <= first.end  # the section keeps its text
    assert doc.units[2].children == []


def test_a_list_that_does_not_count_on_or_has_one_point_is_no_list() -> None:
    one = LETTER.replace("二是设立", "设立").replace("三是建设", "建设")
    assert parse(one).units[1].children == []
    skipped = LETTER.replace("二是设立", "设立")  # 一是, 三是: no list
    assert parse(skipped).units[1].children == []
    inside = LETTER.replace("我局高度重视，一是", "我局高度重视统一是")  # 统一是… is no point
    assert parse(inside).units[1].children == []


def test_a_top_level_list_stays_sections() -> None:
    doc = parse("网友：您好！现将有关情况回复如下：一是已更换损坏路灯三盏；二是增设路灯十盏。感谢您的关注。")
    assert [u.kind for u in doc.units] == ["opening", "section", "section", "closing"]
    assert all(u.children == [] for u in doc.units)


def test_a_proposal_is_unchanged() -> None:
    doc = parse("建议如下：\n一、加强人才引进。一是出台引才政策；二是设立专项资金。\n二、加强培训。")
    assert all(c.part == "proposal" for u in doc.units for c in u.children)
