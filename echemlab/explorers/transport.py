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

    Try: raise P_Na/P_K from 0.04 (rest) to 20 (the peak of an action potential): V_m swings from −61.8
    to +42.1 mV, towards E_Na. Back at rest, raise [K⁺] outside from 20 to 100 mM: E_K rises to −34.8 mV
    and the membrane depolarises to −39.5 mV.

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

    Try: raise [KCl] to 4200 mM: the steady junction potential falls from 26.9 to 5.5 mV, which is why a
    salt bridge uses concentrated KCl. Then move the time back to 0.1 s to see the junction still
    forming, and compare the steady value with Henderson's estimate (4.6 mV).

    A 1 mm layer joins a reservoir of HCl (left) and one of KCl (right),
    initially with a sharp boundary in its middle. The electroneutral
    Nernst-Planck equations (``transport.liquid_junction``, ~0.06-0.15 s per
    solve) are homogeneous of degree one in the concentrations: scaling both
    reservoirs by the same factor scales every concentration and leaves the
    potential unchanged (checked bit for bit in tests/test_explorer_perf.py).
    So the solution depends only on the ratio r = [KCl]/[HCl]. The default
    state is solved directly; on the first change of a concentration the
    solver is run once per node of a table in log10 r (every ``LOG_R_STEP``
    decades over the whole slider range, ~2 s once, kept in memory), and each
    later step interpolates that table (cubic Lagrange in log10 r, profiles
    per cell of the solver's grid, scaled by the reservoir concentrations).
    It agrees with a direct solve within 0.6 mV in E_j(t) at every output
    time (typically < 0.1 mV) and, against a converged 320-cell solve, is as
    accurate as the direct 40-cell solve (tests/test_explorer_perf.py).
    The time slider picks a frame (log-time interpolation). Right panel:
    E_j(t) = phi(KCl side) - phi(HCl side) against the Henderson and Planck
    values. Diffusion coefficients: infinite dilution, 25 degC.
    """

    figsize = (9.6, 3.9)
    LENGTH = 1e-3
    T_END = 1000.0
    #: spacing of the ratio table [decades of [KCl]/[HCl]]
    LOG_R_STEP = 0.2
    SOLVER = {"n_cells": 40, "n_times": 81, "rtol": 1e-5, "atol": 1e-9}
    params = (
        Param("c_HCl", "[HCl] left", "mM", 1.0, 1000.0, 0.02, 100.0, log=True, fmt=".3g"),
        Param("c_KCl", "[KCl] right", "mM", 1.0, 4200.0, 0.02, 100.0, log=True, fmt=".4g",
              doc="4.2 M is about saturated KCl at 25 degC"),
        Param("t", "time", "s", 0.1, T_END, 0.02, T_END, log=True, fmt=".3g"),
    )

    def __init__(self, **params):
        self._cache_key = None
        self._sol = None
        self._table = None
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

    @staticmethod
    def _ions():
        return tr.ion_properties(["H+", "K+", "Cl-"])

    def _direct(self, c_HCl, c_KCl):
        """The full time-dependent solve (what the table is made of)."""
        z, D = self._ions()
        cl, cr = np.array([c_HCl, 0.0, c_HCl]), np.array([0.0, c_KCl, c_KCl])
        sol = tr.liquid_junction(cl, cr, z, D, length=self.LENGTH, t_end=self.T_END, **self.SOLVER)
        self.n_solves += 1
        return sol

    def _solve(self, c_HCl, c_KCl):
        """Direct solve of the current pair (used for the default state)."""
        key = (round(c_HCl, 9), round(c_KCl, 9))
        if key != self._cache_key:
            z, D = self._ions()
            cl, cr = np.array([c_HCl, 0.0, c_HCl]), np.array([0.0, c_KCl, c_KCl])
            sol = self._direct(c_HCl, c_KCl)
            self._sol = {"x": sol.x, "t": sol.t, "c": sol.c, "E_j": sol.E_j,
                         "henderson": tr.henderson_ljp(cl, cr, z, D), "planck": tr.planck_ljp(cl, cr, z, D)}
            self._cache_key = key
        return self._sol

    def _log_r_range(self):
        p = {q.name: q for q in self.params}
        return (float(np.log10(p["c_KCl"].min / p["c_HCl"].max)),
                float(np.log10(p["c_KCl"].max / p["c_HCl"].min)))

    def _build_table(self):
        """Solve at [HCl] = 1 (any unit: the problem is scale-free) and [KCl] = r on the node ratios."""
        lo, hi = self._log_r_range()
        n = int(np.ceil((hi - lo) / self.LOG_R_STEP - 1e-9))
        u = lo + self.LOG_R_STEP * np.arange(n + 1)      # last node at or beyond hi
        z, D = self._ions()
        E, h, k, x, pl = [], [], [], [], []
        for ui in u:
            r = 10.0 ** ui
            sol = self._direct(1.0, r)
            E.append(sol.E_j)
            h.append(sol.c[:, 0])          # H+ / [HCl]
            k.append(sol.c[:, 1] / r)      # K+ / [KCl]
            x.append(sol.x)
            pl.append(tr.planck_ljp([1.0, 0.0, 1.0], [0.0, r, r], z, D))
            t = sol.t
        self._table = {"u": u, "t": t, "E": np.array(E), "h": np.array(h), "k": np.array(k),
                       "x": np.array(x), "planck": np.array(pl)}
        return self._table

    def _interp(self, c_HCl, c_KCl):
        """The state of the pair from the ratio table (cubic Lagrange in log10 r)."""
        tab = self._table if self._table is not None else self._build_table()
        u = tab["u"]
        f = (np.log10(c_KCl / c_HCl) - u[0]) / self.LOG_R_STEP
        i0 = int(np.clip(np.floor(f) - 1, 0, u.size - 4))
        idx = np.arange(i0, i0 + 4, dtype=float)
        w = np.array([np.prod([(f - idx[b]) / (idx[a] - idx[b]) for b in range(4) if b != a])
                      for a in range(4)])
        sl = slice(i0, i0 + 4)

        def mix(name):
            return np.tensordot(w, tab[name][sl], axes=1)

        H, K = c_HCl * mix("h"), c_KCl * mix("k")
        c = np.stack([H, K, H + K], axis=1)       # Cl- by electroneutrality (exact at the nodes)
        z, D = self._ions()
        hend = tr.henderson_ljp([c_HCl, 0.0, c_HCl], [0.0, c_KCl, c_KCl], z, D)
        return {"x": mix("x"), "t": tab["t"], "c": c, "E_j": mix("E"), "henderson": hend,
                "planck": float(mix("planck"))}

    def _state(self, c_HCl, c_KCl):
        key = (round(c_HCl, 9), round(c_KCl, 9))
        if self._cache_key is None or key == self._cache_key:
            return self._solve(c_HCl, c_KCl)
        return self._interp(c_HCl, c_KCl)

    def compute(self, c_HCl, c_KCl, t):
        sol = self._state(c_HCl, c_KCl)
        # log-time interpolation between the frames
        lt = np.log(sol["t"][1:])
        k = int(np.clip(np.searchsorted(lt, np.log(t)), 1, lt.size - 1))
        w = float(np.clip((np.log(t) - lt[k - 1]) / (lt[k] - lt[k - 1]), 0.0, 1.0))
        c = (1 - w) * sol["c"][k] + w * sol["c"][k + 1]
        E = (1 - w) * sol["E_j"][k] + w * sol["E_j"][k + 1]
        return {"x": sol["x"], "c": c, "E": E, "t": t, "t_all": sol["t"][1:], "E_all": sol["E_j"][1:],
                "henderson": sol["henderson"], "planck": sol["planck"],
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
        clo, chi = 10 ** np.floor(np.log10(floor)), 10 ** np.ceil(np.log10(r["c_max"] * 3))
        vals = np.concatenate([r["E_all"], [r["henderson"], r["planck"]]]) * 1e3
        lo, hi = float(vals.min()), float(vals.max())
        pad = max(0.15 * (hi - lo), 0.5)
        first = self.n_full_draws == 0
        # hysteresis (a relayout costs a full redraw, ~60 ms): keep the limits while the
        # curves fit and fill enough of them; on a change add head-room, except on the first draw
        c_lo, c_hi = self.ax_c.get_ylim()
        e_lo, e_hi = self.ax_e.get_ylim()
        keep_c = (not first and c_lo <= floor and r["c_max"] * 1.5 <= c_hi
                  and np.log10(c_hi / c_lo) <= np.log10(chi / clo) + 2.01)
        # E_j moves by ~1 mV per concentration step while its transient may span < 1 mV:
        # after the first draw, the head-room scales with |E_j| (>= 10 % of it, >= 1 mV)
        wide = max(pad, 0.1 * max(abs(lo), abs(hi)), 1.0)
        keep_e = (not first and e_lo <= lo - 0.2 * pad and hi + 0.2 * pad <= e_hi
                  and hi - lo + 2 * wide > 0.3 * (e_hi - e_lo))
        if not keep_c:
            room = 1.0 if first else 10.0
            self.ax_c.set_ylim(float(clo / room), float(chi * room))
        if not keep_e:
            pad = pad if first else 2 * wide
            step = 10 ** np.floor(np.log10(max(hi - lo + 2 * pad, 1e-3))) / 2
            self.ax_e.set_ylim(*_nice(lo - pad, hi + pad, step))
        changed = not (keep_c and keep_e)
        return changed

    def readout(self, r):
        return (f"E<sub>j</sub>(t = {r['t']:.3g} s) = <b>{r['E'] * 1e3:.2f} mV</b> &nbsp;|&nbsp; "
                f"steady (Planck) {r['planck'] * 1e3:.2f} mV &nbsp;|&nbsp; "
                f"Henderson {r['henderson'] * 1e3:.2f} mV")


CHAPTER = "11"
EXPLORERS = [MembranePotentialExplorer, JunctionExplorer]
