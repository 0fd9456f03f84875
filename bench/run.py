#!/usr/bin/env python
"""Benchmarks (not tests): ``make bench`` or ``python bench/run.py [--quick]``.

Measures, on this machine, with medians and ratios against a reference run
in the same process:

* ``import echemlab`` in a fresh interpreter (reference: bare interpreter start);
* every explorer's headless update (model + blitted redraw on the Agg canvas)
  over realistic single slider steps, and the full frame including PNG
  encoding (reference: a full ``canvas.draw()`` of the same figure);
* executing every notebook top to bottom (nbclient, fresh kernel each);
* the chapter benchmarks in bench/ (grader, Pourbaix, Nernst-Planck, browser
  latency), run as scripts when present, their reports collected.

Writes BENCHMARKS.md.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import summary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGETS = {"explorer": 16.0, "import": 0.3, "course": 120.0, "browser": 100.0, "grader": 120.0}


def machine():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def bench_import(repeat=9):
    def run(code):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t0

    ref = statistics.median(run("pass") for _ in range(repeat))
    imp = statistics.median(run("import echemlab") for _ in range(repeat))
    sub = statistics.median(run("import echemlab.nernst, echemlab.intercalation") for _ in range(repeat))
    return {"bare": ref, "echemlab": imp - ref, "models": sub - ref}


def _steps(ex, n_per_param=20):
    """Realistic slider steps: from the default, walk each parameter by its step."""
    seq = []
    for p in ex.params:
        d = p.display(ex.values[p.name])
        direction = 1 if d + n_per_param * p.step <= p.max else -1
        for k in range(1, n_per_param + 1):
            val = d + direction * k * p.step
            if p.log:
                val = d * (p.max / d) ** (k / n_per_param) if direction > 0 else d * (p.min / d) ** (k / n_per_param)
            seq.append((p.name, p.si(min(max(val, p.min), p.max))))
        seq.append((p.name, p.si(d)))  # back to the default before the next parameter
    return seq


def bench_explorers(n_per_param=20):
    import matplotlib

    matplotlib.use("Agg")
    from echemlab.explorers import all_explorers

    rows = []
    for chapter, cls in all_explorers():
        ex = cls()
        upd, frame = [], []
        for name, val in _steps(ex, n_per_param):
            t0 = time.perf_counter()
            ex.update(**{name: val})
            t1 = time.perf_counter()
            ex.png()
            t2 = time.perf_counter()
            upd.append(t1 - t0)
            frame.append(t2 - t0)
        full = []
        for _ in range(15):
            t0 = time.perf_counter()
            ex.canvas.draw()
            full.append(time.perf_counter() - t0)
        rows.append({"chapter": chapter, "name": cls.__name__, "update_ms": 1e3 * statistics.median(upd),
                     "p90_ms": 1e3 * sorted(upd)[int(0.9 * len(upd))],
                     "frame_ms": 1e3 * statistics.median(frame), "full_ms": 1e3 * statistics.median(full),
                     "steps": len(upd)})
    return rows


def bench_notebooks():
    import nbformat
    from nbclient import NotebookClient

    out = []
    for d in ("notebooks", "solutions"):
        for path in sorted((ROOT / d).glob("[0-9][0-9]_*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            t0 = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            out.append((f"{d}/{path.name}", time.perf_counter() - t0))
    return out


def run_script(script, args=(), python=None):
    path = ROOT / "bench" / script
    if not path.exists():
        return f"(not present: bench/{script})"
    t0 = time.perf_counter()
    res = subprocess.run([python or sys.executable, str(path), *args], cwd=ROOT, capture_output=True, text=True)
    status = "ok" if res.returncode == 0 else f"exit {res.returncode}"
    tail = (res.stdout + res.stderr).strip().splitlines()[-15:]
    return f"bench/{script}: {status} in {time.perf_counter() - t0:.0f} s\n\n```\n" + "\n".join(tail) + "\n```"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip notebook execution and the chapter scripts")
    args = ap.parse_args(argv)
    lines = ["# Benchmarks", "", "Generated by `make bench` (bench/run.py). Not tests: numbers on the machine below.",
             "", f"**Machine:** {machine()}", ""]
    imp = bench_import()
    lines += ["## import echemlab", "",
              "| what | median [s] | target [s] |", "|---|---|---|",
              f"| bare interpreter start (reference) | {imp['bare']:.3f} | |",
              f"| `import echemlab` beyond the reference | {imp['echemlab']:.3f} | <= {TARGETS['import']} |",
              f"| `import echemlab.nernst, echemlab.intercalation` beyond the reference | {imp['models']:.3f} | |", ""]
    rows = bench_explorers()
    lines += ["## Explorer update, headless", "",
              "Realistic single slider steps (20 per parameter, from the default). `update` = model + redraw on the",
              "Agg canvas (blitted), `frame` = update + PNG encoding (what one slider step costs the kernel),",
              "`full redraw` = a plain `canvas.draw()` of the same figure (the reference; ratio = full / update).", "",
              "| ch | explorer | update median [ms] | p90 [ms] | frame median [ms] | full redraw [ms] "
              "| ratio | target |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ok = "ok" if r["update_ms"] <= TARGETS["explorer"] else "MISSED"
        lines.append(f"| {r['chapter']} | {r['name']} | {r['update_ms']:.2f} | {r['p90_ms']:.1f} "
                     f"| {r['frame_ms']:.1f} | "
                     f"{r['full_ms']:.1f} | {r['full_ms'] / r['update_ms']:.0f}x | <= 16 ms {ok} |")
    lines.append("")
    summary.record("import", [summary.row("`import echemlab` (fresh interpreter, beyond a bare start)",
                                          f"{imp['echemlab'] * 1e3:.0f} ms", f"<= {TARGETS['import']} s",
                                          imp["echemlab"] <= TARGETS["import"],
                                          f"bare interpreter start {imp['bare'] * 1e3:.0f} ms")])
    worst = max(rows, key=lambda r: r["update_ms"])
    summary.record("explorers", [summary.row(
        f"explorer update, headless: slowest of {len(rows)} explorers' medians ({worst['name']})",
        f"{worst['update_ms']:.1f} ms", f"<= {TARGETS['explorer']:.0f} ms median",
        all(r["update_ms"] <= TARGETS["explorer"] for r in rows),
        f"its full canvas.draw() {worst['full_ms']:.0f} ms; per explorer in the table below")])
    if not args.quick:
        nbs = bench_notebooks()
        total = sum(t for _, t in nbs)
        lines += ["## Executing the course", "", "| notebook | seconds |", "|---|---|"]
        lines += [f"| {name} | {t:.1f} |" for name, t in nbs]
        lines += [f"| **total** | **{total:.1f}** (target <= {TARGETS['course']:.0f} s) |", ""]
        summary.record("course", [summary.row(
            f"execute the whole course ({len(nbs)} lectures and homework solutions, one after another)",
            f"{total:.0f} s", f"<= {TARGETS['course']:.0f} s", total <= TARGETS["course"],
            f"slowest: {max(nbs, key=lambda x: x[1])[0]} {max(t for _, t in nbs):.1f} s")])
        lines += ["## Chapter and delivery benchmarks", ""]
        # the pymatgen comparison needs pymatgen, which is not a dependency of the course:
        # point ECHEMLAB_PMG_PYTHON at an interpreter that has it (see bench/bench_pourbaix.py)
        pmg = os.environ.get("ECHEMLAB_PMG_PYTHON")
        scripts = ["grader_throughput.py", "bench_pourbaix.py", "bench_nernst_planck.py"]
        if Path("/usr/bin/chromium").exists():  # the real-browser latency needs Chromium
            scripts.append("browser_latency.py")
        for script in scripts:
            lines += [run_script(script, python=pmg if script == "bench_pourbaix.py" else None), ""]
    for res in sorted(RESULTS.glob("*.md")):
        lines += [f"### From bench/results/{res.name}", "", res.read_text().strip(), ""]
    # the one table: every target beside its result (rows from this run and the scripts' last runs)
    head = ["## Results against the targets", "",
            "Targets from COURSE.md and the issues; `reference` is the comparison run in the same process.", "",
            summary.table(summary.load_all()), ""]
    lines[6:6] = head
    text = "\n".join(lines) + "\n"
    (ROOT / "BENCHMARKS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
