"""Explorers for chapter 11: a neuron's membrane potential (GHK) and a liquid
junction forming in time (electroneutral Nernst-Planck)."""
import numpy as np

from .. import transport as tr
from ..constants import F, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_V = np.linspace(-0.12, 0.08, 241)             # membrane potential grid [V]
_RATIO = np.geomspace(1e-3, 1e2, 161)           # P_Na / P_K grid


def _nice(lo, hi, step):
    return (float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step))


class MembranePotentialExplorer(Explorer):
    """GHK membrane potential of a neuron from concentrations and permeabilities.

    Left: the resting potential as P_Na/P_K sweeps from rest (0.04) to the
    peak of an action potential (~20), between the Nernst potentials of
    K+, Na+ and Cl-. Right: GHK current-voltage curves of each ion and their
    sum, which crosses zero at the membrane potential. Defaults: squid giant
    axon (Hodgkin & Katz 1949 permeability ratios, Hodgkin 1964 concentrations).
    Sign convention: V = phi_in - phi_out, outward current positive.
    """

    figsize = (9.6, 3.9)
    params = (
        Param("K_in", "[K⁺] in", "mM", 1.0, 500.0, 1.0, 400.0, fmt=".0f"),
        Param("K_out", "[K⁺] out", "mM", 1.0, 500.0, 1.0, 20.0, fmt=".0f"),
        Param("Na_in", "[Na⁺] in", "mM", 1.0, 500.0, 1.0, 50.0, fmt=".0f"),
        Param("Na_out", "[Na⁺] out", "mM", 1.0, 500.0, 1.0, 440.0, fmt=".0f"),
        Param("Cl_in", "[Cl⁻] in", "mM", 1.0, 600.0, 1.0, 40.0, fmt=".0f"),
        Param("Cl_out", "[Cl⁻] out", "mM", 1.0, 600.0, 1.0, 560.0, fmt=".0f"),
        Param("pNa", "P_Na/P_K", "-", 1e-3, 100.0, 0.05, 0.04, log=True, fmt=".3g",
              doc="sodium permeability relative to potassium"),
        Param("pCl", "P_Cl/P_K", "-", 0.0, 2.0, 0.01, 0.45, fmt=".2f",
              doc="chloride permeability relative to potassium"),
        Param("T", "T", "K", 273.15, 318.15, 0.5, 291.15, fmt=".1f"),
    )

    def setup(self, fig, axes):
        ax_v, ax_i = axes
        c = PALETTE
        ax_v.set_xscale("log")
        ax_v.set_xlim(_RATIO[0], _RATIO[-1])
        ax_v.set_ylim(-120, 80)
        ax_v.set_xlabel(label("P_Na / P_K"))
        ax_v.set_ylabel(label("Membrane potential φ_in − φ_out", "mV"))
        self.e_k = ax_v.axhline(0, color=c["blue"], ls="--", lw=1.2, label="E_K")
        self.e_na = ax_v.axhline(0, color=c["vermillion"], ls="-.", lw=1.2, label="E_Na")
        self.e_cl = ax_v.axhline(0, color=c["green"], ls=":", lw=1.4, label="E_Cl")
        self.v_curve, = ax_v.plot([], [], color=c["black"], lw=2, label="GHK voltage")
        self.v_dot, = ax_v.plot([], [], "o", color=c["orange"], ms=8, mec="k", label="this state")
        ax_v.legend(loc="upper left", fontsize=7.5, ncol=2)

        ax_i.set_xlim(_V[0] * 1e3, _V[-1] * 1e3)
        ax_i.set_xlabel(label("Membrane potential V", "mV"))
        ax_i.set_ylabel(label("GHK current / (F P_K), outward +", "mM"))
        ax_i.axhline(0, color="0.5", lw=0.8)
        self.i_k, = ax_i.plot([], [], color=c["blue"], ls="--", label="K⁺")
        self.i_na, = ax_i.plot([], [], color=c["vermillion"], ls="-.", label="Na⁺")
        self.i_cl, = ax_i.plot([], [], color=c["green"], ls=":", lw=2, label="Cl⁻")
        self.i_tot, = ax_i.plot([], [], color=c["black"], lw=2.2, label="total")
        self.i_dot, = ax_i.plot([], [], "o", color=c["orange"], ms=8, mec="k")
        ax_i.legend(loc="upper left", fontsize=7.5)
        self.ax_v, self.ax_i = ax_v, ax_i
        self.dynamic = [self.e_k, self.e_na, self.e_cl, self.v_curve, self.v_dot,
                        self.i_k, self.i_na, self.i_cl, self.i_tot, self.i_dot]

    def compute(self, K_in, K_out, Na_in, Na_out, Cl_in, Cl_out, pNa, pCl, T):
        c_in = np.array([K_in, Na_in, Cl_in])
        c_out = np.array([K_out, Na_out, Cl_out])
        z = np.array([1.0, 1.0, -1.0])
        P = np.array([1.0, pNa, pCl])
        V = tr.ghk_voltage(P, c_in, c_out, z, T)
        Ps = np.stack([np.ones_like(_RATIO), _RATIO, np.full_like(_RATIO, pCl)], axis=-1)
        V_sweep = tr.ghk_voltage(Ps, c_in, c_out, z, T)
        # currents per unit F * P_K [mol/m^3 = mM]
        cur = tr.ghk_current(P[:, None], z[:, None], c_in[:, None], c_out[:, None], _V[None, :], T) / F
        rt = R * T / F
        return {"V": V, "V_sweep": V_sweep, "I": cur, "I_tot": cur.sum(axis=0),
                "E": rt / z * np.log(c_out / c_in), "pNa": pNa, "T": T}

    def draw(self, r):
        E = r["E"] * 1e3
        for line, e in zip((self.e_k, self.e_na, self.e_cl), E, strict=True):
            line.set_ydata([e, e])
        self.v_curve.set_data(_RATIO, r["V_sweep"] * 1e3)
        self.v_dot.set_data([r["pNa"]], [r["V"] * 1e3])
        for line, cur in zip((self.i_k, self.i_na, self.i_cl), r["I"], strict=True):
            line.set_data(_V * 1e3, cur)
        self.i_tot.set_data(_V * 1e3, r["I_tot"])
        self.i_dot.set_data([r["V"] * 1e3], [0.0])
        lo = min(float(r["I_tot"].min()), float(r["I"].min()), 0.0)
        hi = max(float(r["I_tot"].max()), float(r["I"].max()), 0.0)
        span = max(hi - lo, 1.0)
        cur_lo, cur_hi = self.ax_i.get_ylim()
        # hysteresis: keep the limits (blitted step) while the curves fit and fill > 40 % of them
        if cur_lo <= lo and hi <= cur_hi and span > 0.4 * (cur_hi - cur_lo):
            return False
        # expand with head-room so that a drag does not relayout at every step
        step = 10 ** np.floor(np.log10(span)) / 2
        self.ax_i.set_ylim(*_nice(lo - 0.3 * span * (lo < 0), hi + 0.3 * span * (hi > 0), step))
        return True

    def readout(self, r):
        ek, ena, ecl = r["E"] * 1e3
        return (f"V<sub>m</sub> = <b>{r['V'] * 1e3:.1f} mV</b> &nbsp;|&nbsp; E<sub>K</sub> = {ek:.1f} mV, "
                f"E<sub>Na</sub> = {ena:.1f} mV, E<sub>Cl</sub> = {ecl:.1f} mV &nbsp;|&nbsp; "
                f"T = {r['T'] - 273.15:.1f} °C")


class JunctionExplorer(Explorer):
    """A liquid junction HCl | KCl forming in time.

    A 1 mm layer joins a reservoir of HCl (left) and one of KCl (right),
    initially with a sharp boundary in its middle. The electroneutral
    Nernst-Planck equations are solved once per pair of concentrations
    (``transport.liquid_junction``, ~0.1 s); the time slider then only picks
    a frame of that cached solution, so it costs a blitted redraw. Right
    panel: E_j(t) = phi(KCl side) - phi(HCl side) against the Henderson and
    Planck values. Diffusion coefficients: infinite dilution, 25 degC.
    """

    figsize = (9.6, 3.9)
    LENGTH = 1e-3
    T_END = 1000.0
    params = (
        Param("c_HCl", "[HCl] left", "mM", 1.0, 1000.0, 0.02, 100.0, log=True, fmt=".3g"),
        Param("c_KCl", "[KCl] right", "mM", 1.0, 4200.0, 0.02, 100.0, log=True, fmt=".4g",
              doc="4.2 M is about saturated KCl at 25 degC"),
        Param("t", "time", "s", 0.1, T_END, 0.02, T_END, log=True, fmt=".3g"),
    )

    def __init__(self, **params):
        self._cache_key = None
        self._sol = None
        self.n_solves = 0
        super().__init__(**params)

    def setup(self, fig, axes):
        ax_c, ax_e = axes
        c = PALETTE
        ax_c.set_xlim(0, self.LENGTH * 1e3)
        ax_c.set_xlabel(label("Position x (HCl reservoir at 0)", "mm"))
        ax_c.set_ylabel(label("Concentration", "mM"))
        ax_c.set_yscale("log")
        self.l_h, = ax_c.plot([], [], color=c["vermillion"], lw=2, label="H⁺")
        self.l_k, = ax_c.plot([], [], color=c["blue"], ls="--", lw=2, label="K⁺")
        self.l_cl, = ax_c.plot([], [], color=c["green"], ls=":", lw=2, label="Cl⁻")
        self.title = ax_c.text(0.03, 0.04, "", transform=ax_c.transAxes, ha="left", va="bottom",
                               fontsize=9)
        ax_c.legend(loc="upper left", fontsize=8, ncol=3)
        ax_e.set_xscale("log")
        ax_e.set_xlim(0.1, self.T_END)
        ax_e.set_xlabel(label("Time t", "s"))
        ax_e.set_ylabel(label("E_j = φ(KCl) − φ(HCl)", "mV"))
        self.e_line, = ax_e.plot([], [], color=c["black"], lw=2, label="Nernst-Planck solver")
        self.e_hend = ax_e.axhline(0, color=c["orange"], ls="--", lw=1.4, label="Henderson")
        self.e_planck = ax_e.axhline(0, color=c["purple"], ls=":", lw=2, label="Planck (steady)")
        self.e_dot, = ax_e.plot([], [], "o", color=c["orange"], ms=8, mec="k")
        ax_e.legend(loc="lower left", fontsize=8)
        self.ax_c, self.ax_e = ax_c, ax_e
        self.dynamic = [self.l_h, self.l_k, self.l_cl, self.title, self.e_line, self.e_hend,
                        self.e_planck, self.e_dot]

    def _solve(self, c_HCl, c_KCl):
        key = (round(c_HCl, 9), round(c_KCl, 9))
        if key != self._cache_key:
            z, D = tr.ion_properties(["H+", "K+", "Cl-"])
            cl, cr = np.array([c_HCl, 0.0, c_HCl]), np.array([0.0, c_KCl, c_KCl])
            sol = tr.liquid_junction(cl, cr, z, D, length=self.LENGTH, t_end=self.T_END,
                                     n_cells=40, n_times=81, rtol=1e-5, atol=1e-9)
            self._sol = {"sol": sol, "henderson": tr.henderson_ljp(cl, cr, z, D),
                         "planck": tr.planck_ljp(cl, cr, z, D)}
            self._cache_key = key
            self.n_solves += 1
        return self._sol

    def compute(self, c_HCl, c_KCl, t):
        cache = self._solve(c_HCl, c_KCl)
        sol = cache["sol"]
        # log-time interpolation between the cached frames
        lt = np.log(sol.t[1:])
        k = int(np.clip(np.searchsorted(lt, np.log(t)), 1, lt.size - 1))
        w = float(np.clip((np.log(t) - lt[k - 1]) / (lt[k] - lt[k - 1]), 0.0, 1.0))
        c = (1 - w) * sol.c[k] + w * sol.c[k + 1]
        E = (1 - w) * sol.E_j[k] + w * sol.E_j[k + 1]
        return {"x": sol.x, "c": c, "E": E, "t": t, "t_all": sol.t[1:], "E_all": sol.E_j[1:],
                "henderson": cache["henderson"], "planck": cache["planck"],
                "c_max": max(c_HCl, c_KCl), "c_min": min(c_HCl, c_KCl)}

    def draw(self, r):
        x = r["x"] * 1e3
        floor = r["c_min"] / 300.0
        for line, ci in zip((self.l_h, self.l_k, self.l_cl), r["c"], strict=True):
            line.set_data(x, np.maximum(ci, floor))   # ions absent from a side sit on the floor
        self.title.set_text(f"t = {r['t']:.4g} s")
        self.e_line.set_data(r["t_all"], r["E_all"] * 1e3)
        self.e_hend.set_ydata([r["henderson"] * 1e3] * 2)
        self.e_planck.set_ydata([r["planck"] * 1e3] * 2)
        self.e_dot.set_data([r["t"]], [r["E"] * 1e3])
        climit = (10 ** np.floor(np.log10(floor)), 10 ** np.ceil(np.log10(r["c_max"] * 3)))
        vals = np.concatenate([r["E_all"], [r["henderson"], r["planck"]]]) * 1e3
        lo, hi = float(vals.min()), float(vals.max())
        pad = max(0.15 * (hi - lo), 0.5)
        step = 10 ** np.floor(np.log10(max(hi - lo + 2 * pad, 1e-3))) / 2
        elimit = _nice(lo - pad, hi + pad, step)
        climit = tuple(float(v) for v in climit)
        changed = tuple(self.ax_c.get_ylim()) != climit or tuple(self.ax_e.get_ylim()) != elimit
        if changed:
            self.ax_c.set_ylim(*climit)
            self.ax_e.set_ylim(*elimit)
        return changed

    def readout(self, r):
        return (f"E<sub>j</sub>(t = {r['t']:.3g} s) = <b>{r['E'] * 1e3:.2f} mV</b> &nbsp;|&nbsp; "
                f"steady (Planck) {r['planck'] * 1e3:.2f} mV &nbsp;|&nbsp; "
                f"Henderson {r['henderson'] * 1e3:.2f} mV")


CHAPTER = "11"
EXPLORERS = [MembranePotentialExplorer, JunctionExplorer]
