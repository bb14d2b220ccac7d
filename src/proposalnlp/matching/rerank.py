"""Re-ranking a suggestion's first reply units by the answer model (issue 12, point-level ranking).

:func:`~proposalnlp.matching.align.match` ranks reply units by the present score (word and character-bigram
coverage, clause support). The answer model already gives, for each of a suggestion's first
``Thresholds.used_rank`` units, the probability that the reply answers the suggestion with that unit as the
best one: it reads the suggestion's *specific* terms (names, places, numbers) apart from generic policy words.
:func:`rerank_order` reorders those few units by a blend of the two, with one weight
(:data:`RERANK_WEIGHT`): a unit that answers in the suggestion's own specific terms may overtake a unit
that shares more generic words. Units that may not answer (openings, closings, headers) are never moved
ahead of one that may. Nothing is scored again: the probabilities are the ones the verdicts already need.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputValueError

__all__ = ["RERANK_WEIGHT", "reorder_head", "rerank_order"]

#: Weight of the answer model's unit probability in the re-ranking key (the rest: the present score relative
#: to the suggestion's best): chosen inside the training folds of ``scripts/eval_verdicts.py`` (see the
#: model card, models/answer-default/README.md). 0 keeps the present ranking.
RERANK_WEIGHT = 0.0


def rerank_order(scores: np.ndarray, probs: np.ndarray, can: np.ndarray, weight: float = RERANK_WEIGHT) -> np.ndarray:
    """The new order (indices into the first ``len(probs)`` ranked units) of a suggestion's first units.

    Parameters
    ----------
    scores : ndarray
        The present ranking scores of those units, best first (descending).
    probs : ndarray
        The answer model's probability with each unit as the best one.
    can : ndarray of bool
        Which units may answer; the others stay after every unit that may, in their present order.
    weight : float, default=RERANK_WEIGHT
        In [0, 1]: the key is ``(1 - weight) * score / best score + weight * probability``; 0 keeps the
        present order, 1 orders by the probability alone. Ties keep the present order.

    Returns
    -------
    ndarray of int
        A permutation of ``range(len(probs))``.
    """
    if not 0.0 <= weight <= 1.0:
        raise InputValueError(f"the re-ranking weight must be in [0, 1], got {weight!r}")
    n = len(probs)
    s = np.asarray(scores[:n], dtype=float)
    p = np.asarray(probs, dtype=float)
    ok = np.asarray(can[:n], dtype=bool)
    if n < 2 or weight == 0.0:
        return np.arange(n)
    top = float(s.max()) if n else 0.0
    rel = s / top if top > 0 else np.zeros(n)
    key = (1.0 - weight) * rel + weight * p
    # units that may answer first (by key, ties in the present order), then the others as they were
    return np.lexsort((np.arange(n), -np.where(ok, key, 0.0), ~ok))


def reorder_head(order: np.ndarray, *seqs: list[Any]) -> tuple[list[Any], ...]:
    """Each of ``seqs`` with its first ``len(order)`` entries put in ``order`` (the rest as they were)."""
    idx = [int(i) for i in order]
    return tuple([s[i] for i in idx] + list(s[len(idx) :]) for s in seqs)
