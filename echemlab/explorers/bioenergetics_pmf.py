"""Explorer for chapter 05: energy balance and thermodynamic stall of an H+ pump."""
import numpy as np

from .. import bioenergetics as bio
from ..constants import LN10, F, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_PH_OUT = np.linspace(4.0, 8.0, 161)
_BAR_LABELS = ("ATP\nhydrolysis", "electrical\n−nFΔψ", "chemical\nnRT ln10 ΔpH", "net ΔG\nper cycle")
# y windows of the bar chart [kJ/mol]: the narrow one fits the plant pump (n = 1),
# the wide one every slider combination; switching costs one full redraw.
_WINDOWS = ((-80.0, 100.0), (-130.0, 200.0))


class PumpStallExplorer(Explorer):
    """Plant plasma-membrane H+-ATPase: free energy of one cycle (1 ATP hydrolysed, n H+ out), stall potential.

    Try: make Δψ more negative, to −200 mV: the pump now works against a larger pmf and ΔG of the cycle
    rises from −28.1 to −20.4 kJ/mol. Set n = 2 H⁺ per ATP: the stall pmf halves to 259 mV, and at the
    default gradients the pump is close to stalling (ΔG_cycle = −6.3 kJ/mol).

    Sign convention: Delta = inside (cytosol) - outside (apoplast);
    Delta psi < 0 means the cytosol is negative. Defaults: 1 H+/ATP,
    Delta G_ATP = -50 kJ/mol, cytosol pH 7.3, apoplast pH 5.5, -120 mV, 25 degC.
    """

    params = (
        Param("dG_ATP", "ΔG_ATP", "kJ/mol", -65.0, -35.0, 0.5, -50.0, to_si=1e3, fmt=".1f",
              doc="Gibbs energy of ATP hydrolysis in the cytosol"),
        Param("n_H", "n (H⁺ per ATP)", "H⁺/ATP", 1.0, 4.0, 0.1, 1.0, fmt=".1f",
              doc="protons exported per ATP hydrolysed (1 for the plant P-type H+-ATPase)"),
        Param("pH_in", "pH_in (cytosol)", "", 6.5, 8.5, 0.05, 7.3, fmt=".2f", doc="cytosolic pH"),
        Param("pH_out", "pH_out (apoplast)", "", 4.0, 8.0, 0.05, 5.5, fmt=".2f", doc="apoplastic pH"),
        Param("dpsi", "Δψ = ψ_in − ψ_out", "mV", -300.0, 50.0, 1.0, -120.0, to_si=1e-3, fmt=".0f",
              doc="membrane potential, inside minus outside"),
        Param("T", "T", "K", 273.15, 318.15, 1.0, 298.15, fmt=".0f", doc="temperature"),
    )
    figsize = (10.0, 3.9)

    def setup(self, fig, axes):
        ax_b, ax_s = axes
        c = PALETTE
        # --- energy balance bars: Rectangles made once, heights updated in place
        x = np.arange(4)
        self.bars = ax_b.bar(x, [0, 0, 0, 0], width=0.62,
                             color=[c["orange"], c["blue"], c["sky"], c["green"]],
                             edgecolor="black", linewidth=0.6)
        ax_b.set_xticks(x, _BAR_LABELS, fontsize=8)
        ax_b.axhline(0, color="black", lw=0.8)
        ax_b.set_ylabel(label("Gibbs energy per pump cycle", "kJ/mol"))
        ax_b.set_title("ΔG_cycle = ΔG_ATP − nFΔp", fontsize=9)
        ax_b.set_xlim(-0.6, 3.6)
        ax_b.set_ylim(*_WINDOWS[0])
        self.net_text = ax_b.text(3, 0, "", ha="center", va="bottom", fontsize=8)
        # --- stall curve vs apoplast pH
        ax_s.set_xlabel(label("apoplast pH_out"))
        ax_s.set_ylabel(label("−Δψ = ψ_out − ψ_in", "mV"))
        ax_s.set_xlim(4.0, 8.0)
        ax_s.set_ylim(-200.0, 800.0)
        ax_s.axhline(0, color="black", lw=0.8)
        ax_s.axvspan(4.9, 5.8, color=c["yellow"], alpha=0.35, lw=0,
                     label="apoplast pH 4.9–5.8 (Wegner & Shabala)")
        ax_s.plot([5.5], [60.0], "s", color=c["purple"], ms=6,
                  label="ryegrass cells, −60 mV (Henry et al. 1984)")
        ax_s.axhspan(80.0, 115.0, color=c["sky"], alpha=0.3, lw=0,
                     label="seedling cells 80–115 mV (Etherton & Higinbotham 1960)")
        self.stall_line, = ax_s.plot([], [], color=c["vermillion"], lw=2,
                                     label="stall line: the pump runs only below it")
        self.point, = ax_s.plot([], [], "o", color=c["blue"], ms=8, mec="white",
                                label="operating point (sliders)")
        ax_s.legend(loc="upper left", fontsize=7)
        self.dynamic = [*self.bars, self.net_text, self.stall_line, self.point]
        self.ax_b = ax_b

    def compute(self, dG_ATP, n_H, pH_in, pH_out, dpsi, T):
        elec = -n_H * F * dpsi
        chem = n_H * LN10 * R * T * (pH_in - pH_out)
        net = bio.pump_cycle_gibbs(dG_ATP, n_H, dpsi, pH_in, pH_out, T)
        stall_curve = bio.stall_potential(dG_ATP, n_H, pH_in, _PH_OUT, T)
        return {"terms": np.array([dG_ATP, elec, chem, net]) / 1e3, "net": net,
                "dp": bio.proton_motive_force(dpsi, pH_in, pH_out, T),
                "stall": bio.stall_potential(dG_ATP, n_H, pH_in, pH_out, T),
                "stall_curve": stall_curve, "pH_out": pH_out, "dpsi": dpsi,
                "stall_pmf": bio.stall_pmf(dG_ATP, n_H)}

    def draw(self, r):
        terms = r["terms"]
        for bar, h in zip(self.bars, terms, strict=True):
            bar.set_y(min(0.0, h))
            bar.set_height(abs(h))
        net = terms[3]
        self.bars[3].set_facecolor(PALETTE["green"] if net < 0 else PALETTE["vermillion"])
        self.net_text.set_position((3, net + (2.0 if net >= 0 else -2.0)))
        self.net_text.set_va("bottom" if net >= 0 else "top")
        self.net_text.set_text(f"{net:+.1f}")
        self.stall_line.set_data(_PH_OUT, 1e3 * r["stall_curve"])
        self.point.set_data([r["pH_out"]], [-1e3 * r["dpsi"]])
        lo, hi = terms.min(), terms.max()
        # the narrowest window that fits the bars and the label (the widest fits all)
        window = next((w for w in _WINDOWS if w[0] <= lo - 12 and hi + 12 <= w[1]), _WINDOWS[-1])
        if tuple(self.ax_b.get_ylim()) != window:
            self.ax_b.set_ylim(*window)
            return True
        return False

    def readout(self, r):
        state = ("pump runs (exports H⁺)" if r["net"] < 0 else
                 "stalled / would run backwards")
        return (f"Δp = {r['dp'] * 1e3:.0f} mV (P−N convention: {-r['dp'] * 1e3:.0f} mV) &nbsp;|&nbsp; "
                f"stall Δp* = ΔG_ATP/(nF) = {r['stall_pmf'] * 1e3:.0f} mV &nbsp;|&nbsp; "
                f"max −Δψ at this pH gradient = {r['stall'] * 1e3:.0f} mV &nbsp;|&nbsp; "
                f"ΔG_cycle = {r['net'] / 1e3:+.1f} kJ/mol: {state}")


CHAPTER = "05"
EXPLORERS = [PumpStallExplorer]
