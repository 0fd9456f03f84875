"""Explorer for chapter 13: polarization and Tafel plots of an electrode
reaction with Butler-Volmer kinetics, mass-transport limits and iR drop."""
import numpy as np

from .. import kinetics as kin
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_E = np.linspace(-0.6, 0.6, 241)       # E - E_eq [V]
_MA = 10.0                             # A/m^2 per mA/cm^2
_LOG_MIN, _LOG_MAX = 1e-10, 1e4        # Tafel axis [mA/cm^2]


def _nice_ceiling(x):
    """Smallest 1, 2 or 5 x 10^k that is >= x."""
    k = np.floor(np.log10(x))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * 10**k >= x:
            return float(m * 10**k)
    return float(10 ** (k + 1))  # pragma: no cover


class KineticsExplorer(Explorer):
    """Polarization curve and Tafel plot of a Butler-Volmer electrode with mass-transport limits and iR drop.

    Try: set α_c = 1: the cathodic Tafel slope halves from 118.3 to 59.2 mV per decade at 25 °C. Back at
    α_c = 0.5, raise i0 from 10⁻³ to 1 mA/cm²: R_ct = RT/(F i0 (α_a + α_c)) falls from 2.57 × 10⁴ to
    25.7 Ω cm²; then raise R_u to 20 Ω cm² and the iR drop at −0.3 V reaches 181 mV.
    """

    params = (
        Param("i0", "i0", "mA/cm²", 1e-9, 1e2, 0.1, 1e-3, to_si=_MA, log=True, fmt=".1e",
              doc="exchange current density (Hg ~1e-9, Pt ~1 mA/cm² for H2 evolution)"),
        Param("alpha_a", "αa", "", 0.1, 2.0, 0.05, 0.5, fmt=".2f", doc="anodic transfer coefficient"),
        Param("alpha_c", "αc", "", 0.1, 2.0, 0.05, 0.5, fmt=".2f", doc="cathodic transfer coefficient"),
        Param("R_u", "R_u", "Ω·cm²", 0.0, 20.0, 0.1, 1.0, to_si=1e-4, fmt=".1f",
              doc="uncompensated (ohmic) area-specific resistance"),
        Param("i_lim", "|i_lim|", "mA/cm²", 0.1, 1000.0, 0.05, 100.0, to_si=_MA, log=True, fmt=".3g",
              doc="mass-transport limiting current density (both directions)"),
        Param("T", "T", "K", 273.15, 373.15, 1.0, 298.15, fmt=".0f", doc="temperature"),
    )
    figsize = (9.6, 3.9)

    def setup(self, fig, axes):
        ax, ax2 = axes
        c = PALETTE
        for a in (ax, ax2):
            a.set_xlim(_E[0], _E[-1])
            a.set_xlabel(label("E − E_eq", "V"))
            a.axvline(0.0, color="0.5", lw=0.8)
        ax.set_ylabel(label("current density i", "mA/cm²"))
        ax.axhline(0.0, color="0.5", lw=0.8)
        ax.set_title("polarization curve (anodic > 0)", fontsize=9)
        self.kin, = ax.plot([], [], color=c["sky"], lw=1.3, ls="--", label="kinetics only (BV)")
        self.mt, = ax.plot([], [], color=c["green"], lw=1.3, ls="-.", label="+ mass transport")
        self.full, = ax.plot([], [], color=c["blue"], lw=2.2, label="+ iR drop (measured)")
        self.lin, = ax.plot([], [], color=c["black"], lw=0.9, ls=":", label="linear: (E−E_eq)/(R_ct+R_u)")
        self.lim_lines = [ax.axhline(y, color=c["vermillion"], lw=0.9, ls=(0, (4, 2))) for y in (1, -1)]
        ax.legend(handles=[self.kin, self.mt, self.full, self.lin], loc="upper left", fontsize=7)

        ax2.set_yscale("log")
        ax2.set_ylim(_LOG_MIN, _LOG_MAX)
        ax2.set_ylabel(label("|i|", "mA/cm²"))
        ax2.set_title("Tafel plot", fontsize=9)
        self.kin2, = ax2.plot([], [], color=c["sky"], lw=1.3, ls="--", label="kinetics only")
        self.full2, = ax2.plot([], [], color=c["blue"], lw=2.2, label="measured")
        self.taf_a, = ax2.plot([], [], color=c["orange"], lw=1.0, ls=":", label="Tafel lines")
        self.taf_c, = ax2.plot([], [], color=c["orange"], lw=1.0, ls=":")
        self.i0_pt, = ax2.plot([], [], "o", color=c["black"], ms=6, label="i0 at E = E_eq")
        self.lim2, = ax2.plot([], [], color=c["vermillion"], lw=0.9, ls=(0, (4, 2)), label="|i_lim|")
        ax2.legend(loc="lower right", fontsize=7)
        self.dynamic = [self.kin, self.mt, self.full, self.lin, self.kin2, self.full2, self.taf_a,
                        self.taf_c, self.i0_pt, self.lim2]
        self.ax, self.ax2 = ax, ax2
        self._ylim = None

    def compute(self, i0, alpha_a, alpha_c, R_u, i_lim, T):
        i_kin = kin.butler_volmer(_E, i0, alpha_a, alpha_c, T)
        i_mt = kin.butler_volmer_mass_transport(_E, i0, alpha_a, alpha_c, i_lim, i_lim, T)
        i_full, eta = kin.current_at_potential(_E, 0.0, i0, alpha_a, alpha_c, R_u=R_u, i_lim_a=i_lim,
                                               i_lim_c=i_lim, T=T, return_eta=True)
        r_ct = kin.charge_transfer_resistance(i0, alpha_a, alpha_c, T)
        b_a, b_c = kin.tafel_slope(alpha_a, T), kin.tafel_slope(alpha_c, T)
        # apparent slope of the measured curve around E - E_eq = -0.4 V (a "Tafel fit" there)
        k = np.searchsorted(_E, -0.4)
        y = np.log10(np.abs(i_full[k - 8:k + 9]))
        slope = np.polyfit(_E[k - 8:k + 9], y, 1)[0]
        return {"i0": i0, "i_lim": i_lim, "R_u": R_u, "kin": i_kin, "mt": i_mt, "full": i_full,
                "eta": eta, "R_ct": r_ct, "b_a": b_a, "b_c": b_c, "alpha_a": alpha_a, "alpha_c": alpha_c,
                "b_app": 1.0 / abs(slope) if slope != 0 else np.inf,
                "i_m03": float(np.interp(-0.3, _E, i_full)), "i_p03": float(np.interp(0.3, _E, i_full))}

    def draw(self, r):
        ma = 1.0 / _MA
        self.kin.set_data(_E, r["kin"] * ma)
        self.mt.set_data(_E, r["mt"] * ma)
        self.full.set_data(_E, r["full"] * ma)
        self.lin.set_data(_E, _E / (r["R_ct"] + r["R_u"]) * ma)
        with np.errstate(divide="ignore"):
            self.kin2.set_data(_E, np.abs(r["kin"]) * ma)
            self.full2.set_data(_E, np.abs(r["full"]) * ma)
        self.taf_a.set_data(_E[_E >= 0], r["i0"] * ma * 10 ** (_E[_E >= 0] / r["b_a"]))
        self.taf_c.set_data(_E[_E <= 0], r["i0"] * ma * 10 ** (-_E[_E <= 0] / r["b_c"]))
        self.i0_pt.set_data([0.0], [r["i0"] * ma])
        self.lim2.set_data([_E[0], _E[-1]], [r["i_lim"] * ma] * 2)
        top = _nice_ceiling(1.1 * r["i_lim"] * ma)   # snap: most i_lim steps keep the axes (blit only)
        ylim = (-top, top)
        changed = ylim != self._ylim
        if changed:
            self._ylim = ylim
            self.ax.set_ylim(*ylim)
            for line, s in zip(self.lim_lines, (1, -1), strict=True):
                line.set_ydata([s * r["i_lim"] * ma] * 2)
        return changed

    def readout(self, r):
        cm2 = 1e4
        return " &nbsp;|&nbsp; ".join([
            f"Tafel slopes b<sub>a</sub> = {r['b_a'] * 1e3:.1f}, b<sub>c</sub> = {r['b_c'] * 1e3:.1f} mV/dec",
            f"R<sub>ct</sub> = {r['R_ct'] * cm2:.3g} Ω·cm²",
            f"apparent slope of the measured curve near −0.4 V: {r['b_app'] * 1e3:.0f} mV/dec",
            f"i(±0.3 V) = {r['i_p03'] / _MA:.3g} / {r['i_m03'] / _MA:.3g} mA/cm²",
            f"iR drop at −0.3 V: {abs(r['i_m03']) * r['R_u'] * 1e3:.0f} mV",
        ])


CHAPTER = "13"
EXPLORERS = [KineticsExplorer]
