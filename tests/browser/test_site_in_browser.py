"""The built site in headless Debian Chromium (Selenium + the system chromedriver).

Each site (the mini fixture; the full sample once the render stage is in) is served from
127.0.0.1 and visited like a reader would: home, a group, a contribution, a search, a PDF. Every
request the pages make is recorded (DevTools performance log) and none may leave localhost;
the browser console must stay free of errors; axe-core must find no serious or critical
accessibility violation. External hosts are also unresolvable in this browser, so a leak fails
loudly instead of reaching the network.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver import Chrome as WebDriver

from cahiers.pipeline import Prepared
from conftest import require_tool

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
WAIT = 15  # seconds


@dataclass(frozen=True, slots=True)
class Served:
    name: str
    url: str  # http://127.0.0.1:PORT/
    prepared: Prepared


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module", params=["mini", "sample"])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    prepared: Prepared = request.getfixturevalue(
        "mini" if request.param == "mini" else "rendered_sample"
    )
    site: Path = request.getfixturevalue(f"{request.param}_site")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(request.param, f"http://127.0.0.1:{server.server_address[1]}/", prepared)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    chromium = require_tool("chromium")
    chromedriver = require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=fr-FR",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(driver: WebDriver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: WebDriver) -> list[str]:
    entries = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]


def open_page(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait_for(driver, "return document.readyState === 'complete'")


def wait_for(driver: WebDriver, script: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(script))


def first_contribution(prepared: Prepared) -> tuple[str, str, str]:
    """The first French contribution in page order that has a long word, its group and the word."""
    from cahiers.site.context import SiteContext
    from cahiers.site.pages import sorted_contributions, sorted_groups
    from cahiers.site.settings import SiteSettings

    for group in sorted_groups(SiteContext(prepared, SiteSettings())):
        for contribution in sorted_contributions(group):
            word = search_word(prepared, contribution.path)
            if contribution.lang == "fr" and word:
                return group.slug, contribution.slug, word
    raise AssertionError("no French contribution with a long word")


def search_word(prepared: Prepared, path: str) -> str | None:
    """A long French word of the contribution's body, as readers would type it: accented first."""
    import re

    from cahiers.site.htmltools import text_of

    words = re.findall(r"[a-zà-öø-ÿœ]{9,}", text_of(prepared.rendered.contributions[path].html))
    if not words:
        return None
    word: str = max(words, key=lambda w: (sum(c in "éèêàùçô" for c in w), len(w), w))
    return word


def test_home_loads_in_french(browser: WebDriver, served: Served) -> None:
    open_page(browser, served.url)
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    titles = browser.execute_script(
        "return [...document.querySelectorAll('.cahiers-card__title a')].map(a => a.textContent)"
    )
    for group in served.prepared.project.groups.values():
        assert group.title in titles


def test_navigate_home_to_group_to_contribution(browser: WebDriver, served: Served) -> None:
    from selenium.webdriver.common.by import By

    project = served.prepared.project
    group_slug, slug, _ = first_contribution(served.prepared)
    group = project.groups[group_slug]
    contribution = project.contribution(slug)
    assert contribution is not None
    open_page(browser, served.url)
    browser.find_element(By.LINK_TEXT, group.title).click()
    wait_for(browser, f"return location.pathname.endsWith('/groups/{group_slug}/')")
    h1 = browser.find_element(By.CSS_SELECTOR, "article h1").text
    assert h1 == group.title
    link = browser.find_element(By.CSS_SELECTOR, f".cahiers-contributions a[href='{slug}/']")
    link.click()
    wait_for(browser, f"return location.pathname.endsWith('/groups/{group_slug}/{slug}/')")
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == contribution.title
    badge = browser.find_element(By.CSS_SELECTOR, ".cahiers-byline .cahiers-badge").text
    assert badge in ("Brouillon", "En relecture", "Validé")


def test_search_finds_a_french_word_of_a_contribution(browser: WebDriver, served: Served) -> None:
    from selenium.webdriver.common.by import By

    group_slug, slug, word = first_contribution(served.prepared)
    open_page(browser, served.url)
    field = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    field.click()  # at this width, the search field sits in the header
    field.send_keys(word)
    target = f"groups/{group_slug}/{slug}/"
    wait_for(
        browser,
        "return [...document.querySelectorAll('.md-search-result__item a')]"
        f".some(a => a.getAttribute('href').includes('{target}'))",
    )


def test_pdf_download_returns_a_pdf(browser: WebDriver, served: Served) -> None:
    from selenium.webdriver.common.by import By

    paper = next(iter(sorted(served.prepared.project.papers)))
    open_page(browser, f"{served.url}papers/{paper}/")
    link = browser.find_element(By.CSS_SELECTOR, ".cahiers-downloads a[href$='.pdf']")
    href = str(link.get_property("href"))
    assert urlsplit(href).hostname == "127.0.0.1"
    with urllib.request.urlopen(href, timeout=WAIT) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"


def test_no_console_error_and_no_request_leaves_localhost(
    browser: WebDriver, served: Served
) -> None:
    group_slug, slug, _ = first_contribution(served.prepared)
    paper = next(iter(sorted(served.prepared.project.papers)))
    requested_urls(browser)  # drop what earlier tests recorded
    console_errors(browser)
    pages = ["", f"groups/{group_slug}/", f"groups/{group_slug}/{slug}/", f"papers/{paper}/",
             "contributors/", "tags/"]  # fmt: skip
    for page in pages:
        open_page(browser, served.url + page)
    urls = requested_urls(browser)
    assert len(urls) >= len(pages)
    leaving = [u for u in urls if urlsplit(u).scheme not in ("data", "blob")
               and urlsplit(u).hostname not in LOCAL_HOSTS]  # fmt: skip
    assert leaving == []
    assert console_errors(browser) == []


def test_axe_finds_no_serious_or_critical_violation(browser: WebDriver, served: Served) -> None:
    if not AXE.is_file():
        message = "axe-core is not installed: (cd tests/browser && npm install)"
        if shutil.which("npm") is None or __import__("conftest").IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    group_slug, slug, _ = first_contribution(served.prepared)
    paper = next(iter(sorted(served.prepared.project.papers)))
    source = AXE.read_text(encoding="utf-8")
    problems = []
    for page in ("", f"groups/{group_slug}/", f"groups/{group_slug}/{slug}/", f"papers/{paper}/",
                 "contributors/", "tags/"):  # fmt: skip
        open_page(browser, served.url + page)
        browser.execute_script(source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations));"
        )
        for violation in result:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"/{page}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)


def test_the_request_recorder_sees_a_request_to_another_host(browser: WebDriver) -> None:
    """The recorder itself is checked: an external image is seen (and never resolved)."""
    requested_urls(browser)
    browser.get("data:text/html,<img src='https://leak.example.invalid/pixel.png' alt=''>")
    wait_for(browser, "return document.readyState === 'complete'")
    assert "https://leak.example.invalid/pixel.png" in requested_urls(browser)
    console_errors(browser)  # the failed load is an expected console error here
