"""Tests of echemlab.kinetics. Expected values are analytic (closed forms,
series limits), from an independent numerical route (root finding, numerical
differentiation, quadrature), or cited textbook numbers."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import brentq

from echemlab import kinetics as kin
from echemlab import nernst
from echemlab.constants import F, R, e, k_B

finite = dict(allow_nan=False, allow_infinity=False)
etas = st.floats(-0.8, 0.8, **finite)
i0s = st.floats(1e-8, 1e3, **finite)
alphas = st.floats(0.1, 1.5, **finite)
f25 = F / (R * 298.15)


# ---- Butler-Volmer and its limits -------------------------------------------------

@given(eta=etas, i0=i0s)
def test_symmetric_bv_is_sinh(eta, i0):
    assert kin.butler_volmer(eta, i0, 0.5, 0.5) == pytest.approx(2 * i0 * math.sinh(f25 * eta / 2),
                                                                  rel=1e-12, abs=1e-300)


def test_tafel_slope_textbook_values():
    # Bard & Faulkner (2001), sec. 3.4.3: b = 2.303 RT/(alpha F) = 118 mV for alpha = 0.5 at 25 degC
    assert kin.tafel_slope(0.5) * 1e3 == pytest.approx(118.3, abs=0.05)
    assert kin.tafel_slope(1.0) * 1e3 == pytest.approx(59.16, abs=0.005)  # = Nernst slope
    assert kin.tafel_slope(1.0) == pytest.approx(nernst.nernst_slope(1), rel=1e-14)


@given(i0=i0s, aa=alphas, ac=alphas)
def test_linear_limit_is_charge_transfer_resistance(i0, aa, ac):
    # series of BV at eta -> 0: i = i0 (aa + ac) f eta + O(eta^2)
    eta = 1e-7
    slope = (kin.butler_volmer(eta, i0, aa, ac) - kin.butler_volmer(-eta, i0, aa, ac)) / (2 * eta)
    assert 1 / slope == pytest.approx(kin.charge_transfer_resistance(i0, aa, ac), rel=1e-6)


@given(i0=i0s, aa=alphas, ac=alphas)
def test_tafel_asymptotes(i0, aa, ac):
    # far from equilibrium one exponential dominates: i -> Tafel line
    eta = 40 / (f25 * min(aa, ac))
    assert kin.butler_volmer(eta, i0, aa, ac) == pytest.approx(kin.tafel_current(eta, i0, aa), rel=1e-12)
    assert kin.butler_volmer(-eta, i0, aa, ac) == pytest.approx(kin.tafel_current(-eta, i0, ac), rel=1e-12)


@given(eta=etas.filter(lambda x: abs(x) > 1e-100), i0=i0s, aa=alphas, ac=alphas)
def test_bv_sign_and_monotonicity(eta, i0, aa, ac):
    i = kin.butler_volmer(eta, i0, aa, ac)
    assert np.sign(i) == np.sign(eta)
    assert kin.butler_volmer(eta + 1e-3, i0, aa, ac) > i


def test_zero_current_potential_is_nernst():
    # Cantera-style second route: the zero-current potential of single-step kinetics
    # i = F k0 [c_R e^{(1-a) f (E-E0)} - c_O e^{-a f (E-E0)}] equals the Nernst potential
    k0, a, E0 = 1e-5, 0.4, 0.771
    cO, cR = 3.0, 0.2

    def i(E):
        return F * k0 * (cR * math.exp((1 - a) * f25 * (E - E0)) - cO * math.exp(-a * f25 * (E - E0)))

    E_zero = brentq(i, 0.0, 1.5, xtol=1e-15)
    assert E_zero == pytest.approx(nernst.nernst_potential(E0, 1, cO, cR), abs=1e-12)


# ---- mass transport ------------------------------------------------------------------

def test_limiting_current_and_levich():
    # n F D c / delta by hand: 96485.33 * 7.2e-10 * 1 / 1e-5
    assert kin.limiting_current(1, 7.2e-10, 1.0, 1e-5) == pytest.approx(96485.33212 * 7.2e-5, rel=1e-9)
    # Levich = n F D c / delta with the RDE layer delta = 1.61 D^(1/3) omega^(-1/2) nu^(1/6)
    # (Bard & Faulkner 2001, eqs. 9.3.22-9.3.23; 0.620 = 1/1.61 to 0.2 %)
    D, om, nu = 1e-9, 167.55, 1e-6
    delta = 1.61 * D ** (1 / 3) * om ** -0.5 * nu ** (1 / 6)
    assert kin.levich_limiting_current(1, D, 2.0, om, nu) == pytest.approx(
        kin.limiting_current(1, D, 2.0, delta), rel=3e-3)


@settings(max_examples=80, deadline=None)
@given(eta=etas, i0=i0s, aa=alphas, ac=alphas, ila=st.floats(0.1, 1e4), ilc=st.floats(0.1, 1e4))
def test_bv_mass_transport_solves_its_implicit_definition(eta, i0, aa, ac, ila, ilc):
    # independent route: solve i = i0[(1 - i/ila) e^a - (1 + i/ilc) e^c] by bracketing
    a, c = aa * f25 * eta, -ac * f25 * eta

    def g(i):
        return i - i0 * ((1 - i / ila) * math.exp(a) - (1 + i / ilc) * math.exp(c))

    ref = brentq(g, -ilc, ila, xtol=1e-300, rtol=1e-14)
    got = kin.butler_volmer_mass_transport(eta, i0, aa, ac, ila, ilc)
    assert got == pytest.approx(ref, rel=1e-10, abs=1e-12 * max(ila, ilc))
    # strictly inside the limits, or (fully saturated in floating point) equal to the limit on its own side
    assert -ilc < got < ila or math.isclose(got, ila, rel_tol=1e-9) or math.isclose(got, -ilc, rel_tol=1e-9)


@given(eta=etas, i0=i0s, aa=alphas, ac=alphas)
def test_no_limit_reduces_to_bv(eta, i0, aa, ac):
    assert kin.butler_volmer_mass_transport(eta, i0, aa, ac) == pytest.approx(
        kin.butler_volmer(eta, i0, aa, ac), rel=1e-12, abs=1e-300)


# ---- iR drop and the implicit current-potential relation ------------------------------

@settings(max_examples=80, deadline=None)
@given(i=st.floats(-1e4, 1e4, **finite), i0=st.floats(1e-6, 1e3), Ru=st.floats(0.0, 1e-2))
def test_current_at_potential_inverts_closed_form(i, i0, Ru):
    # alpha_a = alpha_c = 1/2: E - E_eq = (2/f) asinh(i/(2 i0)) + i R_u exactly
    E = 2 / f25 * math.asinh(i / (2 * i0)) + i * Ru
    got = kin.current_at_potential(E, 0.0, i0, 0.5, 0.5, R_u=Ru)
    assert got == pytest.approx(i, rel=1e-9, abs=1e-9 * i0)


@settings(max_examples=60, deadline=None)
@given(i0=st.floats(1e-9, 1e4), aa=alphas, ac=alphas, Ru=st.floats(0.0, 0.1),
       il=st.one_of(st.just(math.inf), st.floats(1.0, 1e4)))
def test_current_at_potential_properties(i0, aa, ac, Ru, il):
    E = np.linspace(-1.0, 1.0, 81)
    i, eta = kin.current_at_potential(E, 0.1, i0, aa, ac, R_u=Ru, i_lim_a=il, i_lim_c=il, return_eta=True)
    # the defining relation holds to rounding
    assert np.max(np.abs(eta + i * Ru - (E - 0.1))) < 1e-12
    assert np.allclose(i, kin.butler_volmer_mass_transport(eta, i0, aa, ac, il, il), rtol=1e-12, atol=0)
    assert np.all(np.diff(i) >= -1e-12 * np.max(np.abs(i)))          # monotone in E
    away = np.abs(E - 0.1) > 1e-12
    assert np.all(np.sign(i[away]) == np.sign(E[away] - 0.1))           # anodic above E_eq
    if Ru > 0:  # ohmic bound: the ohmic drop cannot exceed the applied overpotential
        assert np.all(np.abs(i) * Ru <= np.abs(E - 0.1) * (1 + 1e-12))


def test_ohmic_limit():
    # huge i0 (reversible) and large R_u: the cell is a resistor, i = (E - E_eq)/R_u
    i = kin.current_at_potential(0.5, 0.0, 1e6, 0.5, 0.5, R_u=1.0)
    assert i == pytest.approx(0.5 / (1.0 + kin.charge_transfer_resistance(1e6, 0.5, 0.5)), rel=1e-6)


def test_overpotential_definition():
    # seed: eta = E_surface - E_eq with E_surface = U - i R_u
    assert kin.overpotential(0.9, -200.0, 5e-4, 1.0) == pytest.approx(0.9 + 0.1 - 1.0, abs=1e-15)


@given(i=st.floats(10.0, 1e4), Ru=st.floats(0.0, 1e-2))
def test_apparent_tafel_slope_by_numerical_derivative(i, Ru):
    # anodic Tafel branch E(i) = b log10(i/i0) + i R_u; differentiate numerically in log10 i
    b, i0 = 0.06, 1e-3
    E = lambda x: b * math.log10(x / i0) + x * Ru
    h = 1e-6
    num = (E(i * 10**h) - E(i * 10**-h)) / (2 * h)
    assert kin.apparent_tafel_slope(i, b, Ru) == pytest.approx(num, rel=1e-6)


# ---- fitting -------------------------------------------------------------------

def test_fit_tafel_exact_line():
    eta = np.linspace(-0.45, -0.2, 12)
    i = kin.tafel_current(eta, 3e-6, 0.42)
    fit = kin.fit_tafel(eta, i)
    assert fit.alpha == pytest.approx(0.42, rel=1e-10)
    assert fit.i0 == pytest.approx(3e-6, rel=1e-9)
    assert fit.b == pytest.approx(kin.tafel_slope(0.42), rel=1e-10)


def test_fit_butler_volmer_recovers_parameters_and_honest_errors():
    # Monte Carlo: the scatter of fitted alpha_c over noise realisations matches the reported
    # standard error (independent check of the covariance), and no bias beyond 3 sigma
    true = dict(i0=0.5, alpha_a=0.6, alpha_c=0.45, R_u=4e-4)
    E = np.linspace(-0.45, 0.45, 61)
    i_true = kin.current_at_potential(E, 0.0, true["i0"], true["alpha_a"], true["alpha_c"], R_u=true["R_u"])
    sig = 0.03 * np.abs(i_true) + 1e-3
    rng = np.random.default_rng(2024)
    fits = []
    for _ in range(25):
        i_obs = i_true + sig * rng.standard_normal(E.size)
        fits.append(kin.fit_butler_volmer(E, i_obs, R_u=true["R_u"], sigma=sig))
    ac = np.array([f.alpha_c for f in fits])
    err = np.median([f.alpha_c_err for f in fits])
    assert abs(ac.mean() - true["alpha_c"]) < 3 * err
    assert 0.5 < ac.std(ddof=1) / err < 1.6
    lg = np.array([f.log10_i0 for f in fits])
    assert abs(lg.mean() - math.log10(true["i0"])) < 3 * np.median([f.log10_i0_err for f in fits])


def test_fit_with_free_R_u():
    E = np.linspace(-0.5, 0.5, 81)
    i = kin.current_at_potential(E, 0.0, 2.0, 0.5, 0.5, R_u=1e-3)
    fit = kin.fit_butler_volmer(E, i, R_u=2e-4, fit_R_u=True, sigma=0.01 * np.abs(i) + 1e-6)
    assert fit.R_u == pytest.approx(1e-3, rel=1e-6)
    assert fit.alpha_a == pytest.approx(0.5, rel=1e-6) and fit.i0 == pytest.approx(2.0, rel=1e-6)


def test_uncorrected_iR_inflates_tafel_slope():
    # with a known R_u ignored, the fitted Tafel slope on a high-current window is too large,
    # as b_app = b + ln10 |i| R_u predicts
    E = np.linspace(-0.5, -0.3, 21)
    Ru = 5e-4
    i = kin.current_at_potential(E, 0.0, 1.0, 0.5, 0.5, R_u=Ru)
    naive = kin.fit_tafel(E, i)
    corrected = kin.fit_tafel(E - i * Ru, i)
    assert corrected.b == pytest.approx(kin.tafel_slope(0.5), rel=1e-3)
    assert naive.b > 1.2 * corrected.b


# ---- Marcus-Hush-Chidsey ----------------------------------------------------------------

LAM = 0.85 * e


@settings(max_examples=15, deadline=None)
@given(eta=st.floats(-1.0, 1.0))
def test_mhc_detailed_balance(eta):
    kT = k_B * 298.15
    ratio = kin.mhc_rate(eta, LAM) / kin.mhc_rate(eta, LAM, direction="reduction")
    assert math.log(ratio) == pytest.approx(e * eta / kT, rel=1e-8, abs=1e-8)


def test_mhc_against_direct_quadrature_and_limits():
    kT = k_B * 298.15
    lt = LAM / kT
    for eta in (-0.6, 0.0, 0.25):
        x0 = lt - e * eta / kT
        g = lambda x, x0=x0: math.exp(-(x - x0) ** 2 / (4 * lt) - np.logaddexp(0.0, x))
        ref = sum(quad(g, a, b, epsabs=0, epsrel=1e-12, limit=400)[0]
                  for a, b in [(-800, -100), (-100, 0), (0, 100), (100, 800)])
        assert kin.mhc_rate(eta, LAM) == pytest.approx(ref, rel=1e-8)
    # saturation: the whole Gaussian below the Fermi level, rate -> sqrt(4 pi lambda/kT)
    assert kin.mhc_rate(3.0, LAM) == pytest.approx(math.sqrt(4 * math.pi * lt), rel=1e-6)
    # symmetry factor exactly 1/2 at equilibrium: d ln k / d(e eta/kT) = 1/2
    h = 1e-4
    slope = (math.log(kin.mhc_rate(h * kT / e, LAM)) - math.log(kin.mhc_rate(-h * kT / e, LAM))) / (2 * h)
    assert slope == pytest.approx(0.5, abs=1e-7)


# ---- bad input --------------------------------------------------------------------

@pytest.mark.parametrize("func, args, name", [
    (kin.butler_volmer, (0.1, 0.0, 0.5, 0.5), "i0"),
    (kin.butler_volmer, (0.1, 1.0, -0.5, 0.5), "alpha_a"),
    (kin.butler_volmer, (0.1, 1.0, 0.5, 0.5, 0.0), "T"),
    (kin.butler_volmer, (np.nan, 1.0, 0.5, 0.5), "eta"),
    (kin.butler_volmer, (100.0, 1.0, 0.5, 0.5), "eta"),
    (kin.tafel_slope, (0.0,), "alpha"),
    (kin.charge_transfer_resistance, (1.0, 0.5, 0.0), "alpha_c"),
    (kin.limiting_current, (1, 1e-9, -1.0, 1e-5), "c_bulk"),
    (kin.limiting_current, (1.5, 1e-9, 1.0, 1e-5), "n"),
    (kin.levich_limiting_current, (1, 1e-9, 1.0, 0.0, 1e-6), "omega"),
    (kin.butler_volmer_mass_transport, (0.1, 1.0, 0.5, 0.5, -10.0), "i_lim_a"),
    (kin.butler_volmer_mass_transport, (0.1, 1.0, 0.5, 0.5, np.inf, np.nan), "i_lim_c"),
    (kin.overpotential, (0.5, 1.0, -1e-3, 0.0), "R_u"),
    (kin.current_at_potential, (0.5, 0.0, 1.0, 0.5, 0.5, -1.0), "R_u"),
    (kin.current_at_potential, (0.5, np.inf, 1.0, 0.5, 0.5), "E_eq"),
    (kin.fit_tafel, ([-0.1, 0.1, 0.2], [-1.0, 1.0, 2.0]), "eta"),
    (kin.fit_tafel, ([0.1, 0.2, 0.3], [1.0, -1.0, 2.0]), "i"),
    (kin.fit_butler_volmer, (np.linspace(-0.1, 0.1, 3), np.ones(3)), "E"),
    (kin.apparent_tafel_slope, (1.0, 0.0, 1e-3), "b"),
    (kin.mhc_rate, (0.1, -1.0), "reorganization_energy"),
    (kin.mhc_rate, (0.1, 1e-19, 298.15, "sideways"), "direction"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        func(*args)
