"""A theme needs its evidence (issue 13): a predicted theme is kept only if the text holds one of its theme's
words. The word lists, the runtime (``labels_from`` and every path built on it: classify, classify_many,
classify_document, explain), the model folder's optional ``evidence`` field (old folders load and behave as
before) and its validation.

Every text here is hand-written in the style of proposals and replies (not taken from any real document).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import proposalnlp.themes.api as themes
from proposalnlp.errors import InputValueError, ModelError, ModelFormatError
from proposalnlp.features import Featurizer
from proposalnlp.themes import THEMES
from proposalnlp.themes.evidence import THEME_WORDS, Evidence
from proposalnlp.themes.folder import load_model, save_model
from proposalnlp.themes.model import ThemeModel
from proposalnlp.themes.train import ThemeClassifier

LABELS = ["awareness", "funding", "innovation", "talent"]
WORDS = Evidence(THEME_WORDS)

TEXTS = [
    "建议加大高层次人才引进力度，为领军人才提供住房保障",
    "设立中小企业转型升级专项资金，对技改项目给予贴息",
    "推动企业实施智能化改造，建设数字化车间和智能工厂",
    "加强政策宣传解读，让企业知晓并用好扶持政策",
    "成立工作领导小组，定期召开联席会议",
]
THEMES_OF = [["talent"], ["funding"], ["innovation"], ["awareness"], []]

NO_MONEY = "建议对沿街小商户给予政策扶持，简化审批流程，优化营商环境。"  # support, but no money named
MONEY = "建议市财政设立农村养老服务专项资金，对运营困难的互助点给予补助。"


@pytest.fixture(scope="module")
def featurizer() -> Featurizer:
    return ThemeClassifier(min_df=1, cv=2).fit(TEXTS * 2, THEMES_OF * 2).model_.featurizer


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def constant_model(featurizer: Featurizer, proba: list[float], evidence: Evidence | None = WORDS) -> ThemeModel:
    """A model whose every text gets probabilities ``proba`` (zero weights, intercepts at their logits, identity
    calibration) and thresholds 0.5, so the rule's effect is exact."""
    return ThemeModel(
        featurizer,
        LABELS,
        np.zeros((featurizer.n_features, len(LABELS))),
        np.array([_logit(p) for p in proba]),
        -np.ones(len(LABELS)),
        np.zeros(len(LABELS)),
        [0.5] * len(LABELS),
        evidence=evidence,
    )


# -- the word lists -----------------------------------------------------------------------------------------
def test_every_theme_of_the_default_model_has_its_words() -> None:
    assert set(THEME_WORDS) == set(THEMES)
    assert all(THEME_WORDS[t] for t in THEMES)


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("funding", "受资金缺口影响，该项目待明年预算安排后再行启动。"),  # money as the reason for a delay
        ("funding", "支持符合条件的科技企业在创业板上市。"),  # capital markets
        ("funding", "将居家上门护理纳入长期护理保险报销范围。"),  # insurance reimbursement
        ("innovation", "加快建设新材料产业集群，壮大生物医药产业。"),  # an emerging industry, no R&D word
        ("innovation", "推动全区养老机构接入智慧养老平台。"),  # a digital system adopted by care homes
        ("talent", "完善乡村教师考核办法，定期开展护理员岗前轮训。"),  # named professions without 人才
        ("awareness", "部分群众环保意识淡薄，需加强科普宣传。"),  # mindsets of the public, publicity
    ],
)
def test_the_categories_without_their_typical_word_hold_their_evidence(theme: str, text: str) -> None:
    assert WORDS.holds(text, theme)


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("funding", NO_MONEY),
        ("innovation", "请县里协调更换村卫生室老旧的诊疗床和候诊椅。"),  # equipment, no technology
        ("talent", "建议将农贸市场改造纳入城市更新计划。"),  # no people, no skills
        ("awareness", "建议统一全市公交站牌的样式和编号。"),  # no minds, no publicity
    ],
)
def test_a_text_without_its_themes_words_does_not_hold_the_evidence(theme: str, text: str) -> None:
    assert not WORDS.holds(text, theme)


# -- the runtime ----------------------------------------------------------------------------------------------
def test_a_funding_probability_without_a_money_word_gives_no_funding(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    assert model.predict([NO_MONEY]) == [[]]
    assert constant_model(featurizer, [0.1, 0.9, 0.1, 0.1], None).predict([NO_MONEY]) == [["funding"]]


def test_a_theme_with_its_word_stays(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    assert model.predict([MONEY, NO_MONEY]) == [["funding"], []]


def test_the_rule_only_removes_after_the_dominance_rule(featurizer: Featurizer) -> None:
    # funding is the top theme but unsupported; innovation was cut by the dominance rule and stays cut
    model = constant_model(featurizer, [0.1, 0.9, 0.55, 0.1])
    model.dominance = 0.7
    text = "建议对企业设备更新给予扶持，并加强与高校的研发合作。"  # R&D named, money not
    assert model.predict([text]) == [[]]
    model.dominance = 0.0
    assert model.predict([text]) == [["innovation"]]


def test_every_entry_point_applies_it(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    assert themes.classify(NO_MONEY, model=model).themes == []
    assert themes.classify(MONEY, model=model).themes == ["funding"]
    assert themes.classify(NO_MONEY, model=model, kind="suggestion").themes == []
    assert [p.themes for p in themes.classify_many([MONEY, NO_MONEY], model=model)] == [["funding"], []]
    kinds = ["suggestion", "problem"]
    assert [p.themes for p in themes.classify_many([NO_MONEY, MONEY], model=model, kinds=kinds)] == [[], ["funding"]]
    assert "funding" not in model.explain(NO_MONEY)
    top = themes.classify(NO_MONEY, model=model)
    assert top.top == "funding" and top.scores["funding"] == pytest.approx(0.9)  # scores and top unchanged


def test_labels_from_needs_the_texts(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    proba = model.predict_proba([MONEY])
    with pytest.raises(ModelError, match="needs the texts"):
        model.labels_from(proba, proba)
    assert model.labels_from(proba, proba, None, [MONEY]) == [["funding"]]


# -- the model folder ---------------------------------------------------------------------------------------
def test_the_folder_keeps_the_words_and_an_old_folder_keeps_every_label(featurizer: Featurizer, tmp_path: Path) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    save_model(model, tmp_path / "m")
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["evidence"]["funding"] == list(THEME_WORDS["funding"])
    loaded = load_model(tmp_path / "m")
    assert loaded.evidence == model.evidence
    assert loaded.predict([NO_MONEY, MONEY]) == [[], ["funding"]]
    save_model(constant_model(featurizer, [0.1, 0.9, 0.1, 0.1], None), tmp_path / "old")
    assert "evidence" not in json.loads((tmp_path / "old" / "manifest.json").read_text(encoding="utf-8"))
    assert load_model(tmp_path / "old").predict([NO_MONEY]) == [["funding"]]


@pytest.mark.parametrize(
    "words",
    [{"funding": []}, {"funding": "资金"}, {"funding": ["资金", ""]}, {"": ["资金"]}, {"funding": [" "]}],
)
def test_malformed_word_lists_are_refused(words: object) -> None:
    with pytest.raises(ModelFormatError, match="evidence"):
        Evidence(words)  # type: ignore[arg-type]


def test_the_words_must_name_the_models_labels(featurizer: Featurizer) -> None:
    with pytest.raises(ModelFormatError, match="not the model's labels"):
        constant_model(featurizer, [0.1, 0.9, 0.1, 0.1], Evidence({"money": ["资金"]}))


def test_a_label_without_a_list_is_always_kept(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1], Evidence({"talent": ["人才"]}))
    assert model.predict([NO_MONEY]) == [["funding"]]


# -- the words are looked for in the text the model reads --------------------------------------------------------
@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("funding", "建议设立农村养老服务专项资 金，对互助点给予运营补 助。"),  # spaces of a PDF's line layout
        ("funding", "建议设立专项资\u200b金支持社区食堂运营。"),  # a zero-width space inside the word
        ("innovation", "建议加快全县５Ｇ基站布局。"),  # full-width letters and digits
        ("innovation", "建议加快全县5g基站布局。"),  # lower case
        ("talent", "建议加强乡村人\u3000才建设。"),  # an ideographic space
    ],
)
def test_the_words_are_found_in_the_text_as_the_model_reads_it(theme: str, text: str) -> None:
    # the model scores the folded text (no spaces between ideographs, no invisible characters, half-width, lower
    # case); the rule must see the same words, or a theme the text names is removed for its layout
    assert WORDS.holds(text, theme)
    hits = np.zeros((1, len(LABELS)), dtype=bool)
    hits[0, LABELS.index(theme)] = True
    assert WORDS.mask(hits, [text], LABELS)[0, LABELS.index(theme)]


def test_a_spaced_money_word_keeps_funding_in_every_entry_point(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    spaced = "建议设立农村养老服务专项资 金，对运营困难的互助点给予补 助。"
    assert model.predict([spaced]) == [["funding"]]
    assert themes.classify(spaced, model=model).themes == ["funding"]
    assert "funding" in model.explain(spaced)


def test_explain_says_when_the_rule_removed_a_theme(featurizer: Featurizer, caplog: pytest.LogCaptureFixture) -> None:
    model = constant_model(featurizer, [0.1, 0.9, 0.1, 0.1])
    with caplog.at_level("INFO", logger="proposalnlp.themes.model"):
        assert "funding" not in model.explain(NO_MONEY)
    assert "funding" in caplog.text and "evidence" in caplog.text
    caplog.clear()
    with caplog.at_level("INFO", logger="proposalnlp.themes.model"):
        model.explain(MONEY)
    assert "evidence" not in caplog.text


def test_words_for_a_label_y_does_not_have_are_refused_before_training() -> None:
    # refused as the caller's input (InputValueError) before any fold is trained, not by the fitted model's
    # constructor (ModelFormatError) after all of them
    est = ThemeClassifier(min_df=1, cv=2, evidence={"money": ["资金"]})
    with pytest.raises(InputValueError, match="evidence: labels \\['money'\\]"):
        est.fit(TEXTS * 2, THEMES_OF * 2)


def test_a_mask_of_another_length_is_an_input_error() -> None:
    with pytest.raises(InputValueError, match="2 texts for 1 rows"):
        WORDS.mask(np.ones((1, len(LABELS)), dtype=bool), [MONEY, NO_MONEY], LABELS)
