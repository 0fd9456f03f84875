"""Slider-to-screen latency in a real browser: echemlab's explorer vs an ipympl reference.

Measures, in headless Chromium against JupyterLab and against Voila:

* one step: the time from one ArrowRight key press on the E0 slider (the
  keydown event's timestamp) to the first animation frame whose figure pixels
  differ (polled in-page with requestAnimationFrame, pixels hashed, times from
  performance.now()); median and p90 over ``--presses`` presses, each started
  from a settled figure;
* a burst of 10 presses as fast as the browser takes them (a fast drag): time
  from the first keydown to the last pixel change (1 s of quiet afterwards),
  and how many renders the kernel did for it (read from the readout).

Both notebooks are fixtures in tests/browser/fixtures: ``bench_explorer`` (the
course's OCVExplorer: Agg canvas, blitting, PNG in an ipywidgets.Image) and
``bench_ipympl`` (the same model and the same two panels on an ipympl figure,
``set_data`` + ``draw_idle``, constrained layout frozen after the first draw
as the explorer does). The ratio explorer/ipympl is taken within one run.

Usage::

    .venv/bin/python bench/browser_latency.py            # writes bench/results/browser_latency.md
    .venv/bin/python bench/browser_latency.py --presses 10 --bursts 1 --out -   # quick, print only
"""
import argparse
import importlib.util
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("echemlab_browser_harness",
                                               REPO / "tests" / "browser" / "harness.py")
H = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = H  # dataclasses look their module up
_spec.loader.exec_module(H)

TARGET_MS = 100.0  # COURSE.md: one slider step reaches the screen within 100 ms
SLIDER = ".echemlab-slider-E0 .noUi-handle"

#: In-page probe: window.__bench.measure(quietMs, timeoutMs) resolves once the figure has
#: changed and then stayed unchanged for quietMs; it reports the keydown times and the
#: frame times (performance.now()) at which the pixels changed.
JS_INSTALL = """
(root) => {
  const el = (root.tagName === 'IMG' || root.tagName === 'CANVAS') ? root
           : root.querySelector('img, canvas');
  const off = document.createElement('canvas');
  const octx = off.getContext('2d', {willReadFrequently: true});
  let lastSrc = null, lastImgHash = null;
  function fnv(ctx, w, h) {
    const px = new Uint32Array(ctx.getImageData(0, 0, w, h).data.buffer);
    let x = 2166136261 >>> 0;
    for (let i = 0; i < px.length; i++) x = Math.imul(x ^ px[i], 16777619) >>> 0;
    return x;
  }
  function hash() {
    if (el.tagName === 'IMG') {
      if (!el.complete || !el.naturalWidth) return null;       // new frame not decoded yet
      if (el.src === lastSrc) return lastImgHash;              // an <img> only changes with src
      if (off.width !== el.naturalWidth) off.width = el.naturalWidth;
      if (off.height !== el.naturalHeight) off.height = el.naturalHeight;
      octx.drawImage(el, 0, 0);
      lastSrc = el.src; lastImgHash = fnv(octx, off.width, off.height);
      return lastImgHash;
    }
    if (!el.width || !el.height) return null;
    if (!dirty) return lastCanvasHash;                         // nothing drew since last frame
    dirty = false;
    lastCanvasHash = fnv(ctx2d, el.width, el.height);
    return lastCanvasHash;
  }
  // A canvas (ipympl) changes only through its 2D context: mark it dirty on every drawing
  // call, so the probe hashes pixels only when something drew and costs the page nothing else.
  let dirty = true, lastCanvasHash = null, ctx2d = null;
  if (el.tagName === 'CANVAS') {
    ctx2d = el.getContext('2d');
    for (const m of ['drawImage', 'putImageData', 'fillRect', 'clearRect', 'fill', 'stroke']) {
      const orig = ctx2d[m].bind(ctx2d);
      ctx2d[m] = (...args) => { dirty = true; return orig(...args); };
    }
    new ResizeObserver(() => { dirty = true; }).observe(el);
  }
  const B = window.__bench = {armed: false, keys: [], tag: el.tagName};
  document.addEventListener('keydown', (e) => { if (B.armed) B.keys.push(e.timeStamp); }, true);
  B.measure = (quietMs, timeoutMs) => new Promise((resolve) => {
    let last = hash();
    const changes = [], start = performance.now();
    B.keys = []; B.armed = true;
    function tick() {
      const h = hash(), t = performance.now();
      if (h !== null && h !== last) { changes.push(t); last = h; }
      const quiet = changes.length && t - changes[changes.length - 1] > quietMs;
      if (quiet || t - start > timeoutMs) {
        B.armed = false;
        resolve({keys: B.keys, changes, timeout: !quiet});
        return;
      }
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
  return el.tagName;
}
"""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def _state(explorer):
    """(E0, renders, full redraws or None) as printed by the bench notebooks' readout."""
    text = explorer.locator(".bench-state").inner_text()
    m = re.search(r"E0=([\d.]+)\s+renders=(\d+)(?:\s+full=(\d+))?", text)
    return float(m.group(1)), int(m.group(2)), (int(m.group(3)) if m.group(3) else None)


def _measure(page, handle, presses, quiet_ms, timeout_ms=15000):
    page.evaluate(f"() => {{ window.__bench.p = window.__bench.measure({quiet_ms}, {timeout_ms}); }}")
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    res = page.evaluate("() => window.__bench.p")
    if res["timeout"] or not res["keys"] or not res["changes"]:
        return None
    return res


def _wait_caught_up(explorer, handle, timeout=15.0):
    """Wait until the kernel's state (readout) matches the slider; returns (E0, renders)."""
    deadline = time.monotonic() + timeout
    while True:
        e0, renders, _ = _state(explorer)
        want = H.slider_value(handle)
        if abs(e0 - want) < 5e-3 or time.monotonic() > deadline:
            return e0, renders, want
        explorer.page.wait_for_timeout(100)


def run_config(browser, server, sandbox, frontend, backend, presses, bursts, warmup=3):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(H.WIDGET_TIMEOUT * 1000)
    page = context.new_page()
    iopub = H.IopubMonitor().attach(page)
    served = f"fixtures/bench_{backend}.ipynb"
    t_open = time.monotonic()
    try:
        if frontend == "lab":
            H.lab_open_and_run(page, server, served, f"bench-{backend}")
        else:
            H.voila_open(page, server, served)
        bad = H.wait_widgets_rendered(page)
        if bad:
            raise RuntimeError(f"{frontend}/{backend}: widgets not rendered: {bad}")
        explorer = page.locator(".echemlab-explorer").first
        info = H.wait_figure(explorer)
        if not info.get("ok"):
            raise RuntimeError(f"{frontend}/{backend}: figure not rendered: {info}")
        page.evaluate(JS_INSTALL, H.figure_locator(explorer).element_handle())
        t_ready = time.monotonic()
        handle = explorer.locator(SLIDER)
        handle.focus()
        page.wait_for_timeout(500)

        singles, n_frames, full_steps, misses = [], [], [], 0
        full_before = _state(explorer)[2]
        for i in range(warmup + presses):
            res = _measure(page, handle, 1, quiet_ms=300)
            full_after = _state(explorer)[2]
            if res is None:
                misses += 1
            elif i >= warmup:
                singles.append(res["changes"][0] - res["keys"][0])
                n_frames.append(len(res["changes"]))
                # explorer: did this step redraw everything (axis limits moved) or blit?
                full_steps.append(None if full_after is None else full_after != full_before)
            full_before = full_after

        t_singles = time.monotonic()
        burst_rows = []
        for _ in range(bursts):
            _, r0, _ = _wait_caught_up(explorer, handle)
            res = _measure(page, handle, 10, quiet_ms=1000, timeout_ms=30000)
            e0, r1, want = _wait_caught_up(explorer, handle)
            if res is None:
                misses += 1
                continue
            burst_rows.append({
                "settle_ms": res["changes"][-1] - res["keys"][0],
                "after_last_key_ms": res["changes"][-1] - res["keys"][-1],
                "keys_span_ms": res["keys"][-1] - res["keys"][0],
                "n_keys": len(res["keys"]),
                "renders": r1 - r0,
                "frames": len(res["changes"]),
                "final_ok": abs(e0 - want) < 5e-3,
            })
            page.wait_for_timeout(300)
        log(f"  {frontend}/{backend}: open {t_ready - t_open:.1f} s, {warmup + presses} presses "
            f"{t_singles - t_ready:.1f} s, {bursts} bursts {time.monotonic() - t_singles:.1f} s")
        return {"frontend": frontend, "backend": backend, "tag": info.get("tag"),
                "singles": singles, "frames_per_step": n_frames, "full_steps": full_steps,
                "bursts": burst_rows,
                "misses": misses, "callback_errors": iopub.report(iopub.errors)}
    finally:
        context.close()
        server.shutdown_kernels()


def _q(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def machine_facts():
    facts = {"nproc": os.cpu_count(), "chromium": H.chromium_version(),
             "python": platform.python_version(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as fh:
            m = re.search(r"model name\s*:\s*(.+)", fh.read())
        facts["cpu"] = m.group(1).strip() if m else "?"
    except OSError:
        facts["cpu"] = "?"
    facts["loadavg"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    for pkg in ("jupyterlab", "ipywidgets", "ipympl", "voila", "matplotlib", "playwright"):
        try:
            facts[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            facts[pkg] = "-"
    return facts


def report(results, facts, args):
    by = {(r["frontend"], r["backend"]): r for r in results}
    fronts = [f for f in ("lab", "voila") if any(k[0] == f for k in by)]
    names = {"lab": "JupyterLab", "voila": "Voila"}

    def cell(front, backend, fn):
        r = by.get((front, backend))
        return fn(r) if r else "-"

    med = lambda r: f"{statistics.median(r['singles']):.0f} ms" if r["singles"] else "n/a"
    p90 = lambda r: f"{_q(r['singles'], 0.9):.0f} ms" if r["singles"] else "n/a"
    bset = lambda r: (f"{statistics.median([b['settle_ms'] for b in r['bursts']]):.0f} ms"
                      if r["bursts"] else "n/a")
    brend = lambda r: (" / ".join(str(b["renders"]) for b in r["bursts"]) or "n/a")

    def ratio(front):
        a, b = by.get((front, "explorer")), by.get((front, "ipympl"))
        if not (a and b and a["singles"] and b["singles"]):
            return "-"
        return f"{statistics.median(a['singles']) / statistics.median(b['singles']):.2f}"

    def bratio(front):
        a, b = by.get((front, "explorer")), by.get((front, "ipympl"))
        if not (a and b and a["bursts"] and b["bursts"]):
            return "-"
        ma = statistics.median([x["settle_ms"] for x in a["bursts"]])
        mb = statistics.median([x["settle_ms"] for x in b["bursts"]])
        return f"{ma / mb:.2f}"

    head = "| | " + " | ".join(names[f] for f in fronts) + " |"
    sep = "|---|" + "---|" * len(fronts)
    within = lambda r: (f"{sum(x <= TARGET_MS for x in r['singles']) / len(r['singles']):.0%}"
                        if r["singles"] else "n/a")
    rows = [
        ("explorer (Image PNG, blit): one step, median", "explorer", med),
        ("explorer: one step, p90", "explorer", p90),
        (f"explorer: steps on screen within {TARGET_MS:.0f} ms", "explorer", within),
        ("ipympl reference: one step, median", "ipympl", med),
        ("ipympl reference: one step, p90", "ipympl", p90),
        (f"ipympl: steps on screen within {TARGET_MS:.0f} ms", "ipympl", within),
    ]
    lines = ["# Slider-to-screen latency in a real browser", "",
             "Produced by `bench/browser_latency.py` (rerun to refresh). One ArrowRight key press "
             "on the E0 slider of the chapter-01 OCV explorer (two panels, 600-point curves), "
             "from the keydown event to the first animation frame with changed figure pixels; "
             f"{args.presses} presses after {3} warm-up presses, each from a settled figure. "
             "Burst: 10 presses as fast as Playwright sends them (a fast drag), from the first "
             "keydown to the last pixel change; renders = renders the kernel did for the burst "
             "(explorer `n_renders`, ipympl `draw_event`s), one value per burst.", "",
             f"Course target (COURSE.md): one step on screen within {TARGET_MS:.0f} ms.", "",
             head, sep]
    for label, backend, fn in rows:
        lines.append(f"| {label} | " + " | ".join(cell(f, backend, fn) for f in fronts) + " |")
    lines.append("| ratio explorer / ipympl, one step (median) | "
                 + " | ".join(ratio(f) for f in fronts) + " |")
    lines.append("| explorer: burst of 10, to settle (median) | "
                 + " | ".join(cell(f, "explorer", bset) for f in fronts) + " |")
    lines.append("| ipympl: burst of 10, to settle (median) | "
                 + " | ".join(cell(f, "ipympl", bset) for f in fronts) + " |")
    lines.append("| ratio explorer / ipympl, burst | " + " | ".join(bratio(f) for f in fronts) + " |")
    lines.append("| explorer: kernel renders per burst of 10 | "
                 + " | ".join(cell(f, "explorer", brend) for f in fronts) + " |")
    lines.append("| ipympl: kernel renders per burst of 10 | "
                 + " | ".join(cell(f, "ipympl", brend) for f in fronts) + " |")
    busy = [float(x) for x in facts["loadavg"].split()[:1]] + [float(x) for x in
                                                                facts.get("loadavg_end", "0").split()[:1]]
    verdict = []
    for f in fronts:
        r = by.get((f, "explorer"))
        if r and r["singles"]:
            m = statistics.median(r["singles"])
            verdict.append(f"{names[f]}: explorer median {m:.0f} ms "
                           f"{'meets' if m <= TARGET_MS else 'MISSES'} the {TARGET_MS:.0f} ms target")
    lines += ["", "Verdict: " + "; ".join(verdict) + ".", ""]
    if max(busy) > (facts["nproc"] or 1):
        lines += [f"Note: the machine was busy (1-min load average {max(busy):.1f} on "
                  f"{facts['nproc']} cores, other jobs running), which inflates every absolute "
                  "number; the explorer/ipympl ratios, measured in the same run, are the robust "
                  "result. Rerun on a quiet machine for the absolute latencies.", ""]
    notes = []
    for r in results:
        key = f"{names[r['frontend']]}/{r['backend']}"
        if r["misses"]:
            notes.append(f"- {key}: {r['misses']} measurement(s) timed out and were dropped.")
        if any(n > 1 for n in r["frames_per_step"]):
            notes.append(f"- {key}: some single steps changed the pixels more than once "
                         f"(frames per step: max {max(r['frames_per_step'])}); "
                         "latency is to the first change.")
        full = [x for x, f in zip(r["singles"], r["full_steps"], strict=True) if f]
        blit = [x for x, f in zip(r["singles"], r["full_steps"], strict=True) if f is False]
        if full and blit:
            notes.append(f"- {key}: {len(full)} of {len(r['singles'])} steps needed a full redraw "
                         "(axis limits moved: the U axis follows E0 in 0.1 V steps); median "
                         f"{statistics.median(blit):.0f} ms for blitted steps, "
                         f"{statistics.median(full):.0f} ms for full redraws.")
        if r["bursts"]:
            keys = statistics.median([b["keys_span_ms"] for b in r["bursts"]])
            tail = statistics.median([b["after_last_key_ms"] for b in r["bursts"]])
            notes.append(f"- {key}: burst keys span {keys:.0f} ms; last pixel change "
                         f"{tail:.0f} ms after the last key (median).")
            if not all(b["final_ok"] for b in r["bursts"]):
                notes.append(f"- {key}: a burst ended with the kernel state != slider value!")
        if r["callback_errors"]:
            notes.append(f"- {key}: kernel errors during the run:\n\n```\n{r['callback_errors']}\n```")
    if notes:
        lines += ["Details:", ""] + notes + [""]
    lines += ["Machine:", ""] + [f"- {k}: {v}" for k, v in facts.items()] + [""]
    return "\n".join(lines)


def record_summary(results):
    """Rows for the targets table of BENCHMARKS.md (bench/summary.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import summary
    by = {(r["frontend"], r["backend"]): r for r in results if r["singles"]}
    rows = []
    for front, label in (("lab", "JupyterLab"), ("voila", "Voila")):
        ex, ref = by.get((front, "explorer")), by.get((front, "ipympl"))
        if not ex:
            continue
        m = statistics.median(ex["singles"])
        note = (f"ipympl on the same figure: {statistics.median(ref['singles']):.0f} ms" if ref else "")
        rows.append(summary.row(f"slider step to screen in a real browser ({label}), median",
                                f"{m:.0f} ms", f"<= {TARGET_MS:.0f} ms", m <= TARGET_MS, note))
    summary.record("browser", rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--presses", type=int, default=30)
    ap.add_argument("--bursts", type=int, default=3)
    ap.add_argument("--frontends", default="lab,voila")
    ap.add_argument("--backends", default="explorer,ipympl")
    ap.add_argument("--out", default=str(REPO / "bench" / "results" / "browser_latency.md"),
                    help="markdown output path, '-' for stdout only")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    facts = machine_facts()
    results = []
    with tempfile.TemporaryDirectory(prefix="echemlab-bench-") as tmp:
        sandbox = H.Sandbox(Path(tmp))
        with sync_playwright() as pw:
            browser = H.launch_chromium(pw)
            try:
                for frontend in args.frontends.split(","):
                    with H.JupyterServer(sandbox, frontend) as server:
                        for backend in args.backends.split(","):
                            t0 = time.monotonic()
                            r = run_config(browser, server, sandbox, frontend, backend,
                                           args.presses, args.bursts)
                            results.append(r)
                            med = statistics.median(r["singles"]) if r["singles"] else float("nan")
                            print(f"{frontend:6s} {backend:9s} median {med:6.1f} ms  "
                                  f"bursts {[round(b['settle_ms']) for b in r['bursts']]} ms  "
                                  f"renders {[b['renders'] for b in r['bursts']]}  "
                                  f"({time.monotonic() - t0:.0f} s)", file=sys.stderr)
            finally:
                browser.close()
    facts["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(results, facts, args)
    print(text)
    if args.out != "-":
        record_summary(results)
    if args.out != "-":
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
