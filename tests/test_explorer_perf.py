"""The fast paths of the chapter 07 and 11 explorers agree with the full computation.

No timing asserts (bench/run.py measures speed); here only correctness, with
stated tolerances:

* JunctionExplorer (ch. 11) interpolates a table of full Nernst-Planck solves
  over the ratio r = [KCl]/[HCl]. That is exact in principle because the
  electroneutral Nernst-Planck problem is homogeneous of degree one in the
  concentrations (checked below); the only approximation is the cubic
  interpolation in log10 r, which stays within 0.6 mV of a direct solve in
  E_j(t) and is as accurate as the direct 40-cell solve against a converged
  320-cell reference.
* StainlessExplorer (ch. 07) warm-starts the convex Gibbs minimization from the
  nearest solved composition; the minimum is unique, so warm and cold solves
  agree to the solver tolerance. On the first step of a slider it solves that
  slider's whole line (Cr, Ni: one vectorized call over the compositions);
  those states equal single-composition cold solves.
"""
import numpy as np
import pytest

from echemlab import pourbaix as pb
from echemlab import transport as tr

LENGTH, T_END = 1e-3, 1000.0


def _solve(c_hcl, c_kcl, **kw):
    z, D = tr.ion_properties(["H+", "K+", "Cl-"])
    opts = {"n_cells": 40, "n_times": 81, "rtol": 1e-5, "atol": 1e-9}
    opts.update(kw)
    return tr.liquid_junction([c_hcl, 0.0, c_hcl], [0.0, c_kcl, c_kcl], z, D, length=LENGTH, t_end=T_END,
                              **opts)


def test_junction_problem_is_scale_free():
    # scaling both reservoirs by s scales c by s and leaves phi unchanged (zero-current
    # electroneutral Nernst-Planck is homogeneous of degree 1 in c); the solver
    # normalizes by the largest concentration, so this holds to the integrator tolerance
    # (rtol 1e-5; rounding changes its adaptive steps), far below the 0.6 mV below
    a, b = _solve(1.0, 3.7), _solve(250.0, 925.0)
    assert np.max(np.abs(a.E_j - b.E_j)) < 1e-6
    assert np.max(np.abs(250.0 * a.c - b.c)) < 1e-4 * 925.0
    assert np.allclose(a.x, b.x, rtol=1e-12, atol=0) and np.allclose(a.t, b.t, rtol=1e-12, atol=0)


@pytest.fixture(scope="module")
def junction():
    import matplotlib

    matplotlib.use("Agg")
    from echemlab.explorers.transport import JunctionExplorer

    ex = JunctionExplorer()
    ex._build_table()
    return ex


# off-node pairs across the whole slider range of log10 r = [-3, 3.62], including the
# worst case found in a 40-point sweep (1000 | 5.004 mM) and both range ends
PAIRS = [(1000.0, 1.0), (1000.0, 5.004), (1000.0, 49.3), (317.0, 100.0), (100.0, 105.0),
         (30.0, 143.5), (30.0, 1414.0), (1.0, 216.6), (2.5, 4200.0), (1.0, 4200.0)]


@pytest.mark.parametrize("c_hcl, c_kcl", PAIRS)
def test_junction_table_matches_direct_solver(junction, c_hcl, c_kcl):
    fast = junction._interp(c_hcl, c_kcl)
    full = _solve(c_hcl, c_kcl)
    z, D = tr.ion_properties(["H+", "K+", "Cl-"])
    assert np.allclose(fast["t"], full.t, rtol=1e-12, atol=0)
    # E_j(t) at every output time shown (t >= 0.1 s): within 0.6 mV (sweep max 0.54 mV,
    # typically < 0.1 mV); the 40-cell solver itself differs from a converged one by up to ~1 mV
    assert np.max(np.abs(fast["E_j"] - full.E_j)[1:]) < 0.6e-3
    # steady state (t = 1000 s): profiles within 0.5 % of the reservoir concentrations
    scale = np.array([c_hcl, c_kcl, max(c_hcl, c_kcl)])[:, None]
    assert np.max(np.abs(fast["c"][-1] - full.c[-1]) / scale) < 5e-3
    # cell centres: the solver grid switches to uniform for |ln r| < 0.1, so within 5 um of 1 mm
    assert np.max(np.abs(fast["x"] - full.x)) < 5e-6
    # the analytic values: Henderson is evaluated directly, Planck interpolated (< 1 uV)
    cl, cr = [c_hcl, 0.0, c_hcl], [0.0, c_kcl, c_kcl]
    assert fast["henderson"] == pytest.approx(tr.henderson_ljp(cl, cr, z, D), rel=1e-12)
    assert abs(fast["planck"] - tr.planck_ljp(cl, cr, z, D)) < 1e-6
    # the explorer state itself comes from the table and is consistent with it
    r = junction.update(c_HCl=c_hcl, c_KCl=c_kcl, t=T_END)
    assert r["E"] == pytest.approx(fast["E_j"][-1], abs=1e-12)


@pytest.mark.parametrize("c_hcl, c_kcl", [(1000.0, 5.004), (1.0, 216.6)])
def test_junction_table_as_accurate_as_direct_solver(junction, c_hcl, c_kcl):
    # against a converged reference (320 cells, tight tolerances) the interpolated
    # transient is as good as the direct 40-cell solve the explorer used before
    ref = _solve(c_hcl, c_kcl, n_cells=320, rtol=1e-7, atol=1e-11)
    fast = junction._interp(c_hcl, c_kcl)
    full = _solve(c_hcl, c_kcl)
    err_fast = np.max(np.abs(fast["E_j"] - ref.E_j)[1:])
    err_full = np.max(np.abs(full.E_j - ref.E_j)[1:])
    assert err_fast < err_full + 0.05e-3

    scale = np.array([c_hcl, c_kcl, max(c_hcl, c_kcl)])

    def cerr(c, x):
        late = np.nonzero(ref.t >= 10.0)[0]
        return max(np.max(np.abs(c[k, i] - np.interp(x, ref.x, ref.c[k, i]))) / scale[i]
                   for k in late for i in range(3))

    assert cerr(fast["c"], fast["x"]) < cerr(full.c, full.x) + 0.01


def test_junction_steps_reuse_the_table(junction):
    n0 = junction.n_solves
    for c in (110.0, 121.0, 133.1, 146.4):
        junction.update(c_HCl=c)
    for c in (200.0, 400.0, 3000.0):
        junction.update(c_KCl=c)
    junction.update(t=3.0)
    assert junction.n_solves == n0


STATES = [(0.16, 0.08, -6.0), (0.14, 0.08, -6.0), (0.14, 0.06, -6.0), (0.14, 0.06, -7.0), (0.0, 0.08, -6.0),
          (0.40, 0.20, -2.0)]


def _cold(cr, ni, log_a):
    from echemlab.explorers.pourbaix import StainlessExplorer, _restrict, stainless_solutions

    comp = {k: v for k, v in {"Fe": 1.0 - cr - ni, "Cr": cr, "Ni": ni}.items() if v > 1e-9}
    ap = pb.AlloyPourbaix(comp, solutions=_restrict(stainless_solutions(), comp), ion_activity=10.0 ** log_a)
    g = ap.grid(StainlessExplorer.PH, StainlessExplorer.E)
    pfe = pb.Pourbaix("Fe", ion_activity=10.0 ** log_a)
    film_fe = np.isin(np.array(pfe.names)[pfe.grid(StainlessExplorer.PH, StainlessExplorer.E)],
                      ["Fe3O4", "Fe2O3", "Fe(OH)2", "Fe(OH)3"]).astype(float)
    return g, film_fe


def test_stainless_warm_start_matches_cold_solve():
    import matplotlib

    matplotlib.use("Agg")
    from echemlab.explorers.pourbaix import StainlessExplorer

    ex = StainlessExplorer()
    for cr, ni, log_a in STATES:   # a walk: each state warm-starts from its neighbour
        r = ex.update(cr=cr, ni=ni, log_a=log_a)
        g, film_fe = _cold(cr, ni, log_a)
        # unique minimum: warm and cold agree to the solver tolerance (measured ~3e-6)
        assert np.max(np.abs(r["film"] - g["film"])) < 1e-4
        assert np.array_equal(r["col_fe"], film_fe[:, np.argmin(np.abs(ex.PH - r["pH"]))])
        # phase labels (threshold 1e-3 on each phase fraction) agree almost everywhere
        film, _fe, labels = ex._maps(cr, ni, log_a)
        assert np.mean(labels == g["labels"]) > 0.995


def test_stainless_slider_line_is_precomputed_and_matches_cold_solves():
    import matplotlib

    matplotlib.use("Agg")
    from echemlab.explorers.pourbaix import StainlessExplorer

    ex = StainlessExplorer()
    n0 = len(ex._cache)
    ex.update(cr=0.16)                         # first Cr step: the whole Cr line at Ni 8 %, log a -6
    crs = [round(0.02 * i, 4) for i in range(21)]
    assert all((c, 0.08, -6.0) in ex._cache for c in crs)
    n1 = len(ex._cache)
    assert n1 >= n0 + 20
    for c in (0.14, 0.12, 0.02, 0.0, 0.40, 0.18):   # later Cr steps only read the cache
        ex.update(cr=c)
    assert len(ex._cache) == n1
    ex.update(ni=0.06)                         # first Ni step: the Ni line at Cr 18 %
    assert all((0.18, round(0.02 * i, 4), -6.0) in ex._cache for i in range(11))
    ex.update(log_a=-7.0)                      # first activity step: the activity line
    assert all((0.18, 0.06, float(a)) in ex._cache for a in range(-8, -1))
    for cr, ni, log_a in [(0.02, 0.08, -6.0), (0.30, 0.08, -6.0), (0.0, 0.08, -6.0), (0.18, 0.0, -6.0),
                          (0.18, 0.20, -6.0), (0.18, 0.06, -2.0), (0.18, 0.06, -8.0)]:
        film, film_fe, labels = ex._maps(cr, ni, log_a)
        g, fe_ref = _cold(cr, ni, log_a)
        assert np.max(np.abs(film - g["film"])) < 1e-4      # warm-started batch vs cold single solve
        assert np.array_equal(film_fe, fe_ref)
        assert np.mean(labels == g["labels"]) > 0.995
    # the readout column's labels are the map's labels at the cut
    r = ex.update(cr=0.30, ni=0.08, log_a=-6.0, pH=5.0)
    j = int(np.argmin(np.abs(ex.PH - 5.0)))
    assert list(r["labels"]) == list(ex._maps(0.30, 0.08, -6.0)[2][:, j])
