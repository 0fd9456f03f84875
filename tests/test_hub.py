"""Serving the course to a class on an existing JupyterHub (docs/jupyterhub.md).

Checked as far as one machine allows, without a hub: the links that
tools/hub_link.py writes are nbgitpuller links that round-trip to the intended
repository, branch and file; and a real Jupyter server with the nbgitpuller
extension (what each student's single-user server runs on the hub) follows such
a link's API against a clone of this repository: first click clones the course,
a later click after an instructor's commit brings the new file in and keeps the
student's own edits. The hub's environment comes from environment.yml (kept in
sync with pyproject.toml by tests/test_package.py) plus postBuild.
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import hub_link  # noqa: E402


def test_link_round_trips():
    url = hub_link.link("https://hub.example.edu/", "https://github.com/org/echemlab.git",
                        "dashboards/07_pourbaix.ipynb", branch="fall-2026", app="voila")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    q = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    assert q == {"repo": "https://github.com/org/echemlab.git", "branch": "fall-2026", "targetpath": "echemlab",
                 "urlpath": "voila/render/echemlab/dashboards/07_pourbaix.ipynb"}
    lab = hub_link.link("https://hub.example.edu", "https://github.com/org/echemlab")
    assert parse_qs(urlsplit(lab).query)["urlpath"] == ["lab/tree/echemlab/notebooks/00_toolkit.ipynb"]


def test_all_links_cover_every_chapter():
    table = hub_link.all_links("https://hub.example.edu", "https://github.com/org/echemlab")
    lectures = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    rows = [r for r in table.splitlines()[2:]]
    assert [r.split(" | ")[0].strip("| ") for r in rows] == lectures
    for row in rows:  # every lecture and every homework set gets a link
        cells = row.split(" | ")
        assert cells[1].startswith("[open](") and cells[3].startswith("[open](")


@pytest.mark.parametrize("kwargs, word", [
    ({"hub": "hub.example.edu"}, "hub"), ({"repo": "a b"}, "repo"), ({"app": "rstudio"}, "app"),
    ({"target": "a/b"}, "target"), ({"open_path": "../etc/passwd"}, "open_path")])
def test_link_rejects_bad_input(kwargs, word):
    args = {"hub": "https://hub.example.edu", "repo": "https://github.com/org/echemlab", **kwargs}
    with pytest.raises(ValueError, match=word):
        hub_link.link(**args)


def test_postbuild_installs_the_package():
    text = (ROOT / "postBuild").read_text()
    assert text.startswith("#!/bin/bash") and os.access(ROOT / "postBuild", os.X_OK)
    assert "pip install --no-deps" in text
    env = (ROOT / "environment.yml").read_text()
    assert "nbgitpuller" in env and "voila" in env  # the hub needs both: links and dashboards
    subprocess.run(["bash", "-n", str(ROOT / "postBuild")], check=True)


# ---- a real single-user server following an nbgitpuller link -------------------------

def _git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _pull(server, repo, branch, target):
    """Drive nbgitpuller's progress API (what its /git-pull page does in the browser)."""
    url = server.url("git-pull/api", repo=f"file://{repo}", branch=branch, targetpath=target)
    events = []
    with urllib.request.urlopen(url, timeout=120) as resp:
        for raw in resp:
            line = raw.decode().strip()
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if events[-1].get("phase") in ("finished", "error"):
                    break
    return events


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_nbgitpuller_link_clones_and_updates_the_course(tmp_path):
    pytest.importorskip("nbgitpuller")
    from tests.browser import harness as H

    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # the course repository as the instructor publishes it: a bare clone of this checkout
    origin = tmp_path / "echemlab.git"
    _git("clone", "--bare", "--quiet", str(ROOT), str(origin), cwd=tmp_path)
    branch = _git("symbolic-ref", "--short", "HEAD", cwd=origin).strip()

    sandbox = H.Sandbox(tmp_path / "server")
    with H.JupyterServer(sandbox, "lab") as server:
        events = _pull(server, origin, branch, "echemlab")
        assert events and events[-1]["phase"] == "finished", events
        home = sandbox.root / "echemlab"
        for rel in ("notebooks/00_toolkit.ipynb", "exercises/01_intercalation.ipynb", "environment.yml"):
            assert (home / rel).is_file(), rel
        # the page the link opens is served
        req = urllib.request.urlopen(server.url("api/contents/echemlab/notebooks/00_toolkit.ipynb",
                                                content="0"), timeout=30)
        assert json.load(req)["type"] == "notebook"

        # a student edits an exercise; the instructor then publishes a new file
        mine = home / "exercises" / "01_intercalation.ipynb"
        nb = nbformat.read(mine, as_version=4)
        setup = next(c for c in nb.cells if 'STUDENT_ID = ""' in c.source)
        setup.source = setup.source.replace('STUDENT_ID = ""', 'STUDENT_ID = "s1234567"')
        nbformat.write(nb, mine)
        work = tmp_path / "instructor"
        _git("clone", "--quiet", str(origin), str(work), cwd=tmp_path)
        (work / "notebooks" / "announcement.md").write_text("Homework 01 is due Friday.\n")
        _git("add", "notebooks/announcement.md", cwd=work)
        _git("commit", "--quiet", "-m", "announcement", cwd=work)
        _git("push", "--quiet", "origin", branch, cwd=work)

        events = _pull(server, origin, branch, "echemlab")
        assert events[-1]["phase"] == "finished", events
        assert (home / "notebooks" / "announcement.md").read_text() == "Homework 01 is due Friday.\n"
        # the student's work survives the pull
        assert any('STUDENT_ID = "s1234567"' in c.source for c in nbformat.read(mine, as_version=4).cells)
