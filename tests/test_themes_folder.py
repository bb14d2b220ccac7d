"""Model folders: round trip, manifest contents, and refusal of tampered, unknown or unsafe files
(never executing them); the classify API on a saved model; inference without scikit-learn."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import proposalnlp.themes.api as themes
from proposalnlp import ThemeClassifier
from proposalnlp.errors import (
    EmptyInputError,
    InputTypeError,
    ModelError,
    ModelFormatError,
    ModelIntegrityError,
    UnsafeModelError,
)
from proposalnlp.themes.folder import load_model
from proposalnlp.themes.model import ThemeModel

# Hand-written examples (not from any real document).
TEXTS = [
    "引进高层次人才并提供安家补贴",
    "开展职业技能培训，培养技术工人",
    "组建专家团队指导企业",
    "设立专项资金支持技术改造",
    "扩大融资担保，降低贷款利率",
    "落实税收优惠和财政奖补",
    "建设研发平台，推进智能化改造",
    "支持产学研合作和成果转化",
    "推广工业互联网和企业上云",
    "加强政策宣传，提高企业认识",
    "转变思想观念，增强创新意识",
    "营造重视技能的社会氛围",
    "召开联席会议，明确责任分工",
    "感谢对我们工作的支持",
]
LABELS = [["talent"]] * 3 + [["funding"]] * 3 + [["innovation"]] * 3 + [["awareness"]] * 3 + [[], []]
PROBE = ["对小微企业贷款给予贴息", "培养本地技能人才", "定期通报工作进展", "建设智能工厂和研发中心"]


class _Payload:
    """Unpickling this creates a marker file: proof that code ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


@pytest.fixture(scope="module")
def clf() -> ThemeClassifier:
    return ThemeClassifier(min_df=1, cv=3).fit(TEXTS * 2, LABELS * 2)


@pytest.fixture()
def saved(clf: ThemeClassifier, tmp_path: Path) -> Path:
    return clf.save(tmp_path / "model")


def _write_manifest(folder: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    """Write an edited manifest as a careful attacker would: with its settings digest recomputed, so that the
    deeper checks (file hashes, value ranges, file types) are what must refuse it."""
    body = {k: v for k, v in manifest.items() if k != "settings_sha256"}
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    (folder / "manifest.json").write_text(json.dumps({**body, "settings_sha256": digest}), "utf-8")


def _rehash(folder: Path, name: str) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["files"][name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    _write_manifest(folder, manifest)


def test_round_trip_gives_identical_predictions(clf: ThemeClassifier, saved: Path) -> None:
    loaded = ThemeClassifier.load(saved)
    np.testing.assert_array_equal(loaded.predict_proba(PROBE), clf.predict_proba(PROBE))
    np.testing.assert_array_equal(loaded.decision_function(PROBE), clf.decision_function(PROBE))
    assert loaded.predict(PROBE) == clf.predict(PROBE)
    assert loaded.get_params()["C"] == clf.C and loaded.char_ngram_range == clf.char_ngram_range
    runtime = load_model(saved)
    assert isinstance(runtime, ThemeModel)
    np.testing.assert_array_equal(runtime.predict_proba(PROBE), clf.predict_proba(PROBE))


def test_single_label_round_trip(tmp_path: Path) -> None:
    texts = [t for t, y in zip(TEXTS, LABELS, strict=True) if y] * 2
    labels = [y[0] for y in LABELS if y] * 2
    model = ThemeClassifier(min_df=1, cv=2).fit(texts, labels)
    loaded = ThemeClassifier.load(model.save(tmp_path / "single"))
    assert loaded.mode_ == "single"
    assert list(loaded.predict(PROBE)) == list(model.predict(PROBE))


def test_manifest_records_what_is_needed(clf: ThemeClassifier, saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == "proposalnlp.linear-text-model" and manifest["format_version"] == 1
    assert manifest["labels"] == list(clf.classes_) and manifest["mode"] == "multi"
    assert len(manifest["thresholds"]) == 4 and len(manifest["calibration"]["a"]) == 4
    assert {"numpy", "scikit-learn", "python"} <= set(manifest["dependencies"])
    assert manifest["library"]["proposalnlp"]
    assert manifest["tokenizer"]["dictionary_sha256"] == clf.model_.featurizer.tokenizer.dictionary_hash
    assert len(manifest["training"]["data_sha256"]) == 64
    assert manifest["training"]["n_texts"] == len(TEXTS) * 2
    assert "macro" in manifest["metrics"]
    files = set(manifest["files"])
    assert files == {p.name for p in saved.iterdir()} - {"manifest.json"}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((saved / name).read_bytes()).hexdigest() == digest
    assert not any(p.suffix in (".pkl", ".joblib", ".pickle") for p in saved.iterdir())


@pytest.mark.parametrize("name", ["coef.npy", "word_vocab.json", "tokenizer.json", "intercept.npy"])
def test_one_changed_byte_is_refused(saved: Path, name: str) -> None:
    path = saved / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=name):
        load_model(saved)


def test_missing_file_is_refused(saved: Path) -> None:
    (saved / "char_vocab.json").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_model(saved)


def test_unknown_format_version_is_named(saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text("utf-8"))
    manifest["format_version"] = 99
    _write_manifest(saved, manifest)
    with pytest.raises(ModelFormatError, match="99"):
        load_model(saved)


def test_not_a_model_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model folder"):
        load_model(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelFormatError, match=r"manifest\.json"):
        load_model(tmp_path / "empty")


def test_extra_pickle_in_folder_is_refused_and_never_run(saved: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (saved / "model.pkl").write_bytes(pickle.dumps(_Payload(str(marker))))
    with pytest.raises(UnsafeModelError, match=r"model\.pkl"):
        load_model(saved)
    assert not marker.exists()


def test_pickle_listed_in_manifest_is_refused(saved: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (saved / "extra.joblib").write_bytes(pickle.dumps(_Payload(str(marker))))
    _rehash(saved, "extra.joblib")
    with pytest.raises(UnsafeModelError, match=r"extra\.joblib"):
        load_model(saved)
    assert not marker.exists()


def test_pickle_file_path_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "model.joblib"
    path.write_bytes(pickle.dumps(_Payload(str(marker))))
    with pytest.raises(UnsafeModelError, match="pickle"):
        load_model(path)
    assert not marker.exists()


def test_object_array_is_refused_and_never_run(saved: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    arr = np.empty(1, dtype=object)
    arr[0] = _Payload(str(marker))
    with open(saved / "intercept.npy", "wb") as fh:
        np.save(fh, arr, allow_pickle=True)
    _rehash(saved, "intercept.npy")  # the hash is right: only the content type is wrong
    with pytest.raises(UnsafeModelError, match=r"intercept\.npy"):
        load_model(saved)
    assert not marker.exists()


def test_path_in_file_list_is_refused(saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text("utf-8"))
    manifest["files"]["../outside.json"] = "0" * 64
    _write_manifest(saved, manifest)
    with pytest.raises(UnsafeModelError, match="outside"):
        load_model(saved)


def test_model_card_is_allowed(clf: ThemeClassifier, saved: Path) -> None:
    (saved / "MODEL_CARD.md").write_text("# a model card\n", "utf-8")
    assert load_model(saved).predict(PROBE) == clf.predict(PROBE)


def test_saving_again_into_the_same_folder(clf: ThemeClassifier, saved: Path) -> None:
    clf.save(saved)
    assert load_model(saved).predict(PROBE) == clf.predict(PROBE)
    with pytest.raises(ModelError, match="folder"):
        clf.save(saved / "coef.npy")


def test_pinned_manifest_hash(saved: Path) -> None:
    digest = hashlib.sha256((saved / "manifest.json").read_bytes()).hexdigest()
    assert load_model(saved, expected_manifest_sha256=digest).labels
    with pytest.raises(ModelIntegrityError, match="pinned"):
        load_model(saved, expected_manifest_sha256="0" * 64)


# -- the classify API -----------------------------------------------------------------------------------------
def test_classify_returns_a_serialisable_prediction(clf: ThemeClassifier, saved: Path) -> None:
    model = load_model(saved)
    pred = themes.classify("对小微企业贷款给予贴息", model=model)
    assert set(pred.scores) == set(clf.classes_)
    assert pred.top == max(pred.scores, key=lambda k: pred.scores[k])
    assert all(pred.scores[t] >= 0 for t in pred.themes)
    assert json.loads(pred.to_json()) == pred.to_dict()
    assert pred.themes == clf.predict(["对小微企业贷款给予贴息"])[0]
    assert themes.classify("对小微企业贷款给予贴息", model=saved) == pred
    assert themes.classify("对小微企业贷款给予贴息", model=clf) == pred


def test_classify_input_errors(saved: Path) -> None:
    model = load_model(saved)
    with pytest.raises(InputTypeError):
        themes.classify(["一段文字"], model=model)  # type: ignore[arg-type]
    with pytest.raises(EmptyInputError):
        themes.classify("   ", model=model)
    with pytest.raises(InputTypeError, match="single str"):
        themes.classify_many("一段文字", model=model)
    with pytest.raises(EmptyInputError, match=r"texts\[1\]"):
        themes.classify_many(["一段文字", ""], model=model)
    with pytest.raises(InputTypeError, match="model"):
        themes.classify("一段文字", model=42)


def test_classify_many_matches_classify_and_parallel(saved: Path) -> None:
    model = load_model(saved)
    texts = pd.Series(PROBE * 5, index=range(50, 50 + 4 * 5))
    one_by_one = [themes.classify(t, model=model) for t in texts]
    batch = themes.classify_many(texts, model=model, batch_size=3)
    assert len(batch) == len(one_by_one)
    for a, b in zip(batch, one_by_one, strict=True):
        assert a.themes == b.themes and a.top == b.top
        assert a.scores == b.scores  # bit-identical: one scoring path for one text and for a batch
    parallel = themes.classify_many(iter(list(texts)), n_jobs=2, model=model, batch_size=4)
    assert parallel == batch


def test_classify_is_thread_safe(saved: Path) -> None:
    model = load_model(saved)
    texts = PROBE * 10
    expected = [themes.classify(t, model=model) for t in texts]
    out: dict[int, list[themes.ThemePrediction]] = {}

    def work(k: int) -> None:
        out[k] = [themes.classify(t, model=model) for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(out[k] == expected for k in range(4))


def test_classify_document_shares_weight_units_by_length(saved: Path) -> None:
    from proposalnlp.document import Document, Unit

    model = load_model(saved)
    long_funding = (
        "设立专项资金支持技术改造，扩大融资担保，降低贷款利率，落实税收优惠和财政奖补，对小微企业贷款给予贴息。"
    )
    short_talent = "培养技术工人。"
    text = long_funding + "\n" + short_talent
    n = len(long_funding)
    doc = Document(
        text=text,
        units=[
            Unit("S1", "proposal", "suggestion", 1, None, None, long_funding, 0, n),
            Unit("S2", "proposal", "suggestion", 1, None, None, short_talent, n + 1, len(text)),
        ],
    )
    result = themes.classify_document(doc, model=model)
    assert [u.unit_id for u in result.units] == ["S1", "S2"]
    assert result.units[0].prediction.themes == ["funding"] and result.units[1].prediction.themes == ["talent"]
    assert result.shares["funding"] == pytest.approx(len(long_funding) / (len(long_funding) + len(short_talent)))
    assert result.shares["funding"] > result.shares["talent"] > 0
    assert result.top == "funding" and result.themes[0] == "funding"
    assert json.loads(result.to_json())["top"] == "funding"
    from_text = themes.classify_document(text, model=model)  # parsed with proposalnlp.parse
    assert from_text.units and all(0.0 <= v <= 1.0 for v in from_text.shares.values())
    with pytest.raises(InputTypeError):
        themes.classify_document(3, model=model)


def test_default_model_loading_is_pinned(saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "themes-default"
    shutil.copytree(saved, folder)
    monkeypatch.setattr(themes, "default_model_path", lambda: folder)
    monkeypatch.setattr(themes, "_default", None)
    monkeypatch.setattr(themes, "DEFAULT_MODEL_SHA256", None)
    with pytest.raises(ModelError, match="not pinned"):
        themes.load_model()
    monkeypatch.setattr(themes, "DEFAULT_MODEL_SHA256", "0" * 64)
    with pytest.raises(ModelIntegrityError):
        themes.load_model()
    digest = hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    monkeypatch.setattr(themes, "DEFAULT_MODEL_SHA256", digest)
    first = themes.load_model()
    assert themes.load_model() is first  # loaded once
    assert themes.classify("培养本地技能人才").scores.keys() == set(first.labels)
    monkeypatch.setattr(themes, "_default", None)
    monkeypatch.setattr(themes, "default_model_path", lambda: tmp_path / "nothing")
    with pytest.raises(ModelError, match="missing"):
        themes.load_model()


def test_pin_default_model_writes_the_pin_file(saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pin = tmp_path / "default-model.sha256"
    monkeypatch.setattr(themes, "default_model_path", lambda: saved)
    monkeypatch.setattr(themes, "_default", None)
    monkeypatch.setattr(themes, "DEFAULT_MODEL_SHA256", None)
    digest = themes.pin_default_model(pin)
    assert digest == hashlib.sha256((saved / "manifest.json").read_bytes()).hexdigest()
    assert pin.read_text("ascii").strip() == digest
    assert themes.DEFAULT_MODEL_SHA256 == digest
    assert themes.load_model().manifest_sha256 == digest


def test_the_pin_file_pins_the_bundled_model() -> None:
    """The pin is package data beside the api module, and it matches the bundled model's manifest."""
    assert themes.PIN_FILE.is_file()
    digest = themes.PIN_FILE.read_text("ascii").strip()
    assert digest == hashlib.sha256((themes.default_model_path() / "manifest.json").read_bytes()).hexdigest()


def test_inference_does_not_import_sklearn(saved: Path) -> None:
    code = (
        "import sys, proposalnlp\n"
        f"m = proposalnlp.load_model({str(saved)!r})\n"
        "p = proposalnlp.classify('对小微企业贷款给予贴息', model=m)\n"
        "ps = proposalnlp.classify_many(['培养技能人才', '召开会议'], model=m)\n"
        "assert 'sklearn' not in sys.modules, 'scikit-learn was imported'\n"
        "print(p.top, len(ps))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[1] == "2"


def test_custom_tokenizer_travels_with_the_model(tmp_path: Path) -> None:
    from proposalnlp import Tokenizer

    tok = Tokenizer(words=["数字化车间"], stopwords=["建设"])
    model = ThemeClassifier(tokenizer=tok, min_df=1, cv=2).fit(TEXTS * 2, LABELS * 2)
    loaded = ThemeClassifier.load(model.save(tmp_path / "custom"))
    rebuilt = loaded.model_.featurizer.tokenizer
    assert rebuilt.dictionary_hash == tok.dictionary_hash
    assert "数字化车间" in rebuilt.cut("建设数字化车间") and "建设" not in rebuilt.tokenize("建设数字化车间")
    np.testing.assert_array_equal(loaded.predict_proba(PROBE), model.predict_proba(PROBE))


def test_one_text_and_any_batch_give_bit_identical_scores(saved: Path) -> None:
    model = load_model(saved)
    texts = [*PROBE, "，。", *PROBE[::-1]]  # a text with no known feature in the middle of the batch
    batch = model.decision_function(texts)
    for k, t in enumerate(texts):
        assert model.decision_one(t).tolist() == batch[k].tolist()
        assert model.decision_function([t])[0].tolist() == batch[k].tolist()
    assert model.decision_function(texts[2:4]).tolist() == batch[2:4].tolist()
    assert [themes.classify(t, model=model).scores for t in PROBE] == [
        p.scores for p in themes.classify_many(PROBE, model=model)
    ]


def test_subword_tokenizer_travels_with_the_model(tmp_path: Path) -> None:
    from proposalnlp import Tokenizer

    tok = Tokenizer(subwords=True)
    model = ThemeClassifier(tokenizer=tok, min_df=1, cv=2).fit(TEXTS * 2, LABELS * 2)
    # search-mode parts of a long word are features of their own (the plain cut keeps 智能化改造 whole)
    assert "智能化" in model.model_.featurizer.word_vocab and "智能化改造" in model.model_.featurizer.word_vocab
    plain = ThemeClassifier(min_df=1, cv=2).fit(TEXTS * 2, LABELS * 2)
    assert "智能化" not in plain.model_.featurizer.word_vocab
    folder = model.save(tmp_path / "subwords")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["tokenizer"]["subwords"] is True and manifest["tokenizer"]["policy_dict"] is True
    loaded = ThemeClassifier.load(folder)
    rebuilt = loaded.model_.featurizer.tokenizer
    assert rebuilt.subwords and rebuilt.policy_dict and rebuilt == tok
    np.testing.assert_array_equal(loaded.decision_function(PROBE), model.decision_function(PROBE))
    assert loaded.predict(PROBE) == model.predict(PROBE)


def test_model_saved_without_subword_settings_loads_with_the_old_defaults(saved: Path) -> None:
    for name in ("manifest.json", "tokenizer.json"):
        state = json.loads((saved / name).read_text("utf-8"))
        part = state["tokenizer"] if name == "manifest.json" else state
        part.pop("subwords")
        part.pop("policy_dict")
        (saved / name).write_text(json.dumps(state), "utf-8")
        if name == "tokenizer.json":
            _rehash(saved, name)
    tok = load_model(saved).featurizer.tokenizer
    assert tok.subwords is False and tok.policy_dict is True


# -- hardened folders: values checked, files read once, no links, atomic saves ---------------------------------
def _edit(folder: Path, section: str | None, key: str, value: object) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    (manifest[section] if section else manifest)[key] = value
    _write_manifest(folder, manifest)


@pytest.mark.parametrize(
    ("section", "key", "value", "named"),
    [
        ("features", "lead_weight", 10**9, "lead_weight"),
        ("features", "char_weight", float("nan"), "char_weight"),
        ("features", "word_ngram_range", [-1, 2], "word_ngram_range"),
        ("features", "char_ngram_range", [3, 1], "char_ngram_range"),
        ("features", "sublinear_tf", "yes", "sublinear_tf"),
        (None, "thresholds", [0.5, 1.5, 0.5, 0.5], "thresholds"),
        (None, "thresholds", [0.5, float("nan"), 0.5, 0.5], "thresholds"),
        (None, "labels", ["talent", "talent", "funding", "awareness"], "unique"),
        (None, "mode", "both", "mode"),
    ],
)
def test_manifest_values_out_of_range_are_refused(
    saved: Path, section: str | None, key: str, value: object, named: str
) -> None:
    _edit(saved, section, key, value)
    with pytest.raises(ModelFormatError, match=named):
        load_model(saved)


def test_manifest_edited_without_its_digest_is_refused(saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text("utf-8"))
    manifest["thresholds"] = [0.9] * 4
    (saved / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ModelIntegrityError, match="settings_sha256"):
        load_model(saved)


def test_tokenizer_frequencies_are_checked(saved: Path) -> None:
    state = json.loads((saved / "tokenizer.json").read_text("utf-8"))
    state["entries"][0][1] = 10**30
    state.pop("dictionary_sha256", None)
    (saved / "tokenizer.json").write_text(json.dumps(state), "utf-8")
    _rehash(saved, "tokenizer.json")
    with pytest.raises(ModelFormatError, match="frequency"):
        load_model(saved)


def test_symlinked_model_file_is_refused(saved: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.npy"
    shutil.copy(saved / "coef.npy", outside)
    (saved / "coef.npy").unlink()
    (saved / "coef.npy").symlink_to(outside)  # same bytes, right hash: only the link is wrong
    with pytest.raises(UnsafeModelError, match="symbolic link"):
        load_model(saved)


def test_fifo_in_place_of_a_model_file_is_refused_without_blocking(saved: Path) -> None:
    (saved / "coef.npy").unlink()
    os.mkfifo(saved / "coef.npy")  # opening it for reading would block forever
    with pytest.raises(UnsafeModelError, match="regular file"):
        load_model(saved)


def test_npy_header_claiming_a_huge_array_is_refused_before_allocating(saved: Path) -> None:
    data = (saved / "intercept.npy").read_bytes()
    header = data[: data.index(b"\n") + 1].replace(b"(4,)", b"(1099511627776,)")
    (saved / "intercept.npy").write_bytes(header.ljust(len(header)) + data[data.index(b"\n") + 1 :])
    _rehash(saved, "intercept.npy")
    with pytest.raises(ModelFormatError, match="shape"):
        load_model(saved)


def test_deeply_nested_manifest_is_a_format_error(saved: Path) -> None:
    (saved / "manifest.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(ModelFormatError):
        load_model(saved)


def test_oversized_file_is_refused_before_reading(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from proposalnlp import _safefolder  # the file checks every model folder shares

    monkeypatch.setattr(_safefolder, "MAX_FILE_BYTES", 64)
    with pytest.raises(ModelFormatError, match="bytes"):
        load_model(saved)


def test_editor_and_os_litter_is_ignored_but_unknown_files_are_not(clf: ThemeClassifier, saved: Path) -> None:
    for name in (".DS_Store", "Thumbs.db", "coef.npy~", "._coef.npy"):
        (saved / name).write_bytes(b"\x00litter")
    assert load_model(saved).predict(PROBE) == clf.predict(PROBE)
    (saved / "extra.json").write_text("{}", "utf-8")
    with pytest.raises(UnsafeModelError, match=r"extra\.json"):
        load_model(saved)


def test_save_refuses_a_folder_of_other_files_unless_overwrite(clf: ThemeClassifier, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", "utf-8")
    with pytest.raises(ModelError, match="other files"):
        clf.save(target)
    assert (target / "notes.txt").read_text("utf-8") == "keep me" and not (target / "manifest.json").exists()
    (target / ".DS_Store").write_bytes(b"")
    clf.save(target, overwrite=True)
    assert not (target / "notes.txt").exists()
    assert load_model(target).predict(PROBE) == clf.predict(PROBE)
    litter_only = tmp_path / "fresh"
    litter_only.mkdir()
    (litter_only / ".DS_Store").write_bytes(b"")
    assert load_model(clf.save(litter_only)).predict(PROBE) == clf.predict(PROBE)


def test_saving_over_a_model_keeps_its_documentation(clf: ThemeClassifier, saved: Path) -> None:
    (saved / "MODEL_CARD.md").write_text("# card\n", "utf-8")
    clf.save(saved)
    assert (saved / "MODEL_CARD.md").read_text("utf-8") == "# card\n"
    assert not [p.name for p in saved.parent.iterdir() if p.name.startswith(".model.")], "staging folders left"


def test_loads_during_saves_are_never_torn(clf: ThemeClassifier, tmp_path: Path) -> None:
    """Row 10 of issue 15: a load while another thread saves the same folder returns one whole model."""
    other = ThemeClassifier(min_df=1, cv=3, C=0.1).fit(TEXTS * 2, LABELS * 2)
    target = tmp_path / "busy"
    clf.save(target)
    coefs = [clf.model_.coef, other.model_.coef]
    stop = threading.Event()

    def writer() -> None:
        k = 0
        while not stop.is_set():
            (other if k % 2 else clf).save(target)
            k += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        loaded = [load_model(target) for _ in range(40)]
    finally:
        stop.set()
        thread.join()
    for model in loaded:
        assert any(model.coef.shape == c.shape and np.array_equal(model.coef, c) for c in coefs)
