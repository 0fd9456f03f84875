"""exercises/ and the self-check keys are generated from solutions/ and current;
nothing secret reaches exercises/."""
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from echemlab.homework import generate
from echemlab.homework import notebook as N

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


def _regions(source, begin, end):
    return [line.strip() for inside, lines in N._regions(source, begin, end) if inside
            for line in lines[1:-1] if line.strip() and not line.strip().startswith("#")]


def test_generated_files_are_current():
    assert generate.main(["--check", "--root", str(ROOT)]) == 0


@pytest.mark.parametrize("stem", SETS)
def test_no_solution_or_hidden_test_reaches_exercises(stem):
    sol = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
    ex_text = (ROOT / "exercises" / f"{stem}.ipynb").read_text("utf-8")
    ex = nbformat.reads(ex_text, as_version=4)
    ex_code = "\n".join(c.source for c in ex.cells if c.cell_type == "code")
    secret_solution, secret_hidden, public = set(), set(), set()
    for c in sol.cells:
        if c.cell_type == "code":
            secret_solution.update(_regions(c.source, N.BEGIN_SOLUTION, N.END_SOLUTION))
            secret_hidden.update(_regions(c.source, N.BEGIN_HIDDEN, N.END_HIDDEN))
            visible = N.stub(N.drop_hidden(c.source))
            public.update(line.strip() for line in visible.splitlines())
    assert secret_solution and secret_hidden
    secret_solution -= public        # a line also written outside the regions is not a secret
    secret_hidden -= public
    for line in secret_solution | secret_hidden:
        if not re.search(r"[A-Za-z0-9]", line):
            continue  # a lone bracket or comma carries no secret
        assert line not in ex_code, line
    assert "BEGIN SOLUTION" not in ex_text and "HIDDEN TESTS" not in ex_text
    # no outputs at all (so no recorded answer, no verdict, no expected value)
    for c in ex.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None
    # the self-check key holds no hidden test either
    key = N.decode_key((ROOT / "echemlab" / "homework" / "keys" / f"{stem}.key").read_text("ascii"))
    key_code = json.dumps(key)
    for line in secret_hidden:
        if "hidden_inputs" in line or "assert" in line:
            assert json.dumps(line)[1:-1] not in key_code, line
    assert "STUDENT_ID" not in ex_code.split('STUDENT_ID = ""')[0]


@pytest.mark.parametrize("stem", SETS)
def test_exercise_structure(stem):
    sol = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
    ex = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    assert ex.cells[0].cell_type == "markdown" and "do not edit" in ex.cells[0].source
    assert ex.cells[1].source == sol.cells[0].source           # the title survives
    setup = next(c for c in ex.cells if c.cell_type == "code")
    assert 'STUDENT_ID = ""' in setup.source
    stubs = 0
    for c in ex.cells:
        if c.cell_type != "code":
            continue
        tagged = "raises-exception" in c.metadata.get("tags", [])
        has_stub = "raise NotImplementedError()" in c.source
        assert tagged == has_stub, c.source
        stubs += has_stub
    n_q = len(N.questions(sol))
    assert n_q >= 6 and stubs >= n_q // 2
    # function stubs keep signature and docstring
    funcs = [c.source for c in ex.cells if c.cell_type == "code" and c.source.startswith("def ")
             and "raises-exception" in c.metadata.get("tags", [])]
    assert funcs and all('"""' in f and "# YOUR CODE HERE" in f for f in funcs)


def test_questions_mix_answer_types():
    import echemlab.homework as hwk
    from echemlab.homework.reference import Reference
    for stem in SETS:
        nb = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
        res = Reference(N.program(nb, stem)).run("type-check")
        kinds = {type(r.spec) for r in res.values()}
        assert {hwk.Number, hwk.Expr, hwk.Function, hwk.Choice} <= kinds, stem
        assert not any(r.error for r in res.values())


def test_check_detects_stale_and_generate_repairs(tmp_path):
    (tmp_path / "solutions").mkdir()
    shutil.copy(ROOT / "solutions" / "01_intercalation.ipynb", tmp_path / "solutions")
    assert generate.main(["--root", str(tmp_path)]) == 0
    assert generate.main(["--check", "--root", str(tmp_path)]) == 0
    ex = tmp_path / "exercises" / "01_intercalation.ipynb"
    ex.write_text(ex.read_text().replace("Fit", "Fiddle"))
    assert generate.main(["--check", "--root", str(tmp_path)]) == 1
    (tmp_path / "exercises" / "07_orphan.ipynb").write_text("{}")
    assert generate.main(["--root", str(tmp_path)]) == 0
    assert generate.main(["--check", "--root", str(tmp_path)]) == 1      # the orphan is reported
    (tmp_path / "exercises" / "07_orphan.ipynb").unlink()
    assert generate.main(["--check", "--root", str(tmp_path)]) == 0
    key = tmp_path / "echemlab" / "homework" / "keys" / "01_intercalation.key"
    assert key.is_file()
    assert generate.main(["--check", "--no-selfcheck", "--root", str(tmp_path)]) == 1
    assert generate.main(["--no-selfcheck", "--root", str(tmp_path)]) == 0
    assert not key.exists() and ex.is_file()
    assert generate.main(["--check", "--no-selfcheck", "--root", str(tmp_path)]) == 0


def test_stub_and_markers():
    src = "x = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION\nhw.check('q1', y)\n"
    assert N.stub(src) == "x = 1\n# YOUR CODE HERE\nraise NotImplementedError()\nhw.check('q1', y)\n"
    assert N.unmark(src) == "x = 1\ny = 2\nhw.check('q1', y)\n"
    hidden = "a = 1\n### BEGIN HIDDEN TESTS\nassert a\n### END HIDDEN TESTS\n"
    assert N.drop_hidden(hidden) == "a = 1\n"
    with pytest.raises(N.FormatError):
        N.stub("### BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(N.FormatError):
        N.stub("x = 1\n### END SOLUTION\n")
    with pytest.raises(N.FormatError):
        N.parse_heading("## Q1 Nernst (2 points)")
    assert N.parse_heading("## Q2a · A title (1.5 points) {#q2a}") == ("q2a", "Q2a", "A title", 1.5)
    assert N.parse_heading("## Submit") is None


def test_key_is_not_plain_text():
    text = (ROOT / "echemlab" / "homework" / "keys" / "01_intercalation.key").read_text("ascii")
    assert "polyfit" not in text and "np.sqrt" not in text
    assert "polyfit" in json.dumps(N.decode_key(text))
