"""Unit and property tests of echemlab.nernst. Expected values are analytic
or cited, never the code's own output."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from echemlab import nernst
from echemlab.constants import F, R

# CODATA 2018 exact values: R = N_A k_B, F = N_A e
R_CODATA = 6.02214076e23 * 1.380649e-23
F_CODATA = 6.02214076e23 * 1.602176634e-19

finite = dict(allow_nan=False, allow_infinity=False)
activities = st.floats(1e-12, 1e6, **finite)
temps = st.floats(1.0, 2000.0, **finite)
ns = st.integers(1, 8)


def test_constants_are_codata_exact():
    assert R == pytest.approx(R_CODATA, rel=1e-15)
    assert F == pytest.approx(F_CODATA, rel=1e-15)


def test_slope_59_16_mV_at_25C():
    # textbook value: RT ln10 / F = 59.16 mV at 25 degC (Bard & Faulkner 2001, sec. 2.1)
    assert nernst.nernst_slope(1, 298.15) * 1e3 == pytest.approx(59.16, abs=0.005)
    assert nernst.nernst_slope(2, 298.15) * 1e3 == pytest.approx(29.58, abs=0.005)


def test_equal_activities_give_standard_potential():
    assert nernst.nernst_potential(0.771, 1, 0.3, 0.3) == pytest.approx(0.771, abs=1e-15)


def test_potassium_equilibrium_potential_textbook():
    # K+: 400 mM inside, 20 mM outside (squid axon, Hodgkin & Katz 1949 order of
    # magnitude): E_K = (RT/F) ln(20/400) = -77.0 mV at 25 degC (hand calculation:
    # 25.693 mV * ln(0.05) = 25.693 * -2.9957 = -76.97 mV)
    e = nernst.equilibrium_potential_difference(0.400, 0.020, 1, 298.15)
    assert e * 1e3 == pytest.approx(-76.97, abs=0.01)


def test_standard_potential_from_gibbs_cu():
    # NBS (Wagman 1982): dGf(Cu2+) = 65.49 kJ/mol -> E0 = 65490/(2 F) = 0.3394 V;
    # CRC series gives 0.3419 V: independent tables agree within 3 mV.
    assert nernst.standard_potential(-65490.0, 2) == pytest.approx(0.3419, abs=0.003)


@given(E0=st.floats(-3, 3, **finite), n=ns, a=activities, b=activities, T=temps)
def test_nernst_antisymmetric_in_ox_red(E0, n, a, b, T):
    e1 = nernst.nernst_potential(E0, n, a, b, T)
    e2 = nernst.nernst_potential(E0, n, b, a, T)
    assert (e1 - E0) == pytest.approx(-(e2 - E0), abs=1e-12)


@given(E0=st.floats(-3, 3, **finite), n=ns, a=activities, T=temps, k=st.integers(-6, 6))
def test_decade_changes_by_slope(E0, n, a, T, k):
    e1 = nernst.nernst_potential(E0, n, a, 1.0, T)
    e2 = nernst.nernst_potential(E0, n, a * 10.0**k, 1.0, T)
    assert e2 - e1 == pytest.approx(k * R * T * math.log(10) / (n * F), abs=1e-12)


@given(E=st.floats(-5, 5, **finite), n=ns)
def test_gibbs_and_potential_are_inverse(E, n):
    assert nernst.standard_potential(nernst.reaction_gibbs(E, n), n) == pytest.approx(E, abs=1e-12)


def test_vectorized():
    out = nernst.nernst_potential(0.0, 1, np.array([1.0, 10.0]), np.array([1.0, 1.0]))
    assert out.shape == (2,)


@pytest.mark.parametrize("kwargs, name", [
    (dict(E0=0.7, n=0, ox=1, red=1), "n"),
    (dict(E0=0.7, n=1.5, ox=1, red=1), "n"),
    (dict(E0=0.7, n=1, ox=-1, red=1), "ox"),
    (dict(E0=0.7, n=1, ox=1, red=0), "red"),
    (dict(E0=0.7, n=1, ox=1, red=1, T=0), "T"),
    (dict(E0=0.7, n=1, ox=1, red=1, T=-5), "T"),
    (dict(E0=float("nan"), n=1, ox=1, red=1), "E0"),
    (dict(E0=0.7, n=1, ox=np.array([1.0, np.nan]), red=1), "ox"),
    (dict(E0="abc", n=1, ox=1, red=1), "E0"),
])
def test_bad_input_names_parameter(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        nernst.nernst_potential(**kwargs)


@given(bad=st.one_of(st.floats(max_value=0.0, allow_nan=False), st.just(float("nan")),
                     st.just(float("inf"))))
def test_any_nonpositive_activity_rejected(bad):
    with pytest.raises(ValueError, match="ox must"):
        nernst.nernst_potential(0.0, 1, bad, 1.0)
    with pytest.raises(ValueError, match="a_alpha must"):
        nernst.equilibrium_potential_difference(bad, 1.0, 1)


def test_charge_zero_rejected():
    with pytest.raises(ValueError, match="z must be non-zero"):
        nernst.equilibrium_potential_difference(1.0, 2.0, 0)


@given(mu=st.floats(-1e6, 1e6, **finite), z=st.integers(-3, 3), phi=st.floats(-5, 5, **finite))
def test_electrochemical_potential_linear_in_phi(mu, z, phi):
    assert nernst.electrochemical_potential(mu, z, phi) - mu == pytest.approx(z * F * phi, abs=1e-6)
