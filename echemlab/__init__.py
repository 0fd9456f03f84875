"""echemlab: models, derivations, explorers and homework tools for the course
"Applications of electrochemical thermodynamics".

Importing the package is cheap: only numpy is loaded. Submodules
(``echemlab.nernst``, ``echemlab.intercalation``, ...) are imported on first
attribute access, and sympy, matplotlib and ipywidgets only by the modules
that need them.
"""
import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "constants", "data", "nernst", "intercalation", "plotting", "explorer",
    "explorers", "derive", "homework",
)


def __getattr__(name):
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'echemlab' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
