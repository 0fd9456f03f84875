"""The static course site (tools/site.py, issue #9).

The site is built once per session into a temporary folder with the same
command a user types (``python tools/site.py --out DIR --strict``), then read
back with ``html.parser`` alone: every page exists, the index links them all,
no internal link or anchor is broken, every explorer output of a lecture is
its PNG on the page, and nothing from the solution notebooks or the widget
machinery (placeholders, tracebacks) reaches a page. Expected counts and
images come from the notebooks themselves, not from the generator.

To check a site built elsewhere instead: ECHEMLAB_SITE_DIR=site pytest tests/test_site.py
"""
import base64
import hashlib
import importlib.util
import io
import json
import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from echemlab.homework import notebook as N

ROOT = Path(__file__).resolve().parents[1]
SITE_PY = ROOT / "tools" / "site.py"
LECTURES = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SETS = sorted(p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# ---------------------------------------------------------------- reading pages
class Page(HTMLParser):
    """Everything the tests need from one HTML page, by html.parser only."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.refs = []          # (tag, attr, value)
        self.ids = set()
        self.text = []          # visible text pieces (no script/style)
        self.code = []          # text inside pygments <div class="highlight">
        self.snapshots = []     # (img src, figcaption text) inside figure.echemlab-snapshot
        self.imgs = []          # every <img src>
        self.scripts = []       # (src or None, type)
        self._stack = []        # open tags: (tag, classes)
        self._caption = None
        self.feed(text)
        self.close()

    def _inside(self, tag, cls):
        return any(t == tag and cls in c for t, c in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, key, a[key]))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "img":
            self.imgs.append(a.get("src", ""))
            if self._inside("figure", "echemlab-snapshot"):
                self.snapshots.append([a.get("src", ""), ""])
        if tag == "script":
            self.scripts.append((a.get("src"), a.get("type")))
        if tag == "figcaption" and self._inside("figure", "echemlab-snapshot"):
            self._caption = []
        if tag not in self.VOID:
            self._stack.append((tag, classes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self._stack.pop()

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._caption is not None:
            if self.snapshots:
                self.snapshots[-1][1] = "".join(self._caption)
            self._caption = None
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if any(t in ("script", "style") for t, _ in self._stack):
            return
        self.text.append(data)
        if self._inside("div", "highlight"):
            self.code.append(data)
        if self._caption is not None:
            self._caption.append(data)


_pages = {}


def page(path):
    path = Path(path)
    if path not in _pages:
        _pages[path] = Page(path.read_text(encoding="utf-8"))
    return _pages[path]


def is_external(ref):
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref)) or ref.startswith("//")


def broken_links(site_dir):
    """Every relative href/src of every page whose file or #anchor does not exist."""
    site_dir = Path(site_dir).resolve()
    problems = []
    for html_file in sorted(site_dir.rglob("*.html")):
        rel_page = html_file.relative_to(site_dir).as_posix()
        p = page(html_file)
        for tag, attr, ref in p.refs:
            if is_external(ref):
                continue
            parts = urlsplit(ref)
            if parts.path.startswith("/"):
                problems.append(f"{rel_page}: absolute path {ref!r} (breaks when the site moves)")
                continue
            if parts.path:
                target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), unquote(parts.path)))
                if target_rel.startswith(".."):
                    problems.append(f"{rel_page}: <{tag} {attr}={ref!r}> leaves the site")
                    continue
                target = site_dir / target_rel
                if not target.is_file():
                    problems.append(f"{rel_page}: <{tag} {attr}={ref!r}> -> missing {target_rel}")
                    continue
            else:
                target = html_file
            if parts.fragment:
                if target.suffix != ".html":
                    problems.append(f"{rel_page}: #anchor into a non-page {ref!r}")
                    continue
                ids = page(target).ids
                if parts.fragment not in ids and unquote(parts.fragment) not in ids:
                    problems.append(f"{rel_page}: {ref!r} -> no id {parts.fragment!r} in "
                                    f"{target.relative_to(site_dir).as_posix()}")
    return problems


# ---------------------------------------------------------------- the build
@pytest.fixture(scope="session")
def src(tmp_path_factory):
    """The course sources the site is built from: a snapshot of notebooks/,
    exercises/, solutions/ and the README, so that the build and the
    expectations read the same files even while someone re-executes a notebook."""
    if os.environ.get("ECHEMLAB_SITE_DIR"):
        return ROOT
    import shutil

    snap = tmp_path_factory.mktemp("site-src")
    for d in ("notebooks", "exercises", "solutions"):
        shutil.copytree(ROOT / d, snap / d, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "README.md", snap / "README.md")
    return snap


@pytest.fixture(scope="session")
def site(src, tmp_path_factory):
    pre = os.environ.get("ECHEMLAB_SITE_DIR")
    if pre:
        return Path(pre).resolve()
    out = tmp_path_factory.mktemp("site-build") / "site"
    res = subprocess.run([sys.executable, str(SITE_PY), "--out", str(out), "--strict", "--root", str(src)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, f"tools/site.py failed:\n{res.stdout}\n{res.stderr}"
    assert "warning" not in res.stdout.lower(), res.stdout
    assert re.search(r"site: \d+ pages", res.stdout), res.stdout
    return out


def load_site_module():
    spec = importlib.util.spec_from_file_location("echemlab_site_tool", SITE_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def h1_title(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    for c in nb.cells:
        if c.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", c.source, re.M)
            if m:
                return m.group(1).strip()
    raise AssertionError(f"{nb_path} has no H1 title")


# ---------------------------------------------------------------- pages and index
def test_course_is_not_empty():
    assert len(LECTURES) >= 14 and len(SETS) >= 14, (LECTURES, SETS)


def test_every_lecture_and_set_has_a_page_and_the_index_links_them(site):
    assert (site / "index.html").is_file()
    missing = [f"lectures/{s}.html" for s in LECTURES if not (site / "lectures" / f"{s}.html").is_file()]
    missing += [f"homework/{s}.html" for s in SETS if not (site / "homework" / f"{s}.html").is_file()]
    assert not missing, f"pages missing: {missing}"
    index = page(site / "index.html")
    hrefs = {ref for tag, attr, ref in index.refs if tag == "a"}
    unlinked = [f"lectures/{s}.html" for s in LECTURES if f"lectures/{s}.html" not in hrefs]
    unlinked += [f"homework/{s}.html" for s in SETS if f"homework/{s}.html" not in hrefs]
    assert not unlinked, f"index.html does not link: {unlinked}"
    # no page on the site that the course does not have
    extra = sorted({p.stem for p in (site / "lectures").glob("*.html")} - set(LECTURES))
    extra += sorted({p.stem for p in (site / "homework").glob("*.html")} - set(SETS))
    assert not extra, f"pages without a notebook: {extra}"


def test_index_has_title_intro_table_and_interactive_note(site, src):
    index = page(site / "index.html")
    text = " ".join("".join(index.text).split())
    assert "echemlab — applications of electrochemical thermodynamics" in text
    # the README's first sentence (the intro), read independently of the generator
    readme = (src / "README.md").read_text(encoding="utf-8")
    first_para = readme.split("\n\n")[1]
    assert " ".join(first_para.split()[:6]) in text, first_para
    for stem in LECTURES:
        assert h1_title(src / "notebooks" / f"{stem}.ipynb") in text, stem
    assert "chapters" in index.ids and "interactive" in index.ids
    assert "make lab" in text and "make dashboard CH=07" in text


def test_lecture_and_homework_pages_show_their_notebook(site, src):
    for stem in LECTURES:
        text = " ".join("".join(page(site / "lectures" / f"{stem}.html").text).split())
        assert h1_title(src / "notebooks" / f"{stem}.ipynb") in text, stem
    for stem in SETS:
        text = " ".join("".join(page(site / "homework" / f"{stem}.html").text).split())
        assert h1_title(src / "exercises" / f"{stem}.ipynb") in text, stem
        assert "raise NotImplementedError()" in text, stem   # the student version, stubs and all


def test_lecture_pages_keep_the_saved_outputs(site, src):
    """Outputs are shown as saved: every printed line of a lecture is on its page."""
    for stem in LECTURES:
        nb = nbformat.read(src / "notebooks" / f"{stem}.ipynb", as_version=4)
        text = "".join(page(site / "lectures" / f"{stem}.html").text)
        streams = [o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream"]
        assert streams, f"{stem}: no printed output at all?"
        for s in streams:
            for line in s.splitlines():
                assert line.strip() in text, f"{stem}: printed line {line!r} missing on the page"


def test_navigation_header(site):
    for i, stem in enumerate(LECTURES):
        hrefs = [ref for tag, attr, ref in page(site / "lectures" / f"{stem}.html").refs if tag == "a"]
        assert "../index.html" in hrefs, stem
        if i > 0:
            assert f"{LECTURES[i - 1]}.html" in hrefs, f"{stem}: no link to the previous lecture"
        if i + 1 < len(LECTURES):
            assert f"{LECTURES[i + 1]}.html" in hrefs, f"{stem}: no link to the next lecture"
        if stem in SETS:
            assert f"../homework/{stem}.html" in hrefs, f"{stem}: no link to its homework"
    for i, stem in enumerate(SETS):
        hrefs = [ref for tag, attr, ref in page(site / "homework" / f"{stem}.html").refs if tag == "a"]
        assert "../index.html" in hrefs, stem
        if i > 0:
            assert f"{SETS[i - 1]}.html" in hrefs, stem
        if i + 1 < len(SETS):
            assert f"{SETS[i + 1]}.html" in hrefs, stem
        if stem in LECTURES:
            assert f"../lectures/{stem}.html" in hrefs, stem


# ---------------------------------------------------------------- links
def test_no_broken_internal_link(site):
    n_refs = sum(len(page(p).refs) for p in site.rglob("*.html"))
    assert n_refs > 100, "suspiciously few links: is the parser reading the pages?"
    problems = broken_links(site)
    assert not problems, f"{len(problems)} broken internal links:\n  " + "\n  ".join(problems[:40])


def test_links_between_notebooks_are_rewritten(site):
    """No link to a notebook, the README or solutions/ is left; the only .ipynb
    targets are the download copies next to each page."""
    bad = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        for _tag, _attr, ref in page(html_file).refs:
            if is_external(ref):
                continue
            path = urlsplit(ref).path
            if "solutions" in path or "README" in path or "keys/" in path:
                bad.append(f"{rel}: {ref}")
            if path.endswith(".ipynb") and path != f"{html_file.stem}.ipynb":
                bad.append(f"{rel}: {ref}")
    assert not bad, "links not rewritten:\n  " + "\n  ".join(bad)


def test_link_checker_catches_a_broken_link_and_anchor(tmp_path):
    """The checker above can fail: a missing page, a missing anchor, an escape."""
    (tmp_path / "lectures").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="lectures/a.html#sec">ok</a> <a href="lectures/b.html">gone</a> '
        '<a href="lectures/a.html#nope">bad anchor</a> <a href="#top">top</a> '
        '<img src="../outside.png"> <a href="https://example.org/x">ext</a>', encoding="utf-8")
    (tmp_path / "lectures" / "a.html").write_text('<h2 id="sec">S</h2><a href="../index.html">i</a>',
                                                  encoding="utf-8")
    problems = broken_links(tmp_path)
    joined = "\n".join(problems)
    assert len(problems) == 4, joined
    assert "missing lectures/b.html" in joined and "no id 'nope'" in joined
    assert "no id 'top'" in joined and "leaves the site" in joined


def test_rewrite_links_unit():
    """Hand-written cases for the link rewriting (targets from the site layout)."""
    mod = load_site_module()
    lectures, sets = ["00_toolkit", "01_intercalation"], ["00_toolkit", "01_intercalation"]
    warnings = []

    def rw(h, src="notebooks", dst="lectures"):
        return mod.rewrite_links(h, src, dst, lectures, sets, warn=warnings.append)

    assert rw('<a href="01_intercalation.ipynb">n</a>') == '<a href="01_intercalation.html">n</a>'
    assert rw('<a href="01_intercalation.ipynb#Summary">n</a>') == '<a href="01_intercalation.html#Summary">n</a>'
    assert rw('<a href="../exercises/00_toolkit.ipynb">h</a>') == '<a href="../homework/00_toolkit.html">h</a>'
    assert rw('<a href="../notebooks/00_toolkit.ipynb">l</a>', "exercises", "homework") == \
        '<a href="../lectures/00_toolkit.html">l</a>'
    assert rw('<a href="../README.md#chapters">i</a>') == '<a href="../index.html#chapters">i</a>'
    dropped = rw('<a href="../solutions/01_intercalation.ipynb">the <b>key</b></a>')
    assert "href" not in dropped and "the <b>key</b>" in dropped
    assert "href" not in rw('<a href="../echemlab/homework/keys/01_intercalation.key">k</a>')
    for keep in ('<a href="https://doi.org/10.1/x">d</a>', '<a href="#Summary">s</a>',
                 '<a href="mailto:a@b.c">m</a>'):
        assert rw(keep) == keep
    assert not warnings
    assert rw('<a href="../echemlab/data/foo.csv">csv</a>') == '<a href="../echemlab/data/foo.csv">csv</a>'
    assert warnings and "foo.csv" in warnings[0]
    # a notebook that has no page is reported, not silently turned into a dead page link
    warnings.clear()
    rw('<a href="99_missing.ipynb">x</a>')
    assert warnings


# ---------------------------------------------------------------- explorers
def _png_stats(blob):
    import numpy as np
    from PIL import Image

    img = Image.open(io.BytesIO(blob)).convert("RGB")
    px = np.asarray(img).reshape(-1, 3).astype(np.int32)
    n_colours = len(np.unique((px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]))
    non_white = float(np.mean(px.min(axis=1) < 235))
    return img.size, n_colours, non_white


def test_every_explorer_output_is_a_png_figure_on_its_page(site, src):
    total = 0
    for stem in LECTURES:
        nb = nbformat.read(src / "notebooks" / f"{stem}.ipynb", as_version=4)
        expected = [base64.b64decode(o["data"]["image/png"]) for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs if WIDGET_VIEW in o.get("data", {})]
        # every widget output must carry its static figure (Explorer._repr_mimebundle_)
        n_widgets = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                        if WIDGET_VIEW in o.get("data", {}))
        assert n_widgets == len(expected)
        assert expected, f"{stem}: a lecture without an explorer output (CONTRIBUTING requires one)"
        p = page(site / "lectures" / f"{stem}.html")
        got = p.snapshots
        assert len(got) == len(expected), \
            f"{stem}: {len(expected)} explorer outputs in the notebook, {len(got)} snapshot figures on the page"
        for k, ((img_src, caption), blob) in enumerate(zip(got, expected, strict=True)):
            assert img_src.endswith(".png") and not img_src.startswith("data:"), img_src
            f = site / "lectures" / img_src
            assert f.is_file(), f"{stem}: snapshot {k} -> missing {img_src}"
            assert hashlib.sha256(f.read_bytes()).digest() == hashlib.sha256(blob).digest(), \
                f"{stem}: snapshot {k} is not the explorer's saved PNG"
            (w, h), n_colours, non_white = _png_stats(blob)
            assert w >= 300 and h >= 150, (stem, k, w, h)
            assert n_colours > 20 and non_white > 0.02, f"{stem}: snapshot {k} looks blank"
            cap = " ".join(caption.split())
            assert "Static snapshot" in cap and "make lab" in cap and f"make dashboard CH={stem[:2]}" in cap, cap
            assert "Error" not in cap, f"{stem}: the explorer readout shows an error: {cap}"
        total += len(expected)
    assert total >= len(LECTURES)


def test_no_widget_placeholder_error_or_traceback_on_any_page(site):
    bad = []
    for html_file in sorted(site.rglob("*.html")):
        raw = html_file.read_text(encoding="utf-8")
        rel = html_file.relative_to(site).as_posix()
        text = "".join(page(html_file).text)
        for needle in ("Loading widget", "Traceback (most recent call last)", "Error displaying widget",
                       "VBox(children", "GridBox(children"):
            if needle in text:
                bad.append(f"{rel}: text {needle!r}")
        for needle in ("application/vnd.jupyter.widget", "jupyter-widgets", "@jupyter-widgets/html-manager",
                       "require.js", 'data-mime-type="application/vnd.jupyter.stderr"',
                       "ansi-red-intense-fg"):
            if needle in raw:
                bad.append(f"{rel}: markup {needle!r}")
        for src, typ in page(html_file).scripts:
            if src is None and typ != "text/x-mathjax-config":
                bad.append(f"{rel}: inline script of type {typ!r}")
    assert not bad, "\n".join(bad)


# ---------------------------------------------------------------- no solutions
def _secret_lines(src, stem):
    """Code the generator strips from solutions/<stem>.ipynb: solution regions and
    hidden tests, minus lines that also appear in the public part of the notebook."""
    sol = nbformat.read(src / "solutions" / f"{stem}.ipynb", as_version=4)
    secret, public = set(), set()
    for c in sol.cells:
        if c.cell_type != "code":
            continue
        for begin, end in ((N.BEGIN_SOLUTION, N.END_SOLUTION), (N.BEGIN_HIDDEN, N.END_HIDDEN)):
            for inside, lines in N._regions(c.source, begin, end):
                if inside:
                    secret.update(line.strip() for line in lines[1:-1]
                                  if line.strip() and not line.strip().startswith("#"))
        public.update(line.strip() for line in N.stub(N.drop_hidden(c.source)).splitlines())
    return {s for s in secret - public if re.search(r"[A-Za-z0-9]", s)}


@pytest.mark.parametrize("stem", SETS)
def test_no_solution_or_hidden_test_on_the_homework_page(site, stem, src):
    secrets = _secret_lines(src, stem)
    assert secrets, f"{stem}: found no solution code to look for; is the solutions/ format unchanged?"
    p = page(site / "homework" / f"{stem}.html")
    code = "".join(p.code)
    assert "raise NotImplementedError()" in code, "the page's code was not found by the parser"
    leaked = sorted(s for s in secrets if s in code)
    assert not leaked, f"{stem}: solution lines on the page: {leaked[:10]}"
    # the download copy is the student version too
    ipynb = (site / "homework" / f"{stem}.ipynb").read_text(encoding="utf-8")
    dl_code = "\n".join(c.source for c in nbformat.reads(ipynb, as_version=4).cells if c.cell_type == "code")
    leaked = sorted(s for s in secrets if s in dl_code)
    assert not leaked, f"{stem}: solution lines in the download copy: {leaked[:10]}"
    sol = nbformat.read(src / "solutions" / f"{stem}.ipynb", as_version=4)
    setup = next(c.source for c in sol.cells if c.cell_type == "code")
    demo_id = re.search(r'STUDENT_ID\s*=\s*"([^"]+)"', setup)
    if demo_id:
        assert demo_id[1] not in "".join(p.text) and demo_id[1] not in ipynb


def test_no_solution_marker_anywhere_on_the_site(site):
    bad = []
    for f in sorted(site.rglob("*")):
        if f.suffix not in (".html", ".ipynb", ".css", ".txt"):
            continue
        raw = f.read_text(encoding="utf-8")
        for needle in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "hw.hidden_inputs", "hw.mistake",
                       "echemlab-key-v1"):
            if needle in raw:
                bad.append(f"{f.relative_to(site)}: {needle!r}")
    assert not bad, "\n".join(bad)
    # the key files themselves are not published
    assert not list(site.rglob("*.key"))


# ---------------------------------------------------------------- determinism
def test_pages_hold_no_build_paths_or_timestamps(site, src):
    for html_file in sorted(site.rglob("*.html")):
        raw = html_file.read_text(encoding="utf-8")
        assert str(ROOT) not in raw and str(site) not in raw and str(src) not in raw, html_file
        assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", raw), html_file


def test_a_page_rebuilds_byte_identical(site, tmp_path, src):
    """Same input -> same bytes: render one lecture (the one with the most
    explorers) and one homework set again, serially, and compare with the build."""
    mod = load_site_module()
    _, _, jobs = mod.page_jobs(tmp_path, root=src)
    counts = {s: json.dumps(nbformat.read(src / "notebooks" / f"{s}.ipynb", as_version=4)).count(WIDGET_VIEW)
              for s in LECTURES}
    pick = {("lecture", max(LECTURES, key=lambda s: (counts[s], s))), ("homework", SETS[0])}
    chosen = [j for j in jobs if (j["kind"], j["stem"]) in pick]
    assert len(chosen) == 2
    for job in chosen:
        mod.render_page(job)
    compared = 0
    for f in sorted(tmp_path.rglob("*")):
        if f.is_file():
            rel = f.relative_to(tmp_path)
            assert (site / rel).is_file(), rel
            assert f.read_bytes() == (site / rel).read_bytes(), f"{rel} differs between two builds"
            compared += 1
    assert compared >= 4


# ---------------------------------------------------------------- the generator refuses bad input
def test_generator_refuses_what_it_cannot_publish(tmp_path):
    mod = load_site_module()
    # a widget output without its PNG snapshot would be an empty box on the page
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("Explorer()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"})]
    nb.cells = [cell]
    with pytest.raises(mod.SiteError, match="without an image/png"):
        mod.prepare_lecture(nb, "99_test")
    # an exercise that still holds solution markers is not published
    ex = nbformat.v4.new_notebook()
    ex.cells = [nbformat.v4.new_code_cell("x = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION")]
    with pytest.raises(mod.SiteError, match="BEGIN SOLUTION"):
        mod.prepare_homework(ex, "99_test")
    # a folder that tools/site.py did not make is never wiped
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(mod.SiteError, match="refusing"):
        mod.build_site(tmp_path, jobs=1, log=lambda *a: None)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_snapshot_caption_reads_the_saved_widget_state():
    """Slider values and readout come from the widget state stored in the notebook."""
    mod = load_site_module()
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_s1", "IPY_MODEL_img", "IPY_MODEL_r"]}},
        "s1": {"model_name": "FloatSliderModel",
               "state": {"description": "T [K]", "value": 310.0, "readout_format": ".1f"}},
        "img": {"model_name": "ImageModel", "state": {}},
        "r": {"model_name": "HTMLModel", "state": {"_dom_classes": ["echemlab-readout"], "value": "E = 61.5 mV"}},
    }
    caption, alt = mod.snapshot_caption(state, "box", "05_x")
    assert "T = 310.0 K" in caption and "E = 61.5 mV" in caption and "make dashboard CH=05" in caption
    assert alt == "Explorer snapshot: T = 310.0 K"
