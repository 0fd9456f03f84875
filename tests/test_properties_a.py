"""Property tests (hypothesis) for the public functions of nernst, intercalation,
ageing, ica, solid_ionics, bioenergetics, constants, data, plotting, explorer
(and every chapter explorer) and the homework API that the chapter test files
do not cover yet, plus their bad-input behaviour (issue #9).

Expected values come from an independent route: a textbook formula typed here
from the cited source, a second function of the package, a numerical
derivative or integral, a limit, a symmetry or a round trip; never from the
function's own output.
"""
import json
import math
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import nbformat
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import echemlab.homework as hwk
from echemlab import (
    ageing,
    bioenergetics,
    constants,
    data,
    explorer,
    explorers,
    ica,
    intercalation,
    nernst,
    plotting,
    solid_ionics,
)
from echemlab import surface_pourbaix as _sp
from echemlab.constants import LN10, F, R, e, k_B
from echemlab.explorers.ageing import CalendarAgeingExplorer
from echemlab.explorers.bioenergetics_pmf import PumpStallExplorer
from echemlab.explorers.bioenergetics_ret import RETExplorer
from echemlab.explorers.co2 import CO2ReductionExplorer
from echemlab.explorers.dissolution import DissolutionExplorer
from echemlab.explorers.ica import DegradationModeExplorer, IncrementalCapacityExplorer
from echemlab.explorers.intercalation import OCVExplorer
from echemlab.explorers.kinetics import KineticsExplorer
from echemlab.explorers.nernst import NernstExplorer
from echemlab.explorers.onsager import OnsagerExplorer
from echemlab.explorers.pourbaix import FePourbaixExplorer, StainlessExplorer, stainless_solutions
from echemlab.explorers.solid_ionics import RelaxationExplorer, WagnerExplorer
from echemlab.explorers.surface_pourbaix import SurfacePourbaixExplorer, shifted_configs
from echemlab.explorers.transport import JunctionExplorer, MembranePotentialExplorer
from echemlab.homework import answers as A
from echemlab.homework import core, datasets, diagnose, reference
from echemlab.homework import generate as G
from echemlab.homework import grader as GR
from echemlab.homework import notebook as N
from echemlab.homework import params as P

finite = dict(allow_nan=False, allow_infinity=False)
temps = st.floats(200.0, 1500.0, **finite)
fractions = st.floats(0.01, 0.99, **finite)
BAD_NUMBERS = [float("nan"), float("inf"), -float("inf")]


def _raises_naming(name, fn, *args, **kwargs):
    """fn(*args) must raise ValueError naming ``name``; returns the message."""
    with pytest.raises(ValueError) as info:
        fn(*args, **kwargs)
    msg = str(info.value)
    assert name in msg, f"message does not name {name!r}: {msg}"
    return msg


# ============================================================== constants, nernst
@given(T=temps)
def test_thermal_voltage_is_kT_over_e(T):
    # second route: k_B T / e (per particle) equals R T / F (per mole)
    assert constants.thermal_voltage(T) == pytest.approx(k_B * T / e, rel=1e-14)


@given(T=temps, n=st.integers(1, 8), E0=st.floats(-3, 3, **finite), a=st.floats(1e-6, 1e3, **finite))
def test_nernst_slope_is_the_decade_step_of_nernst_potential(T, n, E0, a):
    # second route: change of the Nernst potential for a tenfold ox activity
    step = nernst.nernst_potential(E0, n, 10 * a, 1.0, T) - nernst.nernst_potential(E0, n, a, 1.0, T)
    assert nernst.nernst_slope(n, T) == pytest.approx(step, rel=1e-9)
    assert nernst.nernst_slope(n, T) == pytest.approx(constants.thermal_voltage(T) * LN10 / n, rel=1e-14)


@pytest.mark.parametrize("bad", BAD_NUMBERS + [0.0, -5.0, "hot"])
def test_thermal_voltage_rejects_bad_T(bad):
    msg = _raises_naming("T", constants.thermal_voltage, bad)
    assert "(0, inf) K" in msg  # the valid range, also for a value that is not a number


# ============================================================== data
TABLES = sorted(p.stem for p in data.DATA_DIR.glob("*.csv") if not p.stem.startswith("references"))


@settings(max_examples=len(TABLES) * 2, deadline=None)
@given(name=st.sampled_from(TABLES))
def test_every_row_of_every_table_has_a_citation(name):
    table = data.load_table(name)
    assert table
    for rid, row in table.items():
        text = data.citation(row["source"])
        assert isinstance(text, str) and len(text) > 10, (name, rid)
    # a fresh copy: editing it does not change the next load
    first = next(iter(table))
    table[first]["source"] = "tampered"
    assert data.load_table(name)[first]["source"] != "tampered"


@pytest.mark.parametrize("bad", ["no_such_table", "../pyproject", "", None, 3, ["intercalation"]])
def test_load_table_rejects_unknown_names(bad):
    msg = _raises_naming("name", data.load_table, bad)
    assert "intercalation" in msg  # lists the valid names


@pytest.mark.parametrize("bad", ["nokey2099", None, ["bai2011"]])
def test_citation_rejects_unknown_keys(bad):
    _raises_naming("key", data.citation, bad)


# ============================================================== intercalation
omegas = st.floats(0.0, 30e3, **finite)


@given(x=st.floats(0.02, 0.98, **finite), T=temps, omega=omegas)
def test_gibbs_curvature_is_second_derivative_of_gibbs(x, T, omega):
    h = 1e-4
    g = [intercalation.gibbs(x + k * h, T, omega) for k in (-1, 0, 1)]
    numeric = (g[0] - 2 * g[1] + g[2]) / h**2
    assert intercalation.gibbs_curvature(x, T, omega) == pytest.approx(numeric, rel=1e-4, abs=0.05)


@given(omega=st.floats(100.0, 50e3, **finite))
def test_critical_temperature_is_where_the_spinodal_closes(omega):
    Tc = intercalation.critical_temperature(omega)
    assert Tc == pytest.approx(omega / (2 * R), rel=1e-14)  # Omega = 2 R Tc (regular solution)
    assert abs(intercalation.gibbs_curvature(0.5, Tc, omega)) <= 1e-9 * omega
    assert intercalation.spinodal(Tc * 1.001, omega) is None
    assert intercalation.spinodal(Tc * 0.99, omega) is not None


@given(T=st.floats(250.0, 400.0, **finite), omega=st.floats(0.0, 30e3, **finite))
def test_hysteresis_gap_from_excess_chemical_potential(T, omega):
    gap = intercalation.hysteresis_gap(T, omega)
    if omega <= 2 * R * T * 1.0001:
        assert gap == pytest.approx(0.0, abs=1e-9)
        return
    lo, hi = intercalation.spinodal(T, omega)
    # regular (Bragg-Williams) solution: mu(x) = RT ln(x/(1-x)) + Omega (1 - 2x), U = E0 - mu/F;
    # the two spinodal points are symmetric about x = 1/2, so the gap is 2 |mu(x_low)| / F
    mu = R * T * math.log(lo / (1 - lo)) + omega * (1 - 2 * lo)
    assert gap > 0
    assert gap == pytest.approx(2 * abs(mu) / F, rel=1e-7, abs=1e-12)
    # the gap grows when the temperature drops
    assert intercalation.hysteresis_gap(T * 0.9, omega) >= gap


@pytest.mark.parametrize("fn, args, name", [
    (intercalation.gibbs_curvature, (1.2, 300.0, 1e4), "x"),
    (intercalation.gibbs_curvature, (0.5, -1.0, 1e4), "T"),
    (intercalation.critical_temperature, (-5.0,), "omega"),
    (intercalation.critical_temperature, (float("nan"),), "omega"),
    (intercalation.hysteresis_gap, (float("nan"), 1e4), "T"),
    (intercalation.hysteresis_gap, (300.0, float("inf")), "omega"),
])
def test_intercalation_bad_input(fn, args, name):
    _raises_naming(name, fn, *args)


# ============================================================== ageing
@given(s=st.floats(0.0, 1.0, **finite), ds=st.floats(1e-4, 0.5, **finite))
def test_electrode_ocps_are_decreasing_and_in_physical_range(s, ds):
    s2 = min(1.0, s + ds)
    g1, g2 = ageing.graphite_ocp(s), ageing.graphite_ocp(s2)
    n1, n2 = ageing.nmc811_ocp(s), ageing.nmc811_ocp(s2)
    # more lithium, lower potential vs Li/Li+ (an intercalation OCP falls as the host fills)
    assert g2 <= g1 and n2 <= n1
    assert 0.0 < g1 < 3.0 and 2.5 < n1 < 5.0   # graphite near Li, layered oxide ~3.5-4.5 V
    assert g1 == ageing.ocp(s, "graphite") and n1 == ageing.ocp(s, "nmc811")


@settings(deadline=None)
@given(soc=st.floats(0.0, 1.0, **finite))
def test_driving_forces_and_window(soc):
    U_sei, U_ox = ageing.electrolyte_window()
    assert 0.0 < U_sei < U_ox < 6.0
    d_sei, d_ox = ageing.driving_forces(soc, U_sei, U_ox)
    ua, uc = ageing.electrode_potentials(soc)
    # D_SEI = U_SEI - U_anode, D_ox = U_cathode - U_ox: add back to the window edges
    assert d_sei + ua == pytest.approx(U_sei, abs=1e-12)
    assert uc - d_ox == pytest.approx(U_ox, abs=1e-12)
    assert ageing.driving_forces(soc) == pytest.approx((d_sei, d_ox), abs=1e-15)


@given(T=st.floats(250.0, 350.0, **finite), alpha=st.floats(0.05, 1.0, **finite),
       U1=st.floats(-0.2, 1.2, **finite), U2=st.floats(-0.2, 1.2, **finite))
def test_sei_rate_factor_unity_at_reference_and_monotone(T, alpha, U1, U2):
    assert ageing.sei_rate_factor(0.1, T, alpha=alpha) == pytest.approx(1.0, rel=1e-12)
    lo, hi = min(U1, U2), max(U1, U2)
    s_lo, s_hi = ageing.sei_rate_factor(lo, T, alpha=alpha), ageing.sei_rate_factor(hi, T, alpha=alpha)
    assert s_lo >= s_hi >= 0.0
    if hi >= 0.8:
        assert s_hi == 0.0  # reduction not spontaneous above U_SEI
    # deep below U_SEI: one decade per ln10 RT/(alpha F) (the -1 is negligible)
    if hi < 0.8 - 40 * R * T / (alpha * F):
        assert math.log(s_lo / s_hi) == pytest.approx(alpha * F * (hi - lo) / (R * T), rel=1e-6, abs=1e-9)


@given(soc=st.lists(st.floats(0.0, 1.0, **finite), min_size=2, max_size=6),
       T=st.floats(260.0, 330.0, **finite), t_days=st.floats(1.0, 3000.0, **finite))
def test_calendar_fade_vs_soc_agrees_with_calendar_fade(soc, T, t_days):
    soc = np.sort(np.array(soc))
    t = t_days * 86400.0
    f = ageing.calendar_fade_vs_soc(soc, t, T, 1.3e-10, 5.55e4)
    ua, _ = ageing.electrode_potentials(soc)
    assert np.allclose(f, ageing.calendar_fade(t, T, ua, 1.3e-10, 5.55e4), rtol=1e-12, atol=0)
    assert np.all(f >= 0) and np.all(np.diff(f) >= -1e-15)  # higher SOC, lower anode potential, more fade


@pytest.mark.parametrize("fn, args, name", [
    (ageing.graphite_ocp, (1.5,), "x"), (ageing.graphite_ocp, (float("nan"),), "x"),
    (ageing.nmc811_ocp, (-0.1,), "y"), (ageing.nmc811_ocp, ("full",), "y"),
    (ageing.driving_forces, (1.2,), "soc"), (ageing.driving_forces, (0.5, float("nan")), "U_sei"),
    (ageing.sei_rate_factor, (0.1, 300.0, 0.8, 1.5), "alpha"),
    (ageing.sei_rate_factor, (0.1, -300.0), "T"),
    (ageing.calendar_fade_vs_soc, ([0.5, float("nan")], 1e7, 300.0, 1e-10, 5e4), "soc"),
    (ageing.calendar_fade_vs_soc, (0.5, -1.0, 300.0, 1e-10, 5e4), "t"),
    (ageing.ocp, (0.5, "silicon"), "electrode"),
])
def test_ageing_bad_input(fn, args, name):
    _raises_naming(name, fn, *args)


# ============================================================== bioenergetics
COUPLES = ["NAD+/NADH", "Q/QH2", "fumarate/succinate", "O2/H2O"]


@given(couple=st.sampled_from(COUPLES), pH=st.floats(5.0, 9.0, **finite))
def test_couple_data_is_the_midpoint_of_couple_potential(couple, pH):
    E_m7, n_e, n_H = bioenergetics.couple_data(couple)
    assert -1.0 < E_m7 < 1.0 and n_e in (1, 2, 4) and 0 <= n_H <= n_e
    # equal ox and red at pH 7: the potential is the midpoint
    assert bioenergetics.couple_potential(couple, 1.0, 1.0, 7.0) == pytest.approx(E_m7, abs=1e-15)
    # -(n_H/n_e) 59.16 mV per pH unit at 25 degC (RT ln10/F, Bard & Faulkner 2001 sec. 2.1 as in test_nernst);
    # the slope from the per-particle constants, k_B T ln10 / e
    shift = bioenergetics.couple_potential(couple, 1.0, 1.0, pH, 298.15) - E_m7
    assert shift == pytest.approx(-(n_H / n_e) * k_B * 298.15 * math.log(10) / e * (pH - 7.0), abs=1e-12)
    assert abs(shift) == pytest.approx((n_H / n_e) * 0.05916 * abs(pH - 7.0), abs=1e-5)


@given(dpsi=st.floats(-0.3, 0.3, **finite), pH_in=st.floats(5, 9, **finite), pH_out=st.floats(5, 9, **finite),
       T=st.floats(270.0, 320.0, **finite))
def test_proton_inflow_gibbs_is_electrochemical_potential_difference(dpsi, pH_in, pH_out, T):
    # second route: mu~ = RT ln a + zF phi (nernst.electrochemical_potential), a = 10^-pH
    mu_in = nernst.electrochemical_potential(R * T * math.log(10.0 ** -pH_in), 1, dpsi)
    mu_out = nernst.electrochemical_potential(R * T * math.log(10.0 ** -pH_out), 1, 0.0)
    assert bioenergetics.proton_inflow_gibbs(dpsi, pH_in, pH_out, T) == pytest.approx(mu_in - mu_out, abs=1e-6)


@given(dG=st.floats(-65e3, -30e3, **finite), n_H=st.floats(1.0, 4.0, **finite), pH=st.floats(6, 8, **finite))
def test_stall_pmf_zeroes_the_pump_cycle(dG, n_H, pH):
    p_star = bioenergetics.stall_pmf(dG, n_H)
    assert p_star < 0
    # at the stall the whole cycle (ATP hydrolysis + n_H H+ moved) has Delta G = 0
    assert bioenergetics.pump_cycle_gibbs(dG, n_H, p_star, pH, pH) == pytest.approx(0.0, abs=1e-6 * abs(dG))


@given(c=st.integers(3, 20), transport=st.floats(0.0, 5.0, **finite))
def test_h_per_atp_is_c_over_three_plus_transport(c, transport):
    # one turn of the c-ring: c protons, 3 ATP (Watt et al. 2010, as cited by the module)
    assert 3 * bioenergetics.h_per_atp(c) == pytest.approx(c, rel=1e-15)
    assert bioenergetics.h_per_atp(c, transport) - bioenergetics.h_per_atp(c) == pytest.approx(transport, abs=1e-14)


@given(ox=st.floats(1e-3, 1e3, **finite), red=st.floats(1e-3, 1e3, **finite), pH=st.floats(6, 8.5, **finite))
def test_nad_potential_is_two_electron_nernst(ox, red, pH):
    E_m7 = bioenergetics.couple_data("NAD+/NADH")[0]
    # NAD+ + H+ + 2e- -> NADH: E = E_m7 - (RT ln10/2F)(pH - 7) + (RT/2F) ln(ox/red)
    expected = nernst.nernst_potential(E_m7 - nernst.nernst_slope(2) * (pH - 7.0), 2, ox, red)
    assert bioenergetics.nad_potential(ox, red, pH) == pytest.approx(expected, abs=1e-12)
    assert bioenergetics.ubiquinone_potential(ox, ox, pH) > bioenergetics.nad_potential(ox, ox, pH)


@pytest.mark.parametrize("fn, args, name", [
    (bioenergetics.couple_data, ("ATP/ADP",), "couple"),
    (bioenergetics.proton_inflow_gibbs, (float("nan"), 7.0, 7.0), "dpsi"),
    (bioenergetics.proton_inflow_gibbs, (0.1, 15.0, 7.0), "pH_in"),
    (bioenergetics.stall_pmf, (5e3, 1), "dG_ATP"),
    (bioenergetics.stall_pmf, (-5e4, 0.0), "n_H"),
    (bioenergetics.h_per_atp, (8.5,), "c_subunits"), (bioenergetics.h_per_atp, (30,), "c_subunits"),
    (bioenergetics.h_per_atp, (8, -1.0), "transport"),
    (bioenergetics.nad_potential, (-1.0, 1.0), "NAD"), (bioenergetics.nad_potential, (1.0, float("nan")), "NADH"),
    (bioenergetics.ubiquinone_potential, (0.0, 1.0), "Q"),
    (bioenergetics.fumarate_potential, (1.0, float("inf")), "succinate"),
])
def test_bioenergetics_bad_input(fn, args, name):
    _raises_naming(name, fn, *args)


# ============================================================== ica
@settings(max_examples=10, deadline=None)
@given(T=st.floats(200.0, 400.0, **finite))
def test_ideal_fwhm_measured_on_the_ic_peak(T):
    # second route: measure the width of the omega = 0 peak numerically
    U = np.linspace(3.42 - 0.2, 3.42 + 0.2, 20001)
    h = ica.equilibrium_incremental_capacity(U, T, 3.42, 0.0)
    above = U[h >= h.max() / 2]
    assert above[-1] - above[0] == pytest.approx(ica.ideal_fwhm(T), abs=2 * (U[1] - U[0]))


@given(T=st.floats(250.0, 400.0, **finite), ratio=st.floats(0.0, 6.0, **finite), q=st.floats(0.1, 1e4, **finite))
def test_delta_peak_area_is_binodal_width(T, ratio, q):
    omega = ratio * R * T
    area = ica.delta_peak_area(T, omega, q)
    assert 0.0 <= area < q
    if ratio <= 2.0:
        assert area == 0.0
    else:
        lo, hi = intercalation.binodal(T, omega)
        assert area == pytest.approx(q * (hi - lo), rel=1e-12)
        assert lo + hi == pytest.approx(1.0, abs=1e-9)  # symmetric miscibility gap


@settings(max_examples=20, deadline=None)
@given(T=st.floats(250.0, 400.0, **finite), ratio=st.floats(0.0, 1.9, **finite), q=st.floats(0.5, 10.0, **finite))
def test_equilibrium_ic_integrates_to_the_capacity(T, ratio, q):
    # single-phase (omega < 2RT): all of the charge q passes under the continuous peak
    U = np.linspace(3.42 - 2.0, 3.42 + 2.0, 40001)
    h = ica.equilibrium_incremental_capacity(U, T, 3.42, ratio * R * T, q)
    assert np.all(h > 0)
    area = np.sum((h[1:] + h[:-1]) / 2 * np.diff(U))
    assert area == pytest.approx(q, rel=1e-6)


@settings(max_examples=20, deadline=None)
@given(T=st.floats(250.0, 350.0, **finite))
def test_msmr_graphite_parameters_hold_all_lithium(T):
    U0, X, w = ica.msmr_graphite()
    assert U0.shape == X.shape == w.shape and len(U0) >= 2
    assert X.sum() == pytest.approx(1.0, abs=1e-3) and np.all(w > 0) and np.all((U0 > 0) & (U0 < 1))
    # second route: integral of the MSMR IC over a wide window = sum X (q = 1)
    U = np.linspace(-3.0, 4.0, 140001)
    h = ica.msmr_incremental_capacity(U, T, 1.0, U0, X, w)
    assert np.sum((h[1:] + h[:-1]) / 2 * np.diff(U)) == pytest.approx(X.sum(), rel=1e-6)
    U0[0] = -5.0  # a copy: the tabulated values are untouched
    assert ica.msmr_graphite()[0][0] > 0


@settings(deadline=None)
@given(a=st.floats(2.5, 4.5, **finite), b=st.floats(0.01, 5.0, **finite), n=st.integers(20, 200),
       half=st.integers(2, 8), polyorder=st.integers(1, 3))
def test_dqdv_savgol_of_a_straight_line(a, b, n, half, polyorder):
    window = 2 * half + 1
    assume(window >= polyorder + 2 and window <= n)
    Q = np.linspace(0.0, 3600.0, n)
    V = a + b * Q / 3600.0
    Vs, g = ica.dqdv_savgol(V, Q, window, polyorder)
    # a polynomial of order >= 1 reproduces a line exactly: dQ/dV = 3600 / b
    assert np.allclose(Vs, V, rtol=0, atol=1e-9)
    assert np.allclose(g, 3600.0 / b, rtol=1e-7)


@given(n=st.integers(1, 50), noise=st.floats(0.0, 0.01, **finite), seed=st.integers(0, 2**31),
       res=st.sampled_from([0.0, 1e-4, 1e-3]))
def test_add_noise_deterministic_and_quantized(n, noise, seed, res):
    V = np.linspace(3.0, 4.0, n)
    a = np.atleast_1d(ica.add_noise(V, noise, seed=seed, resolution=res))
    b = np.atleast_1d(ica.add_noise(V, noise, seed=seed, resolution=res))
    assert np.array_equal(a, b)
    if noise == 0 and res == 0:
        assert np.array_equal(a, V)
    if res > 0:
        assert np.allclose(a / res, np.round(a / res), atol=1e-6)
        if noise == 0:
            assert np.all(np.abs(a - V) <= res / 2 + 1e-12)


@settings(max_examples=4, deadline=None)
@given(lli=st.floats(0.0, 0.2, **finite), lam_ne=st.floats(0.0, 0.2, **finite), lam_pe=st.floats(0.0, 0.2, **finite))
def test_fit_degradation_modes_reproduces_a_synthetic_curve(lli, lam_ne, lam_pe):
    c = ica.cell_curve(ica.degraded_design(lli, lam_ne, lam_pe), n=300)
    fit = ica.fit_degradation_modes(c["Q"], c["V"])
    # the fitted model reproduces the noise-free curve (round trip through the model)
    assert fit["rms"] < 1e-3
    for key in ("lli", "lam_ne", "lam_pe"):
        assert 0.0 <= fit[key] <= 0.6


@pytest.mark.parametrize("fn, args, kwargs, name", [
    (ica.ideal_fwhm, (0.0,), {}, "T"),
    (ica.delta_peak_area, (300.0, 1e4, -1.0), {}, "q"),
    (ica.delta_peak_area, (float("nan"), 1e4), {}, "T"),
    (ica.equilibrium_incremental_capacity, (float("nan"), 300.0, 3.4, 0.0), {}, "U"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 50), 10), {}, "window"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 50), 11, 0), {}, "polyorder"),
    (ica.dqdv_savgol, (np.linspace(3, 4, 50), np.linspace(0, 1, 49), 11), {}, "Q"),
    (ica.add_noise, (np.ones(3), -1e-3), {}, "noise"),
    (ica.add_noise, (np.ones(3), 1e-3), {"seed": -1}, "seed"),
    (ica.fit_degradation_modes, (np.linspace(0, 1, 20), np.full(20, np.nan)), {}, "V"),
    (ica.fit_degradation_modes, (np.linspace(0, 1, 20), np.linspace(3, 4, 20)), {"guess": (0.1, 0.1)}, "guess"),
    (ica.fit_degradation_modes, (np.linspace(0, 1, 20), np.linspace(3, 4, 20)), {"design": {"q_n": 1.0}}, "design"),
    (ica.degraded_design, (0.1,), {"design": "LG M50"}, "design"),
])
def test_ica_bad_input(fn, args, kwargs, name):
    _raises_naming(name, fn, *args, **kwargs)


# ============================================================== solid_ionics
sig = st.floats(1e-6, 1e3, **finite)


@given(si=sig, sn=sig, sp=sig)
def test_electrolytic_domain_edges_have_t_ion_one_half(si, sn, sp):
    pn, pp = solid_ionics.electrolytic_domain(si, sigma_n1=sn, sigma_p1=sp)
    # sigma_n = sigma_n1 pO2^(-1/4), sigma_p = sigma_p1 pO2^(1/4) (Maier 2004, sec. 6.7, cited by the module):
    # at p_n electrons alone equal the ions, at p_p holes alone do
    assert solid_ionics.transference_number(si, sn * pn ** -0.25) == pytest.approx(0.5, rel=1e-9)
    assert solid_ionics.transference_number(si, sp * pp ** 0.25) == pytest.approx(0.5, rel=1e-9)
    pn0, pp0 = solid_ionics.electrolytic_domain(si)
    assert pn0 == 0.0 and pp0 == math.inf


@given(T1=st.floats(500, 1500, **finite), T2=st.floats(500, 1500, **finite), s0=st.floats(1.0, 1e6, **finite),
       Ea=st.floats(0.0, 2e5, **finite), T_power=st.sampled_from([0.0, -1.0]))
def test_arrhenius_conductivity_slope(T1, T2, s0, Ea, T_power):
    s1 = solid_ionics.arrhenius_conductivity(T1, s0, Ea, T_power)
    s2 = solid_ionics.arrhenius_conductivity(T2, s0, Ea, T_power)
    # Arrhenius plot: ln(sigma T^-p) is linear in 1/T with slope -Ea/R
    lhs = math.log(s1 * T1 ** -T_power) - math.log(s2 * T2 ** -T_power)
    assert lhs == pytest.approx(-Ea / R * (1 / T1 - 1 / T2), abs=1e-9 * (1 + Ea / R / 500))


@given(material=st.sampled_from(["YSZ8", "GDC10"]), T=st.floats(900.0, 1300.0, **finite))
def test_conductivities_positive_and_thermally_activated(material, T):
    assert material in solid_ionics.materials()
    c1, c2 = solid_ionics.conductivities(material, T), solid_ionics.conductivities(material, T + 50.0)
    assert c1["sigma_ion"] > 0 and c1["sigma_n1"] >= 0 and c1["sigma_p1"] >= 0
    assert c2["sigma_ion"] > c1["sigma_ion"]  # thermally activated hopping
    # 8YSZ: about 10 S/m (0.1 S/cm) near 1000 degC, as the module's data source states; a loose bound
    if material == "YSZ8":
        assert 0.1 < c1["sigma_ion"] < 100.0


@settings(max_examples=15, deadline=None)
@given(lp1=st.floats(-3.0, 0.5, **finite), lp2=st.floats(-25.0, -5.0, **finite), T=st.floats(900, 1300, **finite),
       si=st.floats(0.5, 20.0, **finite), sn=st.floats(1e-8, 1e-3, **finite), sp=st.floats(1e-5, 1.0, **finite))
def test_membrane_profiles_end_points_and_ocv(lp1, lp2, T, si, sn, sp):
    prof = solid_ionics.membrane_profiles(10**lp1, 10**lp2, T, si, sn, sp, n=101)
    x = prof["x"]
    assert x[0] == pytest.approx(0.0, abs=1e-12) and x[-1] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(x) > 0)
    assert prof["pO2"][0] == pytest.approx(10**lp1, rel=1e-9) and prof["pO2"][-1] == pytest.approx(10**lp2, rel=1e-9)
    assert np.all((prof["t_ion"] >= 0) & (prof["t_ion"] <= 1))
    # second route: the voltmeter potential at the feed face is the Wagner OCV
    ocv = solid_ionics.open_circuit_voltage(10**lp1, 10**lp2, T, si, sn, sp)
    assert prof["E"][0] == pytest.approx(ocv, rel=1e-6)
    assert 0 < ocv <= solid_ionics.nernst_voltage(10**lp1, 10**lp2, T) * (1 + 1e-12)


@given(T1=st.floats(500.0, 1200.0, **finite), T2=st.floats(500.0, 1200.0, **finite))
def test_water_formation_gibbs_rises_with_T(T1, T2):
    g1, g2 = solid_ionics.water_formation_gibbs(T1), solid_ionics.water_formation_gibbs(T2)
    # d(DfG)/dT = -DfS = +44.4 J/(mol K) at 298 K from S(H2O,g) = 188.8, S(H2) = 130.7, S(O2) = 205.2
    # J/(mol K) (CODATA key values); DfS changes little with T, so the slope stays in 40-65
    assert -220e3 < g1 < -170e3
    if abs(T2 - T1) > 1:
        slope = (g2 - g1) / (T2 - T1)
        assert 40.0 < slope < 65.0


@given(T=st.floats(500.0, 1200.0, **finite), p1=st.floats(1e-3, 10.0, **finite), p2=st.floats(1e-3, 10.0, **finite),
       k=st.floats(0.1, 10.0, **finite))
def test_h2_h2o_oxygen_activity_square_law(T, p1, p2, k):
    pO2 = solid_ionics.h2_h2o_oxygen_activity(T, p1, p2)
    # same ratio, same pO2; ratio x k -> pO2 x k^2 (H2 + 1/2 O2 = H2O)
    assert solid_ionics.h2_h2o_oxygen_activity(T, k * p1, k * p2) == pytest.approx(pO2, rel=1e-9)
    assert solid_ionics.h2_h2o_oxygen_activity(T, p1, k * p2) == pytest.approx(pO2 * k**2, rel=1e-9)
    # equilibrium: DfG = -RT ln(pH2O / (pH2 pO2^1/2))
    G = solid_ionics.water_formation_gibbs(T)
    assert -R * T * (math.log(p2 / p1) - 0.5 * math.log(pO2)) == pytest.approx(G, rel=1e-9)


@given(si=st.floats(1e-3, 1e3, **finite), se=st.floats(1e-3, 1e3, **finite), T=temps,
       cV=st.floats(1.0, 1e5, **finite), ce=st.floats(1.0, 1e5, **finite))
def test_chemical_diffusion_coefficient_limits_and_symmetry(si, se, T, cV, ce):
    D = solid_ionics.chemical_diffusion_coefficient(si, se, T, cV, ce)
    assert D > 0
    assert solid_ionics.chemical_diffusion_coefficient(se, si, T, cV, ce) == pytest.approx(D, rel=1e-12)
    # minority-electron limit (Maier 2004, sec. 7.2, cited by the module): D -> D_e = RT sigma_el / (F^2 c_e)
    D_lim = solid_ionics.chemical_diffusion_coefficient(si * 1e12, se, T, cV * 1e12, ce)
    assert D_lim == pytest.approx(R * T * se / (F**2 * ce), rel=1e-5)


@given(lam=st.floats(1e-3, 1e3, **finite), n=st.integers(1, 30))
def test_relaxation_roots_solve_beta_tan_beta(lam, n):
    b = solid_ionics.relaxation_roots(lam, n)
    assert b.shape == (n,)
    k = np.arange(n)
    assert np.all((b > k * np.pi) & (b < k * np.pi + np.pi / 2))
    # residual in the pole-free form beta sin beta - Lambda cos beta = 0
    assert np.allclose(b * np.sin(b) - lam * np.cos(b), 0.0, atol=1e-9 * max(1.0, lam))


@settings(max_examples=20, deadline=None)
@given(tau=st.floats(1e-3, 3.0, **finite), lam=st.floats(0.05, 100.0, **finite))
def test_relaxation_profile_average_is_g(tau, lam):
    a, D = 1e-3, 1e-10
    k = lam * D / a
    t = tau * a**2 / D
    x = np.linspace(0.0, 1.0, 2001)
    u = solid_ionics.relaxation_profile(x, t, a, D, k)
    assert np.all(u >= -1e-9) and np.all(u <= 1 + 1e-9)
    # mass balance: the mean of u over the half plate is the normalized uptake g(t)
    mean = np.sum((u[1:] + u[:-1]) / 2 * np.diff(x))
    assert mean == pytest.approx(solid_ionics.conductivity_relaxation(t, a, D, k), abs=1e-6)


@settings(max_examples=6, deadline=None)
@given(D=st.floats(1e-12, 1e-8, **finite), k=st.floats(1e-8, 1e-4, **finite), method=st.sampled_from(["eig", "radau"]))
def test_numeric_relaxation_agrees_with_series(D, k, method):
    a = 5e-4
    t = np.array([0.0, 0.01, 0.1, 0.5, 2.0]) * a**2 / D
    g_num = solid_ionics.conductivity_relaxation_numeric(t, a, D, k, n_cells=200, method=method)
    g_ser = solid_ionics.conductivity_relaxation(t, a, D, k)
    assert np.allclose(g_num, g_ser, atol=2e-3)
    assert np.all(np.diff(g_num) >= -1e-9)


@settings(max_examples=5, deadline=None)
@given(D=st.floats(1e-11, 1e-9, **finite), k=st.floats(1e-7, 1e-5, **finite))
def test_fit_relaxation_round_trip(D, k):
    a = 5e-4
    t = np.logspace(-1, 1, 40) * a**2 / D
    g = solid_ionics.conductivity_relaxation(t, a, D, k)
    D_fit, k_fit = solid_ionics.fit_relaxation(t, g, a, D0=3e-10, k0=1e-6)
    assert D_fit == pytest.approx(D, rel=1e-4) and k_fit == pytest.approx(k, rel=1e-4)


@pytest.mark.parametrize("fn, args, kwargs, name", [
    (solid_ionics.electrolytic_domain, (0.0,), {}, "sigma_ion"),
    (solid_ionics.electrolytic_domain, (1.0,), {"sigma_n1": float("nan")}, "sigma_n1"),
    (solid_ionics.arrhenius_conductivity, (1000.0, 5.0, 1e4, float("nan")), {}, "T_power"),
    (solid_ionics.arrhenius_conductivity, (1000.0, 5.0, 1e4, "one"), {}, "T_power"),
    (solid_ionics.arrhenius_conductivity, (1000.0, 5.0, -1.0), {}, "Ea"),
    (solid_ionics.conductivities, ("LSCF", 1000.0), {}, "material"),
    (solid_ionics.conductivities, ("YSZ8", -1.0), {}, "T"),
    (solid_ionics.membrane_profiles, (1.0, 1e-20, 1000.0, 1.0), {"sigma_p1": 1.0, "n": 2}, "n"),
    (solid_ionics.membrane_profiles, (float("nan"), 1e-20, 1000.0, 1.0), {"sigma_p1": 1.0}, "pO2_feed"),
    (solid_ionics.water_formation_gibbs, (300.0,), {}, "T"),
    (solid_ionics.h2_h2o_oxygen_activity, (1000.0, 0.0, 0.5), {}, "pH2"),
    (solid_ionics.chemical_diffusion_coefficient, (1.0, 1.0, 1000.0, -1.0, 1.0), {}, "c_V"),
    (solid_ionics.relaxation_roots, (1.0, 0), {}, "n_terms"),
    (solid_ionics.relaxation_roots, (float("nan"), 3), {}, "Lambda"),
    (solid_ionics.relaxation_profile, (1.5, 1e6, 1e-3, 1e-10, 1e-6), {}, "x_over_a"),
    (solid_ionics.conductivity_relaxation_numeric, ([0.0, 1.0], 1e-3, 1e-10, 1e-6), {"method": "euler"}, "method"),
    (solid_ionics.conductivity_relaxation_numeric, ([0.0, 1.0], 1e-3, 1e-10, 1e-6), {"n_cells": 2}, "n_cells"),
    (solid_ionics.fit_relaxation, ([0.0, 1.0, 2.0], [0.0, 0.5, np.nan], 1e-3), {}, "g"),
])
def test_solid_ionics_bad_input(fn, args, kwargs, name):
    _raises_naming(name, fn, *args, **kwargs)


# ============================================================== plotting
@given(quantity=st.text(min_size=1, max_size=20), unit=st.one_of(st.none(), st.text(max_size=10)))
def test_label_form(quantity, unit):
    text = plotting.label(quantity, unit)
    assert text == f"{quantity} [{unit if unit else '-'}]"
    assert text.startswith(quantity) and text.endswith("]")


@settings(max_examples=8, deadline=None)
@given(ncols=st.integers(1, 3), nrows=st.integers(1, 2), w=st.floats(2.0, 10.0, **finite),
       h=st.floats(2.0, 6.0, **finite), n=st.integers(2, 30), xs=st.lists(st.floats(-5, 5, **finite), max_size=4))
def test_figure_helpers(ncols, nrows, w, h, n, xs):
    import matplotlib as mpl

    fig, axes = plotting.new_figure(ncols, nrows, size=(w, h), dpi=80)
    axes = np.atleast_1d(axes)
    assert axes.size == ncols * nrows and len(fig.axes) == ncols * nrows
    assert tuple(fig.get_size_inches()) == pytest.approx((w, h)) and fig.dpi == 80
    x = np.linspace(0.0, 1.0, n)
    line = plotting.plot_curve(x, x**2, ax=axes[0], xlabel="x [-]", ylabel="y [-]")
    assert np.array_equal(line.get_xdata(), x) and np.array_equal(line.get_ydata(), x**2)
    assert axes[0].get_xlabel() == "x [-]" and axes[0].get_ylabel() == "y [-]"
    guides = plotting.mark_vertical(xs, ax=axes[-1])
    assert len(guides) == len(xs)
    for g, xv in zip(guides, xs, strict=True):
        assert list(g.get_xdata()) == [xv, xv]
    # the style: only inside the context manager / after the explicit call
    before = dict(mpl.rcParams)
    with plotting.course_style():
        assert mpl.rcParams["axes.spines.top"] is False and mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["axes.spines.top"] == before["axes.spines.top"]
    with mpl.rc_context():
        plotting.apply_course_style()
        assert mpl.rcParams["svg.hashsalt"] == "echemlab"
    assert mpl.rcParams["svg.hashsalt"] == before["svg.hashsalt"]


@pytest.mark.parametrize("call, name", [
    (lambda: plotting.new_figure(0), "ncols"), (lambda: plotting.new_figure(1, 1.5), "nrows"),
    (lambda: plotting.new_figure(1, 1, size=(float("nan"), 3.0)), "size"),
    (lambda: plotting.new_figure(1, 1, size=(4.0,)), "size"),
    (lambda: plotting.new_figure(1, 1, dpi=-3), "dpi"),
    (lambda: plotting.plot_curve([0, 1], [0, float("nan")], ax=plotting.new_figure()[1]), "y"),
    (lambda: plotting.plot_curve([0, 1, 2], [0, 1], ax=plotting.new_figure()[1]), "x"),
    (lambda: plotting.plot_curve([0, 1], [0, 1], ax="axes"), "ax"),
    (lambda: plotting.mark_vertical([0.1, float("inf")], ax=plotting.new_figure()[1]), "xs"),
    (lambda: plotting.label(3.0), "quantity"), (lambda: plotting.label("E", 1), "unit"),
])
def test_plotting_bad_input(call, name):
    _raises_naming(name, call)


# ============================================================== explorer framework and every explorer

EXPLORER_CLASSES = [NernstExplorer, OCVExplorer, CalendarAgeingExplorer, IncrementalCapacityExplorer,
                    DegradationModeExplorer, WagnerExplorer, RelaxationExplorer, PumpStallExplorer, RETExplorer,
                    FePourbaixExplorer, StainlessExplorer, SurfacePourbaixExplorer, DissolutionExplorer,
                    CO2ReductionExplorer, MembranePotentialExplorer, JunctionExplorer, OnsagerExplorer,
                    KineticsExplorer]
_INSTANCES = {}
_CHECKED_ONCE = set()


def _instance(cls):
    if cls not in _INSTANCES:
        _INSTANCES[cls] = cls()
    return _INSTANCES[cls]


def _param_value(data, p):
    if p.log:
        return 10 ** data.draw(st.floats(math.log10(p.min), math.log10(p.max), **finite))
    return data.draw(st.floats(p.min, p.max, **finite))


def _numeric_leaves(obj, prefix=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _numeric_leaves(v, f"{prefix}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _numeric_leaves(v, f"{prefix}[{i}]")
    else:
        try:
            arr = np.asarray(obj)
        except Exception:  # noqa: BLE001 - non-numeric leaves are skipped
            return
        if arr.dtype.kind in "biuf":
            yield prefix, arr


@given(data=st.data())
def test_explorer_list_is_complete(data):
    # every registered explorer is exercised below (a new chapter must be added to EXPLORER_CLASSES)
    found = {cls for _, cls in explorers.all_explorers()}
    assert found == set(EXPLORER_CLASSES)
    mods = explorers.modules()
    assert list(mods) == sorted(mods) and all(len(ch) == 2 and ch.isdigit() for ch in mods)
    ch = data.draw(st.sampled_from(sorted(mods)))
    assert all(m.CHAPTER == ch for m in mods[ch])


@pytest.mark.parametrize("cls", EXPLORER_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_explorer_over_its_slider_ranges(cls, data):
    ex = _instance(cls)
    values = {p.name: p.si(_param_value(data, p)) for p in cls.params}
    result = ex.update(**values)
    for name, val in values.items():
        assert ex.values[name] == pytest.approx(val, rel=1e-12)
    # the model is a pure function of the parameters: recomputing gives the same numbers
    again = ex.compute(**ex.values)
    left, right = dict(_numeric_leaves(result)), dict(_numeric_leaves(again))
    assert left.keys() == right.keys()
    for key in left:
        assert np.array_equal(left[key], right[key], equal_nan=True), key
    ex.draw(again)
    text = ex.readout(again)
    assert isinstance(text, str)
    png = ex.frame()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == ex.png()
    if cls not in _CHECKED_ONCE:  # setup and widget do not depend on the parameters: once per class
        _CHECKED_ONCE.add(cls)
        import copy

        fig, axes = plotting.new_figure(cls.ncols, cls.nrows, size=cls.figsize)
        clone = copy.copy(ex)
        clone.fig, clone.axes, clone.canvas, clone.dynamic = fig, axes, fig.canvas, []
        clone.setup(fig, axes)
        assert len(clone.dynamic) == len(ex.dynamic)   # the same artists on a fresh figure
        clone.draw(clone.compute(**clone.values))
        box = ex.widget()
        assert len(ex._sliders) == len(cls.params) and box is ex.widget()
        # bad input names the parameter
        p = cls.params[0]
        with pytest.raises(ValueError, match=p.name):
            ex.update(**{p.name: float("nan")})
        with pytest.raises(ValueError, match=p.name):
            ex.update(**{p.name: p.si(p.max + 10 * abs(p.max - p.min) + 1)})
        with pytest.raises(ValueError, match="nonexistent"):
            ex.update(nonexistent=1.0)


@given(lo=st.floats(-1e3, 1e3, **finite), width=st.floats(1e-3, 1e3, **finite), to_si=st.floats(1e-6, 1e6, **finite),
       frac=st.floats(0.0, 1.0, **finite))
def test_param_si_display_round_trip_and_check(lo, width, to_si, frac):
    hi = lo + width
    p = explorer.Param("q", "q", "mV", lo, hi, width / 10, lo, to_si=to_si)
    disp = lo + frac * width
    si = p.si(disp)
    assert si == pytest.approx(disp * to_si, rel=1e-15)
    assert p.display(si) == pytest.approx(disp, rel=1e-12, abs=1e-12 * max(abs(lo), abs(hi), 1.0))
    assert p.check(si) == si
    with pytest.raises(ValueError, match=r"q must be in \["):
        p.check(p.si(hi + width))
    with pytest.raises(ValueError, match="q must be"):
        p.check(float("nan"))
    with pytest.raises(ValueError, match="q must be a number"):
        p.check("high")


@settings(max_examples=5, deadline=None)
@given(E0=st.floats(-1.0, 1.5, **finite))
def test_explorer_base_class_drives_a_subclass(E0):
    # the framework's own methods (update, png, frame, widget, readout) through the smallest explorer
    ex = _instance(NernstExplorer)
    assert isinstance(ex, explorer.Explorer)
    n0 = ex.n_renders
    res = ex.update(E0=E0)
    assert ex.n_renders == n0 + 1 and ex.values["E0"] == E0 and res is ex.result
    assert explorer.Explorer.readout(ex, res) == ""   # the base readout is empty
    w, h = ex.fig.canvas.get_width_height()
    png = ex.frame(E0=E0)
    assert int.from_bytes(png[16:20], "big") == w and int.from_bytes(png[20:24], "big") == h
    assert ex.widget() is ex.widget()
    assert ex.png() == png   # no re-render in between: the same frame


# ============================================================== homework: parameters


ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_", min_size=1, max_size=12)


def _sig_slack(x, sig):
    """Half a unit in the last of ``sig`` significant digits of x (rounding can step past a bound)."""
    return 0.5 * 10 ** (math.floor(math.log10(abs(x))) - sig + 1) if x else 0.0


@given(sid=ids, pad=st.sampled_from(["", " ", "  \t"]), qid=st.sampled_from(["q1", "q2"]), name=st.text(max_size=5))
def test_normalize_id_and_rng_streams(sid, pad, qid, name):
    assert P.normalize_id(pad + sid.upper() + pad) == P.normalize_id(sid) == P.normalize_id(P.normalize_id(sid))
    a = P.rng("set", qid, sid, name).random(4)
    b = P.rng("set", qid, pad + sid.swapcase() + pad, name).random(4)
    assert np.array_equal(a, b)                              # same student, same numbers
    assert not np.array_equal(a, P.rng("set", qid, sid, name + "x").random(4))  # other parameter, other stream
    assert not np.array_equal(a, P.rng("set", qid, sid, name, course="other").random(4))


@given(sid=ids, lo=st.floats(-1e4, 1e4, **finite), width=st.floats(1e-3, 1e4, **finite), sig=st.integers(2, 6),
       llo=st.floats(-12, 3, **finite), ldec=st.floats(0.1, 6, **finite), ilo=st.integers(-50, 50),
       iw=st.integers(0, 20), opts=st.lists(st.one_of(st.integers(-5, 5), st.text(max_size=3)), min_size=1))
def test_specs_draw_inside_their_ranges(sid, lo, width, sig, llo, ldec, ilo, iw, opts):
    hi = lo + width
    specs = {"u": hwk.Uniform(lo, hi, "K", sig=sig), "g": hwk.LogUniform(10**llo, 10 ** (llo + ldec), "bar"),
             "i": hwk.Integer(ilo, ilo + iw), "c": hwk.OneOf(opts), "fixed": 7.5,
             "s": hwk.Uniform(0.0, 1.0, secret=True),
             "d": hwk.Dataset(lambda gen, prev: {"u_seen": prev["u"], "x": gen.random(3)})}
    p = P.draw("00_toolkit", "q1", sid, specs)
    assert lo - _sig_slack(p.u, sig) <= p.u <= hi + _sig_slack(p.u, sig)
    assert 10**llo * (1 - 1e-2) <= p.g <= 10 ** (llo + ldec) * (1 + 1e-2)  # 3 significant digits
    assert ilo <= p.i <= ilo + iw and isinstance(p.i, int)
    assert p.c in opts and p.fixed == 7.5
    assert p.d["u_seen"] == p.u and p.d["x"].shape == (3,)   # a data set sees the earlier parameters
    assert isinstance(p, P.Params) and p["u"] == p.u
    assert "s =" not in repr(p) and "u =" in repr(p) and "[K]" in repr(p)   # secrets are not shown
    assert "<table>" in p._repr_html_()
    # the grader recomputes exactly the numbers the student saw
    assert P.draw("00_toolkit", "q1", sid.upper(), specs)["u"] == p.u
    for spec in (specs["u"], specs["g"], specs["i"], specs["c"]):
        assert isinstance(spec, P.Spec) and spec.draw(P.rng("s", "q", sid, "n"), {}) is not None


@pytest.mark.parametrize("call, name", [
    (lambda: hwk.Uniform(float("nan"), 1.0), "lo"), (lambda: hwk.Uniform(0.0, float("inf")), "hi"),
    (lambda: hwk.Uniform(2.0, 1.0), "hi"), (lambda: hwk.Uniform(0.0, 1.0, sig=0), "sig"),
    (lambda: hwk.Uniform(0.0, 1.0, unit=3), "unit"), (lambda: hwk.Uniform("a", 1.0), "lo"),
    (lambda: hwk.LogUniform(0.0, 1.0), "lo"), (lambda: hwk.LogUniform(1.0, 0.5), "hi"),
    (lambda: hwk.Integer(1.5, 3), "lo"), (lambda: hwk.Integer(3, 1), "hi"),
    (lambda: hwk.OneOf([]), "options"), (lambda: hwk.OneOf("abc"), "options"),
    (lambda: hwk.OneOf([1.0, float("nan")]), "options"), (lambda: hwk.Dataset("data.csv"), "make"),
])
def test_specs_bad_input(call, name):
    _raises_naming(name, call)


@given(n=st.integers(2, 60), T=st.floats(250, 350, **finite), omega=st.floats(0, 8e3, **finite),
       E0=st.floats(3.0, 4.0, **finite), seed=st.integers(0, 2**32 - 1), m=st.integers(1, 20))
def test_datasets(n, T, omega, E0, seed, m):
    prm = {"T": T, "omega_true": omega, "E0_true": E0}
    d = datasets.ocv_measurement(np.random.default_rng(seed), prm, n=n, noise_V=0.0)
    assert d["x"].shape == d["U_V"].shape == (n,)
    # without noise the data are the model, rounded to 10 uV
    assert np.allclose(d["U_V"], intercalation.ocv(d["x"], T, E0, omega), atol=5.1e-6, rtol=0)
    noisy = datasets.ocv_measurement(np.random.default_rng(seed), prm, n=n)
    assert np.array_equal(noisy["U_V"], datasets.ocv_measurement(np.random.default_rng(seed), prm, n=n)["U_V"])
    ph = datasets.ph_values(np.random.default_rng(seed), {}, n=m)
    assert ph.shape == (m,) and np.all(np.diff(ph) >= 0) and np.all((ph >= 0) & (ph <= 14))


@pytest.mark.parametrize("call, name", [
    (lambda: datasets.ocv_measurement(np.random.default_rng(0), {"T": 300.0}), "params"),
    (lambda: datasets.ocv_measurement(0, {"T": 300.0, "omega_true": 0.0, "E0_true": 3.4}), "gen"),
    (lambda: datasets.ocv_measurement(np.random.default_rng(0), {"T": 300.0, "omega_true": 0.0, "E0_true": 3.4},
                                      noise_V=-1.0), "noise_V"),
    (lambda: datasets.ph_values(np.random.default_rng(0), {}, n=0), "n"),
])
def test_datasets_bad_input(call, name):
    _raises_naming(name, call)


# ============================================================== homework: answer types and comparison
units = st.sampled_from(sorted(u for u in A.UNITS if u not in ("degC", "°C")))


@given(unit=units, value=st.floats(-1e6, 1e6, **finite).filter(lambda x: abs(x) > 1e-9), rtol=st.floats(1e-6, 0.1))
def test_number_and_q_round_trip(unit, value, rtol):
    spec = hwk.Number(unit=unit, rtol=rtol)
    assert spec.describe().startswith("a number") and (unit in spec.describe() or not unit)
    assert isinstance(spec, A.Answer) and A.Answer.describe(spec) == "number"
    assert A.compare(spec, value, A.decode(A.encode(value))).correct
    # the same quantity in the SI unit of its dimension, written with Q
    dim, scale, _ = A.UNITS[unit]
    si_unit = next(u for u, (d, s, o) in A.UNITS.items() if d == dim and s == 1.0 and o == 0.0)
    assert A.compare(spec, value, A.decode(A.encode(hwk.Q(value * scale, si_unit)))).correct
    assert not A.compare(spec, value, A.decode(A.encode(value * (1 + 3 * rtol) + 1e-9))).correct


@given(vals=st.lists(st.floats(-1e3, 1e3, **finite), min_size=1, max_size=8), unit=units)
def test_array_answers(vals, unit):
    spec = hwk.Array(unit=unit, rtol=1e-6, atol=1e-9, shape=(len(vals),))
    assert spec.describe().startswith("an array")
    exp = np.array(vals)
    assert A.compare(spec, exp, A.decode(A.encode(list(vals)))).correct
    wrong = A.compare(spec, exp, A.decode(A.encode(list(vals) + [1.0])))
    assert not wrong.correct


@settings(max_examples=10, deadline=None)
@given(k=st.integers(1, 4), c=st.floats(0.5, 3.0, **finite))
def test_expr_answers_graded_by_equivalence(k, c):
    import sympy as sp

    x, y = sp.symbols("x y")
    spec = hwk.Expr({"x": (0.1, 2.0), "y": (1.0, 3.0)})
    assert "x" in spec.describe() and "y" in spec.describe()
    expected = k * sp.log(x * y) + c
    same = k * sp.log(x) + k * sp.log(y) + c           # another form of the same function
    assert A.compare(spec, expected, A.decode(A.encode(same))).correct
    assert not A.compare(spec, expected, A.decode(A.encode(expected + 1))).correct


@given(xs=st.lists(st.floats(0.1, 10.0, **finite), min_size=1, max_size=5), shift=st.floats(1e-3, 1.0, **finite))
def test_function_answers_and_call_all(xs, shift):
    spec = hwk.Function("f", [(x,) for x in xs], rtol=1e-9)
    assert spec.describe() == "a function f(...)"
    expected = [math.log(x) for x in xs]
    got, errors = core.call_all(lambda x: math.log(x), spec.examples)
    assert errors == [] and A.compare_function(spec, expected, got).correct
    got_bad, _ = core.call_all(lambda x: math.log(x) + shift, spec.examples)
    assert not A.compare_function(spec, expected, got_bad).correct
    got_err, errors = core.call_all(lambda x: 1 / 0, spec.examples)
    assert len(errors) == len(xs) and all(g is None for g in got_err)
    assert not A.compare_function(spec, expected, got_err).correct
    v = A.wrong_type(spec, A.decode(A.encode("a string")))
    assert not v.correct and v.hints


@given(opts=st.dictionaries(st.sampled_from("abcdef"), st.text(min_size=1, max_size=8), min_size=2),
       data=st.data())
def test_choice_answers(opts, data):
    spec = hwk.Choice(opts)
    right = data.draw(st.sampled_from(sorted(opts)))
    wrong = data.draw(st.sampled_from(sorted(set(opts) - {right})))
    assert all(repr(k) in spec.describe() for k in opts)
    assert A.compare(spec, right, A.decode(A.encode(right.upper()))).correct
    assert not A.compare(spec, right, A.decode(A.encode(wrong))).correct


@pytest.mark.parametrize("call, name", [
    (lambda: hwk.Q(1.0, "furlong"), "unit"), (lambda: hwk.Q(float("nan"), "mV"), "value"),
    (lambda: hwk.Number(unit="parsec"), "unit"), (lambda: hwk.Number(rtol=float("nan")), "rtol"),
    (lambda: hwk.Number(rtol=-1e-3), "rtol"), (lambda: hwk.Number(atol=float("inf")), "atol"),
    (lambda: hwk.Array(shape=(2, -1)), "shape"), (lambda: hwk.Array(shape=("two",)), "shape"),
    (lambda: hwk.Expr({"x": (1.0, 0.0)}), "symbols"), (lambda: hwk.Expr({}), "symbols"),
    (lambda: hwk.Expr({"x": (0.0, float("nan"))}), "symbols"), (lambda: hwk.Expr({"x": (0, 1)}, points=0), "points"),
    (lambda: hwk.Function("not a name", []), "name"), (lambda: hwk.Function("f", 3), "examples"),
    (lambda: hwk.Function("f", [], rtol=float("nan")), "rtol"), (lambda: hwk.Choice({}), "options"),
    (lambda: hwk.Choice(["a", "b"]), "options"),
])
def test_answer_types_bad_input(call, name):
    _raises_naming(name, call)


@given(e_val=st.floats(0.01, 10.0, **finite).filter(lambda v: len(f"{v:.6g}") >= 6),
       k=st.sampled_from([1e3, 1e-3, -1.0, LN10, 2.0]))
def test_diagnose_names_the_slip_never_the_value(e_val, k):
    hints = diagnose.number(e_val, k * e_val, "V", 1e-4, 0.0)
    assert len(hints) == 1
    assert f"{e_val:.6g}" not in hints[0] and f"{k * e_val:.6g}" not in hints[0]
    assert diagnose.number(e_val, e_val, "V", 1e-4, 0.0) == []
    reverse = diagnose.array([e_val, 2 * e_val], [2 * e_val, e_val], "V", 1e-6, 0.0)
    assert reverse == ["Your values are in reverse order."]
    msgs = [m for _, m in diagnose.transforms("K")]
    assert any("273.15" in m for m in msgs) and not any("273.15" in m for _, m in diagnose.transforms("V"))
    for f, _ in diagnose.transforms("V"):
        assert np.isfinite(f(e_val))
    pts = np.linspace(1.0, 2.0, 5) * e_val
    assert diagnose.expression(pts, -pts, 1e-8) == ["Opposite sign: check the sign convention."]
    assert diagnose.expression(pts, pts + 1.0, 1e-8)[0].startswith("Off by an additive constant")


# ============================================================== homework: the student object
@settings(max_examples=10, deadline=None)
@given(sid=ids, value=st.floats(-10, 10, **finite), lo=st.floats(200, 300, **finite))
def test_homework_set_records_answers(sid, value, lo):
    hw = hwk.start("00_toolkit", sid)
    assert isinstance(hw, core.HomeworkSet) and hw.student_id == sid
    p = hw.question("qx", hwk.Number(unit="V"), T=hwk.Uniform(lo, lo + 50, "K"))
    assert hw.params("qx") is p and lo - 0.05 <= p.T <= lo + 50.05
    # another copy for the same student draws the same numbers
    assert hwk.start("00_toolkit", " " + sid.upper()).question("qx", hwk.Number(unit="V"),
                                                                T=hwk.Uniform(lo, lo + 50, "K")).T == p.T
    hw.answer("qx", value)
    assert "qx: number" in hw.summary()
    hw.check("qy", [value, value])   # self-check of an unknown question must not break the notebook
    assert "qy: array" in hw.summary()
    # reference-only hooks are inert for a student and recorded in reference mode
    hw.mistake("qx", "hint", 1.0)
    hw.hidden_inputs("qx", [(1.0,)])
    assert hw._ref == {}
    ref = core.HomeworkSet("00_toolkit", sid, mode="reference")
    ref.mistake("qx", "hint", value)
    ref.hidden_inputs("qx", [[1.0, 2.0]])
    assert ref._ref["qx"] == {"mistakes": [(value, "hint")], "hidden_inputs": [(1.0, 2.0)]}
    with core.forced(ref):
        assert hwk.start("anything", "anyone") is ref
    assert hwk.start("00_toolkit", sid) is not ref


@given(grading=st.sampled_from([None, "0", "1"]), noself=st.sampled_from([None, "0", "1"]))
def test_grading_and_selfcheck_switches(grading, noself):
    saved = {k: os.environ.get(k) for k in ("ECHEMLAB_GRADING", "ECHEMLAB_NO_SELFCHECK")}
    try:
        for key, val in (("ECHEMLAB_GRADING", grading), ("ECHEMLAB_NO_SELFCHECK", noself)):
            if val is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = val
        assert core.grading() == (grading == "1")
        assert core.selfcheck_enabled() == (grading != "1" and noself != "1")
    finally:
        for key, val in saved.items():
            if val is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = val


def _toolkit_reference():
    text = resources.files("echemlab.homework").joinpath("keys", "00_toolkit.key").read_text("ascii")
    return reference.Reference(N.decode_key(text))


@settings(max_examples=5, deadline=None)
@given(sid=ids)
def test_reference_and_self_check_of_question_1(sid):
    # 00_toolkit q1: E = (RT/nF) ln(ratio) with the temperature given in degC (textbook Nernst,
    # typed here independently of the solution notebook)
    ref = _toolkit_reference()
    assert "q1" in ref.qids
    res = ref.run(sid, ["q1"])["q1"]
    assert not res.error and reference.finite_number(res.expected)
    p = res.params
    E = R * (p.t_C + 273.15) / (p.n * F) * math.log(p.ratio)
    assert res.expected == pytest.approx(E, rel=1e-9)
    # a re-run with the temperature slip gives the Celsius-as-kelvin value
    assert ref.rerun(sid, "q1", {"t_C": p.t_C - 273.15}) == pytest.approx(R * p.t_C / (p.n * F) * math.log(p.ratio))
    slips = ref.variants(sid, res)
    assert any("°C" in msg for _, msg in slips)
    hw = core.HomeworkSet("00_toolkit", sid)
    assert hw.verdict("q1", E).correct
    assert hw.verdict("q1", hwk.Q(E * 1e3, "mV")).correct
    v = hw.verdict("q1", R * p.t_C / (p.n * F) * math.log(p.ratio))
    assert not v.correct and any("°C" in h or "kelvin" in h for h in v.hints)
    hw.check("q1", E)
    assert "q1: number" in hw.summary()


@pytest.mark.parametrize("call, name", [
    (lambda: hwk.start(None, "s1"), "set_id"), (lambda: hwk.start("", "s1"), "set_id"),
    (lambda: hwk.start("00_toolkit", ["s1"]), "student_id"),
    (lambda: hwk.start("00_toolkit", "s1").question("q1", 0.5), "answer_spec"),
    (lambda: hwk.start("00_toolkit", "s1").question(3, hwk.Number()), "qid"),
    (lambda: hwk.start("00_toolkit", "s1").params("q9"), "qid"),
    (lambda: core.HomeworkSet("00_toolkit", "s1").verdict("q99", 1.0), "qid"),
])
def test_homework_bad_input(call, name):
    _raises_naming(name, call)


# ============================================================== homework: notebook format
@given(qn=st.integers(1, 30), title=st.from_regex(r"[A-Za-z][A-Za-z ,\-]{0,30}[A-Za-z]", fullmatch=True),
       pts=st.integers(1, 10), indent=st.sampled_from(["", "    "]),
       body=st.lists(st.from_regex(r"[a-z]{1,5} = [0-9]{1,3}", fullmatch=True), min_size=1, max_size=4))
def test_notebook_markers_and_keys(qn, title, pts, indent, body):
    head = f"## Q{qn} · {title} ({pts} points) {{#q{qn}}}"
    assert N.parse_heading(head) == (f"q{qn}", f"Q{qn}", title, float(pts))
    assert N.parse_heading("## Background") is None
    code = "".join(f"{indent}{line}\n" for line in body)
    src = f"pre_x = 1\n{indent}{N.BEGIN_SOLUTION}\n{code}{indent}{N.END_SOLUTION}\n" \
          f"{N.BEGIN_HIDDEN}\nassert pre_x == 1\n{N.END_HIDDEN}\n"
    assert N.has_solution(src) and not N.has_solution(N.stub(src))
    stubbed = N.stub(src)
    assert "raise NotImplementedError()" in stubbed and all(line not in stubbed for line in body)
    assert N.BEGIN_HIDDEN not in N.drop_hidden(src) and "assert x == 1" not in N.drop_hidden(src)
    plain = N.unmark(src)
    assert all(line in plain for line in body) and "###" not in plain
    prog = {"set_id": "s", "common": [plain], "questions": {f"q{qn}": {"cells": body}}}
    key = N.encode_key(prog)
    assert N.decode_key(key) == prog
    assert all(line not in key for line in body)   # not readable at a glance


@settings(max_examples=3, deadline=None)
@given(sid=ids)
def test_solution_notebook_program_and_submission(sid):
    import nbformat

    nb = nbformat.read(str(data.DATA_DIR.parents[1] / "solutions" / "00_toolkit.ipynb"), as_version=4)
    qs = N.questions(nb)
    assert [q["qid"] for q in qs] == _toolkit_reference().qids
    assert all(q["points"] > 0 for q in qs)
    prog = N.program(nb, "00_toolkit", hidden=False)
    assert not any(N.BEGIN_HIDDEN in c for q in prog["questions"].values() for c in q["cells"])
    sub = N.filled_submission(nb, sid)
    text = "".join(c.source for c in sub.cells)
    assert f'STUDENT_ID = "{sid}"' in text and N.BEGIN_HIDDEN not in text
    assert all(c.get("outputs", []) == [] for c in sub.cells if c.cell_type == "code")


# ============================================================== explorer helpers, BLAST-Lite fit (ageing)


@given(dH=st.floats(-0.3, 0.3, **finite), dOH=st.floats(-0.4, 0.4, **finite), dO=st.floats(-0.4, 0.4, **finite))
def test_shifted_configs_shift_by_coverage(dH, dOH, dO):
    base = _sp.load_configurations()
    moved = shifted_configs(base, dH * F, dOH * F, dO * F)
    assert len(moved) == len(base)
    for c0, c1 in zip(base, moved, strict=True):
        assert c1.name == c0.name and c1.theta_H == c0.theta_H
        # each adsorbate shifts the free energy once per adsorbate (coverage x shift)
        assert c1.dG0 - c0.dG0 == pytest.approx(F * (c0.theta_H * dH + c0.theta_OH * dOH + c0.theta_O * dO),
                                                abs=1e-9)
    assert [c.dG0 for c in shifted_configs(base)] == [c.dG0 for c in base]


@given(data=st.data())
def test_stainless_solutions_are_fe_cr_ni_phases(data):
    sols = stainless_solutions()
    sol = data.draw(st.sampled_from(sols))
    assert {s.name.split()[0] for s in sols} == {"corundum", "spinel", "alloy"}
    # every phase holds iron and chromium, and all are ideal mixtures (no interaction energy)
    members = "".join(sol.endmembers)
    assert "Fe" in members and "Cr" in members and sol.interaction == 0.0
    W = sol.pair_W()
    n = len(sol.endmembers)
    assert len(W) == n * (n - 1) // 2 and all(w == 0.0 for w in W.values())


@given(s1=st.floats(0.0, 1.0, **finite), s2=st.floats(0.0, 1.0, **finite))
def test_blast_anode_potential_decreases_with_soc(s1, s2):
    lo, hi = min(s1, s2), max(s1, s2)
    u_lo, u_hi = ageing.blast_anode_potential(lo), ageing.blast_anode_potential(hi)
    assert 0.0 < u_hi <= u_lo < 1.5   # a graphite OCP vs Li/Li+: lower when more lithiated


@given(soc=st.floats(0.0, 1.0, **finite), T=st.floats(273.15, 333.15, **finite), days=st.floats(1.0, 3000.0, **finite))
def test_lgm50_fit_fade_power_law_in_time(soc, T, days):
    k = ageing.lgm50_fit_rate(soc, T)
    f1 = ageing.lgm50_fit_fade(soc, T, days * 86400.0)
    f2 = ageing.lgm50_fit_fade(soc, T, 2 * days * 86400.0)
    # q_loss = k_cal (t_days / 1e4)^p, p = 0.6517 (BLAST-Lite nmc811_grSi_LGM50_5Ah_2021, 4 digits quoted)
    p = math.log2(f2 / f1)
    assert p == pytest.approx(0.6517, abs=5e-5)
    assert f1 == pytest.approx(k * (days / 1e4) ** p, rel=1e-9)
    assert ageing.lgm50_fit_fade(soc, T, 0.0) == 0.0


@pytest.mark.parametrize("call, name", [
    (lambda: ageing.blast_anode_potential(1.5), "soc"), (lambda: ageing.blast_anode_potential(float("nan")), "soc"),
    (lambda: ageing.lgm50_fit_rate(0.5, 400.0), "T"), (lambda: ageing.lgm50_fit_rate(-0.1, 300.0), "soc"),
])
def test_blast_fit_bad_input(call, name):
    _raises_naming(name, call)


# ============================================================== homework: generator and grader (pure parts)



ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted(p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


@settings(max_examples=4, deadline=None)
@given(name=st.sampled_from(SOLUTIONS), stem=st.from_regex(r"[0-9]{2}_[a-z]{1,10}", fullmatch=True))
def test_make_exercise_strips_solutions(name, stem):
    assert (G.repo_root() / "solutions").is_dir()
    assert f"solutions/{stem}.ipynb" in G.banner(stem) and "do not edit" in G.banner(stem)
    nb = nbformat.read(str(ROOT / "solutions" / name), as_version=4)
    ex = G.make_exercise(nb, stem)
    nbformat.validate(ex)
    text = "".join(c.source for c in ex.cells)
    assert N.BEGIN_SOLUTION not in text and N.BEGIN_HIDDEN not in text
    assert ex.cells[0].source == G.banner(stem)
    assert all(c.outputs == [] for c in ex.cells if c.cell_type == "code")
    n_stubs = sum(N.has_solution(c.source) for c in nb.cells if c.cell_type == "code")
    assert text.count("raise NotImplementedError()") >= n_stubs > 0


@settings(max_examples=2, deadline=None)
@given(selfcheck=st.booleans())
def test_generate_check_round_trip_in_a_scratch_root(selfcheck):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "solutions").mkdir()
        (root / "exercises").mkdir()
        (root / "echemlab" / "homework" / "keys").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / "00_toolkit.ipynb", root / "solutions")
        files = G.outputs_for(root, selfcheck=selfcheck)
        key = root / "echemlab" / "homework" / "keys" / "00_toolkit.key"
        assert (files[key] is not None) == selfcheck
        flags = [] if selfcheck else ["--no-selfcheck"]
        assert G.main(["--check", "--root", tmp, *flags]) == 1     # nothing generated yet: stale
        assert G.main(["--root", tmp, *flags]) == 0
        assert G.main(["--check", "--root", tmp, *flags]) == 0     # now current
        assert key.is_file() == selfcheck


@given(sid=st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True), other=st.from_regex(r"[A-Za-z0-9]{1,10}",
       fullmatch=True), pad=st.sampled_from(["", " "]))
def test_find_student_id_reads_the_literal(sid, other, pad):
    assert GR.find_student_id([f'STUDENT_ID = "{pad}{sid}{pad}"\nimport x']) == (sid, "")
    sid_missing, why = GR.find_student_id(['STUDENT_ID = ""'])
    assert sid_missing == "" and "missing" in why
    if other != sid:
        got, why = GR.find_student_id([f'STUDENT_ID = "{sid}"', f'STUDENT_ID = "{other}"'])
        assert got == "" and "ambiguous" in why
    got, why = GR.find_student_id(["STUDENT_ID = input()"])
    assert got == "" and why


@given(cells=st.lists(st.tuples(st.sampled_from(["code", "markdown"]), st.text(max_size=30)), max_size=6),
       names=st.sets(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=4))
def test_read_notebook_and_list_submissions(cells, names):
    nb = nbformat.v4.new_notebook()
    for kind, src in cells:
        nb.cells.append(nbformat.v4.new_code_cell(src) if kind == "code" else nbformat.v4.new_markdown_cell(src))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in names:
            nbformat.write(nb, str(folder / f"{n}.ipynb"))
        (folder / ".hidden").mkdir()
        (folder / ".hidden" / "x.ipynb").write_text("{}")
        (folder / "bad.ipynb").write_text("{not json")
        subs = GR.list_submissions(folder)
        assert [rel for _, rel in subs] == sorted([f"{n}.ipynb" for n in names] + ["bad.ipynb"])
        for path, rel in subs:
            if rel == "bad.ipynb":
                with pytest.raises(GR.Invalid, match="invalid JSON"):
                    GR.read_notebook(path)
            else:
                assert GR.read_notebook(path) == [src for kind, src in cells if kind == "code"]


@settings(max_examples=5, deadline=None)
@given(scores=st.lists(st.floats(0.0, 1.0, **finite), min_size=1, max_size=4))
def test_write_table_and_feedback(scores):
    cfg = GR.Config("00_toolkit", ROOT / "solutions" / "00_toolkit.ipynb", jobs=1)
    rows = []
    for i, frac in enumerate(scores):
        row = {"submission": f"s{len(scores) - i}.ipynb", "student": f"id{i}", "status": "ok", "reason": ""}
        for q in cfg.qids:
            row[q] = frac * cfg.max_points[q]
        row["total"] = sum(row[q] for q in cfg.qids)
        rows.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grades.csv"
        GR.write_table(path, rows, cfg)
        lines = path.read_text().splitlines()
    assert lines[0].split(",") == ["submission", "student", *cfg.qids, "total", "max", "status", "reason"]
    body = [ln.split(",") for ln in lines[1:]]
    assert [r[0] for r in body] == sorted(r["submission"] for r in rows)   # sorted by path
    total_max = sum(cfg.max_points.values())
    assert all(float(r[-3]) == pytest.approx(total_max) for r in body)
    text = GR.feedback_text(rows[0], cfg, {})
    assert f"homework {cfg.set_id}" in text and "expected values are not shown" in text
    assert all(q["title"] in text for q in cfg.questions)


@pytest.mark.parametrize("kwargs, name", [
    (dict(cell_timeout=float("nan")), "cell_timeout"), (dict(total_timeout=-1.0), "total_timeout"),
    (dict(memory_mb=1.5e3 + 0.5), "memory_mb"), (dict(jobs=0), "jobs"), (dict(jobs=1.5), "jobs"),
    (dict(stream_mb=float("inf")), "stream_mb"),
])
def test_grader_config_bad_input(kwargs, name):
    _raises_naming(name, GR.Config, "00_toolkit", ROOT / "solutions" / "00_toolkit.ipynb", **kwargs)


def test_grader_config_bad_paths():
    _raises_naming("solutions", GR.Config, "00_toolkit", ROOT / "solutions" / "nope.ipynb")
    _raises_naming("set_id", GR.Config, None, ROOT / "solutions" / "00_toolkit.ipynb")


BAD_SUBMISSIONS = {
    "json": (b"{not json", "invalid-notebook"),
    "bytes": (b"\xff\xfe\x00garbage", "invalid-notebook"),
    "v3": (json.dumps({"nbformat": 3, "cells": []}).encode(), "invalid-notebook"),
    "noid": (nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])).encode(),
             "missing-id"),
    "twoid": (nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('STUDENT_ID = "a"'),
                                                              nbformat.v4.new_code_cell('STUDENT_ID = "b"')])).encode(),
              "missing-id"),
}


@settings(max_examples=8, deadline=None)
@given(kind=st.sampled_from(sorted(BAD_SUBMISSIONS)))
def test_grade_one_never_raises_on_ungradable_files(kind):
    content, status = BAD_SUBMISSIONS[kind]
    cfg = GR.Config("00_toolkit", ROOT / "solutions" / "00_toolkit.ipynb", jobs=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.ipynb"
        path.write_bytes(content)
        row, feedback = GR.grade_one(path, path.name, cfg, Path(tmp) / "job", Path(tmp) / "pid")
    assert status in row["status"] and row["reason"]
    assert row["total"] == 0.0 and all(row[q] == 0.0 for q in cfg.qids)
    assert row["submission"] == path.name and "Feedback" in feedback


@settings(max_examples=3, deadline=None)
@given(args=st.sampled_from([["--set", "00_toolkit"], ["--set", "99_nothing"]]))
def test_grader_main_refuses_bad_arguments(args):
    with tempfile.TemporaryDirectory() as tmp:
        missing = str(Path(tmp) / "no_such_folder")
        assert GR.main([missing, *args, "--out", str(Path(tmp) / "out")]) == 2
        assert not (Path(tmp) / "out" / "grades.csv").exists()


@settings(max_examples=1, deadline=None)
@given(kinds=st.sets(st.sampled_from(sorted(BAD_SUBMISSIONS)), min_size=2, max_size=3))
def test_grade_folder_batch_goes_on_past_bad_files(kinds):
    # no kernel starts for these files, so the whole batch stays cheap; the grader tests grade real ones
    cfg = GR.Config("00_toolkit", ROOT / "solutions" / "00_toolkit.ipynb", jobs=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "subs", Path(tmp) / "out"
        folder.mkdir()
        for k in kinds:
            (folder / f"{k}.ipynb").write_bytes(BAD_SUBMISSIONS[k][0])
        rows = GR.grade_folder(folder, cfg, out, progress=False)
        table = (out / "grades.csv").read_text().splitlines()
    assert sorted(r["submission"] for r in rows) == sorted(f"{k}.ipynb" for k in kinds)
    assert len(table) == 1 + len(kinds)
    for r in rows:
        assert BAD_SUBMISSIONS[r["submission"][:-6]][1] in r["status"] and r["total"] == 0.0


@settings(max_examples=1, deadline=None)
@given(k=st.integers(1, 1000))
def test_execute_solutions_is_deterministic(k):
    # a scratch root with one tiny "solution": executed in a real kernel, twice
    with tempfile.TemporaryDirectory() as tmp:
        sol = Path(tmp) / "solutions" / "99_scratch.ipynb"
        sol.parent.mkdir()
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"k = {k}"),
                                             nbformat.v4.new_code_cell("print(sum(range(k)))")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, str(sol))
        G.execute_solutions(tmp, timeout=60)
        first = sol.read_text()
        out = nbformat.reads(first, as_version=4).cells[1].outputs
        assert out[0]["text"].strip() == str(k * (k - 1) // 2)   # Gauss: 0 + 1 + ... + (k-1)
        G.execute_solutions(tmp, timeout=60)
        assert sol.read_text() == first                          # re-execution changes nothing
