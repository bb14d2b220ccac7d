"""The web page over HTTP (no browser): the form, uploads and pasted texts, refusals kept in the page's
language, the report and its downloads, nothing loaded from elsewhere, /docs served offline, and the
thresholds of POST /match. The browser tests are in test_web.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web page needs the serve extra")
pytest.importorskip("multipart", reason="uploads need python-multipart (serve extra)")

from fastapi.testclient import TestClient

from proposalnlp.document import example_text, parse
from proposalnlp.matching import match
from proposalnlp.messages import text
from proposalnlp.service import create_app
from proposalnlp.webpage import FormError, ReportStore, read_upload, upload_suffixes

PROPOSAL = (
    "关于改善老旧小区停车难问题的建议\n\n具体建议：\n"
    "一、在小区周边道路施划夜间临时停车位。\n二、鼓励机关单位停车场夜间向居民开放。\n"
)
REPLY = "您提出的建议收悉。我局已在小区周边道路施划夜间临时停车位120个，居民夜间可免费停放。感谢您的关心。"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with TestClient(create_app(max_bytes=4096, max_upload_bytes=64 * 1024), base_url="http://localhost") as c:
        yield c


def _post(client: Any, data: dict[str, str], files: dict[str, Any] | None = None) -> Any:
    return client.post("/check", data=data, files=files or {}, follow_redirects=False)


def _no_outside_assets(page: str) -> None:
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", page), "the page loads something remote"
    assert "@import" not in page and "url(http" not in page


def test_form_in_chinese_and_english(client: Any) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    assert text("web.title", "zh") in page and text("web.submit", "zh") in page and '<html lang="zh-CN">' in page
    assert 'name="proposal_file"' in page and 'name="reply_text"' in page and 'enctype="multipart/form-data"' in page
    _no_outside_assets(page)
    en = client.get("/?lang=en").text
    assert text("web.submit", "en") in en and text("web.submit", "zh") not in en
    assert client.get("/?lang=xx").text == page  # an unknown language falls back to the default


def test_upload_one_document(client: Any) -> None:
    r = _post(client, {"lang": "zh"}, {"proposal_file": ("案.txt", example_text().encode("gb18030"), "text/plain")})
    assert r.status_code == 303
    location = r.headers["location"]
    assert re.fullmatch(r"/report/[\w-]{16,}\?lang=zh", location)
    page = client.get(location).text
    expected = match(parse(example_text()))
    shown = dict(re.findall(r"id='s-([^']+)' data-links='[^']*' data-verdict='([a-z]+)'", page))
    assert shown == {m.suggestion.id: m.verdict for m in expected.suggestions}
    for m in expected.suggestions:
        assert f"<span class='badge verdict {m.verdict}'>{text('verdict.' + m.verdict)}</span>" in page
    assert "<h1>关于支持县域食品加工企业转型升级的提案</h1>" in page
    assert "主题：" in page  # each suggestion's themes
    _no_outside_assets(page)
    token = location.split("/")[2].split("?")[0]
    data = client.get(f"/report/{token}/report.json").json()
    assert data["title"] == "关于支持县域食品加工企业转型升级的提案"
    assert [s["verdict"] for s in data["suggestions"]] == [m.verdict for m in expected.suggestions]
    assert set(data["themes"]) == {m.suggestion.id for m in expected.suggestions}
    download = client.get(f"/report/{token}/report.html?lang=en")
    assert download.headers["content-disposition"].startswith("attachment")
    assert "<nav" not in download.text and '<html lang="en">' in download.text


def test_paste_and_upload_separately_with_thresholds(client: Any) -> None:
    files = {"reply_file": ("reply.txt", REPLY.encode("utf-8"), "text/plain")}
    r = _post(client, {"lang": "en", "proposal_text": PROPOSAL, "answered": "1", "partly": ""}, files)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "<h1>关于改善老旧小区停车难问题的建议</h1>" in page
    assert ">answered<" not in page  # no calibrated probability reaches 1
    default = client.get(client.post("/check", data={"proposal_text": PROPOSAL, "reply_text": REPLY}).url).text
    assert ">已答复<" in default, "with the default thresholds the first suggestion is answered"


@pytest.mark.parametrize(
    "data, files, message",
    [
        ({"reply_text": "答复"}, None, "web.need_proposal"),
        ({"proposal_text": PROPOSAL, "answered": "1.5"}, None, "web.bad_threshold"),
        ({"proposal_text": PROPOSAL, "answered": "abc"}, None, "web.bad_threshold"),
        ({"proposal_text": PROPOSAL, "answered": "0.1", "partly": "0.2"}, None, "web.bad_order"),
        ({"proposal_text": PROPOSAL}, {"proposal_file": ("a.txt", b"x", "text/plain")}, "web.both_given"),
    ],
)
def test_refused_forms_keep_the_language_and_what_was_typed(
    client: Any, data: dict[str, str], files: Any, message: str
) -> None:
    for lang in ("zh", "en"):
        r = _post(client, {"lang": lang, **data}, files)
        assert r.status_code == 422 and "class='error'" in r.text
        key_text = text(message, lang, field="\x00").split("\x00")[-1][:8]
        assert key_text in r.text
        if "proposal_text" in data:
            assert "关于改善老旧小区停车难问题的建议" in r.text  # the pasted text is kept


def test_uploads_are_bounded_and_may_be_binary(client: Any) -> None:
    big = ("案.txt", ("建议加快建设。" * 20000).encode("utf-8"), "text/plain")  # over the 64 KiB upload limit
    assert _post(client, {}, {"proposal_file": big}).status_code == 413
    # a form's bytes are no JSON text: not refused as such (the JSON endpoints keep their 4 KiB limit)
    binary = ("doc.bin", bytes(range(256)) * 4, "application/octet-stream")
    r = _post(client, {"lang": "en"}, {"proposal_file": binary})
    assert r.status_code == 422 and "Cannot check" in r.text
    assert (
        client.post("/match", content=b"\xff\xfe\x00", headers={"content-type": "application/json"}).status_code == 422
    )


def test_uploads_are_read_by_their_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upload is read from its bytes as proposalnlp.read() reads a file: Word by its content, text in any of
    the accepted encodings; an unknown suffix and a missing formats extra give a form error naming the cause."""
    from proposalnlp import readers

    title = "关于支持县域食品加工企业转型升级的提案"
    assert ".docx" in upload_suffixes() and ".pdf" in upload_suffixes() and ".txt" in upload_suffixes()
    assert read_upload("提案.docx", _minimal_docx(example_text().splitlines())).title == title
    assert read_upload("a.txt", example_text().encode("utf-16")).title == title
    assert read_upload("a.TXT", example_text().encode("gb18030")).title == title
    with pytest.raises(FormError, match=r"\.exe"):
        read_upload("a.exe", b"MZ")

    def missing(data: bytes) -> str:
        raise readers.FormatDependencyError("reading Word files needs the 'python-docx' package of the 'formats' extra")

    monkeypatch.setattr(readers, "docx_text", missing)
    with pytest.raises(FormError, match="formats"):
        read_upload("提案.docx", _minimal_docx(["关于某事的提案"]))


def _minimal_docx(lines: list[str]) -> bytes:
    """A Word file written by hand (zip + WordprocessingML), one paragraph per line."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    parts = {
        "[Content_Types].xml": (
            "<?xml version='1.0' encoding='UTF-8'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/"
            "content-types'><Default Extension='rels' ContentType='application/vnd.openxmlformats-package."
            "relationships+xml'/><Default Extension='xml' ContentType='application/xml'/><Override "
            "PartName='/word/document.xml' ContentType='application/vnd.openxmlformats-officedocument."
            "wordprocessingml.document.main+xml'/></Types>"
        ),
        "_rels/.rels": (
            "<?xml version='1.0' encoding='UTF-8'?><Relationships xmlns='http://schemas.openxmlformats.org/"
            "package/2006/relationships'><Relationship Id='rId1' Type='http://schemas.openxmlformats.org/"
            "officeDocument/2006/relationships/officeDocument' Target='word/document.xml'/></Relationships>"
        ),
        "word/document.xml": f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{w}'><w:body>{body}"
        "</w:body></w:document>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buffer.getvalue()


def test_word_upload_gives_the_report(client: Any) -> None:
    """A .docx upload (the formats extra is part of the test install) gives the report of its proposal."""
    data = _minimal_docx(example_text().splitlines())
    r = _post(client, {"lang": "en"}, {"proposal_file": ("example.docx", data, "application/octet-stream")})
    assert r.status_code == 303
    assert "关于支持县域食品加工企业转型升级的提案" in client.get(r.headers["location"]).text


def test_unknown_or_expired_reports(client: Any) -> None:
    r = client.get("/report/no-such-token")
    assert r.status_code == 404 and text("web.expired", "zh") in r.text
    assert client.get("/report/no-such-token/report.json?lang=en").status_code == 404
    store = ReportStore(size=2, ttl=60)
    al = match(["加大投入"], ["我们将加大投入。"])
    from proposalnlp.webpage import Report

    tokens = [store.add(Report(al, None)) for _ in range(3)]
    assert store.get(tokens[0]) is None and store.get(tokens[2]) is not None and len(set(tokens)) == 3
    old = Report(al, None, created=0.0)
    assert store.get(store.add(old)) is None  # past its time


def test_docs_are_served_offline(client: Any) -> None:
    page = client.get("/docs").text
    scripts = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
    assert scripts and all(s.startswith("/") for s in scripts), scripts
    for asset in scripts:
        if asset.endswith((".js", ".css")):
            assert client.get(asset).status_code == 200
    assert "cdn.jsdelivr" not in page and "fonts.googleapis" not in client.get("/redoc").text


def test_match_thresholds_over_http(client: Any) -> None:
    import dataclasses

    from proposalnlp.matching import Thresholds

    body = {"proposal": PROPOSAL, "reply": REPLY}
    base = client.post("/match", json=body).json()
    assert (base["thresholds"]["answered"], base["thresholds"]["partly"]) == (
        Thresholds().answered,
        Thresholds().partly,
    )
    strict = client.post("/match", json={**body, "answered": 0.95}).json()
    expected = match(PROPOSAL, REPLY, thresholds=dataclasses.replace(Thresholds(), answered=0.95))
    assert [s["verdict"] for s in strict["suggestions"]] == [m.verdict for m in expected.suggestions]
    assert strict["thresholds"]["answered"] == 0.95
    for bad in ({"answered": 1.5}, {"partly": -0.1}, {"answered": "high"}, {"answered": 0.1, "partly": 0.3}):
        r = client.post("/match", json={**body, **bad})
        assert r.status_code == 422, bad
        assert "answered" in r.json()["detail"] or "partly" in r.json()["detail"]
