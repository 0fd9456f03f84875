#!/usr/bin/env python
"""Autograder throughput: time to grade a class of submissions of homework 01.

    python bench/grader_throughput.py [--n 300] [--jobs N] [--serial 30] [--set 01_intercalation]

Builds N submissions from the solution notebook (hidden tests removed, as a
student's filled-in exercise would be), each with its own student id; one in
ten has a typical slip (a wrong sign) and one in twenty a cell that raises,
so the batch exercises diagnosis and error reporting too. Grades them with
the same code path as ``echemlab-grade`` (fresh sandboxed kernel per
submission, parallel across cores) and writes bench/results/grader.md.
Target: <= 120 s per 100 submissions on a 2-core machine. To show that a
class of a few hundred uses all cores, it also reports the machine's CPU busy
fraction during the batch (from /proc/stat) and the speed-up over grading the
first ``--serial`` submissions with one kernel at a time, in the same process.
"""
import argparse
import csv
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 120.0


def make_submissions(folder, stem, n):
    import nbformat

    from echemlab.homework.notebook import filled_submission
    sol = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
    for k in range(n):
        nb = filled_submission(sol, f"bench-{k:03d}")
        if k % 10 == 3:
            c = next(c for c in nb.cells if c.get("id") == "q2-answer")
            c.source = c.source.replace('hw.check("q2", Tc)', 'hw.check("q2", -Tc)')
        if k % 20 == 7:
            c = next(c for c in nb.cells if c.get("id") == "q5-answer")
            c.source = "1 / 0\n" + c.source
        nbformat.write(nb, folder / f"student_{k:03d}.ipynb")


def cpu_times():
    """(busy, total) jiffies of the whole machine, from /proc/stat (None elsewhere)."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def busy_fraction(before, after):
    if before is None or after is None or after[1] == before[1]:
        return float("nan")
    return (after[0] - before[0]) / (after[1] - before[1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--serial", type=int, default=30, help="grade this many with --jobs 1 for the speed-up")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--set", default="01_intercalation")
    args = ap.parse_args(argv)
    # the grader's CLI pins these too: one BLAS thread per kernel, fixed hash seed
    for k, v in {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}.items():
        if os.environ.get(k) != v:
            os.environ[k] = v
            os.execv(sys.executable, [sys.executable, *sys.argv])
    from echemlab.homework import grader as G

    with tempfile.TemporaryDirectory(prefix="echemlab-bench-") as tmp:
        tmp = Path(tmp)
        subs, out = tmp / "submissions", tmp / "out"
        subs.mkdir()
        make_submissions(subs, args.set, args.n)
        cfg = G.Config(args.set, ROOT / "solutions" / f"{args.set}.ipynb", jobs=args.jobs)
        serial_per = None
        if args.serial:
            one = tmp / "serial"
            one.mkdir()
            for f in sorted(subs.glob("*.ipynb"))[:args.serial]:
                (one / f.name).write_bytes(f.read_bytes())
            cfg1 = G.Config(args.set, ROOT / "solutions" / f"{args.set}.ipynb", jobs=1)
            t0 = time.perf_counter()
            G.grade_folder(one, cfg1, tmp / "out-serial", progress=False)
            serial_per = (time.perf_counter() - t0) / args.serial
        load0, cpu0 = os.getloadavg()[0], cpu_times()
        t0 = time.perf_counter()
        rows = G.grade_folder(subs, cfg, out, progress=False)
        wall = time.perf_counter() - t0
        load1, cpu1 = os.getloadavg()[0], cpu_times()
        with open(out / "grades.csv", newline="") as fh:
            table = list(csv.DictReader(fh))
    statuses = {}
    for r in table:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    full = sum(1 for r in rows if r["total"] == 12)
    ok = wall <= TARGET_S * args.n / 100
    text = "\n".join([
        "## Grader throughput", "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
        f"{cfg.jobs} parallel kernels.", "",
        "| submissions | wall time | per submission | target | |", "|---|---|---|---|---|",
        f"| {len(rows)} ({args.set}) | {wall:.1f} s | {wall / max(1, len(rows)):.2f} s | "
        f"<= {TARGET_S * args.n / 100:.0f} s | {'PASS' if ok else 'FAIL'} |", "",
        f"Rows by status: {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}; "
        f"{full} with full marks. Each submission ran in a fresh sandboxed kernel "
        "(forked from a warm zygote) with per-cell, total-time and memory limits.", "",
        f"All cores: the machine's CPUs were {100 * busy_fraction(cpu0, cpu1):.0f} % busy during the batch "
        f"({cfg.jobs} kernels on {os.cpu_count()} cores)"
        + (f"; one kernel at a time took {serial_per:.2f} s per submission (first {args.serial}), "
           f"so the parallel batch is {serial_per / (wall / max(1, len(rows))):.2f}x faster."
           if serial_per else "."), "",
        f"Load average (1 min) before/after: {load0:.1f} / {load1:.1f} on {os.cpu_count()} cores "
        "(other work on the machine slows the grader down proportionally).",
        "", "Command: `python bench/grader_throughput.py`", ""])
    res = ROOT / "bench" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "grader.md").write_text(text)
    sys.path.insert(0, str(ROOT / "bench"))
    import summary
    n = len(rows)
    summary.record("grader", [
        summary.row(f"grade {n} submissions ({args.set}), {cfg.jobs} kernels", f"{wall:.0f} s",
                    f"<= {TARGET_S * n / 100:.0f} s (2 min per 100)", ok,
                    f"one kernel at a time: {serial_per:.2f} s/submission, parallel "
                    f"{wall / max(1, n):.2f} s ({serial_per / (wall / max(1, n)):.2f}x); CPUs "
                    f"{100 * busy_fraction(cpu0, cpu1):.0f} % busy" if serial_per else "")])
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
