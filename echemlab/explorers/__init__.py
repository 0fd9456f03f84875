"""Widget explorers, one module per chapter.

Each module in this package sets ``CHAPTER = "NN"`` and ``EXPLORERS = [...]``.
``all_explorers()`` finds them all, so the benchmark and the tests cover a
new chapter's explorer as soon as its module exists.
"""
import importlib
import pkgutil


def modules():
    """{chapter: module} for every explorer module in this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        chapter = getattr(module, "CHAPTER", None)
        if chapter is None or not hasattr(module, "EXPLORERS"):
            raise ValueError(f"explorer module {info.name} must define CHAPTER and EXPLORERS")
        found.setdefault(chapter, []).append(module)
    return dict(sorted(found.items()))


def all_explorers():
    """[(chapter, ExplorerClass), ...] for every explorer of every chapter."""
    return [(ch, cls) for ch, mods in modules().items() for m in mods for cls in m.EXPLORERS]
