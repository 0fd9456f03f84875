"""The autograder against a corpus of faulty and malicious submissions.

The corpus is built from solutions/01_intercalation.ipynb (12 points: q1 2,
q2 1, q3 2, q4 2, q5 2, q6 2, q7 1, from the question headings). Each fault
changes specific questions, so the expected points below follow from the
headings by hand, not from the grader's output.
"""
import csv
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from echemlab.homework import grader as G
from echemlab.homework.notebook import filled_submission

ROOT = Path(__file__).resolve().parents[1]
SET = "01_intercalation"
POINTS = {"q1": 2, "q2": 1, "q3": 2, "q4": 2, "q5": 2, "q6": 2, "q7": 1}
FULL = sum(POINTS.values())


def _solution():
    return nbformat.read(ROOT / "solutions" / f"{SET}.ipynb", as_version=4)


def _with_id(nb, sid):
    """A filled-in submission: the solution without hidden tests or outputs, with id ``sid``."""
    return filled_submission(nb, sid)


def _cell(nb, cid):
    return next(c for c in nb.cells if c.get("id") == cid)


def _replace_in(nb, cid, old, new):
    c = _cell(nb, cid)
    assert old in c.source, (cid, old)
    c.source = c.source.replace(old, new)


def _insert_after(nb, cid, source):
    i = next(k for k, c in enumerate(nb.cells) if c.get("id") == cid)
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source))


# name -> (expected points per question (missing = full), statuses that must appear, reason regex)
EXPECT = {}


def build_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    sol = _solution()

    def save(name, nb, points, statuses, reason=""):
        nbformat.write(nb, folder / name)
        EXPECT[name] = (points, statuses, reason)

    save("full.ipynb", _with_id(sol, "s-full"), {}, ["ok"])

    (folder / "invalid_json.ipynb").write_text('{"cells": [ this is not json', "utf-8")
    EXPECT["invalid_json.ipynb"] = ({q: 0 for q in POINTS}, ["invalid-notebook"], "invalid JSON")
    (folder / "essay.txt").write_text("I did the homework on paper.\n", "utf-8")
    EXPECT["essay.txt"] = ({q: 0 for q in POINTS}, ["invalid-notebook"], "not a notebook")
    (folder / "json_not_notebook.ipynb").write_text('{"hello": [1, 2, 3]}', "utf-8")
    EXPECT["json_not_notebook.ipynb"] = ({q: 0 for q in POINTS}, ["invalid-notebook"], "not a notebook")

    nb = _with_id(sol, "s-deleted")
    nb.cells = [c for c in nb.cells if c.get("id") not in ("q2-answer", "q5-answer")]
    save("deleted_cells.ipynb", nb, {"q2": 0, "q5": 0}, ["ok"])

    nb = _with_id(sol, "s-reordered")
    head = [c for c in nb.cells if not re.match(r"q\d", c.get("id", ""))]
    blocks = {}
    for c in nb.cells:
        m = re.match(r"(q\d)", c.get("id", ""))
        if m:
            blocks.setdefault(m[1], []).append(c)
    nb.cells = head[:2] + [c for q in sorted(blocks, reverse=True) for c in blocks[q]] + head[2:]
    save("reordered.ipynb", nb, {}, ["ok"])

    save("missing_id.ipynb", _with_id(sol, ""), {q: 0 for q in POINTS}, ["missing-id"], "missing student id")

    nb = _with_id(sol, "s-loop")
    _replace_in(nb, "q3-answer", "### BEGIN SOLUTION", "while True:\n    pass\n### BEGIN SOLUTION")
    save("infinite_loop.ipynb", nb, {"q3": 0}, ["timeout"], "timed out")

    nb = _with_id(sol, "s-memory")
    _replace_in(nb, "q2-answer", "### BEGIN SOLUTION", "hog = bytearray(16 * 2**30)\n### BEGIN SOLUTION")
    save("memory_bomb.ipynb", nb, {"q2": 0}, ["memory"], "MemoryError")

    nb = _with_id(sol, "s-crash")
    _insert_after(nb, "q3-answer", "import os\nos._exit(1)")
    save("kernel_crash.ipynb", nb, {"q4": 0, "q5": 0, "q6": 0, "q7": 0}, ["kernel-died"], "died")

    nb = _with_id(sol, "s-output")
    _insert_after(nb, "q7-answer", "for _ in range(40):\n    print('x' * 100_000)")
    save("huge_output.ipynb", nb, {}, ["huge-output"], "too much output")

    nb = _with_id(sol, "s-exception")
    _replace_in(nb, "q5-answer", "### BEGIN SOLUTION", "1 / 0\n### BEGIN SOLUTION")
    save("exception.ipynb", nb, {"q5": 0}, ["errors"], "ZeroDivisionError")

    nb = _with_id(sol, "s-patched")
    _insert_after(nb, "setup", (
        "import echemlab.homework.answers as A\n"
        "A.compare = lambda *a, **k: A.Verdict(True, 1.0, 'Correct.')\n"
        "A._close = lambda *a, **k: True\n"
        "hw.verdict = lambda *a, **k: A.Verdict(True, 1.0, 'Correct.')\n"
        "hw.check = lambda qid, value: hw.answer(qid, value)"))
    _replace_in(nb, "q2-answer", "hw.check(\"q2\", Tc)", "hw.check(\"q2\", 123.0)")
    save("patched_checker.ipynb", nb, {"q2": 0}, ["ok"])

    nb = _with_id(sol, "s-builtins")
    _insert_after(nb, "setup", "import builtins, math\nbuiltins.abs = lambda x: 0.0\n"
                               "math.isclose = lambda *a, **k: True")
    _replace_in(nb, "q5-answer", 'hw.check("q5", dU_dT)', 'hw.check("q5", 1.0)')
    save("patched_builtins.ipynb", nb, {"q5": 0}, ["ok"])

    nb = _with_id(sol, "s-evil")
    _insert_after(nb, "setup", (
        "class Evil:\n"
        "    def __sub__(self, o): return self\n"
        "    __rsub__ = __sub__\n"
        "    def __abs__(self): return 0.0\n"
        "    def __lt__(self, o): return True\n"
        "    __le__ = __gt__ = __ge__ = __eq__ = __lt__\n"
        "    def __float__(self): return 0.0\n"
        "class EvilFloat(float):\n"
        "    def __sub__(self, o): return 0.0\n"
        "    __rsub__ = __sub__\n"
        "    def __abs__(self): return 0.0\n"
        "    def __lt__(self, o): return True\n"
        "    __le__ = __eq__ = __lt__"))
    _replace_in(nb, "q2-answer", 'hw.check("q2", Tc)', 'hw.check("q2", Evil())')
    _replace_in(nb, "q5-answer", 'hw.check("q5", dU_dT)', 'hw.check("q5", EvilFloat(0.5))')
    save("evil_answer.ipynb", nb, {"q2": 0, "q5": 0}, ["ok"])

    nb = _with_id(sol, "s-snoop")
    _cell(nb, "q2-answer").source = (
        f"text = open({str(ROOT / 'solutions' / (SET + '.ipynb'))!r}).read()\n"
        "hw.answer('q2', float(len(text)))")
    _insert_after(nb, "setup", (
        f"import os\nsecrets = os.listdir({str(ROOT / 'echemlab' / 'homework' / 'keys')!r})"))
    _insert_after(nb, "setup", "import subprocess\nsubprocess.run(['cat', '/etc/hostname'])")
    _insert_after(nb, "setup", "hw.verdict('q3', [0.1, 0.9])")
    save("read_key.ipynb", nb, {"q2": 0}, ["errors", "blocked-access"], "blocked")

    nb = _with_id(sol, "s-types")
    _replace_in(nb, "q1-answer", 'hw.check("q1", U_expr)', 'hw.check("q1", "U = E0 - mu/F")')
    _replace_in(nb, "q2-answer", 'hw.check("q2", Tc)', 'hw.check("q2", hwk.Q(Tc, "V"))')
    _replace_in(nb, "q3-answer", 'hw.check("q3", x_sp)', 'hw.check("q3", [x_sp[0], 0.5, x_sp[1]])')
    _replace_in(nb, "q5-answer", 'hw.check("q5", dU_dT)', 'hw.check("q5", hwk.Q(dU_dT * 1e3, "mV/K"))')
    _replace_in(nb, "q6-answer", 'hw.check("q6", omega_fit)', 'hw.check("q6", omega_fit / 1e3)')
    _replace_in(nb, "q7-answer", 'hw.check("q7", choice)', 'hw.check("q7", " (B) ")')
    save("wrong_types.ipynb", nb, {"q1": 0, "q2": 0, "q3": 0, "q6": 0}, ["ok"])

    nb = _with_id(sol, "s-slips")
    _replace_in(nb, "q2-answer", 'hw.check("q2", Tc)', 'hw.check("q2", Tc - 273.15)')
    _replace_in(nb, "q4-answer", "- Omega * (1 - 2 * x) / F", "+ Omega * (1 - 2 * x) / F")
    _replace_in(nb, "q5-answer", 'hw.check("q5", dU_dT)', 'hw.check("q5", -dU_dT)')
    # 1 of the 8 hidden inputs has x = 1/2, where the interaction term vanishes: 1/8 of 2 points
    save("slips.ipynb", nb, {"q2": 0, "q4": 0.25, "q5": 0}, ["ok"])
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grader")
    subs = build_corpus(base / "submissions")
    cfg = G.Config(SET, ROOT / "solutions" / f"{SET}.ipynb", cell_timeout=4, total_timeout=60,
                   memory_mb=2048, jobs=2, stream_mb=2)
    out = base / "out"
    rows = G.grade_folder(subs, cfg, out, progress=False)
    return base, subs, out, cfg, rows


def _table(out):
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        return {r["submission"]: r for r in csv.DictReader(fh)}


def test_every_submission_gets_a_row(graded):
    base, subs, out, cfg, rows = graded
    table = _table(out)
    assert set(table) == set(EXPECT)
    assert list(table) == sorted(table)                      # deterministic row order
    assert list(csv.reader(open(out / "grades.csv")))[0] == \
        ["submission", "student", *POINTS, "total", "max", "status", "reason"]


@pytest.mark.parametrize("name", sorted(
    ["full.ipynb", "invalid_json.ipynb", "essay.txt", "json_not_notebook.ipynb", "deleted_cells.ipynb",
     "reordered.ipynb", "missing_id.ipynb", "infinite_loop.ipynb", "memory_bomb.ipynb",
     "kernel_crash.ipynb", "huge_output.ipynb", "exception.ipynb", "patched_checker.ipynb",
     "patched_builtins.ipynb", "evil_answer.ipynb", "read_key.ipynb", "wrong_types.ipynb", "slips.ipynb"]))
def test_fault_corpus_points_and_reason(graded, name):
    base, subs, out, cfg, rows = graded
    row = _table(out)[name]
    points, statuses, reason = EXPECT[name]
    for q, full in POINTS.items():
        assert float(row[q]) == pytest.approx(points.get(q, full)), (name, q, row)
    assert float(row["total"]) == pytest.approx(sum(points.get(q, full) for q, full in POINTS.items()))
    assert float(row["max"]) == FULL
    for s in statuses:
        assert s in row["status"].split(","), (name, row["status"], row["reason"])
    if reason:
        assert re.search(reason, row["reason"]), (name, row["reason"])
    fb = (out / "feedback" / (G._safe(name) + ".md")).read_text("utf-8")
    assert f"/ {FULL}**" in fb


def test_feedback_diagnoses_without_revealing(graded):
    base, subs, out, cfg, rows = graded
    fb = (out / "feedback" / "slips.ipynb.md").read_text("utf-8")
    assert "273.15" in fb                 # Celsius vs kelvin on q2
    assert "Opposite sign" in fb          # q5
    assert "1 of 8 test inputs correct" in fb
    fb = (out / "feedback" / "wrong_types.ipynb.md").read_text("utf-8")
    assert "Wrong type" in fb and "Wrong units" in fb and "Wrong shape" in fb
    assert "kJ versus J" in fb
    # the expected values of this student never appear in the feedback
    res = cfg.reference.run("s-slips")
    for qid in ("q2", "q5", "q6"):
        for digits in (f"{res[qid].expected:.4g}", f"{res[qid].expected:.6g}"):
            assert digits not in (out / "feedback" / "slips.ipynb.md").read_text("utf-8")


def test_rerun_gives_identical_table(graded, tmp_path):
    base, subs, out, cfg, rows = graded
    sub2 = tmp_path / "subs"
    sub2.mkdir()
    for name in ("full.ipynb", "kernel_crash.ipynb", "evil_answer.ipynb", "invalid_json.ipynb"):
        shutil.copy(subs / name, sub2 / name)
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    G.grade_folder(sub2, cfg, out_a, progress=False)
    (out_b).mkdir()
    (out_b / "grades.csv").write_text("stale table\n")
    G.grade_folder(sub2, cfg, out_b, progress=False)
    assert (out_a / "grades.csv").read_bytes() == (out_b / "grades.csv").read_bytes()
    assert not list(out_b.glob("*.tmp")) and not list(out_b.glob(".*tmp"))
    a, full = _table(out_a), _table(out)
    for name in a:
        assert a[name] == full[name]


def test_student_id_is_parsed_not_executed():
    assert G.find_student_id(['STUDENT_ID = "ab12"\nimport x']) == ("ab12", "")
    assert G.find_student_id(['STUDENT_ID = "  "'])[0] == ""
    assert G.find_student_id(['STUDENT_ID = input()'])[0] == ""
    assert "ambiguous" in G.find_student_id(['STUDENT_ID = "a"', 'STUDENT_ID = "b"'])[1]


def test_cli_errors_cleanly(tmp_path, capsys):
    assert G.main([str(tmp_path / "nope"), "--set", SET, "--out", str(tmp_path / "o")]) == 2
    assert G.main([str(tmp_path), "--set", "99_missing", "--out", str(tmp_path / "o")]) == 2


@pytest.mark.parametrize("stem", ["00_toolkit", "01_intercalation"])
def test_solution_notebooks_get_full_marks(tmp_path, stem):
    sol = ROOT / "solutions" / f"{stem}.ipynb"
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(sol, subs / sol.name)
    md = "\n".join(c.source for c in nbformat.read(sol, as_version=4).cells if c.cell_type == "markdown")
    full = sum(float(m) for m in re.findall(r"^## Q\w+ · .*\((\d+(?:\.\d+)?) points?\)", md, re.M))
    cfg = G.Config(stem, sol, cell_timeout=30, total_timeout=120, jobs=1)
    (row,) = G.grade_folder(subs, cfg, tmp_path / "out", progress=False)
    assert full >= 12 and row["total"] == pytest.approx(full), row
    assert row["status"] == "ok", row
