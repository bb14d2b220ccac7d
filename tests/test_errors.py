"""Every error the library raises on bad input is a documented one (a ProposalNLPError subclass that also
derives from the built-in callers already catch), and its message names the argument (issue 15, row 13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import proposalnlp
from proposalnlp.errors import (
    DictionaryError,
    EmptyInputError,
    InputTypeError,
    InputValueError,
    ModelError,
    NotFittedError,
    ProposalNLPError,
)

TEXTS = ["加强人才培养", "加大资金支持", "推进科技创新"] * 3
LABELS = ["talent", "funding", "innovation"] * 3


def fit(texts: list[str] = TEXTS, labels: Any = LABELS, **params: Any) -> Any:
    from proposalnlp.themes.train import ThemeClassifier

    return ThemeClassifier(**params).fit(texts, labels)


def predict_unfitted() -> Any:
    from proposalnlp.themes.train import ThemeClassifier

    return ThemeClassifier().predict(["加强人才培养"])


CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    (
        "huge dictionary frequency",
        lambda: proposalnlp.Tokenizer(words=["词 99999999999999999999999"]),
        DictionaryError,
        "frequency",
    ),
    ("unknown tokenizer backend", lambda: proposalnlp.Tokenizer(backend="x"), InputValueError, "backend"),
    ("stopwords not a list", lambda: proposalnlp.Tokenizer(stopwords=123), InputTypeError, "stopwords"),  # type: ignore[arg-type]
    ("stopwords holding a number", lambda: proposalnlp.Tokenizer(stopwords=["的", 3]), InputTypeError, "stopwords"),  # type: ignore[list-item]
    ("unknown stopword list", lambda: proposalnlp.Tokenizer(stopwords="bogus"), InputValueError, "stopword list"),
    (
        "unknown joblib backend",
        lambda: proposalnlp.classify_many(["加强人才培养"], backend="bogus"),
        InputValueError,
        "backend",
    ),
    (
        "match_many backend",
        lambda: proposalnlp.match_many([("加大资金支持", "设立专项资金")], backend="bogus"),
        InputValueError,
        "backend",
    ),
    ("n_jobs zero", lambda: proposalnlp.classify_many(["加强人才培养"], n_jobs=0), InputTypeError, "n_jobs"),
    (
        "lone surrogate in a label",
        lambda: fit(labels=["talent\ud800", "funding", "innovation"] * 3),
        InputValueError,
        r"y\[0\]",
    ),
    ("lone surrogate in a text", lambda: fit(texts=["人才\udc80培养", *TEXTS[1:]]), InputValueError, r"X\[0\]"),
    ("fit on punctuation only", lambda: fit(texts=["。。。", "，，！", "？？"] * 3), InputValueError, "no features"),
    ("C=-1", lambda: fit(C=-1), InputValueError, "C must be"),
    ("C not a number", lambda: fit(C="x"), InputValueError, "C must be"),
    ("char_weight NaN", lambda: fit(char_weight=float("nan")), InputValueError, "char_weight"),
    ("max_features negative", lambda: fit(max_features=-1), InputValueError, "max_features"),
    ("class_weight unknown", lambda: fit(class_weight="x"), InputValueError, "class_weight"),
    ("random_state a string", lambda: fit(random_state="x"), InputValueError, "random_state"),
    ("word_ngram_range an int", lambda: fit(word_ngram_range=5), InputValueError, "word_ngram_range"),
    ("predict before fit", predict_unfitted, NotFittedError, "not fitted"),
    (
        "match thresholds a string",
        lambda: proposalnlp.match(["加大资金支持"], ["设立专项资金"], thresholds="x"),  # type: ignore[arg-type]
        InputTypeError,
        "thresholds",
    ),
    (
        "match scorer a string",
        lambda: proposalnlp.match(["加大资金支持"], ["设立专项资金"], scorer="x"),  # type: ignore[arg-type]
        InputTypeError,
        "scorer",
    ),
    ("classify_many empty text", lambda: proposalnlp.classify_many(["加强", " "]), EmptyInputError, r"texts\[1\]"),
    ("classify_many errors=", lambda: proposalnlp.classify_many(["加强"], errors="x"), InputValueError, "errors"),  # type: ignore[call-overload]
    ("match_many errors=", lambda: proposalnlp.match_many([("加大", "设立")], errors="x"), InputValueError, "errors"),
]


@pytest.mark.parametrize(("case", "call", "error", "named"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_a_documented_error(
    case: str, call: Callable[[], Any], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named) as info:
        call()
    assert isinstance(info.value, ProposalNLPError)
    assert isinstance(info.value, (ValueError, TypeError))


def test_not_fitted_is_also_scikit_learns_error() -> None:
    """Callers catching either the documented ModelError or scikit-learn's NotFittedError catch it."""
    from sklearn.exceptions import NotFittedError as SklearnNotFittedError

    for caught in (ModelError, SklearnNotFittedError, AttributeError, ValueError):
        with pytest.raises(caught):
            predict_unfitted()


def test_inference_does_not_import_scikit_learn() -> None:
    import subprocess
    import sys

    code = "import sys, proposalnlp; proposalnlp.classify('加强人才培养'); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
