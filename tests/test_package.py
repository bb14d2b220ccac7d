"""Package-level behaviour: light import, lazy exports, errors hierarchy (the command line: test_cli.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import proposalnlp
from proposalnlp import errors


def test_import_is_light() -> None:
    """Importing the package must not pull in scikit-learn or jieba (cold start matters to services)."""
    code = "import sys, proposalnlp; print(sorted(m for m in ('sklearn', 'jieba', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_all_names_resolve() -> None:
    for name in proposalnlp.__all__:
        assert getattr(proposalnlp, name) is not None, name


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute"):
        proposalnlp.does_not_exist  # noqa: B018


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InputTypeError, TypeError),
        (errors.EmptyInputError, ValueError),
        (errors.InputValueError, ValueError),
        (errors.DictionaryError, ValueError),
        (errors.ModelIntegrityError, ValueError),
        (errors.ModelFormatError, ValueError),
        (errors.UnsafeModelError, ValueError),
    ],
)
def test_errors_are_catchable_as_builtins(cls: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, errors.ProposalNLPError)
    assert issubclass(cls, builtin)
