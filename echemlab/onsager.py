"""Linear non-equilibrium thermodynamics: Onsager's coupled fluxes.

Each flux is a linear combination of all thermodynamic forces (seed,
多组分体系与Onsager关系):

    J_i = sum_j L_ij X_j,      X_j = -grad(mu~_j) / T

with the electrochemical potential mu~_j = mu_j + z_j F phi. The local
entropy production is

    sigma = sum_i J_i X_i = X^T L X >= 0          [W/(K m^3)]

Only the symmetric part of L dissipates; the second law therefore requires
the symmetric part of L to be positive semidefinite. Onsager's reciprocal
relations L_ij = L_ji (no magnetic field) are a separate law that follows
from microscopic reversibility.

Units: for species fluxes J_i [mol/(m^2 s)] and forces X_j [J/(mol K m)],
L_ij has units [mol^2 K/(J m s)]. For a discrete membrane or capillary the
same structure holds with flows (Q [m^3/s], I [A]) and differences
(Delta p [Pa], Delta phi [V]) as conjugate pairs, because the dissipation
is T * dS/dt = Q Delta p + I Delta phi [W].

Sign conventions: differences are taken "side 1 minus side 2"
(Delta p = p1 - p2, Delta phi = phi1 - phi2) and flows are positive from
side 1 to side 2. Species order in binary-electrolyte functions is
(cation, anion).

References: L. Onsager, Phys. Rev. 37, 405 (1931); D. G. Miller,
Chem. Rev. 60, 15 (1960) and J. Phys. Chem. 70, 2639 (1966); O. Kedem,
S. R. Caplan, Trans. Faraday Soc. 61, 1897 (1965); J. Newman,
K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed. (2004), ch. 12-14;
C. L. Rice, R. Whitehead, J. Phys. Chem. 69, 4017 (1965).
"""
import numpy as np

from . import _validate as v
from .constants import T_STD, F, R

#: relative tolerance for symmetry and semidefiniteness checks
RTOL = 1e-9


# ---------------------------------------------------------------------------
# The phenomenological matrix: admissibility
# ---------------------------------------------------------------------------

def _matrix(L, name="L"):
    try:
        arr = np.asarray(L, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a square matrix of real numbers (got {L!r})") from None
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2] or arr.shape[-1] < 1:
        raise ValueError(f"{name} must be a square matrix (shape (..., n, n)); got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (got a NaN or inf entry)")
    return arr


def _flag(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False (got {value!r})")
    return bool(value)


def _rtol(rtol):
    return float(v.real("rtol", rtol, lo=0.0, hi=1.0))


def _normalizer(arr):
    """Diagonal scaling s_i = |L_ii|^(-1/2) that makes the checks independent
    of the units of each flux (L11 and L22 may differ by many decades)."""
    d = np.abs(np.diagonal(arr, axis1=-2, axis2=-1))
    dmax = np.max(d, axis=-1, keepdims=True)
    fallback = np.where(dmax > 0, dmax, 1.0)
    return 1.0 / np.sqrt(np.where(d > 0, d, fallback))


def check_onsager(L, reciprocal=True, rtol=RTOL, name="L"):
    """Return L as a float array after checking it is an admissible
    phenomenological matrix; raise ValueError otherwise.

    Admissible means (1) second law: the symmetric part (L + L^T)/2 is
    positive semidefinite, so X^T L X >= 0 for every force X; and, when
    ``reciprocal`` is True, (2) Onsager reciprocity: L = L^T. Both tests
    are made on s_i L_ij s_j with s_i = |L_ii|^(-1/2), so they do not
    depend on the units chosen for each flux.

    Parameters
    ----------
    L : array_like, shape (..., n, n)
        Phenomenological coefficients (any consistent units). Stacks of
        matrices are checked matrix by matrix.
    reciprocal : bool
        Also require L_ij = L_ji.
    rtol : float
        Tolerance on the scaled matrix, in [0, 1].
    name : str
        Name of the matrix in error messages.

    Returns
    -------
    ndarray
        L as floats.

    Examples
    --------
    >>> check_onsager([[2.0, 1.0], [1.0, 1.0]]).tolist()
    [[2.0, 1.0], [1.0, 1.0]]
    >>> check_onsager([[1.0, 2.0], [2.0, 1.0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: L must be positive semidefinite ...: X = [-0.707, 0.707] would give sigma = X.L.X = -1 < 0 ...

    Reference: de Groot & Mazur, Non-equilibrium Thermodynamics (1962), ch. IV.
    """
    if not isinstance(name, str):
        raise ValueError(f"name must be a string (got {name!r})")
    reciprocal = _flag("reciprocal", reciprocal)
    rtol = _rtol(rtol)
    arr = _matrix(L, name)
    s = _normalizer(arr)
    C = arr * s[..., :, None] * s[..., None, :]
    if reciprocal:
        bad = np.abs(C - np.swapaxes(C, -1, -2)) > rtol
        if np.any(bad):
            *stack, i, j = (int(k) for k in np.argwhere(bad)[0])
            m = arr[tuple(stack)]
            raise ValueError(f"{name} must be symmetric (Onsager reciprocity L_ij = L_ji): "
                             f"{name}[{i},{j}] = {m[i, j]:.6g} but {name}[{j},{i}] = {m[j, i]:.6g}")
    sym = 0.5 * (C + np.swapaxes(C, -1, -2))
    w, vec = np.linalg.eigh(sym)
    bad = w[..., 0] < -rtol
    if np.any(bad):
        k = tuple(int(c) for c in np.argwhere(np.atleast_1d(bad))[0]) if bad.ndim else ()
        x = s[k] * vec[k][..., 0]
        x = x / np.linalg.norm(x)
        x = -x if x[0] > 0 else x
        sig = float(x @ arr[k] @ x)
        xs = ", ".join(f"{c:.3g}" for c in x)
        raise ValueError(f"{name} must be positive semidefinite (entropy production >= 0): X = [{xs}] "
                         f"would give sigma = X.L.X = {sig:.6g} < 0 (smallest eigenvalue of the scaled "
                         f"symmetric part: {float(w[k][0]):.6g})")
    return arr


def is_admissible(L, reciprocal=True, rtol=RTOL):
    """True when :func:`check_onsager` accepts L (bool array for stacks).

    >>> is_admissible([[1.0, 0.9], [0.9, 1.0]]), is_admissible([[1.0, 1.1], [1.1, 1.0]])
    (True, False)
    >>> bool(is_admissible([[1.0, 0.5], [-0.5, 1.0]], reciprocal=False))  # 2nd law only
    True
    >>> is_admissible([[1e-10, 4e-5], [4e-5, 10.0]])  # q^2 = 1.6: units do not hide it
    False
    """
    reciprocal = _flag("reciprocal", reciprocal)
    rtol = _rtol(rtol)
    arr = _matrix(L)
    s = _normalizer(arr)
    C = arr * s[..., :, None] * s[..., None, :]
    sym = 0.5 * (C + np.swapaxes(C, -1, -2))
    ok = np.linalg.eigvalsh(sym)[..., 0] >= -rtol
    if reciprocal:
        ok &= np.max(np.abs(C - np.swapaxes(C, -1, -2)), axis=(-1, -2)) <= rtol
    return bool(ok) if ok.ndim == 0 else ok


def _forces(X, n):
    arr = v.real("X", X)
    if arr.ndim < 1 or arr.shape[-1] != n:
        raise ValueError(f"X must have a last axis of length {n} (one force per flux); got shape {arr.shape}")
    return arr


def fluxes(L, X, reciprocal=True):
    """Fluxes J = L X.

    Parameters
    ----------
    L : array_like, shape (..., n, n)
        Admissible phenomenological matrix (checked by :func:`check_onsager`).
    X : array_like, shape (..., n)
        Thermodynamic forces, e.g. X_j = -grad(mu~_j)/T [J/(mol K m)].
    reciprocal : bool
        Require L symmetric.

    Returns
    -------
    ndarray, shape (..., n)
        Fluxes in the units of L X (e.g. mol/(m^2 s)).

    >>> fluxes([[2.0, 1.0], [1.0, 1.0]], [1.0, -1.0]).tolist()
    [1.0, 0.0]
    """
    L = check_onsager(L, reciprocal=reciprocal)
    X = _forces(X, L.shape[-1])
    return np.einsum("...ij,...j->...i", L, X)


def entropy_production(L, X, reciprocal=True):
    """Entropy production sigma = X . L X = sum_i J_i X_i (>= 0).

    With X_j = -grad(mu~_j)/T in J/(mol K m) and L in mol^2 K/(J m s),
    sigma is in W/(K m^3). For discrete systems with forces (Delta p,
    Delta phi) it is the dissipation T dS/dt in W.

    >>> entropy_production([[2.0, 1.0], [1.0, 1.0]], [1.0, -1.0])
    1.0
    """
    L = check_onsager(L, reciprocal=reciprocal)
    X = _forces(X, L.shape[-1])
    return v.scalar_out(np.einsum("...i,...ij,...j->...", X, L, X))


# ---------------------------------------------------------------------------
# Two coupled flows: coupling, electrokinetics, energy conversion
# ---------------------------------------------------------------------------

def _two_by_two(L):
    L = check_onsager(L)
    if L.shape[-1] != 2:
        raise ValueError(f"L must be a 2x2 matrix for this function; got shape {L.shape}")
    return L


def degree_of_coupling(L):
    """Degree of coupling q = L12 / sqrt(L11 L22) of a 2x2 system, in [-1, 1].

    The second law (L positive semidefinite) is equivalent to |q| <= 1
    with L11, L22 >= 0 (Kedem & Caplan 1965).

    >>> degree_of_coupling([[4.0, 1.0], [1.0, 1.0]])
    0.5
    """
    L = _two_by_two(L)
    d = np.sqrt(L[..., 0, 0] * L[..., 1, 1])
    if np.any(d <= 0):
        raise ValueError("L must have L11 > 0 and L22 > 0 for the degree of coupling to be defined")
    # admissible within RTOL: clip the rounding excess so that |q| <= 1 exactly
    return v.scalar_out(np.clip(L[..., 0, 1] / d, -1.0, 1.0))


def max_efficiency(q):
    """Maximum efficiency of a linear energy converter with degree of
    coupling q: eta_max = q^2 / (1 + sqrt(1 - q^2))^2.

    Parameters
    ----------
    q : float or array
        Degree of coupling, |q| <= 1.

    >>> round(max_efficiency(0.9), 6)
    0.392864
    >>> max_efficiency(1.0)
    1.0

    Reference: O. Kedem, S. R. Caplan, Trans. Faraday Soc. 61, 1897 (1965).
    """
    q = v.real("q", q, lo=-1.0, hi=1.0)
    q2 = q * q
    return v.scalar_out(q2 / (1.0 + np.sqrt(1.0 - q2)) ** 2)


def conversion_efficiency(q, load):
    """Efficiency of a 2x2 linear converter at normalized load r.

    Flow 1 (input) is driven downhill by X1 and drags flow 2 uphill against
    X2. With r = -X2 sqrt(L22/L11) / (q X1) in [0, 1] (r = 0: output
    short-circuited, r = 1: output flow stalled),

        eta(r) = q^2 r (1 - r) / (1 - q^2 r)

    which peaks at :func:`max_efficiency`.

    >>> round(conversion_efficiency(0.9, 0.5), 6)
    0.340336

    Reference: Kedem & Caplan (1965).
    """
    q = v.real("q", q, lo=-1.0, hi=1.0)
    r = v.real("load", load, lo=0.0, hi=1.0)
    q2 = q * q
    den = 1.0 - q2 * r
    with np.errstate(invalid="ignore", divide="ignore"):
        eta = np.where(den > 0, q2 * r * (1 - r) / np.where(den > 0, den, 1.0), 0.0)
    return v.scalar_out(eta)


def streaming_potential_coefficient(L):
    """(Delta phi / Delta p) at zero current, -L21/L22 [V/Pa].

    L is the 2x2 matrix of (Q [m^3/s], I [A]) against (Delta p [Pa],
    Delta phi [V]). By the IUPAC convention the streaming potential is
    positive when the high-pressure side is at the higher potential, which
    is the sign returned here.

    >>> streaming_potential_coefficient([[1.0, -2.0], [-2.0, 8.0]])
    0.25
    """
    L = _two_by_two(L)
    if np.any(L[..., 1, 1] <= 0):
        raise ValueError("L must have L22 > 0 (a conducting channel)")
    return v.scalar_out(-L[..., 1, 0] / L[..., 1, 1])


def electroosmotic_flow_per_current(L):
    """(Q / I) at zero pressure difference, L12/L22 [m^3/C].

    Saxen's relation: electroosmotic_flow_per_current(L) =
    -streaming_potential_coefficient(L), which holds if and only if
    L12 = L21.

    >>> electroosmotic_flow_per_current([[1.0, -2.0], [-2.0, 8.0]])
    -0.25
    """
    L = _two_by_two(L)
    if np.any(L[..., 1, 1] <= 0):
        raise ValueError("L must have L22 > 0 (a conducting channel)")
    return v.scalar_out(L[..., 0, 1] / L[..., 1, 1])


def _ratio_i1_i0(x):
    from scipy.special import i0e, i1e

    return i1e(x) / i0e(x)


def capillary_onsager_matrix(radius, length, zeta, conductivity, viscosity, permittivity, debye_length):
    """Onsager matrix of a charged cylindrical capillary.

    Flows (Q [m^3/s], I [A]) against forces (Delta p [Pa], Delta phi [V]),
    for a Debye-Hueckel double layer psi(r) = zeta I0(kappa r)/I0(kappa a):

        L11 = pi a^4 / (8 eta l)                                (Poiseuille)
        L12 = L21 = -(pi eps zeta a^2 / (eta l)) f(kappa a)     (electrokinetic)
        L22 = pi a^2 sigma / l + (2 pi eps^2 zeta^2 / (eta l)) g(kappa a)

    with f = 1 - 2 I1(ka)/(ka I0(ka)) (Rice & Whitehead 1965) and
    g = (ka)^2/2 [I1^2 - I0^2 + 2 I0 I1/(ka)] / I0^2 (ka) the convective
    (electro-osmotic) conductance of the double-layer charge. f -> 1 for a
    thin double layer (Helmholtz-Smoluchowski). The convective term makes L
    positive definite for every zeta (Cauchy-Schwarz), as the second law
    demands. Neglected: conduction excess of the double layer (second order
    in zeta, which only raises L22), and the nonlinear Poisson-Boltzmann
    profile (|zeta| above ~25 mV).

    Parameters
    ----------
    radius, length : float or array
        Capillary radius a and length l [m], > 0.
    zeta : float or array
        Zeta potential [V] (negative for glass or silica in water).
    conductivity : float or array
        Bulk electrolyte conductivity sigma [S/m], > 0.
    viscosity : float or array
        Dynamic viscosity eta [Pa s], > 0.
    permittivity : float or array
        Permittivity eps = eps_r eps_0 [F/m], > 0.
    debye_length : float or array
        Debye length [m], > 0.

    Returns
    -------
    ndarray, shape (..., 2, 2)

    Examples
    --------
    Reciprocity is built in, and Saxen's relation follows:

    >>> L = capillary_onsager_matrix(1e-6, 1e-2, -0.05, 0.0147, 8.9e-4, 78.4 * 8.854e-12, 9.6e-9)
    >>> bool(L[0, 1] == L[1, 0])
    True
    >>> round(streaming_potential_coefficient(L) * 1e5, 2)  # V per bar
    -0.26

    References: Rice & Whitehead, J. Phys. Chem. 69, 4017 (1965); this
    course, notebook 12 (derivation of L12 = L21 for any psi(r)).
    """
    a = v.positive("radius", radius, unit="m")
    ell = v.positive("length", length, unit="m")
    zeta = v.real("zeta", zeta, lo=-1.0, hi=1.0, unit="V")
    sigma = v.positive("conductivity", conductivity, unit="S/m")
    eta = v.positive("viscosity", viscosity, unit="Pa s")
    eps = v.positive("permittivity", permittivity, unit="F/m")
    lam = v.positive("debye_length", debye_length, unit="m")
    x = a / lam
    rho = _ratio_i1_i0(x)
    f = 1.0 - 2.0 * rho / x
    g = 0.5 * x * x * (rho * rho - 1.0 + 2.0 * rho / x)
    L11 = np.pi * a**4 / (8 * eta * ell)
    L12 = -np.pi * eps * zeta * a**2 * f / (eta * ell)
    L22 = np.pi * a**2 * sigma / ell + 2 * np.pi * eps**2 * zeta**2 * g / (eta * ell)
    out = np.empty(np.broadcast(L11, L12, L22).shape + (2, 2))
    out[..., 0, 0] = L11
    out[..., 0, 1] = L12
    out[..., 1, 0] = L12
    out[..., 1, 1] = L22
    return out


# ---------------------------------------------------------------------------
# Electrolytes: conductivity, transference, diffusion from L
# ---------------------------------------------------------------------------

def _charges(z, n=None):
    z = v.nonzero("z", z)
    if z.ndim != 1 or (n is not None and z.shape[0] != n):
        raise ValueError("z must be a 1-D list of charge numbers, one per species"
                         + (f" ({n})" if n is not None else "") + f"; got shape {z.shape}")
    return z


def _ion_L(L, z):
    L = check_onsager(L)
    z = _charges(z, L.shape[-1])
    return L, z


def conductivity(L, z, T=T_STD):
    """Ionic conductivity from the species Onsager matrix [S/m].

    For a uniform solution only the field acts: X_j = -z_j F grad(phi)/T,
    so the current density i = F sum z_i J_i = -kappa grad(phi) with

        kappa = (F^2 / T) sum_ij z_i z_j L_ij.

    Parameters
    ----------
    L : array_like, shape (..., n, n)
        Ion Onsager coefficients (solvent-fixed frame) [mol^2 K/(J m s)].
    z : sequence of n ints
        Charge numbers.
    T : float
        Temperature [K].

    Examples
    --------
    Uncoupled ions with Nernst-Einstein coefficients L_ii = c_i D_i / R give
    kappa = F^2/(RT) sum z_i^2 c_i D_i (0.01 M KCl, D from the CRC
    limiting conductivities):

    >>> from echemlab.constants import R
    >>> L = [[10 * 1.957e-9 / R, 0], [0, 10 * 2.032e-9 / R]]
    >>> round(conductivity(L, [1, -1], 298.15), 4)
    0.1498
    """
    L, z = _ion_L(L, z)
    T = v.temperature(T)
    return v.scalar_out(F**2 / T * np.einsum("i,...ij,j->...", z, L, z))


def transference_numbers(L, z):
    """Hittorf transference numbers t_i (fraction of current carried by i,
    relative to the solvent):

        t_i = z_i sum_j L_ij z_j / sum_jk z_j L_jk z_k,   sum_i t_i = 1.

    >>> [round(float(t), 4) for t in transference_numbers([[1.957, 0.0], [0.0, 2.032]], [1, -1])]
    [0.4906, 0.5094]
    """
    L, z = _ion_L(L, z)
    b = np.einsum("...ij,j->...i", L, z)
    s = np.einsum("i,...i->...", z, b)
    if np.any(s <= 0):
        raise ValueError("L must give a positive conductivity (sum z_i L_ij z_j > 0)")
    return v.scalar_out(z * b / s[..., None])


def _binary(z, nu):
    z = _charges(z, 2)
    if not (z[0] > 0 > z[1]):
        raise ValueError(f"z must be (cation charge > 0, anion charge < 0); got {z.tolist()}")
    nu = v.count("nu", nu)
    if nu.shape != (2,):
        raise ValueError(f"nu must be the two stoichiometric numbers (nu+, nu-); got shape {nu.shape}")
    if z[0] * nu[0] + z[1] * nu[1] != 0:
        raise ValueError(f"nu must make the salt neutral: nu+ z+ + nu- z- = 0 (got nu={nu.tolist()}, z={z.tolist()})")
    return z, nu


def _stefan_maxwell_inputs(z, nu, c, D0p, D0m, Dpm, c0, T):
    """Checked inputs of a binary salt in a solvent with Stefan-Maxwell diffusivities."""
    z, nu = _binary(z, nu)
    return (z, nu, v.positive("c", c, unit="mol/m^3"), v.positive("D0p", D0p, unit="m^2/s"),
            v.positive("D0m", D0m, unit="m^2/s"), v.positive("Dpm", Dpm, unit="m^2/s"),
            v.positive("c0", c0, unit="mol/m^3"), v.temperature(T))


def salt_diffusion_coefficient(L, z, nu, c, T=T_STD, thermo_factor=1.0):
    """Diffusion coefficient of a binary salt at zero current [m^2/s],
    solvent-fixed frame.

    The salt flux J_s = J_+/nu_+ = J_-/nu_- = -D grad(c), with the salt's
    chemical potential gradient nu R T thermo_factor grad(c)/c, where
    thermo_factor = 1 + d ln(gamma_+-)/d ln(c). Eliminating the diffusion
    potential with z_+ J_+ + z_- J_- = 0 gives

        D = R TF (a_+ S - b_+ A) / (nu_+ c S)

    with a_i = sum_j L_ij, b_i = sum_j L_ij z_j, S = sum z_i b_i,
    A = sum z_i a_i. For a 1:1 salt this is
    D = (2 R TF / c) (L++ L-- - L+-^2) / (L++ + L-- - 2 L+-).

    Parameters
    ----------
    L : array_like, shape (..., 2, 2)
        Ion Onsager coefficients [mol^2 K/(J m s)], order (cation, anion).
    z : (z+, z-)
    nu : (nu+, nu-)
        Stoichiometric numbers of the salt.
    c : float or array
        Salt concentration [mol/m^3], > 0.
    T : float
        Temperature [K] (D does not depend on it at fixed L beyond TF).
    thermo_factor : float or array
        1 + d ln gamma_+- / d ln c, > 0 (1 for ideal solutions).

    Examples
    --------
    Nernst-Hartley limit (uncoupled ions): D = 2 D+ D-/(D+ + D-) for KCl:

    >>> from echemlab.constants import R
    >>> L = [[1.0 * 1.957e-9 / R, 0], [0, 1.0 * 2.032e-9 / R]]
    >>> round(salt_diffusion_coefficient(L, [1, -1], [1, 1], 1.0) * 1e9, 4)
    1.9938

    Reference: D. G. Miller, J. Phys. Chem. 70, 2639 (1966).
    """
    L = check_onsager(L)
    if L.shape[-1] != 2:
        raise ValueError(f"L must be 2x2 (cation, anion); got shape {L.shape}")
    z, nu = _binary(z, nu)
    c = v.positive("c", c, unit="mol/m^3")
    v.temperature(T)
    tf = v.positive("thermo_factor", thermo_factor)
    a = L.sum(axis=-1)
    b = np.einsum("...ij,j->...i", L, z)
    S = np.einsum("i,...i->...", z, b)
    A = np.einsum("i,...i->...", z, a)
    if np.any(S <= 0):
        raise ValueError("L must give a positive conductivity (sum z_i L_ij z_j > 0)")
    return v.scalar_out(R * tf * (a[..., 0] * S - b[..., 0] * A) / (nu[0] * c * S))


def onsager_from_measurements(kappa, t_plus, D, c, z=(1, -1), nu=(1, 1), T=T_STD, thermo_factor=1.0):
    """Ion Onsager matrix of a binary electrolyte from three measurements:
    conductivity, transference number and salt diffusion coefficient.

        L_ij = T t_i t_j kappa / (z_i z_j F^2) + nu_i nu_j c D / (nu R TF)

    Three measurements fix three coefficients only because L+- = L-+
    (Onsager); without reciprocity a fourth, independent measurement would
    be needed (Miller 1966).

    Parameters
    ----------
    kappa : float or array
        Conductivity [S/m], > 0.
    t_plus : float or array
        Cation Hittorf transference number, in (0, 1).
    D : float or array
        Salt diffusion coefficient [m^2/s], > 0 (solvent-fixed frame).
    c : float or array
        Salt concentration [mol/m^3], > 0.
    z, nu : pairs
        Charges and stoichiometric numbers (cation, anion).
    T : float
        Temperature [K].
    thermo_factor : float or array
        1 + d ln gamma_+- / d ln c, > 0.

    Returns
    -------
    ndarray, shape (..., 2, 2) [mol^2 K/(J m s)]

    >>> L = onsager_from_measurements(1.2824, 0.4898, 1.844e-9, 99.7, thermo_factor=0.9)
    >>> round(conductivity(L, [1, -1], 298.15), 6), round(float(transference_numbers(L, [1, -1])[0]), 6)
    (1.2824, 0.4898)

    Reference: D. G. Miller, J. Phys. Chem. 70, 2639 (1966), eq. for l_ij.
    """
    z, nu = _binary(z, nu)
    kappa = v.positive("kappa", kappa, unit="S/m")
    t_plus = v.fraction_open("t_plus", t_plus)
    D = v.positive("D", D, unit="m^2/s")
    c = v.positive("c", c, unit="mol/m^3")
    T = v.temperature(T)
    tf = v.positive("thermo_factor", thermo_factor)
    t = np.stack([t_plus, 1.0 - t_plus], axis=-1)
    first = (T * kappa / F**2)[..., None, None] * t[..., :, None] * t[..., None, :] / np.outer(z, z)
    second = (c * D / (nu.sum() * R * tf))[..., None, None] * np.outer(nu, nu)
    L = first + second  # both terms are rank-1 positive semidefinite: L is always admissible
    return 0.5 * (L + np.swapaxes(L, -1, -2))


def stefan_maxwell_onsager(c, D0p, D0m, Dpm, c0, z=(1, -1), nu=(1, 1), T=T_STD):
    """Convert the Stefan-Maxwell description of a binary electrolyte
    (cation +, anion -, solvent 0) into the ion Onsager matrix L in the
    solvent-fixed frame.

    Stefan-Maxwell (Newman 2004, eq. 12.1): c_i grad(mu~_i) =
    sum_j K_ij (v_j - v_i), K_ij = R T c_i c_j / (c_T D_ij). With v_0 = 0
    this is -diag(c) grad(mu~) = M v, with M_ii = sum_{j != i} K_ij and
    M_+- = -K_+-, so J = diag(c) v = T diag(c) M^{-1} diag(c) X:

        L = T diag(c) M^{-1} diag(c).

    L is symmetric because D_ij = D_ji, and positive definite for positive
    diffusivities.

    Parameters
    ----------
    c : float or array
        Salt concentration [mol/m^3], > 0; c_+ = nu_+ c, c_- = nu_- c.
    D0p, D0m, Dpm : float or array
        Stefan-Maxwell diffusivities cation-solvent, anion-solvent and
        cation-anion [m^2/s], > 0.
    c0 : float or array
        Solvent concentration [mol/m^3], > 0 (55.3e3 for dilute water).
    z, nu : pairs
        Charges and stoichiometric numbers (cation, anion).
    T : float
        Temperature [K].

    >>> L = stefan_maxwell_onsager(100.0, 1.957e-9, 2.032e-9, 1e-10, 55.3e3)
    >>> bool(is_admissible(L)), bool(L[0, 1] > 0)
    (True, True)
    """
    z, nu, c, D0p, D0m, Dpm, c0, T = _stefan_maxwell_inputs(z, nu, c, D0p, D0m, Dpm, c0, T)
    cp, cm = nu[0] * c, nu[1] * c
    cT = cp + cm + c0
    K0p = R * T * c0 * cp / (cT * D0p)
    K0m = R * T * c0 * cm / (cT * D0m)
    Kpm = R * T * cp * cm / (cT * Dpm)
    m11, m22, m12 = K0p + Kpm, K0m + Kpm, -Kpm
    det = m11 * m22 - m12 * m12
    out = np.empty(np.broadcast(m11, m22, m12).shape + (2, 2))
    out[..., 0, 0] = T * cp * cp * m22 / det
    out[..., 1, 1] = T * cm * cm * m11 / det
    out[..., 0, 1] = -T * cp * cm * m12 / det
    out[..., 1, 0] = out[..., 0, 1]
    return out


def newman_binary_properties(c, D0p, D0m, Dpm, c0, z=(1, -1), nu=(1, 1), T=T_STD):
    """Conductivity, cation transference number (solvent frame) and the
    Stefan-Maxwell salt diffusivity of a binary electrolyte, in Newman's
    closed forms (Newman & Thomas-Alyea 2004, section 14.3):

        t+^0 = z+ D0+ / (z+ D0+ - z- D0-)
        1/kappa = -(R T / (c_T z+ z- F^2)) (1/D+- + c0 t-^0 / (c+ D0-))
        D_SM = D0+ D0- (z+ - z-) / (z+ D0+ - z- D0-)

    A second route to :func:`conductivity` and :func:`transference_numbers`
    of :func:`stefan_maxwell_onsager`.

    Returns
    -------
    (kappa [S/m], t_plus [-], D_SM [m^2/s])

    >>> k, t, d = newman_binary_properties(100.0, 1.957e-9, 2.032e-9, 1e-10, 55.3e3)
    >>> round(t, 4), round(d * 1e9, 4)
    (0.4906, 1.9938)
    """
    z, nu, c, D0p, D0m, Dpm, c0, T = _stefan_maxwell_inputs(z, nu, c, D0p, D0m, Dpm, c0, T)
    zp, zm = z
    cp, cm = nu[0] * c, nu[1] * c
    cT = cp + cm + c0
    tp = zp * D0p / (zp * D0p - zm * D0m)
    tm = 1.0 - tp
    kappa = 1.0 / (-(R * T / (cT * zp * zm * F**2)) * (1.0 / Dpm + c0 * tm / (cp * D0m)))
    d_sm = D0p * D0m * (zp - zm) / (zp * D0p - zm * D0m)
    return v.scalar_out(kappa), v.scalar_out(tp), v.scalar_out(d_sm)
