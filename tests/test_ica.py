"""Tests of chapter 03 (incremental capacity analysis). Expected values are
closed forms (F/4RT, the logistic peak and its variance, the bin average of
the ideal peak), textbook numbers (Bard & Faulkner 2001: the 90.6 mV width of
a Nernstian surface wave), published parameters (Verbrugge et al. 2017 MSMR
graphite), or second routes (finite differences of the OCV, quadrature)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echemlab import ageing as ag
from echemlab import ica
from echemlab import intercalation as ic
from echemlab.constants import F, R

T0 = 298.15
xs = st.floats(1e-4, 1 - 1e-4)
temps = st.floats(200.0, 500.0)


def test_ideal_peak_height_is_F_over_4RT():
    assert ica.incremental_capacity(0.5, T0, 0.0) == pytest.approx(F / (4 * R * T0), rel=1e-14)
    assert ica.peak_height(T0, 0.0, q=3.0) == pytest.approx(3 * F / (4 * R * T0), rel=1e-14)


@settings(max_examples=60)
@given(x=st.floats(0.01, 0.99), T=temps, w=st.floats(0.0, 1.9))
def test_ic_is_inverse_slope_of_ocv(x, T, w):
    # second route: -dx/dU from central differences of the regular-solution OCV (chapter 01)
    om = w * R * T
    h = 1e-6
    slope = (ic.ocv(x + h, T, 0.0, om) - ic.ocv(x - h, T, 0.0, om)) / (2 * h)
    assert ica.incremental_capacity(x, T, om) == pytest.approx(-1 / slope, rel=1e-5)


@given(T=temps, w=st.floats(0.0, 1.99))
def test_peak_height_divergence(T, w):
    # h(Omega) (1 - Omega/2RT) = h(0): diverges as Omega -> 2RT
    om = w * R * T
    assert ica.peak_height(T, om) * (1 - om / (2 * R * T)) == pytest.approx(ica.peak_height(T, 0.0), rel=1e-10)
    # the peak is the maximum of the IC over x
    xg = np.linspace(0.01, 0.99, 99)
    assert np.all(ica.incremental_capacity(xg, T, om) <= ica.peak_height(T, om) * (1 + 1e-12))


def test_peak_height_rejects_two_phase():
    with pytest.raises(ValueError, match="^omega must be < 2RT"):
        ica.peak_height(T0, 2 * R * T0)


def test_ideal_fwhm_textbook_value():
    # Bard & Faulkner (2001), ch. 14: a Nernstian surface wave has FWHM 3.53 RT/nF = 90.6 mV/n at 25 degC
    assert ica.ideal_fwhm(T0) * 1e3 == pytest.approx(90.6, abs=0.05)
    # and the numerical width of the equilibrium IC agrees
    U = np.linspace(3.2, 3.6, 40001)
    g = ica.equilibrium_incremental_capacity(U, T0, 3.4, 0.0)
    above = U[g >= 0.5 * g.max()]
    assert above[-1] - above[0] == pytest.approx(ica.ideal_fwhm(T0), abs=2e-5)


@pytest.mark.parametrize("w", [0.0, 1.0, 1.9, 2.5, 4.0])
def test_charge_is_conserved_under_the_ic_curve(w):
    # integral of the continuous IC over U plus the delta peak = q (all sites filled)
    om = w * R * T0
    U = np.linspace(2.4, 4.4, 200001)
    g = ica.equilibrium_incremental_capacity(U, T0, 3.4, om, q=2.0)
    total = np.trapezoid(g, U) + ica.delta_peak_area(T0, om, q=2.0)
    assert total == pytest.approx(2.0, rel=2e-4)
    assert (ica.delta_peak_area(T0, om) > 0) == (w > 2)


@settings(max_examples=60)
@given(U=st.floats(3.0, 3.8), T=temps, w=st.floats(0.0, 5.0))
def test_composition_inverts_the_ocv(U, T, w):
    om = w * R * T
    x = ica.composition_at_potential(U, T, 3.4, om)
    if 0.0 < x < 1.0 and U != 3.4:
        # x near 0 or 1 is stored to 1e-16 absolute: that limits the recovered U
        tol = 1e-9 + R * T / F * 2.3e-16 / min(x, 1 - x)
        assert ic.ocv(x, T, 3.4, om) == pytest.approx(U, abs=tol)
        gap = ic.binodal(T, om)
        if gap is not None:  # a stable branch, outside the miscibility gap
            assert x <= gap[0] + 1e-12 or x >= gap[1] - 1e-12


def test_fast_table_agrees_with_bisection():
    U = np.linspace(3.1, 3.7, 3001)
    for om in (0.0, 4e3, 5.2e3, 11e3):
        np.testing.assert_allclose(ica._fast_composition(U, T0, 3.4, om),
                                   ica.composition_at_potential(U, T0, 3.4, om), atol=1e-6)


def test_particle_spread_adds_variance_and_keeps_area():
    # ideal-solution IC in U is a logistic density with variance (pi^2/3)(RT/F)^2;
    # a Gaussian spread sigma adds sigma^2 and conserves the area q
    sigma = 0.02
    U = np.linspace(2.9, 3.9, 20001)
    g = ica.apparent_incremental_capacity(U, T0, 3.4, 0.0, sigma=sigma)
    area = np.trapezoid(g, U)
    mean = np.trapezoid(U * g, U) / area
    var = np.trapezoid((U - mean) ** 2 * g, U) / area
    assert area == pytest.approx(1.0, rel=1e-6)
    assert mean == pytest.approx(3.4, abs=1e-9)
    assert var == pytest.approx(math.pi ** 2 / 3 * (R * T0 / F) ** 2 + sigma ** 2, rel=1e-4)


def test_delta_peak_becomes_gaussian_of_gap_area():
    om, sigma = 8 * R * T0, 0.01   # gap nearly the whole range: x_b ~ 3e-4
    U = np.linspace(3.2, 3.6, 8001)
    g = ica.apparent_incremental_capacity(U, T0, 3.4, om, sigma=sigma)
    area = ica.delta_peak_area(T0, om)
    assert g.max() == pytest.approx(area / (sigma * math.sqrt(2 * math.pi)), rel=2e-3)
    assert U[np.argmax(g)] == pytest.approx(3.4, abs=6e-5)  # one grid step


@given(shift=st.floats(-0.05, 0.05))
def test_ohmic_drop_shifts_rigidly(shift):
    U = np.linspace(3.2, 3.6, 41)
    a = ica.apparent_incremental_capacity(U + shift, T0, 3.4, 2e3, sigma=0.005, shift=shift)
    b = ica.apparent_incremental_capacity(U, T0, 3.4, 2e3, sigma=0.005)
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(U=st.floats(3.1, 3.7), sigma=st.floats(0.0, 0.03), w=st.floats(0.0, 4.0))
def test_apparent_fraction_bounded_and_monotone(U, sigma, w):
    x1 = ica.apparent_fraction(U, T0, 3.4, w * R * T0, sigma)
    x2 = ica.apparent_fraction(U + 0.01, T0, 3.4, w * R * T0, sigma)
    assert 0.0 <= x2 <= x1 + 1e-9 <= 1.0 + 1e-9


def test_msmr_graphite_published_table():
    # Verbrugge et al. 2017, Table 1 (paper not read): the values as transcribed, identically, in two independent
    # code bases -- PyBaMM src/pybamm/input/parameters/lithium_ion/MSMR_example_set.py (commit 446ea15) and
    # whileman133/LMB_Toolkit GEN1_UTILITY/MSMR.m, MSMR.C6() (commit 48f3803); six graphite reactions
    U0, X, w = ica.msmr_graphite()
    np.testing.assert_allclose(U0, [0.08843, 0.12799, 0.14331, 0.16984, 0.21446, 0.36325])
    np.testing.assert_allclose(X, [0.43336, 0.23963, 0.15018, 0.05462, 0.06744, 0.05476])
    np.testing.assert_allclose(w, [0.08611, 0.08009, 0.72469, 2.53277, 0.09470, 5.97354])
    assert ica.msmr_fraction(-5.0) == pytest.approx(X.sum(), rel=1e-9)
    # independent of any transcription: site fractions sum to 1 (to the 5 digits printed)
    assert X.sum() == pytest.approx(1.0, abs=2e-5)


@given(U=st.floats(0.0, 0.6), T=st.floats(250, 350))
def test_msmr_ic_is_derivative(U, T):
    h = 1e-7
    num = -(ica.msmr_fraction(U + h, T) - ica.msmr_fraction(U - h, T)) / (2 * h)
    assert ica.msmr_incremental_capacity(U, T) == pytest.approx(num, rel=1e-5, abs=1e-4)


@given(w=st.floats(0.05, 1.0), X=st.floats(0.1, 1.0), T=temps)
def test_msmr_single_reaction_is_regular_solution_peak(w, X, T):
    # peak of one MSMR reaction X F/(4 w RT) = X times the regular-solution peak at Omega = 2RT(1 - w)
    h = ica.msmr_incremental_capacity(0.2, T, 1.0, [0.2], [X], [w])
    assert h == pytest.approx(X * ica.peak_height(T, ica.msmr_equivalent_omega(w, T)), rel=1e-10)


def test_binned_ideal_peak_is_bin_average():
    # noise-free ideal data; the bin centred on E0 holds q[x(E0 - b/2) - x(E0 + b/2)], i.e.
    # dQ/dV = q tanh(F b / 4RT) / b (derived in the lecture)
    b = 0.02
    U = np.linspace(3.4 - 0.25, 3.4 + 0.25, 200001)   # 25 bins: bin 12 centred on 3.4
    x = ica.composition_at_potential(U, T0, 3.4, 0.0)
    centres, g = ica.dqdv_binned(U, 1.0 - x, b)   # charge passed on delithiation as U rises
    k = int(np.argmin(abs(centres - 3.4)))
    assert centres[k] == pytest.approx(3.4, abs=1e-12)
    assert g[k] == pytest.approx(math.tanh(F * b / (4 * R * T0)) / b, rel=1e-4)


@given(slope=st.floats(0.1, 10.0), b=st.floats(0.001, 0.05))
def test_binned_linear_curve_exact(slope, b):
    Q = np.linspace(0.0, 1.0, 2001)
    centres, g = ica.dqdv_binned(3.0 + Q / slope, Q, b)
    np.testing.assert_allclose(g, slope, rtol=1e-7)  # exact for piecewise-linear data (to rounding)


def test_savgol_exact_for_cubic():
    Q = np.linspace(0.0, 2.0, 201)
    V = 3.0 + 0.4 * Q - 0.1 * Q ** 2 + 0.02 * Q ** 3
    _, g = ica.dqdv_savgol(V, Q, 21, 3)
    np.testing.assert_allclose(g, 1 / (0.4 - 0.2 * Q + 0.06 * Q ** 2), rtol=1e-9)


def test_savgol_noise_vs_window_tradeoff():
    # longer windows: less noise (independent estimate: scatter of the result around the truth)
    Q = np.linspace(0.0, 1.0, 2001)
    V = 3.0 + 0.5 * Q
    Vn = ica.add_noise(V, 1e-3, seed=4)
    err = [np.std(ica.dqdv_savgol(Vn, Q, wlen, 2)[1] - 2.0) for wlen in (11, 51, 201)]
    assert err[0] > err[1] > err[2]


def test_add_noise_deterministic_and_calibrated():
    V = np.zeros(200000)
    n1 = ica.add_noise(V, 2e-3, seed=11)
    assert np.array_equal(n1, ica.add_noise(V, 2e-3, seed=11))
    assert np.std(n1) == pytest.approx(2e-3, rel=0.01)
    assert np.allclose(ica.add_noise(V[:10] + 0.00123, 0.0, resolution=1e-3), 0.001)


def test_cell_curve_dvdq_matches_numerical_derivative():
    c = ica.cell_curve(n=4001)
    num = np.gradient(c["V"], c["Q"])
    np.testing.assert_allclose(c["dvdq"][5:-5], num[5:-5], rtol=2e-3)
    assert c["V"][0] == pytest.approx(2.5, abs=1e-9) and c["V"][-1] == pytest.approx(4.2, abs=1e-9)


def test_degradation_modes_as_dubarry_describes():
    fresh = ica.cell_curve()
    lli = ica.cell_curve(ica.degraded_design(lli=0.1))
    lam_pe = ica.cell_curve(ica.degraded_design(lam_pe=0.1))
    lam_ne = ica.cell_curve(ica.degraded_design(lam_ne=0.05))
    lam_pe_li = ica.cell_curve(ica.degraded_design(lam_pe=0.1, lithiated=True))
    # LLI costs capacity; it slides the electrodes against each other (x at 4.2 V falls)
    assert lli["capacity"] < 0.95 * fresh["capacity"]
    assert lli["window"]["x100"] < fresh["window"]["x100"]
    # delithiated LAM is (almost) hidden in the capacity while the other electrode limits...
    assert lam_pe["capacity"] == pytest.approx(fresh["capacity"], rel=0.01)
    assert lam_ne["capacity"] == pytest.approx(fresh["capacity"], rel=0.01)
    # ...but not in dQ/dV: the curve changes shape
    grid = np.linspace(3.5, 4.15, 200)
    for aged in (lam_pe, lam_ne):
        diff = np.interp(grid, aged["V"], aged["dqdv"]) - np.interp(grid, fresh["V"], fresh["dqdv"])
        assert np.max(np.abs(diff)) > 0.05 * np.max(fresh["dqdv"])
    # lithiated LAM takes its lithium along: a capacity loss
    assert lam_pe_li["capacity"] < 0.95 * fresh["capacity"]
    # enough LAM_NE makes the graphite the limiting electrode: it fills before 4.2 V (plating risk)
    heavy = ica.cell_curve(ica.degraded_design(lam_ne=0.2))
    assert heavy["window"]["limit_high"].startswith("negative electrode full")
    assert heavy["capacity"] < fresh["capacity"]


def test_fit_recovers_degradation_modes():
    truth = {"lli": 0.10, "lam_ne": 0.03, "lam_pe": 0.12}
    c = ica.cell_curve(ica.degraded_design(**truth), n=600)
    V = ica.add_noise(c["V"], 1e-3, seed=2)
    fit = ica.fit_degradation_modes(c["Q"], V)
    for k, val in truth.items():
        assert fit[k] == pytest.approx(val, abs=0.01)
    assert fit["rms"] == pytest.approx(1e-3, rel=0.2)


@given(lli=st.floats(0.0, 0.3), lam_ne=st.floats(0.0, 0.3), lam_pe=st.floats(0.0, 0.3), lith=st.booleans())
def test_degraded_design_scales(lli, lam_ne, lam_pe, lith):
    d0, d, w = ag.lgm50_design(), ica.degraded_design(lli, lam_ne, lam_pe, lithiated=lith), ag.lgm50_window()
    assert d["q_n"] == pytest.approx(d0["q_n"] * (1 - lam_ne))
    assert d["q_p"] == pytest.approx(d0["q_p"] * (1 - lam_pe))
    # lithium bookkeeping: the lost hosts take their lithium at the state of loss
    x_l, y_l = (w["x100"], w["y0"]) if lith else (w["x0"], w["y100"])
    lost = lli * d0["n_li"] + lam_ne * d0["q_n"] * x_l + lam_pe * d0["q_p"] * y_l
    assert d0["n_li"] - d["n_li"] == pytest.approx(lost, rel=1e-9, abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(lli=st.floats(0.0, 0.3), lam_ne=st.floats(0.0, 0.3), lam_pe=st.floats(0.0, 0.3))
def test_cell_curve_properties(lli, lam_ne, lam_pe):
    c = ica.cell_curve(ica.degraded_design(lli, lam_ne, lam_pe), n=200)
    assert np.all(np.diff(c["V"]) > 0) and np.all(c["dqdv"] > 0)
    assert c["capacity"] <= ica.cell_curve(n=50)["capacity"] * (1 + 1e-12)
    # charge is conserved: the area under dQ/dV equals the capacity
    assert np.trapezoid(c["dqdv"], c["V"]) == pytest.approx(c["capacity"], rel=1e-3)


@pytest.mark.parametrize("func, args, name", [
    (ica.incremental_capacity, (0.0, 300.0, 0.0), "x"),
    (ica.incremental_capacity, (0.5, -1.0, 0.0), "T"),
    (ica.incremental_capacity, (0.5, 300.0, float("nan")), "omega"),
    (ica.incremental_capacity, (0.5, 300.0, 0.0, 0.0), "q"),
    (ica.peak_height, (0.0, 0.0), "T"),
    (ica.ideal_fwhm, (float("nan"),), "T"),
    (ica.delta_peak_area, (300.0, 1e4, -1.0), "q"),
    (ica.composition_at_potential, (float("inf"), 300.0, 3.4, 0.0), "U"),
    (ica.composition_at_potential, (3.4, 300.0, float("nan"), 0.0), "E0"),
    (ica.apparent_fraction, (3.4, 300.0, 3.4, 0.0, -0.01), "sigma"),
    (ica.apparent_fraction, (3.4, 300.0, 3.4, 0.0, 0.01, float("nan")), "shift"),
    (ica.apparent_incremental_capacity, (3.4, 300.0, 3.4, 0.0, 0.0), "q"),
    (ica.msmr_fraction, (float("nan"),), "U"),
    (ica.msmr_fraction, (0.1, 298.15, [0.1], [0.5], [0.0]), "w"),
    (ica.msmr_fraction, (0.1, 298.15, [0.1, 0.2], [0.7, 0.6], [1.0, 1.0]), "X"),
    (ica.msmr_incremental_capacity, (0.1, 298.15, -1.0), "q"),
    (ica.msmr_equivalent_omega, (0.0,), "w"),
    (ica.dqdv_binned, (np.linspace(3, 4, 10), np.linspace(0, 1, 10), 0.0), "bin_width"),
    (ica.dqdv_binned, (np.linspace(3, 4, 10), np.linspace(0, 1, 9), 0.1), "V and Q"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 50), 10), "window"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 50) ** 2, 11), "Q"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 50), 11, 0), "polyorder"),
    (ica.add_noise, (np.ones(3), -1e-3), "noise"),
    (ica.add_noise, (np.ones(3), 1e-3, -1), "seed"),
    (ica.degraded_design, (1.0,), "lli"),
    (ica.degraded_design, (0.0, -0.1), "lam_ne"),
    (ica.degraded_design, (0.0, 0.0, 0.95), "lam_pe"),
    (ica.cell_curve, (None, 3), "n"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        func(*args)
