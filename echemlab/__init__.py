"""echemlab: models, derivations, explorers and homework tools for the course
"Applications of electrochemical thermodynamics".

Importing the package is cheap: only numpy is loaded. Submodules
(``echemlab.nernst``, ``echemlab.intercalation``, ...) are imported on first
attribute access, and sympy, matplotlib and ipywidgets only by the modules
that need them.
"""
import importlib

__version__ = "0.1.0"

import pkgutil


def _submodules():
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def __getattr__(name):
    """``echemlab.<topic>`` imports that submodule on first use."""
    if not name.startswith("_") and name in _submodules():
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'echemlab' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_submodules()))
