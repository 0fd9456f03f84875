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

    Try: raise the dissolved-iron activity from 10⁻⁶ to 1: the Fe²⁺/Fe line rises from −0.586 to −0.409
    V (29.6 mV per decade for a two-electron couple) and the domains of the dissolved ions shrink. Heat
    to 373 K: the slope of every line that involves H⁺ grows to RT ln10/F = 74.0 mV per pH.

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

    Try: move the pH cut from 7 to 2: for Fe74Cr18Ni8 the potential range where the film holds at least
    half of the metal shrinks from −0.16...1.80 V to 0.70...1.80 V. Then change Cr, Ni and the ion
    activity and compare the alloy's cut with pure iron's on the right.

    Left: fraction of the alloy's metal atoms held in oxide/hydroxide phases
    at equilibrium (ions at activity a); the line marks where the film holds
    every atom (complete passivity). Right: the same along E at one pH, beside
    pure iron. Maps are solved on a coarse grid and cached per composition
    and activity (up to ``CACHE_SIZE`` states); moving the pH cut only re-reads the
    cached map. The first step of the Cr or Ni slider to an unsolved state solves
    every state of that slider's line (the other values fixed) in one vectorized
    call (``AlloyPourbaix.grid(compositions=...)``, same answer as one call per
    composition), the first step of the activity slider solves its line state by
    state; later steps along the line only read the cache. New states warm-start
    the minimization from the nearest cached one (same answer, fewer Newton
    steps); iron's map is cached per activity. Phase labels are built on request.
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

    #: solved states kept in memory (one is ~0.06 MB: film, warm-start delta, phase-presence mask)
    CACHE_SIZE = 256

    def _fe_film(self, log_a):
        """Film map of pure iron (depends on the activity only)."""
        key = round(log_a, 3)
        if key not in self._fe_cache:
            pfe = pb.Pourbaix("Fe", ion_activity=10.0 ** log_a)
            self._fe_cache[key] = np.isin(np.array(pfe.names)[pfe.grid(self.PH, self.E)],
                                          ["Fe3O4", "Fe2O3", "Fe(OH)2", "Fe(OH)3"]).astype(float)
        return self._fe_cache[key]

    def _warm_start(self, key):
        """delta of the nearest solved state with the same metals (a warm start for Newton).

        The minimization is convex, so the start only changes the iteration count:
        warm and cold solves agree to the solver tolerance (tests/test_explorer_perf.py)."""
        cr, ni, log_a = key
        same = [k for k in self._cache if (k[0] > 1e-9) == (cr > 1e-9) and (k[1] > 1e-9) == (ni > 1e-9)]
        if not same:
            return None
        near = min(same, key=lambda k: abs(k[0] - cr) + abs(k[1] - ni) + 0.02 * abs(k[2] - log_a))
        return self._cache[near][3]

    @staticmethod
    def _key(cr, ni, log_a):
        return (round(cr, 4), round(ni, 4), round(log_a, 3))

    @staticmethod
    def _alloy(cr, ni, log_a):
        """AlloyPourbaix of one state (metals with zero content left out)."""
        comp = {"Fe": 1.0 - cr - ni, "Cr": cr, "Ni": ni}
        comp = {k: v for k, v in comp.items() if v > 1e-9}
        sols = _restrict(stainless_solutions(), comp)
        return pb.AlloyPourbaix(comp, solutions=sols, ion_activity=10.0 ** log_a)

    def _store(self, key, ap, g, i=None):
        """Cache one solved state (``i``: its index in a batched grid)."""
        pick = (lambda a: a) if i is None else (lambda a: a[i])
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))   # oldest first
        self._cache[key] = (pick(g["film"]), self._fe_film(key[2]), (ap, pick(g["present"])), pick(g["delta"]))

    def _solve_one(self, key):
        ap = self._alloy(*key)
        g = ap.grid(self.PH, self.E, delta0=self._warm_start(key), labels=False)
        self._store(key, ap, g)

    def _slider_values(self, name):
        p = self._by_name[name]
        n = int(round((p.max - p.min) / p.step))
        return [p.si(p.min + i * p.step) for i in range(n + 1)]

    def _solve_line(self, key, name):
        """Solve every unsolved state along slider ``name`` through ``key`` (and ``key`` itself)."""
        cr, ni, log_a = key
        idx = ("cr", "ni", "log_a").index(name)
        keys = []
        for val in self._slider_values(name) + [key[idx]]:
            k = list(key)
            k[idx] = val
            k = self._key(*k)
            if k[0] + k[1] <= 0.6 + 1e-9 and k not in self._cache and k not in keys:
                keys.append(k)
        if name == "log_a":
            # the activity changes the species' planes, not the composition: state by state,
            # each warm-started from its solved neighbour
            keys.sort(key=lambda k: abs(k[2] - log_a))
            for k in keys:
                self._solve_one(k)
            return
        groups = {}
        for k in keys:   # one batch per set of metals present
            groups.setdefault((k[0] > 1e-9, k[1] > 1e-9), []).append(k)
        for ks in groups.values():
            if len(ks) == 1:
                self._solve_one(ks[0])
                continue
            ap = self._alloy(*ks[0])
            comps = [[{"Fe": 1.0 - k[0] - k[1], "Cr": k[0], "Ni": k[1]}[el] for el in ap.elements] for k in ks]
            warm = [self._warm_start(k) for k in ks]
            delta0 = None if any(w is None for w in warm) else np.stack(warm)
            g = ap.grid(self.PH, self.E, delta0=delta0, compositions=comps, labels=False)
            for i, k in enumerate(ks):
                self._store(k, ap, g, i)

    def _state(self, cr, ni, log_a):
        """Cache entry (film, film_fe, (alloy, present), delta) of a state, solving on a miss."""
        key = self._key(cr, ni, log_a)
        if not hasattr(self, "_fe_cache"):
            self._fe_cache = {}
        if key not in self._cache:
            prev = getattr(self, "_prev_key", None)
            moved = [n for n, a, b in zip(("cr", "ni", "log_a"), key, prev or key, strict=True) if a != b]
            if prev is not None and len(moved) == 1:
                self._solve_line(key, moved[0])
            else:
                self._solve_one(key)
        self._prev_key = key
        return self._cache[key]

    def _maps(self, cr, ni, log_a):
        """(film, film_fe, labels) maps of a state; the labels are built here, on request."""
        film, film_fe, (ap, present), _delta = self._state(cr, ni, log_a)
        return film, film_fe, ap.labels_of(present)

    def compute(self, cr, ni, pH, log_a):
        if cr + ni > 0.6 + 1e-9:
            raise ValueError(f"cr + ni must be <= 0.6 (got {cr + ni:g})")
        film, film_fe, (ap, present), _delta = self._state(cr, ni, log_a)
        j = int(np.argmin(np.abs(self.PH - pH)))
        col = film[:, j]
        win = _window(self.E, col >= self.FILM_THRESHOLD)
        pp, ee = np.meshgrid(self.PH, self.E)
        fm = film > 1 - 1e-3
        return {"film": film, "col": col, "col_fe": film_fe[:, j], "window": win, "pH": self.PH[j],
                "full_pts": (pp[fm], ee[fm]), "cr": cr, "ni": ni, "labels": ap.labels_of(present[:, j])}

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
