#!/usr/bin/env python
"""nbgitpuller links that open the course on an existing JupyterHub.

    python tools/hub_link.py --hub https://hub.example.edu --repo https://github.com/ORG/echemlab
    python tools/hub_link.py ... --open notebooks/07_pourbaix.ipynb
    python tools/hub_link.py ... --open dashboards/07_pourbaix.ipynb --app voila
    python tools/hub_link.py ... --all            # one link per lecture, dashboard and exercise (Markdown table)

A student who clicks a link logs in to the hub; nbgitpuller clones the repository
into ``~/<target>`` on first use (later clicks pull the instructor's new commits and
keep the student's own edits), then opens the file. See docs/jupyterhub.md.
"""
import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
APPS = ("lab", "voila", "notebook")


def link(hub, repo, open_path="notebooks/00_toolkit.ipynb", branch="main", target="echemlab", app="lab"):
    """The nbgitpuller URL that clones ``repo`` (``branch``) into ``~/target`` and opens ``open_path``
    with ``app`` (JupyterLab, Voila or the classic notebook). Format: nbgitpuller's documented
    ``/hub/user-redirect/git-pull?repo=..&branch=..&targetpath=..&urlpath=..`` link, every value
    URL-encoded."""
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"hub must be an http(s) URL like https://hub.example.edu, got {hub!r}")
    if not repo or any(c.isspace() for c in repo):
        raise ValueError(f"repo must be a git URL without spaces, got {repo!r}")
    if app not in APPS:
        raise ValueError(f"app must be one of {APPS}, got {app!r}")
    if not target or "/" in target or target in (".", ".."):
        raise ValueError(f"target must be a single folder name, got {target!r}")
    open_path = open_path.strip("/")
    if ".." in Path(open_path).parts:
        raise ValueError(f"open_path must stay inside the repository, got {open_path!r}")
    inner = f"{target}/{open_path}"
    urlpath = {"lab": f"lab/tree/{inner}", "notebook": f"tree/{inner}",
               "voila": f"voila/render/{inner}"}[app]
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target, "urlpath": urlpath},
                      quote_via=quote, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def all_links(hub, repo, branch="main", target="echemlab"):
    """Markdown table: one row per chapter with links to its lecture, dashboard and exercise."""
    rows = ["| chapter | lecture (JupyterLab) | dashboard (Voila) | homework (JupyterLab) |",
            "|---|---|---|---|"]
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = []
        for folder, app in (("notebooks", "lab"), ("dashboards", "voila"), ("exercises", "lab")):
            rel = f"{folder}/{nb.name}"
            cells.append(f"[open]({link(hub, repo, rel, branch, target, app)})"
                         if (ROOT / rel).exists() else "—")
        rows.append(f"| {nb.stem} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hub", required=True, help="the hub's base URL, e.g. https://hub.example.edu")
    ap.add_argument("--repo", required=True, help="the course repository's git URL")
    ap.add_argument("--branch", default="main")
    ap.add_argument("--target", default="echemlab", help="folder in each student's home (default echemlab)")
    ap.add_argument("--open", default="notebooks/00_toolkit.ipynb", help="file to open, relative to the repo")
    ap.add_argument("--app", default="lab", choices=APPS)
    ap.add_argument("--all", action="store_true", help="print a Markdown table of links for every chapter")
    args = ap.parse_args(argv)
    try:
        if args.all:
            print(all_links(args.hub, args.repo, args.branch, args.target))
        else:
            print(link(args.hub, args.repo, args.open, args.branch, args.target, args.app))
    except ValueError as exc:
        ap.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
