"""Review of the eighteenth session's merged changes: the edges its own tests left open. Texts are hand-written,
not taken from any real document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import proposalnlp
from proposalnlp.errors import InputValueError


@pytest.mark.parametrize(
    "text",
    [
        "我局已在门户网站公布申报指南，详见http://www.example.gov.cn/zwgk/zn/index.html",
        "建议设立青年人才驿站，具体方案见附件人才驿站建设方案.docx",
        "请于月底前报送申报材料。模板见附件申报表.pdf",
        "办事流程已在网上公开：www.example.gov.cn/bszn.htm",
    ],
)
def test_a_one_line_text_that_ends_naming_a_file_or_a_page_is_read_as_text(text: str) -> None:
    """A sentence may end with an attachment's or a page's name: it is a text, not a file name given by mistake."""
    doc = proposalnlp.parse(text)
    assert doc.units and doc.text == text


@pytest.mark.parametrize(
    "name", ["关于加强青年人才引进的提案.docx", "提案 答复 2024.PDF", r"D:\提案\第12号.wps", "/home/wang/答复函.txt"]
)
def test_a_file_name_or_path_is_still_told_to_be_read(name: str) -> None:
    with pytest.raises(InputValueError, match=r"proposalnlp\.read\(path\)") as caught:
        proposalnlp.parse(name)
    assert caught.value.key == "err.text_is_path"


def _from_dicts() -> list[tuple[str, Any]]:
    from proposalnlp.document import Unit
    from proposalnlp.matching.results import Alignment, SuggestionMatch
    from proposalnlp.themes.api import DocumentThemes, ThemePrediction, UnitThemes

    return [
        ("Unit", Unit.from_dict),
        ("ThemePrediction", ThemePrediction.from_dict),
        ("UnitThemes", UnitThemes.from_dict),
        ("DocumentThemes", DocumentThemes.from_dict),
        ("SuggestionMatch", lambda d: SuggestionMatch.from_dict(d, {})),
        ("Alignment", Alignment.from_dict),
    ]


@pytest.mark.parametrize("name", ["Unit", "ThemePrediction", "UnitThemes", "DocumentThemes", "SuggestionMatch"])
def test_every_from_dict_names_the_keys_a_dict_lacks(name: str) -> None:
    """A dict missing a key (another tool's JSON, a hand-edited file) is the library's InputValueError naming the
    keys and the to_dict they come from, never a bare KeyError('themes'); a non-dict is an InputTypeError."""
    from proposalnlp.errors import InputTypeError

    read = dict(_from_dicts())[name]
    with pytest.raises(InputValueError, match=rf"lacks \[.*\].*{name}\.to_dict"):
        read({"file": "提案.docx"})
    with pytest.raises(InputTypeError, match=rf"{name}\.to_dict"):
        read(["themes"])


def test_an_alignment_dict_with_a_broken_suggestion_names_what_it_lacks() -> None:
    from proposalnlp.matching.results import Alignment

    with pytest.raises(InputValueError, match=r"lacks \['suggestion', 'verdict'\]"):
        Alignment.from_dict({"suggestions": [{"ranked": []}], "reply_units": []})


@pytest.mark.parametrize("pin", [123, b"ab" * 32, ["ab" * 32]])
def test_a_pinned_hash_of_the_wrong_type_is_a_type_error_naming_it(pin: Any, tmp_path: Path) -> None:
    from proposalnlp import ThemeClassifier
    from proposalnlp.errors import InputTypeError

    texts = ["设立人才引进专项资金", "加强防诈骗宣传", "建设科技创新平台", "调整公交站点"] * 3
    labels = [["talent", "funding"], ["awareness"], ["innovation"], []] * 3
    folder = ThemeClassifier(cv=2).fit(texts, labels).save(tmp_path / "m")
    with pytest.raises(InputTypeError, match="expected_manifest_sha256"):
        ThemeClassifier.load(folder, expected_manifest_sha256=pin)


@pytest.mark.parametrize("bad", [{"answered": "0.7"}, {"partly": "0.3"}, {"answered": [0.7]}])
def test_match_thresholds_as_a_dict_of_text_is_refused_naming_the_key(bad: dict[str, Any]) -> None:
    """A dict read from a hand-edited JSON file may carry "0.7": the library's error naming it, not Python's
    "'>' not supported between instances of 'float' and 'str'"."""
    with pytest.raises(InputValueError, match=rf"{next(iter(bad))} must be a probability"):
        proposalnlp.match(["设立人才引进专项资金"], ["市财政已设立人才引进专项资金。"], thresholds=bad)


def test_a_path_given_for_one_text_or_a_batch_item_says_how_to_read_it() -> None:
    """parse(), match() and classify_document() added the advice to their type error for a Path; classify() and
    classify_many(), the calls a notebook user tries first, did not."""
    from proposalnlp.errors import InputTypeError

    name = Path("提案.docx")
    for call in (lambda: proposalnlp.classify(name), lambda: proposalnlp.classify_many([name])):
        with pytest.raises(InputTypeError, match=r"PosixPath|WindowsPath") as caught:
            call()
        assert "proposalnlp.read(path)" in str(caught.value)
    with pytest.raises(InputTypeError) as caught:  # no advice where no path was given
        proposalnlp.classify(7)  # type: ignore[arg-type]
    assert "read(path)" not in str(caught.value)


def test_score_reads_a_label_matrix_only_by_names_the_model_was_given() -> None:
    """evaluate() never guesses a matrix's columns from a model's sorted labels; score() did, for a model fitted on
    label lists, and gave a figure for columns in another order. It now asks for the names, as evaluate does."""
    from sklearn.preprocessing import MultiLabelBinarizer
    from tests.test_user_day_10 import LISTS, TEXTS, THEMES

    from proposalnlp import ThemeClassifier

    assert THEMES != sorted(THEMES)  # the columns are not in the order of the model's sorted labels
    matrix = MultiLabelBinarizer(classes=THEMES).fit_transform(LISTS)
    by_lists = ThemeClassifier(cv=3).fit(TEXTS, LISTS)
    with pytest.raises(TypeError, match=r"classes="):
        by_lists.score(TEXTS, matrix)
    by_matrix = ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, matrix)
    assert by_matrix.score(TEXTS, matrix) == by_matrix.score(TEXTS, LISTS) > 0.5


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from tests.cli_helpers import service_client

    yield from service_client()


def test_a_file_name_sent_to_the_service_or_pasted_in_the_page_is_told_what_to_do_there(client: Any) -> None:
    """The service and the web page said "read the file with proposalnlp.read(path)", a Python call their users
    cannot make: the service asks for the document's text, the page to paste it or upload the file."""
    name = "关于加强青年人才引进的提案.docx"
    for lang, word in (("zh", "文字"), ("en", "text")):
        r = client.post(f"/parse?lang={lang}", json={"text": name})
        assert r.status_code == 422 and r.json()["key"] == "err.text_is_path"
        assert "proposalnlp.read" not in r.json()["message"] and word in r.json()["message"]
        page = client.post("/check", data={"lang": lang, "proposal_text": name}, follow_redirects=False)
        assert page.status_code == 422 and "proposalnlp.read" not in page.text
        assert ("像是文件名" if lang == "zh" else "looks like a file name") in page.text


def test_a_search_fitted_without_refit_says_it_holds_no_model() -> None:
    """classify(model=GridSearchCV(...)) takes the search's best estimator; one fitted with refit=False has none, and
    was told it is none of the accepted types ('got GridSearchCV') although a search is one of them."""
    from sklearn.model_selection import GridSearchCV
    from tests.test_user_day_10 import LISTS, TEXTS

    from proposalnlp import ThemeClassifier
    from proposalnlp.errors import InputTypeError

    single = [labs[0] if labs else "none" for labs in LISTS]
    search = GridSearchCV(ThemeClassifier(cv=2), {"C": [1.0]}, cv=2, refit=False).fit(TEXTS, single)
    with pytest.raises(InputTypeError, match=r"refit=True"):
        proposalnlp.classify("设立人才引进专项资金", model=search)
