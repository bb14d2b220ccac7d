"""The dominance rule of the theme model: of the themes above their thresholds, a unit keeps those whose
probability is at least r times the highest of them. Runtime (labels_from and every path built on it), the
model folder's optional field, and the estimator's ``dominance`` parameter (a ratio or "cv")."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold

import proposalnlp.themes.api as themes
from proposalnlp.errors import InputValueError, ModelFormatError, ProposalNLPError
from proposalnlp.features import Featurizer
from proposalnlp.themes.folder import load_model, save_model
from proposalnlp.themes.metrics import evaluate
from proposalnlp.themes.model import ThemeModel
from proposalnlp.themes.train import DOMINANCE_RATIOS, ThemeClassifier, best_dominance

LABELS = ["awareness", "funding", "innovation", "talent"]

# Hand-written units in the style of proposals and replies (not taken from any real document).
TEXTS = [
    "建议加大高层次人才引进力度，为领军人才提供住房保障",
    "依托职业院校开展技能培训，培养一批产业工人",
    "完善人才评价机制，打通技能人才职称晋升通道",
    "设立中小企业转型升级专项资金，对技改项目给予贴息",
    "扩大政府性融资担保规模，降低小微企业贷款门槛",
    "市财政每年安排奖补资金，对达标企业给予一次性奖励",
    "推动企业实施智能化改造，建设数字化车间和智能工厂",
    "支持龙头企业建设研发中心，开展关键核心技术攻关",
    "深化产学研合作，推动高校科研成果在本地转化",
    "加强政策宣传解读，让企业知晓并用好扶持政策",
    "转变部分企业家安于现状的观念，增强主动转型的意识",
    "开展科普宣传进社区活动，提高群众的科学素养",
    "成立工作领导小组，定期召开联席会议",
    "现将有关情况答复如下",
    "设立人才发展专项资金，对引进的人才团队给予项目资助",
    "支持企业与高校共建研发平台，联合培养研究生",
    "安排科技专项资金，支持企业研发新产品",
    "加强创新文化宣传，营造鼓励创新的社会氛围",
]
THEMES_OF = [
    ["talent"], ["talent"], ["talent"], ["funding"], ["funding"], ["funding"], ["innovation"], ["innovation"],
    ["innovation"], ["awareness"], ["awareness"], ["awareness"], [], [], ["funding", "talent"],
    ["innovation", "talent"], ["funding", "innovation"], ["awareness", "innovation"],
]


# Units mixing two themes, one clearly ahead of the other for the small model below.
PROBES = [
    "引进高端人才，并对其创业项目给予资金扶持",
    "加大科普宣传，建设科技馆和创新平台",
    "安排专项资金支持企业技术改造和研发",
    "加强宣传引导，培养本地人才",
]


@pytest.fixture(scope="module")
def clf() -> ThemeClassifier:
    return ThemeClassifier(min_df=1, cv=3).fit(TEXTS * 2, THEMES_OF * 2)


@pytest.fixture(scope="module")
def featurizer(clf: ThemeClassifier) -> Featurizer:
    return clf.model_.featurizer


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def constant_model(
    featurizer: Featurizer, proba: list[float], thresholds: list[float], dominance: float = 0.0
) -> ThemeModel:
    """A model whose every text gets probabilities ``proba`` (zero weights, intercepts at their logits,
    identity calibration), so the rule's effect is exact."""
    n = len(proba)
    return ThemeModel(
        featurizer,
        LABELS[:n] if n <= len(LABELS) else [f"l{k}" for k in range(n)],
        np.zeros((featurizer.n_features, n)),
        np.array([_logit(p) for p in proba]),
        -np.ones(n),
        np.zeros(n),
        thresholds,
        dominance=dominance,
    )


def rule(proba: np.ndarray, thresholds: np.ndarray, ratio: float, labels: list[str]) -> list[list[str]]:
    """The rule written plainly, row by row: the reference the vectorised paths are checked against."""
    out = []
    for row in proba:
        above = [k for k in range(len(labels)) if row[k] >= thresholds[k]]
        top = max((row[k] for k in above), default=0.0)
        out.append([labels[k] for k in above if row[k] >= ratio * top])
    return out


# -- runtime ------------------------------------------------------------------------------------------------
def test_a_second_theme_far_below_the_first_is_dropped(featurizer: Featurizer) -> None:
    # funding 0.9, talent 0.3: both above their threshold 0.2; 0.3 < 0.5 x 0.9
    off = constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4)
    on = constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4, dominance=0.5)
    text = "设立人才发展专项资金"
    assert off.predict([text]) == [["funding", "talent"]]
    assert on.predict([text]) == [["funding"]]


def test_a_close_second_theme_is_kept(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.9, 0.05, 0.7], [0.2] * 4, dominance=0.5)
    assert model.predict(["设立人才发展专项资金"]) == [["funding", "talent"]]


def test_a_theme_equal_to_the_top_or_to_r_times_it_is_kept(featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.5, 0.05, 0.5], [0.2] * 4, dominance=0.9)
    assert model.predict(["任意一段文字"]) == [["funding", "talent"]]
    proba = np.array([[0.0, 0.5, 0.0, 0.25]])  # 0.25 is exactly 0.5 x 0.5
    model.dominance = 0.5
    assert model.labels_from(proba, proba) == [["funding", "talent"]]


def test_the_rule_never_removes_every_theme(featurizer: Featurizer) -> None:
    # awareness has the highest probability but is under its threshold: the reference is the highest theme
    # *above* its threshold (funding), which is always kept, at any ratio
    model = constant_model(featurizer, [0.8, 0.4, 0.05, 0.05], [0.9, 0.3, 0.3, 0.3], dominance=0.9)
    assert model.predict(["任意一段文字"]) == [["funding"]]
    rng = np.random.default_rng(7)
    proba = rng.random((500, 4))
    thresholds = np.array([0.3, 0.5, 0.6, 0.4])
    model.thresholds = thresholds
    for ratio in (0.0, 0.5, 0.99):
        model.dominance = ratio
        pred = model.labels_from(proba, proba)
        assert all(bool(p) == bool((row >= thresholds).any()) for p, row in zip(pred, proba, strict=True))


@pytest.mark.parametrize("n_labels", [4, 7])  # 4: the bit-code fast path over label subsets; 7: row by row
def test_batch_paths_equal_the_rule_row_by_row(featurizer: Featurizer, n_labels: int) -> None:
    rng = np.random.default_rng(n_labels)
    thresholds = rng.uniform(0.2, 0.6, n_labels)
    model = constant_model(featurizer, [0.5] * n_labels, thresholds.tolist())
    proba = rng.random((400, n_labels))
    proba[::7, 1] = proba[::7, 0]  # ties
    for ratio in (0.0, 0.3, 0.6, 0.9):
        model.dominance = ratio
        assert model.labels_from(proba, proba) == rule(proba, thresholds, ratio, model.labels)


def test_classify_predict_explain_and_evaluate_agree(clf: ThemeClassifier, featurizer: Featurizer) -> None:
    model = constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4, dominance=0.5)
    texts = ["设立人才发展专项资金", "支持企业与高校共建研发平台"]
    assert themes.classify(texts[0], model=model).themes == ["funding"]
    assert [p.themes for p in themes.classify_many(texts, model=model)] == [["funding"], ["funding"]]
    assert list(model.explain(texts[0])) == ["funding"]
    # a fitted classifier with the rule: every path gives the themes of the rule applied to its probabilities
    probes = [*TEXTS, *PROBES]
    off = clf.model_.predict(probes)
    clf.model_.dominance = 0.7
    try:
        pred = clf.predict(probes)
        assert pred == rule(clf.predict_proba(probes), clf.thresholds_, 0.7, clf.model_.labels)
        assert pred != off  # the rule changed something on these texts
        assert pred == clf.model_.predict(probes) == [p.themes for p in themes.classify_many(probes, model=clf)]
        assert pred == [themes.classify(t, model=clf).themes for t in probes]
        assert [sorted(clf.explain(t)) for t in probes] == [sorted(p) for p in pred]
        assert [bool(p) for p in pred] == [bool(p) for p in off]
        assert all(not p or themes.classify(t, model=clf).top in p for t, p in zip(probes, pred, strict=True))
    finally:
        clf.model_.dominance = 0.0


@pytest.mark.parametrize("bad", [1.0, -0.1, float("nan"), 2, "0.5", None, True])
def test_a_bad_ratio_is_refused(featurizer: Featurizer, bad: object) -> None:
    with pytest.raises(ModelFormatError, match="dominance"):
        constant_model(featurizer, [0.5] * 4, [0.5] * 4, dominance=bad)  # type: ignore[arg-type]
    model = constant_model(featurizer, [0.5] * 4, [0.5] * 4, dominance=0.4)
    with pytest.raises(ProposalNLPError, match="dominance"):
        model.dominance = bad  # type: ignore[assignment]
    assert model.dominance == 0.4  # unchanged by the refused value


def test_single_label_models_refuse_the_rule(featurizer: Featurizer) -> None:
    args = (featurizer, LABELS, np.zeros((featurizer.n_features, 4)), np.zeros(4), -np.ones(4), np.zeros(4), [0.5] * 4)
    assert ThemeModel(*args, mode="single").dominance == 0.0
    with pytest.raises(ModelFormatError, match="multi-label"):
        ThemeModel(*args, mode="single", dominance=0.5)


# -- model folders ------------------------------------------------------------------------------------------
def _rewrite(folder: Path, edit: dict[str, object], drop: tuple[str, ...] = ()) -> None:
    """Edit the manifest and recompute its settings digest (so the value checks are what must refuse it)."""
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest.update(edit)
    for key in drop:
        manifest.pop(key, None)
    body = {k: v for k, v in manifest.items() if k != "settings_sha256"}
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    (folder / "manifest.json").write_text(json.dumps({**body, "settings_sha256": digest}), "utf-8")


def test_save_and_load_keep_the_ratio(featurizer: Featurizer, tmp_path: Path) -> None:
    model = constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4, dominance=0.6)
    save_model(model, tmp_path / "m")
    assert json.loads((tmp_path / "m" / "manifest.json").read_text("utf-8"))["dominance"] == 0.6
    back = load_model(tmp_path / "m")
    assert back.dominance == 0.6
    assert back.predict(["设立人才发展专项资金"]) == model.predict(["设立人才发展专项资金"]) == [["funding"]]
    model.dominance = 0.0  # saved again without the rule: no field, loads as 0.0
    save_model(model, tmp_path / "m")
    assert "dominance" not in json.loads((tmp_path / "m" / "manifest.json").read_text("utf-8"))
    assert load_model(tmp_path / "m").dominance == 0.0


def test_a_folder_saved_before_the_rule_loads_without_it(featurizer: Featurizer, tmp_path: Path) -> None:
    save_model(constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4, dominance=0.6), tmp_path / "m")
    _rewrite(tmp_path / "m", {}, drop=("dominance",))
    old = load_model(tmp_path / "m")
    assert old.dominance == 0.0 and old.predict(["设立人才发展专项资金"]) == [["funding", "talent"]]


@pytest.mark.parametrize("bad", [1.0, 1.5, -0.2, "0.5", True, [0.5]])
def test_a_ratio_out_of_range_in_the_manifest_is_refused(featurizer: Featurizer, tmp_path: Path, bad: object) -> None:
    save_model(constant_model(featurizer, [0.05, 0.9, 0.05, 0.3], [0.2] * 4, dominance=0.6), tmp_path / "m")
    _rewrite(tmp_path / "m", {"dominance": bad})
    with pytest.raises(ModelFormatError, match="dominance"):
        load_model(tmp_path / "m")


# -- the estimator ------------------------------------------------------------------------------------------
def test_best_dominance_keeps_true_second_themes_and_drops_spurious_ones() -> None:
    thresholds = np.full(2, 0.3)
    # every unit is about theme 0; theme 1 passes its threshold on half of them, far below theme 0
    proba = np.array([[0.9, 0.4], [0.8, 0.1], [0.85, 0.35], [0.1, 0.9], [0.2, 0.8], [0.1, 0.1]])
    y = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 0]])
    ratio, macro = best_dominance(proba, thresholds, y)
    assert ratio > 0 and macro == 1.0
    # the same probabilities where the second themes are real: the rule would lose them, 0 is kept
    y_both = np.array([[1, 1], [1, 0], [1, 1], [0, 1], [0, 1], [0, 0]])
    assert best_dominance(proba, thresholds, y_both)[0] == 0.0
    assert best_dominance(proba, thresholds, y_both, ratios=(0.9, 0.5))[0] == 0.5  # ties: the smaller ratio


def test_estimator_parameter_and_fitted_ratio(clf: ThemeClassifier, tmp_path: Path) -> None:
    assert clf.get_params()["dominance"] == 0.0 and clf.dominance_ == 0.0
    est = ThemeClassifier(min_df=1, cv=3, dominance=0.7)
    assert clone(est).get_params()["dominance"] == 0.7
    assert est.set_params(dominance="cv").dominance == "cv"
    est.fit(TEXTS * 2, THEMES_OF * 2)
    assert est.dominance_ in DOMINANCE_RATIOS and est.model_.dominance == est.dominance_
    assert est.training_["dominance"] == est.dominance_
    fixed = ThemeClassifier(min_df=1, cv=3, dominance=0.7).fit(TEXTS * 2, THEMES_OF * 2)
    assert fixed.dominance_ == 0.7 and fixed.model_.dominance == 0.7
    back = ThemeClassifier.load(fixed.save(tmp_path / "m"))
    assert back.dominance_ == 0.7 and back.get_params()["dominance"] == 0.7
    assert back.predict(TEXTS) == fixed.predict(TEXTS)


def test_dominance_cv_is_chosen_on_the_held_out_folds_of_the_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    import proposalnlp.themes.train as train

    seen: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def spy(proba: np.ndarray, thresholds: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        seen.append((proba.copy(), thresholds.copy(), y.copy()))
        return 0.6, 1.0

    monkeypatch.setattr(train, "best_dominance", spy)
    est = ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(TEXTS * 2, THEMES_OF * 2)
    assert est.dominance_ == 0.6 and est.model_.dominance == 0.6
    (proba, thresholds, y), = seen
    # the held-out probabilities of every training text, the thresholds chosen on them, the 0/1 labels
    assert proba.shape == y.shape == (len(TEXTS) * 2, 4)
    assert np.array_equal(thresholds, est.thresholds_)
    assert y[:, list(est.classes_).index("talent")].sum() == 2 * sum("talent" in t for t in THEMES_OF)
    fitted = est.predict_proba(TEXTS * 2)
    assert not np.allclose(proba, fitted)  # held out, not the final model's own training scores
    off = ThemeClassifier(min_df=1, cv=3, dominance=0.0).fit(TEXTS * 2, THEMES_OF * 2)
    # same folds, same weights and thresholds: the rule is the only difference between the two models
    assert np.array_equal(est.thresholds_, off.thresholds_) and np.array_equal(est.model_.coef, off.model_.coef)
    assert not seen[1:]


@pytest.mark.parametrize("bad", ["CV", 1.0, -0.5, float("nan"), None, True, [0.5]])
def test_a_bad_dominance_parameter_is_refused_at_fit(bad: object) -> None:
    with pytest.raises(InputValueError, match="dominance"):
        ThemeClassifier(min_df=1, dominance=bad).fit(TEXTS, THEMES_OF)  # type: ignore[arg-type]


def test_grid_search_over_the_ratio() -> None:
    def micro_f1(est: ThemeClassifier, X: list[str], y: list[list[str]]) -> float:
        return float(evaluate(est, X, y)["micro"]["f1"])

    grid = GridSearchCV(
        ThemeClassifier(min_df=1, cv=2),
        {"dominance": [0.0, 0.6, "cv"]},
        cv=KFold(2, shuffle=True, random_state=0),
        scoring=micro_f1,
    )
    grid.fit(TEXTS * 2, THEMES_OF * 2)
    assert grid.best_params_["dominance"] in (0.0, 0.6, "cv")
    assert grid.best_estimator_.dominance_ in DOMINANCE_RATIOS


def test_single_label_fit_ignores_the_rule() -> None:
    texts = TEXTS[:12]
    labels = [t[0] for t in THEMES_OF[:12]]
    est = ThemeClassifier(min_df=1, cv=3, dominance="cv").fit(texts, labels)
    assert est.mode_ == "single" and est.dominance_ == 0.0
