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


def _github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading (lower case, punctuation but - and _ dropped, spaces to -)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_readme_history_links_resolve() -> None:
    """Every row of the README's quality and speed tables links its history, and each link names a section
    of docs/figures-history.md (a renamed heading would leave the reader at the top of the page)."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    history = (DOCS / "figures-history.md").read_text(encoding="utf-8")
    anchors = {_github_slug(h) for h in re.findall(r"^#{1,6} (.+)$", history, re.M)}
    for start, end in (("| what | held out |", "\n\n"), ("| figure | ours |", "\n\n")):
        table = readme[readme.index(start) :]
        rows = table[: table.index(end)].splitlines()[2:]
        assert rows, f"no rows under {start!r}"
        for row in rows:
            links = re.findall(r"\(docs/figures-history\.md#([\w-]+)\)", row)
            assert links, f"README row without a history link: {row[:60]}"
            assert set(links) <= anchors, f"history link to a missing section: {set(links) - anchors}"
