"""The message catalogue: every key in both languages with the same placeholders, and errors shown in the
reader's language (English stays ``str(error)``; Chinese from the error's catalogue key, its errno, or its class)."""

from __future__ import annotations

import errno
import pickle
import string

import pytest

from proposalnlp.errors import EmptyInputError, InputValueError, ModelError, ProposalNLPError, UnsafeModelError
from proposalnlp.messages import LANGS, error, error_text, keys, text


def fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    assert len(keys()) > 200
    for key in keys():
        values = {lang: text(key, lang) for lang in LANGS}
        assert all(v.strip() for v in values.values()), f"{key} is empty in some language"
        assert fields(values["zh"]) == fields(values["en"]), f"{key}: placeholders differ between zh and en"
        assert values["zh"] != values["en"] or not any("\u4e00" <= ch <= "\u9fff" for ch in values["zh"]), key


def test_an_error_made_from_the_catalogue_is_english_and_keyed() -> None:
    exc = error(InputValueError, "err.no_such_file", path="a.txt")
    assert isinstance(exc, InputValueError) and isinstance(exc, ValueError)
    assert str(exc) == "a.txt: no such file" and exc.key == "err.no_such_file"
    assert error_text(exc, "en") == str(exc) and error_text(exc, "zh") == "a.txt：文件不存在"
    copy = pickle.loads(pickle.dumps(exc))  # keys survive the process pool
    assert copy.key == exc.key and dict(copy.params) == {"path": "a.txt"}


def test_an_error_inside_an_error_is_rendered_in_the_same_language() -> None:
    inner = EmptyInputError("the text is empty or holds only whitespace").keyed("err.empty_text")
    outer = error(InputValueError, "err.in_file", path="b.txt", error=inner)
    assert str(outer) == "b.txt: the text is empty or holds only whitespace"
    assert error_text(outer, "zh") == "b.txt：文本为空或只有空白"


def test_errors_without_a_key() -> None:
    assert ProposalNLPError("x").key is None and dict(ProposalNLPError("x").params) == {}
    assert error_text(InputValueError("plain English"), "zh") == "plain English"  # the fallback
    assert (
        error_text(UnsafeModelError("m.pkl is a pickle"), "zh") == "模型被拒绝（加载它可能执行代码）：m.pkl is a pickle"
    )
    assert error_text(ModelError("labels differ"), "zh") == "无法使用该模型：labels differ"
    assert error_text(EmptyInputError("texts[2] is empty"), "zh") == "输入为空：texts[2] is empty"
    wrong = InputValueError("boom").keyed("err.no_such_file")  # a key without its placeholders: English kept
    assert error_text(wrong, "zh") == "boom"


@pytest.mark.parametrize(
    "exc, zh",
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "out/r.html"), "找不到文件或文件夹：out/r.html"),
        (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "没有权限访问：/root/x"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "docs"), "docs 是文件夹，不是文件"),
        (OSError(errno.EIO, "Input/output error"), "系统错误：[Errno 5] Input/output error"),
    ],
)
def test_os_errors_are_told_from_their_errno(exc: OSError, zh: str) -> None:
    assert error_text(exc, "zh") == zh
    assert error_text(exc, "en") == str(exc)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(InputValueError, match="unknown language"):
        error_text(InputValueError("x"), "fr")
