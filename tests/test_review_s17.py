"""Review of session 17's library changes: the public names it added are exported where they are defined."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("proposalnlp.matching.align", "quote_claims"),  # MatchConfig.quote_claims documents it
        ("proposalnlp.matching.align", "QUOTE_RUN"),  # quote_claims's docstring names it
        ("proposalnlp.matching.report", "unused_framing"),  # html.py and render_text share it
        ("proposalnlp.themes.evidence", "Evidence"),
        ("proposalnlp.themes.train", "POOL_FLOORS"),
    ],
)
def test_a_public_name_added_this_session_is_in_its_modules_all(module: str, name: str) -> None:
    mod = importlib.import_module(module)
    assert name in mod.__all__
    assert getattr(mod, name) is not None
