"""Tests of echemlab.transport (chapter 11). Expected values come from
closed forms and limits derived independently here (cited in each test),
published numbers, or a second numerical method; never from the code's own
output."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echemlab import data
from echemlab import transport as tr
from echemlab.constants import F, R, epsilon_0

T25 = 298.15
VT = R * T25 / F
# infinite-dilution diffusion coefficients, CRC Handbook (Vanysek), 25 degC [m^2/s]
D_H, D_K, D_NA, D_CL = 9.311e-9, 1.957e-9, 1.334e-9, 2.032e-9

conc = st.floats(0.1, 1000.0, allow_nan=False)
perm = st.floats(1e-3, 10.0, allow_nan=False)
diff = st.floats(1e-10, 1e-8, allow_nan=False)
volt = st.floats(-0.15, 0.15, allow_nan=False)


# ---- Nernst-Planck flux --------------------------------------------------------

@given(D=diff, c=conc, g=st.floats(-1e4, 1e4), z=st.sampled_from([-2, -1, 1, 2]))
def test_flux_vanishes_at_boltzmann_equilibrium(D, c, g, z):
    # equilibrium: c ~ exp(-zF phi/RT)  =>  dc/dx = -(zF/RT) c dphi/dx; flux zero
    dc = -z * F / (R * T25) * c * g
    J = tr.nernst_planck_flux(D, z, c, dc, g)
    assert abs(J) <= 1e-12 * (D * abs(dc) + 1e-30)


def test_flux_is_fick_without_field():
    # Fick's first law, J = -D dc/dx (Bard & Faulkner 2001, eq. 4.4.1)
    assert tr.nernst_planck_flux(2e-9, 1, 10.0, 5.0, 0.0) == pytest.approx(-1e-8, rel=1e-14)


def test_diffusion_coefficients_match_crc_column():
    # Nernst-Einstein from the Lange conductivities vs the CRC D column (independent table)
    for name, row in data.load_table("transport_ions").items():
        D = tr.diffusion_coefficient(abs(row["z"]) * row["lambda_eq"] * 1e-4, row["z"])
        assert D * 1e9 == pytest.approx(row["D_crc"], rel=4e-3), name
        assert row["source_D"] in data.references()


# ---- GHK --------------------------------------------------------------------------

def test_ghk_voltage_single_ion_is_nernst():
    # one permeant ion: the GHK voltage is its Nernst potential (RT/zF) ln(c_out/c_in)
    V = tr.ghk_voltage([1.0, 0.0, 0.0], [400, 50, 40], [20, 440, 560], [1, 1, -1])
    assert V == pytest.approx(VT * math.log(20 / 400), rel=1e-12)
    V = tr.ghk_voltage([0.0, 0.0, 1.0], [400, 50, 40], [20, 440, 560], [1, 1, -1])
    assert V == pytest.approx(-VT * math.log(560 / 40), rel=1e-12)


def test_ghk_voltage_squid_hand_computed():
    # Hodgkin & Katz (1949) ratios 1 : 0.04 : 0.45 with Hodgkin (1964) concentrations,
    # evaluated by hand from the closed form of Hodgkin & Katz eq. 8 at 18 degC (a check of the
    # formula; the inputs themselves are marked "unverified" in transport_measurements.csv)
    T = 291.15
    num = 1 * 20 + 0.04 * 440 + 0.45 * 40
    den = 1 * 400 + 0.04 * 50 + 0.45 * 560
    assert num == pytest.approx(55.6) and den == pytest.approx(654.0)
    V = tr.ghk_voltage([1, 0.04, 0.45], [400, 50, 40], [20, 440, 560], [1, 1, -1], T=T)
    assert V == pytest.approx(R * T / F * math.log(55.6 / 654.0), rel=1e-12)
    assert -0.063 < V < -0.060


def test_ghk_voltage_divalent_against_quadratic():
    # K+ and Ca2+: zero current with y = exp(-FV/RT) is the quadratic
    # -(P_K K_o + 4 P_Ca Ca_o) y^2 + P_K (K_i - K_o) y + (P_K K_i + 4 P_Ca Ca_i) = 0
    # (multiply the two GHK currents by (1 - y)(1 + y); derived here by hand)
    PK, PCa, Ki, Ko, Cai, Cao = 1.0, 0.3, 140.0, 5.0, 1e-4, 2.0
    a, b, c = -(PK * Ko + 4 * PCa * Cao), PK * (Ki - Ko), PK * Ki + 4 * PCa * Cai
    y = (-b - math.sqrt(b * b - 4 * a * c)) / (2 * a)
    assert y > 0
    V = tr.ghk_voltage([PK, PCa], [Ki, Cai], [Ko, Cao], [1, 2])
    assert V == pytest.approx(-VT * math.log(y), abs=1e-10)


def test_ghk_voltage_calcium_only_is_nernst_with_z2():
    V = tr.ghk_voltage([1.0], [1e-4], [2.0], [2])
    assert V == pytest.approx(VT / 2 * math.log(2.0 / 1e-4), abs=1e-10)


def test_ghk_current_limits():
    P = 1e-8
    # V -> 0: I -> P z F (c_in - c_out)  (limit of the constant-field solution)
    assert tr.ghk_current(P, 1, 400.0, 20.0, 1e-12) == pytest.approx(P * F * 380.0, rel=1e-9)
    assert tr.ghk_current(P, -1, 40.0, 560.0, 0.0) == pytest.approx(-P * F * (40 - 560), rel=1e-12)
    # zero at the Nernst potential
    EK = VT * math.log(20 / 400)
    assert abs(tr.ghk_current(P, 1, 400.0, 20.0, EK)) < 1e-12 * P * F * 400
    # large depolarisation: I -> P z^2 F^2 V c_in / RT (only efflux survives)
    V = 0.5
    assert tr.ghk_current(P, 1, 400.0, 20.0, V) == pytest.approx(P * F * V / VT * 400.0, rel=1e-8)


@settings(max_examples=40, deadline=None)
@given(p=st.tuples(perm, perm, perm), ci=st.tuples(conc, conc, conc), co=st.tuples(conc, conc, conc))
def test_ghk_total_current_vanishes_at_ghk_voltage(p, ci, co):
    z = np.array([1.0, 1.0, -1.0])
    V = tr.ghk_voltage(p, ci, co, z)
    I = tr.ghk_current(np.array(p), z, np.array(ci), np.array(co), V)
    scale = np.sum(np.abs(tr.ghk_current(np.array(p), z, np.array(ci), np.array(co), 0.0)))
    assert abs(I.sum()) <= 1e-9 * scale
    # the GHK voltage lies between the extreme Nernst potentials
    E = VT / z * np.log(np.array(co) / np.array(ci))
    assert E.min() - 1e-12 <= V <= E.max() + 1e-12


@given(P=perm, z=st.sampled_from([-2, -1, 1, 2]), ci=conc, co=conc, V=volt)
def test_ghk_current_antisymmetry_and_monotonic(P, z, ci, co, V):
    # swapping inside and outside and reversing V reverses the current
    a = tr.ghk_current(P, z, ci, co, V)
    b = tr.ghk_current(P, z, co, ci, -V)
    assert a == pytest.approx(-b, rel=1e-9, abs=1e-18)
    # outward current grows with depolarisation for every ion (positive slope conductance)
    assert tr.ghk_current(P, z, ci, co, V + 1e-3) > a


def test_ghk_voltage_vectorized_over_cases():
    P = np.array([[1, 0.04, 0.45], [1, 20, 0.45]])
    V = tr.ghk_voltage(P, [400, 50, 40], [20, 440, 560], [1, 1, -1])
    assert V.shape == (2,) and V[0] < 0 < V[1]


# ---- liquid junctions -----------------------------------------------------------

def _binary(D_plus, D_minus, cL, cR):
    # single 1:1 salt: E_j = -(t+ - t-) (RT/F) ln(cR/cL), t+- from the mobilities
    # (Bard & Faulkner 2001, eq. 2.3.27 with our sign convention)
    t_plus = D_plus / (D_plus + D_minus)
    return -(2 * t_plus - 1) * VT * math.log(cR / cL)


def test_henderson_single_salt_transference_formula():
    E = tr.henderson_ljp([100, 100], [10, 10], [1, -1], [D_NA, D_CL])
    assert E == pytest.approx(_binary(D_NA, D_CL, 100, 10), rel=1e-12)


def test_henderson_equal_concentration_is_lewis_sargent():
    # HCl c | KCl c: E_j = (RT/F) ln(Lambda_HCl / Lambda_KCl) (Lewis-Sargent formula,
    # Bard & Faulkner 2001, eq. 2.3.30), with Lambda proportional to D+ + D-
    E = tr.henderson_ljp([100, 0, 100], [0, 100, 100], [1, 1, -1], [D_H, D_K, D_CL])
    assert E == pytest.approx(VT * math.log((D_H + D_CL) / (D_K + D_CL)), rel=1e-12)
    assert E * 1e3 == pytest.approx(26.8, abs=0.1)


@settings(max_examples=40, deadline=None)
@given(a=conc, b=conc, c=conc, d=conc, DH=diff, DK=diff, DC=diff, k=st.floats(0.1, 10.0))
def test_junction_formulas_antisymmetric_and_scale_free(a, b, c, d, DH, DK, DC, k):
    cl, cr, z, D = [a, b, a + b], [c, d, c + d], [1, 1, -1], np.array([DH, DK, DC])
    for f in (tr.henderson_ljp, tr.planck_ljp):
        E = f(cl, cr, z, D)
        assert f(cr, cl, z, D) == pytest.approx(-E, rel=1e-9, abs=1e-13)   # swap sides
        assert f(cl, cr, z, k * D) == pytest.approx(E, rel=1e-9, abs=1e-13)  # only ratios of D
        # and of concentrations: the junction depends on composition ratios only
        assert f(np.array(cl) * k, np.array(cr) * k, z, D) == pytest.approx(E, rel=1e-8, abs=1e-12)


def test_planck_reduces_to_transference_and_lewis_sargent():
    assert tr.planck_ljp([100, 100], [10, 10], [1, -1], [D_NA, D_CL]) == pytest.approx(
        _binary(D_NA, D_CL, 100, 10), rel=1e-10)
    assert tr.planck_ljp([100, 0, 100], [0, 100, 100], [1, 1, -1], [D_H, D_K, D_CL]) == pytest.approx(
        VT * math.log((D_H + D_CL) / (D_K + D_CL)), rel=1e-10)


def test_planck_satisfies_its_original_form():
    # Planck's equation as printed (MacInnes 1961, ch. 13):
    # (xi U2 - U1)/(V2 - xi V1) = [(ln(C2/C1) - ln xi)/(ln(C2/C1) + ln xi)] (xi C2 - C1)/(C2 - xi C1)
    cl, cr = [100.0, 0.0, 100.0], [0.0, 3500.0, 3500.0]
    D = [D_H, D_K, D_CL]
    xi = math.exp(tr.planck_ljp(cl, cr, [1, 1, -1], D) / VT)
    U1, U2 = D_H * 100, D_K * 3500
    V1, V2 = D_CL * 100, D_CL * 3500
    C1, C2 = 100.0, 3500.0
    r = math.log(C2 / C1)
    lhs = (xi * U2 - U1) / (V2 - xi * V1)
    rhs = (r - math.log(xi)) / (r + math.log(xi)) * (xi * C2 - C1) / (C2 - xi * C1)
    assert lhs == pytest.approx(rhs, rel=1e-10)


def test_solver_steady_state_is_planck_within_0p1_mV():
    # second, independent method: the time-dependent finite-volume solver
    z, D = [1, 1, -1], [D_H, D_K, D_CL]
    for cl, cr in (([100, 0, 100], [0, 3500, 3500]), ([10, 0, 10], [0, 1000, 1000])):
        sol = tr.liquid_junction(cl, cr, z, D, n_cells=40)
        assert abs(sol.E_j[-1] - tr.planck_ljp(cl, cr, z, D)) < 1e-4
        # Henderson's linear mixing is not the steady state when totals differ
        assert abs(tr.henderson_ljp(cl, cr, z, D) - tr.planck_ljp(cl, cr, z, D)) > 3e-4


def test_solver_conserves_charge_and_keeps_binary_salt_exact():
    # binary salt: dphi = -(t+ - t-) (RT/F) dln c for ANY profile, so E_j is the
    # transference formula at every time (Bard & Faulkner 2001, eq. 2.3.27)
    sol = tr.liquid_junction([100, 100], [10, 10], [1, -1], [D_NA, D_CL], n_cells=20, n_times=8)
    assert np.allclose(sol.E_j[1:], _binary(D_NA, D_CL, 100, 10), rtol=0, atol=1e-9)
    # electroneutral in every cell at every time
    assert np.max(np.abs(sol.c[:, 0] - sol.c[:, 1])) < 1e-9 * 100
    assert sol.t[0] == 0 and sol.c.shape == (8, 2, 20) and sol.phi.shape == (8, 20)


# ---- double layer ---------------------------------------------------------------

def test_debye_length_israelachvili_rule():
    # kappa^-1 = 0.304 nm / sqrt(I / M) for 1:1 salts in water at 25 degC (Israelachvili 2011)
    for cM in (0.001, 0.01, 0.1):
        lam = tr.debye_length([cM * 1e3, cM * 1e3], [1, -1])
        assert lam * 1e9 == pytest.approx(0.304 / math.sqrt(cM), rel=3e-3)
    # 2:2 salt: ionic strength 4c
    assert tr.debye_length([100, 100], [2, -2]) == pytest.approx(
        tr.debye_length([400, 400], [1, -1]), rel=1e-12)


@given(c=st.floats(0.01, 5000.0), T=st.floats(250.0, 400.0), eps=st.floats(2.0, 120.0))
def test_debye_length_scaling(c, T, eps):
    lam = tr.debye_length([c, c], [1, -1], T=T, eps_r=eps)
    assert lam == pytest.approx(math.sqrt(eps * epsilon_0 * R * T / (2 * F ** 2 * c)), rel=1e-12)
    assert tr.debye_length([4 * c, 4 * c], [1, -1], T=T, eps_r=eps) == pytest.approx(lam / 2, rel=1e-12)


def test_gouy_chapman_debye_huckel_limit_and_gauss():
    lam = tr.debye_length([10, 10], [1, -1])
    x = np.linspace(0, 5 * lam, 11)
    # small potential: phi0 exp(-x/lambda) (linearised Poisson-Boltzmann)
    assert np.allclose(tr.gouy_chapman_potential(x, 1e-5, 10.0), 1e-5 * np.exp(-x / lam), rtol=1e-6)
    # Gauss's law at the wall: sigma = -eps dphi/dx(0) (an independent numerical route)
    for phi0 in (-0.2, 0.05, 0.15):
        h = 1e-4 * lam
        dphi = (tr.gouy_chapman_potential(h, phi0, 10.0) - tr.gouy_chapman_potential(0.0, phi0, 10.0)) / h
        dphi2 = (tr.gouy_chapman_potential(2 * h, phi0, 10.0) - tr.gouy_chapman_potential(0.0, phi0, 10.0)) / (2 * h)
        grad = 2 * dphi - dphi2     # second-order one-sided derivative
        assert tr.gouy_chapman_charge(phi0, 10.0) == pytest.approx(
            -tr.EPS_R_WATER * epsilon_0 * grad, rel=3e-5)


@given(phi0=st.floats(-0.3, 0.3), c=st.floats(0.1, 1000.0), z=st.sampled_from([1, 2]))
def test_gouy_chapman_solves_poisson_boltzmann(phi0, c, z):
    # residual of eps phi'' = 2 z F c sinh(zF phi/RT) by finite differences
    lam = tr.debye_length([c, c], [z, -z])
    x0, h = 0.7 * lam, 1e-3 * lam
    p = tr.gouy_chapman_potential(np.array([x0 - h, x0, x0 + h]), phi0, c, z)
    d2 = (p[0] - 2 * p[1] + p[2]) / h ** 2
    rhs = 2 * z * F * c * np.sinh(z * F * p[1] / (R * T25)) / (tr.EPS_R_WATER * epsilon_0)
    assert d2 == pytest.approx(rhs, rel=1e-4, abs=1e-6 * abs(rhs) + 1e3)
    # capacitance is the derivative of the Grahame charge
    dv = 1e-6
    num = (tr.gouy_chapman_charge(min(phi0 + dv, 1), c, z)
           - tr.gouy_chapman_charge(max(phi0 - dv, -1), c, z)) / (2 * dv)
    assert tr.gouy_chapman_capacitance(phi0, c, z) == pytest.approx(num, rel=1e-5)


def test_pnp_steady_state_is_gouy_chapman():
    sol = tr.pnp_double_layer(0.1, [10.0, 10.0], [1, -1], [D_NA, D_CL], n_cells=50, n_times=6)
    assert sol.sigma[-1] == pytest.approx(tr.gouy_chapman_charge(0.1, 10.0), rel=3e-3)
    gc = tr.gouy_chapman_potential(sol.x, 0.1, 10.0)
    assert np.max(np.abs(sol.phi[-1] - gc)) < 2e-5 * 0.1 * 1e2   # < 0.2 mV
    assert sol.sigma[0] == 0.0 and np.all(np.diff(sol.sigma) > 0)   # charging is monotonic


# ---- bad input names the parameter ------------------------------------------------

@pytest.mark.parametrize("func, args, name", [
    (tr.ghk_voltage, ([1, -0.1], [1, 1], [1, 1], [1, -1]), "P"),
    (tr.ghk_voltage, ([1, 1], [1, -1], [1, 1], [1, -1]), "c_in"),
    (tr.ghk_voltage, ([1, 1], [1, 1], [1, float("nan")], [1, -1]), "c_out"),
    (tr.ghk_voltage, ([1, 1], [1, 1], [1, 1], [1, 0]), "z"),
    (tr.ghk_voltage, ([1], [1], [1], [1], 0.0), "T"),
    (tr.ghk_current, (1e-8, 1.5, 1, 1, 0.0), "z"),
    (tr.ghk_current, (1e-8, 1, 1, 1, 5.0), "V"),
    (tr.henderson_ljp, ([100, 90], [10, 10], [1, -1], [1e-9, 2e-9]), "c_left"),
    (tr.henderson_ljp, ([100, 100], [10, 10], [1, -1], [0.0, 2e-9]), "D"),
    (tr.planck_ljp, ([100, 50], [10, 5], [1, -2], [1e-9, 2e-9]), "z"),
    (tr.liquid_junction, ([100, 100], [10, 10], [1, -1], [1e-9, 2e-9], 1e-3, None, 7), "n_cells"),
    (tr.liquid_junction, ([100, 100], [10, 10], [1, -1], [1e-9, 2e-9], -1.0), "length"),
    (tr.debye_length, ([0.0, 0.0], [1, -1]), "c"),
    (tr.debye_length, ([1.0, 1.0], [1, -1], 300.0, -2.0), "eps_r"),
    (tr.gouy_chapman_potential, (-1e-9, 0.1, 10.0), "x"),
    (tr.gouy_chapman_charge, (2.0, 10.0), "phi0"),
    (tr.gouy_chapman_capacitance, (0.1, 0.0), "c"),
    (tr.pnp_double_layer, (0.5, [10, 10], [1, -1], [1e-9, 2e-9]), "phi0"),
    (tr.nernst_planck_flux, (-1e-9, 1, 1.0, 0.0, 0.0), "D"),
    (tr.diffusion_coefficient, (0.0, 1), "lam"),
    (tr.ion_properties, (["K+", "Xx-"],), "names"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name}"):
        func(*args)


# ---- explorers reproduce the model -----------------------------------------------

def test_membrane_explorer_matches_ghk():
    from echemlab.explorers.transport import MembranePotentialExplorer

    ex = MembranePotentialExplorer()
    r = ex.update(pNa=20.0)
    assert r["V"] == pytest.approx(tr.ghk_voltage([1, 20, 0.45], [400, 50, 40], [20, 440, 560],
                                                  [1, 1, -1], T=291.15), rel=1e-12)
    assert r["V"] > 0   # the action-potential overshoot: inside positive


def test_junction_explorer_time_slider_reuses_the_solution():
    from echemlab.explorers.transport import JunctionExplorer

    ex = JunctionExplorer()
    n0 = ex.n_solves
    for t in (0.5, 5.0, 50.0):
        ex.update(t=t)
    assert ex.n_solves == n0
    z, D = tr.ion_properties(["H+", "K+", "Cl-"])
    assert abs(ex.update(t=1000.0)["E"] - tr.planck_ljp([100, 0, 100], [0, 100, 100], z, D)) < 1e-4
