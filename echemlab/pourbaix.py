"""Pourbaix (potential-pH) diagrams from the Legendre-transformed Gibbs energy.

A species is its element counts, its charge and its standard Gibbs energy of
formation (with enthalpy, entropy and heat capacity where the tables give
them). Against the reservoirs H2O (unit activity), H+ (pH) and electrons
(potential E vs SHE), a species M_a O_b H_c^z is formed by

    a M + b H2O -> M_a O_b H_c^z + (2b - c) H+ + (2b - c + z) e-

so its transformed Gibbs energy, relative to the metals in their standard
states, is the Legendre transform (seed: 勒让德变换)

    G'(pH, E) = dGf(T) + RT ln a - b dGf(H2O, T)
                - (2b - c) RT ln10 pH - (2b - c + z) F E.

Sign conventions: E in volts vs SHE at the same temperature (SHE = 0 at every
T, hydrogen-ion convention); mu(H+) = -RT ln10 pH; mu(e-) = -F E. A species
is stable where its G' per metal atom is the lowest. The Nernst slope
RT ln10 / F follows T exactly (59.16 mV at 298.15 K).

Temperature: with dHf, S (and Cp) tabulated, dGf(T) = dHf + dCp (T - T0)
- T (dSf + dCp ln(T/T0)), with dSf from the entropies of the species and of
the elements (hydrogen-ion convention) and dCp = 0 where Cp is missing;
species without dHf/S keep dGf(T0) (flagged in ``Species.T_exact``).

Multi-element systems at fixed metal composition are solved by global Gibbs
minimization over every species and over solid solutions
(:class:`SolidSolution`, ideal mixing plus optional interaction) in
:class:`AlloyPourbaix`.

References: Pourbaix, Atlas of Electrochemical Equilibria (1974); Persson et
al., Phys. Rev. B 85, 235438 (2012); Wagman et al., J. Phys. Chem. Ref. Data
11, Suppl. 2 (1982).
"""
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import _validate as v
from .constants import LN10, T_STD, F, R

__all__ = [
    "Species", "SolidSolution", "Pourbaix", "AlloyPourbaix", "species_table", "load_species",
    "make_species", "parse_formula", "nernst_slope", "water_lines", "reaction", "boundary_line",
    "DEFAULT_DATASET", "METALS",
]

#: data set used for each element unless another is asked for
DEFAULT_DATASET = {"Fe": "nbs82", "Cr": "nbs82", "Ni": "nbs82", "Cu": "nbs82", "Zn": "nbs82"}
#: elements that are not metals of the diagram (exchanged with water)
_NONMETALS = ("H", "O")
METALS = tuple(DEFAULT_DATASET)
_PHASES = ("s", "aq", "l", "g")

_TOKEN = re.compile(r"([A-Z][a-z]?|\(|\)|\d+)")


def _is_str(name, value):
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string (got {value!r})")
    return value


def _check_species(name, sp, optional=False):
    """``sp`` must be a :class:`Species` (or None when ``optional``)."""
    if sp is None and optional:
        return None
    if not isinstance(sp, Species):
        kind = "a Species (e.g. species_table()['nbs82:Fe2+'])" + (" or None" if optional else "")
        raise ValueError(f"{name} must be {kind} (got {sp!r})")
    return sp




def _activities(activities):
    if activities is None:
        return {}
    if not isinstance(activities, dict):
        raise ValueError(f"activities must be None or a dict {{species name: activity > 0}} (got {activities!r})")
    return dict(activities)


def parse_formula(formula):
    """Element counts of a neutral formula such as ``"Fe(OH)2"`` or ``"HCrO4"``.

    >>> parse_formula("Fe(OH)3")
    {'Fe': 1, 'O': 3, 'H': 3}
    """
    if not isinstance(formula, str) or not formula.strip():
        raise ValueError(f"formula must be a non-empty string (got {formula!r})")
    tokens = _TOKEN.findall(formula)
    if "".join(tokens) != formula.strip():
        raise ValueError(f"formula {formula!r} has characters that are not elements, digits or brackets "
                         f"(formula must be one of the form 'Fe(OH)2': element symbols, counts, brackets)")
    stack = [{}]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "(":
            stack.append({})
        elif t == ")":
            if len(stack) == 1:
                raise ValueError(f"formula {formula!r} has unbalanced brackets")
            group = stack.pop()
            mult = 1
            if i + 1 < len(tokens) and tokens[i + 1].isdigit():
                mult = int(tokens[i + 1])
                i += 1
            for el, n in group.items():
                stack[-1][el] = stack[-1].get(el, 0) + n * mult
        elif t.isdigit():
            raise ValueError(f"formula {formula!r}: a count must follow an element or a bracket")
        else:
            n = 1
            if i + 1 < len(tokens) and tokens[i + 1].isdigit():
                n = int(tokens[i + 1])
                i += 1
            stack[-1][t] = stack[-1].get(t, 0) + n
        i += 1
    if len(stack) != 1:
        raise ValueError(f"formula {formula!r} has unbalanced brackets")
    return stack[0]


@dataclass(frozen=True)
class Species:
    """One species: element counts, charge, phase and standard-state data.

    ``dGf``, ``dHf`` [J/mol] and ``S``, ``Cp`` [J/(mol K)] are at 298.15 K;
    ``dHf``/``S``/``Cp`` may be None (not tabulated).
    """

    name: str
    counts: dict
    charge: int
    phase: str
    dGf: float
    dHf: float = None
    S: float = None
    Cp: float = None
    dataset: str = ""
    source: str = ""
    dSf: float = None      # entropy of formation, filled by make_species when S is known
    dCpf: float = 0.0      # heat capacity of formation (0 where Cp is unknown)

    def __post_init__(self):
        for nm in ("name", "phase", "dataset", "source"):
            _is_str(nm, getattr(self, nm))
        if not isinstance(self.counts, dict) or not all(isinstance(k, str) for k in self.counts):
            raise ValueError(f"counts must be a dict {{element: count}} (got {self.counts!r})")
        for el, n in self.counts.items():
            v.count(f"counts[{el!r}]", n, lo=0)
        z = v.real("charge", self.charge, lo=-10, hi=10)
        if z.ndim or z != round(float(z)):
            raise ValueError(f"charge must be a whole number in [-10, 10] (got {self.charge!r})")
        if self.phase not in _PHASES:
            raise ValueError(f"phase must be one of {_PHASES} (got {self.phase!r})")
        for nm, lo, hi in (("dGf", -1e8, 1e8), ("dHf", -1e8, 1e8), ("S", None, None), ("Cp", None, None),
                           ("dSf", None, None), ("dCpf", None, None)):
            val = getattr(self, nm)
            if val is None and nm not in ("dGf", "dCpf"):
                continue
            arr = v.real(nm, val, lo=lo, hi=hi)
            if arr.ndim:
                raise ValueError(f"{nm} must be a single number (got shape {arr.shape})")

    @property
    def metals(self):
        """{metal: count} (every element except H and O)."""
        return {el: n for el, n in self.counts.items() if el not in _NONMETALS}

    @property
    def n_metal(self):
        return sum(self.metals.values())

    @property
    def nO(self):
        return self.counts.get("O", 0)

    @property
    def nH(self):
        return self.counts.get("H", 0)

    @property
    def n_protons(self):
        """H+ released when the species forms from metal + water: 2b - c."""
        return 2 * self.nO - self.nH

    @property
    def n_electrons(self):
        """Electrons released when the species forms from metal + water: 2b - c + z
        (the total oxidation state of its metal atoms)."""
        return 2 * self.nO - self.nH + self.charge

    @property
    def T_exact(self):
        """True when dHf and S are tabulated, so dGf(T) uses them."""
        return self.dHf is not None and self.dSf is not None

    @property
    def is_aqueous(self):
        return self.phase == "aq"

    def gibbs_formation(self, T=T_STD):
        """Standard Gibbs energy of formation at T [J/mol] (see module docstring)."""
        T = v.temperature(T)
        if not self.T_exact:
            return v.scalar_out(np.full(T.shape, float(self.dGf)))
        dH, dS, dCp = self.dHf, self.dSf, self.dCpf
        T0 = T_STD
        G = dH + dCp * (T - T0) - T * (dS + dCp * np.log(T / T0))
        # at T0 return the tabulated dGf exactly (dHf - T0 dSf agrees only to rounding)
        G = G + (self.dGf - (dH - T0 * dS))
        return v.scalar_out(G)


def _element_props():
    from . import data

    return data.load_table("pourbaix_elements")


def make_species(name, formula, charge, dGf, phase="aq", dHf=None, S=None, Cp=None, dataset="user",
                 source="user"):
    """Build a :class:`Species` from its formula and data, with checks.

    Parameters
    ----------
    name : str
        Label, e.g. ``"Fe2+"``.
    formula : str
        Neutral formula, e.g. ``"FeOH"`` for FeOH2+ (the charge is separate).
    charge : int
        Charge number z.
    dGf : float
        Standard Gibbs energy of formation at 298.15 K [J/mol].
    phase : {"s", "aq", "l", "g"}
    dHf, S, Cp : float or None
        Enthalpy of formation [J/mol], entropy and heat capacity [J/(mol K)].

    >>> sp = make_species("Fe2+", "Fe", 2, -78900.0, dHf=-89100.0, S=-137.7)
    >>> sp.n_electrons, sp.n_protons, round(sp.dSf, 1)
    (2, 0, -34.3)
    """
    _is_str("name", name)
    _is_str("dataset", dataset)
    _is_str("source", source)
    counts = parse_formula(formula)
    z = float(v.real("charge", charge))
    if z != round(z):
        raise ValueError(f"charge must be a whole number (got {charge!r})")
    if phase not in _PHASES:
        raise ValueError(f"phase must be one of {_PHASES} (got {phase!r})")
    if phase != "aq" and z != 0:
        raise ValueError(f"species {name!r}: only aqueous species can be charged (charge {int(z)}, phase {phase})")
    dGf = float(v.real("dGf", dGf, lo=-1e8, hi=1e8, unit="J/mol"))
    props = _element_props()
    metals = {el: n for el, n in counts.items() if el not in _NONMETALS}
    dSf = None
    dCpf = 0.0
    if S is not None and dHf is not None:
        S = float(v.real("S", S, unit="J/(mol K)"))
        dHf = float(v.real("dHf", dHf, lo=-1e8, hi=1e8, unit="J/mol"))
        missing = [el for el in list(metals) + ["H2", "O2"] if el not in props]
        if missing:
            raise ValueError(f"species {name!r}: no element entropy for {missing} in pourbaix_elements.csv")
        S_el = sum(n * props[el]["S"] for el, n in metals.items())
        S_el += 0.5 * counts.get("O", 0) * props["O2"]["S"] + 0.5 * counts.get("H", 0) * props["H2"]["S"]
        # hydrogen-ion convention: elements + z H+ -> species + (z/2) H2, S(H+) = 0
        dSf = S + 0.5 * z * props["H2"]["S"] - S_el
        if Cp is not None:
            Cp = float(v.real("Cp", Cp, unit="J/(mol K)"))
            Cp_el = sum(n * props[el]["Cp"] for el, n in metals.items())
            Cp_el += 0.5 * counts.get("O", 0) * props["O2"]["Cp"] + 0.5 * counts.get("H", 0) * props["H2"]["Cp"]
            dCpf = Cp + 0.5 * z * props["H2"]["Cp"] - Cp_el
    else:
        dHf = None if dHf is None else float(v.real("dHf", dHf, lo=-1e8, hi=1e8, unit="J/mol"))
        S = None if S is None else float(v.real("S", S, unit="J/(mol K)"))
    if Cp is not None:
        Cp = float(v.real("Cp", Cp, unit="J/(mol K)"))
    return Species(name=name, counts=counts, charge=int(z), phase=phase, dGf=dGf, dHf=dHf, S=S, Cp=Cp,
                   dataset=dataset, source=source, dSf=dSf, dCpf=dCpf)


def _opt(x):
    return None if x == "" or x is None else float(x)


def species_table():
    """All species of ``pourbaix_species.csv`` as {id: Species} (id = "dataset:name")."""
    return dict(_species_table())


@lru_cache(maxsize=1)
def _species_table():
    from . import data

    out = {}
    for rid, row in data.load_table("pourbaix_species").items():
        out[rid] = make_species(rid.split(":", 1)[1], str(row["formula"]), int(row["charge"]), row["dGf"],
                                phase=row["phase"], dHf=_opt(row["dHf"]), S=_opt(row["S"]), Cp=_opt(row["Cp"]),
                                dataset=row["dataset"], source=row["source"])
    return out


def load_species(elements, dataset=None):
    """Species of the metals ``elements`` (plus water) from one data set per element.

    Parameters
    ----------
    elements : str or sequence of str
        Metals, e.g. ``"Fe"`` or ``["Fe", "Cr", "Ni"]``.
    dataset : None, str or dict
        ``"nbs82"`` / ``"atlas"``, or {element: dataset}; default
        :data:`DEFAULT_DATASET`.

    Returns
    -------
    (species, water) : list of Species (each containing only metals of
    ``elements``, at least one), and the H2O species of the first element's
    data set.

    >>> sp, w = load_species("Fe", "atlas")
    >>> [s.name for s in sp][:3], round(w.dGf)
    (['Fe', 'Fe2+', 'Fe3+'], -237191)
    """
    if isinstance(elements, str):
        elements = [elements]
    elif isinstance(elements, (list, tuple)) and all(isinstance(el, str) for el in elements):
        elements = list(elements)
    else:
        raise ValueError(f"elements must be a metal symbol or a list of metal symbols (got {elements!r})")
    if not elements:
        raise ValueError("elements must name at least one metal")
    table = species_table()
    known = sorted({el for s in table.values() for el in s.metals})
    for el in elements:
        if el not in known:
            raise ValueError(f"unknown element {el!r}; elements with data: {known}")
    if len(set(elements)) != len(elements):
        raise ValueError(f"elements must be distinct (got {elements})")
    ds = {el: DEFAULT_DATASET.get(el, "nbs82") for el in elements}
    if isinstance(dataset, str):
        ds = {el: dataset for el in elements}
    elif isinstance(dataset, dict):
        if not all(isinstance(k, str) and isinstance(x, str) for k, x in dataset.items()):
            raise ValueError(f"dataset must map element symbols to data-set names (got {dataset!r})")
        ds.update(dataset)
    elif dataset is not None:
        raise ValueError(f"dataset must be None, a string or a dict (got {dataset!r})")
    out = []
    for s in table.values():
        m = s.metals
        if not m or not set(m) <= set(elements):
            continue
        # a species belongs to the data set of its metals (mixed species: all must agree)
        if all(ds[el] == s.dataset for el in m):
            out.append(s)
    for el in elements:
        if not any(el in s.metals for s in out):
            known_ds = sorted({s.dataset for s in table.values() if el in s.metals})
            raise ValueError(f"dataset: no species of {el!r} in data set {ds[el]!r}; "
                             f"data sets with {el}: {known_ds}")
    wkey = f"{ds[elements[0]]}:H2O"
    if wkey not in table:
        raise ValueError(f"data set {ds[elements[0]]!r} has no H2O row")
    return out, table[wkey]


def nernst_slope(T=T_STD):
    """RT ln10 / F [V per pH unit or per decade], exact in T.

    >>> round(nernst_slope(298.15) * 1e3, 3)
    59.159
    """
    T = v.temperature(T)
    return v.scalar_out(R * T * LN10 / F)


def water_lines(pH, T=T_STD, p_H2=1.0, p_O2=1.0, water=None):
    """Equilibrium potentials of the hydrogen and oxygen electrodes [V vs SHE].

    E_H2 = -(RT ln10/F) pH - (RT/2F) ln p_H2 ;
    E_O2 = -dGf(H2O, T)/(2F) - (RT ln10/F) pH + (RT/4F) ln p_O2.

    Parameters
    ----------
    pH : float or array
        pH, in [-5, 20].
    T : float
        Temperature [K] (> 0).
    p_H2, p_O2 : float
        Gas pressures [bar] (> 0).
    water : Species, optional
        H2O data (default NBS-82 liquid water).

    >>> eh, eo = water_lines(0.0)
    >>> round(eh + 0.0, 6), round(eo, 4)
    (0.0, 1.2288)
    """
    pH = v.real("pH", pH, lo=-5, hi=20)
    T = v.temperature(T)
    p_H2 = v.positive("p_H2", p_H2, unit="bar")
    p_O2 = v.positive("p_O2", p_O2, unit="bar")
    if _check_species("water", water, optional=True) is None:
        water = species_table()["nbs82:H2O"]
    s = R * T * LN10 / F
    e_h = -s * pH - R * T / (2 * F) * np.log(p_H2)
    e_o = -water.gibbs_formation(T) / (2 * F) - s * pH + R * T / (4 * F) * np.log(p_O2)
    return v.scalar_out(e_h), v.scalar_out(e_o)


def _scalar(name, arr):
    """A validated array that must hold one number, as a float."""
    arr = np.asarray(arr)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, not an array (got shape {arr.shape})")
    return float(arr)


def _plane(sp, water, T, activity):
    """(g0, c_pH, c_E): G'(pH, E) = g0 + c_pH pH + c_E E, per formula unit [J/mol]."""
    g0 = sp.gibbs_formation(T) + (R * T * math.log(activity) if sp.is_aqueous else 0.0)
    g0 = g0 - sp.nO * water.gibbs_formation(T)
    return float(g0), -sp.n_protons * R * T * LN10, -sp.n_electrons * F


def transformed_gibbs(sp, pH, E, T=T_STD, activity=1.0, water=None):
    """Legendre-transformed Gibbs energy G'(pH, E) of one species [J/mol per formula unit].

    Parameters
    ----------
    sp : Species
    pH, E : float or array
        pH in [-5, 20]; potential [V vs SHE] in [-5, 5].
    T : float
        Temperature [K].
    activity : float
        Activity of an aqueous species (> 0; ignored for solids).
    water : Species, optional

    >>> fe2 = species_table()["nbs82:Fe2+"]
    >>> round(transformed_gibbs(fe2, 0.0, -78900 / (2 * F)), 6)
    0.0
    """
    _check_species("sp", sp)
    pH = v.real("pH", pH, lo=-5, hi=20)
    E = v.real("E", E, lo=-5, hi=5, unit="V")
    T = _scalar("T", v.temperature(T))
    activity = _scalar("activity", v.positive("activity", activity))
    if _check_species("water", water, optional=True) is None:
        water = species_table()["nbs82:H2O"]
    g0, a, b = _plane(sp, water, T, activity)
    return v.scalar_out(g0 + a * pH + b * E)


def reaction(ox, red, water=None, T=T_STD):
    """Balanced reduction between two species of the same metal(s).

    ``nu_ox Ox + w H2O + h H+ + n e- -> nu_red Red`` (w, h, n may be negative:
    a negative count sits on the other side). Returns a dict with ``nu_ox,
    nu_red, w, h, n`` and ``E0`` [V] (None when n = 0) and ``logK`` of the
    reaction as written; the boundary line reads
    E = E0 - (h/n) s pH + (s/n) log10(a_ox^nu_ox / a_red^nu_red), s = RT ln10/F.

    >>> tab = species_table()
    >>> r = reaction(tab["atlas:Fe3O4"], tab["atlas:Fe2+"], water=tab["atlas:H2O"])
    >>> r["h"], r["n"], round(r["E0"], 3)
    (8, 2, 0.981)
    """
    _check_species("ox", ox)
    _check_species("red", red)
    if _check_species("water", water, optional=True) is None:
        water = species_table()["nbs82:H2O"]
    T = _scalar("T", v.temperature(T))
    mo, mr = ox.metals, red.metals
    if not mo or set(mo) != set(mr):
        raise ValueError(f"ox and red must contain the same metals (got {ox.name}: {sorted(mo)}, "
                         f"{red.name}: {sorted(mr)})")
    el = sorted(mo)[0]
    g = math.gcd(mo[el], mr[el])
    nu_ox, nu_red = mr[el] // g, mo[el] // g
    for e in mo:
        if nu_ox * mo[e] != nu_red * mr[e]:
            raise ValueError(f"ox and red ({ox.name}, {red.name}) have different metal ratios: no single reaction")
    w = nu_red * red.nO - nu_ox * ox.nO
    h = nu_red * red.nH - nu_ox * ox.nH - 2 * w
    n = nu_ox * ox.charge + h - nu_red * red.charge
    dG = nu_red * red.gibbs_formation(T) - nu_ox * ox.gibbs_formation(T) - w * water.gibbs_formation(T)
    logK = -dG / (R * T * LN10)
    return {"nu_ox": nu_ox, "nu_red": nu_red, "w": w, "h": h, "n": n,
            "E0": (-dG / (n * F)) if n else None, "logK": logK, "dG0": dG}


def boundary_line(sp1, sp2, T=T_STD, activity=1e-6, water=None):
    """Line on which two species have equal G' per metal atom.

    Returns ``(E_at_pH0, slope)`` [V, V per pH] for E = E_at_pH0 + slope pH,
    or ``(None, pH_vertical)`` for a pH-independent (vertical) boundary.

    >>> tab = species_table()
    >>> e0, s = boundary_line(tab["atlas:Fe2+"], tab["atlas:Fe"], water=tab["atlas:H2O"])
    >>> round(e0, 4), s
    (-0.6176, 0.0)
    """
    _check_species("sp1", sp1)
    _check_species("sp2", sp2)
    if not sp1.n_metal or not sp2.n_metal:
        raise ValueError(f"sp1 and sp2 must contain a metal (got {sp1.name}, {sp2.name})")
    if _check_species("water", water, optional=True) is None:
        water = species_table()["nbs82:H2O"]
    T = _scalar("T", v.temperature(T))
    activity = _scalar("activity", v.positive("activity", activity))
    p1 = np.array(_plane(sp1, water, T, activity)) / sp1.n_metal
    p2 = np.array(_plane(sp2, water, T, activity)) / sp2.n_metal
    d = p1 - p2
    if abs(d[2]) < 1e-9:
        if abs(d[1]) < 1e-12:
            raise ValueError(f"sp1 and sp2 ({sp1.name}, {sp2.name}) never change order: no boundary")
        return None, float(-d[0] / d[1])
    return float(-d[0] / d[2]), float(-d[1] / d[2])


# ---------------------------------------------------------------------------
# single system: planes, grid, exact domains

def _clip(poly, a, b, c):
    """Clip a convex polygon (list of (x, y)) to a x + b y <= c (Sutherland-Hodgman)."""
    out = []
    n = len(poly)
    for i in range(n):
        p, q = poly[i], poly[(i + 1) % n]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def _area(poly):
    if len(poly) < 3:
        return 0.0
    x = np.array([p[0] for p in poly])
    y = np.array([p[1] for p in poly])
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


class Pourbaix:
    """Pourbaix diagram of one metal (or any species set compared per metal atom).

    Parameters
    ----------
    species : str, list of str or list of Species
        A metal (``"Fe"``), or species. Strings load the data set ``dataset``.
    T : float
        Temperature [K], in (0, 1000].
    ion_activity : float
        Activity of every aqueous species [-], in (0, 10] (Pourbaix used 1e-6).
    activities : dict, optional
        {species name: activity} overriding ``ion_activity``.
    dataset : str or dict, optional
        Data set when ``species`` names an element.
    water : Species, optional
        H2O data (default: that of the data set).

    Examples
    --------
    >>> pb = Pourbaix("Fe", dataset="atlas")
    >>> pb.stable(7.0, -0.8), pb.stable(2.0, 0.0), pb.stable(10.0, 0.5)
    ('Fe', 'Fe2+', 'Fe2O3')
    """

    def __init__(self, species, T=T_STD, ion_activity=1e-6, activities=None, dataset=None, water=None):
        self.T = float(v.real("T", T, lo=0.0, hi=1000.0, lo_open=True, unit="K"))
        self.ion_activity = float(v.real("ion_activity", ion_activity, lo=0.0, hi=10.0, lo_open=True))
        if isinstance(species, str) or (isinstance(species, (list, tuple)) and species
                                        and all(isinstance(s, str) for s in species)):
            try:
                species, w = load_species(species, dataset)
            except ValueError as exc:
                raise ValueError(f"species: {exc}") from None
            water = water or w
        _check_species("water", water, optional=True)
        if not isinstance(species, (list, tuple)):
            raise ValueError("species must be an element name, a list of element names or a list of Species")
        species = list(species)
        if not species or not all(isinstance(s, Species) for s in species):
            raise ValueError("species must be an element name, a list of element names or a list of Species")
        species = [s for s in species if s.n_metal > 0]
        if not species:
            raise ValueError("species must contain at least one metal-bearing species")
        if water is None:
            water = species_table()["nbs82:H2O"]
        self.water = water
        self.species = species
        self.names = [s.name for s in species]
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"species names must be unique (got {self.names})")
        acts = _activities(activities)
        for name, a in acts.items():
            if name not in self.names:
                raise ValueError(f"unknown species {name!r} in activities; species: {self.names}")
            _scalar(f"activity of {name}", v.real(f"activity of {name}", a, lo=0.0, lo_open=True))
        self.activities = {s.name: (float(acts.get(s.name, self.ion_activity)) if s.is_aqueous else 1.0)
                           for s in species}
        planes = np.array([_plane(s, water, self.T, self.activities[s.name]) for s in species])
        nm = np.array([s.n_metal for s in species], dtype=float)
        #: per metal atom: G' = g + cpH * pH + cE * E  [J/mol]
        self.g, self.cpH, self.cE = planes[:, 0] / nm, planes[:, 1] / nm, planes[:, 2] / nm

    # -- energies and grid -------------------------------------------------
    def energies(self, pH, E):
        """G' per metal atom of every species, shape (n_species,) + broadcast(pH, E) [J/mol]."""
        pH = v.real("pH", pH, lo=-5, hi=20)
        E = v.real("E", E, lo=-5, hi=5, unit="V")
        pH, E = np.broadcast_arrays(pH, E)
        ex = (slice(None),) + (None,) * pH.ndim
        return self.g[ex] + self.cpH[ex] * pH + self.cE[ex] * E

    def grid(self, pH, E):
        """Index of the stable species on the grid pH x E (vectorized argmin).

        Parameters
        ----------
        pH, E : 1-D arrays
            Axes; the result has shape (len(E), len(pH)) (image orientation).
        """
        pH = v.real("pH", pH, lo=-5, hi=20)
        E = v.real("E", E, lo=-5, hi=5, unit="V")
        if pH.ndim != 1 or E.ndim != 1:
            raise ValueError("pH and E must be 1-D axes")
        # G'[j, e, p] = (g_j + cE_j E_e) + cpH_j pH_p, minimised over j without a 3-D temporary per step
        rows = self.g[:, None] + self.cE[:, None] * E[None, :]          # (n, nE)
        cols = self.cpH[:, None] * pH[None, :]                          # (n, npH)
        best = rows[0][:, None] + cols[0][None, :]
        idx = np.zeros(best.shape, dtype=np.intp)
        buf = np.empty_like(best)
        mask = np.empty(best.shape, dtype=bool)
        for j in range(1, len(self.g)):
            np.add(rows[j][:, None], cols[j][None, :], out=buf)
            np.less(buf, best, out=mask)
            np.copyto(best, buf, where=mask)
            np.copyto(idx, j, where=mask)
        return idx

    def stable(self, pH, E):
        """Name of the stable species at one (pH, E) (pH in [-5, 20], E in [-5, 5] V)."""
        pH = _scalar("pH", v.real("pH", pH, lo=-5, hi=20))
        E = _scalar("E", v.real("E", E, lo=-5, hi=5, unit="V"))
        return self.names[int(np.argmin(self.energies(pH, E)))]

    # -- exact domains -------------------------------------------------------
    def domains(self, pH_range=(-2.0, 16.0), E_range=(-2.0, 2.0)):
        """Exact stability domains: {name: (k, 2) array of polygon vertices (pH, E)}.

        Each domain is the box intersected with the half-planes
        G'_j <= G'_i for every other species i (half-space intersection by
        polygon clipping). Species with no domain in the box are left out.
        """
        p0, p1 = v.increasing_pair("pH_range", pH_range, -5.0, 20.0)
        e0, e1 = v.increasing_pair("E_range", E_range, -5.0, 5.0, unit="V")
        box = [(p0, e0), (p1, e0), (p1, e1), (p0, e1)]
        out = {}
        scale = max(1.0, float(np.max(np.abs(self.g))))
        for j in range(len(self.g)):
            poly = box
            for i in range(len(self.g)):
                if i == j:
                    continue
                a = self.cpH[j] - self.cpH[i]
                b = self.cE[j] - self.cE[i]
                c = self.g[i] - self.g[j]
                if abs(a) < 1e-12 * scale and abs(b) < 1e-12 * scale:
                    if c < 0 or (c == 0 and i < j):
                        poly = []
                        break
                    continue
                poly = _clip(poly, a, b, c)
                if len(poly) < 3:
                    break
            if len(poly) >= 3 and _area(poly) > 1e-12 * (p1 - p0) * (e1 - e0):
                out[self.names[j]] = np.array(poly)
        return out

    def boundaries(self, pH_range=(-2.0, 16.0), E_range=(-2.0, 2.0)):
        """Boundary segments between domains: list of (name_a, name_b, (2, 2) array)."""
        doms = self.domains(pH_range, E_range)
        idx = {n: self.names.index(n) for n in doms}
        segs = {}
        p0, p1 = v.increasing_pair("pH_range", pH_range, -5.0, 20.0)
        e0, e1 = v.increasing_pair("E_range", E_range, -5.0, 5.0)
        tol = 1e-6 * max(p1 - p0, e1 - e0)
        for name, poly in doms.items():
            for k in range(len(poly)):
                a, b = poly[k], poly[(k + 1) % len(poly)]
                if np.hypot(*(b - a)) < tol:
                    continue
                mid = 0.5 * (a + b)
                on_box = (abs(mid[0] - p0) < tol or abs(mid[0] - p1) < tol or abs(mid[1] - e0) < tol
                          or abs(mid[1] - e1) < tol)
                if on_box:
                    continue
                en = self.energies(mid[0], mid[1])
                j = idx[name]
                en_other = en.copy()
                en_other[j] = np.inf
                other = int(np.argmin(en_other))
                key = tuple(sorted((name, self.names[other])))
                seg = np.array([a, b])
                if key not in segs or np.hypot(*(seg[1] - seg[0])) > np.hypot(*(segs[key][1] - segs[key][0])):
                    segs[key] = seg
        return [(k[0], k[1], s) for k, s in sorted(segs.items())]

    def line(self, name_a, name_b):
        """(E_at_pH0, slope) of the boundary between two species (see :func:`boundary_line`)."""
        for nm, val in (("name_a", name_a), ("name_b", name_b)):
            if not isinstance(val, str) or val not in self.names:
                raise ValueError(f"{nm} must be one of {self.names} (got {val!r})")
        ia, ib = self.names.index(name_a), self.names.index(name_b)
        d = np.array([self.g[ia] - self.g[ib], self.cpH[ia] - self.cpH[ib], self.cE[ia] - self.cE[ib]])
        if abs(d[2]) < 1e-9:
            if abs(d[1]) < 1e-12:
                raise ValueError(f"name_a and name_b ({name_a}, {name_b}) never change order: no boundary")
            return None, float(-d[0] / d[1])
        return float(-d[0] / d[2]), float(-d[1] / d[2])


# ---------------------------------------------------------------------------
# multi-element: global Gibbs minimization with solid solutions

@dataclass
class SolidSolution:
    """A solution phase of end members with the same number of metal atoms.

    Molar Gibbs energy per formula unit: sum y_i G'_i + RT sum y_i ln y_i
    + sum_{i<j} W_ij y_i y_j (activity of end member i = y_i when W = 0).

    Parameters
    ----------
    name : str
    endmembers : list of str
        Species names, e.g. ``["Fe2O3", "Cr2O3"]``.
    interaction : float or dict
        W [J/mol of formula units]: one number for every pair, or
        {(name_i, name_j): W_ij}. Non-zero W is handled by a fine
        composition grid (``n_grid`` points per edge).
    """

    name: str
    endmembers: list
    interaction: object = 0.0
    n_grid: int = 200
    _W: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        _is_str("name", self.name)
        if not isinstance(self.endmembers, (list, tuple)) or not all(isinstance(e, str) for e in self.endmembers):
            raise ValueError(f"endmembers must be a list of species names (got {self.endmembers!r})")
        v.count("n_grid", self.n_grid, lo=1)
        if isinstance(self.interaction, dict):
            for key, w in self.interaction.items():
                if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
                    raise ValueError(f"interaction keys must be (name_i, name_j) pairs (got {key!r})")
                _scalar("interaction", v.real("interaction", w, lo=-1e6, hi=1e6, unit="J/mol"))
        elif isinstance(self.interaction, (str, bytes)):
            raise ValueError(f"interaction must be a number in [-1e6, 1e6] J/mol or a dict (got {self.interaction!r})")
        else:
            _scalar("interaction", v.real("interaction", self.interaction, lo=-1e6, hi=1e6, unit="J/mol"))

    def pair_W(self):
        """{(i, j): W_ij} for every pair i < j of end members [J/mol]."""
        W = {}
        names = list(self.endmembers)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                if isinstance(self.interaction, dict):
                    w = self.interaction.get((names[i], names[j]), self.interaction.get((names[j], names[i]), 0.0))
                else:
                    w = self.interaction
                W[(i, j)] = float(v.real("interaction", w, lo=-1e6, hi=1e6, unit="J/mol"))
        return W


class AlloyPourbaix:
    """Pourbaix diagram of an alloy at fixed metal composition.

    At each (pH, E) the total transformed Gibbs energy of all species and
    solid solutions is minimised subject to the metal balance (ions at fixed
    activity, like Pourbaix's 1e-6). The convex problem is solved through its
    dual, max over metal potentials, with an entropy-smoothed minimum
    (temperature tau lowered to 5 J/mol by continuation; the reported G is the energy
    of the resulting assemblage) and batched, damped Newton steps over
    the whole grid; ideal solid solutions enter exactly
    (min_y = -(RT/m) ln sum_i exp(-m G'_i/RT)), non-ideal ones through a fine
    composition grid.

    Parameters
    ----------
    composition : dict
        {metal: mole fraction}, fractions > 0 summing to 1 (normalised).
    solutions : list of SolidSolution, optional
        End members of a solution are not also kept as pure phases.
    T, ion_activity, activities, dataset : as for :class:`Pourbaix`.
    species : list of Species, optional
        Use these instead of loading the data set.

    Examples
    --------
    Without mixed phases the alloy is the sum of its pure metals:

    >>> ap = AlloyPourbaix({"Cu": 0.5, "Zn": 0.5})
    >>> r = ap.solve([2.0], [0.5])
    >>> r["labels"][0]
    'Cu2+ + Zn2+'
    """

    TAU_FINAL = 5.0  # J/mol: smoothing of the choice between phases (boundaries blur by ~0.1 mV)

    def __init__(self, composition, solutions=None, T=T_STD, ion_activity=1e-6, activities=None, dataset=None,
                 species=None, water=None):
        if not isinstance(composition, dict) or not composition:
            raise ValueError("composition must be a dict {metal: mole fraction}")
        self.elements = list(composition)
        x = np.array([float(v.real(f"composition[{el}]", composition[el], lo=0.0, lo_open=True))
                      for el in self.elements])
        self.x = x / x.sum()
        self.T = float(v.real("T", T, lo=0.0, hi=1000.0, lo_open=True, unit="K"))
        self.ion_activity = float(v.real("ion_activity", ion_activity, lo=0.0, hi=10.0, lo_open=True))
        _check_species("water", water, optional=True)
        if species is None:
            species, w = load_species(self.elements, dataset)
            water = water or w
        elif not isinstance(species, (list, tuple)) or not all(isinstance(s, Species) for s in species):
            raise ValueError(f"species must be None or a list of Species (got {species!r})")
        if water is None:
            water = species_table()["nbs82:H2O"]
        self.water = water
        species = [s for s in species if s.n_metal > 0]
        for s in species:
            if not set(s.metals) <= set(self.elements):
                raise ValueError(f"species {s.name} contains metals outside the composition {self.elements}")
        by_name = {s.name: s for s in species}
        if len(by_name) != len(species):
            raise ValueError("species names must be unique")
        acts = _activities(activities)
        for name, a in acts.items():
            if name not in by_name:
                raise ValueError(f"unknown species {name!r} in activities; species: {sorted(by_name)}")
            _scalar(f"activity of {name}", v.real(f"activity of {name}", a, lo=0.0, lo_open=True))
        if solutions is not None and (not isinstance(solutions, (list, tuple))
                                      or not all(isinstance(ss, SolidSolution) for ss in solutions)):
            raise ValueError(f"solutions must be None or a list of SolidSolution (got {solutions!r})")
        self.solutions = list(solutions or [])
        in_solution = set()
        for ss in self.solutions:
            if len(ss.endmembers) < 2:
                raise ValueError(f"solid solution {ss.name}: needs at least two end members")
            for n in ss.endmembers:
                if n not in by_name:
                    raise ValueError(f"solid solution {ss.name}: unknown end member {n!r}")
                if by_name[n].is_aqueous:
                    raise ValueError(f"solid solution {ss.name}: end member {n!r} is aqueous")
            m = {by_name[n].n_metal for n in ss.endmembers}
            if len(m) != 1:
                raise ValueError(f"solid solution {ss.name}: end members must have equal metal atoms per formula")
            in_solution |= set(ss.endmembers)
        k = len(self.elements)
        eidx = {el: i for i, el in enumerate(self.elements)}

        def comp(s):
            w = np.zeros(k)
            for el, n in s.metals.items():
                w[eidx[el]] = n
            return w / w.sum()

        def plane(s):
            a = float(acts.get(s.name, self.ion_activity)) if s.is_aqueous else 1.0
            return np.array(_plane(s, water, self.T, a)) / s.n_metal

        self.species = species
        self.by_name = by_name
        # affine pieces: discrete species, and pseudo-compounds of non-ideal solutions
        names, planes, comps, kinds = [], [], [], []
        for s in species:
            if s.name in in_solution:
                continue
            names.append(s.name)
            planes.append(plane(s))
            comps.append(comp(s))
            kinds.append("aq" if s.is_aqueous else ("metal" if s.nO == 0 and s.nH == 0 else "film"))
        self.n_discrete = len(names)
        self.ideal = []     # (phase index, m, end-member planes (n,3), comps (n,k))
        self.pseudo_of = []  # piece index -> (solution index, y) for pseudo-compounds
        self.phase_names = list(names)
        self.phase_kinds = list(kinds)
        piece_phase = list(range(len(names)))
        for si, ss in enumerate(self.solutions):
            ems = [by_name[n] for n in ss.endmembers]
            m = ems[0].n_metal
            P = np.array([plane(e) for e in ems])
            C = np.array([comp(e) for e in ems])
            kind = "metal" if all(e.nO == 0 and e.nH == 0 for e in ems) else "film"
            self.phase_names.append(ss.name)
            self.phase_kinds.append(kind)
            W = ss.pair_W()
            if all(w == 0 for w in W.values()):
                self.ideal.append((len(self.phase_names) - 1, m, P, C))
            else:
                ys = _simplex_grid(len(ems), ss.n_grid if len(ems) == 2 else max(20, ss.n_grid // 5))
                with np.errstate(divide="ignore", invalid="ignore"):
                    ylny = np.where(ys > 0, ys * np.log(np.where(ys > 0, ys, 1.0)), 0.0).sum(axis=1)
                mix = R * self.T * ylny
                for (i, j), w in W.items():
                    mix = mix + w * ys[:, i] * ys[:, j]
                Pp = ys @ P
                Pp[:, 0] += mix / m
                Cp = ys @ C
                for y, pp, cc in zip(ys, Pp, Cp, strict=True):
                    names.append(ss.name)
                    planes.append(pp)
                    comps.append(cc)
                    piece_phase.append(len(self.phase_names) - 1)
                    self.pseudo_of.append((len(planes) - 1, si, y))
        self.piece_phase = np.array(piece_phase, dtype=np.intp)
        self.planes = np.array(planes)            # (n_affine, 3)
        self.comps = np.array(comps)              # (n_affine, k)
        single = np.isclose(self.comps.max(axis=1), 1.0)
        self._single = [np.nonzero(single & np.isclose(self.comps[:, i], 1.0))[0] for i in range(k)]
        self._multi = np.nonzero(~single)[0]
        # each metal needs a phase containing it
        for i, el in enumerate(self.elements):
            has = self.comps[:, i].max(initial=0.0) > 0 or any(C[:, i].max() > 0 for _, _, _, C in self.ideal)
            if not has:
                raise ValueError(f"no species contains {el}")

    # -- solver ---------------------------------------------------------------
    def _overlay_guess(self, pH, E):
        """delta from the pure-element minima (exact when no species mixes metals)."""
        k = len(self.elements)
        lam = np.full((pH.size, k), np.inf)
        psi = self.planes[:, 0][None, :] + self.planes[:, 1][None, :] * pH[:, None] + \
            self.planes[:, 2][None, :] * E[:, None]
        for i in range(k):
            pure = np.where(np.isclose(self.comps[:, i], 1.0))[0]
            if pure.size:
                lam[:, i] = psi[:, pure].min(axis=1)
        for _, _m, P, C in self.ideal:
            pe = P[:, 0][None, :] + P[:, 1][None, :] * pH[:, None] + P[:, 2][None, :] * E[:, None]
            for i in range(k):
                pure = np.where(np.isclose(C[:, i], 1.0))[0]
                if pure.size:
                    lam[:, i] = np.minimum(lam[:, i], pe[:, pure].min(axis=1))
        lam = np.where(np.isfinite(lam), lam, np.nanmax(np.where(np.isfinite(lam), lam, np.nan)) + 1e5)
        return lam[:, :-1] - lam[:, -1:]

    def solve(self, pH, E, delta0=None, tol=1e-6, x=None, labels=True):
        """Equilibrium at the points (pH, E) (1-D arrays of equal length, or scalars).

        ``x``: optional composition per point, (n, k) mole fractions of
        ``self.elements`` (each > 0; rows are normalised), so one vectorized
        call solves many compositions of the same metals (default: the
        composition of the object at every point). ``labels=False`` skips
        building the label strings (``labels`` is then None; ``present``
        holds the same information).

        Returns a dict: ``G`` minimum G' per metal atom [J/mol]; ``mu``
        transformed metal potentials (n, k) [J/mol]; ``fractions`` (n,
        n_phases) of metal atoms per phase; ``y`` {solution: (n, n_end)}
        end-member fractions; ``film`` fraction of metal atoms in
        oxide/hydroxide phases; ``dissolved``; ``labels``; ``residual``
        (max |sum p w - x|); ``delta`` (for warm starts).
        """
        pH = np.atleast_1d(v.real("pH", pH, lo=-5, hi=20)).astype(float).ravel()
        E = np.atleast_1d(v.real("E", E, lo=-5, hi=5, unit="V")).astype(float).ravel()
        tol = _scalar("tol", v.real("tol", tol, lo=0.0, hi=1.0, lo_open=True))
        if not isinstance(labels, (bool, np.bool_)):
            raise ValueError(f"labels must be True or False (got {labels!r})")
        try:
            pH, E = np.broadcast_arrays(pH, E)
        except ValueError:
            raise ValueError(f"pH and E must have equal lengths or one of them length 1 "
                             f"(got {pH.size} and {E.size})") from None
        pH, E = pH.ravel(), E.ravel()
        n = pH.size
        k = len(self.elements)
        d = k - 1
        x_arg, x = x, self.x
        # per-point compositions enter the dual only through x: with V = w - x the pieces shift by
        # delta . (x_pt - x) and the gradient by (x_pt - x); the Hessian (a covariance) is unchanged
        dx, x_pts = None, None
        if x_arg is not None:
            xp = np.asarray(x_arg, dtype=float)
            if xp.ndim != 2 or xp.shape != (n, k):
                raise ValueError(f"x must have shape (n points, {k} elements) = ({n}, {k}) (got {xp.shape})")
            if not np.all(np.isfinite(xp)) or np.any(xp <= 0):
                raise ValueError("x: every mole fraction must be finite and > 0")
            x_pts = xp / xp.sum(axis=1, keepdims=True)
            dx = (x_pts - x)[:, :d]
        psi_all = self.planes[:, 0][None, :] + self.planes[:, 1][None, :] * pH[:, None] + \
            self.planes[:, 2][None, :] * E[:, None]                    # (n, A)
        # Pruning (exact): a single-metal piece j of metal m obeys psi_j >= mu_m and mu_m <= min psi
        # over m's pieces, so only the lowest single-metal piece of each metal can be active.
        cols, winners, Vrows = [], [], []
        for i in range(k):
            js = self._single[i]
            if js.size:
                w = js[np.argmin(psi_all[:, js], axis=1)]
                winners.append(w)
                cols.append(psi_all[np.arange(n), w])
                Vrows.append((np.eye(k)[i] - x)[:d])
        for j in self._multi:
            winners.append(np.full(n, j))
            cols.append(psi_all[:, j])
            Vrows.append((self.comps[j] - x)[:d])
        psi = np.column_stack(cols)
        winners = np.column_stack(winners)
        V = np.array(Vrows).reshape(len(Vrows), d)                          # (A', d)
        VV = V[:, :, None] * V[:, None, :]
        ideal = []
        for pidx, m, P, C in self.ideal:
            pe = P[:, 0][None, :] + P[:, 1][None, :] * pH[:, None] + P[:, 2][None, :] * E[:, None]
            Vi = (C - x)[:, :d]
            ideal.append((pidx, m, pe, Vi, Vi[:, :, None] * Vi[:, None, :]))
        if d == 0:
            delta = np.zeros((n, 0))
        elif delta0 is not None:
            delta = v.real("delta0", delta0)
            if delta.size != n * d:
                raise ValueError(f"delta0 must hold {n} x {d} values (the 'delta' of an earlier solve at "
                                 f"the same points; got shape {delta.shape})")
            delta = delta.reshape(n, d).copy()
        else:
            delta = self._overlay_guess(pH, E)
        RT = R * self.T
        taus = [100.0, self.TAU_FINAL] if delta0 is None else [30.0, self.TAU_FINAL]
        if d > 0:
            for tau in taus:
                delta = self._newton(psi, V, VV, ideal, delta, tau, RT, tol if tau == self.TAU_FINAL else 1e-3,
                                     30 if tau == self.TAU_FINAL else 10, dx=dx)
        out = self._eval(psi, V, VV, ideal, delta, self.TAU_FINAL, RT, want_hess=False, dx=dx)
        # scatter the reduced piece weights back onto the species
        A = self.planes.shape[0]
        Ar = psi.shape[1]
        p_full = np.zeros((n, A + len(ideal)))
        rows = np.repeat(np.arange(n), Ar)
        np.add.at(p_full, (rows, winners.ravel()), out["p"][:, :Ar].ravel())
        p_full[:, A:] = out["p"][:, Ar:]
        out["p"] = p_full
        return self._result(out, delta, psi_all, ideal, x_pts=x_pts, labels=labels)

    def _newton(self, psi, V, VV, ideal, delta, tau, RT, tol, maxit, dx=None):
        """Damped Newton ascent of the smoothed dual at temperature tau (per point
        Levenberg regularisation and backtracking), on the points not yet converged."""
        d = delta.shape[1]
        active = np.arange(delta.shape[0])
        eye = np.eye(d)[None]
        for _ in range(maxit):
            if active.size == 0:
                break
            sub = self._subset(psi, ideal, active, dx)
            out = self._eval(sub[0], V, VV, sub[1], delta[active], tau, RT, want_hess=True, dx=sub[2])
            g, H, F0 = out["grad"], out["hess"], out["G"]
            gn = np.abs(g).max(axis=1)
            keep = gn > tol
            if not keep.any():
                break
            active, g, H, F0 = active[keep], g[keep], H[keep], F0[keep]
            lam = 1e-4 / tau + 1e-9 * np.abs(H).max(axis=(1, 2))
            step = np.linalg.solve(-H + lam[:, None, None] * eye, g[..., None])[..., 0]
            alpha = np.ones(active.size)
            todo = np.arange(active.size)
            new = delta[active].copy()
            for _ls in range(30):
                trial = delta[active[todo]] + alpha[todo, None] * step[todo]
                sub = self._subset(psi, ideal, active[todo], dx)
                Ft = self._eval(sub[0], V, VV, sub[1], trial, tau, RT, want_hess=False, dx=sub[2])["G"]
                ok = Ft >= F0[todo] + 1e-4 * alpha[todo] * np.einsum("ni,ni->n", g[todo], step[todo]) - 1e-9
                new[todo[ok]] = trial[ok]
                todo = todo[~ok]
                if todo.size == 0:
                    break
                alpha[todo] *= 0.3
            delta[active] = new
        return delta

    @staticmethod
    def _subset(psi, ideal, rows, dx=None):
        return (psi[rows], [(pidx, m, pe[rows], Vi, VVi) for pidx, m, pe, Vi, VVi in ideal],
                None if dx is None else dx[rows])

    def _eval(self, psi, V, VV, ideal, delta, tau, RT, want_hess, dx=None):
        n, A = psi.shape
        d = V.shape[1]
        f_aff = psi - delta @ V.T                                           # (n, A)
        shift = None if dx is None else np.einsum("ni,ni->n", delta, dx)[:, None]
        if shift is not None:
            f_aff = f_aff + shift
        f_list = [f_aff]
        ideal_state = []
        for pidx, m, pe, Vi, VVi in ideal:
            fi = pe - delta @ Vi.T                                          # (n, ni)
            if shift is not None:
                fi = fi + shift
            z = -m * fi / RT
            zmax = z.max(axis=1, keepdims=True)
            ez = np.exp(z - zmax)
            s = ez.sum(axis=1, keepdims=True)
            q = ez / s
            fP = -(RT / m) * (np.log(s[:, 0]) + zmax[:, 0])
            vbar = q @ Vi                                                   # (n, d)
            ideal_state.append((pidx, m, q, vbar, fP, Vi, VVi))
            f_list.append(fP[:, None])
        f = np.concatenate(f_list, axis=1)
        fmin = f.min(axis=1, keepdims=True)
        w = np.exp(-(f - fmin) / tau)
        S = w.sum(axis=1, keepdims=True)
        p = w / S
        G = fmin[:, 0] - tau * np.log(S[:, 0])
        G_primal = np.einsum("na,na->n", p, f)  # energy of the assemblage p itself (no smoothing entropy)
        pa = p[:, :A]
        grad = -(pa @ V)
        M2 = np.einsum("na,aij->nij", pa, VV) if want_hess else None
        Hf = np.zeros((n, d, d)) if want_hess else None
        for t, (_pidx, m, q, vbar, _fP, _Vi, VVi) in enumerate(ideal_state):
            pp = p[:, A + t]
            grad = grad - pp[:, None] * vbar
            if want_hess:
                M2 = M2 + pp[:, None, None] * vbar[:, :, None] * vbar[:, None, :]
                cov = np.einsum("ni,iab->nab", q, VVi) - vbar[:, :, None] * vbar[:, None, :]
                Hf = Hf - pp[:, None, None] * (m / RT) * cov
        hess = None
        if want_hess:
            hess = Hf - (M2 - grad[:, :, None] * grad[:, None, :]) / tau
        if dx is not None:
            grad = grad + dx   # the p sum to 1: -sum p (v - dx) = -sum p v + dx
        return {"grad": grad, "hess": hess, "p": p, "G": G, "G_primal": G_primal, "ideal": ideal_state}

    def _result(self, out, delta, psi, ideal, x_pts=None, labels=True):
        n = psi.shape[0]
        A = psi.shape[1]
        p = out["p"]
        nph = len(self.phase_names)
        frac = np.zeros((n, nph))
        np.add.at(frac.T, self.piece_phase, p[:, :A].T)
        ys = {}
        for t, (pidx, _m, q, _vbar, _fP, _Vi, _VVi) in enumerate(out["ideal"]):
            frac[:, pidx] += p[:, A + t]
            ys[self.phase_names[pidx]] = q
        for si, ss in enumerate(self.solutions):
            if ss.name in ys:
                continue
            rows = [(pi, y) for pi, s_i, y in self.pseudo_of if s_i == si]
            if rows:
                idxs = np.array([r[0] for r in rows])
                Y = np.array([r[1] for r in rows])
                wts = p[:, idxs]
                tot = wts.sum(axis=1, keepdims=True)
                ys[ss.name] = (wts @ Y) / np.where(tot > 0, tot, 1.0)
        # composition residual
        wsum = p[:, :A] @ self.comps
        for t, (_pidx, _m, q, _vbar, _fP, _Vi, _VVi) in enumerate(out["ideal"]):
            C = self.ideal[t][3]
            wsum = wsum + p[:, A + t][:, None] * (q @ C)
        x = self.x if x_pts is None else x_pts
        residual = np.abs(wsum - x).max(axis=1)
        G = out["G_primal"]
        full = np.concatenate([delta, np.zeros((n, 1))], axis=1)
        xdot = full @ self.x if x_pts is None else np.einsum("nk,nk->n", full, x_pts)
        mu = G[:, None] - xdot[:, None] + full
        kinds = np.array(self.phase_kinds)
        film = frac[:, kinds == "film"].sum(axis=1)
        dissolved = frac[:, kinds == "aq"].sum(axis=1)
        present = frac > 1e-3
        labels = self.labels_of(present).tolist() if labels else None
        return {"G": G, "mu": mu, "fractions": frac, "y": ys, "film": film, "dissolved": dissolved,
                "metal": frac[:, kinds == "metal"].sum(axis=1), "labels": labels,
                "present": present, "residual": residual, "delta": delta}

    def labels_of(self, present):
        """Phase-label strings ("A + B") from a boolean ``present`` array (..., n_phases)."""
        arr = np.asarray(present)
        if arr.dtype != bool or arr.ndim < 1 or arr.shape[-1] != len(self.phase_names):
            raise ValueError(f"present must be a boolean array with a last axis of length "
                             f"{len(self.phase_names)} (one entry per phase; got {arr.dtype} {arr.shape})")
        present = arr
        flat = present.reshape(-1, present.shape[-1])
        out = np.empty(flat.shape[0], dtype=object)
        cache = {}
        for i, row in enumerate(flat):
            key = row.tobytes()
            lab = cache.get(key)
            if lab is None:
                lab = cache[key] = " + ".join(self.phase_names[j] for j in np.nonzero(row)[0])
            out[i] = lab
        return out.reshape(present.shape[:-1])

    def grid(self, pH, E, delta0=None, compositions=None, labels=True):
        """Solve on the grid pH x E; arrays reshaped to (len(E), len(pH)).

        ``delta0``: the ``delta`` of an earlier solve on the same grid (warm start).
        ``compositions``: optional (m, k) mole fractions of ``self.elements``; the m
        grids are solved in one vectorized call and every array gains a leading
        axis of length m (``delta0`` then has that leading axis too).
        ``labels=False`` skips the label strings (``labels`` is None)."""
        pH = v.real("pH", pH, lo=-5, hi=20)
        E = v.real("E", E, lo=-5, hi=5, unit="V")
        if pH.ndim != 1 or E.ndim != 1:
            raise ValueError("pH and E must be 1-D axes")
        PP, EE = np.meshgrid(pH, E)
        shape = EE.shape
        x = None
        if compositions is not None:
            comps = v.real("compositions", compositions, lo=0.0, lo_open=True)
            if comps.ndim != 2 or comps.shape[1] != len(self.elements):
                raise ValueError(f"compositions must have shape (m, {len(self.elements)}) (got {comps.shape})")
            m = comps.shape[0]
            x = np.repeat(comps, PP.size, axis=0)
            PP, EE = np.tile(PP.ravel(), m), np.tile(EE.ravel(), m)
            shape = (m,) + shape
        if delta0 is not None:
            delta0 = v.real("delta0", delta0)
            if delta0.size == 0:
                delta0 = np.zeros((PP.size, 0))
            if delta0.size % PP.size:
                raise ValueError(f"delta0 must be the 'delta' of an earlier grid() call on the same grid "
                                 f"(a multiple of {PP.size} values; got shape {delta0.shape})")
            delta0 = delta0.reshape(PP.size, -1)
            if delta0.shape[1] != len(self.elements) - 1:
                delta0 = None
        r = self.solve(PP.ravel(), EE.ravel(), delta0=delta0, x=x, labels=labels)
        out = {}
        for key, val in r.items():
            if key == "labels":
                out[key] = None if val is None else np.array(val, dtype=object).reshape(shape)
            elif key == "y":
                out[key] = {nm: arr.reshape(shape + arr.shape[1:]) for nm, arr in val.items()}
            else:
                out[key] = np.asarray(val).reshape(shape + np.asarray(val).shape[1:])
        return out


def _simplex_grid(n_end, n_grid):
    """Points y on the (n_end-1)-simplex with spacing 1/n_grid (end members included)."""
    if n_end == 2:
        t = np.linspace(0.0, 1.0, n_grid + 1)
        return np.column_stack([1 - t, t])
    pts = []
    for i in range(n_grid + 1):
        for j in range(n_grid + 1 - i):
            rest = [i, j, n_grid - i - j] if n_end == 3 else None
            if rest is None:
                raise ValueError("non-ideal solutions support up to 3 end members")
            pts.append(rest)
    return np.array(pts, dtype=float) / n_grid
