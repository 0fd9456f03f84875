"""Fixtures for the real-browser tests: one JupyterLab and one Voila server per session
(started on first use), one headless Chromium per session; JupyterLab tests share one
JupyterLab page (rebuilt after a failure), Voila tests get a fresh browser context each.

Run: ``.venv/bin/pytest -m browser tests/browser -x``. Screenshots land in
``test-artifacts/browser/``.
"""
import os
import shutil
from dataclasses import dataclass, field

import pytest

from . import harness as H

VIEWPORT = {"width": 1400, "height": 1000}


_FAILED = pytest.StashKey[set]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call" and rep.failed:
        item.config.stash.setdefault(_FAILED, set()).add(item.nodeid)
    return rep


@pytest.fixture(scope="session")
def playwright_browser():
    # Skipped with a reason on a machine without Chromium; CI (and anyone who sets
    # ECHEMLAB_REQUIRE_BROWSER=1) gets a failure instead, so a missing browser never passes silently.
    required = os.environ.get("ECHEMLAB_REQUIRE_BROWSER") == "1"
    missing = None
    if not os.path.exists(H.CHROMIUM):
        missing = f"{H.CHROMIUM} not found (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = missing or "playwright (python) is not installed"
    if missing:
        if required:
            pytest.fail(f"browser tests required (ECHEMLAB_REQUIRE_BROWSER=1) but {missing}")
        pytest.skip(missing)
    pw = sync_playwright().start()
    try:
        browser = H.launch_chromium(pw)
        yield browser
        browser.close()
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory):
    """Copies of notebooks/ and the fixtures, isolated Jupyter dirs. The repo is never served."""
    base = tmp_path_factory.mktemp("jupyter")
    yield H.Sandbox(base)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def lab_server(sandbox):
    server = H.JupyterServer(sandbox, "lab")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_server(sandbox):
    server = H.JupyterServer(sandbox, "voila")
    server.start()
    yield server
    server.stop()


@dataclass
class BrowserPage:
    page: object
    iopub: H.IopubMonitor
    console_errors: list = field(default_factory=list)


@pytest.fixture(scope="session")
def lab_app(playwright_browser, lab_server):
    app = H.LabApp(playwright_browser, lab_server, VIEWPORT)
    yield app
    app.close()


@pytest.fixture
def lab_page(request, lab_app):
    """The shared JupyterLab page, fresh logs; notebooks closed and kernels shut down after
    (one kernel at a time on a 2-core machine). Rebuilt after a failed test."""
    failed = request.config.stash.get(_FAILED, set())
    page = lab_app.page_ready(fresh=bool(failed))
    failed.clear()
    yield BrowserPage(page, lab_app.iopub, lab_app.console_errors)
    lab_app.close_notebooks()


@pytest.fixture
def voila_page(playwright_browser, voila_server):
    context = playwright_browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(H.WIDGET_TIMEOUT * 1000)
    page = context.new_page()
    bp = BrowserPage(page, H.IopubMonitor().attach(page))
    page.on("console", lambda m: bp.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: bp.console_errors.append(f"pageerror: {exc}"))
    yield bp
    context.close()
    voila_server.remember_children()


@pytest.fixture(scope="session")
def artifacts():
    H.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return H.ARTIFACTS
