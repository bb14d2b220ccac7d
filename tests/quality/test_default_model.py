"""The bundled default theme model against the shared gold (figures from scripts/train_default_model.py).

The gold is split by document (``devtools.annotate.is_test_document``): the bundled model is trained on the
project's labels and the development part only, so its figures on the test part are held out. The nested
cross-validation over the development part (every choice made inside the training folds) lives in the
training script and the model card; here the held-out test part gives the floors, and the development part
(which the model has seen) a sanity check.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from devtools.annotate import is_test_document
from devtools.corpus import GoldDocument, GoldUnit, iter_gold_documents, load_reply_page_gold
from devtools.evaluation import load_script
from proposalnlp.themes import THEMES, classify, classify_many, load_model


@pytest.fixture(scope="module")
def golds(shared: Path) -> list[GoldDocument]:
    return [*iter_gold_documents(shared), *load_reply_page_gold(shared)]


def _units(golds: list[GoldDocument], test: bool) -> list[GoldUnit]:
    return [u for d in golds if is_test_document(d.id) == test for u in d.units]


def _prf(truth: list[list[str]], pred: list[list[str]], theme: str) -> tuple[float, float, float]:
    tp = sum(theme in a and theme in b for a, b in zip(truth, pred, strict=True))
    fp = sum(theme not in a and theme in b for a, b in zip(truth, pred, strict=True))
    fn = sum(theme in a and theme not in b for a, b in zip(truth, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def _macro(units: list[GoldUnit]) -> tuple[float, dict[str, tuple[float, float, float]]]:
    pred = [p.themes for p in classify_many([u.text for u in units])]
    truth = [u.themes for u in units]
    per = {t: _prf(truth, pred, t) for t in THEMES}
    return float(np.mean([v[2] for v in per.values()])), per


def test_bundled_model_loads_with_the_four_themes() -> None:
    model = load_model()
    assert sorted(model.labels) == sorted(THEMES)
    assert model.mode == "multi"


def test_reference_problems_get_their_own_theme_as_top(golds: list[GoldDocument]) -> None:
    ref = golds[0]
    problems = {u.id: u for u in ref.units if u.id in ("P-Q1", "P-Q2", "P-Q3", "P-Q4")}
    assert len(problems) == 4
    for uid, unit in problems.items():
        pred = classify(unit.text)
        assert pred.top in unit.themes, (uid, unit.themes, pred.scores)


def test_held_out_test_part_floors(golds: list[GoldDocument]) -> None:
    """The gold's test part: documents the bundled model never saw, nor any choice made in building it."""
    units = _units(golds, test=True)
    assert len(units) >= 150
    macro, per = _macro(units)
    assert macro >= TEST_MACRO_FLOOR, per
    for part, floor in (("proposal", TEST_PROPOSAL_FLOOR), ("reply", TEST_REPLY_FLOOR)):
        part_macro, part_per = _macro([u for u in units if (u.part == "reply") == (part == "reply")])
        assert part_macro >= floor, (part, part_per)
    preds = classify_many([u.text for u in units])
    empty = [not p.themes for u, p in zip(units, preds, strict=True) if not u.themes]
    assert float(np.mean(empty)) >= TEST_NONE_FLOOR


def _with_parser_kinds(golds: list[GoldDocument], test: bool) -> tuple[list[GoldUnit], list[str | None]]:
    """The units of one part of the gold, each with the kind ``parse()`` gives it (the parsed unit covering most
    of it, as scripts/train_default_model.py reads it; None when no parsed unit covers it)."""
    parser_kinds = load_script("train_default_model").parser_kinds
    units: list[GoldUnit] = []
    kinds: list[str | None] = []
    for d in golds:
        if is_test_document(d.id) == test:
            units += d.units
            kinds += [k or None for k in parser_kinds(d)]
    return units, kinds


def _macro_of(units: list[GoldUnit], pred: list[list[str]]) -> float:
    truth = [u.themes for u in units]
    return float(np.mean([_prf(truth, pred, t)[2] for t in THEMES]))


def test_bundled_model_has_the_kind_prior() -> None:
    prior = load_model().kind_prior
    assert prior is not None
    assert set(prior.describing) == {"background", "problem"}
    assert {"header", "opening", "closing"} <= set(prior.frame)
    assert prior.scale in load_script("train_default_model").KIND_SCALES


def test_bundled_model_has_the_evidence_words() -> None:
    """The bundled model keeps a theme only with one of its words (issue 13, seventeenth session): the lists of
    proposalnlp.themes.evidence, stored in its manifest."""
    from proposalnlp.themes.evidence import THEME_WORDS

    evidence = load_model().evidence
    assert evidence is not None
    assert evidence.words == THEME_WORDS


def test_bundled_model_pools_with_one_weight_and_explain_names_the_carrying_sentence() -> None:
    """One pooling weight for every theme and a floor of POOL_FLOORS, chosen inside fit (issue 13, seventeenth
    session, second helper); explain() names the sentence that carried a pooled theme."""
    from proposalnlp.themes.train import POOL_FLOORS, POOL_WEIGHTS

    model = load_model()
    assert model.pool is not None and len(set(model.pool.tolist())) == 1 and model.pool[0] in POOL_WEIGHTS
    assert model.pool_min_chars in POOL_FLOORS
    # hand-written here: an innovation suggestion whose third numbered point asks for money
    money = "三是设立智能化改造专项资金，对企业购置智能装备给予贷款贴息和财政奖补，降低企业改造成本。"
    text = (
        "关于加快我市智能制造产业发展的建议。近年来，我市制造业规模持续扩大，但多数企业仍停留在传统生产方式，"
        "设备自动化水平不高，信息系统之间互不联通，生产数据难以汇总分析。为此建议：一是推动企业开展数字化改造，"
        "建设一批智能工厂和数字化车间，推广工业互联网平台应用，支持龙头企业牵头组建创新联合体，开展关键技术攻关。"
        "二是加强统筹协调，建立部门联席会议制度，定期研究解决产业发展中的重大问题，明确各部门职责分工。"
        + money
        + "四是完善考核办法，把产业发展情况纳入年度目标考核，形成工作合力。"
    )
    assert len(text) >= model.pool_min_chars
    pred = classify(text)
    assert "funding" in pred.themes
    explained = model.explain(text, top=3)
    assert set(explained) == set(pred.themes)
    carrier = explained["funding"][0]["sentence"]
    assert carrier is not None and carrier["text"] == money
    assert text[carrier["start"] : carrier["end"]] == money


def test_held_out_test_part_floors_with_the_parsers_kinds(golds: list[GoldDocument]) -> None:
    """The test part as classify_document and match see it: each unit with its parsed kind."""
    units, kinds = _with_parser_kinds(golds, test=True)
    preds = classify_many([u.text for u in units], kinds=kinds)
    pred = [p.themes for p in preds]
    assert _macro_of(units, pred) >= TEST_KINDS_MACRO_FLOOR
    for part, floor in (("proposal", TEST_KINDS_PROPOSAL_FLOOR), ("reply", TEST_KINDS_REPLY_FLOOR)):
        keep = [k for k, u in enumerate(units) if (u.part == "reply") == (part == "reply")]
        assert _macro_of([units[k] for k in keep], [pred[k] for k in keep]) >= floor, part
    # frame units carry no theme; every other unit keeps at most the themes its text has alone
    plain = classify_many([u.text for u in units])
    for kind, p, q in zip(kinds, preds, plain, strict=True):
        if kind in ("header", "opening", "closing", "other"):
            assert p.themes == []
        assert set(p.themes) <= set(q.themes) and p.scores == q.scores


def test_predictions_on_development_units_are_sane(golds: list[GoldDocument]) -> None:
    units = _units(golds, test=False)
    preds = classify_many([u.text for u in units])
    for p in preds:
        assert set(p.scores) == set(THEMES)
        assert all(0.0 <= s <= 1.0 for s in p.scores.values())
        assert set(p.themes) <= set(THEMES)
        assert p.top in THEMES
    # the model has seen these units: it must reproduce them well
    macro, per = _macro(units)
    assert macro >= DEV_SEEN_FLOOR, per
    # single calls agree with the batch
    for u, p in list(zip(units, preds, strict=True))[:30]:
        assert classify(u.text).themes == p.themes


def test_greetings_and_administration_get_no_theme() -> None:
    # hand-written here, in the style of replies; none of these is about talent, money, technology or attitudes
    for text in (
        "感谢您对我市工作的关心和支持，欢迎继续提出宝贵意见。",
        "我局成立了工作领导小组，定期召开会议研究部署相关工作。",
    ):
        assert classify(text).themes == [], text


# floors a little under the figures measured when the bundled model was built, without kinds (the evidence rule
# applies; the eighth reading of the test part, one pooling weight and floor chosen in fit: macro-F1 0.760, proposal
# units 0.690, reply units 0.862, no-theme units predicted empty 0.842; the build before (seventh reading): 0.763,
# 0.673, 0.881, 0.820; on the development part, which it was trained on, about 1.0)
TEST_MACRO_FLOOR = 0.74
TEST_PROPOSAL_FLOOR = 0.67
TEST_REPLY_FLOOR = 0.85
TEST_NONE_FLOOR = 0.82
DEV_SEEN_FLOOR = 0.95
# the same with each unit's parsed kind (the kind prior and the evidence rule; MODEL_CARD.md, test column, read once
# for this build: macro-F1 0.763, proposal units 0.690, reply units 0.881; the build before: 0.778, 0.685, 0.908:
# the nested gain of this build (+0.012) did not hold on the test part)
TEST_KINDS_MACRO_FLOOR = 0.75
TEST_KINDS_PROPOSAL_FLOOR = 0.67
TEST_KINDS_REPLY_FLOOR = 0.87
