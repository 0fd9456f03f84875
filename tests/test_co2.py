"""Tests of echemlab.co2 (chapter 10).

Independent expected values:
* published equilibrium potentials of CO2 reduction: Hori (2008), Table 1, as
  reproduced in Nano Convergence 6 (2019), Table 1 (V vs SHE at pH 7; read for
  issue #7: its methanol "(l)" and ethanol "(g)" labels do not fit their numbers,
  which match the dissolved species); the same six numbers converted to the RHE
  scale (E_RHE = E_SHE + (RT ln10/F) pH, an exact identity), which replaces the
  recalled Nitopi et al. (2019) RHE values dropped in issue #7 (no readable copy);
* the overall Gibbs energies CO2 + H2O -> product + O2 of Front. Chem. 9,
  637501 (2021), Table 1 (CO 257, CH3OH(l) 703, CH4 818 kJ/mol);
* the pKa values of Harned & Davis (1943) and Harned & Scholes (1941), to be
  reproduced by the NBS Gibbs energies (a consistency check of two sources);
* analytic limits (fractions at pH = pKa, Nernst slope 59.16 mV/pH at 25 degC).
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echemlab import co2
from echemlab.constants import LN10, F, R
from echemlab.data import load_table

PH = st.floats(-2, 16, allow_nan=False)
TEMP = st.floats(250, 400)
PRODUCT = st.sampled_from(sorted(co2.PRODUCTS))
FEED = st.sampled_from(sorted(co2.FEEDS))


# --- published numbers -------------------------------------------------------

@pytest.mark.parametrize("product, expected", [
    ("CO(g)", -0.52), ("HCOO-", -0.43), ("CH4(g)", -0.24), ("C2H4(g)", -0.34),
    ("C2H5OH(aq)", -0.33), ("CH3OH(aq)", -0.38)])
def test_hori_table_pH7(product, expected):
    # Hori 2008 Table 1 via Nano Convergence 2019 Table 1, CO2(g) feed, V vs SHE at pH 7
    assert co2.equilibrium_potential(product, 7.0) == pytest.approx(expected, abs=0.011)


@pytest.mark.parametrize("product, expected", [
    ("CO(g)", -0.52), ("HCOO-", -0.43), ("CH4(g)", -0.24), ("C2H4(g)", -0.34),
    ("C2H5OH(aq)", -0.33), ("CH3OH(aq)", -0.38)])
def test_hori_table_on_rhe_scale(product, expected):
    # Hori 2008 Table 1 (Nano Convergence 2019), V vs SHE at pH 7, moved to the RHE scale by
    # adding 7 (RT ln10 / F) = 0.414 V; replaces the unverifiable Nitopi 2019 RHE table (issue #7)
    shift = 7.0 * R * 298.15 * math.log(10) / F
    assert shift == pytest.approx(0.4141, abs=1e-4)
    assert co2.equilibrium_potential(product, 7.0, scale="RHE") == pytest.approx(expected + shift, abs=0.011)


@pytest.mark.parametrize("product, kj", [("CO(g)", 257), ("CH3OH(l)", 703), ("CH4(g)", 818)])
def test_overall_gibbs_frontiers(product, kj):
    # Front. Chem. 2021 Table 1: CO2 + H2O -> product + O2, kJ/mol (integers)
    # integers in the source; CH3OH(l) there is 0.65 kJ above the NBS value
    assert co2.minimum_energy(product, 7.0) / 1e3 == pytest.approx(kj, abs=1.0)


def test_pka_from_nbs_matches_harned():
    # NBS Gibbs energies vs direct EMF measurements of Harned et al.: within 0.02
    # (the file's 6.352/10.329 agree to 0.001 with Millero's 1979 refit of the Harned data, p10_co2sys)
    g = co2.gibbs_formation
    pk1 = (g("HCO3-") - g("CO2(aq)") - g("H2O(l)")) / (R * 298.15 * LN10)
    pk2 = (g("CO3^2-") - g("HCO3-")) / (R * 298.15 * LN10)
    acid = load_table("co2_acidity")
    assert pk1 == pytest.approx(acid["pKa1"]["pKa"], abs=0.02)
    assert pk2 == pytest.approx(acid["pKa2"]["pKa"], abs=0.01)
    # formic acid: pKa 3.75 (CRC Handbook, dissociation constants of organic acids)
    pkf = (g("HCOO-") - g("HCOOH(aq)")) / (R * 298.15 * LN10)
    assert pkf == pytest.approx(3.75, abs=0.03)


def test_carbonate_buffered_co_potential():
    # CO2 + 2e- + 2HCO3- = CO + 2CO3^2- + H2O: -0.72 V vs SHE (PMC6598161, Table 2):
    # this is the CO2 route at pH = pKa2 with HCO3- and CO3^2- at unit activity
    pk2 = load_table("co2_acidity")["pKa2"]["pKa"]
    assert co2.equilibrium_potential("CO(g)", pk2) == pytest.approx(-0.72, abs=0.01)


# --- analytic limits ------------------------------------------------------------

def test_fractions_at_pka_and_slope():
    a = co2.carbonate_fractions(np.array([6.35, 10.33]))
    assert a[0, 0] == pytest.approx(a[1, 0], rel=1e-3)
    assert a[1, 1] == pytest.approx(a[2, 1], rel=1e-3)
    # Nernst slope 59.16 mV per pH for n H+ per n e- at 25 degC (textbook value)
    d = co2.equilibrium_potential("CH4(g)", 1.0) - co2.equilibrium_potential("CH4(g)", 2.0)
    assert d == pytest.approx(0.05916, abs=2e-5)


def test_seed_shift_sign_and_size():
    # one pH unit above pKa: Delta G_pre = RT ln10 = 5.708 kJ/mol at 298.15 K
    assert co2.pre_equilibrium_gibbs(7.35) == pytest.approx(5708.0, abs=1.0)
    assert co2.pre_equilibrium_shift(7.35, 2) == pytest.approx(-0.02958, abs=1e-5)
    assert co2.pre_equilibrium_shift(5.35, 2) > 0   # below pKa the "penalty" is a bonus
    assert co2.pre_equilibrium_gibbs(8.0, ratio=10 ** (6.35 - 8.0)) == pytest.approx(0, abs=1e-9)


def test_shift_equals_difference_of_potentials():
    # second route: two full equilibrium potentials from the Gibbs table
    g = co2.gibbs_formation
    pk = (g("HCO3-") - g("CO2(aq)") - g("H2O(l)")) / (R * 298.15 * LN10)
    for product in ("CO(g)", "C2H4(g)", "HCOO-"):
        n, m = co2.PRODUCTS[product][:2]
        for pH in (3.0, 7.0, 10.0):
            d = (co2.equilibrium_potential(product, pH, feed="HCO3-")
                 - co2.equilibrium_potential(product, pH, feed="CO2(aq)"))
            assert d == pytest.approx(co2.pre_equilibrium_shift(pH, n, pKa=pk, n_carbon=m), abs=1e-12)


# --- property tests ----------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(PH, st.floats(2, 9), st.floats(9.5, 13))
def test_fractions_sum_to_one(pH, pk1, pk2):
    a = co2.carbonate_fractions(pH, pk1, pk2)
    assert np.all(a >= 0) and a.sum() == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(PH, st.integers(1, 14), st.floats(3, 10), TEMP, st.integers(1, 3))
def test_shift_sign_and_linearity(pH, n, pKa, T, m):
    s = co2.pre_equilibrium_shift(pH, n, pKa, T, m)
    assert math.copysign(1, s) == -math.copysign(1, pH - pKa) or abs(pH - pKa) < 1e-12
    assert s == pytest.approx(-m * co2.pre_equilibrium_gibbs(pH, pKa, T) / (n * F), abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(PRODUCT, FEED, PH, TEMP)
def test_rhe_she_and_energy(product, feed, pH, T):
    she = co2.equilibrium_potential(product, pH, feed, T)
    rhe = co2.equilibrium_potential(product, pH, feed, T, scale="RHE")
    assert rhe - she == pytest.approx(R * T * LN10 / F * pH, abs=1e-12)
    n = co2.PRODUCTS[product][0]
    w = co2.minimum_energy(product, pH, feed, T)
    assert w == pytest.approx(n * F * (co2.oxygen_potential(pH, T) - she), rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(PRODUCT, PH)
def test_co2_route_rhe_independent_of_pH_for_neutral_products(product, pH):
    if co2.PRODUCTS[product][3] != 0:
        return
    assert co2.equilibrium_potential(product, pH, scale="RHE") == pytest.approx(
        co2.standard_potential(product), abs=1e-12)


def test_vectorized():
    pH = np.linspace(0, 14, 5)
    assert co2.equilibrium_potential("CO(g)", pH).shape == (5,)
    assert co2.pre_equilibrium_shift(pH, 2).shape == (5,)
    assert co2.carbonate_fractions(pH).shape == (3, 5)
    assert co2.minimum_energy("CH4(g)", pH, "HCO3-").shape == (5,)


@pytest.mark.parametrize("call, name", [
    (lambda: co2.pre_equilibrium_shift(20.0, 2), "pH"),
    (lambda: co2.pre_equilibrium_shift(7.0, 0), "n"),
    (lambda: co2.pre_equilibrium_shift(7.0, 2.5), "n"),
    (lambda: co2.pre_equilibrium_shift(7.0, 2, T=-1.0), "T"),
    (lambda: co2.pre_equilibrium_shift(7.0, 2, pKa=np.nan), "pKa"),
    (lambda: co2.pre_equilibrium_shift(7.0, 2, n_carbon=0), "n_carbon"),
    (lambda: co2.pre_equilibrium_gibbs(7.0, ratio=0.0), "ratio"),
    (lambda: co2.carbonate_fractions(np.nan), "pH"),
    (lambda: co2.carbonate_fractions(7.0, pKa2=99), "pKa2"),
    (lambda: co2.equilibrium_potential("CO", 7.0), "product"),
    (lambda: co2.equilibrium_potential("CO(g)", 7.0, feed="CO2"), "feed"),
    (lambda: co2.equilibrium_potential("CO(g)", 7.0, scale="NHE"), "scale"),
    (lambda: co2.minimum_energy("CO(g)", [7.0, np.inf]), "pH"),
    (lambda: co2.gibbs_formation("N2"), "species"),
])
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.floats(16.01, 1e6), st.floats(-1e6, -2.01), st.just(float("nan"))))
def test_bad_pH_property(pH):
    with pytest.raises(ValueError, match="pH"):
        co2.pre_equilibrium_shift(pH, 2)
