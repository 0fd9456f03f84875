"""tools/determinism.py: it must see a changed output, and pass an unchanged one.

(The full three-run check of every notebook is `make determinism`; too slow for every
test run. Here a two-cell notebook is executed for real.)
"""
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import determinism  # noqa: E402


@pytest.fixture
def executed(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nprint(np.linspace(0, 1, 3))"),
        nbformat.v4.new_code_cell("import ipywidgets as w\nw.IntSlider(3)"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "99_tiny.ipynb"
    nbformat.write(nb, path)
    from nbclient import NotebookClient
    NotebookClient(nb, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    nbformat.write(nb, path)
    return path


def test_unchanged_outputs_pass_and_widget_ids_are_not_a_difference(executed):
    _, n_out, report, _ = determinism.check(executed, runs=1)
    assert n_out >= 3 and report == []  # the slider got a fresh random model id, renumbered away


def test_a_changed_output_is_reported(executed):
    nb = nbformat.read(executed, as_version=4)
    nb.cells[0].outputs[0].text = "[0.  0.5 1. ]\n".replace("0.5", "0.4")
    nbformat.write(nb, executed)
    _, _, report, _ = determinism.check(executed, runs=1)
    assert len(report) == 1 and "stream:stdout" in report[0] and "0.4" in report[0]


def test_canonical_hashes_images_and_renumbers_ids():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "image/png": "iVBORw0KGgo=", determinism.WIDGET_MIME: {"model_id": "ab" * 16, "version_major": 2}})]
    (_, _, m2, widget), (_, _, m1, png) = determinism.canonical(nb)  # sorted by mime type
    assert m1 == "image/png" and len(png) == 64
    assert m2 == determinism.WIDGET_MIME and "<id0>" in widget and "ab" * 16 not in widget


def test_a_print_split_over_two_messages_is_the_same_output():
    def nb_with(*texts):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1); print(2)", id="c1")])
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
        return nb
    assert determinism.canonical(nb_with("1\n2\n")) == determinism.canonical(nb_with("1\n", "2\n"))
    assert determinism.canonical(nb_with("1\n2\n")) != determinism.canonical(nb_with("1\n", "3\n"))
