"""Graded homework: per-student parameters, self-check, autograder.

Student side, in the first cell of a homework notebook::

    STUDENT_ID = "your id"
    import echemlab.homework as hwk
    hw = hwk.start("01_intercalation", STUDENT_ID)

then per question ``p = hw.question("q1", ...)`` (your numbers),
``hw.check("q1", value)`` (immediate feedback) or ``hw.answer("q1", value)``.

Instructor side: ``python -m echemlab.homework.generate`` writes exercises/
and the self-check keys from solutions/, ``python -m echemlab.homework.grader``
grades a folder of submissions (see README.md, "For instructors").
"""
from .answers import Array, Choice, Expr, Function, Number, Q
from .core import HomeworkSet, start
from .params import Choice as OneOf
from .params import Dataset, Integer, LogUniform, Uniform

__all__ = ["start", "HomeworkSet", "Number", "Array", "Expr", "Function", "Choice", "Q",
           "Uniform", "LogUniform", "OneOf", "Integer", "Dataset"]
