"""The matching stage: each suggestion of a proposal with the reply units that answer it.

:func:`match` / :func:`match_many` (``align.py``) pick the units and rank them, :func:`similarity` and
:class:`Scorer` (``scoring.py``) say how well a text answers another, the results (``results.py``) render
as text or dicts, and :func:`render_html` (``html.py``) as a standalone page.
"""

from .align import (
    DEFAULT_TOP_K,
    MatchConfig,
    align_units,
    lead_phrase,
    match,
    match_many,
    match_units,
    score_units,
    suggestion_themes,
)
from .html import render_html
from .results import VERDICTS, Alignment, SuggestionMatch, Thresholds
from .scoring import Scorer, ScoringConfig, hubness_correct, similarity

__all__ = [
    "DEFAULT_TOP_K",
    "VERDICTS",
    "Alignment",
    "MatchConfig",
    "Scorer",
    "ScoringConfig",
    "SuggestionMatch",
    "Thresholds",
    "align_units",
    "hubness_correct",
    "lead_phrase",
    "match",
    "match_many",
    "match_units",
    "render_html",
    "score_units",
    "similarity",
    "suggestion_themes",
]
