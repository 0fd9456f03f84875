"""Answer types, their JSON form, and comparison.

An answer crosses from the student's kernel to the grader as plain JSON made
by :func:`encode` (in the kernel) and is rebuilt by :func:`decode` (in the
grader), which accepts only plain numbers, lists, short strings and sympy
``srepr`` strings parsed by a whitelist parser (:func:`parse_srepr`; nothing
is ever ``eval``-ed). :func:`compare` then runs in the grader's own process
on plain floats, numpy arrays and sympy expressions, so no object from the
student's kernel takes part in the comparison.

>>> spec = Number(unit="V", rtol=1e-3)
>>> compare(spec, 0.05916, decode(encode(Q(59.16, "mV")))).correct
True
>>> compare(spec, 0.05916, decode(encode(59.16))).hints[0][:30]
'Off by a factor of 1000: mV ve'
"""
import ast
import json
import math
import re
from dataclasses import dataclass, field

import numpy as np

from . import diagnose

#: unit -> (dimension, scale to the SI unit of that dimension, offset)
UNITS = {
    "": ("1", 1.0, 0.0), "1": ("1", 1.0, 0.0),
    "V": ("V", 1.0, 0.0), "mV": ("V", 1e-3, 0.0), "uV": ("V", 1e-6, 0.0),
    "J/mol": ("J/mol", 1.0, 0.0), "kJ/mol": ("J/mol", 1e3, 0.0),
    "J": ("J", 1.0, 0.0), "kJ": ("J", 1e3, 0.0),
    "K": ("K", 1.0, 0.0), "degC": ("K", 1.0, 273.15), "°C": ("K", 1.0, 273.15),
    "V/K": ("V/K", 1.0, 0.0), "mV/K": ("V/K", 1e-3, 0.0), "uV/K": ("V/K", 1e-6, 0.0),
    "J/(mol K)": ("J/(mol K)", 1.0, 0.0),
    "mol/L": ("mol/L", 1.0, 0.0), "mM": ("mol/L", 1e-3, 0.0),
    "C/mol": ("C/mol", 1.0, 0.0),
}

MAX_ARRAY = 100_000
MAX_SREPR = 50_000
MAX_STR = 1_000

ANSWER_MIME = "application/x.echemlab-answer"


class Q:
    """A number (or array) with a unit, e.g. ``Q(59.2, "mV")``.

    Plain numbers are read in the unit the question asks for.
    """

    def __init__(self, value, unit):
        if not isinstance(unit, str) or unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(u for u in UNITS if u)} (got {unit!r})")
        from .._validate import real

        real("value", value)  # a finite real number or array; kept as given
        self.value, self.unit = value, unit

    def __repr__(self):
        return f"Q({self.value!r}, {self.unit!r})"


# --------------------------------------------------------------------------- specs
def _tol(name, value, hi=1.0):
    """A tolerance: a finite number >= 0 (rtol also < 1)."""
    from .._validate import real

    arr = real(name, value, lo=0.0, hi=hi, hi_open=hi is not None)
    if arr.ndim:
        raise ValueError(f"{name} must be a single number (got an array)")
    return float(arr)


class Answer:
    """Base class of an answer specification."""
    kind = "answer"
    selfcheck = True

    def describe(self):
        return self.kind


class Number(Answer):
    """A real number, correct when |got - expected| <= max(rtol |expected|, atol),
    after converting ``got`` to ``unit``."""
    kind = "number"

    def __init__(self, unit="", rtol=1e-3, atol=0.0):
        if not isinstance(unit, str) or unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)} (got {unit!r})")
        self.unit, self.rtol, self.atol = unit, _tol("rtol", rtol), _tol("atol", atol, hi=None)

    def describe(self):
        return f"a number in {self.unit}" if self.unit else "a number"


class Array(Number):
    """An array of real numbers (a curve), compared element by element."""
    kind = "array"

    def __init__(self, unit="", rtol=1e-3, atol=0.0, shape=None):
        super().__init__(unit, rtol, atol)
        if shape is not None:
            try:
                shape = tuple(shape)
            except TypeError:
                shape = (shape,)
            if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 0 for n in shape):
                raise ValueError(f"shape must be None or a tuple of whole numbers >= 0 (got {shape!r})")
        self.shape = tuple(int(n) for n in shape) if shape is not None else None

    def describe(self):
        return "an array" + (f" in {self.unit}" if self.unit else "")


class Expr(Answer):
    """A sympy expression, graded by equivalence: symbolic simplification of
    the difference, then evaluation at random points of ``symbols`` (name ->
    (lo, hi) range)."""
    kind = "expr"

    def __init__(self, symbols, rtol=1e-8, points=12):
        if not isinstance(symbols, dict) or not symbols:
            raise ValueError(f"symbols must be a non-empty dict name -> (lo, hi) with lo < hi (got {symbols!r})")
        checked = {}
        for k, v in symbols.items():
            try:
                lo, hi = (float(t) for t in v)
            except (TypeError, ValueError):
                raise ValueError(f"symbols[{k!r}] must be a range (lo, hi) of finite numbers, lo < hi "
                                 f"(got {v!r})") from None
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise ValueError(f"symbols[{k!r}] must be a range (lo, hi) of finite numbers, lo < hi (got {v!r})")
            checked[str(k)] = (lo, hi)
        if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 1 <= points <= 1000:
            raise ValueError(f"points must be a whole number in [1, 1000] (got {points!r})")
        self.symbols = checked
        self.rtol, self.points = _tol("rtol", rtol), int(points)

    def describe(self):
        return "a sympy expression in " + ", ".join(self.symbols)


class Function(Answer):
    """A Python function the student writes, run on inputs chosen by the grader.

    ``examples`` are the (public) argument tuples self-check uses; the grader
    uses the hidden inputs declared in the solution's hidden tests.
    """
    kind = "function"

    def __init__(self, name, examples, rtol=1e-6, atol=0.0, unit=""):
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"name must be a Python function name such as 'ocv' (got {name!r})")
        try:
            examples = [tuple(e) for e in examples]
        except TypeError:
            raise ValueError(f"examples must be a list of argument tuples (got {examples!r})") from None
        if not isinstance(unit, str) or unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)} (got {unit!r})")
        self.name, self.examples = name, examples
        self.rtol, self.atol, self.unit = _tol("rtol", rtol), _tol("atol", atol, hi=None), unit

    def describe(self):
        return f"a function {self.name}(...)"


class Choice(Answer):
    """Multiple choice: the answer is one option letter, e.g. ``"b"``."""
    kind = "choice"

    def __init__(self, options, selfcheck=True):
        if not isinstance(options, dict) or not options:
            raise ValueError(f"options must be a non-empty dict letter -> text, e.g. {{'a': '...'}} (got {options!r})")
        self.options = {str(k).lower(): str(v) for k, v in options.items()}
        self.selfcheck = selfcheck

    def describe(self):
        return "one of " + ", ".join(repr(k) for k in self.options)


# --------------------------------------------------------------------------- encode (kernel side)
def _is_real_scalar(v):
    return (type(v) in (int, float) or isinstance(v, (np.floating, np.integer))) and not isinstance(v, bool)


def _number_payload(v, unit=""):
    x = float(v)
    if not math.isfinite(x):
        return {"type": "number", "value": None, "nonfinite": str(x), "unit": unit}
    return {"type": "number", "value": x, "unit": unit}


def encode(value):
    """Turn an answer into a JSON-able dict of plain types (runs in the kernel).

    Anything that is not a real number, an array of real numbers, a sympy
    expression, a string, a function or ``Q`` becomes ``{"type": "invalid"}``.
    """
    try:
        return _encode(value)
    except Exception as exc:  # any failure is the answer's problem, not the kernel's
        return {"type": "invalid", "what": f"{type(value).__name__} ({type(exc).__name__})"[:200]}


def _encode(value):
    unit = ""
    if isinstance(value, Q):
        value, unit = value.value, value.unit
    if isinstance(value, bool) or value is None:
        return {"type": "invalid", "what": repr(value)}
    if _is_real_scalar(value):
        return _number_payload(value, unit)
    if type(value) is str:
        return {"type": "str", "value": value[:MAX_STR]}
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        import sympy as sp
        if isinstance(value, sp.Basic):
            if not value.free_symbols and value.is_number:
                try:
                    return _number_payload(float(value), unit) | {"srepr": sp.srepr(value)[:MAX_SREPR]}
                except (TypeError, ValueError):
                    pass
            text = sp.srepr(value)
            if len(text) > MAX_SREPR:
                return {"type": "invalid", "what": "sympy expression too large"}
            return {"type": "expr", "srepr": text}
    if type(value) in (list, tuple) or isinstance(value, np.ndarray):
        arr = np.asarray(value)
        if arr.dtype == object or arr.dtype.kind not in "iuf":
            return {"type": "invalid", "what": f"{type(value).__name__} of {arr.dtype} (not real numbers)"}
        if arr.size > MAX_ARRAY:
            return {"type": "invalid", "what": f"array too large ({arr.size} elements)"}
        arr = arr.astype(float)
        data = [x if math.isfinite(x) else None for x in arr.ravel().tolist()]
        return {"type": "array", "shape": list(arr.shape), "data": data, "unit": unit}
    if callable(value) and type(value).__name__ in ("function", "builtin_function_or_method", "vectorize"):
        return {"type": "function", "name": str(getattr(value, "__name__", "?"))[:100]}
    return {"type": "invalid", "what": type(value).__name__[:100]}


def dumps(payload):
    """Strict JSON (no NaN/inf)."""
    return json.dumps(payload, allow_nan=False, separators=(",", ":"))


# --------------------------------------------------------------------------- decode (grader side)
class BadAnswer(ValueError):
    """The JSON from the kernel is not a valid answer."""


@dataclass
class Decoded:
    type: str            # number | array | expr | str | function | invalid
    value: object = None
    unit: str = ""
    what: str = ""


def _strict_float(v):
    if type(v) is int and not isinstance(v, bool):
        if abs(v) > 10 ** 300:
            raise BadAnswer("number out of range")
        return float(v)
    if type(v) is float and math.isfinite(v):
        return v
    raise BadAnswer("not a finite real number")


def loads(text, limit=5_000_000):
    """Parse JSON text from the kernel: size-capped, no NaN/Infinity."""
    if not isinstance(text, str) or len(text) > limit:
        raise BadAnswer("answer record missing or too large")

    def no_const(c):
        raise BadAnswer(f"invalid number {c}")
    try:
        return json.loads(text, parse_constant=no_const)
    except (ValueError, RecursionError) as exc:
        raise BadAnswer(f"invalid JSON ({type(exc).__name__})") from None


def decode(obj):
    """Validate a payload made by :func:`encode` and rebuild plain Python values.

    Never raises: a malformed payload decodes to ``Decoded("invalid", what=...)``.
    """
    try:
        return _decode(obj)
    except BadAnswer as exc:
        return Decoded("invalid", what=str(exc))
    except (TypeError, ValueError, KeyError, RecursionError, MemoryError, OverflowError) as exc:
        return Decoded("invalid", what=f"malformed answer ({type(exc).__name__})")


def _unit(obj):
    unit = obj.get("unit", "")
    if type(unit) is not str or unit not in UNITS:
        raise BadAnswer(f"unknown unit {str(unit)[:30]!r}")
    return unit


def _decode(obj):
    if type(obj) is not dict or type(obj.get("type")) is not str:
        raise BadAnswer("not an answer record")
    kind = obj["type"]
    if kind == "number":
        if obj.get("value") is None:
            return Decoded("invalid", what=f"a non-finite number ({str(obj.get('nonfinite'))[:10]})")
        return Decoded("number", _strict_float(obj["value"]), _unit(obj))
    if kind == "array":
        shape, data = obj["shape"], obj["data"]
        if type(shape) is not list or len(shape) > 4 or any(type(s) is not int or s < 0 for s in shape):
            raise BadAnswer("bad array shape")
        if type(data) is not list or len(data) != math.prod(shape) or len(data) > MAX_ARRAY:
            raise BadAnswer("array data does not match its shape")
        vals = [math.nan if d is None else _strict_float(d) for d in data]
        return Decoded("array", np.array(vals, dtype=float).reshape(shape), _unit(obj))
    if kind == "expr":
        return Decoded("expr", parse_srepr(obj["srepr"]))
    if kind == "str":
        if type(obj["value"]) is not str or len(obj["value"]) > MAX_STR:
            raise BadAnswer("bad string")
        return Decoded("str", obj["value"])
    if kind == "function":
        return Decoded("function", str(obj.get("name", "?"))[:100])
    if kind == "invalid":
        return Decoded("invalid", what=str(obj.get("what", "?"))[:200])
    raise BadAnswer(f"unknown answer type {kind[:30]!r}")


# --------------------------------------------------------------------------- safe srepr parser
_SYMBOL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")
_FUNCS = ("exp", "log", "sin", "cos", "tan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
          "Abs", "sqrt", "atan", "asin", "acos")
_CALLS = frozenset(("Symbol", "Dummy", "Integer", "Rational", "Float", "Add", "Mul", "Pow") + _FUNCS)
_CONSTS = ("pi", "E", "oo", "zoo", "nan", "I", "Half", "One", "Zero", "NegativeOne")


def parse_srepr(text):
    """Rebuild a sympy expression from ``sympy.srepr`` text without ``eval``.

    Only a whitelist of node types (Symbol, Integer, Rational, Float, Add,
    Mul, Pow, elementary functions and constants) with literal arguments is
    accepted; anything else raises :class:`BadAnswer`.

    >>> parse_srepr("Add(Symbol('x'), Integer(1))")
    x + 1
    >>> parse_srepr("__import__('os')")
    Traceback (most recent call last):
    ...
    echemlab.homework.answers.BadAnswer: expression uses a forbidden construct (Name '__import__')
    """
    import sympy as sp
    if type(text) is not str or len(text) > MAX_SREPR:
        raise BadAnswer("expression missing or too large")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise BadAnswer("expression is not valid srepr text") from None
    budget = [5000]

    def lit(node):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float, str, bool):
            if type(node.value) is int and abs(node.value) > 10 ** 30:
                raise BadAnswer("integer too large")
            if type(node.value) is str and len(node.value) > 200:
                raise BadAnswer("literal too long")
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = lit(node.operand)
            if type(v) in (int, float):
                return -v
        raise BadAnswer("expression uses a forbidden construct (non-literal argument)")

    def build(node, depth=0):
        budget[0] -= 1
        if budget[0] < 0 or depth > 200:
            raise BadAnswer("expression too large")
        if isinstance(node, ast.Name):
            if node.id in _CONSTS:
                return getattr(sp.S, node.id) if node.id in ("Half", "One", "Zero", "NegativeOne") \
                    else getattr(sp, node.id)
            raise BadAnswer(f"expression uses a forbidden construct (Name {node.id!r})")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            raise BadAnswer(f"expression uses a forbidden construct ({type(node).__name__})")
        name = node.func.id
        if name not in _CALLS:
            raise BadAnswer(f"expression uses a forbidden construct (Name {name!r})")
        kw = {k.arg: lit(k.value) for k in node.keywords}
        if name in ("Symbol", "Dummy"):
            if len(node.args) != 1 or not _SYMBOL_NAME.match(str(lit(node.args[0]))):
                raise BadAnswer("bad symbol name")
            return sp.Symbol(lit(node.args[0]))  # assumptions are dropped: symbols match by name
        if name == "Integer":
            (v,) = [lit(a) for a in node.args]
            if type(v) is not int:
                raise BadAnswer("bad Integer")
            return sp.Integer(v)
        if name == "Rational":
            p, q = [lit(a) for a in node.args]
            if type(p) is not int or type(q) is not int or q == 0:
                raise BadAnswer("bad Rational")
            return sp.Rational(p, q)
        if name == "Float":
            v = lit(node.args[0])
            if type(v) not in (str, float, int) or (type(v) is str and not re.fullmatch(r"[-+0-9.eE_a-z]{1,60}", v)):
                raise BadAnswer("bad Float")
            prec = kw.get("precision", 53)
            if type(prec) is not int or not 1 <= prec <= 1000:
                raise BadAnswer("bad Float precision")
            return sp.Float(v, precision=prec)
        args = [build(a, depth + 1) for a in node.args]
        if name in ("Add", "Mul"):
            return getattr(sp, name)(*args)
        if name == "Pow" and len(args) == 2:
            base, ex = args
            if ex.is_Integer and abs(int(ex)) > 1000 and base.is_Number:
                return sp.Pow(base, ex, evaluate=False)
            return sp.Pow(base, ex)
        if name in _FUNCS and len(args) in (1, 2) and not kw:
            return getattr(sp, name)(*args)
        raise BadAnswer(f"expression uses a forbidden construct ({name})")

    return build(tree.body)


# --------------------------------------------------------------------------- compare (grader side)
@dataclass
class Verdict:
    correct: bool
    score: float                      # fraction of the points, 0..1
    message: str                      # one line, never contains the expected value
    hints: list = field(default_factory=list)


def _to_unit(value, from_unit, to_unit):
    d1, s1, o1 = UNITS[from_unit]
    d2, s2, o2 = UNITS[to_unit]
    if d1 != d2:
        return None
    return (np.asarray(value, dtype=float) * s1 + o1 - o2) / s2


def _close(expected, got, rtol, atol):
    expected, got = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        ok = np.abs(got - expected) <= np.maximum(rtol * np.abs(expected), atol)
    return bool(np.all(ok & np.isfinite(got)))


def wrong_type(spec, got):
    what = got.what if got.type == "invalid" else f"a {got.type}"
    return Verdict(False, 0.0, f"Wrong type: expected {spec.describe()}, got {what}.",
                   ["Wrong type or form of answer."])


def compare(spec, expected, got, variants=()):
    """Compare a decoded answer with the expected value in the grader's process.

    ``variants`` are (value, message) pairs: known wrong answers (from the
    solution or from re-running it with a typical slip in the parameters);
    matching one becomes a hint. Returns a :class:`Verdict`.
    """
    if not isinstance(got, Decoded):
        raise TypeError("compare needs a decoded answer")
    if isinstance(spec, Choice):
        return _compare_choice(spec, expected, got)
    if isinstance(spec, Expr):
        return _compare_expr(spec, expected, got)
    if isinstance(spec, Array):
        return _compare_array(spec, expected, got, variants)
    if isinstance(spec, Number):
        return _compare_number(spec, expected, got, variants)
    raise TypeError(f"cannot compare answers of type {type(spec).__name__}")


def _compare_number(spec, expected, got, variants):
    if got.type != "number":
        if got.type == "array" and got.value.size == 1:
            got = Decoded("number", float(got.value.ravel()[0]), got.unit)
        else:
            v = wrong_type(spec, got)
            if got.type == "array":
                v.hints.append(f"Expected a single number, got an array of shape {tuple(got.value.shape)}.")
            return v
    value = _to_unit(got.value, got.unit or spec.unit, spec.unit)
    if value is None:
        return Verdict(False, 0.0, f"Wrong units: {got.unit!r} cannot be converted to {spec.unit!r}.",
                       [f"Wrong units: the question asks for {spec.unit}."])
    value = float(value)
    if _close(expected, value, spec.rtol, spec.atol):
        return Verdict(True, 1.0, "Correct.")
    hints = diagnose.number(float(expected), value, spec.unit, spec.rtol, spec.atol, variants)
    return Verdict(False, 0.0, "Not correct.", hints)


def _compare_array(spec, expected, got, variants):
    expected = np.asarray(expected, dtype=float)
    if got.type == "number":
        got = Decoded("array", np.array(got.value, dtype=float), got.unit)
    if got.type != "array":
        return wrong_type(spec, got)
    value = _to_unit(got.value, got.unit or spec.unit, spec.unit)
    if value is None:
        return Verdict(False, 0.0, f"Wrong units: {got.unit!r} cannot be converted to {spec.unit!r}.",
                       [f"Wrong units: the question asks for {spec.unit}."])
    if value.shape != expected.shape:
        hints = [f"Wrong shape: expected shape {expected.shape}, got {value.shape}."]
        if value.T.shape == expected.shape and _close(expected, value.T, spec.rtol, spec.atol):
            hints.append("Your array is the transpose of the expected one.")
        elif value.size == expected.size and _close(expected, value.reshape(expected.shape),
                                                    spec.rtol, spec.atol):
            hints.append("The values are right; reshape your array.")
        return Verdict(False, 0.0, "Wrong shape.", hints)
    if _close(expected, value, spec.rtol, spec.atol):
        return Verdict(True, 1.0, "Correct.")
    hints = diagnose.array(expected, value, spec.unit, spec.rtol, spec.atol, variants)
    return Verdict(False, 0.0, "Not correct.", hints)


def _compare_choice(spec, expected, got):
    if got.type != "str":
        return wrong_type(spec, got)
    letter = got.value.strip().strip("().").strip().lower()
    if letter not in spec.options:
        return Verdict(False, 0.0, f"{got.value[:20]!r} is not one of the options "
                       f"{', '.join(sorted(spec.options))}.", ["Answer with the option letter, e.g. \"a\"."])
    if letter == str(expected).strip().lower():
        return Verdict(True, 1.0, "Correct.")
    return Verdict(False, 0.0, "Not correct.", ["Re-read the options: which one is a consequence of "
                                                "equilibrium, not of kinetics or of a special point?"])


def _sample_points(spec, seed):
    gen = np.random.Generator(np.random.PCG64(seed))
    return [{name: float(gen.uniform(lo, hi)) for name, (lo, hi) in spec.symbols.items()}
            for _ in range(spec.points)]


def _num(expr, point, symbols):
    import sympy as sp
    try:
        val = complex(expr.xreplace({symbols[k]: sp.Float(v, 30) for k, v in point.items()}).evalf(20))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, RecursionError, AttributeError):
        return math.nan
    if abs(val.imag) > 1e-9 * max(1.0, abs(val.real)):
        return math.nan
    return val.real


def _compare_expr(spec, expected, got, seed=12345):
    import sympy as sp
    if got.type == "number":
        got = Decoded("expr", sp.Float(got.value))
    if got.type != "expr":
        return wrong_type(spec, got)
    expr = got.value
    names = {s.name for s in expr.free_symbols}
    extra = sorted(names - set(spec.symbols))
    if extra:
        return Verdict(False, 0.0, "Your expression uses symbols the question does not define.",
                       [f"Unexpected symbol(s): {', '.join(extra)}; use only {', '.join(spec.symbols)}."])
    plain = {name: sp.Symbol(name) for name in spec.symbols}
    exp_plain = expected.xreplace({s: plain[s.name] for s in expected.free_symbols if s.name in plain})
    # 1) symbolic: simplification of the difference (skipped when the expression is large)
    try:
        if sp.count_ops(expr) < 80 and sp.count_ops(exp_plain) < 80:
            diff = sp.simplify(sp.expand_log(exp_plain - expr, force=True))
            if diff == 0:
                return Verdict(True, 1.0, "Correct (symbolically equivalent).")
    except Exception:  # simplification is only a fast path
        pass
    # 2) numeric evaluation at random points of the domain
    pts = _sample_points(spec, seed)
    e = np.array([_num(exp_plain, p, plain) for p in pts])
    g = np.array([_num(expr, p, plain) for p in pts])
    valid = np.isfinite(e)
    if valid.sum() < 3:
        return Verdict(False, 0.0, "Could not evaluate the expected expression (grader problem).", [])
    e, g = e[valid], g[valid]
    scale = np.maximum(np.abs(e), 1e-300)
    if np.all(np.isfinite(g)) and np.all(np.abs(g - e) <= spec.rtol * scale):
        return Verdict(True, 1.0, "Correct (equal at random points).")
    return Verdict(False, 0.0, "Not equivalent to the expected expression.",
                   diagnose.expression(e, g, spec.rtol))


def compare_function(spec, expected_outputs, got_outputs):
    """Score a student function from its outputs on the hidden inputs.

    ``got_outputs`` are decoded answers (or None when the call raised);
    the score is the fraction of inputs answered within tolerance.
    """
    n = len(expected_outputs)
    if n == 0:
        return Verdict(False, 0.0, "No hidden inputs (grader problem).", [])
    num = Array(spec.unit, spec.rtol, spec.atol) if any(np.ndim(e) for e in expected_outputs) \
        else Number(spec.unit, spec.rtol, spec.atol)
    ok, hints = 0, []
    got_outputs = list(got_outputs) + [None] * (n - len(got_outputs))
    for exp, got in zip(expected_outputs, got_outputs[:n], strict=True):
        if got is None:
            continue
        v = compare(num, exp, got)
        ok += v.correct
        for h in v.hints:
            if h not in hints:
                hints.append(h)
    score = ok / n
    msg = f"{ok} of {n} test inputs correct."
    return Verdict(ok == n, score, msg, hints[:3])
