"""The homework notebook format: question headings and nbgrader-style markers.

A question starts at a markdown cell whose first line is

    ## Q3 · Title of the question (2 points) {#q3}

(the label, a middle dot, a title, the points in parentheses and a stable
id in ``{#...}``); the question owns every cell up to the next level-2
heading. Code cells use nbgrader's in-cell markers::

    ### BEGIN SOLUTION        ### BEGIN HIDDEN TESTS
    ...                       ...
    ### END SOLUTION          ### END HIDDEN TESTS

>>> parse_heading("## Q3 · Spinodal (2 points) {#q3}")
('q3', 'Q3', 'Spinodal', 2.0)
>>> print(stub("def f(x):\\n    '''Doc.'''\\n    ### BEGIN SOLUTION\\n    return x\\n    ### END SOLUTION\\n"))
def f(x):
    '''Doc.'''
    # YOUR CODE HERE
    raise NotImplementedError()
<BLANKLINE>
"""
import base64
import json
import re
import zlib

HEADING = re.compile(
    r"^##\s+(?P<label>Q\w+)\s+·\s+(?P<title>.+?)\s+\((?P<points>\d+(?:\.\d+)?)\s+points?\)"
    r"\s+\{#(?P<qid>[a-z][a-z0-9_]*)\}\s*$")
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
STUB = "# YOUR CODE HERE\n{indent}raise NotImplementedError()"
KEY_MAGIC = "echemlab-key-v1\n"


class FormatError(ValueError):
    """The solution notebook breaks the homework format."""


def parse_heading(source):
    """(qid, label, title, points) of a question heading, or None."""
    first = source.strip().splitlines()[0] if source.strip() else ""
    if not first.startswith("## Q"):
        return None
    m = HEADING.match(first)
    if not m:
        raise FormatError(f"malformed question heading {first!r}; expected "
                          "'## Q1 · Title (2 points) {#q1}'")
    return m["qid"], m["label"], m["title"], float(m["points"])


def _regions(source, begin, end):
    """Split source lines into [(inside, lines)] runs; checks marker pairing."""
    runs, inside, cur = [], False, []
    for line in source.splitlines(keepends=True):
        s = line.strip()
        if s == begin:
            if inside:
                raise FormatError(f"nested {begin!r}")
            runs.append((False, cur))
            cur, inside = [line], True
        elif s == end:
            if not inside:
                raise FormatError(f"{end!r} without {begin!r}")
            cur.append(line)
            runs.append((True, cur))
            cur, inside = [], False
        else:
            cur.append(line)
    if inside:
        raise FormatError(f"{begin!r} without {end!r}")
    runs.append((False, cur))
    return runs


def has_solution(source):
    return any(line.strip() == BEGIN_SOLUTION for line in source.splitlines())


def stub(source):
    """Replace each solution region by a NotImplementedError stub (keeps the
    indentation of the BEGIN marker)."""
    out = []
    for inside, lines in _regions(source, BEGIN_SOLUTION, END_SOLUTION):
        if inside:
            indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
            out.append(indent + STUB.format(indent=indent) + "\n")
        else:
            out.extend(lines)
    return "".join(out)


def drop_hidden(source):
    """Remove hidden-test regions (markers included)."""
    return "".join("".join(lines) for inside, lines in _regions(source, BEGIN_HIDDEN, END_HIDDEN)
                   if not inside)


def filled_submission(solution_nb, student_id):
    """A filled-in submission made from a solution notebook: hidden tests and outputs
    removed, ``STUDENT_ID`` set to ``student_id``. A fresh copy; the input is unchanged.
    Used by the grader's tests and benchmark, and handy for a dry run of a grading batch.
    """
    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(solution_nb)))
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
            c.source = drop_hidden(c.source)
    nb.cells = [c for c in nb.cells if c.source.strip()]
    setup = next(c for c in nb.cells if c.cell_type == "code")
    setup.source = re.sub(r'STUDENT_ID = ".*?"', f'STUDENT_ID = "{student_id}"', setup.source)
    return nb


def unmark(source):
    """The reference code: markers removed, contents kept."""
    markers = {BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN}
    _regions(source, BEGIN_SOLUTION, END_SOLUTION)
    _regions(source, BEGIN_HIDDEN, END_HIDDEN)
    return "".join(line for line in source.splitlines(keepends=True) if line.strip() not in markers)


def questions(nb):
    """Ordered list of dicts: qid, label, title, points, cells (indices)."""
    qs, current = [], None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            head = parse_heading(cell.source)
            if head:
                qid, label, title, points = head
                if any(q["qid"] == qid for q in qs):
                    raise FormatError(f"duplicate question id {qid!r}")
                current = {"qid": qid, "label": label, "title": title, "points": points, "cells": []}
                qs.append(current)
                continue
            if cell.source.lstrip().startswith("## "):
                current = None
        if current is not None:
            current["cells"].append(i)
    return qs


def program(nb, set_id, hidden=True):
    """The reference program of a solution notebook: the common code cells
    (before the first question) and each question's code cells, markers
    removed; hidden tests included only when ``hidden``."""
    qs = questions(nb)
    first = min((q["cells"][0] for q in qs if q["cells"]), default=len(nb.cells))
    owned = {i for q in qs for i in q["cells"]}

    def code(i, with_hidden=hidden):
        src = nb.cells[i].source
        return unmark(src if with_hidden else drop_hidden(src))

    common = [code(i) for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and i < first and i not in owned]
    prog = {"set_id": set_id, "common": [c for c in common if c.strip()], "questions": {}}
    for q in qs:
        idx = [i for i in q["cells"] if nb.cells[i].cell_type == "code"]
        entry = {"label": q["label"], "title": q["title"], "points": q["points"],
                 "cells": [c for c in (code(i) for i in idx) if c.strip()]}
        if hidden:  # re-runs with changed parameters skip the hidden tests
            entry["cells_nohidden"] = [c for c in (code(i, False) for i in idx) if c.strip()]
        prog["questions"][q["qid"]] = entry
    return prog


def encode_key(prog):
    """Seal a program for the self-check oracle: compressed and encoded (not
    human-readable; not encryption either)."""
    raw = json.dumps(prog, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return KEY_MAGIC + base64.b85encode(zlib.compress(raw, 9)).decode("ascii") + "\n"


def decode_key(text):
    if not text.startswith(KEY_MAGIC):
        raise FormatError("not an echemlab key file")
    return json.loads(zlib.decompress(base64.b85decode(text[len(KEY_MAGIC):].strip())))
