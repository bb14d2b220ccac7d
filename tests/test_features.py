"""The batch featurizer: it must give exactly the reference features (``analyze`` + ``transform_terms``).

``Featurizer.transform_csr`` is what classify and classify_many run; training uses the reference path. The
two are compared on real documents (the Jiangsu proposals and replies, Teddy citizen messages), on
arbitrary Unicode text, and for models trained with other feature settings. Hand-written examples only.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.corpus import jiangsu_proposals, load_reply_gold
from proposalnlp import ThemeClassifier, parse
from proposalnlp.features import Featurizer, KeyTable
from proposalnlp.themes import load_model

TEXTS = [
    "一、加大高层次人才引进力度。建议对引进的领军人才给予安家补贴，并解决子女入学问题。",
    "二、设立科技成果转化专项资金，支持企业与高校共建研发平台！",
    "三是加强宣传引导，提高全社会节约用水意识；开展进社区、进学校活动。",
    "近年来，我市财政投入持续增加，但融资渠道仍然单一。",
    "建议完善职称评审制度\n打通技能人才上升通道。",
    "Ｗｉ－Ｆｉ覆盖率达到９５％，５Ｇ基站建设加快推进。",
    "标题\r\n正文：推广数字化转型经验。",
    "没有标点的一句话",
    "  ",
    "",
]
HANDWRITTEN_LABELS = [["talent"], ["funding", "innovation"], ["awareness"], ["funding"], ["talent"], [], [], [], [], []]


def assert_same(featurizer: Featurizer, texts: list[str]) -> None:
    """The batch path equals the reference path, row for row and bit for bit."""
    ref = featurizer.transform_terms([featurizer.analyze(t) for t in texts])
    fast = featurizer.transform_csr(texts)
    for name, a, b in zip(("indptr", "indices", "data"), ref, fast, strict=True):
        assert a.dtype.kind == b.dtype.kind, name
        np.testing.assert_array_equal(a, b, err_msg=name)


# -- the hash table ---------------------------------------------------------------------------------------
def test_key_table_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(0)
    keys = np.unique(rng.integers(0, 2**62, 50_000))
    values = rng.integers(0, 1_000_000, len(keys))
    table = KeyTable(keys, values)
    assert len(table) == len(keys)
    np.testing.assert_array_equal(table.get(keys), values)
    absent = rng.integers(0, 2**62, 50_000)
    absent = absent[~np.isin(absent, keys)]
    assert (table.get(absent) == -1).all()
    mixed = np.concatenate([keys[::7], absent[::5]])
    expected = np.concatenate([values[::7], np.full(len(absent[::5]), -1)])
    np.testing.assert_array_equal(table.get(mixed), expected)
    # small look-ups (one text's keys) probe with one gather, big ones slot by slot first: the same answers
    assert table.max_probe >= 3, "the table should hold collisions for this test to mean anything"
    for part, want in zip(np.array_split(mixed, 150), np.array_split(expected, 150), strict=True):
        np.testing.assert_array_equal(table.get(part), want)
    occupied = np.flatnonzero(table.table[:, 0] != -1)
    home = table._slots(table.table[occupied, 0]).astype(np.int64)
    assert table.max_probe == int(((occupied - home) % len(table.table)).max())
    # keys that share their low bits, and runs of consecutive keys, still resolve
    crowded = np.arange(0, 2**40, 2**20, dtype=np.int64)[:3000]
    np.testing.assert_array_equal(KeyTable(crowded, crowded + 1).get(crowded), crowded + 1)
    assert KeyTable(np.zeros(0, np.int64), np.zeros(0, np.int64)).get(np.array([1, 2])).tolist() == [-1, -1]


def test_key_table_refuses_bad_keys() -> None:
    with pytest.raises(ValueError, match="unique"):
        KeyTable(np.array([1, 1]), np.array([0, 1]))
    with pytest.raises(ValueError, match="non-negative"):
        KeyTable(np.array([-5]), np.array([0]))


# -- the batch path equals the reference ---------------------------------------------------------------------
def test_batch_path_equals_reference_on_hand_written_text() -> None:
    featurizer = load_model().featurizer
    assert_same(featurizer, TEXTS)
    assert_same(featurizer, TEXTS[:1])
    assert_same(featurizer, [])


@pytest.mark.parametrize(
    "params",
    [
        {"lead_weight": 2},
        {"lead_weight": 0, "word_ngram_range": (1, 1)},
        {"char_ngram_range": (2, 3), "char_weight": 0.5},
        {"char_ngram_range": (1, 2), "sublinear_tf": False, "lead_weight": 1},
        {"word_ngram_range": (2, 2), "char_ngram_range": (0, 0), "lead_weight": 1},
        {"max_features": 60, "lead_weight": 1},  # a vocabulary cut by frequency: n-grams without their parts
    ],
)
def test_batch_path_equals_reference_for_other_settings(params: dict[str, object]) -> None:
    clf = ThemeClassifier(min_df=1, cv=2, **params).fit(TEXTS[:5] * 2, HANDWRITTEN_LABELS[:5] * 2)  # type: ignore[arg-type]
    assert_same(clf.model_.featurizer, TEXTS)


def test_a_text_gets_the_same_row_alone_and_in_any_batch() -> None:
    featurizer = load_model().featurizer
    texts = [t for t in TEXTS if t.strip()]
    indptr, indices, data = featurizer.transform_csr(texts)
    for i, text in enumerate(texts):
        _, one_idx, one_data = featurizer.transform_csr([text])
        np.testing.assert_array_equal(indices[indptr[i] : indptr[i + 1]], one_idx)
        np.testing.assert_array_equal(data[indptr[i] : indptr[i + 1]], one_data)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = ["。", "！", "？", "；", "!", "?", ";", "\n", "\r\n", " ", "\u3000", "，",
          "人才", "资金", "创新", "意识", "Ａ１"]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=()), max_size=6)), max_size=30
)


@SETTINGS
@given(st.lists(TEXT.map("".join), min_size=1, max_size=6))
def test_batch_path_equals_reference_on_any_text(texts: list[str]) -> None:
    assert_same(load_model().featurizer, texts)


# -- real documents ----------------------------------------------------------------------------------------------
def test_batch_path_equals_reference_on_real_documents(shared: Path) -> None:
    featurizer = load_model().featurizer
    proposals = [p["text"] for p in jiangsu_proposals(shared)]
    units = [u.text for text in proposals for u in parse(text).units]
    replies = [d.text for d in load_reply_gold(shared)]
    with open(shared / "benchmarks" / "teddy2020" / "messages-labeled.csv", encoding="utf-8", newline="") as fh:
        messages = [row["text"] for row, _ in zip(csv.DictReader(fh), range(1500), strict=False)]
    assert len(units) > 2000 and len(replies) >= 8 and len(messages) == 1500
    for batch in (proposals, units, replies, messages):
        assert_same(featurizer, batch)
