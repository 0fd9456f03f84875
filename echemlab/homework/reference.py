"""Run the reference solution for one student (trusted code, in-process).

The grader runs the solution notebook's program (hidden tests included); the
self-check oracle runs the sealed key (no hidden tests). Both give, per
question: the answer spec, the student's parameters, the expected answer,
author-declared mistakes and, for function questions, the hidden inputs.
Each question runs in its own copy of the namespace left by the common cells,
so questions are independent and one can be re-run with a parameter changed
(which is how slips like Celsius-for-kelvin are recognised).
"""
import contextlib
import io
import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import core


@dataclass
class Result:
    qid: str
    points: float
    title: str = ""
    spec: object = None
    params: object = None
    expected: object = None
    mistakes: list = field(default_factory=list)
    hidden_inputs: list = None
    error: str = ""


def _noop(*args, **kwargs):
    return None


class Reference:
    """A compiled reference program (from :func:`notebook.program`)."""

    def __init__(self, prog):
        self.prog = prog
        self.set_id = prog["set_id"]
        self._code = {"common": [compile(src, f"<{self.set_id} common {i}>", "exec")
                                 for i, src in enumerate(prog["common"])]}
        self._rerun_code = {}
        for qid, q in prog["questions"].items():
            self._code[qid] = [compile(src, f"<{self.set_id} {qid} cell {i}>", "exec")
                               for i, src in enumerate(q["cells"])]
            self._rerun_code[qid] = [compile(src, f"<{self.set_id} {qid} cell {i}>", "exec")
                                     for i, src in enumerate(q.get("cells_nohidden", q["cells"]))]

    @property
    def qids(self):
        return list(self.prog["questions"])

    def _common(self, student_id):
        hw = core.HomeworkSet(self.set_id, student_id, mode="reference")
        ns = {"__name__": "__echemlab_reference__", "display": _noop}
        with core.forced(hw), contextlib.redirect_stdout(io.StringIO()):
            for code in self._code["common"]:
                exec(code, ns)
        return hw, ns

    def _exec_question(self, hw, ns, qid, rerun=False):
        ns = dict(ns)
        with core.forced(hw), contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), \
                np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for code in (self._rerun_code if rerun else self._code)[qid]:
                exec(code, ns)

    def run(self, student_id, qids=None):
        """Expected answers of every question (or ``qids``) for ``student_id``."""
        hw, ns = self._common(student_id)
        out = {}
        for qid in (qids or self.qids):
            q = self.prog["questions"][qid]
            res = Result(qid, q["points"], q["title"])
            try:
                self._exec_question(hw, ns, qid)
                rec = hw._ref.get(qid, {})
                res.spec, res.params = hw._specs.get(qid), hw._params.get(qid)
                if "answer" not in rec:
                    raise RuntimeError("the reference solution records no answer (hw.answer/hw.check)")
                res.expected = rec["answer"]
                res.mistakes = list(rec.get("mistakes", []))
                res.hidden_inputs = rec.get("hidden_inputs")
                if res.spec is None:
                    raise RuntimeError("no hw.question(...) call for this question")
            except Exception as exc:  # the solution itself is broken: report, do not crash
                res.error = f"{type(exc).__name__}: {exc}"
            out[qid] = res
        self._ns, self._hw = ns, hw
        return out

    def rerun(self, student_id, qid, overrides):
        """Expected answer of ``qid`` with some parameters replaced (or None)."""
        hw, ns = self._common(student_id)
        hw._overrides = {qid: dict(overrides)}
        try:
            self._exec_question(hw, ns, qid, rerun=True)
            return hw._ref[qid]["answer"]
        except Exception:
            return None

    def variants(self, student_id, result):
        """(value, message) pairs for typical slips in the parameters, from
        re-runs of the solution, plus the author's declared mistakes."""
        out = list(result.mistakes)
        params, specs = result.params, getattr(result.params, "_specs", {})
        if not params:
            return out
        for name, spec in specs.items():
            val = params.get(name)
            if isinstance(val, bool) or not isinstance(val, (int, float)):
                continue
            cands = []
            if spec.unit == "degC":
                cands.append((val - 273.15, f"The temperature {name} is in °C: convert it to kelvin "
                                            "(T = t + 273.15) before using it."))
            elif spec.unit == "K":
                cands.append((val - 273.15, f"Use the temperature {name} in kelvin, not in °C."))
            elif spec.unit in ("kJ/mol", "kJ"):
                cands.append((val / 1e3, f"{name} is given in {spec.unit}: convert it to J first."))
            elif spec.unit in ("mV", "mV/K"):
                cands.append((val * 1e3, f"{name} is given in {spec.unit}: convert it to V first."))
            if name == "n" and isinstance(val, int):
                if val != 1:
                    cands.append((1, "Check the number of electrons n: the formula has n in it."))
                cands.append((2 * val, "Check the number of electrons n (off by a factor)."))
            for value, message in cands:
                alt = self.rerun(student_id, result.qid, {name: value})
                if alt is not None and not _same(alt, result.expected):
                    out.append((alt, message))
        return out


def _same(a, b):
    try:
        return bool(np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-12, atol=0))
    except (TypeError, ValueError):
        return False


def finite_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
