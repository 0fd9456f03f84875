"""Tests of echemlab.solid_ionics (chapter 04). Expected values come from
analytic limits, hand calculations written out here, published tables (Crank
1975; NIST-JANAF), or a second, independent route (vacancy picture vs oxide-ion
picture, numerical PDE vs series) -- never from the code's own output."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echemlab import solid_ionics as si
from echemlab.constants import F, R

finite = dict(allow_nan=False, allow_infinity=False)
sig = st.floats(1e-3, 1e3, **finite)
sig0 = st.floats(0.0, 1e3, **finite)
temps = st.floats(600.0, 1400.0, **finite)
logp = st.floats(-44.0, 3.0, **finite)


def rt4f(T):
    return R * T / (4 * F)


# ---- local relations -------------------------------------------------------------

def test_ambipolar_is_series_combination():
    # 1/sigma_amb = 1/sigma_ion + 1/sigma_el (two resistors in series)
    assert si.ambipolar_conductivity(3.0, 6.0) == pytest.approx(1 / (1 / 3 + 1 / 6), rel=1e-15)
    assert si.ambipolar_conductivity(5.0, 0.0) == 0.0
    assert si.ambipolar_conductivity(5.0, 1e12) == pytest.approx(5.0, rel=1e-10)


@given(s_i=sig, s_e=sig)
def test_ambipolar_bounds_and_transference(s_i, s_e):
    amb = si.ambipolar_conductivity(s_i, s_e)
    assert amb <= min(s_i, s_e) * (1 + 1e-12)
    assert amb >= 0.5 * min(s_i, s_e) * (1 - 1e-12)
    t = si.transference_number(s_i, s_e)
    assert 0 < t < 1
    assert amb == pytest.approx(s_i * (1 - t), rel=1e-12)


@given(dmu=st.floats(-1e8, 1e8, **finite).filter(lambda q: q == 0 or abs(q) > 1e-6), s_i=sig, s_e=sig0)
def test_zero_current_and_vacancy_picture(dmu, s_i, s_e):
    g = si.zero_current_gradients(dmu, s_i, s_e)
    # zero net current
    assert g["i_ion"] + g["i_el"] == pytest.approx(0.0, abs=1e-9 * (abs(g["i_ion"]) + 1e-30))
    # oxide-ion flux j = i/(zF), z = -2
    assert g["j_O"] == pytest.approx(-g["i_ion"] / (2 * F), rel=1e-12, abs=1e-300)
    # independent route: vacancies (z = +2) at fixed concentration feel only the field,
    # i_V = -(sigma/(2F)) * 2F dphi/dx, and carry oxygen the other way: j_O = -j_V = -i_V/(2F)
    i_V = -s_i * g["dphi_dx"]
    assert g["j_O"] == pytest.approx(-i_V / (2 * F), rel=1e-9, abs=1e-300)
    # electrons: d mu~_e = d mu_e - F dphi with d mu_e = -(1/2) d mu_O (fixed vacancies)
    assert g["dmu_e_dx"] == pytest.approx(-0.5 * dmu - F * g["dphi_dx"], rel=1e-9, abs=1e-9 * abs(dmu))


def test_pure_ionic_conductor_has_full_field():
    g = si.zero_current_gradients(2e5, 1.0, 0.0)
    assert g["j_O"] == 0.0 and g["dphi_dx"] == 0.0 and g["dmu_e_dx"] == -1e5


# ---- conductivity data and power laws ---------------------------------------------

def test_ysz_ionic_conductivity_about_0p1_S_per_cm_at_1000C():
    # 8YSZ: ~0.1 S/cm at 1000 degC, the textbook value; hand: 3.34e4 exp(-10300/1273.15) S/m
    # NB the constants (attributed to Ferguson et al. 1996) are UNVERIFIED (no readable source found): this test
    # checks the transcription and the textbook order of magnitude, not the published fit
    c = si.conductivities("YSZ8", 1273.15)
    assert c["sigma_ion"] == pytest.approx(3.34e4 * math.exp(-10300 / 1273.15), rel=1e-12)
    assert 8.0 < c["sigma_ion"] < 12.0


def test_ysz_electronic_park_blumenthal_with_atm_to_bar():
    # Park & Blumenthal: sigma_n = 1.31e7 S/cm exp(-3.88 eV/kT) pO2[atm]^-1/4; at 1 bar = 1/1.01325 atm
    # NB these constants are UNVERIFIED (paper not read): the test checks S/cm -> S/m and atm -> bar only
    T = 1273.15
    kT = 8.617333262e-5 * T  # eV (CODATA k_B/e)
    expect_n = 1.31e9 * math.exp(-3.88 / kT) * (1 / 1.01325) ** -0.25
    expect_p = 2.35e4 * math.exp(-1.67 / kT) * (1 / 1.01325) ** 0.25
    c = si.conductivities("YSZ8", T)
    assert c["sigma_n1"] == pytest.approx(expect_n, rel=1e-8)
    assert c["sigma_p1"] == pytest.approx(expect_p, rel=1e-8)


def test_gdc_ionic_anchor_0p01_S_per_cm_at_500C():
    # the 0.01 S/cm (attributed to Steele 2000) is UNVERIFIED; this checks that the table reproduces it
    assert si.conductivities("GDC10", 773.15)["sigma_ion"] == pytest.approx(1.0, rel=1e-4)


def test_unverified_values_are_flagged_in_data_and_lecture():
    # every conductivity row not read in a source must say so in its note, and the lecture must say so in its text
    import json
    from pathlib import Path

    import echemlab as el

    rows = el.data.load_table("solid_ionics_conductivity")
    unverified = {k for k, r in rows.items() if r["verified"] == "no"}
    assert unverified == {"YSZ8_ion", "YSZ8_n", "YSZ8_p", "GDC10_ion"}
    assert all(rows[k]["note"].startswith("unverified:") for k in unverified)
    for key in ("si04_park1989", "si04_ferguson1996", "si04_steele2000"):
        assert "unverified" in el.data.citation(key)
    nb = json.loads((Path(__file__).parents[1] / "notebooks" / "04_solid_state_ionics.ipynb").read_text())
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for phrase in ("**Still unverified**", "Ferguson", "Park and Blumenthal", "Steele 2000",
                   "authors could not be identified",
                   "depends on **one** unverified number"):
        assert phrase in md, phrase


def test_unknown_material():
    with pytest.raises(ValueError, match="^material must be one of"):
        si.conductivities("LSCF", 1000.0)


@given(lp=logp, sn=sig0, sp=sig0)
def test_electronic_power_law_slopes(lp, sn, sp):
    p = 10.0**lp
    s = si.electronic_conductivity(p, sn, sp)
    assert s == pytest.approx(sn * p**-0.25 + sp * p**0.25, rel=1e-12)


def test_electrolytic_domain_gives_half_transference():
    pn, pp = si.electrolytic_domain(2.0, sigma_n1=1e-4, sigma_p1=1.0)
    assert pn == pytest.approx(5e-5**4, rel=1e-12) and pp == pytest.approx(16.0, rel=1e-12)
    assert si.transference_number(2.0, si.electronic_conductivity(pn, 1e-4)) == pytest.approx(0.5, rel=1e-12)
    assert si.transference_number(2.0, si.electronic_conductivity(pp, 0.0, 1.0)) == pytest.approx(0.5, rel=1e-12)


# ---- Nernst, OCV --------------------------------------------------------------------

def test_nernst_hand_value():
    # (RT/4F) ln(0.21/1e-20) at 1073.15 K: 23.12 mV * 44.49 = 1.0287 V (hand calculation)
    assert si.nernst_voltage(0.21, 1e-20, 1073.15) == pytest.approx(
        8.314462618 * 1073.15 / (4 * 96485.33212) * math.log(0.21e20), rel=1e-9)


def test_ocv_pure_n_type_closed_form():
    # t_ion = z/(z + a), z = p^1/4, a = p_n^1/4: E = (RT/F) ln((z' + a)/(z'' + a))
    T, s_i, s_n = 900.0, 3.0, 3e-5   # a = 1e-5, p_n = 1e-20
    p1, p2 = 0.21, 1e-25
    expect = R * T / F * math.log((p1**0.25 + 1e-5) / (p2**0.25 + 1e-5))
    assert si.open_circuit_voltage(p1, p2, T, s_i, s_n) == pytest.approx(expect, rel=1e-11)
    assert si.open_circuit_voltage_exact(p1, p2, T, s_i, s_n) == pytest.approx(expect, rel=1e-12)


def test_ocv_schmalzried_limit():
    # a << b: E -> (RT/F)[ln((a + z')/(a + z'')) + ln((b + z'')/(b + z'))] (Schmalzried 1963)
    T, s_i, s_n, s_p = 1000.0, 1.0, 1e-6, 1e-4
    a, b = s_n / s_i, s_i / s_p
    p1, p2 = 100.0, 1e-30
    z1, z2 = p1**0.25, p2**0.25
    expect = R * T / F * (math.log((a + z1) / (a + z2)) + math.log((b + z2) / (b + z1)))
    E = si.open_circuit_voltage_exact(p1, p2, T, s_i, s_n, s_p)
    assert E == pytest.approx(expect, rel=1e-6)  # neglected terms O(a/b) = 1e-10
    assert si.open_circuit_voltage(p1, p2, T, s_i, s_n, s_p) == pytest.approx(E, rel=1e-10)


def test_ocv_no_electrolytic_domain_branch():
    # b < 4a (arctan branch of the closed form) checked against adaptive quadrature
    from scipy.integrate import quad
    T, s_i, s_n, s_p = 1000.0, 1.0, 0.5, 4.0   # a = 0.5, b = 0.25
    f = lambda u: s_i / (s_i + s_n * math.exp(-u / 4) + s_p * math.exp(u / 4))  # noqa: E731
    expect = rt4f(T) * quad(f, math.log(1e-10), math.log(10.0), epsabs=0, epsrel=1e-13)[0]
    assert si.open_circuit_voltage_exact(10.0, 1e-10, T, s_i, s_n, s_p) == pytest.approx(expect, rel=1e-10)


@settings(max_examples=60, deadline=None)
@given(l1=logp, l2=logp, T=temps, s_i=sig, ln_=st.floats(-12, 2), lp_=st.floats(-10, 2),
       has_n=st.booleans(), has_p=st.booleans())
def test_ocv_numeric_equals_closed_form_and_bounded(l1, l2, T, s_i, ln_, lp_, has_n, has_p):
    hi, lo = 10.0 ** max(l1, l2), 10.0 ** min(l1, l2)
    s_n, s_p = (10.0**ln_ if has_n else 0.0), (10.0**lp_ if has_p else 0.0)
    E = si.open_circuit_voltage(hi, lo, T, s_i, s_n, s_p)
    Ex = si.open_circuit_voltage_exact(hi, lo, T, s_i, s_n, s_p)
    EN = si.nernst_voltage(hi, lo, T)
    assert E == pytest.approx(Ex, rel=1e-9, abs=1e-13)
    assert -1e-13 <= E <= EN + 1e-13


def test_ocv_with_callable_conductivity():
    # sigma_el = s6 p^-1/6 (free-electron / -1/6 regime): t_el = w/(1 + w), w = (s6/s_i) e^{-u/6}
    # int t_ion du = 6 [ln(1 + 1/w)]... hand: int_{u2}^{u1} 1/(1 + c e^{-u/6}) du = 6 ln((e^{u1/6} + c)/(e^{u2/6} + c))
    T, s_i, s6 = 1000.0, 1.0, 1e-4
    p1, p2 = 1.0, 1e-24
    c = s6 / s_i
    expect = rt4f(T) * 6 * math.log((p1 ** (1 / 6) + c) / (p2 ** (1 / 6) + c))
    E = si.open_circuit_voltage(p1, p2, T, s_i, sigma_el=lambda p: s6 * p ** (-1 / 6))
    assert E == pytest.approx(expect, rel=1e-10)


# ---- Wagner flux ----------------------------------------------------------------------

def test_flux_electron_rich_limit():
    # sigma_el >> sigma_ion: J = RT sigma_ion ln(p'/p'') / (16 F^2 L)
    T, L, s_i = 1123.15, 1e-3, 0.5
    expect = R * T * s_i * math.log(0.21 / 1e-3) / (16 * F**2 * L)
    J = si.oxygen_permeation_flux(0.21, 1e-3, L, T, s_i, sigma_p1=1e7)
    assert J == pytest.approx(expect, rel=1e-6)


def test_flux_ion_rich_limit():
    # sigma_el << sigma_ion: J = RT/(4 F^2 L) [sigma_p1 (p'^1/4 - p''^1/4) + sigma_n1 (p''^-1/4 - p'^-1/4)]
    T, L, s_i, s_n, s_p = 1273.15, 2e-4, 10.0, 1e-9, 1e-5
    p1, p2 = 1.0, 1e-16
    expect = R * T / (4 * F**2 * L) * (s_p * (p1**0.25 - p2**0.25) + s_n * (p2**-0.25 - p1**-0.25))
    assert si.oxygen_permeation_flux(p1, p2, L, T, s_i, s_n, s_p) == pytest.approx(expect, rel=1e-4)
    assert si.oxygen_permeation_flux_exact(p1, p2, L, T, s_i, s_n, s_p) == pytest.approx(expect, rel=1e-4)


def test_flux_is_leak_current_of_ocv_shortfall():
    # J_O2 = sigma_ion (E_N - E) / (4 F L): the internal short circuit
    T, L, s_i, s_n = 873.15, 1e-5, 2.7, 6e-5
    p1, p2 = 0.21, 1e-24
    EN, E = si.nernst_voltage(p1, p2, T), si.open_circuit_voltage(p1, p2, T, s_i, s_n)
    J = si.oxygen_permeation_flux(p1, p2, L, T, s_i, s_n)
    assert J == pytest.approx(s_i * (EN - E) / (4 * F * L), rel=1e-8)


@settings(max_examples=60, deadline=None)
@given(l1=logp, l2=logp, T=temps, s_i=sig, ln_=st.floats(-12, 2), lp_=st.floats(-10, 2),
       L=st.floats(1e-6, 1e-2), has_p=st.booleans())
def test_flux_numeric_vs_exact_sign_and_scaling(l1, l2, T, s_i, ln_, lp_, L, has_p):
    s_n, s_p = 10.0**ln_, (10.0**lp_ if has_p else 0.0)
    p1, p2 = 10.0**l1, 10.0**l2
    J = si.oxygen_permeation_flux(p1, p2, L, T, s_i, s_n, s_p)
    Jx = si.oxygen_permeation_flux_exact(p1, p2, L, T, s_i, s_n, s_p)
    # the closed form loses digits as ~1e-16/|ln(p'/p'')| when the two pressures nearly coincide
    assert J == pytest.approx(Jx, rel=1e-8 + 1e-15 / max(abs(l1 - l2), 1e-300), abs=1e-300)
    assert np.sign(J) == np.sign(l1 - l2) or J == 0.0          # downhill in pO2
    assert si.oxygen_permeation_flux(p2, p1, L, T, s_i, s_n, s_p) == pytest.approx(-J, rel=1e-12, abs=1e-300)
    assert si.oxygen_permeation_flux(p1, p2, 2 * L, T, s_i, s_n, s_p) == pytest.approx(J / 2, rel=1e-12,
                                                                                         abs=1e-300)


def test_flux_vectorized():
    L = np.array([1e-4, 1e-3, 1e-2])
    J = si.oxygen_permeation_flux(0.21, 1e-20, L, 1073.15, 2.0, 1e-4)
    assert J.shape == (3,)
    np.testing.assert_allclose(J * L, J[0] * L[0], rtol=1e-12)


# ---- profiles ------------------------------------------------------------------------------

def test_profile_endpoints_and_consistency():
    T, s_i, s_n, s_p = 1073.15, 2.0, 1e-4, 1e-6
    p1, p2 = 0.21, 1e-20
    pr = si.membrane_profiles(p1, p2, T, s_i, s_n, s_p, n=801)
    assert pr["x"][0] == 0.0 and pr["x"][-1] == pytest.approx(1.0, abs=1e-14)
    assert np.all(np.diff(pr["x"]) > 0)
    assert pr["pO2"][0] == pytest.approx(p1) and pr["pO2"][-1] == pytest.approx(p2)
    assert pr["ocv"] == pytest.approx(si.open_circuit_voltage(p1, p2, T, s_i, s_n, s_p), rel=1e-10)
    assert pr["E"][0] == pytest.approx(pr["ocv"]) and pr["E"][-1] == 0.0
    # inner potential: phi(0) - phi(L) = -(E_N - E)
    assert pr["phi"][0] == pytest.approx(-(pr["nernst"] - pr["ocv"]), rel=1e-10)
    # local Wagner flux from the profile's slope equals the integral flux everywhere
    L = 1e-3
    u = np.log(pr["pO2"])
    x = pr["x"] * L
    s_el = s_n * pr["pO2"] ** -0.25 + s_p * pr["pO2"] ** 0.25
    amb = s_i * s_el / (s_i + s_el)
    j_local = -R * T / (16 * F**2) * amb[1:-1] * np.gradient(u, x)[1:-1]
    J = si.oxygen_permeation_flux(p1, p2, L, T, s_i, s_n, s_p)
    np.testing.assert_allclose(j_local, J, rtol=2e-2)   # finite-difference slope on a graded grid


def test_profile_electron_rich_is_linear_in_ln_p():
    # sigma_el >= 1e7 sigma_ion everywhere: sigma_amb = sigma_ion (1 - O(1e-7)), so x is linear in ln p
    pr = si.membrane_profiles(1.0, 1e-20, 1000.0, 1.0, sigma_p1=1e12, n=101)
    np.testing.assert_allclose(np.log10(pr["pO2"]), -20 * pr["x"], atol=1e-5)


def test_profile_needs_electrons():
    with pytest.raises(ValueError, match="sigma_n1 > 0 or sigma_p1 > 0"):
        si.membrane_profiles(1.0, 1e-20, 1000.0, 1.0)


# ---- gas equilibrium ------------------------------------------------------------------------

def test_h2_h2o_oxygen_activity_matches_janaf_logK():
    # JANAF H2O(g) at 1000 K: log10 Kf = 10.060 (independent column of the same table):
    # pH2O = pH2 -> log10 pO2 = -2 log10 Kf
    p = si.h2_h2o_oxygen_activity(1000.0, 0.3, 0.3)
    assert math.log10(p) == pytest.approx(-2 * 10.060, abs=2e-3)
    # JANAF 800 K: log10 Kf = 13.287
    assert math.log10(si.h2_h2o_oxygen_activity(800.0, 1.0, 1.0)) == pytest.approx(-2 * 13.287, abs=2e-3)


def test_water_gibbs_out_of_table():
    with pytest.raises(ValueError, match="^T must be in"):
        si.water_formation_gibbs(1500.0)


# ---- chemical diffusion and relaxation ---------------------------------------------------

def test_chemical_diffusion_limits():
    T = 1000.0
    # ion-rich, electron-minority: D~ -> D_e = RT sigma_el / (F^2 c_e)  (Nernst-Einstein, z = -1)
    assert si.chemical_diffusion_coefficient(1e8, 1e-3, T, 1e6, 1e-2) == pytest.approx(
        R * T * 1e-3 / (F**2 * 1e-2), rel=1e-6)
    # electron-rich, vacancy-minority: D~ -> D_V = RT sigma_ion / (4 F^2 c_V)  (z = +2)
    assert si.chemical_diffusion_coefficient(1e-3, 1e8, T, 1e-2, 1e6) == pytest.approx(
        R * T * 1e-3 / (4 * F**2 * 1e-2), rel=1e-6)


def test_relaxation_roots_crank_table():
    # Crank (1975), table 4.1, roots of beta tan beta = L for L = 1: 0.8603, 3.4256, 6.4373
    np.testing.assert_allclose(si.relaxation_roots(1.0, 3), [0.8603, 3.4256, 6.4373], atol=5e-5)
    # limits: L -> 0: beta_1 ~ sqrt(L); L -> inf: beta_n -> (n + 1/2) pi
    assert si.relaxation_roots(1e-8, 1)[0] == pytest.approx(1e-4, rel=1e-7)
    np.testing.assert_allclose(si.relaxation_roots(1e9, 4), (np.arange(4) + 0.5) * np.pi, rtol=1e-8)


def test_relaxation_diffusion_and_surface_limits():
    a, D = 5e-4, 1e-10
    t = np.logspace(0, 5, 30)
    tau = D * t / a**2
    # k -> inf: g = 1 - sum 8/((2n+1)^2 pi^2) exp(-(2n+1)^2 pi^2 tau / 4)   (Crank eq. 4.18)
    n = np.arange(2000)[:, None]
    g_diff = 1 - np.sum(8 / ((2 * n + 1) ** 2 * np.pi**2) * np.exp(-((2 * n + 1) ** 2) * np.pi**2 * tau / 4), axis=0)
    np.testing.assert_allclose(si.conductivity_relaxation(t, a, D, 1e3), g_diff, atol=2e-6)
    # D -> inf: well-stirred plate, g = 1 - exp(-k t / a)
    k = 1e-7
    np.testing.assert_allclose(si.conductivity_relaxation(t, a, 1e3, k), 1 - np.exp(-k * t / a), atol=1e-9)


def test_relaxation_short_time_sqrt_law():
    # diffusion-limited early times: g = (2/a) sqrt(D t / pi)
    a, D = 1e-3, 1e-10
    t = np.array([0.01, 0.1, 1.0])
    np.testing.assert_allclose(si.conductivity_relaxation(t, a, D, 1e2), 2 / a * np.sqrt(D * t / np.pi),
                               rtol=1e-5)


@pytest.mark.parametrize("k", [1e-8, 1e-6, 1e-5])
def test_relaxation_series_vs_pde(k):
    a, D = 5e-4, 1e-10
    t = np.logspace(0, 6, 40)
    g = si.conductivity_relaxation(t, a, D, k)
    np.testing.assert_allclose(si.conductivity_relaxation_numeric(t, a, D, k, n_cells=200), g, atol=1e-4)
    np.testing.assert_allclose(si.conductivity_relaxation_numeric(t[::8], a, D, k, n_cells=60, method="radau"),
                               g[::8], atol=2e-3)


def test_relaxation_profile_integrates_to_g():
    a, D, k, t = 5e-4, 1e-10, 1e-7, 2000.0
    x = np.linspace(0, 1, 4001)
    u = si.relaxation_profile(x, t, a, D, k)
    assert np.trapezoid(u, x) == pytest.approx(si.conductivity_relaxation(t, a, D, k), abs=1e-7)


@settings(max_examples=40, deadline=None)
@given(lD=st.floats(-13, -7), lk=st.floats(-9, -3), la=st.floats(-5, -2.7))
def test_relaxation_monotone_and_bounded(lD, lk, la):
    t = np.logspace(-2, 8, 60)
    g = si.conductivity_relaxation(t, 10**la, 10**lD, 10**lk)
    assert np.all(g >= 0) and np.all(g <= 1)
    assert np.all(np.diff(g) >= -1e-12)


def test_fit_relaxation_recovers_parameters_from_noisy_data():
    rng = np.random.default_rng(4)
    a, D, k = 4e-4, 2e-10, 3e-7
    t = np.logspace(0, 5, 60)
    clean = si.conductivity_relaxation(t, a, D, k)
    Df, kf = si.fit_relaxation(t, clean, a)
    assert Df == pytest.approx(D, rel=1e-5) and kf == pytest.approx(k, rel=1e-5)
    # with 0.2 % noise, Lambda = 0.6 (mixed control): D~ and k are correlated, so only
    # loose recovery, but the residual must be at the noise level (a least-squares optimum)
    noisy = clean + rng.normal(0, 0.002, t.size)
    Df, kf = si.fit_relaxation(t, noisy, a)
    assert Df == pytest.approx(D, rel=0.2) and kf == pytest.approx(k, rel=0.2)
    rms = np.sqrt(np.mean((si.conductivity_relaxation(t, a, Df, kf) - noisy) ** 2))
    assert rms < 0.002 * 1.1


# ---- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("func, args, name", [
    (si.ambipolar_conductivity, (-1.0, 1.0), "sigma_ion"),
    (si.ambipolar_conductivity, (1.0, float("nan")), "sigma_el"),
    (si.ambipolar_conductivity, (0.0, 0.0), "sigma_ion"),
    (si.transference_number, (1.0, -2.0), "sigma_el"),
    (si.zero_current_gradients, (float("inf"), 1.0, 1.0), "dmu_O_dx"),
    (si.electronic_conductivity, (0.0,), "pO2"),
    (si.electronic_conductivity, (1.0, -1e-3), "sigma_n1"),
    (si.electrolytic_domain, (0.0, 1e-3), "sigma_ion"),
    (si.nernst_voltage, (0.21, 1e-50, 1000.0), "pO2_low"),
    (si.nernst_voltage, (0.21, 1e-20, -5.0), "T"),
    (si.open_circuit_voltage, (0.21, 1e-20, 1000.0, 0.0), "sigma_ion"),
    (si.open_circuit_voltage, (0.21, 1e-20, 1000.0, 1.0, 1.0, 1.0, 5.0), "sigma_el"),
    (si.open_circuit_voltage_exact, (1e4, 1e-20, 1000.0, 1.0), "pO2_high"),
    (si.oxygen_permeation_flux, (0.21, 1e-20, 0.0, 1000.0, 1.0, 1e-4), "L"),
    (si.oxygen_permeation_flux, (0.21, 1e-20, 1e-3, 1000.0, 1.0, float("nan")), "sigma_n1"),
    (si.oxygen_permeation_flux_exact, (0.21, 1e-20, 1e-3, 1000.0, 1.0, 1e-4, -1.0), "sigma_p1"),
    (si.membrane_profiles, (0.21, 0.21, 1000.0, 1.0, 1e-4), "pO2_feed"),
    (si.membrane_profiles, (np.array([0.21, 1.0]), 1e-20, 1000.0, 1.0, 1e-4), "membrane_profiles"),
    (si.arrhenius_conductivity, (1000.0, 1.0, -5.0), "Ea"),
    (si.h2_h2o_oxygen_activity, (1000.0, 0.0, 0.1), "pH2"),
    (si.chemical_diffusion_coefficient, (1.0, 1.0, 1000.0, 0.0, 1.0), "c_V"),
    (si.relaxation_roots, (-1.0, 3), "Lambda"),
    (si.relaxation_roots, (1.0, 2.5), "n_terms"),
    (si.conductivity_relaxation, (-1.0, 1e-3, 1e-10, 1e-6), "t"),
    (si.conductivity_relaxation, (1.0, 1e-3, 0.0, 1e-6), "D_chem"),
    (si.conductivity_relaxation_numeric, ([1.0], 1e-3, 1e-10, 1e-6, 2), "n_cells"),
    (si.relaxation_profile, (1.5, 1e4, 1e-3, 1e-10, 1e-6), "x_over_a"),
    (si.relaxation_profile, (0.5, 1e-3, 1e-3, 1e-10, 1e-6), "t"),
    (si.fit_relaxation, ([1.0, 2.0], [0.1, 0.2], 1e-3), "t and g"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name}"):
        func(*args)


# ---- explorers ------------------------------------------------------------------------------

def test_wagner_explorer_matches_model():
    from echemlab.explorers.solid_ionics import WagnerExplorer

    ex = WagnerExplorer()
    r = ex.update(logp_feed=0.0, logp_perm=-18.0, L=5e-4, T=1073.15, sigma_ion=5.0, sigma_n1=1e-4, sigma_p1=1e-6)
    assert r["J"] == pytest.approx(si.oxygen_permeation_flux(1.0, 1e-18, 5e-4, 1073.15, 5.0, 1e-4, 1e-6),
                                   rel=1e-9)
    x, lp = ex.p_line.get_data()
    pr = si.membrane_profiles(1.0, 1e-18, 1073.15, 5.0, 1e-4, 1e-6, n=241)
    np.testing.assert_allclose(x, pr["x"])
    np.testing.assert_allclose(lp, np.log10(pr["pO2"]))


def test_relaxation_explorer_matches_model():
    from echemlab.explorers.solid_ionics import RelaxationExplorer

    ex = RelaxationExplorer()
    ex.update(D=3e-10, k=2e-7, a=3e-4)
    t, g = ex.g_line.get_data()
    np.testing.assert_allclose(g, si.conductivity_relaxation(t, 3e-4, 3e-10, 2e-7))
