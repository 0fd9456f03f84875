"""The "what to try" text of every explorer (its docstring's ``Try:`` paragraph, shown on the
Voila dashboards) checked against the explorer itself, headless: no browser, so these run in
the plain unit-test pass too.

Each claim is driven through ``explorer.update`` and read back from the readout (the text the
student sees) or the model result. Where physics gives the number independently (Nernst
slope RT ln10/nF, T_c = Omega/2R, Gibbs-Thomson 1/d, broken-bond site energies, the
surface-limited time constant a/k, the Arrhenius square root of diffusion-limited growth,
R_ct = RT/(F i0 (alpha_a + alpha_c))) the test computes it from echemlab.constants, not from the
explorer. Model-specific numbers (onset SOCs, pump free energies, ...) are consistency checks:
they fail when the explorer changes and its docstring was not updated.
"""
import math
import re

import numpy as np
import pytest

from echemlab.constants import F, R

LN10 = math.log(10.0)


def readout(ex, **params):
    r = ex.update(**params)
    return re.sub(r"<[^>]+>", "", ex.readout(r)).replace("&nbsp;", " "), r


def try_text(cls):
    doc = cls.__doc__
    m = re.search(r"\n\s*Try: (.*?)(\n\s*\n|\Z)", doc, re.S)
    assert m, f"{cls.__name__} has no 'Try:' paragraph"
    return " ".join(m.group(1).split())


def claims_in_text(cls, *numbers):
    text = try_text(cls)
    missing = [n for n in numbers if n not in text]
    assert not missing, f"{cls.__name__}: the Try paragraph no longer says {missing}: {text!r}"


def test_every_explorer_has_try_text():
    from echemlab.explorers import all_explorers

    for _, cls in all_explorers():
        assert len(re.findall(r"[.!?](\s|$)", try_text(cls))) in (2, 3, 4), cls.__name__


def test_nernst():
    from echemlab.explorers.nernst import NernstExplorer

    claims_in_text(NernstExplorer, "59.16", "29.58", "74.04")
    ex = NernstExplorer()
    for n, T in ((1, 298.15), (2, 298.15), (1, 373.15)):
        text, _ = readout(ex, n=n, T=T)
        assert f"{1e3 * R * T * LN10 / (n * F):.2f} mV per decade" in text
    assert f"{1e3 * R * 298.15 * LN10 / F:.2f}" == "59.16"
    assert f"{1e3 * R * 373.15 * LN10 / F:.2f}" == "74.04"


def test_intercalation():
    from echemlab.explorers.intercalation import OCVExplorer

    claims_in_text(OCVExplorer, "4.96 kJ/mol", "672 K")
    assert f"{2 * R * 298.15 / 1e3:.2f}" == "4.96"
    ex = OCVExplorer()
    omega = ex.values["omega"]
    assert f"{omega / (2 * R):.0f}" == "672"
    assert "single phase" in readout(ex, omega=4.9e3)[0]
    assert "binodal" in readout(ex, omega=omega, T=665.0)[0]
    assert "single phase" in readout(ex, T=675.0)[0]


def test_ageing():
    from echemlab.explorers.ageing import CalendarAgeingExplorer

    claims_in_text(CalendarAgeingExplorer, "64 %", "12 %", "2 %")
    ex = CalendarAgeingExplorer()
    text, r0 = readout(ex)
    assert "SEI formation spontaneous from SOC 2 %" in text
    assert "SEI formation spontaneous from SOC 12 %" in readout(ex, U_sei=0.3)[0]
    assert "electrolyte oxidation from SOC 64 %" in readout(ex, U_sei=0.8, U_ox=4.0)[0]
    _, r1 = readout(ex, U_ox=4.5, T=318.15)
    ratio = r1["fade"][-1] / r0["fade"][-1]
    sqrt_arrhenius = math.sqrt(math.exp(ex.values["Ea"] / R * (1 / 298.15 - 1 / 318.15)))
    assert ratio == pytest.approx(sqrt_arrhenius, rel=0.02)


def test_ica():
    from echemlab.explorers.ica import DegradationModeExplorer, IncrementalCapacityExplorer

    claims_in_text(IncrementalCapacityExplorer, "22 to 8.4 /V", "0.13 to 1.5 /V")
    ex = IncrementalCapacityExplorer()
    text, _ = readout(ex)
    assert "apparent peak 22.0 /V" in text and "rms 0.13 /V" in text
    assert "two phases" in readout(ex, omega=6e3)[0]
    assert "apparent peak 8.4 /V" in readout(ex, omega=3e3, sigma=0.04)[0]
    assert "rms 1.53 /V" in readout(ex, sigma=0.005, bin=0.04)[0]

    claims_in_text(DegradationModeExplorer, "about 1 mV", "30 %")
    ex = DegradationModeExplorer()
    text, r = readout(ex, lli=0.10, lam_ne=0.03, lam_pe=0.12)
    assert r["rms"] < 1.5e-3, text
    assert "lithium plating risk" in readout(ex, lli=0.0, lam_ne=0.30, lam_pe=0.0)[0]


def test_solid_ionics():
    from echemlab.explorers.solid_ionics import RelaxationExplorer, WagnerExplorer

    claims_in_text(WagnerExplorer, "tenfold", "0.837 V")
    ex = WagnerExplorer()
    _, r0 = readout(ex)
    _, r1 = readout(ex, L=100e-6)
    assert r1["J"] / r0["J"] == pytest.approx(10.0, rel=1e-6)
    text, r2 = readout(ex, L=1000e-6, sigma_n1=1e-12)
    assert "OCV = 0.837 V (Nernst 0.837 V)" in text and r2["J"] < 1e-6 * r0["J"]

    claims_in_text(RelaxationExplorer, "493 s", "4040 s", "3.47 × 10⁵ s")
    ex = RelaxationExplorer()
    assert "g = 1/2 at t = 4.04e+03 s" in readout(ex)[0]
    text = readout(ex, k=1e-3)[0]
    assert "diffusion-limited" in text and "g = 1/2 at t = 493 s" in text
    a, k = ex.values["a"], 1e-9
    _, r = readout(ex, k=k)
    assert r["t_half"] == pytest.approx(a / k * math.log(2), rel=0.01)  # surface limit, 1 - exp(-kt/a)


def test_bioenergetics():
    from echemlab.explorers.bioenergetics_pmf import PumpStallExplorer
    from echemlab.explorers.bioenergetics_ret import RETExplorer

    claims_in_text(PumpStallExplorer, "−28.1 to −20.4 kJ/mol", "259 mV", "−6.3 kJ/mol")
    ex = PumpStallExplorer()
    _, r0 = readout(ex)
    text, r1 = readout(ex, dpsi=-0.2)
    assert "ΔG_cycle = -28.1" in readout(ex, dpsi=-0.12)[0] and "ΔG_cycle = -20.4" in text
    assert r1["net"] - r0["net"] == pytest.approx(F * 0.08, rel=1e-9)  # one H+ moved 80 mV further uphill
    text = readout(ex, dpsi=-0.12, n_H=2.0)[0]
    assert "stall Δp* = ΔG_ATP/(nF) = -259 mV" in text and "ΔG_cycle = -6.3" in text

    claims_in_text(RETExplorer, "148", "117 mV", "140 mV", "179 mV")
    ex = RETExplorer()
    text = readout(ex)[0]
    assert "Δp_min = 148 mV" in text and "complex I runs forward" in text
    text = readout(ex, log_sf=2.0)[0]
    assert "Δp_min = 117 mV" in text and "RET possible" in text
    assert "Δp_min = 179 mV" in readout(ex, log_sf=0.0, log_nad=-1.0)[0]


def test_pourbaix():
    from echemlab.explorers.pourbaix import FePourbaixExplorer, StainlessExplorer

    claims_in_text(FePourbaixExplorer, "−0.586 to −0.409 V", "29.6 mV", "74.0 mV")
    ex = FePourbaixExplorer()
    assert "Fe2+/Fe line at -0.586 V" in readout(ex)[0]
    _, r = readout(ex, log_a=0.0)
    assert r["E_Fe"] == pytest.approx(-0.586 + 6 * R * 298.15 * LN10 / (2 * F), abs=1.5e-3)
    assert f"{1e3 * R * 298.15 * LN10 / (2 * F):.1f}" == "29.6"
    text = readout(ex, log_a=-6.0, T=373.15)[0]
    assert f"{1e3 * R * 373.15 * LN10 / F:.1f}" == "74.0" and "74.04 mV/pH" in text

    claims_in_text(StainlessExplorer, "−0.16...1.80 V", "0.70...1.80 V")
    ex = StainlessExplorer()
    assert "from -0.16 to 1.80 V" in readout(ex)[0]
    assert "from 0.70 to 1.80 V" in readout(ex, pH=2.0)[0]


def test_surface_pourbaix():
    from echemlab.explorers.surface_pourbaix import SurfacePourbaixExplorer

    claims_in_text(SurfacePourbaixExplorer, "1/3 ML OH*", "1.30 V vs RHE", "59 mV")
    ex = SurfacePourbaixExplorer()
    assert "stable: clean" in readout(ex)[0]
    assert "stable: 1/3 ML OH*" in readout(ex, U=0.9)[0]
    text = readout(ex, dO=0.3 * F)[0]  # +0.3 eV per adsorbate, in J/mol
    assert "1/4 ML O*" not in text and "1/2 ML O* at 1.300 V" in text
    assert f"{1e3 * R * 298.15 * LN10 / F:.0f}" == "59"


def test_dissolution():
    from echemlab.explorers.dissolution import DissolutionExplorer

    claims_in_text(DissolutionExplorer, "−233 to −466 mV", "−23 mV", "2.92 V")
    ex = DissolutionExplorer()
    _, r2 = readout(ex)
    _, r1 = readout(ex, d=1e-9)
    _, r20 = readout(ex, d=20e-9)
    assert f"{r2['dU'] * 1e3:.0f}" == "-233" and r1["dU"] == pytest.approx(2 * r2["dU"])  # 1/d
    assert r20["dU"] == pytest.approx(r2["dU"] / 10)
    sites = dict(zip(("adatom", "kink", "step", "terrace"), r2["U_sites"], strict=False))
    e_coh, n = ex.values["E_coh"], ex.values["n"]  # J/mol, electrons
    assert sites["terrace"] - sites["adatom"] == pytest.approx(e_coh * (9 - 3) / 6 / (n * F), rel=1e-9)
    assert f"{e_coh * 6 / 6 / (n * F):.2f}" == "2.92"


def test_co2():
    from echemlab.explorers.co2 import CO2ReductionExplorer

    claims_in_text(CO2ReductionExplorer, "57 mV", "11 kJ/mol", "−0.227 V vs RHE", "167 mV")
    ex = CO2ReductionExplorer()
    _, r0 = readout(ex)
    _, r1 = readout(ex, feed=1)
    assert 1e3 * (r1["E_RHE"] - r0["E_RHE"]) == pytest.approx(57, abs=0.5)
    assert (r0["W"] - r1["W"]) / 1e3 == pytest.approx(11.0, abs=0.05)
    text = readout(ex, feed=2, pH=12.0)[0]
    assert "-0.227 V vs RHE" in text and "shift vs CO₂(aq) feed -167 mV" in text


def test_transport():
    from echemlab.explorers.transport import JunctionExplorer, MembranePotentialExplorer

    claims_in_text(MembranePotentialExplorer, "−61.8 to +42.1 mV", "−34.8 mV", "−39.5 mV")
    ex = MembranePotentialExplorer()
    assert "Vm = -61.8 mV" in readout(ex)[0]
    assert "Vm = 42.1 mV" in readout(ex, pNa=20.0)[0]
    text, r = readout(ex, pNa=0.04, K_out=100.0)
    assert "EK = -34.8 mV" in text and "Vm = -39.5 mV" in text
    assert r["E"][0] == pytest.approx(R * r["T"] / F * math.log(100.0 / 400.0))  # Nernst for K+

    claims_in_text(JunctionExplorer, "26.9 to 5.5 mV", "4.6 mV")
    ex = JunctionExplorer()
    assert "steady (Planck) 26.88 mV" in readout(ex)[0]
    text = readout(ex, c_KCl=4200.0)[0]
    assert "steady (Planck) 5.48 mV" in text and "Henderson 4.62 mV" in text


def test_onsager():
    from echemlab.explorers.onsager import OnsagerExplorer

    claims_in_text(OnsagerExplorer, "q² ≤ 1", "−0.5")
    ex = OnsagerExplorer()
    _, r0 = readout(ex)
    assert not readout(ex, q=1.2)[1]["admissible"]
    _, r1 = readout(ex, q=-0.5)
    assert np.sign(r1["s_coef"]) == -np.sign(r0["s_coef"]) and np.sign(r1["eo_coef"]) == -np.sign(r0["eo_coef"])
    assert r1["s_coef"] == pytest.approx(-r1["eo_coef"])  # Saxen: streaming potential = -electro-osmosis


def test_kinetics():
    from echemlab.explorers.kinetics import KineticsExplorer

    claims_in_text(KineticsExplorer, "118.3 to 59.2 mV", "2.57 × 10⁴ to 25.7 Ω cm²", "181 mV")
    ex = KineticsExplorer()
    text, r = readout(ex)
    assert f"{1e3 * R * 298.15 * LN10 / (0.5 * F):.1f}" == "118.3" and "bc = 118.3" in text
    assert "bc = 59.2" in readout(ex, alpha_c=1.0)[0]
    for i0_ma, rct in ((1e-3, "2.57e+04"), (1.0, "25.7")):
        text, r = readout(ex, alpha_c=0.5, i0=10.0 * i0_ma)  # mA/cm^2 -> A/m^2
        assert f"Rct = {rct} Ω·cm²" in text
        assert r["R_ct"] == pytest.approx(R * 298.15 / (F * 10.0 * i0_ma * 1.0))
    assert "iR drop at −0.3 V: 181 mV" in readout(ex, R_u=20e-4)[0]
