"""Developer experience (issue 16, item 6): the README's editable install leaves the package visible to
type checkers and IDEs, i.e. mypy run from another folder finds ``proposalnlp`` and its types (setuptools'
default editable mode hides it behind an import hook that mypy cannot follow; the strict mode links files).
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import proposalnlp

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_editable_install_is_strict() -> None:
    text = README.read_text(encoding="utf-8")
    installs = [line for line in text.splitlines() if "pip install -e" in line]
    assert installs, "the README shows an editable install"
    assert all("editable_mode=strict" in line for line in installs), installs


def test_mypy_from_another_folder_sees_the_package(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    site = Path(sysconfig.get_paths()["purelib"])
    if list(site.glob("__editable___proposalnlp_*_finder.py")):
        pytest.skip(
            "proposalnlp is installed in setuptools' default editable mode (an import hook mypy cannot see); "
            "reinstall as the README says: pip install -e '.[test]' --config-settings editable_mode=strict"
        )
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from proposalnlp.matching import Thresholds\n\nx: str = Thresholds().answered\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--config-file=/dev/null", probe.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert "import-not-found" not in out and "Cannot find implementation" not in out, out
    # the package's own types reach the probe: assigning a float to a str is caught
    assert 'expression has type "float", variable has type "str"' in out, out
    assert Path(proposalnlp.__file__).resolve().is_file()
