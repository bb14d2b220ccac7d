"""proposalnlp: read Chinese government proposals and their replies.

Classify text into the themes talent, funding, innovation and awareness; parse proposals and replies
into units; match each suggestion with the reply paragraphs that answer it.

Imports are lazy, so ``import proposalnlp`` stays fast; each name loads its module on first use.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

_EXPORTS: dict[str, str] = {
    "parse": "document",
    "read": "document",
    "example_text": "document",
    "Document": "document",
    "Unit": "document",
    "Tokenizer": "tokenize",
    "ThemeClassifier": "themes.train",
    "ThemePrediction": "themes.api",
    "classify": "themes.api",
    "classify_many": "themes.api",
    "classify_document": "themes.api",
    "load_model": "themes.api",
    "match": "matching",
    "match_many": "matching",
    "similarity": "matching",
    "Alignment": "matching",
    "SuggestionMatch": "matching",
    "ProposalNLPError": "errors",
}

__all__ = [
    "Alignment",
    "Document",
    "ProposalNLPError",
    "SuggestionMatch",
    "ThemeClassifier",
    "ThemePrediction",
    "Tokenizer",
    "Unit",
    "__version__",
    "classify",
    "classify_document",
    "classify_many",
    "example_text",
    "load_model",
    "match",
    "match_many",
    "parse",
    "read",
    "similarity",
]

if TYPE_CHECKING:
    from .document import Document, Unit, example_text, parse, read
    from .errors import ProposalNLPError
    from .matching import Alignment, SuggestionMatch, match, match_many, similarity
    from .themes.api import ThemePrediction, classify, classify_document, classify_many, load_model
    from .themes.train import ThemeClassifier
    from .tokenize import Tokenizer


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'proposalnlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
