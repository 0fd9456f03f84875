"""Every chapter's dashboard (``dashboards/*.ipynb``, made by tools/dashboards.py) in Voila
and headless Chromium.

Voila executes the notebook in the server and streams the page, then the
widgets connect to the kernel. Failures nbval cannot see: execution errors
shown in the page, code shown (Voila must hide it), widgets stuck at "Loading
widget...", a blank figure, an explorer of the chapter missing, a control that
changes neither the figure nor the readout when moved one step (EVERY slider
of every explorer is moved), exceptions in widget callbacks (Voila shows
nothing at all for those; the harness reads the kernel's iopub messages), and
a layout that does not fit a 1400 x 1000 lecture-hall screen. Console errors
about Font Awesome (CDN, offline) and jupytext's lab extension (not loadable in
Voila) are harmless and ignored.
"""
import json
import os

import pytest

from . import harness as H

pytestmark = pytest.mark.browser

DASHBOARDS = sorted(H.DASHBOARDS.glob("[0-9][0-9]_*.ipynb"))
CASES = [pytest.param(p, id=f"dashboards/{p.stem}") for p in DASHBOARDS]
if not CASES or os.environ.get("ECHEMLAB_BROWSER_FIXTURES"):
    # the stand-in dashboard: guards the harness while dashboards/ is empty (or on request)
    CASES.append(pytest.param(H.FIXTURES / "ocv_explorer.ipynb", id="fixtures/ocv_explorer"))

#: geometry of every explorer on the page (bounding boxes in CSS px)
JS_LAYOUT = """() => ({
  width: window.innerWidth, height: window.innerHeight,
  scrollWidth: document.documentElement.scrollWidth,
  explorers: Array.from(document.querySelectorAll('.echemlab-explorer')).map(ex => {
    const b = ex.getBoundingClientRect();
    const f = ex.querySelector('img.echemlab-figure, .echemlab-figure img').getBoundingClientRect();
    return {left: b.left, right: b.right, height: b.height, figWidth: f.width, figHeight: f.height};
  }),
})"""


def registry_params(nb_path):
    """[[param name, ...] per explorer] of the chapter, from the explorer registry; None for a
    notebook that is not a generated dashboard."""
    if nb_path.parent != H.DASHBOARDS:
        return None
    from echemlab.explorers import modules

    mods = modules().get(nb_path.name[:2], [])
    return [[p.name for p in cls.params] for m in mods for cls in m.EXPLORERS]


def code_lines(nb_path):
    """Distinctive lines of the notebook's code cells (imports, calls): none may show in Voila."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lines += [ln.strip() for ln in src.splitlines() if len(ln.strip()) > 12 and not ln.startswith("#")]
    return lines


def layout_problems(layout):
    """The dashboard must read on one lecture-hall screen: no sideways scrolling, each
    explorer within the width and no taller than the window, its figure at least 70 % of the
    window wide (or 500 px tall, for a square figure)."""
    problems = []
    w, h = layout["width"], layout["height"]
    if layout["scrollWidth"] > w + 1:
        problems.append(f"page scrolls sideways: {layout['scrollWidth']} px wide in a {w} px window")
    for i, ex in enumerate(layout["explorers"]):
        if ex["left"] < -1 or ex["right"] > w + 1:
            problems.append(f"explorer {i} sticks out of the window: x = {ex['left']:.0f}..{ex['right']:.0f}")
        if ex["height"] > h:
            problems.append(f"explorer {i} is {ex['height']:.0f} px tall: does not fit a {h} px screen")
        if ex["figWidth"] < 0.7 * w and ex["figHeight"] < 500:
            problems.append(f"explorer {i}: figure only {ex['figWidth']:.0f} x {ex['figHeight']:.0f} px "
                            f"on a {w} px screen")
    return problems


@pytest.mark.parametrize("nb_path", CASES)
def test_voila_dashboard(voila_page, voila_server, sandbox, nb_path, artifacts):
    page, iopub = voila_page.page, voila_page.iopub
    served = sandbox.notebook_path(nb_path)
    expected = registry_params(nb_path)
    problems, log = [], []
    try:
        H.voila_open(page, voila_server, served)
        errors = H.voila_errors(page)
        problems += [f"error shown by Voila:\n{t[:2000]}" for t in errors]
        shown = [line for line in code_lines(nb_path) if line in page.inner_text("body")]
        if shown and not errors:  # a traceback quotes code; that is reported above
            problems.append(f"Voila shows code (dashboards must not): {shown[:3]}")
        problems += [f"widget not rendered: {t}" for t in H.wait_widgets_rendered(page)]
        n = page.locator(".echemlab-explorer").count()
        if n == 0:
            problems.append("no .echemlab-explorer on the page")
        if expected is not None:
            if n != len(expected):
                problems.append(f"{n} explorers on the page, the registry has {len(expected)} for this chapter")
            lecture = f"notebooks/{nb_path.stem}.ipynb"
            if page.locator(f"a[href$='{lecture}']").count() == 0:
                problems.append(f"no link back to the lecture {lecture}")
            problems += layout_problems(page.evaluate(JS_LAYOUT))
        problems += H.check_explorers(page, expected=len(expected) if expected else None, iopub=iopub, log=log)
        if expected is not None:
            for i, names in enumerate(expected):
                moved = [e["control"] for e in log if e["explorer"] == i]
                if moved != names:
                    problems.append(f"explorer {i}: controls moved {moved}, its parameters are {names}")
        problems += H.check_ipympl_figures(page)
        page.wait_for_timeout(300)
        if iopub.errors:  # Voila runs the cells server-side: any kernel error here is a callback's
            problems.append("kernel error(s) after the page loaded:\n" + iopub.report(iopub.errors))
    finally:
        H.full_page_screenshot(page, artifacts / f"voila-{nb_path.stem}.png")
        (artifacts / f"voila-{nb_path.stem}-controls.json").write_text(json.dumps(log, indent=1))
    assert not problems, f"{nb_path.name} in Voila:\n\n" + "\n\n".join(problems)


def test_voila_reports_callback_exceptions(voila_page, voila_server, sandbox):
    """Self-test: Voila shows nothing when an observe callback raises; the harness must."""
    page, iopub = voila_page.page, voila_page.iopub
    H.voila_open(page, voila_server, sandbox.notebook_path(H.FIXTURES / "callback_raises.ipynb"))
    assert H.voila_errors(page) == []
    assert H.wait_widgets_rendered(page) == []
    H.press_slider(page.locator(".echemlab-slider-raise .noUi-handle"))
    H.expect_callback_error(page, iopub)


def test_voila_reports_dead_slider(voila_page, voila_server, sandbox):
    """Self-test: a slider that changes neither the figure nor the readout is reported (and a
    live one is not), so the every-slider check can fail."""
    page, iopub = voila_page.page, voila_page.iopub
    H.voila_open(page, voila_server, sandbox.notebook_path(H.FIXTURES / "dead_slider.ipynb"))
    assert H.wait_widgets_rendered(page) == []
    log = []
    problems = H.check_explorers(page, expected=1, iopub=iopub, log=log, timeout=3)
    assert [e["control"] for e in log] == ["a", "dead"]
    assert log[0]["changed"] == "figure+readout"
    assert len(problems) == 1 and "'dead'" in problems[0] and "neither" in problems[0], problems
