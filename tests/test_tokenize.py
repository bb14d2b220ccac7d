"""Tokenizer: policy terms whole, normalisation, stopwords, user dictionaries, quiet jieba, pickling, threads."""

from __future__ import annotations

import itertools
import logging
import pickle
import tempfile
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jieba
import joblib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalnlp import tokenize as tokmod
from proposalnlp.errors import DictionaryError, InputTypeError
from proposalnlp.tokenize import Tokenizer, load_stopwords, normalize, parse_dictionary

BACKENDS = ["rjieba", "jieba"]

# Hand-written sentences in the style of proposals and replies.
SENTENCES = [
    "建议设立智能化改造专项资金，对实施技术改造的企业给予财政补贴和贴息贷款。",
    "我市两化融合水平不高，企业上云比例偏低，专精特新企业数量较少。",
    "要完善融资担保体系，推动产学研深度协同，加快科技成果转化。",
    "加大高层次人才和领军人才引进力度，重视技能人才培养，弘扬工匠精神。",
    "发展职业教育，推进产教融合，建设一批孵化器和众创空间。",
    "持续优化营商环境，深化放管服改革，以乡村振兴带动城乡融合。",
    "加强宣传引导，提高企业对三大改造的思想认识，营造良好氛围。",
    "鼓励高新技术企业加大研发投入，提升智能制造水平。",
]
EXPECTED_TERMS = [
    "智能化改造",
    "专项资金",
    "技术改造",
    "财政补贴",
    "贴息贷款",
    "两化融合",
    "企业上云",
    "专精特新",
    "融资担保",
    "产学研",
    "科技成果转化",
    "高层次人才",
    "领军人才",
    "技能人才",
    "工匠精神",
    "职业教育",
    "产教融合",
    "孵化器",
    "众创空间",
    "营商环境",
    "放管服",
    "乡村振兴",
    "城乡融合",
    "宣传引导",
    "三大改造",
    "思想认识",
    "高新技术企业",
    "研发投入",
    "智能制造",
]


@pytest.fixture(scope="module", params=BACKENDS)
def tok(request: pytest.FixtureRequest) -> Tokenizer:
    return Tokenizer(backend=request.param).warm_up()


_FRESH = itertools.count(1)


def _fresh_word() -> str:
    """A word no other tokenizer in the process has, so its engine is built anew (engines are shared)."""
    n = next(_FRESH)
    return "测测测" + "甲乙丙丁戊己庚辛壬癸"[n % 10] * (1 + n // 10)


# -- domain dictionary -------------------------------------------------------------------------
def test_policy_terms_stay_whole_in_context(tok: Tokenizer) -> None:
    tokens = {t for s in SENTENCES for t in tok(s)}
    missing = [t for t in EXPECTED_TERMS if t not in tokens]
    assert not missing, f"{tok.engine_name} split {missing}"


def test_without_policy_dict_terms_split() -> None:
    """The dictionary is what keeps these terms whole: plain jieba splits them."""
    plain = Tokenizer(policy_dict=False)
    assert "智能化改造" not in plain(SENTENCES[0])
    assert "专精特新" not in plain(SENTENCES[1])


def test_bundled_dictionary_is_well_formed(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        entries = parse_dictionary(tokmod._data_file("policy_dict.txt"), "policy_dict.txt")
    assert not caplog.records
    words = [w for w, _, _ in entries]
    assert len(words) >= 500
    assert len(set(words)) == len(words)
    assert all(2 <= len(w) <= 9 and w.strip() == w for w in words)


def test_every_policy_term_whole_in_a_frame_with_both_engines() -> None:
    words = [w for w, _, _ in tokmod.policy_entries()]
    for backend in BACKENDS:
        t = Tokenizer(backend=backend, stopwords=None)
        split = [w for w in words if w not in t.cut(f"关于推动{w}的建议")]
        assert not split, f"{backend}: {split[:20]}"


def test_policy_dictionary_never_lowers_a_word_jieba_knows() -> None:
    from jieba import get_dict_file

    with get_dict_file() as f:
        known = dict(line.decode("utf-8").split()[:2] for line in f)
    lowered = [(w, known[w]) for w, freq, _ in tokmod.policy_entries() if int(known.get(w, 0)) >= freq]
    assert not lowered


def test_dictionary_does_not_swallow_ordinary_text(tok: Tokenizer) -> None:
    assert tok.cut("他说今天天气很好") == ["他", "说", "今天天气", "很", "好"]
    plain = Tokenizer(backend=tok.engine_name, policy_dict=False, stopwords=None)
    for text in ["今天下午我去图书馆借了一本书", "他的孩子在小学读三年级", "这家饭店的菜味道不错"]:
        assert tok.cut(text) == plain.cut(text)


def test_subwords_add_the_parts_of_long_words(tok: Tokenizer) -> None:
    sub = Tokenizer(backend=tok.engine_name, subwords=True)
    text = "加快科技成果转化，设立专项资金"
    tokens = sub(text)
    assert {"科技成果转化", "科技", "成果", "转化", "专项资金", "专项", "资金"} <= set(tokens)
    assert sub.cut(text) == tok.cut(text)
    assert set(tok(text)) < set(tokens)
    assert pickle.loads(pickle.dumps(sub)).subwords and sub != Tokenizer(backend=tok.engine_name)


def test_stopwords_replaced_after_construction_are_honoured() -> None:
    """proposalnlp.modelio rebuilds a saved tokenizer by setting its word lists after construction."""
    t = Tokenizer(stopwords=None)
    assert "企业" in t("支持企业上市")
    t._stop = frozenset({"企业"})
    assert t("支持企业上市") == ["支持", "上市"]


# -- normalisation -------------------------------------------------------------------------------
def test_normalize_width_bom_spaces() -> None:
    assert normalize("\ufeffＧＤＰ增长５％，（一）") == "GDP增长5%,(一)"
    assert normalize("智能化 改造\t资金\u3000支持") == "智能化改造资金支持"
    assert normalize("a  b\r\n\r\n c") == "a b\nc"
    assert normalize("智\u200b能\u00ad制造") == "智能制造"
    assert normalize("a\x00b\ud800") == "a b"
    assert normalize("中\x00文") == "中文"
    assert normalize(" \n\t ") == ""


def test_tokens_lowercase_latin_and_fold_width(tok: Tokenizer) -> None:
    assert tok("推进５Ｇ网络和ＡＩ技术") == tok("推进5G网络和ai技术")
    assert "gdp" in tok("GDP增长")


def test_pdf_gaps_inside_words_do_not_split_them(tok: Tokenizer) -> None:
    assert "专项资金" in tok("设立专 项资金")
    assert "智能化改造" in tok("智能化\u3000改造")


def test_written_out_quiet_class_matches_the_computed_one() -> None:
    # _fold returns a text unchanged when it holds only these characters: a stale list would skip work
    assert tokmod._QUIET_CLASS == tokmod._quiet_class()
    assert tokmod._fold("推进 智能制造") == "推进智能制造"  # a space is not quiet (it may be a PDF gap)
    assert tokmod._fold("设立专项资金，支持企业。") == "设立专项资金，支持企业。"


def test_no_stable_character_composes_with_the_one_before() -> None:
    # _nfkc cuts the text before stable characters: sound only if none is the second of a canonical pair
    stable = tokmod.re.compile(f"[{tokmod._stable_class()}]")
    seconds = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    assert seconds, "no canonical pairs found: the check above is broken"
    assert not [c for c in seconds if stable.match(c)]


def test_partial_nfkc_equals_nfkc_for_every_bmp_character_in_context() -> None:
    # each character between a starter it may compose with, combining marks (one of them stable:
    # U+302A has a combining class) and full-width forms that NFKC folds
    contexts = ("a{}\u0301", "Ａ{}ｂ", "{}\u302a\u0301", "e\u302a{}", "中{}\u0308文", "…{}①")
    bad = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        for ctx in contexts:
            text = ctx.format(chr(cp))
            if tokmod._nfkc(text) != unicodedata.normalize("NFKC", text):
                bad.append((hex(cp), ctx))
    assert not bad[:10]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["…", "①", "㎡", "é", "e", "\u0301", "\u302a", "\u0323", "Ａ", "，", "\u3000", "中",
                         "가", "\u1161", "\u11a8", "ｶ", "\u3099", "ﬁ", "a", " "])
        | st.characters(exclude_categories=("Cs",)),
        max_size=40,
    ).map("".join)
)
def test_partial_nfkc_equals_nfkc(text: str) -> None:
    assert tokmod._nfkc(text) == unicodedata.normalize("NFKC", text)


_SHARED_TOKENIZER = Tokenizer()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_tokenize_any_text_gives_content_tokens(text: str) -> None:
    tokens = _SHARED_TOKENIZER(text)
    for t in tokens:
        assert t and not any(c.isspace() for c in t)
        assert any(c.isalnum() for c in t), t


def test_cut_keeps_punctuation_tokenize_drops_it(tok: Tokenizer) -> None:
    cut = tok.cut("一、加强人才培养。（二）专项资金！")
    assert "。" in cut and "、" in cut
    assert not any(t.isspace() for t in cut)
    tokens = tok("一、加强人才培养。（二）专项资金！……——")
    assert all(any(c.isalnum() for c in t) for t in tokens)
    assert "人才培养" in tokens and "专项资金" in tokens


def test_bad_input() -> None:
    t = Tokenizer()
    with pytest.raises(InputTypeError):
        t(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        t.cut(b"bytes")  # type: ignore[arg-type]
    assert t("") == [] and t("   ") == [] and t("，。！") == []
    with pytest.raises(ValueError):
        Tokenizer(backend="thulac")
    with pytest.raises(ValueError):
        Tokenizer(stopwords="chinese")


# -- stopwords -----------------------------------------------------------------------------------
def test_function_words_dropped_by_default() -> None:
    text = "我们建议对这些企业的技术改造给予支持"
    default = Tokenizer()(text)
    assert not {"我们", "对", "这些", "的"} & set(default)
    assert {"技术改造", "企业", "支持"} <= set(default)
    assert {"我们", "的"} <= set(Tokenizer(stopwords=None)(text))


def test_boilerplate_kept_by_default_dropped_when_extended() -> None:
    text = "进一步加强人才引进工作"
    assert {"进一步", "加强", "工作"} <= set(Tokenizer()(text))
    assert Tokenizer(stopwords="extended")(text) == ["人才引进"]
    assert load_stopwords("function") < load_stopwords("extended")


def test_custom_stopwords_are_normalised() -> None:
    t = Tokenizer(stopwords=["ＡＩ", "企业"])
    assert t("AI企业上云") == ["企业上云"]


# -- user dictionaries -------------------------------------------------------------------------------
def test_user_dict_with_bom_and_crlf_reaches_both_engines(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_bytes("\ufeff# my words\r\n睿城智谷 500 nz\r\n\r\n小杉树计划\r\nXYZ芯片 300\r\n".encode())
    text = "睿城智谷入选小杉树计划，主攻xyz芯片"
    for backend in BACKENDS:
        toks = Tokenizer(backend=backend, user_dict=path)(text)
        assert {"睿城智谷", "小杉树计划", "xyz芯片"} <= set(toks), (backend, toks)
        assert "睿城智谷" not in Tokenizer(backend=backend)(text)


def test_extra_words_argument() -> None:
    text = "推广青禾数链平台"
    for backend in BACKENDS:
        assert "青禾数链" in Tokenizer(backend=backend, words=[("青禾数链", 800)])(text)
        assert "青禾数链" in Tokenizer(backend=backend, words=["青禾数链"])(text)
        assert "青禾数链" in Tokenizer(backend=backend, words=[("青禾数链", 800, "nz")])(text)
    with pytest.raises(DictionaryError):
        Tokenizer(words=[("青禾数链", "800")])  # type: ignore[list-item]
    with pytest.raises(DictionaryError, match="line 1"):
        Tokenizer(words=[("青禾数链", 0)])


def test_a_word_listed_twice_keeps_its_last_entry() -> None:
    t = Tokenizer(words=[("产业大脑", 500), ("产业大脑", 900, "nz"), ("专项资金", 5000)])
    entries = {w: (f, tag) for w, f, tag in t._entries}
    assert entries["产业大脑"] == (900, "nz") and entries["专项资金"] == (5000, None)
    assert len(entries) == len(t._entries)


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("100 产业大脑", "word first"),
        ("产业大脑 很多", "whole number"),
        ("产业大脑 1.5", "whole number"),
        ("产业大脑 -3", "whole number"),
        ("产业大脑 0", "frequency 0"),
        ("产业 大脑 100 n", "4 fields"),
        ("产业大脑 100 名词", "tag"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(f"数字孪生 200\n{line}\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        Tokenizer(user_dict=str(path))
    message = str(info.value)
    assert "bad.txt" in message and "line 2" in message and needle in message


def test_non_utf8_dictionary_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("数字孪生 200\n产业大脑 300\n".encode("gbk"))
    with pytest.raises(DictionaryError, match=r"not UTF-8.*GBK"):
        Tokenizer(user_dict=path)
    with pytest.raises(DictionaryError, match="cannot read"):
        Tokenizer(user_dict=tmp_path / "missing.txt")


def test_unmatchable_word_logs_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="proposalnlp.tokenize"):
        parse_dictionary("新冠·疫苗 100\n产业大脑\n", "mine.txt")
    assert len(caplog.records) == 1
    assert "mine.txt, line 1" in caplog.records[0].getMessage()


def test_dictionary_hash_tracks_words() -> None:
    a, b = Tokenizer(), Tokenizer()
    assert a.dictionary_hash == b.dictionary_hash and a == b and hash(a) == hash(b)
    c = Tokenizer(words=["产业大脑"])
    assert c.dictionary_hash != a.dictionary_hash and c != a


# -- jieba kept private and quiet -------------------------------------------------------------------
def test_jieba_engine_is_quiet_cached_per_user_and_leaves_jieba_dt_alone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from jieba import finalseg

    monkeypatch.setenv("PROPOSALNLP_CACHE", str(tmp_path / "cache"))
    dt_initialized, dt_freq = jieba.dt.initialized, jieba.dt.FREQ
    dt_size = len(dt_freq)
    forced = set(finalseg.Force_Split_Words)
    tmp_cache = Path(tempfile.gettempdir()) / "jieba.cache"
    tmp_mtime = tmp_cache.stat().st_mtime if tmp_cache.exists() else None
    word = _fresh_word()
    capfd.readouterr()
    with caplog.at_level(logging.DEBUG):
        tokens = Tokenizer(backend="jieba", words=[word]).cut(f"关于{word}的建议")
    out, err = capfd.readouterr()
    assert word in tokens
    assert out == "" and err == "", err
    assert not [r for r in caplog.records if r.name.startswith("jieba")]
    assert list((tmp_path / "cache").glob("jieba*.cache")), "jieba cache not in the per-user folder"
    assert (tmp_cache.stat().st_mtime if tmp_cache.exists() else None) == tmp_mtime
    assert jieba.dt.initialized is dt_initialized and jieba.dt.FREQ is dt_freq and len(dt_freq) == dt_size
    assert word not in (jieba.dt.FREQ or {})
    assert set(finalseg.Force_Split_Words) == forced


def test_verbose_lets_jieba_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PROPOSALNLP_CACHE", str(tmp_path))
    with caplog.at_level(logging.DEBUG):
        Tokenizer(backend="jieba", words=[_fresh_word()], verbose=True).warm_up()
    assert any("prefix dict" in r.getMessage() for r in caplog.records if r.name == "jieba")


# -- the two backends agree ------------------------------------------------------------------------------
def test_backends_identical_on_jiangsu_proposals(shared: Path) -> None:
    from devtools.corpus import jiangsu_proposals

    fast, ref = Tokenizer(backend="rjieba", stopwords=None), Tokenizer(backend="jieba", stopwords=None)
    assert not fast.hmm and not ref.hmm
    proposals = jiangsu_proposals(shared)
    assert len(proposals) == 305
    differ = [p["id"] for p in proposals if fast.cut(p["title"] + p["text"]) != ref.cut(p["title"] + p["text"])]
    assert not differ, f"rjieba and jieba differ on {len(differ)} proposals, e.g. {differ[:5]}"
    fast_sub, ref_sub = Tokenizer(backend="rjieba", subwords=True), Tokenizer(backend="jieba", subwords=True)
    differ = [p["id"] for p in proposals[::3] if fast_sub(p["text"]) != ref_sub(p["text"])]
    assert not differ, f"search mode differs on {differ[:5]}"


# -- pickling, threads, processes ---------------------------------------------------------------------
def test_pickle_drops_engine_and_rebuilds_it() -> None:
    t = Tokenizer(words=["产业大脑"], stopwords=["企业"]).warm_up()
    data = pickle.dumps(t)
    assert b"Jieba" not in data and len(data) < 100_000
    u = pickle.loads(data)
    assert u._engine is None and u == t
    assert u("建设产业大脑，服务企业") == t("建设产业大脑，服务企业") == ["建设", "产业大脑", "服务"]


def test_joblib_round_trip_of_a_tfidf_pipeline(tmp_path: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(tokenizer=Tokenizer(), lowercase=False, token_pattern=None).fit(SENTENCES)
    joblib.dump(vec, tmp_path / "vec.joblib")
    back = joblib.load(tmp_path / "vec.joblib")
    assert "智能化改造" in back.vocabulary_
    assert (back.transform(SENTENCES) != vec.transform(SENTENCES)).nnz == 0


def test_threads_give_sequential_results() -> None:
    texts = [s * (1 + i % 3) for i, s in enumerate(SENTENCES * 25)]
    t = Tokenizer(words=[_fresh_word()])  # lazy: the threads race to build the engine
    reference = Tokenizer()
    expected = [reference(x) for x in texts]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(t, texts * 4))
    assert results == expected * 4


def test_lazy_engine_is_built_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real = tokmod._ENGINE_CLASSES["rjieba"]

    def counting(verbose: bool) -> object:
        built.append(threading.get_ident())
        return real(verbose)

    monkeypatch.setitem(tokmod._ENGINE_CLASSES, "rjieba", counting)
    t = Tokenizer(backend="rjieba", words=[_fresh_word()])
    barrier = threading.Barrier(8)

    def call(_: int) -> list[str]:
        barrier.wait()
        return t("加快企业上云")

    with ThreadPoolExecutor(8) as pool:
        assert len({tuple(r) for r in pool.map(call, range(8))}) == 1
    assert len(built) == 1


def test_identical_tokenizers_share_one_engine() -> None:
    a, b = Tokenizer(stopwords=None).warm_up(), Tokenizer().warm_up()
    assert a._engine is b._engine
    assert Tokenizer(words=["产业大脑"]).warm_up()._engine is not a._engine


def test_joblib_loky_workers_give_sequential_results() -> None:
    t = Tokenizer()
    results = joblib.Parallel(n_jobs=2, backend="loky")(joblib.delayed(t)(s) for s in SENTENCES)
    assert results == [t(s) for s in SENTENCES]
    assert list(t.tokenize_many(iter(SENTENCES))) == results


def _reference_normalize(text: str) -> str:
    """The plain definition the fast path must match: NFKC of the whole text, then the whitespace rules."""
    import re
    import unicodedata

    text = re.sub("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]", "", text)
    text = re.sub("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]", " ", text)
    text = unicodedata.normalize("NFKC", text)
    cjk = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    text = re.sub(f"(?<=[{cjk}])[^\\S\\n]+(?=[{cjk}])", "", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    return re.sub(r"[^\S\n]+", " ", text).strip()


_POLICY_CHARS = st.sampled_from(list("智能化改造专项资金，。、；：（）“”《》…—·①㎡\u3000 \t\nＡＢａ１２％．＋ABc3.%"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(_POLICY_CHARS, max_size=40).map("".join)))
def test_fast_normalisation_equals_full_nfkc(text: str) -> None:
    assert normalize(text) == _reference_normalize(text)
    assert _SHARED_TOKENIZER.cut(text) == _SHARED_TOKENIZER.cut(_reference_normalize(text))


def test_every_kind_of_space_is_normalised() -> None:
    import re
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c)) and chr(c) != "\n"]
    for space in spaces:
        assert normalize(f"专项{space}资金") == "专项资金", hex(ord(space))
        assert normalize(f"a{space}{space}b") == "a b", hex(ord(space))


# -- a whole batch in one engine call ----------------------------------------------------------------------
def _text_by_text(tok: Tokenizer, texts: list[str]) -> tuple[list[str], list[int]]:
    cuts = [tok.engine_tokens(t) for t in texts]
    return [t for toks in cuts for t in toks], [len(toks) for toks in cuts]


def _jiangsu_sentences(shared: Path) -> list[str]:
    import csv
    import re

    with open(shared / "corpus" / "jiangsu-cppcc-2019" / "proposals.csv", encoding="utf-8", newline="") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    return [s for text in texts for s in re.split("[。；]", text) if s.strip()]


@pytest.mark.parametrize("backend,hmm,step", [("rjieba", False, 1), ("rjieba", True, 2), ("jieba", False, 4)])
def test_engine_tokens_many_equals_text_by_text_on_jiangsu_sentences(
    shared: Path, backend: str, hmm: bool, step: int
) -> None:
    tok = Tokenizer(backend=backend, hmm=hmm)
    sentences = _jiangsu_sentences(shared)[::step]
    assert len(sentences) * step > 9000
    for size in (1, 2, 128, 1000):
        for start in range(0, min(len(sentences), 3000), size):
            batch = sentences[start : start + size]
            assert tok.engine_tokens_many(batch) == _text_by_text(tok, batch), (size, start)
    assert tok.engine_tokens_many(sentences) == _text_by_text(tok, sentences)


_BATCH_CHARS = _POLICY_CHARS | st.sampled_from(["\u206f", "\x00", "\u200b", "Σ", "İ", "\r", "\n", " ", "a", "中"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.lists(_BATCH_CHARS, max_size=30).map("".join)), max_size=8))
def test_engine_tokens_many_equals_text_by_text(texts: list[str]) -> None:
    assert _SHARED_TOKENIZER.engine_tokens_many(texts) == _text_by_text(_SHARED_TOKENIZER, texts)


_FOLD_CHARS = st.sampled_from(
    [" ", "\xa0", "\u3000", "\t", "\x01", "\u200b", "Ａ", "１", "％", "Ⅲ", "Σ", "中", "专项", "a", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_FOLD_CHARS, max_size=12).map("".join).filter(lambda t: t.strip()), min_size=2, max_size=12))
def test_a_batch_folds_its_texts_as_text_by_text(texts: list[str]) -> None:
    # the texts of stable characters that need folding are folded together (one regex pass over the batch):
    # spaces at a text's edge, between two ideographs, no-break and ideographic spaces, controls, full width
    assert _SHARED_TOKENIZER.engine_tokens_many(texts) == _text_by_text(_SHARED_TOKENIZER, texts)


def test_engine_tokens_many_folds_edges_of_texts_alone(tok: Tokenizer) -> None:
    texts = [" 专项", "资金 ", "专项 资金", "人才\xa0引进", "ＡＢＣ１２３", "ⅲ 专项 资金", "研发\u3000投入", "a\u200bb"]
    assert tok.engine_tokens_many(texts) == _text_by_text(tok, texts)
    assert tok.engine_tokens_many(texts[::-1]) == _text_by_text(tok, texts[::-1])


def test_engine_tokens_many_edge_cases(tok: Tokenizer) -> None:
    for texts in ([], [""], ["", ""], ["专项资金", "  ", "\n"], ["智能化改造\u206f专项资金", "人才"], ["ΑΣ", "Σα"]):
        assert tok.engine_tokens_many(texts) == _text_by_text(tok, texts), texts
    with pytest.raises(InputTypeError):
        tok.engine_tokens_many(["专项资金", 1])  # type: ignore[list-item]


def _each(tok: Tokenizer, texts: list[str]) -> tuple[list[str], list[int]]:
    each = [tok.tokenize(t) for t in texts]
    return [t for toks in each for t in toks], [len(toks) for toks in each]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="建议加大人才培训资金ＡＢ１２ab  \n，。的了和", max_size=30), max_size=8))
def test_tokenize_flat_gives_each_texts_tokens_in_turn(texts: list[str]) -> None:
    tok = Tokenizer()
    assert tok.tokenize_flat(texts) == _each(tok, texts)


def test_tokenize_flat_honours_subwords_and_replaced_stopwords() -> None:
    texts = ["加大人才培养力度", "", "促进科技成果转化和人才培养"]
    sub = Tokenizer(subwords=True)
    assert sub.tokenize_flat(texts) == _each(sub, texts)
    tok = Tokenizer()
    tok.tokenize_flat(texts)  # the memo of known tokens filled before the stopwords change
    tok._stop = frozenset({"人才"})
    assert tok.tokenize_flat(texts) == _each(tok, texts)
    assert "人才" not in tok.tokenize_flat(texts)[0]
