"""Course plotting style, kept apart from the physics.

Helpers take ``ax=None`` (a new figure is made when omitted), return the
artists they create and never call ``plt.show()``. The style is applied
explicitly with ``with course_style(): ...``; importing this module changes
nothing global.
"""
import contextlib

import matplotlib as mpl

#: Okabe & Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design")
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
}
#: colour + line style pairs so curves differ without colour too
CYCLE = [
    ("#0072B2", "-"), ("#D55E00", "--"), ("#009E73", "-."), ("#CC79A7", ":"),
    ("#E69F00", (0, (5, 1, 1, 1))), ("#56B4E9", (0, (3, 1, 1, 1, 1, 1))),
]

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    "axes.prop_cycle": mpl.cycler(color=[c for c, _ in CYCLE], linestyle=[s for _, s in CYCLE]),
    "svg.hashsalt": "echemlab",  # deterministic SVG ids
    "path.simplify": True,
}


@contextlib.contextmanager
def course_style():
    """Context manager applying the course style to figures created inside it."""
    with mpl.rc_context(STYLE):
        yield


def apply_course_style():
    """Apply the course style globally (call it once in a notebook's setup cell)."""
    mpl.rcParams.update(STYLE)


def label(quantity, unit=None):
    """Axis label in the course form ``quantity [unit]``.

    >>> label("Potential", "V vs Li/Li+")
    'Potential [V vs Li/Li+]'
    >>> label("Site fraction x")
    'Site fraction x [-]'
    """
    if not isinstance(quantity, str):
        raise ValueError(f"quantity must be a string such as 'Potential' (got {quantity!r})")
    if unit is not None and not isinstance(unit, str):
        raise ValueError(f"unit must be a string such as 'V' or None (got {unit!r})")
    return f"{quantity} [{unit if unit else '-'}]"


def new_figure(ncols=1, nrows=1, size=(9.0, 3.6), dpi=100):
    """A figure with an Agg canvas, made without pyplot (no backend involved),
    styled with the course style. Returns ``(fig, axes)``.

    Explorers use this: their figure never enters pyplot's figure manager,
    so it cannot clash with the notebook's inline backend.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from . import _validate as v

    ncols = int(v.count("ncols", ncols, lo=1))
    nrows = int(v.count("nrows", nrows, lo=1))
    if ncols > 10 or nrows > 10:
        raise ValueError(f"ncols and nrows must be whole numbers in [1, 10] (got {ncols}, {nrows})")
    size_arr = v.real("size", size, lo=0.5, hi=50.0, unit="inch")
    if size_arr.shape != (2,):
        raise ValueError(f"size must be (width, height), each in [0.5, 50] inch (got {size!r})")
    size = (float(size_arr[0]), float(size_arr[1]))
    dpi = float(v.real("dpi", dpi, lo=10.0, hi=1000.0))
    with course_style():
        fig = Figure(figsize=size, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes.ravel() if axes.size > 1 else axes[0, 0]


def _axes(ax):
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise ValueError(f"ax must be a matplotlib Axes or None (got {type(ax).__name__})")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(5, 3.5))
    return ax


def plot_curve(x, y, ax=None, xlabel=None, ylabel=None, **kwargs):
    """Plot one curve with course labels; returns the Line2D.

    ``x`` and ``y`` are finite 1-D sequences of equal length.
    """
    from . import _validate as v

    xa, ya = v.real("x", x), v.real("y", y)
    if xa.ndim != 1 or ya.shape != xa.shape:
        raise ValueError(f"x and y must be 1-D sequences of equal length (got shapes {xa.shape}, {ya.shape})")
    ax = _axes(ax)
    (line,) = ax.plot(x, y, **kwargs)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    return line


def mark_vertical(xs, ax=None, **kwargs):
    """Vertical guide lines at each x in ``xs`` (finite numbers); returns the list of artists."""
    from . import _validate as v

    xs = v.real("xs", xs)
    if xs.ndim > 1:
        raise ValueError(f"xs must be a number or a 1-D sequence of finite numbers (got shape {xs.shape})")
    xs = [float(x) for x in xs.ravel()]
    ax = _axes(ax)
    kw = {"color": "0.4", "lw": 0.9, "ls": ":"}
    kw.update(kwargs)
    return [ax.axvline(x, **kw) for x in xs]
