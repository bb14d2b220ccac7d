"""The notebooks in notebooks/ run top to bottom without a cell error, draw their charts, and draw Chinese
with a real CJK font (matplotlib warns "Glyph ... missing from font" when it falls back to empty boxes)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need the test extra (nbformat, nbclient)")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need the test extra (nbformat, nbclient)")
pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel (test extra)")
pytest.importorskip("matplotlib", reason="the notebook tests need matplotlib (test extra)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: the charts each notebook must draw, at least
MIN_IMAGES = {"01-themes.ipynb": 4, "02-reply-coverage.ipynb": 3}
KERNEL = "proposalnlp-test"


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> dict[str, str]:
    """A kernelspec that runs this interpreter (so the notebooks see the installed package), found first on
    JUPYTER_PATH; the shared folder is passed to the kernel explicitly."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    return {
        "JUPYTER_PATH": str(root),
        "PROPOSALNLP_SHARED": str(shared),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }


def _outputs(nb: Any) -> list[Any]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


@pytest.mark.parametrize("name", sorted(MIN_IMAGES))
def test_notebook_runs(name: str, kernel_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    # outputs are stripped in git: the committed notebook carries no results (and no shared text)
    assert not _outputs(nb), f"{name}: commit the notebook with its outputs stripped"
    assert all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    for key, value in kernel_env.items():
        monkeypatch.setenv(key, value)
    client = nbclient.NotebookClient(
        nb, kernel_name=KERNEL, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    t0 = time.perf_counter()
    client.execute()  # raises CellExecutionError naming the cell on the first error
    elapsed = time.perf_counter() - t0
    outputs = _outputs(nb)
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, f"{name}: cell errors {[(e.get('ename'), e.get('evalue')) for e in errors]}"
    images = [o for o in outputs if "image/png" in (o.get("data") or {})]
    assert len(images) >= MIN_IMAGES[name], f"{name}: {len(images)} charts drawn, expected {MIN_IMAGES[name]}"
    text = "".join(str(o.get("text", "")) for o in outputs if o.get("output_type") == "stream")
    assert "missing from font" not in text, f"{name}: Chinese glyphs fell back to boxes:\n{text[-800:]}"
    assert "font: " in text, f"{name}: the setup cell did not report the CJK font"
    assert elapsed < 90, f"{name} took {elapsed:.0f} s (budget 60 s)"
