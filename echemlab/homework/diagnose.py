"""Diagnosis of common mistakes, without revealing the expected answer.

Each check asks whether the student's value equals the expected value after
one typical slip: the opposite sign, a factor 1000 (mV vs V, kJ vs J), a
factor ln 10 (ln vs log10), an offset of 273.15 (Celsius vs kelvin), or a
small integer factor (n electrons). Hints name the slip, never the number.

>>> number(0.05916, 0.05916 * 1000, "V", 1e-3, 0.0)[0][:30]
'Off by a factor of 1000: mV ve'
>>> number(10.0, -10.0, "", 1e-3, 0.0)
['Opposite sign: check the sign convention (reduction potential, direction of the reaction).']
"""
import math

import numpy as np

LN10 = math.log(10.0)
ZERO_C = 273.15


def _thousand(unit):
    if unit in ("V", "mV", "V/K", "mV/K"):
        return "mV versus V"
    if unit in ("J/mol", "kJ/mol", "J", "kJ"):
        return "kJ versus J"
    return "a unit prefix (milli/kilo)"


def transforms(unit):
    """(function of the expected value, message) for the generic slips."""
    big = _thousand(unit)
    ts = [
        (lambda e: -e, "Opposite sign: check the sign convention (reduction potential, "
                       "direction of the reaction)."),
        (lambda e: 1e3 * e, f"Off by a factor of 1000: {big}? Give the answer in {unit or 'SI units'}."),
        (lambda e: 1e-3 * e, f"Off by a factor of 1/1000: {big}? Give the answer in {unit or 'SI units'}."),
        (lambda e: -1e3 * e, f"Opposite sign and off by a factor of 1000 ({big})."),
        (lambda e: -1e-3 * e, f"Opposite sign and off by a factor of 1/1000 ({big})."),
        (lambda e: e / LN10, "Off by a factor of ln(10) = 2.303: log10 used where the natural "
                             "logarithm ln belongs?"),
        (lambda e: e * LN10, "Off by a factor of ln(10) = 2.303: ln used where log10 belongs?"),
        (lambda e: 1e3 * e / LN10, f"Off by 1000/ln(10): {big} and log10 versus ln."),
    ]
    if unit == "K":
        ts += [(lambda e: e - ZERO_C, "Off by 273.15: the answer is asked in kelvin, not degrees Celsius."),
               (lambda e: e + ZERO_C, "Off by 273.15: Celsius versus kelvin mixed up.")]
    for k in (2, 3, 4):
        ts += [(lambda e, k=k: k * e, f"Off by a factor of {k}: check the number of electrons n "
                                      "(or a factor in the formula)."),
               (lambda e, k=k: e / k, f"Off by a factor of 1/{k}: check the number of electrons n "
                                      "(or a factor in the formula).")]
    return ts


def _match(candidate, got, rtol, atol):
    candidate = np.asarray(candidate, dtype=float)
    got = np.asarray(got, dtype=float)
    if candidate.shape != got.shape or not np.all(np.isfinite(candidate)):
        return False
    tol = np.maximum(max(rtol, 1e-4) * np.abs(candidate), atol)
    return bool(np.all(np.abs(got - candidate) <= tol))


def number(expected, got, unit, rtol, atol, variants=()):
    """Hints for a wrong number (or array, elementwise). Empty list: no diagnosis."""
    return array(expected, got, unit, rtol, atol, variants)


def array(expected, got, unit, rtol, atol, variants=()):
    expected = np.asarray(expected, dtype=float)
    got = np.asarray(got, dtype=float)
    if not np.all(np.isfinite(got)):
        return ["Your answer contains NaN or infinity."]
    if _match(expected, got, rtol, atol):
        return []
    for value, message in variants:   # specific slips first (re-runs of the solution)
        try:
            if _match(value, got, rtol, atol) and not _match(value, expected, rtol, atol):
                return [message]
        except (TypeError, ValueError):
            continue
    for f, message in transforms(unit):
        cand = f(expected)
        if _match(cand, got, rtol, atol) and not _match(cand, expected, rtol, atol):
            return [message]
    if expected.ndim and expected.size > 1:
        if _match(expected[::-1], got, rtol, atol):
            return ["Your values are in reverse order."]
        ok = int(np.sum(np.abs(got - expected) <= np.maximum(rtol * np.abs(expected), atol)))
        return [f"{ok} of {expected.size} values are within tolerance."]
    if _match(expected, got, 10 * max(rtol, 1e-6), 10 * atol):
        return ["Close, but outside the tolerance: keep more digits, and take constants from "
                "echemlab.constants."]
    return []


def expression(expected_values, got_values, rtol):
    """Hints for a wrong symbolic answer from its values at the test points."""
    e = np.asarray(expected_values, dtype=float)
    g = np.asarray(got_values, dtype=float)
    if not np.all(np.isfinite(g)):
        return ["Your expression is not real and finite everywhere in the domain "
                "(log or sqrt of a negative number?)."]
    tol = max(rtol, 1e-9)
    if np.allclose(g, -e, rtol=tol, atol=0):
        return ["Opposite sign: check the sign convention."]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = g / e
    if np.all(np.isfinite(ratio)) and np.ptp(ratio) <= tol * np.max(np.abs(ratio)):
        r = float(np.mean(ratio))
        for k, name in ((1e3, "1000"), (1e-3, "1/1000"), (LN10, "ln(10)"), (1 / LN10, "1/ln(10)"),
                        (2, "2"), (0.5, "1/2"), (-1, "-1")):
            if math.isclose(r, k, rel_tol=1e-6):
                return [f"Off by a constant factor of {name}."]
        return ["Off by a constant factor."]
    d = g - e
    if np.ptp(d) <= tol * max(np.max(np.abs(e)), 1e-300):
        return ["Off by an additive constant: a reference term (E0, g0) missing or extra?"]
    return []
