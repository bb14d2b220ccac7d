"""How the ``partly`` cut is read off the balanced-accuracy curve of out-of-fold probabilities (model card, round 17).

A reader's rule: a cut chosen on a noisy curve with a flat top sits in the middle of that top, not at one random
peak of it. Invented probabilities only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from train_answer_model import PLATEAU_TOL, balanced, choose_partly


def _flat_top() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Own replies spread over 0.3-1.0, close-topic ones over 0.0-0.7: every cut between 0.3 and 0.7 trades one
    own reply for one close-topic reply, so the curve is flat there, up to the noise of single rows."""
    rng = np.random.default_rng(17)
    own = np.round(rng.uniform(0.3, 1.0, 400), 3)
    close = np.round(rng.uniform(0.0, 0.7, 400), 3)
    grid = np.unique(np.concatenate([own, close]))
    return own, close, grid


def test_argmax_is_the_first_maximum() -> None:
    own, close, grid = _flat_top()
    curve = np.array([balanced(own, close, float(c)) for c in grid])
    cut = choose_partly(own, close, grid, "argmax")
    assert balanced(own, close, cut) == curve.max()
    assert cut == grid[curve == curve.max()].min()


def test_plateau_sits_in_the_middle_of_the_flat_top() -> None:
    own, close, grid = _flat_top()
    curve = np.array([balanced(own, close, float(c)) for c in grid])
    top = grid[curve >= curve.max() - PLATEAU_TOL]
    cut = choose_partly(own, close, grid, "plateau")
    assert top.min() < cut < top.max()
    assert cut == pytest.approx(float(np.median(top)), abs=1e-3)
    assert balanced(own, close, cut) >= curve.max() - PLATEAU_TOL


def test_plateau_moves_less_than_argmax_when_a_few_rows_change() -> None:
    """Twenty redraws of a few rows each: the argmax jumps along the flat top, the plateau's middle stays."""
    own, close, _ = _flat_top()
    moved: dict[str, list[float]] = {"argmax": [], "plateau": []}
    for seed in range(20):
        rng = np.random.default_rng(seed)
        o, c = own.copy(), close.copy()
        o[rng.choice(len(o), 8, replace=False)] = np.round(rng.uniform(0.3, 1.0, 8), 3)
        c[rng.choice(len(c), 8, replace=False)] = np.round(rng.uniform(0.0, 0.7, 8), 3)
        grid = np.unique(np.concatenate([o, c]))
        for rule in moved:
            moved[rule].append(choose_partly(o, c, grid, rule))
    assert np.std(moved["plateau"]) < 0.5 * np.std(moved["argmax"])


def test_a_single_peak_is_kept() -> None:
    """A curve with one clear top: every rule takes it."""
    own = np.array([0.6, 0.7, 0.8, 0.9])
    close = np.array([0.1, 0.2, 0.3, 0.4])
    grid = np.unique(np.concatenate([own, close]))
    for rule in ("argmax", "plateau", "smoothed"):
        assert 0.4 < choose_partly(own, close, grid, rule) <= 0.6


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="cut rule"):
        choose_partly(np.array([0.9]), np.array([0.1]), np.array([0.5]), "mode")
