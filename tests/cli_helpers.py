"""Helpers shared by the user's-day test modules: the command line run in-process, the service on the default model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from proposalnlp.cli import main


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``proposalnlp ARGS`` (argparse's usage errors give their exit code)."""
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's own usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def service_client() -> Iterator[Any]:
    """A test client of the HTTP service on the default model (skips without the ``serve`` extra)."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from proposalnlp.service import create_app

    with TestClient(create_app(), base_url="http://localhost") as c:
        yield c
