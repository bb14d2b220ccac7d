"""The themes stage: classify text into talent, funding, innovation and awareness (or a taxonomy of your own).

``api`` holds what callers use (:func:`classify`, :func:`classify_many`, :func:`classify_document`,
:func:`load_model`); ``model`` the numpy-only runtime; ``folder`` saving and loading; ``train`` the
scikit-learn estimator :class:`ThemeClassifier` (imported on first use: scikit-learn loads only for
training); ``metrics`` the evaluation report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import (
    THEMES,
    DocumentThemes,
    ThemePrediction,
    UnitThemes,
    classify,
    classify_document,
    classify_many,
    default_model_path,
    load_model,
)
from .model import ThemeModel

__all__ = [
    "THEMES",
    "DocumentThemes",
    "ThemeClassifier",
    "ThemeModel",
    "ThemePrediction",
    "UnitThemes",
    "classify",
    "classify_document",
    "classify_many",
    "default_model_path",
    "load_model",
]

if TYPE_CHECKING:
    from .train import ThemeClassifier


def __getattr__(name: str) -> Any:
    if name == "ThemeClassifier":
        from .train import ThemeClassifier

        return ThemeClassifier
    raise AttributeError(f"module 'proposalnlp.themes' has no attribute {name!r}")
