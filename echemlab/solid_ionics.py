"""Solid-state ionics: charged defects in an oxide driven by grad mu~.

A dense oxide membrane (or SOFC electrolyte) separates two gases of oxygen
activity pO2' (feed / cathode side, x = 0) and pO2'' (permeate / anode side,
x = L). Oxide ions (or, equivalently, oxygen vacancies V_O**) and electrons /
holes move under the gradients of their electrochemical potentials
mu~_k = mu_k + z_k F phi. Each carrier k carries the current density

    i_k = -(sigma_k / (z_k F)) d mu~_k / dx          (A/m^2)

With local equilibrium O + 2 e- = O2- (mu~_O2- = mu_O + 2 mu~_e), zero total
current and electroneutrality, the electron electrochemical potential and the
oxygen flux follow from the oxygen chemical potential mu_O = mu_O^0 + (RT/2) ln pO2:

    d mu~_e/dx = -(t_ion / 2) d mu_O/dx
    j_O = -(sigma_amb / 4F^2) d mu_O/dx,   sigma_amb = sigma_ion sigma_el / (sigma_ion + sigma_el)

Integrated across the membrane this gives Wagner's permeation equation

    J_O2 = RT / (16 F^2 L) * integral_{ln pO2''}^{ln pO2'} sigma_amb d ln pO2      (mol O2 m^-2 s^-1)

and the open-circuit voltage of the mixed conductor

    E = (RT / 4F) * integral_{ln pO2''}^{ln pO2'} t_ion d ln pO2                 (V)

Sign conventions: pO2 is the oxygen activity pO2/p0 with p0 = 1 bar
(numerically the partial pressure in bar). J_O2 > 0 means oxygen flows from
the feed (x = 0) to the permeate (x = L). E > 0 means the high-pO2 side is the
positive electrode (the cathode of a fuel cell). Potentials in the profiles
are given relative to the low-pO2 face x = L.

Electronic conductivities follow the power laws of an acceptor-doped oxide
whose vacancy concentration is fixed by the dopant:
sigma_el = sigma_n1 pO2^(-1/4) + sigma_p1 pO2^(+1/4), with sigma_n1, sigma_p1
the n- and p-type conductivities at pO2 = 1 bar; sigma_ion is pO2-independent.

References: C. Wagner, Prog. Solid State Chem. 10, 3 (1975); J. Maier,
Physical Chemistry of Ionic Materials, Wiley (2004), ch. 6-7; J. Crank,
The Mathematics of Diffusion, 2nd ed. (1975), sec. 4.3.2.
"""
from functools import lru_cache

import numpy as np

from . import _validate as v
from .constants import F, R

#: Gauss-Legendre nodes used for the integrals over ln pO2 (exact to ~1e-13 on
#: the range of pO2 = 1e-45 ... 1e3 bar; tested against the closed forms).
_GL_NODES = 160
_gl_x, _gl_w = np.polynomial.legendre.leggauss(_GL_NODES)

PO2_MIN, PO2_MAX = 1e-45, 1e3  # bar: the range accepted for oxygen activities


# ---- input checks -------------------------------------------------------------

def _sigma(name, value):
    return v.nonnegative(name, value, unit="S/m")


def _po2(name, value):
    return v.real(name, value, lo=PO2_MIN, hi=PO2_MAX, unit="bar")


def _length(name, value):
    return v.real(name, value, lo=0.0, lo_open=True, hi=1.0, unit="m")


def _sigma_pair(sigma_ion, sigma_el):
    si, se = _sigma("sigma_ion", sigma_ion), _sigma("sigma_el", sigma_el)
    if np.any(si + se <= 0):
        raise ValueError("sigma_ion + sigma_el must be > 0 S/m (a conductor needs a carrier; got 0)")
    return si, se


def _ion_positive(sigma_ion):
    return v.real("sigma_ion", sigma_ion, lo=0.0, lo_open=True, unit="S/m")


# ---- local (differential) relations ------------------------------------------

def ambipolar_conductivity(sigma_ion, sigma_el):
    """Ambipolar conductivity sigma_ion sigma_el / (sigma_ion + sigma_el) [S/m].

    The conductance of ions and electrons *in series*: at zero current the
    slower carrier limits the coupled (ambipolar) transport of neutral oxygen.

    Parameters
    ----------
    sigma_ion, sigma_el : float or array
        Ionic and electronic partial conductivities [S/m], >= 0, not both 0.

    Returns
    -------
    float or array
        sigma_amb [S/m], never larger than min(sigma_ion, sigma_el).

    Examples
    --------
    >>> ambipolar_conductivity(2.0, 2.0)
    1.0

    Reference: J. Maier, Physical Chemistry of Ionic Materials (2004), sec. 6.6.
    """
    si, se = _sigma_pair(sigma_ion, sigma_el)
    return v.scalar_out(si * se / (si + se))


def transference_number(sigma_ion, sigma_el):
    """Ionic transference number t_ion = sigma_ion / (sigma_ion + sigma_el) [-].

    >>> transference_number(3.0, 1.0)
    0.75

    Reference: Maier (2004), sec. 6.2.
    """
    si, se = _sigma_pair(sigma_ion, sigma_el)
    return v.scalar_out(si / (si + se))


def zero_current_gradients(dmu_O_dx, sigma_ion, sigma_el):
    """Gradients set up by an oxygen chemical-potential gradient at zero current.

    For a membrane whose vacancy concentration is fixed by the dopant
    (mu_V uniform, hence d mu_e/dx = -(1/2) d mu_O/dx):

    * d mu~_e/dx = -(t_ion/2) d mu_O/dx        electron electrochemical potential
    * d phi/dx   = -(t_el/(2F)) d mu_O/dx      inner (Galvani) potential: the built-in field is -d phi/dx
    * j_O        = -(sigma_amb/(4F^2)) d mu_O/dx   flux of O (as O2- or -V_O**) [mol m^-2 s^-1]

    Parameters
    ----------
    dmu_O_dx : float or array
        Gradient of the oxygen chemical potential mu_O = mu_O^0 + (RT/2) ln pO2 [J mol^-1 m^-1].
    sigma_ion, sigma_el : float or array
        Partial conductivities [S/m].

    Returns
    -------
    dict
        ``dmu_e_dx`` [J mol^-1 m^-1], ``dphi_dx`` [V/m], ``j_O`` [mol m^-2 s^-1],
        ``i_ion`` and ``i_el`` [A/m^2] (equal and opposite).

    Examples
    --------
    A pure ionic conductor shorts nothing: no flux, and the whole chemical
    gradient is balanced by the field.

    >>> g = zero_current_gradients(1e6, 1.0, 0.0)
    >>> g["j_O"], round(g["dmu_e_dx"], 6)
    (-0.0, -500000.0)

    Reference: Maier (2004), sec. 6.6; Wagner (1975).
    """
    dmu = v.real("dmu_O_dx", dmu_O_dx, unit="J/(mol m)")
    si, se = _sigma_pair(sigma_ion, sigma_el)
    t_ion = si / (si + se)
    t_el = se / (si + se)
    s_amb = si * se / (si + se)
    dmu_e = -0.5 * t_ion * dmu
    # oxide-ion current i = -(sigma/(z F)) dmu~/dx with z = -2 and dmu~_O2- = dmu_O + 2 dmu~_e
    # = dmu_O (1 - t_ion) = t_el dmu_O (written with t_el: no cancellation when t_ion -> 1)
    i_ion = si / (2 * F) * t_el * dmu
    i_el = se / F * dmu_e  # z = -1
    return {
        "dmu_e_dx": v.scalar_out(dmu_e),
        "dphi_dx": v.scalar_out(-t_el * dmu / (2 * F)),
        "j_O": v.scalar_out(-s_amb * dmu / (4 * F**2)),
        "i_ion": v.scalar_out(i_ion),
        "i_el": v.scalar_out(i_el),
    }


# ---- conductivity models ------------------------------------------------------

def electronic_conductivity(pO2, sigma_n1=0.0, sigma_p1=0.0):
    """Electronic conductivity sigma_n1 pO2^(-1/4) + sigma_p1 pO2^(1/4) [S/m].

    The exponents are those of an acceptor-doped oxide with a fixed vacancy
    concentration: O_O = 1/2 O2 + V_O** + 2 e' gives n ~ pO2^(-1/4), and
    1/2 O2 + V_O** = O_O + 2 h* gives p ~ pO2^(+1/4).

    Parameters
    ----------
    pO2 : float or array
        Oxygen activity pO2/(1 bar), in [1e-45, 1e3].
    sigma_n1, sigma_p1 : float or array
        n- and p-type conductivities at pO2 = 1 bar [S/m], >= 0.

    >>> round(electronic_conductivity(1e-20, sigma_n1=1e-6), 12)
    0.1

    Reference: Maier (2004), sec. 5.5 (Brouwer diagram of an acceptor-doped oxide).
    """
    p = _po2("pO2", pO2)
    sn, sp = _sigma("sigma_n1", sigma_n1), _sigma("sigma_p1", sigma_p1)
    return v.scalar_out(sn * p**-0.25 + sp * p**0.25)


def electrolytic_domain(sigma_ion, sigma_n1=0.0, sigma_p1=0.0):
    """Boundaries of the electrolytic domain, where sigma_n or sigma_p equals sigma_ion.

    p_n = (sigma_n1/sigma_ion)^4 and p_p = (sigma_ion/sigma_p1)^4 [bar]; the
    oxide is a good electrolyte (t_ion > 1/2 for each electronic carrier alone)
    for p_n < pO2 < p_p.

    Returns
    -------
    (p_n, p_p) : floats or arrays [bar]; p_n = 0 without electrons, p_p = inf without holes.

    >>> pn, pp = electrolytic_domain(1.0, sigma_n1=1e-5, sigma_p1=1e-3)
    >>> f"{pn:.3g} {pp:.3g}"
    '1e-20 1e+12'

    Reference: Maier (2004), sec. 6.7.
    """
    si = _ion_positive(sigma_ion)
    sn, sp = _sigma("sigma_n1", sigma_n1), _sigma("sigma_p1", sigma_p1)
    pn = (sn / si) ** 4
    with np.errstate(divide="ignore"):
        pp = np.where(sp > 0, (si / np.where(sp > 0, sp, 1.0)) ** 4, np.inf)
    return v.scalar_out(pn), v.scalar_out(pp)


def arrhenius_conductivity(T, sigma0, Ea, T_power=0.0):
    """sigma = sigma0 T^T_power exp(-Ea/(R T)) [S/m].

    Parameters
    ----------
    T : float or array
        Temperature [K], > 0.
    sigma0 : float or array
        Prefactor [S/m K^(-T_power)], >= 0.
    Ea : float or array
        Activation energy [J/mol], >= 0.
    T_power : float
        0 for sigma = A exp(..), -1 for sigma T = A exp(..) (hopping conduction); in [-3, 3].

    >>> arrhenius_conductivity(1000.0, 5.0, 0.0)
    5.0
    """
    T = v.temperature(T)
    s0 = _sigma("sigma0", sigma0)
    Ea = v.nonnegative("Ea", Ea, unit="J/mol")
    T_power = v.real("T_power", T_power, lo=-3.0, hi=3.0)
    if T_power.ndim:
        raise ValueError("T_power must be a single number in [-3, 3] (got an array)")
    return v.scalar_out(s0 * T ** float(T_power) * np.exp(-Ea / (R * T)))


def _table():
    from .data import load_table

    return load_table("solid_ionics_conductivity")


def materials():
    """Names of the materials in ``echemlab/data/solid_ionics_conductivity.csv``.

    >>> sorted(materials())
    ['GDC10', 'YSZ8']
    """
    return sorted({rid.split("_")[0] for rid in _table()})


def conductivities(material, T):
    """Partial conductivities of a tabulated oxide at temperature T [S/m].

    Parameters
    ----------
    material : str
        ``"YSZ8"`` (8 mol% Y2O3-ZrO2) or ``"GDC10"`` (Ce0.9Gd0.1O1.95).
    T : float or array
        Temperature [K].

    Returns
    -------
    dict
        ``sigma_ion``, ``sigma_n1``, ``sigma_p1`` [S/m], the electronic values at
        pO2 = 1 bar (pass them to the other functions of this module).

    >>> c = conductivities("YSZ8", 1273.15)
    >>> round(c["sigma_ion"], 2)   # 3.34e4 exp(-10300/T): 0.10 S/cm at 1000 degC
    10.24

    References: see the ``source`` column of the data file.
    """
    table = _table()
    ids = [rid for rid in table if rid.split("_")[0] == material]
    if not ids:
        raise ValueError(f"material must be one of {materials()} (got {material!r})")
    T = v.temperature(T)
    out = {"sigma_ion": np.zeros_like(T), "sigma_n1": np.zeros_like(T), "sigma_p1": np.zeros_like(T)}
    for rid in ids:
        row = table[rid]
        if row["Ea_unit"] == "eV":
            Ea = float(row["Ea"]) * F  # eV per particle -> J/mol: 1 eV * N_A = F J/mol
        elif row["Ea_unit"] == "K":
            Ea = float(row["Ea"]) * R
        else:
            raise ValueError(f"{rid}: Ea_unit must be eV or K")
        s = float(row["sigma0"]) * T ** float(row["T_power"]) * np.exp(-Ea / (R * T))
        # value at pO2 = 1 bar: (1 bar / p_ref)^n
        s = s * (1.0 / float(row["p_ref"])) ** float(row["n_pO2"])
        key = {"ion": "sigma_ion", "n": "sigma_n1", "p": "sigma_p1"}[row["carrier"]]
        out[key] = out[key] + s
    return {k: v.scalar_out(val) for k, val in out.items()}


# ---- integrals over ln pO2 ----------------------------------------------------

def _gl_integral(f, u_lo, u_hi):
    """Gauss-Legendre integral of f(u) from u_lo to u_hi, broadcast over arrays."""
    u_lo, u_hi = np.asarray(u_lo, float), np.asarray(u_hi, float)
    half = 0.5 * (u_hi - u_lo)
    mid = 0.5 * (u_hi + u_lo)
    u = mid[..., None] + half[..., None] * _gl_x
    return half * np.sum(_gl_w * f(u), axis=-1)


def _sig_el_u(u, sn, sp):
    return sn[..., None] * np.exp(-0.25 * u) + sp[..., None] * np.exp(0.25 * u)


def nernst_voltage(pO2_high, pO2_low, T):
    """Nernst voltage of an oxygen concentration cell, E_N = (RT/4F) ln(pO2'/pO2'') [V].

    The open-circuit voltage of a purely ionic electrolyte; positive when the
    first argument is the higher activity (that side is the positive electrode).

    >>> round(nernst_voltage(1.0, 1e-20, 1000.0), 4)   # 21.54 mV per e-fold x ln(1e20)
    0.9921

    Reference: any electrochemistry text; Maier (2004), sec. 7.3.
    """
    p1, p2 = _po2("pO2_high", pO2_high), _po2("pO2_low", pO2_low)
    T = v.temperature(T)
    return v.scalar_out(R * T / (4 * F) * (np.log(p1) - np.log(p2)))


def _electronic_args(sigma_el, sigma_n1, sigma_p1):
    if sigma_el is not None and not callable(sigma_el):
        raise ValueError("sigma_el must be a callable sigma_el(pO2) [S/m] or None")
    return _sigma("sigma_n1", sigma_n1), _sigma("sigma_p1", sigma_p1)


def _el_fn(sigma_el, sn, sp):
    if sigma_el is None:
        return lambda u: _sig_el_u(u, sn, sp)

    def f(u):
        s = np.asarray(sigma_el(np.exp(u)), dtype=float)
        if not np.all(np.isfinite(s)) or np.any(s < 0):
            raise ValueError("sigma_el(pO2) must return finite values >= 0 S/m")
        return s
    return f


def open_circuit_voltage(pO2_high, pO2_low, T, sigma_ion, sigma_n1=0.0, sigma_p1=0.0, sigma_el=None):
    """Open-circuit voltage of a mixed conductor, E = (RT/4F) int t_ion d ln pO2 [V].

    Integrated numerically (Gauss-Legendre in ln pO2) with electrodes assumed
    reversible (the gas activities are reached at the two faces).

    Parameters
    ----------
    pO2_high, pO2_low : float or array
        Oxygen activities of the positive (cathode) and negative (anode) side [bar].
    T : float or array
        Temperature [K].
    sigma_ion : float or array
        Ionic conductivity [S/m], > 0, pO2-independent.
    sigma_n1, sigma_p1 : float or array
        n- and p-type conductivity at 1 bar [S/m] (power laws -1/4, +1/4).
    sigma_el : callable, optional
        sigma_el(pO2) [S/m], replaces the power laws (any pO2 dependence).

    Returns
    -------
    float or array
        E [V]; equals the Nernst voltage when sigma_el = 0.

    Examples
    --------
    >>> round(open_circuit_voltage(0.21, 1e-20, 1073.15, 2.0), 6) == round(nernst_voltage(0.21, 1e-20, 1073.15), 6)
    True

    References: Wagner (1975); Maier (2004), sec. 7.3; H. Schmalzried, Z. Phys. Chem. NF 38, 87 (1963).
    """
    p1, p2 = _po2("pO2_high", pO2_high), _po2("pO2_low", pO2_low)
    T = v.temperature(T)
    si = _ion_positive(sigma_ion)
    sn, sp = _electronic_args(sigma_el, sigma_n1, sigma_p1)
    p1, p2, T, si, sn, sp = np.broadcast_arrays(p1, p2, T, si, sn, sp)
    fel = _el_fn(sigma_el, sn, sp)
    integral = _gl_integral(lambda u: si[..., None] / (si[..., None] + fel(u)), np.log(p2), np.log(p1))
    return v.scalar_out(R * T / (4 * F) * integral)


def oxygen_permeation_flux(pO2_feed, pO2_perm, L, T, sigma_ion, sigma_n1=0.0, sigma_p1=0.0,
                           sigma_el=None):
    """Wagner oxygen permeation flux through a dense mixed conductor [mol O2 m^-2 s^-1].

    J_O2 = RT/(16 F^2 L) int_{ln pO2''}^{ln pO2'} sigma_ion sigma_el/(sigma_ion+sigma_el) d ln pO2,
    integrated numerically (Gauss-Legendre in ln pO2). Bulk-diffusion limited:
    surface exchange is assumed fast.

    Parameters
    ----------
    pO2_feed, pO2_perm : float or array
        Oxygen activity on the feed (x = 0) and permeate (x = L) side [bar].
    L : float or array
        Membrane thickness [m], in (0, 1].
    T : float or array
        Temperature [K].
    sigma_ion : float or array
        Ionic conductivity [S/m], > 0.
    sigma_n1, sigma_p1 : float or array
        n- and p-type conductivity at 1 bar [S/m].
    sigma_el : callable, optional
        sigma_el(pO2) [S/m] replacing the power laws.

    Returns
    -------
    float or array
        J_O2 [mol O2 m^-2 s^-1], > 0 from feed to permeate. Multiply by 4F for
        the equivalent (leakage) current density in A/m^2.

    Examples
    --------
    Electron-rich limit (sigma_el >> sigma_ion): J = RT sigma_ion ln(p'/p'')/(16 F^2 L).

    >>> J = oxygen_permeation_flux(1.0, 1e-2, 1e-3, 1000.0, 1.0, sigma_n1=1e6)
    >>> round(float(J / (8.314462618 * 1000.0 * 1.0 * np.log(100.0) / (16 * 96485.33212**2 * 1e-3))), 4)
    1.0

    References: Wagner (1975); H. J. M. Bouwmeester, A. J. Burggraaf, in The CRC Handbook
    of Solid State Electrochemistry (1997), ch. 14.
    """
    p1, p2 = _po2("pO2_feed", pO2_feed), _po2("pO2_perm", pO2_perm)
    L = _length("L", L)
    T = v.temperature(T)
    si = _ion_positive(sigma_ion)
    sn, sp = _electronic_args(sigma_el, sigma_n1, sigma_p1)
    p1, p2, L, T, si, sn, sp = np.broadcast_arrays(p1, p2, L, T, si, sn, sp)
    fel = _el_fn(sigma_el, sn, sp)

    def amb(u):
        s_e = fel(u)
        s_i = si[..., None]
        return s_i * s_e / (s_i + s_e)
    integral = _gl_integral(amb, np.log(p2), np.log(p1))
    return v.scalar_out(R * T / (16 * F**2 * L) * integral)


# ---- closed forms (constant sigma_ion, power-law electronic conductivity) ----

def _tion_primitive(z, a, b):
    """G(z) with dG = t_ion d ln pO2, z = pO2^(1/4), a = p_n^(1/4), b = p_p^(1/4).

    t_ion = 1/(1 + a/z + z/b); d ln p = 4 dz/z, so dG = 4 b dz/(z^2 + b z + a b).
    b = inf (no holes) and a = 0 (no electrons) are handled exactly.
    """
    z, a, b = np.broadcast_arrays(np.asarray(z, float), np.asarray(a, float), np.asarray(b, float))
    out = np.empty(z.shape)
    nohole = ~np.isfinite(b)
    # no holes: t = z/(z + a): G = 4 ln(z + a)
    out[nohole] = 4 * np.log(z[nohole] + a[nohole])
    m = ~nohole
    zz, aa, bb = z[m], a[m], b[m]
    disc = bb * bb - 4 * aa * bb          # b^2 - 4ab
    res = np.empty(zz.shape)
    rel = disc / (bb * bb)
    pos = rel > 1e-10
    if np.any(pos):
        s = np.sqrt(disc[pos])
        z_, a_, b_ = zz[pos], aa[pos], bb[pos]
        r_minus = -(b_ + s) / 2                 # the large root
        r_plus = -2 * a_ * b_ / (b_ + s)        # the small root, without cancellation
        # int 4b dz /((z - r+)(z - r-)) = (4b / s) ln((z - r+)/(z - r-))
        res[pos] = 4 * b_ / s * (np.log(z_ - r_plus) - np.log(z_ - r_minus))
    neg = rel < -1e-10
    if np.any(neg):
        q = np.sqrt(-disc[neg])
        z_, b_ = zz[neg], bb[neg]
        res[neg] = 4 * b_ * 2 / q * np.arctan((2 * z_ + b_) / q)
    deg = ~(pos | neg)
    if np.any(deg):  # b = 4a: int 4b dz/(z + b/2)^2
        res[deg] = -4 * bb[deg] / (zz[deg] + bb[deg] / 2)
    out[m] = res
    return out


def _tel_integral(z1, z2, a, b):
    """int_{ln p2}^{ln p1} t_el d ln pO2 in closed form, z = pO2^(1/4), written
    without the cancellation of (ln p1 - ln p2) - int t_ion (t_el may be ~1e-12)."""
    z1, z2, a, b = np.broadcast_arrays(*(np.asarray(q, float) for q in (z1, z2, a, b)))
    out = np.empty(z1.shape)
    nohole = ~np.isfinite(b)
    # t_el = a/(z + a): int 4 a dz/(z (z + a)) = -4 log1p(a/z)
    out[nohole] = 4 * (np.log1p(a[nohole] / z2[nohole]) - np.log1p(a[nohole] / z1[nohole]))
    m = ~nohole
    Z1, Z2, A, B = z1[m], z2[m], a[m], b[m]
    res = np.empty(Z1.shape)
    disc = B * B - 4 * A * B
    pos = disc / (B * B) > 1e-10
    if np.any(pos):
        z1_, z2_, a_, b_ = Z1[pos], Z2[pos], A[pos], B[pos]
        sq = np.sqrt(disc[pos])
        r_plus = -2 * a_ * b_ / (b_ + sq)
        r_minus = -(b_ + sq) / 2
        c = 4 * b_ / sq
        # t_el d ln p = 4 dz/z - 4b dz/((z - r+)(z - r-)); 1 - b/s = -4ab/(s (b + s))
        res[pos] = (-16 * a_ * b_ / (sq * (b_ + sq)) * (np.log(z1_) - np.log(z2_))
                    - c * (np.log1p(-r_plus / z1_) - np.log1p(-r_plus / z2_))
                    + c * np.log1p((z1_ - z2_) / (z2_ - r_minus)))
    rest = ~pos
    if np.any(rest):
        z1_, z2_, a_, b_ = Z1[rest], Z2[rest], A[rest], B[rest]
        G = _tion_primitive(z1_, a_, b_) - _tion_primitive(z2_, a_, b_)
        res[rest] = 4 * (np.log(z1_) - np.log(z2_)) - G
    out[m] = res
    return out


def _domain_params(si, sn, sp):
    a = sn / si                      # p_n^(1/4)
    with np.errstate(divide="ignore"):
        b = np.where(sp > 0, si / np.where(sp > 0, sp, 1.0), np.inf)   # p_p^(1/4)
    return a, b


def open_circuit_voltage_exact(pO2_high, pO2_low, T, sigma_ion, sigma_n1=0.0, sigma_p1=0.0):
    """Closed-form OCV of a mixed conductor with constant sigma_ion and both
    electronic power laws [V] (exact partial-fraction integral of t_ion).

    With z = pO2^(1/4), a = p_n^(1/4), b = p_p^(1/4) and b > 4a:

        E = (RT/F) (b/s) ln[ (z' - r+)(z'' - r-) / ((z'' - r+)(z' - r-)) ],
        r+- = (-b +- s)/2, s = sqrt(b^2 - 4ab),

    which tends to Schmalzried's formula
    E = (RT/F) [ln((a + z')/(a + z'')) + ln((b + z'')/(b + z'))] for a << b.

    >>> E = open_circuit_voltage_exact(1.0, 1e-20, 1000.0, 1.0, sigma_n1=1e-5)  # pO2'' = p_n
    >>> round(float(E / (8.314462618 * 1000 / 96485.33212 * np.log((1 + 1e-5) / 2e-5))), 6)
    1.0

    Reference: H. Schmalzried, Z. Phys. Chem. NF 38, 87 (1963); Maier (2004), sec. 7.3.
    """
    p1, p2 = _po2("pO2_high", pO2_high), _po2("pO2_low", pO2_low)
    T = v.temperature(T)
    si = _ion_positive(sigma_ion)
    sn, sp = _sigma("sigma_n1", sigma_n1), _sigma("sigma_p1", sigma_p1)
    a, b = _domain_params(si, sn, sp)
    G = _tion_primitive(p1**0.25, a, b) - _tion_primitive(p2**0.25, a, b)
    return v.scalar_out(R * T / (4 * F) * G)


def oxygen_permeation_flux_exact(pO2_feed, pO2_perm, L, T, sigma_ion, sigma_n1=0.0, sigma_p1=0.0):
    """Closed-form Wagner flux for constant sigma_ion and power-law sigma_el [mol O2 m^-2 s^-1].

    Because sigma_amb = sigma_ion t_el = sigma_ion (1 - t_ion), the Wagner
    integral reduces to the OCV integral:

        J_O2 = sigma_ion (E_N - E) / (4 F L)

    i.e. the flux is the ionic current driven through the ionic resistance by
    the voltage shortfall E_N - E (the internal short circuit).

    >>> J = oxygen_permeation_flux_exact(1.0, 1e-20, 1e-3, 1000.0, 1.0, sigma_n1=1e-5)
    >>> round(J / oxygen_permeation_flux(1.0, 1e-20, 1e-3, 1000.0, 1.0, sigma_n1=1e-5), 10)
    1.0

    Reference: Maier (2004), sec. 7.3; Bouwmeester & Burggraaf (1997).
    """
    p1, p2 = _po2("pO2_feed", pO2_feed), _po2("pO2_perm", pO2_perm)
    L = _length("L", L)
    T = v.temperature(T)
    si = _ion_positive(sigma_ion)
    sn, sp = _sigma("sigma_n1", sigma_n1), _sigma("sigma_p1", sigma_p1)
    a, b = _domain_params(si, sn, sp)
    # evaluated as int t_el d ln p directly (no cancellation of E_N - E)
    tel = _tel_integral(p1**0.25, p2**0.25, a, b)
    return v.scalar_out(R * T * si * tel / (16 * F**2 * L))


# ---- steady profiles across the membrane ---------------------------------------

def membrane_profiles(pO2_feed, pO2_perm, T, sigma_ion, sigma_n1=0.0, sigma_p1=0.0, n=201):
    """Steady profiles of pO2, mu_O, the electron electrochemical potential and the
    inner potential across a membrane (constant sigma_ion, power-law sigma_el).

    At steady state the O flux is uniform, so Phi(ln p) = int sigma_amb d ln p is
    linear in x: x/L = (Phi(ln p') - Phi(ln p)) / (Phi(ln p') - Phi(ln p'')).
    The potentials follow from the zero-current gradients (fixed vacancy
    concentration), integrated in closed form.

    Parameters
    ----------
    pO2_feed, pO2_perm : float
        Oxygen activities at x = 0 and x = L [bar] (scalars).
    T, sigma_ion, sigma_n1, sigma_p1 : float
        Temperature [K] and conductivities [S/m] (scalars).
    n : int
        Number of points, uniformly spaced in ln pO2 (dense where pO2 varies fast).

    Returns
    -------
    dict of arrays (feed side first)
        ``x`` (x/L, from 0 to 1), ``pO2`` [bar], ``mu_O`` (mu_O - mu_O^0 = (RT/2) ln pO2) [J/mol],
        ``E`` = -(mu~_e - mu~_e(L))/F [V] (the voltmeter potential; E(0) is the OCV),
        ``phi`` = phi - phi(L) [V] (inner potential, fixed vacancy concentration),
        ``t_ion`` [-]; and the scalars ``ocv``, ``nernst`` [V].

    A pure ionic conductor carries no flux, so it has no steady profile:

    >>> prof = membrane_profiles(1.0, 1e-20, 1000.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: membrane_profiles needs sigma_n1 > 0 or sigma_p1 > 0 (no flux, no profile)

    >>> prof = membrane_profiles(1.0, 1e-20, 1000.0, 1.0, sigma_p1=1e6)   # electron-rich: ln pO2 linear in x
    >>> round(float(np.log10(prof["pO2"][prof["x"].searchsorted(0.5)])), 1)
    -10.0

    Reference: Wagner (1975); Maier (2004), sec. 6.6 and 7.3.
    """
    for name, val in (("pO2_feed", pO2_feed), ("pO2_perm", pO2_perm), ("T", T), ("sigma_ion", sigma_ion),
                      ("sigma_n1", sigma_n1), ("sigma_p1", sigma_p1)):
        if np.ndim(val):
            raise ValueError(f"membrane_profiles takes scalar {name} (got an array)")
    p1, p2 = float(_po2("pO2_feed", pO2_feed)), float(_po2("pO2_perm", pO2_perm))
    if p1 == p2:
        raise ValueError("pO2_feed and pO2_perm must differ (no gradient, no profile)")
    T = float(v.temperature(T))
    si = float(_ion_positive(sigma_ion))
    sn, sp = float(_sigma("sigma_n1", sigma_n1)), float(_sigma("sigma_p1", sigma_p1))
    if sn == 0 and sp == 0:
        raise ValueError("membrane_profiles needs sigma_n1 > 0 or sigma_p1 > 0 (no flux, no profile)")
    n = int(v.count("n", n, lo=3))
    a, b = _domain_params(np.float64(si), np.float64(sn), np.float64(sp))
    u = np.linspace(np.log(p1), np.log(p2), n)
    z = np.exp(u / 4)
    tel_int = _tel_integral(z, np.full(n, z[-1]), a, b)   # int t_el du from the permeate face
    U = u - u[-1]
    G = U - tel_int                                         # int t_ion du from the permeate face
    Phi = si * tel_int                      # int sigma_amb du
    x = (Phi[0] - Phi) / (Phi[0] - Phi[-1])
    s_el = sn * z**-1 + sp * z
    return {
        "x": x, "pO2": np.exp(u), "mu_O": 0.5 * R * T * u,
        "E": R * T / (4 * F) * G, "phi": -R * T / (4 * F) * tel_int,
        "t_ion": si / (si + s_el),
        "ocv": R * T / (4 * F) * G[0], "nernst": R * T / (4 * F) * U[0],
    }


# ---- gas-phase oxygen activity of H2/H2O fuel ----------------------------------

def water_formation_gibbs(T):
    """Standard Gibbs energy of formation of H2O(g), Delta_f G(T) [J/mol], 500-1200 K.

    Linear interpolation in the NIST-JANAF table (every 100 K; the curvature
    between the points is below 0.02 kJ/mol).

    >>> water_formation_gibbs(1000.0)
    -192590.0

    Reference: M. W. Chase, NIST-JANAF Thermochemical Tables, 4th ed. (1998), H2O(g).
    """
    from .data import load_table

    rows = sorted(load_table("solid_ionics_thermo").values(), key=lambda r: r["T"])
    Ts = np.array([r["T"] for r in rows])
    G = np.array([r["dGf"] for r in rows])
    T = v.real("T", T, lo=Ts[0], hi=Ts[-1], unit="K")
    return v.scalar_out(np.interp(T, Ts, G))


def h2_h2o_oxygen_activity(T, pH2, pH2O):
    """Equilibrium oxygen activity of an H2/H2O mixture, H2 + 1/2 O2 = H2O [bar].

    pO2 = (pH2O / (pH2 K))^2 with ln K = -Delta_f G(H2O, g)/(RT).

    Parameters
    ----------
    T : float or array
        Temperature [K], 500-1200.
    pH2, pH2O : float or array
        Partial pressures [bar], > 0.

    >>> p = h2_h2o_oxygen_activity(1000.0, 0.5, 0.5)
    >>> round(float(np.log10(p)), 2)          # 2 Delta_f G / (RT ln 10)
    -20.12

    Reference: JANAF (Chase 1998).
    """
    T = v.temperature(T)
    pH2 = v.positive("pH2", pH2, unit="bar")
    pH2O = v.positive("pH2O", pH2O, unit="bar")
    lnK = -np.asarray(water_formation_gibbs(T)) / (R * T)
    return v.scalar_out(np.exp(2 * (np.log(pH2O) - np.log(pH2) - lnK)))


# ---- chemical diffusion and conductivity relaxation (beyond the text) ---------

def chemical_diffusion_coefficient(sigma_ion, sigma_el, T, c_V, c_e):
    """Chemical diffusion coefficient of oxygen in an acceptor-doped oxide [m^2/s].

    D~ = sigma_amb / (4 F^2) * d mu_O / d c_O with, for dilute vacancies V_O**
    and electrons e' and a fixed acceptor concentration (2 dc_V = dc_e),
    d mu_O / d c_O = RT (1/c_V + 4/c_e):

        D~ = sigma_amb R T (1/c_V + 4/c_e) / (4 F^2)

    For sigma_el << sigma_ion and c_e << c_V this is the electron diffusivity
    D_e = RT sigma_el/(F^2 c_e): the minority carrier controls D~.

    Parameters
    ----------
    sigma_ion, sigma_el : float or array
        Partial conductivities [S/m].
    T : float or array
        Temperature [K].
    c_V, c_e : float or array
        Concentrations of oxygen vacancies and electrons [mol/m^3], > 0.

    >>> D = chemical_diffusion_coefficient(1e6, 1.0, 1000.0, 1e9, 1.0)
    >>> round(D / (8.314462618 * 1000.0 * 1.0 / (96485.33212**2 * 1.0)), 5)
    1.0

    Reference: Maier (2004), sec. 7.2 (chemical diffusion, thermodynamic factor).
    """
    si, se = _sigma_pair(sigma_ion, sigma_el)
    T = v.temperature(T)
    cV = v.positive("c_V", c_V, unit="mol/m^3")
    ce = v.positive("c_e", c_e, unit="mol/m^3")
    amb = si * se / (si + se)
    return v.scalar_out(amb * R * T * (1 / cV + 4 / ce) / (4 * F**2))


def relaxation_roots(Lambda, n_terms):
    """First n_terms positive roots beta_n of beta tan(beta) = Lambda [-].

    beta_n = n pi + d_n with d_n in (0, pi/2); d_n is found by vectorized
    bisection on (n pi + d) sin(d) - Lambda cos(d) (no poles, no rounding of
    sin(n pi)), then Newton polishing.

    Parameters
    ----------
    Lambda : float
        a k / D~, > 0 (dimensionless surface-exchange rate, the Biot number).
    n_terms : int
        Number of roots, >= 1.

    >>> round(float(relaxation_roots(1.0, 1)[0]), 6)   # Crank (1975), table 4.1: 0.8603
    0.860334

    Reference: Crank (1975), eq. 4.52.
    """
    lam = float(v.positive("Lambda", Lambda))
    n = int(v.count("n_terms", n_terms, lo=1))
    return _roots_cached(lam, n).copy()


@lru_cache(maxsize=64)
def _roots_cached(lam, n):
    # beta = k pi + d with d in (0, pi/2): (k pi + d) tan d = Lambda. Working with d
    # avoids the rounding of sin(k pi), which swamps Lambda when Lambda is tiny.
    kpi = np.arange(n) * np.pi
    lo, hi = np.zeros(n), np.full(n, np.pi / 2)

    def g(d):
        return (kpi + d) * np.sin(d) - lam * np.cos(d)
    for _ in range(40):   # g(0) = -Lambda < 0 < g(pi/2): bisect, then Newton (quadratic)
        mid = 0.5 * (lo + hi)
        neg = g(mid) < 0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    d = 0.5 * (lo + hi)
    for _ in range(4):
        d = d - g(d) / ((1 + lam) * np.sin(d) + (kpi + d) * np.cos(d))
    beta = kpi + d
    beta.setflags(write=False)
    return beta


_TAU_SHORT = 1e-3  # below this dimensionless time the plate is semi-infinite to < 1e-100


def _n_terms_needed(tau_min):
    return int(min(20000, max(50, np.sqrt(60.0 / max(tau_min, 1e-12)) / np.pi + 10)))


def conductivity_relaxation(t, half_thickness, D_chem, k_chem):
    """Normalized relaxation g(t) = (M_t - M_0)/(M_inf - M_0) of a plate after a pO2 step [-].

    Analytic series solution for a plate of thickness 2a exchanging oxygen on
    both faces with surface-exchange coefficient k (flux k (c_inf - c_surface))
    and chemical diffusion coefficient D~ (Crank 1975, eq. 4.54):

        g = 1 - sum_n 2 Lambda^2 exp(-beta_n^2 tau) / (beta_n^2 (beta_n^2 + Lambda^2 + Lambda)),

    beta_n tan beta_n = Lambda = a k / D~, tau = D~ t / a^2. For tau < 1e-3 the
    two faces do not yet see each other and the exact semi-infinite solution
    (Crank 1975, sec. 3.3.3, surface evaporation) is used instead, which the
    series would need thousands of terms to reproduce:

        g = [erfcx(Lambda sqrt(tau)) - 1 + 2 Lambda sqrt(tau/pi)] / Lambda.

    In electrical conductivity relaxation (ECR) g is the normalized conductivity
    change after a small pO2 step.

    Parameters
    ----------
    t : float or array
        Time since the step [s], >= 0.
    half_thickness : float
        a [m], > 0.
    D_chem : float
        D~ [m^2/s], > 0.
    k_chem : float
        k [m/s], > 0.

    Returns
    -------
    float or array in [0, 1].

    >>> round(conductivity_relaxation(0.0, 1e-3, 1e-10, 1e-6), 12)
    0.0

    Reference: Crank (1975), sec. 3.3.3 and 4.3.2; Lane et al., Solid State Ionics 121, 201 (1999).
    """
    from scipy.special import erfcx

    t = v.nonnegative("t", t, unit="s")
    a = float(_length("half_thickness", half_thickness))
    D = float(v.positive("D_chem", D_chem, unit="m^2/s"))
    k = float(v.positive("k_chem", k_chem, unit="m/s"))
    lam = a * k / D
    tau = t * D / a**2
    long = tau >= _TAU_SHORT
    g = np.empty(tau.shape)
    if np.any(long):
        beta = relaxation_roots(lam, _n_terms_needed(_TAU_SHORT))
        coef = 2 * lam**2 / (beta**2 * (beta**2 + lam**2 + lam))
        g[long] = 1 - np.sum(coef * np.exp(-np.multiply.outer(tau[long], beta**2)), axis=-1)
    short = ~long
    if np.any(short):
        x = lam * np.sqrt(tau[short])
        g[short] = (erfcx(x) - 1 + 2 * x / np.sqrt(np.pi)) / lam
    return v.scalar_out(np.clip(g, 0.0, 1.0))


def relaxation_profile(x_over_a, t, half_thickness, D_chem, k_chem):
    """Normalized concentration u = (c - c_0)/(c_inf - c_0) inside the plate [-].

    u(x, t) = 1 - sum_n 2 Lambda cos(beta_n x/a) exp(-beta_n^2 tau) / ((beta_n^2 + Lambda^2 + Lambda) cos beta_n),
    x measured from the mid-plane (Crank 1975, eq. 4.53). Valid for tau = D~t/a^2 >= 1e-3.

    Parameters
    ----------
    x_over_a : float or array
        Position over half-thickness, in [0, 1].
    t : float or array
        Time(s) [s], each with D~ t / a^2 >= 1e-3.
    half_thickness, D_chem, k_chem : float
        a [m], D~ [m^2/s], k [m/s].

    Returns
    -------
    array of shape t.shape + x_over_a.shape (a float for scalar inputs).

    >>> u = relaxation_profile([0.0, 1.0], 1e12, 1e-3, 1e-10, 1e-6)
    >>> [round(float(q), 9) for q in u]
    [1.0, 1.0]

    Reference: Crank (1975), eq. 4.53.
    """
    xa = v.real("x_over_a", x_over_a, lo=0.0, hi=1.0)
    a = float(_length("half_thickness", half_thickness))
    D = float(v.positive("D_chem", D_chem, unit="m^2/s"))
    k = float(v.positive("k_chem", k_chem, unit="m/s"))
    tt = v.nonnegative("t", t, unit="s")
    tau = tt * D / a**2
    if np.any(tau < _TAU_SHORT):
        raise ValueError(f"t must give D~ t / a^2 >= {_TAU_SHORT:g} (got {float(tau.min()):g}); the series "
                         "needs too many terms earlier")
    lam = a * k / D
    beta = _roots_cached(lam, _n_terms_needed(float(tau.min())))
    coef = 2 * lam * np.exp(-np.multiply.outer(tau, beta**2)) / ((beta**2 + lam**2 + lam) * np.cos(beta))
    modes = np.cos(np.multiply.outer(xa, beta))             # x.shape + (n,)
    u = 1 - np.tensordot(coef, modes, axes=([-1], [-1]))    # t.shape + x.shape
    return v.scalar_out(u)


def conductivity_relaxation_numeric(t, half_thickness, D_chem, k_chem, n_cells=200, method="eig"):
    """g(t) from a numerical solution of the diffusion equation (method of lines) [-].

    Space: finite volumes on the half plate 0 < x < a (symmetry at x = 0) with
    the surface-exchange (Robin) condition at x = a written as the resistance
    h/(2 D~) + 1/k in series; second-order in h = a/n_cells. Time: the linear
    system du/dt = A u + b is integrated either exactly through the
    eigen-decomposition of the (symmetric, tridiagonal) matrix A
    (``method="eig"``) or by scipy's implicit Radau stepper (``method="radau"``).
    Neither route uses the roots of beta tan(beta) = Lambda: it is an
    independent check of the series solution.

    Parameters
    ----------
    t : array
        Output times [s], >= 0.
    half_thickness, D_chem, k_chem : float
        a [m], D~ [m^2/s], k [m/s].
    n_cells : int
        Number of finite volumes, >= 4.
    method : {"eig", "radau"}

    >>> g = conductivity_relaxation_numeric([0.0, 1e9], 1e-3, 1e-10, 1e-6)
    >>> float(g[0]), round(float(g[1]), 6)
    (0.0, 1.0)

    Reference: Crank (1975), ch. 8 (numerical methods).
    """
    from scipy.linalg import eigh_tridiagonal

    t = v.nonnegative("t", t, unit="s")
    if t.ndim != 1:
        raise ValueError("t must be a 1-d array of times >= 0 s")
    a = float(_length("half_thickness", half_thickness))
    D = float(v.positive("D_chem", D_chem, unit="m^2/s"))
    k = float(v.positive("k_chem", k_chem, unit="m/s"))
    N = int(v.count("n_cells", n_cells, lo=4))
    if method not in ("eig", "radau"):
        raise ValueError(f"method must be 'eig' or 'radau' (got {method!r})")
    h = a / N
    g_s = 1.0 / (h * (h / (2 * D) + 1 / k))   # surface conductance / cell width [1/s]
    main = np.full(N, -2.0 * D / h**2)
    main[0] = -D / h**2
    main[-1] = -D / h**2 - g_s
    off = np.full(N - 1, D / h**2)
    if method == "eig":
        # w = 1 - u obeys dw/dt = A w, w(0) = 1: w(t) = V exp(lambda t) V^T 1
        lam, V = eigh_tridiagonal(main, off)
        c = V.T @ np.ones(N)
        w = V @ (c[:, None] * np.exp(np.multiply.outer(lam, t)))
        return 1.0 - np.mean(w, axis=0)
    from scipy.integrate import solve_ivp
    from scipy.sparse import diags

    A = diags([off, main, off], [-1, 0, 1], format="csc")
    order = np.argsort(t)
    t_end = float(t.max()) if t.max() > 0 else 1.0
    sol = solve_ivp(lambda _, w: A @ w, (0.0, t_end), np.ones(N), method="Radau", jac=A,
                    t_eval=t[order], rtol=1e-9, atol=1e-12)
    if not sol.success:  # pragma: no cover - Radau on a linear stable system
        raise RuntimeError(f"relaxation PDE solver failed: {sol.message}")
    g = np.empty(t.shape)
    g[order] = 1.0 - np.mean(sol.y, axis=0)
    return g


def fit_relaxation(t, g, half_thickness, D0=1e-10, k0=1e-6):
    """Fit D~ and k to a measured relaxation curve g(t) (least squares in log-parameters).

    Parameters
    ----------
    t, g : arrays
        Times [s] and normalized response [-].
    half_thickness : float
        a [m].
    D0, k0 : float
        Starting guesses [m^2/s], [m/s].

    Returns
    -------
    (D_chem, k_chem) : floats [m^2/s], [m/s].

    >>> tt = np.logspace(0, 5, 40)
    >>> gg = conductivity_relaxation(tt, 5e-4, 3e-10, 2e-7)
    >>> D, k = fit_relaxation(tt, gg, 5e-4)
    >>> round(D / 3e-10, 4), round(k / 2e-7, 4)
    (1.0, 1.0)

    Reference: Lane et al. (1999); den Otter et al., J. Electrochem. Soc. 148, J1 (2001).
    """
    from scipy.optimize import least_squares

    t = v.nonnegative("t", t, unit="s")
    g = v.real("g", g)
    if t.shape != g.shape or t.ndim != 1 or t.size < 3:
        raise ValueError("t and g must be 1-d arrays of the same length >= 3")
    a = float(_length("half_thickness", half_thickness))
    D0 = float(v.positive("D0", D0, unit="m^2/s"))
    k0 = float(v.positive("k0", k0, unit="m/s"))

    def resid(p):
        return conductivity_relaxation(t, a, np.exp(p[0]), np.exp(p[1])) - g
    sol = least_squares(resid, np.log([D0, k0]), x_scale=1.0, xtol=1e-14, ftol=1e-14, gtol=1e-14)
    return float(np.exp(sol.x[0])), float(np.exp(sol.x[1]))
