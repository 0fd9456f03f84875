"""Property tests and bad-input tests (issue #9) for echemlab.co2, dissolution,
kinetics, onsager, pourbaix, surface_pourbaix and transport.

Part A: hypothesis property tests for the public functions that had none.
Expected values come from an independent route: atom/charge balance of the
written formulas, cited constants (pKa of carbonic acid, Henry's constant of
CO2, cluster magic numbers), analytic limits, a second module (Nernst-Planck
flux, Onsager conductivity), or a round trip.

Part B: every public function of these modules rejects NaN, inf, out-of-range
values, wrong shapes/types and unknown names with a ValueError that names the
parameter.
"""
import csv
import math
import re
from functools import lru_cache
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from echemlab import co2, kinetics, onsager, pourbaix, surface_pourbaix, transport
from echemlab import dissolution as dis
from echemlab.constants import LN10, N_A, F, R, e, k_B
from echemlab.data import load_table

finite = dict(allow_nan=False, allow_infinity=False)
temps = st.floats(250.0, 400.0, **finite)
SLOW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEDIUM = settings(max_examples=10, deadline=None)
RT_LN10_F = R * 298.15 * LN10 / F


# =============================================================================
# Part A: property tests
# =============================================================================

# ---- co2 --------------------------------------------------------------------
# atom counts (C, H, O) and charge of every formula, read off the formula itself
FORMULA = {
    "CO(g)": (1, 0, 1, 0), "HCOOH(aq)": (1, 2, 2, 0), "HCOOH(l)": (1, 2, 2, 0), "HCOO-": (1, 1, 2, -1),
    "CH4(g)": (1, 4, 0, 0), "CH3OH(l)": (1, 4, 1, 0), "CH3OH(aq)": (1, 4, 1, 0), "C2H4(g)": (2, 4, 0, 0),
    "C2H5OH(l)": (2, 6, 1, 0), "C2H5OH(aq)": (2, 6, 1, 0),
    "CO2(g)": (1, 0, 2, 0), "CO2(aq)": (1, 0, 2, 0), "HCO3-": (1, 1, 3, -1), "CO3^2-": (1, 0, 3, -2),
}
products = st.sampled_from(sorted(co2.PRODUCTS))
feeds = st.sampled_from(sorted(co2.FEEDS))


@given(product=products, feed=feeds)
def test_proton_and_electron_count_balance_the_half_reaction(product, feed):
    # m feed + P H+ + n e- -> product + W H2O, balanced in C, O, H and charge
    cp, hp, op, zp = FORMULA[product]
    cf, hf, of, zf = FORMULA[feed]
    m = cp // cf
    W = m * of - op
    P = hp + 2 * W - m * hf
    n = m * zf + P - zp
    assert co2.proton_count(product, feed) == P
    assert co2.PRODUCTS[product][0] == n
    assert co2.PRODUCTS[product][1] == m


@given(product=products, feed=feeds)
def test_reaction_gibbs_feed_change_follows_cited_equilibrium_constants(product, feed):
    # Hess: changing the feed adds m times the Gibbs energy of converting it to CO2(aq).
    # Independent data: pKa1 = 6.35 (Harned & Davis 1943), pKa2 = 10.33 (Harned & Scholes 1941),
    # Henry's constant of CO2 at 25 C, 0.034 mol/(kg bar) (Sander, ACP 15, 4399 (2015)).
    m = co2.PRODUCTS[product][1]
    rt = R * 298.15
    to_aq = {"CO2(aq)": 0.0, "HCO3-": -rt * LN10 * 6.35, "CO3^2-": -rt * LN10 * (6.35 + 10.33),
             "CO2(g)": -rt * math.log(0.034)}
    d = co2.reaction_gibbs(product, feed) - co2.reaction_gibbs(product, "CO2(aq)")
    # the NBS energies reproduce the constants to ~0.03 pK units (0.2 kJ/mol per carbon)
    assert d == pytest.approx(m * to_aq[feed], abs=m * 250.0)
    assert co2.gibbs_formation(feed) < 0
    # second route: E0 = -Delta G / nF
    assert co2.standard_potential(product, feed) == pytest.approx(
        -co2.reaction_gibbs(product, feed) / (co2.PRODUCTS[product][0] * F), rel=1e-14)


@given(product=products, pH=st.floats(-2, 16, **finite), T=temps)
def test_rhe_potential_shift_is_the_proton_electron_ratio(product, pH, T):
    she = co2.equilibrium_potential(product, pH, T=T)
    rhe = co2.equilibrium_potential(product, pH, T=T, scale="RHE")
    assert rhe - she == pytest.approx(R * T * LN10 / F * pH, abs=1e-12)


# ---- dissolution (ASE EMT) ------------------------------------------------
metals = st.sampled_from(dis.EMT_METALS)


@given(metal=metals)
@settings(max_examples=6, deadline=None)
def test_emt_site_energies_kink_is_half_crystal_and_order_follows_coordination(metal):
    s = dis.emt_site_energies(metal)
    # Kossel-Stranski: removing the half-crystal (kink) atom costs exactly the cohesive energy
    # (to 1 meV: the slab is finite)
    assert s["kink"][1] == pytest.approx(s["E_coh"], abs=1e-3)
    for site, cn in dis.SITES.items():
        assert s[site][0] == cn                # ideal fcc coordination of each site
    e_sorted = [s[k][1] for k in sorted(dis.SITES, key=dis.SITES.get)]
    assert all(a < b for a, b in zip(e_sorted, e_sorted[1:], strict=False))   # fewer bonds, weaker bound
    assert s["E_coh"] == pytest.approx(dis.emt_bulk(metal)["E_coh"], rel=1e-12)


@given(metal=metals)
@settings(max_examples=6, deadline=None)
def test_emt_surface_energy_positive_and_below_broken_bond_bound(metal):
    g = dis.emt_surface_energy(metal)
    bk = dis.emt_bulk(metal)
    area_per_atom = math.sqrt(3) / 4 * bk["a0"] ** 2          # fcc(111)
    broken = 3.0 / 12.0 * bk["E_coh"] * e / area_per_atom     # 3 of 12 bonds cut per surface atom
    assert 0 < g < broken


@given(metal=metals, k=st.integers(1, 3), L=st.integers(2, 6))
@settings(max_examples=8, deadline=None)
def test_emt_cluster_counts_are_magic_numbers_and_excess_positive(metal, k, L):
    # cuboctahedron (length 2k+1, cutoff k): (10k^3 + 15k^2 + 11k + 3)/3 atoms;
    # regular octahedron (cutoff 0) of edge L: (2L^3 + L)/3 atoms
    N, E = dis.emt_cluster_energies(metal, ((2 * k + 1, k), (L, 0)))
    assert N.tolist() == [(10 * k**3 + 15 * k**2 + 11 * k + 3) // 3, (2 * L**3 + L) // 3]
    assert np.all(E > 0)
    # excess energy per atom is below the cohesive energy (the surface atoms keep some bonds)
    assert np.all(E / N < dis.emt_bulk(metal)["E_coh"])


@lru_cache(maxsize=None)
def _once(fn):
    return fn()


@given(metal=metals)
@settings(max_examples=6, deadline=None)
def test_emt_table_rows_agree_with_their_components_and_the_data_file(metal):
    rows = {r["id"]: r for r in _once(dis.emt_table)}
    row = rows[metal]
    assert row["E_coh_eV"] == pytest.approx(dis.emt_bulk(metal)["E_coh"], abs=1e-4)
    assert row["E_kink_eV"] == pytest.approx(row["E_coh_eV"], abs=1e-3)    # half-crystal position
    assert row["gamma111_J_m2"] == pytest.approx(dis.emt_surface_energy(metal), abs=1e-4)
    # determinism: the committed data file is what the code computes
    committed = load_table("dissolution_emt")[metal]
    for key in ("E_coh_eV", "gamma111_J_m2", "cluster_A_eV", "cluster_B_eV", "E_terrace_eV"):
        assert float(row[key]) == pytest.approx(committed[key], abs=1e-4)


@given(metal=metals)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_write_emt_table_round_trips(metal, tmp_path):
    rows = _once(dis.emt_table)
    with mock.patch.object(dis, "emt_table", return_value=rows):
        path = dis.write_emt_table(tmp_path / "emt.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        back = {r["id"]: r for r in csv.DictReader(ln for ln in fh if not ln.startswith("#"))}
    want = next(r for r in rows if r["id"] == metal)
    assert {k: str(v) for k, v in want.items()} == back[metal]


# ---- kinetics ---------------------------------------------------------------
alphas = st.floats(0.1, 2.0, **finite)
i0s = st.floats(1e-9, 1e2, **finite)


@given(alpha=alphas, T=temps, eta=st.floats(0.05, 0.3, **finite), i0=i0s)
def test_tafel_slope_is_one_decade_of_tafel_current(alpha, T, eta, i0):
    b = kinetics.tafel_slope(alpha, T)
    ratio = kinetics.tafel_current(eta + b, i0, alpha, T) / kinetics.tafel_current(eta, i0, alpha, T)
    assert ratio == pytest.approx(10.0, rel=1e-10)
    assert b * alpha == pytest.approx(R * T * LN10 / F, rel=1e-14)


@given(n=st.integers(1, 4), D=st.floats(1e-11, 1e-8, **finite), c=st.floats(0.0, 1e3, **finite),
       delta=st.floats(1e-6, 1e-3, **finite))
def test_limiting_current_is_the_nernst_planck_diffusion_flux(n, D, c, delta):
    # second route: linear profile from c at the layer edge to 0 at the electrode, no field
    J = transport.nernst_planck_flux(D, 0, c, c / delta, 0.0)
    assert kinetics.limiting_current(n, D, c, delta) == pytest.approx(n * F * abs(J), rel=1e-12, abs=1e-300)


@given(n=st.integers(1, 3), D=st.floats(1e-10, 5e-9, **finite), c=st.floats(0.1, 1e3, **finite),
       omega=st.floats(1.0, 1e3, **finite), nu=st.floats(5e-7, 5e-6, **finite))
def test_levich_current_scaling_and_levich_layer(n, D, c, omega, nu):
    i = kinetics.levich_limiting_current(n, D, c, omega, nu)
    assert kinetics.levich_limiting_current(n, D, c, 4 * omega, nu) == pytest.approx(2 * i, rel=1e-12)
    # Levich layer thickness delta = 1.61 D^(1/3) omega^(-1/2) nu^(1/6) (Bard & Faulkner eq. 9.3.23)
    delta = 1.61 * D ** (1 / 3) * omega ** -0.5 * nu ** (1 / 6)
    assert i == pytest.approx(kinetics.limiting_current(n, D, c, delta), rel=3e-3)


@given(E=st.floats(-0.5, 0.5, **finite), i0=st.floats(1e-3, 10, **finite), aa=alphas, ac=alphas,
       R_u=st.floats(0.0, 1e-2, **finite))
def test_overpotential_round_trips_current_at_potential(E, i0, aa, ac, R_u):
    i, eta = kinetics.current_at_potential(E, 0.1, i0, aa, ac, R_u=R_u, return_eta=True)
    assert kinetics.overpotential(E, i, R_u, 0.1) == pytest.approx(eta, abs=1e-9)
    assert kinetics.overpotential(E, 0.0, R_u, 0.1) == pytest.approx(E - 0.1, abs=1e-15)


@given(alpha=alphas, log_i0=st.floats(-8, 1, **finite), sign=st.sampled_from([-1, 1]), T=temps)
def test_fit_tafel_recovers_exact_tafel_data(alpha, log_i0, sign, T):
    b = kinetics.tafel_slope(alpha, T)
    eta = sign * np.linspace(3, 8, 6) * b / 3
    i = kinetics.tafel_current(eta, 10.0 ** log_i0, alpha, T)
    fit = kinetics.fit_tafel(eta, i, T)
    assert fit.alpha == pytest.approx(alpha, rel=1e-8)
    assert fit.b == pytest.approx(b, rel=1e-8)
    assert fit.i0 == pytest.approx(10.0 ** log_i0, rel=1e-7)
    assert fit.n_points == 6


@given(aa=st.floats(0.3, 0.9, **finite), ac=st.floats(0.3, 0.9, **finite), log_i0=st.floats(-2, 1, **finite),
       seed=st.integers(0, 2**16))
@SLOW
def test_fit_butler_volmer_recovers_parameters_within_its_confidence_interval(aa, ac, log_i0, seed):
    E = np.linspace(-0.25, 0.25, 31)
    i_true = kinetics.current_at_potential(E, 0.0, 10.0 ** log_i0, aa, ac)
    sig = 0.01 * np.abs(i_true) + 1e-6
    noisy = i_true + sig * np.random.default_rng(seed).standard_normal(E.size)
    fit = kinetics.fit_butler_volmer(E, noisy, sigma=sig)
    for name, true in (("alpha_a", aa), ("alpha_c", ac), ("log10_i0", log_i0)):
        lo, hi = fit.ci95(name)
        assert hi - lo == pytest.approx(2 * 1.96 * getattr(fit, f"{name}_err"), rel=1e-12)
        # 5 sigma: a 1-in-a-million miss, so the test is deterministic in practice
        assert abs(getattr(fit, name) - true) <= 5 * getattr(fit, f"{name}_err") + 1e-9


# ---- onsager ---------------------------------------------------------------
@given(B=st.lists(st.floats(-3, 3, **finite), min_size=9, max_size=9), diag=st.floats(0.0, 2.0, **finite))
def test_check_onsager_accepts_gram_matrices_and_agrees_with_eigenvalues(B, diag):
    B = np.array(B).reshape(3, 3)
    L = B @ B.T + diag * np.eye(3)           # symmetric positive semidefinite by construction
    assume(np.max(np.abs(np.diagonal(L))) > 1e-6)
    out = onsager.check_onsager(L, rtol=1e-8)
    assert np.array_equal(out, L)
    # an indefinite matrix is rejected: flip the sign of one diagonal entry of a PD matrix
    M = L + np.eye(3)
    M[0, 0] = -M[0, 0]
    with pytest.raises(ValueError, match="positive semidefinite"):
        onsager.check_onsager(M)
    # antisymmetric part: only reciprocity fails
    A = L + np.eye(3) + np.array([[0, 1, 0], [-1, 0, 0], [0, 0, 0]]) * 0.1
    assert onsager.check_onsager(A, reciprocal=False).shape == (3, 3)
    with pytest.raises(ValueError, match="symmetric"):
        onsager.check_onsager(A, name="A")


# ---- pourbaix ---------------------------------------------------------------
TAB = pourbaix.species_table()
element_symbols = st.sampled_from(["Fe", "Cr", "Ni", "Cu", "Zn", "Pt", "Mn", "C", "N", "S", "O", "H"])


@given(parts=st.lists(st.tuples(element_symbols, st.integers(1, 9)), min_size=1, max_size=4),
       group=st.lists(st.tuples(element_symbols, st.integers(1, 3)), min_size=1, max_size=2),
       mult=st.integers(1, 4))
def test_parse_formula_counts_atoms(parts, group, mult):
    formula = "".join(el + (str(n) if n > 1 else "") for el, n in parts)
    formula += "(" + "".join(el + (str(n) if n > 1 else "") for el, n in group) + ")" + str(mult)
    want = {}
    for el, n in parts:
        want[el] = want.get(el, 0) + n
    for el, n in group:
        want[el] = want.get(el, 0) + n * mult
    assert pourbaix.parse_formula(formula) == want


@given(nO=st.integers(0, 4), nH=st.integers(0, 4), z=st.integers(-3, 3), dGf=st.floats(-2e6, 2e6, **finite),
       T=temps)
def test_species_counts_oxidation_state_and_tabulated_energy(nO, nH, z, dGf, T):
    sp = pourbaix.Species(name="X", counts={"Fe": 1, "O": nO, "H": nH}, charge=z, phase="aq", dGf=dGf)
    assert sp.n_electrons - sp.n_protons == z       # electrons = protons + charge
    assert sp.n_metal == 1 and sp.metals == {"Fe": 1}
    assert not sp.T_exact
    assert sp.gibbs_formation(T) == dGf              # no dHf/S: dGf kept at every T
    with pytest.raises(ValueError, match="phase"):
        pourbaix.Species(name="X", counts={"Fe": 1}, charge=z, phase="plasma", dGf=dGf)


def _same_metal_pairs(dataset):
    sp = [s for k, s in TAB.items() if k.startswith(dataset + ":") and s.n_metal and set(s.metals) == {"Fe"}]
    return [(a, b) for a in sp for b in sp if a.name < b.name]


FE_PAIRS = _same_metal_pairs("atlas")
WATER = TAB["atlas:H2O"]


@given(pair=st.sampled_from(FE_PAIRS), T=temps)
def test_reaction_is_balanced_and_matches_boundary_line(pair, T):
    ox, red = pair
    r = pourbaix.reaction(ox, red, water=WATER, T=T)
    # balance: nu_ox Ox + w H2O + h H+ + n e- -> nu_red Red
    assert r["nu_ox"] * ox.metals["Fe"] == r["nu_red"] * red.metals["Fe"]
    assert r["nu_ox"] * ox.nO + r["w"] == r["nu_red"] * red.nO
    assert r["nu_ox"] * ox.nH + 2 * r["w"] + r["h"] == r["nu_red"] * red.nH
    assert r["nu_ox"] * ox.charge + r["h"] - r["n"] == r["nu_red"] * red.charge
    # at unit activities, equal G' per metal atom is Delta_r G' = 0 of the balanced reaction:
    # E = E0 - (h/n) s pH for n != 0, and the vertical line pH = logK / h for n = 0
    if r["n"] == 0 and r["h"] == 0:
        with pytest.raises(ValueError, match="never change order"):
            pourbaix.boundary_line(ox, red, T=T, activity=1.0, water=WATER)
        return
    e0, slope = pourbaix.boundary_line(ox, red, T=T, activity=1.0, water=WATER)
    s = R * T * LN10 / F
    if r["n"] == 0:
        assert e0 is None
        assert slope == pytest.approx(r["logK"] / r["h"], rel=1e-9, abs=1e-9)
    else:
        assert slope == pytest.approx(-r["h"] / r["n"] * s, rel=1e-9, abs=1e-12)
        assert e0 == pytest.approx(r["E0"], abs=1e-8)


FE = pourbaix.Pourbaix("Fe", dataset="atlas")


@given(pH=st.floats(-2, 16, **finite), E=st.floats(-2, 2, **finite))
def test_pourbaix_stable_species_has_the_lowest_energy(pH, E):
    en = FE.energies(pH, E)
    assert en.shape == (len(FE.names),)
    name = FE.stable(pH, E)
    assert en[FE.names.index(name)] == en.min()
    # energies are a Legendre transform: linear in E with slope -(electrons per metal) F
    en2 = FE.energies(pH, E + 0.01)
    n_e = np.array([s.n_electrons / s.n_metal for s in FE.species])
    assert np.allclose(en2 - en, -n_e * F * 0.01, rtol=1e-9, atol=1e-6)


@given(k=st.integers(0, 200))
@settings(max_examples=20, deadline=None)
def test_pourbaix_boundaries_lie_on_the_lines_of_their_species(k):
    segs = _fe_boundaries()
    a, b, seg = segs[k % len(segs)]
    e0, slope = FE.line(a, b)
    for pH, E in seg:
        if e0 is None:
            assert pH == pytest.approx(slope, abs=1e-6)
        else:
            assert E == pytest.approx(e0 + slope * pH, abs=1e-6)
        ea, eb = FE.energies(pH, E)[[FE.names.index(a), FE.names.index(b)]]
        assert ea == pytest.approx(eb, abs=1e-2)       # J/mol: equal energies on the boundary


@lru_cache(maxsize=1)
def _fe_boundaries():
    return FE.boundaries()


@given(W=st.floats(-1e5, 1e5, **finite), W12=st.floats(-1e5, 1e5, **finite))
def test_solid_solution_pair_interactions(W, W12):
    ss = pourbaix.SolidSolution("s", ["A", "B", "C"], interaction=W)
    assert ss.pair_W() == {(0, 1): W, (0, 2): W, (1, 2): W}
    ss2 = pourbaix.SolidSolution("s", ["A", "B", "C"], interaction={("B", "A"): W12})
    assert ss2.pair_W() == {(0, 1): W12, (0, 2): 0.0, (1, 2): 0.0}     # either key order, default 0


ALLOY = pourbaix.AlloyPourbaix({"Cu": 0.5, "Zn": 0.5})


@given(present=st.lists(st.lists(st.booleans(), min_size=len(ALLOY.phase_names),
                                 max_size=len(ALLOY.phase_names)), min_size=1, max_size=5))
def test_alloy_labels_list_exactly_the_present_phases(present):
    arr = np.array(present, dtype=bool)
    labels = ALLOY.labels_of(arr)
    assert labels.shape == (len(present),)
    for lab, row in zip(labels, arr, strict=True):
        want = [n for n, p in zip(ALLOY.phase_names, row, strict=True) if p]
        assert (lab.split(" + ") if lab else []) == want


# ---- surface_pourbaix ---------------------------------------------------------
coverage = st.floats(0.0, 1.0, **finite)


@given(tH=coverage, tOH=coverage, tO=coverage, dG=st.floats(-1e5, 1e5, **finite),
       U=st.floats(-1, 2, **finite), pH=st.floats(0, 14, **finite))
def test_configuration_counts_and_grand_potential(tH, tOH, tO, dG, U, pH):
    c = surface_pourbaix.Configuration("c", tH, tOH, tO, dG)
    assert c.n == pytest.approx(2 * tO + tOH - tH, abs=1e-15)
    assert c.n_water == pytest.approx(tOH + tO, abs=1e-15)
    # at the RHE (U_SHE = -slope pH) the grand potential is dG0 whatever the pH
    u_she = surface_pourbaix.she_from_rhe(0.0, pH)
    assert surface_pourbaix.grand_potential(c.dG0, c.n, u_she, pH) == pytest.approx(dG, abs=1e-6)
    with pytest.raises(ValueError, match="theta_H"):
        surface_pourbaix.Configuration("c", -0.1, tOH, tO, dG)


@given(pH=st.floats(0, 14, **finite), U=st.floats(-0.5, 1.5, **finite))
def test_load_configurations_build_a_diagram_whose_clean_state_is_the_reference(pH, U):
    cfgs = surface_pourbaix.load_configurations("Pt(111)")
    assert all(c.surface == "Pt(111)" for c in cfgs)
    clean = next(c for c in cfgs if c.name == "clean")
    assert clean.n == 0 and clean.dG0 == 0.0          # formation energies are relative to the clean slab
    spd = surface_pourbaix.SurfacePourbaix(cfgs)
    en = spd.energies(pH, U)
    assert en[spd.names.index("clean")] == 0.0
    assert en.min() <= 0.0


SPD = surface_pourbaix.SurfacePourbaix("Pt(111)")


@given(U=st.lists(st.floats(-0.5, 1.5, **finite), min_size=1, max_size=6),
       pH=st.lists(st.floats(0, 14, **finite), min_size=2, max_size=6))
def test_surface_grid_on_rhe_scale_does_not_depend_on_pH(U, pH):
    g = SPD.grid(np.array(pH), np.array(U), scale="RHE")
    assert g.shape == (len(U), len(pH))
    assert np.all(g == g[:, :1])                     # n_H+ = n_e-: vertical lines on the RHE scale
    for j, u in enumerate(U):
        assert SPD.names[g[j, 0]] == SPD.stable(pH[0], u, scale="RHE")


@given(scale=st.sampled_from(["SHE", "RHE"]))
@settings(max_examples=4, deadline=None)
def test_surface_domains_centroids_are_stable_there(scale):
    rng = (-1.0, 1.8) if scale == "SHE" else (-0.2, 1.4)
    doms = SPD.domains((0.0, 14.0), rng, scale=scale)
    assert doms
    for name, poly in doms.items():
        cx, cy = poly.mean(axis=0)       # a convex polygon holds its vertex centroid
        assert SPD.stable(cx, cy, scale=scale) == name


@given(T=temps)
def test_bulk_pt_lines_follow_their_data_and_nernst_slope(T):
    sp, water = surface_pourbaix.bulk_pt(T)
    assert [s.name for s in sp][0] == "Pt"
    p = pourbaix.Pourbaix(sp, T=T, ion_activity=1.0, water=water)
    e_ion, s_ion = p.line("Pt2+", "Pt")
    _e_ox, s_ox = p.line("Pt(OH)2", "Pt")
    bulk = load_table("surface_pourbaix_bulk")
    assert e_ion == pytest.approx(bulk["Pt2+"]["E0_V"], abs=1e-9)     # unit activity: the tabulated E0
    assert s_ion == 0.0                                              # no H+ in Pt2+ + 2e- = Pt
    assert s_ox == pytest.approx(-R * T * LN10 / F, rel=1e-9)        # 2 H+ per 2 e-
    # at 25 C (where the E0 values hold) the oxide line passes through its tabulated E0 at pH 0
    p25 = pourbaix.Pourbaix(sp, ion_activity=1.0, water=water)
    assert p25.line("Pt(OH)2", "Pt")[0] == pytest.approx(bulk["Pt(OH)2"]["E0_V"], abs=1e-9)


# ---- transport ---------------------------------------------------------------
@given(T=st.floats(1.0, 2000.0, **finite))
def test_thermal_voltage_is_kT_over_e(T):
    assert transport.thermal_voltage(T) == pytest.approx(k_B * T / e, rel=1e-9)


@given(lam=st.lists(st.floats(1e-4, 4e-2, **finite), min_size=1, max_size=4),
       z=st.lists(st.sampled_from([-3, -2, -1, 1, 2, 3]), min_size=4, max_size=4),
       c=st.floats(0.1, 100.0, **finite), T=temps)
def test_diffusion_coefficients_give_back_the_conductivity(lam, z, c, T):
    # Nernst-Einstein both ways: uncoupled ions with L_ii = c D_i / R have
    # kappa = sum c lambda_i (Kohlrausch additivity) by onsager.conductivity
    z = np.array(z[:len(lam)], dtype=float)
    lam = np.array(lam)
    D = np.atleast_1d(transport.diffusion_coefficient(lam, z, T))
    assert np.all(D > 0)
    assert np.allclose(transport.diffusion_coefficient(lam, -z, T), D, rtol=1e-15)
    L = np.diag(c * D / R)
    assert onsager.conductivity(L, z, T) == pytest.approx(float(np.sum(c * lam)), rel=1e-12)


ION_NAMES = sorted(load_table("transport_ions"))


@given(names=st.lists(st.sampled_from(ION_NAMES), min_size=1, max_size=5), T=temps)
def test_ion_properties_charge_from_name_and_D_linear_in_T(names, T):
    z, D = transport.ion_properties(names, T)
    z0, D0 = transport.ion_properties(names)
    for name, zi in zip(names, z, strict=True):
        sign = -1 if name == "acetate" or name.endswith("-") else 1
        mag = 2 if name.endswith(("2+", "2-")) else 1       # "Ca2+", "SO4 2-"; "HCO3-" is 1-
        assert zi == sign * mag
    assert np.allclose(D / D0, T / 298.15, rtol=1e-12)
    assert np.all((D0 > 5e-10) & (D0 < 1e-8))         # aqueous ions at 25 C: 0.5e-9 to 9.3e-9 m^2/s


@given(c=st.lists(st.floats(0.0, 100.0, **finite), min_size=2, max_size=5),
       z=st.lists(st.integers(1, 3), min_size=5, max_size=5))
def test_ionic_strength_of_symmetric_salts(c, z):
    zz = np.array(z[:len(c)], dtype=float)
    cc = np.array(c)
    # a z:z salt at concentration s contributes z^2 s (cation + anion halves)
    both_c = np.concatenate([cc, cc])
    both_z = np.concatenate([zz, -zz])
    assert transport.ionic_strength(both_c, both_z) == pytest.approx(float(np.sum(zz**2 * cc)), rel=1e-12,
                                                                     abs=1e-300)


@given(c_left=st.floats(5.0, 200.0, **finite), ratio=st.floats(0.05, 0.5, **finite),
       Dp=st.floats(5e-10, 1e-8, **finite), Dm=st.floats(5e-10, 3e-9, **finite))
@SLOW
def test_liquid_junction_steady_state_matches_planck_and_conserves_charge(c_left, ratio, Dp, Dm):
    cl, cr = [c_left, c_left], [c_left * ratio, c_left * ratio]
    sol = transport.liquid_junction(cl, cr, [1, -1], [Dp, Dm], n_cells=16, n_times=4)
    assert isinstance(sol, transport.JunctionSolution)
    # one binary salt: Planck = Henderson = -(t+ - t-) (RT/F) ln(c_R/c_L), exactly
    t_diff = (Dp - Dm) / (Dp + Dm)
    E_exact = -t_diff * transport.thermal_voltage() * math.log(ratio)
    assert sol.E_j[-1] == pytest.approx(E_exact, abs=1e-6 + 1e-4 * abs(E_exact))
    charge = sol.c[:, 0, :] - sol.c[:, 1, :]
    assert np.max(np.abs(charge)) <= 1e-9 * c_left        # electroneutral in every cell


@given(phi0=st.floats(-0.1, 0.1, **finite).filter(lambda x: abs(x) > 1e-3), c=st.floats(1.0, 100.0, **finite))
@SLOW
def test_pnp_double_layer_relaxes_to_gouy_chapman(phi0, c):
    sol = transport.pnp_double_layer(phi0, [c, c], [1, -1], [1.334e-9, 2.032e-9], n_cells=40, n_times=4)
    assert isinstance(sol, transport.DoubleLayerSolution)
    assert sol.sigma[0] == 0.0                         # nothing has moved at t = 0
    assert sol.sigma[-1] == pytest.approx(transport.gouy_chapman_charge(phi0, c), rel=2e-2)
    assert sol.debye_length == pytest.approx(transport.debye_length([c, c], [1, -1]), rel=1e-12)


# =============================================================================
# Part B: bad input -> ValueError naming the parameter
# =============================================================================
NaN, INF = float("nan"), float("inf")
FE2 = TAB["nbs82:Fe2+"]
FE_S = TAB["nbs82:Fe"]
L2 = [[2.0, 1.0], [1.0, 1.0]]
KCL = ([100.0, 100.0], [10.0, 10.0], [1, -1], [1.957e-9, 2.032e-9])


def _fit():
    E = np.linspace(-0.3, 0.3, 21)
    return kinetics.fit_butler_volmer(E, kinetics.current_at_potential(E, 0.0, 2.0, 0.6, 0.4))


# (id, callable, valid kwargs): every numeric argument of every call gets NaN and inf,
# every string argument an unknown name and a number
CALLS = [
    ("co2.gibbs_formation", co2.gibbs_formation, dict(species="CO2(g)")),
    ("co2.carbonate_fractions", co2.carbonate_fractions, dict(pH=7.0, pKa1=6.35, pKa2=10.33)),
    ("co2.pre_equilibrium_gibbs", co2.pre_equilibrium_gibbs, dict(pH=8.0, pKa=6.35, T=298.15, ratio=1.0)),
    ("co2.pre_equilibrium_shift", co2.pre_equilibrium_shift, dict(pH=8.0, n=2, pKa=6.35, T=298.15, n_carbon=1)),
    ("co2.reaction_gibbs", co2.reaction_gibbs, dict(product="CO(g)", feed="HCO3-")),
    ("co2.proton_count", co2.proton_count, dict(product="CO(g)", feed="HCO3-")),
    ("co2.standard_potential", co2.standard_potential, dict(product="CH4(g)", feed="CO2(g)")),
    ("co2.equilibrium_potential", co2.equilibrium_potential,
     dict(product="CO(g)", pH=7.0, feed="CO2(g)", T=298.15, scale="SHE")),
    ("co2.oxygen_potential", co2.oxygen_potential, dict(pH=7.0, T=298.15)),
    ("co2.minimum_energy", co2.minimum_energy, dict(product="CO(g)", pH=7.0, feed="CO2(g)", T=298.15)),
    ("dis.electron_chemical_potential", dis.electron_chemical_potential, dict(U=1.0, absolute_she=4.44)),
    ("dis.dissolution_free_energy", dis.dissolution_free_energy,
     dict(G_solid=0.0, G_ion=65.49e3, n=2, U=0.0, activity=1.0, T=298.15)),
    ("dis.dissolution_potential", dis.dissolution_potential, dict(dG0=65.49e3, n=2, activity=1.0, T=298.15)),
    ("dis.persson_ion_energy", dis.persson_ion_energy,
     dict(dGf_ion_exp=65.49e3, dGf_ref_calc=0.0, dGf_ref_exp=0.0, n_metal=1)),
    ("dis.site_dissolution_potential", dis.site_dissolution_potential,
     dict(U0=1.18, E_remove=6.6e5, E_coh=5.6e5, n=2)),
    ("dis.gibbs_thomson_shift", dis.gibbs_thomson_shift, dict(d=2e-9, gamma=2.37, V_m=9.09e-6, n=2)),
    ("dis.particle_dissolution_potential", dis.particle_dissolution_potential,
     dict(U0=1.18, d=2e-9, gamma=2.37, V_m=9.09e-6, n=2, activity=1e-6, T=298.15)),
    ("dis.particle_diameter", dis.particle_diameter, dict(N=1289, V_m=9.09e-6)),
    ("dis.emt_bulk", dis.emt_bulk, dict(metal="Cu")),
    ("dis.emt_site_energies", dis.emt_site_energies, dict(metal="Cu")),
    ("dis.emt_surface_energy", dis.emt_surface_energy, dict(metal="Cu")),
    ("dis.emt_cluster_energies", dis.emt_cluster_energies, dict(metal="Cu", shapes=((3, 1),))),
    ("dis.fit_cluster_excess", dis.fit_cluster_excess, dict(N=[13, 55, 147], E_exc=[5.0, 12.0, 25.0])),
    ("dis.cluster_excess_chemical_potential", dis.cluster_excess_chemical_potential, dict(N=1000, A=3.0, B=0.5)),
    ("dis.effective_surface_energy", dis.effective_surface_energy, dict(A=3.0, V_m=9.09e-6)),
    ("kin.butler_volmer", kinetics.butler_volmer, dict(eta=0.1, i0=1.0, alpha_a=0.5, alpha_c=0.5, T=298.15)),
    ("kin.tafel_slope", kinetics.tafel_slope, dict(alpha=0.5, T=298.15)),
    ("kin.tafel_current", kinetics.tafel_current, dict(eta=-0.1, i0=1e-8, alpha=0.5, T=298.15)),
    ("kin.charge_transfer_resistance", kinetics.charge_transfer_resistance,
     dict(i0=10.0, alpha_a=0.5, alpha_c=0.5, T=298.15)),
    ("kin.limiting_current", kinetics.limiting_current, dict(n=1, D=7.2e-10, c_bulk=1.0, delta=1e-5)),
    ("kin.levich_limiting_current", kinetics.levich_limiting_current,
     dict(n=1, D=1e-9, c_bulk=1.0, omega=100.0, nu=1e-6)),
    ("kin.butler_volmer_mass_transport", kinetics.butler_volmer_mass_transport,
     dict(eta=-0.2, i0=10.0, alpha_a=0.5, alpha_c=0.5, i_lim_a=100.0, i_lim_c=100.0, T=298.15)),
    ("kin.overpotential", kinetics.overpotential, dict(E=0.5, i=100.0, R_u=1e-3, E_eq=0.3)),
    ("kin.current_at_potential", kinetics.current_at_potential,
     dict(E=0.2, E_eq=0.0, i0=1.0, alpha_a=0.5, alpha_c=0.5, R_u=2e-3, i_lim_a=100.0, i_lim_c=100.0, T=298.15)),
    ("kin.fit_tafel", kinetics.fit_tafel,
     dict(eta=[-0.2, -0.3, -0.4], i=[-1e-6, -1e-5, -1e-4], T=298.15)),
    ("kin.fit_butler_volmer", kinetics.fit_butler_volmer,
     dict(E=list(np.linspace(-0.3, 0.3, 9)), i=list(kinetics.current_at_potential(np.linspace(-0.3, 0.3, 9),
                                                                                   0.0, 2.0, 0.6, 0.4)),
          E_eq=0.0, T=298.15, R_u=0.0, p0=(0.0, 0.5, 0.5), i_lim_a=1e3, i_lim_c=1e3, sigma=0.1)),
    ("kin.apparent_tafel_slope", kinetics.apparent_tafel_slope, dict(i=100.0, b=0.118, R_u=1e-4)),
    ("kin.mhc_rate", kinetics.mhc_rate, dict(eta=0.1, reorganization_energy=0.85 * e, T=298.15,
                                             direction="oxidation")),
    ("kin.KineticFit.ci95", lambda name: _fit().ci95(name), dict(name="alpha_a")),
    ("ons.check_onsager", onsager.check_onsager, dict(L=L2, rtol=1e-9, name="L")),
    ("ons.is_admissible", onsager.is_admissible, dict(L=L2, rtol=1e-9)),
    ("ons.fluxes", onsager.fluxes, dict(L=L2, X=[1.0, -1.0])),
    ("ons.entropy_production", onsager.entropy_production, dict(L=L2, X=[1.0, -1.0])),
    ("ons.degree_of_coupling", onsager.degree_of_coupling, dict(L=[[4.0, 1.0], [1.0, 1.0]])),
    ("ons.max_efficiency", onsager.max_efficiency, dict(q=0.9)),
    ("ons.conversion_efficiency", onsager.conversion_efficiency, dict(q=0.9, load=0.5)),
    ("ons.streaming_potential_coefficient", onsager.streaming_potential_coefficient,
     dict(L=[[1.0, -2.0], [-2.0, 8.0]])),
    ("ons.electroosmotic_flow_per_current", onsager.electroosmotic_flow_per_current,
     dict(L=[[1.0, -2.0], [-2.0, 8.0]])),
    ("ons.capillary_onsager_matrix", onsager.capillary_onsager_matrix,
     dict(radius=1e-6, length=1e-2, zeta=-0.05, conductivity=0.0147, viscosity=8.9e-4,
          permittivity=6.9e-10, debye_length=9.6e-9)),
    ("ons.conductivity", onsager.conductivity, dict(L=[[8e-12, 0.0], [0.0, 8e-12]], z=[1, -1], T=298.15)),
    ("ons.transference_numbers", onsager.transference_numbers, dict(L=[[1.957, 0.0], [0.0, 2.032]], z=[1, -1])),
    ("ons.salt_diffusion_coefficient", onsager.salt_diffusion_coefficient,
     dict(L=[[2.4e-13, 0.0], [0.0, 2.4e-13]], z=[1, -1], nu=[1, 1], c=1.0, T=298.15, thermo_factor=1.0)),
    ("ons.onsager_from_measurements", onsager.onsager_from_measurements,
     dict(kappa=1.2824, t_plus=0.4898, D=1.844e-9, c=99.7, z=(1, -1), nu=(1, 1), T=298.15, thermo_factor=0.9)),
    ("ons.stefan_maxwell_onsager", onsager.stefan_maxwell_onsager,
     dict(c=100.0, D0p=1.957e-9, D0m=2.032e-9, Dpm=1e-10, c0=55.3e3, z=(1, -1), nu=(1, 1), T=298.15)),
    ("ons.newman_binary_properties", onsager.newman_binary_properties,
     dict(c=100.0, D0p=1.957e-9, D0m=2.032e-9, Dpm=1e-10, c0=55.3e3, z=(1, -1), nu=(1, 1), T=298.15)),
    ("pb.parse_formula", pourbaix.parse_formula, dict(formula="Fe(OH)3")),
    ("pb.Species", pourbaix.Species, dict(name="Fe2+", counts={"Fe": 1}, charge=2, phase="aq", dGf=-78900.0,
                                          dHf=-89100.0, S=-137.7, Cp=0.0, dSf=-34.3, dCpf=0.0)),
    ("pb.Species.gibbs_formation", FE2.gibbs_formation, dict(T=298.15)),
    ("pb.make_species", pourbaix.make_species,
     dict(name="Fe2+", formula="Fe", charge=2, dGf=-78900.0, phase="aq", dHf=-89100.0, S=-137.7, Cp=0.0)),
    ("pb.load_species", pourbaix.load_species, dict(elements="Fe", dataset="atlas")),
    ("pb.nernst_slope", pourbaix.nernst_slope, dict(T=298.15)),
    ("pb.water_lines", pourbaix.water_lines, dict(pH=7.0, T=298.15, p_H2=1.0, p_O2=1.0)),
    ("pb.transformed_gibbs", pourbaix.transformed_gibbs, dict(sp=FE2, pH=7.0, E=0.0, T=298.15, activity=1e-6)),
    ("pb.reaction", pourbaix.reaction, dict(ox=FE2, red=FE_S, T=298.15)),
    ("pb.boundary_line", pourbaix.boundary_line, dict(sp1=FE2, sp2=FE_S, T=298.15, activity=1e-6)),
    ("pb.Pourbaix", pourbaix.Pourbaix, dict(species="Fe", T=298.15, ion_activity=1e-6, dataset="atlas")),
    ("pb.Pourbaix.energies", FE.energies, dict(pH=7.0, E=0.0)),
    ("pb.Pourbaix.grid", FE.grid, dict(pH=[0.0, 7.0], E=[0.0, 0.5])),
    ("pb.Pourbaix.stable", FE.stable, dict(pH=7.0, E=0.0)),
    ("pb.Pourbaix.domains", FE.domains, dict(pH_range=(0.0, 14.0), E_range=(-1.0, 1.0))),
    ("pb.Pourbaix.boundaries", FE.boundaries, dict(pH_range=(0.0, 14.0), E_range=(-1.0, 1.0))),
    ("pb.Pourbaix.line", FE.line, dict(name_a="Fe2+", name_b="Fe")),
    ("pb.SolidSolution", pourbaix.SolidSolution, dict(name="c", endmembers=["Fe2O3", "Cr2O3"], interaction=1e3,
                                                      n_grid=50)),
    ("pb.AlloyPourbaix", pourbaix.AlloyPourbaix,
     dict(composition={"Cu": 0.5, "Zn": 0.5}, T=298.15, ion_activity=1e-6)),
    ("pb.AlloyPourbaix.solve", ALLOY.solve, dict(pH=[2.0], E=[0.5], tol=1e-6)),
    ("pb.AlloyPourbaix.grid", ALLOY.grid, dict(pH=[2.0, 7.0], E=[0.0, 0.5], compositions=[[0.5, 0.5]])),
    ("pb.AlloyPourbaix.labels_of", ALLOY.labels_of, dict(present=np.ones(len(ALLOY.phase_names), dtype=bool))),
    ("sp.Configuration", surface_pourbaix.Configuration,
     dict(name="O*", theta_H=0.0, theta_OH=0.0, theta_O=0.25, dG0=0.392 * F, surface="Pt(111)", source="x")),
    ("sp.make_configuration", surface_pourbaix.make_configuration,
     dict(name="O*", theta_H=0.0, theta_OH=0.0, theta_O=0.25, dG_eV=0.392)),
    ("sp.load_configurations", surface_pourbaix.load_configurations, dict(surface="Pt(111)")),
    ("sp.che_potential", surface_pourbaix.che_potential, dict(U=0.5, pH=0.0, T=298.15)),
    ("sp.rhe_from_she", surface_pourbaix.rhe_from_she, dict(U_she=0.0, pH=14.0, T=298.15)),
    ("sp.she_from_rhe", surface_pourbaix.she_from_rhe, dict(U_rhe=1.229, pH=7.0, T=298.15)),
    ("sp.grand_potential", surface_pourbaix.grand_potential,
     dict(dG0=0.8 * F, n=1.0, U=0.8, pH=0.0, T=298.15, scale="SHE")),
    ("sp.SurfacePourbaix", surface_pourbaix.SurfacePourbaix, dict(configs="Pt(111)", T=298.15)),
    ("sp.SurfacePourbaix.energies", SPD.energies, dict(pH=7.0, U=0.3, scale="SHE")),
    ("sp.SurfacePourbaix.grid", SPD.grid, dict(pH=[0.0, 7.0], U=[0.0, 0.5], scale="SHE")),
    ("sp.SurfacePourbaix.stable", SPD.stable, dict(pH=7.0, U=0.3, scale="SHE")),
    ("sp.SurfacePourbaix.transitions", SPD.transitions, dict(U_range=(-0.5, 2.0))),
    ("sp.SurfacePourbaix.domains", SPD.domains, dict(pH_range=(0.0, 14.0), U_range=(-1.0, 2.0), scale="SHE")),
    ("sp.bulk_pt", surface_pourbaix.bulk_pt, dict(T=298.15)),
    ("tr.thermal_voltage", transport.thermal_voltage, dict(T=298.15)),
    ("tr.nernst_planck_flux", transport.nernst_planck_flux,
     dict(D=2e-9, z=1, c=100.0, dc_dx=1e3, dphi_dx=-1e3, T=298.15)),
    ("tr.diffusion_coefficient", transport.diffusion_coefficient, dict(lam=73.48e-4, z=1, T=298.15)),
    ("tr.ion_properties", transport.ion_properties, dict(names=["K+", "Cl-"], T=298.15)),
    ("tr.ghk_current", transport.ghk_current, dict(P=1e-8, z=1, c_in=400.0, c_out=20.0, V=0.0, T=298.15)),
    ("tr.ghk_voltage", transport.ghk_voltage,
     dict(P=[1, 0.04, 0.45], c_in=[400, 50, 40], c_out=[20, 440, 560], z=[1, 1, -1], T=291.15)),
    ("tr.henderson_ljp", transport.henderson_ljp,
     dict(zip(("c_left", "c_right", "z", "D"), KCL, strict=True), T=298.15)),
    ("tr.planck_ljp", transport.planck_ljp,
     dict(zip(("c_left", "c_right", "z", "D"), KCL, strict=True), T=298.15)),
    ("tr.liquid_junction", transport.liquid_junction,
     dict(zip(("c_left", "c_right", "z", "D"), KCL, strict=True), length=1e-3, t_end=100.0, n_cells=8, n_times=3,
          T=298.15, rtol=1e-6, atol=1e-10)),
    ("tr.ionic_strength", transport.ionic_strength, dict(c=[100.0, 100.0], z=[2, -2])),
    ("tr.debye_length", transport.debye_length, dict(c=[100.0, 100.0], z=[1, -1], T=298.15, eps_r=78.36)),
    ("tr.gouy_chapman_potential", transport.gouy_chapman_potential,
     dict(x=1e-9, phi0=0.05, c=10.0, z=1, T=298.15, eps_r=78.36)),
    ("tr.gouy_chapman_charge", transport.gouy_chapman_charge, dict(phi0=0.05, c=10.0, z=1, T=298.15, eps_r=78.36)),
    ("tr.gouy_chapman_capacitance", transport.gouy_chapman_capacitance,
     dict(phi0=0.05, c=10.0, z=1, T=298.15, eps_r=78.36)),
    ("tr.pnp_double_layer", transport.pnp_double_layer,
     dict(phi0=0.05, c_bulk=[10.0, 10.0], z=[1, -1], D=[1.334e-9, 2.032e-9], T=298.15, eps_r=78.36,
          length=3e-8, n_cells=20, t_end=1e-6, n_times=3, rtol=1e-6)),
]

# dict arguments get explicit cases in SPECIFIC
SKIP_GENERIC = {("pb.Species", "counts")}
# inf is a valid limiting current (no mass-transport limit)
INF_OK = {(c, n, "inf") for c in ("kin.butler_volmer_mass_transport", "kin.current_at_potential",
                                  "kin.fit_butler_volmer") for n in ("i_lim_a", "i_lim_c")}
# free-text labels: any string is valid, only a non-string is bad
FREE_TEXT = {("pb.Species", "name"), ("pb.Species", "dataset"), ("pb.Species", "source"),
             ("pb.make_species", "name"), ("pb.make_species", "dataset"), ("pb.make_species", "source"),
             ("pb.SolidSolution", "name"), ("ons.check_onsager", "name"), ("sp.Configuration", "name"),
             ("sp.Configuration", "surface"), ("sp.Configuration", "source"), ("sp.make_configuration", "name")}


def _numeric(x):
    if isinstance(x, (bool, np.bool_, str, dict)) or x is None:
        return False
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return False
    return arr.size > 0


def _with_first(x, bad):
    arr = np.array(x, dtype=float)
    arr.flat[0] = bad
    return float(arr) if arr.ndim == 0 else arr.tolist()


def _generic_cases():
    cases = []
    for cid, fn, kw in CALLS:
        for name, val in kw.items():
            if (cid, name) in SKIP_GENERIC:
                continue
            if _numeric(val):
                for tag, bad in (("nan", NaN), ("inf", INF), ("neginf", -INF)):
                    if (cid, name, tag) not in INF_OK:
                        cases.append(pytest.param(fn, kw, name, _with_first(val, bad), id=f"{cid}-{name}-{tag}"))
            elif isinstance(val, str):
                if (cid, name) not in FREE_TEXT:
                    cases.append(pytest.param(fn, kw, name, "no-such-name", id=f"{cid}-{name}-unknown"))
                if (cid, name) != ("sp.make_configuration", "name"):     # any label, str() applied
                    cases.append(pytest.param(fn, kw, name, 12345, id=f"{cid}-{name}-wrongtype"))
    return cases


def _call(fn, kw, name, bad):
    args = dict(kw)
    args[name] = bad
    return fn(**args)


@pytest.mark.parametrize("cid, fn, kw", [pytest.param(*c, id=c[0]) for c in CALLS])
def test_valid_example_calls_run(cid, fn, kw):
    """The reference calls of Part B are valid, so each failure below is about its argument."""
    assert fn(**kw) is not None


@pytest.mark.parametrize("fn, kw, name, bad", _generic_cases())
def test_nan_inf_unknown_and_wrong_type_raise_valueerror_naming_the_parameter(fn, kw, name, bad):
    with pytest.raises(ValueError) as exc:
        _call(fn, kw, name, bad)
    msg = str(exc.value)
    assert re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", msg), msg
    # and says what is valid
    assert re.search(r"[\[(][^\])]*,[^\])]*[\])]|finite|one of|must be|known", msg), msg


# explicit out-of-range, shape and type cases: (call id, argument, bad value, regex the message must match)
SPECIFIC = [
    ("co2.carbonate_fractions", "pH", 17.0, r"pH must be in \[-2, 16\]"),
    ("co2.pre_equilibrium_gibbs", "T", -1.0, r"T must be in \(0, inf\)"),
    ("co2.pre_equilibrium_gibbs", "ratio", 0.0, r"ratio must be in \(0, inf\)"),
    ("co2.pre_equilibrium_shift", "n", 1.5, r"n must be a whole number >= 1"),
    ("co2.gibbs_formation", "species", ["CO2(g)"], r"species must be one of"),
    ("co2.equilibrium_potential", "scale", "NHE", r"scale must be one of"),
    ("dis.dissolution_free_energy", "activity", -1e-3, r"activity must be in \(0, inf\)"),
    ("dis.gibbs_thomson_shift", "gamma", -1.0, r"gamma must be in \[0, inf\)"),
    ("dis.particle_diameter", "N", 0.5, r"N must be in \[1, inf\)"),
    ("dis.emt_bulk", "metal", "Fe", r"metal must be one of"),
    ("dis.emt_cluster_energies", "shapes", ((3, 2),), r"shapes must be .*cutoff <= \(length - 1\)/2"),
    ("dis.emt_cluster_energies", "shapes", ((3.5, 1),), r"shapes must be .*whole numbers"),
    ("dis.emt_cluster_energies", "shapes", "13", r"shapes must be"),
    ("dis.emt_cluster_energies", "shapes", (), r"shapes must be"),
    ("dis.fit_cluster_excess", "N", [13, 13, 13], r"N must hold at least 2 distinct"),
    ("dis.fit_cluster_excess", "E_exc", [1.0, 2.0], r"N and E_exc must be 1-D arrays of the same length"),
    ("kin.butler_volmer", "alpha_a", 0.0, r"alpha_a must be in \(0, 5\]"),
    ("kin.butler_volmer", "eta", 100.0, r"eta must satisfy"),
    ("kin.limiting_current", "c_bulk", -1.0, r"c_bulk must be in \[0, inf\)"),
    ("kin.limiting_current", "n", 0, r"n must be in \[1, inf\)"),
    ("kin.butler_volmer_mass_transport", "i_lim_c", 0.0, r"i_lim_c must be in \(0, inf\]"),
    ("kin.overpotential", "R_u", -1.0, r"R_u must be in \[0, inf\)"),
    ("kin.fit_tafel", "eta", [-0.2, 0.3, -0.4], r"eta must be all positive .* or all negative"),
    ("kin.fit_tafel", "eta", [-0.2, -0.2, -0.2], r"eta must hold at least 2 distinct"),
    ("kin.fit_tafel", "i", [-1e-4, -1e-5, -1e-6], r"i must grow in magnitude"),
    ("kin.fit_tafel", "T", [298.15, 300.0], r"T must be a single number"),
    ("kin.fit_butler_volmer", "fit_R_u", "yes", r"fit_R_u must be True or False"),
    ("kin.fit_butler_volmer", "p0", (0.0, 0.5), r"p0 must be 3 starting values"),
    ("kin.fit_butler_volmer", "p0", (0.0, -0.5, 0.5), r"p0\[1:\] \(alpha_a, alpha_c\) must be in \(0, 5\]"),
    ("kin.fit_butler_volmer", "E_eq", [0.0, 0.1], r"E_eq must be a single number"),
    ("kin.mhc_rate", "direction", "sideways", r"direction must be 'oxidation' or 'reduction'"),
    ("kin.mhc_rate", "T", [300.0, 310.0], r"T must be a single number"),
    ("kin.KineticFit.ci95", "name", "i0_err", r"name must be one of \('log10_i0'"),
    ("ons.check_onsager", "L", [[1.0, 2.0], [2.0, 1.0]], r"L must be positive semidefinite"),
    ("ons.check_onsager", "L", [1.0, 2.0], r"L must be a square matrix"),
    ("ons.check_onsager", "rtol", -1e-3, r"rtol must be in \[0, 1\]"),
    ("ons.check_onsager", "name", 5, r"name must be a string"),
    ("ons.is_admissible", "rtol", 2.0, r"rtol must be in \[0, 1\]"),
    ("ons.fluxes", "X", [1.0, 2.0, 3.0], r"X must have a last axis of length 2"),
    ("ons.fluxes", "reciprocal", "no", r"reciprocal must be True or False"),
    ("ons.max_efficiency", "q", 1.5, r"q must be in \[-1, 1\]"),
    ("ons.conversion_efficiency", "load", -0.1, r"load must be in \[0, 1\]"),
    ("ons.onsager_from_measurements", "t_plus", 1.0, r"t_plus must be in \(0, 1\)"),
    ("ons.onsager_from_measurements", "nu", (1, 2), r"nu must make the salt neutral"),
    ("ons.conductivity", "z", [1, 0], r"z must be non-zero"),
    ("pb.parse_formula", "formula", "Fe(OH", r"formula .* unbalanced brackets"),
    ("pb.parse_formula", "formula", "Fe-2", r"formula .* not elements"),
    ("pb.Species", "charge", 1.5, r"charge must be a whole number in \[-10, 10\]"),
    ("pb.Species", "counts", {"Fe": -1}, r"counts\['Fe'\] must be in \[0, inf\)"),
    ("pb.Species", "counts", ["Fe"], r"counts must be a dict"),
    ("pb.Species", "name", None, r"name must be a string"),
    ("pb.Species.gibbs_formation", "T", 0.0, r"T must be in \(0, inf\)"),
    ("pb.make_species", "phase", "plasma", r"phase must be one of"),
    ("pb.make_species", "charge", 0.5, r"charge must be a whole number"),
    ("pb.load_species", "elements", ["Xx"], r"unknown element 'Xx'; elements with data"),
    ("pb.load_species", "elements", 26, r"elements must be a metal symbol or a list"),
    ("pb.load_species", "dataset", 3, r"dataset must be None, a string or a dict"),
    ("pb.water_lines", "p_O2", 0.0, r"p_O2 must be in \(0, inf\)"),
    ("pb.water_lines", "water", "H2O", r"water must be a Species"),
    ("pb.transformed_gibbs", "sp", "Fe2+", r"sp must be a Species"),
    ("pb.transformed_gibbs", "E", 6.0, r"E must be in \[-5, 5\]"),
    ("pb.reaction", "red", TAB["nbs82:Cr3+"], r"ox and red must contain the same metals"),
    ("pb.reaction", "ox", None, r"ox must be a Species"),
    ("pb.boundary_line", "sp2", "Fe", r"sp2 must be a Species"),
    ("pb.boundary_line", "activity", 0.0, r"activity must be in \(0, inf\)"),
    ("pb.Pourbaix", "T", 2000.0, r"T must be in \(0, 1000\]"),
    ("pb.Pourbaix", "ion_activity", 0.0, r"ion_activity must be in \(0, 10\]"),
    ("pb.Pourbaix", "species", "Xx", r"unknown element 'Xx'"),
    ("pb.Pourbaix.grid", "pH", [[0.0, 1.0]], r"pH and E must be 1-D axes"),
    ("pb.Pourbaix.stable", "pH", [1.0, 2.0], r"pH must be a single number"),
    ("pb.Pourbaix.domains", "pH_range", (14.0, 0.0), r"pH_range must be an increasing \(lo, hi\) pair"),
    ("pb.Pourbaix.domains", "E_range", (-1.0, 0.0, 1.0), r"E_range must be an increasing \(lo, hi\) pair"),
    ("pb.Pourbaix.boundaries", "E_range", (-9.0, 1.0), r"E_range must be in \[-5, 5\]"),
    ("pb.Pourbaix.line", "name_a", "Fe7+", r"name_a must be one of \["),
    ("pb.Pourbaix.line", "name_b", "Fe2+", r"name_a and name_b .* never change order"),
    ("pb.SolidSolution", "interaction", {("Fe2O3", "Cr2O3"): NaN}, r"interaction must be finite"),
    ("pb.SolidSolution", "interaction", {"Fe2O3": 1.0}, r"interaction keys must be \(name_i, name_j\) pairs"),
    ("pb.Pourbaix", "activities", {"Fe2+": NaN}, r"activity of Fe2\+ must be finite"),
    ("pb.Pourbaix", "activities", [("Fe2+", 1e-3)], r"activities must be None or a dict"),
    ("pb.load_species", "dataset", "crc", r"dataset: no species of 'Fe' in data set 'crc'"),
    ("pb.SolidSolution", "n_grid", 0, r"n_grid must be in \[1, inf\)"),
    ("pb.SolidSolution", "endmembers", "Fe2O3", r"endmembers must be a list of species names"),
    ("pb.SolidSolution", "interaction", 1e9, r"interaction must be in \[-1e\+06, 1e\+06\]"),
    ("pb.AlloyPourbaix", "composition", {"Cu": -0.5, "Zn": 0.5}, r"composition\[Cu\] must be in \(0, inf\)"),
    ("pb.AlloyPourbaix", "composition", [0.5, 0.5], r"composition must be a dict"),
    ("pb.AlloyPourbaix", "solutions", ["corundum"], r"solutions must be None or a list of SolidSolution"),
    ("pb.AlloyPourbaix.solve", "tol", 0.0, r"tol must be in \(0, 1\]"),
    ("pb.AlloyPourbaix.grid", "compositions", [[0.5, -0.5]], r"compositions must be in \(0, inf\)"),
    ("pb.AlloyPourbaix.grid", "compositions", [[0.5, 0.3, 0.2]], r"compositions must have shape"),
    ("pb.AlloyPourbaix.labels_of", "present", np.ones(2, dtype=bool), r"present must be a boolean array"),
    ("pb.AlloyPourbaix.labels_of", "present", np.ones(len(ALLOY.phase_names)), r"present must be a boolean"),
    ("sp.Configuration", "theta_O", 4.0, r"theta_O must be in \[0, 3\]"),
    ("sp.Configuration", "dG0", 1e7, r"dG0 must be in \[-2e\+06, 2e\+06\]"),
    ("sp.Configuration", "name", 3, r"name must be a string"),
    ("sp.make_configuration", "dG_eV", 25.0, r"dG_eV must be in \[-20, 20\]"),
    ("sp.load_configurations", "surface", "Au(111)", r"surface must be one of \['Pt\(111\)'\]"),
    ("sp.load_configurations", "surface", ["Pt(111)"], r"surface must be one of"),
    ("sp.she_from_rhe", "U_rhe", 7.0, r"U_rhe must be in \[-6.5, 6.5\]"),
    ("sp.grand_potential", "n", 11.0, r"n must be in \[-5, 10\]"),
    ("sp.SurfacePourbaix", "configs", 5, r"configs must be a surface name or a non-empty list"),
    ("sp.SurfacePourbaix", "configs", [], r"configs must be a surface name or a non-empty list"),
    ("sp.SurfacePourbaix.stable", "U", [0.1, 0.2], r"U must be a single number"),
    ("sp.SurfacePourbaix.grid", "U", [[0.0]], r"pH and U must be 1-D axes"),
    ("sp.SurfacePourbaix.transitions", "U_range", (1.0, 0.0), r"U_range must be an increasing \(lo, hi\) pair"),
    ("sp.SurfacePourbaix.domains", "scale", "rhe", r"scale must be 'SHE' or 'RHE'"),
    ("sp.SurfacePourbaix.domains", "pH_range", (0.0, 30.0), r"pH_range must be in \[-5, 20\]"),
    ("sp.bulk_pt", "T", -5.0, r"T must be in \(0, inf\)"),
    ("tr.thermal_voltage", "T", 0.0, r"T must be in \(0, inf\)"),
    ("tr.nernst_planck_flux", "c", -1.0, r"c must be in \[0, inf\)"),
    ("tr.diffusion_coefficient", "z", 0, r"z must be non-zero"),
    ("tr.ion_properties", "names", ["K+", "Xx+"], r"names: unknown ion\(s\) \['Xx\+'\]; known:"),
    ("tr.ion_properties", "names", "K+", r"names must be a sequence of ion ids"),
    ("tr.ion_properties", "names", [["K+"]], r"names must be a sequence of ion ids"),
    ("tr.ghk_current", "V", 3.0, r"V must be in \[-2, 2\]"),
    ("tr.ghk_current", "z", 1.5, r"z must be a non-zero whole number"),
    ("tr.ghk_voltage", "P", [1.0, 0.04], r"ion arrays must broadcast together"),
    ("tr.henderson_ljp", "c_left", [100.0, 50.0], r"c_left must be electroneutral"),
    ("tr.planck_ljp", "z", [2, -2], r"z must be \+1 or -1"),
    ("tr.liquid_junction", "n_cells", 9, r"n_cells must be an even number >= 8"),
    ("tr.liquid_junction", "length", 0.0, r"length must be in \(0, inf\)"),
    ("tr.liquid_junction", "rtol", 0.5, r"rtol must be in \[1e-13, 0.01\]"),
    ("tr.ionic_strength", "c", [-1.0, 1.0], r"c must be in \[0, inf\)"),
    ("tr.ionic_strength", "z", [1, -1, 1], r"ion arrays must broadcast together"),
    ("tr.debye_length", "c", [0.0, 0.0], r"c must contain ions"),
    ("tr.debye_length", "eps_r", 0.0, r"eps_r must be in \(0, inf\)"),
    ("tr.gouy_chapman_potential", "x", -1e-9, r"x must be in \[0, inf\)"),
    ("tr.gouy_chapman_charge", "z", 5, r"z must be in \[1, 4\]"),
    ("tr.gouy_chapman_capacitance", "phi0", 2.0, r"phi0 must be in \[-1, 1\]"),
    ("tr.pnp_double_layer", "phi0", 0.5, r"phi0 must be in \[-0.3, 0.3\]"),
    ("tr.pnp_double_layer", "n_cells", 10, r"n_cells must be in \[20, inf\)"),
    ("tr.pnp_double_layer", "length", 1e-9, r"length must be >= 5 Debye lengths"),
    ("tr.pnp_double_layer", "c_bulk", [10.0, 5.0], r"c_bulk must be electroneutral"),
]
_BY_ID = {cid: (fn, kw) for cid, fn, kw in CALLS}


@pytest.mark.parametrize("cid, name, bad, pattern", SPECIFIC,
                         ids=[f"{c}-{n}-{i}" for i, (c, n, _, _) in enumerate(SPECIFIC)])
def test_out_of_range_and_wrong_shape_raise_valueerror_with_the_valid_range(cid, name, bad, pattern):
    fn, kw = _BY_ID[cid]
    with pytest.raises(ValueError, match=pattern):
        _call(fn, kw, name, bad)


def test_every_public_function_of_these_modules_has_a_bad_input_case():
    """Part B covers every public function, class and method of the seven modules."""
    import inspect
    covered = {cid.split(".", 1)[1] for cid, _, _ in CALLS}
    missing = []
    for mod in (co2, dis, kinetics, onsager, pourbaix, surface_pourbaix, transport):
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            records = {"TafelFit", "KineticFit", "JunctionSolution", "DoubleLayerSolution"}
            # no arguments at all: emt_table, species_table; write_emt_table: its path, tested below
            if name not in covered and name not in records and name not in {"write_emt_table", "emt_table",
                                                                            "species_table"}:
                missing.append(f"{mod.__name__}.{name}")
            if inspect.isclass(obj):
                for m, member in vars(obj).items():
                    # pair_W has no arguments (its object's fields are checked at construction)
                    if not m.startswith("_") and inspect.isfunction(member) and f"{name}.{m}" not in covered \
                            and f"{name}.{m}" != "SolidSolution.pair_W":
                        missing.append(f"{mod.__name__}.{name}.{m}")
    assert not missing, missing


def test_functions_without_numeric_arguments_reject_wrong_types(tmp_path):
    with pytest.raises(ValueError, match="path must be None"):
        dis.write_emt_table(3.5)
    assert isinstance(pourbaix.species_table(), dict)      # no arguments to get wrong


@pytest.mark.parametrize("bad", [dict(b=-0.1), dict(b=NaN), dict(alpha_err=-1.0), dict(n_points=2),
                                 dict(log10_i0=INF)])
def test_tafel_fit_record_rejects_unphysical_fields(bad):
    good = dict(b=0.118, b_err=0.001, alpha=0.5, alpha_err=0.004, log10_i0=-8.0, log10_i0_err=0.01, n_points=5)
    assert kinetics.TafelFit(**good).i0 == pytest.approx(1e-8, rel=1e-12)
    name = next(iter(bad))
    with pytest.raises(ValueError, match=name):
        kinetics.TafelFit(**{**good, **bad})


def test_result_records_reject_inconsistent_shapes():
    fit = _fit()
    with pytest.raises(ValueError, match="covariance must be a"):
        kinetics.KineticFit(**{**fit.__dict__, "covariance": np.zeros((2, 2))})
    with pytest.raises(ValueError, match="alpha_a must be finite"):
        kinetics.KineticFit(**{**fit.__dict__, "alpha_a": NaN})
    x, t = np.linspace(0, 1, 4), np.array([0.0, 1.0])
    good = dict(x=x, t=t, c=np.ones((2, 2, 4)), phi=np.zeros((2, 4)), E_j=np.zeros(2), n_rhs=3)
    assert transport.JunctionSolution(**good).n_rhs == 3
    with pytest.raises(ValueError, match="phi must have shape"):
        transport.JunctionSolution(**{**good, "phi": np.zeros((3, 4))})
    with pytest.raises(ValueError, match="t must be a non-empty, non-decreasing"):
        transport.JunctionSolution(**{**good, "t": np.array([1.0, 0.0])})
    dl = dict(x=x, t=t, c=np.ones((2, 2, 4)), phi=np.zeros((2, 4)), sigma=np.zeros(2), debye_length=1e-9)
    assert transport.DoubleLayerSolution(**dl).debye_length == 1e-9
    with pytest.raises(ValueError, match="debye_length must be"):
        transport.DoubleLayerSolution(**{**dl, "debye_length": -1.0})
    with pytest.raises(ValueError, match="c must be finite"):
        transport.DoubleLayerSolution(**{**dl, "c": np.full((2, 2, 4), NaN)})


def test_emt_constants_are_consistent():
    # eV per atom in J/mol, from e and N_A (independent of the module constant)
    assert dis.EV_PER_ATOM == pytest.approx(1.602176634e-19 * 6.02214076e23, rel=1e-12)
    assert N_A * e == pytest.approx(F, rel=1e-12)
