"""The command line: version, exit codes, quiet closed pipes, batch progress, and the ``parse`` subcommand.

(The ``train``/``evaluate``/``classify --model`` and ``match`` commands are tested beside their stages, in
test_themes_train.py and test_matching.py.)
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    assert "proposalnlp parse：错误：" in err and len(err.strip().splitlines()) == 1


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
    assert "P3.1" in out and "建议" in out and "结尾" in out
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
    assert "为空" in capsys.readouterr().err
    assert main(["parse", str(blank), "--lang", "en"]) == 1
    assert "empty" in capsys.readouterr().err


def test_cli_example_and_missing_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--example", "--width", "20"]) == 0
    out = capsys.readouterr().out
    assert "# 关于支持县域食品加工企业转型升级的提案" in out
    assert "  R3.1     答复     条目" in out  # children are indented under their section
    assert "建议 5 条" in out
    assert main(["parse", "--example", "--lang", "en"]) == 0
    assert "5 suggestions" in capsys.readouterr().out
    assert main(["parse"]) == 2  # a usage error
    assert "--example" in capsys.readouterr().err


# --- usage errors, thresholds, language, tables ----------------------------------------------------------


def _argparse_exit(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return int(exc.value.code or 0)


@pytest.mark.parametrize(
    "argv",
    [
        ["match", "--example", "--answered", "1.5"],
        ["match", "--example", "--partly", "-0.1"],
        ["match", "--example", "--top", "0"],
        ["match", "--example", "--lang", "fr"],
        ["parse", "--example", "--width", "0"],
        ["parse", "--example", "--max-bytes", "-1"],
        ["classify", "x", "--max-bytes", "0"],
        ["serve", "--port", "70000"],
        ["serve", "--body-timeout", "0"],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_cli_bad_values_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _argparse_exit(argv) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "Traceback" not in err
    assert _argparse_exit([*argv, "--lang", "en"] if "fr" not in argv else argv) == 2
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["match", "--example", "--answered", "0.1", "--partly", "0.2", "--no-themes"], "--partly"),
        (["match", "--example", "--partly", "0.99", "--no-themes"], "--partly"),  # above the default answered
        (["match", "--reply", "r.txt"], "give one document FILE"),
        (["classify"], "give exactly one"),
        (["classify", "text", "--file", "x.txt"], "give exactly one"),
        (["parse"], "--example"),
        (["train", "data.csv", "-o", "out", "--param", "C"], "--param"),
    ],
)
def test_cli_checked_arguments_exit_2(argv: list[str], needle: str, tmp_path: Path, capsys: Any) -> None:
    data = tmp_path / "data.csv"
    data.write_text("text,label\n加大财政投入,funding\n引进高层次人才,talent\n", encoding="utf-8")
    argv = [str(data) if a == "data.csv" else str(tmp_path / a) if a in ("out", "r.txt") else a for a in argv]
    assert main([*argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_failures_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", str(tmp_path / "missing.txt")]) == 1
    assert main(["classify", "--file", str(tmp_path / "missing.txt")]) == 1
    assert main(["classify", "--model", str(tmp_path), "加大财政投入"]) == 1  # not a model folder
    assert capsys.readouterr().err.count("错误：") == 3


def test_cli_match_thresholds_are_the_library_s(capsys: pytest.CaptureFixture[str]) -> None:
    """--answered/--partly give what match(..., thresholds=replace(Thresholds(), ...)) gives."""
    import dataclasses

    from proposalnlp.matching import Thresholds, match

    doc = example_text()
    for given in ({"answered": 0.9}, {"partly": 0.0}, {"answered": 0.3, "partly": 0.2}):
        flags = [x for k, v in given.items() for x in (f"--{k}", str(v))]
        assert main(["match", "--example", "--no-themes", "--json", *flags]) == 0
        data = json.loads(capsys.readouterr().out)
        expected = match(doc, thresholds=dataclasses.replace(Thresholds(), **given))
        assert [s["verdict"] for s in data["suggestions"]] == [m.verdict for m in expected.suggestions]
        assert data["thresholds"]["answered"] == expected.thresholds.answered
        assert data["thresholds"]["partly"] == expected.thresholds.partly


def test_cli_match_report_is_chinese_with_the_proposal_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--example", "--no-themes"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "关于支持县域食品加工企业转型升级的提案"
    assert lines[1].startswith("覆盖率：")
    assert "已答复" in out and "Coverage" not in out and "answered" not in out
    assert main(["match", "--example", "--no-themes", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Coverage:" in out and "已答复" not in out


def test_cli_lang_from_the_environment(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PROPOSALNLP_LANG", "en")
    assert main(["match", "--example", "--no-themes"]) == 0
    assert "Coverage:" in capsys.readouterr().out


def test_cli_classify_says_no_theme(capsys: pytest.CaptureFixture[str]) -> None:
    """A text with no theme prints 无主题 / no theme, never a most-probable label as if it were a theme."""
    from proposalnlp.themes import classify

    text = "今天上午召开了会议。"
    assert classify(text).themes == [], "the example should have no theme"
    assert main(["classify", text]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "主题：无主题"
    assert out[1].split("\t") == ["主题", "概率"]  # the table's header row
    assert main(["classify", text, "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "themes: no theme" and not any(line.startswith("top") for line in out)
    assert main(["classify", "建议设立专项资金，对中小企业技术改造给予贷款贴息"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("主题：资金")


def test_cli_tables_have_a_header_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "rows.csv"
    batch.write_text("id,text\na1,加大财政投入\na2,今天上午召开了会议。\n", encoding="utf-8")
    assert main(["classify", "--file", str(batch), "--id-column", "id", "--lang", "en"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["id", "themes", "scores", "text"]
    assert [r[0] for r in rows[1:]] == ["a1", "a2"] and all(len(r) == 4 for r in rows)
    assert rows[2][1] == "no theme"
    path = tmp_path / "doc.txt"
    path.write_text(example_text(), encoding="utf-8")
    assert main(["classify", "--file", str(path), "--document"]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out.index("编号\t类型\t主题\t文字")
    assert all(len(line.split("\t")) == 4 for line in out[header:])
    assert main(["parse", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert next(line.split() for line in out if not line.startswith("#")) == ["id", "part", "kind", "text"]


def test_cli_help_has_no_restructuredtext(capsys: pytest.CaptureFixture[str]) -> None:
    from proposalnlp.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) >= {"parse", "classify", "match", "train", "evaluate", "serve"}
    for name, command in sub.choices.items():
        text = command.format_help()
        for markup in ("``", ":func:", ":class:", ":data:", ":meth:", "\n----", "\n===="):
            assert markup not in text, f"`proposalnlp {name} --help` shows reStructuredText {markup!r}"
        assert "--lang" in text


def _train_csv(tmp_path: Path) -> Path:
    """A small two-label training file."""
    data = tmp_path / "data.csv"
    rows = [("加大财政投入，设立专项资金", "funding"), ("引进高层次人才，给予安家补贴", "talent")] * 6
    data.write_text("text,label\n" + "\n".join(f"{t},{lab}" for t, lab in rows), encoding="utf-8")
    return data


def test_cli_train_refuses_a_folder_of_other_files_unless_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _train_csv(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    assert main(["train", str(data), "-o", str(out), "--param", "cv=2", "--param", "min_df=1", "--lang", "en"]) == 1
    assert "overwrite" in capsys.readouterr().err and (out / "notes.txt").is_file()
    assert main(["train", str(data), "-o", str(out), "--param", "cv=2", "--param", "min_df=1", "--overwrite"]) == 0
    assert main(["classify", "--model", str(out), "加大财政投入"]) == 0


def test_cli_train_does_not_replace_a_model_without_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a second `train -o same/` (other data, a typo in the folder name) replaced the earlier model without a word
    data = _train_csv(tmp_path)
    out = tmp_path / "model"
    args = ["train", str(data), "-o", str(out), "--param", "cv=2", "--param", "min_df=1"]
    assert main(args) == 0
    before = (out / "manifest.json").read_bytes()
    capsys.readouterr()
    assert main([*args, "--param", "C=3"]) == 2
    err = capsys.readouterr().err
    assert "--overwrite" in err and "已有一个模型" in err and "Traceback" not in err
    assert (out / "manifest.json").read_bytes() == before
    assert main([*args, "--param", "C=3", "--overwrite"]) == 0
    assert (out / "manifest.json").read_bytes() != before
