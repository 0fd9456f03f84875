"""Explorer for chapter 06: direction of complex I and reverse electron transport."""
import numpy as np
from matplotlib.patches import Polygon

from .. import bioenergetics as bio
from ..constants import F
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

T_BODY = 310.15  # K, 37 degC
N_E, N_H = 2, 4  # complex I: 2 e- and 4 H+ per NADH
_X = np.linspace(-1.0, 3.0, 81)          # log10([succinate]/[fumarate])
_YMAX = 300.0                            # mV, top of the regime map
_PMF_PHYS_LABEL = "physiological Δp: Δψ 180 mV (MeSH)\n+ ΔpH 0 … 0.9 (Porcelli et al. 2005)"


def _pmf_physiological():
    """Physiological pmf band (P - N) from the data file [V]: Delta psi alone, and Delta psi plus Delta pH."""
    from ..data import load_table

    m = load_table("bioenergetics_measurements")
    dpsi, dpH = m["mito_dpsi"]["value"], m["mito_dpH_matrix_ims"]["value"]
    return -dpsi, -bio.proton_motive_force(dpsi, 7.0 + dpH, 7.0, T_BODY)


class RETExplorer(Explorer):
    """Complex I forward or reverse: the Q pool, the NAD pool and the proton-motive force decide.

    Try: raise log₁₀([succinate]/[fumarate]) from 0 to 2: the Q pool becomes more reduced, Δp_min falls
    from 148 to 117 mV, below the pmf of 140 mV, and RET becomes possible. Make the NAD pool more
    reduced instead (log₁₀([NAD⁺]/[NADH]) = −1): RET then needs a pmf above 179 mV.

    pmf is in the P - N convention (positive for an energised inner membrane,
    = -Delta p of chapter 05). RET (QH2 + NAD+ -> Q + NADH, 4 H+ flowing back
    into the matrix) is possible when pmf > Delta p_min = (E_Q - E_NAD) n_e/n_H.
    All potentials at the matrix pH, 37 degC.
    """

    params = (
        Param("log_sf", "log₁₀([succinate]/[fumarate])", "", -1.0, 3.0, 0.05, 0.0, fmt=".2f",
              doc="sets the Q pool through complex II"),
        Param("log_nad", "log₁₀([NAD⁺]/[NADH])", "", -1.0, 2.0, 0.05, 1.0, fmt=".2f",
              doc="redox state of the matrix NAD pool"),
        Param("pmf", "Δp (P−N, = −Δp_in−out)", "mV", 0.0, 250.0, 1.0, 140.0, to_si=1e-3, fmt=".0f",
              doc="proton-motive force across the inner membrane"),
        Param("pH", "matrix pH", "", 7.0, 8.5, 0.05, 7.8, fmt=".2f", doc="pH of the matrix"),
    )
    figsize = (11.5, 3.9)
    ncols = 3

    def setup(self, fig, axes):
        ax_l, ax_b, ax_m = axes
        c = PALETTE
        # --- (a) potential ladder: E_NAD, E_Q and the pmf "lift" (n_H/n_e) pmf
        ax_l.set_xlim(0, 3)
        ax_l.set_ylim(-0.75, 0.15)
        ax_l.set_xticks([0.75, 2.25], ["NAD⁺/NADH", "Q/QH₂\n(= fum/succ)"], fontsize=8)
        ax_l.set_ylabel(label("E at matrix pH", "V vs SHE"))
        ax_l.set_title("RET if E_Q − (n_H/n_e)Δp < E_NAD", fontsize=9)
        self.l_nad, = ax_l.plot([], [], color=c["blue"], lw=3, ls="-")
        self.l_q, = ax_l.plot([], [], color=c["orange"], lw=3, ls="-")
        self.l_lift, = ax_l.plot([], [], color=c["green"], lw=6, ls="-", alpha=0.7, solid_capstyle="butt")
        self.l_eff, = ax_l.plot([], [], color=c["green"], lw=1.5, ls="--")
        ax_l.text(2.9, 0.11, "green bar: lift (n_H/n_e)Δp\ndashed: E_Q − (n_H/n_e)Δp", fontsize=7,
                  ha="right", va="top", color=c["green"])
        # --- (b) energy bars of RET (complex I in reverse), per NADH formed
        x = np.arange(3)
        self.bars = ax_b.bar(x, [0, 0, 0], width=0.6, color=[c["orange"], c["sky"], c["green"]],
                             edgecolor="black", linewidth=0.6)
        ax_b.set_xticks(x, ["redox\n−n_eFΔE_redox", "protons in\n−n_HFΔp", "ΔG_RET"], fontsize=8)
        ax_b.axhline(0, color="black", lw=0.8)
        ax_b.set_ylim(-110, 110)
        ax_b.set_xlim(-0.6, 2.6)
        ax_b.set_ylabel(label("Gibbs energy per NADH", "kJ/mol"))
        ax_b.set_title("complex I in reverse (RET), 2 e⁻, 4 H⁺", fontsize=9)
        self.t_net = ax_b.text(2, 0, "", ha="center", fontsize=8)
        # --- (c) regime map on the (succinate/fumarate, pmf) plane
        ax_m.set_xlim(_X[0], _X[-1])
        ax_m.set_ylim(0, _YMAX)
        ax_m.set_xlabel(label("log₁₀([succinate]/[fumarate])"))
        ax_m.set_ylabel(label("Δp (P−N)", "mV"))
        self.p_ret = Polygon(np.zeros((3, 2)), closed=True, color=c["vermillion"], alpha=0.25, lw=0)
        self.p_fwd = Polygon(np.zeros((3, 2)), closed=True, color=c["blue"], alpha=0.18, lw=0)
        ax_m.add_patch(self.p_ret)
        ax_m.add_patch(self.p_fwd)
        self.boundary, = ax_m.plot([], [], color="black", lw=1.8, ls="-",
                                   label="Δp_min (ΔG = 0), Q pool at complex II equilibrium")
        lo, hi = _pmf_physiological()
        ax_m.axhspan(1e3 * lo, 1e3 * hi, facecolor="none", edgecolor=c["purple"], hatch="///", lw=0.8,
                     label=_PMF_PHYS_LABEL)
        self.point, = ax_m.plot([], [], "o", color="black", mfc=c["yellow"], ms=9, label="this state")
        self.t_ret = ax_m.text(-0.9, _YMAX - 15, "RET possible", color=c["vermillion"], fontsize=9,
                               va="top", fontweight="bold")
        ax_m.text(2.9, 6, "forward (NADH → Q)", color=c["blue"], fontsize=9, ha="right",
                  fontweight="bold")
        ax_m.legend(loc="lower left", fontsize=7, bbox_to_anchor=(0.0, 0.07))
        self.dynamic = [self.l_nad, self.l_q, self.l_lift, self.l_eff, *self.bars,
                        self.t_net, self.p_ret, self.p_fwd, self.boundary, self.point]

    def compute(self, log_sf, log_nad, pmf, pH):
        E_nad = bio.nad_potential(10.0 ** log_nad, 1.0, pH, T_BODY)
        E_q = bio.fumarate_potential(1.0, 10.0 ** log_sf, pH, T_BODY)  # complex II equilibrium
        E_q_line = bio.fumarate_potential(1.0, 10.0 ** _X, pH, T_BODY)
        dp_min_line = bio.ret_min_pmf(E_q_line, E_nad, N_E, N_H)
        dG_fwd = bio.complex1_gibbs(E_q, E_nad, pmf, N_E, N_H)
        redox = -N_E * F * (E_nad - E_q)          # uphill part of RET
        protons = -N_H * F * pmf                  # protons flowing back into the matrix
        return {"E_nad": E_nad, "E_q": E_q, "pmf": pmf, "log_sf": log_sf, "pH": pH,
                "dp_min": bio.ret_min_pmf(E_q, E_nad, N_E, N_H), "dp_min_line": dp_min_line,
                "terms": np.array([redox, protons, -dG_fwd]) / 1e3, "dG_ret": -dG_fwd,
                "QH2_Q": bio.q_pool_ratio(10.0 ** log_sf, 1.0, T_BODY)}

    def draw(self, r):
        c = PALETTE
        e_eff = r["E_q"] - N_H / N_E * r["pmf"]
        self.l_nad.set_data([0.2, 1.3], [r["E_nad"]] * 2)
        self.l_q.set_data([1.7, 2.8], [r["E_q"]] * 2)
        self.l_lift.set_data([2.25, 2.25], [r["E_q"], e_eff])
        self.l_eff.set_data([0.2, 2.8], [e_eff] * 2)
        for bar, h in zip(self.bars, r["terms"], strict=True):
            bar.set_y(min(0.0, h))
            bar.set_height(abs(h))
        net = r["terms"][2]
        self.bars[2].set_facecolor(c["vermillion"] if net < 0 else c["blue"])
        self.t_net.set_position((2, net + (3 if net >= 0 else -3)))
        self.t_net.set_va("bottom" if net >= 0 else "top")
        self.t_net.set_text(f"{net:+.1f}\n" + ("RET" if net < 0 else "forward"))
        y = 1e3 * r["dp_min_line"]
        self.p_ret.set_xy(np.column_stack([np.r_[_X, _X[::-1]], np.r_[y, np.full_like(y, _YMAX)]]))
        self.p_fwd.set_xy(np.column_stack([np.r_[_X, _X[::-1]], np.r_[y, np.zeros_like(y)]]))
        self.boundary.set_data(_X, y)
        self.point.set_data([r["log_sf"]], [1e3 * r["pmf"]])
        return False

    def readout(self, r):
        direction = "RET possible (ΔG_RET < 0)" if r["dG_ret"] < 0 else "complex I runs forward"
        return (f"E_NAD = {r['E_nad'] * 1e3:.0f} mV, E_Q = {r['E_q'] * 1e3:.0f} mV "
                f"([QH₂]/[Q] = {r['QH2_Q']:.3g}) &nbsp;|&nbsp; ΔE_redox = {(r['E_nad'] - r['E_q']) * 1e3:.0f} mV"
                f" &nbsp;|&nbsp; lift (n_H/n_e)Δp = {N_H / N_E * r['pmf'] * 1e3:.0f} mV"
                f" &nbsp;|&nbsp; Δp_min = {r['dp_min'] * 1e3:.0f} mV &nbsp;|&nbsp; "
                f"ΔG_RET = {r['dG_ret'] / 1e3:+.1f} kJ/mol: {direction}")


CHAPTER = "06"
EXPLORERS = [RETExplorer]
