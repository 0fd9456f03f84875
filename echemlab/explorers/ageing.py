"""Explorer for chapter 02: electrode potentials vs SOC against the electrolyte
window, the driving forces of the side reactions, and calendar fade."""
import numpy as np

from .. import ageing as ag
from ..constants import T_STD, F
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_SOC = np.linspace(0.0, 1.0, 401)
_T_ANCHOR, _T_DAYS_ANCHOR = T_STD, 300.0


def _nice_top(value, steps=(0.5, 1, 2, 5, 10, 20, 50, 100)):
    for s in steps:
        if value <= s:
            return float(s)
    return float(steps[-1])


def _band(xs, lo, hi):
    """Vertices of the polygon between two curves lo(x) <= hi(x)."""
    return np.column_stack([np.concatenate([xs, xs[::-1]]), np.concatenate([hi, lo[::-1]])])


class CalendarAgeingExplorer(Explorer):
    """Side reactions of an LG M50 cell against the electrolyte window, and the calendar fade they cause.

    Try: lower U_ox to 4.0 V and electrolyte oxidation becomes spontaneous above 64 % SOC; lower U_SEI
    to 0.3 V and SEI formation is spontaneous only from 12 % SOC instead of 2 %. Heat from 298 to 318 K:
    the fade at 100 % SOC grows by the square root of the Arrhenius factor exp[(Ea/R)(1/298 K − 1/318
    K)], because SEI growth limited by diffusion goes as √(k t).

    Left: electrode potentials vs SOC (Chen et al. 2020 fits, fixed) against
    the reduction onset U_SEI and oxidation onset U_ox; shaded where the
    electrode lies outside the window. Middle: driving forces D_SEI =
    U_SEI - U_anode and D_ox = U_cathode - U_ox, right axis dG = -F D; shaded
    where the reaction is spontaneous. Right: capacity fade after storage at
    each SOC (SEI growth limited by diffusion through the SEI), anchored to
    NREL's BLAST-Lite calendar fit for the LG M50 itself (storage data of Bui
    et al. 2021) at 100 % SOC, 25 degC, 300 days, with that fit drawn for
    comparison (only inside its 0-60 degC data range). Default Ea(k) = 65.9
    kJ/mol: twice the fit's fade activation energy between 25 and 45 degC.
    """

    figsize = (12.0, 3.9)
    ncols = 3
    params = (
        Param("T", "T", "K", 263.15, 333.15, 1.0, T_STD, fmt=".0f", doc="storage temperature"),
        Param("t", "storage time", "days", 1.0, 3650.0, 0.01, 300.0, to_si=ag.DAY, log=True,
              fmt=".0f", doc="storage time"),
        Param("U_sei", "U_SEI", "V vs Li/Li+", 0.3, 1.2, 0.01, 0.8, fmt=".2f",
              doc="onset of electrolyte reduction (SEI formation)"),
        Param("U_ox", "U_ox", "V vs Li/Li+", 4.0, 5.0, 0.01, 4.5, fmt=".2f",
              doc="onset of electrolyte oxidation"),
        Param("alpha", "α", "", 0.1, 1.0, 0.05, 0.5, fmt=".2f",
              doc="effective transfer coefficient of the SEI growth rate"),
        Param("Ea", "Ea", "kJ/mol", 20.0, 120.0, 0.1, 65.9, to_si=1e3, fmt=".1f",
              doc="activation energy of the SEI growth constant (of fade squared)"),
    )

    def setup(self, fig, axes):
        ax_u, ax_d, ax_f = axes
        c = PALETTE
        pct = 100 * _SOC
        self.ua, self.uc = (np.asarray(a) for a in ag.electrode_potentials(_SOC))
        d = ag.lgm50_design()
        self._u_anchor = float(ag.electrode_potentials(1.0)[0])
        self._f_anchor = float(ag.lgm50_fit_fade(1.0, _T_ANCHOR, _T_DAYS_ANCHOR * ag.DAY))
        self.capacity_ah = ag.lgm50_window()["capacity"] / 3600
        self.q_nominal_ah = d["q_nominal"] / 3600

        ax_u.set_title("Electrode potentials and the electrolyte window", fontsize=9)
        ax_u.set_xlabel(label("Cell state of charge", "%"))
        ax_u.set_ylabel(label("Potential U", "V vs Li/Li+"))
        ax_u.set_xlim(0, 100)
        ax_u.set_ylim(0.0, 5.0)
        ax_u.plot(pct, self.ua, color=c["blue"], lw=2, ls="-", label="graphite (anode)")
        ax_u.plot(pct, self.uc, color=c["vermillion"], lw=2, ls="--", label="NMC811 (cathode)")
        self.red_fill = ax_u.fill(*_band(pct, self.ua, self.ua).T, color=c["sky"], alpha=0.45, lw=0)[0]
        self.ox_fill = ax_u.fill(*_band(pct, self.uc, self.uc).T, color=c["orange"], alpha=0.45, lw=0)[0]
        self.sei_line, = ax_u.plot([0, 100], [0.8, 0.8], color=c["sky"], lw=1.4, ls="-.",
                                   label="U_SEI (reduction onset)")
        self.ox_line, = ax_u.plot([0, 100], [4.5, 4.5], color=c["orange"], lw=1.4, ls=":",
                                  label="U_ox (oxidation onset)")
        ax_u.legend(loc="center right", fontsize=7)

        ax_d.set_title("Driving forces of the side reactions", fontsize=9)
        ax_d.set_xlabel(label("Cell state of charge", "%"))
        ax_d.set_ylabel(label("Driving force D", "V"))
        ax_d.set_xlim(0, 100)
        ax_d.set_ylim(-1.6, 1.2)
        ax_d.axhline(0.0, color="0.3", lw=0.8)
        sec = ax_d.secondary_yaxis("right", functions=(lambda dd: -F * dd / 1e3, lambda g: -g * 1e3 / F))
        sec.set_ylabel(label("ΔG = −F·D", "kJ/mol"))
        self.d_sei_fill = ax_d.fill(*_band(pct, 0 * pct, 0 * pct).T, color=c["sky"], alpha=0.45, lw=0)[0]
        self.d_ox_fill = ax_d.fill(*_band(pct, 0 * pct, 0 * pct).T, color=c["orange"], alpha=0.45, lw=0)[0]
        self.d_sei, = ax_d.plot([], [], color=c["blue"], lw=2, ls="-", label="D_SEI = U_SEI − U_anode")
        self.d_ox, = ax_d.plot([], [], color=c["vermillion"], lw=2, ls="--", label="D_ox = U_cathode − U_ox")
        ax_d.legend(loc="lower left", fontsize=7)
        ax_d.text(50, 1.1, "shaded: spontaneous (ΔG < 0)", ha="center", va="top", fontsize=7)

        ax_f.set_title("Calendar fade after storage", fontsize=9)
        ax_f.set_xlabel(label("Storage state of charge", "%"))
        ax_f.set_ylabel(label("Capacity lost", "%"))
        ax_f.set_xlim(0, 100)
        ax_f.set_ylim(0, 10)
        self.fade, = ax_f.plot([], [], color=c["blue"], lw=2, ls="-", label="model: SEI growth ∝ √t")
        self.keil, = ax_f.plot([], [], color=c["black"], lw=1.4, ls=":",
                               label="LG M50 storage data (Bui 2021), NREL fit")
        ax_f.legend(loc="upper left", fontsize=7)
        self.ax_f = ax_f
        self.dynamic = [self.red_fill, self.ox_fill, self.sei_line, self.ox_line, self.d_sei_fill,
                        self.d_ox_fill, self.d_sei, self.d_ox, self.fade, self.keil]

    def compute(self, T, t, U_sei, U_ox, alpha, Ea):
        d_sei = U_sei - self.ua
        d_ox = self.uc - U_ox
        k_ref = ag.calibrate_k_ref(self._f_anchor, _T_DAYS_ANCHOR * ag.DAY, _T_ANCHOR, self._u_anchor,
                                   Ea, U_sei, alpha)
        fade = np.asarray(ag.calendar_fade(t, T, self.ua, k_ref, Ea, U_sei, alpha))
        lo, hi = ag.LGM50_FIT_T_RANGE
        # the fit only inside the temperatures it was fitted to; nothing drawn outside
        keil = np.asarray(ag.lgm50_fit_fade(_SOC, T, t)) if lo <= T <= hi else np.full_like(_SOC, np.nan)
        return {"T": T, "t": t, "U_sei": U_sei, "U_ox": U_ox, "alpha": alpha, "Ea": Ea,
                "d_sei": d_sei, "d_ox": d_ox, "fade": fade, "keil": keil, "k_ref": k_ref}

    def draw(self, r):
        pct = 100 * _SOC
        u_sei, u_ox = r["U_sei"], r["U_ox"]
        self.sei_line.set_ydata([u_sei, u_sei])
        self.ox_line.set_ydata([u_ox, u_ox])
        self.red_fill.set_xy(_band(pct, np.minimum(self.ua, u_sei), np.full_like(pct, u_sei)))
        self.ox_fill.set_xy(_band(pct, np.full_like(pct, u_ox), np.maximum(self.uc, u_ox)))
        self.d_sei.set_data(pct, r["d_sei"])
        self.d_ox.set_data(pct, r["d_ox"])
        zero = np.zeros_like(pct)
        self.d_sei_fill.set_xy(_band(pct, zero, np.maximum(r["d_sei"], 0.0)))
        self.d_ox_fill.set_xy(_band(pct, zero, np.maximum(r["d_ox"], 0.0)))
        self.fade.set_data(pct, 100 * r["fade"])
        self.keil.set_data(pct, 100 * r["keil"])
        top = _nice_top(1.15 * 100 * np.nanmax(np.concatenate([r["fade"], r["keil"]])))
        if self.ax_f.get_ylim()[1] != top:
            self.ax_f.set_ylim(0, top)
            return True
        return False

    def readout(self, r):
        def onset(mask):
            return f"{100 * _SOC[np.argmax(mask)]:.0f} %" if mask.any() else "never"

        sei_on = r["d_sei"] > 0
        ox_on = r["d_ox"] > 0
        i50 = np.searchsorted(_SOC, 0.5)
        parts = [
            f"SEI formation spontaneous from SOC {onset(sei_on)}",
            f"electrolyte oxidation from SOC {onset(ox_on)}",
            f"ΔG<sub>SEI</sub>(100 %) = {-F * r['d_sei'][-1] / 1e3:.1f} kJ/mol",
            f"fade at 100 % / 50 % SOC: {100 * r['fade'][-1]:.2f} % / {100 * r['fade'][i50]:.2f} %",
            (f"LG M50 fit: {100 * r['keil'][-1]:.2f} % / {100 * r['keil'][i50]:.2f} %"
             if np.isfinite(r["keil"][-1]) else "LG M50 fit: only 0-60 °C"),
        ]
        return " &nbsp;|&nbsp; ".join(parts)


CHAPTER = "02"
EXPLORERS = [CalendarAgeingExplorer]
