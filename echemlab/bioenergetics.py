"""Bioenergetics: proton-motive force, ion pumps, ATP, and complex I.

Chapters 05 (proton-motive force) and 06 (reverse electron transport).

Sign conventions
----------------
* **Chapter 05, membranes** (the seed's convention): every difference is
  ``Delta = inside - outside``. For a plant cell "inside" is the cytosol and
  "outside" the apoplast; for a mitochondrion "inside" is the matrix (N side)
  and "outside" the intermembrane space (P side). Then

      Delta p = Delta psi - (RT ln10 / F) Delta pH,     Delta pH = pH_in - pH_out,

  is the Gibbs energy per coulomb for moving H+ from outside to inside:
  ``Delta G(H+ out -> in) = F Delta p``. An energised membrane (inside
  negative and alkaline) has Delta p < 0, e.g. about -0.15 V for a plant
  plasma membrane and about -0.2 V for the inner mitochondrial membrane.
* **Chapter 06, complex I**: bioenergetics texts usually quote the pmf as the
  positive number ``pmf = -Delta p`` (P side minus N side, "P - N
  convention"); ``ret_min_pmf`` and ``complex1_gibbs`` use that number, as
  the seed's expression Delta p_min = -(n_e/n_H) Delta E_redox does. The two
  conventions map by a sign: ``pmf = -proton_motive_force(...)``.
* Redox couples are written as reductions ``Ox + n_H H+ + n_e e- -> Red`` with
  potentials vs SHE; ``E_m7`` is the midpoint (equal ox and red) at pH 7.
* ATP hydrolysis Gibbs energies ``dG_ATP`` are for ATP + H2O -> ADP + Pi and
  are negative in a living cell (about -50 kJ/mol).

Concentrations are in mol/m^3 (SI; numerically equal to mM), activities are
concentration / (1 M), so ``c_std = 1000 mol/m^3``.

References: D. G. Nicholls, S. J. Ferguson, Bioenergetics 4, Academic Press
(2013), ch. 3 (pmf) and 5 (respiratory chain); D. L. Nelson, M. M. Cox,
Lehninger Principles of Biochemistry, 7th ed. (2017), ch. 13 and 19.
"""
from functools import lru_cache

import numpy as np

from . import _validate as v
from .constants import LN10, T_STD, F, R

#: standard-state concentration, 1 M [mol/m^3]
C_STD = 1000.0


# ---- input checkers ----------------------------------------------------------

def _pH(name, value):
    return v.real(name, value, lo=0.0, hi=14.0)


def _dpsi(name, value):
    return v.real(name, value, lo=-1.0, hi=1.0, unit="V")


def _n_H(value, name="n_H"):
    return v.real(name, value, lo=0.0, hi=20.0, lo_open=True)


def _dG_ATP(value):
    return v.real("dG_ATP", value, lo=-2e5, hi=0.0, hi_open=True, unit="J/mol")


def _amount(param, role, value):
    """An amount of the oxidised/reduced form (> 0); the message names the argument
    and its role (ox/red) in :func:`couple_potential`."""
    try:
        return v.positive(param, value)
    except ValueError as exc:
        raise ValueError(f"{exc} ({role} form of the couple)") from None


def _potential(name, value):
    return v.real(name, value, lo=-2.0, hi=2.0, unit="V")


# ---- data ----------------------------------------------------------------

@lru_cache(maxsize=None)
def _couple(couple):
    from .data import load_table

    table = load_table("bioenergetics_couples")
    if couple not in table:
        raise ValueError(f"couple must be one of {sorted(table)} (got {couple!r})")
    row = table[couple]
    return float(row["E_m7"]), int(row["n_e"]), int(row["n_H"])


@lru_cache(maxsize=None)
def _dG0_ATP_default():
    from .data import load_table

    return float(load_table("bioenergetics_thermo")["dG0_ATP_lehninger"]["value"])


def couple_data(couple):
    """(E_m7 [V vs SHE], n_e, n_H) of a tabulated biological redox couple.

    Couples: ``"NAD+/NADH"``, ``"Q/QH2"``, ``"fumarate/succinate"``,
    ``"O2/H2O"`` (data file ``bioenergetics_couples.csv``, Lehninger values
    at pH 7 and 25 degC).

    >>> couple_data("NAD+/NADH")
    (-0.32, 2, 1)
    """
    return _couple(couple)


# ---- chapter 05: proton-motive force ---------------------------------------

def proton_motive_force(dpsi, pH_in, pH_out, T=T_STD):
    """Proton-motive force Delta p [V], convention Delta = inside - outside.

        Delta p = Delta psi - (RT ln10 / F) (pH_in - pH_out)

    Delta p is the Gibbs energy per coulomb of moving H+ from outside to
    inside, Delta G = F Delta p: negative means H+ *influx* is downhill (an
    energised membrane). The P - N magnitude quoted in most bioenergetics
    texts is ``-Delta p``.

    Parameters
    ----------
    dpsi : float or array
        Membrane potential psi_in - psi_out [V], in [-1, 1].
    pH_in, pH_out : float or array
        pH inside (cytosol, matrix) and outside (apoplast, IMS), in [0, 14].
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        Delta p [V].

    Examples
    --------
    A plant cell with Delta psi = -120 mV, cytosol pH 7.3, apoplast pH 5.5:

    >>> round(proton_motive_force(-0.120, 7.3, 5.5, 298.15), 4)
    -0.2265

    Reference: Nicholls & Ferguson, Bioenergetics 4 (2013), eq. 3.43.
    """
    dpsi = _dpsi("dpsi", dpsi)
    pH_in, pH_out = _pH("pH_in", pH_in), _pH("pH_out", pH_out)
    T = v.temperature(T)
    return v.scalar_out(dpsi - LN10 * R * T / F * (pH_in - pH_out))


def proton_inflow_gibbs(dpsi, pH_in, pH_out, T=T_STD):
    """Gibbs energy of moving 1 mol H+ from outside to inside, F Delta p [J/mol].

    mu~_in - mu~_out = F (psi_in - psi_out) + RT ln(a_in / a_out).

    Inside one pH unit more alkaline, no voltage: influx is downhill by RT ln 10.

    >>> round(proton_inflow_gibbs(0.0, 7.0, 6.0, 298.15), 1)
    -5708.0
    """
    return v.scalar_out(F * np.asarray(proton_motive_force(dpsi, pH_in, pH_out, T)))


def atp_hydrolysis_gibbs(ATP, ADP, Pi, dG0=None, T=T_STD):
    """Gibbs energy of ATP + H2O -> ADP + Pi at given concentrations [J/mol].

        Delta G = Delta G'0 + RT ln( (c_ADP/c0)(c_Pi/c0) / (c_ATP/c0) ),  c0 = 1 M

    at the pH (and Mg2+) the standard transformed value ``dG0`` refers to.

    Parameters
    ----------
    ATP, ADP, Pi : float or array
        Total concentrations [mol/m^3] (= mM), each > 0.
    dG0 : float or array, optional
        Standard transformed Gibbs energy [J/mol], in [-1e5, 0]. Default:
        -30.5 kJ/mol (pH 7, 25 degC; Lehninger, data file
        ``bioenergetics_thermo.csv``).
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        Delta G [J/mol]; negative in cells.

    Examples
    --------
    Human erythrocyte (2.25 mM ATP, 0.25 mM ADP, 1.65 mM Pi) at 37 degC,
    Lehninger's worked example ("about -52 kJ/mol"):

    >>> round(atp_hydrolysis_gibbs(2.25, 0.25, 1.65, T=310.15) / 1e3, 1)
    -52.7

    Reference: Nelson & Cox, Lehninger Principles of Biochemistry (2017), ch. 13.
    """
    ATP = v.positive("ATP", ATP, unit="mol/m^3")
    ADP = v.positive("ADP", ADP, unit="mol/m^3")
    Pi = v.positive("Pi", Pi, unit="mol/m^3")
    dG0 = _dG0_ATP_default() if dG0 is None else dG0
    dG0 = v.real("dG0", dG0, lo=-1e5, hi=0.0, unit="J/mol")
    T = v.temperature(T)
    Q = (ADP / C_STD) * (Pi / C_STD) / (ATP / C_STD)
    return v.scalar_out(dG0 + R * T * np.log(Q))


def pump_cycle_gibbs(dG_ATP, n_H, dpsi, pH_in, pH_out, T=T_STD):
    """Gibbs energy of one pump cycle: hydrolyse 1 ATP, export n_H H+ [J/mol].

        Delta G_cycle = Delta G_ATP + n_H (mu~_out - mu~_in) = Delta G_ATP - n_H F Delta p

    Negative: the pump runs forward (exports H+). Zero: thermodynamic stall.
    Positive: the pump would run backwards (H+ influx driving ATP synthesis).

    Parameters
    ----------
    dG_ATP : float or array
        ATP hydrolysis Gibbs energy [J/mol], in [-2e5, 0).
    n_H : float or array
        H+ exported per ATP, in (0, 20].
    dpsi, pH_in, pH_out, T
        As in :func:`proton_motive_force`.

    >>> pump_cycle_gibbs(-50e3, 1, 0.0, 7.0, 7.0)
    -50000.0
    """
    dG_ATP, n_H = _dG_ATP(dG_ATP), _n_H(n_H)
    dp = np.asarray(proton_motive_force(dpsi, pH_in, pH_out, T))
    return v.scalar_out(dG_ATP - n_H * F * dp)


def stall_pmf(dG_ATP, n_H):
    """Delta p at thermodynamic stall, Delta p* = Delta G_ATP / (n_H F) [V].

    From Delta G_ATP + n_H (-F Delta p) = 0 (seed). Convention inside -
    outside, so Delta p* < 0. The same balance bounds ATP *synthesis* by an
    H+-ATP synthase: it makes ATP only when Delta p < Delta p*.

    Parameters
    ----------
    dG_ATP : float or array
        ATP hydrolysis Gibbs energy [J/mol], in [-2e5, 0).
    n_H : float or array
        H+ per ATP, in (0, 20].

    >>> round(stall_pmf(-50e3, 1), 4)
    -0.5182
    """
    dG_ATP, n_H = _dG_ATP(dG_ATP), _n_H(n_H)
    return v.scalar_out(dG_ATP / (n_H * F))


def stall_potential(dG_ATP, n_H, pH_in, pH_out, T=T_STD):
    """Largest membrane potential an H+ pump can sustain, -Delta psi* [V].

    The stall condition Delta G_ATP + n_H(-F Delta p) = 0 with
    Delta p = Delta psi - (RT ln10/F)(pH_in - pH_out) gives

        Delta psi* = Delta G_ATP/(n_H F) + (RT ln10 / F)(pH_in - pH_out),

    and this function returns ``-Delta psi*`` = psi_out - psi_in at stall:
    the maximum |Delta psi| (inside negative) the pump can build while it
    also holds the given pH gradient. A value <= 0 means ATP cannot even pay
    for that pH gradient: the pump stalls before the inside turns negative.

    Parameters
    ----------
    dG_ATP : float or array
        ATP hydrolysis Gibbs energy [J/mol], in [-2e5, 0).
    n_H : float or array
        H+ exported per ATP hydrolysed, in (0, 20] (1 for the plant
        plasma-membrane H+-ATPase).
    pH_in, pH_out : float or array
        Cytosol and apoplast pH, in [0, 14].
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        psi_out - psi_in at stall [V] (positive: inside negative).

    Examples
    --------
    Plant H+-ATPase, 1 H+/ATP, Delta G_ATP = -50 kJ/mol, cytosol pH 7.3,
    apoplast pH 5.5, 25 degC:

    >>> round(stall_potential(-50e3, 1, 7.3, 5.5, 298.15), 3)
    0.412

    Reference: seed subsection 细胞膜电位与质子动力; Nicholls & Ferguson (2013) ch. 3.
    """
    dG_ATP, n_H = _dG_ATP(dG_ATP), _n_H(n_H)
    pH_in, pH_out = _pH("pH_in", pH_in), _pH("pH_out", pH_out)
    T = v.temperature(T)
    return v.scalar_out(-(dG_ATP / (n_H * F) + LN10 * R * T / F * (pH_in - pH_out)))


def symport_accumulation(dpsi, pH_in, pH_out, n_H=1, z=0, T=T_STD):
    """Equilibrium accumulation ratio c_in/c_out of a solute co-transported
    with n_H protons (H+ symport), e.g. H+/sucrose (n_H = 1, z = 0).

    Equilibrium of S(out) + n_H H+(out) -> S(in) + n_H H+(in):
    RT ln(c_in/c_out) + z F Delta psi + n_H F Delta p = 0, so

        c_in / c_out = exp(-(z Delta psi + n_H Delta p) F / RT).

    Parameters
    ----------
    dpsi, pH_in, pH_out : float or array
        As in :func:`proton_motive_force` [V], [-].
    n_H : float or array
        Protons per solute, in [0, 20].
    z : float or array
        Charge number of the solute, in [-4, 4] (0 for sucrose).
    T : float or array
        Temperature [K], > 0.

    Returns
    -------
    float or ndarray
        c_in / c_out at equilibrium [-].

    Examples
    --------
    Delta p = -0.2265 V (the plant cell of :func:`proton_motive_force`):

    >>> round(float(np.log10(symport_accumulation(-0.120, 7.3, 5.5))), 2)
    3.83

    Reference: Nicholls & Ferguson (2013) ch. 3 (secondary transport).
    """
    n_H = v.real("n_H", n_H, lo=0.0, hi=20.0)
    z = v.real("z", z, lo=-4.0, hi=4.0)
    dpsi_a = _dpsi("dpsi", dpsi)
    T = v.temperature(T)
    dp = np.asarray(proton_motive_force(dpsi, pH_in, pH_out, T))
    return v.scalar_out(np.exp(-(z * dpsi_a + n_H * dp) * F / (R * T)))


def h_per_atp(c_subunits, transport=0.0):
    """H+ per ATP of a rotary ATP synthase: c/3 (+ transport protons).

    One turn of the c-ring moves c protons and makes 3 ATP (three catalytic
    beta subunits). Mitochondria pay about one more H+ per ATP to import Pi
    and exchange ATP for ADP (``transport=1``).

    Parameters
    ----------
    c_subunits : int or array
        c-ring size, a whole number in [3, 20] (8 in mammals, 10 in yeast,
        14 in chloroplasts).
    transport : float or array
        Extra H+ per ATP for substrate/product transport, in [0, 5].

    >>> h_per_atp(8), h_per_atp(8, transport=1)
    (2.6666666666666665, 3.6666666666666665)

    Reference: Watt et al., PNAS 107, 16823 (2010).
    """
    c = v.count("c_subunits", c_subunits, lo=3)
    if np.any(c > 20):
        raise ValueError(f"c_subunits must be in [3, 20] (got {np.max(c):g})")
    transport = v.real("transport", transport, lo=0.0, hi=5.0)
    return v.scalar_out(c / 3.0 + transport)


def atp_synthesis_min_pmf(dG_ATP, n_H):
    """Smallest pmf (P - N magnitude, = -Delta p) at which an H+-ATP synthase
    with n_H H+/ATP can make ATP: -Delta G_ATP / (n_H F) [V].

    >>> round(atp_synthesis_min_pmf(-50e3, 8 / 3), 4)
    0.1943
    """
    return v.scalar_out(-np.asarray(stall_pmf(dG_ATP, n_H)))


# ---- chapter 06: redox couples, complex II and complex I -----------------------

def midpoint_potential(E_m7, n_e, n_H, pH=7.0, T=T_STD):
    """Midpoint potential of Ox + n_H H+ + n_e e- -> Red at a given pH [V].

        E_m(pH) = E_m7 - (n_H / n_e)(RT ln10 / F)(pH - 7)

    Parameters
    ----------
    E_m7 : float or array
        Midpoint potential at pH 7 [V vs SHE], in [-2, 2].
    n_e : int or array
        Electrons, whole number >= 1.
    n_H : float or array
        Protons taken up on reduction, in [0, 20].
    pH : float or array
        pH of the compartment, in [0, 14].
    T : float or array
        Temperature [K], > 0 (E_m7 is taken as temperature independent).

    >>> round(midpoint_potential(0.045, 2, 2, 8.0, 298.15), 5)  # Q/QH2: -59 mV/pH
    -0.01416
    """
    E_m7 = _potential("E_m7", E_m7)
    n_e = v.count("n_e", n_e)
    n_H = v.real("n_H", n_H, lo=0.0, hi=20.0)
    pH = _pH("pH", pH)
    T = v.temperature(T)
    return v.scalar_out(E_m7 - n_H / n_e * LN10 * R * T / F * (pH - 7.0))


def couple_potential(couple, ox, red, pH=7.0, T=T_STD):
    """Nernst potential of a tabulated biological couple [V vs SHE].

        E = E_m(pH) + RT/(n_e F) ln(ox/red)

    Parameters
    ----------
    couple : str
        ``"NAD+/NADH"``, ``"Q/QH2"``, ``"fumarate/succinate"`` or ``"O2/H2O"``.
    ox, red : float or array
        Amounts of the oxidised and reduced forms, any common unit (only the
        ratio enters), each > 0.
    pH, T
        As in :func:`midpoint_potential`.

    >>> round(couple_potential("NAD+/NADH", 10.0, 1.0, 7.0, 298.15), 4)
    -0.2904
    """
    E_m7, n_e, n_H = _couple(couple)
    ox, red = v.positive("ox", ox), v.positive("red", red)
    Em = np.asarray(midpoint_potential(E_m7, n_e, n_H, pH, T))
    T = v.temperature(T)
    return v.scalar_out(Em + R * T / (n_e * F) * np.log(ox / red))


def ubiquinone_potential(Q, QH2, pH=7.0, T=T_STD):
    """E of Q + 2H+ + 2e- -> QH2 [V vs SHE], -59 mV per pH unit at 25 degC.

    Parameters
    ----------
    Q, QH2 : float or array
        Oxidised and reduced ubiquinone (ratio only), each > 0.
    pH : float or array
        Matrix pH, in [0, 14].
    T : float or array
        Temperature [K].

    >>> round(ubiquinone_potential(1.0, 10.0, 7.0, 298.15), 4)
    0.0154
    """
    return couple_potential("Q/QH2", _amount("Q", "ox", Q), _amount("QH2", "red", QH2), pH, T)


def nad_potential(NAD, NADH, pH=7.0, T=T_STD):
    """E of NAD+ + H+ + 2e- -> NADH [V vs SHE], -29.6 mV per pH unit at 25 degC.

    >>> round(nad_potential(1.0, 1.0, 8.0, 298.15), 4)
    -0.3496
    """
    return couple_potential("NAD+/NADH", _amount("NAD", "ox", NAD), _amount("NADH", "red", NADH), pH, T)


def fumarate_potential(fumarate, succinate, pH=7.0, T=T_STD):
    """E of fumarate + 2H+ + 2e- -> succinate [V vs SHE].

    >>> fumarate_potential(1.0, 1.0)
    0.031
    """
    return couple_potential("fumarate/succinate", _amount("fumarate", "ox", fumarate),
                            _amount("succinate", "red", succinate), pH, T)


def q_pool_ratio(succinate, fumarate, T=T_STD):
    """[QH2]/[Q] set by complex II (succinate dehydrogenase) at equilibrium.

    Complex II equilibrates the Q pool with the succinate/fumarate couple,
    E_Q = E_fum/succ. Both are 2 e- / 2 H+ couples, so the pH cancels:

        [QH2]/[Q] = ([succinate]/[fumarate]) exp(2F (E_m7,Q - E_m7,fum) / RT)

    Parameters
    ----------
    succinate, fumarate : float or array
        Amounts (ratio only), each > 0.
    T : float or array
        Temperature [K].

    >>> round(q_pool_ratio(1.0, 1.0, 298.15), 3)  # Q/QH2 lies 14 mV above fum/succ
    2.974
    """
    succ, fum = v.positive("succinate", succinate), v.positive("fumarate", fumarate)
    T = v.temperature(T)
    EQ, ne, _ = _couple("Q/QH2")
    Ef, _, _ = _couple("fumarate/succinate")
    return v.scalar_out(succ / fum * np.exp(ne * F * (EQ - Ef) / (R * T)))


def complex1_gibbs(E_Q, E_NAD, pmf, n_e=2, n_H=4):
    """Gibbs energy of complex I running forward [J/mol per NADH]:
    NADH + Q + (n_H+1) H+(N) -> NAD+ + QH2 + n_H H+(P).

        Delta G_fwd = -n_e F (E_Q - E_NAD) + n_H F pmf

    The reverse reaction (reverse electron transport, RET) has
    Delta G_RET = -Delta G_fwd. Both potentials at matrix pH (the chemical
    protons come from the matrix).

    Parameters
    ----------
    E_Q, E_NAD : float or array
        Potentials of Q/QH2 and NAD+/NADH [V vs SHE], in [-2, 2].
    pmf : float or array
        Proton-motive force in the P - N convention (= -Delta p of chapter
        05; positive for an energised membrane) [V], in [-1, 1].
    n_e : int or array
        Electrons per NADH (2).
    n_H : float or array
        Protons pumped per NADH, in (0, 20] (4 for complex I).

    Standard midpoints, pmf = 180 mV: complex I is within 1 kJ/mol of equilibrium.

    >>> round(complex1_gibbs(0.045, -0.320, 0.180) / 1e3, 2)
    -0.96

    Reference: Nicholls & Ferguson (2013) ch. 5; seed subsection 线粒体呼吸与能量转换.
    """
    E_Q, E_NAD = _potential("E_Q", E_Q), _potential("E_NAD", E_NAD)
    pmf = _dpsi("pmf", pmf)
    n_e = v.count("n_e", n_e)
    n_H = _n_H(n_H)
    return v.scalar_out(-n_e * F * (E_Q - E_NAD) + n_H * F * pmf)


def ret_min_pmf(E_donor, E_acceptor, n_e=2, n_H=4):
    """Minimum pmf that makes an uphill electron transfer possible [V]:

        Delta p_min = -(n_e / n_H) Delta E_redox,  Delta E_redox = E_acceptor - E_donor

    For reverse electron transport through complex I the donor is QH2
    (E_donor = E_Q) and the acceptor NAD+ (E_acceptor = E_NAD); RET is
    thermodynamically possible when pmf > Delta p_min (pmf in the P - N
    convention, positive for an energised membrane). Delta p_min < 0 means
    the transfer is downhill without any pmf.

    Parameters
    ----------
    E_donor, E_acceptor : float or array
        Potentials of the donor and acceptor couples [V vs SHE], in [-2, 2].
    n_e : int or array
        Electrons transferred (2).
    n_H : float or array
        Protons that flow back across the membrane per n_e electrons, in (0, 20] (4).

    Returns
    -------
    float or ndarray
        Delta p_min [V].

    Examples
    --------
    Standard midpoints at pH 7 (Q/QH2 +0.045 V, NAD+/NADH -0.320 V):

    >>> round(ret_min_pmf(0.045, -0.320), 4)
    0.1825

    Reference: seed subsection 线粒体呼吸与能量转换.
    """
    E_d, E_a = _potential("E_donor", E_donor), _potential("E_acceptor", E_acceptor)
    n_e = v.count("n_e", n_e)
    n_H = _n_H(n_H)
    return v.scalar_out(-(n_e / n_H) * (E_a - E_d))
