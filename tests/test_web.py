"""The web page of ``proposalnlp serve`` in a real browser: Debian's chromium, driven through its
chromedriver by selenium, against a uvicorn server on a free localhost port.

A clerk's path: open the page, upload a file (or paste a text), submit, read every suggestion's verdict,
download the report; the screenshot must not be blank. The API docs at /docs must render their operations
with the network cut off (a proxy that refuses everything but this machine), loading nothing from elsewhere.

Skipped with the reason when chromium or chromedriver is missing; under CI (PROPOSALNLP_REQUIRE_SHARED=1)
they must run. With PROPOSALNLP_UPDATE_SCREENSHOTS=1 the page's screenshot is also saved as
docs/web-page.png (the README shows it).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web page needs the serve extra")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (test extra) drives the browser")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from proposalnlp.document import example_text, parse  # noqa: E402
from proposalnlp.matching import match  # noqa: E402
from proposalnlp.messages import text  # noqa: E402
from proposalnlp.service import create_app  # noqa: E402
from test_service import running  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver", "chromium-driver")

# a proposal and its reply as two files, written for these tests
PROPOSAL = """关于加强乡镇卫生院医疗人才队伍建设的建议

乡镇卫生院是农村群众看病就医的第一道关口，但目前普遍存在人员不足、留人困难等问题。

为此建议：
一、提高乡镇卫生院医务人员待遇，落实基层津贴，确保收入不低于县级医院同级人员水平。
二、实施订单定向培养，由县级卫生健康部门与医学院校签订协议，为乡镇卫生院定向培养全科医生。
三、建立县域医共体内人员轮岗机制，县级医院医生定期到乡镇卫生院坐诊带教。
四、在乡镇卫生院推广远程会诊系统，让群众在家门口享受上级医院专家服务。
"""

REPLY = """王明代表：

您提出的《关于加强乡镇卫生院医疗人才队伍建设的建议》收悉，现答复如下：

一、关于提高待遇。今年起我县将乡镇卫生院医务人员基层津贴提高到每人每月800元，绩效工资总量核定时向乡镇卫生院倾斜，医务人员平均收入已接近县级医院同级人员水平。

二、关于定向培养。县卫生健康局已与省内两所医学院校签订协议，每年定向培养全科医生20名，毕业后到乡镇卫生院服务不少于六年。

三、关于人员轮岗。县人民医院、县中医院每年选派中级以上职称医生到乡镇卫生院坐诊带教，每人服务时间不少于半年。

感谢您对我县卫生健康事业的关心和支持。
"""


def _require(what: str) -> None:
    reason = f"{what} not found (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true" or os.environ.get("PROPOSALNLP_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " but CI requires the browser tests")
    pytest.skip(reason)


def _find(names: tuple[str, ...], env: str) -> str | None:
    wanted = [os.environ[env]] if os.environ.get(env) else list(names)
    return next(filter(None, map(shutil.which, wanted)), None)


def _driver(profile: Path, *, offline: bool = False, log_network: bool = False) -> Any:
    """A headless chromium under chromedriver (the system's: selenium downloads nothing)."""
    browser = _find(BROWSERS, "PROPOSALNLP_CHROMIUM")
    if browser is None:
        _require("chromium")
    driver_path = _find(DRIVERS, "PROPOSALNLP_CHROMEDRIVER")
    if driver_path is None:
        _require("chromedriver")
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium manager: never fetch a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,1600",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if offline:
        # every request that is not to this machine goes to a port where nothing listens: no network at all
        options.add_argument("--proxy-server=http://127.0.0.1:9")
    if log_network:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service with the bundled model on a free localhost port."""
    with running(create_app()) as url:
        yield url


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = _driver(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def _wait_report(driver: Any) -> None:
    WebDriverWait(driver, 120).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".cols")))


def _verdicts(driver: Any) -> dict[str, str]:
    """Each suggestion card's id and the verdict words shown on it."""
    cards = driver.find_elements(By.CSS_SELECTOR, ".card.sugg")
    return {c.get_attribute("id")[2:]: c.find_element(By.CSS_SELECTOR, ".badge.verdict").text for c in cards}


def _pixel_variety(png: bytes) -> tuple[float, int]:
    """(share of pixels clearly darker than the background, saturated pixels) of a screenshot."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        gray = img.convert("L")
        hist = gray.histogram()
        total = img.size[0] * img.size[1]
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20) or []
        saturated = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 60)
    return sum(hist[:200]) / total, saturated


def test_upload_one_document_shows_every_verdict(server: str, browser: Any, tmp_path: Path) -> None:
    """Upload one file holding a proposal and its reply: every suggestion appears with its verdict, in
    Chinese, under the proposal's own title; the screenshot is not blank."""
    doc = tmp_path / "提案与答复.txt"
    doc.write_text(example_text(), encoding="utf-8")
    expected = match(parse(example_text()))
    browser.get(server + "/")
    assert browser.find_element(By.ID, "submit").text == text("web.submit", "zh")
    form = browser.get_screenshot_as_png()
    assert _pixel_variety(form)[0] > 0.005, "the form looks blank"
    if os.environ.get("PROPOSALNLP_UPDATE_SCREENSHOTS") == "1":
        (REPO / "docs" / "web-form.png").write_bytes(form)
    browser.find_element(By.ID, "proposal_file").send_keys(str(doc))
    browser.find_element(By.ID, "submit").click()
    _wait_report(browser)
    shown = _verdicts(browser)
    assert shown == {m.suggestion.id: text("verdict." + m.verdict, "zh") for m in expected.suggestions}
    assert browser.find_element(By.TAG_NAME, "h1").text == "关于支持县域食品加工企业转型升级的提案"
    themes = browser.find_elements(By.CSS_SELECTOR, ".card.sugg .themes")
    assert len(themes) == len(expected.suggestions), "each suggestion shows its themes"
    png = browser.get_screenshot_as_png()
    inked, saturated = _pixel_variety(png)
    assert inked > 0.01, f"the screenshot looks blank: {inked:.2%} of the pixels are not near-white"
    assert saturated > 500, f"no coloured verdict badges in the screenshot ({saturated} saturated pixels)"
    (tmp_path / "web-page.png").write_bytes(png)
    if os.environ.get("PROPOSALNLP_UPDATE_SCREENSHOTS") == "1":
        (REPO / "docs" / "web-page.png").write_bytes(png)


def test_paste_proposal_upload_reply_and_download(server: str, browser: Any, tmp_path: Path) -> None:
    """A pasted proposal with an uploaded reply, in English; the download links give the same verdicts."""
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY, encoding="gb18030")  # offices still save GB18030 text
    expected = match(parse(PROPOSAL), REPLY)
    browser.get(server + "/?lang=en")
    area = browser.find_element(By.ID, "proposal_text")
    browser.execute_script("arguments[0].value = arguments[1];", area, PROPOSAL)  # send_keys is slow for CJK
    browser.find_element(By.ID, "reply_file").send_keys(str(reply))
    browser.find_element(By.ID, "submit").click()
    _wait_report(browser)
    assert _verdicts(browser) == {m.suggestion.id: text("verdict." + m.verdict, "en") for m in expected.suggestions}
    missing = browser.find_element(By.CSS_SELECTOR, ".missing-list").text
    for m in expected.suggestions:
        if m.verdict == "unanswered":
            assert m.suggestion.id in missing
    json_url = browser.find_element(By.ID, "download-json").get_attribute("href")
    html_url = browser.find_element(By.ID, "download-html").get_attribute("href")
    assert urlparse(json_url).netloc == urlparse(server).netloc
    data = httpx.get(json_url, timeout=30).json()
    assert data["title"] == "关于加强乡镇卫生院医疗人才队伍建设的建议"
    assert [s["verdict"] for s in data["suggestions"]] == [m.verdict for m in expected.suggestions]
    page = httpx.get(html_url, timeout=30)
    assert "attachment" in page.headers["content-disposition"] and "<nav" not in page.text
    # the language link re-renders the same report in Chinese
    browser.find_element(By.ID, "lang").click()
    _wait_report(browser)
    assert _verdicts(browser) == {m.suggestion.id: text("verdict." + m.verdict, "zh") for m in expected.suggestions}


def test_a_refused_form_keeps_what_was_typed(server: str, browser: Any) -> None:
    browser.get(server + "/")
    browser.find_element(By.ID, "reply_text").send_keys("答复")
    browser.find_element(By.ID, "submit").click()
    alert = WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".error")))
    assert text("web.need_proposal", "zh") in alert.text
    assert browser.find_element(By.ID, "reply_text").get_attribute("value") == "答复"


def test_api_docs_render_offline(server: str, tmp_path: Path) -> None:
    """/docs with the network cut off: Swagger UI renders every operation, and the page asked nothing of
    any host but this one."""
    driver = _driver(tmp_path / "profile", offline=True, log_network=True)
    try:
        driver.get(server + "/docs")
        WebDriverWait(driver, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".opblock")))
        time.sleep(0.5)  # let the last operations render
        paths = {e.text for e in driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
        assert {"/classify", "/match", "/parse", "/health", "/version"} <= paths, paths
        hosts = set()
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                if url.startswith(("http:", "https:")):
                    hosts.add(urlparse(url).netloc)
        assert hosts == {urlparse(server).netloc}, f"the docs page loaded from other hosts: {hosts}"
    finally:
        driver.quit()
