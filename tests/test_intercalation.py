"""Tests of the regular-solution model. Expected values are analytic (closed
forms, limits) or come from an independent numerical route."""
import math
from functools import partial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from echemlab import intercalation as ic
from echemlab.constants import F, R

finite = dict(allow_nan=False, allow_infinity=False)
xs = st.floats(1e-6, 1 - 1e-6, **finite)
temps = st.floats(100.0, 1500.0, **finite)
omegas = st.floats(0.0, 5e4, **finite)


def test_ocv_half_filling_is_E0():
    assert ic.ocv(0.5, 298.15, 3.42, 11e3) == pytest.approx(3.42, abs=1e-15)


def test_ideal_solution_is_nernstian():
    # Omega = 0: U = E0 + (RT/F) ln((1-x)/x); at x = 1/11 the log is ln 10
    assert ic.ocv(1 / 11, 298.15, 0.0, 0.0) == pytest.approx(R * 298.15 * math.log(10) / F, rel=1e-12)


def test_critical_temperature_closed_form():
    assert ic.critical_temperature(2 * R * 500.0) == pytest.approx(500.0, rel=1e-14)


def test_spinodal_closed_form_w4():
    # Omega/RT = 4: x(1-x) = 1/8 -> x = (1 -/+ 1/sqrt 2)/2
    lo, hi = ic.spinodal(300.0, 4 * R * 300.0)
    assert lo == pytest.approx((1 - 1 / math.sqrt(2)) / 2, rel=1e-13)
    assert hi == pytest.approx((1 + 1 / math.sqrt(2)) / 2, rel=1e-13)


def test_no_gap_above_tc():
    assert ic.spinodal(301.0, 2 * R * 300.0) is None
    assert ic.binodal(301.0, 2 * R * 300.0) is None
    assert ic.hysteresis_gap(301.0, 2 * R * 300.0) == 0.0


def test_binodal_landau_limit_near_tc():
    # u^2 = 12 (w - 2)/w for w -> 2+ (third-order expansion of tanh)
    w = 2.0 + 1e-6
    u = math.sqrt(12 * (w - 2) / w)
    lo, _ = ic.binodal(300.0, w * R * 300.0)
    assert lo == pytest.approx(1 / (1 + math.exp(u)), rel=1e-9)


def test_binodal_large_omega_limit():
    # w >> 2: x_b -> exp(-w)  (u -> w)
    for w in (30.0, 200.0, 600.0):
        lo, _ = ic.binodal(100.0, w * R * 100.0)
        assert lo == pytest.approx(math.exp(-w), rel=1e-9)


def test_binodal_by_direct_minimisation():
    # independent route: a two-phase mixture of x_b and 1-x_b minimises g;
    # x_b also minimises g(x) - mu(1/2) x, i.e. min of the symmetric g_mix on (0, 1/2)
    T, om = 300.0, 3 * R * 300.0
    res = minimize_scalar(lambda x: ic.gibbs(x, T, om), bounds=(1e-6, 0.5 - 1e-6), method="bounded",
                          options={"xatol": 1e-12})
    assert ic.binodal(T, om)[0] == pytest.approx(res.x, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(T=st.floats(150.0, 900.0), w=st.floats(2.05, 18.0))  # documented range of the general solver
def test_common_tangent_agrees_with_symmetric_binodal(T, w):
    om = w * R * T
    ct = ic.common_tangent(partial(ic.gibbs, T=T, omega=om), partial(ic.chemical_potential, T=T, omega=om))
    lo, hi = ic.binodal(T, om)
    assert ct[0] == pytest.approx(lo, rel=1e-6, abs=1e-12)
    assert ct[1] == pytest.approx(hi, rel=1e-6, abs=1e-12)


@given(x=st.floats(1e-3, 1 - 1e-3), T=temps, om=omegas)
def test_mu_is_derivative_of_g(x, T, om):
    h = 1e-5 * min(x, 1 - x)
    num = (ic.gibbs(x + h, T, om) - ic.gibbs(x - h, T, om)) / (2 * h)
    assert ic.chemical_potential(x, T, om) == pytest.approx(num, rel=1e-4, abs=1e-2)


@given(a=st.floats(0.01, 0.99), b=st.floats(0.01, 0.99), T=temps, om=omegas)
def test_ocv_integrates_to_gibbs_difference(a, b, T, om):
    # -F * integral U dx = g(b) - g(a) - mu_metal (b - a), here with E0 = 0, g0 = 0
    integral, _ = quad(lambda x: ic.ocv(x, T, 0.0, om), a, b)
    assert -F * integral == pytest.approx(ic.gibbs(b, T, om) - ic.gibbs(a, T, om), rel=1e-7, abs=1e-6)


@given(x=xs, T=temps, om=omegas)
def test_ocv_symmetry(x, T, om):
    # U(x) - E0 = -(U(1-x) - E0)
    assert ic.ocv(x, T, 1.0, om) - 1.0 == pytest.approx(-(ic.ocv(1 - x, T, 1.0, om) - 1.0), abs=1e-9)


@given(T=temps, om=omegas)
def test_binodal_outside_spinodal(T, om):
    bn, sp = ic.binodal(T, om), ic.spinodal(T, om)
    assert (bn is None) == (sp is None)
    if bn:
        assert 0 < bn[0] < sp[0] < 0.5 < sp[1] < bn[1] <= 1  # x_high rounds to 1.0 below 1e-16
        # coexistence: mu(x_b) = mu(1/2) (= 0 here), the horizontal common tangent
        assert ic.chemical_potential(bn[0], T, om) == pytest.approx(0.0, abs=1e-7 * R * T + 1e-9 * om)


@given(x=xs)
def test_entropic_coefficient_is_temperature_derivative(x):
    dT = 1e-3
    num = (ic.ocv(x, 300.0 + dT, 3.0, 8e3) - ic.ocv(x, 300.0 - dT, 3.0, 8e3)) / (2 * dT)
    assert ic.entropic_coefficient(x) == pytest.approx(num, rel=1e-6, abs=1e-12)


@given(x=xs, T=temps, om=st.floats(0.0, 5e4))
def test_equilibrium_ocv_monotone_nonincreasing(x, T, om):
    xg = np.linspace(1e-4, 1 - 1e-4, 400)
    u = ic.equilibrium_ocv(xg, T, 3.0, om)
    assert np.all(np.diff(u) <= 1e-12)


def test_hysteresis_gap_lfp_closed_form():
    # w = 4.51: spinodal x(1-x) = 1/(2w); gap = 2|U(x_sp) - E0| by symmetry
    w, T = 4.51, 298.15
    x = 0.5 - math.sqrt(0.25 - 1 / (2 * w))
    expect = 2 * abs(R * T / F * (math.log((1 - x) / x) - w * (1 - 2 * x)))
    assert ic.hysteresis_gap(T, w * R * T) == pytest.approx(expect, rel=1e-12)


@pytest.mark.parametrize("func, args, name", [
    (ic.ocv, (0.0, 300, 3.4, 1e4), "x"),
    (ic.ocv, (1.0, 300, 3.4, 1e4), "x"),
    (ic.ocv, (1.2, 300, 3.4, 1e4), "x"),
    (ic.ocv, (0.5, 0.0, 3.4, 1e4), "T"),
    (ic.ocv, (0.5, 300, float("nan"), 1e4), "E0"),
    (ic.ocv, (0.5, 300, 3.4, float("inf")), "omega"),
    (ic.spinodal, (-1.0, 1e4), "T"),
    (ic.binodal, (300.0, float("nan")), "omega"),
    (ic.critical_temperature, (0.0,), "omega"),
    (ic.critical_temperature, (-5.0,), "omega"),
    (ic.gibbs, (np.array([0.2, -0.1]), 300, 1e4), "x"),
    (ic.entropic_coefficient, (0.0,), "x"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        func(*args)


def test_spinodal_rejects_arrays_clearly():
    with pytest.raises(ValueError, match="scalar T and omega"):
        ic.spinodal(np.array([300.0, 310.0]), 1e4)


def test_binodal_w3_against_mpmath():
    # independent high-precision root of u = 3 tanh(u/2) (mpmath, 30 digits)
    import mpmath as mp

    mp.mp.dps = 30
    u = mp.findroot(lambda t: t - 3 * mp.tanh(t / 2), 2.5)
    lo, hi = ic.binodal(300.0, 3 * R * 300.0)
    assert lo == pytest.approx(float(1 / (1 + mp.e**u)), rel=1e-12)
    assert hi == pytest.approx(1 - float(1 / (1 + mp.e**u)), rel=1e-12)
