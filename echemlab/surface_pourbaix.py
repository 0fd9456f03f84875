"""Surface Pourbaix diagrams with the computational hydrogen electrode (CHE).

A surface configuration (clean slab, H*, OH*, O* at a coverage theta, in
monolayers = adsorbates per surface metal atom) is formed from the clean
surface and liquid water by releasing proton-electron pairs:

    * + (theta_OH + theta_O) H2O(l) -> config + n (H+ + e-),
    n = 2 theta_O + theta_OH - theta_H.

The CHE (Norskov et al. 2004) replaces the unknown mu(H+) + mu(e-) by

    mu(H+) + mu(e-) = 1/2 mu(H2) - F U_SHE - RT ln10 pH      [J/mol]

so the grand potential (巨势) of a configuration per surface site is

    Omega(U, pH) = dG0 - n F (U_SHE + (RT ln10/F) pH) = dG0 - n F U_RHE

with dG0 its free energy at U = 0 V vs RHE. Sign conventions: U in volts
(vs SHE unless ``scale="RHE"``); U_RHE = U_SHE + (RT ln10 / F) pH; Omega in
J/mol of surface sites; a configuration is stable where Omega is lowest.
Every transition between such configurations exchanges equal numbers of H+
and e- (n_H = n_e), so it is a vertical line on the RHE scale. Species with
n_H != n_e (dissolved ions, e.g. Pt2+) are handled by the bulk engine
:mod:`echemlab.pourbaix` (:func:`bulk_pt`).

Temperature enters only through RT ln10 pH; dG0 is the 298.15 K value.

References: Norskov et al., J. Phys. Chem. B 108, 17886 (2004); Hansen,
Rossmeisl, Norskov, Phys. Chem. Chem. Phys. 10, 3722 (2008).
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import _validate as v
from . import pourbaix as pb
from .constants import LN10, T_STD, F, R

__all__ = ["Configuration", "load_configurations", "che_potential", "rhe_from_she", "she_from_rhe",
           "grand_potential", "SurfacePourbaix", "bulk_pt"]

_PH = dict(lo=-5.0, hi=20.0)
_U = dict(lo=-5.0, hi=5.0, unit="V")


def _one(name, arr):
    """A validated array that must hold a single number, as a float."""
    arr = np.asarray(arr)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, not an array (got shape {arr.shape})")
    return float(arr)


def _scale(scale):
    if not isinstance(scale, str) or scale not in ("SHE", "RHE"):
        raise ValueError(f"scale must be 'SHE' or 'RHE' (got {scale!r})")
    return scale




@dataclass(frozen=True)
class Configuration:
    """One adsorbate configuration. Coverages in ML; ``dG0`` [J/mol of sites] at U_RHE = 0."""

    name: str
    theta_H: float
    theta_OH: float
    theta_O: float
    dG0: float
    surface: str = ""
    source: str = ""

    def __post_init__(self):
        for nm in ("name", "surface", "source"):
            if not isinstance(getattr(self, nm), str):
                raise ValueError(f"{nm} must be a string (got {getattr(self, nm)!r})")
        for nm in ("theta_H", "theta_OH", "theta_O"):
            _one(nm, v.real(nm, getattr(self, nm), lo=0.0, hi=3.0, unit="ML"))
        _one("dG0", v.real("dG0", self.dG0, lo=-2e6, hi=2e6, unit="J/mol"))

    @property
    def n(self):
        """Proton-electron pairs released per surface site: 2 theta_O + theta_OH - theta_H."""
        return 2.0 * self.theta_O + self.theta_OH - self.theta_H

    @property
    def n_water(self):
        """Water molecules consumed per surface site: theta_OH + theta_O."""
        return self.theta_OH + self.theta_O


def make_configuration(name, theta_H=0.0, theta_OH=0.0, theta_O=0.0, dG_eV=0.0, surface="", source="user"):
    """Build a :class:`Configuration` from coverages [ML] and its free energy per site [eV].

    >>> c = make_configuration("O*", theta_O=0.25, dG_eV=0.392)
    >>> c.n, round(c.dG0 / F, 3)
    (0.5, 0.392)
    """
    th = [_one(nm, v.real(nm, x, lo=0.0, hi=3.0, unit="ML")) for nm, x in
          (("theta_H", theta_H), ("theta_OH", theta_OH), ("theta_O", theta_O))]
    g = _one("dG_eV", v.real("dG_eV", dG_eV, lo=-20.0, hi=20.0, unit="eV"))
    for nm, val in (("surface", surface), ("source", source)):
        if not isinstance(val, str):
            raise ValueError(f"{nm} must be a string (got {val!r})")
    return Configuration(str(name), th[0], th[1], th[2], g * F, surface, source)


__all__.append("make_configuration")


@lru_cache(maxsize=1)
def _table():
    from . import data

    return data.load_table("surface_pourbaix_configs")


def load_configurations(surface="Pt(111)"):
    """Configurations of one surface from ``surface_pourbaix_configs.csv``.

    >>> [c.name for c in load_configurations()][:2]
    ['clean', '1/3 ML H*']
    """
    rows = [r for r in _table().values() if r["surface"] == surface] if isinstance(surface, str) else []
    if not rows:
        known = sorted({r["surface"] for r in _table().values()})
        raise ValueError(f"surface must be one of {known} (got {surface!r})")
    return [make_configuration(r["label"], r["theta_H"], r["theta_OH"], r["theta_O"], r["dG_eV"],
                               surface, r["source"]) for r in rows]


def che_potential(U, pH, T=T_STD):
    """mu(H+) + mu(e-) - 1/2 mu(H2) from the computational hydrogen electrode [J/mol].

    Parameters
    ----------
    U : float or array
        Electrode potential [V vs SHE], in [-5, 5].
    pH : float or array
        In [-5, 20].
    T : float
        Temperature [K].

    Returns
    -------
    -F U - R T ln10 pH [J/mol]; zero at the RHE (U_SHE = -(RT ln10/F) pH).

    >>> round(che_potential(0.5, 0.0) / F, 12)
    -0.5

    Reference: Norskov et al., J. Phys. Chem. B 108, 17886 (2004).
    """
    U = v.real("U", U, **_U)
    pH = v.real("pH", pH, **_PH)
    T = v.temperature(T)
    return v.scalar_out(-F * U - R * T * LN10 * pH)


def rhe_from_she(U_she, pH, T=T_STD):
    """Potential on the RHE scale [V]: U_RHE = U_SHE + (RT ln10/F) pH.

    >>> round(rhe_from_she(0.0, 14.0), 4)
    0.8282
    """
    U = v.real("U_she", U_she, **_U)
    pH = v.real("pH", pH, **_PH)
    T = v.temperature(T)
    return v.scalar_out(U + R * T * LN10 / F * pH)


def she_from_rhe(U_rhe, pH, T=T_STD):
    """Potential on the SHE scale [V]: U_SHE = U_RHE - (RT ln10/F) pH.

    >>> round(she_from_rhe(1.229, 7.0), 4)
    0.8149
    """
    U = v.real("U_rhe", U_rhe, lo=-6.5, hi=6.5, unit="V")
    pH = v.real("pH", pH, **_PH)
    T = v.temperature(T)
    return v.scalar_out(U - R * T * LN10 / F * pH)


def grand_potential(dG0, n, U, pH, T=T_STD, scale="SHE"):
    """Grand potential of a configuration per surface site [J/mol].

    Omega = dG0 + n (mu(H+) + mu(e-) - 1/2 mu(H2)) = dG0 - n F U_RHE.

    Parameters
    ----------
    dG0 : float or array
        Free energy of formation from the clean slab and water at U_RHE = 0 [J/mol], |dG0| <= 2e6.
    n : float or array
        Proton-electron pairs released per site (2 theta_O + theta_OH - theta_H), in [-5, 10].
    U : float or array
        Potential [V] on ``scale`` ("SHE" or "RHE").
    pH, T : float or array
        pH in [-5, 20]; temperature [K].

    >>> round(grand_potential(0.8 * F, 1.0, 0.8, 0.0) / F, 12)
    0.0
    >>> round(grand_potential(0.8 * F, 1.0, 0.8, 7.0, scale="RHE") / F, 12)
    0.0

    Reference: Hansen, Rossmeisl, Norskov, Phys. Chem. Chem. Phys. 10, 3722 (2008), eq. for Delta G(U, pH).
    """
    dG0 = v.real("dG0", dG0, lo=-2e6, hi=2e6, unit="J/mol")
    n = v.real("n", n, lo=-5.0, hi=10.0)
    _scale(scale)
    U = v.real("U", U, **_U)
    pH = v.real("pH", pH, **_PH)
    T = v.temperature(T)
    mu = -F * U if scale == "RHE" else -F * U - R * T * LN10 * pH
    return v.scalar_out(dG0 + n * mu)


class SurfacePourbaix:
    """Most stable surface configuration on the (pH, U) plane.

    Parameters
    ----------
    configs : str or list of Configuration
        A surface name of ``surface_pourbaix_configs.csv`` or configurations.
    T : float
        Temperature [K] in (0, 1000] (enters RT ln10 pH only).

    Each configuration's Omega is a plane in (pH, U_SHE):
    Omega = dG0 - n RT ln10 pH - n F U. Domains are intersections of
    half-planes, clipped exactly with the polygon clipper of the bulk engine
    (:mod:`echemlab.pourbaix`).

    >>> sp = SurfacePourbaix("Pt(111)")
    >>> sp.stable(0.0, 0.0), sp.stable(0.0, 0.5), sp.stable(7.0, 0.3)
    ('1 ML H*', 'clean', '1/6 ML OH*')
    """

    def __init__(self, configs="Pt(111)", T=T_STD):
        self.T = float(v.real("T", T, lo=0.0, hi=1000.0, lo_open=True, unit="K"))
        if isinstance(configs, str):
            try:
                configs = load_configurations(configs)
            except ValueError as exc:
                raise ValueError(f"configs: {exc}") from None
        if not isinstance(configs, (list, tuple)):
            raise ValueError("configs must be a surface name or a non-empty list of Configuration")
        configs = list(configs)
        if not configs or not all(isinstance(c, Configuration) for c in configs):
            raise ValueError("configs must be a surface name or a non-empty list of Configuration")
        self.configs = configs
        self.names = [c.name for c in configs]
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"configs must have unique names (got {self.names})")
        self.g = np.array([c.dG0 for c in configs])
        self.n = np.array([c.n for c in configs])
        self.slope = R * self.T * LN10 / F

    def energies(self, pH, U, scale="SHE"):
        """Omega of every configuration, shape (n_configs,) + broadcast(pH, U) [J/mol]."""
        pH = v.real("pH", pH, **_PH)
        U = v.real("U", U, **_U)
        _scale(scale)
        pH, U = np.broadcast_arrays(pH, U)
        u_rhe = U if scale == "RHE" else U + self.slope * pH
        ex = (slice(None),) + (None,) * pH.ndim
        return self.g[ex] - self.n[ex] * F * u_rhe

    def grid(self, pH, U, scale="SHE"):
        """Index of the stable configuration, shape (len(U), len(pH)) (image orientation)."""
        pH = v.real("pH", pH, **_PH)
        U = v.real("U", U, **_U)
        if pH.ndim != 1 or U.ndim != 1:
            raise ValueError("pH and U must be 1-D axes")
        return np.argmin(self.energies(pH[None, :], U[:, None], scale=scale), axis=0)

    def stable(self, pH, U, scale="SHE"):
        """Name of the stable configuration at one (pH, U) (pH in [-5, 20], U in [-5, 5] V)."""
        pH = _one("pH", v.real("pH", pH, **_PH))
        U = _one("U", v.real("U", U, **_U))
        return self.names[int(np.argmin(self.energies(pH, U, scale=scale)))]

    def transitions(self, U_range=(-0.5, 2.0)):
        """Sequence of stable states along U_RHE (pH-independent):
        list of (U_RHE [V], from_name, to_name), from the lower envelope of the lines Omega(U).

        ``U_range``: increasing (lo, hi) pair of U_RHE [V] in [-10, 10]."""
        lo, hi = v.increasing_pair("U_range", U_range, -10.0, 10.0, unit="V")
        out = []
        u = lo
        cur = int(np.argmin(self.g - self.n * F * u + 1e-9 * self.n))
        while True:
            # next crossing: the line with larger n that meets the current one at the smallest U > u
            dn = self.n - self.n[cur]
            with np.errstate(divide="ignore", invalid="ignore"):
                ux = (self.g - self.g[cur]) / (F * dn)
            ok = (dn > 1e-12) & (ux >= u - 1e-12) & (ux < hi)
            if not np.any(ok):
                break
            cand = np.where(ok, ux, np.inf)
            umin = cand.min()
            ties = np.flatnonzero(np.isclose(cand, umin, rtol=0, atol=1e-12))
            nxt = int(ties[np.argmax(self.n[ties])])
            out.append((float(umin), self.names[cur], self.names[nxt]))
            cur, u = nxt, umin
        return out

    def domains(self, pH_range=(0.0, 14.0), U_range=(-1.0, 2.0), scale="SHE"):
        """Exact stability domains: {name: (k, 2) array of (pH, U) vertices}."""
        p0, p1 = v.increasing_pair("pH_range", pH_range, -5.0, 20.0)
        u0, u1 = v.increasing_pair("U_range", U_range, -5.0, 5.0, unit="V")
        s = self.slope if _scale(scale) == "SHE" else 0.0
        # Omega_j = g_j - n_j F s pH - n_j F U  ->  plane coefficients in (pH, U)
        cpH, cU = -self.n * F * s, -self.n * F
        box = [(p0, u0), (p1, u0), (p1, u1), (p0, u1)]
        out = {}
        for j in range(len(self.g)):
            poly = box
            for i in range(len(self.g)):
                if i == j:
                    continue
                a, b, c = cpH[j] - cpH[i], cU[j] - cU[i], self.g[i] - self.g[j]
                if abs(b) < 1e-9:
                    if c < 0 or (c == 0 and i < j):
                        poly = []
                        break
                    continue
                poly = pb._clip(poly, a, b, c)
                if len(poly) < 3:
                    break
            if len(poly) >= 3 and pb._area(poly) > 1e-9 * (p1 - p0) * (u1 - u0):
                out[self.names[j]] = np.array(poly)
        return out


def bulk_pt(T=T_STD):
    """Bulk Pt species (Pt, Pt2+, Pt(OH)2) as :class:`echemlab.pourbaix.Species` for the bulk engine.

    dGf from the standard potentials of ``surface_pourbaix_bulk.csv``:
    Pt2+: dGf = 2 F E0; Pt(OH)2: dGf = 2 dGf(H2O) + 2 F E0.

    >>> sp, water = bulk_pt()
    >>> p = pb.Pourbaix(sp, ion_activity=1e-6, water=water)
    >>> round(p.line("Pt2+", "Pt")[0], 4)
    1.0225
    """
    from . import data

    v.temperature(T)
    water = pb.species_table()["nbs82:H2O"]
    out = [pb.make_species("Pt", "Pt", 0, 0.0, phase="s", dataset="p08", source="p08_crc_ecs")]
    for rid, r in data.load_table("surface_pourbaix_bulk").items():
        counts = pb.parse_formula(r["formula"])
        n = 2 * counts.get("O", 0) - counts.get("H", 0) + int(r["charge"])
        dGf = n * F * r["E0_V"] + counts.get("O", 0) * water.dGf
        out.append(pb.make_species(rid, r["formula"], int(r["charge"]), dGf, phase=r["phase"], dataset="p08",
                                   source=r["source"]))
    return out, water
