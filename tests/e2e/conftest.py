"""Browser tests: Debian's Chromium through Playwright against a live server, axe on every page."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from consult import create_app
from consult.db import db, utcnow
from consult.demo.services import load_demo

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
DEMO_PASSWORD = "demo-wachtwoord"

pytestmark = pytest.mark.e2e


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Chromium not found: install Debian's chromium (see .ci/run)")
    return path


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("e2e-instance")
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(instance / "e2e.sqlite"),
        "SECRET_KEY": "e2e-secret-key",
        "MIN_FILL_SECONDS": 0,
        "RATELIMIT_ENABLED": False,
        "REGION_PAGE_DIR": str(instance / "region-pages"),
    })
    with app.app_context():
        upgrade()
        load_demo(now=utcnow(), per_round=40)
        db.session.commit()
    return app


@pytest.fixture(scope="session")
def base_url(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def _document_id(page) -> float | None:
    try:
        return page.evaluate("performance.timeOrigin")
    except PlaywrightError:
        return None


@pytest.fixture
def check_a11y(axe):
    """Run axe-core on the current page; any violation fails the test."""

    def check(page) -> None:
        # A page may reload itself while axe runs (the analysis page does when its run ends);
        # results from a document that was replaced halfway are not about any page: run again.
        results = None
        for _ in range(3):
            page.wait_for_load_state("load")
            before = _document_id(page)
            try:
                results = axe.run(page, options=AXE_OPTIONS)
            except PlaywrightError:  # the execution context went away mid-run
                results = None
                continue
            if _document_id(page) == before:
                break
        if results is None:
            page.wait_for_load_state("load")
            results = axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        assert not violations, f"axe violations on {page.url}:\n" + "\n".join(
            f"- {v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {v['nodes'][0]['html'][:200]}"
            for v in violations)

    return check


@pytest.fixture
def visit(page, check_a11y):
    """Go to a path, check it answered, and check its accessibility."""

    def go(path: str, *, status: int = 200):
        response = page.goto(path)
        assert response.status == status, f"{path} answered {response.status}"
        check_a11y(page)
        return response

    return go


@pytest.fixture
def staff_login(page, check_a11y):
    def login(email: str) -> None:
        page.goto("/inloggen")
        check_a11y(page)
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/rondes/")

    return login
