"""Every check and coercion of caller input: one text, a list of texts, labels.

Errors name the argument and the position, and subclass the built-ins callers already catch
(:class:`~proposalnlp.errors.InputTypeError` is a ``TypeError``, the others ``ValueError``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np

from .errors import EmptyInputError, InputTypeError, InputValueError

__all__ = [
    "as_text_list",
    "check_int",
    "check_path",
    "check_str",
    "check_text",
    "check_texts",
    "given",
    "ordinal",
    "parse_labels",
]


def check_text(text: Any, name: str = "text") -> str:
    """Check that ``text`` is one non-empty str (for the one-text API)."""
    if not isinstance(text, str):
        raise InputTypeError(f"expected a text (str) for {name}, got {type(text).__name__}")
    if not text.strip():
        raise EmptyInputError(f"the {name} is empty or holds only whitespace").keyed("err.empty_text")
    return text


def given(value: Any) -> str:
    """What a caller gave, for a message: its type and a short repr (``int (7)``, ``NoneType``)."""
    return "NoneType (None)" if value is None else f"{type(value).__name__} ({value!r:.40})"


def check_str(value: Any, name: str) -> str:
    """``value`` when it is a str (it may be empty: e.g. a label or an id looked up); else an
    :class:`~proposalnlp.errors.InputTypeError` naming ``name`` and what was given."""
    if not isinstance(value, str):
        raise InputTypeError(f"{name} must be a str, got {given(value)}")
    return value


def check_int(value: Any, name: str, allow_none: bool = False) -> int | None:
    """``value`` as an int when it is one (not a bool: ``True`` is no count), or None when allowed; else an
    :class:`~proposalnlp.errors.InputTypeError` naming ``name`` and what was given."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        wanted = "an int or None" if allow_none else "an int"
        raise InputTypeError(f"{name} must be {wanted}, got {given(value)}")
    return int(value)


def check_path(value: Any, name: str = "path") -> str | os.PathLike[str]:
    """``value`` when it is a file or folder path (a str or an ``os.PathLike`` of str): not None, bytes, a
    number or a list, which :class:`pathlib.Path` would refuse with a message naming nothing."""
    if isinstance(value, os.PathLike):
        value_path = os.fspath(value)
        if isinstance(value_path, str):
            return value
    elif isinstance(value, str):
        return value
    raise InputTypeError(f"{name} must be a path (a str or an os.PathLike), got {given(value)}")


def ordinal(i: int) -> str:
    """``0 -> "1st"``: the place of a 0-based index in words (for messages that name list items)."""
    n = i + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def as_text_list(texts: Any, name: str = "texts", check_items: bool = True) -> list[Any]:
    """Check that ``texts`` is an iterable of str (a list, tuple, generator, pandas Series...) and list it.

    A bare string is refused: iterating it would classify every character separately. With
    ``check_items=False`` the items are listed as they are (the caller checks them one by one).
    """
    if isinstance(texts, (str, bytes)):
        raise InputTypeError(
            f"{name} must be a list (or other iterable) of texts, got a single {type(texts).__name__}; "
            f"wrap one text in a list: [text]"
        )
    if hasattr(texts, "columns") and hasattr(texts, "iloc"):
        raise InputTypeError(f"{name} must be one column of texts, got a DataFrame; pass e.g. df['text']")
    if isinstance(texts, np.ndarray):
        if texts.ndim == 2 and texts.shape[1] == 1:
            texts = texts[:, 0]
        elif texts.ndim != 1:
            raise InputTypeError(f"{name} must be one-dimensional, got an array of shape {texts.shape}")
    if hasattr(texts, "to_numpy") and hasattr(texts, "index"):  # pandas Series: positional values
        texts = texts.to_numpy()
    try:
        items = list(texts)
    except TypeError:
        raise InputTypeError(f"{name} must be an iterable of str, got {type(texts).__name__}") from None
    if check_items and not all(map(isinstance, items, repeat(str))):  # a C-level scan; the loop finds the culprit
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise InputTypeError(
                    f"{name}[{i}] (0-based: the {ordinal(i)} item) must be a str, "
                    f"got {type(item).__name__} ({item!r:.40})"
                )
    return items


def check_texts(value: Any, name: str, allow_empty_items: bool = False) -> list[str]:
    """A non-empty list of str; unless ``allow_empty_items``, no item may be blank (for matching's inputs)."""
    if isinstance(value, (str, bytes)):
        raise InputTypeError(f"{name} must be a list of strings, not a single {type(value).__name__}")
    if value is None or not isinstance(value, Iterable):
        raise InputTypeError(f"{name} must be a list of strings, got {type(value).__name__}")
    items = list(value)
    if not items:
        raise EmptyInputError(f"{name} is empty")
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise InputTypeError(
                f"{name}[{i}] must be a str, got {type(item).__name__} (0-based index: the {ordinal(i)} item)"
            )
        if not allow_empty_items and not item.strip():
            raise EmptyInputError(
                f"{name}[{i}] is empty or holds only whitespace (0-based index: the {ordinal(i)} item)"
            )
    return items


def parse_labels(y: Any, n: int | None = None) -> tuple[list[list[str]], str]:
    """Normalise targets to label lists and tell the mode.

    One string per text gives ``"single"`` (ordinary multi-class); a list/tuple/set of strings per text
    (possibly empty) gives ``"multi"`` (multi-label).
    """
    if isinstance(y, (str, bytes)):
        raise InputTypeError("labels must be a list with one entry per text, got a single string")
    if hasattr(y, "columns") and hasattr(y, "iloc"):
        raise InputTypeError("labels must be one column, got a DataFrame; pass e.g. df['label']")
    if hasattr(y, "to_numpy") and hasattr(y, "index"):
        y = y.to_numpy()
    if isinstance(y, np.ndarray) and y.ndim != 1:
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        else:
            raise InputTypeError(
                f"labels must be one entry per text (a label, or a list of labels), got an array of shape {y.shape}"
            )
    try:
        items = list(y)
    except TypeError:
        raise InputTypeError(f"labels must be a list, got {type(y).__name__}") from None
    if n is not None and len(items) != n:
        raise InputValueError(f"got {n} texts but {len(items)} labels; give one entry per text")
    kinds = set()
    out: list[list[str]] = []
    for i, item in enumerate(items):
        if isinstance(item, (str, np.str_)):
            kinds.add("single")
            out.append([str(item)])
        elif isinstance(item, (list, tuple, set, frozenset, np.ndarray)):
            kinds.add("multi")
            labels = list(item)
            for lab in labels:
                if not isinstance(lab, str):
                    raise InputTypeError(f"labels[{i}] holds {lab!r} ({type(lab).__name__}); labels must be str")
            out.append(sorted(set(labels)))
        else:
            raise InputTypeError(
                f"labels[{i}] is {type(item).__name__} ({item!r:.40}); expected a label (str) or a list of labels"
            )
    if len(kinds) > 1:
        raise InputValueError("labels mix single labels (str) and label lists; use one form for all texts")
    return out, (kinds.pop() if kinds else "single")
