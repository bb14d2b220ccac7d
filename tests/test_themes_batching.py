"""classify_many's batching: by characters by default, by count on request; never a different prediction."""

from __future__ import annotations

from itertools import pairwise

from proposalnlp.themes import api

TEXTS = [
    "建议设立智能化改造专项资金，对实施技术改造的企业给予财政补贴和贴息贷款",
    "加大高层次人才和领军人才引进力度",
    "加强宣传引导，提高企业对三大改造的思想认识，营造良好氛围",
    "鼓励高新技术企业加大研发投入",
    "发展职业教育，推进产教融合，建设一批孵化器和众创空间",
]


def test_spans_cover_every_text_once_in_order() -> None:
    texts = ["字" * n for n in [1, 5, 40_000, 3, 3, 70_000, 2, *[50] * 2000, 31_999, 1]]
    for size in (None, 1, 3, 128, 10_000):
        spans = list(api._spans(texts, size))
        assert spans[0][0] == 0 and spans[-1][1] == len(texts)
        assert all(a < b for a, b in spans)
        assert all(s[1] == t[0] for s, t in pairwise(spans))
        if size is not None:
            assert all(b - a <= size for a, b in spans)
    by_chars = list(api._spans(texts, None))
    assert all(b - a == 1 or sum(map(len, texts[a:b])) <= api.BATCH_CHARS for a, b in by_chars)
    assert max(b - a for a, b in by_chars) > api.BATCH_SIZE  # short texts go in larger batches
    assert list(api._spans([], None)) == []


def test_batching_never_changes_a_prediction() -> None:
    model = api.load_model()
    texts = [TEXTS[k % 5][: 3 + k % 30] for k in range(400)]
    one_by_one = [api.classify(t, model=model) for t in texts]
    for size in (None, 1, 7, 128):
        assert api.classify_many(texts, model=model, batch_size=size) == one_by_one, size
    assert api.classify_many(texts * 40, model=model) == one_by_one * 40  # several batches by characters


def test_long_units_pooled_over_sentences_are_batch_independent_too() -> None:
    # units long enough for sentence pooling (themes/model.py), mixed with short ones
    model = api.load_model()
    long_texts = ["。".join(TEXTS[(k + j) % 5] for j in range(12 + k % 5)) + "。" for k in range(12)]
    texts = [t for pair in zip(long_texts, TEXTS * 3, strict=False) for t in pair]
    assert max(map(len, texts)) >= model.pool_min_chars
    one_by_one = [api.classify(t, model=model) for t in texts]
    for size in (None, 1, 5):
        assert api.classify_many(texts, model=model, batch_size=size) == one_by_one, size


def test_batch_predictions_are_ordinary_theme_predictions() -> None:
    """Predictions built on the batch path (without the dataclass __init__) are equal to constructed ones,
    stay frozen, hash-free like them, pickle and serialise alike."""
    import dataclasses
    import pickle

    import pytest

    from proposalnlp import classify_many
    from proposalnlp.themes.api import ThemePrediction

    texts = ["加大对中小企业的信贷支持力度。", "加强基层医疗卫生人才队伍建设。", "开展全民科普宣传活动。"]
    for p in classify_many(texts):
        same = ThemePrediction(list(p.themes), dict(p.scores), p.top)
        assert type(p) is ThemePrediction and p == same and repr(p) == repr(same)
        assert pickle.loads(pickle.dumps(p)) == p and p.to_dict() == same.to_dict()
        assert dataclasses.asdict(p) == dataclasses.asdict(same)
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.top = "talent"  # type: ignore[misc]
