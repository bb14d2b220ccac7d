"""proposalnlp train and proposalnlp evaluate: a classifier on your own labelled CSV/JSONL.

Data files: CSV (UTF-8 or GB18030, with a header row) or JSONL (one JSON object per line); the format
follows the suffix (.csv, .jsonl or .ndjson) unless --format says otherwise.

Labels (--label-column):
  - one label per row (a string) trains an ordinary multi-class classifier;
  - several labels per row train a multi-label one: in JSONL a list (["funding", "talent"], [] for none);
    in CSV a cell split on --label-sep (e.g. --label-sep "|": funding|talent; an empty cell means no
    label). --multi-label makes single labels one-element lists.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from typing import Any

from .._safefolder import MANIFEST
from ..errors import InputTypeError, InputValueError
from ..messages import error, error_text
from ..messages import text as msg
from ._io import (
    DEFAULT_MAX_BATCH_BYTES,
    UsageError,
    batch_format,
    iter_records,
    model_folder,
    no_column,
    positive_int,
    row_error,
)

__all__ = ["read_labelled", "register"]


def _label(value: Any, where: tuple[str, int], label_sep: str | None, multi_label: bool, fmt: str | None) -> Any:
    """One row's label(s) in the form ThemeClassifier.fit takes (a string, or a list of strings); ``where``: the
    file and line, for the error of a malformed label."""
    if value is None:
        value = []
    if isinstance(value, str) and value.startswith("[") and label_sep is None and not fmt == "jsonl":
        try:
            parsed = ast.literal_eval(value)
            if isinstance(parsed, list):
                value = parsed
        except (ValueError, SyntaxError):
            pass
    if isinstance(value, str):
        if label_sep is not None:
            return [p.strip() for p in value.split(label_sep) if p.strip()]
        if multi_label:
            return [value.strip()] if value.strip() else []
        if not value.strip():
            raise error(InputValueError, "err.row.empty_label", path=where[0], line=where[1])
        return value.strip()
    if isinstance(value, list):
        if not all(isinstance(x, str) for x in value):
            raise row_error(*where, "err.row.label_items", value=f"{value!r:.60}")
        return value
    raise row_error(*where, "err.row.label_type", value=f"{value!r:.40}")


def read_labelled(
    path: str,
    text_column: str,
    label_column: str,
    label_sep: str | None = None,
    multi_label: bool = False,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BATCH_BYTES,
    bad: list[InputValueError] | None = None,
) -> tuple[list[str], list[Any]]:
    """Texts and labels of a labelled file (see the module docstring for the label forms).

    The file is read by the strict batch reader. A bad row (an unterminated quote, the wrong number of
    fields, invalid JSON, a missing, null or empty text, a malformed label) raises an error naming its line;
    when a ``bad`` list is given, the row's error is appended to it instead and the row left out.
    """
    texts: list[str] = []
    labels: list[Any] = []
    columns: list[str] | None = None
    options = {text_column: "--text-column"}
    for rec in iter_records(path, fmt, required=(text_column,), max_bytes=max_bytes, options=options):
        try:
            if rec.problem is not None:
                raise rec.problem
            if columns is None:
                columns = sorted(rec.values)
                if label_column not in rec.values:
                    raise no_column(path, label_column, columns, "--label-column")
            where = (path, rec.line)
            text = rec.values[text_column]
            if not isinstance(text, str):
                raise row_error(*where, "err.row.text_not_text", column=text_column, value=f"{text!r:.40}")
            if label_column not in rec.values:
                raise row_error(*where, "err.row.no_column", column=label_column)
            label = _label(rec.values[label_column], where, label_sep, multi_label, fmt)
        except InputValueError as exc:
            header_problem = rec.problem is None and columns is not None and label_column not in columns
            if bad is None or header_problem:
                raise
            bad.append(exc)
            continue
        texts.append(text)
        labels.append(label)
    if not texts:
        raise (
            error(InputValueError, "err.no_rows", path=path)
            if not bad
            else error(InputValueError, "err.no_good_rows", path=path, first=bad[0])
        )
    return texts, labels


def _report_bad(command: str, bad: list[InputValueError], lang: str) -> int:
    """The count of skipped rows on stderr, the first one's error in ``lang``; exit code 1 when there were any."""
    if not bad:
        return 0
    first = error_text(bad[0], lang, where="cli")
    print(msg("cli.bad_rows.skipped", lang, prog=f"proposalnlp {command}", bad=len(bad), first=first), file=sys.stderr)
    return 1


#: Fewer texts than this for a label make ``train`` say that the data is far too small (a rule of thumb: a
#: 5-fold score needs a few texts of each label in every fold, and a model a few dozen to learn a label's words).
MIN_TEXTS_PER_LABEL = 10


def _few(counts: dict[str, int], lang: str) -> str | None:
    """The note that the data is far too small, naming the labels with fewer than MIN_TEXTS_PER_LABEL texts
    (the smallest first, at most five); None when every label has enough."""
    few = sorted((n, label) for label, n in counts.items() if n < MIN_TEXTS_PER_LABEL)
    if not few:
        return None
    sep = "，" if lang == "zh" else ", "
    named = sep.join(msg("cli.train_few_label", lang, label=label, n=n) for n, label in few[:5])
    return msg("cli.train_few", lang, labels=named + ("…" if len(few) > 5 else ""), min=MIN_TEXTS_PER_LABEL)


def _param(item: str) -> tuple[str, Any]:
    if "=" not in item:
        raise error(UsageError, "cli.usage.param_form", item=item)
    key, value = item.split("=", 1)
    try:
        return key.strip(), ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return key.strip(), value


def _add_data_args(p: argparse.ArgumentParser, lang: str) -> None:
    def h(key: str) -> str:
        return msg(f"cli.train.arg.{key}", lang)

    p.add_argument("--text-column", default="text", help=h("text_column"))
    p.add_argument("--label-column", default="label", help=h("label_column"))
    p.add_argument("--label-sep", help=h("label_sep"))
    p.add_argument("--multi-label", action="store_true", help=h("multi_label"))
    p.add_argument("--format", choices=("csv", "tsv", "jsonl"), help=h("format"))
    p.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BATCH_BYTES,
        help=msg("cli.arg.max_bytes_batch", lang, gib=DEFAULT_MAX_BATCH_BYTES // 2**30),
    )
    p.add_argument("--on-error", choices=("fail", "skip"), default="fail", help=h("on_error"))


def register(sub: Any, lang: str) -> None:
    """Add the ``train`` and ``evaluate`` subcommands, their help in ``lang``."""

    def h(key: str) -> str:
        return msg(f"cli.{key}", lang)

    p = sub.add_parser(
        "train",
        help=h("train.help"),
        description=h("train.description"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("data", help=h("train.arg.data"))
    p.add_argument("-o", "--output", required=True, help=h("train.arg.output"))
    p.add_argument("--overwrite", action="store_true", help=h("train.arg.overwrite"))
    _add_data_args(p, lang)
    p.add_argument("--param", action="append", default=[], help=h("train.arg.param"))
    p.add_argument("--json", action="store_true", help=h("train.arg.json"))
    p.set_defaults(func=run_train)

    e = sub.add_parser("evaluate", help=h("evaluate.help"), description=h("evaluate.description"))
    e.add_argument("model", help=h("evaluate.arg.model"))
    e.add_argument("data", help=h("train.arg.data"))
    _add_data_args(e, lang)
    e.add_argument("--json", action="store_true", help=h("evaluate.arg.json"))
    e.set_defaults(func=run_evaluate)


def run_train(args: argparse.Namespace) -> int:
    """Fit a ThemeClassifier on the file and save it."""
    from ..themes.train import ThemeClassifier

    params = dict(_param(x) for x in args.param)
    valid = ThemeClassifier().get_params(deep=False)
    unknown = sorted(set(params) - set(valid))
    if unknown:
        shown = ", ".join(sorted(k for k in valid if k != "tokenizer"))
        raise error(UsageError, "cli.usage.param_unknown", unknown=", ".join(unknown), valid=shown)
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    clf = ThemeClassifier(**params)
    try:  # before the data is read: a bad value is the command line's mistake, said at once
        clf._check_params()
    except (InputValueError, InputTypeError) as exc:
        raise error(UsageError, "cli.usage.param_bad", detail=str(exc)) from None
    if not args.overwrite and (Path(args.output) / MANIFEST).is_file():
        # a model saved there earlier (perhaps on other data) would be replaced without a word: said before training
        raise error(UsageError, "cli.usage.model_exists", path=str(args.output))
    bad: list[InputValueError] | None = [] if args.on_error == "skip" else None
    texts, labels = read_labelled(
        args.data,
        args.text_column,
        args.label_column,
        args.label_sep,
        args.multi_label,
        args.format,
        args.max_bytes,
        bad,
    )
    try:
        clf.fit(texts, labels)
    except InputValueError as exc:  # the data cannot train a model: a Chinese lead-in before the library's words
        raise error(InputValueError, "err.train_data", detail=exc) from None
    folder = clf.save(args.output, overwrite=args.overwrite)
    summary: dict[str, Any] = {
        "model": str(folder),
        "mode": clf.mode_,
        "labels": list(clf.classes_),
        "training": clf.training_,
        "cv_metrics": (
            {k: clf.cv_metrics_.get(k) for k in ("macro", "micro", "folds", "note")} if clf.cv_metrics_ else {}
        ),
    }
    if summary["cv_metrics"]:  # the note in the reader's language (the model's manifest keeps the library's English)
        summary["cv_metrics"]["note"] = msg("cli.train_cv_note", args.lang, folds=summary["cv_metrics"]["folds"])
    counts = {str(k): int(v) for k, v in clf.training_["label_counts"].items()}
    few = _few(counts, args.lang)
    if few is not None:
        summary["too_few_texts"] = {k: v for k, v in counts.items() if v < MIN_TEXTS_PER_LABEL}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        if few is not None:
            print(few, file=sys.stderr)
        return _report_bad("train", bad or [], args.lang)
    lang = args.lang
    mode = msg("cli.train_mode_" + ("multi" if clf.mode_ == "multi" else "single"), lang)
    print(msg("cli.trained", lang, mode=mode, n=len(texts), folder=folder))
    print(f"{msg('col.label', lang)}\t{msg('col.count', lang)}")
    for label, n in clf.training_["label_counts"].items():
        print(f"{label}\t{n}")
    if clf.training_.get("n_without_label"):
        print(f"{msg('cli.no_label', lang)}\t{clf.training_['n_without_label']}")
    if clf.cv_metrics_:
        macro, micro = clf.cv_metrics_["macro"]["f1"], clf.cv_metrics_["micro"]["f1"]
        folds = clf.cv_metrics_.get("folds", clf.cv)
        print(msg("cli.train_cv", lang, folds=folds, macro=f"{macro:.3f}", micro=f"{micro:.3f}"))
    if few is not None:  # on stderr, after the score it qualifies
        sys.stdout.flush()
        print(few, file=sys.stderr)
    return _report_bad("train", bad or [], args.lang)


def run_evaluate(args: argparse.Namespace) -> int:
    """Evaluate a model folder on a labelled file."""
    from ..themes.folder import load_model
    from ..themes.metrics import evaluate, format_evaluation

    model_folder(args.model)  # a file given for the model is refused in words
    batch_format(args.data, args.format)  # a data file that is no table is said before the model loads
    model = load_model(args.model)
    multi = args.multi_label or model.mode == "multi"
    bad: list[InputValueError] | None = [] if args.on_error == "skip" else None
    texts, labels = read_labelled(
        args.data, args.text_column, args.label_column, args.label_sep, multi, args.format, args.max_bytes, bad
    )
    if model.mode == "single" and any(isinstance(y, list) for y in labels):
        raise error(UsageError, "cli.usage.eval_single", column=args.label_column)
    report = evaluate(model, texts, labels)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_evaluation(report, args.lang))
    # labels the model was never trained on (a spelling of the test file's own, 宣传 for 宣传与意识) are never
    # predicted: said, since the table alone makes them look like the model's failures
    known = set(model.labels)
    given = [y for ys in labels for y in (ys if isinstance(ys, list) else [ys])]
    unknown = sorted({y for y in given if y not in known}, key=given.index)
    if unknown:
        sys.stdout.flush()
        sep = "、" if args.lang == "zh" else ", "
        rows = sum(1 for ys in labels if set(ys if isinstance(ys, list) else [ys]) - known)
        shown = sep.join(unknown[:10]) + ("…" if len(unknown) > 10 else "")
        said = msg("cli.eval_unknown_labels", args.lang, labels=shown, rows=rows, known=sep.join(model.labels))
        print(said, file=sys.stderr)
    return _report_bad("evaluate", bad or [], args.lang)
