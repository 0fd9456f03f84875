"""Explorer for chapter 12: a 2x2 Onsager matrix of an electrokinetic membrane.

Flows per unit membrane area: volume flux J_V [m/s] and current density
i [A/m^2]; conjugate forces: Delta p [Pa] and Delta phi [V] (side 1 minus
side 2). The dissipation T dS/dt per area is J_V Delta p + i Delta phi
[W/m^2].
"""
import numpy as np
from matplotlib.patches import FancyArrowPatch, Polygon

from .. import onsager as on
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_DP_MAX = 100e3  # Pa (slider range)
_DPHI_MAX = 1.0  # V
_THETA = np.linspace(0, 2 * np.pi, 721)
_U = np.stack([np.cos(_THETA), np.sin(_THETA)])
_LOAD = np.linspace(0.0, 1.0, 201)
_ETA_MIN = 1e-4


class OnsagerExplorer(Explorer):
    """Onsager matrix of an electrokinetic membrane: fluxes, coupling, dissipation and efficiency.

    Try: push the coupling |q| above 1: the explorer refuses and shows where the entropy production
    would turn negative, because the second law requires q² ≤ 1. Flip q to −0.5: the streaming potential
    and the electro-osmotic coefficient change sign together, and Saxén's relation still holds.

    L12 = L21 = q sqrt(L11 L22) (reciprocity built in). |q| > 1 violates
    the second law: the explorer then shows where the entropy production
    would turn negative instead of computing fluxes.
    """

    params = (
        Param("L11", "L11 hydraulic permeability", "m/(Pa·s)", 1e-13, 1e-8, 0.05, 1e-10, log=True,
              fmt=".1e", doc="volume flux per pressure difference at Δφ = 0"),
        Param("L22", "L22 area conductance", "S/m²", 0.1, 1000.0, 0.05, 10.0, log=True, fmt=".3g",
              doc="current density per potential difference at Δp = 0"),
        Param("q", "coupling q = L12/√(L11·L22)", "", -1.5, 1.5, 0.01, 0.5, fmt=".2f",
              doc="degree of coupling; |q| ≤ 1 is required by the second law"),
        Param("dp", "Δp = p1 − p2", "kPa", -100.0, 100.0, 1.0, 60.0, to_si=1e3, fmt=".0f",
              doc="pressure difference across the membrane"),
        Param("dphi", "Δφ = φ1 − φ2", "V", -1.0, 1.0, 0.01, -0.05, fmt=".2f",
              doc="electric potential difference across the membrane"),
    )
    figsize = (9.6, 4.0)

    def setup(self, fig, axes):
        ax, ax2 = axes
        c = PALETTE
        ax.set_xlim(-_DP_MAX / 1e3, _DP_MAX / 1e3)
        ax.set_ylim(-_DPHI_MAX, _DPHI_MAX)
        ax.set_xlabel(label("Δp", "kPa"))
        ax.set_ylabel(label("Δφ", "V"))
        ax.set_title("forces X, iso-dissipation curves, flux direction (arrow)", fontsize=9)
        ax.grid(False)
        self.cone = Polygon(np.zeros((2, 2)), closed=True, fc=c["vermillion"], ec="none", alpha=0.25,
                            label="TΣ < 0 (forbidden)")
        ax.add_patch(self.cone)
        self.levels = [ax.plot([], [], color="0.6", lw=0.8, ls=":")[0] for _ in range(3)]
        self.iso, = ax.plot([], [], color=c["black"], lw=1.0, ls="--", label="TΣ = const through X")
        self.line_i0, = ax.plot([], [], color=c["vermillion"], lw=1.6, label="i = 0 (streaming potential)")
        self.line_j0, = ax.plot([], [], color=c["green"], lw=1.6, ls="-.", label="J_V = 0 (electro-osmotic pressure)")
        self.point, = ax.plot([], [], "o", color=c["black"], ms=7, zorder=5)
        self.arrow = FancyArrowPatch((0, 0), (0, 0), arrowstyle="-|>", mutation_scale=14,
                                     color=c["orange"], lw=2.2, zorder=6)
        ax.add_patch(self.arrow)
        self.warn = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=9,
                            color=c["vermillion"], fontweight="bold",
                            bbox=dict(boxstyle="round", fc="white", ec=c["vermillion"]))
        ax.legend(handles=[self.iso, self.line_i0, self.line_j0, self.cone], loc="lower left", fontsize=7,
                  framealpha=0.85, frameon=True)

        ax2.set_xlim(0, 1)
        ax2.set_yscale("log")
        ax2.set_ylim(_ETA_MIN, 1.0)
        ax2.set_xlabel(label("normalized load r (0 = short circuit, 1 = stall)"))
        ax2.set_ylabel(label("energy-conversion efficiency"))
        ax2.set_title("coupled flows as an energy converter", fontsize=9)
        self.eff, = ax2.plot([], [], color=c["blue"], lw=2, label="η(r) = q²r(1−r)/(1−q²r)")
        self.eff_max, = ax2.plot([], [], "*", color=c["vermillion"], ms=12, label="η_max (Kedem–Caplan)")
        self.eff_now, = ax2.plot([], [], "o", color=c["black"], ms=7, label="this state")
        ax2.legend(loc="lower center", fontsize=7)
        self.dynamic = [self.cone, *self.levels, self.iso, self.line_i0, self.line_j0, self.point, self.arrow,
                        self.warn, self.eff, self.eff_max, self.eff_now]
        self.ax, self.ax2 = ax, ax2

    def compute(self, L11, L22, q, dp, dphi):
        L12 = q * np.sqrt(L11 * L22)
        L = np.array([[L11, L12], [L12, L22]])
        X = np.array([dp, dphi])
        # dissipation landscape in scaled forces (Δp/Δp_max, Δφ/Δφ_max)
        Ls = L * np.outer([_DP_MAX, _DPHI_MAX], [_DP_MAX, _DPHI_MAX])
        r = {"L": L, "X": X, "q": q, "Ls": Ls}
        try:
            on.check_onsager(L)
        except ValueError as exc:
            r.update(admissible=False, message=str(exc))
            return r
        J = on.fluxes(L, X)
        r.update(admissible=True, J=J, diss=on.entropy_production(L, X),
                 P_hyd=J[0] * dp, P_el=J[1] * dphi,
                 eta_max=on.max_efficiency(np.clip(q, -1, 1)), s_coef=on.streaming_potential_coefficient(L),
                 eo_coef=on.electroosmotic_flow_per_current(L))
        r["eff_curve"] = on.conversion_efficiency(np.clip(q, -1, 1), _LOAD)
        # operating point as an energy converter
        mode, load, eff = None, None, None
        if q != 0 and r["P_hyd"] > 0 > r["P_el"]:
            mode = "pressure → electricity (streaming current)"
            load = -dphi * np.sqrt(L22 / L11) / (q * dp)
            eff = -r["P_el"] / r["P_hyd"]
        elif q != 0 and r["P_el"] > 0 > r["P_hyd"]:
            mode = "electricity → pumping (electro-osmosis)"
            load = -dp * np.sqrt(L11 / L22) / (q * dphi)
            eff = -r["P_hyd"] / r["P_el"]
        r.update(mode=mode, load=load, eff=eff)
        return r

    @staticmethod
    def _iso(level, quad):
        """Curve X.L.X = level in the force plane (NaN where no real point)."""
        if level == 0:
            return [], []
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.sqrt(level / quad)
        s[~np.isfinite(s) | (quad * level <= 0)] = np.nan
        return s * _U[0] * _DP_MAX / 1e3, s * _U[1] * _DPHI_MAX

    def _line(self, direction):
        d = np.asarray(direction, dtype=float)
        d = d / np.hypot(d[0] / _DP_MAX, d[1] / _DPHI_MAX)
        t = np.array([-3.0, 3.0])
        return t * d[0] / 1e3, t * d[1]

    def draw(self, r):
        L, X, Ls = r["L"], r["X"], r["Ls"]
        xs = np.array([X[0] / _DP_MAX, X[1] / _DPHI_MAX])
        phi0 = xs @ Ls @ xs
        quad = np.einsum("in,ij,jn->n", _U, Ls, _U)  # dissipation along unit scaled forces
        # forbidden cone (only when L is not positive semidefinite): a fan polygon
        rad = np.where(quad < 0, 3.0, 0.0)
        self.cone.set_xy(np.column_stack([rad * _U[0] * _DP_MAX / 1e3, rad * _U[1] * _DPHI_MAX]))
        self.iso.set_data(*self._iso(phi0, quad))
        top = np.max(np.abs(quad))
        for k, line in enumerate(self.levels):
            line.set_data(*self._iso(top * 0.25 * 4.0 ** (-k) * (np.sign(phi0) or 1.0), quad))
        self.line_i0.set_data(*self._line([L[1, 1], -L[1, 0]]))
        self.line_j0.set_data(*self._line([L[0, 1], -L[0, 0]]))
        self.point.set_data([X[0] / 1e3], [X[1]])
        if r["admissible"]:
            self.warn.set_text("")
            self.warn.set_visible(False)
            g = Ls @ xs
            norm = np.hypot(*g)
            if norm > 0:
                d = 0.28 * g / norm
                self.arrow.set_positions((X[0] / 1e3, X[1]),
                                         (X[0] / 1e3 + d[0] * 100.0, X[1] + d[1] * 1.0))
                self.arrow.set_visible(True)
            else:
                self.arrow.set_visible(False)
            self.eff.set_data(_LOAD, np.maximum(r["eff_curve"], _ETA_MIN * 0.1))
            q2 = r["q"] ** 2
            if q2 > 0:
                r_star = (1 - np.sqrt(1 - q2)) / q2
                self.eff_max.set_data([r_star], [max(r["eta_max"], _ETA_MIN * 0.1)])
            else:
                self.eff_max.set_data([], [])
            if r["mode"] and 0 <= r["load"] <= 1:
                self.eff_now.set_data([r["load"]], [max(r["eff"], _ETA_MIN * 0.1)])
            else:
                self.eff_now.set_data([], [])
        else:
            self.arrow.set_visible(False)
            self.warn.set_visible(True)
            self.warn.set_text(f"not admissible: q² = {r['q'] ** 2:.2f} > 1\n"
                               "shaded: forces with TΣ < 0 (2nd law violated)")
            for a in (self.eff, self.eff_max, self.eff_now):
                a.set_data([], [])
        return False

    def readout(self, r):
        if not r["admissible"]:
            return f"<b style='color:#D55E00'>{r['message']}</b>"
        J = r["J"]
        parts = [f"J<sub>V</sub> = {J[0] * 1e6:.3g} µm/s", f"i = {J[1]:.3g} A/m²",
                 f"J<sub>V</sub>Δp = {r['P_hyd']:+.3g} W/m²", f"iΔφ = {r['P_el']:+.3g} W/m²",
                 f"TΣ = J<sub>V</sub>Δp + iΔφ = {r['diss']:.3g} W/m² ≥ 0",
                 f"streaming potential −L21/L22 = {r['s_coef'] * 1e8:.3g} mV/bar",
                 f"electro-osmotic flow per charge L12/L22 = {r['eo_coef'] * 1e9:.3g} µL/C "
                 f"(= {r['eo_coef'] * 1e8:.3g} mV/bar: Saxén's relation, equal and opposite)",
                 f"η<sub>max</sub> = {r['eta_max']:.3g}"]
        if r["mode"]:
            parts.append(f"{r['mode']}: efficiency {r['eff']:.3g}")
        return " &nbsp;|&nbsp; ".join(parts)


CHAPTER = "12"
EXPLORERS = [OnsagerExplorer]
