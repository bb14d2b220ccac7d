"""Where match() of a new ~10,000-character document spends its time: CPU time per stage (issue 12's speed bar).

The benchmark document of bench_match.py is matched ``--repeats`` times, the scorers' memos emptied before each
call (a new document), with the stages below wrapped in a CPU timer: each line is that stage's mean CPU ms per
match() (stages nest: the scoring calls hold the space builders, answer_rows holds the diagonal and the answer
features). Numbers to see which step is worth work, not a speed figure: the wrappers cost a little, and a
shared machine adds noise (for a speed figure: bench_match.py --against REF, whose ratio is paired).
Usage: python benchmarks/profile_match.py [--repeats 40]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.synthetic import synthetic_document
from proposalnlp import match
from proposalnlp.matching import align, answer, scoring

#: (module or class, attribute, label) of each timed stage, in the order printed
STAGES: list[tuple[Any, str, str]] = [
    (align, "_rank", "ranking (score_units, top units)"),
    (align, "answer_rows", "answer_rows (diagonal, cosines, features)"),
    (align, "_diagonal_scores", "  diagonal scores (coverage)"),
    (answer, "prepare_request", "  answer.prepare_request"),
    (answer, "prepare_texts", "  answer.prepare_texts (infos, runs)"),
    (answer, "_text_infos", "    answer._text_infos"),
    (answer, "common_runs", "    answer.common_runs"),
    (answer, "pair_features", "  answer.pair_features"),
    (scoring.Scorer, "_term_plan", "spaces built (3 per match)"),
    (scoring._terms.TermTable, "words_of", "  word numbers (tokens of new lines)"),
    (scoring._terms.TermTable, "bigrams_of", "  bigram numbers of new lines"),
    (scoring._terms.TermTable, "word_entries", "  word entries (tokens included)"),
    (scoring._terms.TermTable, "bigram_entries", "  bigram entries"),
    (scoring.Scorer, "_term_space", "  _term_space (columns, IDF, matrices)"),
    (scoring._SpacePlan, "scores", "grids (ranking)"),
    (scoring._SpacePlan, "cells", "cells (diagonal, cosines)"),
    (scoring.Scorer, "score_pairs", "score_pairs (diagonal, cosines)"),
    (align, "_candidate_texts", "_candidate_texts (headings, sections)"),
    (align, "_suggestion_texts", "_suggestion_texts (clauses)"),
    (align, "_reply_units", "_reply_units (reply paragraphs)"),
    (align, "_top_columns", "_top_columns"),
    (answer, "covered_terms", "answer.covered_terms (explanations)"),
    (answer, "cue_of", "answer.cue_of"),
    (answer.AnswerModel, "predict_proba", "AnswerModel.predict_proba"),
]


def timed(fn: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    """``fn`` adding its CPU time to ``spent[label]`` (the outermost call of a recursion alone)."""
    depth = [0]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth[0] += 1
        c0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent[label] = spent.get(label, 0.0) + time.process_time() - c0

    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=40)
    args = ap.parse_args()
    spent: dict[str, float] = {}
    for owner, name, label in STAGES:
        setattr(owner, name, timed(getattr(owner, name), label, spent))
    sugg, reply = synthetic_document()
    match(sugg, reply)  # warm: dictionaries, models, caches of the package
    spent.clear()
    totals = []
    for _ in range(args.repeats):
        scoring.default_scorer().clear_memo()
        scoring.retrieval_scorer().clear_memo()
        answer.clear_memo()
        c0 = time.process_time()
        match(sugg, reply)
        totals.append(time.process_time() - c0)
    print(
        f"match() of a new {sum(map(len, sugg + reply))}-character document, {args.repeats} calls: CPU median "
        f"{statistics.median(totals) * 1000:.1f} ms, mean {statistics.mean(totals) * 1000:.1f} ms"
    )
    for _, _, label in STAGES:
        print(f"  {label:40s} {spent.get(label, 0.0) / args.repeats * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
