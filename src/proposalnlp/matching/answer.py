"""The learned answer model behind :func:`~proposalnlp.matching.match`'s verdicts: does this reply answer
this request?

A verdict rests on a small classifier (the bundled model: gradient-boosted trees with Platt scaling; a logistic
regression is the other kind a model folder may hold) over features of two pairs: the request with its best reply unit
(the unit the present score ranks first among the units that may answer) and the request with the whole
reply (its best :data:`LOCAL_UNITS` units that may answer, read as one text in the reply's order: the whole of
a short reply to one request). The features (:data:`PAIR_FEATURES`) are fixed
functions of the texts, built on the project's one featurization engine (:mod:`proposalnlp.features`, the
tokenizer and the background document frequencies of :mod:`proposalnlp.matching.scoring`):

- ``support``, ``coverage``: the present scores of :func:`~proposalnlp.matching.match` (best clause,
  whole request); ``cosine``: the retrieval score of :func:`~proposalnlp.matching.similarity`;
- ``specific`` / ``specific_bigram``: the IDF-weighted share of the request's *specific* words / character
  bigrams (rare in policy language: places, organisations, objects, named projects) found in the text;
  ``specific_rev``: the share of the text's specific bigrams found in the request;
- ``run``: the longest run of characters the two share; ``head_run``: of the request's heading (subject);
- ``names``, ``name_conflict``, ``numbers``: names (…路, …小区, …村, …学校) and numbers of the request found
  in the text (a number as a whole: :func:`numbers_in`); the text names places none of which the request names;
- ``action``, ``plan``, ``refusal``, ``forwarding``: cues of a real answer (已完成, 已安排), of a commitment
  (将于, 纳入…计划), of a refusal with a reason (暂不具备条件, 不符合规定), of forwarding and framing only
  (已收悉, 已转…办理, thanks).

Only numpy runs here; the model is a folder of JSON and ``.npy`` files read through the same file checks as
the theme models (:mod:`proposalnlp._safefolder`). Training: ``scripts/train_answer_model.py``.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain
from operator import add
from pathlib import Path
from typing import Any

import numpy as np

from .. import _safefolder as sf
from .._version import __version__
from ..errors import ModelError, ModelFormatError, ModelIntegrityError
from ..features import char_bigrams, fold_alnum
from ..tokenize import Tokenizer
from ._bulk import bigram_code, code_lookup, pair_codes
from .scoring import background_df, default_tokenizer

__all__ = [
    "CUES",
    "FORMAT_NAME",
    "KIND_ARRAYS",
    "LOCAL_UNITS",
    "MODEL_FEATURES",
    "PAIR_FEATURES",
    "AnswerModel",
    "PairText",
    "char_pairs",
    "chinese_numbers_in",
    "clear_memo",
    "common_runs",
    "covered_terms",
    "cue_of",
    "default_answer_model",
    "digit_numbers_in",
    "load_answer_model",
    "longest_common_run",
    "model_features",
    "names_in",
    "numbers_in",
    "pair_features",
    "pair_list",
    "prepare_request",
    "prepare_texts",
    "request_context",
    "save_answer_model",
    "specific_terms",
]

logger = logging.getLogger(__name__)

FORMAT_NAME = "proposalnlp.answer-model"
#: the SHA-256 of the bundled model's manifest (beside this module), written by scripts/train_answer_model.py
DEFAULT_PIN = "answer-default.sha256"
FORMAT_VERSION = 1

#: features of one (request, text) pair, in column order
PAIR_FEATURES: tuple[str, ...] = (
    "support",
    "coverage",
    "cosine",
    "specific",
    "specific_bigram",
    "specific_rev",
    "run",
    "head_run",
    "names",
    "name_conflict",
    "numbers",
    "action",
    "plan",
    "refusal",
    "forwarding",
)
#: the model's input: the pair features of the best unit ("unit_…"), of the request's part of the reply
#: ("reply_…"), whether the request is one of several answered by the same reply, and how much the request
#: itself names (the IDF mass of its specific words: a request in general policy language names little,
#: so that its specific-term features say little) and its length (log characters)
MODEL_FEATURES: tuple[str, ...] = (
    *(f"unit_{f}" for f in PAIR_FEATURES),
    *(f"reply_{f}" for f in PAIR_FEATURES),
    "several",
    "request_specific_mass",
    "request_length",
)

#: how many of a request's best answering units make its part of the reply (the "reply_…" features)
LOCAL_UNITS = 4

#: the cues a verdict is explained by (:func:`cue_of`)
CUES: tuple[str, ...] = ("action", "plan", "refusal", "forwarding", "framing")

_ACTION = re.compile(
    r"已(?:经)?(?:完成|安排|实施|落实|开工|建成|投入|启动|修复|整改|处理|解决|督促|协调|要求|责令|联系|制定|出台|"
    r"开展|组织|下达|拨付|批复|审批|办理|更换|清理|拆除|恢复|维修|通知|建立|印发|设立|在|对|为|与|会同|协调)|经查|经核实|"
    r"据查|经调查|现场|目前|正在|已于"
)
_PLAN = re.compile(r"将于|预计|纳入|列入|下一步|下步|今后|拟|争取|计划|将(?:进一步|继续|加快|加大|积极|督促|协调)")
_REFUSAL = re.compile(
    r"暂不具备|不具备|不符合|暂无法|无法|暂不|不予|不能|不属于|尚无|没有(?:规划|计划)|不在.{0,6}范围|不宜|难以"
)
_FORWARDING = re.compile(r"收悉|已转|转交|转至|转办|转送|转请|感谢|谢谢|此复|您好|关心|理解|监督|支持")
#: place, organisation and object names: a few characters before a suffix that names their kind
_NAME_SUFFIX = (
    r"(?:省|市|区|县|镇|乡|村|组|街道|社区|小区|花园|路|街|大道|桥|学校|小学|中学|大学|"
    r"幼儿园|医院|公司|集团|银行|车站|站|线|工程|项目|广场|公园|景区|市场|园区|新区|大厦|栋|号)"
)
#: (the look-ahead at a suffix's first character changes no match: it spares trying every suffix at each length)
_NAME = re.compile(
    r"[\u4e00-\u9fffa-z0-9]{1,8}?(?=[中乡公区医县号园大学小工市幼广新景村栋桥省社站线组花街路车银镇集项])"
    + _NAME_SUFFIX
)
_NAME_END = re.compile(_NAME_SUFFIX + "$")
_GENERIC_NAMES = frozenset(
    {
        "我市",
        "本市",
        "全市",
        "我区",
        "全区",
        "我县",
        "全县",
        "该区",
        "该市",
        "城市",
        "社区",
        "小区",
        "市区",
        "城区",
        "我省",
        "全省",
        "本省",
        "项目",
        "工程",
        "市场",
        "学校",
        "医院",
        "公司",
        "街道",
        "道路",
        "马路",
    }
)
#: a number of a text: a whole run of digits with its decimals (1.5 is one number, not 1 and 5) and the letters
#: glued to it (5g, a3, 10kv); one to three digits then groups of exactly three after a comma are one number with
#: thousands separators (50,000 and 5，000; 3,4 and 1，2 stay a list of two), read without them (50000)
_NUMBER = re.compile(
    r"(?=[0-9a-z])[a-z]*(?:(?<!\d)\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?:\.\d+)*[a-z]*"  # (look-ahead: a quicker scan)
)
#: a thousands separator between digits (:data:`_NUMBER`): a text holding one may give a number its digits alone
#: do not spell as a substring (50,000 gives 50000)
_SEPARATED = re.compile(r"\d[,，]\d{3}(?!\d)")
#: the figure inside a number with a unit's letters after it (3km → 3): what a request's bare 3 is the same as
_NUMBER_CORE = re.compile(r"^\d+(?:\.\d+)*")
#: a number in Chinese numerals right before a measure word (三条, 五千元, 二〇二五年, 十二个): the same number to a
#: reader as the digits; a lone 一 is left out (统一部署, 一个方面: a word, not a count)
_CN_NUMBER = re.compile(
    r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
    r"(?=[条个项家所部名人户元台辆次期批座处间张位块套件栋幢层亩吨年月日天周岁倍公])"
)
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
#: a list marker (1. 1、 (1) （一） 一是 一、 第一， ①) opening a request, one of its lines or one of its clauses: it
#: numbers the request and is none of its terms (a digit right after 1、 or 1. keeps them: 1、2号线 lists names)
_LIST_MARKER = re.compile(
    r"(?:^|(?<=[\n。；;：:！!？?]))[ \t\u3000]*"
    r"(?:[(（][ \u3000]*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[ \u3000]*[)）]"
    r"|\d{1,3}(?:[.．、](?!\d)|[)）])"
    r"|[一二三四五六七八九十]{1,3}[是、]"
    r"|第[一二三四五六七八九十]{1,3}[,，、:：]"
    r"|[\u2460-\u2473])"
)
_RUN_CHAR = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")
#: a word or bigram is *specific* when fewer than this share of the background documents hold it
SPECIFIC_DF_SHARE = 0.003


# -- text features -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PairText:
    """The parts of a request that every pair with it reuses (its folded text, terms and names)."""

    folded: str
    heading: str
    words: tuple[tuple[str, float], ...]
    bigrams: tuple[tuple[str, float], ...]
    names: frozenset[str]
    numbers: frozenset[str]

    @cached_property
    def word_total(self) -> float:
        """The IDF mass of the specific words (the denominator of ``specific``)."""
        return math.fsum(v for _, v in self.words)

    @cached_property
    def bigram_total(self) -> float:
        """The IDF mass of the specific bigrams (the denominator of ``specific_bigram``)."""
        return math.fsum(v for _, v in self.bigrams)

    @cached_property
    def bigram_codes(self) -> dict[int, float]:
        """The specific bigrams' IDF by bigram code (:func:`._bulk.bigram_code`, as a reply text's are held)."""
        return {bigram_code(b): v for b, v in self.bigrams}


class _Idf:
    """IDF of words and bigrams from the bundled background document frequencies (policy language)."""

    def __init__(self) -> None:
        documents, df = background_df()
        self.n = float(max(documents, 1))
        self.words = df.get("w:", {})
        self.bigrams = df.get("c:", {})
        self.cut = self.n * SPECIFIC_DF_SHARE
        #: the IDF of every document frequency a specific term may have (0 … cut): looked up, not recomputed
        self.table = tuple(self.idf(df) for df in range(math.floor(self.cut) + 1))
        self.table_array = np.array(self.table)
        #: the background document frequency of bigram codes (0 when absent)
        self.bigram_df = code_lookup(self.bigrams)

    def idf(self, df: int) -> float:
        return math.log((self.n + 1.0) / (df + 1.0))


@lru_cache(maxsize=1)
def _idf() -> _Idf:
    return _Idf()


def _has_run_char(term: str) -> bool:
    return bool(_RUN_CHAR.search(term))


_NAME_LEAD = re.compile(r"^(?:建议|希望|要求|请求|恳请|请|在|对|把|将|于|从|到|至|和|与|及|的|是|为|由|向|给)+")


def names_in(folded: str) -> set[str]:
    """Place, organisation and object names in a folded text (…路, …小区, …村, A3区…), generic ones left out
    (and the verbs and prepositions a name is caught with: 建议在青石村 → 青石村)."""
    out = set()
    for m in _NAME.findall(folded):
        m = _NAME_LEAD.sub("", m)
        if len(m) >= 3 and m not in _GENERIC_NAMES:
            out.add(m)
    return out


def _cn_number(run: str) -> str | None:
    """The digits of a number written in Chinese numerals (三 → 3, 十二 → 12, 五千 → 5000, 二〇二五 → 2025), or
    None when the run is no number a reader would write that way."""
    if run == "一":
        return None
    if not any(c in _CN_UNIT or c in _CN_BIG for c in run):
        # one digit (三), or a year digit by digit (二〇二五 → 2025); two digits are a rough count (两三个, 七八家)
        if len(run) == 2 or not all(c in _CN_DIGIT for c in run):
            return None
        return "".join(str(_CN_DIGIT[c]) for c in run)
    total = section = 0
    digit: int | None = None
    for c in run:
        if c in "零〇":  # a gap in the places (一百零五): no digit of its own
            continue
        if c in _CN_DIGIT:
            if digit is not None:  # two digits in a row (五三百): no number a reader writes
                return None
            digit = _CN_DIGIT[c]
        elif c in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
        else:
            big = _CN_BIG[c]
            total = (total + section + (digit or 0)) * big
            section, digit = 0, None
    return str(total + section + (digit or 0))


def _is_list_marker(folded: str, start: int, end: int) -> bool:
    """Whether the digits ``folded[start:end]`` are a list marker (:data:`_LIST_MARKER`: 3. 3、 3) (3) （3）
    opening the text, a line or a clause): the marker's pattern matched where it would start, just before the
    digits (past spaces and an opening bracket), instead of a scan of the whole text for markers, which costs more
    than the few numbers a line holds."""
    at = start
    while at > 0 and folded[at - 1] in " \u3000":
        at -= 1
    if at > 0 and folded[at - 1] in "(（":
        at -= 1
    else:
        at = start
    while at > 0 and folded[at - 1] in " \t\u3000":
        at -= 1
    m = _LIST_MARKER.match(folded, at)
    return m is not None and m.end() >= end


def _number(x: str) -> str:
    """A number as :data:`_NUMBER` found it, without its thousands separators (50,000 → 50000)."""
    return x.replace(",", "").replace("，", "") if "," in x or "，" in x else x


def digit_numbers_in(folded: str) -> frozenset[str]:
    """The numbers a folded text gives in digits, each as a whole (its list markers left out): the digit runs
    with their decimals and glued letters (:data:`_NUMBER`), and the bare figure of one with a unit's letters
    (3km → 3)."""
    out = set()
    for m in _NUMBER.finditer(folded):
        x = m.group()
        if x.isdigit():
            if len(x) <= 3 and _is_list_marker(folded, m.start(), m.end()):
                continue
        else:
            x = _number(x)
            if x[0].isdigit() and not x[-1].isdigit() and (core := _NUMBER_CORE.match(x)):
                out.add(core.group())
        out.add(x)
    return frozenset(out)


def chinese_numbers_in(folded: str) -> frozenset[str]:
    """The numbers a text gives in Chinese numerals before a measure word, as digits (三条 → 3, 五千元 → 5000).
    (A list marker in Chinese numerals, 三是 三、 （三） 第三，, has no measure word after it.)"""
    out = set()
    for run in _CN_NUMBER.findall(folded):
        n = _cn_number(run)
        if n is not None:
            out.add(n)
            # 三万 is 3万 too: written in digits, the figure before 万 or 亿 is the number a request gives
            if run[-1] in _CN_BIG and (m := _cn_number(run[:-1])) is not None:
                out.add(m)
    return frozenset(out)


def numbers_in(folded: str, wanted: Iterable[str] | None = None) -> frozenset[str]:
    """The numbers a folded text gives, each as a whole: :func:`digit_numbers_in` and
    :func:`chinese_numbers_in`. A request's number is covered by a text only when it is one of these: never by
    the digits inside a longer number (3 in 2025, 5000 in 50000) or a decimal (15 in 1.5), nor by the text's
    own list marker (3.). ``wanted`` (the numbers asked about): the digits are scanned only when one of them is
    in the text at all (or the text writes a number with thousands separators)."""
    chinese = chinese_numbers_in(folded)
    if wanted is not None and not any(x in folded for x in wanted) and not _SEPARATED.search(folded):
        return chinese
    return digit_numbers_in(folded) | chinese


def _name_core(name: str) -> str:
    """A name without its kind (潇楚南路 → 潇楚南, 星沙城区 → 星沙城): what another wording still holds."""
    core = _NAME_END.sub("", name)
    return core[:2] if len(core) >= 2 else name


def specific_terms(text: str, tokenizer: Tokenizer | None = None) -> list[str]:
    """The request's specific words (rare in policy language: places, organisations, objects, names) in
    order of first appearance: what a reply that answers it is expected to mention."""
    return [w for w, _ in _request(text, None, tokenizer).words]


def _request(
    text: str, heading: str | None, tokenizer: Callable[[str], list[str]] | None, context: str = ""
) -> PairText:
    idf = _idf()
    folded = fold_alnum(text)
    # the terms are the text's without its list markers (each read as a space: no bigram runs across it)
    plain = _LIST_MARKER.sub(" ", folded)
    tok = tokenizer or default_tokenizer()
    cut, table = idf.cut, idf.table
    words: dict[str, float] = {}
    word_df = idf.words.get
    for w in tok(plain):
        # (the same tests as one after the other, the cheapest first: most words are common ones)
        if (df := word_df(w, 0)) <= cut and len(w) >= 2 and w not in words and _has_run_char(w):
            words[w] = table[df]
    bigram_df = idf.bigrams.get
    # each bigram once, in order of first appearance (a dict keeps it): the text's character pairs without a
    # non-run character are its bigrams (char_bigrams), and the pairs are remembered for the common runs
    bigrams = {
        b: table[df] for b in dict.fromkeys(pair_list(plain)) if "\x00" not in b and (df := bigram_df(b, 0)) <= cut
    }
    names = names_in(plain)
    if context:
        # a term the other requests of the same proposal hold too names their shared setting (the town, the
        # project), not what this request asks: it says nothing about whether a reply answers this one
        def own(term: str) -> bool:
            return context.count(term) <= folded.count(term)

        words = {w: v for w, v in words.items() if own(w)}
        holders = _bigram_holders(context) if "\x00" not in folded else None
        if holders is not None and folded in holders[1]:
            # a bigram of this request is held by another request exactly when two parts of the context hold
            # it (the context is the requests joined by "\x00", which no bigram holds)
            counts = holders[0]
            bigrams = {b: v for b, v in bigrams.items() if counts[b] <= 1}
        else:
            bigrams = {b: v for b, v in bigrams.items() if own(b)}
        names = {n for n in names if own(n)}
    return PairText(
        folded,
        fold_alnum(heading) if heading else "",
        tuple(words.items()),
        tuple(bigrams.items()),
        frozenset(names),
        frozenset(map(_number, _NUMBER.findall(plain))),
    )


@lru_cache(maxsize=1)
def _bigram_holders(context: str) -> tuple[Counter[str], frozenset[str]]:
    """For a :func:`request_context`: in how many of its parts each bigram occurs, and the parts. The last
    context alone is remembered (match() prepares every request of a proposal with the same one): memory grows
    with the proposal being matched, never with the proposals before it."""
    parts = context.split("\x00")
    return Counter(chain.from_iterable(set(char_bigrams(p, folded=True)) for p in parts)), frozenset(parts)


_NON_RUN_CHAR = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")


def _pairs(folded: str) -> tuple[str, ...]:
    m = _NON_RUN_CHAR.sub("\x00", folded)
    return tuple(map(add, m[:-1], m[1:]))


#: texts of up to this many characters have their pairs remembered (:func:`pair_list`), 64 of them at most
_PAIRS_MEMO_CHARS = 2048
_remembered_pairs = lru_cache(maxsize=64)(_pairs)


def clear_memo() -> None:
    """Forget the texts remembered between calls (the last request context, the pairs of short texts): the
    benchmarks do, with the scorers' :meth:`~proposalnlp.matching.scoring.Scorer.clear_memo`, so that a repeat
    costs what a new document does."""
    _bigram_holders.cache_clear()
    _remembered_pairs.cache_clear()


def pair_list(folded: str) -> tuple[str, ...]:
    """The two-character substrings of a folded text in order, as :func:`char_pairs` reads them. Those of the
    last texts of up to :data:`_PAIRS_MEMO_CHARS` characters are remembered (a request's are read against each
    of the units ranked for it): a few MB at most."""
    return _pairs(folded) if len(folded) > _PAIRS_MEMO_CHARS else _remembered_pairs(folded)


def char_pairs(text: str) -> frozenset[str]:
    """Every two-character substring of a folded ``text``, each character that no bigram run holds (a
    punctuation mark, a space) read as ``"\x00"``: what :func:`longest_common_run` prunes with; those without
    ``"\x00"`` are the text's character bigrams (:func:`~proposalnlp.features.char_bigrams`)."""
    return frozenset(_pairs(text))


_TRUE_RUNS = re.compile(b"\x01+")


def longest_common_run(a: str, b: str, b_pairs: frozenset[str] | None = None) -> int:
    """Length of the longest substring of ``a`` that also occurs in ``b``.

    Exact, and cheap for unrelated texts: a common run of length L starting at ``a[i]`` needs its L - 1
    two-character substrings to occur in ``b`` (``b_pairs``, :func:`char_pairs` of ``b``, computed when not
    given), so a substring search runs only where that chain could beat the best run found so far: inside
    the stretches of ``a`` whose two-character substrings all occur in ``b``, the longest stretches first.
    :func:`common_runs` gives the same for many pairs at once.
    """
    if not a or not b:
        return 0
    pairs = char_pairs(b) if b_pairs is None else b_pairs
    # flags[i]: whether a's two-character substring from a[i] occurs in b (as char_pairs reads them)
    flags = bytes(map(pairs.__contains__, pair_list(a)))
    stretches = sorted((mt.start() - mt.end(), mt.start()) for mt in _TRUE_RUNS.finditer(flags))
    return _longest_in_stretches(a, b, [(s, s - neg) for neg, s in stretches])


def common_runs(pairs: Sequence[tuple[str, str]]) -> list[int]:
    """:func:`longest_common_run` of each (a, b) pair: the flags of every pair's two-character substrings and
    their stretches found by numpy for all pairs at once (the substrings as integer codes,
    :func:`._bulk.pair_codes`), the substring searches then run as for one pair."""
    if not pairs:
        return []
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    codes = dict(zip(texts, pair_codes(texts), strict=True))
    sizes = np.fromiter((len(codes[a]) for a, _ in pairs), dtype=np.int64, count=len(pairs))
    pid = np.repeat(np.arange(len(pairs), dtype=np.int64), sizes)
    # each pair's codes tagged with its index (codes are below 2**37): one look-up for every pair
    keys_a = (pid << 40) | np.concatenate([codes[a] for a, _ in pairs])
    keys_b = np.sort(np.concatenate([(i << 40) | codes[b] for i, (_, b) in enumerate(pairs)]))
    flags = keys_b.take(np.searchsorted(keys_b, keys_a), mode="clip") == keys_a if len(keys_b) else keys_a < 0
    # stretches of set flags, none across two pairs, by pair, longest first (then leftmost)
    offsets = np.cumsum(sizes) - sizes
    edge = np.zeros(len(flags) + 1, dtype=bool)
    edge[offsets] = True  # where each pair's flags begin (and where the last ends)
    edge[-1] = True
    starts = np.flatnonzero(flags & (edge[:-1] | ~np.concatenate([[False], flags[:-1]])))
    ends = np.flatnonzero(flags & (edge[1:] | ~np.concatenate([flags[1:], [False]]))) + 1
    owner = pid[starts]
    order = np.lexsort((starts, starts - ends, owner))
    local = offsets[owner[order]]
    first = np.searchsorted(owner[order], np.arange(len(pairs) + 1)).tolist()
    s_list, e_list = (starts[order] - local).tolist(), (ends[order] - local).tolist()
    return [
        _longest_in_stretches(a, b, zip(s_list[lo:hi], e_list[lo:hi], strict=True)) if a and b else 0
        for (a, b), lo, hi in zip(pairs, first[:-1], first[1:], strict=True)
    ]


def _longest_in_stretches(a: str, b: str, stretches: Iterable[tuple[int, int]]) -> int:
    """The longest common run of ``a`` and ``b`` given the stretches [s, e) of ``a`` whose two-character
    substrings all occur in ``b``, longest first (then leftmost): a stretch bounds the run that starts at
    s + j by e - s - j + 1."""
    best = 0
    for s, e in stretches:
        if e - s + 1 <= best:
            break  # sorted longest first: no later stretch can beat it
        for i in range(s, e):
            hi = e - i + 1  # the longest run that may start at a[i]
            if hi <= best:
                break
            if a[i : i + best + 1] not in b:
                continue
            # the longest run from a[i] (every prefix of a substring of b is one too): between best + 1 and hi
            lo = best + 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if a[i : i + mid] in b:
                    lo = mid
                else:
                    hi = mid - 1
            best = lo
    if not best and not set(a).isdisjoint(b):
        best = 1  # a single character in common
    return best


def _cue_counts(folded: str) -> tuple[int, int, int, int]:
    return (
        len(_ACTION.findall(folded)),
        len(_PLAN.findall(folded)),
        len(_REFUSAL.findall(folded)),
        len(_FORWARDING.findall(folded)),
    )


#: a completed action for the explanation of a verdict (已委托, 已全部完成, 已于…), not 已列入/已纳入 (a plan),
#: 已收悉 or 已转 (framing, forwarding); the model's features do not read it
_DONE = re.compile(r"已(?:经)?(?!列入|纳入|收悉|转)[\u4e00-\u9fff]")


def cue_of(text: str) -> str | None:
    """The cue of a reply text that a verdict is explained by: "refusal" (a refusal with a reason), "action"
    (something done), "plan" (a commitment), "forwarding" (forwarded or acknowledged only), "framing"
    (thanks or greetings alone), or None."""
    folded = fold_alnum(text)
    action, plan, refusal, forwarding = _cue_counts(folded)
    if refusal:
        return "refusal"
    # the model's action count also holds words of the present (目前, 正在, 经查, 现场): they explain a verdict
    # as 已办理 only when nothing is planned (目前没有…，将积极争取… is a plan) or something is done (已…)
    if action and (not plan or _DONE.search(folded)):
        return "action"
    if plan:
        return "plan"
    if re.search(r"已转|转交|转至|转办|转送|转请", folded):
        return "forwarding"
    if forwarding:
        return "framing"
    return None


@dataclass(frozen=True)
class _TextInfo:
    """What every pair with one reply text reuses: its bigrams, specific bigrams, names and cue counts."""

    folded: str
    #: the bigrams as codes (:func:`._bulk.bigram_code`)
    bigrams: frozenset[int]
    #: the specific bigrams' IDF by code (sums of them are taken with math.fsum, exact in any order)
    specific: dict[int, float]
    specific_total: float
    cues: tuple[int, int, int, int]
    #: the infos of the lines of a text of several (newline-separated) lines, each in the cache: a run of
    #: characters without a newline lies in one line, so a request's longest common run is its best line's
    lines: tuple[_TextInfo, ...] | None = None

    @cached_property
    def pairs(self) -> frozenset[str]:
        """:func:`char_pairs` of the text: :func:`longest_common_run`'s pruning."""
        return char_pairs(self.folded)

    @cached_property
    def names(self) -> frozenset[str]:
        """The names the text holds (:func:`names_in`; a text of lines: its lines'), found when first asked."""
        if self.lines is None:
            return frozenset(names_in(self.folded))
        return frozenset().union(*(p.names for p in self.lines))

    @cached_property
    def separated(self) -> bool:
        """Whether the text writes a number with thousands separators (:data:`_SEPARATED`)."""
        return _SEPARATED.search(self.folded) is not None

    @cached_property
    def digit_numbers(self) -> frozenset[str]:
        """The numbers the text gives in digits (:func:`digit_numbers_in`; a text of lines: its lines'), found
        when first asked (a request's number that is no substring of the text needs no scan for it)."""
        if self.lines is None:
            return digit_numbers_in(self.folded)
        return frozenset().union(*(p.digit_numbers for p in self.lines))

    @cached_property
    def chinese_numbers(self) -> frozenset[str]:
        """The numbers the text gives in Chinese numerals (:func:`chinese_numbers_in`; a text of lines: its
        lines'), found when first asked."""
        if self.lines is None:
            return chinese_numbers_in(self.folded)
        return frozenset().union(*(p.chinese_numbers for p in self.lines))

    def gives(self, number: str) -> bool:
        """Whether the text gives ``number`` (a request's, from :data:`_NUMBER`) as a whole: :func:`numbers_in`."""
        spelt = number in self.folded or self.separated
        return (spelt and number in self.digit_numbers) or number in self.chinese_numbers


def _text_infos(texts: Sequence[str]) -> list[_TextInfo]:
    """The infos of folded texts, their bigrams coded, told apart and looked up in the background by numpy for
    all the texts at once."""
    idf = _idf()
    codes = pair_codes(texts)
    sizes = np.fromiter(map(len, codes), dtype=np.int64, count=len(texts))
    raw = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
    bigram = ((raw >> 21) != 0) & ((raw & 0x1FFFFF) != 0)  # a pair with no 0 is a bigram
    # each text's bigrams once, sorted (tagged with the text's index: codes are below 2**37)
    tagged = np.sort((np.repeat(np.arange(len(texts), dtype=np.int64), sizes) << 40)[bigram] | raw[bigram])
    tagged = tagged[np.concatenate([[True], tagged[1:] != tagged[:-1]])] if len(tagged) else tagged
    owner, code = tagged >> 40, tagged & ((1 << 40) - 1)
    df = idf.bigram_df(code).astype(np.int64)
    spec = df <= idf.cut
    cut = np.searchsorted(owner, np.arange(len(texts) + 1)).tolist()
    spec_cut = np.searchsorted(owner[spec], np.arange(len(texts) + 1)).tolist()
    all_codes, spec_codes, spec_idf = code.tolist(), code[spec].tolist(), idf.table_array[df[spec]].tolist()
    out = []
    for k, t in enumerate(texts):
        a, b = spec_cut[k], spec_cut[k + 1]
        specific = dict(zip(spec_codes[a:b], spec_idf[a:b], strict=True))
        out.append(
            _TextInfo(
                t,
                frozenset(all_codes[cut[k] : cut[k + 1]]),
                specific,
                math.fsum(specific.values()),
                _cue_counts(t),
            )
        )
    return out


def _parts(folded: str, cache: dict[Any, Any] | None) -> list[str] | None:
    """The lines whose infos make a text's (with a cache, a text of several lines all non-empty), or None."""
    if cache is None or "\n" not in folded:
        return None
    lines = folded.split("\n")
    return lines if all(lines) else None


def _info(folded: str, cache: dict[Any, Any] | None) -> _TextInfo:
    """The info of a folded text, from ``cache`` when there (and put there). A text of several lines whose
    lines are all non-empty is read from its lines' infos: a newline ends every bigram run, name and cue, so
    its bigrams, specific bigrams and names are the union of its lines', its cue counts their sums."""
    info = cache.get(folded) if cache is not None else None
    if info is not None:
        return info
    lines = _parts(folded, cache)
    if lines is not None:
        parts = [_info(line, cache) for line in lines]
        spec: dict[int, float] = {}
        for p in parts:  # a bigram has the same IDF in every line
            spec.update(p.specific)
        info = _TextInfo(
            folded,
            frozenset().union(*(p.bigrams for p in parts)),
            spec,
            math.fsum(spec.values()),
            tuple(map(sum, zip(*(p.cues for p in parts), strict=True))),  # type: ignore[arg-type]
            tuple(parts),
        )
    else:
        info = _text_infos([folded])[0]
    if cache is not None:
        cache[folded] = info
    return info


#: the key of the folds of the texts in a :func:`pair_features` cache (no text and no run key is a 1-tuple)
_FOLDS = ("fold",)


def _folded(text: str, cache: dict[Any, Any] | None) -> str:
    """:func:`~proposalnlp.features.fold_alnum` of a text, remembered in ``cache`` (a text is read in every pair
    it takes part in)."""
    if cache is None:
        return fold_alnum(text)
    folds = cache.get(_FOLDS)
    if folds is None:
        folds = cache[_FOLDS] = {}
    folded = folds.get(text)
    if folded is None:
        folded = folds[text] = fold_alnum(text)
    return str(folded)


def prepare_texts(requests: Sequence[PairText], texts: Sequence[Sequence[str]], cache: dict[Any, Any]) -> None:
    """Fill ``cache`` (as :func:`pair_features` keeps it) for the pairs of each request with each of its
    ``texts``, all at once: the infos of every line not there yet (:func:`_text_infos`), and the longest common
    runs of each request and its heading with each line (:func:`common_runs`)."""
    lines: dict[str, None] = {}
    runs: dict[tuple[str, str, str], None] = {}
    for req, some in zip(requests, texts, strict=True):
        ends = [x for x in (req.folded, req.heading) if x and "\n" not in x]
        for text in some:
            ft = _folded(text, cache)
            for line in _parts(ft, cache) or [ft]:
                if line not in cache:
                    lines[line] = None
                runs.update(dict.fromkeys(("run", a, line) for a in ends if ("run", a, line) not in cache))
    new = list(lines)
    cache.update(zip(new, _text_infos(new), strict=True))
    cache.update(zip(runs, common_runs([(a, line) for _, a, line in runs]), strict=True))


def _run(a: str, info: _TextInfo, cache: dict[Any, Any] | None) -> int:
    """:func:`longest_common_run` of ``a`` and the text of ``info``, remembered in ``cache`` by (a, line)."""
    if info.lines is not None and "\n" not in a and cache is not None:
        return max(_run(a, line, cache) for line in info.lines)
    if cache is None:
        return longest_common_run(a, info.folded, info.pairs)
    key = ("run", a, info.folded)
    run = cache.get(key)
    if run is None:
        run = cache[key] = longest_common_run(a, info.folded, info.pairs)
    return int(run)


def pair_features(
    request: PairText, text: str, scores: tuple[float, float, float], cache: dict[Any, Any] | None = None
) -> np.ndarray:
    """The :data:`PAIR_FEATURES` of a request (prepared by :func:`prepare_request`) and a reply text, given
    the present (support, coverage, cosine) scores of the pair. ``cache`` (a dict kept across the pairs of
    one reply, filled at once by :func:`prepare_texts`) holds what depends on the text alone, and the common
    runs of the request with each text."""
    ft = _folded(text, cache)
    info = _info(ft, cache)
    out = np.zeros(len(PAIR_FEATURES))
    out[0:3] = scores
    total = request.word_total
    out[3] = math.fsum(v for w, v in request.words if w in ft) / total if total else 0.0
    # the IDF mass of the specific bigrams both hold (the request's are all specific, so they are the text's
    # specific bigrams the request holds too); math.fsum is exact: a sum over a set, in whatever order, is the
    # sum in the request's order
    qb = request.bigram_codes
    shared = math.fsum(map(qb.__getitem__, qb.keys() & info.bigrams)) if qb else 0.0
    btotal = request.bigram_total
    out[4] = shared / btotal if btotal else 0.0
    stotal = info.specific_total
    out[5] = shared / stotal if stotal else 0.0
    out[6] = math.log1p(_run(request.folded, info, cache))
    h = request.heading
    out[7] = _run(h, info, cache) / len(h) if h else 0.0
    hit = sum(1 for x in request.names if x in ft)
    out[8] = hit / len(request.names) if request.names else 0.0
    # (the text's names are found only when the request's are not all missing from it)
    out[9] = float(not hit and bool(info.names) and not any(_name_core(x) in request.folded for x in info.names))
    # a number is covered by the same number as a whole (not by 3 inside 2025, nor by the text's list marker 3.)
    out[10] = sum(map(info.gives, request.numbers)) / len(request.numbers) if request.numbers else 0.0
    action, plan, refusal, forwarding = info.cues
    out[11] = math.log1p(action)
    out[12] = math.log1p(plan)
    out[13] = float(refusal > 0)
    out[14] = math.log1p(forwarding)
    return out


def prepare_request(
    text: str, heading: str | None = None, tokenizer: Callable[[str], list[str]] | None = None, context: str = ""
) -> PairText:
    """A request made ready for :func:`pair_features` (folded, its specific terms, names and numbers).

    ``tokenizer``: a :class:`~proposalnlp.tokenize.Tokenizer` (by default the shared one), or a function giving
    the same tokens of a folded text (e.g. :meth:`~proposalnlp.matching.scoring.Scorer.tokens`, remembered).

    ``context``: the folded texts of every request of the same proposal, this one included (joined); terms
    that the others hold too are not this request's own and are left out.
    """
    return _request(text, heading, tokenizer, context)


def request_context(texts: Sequence[str]) -> str:
    """The ``context`` of :func:`prepare_request` for the requests of one proposal ("" for a single one)."""
    return "\x00".join(fold_alnum(t) for t in texts) if len(texts) > 1 else ""


def model_features(unit: np.ndarray, reply: np.ndarray, several: bool, request: PairText) -> np.ndarray:
    """The model's input row (:data:`MODEL_FEATURES`) from the pair features of the best unit and the reply."""
    mass = math.log1p(request.word_total)  # the same fsum, remembered
    return np.concatenate([unit, reply, [float(several), mass, math.log1p(len(request.folded))]])


# -- the model -----------------------------------------------------------------------------------------------
#: the arrays of each kind of model, by name (every one a float64 vector)
KIND_ARRAYS: dict[str, tuple[str, ...]] = {
    "logistic": ("mean", "scale", "coef"),
    "trees": ("feature", "threshold", "left", "right", "leaf", "value", "missing_left", "roots"),
}
MAX_TREE_DEPTH = 64


class AnswerModel:
    """A calibrated probability that a reply answers a request, from :data:`MODEL_FEATURES` (numpy only).

    Two kinds: ``"logistic"`` (standardised features, weights ``coef``, ``intercept``) and ``"trees"`` (a
    gradient-boosted ensemble of regression trees, stored node by node: ``feature``, ``threshold``,
    ``left``, ``right``, ``leaf``, ``value``, ``missing_left``, and each tree's ``roots``; ``intercept`` the
    baseline). Either raw score goes through Platt scaling (``calibration`` = (a, b): p = 1 / (1 + exp(-(a *
    raw + b)))) fitted on out-of-fold scores of the training data.

    Parameters
    ----------
    kind : {"logistic", "trees"}
        The kind of model.
    arrays : dict of str to ndarray
        Its arrays (:data:`KIND_ARRAYS`).
    intercept : float
        The intercept or baseline of the raw score.
    answered, partly : float
        The verdict thresholds on the probability, chosen by cross-validation on the training folds.
    features : sequence of str, optional
        The features' names, in the order the arrays use (by default :data:`MODEL_FEATURES`).
    calibration : tuple of float, optional
        Platt scaling (a, b) of the raw score; (1, 0) = none.
    calibration_several : tuple of float, optional
        Platt scaling of a request that is one of several answered by the same reply (a proposal's
        suggestions; by default ``calibration``): such requests are shorter and share the reply, so the same
        raw score means something else.
    manifest : dict, optional
        The manifest it was loaded from (training data, figures).
    sibling_ratio : float or None, optional
        The rule for a request among several (:func:`~proposalnlp.matching.siblings.sibling_lift`): a
        suggestion the model calls unanswered is "partly" answered when some sibling is answered, its best
        unit is its own and its support reaches this share of its strongest sibling's. None: no such rule.

    Attributes
    ----------
    kind, arrays, intercept, answered, partly, features, calibration, calibration_several, manifest, sibling_ratio
        The parameters.
    """

    def __init__(
        self,
        kind: str,
        arrays: Mapping[str, np.ndarray],
        intercept: float,
        answered: float,
        partly: float,
        features: Sequence[str] = MODEL_FEATURES,
        calibration: tuple[float, float] = (1.0, 0.0),
        manifest: Mapping[str, Any] | None = None,
        calibration_several: tuple[float, float] | None = None,
        sibling_ratio: float | None = None,
    ) -> None:
        if kind not in KIND_ARRAYS:
            raise ModelFormatError(f"answer model: kind must be one of {sorted(KIND_ARRAYS)}, got {kind!r:.40}")
        self.kind = kind
        self.features = tuple(features)
        unknown = [f for f in self.features if f not in MODEL_FEATURES]
        if unknown:
            raise ModelFormatError(f"answer model: unknown features {unknown}")
        missing = [a for a in KIND_ARRAYS[kind] if a not in arrays]
        if missing:
            raise ModelFormatError(f"answer model: a {kind} model needs the arrays {missing}")
        self.arrays = {k: np.asarray(arrays[k], dtype=float) for k in KIND_ARRAYS[kind]}
        if not 0.0 <= partly <= answered <= 1.0:
            raise ModelFormatError(
                "answer model: thresholds must satisfy 0 <= partly <= answered <= 1, got "
                f"partly={partly}, answered={answered}"
            )
        self.intercept = float(intercept)
        self.answered = float(answered)
        self.partly = float(partly)
        self.calibration = (float(calibration[0]), float(calibration[1]))
        cs = calibration_several if calibration_several is not None else calibration
        self.calibration_several = (float(cs[0]), float(cs[1]))
        self.manifest: dict[str, Any] = dict(manifest or {})
        if sibling_ratio is not None and not (math.isfinite(sibling_ratio) and sibling_ratio >= 0.0):
            raise ModelFormatError(f"answer model: sibling_ratio must be a number >= 0, got {sibling_ratio!r}")
        self.sibling_ratio = None if sibling_ratio is None else float(sibling_ratio)
        self._cols = np.array([MODEL_FEATURES.index(f) for f in self.features], dtype=np.intp)
        self._check()

    def _check(self) -> None:
        n = len(self.features)
        a = self.arrays
        if self.kind == "logistic":
            for name in KIND_ARRAYS["logistic"]:
                if a[name].shape != (n,):
                    raise ModelFormatError(f"answer model: {name} must hold {n} values, got shape {a[name].shape}")
            a["scale"] = np.where(a["scale"] > 0, a["scale"], 1.0)
            return
        nodes = len(a["feature"])
        for name in ("threshold", "left", "right", "leaf", "value", "missing_left"):
            if a[name].shape != (nodes,):
                raise ModelFormatError(f"answer model: {name} must hold one value per node ({nodes})")
        leaf = a["leaf"] > 0.5
        inner = ~leaf
        for name, hi in (("feature", n - 1), ("left", nodes - 1), ("right", nodes - 1)):
            v = a[name][inner]
            if len(v) and (v.min() < 0 or v.max() > hi or not np.all(v == np.round(v))):
                raise ModelFormatError(f"answer model: {name} of a tree node is out of range")
        roots = a["roots"]
        if len(roots) and (roots.min() < 0 or roots.max() > nodes - 1 or not np.all(roots == np.round(roots))):
            raise ModelFormatError("answer model: a tree root is out of range")
        self._feature = a["feature"].astype(np.intp)
        self._left = np.where(leaf, np.arange(nodes), a["left"]).astype(np.intp)
        self._right = np.where(leaf, np.arange(nodes), a["right"]).astype(np.intp)
        self._leaf = leaf
        self._roots = roots.astype(np.intp)
        self._feature[leaf] = 0
        # node j's children side by side (2j: right, 2j + 1: left), so that a step is one gather
        self._child = np.empty(2 * nodes, dtype=np.intp)
        self._child[0::2] = self._right
        self._child[1::2] = self._left
        self._threshold = a["threshold"]
        self._missing_left = a["missing_left"] > 0.5

    def decision(self, rows: np.ndarray) -> np.ndarray:
        """The raw (uncalibrated) scores of rows of :data:`MODEL_FEATURES`."""
        x = np.atleast_2d(np.asarray(rows, dtype=float))[:, self._cols]
        a = self.arrays
        if self.kind == "logistic":
            return np.asarray(((x - a["mean"]) / a["scale"]) @ a["coef"] + self.intercept, dtype=float)
        if not len(self._roots):
            return np.full(len(x), self.intercept)
        # every (row, tree) pair's node, row by row, flat: each step gathers with take (leaves lead to themselves)
        n, k = x.shape[0], len(self._roots)
        flat = np.ascontiguousarray(x).ravel()
        offset = np.repeat(np.arange(n, dtype=np.intp) * x.shape[1], k)
        node = np.tile(self._roots, n)
        missing = bool(np.isnan(flat).any())
        for _ in range(MAX_TREE_DEPTH):
            if self._leaf.take(node).all():
                break
            value = flat.take(offset + self._feature.take(node))
            go_left = value <= self._threshold.take(node)
            if missing:
                go_left = np.where(np.isnan(value), self._missing_left.take(node), go_left)
            node = self._child.take(2 * node + go_left)
        else:
            raise ModelFormatError(f"answer model: a tree is deeper than {MAX_TREE_DEPTH} levels (or has a cycle)")
        return np.asarray(a["value"].take(node).reshape(n, k).sum(axis=1) + self.intercept, dtype=float)

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        """Calibrated probabilities of rows of :data:`MODEL_FEATURES` (all of them; the model picks its own)."""
        x = np.atleast_2d(np.asarray(rows, dtype=float))
        raw = self.decision(x)
        several = x[:, MODEL_FEATURES.index("several")] > 0.5
        a = np.where(several, self.calibration_several[0], self.calibration[0])
        b = np.where(several, self.calibration_several[1], self.calibration[1])
        return np.asarray(0.5 * (1.0 + np.tanh(0.5 * (a * raw + b))), dtype=float)

    def verdict(self, probability: float, answered: float | None = None, partly: float | None = None) -> str:
        """ "answered", "partly" or "unanswered" for a probability (thresholds: the model's unless given)."""
        a = self.answered if answered is None else answered
        p = self.partly if partly is None else partly
        return "answered" if probability >= a else ("partly" if probability >= p else "unanswered")


# -- model folders --------------------------------------------------------------------------------------------
def save_answer_model(
    model: AnswerModel, path: str | os.PathLike[str], info: Mapping[str, Any] | None = None, overwrite: bool = False
) -> Path:
    """Write ``model`` as a folder: ``manifest.json`` (format, kind, features, thresholds, intercept,
    calibration, ``info``, the SHA-256 of every file) and one float64 ``.npy`` per array.

    Written whole beside the destination and renamed into place; an earlier model's ``.md`` model card is
    kept; a folder of other files is refused unless ``overwrite``.
    """
    folder = Path(path)
    keep_docs = sf.check_save_target(folder, overwrite)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        os.chmod(staging, 0o755)  # mkdtemp's 0o700 would hide an installed model from other users
        files: dict[str, str] = {}
        for name, arr in model.arrays.items():
            target = staging / f"{name}.npy"
            np.save(target, np.ascontiguousarray(arr, dtype=np.float64), allow_pickle=False)
            files[target.name] = sf.sha256_file(target)
        manifest: dict[str, Any] = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "library": {"proposalnlp": __version__},
            "kind": model.kind,
            "features": list(model.features),
            "intercept": model.intercept,
            "calibration": {
                "method": "platt",
                "formula": "p = 1 / (1 + exp(-(a * raw + b))); a_several, b_several for a request among several",
                "a": model.calibration[0],
                "b": model.calibration[1],
                "a_several": model.calibration_several[0],
                "b_several": model.calibration_several[1],
            },
            "thresholds": {"answered": model.answered, "partly": model.partly},
            "info": dict(info or {}),
            "files": files,
        }
        if model.sibling_ratio is not None:
            manifest["siblings"] = {
                "rule": "a request among several, unanswered by the model, is partly answered when a sibling is "
                "answered, its best unit is its own and its unit support reaches ratio x its strongest sibling's",
                "ratio": model.sibling_ratio,
            }
        manifest["settings_sha256"] = sf.settings_digest(manifest)
        sf.write_json(staging / sf.MANIFEST, manifest, indent=1)
        for doc in keep_docs:
            shutil.copy2(doc, staging / doc.name)
        sf.swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def load_answer_model(path: str | os.PathLike[str], expected_manifest_sha256: str | None = None) -> AnswerModel:
    """Load an answer model folder with every file checked (format, hashes, values, no other files, no pickle).

    Raises :class:`~proposalnlp.errors.ModelFormatError`, :class:`~proposalnlp.errors.ModelIntegrityError` or
    :class:`~proposalnlp.errors.UnsafeModelError` with the reason; nothing is ever unpickled.
    """
    folder = Path(path)
    if not folder.is_dir():
        sf.refuse_pickle_file(folder)
        raise ModelError(f"no answer model folder at {os.fspath(folder)!r}")
    mpath = folder / sf.MANIFEST
    if not os.path.lexists(mpath):
        raise ModelFormatError(f"{os.fspath(folder)!r} is not an answer model: it has no {sf.MANIFEST}")
    raw = sf.read_bytes(mpath, sf.MAX_MANIFEST_BYTES)
    actual = hashlib.sha256(raw).hexdigest()
    if expected_manifest_sha256 is not None and actual != expected_manifest_sha256:
        raise ModelIntegrityError(
            f"{os.fspath(mpath)!r} does not match the pinned SHA-256 "
            f"(expected {expected_manifest_sha256}, got {actual})"
        )
    manifest = sf.parse_manifest(raw, repr(os.fspath(mpath)), FORMAT_NAME, (FORMAT_VERSION,))
    contents = sf.verified_files(folder, manifest)
    try:
        kind = manifest["kind"]
        if kind not in KIND_ARRAYS:
            raise ModelFormatError(f"manifest: kind must be one of {sorted(KIND_ARRAYS)}, got {kind!r:.40}")
        features = sf.str_list(manifest["features"], "manifest: features")
        arrays = {}
        for name in KIND_ARRAYS[kind]:
            fname = f"{name}.npy"
            if fname not in contents:
                raise ModelFormatError(f"answer model manifest does not list {fname}")
            arrays[name] = sf.parse_array(contents[fname], fname, _npy_shape(contents[fname], fname))
        th, cal = manifest["thresholds"], manifest["calibration"]
        sib = manifest.get("siblings")
        if not isinstance(th, dict) or not isinstance(cal, dict) or not isinstance(sib, (dict, type(None))):
            raise ModelFormatError("manifest: thresholds, calibration and siblings must be JSON objects")
        model = AnswerModel(
            kind,
            arrays,
            sf.number(manifest["intercept"], "intercept", -1e6, 1e6),
            sf.number(th["answered"], "thresholds.answered", 0.0, 1.0),
            sf.number(th["partly"], "thresholds.partly", 0.0, 1.0),
            features,
            (sf.number(cal["a"], "calibration.a", -1e6, 1e6), sf.number(cal["b"], "calibration.b", -1e6, 1e6)),
            manifest,
            (
                sf.number(cal.get("a_several", cal["a"]), "calibration.a_several", -1e6, 1e6),
                sf.number(cal.get("b_several", cal["b"]), "calibration.b_several", -1e6, 1e6),
            ),
            None if sib is None else sf.number(sib["ratio"], "siblings.ratio", 0.0, 1e6),
        )
    except (KeyError, TypeError) as exc:
        raise ModelFormatError(f"answer model manifest is malformed: {exc!r}") from exc
    return model


def _npy_shape(data: bytes, name: str) -> tuple[int, ...]:
    """The shape a vector ``.npy`` file announces (checked again, with its size, by the parser)."""
    from io import BytesIO

    stream = BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape = tuple(read(stream)[0])
    except ValueError as exc:
        raise ModelFormatError(f"{name} is not a valid .npy file: {exc}") from exc
    if len(shape) != 1 or shape[0] > 1 << 22:
        raise ModelFormatError(f"{name} must be a vector of at most {1 << 22} values, got shape {shape}")
    return shape


_DEFAULT: AnswerModel | None = None
_DEFAULT_LOCK = threading.Lock()


def default_answer_model() -> AnswerModel:
    """The bundled answer model (``proposalnlp.models/answer-default``), loaded once with its manifest pinned
    (:data:`DEFAULT_PIN`): a changed file is refused."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            folder = sf.bundled_folder("answer-default")
            pin = resources.files("proposalnlp.matching").joinpath(DEFAULT_PIN)
            expected = pin.read_text(encoding="ascii").split()[0] if pin.is_file() else None
            _DEFAULT = load_answer_model(folder, expected)
        return _DEFAULT


def _whole_word_names(folded: str, names: frozenset[str]) -> set[str]:
    """The names that begin and end where the request's words do (农业大学, not 持龙头企业与农业大学 out of
    支持…; 县域 is one word, so no 出台县): a name caught across words is no term a reader would recognise.

    A name caught with the general words before it loses them (尽快修复星湖小区 → 星湖小区, 加快推进东风路 →
    东风路: words common in policy language are no part of a place's name); one left with nothing but its
    kind (建设文化广场 → 广场) is no name at all."""
    if not names:
        return set()
    tokens = default_tokenizer().engine_tokens(folded)
    if "".join(tokens) != folded:  # the tokens do not spell the text: no boundaries to check against
        return set(names)
    starts: dict[int, int] = {}  # token start -> token index
    at = 0
    for k, t in enumerate(tokens):
        starts[at] = k
        at += len(t)
    bounds = {*starts, at}
    idf = _idf()
    out = set()
    for name in names:
        start = folded.find(name)
        while start >= 0:
            end = start + len(name)
            if start in starts and end in bounds:
                k = starts[start]
                while start + len(tokens[k]) < end and idf.words.get(tokens[k], 0) > idf.cut:
                    start += len(tokens[k])
                    k += 1
                core = folded[start:end]
                if len(core) >= 3 and core not in _GENERIC_NAMES and _NAME_END.sub("", core):
                    out.add(core)
                break
            start = folded.find(name, start + 1)
    return out


def covered_terms(request: str | PairText, text: str) -> tuple[list[str], list[str]]:
    """The request's specific terms (:func:`specific_terms`, and its names and numbers) that ``text`` holds,
    and those it leaves out: what a report shows beside a verdict."""
    req = request if isinstance(request, PairText) else _request(request, None, None)
    ft = fold_alnum(text)
    terms: list[str] = []
    names = sorted(_whole_word_names(req.folded, req.names))
    candidates = [*(w for w, _ in req.words), *names, *sorted(req.numbers)]
    for w in candidates:  # a word inside a longer term (星湖 in 星湖小区) is shown as that term
        if w not in terms and not any(w in t and w != t for t in candidates):
            terms.append(w)
    given = numbers_in(ft, req.numbers) if req.numbers else frozenset()
    covered = [w for w in terms if (w in given if w in req.numbers else w in ft or _parts_in_order(w, ft))]
    missing = [w for w in terms if w not in covered]
    if _SEPARATED.search(req.folded):  # a number is shown as the request writes it (50,000, not 50000)
        written = _written_numbers(req.folded)
        return [written.get(w, w) for w in covered], [written.get(w, w) for w in missing]
    return covered, missing


def _written_numbers(folded: str) -> dict[str, str]:
    """The numbers a text writes with thousands separators, each by the number it is read as (50000 → 50,000):
    the terms a report shows are what the reader wrote, not the digits they are compared by."""
    out: dict[str, str] = {}
    for m in _NUMBER.finditer(folded):
        x = m.group()
        if _SEPARATED.search(x):
            out.setdefault(_number(x), x)
    return out


#: At most this many characters may stand between the two parts of a compound term in a text that holds it
#: with a modifier inside (数字化车间 in 数字化示范车间, 研发中心 in 研发创新中心).
COMPOUND_GAP = 3


def _parts_in_order(term: str, text: str, gap: int = COMPOUND_GAP) -> bool:
    """Whether ``text`` holds ``term`` split in two parts of two characters or more, in order, with at most
    ``gap`` characters between them: Chinese compounds take modifiers inside (数字化车间 → 数字化示范车间), and
    a reader counts those as the same term. Parts farther apart, or in the other order, do not count."""
    for cut in range(2, len(term) - 1):
        head, tail = term[:cut], term[cut:]
        start = text.find(head)
        while start >= 0:
            end = start + len(head)
            if text.find(tail, end, end + gap + len(tail)) >= 0:
                return True
            start = text.find(head, start + 1)
    return False
