"""The command line: version, exit codes, quiet closed pipes, batch progress, and the ``parse`` subcommand.

(The ``train``/``evaluate``/``classify --model`` and ``match`` commands are tested beside their stages, in
test_themes_train.py and test_matching.py.)
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import proposalnlp
from proposalnlp.cli import main
from proposalnlp.document import example_text
from test_document import EXAMPLE_STRUCTURE


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
    """A batch with --progress shows a tqdm bar on stderr and keeps stdout a header row and one row per text."""
    batch = tmp_path / "batch.csv"
    batch.write_text("text\n" + "\n".join(f"建议设立专项资金支持企业技术改造{i}" for i in range(400)), encoding="utf-8")
    assert main(["classify", "--file", str(batch), "--progress"]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 1 + 400
    assert "400/400" in err
    assert main(["classify", "--file", str(batch), "--no-progress"]) == 0
    assert "400/400" not in capsys.readouterr().err


# --- parse ---------------------------------------------------------------------------------------------


def test_cli_outline_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(example_text(), encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "P3.1" in out and "suggestion" in out and "closing" in out
    assert main(["parse", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(u["id"], u["part"], u["kind"]) for u in data["units"]] == EXAMPLE_STRUCTURE
    assert data["title"] == "关于支持县域食品加工企业转型升级的提案"


def test_cli_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = "具体建议：\n1、加快建设。\n2、加强保障。\n".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["parse", "--json", "-"]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    assert [u["kind"] for u in units] == ["section", "suggestion", "suggestion"]


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1
    assert "error" in capsys.readouterr().err
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n", encoding="utf-8")
    assert main(["parse", str(blank)]) == 1
    assert "empty" in capsys.readouterr().err


def test_cli_example_and_missing_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--example", "--width", "20"]) == 0
    out = capsys.readouterr().out
    assert "# 关于支持县域食品加工企业转型升级的提案" in out
    assert "  R3.1     reply    item" in out  # children are indented under their section
    assert "建议 5 条" in out
    assert main(["parse", "--example", "--lang", "en"]) == 0
    assert "5 suggestions" in capsys.readouterr().out
    assert main(["parse"]) == 2  # a usage error
    assert "--example" in capsys.readouterr().err
