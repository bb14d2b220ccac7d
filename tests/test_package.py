"""Package-level behaviour: light import, lazy exports, errors hierarchy, the command line's exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import proposalnlp
from proposalnlp import errors
from proposalnlp.cli import main


def test_import_is_light() -> None:
    """Importing the package must not pull in scikit-learn or jieba (cold start matters to services)."""
    code = "import sys, proposalnlp; print(sorted(m for m in ('sklearn', 'jieba', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_all_names_resolve() -> None:
    for name in proposalnlp.__all__:
        assert getattr(proposalnlp, name) is not None, name


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute"):
        proposalnlp.does_not_exist  # noqa: B018


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InputTypeError, TypeError),
        (errors.EmptyInputError, ValueError),
        (errors.InputValueError, ValueError),
        (errors.DictionaryError, ValueError),
        (errors.ModelIntegrityError, ValueError),
        (errors.ModelFormatError, ValueError),
        (errors.UnsafeModelError, ValueError),
    ],
)
def test_errors_are_catchable_as_builtins(cls: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, errors.ProposalNLPError)
    assert issubclass(cls, builtin)


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert proposalnlp.__version__ in capsys.readouterr().out


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_cli_failure_exits_1_without_traceback(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "/no/such/file.txt"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "parse: error:" in err and len(err.strip().splitlines()) == 1


def test_cli_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`proposalnlp parse big.txt | head -1` must not end with a broken-pipe error message."""
    big = tmp_path / "big.txt"
    big.write_text("\n".join(f"第{i}段。这是一段没有结构的普通文字。" for i in range(20000)), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "proposalnlp", "parse", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # far more than a pipe buffer is still to come
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first.strip()
    assert "Broken pipe" not in err and "Traceback" not in err


def test_cli_batch_progress_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A batch with --progress shows a tqdm bar on stderr and keeps stdout one row per text."""
    batch = tmp_path / "batch.csv"
    batch.write_text("text\n" + "\n".join(f"建议设立专项资金支持企业技术改造{i}" for i in range(400)), encoding="utf-8")
    assert main(["classify", "--file", str(batch), "--progress"]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 400
    assert "400/400" in err
    assert main(["classify", "--file", str(batch), "--no-progress"]) == 0
    assert "400/400" not in capsys.readouterr().err
