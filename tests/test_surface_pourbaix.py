"""Tests of the surface Pourbaix engine (chapter 08).

Independent expected values: the Nernst slope 2.303RT/F = 59.16 mV at 25 degC
(Bard & Faulkner 2001) and the RHE at pH 14 = -0.828 V vs SHE (same source);
hand-solved CHE transitions U = (dG_b - dG_a)/(n_b - n_a) from the table rows
(analytic, computed here from the CSV numbers, not from the engine); the
Pt2+/Pt Nernst line E = 1.20 + (0.05916/2) log10 a (E0 of Table L1, pb07_appendix_l, read
for issue #7; the CRC's 1.18 V could not be read; Nernst equation);
grid argmin vs exact polygon domains (two methods)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echemlab import data
from echemlab import pourbaix as pb
from echemlab import surface_pourbaix as sp
from echemlab.constants import F

ROWS = data.load_table("surface_pourbaix_configs")
finite = dict(allow_nan=False, allow_infinity=False)


def test_rhe_textbook():
    # RHE at pH 14: -0.0592 x 14 = -0.828 V vs SHE (Bard & Faulkner 2001)
    assert sp.she_from_rhe(0.0, 14.0) == pytest.approx(-0.8282, abs=2e-4)
    assert sp.rhe_from_she(0.0, 1.0) == pytest.approx(0.05916, abs=5e-6)


def test_che_zero_at_rhe():
    # Norskov 2004: at U = 0 V vs RHE, H+ + e- is in equilibrium with 1/2 H2
    for pH in (0.0, 3.0, 7.0, 13.0):
        assert sp.che_potential(sp.she_from_rhe(0.0, pH), pH) == pytest.approx(0.0, abs=1e-6)


def test_transitions_hand_solved_from_table():
    def row(i):
        r = ROWS[i]
        return r["dG_eV"], 2 * r["theta_O"] + r["theta_OH"] - r["theta_H"]

    def cross(a, b):
        (ga, na), (gb, nb) = row(a), row(b)
        return (gb - ga) / (nb - na)

    expected = [cross("pt111_H_1", "pt111_H_2/3"), cross("pt111_H_2/3", "pt111_H_1/3"),
                cross("pt111_H_1/3", "pt111_clean"), cross("pt111_clean", "pt111_OH_1/6"),
                cross("pt111_OH_1/6", "pt111_OH_1/3"), cross("pt111_OH_1/3", "pt111_O_1/4"),
                cross("pt111_O_1/4", "pt111_O_1/2")]
    got = [u for u, _, _ in sp.SurfacePourbaix("Pt(111)").transitions((-0.5, 2.0))]
    assert got == pytest.approx(expected, abs=1e-9)
    # the same numbers by hand: 0.108/(1/3) = 0.324 V; 0.102/(1/6) = 0.612 V
    assert got[2] == pytest.approx(0.324, abs=1e-9)
    assert got[3] == pytest.approx(0.612, abs=1e-9)


def test_model_inside_experimental_windows():
    # Pt(111) windows read for issue #7 (surface_pourbaix_checks.csv): Hupd 0.05-0.35 V (Kita et al. 1990),
    # OH above 0.55 V (Rizo et al. 2022) up to the place-exchange peak at 1.05 V (Drnec et al. 2017), V vs RHE
    chk = data.load_table("surface_pourbaix_checks")
    tr = sp.SurfacePourbaix("Pt(111)").transitions()
    u = {(a, b): x for x, a, b in tr}
    assert chk["hupd"]["lo"] - 0.05 <= u[("1 ML H*", "2/3 ML H*")] and u[("1/3 ML H*", "clean")] <= chk["hupd"]["hi"]
    assert chk["ohad"]["lo"] <= u[("clean", "1/6 ML OH*")] <= u[("1/6 ML OH*", "1/3 ML OH*")] <= chk["ohad"]["hi"]
    # O* appears within 0.05 V of the measured place-exchange peak
    assert abs(u[("1/3 ML OH*", "1/4 ML O*")] - chk["oxide"]["lo"]) <= 0.05


def test_boundaries_vertical_on_rhe_and_sloped_on_she():
    s = sp.SurfacePourbaix("Pt(111)")
    doms = s.domains((0, 14), (-0.5, 2.0), scale="RHE")
    for poly in doms.values():
        # every vertex lies on pH = 0, pH = 14 or a horizontal line U = const (RHE)
        assert np.all(np.isclose(poly[:, 0], 0) | np.isclose(poly[:, 0], 14)
                      | np.any(np.isclose(poly[:, 1][:, None], poly[:, 1][None, :]), axis=1))
    # on the SHE scale the clean/OH boundary moves by -59.16 mV per pH unit (Nernst slope)
    pH = np.array([0.0, 7.0])
    u = np.array([s.transitions()[3][0]] * 2) - 0.05916 * pH
    for p, x in zip(pH, u, strict=False):
        assert s.stable(p, x - 1e-3) == "clean" and s.stable(p, x + 1e-3) == "1/6 ML OH*"


def test_grid_agrees_with_domains():
    s = sp.SurfacePourbaix("Pt(111)")
    pH, U = np.linspace(0.3, 13.7, 23), np.linspace(-0.9, 1.9, 37)
    g = s.grid(pH, U)
    from matplotlib.path import Path

    doms = s.domains((0, 14), (-1, 2))
    for name, poly in doms.items():
        inside = Path(poly).contains_points(np.column_stack([np.tile(pH, U.size), np.repeat(U, pH.size)]),
                                            radius=-1e-9).reshape(U.size, pH.size)
        assert np.all(np.array(s.names)[g][inside] == name)


def test_bulk_pt_nernst_line():
    # Pt2+ + 2e- = Pt, E0 = 1.20 V (Table L1, pb07_appendix_l);
    # at a = 1e-6: 1.20 - 3 x 0.05916 = 1.0225 V, pH-independent
    species, water = sp.bulk_pt()
    p = pb.Pourbaix(species, ion_activity=1e-6, water=water)
    e0, slope = p.line("Pt2+", "Pt")
    assert e0 == pytest.approx(1.20 - 3 * 0.0591597, abs=1e-4) and slope == 0.0
    # Pt(OH)2/Pt: E = 0.98 - 0.05916 pH (E0 read in the table of p08_pt_reactions_web; 2 H+ per 2 e-)
    e0, slope = p.line("Pt(OH)2", "Pt")
    assert e0 == pytest.approx(0.98, abs=1e-6) and slope == pytest.approx(-0.0591597, abs=1e-6)


def test_bad_inputs():
    with pytest.raises(ValueError, match="pH"):
        sp.che_potential(0.0, 30.0)
    with pytest.raises(ValueError, match="U"):
        sp.grand_potential(0.0, 1.0, np.nan, 0.0)
    with pytest.raises(ValueError, match="scale"):
        sp.grand_potential(0.0, 1.0, 0.0, 0.0, scale="NHE")
    with pytest.raises(ValueError, match="surface"):
        sp.load_configurations("Au(111)")
    with pytest.raises(ValueError, match="theta_O"):
        sp.make_configuration("x", theta_O=-0.1)
    with pytest.raises(ValueError, match="T"):
        sp.SurfacePourbaix("Pt(111)", T=-1)


@settings(max_examples=60, deadline=None)
@given(U=st.floats(-3, 3, **finite), pH=st.floats(-2, 16, **finite), T=st.floats(250, 400, **finite),
       g=st.floats(-2, 2, **finite), n=st.floats(-2, 3, **finite))
def test_property_rhe_invariance(U, pH, T, g, n):
    # Omega depends on (U, pH) only through U_RHE: the SHE and RHE routes agree
    urhe = sp.rhe_from_she(U, pH, T)
    a = sp.grand_potential(g * F, n, U, pH, T)
    if abs(urhe) <= 5:
        b = sp.grand_potential(g * F, n, urhe, pH, T, scale="RHE")
        assert a == pytest.approx(b, abs=1e-6 * F)
    assert sp.she_from_rhe(urhe, pH, T) == pytest.approx(U, abs=1e-12)
    assert sp.che_potential(U, pH, T) * n + g * F == pytest.approx(a, abs=1e-6 * F)


@settings(max_examples=40, deadline=None)
@given(pH=st.floats(0, 14, **finite), U=st.floats(-1, 2, **finite))
def test_property_stable_is_minimum_and_monotone_n(pH, U):
    s = sp.SurfacePourbaix("Pt(111)")
    om = s.energies(pH, U)
    assert s.stable(pH, U) == s.names[int(np.argmin(om))]
    # raising U never lowers the oxidation level n of the stable state (convex lower envelope)
    n1 = s.n[s.names.index(s.stable(pH, U))]
    n2 = s.n[s.names.index(s.stable(pH, min(U + 0.1, 2.0)))]
    assert n2 >= n1 - 1e-12


@settings(max_examples=30, deadline=None)
@given(bad=st.sampled_from([np.inf, -np.inf, np.nan, 1e3]))
def test_property_bad_input_names_parameter(bad):
    with pytest.raises(ValueError, match="U"):
        sp.rhe_from_she(bad, 0.0)
    with pytest.raises(ValueError, match="pH"):
        sp.she_from_rhe(0.0, bad)
    with pytest.raises(ValueError, match="dG0"):
        sp.grand_potential(bad * 1e4, 1.0, 0.0, 0.0)


@settings(max_examples=40, deadline=None)
@given(gH=st.floats(-0.5, 0.3, **finite), gOH=st.floats(0.3, 1.2, **finite), gO=st.floats(0.8, 2.4, **finite),
       th=st.sampled_from([0.25, 1 / 3, 0.5, 1.0]))
def test_property_transitions_convex_envelope(gH, gOH, gO, th):
    # random tables: transitions climb in U and in n (the lower envelope of lines is concave in U),
    # and at each transition the two states have equal grand potential (definition of the boundary)
    cf = [sp.make_configuration("clean"), sp.make_configuration("H", theta_H=th, dG_eV=th * gH),
          sp.make_configuration("OH", theta_OH=th, dG_eV=th * gOH),
          sp.make_configuration("O", theta_O=th, dG_eV=th * gO)]
    assert [c.n for c in cf] == [0.0, -th, th, 2 * th]
    s = sp.SurfacePourbaix(cf)
    tr = s.transitions((-2.0, 3.0))
    us = [u for u, _, _ in tr]
    assert us == sorted(us)
    for u, a, b in tr:
        ea, eb = s.energies(0.0, u, scale="RHE")[[s.names.index(a), s.names.index(b)]]
        assert ea == pytest.approx(eb, abs=1e-6 * F)
        assert s.n[s.names.index(b)] > s.n[s.names.index(a)]


def test_bulk_pt_bad_temperature():
    with pytest.raises(ValueError, match="T"):
        sp.bulk_pt(T=0.0)
