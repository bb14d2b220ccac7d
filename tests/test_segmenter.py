"""The learned reply segmenter's candidates, features and decoding (``devtools/segmenter.py``, issue 14), on invented
replies (offices, names, ids and dates made up): where a unit may start, what the model is told about each position,
and that a fitted model is deterministic and gives a Document the parse scorer reads."""

from __future__ import annotations

import numpy as np

from devtools.segmenter import (
    KINDS,
    Segmenter,
    candidate_features,
    candidates,
    label_candidates,
    marker_shape,
)

REPLY = (
    "网友“QX2021”：\u3000\u3000您好！您的留言已收悉，现回复如下：\u3000\u3000一、关于路灯维修。我局已安排维修班组于"
    "本周内修复。\u3000\u3000二、关于绿化带补种。园林所将在春季补种。下一步，我们将加强巡查。\u3000\u3000"
    "感谢您对我们工作的支持！2021年3月5日"
)


def starts(text: str) -> list[str]:
    """The first two characters at each candidate."""
    return [text[c.pos : c.pos + 2] for c in candidates(text)]


def test_candidates_are_paragraph_sentence_and_colon_starts_one_per_break() -> None:
    got = starts(REPLY)
    assert got[0] == "网友"
    for want in ("您好", "您的", "一、", "我局", "二、", "园林", "下一", "感谢", "20"):
        assert want in got, want
    # the 。 before a paragraph break and the break give one candidate, not two
    cs = candidates(REPLY)
    assert len({c.pos for c in cs}) == len(cs)
    assert all(not REPLY[c.pos].isspace() for c in cs)
    assert "现回" not in got  # a comma before an ordinary clause starts nothing
    para = next(c for c in cs if REPLY[c.pos : c.pos + 2] == "二、")
    assert (para.boundary, para.prev, para.gap) == ("para", "。", 2)


def test_glued_starts_after_a_date_a_quoted_name_and_at_bracketed_markers() -> None:
    two = "此件已转区住建局办理。2021年4月2日网友：您好！小区电梯已于上周修复。"
    assert "网友" in starts(two)
    glued = "办理材料（一）身份证复印件（二）申请表原件"
    assert "（一" in starts(glued) and "（二" in starts(glued)
    numbered = "需要准备的材料有房产证2、身份证"
    assert "2、" in starts(numbered)
    # a number inside a figure or a range is not a list marker
    assert "2、" not in starts("本小区共有12、13号两栋楼。")
    # a comma starts a candidate only before a list marker or a closing/plan word
    assert "感谢" in starts("已经安排人员处理，感谢您的来信。")
    assert "安排" not in starts("已经处理，安排人员巡查。")


def test_marker_shapes_and_numbers() -> None:
    assert marker_shape("一、总体情况", 0) == ("cn_dun", 1)
    assert marker_shape("（十二）其他", 0) == ("cn_paren", 12)
    assert marker_shape("3.加强管理", 0) == ("ar_dun", 3)
    assert marker_shape("3.5米宽", 0) == ("", 0)
    assert marker_shape("（2）整改", 0) == ("ar_paren", 2)
    assert marker_shape("③报送", 0) == ("circled", 3)
    assert marker_shape("二是加快建设", 0) == ("shi", 2)
    assert marker_shape("第三，加强", 0) == ("di", 3)
    assert marker_shape("其次要加强", 0) == ("ordinal", 2)
    assert marker_shape("我局已安排", 0) == ("", 0)


def test_features_say_marker_level_genre_words_dates_and_what_came_before() -> None:
    cs = candidates(REPLY)
    feats = candidate_features(REPLY, cs)
    at = {REPLY[c.pos : c.pos + 2]: f for c, f in zip(cs, feats, strict=True)}
    assert at["一、"]["shape=cn_dun"] == 1 and at["一、"]["shape_seen=False"] == 1
    assert at["二、"]["shape_seen=True"] == 1 and at["二、"]["shape_next=True"] == 1
    assert at["下一"]["head=下一步"] == 1 and at["下一"]["b=。"] == 1
    assert at["感谢"]["head=感谢"] == 1 and "after_closing_words" not in at["感谢"]
    assert at["20"]["date"] == 1 and at["20"]["after_closing_words"] == 1
    assert at["一、"]["after_salutation"] == 1 and at["一、"]["after_announce"] == 1
    assert "after_salutation" not in at["网友"]
    assert not any(k.startswith("parser=") for k in at["一、"])
    # the parser's decision is one more feature when given
    parsed = [(REPLY.index("一、"), "section")]
    with_parser = candidate_features(REPLY, cs, parsed)
    at_p = {REPLY[c.pos : c.pos + 2]: f for c, f in zip(cs, with_parser, strict=True)}
    assert at_p["一、"]["parser=section"] == 1 and at_p["我局"]["parser=none"] == 1


def test_labels_take_the_nearest_marked_start_within_three_characters() -> None:
    cs = candidates(REPLY)
    one = REPLY.index("一、")
    labels = label_candidates(cs, [(0, "opening"), (one + 2, "section")])
    at = {REPLY[c.pos : c.pos + 2]: lab for c, lab in zip(cs, labels, strict=True)}
    assert at["网友"] == "opening" and at["一、"] == "section" and at["二、"] == "none"
    assert label_candidates(cs, [(one + 4, "section")])[[c.pos for c in cs].index(one)] == "none"


def _toy_rows() -> list[tuple[list[dict[str, float]], list[str]]]:
    texts = [
        "网友：您好！现回复如下：一、已修复路灯。二、已补种绿化。感谢支持！2021年1月2日",
        "市民：你好！经核查，该路段已纳入计划。下一步将加快施工。谢谢！2021年2月3日",
        "网友：您好！您反映的问题已收悉。1、噪声已整改。2、已加强巡查。感谢您的监督。2021年3月4日",
    ]
    gold = [
        [("网友", "opening"), ("一、", "section"), ("二、", "section"), ("感谢", "closing")],
        [("市民", "opening"), ("经核", "item"), ("下一", "next-step"), ("谢谢", "closing")],
        [("网友", "opening"), ("1、", "section"), ("2、", "section"), ("感谢", "closing")],
    ]
    rows = []
    for text, marks in zip(texts, gold, strict=True):
        cs = candidates(text)
        rows.append((candidate_features(text, cs), label_candidates(cs, [(text.index(q), k) for q, k in marks])))
    return rows


def test_a_fitted_model_is_deterministic_and_gives_a_scorable_document() -> None:
    text = "网友：您好！现回复如下：一、已清理垃圾。二、已增设垃圾桶。感谢支持！2021年5月6日"
    a = Segmenter(C=3.0, threshold=0.5).fit(_toy_rows())
    b = Segmenter(C=3.0, threshold=0.5).fit(_toy_rows())
    da, db = a.segment(text), b.segment(text)
    assert [(u.start, u.kind) for u in da.units] == [(u.start, u.kind) for u in db.units]
    assert all(u.part == "reply" and u.kind in KINDS[1:] for u in da.units)
    assert [u.start for u in da.units] == sorted(u.start for u in da.units)
    assert all(u.text == text[u.start : u.end] for u in da.units)
    # the model learnt the numbered sections and the closing from the three replies
    kinds = {text[u.start : u.start + 2]: u.kind for u in da.units}
    assert kinds.get("一、") == "section" and kinds.get("二、") == "section"
    assert kinds.get("感谢") == "closing"


def test_decoding_keeps_the_most_probable_of_close_starts_and_respects_the_threshold() -> None:
    text = "甲。乙。丙丙丙。丁"
    cs = candidates(text)
    assert [c.pos for c in cs] == [0, 2, 4, 8]
    proba = np.zeros((len(cs), len(KINDS)))
    proba[:, 0] = 1.0
    proba[0] = [0.1, 0, 0, 0.9, 0, 0, 0]  # 甲 a section
    proba[1] = [0.4, 0, 0, 0, 0.6, 0, 0]  # 乙 is 2 characters away: the less probable start is dropped
    proba[2] = [0.55, 0, 0, 0, 0.45, 0, 0]  # 丙 below a 0.5 threshold
    doc = Segmenter().decode(text, cs, proba, threshold=0.5)
    assert [(u.start, u.kind) for u in doc.units] == [(0, "section")]
    doc = Segmenter().decode(text, cs, proba, threshold=0.4)
    assert [(u.start, u.kind) for u in doc.units] == [(0, "section"), (4, "item")]
    assert doc.units[0].text == "甲。乙。" and doc.units[1].text == "丙丙丙。丁"


def test_the_boosted_model_is_seeded_and_an_unknown_model_is_refused() -> None:
    text = "网友：您好！现回复如下：一、已清理垃圾。二、已增设垃圾桶。感谢支持！2021年5月6日"
    rows = _toy_rows() * 4
    a = Segmenter(model="hgb", min_count=1).fit(rows)
    b = Segmenter(model="hgb", min_count=1).fit(rows)
    cands, feats = a.features(text)
    assert np.array_equal(a.proba(feats), b.proba(feats))
    p = a.proba(feats)
    assert np.allclose(p.sum(axis=1), 1.0)  # P(none) + P(start) spread over the kinds
    first = {text[c.pos : c.pos + 2]: row for c, row in zip(cands, p, strict=True)}
    assert first["一、"][0] < 0.5 < first["现回"][0]  # a numbered part starts a unit, the announcement does not
    try:
        Segmenter(model="svm")
    except ValueError as exc:
        assert "svm" in str(exc)
    else:
        raise AssertionError("an unknown model was accepted")
