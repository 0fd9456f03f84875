"""Incremental capacity analysis (ICA): dQ/dV of intercalation electrodes and
of full cells, from thermodynamics and from measured-like data.

Sign convention
---------------
For an electrode, Q = q x is the charge stored by lithiation (q the charge of
the full stoichiometric range, x the lithium site fraction) and U its
potential vs Li/Li+. Lithiation lowers U, so dQ/dU < 0; the *incremental
capacity* reported here is the positive quantity

    IC = -dQ/dU = q F / (dmu/dx)        [C/V],

(mu the chemical potential of lithium in the host, U = -(mu - mu_Li)/F): the
seed's |dQ/dV| proportional to (dmu/dtheta)^-1. For a full cell, Q is the
charge passed on charge and V the cell voltage; there dQ/dV > 0 directly.

Contents: the regular-solution IC (peak height, divergence at Omega = 2RT,
delta peak of a two-phase region), multi-stage electrodes (the MSMR sum of
reactions for graphite staging), broadening and shift by particle spread and
IR drop, numerical dQ/dV from noisy data (voltage binning, Savitzky-Golay),
and full-cell curves with degradation modes (loss of lithium inventory and of
active material; Dubarry et al. 2012).

References: Bard & Faulkner (2001) ch. 14 (peak shape of a Nernstian surface
wave); Verbrugge et al., J. Electrochem. Soc. 164, 3243 (2017) (MSMR);
Dubarry, Truchot, Liaw, J. Power Sources 219, 204 (2012).
"""
from functools import lru_cache

import numpy as np
from scipy.special import expit, ndtr

from . import _validate as v
from . import ageing
from . import intercalation as ic
from .constants import F, R
from .data import load_table

#: full width at half maximum of the ideal-solution peak in units of RT/F: 2 ln(3 + 2 sqrt 2)
FWHM_IDEAL = 2.0 * np.log(3.0 + 2.0 * np.sqrt(2.0))


def _omega(omega):
    return v.real("omega", omega, lo=-1e6, hi=1e6, unit="J/mol")


# ---- regular solution --------------------------------------------------------------

def incremental_capacity(x, T, omega, q=1.0):
    """Incremental capacity -dQ/dU of a regular-solution electrode at composition x [C/V].

    -dQ/dU = q F / (d mu/dx) = q F x(1-x) / (RT - 2 Omega x(1-x)).

    Positive where the solid solution is stable; negative inside the spinodal
    (unstable states that the equilibrium curve skips).

    Parameters
    ----------
    x : float or array
        Li site fraction in (0, 1).
    T : float or array
        Temperature [K].
    omega : float or array
        Regular-solution interaction parameter [J/mol].
    q : float or array
        Charge of the full stoichiometric range [C], > 0 (q = 1 gives dx/dU in 1/V).

    Examples
    --------
    Ideal solution at half filling: F/(4RT) = 9.73 per volt at 298.15 K.

    >>> round(incremental_capacity(0.5, 298.15, 0.0), 2)
    9.73
    """
    x = v.fraction_open("x", x)
    T = v.temperature(T)
    omega = _omega(omega)
    q = v.positive("q", q, unit="C")
    p = x * (1.0 - x)
    return v.scalar_out(q * F * p / (R * T - 2.0 * omega * p))


def peak_height(T, omega, q=1.0):
    """Height of the regular-solution IC peak (at x = 1/2, U = E0) [C/V].

    h = q F / (4RT - 2 Omega) = h_ideal / (1 - Omega/2RT): it diverges as
    Omega -> 2RT (the critical point) and does not exist above (two phases:
    a delta peak, see :func:`delta_peak_area`).

    Parameters
    ----------
    T : float or array
        Temperature [K].
    omega : float or array
        Interaction parameter [J/mol], < 2RT.
    q : float or array
        Charge of the full range [C].

    >>> round(peak_height(298.15, R * 298.15) / peak_height(298.15, 0.0), 12)
    2.0
    """
    T = v.temperature(T)
    omega = _omega(omega)
    q = v.positive("q", q, unit="C")
    if np.any(omega >= 2 * R * T):
        raise ValueError(f"omega must be < 2RT = {np.min(2 * R * T):g} J/mol for a finite peak "
                         f"(got {np.max(omega):g}); above it the peak is a delta: use delta_peak_area")
    return v.scalar_out(q * F / (4 * R * T - 2 * omega))


def ideal_fwhm(T):
    """Full width at half maximum of the ideal-solution IC peak [V]:
    2 ln(3 + 2 sqrt 2) RT/F = 3.525 RT/F (90.6 mV at 25 degC), the width of
    a Nernstian surface wave (Bard & Faulkner 2001, ch. 14).

    >>> round(ideal_fwhm(298.15) * 1e3, 1)
    90.6
    """
    T = v.temperature(T)
    return v.scalar_out(FWHM_IDEAL * R * T / F)


def delta_peak_area(T, omega, q=1.0):
    """Charge under the delta peak of a two-phase region [C]: q (x_high - x_low),
    the width of the miscibility gap (binodal); 0 when Omega <= 2RT.

    >>> round(delta_peak_area(298.15, 3 * R * 298.15), 5)
    0.85856
    """
    q = v.positive("q", q, unit="C")
    gap = ic.binodal(T, omega)
    width = 0.0 if gap is None else gap[1] - gap[0]
    return v.scalar_out(q * width)


def composition_at_potential(U, T, E0, omega):
    """Equilibrium Li site fraction x at potential U [V vs Li/Li+] (inverse of the OCV).

    For Omega <= 2RT the OCV is monotonic and x(U) unique. For Omega > 2RT
    the equilibrium curve has a plateau at E0: x(U) is taken on the stable
    branch (x < x_low above E0, x > x_high below), and U = E0 returns 1/2.
    Solved by bisection in the logit of x (64 halvings, accurate to ~1e-15).

    Parameters
    ----------
    U : float or array
        Potential [V vs Li/Li+].
    T : float
        Temperature [K].
    E0 : float
        Potential at half filling [V vs Li/Li+].
    omega : float
        Interaction parameter [J/mol].

    >>> round(composition_at_potential(3.42, 298.15, 3.42, 0.0), 12)
    0.5
    """
    U = v.real("U", U, unit="V")
    T = float(v.temperature(T))
    E0 = float(v.real("E0", E0, unit="V"))
    omega = float(_omega(omega))
    gap = ic.binodal(T, omega)
    big = 700.0
    lo = np.full(U.shape, -big)
    hi = np.full(U.shape, big)
    if gap is not None:
        u_b = np.log(gap[0] / gap[1])  # logit of x_low (< 0)
        above = U > E0
        hi = np.where(above, u_b, hi)
        lo = np.where(above, lo, -u_b)

    def ocv_logit(u):
        x = expit(u)
        return E0 - R * T / F * u - omega * (1.0 - 2.0 * x) / F

    for _ in range(64):
        mid = 0.5 * (lo + hi)
        too_high = ocv_logit(mid) > U  # U(u) falls with u: root lies above mid
        lo = np.where(too_high, mid, lo)
        hi = np.where(too_high, hi, mid)
    x = expit(0.5 * (lo + hi))
    if gap is not None:
        x = np.where(U == E0, 0.5, x)
    return v.scalar_out(x)


def _fast_composition(U, T, E0, omega, du=0.002):
    """x_eq(U) by interpolation in a table of the exact OCV, dense in logit(x)
    (steps of ``du``, i.e. at most ~RT/F * du in U on the ideal-solution scale);
    agrees with :func:`composition_at_potential` to ~1e-7 and is much faster."""
    # U = E0 - (RT/F) u - (Omega/F)(1 - 2x) with |1 - 2x| < 1 brackets the logit u of every U
    f = F / (R * T)
    lo = -f * (float(U.max()) - E0) - abs(omega) / (R * T) - 4 * du
    hi = -f * (float(U.min()) - E0) + abs(omega) / (R * T) + 4 * du
    lo, hi = max(lo, -700.0), min(hi, 700.0)
    u = np.arange(lo, hi + du, du)
    gap = ic.binodal(T, omega)
    if gap is not None:  # keep only the stable branches: the plateau is the jump at E0
        u_b = np.log(gap[0] / gap[1])
        u = u[(u <= u_b) | (u >= -u_b)]
        u = np.unique(np.concatenate([u, [u_b, -u_b]]))
    x = expit(u)
    Uu = E0 - R * T / F * u - omega * (1.0 - 2.0 * x) / F
    out = np.interp(U, Uu[::-1], x[::-1])
    if gap is not None:  # exact jump: interp would join the two branch ends by a ramp
        out = np.where(U > E0, np.minimum(out, gap[0]), np.maximum(out, gap[1]))
        out = np.where(U == E0, 0.5, out)
    return out


def equilibrium_incremental_capacity(U, T, E0, omega, q=1.0):
    """Continuous part of the equilibrium IC, -dQ/dU at potential U [C/V].

    The two-phase plateau of Omega > 2RT adds a delta peak at E0 of area
    :func:`delta_peak_area`, not included here.

    >>> round(equilibrium_incremental_capacity(3.42, 298.15, 3.42, 0.0), 2)
    9.73
    """
    x = composition_at_potential(U, T, E0, omega)
    xx = np.clip(np.asarray(x, dtype=float), 1e-300, 1 - 1e-16)
    return incremental_capacity(xx, T, omega, q)


# ---- broadening and shift ------------------------------------------------------------

def apparent_fraction(U, T, E0, omega, sigma=0.0, shift=0.0):
    """Li fraction x seen at electrode potential U for an ensemble of particles
    whose E0 values are spread normally with standard deviation ``sigma`` [V],
    measured through an ohmic drop ``shift`` = I R [V].

    x_app(U) = integral of x_eq(U - shift - d) N(d; 0, sigma) dd, computed on a
    fine uniform grid (the jump of a two-phase plateau becomes an error
    function). The IC of the ensemble is -q dx_app/dU: a convolution of the
    equilibrium IC with the Gaussian, shifted by I R.

    Parameters
    ----------
    U : float or array
        Potential [V vs Li/Li+].
    T, E0, omega : float
        Regular-solution parameters, as :func:`composition_at_potential`.
    sigma : float
        Particle-to-particle spread of E0 [V], >= 0 (below 1e-6 V: none).
    shift : float
        Ohmic shift I R [V] (> 0 on delithiation/charge, < 0 on lithiation).

    >>> round(apparent_fraction(3.42, 298.15, 3.42, 0.0, sigma=0.02), 12)
    0.5
    """
    U = v.real("U", U, unit="V")
    sigma = float(v.nonnegative("sigma", sigma, unit="V"))
    shift = float(v.real("shift", shift, unit="V"))
    if U.size == 0:
        return v.scalar_out(U)
    if sigma < 1e-6:  # a spread below 1 microvolt is below any measurement: no broadening
        return composition_at_potential(U - shift, T, E0, omega)
    h = min(sigma / 10.0, R * float(v.temperature(T)) / F / 40.0)
    half = 8.0 * sigma
    grid = U.min() - shift - (np.ceil(half / h) + 2) * h + h * np.arange(
        int(np.ceil((np.ptp(U) + 2 * half) / h)) + 6)
    if grid.size > 2_000_000:
        raise ValueError("U spans too wide a range for this sigma; pass a narrower U (at most "
                         "2e6 * sigma / 20 wide)")
    T, E0, omega = float(v.temperature(T)), float(v.real("E0", E0, unit="V")), float(_omega(omega))
    xg = _fast_composition(grid, T, E0, omega)
    # the plateau's jump, width * H(E0 - U), is convolved analytically (an error function);
    # only the continuous remainder goes through the discrete convolution
    gap = ic.binodal(T, omega)
    width = 0.0 if gap is None else gap[1] - gap[0]
    if width:
        xg = xg - width * np.where(grid < E0, 1.0, np.where(grid == E0, 0.5, 0.0))
    n = int(np.ceil(half / h))
    d = h * np.arange(-n, n + 1)  # symmetric: the kernel is centred exactly on 0
    kern = np.exp(-0.5 * (d / sigma) ** 2)
    kern /= kern.sum()
    conv = np.convolve(xg, kern, mode="same")
    valid = slice(n, grid.size - n)
    out = np.interp(U - shift, grid[valid], conv[valid])
    if width:
        out = out + width * ndtr((E0 - (U - shift)) / sigma)
    return v.scalar_out(out)


def apparent_incremental_capacity(U, T, E0, omega, q=1.0, sigma=0.0, shift=0.0):
    """IC of the particle ensemble, -q dx_app/dU [C/V] (see :func:`apparent_fraction`),
    by central differences of x_app on a grid of spacing sigma/200 around each U.

    With sigma > 0 a two-phase delta peak becomes a Gaussian of the same area
    q (x_high - x_low) and height area/(sigma sqrt(2 pi)).

    >>> round(apparent_incremental_capacity(3.42, 298.15, 3.42, 0.0, sigma=0.0), 2)
    9.73
    """
    q = v.positive("q", q, unit="C")
    sigma = float(v.nonnegative("sigma", sigma, unit="V"))
    U = v.real("U", U, unit="V")
    if sigma < 1e-6:
        return equilibrium_incremental_capacity(np.asarray(U) - float(v.real("shift", shift)), T, E0, omega, q)
    du = sigma / 200.0
    both = np.concatenate([np.ravel(U) - du, np.ravel(U) + du])
    xs = np.asarray(apparent_fraction(both, T, E0, omega, sigma, shift), dtype=float)
    n = np.size(U)
    return v.scalar_out(np.reshape(-q * (xs[n:] - xs[:n]) / (2 * du), np.shape(U)))


# ---- multi-stage electrodes: the MSMR sum of reactions ---------------------------

@lru_cache(maxsize=None)
def _msmr_graphite():
    rows = load_table("ica_msmr_graphite").values()
    return tuple(np.array([r[k] for r in rows], dtype=float) for k in ("U0", "X", "w"))


def msmr_graphite():
    """MSMR parameters of lithiated graphite (Verbrugge et al. 2017, Table 1):
    arrays (U0 [V vs Li/Li+], X [-], w [-]), one entry per stage transition.

    >>> U0, X, w = msmr_graphite()
    >>> len(U0), round(float(X.sum()), 4)
    (6, 1.0)
    """
    return tuple(a.copy() for a in _msmr_graphite())


def _msmr_args(U0, X, w):
    if U0 is None and X is None and w is None:
        return _msmr_graphite()
    U0 = np.atleast_1d(v.real("U0", U0, unit="V"))
    X = np.atleast_1d(v.real("X", X, lo=0.0, lo_open=True))
    w = np.atleast_1d(v.real("w", w, lo=0.0, lo_open=True))
    if not (U0.ndim == X.ndim == w.ndim == 1 and U0.size == X.size == w.size):
        raise ValueError(f"U0, X and w must be 1-D arrays of equal length (got {U0.shape}, {X.shape}, {w.shape})")
    if X.sum() > 1 + 1e-9:
        raise ValueError(f"X must sum to at most 1 (got {X.sum():g})")
    return U0, X, w


def msmr_fraction(U, T=298.15, U0=None, X=None, w=None):
    """Li site fraction of a multi-stage electrode at potential U:
    x(U) = sum_j X_j / (1 + exp(F (U - U0_j)/(w_j R T))) [dimensionless].

    Every stage shares the one potential (one lithium chemical potential), so
    the fractions add. Defaults: graphite (:func:`msmr_graphite`).

    Parameters
    ----------
    U : float or array
        Potential [V vs Li/Li+].
    T : float
        Temperature [K].
    U0, X, w : 1-D arrays, optional
        Centre potentials [V], site fractions (sum <= 1, each > 0), and
        broadening factors (> 0) of the reactions.

    >>> round(msmr_fraction(0.0), 3), round(msmr_fraction(2.0), 3)
    (0.991, 0.0)
    """
    U = v.real("U", U, unit="V")
    T = v.temperature(T)
    U0, X, w = _msmr_args(U0, X, w)
    arg = F * (U[..., None] - U0) / (w * R * T[..., None])
    return v.scalar_out(np.sum(X * expit(-arg), axis=-1))


def msmr_incremental_capacity(U, T=298.15, q=1.0, U0=None, X=None, w=None):
    """IC of a multi-stage electrode, -q dx/dU = q sum_j X_j f_j (1 - f_j) F/(w_j R T) [C/V],
    f_j the occupancy of reaction j: a sum of peaks, one per stage transition.

    >>> U0, X, w = msmr_graphite()
    >>> h = msmr_incremental_capacity(U0[0])  # the stage 2 -> 1 peak
    >>> bool(h > X[0] * F / (4 * w[0] * R * 298.15))
    True
    """
    U = v.real("U", U, unit="V")
    T = v.temperature(T)
    q = v.positive("q", q, unit="C")
    U0, X, w = _msmr_args(U0, X, w)
    f = expit(-F * (U[..., None] - U0) / (w * R * T[..., None]))
    return v.scalar_out(q * np.sum(X * f * (1 - f) * F / (w * R * T[..., None]), axis=-1))


def msmr_equivalent_omega(w, T=298.15):
    """Regular-solution interaction with the same peak height as an MSMR
    reaction of broadening w: Omega = 2RT (1 - w) [J/mol] (w < 1 means
    attraction, Omega > 0; w -> 0 is the critical point Omega = 2RT).

    >>> round(msmr_equivalent_omega(1.0), 12)
    0.0
    """
    w = v.positive("w", w)
    T = v.temperature(T)
    return v.scalar_out(2 * R * T * (1 - w))


# ---- numerical dQ/dV from data -------------------------------------------------------

def _curve(V, Q):
    V = v.real("V", V, unit="V")
    Q = v.real("Q", Q, unit="C")
    if V.ndim != 1 or Q.shape != V.shape or V.size < 5:
        raise ValueError(f"V and Q must be 1-D arrays of equal length >= 5 (got {V.shape}, {Q.shape})")
    return V, Q


def _ramp_sum(v_eval, p, s):
    """sum_i s_i max(0, v - p_i) at each v of v_eval (p unsorted), in O((N + M) log N)."""
    order = np.argsort(p)
    ps, ss = p[order], s[order]
    cs, cps = np.concatenate([[0.0], np.cumsum(ss)]), np.concatenate([[0.0], np.cumsum(ss * ps)])
    k = np.searchsorted(ps, v_eval, side="right")
    return v_eval * cs[k] - cps[k]


def dqdv_binned(V, Q, bin_width, origin=None):
    """dQ/dV by voltage binning: the charge passed while the voltage is in each
    bin, divided by the bin width [C/V].

    Each charge increment between two samples is spread evenly over the
    voltage interval it spans (linear interpolation between samples), so the
    result is exact for piecewise-linear data and robust to noise that makes
    V non-monotonic (a step back in V returns charge to the bins it
    re-crosses). Wider bins average more samples (less noise) but flatten
    peaks narrower than the bin (bias). The sign follows the data: Q and V
    rising together give dQ/dV > 0.

    Parameters
    ----------
    V : 1-D array
        Measured voltage [V].
    Q : 1-D array
        Cumulative charge [C], same length.
    bin_width : float
        Bin width [V], > 0 and smaller than the voltage span.
    origin : float, optional
        A bin edge [V]; the bins are origin + k bin_width, keeping those that
        lie inside the data range (default: the first edge at min(V)). Fixing
        it aligns the bins of different measurements.

    Returns
    -------
    (centres, dqdv) : arrays
        Bin centres [V] and dQ/dV [C/V].

    >>> Vc, g = dqdv_binned(np.linspace(3.0, 4.0, 1001), np.linspace(0.0, 2.0, 1001), 0.1)
    >>> np.allclose(g, 2.0)
    True
    """
    V, Q = _curve(V, Q)
    span = V.max() - V.min()
    bin_width = float(v.real("bin_width", bin_width, lo=0.0, hi=span, lo_open=True, hi_open=True, unit="V"))
    if origin is None:
        first = V.min()
    else:
        origin = float(v.real("origin", origin, unit="V"))
        first = origin + np.ceil((V.min() - origin) / bin_width - 1e-9) * bin_width
    nbins = int(np.floor((V.max() - first) / bin_width + 1e-9))
    if nbins < 1:
        raise ValueError(f"bin_width must leave at least one whole bin inside the data (got {bin_width:g} V)")
    edges = first + bin_width * np.arange(nbins + 1)
    a, b, dq = V[:-1], V[1:], np.diff(Q)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    width = np.maximum(hi - lo, 1e-12 * max(span, 1e-300))  # a flat step acts as a point
    dens = dq / width
    # cumulative charge below each edge: sum_i dq_i clip((e - lo_i)/w_i, 0, 1)
    cum = _ramp_sum(edges, lo, dens) - _ramp_sum(edges, lo + width, dens)
    return 0.5 * (edges[1:] + edges[:-1]), np.diff(cum) / bin_width


def dqdv_savgol(V, Q, window, polyorder=3):
    """dQ/dV by Savitzky-Golay differentiation of V(Q) (Savitzky & Golay 1964).

    For data sampled at equal charge steps (constant current, constant
    sampling rate) a local polynomial of order ``polyorder`` is fitted over
    ``window`` points of V(Q); its slope dV/dQ is inverted. Longer windows
    suppress noise and flatten peaks.

    Parameters
    ----------
    V : 1-D array
        Measured voltage [V].
    Q : 1-D array
        Cumulative charge [C], equally spaced and increasing.
    window : int
        Odd number of points, polyorder + 2 <= window <= len(V).
    polyorder : int
        Polynomial order, >= 1.

    Returns
    -------
    (V_smooth, dqdv) : arrays
        Smoothed voltage [V] and dQ/dV [C/V] at every sample.

    >>> Q = np.linspace(0.0, 1.0, 101)
    >>> Vs, g = dqdv_savgol(3.0 + 0.5 * Q, Q, 11)
    >>> np.allclose(g, 2.0)
    True
    """
    from scipy.signal import savgol_filter

    V, Q = _curve(V, Q)
    dQ = np.diff(Q)
    if np.any(dQ <= 0) or np.ptp(dQ) > 1e-6 * abs(dQ.mean()):
        raise ValueError("Q must be equally spaced and increasing (resample first)")
    polyorder = int(v.count("polyorder", polyorder, lo=1))
    window = int(v.count("window", window, lo=polyorder + 2))
    if window % 2 == 0 or window > V.size:
        raise ValueError(f"window must be odd and <= len(V) = {V.size} (got {window})")
    vs = savgol_filter(V, window, polyorder)
    dvdq = savgol_filter(V, window, polyorder, deriv=1, delta=float(dQ.mean()))
    if np.any(dvdq == 0):
        raise ValueError("dV/dQ is exactly zero somewhere: use a longer window")
    return vs, 1.0 / dvdq


def add_noise(V, noise, seed=0, resolution=0.0):
    """Measured-like voltages: V + Gaussian noise of standard deviation ``noise`` [V]
    from ``numpy.random.default_rng(seed)``, optionally rounded to the recorder
    ``resolution`` [V]. Deterministic for a given seed.

    >>> np.array_equal(add_noise(np.ones(3), 1e-3, seed=1), add_noise(np.ones(3), 1e-3, seed=1))
    True
    """
    V = v.real("V", V, unit="V")
    noise = float(v.nonnegative("noise", noise, unit="V"))
    resolution = float(v.nonnegative("resolution", resolution, unit="V"))
    seed = int(v.count("seed", seed, lo=0))
    out = V + noise * np.random.default_rng(seed).standard_normal(V.shape)
    if resolution > 0:
        out = np.round(out / resolution) * resolution
    return v.scalar_out(out)


# ---- full cell and degradation modes ------------------------------------------------

def _check_design(design):
    """A cell design dict with positive q_n, q_p, n_li [C] (v_min/v_max optional)."""
    if design is None:
        return None
    if not isinstance(design, dict):
        raise ValueError(f"design must be a dict with keys q_n, q_p, n_li [C] (got {type(design).__name__})")
    missing = [k for k in ("q_n", "q_p", "n_li") if k not in design]
    if missing:
        raise ValueError(f"design must have keys q_n, q_p, n_li [C], each > 0 (missing {missing})")
    for k in ("q_n", "q_p", "n_li"):
        v.positive(f"design[{k!r}]", design[k], unit="C")
    return design


def degraded_design(lli=0.0, lam_ne=0.0, lam_pe=0.0, design=None, lithiated=False):
    """Cell design after degradation (the modes of Dubarry et al. 2012).

    lli: loss of lithium inventory (SEI growth, plating): n_li -> n_li (1 - lli).
    lam_ne, lam_pe: loss of active material of the negative / positive
    electrode, q -> q (1 - lam). Lost material takes the lithium it holds at
    the moment of loss. By default each electrode is lost in its delithiated
    state (Dubarry's LAM_de: graphite at SOC 0, x = x0; NMC at SOC 1,
    y = y100), so the lost host carries almost no cyclable lithium and the
    capacity does not change until that electrode becomes limiting.
    ``lithiated=True`` loses them in the lithiated state (graphite at SOC 1,
    NMC at SOC 0): their lithium goes too, a capacity loss like LLI.

    Parameters
    ----------
    lli, lam_ne, lam_pe : float
        Fractions in [0, 0.9].
    design : dict, optional
        Fresh ``q_n, q_p, n_li`` [C], ``v_min, v_max`` [V]; LG M50 by default.
    lithiated : bool
        State in which the active material is lost (see above).

    Examples
    --------
    >>> d0, d = ageing.lgm50_design(), degraded_design(lli=0.1)
    >>> round(d["n_li"] / d0["n_li"], 12)
    0.9
    >>> w0 = ageing.lgm50_window()
    >>> d = degraded_design(lam_pe=0.1)  # NMC lost when charged: takes 0.1 q_p y100 of lithium
    >>> round((d0["n_li"] - d["n_li"]) / (0.1 * d0["q_p"] * w0["y100"]), 12)
    1.0
    """
    lli = float(v.real("lli", lli, lo=0.0, hi=0.9))
    lam_ne = float(v.real("lam_ne", lam_ne, lo=0.0, hi=0.9))
    lam_pe = float(v.real("lam_pe", lam_pe, lo=0.0, hi=0.9))
    design = _check_design(design)
    d = dict(ageing.lgm50_design() if design is None else design)
    if design is None:
        w = ageing.lgm50_window()
    else:
        w = ageing.electrode_window(d["q_n"], d["q_p"], d["n_li"], d.get("v_min", 2.5), d.get("v_max", 4.2),
                                    clip=True)
    x_lost = w["x100"] if lithiated else w["x0"]
    y_lost = w["y0"] if lithiated else w["y100"]
    n_li = d["n_li"] * (1 - lli) - lam_ne * d["q_n"] * x_lost - lam_pe * d["q_p"] * y_lost
    d.update(q_n=d["q_n"] * (1 - lam_ne), q_p=d["q_p"] * (1 - lam_pe), n_li=n_li)
    return d


def cell_curve(design=None, n=400, clip=True):
    """Charge curve of a graphite | NMC811 cell at open circuit.

    Q runs from 0 (at v_min) to the cell capacity (at v_max); x = x0 + Q/q_n,
    y = y0 - Q/q_p. The differential voltage is the sum of the two electrodes',

        dV/dQ = -U_p'(y)/q_p - U_n'(x)/q_n,

    and dQ/dV its inverse (analytic, from the OCP slopes).

    Parameters
    ----------
    design : dict, optional
        ``q_n, q_p, n_li`` [C] and ``v_min, v_max`` [V]; LG M50 by default.
    n : int
        Number of points, >= 10.
    clip : bool
        Passed to :func:`ageing.electrode_window`: end the curve where an
        electrode runs out if a cut-off voltage cannot be reached.

    Returns
    -------
    dict
        ``Q`` [C], ``V`` [V], ``x``, ``y``, ``dvdq`` [V/C], ``dqdv`` [C/V],
        ``capacity`` [C] and the ``window`` of :func:`ageing.electrode_window`.

    >>> c = cell_curve()
    >>> round(float(c["V"][0]), 6), round(float(c["V"][-1]), 6), round(c["capacity"] / 3600, 2)
    (2.5, 4.2, 5.15)
    """
    d = ageing.lgm50_design() if design is None else design
    n = int(v.count("n", n, lo=10))
    w = ageing.electrode_window(d["q_n"], d["q_p"], d["n_li"], d.get("v_min", 2.5), d.get("v_max", 4.2),
                                clip=clip)
    Q = np.linspace(0.0, w["capacity"], n)
    x = np.clip(w["x0"] + Q / d["q_n"], 0.0, 1.0)
    y = np.clip(w["y0"] - Q / d["q_p"], 0.0, 1.0)
    V = ageing._eval_ocp(y, "nmc811", False) - ageing._eval_ocp(x, "graphite", False)
    dvdq = -ageing._eval_ocp(y, "nmc811", True) / d["q_p"] - ageing._eval_ocp(x, "graphite", True) / d["q_n"]
    return {"Q": Q, "V": V, "x": x, "y": y, "dvdq": dvdq, "dqdv": 1.0 / dvdq,
            "capacity": w["capacity"], "window": w}


def fit_degradation_modes(Q, V, design=None, guess=(0.05, 0.05, 0.05)):
    """Infer (lli, lam_ne, lam_pe) from a measured open-circuit charge curve V(Q)
    by least squares on the voltage (Dubarry's practice: a mechanistic model of
    the electrode curves fitted to the aged cell).

    Parameters
    ----------
    Q, V : 1-D arrays
        Charge from the lower cut-off [C] and voltage [V] of the aged cell
        (charge direction, open circuit or slow rate).
    design : dict, optional
        Fresh-cell design (LG M50 by default).
    guess : tuple
        Starting (lli, lam_ne, lam_pe).

    Returns
    -------
    dict
        ``lli``, ``lam_ne``, ``lam_pe`` and ``rms`` (voltage residual) [V].
    """
    from scipy.optimize import least_squares

    V, Q = _curve(V, Q)
    fresh = ageing.lgm50_design() if design is None else _check_design(design)
    guess = v.real("guess", guess, lo=0.0, hi=0.6)
    if guess.shape != (3,):
        raise ValueError(f"guess must be 3 numbers (lli, lam_ne, lam_pe), each in [0, 0.6] (got shape {guess.shape})")

    def model_at(p):
        c = cell_curve(degraded_design(*p, design=fresh), n=300)
        model = np.interp(Q, c["Q"], c["V"])
        # past the modelled capacity, continue along the last slope: a smooth penalty, so that
        # the least-squares Jacobian never sees a jump
        beyond = Q > c["Q"][-1]
        return np.where(beyond, c["V"][-1] + c["dvdq"][-1] * (Q - c["Q"][-1]), model)

    def resid(p):
        try:
            return model_at(p) - V
        except ValueError:
            return np.full(V.size, 1.0)

    sol = least_squares(resid, np.asarray(guess, dtype=float), bounds=([0, 0, 0], [0.6, 0.6, 0.6]),
                        x_scale=0.05, diff_step=1e-4)
    lli, lam_ne, lam_pe = (float(t) for t in sol.x)
    return {"lli": lli, "lam_ne": lam_ne, "lam_pe": lam_pe,
            "rms": float(np.sqrt(np.mean(resid(sol.x) ** 2)))}
