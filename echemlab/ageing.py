"""Calendar ageing of a lithium-ion cell: electrode potentials against state of
charge, the electrolyte stability window, the driving force and Gibbs energy of
each parasitic reaction, and a calendar-fade model for SEI growth.

Sign conventions
----------------
Electrode potentials U are in volts vs Li/Li+. The electrolyte is reduced at
the negative electrode (SEI formation) when the electrode sits below the
reduction onset U_SEI, and oxidised at the positive electrode when it sits
above the oxidation onset U_ox. The driving forces

    D_SEI = U_SEI - U_anode,        D_ox = U_cathode - U_ox        [V]

are positive when the side reaction is spontaneous; its reaction Gibbs energy
per mole of electrons is dG = -n F D (n = 1), negative when spontaneous.

State of charge (SOC) is the charged fraction of the cell capacity: 0 at the
lower and 1 at the upper cut-off voltage. x is the lithium site fraction of the
graphite (Li_xC6), y that of the NMC811 (Li_yMO2); charging raises x and
lowers y, with the cyclable lithium q_n x + q_p y conserved.

The electrode open-circuit potentials are the fits of Chen et al. (2020) for
the LG M50 cell (data table ``ocp_chen2020``); the cell design comes from the
PyBaMM parameter set Chen2020 (table ``ageing_lgm50``).

References: Chen et al., J. Electrochem. Soc. 167, 080534 (2020);
Keil et al., J. Electrochem. Soc. 163, A1872 (2016); Single, Latz, Horstmann,
arXiv:1812.03841 (2018).
"""
from functools import lru_cache

import numpy as np

from . import _validate as v
from .constants import T_STD, F, R
from .data import load_table

#: electrodes with a published OCP fit in ``ocp_chen2020.csv``
ELECTRODES = ("graphite", "nmc811")
#: seconds per day, for the empirical fits written in days
DAY = 86400.0


# ---- electrode open-circuit potentials ------------------------------------------

@lru_cache(maxsize=None)
def _terms(electrode):
    rows = [r for r in load_table("ocp_chen2020").values() if r["electrode"] == electrode]
    return tuple((r["kind"], float(r["a"]),
                  float(r["b"]) if r["b"] != "" else 0.0,
                  float(r["c"]) if r["c"] != "" else 0.0) for r in rows)


def _check_electrode(electrode):
    if electrode not in ELECTRODES:
        raise ValueError(f"electrode must be one of {ELECTRODES} (got {electrode!r})")
    return electrode


def _eval_ocp(s, electrode, deriv):
    u = np.zeros_like(s)
    for kind, a, b, c in _terms(electrode):
        if kind == "const":
            u = u + (0.0 if deriv else a)
        elif kind == "linear":
            u = u + (a if deriv else a * s)
        elif kind == "exp":
            e = np.exp(b * s)
            u = u + (a * b * e if deriv else a * e)
        elif kind == "tanh":
            t = np.tanh(b * (s - c))
            u = u + (a * b * (1.0 - t * t) if deriv else a * t)
        else:  # pragma: no cover - guarded by the data file
            raise ValueError(f"unknown OCP term kind {kind!r} in ocp_chen2020.csv")
    return u


def ocp(s, electrode):
    """Open-circuit potential of an LG M50 electrode [V vs Li/Li+] (Chen et al. 2020 fits).

    Parameters
    ----------
    s : float or array
        Stoichiometry (lithium site fraction) in [0, 1]: x of Li_xC6 for
        ``"graphite"``, y of Li_yNi0.8Mn0.1Co0.1O2 for ``"nmc811"``.
    electrode : {"graphite", "nmc811"}

    Returns
    -------
    float or ndarray
        U [V vs Li/Li+].

    Examples
    --------
    Lithiated graphite sits on its stage-2/stage-1 plateau near 0.09 V:

    >>> round(ocp(0.9, "graphite"), 4)
    0.092

    Reference: Chen et al., J. Electrochem. Soc. 167, 080534 (2020).
    """
    _check_electrode(electrode)
    s = v.real("s", s, lo=0.0, hi=1.0)
    return v.scalar_out(_eval_ocp(s, electrode, deriv=False))


def ocp_slope(s, electrode):
    """Slope dU/ds of the open-circuit potential [V per unit stoichiometry].

    Negative for both fits: U falls as lithium is inserted. Analytic
    derivative of :func:`ocp`.

    >>> ocp_slope(0.5, "graphite") < 0 and ocp_slope(0.5, "nmc811") < 0
    True
    """
    _check_electrode(electrode)
    s = v.real("s", s, lo=0.0, hi=1.0)
    return v.scalar_out(_eval_ocp(s, electrode, deriv=True))


def graphite_ocp(x):
    """Graphite(-SiOx) OCP of the LG M50 negative electrode [V vs Li/Li+], x in [0, 1].

    >>> round(graphite_ocp(0.5), 3)
    0.133
    """
    x = v.real("x", x, lo=0.0, hi=1.0)
    return v.scalar_out(_eval_ocp(x, "graphite", deriv=False))


def nmc811_ocp(y):
    """NMC811 OCP of the LG M50 positive electrode [V vs Li/Li+], y in [0, 1].

    >>> round(nmc811_ocp(0.27), 3)
    4.273
    """
    y = v.real("y", y, lo=0.0, hi=1.0)
    return v.scalar_out(_eval_ocp(y, "nmc811", deriv=False))


# ---- electrode balancing --------------------------------------------------------

def lgm50_design():
    """Electrode capacities and cyclable lithium of the LG M50 cell.

    q = F c_max eps L A for each electrode (the charge of its full
    stoichiometric range), n_li = F (c_n eps_n L_n + c_p eps_p L_p) A the
    lithium that can shuttle, from the charged-cell concentrations; A is the
    electrode height times width. ``area_n`` is the particle surface area of
    the negative electrode, 3 eps_n L_n A / r_n.

    Returns
    -------
    dict
        ``q_n``, ``q_p``, ``n_li`` [C]; ``v_min``, ``v_max`` [V];
        ``q_nominal`` [C]; ``area_n`` [m^2].

    >>> d = lgm50_design()
    >>> round(d["q_n"] / 3600, 2), round(d["q_p"] / 3600, 2), round(d["n_li"] / 3600, 2)
    (5.83, 8.73, 7.61)

    Reference: PyBaMM parameter set Chen2020 (Chen et al. 2020).
    """
    t = {k: r["value"] for k, r in load_table("ageing_lgm50").items()}
    area = t["height"] * t["width"]
    vol_n = t["eps_n"] * t["L_n"] * area
    vol_p = t["eps_p"] * t["L_p"] * area
    return {
        "q_n": F * t["c_max_n"] * vol_n,
        "q_p": F * t["c_max_p"] * vol_p,
        "n_li": F * (t["c_n_charged"] * vol_n + t["c_p_charged"] * vol_p),
        "v_min": t["v_min"], "v_max": t["v_max"],
        "q_nominal": t["q_nominal"] * 3600.0,
        "area_n": 3.0 * vol_n / t["r_n"],
    }


def _scalar(name, value, **kw):
    arr = v.real(name, value, **kw)
    if arr.ndim:
        raise ValueError(f"{name} must be a scalar (got an array of shape {arr.shape}); "
                         "loop over values")
    return float(arr)


def electrode_window(q_n, q_p, n_li, v_min=2.5, v_max=4.2, clip=False):
    """Stoichiometry limits of a balanced graphite | NMC811 cell.

    Lithium is conserved, q_n x + q_p y = n_li, so the cell OCV is a function
    of x alone, V(x) = U_p((n_li - q_n x)/q_p) - U_n(x), rising with x. The
    window ends where V = v_min (SOC 0) and V = v_max (SOC 1). Loss of lithium
    inventory lowers n_li, loss of active material lowers q_n or q_p: both move
    the window (chapter 03).

    Parameters
    ----------
    q_n, q_p : float
        Charge of the full stoichiometric range of the negative and positive
        electrode [C], > 0.
    n_li : float
        Cyclable lithium expressed as charge [C], 0 < n_li < q_n + q_p.
    v_min, v_max : float
        Cut-off voltages [V], 0 < v_min < v_max.
    clip : bool
        If a cut-off cannot be reached (e.g. after heavy loss of negative
        active material the graphite is full, x = 1, below v_max: lithium
        would plate), end the window at the end of the stoichiometric range
        instead of raising ValueError.

    Returns
    -------
    dict
        ``x0, x100, y0, y100`` (stoichiometries at SOC 0 and 1), the cell
        capacity ``capacity`` = q_n (x100 - x0) [C], and ``limit_low``,
        ``limit_high``: what ends the window on each side (``"voltage"`` or
        the electrode that runs out).

    Examples
    --------
    >>> w = electrode_window(**{k: lgm50_design()[k] for k in ("q_n", "q_p", "n_li")})
    >>> round(w["x0"], 4), round(w["x100"], 4), round(w["capacity"] / 3600, 2)
    (0.0263, 0.9106, 5.15)
    """
    from scipy.optimize import brentq

    q_n = _scalar("q_n", q_n, lo=0.0, lo_open=True, unit="C")
    q_p = _scalar("q_p", q_p, lo=0.0, lo_open=True, unit="C")
    n_li = _scalar("n_li", n_li, lo=0.0, hi=q_n + q_p, lo_open=True, hi_open=True, unit="C")
    v_min = _scalar("v_min", v_min, lo=0.0, lo_open=True, unit="V")
    v_max = _scalar("v_max", v_max, lo=v_min, lo_open=True, unit="V")

    x_lo = max(0.0, (n_li - q_p) / q_n)
    x_hi = min(1.0, n_li / q_n)

    def volt(x):
        y = min(max((n_li - q_n * x) / q_p, 0.0), 1.0)
        return _eval_ocp(np.asarray(y), "nmc811", False) - _eval_ocp(np.asarray(x), "graphite", False)

    v_lo, v_hi = float(volt(x_lo)), float(volt(x_hi))
    ends = {}
    for name, target, x_end, who in (
            ("v_min", v_min, x_lo, "negative electrode empty (x = 0)" if x_lo == 0.0
             else "positive electrode full (y = 1)"),
            ("v_max", v_max, x_hi, "negative electrode full (x = 1)" if x_hi == 1.0
             else "positive electrode empty (y = 0)")):
        if v_lo < target < v_hi:
            ends[name] = (brentq(lambda x, vt=target: volt(x) - vt, x_lo, x_hi, xtol=1e-14, rtol=1e-14), "voltage")
        elif clip and ((name == "v_min" and target <= v_lo) or (name == "v_max" and target >= v_hi)):
            ends[name] = (x_end, who)
        else:
            raise ValueError(f"{name} must lie inside the voltage range this balance can reach, "
                             f"({v_lo:.3f}, {v_hi:.3f}) V (got {target:g}); check n_li, q_n, q_p "
                             "or pass clip=True")
    (x0, lim_lo), (x100, lim_hi) = ends["v_min"], ends["v_max"]
    return {"x0": x0, "x100": x100, "y0": (n_li - q_n * x0) / q_p,
            "y100": (n_li - q_n * x100) / q_p, "capacity": q_n * (x100 - x0),
            "limit_low": lim_lo, "limit_high": lim_hi}


@lru_cache(maxsize=1)
def lgm50_window():
    """:func:`electrode_window` of the fresh LG M50 cell (2.5-4.2 V), cached.

    >>> round(lgm50_window()["y0"], 4), round(lgm50_window()["y100"], 4)
    (0.854, 0.2638)
    """
    d = lgm50_design()
    return electrode_window(d["q_n"], d["q_p"], d["n_li"], d["v_min"], d["v_max"])


def _window(window):
    if window is None:
        return lgm50_window()
    missing = {"x0", "x100", "y0", "y100"} - set(window)
    if missing:
        raise ValueError(f"window must be a dict with keys x0, x100, y0, y100 (missing {sorted(missing)})")
    return window


def stoichiometry(soc, window=None):
    """Electrode stoichiometries (x, y) at cell state of charge ``soc``.

    x = x0 + soc (x100 - x0), y = y0 + soc (y100 - y0): linear because the
    charge passed is q_n dx = -q_p dy.

    Parameters
    ----------
    soc : float or array
        State of charge in [0, 1].
    window : dict, optional
        From :func:`electrode_window`; the fresh LG M50 cell by default.

    >>> x, y = stoichiometry(1.0)
    >>> round(x, 4), round(y, 4)
    (0.9106, 0.2638)
    """
    soc = v.real("soc", soc, lo=0.0, hi=1.0)
    w = _window(window)
    x = w["x0"] + soc * (w["x100"] - w["x0"])
    y = w["y0"] + soc * (w["y100"] - w["y0"])
    return v.scalar_out(x), v.scalar_out(y)


def electrode_potentials(soc, window=None):
    """(U_anode, U_cathode) [V vs Li/Li+] of the LG M50 cell at state of charge ``soc``.

    >>> ua, uc = electrode_potentials(1.0)
    >>> round(uc - ua, 6)
    4.2
    """
    soc = v.real("soc", soc, lo=0.0, hi=1.0)
    w = _window(window)
    x = np.clip(w["x0"] + soc * (w["x100"] - w["x0"]), 0.0, 1.0)
    y = np.clip(w["y0"] + soc * (w["y100"] - w["y0"]), 0.0, 1.0)
    return (v.scalar_out(_eval_ocp(x, "graphite", False)),
            v.scalar_out(_eval_ocp(y, "nmc811", False)))


def cell_ocv(soc, window=None):
    """Open-circuit voltage of the cell, U_cathode - U_anode [V].

    >>> round(cell_ocv(0.0), 6), round(cell_ocv(1.0), 6)
    (2.5, 4.2)
    """
    ua, uc = electrode_potentials(soc, window)
    return v.scalar_out(np.asarray(uc) - np.asarray(ua))


# ---- electrolyte window, driving forces, Gibbs energies -------------------------

def electrolyte_window():
    """Default reduction and oxidation onsets (U_SEI, U_ox) [V vs Li/Li+].

    U_SEI = 0.8 V: EC-based electrolytes decompose at 0.7-0.8 V vs Li
    (Leung 2015); U_ox = 4.5 V: anodic oxidation of EC and carbon becomes
    measurable above about 4.5 V (Metzger et al. 2015). Both are onsets, not
    sharp lines.

    >>> electrolyte_window()
    (0.8, 4.5)
    """
    t = load_table("ageing_window")
    return t["u_sei_onset_high"]["value"], t["u_ox_onset"]["value"]


def sei_driving_force(U_anode, U_sei=0.8):
    """Driving force of electrolyte reduction at the negative electrode,
    D_SEI = U_SEI - U_anode [V]; > 0 means SEI formation is spontaneous.

    >>> round(sei_driving_force(0.09, 0.8), 6)
    0.71
    """
    U_anode = v.real("U_anode", U_anode, unit="V")
    U_sei = v.real("U_sei", U_sei, unit="V")
    return v.scalar_out(U_sei - U_anode)


def oxidation_driving_force(U_cathode, U_ox=4.5):
    """Driving force of electrolyte oxidation at the positive electrode,
    D_ox = U_cathode - U_ox [V]; > 0 means oxidation is spontaneous.

    >>> round(oxidation_driving_force(4.27, 4.5), 6)
    -0.23
    """
    U_cathode = v.real("U_cathode", U_cathode, unit="V")
    U_ox = v.real("U_ox", U_ox, unit="V")
    return v.scalar_out(U_cathode - U_ox)


def reaction_gibbs(driving_force, n=1):
    """Reaction Gibbs energy of a side reaction, dG = -n F D [J/mol].

    Parameters
    ----------
    driving_force : float or array
        D_SEI or D_ox [V].
    n : int or array
        Electrons per formula unit of the reaction as written (>= 1).

    >>> round(reaction_gibbs(0.71) / 1e3, 2)
    -68.5
    """
    d = v.real("driving_force", driving_force, unit="V")
    n = v.count("n", n)
    return v.scalar_out(-n * F * d)


def driving_forces(soc, U_sei=0.8, U_ox=4.5, window=None):
    """(D_SEI, D_ox) [V] of the LG M50 cell at state of charge ``soc``.

    >>> d_sei, d_ox = driving_forces(1.0)
    >>> round(d_sei, 3), round(d_ox, 3)
    (0.708, -0.208)
    """
    ua, uc = electrode_potentials(soc, window)
    return sei_driving_force(ua, U_sei), oxidation_driving_force(uc, U_ox)


# ---- calendar fade: SEI growth limited by diffusion through the SEI --------------

def arrhenius(T, Ea, T_ref=T_STD):
    """Arrhenius factor exp[-(Ea/R)(1/T - 1/T_ref)] [dimensionless].

    >>> arrhenius(298.15, 5e4)
    1.0
    """
    T = v.temperature(T)
    Ea = v.real("Ea", Ea, lo=0.0, hi=1e6, unit="J/mol")
    T_ref = v.temperature(T_ref, name="T_ref")
    return v.scalar_out(np.exp(-Ea / R * (1.0 / T - 1.0 / T_ref)))


def _supersaturation(U_anode, T, U_sei, alpha):
    s = np.expm1(alpha * F * (U_sei - U_anode) / (R * T))
    return np.maximum(s, 0.0)


def sei_rate_factor(U_anode, T, U_sei=0.8, alpha=0.5, U_ref=0.1):
    """Potential dependence of the SEI growth constant, s(U_anode)/s(U_ref) [dimensionless].

    The reducing species (a neutral Li interstitial) crosses the SEI by
    diffusion; at the electrode side its concentration is set by the
    electrode potential, c ~ exp(alpha F (U_SEI - U)/RT), and it is consumed
    at the electrolyte side where the electrolyte sits at U_SEI. The flux is
    proportional to the difference,

        s(U) = max(exp(alpha F (U_SEI - U)/RT) - 1, 0),

    zero when the reduction is not spontaneous (U >= U_SEI). alpha = 1 is the
    equilibrium interstitial limit of Single et al. (2018); alpha < 1 lets
    part of the potential drop elsewhere (an effective transfer coefficient).

    Parameters
    ----------
    U_anode : float or array
        Negative-electrode potential [V vs Li/Li+].
    T : float or array
        Temperature [K].
    U_sei : float
        Reduction onset [V vs Li/Li+].
    alpha : float
        Effective transfer coefficient in (0, 1].
    U_ref : float
        Reference anode potential [V vs Li/Li+], below U_sei.

    Examples
    --------
    Each 2 ln10 RT/(alpha F) lower anode potential speeds growth tenfold
    (the fade, sqrt of it, by sqrt(10)):

    >>> dU = 2 * np.log(10) * R * 298.15 / (0.5 * F)
    >>> round(sei_rate_factor(0.1 - dU, 298.15), 3)
    100.0
    """
    U_anode = v.real("U_anode", U_anode, unit="V")
    T = v.temperature(T)
    U_sei = v.real("U_sei", U_sei, unit="V")
    alpha = v.real("alpha", alpha, lo=0.0, hi=1.0, lo_open=True)
    U_ref = v.real("U_ref", U_ref, unit="V")
    if np.any(U_ref >= U_sei):
        raise ValueError(f"U_ref must be below U_sei (got U_ref = {np.max(U_ref):g} V, "
                         f"U_sei = {np.min(U_sei):g} V)")
    return v.scalar_out(_supersaturation(U_anode, T, U_sei, alpha)
                        / _supersaturation(U_ref, T, U_sei, alpha))


def calendar_fade(t, T, U_anode, k_ref, Ea, U_sei=0.8, alpha=0.5, U_ref=0.1,
                  T_ref=T_STD, f0=0.0):
    """Fraction of capacity lost to SEI growth after storage time ``t``.

    Diffusion-limited growth, dL/dt = K/L, gives L^2 = L0^2 + 2 K t; the
    lithium consumed is proportional to L - L0, so the lost capacity fraction
    is

        f(t) = sqrt(f0^2 + k t) - f0,
        k = k_ref exp[-(Ea/R)(1/T - 1/T_ref)] s(U_anode, T)/s(U_ref, T),

    with s from :func:`sei_rate_factor`. f0 = 0 gives the sqrt(t) law. Ea is
    the apparent activation energy of k (of f^2) at the reference potential;
    the fade itself has Ea/2. Valid while f is small (a few tens of percent).

    Parameters
    ----------
    t : float or array
        Storage time [s], >= 0.
    T : float or array
        Storage temperature [K].
    U_anode : float or array
        Negative-electrode potential during storage [V vs Li/Li+].
    k_ref : float
        Growth constant of f^2 at T_ref and U_ref [1/s], >= 0.
    Ea : float
        Activation energy of k [J/mol], in [0, 1e6].
    U_sei, alpha, U_ref : float
        See :func:`sei_rate_factor`.
    T_ref : float
        Reference temperature [K].
    f0 : float
        Initial SEI expressed as the equivalent capacity fraction, >= 0.

    Returns
    -------
    float or ndarray
        Lost fraction of the initial capacity [dimensionless].

    Examples
    --------
    At the reference conditions f = sqrt(k_ref t):

    >>> round(calendar_fade(1e8, 298.15, 0.1, 4e-12, 5e4), 6)
    0.02
    """
    t = v.nonnegative("t", t, unit="s")
    k_ref = v.nonnegative("k_ref", k_ref, unit="1/s")
    f0 = v.nonnegative("f0", f0)
    k = k_ref * np.asarray(arrhenius(T, Ea, T_ref)) * np.asarray(
        sei_rate_factor(U_anode, T, U_sei, alpha, U_ref))
    return v.scalar_out(np.sqrt(f0 * f0 + k * t) - f0)


def calibrate_k_ref(fade, t, T, U_anode, Ea, U_sei=0.8, alpha=0.5, U_ref=0.1, T_ref=T_STD):
    """Growth constant k_ref [1/s] that makes :func:`calendar_fade` (f0 = 0)
    return ``fade`` after time ``t`` at (T, U_anode): k_ref = fade^2/(t g),
    g the Arrhenius and potential factors.

    >>> k = calibrate_k_ref(0.05, 1e7, 310.0, 0.12, 5e4)
    >>> round(calendar_fade(1e7, 310.0, 0.12, k, 5e4), 12)
    0.05
    """
    fade = v.positive("fade", fade)
    t = v.positive("t", t, unit="s")
    g = np.asarray(arrhenius(T, Ea, T_ref)) * np.asarray(sei_rate_factor(U_anode, T, U_sei, alpha, U_ref))
    if np.any(g <= 0):
        raise ValueError("U_anode must be below U_sei for calibration (no SEI growth otherwise)")
    return v.scalar_out(fade * fade / (t * g))


def calendar_fade_vs_soc(soc, t, T, k_ref, Ea, U_sei=0.8, alpha=0.5, U_ref=0.1,
                         T_ref=T_STD, window=None):
    """:func:`calendar_fade` of the LG M50 cell stored at state of charge ``soc``
    (the anode potential follows the graphite OCP).

    >>> f = calendar_fade_vs_soc(np.array([0.0, 0.5, 1.0]), 300 * DAY, 298.15, 1.3e-10, 5.55e4)
    >>> bool(f[0] == 0.0 and f[0] < f[1] < f[2])
    True
    """
    ua, _ = electrode_potentials(soc, window)
    return calendar_fade(t, T, ua, k_ref, Ea, U_sei, alpha, U_ref, T_ref)


# ---- published empirical fits ---------------------------------------------------

def keil_fit_fade(soc, T, t):
    """Calendar fade of Panasonic 18650B NCA/graphite cells from NREL's fit
    (BLAST-Lite) to the storage data of Keil et al. (2016):

        q_loss = A exp(B/T) exp(C soc/T) t_days^p.

    Parameters
    ----------
    soc : float or array
        Storage state of charge in [0, 1].
    T : float or array
        Temperature [K].
    t : float or array
        Storage time [s], >= 0 (the fit is in days; data up to 300 days).

    >>> round(keil_fit_fade(1.0, 298.15, 300 * DAY), 4)
    0.0623
    """
    soc = v.real("soc", soc, lo=0.0, hi=1.0)
    T = v.temperature(T)
    t = v.nonnegative("t", t, unit="s")
    p = {k: r["value"] for k, r in load_table("ageing_calendar_fits").items()}
    return v.scalar_out(p["keil_nca_A"] * np.exp(p["keil_nca_B"] / T) * np.exp(p["keil_nca_C"] * soc / T)
                        * (t / DAY) ** p["keil_nca_p"])


def schmalstieg_fit_fade(V, T, t):
    """Calendar fade of Sanyo UR18650E NMC/graphite cells, Schmalstieg et al.
    (2014) as reimplemented in BLAST-Lite:

        q_loss = (7.543 V - 23.75) 1e6 exp(-6976/T) t_days^0.75,

    V the cell OCV at the storage SOC [V] (valid for V > 3.15 V, where the
    prefactor is positive).

    >>> round(schmalstieg_fit_fade(4.0, 323.15, 300 * DAY), 3)
    0.195
    """
    p = {k: r["value"] for k, r in load_table("ageing_calendar_fits").items()}
    v_floor = -p["schmalstieg_nmc_B_V"] / p["schmalstieg_nmc_A_V"]
    V = v.real("V", V, lo=v_floor, unit="V")
    T = v.temperature(T)
    t = v.nonnegative("t", t, unit="s")
    return v.scalar_out((p["schmalstieg_nmc_A_V"] * V + p["schmalstieg_nmc_B_V"]) * 1e6
                        * np.exp(p["schmalstieg_nmc_C"] / T) * (t / DAY) ** p["schmalstieg_nmc_p"])


# ---- BLAST-Lite calendar fit for the LG M50 itself ---------------------------------

def _fit_params():
    return {k: r["value"] for k, r in load_table("ageing_calendar_fits").items()}


def blast_anode_potential(soc):
    """Graphite anode potential [V vs Li/Li+] that NREL's BLAST-Lite assigns to a
    cell state of charge (``BatteryDegradationModel._get_Ua``):

        x_a = 0.0085 + soc (0.78 - 0.0085),
        Ua = 0.6379 + 0.5416 exp(-305.5309 x_a) + sum_i a_i tanh((x_a - c_i)/w_i),

    a graphite OCP fit of Safari and Delacourt (2011) on a fixed, generic
    SOC-to-lithiation map, the same for every cell. It is the regression
    variable of :func:`lgm50_fit_fade`, not the LG M50's own anode potential
    (that is :func:`electrode_potentials`).

    Parameters
    ----------
    soc : float or array
        Cell state of charge in [0, 1].

    Returns
    -------
    float or ndarray
        Ua [V vs Li/Li+].

    Examples
    --------
    Fully charged, the generic graphite sits on its stage-1 plateau:

    >>> round(blast_anode_potential(1.0), 4)
    0.0864

    Reference: NREL BLAST-Lite, blast/models/degradation_model.py (github.com/NREL/BLAST-Lite).
    """
    soc = v.real("soc", soc, lo=0.0, hi=1.0)
    p = _fit_params()
    x = p["blast_ua_xa_0"] + soc * (p["blast_ua_xa_100"] - p["blast_ua_xa_0"])
    u = p["blast_ua_c0"] + p["blast_ua_a_exp"] * np.exp(p["blast_ua_b_exp"] * x)
    for i in (1, 2, 3, 4):
        u = u + p[f"blast_ua_a{i}"] * np.tanh((x - p[f"blast_ua_c{i}"]) / p[f"blast_ua_w{i}"])
    return v.scalar_out(u)


#: temperature range of the LG M50 storage data behind :func:`lgm50_fit_fade` [K] (0-60 degC)
LGM50_FIT_T_RANGE = (273.15, 333.15)


def lgm50_fit_rate(soc, T):
    """Calendar-fade coefficient k_cal of BLAST-Lite's LG M50 model [dimensionless]:

        k_cal = b0 + b1 exp(TN^3 UN^(-1/3)) + b2 TN^3 UN^(-1/2)
                + b3 exp(TN^(-2) soc^(1/2)) + b4 exp(soc^3),

    TN = T/308.15 K, UN = Ua/0.123 V, Ua from :func:`blast_anode_potential`.

    Parameters
    ----------
    soc : float or array
        Storage state of charge in [0, 1].
    T : float or array
        Storage temperature [K], in the 0-60 degC range of the data.

    >>> round(lgm50_fit_rate(1.0, 298.15), 4)
    0.3539
    """
    soc = v.real("soc", soc, lo=0.0, hi=1.0)
    T = v.real("T", T, lo=LGM50_FIT_T_RANGE[0], hi=LGM50_FIT_T_RANGE[1], unit="K")
    p = _fit_params()
    tn = T / p["lgm50_T_N"]
    un = np.asarray(blast_anode_potential(soc)) / p["lgm50_U_N"]
    k = (p["lgm50_b0"] + p["lgm50_b1"] * np.exp(tn ** 3 * un ** (-1.0 / 3.0))
         + p["lgm50_b2"] * tn ** 3 * un ** -0.5
         + p["lgm50_b3"] * np.exp(tn ** -2 * np.sqrt(soc)) + p["lgm50_b4"] * np.exp(soc ** 3))
    return v.scalar_out(k)


def lgm50_fit_fade(soc, T, t):
    """Calendar fade of LG M50 cells (NMC811 | graphite-SiOx) from NREL's
    BLAST-Lite model ``nmc811_grSi_LGM50_5Ah_2021``, fitted to the storage data
    of Bui et al. (2021) at 0-100 % SOC and 0, 25, 45, 60 degC:

        q_loss = k_cal(soc, T) (t_days / 1e4)^0.6517,

    k_cal from :func:`lgm50_fit_rate` (constant storage conditions).

    Parameters
    ----------
    soc : float or array
        Storage state of charge in [0, 1].
    T : float or array
        Storage temperature [K], 273.15-333.15 K (the range of the data).
    t : float or array
        Storage time [s], >= 0.

    Returns
    -------
    float or ndarray
        Lost fraction of the initial capacity [dimensionless].

    Examples
    --------
    >>> round(lgm50_fit_fade(1.0, 298.15, 300 * DAY), 4)
    0.036

    Reference: NREL BLAST-Lite, blast/models/nmc811_grSi_LGM50_5Ah_2021.py
    (github.com/NREL/BLAST-Lite, commit 75362164).
    """
    k = np.asarray(lgm50_fit_rate(soc, T))
    t = v.nonnegative("t", t, unit="s")
    p = _fit_params()
    return v.scalar_out(k * (t / DAY / p["lgm50_t_scale"]) ** p["lgm50_p"])
