"""Explorer for chapter 00: the Nernst equation."""
import numpy as np

from .. import nernst
from ..constants import F, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_LOGQ = np.linspace(-4, 4, 161)
_E = np.linspace(-1.5, 2.0, 701)


class NernstExplorer(Explorer):
    """The Nernst equation: E vs log10(a_ox/a_red), and the fraction oxidised vs E, for Ox + n e- = Red.

    Try: set n = 2 and the slope of E against log₁₀(a_ox/a_red) halves, from 59.16 to 29.58 mV per
    decade at 25 °C. Back at n = 1, heat to 373 K: the slope grows in proportion to T, to 74.04 mV per
    decade. E0 only shifts the line, and the fraction-oxidised curve moves with it.

    Defaults: Fe3+/Fe2+, E0 = 0.771 V vs SHE, n = 1, 25 degC. The dashed
    reference curves stay at n = 1, 298.15 K so the changes stand out.
    """

    params = (
        Param("E0", "E°", "V vs SHE", -1.0, 1.5, 0.01, 0.771, fmt=".3f",
              doc="standard (or formal) potential"),
        Param("n", "n", "e⁻", 1, 4, 1, 1, fmt=".0f", doc="electrons transferred"),
        Param("T", "T", "K", 273.15, 373.15, 1.0, 298.15, fmt=".0f", doc="temperature"),
        Param("log_ratio", "log₁₀(a_ox/a_red)", "", -4, 4, 0.1, 1.0, fmt=".1f",
              doc="composition of the solution"),
    )

    def setup(self, fig, axes):
        ax_e, ax_f = axes
        c = PALETTE
        ax_e.set_xlabel(label("log₁₀(a_ox / a_red)"))
        ax_e.set_ylabel(label("E", "V vs SHE"))
        ax_e.set_xlim(-4, 4)
        self.ref_e, = ax_e.plot([], [], color="0.6", ls="--", lw=1, label="n = 1, 298 K")
        self.line_e, = ax_e.plot([], [], color=c["blue"], lw=2, label="this n, T")
        self.dot_e, = ax_e.plot([], [], "o", color=c["vermillion"], ms=7, label="this solution")
        ax_e.legend(loc="upper left", fontsize=8)
        ax_f.set_xlabel(label("E − E°", "mV"))
        ax_f.set_ylabel(label("fraction oxidised a_ox/(a_ox + a_red)"))
        ax_f.set_xlim(-300, 300)
        ax_f.set_ylim(-0.02, 1.02)
        x_ref = 1e3 * (_E - 0.25)
        ax_f.plot(x_ref, 1 / (1 + np.exp(-F * (_E - 0.25) / (R * 298.15))), color="0.6", ls="--", lw=1)
        self.line_f, = ax_f.plot([], [], color=c["blue"], lw=2)
        self.dot_f, = ax_f.plot([], [], "o", color=c["vermillion"], ms=7)
        self.dynamic = [self.ref_e, self.line_e, self.dot_e, self.line_f, self.dot_f]
        self.ax_e = ax_e
        self._ref_E0 = None

    def compute(self, E0, n, T, log_ratio):
        n = int(round(n))
        e_line = nernst.nernst_potential(E0, n, 10.0 ** _LOGQ, 1.0, T) - E0
        e_now = nernst.nernst_potential(E0, n, 10.0 ** log_ratio, 1.0, T)
        de = _E - 0.25
        frac = 1 / (1 + np.exp(-n * F * de / (R * T)))
        return {"E0": E0, "n": n, "T": T, "log_ratio": log_ratio, "e_line": e_line,
                "E": e_now, "de_axis": de, "frac": frac,
                "slope": nernst.nernst_slope(n, T)}

    def draw(self, r):
        self.line_e.set_data(_LOGQ, r["E0"] + r["e_line"])
        self.dot_e.set_data([r["log_ratio"]], [r["E"]])
        self.line_f.set_data(1e3 * r["de_axis"], r["frac"])
        q = 10.0 ** r["log_ratio"]
        self.dot_f.set_data([1e3 * (r["E"] - r["E0"])], [q / (1 + q)])
        # The E axis follows E0, but moves (a full redraw) only when the line would leave
        # the window; the dashed n = 1 reference line is drawn through the current E0.
        need_lo, need_hi = r["E0"] - 0.3, r["E0"] + 0.3
        lo, hi = self.ax_e.get_ylim()
        relayout = need_lo < lo - 1e-9 or need_hi > hi + 1e-9 or self._ref_E0 is None
        if relayout:
            self.ax_e.set_ylim(np.floor((need_lo - 0.1) / 0.1) * 0.1, np.ceil((need_hi + 0.1) / 0.1) * 0.1)
        self.ref_e.set_data(_LOGQ, r["E0"] + R * 298.15 * np.log(10) / F * _LOGQ)
        self._ref_E0 = r["E0"]
        return relayout

    def readout(self, r):
        return (f"E = {r['E']:.4f} V vs SHE &nbsp;|&nbsp; slope RT·ln10/(nF) = "
                f"{r['slope'] * 1e3:.2f} mV per decade")


CHAPTER = "00"
EXPLORERS = [NernstExplorer]
