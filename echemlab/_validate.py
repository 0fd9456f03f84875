"""Input checking shared by every public function.

Each checker converts its input to a float numpy array and raises a
``ValueError`` that names the parameter, its valid range and the bad value,
so a student never sees a bare traceback from deep inside numpy.
"""
import math

import numpy as np


def _fmt_range(lo, hi, lo_open, hi_open):
    left = "(" if lo_open or lo is None else "["   # an infinite bound is never included
    right = ")" if hi_open or hi is None else "]"
    lo_s = "-inf" if lo is None else f"{lo:g}"
    hi_s = "inf" if hi is None else f"{hi:g}"
    return f"{left}{lo_s}, {hi_s}{right}"


def _first_bad(arr, mask):
    bad = arr[mask] if arr.ndim else arr
    return np.ravel(bad)[0]


def real(name, value, lo=None, hi=None, lo_open=False, hi_open=False, unit=""):
    """Return ``value`` as a float array after checking it is finite and in range.

    ``lo``/``hi`` bound the valid interval; ``lo_open``/``hi_open`` make the
    bound exclusive. The error message reads, e.g.,
    ``x must be in (0, 1) (got 1.5)``.
    """
    where = _fmt_range(lo, hi, lo_open, hi_open)
    unit_s = f" {unit}" if unit else ""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or array of real numbers in {where}{unit_s} "
                         f"(got {value!r})") from None
    if not np.all(np.isfinite(arr)):
        bad = _first_bad(arr, ~np.isfinite(arr))
        raise ValueError(f"{name} must be finite and in {where}{unit_s} (got {bad})")
    mask = np.zeros(arr.shape, dtype=bool)
    if lo is not None:
        mask |= (arr <= lo) if lo_open else (arr < lo)
    if hi is not None:
        mask |= (arr >= hi) if hi_open else (arr > hi)
    if np.any(mask):
        raise ValueError(f"{name} must be in {where}{unit_s} (got {_first_bad(arr, mask):g})")
    return arr


def temperature(T, name="T"):
    """Absolute temperature: finite and > 0 K."""
    return real(name, T, lo=0.0, lo_open=True, unit="K")


def positive(name, value, unit=""):
    return real(name, value, lo=0.0, lo_open=True, unit=unit)


def nonnegative(name, value, unit=""):
    return real(name, value, lo=0.0, unit=unit)


def fraction_open(name, value):
    """A mole fraction strictly inside (0, 1)."""
    return real(name, value, lo=0.0, hi=1.0, lo_open=True, hi_open=True)


def count(name, value, lo=1):
    """A whole number >= lo (e.g. electrons transferred)."""
    arr = real(name, value, lo=lo)
    if np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must be a whole number >= {lo} (got {_first_bad(arr, arr != np.round(arr)):g})")
    return arr


def nonzero(name, value):
    arr = real(name, value)
    if np.any(arr == 0):
        raise ValueError(f"{name} must be non-zero (got 0)")
    return arr


def scalar_out(result):
    """Return a Python float for 0-d results, the array otherwise."""
    result = np.asarray(result)
    return float(result) if result.ndim == 0 else result


def isclose_scalar(a, b, rel=1e-12):
    return math.isclose(a, b, rel_tol=rel)


def increasing_pair(name, value, lo, hi, unit=""):
    """An increasing (lo, hi) pair of finite numbers inside [lo, hi], as two floats
    (e.g. the pH or potential window of a diagram)."""
    msg = f"{name} must be an increasing (lo, hi) pair in [{lo:g}, {hi:g}]{' ' + unit if unit else ''}"
    if isinstance(value, (str, bytes)):
        raise ValueError(f"{msg} (got {value!r})")
    arr = real(name, value, lo=lo, hi=hi, unit=unit)
    if arr.shape != (2,) or not arr[1] > arr[0]:
        raise ValueError(f"{msg} (got {value!r})")
    return float(arr[0]), float(arr[1])
