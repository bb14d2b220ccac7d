"""The command line in the reader's language: an argparse parser whose help, usage line and error line come
from the message catalogue (Chinese unless ``--lang en`` or $PROPOSALNLP_LANG says otherwise).

The language is known before any parser is built (:func:`prescan_lang` reads ``--lang`` anywhere in argv),
so ``proposalnlp match --help --lang en`` prints English help. argparse's own words are replaced without
touching the argparse module: :class:`Parser` sets its section titles and its own ``-h``, :class:`Formatter`
gives the usage prefix and wraps Chinese by display width, and :meth:`Parser.error` renders argparse's
error messages (Python's English templates) through the catalogue.
"""

from __future__ import annotations

import argparse
import contextvars
import functools
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, cast

from .._text import display_width
from ..messages import DEFAULT_LANG, LANGS, text

__all__ = [
    "ENV_LANG",
    "Formatter",
    "LangError",
    "Parser",
    "argparse_message",
    "current_lang",
    "display_width",
    "lang_from_env",
    "prescan_lang",
    "wrap",
]

#: The environment variable that sets the default language.
ENV_LANG = "PROPOSALNLP_LANG"

#: The language of the parser now parsing (argparse types word their errors in it); English outside parsing.
_PARSING_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("proposalnlp_cli_lang", default="en")


def current_lang() -> str:
    """The language of the command line being parsed (``"en"`` when no parser is running)."""
    return _PARSING_LANG.get()


class LangError(Exception):
    """``--lang`` or $PROPOSALNLP_LANG names a language the catalogue does not hold."""

    def __init__(self, value: str, source: str) -> None:
        super().__init__(text("cli.bad_lang", "en", lang=value, source=source))
        self.value = value
        self.source = source


def _normal(value: str) -> str:
    """``zh_CN.UTF-8`` -> ``zh``, ``EN`` -> ``en``: the language part of a locale-like name."""
    return re.split(r"[-_.@]", value.strip(), maxsplit=1)[0].lower()


def lang_from_env() -> str:
    """$PROPOSALNLP_LANG (``zh``, ``en``, or a locale such as ``en_US.UTF-8``), else Chinese; an unknown
    language raises :class:`LangError`."""
    raw = os.environ.get(ENV_LANG, "")
    if not raw.strip():
        return DEFAULT_LANG
    lang = _normal(raw)
    if lang not in LANGS:
        raise LangError(raw, "$" + ENV_LANG)
    return lang


def prescan_lang(argv: Sequence[str]) -> str:
    """The language asked for by ``--lang X`` or ``--lang=X`` anywhere in ``argv`` (the last one wins, up to a
    ``--``), else by $PROPOSALNLP_LANG, else Chinese. An unknown language raises :class:`LangError`."""
    found: str | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang":
            if i + 1 >= len(args):
                break  # argparse says "expected one argument"
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    if found is None:
        return lang_from_env()
    if found not in LANGS:
        raise LangError(found, "--lang")
    return found


#: Punctuation that must not start a line (it stays with the character before it).
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)]}")


def _pieces(s: str) -> list[str]:
    """``s`` cut where a line may break: at spaces, and between wide characters; an ASCII word stays whole."""
    pieces: list[str] = []
    for token in re.findall(r" +|[^ ]", s):
        if token.startswith(" "):
            pieces.append(" ")
        elif (
            pieces
            and pieces[-1] != " "
            and (
                token in _NO_LINE_START
                or (display_width(token) == 1 and display_width(pieces[-1][-1]) == 1)
                or (display_width(token) == 2 and pieces[-1][-1] in "“‘（《「『([")
            )
        ):
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def wrap(s: str, width: int) -> list[str]:
    """``s`` (one paragraph) wrapped to ``width`` terminal columns; breaks between Chinese characters and at
    spaces, never inside an ASCII word (a word longer than a line gets a line of its own)."""
    width = max(width, 10)
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(s.split())):
        if piece == " ":
            if line:
                line += " "
            continue
        if line and display_width(line.rstrip()) + display_width(piece) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Formatter(argparse.HelpFormatter):
    """argparse's help layout in ``lang``: the catalogue's usage prefix, text wrapped by display width, and the
    description kept line by line when ``raw_description`` (a description with its own layout)."""

    def __init__(self, prog: str, lang: str = DEFAULT_LANG, raw_description: bool = False, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.lang = lang
        self.raw_description = raw_description

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, text("cli.usage_prefix", self.lang) if prefix is None else prefix)

    def format_help(self) -> str:
        """argparse's layout, then two fixes for wide characters: the usage line's continuation lines moved
        right by what the prefix (用法：) takes beyond its length, and section titles ending in a full-width colon."""
        out = super().format_help()
        prefix = text("cli.usage_prefix", self.lang)
        extra = display_width(prefix) - len(prefix)
        lines = out.split("\n")
        if extra and lines and lines[0].startswith(prefix):
            for i in range(1, len(lines)):
                if not lines[i].startswith(" "):
                    break
                lines[i] = " " * extra + lines[i]
        if self.lang != "en":
            titles = {text(key, self.lang) + ":" for key in ("cli.positionals", "cli.optionals")}
            lines = [line[:-1] + "：" if line.strip() in titles else line for line in lines]
        return "\n".join(lines)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if self.raw_description:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return "\n".join(indent + line for line in wrap(text, width))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks ``lang``: section titles, ``-h``, usage and error line from the catalogue.

    A ``formatter_class`` that is (a subclass of) argparse's RawDescriptionHelpFormatter keeps the
    description's own line breaks; subparsers are Parsers in the same language.
    """

    def __init__(self, *args: Any, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        given = kwargs.pop("formatter_class", argparse.HelpFormatter)
        raw = isinstance(given, type) and issubclass(given, argparse.RawDescriptionHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        formatter = functools.partial(Formatter, lang=lang, raw_description=raw)
        kwargs["formatter_class"] = cast(Any, formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = text("cli.positionals", lang)
        self._optionals.title = text("cli.optionals", lang)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=text("cli.arg.help", lang))

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Subparsers whose parsers speak this parser's language."""
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """argparse's parse, with this parser's language known to the argument types while it runs."""
        token = _PARSING_LANG.set(self.lang)
        try:
            return super().parse_known_args(args, namespace)
        finally:
            _PARSING_LANG.reset(token)

    def error(self, message: str) -> NoReturn:
        """The usage line, then ``PROG: error: MESSAGE`` (``PROG：错误：…`` in Chinese); exits 2."""
        self.print_usage(sys.stderr)
        line = text("cli.error_line", self.lang, prog=self.prog, message=argparse_message(message, self.lang))
        self.exit(2, line + "\n")


#: argparse's error templates (Python 3.10-3.13) and their catalogue keys; the first match wins.
_ARGPARSE_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<args>.+)", "argparse.required"),
        (r"unrecognized arguments: (?P<args>.*)", "argparse.unrecognized"),
        (
            r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)",
            "argparse.invalid_choice",
        ),
        (r"argument (?P<arg>.+?): expected one argument", "argparse.expected_one"),
        (r"argument (?P<arg>.+?): expected at most one argument", "argparse.expected_at_most_one"),
        (r"argument (?P<arg>.+?): expected at least one argument", "argparse.expected_at_least_one"),
        (r"argument (?P<arg>.+?): expected (?P<n>\d+) arguments?", "argparse.expected_n"),
        (r"argument (?P<arg>.+?): invalid (?P<type>\S+) value: (?P<value>.+)", "argparse.invalid_type"),
        (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)", "argparse.not_allowed"),
        (r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)", "argparse.ignored_explicit"),
        (r"one of the arguments (?P<args>.+) is required", "argparse.one_required"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "argparse.ambiguous"),
        (r"argument (?P<arg>.+?): (?P<message>.+)", "argparse.argument"),
    )
)


def argparse_message(message: str, lang: str) -> str:
    """An argparse error message in ``lang``: its known templates through the catalogue; an unknown one
    (another Python's wording) as it is."""
    if lang == "en":
        return message
    for pattern, key in _ARGPARSE_TEMPLATES:
        found = pattern.fullmatch(message)
        if found:
            return text(key, lang, **found.groupdict())
    return message
