"""Widget explorers, one module per chapter.

``all_explorers()`` lists every explorer class with the chapter it belongs
to; the benchmark and the tests iterate over it, so a new chapter's
explorer is covered as soon as its module is named in ``MODULES``.
"""
import importlib

#: chapter number -> module (inside this package) holding its explorers
MODULES = {
    "00": "nernst",
    "01": "intercalation",
}


def all_explorers():
    """[(chapter, ExplorerClass), ...] for every chapter module in MODULES."""
    found = []
    for chapter, mod in MODULES.items():
        module = importlib.import_module(f"{__name__}.{mod}")
        found.extend((chapter, cls) for cls in module.EXPLORERS)
    return found
