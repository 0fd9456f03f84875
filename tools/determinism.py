#!/usr/bin/env python
"""Are the committed notebooks' outputs deterministic? Execute each one several times and compare.

    python tools/determinism.py                 # every lecture, solution and dashboard, 3 runs each
    python tools/determinism.py --runs 2 --only 07,11

Each run executes the notebook top to bottom in a fresh kernel exactly as
tools/build.py does (nothing is written), and compares EVERY output of every
cell with the committed notebook: stream text, text/plain, text/html,
text/latex, text/markdown, JSON, and images (PNG bytes by sha256). Widget model
ids are random by design (uuid4 comm ids), so they are renumbered in order of
appearance before comparing, and consecutive prints to the same stream are joined
(the kernel delivers them as one or several messages depending on timing, and
Jupyter shows them joined); nothing else is masked. nbval (in `make test`)
checks only the cells tagged nbval-check-output; this checks all of them.
Exit status 1 when any run differs from the committed outputs.
"""
import argparse
import hashlib
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DIRS = ("notebooks", "solutions", "dashboards")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")


def _merge_streams(outputs):
    """Consecutive stream outputs of the same name joined into one, as Jupyter displays them:
    the kernel may deliver two prints as one message or as two, depending on timing."""
    merged = []
    for o in outputs:
        if (o.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == o.get("name")):
            merged[-1] = nbformat.from_dict({**merged[-1], "text": merged[-1]["text"] + o["text"]})
        else:
            merged.append(o)
    return merged


def canonical(nb):
    """[(cell id, output index, kind, value)] with widget ids renumbered and images hashed."""
    ids = {}

    def renumber(text):
        return HEX_ID.sub(lambda m: f"<id{ids.setdefault(m.group(0), len(ids))}>", text)

    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for k, o in enumerate(_merge_streams(cell.get("outputs", []))):
            key = (cell.get("id"), k)
            if o.output_type == "stream":
                out.append((*key, f"stream:{o.name}", renumber(o.text)))
            elif o.output_type == "error":
                out.append((*key, "error", f"{o.ename}: {o.evalue}"))
            else:
                for mime, data in sorted(o.get("data", {}).items()):
                    if mime.startswith("image/") and mime != "image/svg+xml":
                        value = hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()
                    elif isinstance(data, (dict, list)):
                        value = renumber(json.dumps(data, sort_keys=True))
                    else:
                        value = renumber(data if isinstance(data, str) else "".join(data))
                    out.append((*key, mime, value))
    return out


def run_once(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False, store_widget_state=True,
                   allow_errors=False, resources={"metadata": {"path": str(path.parent)}}).execute()
    return canonical(nb)


def differences(expected, got, limit=5):
    if len(expected) != len(got):
        exp_keys = {(c, k, m) for c, k, m, _ in expected}
        got_keys = {(c, k, m) for c, k, m, _ in got}
        return [f"{len(got)} outputs instead of {len(expected)}; missing {sorted(exp_keys - got_keys)[:limit]}, "
                f"extra {sorted(got_keys - exp_keys)[:limit]}"]
    diffs = []
    for (c, k, m, v), (c2, k2, m2, v2) in zip(expected, got, strict=True):
        if (c, k, m) != (c2, k2, m2):
            diffs.append(f"cell {c} output {k}: {m} became cell {c2} output {k2}: {m2}")
        elif v != v2:
            shown = "" if m.startswith("image/") else f": {v[:80]!r} -> {v2[:80]!r}"
            diffs.append(f"cell {c} output {k} ({m}) differs{shown}")
        if len(diffs) >= limit:
            break
    return diffs


def check(path, runs):
    expected = canonical(nbformat.read(path, as_version=4))
    report, times = [], []
    for r in range(1, runs + 1):
        t0 = time.perf_counter()
        try:
            got = run_once(path)
        except Exception as exc:  # a failing run is a finding, not a crash of the tool
            report.append(f"run {r}: execution failed: {type(exc).__name__}: {str(exc)[:300]}")
            continue
        finally:
            times.append(time.perf_counter() - t0)
        report += [f"run {r}: {d}" for d in differences(expected, got)]
    return path, len(expected), report, times


def notebooks(only):
    paths = [p for d in DIRS for p in sorted((ROOT / d).glob("[0-9][0-9]_*.ipynb"))]
    if only:
        keep = {s.strip() for s in only.split(",")}
        paths = [p for p in paths if p.name[:2] in keep]
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated chapter numbers")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks executed in parallel")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error(f"--runs must be >= 1, got {args.runs}")
    paths = notebooks(args.only)
    t0 = time.perf_counter()
    bad = 0
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for path, n_out, report, times in pool.map(check, paths, [args.runs] * len(paths)):
            rel = path.relative_to(ROOT)
            status = "identical" if not report else "DIFFERS"
            print(f"{rel}: {n_out} outputs, {args.runs} runs ({', '.join(f'{t:.1f}' for t in times)} s): {status}")
            for line in report:
                print(f"    {line}")
            bad += bool(report)
    print(f"{len(paths)} notebooks x {args.runs} runs in {time.perf_counter() - t0:.0f} s: "
          + ("all outputs identical to the committed ones" if not bad else f"{bad} notebook(s) differ"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
