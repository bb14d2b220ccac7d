"""Shared fixtures: the ../shared corpus, skipped with a reason when absent unless CI requires it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools.shared import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; skips the test when it is absent (fails when PROPOSALNLP_REQUIRE_SHARED=1)."""
    path = shared_dir()
    if path is None:
        if os.environ.get("PROPOSALNLP_REQUIRE_SHARED") == "1":
            pytest.fail("PROPOSALNLP_REQUIRE_SHARED=1 but the shared data folder was not found")
        pytest.skip("shared data folder not found (set PROPOSALNLP_SHARED or put ../shared beside the checkout)")
    return path


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (PROPOSALNLP_REQUIRE_SHARED=1) a skipped test fails the run: every test's needs (the shared data,
    the test extra, the system packages) are installed there, so a skip means something is missing."""
    if os.environ.get("PROPOSALNLP_REQUIRE_SHARED") != "1" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        reporter.ensure_newline()
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            reporter.write_line(f"skipped in CI: {report.nodeid}: {reason}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
