"""Every homework set's self-check in a real JupyterLab + headless Chromium.

For each ``exercises/NN_slug.ipynb``: a filled-in submission (the reference solution code in the
exercise, hidden tests removed, ``STUDENT_ID`` set; ``filled_submission``) is opened in
JupyterLab and run with Run All. Every question must show exactly one self-check feedback
(``hw.check``), in question order, each saying correct, and no traceback may show. For one set a
deliberately wrong answer (the kJ -> J slip) must show "not correct" with the slip's hint, and
never the expected value. nbval and the grader tests cannot see any of this: they never render
the feedback.
"""
import re

import nbformat
import pytest

from echemlab.homework import notebook as N

from . import harness as H

pytestmark = pytest.mark.browser

EXERCISES = sorted((H.REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = H.REPO / "solutions"

#: the deliberate slip: homework 01, Q2 (T_c = Omega/2R with Omega given in kJ/mol), answered as
#: if kJ were J; the expected hint is the one the grader derives from the parameter's unit
WRONG_SET, WRONG_QID = "01_intercalation", "q2"
WRONG_EDIT = ('hw.check("q2", Tc)', 'hw.check("q2", Tc / 1000)')
WRONG_HINT = "convert it to J"

#: text of every self-check feedback output (core._render: "<mark> <qid>: <message>", hints, ...)
JS_FEEDBACK = r"""() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
  .map(e => e.innerText.trim()).filter(t => /^(✔|✘|📝) q[a-z0-9_]*:/u.test(t))"""

FEEDBACK = re.compile(r"^(?P<mark>✔|✘|📝) (?P<qid>q[a-z0-9_]*):\s*(?P<message>[^\n]*)", re.U)


def student_id(stem):
    return f"browser-{stem}"


def submission(stem, edit=None):
    """The filled-in submission of set ``stem`` (optionally one source edit applied)."""
    sol = nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)
    nb = N.filled_submission(sol, student_id(stem))
    if edit is not None:
        old, new = edit
        hits = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
        assert len(hits) == 1, f"the edit {old!r} matches {len(hits)} cells of {stem}"
        hits[0].source = hits[0].source.replace(old, new)
    return nb


def parse_feedback(texts):
    out = []
    for t in texts:
        m = FEEDBACK.match(t)
        out.append({"mark": m["mark"], "qid": m["qid"], "message": m["message"], "text": t})
    return out


def run_submission(bp, server, sandbox, stem, nb, artifacts, tag=""):
    """Open and Run All a submission; returns (problems, feedback list, body text)."""
    page = bp.page
    served = sandbox.add(f"homework/{stem}{tag}.ipynb", nb)
    problems = []
    try:
        kernel, out = H.lab_open_and_run(page, server, served)
        assert kernel == "python3", f"notebook opened with kernel {kernel!r}"
        problems += H.notebook_problems(out)
        problems += [f"traceback shown in the page:\n{t[:2000]}" for t in H.dom_tracebacks(page)]
        body = page.inner_text("body")
        if "STUDENT_ID is empty" in body:
            problems.append("the page says STUDENT_ID is empty, but the submission sets it")
        feedback = parse_feedback(page.evaluate(JS_FEEDBACK))
        page.wait_for_timeout(200)
        if bp.iopub.callback_errors:
            problems.append("exception(s) outside cells:\n" + bp.iopub.report())
    finally:
        H.full_page_screenshot(page, artifacts / f"homework-{stem}{tag}.png")
    return problems, feedback, body


@pytest.mark.parametrize("exercise", [pytest.param(p, id=f"exercises/{p.stem}") for p in EXERCISES])
def test_homework_selfcheck_in_lab(lab_page, lab_server, sandbox, exercise, artifacts):
    stem = exercise.stem
    assert (SOLUTIONS / exercise.name).exists(), f"no solutions/{exercise.name} for {exercise}"
    nb = submission(stem)
    qids = [q["qid"] for q in N.questions(nb)]
    exercise_qids = [q["qid"] for q in N.questions(nbformat.read(exercise, as_version=4))]
    assert qids == exercise_qids, f"solution questions {qids} != exercise questions {exercise_qids}"
    problems, feedback, _ = run_submission(lab_page, lab_server, sandbox, stem, nb, artifacts)
    shown = [f["qid"] for f in feedback]
    if shown != qids:
        problems.append(f"self-check feedback shown for {shown}, expected one per question {qids}")
    problems += [f"{f['qid']}: not marked correct: {f['text'][:300]!r}" for f in feedback if f["mark"] != "✔"]
    assert not problems, f"{exercise.name}, filled in, in JupyterLab:\n\n" + "\n\n".join(problems)


def _renderings(x):
    """Ways a number may be printed (repr, %g and fixed point at several precisions)."""
    forms = {repr(x), str(x)}
    forms |= {f"{x:.{k}g}" for k in range(3, 10)} | {f"{x:.{k}f}" for k in range(1, 4)}
    return {f for f in forms if len(f.replace("-", "").replace(".", "")) >= 3}


def test_homework_wrong_answer_hint(lab_page, lab_server, sandbox, artifacts):
    """A wrong answer shows 'not correct' and the hint for its slip, never the expected value."""
    from echemlab.homework import start

    stem = WRONG_SET
    nb = submission(stem, WRONG_EDIT)
    qids = [q["qid"] for q in N.questions(nb)]
    problems, feedback, body = run_submission(lab_page, lab_server, sandbox, stem, nb, artifacts, "-wrong")
    assert [f["qid"] for f in feedback] == qids, (feedback, problems)
    wrong = next(f for f in feedback if f["qid"] == WRONG_QID)
    assert wrong["mark"] == "✘", wrong
    assert "not correct" in wrong["message"].lower(), wrong
    assert WRONG_HINT in wrong["text"], f"hint for the kJ/J slip missing: {wrong['text']!r}"
    others = [f for f in feedback if f["qid"] != WRONG_QID]
    assert all(f["mark"] == "✔" for f in others), others
    # the expected value, from the self-check oracle in this process, must not be shown
    hw = start(stem, student_id(stem))
    expected = float(hw._oracle()[1][WRONG_QID].expected)
    leaked = sorted(f for f in _renderings(expected) if f in wrong["text"])
    assert not leaked, f"the feedback shows the expected value {expected!r} as {leaked}: {wrong['text']!r}"
    assert not problems, "\n\n".join(problems)
