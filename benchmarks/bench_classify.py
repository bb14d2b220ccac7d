"""Classification speed: proposalnlp's classify API beside the naive pipeline, measured in the same run.

Baseline: ``Pipeline([TfidfVectorizer(tokenizer=jieba.lcut), LogisticRegression()])`` trained on the Teddy
Cup messages (it is what users write first). Ours: the bundled default theme model when it exists and is
pinned, else a ThemeClassifier trained here on the same Teddy messages and saved/loaded as a model folder.

Figures: warm ``classify()`` of a ~150-character paragraph (median and p99 per call, against a one-text
``pipe.predict_proba``), ``classify_many`` throughput on the Jiangsu proposals split into paragraphs
(1 and 2 workers, against ``pipe.predict_proba`` on the whole batch), the same on short texts (the proposals
split into sentences at 。 and ；, ~40-50 characters, where per-text overhead rather than segmentation
dominates) and cold start in a fresh process (import, load the model, first call). Targets: >= 5x the
baseline's batch throughput on paragraphs, >= 6x on sentences, median warm call <= 1 ms, cold start <= 1.5 s.

Each timed batch call, ours and the baseline's alike, starts from a collected heap (``gc.collect()`` just
before it, outside the timing): otherwise a full collection of this process's objects (jieba's and
scikit-learn's included, about 0.1 s here) falls on whichever call happens to cross Python's threshold,
whatever garbage the earlier rounds left. A call still pays every collection its own allocations trigger.

With ``--against REF`` (a git commit or branch), the package as it is at REF (extracted from git and imported under
another name, as ``bench_match.py --against`` does) is timed beside ours in the same process, the two alternating
and each pair's CPU times compared: warm ``classify()`` (500-call loops, on the 150-character paragraph and on 300
short sentences), ``classify_many`` on the short texts and on the paragraphs. The median of the paired ratios
ours / REF is the code's own speed-up on a noisy machine.

    python benchmarks/bench_classify.py [--calls 2000] [--repeat 3] [--against REF]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

# devtools/ (shared-corpus loaders, kept out of the wheel) is imported from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _summary import faster, row


def paragraphs(texts: list[str], min_chars: int = 150) -> list[str]:
    """Split texts into paragraphs: consecutive sentences (ending in 。！？；) grouped to >= min_chars."""
    out = []
    for text in texts:
        buf = ""
        for sentence in _sentences(text):
            buf += sentence
            if len(buf) >= min_chars:
                out.append(buf)
                buf = ""
        if buf.strip():
            out.append(buf)
    return out


def _sentences(text: str) -> list[str]:
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？；\n":
            parts.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return [p for p in parts if p.strip()]


def short_sentences(texts: list[str]) -> list[str]:
    """Texts split into sentences at 。 and ； (the marks dropped), blank pieces dropped: short texts."""
    return [s for text in texts for s in re.split("[。；]", text) if s.strip()]


def load_teddy(shared: Path) -> tuple[list[str], list[str]]:
    """Teddy Cup messages and labels, read in place."""
    with open(shared / "benchmarks" / "teddy2020" / "messages-labeled.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def timed_calls(fn, arg, calls: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Per-call wall times in ms."""
    for _ in range(min(50, calls)):
        fn(arg)
    out = np.empty(calls)
    for i in range(calls):
        t0 = time.perf_counter()
        fn(arg)
        out[i] = time.perf_counter() - t0
    return out * 1000.0


def timed_batch(run) -> float:  # type: ignore[no-untyped-def]
    """Seconds of one batch call, started from a collected heap (see the module docstring)."""
    gc.collect()
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def cold(code: str, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Median (in-process seconds, whole-process wall seconds) of running ``code`` in fresh interpreters."""
    inner, wall = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        wall.append(time.perf_counter() - t0)
        inner.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(inner), statistics.median(wall)


def paired_cpu(ref_run, ours_run, repeats: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """CPU medians (s) of ``ref_run()`` and ``ours_run()`` called in turn (the order alternating, a collection
    before each call), and the median of the paired ratios ours / ref."""
    ref_run()
    ours_run()
    times: dict[str, list[float]] = {"ref": [], "ours": []}
    for i in range(repeats):
        for key in ("ref", "ours") if i % 2 == 0 else ("ours", "ref"):
            gc.collect()
            c0 = time.process_time()
            (ref_run if key == "ref" else ours_run)()
            times[key].append(time.process_time() - c0)
    ratio = statistics.median(o / r for o, r in zip(times["ours"], times["ref"], strict=True))
    return statistics.median(times["ref"]), statistics.median(times["ours"]), ratio


def against(ref_name: str, para150: str, sents: list[str], paras: list[str]) -> None:
    """Ours beside the package at git commit ``ref_name``, paired in this process (see the module docstring)."""
    import importlib

    from bench_match import package_at

    from proposalnlp import themes

    ref = importlib.import_module(package_at(ref_name, "proposalnlp_ref_classify").__name__ + ".themes")
    ours_model, ref_model = themes.load_model(), ref.load_model()
    short = [t for t in sents if 8 <= len(t) <= 40][:300]

    def loop(classify, model, texts):  # type: ignore[no-untyped-def]
        return lambda: [classify(t, model=model) for t in texts]

    print(f"\nbeside {ref_name}, paired in this process (CPU medians; ratio ours/ref, median of pairs)")
    cases = [
        ("warm classify(), 150-char paragraph (ms a call)", [para150] * 500, 21, True),
        (f"warm classify(), {len(short)} short sentences (ms a call)", short, 15, True),
        (f"classify_many, {len(sents)} short texts (ms)", sents, 9, False),
        (f"classify_many, {len(paras)} paragraphs (ms)", paras, 7, False),
    ]
    for name, texts, repeats, one_by_one in cases:
        if one_by_one:
            r, o, ratio = paired_cpu(loop(ref.classify, ref_model, texts), loop(themes.classify, ours_model, texts),
                                     repeats)
            r, o = r / len(texts), o / len(texts)
        else:
            r, o, ratio = paired_cpu(lambda t=texts: ref.classify_many(t, model=ref_model),
                                     lambda t=texts: themes.classify_many(t, model=ours_model), repeats)
        print(f"  {name}: {ref_name} {r * 1000:.3f}, ours {o * 1000:.3f}, ratio {ratio:.3f}")
        row(f"{name.split(' (')[0]} beside {ref_name} (CPU)", f"{o * 1000:.3f} ms", f"{r * 1000:.3f} ms ({ref_name})",
            faster(r, o))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", metavar="REF", help="also time the package at this git commit beside ours")
    args = ap.parse_args()

    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    import proposalnlp
    from devtools.corpus import jiangsu_proposals
    from devtools.shared import shared_dir
    from proposalnlp import ThemeClassifier, themes
    from proposalnlp.themes.folder import load_model

    jieba.setLogLevel(60)
    shared = shared_dir(required=True)
    assert shared is not None
    texts, labels = load_teddy(shared)
    proposals = [p["text"] for p in jiangsu_proposals(shared)]
    paras = paragraphs(proposals)
    sents = short_sentences(proposals)
    para150 = min((p for p in paras if 140 <= len(p) <= 170), key=lambda p: abs(len(p) - 150))
    print(
        f"data: {len(paras)} Jiangsu paragraphs (mean {np.mean([len(p) for p in paras]):.0f} chars); "
        f"warm-call paragraph {len(para150)} chars; {len(sents)} sentences (mean "
        f"{np.mean([len(s) for s in sents]):.0f} chars)"
    )

    tmp = Path(tempfile.mkdtemp(prefix="bench_classify_"))
    try:
        model = themes.load_model()
        model_path = str(themes.default_model_path())
        model_expr = "None"
        print(f"ours: bundled default model ({model.featurizer.n_features} features, labels {model.labels})")
    except proposalnlp.errors.ModelError as exc:
        t0 = time.perf_counter()
        clf = ThemeClassifier().fit(texts, labels)
        model_path = str(clf.save(tmp / "teddy-model"))
        model = load_model(model_path)
        model_expr = repr(model_path)
        print(
            f"ours: no usable default model ({exc}); trained on Teddy in {time.perf_counter() - t0:.1f} s "
            f"({model.featurizer.n_features} features)"
        )
    t0 = time.perf_counter()
    pipe = Pipeline(
        [
            ("tfidf", TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None)),
            ("lr", LogisticRegression(max_iter=1000)),
        ]
    ).fit(texts, labels)
    print(
        f"baseline: jieba.lcut + TfidfVectorizer + LogisticRegression, trained on Teddy in "
        f"{time.perf_counter() - t0:.1f} s ({len(pipe[0].vocabulary_)} features)"
    )

    # -- warm single calls --------------------------------------------------------------------------------
    ours_ms = timed_calls(lambda t: themes.classify(t, model=model), para150, args.calls)
    base_ms = timed_calls(lambda t: pipe.predict_proba([t]), para150, max(args.calls // 4, 50))
    print("\nwarm single call (ms)          median      p99")
    print(f"  ours classify()             {np.median(ours_ms):7.3f}  {np.percentile(ours_ms, 99):7.3f}")
    print(f"  baseline predict_proba([t]) {np.median(base_ms):7.3f}  {np.percentile(base_ms, 99):7.3f}")
    print(f"  ratio baseline/ours: {np.median(base_ms) / np.median(ours_ms):.1f}x   target: ours median <= 1 ms")
    row(
        "warm classify() median / p99 (ms)",
        f"{np.median(ours_ms):.3f} / {np.percentile(ours_ms, 99):.3f}",
        f"{np.median(base_ms):.3f} / {np.percentile(base_ms, 99):.3f} (pipeline predict_proba)",
        faster(float(np.median(base_ms)), float(np.median(ours_ms))),
        "<= 1 ms",
    )

    # -- batch throughput ------------------------------------------------------------------------------------
    print(f"\nbatch throughput (paragraphs/s, best of {args.repeat} interleaved rounds)")
    themes.classify_many(paras[:200], model=model)
    themes.classify_many(paras, model=model, n_jobs=2)  # start the workers (they keep the model)
    pipe.predict_proba(paras[:200])
    best = {"ours1": 0.0, "ours2": 0.0, "base": 0.0}
    for _ in range(args.repeat):  # interleaved rounds, best of each: the machine is shared
        for key, run in (
            ("ours1", lambda: themes.classify_many(paras, model=model)),
            ("ours2", lambda: themes.classify_many(paras, model=model, n_jobs=2)),
            ("base", lambda: pipe.predict_proba(paras)),
        ):
            best[key] = max(best[key], len(paras) / timed_batch(run))
    ours1, ours2, base = best["ours1"], best["ours2"], best["base"]
    print(f"  ours classify_many, 1 worker   {ours1:9.0f}")
    print(f"  ours classify_many, 2 workers  {ours2:9.0f}")
    print(f"  baseline predict_proba(batch)  {base:9.0f}")
    print(f"  ratio ours(1)/baseline: {ours1 / base:.1f}x, ours(2)/baseline: {ours2 / base:.1f}x   target: >= 5x")
    row("classify_many, 1 worker (paragraphs/s)", f"{ours1:.0f}", f"{base:.0f} (pipeline, batch)", faster(ours1, base),
        ">= 5x")
    row("classify_many, 2 workers (paragraphs/s)", f"{ours2:.0f}", f"{base:.0f}", faster(ours2, base))

    # -- short texts: per-text overhead ----------------------------------------------------------------------
    print(f"\nshort texts (sentences/s, {len(sents)} sentences, best of {args.repeat} interleaved rounds)")
    themes.classify_many(sents[:500], model=model)
    pipe.predict_proba(sents[:500])
    short = {"ours": 0.0, "base": 0.0}
    for _ in range(args.repeat):
        for key, run in (
            ("ours", lambda: themes.classify_many(sents, model=model)),
            ("base", lambda: pipe.predict_proba(sents)),
        ):
            short[key] = max(short[key], len(sents) / timed_batch(run))
    print(f"  ours classify_many, 1 worker   {short['ours']:9.0f}")
    print(f"  baseline predict_proba(batch)  {short['base']:9.0f}")
    print(f"  ratio ours/baseline: {short['ours'] / short['base']:.1f}x   target: >= 6x")
    row(
        "classify_many, short texts (sentences/s)",
        f"{short['ours']:.0f}",
        f"{short['base']:.0f} (pipeline, batch)",
        faster(short["ours"], short["base"]),
        ">= 6x",
    )

    # -- cold start ------------------------------------------------------------------------------------------
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp), *sys.path])}
    ours_code = textwrap.dedent(
        f"""
        import time; t0 = time.perf_counter()
        import sys, proposalnlp
        model = None if {model_expr} is None else proposalnlp.load_model({model_expr})
        proposalnlp.classify({para150!r}, model=model)
        assert "sklearn" not in sys.modules
        print(time.perf_counter() - t0)
        """
    )
    (tmp / "bench_tok.py").write_text("import jieba\njieba.setLogLevel(60)\n\ndef cut(s):\n    return jieba.lcut(s)\n")
    import importlib

    import joblib

    sys.path.insert(0, str(tmp))
    bench_tok = importlib.import_module("bench_tok")
    base_pipe = Pipeline(
        [
            ("tfidf", TfidfVectorizer(tokenizer=bench_tok.cut, token_pattern=None)),
            ("lr", LogisticRegression(max_iter=1000)),
        ]
    ).fit(texts, labels)
    joblib.dump(base_pipe, tmp / "baseline.joblib")
    base_code = textwrap.dedent(
        f"""
        import time; t0 = time.perf_counter()
        import joblib
        pipe = joblib.load({str(tmp / "baseline.joblib")!r})
        pipe.predict_proba([{para150!r}])
        print(time.perf_counter() - t0)
        """
    )
    oi, ow = cold(ours_code, args.repeat, env)
    bi, bw = cold(base_code, args.repeat, env)
    print(f"\ncold start (s, median of {args.repeat})     in-process  whole process")
    print(f"  ours: import, load, classify     {oi:7.2f}    {ow:7.2f}")
    print(f"  baseline: joblib.load, predict   {bi:7.2f}    {bw:7.2f}")
    print(f"  ratio baseline/ours (in-process): {bi / oi:.1f}x   target: ours <= 1.5 s")
    row("cold start, whole process (s)", f"{ow:.2f}", f"{bw:.2f} (joblib.load pipeline)", faster(bw, ow), "<= 1.5 s")
    print(f"\nmodel folder: {model_path}")
    if args.against:
        against(args.against, para150, sents, paras)
    return 0


if __name__ == "__main__":
    sys.exit(main())
