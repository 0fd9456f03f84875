"""Electrode kinetics: overpotential, Butler-Volmer, Tafel, mass transport,
iR drop, and fitting kinetic parameters with uncertainties.

The interface is at equilibrium when the electrochemical potentials of all
species are equal across it; the equilibrium potential E_eq then follows
from the Nernst equation with the actual activities
(:func:`echemlab.nernst.nernst_potential`). Away from equilibrium the
driving force is the overpotential (seed, 跨界面的平衡与输运):

    eta = E - i R_u - E_eq

where E is the applied potential (measured against a reference electrode)
and i R_u the ohmic drop in the uncompensated solution resistance.

Sign conventions (IUPAC): anodic (oxidation) current is positive, cathodic
current negative; eta > 0 drives oxidation. Current densities are in
A/m^2 (1 mA/cm^2 = 10 A/m^2); area-specific resistances in Ohm m^2
(1 Ohm cm^2 = 1e-4 Ohm m^2), so that i R_u is in volts. The transfer
coefficients alpha_a and alpha_c are the apparent (experimental) ones;
for a single one-electron step alpha_a + alpha_c = 1.

References: A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed.
(2001), ch. 3 (eqs. 3.4.11, 3.4.10, 3.4.12-3.4.13); J. Newman,
K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed. (2004), ch. 8.
"""
from dataclasses import dataclass, field

import numpy as np

from . import _validate as v
from .constants import LN10, T_STD, F, R

#: largest |exponent| of the Butler-Volmer exponentials accepted (exp(700) ~ 1e304)
_EXP_MAX = 700.0


def _f(T):
    return F / (R * T)


def _alpha(name, value):
    return v.real(name, value, lo=0.0, hi=5.0, lo_open=True)


def _limit(name, value):
    """A limiting current magnitude: > 0, may be +inf (no mass-transport limit)."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number or inf [A/m^2] (got {value!r})") from None
    if np.any(np.isnan(arr)) or np.any(arr <= 0):
        bad = arr[np.isnan(arr) | (arr <= 0)] if arr.ndim else arr
        raise ValueError(f"{name} must be in (0, inf] A/m^2 (got {np.ravel(bad)[0]:g})")
    return arr


def _scalar(name, arr):
    """``arr`` (already checked by a ``_validate`` helper) as a Python float; it must be one number."""
    arr = np.asarray(arr)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, not an array (got shape {arr.shape})")
    return float(arr)


def _flag(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False (got {value!r})")
    return bool(value)


def _exponents(eta, alpha_a, alpha_c, T):
    f = _f(T)
    a = alpha_a * f * eta
    c = -alpha_c * f * eta
    if np.any(np.abs(a) > _EXP_MAX) or np.any(np.abs(c) > _EXP_MAX):
        raise ValueError(f"eta must satisfy |alpha F eta / RT| <= {_EXP_MAX:g} (exp overflow); "
                         f"got eta up to {np.max(np.abs(eta)):g} V")
    return a, c


def butler_volmer(eta, i0, alpha_a, alpha_c, T=T_STD):
    """Butler-Volmer current density [A/m^2] (anodic positive).

        i = i0 [exp(alpha_a F eta / RT) - exp(-alpha_c F eta / RT)]

    Parameters
    ----------
    eta : float or array
        Overpotential [V].
    i0 : float or array
        Exchange current density [A/m^2], > 0.
    alpha_a, alpha_c : float or array
        Anodic and cathodic transfer coefficients, in (0, 5].
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        Current density [A/m^2].

    Examples
    --------
    With alpha_a = alpha_c = 1/2 the equation is 2 i0 sinh(F eta / 2RT); at
    eta = 2 RT ln(10)/F the anodic term is 10 i0 and the cathodic term 0.1 i0:

    >>> from echemlab.constants import thermal_voltage
    >>> round(butler_volmer(2 * thermal_voltage() * np.log(10), 1.0, 0.5, 0.5), 12)
    9.9

    Reference: Bard & Faulkner (2001), eq. 3.4.11.
    """
    eta = v.real("eta", eta, unit="V")
    i0 = v.positive("i0", i0, unit="A/m^2")
    alpha_a = _alpha("alpha_a", alpha_a)
    alpha_c = _alpha("alpha_c", alpha_c)
    T = v.temperature(T)
    a, c = _exponents(eta, alpha_a, alpha_c, T)
    return v.scalar_out(i0 * (np.expm1(a) - np.expm1(c)))  # expm1: exact near equilibrium


def tafel_slope(alpha, T=T_STD):
    """Tafel slope b = ln(10) RT / (alpha F) [V/decade], a positive number.

    >>> round(tafel_slope(0.5) * 1e3, 1)   # the classic 118 mV/decade
    118.3
    >>> round(tafel_slope(2.0) * 1e3, 1)   # 2.3RT/2F, e.g. H2 evolution on Pt
    29.6

    Reference: Bard & Faulkner (2001), eq. 3.4.13.
    """
    alpha = _alpha("alpha", alpha)
    T = v.temperature(T)
    return v.scalar_out(LN10 * R * T / (alpha * F))


def tafel_current(eta, i0, alpha, T=T_STD):
    """Tafel (high-overpotential) asymptote of Butler-Volmer [A/m^2].

    For eta > 0 the anodic branch i = i0 exp(alpha F eta/RT) (alpha =
    alpha_a); for eta < 0 the cathodic branch i = -i0 exp(-alpha F eta/RT)
    (alpha = alpha_c). Valid for |eta| >> RT/(alpha F).

    >>> round(tafel_current(-tafel_slope(0.5), 1e-8, 0.5) / 1e-8, 9)  # one decade of current
    -10.0

    Reference: Bard & Faulkner (2001), eq. 3.4.12.
    """
    eta = v.real("eta", eta, unit="V")
    i0 = v.positive("i0", i0, unit="A/m^2")
    alpha = _alpha("alpha", alpha)
    T = v.temperature(T)
    x = alpha * _f(T) * np.abs(eta)
    if np.any(x > _EXP_MAX):
        raise ValueError(f"eta must satisfy |alpha F eta / RT| <= {_EXP_MAX:g} (exp overflow)")
    return v.scalar_out(np.sign(eta) * i0 * np.exp(x))


def charge_transfer_resistance(i0, alpha_a, alpha_c, T=T_STD):
    """Charge-transfer resistance R_ct = RT / ((alpha_a + alpha_c) F i0)
    [Ohm m^2], the slope d eta / d i at equilibrium (linear limit).

    >>> round(charge_transfer_resistance(10.0, 0.5, 0.5) * 1e4, 4)  # Ohm cm^2 at 1 mA/cm^2
    25.6926

    Reference: Bard & Faulkner (2001), eq. 3.4.15.
    """
    i0 = v.positive("i0", i0, unit="A/m^2")
    alpha_a = _alpha("alpha_a", alpha_a)
    alpha_c = _alpha("alpha_c", alpha_c)
    T = v.temperature(T)
    return v.scalar_out(R * T / ((alpha_a + alpha_c) * F * i0))


def limiting_current(n, D, c_bulk, delta):
    """Mass-transport limiting current density n F D c / delta [A/m^2]
    (Nernst diffusion layer of thickness delta).

    Parameters
    ----------
    n : int
        Electrons per molecule of the reacting species (>= 1).
    D : float or array
        Diffusion coefficient [m^2/s], > 0.
    c_bulk : float or array
        Bulk concentration [mol/m^3], >= 0.
    delta : float or array
        Diffusion-layer thickness [m], > 0.

    >>> round(limiting_current(1, 7.2e-10, 1.0, 1e-5), 4)   # 1 mM, 10 um layer
    6.9469

    Reference: Bard & Faulkner (2001), eq. 1.4.10.
    """
    n = v.count("n", n)
    D = v.positive("D", D, unit="m^2/s")
    c = v.nonnegative("c_bulk", c_bulk, unit="mol/m^3")
    delta = v.positive("delta", delta, unit="m")
    return v.scalar_out(n * F * D * c / delta)


def levich_limiting_current(n, D, c_bulk, omega, nu):
    """Levich limiting current density of a rotating disk [A/m^2]:

        i_l = 0.620 n F D^(2/3) omega^(1/2) nu^(-1/6) c

    Parameters
    ----------
    n : int
        Electrons per molecule (>= 1).
    D : float or array
        Diffusion coefficient [m^2/s], > 0.
    c_bulk : float or array
        Bulk concentration [mol/m^3], >= 0.
    omega : float or array
        Angular rotation rate [rad/s], > 0 (1600 rpm = 167.6 rad/s).
    nu : float or array
        Kinematic viscosity [m^2/s], > 0 (water: about 1e-6).

    >>> round(levich_limiting_current(1, 1e-9, 1.0, 100.0, 1e-6), 3)
    5.982

    Reference: Bard & Faulkner (2001), eq. 9.3.22.
    """
    n = v.count("n", n)
    D = v.positive("D", D, unit="m^2/s")
    c = v.nonnegative("c_bulk", c_bulk, unit="mol/m^3")
    omega = v.positive("omega", omega, unit="rad/s")
    nu = v.positive("nu", nu, unit="m^2/s")
    return v.scalar_out(0.620 * n * F * D ** (2 / 3) * np.sqrt(omega) * nu ** (-1 / 6) * c)


def _bv_mt(eta, i0, alpha_a, alpha_c, i_lim_a, i_lim_c, T):
    """Current and d i/d eta of Butler-Volmer with linear mass-transport
    limits, evaluated without overflow: numerator and denominator are
    divided by exp(m), m = max exponent; near equilibrium the numerator uses
    expm1 so that tiny overpotentials keep full relative precision."""
    f = _f(T)
    a = alpha_a * f * eta
    c = -alpha_c * f * eta
    m = np.maximum(a, c)
    with np.errstate(over="ignore", invalid="ignore"):
        ea, ec, em = np.exp(a - m), np.exp(c - m), np.exp(-m)
        num = np.where(m < 1.0, (np.expm1(np.minimum(a, 1.0)) - np.expm1(np.minimum(c, 1.0))) * em,
                       ea - ec)
    den = em / i0 + ea / i_lim_a + ec / i_lim_c
    with np.errstate(divide="ignore", invalid="ignore"):
        i = num / den
        dnum = alpha_a * f * ea + alpha_c * f * ec                  # N' e^-m
        dden = alpha_a * f * ea / i_lim_a - alpha_c * f * ec / i_lim_c  # D' e^-m
        di = (dnum * den - num * dden) / den**2                     # (N'D - ND')/D^2, shifts cancel
    return i, di


def butler_volmer_mass_transport(eta, i0, alpha_a, alpha_c, i_lim_a=np.inf, i_lim_c=np.inf, T=T_STD):
    """Butler-Volmer current with mass-transport limitation [A/m^2].

    Surface concentrations follow from the Nernst diffusion layer:
    c_R(0)/c_R* = 1 - i/i_lim_a and c_O(0)/c_O* = 1 + i/i_lim_c, so

        i = i0 [(1 - i/i_lim_a) e^(alpha_a f eta) - (1 + i/i_lim_c) e^(-alpha_c f eta)]

    which is linear in i and solves to

        i = (e^(alpha_a f eta) - e^(-alpha_c f eta))
            / (1/i0 + e^(alpha_a f eta)/i_lim_a + e^(-alpha_c f eta)/i_lim_c)

    with f = F/RT. eta is measured from the equilibrium potential at the
    bulk concentrations; i0 is the exchange current density at bulk
    concentrations. The current is bounded: -i_lim_c < i < i_lim_a.

    Parameters
    ----------
    eta : float or array
        Overpotential [V].
    i0 : float or array
        Exchange current density [A/m^2], > 0.
    alpha_a, alpha_c : float or array
        Transfer coefficients, in (0, 5].
    i_lim_a, i_lim_c : float or array
        Magnitudes of the anodic and cathodic limiting current densities
        [A/m^2], in (0, inf]; inf means no limit.
    T : float or array
        Temperature [K].

    Examples
    --------
    At large overpotential the current approaches the limiting current:

    >>> round(butler_volmer_mass_transport(-1.0, 10.0, 0.5, 0.5, i_lim_c=100.0), 4)
    -100.0

    Reference: Bard & Faulkner (2001), eq. 3.4.10 (cathodic-positive there).
    """
    eta = v.real("eta", eta, unit="V")
    i0 = v.positive("i0", i0, unit="A/m^2")
    alpha_a = _alpha("alpha_a", alpha_a)
    alpha_c = _alpha("alpha_c", alpha_c)
    ila = _limit("i_lim_a", i_lim_a)
    ilc = _limit("i_lim_c", i_lim_c)
    T = v.temperature(T)
    _exponents(eta, alpha_a, alpha_c, T)
    i, _ = _bv_mt(eta, i0, alpha_a, alpha_c, ila, ilc, T)
    return v.scalar_out(i)


def overpotential(E, i, R_u, E_eq):
    """Interfacial overpotential eta = E - i R_u - E_eq [V].

    Parameters
    ----------
    E : float or array
        Applied potential [V vs the reference of E_eq].
    i : float or array
        Current density [A/m^2] (anodic positive).
    R_u : float or array
        Uncompensated area-specific resistance [Ohm m^2], >= 0.
    E_eq : float or array
        Equilibrium (Nernst) potential [V], e.g. from
        :func:`echemlab.nernst.nernst_potential`.

    >>> round(overpotential(0.5, 100.0, 1e-3, 0.3), 12)   # 0.1 V of the 0.2 V is iR drop
    0.1

    Reference: seed, section 跨界面的平衡与输运.
    """
    E = v.real("E", E, unit="V")
    i = v.real("i", i, unit="A/m^2")
    R_u = v.nonnegative("R_u", R_u, unit="Ohm m^2")
    E_eq = v.real("E_eq", E_eq, unit="V")
    return v.scalar_out(E - i * R_u - E_eq)


def current_at_potential(E, E_eq, i0, alpha_a, alpha_c, R_u=0.0, i_lim_a=np.inf, i_lim_c=np.inf,
                         T=T_STD, return_eta=False):
    """Current density at applied potential E with ohmic drop [A/m^2]:
    solve the implicit relation

        E - E_eq = eta + i(eta) R_u,   i(eta) = butler_volmer_mass_transport(eta, ...)

    Because i(eta) increases monotonically and has the sign of eta, the
    root eta lies between 0 and E - E_eq; it is found for every element by
    a bracketed Newton iteration (Newton steps, bisection whenever a step
    leaves the bracket), converged to machine precision. Robust for any
    R_u >= 0, from reversible (huge i0) to irreversible kinetics, and with
    or without limiting currents.

    Parameters
    ----------
    E : float or array
        Applied potential [V].
    E_eq : float or array
        Equilibrium potential [V] (same reference as E).
    i0, alpha_a, alpha_c, i_lim_a, i_lim_c, T
        As in :func:`butler_volmer_mass_transport`.
    R_u : float or array
        Uncompensated area-specific resistance [Ohm m^2], >= 0.
    return_eta : bool
        Also return the interfacial overpotential eta [V].

    Returns
    -------
    i or (i, eta)

    Examples
    --------
    Symmetric kinetics have the closed-form inverse
    E - E_eq = (2RT/F) asinh(i / 2 i0) + i R_u; the solver recovers i:

    >>> from echemlab.constants import thermal_voltage
    >>> E = 2 * thermal_voltage() * np.arcsinh(50.0 / 2) + 50.0 * 2e-3
    >>> round(current_at_potential(E, 0.0, 1.0, 0.5, 0.5, R_u=2e-3), 9)
    50.0
    """
    E = v.real("E", E, unit="V")
    E_eq = v.real("E_eq", E_eq, unit="V")
    i0 = v.positive("i0", i0, unit="A/m^2")
    alpha_a = _alpha("alpha_a", alpha_a)
    alpha_c = _alpha("alpha_c", alpha_c)
    R_u = v.nonnegative("R_u", R_u, unit="Ohm m^2")
    ila = _limit("i_lim_a", i_lim_a)
    ilc = _limit("i_lim_c", i_lim_c)
    T = v.temperature(T)
    V, i0, aa, ac, Ru, ila, ilc, T = np.broadcast_arrays(E - E_eq, i0, alpha_a, alpha_c, R_u, ila, ilc, T)
    V = V.astype(float)
    lo = np.minimum(V, 0.0)
    hi = np.maximum(V, 0.0)
    # starting guess: the smaller of |V| and the Tafel overpotential of the ohmic current V/R_u
    alpha = np.where(V >= 0, aa, ac)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        eta_ohm = np.log1p(np.abs(V) / (Ru * i0)) / (alpha * _f(T))
    eta = np.where((Ru > 0) & np.isfinite(eta_ohm), np.sign(V) * np.minimum(np.abs(V), eta_ohm), V)
    done = (Ru == 0) | (V == 0)
    dx_old = hi - lo
    for _ in range(300):
        i, di = _bv_mt(eta, i0, aa, ac, ila, ilc, T)
        g = eta + Ru * i - V          # increasing in eta; g(lo) <= 0 <= g(hi)
        lo = np.where(g < 0, eta, lo)
        hi = np.where(g > 0, eta, hi)
        dg = 1.0 + Ru * di
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            step = g / dg
            newton = eta - step
            # safeguard (Numerical Recipes' rtsafe): bisect when Newton leaves the bracket
            # or does not at least halve the step of two iterations ago
            bisect = ~np.isfinite(newton) | (newton <= lo) | (newton >= hi) | \
                (np.abs(2.0 * g) > np.abs(dx_old * dg))
        tol = 2 * np.finfo(float).eps * np.maximum(np.abs(eta), 1e-300)
        # converged at this eta: exact root, or a Newton step below the resolution of eta
        here = (g == 0) | (np.isfinite(step) & (np.abs(step) <= tol))
        new = np.where(bisect, 0.5 * (lo + hi), newton)
        dx_old = np.where(done, dx_old, np.abs(new - eta))
        conv = done | here | (np.abs(new - eta) <= tol) | (hi - lo <= tol)
        eta = np.where(done | here, eta, new)
        done = conv
        if np.all(done):
            break
    else:  # pragma: no cover - the bracket halves at least every other step
        raise RuntimeError("current_at_potential did not converge")
    _exponents(eta, aa, ac, T)
    i, _ = _bv_mt(eta, i0, aa, ac, ila, ilc, T)
    if return_eta:
        return v.scalar_out(i), v.scalar_out(eta)
    return v.scalar_out(i)


# ---------------------------------------------------------------------------
# Fitting with uncertainties
# ---------------------------------------------------------------------------

@dataclass
class TafelFit:
    """Result of :func:`fit_tafel`. ``b`` [V/decade] > 0, ``alpha``, ``i0``
    [A/m^2], ``log10_i0`` and their standard errors ``*_err``."""

    b: float
    b_err: float
    alpha: float
    alpha_err: float
    log10_i0: float
    log10_i0_err: float
    n_points: int

    def __post_init__(self):
        v.positive("b", self.b, unit="V/decade")
        v.positive("alpha", self.alpha)
        v.real("log10_i0", self.log10_i0)
        for name in ("b_err", "alpha_err", "log10_i0_err"):
            v.nonnegative(name, getattr(self, name))
        v.count("n_points", self.n_points, lo=3)

    @property
    def i0(self):
        """Exchange current density 10**log10_i0 [A/m^2]."""
        return 10.0 ** self.log10_i0


def fit_tafel(eta, i, T=T_STD):
    """Straight-line fit of log10|i| against eta on one Tafel branch.

    All points must be on the same side of equilibrium (all eta > 0, anodic,
    or all eta < 0, cathodic) and should satisfy |eta| >> RT/(alpha F).
    Returns the Tafel slope b = |d eta / d log10|i||, the transfer
    coefficient alpha = ln(10) RT / (b F), the intercept log10 i0 (at
    eta = 0), and their standard errors from the least-squares covariance
    (scaled by the residual variance).

    Parameters
    ----------
    eta : array
        Overpotentials [V] (iR-corrected if you want the true kinetics).
    i : array
        Current densities [A/m^2], same sign as eta, nonzero.
    T : float
        Temperature [K].

    >>> eta = np.array([-0.2, -0.3, -0.4])
    >>> fit = fit_tafel(eta, -1e-8 * 10 ** (-eta / 0.1183))
    >>> round(fit.b, 4), round(fit.alpha, 3), round(fit.log10_i0, 6)
    (0.1183, 0.5, -8.0)
    """
    eta = v.real("eta", eta, unit="V")
    i = v.real("i", i, unit="A/m^2")
    T = _scalar("T", v.temperature(T))
    if eta.ndim != 1 or eta.shape != i.shape or eta.size < 3:
        raise ValueError(f"eta and i must be 1-D arrays of equal length >= 3 (got {eta.shape}, {i.shape})")
    if not (np.all(eta > 0) or np.all(eta < 0)):
        raise ValueError("eta must be all positive (anodic branch) or all negative (cathodic branch)")
    if np.any(np.sign(i) != np.sign(eta)):
        raise ValueError("i must have the sign of eta on a Tafel branch (anodic positive)")
    if np.unique(eta).size < 2:
        raise ValueError("eta must hold at least 2 distinct overpotentials for a straight-line fit")
    y = np.log10(np.abs(i))
    A = np.column_stack([eta, np.ones_like(eta)])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    res = y - A @ coef
    dof = eta.size - 2
    s2 = float(res @ res) / dof if dof > 0 else 0.0
    cov = s2 * np.linalg.inv(A.T @ A)
    slope, icpt = coef
    if not slope * np.sign(eta[0]) > 0:
        raise ValueError("i must grow in magnitude with |eta| on a Tafel branch (got a slope "
                         f"d log10|i| / d eta = {slope:g} per V)")
    slope_err, icpt_err = np.sqrt(np.diag(cov))
    b = 1.0 / abs(slope)
    alpha = LN10 * R * T * abs(slope) / F
    rel = float(slope_err / abs(slope))
    return TafelFit(b=float(b), b_err=float(b * rel), alpha=float(alpha), alpha_err=float(alpha * rel),
                    log10_i0=float(icpt), log10_i0_err=float(icpt_err), n_points=int(eta.size))


@dataclass
class KineticFit:
    """Result of :func:`fit_butler_volmer`: best values, standard errors and
    the covariance of (log10 i0, alpha_a, alpha_c[, R_u])."""

    i0: float
    log10_i0: float
    log10_i0_err: float
    alpha_a: float
    alpha_a_err: float
    alpha_c: float
    alpha_c_err: float
    R_u: float
    R_u_err: float
    covariance: np.ndarray = field(repr=False)
    names: tuple = field(repr=False)
    chi2_reduced: float = 0.0
    n_points: int = 0

    #: parameters that have a value and a standard error (valid names for :meth:`ci95`)
    PARAMETERS = ("log10_i0", "alpha_a", "alpha_c", "R_u")

    def __post_init__(self):
        v.positive("i0", self.i0, unit="A/m^2")
        v.real("log10_i0", self.log10_i0)
        v.positive("alpha_a", self.alpha_a)
        v.positive("alpha_c", self.alpha_c)
        v.nonnegative("R_u", self.R_u, unit="Ohm m^2")
        for name in self.PARAMETERS:
            err = getattr(self, f"{name}_err")
            if not (isinstance(err, (int, float, np.floating, np.integer)) and err >= 0):
                raise ValueError(f"{name}_err must be a standard error in [0, inf] (got {err!r})")
        names = tuple(self.names) if isinstance(self.names, (tuple, list)) else None
        if names is None or not names or any(n not in self.PARAMETERS for n in names):
            raise ValueError(f"names must be a tuple of parameter names from {self.PARAMETERS} "
                             f"(got {self.names!r})")
        cov = np.asarray(self.covariance, dtype=float)
        if cov.shape != (len(names), len(names)) or np.any(np.isnan(cov)):
            raise ValueError(f"covariance must be a ({len(names)}, {len(names)}) matrix without NaN "
                             f"(got shape {cov.shape})")
        v.nonnegative("chi2_reduced", self.chi2_reduced)
        v.count("n_points", self.n_points, lo=0)

    def ci95(self, name):
        """Approximate 95 % confidence interval (value -/+ 1.96 sigma) of ``name``,
        one of ``"log10_i0", "alpha_a", "alpha_c", "R_u"``."""
        if not isinstance(name, str) or name not in self.PARAMETERS:
            raise ValueError(f"name must be one of {self.PARAMETERS} (got {name!r})")
        val, err = getattr(self, name), getattr(self, f"{name}_err")
        return val - 1.96 * err, val + 1.96 * err


def fit_butler_volmer(E, i, E_eq=0.0, T=T_STD, R_u=0.0, fit_R_u=False, sigma=None, p0=None,
                      i_lim_a=np.inf, i_lim_c=np.inf):
    """Fit i0, alpha_a, alpha_c (and optionally R_u) to a polarization curve
    by weighted nonlinear least squares, with standard errors.

    The model is the full implicit relation of :func:`current_at_potential`
    (Butler-Volmer, optional known limiting currents, ohmic drop), so the
    whole curve through equilibrium is used, not only the Tafel region.
    Residuals are (i_model - i)/sigma. Parameters are (log10 i0, alpha_a,
    alpha_c[, R_u]); the covariance is (J^T J)^-1 times the reduced
    chi-square (like ``scipy.optimize.curve_fit`` with
    ``absolute_sigma=False``), so standard errors reflect the actual scatter.

    Parameters
    ----------
    E : array
        Applied potentials [V].
    i : array
        Measured current densities [A/m^2].
    E_eq : float
        Equilibrium potential [V].
    T : float
        Temperature [K].
    R_u : float
        Uncompensated resistance [Ohm m^2]: a known value (iR correction),
        or the starting value when ``fit_R_u`` is True.
    fit_R_u : bool
        Fit R_u as a fourth parameter.
    sigma : array or float, optional
        Standard deviations of the currents [A/m^2]; unweighted if None.
        For noise proportional to |i| pass e.g. ``0.03 * np.abs(i) + floor``.
    p0 : sequence, optional
        Starting (log10 i0, alpha_a, alpha_c); default from a rough estimate.
    i_lim_a, i_lim_c : float
        Known limiting currents [A/m^2] (default: none).

    Returns
    -------
    KineticFit

    >>> E = np.linspace(-0.3, 0.3, 41)
    >>> i = current_at_potential(E, 0.0, 2.0, 0.6, 0.4)
    >>> fit = fit_butler_volmer(E, i, sigma=0.01 * np.abs(i) + 1e-6)
    >>> round(fit.i0, 6), round(fit.alpha_a, 6), round(fit.alpha_c, 6)
    (2.0, 0.6, 0.4)

    Reference: Bard & Faulkner (2001), sec. 3.4; least squares as in
    P. R. Bevington, D. K. Robinson, Data Reduction and Error Analysis,
    3rd ed. (2003), ch. 8.
    """
    from scipy.optimize import least_squares

    E = v.real("E", E, unit="V")
    i = v.real("i", i, unit="A/m^2")
    if E.ndim != 1 or E.shape != i.shape or E.size < 5:
        raise ValueError(f"E must be a 1-D array of length >= 5 with one current per point in i "
                         f"(got E {E.shape}, i {i.shape})")
    E_eq = _scalar("E_eq", v.real("E_eq", E_eq, unit="V"))
    T = _scalar("T", v.temperature(T))
    R_u0 = _scalar("R_u", v.nonnegative("R_u", R_u, unit="Ohm m^2"))
    fit_R_u = _flag("fit_R_u", fit_R_u)
    if sigma is None:
        w = np.ones_like(i)
    else:
        w = 1.0 / np.broadcast_to(v.positive("sigma", sigma, unit="A/m^2"), i.shape)
    ila = _scalar("i_lim_a", _limit("i_lim_a", i_lim_a))
    ilc = _scalar("i_lim_c", _limit("i_lim_c", i_lim_c))
    if p0 is not None:
        p0 = v.real("p0", p0)
        if p0.shape != (3,):
            raise ValueError(f"p0 must be 3 starting values (log10 i0, alpha_a, alpha_c) (got shape {p0.shape})")
        v.real("p0[0] (log10 i0)", p0[0], lo=-30.0, hi=10.0)
        v.real("p0[1:] (alpha_a, alpha_c)", p0[1:], lo=0.0, hi=5.0, lo_open=True)
    if p0 is None:
        k = np.argmin(np.abs(E - E_eq))
        slope = np.polyfit(E[max(k - 2, 0):k + 3] - E_eq, i[max(k - 2, 0):k + 3], 1)[0] \
            if E.size >= 5 else 1.0
        i0_guess = max(abs(slope) * R * T / F, 1e-12)  # linear region: i0 = (RT/F) di/dE
        p0 = (np.log10(i0_guess), 0.5, 0.5)
    x0 = list(p0) + ([R_u0] if fit_R_u else [])

    def model(p):
        Ru = p[3] if fit_R_u else R_u0
        return current_at_potential(E, E_eq, 10.0 ** p[0], p[1], p[2], R_u=max(Ru, 0.0),
                                    i_lim_a=ila, i_lim_c=ilc, T=T)

    def resid(p):
        return (model(p) - i) * w

    lb = [-30.0, 0.02, 0.02] + ([0.0] if fit_R_u else [])
    ub = [10.0, 4.0, 4.0] + ([np.inf] if fit_R_u else [])
    x0 = np.clip(x0, np.array(lb) + 1e-9, np.array(ub) - 1e-9)
    xs = [1.0, 0.1, 0.1] + ([max(R_u0, 1e-6)] if fit_R_u else [])
    sol = least_squares(resid, x0, bounds=(lb, ub), x_scale=xs, xtol=1e-14, ftol=1e-14, gtol=1e-14,
                        max_nfev=2000)
    J = sol.jac
    dof = max(E.size - len(sol.x), 1)
    chi2 = float(sol.fun @ sol.fun) / dof
    try:
        cov = np.linalg.inv(J.T @ J) * chi2
    except np.linalg.LinAlgError:
        cov = np.full((len(sol.x), len(sol.x)), np.inf)
    err = np.sqrt(np.abs(np.diag(cov)))
    names = ("log10_i0", "alpha_a", "alpha_c") + (("R_u",) if fit_R_u else ())
    x, err = [float(t) for t in sol.x], [float(t) for t in err]
    return KineticFit(i0=10.0 ** x[0], log10_i0=x[0], log10_i0_err=err[0],
                      alpha_a=x[1], alpha_a_err=err[1], alpha_c=x[2], alpha_c_err=err[2],
                      R_u=x[3] if fit_R_u else R_u0, R_u_err=err[3] if fit_R_u else 0.0,
                      covariance=cov, names=names, chi2_reduced=chi2, n_points=int(E.size))


def apparent_tafel_slope(i, b, R_u):
    """Local slope dE/dlog10|i| of an uncorrected Tafel plot [V/decade]:

        b_app = b + ln(10) |i| R_u

    for a Tafel branch of true slope b [V/decade] measured through an
    uncompensated resistance R_u [Ohm m^2] at current density i [A/m^2].

    >>> round(apparent_tafel_slope(100.0, 0.118, 1e-4), 4)   # 10 mA/cm2 through 1 Ohm cm2
    0.141

    Reference: follows from E = E_eq + eta(i) + i R_u (this module).
    """
    i = v.real("i", i, unit="A/m^2")
    b = v.positive("b", b, unit="V/decade")
    R_u = v.nonnegative("R_u", R_u, unit="Ohm m^2")
    return v.scalar_out(b + LN10 * np.abs(i) * R_u)


# ---------------------------------------------------------------------------
# Beyond Butler-Volmer: Marcus-Hush-Chidsey kinetics
# ---------------------------------------------------------------------------

def mhc_rate(eta, reorganization_energy, T=T_STD, direction="oxidation"):
    """Marcus-Hush-Chidsey rate of electron transfer at a metal electrode,
    in units of A kT (A = tunnelling prefactor per unit energy).

    Marcus kinetics for each electronic level of the metal, weighted by the
    Fermi-Dirac occupation and summed over levels (Chidsey 1991):

        k_ox(eta) / (A kT) = int exp(-(x - lam + eta_t)^2 / (4 lam)) / (1 + e^x) dx

    with lam = lambda/kT, eta_t = e eta/kT and x the level energy in kT
    (relative to the Fermi level); k_red(eta) = k_ox(-eta). The integral is
    evaluated numerically (adaptive quadrature of the peak-normalised
    integrand, relative accuracy about 1e-10 for every eta). Detailed
    balance k_ox/k_red = exp(eta_t) holds exactly, and the rate saturates at
    sqrt(4 pi lam) for large overpotential (no inverted region at a metal),
    so Tafel plots curve, unlike Butler-Volmer.

    Parameters
    ----------
    eta : float or array
        Overpotential [V] (positive drives oxidation).
    reorganization_energy : float
        Marcus reorganization energy lambda [J] per electron, > 0
        (0.85 eV = 1.36e-19 J for the ferrocene monolayer of Chidsey 1991).
    T : float
        Temperature [K].
    direction : "oxidation" or "reduction"

    Returns
    -------
    float or ndarray
        k / (A kT), dimensionless. Multiply by A [1/(s J)] and kT [J]
        for a rate in 1/s.

    >>> from echemlab.constants import e, k_B
    >>> r = mhc_rate(0.1, 0.85 * e) / mhc_rate(0.1, 0.85 * e, direction="reduction")
    >>> round(float(np.log(r)) * k_B * 298.15 / e, 9)   # detailed balance: ln(ratio) kT/e = eta
    0.1

    References: C. E. D. Chidsey, Science 251, 919 (1991); R. A. Marcus,
    J. Chem. Phys. 24, 966 (1956).
    """
    from scipy.integrate import quad_vec
    from scipy.special import expit

    from .constants import e, k_B

    eta = v.real("eta", eta, unit="V")
    lam = _scalar("reorganization_energy", v.positive("reorganization_energy", reorganization_energy, unit="J"))
    T = _scalar("T", v.temperature(T))
    if not isinstance(direction, str) or direction not in ("oxidation", "reduction"):
        raise ValueError(f"direction must be 'oxidation' or 'reduction' (got {direction!r})")
    lt = lam / (k_B * T)
    et = np.atleast_1d(e * eta / (k_B * T) * (1.0 if direction == "oxidation" else -1.0)).ravel()
    x0 = lt - et

    def logg(x):
        return -(x - x0) ** 2 / (4 * lt) - np.logaddexp(0.0, x)

    # peak of the log-integrand (concave): Newton on h'(x) = -(x - x0)/(2 lt) - expit(x) = 0
    xs = np.minimum(x0, 0.0)
    for _ in range(60):
        g1 = -(xs - x0) / (2 * lt) - expit(xs)
        g2 = -1.0 / (2 * lt) - expit(xs) * expit(-xs)
        xs = xs - g1 / g2
    hmax = logg(xs)
    res, _ = quad_vec(lambda x: np.exp(logg(x) - hmax), -np.inf, np.inf, epsabs=1e-13, epsrel=1e-11,
                      limit=4000, points=None)
    out = res * np.exp(hmax)
    return v.scalar_out(out.reshape(np.shape(eta)))
