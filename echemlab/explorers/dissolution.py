"""Explorer for chapter 09: dissolution potential vs particle size and surface site."""
import numpy as np

from .. import dissolution as ds
from ..constants import T_STD, F, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_D = np.geomspace(0.6e-9, 30e-9, 200)           # particle diameters [m]
_SITES = ("adatom", "kink", "step", "terrace")
_XS = np.arange(len(_SITES) + 2)                 # sites, particle, bulk


class DissolutionExplorer(Explorer):
    """Dissolution potential of a metal particle (Gibbs-Thomson) and of surface sites.

    Try: shrink the particle from 2 nm to 1 nm: the Gibbs-Thomson shift doubles, from −233 to −466 mV
    (it goes as 1/d); at 20 nm it is only −23 mV. Compare the sites on the right: the fewer neighbours,
    the lower the dissolution potential; an adatom (3 neighbours) dissolves 2.92 V below a terrace atom
    (9), E_coh(9 − 3)/(6 n e).

    Left: U_d(d) = U0 + (RT/nF) ln a - 4 gamma V_m/(n F d). Right: dissolution
    potentials of an adatom (CN 3), kink (6), step (7) and terrace (9) atom in
    the nearest-neighbour broken-bond model E_remove = E_coh CN/6, beside the
    particle at the chosen diameter and the bulk. Defaults: Pt -> Pt2+
    (U0 = 1.20 V, OpenStax Table L1), gamma = 2.475 J/m^2 (Tyson & Miller 1977; unverified), V_m =
    9.09 cm^3/mol, E_coh = 5.84 eV (Kittel), a(Pt2+) = 1e-6.
    """

    params = (
        Param("U0", "U°", "V vs SHE", -0.5, 1.8, 0.01, 1.20, fmt=".2f",
              doc="bulk standard potential of M^n+/M"),
        Param("n", "n", "", 1, 3, 1, 2, fmt=".0f", doc="ion charge"),
        Param("log_a", "log10 a", "", -9.0, 0.0, 0.5, -6.0, fmt=".1f",
              doc="decadic log of the ion activity"),
        Param("gamma", "γ", "J/m²", 0.3, 3.0, 0.05, 2.475, fmt=".2f", doc="surface energy"),
        Param("V_m", "V_m", "cm³/mol", 6.0, 12.0, 0.1, 9.09, to_si=1e-6, fmt=".1f",
              doc="molar volume"),
        Param("E_coh", "E_coh", "eV/atom", 2.0, 6.0, 0.05, 5.84, to_si=ds.EV_PER_ATOM,
              fmt=".2f", doc="cohesive energy (sets the broken-bond site energies)"),
        Param("d", "d", "nm", 0.8, 20.0, 0.1, 2.0, to_si=1e-9, fmt=".1f",
              doc="particle diameter"),
    )
    figsize = (9.5, 3.8)

    def setup(self, fig, axes):
        ax_d, ax_s = axes
        c = PALETTE
        ax_d.set_xscale("log")
        ax_d.set_xlim(_D[0] * 1e9, _D[-1] * 1e9)
        ax_d.set_xlabel(label("Particle diameter d", "nm"))
        ax_d.set_ylabel(label("Dissolution potential", "V vs SHE"))
        self.curve, = ax_d.plot([], [], color=c["blue"], lw=2, label="particle (Gibbs–Thomson)")
        self.bulk, = ax_d.plot([], [], color=c["black"], ls="--", lw=1.2, label="bulk")
        self.mark, = ax_d.plot([], [], "o", color=c["vermillion"], ms=7, label="chosen d")
        ax_d.legend(handles=[self.curve, self.bulk, self.mark], loc="lower right", fontsize=8)
        ax_s.set_xlim(-0.6, len(_XS) - 0.4)
        ax_s.set_xticks(_XS)
        ax_s.set_xticklabels(["adatom\nCN 3", "kink\nCN 6", "step\nCN 7", "terrace\nCN 9",
                              "particle\n(d)", "bulk"], fontsize=8)
        ax_s.set_ylabel(label("Dissolution potential", "V vs SHE"))
        self.sites, = ax_s.plot([], [], "s", color=c["green"], ms=9, label="surface sites")
        self.part, = ax_s.plot([], [], "o", color=c["vermillion"], ms=9, label="particle")
        self.bulk2, = ax_s.plot([], [], "D", color=c["black"], ms=7, label="bulk")
        self.stems = ax_s.vlines(_XS, 0, 0, color=c["sky"], lw=3, alpha=0.6)
        ax_s.legend(handles=[self.sites, self.part, self.bulk2], loc="upper left", fontsize=8)
        self.dynamic = [self.curve, self.bulk, self.mark, self.sites, self.part, self.bulk2,
                        self.stems]
        self.ax_d, self.ax_s = ax_d, ax_s
        for ax in axes:
            ax.set_ylim(-2.0, 2.0)

    def compute(self, U0, n, log_a, gamma, V_m, E_coh, d):
        n = int(round(n))
        a = 10.0 ** log_a
        U_bulk = ds.dissolution_potential(n * F * U0, n, a, T_STD)
        curve = ds.particle_dissolution_potential(U0, _D, gamma, V_m, n, a)
        U_d = ds.particle_dissolution_potential(U0, d, gamma, V_m, n, a)
        cn = np.array([ds.SITES[s] for s in _SITES], dtype=float)
        U_sites = ds.site_dissolution_potential(U0, E_coh * cn / 6.0, E_coh, n) + \
            R * T_STD * np.log(a) / (n * F)
        return {"n": n, "U_bulk": U_bulk, "curve": curve, "U_d": U_d, "d": d,
                "U_sites": U_sites, "dU": U_d - U_bulk}

    def draw(self, r):
        self.curve.set_data(_D * 1e9, r["curve"])
        self.bulk.set_data([_D[0] * 1e9, _D[-1] * 1e9], [r["U_bulk"]] * 2)
        self.mark.set_data([r["d"] * 1e9], [r["U_d"]])
        self.sites.set_data(_XS[:4], r["U_sites"])
        self.part.set_data([_XS[4]], [r["U_d"]])
        self.bulk2.set_data([_XS[5]], [r["U_bulk"]])
        ys = np.concatenate([r["U_sites"], [r["U_d"], r["U_bulk"]]])
        self.stems.set_segments([[[x, r["U_bulk"]], [x, y]] for x, y in zip(_XS, ys, strict=True)])
        # limits move in 1 V steps and only when points leave the window (full redraw)
        lo = min(ys.min(), r["curve"][_D >= 0.8e-9].min())
        hi = max(ys.max(), r["U_bulk"]) + 0.1
        cur = self.ax_s.get_ylim()
        if lo < cur[0] or hi > cur[1]:
            new = (np.floor(lo - 0.2), np.ceil(hi + 0.2))
            for ax in (self.ax_d, self.ax_s):
                ax.set_ylim(*new)
            return True
        return False

    def readout(self, r):
        s = dict(zip(_SITES, r["U_sites"], strict=True))
        return (f"bulk U<sub>d</sub> = {r['U_bulk']:.3f} V &nbsp;|&nbsp; d = {r['d'] * 1e9:.1f} nm: "
                f"U<sub>d</sub> = {r['U_d']:.3f} V (ΔU = {r['dU'] * 1e3:.0f} mV) &nbsp;|&nbsp; "
                f"adatom {s['adatom']:.2f} V, kink {s['kink']:.2f} V, terrace {s['terrace']:.2f} V")


CHAPTER = "09"
EXPLORERS = [DissolutionExplorer]
