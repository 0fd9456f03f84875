"""Package-level tests: light import, constants source, data provenance,
plotting helpers, explorers (headless), course structure, environment sync,
generated files current."""
import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_import_is_light():
    code = ("import sys, echemlab; heavy = [m for m in ('sympy', 'matplotlib', 'ipywidgets', 'scipy')"
            " if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_typed_constants_in_package():
    # Constants come from echemlab.constants (scipy.constants): nobody types 8.314 or 96485
    offenders = []
    for path in (ROOT / "echemlab").rglob("*.py"):
        if path.name == "constants.py":
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            typed = re.search(r"\b(8\.314|96485|96 485|1\.38064|6\.022)", code)
            if typed and not line.lstrip().startswith((">>>", "...")):
                offenders.append(f"{path.name}:{lineno}")
    assert not offenders, offenders


def test_every_data_row_has_a_known_source():
    from echemlab import data

    tables = [p.stem for p in data.DATA_DIR.glob("*.csv") if not p.stem.startswith("references")]
    assert tables
    for name in tables:
        for rid, row in data.load_table(name).items():
            assert row["source"] in data.references(), (name, rid)


def test_loader_rejects_unsourced_rows(tmp_path, monkeypatch):
    from echemlab import data

    (tmp_path / "references.csv").write_text("key,citation,doi\nok,Some paper (2000),\n")
    (tmp_path / "bad.csv").write_text("id,value,source\nrow1,1.0,ok\nrow2,2.0,\n")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.references.cache_clear()
    data._load.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 2: source"):
            data.load_table("bad")
        with pytest.raises(ValueError, match="unknown data table"):
            data.load_table("nope")
    finally:
        data.references.cache_clear()
        data._load.cache_clear()


def test_label_form():
    from echemlab.plotting import label

    assert label("Potential", "V vs SHE") == "Potential [V vs SHE]"


def test_plot_helpers_return_artists_and_take_ax():
    import matplotlib

    matplotlib.use("Agg")
    from echemlab.plotting import mark_vertical, new_figure, plot_curve

    fig, ax = new_figure(1, 1)
    line = plot_curve([0, 1], [1, 2], ax=ax, xlabel="a [-]", ylabel="b [-]")
    assert line.axes is ax and ax.get_xlabel() == "a [-]"
    assert len(mark_vertical([0.2, 0.4], ax=ax)) == 2


# ---- explorers, headless -----------------------------------------------------

def _explorers():
    from echemlab.explorers import all_explorers

    return all_explorers()


@pytest.mark.parametrize("chapter, cls", _explorers(), ids=lambda v: getattr(v, "__name__", v))
def test_explorer_headless_update_changes_figure(chapter, cls):
    ex = cls()
    before = bytes(ex.png())
    changed = False
    for p in ex.params:
        target = p.max if p.display(ex.values[p.name]) != p.max else p.min
        ex.update(**{p.name: p.si(target)})
        after = ex.png()
        changed |= after != before
        before = after
        assert after[:8] == b"\x89PNG\r\n\x1a\n"
    assert changed
    # the rendered frame is not blank
    arr = np.asarray(ex.canvas.buffer_rgba())
    assert arr[..., :3].std() > 5


@pytest.mark.parametrize("chapter, cls", _explorers(), ids=lambda v: getattr(v, "__name__", v))
def test_explorer_rejects_out_of_range_and_unknown(chapter, cls):
    ex = cls()
    p = ex.params[0]
    with pytest.raises(ValueError, match=rf"^{p.name} must be in"):
        ex.update(**{p.name: p.si(p.max) + abs(p.si(p.max)) + 1.0})
    with pytest.raises(ValueError, match="unknown parameter"):
        ex.update(not_a_parameter=1.0)


@pytest.mark.parametrize("chapter, cls", _explorers(), ids=lambda v: getattr(v, "__name__", v))
def test_explorer_widget_wiring(chapter, cls):
    ex = cls()
    box = ex.widget()
    sliders = {p.name: ex._sliders[p.name] for p in ex.params}
    for p in ex.params:
        s = sliders[p.name]
        assert p.unit in s.description or not p.unit
    img_before = ex._image.value
    p = ex.params[0]
    s = sliders[p.name]
    s.value = s.max if s.value != s.max else s.min  # like a user drag
    assert ex._image.value != img_before
    assert ex.values[p.name] == pytest.approx(p.si(s.value))
    bundle = ex._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/png" in data and "application/vnd.jupyter.widget-view+json" in data
    assert box is ex.widget()


def test_ocv_explorer_matches_model():
    from echemlab import intercalation as ic
    from echemlab.explorers.intercalation import OCVExplorer

    ex = OCVExplorer()
    r = ex.update(omega=12e3, T=300.0, E0=3.0)
    assert r["binodal"] == ic.binodal(300.0, 12e3)
    xdata, ydata = ex.u_model.get_data()
    np.testing.assert_allclose(ydata, ic.ocv(xdata, 300.0, 3.0, 12e3))


# ---- course structure -----------------------------------------------------

LECTURES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_lecture_has_course_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    first = nb.cells[0].source
    assert first.startswith("# " + path.stem[:2]), "H1 title with the chapter number first"
    assert "Seed subsection:" in first
    for heading in ("What you will learn", "Derivation in sympy", "Explore", "Check against the real world",
                    "Beyond the textbook", "Summary", "References"):
        assert heading in md, f"missing section {heading!r}"
    goals = re.search(r"What you will learn\n((?:\d\..*\n?)+)", md)
    assert goals and 3 <= len(re.findall(r"^\d\.", goals.group(1), re.M)) <= 5
    assert re.search(r"[\u4e00-\u9fff]", md), "Chinese term at first use"
    assert "lambdify" in code and ("assert" in code)
    assert "explorers" in code, "at least one echemlab explorer"
    assert "%pip" not in code and "import *" not in code
    assert re.search(r"\(\d{4}\)|et al\. \d{4}|\d{4}\)", md), "a citation in the real-world check"
    tagged = [c for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", [])]
    assert tagged, "key results tagged nbval-check-output"
    for c in tagged:
        assert not any("text/latex" in o.get("data", {}) for o in c.outputs), "no sympy output compared"


def test_every_lecture_explorer_is_registered():
    from echemlab.explorers import modules

    chapters = modules()
    for path in LECTURES:
        assert path.stem[:2] in chapters, f"{path.stem}: no explorer module with CHAPTER = {path.stem[:2]!r}"


def test_generated_files_are_current():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


# ---- environment.yml in sync with pyproject.toml ---------------------------------

def _norm(req):
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = dict(_norm(r) for r in py["project"]["dependencies"])
    for extra in py["project"]["optional-dependencies"].values():
        wanted.update(_norm(r) for r in extra)
    env = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s*-\s+([^#\s][^#]*)", line)
        if m and "conda-forge" not in line:
            name, spec = _norm(m.group(1).strip())
            if name != "python":
                env[name] = spec
    assert env == wanted
    req_py = re.search(r"python\s*(>=[\d.]+)", (ROOT / "environment.yml").read_text()).group(1)
    assert req_py == py["project"]["requires-python"]


def test_notebooks_import_explicitly():
    for path in list((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code":
                src = "\n".join(ln for ln in c.source.splitlines() if not ln.lstrip().startswith("%"))
                ast.parse(src)  # valid Python apart from magics
