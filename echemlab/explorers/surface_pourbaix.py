"""Explorer for chapter 08: the surface Pourbaix diagram of Pt(111) with the CHE."""
import numpy as np

from .. import pourbaix as pb
from .. import surface_pourbaix as sp
from ..constants import F
from ..explorer import Explorer, Param
from ..plotting import CYCLE, PALETTE, label

CHAPTER = "08"
PH_RANGE = (0.0, 14.0)
U_RANGE = (-1.0, 1.8)          # V vs SHE (map)
URHE_RANGE = (-0.2, 1.4)       # V vs RHE (energy panel)
_COLORS = ("#969696", "#bcbddc", "#807dba", "#54278f", "#a1d99b", "#41ab5d", "#fdae6b", "#d94801")


def shifted_configs(configs, dH=0.0, dOH=0.0, dO=0.0):
    """Copies of the configurations with adsorbate free energies shifted per adsorbate [J/mol]."""
    return [sp.Configuration(c.name, c.theta_H, c.theta_OH, c.theta_O,
                             c.dG0 + c.theta_H * dH + c.theta_OH * dOH + c.theta_O * dO, c.surface, c.source)
            for c in configs]


class SurfacePourbaixExplorer(Explorer):
    """Pt(111) surface Pourbaix diagram (U vs SHE) and the grand potentials at one pH (U vs RHE).

    Try: at pH 1 move U from 0.5 to 0.9 V vs SHE: the clean surface gives way to 1/3 ML OH*. Weaken O
    binding by +0.3 eV: the 1/4 ML O* phase disappears and O* forms only at 1.30 V vs RHE. The onsets
    are fixed in U vs RHE, so on the SHE scale they move down 59 mV per pH unit.

    The sliders shift the binding free energy of each adsorbate (per adsorbate,
    eV), which is how a different metal or a strained/alloyed Pt surface moves
    the onsets; the marker is the state (pH, U).
    """

    params = (
        Param("pH", "pH", "-", 0.0, 14.0, 0.5, 1.0, fmt=".1f", doc="pH of the electrolyte"),
        Param("U", "U", "V vs SHE", -0.8, 1.6, 0.02, 0.5, fmt=".2f", doc="electrode potential"),
        Param("dH", "shift of dG(H*)", "eV", -0.3, 0.3, 0.02, 0.0, to_si=F, fmt="+.2f",
              doc="added to the free energy of every adsorbed H (per H)"),
        Param("dOH", "shift of dG(OH*)", "eV", -0.4, 0.4, 0.02, 0.0, to_si=F, fmt="+.2f",
              doc="added to the free energy of every adsorbed OH (per OH)"),
        Param("dO", "shift of dG(O*)", "eV", -0.6, 0.6, 0.02, 0.0, to_si=F, fmt="+.2f",
              doc="added to the free energy of every adsorbed O (per O)"),
    )
    figsize = (10.0, 4.2)
    ncols = 2

    def setup(self, fig, axes):
        from matplotlib.collections import LineCollection, PolyCollection

        ax, ax2 = axes
        self.base = sp.load_configurations("Pt(111)")
        self.names = [c.name for c in self.base]
        species, water = sp.bulk_pt()
        self.bulk = pb.Pourbaix(species, ion_activity=1e-6, water=water)
        self.patches = PolyCollection([], edgecolors="none")
        ax.add_collection(self.patches)
        self.edges = LineCollection([], colors="k", linewidths=0.8)
        ax.add_collection(self.edges)
        c = PALETTE
        ph = np.array(PH_RANGE)
        eh, eo = pb.water_lines(ph)
        guides = [ax.plot(ph, eh, color=c["blue"], ls="--", lw=1.3, label="H2O/H2 (0 V vs RHE)")[0],
                  ax.plot(ph, eo, color=c["black"], ls="-.", lw=1.3, label="O2/H2O")[0]]
        e0, _ = self.bulk.line("Pt2+", "Pt")
        guides.append(ax.plot(ph, [e0, e0], color=c["black"], ls=":", lw=1.6, label="Pt2+/Pt, a = 1e-6")[0])
        self.mark, = ax.plot([], [], "o", ms=7, mfc="white", mec="k", mew=1.5)
        ax.set_xlim(*PH_RANGE)
        ax.set_ylim(*U_RANGE)
        ax.set_xlabel(label("pH"))
        ax.set_ylabel(label("Potential U", "V vs SHE"))
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=3, fontsize=7, frameon=False,
                  borderaxespad=0.0)
        self.u = np.linspace(*URHE_RANGE, 2)
        self.lines = []
        for k, n in enumerate(self.names):
            col, ls = CYCLE[k % len(CYCLE)]
            line, = ax2.plot([], [], color=_COLORS[k], ls=ls, lw=1.8, label=n)
            self.lines.append(line)
        self.vline, = ax2.plot([], [], color=c["black"], lw=1.0, ls=":")
        self.env, = ax2.plot([], [], color="k", lw=3.0, alpha=0.25)
        ax2.set_xlim(*URHE_RANGE)
        ax2.set_ylim(-0.8, 0.8)
        ax2.set_xlabel(label("Potential U", "V vs RHE"))
        ax2.set_ylabel(label("Grand potential per Pt site", "eV"))
        ax2.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, ncol=1, frameon=False,
                   title="configuration\n(= map colours)", title_fontsize=7)
        # the guides sit above the blitted domains, so they are animated too; domain colours = line colours
        self.dynamic = [self.patches, self.edges, *guides, self.mark, *self.lines, self.vline,
                        self.env]

    def compute(self, pH, U, dH, dOH, dO):
        cfg = shifted_configs(self.base, dH, dOH, dO)
        s = sp.SurfacePourbaix(cfg)
        doms = s.domains(PH_RANGE, U_RANGE)
        urhe = float(sp.rhe_from_she(U, pH))
        uu = np.linspace(*URHE_RANGE, 161)
        om = s.energies(0.0, uu, scale="RHE") / F
        return {"domains": doms, "stable": s.stable(pH, U), "pH": pH, "U": U, "U_rhe": urhe,
                "g": s.g / F, "n": s.n, "env": (uu, om.min(axis=0)), "transitions": s.transitions(URHE_RANGE)}

    def draw(self, r):
        names = [n for n in self.names if n in r["domains"]]
        self.patches.set_verts([r["domains"][n] for n in names])
        self.patches.set_facecolor([_COLORS[self.names.index(n)] for n in names])
        self.edges.set_segments([np.vstack([p, p[:1]]) for p in r["domains"].values()])
        self.mark.set_data([r["pH"]], [r["U"]])
        for line, g, n in zip(self.lines, r["g"], r["n"], strict=False):
            line.set_data(self.u, g - n * self.u)
        self.vline.set_data([r["U_rhe"]] * 2, [-0.8, 0.8])
        self.env.set_data(*r["env"])
        return False

    def readout(self, r):
        tr = ", ".join(f"{b} at {u:.3f} V" for u, a, b in r["transitions"])
        return (f"U = {r['U']:.2f} V vs SHE = {r['U_rhe']:.3f} V vs RHE at pH {r['pH']:.1f} &nbsp;|&nbsp; "
                f"stable: <b>{r['stable']}</b> &nbsp;|&nbsp; onsets (V vs RHE, any pH): {tr}")


EXPLORERS = [SurfacePourbaixExplorer]
