"""Wrong-type arguments to the public API: None, bytes, an int or a list where a string is expected, a bare string
where a list is expected. Each must raise the project's error (an ``InputTypeError``/``InputValueError``, so a
``TypeError``/``ValueError``) whose message names the argument and what was given, never a built-in error from deep
inside (``re`` on None, ``pathlib`` on an int, a ``KeyError``). A value an argument documents accepting (bytes for a
text to parse, None for a default, a list of suggestions for ``match``) is left out of its row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import proposalnlp
from proposalnlp.errors import ProposalNLPError
from proposalnlp.themes.evidence import Evidence
from proposalnlp.themes.train import ThemeClassifier
from proposalnlp.tokenize import Tokenizer

TEXT = "建议设立乡村教师专项补贴，吸引高校毕业生到农村任教。"
TEXTS = [TEXT, "加强防灾减灾知识宣传，提高群众自救意识。", "设立科技成果转化基金。", "引进急需紧缺医疗人才。"]
LABELS = [["funding", "talent"], ["awareness"], ["funding", "innovation"], ["talent"]]

NONE, BYTES, INT, LIST, BARE = None, "加强".encode(), 7, ["加强基层医疗"], "加强基层医疗"
STR_BAD = (NONE, BYTES, INT, LIST)  # where one string is expected
LIST_BAD = (NONE, BYTES, INT, BARE)  # where a list of strings is expected


@pytest.fixture(scope="module")
def objects() -> dict[str, Any]:
    clf = ThemeClassifier(random_state=0).fit(TEXTS * 3, LABELS * 3)
    text = proposalnlp.example_text()
    return {
        "clf": clf,
        "doc": proposalnlp.parse(text),
        "alignment": proposalnlp.match(text),
        "evidence": Evidence({"funding": ["资金", "补贴"]}),
        "tokenizer": Tokenizer(),
    }


Call = Callable[[dict[str, Any], Any], object]

#: (name, argument, the call with the bad value in that argument's place, the values it must refuse)
CASES: list[tuple[str, str, Call, tuple[Any, ...]]] = [
    ("parse", "text", lambda o, v: proposalnlp.parse(v), (NONE, INT, LIST)),  # bytes: decoded
    ("read", "path", lambda o, v: proposalnlp.read(v), STR_BAD),
    ("classify", "text", lambda o, v: proposalnlp.classify(v), STR_BAD),
    ("classify", "kind", lambda o, v: proposalnlp.classify(TEXT, kind=v), (BYTES, INT, LIST)),
    ("classify", "model", lambda o, v: proposalnlp.classify(TEXT, model=v), (BYTES, INT, LIST)),
    ("classify_many", "texts", lambda o, v: proposalnlp.classify_many(v), LIST_BAD),
    ("classify_many", "kinds", lambda o, v: proposalnlp.classify_many([TEXT], kinds=v), (BYTES, INT, BARE)),
    ("classify_document", "text_or_document", lambda o, v: proposalnlp.classify_document(v), (NONE, INT, LIST)),
    ("load_model", "path", lambda o, v: proposalnlp.load_model(v), (BYTES, INT, LIST)),
    ("match", "proposal", lambda o, v: proposalnlp.match(v, TEXT), (NONE, INT)),  # a list: the suggestions
    ("match", "reply", lambda o, v: proposalnlp.match([TEXT], v), (NONE, INT)),
    ("match", "include_problems", lambda o, v: proposalnlp.match([TEXT], [TEXT], include_problems=v), STR_BAD),
    ("match", "top_k", lambda o, v: proposalnlp.match([TEXT], [TEXT], top_k=v), (NONE, BYTES, LIST)),
    ("match_many", "pairs", lambda o, v: proposalnlp.match_many(v), LIST_BAD),
    ("similarity", "queries", lambda o, v: proposalnlp.similarity(v, [TEXT]), LIST_BAD),
    ("similarity", "candidates", lambda o, v: proposalnlp.similarity([TEXT], v), LIST_BAD),
    ("Tokenizer.cut", "text", lambda o, v: o["tokenizer"].cut(v), STR_BAD),
    ("Tokenizer.tokenize", "text", lambda o, v: o["tokenizer"].tokenize(v), STR_BAD),
    ("Tokenizer.tokenize_many", "texts", lambda o, v: o["tokenizer"].tokenize_many(v), LIST_BAD),
    ("ThemeClassifier.fit", "X", lambda o, v: ThemeClassifier().fit(v, LABELS), LIST_BAD),
    ("ThemeClassifier.predict", "X", lambda o, v: o["clf"].predict(v), LIST_BAD),
    ("ThemeClassifier.predict_proba", "X", lambda o, v: o["clf"].predict_proba(v), LIST_BAD),
    ("ThemeClassifier.explain", "text", lambda o, v: o["clf"].explain(v), STR_BAD),
    ("ThemeClassifier.explain", "top", lambda o, v: o["clf"].explain(TEXT, top=v), (NONE, BYTES, LIST)),
    ("ThemeClassifier.explain", "labels", lambda o, v: o["clf"].explain(TEXT, labels=v), (BYTES, INT)),
    ("ThemeClassifier.save", "path", lambda o, v: o["clf"].save(v), STR_BAD),
    ("ThemeClassifier.load", "path", lambda o, v: ThemeClassifier.load(v), STR_BAD),
    ("ThemeModel.explain", "text", lambda o, v: proposalnlp.load_model().explain(v), STR_BAD),
    ("ThemeModel.explain", "kind", lambda o, v: proposalnlp.load_model().explain(TEXT, kind=v), (BYTES, INT, LIST)),
    ("ThemeModel.predict", "texts", lambda o, v: proposalnlp.load_model().predict(v), LIST_BAD),
    ("Evidence.holds", "text", lambda o, v: o["evidence"].holds(v, "funding"), STR_BAD),
    ("Evidence.holds", "label", lambda o, v: o["evidence"].holds(TEXT, v), STR_BAD),
    ("Document.unit", "unit_id", lambda o, v: o["doc"].unit(v), STR_BAD),
    ("Document.children", "unit_id", lambda o, v: o["doc"].children(v), STR_BAD),
    ("Alignment.report", "lang", lambda o, v: o["alignment"].report(lang=v), (BYTES, INT, LIST)),
    ("Alignment.report", "top", lambda o, v: o["alignment"].report(top=v), (BYTES, LIST)),
    ("Alignment.to_dict", "top", lambda o, v: o["alignment"].to_dict(top=v), (BYTES, LIST)),
]


def _shown(value: Any) -> str:
    return "list" if isinstance(value, list) else "str" if isinstance(value, str) else type(value).__name__


@pytest.mark.parametrize(
    ("call", "argument", "value"),
    [
        pytest.param(call, argument, value, id=f"{name}-{argument}-{_shown(value)}")
        for name, argument, call, values in CASES
        for value in values
    ],
)
def test_a_wrong_type_is_refused_naming_the_argument(
    objects: dict[str, Any], call: Call, argument: str, value: Any
) -> None:
    with pytest.raises(ProposalNLPError) as info:
        call(objects, value)
    err = info.value
    assert isinstance(err, (TypeError, ValueError))
    message = str(err)
    assert argument in message, message
    # what was given: its type's name, or the value itself
    assert type(value).__name__ in message or repr(value)[:12] in message, message


def test_the_sweep_covers_the_public_functions() -> None:
    # a public function added to proposalnlp.__all__ gets a row here (classes are swept by their methods)
    swept = {name.split(".")[0] for name, *_ in CASES}
    functions = {n for n in proposalnlp.__all__ if callable(getattr(proposalnlp, n)) and n[0].islower()}
    assert functions - swept <= {"example_text"}  # it takes no argument


def test_a_right_value_still_works(objects: dict[str, Any], tmp_path: Path) -> None:
    # the checks refuse only wrong types: the same calls with right values go through
    assert objects["evidence"].holds("设立专项补贴", "funding") and not objects["evidence"].holds("加强宣传", "funding")
    assert list(objects["tokenizer"].tokenize_many(t for t in [TEXT]))  # any iterable, lazily
    assert objects["clf"].explain(TEXT, top=2, labels=("funding",))["funding"]
    unit = objects["doc"].units[0]
    assert objects["doc"].unit(unit.id) is unit
    assert objects["alignment"].to_dict(top=1)["suggestions"]
    assert list(ThemeClassifier.load(objects["clf"].save(tmp_path / "m")).classes_) == list(objects["clf"].classes_)
