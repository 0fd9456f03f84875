"""Explorer for chapter 10: carbonate speciation and CO2-reduction equilibrium potentials."""
import numpy as np

from .. import co2
from ..explorer import Explorer, Param
from ..plotting import CYCLE, PALETTE, label

_PH = np.linspace(0.0, 14.0, 281)
#: products offered by the product slider (index -> id)
PRODUCT_LIST = ("CO(g)", "HCOO-", "CH4(g)", "C2H4(g)", "CH3OH(l)", "C2H5OH(aq)")
#: feeds offered by the feed slider (index -> id)
FEED_LIST = ("CO2(g)", "CO2(aq)", "HCO3-", "CO3^2-")
_FEED_LABEL = {"CO2(g)": "CO₂(g)", "CO2(aq)": "CO₂(aq)", "HCO3-": "HCO₃⁻", "CO3^2-": "CO₃²⁻"}


class CO2ReductionExplorer(Explorer):
    """Bjerrum plot and equilibrium potential (vs RHE) of one product from four feeds.

    Try: switch the feed from bicarbonate (2) to dissolved CO₂ (1) for CO at pH 8.3: the equilibrium
    potential rises by 57 mV and the minimum energy falls by 11 kJ/mol. Back on bicarbonate, raise the
    pH to 12: the potential falls to −0.227 V vs RHE, 167 mV below the CO₂(aq) feed.

    Sliders: pH 0-14, temperature 273-353 K (Nernst/pH terms only; the NBS
    Gibbs energies are at 298.15 K), carbon feed (0 CO2(g), 1 CO2(aq),
    2 HCO3-, 3 CO3^2-), product (0 CO, 1 formate, 2 CH4, 3 C2H4, 4 CH3OH,
    5 ethanol). Readout: E vs SHE and RHE, the shift relative to CO2(aq),
    and the minimum energy per mole of product with O2 evolution at the anode.
    """

    params = (
        Param("pH", "pH", "-", 0.0, 14.0, 0.05, 8.3, fmt=".2f", doc="pH at the cathode"),
        Param("T", "T", "K", 273.15, 353.15, 1.0, 298.15, fmt=".0f", doc="temperature"),
        Param("feed", "feed", "0 CO₂g 1 CO₂aq 2 HCO₃⁻ 3 CO₃²⁻", 0, 3, 1, 2, fmt=".0f",
              doc="carbon species reduced"),
        Param("product", "product", "0 CO 1 HCOO⁻ 2 CH₄ 3 C₂H₄ 4 CH₃OH 5 EtOH", 0, 5, 1, 0,
              fmt=".0f", doc="reduction product"),
    )

    def setup(self, fig, axes):
        ax_b, ax_e = axes
        c = PALETTE
        ax_b.set_xlabel(label("pH"))
        ax_b.set_ylabel(label("fraction of dissolved carbon"))
        ax_b.set_xlim(0, 14)
        ax_b.set_ylim(-0.02, 1.02)
        a = co2.carbonate_fractions(_PH)
        for frac, name, (col, ls) in zip(a, ("CO₂(aq)", "HCO₃⁻", "CO₃²⁻"), CYCLE[:3], strict=True):
            ax_b.plot(_PH, frac, color=col, ls=ls, label=name)
        ax_b.legend(loc="center right", fontsize=8)
        self.b_ph = ax_b.axvline(8.3, color=c["black"], lw=1)
        self.b_pts, = ax_b.plot([], [], "o", color=c["black"], ms=5)
        ax_e.set_xlabel(label("pH"))
        ax_e.set_ylabel(label("Equilibrium potential", "V vs RHE"))
        ax_e.set_xlim(0, 14)
        ax_e.set_ylim(-0.6, 0.7)
        self.e_lines = []
        for feed, (col, ls) in zip(FEED_LIST, CYCLE[:4], strict=True):
            ln, = ax_e.plot([], [], color=col, ls=ls, lw=1.4, label=_FEED_LABEL[feed])
            self.e_lines.append(ln)
        self.e_pt, = ax_e.plot([], [], "o", color=c["black"], ms=7)
        self.e_title = ax_e.text(0.02, 0.97, "", transform=ax_e.transAxes, va="top", fontsize=9)
        ax_e.legend(loc="lower left", fontsize=8, ncol=2, title="feed", title_fontsize=8)
        self.dynamic = [self.b_ph, self.b_pts, *self.e_lines, self.e_pt, self.e_title]

    def compute(self, pH, T, feed, product):
        feed_id, prod = FEED_LIST[int(round(feed))], PRODUCT_LIST[int(round(product))]
        curves = [co2.equilibrium_potential(prod, _PH, f, T, scale="RHE") for f in FEED_LIST]
        e_she = co2.equilibrium_potential(prod, pH, feed_id, T)
        e_rhe = co2.equilibrium_potential(prod, pH, feed_id, T, scale="RHE")
        e_ref = co2.equilibrium_potential(prod, pH, "CO2(aq)", T)
        w = co2.minimum_energy(prod, pH, feed_id, T)
        w_ref = co2.minimum_energy(prod, pH, "CO2(aq)", T)
        return {"pH": pH, "T": T, "feed": feed_id, "product": prod, "curves": curves,
                "E_SHE": e_she, "E_RHE": e_rhe, "shift": e_she - e_ref, "W": w,
                "penalty": w - w_ref, "fractions": co2.carbonate_fractions(pH),
                "n": co2.PRODUCTS[prod][0]}

    def draw(self, r):
        self.b_ph.set_xdata([r["pH"], r["pH"]])
        self.b_pts.set_data([r["pH"]] * 3, r["fractions"])
        for i, (ln, y) in enumerate(zip(self.e_lines, r["curves"], strict=True)):
            ln.set_data(_PH, y)
            ln.set_linewidth(2.6 if FEED_LIST[i] == r["feed"] else 1.2)
        self.e_pt.set_data([r["pH"]], [r["E_RHE"]])
        self.e_title.set_text(f"product {r['product']} (n = {r['n']})")
        return False

    def readout(self, r):
        return " &nbsp;|&nbsp; ".join([
            f"{_FEED_LABEL[r['feed']]} → {r['product']}",
            f"E = {r['E_SHE']:+.3f} V vs SHE = {r['E_RHE']:+.3f} V vs RHE",
            f"shift vs CO₂(aq) feed {r['shift'] * 1e3:+.0f} mV",
            f"min. energy {r['W'] / 1e3:.1f} kJ/mol ({r['penalty'] / 1e3:+.1f} vs CO₂(aq))",
        ])


CHAPTER = "10"
EXPLORERS = [CO2ReductionExplorer]
