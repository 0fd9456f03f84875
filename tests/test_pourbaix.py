"""Tests of the Pourbaix engine (chapter 07).

Expected values come from outside the code: Pourbaix's Atlas boundary
equations (Pourbaix 1974, as tabulated in NPTEL lecture 25), the ion product
of water (Marshall & Franck 1981), the NBS tables' own enthalpy/entropy
(third-law route against the tabulated Gibbs energy), closed forms (ideal
mixing), and independent numerical methods (polygon clipping vs grid argmin,
scipy's linear programming vs the dual Newton solver)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from echemlab import data
from echemlab import pourbaix as pb
from echemlab.constants import LN10, F, R

TAB = pb.species_table()
ATLAS_W = TAB["atlas:H2O"]
CHECK = data.load_table("pourbaix_checks")
finite = dict(allow_nan=False, allow_infinity=False)


def atlas(name):
    return TAB[f"atlas:{name}"]


# ---- data ---------------------------------------------------------------------

def test_every_species_row_is_consistent_third_law():
    # dGf = dHf - T dSf with dSf from the tabulated entropies (NBS tables) to table rounding
    n = 0
    for key, s in TAB.items():
        if s.T_exact:
            n += 1
            assert (s.dHf - s.dGf) / 298.15 == pytest.approx(s.dSf, abs=2.0), key
    assert n >= 25


def test_required_elements_present():
    for el in ("Fe", "Cr", "Ni", "Cu", "Zn"):
        sp, w = pb.load_species(el)
        assert any(s.is_aqueous for s in sp) and any(s.phase == "s" and s.nO > 0 for s in sp)
        assert w.name == "H2O"


# ---- Nernst slope and water ------------------------------------------------------

def test_nernst_slope_textbook():
    # 2.303 RT/F = 59.16 mV at 25 degC (Bard & Faulkner 2001)
    assert pb.nernst_slope(298.15) == pytest.approx(0.05916, abs=5e-6)
    assert pb.nernst_slope(373.15) / pb.nernst_slope(298.15) == pytest.approx(373.15 / 298.15, rel=1e-14)


def test_oxygen_line_standard_potential():
    # E0(O2/H2O) = 1.229 V (Bard & Faulkner 2001, Table C.1)
    _, e_o = pb.water_lines(0.0)
    assert e_o == pytest.approx(1.229, abs=1e-3)


@pytest.mark.parametrize("key", ["pkw_273", "pkw_298", "pkw_323", "pkw_348", "pkw_373"])
def test_ion_product_of_water_vs_marshall_franck(key):
    # the temperature machinery (dHf, S, Cp) against measured pKw; constant dCp drifts by < 0.05 at 100 degC
    row = CHECK[key]
    T = row["T"]
    dG = TAB["nbs82:OH-"].gibbs_formation(T) - TAB["nbs82:H2O"].gibbs_formation(T)
    assert dG / (R * T * LN10) == pytest.approx(row["value"], abs=0.05)


# ---- Pourbaix's Atlas, Fe-H2O --------------------------------------------------------

def test_atlas_fe2_fe():
    r = pb.reaction(atlas("Fe2+"), atlas("Fe"), water=ATLAS_W)
    assert r["n"] == 2 and r["h"] == 0
    assert r["E0"] == pytest.approx(CHECK["atlas_Fe2+_Fe_E0"]["value"], abs=1e-3)
    e0, s = pb.boundary_line(atlas("Fe2+"), atlas("Fe"), water=ATLAS_W, activity=1e-6)
    assert e0 == pytest.approx(-0.440 + 0.0295 * -6, abs=1.5e-3) and s == 0.0


def test_atlas_magnetite_lines():
    e0, s = pb.boundary_line(atlas("Fe3O4"), atlas("Fe"), water=ATLAS_W)
    assert e0 == pytest.approx(CHECK["atlas_Fe3O4_Fe_E0"]["value"], abs=1e-3)
    assert s == pytest.approx(CHECK["atlas_Fe3O4_Fe_slope_pH"]["value"], abs=2e-4)
    for log_a in (0.0, -6.0):
        e0, s = pb.boundary_line(atlas("Fe3O4"), atlas("Fe2+"), water=ATLAS_W, activity=10 ** log_a)
        expect = CHECK["atlas_Fe3O4_Fe2+_E0"]["value"] + CHECK["atlas_Fe3O4_Fe2+_slope_log"]["value"] * log_a
        assert e0 == pytest.approx(expect, abs=3e-3)
        assert s == pytest.approx(CHECK["atlas_Fe3O4_Fe2+_slope_pH"]["value"], abs=5e-4)


def test_atlas_ferric_ferrous():
    assert pb.reaction(atlas("Fe3+"), atlas("Fe2+"), water=ATLAS_W)["E0"] == pytest.approx(0.771, abs=1e-3)


def test_nbs_and_atlas_disagree_on_fe2():
    # NBS -78.90 kJ/mol gives -0.409 V, the Atlas -0.440 V, Parker & Khodakovskii (1995) -0.469 V
    e_nbs = pb.reaction(TAB["nbs82:Fe2+"], TAB["nbs82:Fe"])["E0"]
    e_pk = CHECK["pk1995_Fe2+_dGf"]["value"] / (2 * F)
    assert e_nbs == pytest.approx(-78900 / (2 * F), rel=1e-12)
    assert 0.025 < (e_nbs - (-0.440)) < 0.040
    assert e_pk == pytest.approx(-0.469, abs=1e-3)


def test_fe2_fe_temperature_coefficient_two_routes():
    # route 1: finite difference of the boundary; route 2: dE0/dT = dS_rxn/(nF) from the entropies,
    # with dS_rxn of Fe2+ + 2e- -> Fe equal to -dSf(Fe2+) (hydrogen-ion convention)
    fe2, fe = TAB["nbs82:Fe2+"], TAB["nbs82:Fe"]
    h = 0.01
    num = (pb.boundary_line(fe2, fe, T=310 + h, activity=1.0)[0]
           - pb.boundary_line(fe2, fe, T=310 - h, activity=1.0)[0]) / (2 * h)
    assert num == pytest.approx(-fe2.dSf / (2 * F), rel=1e-5)


# ---- grid vs exact domains ------------------------------------------------------------

def _inside(poly, p, margin):
    # convex polygon (either orientation): p inside by at least margin
    sgn = []
    for k in range(len(poly)):
        a, b = poly[k], poly[(k + 1) % len(poly)]
        e = b - a
        cross = e[0] * (p[1] - a[1]) - e[1] * (p[0] - a[0])
        sgn.append(cross / max(np.hypot(*e), 1e-300))
    sgn = np.array(sgn)
    return bool(np.all(sgn > margin) or np.all(sgn < -margin))


@pytest.mark.parametrize("dataset, log_a, T", [("atlas", -6, 298.15), ("nbs82", -6, 298.15),
                                               ("nbs82", -2, 360.0), ("nbs82", -8, 280.0)])
def test_grid_and_polygons_agree(dataset, log_a, T):
    p = pb.Pourbaix("Fe", dataset=dataset, T=T, ion_activity=10 ** log_a)
    pH = np.linspace(-2, 16, 241)
    E = np.linspace(-2, 2, 201)
    idx = p.grid(pH, E)
    doms = p.domains((-2, 16), (-2, 2))
    areas = {n: 0.5 * abs(np.dot(q[:, 0], np.roll(q[:, 1], -1)) - np.dot(q[:, 1], np.roll(q[:, 0], -1)))
             for n, q in doms.items()}
    assert sum(areas.values()) == pytest.approx(18 * 4, rel=1e-9)  # the domains tile the box
    checked = 0
    for ie in range(0, E.size, 7):
        for ip in range(0, pH.size, 7):
            name = p.names[idx[ie, ip]]
            owners = [n for n, q in doms.items() if _inside(q, np.array([pH[ip], E[ie]]), 1e-6)]
            if owners:
                assert owners == [name]
                checked += 1
    assert checked > 600


def test_boundary_segments_are_ties():
    p = pb.Pourbaix("Cu")
    for a, b, seg in p.boundaries():
        mid = seg.mean(axis=0)
        en = p.energies(mid[0], mid[1])
        ia, ib = p.names.index(a), p.names.index(b)
        assert en[ia] == pytest.approx(en[ib], abs=1e-6)
        assert en[ia] <= en.min() + 1e-6


def test_zinc_amphoteric_window():
    # ZnO is stable only in a middle pH window at 1e-6, with Zn2+ below and zincate above
    p = pb.Pourbaix("Zn")
    assert p.stable(4.0, 0.0) == "Zn2+"
    assert p.stable(10.0, 0.0) in ("ZnO", "Zn(OH)2")
    assert p.stable(15.0, 0.0) in ("HZnO2-", "ZnO2-2")
    assert p.stable(7.0, -1.5) == "Zn"


# ---- properties ---------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(pH=st.floats(-2, 16, **finite), E=st.floats(-2, 2, **finite), T=st.floats(250, 400, **finite),
       log_a=st.floats(-8, 0, **finite))
def test_transformed_gibbs_is_the_legendre_transform(pH, E, T, log_a):
    # dG'/dpH = -(2b - c) RT ln10 and dG'/dE = -(2b - c + z) F for every species
    for key in ("nbs82:Fe(OH)2+", "nbs82:HCrO4-", "nbs82:Fe3O4", "nbs82:CuO2-2"):
        s = TAB[key]
        g = lambda a, b, s=s: pb.transformed_gibbs(s, a, b, T=T, activity=10 ** log_a)
        assert (g(pH + 1, E) - g(pH, E)) == pytest.approx(-s.n_protons * R * T * LN10, rel=1e-7, abs=1e-6)
        assert (g(pH, E + 0.5) - g(pH, E)) / 0.5 == pytest.approx(-s.n_electrons * F, rel=1e-7, abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(shift=st.floats(-5e4, 5e4, **finite), seed=st.integers(0, 10_000))
def test_diagram_invariant_to_common_shift_and_random_species(shift, seed):
    # random affine species: grid argmin = membership of the exact polygons; a common
    # per-metal-atom shift of all energies changes nothing
    rng = np.random.default_rng(seed)
    sp = [pb.make_species(f"s{i}", f"Fe{rng.integers(1, 3)}O{rng.integers(0, 4)}", 0,
                          float(rng.uniform(-8e5, 0)), phase="s") for i in range(5)]
    p = pb.Pourbaix(sp)
    shifted = [pb.make_species(s.name, "".join(f"{e}{n}" for e, n in s.counts.items()), 0,
                               s.dGf + shift * s.n_metal, phase="s") for s in sp]
    q = pb.Pourbaix(shifted)
    pH, E = np.linspace(-2, 16, 37), np.linspace(-2, 2, 29)
    assert np.array_equal(p.grid(pH, E), q.grid(pH, E))
    doms = p.domains()
    idx = p.grid(pH, E)
    for ie in range(E.size):
        for ip in range(pH.size):
            owners = [n for n, poly in doms.items() if _inside(poly, np.array([pH[ip], E[ie]]), 1e-6)]
            if owners:
                assert owners == [p.names[idx[ie, ip]]]


@settings(max_examples=30, deadline=None)
@given(pH=st.floats(-2, 16, **finite), T=st.floats(250, 450, **finite))
def test_water_lines_parallel_and_gap(pH, T):
    eh, eo = pb.water_lines(pH, T)
    assert eo - eh == pytest.approx(-TAB["nbs82:H2O"].gibbs_formation(T) / (2 * F), rel=1e-12)
    eh2, _ = pb.water_lines(pH + 1, T)
    assert eh - eh2 == pytest.approx(pb.nernst_slope(T), rel=1e-9)


# ---- bad input ------------------------------------------------------------------------------

def test_bad_input_errors():
    with pytest.raises(ValueError, match="unknown element 'Xx'"):
        pb.Pourbaix("Xx")
    with pytest.raises(ValueError, match="unbalanced brackets"):
        pb.parse_formula("Fe(OH")
    with pytest.raises(ValueError, match="unbalanced brackets"):
        pb.parse_formula("FeOH)2")
    with pytest.raises(ValueError, match="not elements"):
        pb.parse_formula("Fe-2")
    with pytest.raises(ValueError, match="ion_activity must be in"):
        pb.Pourbaix("Fe", ion_activity=-1e-6)
    with pytest.raises(ValueError, match="T must be in"):
        pb.Pourbaix("Fe", T=0.0)
    with pytest.raises(ValueError, match="T must be finite"):
        pb.water_lines(7.0, T=float("nan"))
    with pytest.raises(ValueError, match="unknown species 'Fe4\\+'"):
        pb.Pourbaix("Fe", activities={"Fe4+": 1e-3})
    with pytest.raises(ValueError, match="activity of Fe2\\+ must be in"):
        pb.Pourbaix("Fe", activities={"Fe2+": -1.0})
    with pytest.raises(ValueError, match="same metals"):
        pb.reaction(TAB["nbs82:Fe2+"], TAB["nbs82:Cu"])
    with pytest.raises(ValueError, match="only aqueous species can be charged"):
        pb.make_species("X", "FeO", 2, -1e5, phase="s")
    with pytest.raises(ValueError, match="pH must be in"):
        pb.Pourbaix("Fe").grid(np.array([30.0]), np.array([0.0]))
    with pytest.raises(ValueError, match="composition"):
        pb.AlloyPourbaix({"Fe": 0.5, "Cr": -0.5})
    with pytest.raises(ValueError, match="unknown end member"):
        pb.AlloyPourbaix({"Fe": 0.5, "Cr": 0.5}, solutions=[pb.SolidSolution("c", ["Fe2O3", "Xx2O3"])])
    with pytest.raises(ValueError, match="equal metal atoms"):
        pb.AlloyPourbaix({"Fe": 0.5, "Cr": 0.5}, solutions=[pb.SolidSolution("c", ["Fe3O4", "Cr2O3"])])


@settings(max_examples=20, deadline=None)
@given(T=st.floats(-500, 0, **finite))
def test_nonpositive_temperature_rejected(T):
    with pytest.raises(ValueError, match="^T must be"):
        pb.nernst_slope(T)


# ---- alloys: global minimization ---------------------------------------------------------------

def test_alloy_without_mixed_phases_is_the_overlay():
    # no species mixes Cu and Zn: the minimum is x_Cu * min(Cu) + x_Zn * min(Zn), phases = union
    ap = pb.AlloyPourbaix({"Cu": 0.3, "Zn": 0.7})
    pcu, pzn = pb.Pourbaix("Cu"), pb.Pourbaix("Zn")
    pH = np.array([1.0, 5.0, 9.0, 13.0, 7.0])
    E = np.array([0.5, -0.2, 0.1, -1.0, 1.0])
    r = ap.solve(pH, E)
    for i in range(pH.size):
        g = 0.3 * pcu.energies(pH[i], E[i]).min() + 0.7 * pzn.energies(pH[i], E[i]).min()
        assert r["G"][i] == pytest.approx(g, abs=10.0)  # within the smoothing tau ln(2)
        assert set(r["labels"][i].split(" + ")) == {pcu.stable(pH[i], E[i]), pzn.stable(pH[i], E[i])}


def _lp_minimum(ap, pH, E, sol_grid=400):
    """Independent route: linear programming over discrete species and the ideal
    solutions sampled as pseudo-compounds (scipy HiGHS)."""
    cols, costs = [], []
    k = len(ap.elements)
    for j in range(ap.planes.shape[0]):
        costs.append(ap.planes[j] @ [1.0, pH, E])
        cols.append(ap.comps[j])
    for _, m, P, C in ap.ideal:
        t = np.linspace(0, 1, sol_grid + 1)
        if P.shape[0] != 2:
            pytest.skip("LP check uses binary solutions")
        for y in t:
            yy = np.array([1 - y, y])
            with np.errstate(divide="ignore", invalid="ignore"):
                mix = np.nansum(np.where(yy > 0, yy * np.log(yy), 0.0))
            costs.append(yy @ (P @ [1.0, pH, E]) + R * ap.T * mix / m)
            cols.append(yy @ C)
    res = linprog(costs, A_eq=np.array(cols).T, b_eq=ap.x, bounds=[(0, None)] * len(costs), method="highs")
    assert res.status == 0 and k == len(ap.x)
    return res.fun


def test_alloy_matches_linear_programming():
    sols = [pb.SolidSolution("corundum", ["Fe2O3", "Cr2O3"]), pb.SolidSolution("spinel", ["Fe3O4", "FeCr2O4"])]
    ap = pb.AlloyPourbaix({"Fe": 0.8, "Cr": 0.2}, solutions=sols)
    pts = [(7.0, 0.0), (3.0, 0.3), (10.0, -0.6), (12.0, 0.5), (5.0, -0.4), (1.0, 1.2)]
    r = ap.solve([p[0] for p in pts], [p[1] for p in pts])
    for i, (pH, E) in enumerate(pts):
        g_lp = _lp_minimum(ap, pH, E)
        # the LP samples the solution (upper bound, ~1 J/mol at this spacing); the smoothed dual is
        # at most tau ln(pieces) below the exact minimum
        assert r["G"][i] == pytest.approx(g_lp, abs=15.0)
    assert r["residual"].max() < 1e-5


def test_single_phase_film_has_alloy_composition():
    # where the corundum film holds every atom its composition is the alloy's, and G is the
    # closed-form ideal-solution energy (per metal atom)
    sols = [pb.SolidSolution("corundum", ["Fe2O3", "Cr2O3"])]
    ap = pb.AlloyPourbaix({"Fe": 0.75, "Cr": 0.25}, solutions=sols)
    r = ap.solve([9.0], [0.2])
    assert r["labels"][0] == "corundum"
    y = r["y"]["corundum"][0]
    assert y == pytest.approx([0.75, 0.25], abs=1e-5)
    p = pb.Pourbaix("Fe")
    g_fe = p.energies(9.0, 0.2)[p.names.index("Fe2O3")]
    pc = pb.Pourbaix([TAB["nbs82:Cr2O3"]])
    g_cr = pc.energies(9.0, 0.2)[0]
    closed = 0.75 * g_fe + 0.25 * g_cr + R * ap.T * (0.75 * math.log(0.75) + 0.25 * math.log(0.25)) / 2
    assert r["G"][0] == pytest.approx(closed, abs=1e-3)


def test_nonideal_solution_route_matches_ideal_exact():
    # W -> 0 through the composition-grid route equals the exact log-sum-exp route
    exact = pb.AlloyPourbaix({"Fe": 0.7, "Cr": 0.3}, solutions=[pb.SolidSolution("c", ["Fe2O3", "Cr2O3"])])
    grid = pb.AlloyPourbaix({"Fe": 0.7, "Cr": 0.3},
                            solutions=[pb.SolidSolution("c", ["Fe2O3", "Cr2O3"], interaction=1e-6, n_grid=400)])
    pts = ([9.0, 6.0, 3.0, 12.0], [0.2, 0.0, 0.5, -0.2])
    assert grid.solve(*pts)["G"] == pytest.approx(exact.solve(*pts)["G"], abs=12.0)


def test_strong_repulsion_unmixes_the_film():
    # a large positive W makes the solution no better than the separate oxides
    sep = pb.AlloyPourbaix({"Fe": 0.7, "Cr": 0.3})
    big = pb.AlloyPourbaix({"Fe": 0.7, "Cr": 0.3},
                           solutions=[pb.SolidSolution("c", ["Fe2O3", "Cr2O3"], interaction=2e5, n_grid=100)])
    pts = ([9.0, 10.0], [0.2, 0.6])
    assert big.solve(*pts)["G"] == pytest.approx(sep.solve(*pts)["G"], abs=12.0)


@settings(max_examples=15, deadline=None)
@given(pH=st.floats(0, 14, **finite), E=st.floats(-1.5, 1.5, **finite), xcr=st.floats(0.05, 0.6, **finite))
def test_mixing_never_raises_the_minimum(pH, E, xcr):
    sols = [pb.SolidSolution("corundum", ["Fe2O3", "Cr2O3"]), pb.SolidSolution("spinel", ["Fe3O4", "FeCr2O4"])]
    comp = {"Fe": 1 - xcr, "Cr": xcr}
    g_mix = pb.AlloyPourbaix(comp, solutions=sols).solve(pH, E)
    sp, _ = pb.load_species(["Fe", "Cr"])
    g_sep = pb.AlloyPourbaix(comp, species=[s for s in sp if s.name != "FeCr2O4"]).solve(pH, E)
    assert g_mix["G"][0] <= g_sep["G"][0] + 12.0
    assert g_mix["residual"][0] < 1e-5
    assert 0.0 <= g_mix["film"][0] <= 1.0 + 1e-9


def test_stainless_explorer_state():
    from echemlab.explorers.pourbaix import FePourbaixExplorer, StainlessExplorer

    ex = FePourbaixExplorer()
    r = ex.update(log_a=-6.0, T=298.15)
    assert set(r["domains"]) >= {"Fe", "Fe2+", "Fe3+", "Fe3O4", "Fe2O3"}
    sx = StainlessExplorer()
    r = sx.update(cr=0.18, ni=0.08, pH=7.0, log_a=-6.0)
    assert r["window"] is not None and r["window"][0] < 0.0 < r["window"][1]


def _stainless_alloy(cr, ni, log_a=-6.0):
    from echemlab.explorers.pourbaix import _restrict, stainless_solutions

    comp = {k: v for k, v in {"Fe": 1.0 - cr - ni, "Cr": cr, "Ni": ni}.items() if v > 1e-9}
    return pb.AlloyPourbaix(comp, solutions=_restrict(stainless_solutions(), comp), ion_activity=10.0 ** log_a)


@pytest.mark.parametrize("line", [[(c, 0.08) for c in (0.02, 0.10, 0.18, 0.30, 0.40)],
                                  [(0.18, n) for n in (0.02, 0.06, 0.14, 0.20)],
                                  [(c, 0.0) for c in (0.04, 0.25, 0.5)]])
def test_batched_compositions_match_single_solves(line):
    # one vectorized call over several compositions (x per grid point) is the same minimization
    # as one call per composition: film within 1e-6, phase labels identical (>= 99.9 %)
    pH, E = np.linspace(-1.0, 15.0, 33), np.linspace(-1.6, 1.8, 29)
    ref = _stainless_alloy(*line[len(line) // 2])
    comps = [[{"Fe": 1.0 - c - n, "Cr": c, "Ni": n}[el] for el in ref.elements] for c, n in line]
    batch = ref.grid(pH, E, compositions=comps)
    assert batch["film"].shape == (len(line), E.size, pH.size)
    for i, (c, n) in enumerate(line):
        single = _stainless_alloy(c, n).grid(pH, E)
        assert np.max(np.abs(batch["film"][i] - single["film"])) < 1e-6
        assert np.mean(batch["labels"][i] == single["labels"]) >= 0.999
        assert np.max(np.abs(batch["mu"][i] - single["mu"])) < 1e-2
        assert batch["residual"][i].max() < 1e-5


def test_solve_per_point_composition_and_lazy_labels():
    ap = _stainless_alloy(0.18, 0.08)
    pts = ([7.0, 7.0, 3.0, 12.0], [-0.4, 0.2, 0.0, 0.6])
    x = np.array([[0.6, 0.3, 0.1], [0.74, 0.18, 0.08], [0.5, 0.4, 0.1], [0.9, 0.02, 0.08]])
    r = ap.solve(*pts, x=x)
    for i in range(4):
        one = _stainless_alloy(x[i, 1], x[i, 2]).solve(pts[0][i], pts[1][i])
        assert r["film"][i] == pytest.approx(one["film"][0], abs=1e-6)
        assert r["labels"][i] == one["labels"][0]
        assert r["G"][i] == pytest.approx(one["G"][0], abs=1e-6)
    # x equal to the object's composition: the default path (to rounding)
    same = ap.solve(*pts, x=np.tile(ap.x, (4, 1)))
    plain = ap.solve(*pts)
    assert np.allclose(same["film"], plain["film"], rtol=0, atol=1e-9) and same["labels"] == plain["labels"]
    # labels only on request: the same strings from the presence mask
    nol = ap.solve(*pts, labels=False)
    assert nol["labels"] is None
    assert list(ap.labels_of(nol["present"])) == plain["labels"]
    with pytest.raises(ValueError, match="x must have shape"):
        ap.solve(*pts, x=x[:2])
    with pytest.raises(ValueError, match="> 0"):
        ap.solve(*pts, x=np.column_stack([x[:, :2], np.zeros(4)]))
    with pytest.raises(ValueError, match="compositions must have shape"):
        ap.grid([7.0], [0.0], compositions=[[0.5, 0.5]])
