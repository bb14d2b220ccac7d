"""Review of the eighteenth session's merged changes: the edges its own tests left open. Texts are hand-written,
not taken from any real document."""

from __future__ import annotations

import pytest

import proposalnlp
from proposalnlp.errors import InputValueError


@pytest.mark.parametrize(
    "text",
    [
        "我局已在门户网站公布申报指南，详见http://www.example.gov.cn/zwgk/zn/index.html",
        "建议设立青年人才驿站，具体方案见附件人才驿站建设方案.docx",
        "请于月底前报送申报材料。模板见附件申报表.pdf",
        "办事流程已在网上公开：www.example.gov.cn/bszn.htm",
    ],
)
def test_a_one_line_text_that_ends_naming_a_file_or_a_page_is_read_as_text(text: str) -> None:
    """A sentence may end with an attachment's or a page's name: it is a text, not a file name given by mistake."""
    doc = proposalnlp.parse(text)
    assert doc.units and doc.text == text


@pytest.mark.parametrize(
    "name", ["关于加强青年人才引进的提案.docx", "提案 答复 2024.PDF", r"D:\提案\第12号.wps", "/home/wang/答复函.txt"]
)
def test_a_file_name_or_path_is_still_told_to_be_read(name: str) -> None:
    with pytest.raises(InputValueError, match=r"proposalnlp\.read\(path\)") as caught:
        proposalnlp.parse(name)
    assert caught.value.key == "err.text_is_path"
