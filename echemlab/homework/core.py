"""The student-side homework object: parameters, answers, self-check.

``hw = start("01_intercalation", STUDENT_ID)`` gives a :class:`HomeworkSet`.
``hw.question(qid, spec, **params)`` draws the student's numbers,
``hw.answer(qid, value)`` records an answer and ``hw.check(qid, value)``
records it and shows at once whether it is right, with a diagnosis of common
slips. Recording an answer displays a small output whose data (one JSON
record) is what the grader reads back from the kernel; the grader never
trusts anything else the kernel does.
"""
import contextlib
import html
import os
import sys
import threading
from importlib import resources

from . import answers as A
from . import params as P

_FORCED = threading.local()
_ACTIVE = []          # HomeworkSet objects created in this kernel (for the grader's collection step)
_ORACLES = {}         # (set_id, student id) -> {qid: Result}


@contextlib.contextmanager
def forced(hw):
    """While active, :func:`start` returns ``hw`` (used to run reference code)."""
    stack = getattr(_FORCED, "stack", None)
    if stack is None:
        stack = _FORCED.stack = []
    stack.append(hw)
    try:
        yield hw
    finally:
        stack.pop()


def start(set_id, student_id):
    """Start homework set ``set_id`` for ``student_id`` (write it once, at the top).

    >>> hw = start("00_toolkit", "doctest-student")
    >>> hw.student_id
    'doctest-student'
    """
    if not isinstance(set_id, str) or not set_id.strip():
        raise ValueError(f"set_id must be the name of a homework set such as '01_intercalation' (got {set_id!r})")
    if not isinstance(student_id, (str, int)) or isinstance(student_id, bool):
        raise ValueError(f"student_id must be a string such as 's1234567' (got {student_id!r})")
    stack = getattr(_FORCED, "stack", None)
    if stack:
        return stack[-1]
    hw = HomeworkSet(set_id, student_id)
    _ACTIVE.append(hw)
    if not str(student_id).strip():
        _show("<b style='color:#b35806'>⚠ STUDENT_ID is empty.</b> You are working with example "
              "numbers; type your student id in the first cell and re-run the notebook. "
              "A submission without an id earns no points.",
              "WARNING: STUDENT_ID is empty - example numbers; a submission without an id earns no points.")
    return hw


def grading():
    """True inside the grader's kernel (self-check is off there)."""
    return os.environ.get("ECHEMLAB_GRADING") == "1"


def selfcheck_enabled():
    return os.environ.get("ECHEMLAB_NO_SELFCHECK") != "1" and not grading()


def _in_kernel():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    ip = get_ipython()
    return ip if ip is not None and hasattr(ip, "kernel") else None


def _show(html_text, plain, record=None):
    ip = _in_kernel()
    if ip is None:
        print(plain)
        return
    from IPython.display import display
    bundle = {"text/plain": plain, "text/html": html_text}
    if record is not None:
        bundle[A.ANSWER_MIME] = record
    display(bundle, raw=True)


COVERS = ("Self-check compares your value for your own parameters with the reference solution. "
          "It is feedback, not the grade: the grader re-runs your notebook from the top in a fresh "
          "kernel, and tests functions on other (hidden) inputs.")


class HomeworkSet:
    """One student's copy of a homework set (see :func:`start`)."""

    def __init__(self, set_id, student_id, mode="student", course=P.COURSE):
        self.set_id, self.student_id, self.mode, self.course = str(set_id), str(student_id), mode, course
        self._specs, self._params, self._pspecs = {}, {}, {}
        self._answers, self._functions = {}, {}
        self._ref, self._overrides = {}, {}

    def __repr__(self):
        return f"<homework {self.set_id} for {self.student_id!r}: {len(self._answers)} answers recorded>"

    # ---------------------------------------------------------------- parameters
    def question(self, qid, answer_spec, **param_specs):
        """Declare question ``qid`` (its answer type and parameters) and return
        the student's parameters."""
        if not isinstance(qid, str) or not qid:
            raise ValueError(f"qid must be a question id such as 'q1' (got {qid!r})")
        if not isinstance(answer_spec, A.Answer):
            raise ValueError("answer_spec must be an answer type (Number, Array, Expr, Function, Choice) "
                             f"(got {answer_spec!r})")
        self._specs[qid] = answer_spec
        p = P.draw(self.set_id, qid, self.student_id, param_specs, self.course)
        for name, value in self._overrides.get(qid, {}).items():
            p[name] = value
        self._params[qid] = p
        return p

    def params(self, qid):
        """The parameters of ``qid`` drawn by the question cell."""
        if qid not in self._params:
            raise ValueError(f"qid must be one of the questions declared so far {sorted(self._params)}; "
                             f"no parameters for {qid!r} yet: run the cell with hw.question({qid!r}, ...)")
        return self._params[qid]

    # ---------------------------------------------------------------- reference-only hooks
    def mistake(self, qid, message, value):
        """(Reference solution) a typical wrong answer and the hint to show for it."""
        if self.mode == "reference":
            self._ref.setdefault(qid, {}).setdefault("mistakes", []).append((value, message))

    def hidden_inputs(self, qid, inputs):
        """(Hidden tests) argument tuples the grader calls the student's function with."""
        if self.mode == "reference":
            self._ref.setdefault(qid, {})["hidden_inputs"] = [tuple(a) for a in inputs]

    # ---------------------------------------------------------------- answers
    def answer(self, qid, value):
        """Record the answer to ``qid`` (no feedback)."""
        self._record(qid, value, check=False)

    def check(self, qid, value):
        """Record the answer to ``qid`` and show at once whether it is right."""
        self._record(qid, value, check=True)

    def _record(self, qid, value, check):
        if self.mode == "reference":
            self._ref.setdefault(qid, {})["answer"] = value
            return
        payload = A.encode(value)
        if payload.get("type") == "function":
            self._functions[qid] = value
        self._answers[qid] = payload
        record = A.dumps({"v": 1, "qid": str(qid), "answer": payload})
        verdict, note = None, ""
        if check:
            if not selfcheck_enabled():
                note = "self-check is off here" if not grading() else "graded later"
            else:
                try:
                    verdict = self.verdict(qid, value)
                except FileNotFoundError:
                    note = "self-check is off for this homework set"
                except Exception as exc:  # never let self-check break the student's notebook
                    note = f"self-check unavailable ({type(exc).__name__}: {exc})"
        _show(*_render(qid, verdict, note, not self.student_id.strip()), record=record)

    # ---------------------------------------------------------------- self-check
    def _oracle(self):
        key = (self.set_id, P.normalize_id(self.student_id))
        if key not in _ORACLES:
            from . import notebook
            from .reference import Reference
            text = resources.files(__package__).joinpath("keys", f"{self.set_id}.key").read_text("ascii")
            ref = Reference(notebook.decode_key(text))
            _ORACLES[key] = (ref, ref.run(self.student_id))
        return _ORACLES[key]

    def verdict(self, qid, value):
        """The self-check :class:`~echemlab.homework.answers.Verdict` for ``value``."""
        ref, results = self._oracle()
        if qid not in results:
            raise ValueError(f"qid must be one of {sorted(results)} (got {qid!r})")
        res = results[qid]
        if res.error:
            raise RuntimeError(f"reference solution failed: {res.error}")
        spec = res.spec
        if isinstance(spec, A.Function):
            if not callable(value):
                return A.wrong_type(spec, A.decode(A.encode(value)))
            expected = [res.expected(*args) for args in spec.examples]
            got, errors = call_all(value, spec.examples)
            v = A.compare_function(spec, expected, got)
            v.message = v.message.replace("test inputs", "example inputs")
            if errors:
                v.hints.insert(0, f"Your function raised {errors[0]}.")
            return v
        if isinstance(spec, A.Choice) and not spec.selfcheck:
            got = A.decode(A.encode(value))
            ok = got.type == "str" and got.value.strip().strip("().").lower() in spec.options
            return A.Verdict(ok, 0.0, "Recorded; this question is graded after submission." if ok
                             else "Not one of the options.", [])
        got = A.decode(A.encode(value))
        v = A.compare(spec, res.expected, got)
        if not v.correct and isinstance(spec, A.Number) and got.type in ("number", "array"):
            v = A.compare(spec, res.expected, got, ref.variants(self.student_id, res))
        return v

    def summary(self):
        """Which questions have a recorded answer."""
        rows = [f"{q}: {self._answers[q]['type']}" for q in sorted(self._answers)]
        return "Recorded answers: " + (", ".join(rows) if rows else "none")


def call_all(fn, inputs):
    """Call ``fn(*args)`` for each input; returns (decoded outputs or None, error strings)."""
    got, errors = [], []
    for args in inputs:
        try:
            got.append(A.decode(A.encode(fn(*args))))
        except Exception as exc:
            got.append(None)
            errors.append(f"{type(exc).__name__}: {str(exc)[:100]}")
    return got, errors


def _render(qid, verdict, note, no_id):
    warn = " (STUDENT_ID is empty: example numbers!)" if no_id else ""
    if verdict is None:
        text = f"{qid}: answer recorded" + (f" - {note}" if note else "") + warn
        return (f"<div style='color:#555'>📝 <b>{html.escape(qid)}</b>: answer recorded"
                f"{' — ' + html.escape(note) if note else ''}{html.escape(warn)}</div>", text)
    ok = verdict.correct
    mark, colour = ("✔", "#1a9850") if ok else ("✘", "#d73027")
    hints = "".join(f"<li>{html.escape(h)}</li>" for h in verdict.hints)
    text = f"{qid}: {'CORRECT' if ok else 'NOT YET'} - {verdict.message}" + \
        "".join(f"\n  hint: {h}" for h in verdict.hints) + warn
    return (f"<div style='border-left:4px solid {colour};padding-left:8px'>"
            f"<b style='color:{colour}'>{mark} {html.escape(qid)}: {html.escape(verdict.message)}</b>"
            f"{html.escape(warn)}{'<ul>' + hints + '</ul>' if hints else ''}"
            f"<details><summary style='font-size:smaller'>what does self-check cover?</summary>"
            f"<small>{html.escape(COVERS)}</small></details></div>", text)


# ---------------------------------------------------------------- grader collection (runs in the kernel)
def _grader_call(qid, name, inputs_json):
    """Run the student's function for ``qid`` on the grader's inputs and emit
    the outputs as one JSON record (called by the grader's collection cell)."""
    fn = None
    for hw in reversed(_ACTIVE):
        fn = hw._functions.get(qid)
        if fn is not None:
            break
    if fn is None:
        main = sys.modules.get("__main__")
        ns = getattr(_in_kernel(), "user_ns", None) or vars(main)
        fn = ns.get(name)
    inputs = A.loads(inputs_json)
    outputs = []
    if not callable(fn):
        record = {"v": 1, "qid": qid, "kind": "function-outputs", "missing": True, "outputs": []}
    else:
        for args in inputs:
            try:
                outputs.append(A.encode(fn(*args)))
            except Exception as exc:
                outputs.append({"type": "error", "what": f"{type(exc).__name__}: {str(exc)[:150]}"})
        record = {"v": 1, "qid": qid, "kind": "function-outputs", "outputs": outputs}
    _show("", f"{qid}: function outputs collected", record=A.dumps(record))
