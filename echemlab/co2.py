"""Thermodynamics of CO2 electroreduction from dissolved, bicarbonate or carbonate feeds.

Sign conventions
----------------
* Potentials are reduction potentials in V, on the SHE scale unless the name
  or the ``scale`` argument says RHE: E_RHE = E_SHE + (RT ln10 / F) pH.
* Gibbs energies are of the reaction as written, J/mol; a positive
  Delta G_pre means the pre-equilibrium HCO3- + H+ -> CO2(aq) + H2O runs uphill.

Reduction of m carbon atoms from a feed that must first pick up h protons to
become CO2 (h = 0 for CO2, 1 for HCO3-, 2 for CO3^2-):

    m feed + (q + m h) H+ + n e-  ->  product + (w + m [h > 0]) H2O,

with q = n + z_product protons for the CO2 route. Every species except H+
is at unit activity; H+ at activity 10^-pH.

The standard Gibbs energies are at 298.15 K (NBS tables, Wagman et al. 1982);
the temperature argument ``T`` enters only the Nernst / pH terms.

References: Wagman et al., J. Phys. Chem. Ref. Data 11, Suppl. 2 (1982);
Harned & Davis, JACS 65, 2030 (1943); Harned & Scholes, JACS 63, 1706 (1941);
Hori, Modern Aspects of Electrochemistry 42, 89 (2008);
Nitopi et al., Chem. Rev. 119, 7610 (2019).
"""
import numpy as np

from . import _validate as v
from .constants import LN10, T_STD, F, R
from .data import load_table

#: pKa1 of CO2(aq)/HCO3- at 25 degC (Harned & Davis 1943), rounded as in the API contract
PKA1 = 6.35
#: pKa2 of HCO3-/CO3^2- at 25 degC (Harned & Scholes 1941)
PKA2 = 10.33

#: products: (electrons n, carbons m, water formed w for the CO2 route, charge z)
PRODUCTS = {
    "CO(g)": (2, 1, 1, 0),
    "HCOOH(aq)": (2, 1, 0, 0),
    "HCOOH(l)": (2, 1, 0, 0),
    "HCOO-": (2, 1, 0, -1),
    "CH4(g)": (8, 1, 2, 0),
    "CH3OH(l)": (6, 1, 1, 0),
    "CH3OH(aq)": (6, 1, 1, 0),
    "C2H4(g)": (12, 2, 4, 0),
    "C2H5OH(l)": (12, 2, 3, 0),
    "C2H5OH(aq)": (12, 2, 3, 0),
}

#: carbon feeds: (protons h to reach CO2, waters released by that pre-equilibrium)
FEEDS = {
    "CO2(g)": (0, 0),
    "CO2(aq)": (0, 0),
    "HCO3-": (1, 1),
    "CO3^2-": (2, 1),
}


def _pH(pH):
    return v.real("pH", pH, lo=-2.0, hi=16.0)


def _pKa(name, pKa):
    return v.real(name, pKa, lo=-5.0, hi=20.0)


def _choice(name, value, options):
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)} (got {value!r})")
    return value


def gibbs_formation(species):
    """Standard Gibbs energy of formation of ``species`` [J/mol] at 298.15 K.

    Parameters
    ----------
    species : str
        An id of the table ``co2_species`` (e.g. ``"HCO3-"``, ``"CO(g)"``).

    >>> gibbs_formation("CO2(g)")
    -394359.0

    Reference: Wagman et al., NBS tables (1982).
    """
    table = load_table("co2_species")
    _choice("species", species, table)
    return float(table[species]["dGf"])


def carbonate_fractions(pH, pKa1=PKA1, pKa2=PKA2):
    """Fractions (alpha0, alpha1, alpha2) of CO2(aq), HCO3-, CO3^2- (Bjerrum plot).

    Parameters
    ----------
    pH : float or array
        pH, in [-2, 16].
    pKa1, pKa2 : float
        Acidity constants (decadic) of CO2(aq)/HCO3- and HCO3-/CO3^2-, in [-5, 20].

    Returns
    -------
    ndarray, shape (3,) + shape(pH)
        Mole fractions of total dissolved inorganic carbon; they sum to 1.

    At pH = pKa1 CO2(aq) and HCO3- are (almost exactly) equal:

    >>> a = carbonate_fractions(6.35)
    >>> bool(abs(a[0] - a[1]) < 1e-4)
    True

    Reference: Stumm & Morgan, Aquatic Chemistry, 3rd ed. (1996), ch. 4.
    """
    pH = _pH(pH)
    pKa1, pKa2 = _pKa("pKa1", pKa1), _pKa("pKa2", pKa2)
    # log10 of the unnormalised weights [H+]^2, Ka1[H+], Ka1Ka2, scaled for stability
    lw = np.stack(np.broadcast_arrays(-2 * pH, -pKa1 - pH, -pKa1 - pKa2))
    lw = lw - lw.max(axis=0)
    w = 10.0 ** lw
    return w / w.sum(axis=0)


def pre_equilibrium_gibbs(pH, pKa=PKA1, T=T_STD, ratio=1.0):
    """Delta G_pre of HCO3- + H+ -> CO2(aq) + H2O at a given pH [J/mol].

    Delta G_pre = RT ln10 (pH - pKa) + RT ln(a_CO2 / a_HCO3-).

    Parameters
    ----------
    pH : float or array
        pH, in [-2, 16].
    pKa : float or array
        pKa1 of CO2(aq)/HCO3-, in [-5, 20].
    T : float or array
        Temperature [K], > 0.
    ratio : float or array
        Activity ratio a_CO2(aq) / a_HCO3- (> 0); 1 compares equal activities.

    Positive (uphill) exactly when pH > pKa + log10(ratio); zero when CO2 and
    HCO3- are in acid-base equilibrium with each other.

    >>> round(pre_equilibrium_gibbs(8.35) / 1e3, 3)   # 2 pH units above pKa
    11.416

    Reference: the seed text (可持续化学中的电催化); Harned & Davis (1943).
    """
    pH, pKa, T = _pH(pH), _pKa("pKa", pKa), v.temperature(T)
    ratio = v.positive("ratio", ratio)
    return v.scalar_out(R * T * (LN10 * (pH - pKa) + np.log(ratio)))


def pre_equilibrium_shift(pH, n, pKa=PKA1, T=T_STD, n_carbon=1):
    """Shift of the equilibrium potential, bicarbonate feed minus CO2(aq) feed [V].

    dU = -n_carbon Delta G_pre / (n F), with Delta G_pre at equal activities
    of CO2(aq) and HCO3- (see :func:`pre_equilibrium_gibbs`).

    Parameters
    ----------
    pH : float or array
        pH, in [-2, 16].
    n : int or array
        Electrons per product molecule, whole number >= 1.
    pKa : float or array
        pKa1 of CO2(aq)/HCO3-, in [-5, 20] (default 6.35).
    T : float or array
        Temperature [K], > 0.
    n_carbon : int or array
        Carbon atoms per product molecule (2 for C2H4), whole number >= 1.

    Negative (a penalty) for pH > pKa, positive for pH < pKa.

    >>> round(pre_equilibrium_shift(8.35, 2) * 1e3, 1)   # CO at pH 8.35, mV
    -59.2

    Reference: the seed text; Hori (2008) for the potentials it shifts.
    """
    pH, pKa, T = _pH(pH), _pKa("pKa", pKa), v.temperature(T)
    n, m = v.count("n", n), v.count("n_carbon", n_carbon)
    return v.scalar_out(-m * R * T * LN10 * (pH - pKa) / (n * F))


def reaction_gibbs(product, feed="CO2(g)"):
    """Standard Gibbs energy of the reduction half-reaction [J/mol of product].

    For m feed + (q + m h) H+ + n e- -> product + w' H2O with electrons and H+
    at zero Gibbs energy (SHE, pH 0).

    Parameters
    ----------
    product : str
        A key of :data:`PRODUCTS`.
    feed : str
        A key of :data:`FEEDS`.

    >>> round(reaction_gibbs("CO(g)") / 1e3, 3)   # CO2(g) + 2H+ + 2e- -> CO + H2O
    20.062

    Reference: Wagman et al. (1982).
    """
    _choice("product", product, PRODUCTS)
    _choice("feed", feed, FEEDS)
    n, m, w, z = PRODUCTS[product]
    h, wf = FEEDS[feed]
    g = gibbs_formation
    return (g(product) + (w + m * wf) * g("H2O(l)") - m * g(feed))


def proton_count(product, feed="CO2(g)"):
    """Protons consumed per product molecule: q + m h with q = n + z."""
    _choice("product", product, PRODUCTS)
    _choice("feed", feed, FEEDS)
    n, m, w, z = PRODUCTS[product]
    return n + z + m * FEEDS[feed][0]


def standard_potential(product, feed="CO2(g)"):
    """Standard reduction potential E0 [V vs SHE] (pH 0, unit activities).

    Parameters
    ----------
    product : str
        A key of :data:`PRODUCTS`.
    feed : str
        A key of :data:`FEEDS`.

    >>> round(standard_potential("CH4(g)"), 3)
    0.169

    Reference: Wagman et al. (1982); compare Nitopi et al. (2019), Table 1.
    """
    return -reaction_gibbs(product, feed) / (PRODUCTS[product][0] * F)


def equilibrium_potential(product, pH, feed="CO2(g)", T=T_STD, scale="SHE"):
    """Equilibrium potential of CO2 reduction to ``product`` at ``pH`` [V].

    E_SHE = E0 - (q + m h)/n (RT ln10 / F) pH; E_RHE = E_SHE + (RT ln10 / F) pH.

    Parameters
    ----------
    product : str
        A key of :data:`PRODUCTS`.
    pH : float or array
        pH, in [-2, 16].
    feed : str
        A key of :data:`FEEDS`; all carbon species at unit activity.
    T : float or array
        Temperature [K], > 0 (enters the pH term only; E0 is at 298.15 K).
    scale : {"SHE", "RHE"}
        Reference scale of the result.

    CO from CO2(g) at pH 7 (Hori 2008, Table 1: -0.52 V vs SHE):

    >>> round(equilibrium_potential("CO(g)", 7.0), 2)
    -0.52

    Reference: Hori (2008); Nitopi et al. (2019).
    """
    pH, T = _pH(pH), v.temperature(T)
    _choice("scale", scale, ("SHE", "RHE"))
    E0 = standard_potential(product, feed)
    n = PRODUCTS[product][0]
    s = R * T * LN10 / F
    E = E0 - proton_count(product, feed) / n * s * pH
    if scale == "RHE":
        E = E + s * pH
    return v.scalar_out(E)


def oxygen_potential(pH, T=T_STD):
    """Equilibrium potential of O2 + 4H+ + 4e- = 2H2O [V vs SHE], O2 at 1 bar.

    >>> round(oxygen_potential(0.0), 3)
    1.229
    """
    pH, T = _pH(pH), v.temperature(T)
    E0 = -2 * gibbs_formation("H2O(l)") / (4 * F)
    return v.scalar_out(E0 - R * T * LN10 / F * pH)


def minimum_energy(product, pH, feed="CO2(g)", T=T_STD):
    """Minimum electrical work per mole of product [J/mol], O2 evolved at the anode.

    W = n F (E_O2(pH) - E_eq(pH)): the reversible cell voltage times nF for
    feed + H2O -> product + O2 with cathode and anode in the same electrolyte.

    Parameters
    ----------
    product, feed : str
        Keys of :data:`PRODUCTS` and :data:`FEEDS`.
    pH : float or array
        pH, in [-2, 16].
    T : float or array
        Temperature [K], > 0.

    CO2(g) -> CO + 1/2 O2 needs 257.19 kJ/mol at any pH:

    >>> round(minimum_energy("CO(g)", 7.0) / 1e3, 2)
    257.19

    Reference: Wagman et al. (1982).
    """
    n = PRODUCTS[_choice("product", product, PRODUCTS)][0]
    return v.scalar_out(n * F * (np.asarray(oxygen_potential(pH, T))
                                 - np.asarray(equilibrium_potential(product, pH, feed, T))))
