"""The command line speaks Chinese unless asked for English (issue 16): help for every option, argparse's own
words (usage, section titles, -h, its error lines), the commands' usage errors and the errors users meet.

The help walks the parsers' actions, so a new option without a translation fails here.
"""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from proposalnlp.cli import build_parser, main
from proposalnlp.cli._help import argparse_message, display_width, prescan_lang, wrap
from proposalnlp.messages import LANGS, has

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
RST = ("``", ":class:", ":func:", ":data:", ":meth:", ":mod:", ":attr:", "\n----", "\n====")
SRC = Path(__file__).resolve().parents[1] / "src" / "proposalnlp"


@pytest.fixture(autouse=True)
def _no_lang_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROPOSALNLP_LANG", raising=False)


def parsers(lang: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(name, parser) of the top-level parser and of every subcommand, built in ``lang``."""
    top = build_parser(lang)
    yield "proposalnlp", top
    sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        yield f"proposalnlp {name}", parser


def helps(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str | None]]:
    """(option, help) of every argument of ``parser``, subcommand entries included."""
    for action in parser._actions:
        name = "/".join(action.option_strings) or str(action.dest)
        yield name, action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield f"{name} {choice.dest}", choice.help


def test_every_option_has_help_in_both_languages() -> None:
    commands = {name for name, _ in parsers("zh")}
    assert {"proposalnlp parse", "proposalnlp classify", "proposalnlp match", "proposalnlp train"} <= commands
    assert {"proposalnlp evaluate", "proposalnlp serve"} <= commands
    for lang in LANGS:
        seen = 0
        for command, parser in parsers(lang):
            for option, text in helps(parser):
                where = f"`{command}` {option} ({lang})"
                assert text and text.strip(), f"{where} has no help"
                if lang == "zh":
                    assert CJK.search(text), f"{where} help is not Chinese: {text!r}"
                else:
                    assert not CJK.search(text), f"{where} help is not English: {text!r}"
                for markup in RST:
                    assert markup not in text, f"{where} help shows reStructuredText {markup!r}"
                seen += 1
            assert parser.description and parser.description.strip(), f"`{command}` has no description"
            if lang == "zh":
                assert CJK.search(parser.description), f"`{command}` description is not Chinese"
            for markup in RST:
                assert markup not in parser.description, f"`{command}` description shows {markup!r}"
            page = parser.format_help()  # also checks that every help survives argparse's % expansion
            for markup in RST:
                assert markup not in page
        assert seen > 60


def test_help_page_in_chinese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：proposalnlp")
    assert "选项：" in out and "显示帮助并退出" in out and "显示版本号并退出" in out
    assert "usage:" not in out and "options:" not in out and "show this help" not in out
    for argv in (["match", "--help"], ["match", "--help", "--lang", "en"], ["--lang=en", "match", "-h"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        out = capsys.readouterr().out
        if "en" in " ".join(argv):
            assert out.startswith("usage: proposalnlp match") and "positional arguments:" in out
            assert not CJK.search(out.replace("中文", ""))
        else:
            assert out.startswith("用法：proposalnlp match") and "位置参数：" in out and "选项：" in out
            assert "最高得分达到此值" in out  # --answered's help


def test_environment_sets_the_language(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PROPOSALNLP_LANG", "en")
    with pytest.raises(SystemExit):
        main(["parse", "--help"])
    assert capsys.readouterr().out.startswith("usage: ")
    with pytest.raises(SystemExit):
        main(["parse", "--help", "--lang", "zh"])  # the option wins over the environment
    assert capsys.readouterr().out.startswith("用法：")
    monkeypatch.setenv("PROPOSALNLP_LANG", "en_US.UTF-8")  # a locale name is understood
    assert prescan_lang([]) == "en"


@pytest.mark.parametrize("how", ["option", "equals", "environment"])
def test_an_unknown_language_is_a_usage_error_in_both_languages(
    how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["match", "--example"]
    if how == "option":
        argv += ["--lang", "fr"]
    elif how == "equals":
        argv += ["--lang=fr"]
    else:
        monkeypatch.setenv("PROPOSALNLP_LANG", "fr")
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "'fr'" in err and "未知的语言" in err and "unknown language" in err
    assert ("PROPOSALNLP_LANG" in err) == (how == "environment") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv, zh, en",
    [
        (["parse", "--bogus"], "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
        (["train", "data.csv"], "缺少必需的参数：-o/--output", "the following arguments are required: -o/--output"),
        (["classify", "--format", "xls", "x"], "参数 --format：无效的值 'xls'", "argument --format: invalid choice"),
        (["match", "--html"], "参数 --html：需要一个值", "argument --html: expected one argument"),
        (["match", "--top", "x"], "参数 --top：应为整数，实际为 'x'", "argument --top: expected a whole number"),
        (["match", "--answered", "2"], "必须在 0 到 1 之间", "must be from 0 to 1, got 2"),
        (["serve", "--port", "70000"], "必须在 0 到 65535 之间", "must be between 0 and 65535"),
        (["serve", "--allowed-hosts", ","], "请至少给出一个主机名", "give at least one host name"),
        (["classify", "--n-jobs", "two", "x"], "参数 --n-jobs：应为整数，实际为 'two'", "expected a whole number"),
        (["classify", "--n-jobs", "0", "x"], "参数 --n-jobs：不能为 0", "argument --n-jobs: cannot be 0"),
        (["no-such-command"], "参数 COMMAND：无效的值 'no-such-command'", "invalid choice: 'no-such-command'"),
    ],
)
def test_argparse_errors_in_chinese(argv: list[str], zh: str, en: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    top = argv[0] == "no-such-command" or "--bogus" in argv  # reported by the top-level parser
    prog = "proposalnlp" if top else f"proposalnlp {argv[0]}"
    assert err.startswith("用法：") and f"\n{prog}：错误：" in err and zh in err, err
    assert "usage:" not in err and "error:" not in err
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--lang", "en"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ") and f"\n{prog}: error: " in err and en in err and not CJK.search(err), err


@pytest.mark.parametrize(
    "argv, zh",
    [
        (["match"], "请给出一个文档 FILE，或 --proposal A --reply B，或 --example"),
        (["classify"], "TEXT、-（标准输入）和 --file F 三者请只给一个"),
        (["parse"], "请给出文件 FILE"),
        (["match", "--example", "--partly", "0.99", "--no-themes"], "不能大于“已答复”阈值"),
        (["train", "data.csv", "-o", "out", "--param", "C"], "--param 的格式应为 name=value"),
        (["train", "data.csv", "-o", "out", "--param", "nope=1"], "未知的 --param nope；可用：C, "),
    ],
)
def test_command_usage_errors_in_chinese(
    argv: list[str], zh: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.csv"
    data.write_text("text,label\n加大财政投入,funding\n引进高层次人才,talent\n", encoding="utf-8")
    argv = [str(data) if a == "data.csv" else str(tmp_path / a) if a == "out" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"proposalnlp {argv[0]}：错误：") and zh in err, err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_file_is_named_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "没有这个文件.txt"
    for argv in (["parse", str(missing)], ["match", str(missing)], ["classify", "--file", str(missing)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err == f"proposalnlp {argv[0]}：错误：{missing}：文件不存在\n"
    assert main(["parse", str(missing), "--lang", "en"]) == 1
    assert capsys.readouterr().err == f"proposalnlp parse: error: {missing}: no such file\n"
    assert main(["parse", str(tmp_path)]) == 1  # a folder is read for its documents: this one holds none
    assert "文件夹中没有可读取的文档" in capsys.readouterr().err
    out = tmp_path / "no-such-folder" / "report.html"  # an OSError from writing, told from its errno
    assert main(["match", "--example", "--no-themes", "--html", str(out)]) == 1
    assert capsys.readouterr().err.endswith(f"：错误：找不到文件或文件夹：{out}\n")


def test_errors_users_meet_are_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def err_of(*argv: str) -> str:
        assert main(list(argv)) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        return err

    doc = tmp_path / "doc.txt"
    doc.write_text("具体建议：\n1、加快建设乡村道路。\n2、加大财政资金支持。\n", encoding="utf-8")
    assert "文档中没有找到答复部分" in err_of("match", str(doc))  # a proposal without a reply
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\u3000\n", encoding="utf-8")
    assert f"{blank}：文件为空或只有空白" in err_of("parse", str(blank))
    assert f"{blank}：文件为空或只有空白" in err_of("match", "--proposal", str(doc), "--reply", str(blank))
    assert "文本为空或只有空白" in err_of("classify", " \u3000 ")
    big = tmp_path / "big.txt"
    big.write_text("加强人才培养。" * 100, encoding="utf-8")
    assert f"{big}：文件大小 2100 B 超过上限 1000 B；请调大 --max-bytes" in err_of(
        "parse", str(big), "--max-bytes", "1000"
    )
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    assert "不是 UTF-8、GB18030 或 UTF-16" in err_of("parse", str(binary))
    assert f"找不到模型文件夹 '{tmp_path / 'm'}'" in err_of("classify", "--model", str(tmp_path / "m"), "加大财政投入")
    assert "不是 proposalnlp 模型：其中没有 manifest.json" in err_of("classify", "--model", str(tmp_path), "加大投入")
    table = tmp_path / "rows.csv"
    table.write_text("id,body\n1,加大财政投入\n", encoding="utf-8")
    assert f"{table}：没有 'text' 列" in err_of("classify", "--file", str(table))
    assert "没有 'label' 列" in err_of("train", str(table), "--text-column", "body", "-o", str(tmp_path / "out"))


def test_every_key_the_code_raises_is_in_the_catalogue() -> None:
    """Keys given to messages.error(...) / .keyed(...) / text(...) anywhere in the package exist (a typo in a
    key would otherwise surface only when that error is raised)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "keyed" and args:
                found.add(args[0].value)
            elif name == "error" and len(node.args) >= 2 and node.args[1] in args:
                found.add(args[0].value)
    missing = sorted(k for k in found if not has(k))
    assert len(found) >= 25 and not missing, missing


def test_argparse_templates_are_translated_and_unknown_ones_kept() -> None:
    cases = {
        "the following arguments are required: data, -o/--output": "缺少必需的参数：data, -o/--output",
        "unrecognized arguments: --x y": "无法识别的参数：--x y",
        "argument --f: invalid choice: 'x' (choose from 'a', 'b')": "参数 --f：无效的值 'x'（可选：'a', 'b'）",
        "argument --top: expected one argument": "参数 --top：需要一个值",
        "argument --n-jobs: invalid int value: 'a'": "参数 --n-jobs：无效的 int 值：'a'",
        "argument --a: not allowed with argument --b": "参数 --a：不能与参数 --b 同时使用",
        "one of the arguments --a --b is required": "必须给出参数 --a --b 之一",
        "ambiguous option: --p could match --partly, --problems": "选项 --p 有歧义，可能是 --partly, --problems",
        "argument --a: expected at most one argument": "参数 --a：最多只能有一个值",
        "some message of another Python": "some message of another Python",
    }
    for english, chinese in cases.items():
        assert argparse_message(english, "zh") == chinese
        assert argparse_message(english, "en") == english


def test_wrap_counts_wide_characters_and_keeps_words() -> None:
    text = "最高得分达到此值、但未达到 --answered 的建议算作部分答复（默认：模型的阈值），" * 3
    for width in (20, 33, 54):
        lines = wrap(text, width)
        assert all(display_width(line) <= width for line in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all("--answered" in line for line in lines if "--ans" in line)  # an option is never split
        assert not any(line[0] in "，。、；：）" for line in lines)  # no line starts with closing punctuation


def test_usage_continuation_lines_line_up_under_the_chinese_prefix() -> None:
    parser = dict(parsers("zh"))["proposalnlp match"]
    lines = parser.format_usage().splitlines()
    assert lines[0].startswith("用法：proposalnlp match [-h]") and len(lines) > 1
    first = display_width(lines[0][: lines[0].index("[-h]")])
    assert all(len(line) - len(line.lstrip(" ")) == first for line in lines[1:])


def test_bad_row_counts_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "rows.jsonl"
    table.write_text('{"text": "加大财政投入"}\n{"text": null}\n{"text": "引进人才"}\n', encoding="utf-8")
    assert main(["classify", "--file", str(table), "--on-error", "skip"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("proposalnlp classify：3 行中有 1 行有错误，已跳过（第一个错误：") and "第 2 行" in err
    assert main(["classify", "--file", str(table), "--on-error", "report", "--lang", "en"]) == 1
    assert "1 of 3 rows were bad and reported in the output" in capsys.readouterr().err
    assert main(["classify", "--file", str(table)]) == 1  # --on-error fail: the row, then the hint in Chinese
    assert "（用 --on-error skip 或 report 可继续处理其余各行）" in capsys.readouterr().err
