"""A small learned model of where a reply's units start, and of what kind (issue 14; an experiment, not the library).

The rule parser (``proposalnlp._parser``, reply part) reaches 0.88-1.00 answer units found on the Teddy parts its
rules were written on and 0.82-0.85 on each fresh part; this module asks whether a per-position classifier trained
on the hand-marked replies (``devtools/data/teddy_reply_units.json``) generalises better.

* Candidates (:func:`candidates`): the positions where a reader could start a unit: the text's start, the first
  character after a run of whitespace (a paragraph or line break), after a sentence end 。！？；(and a closing quote
  or bracket after it), after a colon (a salutation's 您好：, a lead-in 如下：1.…), and after a comma when a list
  marker follows (…，二是…). Whitespace after a boundary is skipped, so one break gives one candidate.
* Features (:func:`candidate_features`): the boundary's type and width, the first characters after the position,
  the list-marker shape (一、 （一） 1、 （1） ① 一是 第一) with its number and whether the same shape came before
  (numbering level), genre words at the sentence's start or inside it (下一步/今后, 此外/另外, 经查/经核实, 感谢/谢谢,
  此复, 您好, 收悉, 如下, 电话/咨询), a date, the sentence's length, the position in the text, the distance to the
  previous candidate, what came before (a salutation, a 如下 announcement, a date or thanks: a closing has begun), the
  neighbouring candidates' boundary and first characters, and (optionally) the parser's own decision there.
* Model (:class:`Segmenter`): a seeded multinomial ``LogisticRegression`` over one-hot features (label: the kind of
  the marked unit starting within 3 characters, or ``none``); a candidate is a start when ``1 - P(none)`` reaches a
  threshold, with the most probable kind; of starts within 3 characters of each other the most probable is kept.
* Output (:meth:`Segmenter.segment`): a :class:`proposalnlp.document.Document` whose units are the predicted reply
  units, so ``scripts/eval_parse.py``'s scoring reads it as it reads ``parse()``'s.

``scripts/eval_segmenter.py`` runs the leave-one-part-out comparison; ``devtools/SEGMENTER.md`` holds its result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from proposalnlp.document import Document, Unit

__all__ = [
    "KINDS",
    "TOL",
    "Candidate",
    "Segmenter",
    "candidate_features",
    "candidates",
    "label_candidates",
    "marker_shape",
]

#: The classes: no unit starts here, or a unit of one of the reply kinds starts here.
KINDS = ("none", "header", "opening", "section", "item", "next-step", "closing")
TOL = 3  # as scripts/eval_parse.py: a start within 3 characters is the same start

_ENDS = "。！？；!?;"
_COLONS = "：:"
_FULL = {"!": "！", "?": "？", ";": "；", ":": "：", ",": "，"}
_CLOSERS = "”’」』）)】\"'"
_CN_NUM = "一二三四五六七八九十"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_paren", re.compile(rf"[（(]([{_CN_NUM}]+)[）)]")),
    ("ar_paren", re.compile(r"[（(](\d{1,2})[）)]")),
    ("cn_dun", re.compile(rf"([{_CN_NUM}]+)[、.．，,]")),
    ("ar_dun", re.compile(r"(\d{1,2})(?:[、，,]|[.．](?!\d))")),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])")),
    ("shi", re.compile(rf"([{_CN_NUM}])是")),
    ("di", re.compile(rf"第([{_CN_NUM}]+)[，、,是：:]?")),
    ("ordinal", re.compile(r"(首先|其次|再次|最后)")),
    ("named", re.compile(rf"(?:疑问|问题|诉求)([{_CN_NUM}]+)[：:、，,]")),
)
_ORDINAL = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
#: Genre words looked for at the sentence's start (first 6 characters) and anywhere in it.
_WORDS = (
    "下一步", "下步", "今后", "此外", "另外", "同时", "经查", "经核实", "经了解", "经调查", "经研究", "关于",
    "感谢", "谢谢", "此复", "特此", "祝", "您好", "你好", "收悉", "如下", "回复", "答复", "留言", "网友", "市民",
    "电话", "咨询", "联系", "欢迎", "监督", "支持", "我局", "我委", "我们", "已", "将", "目前",
)  # fmt: skip
#: Frame words looked for in the text since the previous candidate (the sentence a unit would follow).
_FRAME_WORDS = ("收悉", "如下", "您好", "你好", "感谢", "谢谢", "网友", "关于", "：", "经查", "此复")
_DATE = re.compile(
    r"(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?"
)
_PHONE = re.compile(r"\d{3,4}-?\d{7,8}|\d{7,11}")


@dataclass(frozen=True)
class Candidate:
    """A position where a unit may start: ``pos`` (a non-space character), the boundary before it (``start``,
    ``para`` for a whitespace run, ``line`` for one holding a newline, or the punctuation mark), the mark that ended
    the text before a break (``prev``) and the width of the whitespace run (``gap``)."""

    pos: int
    boundary: str
    prev: str
    gap: int


def marker_shape(text: str, pos: int) -> tuple[str, int]:
    """The list-marker shape at ``pos`` (``cn_dun`` 一、, ``cn_paren`` （一）, ``ar_dun`` 1、/1., ``ar_paren`` （1）,
    ``circled`` ①, ``shi`` 一是, ``di`` 第一, ``ordinal`` 首先…) and its number, or ``("", 0)``."""
    for name, pat in _MARKERS:
        m = pat.match(text, pos)
        if m:
            return name, _number(m.group(1))
    return "", 0


def _number(s: str) -> int:
    if s.isascii() and s.isdigit():
        return int(s)
    if s in _ORDINAL:
        return _ORDINAL[s]
    if s in "①②③④⑤⑥⑦⑧⑨⑩":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(s) + 1
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.index(s[1]) + 1
    if len(s) >= 2 and s[1] == "十":
        return (_CN_NUM.index(s[0]) + 1) * 10 + (_CN_NUM.index(s[2]) + 1 if len(s) > 2 else 0)
    return _CN_NUM.index(s[0]) + 1


def candidates(text: str) -> list[Candidate]:
    """Every candidate start of ``text`` in order, one per position (see the module docstring)."""
    n = len(text)
    out: dict[int, Candidate] = {}

    def skip_space(i: int) -> int:
        while i < n and text[i].isspace():
            i += 1
        return i

    first = skip_space(0)
    if first < n:
        out[first] = Candidate(first, "start", "", first)
    i = last = first
    while i < n:
        c = text[i]
        if c.isspace():
            j = skip_space(i)
            if j < n and j not in out:
                prev = text[i - 1] if i > 0 else ""
                out[j] = Candidate(j, "line" if "\n" in text[i:j] else "para", prev, j - i)
            i = j
            continue
        if i in out:
            last = i
        elif i > first and _glued_start(text, i, last):
            out[i] = Candidate(i, "glued", text[i - 1], 0)
            last = i
        if c in _ENDS or c in _COLONS or (c in "，," and _comma_start(text, i + 1)):
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            k = skip_space(j)
            if k < n and k not in out:
                if k > j:
                    out[k] = Candidate(k, "line" if "\n" in text[j:k] else "para", text[j - 1], k - j)
                else:
                    out[k] = Candidate(k, _FULL.get(c, c), c, 0)
            i = max(j, i + 1)
            continue
        i += 1
    return [out[k] for k in sorted(out)]


_COMMA_WORDS = ("感谢", "谢谢", "祝", "如有", "下一步", "下步", "今后", "此外", "另外")
_DATE_END = re.compile(
    r"(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
)


def _comma_start(text: str, i: int) -> bool:
    """After a comma, a list marker or a word that opens a plan, an addition or the closing (…，二是 / …，感谢您)."""
    return bool(marker_shape(text, i)[0]) or text.startswith(_COMMA_WORDS, i)


def _glued_start(text: str, i: int, last: int) -> bool:
    """A start glued to the text before it: right after a date (the next reply run into a signature's date),
    after a short quoted name opening the text or a reply (网友“…”您好), or at a bracketed or circled list marker or
    a numeral with 、 after a character that is not a digit (…补办建房证2、在…; …自建房（一）材料)."""
    prev = text[i - 1]
    if (
        prev == "日"
        and _DATE_END.search(text, max(0, i - 16), i)
        and not text[i].isspace()
        and text[i] not in "，。、）)"
    ):
        return True
    if prev == "”" and i - last <= 25 and "“" in text[last:i] and text[i] not in "，。、：:！!？?":
        return True
    shape, _num = marker_shape(text, i)
    if shape in ("cn_paren", "ar_paren", "circled"):
        return True
    if shape == "cn_dun" and prev not in _CN_NUM and text[i + 1 : i + 2] in "、":
        return True
    return shape == "ar_dun" and not prev.isdigit() and not prev.isascii() and prev not in "第至和或、"


def _bucket(x: float) -> str:
    """A coarse log2 bucket of a non-negative length, as a feature value."""
    return str(min(10, int(math.log2(x + 1))))


def _sentence_end(text: str, pos: int) -> int:
    """The end of the sentence starting at ``pos`` (after its 。！？ or at a paragraph break)."""
    n = len(text)
    for j in range(pos, n):
        c = text[j]
        if c in "。！？!?":
            return j + 1
        if c == "\n" or (c == "\u3000" and j + 1 < n and text[j + 1] == "\u3000"):
            return j
    return n


def candidate_features(
    text: str, cands: Sequence[Candidate], parsed: Sequence[tuple[int, str]] | None = None
) -> list[dict[str, float]]:
    """One feature dict per candidate (one-hot strings as ``name=value`` keys); ``parsed``: the parser's reply
    units as (start, kind), giving the parser's decision at each candidate as one more feature."""
    n = len(text)
    feats: list[dict[str, float]] = []
    shapes_seen: dict[str, int] = {}
    first_shape = ""
    salutation_at = -1
    announce_at = -1
    closing_at = -1
    breaks = sum(1 for c in cands if c.boundary in ("para", "line"))
    text_breaks = "none" if not breaks else "few" if breaks < 3 else "many"
    quote_depth = 0
    quote_from = 0
    basic: list[tuple[str, str]] = []
    for c in cands:
        basic.append((c.boundary, text[c.pos : c.pos + 2]))
    for idx, c in enumerate(cands):
        p = c.pos
        end = _sentence_end(text, p)
        sent = text[p:end]
        head = text[p : p + 6]
        nxt = cands[idx + 1].pos if idx + 1 < len(cands) else n
        prv = cands[idx - 1].pos if idx else 0
        before = text[max(0, p - 40) : p]
        span_before = text[prv:p] if idx else ""
        quote_depth += sum(text.count(o, quote_from, p) - text.count(e, quote_from, p) for o, e in ("“”", "《》"))
        quote_from = p
        f: dict[str, float] = {
            "bias": 1.0,
            f"b={c.boundary}": 1.0,
            f"prev={c.prev}": 1.0,
            f"b_prev={c.boundary}_{c.prev}": 1.0,
            f"gap={min(c.gap, 4)}": 1.0,
            f"c1={text[p]}": 1.0,
            f"c2={text[p : p + 2]}": 1.0,
            f"c3={text[p : p + 3]}": 1.0,
            f"slen={_bucket(end - p)}": 1.0,
            f"span={_bucket(nxt - p)}": 1.0,
            f"dprev={_bucket(p - prv)}": 1.0,
            f"relpos={min(4, int(5 * p / max(n, 1)))}": 1.0,
            f"toend={_bucket(n - p)}": 1.0,
            f"index={min(idx, 5)}": 1.0,
            f"last={idx == len(cands) - 1}": 1.0,
            f"text_breaks={text_breaks}": 1.0,
            f"b_breaks={c.boundary}_{text_breaks}": 1.0,
        }
        if quote_depth > 0:
            f["in_quote"] = 1.0
        for w in _FRAME_WORDS:
            if w in span_before:
                f[f"ps_in={w}"] = 1.0
        shape, num = marker_shape(text, p)
        if shape:
            seen = shapes_seen.get(shape, 0)
            if not first_shape:
                first_shape = shape
            f[f"shape={shape}"] = 1.0
            f[f"shape_num={shape}_{min(num, 5)}"] = 1.0
            f[f"shape_seen={seen > 0}"] = 1.0
            f[f"shape_next={num == seen + 1}"] = 1.0
            f[f"shape_first={shape == first_shape}"] = 1.0
            f[f"shape_b={shape}_{c.boundary}"] = 1.0
            if first_shape != shape:
                f[f"shape_under={first_shape}"] = 1.0
            shapes_seen[shape] = num
        else:
            f["shape=none"] = 1.0
        for w in _WORDS:
            if head.startswith(w) or (len(w) > 1 and w in head[:4]):
                f[f"head={w}"] = 1.0
            if w in sent:
                f[f"in={w}"] = 1.0
        date = _DATE.search(sent)
        if date:
            f["date"] = 1.0
            f[f"date_at_start={date.start() < 2}"] = 1.0
        if _PHONE.search(sent):
            f["phone"] = 1.0
        # what came before: a salutation, an announcement of the answer, a closing begun
        if salutation_at >= 0:
            f["after_salutation"] = 1.0
        if announce_at >= 0:
            f["after_announce"] = 1.0
        if closing_at >= 0:
            f["after_closing_words"] = 1.0
            f[f"since_closing={_bucket(p - closing_at)}"] = 1.0
        for name, (b, s) in (
            ("pc", basic[idx - 1] if idx else ("", "")),
            ("nc", basic[idx + 1] if idx + 1 < len(cands) else ("", "")),
        ):
            f[f"{name}_b={b}"] = 1.0
            f[f"{name}_c1={s[:1]}"] = 1.0
        f[f"before_end={before[-1:] if before else ''}"] = 1.0
        if parsed is not None:
            near = [k for s, k in parsed if abs(s - p) <= TOL]
            f[f"parser={near[0] if near else 'none'}"] = 1.0
            f[f"parser_b={(near[0] if near else 'none')}_{c.boundary}"] = 1.0
        feats.append(f)
        # update the running context with this candidate's sentence
        if any(w in sent[:12] for w in ("您好", "你好", "同志", "先生", "女士", "网友", "市民")) and c.pos < n * 0.5:
            salutation_at = p
        if "如下" in sent or "收悉" in sent:
            announce_at = p
        if date or any(w in sent[:6] for w in ("感谢", "谢谢", "此复", "特此")):
            closing_at = p
    return feats


def label_candidates(cands: Sequence[Candidate], gold: Iterable[tuple[int, str]]) -> list[str]:
    """Each candidate's class: the kind of the nearest marked unit starting within ``TOL`` characters, else
    ``none``."""
    gold = list(gold)
    out = []
    for c in cands:
        near = sorted((abs(s - c.pos), k) for s, k in gold if abs(s - c.pos) <= TOL)
        out.append(near[0][1] if near else "none")
    return out


@dataclass
class Segmenter:
    """The per-candidate classifier. ``model="lr"``: one multinomial ``LogisticRegression`` over the classes of
    :data:`KINDS` (``C`` its inverse regularisation); ``model="hgb"``: a ``HistGradientBoostingClassifier`` for
    start / no start (fixed, seeded settings; features seen at least ``min_count`` times in training) and a
    ``LogisticRegression`` for the kind, fitted on the starts only. ``threshold`` on ``1 - P(none)``; ``use_parser``:
    the parser's decision is a feature."""

    C: float = 1.0
    threshold: float = 0.5
    use_parser: bool = False
    model: str = "lr"
    seed: int = 0
    min_count: int = 5

    def __post_init__(self) -> None:
        if self.model not in ("lr", "hgb"):
            raise ValueError(f"model must be 'lr' or 'hgb', got {self.model!r}")
        self._vec = DictVectorizer()
        self._clf = LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)
        self._start = HistGradientBoostingClassifier(
            learning_rate=0.1, max_iter=150, l2_regularization=1.0, random_state=self.seed
        )
        self._keep = np.zeros(0, dtype=bool)

    def fit(self, rows: Sequence[tuple[list[dict[str, float]], list[str]]]) -> Segmenter:
        """Fit on (features, labels) of whole replies."""
        X = self._vec.fit_transform([f for feats, _ in rows for f in feats])
        y = np.array([lab for _, labels in rows for lab in labels])
        if self.model == "lr":
            self._clf.fit(X, y)
            return self
        self._keep = np.asarray((X > 0).sum(axis=0)).ravel() >= self.min_count
        self._start.fit(X[:, self._keep].toarray().astype(np.float32), y != "none")
        self._clf.fit(X[y != "none"], y[y != "none"])
        return self

    def proba(self, feats: list[dict[str, float]]) -> np.ndarray:
        """P(kind) for each candidate, columns in :data:`KINDS` order (0 for a class unseen in training)."""
        out = np.zeros((len(feats), len(KINDS)))
        if not feats:
            return out
        X = self._vec.transform(feats)
        if self.model == "lr":
            p = self._clf.predict_proba(X)
            for j, k in enumerate(self._clf.classes_):
                out[:, KINDS.index(str(k))] = p[:, j]
            return out
        start = self._start.predict_proba(X[:, self._keep].toarray().astype(np.float32))[:, 1]
        p = self._clf.predict_proba(X)
        for j, k in enumerate(self._clf.classes_):
            out[:, KINDS.index(str(k))] = p[:, j] * start
        out[:, 0] = 1.0 - start
        return out

    def features(
        self, text: str, parsed: Sequence[tuple[int, str]] | None = None
    ) -> tuple[list[Candidate], list[dict[str, float]]]:
        """The candidates of ``text`` and their features (the parser is run when ``use_parser`` and ``parsed`` is
        None)."""
        cands = candidates(text)
        if self.use_parser and parsed is None:
            parsed = self._parsed(text)
        return cands, candidate_features(text, cands, parsed if self.use_parser else None)

    @staticmethod
    def _parsed(text: str) -> list[tuple[int, str]]:
        from proposalnlp.document import parse

        return [(u.start, u.kind) for u in parse(text).units if u.part == "reply"]

    def decode(
        self, text: str, cands: Sequence[Candidate], proba: np.ndarray, threshold: float | None = None
    ) -> Document:
        """The predicted units as a Document: starts where ``1 - P(none)`` reaches the threshold, the most probable
        of starts within ``TOL`` of each other kept, each with its most probable kind."""
        t = self.threshold if threshold is None else threshold
        start_p = 1.0 - proba[:, 0] if len(cands) else np.zeros(0)
        picked: list[int] = []
        for i in sorted(range(len(cands)), key=lambda i: (-start_p[i], cands[i].pos)):
            if start_p[i] < t:
                break
            if all(abs(cands[i].pos - cands[j].pos) > TOL for j in picked):
                picked.append(i)
        picked.sort(key=lambda i: cands[i].pos)
        units = []
        for n, i in enumerate(picked):
            start = cands[i].pos
            end = cands[picked[n + 1]].pos if n + 1 < len(picked) else len(text)
            body = text[start:end].rstrip()
            kind = KINDS[1 + int(np.argmax(proba[i, 1:]))]
            units.append(Unit(f"R{n + 1}", "reply", kind, 1, None, None, body, start, start + len(body)))
        return Document(text=text, units=units)

    def segment(self, text: str) -> Document:
        """The reply's predicted units (a fitted model)."""
        cands, feats = self.features(text)
        return self.decode(text, cands, self.proba(feats))
