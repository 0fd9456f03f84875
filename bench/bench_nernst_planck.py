"""Benchmark of the time-dependent electroneutral Nernst-Planck solver (chapter 11).

Target (issue #8): the steady liquid-junction potential within 0.1 mV of the
analytic value in under 1 s. Cases: 0.1 M HCl | 0.1 M KCl (Henderson =
Planck = Lewis-Sargent, exact), 0.1 M HCl | 3.5 M KCl (a salt bridge; the
steady state is Planck's, Henderson differs) and 0.01 M NaCl | 0.1 M NaCl
(binary salt, transference-number formula).

    python bench/bench_nernst_planck.py [--repeat 5]

Prints, per case, the median wall time of `liquid_junction` and the error
of its steady E_j against the analytic value.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

from echemlab import transport as tr

CASES = [
    ("0.1 M HCl | 0.1 M KCl", ["H+", "K+", "Cl-"], [100, 0, 100], [0, 100, 100], "planck"),
    ("0.1 M HCl | 3.5 M KCl", ["H+", "K+", "Cl-"], [100, 0, 100], [0, 3500, 3500], "planck"),
    ("0.01 M NaCl | 0.1 M NaCl", ["Na+", "Cl-"], [10, 10], [100, 100], "planck"),
]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--n-cells", type=int, default=60)
    args = ap.parse_args(argv)
    ok = True
    worst_t, worst_err = 0.0, 0.0
    print(f"{'case':28s} {'median [ms]':>11s} {'E_j solver [mV]':>16s} {'analytic [mV]':>14s} "
          f"{'error [mV]':>11s} {'Henderson [mV]':>15s}")
    for name, ions, cl, cr, _ in CASES:
        z, D = tr.ion_properties(ions)
        exact = tr.planck_ljp(cl, cr, z, D)
        hend = tr.henderson_ljp(cl, cr, z, D)
        times, sol = [], None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            sol = tr.liquid_junction(cl, cr, z, D, n_cells=args.n_cells)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        err = (sol.E_j[-1] - exact) * 1e3
        ok &= abs(err) < 0.1 and med < 1.0
        worst_t, worst_err = max(worst_t, med), max(worst_err, abs(err))
        print(f"{name:28s} {med * 1e3:11.1f} {sol.E_j[-1] * 1e3:16.4f} {exact * 1e3:14.4f} "
              f"{err:+11.4f} {hend * 1e3:15.4f}")
    print("target: |error| < 0.1 mV and median < 1 s:", "met" if ok else "NOT met")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import summary
    summary.record("nernst_planck", [
        summary.row(f"Nernst-Planck liquid junction to steady state ({len(CASES)} cases), slowest median",
                    f"{worst_t * 1e3:.0f} ms", "< 1 s", worst_t < 1.0, "Planck's analytic E_j"),
        summary.row("  its largest error against Planck's analytic E_j", f"{worst_err:.4f} mV", "< 0.1 mV",
                    worst_err < 0.1)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
