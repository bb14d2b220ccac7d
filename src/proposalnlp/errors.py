"""Exceptions raised by proposalnlp.

Every error derives from :class:`ProposalNLPError`; errors about the caller's input also derive from the
built-in ``ValueError`` or ``TypeError``, so existing ``except ValueError`` handlers keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = [
    "DictionaryError",
    "EmptyInputError",
    "InputTypeError",
    "InputValueError",
    "ModelError",
    "ModelFormatError",
    "ModelIntegrityError",
    "NotFittedError",
    "ProposalNLPError",
    "UnsafeModelError",
]


_E = TypeVar("_E", bound="ProposalNLPError")


class ProposalNLPError(Exception):
    """Base class of every error raised by proposalnlp.

    ``str(error)`` is the English message. An error may also carry ``key``, a key of the message catalogue
    (:mod:`proposalnlp.messages`), and ``params``, the values of its placeholders, so that the command line
    and the web page can show it in Chinese (:func:`proposalnlp.messages.error_text`); ``key`` is ``None``
    when only the English message exists.
    """

    #: Catalogue key of this message (None: English only).
    key: str | None = None
    #: Values of the catalogue message's placeholders (an error among them is rendered in the same language).
    params: Mapping[str, Any] = MappingProxyType({})

    def keyed(self: _E, key: str, /, **params: Any) -> _E:
        """This error with a catalogue ``key`` and its ``params``; returns ``self`` (``raise X(...).keyed(...)``)."""
        self.key = key
        self.params = params
        return self


class InputTypeError(ProposalNLPError, TypeError):
    """The input is of the wrong type (e.g. ``None``, an int, or a bare string where a list is expected)."""


class EmptyInputError(ProposalNLPError, ValueError):
    """The input text is empty or holds only whitespace."""


class InputValueError(ProposalNLPError, ValueError):
    """The input has the right type but a value that cannot be used (bad encoding, bad labels...)."""


class DictionaryError(ProposalNLPError, ValueError):
    """A user dictionary line is malformed; the message names the file and line number."""


class ModelError(ProposalNLPError, ValueError):
    """A model cannot be used (not fitted, wrong labels, missing files)."""


class NotFittedError(ModelError, AttributeError):
    """An estimator was used before ``fit`` (or ``load``). ``ThemeClassifier`` raises a subclass that is also
    scikit-learn's ``NotFittedError``, so both ``except ModelError`` and scikit-learn's checks catch it."""


class ModelFormatError(ModelError):
    """A model folder has an unknown format version or a malformed manifest."""


class ModelIntegrityError(ModelError):
    """A model file does not match the SHA-256 recorded in its manifest (or the pinned hash)."""


class UnsafeModelError(ModelError):
    """A model file would run code or hold types that are not on the allowlist."""
