"""Robustness: any Unicode input gives a valid result or a documented error; bad inputs get clear errors;
results do not depend on threads or worker processes.

Property-based tests (hypothesis) feed parse, classify and match arbitrary text (lone surrogates and control
characters included) and text assembled from the markers that drive the parser; a table of bad inputs covers
each public entry point. All examples are hand-written.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from proposalnlp import Document, Tokenizer, classify, classify_many, match, parse, similarity
from proposalnlp._text import has_chinese
from proposalnlp.document import KINDS, PARTS, _looks_like_file_name
from proposalnlp.errors import EmptyInputError, InputTypeError, InputValueError, ProposalNLPError
from proposalnlp.matching import VERDICTS, Alignment
from proposalnlp.themes import ThemePrediction, load_model

pd = pytest.importorskip("pandas")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: every code point, lone surrogates (category Cs) included
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=200)
#: pieces that trigger the parser's rules: enumerators, part markers, greetings, punctuation, line breaks
PIECES = [
    "一、", "二、", "（一）", "（二）", "一是", "二是", "1.", "2、", "（1）", "①", "第一，", "首先，", "最后，",
    "提案内容", "答复内容", "具体建议：", "存在问题", "下一步", "张委员：", "您提出的关于", "收悉。", "感谢您",
    "此复。", "2026年3月1日", "抄送：", "案由：", "加强人才培养", "设立专项资金", "推动科技创新", "提高公众意识",
    "。", "；", "：", "\n", "\n\n", " ", "\u3000", "\xa0\xa0", "\r\n", "\t",
]  # fmt: skip
DOC_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=8)), max_size=40).map("".join)


@pytest.fixture(scope="module", autouse=True)
def _default_model() -> None:
    try:
        load_model()
    except ProposalNLPError as exc:  # pragma: no cover - the bundled model ships with the package
        pytest.skip(f"default theme model unavailable: {exc}")


# -- validity checks --------------------------------------------------------------------------------------
def check_document(doc: Document, original: str) -> None:
    assert isinstance(doc, Document)
    assert doc.text == original
    seen: set[str] = set()
    for u in doc.units:
        assert u.part in PARTS and u.kind in KINDS, u
        assert 0 <= u.start < u.end <= len(original), u
        assert u.text == original[u.start : u.end], u
        assert u.text.strip(), u
        assert u.id not in seen, u
        assert u.parent is None or u.parent in seen, u
        assert u.level == u.id.count(".") + 1, u
        seen.add(u.id)
    starts = [u.start for u in doc.units]
    assert starts == sorted(starts)


def check_prediction(p: ThemePrediction, labels: tuple[str, ...]) -> None:
    assert isinstance(p, ThemePrediction)
    assert tuple(p.scores) == labels
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in p.scores.values()), p.scores
    assert set(p.themes) <= set(labels) and len(set(p.themes)) == len(p.themes)
    assert p.top in labels and p.scores[p.top] == max(p.scores.values())


def check_alignment(a: Alignment) -> None:
    assert isinstance(a, Alignment)
    ids = {u.id for u in a.reply_units}
    assert {u.id for u in a.unused_reply_units} <= ids
    for m in a.suggestions:
        assert m.verdict in VERDICTS
        scores = [s for _, s in m.ranked]
        assert len(scores) == len(a.reply_units)
        assert all(math.isfinite(s) and 0.0 <= s <= 1.0 for s in scores), scores
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in m.support)
    cov = a.coverage
    assert cov["answered"] + cov["partly"] + cov["unanswered"] == cov["total"] == len(a.suggestions)


def outcome(fn: Callable[[], Any]) -> Any:
    """The result of ``fn``, or None when it raised a documented error (any other exception propagates)."""
    try:
        return fn()
    except ProposalNLPError as exc:
        assert str(exc), "errors must carry a message"
        return None


# -- property-based tests ---------------------------------------------------------------------------------
@SETTINGS
@given(st.one_of(ANY_TEXT, DOC_TEXT))
@example(".HTM")  # a file's name, once drawn by Hypothesis
def test_parse_any_text(text: str) -> None:
    doc = outcome(lambda: parse(text))
    if doc is None:
        # only a blank text, or one line that is a file's name (".HTM", "提案.docx": read() it), may be refused
        assert not text.strip(
            " \t\r\n\f\v\x1c\x1d\x1e\x1f\x85\xa0\u3000\ufeff\u200b\u2028\u2029"
        ) or _looks_like_file_name(text), "only a blank text or a file's name may be refused"
    else:
        check_document(doc, text)


@SETTINGS
@given(st.one_of(ANY_TEXT, DOC_TEXT))
def test_classify_any_text(text: str) -> None:
    labels = tuple(load_model().labels)
    p = outcome(lambda: classify(text))
    if p is None:
        assert not text.strip(), "only a blank text may be refused"
        return
    check_prediction(p, labels)
    assert classify(text) == p  # deterministic
    assert classify_many([text])[0] == p


@SETTINGS
@given(st.lists(ANY_TEXT, min_size=1, max_size=4), st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_match_any_paragraphs(suggestions: list[str], reply: list[str]) -> None:
    a = outcome(lambda: match(suggestions, reply))
    if a is None:
        unreadable = not any(map(has_chinese, suggestions)) or not any(map(has_chinese, reply))
        assert unreadable or any(not t.strip() for t in suggestions + reply), (
            "only blank paragraphs, or a side with no Chinese character, may be refused"
        )
        return
    check_alignment(a)
    assert len(a.suggestions) == len(suggestions) and len(a.reply_units) == len(reply)
    s = similarity(suggestions, reply)
    assert s.shape == (len(suggestions), len(reply))
    assert np.isfinite(s).all() and (s >= 0).all() and (s <= 1).all()


@SETTINGS
@given(DOC_TEXT, st.one_of(st.none(), DOC_TEXT))
def test_match_any_document(proposal: str, reply: str | None) -> None:
    a = outcome(lambda: match(proposal, reply, include_problems=True))
    if a is not None:
        check_alignment(a)


# -- table of bad and odd inputs ----------------------------------------------------------------------------
TALENT = "建议加强基层卫生人才队伍建设，提高乡村医生待遇。"
REPLY = ["关于乡村医生待遇，我们已提高了财政补助标准。"]
BIG = ("人才资金创新宣传" * 200 + "\n") * 2082  # about 10 MB of UTF-8

ODD_TEXTS = {
    "only punctuation": "，。！？……——、；：“”《》",
    "only English": "We suggest more funding for rural teachers.",
    "traditional Chinese": "建議加強鄉村教師隊伍建設，提高教師待遇。",
    "emoji": "😀👍🏻🇨🇳建议多建公园🌳",
    "control characters": "建议\x00\x01\x1b加强\x7f人才\x85培养",
    "lone surrogates": "建议\ud800加强\udfff人才培养",
    "NUL only": "\x00",
}
BAD_TYPES = {"None": None, "int": 42, "float NaN": float("nan"), "dict": {"text": TALENT}}
BLANK = {"empty": "", "whitespace": " \t\n\u3000 "}

ENTRY_POINTS: dict[str, Callable[[Any], Any]] = {
    "parse": parse,
    "classify": classify,
    "classify_many": lambda x: classify_many(x),
    "match": lambda x: match(x, REPLY),
    "similarity": lambda x: similarity(x, REPLY),
    "Tokenizer": lambda x: Tokenizer()(x),
}
TEXT_ENTRY = {"parse", "classify", "Tokenizer"}  # take one text; the others take a list of texts


def _wrap(name: str, value: Any) -> Any:
    return value if name in TEXT_ENTRY else [value]


def _check_result(name: str, value: Any, result: Any) -> None:
    if name == "parse":
        check_document(result, value)
    elif name == "classify":
        check_prediction(result, tuple(load_model().labels))
    elif name == "classify_many":
        assert len(result) == len(value)
    elif name == "match":
        check_alignment(result)
    elif name == "similarity":
        assert result.shape == (len(value), 1) and np.isfinite(result).all()
    else:
        assert isinstance(result, list) and all(isinstance(t, str) and t for t in result)


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
@pytest.mark.parametrize("case", list(BAD_TYPES))
def test_wrong_types_are_refused_clearly(name: str, case: str) -> None:
    with pytest.raises(InputTypeError) as info:
        ENTRY_POINTS[name](_wrap(name, BAD_TYPES[case]))
    assert type(BAD_TYPES[case]).__name__ in str(info.value)


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_bytes(name: str) -> None:
    data = TALENT.encode("utf-8")
    if name == "parse":  # documented: parse decodes UTF-8 / GB18030
        assert parse(data).text == TALENT
        assert parse(TALENT.encode("gb18030")).text == TALENT
        with pytest.raises(ProposalNLPError, match="UTF-8"):
            parse(b"\xff\xfe\x81\x00\xff")
    else:
        with pytest.raises(InputTypeError, match="bytes"):
            ENTRY_POINTS[name](_wrap(name, data))


@pytest.mark.parametrize("name", sorted(set(ENTRY_POINTS) - TEXT_ENTRY))
def test_list_with_a_non_string_names_its_position(name: str) -> None:
    with pytest.raises(InputTypeError, match=r"\[1\].*int"):
        ENTRY_POINTS[name]([TALENT, 7])


@pytest.mark.parametrize("name", sorted(set(ENTRY_POINTS) - TEXT_ENTRY))
def test_nan_in_a_pandas_series_names_its_position(name: str) -> None:
    series = pd.Series([TALENT, np.nan, TALENT], index=[10, 11, 12])
    with pytest.raises(InputTypeError, match=r"\[1\].*float"):
        ENTRY_POINTS[name](series)


@pytest.mark.parametrize("name", ["classify_many", "similarity"])  # match() documents a text as a document
def test_a_bare_string_where_a_list_is_expected(name: str) -> None:
    with pytest.raises(InputTypeError, match="str"):
        ENTRY_POINTS[name](TALENT)


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
@pytest.mark.parametrize("case", list(BLANK))
def test_blank_input(name: str, case: str) -> None:
    value = _wrap(name, BLANK[case])
    if name == "Tokenizer":  # a tokenizer gives no tokens for blank text
        assert ENTRY_POINTS[name](value) == []
        return
    with pytest.raises(EmptyInputError, match="empty"):
        ENTRY_POINTS[name](value)
    if name == "classify_many":  # an empty batch is an empty result (a pipeline over no rows)
        assert classify_many([]) == []
    elif name in ("match", "similarity"):
        with pytest.raises(EmptyInputError, match="empty"):
            ENTRY_POINTS[name]([])


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
@pytest.mark.parametrize("case", list(ODD_TEXTS))
def test_odd_texts_work(name: str, case: str) -> None:
    value = _wrap(name, ODD_TEXTS[case])
    if name == "match" and not has_chinese(ODD_TEXTS[case]):  # no verdict on text it cannot read: said so
        with pytest.raises(InputValueError, match="the proposal holds no Chinese character"):
            ENTRY_POINTS[name](value)
        return
    _check_result(name, value, ENTRY_POINTS[name](value))


def test_odd_texts_still_find_what_they_can() -> None:
    for case in ("control characters", "lone surrogates"):
        tokens = Tokenizer()(ODD_TEXTS[case])
        assert "加强" in tokens and any(t.startswith("人才") for t in tokens), tokens
    assert "talent" in classify(ODD_TEXTS["lone surrogates"]).themes


@pytest.mark.parametrize("name", ["parse", "classify"])
def test_ten_megabyte_text(name: str) -> None:
    assert len(BIG.encode("utf-8")) > 9_900_000
    _check_result(name, BIG, ENTRY_POINTS[name](BIG))


# -- concurrency ----------------------------------------------------------------------------------------------
CONCURRENT_TEXTS = [
    TALENT,
    "建议设立科技成果转化引导基金，支持企业与高校共建研发平台。",
    "加大对困难群众的宣传力度，提高政策知晓率。",
    "市财政安排专项资金用于老旧小区改造。",
]
CONCURRENT_PAIRS = [
    (["一是设立专项资金扶持小微企业。", "二是引进高层次人才。"], ["市财政已安排扶持资金。", "人才引进政策已出台。"]),
    (["加强农村饮水安全保障。"], ["今年完成了三十个村的供水管网改造。", "感谢您对水利工作的关心。"]),
]


def _in_threads(fn: Callable[[int], Any], threads: int = 8, calls: int = 500) -> list[list[Any]]:
    results: list[list[Any]] = [[] for _ in range(threads)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def work(k: int) -> None:
        try:
            barrier.wait()
            results[k] = [fn(k + i) for i in range(calls)]
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    pool = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors, errors[0]
    return results


def test_classify_from_eight_threads_equals_sequential() -> None:
    expected = [classify(t) for t in CONCURRENT_TEXTS]
    n = len(CONCURRENT_TEXTS)
    results = _in_threads(lambda i: classify(CONCURRENT_TEXTS[i % n]))
    for k, row in enumerate(results):
        assert len(row) == 500
        assert row == [expected[(k + i) % n] for i in range(500)]


def _match_key(a: Alignment) -> Any:
    return [(m.verdict, [(u.id, s) for u, s in m.ranked], m.support) for m in a.suggestions]


def test_match_from_eight_threads_equals_sequential() -> None:
    expected = [_match_key(match(s, r)) for s, r in CONCURRENT_PAIRS]
    n = len(CONCURRENT_PAIRS)
    results = _in_threads(lambda i: _match_key(match(*CONCURRENT_PAIRS[i % n])))
    for k, row in enumerate(results):
        assert row == [expected[(k + i) % n] for i in range(500)]


def test_classify_many_two_workers_equals_one() -> None:
    texts = [f"{t}第{i}条。" for i in range(60) for t in CONCURRENT_TEXTS]
    serial = classify_many(texts, n_jobs=1, batch_size=32)
    assert classify_many(texts, n_jobs=2, batch_size=32) == serial
    assert serial == [classify(t) for t in texts]
