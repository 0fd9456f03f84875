"""Foundation of the course's widget explorers.

An explorer is three thin layers kept apart:

* the **model**: ``compute(**params) -> result``, pure numpy (usually a call
  into an echemlab physics module);
* the **drawing**: ``setup(fig, axes)`` creates every artist once and
  ``draw(result)`` updates them in place (``set_data``), never re-plotting;
* the **wiring**: :meth:`Explorer.widget` builds sliders (physical ranges,
  units in every label), a PNG image of the figure and an HTML readout.

``explorer.update(**params)`` drives the same path without a browser, which
is how tests and benchmarks use it.

Rendering (chosen by measurement in a real browser, see BENCHMARKS.md): the
figure lives on its own Agg canvas, outside pyplot. Static parts (axes,
ticks, labels, fixed guides) are drawn once; artists that change are marked
animated and blitted over the cached background, and the frame is sent to
the browser as one PNG in an ``ipywidgets.Image``. That is one kernel->browser
message per step, where ipympl needs an extra round trip. A fast drag is
coalesced by the ipywidgets front end, which keeps at most one state message
per slider in flight and merges the rest while the kernel is busy, so the
kernel only ever renders the latest value.

The saved notebook keeps a static figure: the explorer's display bundle
carries an ``image/png`` of the current state next to the widget view.
"""
import base64
import io
import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Param:
    """One explorer parameter.

    ``min``, ``max``, ``step`` and ``default`` are in the *display* unit
    ``unit``; the model receives ``display_value * to_si`` (SI).
    """

    name: str
    label: str
    unit: str
    min: float
    max: float
    step: float
    default: float
    to_si: float = 1.0
    log: bool = False
    fmt: str = ".3g"
    doc: str = ""

    def si(self, display_value):
        return display_value * self.to_si

    def display(self, si_value):
        return si_value / self.to_si

    def check(self, si_value):
        """Validate an SI value against the slider range; ValueError otherwise."""
        try:
            val = float(si_value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number (got {si_value!r})") from None
        disp = self.display(val)
        tol = 1e-9 * max(abs(self.min), abs(self.max), 1.0)
        if not math.isfinite(val) or disp < self.min - tol or disp > self.max + tol:
            raise ValueError(
                f"{self.name} must be in [{self.min:g}, {self.max:g}] {self.unit}"
                f" (= [{self.si(self.min):g}, {self.si(self.max):g}] in SI; got {val:g})")
        return val


class Explorer:
    """Base class. Subclasses set ``params`` and implement ``setup``,
    ``compute``, ``draw`` and optionally ``readout``."""

    params: tuple = ()
    figsize = (9.0, 3.6)
    ncols = 2
    nrows = 1
    title = ""

    def __init__(self, **params):
        from .plotting import new_figure

        self._by_name = {p.name: p for p in self.params}
        self.values = {p.name: p.si(p.default) for p in self.params}
        self.fig, self.axes = new_figure(self.ncols, self.nrows, size=self.figsize)
        self.canvas = self.fig.canvas
        self.dynamic = []
        self.setup(self.fig, self.axes)
        for artist in self.dynamic:
            artist.set_animated(True)
        self._background = None
        self.n_renders = 0
        self.n_full_draws = 0
        self._widget = None
        self._image = None
        self._readout = None
        self._sliders = {}
        self.update(**params)

    # ---- to be implemented by subclasses -------------------------------
    def setup(self, fig, axes):  # pragma: no cover - abstract
        """Create all artists; append the ones that change to ``self.dynamic``."""
        raise NotImplementedError

    def compute(self, **params):  # pragma: no cover - abstract
        """The model: SI parameters in, a result (dict) out. No drawing."""
        raise NotImplementedError

    def draw(self, result):  # pragma: no cover - abstract
        """Update artists in place. Return True when static parts (limits,
        ticks) changed and a full redraw is needed."""
        raise NotImplementedError

    def readout(self, result):
        """Short HTML text with the key numbers of this state."""
        return ""

    # ---- headless driving ------------------------------------------------
    def update(self, **params):
        """Set parameters (SI units), recompute the model and redraw.

        Unknown names or values outside the slider ranges raise ValueError.
        Returns the model result.
        """
        for name, val in params.items():
            if name not in self._by_name:
                raise ValueError(f"unknown parameter {name!r}; this explorer takes "
                                 f"{sorted(self._by_name)}")
            params[name] = self._by_name[name].check(val)
        self.values.update(params)
        result = self.compute(**self.values)
        relayout = self.draw(result)
        self._render(full=bool(relayout) or self._background is None)
        self.result = result
        return result

    def _render(self, full):
        canvas = self.canvas
        if full:
            canvas.draw()  # animated artists are skipped here
            if self.n_full_draws == 0:
                # freeze the constrained layout found on the first draw:
                # re-solving it costs ~100 ms per redraw
                self.fig.set_layout_engine("none")
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self.n_full_draws += 1
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        self.n_renders += 1

    def png(self):
        """The current frame as PNG bytes (fast, low compression)."""
        from PIL import Image

        buf = np.asarray(self.canvas.buffer_rgba())
        img = Image.fromarray(buf[..., :3])
        out = io.BytesIO()
        img.save(out, format="png", compress_level=1)
        return out.getvalue()

    def frame(self, **params):
        """update() and encode: the full cost of one slider step in the kernel."""
        self.update(**params)
        return self.png()

    # ---- widget wiring ---------------------------------------------------
    def widget(self):
        """The interactive view: sliders, figure image, readout."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as W

        sliders = []
        for p in self.params:
            desc = f"{p.label} [{p.unit}]" if p.unit else p.label
            common = dict(description=desc, continuous_update=True,
                          style={"description_width": "initial"},
                          layout=W.Layout(width="330px"), tooltip=p.doc or desc)
            if p.log:
                s = W.FloatLogSlider(value=p.display(self.values[p.name]), base=10,
                                     min=math.log10(p.min), max=math.log10(p.max),
                                     step=p.step, readout_format=p.fmt, **common)
            else:
                s = W.FloatSlider(value=p.display(self.values[p.name]), min=p.min, max=p.max,
                                  step=p.step, readout_format=p.fmt, **common)
            s.add_class(f"echemlab-slider-{p.name}")
            s.observe(self._make_handler(p), names="value")
            self._sliders[p.name] = s
            sliders.append(s)
        width = int(self.fig.bbox.width)
        self._image = W.Image(value=self.png(), format="png",
                              layout=W.Layout(width=f"{width}px", max_width="100%"))
        self._image.add_class("echemlab-figure")
        self._readout = W.HTML(self.readout(self.result))
        self._readout.add_class("echemlab-readout")
        controls = W.GridBox(sliders, layout=W.Layout(
            grid_template_columns="repeat(auto-fill, 340px)", grid_gap="2px 8px"))
        box = W.VBox([controls, self._image, self._readout])
        box.add_class("echemlab-explorer")
        self._widget = box
        return box

    def _make_handler(self, p):
        def on_change(change):
            try:
                self.update(**{p.name: p.si(change["new"])})
            except Exception as exc:
                # Callback exceptions never show in a notebook: say it in the
                # readout, then re-raise so the kernel log (and tests) see it.
                self._readout.value = f"<b style='color:#D55E00'>Error: {exc}</b>"
                raise
            self._image.value = self.png()
            self._readout.value = self.readout(self.result)
        return on_change

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget()._repr_mimebundle_(include=include, exclude=exclude)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["image/png"] = base64.b64encode(self.png()).decode("ascii")
        return bundle
