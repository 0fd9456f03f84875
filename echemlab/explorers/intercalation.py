"""Explorer for chapter 01: regular-solution free energy and OCV."""
import numpy as np

from .. import intercalation as ic
from ..constants import R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_X = np.linspace(0.002, 0.998, 600)


def _nice_limits(lo, hi, step):
    return (np.floor(lo / step) * step, np.ceil(hi / step) * step)


class OCVExplorer(Explorer):
    """Regular-solution intercalation electrode: g(x) with its common tangent, and U(x) with spinodal and binodal.

    Try: lower Ω below 2RT (4.96 kJ/mol at 298.15 K): the plateau, the spinodal and the binodal vanish
    and U(x) falls smoothly. At the default Ω (LiFePO4) raise T above T_c = Ω/2R = 672 K for the same
    effect. E0 moves the whole curve up or down without changing its shape.

    Parameters are the regular-solution interaction Omega, the temperature and
    the half-filling potential E0. Defaults: LiFePO4 (Omega = 4.51 RT at
    298 K, Bai et al. 2011; plateau 3.42 V vs Li/Li+).
    """

    params = (
        Param("omega", "Ω", "kJ/mol", 0.0, 25.0, 0.1, 11.18, to_si=1e3, fmt=".1f",
              doc="regular-solution interaction parameter"),
        Param("T", "T", "K", 200.0, 800.0, 5.0, 298.15, fmt=".0f", doc="temperature"),
        Param("E0", "E0", "V vs Li/Li+", 0.0, 4.5, 0.01, 3.42, fmt=".2f",
              doc="potential at half filling"),
    )

    def setup(self, fig, axes):
        ax_g, ax_u = axes
        c = PALETTE
        ax_g.set_xlabel(label("Li site fraction x"))
        ax_g.set_ylabel(label("g − g0·x", "kJ/mol"))
        ax_g.set_xlim(0, 1)
        self.g_line, = ax_g.plot([], [], color=c["blue"], lw=2, label="g(x)")
        self.tangent, = ax_g.plot([], [], color=c["vermillion"], ls="--", lw=1.5,
                                  label="common tangent")
        self.g_bin, = ax_g.plot([], [], "o", color=c["vermillion"], ms=6, label="binodal")
        self.g_sp, = ax_g.plot([], [], "x", color=c["black"], ms=7, mew=2, label="spinodal")
        ax_g.legend(handles=[self.g_line, self.tangent, self.g_bin, self.g_sp],
                    loc="upper center", fontsize=8, ncol=2)
        ax_u.set_xlabel(label("Li site fraction x"))
        ax_u.set_ylabel(label("Potential U", "V vs Li/Li+"))
        ax_u.set_xlim(0, 1)
        self.u_model, = ax_u.plot([], [], color=c["sky"], lw=1.2, ls=":",
                                  label="U(x), single phase")
        self.u_eq, = ax_u.plot([], [], color=c["blue"], lw=2.2, label="equilibrium (plateau)")
        self.u_hyst, = ax_u.plot([], [], color=c["orange"], lw=1.2, ls="--",
                                 label="spinodal branches")
        self.u_bin, = ax_u.plot([], [], "o", color=c["vermillion"], ms=6)
        self.u_sp, = ax_u.plot([], [], "x", color=c["black"], ms=7, mew=2)
        ax_u.legend(handles=[self.u_model, self.u_eq, self.u_hyst], loc="upper right", fontsize=8)
        self.dynamic = [self.g_line, self.tangent, self.g_bin, self.g_sp, self.u_model,
                        self.u_eq, self.u_hyst, self.u_bin, self.u_sp]
        self.ax_g, self.ax_u = ax_g, ax_u

    def compute(self, omega, T, E0):
        g = (R * T * (_X * np.log(_X) + (1 - _X) * np.log1p(-_X)) + omega * _X * (1 - _X)) / 1e3
        u = ic.ocv(_X, T, E0, omega)
        sp = ic.spinodal(T, omega) if omega > 0 else None
        bn = ic.binodal(T, omega) if omega > 0 else None
        return {"omega": omega, "T": T, "E0": E0, "g": g, "u": u, "spinodal": sp,
                "binodal": bn, "Tc": omega / (2 * R),
                "u_eq": ic.equilibrium_ocv(_X, T, E0, omega),
                "hysteresis": ic.hysteresis_gap(T, omega) if omega > 0 else 0.0}

    def _gx(self, x, r):
        return (R * r["T"] * (x * np.log(x) + (1 - x) * np.log1p(-x))
                + r["omega"] * x * (1 - x)) / 1e3

    def draw(self, r):
        self.g_line.set_data(_X, r["g"])
        self.u_model.set_data(_X, r["u"])
        self.u_eq.set_data(_X, r["u_eq"])
        bn, sp = r["binodal"], r["spinodal"]
        if bn:
            xb = np.array(bn)
            gb = self._gx(xb[0], r)
            self.tangent.set_data([0, 1], [gb, gb])  # symmetric model: horizontal tangent
            self.g_bin.set_data(xb, [gb, gb])
            self.u_bin.set_data(xb, [r["E0"], r["E0"]])
        else:
            for a in (self.tangent, self.g_bin, self.u_bin):
                a.set_data([], [])
        if sp:
            xs = np.array(sp)
            us = ic.ocv(xs, r["T"], r["E0"], r["omega"])
            self.g_sp.set_data(xs, self._gx(xs, r))
            self.u_sp.set_data(xs, us)
            # slow discharge (x up) runs at U(x_sp_low), slow charge at U(x_sp_high)
            self.u_hyst.set_data([bn[0], bn[1], np.nan, bn[0], bn[1]],
                                 [us[0], us[0], np.nan, us[1], us[1]])
        else:
            for a in (self.g_sp, self.u_sp, self.u_hyst):
                a.set_data([], [])
        # Limits move in coarse steps and only when the curves would leave the window:
        # a change costs a full redraw (~5x a blitted step), so most slider steps must not cause one.
        changed = False
        g_lo, g_hi = min(r["g"].min(), 0.0) - 0.2, max(r["g"].max(), 0.0) + 0.6
        cur = self.ax_g.get_ylim()
        if g_lo < cur[0] or g_hi > cur[1] or (cur[1] - cur[0]) > 3 * (g_hi - g_lo) + 4.0:
            self.ax_g.set_ylim(*_nice_limits(g_lo, g_hi, 2.0))
            changed = True
        u_lo, u_hi = r["E0"] - 0.25, r["E0"] + 0.25
        cur = self.ax_u.get_ylim()
        if u_lo < cur[0] - 1e-9 or u_hi > cur[1] + 1e-9:
            self.ax_u.set_ylim(*_nice_limits(u_lo - 0.1, u_hi + 0.1, 0.25))
            changed = True
        return changed

    def readout(self, r):
        parts = [f"T<sub>c</sub> = Ω/2R = {r['Tc']:.0f} K"]
        if r["binodal"]:
            lo, hi = r["binodal"]
            slo, shi = r["spinodal"]
            parts += [f"binodal x = {lo:.3g} … {hi:.4g}", f"spinodal x = {slo:.3f} … {shi:.3f}",
                      f"plateau {r['E0']:.3f} V", f"hysteresis {r['hysteresis'] * 1e3:.0f} mV"]
        else:
            parts.append("single phase at every x (T ≥ T<sub>c</sub>)")
        return " &nbsp;|&nbsp; ".join(parts)


CHAPTER = "01"
EXPLORERS = [OCVExplorer]
