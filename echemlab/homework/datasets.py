"""Synthetic per-student data sets for homework questions.

Each maker takes a numpy Generator and the parameters drawn so far (including
secret ones) and returns a dict of arrays. The data are labelled synthetic
in the questions that use them.
"""
import numpy as np

from .. import _validate as v
from ..intercalation import ocv


def _check_gen(gen):
    if not isinstance(gen, np.random.Generator):
        raise ValueError(f"gen must be a numpy.random.Generator (got {type(gen).__name__})")


def ocv_measurement(gen, params, n=21, noise_V=2e-3):
    """Noisy regular-solution OCV points U(x) at temperature ``params['T']``,
    from the secret ``params['omega_true']`` [J/mol] and ``params['E0_true']`` [V].

    Returns {"x": site fractions, "U_V": potentials [V vs Li/Li+]}.

    >>> import numpy as np
    >>> d = ocv_measurement(np.random.default_rng(0), {"T": 300.0, "omega_true": 3e3, "E0_true": 3.9})
    >>> d["x"].shape, bool(np.all(np.diff(d["U_V"]) < 0.02))
    ((21,), True)
    """
    _check_gen(gen)
    for key in ("T", "omega_true", "E0_true"):
        if not isinstance(params, dict) or key not in params:
            raise ValueError("params must be a dict with keys T [K], omega_true [J/mol], E0_true [V] "
                             f"(missing {key!r})")
    n = int(v.count("n", n, lo=2))
    noise_V = float(v.nonnegative("noise_V", noise_V, unit="V"))
    x = np.round(np.linspace(0.05, 0.95, n), 4)
    u = ocv(x, params["T"], params["E0_true"], params["omega_true"]) + gen.normal(0.0, noise_V, n)
    return {"x": x, "U_V": np.round(u, 5)}


def ph_values(gen, params, n=5):
    """``n`` sorted pH values between 0 and 14, two decimals.

    >>> ph_values(np.random.default_rng(1), {}).shape
    (5,)
    """
    _check_gen(gen)
    n = int(v.count("n", n, lo=1))
    return np.round(np.sort(gen.uniform(0.0, 14.0, n)), 2)
