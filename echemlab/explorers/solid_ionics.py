"""Explorers for chapter 04: oxygen transport through a dense mixed conductor,
and chemical-diffusion (conductivity) relaxation after a pO2 step."""
import numpy as np

from .. import solid_ionics as si
from ..constants import F, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_LOGP = np.linspace(-35.0, 2.0, 300)          # conductivity panel, log10 pO2
_T_DEFAULT = 873.15
_GDC = si.conductivities("GDC10", _T_DEFAULT)
#: molar volume of an ideal gas at STP (273.15 K, 101325 Pa) [m^3/mol]
_V_STP = R * 273.15 / 101325.0


def _nice_limits(lo, hi, step):
    return (float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step))


class WagnerExplorer(Explorer):
    """Oxygen permeation through a dense membrane (Wagner theory).

    Try: thin the membrane from 1 mm to 100 µm: the flux grows tenfold (J proportional to 1/L,
    bulk-limited). Lower σ_n(1 bar) to its minimum: the oxide becomes a pure ionic conductor, the flux
    collapses and the OCV rises to the Nernst value, 0.837 V.

    Sliders: oxygen activity on both sides, thickness, temperature and the
    partial conductivities *at that temperature* (ionic; n- and p-type at
    1 bar, scaling as pO2^-1/4 and pO2^+1/4). Defaults: Ce0.9Gd0.1O1.95 at
    600 degC from ``echemlab/data/solid_ionics_conductivity.csv``, air against
    an H2/H2O-like pO2 of 1e-20 bar.

    Panels: (a) partial and ambipolar conductivities vs pO2 with the window
    between the two gases shaded; (b) the steady pO2 profile; (c) the voltmeter
    potential -mu~_e/F (its value at the feed face is the OCV) and the inner
    potential phi, both relative to the permeate face.
    """

    figsize = (11.5, 3.7)
    ncols = 3
    params = (
        Param("logp_feed", "log₁₀ pO₂′ (feed)", "log₁₀ bar", -6.0, 1.0, 0.05, -0.68, fmt=".2f",
              doc="oxygen activity on the feed / cathode side, x = 0"),
        Param("logp_perm", "log₁₀ pO₂″ (permeate)", "log₁₀ bar", -35.0, 0.0, 0.1, -20.0, fmt=".1f",
              doc="oxygen activity on the permeate / anode side, x = L"),
        Param("L", "L", "µm", 1.0, 3000.0, 0.01, 1000.0, to_si=1e-6, log=True, fmt=".0f",
              doc="membrane thickness"),
        Param("T", "T", "K", 773.0, 1273.0, 5.0, _T_DEFAULT, fmt=".0f", doc="temperature"),
        Param("sigma_ion", "σ_ion", "S/m", 0.01, 100.0, 0.01, round(float(_GDC["sigma_ion"]), 3), log=True,
              fmt=".3g", doc="ionic conductivity at T (pO2-independent)"),
        Param("sigma_n1", "σ_n(1 bar)", "S/m", 1e-12, 1e-1, 0.01, float(f"{float(_GDC['sigma_n1']):.3g}"),
              log=True, fmt=".2e", doc="n-type conductivity at pO2 = 1 bar, scales as pO2^-1/4"),
        Param("sigma_p1", "σ_p(1 bar)", "S/m", 1e-10, 1.0, 0.01, 1e-6, log=True, fmt=".2e",
              doc="p-type conductivity at pO2 = 1 bar, scales as pO2^+1/4"),
    )

    def setup(self, fig, axes):
        ax_s, ax_p, ax_v = axes
        c = PALETTE
        ax_s.set_xlabel(label("log₁₀ pO₂", "bar"))
        ax_s.set_ylabel(label("Conductivity", "S/m"))
        ax_s.set_yscale("log")
        ax_s.set_xlim(-35, 2)
        ax_s.set_ylim(1e-8, 1e3)
        self.window = ax_s.axvspan(-20, -0.68, color=c["yellow"], alpha=0.35, lw=0)
        self.s_ion, = ax_s.plot([], [], color=c["blue"], lw=2, label="σ_ion")
        self.s_el, = ax_s.plot([], [], color=c["vermillion"], ls="--", lw=1.8, label="σ_el")
        self.s_amb, = ax_s.plot([], [], color=c["black"], ls=":", lw=2.2, label="σ_amb")
        ax_s.legend(loc="lower left", fontsize=8)
        ax_p.set_xlabel(label("Position x/L"))
        ax_p.set_ylabel(label("log₁₀ pO₂", "bar"))
        ax_p.set_xlim(0, 1)
        ax_p.set_ylim(-35, 2)
        self.p_line, = ax_p.plot([], [], color=c["blue"], lw=2.2, label="pO₂(x)")
        self.p_n, = ax_p.plot([], [], color=c["vermillion"], ls="--", lw=1.2, label="p_n (σ_n = σ_ion)")
        ax_p.legend(loc="upper right", fontsize=8)
        ax_v.set_xlabel(label("Position x/L"))
        ax_v.set_ylabel(label("Potential vs permeate face", "V"))
        ax_v.set_xlim(0, 1)
        ax_v.set_ylim(-0.5, 1.5)
        ax_v.axhline(0.0, color="0.6", lw=0.8)
        self.v_E, = ax_v.plot([], [], color=c["green"], lw=2.2, label="−μ̃ₑ/F (voltmeter)")
        self.v_phi, = ax_v.plot([], [], color=c["purple"], ls="-.", lw=2.0, label="φ (inner)")
        self.v_ocv, = ax_v.plot([], [], "o", color=c["green"], ms=6)
        ax_v.legend(loc="upper right", fontsize=8)
        self.dynamic = [self.window, self.s_ion, self.s_el, self.s_amb, self.p_line, self.p_n,
                        self.v_E, self.v_phi, self.v_ocv]
        self.ax_v = ax_v

    def compute(self, logp_feed, logp_perm, L, T, sigma_ion, sigma_n1, sigma_p1):
        if abs(logp_feed - logp_perm) < 1e-6:
            logp_perm = logp_feed - 1e-3   # the model needs a gradient
        p1, p2 = 10.0 ** logp_feed, 10.0 ** logp_perm
        pr = si.membrane_profiles(p1, p2, T, sigma_ion, sigma_n1, sigma_p1, n=241)
        J = si.oxygen_permeation_flux_exact(p1, p2, L, T, sigma_ion, sigma_n1, sigma_p1)
        p_grid = 10.0 ** _LOGP
        s_el = sigma_n1 * p_grid ** -0.25 + sigma_p1 * p_grid ** 0.25
        pn, pp = si.electrolytic_domain(sigma_ion, sigma_n1, sigma_p1)
        return {"profile": pr, "J": J, "s_el": s_el, "s_amb": sigma_ion * s_el / (sigma_ion + s_el),
                "sigma_ion": sigma_ion, "p_feed": p1, "p_perm": p2, "p_n": pn, "p_p": pp, "L": L, "T": T}

    def draw(self, r):
        pr = r["profile"]
        lo, hi = sorted((np.log10(r["p_perm"]), np.log10(r["p_feed"])))
        self.window.set_x(lo)          # axvspan is a Rectangle in axes-y / data-x coordinates
        self.window.set_width(hi - lo)
        self.s_ion.set_data([-35, 2], [r["sigma_ion"]] * 2)
        self.s_el.set_data(_LOGP, r["s_el"])
        self.s_amb.set_data(_LOGP, r["s_amb"])
        self.p_line.set_data(pr["x"], np.log10(pr["pO2"]))
        if r["p_n"] > 0:
            self.p_n.set_data([0, 1], [np.log10(r["p_n"])] * 2)
        else:
            self.p_n.set_data([], [])
        self.v_E.set_data(pr["x"], pr["E"])
        self.v_phi.set_data(pr["x"], pr["phi"])
        self.v_ocv.set_data([0.0], [pr["ocv"]])
        lo_v = min(0.0, float(pr["phi"].min()), float(pr["E"].min()))
        hi_v = max(0.0, float(pr["E"].max()), float(pr["phi"].max()))
        lim = _nice_limits(lo_v - 0.05, hi_v + 0.05, 0.5)
        changed = tuple(self.ax_v.get_ylim()) != lim
        if changed:
            self.ax_v.set_ylim(*lim)
        return changed

    def readout(self, r):
        pr = r["profile"]
        J = r["J"]
        ml = J * _V_STP * 1e6 / 1e4 * 60   # mL(STP) cm^-2 min^-1
        return " &nbsp;|&nbsp; ".join([
            f"J<sub>O₂</sub> = {J:.3g} mol m⁻² s⁻¹ ({ml:.3g} mL<sub>STP</sub> cm⁻² min⁻¹)",
            f"leak current 4FJ = {4 * F * J / 10:.3g} mA cm⁻²",
            f"OCV = {pr['ocv']:.3f} V (Nernst {pr['nernst']:.3f} V)",
            f"t<sub>ion</sub> = {pr['t_ion'][0]:.3f} (feed) … {pr['t_ion'][-1]:.3g} (permeate)",
        ])


class RelaxationExplorer(Explorer):
    """Chemical-diffusion relaxation of a plate after a small pO2 step.

    Try: raise k to 10⁻³ m/s: Λ = a k/D̃ passes 30 and the relaxation becomes diffusion-limited (g = 1/2
    after 493 s instead of 4040 s). Lower k to 10⁻⁹ m/s: surface exchange limits, and g(t) = 1 − exp(−k
    t/a) reaches 1/2 at t = (a/k) ln 2 = 3.47 × 10⁵ s.

    Sliders: chemical diffusion coefficient D~, surface-exchange coefficient
    k and half-thickness a, over the ranges met in electrical conductivity
    relaxation of oxide ceramics (Lane et al. 1999). Panels: normalized
    response g(t) with the diffusion-limited and surface-limited limits, and
    the concentration profiles u(x) at four times.
    """

    figsize = (10.0, 3.6)
    ncols = 2
    params = (
        Param("D", "D̃", "m²/s", 1e-13, 1e-7, 0.01, 1e-10, log=True, fmt=".2e",
              doc="chemical diffusion coefficient"),
        Param("k", "k", "m/s", 1e-9, 1e-3, 0.01, 1e-7, log=True, fmt=".2e",
              doc="surface exchange coefficient"),
        Param("a", "a (half-thickness)", "µm", 10.0, 2000.0, 0.01, 500.0, to_si=1e-6, log=True, fmt=".0f",
              doc="half of the sample thickness"),
    )
    _t = np.logspace(-1, 7, 150)
    _x = np.linspace(0.0, 1.0, 81)
    _fracs = (0.02, 0.1, 0.3, 1.0)

    def setup(self, fig, axes):
        ax_g, ax_u = axes
        c = PALETTE
        ax_g.set_xscale("log")
        ax_g.set_xlim(self._t[0], self._t[-1])
        ax_g.set_ylim(-0.02, 1.05)
        ax_g.set_xlabel(label("Time after the pO₂ step", "s"))
        ax_g.set_ylabel(label("Normalized response g"))
        self.g_line, = ax_g.plot([], [], color=c["blue"], lw=2.4, label="series (D̃ and k)")
        self.g_diff, = ax_g.plot([], [], color=c["vermillion"], ls="--", lw=1.5, label="k → ∞ (diffusion)")
        self.g_surf, = ax_g.plot([], [], color=c["green"], ls=":", lw=2.0, label="D̃ → ∞ (surface)")
        self.g_marks, = ax_g.plot([], [], "o", color=c["black"], ms=4)
        ax_g.legend(loc="upper left", fontsize=8)
        ax_u.set_xlim(0, 1)
        ax_u.set_ylim(-0.02, 1.45)
        ax_u.set_xlabel(label("Position from mid-plane x/a"))
        ax_u.set_ylabel(label("u = (c − c₀)/(c∞ − c₀)"))
        styles = [(c["sky"], "-"), (c["orange"], "--"), (c["purple"], "-."), (c["black"], ":")]
        self.u_lines = [ax_u.plot([], [], color=col, ls=ls, lw=2)[0] for col, ls in styles]
        self.u_legend = ax_u.legend(self.u_lines, [f"t = {f:g} t_c" for f in self._fracs], loc="upper center",
                                    ncol=2, fontsize=8, title="t_c = a²/D̃ + a/k", title_fontsize=8)
        self.dynamic = [self.g_line, self.g_diff, self.g_surf, self.g_marks, *self.u_lines]

    def compute(self, D, k, a):
        t = self._t
        t_c = a * a / D + a / k
        times = np.array([f * t_c for f in self._fracs])
        # one series evaluation for the curve and the marked times
        g_all = si.conductivity_relaxation(np.concatenate([t, times]), a, D, k)
        g, gm = g_all[:t.size], g_all[t.size:]
        g_diff = si.conductivity_relaxation(t, a, D, 1e6 * D / a)     # Lambda = 1e6: diffusion-limited
        g_surf = 1 - np.exp(-k * t / a)
        # t >= 0.02 t_c >= 0.02 a^2/D: always inside the range of the series
        prof = si.relaxation_profile(self._x, times, a, D, k)
        return {"g": g, "g_diff": g_diff, "g_surf": g_surf, "prof": prof, "times": times, "g_marks": gm,
                "Lambda": a * k / D, "t_c": t_c,
                "t_half": float(np.interp(0.5, g, t)) if g[-1] >= 0.5 > g[0] else None}

    def draw(self, r):
        t = self._t
        self.g_line.set_data(t, r["g"])
        self.g_diff.set_data(t, r["g_diff"])
        self.g_surf.set_data(t, r["g_surf"])
        self.g_marks.set_data(r["times"], r["g_marks"])
        for line, u in zip(self.u_lines, r["prof"], strict=True):
            line.set_data(self._x, u)
        return False

    def readout(self, r):
        lam = r["Lambda"]
        regime = ("diffusion-limited" if lam > 30 else "surface-exchange-limited" if lam < 0.03
                  else "mixed control")
        return " &nbsp;|&nbsp; ".join([
            f"Λ = a k / D̃ = {lam:.3g} ({regime})",
            f"t<sub>c</sub> = {r['t_c']:.3g} s",
            (f"g = 1/2 at t = {r['t_half']:.3g} s" if r["t_half"] else "g = 1/2 outside the time window"),
        ])


CHAPTER = "04"
EXPLORERS = [WagnerExplorer, RelaxationExplorer]
