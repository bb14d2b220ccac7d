"""Tokenizing policy Chinese: normalisation, segmentation with a domain dictionary, stopwords.

:class:`Tokenizer` owns its own segmentation engine (never jieba's global default one), builds it lazily on
first use, keeps jieba quiet, pickles without its engine (rebuilt on the other side) and is safe to call
from several threads. The engine sits behind a small seam: ``rjieba`` (the Rust port) when it is
installed, else ``jieba``; with HMM off both give identical tokens (tested on the 305 Jiangsu proposals).

The defaults (HMM off, function-word stopwords, the policy dictionary, ``subwords`` off) were chosen by
``scripts/eval_tokenizer.py`` and ``benchmarks/bench_tokenize.py``; their figures are in
``benchmarks/RESULTS.md`` ("Tokenizer defaults").
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import unicodedata
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

from ._text import given
from .errors import DictionaryError, InputTypeError, InputValueError, ModelFormatError, ModelIntegrityError

__all__ = [
    "BATCH_SEPARATOR",
    "CONTENT",
    "DEFAULT_WORD_FREQ",
    "MAX_WORD_FREQ",
    "TOKEN_FOLD",
    "Tokenizer",
    "load_stopwords",
    "normalize",
    "parse_dictionary",
    "policy_entries",
]

logger = logging.getLogger(__name__)

#: Tokens jieba's default pattern can keep whole; a user word with other characters can never match.
#: (rjieba's pattern is a superset: it also admits CJK extension blocks.)
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")
#: Zero-width and other invisible format characters are removed, so that they cannot split a word;
#: control characters and lone surrogates (which cannot even be encoded) become spaces.
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_ODD = re.compile(f"[{_INVISIBLE}\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_INVISIBLE_SET = re.compile(f"[{_INVISIBLE}]")
#: Full-width forms jieba would join into words (letters, digits, + # & . _ % -) are folded before cutting,
#: as are the ideographic and no-break spaces. Other full-width punctuation (，：（）) is cut alone either
#: way, so it is folded on the tokens afterwards: the same tokens as folding the whole text first, cheaper.
_FOLD_BEFORE = re.compile(
    "[\xa0\uff03\uff05\uff06\uff0b\uff0d\uff0e\uff10-\uff19\uff21-\uff3a\uff3f\uff41-\uff5a\u3000]+"
)
_WIDTH_TABLE = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20, 0xA0: 0x20}
#: Full-width characters (and the ideographic / no-break spaces) of an engine token -> their ASCII forms.
TOKEN_FOLD = {chr(k): chr(v) for k, v in _WIDTH_TABLE.items()}
_HSPACE = re.compile(r"[^\S\n]+")
#: Anything :func:`_fold` has to change in text made of stable characters.
#: One character class (an alternation of the three patterns scans 7x slower); the whitespace listed is
#: every character ``\\s`` matches except the line break.
_WORK = re.compile(
    f"[{_ODD.pattern[1:-1]}{_FOLD_BEFORE.pattern[1:-2]}"
    " \t\x0b\x0c\r\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]"
)
_LINE_BREAKS = re.compile(r"\s*\n\s*")
#: A token worth keeping holds at least one letter, digit or ideograph (any script): no pure punctuation.
#: A token is content when it holds a letter, digit or ideograph (matched by this pattern) and is no stopword.
CONTENT = re.compile(r"[^\W_]")
_TAG = re.compile(r"^[A-Za-z]+$")
#: Most distinct tokens a Tokenizer remembers as content or not (a set lookup beats a regex per token), and
#: most characters those tokens may hold in all: past either it starts a fresh memo, so that a service fed
#: unique texts stays flat (about 60 MB at most). A token longer than ``_MEMO_TOKEN_CHARS`` (a run of digits
#: or letters) is decided each time it comes, never remembered.
_MEMO_LIMIT = 300_000
_MEMO_CHARS = 3_000_000
_MEMO_TOKEN_CHARS = 64
#: Frequency given to a user word listed without one; the bundled policy dictionary uses the same figure.
DEFAULT_WORD_FREQ = 1000
#: Largest frequency a dictionary word may have (jieba's own largest is about 900,000).
MAX_WORD_FREQ = 10**9
_STOPWORD_LISTS = ("default", "function", "extended")
#: The bundled list ``stopwords="default"`` means (chosen by scripts/eval_tokenizer.py).
_DEFAULT_STOPWORDS = "function"


def _odd(m: re.Match[str]) -> str:
    return "" if _INVISIBLE_SET.match(m.group()) else " "


def _cjk_gap(m: re.Match[str]) -> str:
    """Drop spaces or tabs between two Chinese characters (a PDF or web artefact such as 智能化 改造)."""
    text, start, end = m.string, m.start(), m.end()
    if 0 < start and end < len(text) and _is_cjk(text[start - 1]) and _is_cjk(text[end]):
        return ""
    return m.group()


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def _stable_class() -> str:
    """A character class of the characters common in Chinese text that NFKC leaves alone (plus the
    full-width forms, which are folded by table): text made only of these needs no NFKC pass."""
    parts = ["\\x00-\\xa0", "\u3000", "\u3400-\u4dbf", "\u4e00-\u9fff", "\uff01-\uff5e"]
    ranges: list[list[int]] = []
    for lo, hi in ((0xA1, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2460, 0x25FF), (0x3001, 0x303F)):
        for code in range(lo, hi + 1):
            if unicodedata.normalize("NFKC", chr(code)) == chr(code):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    parts += [f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return "".join(parts)


#: Any character outside the stable class sends the text through NFKC.
_STABLE = _stable_class()
_UNUSUAL = re.compile(f"[^{_STABLE}]")
_UNUSUAL_RUN = re.compile(f"[^{_STABLE}]+")


def _quiet_class() -> str:
    """The stable characters :data:`_WORK` leaves alone, as ranges for one character class."""
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    ranges: list[list[int]] = []
    for cp in map(ord, _WORK.sub("", _UNUSUAL.sub("", bmp))):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


#: :func:`_quiet_class`, written out (computing it costs 16 ms at import; a test checks the two agree).
_QUIET_CLASS = (
    "\\\n-\\\n!-\\~\xa1-\xa7\xa9-\xa9\xab-\xac\xae-\xae\xb0-\xb1\xb6-\xb7\xbb-\xbb\xbf-\xff\u2010-"
    "\u2010\u2012-\u2016\u2018-\u2023\u2027-\u2027\u2030-\u2032\u2035-\u2035\u2038-\u203b\u203d-"
    "\u203d\u203f-\u2046\u204a-\u2056\u2058-\u205e\u2065-\u206f\u2190-\u21ff\u24eb-\u25ff\u3001-"
    "\u3035\u3037-\u3037\u303b-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff02\uff04-\uff04\uff07-"
    "\uff0a\uff0c-\uff0c\uff0f-\uff0f\uff1a-\uff20\uff3b-\uff3e\uff40-\uff40\uff5b-\uff5e"
)
#: Any character :func:`_fold` may change: one scan tells that most texts need nothing (one character
#: class; two scans, or an alternation, cost more).
_ANY_CHANGE = re.compile(f"[^{_QUIET_CLASS}]")
#: Joins the texts of a batch for one engine call (:meth:`Tokenizer.engine_tokens_joined`). U+206F, a deprecated
#: format character: quiet (:func:`_fold` keeps it, never produces it, and lower-casing keeps it), neither
#: whitespace nor in the engines' word pattern, so both engines cut it out as a token of its own and segment
#: the text on each side of it as they would alone. A batch whose texts hold it is cut text by text.
BATCH_SEPARATOR = "\u206f"


#: The characters of :data:`_WIDTH_TABLE`, in runs.
_WIDE = re.compile("[\uff01-\uff5e\u3000\xa0]+")


def _narrow(m: re.Match[str]) -> str:
    return m.group().translate(_WIDTH_TABLE)


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, computed only around the characters outside the stable class.

    NFKC of a long Chinese text costs about 0.14 µs a character, and one ellipsis (…) or circled digit sends
    a whole proposal through it. The stable characters need only the full-width table, so each run of other
    characters is normalised with its neighbours up to a normalisation boundary: back over combining marks
    to the starter they may compose with, forward over combining marks (U+302A-302F are stable but have a
    combining class). No stable character composes with the one before it (tests/test_tokenize.py checks
    this and the equality with NFKC).
    """
    spans: list[list[int]] = []
    for m in _UNUSUAL_RUN.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and unicodedata.combining(text[start - 1]):
            start -= 1
        start = max(start - 1, 0)  # the starter a leading combining mark may compose with
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(unicodedata.normalize("NFKC", text[start:end]))
        pos = end
    parts.append(text[pos:])
    # NFKC leaves no full-width form behind, so the table can run over the whole result; run by run, since
    # str.translate with a dict costs about 80 ns a character
    return _WIDE.sub(_narrow, "".join(parts))


def _fold(text: str) -> str:
    """What the engine sees: :func:`normalize` without whitespace collapsing and full-width punctuation folding."""
    if not _ANY_CHANGE.search(text):
        return text
    if _UNUSUAL.search(text):
        text = _nfkc(_ODD.sub(_odd, text))
    elif _WORK.search(text):
        text = _ODD.sub(_odd, text)
        text = _FOLD_BEFORE.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)
    else:
        return text
    return _HSPACE.sub(_cjk_gap, text)


def _fold_stable_many(texts: list[str]) -> list[str]:
    """:func:`_fold` of texts made of stable characters (no NFKC pass needed), lower-cased: the substitutions run
    once over the texts joined by :data:`BATCH_SEPARATOR` (a batch of short texts pays each regex call once,
    not once a text). The same result as text by text: every substitution is local to a text, since the
    separator is neither invisible, nor full-width, nor whitespace, nor CJK (a space next to it is kept, as at
    the edge of a text), and the lower-casing of stable characters needs no context (final sigma is not
    stable)."""
    joined = BATCH_SEPARATOR.join(texts)
    joined = _ODD.sub(_odd, joined)
    joined = _FOLD_BEFORE.sub(_narrow, joined)
    out = _HSPACE.sub(_cjk_gap, joined).lower().split(BATCH_SEPARATOR)
    if len(out) != len(texts):  # pragma: no cover - no substitution produces or removes the separator
        return [_fold(t).lower() for t in texts]
    return out


def normalize(text: str) -> str:
    """Fold full-width forms to half-width (NFKC) and tidy invisible characters and whitespace.

    A BOM, zero-width characters and soft hyphens are removed; control characters and lone surrogates
    become spaces; spaces or tabs between two Chinese characters are removed (they split words in
    extracted PDF text); other runs of whitespace become one space, or one line break if they hold one.
    Chinese punctuation such as 。 and 、 is kept; full-width ASCII (，：（）Ａ１) becomes ASCII. Case is kept.
    """
    text = _LINE_BREAKS.sub("\n", _fold(text).translate(_WIDTH_TABLE))
    return _HSPACE.sub(" ", text).strip()


def _normalize_word(word: str) -> str:
    """A dictionary word in the form the engine sees text in (NFKC, lower case)."""
    return unicodedata.normalize("NFKC", word).lower()


def _data_file(name: str) -> str:
    return resources.files("proposalnlp").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def _stopword_sections() -> dict[str, frozenset[str]]:
    """The bundled stopwords.txt, split by its ``[section]`` headers."""
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("function", set())
    for raw in _data_file("stopwords.txt").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), set())
            continue
        current.update(_normalize_word(w) for w in line.split())
    return {name: frozenset(words) for name, words in sections.items()}


def load_stopwords(name: str = "default") -> frozenset[str]:
    """A bundled stopword list.

    ``"function"``: function words (particles, pronouns, prepositions, conjunctions, auxiliaries).
    ``"extended"``: those plus policy boilerplate (进一步, 加强, 推进, 工作, 发展...). ``"default"`` is
    ``"function"``: sublinear TF-IDF already weighs boilerplate down, so dropping it is left to the caller
    (the evaluation behind this choice: ``benchmarks/RESULTS.md``, "Tokenizer defaults").
    """
    if name == "default":
        name = _DEFAULT_STOPWORDS
    sections = _stopword_sections()
    if name == "function":
        return sections["function"]
    if name == "extended":
        return sections["function"] | sections["boilerplate"]
    raise InputValueError(f"unknown stopword list {name!r}; expected one of {', '.join(_STOPWORD_LISTS)}")


def _cache_dir() -> Path | None:
    """A per-user cache folder (``$PROPOSALNLP_CACHE``, ``$XDG_CACHE_HOME/proposalnlp`` or ``~/.cache/proposalnlp``).

    ``None`` when it cannot be created (read-only home): jieba then works without a cache file.
    """
    base = os.environ.get("PROPOSALNLP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "proposalnlp"
    )
    path = Path(base)
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        logger.info("no cache folder for jieba (%s); building its dictionary without a cache", exc)
        return None
    return path


def parse_dictionary(text: str, source: str = "<words>") -> list[tuple[str, int, str | None]]:
    """Parse jieba-format dictionary text (``word [freq] [tag]`` per line) and validate every line.

    A BOM, CRLF line ends, blank lines and ``#`` comment lines are accepted. Raises
    :class:`DictionaryError` naming ``source`` and the line number on a malformed line: more than three
    fields, the columns in the wrong order (``100 词语``), a frequency that is not a positive whole
    number, a tag that is not letters. Words are folded like text (NFKC, lower case). Logs a warning for
    a word that jieba can never produce as one token (it holds spaces or symbols outside its pattern).
    """
    entries: list[tuple[str, int, str | None]] = []
    for number, raw in enumerate(text.replace("\ufeff", "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{source}, line {number}"
        fields = line.split()
        if len(fields) > 3:
            raise DictionaryError(
                f"{where}: expected 'word [freq] [tag]', got {len(fields)} fields in {line!r} "
                "(a word cannot contain spaces)"
            )
        word, freq, tag = fields[0], DEFAULT_WORD_FREQ, None
        if len(fields) >= 2 and fields[0].isdigit() and not fields[1].isdigit():
            raise DictionaryError(
                f"{where}: {line!r} looks like 'freq word'; the format is 'word [freq] [tag]' (word first)"
            )
        rest = fields[1:]
        if rest and _TAG.match(rest[0]) and len(rest) == 1:
            tag = rest[0]
        elif rest:
            if not rest[0].isdigit() or not rest[0].isascii():
                raise DictionaryError(
                    f"{where}: the frequency must be a positive whole number, got {rest[0]!r} in {line!r} "
                    "(expected 'word [freq] [tag]')"
                )
            freq = int(rest[0]) if len(rest[0]) <= 12 else MAX_WORD_FREQ + 1
            if freq > MAX_WORD_FREQ:
                raise DictionaryError(
                    f"{where}: the frequency {rest[0]!r} in {line!r} is too large (at most {MAX_WORD_FREQ:,}; "
                    f"the policy dictionary uses {DEFAULT_WORD_FREQ})"
                )
            if freq == 0:
                raise DictionaryError(
                    f"{where}: frequency 0 is not supported in {line!r} (in jieba it forces a split through a "
                    "table shared by every tokenizer in the process); leave the word out instead"
                )
            if len(rest) == 2:
                if not _TAG.match(rest[1]):
                    raise DictionaryError(f"{where}: the tag must be letters (n, v, nz...), got {rest[1]!r}")
                tag = rest[1]
        word = _normalize_word(word)
        if not _JIEBA_WORD.match(word):
            logger.warning(
                "%s: %r holds characters jieba never joins into one token (spaces, symbols); it cannot match",
                where,
                word,
            )
        entries.append((word, freq, tag))
    return entries


def read_dictionary_file(path: str | os.PathLike[str]) -> list[tuple[str, int, str | None]]:
    """Read and validate a user dictionary file (UTF-8, BOM and CRLF accepted)."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(f"cannot read user dictionary {name!r}: {exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("gb18030")
            hint = " It looks like GBK/GB18030; save it as UTF-8."
        except UnicodeDecodeError:
            pass
        line = data[: exc.start].count(b"\n") + 1
        raise DictionaryError(
            f"user dictionary {name!r} is not UTF-8 (bad byte at offset {exc.start}, line {line}).{hint}"
        ) from exc
    return parse_dictionary(text, name)


@lru_cache(maxsize=1)
def _policy_entries_cached() -> tuple[tuple[str, int, str | None], ...]:
    return tuple(parse_dictionary(_data_file("policy_dict.txt"), "policy_dict.txt"))


def policy_entries() -> list[tuple[str, int, str | None]]:
    """The bundled policy dictionary as ``(word, frequency, tag)`` entries, as :func:`parse_dictionary` gives
    them (parsed once per process)."""
    return list(_policy_entries_cached())


class _Engine(Protocol):
    name: str

    def add_word(self, word: str, freq: int, tag: str | None) -> None: ...

    def cut(self, text: str, hmm: bool) -> list[str]: ...

    def cut_for_search(self, text: str, hmm: bool) -> list[str]: ...


class _RjiebaEngine:
    """rjieba (jieba-rs): its own ``Jieba`` instance with the default dictionary."""

    name = "rjieba"

    def __init__(self, verbose: bool) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()

    def add_word(self, word: str, freq: int, tag: str | None) -> None:
        self._jieba.add_word(word, freq, tag)

    def cut(self, text: str, hmm: bool) -> list[str]:
        return self._jieba.cut(text, hmm)

    def cut_for_search(self, text: str, hmm: bool) -> list[str]:
        return self._jieba.cut_for_search(text, hmm)


#: jieba's logger is module-global; changing its level is serialised.
_JIEBA_LOG_LOCK = threading.Lock()


class _JiebaEngine:
    """A private ``jieba.Tokenizer`` (never ``jieba.dt``), its cache file in the per-user cache folder."""

    name = "jieba"

    def __init__(self, verbose: bool) -> None:
        import jieba

        tok = jieba.Tokenizer()
        cache = _cache_dir()
        if cache is not None:
            # jieba never checks its default cache against the dictionary, so key the name on its version.
            tok.tmp_dir = str(cache)
            tok.cache_file = f"jieba-{getattr(jieba, '__version__', 'x')}.cache"
        else:  # no writable cache: keep jieba off /tmp by giving it a folder that does not exist
            tok.tmp_dir = os.path.join(os.path.expanduser("~"), ".cache", "proposalnlp-unavailable")
            tok.cache_file = "jieba.cache"
        with _JIEBA_LOG_LOCK:
            jlog = jieba.default_logger
            old = jlog.level
            # Quiet: nothing at all (jieba's own handler writes to stderr). Verbose: its loading messages,
            # even if other code turned jieba's logger down.
            jlog.setLevel(logging.DEBUG if verbose else logging.CRITICAL + 1)
            try:
                tok.initialize()
            finally:
                jlog.setLevel(old)
        self._jieba = tok

    def add_word(self, word: str, freq: int, tag: str | None) -> None:
        if freq <= 0:  # pragma: no cover - parse_dictionary refuses it; jieba would write a global table
            raise DictionaryError(f"frequency must be positive for {word!r}")
        self._jieba.add_word(word, freq, tag)

    def cut(self, text: str, hmm: bool) -> list[str]:
        return self._jieba.lcut(text, HMM=hmm)

    def cut_for_search(self, text: str, hmm: bool) -> list[str]:
        return self._jieba.lcut_for_search(text, HMM=hmm)


_ENGINE_CLASSES: dict[str, Any] = {"rjieba": _RjiebaEngine, "jieba": _JiebaEngine}
#: Built engines shared by every Tokenizer with the same engine and words (clones, unpickled copies).
_ENGINES: weakref.WeakValueDictionary[tuple[str, str], Any] = weakref.WeakValueDictionary()
#: The most recently used engines stay alive even when no Tokenizer holds them, so that a loop of
#: ``Tokenizer()(text)`` does not rebuild the dictionary each time (jieba ~1 s, rjieba ~0.2 s).
_RECENT: list[Any] = []
_RECENT_SIZE = 2
_ENGINES_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _rjieba_available() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


def _state_str(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected a non-empty string, got {value!r:.40}")
    return value


def _state_entry(entry: Any) -> tuple[str, int, str | None]:
    """One saved (word, freq, tag) dictionary entry, checked: a word, a frequency in 1..MAX_WORD_FREQ, a tag."""
    if not isinstance(entry, (list, tuple)) or len(entry) != 3:
        raise ValueError(f"a dictionary entry must be [word, freq, tag], got {entry!r:.60}")
    word, freq, tag = entry
    if not isinstance(freq, int) or isinstance(freq, bool) or not 1 <= freq <= MAX_WORD_FREQ:
        raise ValueError(f"the frequency of {word!r:.20} must be a whole number in 1..{MAX_WORD_FREQ}, got {freq!r}")
    return _state_str(word), freq, None if tag is None else _state_str(tag)


class Tokenizer:
    """Segment policy Chinese into words, keeping domain terms such as 三大改造 or 专项资金 whole.

    ``tok(text)`` (or ``tok.tokenize(text)``) gives the content tokens the models use; ``tok.cut(text)``
    gives every token. Text is normalised first (:func:`normalize`: NFKC full/half-width folding, BOM,
    invisible characters, whitespace) and Latin letters are lower-cased (``GDP`` and ``gdp`` are one
    feature). Content tokens hold at least one letter, digit or ideograph and are not stopwords.

    Parameters
    ----------
    backend : {"auto", "rjieba", "jieba"}, default "auto"
        ``"auto"`` takes rjieba when it is installed, else jieba.
    hmm : bool, default False
        Let the engine guess unknown words with its HMM. Off: with it off both backends agree token for
        token, and it did not help the evaluation.
    user_dict : path or list of paths, optional
        jieba-format dictionaries (``word [freq] [tag]`` per line, UTF-8), validated line by line: a
        malformed line raises :class:`~proposalnlp.errors.DictionaryError` with file and line.
    words : iterable, optional
        Extra words: strings (``"词语"`` or a dictionary line ``"词语 500 n"``), ``(word, freq)`` pairs or
        ``(word, freq, tag)`` triples. A word given twice keeps its last entry; user words override the
        bundled policy dictionary.
    stopwords : {"default", "function", "extended"}, iterable of str or None, default "default"
        ``"default"`` (function words), ``"extended"`` (plus boilerplate such as 进一步, 加强),
        ``None`` (keep everything) or your own words.
    verbose : bool, default False
        Let jieba log its dictionary loading.
    policy_dict : bool, default True
        Add the bundled policy vocabulary (~660 terms such as 智能化改造, 专精特新, 融资担保).
    subwords : bool, default False
        ``tokenize`` also emits the dictionary words inside a long word, before it (jieba's search mode:
        人才引进 gives 人才, 引进, 人才引进), so a model sees both the term and its parts. ``cut`` is
        unaffected. Opt-in because tokens then overlap instead of partitioning the text.

    Attributes
    ----------
    engine_name : str
        The engine in use, ``"rjieba"`` or ``"jieba"``.
    dictionary_hash : str
        SHA-256 of the added words, frequencies and tags (recorded with a model).
    stopword_set : frozenset of str
        The stopwords in force.
    entries : list of (word, freq, tag)
        The words added to the engine, in order.

    The same words reach both engines (rjieba has no ``load_userdict``; every entry goes through
    ``add_word`` with an explicit, positive frequency, so jieba's process-global force-split table is
    never written). The tokenizer never touches ``jieba.dt``. It pickles without its engine; engines are
    built lazily under a lock and shared between tokenizers with identical settings in one process.

    Limitation: traditional Chinese is cut with the simplified-Chinese dictionaries and mostly falls apart
    into single characters (設立專項資金 gives 設, 立, 專, 項, 資, 金). No converter is bundled (none is in
    the dependency set); convert to simplified first, e.g. with OpenCC (``opencc.OpenCC("t2s").convert``).
    """

    def __init__(
        self,
        backend: str = "auto",
        hmm: bool = False,
        user_dict: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        words: Iterable[str | tuple[str, int] | tuple[str, int, str | None]] | None = None,
        stopwords: str | Iterable[str] | None = "default",
        verbose: bool = False,
        policy_dict: bool = True,
        subwords: bool = False,
    ) -> None:
        if backend not in ("auto", "rjieba", "jieba"):
            raise InputValueError(f"backend must be 'auto', 'rjieba' or 'jieba', got {backend!r}")
        if backend == "rjieba" and not _rjieba_available():
            raise ImportError("backend='rjieba' needs the rjieba package (pip install rjieba); or use 'jieba'")
        self.backend = backend
        self.hmm = bool(hmm)
        self.user_dict = user_dict
        self.words = None if words is None else list(words)
        if isinstance(stopwords, str) or stopwords is None:
            self.stopwords: str | list[str] | None = stopwords
        elif isinstance(stopwords, Iterable) and not isinstance(stopwords, bytes):
            given = list(stopwords)
            bad = [w for w in given if not isinstance(w, str)]
            if bad:
                raise InputTypeError(f"stopwords must be strings, got {type(bad[0]).__name__} ({bad[0]!r:.20})")
            self.stopwords = sorted(given)
        else:
            raise InputTypeError(
                f"stopwords must be 'default', 'function', 'extended', None or a list of words, "
                f"got {type(stopwords).__name__}"
            )
        self.verbose = verbose
        self.policy_dict = bool(policy_dict)
        self.subwords = bool(subwords)
        self._entries = self._collect_entries()
        self._stop = self._collect_stopwords()
        self._engine: Any = None
        self._lock = threading.Lock()
        self._init_memo()

    def _init_memo(self) -> None:
        #: token -> itself when it is content, "" when not: ``filter(None, map(...))`` keeps content at C speed
        self._known: dict[str, str] = dict.fromkeys(self._stop, "")
        self._known_stop = self._stop
        self._known_chars = sum(map(len, self._stop))

    # -- configuration -------------------------------------------------------------------------
    def _collect_entries(self) -> list[tuple[str, int, str | None]]:
        entries: list[tuple[str, int, str | None]] = []
        if self.policy_dict:
            entries += policy_entries()
        paths: list[str | os.PathLike[str]] = []
        if isinstance(self.user_dict, (str, os.PathLike)):
            paths = [self.user_dict]
        elif self.user_dict is not None:
            paths = list(self.user_dict)
        for path in paths:
            entries += read_dictionary_file(path)
        for item in self.words or []:
            if isinstance(item, str):
                entries += parse_dictionary(item, "words")
            elif (
                isinstance(item, tuple)
                and len(item) in (2, 3)
                and isinstance(item[0], str)
                and isinstance(item[1], int)
                and not isinstance(item[1], bool)
                and (len(item) == 2 or item[2] is None or isinstance(item[2], str))
            ):
                line = " ".join(str(x) for x in item if x is not None)
                entries += parse_dictionary(line, f"words ({item!r})")
            else:
                raise DictionaryError(
                    f"words: expected a word, a (word, freq) pair or a (word, freq, tag) triple, got {item!r}"
                )
        # A word listed twice keeps its last entry (user words override the bundled ones), so that both
        # engines see each word once: jieba adds a repeated word's frequency to its total twice.
        last = {word: i for i, (word, _, _) in enumerate(entries)}
        return [entry for i, entry in enumerate(entries) if last[entry[0]] == i]

    def _collect_stopwords(self) -> frozenset[str]:
        if self.stopwords is None:
            return frozenset()
        if isinstance(self.stopwords, str):
            return load_stopwords(self.stopwords)
        words = []
        for w in self.stopwords:
            if not isinstance(w, str):
                raise InputTypeError(f"stopwords must be strings, got {type(w).__name__}")
            words.append(_normalize_word(w))
        return frozenset(words)

    @property
    def stopword_set(self) -> frozenset[str]:
        """The stopwords in force (normalised), as a frozenset."""
        return self._stop

    @property
    def entries(self) -> list[tuple[str, int, str | None]]:
        """The (word, frequency, tag) entries this tokenizer adds to its engine, in order."""
        return list(self._entries)

    @property
    def dictionary_hash(self) -> str:
        """SHA-256 of the words, frequencies and tags this tokenizer adds (to record with a model)."""
        payload = "\n".join(f"{w}\t{f}\t{t or ''}" for w, f, t in self._entries)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def engine_name(self) -> str:
        """The segmentation engine in use: ``"rjieba"`` or ``"jieba"``."""
        if self.backend == "auto":
            return "rjieba" if _rjieba_available() else "jieba"
        return self.backend

    # -- engine --------------------------------------------------------------------------------
    def _get_engine(self) -> Any:
        engine = self._engine
        if engine is not None:
            return engine
        with self._lock:
            if self._engine is None:
                self._engine = self._shared_engine()
            return self._engine

    def _shared_engine(self) -> Any:
        name = self.engine_name
        key = (name, self.dictionary_hash)
        with _ENGINES_LOCK:
            engine = _ENGINES.get(key)
            if engine is None:
                engine = _ENGINE_CLASSES[name](self.verbose)
                for word, freq, tag in self._entries:
                    engine.add_word(word, freq, tag)
                logger.debug("tokenizer engine %s ready with %d added words", name, len(self._entries))
                _ENGINES[key] = engine
            if engine in _RECENT:
                _RECENT.remove(engine)
            _RECENT.insert(0, engine)
            del _RECENT[_RECENT_SIZE:]
            return engine

    def warm_up(self) -> Tokenizer:
        """Build the engine now rather than on the first call (e.g. at a service's start)."""
        self._get_engine()
        return self

    # -- cutting -------------------------------------------------------------------------------
    def engine_tokens(self, text: str, search: bool = False) -> list[str]:
        """The engine's raw tokens of the normalised, lower-cased text, whitespace and punctuation included
        (``search=True``: jieba's search mode). The featurizer builds its n-grams from these."""
        if not isinstance(text, str):
            raise InputTypeError(f"Tokenizer expects a str for text, got {given(text)}")
        folded = _fold(text).lower()
        if not folded or folded.isspace():
            return []
        if search:
            return self._get_engine().cut_for_search(folded, self.hmm)
        return self._get_engine().cut(folded, self.hmm)

    def engine_tokens_joined(self, texts: Sequence[str]) -> tuple[list[str], str] | None:
        """The engine's tokens of a batch cut in one call: the texts folded and lower-cased as
        :meth:`engine_tokens` does, joined by the separator U+206F, and that joined string (the tokens spell it).
        Each separator is a token of its own between two texts' tokens. ``None`` when the batch cannot be cut so
        (fewer than two texts, a text that is blank, not a str or holds the separator itself)."""
        n = len(texts)
        if n < 2:
            return None
        try:
            joined = BATCH_SEPARATOR.join(texts)
        except TypeError:
            return None  # a non-str: the text-by-text path raises the error
        if joined.count(BATCH_SEPARATOR) != n - 1:
            return None
        if _ANY_CHANGE.search(joined) is not None:
            # fold only the texts that need it: each search jumps to the next text after a hit
            starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
            parts = list(texts)
            search, unusual = _ANY_CHANGE.search, _UNUSUAL.search
            work: list[int] = []  # texts of stable characters that need only the substitutions of _fold
            hit = search(joined)
            while hit is not None:
                i = bisect_right(starts, hit.start()) - 1
                if unusual(parts[i]) is None:
                    work.append(i)
                else:
                    parts[i] = _fold(parts[i]).lower()
                hit = search(joined, starts[i + 1]) if i + 1 < n else None
            if work:
                for i, folded in zip(work, _fold_stable_many([parts[i] for i in work]), strict=True):
                    parts[i] = folded
            joined = BATCH_SEPARATOR.join(parts)
            if joined.count(BATCH_SEPARATOR) != n - 1:  # pragma: no cover - the fold never produces the separator
                return None
        else:
            parts = texts  # type: ignore[assignment]
        if "" in parts or any(map(str.isspace, parts)):  # a blank text has no tokens: rare, cut text by text
            return None
        joined = joined.lower()
        return self._get_engine().cut(joined, self.hmm), joined

    def engine_tokens_many(self, texts: Sequence[str]) -> tuple[list[str], list[int]]:
        """:meth:`engine_tokens` of every text of a batch: all their tokens in one flat list, and the number of
        tokens of each text. Identical to cutting text by text, but the engine runs once per batch (the texts
        joined by a separator it always cuts alone: :meth:`engine_tokens_joined`), which saves its per-call
        cost on short texts."""
        cut = self.engine_tokens_joined(texts)
        if cut is None:
            return self.engine_tokens_each(texts)
        tokens = cut[0]
        flat: list[str] = []
        counts: list[int] = []
        index = tokens.index
        start = 0
        try:
            for _ in range(len(texts) - 1):
                end = index(BATCH_SEPARATOR, start)
                flat += tokens[start:end]
                counts.append(end - start)
                start = end + 1
        except ValueError:  # pragma: no cover - the engine joined the separator to a neighbour
            return self.engine_tokens_each(texts)
        flat += tokens[start:]
        counts.append(len(tokens) - start)
        return flat, counts

    def engine_tokens_each(self, texts: Sequence[str]) -> tuple[list[str], list[int]]:
        """:meth:`engine_tokens_many` done text by text (one engine call per text): the fallback for batches
        that cannot be joined, and the reference the joined path is tested against."""
        cut = self.engine_tokens
        tokens: list[str] = []
        counts: list[int] = []
        for text in texts:
            toks = cut(text)
            tokens += toks
            counts.append(len(toks))
        return tokens, counts

    def cut(self, text: str) -> list[str]:
        """All tokens of the normalised, lower-cased text, punctuation and stopwords included (no whitespace)."""
        fold = TOKEN_FOLD.get
        return [fold(t, t) for t in self.engine_tokens(text) if not t.isspace()]

    def tokenize(self, text: str) -> list[str]:
        """Content tokens: no whitespace, no pure punctuation, no stopwords. This is what the models use."""
        tokens = self.engine_tokens(text, self.subwords)
        if self._known_stop is not self._stop:  # stopwords replaced after construction
            self._init_memo()
        try:  # the common case: every token seen before, decided by C-level look-ups
            return list(filter(None, map(self._known.__getitem__, tokens)))
        except KeyError:
            known = self._known
            return [t for t in tokens if (known[t] if t in known else self._learn(t))]

    def keeps(self, token: str) -> bool:
        """Whether :meth:`tokenize` keeps a raw engine token (content, not a stopword)."""
        if self._known_stop is not self._stop:  # stopwords replaced after construction
            self._init_memo()
        known = self._known
        return bool(known[token] if token in known else self._learn(token))

    def _learn(self, token: str) -> str:
        """Decide once whether a token is content (returned as itself, else ""), and remember it (a memo
        bounded in entries and characters, safe under threads: readers keep the dict they hold)."""
        ok = token not in self._stop and not token.isspace() and CONTENT.search(token) is not None
        kept = token if ok else ""
        if len(token) <= _MEMO_TOKEN_CHARS:
            if len(self._known) >= _MEMO_LIMIT or self._known_chars >= _MEMO_CHARS:
                self._init_memo()
            self._known[token] = kept
            self._known_chars += len(token)
        return kept

    __call__ = tokenize

    def tokenize_many(self, texts: Iterable[str]) -> Iterator[list[str]]:
        """Tokenize each text of an iterable, lazily. A bare string (which would be tokenized a character at a
        time) or a non-iterable is refused at once, naming ``texts``."""
        if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
            shown = f"a single {type(texts).__name__}" if isinstance(texts, (str, bytes)) else type(texts).__name__
            raise InputTypeError(f"texts must be an iterable of str (e.g. a list), got {shown} ({texts!r:.40})")
        return map(self.tokenize, texts)

    def tokenize_flat(self, texts: Sequence[str]) -> tuple[list[str], list[int]]:
        """:meth:`tokenize` of every text of a batch as one flat list of their tokens in turn, and each text's
        number of tokens: the same tokens, with the engine run once for the batch (:meth:`engine_tokens_many`),
        and no list per text. What scoring many texts at once uses."""
        if self.subwords or len(texts) < 2:  # search mode has no batch path
            each = [self.tokenize(t) for t in texts]
            return [t for toks in each for t in toks], [len(toks) for toks in each]
        raw, raw_counts = self.engine_tokens_many(texts)
        if self._known_stop is not self._stop:  # stopwords replaced after construction
            self._init_memo()
        known = self._known
        try:
            kept = list(map(known.__getitem__, raw))
        except KeyError:
            kept = [known[t] if t in known else self._learn(t) for t in raw]
        import numpy as np

        content = np.concatenate([[0], np.cumsum(np.fromiter(map(bool, kept), dtype=np.int64, count=len(kept)))])
        ends = np.cumsum(raw_counts, dtype=np.int64)
        starts = np.concatenate([[0], ends[:-1]]).astype(np.int64)
        counts: list[int] = (content[ends] - content[starts]).tolist()
        return list(filter(None, kept)), counts

    # -- state ---------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Everything needed to rebuild this tokenizer exactly (engine settings, dictionary entries,
        stopwords), as JSON-ready data: a saved model keeps it in ``tokenizer.json``."""
        return {
            "backend": self.backend,
            "engine": self.engine_name,
            "hmm": bool(self.hmm),
            "subwords": bool(self.subwords),
            "policy_dict": bool(self.policy_dict),
            "dictionary_sha256": self.dictionary_hash,
            "entries": [[w, int(f), t] for w, f, t in self._entries],
            "stopwords": sorted(self._stop),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Tokenizer:
        """Rebuild a tokenizer saved by :meth:`to_state`, with exactly the saved words and stopwords.

        ``subwords`` and ``policy_dict`` default to the settings of models saved before they were recorded
        (off and on); the dictionary entries themselves always come from the saved list. Raises
        :class:`~proposalnlp.errors.ModelFormatError` for malformed state and
        :class:`~proposalnlp.errors.ModelIntegrityError` when the entries do not match their hash.
        """
        try:
            tok = cls(
                backend=str(state.get("backend", "auto")),
                hmm=bool(state.get("hmm", False)),
                stopwords=None,
                policy_dict=False,
                subwords=bool(state.get("subwords", False)),
            )
            tok.policy_dict = bool(state.get("policy_dict", True))
            entries = [_state_entry(e) for e in state["entries"]]
            stop = frozenset(_state_str(w) for w in state["stopwords"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFormatError(f"tokenizer.json is malformed: {exc}") from exc
        tok._entries = entries
        tok._stop = stop
        tok.stopwords = sorted(stop)
        tok._init_memo()
        expected = state.get("dictionary_sha256")
        if expected and tok.dictionary_hash != expected:
            raise ModelIntegrityError("tokenizer.json: the dictionary entries do not match their recorded hash")
        if tok.hmm and state.get("engine") and tok.engine_name != state.get("engine"):
            logger.warning(
                "model was trained with the %s engine and HMM on; %s may segment a few words differently",
                state.get("engine"),
                tok.engine_name,
            )
        return tok

    # -- pickling and equality ---------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for name in ("_engine", "_lock", "_known", "_known_stop", "_known_chars"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state.setdefault("policy_dict", True)
        state.setdefault("subwords", False)
        self.__dict__.update(state)
        self._engine = None
        self._lock = threading.Lock()
        self._init_memo()

    def __repr__(self) -> str:
        return (
            f"Tokenizer(backend={self.backend!r}, hmm={self.hmm!r}, words={len(self._entries)}, "
            f"stopwords={len(self._stop)}{', subwords=True' if self.subwords else ''})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tokenizer):
            return NotImplemented
        return (self.engine_name, self.hmm, self.subwords, self._entries, self._stop) == (
            other.engine_name,
            other.hmm,
            other.subwords,
            other._entries,
            other._stop,
        )

    def __hash__(self) -> int:
        return hash((self.engine_name, self.hmm, self.dictionary_hash))
