"""Ion transport in electrolytes: the Nernst-Planck equation and what follows.

The molar flux of ion i is proportional to minus the gradient of its
electrochemical potential mu~_i = mu_i0 + RT ln c_i + z_i F phi (dilute,
ideal solution):

    J_i = -(D_i c_i / RT) grad mu~_i = -D_i grad c_i - (z_i F D_i / RT) c_i grad phi

(the Nernst-Planck equation, with the Einstein relation u_i = D_i / RT
between mobility and diffusion coefficient). This module gives

* membranes: the Goldman-Hodgkin-Katz (GHK) current and voltage equations
  (constant-field solution of Nernst-Planck across a membrane);
* liquid junctions: the Henderson and Planck equations, and a
  time-dependent electroneutral Nernst-Planck solver (finite volumes,
  method of lines, stiff BDF integrator);
* the diffuse double layer: Debye length, the Gouy-Chapman profile, the
  Grahame charge-potential relation, and a time-dependent
  Poisson-Nernst-Planck (PNP) solver.

Sign conventions (stated again where used):

* membrane potential V = phi_in - phi_out; membrane current positive
  *outward* (cations leaving the cell), the physiologists' convention
  (Hodgkin & Huxley 1952);
* liquid-junction potential E_j = phi(right) - phi(left), the right
  solution being the second argument (``c_right``);
* double layer: phi0 = phi(electrode) - phi(bulk); surface charge sigma
  is the charge per area on the electrode (the diffuse layer holds -sigma).

Concentrations are in mol/m^3 (1 mM = 1 mol/m^3), diffusion coefficients
in m^2/s, permeabilities in m/s, potentials in V, currents in A/m^2.

References: Goldman, J. Gen. Physiol. 27, 37 (1943); Hodgkin & Katz,
J. Physiol. 108, 37 (1949); Henderson, Z. Phys. Chem. 59, 118 (1907);
Planck, Ann. Phys. 275, 161 (1890); Bard & Faulkner, Electrochemical
Methods, 2nd ed. (2001), sections 2.3 and 13.3; Bazant, Thornton & Ajdari,
Phys. Rev. E 70, 021506 (2004).
"""
from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .constants import T_STD, F, R, epsilon_0
from .data import load_table

#: relative permittivity of water at 25 degC used by default (data table
#: ``transport_media``, row ``water_25C``, with its source)
EPS_R_WATER = float(load_table("transport_media")["water_25C"]["eps_r"])


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def _ion_arrays(**named):
    """Validate per-ion arrays and broadcast them together (ions on the last axis)."""
    arrays = {}
    for name, (value, kind) in named.items():
        if kind == "conc":
            arrays[name] = v.nonnegative(name, value, unit="mol/m^3")
        elif kind == "pos":
            arrays[name] = v.positive(name, value)
        elif kind == "nonneg":
            arrays[name] = v.nonnegative(name, value)
        elif kind == "charge":
            arr = v.nonzero(name, value)
            if np.any(arr != np.round(arr)):
                raise ValueError(f"{name} must be a non-zero whole number (got "
                                 f"{np.ravel(arr[arr != np.round(arr)])[0]:g})")
            arrays[name] = arr
        else:  # pragma: no cover
            raise AssertionError(kind)
    try:
        out = np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = ", ".join(f"{k}{np.shape(a)}" for k, a in arrays.items())
        raise ValueError(f"ion arrays must broadcast together (got shapes {shapes})") from None
    for name, arr in zip(arrays, out, strict=True):
        if arr.ndim == 0:
            raise ValueError(f"{name} must list one value per ion (an array, got a scalar)")
    return [np.asarray(a, dtype=float) for a in out]


def _axis(name, value):
    """A 1-D, non-empty, non-decreasing array of finite numbers >= 0 (positions or times)."""
    arr = v.nonnegative(name, value)
    if arr.ndim != 1 or arr.size < 1 or np.any(np.diff(arr) < 0):
        raise ValueError(f"{name} must be a non-empty, non-decreasing 1-D array of values >= 0 "
                         f"(got shape {arr.shape})")
    return arr


def _check_fields(x, t, c, phi):
    """Shapes of a solver record: c (len(t), n_ions, len(x)) finite (the integrator may
    undershoot 0 by rounding), phi (len(t), len(x)). Returns the checked x and t."""
    x, t = _axis("x", x), _axis("t", t)
    c = v.real("c", c, unit="mol/m^3")
    if c.ndim != 3 or c.shape[0] != t.size or c.shape[2] != x.size:
        raise ValueError(f"c must have shape (len(t), n_ions, len(x)) = ({t.size}, n_ions, {x.size}) "
                         f"(got {c.shape})")
    if v.real("phi", phi, unit="V").shape != (t.size, x.size):
        raise ValueError(f"phi must have shape (len(t), len(x)) = ({t.size}, {x.size}) (got {np.shape(phi)})")
    return x, t


def _bernoulli(x):
    """B(x) = x / (exp(x) - 1), with B(0) = 1, safe for all x."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < 1e-10
    xs = np.where(small, 1.0, x)
    return np.where(small, 1.0 - x / 2, xs / np.expm1(xs))


def _dbernoulli(x):
    """dB/dx for B(x) = x/(exp(x) - 1): B' = B (1 - B)/x - B, = -1/2 + x/6 near 0."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < 1e-4
    xs = np.where(small, 1.0, x)
    b = _bernoulli(xs)
    return np.where(small, -0.5 + x / 6 - x ** 3 / 180, b * (1 - b) / xs - b)


def _check_neutral(name, c, z):
    charge = np.sum(z * c, axis=-1)
    scale = np.sum(np.abs(z) * c, axis=-1)
    if np.any(np.abs(charge) > 1e-6 * scale + 1e-12):
        bad = np.ravel(charge)[np.argmax(np.ravel(np.abs(charge)))]
        raise ValueError(f"{name} must be electroneutral: sum(z*c) = 0 within 1e-6 of "
                         f"sum(|z|*c) (got sum(z*c) = {bad:g} mol/m^3)")


def thermal_voltage(T=T_STD):
    """RT/F [V] (25.69 mV at 298.15 K).

    >>> round(thermal_voltage(298.15) * 1e3, 3)
    25.693
    """
    T = v.temperature(T)
    return v.scalar_out(R * T / F)


# ---------------------------------------------------------------------------
# the Nernst-Planck flux
# ---------------------------------------------------------------------------

def nernst_planck_flux(D, z, c, dc_dx, dphi_dx, T=T_STD):
    """Nernst-Planck molar flux in one dimension [mol m^-2 s^-1].

    J = -D dc/dx - (z F D / RT) c dphi/dx

    Parameters
    ----------
    D : float or array
        Diffusion coefficient [m^2/s], > 0.
    z : float or array
        Charge number (signed; 0 allowed for a neutral species).
    c : float or array
        Concentration [mol/m^3], >= 0.
    dc_dx : float or array
        Concentration gradient [mol/m^4].
    dphi_dx : float or array
        Potential gradient [V/m] (minus the electric field).
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        Flux [mol m^-2 s^-1], positive along +x.

    Examples
    --------
    At Nernst (Boltzmann) equilibrium, dc/dx = -(zF/RT) c dphi/dx, the
    diffusion and migration fluxes cancel:

    >>> from echemlab.constants import F, R
    >>> g = -1.0e3  # V/m
    >>> abs(nernst_planck_flux(2e-9, 1, 100.0, -F / (R * 298.15) * 100.0 * g, g)) < 1e-15
    True

    Reference: Bard & Faulkner (2001), eq. 4.1.9.
    """
    D = v.positive("D", D, unit="m^2/s")
    z = v.real("z", z, lo=-10, hi=10)
    c = v.nonnegative("c", c, unit="mol/m^3")
    dc_dx = v.real("dc_dx", dc_dx, unit="mol/m^4")
    dphi_dx = v.real("dphi_dx", dphi_dx, unit="V/m")
    T = v.temperature(T)
    return v.scalar_out(-D * dc_dx - z * F * D / (R * T) * c * dphi_dx)


def diffusion_coefficient(lam, z, T=T_STD):
    """Diffusion coefficient from the limiting molar conductivity of an ion
    (Nernst-Einstein relation) [m^2/s]:

        D = R T lambda / (z^2 F^2)

    Parameters
    ----------
    lam : float or array
        Limiting molar ionic conductivity per mole of the ion [S m^2/mol], > 0.
        (Tables often list it per equivalent, lambda(1/|z| X); multiply by |z|.)
    z : float or array
        Charge number, non-zero.
    T : float or array
        Temperature [K].

    >>> round(diffusion_coefficient(73.48e-4, 1) * 1e9, 3)  # K+, 25 degC
    1.957

    Reference: Bard & Faulkner (2001), eq. 4.2.27; CRC Handbook, "Ionic
    conductivity and diffusion at infinite dilution".
    """
    lam = v.positive("lam", lam, unit="S m^2/mol")
    z = v.nonzero("z", z)
    T = v.temperature(T)
    return v.scalar_out(R * T * lam / (z ** 2 * F ** 2))


def ion_properties(names, T=T_STD):
    """Charge numbers and diffusion coefficients of tabulated ions.

    Diffusion coefficients [m^2/s] come from the limiting ionic conductivities
    of the data table ``transport_ions`` (Lange's Handbook, 25 degC) by the
    Nernst-Einstein relation at temperature T (the conductivities themselves
    are kept at their 25 degC values: only the RT factor is scaled).

    Parameters
    ----------
    names : sequence of str
        Ion ids of the table, e.g. ``["H+", "K+", "Cl-"]``.
    T : float
        Temperature [K].

    Returns
    -------
    (z, D) : two float arrays

    >>> z, D = ion_properties(["K+", "Cl-"])
    >>> z.tolist(), [round(float(d) * 1e9, 3) for d in D]
    ([1.0, -1.0], [1.957, 2.032])
    """
    table = load_table("transport_ions")
    if not isinstance(names, (list, tuple, np.ndarray)) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"names must be a sequence of ion ids, e.g. ['K+', 'Cl-'] (got {names!r}); "
                         f"known: {sorted(table)}")
    unknown = [n for n in names if n not in table]
    if unknown:
        raise ValueError(f"names: unknown ion(s) {unknown}; known: {sorted(table)}")
    z = np.array([table[n]["z"] for n in names], dtype=float)
    lam = np.array([abs(table[n]["z"]) * table[n]["lambda_eq"] * 1e-4 for n in names])
    return z, np.asarray(diffusion_coefficient(lam, z, T), dtype=float).reshape(z.shape)


# ---------------------------------------------------------------------------
# membranes: Goldman-Hodgkin-Katz
# ---------------------------------------------------------------------------

def ghk_current(P, z, c_in, c_out, V, T=T_STD):
    """Goldman-Hodgkin-Katz current density of one ion [A/m^2].

        I = P z^2 F^2 V / (RT) * (c_in - c_out exp(-zFV/RT)) / (1 - exp(-zFV/RT))

    the constant-field solution of the Nernst-Planck equation across a
    membrane. Sign convention: V = phi_in - phi_out; I > 0 is an *outward*
    current (positive charge leaving the cell). At V = 0 it tends to
    P z F (c_in - c_out); it vanishes at the Nernst potential of the ion.

    Parameters
    ----------
    P : float or array
        Permeability [m/s], >= 0 (P = beta D / d: partition coefficient times
        diffusion coefficient over membrane thickness).
    z : float or array
        Charge number, non-zero whole number.
    c_in, c_out : float or array
        Concentrations inside and outside [mol/m^3], >= 0.
    V : float or array
        Membrane potential phi_in - phi_out [V].
    T : float or array
        Temperature [K].

    Returns
    -------
    float or ndarray
        Current density [A/m^2], outward positive.

    Examples
    --------
    At zero voltage only diffusion drives the ion: I = P z F (c_in - c_out)

    >>> from echemlab.constants import F
    >>> round(ghk_current(1e-8, 1, 400.0, 20.0, 0.0) / (1e-8 * F * 380.0), 12)
    1.0

    Reference: Goldman (1943); Hodgkin & Katz (1949), eq. 6; Hille, Ion
    Channels of Excitable Membranes, 3rd ed. (2001), ch. 14.
    """
    P = v.nonnegative("P", P, unit="m/s")
    z = v.nonzero("z", z)
    if np.any(z != np.round(z)):
        raise ValueError("z must be a non-zero whole number")
    c_in = v.nonnegative("c_in", c_in, unit="mol/m^3")
    c_out = v.nonnegative("c_out", c_out, unit="mol/m^3")
    V = v.real("V", V, lo=-2.0, hi=2.0, unit="V")
    T = v.temperature(T)
    u = z * F * V / (R * T)
    # I = P z F [B(-u) c_in - B(u) c_out]  with B(x) = x/(e^x - 1):
    # B(-u) = u/(1 - e^-u), B(u) = u e^-u/(1 - e^-u); exact and stable at u -> 0
    return v.scalar_out(P * z * F * (_bernoulli(-u) * c_in - _bernoulli(u) * c_out))


def ghk_voltage(P, c_in, c_out, z, T=T_STD):
    """Goldman-Hodgkin-Katz voltage: the membrane potential at zero net current [V].

    For monovalent ions the closed form is

        V = (RT/F) ln[(sum_cat P c_out + sum_an P c_in) / (sum_cat P c_in + sum_an P c_out)]

    Sign convention: V = phi_in - phi_out. With ions of other valences
    (e.g. Ca2+) the zero of the total GHK current (monotonic in V) is found
    by bisection to 1e-12 V.

    Parameters
    ----------
    P : array
        Permeabilities of the ions [m/s], >= 0 (only ratios matter), at least
        one permeant ion with non-zero concentration on each side.
    c_in, c_out : array
        Concentrations inside / outside [mol/m^3], >= 0.
    z : array
        Charge numbers (non-zero whole numbers).
    T : float
        Temperature [K].

    The ion arrays broadcast together; ions lie on the last axis, so a
    stack of cases (leading axes) is computed at once.

    Returns
    -------
    float or ndarray
        Reversal (resting) potential [V].

    Examples
    --------
    Squid axon at rest, P_K : P_Na : P_Cl = 1 : 0.04 : 0.45 (Hodgkin & Katz
    1949), concentrations in mM (= mol/m^3; Hodgkin 1964), 18 degC:

    >>> V = ghk_voltage([1, 0.04, 0.45], [400, 50, 40], [20, 440, 560], [1, 1, -1], T=291.15)
    >>> round(V * 1e3, 1)
    -61.8

    References: Goldman (1943); Hodgkin & Katz (1949), eq. 8.
    """
    P, c_in, c_out, z = _ion_arrays(P=(P, "nonneg"), c_in=(c_in, "conc"),
                                    c_out=(c_out, "conc"), z=(z, "charge"))
    T = v.temperature(T)
    if T.ndim:
        raise ValueError("T must be a scalar for ghk_voltage")
    cat = z > 0
    num = np.sum(np.where(cat, P * c_out, P * c_in) * (np.abs(z) == 1), axis=-1)
    den = np.sum(np.where(cat, P * c_in, P * c_out) * (np.abs(z) == 1), axis=-1)
    if np.all(np.abs(z) == 1):
        if np.any(num <= 0) or np.any(den <= 0):
            raise ValueError("P, c_in, c_out: no permeant ion on one side of the membrane; "
                             "the GHK voltage is undefined (need sum P*c > 0 on both sides)")
        return v.scalar_out(R * T / F * np.log(num / den))
    # general valences: bisection on the total current, monotonic increasing in V
    # (an outward current grows with depolarisation for every ion)
    lo_in = np.sum(P * np.where(z > 0, c_in, c_out), axis=-1)
    lo_out = np.sum(P * np.where(z > 0, c_out, c_in), axis=-1)
    if np.any(lo_in <= 0) or np.any(lo_out <= 0):
        raise ValueError("P, c_in, c_out: no permeant ion on one side of the membrane; "
                         "the GHK voltage is undefined")
    a, b = np.full(num.shape, -1.0), np.full(num.shape, 1.0)

    def total(Vm):
        return np.sum(ghk_current(P, z, c_in, c_out, Vm[..., None], T), axis=-1)

    if np.any(total(a) > 0) or np.any(total(b) < 0):
        raise ValueError("P, c_in, c_out: reversal potential outside [-1, 1] V")
    for _ in range(60):
        m = 0.5 * (a + b)
        pos = total(m) > 0
        b = np.where(pos, m, b)
        a = np.where(pos, a, m)
    return v.scalar_out(0.5 * (a + b))


# ---------------------------------------------------------------------------
# liquid junctions: Henderson, Planck, and the time-dependent solver
# ---------------------------------------------------------------------------

def _junction_inputs(c_left, c_right, z, D, T):
    c_left, c_right, z, D = _ion_arrays(c_left=(c_left, "conc"), c_right=(c_right, "conc"),
                                        z=(z, "charge"), D=(D, "pos"))
    _check_neutral("c_left", c_left, z)
    _check_neutral("c_right", c_right, z)
    for name, c in (("c_left", c_left), ("c_right", c_right)):
        if np.any(np.sum(c, axis=-1) <= 0):
            raise ValueError(f"{name} must contain ions (total concentration > 0)")
    T = v.temperature(T)
    return c_left, c_right, z, D, T


def henderson_ljp(c_left, c_right, z, D, T=T_STD):
    """Liquid-junction potential by the Henderson equation [V].

        E_j = phi_R - phi_L = -(RT/F) * [sum z_i D_i (c_iR - c_iL)] / [sum z_i^2 D_i (c_iR - c_iL)]
                              * ln( sum z_i^2 D_i c_iR / sum z_i^2 D_i c_iL )

    i.e. the electroneutral, zero-current Nernst-Planck equation integrated
    across a junction whose composition changes *linearly* from left to right
    (Henderson's "continuous mixture"). When the two conductance sums are
    equal (e.g. HCl | KCl at equal concentration) the limit
    -(RT/F) [sum z D dc / sum z^2 D c] is used.

    Sign convention: E_j = phi(right) - phi(left).

    Parameters
    ----------
    c_left, c_right : array
        Concentrations of each ion on the left / right [mol/m^3], >= 0, each
        side electroneutral.
    z : array
        Charge numbers.
    D : array
        Diffusion coefficients [m^2/s] (any quantity proportional to the
        mobility works: only ratios enter).
    T : float or array
        Temperature [K].

    Ions lie on the last axis; leading axes are separate junctions.

    Returns
    -------
    float or ndarray
        E_j [V].

    Examples
    --------
    0.1 M HCl | 0.1 M KCl, infinite-dilution diffusion coefficients: the
    fast H+ runs ahead into the KCl side and charges it positive.

    >>> E = henderson_ljp([100, 0, 100], [0, 100, 100], [1, 1, -1], [9.311e-9, 1.957e-9, 2.032e-9])
    >>> round(E * 1e3, 2)
    26.85

    References: Henderson (1907); Bard & Faulkner (2001), eq. 2.3.39.
    """
    c_left, c_right, z, D, T = _junction_inputs(c_left, c_right, z, D, T)
    dc = c_right - c_left
    num = np.sum(z * D * dc, axis=-1)
    s_l = np.sum(z ** 2 * D * c_left, axis=-1)
    s_r = np.sum(z ** 2 * D * c_right, axis=-1)
    ds = s_r - s_l
    # num/ds * ln(s_r/s_l) = num * ln(s_r/s_l)/(s_r - s_l) = num / logmean(s_l, s_r)
    ratio = ds / s_l
    small = np.abs(ratio) < 1e-8
    rs = np.where(small, 1.0, ratio)
    inv_logmean = np.where(small, (1 - ratio / 2) / s_l, np.log1p(rs) / np.where(small, 1.0, ds))
    return v.scalar_out(-R * T / F * num * inv_logmean)


def _phi1(s):
    """(exp(s) - 1)/s, = 1 at s = 0."""
    s = np.asarray(s, dtype=float)
    small = np.abs(s) < 1e-10
    ss = np.where(small, 1.0, s)
    return np.where(small, 1.0 + s / 2, np.expm1(ss) / ss)


def planck_ljp(c_left, c_right, z, D, T=T_STD):
    """Liquid-junction potential by Planck's equation [V] (monovalent ions).

    Planck (1890) solved the *steady* electroneutral Nernst-Planck problem
    for a junction layer between two well-stirred reservoirs ("constrained
    diffusion"): the total concentration C is then linear in x and
    xi = exp(F E_j / RT) solves

        (xi U_R - U_L) / (V_R - xi V_L) = (C_L / C_R) * phi1(y + r) / phi1(y - r)

    with U = sum D c over cations, V = sum D c over anions, y = ln xi,
    r = ln(C_R / C_L) and phi1(s) = (e^s - 1)/s. (This is Planck's
    equation, (xi U_R - U_L)/(V_R - xi V_L) = [(r - y)/(r + y)]
    (xi C_R - C_L)/(C_R - xi C_L), rewritten without removable
    singularities.) The root lies between ln(U_L/U_R) and ln(V_R/V_L) and is
    found by bracketed root finding. For equal total concentrations it
    reduces to xi = (U_L + V_R)/(U_R + V_L), the Lewis-Sargent form.

    Sign convention: E_j = phi(right) - phi(left).

    Parameters
    ----------
    c_left, c_right : array
        Concentrations [mol/m^3] of each ion, each side electroneutral.
    z : array
        Charge numbers, each +1 or -1 (Planck's solution is for univalent ions).
    D : array
        Diffusion coefficients [m^2/s].
    T : float
        Temperature [K].

    Returns
    -------
    float or ndarray
        E_j [V].

    Examples
    --------
    For one binary salt at two concentrations Planck, Henderson and the
    transference-number formula agree: E_j = -(t+ - t-) (RT/F) ln(c_R/c_L).

    >>> D = [1.334e-9, 2.032e-9]  # Na+, Cl-
    >>> E = planck_ljp([100, 100], [10, 10], [1, -1], D)
    >>> t_minus_diff = (D[0] - D[1]) / (D[0] + D[1])
    >>> bool(abs(E - (-t_minus_diff * thermal_voltage() * np.log(0.1))) < 1e-12)
    True

    References: Planck (1890); MacInnes, The Principles of Electrochemistry
    (1939/1961), ch. 13.
    """
    from scipy.optimize import brentq

    c_left, c_right, z, D, T = _junction_inputs(c_left, c_right, z, D, T)
    if np.any(np.abs(z) != 1):
        raise ValueError("z must be +1 or -1 for every ion: Planck's solution is for univalent "
                         "ions (use liquid_junction() for other valences)")
    if T.ndim:
        raise ValueError("T must be a scalar for planck_ljp")
    lead = c_left.shape[:-1]
    cl = c_left.reshape(-1, c_left.shape[-1])
    cr = c_right.reshape(-1, c_right.shape[-1])
    zz = z.reshape(-1, z.shape[-1])
    DD = D.reshape(-1, D.shape[-1])
    out = np.empty(cl.shape[0])
    for k in range(cl.shape[0]):
        cat = zz[k] > 0
        UL, UR = np.sum((DD[k] * cl[k])[cat]), np.sum((DD[k] * cr[k])[cat])
        VL, VR = np.sum((DD[k] * cl[k])[~cat]), np.sum((DD[k] * cr[k])[~cat])
        CL, CR = np.sum(cl[k][cat]), np.sum(cr[k][cat])
        r = np.log(CR / CL)

        def H(y, UL=UL, UR=UR, VL=VL, VR=VR, CL=CL, CR=CR, r=r):
            xi = np.exp(y)
            return (xi * UR - UL) * CR * _phi1(y - r) - (VR - xi * VL) * CL * _phi1(y + r)

        a, b = sorted((np.log(UL / UR), np.log(VR / VL)))
        if b - a < 1e-14:
            y = a
        else:
            y = brentq(H, a, b, xtol=1e-15, rtol=1e-14, maxiter=200)
        out[k] = y
    return v.scalar_out(R * T / F * out.reshape(lead))


def _junction_grid(C_left, C_right, n):
    """Cell faces on [0, 1] for the junction solver.

    Planck's steady state has a total concentration C(x) linear in x, so the
    composition changes fastest, in relative terms, at the dilute end. The
    faces are spaced uniformly in s(x) = [x + ln(C(x)/C_L)/ln(C_R/C_L)]/2: a
    uniform grid blended with one uniform in ln C. Equal total
    concentrations give a uniform grid; the middle of the layer (where the
    initial boundary sits) keeps at least half the uniform resolution.
    """
    s = np.linspace(0.0, 1.0, n + 1)
    if abs(np.log(C_right / C_left)) < 0.1:
        return s
    x = np.linspace(0.0, 1.0, 20001)
    lnr = np.log(C_right / C_left)
    sx = 0.5 * (x + np.log1p((C_right / C_left - 1.0) * x) / lnr)
    faces = np.interp(s, sx, x)
    faces[0], faces[-1] = 0.0, 1.0
    return faces


@dataclass
class JunctionSolution:
    """Result of :func:`liquid_junction`.

    Attributes
    ----------
    x : ndarray (n_cells,)
        Cell centres [m], 0 at the left reservoir.
    t : ndarray (n_times,)
        Output times [s] (t[0] = 0, the sharp initial boundary).
    c : ndarray (n_times, n_ions, n_cells)
        Concentrations [mol/m^3].
    phi : ndarray (n_times, n_cells)
        Potential [V], phi = 0 in the left reservoir.
    E_j : ndarray (n_times,)
        Junction potential phi(right reservoir) - phi(left reservoir) [V].
    n_rhs : int
        Right-hand-side evaluations used by the integrator.
    """

    x: np.ndarray
    t: np.ndarray
    c: np.ndarray
    phi: np.ndarray
    E_j: np.ndarray
    n_rhs: int

    def __post_init__(self):
        x, t = _check_fields(self.x, self.t, self.c, self.phi)
        if v.real("E_j", self.E_j, unit="V").shape != (t.size,):
            raise ValueError(f"E_j must have shape (len(t),) = ({t.size},) (got {np.shape(self.E_j)})")
        v.count("n_rhs", self.n_rhs, lo=0)


def liquid_junction(c_left, c_right, z, D, length=1e-3, t_end=None, n_cells=60,
                    n_times=60, T=T_STD, rtol=1e-6, atol=1e-10):
    """Time-dependent electroneutral Nernst-Planck solver for a liquid junction.

    A layer of thickness ``length`` joins two reservoirs of fixed composition
    (left at x = 0, right at x = length). At t = 0 the layer holds the left
    solution in its left half and the right solution in its right half (a
    sharp boundary). Each ion obeys

        dc_i/dt = -dJ_i/dx,  J_i = -D_i (dc_i/dx + z_i c_i (F/RT) dphi/dx)

    and the potential follows from electroneutrality and zero current
    (open circuit), sum z_i J_i = 0:

        dphi/dx = -(RT/F) sum z_i D_i dc_i/dx / sum z_i^2 D_i c_i .

    Discretisation: conservative finite volumes on a grid graded towards the
    dilute side (see ``_junction_grid``; fluxes at cell faces, Dirichlet reservoirs at both ends, face concentrations by
    logarithmic mean of the conductance sum, the
    exact Henderson integral between neighbouring nodes). Because the same discrete gradients enter the current
    and the fluxes, sum z_i J_i = 0 holds exactly at every face, so the
    scheme conserves every ion and keeps each cell electroneutral (one ion
    is eliminated through electroneutrality, which removes the conserved
    charge modes from the stiff system). The method of lines hands the ODE system to scipy's stiff BDF integrator
    with the banded Jacobian sparsity pattern. As t -> infinity the
    solution tends to Planck's steady state (:func:`planck_ljp`).

    Parameters
    ----------
    c_left, c_right : array (n_ions,)
        Reservoir concentrations [mol/m^3], each electroneutral.
    z : array (n_ions,)
        Charge numbers (any valences).
    D : array (n_ions,)
        Diffusion coefficients [m^2/s].
    length : float
        Thickness of the junction layer [m], > 0.
    t_end : float or None
        Final time [s]; default 2 length^2 / min(D) (steady within < 1e-6).
    n_cells : int
        Finite volumes, an even number >= 8.
    n_times : int
        Output times, t = 0 then log-spaced from 1e-4 t_end to t_end.
    T : float
        Temperature [K].
    rtol, atol : float
        Integrator tolerances (atol in units of the largest concentration).

    Returns
    -------
    JunctionSolution

    Examples
    --------
    0.1 M HCl | 0.1 M KCl: the steady junction potential equals Henderson's
    (here all routes agree, see the lecture):

    >>> sol = liquid_junction([100, 0, 100], [0, 100, 100], [1, 1, -1],
    ...                       [9.311e-9, 1.957e-9, 2.032e-9], n_cells=60)
    >>> E_h = henderson_ljp([100, 0, 100], [0, 100, 100], [1, 1, -1], [9.311e-9, 1.957e-9, 2.032e-9])
    >>> bool(abs(sol.E_j[-1] - E_h) < 1e-4)
    True

    References: Planck (1890); the method of lines for electroneutral
    Nernst-Planck: Newman & Thomas-Alyea, Electrochemical Systems, 3rd ed.
    (2004), ch. 11 and 22.
    """
    from scipy.integrate import solve_ivp
    from scipy.sparse import diags, kron

    c_left, c_right, z, D, T = _junction_inputs(c_left, c_right, z, D, T)
    if c_left.ndim != 1:
        raise ValueError("liquid_junction solves one junction at a time: c_left must be 1-D")
    if T.ndim:
        raise ValueError("T must be a scalar for liquid_junction")
    length = float(v.positive("length", length, unit="m"))
    n = int(v.count("n_cells", n_cells, lo=8))
    if n % 2:
        raise ValueError(f"n_cells must be an even number >= 8 (got {n})")
    n_times = int(v.count("n_times", n_times, lo=2))
    d_ref = float(np.max(D))
    if t_end is None:
        t_end = 2.0 * length ** 2 / float(np.min(D))
    t_end = float(v.positive("t_end", t_end, unit="s"))
    rtol = float(v.real("rtol", rtol, lo=1e-13, hi=1e-2))
    atol = float(v.positive("atol", atol))

    N = z.size
    d = D / d_ref                       # dimensionless diffusivities, max 1
    c_scale = float(max(c_left.max(), c_right.max()))
    cl, cr = c_left / c_scale, c_right / c_scale
    faces = _junction_grid(float(np.sum(np.abs(z) * cl)), float(np.sum(np.abs(z) * cr)), n)
    h = np.diff(faces)                  # cell widths
    xc = 0.5 * (faces[1:] + faces[:-1])
    dxf = np.diff(np.concatenate([[0.0], xc, [1.0]]))   # node distances across each face
    zc, zd, z2d = z[:, None], (z * d)[:, None], (z ** 2 * d)[:, None]
    dcol = d[:, None]

    def fluxes(C):
        ext = np.concatenate([cl[:, None], C, cr[:, None]], axis=1)   # (N, n+2)
        grad = np.diff(ext, axis=1) / dxf                             # (N, n+1)
        cf = 0.5 * (ext[:, 1:] + ext[:, :-1])
        # conductance-weighted sum S = sum z^2 d c at the nodes; across each face use
        # its logarithmic mean (exact when the composition varies linearly between the
        # nodes: Henderson's integral per segment) and scale the face concentrations to it
        s_node = np.maximum(np.sum(z2d * ext, axis=0), 1e-300)
        s_a, s_b = s_node[:-1], s_node[1:]
        s_arith = 0.5 * (s_a + s_b)
        rel = (s_b - s_a) / s_arith
        near = np.abs(rel) < 1e-6
        s_log = np.where(near, s_arith * (1 - rel ** 2 / 12),
                         (s_b - s_a) / np.log(np.where(near, 2.0, s_b / s_a)))
        cf = cf * (s_log / s_arith)
        g = -np.sum(zd * grad, axis=0) / s_log                        # dpsi/dxi at faces
        J = -dcol * (grad + zc * cf * g)
        return J, g

    # Electroneutrality makes sum z_i c_i a conserved quantity in every cell: the full
    # system has n zero eigenvalues, which an approximate Jacobian turns into spurious
    # growing modes on stiff (graded) grids. So one ion, present on both sides, is
    # eliminated: c_k = -sum_{i != k} z_i c_i / z_k, and N - 1 ions are integrated.
    k_el = int(np.argmax(np.minimum(cl, cr) * np.abs(z) + 1e-12 * np.arange(N)))
    keep = np.array([i for i in range(N) if i != k_el])

    def full(Y):
        C = np.empty((N, n))
        C[keep] = Y
        C[k_el] = -np.sum(z[keep, None] * Y, axis=0) / z[k_el]
        return C

    def rhs(_, y):
        J, _g = fluxes(full(y.reshape(N - 1, n)))
        return (-(J[keep, 1:] - J[keep, :-1]) / h).ravel()

    band = diags([np.ones(n - 1), np.ones(n), np.ones(n - 1)], [-1, 0, 1], shape=(n, n))
    sparsity = kron(np.ones((N - 1, N - 1)), band, format="csr")
    C0 = np.where(xc[None, :] < 0.5, cl[:, None], cr[:, None])[keep]
    tau_end = t_end * d_ref / length ** 2
    tau_out = np.concatenate([[0.0], np.geomspace(1e-4 * tau_end, tau_end, n_times - 1)])
    n_calls = [0]

    def rhs_counted(t, y):
        n_calls[0] += 1
        return rhs(t, y)

    sol = solve_ivp(rhs_counted, (0.0, tau_end), C0.ravel(), method="BDF", t_eval=tau_out,
                    jac_sparsity=sparsity, rtol=rtol, atol=atol, first_step=1e-6 * tau_end)
    if not sol.success:  # pragma: no cover - defensive
        raise RuntimeError(f"liquid_junction: integrator failed: {sol.message}")
    Cs = np.array([full(Y) for Y in sol.y.T.reshape(-1, N - 1, n)])
    psi = np.empty((Cs.shape[0], n))
    E = np.empty(Cs.shape[0])
    for k, C in enumerate(Cs):
        _J, g = fluxes(C)
        drop = g * dxf                       # psi(node right of face) - psi(node left of face)
        psi[k] = np.cumsum(drop[:-1])
        E[k] = np.sum(drop)
    vt = R * float(T) / F
    return JunctionSolution(x=xc * length, t=sol.t * length ** 2 / d_ref,
                            c=Cs * c_scale, phi=psi * vt, E_j=E * vt, n_rhs=n_calls[0])


# ---------------------------------------------------------------------------
# the diffuse double layer
# ---------------------------------------------------------------------------

def ionic_strength(c, z):
    """Ionic strength I = (1/2) sum z_i^2 c_i [mol/m^3] (ions on the last axis).

    >>> ionic_strength([100.0, 100.0], [2, -2])  # 0.1 M MgSO4
    400.0
    """
    c, z = _ion_arrays(c=(c, "conc"), z=(z, "charge"))
    return v.scalar_out(0.5 * np.sum(z ** 2 * c, axis=-1))


def debye_length(c, z, T=T_STD, eps_r=EPS_R_WATER):
    """Debye screening length [m]:

        lambda_D = sqrt(eps_r eps_0 R T / (F^2 sum_i z_i^2 c_i)) = sqrt(eps_r eps_0 R T / (2 F^2 I))

    Parameters
    ----------
    c : array
        Bulk concentrations of the ions [mol/m^3] (ions on the last axis;
        1 mM = 1 mol/m^3), not all zero.
    z : array
        Charge numbers.
    T : float or array
        Temperature [K].
    eps_r : float or array
        Relative permittivity of the solvent, > 0 (water at 25 degC: 78.36).

    Examples
    --------
    0.1 M of a 1:1 salt in water at 25 degC (about 0.304 nm / sqrt(I/M),
    Israelachvili 2011):

    >>> round(debye_length([100.0, 100.0], [1, -1]) * 1e9, 3)
    0.961

    Reference: Bard & Faulkner (2001), eq. 13.3.13 (there written with
    number concentrations); Israelachvili, Intermolecular and Surface Forces,
    3rd ed. (2011), ch. 14.
    """
    I = ionic_strength(c, z)
    T = v.temperature(T)
    eps_r = v.positive("eps_r", eps_r)
    if np.any(np.asarray(I) <= 0):
        raise ValueError("c must contain ions: the ionic strength must be > 0")
    return v.scalar_out(np.sqrt(eps_r * epsilon_0 * R * T / (2 * F ** 2 * np.asarray(I))))


def _gc_inputs(phi0, c, z, T, eps_r):
    phi0 = v.real("phi0", phi0, lo=-1.0, hi=1.0, unit="V")
    c = v.positive("c", c, unit="mol/m^3")
    z = v.real("z", z, lo=1, hi=4)
    if np.any(z != np.round(z)):
        raise ValueError("z must be a whole number in [1, 4] (the charge of a symmetric z:z salt)")
    T = v.temperature(T)
    eps_r = v.positive("eps_r", eps_r)
    return phi0, c, z, T, eps_r


def gouy_chapman_potential(x, phi0, c, z=1, T=T_STD, eps_r=EPS_R_WATER):
    """Gouy-Chapman potential profile of the diffuse layer at a flat electrode [V]:

        tanh(z F phi(x) / 4RT) = tanh(z F phi0 / 4RT) exp(-x / lambda_D)

    the exact solution of the Poisson-Boltzmann equation for a symmetric z:z
    electrolyte of bulk concentration c. phi is measured from the bulk
    solution, phi0 = phi(electrode) - phi(bulk); no Stern layer.

    Parameters
    ----------
    x : float or array
        Distance from the electrode [m], >= 0.
    phi0 : float or array
        Electrode potential relative to the bulk [V], |phi0| <= 1 V.
    c : float or array
        Bulk concentration of the salt [mol/m^3], > 0.
    z : int
        Charge number of the symmetric salt (1 for NaCl, 2 for MgSO4).
    T : float or array
        Temperature [K].
    eps_r : float or array
        Relative permittivity.

    Examples
    --------
    Small potentials follow the linear Debye-Hueckel decay phi0 exp(-x/lambda_D):

    >>> lam = debye_length([10.0, 10.0], [1, -1])
    >>> round(float(gouy_chapman_potential(lam, 1e-4, 10.0) / (1e-4 * np.exp(-1))), 6)
    1.0

    Reference: Bard & Faulkner (2001), eq. 13.3.20.
    """
    x = v.nonnegative("x", x, unit="m")
    phi0, c, z, T, eps_r = _gc_inputs(phi0, c, z, T, eps_r)
    lam = np.sqrt(eps_r * epsilon_0 * R * T / (2 * F ** 2 * z ** 2 * c))
    f = z * F / (R * T)
    return v.scalar_out(4 / f * np.arctanh(np.tanh(f * phi0 / 4) * np.exp(-x / lam)))


def gouy_chapman_charge(phi0, c, z=1, T=T_STD, eps_r=EPS_R_WATER):
    """Electrode charge density balancing the diffuse layer (Grahame equation) [C/m^2]:

        sigma = sqrt(8 eps_r eps_0 R T c) sinh(z F phi0 / 2RT)

    (c in mol/m^3; the diffuse layer holds -sigma).

    >>> round(gouy_chapman_charge(0.0, 100.0), 12)
    0.0

    Reference: Bard & Faulkner (2001), eq. 13.3.22.
    """
    phi0, c, z, T, eps_r = _gc_inputs(phi0, c, z, T, eps_r)
    return v.scalar_out(np.sqrt(8 * eps_r * epsilon_0 * R * T * c) * np.sinh(z * F * phi0 / (2 * R * T)))


def gouy_chapman_capacitance(phi0, c, z=1, T=T_STD, eps_r=EPS_R_WATER):
    """Differential capacitance of the diffuse layer, d sigma / d phi0 [F/m^2]:

        C_d = (eps_r eps_0 / lambda_D) cosh(z F phi0 / 2RT)

    >>> lam = debye_length([100.0, 100.0], [1, -1])
    >>> from echemlab.constants import epsilon_0
    >>> round(gouy_chapman_capacitance(0.0, 100.0) * lam / (EPS_R_WATER * epsilon_0), 12)
    1.0

    Reference: Bard & Faulkner (2001), eq. 13.3.23.
    """
    phi0, c, z, T, eps_r = _gc_inputs(phi0, c, z, T, eps_r)
    lam = np.sqrt(eps_r * epsilon_0 * R * T / (2 * F ** 2 * z ** 2 * c))
    return v.scalar_out(eps_r * epsilon_0 / lam * np.cosh(z * F * phi0 / (2 * R * T)))


@dataclass
class DoubleLayerSolution:
    """Result of :func:`pnp_double_layer`.

    Attributes
    ----------
    x : ndarray (n_cells,)
        Cell centres [m] from the electrode.
    t : ndarray (n_times,)
        Output times [s].
    c : ndarray (n_times, n_ions, n_cells)
        Concentrations [mol/m^3].
    phi : ndarray (n_times, n_cells)
        Potential relative to the bulk [V].
    sigma : ndarray (n_times,)
        Electrode charge density [C/m^2] = -(charge of the solution per area).
    debye_length : float
        lambda_D of the bulk [m].
    """

    x: np.ndarray
    t: np.ndarray
    c: np.ndarray
    phi: np.ndarray
    sigma: np.ndarray
    debye_length: float

    def __post_init__(self):
        x, t = _check_fields(self.x, self.t, self.c, self.phi)
        if v.real("sigma", self.sigma, unit="C/m^2").shape != (t.size,):
            raise ValueError(f"sigma must have shape (len(t),) = ({t.size},) (got {np.shape(self.sigma)})")
        if v.positive("debye_length", self.debye_length, unit="m").ndim:
            raise ValueError("debye_length must be a single number [m], > 0")


def pnp_double_layer(phi0, c_bulk, z, D, T=T_STD, eps_r=EPS_R_WATER, length=None, n_cells=80,
                     t_end=None, n_times=40, rtol=1e-7):
    """Time-dependent Poisson-Nernst-Planck solver: a diffuse double layer charging
    at a blocking electrode.

    At t = 0 the potential of a blocking (ideally polarisable) electrode at
    x = 0 is stepped to ``phi0`` relative to a bulk reservoir at x = length
    (where c = c_bulk and phi = 0). The ions obey Nernst-Planck with zero flux
    at the electrode, and the potential obeys Poisson's equation

        eps_r eps_0 d2phi/dx2 = -F sum z_i c_i .

    Discretisation: finite volumes on a grid stretched towards the electrode
    (smallest cell lambda_D / 50 or less), Scharfetter-Gummel fluxes (exact for the
    Boltzmann distribution, so the steady state is the discrete
    Poisson-Boltzmann solution), Poisson solved (tridiagonal) at every right-hand-side evaluation,
    stiff BDF integration with the analytic Jacobian. The steady state
    is compared with Gouy-Chapman in the lecture.

    Parameters
    ----------
    phi0 : float
        Electrode potential step relative to the bulk [V], |phi0| <= 0.3 V.
    c_bulk : array
        Bulk concentrations [mol/m^3], electroneutral.
    z : array
        Charge numbers.
    D : array
        Diffusion coefficients [m^2/s].
    T : float
        Temperature [K].
    eps_r : float
        Relative permittivity.
    length : float or None
        Distance electrode-reservoir [m]; default 30 lambda_D.
    n_cells : int
        Finite volumes (>= 20).
    t_end : float or None
        Final time [s]; default 20 length^2 / min(D) (the salt taken up by
        the double layer must diffuse in from the reservoir).
    n_times : int
        Output times (0, then log-spaced from 1e-4 t_end).
    rtol : float
        Integrator relative tolerance.

    Returns
    -------
    DoubleLayerSolution

    Examples
    --------
    >>> sol = pnp_double_layer(0.05, [10.0, 10.0], [1, -1], [1.334e-9, 2.032e-9], n_cells=60)
    >>> bool(abs(sol.sigma[-1] / gouy_chapman_charge(0.05, 10.0) - 1) < 1e-3)
    True

    References: Bazant, Thornton & Ajdari, Phys. Rev. E 70, 021506 (2004);
    Scharfetter & Gummel, IEEE Trans. Electron Devices 16, 64 (1969).
    """
    from scipy.integrate import solve_ivp
    from scipy.linalg import solve_banded
    from scipy.sparse import csc_matrix

    phi0 = float(v.real("phi0", phi0, lo=-0.3, hi=0.3, unit="V"))
    c_bulk, z, D = _ion_arrays(c_bulk=(c_bulk, "conc"), z=(z, "charge"), D=(D, "pos"))
    if c_bulk.ndim != 1:
        raise ValueError("c_bulk must be 1-D (one value per ion)")
    _check_neutral("c_bulk", c_bulk, z)
    T = float(v.temperature(T))
    eps_r = float(v.positive("eps_r", eps_r))
    n = int(v.count("n_cells", n_cells, lo=20))
    n_times = int(v.count("n_times", n_times, lo=2))
    rtol = float(v.real("rtol", rtol, lo=1e-12, hi=1e-2))
    i2 = float(np.sum(z ** 2 * c_bulk))
    if i2 <= 0:
        raise ValueError("c_bulk must contain ions")
    lam = float(np.sqrt(eps_r * epsilon_0 * R * T / (F ** 2 * i2)))
    if length is None:
        length = 30.0 * lam
    length = float(v.positive("length", length, unit="m"))
    if length < 5 * lam:
        raise ValueError(f"length must be >= 5 Debye lengths ({5 * lam:g} m) (got {length:g})")
    Lt = length / lam
    d_ref = float(np.max(D))
    d = D / d_ref
    if t_end is None:
        t_end = 20.0 * length ** 2 / float(np.min(D))
    t_end = float(v.positive("t_end", t_end, unit="s"))

    # stretched grid: face positions geometric from the electrode; the first cell is
    # lambda/50 or smaller, so that the potential changes by < 0.02 RT/F across it
    # (wall field from the first integral of Poisson-Boltzmann, Grahame's relation:
    # (dpsi/dx)^2 = 2 sum_i c_i (exp(-z_i psi0) - 1) in Debye units)
    wall_field = np.sqrt(max(2.0 * np.sum(c_bulk / i2 * np.expm1(-z * phi0 * F / (R * T))), 0.0))
    h0 = 0.02 / max(1.0, wall_field)
    if h0 * n >= Lt:
        faces = np.linspace(0.0, Lt, n + 1)
    else:
        from scipy.optimize import brentq
        q = brentq(lambda s: h0 * np.expm1(n * np.log(s)) / (s - 1) - Lt, 1.0 + 1e-12, 2.0)
        faces = np.concatenate([[0.0], np.cumsum(h0 * q ** np.arange(n))])
        faces *= Lt / faces[-1]
    dx = np.diff(faces)                             # cell widths
    xc = 0.5 * (faces[1:] + faces[:-1])             # centres
    # node distances across interior faces, and to the boundaries
    hint = np.diff(xc)                              # n-1 interior faces
    h_left = xc[0]                                  # centre of cell 0 to the electrode
    h_right = Lt - xc[-1]                           # last centre to the reservoir
    cb = c_bulk / i2                                # dimensionless: sum z^2 cb = 1
    psi0 = phi0 * F / (R * T)

    # Poisson: sum over faces of (psi_k+1 - psi_k)/h = -dx_k rho_k, with psi(0) = psi0, psi(Lt) = 0
    A = np.zeros((n, n))
    for k in range(n - 1):
        w = 1.0 / hint[k]
        A[k, k] -= w
        A[k, k + 1] += w
        A[k + 1, k + 1] -= w
        A[k + 1, k] += w
    A[0, 0] -= 1.0 / h_left
    A[-1, -1] -= 1.0 / h_right
    Ainv = np.linalg.inv(A)
    bc = np.zeros(n)
    bc[0] = -psi0 / h_left
    zc, dcol = z[:, None], d[:, None]

    ab = np.zeros((3, n))                                      # A in banded storage
    ab[0, 1:] = np.diag(A, 1)
    ab[1] = np.diag(A)
    ab[2, :-1] = np.diag(A, -1)

    def potential(C):
        rho = np.sum(zc * C, axis=0)
        return solve_banded((1, 1), ab, -dx * rho + bc)

    def rhs(_, y):
        C = y.reshape(-1, n)
        psi = potential(C)
        # interior faces: Scharfetter-Gummel flux from cell k to k+1
        dpsi = np.diff(psi)
        Jint = dcol / hint * (_bernoulli(zc * dpsi) * C[:, :-1] - _bernoulli(-zc * dpsi) * C[:, 1:])
        # reservoir face: between the last cell and the boundary node (c = cb, psi = 0)
        dpsi_r = 0.0 - psi[-1]
        Jr = d / h_right * (_bernoulli(z * dpsi_r) * C[:, -1] - _bernoulli(-z * dpsi_r) * cb)
        J = np.concatenate([np.zeros((z.size, 1)), Jint, Jr[:, None]], axis=1)   # blocking electrode
        return (-(J[:, 1:] - J[:, :-1]) / dx).ravel()

    G = -Ainv * dx[None, :]                                   # dpsi_m / drho_k
    M = np.zeros((n + 1, n))                                  # d(Delta psi across face f)/drho_k
    M[1:n] = G[1:] - G[:-1]
    M[n] = -G[-1]
    hf = np.concatenate([[1.0], hint, [h_right]])             # node distance per face (face 0 unused)
    Nn = z.size * n

    def jac(_, y):
        C = y.reshape(-1, n)
        psi = potential(C)
        delta = np.concatenate([[0.0], np.diff(psi), [-psi[-1]]])      # (n+1,)
        zd = zc * delta[None, :]                                       # (N, n+1)
        a = dcol / hf * _bernoulli(zd)                                 # coefficient of the left node
        b = dcol / hf * _bernoulli(-zd)                                # coefficient of the right node
        a[:, 0] = b[:, 0] = 0.0                                        # blocking electrode
        left = np.concatenate([np.zeros((z.size, 1)), C], axis=1)      # node left of face f (f >= 1)
        right = np.concatenate([C[:, 1:], cb[:, None]], axis=1)        # node right of face f (f <= n)
        right = np.concatenate([np.zeros((z.size, 1)), right], axis=1)
        S = dcol / hf * zc * (_dbernoulli(zd) * left + _dbernoulli(-zd) * right)
        S[:, 0] = 0.0
        Jm = np.zeros((z.size, n, z.size, n))
        # through the potential: df_ik/drho_m, times drho_m/dC_lm = z_l
        Tm = -(S[:, 1:, None] * M[None, 1:, :] - S[:, :-1, None] * M[None, :-1, :]) / dx[None, :, None]
        Jm += Tm[:, :, None, :] * z[None, None, :, None]
        # local (Scharfetter-Gummel) dependence on the concentrations of the same ion
        kk = np.arange(n)
        for i in range(z.size):
            Jm[i, kk, i, kk] += -(a[i, 1:] + b[i, :-1]) / dx
            Jm[i, kk[:-1], i, kk[:-1] + 1] += b[i, 1:n] / dx[:-1]
            Jm[i, kk[1:], i, kk[1:] - 1] += a[i, 1:n] / dx[1:]
        # returned sparse: BDF then factorises with SuperLU, which (unlike the
        # threaded dense LAPACK path) stays fast on a busy machine
        return csc_matrix(Jm.reshape(Nn, Nn))

    C0 = np.repeat(cb[:, None], n, axis=1)
    tau_end = t_end * d_ref / lam ** 2
    tau_out = np.concatenate([[0.0], np.geomspace(1e-4 * tau_end, tau_end, n_times - 1)])
    # the Debye relaxation (tau ~ 1) is resolved from a tiny first step
    sol = solve_ivp(rhs, (0.0, tau_end), C0.ravel(), method="BDF", t_eval=tau_out,
                    rtol=rtol, atol=1e-10, first_step=1e-6, jac=jac)
    if not sol.success:  # pragma: no cover - defensive
        raise RuntimeError(f"pnp_double_layer: integrator failed: {sol.message}")
    Cs = sol.y.T.reshape(-1, z.size, n)
    Cs[0] = C0  # the initial state (phi0 applied at t = 0+)
    psi = np.array([potential(C) for C in Cs])
    # electrode charge = -(solution charge per area) = -F sum z c dx (dimensional)
    charge = np.array([np.sum(np.sum(zc * C, axis=0) * dx) for C in Cs])   # dimensionless
    sigma = -charge * F * i2 * lam
    return DoubleLayerSolution(x=xc * lam, t=sol.t * lam ** 2 / d_ref, c=Cs * i2,
                               phi=psi * R * T / F, sigma=sigma, debye_length=lam)
