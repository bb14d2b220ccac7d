"""Quality of a theme model on labelled texts: per-label precision, recall, F1, averages, confusion matrices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from .._inputs import as_text_list, parse_labels
from .._text import display_width
from ..errors import InputTypeError, InputValueError
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


def evaluate(model: Any, texts: Iterable[str], labels: Any) -> dict[str, Any]:
    """Per-label precision/recall/F1/support, macro and micro averages and the confusion matrix, as a dict.

    ``model`` is a fitted :class:`ThemeClassifier`, a :class:`~proposalnlp.themes.model.ThemeModel` or a model
    folder path. ``labels`` are single labels (then the confusion matrix is label × label) or label lists
    (then one 2×2 matrix per label, and how often texts without a label are predicted empty).
    """
    if model is None:
        raise InputTypeError("model must be a ThemeClassifier, a ThemeModel or a path, got None")
    runtime = resolve_model(model)
    items = as_text_list(texts)
    truth, mode = parse_labels(labels, len(items))
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
    """The longest start of ``text`` that fits in ``width`` columns."""
    out: list[str] = []
    used = 0
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out)


def format_evaluation(report: dict[str, Any]) -> str:
    """A readable table of an :func:`evaluate` report."""
    labels = list(report["per_label"])
    width = max([display_width(x) for x in labels] + [9])
    lines = [f"{'label':<{width}}  precision  recall     f1  support"]
    for lab in labels:
        m = report["per_label"][lab]
        row = f"{m['precision']:9.3f}  {m['recall']:6.3f}  {m['f1']:5.3f}  {m['support']:7d}"
        lines.append(f"{_ljust(lab, width)}  {row}")
    for avg in ("macro", "micro"):
        m = report[avg]
        lines.append(
            f"{avg + ' avg':<{width}}  {m['precision']:9.3f}  {m['recall']:6.3f}  {m['f1']:5.3f}  {report['n']:7d}"
        )
    if "accuracy" in report:
        lines.append(f"accuracy: {report['accuracy']:.3f}")
    if "exact_match" in report:
        lines.append(f"exact match of label sets: {report['exact_match']:.3f}")
        empty = report.get("empty") or {}
        if empty.get("n_true_empty"):
            lines.append(
                f"texts without a label predicted empty: {empty['predicted_empty_when_true_empty']:.3f} "
                f"(of {empty['n_true_empty']})"
            )
    cm = report["confusion_matrix"]
    lines.append("")
    if "matrix" in cm:
        lines.append("confusion matrix (rows: true, columns: predicted)")
        cw = max(width, *(len(str(v)) for row in cm["matrix"] for v in row))
        lines.append(" " * (width + 2) + " ".join(_rjust(_cut(lab, cw), cw) for lab in cm["labels"]))
        for lab, row in zip(cm["labels"], cm["matrix"], strict=True):
            lines.append(f"{_ljust(lab, width)}  " + " ".join(f"{v:>{cw}d}" for v in row))
    else:
        lines.append("confusion per label")
        lines.append(f"{'label':<{width}}  {'tp':>6} {'fp':>6} {'fn':>6} {'tn':>6}")
        for lab, m in cm.items():
            lines.append(f"{_ljust(lab, width)}  {m['tp']:6d} {m['fp']:6d} {m['fn']:6d} {m['tn']:6d}")
    return "\n".join(lines)
