"""A user's day, tenth round (task s18-qa): a researcher in a notebook trains a theme model on 60 sentences of
their own, labelled the ways people label (lists, a 0/1 matrix, one string each), tunes it with scikit-learn,
saves and loads it, reads a .docx, a .pdf and a saved page, and keeps the results as JSON.

Every text here is hand-written for the test (invented places, names and numbers); nothing of the shared corpus."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, MultiLabelBinarizer

import proposalnlp
from proposalnlp import ThemeClassifier
from proposalnlp.errors import ModelIntegrityError

THEMES = ["talent", "funding", "innovation", "awareness"]
ONE_THEME = {
    "talent": [
        "建议为返乡创业大学生提供技能培训", "加强乡村医生队伍建设，稳定基层医务人员", "引进高端装备制造领域的领军人才",
        "完善技工院校教师职称评审办法", "为青年科研人员提供人才公寓", "扩大职业院校订单式培养规模",
        "选派优秀干部到村任职锻炼", "建立退休专家返聘制度，发挥老专家作用", "加大对家政服务员的岗前培训",
        "鼓励高校毕业生到社区养老机构就业",
    ],
    "funding": [
        "设立县域特色产业发展专项资金", "对小微企业贷款给予贴息补助", "提高农村低保资金的发放标准",
        "加大财政对公立医院基础设施的投入", "扩大政府性融资担保基金规模", "对老旧小区改造给予市级补贴",
        "减免困难企业的城镇土地使用税", "统筹中央和省级预算资金支持水利建设", "设立文旅消费券，财政安排资金",
        "对首次购房的青年家庭发放购房补贴",
    ],
    "innovation": [
        "建设区域性中试基地，推动科研成果转化", "鼓励企业设立研发中心开展关键技术攻关", "推广智慧农业物联网监测技术",
        "支持高校与企业共建联合实验室", "加快工业互联网平台的应用推广", "推进人工智能在医疗影像诊断中的应用",
        "完善知识产权质押和专利转化机制", "发展新能源汽车电池回收新技术", "建设数字乡村综合信息平台",
        "开展新型储能技术的示范应用",
    ],
    "awareness": [
        "加强垃圾分类知识的宣传普及", "在中小学开展防溺水安全教育活动", "利用短视频平台宣传反诈骗知识",
        "提高居民对慢性病早期筛查的认识", "营造尊重劳动、崇尚技能的社会氛围", "加强对老年人的网络安全宣传",
        "开展节约用水主题宣传周活动", "引导群众树立移风易俗的文明新风", "通过媒体宣传典型人物事迹",
        "增强企业主的安全生产责任意识",
    ],
    "": [
        "规范会议纪要的报送程序", "优化政务大厅的排队叫号流程", "调整公交线路站点设置",
        "加强小区停车位的规划管理", "完善信访事项的办理时限", "整治背街小巷的占道经营",
        "改善农贸市场的卫生环境", "合理设置学校周边的红绿灯", "规范出租车的计价收费", "加强公园绿地的日常养护",
    ],
}
TWO_THEMES = [
    ("设立青年人才创新创业扶持资金", ["talent", "funding"]),
    ("对引进的科技人才给予安家补贴", ["talent", "funding"]),
    ("宣传科技创新典型，营造创新氛围", ["awareness", "innovation"]),
    ("开展专利知识普及宣传", ["awareness", "innovation"]),
    ("培养数字技术人才队伍", ["talent", "innovation"]),
    ("安排专项资金支持新技术研发", ["funding", "innovation"]),
    ("建立乡村教师培训经费保障机制", ["talent", "funding"]),
    ("宣传财政惠企政策，提高企业知晓率", ["awareness", "funding"]),
    ("加大对技术工人的奖励资金", ["talent", "funding"]),
    ("推广科普进社区活动", ["awareness"]),
]
TEXTS = [t for theme, ts in ONE_THEME.items() for t in ts] + [t for t, _ in TWO_THEMES]
LISTS = [[theme] if theme else [] for theme, ts in ONE_THEME.items() for _ in ts] + [labs for _, labs in TWO_THEMES]


@pytest.fixture(scope="module")
def matrix() -> np.ndarray:
    return MultiLabelBinarizer(classes=THEMES).fit_transform(LISTS)


@pytest.fixture(scope="module")
def by_lists() -> ThemeClassifier:
    return ThemeClassifier(cv=3).fit(TEXTS, LISTS)


@pytest.fixture(scope="module")
def by_matrix(matrix: np.ndarray) -> ThemeClassifier:
    return ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, matrix)


# -- 1. labels as a 0/1 matrix (what MultiLabelBinarizer gives), with the names of its columns ----------------------


def test_a_label_matrix_with_classes_trains_the_model_the_label_lists_train(
    by_lists: ThemeClassifier, by_matrix: ThemeClassifier
) -> None:
    assert list(by_matrix.classes_) == THEMES  # the columns' order, as given
    new = ["设立人才引进专项资金", "调整公交站点的设置", "推进新技术示范应用"]
    got = by_matrix.predict(new)
    assert isinstance(got, np.ndarray) and got.shape == (3, 4)  # answered as the labels came: a matrix
    as_lists = [[THEMES[k] for k in np.flatnonzero(row)] for row in got]
    assert [sorted(x) for x in as_lists] == [sorted(x) for x in by_lists.predict(new)]
    # classify() and the scores speak names, whatever form trained the model
    pred = proposalnlp.classify("设立人才引进专项资金", model=by_matrix)
    assert set(pred.scores) == set(THEMES) and sorted(pred.themes) == sorted(as_lists[0])


def test_a_label_matrix_without_classes_says_how_to_name_its_columns(matrix: np.ndarray) -> None:
    with pytest.raises(TypeError, match=r"ThemeClassifier\(classes="):
        ThemeClassifier(cv=3).fit(TEXTS, matrix)
    with pytest.raises(TypeError, match=r"classes="):  # rows of 0/1 as plain lists too
        ThemeClassifier(cv=3).fit(TEXTS, matrix.tolist())
    with pytest.raises(ValueError, match="5 columns but classes names 4"):
        ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, np.hstack([matrix, matrix[:, :1]]))
    bad = matrix.copy()
    bad[4, 2] = 2
    with pytest.raises(ValueError, match=r"labels\[4, 2\].*only 0 and 1"):
        ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, bad)


def test_integer_cv_scorers_and_grid_search_work_on_a_label_matrix(matrix: np.ndarray) -> None:
    """scikit-learn's helpers refuse label lists with an integer cv (they ask for a MultiLabelBinarizer matrix):
    the matrix they ask for works, with its own scorers."""
    scores = cross_val_score(ThemeClassifier(cv=3, classes=THEMES), TEXTS, matrix, cv=3, scoring="f1_micro")
    assert scores.shape == (3,) and np.all((scores > 0) & (scores <= 1))
    search = GridSearchCV(ThemeClassifier(cv=3, classes=THEMES), {"C": [0.3, 3.0]}, cv=3, scoring="f1_micro")
    search.fit(TEXTS, matrix)
    assert search.best_params_["C"] in (0.3, 3.0)
    assert search.predict(["设立人才引进专项资金"]).shape == (1, 4)
    # and a fitted search stands where a model does: its best estimator
    assert proposalnlp.classify("设立人才引进专项资金", model=search).scores.keys() == set(THEMES)


def test_the_matrix_form_survives_save_and_load(by_matrix: ThemeClassifier, tmp_path: Path) -> None:
    again = ThemeClassifier.load(by_matrix.save(tmp_path / "m"))
    new = ["设立人才引进专项资金", "调整公交站点的设置"]
    assert np.array_equal(again.predict(new), by_matrix.predict(new))
    assert list(again.classes_) == THEMES


# -- 2. labels with a mistake in them --------------------------------------------------------------------------------


def test_classes_refuse_a_typo_and_keep_a_theme_no_text_carries(matrix: np.ndarray) -> None:
    typo = [list(x) for x in LISTS]
    typo[3] = ["talnet"]
    with pytest.raises(ValueError, match=r"labels\[3\] holds 'talnet', which is not among classes"):
        ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, typo)
    # a theme no text carries (awareness left out of this year's labels) stays a label that is never predicted
    no_awareness = [[x for x in labs if x != "awareness"] for labs in LISTS]
    clf = ThemeClassifier(cv=3, classes=THEMES).fit(TEXTS, no_awareness)
    assert list(clf.classes_) == THEMES
    assert not any("awareness" in labs for labs in clf.predict(TEXTS))
    assert proposalnlp.classify("加强垃圾分类知识的宣传普及", model=clf).scores["awareness"] < 0.5
    summary = proposalnlp.classify_document("建议：\n一、加强防诈骗宣传。\n二、设立人才专项资金。\n", model=clf)
    assert summary.shares["awareness"] == 0.0  # named, with nothing in it: not lost from the table


def test_a_label_of_one_text_is_not_given_to_every_text(caplog: pytest.LogCaptureFixture) -> None:
    """A typo (one text labelled "talnet") used to get the held-out threshold 0.01 and was then predicted for
    all 60 texts: a label the folds cannot find better than by labelling everything keeps 0.5, with a warning."""
    typo = [list(x) for x in LISTS]
    typo[3] = ["talnet"]
    with caplog.at_level(logging.WARNING, logger="proposalnlp"):
        clf = ThemeClassifier(cv=3).fit(TEXTS, typo)
    assert "talnet" in list(clf.classes_)
    assert sum("talnet" in labs for labs in clf.predict(TEXTS)) <= 2
    assert "talnet" not in proposalnlp.classify("调整公交站点的设置", model=clf).themes
    assert any("'talnet'" in r.getMessage() for r in caplog.records)


def test_an_empty_or_joined_label_string_is_refused_with_what_to_give() -> None:
    one_each = [labs[0] if labs else "" for labs in LISTS]  # a spreadsheet column, blank for "none"
    with pytest.raises(ValueError, match=r"labels\[40\] is an empty string.*\[\]"):
        ThemeClassifier(cv=3).fit(TEXTS, one_each)
    joined = [",".join(labs) or "none" for labs in LISTS]  # lists saved as "talent,funding"
    with pytest.raises(ValueError, match=r"labels\[50\] is 'talent,funding': several labels"):
        ThemeClassifier(cv=3).fit(TEXTS, joined)
    with pytest.raises(ValueError, match="empty string"):
        ThemeClassifier(cv=3).fit(TEXTS, [[*labs, ""] if k == 7 else labs for k, labs in enumerate(LISTS)])


def test_one_string_per_text_with_a_none_class_still_trains() -> None:
    one_each = [labs[0] if labs else "none" for labs in LISTS]
    clf = ThemeClassifier(cv=3).fit(TEXTS, one_each)
    assert "none" in list(clf.classes_) and clf.predict(["调整公交站点的设置"]).shape == (1,)
    with pytest.raises(ValueError, match=r"\['extra'\] label no text"):
        ThemeClassifier(cv=3, classes=[*THEMES, "none", "extra"]).fit(TEXTS, one_each)


# -- 3. a model from a colleague: loaded pinned to the hash they sent --------------------------------------------------


def test_load_pins_a_model_to_its_manifest_hash(by_lists: ThemeClassifier, tmp_path: Path) -> None:
    mine = by_lists.save(tmp_path / "mine")
    pin = ThemeClassifier.load(mine).model_.manifest_sha256
    assert pin and ThemeClassifier.load(mine, expected_manifest_sha256=pin).predict(["设立人才引进专项资金"])
    other = ThemeClassifier(cv=3, C=0.3).fit(TEXTS, LISTS).save(tmp_path / "other")
    with pytest.raises(ModelIntegrityError, match="pinned SHA-256"):
        ThemeClassifier.load(other, expected_manifest_sha256=pin)


# -- 4. a Pipeline around the model ----------------------------------------------------------------------------------


def test_classify_takes_a_pipeline_of_the_model_and_refuses_one_that_would_skip_steps() -> None:
    alone = Pipeline([("themes", ThemeClassifier(cv=3))]).fit(TEXTS, LISTS)
    text = "设立人才引进专项资金"
    assert proposalnlp.classify(text, model=alone).themes == alone[-1].predict([text])[0]
    strip: Any = FunctionTransformer(lambda xs: [x.strip() for x in xs])
    with_step = make_pipeline(strip, ThemeClassifier(cv=3)).fit(TEXTS, LISTS)
    with pytest.raises(TypeError, match=r"steps before its model \(functiontransformer\).*pipeline\.predict"):
        proposalnlp.classify("设立人才引进专项资金", model=with_step)
    search = GridSearchCV(ThemeClassifier(cv=3), {"C": [1.0]}, cv=KFold(3, shuffle=True, random_state=0))
    search.fit(TEXTS, LISTS)  # label lists want a KFold object (an integer cv asks scikit-learn for a matrix)
    assert proposalnlp.classify_many(["设立人才引进专项资金"], model=search)[0].themes


# -- 5. documents of three formats, built on the fly; their results kept as JSON and read back ------------------------

PROPOSAL_LINES = [
    "关于加强乡村公共文化服务的提案",
    "建议：",
    "一、在每个行政村建设一所综合文化服务中心。",
    "二、为乡镇文化站配备专职管理人员。",
    "三、设立乡村文化活动专项经费。",
]
REPLY_LINES = [
    "王立新委员：",
    "您提出的《关于加强乡村公共文化服务的提案》收悉，现答复如下：",
    "一、今年全县新建村级综合文化服务中心四十五个，覆盖率达到百分之九十。",
    "二、县财政安排乡村文化活动经费三百万元，用于送戏下乡和群众文艺活动。",
    "感谢您对文化工作的关心和支持。",
    "县文化和旅游局",
    "2026年7月1日",
]
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _write(tmp_path: Path, fmt: str) -> Path:
    lines = PROPOSAL_LINES + REPLY_LINES
    path = tmp_path / f"提案答复.{fmt}"
    if fmt == "docx":
        docx = pytest.importorskip("docx", reason="the formats extra (python-docx) is not installed")
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
    elif fmt == "pdf":
        fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test extra) is not installed")
        pytest.importorskip("pypdf", reason="the formats extra (pypdf) is not installed")
        if not FONT.is_file():
            pytest.skip("the CJK font fonts-wqy-microhei is not installed (.ci/system-packages installs it)")
        pdf = fpdf.FPDF()
        pdf.add_page()
        pdf.add_font("wqy", fname=str(FONT))
        pdf.set_font("wqy", size=11)
        for line in lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.output(str(path))
    else:
        pytest.importorskip("lxml", reason="the formats extra (lxml) is not installed")
        body = "".join(f"<p>{line}</p>" for line in lines)
        page = (
            "<html><head><meta charset='utf-8'><title>提案答复</title></head><body>"
            "<div class='nav'>首页 | 政务公开 | 建议提案办理</div>"
            f"<div class='article'>{body}</div><div class='footer'>主办单位：某县人民政府办公室</div></body></html>"
        )
        path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_match_result_saved_as_json_reads_back_whole(tmp_path: Path, fmt: str) -> None:
    import dataclasses
    import json

    from proposalnlp.matching import Thresholds
    from proposalnlp.matching.results import Alignment

    doc = proposalnlp.read(_write(tmp_path, fmt))
    assert len(doc.suggestions) == 3 and doc.title == PROPOSAL_LINES[0]
    lenient = dataclasses.replace(Thresholds(), partly=0.2)
    alignment = proposalnlp.match(doc, thresholds=lenient, themes=True)
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(alignment.to_dict(), ensure_ascii=False), encoding="utf-8")
    back = Alignment.from_dict(json.loads(saved.read_text(encoding="utf-8")))
    assert back.to_dict() == alignment.to_dict()
    assert back.report() == alignment.report() and back.coverage == alignment.coverage
    assert back.thresholds.partly == 0.2 and back.themes == alignment.themes
    assert [m.best[0].text for m in back.suggestions if m.best] == [
        m.best[0].text for m in alignment.suggestions if m.best
    ]
    # the themes of the document, likewise
    summary = proposalnlp.classify_document(doc)
    again = type(summary).from_dict(json.loads(summary.to_json()))
    assert again == summary


def test_from_dict_says_what_it_needs() -> None:
    from proposalnlp.matching.results import Alignment

    with pytest.raises(ValueError, match=r"Alignment\.to_dict"):
        Alignment.from_dict({"file": "a.docx", "coverage": {}})  # a summary line of `match FILE FILE --json`


def test_match_of_two_files_in_json_says_what_each_suggestion_asks_and_the_thresholds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from cli_helpers import run_cli

    files = [_write(tmp_path, "docx"), _write(tmp_path, "html")]
    code, out, err = run_cli(["match", *map(str, files), "--json", "--partly", "0.2", "--no-themes"], capsys)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["file"]).suffix for r in rows] == [".docx", ".html"]
    for row in rows:
        assert row["thresholds"]["partly"] == 0.2
        assert [s["text"] for s in row["suggestions"]] == PROPOSAL_LINES[2:]
    # one file's --json is the whole result: it reads back as an Alignment
    from proposalnlp.matching.results import Alignment

    code, out, err = run_cli(["match", str(files[0]), "--json", "--partly", "0.2", "--no-themes"], capsys)
    assert code == 0, err
    back = Alignment.from_dict(json.loads(out))
    assert [m.verdict for m in back.suggestions] == [s["verdict"] for s in rows[0]["suggestions"]]


# -- 6. the model's reasons, and the model given to match() -----------------------------------------------------------


def test_explain_takes_one_label_name_as_a_label(by_lists: ThemeClassifier) -> None:
    one = by_lists.explain("设立人才引进专项资金", top=3, labels="talent")  # was read as 't', 'a', 'l'…
    assert list(one) == ["talent"] and one == by_lists.explain("设立人才引进专项资金", top=3, labels=["talent"])
    assert by_lists.explain("调整公交站点的设置") == {}  # no theme, nothing to explain; labels= asks anyway
    assert len(by_lists.explain("调整公交站点的设置", top=2, labels=["funding"])["funding"]) <= 2


def test_explain_of_a_unit_reads_it_with_its_kind(by_lists: ThemeClassifier, tmp_path: Path) -> None:
    from proposalnlp.themes.model import KindPrior

    clf = ThemeClassifier.load(by_lists.save(tmp_path / "m"))  # a copy: the prior is set on it alone
    clf.model_.kind_prior = KindPrior(1.5, ("background",), ("closing",))
    text = "感谢您对人才专项资金工作的关心"
    assert proposalnlp.classify(text, model=clf, kind="closing").themes == []
    assert clf.explain(text, kind="closing") == {}  # as classify reads it: a closing carries no theme
    assert clf.explain(text) == clf.model_.explain(text)


def test_match_uses_the_theme_model_it_is_given(by_lists: ThemeClassifier) -> None:
    suggestions = ["设立人才引进专项资金", "调整公交站点的设置"]
    reply = ["一、市财政今年设立人才引进专项资金五千万元。", "二、公交公司已调整三条线路的站点。"]
    given = proposalnlp.match(suggestions, reply, theme_model=by_lists)  # themes were dropped without themes=True
    assert given.themes == proposalnlp.match(suggestions, reply, themes=True, theme_model=by_lists).themes
    assert set(given.themes) == {"S1", "S2"} and given.themes["S2"] == []
    assert proposalnlp.match(suggestions, reply, themes=False, theme_model=by_lists).themes == {}
    assert proposalnlp.match(suggestions, reply).themes == {}  # no model given, no themes asked: as before


def test_evaluate_reads_the_label_matrix_the_model_was_fitted_on(
    by_matrix: ThemeClassifier, by_lists: ThemeClassifier, matrix: np.ndarray
) -> None:
    from proposalnlp.themes.metrics import evaluate

    report = evaluate(by_matrix, TEXTS, matrix)
    assert report == evaluate(by_matrix, TEXTS, LISTS)  # the same report as from the label lists
    # a model fitted on lists (its labels sorted) is told the matrix's column names, never guessed
    assert evaluate(by_lists, TEXTS, matrix, classes=THEMES) == evaluate(by_lists, TEXTS, LISTS)
    with pytest.raises(TypeError, match=r"classes="):
        evaluate(by_lists, TEXTS, matrix)
    with pytest.raises(ValueError, match="3 columns but classes names 4"):
        evaluate(by_matrix, TEXTS, matrix[:, :3])


def test_an_alignment_at_the_end_of_a_notebook_cell_shows_its_report() -> None:
    pretty = pytest.importorskip("IPython.lib.pretty", reason="IPython (test extra: ipykernel) is not installed")
    alignment = proposalnlp.match(proposalnlp.parse("\n".join(PROPOSAL_LINES + REPLY_LINES)))
    shown = pretty.pretty(alignment)
    assert shown == alignment.report() and "覆盖率" in shown
    assert len(shown) < len(repr(alignment)) / 3  # not the dataclass's wall of fields


def test_a_model_file_picked_instead_of_its_folder_is_named(by_lists: ThemeClassifier, tmp_path: Path) -> None:
    from proposalnlp.errors import ModelError

    folder = by_lists.save(tmp_path / "m")
    with pytest.raises(ModelError, match=r"manifest.*give the folder that holds it") as caught:
        ThemeClassifier.load(folder / "manifest.json")
    assert caught.value.key == "err.model_manifest_file" and str(folder) in str(caught.value)
    with pytest.raises(ModelError, match="is a file, not a model"):
        ThemeClassifier.load(folder / "coef.npy")
    pin = ThemeClassifier.load(folder).model_.manifest_sha256
    assert pin is not None  # pasted with a newline and in capitals, as a chat message may carry it
    assert ThemeClassifier.load(folder, expected_manifest_sha256=f" {pin.upper()}\n").classes_.tolist()


@pytest.mark.parametrize("how", ["str", "Path"])
def test_a_file_name_given_for_its_text_says_read_it(tmp_path: Path, how: str) -> None:
    """match("提案答复.docx") parsed the name as a document and answered "the proposal document holds no reply
    part"; a Path was "got PosixPath". Both now say to read the file."""
    path = _write(tmp_path, "docx")
    given: Any = str(path) if how == "str" else path
    for call in (proposalnlp.match, proposalnlp.classify_document, proposalnlp.parse):
        with pytest.raises((TypeError, ValueError), match=r"proposalnlp\.read\(path\)"):
            call(given)
    assert proposalnlp.match(proposalnlp.read(given)).coverage["total"] == 3  # what it should have been
    assert len(proposalnlp.parse("建议在社区设立一个读书角。").units) == 1  # a one-line text is still a text


def test_a_dataframe_of_0_1_theme_columns_names_its_labels(matrix: np.ndarray, by_matrix: ThemeClassifier) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": TEXTS, **{t: matrix[:, k] for k, t in enumerate(THEMES)}})
    clf = ThemeClassifier(cv=3).fit(frame["text"], frame[THEMES])  # was "got a DataFrame; pass e.g. df['label']"
    assert list(clf.classes_) == THEMES
    new = ["设立人才引进专项资金", "调整公交站点的设置"]
    assert np.array_equal(clf.predict(new), by_matrix.predict(new))
    assert clf.score(frame["text"], frame[THEMES]) == by_matrix.score(TEXTS, matrix)
    shuffled = frame[THEMES[::-1]]  # columns in another order, classes given: read by name
    again = ThemeClassifier(cv=3, classes=THEMES).fit(frame["text"], shuffled)
    assert np.array_equal(again.predict(new), by_matrix.predict(new))
    with pytest.raises(ValueError, match="are not the classes"):
        ThemeClassifier(cv=3, classes=[*THEMES[:3], "openness"]).fit(frame["text"], frame[THEMES])


def test_match_takes_its_thresholds_as_the_dict_a_result_gives_them() -> None:
    import dataclasses

    from proposalnlp.matching import Thresholds

    text = "\n".join(PROPOSAL_LINES + REPLY_LINES)
    lenient = proposalnlp.match(text, thresholds=dataclasses.replace(Thresholds(), partly=0.2))
    again = proposalnlp.match(text, thresholds=lenient.to_dict()["thresholds"])  # was "must be a Thresholds"
    assert again.to_dict() == lenient.to_dict()
    assert proposalnlp.match(text, thresholds={"partly": 0.2}).thresholds == lenient.thresholds
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['partial'\]"):
        proposalnlp.match(text, thresholds={"partial": 0.2})
    with pytest.raises(ValueError, match="cannot exceed answered"):
        proposalnlp.match(text, thresholds={"partly": 0.95})


def test_class_numbers_train_a_model_that_answers_in_numbers(tmp_path: Path) -> None:
    """cross_val_predict(method="predict_proba") encodes string labels as numbers 0..n-1 before it fits: the fit
    refused them ("labels[0] is int64")."""
    from sklearn.model_selection import cross_val_predict

    one_each = [labs[0] if labs else "none" for labs in LISTS]
    proba = cross_val_predict(ThemeClassifier(cv=3), TEXTS, one_each, cv=3, method="predict_proba")
    assert proba.shape == (60, 5) and np.allclose(proba.sum(axis=1), 1.0)
    names = sorted(set(one_each))
    numbers = np.array([names.index(x) for x in one_each])
    clf = ThemeClassifier(cv=3).fit(TEXTS, numbers)
    assert clf.classes_.tolist() == [0, 1, 2, 3, 4]
    by_name = ThemeClassifier(cv=3).fit(TEXTS, one_each)
    new = ["设立人才引进专项资金", "调整公交站点的设置"]
    assert [names[k] for k in clf.predict(new)] == list(by_name.predict(new))
    assert clf.score(TEXTS, numbers) == by_name.score(TEXTS, one_each)
    again = ThemeClassifier.load(clf.save(tmp_path / "numbers"))
    assert again.classes_.tolist() == [0, 1, 2, 3, 4] and again.predict(new).tolist() == clf.predict(new).tolist()
    with pytest.raises(TypeError, match=r"labels\[59\] is str.*mix class numbers \(int\) and single labels"):
        ThemeClassifier(cv=3).fit(TEXTS, [*numbers[:-1].tolist(), "none"])
