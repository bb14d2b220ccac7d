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
# applies; the seventh reading of the test part: macro-F1 0.763, proposal units 0.673, reply units 0.881, no-theme
# units predicted empty 0.820; the build before, without the rule: 0.738, 0.673, 0.845, 0.782; on the development
# part, which it was trained on, about 1.0)
TEST_MACRO_FLOOR = 0.73
TEST_PROPOSAL_FLOOR = 0.66
TEST_REPLY_FLOOR = 0.85
TEST_NONE_FLOOR = 0.79
DEV_SEEN_FLOOR = 0.95
# the same with each unit's parsed kind (the kind prior and the evidence rule; MODEL_CARD.md, test column, read once
# for this build: macro-F1 0.778, proposal units 0.685, reply units 0.908; the build before: 0.768, 0.717, 0.872:
# the rule removed one right awareness theme of the 3 in the test proposals, hence the lower proposal floor)
TEST_KINDS_MACRO_FLOOR = 0.75
TEST_KINDS_PROPOSAL_FLOOR = 0.66
TEST_KINDS_REPLY_FLOOR = 0.88
