"""API contract of the whole package (issue #9, "Determinism and robustness").

1. Every public function, class and public method of every ``echemlab``
   module is referenced by at least one hypothesis ``@given`` test in
   ``tests/``.
2. Every public function or class whose docstring has a doctest example call
   rejects NaN in each numeric argument with a ValueError that names the
   parameter (and says what is valid).

"Public" = defined in the module itself (not imported), name not starting
with "_"; for a public class also its public methods (plain, static and class
methods defined in the class body; properties are attributes, not functions,
and are left out).
"""
import ast
import doctest
import importlib
import inspect
import math
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest

import echemlab

TESTS = Path(__file__).resolve().parent

# Public names that are not functions of data, so a property test of their own
# makes no sense. Every entry says why. Their *methods* are still checked.
EXEMPT = {
    # exception types: raised, never called on data
    "echemlab.homework.answers.BadAnswer": "exception type",
    "echemlab.homework.grader.Invalid": "exception type",
    "echemlab.homework.notebook.FormatError": "exception type",
    # plain records of results, built by the functions that are tested
    "echemlab.kinetics.TafelFit": "result record returned by fit_tafel",
    "echemlab.kinetics.KineticFit": "result record returned by fit_butler_volmer",
    "echemlab.transport.JunctionSolution": "result record returned by liquid_junction",
    "echemlab.transport.DoubleLayerSolution": "result record returned by pnp_double_layer",
    "echemlab.homework.reference.Result": "result record returned by Reference.run",
    "echemlab.homework.answers.Decoded": "result record returned by decode",
    "echemlab.homework.answers.Verdict": "result record returned by compare",
    "echemlab.homework.grader.Config": "settings record of the grader (paths, limits)",
    # abstract hooks of the explorer framework: raise NotImplementedError
    # (subclasses override them; the overrides are checked)
    "echemlab.explorer.Explorer.setup": "abstract hook, raises NotImplementedError",
    "echemlab.explorer.Explorer.compute": "abstract hook, raises NotImplementedError",
    "echemlab.explorer.Explorer.draw": "abstract hook, raises NotImplementedError",
    "echemlab.homework.params.Spec.draw": "abstract base of the parameter specs",
}


# ---------------------------------------------------------------- enumeration
def _modules():
    names = ["echemlab"]
    for info in pkgutil.walk_packages(echemlab.__path__, "echemlab."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        names.append(info.name)
    return sorted(names)


def _own_members(module):
    for name, obj in vars(module).items():
        if name.startswith("_"):
            continue
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue  # imported from elsewhere
        yield name, obj


def _public_api():
    """{"module.name" or "module.Class.method": (module name, class name or None, object)}."""
    api = {}
    for modname in _modules():
        module = importlib.import_module(modname)
        for name, obj in _own_members(module):
            api[f"{modname}.{name}"] = (modname, None, obj)
            if inspect.isclass(obj):
                for mname, member in vars(obj).items():
                    if mname.startswith("_"):
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    if inspect.isfunction(member):
                        api[f"{modname}.{name}.{mname}"] = (modname, name, member)
    return api


API = _public_api()


# ------------------------------------------------- what the @given tests use
def _is_given(dec):
    target = dec.func if isinstance(dec, ast.Call) else dec
    return (isinstance(target, ast.Name) and target.id == "given") or (
        isinstance(target, ast.Attribute) and target.attr == "given")


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return list(reversed(parts))
    return None


def _canonical(dotted):
    """'echemlab.homework.start' -> 'echemlab.homework.core.start' (follows re-exports)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
            if obj is None:
                return None
        if inspect.ismodule(obj):
            return obj.__name__
        mod = getattr(obj, "__module__", None)
        qual = getattr(obj, "__qualname__", None)
        if mod and qual and mod.startswith("echemlab"):
            return f"{mod}.{qual}"
        return None
    return None


def _file_references(path):
    """(resolved names, attribute names) used by each @given test of one file,
    following module-level helpers and constants the test refers to."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    alias = {}  # local name -> dotted echemlab path
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("echemlab"):
            for a in node.names:
                alias[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("echemlab"):
                    alias[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
    top = {}  # module-level helper name -> node
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            top[node.name] = node
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        top[n.id] = node

    givens = [n for n in ast.walk(tree)
              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(map(_is_given, n.decorator_list))]
    out = []
    for fn in givens:
        seen, todo, names, attrs = set(), [fn], set(), set()
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in top and top[sub.id] is not fn:
                    todo.append(top[sub.id])
                if isinstance(sub, ast.Attribute):
                    attrs.add(sub.attr)
                if isinstance(sub, (ast.Name, ast.Attribute)):
                    parts = _dotted(sub)
                    if parts and parts[0] in alias:
                        full = alias[parts[0]] + "".join("." + p for p in parts[1:])
                        names.add(full)
        resolved = {c for c in map(_canonical, names) if c}
        out.append((resolved, attrs))
    return out


def _given_references():
    refs = []
    for path in sorted(TESTS.rglob("*.py")):
        if "fixtures" in path.parts:
            continue
        refs.extend(_file_references(path))
    return refs


def _covered(qualname, entry, refs):
    modname, clsname, _ = entry
    if clsname is None:
        return any(qualname in names for names, _ in refs)
    # a method: the test calls .method and uses the class or anything public
    # from the class's module (e.g. a factory such as homework.start)
    method = qualname.rsplit(".", 1)[1]
    prefix = modname + "."
    return any(method in attrs and any(n == modname or n.startswith(prefix) for n in names)
               for names, attrs in refs)


def test_every_public_function_has_a_property_test():
    refs = _given_references()
    assert refs, "no @given tests found"
    missing = [q for q, entry in API.items() if q not in EXEMPT and not _covered(q, entry, refs)]
    assert not missing, (f"{len(missing)} public functions/classes/methods are not referenced by any "
                         "hypothesis @given test:\n  " + "\n  ".join(missing))


def test_exempt_entries_exist():
    """An exemption for a name that no longer exists hides nothing: remove it."""
    stale = sorted(set(EXEMPT) - set(API))
    assert not stale, f"EXEMPT lists names that are not public API: {stale}"


# ------------------------------------------------------------ NaN rejection
def _example_call(qualname, obj):
    """(args, kwargs) of the first doctest call of ``obj`` in its docstring.

    The doctest examples before the call are run first, in a copy of the
    module namespace (as doctest does), so simple arguments such as
    ``300 * DAY`` or a name bound earlier in the example are evaluated.
    Returns None when the docstring has no direct call of the object.
    """
    doc = inspect.getdoc(obj) or ""
    module = importlib.import_module(obj.__module__)
    examples = doctest.DocTestParser().get_examples(doc)
    ns = dict(vars(module))
    for ex in examples:
        try:
            tree = ast.parse(ex.source)
        except SyntaxError:
            return None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
                continue
            f = node.func
            fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if fname != obj.__name__ or any(k.arg is None for k in node.keywords):
                continue
            try:
                args = [eval(compile(ast.Expression(a), "<doctest>", "eval"), ns) for a in node.args]
                kwargs = {k.arg: eval(compile(ast.Expression(k.value), "<doctest>", "eval"), ns)
                          for k in node.keywords}
            except Exception:
                return None
            return args, kwargs
        exec(compile(ex.source, "<doctest>", "exec"), ns)
    return None


def _nan_cases():
    cases = []
    for qualname, (_, clsname, obj) in API.items():
        if clsname is not None or qualname in EXEMPT:
            continue  # methods need an instance; doctest calls are of functions/classes
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if not (inspect.getdoc(obj) or "").count(">>>"):
            continue
        cases.append(pytest.param(qualname, obj, id=qualname))
    return cases


def _is_number(x):
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def _nan_version(x):
    """x with NaN put in (a number -> nan; a list/tuple/array of numbers -> its
    first element nan); None when x is not numeric."""
    if _is_number(x):
        return float("nan")
    if isinstance(x, (list, tuple, np.ndarray)) and not any(isinstance(v, (str, bool, dict)) for v in np.ravel(
            np.asarray(x, dtype=object))):
        try:
            arr = np.array(x, dtype=float)
        except (TypeError, ValueError):
            return None
        if arr.size == 0:
            return None
        arr.flat[0] = np.nan
        if isinstance(x, list):
            return arr.tolist()
        if isinstance(x, tuple):
            return tuple(arr.tolist())
        return arr
    return None


RANGE_WORDS = re.compile(r"[\[(][^\])]*,[^\])]*[\])]|>=|<=|>|<|≥|≤|finite|positive|non-?negative|between|one of")


@pytest.mark.parametrize("qualname, obj", _nan_cases())
def test_nan_rejected_with_parameter_name(qualname, obj):
    """Re-call the docstring example with each numeric argument replaced by NaN.

    Arguments that are plain numbers (int/float, not bool) become NaN, and
    lists/tuples/arrays of numbers get NaN as their first element. Arguments
    that are not numbers (strings, bools, dicts, callables, None, objects)
    are skipped: there is no NaN to put in them. Each replacement must raise
    ValueError whose message contains the parameter's name as a word and says
    what is valid (a range, "finite", "positive", ...).
    """
    call = _example_call(qualname, obj)
    if call is None:
        pytest.skip("docstring has no direct example call of this function")
    args, kwargs = call
    sig = inspect.signature(obj)
    bound = sig.bind(*args, **kwargs)
    numeric = [name for name, val in bound.arguments.items() if _nan_version(val) is not None]
    if not numeric:
        pytest.skip("the example call has no numeric argument")
    problems = []
    for name in numeric:
        trial = sig.bind(*args, **kwargs)
        trial.arguments[name] = _nan_version(trial.arguments[name])
        try:
            result = obj(*trial.args, **trial.kwargs)
        except ValueError as exc:
            msg = str(exc)
            if not re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", msg):
                problems.append(f"{name}=nan: ValueError does not name {name!r}: {msg!r}")
            elif not RANGE_WORDS.search(msg):
                problems.append(f"{name}=nan: ValueError does not state the valid range: {msg!r}")
        except Exception as exc:  # noqa: BLE001 - any other exception is the defect reported
            problems.append(f"{name}=nan: {type(exc).__name__} instead of ValueError: {exc}")
        else:
            shown = result if np.ndim(result) == 0 and not isinstance(result, dict) else type(result).__name__
            if isinstance(shown, float) and math.isnan(shown):
                shown = "nan (silent)"
            problems.append(f"{name}=nan: no error, returned {shown}")
    assert not problems, f"{qualname}:\n  " + "\n  ".join(problems)
