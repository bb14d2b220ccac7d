"""match() gives, bit for bit, what it gave when ``tests/data/match_golden.json`` was written (issue 12's speed bar).

``tests/data/match_golden.json`` was written by ``tests/make_match_golden.py``: for each document here (the
bundled example, the speed benchmark's synthetic document, hand-written ones) every field of every
:class:`~proposalnlp.matching.SuggestionMatch` (verdict, probability, strength of each ranked unit, ranked units
with their scores and supports, unit probabilities, basis, covered and missing terms, cue), the unused units,
both reports, and the answer model's input rows (:func:`answer_rows`), floats as ``float.hex`` (exact; the
reports and the JSON dict as digests). For the shared corpus's documents (read in place, skipped when absent: the
reference document, the reply pages, Teddy messages against their own, close and random replies, Teddy points)
a SHA-256 of the same snapshot is kept, so that no text of theirs is copied.

Rewritten on branch ``s13-fast``, when every scoring came to be laid out from one term table (matching._terms)
and summed by numpy and scipy in their own order: against the file written before, every score and feature
moved by float round-off alone (at most 1.6e-15 relative), every verdict, ranking, unit, term and cue stayed;
the answer model (trees, which read features at exact thresholds) moved the probability of 2 of the 115 shared
snapshots' suggestions (0.368 → 0.352 and 0.915 → 0.922, same verdicts). The code is deterministic (the same
bits run to run and with any number of BLAS threads), so the comparison stays exact.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from devtools.synthetic import synthetic_document, synthetic_text
from proposalnlp import match
from proposalnlp.document import Unit, example_text, parse
from proposalnlp.matching import align_units
from proposalnlp.matching.align import _rank, _reply_units, _suggestion_units, answer_rows
from proposalnlp.matching.answer import (
    MODEL_FEATURES,
    PAIR_FEATURES,
    AnswerModel,
    default_answer_model,
    pair_features,
    prepare_request,
    request_context,
)
from proposalnlp.matching.results import Alignment, Thresholds
from test_matching_fast import REQUESTS, UNITS  # the same hand-written requests and reply units

GOLDEN = Path(__file__).parent / "data" / "match_golden.json"

# -- the documents --------------------------------------------------------------------------------------------



_SECTIONED = (
    "提案内容:\n关于改善星湖小区周边交通和教育配套的建议\n二、具体建议\n"
    "一是拓宽东风路。东风路星湖小区段早晚高峰拥堵严重，建议拓宽为双向四车道，并增设人行天桥。\n"
    "二是新建一所小学。星湖小区入住三千余户，适龄儿童就近入学难，建议在小区北侧规划建设星湖小学。\n"
    "三是增开公交线路。建议开通星湖小区至市中心医院的公交线路，方便老人就医。\n"
    "答复内容:\n尊敬的王代表：\n您提出的关于改善星湖小区周边交通和教育配套的建议收悉，现答复如下：\n"
    "一、关于拓宽东风路\n东风路拓宽工程已列入2024年城建计划，目前已完成初步设计，预计年内开工，人行天桥同步建设。\n"
    "二、关于新建小学\n经核实，星湖小区北侧地块已规划为教育用地，市教育局将于明年启动星湖小学前期工作。\n"
    "三、关于公交线路\n因道路条件限制，暂不具备开通条件，我们将在东风路拓宽后重新研究。\n"
    "感谢您对城市建设工作的关心和支持。\n"
)

_ONE_REQUEST = ["建议在青石村口安装路灯，解决夜间出行不便的问题。"]
_ONE_REPLY = [
    "您好，您反映的问题已收悉。",
    "经核实，青石村口路段已于上月安装路灯6盏，目前已投入使用。",
    "感谢您的监督与支持。",
]

_UNRELATED = [
    "建议加强中小学生心理健康教育，配齐专职心理教师。",
    "建议完善农村养老服务体系，建设村级互助养老点。",
]
_UNRELATED_REPLY = [
    "您的来信已转市住建局办理。",
    "关于老旧小区加装电梯，市住建局已出台补贴办法，每台补助15万元。",
    "此复。",
]

_SAME_TEXTS = [
    "建议加大技术改造专项资金支持力度。",
    "建议加大技术改造专项资金支持力度。",
    "建议完善职业教育体系，加强人才引进和培训。",
]
_LINES_REPLY = [
    "技术改造专项资金已下达。\n支持智能制造示范项目12个。",
    "职业教育体系不断完善；人才引进和培训持续推进。",
    "\n".join(["已完成", "计划纳入下一步工作", "暂不具备条件"]),
    "感谢支持。",
]


def cases() -> dict[str, tuple[Any, ...]]:
    """Each document's name and match()'s arguments (proposal, reply, include_problems, top_k)."""
    sugg, reply = synthetic_document()
    bench_text = synthetic_text(sugg, reply)
    small_sugg, small_reply = synthetic_document(2_000, seed=3)
    return {
        "example": (example_text(), None, False, 50),
        "example_problems": (example_text(), None, True, 50),
        "example_top2": (example_text(), None, False, 2),
        "bench_synthetic": (sugg, reply, False, 50),
        "bench_text": (bench_text, None, False, 50),
        "synthetic_small": (small_sugg, small_reply, False, 50),
        "requests_units": (REQUESTS, UNITS, False, 50),
        "requests_units_top3": (REQUESTS, UNITS, False, 3),
        "one_request": (_ONE_REQUEST, _ONE_REPLY, False, 50),
        "one_request_units": (REQUESTS[2:3], UNITS, False, 50),
        "sectioned": (_SECTIONED, None, False, 50),
        "unrelated": (_UNRELATED, _UNRELATED_REPLY, False, 50),
        "frames_only": (REQUESTS[:2], ["感谢您的关心和支持。", "现答复如下："], False, 50),
        "same_texts": (_SAME_TEXTS, _LINES_REPLY, False, 50),
        "reply_text": (REQUESTS, "\n".join(UNITS), False, 50),
    }


# -- the snapshot ---------------------------------------------------------------------------------------------
def _hex(values: Any) -> list[str]:
    return [float(x).hex() for x in values]


def _rows_snapshot(suggestions: list[Unit], reply_units: list[Unit], top_k: int = 50) -> dict[str, Any]:
    """answer_rows as align_units calls it: every input row of the answer model, exactly."""
    t = Thresholds()
    if not suggestions or not reply_units:
        return {}
    keep = min(max(top_k, t.used_rank), len(reply_units))
    ranked = _rank(suggestions, reply_units, None, None, keep)
    rows = answer_rows(suggestions, reply_units, ranked, min(t.used_rank, keep))
    return {
        "rows": [_hex(r) for r in rows.rows],
        "unit_rows": [[_hex(r) for r in u] for u in rows.unit_rows],
        "best": rows.best,
        "requests": [
            {
                "folded": r.folded,
                "heading": r.heading,
                "words": [[w, v.hex()] for w, v in r.words],
                "bigrams": [[b, v.hex()] for b, v in r.bigrams],
                "names": sorted(r.names),
                "numbers": sorted(r.numbers),
            }
            for r in rows.requests
        ],
    }


def alignment_snapshot(al: Alignment) -> dict[str, Any]:
    """Every field of every SuggestionMatch (floats exact), the unused units and both reports."""
    out: list[dict[str, Any]] = []
    for m in al.suggestions:
        out.append(
            {
                "suggestion": m.suggestion.id,
                "verdict": m.verdict,
                "probability": None if m.probability is None else float(m.probability).hex(),
                "ranked": [[u.id, float(s).hex()] for u, s in m.ranked],
                "support": _hex(m.support),
                "unit_probability": _hex(m.unit_probability),
                "strength": [m.strength(i, al.thresholds) for i in range(len(m.ranked))],
                "covered": list(m.covered),
                "missing": list(m.missing),
                "cue": m.cue,
                "basis": m.basis,
            }
        )
    return {
        "suggestions": out,
        "coverage": al.coverage,
        "unused": [u.id for u in al.unused_reply_units],
        # the reports and the JSON dict, as digests (what they are made of is above, in full)
        "report_zh": digest(al.report()),
        "report_en": digest(al.report(lang="en")),
        "dict": digest(al.to_dict()),
    }


def snapshot(proposal: Any, reply: Any, include_problems: bool, top_k: int) -> dict[str, Any]:
    """match()'s result and the answer model's input rows for one document."""
    al = match(proposal, reply, include_problems, top_k=top_k)
    suggestions, doc = _suggestion_units(proposal, include_problems)
    reply_units = _reply_units(reply, doc)
    return {"match": alignment_snapshot(al), "rows": _rows_snapshot(suggestions, reply_units, top_k)}


def units_snapshot(suggestions: list[Unit], reply_units: list[Unit]) -> dict[str, Any]:
    """align_units()'s result and the answer model's input rows for ready units (the gold evaluations' path)."""
    return {
        "match": alignment_snapshot(align_units(suggestions, reply_units)),
        "rows": _rows_snapshot(suggestions, reply_units),
    }


def pairs_snapshot() -> dict[str, Any]:
    """pair_features of every hand-written request with every unit, with and without a cache kept across them."""
    context = request_context(REQUESTS)
    out: dict[str, Any] = {}
    for cached in (False, True):
        cache: dict[Any, Any] | None = {} if cached else None
        rows = []
        for q in REQUESTS:
            head = q.split("\n")[0] if "\n" in q else None
            req = prepare_request(q, head, context=context)
            for u in [*UNITS, "\n".join(UNITS[:2]), "\n".join(UNITS[3:5])]:
                rows.append(_hex(pair_features(req, u, (0.5, 0.25, 0.125), cache)))
        out["cached" if cached else "plain"] = rows
    return out


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def shared_snapshots(root: Path) -> dict[str, str]:
    """SHA-256 digests of the snapshots of the shared corpus's documents (no text of theirs kept)."""
    from devtools.answer_data import point_examples, reference_example, reply_page_examples, teddy_examples

    out: dict[str, str] = {}
    ref = reference_example(root)
    out["reference_gold_units"] = digest(units_snapshot(ref.suggestions, ref.reply))
    for i, ex in enumerate(reply_page_examples(root)):
        out[f"page_gold_units:{i}:{ex.group}"] = digest(units_snapshot(ex.suggestions, ex.reply))
    for i, ex in enumerate(teddy_examples(root)[:90]):
        out[f"teddy:{i}:{ex.kind}:{ex.group}"] = digest(units_snapshot(ex.suggestions, ex.reply))
    for i, ex in enumerate(point_examples(root)[:40]):
        out[f"points:{i}:{ex.group}"] = digest(units_snapshot(ex.suggestions, ex.reply))
    text = (root / "corpus" / "pingdingshan-2019-three-transformations.txt").read_text(encoding="utf-8")
    out["reference_text"] = digest(snapshot(text, None, False, 50))
    for path in sorted((root / "corpus" / "replies").glob("*.txt")):
        doc = parse(path.read_text(encoding="utf-8"))
        if doc.proposal and doc.reply:
            out[f"replies:{path.name}"] = digest(snapshot(doc, None, False, 50))
    return out


# -- the tests ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return dict(json.loads(GOLDEN.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(cases()))
def test_match_is_what_it_was(golden: dict[str, Any], name: str) -> None:
    proposal, reply, include_problems, top_k = cases()[name]
    now = json.loads(json.dumps(snapshot(proposal, reply, include_problems, top_k), ensure_ascii=False))
    want = golden["documents"][name]
    assert now["rows"] == want["rows"]
    for got, exp in zip(now["match"]["suggestions"], want["match"]["suggestions"], strict=True):
        assert got == exp
    assert now == want


def test_pair_features_are_what_they_were(golden: dict[str, Any]) -> None:
    assert len(PAIR_FEATURES) == len(golden["pairs"]["plain"][0])
    assert pairs_snapshot() == golden["pairs"]


def test_shared_documents_match_what_they_did(golden: dict[str, Any], shared: Path) -> None:
    want = golden.get("shared")
    if not want:
        pytest.skip("the golden file was written without the shared corpus")
    assert shared_snapshots(shared) == want


def _reference_decision(model: AnswerModel, rows: np.ndarray) -> np.ndarray:
    """The tree model's raw scores as AnswerModel.decision computed them before it stepped by take."""
    x = np.atleast_2d(np.asarray(rows, dtype=float))[:, model._cols]
    a = model.arrays
    node = np.broadcast_to(model._roots, (len(x), len(model._roots))).copy()
    r = np.arange(len(x))[:, None]
    for _ in range(64):
        if model._leaf[node].all():
            break
        value = x[r, model._feature[node]]
        go_left = np.where(np.isnan(value), a["missing_left"][node] > 0.5, value <= a["threshold"][node])
        node = np.where(go_left, model._left[node], model._right[node])
    return np.asarray(a["value"][node].sum(axis=1) + model.intercept, dtype=float)


def test_tree_decision_is_what_it_was() -> None:
    model = default_answer_model()
    assert model.kind == "trees"
    rng = np.random.default_rng(0)
    rows = rng.random((300, len(MODEL_FEATURES))) * rng.choice([0.1, 1.0, 5.0], size=(300, len(MODEL_FEATURES)))
    # the thresholds themselves (ties go left), and missing values (each node's own side)
    cols = model._cols[model._feature[~model._leaf]]
    rows[:50, cols[:50] % len(MODEL_FEATURES)] = model.arrays["threshold"][~model._leaf][:50]
    with_nan = rows.copy()
    with_nan[rng.random(rows.shape) < 0.2] = np.nan
    for x in (rows, with_nan, rows[:1], rows[:0]):
        assert np.array_equal(model.decision(x), _reference_decision(model, x))
