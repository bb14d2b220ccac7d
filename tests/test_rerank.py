"""Re-ranking a suggestion's first reply units by the answer model (proposalnlp.matching.rerank)."""

from __future__ import annotations

import numpy as np
import pytest

from proposalnlp.errors import InputValueError
from proposalnlp.matching.rerank import reorder_head, rerank_order


def test_weight_zero_keeps_the_present_order() -> None:
    order = rerank_order(np.array([0.5, 0.4, 0.3]), np.array([0.1, 0.9, 0.8]), np.ones(3, bool), 0.0)
    assert order.tolist() == [0, 1, 2]


def test_probability_alone_orders_by_probability_ties_in_present_order() -> None:
    order = rerank_order(np.array([0.5, 0.4, 0.3, 0.2]), np.array([0.2, 0.9, 0.9, 0.1]), np.ones(4, bool), 1.0)
    assert order.tolist() == [1, 2, 0, 3]


def test_a_specific_answer_overtakes_a_generic_unit_only_when_the_probability_gap_outweighs_the_score_gap() -> None:
    # unit 0 shares more policy words (score 0.40); unit 1 answers in the request's own terms (p 0.80 vs 0.20)
    scores, probs, can = np.array([0.40, 0.30]), np.array([0.20, 0.80]), np.ones(2, bool)
    assert rerank_order(scores, probs, can, 0.5).tolist() == [1, 0]  # 0.5*0.75+0.4 > 0.5*1+0.1
    assert rerank_order(scores, probs, can, 0.2).tolist() == [0, 1]  # 0.8*0.75+0.16 < 0.8+0.04


def test_units_that_may_not_answer_never_come_first() -> None:
    # an opening with a high probability stays after every unit that may answer
    order = rerank_order(np.array([0.6, 0.5, 0.1]), np.array([0.99, 0.1, 0.2]), np.array([False, True, True]), 1.0)
    assert order.tolist() == [2, 1, 0]


def test_bad_weight_is_refused() -> None:
    with pytest.raises(InputValueError, match="weight"):
        rerank_order(np.array([0.5, 0.4]), np.array([0.1, 0.2]), np.ones(2, bool), 1.5)


def test_reorder_head_moves_only_the_first_entries_of_every_list() -> None:
    a, b = reorder_head(np.array([1, 0]), ["x", "y", "z"], [1.0, 2.0, 3.0])
    assert a == ["y", "x", "z"] and b == [2.0, 1.0, 3.0]
