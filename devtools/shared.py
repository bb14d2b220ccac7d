"""Locating the shared corpus of real documents (``../shared``) used by tests, benchmarks and training.

The folder is named by ``PROPOSALNLP_SHARED``, else it is ``../shared`` beside the checkout. Nothing of it
is copied into the repository: code reads it in place.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_dir"]


def shared_dir(required: bool = False) -> Path | None:
    """The shared data folder, or ``None`` when it is absent (``FileNotFoundError`` if ``required``)."""
    env = os.environ.get("PROPOSALNLP_SHARED")
    candidates = [Path(env)] if env else []
    repo = Path(__file__).resolve().parents[1]  # devtools/ lives at the root of the checkout
    candidates.append(repo.parent / "shared")
    candidates.append(Path.cwd().parent / "shared")
    for path in candidates:
        if (path / "corpus").is_dir():
            return path
    if required:
        raise FileNotFoundError(
            "shared data folder not found: set PROPOSALNLP_SHARED or put 'shared' beside the checkout"
        )
    return None
