"""Tests of echemlab.bioenergetics (chapters 05 and 06).

Expected values come from hand calculations with the textbook 59.16 mV per
pH unit, cited numbers (Lehninger; Watt et al. 2010; Bard & Faulkner), analytic
limits, or a second route through the electrochemical potentials of
echemlab.nernst / a numerical root finder, never from the code's own output.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from echemlab import bioenergetics as bio
from echemlab import nernst

# CODATA 2018 exact: F = N_A e, R = N_A k_B
F_X = 6.02214076e23 * 1.602176634e-19
R_X = 6.02214076e23 * 1.380649e-23
SLOPE_25C = 0.05916  # V per pH unit at 25 degC (Bard & Faulkner 2001, sec. 2.1)

finite = dict(allow_nan=False, allow_infinity=False)
dpsis = st.floats(-0.4, 0.4, **finite)
pHs = st.floats(4.0, 9.0, **finite)
temps = st.floats(273.15, 330.0, **finite)
dGs = st.floats(-70e3, -20e3, **finite)
nHs = st.floats(0.5, 6.0, **finite)
conc = st.floats(1e-3, 50.0, **finite)
pots = st.floats(-0.5, 0.3, **finite)


# ---- chapter 05 --------------------------------------------------------------

def test_pmf_hand_calculation_plant_cell():
    # Delta psi = -120 mV, cytosol 7.3, apoplast 5.5: -120 - 59.16 x 1.8 = -226.5 mV
    assert bio.proton_motive_force(-0.120, 7.3, 5.5, 298.15) == pytest.approx(-0.120 - SLOPE_25C * 1.8,
                                                                               abs=2e-5)


def test_pmf_of_ryegrass_cells():
    # Henry et al. 1984: Delta psi = -60 mV, pH_out 5.5, pH_in about 7 -> -60 - 88.7 = -148.7 mV
    assert bio.proton_motive_force(-0.060, 7.0, 5.5) == pytest.approx(-0.1487, abs=2e-4)


def test_pmf_other_convention_is_minus():
    # P - N convention (outside minus inside) has the same form with every Delta
    # reversed, so it is the negative of the inside - outside value.
    dp = bio.proton_motive_force(-0.15, 7.8, 6.9, 310.15)
    dp_PN = bio.proton_motive_force(+0.15, 6.9, 7.8, 310.15)
    assert dp_PN == pytest.approx(-dp, rel=1e-14)


def test_proton_inflow_gibbs_from_electrochemical_potentials():
    # independent route: mu~ = mu + zF phi (echemlab.nernst), mu = RT ln a, a = 10^-pH
    T = 298.15
    mu_in = nernst.electrochemical_potential(R_X * T * math.log(10 ** -7.3), 1, -0.12)
    mu_out = nernst.electrochemical_potential(R_X * T * math.log(10 ** -5.5), 1, 0.0)
    assert bio.proton_inflow_gibbs(-0.12, 7.3, 5.5, T) == pytest.approx(mu_in - mu_out, rel=1e-12)


def test_atp_gibbs_lehninger_erythrocyte():
    # Lehninger worked example: human erythrocyte, 37 degC: Delta G_p ~ -52 kJ/mol
    dG = bio.atp_hydrolysis_gibbs(2.25, 0.25, 1.65, T=310.15)
    assert dG == pytest.approx(-52e3, abs=1e3)


def test_atp_gibbs_standard_state_is_dG0():
    # 1 M each (1000 mol/m^3): Delta G = Delta G'0
    assert bio.atp_hydrolysis_gibbs(1000.0, 1000.0, 1000.0, dG0=-32.48e3) == pytest.approx(-32.48e3, abs=1e-9)


def test_stall_without_pH_gradient_is_dG_over_nF():
    # no pH gradient: |Delta psi| = |Delta G_ATP|/(nF) = 50000/96485.33 V
    assert bio.stall_potential(-50e3, 1, 7.0, 7.0) == pytest.approx(50e3 / F_X, rel=1e-12)
    assert bio.stall_pmf(-50e3, 2) == pytest.approx(-25e3 / F_X, rel=1e-12)


def test_stall_plant_hand_calculation():
    # 518.2 mV - 59.16 mV x 1.8 = 411.7 mV
    assert bio.stall_potential(-50e3, 1, 7.3, 5.5) == pytest.approx(50e3 / F_X - SLOPE_25C * 1.8, abs=2e-5)


@settings(max_examples=60, deadline=None)
@given(dG=dGs, n=nHs, pH_in=pHs, pH_out=pHs, T=temps)
def test_stall_is_root_of_pump_cycle_gibbs(dG, n, pH_in, pH_out, T):
    # second route: solve Delta G_cycle(dpsi) = 0 numerically
    target = -bio.stall_potential(dG, n, pH_in, pH_out, T)
    if abs(target) < 0.95:
        root = brentq(lambda x: bio.pump_cycle_gibbs(dG, n, x, pH_in, pH_out, T), -1.0, 1.0, xtol=1e-14)
        assert root == pytest.approx(target, abs=1e-10)


@given(dG=dGs, n=nHs, dpsi=dpsis, pH_in=pHs, pH_out=pHs, T=temps)
def test_pump_runs_iff_membrane_below_stall(dG, n, dpsi, pH_in, pH_out, T):
    g = bio.pump_cycle_gibbs(dG, n, dpsi, pH_in, pH_out, T)
    margin = -dpsi - bio.stall_potential(dG, n, pH_in, pH_out, T)  # >0: beyond stall
    assert g == pytest.approx(n * F_X * margin, rel=1e-9, abs=1e-6)


@given(dG=dGs, n=nHs)
def test_min_synthesis_pmf_is_minus_stall_pmf(dG, n):
    assert bio.atp_synthesis_min_pmf(dG, n) == pytest.approx(-dG / (n * F_X), rel=1e-12)
    assert bio.atp_synthesis_min_pmf(dG, n) > 0


def test_h_per_atp_c_ring_watt2010():
    # Watt et al. 2010: c8 ring -> 8/3 = 2.7 H+/ATP, 3.7 including the transport proton
    assert bio.h_per_atp(8) == pytest.approx(2.7, abs=0.04)
    assert bio.h_per_atp(8, transport=1) == pytest.approx(3.7, abs=0.04)
    assert bio.h_per_atp(14) == pytest.approx(14 / 3, rel=1e-15)
    np.testing.assert_allclose(bio.h_per_atp(np.array([8, 10, 14])), [8 / 3, 10 / 3, 14 / 3])


def test_symport_neutral_solute_without_protons_is_passive():
    assert bio.symport_accumulation(-0.2, 7.5, 5.0, n_H=0) == pytest.approx(1.0, abs=1e-15)


@given(dpsi=dpsis, pH_in=pHs, pH_out=pHs, n=st.floats(0.0, 3.0), z=st.integers(-2, 2), T=temps)
def test_symport_is_electrochemical_equilibrium(dpsi, pH_in, pH_out, n, z, T):
    # independent route: sum of mu~ changes of the co-transported species is zero
    ratio = bio.symport_accumulation(dpsi, pH_in, pH_out, n_H=n, z=z, T=T)
    dmu_S = R_X * T * math.log(ratio) + z * F_X * dpsi
    dmu_H = F_X * dpsi + R_X * T * math.log(10 ** (pH_out - pH_in))
    assert dmu_S + n * dmu_H == pytest.approx(0.0, abs=1e-6 * (1 + abs(n * dmu_H)))


@given(dpsi=dpsis, pH_in=pHs, pH_out=pHs, shift=st.floats(-2, 2), T=temps)
def test_pmf_invariant_under_compensated_shift(dpsi, pH_in, pH_out, shift, T):
    # one pH unit of Delta pH is worth RT ln10/F of Delta psi
    s = R_X * T * math.log(10) / F_X
    a = bio.proton_motive_force(dpsi, pH_in, pH_out, T)
    if 0 <= pH_in + shift <= 14 and abs(dpsi + shift * s) <= 1:
        b = bio.proton_motive_force(dpsi + shift * s, pH_in + shift, pH_out, T)
        assert a == pytest.approx(b, abs=1e-12)


@given(a=conc, b=conc, c=conc, k=st.floats(0.1, 10.0), T=temps)
def test_atp_gibbs_dilution_law(a, b, c, k, T):
    # scaling every concentration by k multiplies Q by k: Delta G shifts by RT ln k
    g1 = bio.atp_hydrolysis_gibbs(a, b, c, T=T)
    g2 = bio.atp_hydrolysis_gibbs(k * a, k * b, k * c, T=T)
    assert g2 - g1 == pytest.approx(R_X * T * math.log(k), abs=1e-6)


@given(a=conc, b=conc, c=conc)
def test_atp_gibbs_more_atp_is_more_negative(a, b, c):
    assert bio.atp_hydrolysis_gibbs(2 * a, b, c) < bio.atp_hydrolysis_gibbs(a, b, c)


def test_vectorized_broadcasting():
    dp = bio.proton_motive_force(np.array([-0.1, -0.2]), np.array([[7.0], [8.0]]), 6.0)
    assert dp.shape == (2, 2)
    assert bio.stall_potential(np.array([-40e3, -50e3]), 1, 7.0, 7.0).shape == (2,)


# ---- chapter 06 -------------------------------------------------------------------

def test_o2_water_midpoint_consistent_with_standard_potential():
    # E0(O2/H2O) = 1.229 V at pH 0 (Bard & Faulkner 2001, appendix C); Lehninger's pH 7 value
    # 0.816 V extrapolated back to pH 0 with -59.16 mV/pH must land on it (1.229 - 7 x 0.05916 = 0.815)
    E7, ne, nH = bio.couple_data("O2/H2O")
    assert bio.midpoint_potential(E7, ne, nH, pH=0.0) == pytest.approx(1.229, abs=2e-3)
    assert bio.couple_potential("O2/H2O", 1.0, 1.0, 7.0) == pytest.approx(1.229 - 7 * SLOPE_25C, abs=2e-3)


def test_pH_slopes_of_the_couples():
    # Q + 2H+ + 2e-: -59.16 mV/pH; NAD+ + H+ + 2e-: -29.58 mV/pH (25 degC)
    dQ = bio.ubiquinone_potential(1, 1, 8.0) - bio.ubiquinone_potential(1, 1, 7.0)
    dN = bio.nad_potential(1, 1, 8.0) - bio.nad_potential(1, 1, 7.0)
    assert dQ == pytest.approx(-SLOPE_25C, abs=1e-5)
    assert dN == pytest.approx(-SLOPE_25C / 2, abs=1e-5)


def test_tabulated_midpoints():
    # Lehninger (7th ed.), pH 7: NAD+/NADH -0.320, ubiquinone +0.045, fumarate/succinate +0.031 V
    assert bio.nad_potential(1, 1) == pytest.approx(-0.320, abs=1e-12)
    assert bio.ubiquinone_potential(1, 1) == pytest.approx(0.045, abs=1e-12)
    assert bio.fumarate_potential(2, 2) == pytest.approx(0.031, abs=1e-12)
    assert bio.couple_data("Q/QH2") == (0.045, 2, 2)


def test_nernst_two_electron_decade():
    # tenfold NAD+ excess: +29.58 mV (2 electrons)
    assert bio.nad_potential(10, 1) - bio.nad_potential(1, 1) == pytest.approx(SLOPE_25C / 2, abs=1e-5)


def test_ret_min_pmf_seed_formula_standard_midpoints():
    # Delta p_min = -(2/4)(E_NAD - E_Q) = (0.045 + 0.320)/2 = 0.1825 V
    assert bio.ret_min_pmf(0.045, -0.320) == pytest.approx(0.1825, abs=1e-12)
    # downhill transfer needs no pmf
    assert bio.ret_min_pmf(-0.3, 0.1) < 0


@given(ED=pots, EA=pots, ne=st.integers(1, 4), nH=nHs)
def test_complex1_equilibrium_at_ret_min_pmf(ED, EA, ne, nH):
    # second route: Delta G_fwd(E_Q = donor, E_NAD = acceptor) vanishes at pmf = Delta p_min
    pmin = bio.ret_min_pmf(ED, EA, ne, nH)
    if abs(pmin) <= 1:
        assert bio.complex1_gibbs(ED, EA, pmin, ne, nH) == pytest.approx(0.0, abs=1e-8)


@given(EQ=pots, EN=pots, pmf=st.floats(0.0, 0.3))
def test_ret_direction_consistent(EQ, EN, pmf):
    g = bio.complex1_gibbs(EQ, EN, pmf)
    pmin = bio.ret_min_pmf(EQ, EN)
    if abs(pmf - pmin) > 1e-9:
        assert (g > 0) == (pmf > pmin)  # forward uphill exactly when RET is possible


@given(s=st.floats(1e-3, 1e3), f=st.floats(1e-3, 1e3), pH=pHs, T=temps)
def test_q_pool_equilibrates_with_fumarate_succinate(s, f, pH, T):
    # second route: at the returned ratio the two Nernst potentials are equal
    r = bio.q_pool_ratio(s, f, T)
    EQ = bio.ubiquinone_potential(1.0, r, pH, T)
    Ef = bio.fumarate_potential(f, s, pH, T)
    assert EQ == pytest.approx(Ef, abs=1e-12)


def test_q_pool_ratio_limit_equal_midpoints():
    # with equal midpoints QH2/Q = succinate/fumarate; here E_Q - E_fum = 14 mV gives exp(2F x 0.014/RT)
    assert bio.q_pool_ratio(5.0, 1.0, 298.15) == pytest.approx(5 * math.exp(2 * F_X * 0.014 / (R_X * 298.15)),
                                                                rel=1e-12)


@given(E7=st.floats(-0.5, 0.9), ne=st.integers(1, 4), nH=st.integers(0, 4), pH=pHs, T=temps)
def test_midpoint_linear_in_pH(E7, ne, nH, pH, T):
    expected = E7 - nH / ne * R_X * T * math.log(10) / F_X * (pH - 7)
    assert bio.midpoint_potential(E7, ne, nH, pH, T) == pytest.approx(expected, abs=1e-12)


@given(ox=st.floats(1e-4, 1e4), red=st.floats(1e-4, 1e4), pH=pHs, T=temps)
def test_couple_potential_matches_nernst_module(ox, red, pH, T):
    # independent route: echemlab.nernst.nernst_potential with E0 = E_m(pH)
    Em = bio.midpoint_potential(-0.320, 2, 1, pH, T)
    assert bio.couple_potential("NAD+/NADH", ox, red, pH, T) == pytest.approx(
        nernst.nernst_potential(Em, 2, ox, red, T), abs=1e-12)


# ---- bad input -> ValueError naming the parameter ---------------------------------

@pytest.mark.parametrize("func, args, name", [
    (bio.proton_motive_force, (1.5, 7, 6), "dpsi"),
    (bio.proton_motive_force, (0.1, -1, 6), "pH_in"),
    (bio.proton_motive_force, (0.1, 7, float("nan")), "pH_out"),
    (bio.proton_motive_force, (0.1, 7, 6, 0.0), "T"),
    (bio.proton_inflow_gibbs, (0.1, 15, 6), "pH_in"),
    (bio.atp_hydrolysis_gibbs, (0.0, 1, 1), "ATP"),
    (bio.atp_hydrolysis_gibbs, (1, -1, 1), "ADP"),
    (bio.atp_hydrolysis_gibbs, (1, 1, float("inf")), "Pi"),
    (bio.atp_hydrolysis_gibbs, (1, 1, 1, 5e3), "dG0"),
    (bio.pump_cycle_gibbs, (10e3, 1, 0, 7, 7), "dG_ATP"),
    (bio.pump_cycle_gibbs, (-50e3, 0, 0, 7, 7), "n_H"),
    (bio.stall_pmf, (0.0, 1), "dG_ATP"),
    (bio.stall_pmf, (-50e3, 25), "n_H"),
    (bio.stall_potential, (-50e3, 1, 7, 6, -5), "T"),
    (bio.stall_potential, (np.array([-50e3, 1.0]), 1, 7, 6), "dG_ATP"),
    (bio.symport_accumulation, (0, 7, 6, -1), "n_H"),
    (bio.symport_accumulation, (0, 7, 6, 1, 9), "z"),
    (bio.h_per_atp, (2,), "c_subunits"),
    (bio.h_per_atp, (8.5,), "c_subunits"),
    (bio.h_per_atp, (30,), "c_subunits"),
    (bio.h_per_atp, (8, -1), "transport"),
    (bio.atp_synthesis_min_pmf, (-50e3, 0), "n_H"),
    (bio.midpoint_potential, (3.0, 2, 2), "E_m7"),
    (bio.midpoint_potential, (0.0, 0, 2), "n_e"),
    (bio.midpoint_potential, (0.0, 2, 2, 20), "pH"),
    (bio.couple_potential, ("NAD+/NADH", 0, 1), "ox"),
    (bio.couple_potential, ("NADP+/NADPH", 1, 1), "couple"),
    (bio.ubiquinone_potential, (1, -1), "QH2"),
    (bio.nad_potential, (1, 1, 7, 0), "T"),
    (bio.fumarate_potential, (float("nan"), 1), "fumarate"),
    (bio.q_pool_ratio, (0, 1), "succinate"),
    (bio.q_pool_ratio, (1, 0), "fumarate"),
    (bio.complex1_gibbs, (0.05, -0.3, 1.5), "pmf"),
    (bio.complex1_gibbs, (5, -0.3, 0.1), "E_Q"),
    (bio.complex1_gibbs, (0.05, -0.3, 0.1, 1.5), "n_e"),
    (bio.ret_min_pmf, (0.05, float("nan")), "E_acceptor"),
    (bio.ret_min_pmf, (-3, 0.1), "E_donor"),
    (bio.ret_min_pmf, (0.05, -0.3, 2, 0), "n_H"),
])
def test_bad_input_names_parameter(func, args, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        func(*args)


# ---- explorers agree with the model --------------------------------------------------

def test_pump_explorer_matches_model():
    from echemlab.explorers.bioenergetics_pmf import PumpStallExplorer

    ex = PumpStallExplorer()
    r = ex.update(dG_ATP=-55e3, n_H=1.0, pH_in=7.4, pH_out=5.0, dpsi=-0.15, T=298.15)
    assert r["stall"] == pytest.approx(55e3 / F_X - SLOPE_25C * 2.4, abs=2e-5)
    heights = [b.get_height() * (1 if b.get_y() >= 0 else -1) for b in ex.bars]
    assert sum(heights[:3]) == pytest.approx(heights[3], abs=1e-9)  # the bars add up
    x, y = ex.stall_line.get_data()
    np.testing.assert_allclose(y, 1e3 * bio.stall_potential(-55e3, 1.0, 7.4, x, 298.15))


def test_ret_explorer_boundary_is_ret_min_pmf():
    from echemlab.explorers.bioenergetics_ret import N_E, N_H, T_BODY, RETExplorer

    ex = RETExplorer()
    r = ex.update(log_sf=2.0, log_nad=1.0, pmf=0.2, pH=7.8)
    x, y = ex.boundary.get_data()
    E_nad = bio.nad_potential(10.0, 1.0, 7.8, T_BODY)
    np.testing.assert_allclose(y, 1e3 * bio.ret_min_pmf(bio.fumarate_potential(1, 10 ** x, 7.8, T_BODY), E_nad,
                                                        N_E, N_H))
    assert (r["dG_ret"] < 0) == (0.2 > r["dp_min"])
