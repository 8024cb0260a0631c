"""The console in a real browser: Debian's Chromium driven by Playwright against the live app of tests/conftest.py
(uvicorn serving create_app, so the API and the console on one origin).

One browser per session, a new context per test. A test fails on any request to another host than the app's own
(the request is aborted too), on any console error and on any uncaught page error. The browser's own report of an
API answer in 4xx ("Failed to load resource: ... status of 422") is not a fault: the console shows that answer
to the user. A missing static file (a 4xx outside /api/) or any 5xx still fails the test."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO_ROOT

SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("HIRING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "demo-password-123"  # tests/conftest.py's demo fixture
_API_4XX = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the console's browser tests need Debian's chromium "
            "(apt-get install -y --no-install-recommends chromium; .ci/run does this). Never `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@dataclass
class Console:
    """A page on the live app, and what it did that a test must not allow."""

    page: Any
    base_url: str
    faults: list[str] = field(default_factory=list)

    def goto(self, path: str = "/") -> None:
        """Open a console path (the part after #), e.g. goto("/signin")."""
        self.page.goto(f"{self.base_url}/#{path}")
        self.page.locator("#page-title").wait_for()

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, tenant: str | None = None) -> None:
        self.goto("/signin")
        form = self.page.get_by_role("form", name="Sign in")
        form.get_by_label("Email").fill(email)
        form.get_by_label("Password").fill(password)
        if tenant:
            form.get_by_label("Organisation (optional)").fill(tenant)
        form.get_by_role("button", name="Sign in").click()
        self.page.locator("#nav-links .who").wait_for(state="attached")  # hidden behind Menu at phone width

    def heading(self) -> str:
        return str(self.page.locator("#page-title").inner_text())

    def messages(self) -> str:
        return str(self.page.locator("#messages").inner_text())


@contextmanager
def _open_console(browser: Any, api_base_url: str, **options: Any) -> Iterator[Console]:
    own_host = urlsplit(api_base_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 860}, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    found = Console(page, api_base_url)

    def guard(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc != own_host:
            found.faults.append(f"request to another host: {url}")
            route.abort()
        else:
            route.continue_()

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        where = str(message.location.get("url", ""))
        if _API_4XX.match(message.text) and urlsplit(where).path.startswith("/api/"):
            return
        found.faults.append(f"console error: {message.text} ({where})")

    context.route("**/*", guard)
    page.on("console", on_console)
    page.on("pageerror", lambda error: found.faults.append(f"page error: {error}"))
    page.on("response", lambda r: r.status >= 500 and found.faults.append(f"HTTP {r.status} from {r.url}"))
    yield found
    context.close()
    assert found.faults == [], "the console misbehaved:\n" + "\n".join(found.faults)


@pytest.fixture
def console(browser: Any, api_base_url: str, http: Any) -> Iterator[Console]:
    """A fresh context on the live app (the `http` fixture installs this test's container behind it)."""
    with _open_console(browser, api_base_url) as found:
        yield found


@pytest.fixture
def audit_console(browser: Any, api_base_url: str, http: Any) -> Iterator[Console]:
    """Like `console`, in a context that bypasses the Content-Security-Policy so that `axe_audit` can inject
    axe-core (test-only: the console itself never loads it). Use it for the accessibility audit only."""
    with _open_console(browser, api_base_url, bypass_csp=True) as found:
        yield found


AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # tests/browser/vendor/fetch_axe.py, axe-core (MPL-2.0)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_audit(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page as it is now; the violations of these impacts, each
    {id, impact, help, helpUrl, nodes: [{target, failureSummary}]}. Needs a page of `audit_console`."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # Two frames first: a viewport just resized dispatches its resize event at the next frame, and the console's
    # handlers (a wide table's wrap joining the tab order) must have run before axe judges the page.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))")
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = page.evaluate("async (options) => (await window.axe.run(document, options)).violations", options)
    return [v for v in violations if v.get("impact") in impacts]


def describe_violations(where: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per element: where, the rule, its impact, the element's selector and the rule's help text."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"{where}: {v['id']} ({v['impact']}) at {target}: {v['help']} [{v['helpUrl']}]")
    return lines


def shot(page: Any, name: str) -> Path:
    """Write a full-page screenshot to docs/screenshots/<name>.png (committed; the README links the folder)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
