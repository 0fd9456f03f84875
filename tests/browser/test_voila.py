"""The intercalation lecture as a Voila dashboard in headless Chromium.

Voila executes the notebook in the server and streams the page, then the
widgets connect to the kernel. Failures nbval cannot see: execution errors
shown in the page, widgets stuck at "Loading widget...", a blank figure, a
slider that does not update the figure, exceptions in widget callbacks (Voila
shows nothing at all for those; the harness reads the kernel's iopub messages).
Console errors about Font Awesome (CDN, offline) and jupytext's lab extension
(not loadable in Voila) are harmless and ignored.
"""
import os

import pytest

from . import harness as H

pytestmark = pytest.mark.browser

LECTURE = H.NOTEBOOKS / "01_intercalation.ipynb"
CASES = []
if LECTURE.exists():
    CASES.append(pytest.param(LECTURE, id="notebooks/01_intercalation"))
if not CASES or os.environ.get("ECHEMLAB_BROWSER_FIXTURES"):
    # the stand-in lecture: guards the harness until the lecture exists (or on request)
    CASES.append(pytest.param(H.FIXTURES / "ocv_explorer.ipynb", id="fixtures/ocv_explorer"))


@pytest.mark.parametrize("nb_path", CASES)
def test_voila_dashboard(voila_page, voila_server, sandbox, nb_path, artifacts):
    page, iopub = voila_page.page, voila_page.iopub
    served = sandbox.notebook_path(nb_path)
    problems = []
    try:
        H.voila_open(page, voila_server, served)
        problems += [f"error shown by Voila:\n{t[:2000]}" for t in H.voila_errors(page)]
        problems += [f"widget not rendered: {t}" for t in H.wait_widgets_rendered(page)]
        if page.locator(".echemlab-explorer").count() == 0:
            problems.append("no .echemlab-explorer on the page")
        problems += H.check_explorers(page)
        problems += H.check_ipympl_figures(page)
        page.wait_for_timeout(300)
        if iopub.errors:  # Voila runs the cells server-side: any kernel error here is a callback's
            problems.append("kernel error(s) after the page loaded:\n" + iopub.report(iopub.errors))
    finally:
        H.full_page_screenshot(page, artifacts / f"voila-{nb_path.stem}.png")
    assert not problems, f"{nb_path.name} in Voila:\n\n" + "\n\n".join(problems)


def test_voila_reports_callback_exceptions(voila_page, voila_server, sandbox):
    """Self-test: Voila shows nothing when an observe callback raises; the harness must."""
    page, iopub = voila_page.page, voila_page.iopub
    H.voila_open(page, voila_server, sandbox.notebook_path(H.FIXTURES / "callback_raises.ipynb"))
    assert H.voila_errors(page) == []
    assert H.wait_widgets_rendered(page) == []
    H.press_slider(page.locator(".echemlab-slider-raise .noUi-handle"))
    H.expect_callback_error(page, iopub)
