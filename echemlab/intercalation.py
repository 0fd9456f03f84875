"""Regular-solution model of an intercalation electrode.

Lithium fills a host lattice; x in (0, 1) is the fraction of sites occupied.
The molar Gibbs energy of the host (per mole of sites) is

    g(x, T) = g0 x + RT [x ln x + (1-x) ln(1-x)] + Omega x (1 - x)

and mu = dg/dx is the chemical potential of lithium in the host. Against a
lithium-metal reference the electrode potential is U = -(mu - mu_Li^metal)/F,
which gives (the seed's expression)

    U(x, T) = E0 + (RT/F) ln((1-x)/x) - Omega (1 - 2x)/F.

Sign convention: U in volts vs Li/Li+; it *falls* as lithium is inserted
(x grows). Omega > 0 means Li-Li repulsion is unfavourable to mixing
(like-neighbour attraction) and drives phase separation below
Tc = Omega / (2R).

References: Bazant, Acc. Chem. Res. 46, 1144 (2013); Bai, Cogswell, Bazant,
Nano Lett. 11, 4890 (2011); Dreyer et al., Nat. Mater. 9, 448 (2010).
"""
import numpy as np
from scipy.special import expit

from . import _validate as v
from .constants import F, R


def _x(x):
    return v.fraction_open("x", x)


def _omega(omega):
    return v.real("omega", omega, lo=-1e6, hi=1e6, unit="J/mol")


def gibbs(x, T, omega, g0=0.0):
    """Molar Gibbs energy g(x, T) per mole of sites [J/mol].

    Parameters
    ----------
    x : float or array
        Site fraction of lithium, in (0, 1).
    T : float or array
        Temperature [K], > 0.
    omega : float or array
        Regular-solution interaction parameter [J/mol], |omega| <= 1e6.
    g0 : float or array
        Linear (reference) term [J/mol]; it does not affect phase behaviour.

    Ideal mixing at x = 1/2 gives -RT ln 2:

    >>> from echemlab.constants import R
    >>> bool(np.isclose(gibbs(0.5, 300.0, 0.0), -R * 300.0 * np.log(2)))
    True
    """
    x, T, omega = _x(x), v.temperature(T), _omega(omega)
    g0 = v.real("g0", g0, unit="J/mol")
    return v.scalar_out(g0 * x + R * T * (x * np.log(x) + (1 - x) * np.log1p(-x))
                        + omega * x * (1 - x))


def chemical_potential(x, T, omega, mu0=0.0):
    """Chemical potential of Li in the host, mu = dg/dx [J/mol].

    mu = mu0 + RT ln(x/(1-x)) + Omega (1 - 2x), with mu0 = g0.

    >>> chemical_potential(0.5, 300.0, 1e4)
    0.0
    """
    x, T, omega = _x(x), v.temperature(T), _omega(omega)
    mu0 = v.real("mu0", mu0, unit="J/mol")
    return v.scalar_out(mu0 + R * T * (np.log(x) - np.log1p(-x)) + omega * (1 - 2 * x))


def ocv(x, T, E0, omega):
    """Open-circuit potential U(x, T) of the regular-solution electrode [V vs Li/Li+].

    U = E0 + (RT/F) ln((1-x)/x) - Omega (1 - 2x)/F

    Parameters
    ----------
    x : float or array
        Site fraction of lithium, in (0, 1).
    T : float or array
        Temperature [K], > 0.
    E0 : float or array
        Potential at half filling [V vs Li/Li+].
    omega : float or array
        Interaction parameter [J/mol].

    Examples
    --------
    At half filling U = E0 whatever Omega and T (the symmetry point):

    >>> ocv(0.5, 298.15, 3.42, 11e3)
    3.42
    """
    x, T, omega = _x(x), v.temperature(T), _omega(omega)
    E0 = v.real("E0", E0, unit="V")
    return v.scalar_out(E0 + R * T / F * (np.log1p(-x) - np.log(x)) - omega * (1 - 2 * x) / F)


def gibbs_curvature(x, T, omega):
    """d2g/dx2 = RT/(x(1-x)) - 2 Omega [J/mol]; negative inside the spinodal.

    At x = 1/2 it vanishes exactly at T = Tc = Omega/2R:

    >>> from echemlab.constants import R
    >>> abs(gibbs_curvature(0.5, 300.0, 2 * R * 300.0)) < 1e-9
    True
    """
    x, T, omega = _x(x), v.temperature(T), _omega(omega)
    return v.scalar_out(R * T / (x * (1 - x)) - 2 * omega)


def critical_temperature(omega):
    """Critical (consolute) temperature Tc = Omega / (2R) [K].

    Parameters
    ----------
    omega : float or array
        Interaction parameter [J/mol], > 0 (no miscibility gap otherwise).

    >>> round(critical_temperature(2 * 8.314462618 * 500.0), 6)
    500.0
    """
    omega = v.real("omega", omega, lo=0.0, lo_open=True, unit="J/mol")
    return v.scalar_out(omega / (2 * R))


def _scalar_T_omega(T, omega, fname):
    T = v.temperature(T)
    omega = _omega(omega)
    if T.ndim or omega.ndim:
        raise ValueError(f"{fname} takes scalar T and omega (got arrays); "
                         "loop over values or use numpy.vectorize")
    return float(T), float(omega)


def spinodal(T, omega):
    """Spinodal compositions, where d2g/dx2 = 0.

    x(1-x) = RT/(2 Omega), so x = 1/2 -/+ sqrt(1/4 - RT/(2 Omega)).

    Parameters
    ----------
    T : float
        Temperature [K], > 0.
    omega : float
        Interaction parameter [J/mol].

    Returns
    -------
    (x_low, x_high) or None
        None when T >= Tc (no unstable region).

    >>> lo, hi = spinodal(300.0, 4 * 8.314462618 * 300.0)  # Omega/RT = 4
    >>> round(lo, 6), round(hi, 6)
    (0.146447, 0.853553)
    """
    T, omega = _scalar_T_omega(T, omega, "spinodal")
    disc = 0.25 - R * T / (2 * omega) if omega > 0 else -1.0
    if disc <= 0:
        return None
    # x_low = (1/2)(1 - sqrt(1 - 2RT/Omega)) written without cancellation
    s = np.sqrt(4 * disc)
    x_low = 0.5 * (1 - s) if s < 0.5 else (R * T / (2 * omega)) / (0.5 * (1 + s))
    return float(x_low), float(1 - x_low)


def _binodal_logit(w):
    """Root u > 0 of u = w tanh(u/2), with u = ln((1-x)/x) at the binodal."""
    from scipy.optimize import brentq  # imported on use: keeps `import echemlab.intercalation` light

    def h(u):
        return u - w * np.tanh(u / 2)

    # h < 0 between 0 and the spinodal logit, h(w) > 0: a safe bracket.
    u_sp = 2 * np.arccosh(np.sqrt(w / 2))  # where h'(u) = 0
    if h(u_sp) >= 0:  # w within ~1e-15 of 2: use the Landau expansion
        return float(np.sqrt(12 * (w - 2) / w))
    return brentq(h, u_sp, w, xtol=1e-300, rtol=1e-15, maxiter=200)


def binodal(T, omega):
    """Compositions of the coexisting phases (miscibility gap), by the common
    tangent of g(x).

    The symmetric regular solution has a horizontal common tangent, so the
    tie line joins x_b and 1 - x_b with mu(x_b) = mu(1 - x_b). Writing
    u = ln((1-x)/x) this becomes u = (Omega/RT) tanh(u/2), solved here by
    bracketed root finding, robust from Omega just above 2RT (x_b -> 1/2) to
    very large Omega (x_b ~ exp(-Omega/RT), no underflow before 1e-300).

    Parameters
    ----------
    T : float
        Temperature [K], > 0.
    omega : float
        Interaction parameter [J/mol].

    Returns
    -------
    (x_low, x_high) or None
        None when T >= Tc.

    Omega/RT = 3 (root of u = 3 tanh(u/2) by mpmath at 30 digits: x = 0.0707201817):

    >>> from echemlab.constants import R
    >>> lo, hi = binodal(300.0, 3 * R * 300.0)
    >>> round(lo, 9), round(hi, 9)
    (0.070720182, 0.929279818)
    """
    T, omega = _scalar_T_omega(T, omega, "binodal")
    w = omega / (R * T)
    if w <= 2:
        return None
    u = _binodal_logit(w)
    x_low = float(expit(-u))
    return x_low, 1.0 - x_low


def equilibrium_ocv(x, T, E0, omega):
    """Equilibrium OCV [V vs Li/Li+]: U(x) outside the miscibility gap and the
    flat plateau (at E0, by symmetry) inside it, as Gibbs' phase rule demands.

    >>> equilibrium_ocv(0.5, 298.15, 3.42, 11e3)
    3.42
    """
    x = _x(x)
    u = np.asarray(ocv(x, T, E0, omega), dtype=float)
    gap = binodal(T, omega) if np.ndim(T) == 0 and np.ndim(omega) == 0 else None
    if gap is not None:
        inside = (x > gap[0]) & (x < gap[1])
        u = np.where(inside, np.broadcast_to(E0, u.shape), u)
    return v.scalar_out(u)


def entropic_coefficient(x, dE0_dT=0.0):
    """Entropic coefficient dU/dT at fixed x [V/K], for a temperature
    independent Omega:

        dU/dT = dE0/dT + (R/F) ln((1-x)/x)

    i.e. the partial molar entropy of lithium in the host divided by F
    (dU/dT = -dmu/dT / F = (s_Li - s_Li^metal)/F).

    Parameters
    ----------
    x : float or array
        Site fraction in (0, 1).
    dE0_dT : float or array
        Temperature coefficient of E0 [V/K].

    >>> entropic_coefficient(0.5)
    0.0
    """
    x = _x(x)
    dE0_dT = v.real("dE0_dT", dE0_dT, unit="V/K")
    return v.scalar_out(dE0_dT + R / F * (np.log1p(-x) - np.log(x)))


def hysteresis_gap(T, omega):
    """Voltage gap between the spinodal branches, U(x_sp_low) - U(x_sp_high)
    is negative; this returns its magnitude [V].

    In a many-particle electrode (Dreyer et al. 2010) each particle leaves a
    branch at its spinodal point, so slow charging runs at the local maximum
    U(x_sp_high) and slow discharging at the local minimum U(x_sp_low). Zero
    above Tc.

    >>> hysteresis_gap(600.0, 1000.0)
    0.0
    """
    sp = spinodal(T, omega)
    if sp is None:
        return 0.0
    return float(ocv(sp[1], T, 0.0, omega) - ocv(sp[0], T, 0.0, omega))


def common_tangent(g, dg, x_min=1e-15, x_max=1 - 1e-15, n_grid=4001):
    """Common-tangent (Maxwell) construction for any free-energy curve g(x).

    Finds the lower convex hull of g on a grid that is dense near both ends,
    takes the widest hull segment as the first guess, and refines the two
    tangent points by solving

        g'(a) = g'(b) = (g(b) - g(a)) / (b - a)

    Parameters
    ----------
    g, dg : callables
        g(x) [J/mol] and its derivative dg/dx, vectorized over x in (0, 1).
    x_min, x_max : float
        Search interval.
    n_grid : int
        Grid points for the convex-hull guess.

    Returns
    -------
    (a, b) or None
        The tangent points, or None when g is convex on the interval.

    >>> from functools import partial
    >>> from echemlab.constants import R
    >>> om = 3 * R * 300.0
    >>> a, b = common_tangent(partial(gibbs, T=300.0, omega=om), partial(chemical_potential, T=300.0, omega=om))
    >>> round(a, 7), round(b, 7)
    (0.0707202, 0.9292798)
    """
    from scipy.optimize import least_squares

    x_min = float(v.fraction_open("x_min", x_min))
    x_max = float(v.fraction_open("x_max", x_max))
    if x_min >= x_max:
        raise ValueError(f"x_min must be < x_max (got {x_min}, {x_max})")
    # grid uniform in logit: dense near 0 and 1, where tie lines end for large Omega
    lo, hi = np.log(x_min / (1 - x_min)), np.log(x_max / (1 - x_max))
    xs = expit(np.linspace(lo, hi, int(n_grid)))
    gs = np.asarray(g(xs), dtype=float)
    hull = _lower_hull(xs, gs)
    gaps = np.diff(hull)
    k = int(np.argmax(gaps))
    if gaps[k] <= 1:
        return None
    a0, b0 = xs[hull[k]], xs[hull[k + 1]]

    scale = max(float(np.ptp(gs)), 1e-300)

    def eqs(p):
        a, b = expit(p)
        da, db = dg(a), dg(b)
        return [(da - db) / scale, (g(b) - g(a) - da * (b - a)) / scale]

    p0 = np.log([a0 / (1 - a0), b0 / (1 - b0)])
    sol = least_squares(eqs, p0, bounds=([lo, lo], [hi, hi]), xtol=1e-15, ftol=1e-15,
                        gtol=1e-15, method="trf")
    a, b = (float(t) for t in expit(sol.x))
    if not (a < b) or np.max(np.abs(eqs(sol.x))) > 1e-6:  # 1e-6 of the g range: ~mJ/mol
        raise ValueError("common_tangent did not converge: a tangent point may lie outside "
                         "[x_min, x_max], or pass a finer n_grid")
    return a, b


def _lower_hull(xs, ys):
    """Indices of the lower convex hull of points sorted by x (monotone chain)."""
    hull = []
    for i in range(len(xs)):
        while len(hull) >= 2:
            i0, i1 = hull[-2], hull[-1]
            cross = (xs[i1] - xs[i0]) * (ys[i] - ys[i0]) - (ys[i1] - ys[i0]) * (xs[i] - xs[i0])
            if cross <= 0:
                hull.pop()
            else:
                break
        hull.append(i)
    return np.array(hull)
