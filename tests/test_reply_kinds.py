"""The hand labels of what sampled Teddy own replies do (devtools/data/teddy_reply_kinds.json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from devtools.answer_data import CLOSE_KINDS, OWN_KINDS, REPLY_KINDS_FILE, reply_kinds
from devtools.evaluation import teddy_message_replies


def test_labels_load_and_are_known() -> None:
    kinds = reply_kinds()
    assert len(kinds) == 250
    assert {k.own for k in kinds.values()} <= set(OWN_KINDS)
    assert {k.close for k in kinds.values()} <= set(CLOSE_KINDS)
    raw = json.loads(REPLY_KINDS_FILE.read_text(encoding="utf-8"))
    assert raw["sample"]["seed"] == 2026 and raw["protocol_version"] == 1
    assert len(raw["labels"]) == 250  # distinct ids (a duplicate key would shrink the dict)


def test_unknown_label_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "kinds.json"
    bad.write_text(json.dumps({"labels": {"1": {"own": "answered", "close": "other"}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        reply_kinds(bad)


def test_labelled_ids_are_the_seeded_sample(shared: Path) -> None:
    rows = teddy_message_replies(shared)
    drawn = {rows[int(i)]["id"] for i in np.random.default_rng(2026).choice(len(rows), 250, replace=False)}
    assert set(reply_kinds()) == drawn
