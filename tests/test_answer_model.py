"""The answer model behind match()'s verdicts: its features, its safe folder, and verdicts on hand-written pairs.

The examples are written for these tests in the style of real proposals and replies (no real text).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from proposalnlp import match
from proposalnlp.errors import InputValueError, ModelFormatError, ModelIntegrityError, UnsafeModelError
from proposalnlp.matching import Thresholds
from proposalnlp.matching.answer import (
    CUES,
    MODEL_FEATURES,
    PAIR_FEATURES,
    AnswerModel,
    char_pairs,
    covered_terms,
    cue_of,
    default_answer_model,
    load_answer_model,
    longest_common_run,
    pair_features,
    prepare_request,
    save_answer_model,
    specific_terms,
)

PROPOSAL = [
    "建议对柳湾镇至青石村的县道进行拓宽改造，解决会车难的问题。",
    "建议在柳湾中心小学门口增设人行横道和减速带，保障学生上下学安全。",
    "建议增开柳湾镇至县城的夜间公交班次，方便务工人员返家。",
    "建议在青石村建设一座农产品冷链仓储中心，减少果蔬损耗。",
    "建议对镇区老旧供水管网进行更换，解决夏季停水问题。",
]

REPLY = """王明代表：
您提出的《关于改善柳湾镇群众出行条件的建议》收悉，现答复如下：
一、关于柳湾镇至青石村县道拓宽改造。该路段已纳入今年县道改造计划，拓宽至双向两车道，目前已完成施工招标，预计十月底前开工。
二、关于柳湾中心小学门口交通安全设施。县公安局交警大队已在柳湾中心小学门口施划人行横道，设置减速带两处，并安排警力在上下学时段值守。
三、关于夜间公交班次。县交通运输局已协调公交公司，自下月起增开柳湾镇至县城夜间班次两趟，末班车延至晚上九点半。
感谢您对交通工作的关心和支持。
县交通运输局
2024年5月20日
"""


@pytest.fixture(scope="module")
def alignment():  # type: ignore[no-untyped-def]
    return match(PROPOSAL, REPLY)


def test_ignored_suggestions_are_unanswered(alignment) -> None:  # type: ignore[no-untyped-def]
    verdicts = [m.verdict for m in alignment.suggestions]
    assert len(verdicts) == 5
    assert all(v != "unanswered" for v in verdicts[:3]), verdicts
    assert verdicts[3:] == ["unanswered", "unanswered"], verdicts  # 冷链仓储 and 供水管网: not a word of them
    assert alignment.coverage["unanswered"] == 2


def test_probabilities_order_the_verdicts(alignment) -> None:  # type: ignore[no-untyped-def]
    t = alignment.thresholds
    for m in alignment.suggestions:
        assert m.probability is not None and 0.0 <= m.probability <= 1.0
        expected = (
            "answered" if m.probability >= t.answered else "partly" if m.probability >= t.partly else "unanswered"
        )
        if m.basis == "siblings":  # the sibling rule lifts an unanswered suggestion to partly (test_siblings)
            assert (expected, m.verdict) == ("unanswered", "partly")
        else:
            assert m.basis == "model" and m.verdict == expected


def test_openings_and_closings_never_rank_first_nor_answer(alignment) -> None:  # type: ignore[no-untyped-def]
    for m in alignment.suggestions:
        assert m.ranked[0][0].kind not in ("opening", "closing", "header")
        for k, (u, _) in enumerate(m.ranked[: len(m.unit_probability)]):
            if u.kind in ("opening", "closing", "header"):
                assert m.unit_probability[k] == 0.0
    assert all(u.kind not in ("opening", "closing") or u in alignment.unused_reply_units for u in alignment.reply_units)


def test_explanations_name_covered_and_missing_terms(alignment) -> None:  # type: ignore[no-untyped-def]
    second, fourth = alignment.suggestions[1], alignment.suggestions[3]
    assert "人行横道" in second.covered, second.covered
    # 柳湾/青石 name the setting every suggestion shares: they are no suggestion's own terms
    assert not {"柳湾", "青石", "柳湾镇", "青石村"} & set(second.covered + second.missing)
    assert any("果蔬" in w for w in fourth.missing), fourth.missing
    assert second.cue in CUES
    d = alignment.suggestions[0].to_dict()
    assert {"covered", "missing", "cue", "probability"} <= set(d)
    json.dumps(alignment.to_dict(), ensure_ascii=False)
    report = alignment.report(lang="en")
    assert "not covered: " in report and "covered: " in report


def test_thresholds_default_to_the_model_and_can_be_overridden() -> None:
    model = default_answer_model()
    t = Thresholds()
    assert (t.answered, t.partly) == (model.answered, model.partly)
    everything = dataclasses.replace(t, answered=0.0, partly=0.0)
    al = match(PROPOSAL, REPLY, thresholds=everything)
    assert all(m.verdict == "answered" for m in al.suggestions)
    nothing = dataclasses.replace(t, answered=1.0, partly=1.0)
    assert all(m.verdict == "unanswered" for m in match(PROPOSAL, REPLY, thresholds=nothing).suggestions)
    with pytest.raises(InputValueError, match="partly"):
        Thresholds(answered=0.2, partly=0.5)
    with pytest.raises(InputValueError, match="probability"):
        Thresholds(answered=1.5)


def test_old_constructors_of_suggestion_match_still_work(alignment) -> None:  # type: ignore[no-untyped-def]
    from proposalnlp.matching import SuggestionMatch

    m = alignment.suggestions[0]
    old = SuggestionMatch(m.suggestion, m.ranked, "partly", m.support)
    assert old.covered == [] and old.missing == [] and old.cue is None and old.probability is None
    assert old.to_dict()["verdict"] == "partly"


# -- features -------------------------------------------------------------------------------------------
def test_specific_terms_keep_names_and_drop_policy_words() -> None:
    terms = specific_terms("建议加大财政资金支持力度，对青石村果蔬仓储中心给予补贴")
    assert any("果蔬" in t for t in terms)
    assert not {"财政", "资金", "支持", "力度"} & set(terms)


def test_cues() -> None:
    assert cue_of("该路段已完成施工招标，十月底开工。") == "action"
    assert cue_of("我们将于明年把该项目纳入建设计划。") == "plan"
    assert cue_of("因不符合规划要求，暂不具备建设条件。") == "refusal"
    assert cue_of("您的来信已转交县水利局办理。") == "forwarding"
    assert cue_of("感谢您对我们工作的关心和支持！") == "framing"
    assert cue_of("青石村位于柳湾镇西侧。") is None


def test_pair_features_see_the_request_in_the_text() -> None:
    req = prepare_request("建议在青石村建设果蔬仓储中心", None)
    near = pair_features(req, "青石村果蔬仓储中心已列入明年建设计划。", (0.5, 0.5, 0.5))
    far = pair_features(req, "县城夜间公交增开两趟班次。", (0.5, 0.5, 0.5))
    assert near.shape == (len(PAIR_FEATURES),)
    for name in ("specific", "specific_bigram", "run", "names"):
        i = PAIR_FEATURES.index(name)
        assert near[i] > far[i], name
    covered, missing = covered_terms("建议在青石村建设果蔬仓储中心", "青石村已有仓库。")
    assert any("青石" in w for w in covered) and any("果蔬" in w for w in missing)


def _longest_common_run_naive(a: str, b: str) -> int:
    return max((j - i for i in range(len(a)) for j in range(i + 1, len(a) + 1) if a[i:j] in b), default=0)


def test_longest_common_run_is_exact() -> None:
    """The pruned search (a run needs its two-character pieces in the text) finds what a search of every
    substring finds, punctuation, letters and digits included."""
    cases = [
        ("建议在青石村建设果蔬仓储中心", "青石村果蔬仓储中心已列入计划。"),
        ("路灯不亮，井盖噪音", "路灯已修复；井盖噪音问题已处理。"),
        ("a3区12栋", "A3区的12栋"),
        ("", "路灯"),
        ("路灯", ""),
        ("，，", "，，，"),
    ]
    rng = np.random.default_rng(3)
    alphabet = list("路灯井盖，。小区a1维修已")
    for _ in range(400):
        a = "".join(rng.choice(alphabet, size=int(rng.integers(0, 14))))
        b = "".join(rng.choice(alphabet, size=int(rng.integers(0, 30))))
        cases.append((a, b))
    for a, b in cases:
        assert longest_common_run(a, b) == _longest_common_run_naive(a, b), (a, b)
        assert longest_common_run(a, b, char_pairs(b)) == _longest_common_run_naive(a, b), (a, b)
    assert longest_common_run("青石村果蔬", "青石村有果蔬") == 3


# -- the model folder ---------------------------------------------------------------------------------------
def _toy(n: int = len(MODEL_FEATURES)) -> AnswerModel:
    rng = np.random.default_rng(0)
    arrays = {"mean": np.zeros(n), "scale": np.ones(n), "coef": rng.normal(size=n)}
    return AnswerModel("logistic", arrays, -0.5, 0.7, 0.3)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = _toy()
    folder = save_answer_model(model, tmp_path / "m", info={"note": "toy"})
    (folder / "README.md").write_text("card", encoding="utf-8")
    back = load_answer_model(folder)
    x = np.random.default_rng(1).normal(size=(5, len(MODEL_FEATURES)))
    assert np.allclose(back.predict_proba(x), model.predict_proba(x))
    assert (back.answered, back.partly) == (0.7, 0.3)
    save_answer_model(model, folder)  # a second save keeps the model card
    assert (folder / "README.md").read_text(encoding="utf-8") == "card"


def test_loading_refuses_unsafe_or_changed_folders(tmp_path: Path) -> None:
    folder = save_answer_model(_toy(), tmp_path / "m")
    bad = tmp_path / "pickled"
    shutil.copytree(folder, bad)
    (bad / "model.pkl").write_bytes(b"\x80\x04")
    with pytest.raises(UnsafeModelError, match=r"model\.pkl"):
        load_answer_model(bad)
    changed = tmp_path / "changed"
    shutil.copytree(folder, changed)
    np.save(changed / "coef.npy", np.zeros(len(MODEL_FEATURES)), allow_pickle=False)
    with pytest.raises(ModelIntegrityError, match=r"coef\.npy"):
        load_answer_model(changed)
    tampered = tmp_path / "tampered"
    shutil.copytree(folder, tampered)
    manifest = json.loads((tampered / "manifest.json").read_text(encoding="utf-8"))
    manifest["thresholds"]["partly"] = 0.01
    (tampered / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="settings_sha256"):
        load_answer_model(tampered)
    with pytest.raises(ModelIntegrityError, match="pinned"):
        load_answer_model(folder, expected_manifest_sha256="0" * 64)
    pkl = tmp_path / "model.joblib"
    pkl.write_bytes(b"\x80\x04")
    with pytest.raises(UnsafeModelError, match="pickle"):
        load_answer_model(pkl)
    with pytest.raises(ModelFormatError, match="thresholds"):
        AnswerModel(
            "logistic",
            {"mean": np.zeros(3), "scale": np.ones(3), "coef": np.ones(3)},
            0.0,
            0.2,
            0.5,
            MODEL_FEATURES[:3],
        )
    with pytest.raises(ModelFormatError, match="kind"):
        AnswerModel("pickle", {}, 0.0, 0.5, 0.2)


def test_exported_trees_reproduce_scikit_learn(tmp_path: Path) -> None:
    """The numpy traversal of a saved tree ensemble gives scikit-learn's own decision values."""
    import sys

    from sklearn.ensemble import HistGradientBoostingClassifier

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_answer_model import export_trees

    rng = np.random.default_rng(3)
    n = len(MODEL_FEATURES)
    x = rng.normal(size=(400, n))
    y = (x[:, 0] + x[:, 5] * x[:, 7] + 0.3 * rng.normal(size=400) > 0).astype(int)
    hgb = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
    model = AnswerModel("trees", export_trees(hgb), float(np.ravel(hgb._baseline_prediction)[0]), 0.7, 0.3)
    back = load_answer_model(save_answer_model(model, tmp_path / "trees"))
    test = rng.normal(size=(50, n))
    assert np.allclose(back.decision(test), hgb.decision_function(test))
    broken = dict(model.arrays)
    broken["left"] = broken["left"].copy()
    broken["left"][np.flatnonzero(broken["leaf"] < 0.5)[0]] = 10**7
    with pytest.raises(ModelFormatError, match="left"):
        AnswerModel("trees", broken, 0.0, 0.7, 0.3)


def test_the_bundled_model_is_pinned_and_numpy_only() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from proposalnlp.matching.answer import default_answer_model; default_answer_model(); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
    model = default_answer_model()
    assert set(model.features) <= set(MODEL_FEATURES) and 0.0 < model.partly <= model.answered < 1.0


def test_a_letter_header_never_answers() -> None:
    """A reply letter's header (category, 公开, 文号, its own title) is framing: it restates the proposal's
    subject word for word, yet it never ranks first and never answers."""
    header = "类别：A类\n公开类型：主动公开\n县交通函〔2024〕18号\n关于改善柳湾镇群众出行条件的建议的答复\n"
    header_reply = header + REPLY
    al = match(PROPOSAL, header_reply)
    assert any(u.kind == "header" for u in al.reply_units), [u.kind for u in al.reply_units]
    for m in al.suggestions:
        assert m.ranked[0][0].kind != "header"
    assert all(u in al.unused_reply_units for u in al.reply_units if u.kind == "header")


def test_message_sentences_are_point_sized_requests() -> None:
    """The sentence-level check of eval_verdicts splits a message at sentence ends, drops fragments (您好。)."""
    from devtools.answer_data import SENTENCE_MIN, message_sentences

    msg = "您好。我们小区门口的路灯已经坏了两个月，晚上出行很不方便！希望尽快修复路灯；另外井盖噪音也请处理。"
    got = message_sentences(msg)
    first = "我们小区门口的路灯已经坏了两个月，晚上出行很不方便！"
    assert got == [first, "希望尽快修复路灯；", "另外井盖噪音也请处理。"]
    assert all(len(s) >= SENTENCE_MIN for s in got)


def test_shown_names_are_whole_words() -> None:
    """A name caught across words (支持龙头企业与农业大学 → 持龙头企业与农业大学; 出台县域 → 出台县) is not
    shown as a term; the whole-word name inside it is (农业大学)."""
    request = "建议支持龙头企业与农业大学共建实验室，尽快出台县域扶持办法。"
    covered, missing = covered_terms(request, "市农业农村局已与农业大学签订合作协议。")
    shown = covered + missing
    assert "农业大学" in covered
    assert not any(t.startswith("持") or t.endswith("出台县") for t in shown), shown


def test_a_compound_term_with_a_modifier_inside_is_covered() -> None:
    """数字化车间 is covered by a unit that says 数字化示范车间 (a modifier inside the compound), not by one
    that names 数字化 and 车间 far apart or in the other order."""
    request = "建议每年遴选一批数字化车间，给予奖励。"
    covered, missing = covered_terms(request, "今年共评定市级数字化示范车间12个。")
    assert "数字化车间" in covered and "数字化车间" not in missing
    far = "车间设备陈旧，企业普遍缺少资金推进数字化改造。"
    covered_far, missing_far = covered_terms(request, far)
    assert "数字化车间" in missing_far and "数字化车间" not in covered_far
    loose = "推进数字化转型，改造生产车间。"
    assert "数字化车间" in covered_terms(request, loose)[1]


def test_shown_names_lose_the_general_words_they_were_caught_with() -> None:
    """A place's name does not start with the policy words before it (尽快修复星湖小区 → 星湖小区, 加快推进东风路
    → 东风路); a name left with nothing but its kind (推动银行 → 银行) is not shown as a name; a word inside a
    shown name (星湖 in 星湖小区) is shown as the name."""
    request = "建议尽快修复星湖小区门口的路灯，加快推进东风路改造，推动银行开发专项贷款。"
    covered, missing = covered_terms(request, "星湖小区门口的路灯已于上周更换。")
    shown = covered + missing
    assert "星湖小区" in covered and "东风路" in missing
    assert not any(t.startswith(("尽快", "修复", "加快", "推进", "推动")) for t in shown), shown
    assert "银行" not in shown and "星湖" not in shown, shown
