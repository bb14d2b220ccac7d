"""Quality of a theme model on labelled texts: per-label precision, recall, F1, averages, confusion matrices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from .._inputs import as_text_list, indicator_matrix, parse_target
from .._text import display_width
from ..errors import InputTypeError, InputValueError
from ..messages import text as msg
from .api import resolve_model

__all__ = ["evaluate", "format_evaluation", "metrics"]


def metrics(labels: Sequence[str], truth: Sequence[Any], pred: Sequence[Any], single: bool) -> dict[str, Any]:
    """The :func:`evaluate` report of predictions ``pred`` against ``truth`` (single labels when ``single``,
    else label lists), over the model's ``labels`` plus any other label found in ``truth``."""
    from sklearn.metrics import confusion_matrix, multilabel_confusion_matrix, precision_recall_fscore_support

    labels = list(labels)
    report: dict[str, Any] = {"n": len(truth), "labels": labels, "mode": "single" if single else "multi"}
    if single:
        extra = sorted({str(t) for t in truth} - set(labels))
        all_labels = labels + extra
        yt, yp = [str(t) for t in truth], [str(p) for p in pred]
        p, r, f, s = precision_recall_fscore_support(yt, yp, labels=all_labels, zero_division=0)
        report["accuracy"] = float(np.mean([a == b for a, b in zip(yt, yp, strict=True)])) if yt else 0.0
        cm = confusion_matrix(yt, yp, labels=all_labels)
        report["confusion_matrix"] = {
            "labels": all_labels,
            "rows": "true",
            "columns": "predicted",
            "matrix": cm.tolist(),
        }
        avg_labels = all_labels
        mp, mr, mf, _ = precision_recall_fscore_support(yt, yp, labels=all_labels, average="micro", zero_division=0)
        Mp, Mr, Mf, _ = precision_recall_fscore_support(yt, yp, labels=all_labels, average="macro", zero_division=0)
    else:
        from sklearn.preprocessing import MultiLabelBinarizer

        extra = sorted({lab for t in truth for lab in t} - set(labels))
        avg_labels = labels + extra
        mlb = MultiLabelBinarizer(classes=avg_labels)
        yt_m = mlb.fit_transform([list(t) for t in truth])
        yp_m = mlb.transform([[x for x in q if x in avg_labels] for q in pred])
        p, r, f, s = precision_recall_fscore_support(yt_m, yp_m, zero_division=0)
        mp, mr, mf, _ = precision_recall_fscore_support(yt_m, yp_m, average="micro", zero_division=0)
        Mp, Mr, Mf, _ = precision_recall_fscore_support(yt_m, yp_m, average="macro", zero_division=0)
        report["exact_match"] = (
            float(np.mean([sorted(a) == sorted(b) for a, b in zip(truth, pred, strict=True)])) if truth else 0.0
        )
        none_idx = [i for i, t in enumerate(truth) if not t]
        report["empty"] = {
            "n_true_empty": len(none_idx),
            "predicted_empty_when_true_empty": (float(np.mean([not pred[i] for i in none_idx])) if none_idx else None),
        }
        mcm = multilabel_confusion_matrix(yt_m, yp_m)
        report["confusion_matrix"] = {
            lab: {"tn": int(m[0, 0]), "fp": int(m[0, 1]), "fn": int(m[1, 0]), "tp": int(m[1, 1])}
            for lab, m in zip(avg_labels, mcm, strict=True)
        }
    report["per_label"] = {
        lab: {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(s[k])}
        for k, lab in enumerate(avg_labels)
    }
    report["macro"] = {"precision": float(Mp), "recall": float(Mr), "f1": float(Mf)}
    report["micro"] = {"precision": float(mp), "recall": float(mr), "f1": float(mf)}
    return report


def evaluate(model: Any, texts: Iterable[str], labels: Any, classes: Any = None) -> dict[str, Any]:
    """Per-label precision/recall/F1/support, macro and micro averages and the confusion matrix, as a dict.

    ``model`` is a fitted :class:`ThemeClassifier`, a :class:`~proposalnlp.themes.model.ThemeModel` or a model
    folder path. ``labels`` are single labels (then the confusion matrix is label × label) or label lists
    (then one 2×2 matrix per label, and how often texts without a label are predicted empty), or a 0/1 matrix
    whose columns ``classes`` names (by default, for a ThemeClassifier fitted on such a matrix, its ``classes_``);
    with ``classes``, a label outside it is refused.
    """
    if model is None:
        raise InputTypeError("model must be a ThemeClassifier, a ThemeModel or a path, got None")
    runtime = resolve_model(model)
    items = as_text_list(texts)
    if classes is None and getattr(model, "indicator_", False) and indicator_matrix(labels) is not None:
        classes = runtime.labels  # a ThemeClassifier fitted on a 0/1 matrix: the columns it predicts in
    truth, mode, _ = parse_target(labels, len(items), classes)
    pred = runtime.predict(items)
    if runtime.mode == "single":
        if mode != "single":
            raise InputValueError("this model is single-label; give one label per text")
        return metrics(runtime.labels, [t[0] for t in truth], pred, True)
    return metrics(runtime.labels, truth, pred, False)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _rjust(text: str, width: int) -> str:
    return " " * max(width - display_width(text), 0) + text


def _cut(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` terminal columns."""
    out: list[str] = []
    used = 0
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out)


def _rows(first: list[str], head: list[str], body: list[list[str]], width: int, sep: str = "  ") -> list[str]:
    """A heading row and body rows: the first column left-aligned to ``width`` terminal columns, the others
    right-aligned, each as wide as its heading or its widest cell (a Chinese character takes two columns)."""
    widths = [max(display_width(c) for c in column) for column in zip(head, *body, strict=True)]
    return [
        _ljust(name, width) + "  " + sep.join(_rjust(c, w) for c, w in zip(cells, widths, strict=True))
        for name, cells in zip(first, [head, *body], strict=True)
    ]


def format_evaluation(report: dict[str, Any], lang: str = "en") -> str:
    """A readable table of an :func:`evaluate` report (what ``proposalnlp evaluate`` prints), its headings in
    ``lang`` and the labels as the data has them: per label precision, recall, F1 and support, the macro and
    micro averages, then the confusion matrix (single-label) or the counts per label (multi-label)."""
    labels = list(report["per_label"])
    averages = {avg: msg(f"eval.{avg}", lang) for avg in ("macro", "micro")}
    width = max([display_width(x) for x in [*labels, *averages.values(), msg("col.label", lang)]] + [9])
    head = [msg(f"eval.col.{c}", lang) for c in ("precision", "recall", "f1", "support")]
    body = []
    for lab in labels:
        m = report["per_label"][lab]
        body.append([f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", f"{m['support']:d}"])
    for avg in averages:
        m = report[avg]
        body.append([f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", f"{report['n']:d}"])
    names = [msg("col.label", lang), *labels, *averages.values()]
    lines = _rows(names, [_rjust(h, w) for h, w in zip(head, (9, 6, 5, 7), strict=True)], body, width)
    if "accuracy" in report:
        lines.append(msg("eval.accuracy", lang, value=f"{report['accuracy']:.3f}"))
    if "exact_match" in report:
        lines.append(msg("eval.exact_match", lang, value=f"{report['exact_match']:.3f}"))
        empty = report.get("empty") or {}
        if empty.get("n_true_empty"):
            value = f"{empty['predicted_empty_when_true_empty']:.3f}"
            lines.append(msg("eval.empty", lang, value=value, n=empty["n_true_empty"]))
    cm = report["confusion_matrix"]
    lines.append("")
    if "matrix" in cm:
        lines.append(msg("eval.confusion_matrix", lang))
        cw = max(width, *(len(str(v)) for row in cm["matrix"] for v in row))
        lines.append(" " * (width + 2) + " ".join(_rjust(_cut(lab, cw), cw) for lab in cm["labels"]))
        for lab, row in zip(cm["labels"], cm["matrix"], strict=True):
            lines.append(f"{_ljust(lab, width)}  " + " ".join(f"{v:>{cw}d}" for v in row))
    else:
        lines.append(msg("eval.confusion_per_label", lang))
        head = [_rjust(msg(f"eval.col.{c}", lang), 6) for c in ("tp", "fp", "fn", "tn")]
        body = [[str(m[c]) for c in ("tp", "fp", "fn", "tn")] for m in cm.values()]
        lines.extend(_rows([msg("col.label", lang), *cm], head, body, width, sep=" "))
    return "\n".join(lines)
