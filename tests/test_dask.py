"""classify_many and match_many on a local dask.distributed cluster (2 worker processes) equal the serial results,
with the backend given as an argument and through ``joblib.parallel_config`` (no code change)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import dask.distributed as distributed  # in the test extra: a missing install fails here, never skips
import joblib
import pytest

from proposalnlp import classify_many
from proposalnlp.matching import Alignment, match_many

TEXTS = [
    f"{t}（第{i}条）"
    for i in range(40)
    for t in (
        "建议加大对县级医院的财政投入，设立人才引进专项资金。",
        "推动高校与企业共建实验室，加快科技成果转化。",
        "加强社区宣传，提高居民垃圾分类的知晓率。",
    )
]
PAIRS = [
    (
        ["一是设立专项资金扶持小微企业。", f"二是引进第{i}批高层次人才。"],
        ["市财政已安排扶持资金。", "人才引进政策已出台。"],
    )
    for i in range(12)
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _key(a: Alignment) -> Any:
    return [(m.verdict, [(u.id, s) for u, s in m.ranked], m.support) for m in a.suggestions]


def test_classify_many_on_dask_equals_serial(client: Any) -> None:
    serial = classify_many(TEXTS, batch_size=16)
    assert classify_many(TEXTS, n_jobs=2, batch_size=16, backend="dask") == serial
    with joblib.parallel_config(backend="dask"):
        assert classify_many(TEXTS, batch_size=16) == serial
    assert len(client.scheduler_info()["workers"]) == 2


def test_match_many_on_dask_equals_serial(client: Any) -> None:
    serial = [_key(a) for a in match_many(PAIRS)]
    assert [_key(a) for a in match_many(PAIRS, n_jobs=2, backend="dask", chunk_size=3)] == serial
    with joblib.parallel_config(backend="dask"):
        assert [_key(a) for a in match_many(PAIRS, chunk_size=3)] == serial
