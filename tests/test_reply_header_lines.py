"""A reply's letter header: one unit from its first line to the opening, the reply's own title included, however
the header's fields are spaced; several fields on one line are each metadata. Invented letters only."""

from __future__ import annotations

import pytest

from proposalnlp import parse

BODY = """关于市政协十届三次会议第58号提案的答复
周立平委员：
您提出的《关于完善社区养老服务的提案》收悉，现答复如下：
一、加大资金投入。今年市财政安排社区养老专项资金一千二百万元。
二、培养护理人才。与市卫生学校合办护理员培训班六期。
感谢您对民政工作的关心和支持。
"""


@pytest.mark.parametrize("gap", [" ", "  ", "    ", "\u3000", "\t"])
def test_header_fields_on_one_line_and_the_title_make_one_header_unit(gap: str) -> None:
    text = f"类别：B类{gap}公开方式：主动公开\n" + BODY
    doc = parse(text)
    header = doc.units[0]
    assert header.kind == "header"
    assert header.text.endswith("第58号提案的答复")  # the title belongs to the header unit
    assert doc.units[1].kind == "opening"
    assert doc.metadata["类别"] == "B类"
    assert doc.metadata["公开方式"] == "主动公开"
    assert doc.title == "关于市政协十届三次会议第58号提案的答复"


def test_a_header_field_alone_keeps_the_title_in_the_header_unit() -> None:
    doc = parse("类别：A\n" + BODY)
    assert [u.kind for u in doc.units][:2] == ["header", "opening"]
    assert doc.units[0].text.replace("\n", "") == "类别：A关于市政协十届三次会议第58号提案的答复"
    assert [u.kind for u in doc.units if u.kind == "section"] == ["section", "section"]
