"""Answer encoding, strict decoding, comparison, mistake diagnosis, parameters
and self-check. Expected values come from definitions (1 mV = 1e-3 V,
T[K] = t[degC] + 273.15, ln 10 = 2.302585...) or from independent formulas,
never from the code under test."""
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import echemlab.homework as hwk
from echemlab.constants import F, R
from echemlab.homework import answers as A
from echemlab.homework import params as P

LN10 = 2.302585092994046  # ln(10) to 16 digits (Abramowitz & Stegun table 4.1)


def roundtrip(value):
    return A.decode(A.loads(A.dumps(A.encode(value))))


mantissa = st.floats(1.1, 9.9).map(lambda m: round(m, 4))
exponent = st.integers(-4, 4)
signs = st.sampled_from([1.0, -1.0])


@st.composite
def values(draw):
    return draw(signs) * draw(mantissa) * 10.0 ** draw(exponent)


# ---------------------------------------------------------------- numbers, units, tolerance
@settings(deadline=None)
@given(values(), st.floats(-0.45, 0.45))
def test_number_within_tolerance_is_correct(e, frac):
    spec = A.Number(unit="V", rtol=1e-3)
    assert A.compare(spec, e, roundtrip(e * (1 + frac * 1e-3))).correct


@settings(deadline=None)
@given(values(), st.floats(2.5, 100.0), signs)
def test_number_outside_tolerance_is_wrong(e, k, sign):
    spec = A.Number(unit="V", rtol=1e-3)
    assert not A.compare(spec, e, roundtrip(e * (1 + sign * k * 1e-3))).correct


@settings(deadline=None)
@given(values())
def test_units_are_converted(e):
    assert A.compare(A.Number("V"), e, roundtrip(hwk.Q(e * 1000.0, "mV"))).correct
    assert A.compare(A.Number("J/mol"), e, roundtrip(hwk.Q(e / 1000.0, "kJ/mol"))).correct
    assert A.compare(A.Number("kJ/mol"), e, roundtrip(hwk.Q(e * 1000.0, "J/mol"))).correct


def test_celsius_to_kelvin_and_wrong_units():
    assert A.compare(A.Number("K"), 298.15, roundtrip(hwk.Q(25.0, "degC"))).correct
    v = A.compare(A.Number("K"), 298.15, roundtrip(hwk.Q(25.0, "V")))
    assert not v.correct and "Wrong units" in v.message


# ---------------------------------------------------------------- diagnosis
@settings(max_examples=60, deadline=None)
@given(values())
def test_diagnoses_name_the_slip_without_the_value(e):
    assume(abs(abs(e) - LN10) > 0.01)
    spec = A.Number(unit="V", rtol=1e-3)
    cases = {
        "Opposite sign": -e,
        "mV versus V": 1000.0 * e,
        "ln(10)": e / LN10,
        "factor of 2": 2.0 * e,
        "factor of 1/3": e / 3.0,
    }
    for words, got in cases.items():
        v = A.compare(spec, e, roundtrip(got))
        assert not v.correct
        text = " ".join(v.hints)
        assert words in text, (words, e, got, v.hints)
        for value in (e, got):  # neither the answer nor the student's value as a number of its own
            if f"{abs(value):.4g}" in ("2.303", "1000", "273.1", "273.2", "2", "3"):
                continue  # coincides with a constant the hint legitimately names
            assert not re.search(rf"(?<![\d.]){re.escape(f'{abs(value):.4g}')}(?!\.?\d)", text), (value, text)


@settings(deadline=None)
@given(st.floats(250.0, 400.0).map(lambda t: round(t, 2)))
def test_celsius_kelvin_diagnosis(T):
    v = A.compare(A.Number("K", rtol=1e-4), T, roundtrip(T - 273.15))
    assert not v.correct and "273.15" in v.hints[0]


def test_kj_versus_j_diagnosis():
    v = A.compare(A.Number("J/mol"), 3920.0, roundtrip(3.92))
    assert "kJ versus J" in v.hints[0]


def test_reference_reruns_diagnose_celsius_and_n():
    """Set 00 q1 with the slips made by hand: T in degC used as K, and n = 1."""
    import nbformat

    from echemlab.homework import notebook as N
    from echemlab.homework.reference import Reference
    nb = nbformat.read(Path(__file__).resolve().parents[1] / "solutions" / "00_toolkit.ipynb", as_version=4)
    ref = Reference(N.program(nb, "00_toolkit"))
    res = ref.run("slip-student")["q1"]
    p = res.params
    right = R * (p.t_C + 273.15) / (p.n * F) * math.log(p.ratio)    # Nernst, Bard & Faulkner 2.1.45
    assert A.compare(res.spec, res.expected, roundtrip(right)).correct
    celsius = R * p.t_C / (p.n * F) * math.log(p.ratio)
    v = A.compare(res.spec, res.expected, roundtrip(celsius), ref.variants("slip-student", res))
    assert "°C" in v.hints[0]
    if p.n != 1:
        no_n = R * (p.t_C + 273.15) / F * math.log(p.ratio)
        v = A.compare(res.spec, res.expected, roundtrip(no_n), ref.variants("slip-student", res))
        assert "electrons" in v.hints[0]


# ---------------------------------------------------------------- arrays, types, shapes
def test_arrays_shape_and_type():
    spec = A.Array(rtol=1e-6, shape=(2,))
    exp = np.array([0.1, 0.9])
    assert A.compare(spec, exp, roundtrip(np.array([0.1, 0.9]))).correct
    assert A.compare(spec, exp, roundtrip([0.1, 0.9])).correct
    v = A.compare(spec, exp, roundtrip([[0.1], [0.9]]))
    assert not v.correct and "shape" in v.message and "reshape" in " ".join(v.hints)
    v = A.compare(spec, exp, roundtrip([0.9, 0.1]))
    assert "reverse" in v.hints[0]
    v = A.compare(A.Array(rtol=1e-6), np.ones((2, 3)), roundtrip(np.ones((3, 2))))
    assert "transpose" in " ".join(v.hints)
    v = A.compare(A.Number("V"), 1.0, roundtrip("1.0 V"))
    assert not v.correct and "Wrong type" in v.message
    v = A.compare(A.Number("V"), 1.0, roundtrip([1.0, 2.0]))
    assert "shape" in " ".join(v.hints)


class Evil:
    def __sub__(self, other):
        return self
    __rsub__ = __sub__

    def __abs__(self):
        return 0.0

    def __lt__(self, other):
        return True
    __le__ = __gt__ = __ge__ = __eq__ = __lt__

    def __float__(self):
        return 0.0


class EvilFloat(float):
    def __sub__(self, other):
        return 0.0
    __rsub__ = __sub__

    def __abs__(self):
        return 0.0


@pytest.mark.parametrize("obj", [Evil(), EvilFloat(0.5), True, None, 1 + 2j, {"a": 1},
                                 np.array(["a"]), [Evil()], object()])
def test_malicious_or_odd_objects_are_wrong_type(obj):
    got = roundtrip(obj)
    assert got.type == "invalid"
    assert not A.compare(A.Number("V"), 0.5, got).correct


@pytest.mark.parametrize("payload", [
    {"type": "number", "value": True}, {"type": "number", "value": "1"},
    {"type": "number", "value": 1.0, "unit": "furlong"},
    {"type": "array", "shape": [3], "data": [1.0, 2.0]},
    {"type": "array", "shape": [-1], "data": []}, {"type": "expr", "srepr": "__import__('os')"},
    {"type": "eval", "value": "1"}, ["not", "a", "dict"], None,
])
def test_decode_is_strict(payload):
    assert A.decode(payload).type == "invalid"


def test_loads_rejects_nan_and_garbage():
    for text in ('{"type": "number", "value": NaN}', "{", "x" * 10, '{"a": Infinity}'):
        with pytest.raises(A.BadAnswer):
            A.loads(text)


# ---------------------------------------------------------------- expressions
x, T, Rs, Fs = sp.symbols("x T R F", positive=True)
ESPEC = A.Expr({"x": (0.05, 0.95), "T": (250.0, 350.0), "R": (8.0, 8.7), "F": (9e4, 1e5)})
U_REF = Rs * T / Fs * sp.log((1 - x) / x)


@pytest.mark.parametrize("form", [
    Rs * T / Fs * (sp.log(1 - x) - sp.log(x)),
    -Rs * T * sp.log(x / (1 - x)) / Fs,
    sp.Symbol("R") * sp.Symbol("T") / sp.Symbol("F") * sp.log((1 - sp.Symbol("x")) / sp.Symbol("x")),
])
def test_equivalent_expressions_are_correct(form):
    assert A.compare(ESPEC, U_REF, roundtrip(form)).correct


def test_wrong_expressions_are_diagnosed():
    v = A.compare(ESPEC, U_REF, roundtrip(-U_REF))
    assert not v.correct and "sign" in v.hints[0]
    v = A.compare(ESPEC, U_REF, roundtrip(Rs * T / Fs * sp.log((1 - x) / x, 10)))
    assert not v.correct and "ln(10)" in v.hints[0]
    v = A.compare(ESPEC, U_REF, roundtrip(U_REF + sp.Symbol("E0")))
    assert not v.correct and "E0" in v.hints[0]
    v = A.compare(ESPEC, U_REF, roundtrip(U_REF + 1))
    assert not v.correct and "additive constant" in v.hints[0]


@settings(deadline=None)
@given(st.sampled_from([x + 1, x ** 2 * T / Rs, sp.exp(-x / T), sp.log(x) * sp.Rational(3, 7),
                        sp.tanh(x) + sp.sqrt(T) - sp.pi, sp.Float("0.125") * Fs]))
def test_srepr_roundtrip(expr):
    back = A.parse_srepr(sp.srepr(expr))
    plain = expr.xreplace({s: sp.Symbol(s.name) for s in expr.free_symbols})
    assert sp.simplify(back - plain) == 0


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hi')", "Symbol('x').__class__", "(lambda: 1)()",
    "Symbol('a; import os')", "Integer(10**100)", "Function('f')(Symbol('x'))", "eval('1')",
    "Symbol('x') + 1", "Add(" * 300 + ")" * 300,
])
def test_srepr_parser_refuses_code(text):
    with pytest.raises(A.BadAnswer):
        A.parse_srepr(text)


# ---------------------------------------------------------------- choice and functions
def test_choice():
    spec = A.Choice({"a": "x", "b": "y"})
    assert A.compare(spec, "b", roundtrip(" (B) ")).correct
    assert not A.compare(spec, "b", roundtrip("a")).correct
    assert "not one of the options" in A.compare(spec, "b", roundtrip("e")).message


def test_function_partial_credit():
    spec = A.Function("f", examples=[(1.0,)], rtol=1e-9)
    expected = [1.0, 2.0, 3.0, 4.0]
    got = [roundtrip(1.0), roundtrip(2.0), roundtrip(-3.0), None]
    v = A.compare_function(spec, expected, got)
    assert v.score == 0.5 and not v.correct and "2 of 4" in v.message


# ---------------------------------------------------------------- parameters
def test_parameters_are_deterministic_and_differ_between_students():
    specs = {"T": P.Uniform(250.0, 350.0, "K"), "omega": P.Uniform(6e3, 2e4, "J/mol"),
             "n": P.Choice([1, 2, 3])}
    a = P.draw("01_intercalation", "q3", "Student-7", specs)
    assert a == P.draw("01_intercalation", "q3", "  student-7 ", specs)
    assert a != P.draw("01_intercalation", "q4", "student-7", specs)
    seen = {tuple(P.draw("01_intercalation", "q3", f"s{i:03d}", specs).values()) for i in range(300)}
    assert len(seen) == 300


@settings(deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_parameters_in_range(sid):
    p = P.draw("00_toolkit", "q1", sid, {"t": P.Uniform(5.0, 60.0, "degC", sig=3),
                                         "r": P.LogUniform(3.0, 1000.0), "k": P.Integer(1, 4)})
    assert 5.0 <= p.t <= 60.0 and 2.99 <= p.r <= 1001 and p.k in (1, 2, 3, 4)
    assert "Parameters of q1" in repr(p) and "<table>" in p._repr_html_()


def test_secret_parameters_are_not_shown():
    p = P.draw("s", "q", "id", {"T": P.Uniform(300.0, 340.0, "K"),
                                "hidden": P.Uniform(2e3, 4e3, secret=True)})
    assert "hidden" not in repr(p) and "hidden" not in p._repr_html_()


# ---------------------------------------------------------------- self-check (oracle from the key)
def test_self_check_in_plain_python(capsys):
    hw = hwk.start("00_toolkit", "selfcheck-student")
    res = hw._oracle()[1]["q2"]
    p = res.params
    right = p.dmu_kJ * 1e3 + p.z * F * p.dphi_mV * 1e-3       # mu~ = mu + z F phi, differences
    assert hw.verdict("q2", right).correct
    v = hw.verdict("q2", p.dmu_kJ + p.z * F * p.dphi_mV * 1e-3)  # kJ/mol left unconverted
    assert not v.correct and v.hints
    hw.check("q2", -right if abs(right) > 10 else right + 1e3)
    out = capsys.readouterr().out
    assert "q2: NOT YET" in out and f"{right:.4g}" not in out
    hw.check("q2", right)
    assert "q2: CORRECT" in capsys.readouterr().out
    # a function answer is run on the public examples
    v = hw.verdict("q4", lambda c_in, c_out, z, T: R * T / (z * F) * math.log(c_out / c_in))
    assert v.correct
    v = hw.verdict("q4", lambda c_in, c_out, z, T: 1 / 0)
    assert not v.correct and "ZeroDivisionError" in v.hints[0]


def test_empty_student_id_warns(capsys):
    hw = hwk.start("00_toolkit", "")
    assert "STUDENT_ID is empty" in capsys.readouterr().out
    hw.answer("q7", "c")
    assert json.loads(A.dumps(hw._answers["q7"]))["value"] == "c"
