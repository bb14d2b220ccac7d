"""The HTML match report opened in a real browser: Debian's chromium renders the reference document's report
headless; the screenshot must not be blank and the DOM must hold every suggestion's block.

.ci/run installs chromium; elsewhere the test skips when no chromium is found (it fails under CI=true or
PROPOSALNLP_REQUIRE_SHARED=1, where a skip would hide a broken setup).
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from devtools.corpus import load_reference
from proposalnlp.matching import Alignment, match, render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _browser() -> str:
    """The chromium binary ($PROPOSALNLP_CHROMIUM or the first found on PATH), else skip or fail."""
    names = [os.environ["PROPOSALNLP_CHROMIUM"]] if os.environ.get("PROPOSALNLP_CHROMIUM") else list(BROWSERS)
    found = next(filter(None, map(shutil.which, names)), None)
    if found:
        return found
    reason = "chromium not found (apt-get install chromium, or set PROPOSALNLP_CHROMIUM)"
    if os.environ.get("CI") == "true" or os.environ.get("PROPOSALNLP_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " but CI requires the browser test")
    pytest.skip(reason)


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def report(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Alignment, Path]:
    """The reference document's match report, written to a temporary folder (the shared text stays there)."""
    alignment = match(load_reference(shared).text, themes=True)
    assert alignment.suggestions, "the reference document should yield suggestions"
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(alignment, title="Reference document"), encoding="utf-8")
    return alignment, path


def test_screenshot_is_not_blank(report: tuple[Alignment, Path], tmp_path: Path) -> None:
    image_mod = pytest.importorskip("PIL.Image", reason="Pillow (a matplotlib dependency, test extra) is needed")
    browser = _browser()
    _, path = report
    png = tmp_path / "report.png"
    _run(browser, tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,2000", path.as_uri())
    assert png.is_file() and png.stat().st_size > 0, "chromium wrote no screenshot"
    with image_mod.open(png) as img:
        assert img.size == (1280, 2000)
        gray = img.convert("L")
        rgb = img.convert("RGB")
        hist = gray.histogram()
        inked = sum(hist[:200])  # clearly darker than the page background: text, bars, badges
        total = img.size[0] * img.size[1]
        assert inked / total > 0.01, f"screenshot looks blank: {inked} of {total} pixels are not near-white"
        assert hist[255] + sum(hist[240:255]) < total, "screenshot is a single light colour"
        # a rendered report has coloured badges and bars, not only grey text
        colours = rgb.getcolors(maxcolors=1 << 16) or []
        saturated = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 60)
        assert saturated > 200, f"no coloured elements (badges, score bars) in the screenshot: {saturated} pixels"
        # content on both halves of the two-column layout
        left = gray.crop((0, 0, 640, 1000)).histogram()
        right = gray.crop((640, 0, 1280, 1000)).histogram()
        assert sum(left[:200]) > 500 and sum(right[:200]) > 500, "one column of the report is empty"


def test_dom_holds_every_suggestion(report: tuple[Alignment, Path], tmp_path: Path) -> None:
    browser = _browser()
    alignment, path = report
    dom = _run(browser, tmp_path / "profile", "--dump-dom", path.as_uri()).stdout
    assert "<body" in dom, f"--dump-dom returned no document: {dom[:200]!r}"
    text = html.unescape(dom)
    for m in alignment.suggestions:
        sid = m.suggestion.id
        assert f'id="s-{sid}"' in dom, f"no block for suggestion {sid} in the rendered DOM"
        lead = "".join(m.suggestion.text.split())[:12]
        assert lead in "".join(text.split()), f"suggestion {sid}'s text is missing from the rendered page"
    for u in alignment.reply_units:
        assert f'id="u-{u.id}"' in dom, f"no block for reply unit {u.id}"
