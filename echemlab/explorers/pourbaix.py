"""Explorers for chapter 07: the Fe-H2O Pourbaix diagram and the passive film of
a Fe-Cr-Ni alloy."""
import numpy as np

from .. import pourbaix as pb
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

PH_RANGE = (-2.0, 16.0)
E_RANGE = (-1.8, 2.0)

#: Fe species of the NBS-82 data set, in a fixed order (fixed colours)
FE_SPECIES = ("Fe", "Fe2+", "Fe3+", "FeOH+", "FeOH2+", "Fe(OH)2+", "Fe(OH)2", "Fe(OH)3", "Fe3O4", "Fe2O3")
_FE_COLORS = ("#bdbdbd", "#a6cee3", "#cab2d6", "#b2df8a", "#fdbf6f", "#fb9a99", "#e5d8bd", "#fddaec",
              "#bcbddc", "#fdd0a2")


def _fe_species():
    sp, water = pb.load_species("Fe", "nbs82")
    by = {s.name: s for s in sp}
    return [by[n] for n in FE_SPECIES], water


class FePourbaixExplorer(Explorer):
    """Fe-H2O Pourbaix diagram (NBS-82 data) vs dissolved-iron activity and temperature.

    The exact stability domains (half-plane intersection) are drawn as filled
    polygons and their boundaries as a line collection, with the water
    stability lines at the same temperature; ``result["grid"]`` holds the
    vectorized stable-species grid of the same state (the two views agree).
    """

    params = (
        Param("log_a", "log10 a(Fe ions)", "-", -8.0, 0.0, 0.5, -6.0, fmt=".1f",
              doc="activity of every dissolved iron species (Pourbaix's corrosion criterion: 1e-6)"),
        Param("T", "T", "K", 273.15, 373.15, 5.0, 298.15, fmt=".2f", doc="temperature"),
    )
    figsize = (6.6, 4.8)
    ncols = 1

    def setup(self, fig, axes):
        from matplotlib.collections import LineCollection, PolyCollection

        ax = axes
        self.ax = ax
        self.species, self.water = _fe_species()
        self.pH = np.linspace(*PH_RANGE, 181)
        self.E = np.linspace(*E_RANGE, 153)
        self.patches = PolyCollection([], edgecolors="none")
        ax.add_collection(self.patches)
        self.lines = LineCollection([], colors="k", linewidths=1.1)
        ax.add_collection(self.lines)
        c = PALETTE
        self.h2, = ax.plot([], [], color=c["blue"], ls="--", lw=1.2, label="H2O/H2")
        self.o2, = ax.plot([], [], color=c["vermillion"], ls="--", lw=1.2, label="O2/H2O")
        self.texts = {n: ax.text(0, 0, n, ha="center", va="center", fontsize=8, visible=False)
                      for n in FE_SPECIES}
        ax.set_xlim(*PH_RANGE)
        ax.set_ylim(*E_RANGE)
        ax.set_xlabel(label("pH"))
        ax.set_ylabel(label("Potential E", "V vs SHE"))
        ax.legend(handles=[self.h2, self.o2], loc="lower left", fontsize=8, frameon=True)
        self.dynamic = [self.patches, self.lines, self.h2, self.o2, *self.texts.values()]

    def compute(self, log_a, T):
        p = pb.Pourbaix(self.species, T=T, ion_activity=10.0 ** log_a, water=self.water)
        idx = p.grid(self.pH, self.E)
        doms = p.domains(PH_RANGE, E_RANGE)
        bounds = p.boundaries(PH_RANGE, E_RANGE)
        e_h, e_o = pb.water_lines(np.array(PH_RANGE), T, water=self.water)
        e_fe = p.line("Fe2+", "Fe")[0] if "Fe2+" in doms and "Fe" in doms else None
        return {"grid": idx, "domains": doms, "bounds": bounds, "e_h": e_h, "e_o": e_o, "T": T,
                "log_a": log_a, "slope": pb.nernst_slope(T), "E_Fe": e_fe}

    def draw(self, r):
        names = [n for n in FE_SPECIES if n in r["domains"]]
        self.patches.set_verts([r["domains"][n] for n in names])
        self.patches.set_facecolor([_FE_COLORS[FE_SPECIES.index(n)] for n in names])
        self.lines.set_segments([s for _, _, s in r["bounds"]])
        self.h2.set_data(PH_RANGE, r["e_h"])
        self.o2.set_data(PH_RANGE, r["e_o"])
        for n, t in self.texts.items():
            poly = r["domains"].get(n)
            if poly is None or _area(poly) < 0.15:
                t.set_visible(False)
                continue
            cx, cy = poly.mean(axis=0)
            t.set_position((cx, cy))
            t.set_visible(True)
        return False

    def readout(self, r):
        parts = [f"T = {r['T']:.2f} K", f"Nernst slope RT ln10/F = {r['slope'] * 1e3:.2f} mV/pH",
                 f"a(Fe ions) = 10^{r['log_a']:.1f}"]
        if r["E_Fe"] is not None:
            parts.append(f"Fe2+/Fe line at {r['E_Fe']:.3f} V")
        parts.append("stable: " + ", ".join(sorted(r["domains"])))
        return " &nbsp;|&nbsp; ".join(parts)


def _area(poly):
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def stainless_solutions():
    """The film and metal solid solutions used for Fe-Cr-Ni: corundum (Fe,Cr)2O3,
    spinel (Fe,Cr)3O4 = Fe3O4-FeCr2O4, and the metallic alloy (Fe, Cr, Ni), all ideal."""
    return [pb.SolidSolution("corundum (Fe,Cr)2O3", ["Fe2O3", "Cr2O3"]),
            pb.SolidSolution("spinel Fe(Fe,Cr)2O4", ["Fe3O4", "FeCr2O4"]),
            pb.SolidSolution("alloy", ["Fe", "Cr", "Ni"])]


class StainlessExplorer(Explorer):
    """Passive film of a Fe-Cr-Ni alloy by global Gibbs minimization.

    Left: fraction of the alloy's metal atoms held in oxide/hydroxide phases
    at equilibrium (ions at activity a); the line marks where the film holds
    every atom (complete passivity). Right: the same along E at one pH, beside
    pure iron. Maps are solved on a coarse grid and cached per composition
    and activity; moving the pH cut only re-reads the cached map.
    """

    params = (
        Param("cr", "Cr", "at.%", 0.0, 40.0, 2.0, 18.0, to_si=0.01, fmt=".0f", doc="chromium content"),
        Param("ni", "Ni", "at.%", 0.0, 20.0, 2.0, 8.0, to_si=0.01, fmt=".0f", doc="nickel content"),
        Param("pH", "pH (cut)", "-", 0.0, 14.0, 0.5, 7.0, fmt=".1f", doc="pH of the right-hand panel"),
        Param("log_a", "log10 a(ions)", "-", -8.0, -2.0, 1.0, -6.0, fmt=".0f",
              doc="activity of every dissolved species"),
    )
    figsize = (9.6, 3.9)
    ncols = 2
    PH = np.linspace(-1.0, 15.0, 49)
    #: convention for the shaded window: the film holds at least this fraction of the metal atoms
    FILM_THRESHOLD = 0.5
    E = np.linspace(-1.6, 1.8, 41)

    def setup(self, fig, axes):
        ax, ax2 = axes
        self.ax, self.ax2 = ax, ax2
        self._cache = {}
        self.image = ax.imshow(np.zeros((self.E.size, self.PH.size)), origin="lower", aspect="auto",
                               extent=(self.PH[0], self.PH[-1], self.E[0], self.E[-1]), cmap="YlGnBu",
                               vmin=0, vmax=1, interpolation="nearest")
        fig.colorbar(self.image, ax=ax, label=label("metal atoms in film"), fraction=0.05, pad=0.02)
        c = PALETTE
        self.cut, = ax.plot([], [], color=c["vermillion"], lw=1.2, ls=":")
        self.full, = ax.plot([], [], "s", color=c["black"], ms=2.0, label="all atoms in film")
        ax.set_xlim(self.PH[0], self.PH[-1])
        ax.set_ylim(self.E[0], self.E[-1])
        ax.set_xlabel(label("pH"))
        ax.set_ylabel(label("Potential E", "V vs SHE"))
        ax.legend(handles=[self.full], loc="lower left", fontsize=7, frameon=True)
        self.f_alloy, = ax2.plot([], [], color=c["blue"], lw=2, ls="-", label="alloy (ss films)")
        self.f_fe, = ax2.plot([], [], color=c["orange"], lw=1.5, ls="--", label="pure Fe")
        self.win, = ax2.plot([], [], color=c["green"], lw=6, ls="-", alpha=0.6, solid_capstyle="butt",
                             label=f"film holds >= {self.FILM_THRESHOLD:.0%} of metal")
        ax2.set_xlim(self.E[0], self.E[-1])
        ax2.set_ylim(-0.05, 1.12)
        ax2.set_xlabel(label("Potential E", "V vs SHE"))
        ax2.set_ylabel(label("fraction of metal in film"))
        ax2.legend(loc="lower right", fontsize=7, ncol=1)
        self.dynamic = [self.image, self.cut, self.full, self.f_alloy, self.f_fe, self.win]

    def _maps(self, cr, ni, log_a):
        key = (round(cr, 4), round(ni, 4), round(log_a, 3))
        if key not in self._cache:
            fe = 1.0 - cr - ni
            comp = {"Fe": fe, "Cr": cr, "Ni": ni}
            comp = {k: v for k, v in comp.items() if v > 1e-9}
            sols = _restrict(stainless_solutions(), comp)
            ap = pb.AlloyPourbaix(comp, solutions=sols, ion_activity=10.0 ** log_a)
            g = ap.grid(self.PH, self.E)
            pfe = pb.Pourbaix("Fe", ion_activity=10.0 ** log_a)
            film_fe = np.isin(np.array(pfe.names)[pfe.grid(self.PH, self.E)], ["Fe3O4", "Fe2O3", "Fe(OH)2",
                                                                                "Fe(OH)3"]).astype(float)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = (g["film"], film_fe, g["labels"])
        return self._cache[key]

    def compute(self, cr, ni, pH, log_a):
        if cr + ni > 0.6 + 1e-9:
            raise ValueError(f"cr + ni must be <= 0.6 (got {cr + ni:g})")
        film, film_fe, labels = self._maps(cr, ni, log_a)
        j = int(np.argmin(np.abs(self.PH - pH)))
        col = film[:, j]
        win = _window(self.E, col >= self.FILM_THRESHOLD)
        pp, ee = np.meshgrid(self.PH, self.E)
        fm = film > 1 - 1e-3
        return {"film": film, "col": col, "col_fe": film_fe[:, j], "window": win, "pH": self.PH[j],
                "full_pts": (pp[fm], ee[fm]), "cr": cr, "ni": ni, "labels": labels[:, j]}

    def draw(self, r):
        self.image.set_data(r["film"])
        self.cut.set_data([r["pH"], r["pH"]], [self.E[0], self.E[-1]])
        self.full.set_data(*r["full_pts"])
        self.f_alloy.set_data(self.E, r["col"])
        self.f_fe.set_data(self.E, r["col_fe"])
        if r["window"]:
            lo, hi = r["window"]
            self.win.set_data([lo, hi], [1.06, 1.06])
        else:
            self.win.set_data([], [])
        return False

    def readout(self, r):
        w = r["window"]
        ws = f"{w[0]:.2f} to {w[1]:.2f} V" if w else "none"
        return (f"Fe{100 * (1 - r['cr'] - r['ni']):.0f}Cr{100 * r['cr']:.0f}Ni{100 * r['ni']:.0f} at pH "
                f"{r['pH']:.1f}: film holds >= {self.FILM_THRESHOLD:.0%} of the metal from {ws} (grid step "
                f"{(self.E[1] - self.E[0]) * 1e3:.0f} mV)")


def _restrict(sols, comp):
    """Keep end members whose metals are all in the composition; drop solutions left with < 2."""
    tab = pb.species_table()
    out = []
    for s in sols:
        ems = [e for e in s.endmembers if set(tab[f"nbs82:{e}"].metals) <= set(comp)]
        if len(ems) >= 2:
            out.append(pb.SolidSolution(s.name, ems))
    return out


def _window(E, mask):
    """(lo, hi) of the longest run of True in mask along E, or None."""
    best, start, best_len = None, None, 0
    for i, m in enumerate(list(mask) + [False]):
        if m and start is None:
            start = i
        elif not m and start is not None:
            if i - start > best_len:
                best_len, best = i - start, (float(E[start]), float(E[i - 1]))
            start = None
    return best


CHAPTER = "07"
EXPLORERS = [FePourbaixExplorer, StainlessExplorer]
