"""Per-student parameters, derived deterministically from
(course, set, question, student id, parameter name).

Every parameter has its own random stream, seeded by the SHA-256 of those five
strings, so adding a parameter to a question does not change the others, and
the grader recomputes exactly the numbers the student saw. Numbers are rounded
to a few significant digits so they read like textbook data.

>>> a = draw("00_toolkit", "q1", "alice", {"T": Uniform(280.0, 330.0, "K")})
>>> b = draw("00_toolkit", "q1", "Alice ", {"T": Uniform(280.0, 330.0, "K")})
>>> a["T"] == b["T"] and 280.0 <= a["T"] <= 330.0
True
"""
import hashlib
import html
import math

import numpy as np

#: Salt of every seed. Changing it (e.g. per semester) gives every student new numbers.
COURSE = "echemlab"


def normalize_id(student_id):
    """Student ids compare case- and whitespace-insensitively."""
    return str(student_id).strip().casefold()


def rng(set_id, qid, student_id, name, course=COURSE):
    """A numpy Generator seeded by sha256(course|set|question|id|name)."""
    key = "\x1f".join([course, set_id, qid, normalize_id(student_id), name])
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(digest[:16], "little")))


def _number(name, value):
    from .._validate import real

    arr = real(name, value)
    if arr.ndim:
        raise ValueError(f"{name} must be a single finite number (got an array)")
    return float(arr)


def _check_common(unit, secret, sig=None):
    if not isinstance(unit, str):
        raise ValueError(f"unit must be a string such as 'K' or '' (got {unit!r})")
    if not isinstance(secret, (bool, np.bool_)):
        raise ValueError(f"secret must be True or False (got {secret!r})")
    if sig is not None and (isinstance(sig, bool) or not isinstance(sig, (int, np.integer)) or not 1 <= sig <= 15):
        raise ValueError(f"sig must be a whole number in [1, 15] or None (got {sig!r})")


def _round_sig(value, sig):
    if value == 0 or sig is None:
        return float(value)
    return float(f"{value:.{sig}g}")


class Spec:
    """Base class of a parameter specification."""
    unit = ""
    secret = False

    def draw(self, gen, params):  # pragma: no cover - abstract
        raise NotImplementedError


class Uniform(Spec):
    """A real number uniform in [lo, hi], rounded to ``sig`` significant digits."""

    def __init__(self, lo, hi, unit="", sig=4, secret=False):
        lo, hi = _number("lo", lo), _number("hi", hi)
        if hi < lo:
            raise ValueError(f"hi must be in [lo, inf) = [{lo:g}, inf) (got {hi:g})")
        _check_common(unit, secret, sig)
        self.lo, self.hi, self.unit, self.sig, self.secret = lo, hi, unit, sig, secret

    def draw(self, gen, params):
        return _round_sig(gen.uniform(self.lo, self.hi), self.sig)


class LogUniform(Spec):
    """A positive real number uniform in log between lo and hi."""

    def __init__(self, lo, hi, unit="", sig=3, secret=False):
        lo, hi = _number("lo", lo), _number("hi", hi)
        if lo <= 0:
            raise ValueError(f"lo must be in (0, inf) (got {lo:g})")
        if hi < lo:
            raise ValueError(f"hi must be in [lo, inf) = [{lo:g}, inf) (got {hi:g})")
        _check_common(unit, secret, sig)
        self.lo, self.hi, self.unit, self.sig, self.secret = lo, hi, unit, sig, secret

    def draw(self, gen, params):
        return _round_sig(math.exp(gen.uniform(math.log(self.lo), math.log(self.hi))), self.sig)


class Choice(Spec):
    """One of ``options`` (numbers or strings), equally likely."""

    def __init__(self, options, unit="", secret=False):
        if isinstance(options, (str, bytes, dict)) or not hasattr(options, "__iter__"):
            raise ValueError(f"options must be a non-empty list of numbers or strings (got {options!r})")
        options = list(options)
        if not options:
            raise ValueError("options must be a non-empty list of numbers or strings (got an empty list)")
        for o in options:
            if isinstance(o, (float, np.floating)) and not math.isfinite(o):
                raise ValueError(f"options must be finite numbers or strings (got {o!r})")
        _check_common(unit, secret)
        self.options, self.unit, self.secret = options, unit, secret

    def draw(self, gen, params):
        value = self.options[int(gen.integers(len(self.options)))]
        return value.item() if hasattr(value, "item") else value


class Integer(Spec):
    """A whole number in [lo, hi] (both included)."""

    def __init__(self, lo, hi, unit="", secret=False):
        lo, hi = _number("lo", lo), _number("hi", hi)
        for name, val in (("lo", lo), ("hi", hi)):
            if val != round(val):
                raise ValueError(f"{name} must be a whole number (got {val:g})")
        if hi < lo:
            raise ValueError(f"hi must be a whole number in [lo, inf) = [{lo:g}, inf) (got {hi:g})")
        lo, hi = int(lo), int(hi)
        _check_common(unit, secret)
        self.lo, self.hi, self.unit, self.secret = lo, hi, unit, secret

    def draw(self, gen, params):
        return int(gen.integers(self.lo, self.hi + 1))


class Dataset(Spec):
    """A synthetic data set made by ``make(gen, params) -> dict of arrays``.

    ``make`` sees the parameters drawn before it (including secret ones), so
    a data set can be generated from a hidden true value the student is asked
    to fit.
    """

    def __init__(self, make, unit=""):
        if not callable(make):
            raise ValueError(f"make must be a function make(gen, params) -> dict of arrays (got {make!r})")
        _check_common(unit, False)
        self.make, self.unit = make, unit

    def draw(self, gen, params):
        return self.make(gen, params)


class Params(dict):
    """The numbers of one question: a dict with attribute access.

    Secret parameters (used to make a data set) are not shown.
    """

    def __init__(self, values, specs, qid=""):
        super().__init__(values)
        self._specs = specs
        self._qid = qid

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def _visible(self):
        for name, value in self.items():
            spec = self._specs.get(name)
            if spec is None or not spec.secret:
                yield name, value, getattr(spec, "unit", "")

    @staticmethod
    def _fmt(value):
        if isinstance(value, float):
            return f"{value:.6g}"
        if isinstance(value, np.ndarray):
            if value.size <= 12:
                return np.array2string(value, separator=", ")
            return f"array of shape {value.shape}"
        if isinstance(value, dict):
            parts = []
            for k, v in value.items():
                shape = np.shape(v)
                parts.append(f"{k!r}: array of shape {shape}" if shape else f"{k!r}: {v!r}")
            return "{" + ", ".join(parts) + "}"
        return repr(value)

    def __repr__(self):
        rows = [f"{n} = {self._fmt(v)}" + (f" [{u}]" if u else "") for n, v, u in self._visible()]
        return f"Parameters of {self._qid}: " + ("; ".join(rows) if rows else "(none)")

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td><code>p.{html.escape(n)}</code></td><td>{html.escape(self._fmt(v))}</td>"
            f"<td>{html.escape(u)}</td></tr>" for n, v, u in self._visible())
        return (f"<table><caption>Your parameters for {html.escape(self._qid)}</caption>"
                f"<tr><th>name</th><th>value</th><th>unit</th></tr>{rows}</table>")


def draw(set_id, qid, student_id, specs, course=COURSE):
    """Draw all parameters of one question, in declaration order."""
    values = {}
    for name, spec in specs.items():
        if not isinstance(spec, Spec):
            values[name] = spec  # a fixed value
            continue
        values[name] = spec.draw(rng(set_id, qid, student_id, name, course), dict(values))
    return Params(values, {k: s for k, s in specs.items() if isinstance(s, Spec)}, qid)
