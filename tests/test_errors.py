"""Every error the library raises on bad input is a documented one (a ProposalNLPError subclass that also
derives from the built-in callers already catch), and its message names the argument (issue 15, row 13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import proposalnlp
from proposalnlp.errors import DictionaryError, InputTypeError, InputValueError, ProposalNLPError

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
]


@pytest.mark.parametrize(("case", "call", "error", "named"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_a_documented_error(
    case: str, call: Callable[[], Any], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named) as info:
        call()
    assert isinstance(info.value, ProposalNLPError)
    assert isinstance(info.value, (ValueError, TypeError))
