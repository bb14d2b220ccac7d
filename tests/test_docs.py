"""The guides in docs/ run: each page's ```python blocks in order, in one namespace, in a temporary folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def _blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["training.md"])
def test_guide_examples_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = DOCS / name
    blocks = _blocks(page)
    assert len(blocks) >= 3, f"{name}: expected its examples as ```python blocks"
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for k, code in enumerate(blocks):
        try:
            exec(compile(code, f"{page}#block{k + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{name}, python block {k + 1} failed: {type(exc).__name__}: {exc}")


def test_training_guide_names_real_parameters() -> None:
    """Every constructor setting the guide's table names is one ThemeClassifier takes."""
    from proposalnlp import ThemeClassifier

    text = (DOCS / "training.md").read_text(encoding="utf-8")
    table = text[text.index("| setting |") : text.index("## Fit parameters")]
    named = re.findall(r"^\| `(\w+)` \|", table, re.M)
    assert named, "the settings table lists no parameter"
    valid = ThemeClassifier().get_params(deep=False)
    assert [n for n in named if n not in valid] == []
