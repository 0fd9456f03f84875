"""Generate exercises/ and the self-check keys from solutions/.

    python -m echemlab.homework.generate            # write exercises/*.ipynb and keys
    python -m echemlab.homework.generate --check    # fail (exit 1) if anything is stale
    python -m echemlab.homework.generate --execute  # also re-execute solutions/ in place

(console script: ``echemlab-exercises``). For each ``solutions/NN_slug.ipynb``:
solution regions become ``raise NotImplementedError()`` stubs (signature and
docstring kept) and the cell is tagged ``raises-exception`` for nbval, hidden
tests are removed (a cell left empty is dropped), outputs are cleared, the
``STUDENT_ID`` literal is emptied, and a "generated - do not edit" banner is
put on top. The key ``echemlab/homework/keys/NN_slug.key`` seals the question
and solution code (no hidden tests) for the self-check oracle.
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

from . import notebook as N

PKG_KEYS = Path(__file__).with_name("keys")
STUDENT_ID_LINE = re.compile(r'^STUDENT_ID\s*=\s*(["\']).*?\1.*$', re.M)
STUDENT_ID_STUB = 'STUDENT_ID = ""  # <- type your student id between the quotes, then run all cells'
BANNER_ID = "generated-banner"


def repo_root():
    here = Path(__file__).resolve().parents[2]
    return here if (here / "solutions").is_dir() else Path.cwd()


def banner(stem):
    return (f"> **Generated from `solutions/{stem}.ipynb` by `echemlab-exercises` — do not edit.** "
            "Instructors: edit the solution notebook and re-run the generator.\n>\n"
            "> Students: type your id in the first code cell, replace each "
            "`raise NotImplementedError()` with your code, and use `hw.check(...)` for instant feedback.")


def make_exercise(nb, stem):
    """The student notebook made from solution notebook ``nb``."""
    ex = nbformat.v4.new_notebook()
    ex.metadata = {"kernelspec": nb.metadata.get("kernelspec", {"name": "python3", "display_name": "Python 3",
                                                                "language": "python"}),
                   "language_info": {"name": "python"},
                   "echemlab": {"generated_from": f"solutions/{stem}.ipynb", "do_not_edit": True}}
    cell = nbformat.v4.new_markdown_cell(banner(stem))
    cell.id = BANNER_ID
    ex.cells.append(cell)
    for c in nb.cells:
        if c.cell_type == "markdown":
            if N.BEGIN_SOLUTION in c.source or N.BEGIN_HIDDEN in c.source:
                raise N.FormatError("solution/hidden markers are only allowed in code cells")
            new = nbformat.v4.new_markdown_cell(c.source)
        elif c.cell_type == "code":
            src = N.drop_hidden(c.source)
            stubbed = N.has_solution(src)
            src = N.stub(src)
            src = STUDENT_ID_LINE.sub(STUDENT_ID_STUB, src, count=1)
            if not src.strip():
                continue
            new = nbformat.v4.new_code_cell(src.rstrip("\n"))
            tags = [t for t in c.metadata.get("tags", []) if t != "raises-exception"]
            if stubbed:
                tags.append("raises-exception")
            if tags:
                new.metadata["tags"] = tags
        else:
            new = nbformat.v4.new_raw_cell(c.source)
        new.id = c.get("id") or new.id
        ex.cells.append(new)
    return ex


def _check_solution(nb, stem):
    if not nb.cells or not nb.cells[0].source.startswith("# Homework "):
        raise N.FormatError(f"{stem}: the first cell must be the title '# Homework NN — ...'")
    qs = N.questions(nb)
    if not qs:
        raise N.FormatError(f"{stem}: no question headings")
    prog = N.program(nb, stem, hidden=True)
    for qid, q in prog["questions"].items():
        for src in q["cells"]:
            compile(src, f"{stem}:{qid}", "exec")
    return qs


def outputs_for(root, selfcheck=True):
    """{path: text} of every generated file, from solutions/ under ``root``.

    A key maps to None (must not exist) when self-check is off: ``selfcheck``
    False, or ``"echemlab": {"selfcheck": false}`` in the solution's metadata."""
    root = Path(root)
    out = {}
    for sol in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        stem = sol.stem
        nb = nbformat.read(sol, as_version=4)
        _check_solution(nb, stem)
        ex = make_exercise(nb, stem)
        nbformat.validate(ex)
        out[root / "exercises" / f"{stem}.ipynb"] = nbformat.writes(ex) + "\n"
        on = selfcheck and nb.metadata.get("echemlab", {}).get("selfcheck", True)
        out[root / "echemlab" / "homework" / "keys" / f"{stem}.key"] = \
            N.encode_key(N.program(nb, stem, hidden=False)) if on else None
    return out


def execute_solutions(root, timeout=300):
    """Re-execute every solution notebook in place (deterministic outputs)."""
    from nbclient import NotebookClient
    for sol in sorted((Path(root) / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(sol, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(sol.parent)}}).execute()
        for c in nb.cells:
            c.metadata.pop("execution", None)
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, sol)
        print(f"executed {sol}")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="echemlab-exercises", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that generated files are current")
    ap.add_argument("--execute", action="store_true", help="also re-execute solutions/ in place")
    ap.add_argument("--root", default=None, help="repository root (default: auto)")
    ap.add_argument("--no-selfcheck", action="store_true",
                    help="write no self-check keys (and remove existing ones): no oracle on student machines")
    args = ap.parse_args(argv)
    root = Path(args.root) if args.root else repo_root()
    try:
        files = outputs_for(root, selfcheck=not args.no_selfcheck)
    except N.FormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = [p for p, text in files.items()
             if (text is None and p.exists()) or (text is not None and (not p.is_file()
                                                                        or p.read_text("utf-8") != text))]
    extra = [p for p in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb"))
             if p not in files]
    if args.check:
        for p in stale:
            print(f"stale: {p}  (run: python -m echemlab.homework.generate)", file=sys.stderr)
        for p in extra:
            print(f"orphan: {p} has no solutions/ notebook", file=sys.stderr)
        return 1 if stale or extra else 0
    for p in stale:
        if files[p] is None:
            p.unlink()
            print(f"removed {p}")
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(p.suffix + ".tmp")
        tmp.write_text(files[p], "utf-8")
        tmp.replace(p)
        print(f"wrote {p}")
    if args.execute:
        execute_solutions(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
