"""Tests of echemlab.onsager. Expected values come from independent routes:
Sylvester's criterion, direct numerical maximisation, numerical quadrature of
the double-layer integrals, the Helmholtz-Smoluchowski and Hagen-Poiseuille
limits, Newman's closed forms, the Nernst-Hartley limit, and cited data."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.special import iv

from echemlab import onsager as on
from echemlab.constants import R, epsilon_0

finite = dict(allow_nan=False, allow_infinity=False)
pos = st.floats(1e-6, 1e6, **finite)
unit_q = st.floats(-0.999, 0.999, **finite)
EPS_W = 78.4 * epsilon_0  # water at 25 degC
ETA_W = 8.9e-4            # Pa s


def _L2(l11, l22, q):
    l12 = q * math.sqrt(l11 * l22)
    return np.array([[l11, l12], [l12, l22]])


# ---- admissibility -------------------------------------------------------------

@given(a=st.floats(-10, 10, **finite), b=st.floats(-10, 10, **finite), c=st.floats(-10, 10, **finite))
def test_admissible_2x2_matches_sylvester(a, b, c):
    # independent criterion: a symmetric 2x2 matrix is PSD iff L11 >= 0, L22 >= 0, det >= 0
    L = np.array([[a, b], [b, c]])
    det = a * c - b * b
    scale = max(abs(a), abs(c), 1e-300)
    psd = a >= 0 and c >= 0 and det >= 0
    if abs(det) < 1e-6 * scale**2 or min(a, c) > -1e-9 and min(a, c) < 1e-9:
        return  # boundary cases within the tolerance are not compared
    assert on.is_admissible(L) == psd


def test_check_onsager_messages_name_the_law():
    with pytest.raises(ValueError, match="symmetric"):
        on.check_onsager([[1.0, 0.2], [0.1, 1.0]])
    with pytest.raises(ValueError, match="positive semidefinite"):
        on.check_onsager([[1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match="square"):
        on.check_onsager([1.0, 2.0])
    with pytest.raises(ValueError, match="finite"):
        on.check_onsager([[1.0, np.nan], [np.nan, 1.0]])


def test_badly_scaled_units_do_not_hide_a_violation():
    # L11 ~ 1e-10 m/(Pa s), L22 ~ 10 S/m^2: q^2 = 1.69 must be rejected although
    # the negative eigenvalue is tiny compared with L22 in SI units
    L = _L2(1e-10, 10.0, 1.0)
    L[0, 1] = L[1, 0] = 1.3 * math.sqrt(1e-10 * 10.0)
    assert not on.is_admissible(L)
    with pytest.raises(ValueError, match="sigma = X.L.X = -"):
        on.check_onsager(L)


def test_second_law_alone_admits_antisymmetric_part():
    L = np.array([[2.0, 1.5], [-1.5, 1.0]])
    assert on.is_admissible(L, reciprocal=False)
    assert not on.is_admissible(L)
    # the antisymmetric part does no dissipation: sigma = X.Ls.X
    X = np.array([0.3, -0.7])
    Ls = 0.5 * (L + L.T)
    assert on.entropy_production(L, X, reciprocal=False) == pytest.approx(X @ Ls @ X, rel=1e-14)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(1, 4))
def test_entropy_production_nonnegative_and_equals_JX(seed, n):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    L = A @ A.T                      # positive semidefinite by construction
    X = rng.normal(size=n)
    J = on.fluxes(L, X)
    sigma = on.entropy_production(L, X)
    assert sigma >= -1e-12
    assert sigma == pytest.approx(float(J @ X), rel=1e-12, abs=1e-12)


def test_stacks_of_matrices():
    Ls = np.stack([_L2(1.0, 2.0, 0.5), _L2(3.0, 1.0, -1.2 / 1.5)])
    assert on.is_admissible(Ls).tolist() == [True, True]
    Ls[1, 0, 1] = Ls[1, 1, 0] = 2.0  # q^2 = 4/3 > 1
    assert on.is_admissible(Ls).tolist() == [True, False]
    with pytest.raises(ValueError, match="positive semidefinite"):
        on.fluxes(Ls, [1.0, 1.0])


# ---- coupling and efficiency (Kedem & Caplan 1965) -------------------------------

@given(q=unit_q)
def test_max_efficiency_by_numerical_maximisation(q):
    res = minimize_scalar(lambda r: -on.conversion_efficiency(q, r), bounds=(0, 1), method="bounded",
                          options={"xatol": 1e-12})
    assert on.max_efficiency(q) == pytest.approx(-res.fun, rel=1e-6, abs=1e-12)


def test_efficiency_limits():
    assert on.max_efficiency(0.0) == 0.0
    assert on.max_efficiency(1.0) == 1.0
    assert on.max_efficiency(-1.0) == 1.0
    assert on.conversion_efficiency(0.8, 0.0) == 0.0 and on.conversion_efficiency(0.8, 1.0) == 0.0


@settings(max_examples=60, deadline=None)
@given(l11=pos, l22=pos, q=st.floats(0.05, 0.99), r=st.floats(0.01, 0.99))
def test_efficiency_equals_power_ratio_of_actual_fluxes(l11, l22, q, r):
    # independent route: compute the fluxes for forces at load r and take -J2X2/(J1X1)
    L = _L2(l11, l22, q)
    X1 = 1.0
    X2 = -r * q * X1 * math.sqrt(l11 / l22)
    J = on.fluxes(L, [X1, X2])
    eff = -J[1] * X2 / (J[0] * X1)
    assert on.conversion_efficiency(q, r) == pytest.approx(eff, rel=1e-9)
    assert on.degree_of_coupling(L) == pytest.approx(q, rel=1e-12)


# ---- electrokinetics ---------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(l11=pos, l22=pos, q=unit_q)
def test_saxen_relation(l11, l22, q):
    L = _L2(l11, l22, q)
    assert on.streaming_potential_coefficient(L) == pytest.approx(-on.electroosmotic_flow_per_current(L),
                                                                   rel=1e-12)


def test_thin_double_layer_is_helmholtz_smoluchowski_and_poiseuille():
    # Hagen-Poiseuille L11 = pi a^4/(8 eta l); Helmholtz-Smoluchowski streaming potential
    # eps zeta/(eta sigma) (Hunter, Zeta Potential in Colloid Science, 1981, ch. 3)
    a, ell, zeta, sigma, lam = 1e-4, 1e-2, -0.05, 0.0147, 1e-8
    L = on.capillary_onsager_matrix(a, ell, zeta, sigma, ETA_W, EPS_W, lam)
    assert L[0, 0] == pytest.approx(math.pi * a**4 / (8 * ETA_W * ell), rel=1e-14)
    assert on.streaming_potential_coefficient(L) == pytest.approx(EPS_W * zeta / (ETA_W * sigma), rel=1e-3)
    # glass (zeta < 0): the high-pressure side ends up at the lower potential
    assert on.streaming_potential_coefficient(L) < 0


@pytest.mark.parametrize("ka", [0.3, 1.0, 2.5, 8.0])
def test_capillary_coefficients_by_quadrature(ka):
    # independent route: integrate the Debye-Hueckel profile psi = zeta I0(kr)/I0(ka) numerically
    a, ell, zeta, sigma = 5e-9, 1e-6, -0.02, 0.5
    lam = a / ka
    k = 1 / lam
    dpsi = lambda r: zeta * k * iv(1, k * r) / iv(0, k * r * 0 + k * a)
    int_r2_dpsi = quad(lambda r: r**2 * dpsi(r), 0, a)[0]
    int_r_dpsi2 = quad(lambda r: r * dpsi(r) ** 2, 0, a)[0]
    L = on.capillary_onsager_matrix(a, ell, zeta, sigma, ETA_W, EPS_W, lam)
    assert L[0, 1] == pytest.approx(-math.pi * EPS_W / (ETA_W * ell) * int_r2_dpsi, rel=1e-8)
    conv = 2 * math.pi * EPS_W**2 / (ETA_W * ell) * int_r_dpsi2
    assert L[1, 1] == pytest.approx(math.pi * a**2 * sigma / ell + conv, rel=1e-8)


@settings(max_examples=60, deadline=None)
@given(ka=st.floats(0.05, 300.0), zeta=st.floats(-0.5, 0.5, **finite), sigma=st.floats(1e-4, 10.0))
def test_capillary_matrix_always_admissible(ka, zeta, sigma):
    # Cauchy-Schwarz guarantees L11 L22 >= L12^2 for any double-layer profile
    a = 1e-8
    L = on.capillary_onsager_matrix(a, 1e-6, zeta, sigma, ETA_W, EPS_W, a / ka)
    assert on.is_admissible(L)
    assert L[0, 0] * L[1, 1] >= L[0, 1] ** 2


# ---- electrolytes --------------------------------------------------------------

def test_conductivity_nernst_einstein_na_plus():
    # Na+ at 25 degC (CRC): D = 1.334e-9 m^2/s and lambda0 = 50.08e-4 S m^2/mol are two
    # independently measured columns; Nernst-Einstein L = c D / R must reproduce c*lambda0
    c = 10.0
    L = np.diag([c * 1.334e-9 / R, 0.0])
    kappa = on.conductivity(L, [1, -1], 298.15)
    assert kappa == pytest.approx(c * 50.08e-4, rel=1e-3)


@settings(max_examples=50, deadline=None)
@given(Dp=st.floats(1e-10, 1e-8), Dm=st.floats(1e-10, 1e-8), c=st.floats(0.1, 1e4))
def test_uncoupled_limits(Dp, Dm, c):
    L = np.diag([c * Dp / R, c * Dm / R])
    t = on.transference_numbers(L, [1, -1])
    assert t[0] == pytest.approx(Dp / (Dp + Dm), rel=1e-12)
    assert t.sum() == pytest.approx(1.0, rel=1e-14)
    # Nernst-Hartley: D = 2 D+ D- / (D+ + D-) (Robinson & Stokes 1959, ch. 11)
    assert on.salt_diffusion_coefficient(L, [1, -1], [1, 1], c) == pytest.approx(2 * Dp * Dm / (Dp + Dm),
                                                                                   rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10**6), zc=st.integers(1, 3), za=st.integers(1, 3))
def test_salt_diffusion_by_direct_linear_solve(seed, zc, za):
    # independent route: impose grad mu of the salt, solve the zero-current condition for the
    # diffusion potential numerically, and read D off the salt flux
    rng = np.random.default_rng(seed)
    nu = np.array([za, zc]) // math.gcd(za, zc)
    z = np.array([zc, -za])
    A = rng.uniform(0.1, 1.0, size=(2, 2))
    L = A @ A.T + np.diag(rng.uniform(0.1, 1, 2))
    c, T, tf = 50.0, 298.15, 0.9
    gradc = 1.0
    g = R * T * tf * gradc / c                      # grad mu of each ion (any split works)
    # J = -(1/T) L (g + z F psi); zero current z.J = 0 -> psi
    Fpsi = np.linalg.solve(np.array([[z @ L @ z]]), -np.array([z @ L @ np.ones(2) * g]))[0]
    J = -(L @ (g + z * Fpsi)) / T
    D_direct = -J[0] / nu[0] / gradc
    D = on.salt_diffusion_coefficient(L, z, nu, c, T=T, thermo_factor=tf)
    assert D == pytest.approx(D_direct, rel=1e-10)
    assert J[0] / nu[0] == pytest.approx(J[1] / nu[1], rel=1e-10)  # the salt moves as a whole


@settings(max_examples=40, deadline=None)
@given(c=st.floats(1.0, 3000.0), D0p=st.floats(1e-10, 1e-8), D0m=st.floats(1e-10, 1e-8),
       Dpm=st.floats(1e-12, 1e-8), zc=st.integers(1, 3))
def test_stefan_maxwell_matches_newman_closed_forms(c, D0p, D0m, Dpm, zc):
    # Newman & Thomas-Alyea (2004), sec. 14.3: kappa, t+^0 and D from the Stefan-Maxwell D_ij
    z, nu = (zc, -1), (1, zc)
    c0 = 55.3e3
    L = on.stefan_maxwell_onsager(c, D0p, D0m, Dpm, c0, z=z, nu=nu)
    assert on.is_admissible(L)
    kappa, tp, d_sm = on.newman_binary_properties(c, D0p, D0m, Dpm, c0, z=z, nu=nu)
    assert on.conductivity(L, z) == pytest.approx(kappa, rel=1e-10)
    assert on.transference_numbers(L, z)[0] == pytest.approx(tp, rel=1e-10)
    # solvent-frame salt diffusivity = D_SM c_T / c0 (Newman: D = D_SM (c_T/c0)(1 + dln gamma/dln m))
    cT = c * (1 + zc) + c0
    assert on.salt_diffusion_coefficient(L, z, nu, c) == pytest.approx(d_sm * cT / c0, rel=1e-10)


def test_stefan_maxwell_dilute_limit_is_nernst_einstein():
    # c -> 0: L_ii -> c_i D0i / R and L+- -> 0
    c = 1e-3
    L = on.stefan_maxwell_onsager(c, 1.957e-9, 2.032e-9, 1e-10, 55.3e3)
    assert L[0, 0] == pytest.approx(c * 1.957e-9 / R, rel=1e-6)
    assert L[1, 1] == pytest.approx(c * 2.032e-9 / R, rel=1e-6)
    assert abs(L[0, 1]) < 1e-5 * L[0, 0]


@settings(max_examples=40, deadline=None)
@given(Lam=st.floats(1e-4, 5e-2), tp=st.floats(0.05, 0.95), D=st.floats(1e-10, 5e-9),
       c=st.floats(1.0, 2000.0), tf=st.floats(0.5, 2.0), zc=st.integers(1, 3))
def test_onsager_from_measurements_round_trip(Lam, tp, D, c, tf, zc):
    # physical inputs: molar conductivity Lam = kappa/c between 1 and 500 S cm^2/mol
    kappa = Lam * c
    z, nu = (zc, -1), (1, zc)
    L = on.onsager_from_measurements(kappa, tp, D, c, z=z, nu=nu, thermo_factor=tf)
    assert L[0, 1] == L[1, 0]
    assert on.conductivity(L, z) == pytest.approx(kappa, rel=1e-10)
    assert on.transference_numbers(L, z)[0] == pytest.approx(tp, rel=1e-10)
    assert on.salt_diffusion_coefficient(L, z, nu, c, thermo_factor=tf) == pytest.approx(D, rel=1e-10)


def test_kcl_cross_coefficient_positive_at_0p1M():
    # Miller (1966) found l+- > 0 for 1:1 chlorides at 0.1 M. Inputs: kappa(0.1 m KCl) = 1.28246 S/m
    # (NIST primary standard, Wu, Koch & Pratt 1991, verified in a transcription of the CRC table
    # 'Standard KCl solutions for calibrating conductivity cells': 12 824.6 x 1e-4 S/m at 25 degC),
    # t+ = 0.4898 (Longsworth 1932), D = 1.844e-9 m^2/s (Robinson & Stokes 1959), thermodynamic factor
    # from the Guntelberg form of Debye-Hueckel. t+, D and the Miller 1966 statement could not be re-read
    # in a readable copy of their sources: they are marked "unverified" in onsager_measurements.csv /
    # onsager_transference.csv.
    m = 0.1
    A = 0.5091 * math.log(10)
    tf = 1 - A * math.sqrt(m) / (2 * (1 + math.sqrt(m)) ** 2)
    L = on.onsager_from_measurements(1.28246, 0.4898, 1.844e-9, 99.7, thermo_factor=tf)
    assert 0 < L[0, 1] / math.sqrt(L[0, 0] * L[1, 1]) < 0.2
    # and L++ is below its infinite-dilution (Nernst-Einstein) value c D(K+)/R
    assert L[0, 0] < 99.7 * 1.957e-9 / R


# ---- bad input ---------------------------------------------------------------------

@pytest.mark.parametrize("func, args, name", [
    (on.check_onsager, ([[1.0, 2.0], [2.0, 1.0]],), "L"),
    (on.fluxes, ([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0, 3.0]), "X"),
    (on.fluxes, ([[1.0, 0.0], [0.0, 1.0]], [1.0, np.nan]), "X"),
    (on.max_efficiency, (1.2,), "q"),
    (on.conversion_efficiency, (0.5, 1.5), "load"),
    (on.degree_of_coupling, ([[1.0, 0.0], [0.0, 0.0]],), "L"),
    (on.capillary_onsager_matrix, (-1e-6, 1e-2, -0.05, 0.01, ETA_W, EPS_W, 1e-8), "radius"),
    (on.capillary_onsager_matrix, (1e-6, 1e-2, -0.05, 0.01, ETA_W, EPS_W, 0.0), "debye_length"),
    (on.capillary_onsager_matrix, (1e-6, 1e-2, -0.05, -0.01, ETA_W, EPS_W, 1e-8), "conductivity"),
    (on.conductivity, ([[1.0, 0.0], [0.0, 1.0]], [1, 0]), "z"),
    (on.conductivity, ([[1.0, 0.0], [0.0, 1.0]], [1, -1], -5.0), "T"),
    (on.salt_diffusion_coefficient, ([[1.0, 0.0], [0.0, 1.0]], [1, -1], [1, 1], 0.0), "c"),
    (on.salt_diffusion_coefficient, ([[1.0, 0.0], [0.0, 1.0]], [1, -1], [1, 2], 1.0), "nu"),
    (on.onsager_from_measurements, (1.0, 1.2, 1e-9, 10.0), "t_plus"),
    (on.onsager_from_measurements, (1.0, 0.5, -1e-9, 10.0), "D"),
    (on.stefan_maxwell_onsager, (10.0, 1e-9, 1e-9, 0.0, 55e3), "Dpm"),
    (on.newman_binary_properties, (10.0, 1e-9, 1e-9, 1e-9, -1.0), "c0"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        func(*args)
