"""The Nernst equation and the electrochemical potential.

Sign convention (IUPAC): every couple is written as a reduction,
``Ox + n e- -> Red``, and its potential E is measured against the standard
hydrogen electrode. The reaction Gibbs energy of the reduction is
``Delta G = -n F E``; E > 0 means the reduction is spontaneous against SHE.
"""
import numpy as np

from . import _validate as v
from .constants import T_STD, F, R


def nernst_potential(E0, n, ox, red, T=T_STD):
    """Equilibrium potential of ``Ox + n e- -> Red`` [V].

    E = E0 + RT/(nF) ln(ox/red)  (Bard & Faulkner 2001, eq. 2.1.45).

    Parameters
    ----------
    E0 : float or array
        Standard (or formal) potential [V vs SHE].
    n : int or array
        Electrons transferred, a whole number >= 1.
    ox, red : float or array
        Activity products of the oxidised and reduced sides [dimensionless],
        each > 0 (1 M / 1 bar standard states).
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        Potential [V vs SHE].

    Examples
    --------
    A tenfold excess of the oxidised form raises a one-electron couple by
    RT ln10 / F = 59.16 mV at 25 degC:

    >>> round(nernst_potential(0.771, 1, 10.0, 1.0) - 0.771, 5)
    0.05916
    """
    E0 = v.real("E0", E0, unit="V")
    n = v.count("n", n)
    ox = v.positive("ox", ox)
    red = v.positive("red", red)
    T = v.temperature(T)
    return v.scalar_out(E0 + R * T / (n * F) * np.log(ox / red))


def nernst_slope(n=1, T=T_STD):
    """Change of E per decade of ox/red, (RT ln10)/(nF) [V/decade].

    >>> round(nernst_slope(1, 298.15) * 1e3, 2)
    59.16
    """
    n = v.count("n", n)
    T = v.temperature(T)
    return v.scalar_out(R * T * np.log(10.0) / (n * F))


def standard_potential(dG0, n):
    """Standard potential from the standard reaction Gibbs energy of the
    reduction, E0 = -dG0/(nF) [V].

    Parameters
    ----------
    dG0 : float or array
        Standard Gibbs energy of ``Ox + n e- -> Red`` referred to SHE [J/mol].
    n : int or array
        Electrons transferred (>= 1).

    >>> round(standard_potential(-2 * 96485.33 * 0.34, 2), 4)
    0.34
    """
    dG0 = v.real("dG0", dG0, unit="J/mol")
    n = v.count("n", n)
    return v.scalar_out(-dG0 / (n * F))


def reaction_gibbs(E, n):
    """Gibbs energy of the reduction at potential E: Delta G = -nFE [J/mol].

    >>> round(reaction_gibbs(1.0, 1) / 1e3, 3)
    -96.485
    """
    E = v.real("E", E, unit="V")
    n = v.count("n", n)
    return v.scalar_out(-n * F * E)


def electrochemical_potential(mu, z, phi):
    """mu~ = mu + z F phi [J/mol].

    Parameters
    ----------
    mu : float or array
        Chemical potential [J/mol].
    z : int or array
        Charge number (may be 0 or negative).
    phi : float or array
        Inner (Galvani) potential of the phase [V].

    >>> electrochemical_potential(0.0, -1, 0.1) == -0.1 * 96485.33212331001
    True
    """
    mu = v.real("mu", mu, unit="J/mol")
    z = v.real("z", z)
    phi = v.real("phi", phi, unit="V")
    return v.scalar_out(mu + z * F * phi)


def equilibrium_potential_difference(a_alpha, a_beta, z, T=T_STD):
    """Galvani potential difference phi_alpha - phi_beta [V] at which an ion of
    charge z with activities a_alpha, a_beta is in equilibrium between the two
    phases (equality of mu~, equal standard states):

        phi_alpha - phi_beta = (RT/(zF)) ln(a_beta / a_alpha)

    For K+ with 400 mM inside (alpha) and 20 mM outside (beta) this is the
    familiar -77 mV (cell interior negative).

    >>> round(equilibrium_potential_difference(0.400, 0.020, 1, 298.15) * 1e3, 1)
    -77.0
    """
    a_alpha = v.positive("a_alpha", a_alpha)
    a_beta = v.positive("a_beta", a_beta)
    z = v.nonzero("z", z)
    T = v.temperature(T)
    return v.scalar_out(R * T / (z * F) * np.log(a_beta / a_alpha))
