"""The HTTP service on a real uvicorn server (127.0.0.1, a free port): every endpoint answers what the library
answers in-process, bad requests get 413/422 with a clear message and leave the server up, and concurrent
clients get the same answers as sequential ones. Also the ``serve`` command line and its missing-extra message."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

import proposalnlp  # noqa: E402
from proposalnlp import service  # noqa: E402
from proposalnlp.document import example_text, parse  # noqa: E402
from proposalnlp.errors import ModelError  # noqa: E402
from proposalnlp.matching import match  # noqa: E402
from proposalnlp.matching.report import proposal_title  # noqa: E402
from proposalnlp.service import create_app  # noqa: E402
from proposalnlp.themes import classify, classify_many, load_model  # noqa: E402

MAX_BYTES = 64 * 1024

# Hand-written sentences in the style of proposals and replies (not taken from any real document).
TEXTS = [
    "建议设立青年科技人才专项基金，支持高校毕业生留在本地创新创业",
    "市财政每年安排专项资金，对中小企业技术改造给予贴息补助",
    "加快建设产业创新中心，推动高校科研成果在本地转化落地",
    "通过报纸、电视和新媒体广泛宣传垃圾分类知识，提高市民环保意识",
    "组织职业院校与龙头企业联合办学，定向培养数控技术工人",
    "落实研发费用加计扣除政策，鼓励企业加大研发投入",
    "我们将会同教育部门开展科普进校园活动，增强青少年的科学素养",
    "下一步，我局将继续完善老旧小区停车设施，方便居民出行",
    "引进一批高层次领军人才，并为其提供住房和子女入学保障",
    "扩大政府性融资担保规模，降低小微企业的贷款门槛",
    "支持企业建设重点实验室和工程技术研究中心",
    "感谢您对我市食品安全工作的关心和支持",
]

_TRAIN = {
    "talent": [
        "加强青年人才引进和培养",
        "完善高层次人才服务保障措施",
        "培养一支技能型人才队伍",
        "引进海外高端人才和创新团队",
        "开展企业家和技术骨干培训",
    ],
    "funding": [
        "加大财政资金投入力度",
        "设立专项资金支持企业发展",
        "落实税收减免和贷款贴息政策",
        "提高财政补贴和奖励额度",
        "拓宽企业融资渠道降低融资成本",
    ],
    "innovation": [
        "推动科技创新平台建设",
        "支持企业开展关键技术研发",
        "加快科技成果转化应用",
        "建设重点实验室和研发中心",
        "鼓励企业开发新产品新工艺",
    ],
    "awareness": [
        "加强宣传引导提高公众认识",
        "开展普及教育活动增强全民意识",
        "利用媒体宣传营造良好社会氛围",
        "提高社会各界的重视程度",
        "举办主题宣传周普及相关知识",
    ],
    "": ["做好道路交通管理工作", "改善农村人居环境面貌", "规范物业服务收费行为", "加强城市绿化养护管理"],
}

PROPOSAL = """关于加强县域职业教育的建议
县域产业升级需要大量技术工人，但职业学校专业设置与企业需求脱节。
为此建议：
一、调整专业设置，围绕本地主导产业开设智能制造和电子商务专业。
二、设立职业教育专项经费，改善实训基地的设备条件。
三、建立校企合作机制，推行订单式培养。
"""
REPLY = [
    "关于专业设置，我们已指导职业学校新增智能制造等三个专业，并按年度评估调整。",
    "关于经费保障，今年市级财政安排专项资金用于实训基地设备更新。",
    "下一步我们将继续加强与各方的沟通联系。",
]


def _tiny_classifier() -> Any:
    from proposalnlp import ThemeClassifier

    texts = [t for texts in _TRAIN.values() for t in texts]
    labels = [[label] if label else [] for label, texts in _TRAIN.items() for _ in texts]
    return ThemeClassifier(min_df=1, cv=2).fit(texts, labels)


@pytest.fixture(scope="module")
def tiny() -> Any:
    """A small ThemeClassifier fitted on the hand-written sentences above."""
    return _tiny_classifier()


@pytest.fixture(scope="module")
def model(request: pytest.FixtureRequest) -> Any:
    """The bundled default model when it is installed, else the tiny model."""
    try:
        return load_model()
    except ModelError:
        return request.getfixturevalue("tiny").model_


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def _wait_healthy(url: str, timeout: float = 30.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{url}/health did not answer within {timeout} s")


@contextmanager
def running(app: Any) -> Iterator[str]:
    """A real uvicorn server for ``app`` on 127.0.0.1, in a background thread; its base URL."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url)
        yield url
    finally:
        srv.should_exit = True
        thread.join(timeout=15)
        sock.close()
    assert not thread.is_alive(), "the server did not shut down"


@pytest.fixture(scope="module")
def server(model: Any) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1, in a background thread; its base URL."""
    with running(create_app(model=model, max_bytes=MAX_BYTES)) as url:
        yield url


@pytest.fixture()
def client(server: str) -> Iterator[Any]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def _assert_up(client: Any, model: Any) -> None:
    r = client.post("/classify", json={"text": TEXTS[0]})
    assert r.status_code == 200
    assert r.json() == classify(TEXTS[0], model=model).to_dict()


# -- endpoints ----------------------------------------------------------------------------------------------
def test_health_and_version(client: Any, model: Any) -> None:
    r = client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    v = client.get("/version").json()
    assert v["version"] == proposalnlp.__version__
    assert v["model"]["labels"] == list(model.labels)
    assert v["max_bytes"] == MAX_BYTES


def test_openapi_docs(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/classify", "/match", "/parse", "/health", "/version"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/classify"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_classify_one_text_equals_in_process(client: Any, model: Any) -> None:
    for text in TEXTS:
        r = client.post("/classify", json={"text": text})
        assert r.status_code == 200, r.text
        assert r.json() == classify(text, model=model).to_dict()
    # the themes are not all the same: the model (and the comparison) sees the text
    assert len({json.dumps(client.post("/classify", json={"text": t}).json()["scores"]) for t in TEXTS}) > 1


def test_classify_batch_equals_in_process(client: Any, model: Any) -> None:
    r = client.post("/classify", json={"texts": TEXTS})
    assert r.status_code == 200, r.text
    assert r.json() == {"predictions": [p.to_dict() for p in classify_many(TEXTS, model=model)]}
    assert client.post("/classify", json={"texts": []}).json() == {"predictions": []}


def test_parse_equals_in_process(client: Any) -> None:
    for text in (PROPOSAL, example_text()):
        r = client.post("/parse", json={"text": text})
        assert r.status_code == 200, r.text
        assert r.json() == parse(text).to_dict()
        assert r.json()["units"], "a proposal parses into units"


def test_match_equals_in_process(client: Any) -> None:
    r = client.post("/match", json={"proposal": PROPOSAL, "reply": REPLY})
    assert r.status_code == 200, r.text
    # without "top", each suggestion keeps DEFAULT_TOP ranked units (as the CLI's --json)
    want = match(PROPOSAL, REPLY).to_dict(top=service.DEFAULT_TOP)
    assert r.json() == {**want, "title": proposal_title(parse(PROPOSAL))}  # and the title, as the CLI's --json
    assert r.json()["coverage"]["total"] >= 1
    # one document that holds both parts; problems included
    text = example_text()
    r = client.post("/match", json={"proposal": text, "include_problems": True, "top": 50})
    assert r.status_code == 200, r.text
    assert r.json() == {**match(text, include_problems=True).to_dict(), "title": proposal_title(parse(text))}
    # lists of suggestions and paragraphs; top keeps that many ranked units
    sugg = ["围绕本地主导产业调整职业学校专业设置", "改善实训基地的设备条件"]
    r = client.post("/match", json={"proposal": sugg, "reply": "\n".join(REPLY), "top": 1})
    assert r.status_code == 200, r.text
    assert r.json() == {**match(sugg, "\n".join(REPLY)).to_dict(top=1), "title": None}  # a list has no title
    assert all(len(s["ranked"]) <= 1 for s in r.json()["suggestions"])


def test_match_themes_come_from_the_served_model(client: Any, model: Any) -> None:
    sugg = ["设立职业教育专项经费", "加强宣传提高社会认识"]
    r = client.post("/match", json={"proposal": sugg, "reply": REPLY, "themes": True})
    assert r.status_code == 200, r.text
    expected = {f"S{i}": p.themes for i, p in enumerate(classify_many(sugg, model=model), start=1)}
    assert r.json()["themes"] == expected


# -- bad requests -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "body", "needle"),
    [
        ("/classify", {}, "exactly one of"),
        ("/classify", {"text": "a", "texts": ["b"]}, "exactly one of"),
        ("/classify", {"text": 42}, "text: Input should be a valid string"),
        ("/classify", {"text": None}, "exactly one of"),
        ("/classify", {"texts": "一段文字"}, "texts: Input should be a valid list"),
        ("/classify", {"texts": ["好", 3]}, "texts.1"),
        ("/classify", {"txt": "拼错的字段"}, "unknown field 'txt'"),
        ("/classify", ["不是对象"], "must be a JSON object"),
        ("/classify", {"text": ""}, "empty"),
        ("/classify", {"text": " \n\t "}, "empty"),
        ("/classify", {"texts": ["有内容", "  "]}, "texts[1] is empty"),
        ("/parse", {}, "text: Field required"),
        ("/parse", {"text": ""}, "empty"),
        ("/parse", {"text": ["a"]}, "text: Input should be a valid string"),
        ("/match", {"reply": "答复"}, "proposal: Field required"),
        ("/match", {"proposal": ""}, "empty"),
        ("/match", {"proposal": ["一条建议"]}, "needs a reply"),
        ("/match", {"proposal": ["一条建议"], "reply": ["答复"], "top": 0}, "top"),
        ("/match", {"proposal": ["一条建议"], "reply": ["答复"], "include_problems": "yes"}, "include_problems"),
    ],
)
def test_bad_bodies_get_422_with_a_clear_message(client: Any, model: Any, path: str, body: Any, needle: str) -> None:
    r = client.post(path, json=body)
    assert r.status_code == 422, (r.status_code, r.text)
    detail = r.json()["detail"]
    assert isinstance(detail, str) and needle in detail, detail
    _assert_up(client, model)


@pytest.mark.parametrize(
    ("raw", "headers", "needle"),
    [
        (b'{"text": "\xe6\x9c\xaa', {"content-type": "application/json"}, "malformed JSON"),
        (b'{"text": }', {"content-type": "application/json"}, "malformed JSON at character 9"),
        (b"", {"content-type": "application/json"}, "needs a JSON object body"),
        (b'{"text": "\xff\xfe"}', {"content-type": "application/json"}, "UTF-8"),
        (b'{"text": "\\ud800x"}', {"content-type": "application/json"}, "unpaired surrogate"),
        (b'{"text": "ok"}', {"content-type": "text/plain"}, "Content-Type: application/json"),
        (b"[" * 30_000 + b"]" * 30_000, {"content-type": "application/json"}, "nested too deeply"),
        (b'{"text": ' * 6_000 + b'"a"' + b"}" * 6_000, {"content-type": "application/json"}, "nested too deeply"),
    ],
)
def test_malformed_bodies_get_422(client: Any, model: Any, raw: bytes, headers: dict[str, str], needle: str) -> None:
    r = client.post("/classify", content=raw, headers=headers)
    assert r.status_code == 422, (r.status_code, r.text)
    assert needle in r.json()["detail"], r.json()
    _assert_up(client, model)


def test_oversized_body_gets_413(client: Any, model: Any) -> None:
    big = {"text": "加强人才培养。" * (MAX_BYTES // 7)}
    assert len(json.dumps(big, ensure_ascii=False).encode()) > MAX_BYTES
    r = client.post(
        "/classify", content=json.dumps(big, ensure_ascii=False).encode(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and str(MAX_BYTES) in r.json()["detail"]
    # a body just under the limit is accepted
    ok = {"text": "加强人才培养。" * ((MAX_BYTES - 100) // 21)}
    assert len(json.dumps(ok, ensure_ascii=False).encode()) <= MAX_BYTES
    r = client.post(
        "/classify", content=json.dumps(ok, ensure_ascii=False).encode(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 200, r.text
    _assert_up(client, model)


def test_streamed_body_over_the_limit_gets_413(client: Any, model: Any) -> None:
    """A chunked body (no Content-Length) is counted as it arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(12):
            yield "创新".encode() * 2000  # 12 kB each
        yield b'"}'

    r = client.post("/parse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    _assert_up(client, model)


def test_declared_length_over_the_limit_is_refused_before_the_body(server: str, client: Any, model: Any) -> None:
    """Content-Length of 1 GB and no body sent: the answer comes at once, without waiting for the bytes."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(
            b"POST /classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\n\r\n"
        )
        head = s.recv(4096)
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    _assert_up(client, model)


def test_concurrent_parse_and_match_in_worker_threads(server: str) -> None:
    """/parse and /match run in the worker thread pool: 4 clients at once get the in-process answers."""
    text = example_text()
    want_parse, want_match = parse(text).to_dict(), match(text).to_dict(top=service.DEFAULT_TOP)
    want_match["title"] = proposal_title(parse(text))
    failures: list[str] = []

    def worker(k: int) -> None:
        try:
            with httpx.Client(base_url=server, timeout=30) as c:
                for i in range(10):
                    if (k + i) % 2:
                        r, want = c.post("/parse", json={"text": text}), want_parse
                    else:
                        r, want = c.post("/match", json={"proposal": text}), want_match
                    if r.status_code != 200 or r.json() != want:
                        failures.append(f"client {k} request {i}: {r.status_code} {r.text[:200]}")
        except Exception as exc:
            failures.append(f"client {k}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures, failures[:5]


def test_unexpected_error_gives_500_and_the_server_stays_up(
    client: Any, model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import proposalnlp.document

    def broken(text: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(proposalnlp.document, "parse", broken)
    r = client.post("/parse", json={"text": "一段文字"})
    assert r.status_code == 500 and r.json()["detail"] == "internal error"
    monkeypatch.undo()
    assert client.post("/parse", json={"text": "一段文字"}).status_code == 200
    _assert_up(client, model)


def test_wrong_method_and_path(client: Any, model: Any) -> None:
    assert client.get("/classify").status_code == 405
    assert client.post("/nothing-here", json={}).status_code == 404
    _assert_up(client, model)


# -- load ------------------------------------------------------------------------------------------------------
def test_concurrent_clients_get_the_in_process_answers(server: str, model: Any) -> None:
    """8 client threads × 100 requests of /classify (every tenth a batch, every 25th a batch long enough to run
    in a worker thread): every answer equals classify() / classify_many()."""
    expected = {t: classify(t, model=model).to_dict() for t in TEXTS}
    small, large = TEXTS[:4], TEXTS * 8
    assert sum(map(len, large)) > service._INLINE_CHARS
    expected_small = {"predictions": [p.to_dict() for p in classify_many(small, model=model)]}
    expected_large = {"predictions": [p.to_dict() for p in classify_many(large, model=model)]}
    failures: list[str] = []
    counts = [0] * 8

    def worker(k: int) -> None:
        try:
            with httpx.Client(base_url=server, timeout=30) as c:
                for i in range(100):
                    if i % 25 == 24:
                        r = c.post("/classify", json={"texts": large})
                        want: Any = expected_large
                    elif i % 10 == 9:
                        r = c.post("/classify", json={"texts": small})
                        want = expected_small
                    else:
                        text = TEXTS[(k * 7 + i) % len(TEXTS)]
                        r = c.post("/classify", json={"text": text})
                        want = expected[text]
                    if r.status_code != 200 or r.json() != want:
                        failures.append(f"client {k} request {i}: {r.status_code} {r.text[:200]}")
                    counts[k] += 1
        except Exception as exc:  # a transport error must fail the test, not vanish with the thread
            failures.append(f"client {k}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.perf_counter() - start
    assert not failures, failures[:5]
    assert counts == [100] * 8
    print(f"\n800 concurrent /classify requests in {elapsed:.2f} s ({800 / elapsed:.0f} requests/s)")


# -- command line ------------------------------------------------------------------------------------------------
def test_serve_command_starts_a_server(tmp_path: Path, tiny: Any) -> None:
    """``python -m proposalnlp serve --model DIR --port P`` answers on 127.0.0.1 and stops cleanly on Ctrl-C."""
    folder = tmp_path / "tiny-model"
    clf = tiny
    clf.save(folder)
    with _free_socket() as sock:
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "proposalnlp", "serve", "--port", str(port), "--model", str(folder)]
    cmd += ["--max-bytes", "1000", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc=proc)
        v = httpx.get(f"{url}/version").json()
        assert v["model"]["name"] == "tiny-model" and v["max_bytes"] == 1000
        r = httpx.post(f"{url}/classify", json={"text": TEXTS[1]})
        assert r.json() == classify(TEXTS[1], model=clf).to_dict()
        assert httpx.post(f"{url}/classify", json={"text": "长" * 1000}).status_code == 413
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0, proc.stderr.read().decode()[-2000:]


def test_serve_with_a_bad_model_fails_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "PROPOSALNLP_LANG": "en"}
    cmd = [sys.executable, "-m", "proposalnlp", "serve", "--port", "1", "--model", str(tmp_path / "no-such-model")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("proposalnlp serve: error:"), done.stderr
    assert "Traceback" not in done.stderr


def test_serve_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from proposalnlp.cli import main

    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ModuleNotFoundError
    monkeypatch.delitem(sys.modules, "proposalnlp.service", raising=False)
    assert main(["serve"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "pip install 'proposalnlp[serve]'" in err, err


def test_import_proposalnlp_does_not_import_fastapi() -> None:
    code = (
        "import sys, proposalnlp, proposalnlp.cli, proposalnlp.themes, proposalnlp.matching\n"
        "proposalnlp.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_create_app_checks_its_arguments() -> None:
    from proposalnlp.errors import InputTypeError

    with pytest.raises(InputTypeError, match="model must be"):
        create_app(model=42)
    with pytest.raises(InputTypeError, match="max_bytes"):
        create_app(model=None, max_bytes=0)


# -- bounds (issue 15: rows 5 and 14) ----------------------------------------------------------------------------
BOUNDED_PAIRS = 1_000


@pytest.fixture(scope="module")
def bounded(model: Any) -> Iterator[str]:
    """A server with small limits: 1,000 pairs per /match, one heavy request at a time, a 1 s body timeout."""
    app = create_app(model=model, max_bytes=1 << 20, max_pairs=BOUNDED_PAIRS, concurrency=1, body_timeout=1.0)
    with running(app) as url:
        yield url


def _post_json(url: str, body: Any) -> Any:
    data = json.dumps(body, ensure_ascii=False).encode()
    return httpx.post(url, content=data, headers={"content-type": "application/json"}, timeout=60)


def test_match_over_the_default_pair_limit_gets_413(server: str, client: Any, model: Any) -> None:
    # row 5 over HTTP: 1,001 × 1,000 unrelated one-line texts (36 KB) pass the default 1,000,000 pairs
    n = 1_000
    body = {"proposal": [f"人才资金{i}" for i in range(n + 1)], "reply": [f"创新宣传{i}" for i in range(n)]}
    r = _post_json(f"{server}/match", body)
    assert r.status_code == 413, r.text[:300]
    detail = r.json()["detail"]
    assert "1001 suggestion(s) × 1000 reply unit(s)" in detail and str(service.DEFAULT_MAX_PAIRS) in detail
    # within the limit it answers, with DEFAULT_TOP units per suggestion
    body = {"proposal": body["proposal"][:500], "reply": body["reply"]}
    r = _post_json(f"{server}/match", body)
    assert r.status_code == 200
    assert {len(s["ranked"]) for s in r.json()["suggestions"]} == {service.DEFAULT_TOP}
    _assert_up(client, model)


def test_match_pair_limit_counts_parsed_units(bounded: str) -> None:
    reply = "\n".join(f"（{i}）我们加强了人才资金保障工作，第{i}项。" for i in range(1, 41))
    ok = _post_json(f"{bounded}/match", {"proposal": ["加大人才资金支持"] * 25, "reply": reply})
    assert ok.status_code == 200, ok.text[:300]
    r = _post_json(f"{bounded}/match", {"proposal": ["加大人才资金支持"] * 26, "reply": reply})
    assert r.status_code == 413 and "26 suggestion(s) × 40 reply unit(s) = 1040" in r.json()["detail"]


def test_match_top_is_bounded(client: Any) -> None:
    reply = [f"我们落实了第{i}项人才资金政策。" for i in range(80)]
    r = client.post("/match", json={"proposal": ["加大人才资金支持"], "reply": reply, "top": 50})
    assert r.status_code == 200 and len(r.json()["suggestions"][0]["ranked"]) == 50
    r = client.post("/match", json={"proposal": ["加大人才资金支持"], "reply": reply, "top": None})
    assert r.status_code == 200 and len(r.json()["suggestions"][0]["ranked"]) == service.DEFAULT_TOP
    r = client.post("/match", json={"proposal": ["加大人才资金支持"], "reply": reply, "top": 51})
    assert r.status_code == 422 and "top" in r.json()["detail"]


def test_error_bodies_are_bounded(bounded: str) -> None:
    # row 14: 150,000 wrong items gave a 20 MB 422 body
    r = _post_json(f"{bounded}/classify", {"texts": [1] * 150_000})
    assert r.status_code == 422
    assert len(r.content) < 10_000, len(r.content)
    body = r.json()
    assert body["error_count"] == 150_000 and len(body["errors"]) == 20
    assert body["detail"].startswith("texts.0: Input should be a valid string") and "150000 errors" in body["detail"]
    # a huge unknown key is clipped in the detail and in the error list
    r = _post_json(f"{bounded}/classify", {"k" * 500_000: 1, "text": "人才"})
    assert r.status_code == 422 and len(r.content) < 2_000 and "unknown field" in r.json()["detail"]
    # a library error with a long message is clipped too
    r = _post_json(f"{bounded}/match", {"proposal": ["建议"], "reply": ["答复", " " * 10]})
    assert r.status_code == 422 and len(r.content) < 3_000


def test_foreign_host_headers_are_refused(server: str, client: Any, model: Any) -> None:
    # row 14: DNS rebinding; the default names are this machine's
    for host in ("evil.example", "127.0.0.1.evil.example", "10.0.0.8:8000"):
        r = httpx.post(f"{server}/classify", json={"text": TEXTS[0]}, headers={"host": host})
        assert r.status_code == 400, (host, r.status_code)
    for host in ("localhost", "LOCALHOST:1234", "127.0.0.1"):
        assert httpx.get(f"{server}/health", headers={"host": host}).status_code == 200, host
    _assert_up(client, model)


def test_allowed_hosts_settings() -> None:
    from proposalnlp.errors import InputTypeError
    from proposalnlp.service import DEFAULT_ALLOWED_HOSTS, default_allowed_hosts

    assert default_allowed_hosts("127.0.0.1") == list(DEFAULT_ALLOWED_HOSTS)
    assert default_allowed_hosts("0.0.0.0") == list(DEFAULT_ALLOWED_HOSTS)
    assert default_allowed_hosts("192.168.1.5")[-1] == "192.168.1.5"
    assert default_allowed_hosts("fe80::1")[-1] == "[fe80::1]"
    with pytest.raises(InputTypeError, match="allowed_hosts"):
        create_app(allowed_hosts="localhost")
    with pytest.raises(InputTypeError, match="max_pairs"):
        create_app(max_pairs=0)
    with pytest.raises(InputTypeError, match="concurrency"):
        create_app(concurrency=0)
    with pytest.raises(InputTypeError, match="body_timeout"):
        create_app(body_timeout=0)


def test_slow_body_gets_408(bounded: str) -> None:
    # row 14: a client that declares 100 bytes and sends 10 is answered after body_timeout (1 s), not held
    port = int(bounded.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = "POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        sock.sendall((head + "Content-Length: 100\r\n\r\n").encode() + b'{"text": "')
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert httpx.get(f"{bounded}/health").status_code == 200


def test_body_limit_times_out_a_body_that_never_comes() -> None:
    import asyncio

    sent: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:  # pragma: no cover - never reached
        raise AssertionError("the app must not run")

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)
        return {}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/parse", "headers": []}
    asyncio.run(asyncio.wait_for(service.BodyLimit(app, 1000, body_timeout=0.05)(scope, receive, send), 10))
    assert sent[0]["status"] == 408 and b"not received within 0.05 s" in sent[1]["body"]


def test_heavy_requests_run_under_the_concurrency_limit(bounded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    running = 0
    most = 0
    lock = threading.Lock()
    real = service._parse

    def slow_parse(body: Any) -> dict[str, Any]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.2)
        with lock:
            running -= 1
        return real(body)

    monkeypatch.setattr(service, "_parse", slow_parse)
    results: list[int] = []

    def call() -> None:
        results.append(httpx.post(f"{bounded}/parse", json={"text": "建议加强人才培养。"}, timeout=60).status_code)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 4
    assert most == 1  # concurrency=1: the four ran one after the other
    # a short /classify runs on the event loop and is never held behind them
    assert httpx.post(f"{bounded}/classify", json={"text": TEXTS[0]}).status_code == 200


def test_serve_command_line_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from proposalnlp.cli import build_parser, main

    args = build_parser().parse_args(
        ["serve", "--allowed-hosts", "nlp.example.org, *.corp.example", "--max-pairs", "5"]
    )
    assert args.allowed_hosts == ["nlp.example.org", "*.corp.example"] and args.max_pairs == 5
    seen: dict[str, Any] = {}
    monkeypatch.setattr(service, "serve", lambda model, **kw: seen.update(kw))
    assert main(["serve", "--allowed-hosts", "a.example", "--concurrency", "2", "--body-timeout", "5"]) == 0
    assert seen["allowed_hosts"] == ["a.example"] and seen["concurrency"] == 2 and seen["body_timeout"] == 5.0
    assert seen["max_pairs"] == service.DEFAULT_MAX_PAIRS
    assert seen["max_upload_bytes"] == service.DEFAULT_MAX_UPLOAD_BYTES
    assert main(["serve", "--max-upload-bytes", "1000"]) == 0 and seen["max_upload_bytes"] == 1000
    with pytest.raises(SystemExit) as exc:  # a usage error: argparse exits 2
        main(["serve", "--max-pairs", "0"])
    assert exc.value.code == 2
