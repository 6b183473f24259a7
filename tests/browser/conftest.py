"""Browser fixtures: the built guide served on 127.0.0.1, Debian's chromium driven by Playwright.

The site is built once per session (`shezhire build`), served by a quiet threaded http.server
on a free loopback port, and every page a test opens records its requests: a request to any
other host fails the test, because the guide must work offline and send nothing anywhere.
A failing test leaves a screenshot and the page's console log in tests/_artifacts/
(<test>.png, <test>.console.txt).

Playwright cannot download browsers here; it drives /usr/bin/chromium. Without chromium (or
without the playwright package) the browser tests are skipped locally and fail in CI (CI set).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from golden_facts import CORPUS, GOLDEN_DAY
from helpers import LOCAL_HOST, serve

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "_artifacts"
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def missing(what: str) -> None:
    """Skip locally, fail in CI: CI must run the browser tests."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} (required in CI)", pytrace=False)
    pytest.skip(what)


# --------------------------------------------------------------------------------------------
# The site
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide built once from corpus/, as `shezhire build --out DIR` writes it."""
    from click.testing import CliRunner

    from shezhire.cli import cli

    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--corpus", str(CORPUS),
                                      "--as-of", GOLDEN_DAY.isoformat()])
    assert result.exit_code == 0, result.output
    for page in ("index.html", "checklist/index.html", "graph/index.html"):
        assert (out / page).is_file(), f"shezhire build wrote no {page}"
    return out


@pytest.fixture(scope="session")
def site_rules(site_dir: Path) -> dict[str, Any]:
    """The rules export the built site publishes (the file the checklist evaluates)."""
    data: dict[str, Any] = json.loads((site_dir / "rules.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on the loopback interface."""
    with serve(site_dir) as url:
        yield url


# --------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, launched once per session."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed from the npm registry into .cache/axe by .ci/run."""
    if not AXE.exists():
        missing(f"axe-core is not installed: npm install --prefix {ROOT / '.cache' / 'axe'} "
                "axe-core@4")
    return AXE.read_text("utf-8")


class RequestLog:
    """Every request a page made; the ones that left the local server are offences."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.kinds: list[str] = []

    def outside(self) -> list[str]:
        out = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname != LOCAL_HOST:
                out.append(url)
        return out


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item, so fixtures can tell a failed test at teardown."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser: Any, site_url: str, requests_log: RequestLog,
         request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page (own context: empty localStorage) that logs every request and blocks
    (and later fails the test for) any that leaves 127.0.0.1."""
    context = browser.new_context(locale="kk-KZ", service_workers="block")

    def log(req: Any) -> None:
        requests_log.urls.append(req.url)
        requests_log.kinds.append(req.resource_type)

    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname == LOCAL_HOST:
            r.continue_()
        else:
            r.abort()

    context.on("request", log)
    context.route("**/*", route)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    console: list[str] = []
    opened.on("console", lambda m: console.append(f"{m.type}: {m.text} ({_where(m.location)})"))
    opened.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    try:
        yield opened
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            _keep_artifacts(opened, request.node.nodeid, console)
    finally:
        context.close()
    outside = requests_log.outside()
    if outside:
        pytest.fail(f"requests outside {LOCAL_HOST}: {outside[:5]}", pytrace=False)


def _where(location: dict[str, Any]) -> str:
    return f"{location.get('url', '')}:{location.get('lineNumber', 0)}"


def _keep_artifacts(page: Any, nodeid: str, console: list[str]) -> None:
    """The screenshot and the console log of a failed test's page."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")[:150]
    lines = [f"url: {page.url}", *console] if not page.is_closed() else console
    (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(lines) + "\n", "utf-8")
    _screenshot(page, name)


def _screenshot(page: Any, name: str) -> None:
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    except Exception as error:  # the screenshot must not hide the test's own failure
        print(f"screenshot failed: {error}")


# --------------------------------------------------------------------------------------------
# The checklist
# --------------------------------------------------------------------------------------------

@pytest.fixture
def checklist_page(page: Any, site_url: str) -> Any:
    """The checklist page, its rules loaded and its form standing."""
    page.goto(site_url + "checklist/")
    page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    return page
