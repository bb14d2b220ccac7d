"""Every check and coercion of caller input: one text, a list of texts, labels.

Errors name the argument and the position, and subclass the built-ins callers already catch
(:class:`~proposalnlp.errors.InputTypeError` is a ``TypeError``, the others ``ValueError``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np

from ._text import given
from .errors import EmptyInputError, InputTypeError, InputValueError

__all__ = [
    "as_text_list",
    "check_dict",
    "check_int",
    "check_path",
    "check_str",
    "check_text",
    "check_texts",
    "given",
    "indicator_matrix",
    "integer_labels",
    "ordinal",
    "parse_labels",
    "parse_target",
    "path_hint",
]


def check_text(text: Any, name: str = "text") -> str:
    """Check that ``text`` is one non-empty str (for the one-text API)."""
    if not isinstance(text, str):
        raise InputTypeError(f"expected a text (str) for {name}, got {type(text).__name__}{path_hint(text)}")
    if not text.strip():
        raise EmptyInputError(f"the {name} is empty or holds only whitespace").keyed("err.empty_text")
    return text


def path_hint(value: Any) -> str:
    """The advice added to a type error when ``value`` is a path (``pathlib.Path``) where a text is wanted."""
    return ": to read a file, call proposalnlp.read(path)" if isinstance(value, os.PathLike) else ""


def check_str(value: Any, name: str) -> str:
    """``value`` when it is a str (it may be empty: e.g. a label or an id looked up); else an
    :class:`~proposalnlp.errors.InputTypeError` naming ``name`` and what was given."""
    if not isinstance(value, str):
        raise InputTypeError(f"{name} must be a str, got {given(value)}")
    return value


def check_dict(data: Any, keys: Sequence[str], what: str) -> Mapping[str, Any]:
    """``data`` when it is a dict holding ``keys``: a ``what.to_dict()`` dict read back (``what.from_dict``); else
    an :class:`~proposalnlp.errors.InputTypeError` (not a dict) or an :class:`~proposalnlp.errors.InputValueError`
    naming the keys it lacks (another tool's JSON, a hand-edited file), never a bare KeyError."""
    if not isinstance(data, Mapping):
        raise InputTypeError(f"{what}.from_dict needs a dict of {what}.to_dict, got {given(data)}")
    missing = [k for k in keys if k not in data]
    if missing:
        raise InputValueError(f"the {what} dict lacks {missing} (keys of {what}.to_dict)")
    return data


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
                    f"got {type(item).__name__} ({item!r:.40}){path_hint(item)}"
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


def indicator_matrix(y: Any) -> np.ndarray | None:
    """``y`` as a 2-D array when it is a label-indicator matrix (a 2-D numpy array of more than one column, a
    scipy sparse matrix, a pandas DataFrame of several columns, or a list of rows of 0/1 numbers, as
    MultiLabelBinarizer gives); else None."""
    if _frame_columns(y):
        return np.asarray(y.to_numpy())
    if hasattr(y, "toarray") and getattr(y, "ndim", 0) == 2:  # scipy sparse
        return np.asarray(y.toarray())
    if isinstance(y, np.ndarray):
        return y if y.ndim == 2 and y.shape[1] > 1 else None
    if isinstance(y, (list, tuple)) and y and isinstance(y[0], (list, tuple, np.ndarray)) and len(y[0]) > 0:
        first = y[0]
        if all(isinstance(v, (bool, int, float, np.integer, np.floating, np.bool_)) for v in first):
            try:
                return np.asarray(y, dtype=float)
            except ValueError:  # rows of different lengths: said by the row check below
                return None
    return None


def _frame_columns(y: Any) -> list[str]:
    """The column names of a pandas DataFrame of more than one column (0/1 label columns, one per theme)."""
    if hasattr(y, "columns") and hasattr(y, "iloc") and hasattr(y, "to_numpy") and len(y.columns) > 1:
        return [str(c) for c in y.columns]
    return []


def _check_classes(classes: Any) -> list[str]:
    """``classes`` (the label names a target may use, in order) as a list of distinct non-empty str."""
    if isinstance(classes, (str, bytes)):
        raise InputTypeError(f"classes must be a list of label names, got a single {type(classes).__name__}")
    try:
        names = list(classes)
    except TypeError:
        raise InputTypeError(f"classes must be a list of label names, got {type(classes).__name__}") from None
    for i, name in enumerate(names):
        if not isinstance(name, (str, np.str_)) or not str(name).strip():
            raise InputTypeError(f"classes[{i}] is {name!r:.40}; label names must be non-empty str")
    out = [str(x) for x in names]
    if not out:
        raise InputValueError("classes is empty; name at least one label")
    if len(set(out)) != len(out):
        twice = sorted({x for x in out if out.count(x) > 1})
        raise InputValueError(f"classes names {twice} more than once")
    return out


def parse_target(
    y: Any, n: int | None = None, classes: Any = None
) -> tuple[list[list[str]], str, list[str] | None]:
    """:func:`parse_labels` that also reads a 0/1 label-indicator matrix (columns named by ``classes``, or a
    DataFrame's own column names) and, when ``classes`` is given, refuses a label outside it (a typo would
    otherwise train a label of its own).

    Returns the label lists, the mode and, for an indicator matrix, the names of its columns in ``classes``
    order (None for labels given by name).
    """
    names = None if classes is None else _check_classes(classes)
    columns = _frame_columns(y)
    matrix = indicator_matrix(y)
    if columns and matrix is not None:  # a DataFrame of 0/1 columns names them itself
        if names is None:
            names = columns
        elif sorted(names) != sorted(columns):
            raise InputValueError(f"the label columns {columns} are not the classes {names}; give the same names")
        else:  # the columns in the order of classes
            matrix = matrix[:, [columns.index(name) for name in names]]
    if matrix is None:
        out, mode = parse_labels(y, n)
        if names is not None:
            allowed = set(names)
            for i, labs in enumerate(out):
                for lab in labs:
                    if lab not in allowed:
                        raise InputValueError(
                            f"labels[{i}] holds {lab!r}, which is not among classes {names}; "
                            "correct the label or add it to classes"
                        )
        return out, mode, None
    if names is None:
        raise InputTypeError(
            f"labels are a 0/1 matrix of shape {matrix.shape}: name its columns, ThemeClassifier(classes=[...]) "
            "(e.g. MultiLabelBinarizer's classes_), or give one list of label names per text"
        )
    if matrix.shape[1] != len(names):
        raise InputValueError(
            f"labels have {matrix.shape[1]} columns but classes names {len(names)}; give one name per column"
        )
    if n is not None and matrix.shape[0] != n:
        raise InputValueError(f"got {n} texts but {matrix.shape[0]} label rows; give one row per text")
    if not np.isin(matrix, (0, 1)).all():
        bad = np.argwhere(~np.isin(matrix, (0, 1)))[0]
        raise InputValueError(
            f"labels[{bad[0]}, {bad[1]}] is {matrix[bad[0], bad[1]]!r}; a label matrix holds only 0 and 1"
        )
    out = [[names[k] for k in np.flatnonzero(row)] for row in matrix]
    return out, "multi", names


#: What people join several labels of one text with, in one cell
_JOINERS = re.compile(r"\s*[,;|，；、]\s*")


def _check_joined(single: list[list[str]]) -> None:
    """Refuse a single label that is several other labels joined ("funding,talent" beside "funding" and
    "talent"): it would train a label of its own, where a list per text was meant."""
    names = {labs[0] for labs in single}
    for i, (lab,) in enumerate(single):
        parts = [x for x in _JOINERS.split(lab) if x]
        if len(parts) > 1 and all(x in names for x in parts):
            raise InputValueError(
                f"labels[{i}] is {lab!r}: several labels in one string? Give one list per text "
                f"({parts!r}; [] for none) for multi-label data"
            )


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
            if not item.strip():
                raise InputValueError(
                    f"labels[{i}] is an empty string; a text without a label is an empty list [] "
                    "(multi-label: one list of labels per text)"
                )
            kinds.add("single")
            out.append([str(item)])
        elif _is_int(item):
            # class ids, as scikit-learn's LabelEncoder gives them (cross_val_predict(method="predict_proba")
            # encodes string labels so): one label per text, named by its number
            kinds.add("int")
            out.append([str(int(item))])
        elif isinstance(item, (list, tuple, set, frozenset, np.ndarray)):
            kinds.add("multi")
            labels = list(item)
            for lab in labels:
                if not isinstance(lab, str):
                    raise InputTypeError(f"labels[{i}] holds {lab!r} ({type(lab).__name__}); labels must be str")
                if not lab.strip():
                    raise InputValueError(f"labels[{i}] holds an empty string; leave it out ([] means no label)")
            out.append(sorted(set(labels)))
        else:
            raise InputTypeError(
                f"labels[{i}] is {type(item).__name__} ({item!r:.40}); expected a label (str) or a list of labels"
            )
    if len(kinds) > 1:
        mixed = f"labels mix {' and '.join(sorted(_KIND_WORDS[k] for k in kinds))}; use one form for all texts"
        if "int" in kinds:  # a stray number among names (a cell read as a number): name where it is
            i = next(k for k, item in enumerate(items) if _is_int(item) != _is_int(items[0]))
            raise InputTypeError(f"labels[{i}] is {type(items[i]).__name__} ({items[i]!r:.40}): {mixed}")
        raise InputValueError(mixed)
    if kinds == {"single"}:
        _check_joined(out)
    kind = kinds.pop() if kinds else "single"
    return out, "single" if kind == "int" else kind


def _is_int(value: Any) -> bool:
    """Whether ``value`` is a whole number (a class number), not a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


#: The forms of labels, as an error that finds two of them names them
_KIND_WORDS = {"single": "single labels (str)", "multi": "label lists", "int": "class numbers (int)"}


def integer_labels(y: Any) -> bool:
    """Whether ``y`` gives one class number (int) per text, which :func:`parse_labels` reads as their names
    ("0", "1"…): the estimator then answers with numbers again."""
    if indicator_matrix(y) is not None or isinstance(y, (str, bytes)):
        return False
    values = y.to_numpy() if hasattr(y, "to_numpy") and hasattr(y, "index") else y
    if isinstance(values, np.ndarray):
        return values.ndim == 1 and values.size > 0 and np.issubdtype(values.dtype, np.integer)
    try:
        items = list(values)
    except TypeError:
        return False
    return bool(items) and all(map(_is_int, items))
