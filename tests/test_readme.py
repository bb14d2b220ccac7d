"""The README's examples run: its ```python blocks in order in one namespace (doctest-style blocks through
doctest), and its ```bash lines that start with ``proposalnlp `` through the installed command, each exiting 0.

Everything runs in a temporary folder with ``../shared`` (and $PROPOSALNLP_SHARED) pointing at the shared
data. Conventions for README authors:

* a block preceded by ``<!-- readme-test: skip -->`` is not run;
* ``proposalnlp serve`` is started on a free port, must answer ``GET /health``, and is then stopped;
* an input file a command names (``*.csv``, ``*.tsv``, ``*.jsonl``, ``*.txt``) that no earlier example
  created is written by the test first: a small hand-written labelled set with the command's
  ``--text-column`` / ``--label-column`` names, the bundled example document for ``.txt``, or, for
  ``match --batch``, a few invented proposal/reply pairs with the command's column names; a folder
  (a word ending in ``/``) gets the bundled example document as its one page.
"""

from __future__ import annotations

import csv
import doctest
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
SKIP_MARK = "<!-- readme-test: skip -->"
FENCE = re.compile(r"^```[ \t]*([\w+-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)

# hand-written training sentences for the fixture data set (two made-up classes, no shared text)
_FIXTURE = [
    ("小区门口的路灯坏了很久，夜里行人看不清路", "城建"),
    ("建议尽快修补主干道上的坑洼路面", "城建"),
    ("老旧小区排水管道堵塞，雨天积水严重", "城建"),
    ("希望在公交站台加装遮雨棚和座椅", "城建"),
    ("人行道被违章停车占用，请加强管理", "城建"),
    ("街道两侧绿化带缺乏养护，杂草丛生", "城建"),
    ("桥梁护栏锈蚀，存在安全隐患", "城建"),
    ("背街小巷路面破损，出行不便", "城建"),
    ("孩子上学路远，希望就近增加公办学位", "教育"),
    ("幼儿园收费偏高，家长负担较重", "教育"),
    ("建议增加中小学心理健康教师配备", "教育"),
    ("学校食堂饭菜质量需要加强监督", "教育"),
    ("乡村学校缺少音乐美术老师", "教育"),
    ("课后服务时间太短，双职工家庭接送困难", "教育"),
    ("职业学校实训设备陈旧，需更新", "教育"),
    ("希望降低校外培训机构的收费", "教育"),
]


@dataclass
class Block:
    """One fenced code block of the README."""

    lang: str
    code: str
    line: int
    skip: bool


def readme_blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order, with their first line number."""
    blocks = []
    for m in FENCE.finditer(text):
        before = text[: m.start()].rstrip().splitlines()
        skip = bool(before) and before[-1].strip() == SKIP_MARK
        line = text.count("\n", 0, m.start(2)) + 1
        blocks.append(Block(m.group(1).lower(), m.group(2), line, skip))
    return blocks


def cli_commands(block: Block) -> list[tuple[int, str]]:
    """The lines of a shell block that start with ``proposalnlp `` (a ``$ `` prompt is allowed; ``\\``
    continuations are joined), with their line numbers."""
    out: list[tuple[int, str]] = []
    lines = block.code.splitlines()
    i = 0
    while i < len(lines):
        start, line = i, lines[i].strip()
        while line.endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line[:-1] + " " + lines[i].strip()
        line = line.removeprefix("$ ").strip()
        if line.startswith("proposalnlp "):
            out.append((block.line + start, line))
        i += 1
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _argv(command: str) -> list[str]:
    """The words of a command without a trailing shell comment."""
    return shlex.split(command, comments=True)


def _write_inputs(argv: list[str], cwd: Path) -> None:
    """Create the input files a command names but no earlier example made (see the module docstring)."""
    from proposalnlp import example_text

    if "--batch" in argv:  # match --batch: proposal/reply pairs, one a row
        _write_pairs(argv, cwd)
        return
    text_col = argv[argv.index("--text-column") + 1] if "--text-column" in argv else "text"
    label_col = argv[argv.index("--label-column") + 1] if "--label-column" in argv else "label"
    outputs = {argv[k + 1] for k, a in enumerate(argv[:-1]) if a in ("-o", "--output", "--html")}
    for word in argv[1:]:
        path = cwd / word
        if word.startswith("-") or word in outputs or path.exists() or ".." in Path(word).parts:
            continue
        suffix = path.suffix.lower()
        if word.endswith("/"):  # a folder of documents (match FOLDER): the bundled example as its one page
            path.mkdir(parents=True, exist_ok=True)
            (path / "example.txt").write_text(example_text(), encoding="utf-8")
        elif suffix in (".csv", ".tsv"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, delimiter="\t" if suffix == ".tsv" else ",")
                w.writerow([text_col, label_col])
                w.writerows(_FIXTURE)
        elif suffix == ".jsonl":
            path.parent.mkdir(parents=True, exist_ok=True)
            rows = [json.dumps({text_col: t, label_col: lab}, ensure_ascii=False) for t, lab in _FIXTURE]
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        elif suffix == ".txt":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(example_text(), encoding="utf-8")


#: invented proposal/reply pairs for a ``match --batch`` example (the second suggestion of the first is ignored)
_PAIRS = [
    (
        "一、加强乡村教师培训。建议每年组织乡村教师到城区学校跟岗学习。二、改善乡村学校食堂条件。建议更新厨房设备。",
        "一、关于乡村教师培训。今年我局组织乡村教师到城区学校跟岗学习，共计三百二十人次。感谢您对教育工作的关心。",
    ),
    (
        "建议在城东新区增设一条公交线路，方便群众出行。",
        "您提出的建议收悉。我局已于今年五月开通城东新区至火车站的公交线路，日均客流两千余人次。",
    ),
]


def _write_pairs(argv: list[str], cwd: Path) -> None:
    """The batch file a ``match --batch`` example names, with the columns it asks for (invented pairs)."""
    path = cwd / argv[argv.index("--batch") + 1]
    if path.exists():
        return
    id_col = argv[argv.index("--id-column") + 1] if "--id-column" in argv else "id"
    p_col = argv[argv.index("--proposal-column") + 1] if "--proposal-column" in argv else "proposal"
    r_col = argv[argv.index("--reply-column") + 1] if "--reply-column" in argv else "reply"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        w.writerow([id_col, p_col, r_col])
        w.writerows((f"2024-{k:03d}", p, r) for k, (p, r) in enumerate(_PAIRS, start=1))


def _serve(command: str, env: dict[str, str], cwd: Path) -> None:
    """Start ``proposalnlp serve`` on a free port; it must answer GET /health within 60 s."""
    port = _free_port()
    argv = _argv(command)
    if "--port" in argv:
        argv[argv.index("--port") + 1] = str(port)
    else:
        argv += ["--port", str(port)]
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"`{command}` exited {proc.returncode}: {proc.stdout.read()[-1500:]}"  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"`{command}` did not answer /health within 60 s")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _run_python(block: Block, namespace: dict[str, Any]) -> None:
    if re.search(r"^\s*>>> ", block.code, re.M):  # doctest-style block: outputs are checked too
        test = doctest.DocTestParser().get_doctest(
            block.code, namespace, f"README.md:{block.line}", str(README), block.line - 1
        )
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out: list[str] = []
        runner.run(test, out=out.append, clear_globs=False)
        assert runner.failures == 0, f"README.md:{block.line}: doctest failed\n{''.join(out)[-3000:]}"
        return
    code = compile(block.code, f"README.md:{block.line}", "exec")
    exec(code, namespace)  # the example exactly as written; a failure names the README line


@pytest.fixture(scope="module")
def blocks() -> list[Block]:
    if not README.is_file():
        pytest.fail("README.md is missing")
    return readme_blocks(README.read_text(encoding="utf-8"))


def test_readme_has_python_examples(blocks: list[Block]) -> None:
    assert any(b.lang in ("python", "py", "pycon") and not b.skip for b in blocks), "README.md has no python example"


def test_readme_examples_run(
    blocks: list[Block],
    shared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "shared").symlink_to(shared, target_is_directory=True)  # ../shared as beside a checkout
    monkeypatch.chdir(work)
    monkeypatch.setenv("PROPOSALNLP_SHARED", str(shared))
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    ran = 0
    for block in blocks:
        if block.skip:
            continue
        if block.lang in ("python", "py", "pycon"):
            _run_python(block, namespace)
            ran += 1
        elif block.lang in ("bash", "sh", "shell", "console"):
            for line, command in cli_commands(block):
                argv = _argv(command)
                if argv[1:2] == ["serve"]:
                    _serve(command, env, work)
                    ran += 1
                    continue
                _write_inputs(argv, work)
                proc = subprocess.run(
                    ["bash", "-c", "set -o pipefail; " + command],
                    cwd=work,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert proc.returncode == 0, (
                    f"README.md:{line}: `{command}` exited {proc.returncode}\n{proc.stderr[-2000:]}"
                )
                ran += 1
    capsys.readouterr()  # the examples' own output is not the test's
    assert ran > 0
