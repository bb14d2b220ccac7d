"""The words people read: the message catalogue (zh default, en) and the coverage reports built from it
(HTML and text): verdicts, strengths as words with the score on hover, the proposal's title, the
suggestions left unanswered, and why a verdict was given when the match says (covered / missing terms, cue).
"""

from __future__ import annotations

import re
import string

import pytest

from proposalnlp.document import example_text, parse
from proposalnlp.errors import InputValueError
from proposalnlp.matching import match, render_html
from proposalnlp.matching.report import coverage_share, proposal_title, render_text
from proposalnlp.messages import DEFAULT_LANG, LANGS, check_lang, text, theme_name

CATALOGUE_KEYS = [
    "verdict.answered",
    "verdict.partly",
    "verdict.unanswered",
    "strength.direct",
    "strength.partial",
    "strength.weak",
    "cue.action",
    "cue.plan",
    "cue.refusal",
    "cue.forwarding",
    "cue.framing",
    "report.coverage",
    "report.unanswered_list",
]


def _fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def test_catalogue_is_chinese_first_and_complete() -> None:
    from proposalnlp import messages

    assert DEFAULT_LANG == "zh" and LANGS == ("zh", "en")
    assert text("verdict.answered") == "已答复" and text("verdict.answered", "en") == "answered"
    assert [text(f"verdict.{v}") for v in ("answered", "partly", "unanswered")] == ["已答复", "部分答复", "未答复"]
    assert [text(f"strength.{s}") for s in ("direct", "partial", "weak")] == ["直接答复", "部分相关", "未涉及"]
    assert text("report.coverage") == "覆盖率" and text("report.unanswered_list") == "未回应的建议"
    assert text("cue.action") == "已办理/已落实" and text("cue.forwarding") == "仅转交办理"
    for key, (zh, en) in messages._CATALOGUE.items():
        assert zh.strip() and en.strip(), key
        assert _fields(zh) == _fields(en), f"{key}: the two languages fill different placeholders"
        # err.in_file only frames an inner message ({path}：{error}, the inner one in Chinese); cli.parse_field a
        # document's own field (提案人：张三)
        framing = key in ("web.language", "err.in_file", "cli.parse_field")
        assert re.search(r"[\u4e00-\u9fff]", zh) or framing, f"{key}: the Chinese text is not Chinese"
    for key in CATALOGUE_KEYS:
        assert messages.has(key)


def test_languages_are_checked() -> None:
    assert check_lang(None) == "zh" and check_lang("EN") == "en"
    with pytest.raises(InputValueError, match="unknown language 'fr'"):
        text("verdict.answered", "fr")
    with pytest.raises(KeyError, match="no message"):
        text("no.such.key")
    assert theme_name("funding") == "资金" and theme_name("funding", "en") == "funding"
    assert theme_name("my-own-label") == "my-own-label"  # a custom model's label is shown as it is


def test_proposal_title() -> None:
    doc = parse(example_text())
    assert proposal_title(doc) == doc.title == "关于支持县域食品加工企业转型升级的提案"
    assert proposal_title("第一行不是标题。\n关于加快发展县域经济的建议\n正文") == "关于加快发展县域经济的建议"
    assert proposal_title("建议加快建设。我们认为应当如此。") is None
    assert proposal_title(None) is None


@pytest.fixture(scope="module")
def alignment():  # type: ignore[no-untyped-def]
    return match(parse(example_text()), themes=True)


def test_html_report_in_chinese(alignment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(alignment, "关于<某事>的提案")
    assert '<html lang="zh-CN">' in page and "<h1>关于&lt;某事&gt;的提案</h1>" in page
    for m in alignment.suggestions:
        card = re.search(
            rf"<div class='card sugg [a-z]+' id='s-{re.escape(m.suggestion.id)}'.*?</ul></div>", page, re.S
        )
        assert card, m.suggestion.id
        assert f">{text('verdict.' + m.verdict)}</span>" in card.group(0)
    share = coverage_share(alignment)
    assert share is not None and f"覆盖率 {share:.0%}" in page
    shown = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    assert "未回应的建议" in page and "answered" not in re.sub(r"class='[^']*'|data-verdict='[^']*'", "", shown)
    # each link: the strength as a word, the score on hover (title attribute), no bare decimals shown
    links = re.findall(
        r"<li class='(direct|partial|weak)' title='得分 ([0-9.]+)（0–1）'>.*?<span class='strength'>(.*?)</span>", page
    )
    assert links and all(text("strength." + s) == word for s, _, word in links)
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S))
    assert not re.search(r"\b0\.\d{2,3}\b", visible.split("得分在")[0]), "scores are shown as words, numbers on hover"
    assert "主题：" in page and "资金" in page


def test_html_report_in_english(alignment) -> None:  # type: ignore[no-untyped-def]
    page = render_html(alignment, lang="en")
    assert '<html lang="en">' in page and "<h1>Suggestion coverage</h1>" in page
    assert "已答复" not in page and "Suggestions left unanswered" in page
    assert "answers directly" in page or "partly related" in page


def test_unanswered_suggestions_are_listed(alignment) -> None:  # type: ignore[no-untyped-def]
    strict = match(parse(example_text()))
    for m in strict.suggestions:  # as a reply that answers nothing would leave them
        m.verdict = "unanswered"
    page = render_html(strict)
    listed = page.split("<section class='missing-list'>")[1].split("</section>")[0]
    assert all(f"href='#s-{m.suggestion.id}'" in listed for m in strict.suggestions)
    assert "每条建议都有回应" in render_html(match(["加大投入"], ["我们将加大投入。"]))
    out = render_text(strict)
    assert "未回应的建议：" in out and all(
        m.suggestion.id in out.split("未回应的建议：")[1] for m in strict.suggestions
    )


def test_why_a_verdict_is_shown_when_the_match_says(alignment) -> None:  # type: ignore[no-untyped-def]
    """covered / missing / cue (filled by the answer model) appear in both reports, in either language, and
    only where the match has them; an unanswered suggestion shows no cue (its best unit does not answer it)."""
    al = match(parse(example_text()))
    m = al.suggestions[0]
    m.verdict = "answered"
    m.covered, m.missing, m.cue = ["人才专项政策", "安家补贴"], ["职业院校"], "plan"
    page = render_html(al)
    assert "已回应：人才专项政策、安家补贴" in page and "未回应：职业院校" in page
    assert "答复情况：计划或承诺办理" in page
    out = render_text(al, lang="en")
    assert "covered: 人才专项政策, 安家补贴" in out and "not covered: 职业院校" in out and "the reply: planned" in out
    for other in al.suggestions[1:]:
        other.cue = None
    assert render_text(al).count("答复情况：") == 1  # only where the match has a cue
    m.verdict = "unanswered"
    assert "答复情况：" not in render_text(al) and "答复情况：" not in render_html(al)
    assert "未回应：职业院校" in render_text(al)  # the terms still say why


def test_text_report(alignment) -> None:  # type: ignore[no-untyped-def]
    out = render_text(alignment, title="标题")
    lines = out.splitlines()
    assert lines[0] == "标题" and lines[1].startswith("覆盖率：")
    for m in alignment.suggestions:
        assert f"{m.suggestion.id} {text('verdict.' + m.verdict)}" in out
    assert "直接答复" in out
    en = render_text(alignment, lang="en")
    assert en.startswith("Coverage:") and "answered" in en and "已答复" not in en
    with pytest.raises(InputValueError):
        render_text(alignment, lang="de")


def test_a_verdict_lifted_by_its_siblings_says_so() -> None:
    """The sibling rule's 'partly' is shown with its reason in both reports and languages, and only on the
    suggestions it lifted (the answer model alone called them unanswered)."""
    al = match(parse(example_text()))
    lifted = [m for m in al.suggestions if m.basis == "siblings"]
    assert lifted and all(m.verdict == "partly" for m in lifted)  # the example's 技术创新 suggestion
    zh, en, page = render_text(al), render_text(al, lang="en"), render_html(al)
    assert zh.count("判断依据：") == len(lifted) and page.count("判断依据：") == len(lifted)
    assert en.count("basis: the reply answers this proposal's other suggestions") == len(lifted)
    for m in lifted:
        m.basis = "model"
    assert "判断依据：" not in render_text(al) and "判断依据：" not in render_html(al)


def test_units_a_report_calls_related_are_listed_above_unrelated_ones() -> None:
    """The ranking is the present score's, the strength the answer model's: a unit ranked second that the
    model calls "not addressed" is listed below a third one it calls "partly related", in the text report and
    on the page, where each link carries its own unit's strength."""
    al = match(parse(example_text()))
    m = al.suggestions[0]
    assert len(m.ranked) >= 3
    t = al.thresholds
    # the first unit direct, the second weak, the third partial (the model's probabilities for each)
    m.unit_probability = [0.95, 0.01, (t.partly + t.answered) / 2] + [0.0] * (len(m.ranked) - 3)
    first, second, third = (u.id for u, _ in m.ranked[:3])
    report = render_text(al, top=3)
    block = report.split(m.suggestion.id, 1)[1]
    assert block.index(first) < block.index(third) < block.index(second)
    assert re.search(rf"○ [0-9.]+ 部分相关\s+{re.escape(third)}", block)
    assert re.search(rf"  [0-9.]+ 未涉及\s+{re.escape(second)}", block)
    page = render_html(al, top=3)
    card = page.split(f"id='s-{m.suggestion.id}'", 1)[1].split("</ul>", 1)[0]
    # the weak unit is not linked, and the partial one is shown as partial (not with the weak unit's word)
    assert f"#u-{second}'" not in card
    assert re.search(rf"<li class='partial'[^>]*><a href='#u-{re.escape(third)}'>", card)
