"""The evidence rule behind ``--evidence`` (issue 13): a predicted theme needs one of its theme's words.

Every text here is invented for the test, in the style of proposals and replies.
"""

from __future__ import annotations

import pytest

from devtools.evidence import EVIDENCE, has_evidence, with_evidence
from proposalnlp.themes import THEMES


def test_every_theme_of_the_default_model_has_its_words() -> None:
    assert set(EVIDENCE) == set(THEMES)
    assert all(EVIDENCE[t] for t in THEMES)


def test_a_funding_prediction_without_a_money_word_gives_no_funding() -> None:
    text = "建议对沿街小商户给予政策扶持，简化审批流程，优化营商环境。"  # support, but no money named
    assert with_evidence([text], [["funding"]]) == [[]]


def test_a_theme_with_its_word_stays() -> None:
    text = "建议市财政设立农村养老服务专项资金，对运营困难的互助点给予补助。"
    assert with_evidence([text], [["funding"]]) == [["funding"]]


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("funding", "受资金缺口影响，该项目待明年预算安排后再行启动。"),  # money as the reason for a delay
        ("funding", "支持符合条件的科技企业在创业板上市。"),  # capital markets
        ("innovation", "加快建设新材料产业集群，壮大生物医药产业。"),  # an emerging industry, no R&D word
        ("innovation", "推动全区养老机构接入智慧养老平台。"),  # a digital system adopted by care homes
        ("talent", "完善乡村教师考核办法，定期开展护理员岗前轮训。"),  # named professions without 人才
        ("awareness", "部分群众环保意识淡薄，需加强科普宣传。"),  # mindsets of the public, publicity
    ],
)
def test_the_categories_without_their_typical_word_keep_their_theme(theme: str, text: str) -> None:
    assert has_evidence(text, theme)


def test_the_rule_only_removes_and_keeps_the_order_of_the_rest() -> None:
    text = "建议加大对本地研发机构的资金支持，鼓励企业与高校共建实验室。"  # money and R&D, no people, no minds
    assert with_evidence([text], [["talent", "funding", "innovation", "awareness"]]) == [["funding", "innovation"]]
    assert with_evidence([text], [[]]) == [[]]


def test_a_theme_of_another_taxonomy_is_left_alone() -> None:
    assert has_evidence("办理城市道路照明报修事项。", "城乡建设")


def test_texts_and_label_lists_must_pair_up() -> None:
    with pytest.raises(ValueError, match="2 texts for 1 label lists"):
        with_evidence(["甲", "乙"], [["funding"]])
