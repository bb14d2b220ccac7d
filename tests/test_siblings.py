"""The sibling rule for a request among several (proposalnlp.matching.siblings) and its wiring into match().

The proposal and replies are written for these tests in the style of real 代表建议 and their replies (no real
text): a reply that answers three of four suggestions, one of them in words of its own.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from proposalnlp import match
from proposalnlp.errors import ModelFormatError
from proposalnlp.matching.answer import AnswerModel, default_answer_model, load_answer_model, save_answer_model
from proposalnlp.matching.siblings import relative_support, sibling_lift

PROPOSAL = [
    "建议加大高标准农田建设投入，完善田间灌溉和排水设施，提高粮食综合生产能力。",
    "建议培育新型农业经营主体，对家庭农场和农民合作社给予资金扶持。",
    "建议加强农村实用人才培训，提升农民运用互联网销售农产品的能力。",
    "建议在全县推广秸秆综合利用，建设秸秆收储点，减少露天焚烧造成的污染。",
]

REPLY = """张华代表：
您提出的《关于推进乡村全面振兴的建议》收悉，现答复如下：
一、高标准农田建设。今年全县新建高标准农田3.2万亩，配套修建灌溉渠道46公里、排水沟28公里，项目资金已全部下达。
二、新型经营主体培育。县农业农村局对新认定的家庭农场给予一次性奖补，已扶持农民合作社示范社15家。
三、电商人才培育。县商务局联合邮政公司在各乡镇开设直播带货课程，已培训农民820人次，帮助开设网店130家。
感谢您对农业农村工作的关心和支持。
县农业农村局
2024年6月3日
"""

#: a reply on another matter of the same county: it answers none of the suggestions
OTHER_REPLY = """李强代表：
您提出的《关于改善县城供水条件的建议》收悉，现答复如下：
一、县自来水公司已完成城北水厂扩建，日供水能力提高到5万吨。
二、老旧小区供水管网改造已纳入明年计划，将分两批实施。
感谢您对供水工作的关心和支持。
"""


# -- the rule on numbers ---------------------------------------------------------------------------------
def test_relative_support_is_the_share_of_the_strongest_siblings_support() -> None:
    rel = relative_support([0.9, 0.1, 0.2], [0.40, 0.10, 0.05], [0, 1, 2], [0.5, 0.2, 0.1], partly=0.4)
    assert math.isnan(rel[0])  # answered by the model: nothing to lift
    assert rel[1] == pytest.approx(0.10 / 0.40)
    assert rel[2] == pytest.approx(0.05 / 0.40)


def test_no_rule_for_a_single_request_or_when_no_sibling_is_answered() -> None:
    assert np.isnan(relative_support([0.1], [0.3], [0], [0.3], partly=0.4)).all()
    # a reply on another matter answers no sibling: nothing says it is about this proposal
    assert np.isnan(relative_support([0.2, 0.1, 0.3], [0.3, 0.3, 0.3], [0, 1, 2], [0.3, 0.3, 0.3], 0.4)).all()


def test_a_best_unit_that_belongs_to_a_sibling_lifts_nothing() -> None:
    # the second request's best unit is the first one's, which matches it better: not its own answer
    rel = relative_support([0.9, 0.1], [0.4, 0.3], [0, 0], [0.6, 0.3], partly=0.4)
    assert math.isnan(rel[1])
    # the same unit matched better by the weaker request is its own (the stronger one is answered anyway)
    rel = relative_support([0.9, 0.1], [0.4, 0.3], [0, 0], [0.3, 0.6], partly=0.4)
    assert rel[1] == pytest.approx(0.75)
    # no answering unit at all
    assert math.isnan(relative_support([0.9, 0.1], [0.4, 0.3], [0, None], [0.3, 0.0], partly=0.4)[1])


def test_sibling_lift_applies_the_ratio_and_is_off_without_one() -> None:
    args = ([0.9, 0.1, 0.2], [0.40, 0.10, 0.05], [0, 1, 2], [0.5, 0.2, 0.1], 0.4)
    assert sibling_lift(*args, ratio=0.2).tolist() == [False, True, False]
    assert sibling_lift(*args, ratio=0.1).tolist() == [False, True, True]
    assert not sibling_lift(*args, ratio=None).any()


# -- the model folder keeps the ratio ---------------------------------------------------------------------
def test_the_ratio_is_saved_with_the_model_and_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    m = default_answer_model()
    assert m.sibling_ratio is not None and 0.0 < m.sibling_ratio < 1.0
    copy = AnswerModel(
        m.kind, m.arrays, m.intercept, m.answered, m.partly, m.features, m.calibration, sibling_ratio=0.3
    )
    back = load_answer_model(save_answer_model(copy, tmp_path / "m"))
    assert back.sibling_ratio == 0.3
    off = AnswerModel(m.kind, m.arrays, m.intercept, m.answered, m.partly, m.features, m.calibration)
    assert load_answer_model(save_answer_model(off, tmp_path / "off")).sibling_ratio is None
    with pytest.raises(ModelFormatError, match="sibling_ratio"):
        AnswerModel(m.kind, m.arrays, m.intercept, m.answered, m.partly, m.features, sibling_ratio=-1.0)


# -- match() ------------------------------------------------------------------------------------------------
def test_a_suggestion_answered_in_other_words_among_answered_siblings_is_partly() -> None:
    al = match(PROPOSAL, REPLY)
    v = [(m.verdict, m.basis) for m in al.suggestions]
    # the reply answers the first two (the model retrained on today's features, seventeenth session: p 0.68,
    # under answered 0.769, and 0.87; the model of before: 0.83 and 0.90; round 17's retrain: 0.69 under 0.794,
    # and 0.85): the rule's condition, a sibling at least partly answered, holds either way
    assert v[0][0] != "unanswered" and v[1][0] == "answered", v
    # 人才培训 / 互联网销售 answered as 直播带货课程 and 网店: the model alone says unanswered, its siblings say
    # the reply answers this proposal, and its best unit (section 三) is its own
    third = al.suggestions[2]
    assert third.verdict == "partly" and third.basis == "siblings", v
    assert third.probability is not None and third.probability < al.thresholds.partly
    assert third.ranked[0][0].text.startswith("三、")
    assert third.ranked[0][0] not in al.unused_reply_units
    assert third.to_dict()["basis"] == "siblings"
    # the unit the verdict rests on is shown as partly related, not "not related" under a "partly" verdict
    assert third.unit_probability[0] < al.thresholds.partly
    assert third.strength(0, al.thresholds) == "partial"
    t = al.thresholds
    for k in range(1, len(third.unit_probability)):  # the other units keep the model's word
        p = third.unit_probability[k]
        assert third.strength(k, t) == ("direct" if p >= t.answered else "partial" if p >= t.partly else "weak")
    # 秸秆: not a word of it; its best unit belongs to the 农田 suggestion
    assert v[3] == ("unanswered", "model"), v
    assert al.coverage["unanswered"] == 1


def test_the_rule_needs_the_reply_to_answer_a_sibling() -> None:
    # a reply on another matter: every suggestion stays with the model's verdict
    assert all(m.basis == "model" for m in match(PROPOSAL, OTHER_REPLY).suggestions)
    # the same suggestion alone, with no sibling to compare with: the model's verdict
    alone = match([PROPOSAL[2]], REPLY).suggestions[0]
    assert alone.basis == "model" and alone.verdict == "unanswered"
    # ... and its best unit keeps the model's word
    assert alone.strength(0) == "weak"
