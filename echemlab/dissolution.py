"""Ab initio dissolution free energies (chapter 09).

Metal dissolution ``M(site) -> M^{n+}(aq) + n e^-`` at electrode potential U.

Sign conventions used everywhere in this module:

* U is the electrode potential in V vs SHE; the electron's chemical potential
  on the SHE scale is ``mu_e = -F U`` [J/mol] (per mole of electrons), i.e.
  ``mu_e = -e Phi`` with Phi measured from the SHE. On the absolute (vacuum)
  scale add the absolute SHE potential, ``mu_e = -F (U + 4.44 V)`` (Trasatti 1986).
* Delta G > 0 means the metal is stable (dissolution not spontaneous).
* Energies are J/mol (per mole of metal atoms), potentials V, lengths m,
  molar volumes m^3/mol, surface energies J/m^2.

The ASE/EMT helpers (``emt_*``) import ASE lazily and compute in well under a
second; their results are tabulated in ``data/dissolution_emt.csv`` by
:func:`emt_table`.

References: K. A. Persson, B. Waldwick, P. Lazic, G. Ceder, Phys. Rev. B 85,
235438 (2012); W. J. Plieth, J. Phys. Chem. 86, 3166 (1982); K. W. Jacobsen,
P. Stoltze, J. K. Norskov, Surf. Sci. 366, 394 (1996).
"""
import math

import numpy as np

from . import _validate as v
from .constants import N_A, T_STD, F, R, e

#: absolute potential of the SHE [V] (IUPAC recommendation, Trasatti 1986)
ABSOLUTE_SHE = 4.44
#: 1 eV per atom in J/mol
EV_PER_ATOM = e * N_A
#: metals parametrised in ASE's EMT calculator that this chapter uses
EMT_METALS = ("Ni", "Cu", "Pd", "Ag", "Pt", "Au")
#: surface sites: name -> ideal coordination number on an fcc crystal
SITES = {"adatom": 3, "kink": 6, "step": 7, "terrace": 9}


def electron_chemical_potential(U, absolute_she=0.0):
    """Chemical potential of electrons in an electrode at potential U.

    ``mu_e = -F (U + absolute_she)``: with ``absolute_she = 0`` the SHE scale
    (mu_e = 0 at U = 0, the convention of the computational hydrogen electrode),
    with ``absolute_she = ABSOLUTE_SHE`` the vacuum scale.

    Parameters
    ----------
    U : float or array, electrode potential [V vs SHE], in [-10, 10]
    absolute_she : float, absolute potential of the SHE [V], in [0, 10]

    Returns
    -------
    mu_e : float or array [J/mol of electrons]

    Examples
    --------
    >>> round(electron_chemical_potential(1.0) / 1e3, 3)
    -96.485
    >>> round(electron_chemical_potential(0.0, ABSOLUTE_SHE) / EV_PER_ATOM, 2)
    -4.44

    Reference: S. Trasatti, Pure Appl. Chem. 58, 955 (1986).
    """
    U = v.real("U", U, -10.0, 10.0, unit="V")
    a = v.real("absolute_she", absolute_she, 0.0, 10.0, unit="V")
    return v.scalar_out(-F * (U + a))


def dissolution_free_energy(G_solid, G_ion, n, U, activity=1.0, T=T_STD):
    """Delta G of ``M(s) -> M^{n+}(aq) + n e^-`` at potential U.

    ``Delta G = [G_ion + RT ln a] + n mu_e(U) - G_solid`` with mu_e = -F U.

    Parameters
    ----------
    G_solid : float or array, free energy of the metal atom in its site [J/mol]
    G_ion : float or array, standard free energy of the aqueous ion on the SHE
        scale (= its formation free energy if G_solid is the bulk metal) [J/mol]
    n : int or array, charge of the ion, >= 1
    U : float or array, electrode potential [V vs SHE], in [-10, 10]
    activity : float or array, ion activity, > 0
    T : float or array, temperature [K], > 0

    Returns
    -------
    dG : float or array [J/mol]; > 0 means the metal is stable

    Examples
    --------
    Cu -> Cu2+ with Delta_f G(Cu2+) = 65.49 kJ/mol at U = 0:

    >>> round(dissolution_free_energy(0.0, 65.49e3, 2, 0.0) / 1e3, 2)
    65.49

    Reference: Persson et al., Phys. Rev. B 85, 235438 (2012), eqs. 1-4.
    """
    Gs = v.real("G_solid", G_solid, unit="J/mol")
    Gi = v.real("G_ion", G_ion, unit="J/mol")
    n = v.count("n", n, 1)
    a = v.positive("activity", activity)
    T = v.temperature(T)
    mu_e = electron_chemical_potential(U)
    return v.scalar_out(Gi + R * T * np.log(a) + n * mu_e - Gs)


def dissolution_potential(dG0, n, activity=1.0, T=T_STD):
    """Potential where dissolution becomes spontaneous: Delta G(U_d) = 0.

    ``U_d = dG0/(nF) + (RT/nF) ln a`` with dG0 = G_ion - G_solid (at U = 0).

    Parameters
    ----------
    dG0 : float or array, dissolution free energy at U = 0 V vs SHE [J/mol]
    n : int or array, ion charge, >= 1
    activity : float or array, ion activity, > 0
    T : float or array, temperature [K], > 0

    Returns
    -------
    U_d : float or array [V vs SHE]

    Examples
    --------
    >>> round(dissolution_potential(65.49e3, 2), 4)    # Cu2+/Cu
    0.3394
    >>> round(dissolution_potential(65.49e3, 2, 1e-6), 4)
    0.1619

    Reference: Persson et al., Phys. Rev. B 85, 235438 (2012).
    """
    dG0 = v.real("dG0", dG0, unit="J/mol")
    n = v.count("n", n, 1)
    a = v.positive("activity", activity)
    T = v.temperature(T)
    return v.scalar_out(dG0 / (n * F) + R * T * np.log(a) / (n * F))


def persson_ion_energy(dGf_ion_exp, dGf_ref_calc, dGf_ref_exp, n_metal=1):
    """Formation free energy of an aqueous ion consistent with computed solids.

    Persson's scheme: keep the experimental energy *difference* between the
    ion and a reference solid containing the same metal, and attach it to the
    computed energy of that solid,

    ``G_ion = dGf_ion_exp + (dGf_ref_calc - dGf_ref_exp) / n_metal``

    so that dissolving the reference solid reproduces experiment exactly and
    the calculation's systematic error cancels between solid and ion.

    Parameters
    ----------
    dGf_ion_exp : float or array, experimental formation free energy of the ion [J/mol]
    dGf_ref_calc : float or array, computed formation free energy of the
        reference solid per formula unit [J/mol]
    dGf_ref_exp : float or array, experimental formation free energy of the
        reference solid per formula unit [J/mol]
    n_metal : int or array, metal atoms per formula unit of the reference, >= 1

    Returns
    -------
    G_ion : float or array, ion formation free energy on the computed scale [J/mol]

    Examples
    --------
    With the metal itself as reference (both formation energies 0) nothing changes:

    >>> persson_ion_energy(65.49e3, 0.0, 0.0)
    65490.0

    Reference: Persson et al., Phys. Rev. B 85, 235438 (2012), eq. 13.
    """
    gi = v.real("dGf_ion_exp", dGf_ion_exp, unit="J/mol")
    gc = v.real("dGf_ref_calc", dGf_ref_calc, unit="J/mol")
    ge = v.real("dGf_ref_exp", dGf_ref_exp, unit="J/mol")
    nm = v.count("n_metal", n_metal, 1)
    return v.scalar_out(gi + (gc - ge) / nm)


def site_dissolution_potential(U0, E_remove, E_coh, n):
    """Dissolution potential of an atom in a surface site.

    Dissolving from a site instead of from the bulk changes Delta G by the
    difference between the site's removal energy and the cohesive energy
    (the removal energy from the kink, half-crystal, position):

    ``U_site = U0 + (E_remove - E_coh) / (n F)``

    Parameters
    ----------
    U0 : float or array, bulk standard potential of M^{n+}/M [V vs SHE], in [-5, 5]
    E_remove : float or array, energy to remove the atom from the site to
        vacuum [J/mol], > 0
    E_coh : float or array, cohesive energy of the bulk metal [J/mol], > 0
    n : int or array, ion charge, >= 1

    Returns
    -------
    U_site : float or array [V vs SHE]

    Examples
    --------
    A Pt terrace atom bound 0.75 eV more strongly than the kink (EMT):

    >>> round(site_dissolution_potential(1.18, 6.60 * EV_PER_ATOM, 5.85 * EV_PER_ATOM, 2), 3)
    1.555

    Reference: the half-crystal position (W. Kossel 1927; I. N. Stranski 1928);
    see Persson et al. 2012, sec. IV B for the surface-atom scheme.
    """
    U0 = v.real("U0", U0, -5.0, 5.0, unit="V")
    Er = v.positive("E_remove", E_remove, unit="J/mol")
    Ec = v.positive("E_coh", E_coh, unit="J/mol")
    n = v.count("n", n, 1)
    return v.scalar_out(U0 + (Er - Ec) / (n * F))


def gibbs_thomson_shift(d, gamma, V_m, n):
    """Shift of the dissolution potential of a spherical particle of diameter d.

    ``Delta U = -4 gamma V_m / (n F d)`` (= -2 gamma V_m / (n F r)): the
    excess chemical potential 2 gamma V_m / r of a small particle lowers the
    potential at which it dissolves.

    Parameters
    ----------
    d : float or array, particle diameter [m], > 0
    gamma : float or array, surface energy [J/m^2], >= 0
    V_m : float or array, molar volume of the metal [m^3/mol], > 0
    n : int or array, ion charge, >= 1

    Returns
    -------
    dU : float or array [V], <= 0

    Examples
    --------
    A 2 nm Pt particle, gamma = 2.37 J/m^2, V_m = 9.09e-6 m^3/mol:

    >>> round(gibbs_thomson_shift(2e-9, 2.37, 9.09e-6, 2), 3)
    -0.223

    Reference: W. J. Plieth, J. Phys. Chem. 86, 3166 (1982).
    """
    d = v.positive("d", d, unit="m")
    g = v.nonnegative("gamma", gamma, unit="J/m^2")
    Vm = v.positive("V_m", V_m, unit="m^3/mol")
    n = v.count("n", n, 1)
    return v.scalar_out(-4.0 * g * Vm / (n * F * d))


def particle_dissolution_potential(U0, d, gamma, V_m, n, activity=1.0, T=T_STD):
    """Dissolution potential of a particle: bulk Nernst potential + Gibbs-Thomson.

    ``U_d = U0 + (RT/nF) ln a - 4 gamma V_m/(n F d)``

    Parameters
    ----------
    U0 : float or array, bulk standard potential [V vs SHE], in [-5, 5]
    d, gamma, V_m, n : as in :func:`gibbs_thomson_shift`
    activity : float or array, ion activity, > 0
    T : float or array, temperature [K], > 0

    Returns
    -------
    U_d : float or array [V vs SHE]

    Examples
    --------
    >>> round(particle_dissolution_potential(1.18, 2e-9, 2.37, 9.09e-6, 2, 1e-6), 3)
    0.779

    Reference: Plieth 1982; L. Tang et al., J. Am. Chem. Soc. 132, 596 (2010).
    """
    U0 = v.real("U0", U0, -5.0, 5.0, unit="V")
    n_ = v.count("n", n, 1)
    a = v.positive("activity", activity)
    T = v.temperature(T)
    return v.scalar_out(U0 + R * T * np.log(a) / (n_ * F) + gibbs_thomson_shift(d, gamma, V_m, n))


def particle_diameter(N, V_m):
    """Diameter of a sphere holding N atoms of molar volume V_m.

    ``d = 2 (3 N V_m / (4 pi N_A))^(1/3)``

    Parameters
    ----------
    N : float or array, number of atoms, >= 1
    V_m : float or array, molar volume [m^3/mol], > 0

    Returns
    -------
    d : float or array [m]

    Examples
    --------
    >>> round(particle_diameter(1289, 9.09e-6) * 1e9, 3)   # truncated octahedron
    3.337

    Reference: geometry; Tang et al. 2010 use the same equivalent-sphere diameter.
    """
    N = v.real("N", N, 1.0, unit="atoms")
    Vm = v.positive("V_m", V_m, unit="m^3/mol")
    return v.scalar_out(2.0 * np.cbrt(3.0 * N * Vm / (4.0 * math.pi * N_A)))


# --------------------------------------------------------------------- ASE / EMT

def _check_metal(metal):
    if not isinstance(metal, str) or metal not in EMT_METALS:
        raise ValueError(f"metal must be one of {EMT_METALS} (got {metal!r})")


def _energy(atoms):
    from ase.calculators.emt import EMT
    atoms = atoms.copy()
    atoms.calc = EMT()
    return float(atoms.get_potential_energy())


def _without(atoms, idx):
    keep = [i for i in range(len(atoms)) if i not in set(np.atleast_1d(idx).tolist())]
    return atoms[keep]


def _coordination(atoms, i, a0):
    from ase.neighborlist import neighbor_list
    cut = 0.5 * (a0 / math.sqrt(2) + a0)  # between 1st and 2nd neighbour shells
    first = neighbor_list("i", atoms, cutoff=cut)
    return int(np.sum(first == i))


def emt_bulk(metal):
    """EMT energy per bulk atom, isolated-atom energy, lattice constant (ASE's EMT lattice).

    Parameters
    ----------
    metal : str, one of ``EMT_METALS``

    Returns
    -------
    dict with ``E_bulk`` [eV/atom], ``E_atom`` [eV], ``E_coh`` [eV/atom],
    ``a0`` [m] (ASE's reference lattice constant) and ``V_m`` [m^3/mol].

    Examples
    --------
    >>> round(emt_bulk("Cu")["E_coh"], 2)
    3.52

    Reference: Jacobsen, Stoltze, Norskov, Surf. Sci. 366, 394 (1996).
    """
    _check_metal(metal)
    from ase import Atoms
    from ase.build import bulk
    b = bulk(metal, "fcc")
    eb = _energy(b)
    ea = _energy(Atoms(metal, cell=[20.0, 20.0, 20.0]))
    a0 = b.cell.cellpar()[0] * math.sqrt(2) * 1e-10
    return {"E_bulk": eb, "E_atom": ea, "E_coh": ea - eb, "a0": a0,
            "V_m": N_A * a0 ** 3 / 4.0}


def emt_site_energies(metal):
    """Removal energies of surface atoms (to vacuum) from EMT slabs, unrelaxed.

    Sites: adatom (fcc hollow on (111)), kink (end of a half row on the step
    of fcc(211)), step (edge atom of fcc(211)), terrace (top layer of (111)).
    Lattice frozen at the EMT bulk lattice constant; 4-layer slabs, 8 A vacuum.

    Parameters
    ----------
    metal : str, one of ``EMT_METALS``

    Returns
    -------
    dict ``site -> (coordination number, removal energy [eV])`` plus
    ``"E_coh"`` [eV/atom].

    Examples
    --------
    The kink atom is the half-crystal position: its removal energy equals the
    cohesive energy.

    >>> s = emt_site_energies("Pt")
    >>> s["kink"][0], round(s["kink"][1] - s["E_coh"], 3)
    (6, 0.0)

    Reference: Jacobsen et al. 1996 (EMT); Kossel-Stranski half-crystal position.
    """
    _check_metal(metal)
    from ase.build import add_adsorbate, fcc111, fcc211
    bk = emt_bulk(metal)
    ea, a0 = bk["E_atom"], bk["a0"] * 1e10
    out = {}
    s = fcc111(metal, (4, 4, 4), a=a0, vacuum=8.0)
    es = _energy(s)
    top = int(np.argmax(s.positions[:, 2]))
    out["terrace"] = (_coordination(s, top, a0), _energy(_without(s, top)) + ea - es)
    ad = s.copy()
    add_adsorbate(ad, metal, a0 / math.sqrt(3), "fcc")
    out["adatom"] = (_coordination(ad, len(ad) - 1, a0), es + ea - _energy(ad))
    st = fcc211(metal, (3, 6, 4), a=a0, vacuum=8.0)
    est = _energy(st)
    z = st.positions[:, 2]
    edge = np.where(z > z.max() - 0.1)[0]
    edge = edge[np.argsort(st.positions[edge, 1])]
    out["step"] = (_coordination(st, int(edge[0]), a0), _energy(_without(st, edge[0])) + ea - est)
    half = _without(st, edge[: len(edge) // 2])            # a half row: its ends are kinks
    ek = _energy(half)
    z = half.positions[:, 2]
    row = np.where(z > z.max() - 0.1)[0]
    kink = int(row[np.argmin(half.positions[row, 1])])
    out["kink"] = (_coordination(half, kink, a0), _energy(_without(half, kink)) + ea - ek)
    out["E_coh"] = bk["E_coh"]
    return out


def emt_surface_energy(metal):
    """Unrelaxed EMT (111) surface energy [J/m^2] from a 6-layer slab.

    ``gamma = (E_slab - N E_bulk) / (2 A)``

    Parameters
    ----------
    metal : str, one of ``EMT_METALS``

    Returns
    -------
    gamma : float [J/m^2]

    Examples
    --------
    >>> round(float(emt_surface_energy("Cu")), 2)
    1.04

    Reference: Jacobsen et al. 1996.
    """
    _check_metal(metal)
    from ase.build import fcc111
    bk = emt_bulk(metal)
    s = fcc111(metal, (1, 1, 6), a=bk["a0"] * 1e10, vacuum=8.0)
    area = np.linalg.norm(np.cross(s.cell[0], s.cell[1])) * 1e-20
    return float((_energy(s) - len(s) * bk["E_bulk"]) * e / (2.0 * area))


#: largest edge length accepted for ase.cluster.Octahedron (keeps the EMT call fast)
_MAX_OCTAHEDRON_LENGTH = 30


def _check_shapes(shapes):
    """(length, cutoff) pairs of whole numbers, 1 <= length <= 30, 0 <= cutoff <= (length - 1)/2."""
    msg = (f"shapes must be a non-empty sequence of (length, cutoff) pairs of whole numbers with "
           f"1 <= length <= {_MAX_OCTAHEDRON_LENGTH} and 0 <= cutoff <= (length - 1)/2")
    if isinstance(shapes, (str, bytes)):
        raise ValueError(f"{msg} (got {shapes!r})")
    try:
        arr = np.asarray(shapes, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{msg} (got {shapes!r})") from None
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] != 2:
        raise ValueError(f"{msg} (got shape {arr.shape})")
    if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
        raise ValueError(f"{msg} (got {shapes!r})")
    length, cut = arr[:, 0], arr[:, 1]
    if np.any(length < 1) or np.any(length > _MAX_OCTAHEDRON_LENGTH) or np.any(cut < 0) \
            or np.any(length < 2 * cut + 1):
        raise ValueError(f"{msg} (got {shapes!r})")
    return [(int(a), int(b)) for a, b in arr]


#: (length, cutoff) of ase.cluster.Octahedron: truncated octahedra of growing size
CLUSTER_SHAPES = ((3, 1), (4, 1), (5, 1), (6, 2), (7, 2), (8, 2), (9, 3), (10, 3), (11, 3),
                  (12, 4), (13, 4), (14, 4))


def emt_cluster_energies(metal, shapes=CLUSTER_SHAPES):
    """Excess energy of truncated-octahedral clusters over the bulk (EMT, unrelaxed).

    Parameters
    ----------
    metal : str, one of ``EMT_METALS``
    shapes : sequence of (length, cutoff) for ``ase.cluster.Octahedron``: whole
        numbers with 1 <= length <= 30 and 0 <= cutoff <= (length - 1)/2

    Returns
    -------
    N : int array, atoms per cluster
    E_exc : float array, ``E(N) - N E_bulk`` [eV]

    Examples
    --------
    >>> N, E = emt_cluster_energies("Pt", ((3, 1),))
    >>> int(N[0]), bool(E[0] > 0)
    (13, True)

    Reference: Jacobsen et al. 1996; ASE cluster module.
    """
    _check_metal(metal)
    shapes = _check_shapes(shapes)
    from ase.cluster import Octahedron
    bk = emt_bulk(metal)
    N, E = [], []
    for length, cut in shapes:
        c = Octahedron(metal, length, cutoff=cut, latticeconstant=bk["a0"] * 1e10)
        N.append(len(c))
        E.append(_energy(c) - len(c) * bk["E_bulk"])
    return np.array(N), np.array(E)


def fit_cluster_excess(N, E_exc):
    """Least-squares fit ``E_exc = A N^(2/3) + B N^(1/3)`` (surface + edge terms).

    Parameters
    ----------
    N : array, atoms per cluster, >= 1
    E_exc : array, excess energy E(N) - N E_bulk [eV], same length as N (>= 2)

    Returns
    -------
    (A, B) : floats [eV]

    Reference: the liquid-drop expansion of cluster energies (surface + edge
    terms), applied here to EMT clusters (chapter 09).

    Examples
    --------
    >>> A, B = fit_cluster_excess([100, 1000], [2 * 100 ** (2 / 3), 2 * 100.0])
    >>> round(A, 6), abs(round(B, 6))
    (2.0, 0.0)
    """
    N = v.real("N", N, 1.0)
    E = v.real("E_exc", E_exc)
    if N.ndim != 1 or N.shape != E.shape or N.size < 2:
        raise ValueError(f"N and E_exc must be 1-D arrays of the same length >= 2 "
                         f"(got shapes {N.shape} and {E.shape})")
    if np.unique(N).size < 2:
        raise ValueError("N must hold at least 2 distinct cluster sizes >= 1 for a two-term fit")
    M = np.column_stack([N ** (2 / 3), N ** (1 / 3)])
    (A, B), *_ = np.linalg.lstsq(M, E, rcond=None)
    return float(A), float(B)


def cluster_excess_chemical_potential(N, A, B=0.0):
    """Excess chemical potential of an atom in an N-atom cluster [eV].

    ``mu - mu_bulk = dE_exc/dN = (2/3) A N^(-1/3) + (1/3) B N^(-2/3)``

    Parameters
    ----------
    N : float or array, atoms per cluster, >= 1
    A : float or array, surface coefficient [eV]
    B : float or array, edge coefficient [eV]

    Returns
    -------
    dmu : float or array [eV per atom]; divide by n for the potential shift in V

    Reference: derivative of :func:`fit_cluster_excess`'s law; with B = 0 it is
    Gibbs-Thomson 2 gamma V_m / r (Plieth 1982).

    Examples
    --------
    >>> round(cluster_excess_chemical_potential(1000, 3.0), 3)
    0.2
    """
    N = v.real("N", N, 1.0)
    A = v.real("A", A)
    B = v.real("B", B)
    return v.scalar_out(2.0 / 3.0 * A * N ** (-1 / 3) + B / 3.0 * N ** (-2 / 3))


def effective_surface_energy(A, V_m):
    """Surface energy [J/m^2] of a sphere whose surface term is A N^(2/3) [eV].

    ``A = gamma (4 pi)^(1/3) (3 V_m/N_A)^(2/3)``  ->  gamma.

    Parameters
    ----------
    A : float or array, surface coefficient [eV]
    V_m : float or array, molar volume [m^3/mol], > 0

    Returns
    -------
    gamma : float or array [J/m^2]

    Reference: sphere geometry, 4 pi r^2 gamma with 4/3 pi r^3 = N V_m / N_A.

    Examples
    --------
    >>> g = 1.5
    >>> A = g * (4 * math.pi) ** (1 / 3) * (3 * 9.09e-6 / N_A) ** (2 / 3) / e
    >>> round(effective_surface_energy(A, 9.09e-6), 6)
    1.5
    """
    A = v.real("A", A)
    Vm = v.positive("V_m", V_m, unit="m^3/mol")
    return v.scalar_out(A * e / ((4 * math.pi) ** (1 / 3) * (3 * Vm / N_A) ** (2 / 3)))


def emt_table():
    """Recompute every row of ``data/dissolution_emt.csv`` (list of dicts)."""
    rows = []
    for m in EMT_METALS:
        s = emt_site_energies(m)
        bk = emt_bulk(m)
        N, E = emt_cluster_energies(m)
        A, B = fit_cluster_excess(N, E)
        row = {"id": m, "E_coh_eV": round(s["E_coh"], 4), "a0_m": f"{bk['a0']:.5e}",
               "gamma111_J_m2": round(emt_surface_energy(m), 4),
               "cluster_A_eV": round(A, 4), "cluster_B_eV": round(B, 4)}
        for site in SITES:
            row[f"cn_{site}"] = s[site][0]
            row[f"E_{site}_eV"] = round(s[site][1], 4)
        row["source"] = "d09_ase_emt"
        rows.append(row)
    return rows


def write_emt_table(path=None):  # pragma: no cover - maintenance script
    """Write :func:`emt_table` to ``data/dissolution_emt.csv``."""
    import csv
    import os
    from pathlib import Path
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise ValueError(f"path must be None (the package data file) or a file path (got {path!r})")
    path = Path(path) if path else Path(__file__).with_name("data") / "dissolution_emt.csv"
    rows = emt_table()
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write("# EMT (ASE) energies, unrelaxed, computed by echemlab.dissolution.write_emt_table()\n"
                 "# E_site_eV: removal energy of the site atom to vacuum [eV]; gamma111 [J/m^2];\n"
                 "# cluster fit E(N) - N E_bulk = A N^(2/3) + B N^(1/3) [eV]\n")
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path
