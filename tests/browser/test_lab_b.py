"""The other half of the lecture notebooks in JupyterLab (see test_lab.py, which has the
checks and the first half): a separate file so that pytest-xdist's --dist loadfile
(``make test``) runs the two halves on different workers."""
import pytest

from .test_lab import LECTURES, _run_checks

pytestmark = pytest.mark.browser

CASES = [pytest.param(p, id=f"notebooks/{p.stem}") for p in LECTURES[1::2]]


@pytest.mark.parametrize("nb_path", CASES)
def test_notebook_in_lab(lab_page, lab_server, sandbox, nb_path, artifacts):
    problems = _run_checks(lab_page, lab_server, sandbox, nb_path, artifacts)
    assert not problems, f"{nb_path.name} in JupyterLab:\n\n" + "\n\n".join(problems)
