"""A request among several: evidence relative to its siblings (the other suggestions of the same proposal, the
other points of the same message).

A reply to a proposal addresses most of its suggestions, often in words of its own, so that a suggestion's word
evidence alone calls too many of them unanswered. A reader of such a reply reasons from the siblings: when the
reply plainly answers some suggestion of the proposal, another suggestion whose best reply unit is its own (no
other suggestion matches that unit better) and whose evidence is not much weaker than its siblings' is at
least partly answered; one whose evidence is far weaker than its siblings', or whose best unit belongs to
another suggestion, is not.

:func:`relative_support` computes, once per document from numbers :func:`~proposalnlp.matching.match` has
already computed (no text is scored again), each request's support relative to its strongest sibling where the
rule may apply; :func:`sibling_lift` applies the ratio stored with the answer model (chosen on training points,
``scripts/train_answer_model.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["relative_support", "sibling_lift"]


def relative_support(
    probability: Sequence[float] | np.ndarray,
    support: Sequence[float] | np.ndarray,
    best: Sequence[int | None],
    best_score: Sequence[float] | np.ndarray,
    partly: float,
) -> np.ndarray:
    """For each request of one document, its support divided by the largest support of its siblings, where the
    sibling rule may lift it; NaN elsewhere.

    The rule may lift a request when it is one of several, the model calls it unanswered (``probability`` below
    ``partly``), the model calls some sibling at least partly answered (the reply is about this document), and
    its best reply unit (``best``: a column, None when no unit may answer) is its own: no sibling has the same
    best unit with a higher ``best_score`` (the ranking score of a request with its best unit).

    Parameters
    ----------
    probability, support, best_score : sequence of float
        Per request: the answer model's probability, the support of the pair with its best unit (the
        ``unit_support`` feature), the ranking score of its best unit.
    best : sequence of int or None
        Per request: the reply column of its best answering unit.
    partly : float
        The probability from which a verdict is "partly".

    Returns
    -------
    ndarray
        One float per request (NaN where the rule does not apply).
    """
    p = np.asarray(probability, dtype=float)
    s = np.asarray(support, dtype=float)
    sc = np.asarray(best_score, dtype=float)
    n = len(p)
    out = np.full(n, np.nan)
    if n < 2:
        return out
    has = np.array([b is not None for b in best], dtype=bool)
    cols = np.array([-1 if b is None else int(b) for b in best], dtype=np.int64)
    # the best score among the requests whose best unit each request's is: higher than its own = claimed
    top: dict[int, float] = {}
    for c, v in zip(cols[has].tolist(), sc[has].tolist(), strict=True):
        top[c] = max(top.get(c, -np.inf), v)
    claimed = np.array([has[i] and top[int(cols[i])] > sc[i] for i in range(n)], dtype=bool)
    ok = has & (p < partly) & (_max_of_others(p) >= partly) & ~claimed
    out[ok] = s[ok] / np.maximum(_max_of_others(s)[ok], 1e-9)
    return out


def _max_of_others(v: np.ndarray) -> np.ndarray:
    """For each entry, the largest of the other entries (two or more entries)."""
    order = np.argsort(-v, kind="stable")
    first, second = v[order[0]], v[order[1]]
    out = np.full(len(v), first)
    out[order[0]] = second
    return out


def sibling_lift(
    probability: Sequence[float] | np.ndarray,
    support: Sequence[float] | np.ndarray,
    best: Sequence[int | None],
    best_score: Sequence[float] | np.ndarray,
    partly: float,
    ratio: float | None,
) -> np.ndarray:
    """Which requests of one document the sibling rule calls at least partly answered although the model alone
    calls them unanswered: those whose :func:`relative_support` reaches ``ratio`` (None: the rule is off)."""
    if ratio is None:
        return np.zeros(len(probability), dtype=bool)
    rel = relative_support(probability, support, best, best_score, partly)
    return np.asarray(np.nan_to_num(rel, nan=-1.0) >= ratio, dtype=bool)
