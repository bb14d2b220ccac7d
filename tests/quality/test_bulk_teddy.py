"""similarity() of the 1,000 Teddy messages against their replies: the spaces built at once for the batch
(matching._bulk) give the scores of the term table's spaces (matching._terms) up to float round-off on real
text, so the retrieval figures measured before the bulk path (P@1 0.783 held out) stand."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from devtools.evaluation import teddy_message_replies
from proposalnlp import similarity
from proposalnlp.matching import scoring


def test_teddy_batch_scores_are_those_of_the_per_text_bags(shared: Path) -> None:
    rows = teddy_message_replies(shared)[:1000]
    queries = [r["subject"] + "\n" + r["message"] for r in rows]
    replies = [r["reply"] for r in rows]
    assert scoring.retrieval_scorer()._bulk_ready(len(queries), len(replies))
    bulk = similarity(queries, replies)
    old = scoring._BULK_TEXTS
    scoring._BULK_TEXTS = 10**9
    try:
        plain = similarity(queries, replies)
    finally:
        scoring._BULK_TEXTS = old
    assert np.allclose(bulk, plain, rtol=1e-9, atol=1e-12)
    assert np.array_equal(bulk.argmax(axis=1), plain.argmax(axis=1))
    assert float(np.mean(bulk.argmax(axis=1) == np.arange(len(rows)))) > 0.7
