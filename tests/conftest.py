"""Shared fixtures: the ../shared corpus, skipped with a reason when absent unless CI requires it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from proposalnlp.shared import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; skips the test when it is absent (fails when PROPOSALNLP_REQUIRE_SHARED=1)."""
    path = shared_dir()
    if path is None:
        if os.environ.get("PROPOSALNLP_REQUIRE_SHARED") == "1":
            pytest.fail("PROPOSALNLP_REQUIRE_SHARED=1 but the shared data folder was not found")
        pytest.skip("shared data folder not found (set PROPOSALNLP_SHARED or put ../shared beside the checkout)")
    return path
