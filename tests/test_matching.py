"""proposalnlp.match / similarity on hand-written text: shapes, ranking, verdicts, errors, JSON, HTML, CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest

from proposalnlp import Document, Unit, match, similarity
from proposalnlp.cli import main
from proposalnlp.errors import EmptyInputError, InputTypeError, InputValueError, ProposalNLPError
from proposalnlp.matching import VERDICTS, Alignment, SuggestionMatch, hubness_correct, lead_phrase, render_html

# Hand-written in the style of a proposal and its reply (invented county, no real text).
SUGGESTIONS = [
    "一是加大资金扶持。设立县级中小企业技术改造专项资金，对完成智能化改造的企业给予贴息和奖补。",
    "二是强化人才支撑。引进一批智能制造领域的高层次人才，定期组织企业经营者参加培训。",
    "三是改善农村饮水条件。对山区村庄的老旧供水管网进行更换，保障群众喝上放心水。",
]
REPLY = [
    "一、关于资金扶持。今年县财政安排技术改造专项资金三千万元，对智能化改造项目按投资额给予奖补和贷款贴息。",
    "二、关于人才支撑。我们聘请省内高校专家组成服务团队，并举办了两期企业经营管理人员培训班。",
    "三、关于营商环境。县里开展了审批事项清理，企业开办时间压缩到两个工作日。",
]


@pytest.fixture(scope="module")
def alignment() -> Alignment:
    return match(SUGGESTIONS, REPLY)


def test_shape_and_order(alignment: Alignment) -> None:
    assert [m.suggestion.id for m in alignment.suggestions] == ["S1", "S2", "S3"]
    for m in alignment.suggestions:
        assert isinstance(m, SuggestionMatch)
        assert m.suggestion.part == "proposal" and m.suggestion.kind == "suggestion"
        assert m.verdict in VERDICTS
        scores = [s for _, s in m.ranked]
        assert len(scores) == len(REPLY)
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert len(m.support) == len(m.ranked)
        assert all(0.0 <= x <= 1.0 for x in m.support)
        assert {m.strength(k) for k in range(len(m.ranked))} <= {"direct", "partial", "weak"}
    # each paragraph is one reply unit, in order, unsplit
    assert [u.text for u in alignment.reply_units] == REPLY
    assert [u.id for u in alignment.reply_units] == ["R1", "R2", "R3"]


def test_best_unit_is_the_one_that_answers(alignment: Alignment) -> None:
    best = [m.ranked[0][0].id for m in alignment.suggestions[:2]]
    assert best == ["R1", "R2"]


def test_verdicts_and_coverage(alignment: Alignment) -> None:
    verdicts = [m.verdict for m in alignment.suggestions]
    assert verdicts[0] == "answered"
    assert verdicts[1] in ("answered", "partly")
    assert verdicts[2] == "unanswered"  # rural drinking water: nothing in the reply
    cov = alignment.coverage
    assert cov["total"] == 3
    assert cov["answered"] + cov["partly"] + cov["unanswered"] == 3
    assert cov["unanswered"] >= 1
    # the business-environment paragraph answers none of the suggestions
    assert "R3" in [u.id for u in alignment.unused_reply_units]
    assert "R1" not in [u.id for u in alignment.unused_reply_units]


def test_to_dict_is_json_and_report_is_readable(alignment: Alignment) -> None:
    data = json.loads(json.dumps(alignment.to_dict(), ensure_ascii=False))
    assert data["coverage"]["total"] == 3
    assert data["suggestions"][0]["ranked"][0]["reply_unit"] == "R1"
    assert data["unused_reply_units"] == [u.id for u in alignment.unused_reply_units]
    text = alignment.report(lang="en")
    for m in alignment.suggestions:
        assert f"{m.suggestion.id} " in text
    assert {"answered", "unanswered"} <= {m.verdict for m in alignment.suggestions}
    assert " answered" in text and " unanswered" in text
    assert str(alignment) == alignment.report()  # Chinese first
    assert "已答复" in str(alignment) and "未答复" in str(alignment)


def test_related_terms_link_talent_with_experts_and_training() -> None:
    s = similarity(
        ["加强人才支撑，帮助企业解决技术难题。"],
        ["聘请专家组成专家团队，举办专题培训班。", "新建道路两条，完成路面硬化工程。"],
    )
    assert s.shape == (1, 2)
    assert s[0, 0] > s[0, 1]


def test_similarity_shape_range_and_determinism() -> None:
    q = ["小区门口路灯长期不亮，请尽快维修。", "反映学校周边交通拥堵问题"]
    c = ["关于路灯的问题，供电部门已于本周完成维修，路灯恢复照明。", "学校周边已增设交通协管员。", "感谢您的关心。"]
    a = similarity(q, c)
    b = similarity(q, c)
    assert a.shape == (2, 3)
    assert np.all((a >= 0) & (a <= 1))
    np.testing.assert_array_equal(a, b)
    assert a[0].argmax() == 0 and a[1].argmax() == 1
    h = similarity(q, c, hubness=True)
    assert h.shape == (2, 3) and np.all((h >= 0) & (h <= 1))
    assert h[0].argmax() == 0 and h[1].argmax() == 1


def test_hubness_correct_defaults_and_contract() -> None:
    # k=3, alpha=0.75: candidate 0's 3 best queries average 0.2, candidate 1's 0.3 (the largest: "top")
    s = np.array([[0.6, 0.3], [0.0, 0.3], [0.0, 0.3], [0.0, 0.0]])
    out = hubness_correct(s)
    np.testing.assert_allclose(out[0], [(0.6 - 0.15 + 0.225) / 1.225, (0.3 - 0.225 + 0.225) / 1.225])
    assert np.all((out >= 0) & (out <= 1))
    np.testing.assert_array_equal(hubness_correct(s, k=3, alpha=0.75), out)
    one = np.array([[0.2, 0.9]])
    assert hubness_correct(one) is one  # fewer than two rows: returned as it is
    ones = np.ones((3, 4))
    assert np.all((hubness_correct(ones) >= 0) & (hubness_correct(ones) <= 1))


def test_hubness_correct_generic_candidate_no_longer_wins() -> None:
    # candidate 0 suits every query a little (a reply that only forwards the case); candidate i + 1 is query i's
    # own answer, scored a little lower than the generic one
    s = np.full((4, 5), 0.1)
    s[:, 0] = 0.5
    s[np.arange(4), np.arange(1, 5)] = 0.45
    assert np.all(s.argmax(axis=1) == 0)
    out = hubness_correct(s)
    np.testing.assert_array_equal(out.argmax(axis=1), np.arange(1, 5))
    assert np.all((out >= 0) & (out <= 1))


def test_heading_quoted_by_reply_counts() -> None:
    subject = "东湖路菜市场占道经营"
    q = [subject + "\n每天早上摊贩把货物摆到马路上，车辆无法通行。"]
    c = ["针对您反映东湖路菜市场占道经营的问题，城管中队已开展整治。", "关于公交线路调整，交通局正在调研。"]
    with_head = similarity(q, c, query_headings=[subject])
    assert with_head[0, 0] > with_head[0, 1]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: similarity("一段文字", ["候选"]), InputTypeError),
        (lambda: similarity(["问题"], "候选"), InputTypeError),
        (lambda: similarity([], ["候选"]), EmptyInputError),
        (lambda: similarity(["问题"], []), EmptyInputError),
        (lambda: similarity(["问题", 3], ["候选"]), InputTypeError),
        (lambda: similarity(["  "], ["候选"]), EmptyInputError),
        (lambda: similarity(["问题"], ["候选"], query_headings=["a", "b"]), InputValueError),
        (lambda: match(["建议一"]), InputValueError),
        (lambda: match(["建议一"], "  "), EmptyInputError),
        (lambda: match(42), InputTypeError),
        (lambda: match(["建议一", None], ["答复"]), InputTypeError),
        (lambda: match([], ["答复"]), EmptyInputError),
        (lambda: match(["建议一"], 3.5), InputTypeError),
    ],
)
def test_bad_input_raises_clear_errors(call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, ProposalNLPError)
    assert str(info.value)


def _doc() -> Document:
    units = [
        Unit("P1", "proposal", "problem", 1, None, None, "企业融资难、融资贵问题突出。", 0, 10),
        Unit("P2", "proposal", "suggestion", 1, None, None, SUGGESTIONS[0], 10, 20),
        Unit("P3", "proposal", "suggestion", 1, None, None, SUGGESTIONS[1], 20, 30),
        Unit("R0", "reply", "opening", 1, None, None, "首先感谢您对我县工业发展的关心。", 30, 40),
        Unit("R1", "reply", "section", 1, None, None, REPLY[0], 40, 50),
        Unit("R2", "reply", "section", 1, None, None, REPLY[1], 50, 60),
    ]
    return Document(text="", units=units)


def test_document_input_uses_its_reply_and_problems() -> None:
    doc = _doc()
    al = match(doc)
    assert [m.suggestion.id for m in al.suggestions] == ["P2", "P3"]
    assert {u.id for u in al.reply_units} == {"R0", "R1", "R2"}
    assert al.suggestions[0].ranked[0][0].id == "R1"
    assert al.suggestions[1].ranked[0][0].id == "R2"
    # the opening thanks; it answers nothing
    assert al.suggestions[0].ranked[-1][0].id == "R0" or al.suggestions[1].ranked[-1][0].id == "R0"
    with_problems = match(doc, include_problems=True)
    assert [m.suggestion.id for m in with_problems.suggestions] == ["P1", "P2", "P3"]
    # a separate reply overrides the document's
    other = match(doc, ["新建道路两条。"])
    assert [u.text for u in other.reply_units] == ["新建道路两条。"]


def test_lead_phrase() -> None:
    assert lead_phrase("四是人才支撑。出台优惠政策。") == "人才支撑"
    assert lead_phrase("（二）注重示范引领\n坚持试点突破。") == "注重示范引领"
    assert lead_phrase("一段没有标题的长文字，一直写下去，没有句号") is None


def test_html_is_standalone_and_escaped() -> None:
    al = match(["<script>alert(1)</script> 加大专项资金支持技术改造", "改善农村饮水条件，更换老旧管网"], REPLY)
    page = render_html(al, title="a & b")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; b" in page
    assert "http://" not in page and "https://" not in page  # no network
    assert "card sugg unanswered" in page  # the drinking-water suggestion is highlighted
    assert "id='u-R1'" in page and "href='#u-R1'" in page


def test_cli_match_json_and_html(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    prop = tmp_path / "proposal.txt"
    rep = tmp_path / "reply.txt"
    prop.write_text("\n".join(SUGGESTIONS), encoding="utf-8")
    rep.write_text("\n".join(REPLY), encoding="utf-8")
    out_html = tmp_path / "out.html"
    rc = main(["match", "--proposal", str(prop), "--reply", str(rep), "--json", "--html", str(out_html), "--no-themes"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"coverage", "suggestions", "unused_reply_units"}
    assert out_html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_usage_errors(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["match", "--lang", "en"]) == 2
    assert "give one document FILE" in capsys.readouterr().err
    f = tmp_path / "a.txt"
    f.write_text("建议", encoding="utf-8")
    assert main(["match", str(f), "--example"]) == 2


def test_cli_example_runs_or_explains(capsys) -> None:  # type: ignore[no-untyped-def]
    rc = main(["match", "--example", "--no-themes"])
    captured = capsys.readouterr()
    if rc == 0:
        assert "覆盖率：" in captured.out
    else:
        assert rc == 1 and "example" in captured.err


def test_proposal_text_without_enumerated_suggestions_falls_back_to_its_paragraphs() -> None:
    text = "建议市里加快老旧小区加装电梯工作，简化审批流程，并给予适当的财政补贴。"
    al = match(text, ["关于加装电梯，我局已简化审批流程，并安排财政补贴资金。", "其他工作按计划推进。"])
    assert len(al.suggestions) == 1
    assert al.suggestions[0].ranked[0][0].id == "R1"
    assert al.suggestions[0].verdict == "answered"


def test_first_line_of_a_query_is_its_heading() -> None:
    subject = "东湖路菜市场占道经营"
    q = [subject + "\n每天早上摊贩把货物摆到马路上，车辆无法通行。", "一行文字没有标题"]
    c = ["针对您反映东湖路菜市场占道经营的问题，城管中队已开展整治。", "关于公交线路调整，交通局正在调研。"]
    np.testing.assert_allclose(similarity(q, c), similarity(q, c, query_headings=[subject, None]))


def test_heading_only_section_is_used_through_its_items() -> None:
    units = [
        Unit("P1", "proposal", "suggestion", 1, None, None, SUGGESTIONS[0], 0, 10),
        Unit("R1", "reply", "section", 1, None, "一、落实扶持资金", "一、落实扶持资金", 10, 18),
        Unit("R1.1", "reply", "item", 2, "R1", None, REPLY[0], 18, 40),
        Unit("R2", "reply", "closing", 1, None, None, "感谢您对我县工作的关心和支持。", 40, 50),
    ]
    al = match(Document(text="", units=units))
    unused = [u.id for u in al.unused_reply_units]
    assert "R1.1" not in unused and "R1" not in unused
    assert "R2" in unused
    assert "(framing)" in al.report(lang="en") and "（客套）" in str(al)


def test_reply_text_without_a_reply_marker_gets_reply_ids() -> None:
    al = match(["加大专项资金支持技术改造。"], "我们设立了技术改造专项资金。\n感谢您的关心。")
    assert all(u.part == "reply" and u.id.startswith("R") for u in al.reply_units)
    assert al.suggestions[0].ranked[0][0].text.startswith("我们设立了")


def test_themes_are_added_when_the_model_answers_and_skipped_when_it_fails(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    import proposalnlp.themes as themes_mod

    monkeypatch.setattr(
        themes_mod, "classify_many", lambda texts, **kw: [SimpleNamespace(themes=["funding"]) for _ in texts]
    )
    al = match(SUGGESTIONS[:2], REPLY, themes=True)
    assert al.themes == {"S1": ["funding"], "S2": ["funding"]}
    assert "[themes: funding]" in al.report(lang="en") and "[主题：资金]" in str(al)
    assert al.to_dict()["themes"]["S1"] == ["funding"]

    def broken(texts, **kw):  # type: ignore[no-untyped-def]
        raise RuntimeError("no model")

    monkeypatch.setattr(themes_mod, "classify_many", broken)
    al = match(SUGGESTIONS[:2], REPLY, themes=True)
    assert al.themes == {} and "themes:" not in str(al)


def test_framing_rule_uses_only_kinds_the_parser_emits() -> None:
    from devtools.corpus import GOLD_KIND_MAP
    from proposalnlp.document import KINDS
    from proposalnlp.matching.results import FRAME_KINDS, is_frame

    assert FRAME_KINDS <= set(KINDS)
    assert not FRAME_KINDS & set(GOLD_KIND_MAP)
    # a list introduction is framing by its text, whichever kind parse() or a gold file gives it
    intro = "下一步，我们将认真贯彻落实有关决策部署，重点做好以下工作："
    for kind in ("next-step", "item", "section"):
        assert is_frame(Unit("R9", "reply", kind, 1, None, None, intro, 0, len(intro)))


def test_related_terms_are_read_from_the_data_file() -> None:
    from proposalnlp.matching.scoring import related_terms

    groups = related_terms()
    assert related_terms() is groups  # read once
    assert any({"人才", "专家"} <= set(g) for g in groups)
    assert all(len(g) >= 2 and all(w and "\t" not in w for w in g) for g in groups)


def test_remembered_bags_never_change_a_score() -> None:
    """A Scorer remembers each text's bags across calls (match() scores the same texts three times): scoring
    again, in another mix of texts, gives what a fresh Scorer gives."""
    from proposalnlp.matching import Scorer

    queries = ["加大财政资金扶持力度", "加强基层教师队伍建设"]
    cands = ["市财政安排专项资金五千万元", "开展乡村教师轮训", "感谢您的关心"]
    scorer = Scorer()
    first = scorer.score(queries, cands)
    scorer.score(queries[::-1], cands[1:])
    again = scorer.score(queries, cands)
    assert np.array_equal(first, again)
    assert np.array_equal(first, Scorer().score(queries, cands))


def test_joined_lines_score_as_the_joined_text() -> None:
    """A text of remembered lines joined by newlines (a suggestion's part of the reply) is bagged from its
    lines' bags: its scores are those of the same text read whole by a fresh scorer."""
    from proposalnlp.matching import Scorer

    lines = ["市财政安排专项资金五千万元，支持智能制造。", "开展乡村教师轮训，每年两期。", "A3区12栋架空层已整改"]
    joined = "\n".join(lines)
    queries = ["建议加大专项资金支持", "建议开展教师培训"]
    warm = Scorer()
    warm.score(queries, lines)  # the lines are remembered
    assert np.array_equal(warm.score(queries, [joined]), Scorer().score(queries, [joined]))


def test_scorer_memos_are_bounded_by_characters() -> None:
    """The term table (matching._terms) holds about _TABLE_CHARS characters of lines at most: a stream of long
    unique texts (a service's) never grows it much past it, and a line over an eighth of it is not kept at all."""
    from proposalnlp.matching import Scorer, _terms

    scorer = Scorer()
    para = "市财政安排专项资金支持乡村教师培训和基层医疗人才队伍建设。" * 200  # ~6,000 characters
    for i in range(60):  # about 36,000 characters read a round: the budget is passed and the table emptied
        scorer.score([f"第{i}条建议" + para * 2], [f"第{i}段答复" + para])
        assert scorer._table._chars <= _terms._TABLE_CHARS + 40_000
    huge = "加强人才培养。" * (_terms._TABLE_CHARS // 50)
    scorer.clear_memo()
    assert scorer.score([huge], ["人才"])[0, 0] > 0
    assert huge not in scorer._table._words and huge not in scorer._table._codes
