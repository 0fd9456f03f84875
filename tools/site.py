#!/usr/bin/env python
"""Build the static HTML course site (for students without Jupyter).

    python tools/site.py                 # -> site/
    python tools/site.py --out /tmp/s    # elsewhere
    python tools/site.py --jobs 1        # serial (default: one process per core, at most 2)
    python tools/site.py --mathjax-url URL   # a local MathJax 2 copy instead of the CDN

Pages come from the committed, executed notebooks; nothing is re-executed.

* ``index.html``: course title, the README's introduction, the chapter table
  (number, lecture, homework, seed subsection) and how to get the interactive
  version;
* ``lectures/NN_slug.html`` from ``notebooks/NN_slug.ipynb`` with its outputs
  (figures in ``lectures/NN_slug_files/``) and a download copy of the notebook;
* ``homework/NN_slug.html`` from ``exercises/NN_slug.ipynb``, the generated
  student version (no solutions, no hidden tests), and its download copy.
  ``solutions/`` and ``echemlab/homework/keys/`` are never read.

An explorer's saved output carries an ``image/png`` of its figure beside the
widget view (``echemlab.explorer.Explorer._repr_mimebundle_``); the page shows
that PNG as a captioned static snapshot (the slider values and the readout
are read from the widget state saved in the notebook) and no widget view.
Links between notebooks are rewritten to the pages, links into ``solutions/``
become plain text, and the notebook's own navigation cell is replaced by the
site's navigation bar. Math is typeset by MathJax 2 in the browser (CDN by
default). The output is deterministic: same input, byte-identical site.
"""
import argparse
import html
import importlib.util
import logging
import os
import posixpath
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
TEMPLATE_DIR = TOOLS / "site_template"
MARKER = ".echemlab-site"
COURSE = "echemlab"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NAV_TAG = "nav-generated"            # tools/build.py's navigation cell in lectures
BANNER_ID = "generated-banner"       # echemlab.homework.generate's banner cell in exercises
SECRET_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
QUESTION_ID = re.compile(r"^(#{1,6}\s.*?)\s*\{#([A-Za-z][\w-]*)\}\s*$", re.M)
A_TAG = re.compile(r"<a\b(?P<pre>[^>]*?)\shref=\"(?P<href>[^\"]*)\"(?P<post>[^>]*)>(?P<text>.*?)</a>", re.S)
NB_START, NB_END = "<!-- notebook:start -->", "<!-- notebook:end -->"   # set in the template
KINDS = {"lecture": ("notebooks", "lectures"), "homework": ("exercises", "homework")}
INTERACTIVE = ("JupyterLab (<code>make lab</code>) or as a dashboard "
               "(<code>make dashboard CH={ch}</code>)")


class SiteError(RuntimeError):
    """The course cannot be published as it is (e.g. an explorer without a static figure)."""


# ---------------------------------------------------------------- the course
def _build_tool():
    """tools/build.py as a module (by path: a ``build`` package may be installed too)."""
    if "echemlab_build_tool" not in sys.modules:
        spec = importlib.util.spec_from_file_location("echemlab_build_tool", TOOLS / "build.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        sys.modules["echemlab_build_tool"] = mod
    return sys.modules["echemlab_build_tool"]


def _title_and_seed(path):
    """The H1 title and the seed subsection, read as tools/build.py reads them for the README."""
    build = _build_tool()
    nb = nbformat.read(path, as_version=4)
    return build.title_of(nb), build.seed_subsection(nb)


def chapters(root=ROOT):
    """One dict per lecture, in order: num, stem, title, seed, homework (stem or None)."""
    out = []
    for p in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        title, seed = _title_and_seed(p)
        hw = p.stem if (root / "exercises" / p.name).exists() else None
        out.append({"num": p.stem[:2], "stem": p.stem, "title": title, "seed": seed, "homework": hw})
    return out


def homework_sets(root=ROOT):
    out = []
    for p in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        title, _ = _title_and_seed(p)
        out.append({"num": p.stem[:2], "stem": p.stem, "title": title})
    return out


def page_path(kind, stem):
    """Site-relative path of a page, e.g. ``lectures/01_intercalation.html``."""
    return f"{KINDS[kind][1]}/{stem}.html"


# ---------------------------------------------------------------- links
def site_target(repo_path, fragment, lectures, sets):
    """Site-relative target for a repository path, '' to drop the link, None if unknown."""
    m = re.fullmatch(r"(notebooks|exercises)/([0-9][0-9]_[\w-]+)\.ipynb", repo_path)
    if m:
        kind = "lecture" if m[1] == "notebooks" else "homework"
        if m[2] in (lectures if kind == "lecture" else sets):
            return page_path(kind, m[2]) + (f"#{fragment}" if fragment else "")
        return None
    if repo_path.startswith(("solutions/", "echemlab/homework/keys")) or repo_path in ("solutions",):
        return ""
    if repo_path == "README.md":
        return "index.html" + ("#chapters" if fragment.lower() == "chapters" else "")
    return None


def rewrite_links(page_html, source_dir, page_dir, lectures, sets, warn=None):
    """Rewrite the relative ``<a href>`` of a page rendered from ``source_dir``
    (``notebooks`` or ``exercises``) into links between site pages in ``page_dir``.

    Links into solutions/ (and the self-check keys) keep their text and lose
    the link. Absolute URLs, ``mailto:`` and in-page ``#anchors`` are kept.
    Unknown relative targets are kept and reported through ``warn``.
    """
    def fix(m):
        href = html.unescape(m["href"])
        if not href or href.startswith(("#", "/")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            return m[0]
        path, _, fragment = href.partition("#")
        repo_path = posixpath.normpath(posixpath.join(source_dir, path))
        target = site_target(repo_path, fragment, lectures, sets)
        if target is None:
            if warn is not None:
                warn(f"link to {href!r} has no page on the site")
            return m[0]
        if target == "":
            return f'<span class="dropped-link">{m["text"]}</span>'
        t_path, _, t_frag = target.partition("#")
        rel = posixpath.relpath(t_path, page_dir) + (f"#{t_frag}" if t_frag else "")
        return f'<a{m["pre"]} href="{html.escape(rel)}"{m["post"]}>{m["text"]}</a>'

    return A_TAG.sub(fix, page_html)


# ---------------------------------------------------------------- explorers
def _fmt(value, spec):
    try:
        return format(float(value), spec)
    except (TypeError, ValueError):
        try:
            return format(float(value), ".4g")
        except (TypeError, ValueError):
            return html.escape(str(value))


def _walk_models(state, model_id, seen=None):
    seen = set() if seen is None else seen
    if model_id in seen or model_id not in state:
        return
    seen.add(model_id)
    entry = state[model_id]
    yield entry
    for child in entry.get("state", {}).get("children", []) or []:
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            yield from _walk_models(state, child[len("IPY_MODEL_"):], seen)


def snapshot_caption(widget_state, model_id, stem):
    """Caption HTML for an explorer snapshot: slider values, readout, how to run it."""
    settings, readouts = [], []
    for entry in _walk_models(widget_state, model_id):
        name, st = entry.get("model_name", ""), entry.get("state", {})
        if name.endswith("SliderModel") or name in ("DropdownModel", "ToggleButtonsModel",
                                                     "RadioButtonsModel", "CheckboxModel"):
            desc = st.get("description", "")
            label, unit = desc, ""
            m = re.fullmatch(r"(.*?)\s*\[(.*)\]\s*", desc)
            if m:
                label, unit = m[1], m[2]
            if name.endswith("SliderModel") and "value" in st:
                val = _fmt(st["value"], st.get("readout_format", ".3g"))
            elif "index" in st and "_options_labels" in st:
                val = html.escape(str(st["_options_labels"][st["index"]]))
            else:
                val = html.escape(str(st.get("value", "")))
            settings.append(f"{html.escape(label)} = {val}" + (f" {html.escape(unit)}" if unit else ""))
        elif name == "HTMLModel" and "echemlab-readout" in st.get("_dom_classes", []):
            if st.get("value"):
                readouts.append(st["value"])
    parts = ["<b>Static snapshot</b> of an interactive explorer"]
    parts[0] += (" at " + ", ".join(settings) + ".") if settings else "."
    if readouts:
        parts.append('<span class="snapshot-readout">' + " ".join(readouts) + "</span>")
    parts.append("To move the sliders, open this chapter in " + INTERACTIVE.format(ch=stem[:2]) + ".")
    return " ".join(parts), ("Explorer snapshot: " + ", ".join(settings)) if settings else "Explorer snapshot"


def prepare_lecture(nb, stem):
    """Lecture notebook -> notebook to render: navigation cell dropped, every
    widget output replaced by its PNG snapshot with a caption. Returns the
    number of explorer snapshots."""
    nb.cells = [c for c in nb.cells if NAV_TAG not in c.metadata.get("tags", [])]
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    n = 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            if "image/png" not in data:
                raise SiteError(f"notebooks/{stem}.ipynb cell {i} ({cell.get('id')}): a widget output "
                                "without an image/png snapshot; the static page would show nothing")
            model_id = data[WIDGET_VIEW].get("model_id", "")
            caption, alt = snapshot_caption(state, model_id, stem)
            out["data"] = {"image/png": data["image/png"]}
            out.setdefault("metadata", {})["echemlab_snapshot"] = {"caption_html": caption, "alt": alt}
            n += 1
    nb.metadata.pop("widgets", None)   # no widget manager, no "Loading widget..." placeholder
    return n


def prepare_homework(nb, stem):
    """Exercise notebook -> notebook to render: the generator's banner (an
    instructor note) dropped, ``{#q1}`` heading ids turned into anchors."""
    text = nbformat.writes(nb)
    for marker in SECRET_MARKERS:
        if marker in text:
            raise SiteError(f"exercises/{stem}.ipynb contains {marker!r}: regenerate it "
                            "(python -m echemlab.homework.generate) before publishing")
    nb.cells = [c for c in nb.cells
                if c.get("id") != BANNER_ID and not c.source.lstrip().startswith("> **Generated from")]
    for c in nb.cells:
        if c.cell_type == "markdown":
            c.source = QUESTION_ID.sub(lambda m: f'<a id="{m[2]}"></a>\n\n{m[1]}', c.source)
        elif c.cell_type == "code":
            c.outputs, c.execution_count = [], None   # the handout has none; never publish a recorded answer
    nb.metadata.pop("widgets", None)
    return 0


def drop_sympy_png(nb):
    """sympy results carry text/latex and a PNG; the page typesets the LaTeX
    (MathJax), so the PNG would be written to disk unused."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/latex" in data and "image/png" in data:
                del data["image/png"]


# ---------------------------------------------------------------- pages
_EXPORTERS = {}


def _exporter(mathjax_url=None):
    """One HTMLExporter per process and MathJax URL (building one compiles the templates)."""
    if mathjax_url not in _EXPORTERS:
        _EXPORTERS[mathjax_url] = _new_exporter(mathjax_url)
    return _EXPORTERS[mathjax_url]


def _new_exporter(mathjax_url=None):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor

    exp = HTMLExporter(extra_template_basedirs=[str(TOOLS)], template_name=TEMPLATE_DIR.name)
    exp.log.setLevel(logging.ERROR)  # not one "alternative text is missing" warning per page
    exp.exclude_input_prompt = False
    if mathjax_url:
        exp.mathjax_url = mathjax_url
    exp.register_preprocessor(ExtractOutputPreprocessor(enabled=True), enabled=True)
    return exp


def nav_html(items, css_class="site-nav"):
    """A navigation bar: items are (label HTML, href, li class)."""
    lis = []
    for label, href, cls in items:
        body = f'<a href="{html.escape(href)}">{label}</a>' if href else label
        lis.append(f'<li class="{cls}">{body}</li>' if cls else f"<li>{body}</li>")
    return f'<nav class="{css_class}"><ul>{"".join(lis)}</ul></nav>'


def page_nav(kind, stem, lectures, sets, homework_of, css_class="site-nav"):
    """Navigation bar of a lecture or homework page (paths relative to its folder)."""
    seq = lectures if kind == "lecture" else sets
    i = seq.index(stem)
    items = [(f"{COURSE} course", "../index.html", "site-name"), ("Course index", "../index.html#chapters", "")]
    word = "Lecture" if kind == "lecture" else "Homework"
    if i > 0:
        items.append((f"← {word} {html.escape(seq[i - 1][:2])}", f"{seq[i - 1]}.html", "prev"))
    if i + 1 < len(seq):
        items.append((f"{word} {html.escape(seq[i + 1][:2])} →", f"{seq[i + 1]}.html", "next"))
    if kind == "lecture" and homework_of.get(stem):
        items.append((f"Homework {stem[:2]}", f"../homework/{homework_of[stem]}.html", "other"))
    if kind == "homework" and stem in lectures:
        items.append((f"Lecture {stem[:2]}", f"../lectures/{stem}.html", "other"))
    items.append(("Download .ipynb", f"{stem}.ipynb", "download"))
    return nav_html(items, css_class)


def page_intro(kind, stem):
    if kind == "lecture":
        return ('<div class="site-note">This is the static version of the lecture, with the outputs '
                "saved when it was last executed. Figures of the interactive explorers are snapshots; "
                "to run the code and move the sliders, open this chapter in "
                + INTERACTIVE.format(ch=stem[:2]) + " from the course repository "
                '(see the <a href="../index.html#interactive">course index</a>).</div>')
    return ('<div class="site-note">This is the read-only view of the homework set. To do it, download '
            f'<a href="{stem}.ipynb">{stem}.ipynb</a>, open it in JupyterLab with the <code>echemlab</code> '
            "package installed (in the course repository: <code>make lab</code>), type your student id "
            "in the first code cell and run the notebook from the top. Each question then shows your "
            "own numbers, and <code>hw.check(...)</code> gives instant feedback.</div>")


def render_page(job):
    """Render one page (runs in a worker process). Returns a report dict."""
    kind, stem, out_dir = job["kind"], job["stem"], Path(job["out"])
    src_dir, page_dir = KINDS[kind]
    src = Path(job["root"]) / src_dir / f"{stem}.ipynb"
    nb = nbformat.read(src, as_version=4)
    if kind == "lecture":
        n_snap = prepare_lecture(nb, stem)
    else:
        n_snap = prepare_homework(nb, stem)
    drop_sympy_png(nb)
    title = job["titles"].get(stem, stem)
    resources = {
        "metadata": {"name": stem},
        "unique_key": stem,
        "output_files_dir": f"{stem}_files",
        "site": {
            "title": f"{title} — {COURSE}",
            "css_href": "../static/course.css",
            "nav_html": page_nav(kind, stem, job["lectures"], job["sets"], job["homework_of"]),
            "intro_html": page_intro(kind, stem),
            "footer_html": page_nav(kind, stem, job["lectures"], job["sets"], job["homework_of"],
                                    "site-nav site-footer"),
        },
    }
    body, res = _exporter(job.get("mathjax_url")).from_notebook_node(nb, resources=resources)
    warnings = []
    head, sep, rest = body.partition(NB_START)
    content, sep2, tail = rest.partition(NB_END)
    if not (sep and sep2):
        raise SiteError(f"template markers {NB_START}/{NB_END} missing in the page of {stem}")
    content = rewrite_links(content, src_dir, page_dir, job["lectures"], job["sets"],
                            warn=lambda w: warnings.append(f"{src_dir}/{stem}.ipynb: {w}"))
    body = head + sep + content + sep2 + tail
    target = out_dir / page_dir
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{stem}.html").write_text(body, encoding="utf-8")
    for name, blob in sorted(res.get("outputs", {}).items()):
        f = target / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(blob)
    shutil.copyfile(src, target / f"{stem}.ipynb")
    return {"page": f"{page_dir}/{stem}.html", "snapshots": n_snap, "warnings": warnings,
            "css": res.get("inlining", {}).get("css", [])}


# ---------------------------------------------------------------- index
def readme_intro(root=ROOT):
    """The README's introduction: the text between the H1 title and the first H2."""
    text = (root / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^# .*?\n(.*?)^## ", text, re.S | re.M)
    return m[1].strip() if m else ""


def _md_cell_text(s):
    return s.replace("|", "\\|")


def index_notebook(chs, sets, root=ROOT):
    cells = [nbformat.v4.new_markdown_cell(
        "# echemlab — applications of electrochemical thermodynamics\n\n" + readme_intro(root))]
    rows = ['<h2 id="chapters">Chapters</h2>', "",
            "| # | Lecture | Homework | Seed subsection |", "|---|---|---|---|"]
    for c in chs:
        hw = f"[Homework {c['num']}]({page_path('homework', c['homework'])})" if c["homework"] else "—"
        rows.append(f"| {c['num']} | [{_md_cell_text(c['title'])}]({page_path('lecture', c['stem'])}) "
                    f"| {hw} | {_md_cell_text(c['seed'])} |")
    lone = [s for s in sets if s["stem"] not in {c["homework"] for c in chs}]
    if lone:
        rows += ["", "Further homework sets: " + ", ".join(
            f"[{_md_cell_text(s['title'])}]({page_path('homework', s['stem'])})" for s in lone) + "."]
    cells.append(nbformat.v4.new_markdown_cell("\n".join(rows)))
    cells.append(nbformat.v4.new_markdown_cell(
        '<h2 id="interactive">The interactive version</h2>\n\n'
        "These pages are a static copy of the course: every lecture with the outputs saved when it was "
        "last executed, and every homework set as handed out (without solutions). The figures of the "
        "interactive explorers are snapshots, each captioned with its slider settings.\n\n"
        "To run the code and move the sliders you need Python (3.10 or newer) and the course repository:\n\n"
        "- `make lab` opens the course in JupyterLab (the first run creates the virtual environment "
        "`.venv` and installs everything);\n"
        "- `make dashboard CH=07` shows one chapter's explorers as a Voila dashboard "
        "(any chapter number instead of `07`);\n"
        "- on a university JupyterHub your instructor can give you one link that opens the course "
        "(see `docs/jupyterhub.md` in the repository);\n"
        "- or with conda: `conda env create -f environment.yml && conda activate echemlab && "
        "pip install -e . --no-deps && jupyter lab`.\n\n"
        "**Homework.** Each homework page has a *Download .ipynb* link. Open the notebook in JupyterLab "
        "with the course installed, type your student id in the first code cell and run it from the top; "
        "the README's *For students* section explains the rest."))
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    for i, c in enumerate(nb.cells):
        c.id = f"index-{i}"
    nb.metadata = {"language_info": {"name": "python"}}
    return nb


def render_index(out_dir, chs, sets, mathjax_url=None, root=ROOT):
    exp = _exporter(mathjax_url)
    exp.exclude_input_prompt = True
    nav = nav_html([(f"{COURSE} course", "index.html", "site-name"), ("Chapters", "#chapters", ""),
                    ("Interactive version", "#interactive", "")])
    resources = {"metadata": {"name": "index"}, "unique_key": "index", "output_files_dir": "index_files",
                 "site": {"title": f"{COURSE} — applications of electrochemical thermodynamics",
                          "css_href": "static/course.css", "nav_html": nav, "intro_html": "",
                          "footer_html": ""}}
    body, res = exp.from_notebook_node(index_notebook(chs, sets, root), resources=resources)
    body = body.replace("<table>", '<table class="chapters">', 1)
    (out_dir / "index.html").write_text(body, encoding="utf-8")
    return res.get("inlining", {}).get("css", [])


def write_css(out_dir, pygments_css, mathjax_url=None):
    """static/course.css: JupyterLab's notebook styles (from nbconvert's lab
    template), the code highlighting and the site's own additions, once for all pages."""
    lab = next((Path(d) for d in _exporter(mathjax_url).template_paths
                if Path(d).name == "lab" and (Path(d) / "static" / "index.css").exists()), None)
    if lab is None:
        raise SiteError("nbconvert's lab template (static/index.css) not found")
    parts = [(lab / "static" / "index.css").read_text(encoding="utf-8"),
             (lab / "static" / "theme-light.css").read_text(encoding="utf-8"),
             "\n".join(pygments_css),
             "a.anchor-link { display: none; }\n.jp-InputArea { overflow: hidden; }\n"
             ".jp-Collapser { display: none; }\n"
             ".jp-OutputArea-output pre { line-height: inherit; font-family: inherit; }\n"
             ".jp-RenderedText pre { color: var(--jp-content-font-color1); font-size: var(--jp-code-font-size); }\n"
             "h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link { display: inline; }\n",
             (TEMPLATE_DIR / "site.css").read_text(encoding="utf-8")]
    (out_dir / "static").mkdir(parents=True, exist_ok=True)
    (out_dir / "static" / "course.css").write_text("\n".join(parts), encoding="utf-8")


# ---------------------------------------------------------------- build
def _prepare_out(out_dir):
    if out_dir.exists():
        if not (out_dir / MARKER).exists() and any(out_dir.iterdir()):
            raise SiteError(f"{out_dir} exists, is not empty and was not made by tools/site.py; "
                            "refusing to overwrite it")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / MARKER).write_text("built by tools/site.py; the whole folder is rewritten on each build\n")


def page_jobs(out_dir, mathjax_url=None, root=ROOT):
    """(chapters, homework sets, one job dict per page for :func:`render_page`)."""
    chs, sets = chapters(root), homework_sets(root)
    lectures = [c["stem"] for c in chs]
    set_stems = [s["stem"] for s in sets]
    common = {"root": str(root), "out": str(out_dir), "lectures": lectures, "sets": set_stems,
              "homework_of": {c["stem"]: c["homework"] for c in chs if c["homework"]},
              "mathjax_url": mathjax_url}
    titles = {c["stem"]: c["title"] for c in chs}
    hw_titles = {s["stem"]: s["title"] for s in sets}
    jobs = ([dict(common, kind="lecture", stem=s, titles=titles) for s in lectures]
            + [dict(common, kind="homework", stem=s, titles=hw_titles) for s in set_stems])
    return chs, sets, jobs


def build_site(out_dir, jobs=None, mathjax_url=None, root=ROOT, log=print):
    """Build the whole site into ``out_dir``; returns a summary dict."""
    t0 = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    chs, sets, todo = page_jobs(out_dir, mathjax_url, root)
    _prepare_out(out_dir)
    # big notebooks first: better packing over the workers
    todo.sort(key=lambda j: -(Path(root) / KINDS[j["kind"]][0] / f"{j['stem']}.ipynb").stat().st_size)
    jobs = jobs or min(2, os.cpu_count() or 1)
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            reports = list(pool.map(render_page, todo))
    else:
        reports = [render_page(j) for j in todo]
    css = render_index(out_dir, chs, sets, mathjax_url, root)
    write_css(out_dir, css, mathjax_url)
    warnings = sorted(w for r in reports for w in r["warnings"])
    for w in warnings:
        log(f"warning: {w}")
    summary = {"pages": len(reports) + 1, "lectures": len(chs), "homework": len(sets),
               "snapshots": sum(r["snapshots"] for r in reports), "warnings": warnings,
               "seconds": time.perf_counter() - t0, "out": str(out_dir)}
    log(f"site: {summary['pages']} pages ({summary['lectures']} lectures, {summary['homework']} homework "
        f"sets, {summary['snapshots']} explorer snapshots) in {summary['seconds']:.1f} s -> {out_dir}")
    return summary


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "site"), help="output folder (default: site/)")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: min(2, CPU count))")
    ap.add_argument("--mathjax-url", default=None,
                    help="MathJax 2 script URL (default: nbconvert's cdnjs URL)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a link has no page on the site")
    ap.add_argument("--root", default=str(ROOT),
                    help="course tree holding notebooks/, exercises/ and README.md (default: this repository)")
    args = ap.parse_args(argv)
    try:
        summary = build_site(args.out, jobs=args.jobs or None, mathjax_url=args.mathjax_url,
                             root=Path(args.root).resolve())
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 1 if (args.strict and summary["warnings"]) else 0


if __name__ == "__main__":
    sys.exit(main())
