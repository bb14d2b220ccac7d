"""ThemeClassifier: the scikit-learn estimator contract, single- and multi-label behaviour, input checks,
determinism, explanations, evaluation, and that numpy inference equals the scikit-learn models."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from proposalnlp import Tokenizer
from proposalnlp.errors import InputTypeError, InputValueError, ModelFormatError
from proposalnlp.themes.metrics import evaluate, format_evaluation
from proposalnlp.themes.model import ThemeModel, split_sentences
from proposalnlp.themes.train import ThemeClassifier, best_f1_threshold, fit_platt

# Hand-written sentences in the style of proposals and replies (not taken from any real document).
TALENT = [
    "建议加大高层次人才引进力度，为引进的领军人才提供住房和子女入学保障",
    "依托职业院校开展技能培训，培养一批懂技术的产业工人",
    "完善人才评价机制，打通技能人才职称晋升通道",
    "组建专家服务团，定期深入企业开展智力帮扶",
    "加强企业家培训，每年组织中小企业经营者赴高校研修",
    "实施青年人才安居工程，留住本地培养的大学毕业生",
    "建立校企联合培养机制，按企业需求定向培养技术骨干",
    "对引进的博士和高级技师给予安家补贴和岗位津贴",
    "扩大职业教育招生规模，培养数字化转型急需的技能人才",
    "选派年轻干部到企业挂职锻炼，提升服务企业的专业能力",
]
FUNDING = [
    "设立中小企业转型升级专项资金，对技改项目给予贴息支持",
    "扩大政府性融资担保规模，降低小微企业贷款门槛",
    "落实研发费用加计扣除等税收优惠政策，减轻企业负担",
    "市财政每年安排奖补资金，对达标企业给予一次性奖励",
    "鼓励银行开发知识产权质押贷款产品，拓宽企业融资渠道",
    "设立产业引导基金，吸引社会资本投向重点产业",
    "对购买公共服务的费用纳入年度财政预算予以保障",
    "建立应急转贷资金池，缓解企业续贷时的资金周转压力",
    "加大信贷投放力度，对首次贷款企业实行利率优惠",
    "整合各类财政补贴资金，提高资金使用效益",
]
INNOVATION = [
    "推动企业实施智能化改造，建设一批数字化车间和智能工厂",
    "支持龙头企业建设省级研发中心和工程技术研究中心",
    "深化产学研合作，推动高校科研成果在本地转化",
    "鼓励中小企业上云用云，打造工业互联网平台",
    "实施技术改造示范工程，推广先进适用的节能技术",
    "加强知识产权保护，培育一批自主品牌和核心技术",
    "建设科技企业孵化器，支持新技术新产品的中试验证",
    "引导企业加大研发投入，开展关键核心技术攻关",
    "推广机器人和自动化生产线，提升制造环节的智能化水平",
    "支持医院和企业合作研发新型医疗设备",
]
AWARENESS = [
    "加强政策宣传解读，让企业知晓并用好各项扶持政策",
    "转变部分企业家安于现状的思想观念，增强主动转型的意识",
    "通过媒体宣传典型案例，营造全社会支持创新创业的氛围",
    "引导家长转变观念，正确看待职业教育的发展前景",
    "提高群众的环保意识和参与垃圾分类的积极性",
    "开展进企业进社区宣讲活动，增进群众对改革的理解",
    "部分企业对转型升级认识不足，积极性不高，存在等靠要思想",
    "加大舆论引导，树立尊重技能劳动的社会风尚",
    "利用新媒体平台普及政策知识，提高企业的知晓率",
    "激发企业主动作为的意愿，破除小富即安的观念",
]
NONE = [
    "成立由分管领导任组长的工作领导小组，定期召开联席会议",
    "感谢您对我市工作的关心和支持",
    "将该项工作纳入年度目标考核，实行季度通报制度",
    "全市规模以上工业增加值同比增长百分之六点五",
    "制定实施方案，明确责任分工和时间节点",
    "现将有关情况答复如下",
    "建立健全统计监测制度，按月报送工作进展",
    "欢迎继续对我们的工作提出意见和建议",
]
SINGLE_TEXTS = TALENT + FUNDING + INNOVATION + AWARENESS
SINGLE_LABELS = ["talent"] * 10 + ["funding"] * 10 + ["innovation"] * 10 + ["awareness"] * 10
MULTI_TEXTS = (
    SINGLE_TEXTS
    + NONE
    + [
        "设立人才发展专项资金，对引进的高端人才团队给予项目资助",
        "支持企业与高校共建研发平台，联合培养研究生",
    ]
)
MULTI_LABELS = [[x] for x in SINGLE_LABELS] + [[] for _ in NONE] + [["funding", "talent"], ["innovation", "talent"]]


@pytest.fixture(scope="module")
def single() -> ThemeClassifier:
    return ThemeClassifier().fit(SINGLE_TEXTS, SINGLE_LABELS)


@pytest.fixture(scope="module")
def multi() -> ThemeClassifier:
    return ThemeClassifier(min_df=1).fit(MULTI_TEXTS, MULTI_LABELS)


# -- estimator contract ------------------------------------------------------------------------------------
def test_params_roundtrip_and_clone() -> None:
    clf = ThemeClassifier(C=2.0, char_ngram_range=(1, 2), random_state=3)
    params = clf.get_params()
    assert params["C"] == 2.0 and params["char_ngram_range"] == (1, 2) and params["random_state"] == 3
    cloned = clone(clf)
    assert cloned is not clf and cloned.get_params() == params
    assert clf.set_params(C=0.1) is clf and clf.C == 0.1
    with pytest.raises(ValueError):
        clf.set_params(no_such_param=1)


def test_clone_keeps_a_custom_tokenizer() -> None:
    tok = Tokenizer(words=["数字化车间"])
    cloned = clone(ThemeClassifier(tokenizer=tok))
    assert isinstance(cloned.tokenizer, Tokenizer) and cloned.tokenizer == tok


def test_unfitted_predict_raises() -> None:
    with pytest.raises(NotFittedError):
        ThemeClassifier().predict(["加大资金支持"])


def test_fit_returns_self_and_single_label_outputs(single: ThemeClassifier) -> None:
    assert list(single.classes_) == sorted(set(SINGLE_LABELS))
    assert single.mode_ == "single"
    texts = ["对企业贷款给予财政贴息", "培养高技能人才", "建设智能工厂"]
    pred = single.predict(texts)
    assert all(isinstance(p, str) for p in pred)
    assert list(pred) == ["funding", "talent", "innovation"]
    proba = single.predict_proba(texts)
    assert proba.shape == (3, 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    dec = single.decision_function(texts)
    assert dec.shape == (3, 4)
    assert [single.classes_[k] for k in dec.argmax(axis=1)] == list(pred)
    assert 0.0 <= single.score(SINGLE_TEXTS, SINGLE_LABELS) <= 1.0


def test_multi_label_predicts_lists_and_empty(multi: ThemeClassifier) -> None:
    assert multi.mode_ == "multi"
    pred = multi.predict(["召开联席会议，明确责任分工", "设立专项资金，给予贷款贴息"])
    assert isinstance(pred, list) and all(isinstance(p, list) for p in pred)
    assert pred[0] == []
    assert pred[1] == ["funding"]
    proba = multi.predict_proba(["设立专项资金，给予贷款贴息"])
    assert proba.shape == (1, 4)
    assert ((proba >= 0) & (proba <= 1)).all()
    assert all(0 < t < 1 for t in multi.thresholds_)


def test_pipeline_and_pandas_series(single: ThemeClassifier) -> None:
    pipe = Pipeline([("strip", FunctionTransformer(lambda xs: [x.strip() for x in xs])), ("clf", clone(single))])
    series = pd.Series(SINGLE_TEXTS, index=range(100, 100 + len(SINGLE_TEXTS)))
    pipe.fit(series, pd.Series(SINGLE_LABELS, index=series.index))
    assert list(pipe.predict(pd.Series(["  加大贷款贴息力度  "], index=[7]))) == ["funding"]


def test_cross_val_score_and_grid_search() -> None:
    scores = cross_val_score(ThemeClassifier(cv=3), SINGLE_TEXTS, SINGLE_LABELS, cv=3, scoring="f1_macro")
    assert scores.shape == (3,)
    assert scores.mean() > 0.5  # four balanced classes: chance is 0.25
    grid = GridSearchCV(ThemeClassifier(cv=3), {"C": [0.3, 1.0]}, cv=3, scoring="f1_macro")
    grid.fit(SINGLE_TEXTS, SINGLE_LABELS)
    assert grid.best_params_["C"] in (0.3, 1.0)
    assert list(grid.predict(["引进高层次人才"])) == ["talent"]


def test_multi_label_cross_validation_with_kfold() -> None:
    def micro_f1(est: ThemeClassifier, X: list[str], y: list[list[str]]) -> float:
        return float(evaluate(est, X, y)["micro"]["f1"])

    scores = cross_val_score(
        ThemeClassifier(min_df=1, cv=3),
        MULTI_TEXTS,
        MULTI_LABELS,
        cv=KFold(3, shuffle=True, random_state=0),
        scoring=micro_f1,
    )
    assert scores.shape == (3,) and scores.mean() > 0.4


# -- input checks --------------------------------------------------------------------------------------------
def test_bare_string_is_refused(single: ThemeClassifier) -> None:
    with pytest.raises(InputTypeError, match="wrap"):
        single.predict("加大资金支持")
    with pytest.raises(InputTypeError, match="single str"):
        ThemeClassifier().fit("加大资金支持", ["funding"])


def test_non_str_items_name_the_index(single: ThemeClassifier) -> None:
    with pytest.raises(InputTypeError, match=r"X\[2\]"):
        single.predict(["培养人才", "设立基金", None])
    with pytest.raises(InputTypeError, match=r"X\[1\]"):
        single.predict(pd.Series(["培养人才", float("nan")]))
    with pytest.raises(InputTypeError, match="DataFrame"):
        single.predict(pd.DataFrame({"text": ["培养人才"]}))


def test_label_errors() -> None:
    with pytest.raises(InputValueError, match="labels"):
        ThemeClassifier().fit(["a", "b", "c"], ["x", "y"])
    with pytest.raises(InputValueError, match="mix"):
        ThemeClassifier().fit(["培养人才", "设立基金"], ["talent", ["funding"]])
    with pytest.raises(InputValueError, match="2 classes"):
        ThemeClassifier().fit(["培养人才", "引进人才"], ["talent", "talent"])
    with pytest.raises(InputTypeError, match=r"labels\[1\]"):
        ThemeClassifier().fit(["培养人才", "设立基金"], ["talent", 3])
    with pytest.raises(InputValueError, match="loss"):
        ThemeClassifier(loss="forest").fit(SINGLE_TEXTS, SINGLE_LABELS)


def test_generator_input_works(single: ThemeClassifier) -> None:
    assert list(single.predict(t for t in ["设立专项资金"])) == ["funding"]


# -- determinism and the fast path ----------------------------------------------------------------------------
def test_same_seed_same_model() -> None:
    a = ThemeClassifier(random_state=1).fit(MULTI_TEXTS, MULTI_LABELS)
    b = ThemeClassifier(random_state=1).fit(MULTI_TEXTS, MULTI_LABELS)
    probe = ["支持企业研发新产品", "加大宣传力度", "对小微企业贷款贴息"]
    np.testing.assert_array_equal(a.decision_function(probe), b.decision_function(probe))
    np.testing.assert_array_equal(a.thresholds_, b.thresholds_)


def test_numpy_inference_equals_sklearn_models(multi: ThemeClassifier) -> None:
    probe = [*MULTI_TEXTS[:10], "一段与训练数据无关的文字：天气晴朗", "人才 资金 创新 宣传"]
    feat = multi.model_.featurizer
    indptr, indices, data = feat.transform_csr(probe)
    X = sp.csr_matrix((data, indices, indptr), shape=(len(probe), feat.n_features))
    sk = np.column_stack([est.decision_function(X) for est in multi.estimators_])
    np.testing.assert_allclose(multi.decision_function(probe), sk, rtol=1e-10, atol=1e-12)
    one = np.vstack([multi.model_.decision_one(t) for t in probe])
    np.testing.assert_allclose(one, sk, rtol=1e-10, atol=1e-12)


def test_each_text_is_segmented_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = Tokenizer.engine_tokens
    original_joined = Tokenizer.engine_tokens_joined

    def counting_cut(self: Tokenizer, text: str, search: bool = False) -> list[str]:
        calls.append(text)
        return original(self, text, search)

    def counting_joined(self: Tokenizer, texts: list[str]) -> tuple[list[str], str] | None:
        cut = original_joined(self, texts)
        if cut is not None:  # a whole batch in one engine call; else the texts are cut one by one (engine_tokens)
            calls.extend(texts)
        return cut

    monkeypatch.setattr(Tokenizer, "engine_tokens", counting_cut)
    monkeypatch.setattr(Tokenizer, "engine_tokens_joined", counting_joined)
    clf = ThemeClassifier(cv=2, lead_weight=1).fit(SINGLE_TEXTS, SINGLE_LABELS)
    assert sorted(calls) == sorted(SINGLE_TEXTS)  # training: counting terms and building the matrix
    calls.clear()
    clf.model_.predict_proba(SINGLE_TEXTS)
    assert sorted(calls) == sorted(SINGLE_TEXTS)  # inference


# -- explanations ---------------------------------------------------------------------------------------------
def test_explain_names_the_terms_that_pushed_the_label(multi: ThemeClassifier) -> None:
    text = "设立专项资金，对小微企业贷款给予贴息"
    out = multi.explain(text, top=5)
    assert list(out) == multi.predict([text])[0] == ["funding"]
    terms = out["funding"]
    assert 0 < len(terms) <= 5
    weights = [t["weight"] for t in terms]
    assert all(w > 0 for w in weights) and weights == sorted(weights, reverse=True)
    # a word or a character n-gram (fit may weigh the character block up to 2x, CHAR_WEIGHTS)
    assert any(t["term"] in ("专项资金", "贷款", "贴息", "资金") for t in terms)
    assert all(t["term"] in text.replace("，", "") or " " in t["term"] for t in terms)
    asked = multi.explain(text, top=3, labels=["talent"])
    assert list(asked) == ["talent"] and len(asked["talent"]) <= 3


# -- calibration helpers ---------------------------------------------------------------------------------------
def test_platt_is_monotone_and_matches_frequencies() -> None:
    rng = np.random.default_rng(0)
    scores = rng.normal(size=4000)
    truth = (rng.random(4000) < 1 / (1 + np.exp(-2.0 * scores))).astype(int)
    a, b = fit_platt(scores, truth)
    assert a == pytest.approx(-2.0, abs=0.25) and b == pytest.approx(0.0, abs=0.15)


def test_best_threshold_separates_perfectly_separable_scores() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.3, 0.2])
    y = np.array([1, 1, 1, 0, 0])
    thr, f1 = best_f1_threshold(p, y)
    assert 0.3 < thr < 0.7 and f1 == 1.0


# -- evaluation ------------------------------------------------------------------------------------------------
def test_evaluate_single_label_matches_sklearn(single: ThemeClassifier) -> None:
    texts = ["对企业贷款给予财政贴息", "培养高技能人才", "建设智能工厂", "加强宣传引导", "引进专家团队"]
    truth = ["funding", "talent", "innovation", "awareness", "innovation"]
    report = evaluate(single, texts, truth)
    pred = single.predict(texts)
    assert report["macro"]["f1"] == pytest.approx(f1_score(truth, pred, average="macro", labels=report["labels"]))
    cm = np.array(report["confusion_matrix"]["matrix"])
    assert cm.shape == (4, 4) and cm.sum() == len(texts)
    assert cm.trace() == sum(p == t for p, t in zip(pred, truth, strict=True))
    assert set(report["per_label"]) == set(single.classes_)
    assert "confusion matrix" in format_evaluation(report)


def test_evaluate_multi_label_reports_empty_rate(multi: ThemeClassifier) -> None:
    texts = ["定期召开联席会议", "设立专项资金贴息", "引进领军人才"]
    report = evaluate(multi, texts, [[], ["funding"], ["talent"]])
    assert report["mode"] == "multi"
    assert report["empty"]["n_true_empty"] == 1
    assert set(report["confusion_matrix"]["funding"]) == {"tp", "fp", "fn", "tn"}
    assert "exact match" in format_evaluation(report)


def test_predict_is_thread_safe(multi: ThemeClassifier) -> None:
    probe = MULTI_TEXTS * 3
    expected = multi.predict_proba(probe)
    results: list[np.ndarray] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(multi.predict_proba(probe))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for r in results:
        np.testing.assert_array_equal(r, expected)


# -- command line ------------------------------------------------------------------------------------------------
def test_cli_train_evaluate_classify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from proposalnlp.cli import main

    data = tmp_path / "data.csv"
    with open(data, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "themes"])
        for text, labels in zip(MULTI_TEXTS, MULTI_LABELS, strict=True):
            w.writerow([text, "|".join(labels)])
    model = tmp_path / "model"
    assert (
        main(
            [
                "train",
                str(data),
                "--text-column",
                "text",
                "--label-column",
                "themes",
                "--label-sep",
                "|",
                "--param",
                "min_df=1",
                "-o",
                str(model),
            ]
        )
        == 0
    )
    assert "已用 50 条文本训练多标签模型" in capsys.readouterr().out
    assert main(["evaluate", str(model), str(data), "--label-column", "themes", "--label-sep", "|", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["per_label"]) == {"awareness", "funding", "innovation", "talent"}
    assert {"macro", "micro", "confusion_matrix"} <= set(report)
    labelled = [str(model), str(data), "--label-column", "themes", "--label-sep", "|"]
    assert main(["evaluate", *labelled]) == 0
    assert "宏平均" in capsys.readouterr().out  # the table's headings in the command line's language
    assert main(["evaluate", *labelled, "--lang", "en"]) == 0
    assert "macro avg" in capsys.readouterr().out
    assert main(["classify", "--model", str(model), "--json", "设立专项资金，给予贷款贴息"]) == 0
    assert json.loads(capsys.readouterr().out)["themes"] == ["funding"]
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps({"id": i, "body": t}, ensure_ascii=False) for i, t in enumerate(["引进领军人才", "加强宣传引导"])
        ),
        encoding="utf-8",
    )
    assert (
        main(
            [
                "classify",
                "--model",
                str(model),
                "--file",
                str(batch),
                "--text-column",
                "body",
                "--id-column",
                "id",
                "--json",
            ]
        )
        == 0
    )
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == [0, 1] and lines[0]["top"] == "talent"
    assert main(["train", str(data), "--label-column", "nope", "-o", str(tmp_path / "m2"), "--lang", "en"]) == 1
    assert "no column 'nope'" in capsys.readouterr().err


def test_cli_single_label_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from proposalnlp.cli import main

    data = tmp_path / "data.jsonl"
    data.write_text(
        "\n".join(
            json.dumps({"text": t, "label": y}, ensure_ascii=False)
            for t, y in zip(SINGLE_TEXTS, SINGLE_LABELS, strict=True)
        ),
        encoding="utf-8",
    )
    model = tmp_path / "model"
    assert main(["train", str(data), "-o", str(model), "--param", "cv=2"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(model), str(data)]) == 0
    out = capsys.readouterr().out
    assert "混淆矩阵" in out and "准确率" in out


def test_classify_many_parallel_with_an_unsaved_model(multi: ThemeClassifier) -> None:
    from proposalnlp import classify_many

    texts = MULTI_TEXTS * 2
    assert classify_many(texts, n_jobs=2, model=multi, batch_size=10) == classify_many(texts, model=multi)


def test_lead_weight_counts_the_first_sentence_again(tmp_path: Path) -> None:
    from proposalnlp import Tokenizer
    from proposalnlp.features import lead_length

    # hand-written: a heading sentence, then the body
    text = "二、拓宽企业融资渠道。建议组织专家进企业，帮助解决技术难题。"
    engine_tokens = Tokenizer().engine_tokens
    tokens = engine_tokens(text)
    assert "".join(tokens[: lead_length(tokens)]) == "二、拓宽企业融资渠道"
    for one_sentence in ("只有一句话。", "没有句号", "只有一句话。\n  ", "第一句！"):
        assert lead_length(engine_tokens(one_sentence)) == 0
    assert "".join((t := engine_tokens("标题\n正文一句。"))[: lead_length(t)]) == "标题"
    plain = ThemeClassifier(min_df=1).fit(MULTI_TEXTS, MULTI_LABELS)
    lead = ThemeClassifier(min_df=1, lead_weight=2).fit(MULTI_TEXTS, MULTI_LABELS)
    counts_plain = plain.model_.featurizer.term_counts(text)
    counts_lead = lead.model_.featurizer.term_counts(text)
    assert counts_plain[("融资渠道", "word")] == 1 and counts_lead[("融资渠道", "word")] == 3
    assert counts_lead[("专家", "word")] == 1
    k = list(lead.classes_).index("funding")
    assert lead.decision_function([text])[0, k] > plain.decision_function([text])[0, k]
    loaded = ThemeClassifier.load(lead.save(tmp_path / "lead"))
    assert loaded.lead_weight == 2 and loaded.model_.featurizer.lead_weight == 2
    np.testing.assert_array_equal(loaded.decision_function([text]), lead.decision_function([text]))
    with pytest.raises(InputValueError, match="lead_weight"):
        ThemeClassifier(lead_weight=-1).fit(MULTI_TEXTS, MULTI_LABELS)


# -- sentence pooling and grouped folds (issue 13) -------------------------------------------------------------
# A long unit in the style of a proposal: three administrative sentences and one sub-point about money.
LONG_UNIT = (
    "成立由分管领导任组长的工作领导小组，定期召开联席会议，研究解决推进中的重大问题。"
    "制定实施方案，明确各部门的责任分工和完成时间节点，按月报送工作进展情况。"
    "将该项工作纳入年度目标考核，实行季度通报制度，对工作滞后的地区进行督查。"
    "二是设立专项资金，对小微企业贷款给予财政贴息。"
)


def _pooled(clf: ThemeClassifier, weight: float, min_chars: int = 30) -> ThemeModel:
    m = clf.model_
    return ThemeModel(m.featurizer, m.labels, m.coef, m.intercept, m.platt_a, m.platt_b, m.thresholds,
                      pool=[weight] * len(m.labels), pool_min_chars=min_chars)


def test_split_sentences_joins_short_headings_to_what_follows() -> None:
    text = "一是加大投入。各级财政设立专项资金，支持企业技术改造；\n二是培养人才。引进高层次人才，完善激励机制。好"
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces == [
        "一是加大投入。各级财政设立专项资金，支持企业技术改造；",
        "二是培养人才。引进高层次人才，完善激励机制。好",
    ]
    assert split_sentences("只有一句话") == [(0, 5)]
    assert split_sentences("  ") == []


def test_pooling_lifts_a_theme_one_sentence_is_about(multi: ThemeClassifier) -> None:
    plain, pooled = multi.model_, _pooled(multi, 1.0)
    k = plain.labels.index("funding")
    whole = plain.decision_one(LONG_UNIT)[k]
    sentence = plain.decision_one("二是设立专项资金，对小微企业贷款给予财政贴息。")[k]
    assert sentence > whole  # the administrative sentences dilute the funding sub-point
    assert pooled.decision_one(LONG_UNIT)[k] == pytest.approx(sentence)
    assert "funding" in pooled.predict([LONG_UNIT])[0]
    # half weight: halfway between the whole unit and its best sentence
    assert _pooled(multi, 0.5).decision_one(LONG_UNIT)[k] == pytest.approx((whole + sentence) / 2)
    # a short text, or a text of one sentence, keeps its whole-text scores exactly
    for text in ("设立专项资金，对小微企业贷款给予财政贴息", LONG_UNIT):
        strict = _pooled(multi, 1.0, min_chars=len(LONG_UNIT) + 1)
        assert np.array_equal(strict.decision_one(text), plain.decision_one(text))
    # the same scores alone and in any batch
    texts = [LONG_UNIT, "感谢您的关心", LONG_UNIT[:60], LONG_UNIT * 2]
    batch = pooled.decision_function(texts)
    assert np.array_equal(batch, np.array([pooled.decision_one(t) for t in texts]))


def test_explain_names_the_sentence_that_carried_a_theme(multi: ThemeClassifier) -> None:
    out = _pooled(multi, 1.0).explain(LONG_UNIT, top=3, labels=["funding"])
    carrier = out["funding"][0]["sentence"]
    assert carrier["text"] == "二是设立专项资金，对小微企业贷款给予财政贴息。"
    assert LONG_UNIT[carrier["start"] : carrier["end"]] == carrier["text"] and carrier["index"] == 3
    assert all(t["term"] in carrier["text"].replace("，", "") or " " in t["term"] for t in out["funding"])
    assert all(t["sentence"] is None for t in multi.model_.explain(LONG_UNIT, labels=["funding"])["funding"])


def test_pooling_weights_are_learned_saved_and_loaded(tmp_path: Path) -> None:
    texts = [*MULTI_TEXTS, LONG_UNIT, LONG_UNIT.replace("小微企业贷款", "技改项目贷款")]
    labels = [*MULTI_LABELS, ["funding"], ["funding"]]
    clf = ThemeClassifier(min_df=1, cv=3, pooling="max", pool_min_chars=60).fit(texts, labels)
    assert clf.pool_ is None or set(clf.pool_.tolist()) <= {0.0, 0.25, 0.5, 0.75, 1.0}
    forced = _pooled(clf, 0.75, min_chars=60)
    clf.model_ = forced
    again = ThemeClassifier.load(clf.save(tmp_path / "m"))
    assert again.model_.pool is not None and again.model_.pool.tolist() == [0.75] * 4
    assert again.model_.pool_min_chars == 60
    assert np.array_equal(again.decision_function([LONG_UNIT]), forced.decision_function([LONG_UNIT]))
    with pytest.raises(ModelFormatError):
        ThemeModel(forced.featurizer, forced.labels, forced.coef, forced.intercept, forced.platt_a,
                   forced.platt_b, forced.thresholds, pool=[2.0] * 4)
    with pytest.raises(InputValueError):
        ThemeClassifier(pooling="mean").fit(MULTI_TEXTS, MULTI_LABELS)


def test_groups_keep_each_document_in_one_calibration_fold() -> None:
    groups = [f"doc{i % 7}" for i in range(len(MULTI_TEXTS))]
    clf = ThemeClassifier(min_df=1, cv=3).fit(MULTI_TEXTS, MULTI_LABELS, groups=groups)
    assert clf.predict(["设立专项资金，对小微企业贷款给予财政贴息"]) == [["funding"]]
    Y = np.zeros((len(groups), 1))
    for train, test in clf._splits(Y, False, np.array([int(g[3:]) for g in groups])):
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    with pytest.raises(InputValueError, match="groups"):
        ThemeClassifier().fit(MULTI_TEXTS, MULTI_LABELS, groups=groups[:-1])


def test_candidate_values_are_chosen_inside_fit_and_the_model_is_the_chosen_one() -> None:
    """Several values of C or char_weight: one is chosen on the held-out folds of fit, and the fitted model is
    the one a single value would give (no trace of the other candidates)."""
    single = ThemeClassifier(C=(0.1, 1.0, 10.0), char_weight=(0.5, 2.0), cv=3).fit(SINGLE_TEXTS, SINGLE_LABELS)
    assert single.char_weight_ in (0.5, 2.0) and single.model_.featurizer.char_weight == single.char_weight_
    assert len(set(single.C_)) == 1 and single.C_[0] in (0.1, 1.0, 10.0)  # one C for all labels (single-label)
    again = ThemeClassifier(C=float(single.C_[0]), char_weight=single.char_weight_, cv=3)
    again.fit(SINGLE_TEXTS, SINGLE_LABELS)
    probe = ["支持企业研发新产品", "加大宣传力度", "对小微企业贷款贴息"]
    np.testing.assert_allclose(single.decision_function(probe), again.decision_function(probe), atol=1e-9)

    multi = ThemeClassifier(min_df=1, C=[0.05, 5.0], char_weight=1.0).fit(MULTI_TEXTS, MULTI_LABELS)
    assert len(multi.C_) == len(multi.classes_) and set(multi.C_) <= {0.05, 5.0}  # one C per label
    assert multi.char_weight_ == 1.0 and multi.training_["C"] == list(multi.C_)
    plain = ThemeClassifier(min_df=1, C=1.0, char_weight=1.5).fit(MULTI_TEXTS, MULTI_LABELS)
    assert list(plain.C_) == [1.0] * len(plain.classes_) and plain.char_weight_ == 1.5


def test_invalid_candidate_values_are_refused() -> None:
    for bad in ([], (0.5, -1.0), "1.0", (1.0, float("nan"))):
        with pytest.raises(InputValueError, match="C must be"):
            ThemeClassifier(C=bad).fit(SINGLE_TEXTS, SINGLE_LABELS)
    with pytest.raises(InputValueError, match="char_weight must be"):
        ThemeClassifier(char_weight=(1.0, -0.5)).fit(SINGLE_TEXTS, SINGLE_LABELS)


def test_agreement_figures_of_two_passes() -> None:
    from devtools.annotate import agreement, cohen_kappa

    assert cohen_kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0
    first = {"u1": ["talent"], "u2": [], "u3": ["funding", "talent"], "u4": []}
    second = {"u1": ["talent"], "u2": ["talent"], "u3": ["funding"], "u4": [], "u9": ["funding"]}
    ag = agreement(first, second)
    assert ag["units"] == {"n": 4.0, "exact": 0.5}  # u9 is not shared
    assert ag["talent"]["f1"] == pytest.approx(0.5) and ag["funding"]["f1"] == 1.0
    assert ag["talent"]["kappa"] == pytest.approx(0.0)


def test_held_out_probabilities_of_fit_are_out_of_fold(multi: ThemeClassifier) -> None:
    """``oof_proba_``: one row per training text, probabilities from models that did not see the text, so the
    labelled themes score lower there than when the final model (which saw every text) scores them."""
    oof = np.asarray(multi.oof_proba_)
    classes = [str(c) for c in multi.classes_]
    assert oof.shape == (len(MULTI_TEXTS), len(classes))
    assert np.all((oof >= 0) & (oof <= 1))
    seen = np.asarray(multi.predict_proba(list(MULTI_TEXTS)))
    pos = np.array([[c in labs for c in classes] for labs in MULTI_LABELS])
    assert float(oof[pos].mean()) < float(seen[pos].mean())
    assert not np.allclose(oof, seen)
