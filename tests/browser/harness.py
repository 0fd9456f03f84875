"""Shared helpers for the real-browser tests and ``bench/browser_latency.py``.

* :class:`Sandbox` - a temp directory holding a COPY of the notebooks (the
  repo is never served, so nothing can rewrite it) plus isolated Jupyter
  config/data/runtime/settings/workspace dirs and a kernelspec pinned to this
  interpreter (the venv's python).
* :class:`JupyterServer` - JupyterLab or Voila on 127.0.0.1, a free port and a
  random token; stopped with SIGTERM, then remembered children are killed.
* :func:`launch_chromium` - Debian Chromium driven by Playwright (never
  ``playwright install``).
* :class:`IopubMonitor` - decodes the kernel websocket frames the page
  receives and keeps iopub ``error`` messages and stderr tracebacks. Widget
  callback exceptions only ever travel this way: the notebook never shows them.
* page helpers for JupyterLab (open, Run All, read the executed notebook) and
  for explorers (figure pixel hash, slider key press).

Playwright is imported lazily, so importing this module (pytest
``--doctest-modules``) needs nothing beyond the standard library.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
DASHBOARDS = REPO / "dashboards"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts" / "browser"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: seconds; a 2-core machine running other jobs can be slow, failures are not
SERVER_START_TIMEOUT = float(os.environ.get("ECHEMLAB_BROWSER_SERVER_TIMEOUT", 90))
RUN_ALL_TIMEOUT = float(os.environ.get("ECHEMLAB_BROWSER_RUN_TIMEOUT", 300))
WIDGET_TIMEOUT = float(os.environ.get("ECHEMLAB_BROWSER_WIDGET_TIMEOUT", 45))

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text):
    """Remove terminal colour codes from a traceback.

    >>> strip_ansi("\\x1b[0;31mValueError\\x1b[0m: bad")
    'ValueError: bad'
    """
    return _ANSI.sub("", text)


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def strip_outputs(path):
    """Clear outputs, execution counts and saved widget state of a notebook file in place.

    The tests clear outputs before Run All anyway; without the saved outputs (images,
    LaTeX, stale widget views) JupyterLab opens a lecture several seconds faster.
    """
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------
# isolated Jupyter environment with a copy of the notebooks
# --------------------------------------------------------------------------------------
_LAB_SETTINGS = {
    # never write the notebook under test (we serve a copy anyway)
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # no "would you like news?" toast, no update check (offline machine)
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # render every cell, so every widget view exists in the DOM (JupyterLab 4 virtualizes by default)
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
}


class Sandbox:
    """Temp root with copies of ``notebooks/``, ``dashboards/`` and the fixtures, and isolated
    Jupyter dirs.

    Served paths are ``notebooks/<name>.ipynb``, ``dashboards/<name>.ipynb`` and
    ``fixtures/<name>.ipynb``; :meth:`add` puts a generated notebook (a filled-in homework) in.
    """

    def __init__(self, base: Path):
        self.base = Path(base)
        self.root = self.base / "root"
        self.root.mkdir(parents=True, exist_ok=True)
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*-Copy*.ipynb")
        for folder in (NOTEBOOKS, DASHBOARDS):
            if folder.is_dir():
                shutil.copytree(folder, self.root / folder.name, ignore=ignore, dirs_exist_ok=True)
        shutil.copytree(FIXTURES, self.root / "fixtures", ignore=ignore, dirs_exist_ok=True)
        for nb in self.root.rglob("*.ipynb"):
            strip_outputs(nb)
        self.dirs = {name: self.base / name for name in
                     ("config", "data", "runtime", "lab-settings", "workspaces", "ipython",
                      "checkpoints", "logs")}
        for d in self.dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        self._write_kernelspec()
        self._write_lab_settings()

    def _write_kernelspec(self):
        # Pinned to this interpreter. JUPYTER_PREFER_ENV_PATH=0 (see env) makes this user-level
        # data dir win over the venv's own share/jupyter, whose spec says just "python".
        kdir = self.dirs["data"] / "kernels" / "python3"
        kdir.mkdir(parents=True, exist_ok=True)
        spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (ipykernel)", "language": "python",
                "metadata": {"debugger": True}}
        (kdir / "kernel.json").write_text(json.dumps(spec, indent=1))

    def _write_lab_settings(self):
        for plugin, values in _LAB_SETTINGS.items():
            path = self.dirs["lab-settings"] / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=1))

    def env(self):
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.dirs["config"]),
            "JUPYTER_DATA_DIR": str(self.dirs["data"]),
            "JUPYTER_RUNTIME_DIR": str(self.dirs["runtime"]),
            "JUPYTERLAB_SETTINGS_DIR": str(self.dirs["lab-settings"]),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.dirs["workspaces"]),
            "IPYTHONDIR": str(self.dirs["ipython"]),
            "JUPYTER_PREFER_ENV_PATH": "0",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PYTHONUNBUFFERED": "1",
        })
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_TOKEN", None)
        return env

    def notebook_path(self, source: Path):
        """Served (URL) path of a repo notebook (notebooks/, dashboards/) or fixture."""
        source = Path(source).resolve()
        if source.parent == FIXTURES:
            return f"fixtures/{source.name}"
        return source.relative_to(REPO).as_posix()

    def add(self, served_path, nb_json):
        """Write a notebook (JSON dict) into the served root; returns its served path."""
        path = self.root / served_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(nb_json, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return served_path


# --------------------------------------------------------------------------------------
# servers
# --------------------------------------------------------------------------------------
def _proc_table():
    """{pid: (ppid, start time)} from /proc (Linux)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().decode(errors="replace").rsplit(")", 1)[1].split()
            table[int(entry)] = (int(fields[1]), int(fields[19]))
        except (OSError, IndexError, ValueError):
            continue
    return table


def _children(pid):
    """{pid: start time} of every descendant of ``pid``."""
    table = _proc_table()
    kids = {}
    for child, (ppid, _) in table.items():
        kids.setdefault(ppid, []).append(child)
    out, todo = {}, [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            out[child] = table[child][1]
            todo.append(child)
    return out


class JupyterServer:
    """A JupyterLab (``kind="lab"``) or Voila (``kind="voila"``) server on the sandbox root."""

    def __init__(self, sandbox: Sandbox, kind="lab", extra_args=()):
        self.sandbox, self.kind = sandbox, kind
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = sandbox.dirs["logs"] / f"{kind}-{self.port}.log"
        cp = f"--FileCheckpoints.checkpoint_dir={sandbox.dirs['checkpoints']}"
        if kind == "lab":
            cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={sandbox.root}", "--ServerApp.open_browser=False",
                   "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
                   "--ServerApp.terminals_enabled=False", cp]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                cmd.append("--allow-root")
        elif kind == "voila":
            cmd = [sys.executable, "-m", "voila", str(sandbox.root), "--no-browser",
                   f"--port={self.port}", "--Voila.ip=127.0.0.1", f"--token={self.token}",
                   "--show_tracebacks=True", cp]
        else:
            raise ValueError(kind)
        cmd += list(extra_args)
        self.cmd = cmd
        self.proc = None
        self._remembered = {}  # pid -> start time, so a recycled pid is never killed

    def url(self, path, **query):
        query = {"token": self.token, **query}
        qs = "&".join(f"{k}={v}" if v is not None else k for k, v in query.items())
        return f"{self.base_url}/{path.lstrip('/')}?{qs}"

    def start(self):
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.cmd, cwd=self.sandbox.root, env=self.sandbox.env(),
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        probe = "api/status" if self.kind == "lab" else ""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} server exited with {self.proc.returncode}:\n"
                                   + self.log_tail())
            try:
                urllib.request.urlopen(self.url(probe), timeout=5)
                return self
            except urllib.error.HTTPError as exc:  # it answers: good enough (voila root is 200 or 404)
                if exc.code < 500:
                    return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise TimeoutError(f"{self.kind} did not answer within {SERVER_START_TIMEOUT:.0f} s:\n"
                           + self.log_tail())

    def remember_children(self):
        """Record the server's descendants (kernels) so stop() can kill stragglers."""
        if self.proc is not None and self.proc.poll() is None:
            self._remembered.update(_children(self.proc.pid))

    def api(self, method, path, body=None):
        req = urllib.request.Request(self.url(path), method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            data = resp.read()
        return json.loads(data) if data else None

    def shutdown_kernels(self):
        """JupyterLab: delete every session (shuts its kernel down). Keeps the 2 cores free."""
        if self.kind != "lab":
            return
        self.remember_children()
        try:
            for s in self.api("GET", "api/sessions"):
                self.api("DELETE", f"api/sessions/{s['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def stop(self):
        if self.proc is None:
            return
        self.remember_children()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # shuts its kernels down
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        alive = _proc_table()
        for pid, started in sorted(self._remembered.items()):
            if alive.get(pid, (None, None))[1] != started:
                continue  # gone (the usual case: SIGTERM shut the kernels down)
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self._log.close()
        self.proc = None

    def log_tail(self, n=60):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --------------------------------------------------------------------------------------
# browser
# --------------------------------------------------------------------------------------
def launch_chromium(playwright, user_data_dir=None):
    """Headless Debian Chromium. Returns a Browser (or a persistent BrowserContext
    when ``user_data_dir`` is given)."""
    if user_data_dir is not None:
        return playwright.chromium.launch_persistent_context(
            str(user_data_dir), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def chromium_version():
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --------------------------------------------------------------------------------------
# kernel messages seen by the page
# --------------------------------------------------------------------------------------
def decode_kernel_frame(payload):
    """Decode one kernel websocket frame into ``(channel, header, parent_header, content)``.

    Handles the v1 binary protocol (``v1.kernel.websocket.jupyter.org``), the
    legacy JSON text frames and the legacy binary frames (JSON + buffers).
    Returns None for anything else.

    >>> msg = {"channel": "iopub", "header": {"msg_type": "error"}, "parent_header": {},
    ...        "content": {"ename": "E"}}
    >>> decode_kernel_frame(json.dumps(msg))[0:2]
    ('iopub', {'msg_type': 'error'})
    >>> parts = [b'iopub', b'{"msg_type": "stream"}', b'{}', b'{}', b'{"name": "stderr"}']
    >>> n = len(parts) + 1
    >>> offs = [8 * (n + 1)]
    >>> for p in parts: offs.append(offs[-1] + len(p))
    >>> frame = b"".join([n.to_bytes(8, "little")] + [o.to_bytes(8, "little") for o in offs] + parts)
    >>> decode_kernel_frame(frame)[3]
    {'name': 'stderr'}
    """
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            return (msg.get("channel"), msg.get("header", {}), msg.get("parent_header", {}),
                    msg.get("content", {}))
        data = bytes(payload)
        if len(data) >= 16:
            n = int.from_bytes(data[:8], "little")
            if 3 <= n <= 10_000 and len(data) >= 8 * (n + 1):
                offs = [int.from_bytes(data[8 * (i + 1):8 * (i + 2)], "little") for i in range(n)]
                if offs[0] == 8 * (n + 1) and offs == sorted(offs) and offs[-1] <= len(data):
                    parts = [data[offs[i]:offs[i + 1]] for i in range(n - 1)]
                    if len(parts) >= 5:
                        return (parts[0].decode(), json.loads(parts[1]), json.loads(parts[2]),
                                json.loads(parts[4]))
        if len(data) >= 8:  # legacy: uint32 BE nbufs, offsets, JSON message, buffers
            nbufs = int.from_bytes(data[:4], "big")
            if 1 <= nbufs <= 10_000:
                start = int.from_bytes(data[4:8], "big")
                stop = int.from_bytes(data[8:12], "big") if nbufs > 1 else len(data)
                msg = json.loads(data[start:stop])
                return (msg.get("channel"), msg.get("header", {}), msg.get("parent_header", {}),
                        msg.get("content", {}))
    except (ValueError, UnicodeDecodeError):
        return None
    return None


@dataclass
class KernelError:
    msg_type: str          # "error" or "stream"
    parent_msg_type: str   # "comm_msg" for widget callbacks, "execute_request" for cells
    text: str

    @property
    def from_callback(self):
        return self.parent_msg_type not in ("execute_request", "inspect_request",
                                            "complete_request")

    def __str__(self):
        return f"[{self.msg_type} after {self.parent_msg_type}]\n{self.text}"


@dataclass
class IopubMonitor:
    """Watches every kernel websocket of a page (attach before navigating)."""

    errors: list = field(default_factory=list)
    n_frames: int = 0
    n_decoded: int = 0
    n_idle: int = 0        # iopub 'status: idle' messages: the kernel finished a request
    sockets: list = field(default_factory=list)

    def attach(self, page):
        page.on("websocket", self._on_socket)
        return self

    def clear(self):
        self.errors.clear()
        self.sockets.clear()
        self.n_frames = self.n_decoded = self.n_idle = 0

    def _on_socket(self, ws):
        if "/api/kernels/" not in ws.url:
            return
        self.sockets.append(ws.url)
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload):
        self.n_frames += 1
        msg = decode_kernel_frame(payload)
        if msg is None:
            return
        self.n_decoded += 1
        channel, header, parent, content = msg
        if channel not in (None, "iopub"):
            return
        mtype = header.get("msg_type")
        ptype = (parent or {}).get("msg_type", "?")
        if mtype == "status" and content.get("execution_state") == "idle":
            self.n_idle += 1
        elif mtype == "error":
            text = "\n".join(content.get("traceback") or []) or \
                f"{content.get('ename')}: {content.get('evalue')}"
            self.errors.append(KernelError("error", ptype, strip_ansi(text)))
        elif mtype == "stream" and content.get("name") == "stderr" and \
                "Traceback" in content.get("text", ""):
            self.errors.append(KernelError("stream", ptype, strip_ansi(content["text"])))

    @property
    def callback_errors(self):
        """Errors not caused by running a cell: widget callbacks, comm handlers."""
        return [e for e in self.errors if e.from_callback]

    def report(self, errors=None):
        errors = self.callback_errors if errors is None else errors
        return "\n\n".join(str(e) for e in errors)


# --------------------------------------------------------------------------------------
# in-page JavaScript
# --------------------------------------------------------------------------------------
#: Pixel summary of an <img> or <canvas> (or the first one inside the element):
#: FNV-1a hash over all RGBA words, number of distinct colours (capped), size.
JS_FIGURE_INFO = """
(root) => {
  const el = (root.tagName === 'IMG' || root.tagName === 'CANVAS') ? root
           : root.querySelector('img, canvas');
  if (!el) return {ok: false, why: 'no img/canvas'};
  let w, h, ctx;
  if (el.tagName === 'IMG') {
    if (!el.complete || !el.naturalWidth) return {ok: false, why: 'image not loaded', src: el.src};
    w = el.naturalWidth; h = el.naturalHeight;
    const c = document.createElement('canvas'); c.width = w; c.height = h;
    ctx = c.getContext('2d', {willReadFrequently: true}); ctx.drawImage(el, 0, 0);
  } else {
    w = el.width; h = el.height;
    if (!w || !h) return {ok: false, why: 'canvas is 0x0'};
    ctx = el.getContext('2d');
  }
  const px = new Uint32Array(ctx.getImageData(0, 0, w, h).data.buffer);
  let hash = 2166136261 >>> 0;
  const distinct = new Set();
  for (let i = 0; i < px.length; i++) {
    hash = Math.imul(hash ^ px[i], 16777619) >>> 0;
    if (distinct.size < 64) distinct.add(px[i]);
  }
  return {ok: true, tag: el.tagName, width: w, height: h, hash: hash, distinct: distinct.size,
          src: el.tagName === 'IMG' ? el.src : null};
}
"""

#: JupyterLab: wait for the app; open the notebook at ``path`` unless already open (the
#: docmanager:open command, as the file browser does); wait until its kernel is ready.
JS_LAB_OPEN = """
async ([path, open]) => {
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  while (!window.jupyterapp) await sleep(100);
  const app = window.jupyterapp;
  await app.started; await app.restored;
  const find = () => Array.from(app.shell.widgets('main'))
                          .find(w => w.context && w.context.path === path);
  let panel = find();
  if (!panel && open) {
    await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  }
  while (!(panel = find())) await sleep(100);
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  if (app.shell.collapseLeft) app.shell.collapseLeft();
  window.__panel = panel;
  return panel.sessionContext.session ? panel.sessionContext.session.kernel.name : null;
}
"""

#: JupyterLab: close every main-area widget without saving (no dialog).
JS_LAB_CLOSE_ALL = """
() => {
  const app = window.jupyterapp;
  if (!app) return 0;
  let n = 0;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.model) w.context.model.dirty = false;
    w.dispose(); n++;
  }
  window.__panel = null; window.__runAll = null;
  return n;
}
"""

#: JupyterLab: is the app usable (loaded, no modal dialog left over)?
JS_LAB_HEALTHY = "() => !!window.jupyterapp && !document.querySelector('.jp-Dialog')"

#: JupyterLab: clear outputs, then Run All (the menu's command); sets window.__runAll.
JS_LAB_RUN_ALL = """
async () => {
  const app = window.jupyterapp, panel = window.__panel;
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  const sc = panel.sessionContext;
  while (!sc.session || !sc.session.kernel || sc.session.kernel.connectionStatus !== 'connected'
         || sc.session.kernel.status !== 'idle') await sleep(100);
  window.__runAll = {done: false, ok: null, error: null};
  app.shell.activateById(panel.id);
  await app.commands.execute('notebook:clear-all-cell-outputs');
  app.commands.execute('notebook:run-all-cells').then(async (ok) => {
    while (sc.session.kernel.status !== 'idle') await sleep(50);
    window.__runAll.ok = ok; window.__runAll.done = true;
  }, (err) => { window.__runAll.error = String(err); window.__runAll.done = true; });
}
"""

JS_LAB_NOTEBOOK_JSON = "() => window.__panel.content.model.toJSON()"

#: JupyterLab: run code in the notebook's kernel, return its stdout.
JS_LAB_KERNEL_EXEC = """
async (code) => {
  const kernel = window.__panel.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += 'ERROR: ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return out;
}
"""

#: How much taller the viewport must be to show everything without scrolling: JupyterLab and
#: Voila both scroll inside a div, so Playwright's full_page alone shows one screen. Also
#: scrolls every such div back to the top.
JS_EXTRA_HEIGHT = """
() => {
  let extra = 0;
  for (const el of document.querySelectorAll('*')) {
    const oy = getComputedStyle(el).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 1
        && el.clientHeight > 100) {
      extra = Math.max(extra, el.scrollHeight - el.clientHeight);
      el.scrollTop = 0;
    }
  }
  window.scrollTo(0, 0);
  return extra;
}
"""

WIDGET_PROBLEM_TEXT = ("Loading widget", "Error displaying widget")


# --------------------------------------------------------------------------------------
# page helpers
# --------------------------------------------------------------------------------------
def lab_open_and_run(page, server, served_path, workspace=None):
    """Open ``served_path`` in JupyterLab, Run All, wait until the kernel is idle.

    With ``workspace``, navigate to a fresh workspace showing the notebook; without, the
    page must already show JupyterLab (see :class:`LabApp`) and the notebook is opened
    with the docmanager. The session is created through the REST API first, so the kernel
    starts while the front end opens the document (JupyterLab reuses a session found for
    the path). Returns (kernel name, executed notebook JSON)."""
    name = served_path.rsplit("/", 1)[-1]
    server.api("POST", "api/sessions", {"path": served_path, "name": name, "type": "notebook",
                                        "kernel": {"name": "python3"}})
    if workspace is not None:
        page.goto(server.url(f"lab/workspaces/{workspace}/tree/{served_path}"),
                  wait_until="commit")
        page.wait_for_function("() => !!window.jupyterapp", timeout=SERVER_START_TIMEOUT * 1000)
    kernel = page.evaluate(JS_LAB_OPEN, [served_path, workspace is None])
    page.evaluate(JS_LAB_RUN_ALL)
    page.wait_for_function("() => window.__runAll && window.__runAll.done",
                           timeout=RUN_ALL_TIMEOUT * 1000, polling=200)
    state = page.evaluate("() => window.__runAll")
    if state.get("error"):
        raise AssertionError(f"Run All failed in the front end: {state['error']}")
    return kernel, page.evaluate(JS_LAB_NOTEBOOK_JSON)


class LabApp:
    """One JupyterLab page reused for a series of notebooks: the app loads once (~4 s saved
    per notebook), each notebook is opened, run, checked, then closed and its kernel shut
    down. The page is rebuilt on request (after a failure) or when it looks unhealthy."""

    def __init__(self, browser, server, viewport=None):
        self.browser, self.server = browser, server
        self.viewport = viewport or {"width": 1400, "height": 1000}
        self.context = self.page = None
        self.iopub = IopubMonitor()
        self.console_errors = []

    def page_ready(self, fresh=False):
        """The JupyterLab page, (re)built if needed; clears the iopub and console logs."""
        if self.page is not None and not fresh:
            try:
                fresh = not self.page.evaluate(JS_LAB_HEALTHY)
            except Exception:  # noqa: BLE001 - crashed or closed page: rebuild it
                fresh = True
        if self.page is None or fresh:
            self.close()
            self.context = self.browser.new_context(viewport=self.viewport)
            self.context.set_default_timeout(WIDGET_TIMEOUT * 1000)
            self.page = self.context.new_page()
            self.iopub = IopubMonitor().attach(self.page)
            self.page.on("console", lambda m: self.console_errors.append(m.text)
                         if m.type == "error" else None)
            self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
            self.page.goto(self.server.url(f"lab/workspaces/t{secrets.token_hex(4)}"),
                           wait_until="commit")
            self.page.wait_for_function("() => !!window.jupyterapp",
                                        timeout=SERVER_START_TIMEOUT * 1000)
            self.page.evaluate("async () => { await jupyterapp.started; await jupyterapp.restored; }")
            self.page.evaluate(JS_LAB_CLOSE_ALL)  # the launcher
        self.iopub.clear()
        self.console_errors.clear()
        return self.page

    def close_notebooks(self):
        try:
            if self.page is not None:
                self.page.evaluate(JS_LAB_CLOSE_ALL)
        except Exception:  # noqa: BLE001 - a broken page is rebuilt next time
            self.close()
        self.server.shutdown_kernels()

    def close(self):
        if self.context is not None:
            try:
                self.context.close()
            except Exception:  # noqa: BLE001
                pass
        self.context = self.page = None


def notebook_problems(nb_json):
    """Error outputs, stderr tracebacks and unexecuted code cells of an executed notebook.
    Cells tagged ``raises-exception`` may raise.

    >>> nb = {"cells": [{"cell_type": "code", "source": "1/0", "execution_count": 1,
    ...   "metadata": {}, "outputs": [{"output_type": "error", "ename": "ZeroDivisionError",
    ...   "evalue": "division by zero", "traceback": []}]}]}
    >>> notebook_problems(nb)
    ['cell 0: ZeroDivisionError: division by zero\\n']
    """
    problems = []
    for i, cell in enumerate(nb_json.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source")
        src = "".join(src) if isinstance(src, list) else (src or "")
        tags = cell.get("metadata", {}).get("tags", [])
        if not src.strip():
            continue
        if cell.get("execution_count") is None:
            problems.append(f"cell {i} was not executed (Run All stopped?): {src[:80]!r}")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and "raises-exception" not in tags:
                tb = strip_ansi("\n".join(out.get("traceback", [])))
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}\n{tb}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text")
                text = "".join(text) if isinstance(text, list) else text
                if "Traceback" in text:
                    problems.append(f"cell {i}: traceback on stderr\n{strip_ansi(text)}")
    return problems


def count_widget_outputs(nb_json):
    """(widget views, explorers) among the outputs. An explorer's display bundle carries a
    widget view AND a static image/png (Explorer._repr_mimebundle_); other widgets don't."""
    views = explorers = 0
    for cell in nb_json.get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                views += 1
                if "image/png" in data:
                    explorers += 1
    return views, explorers


def dom_tracebacks(page):
    """Tracebacks shown as stderr/error outputs in the page (JupyterLab and Voila)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
        .map(e => e.innerText).filter(t => t.includes('Traceback'))""")


def wait_widgets_rendered(page, timeout=WIDGET_TIMEOUT):
    """Wait until no widget view says 'Loading widget...' / 'Error displaying widget'.
    Returns the remaining problem texts (empty when all rendered)."""
    js = """(needles) => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
        .map(e => e.innerText).filter(t => needles.some(n => t.includes(n)))"""
    deadline = time.monotonic() + timeout
    while True:
        bad = page.evaluate(js, list(WIDGET_PROBLEM_TEXT))
        if not bad or time.monotonic() > deadline:
            return [t[:300] for t in bad]
        page.wait_for_timeout(200)


def figure_locator(explorer):
    """The figure element of an explorer: the ipywidgets Image (an <img> carrying the
    class itself), or an element with that class holding an <img>/<canvas> (ipympl)."""
    return explorer.locator("img.echemlab-figure, .echemlab-figure img, .echemlab-figure canvas").first


def figure_info(explorer):
    return figure_locator(explorer).evaluate(JS_FIGURE_INFO)


def wait_figure(explorer, timeout=WIDGET_TIMEOUT, min_colours=4):
    """Wait until the explorer's figure is loaded and not blank (an ipympl canvas gets its
    size before its first image); return its pixel summary."""
    deadline = time.monotonic() + timeout
    while True:
        info = figure_info(explorer)
        if (info.get("ok") and info["distinct"] >= min_colours) or time.monotonic() > deadline:
            return info
        explorer.page.wait_for_timeout(100)


def first_slider_handle(explorer):
    return explorer.locator("[class*='echemlab-slider-'] .noUi-handle").first


def slider_value(handle):
    """Value of a noUiSlider handle. aria-valuenow is rounded (3.42 shows as 3.4);
    aria-valuetext carries the full value."""
    text = handle.get_attribute("aria-valuetext") or handle.get_attribute("aria-valuenow")
    return float(text)


def press_slider(handle, key=None):
    """Focus a noUiSlider handle and press one arrow key: ArrowRight, or ArrowLeft at the
    maximum. Returns the key pressed. The position is read from aria-valuenow against
    aria-valuemin/max (all in slider space, the exponent for a log slider)."""
    if key is None:
        key = "ArrowRight"
        vmin, vmax = handle.get_attribute("aria-valuemin"), handle.get_attribute("aria-valuemax")
        now = handle.get_attribute("aria-valuenow")
        if None not in (vmin, vmax, now):
            lo, hi, x = float(vmin), float(vmax), float(now)
            # aria-valuenow is rounded to 0.1: only a value at the top (not the bottom) goes left
            if x >= hi - 1e-9 * max(1.0, abs(hi)) or (hi - x < 0.1 and x - lo > 0.1):
                key = "ArrowLeft"
    handle.focus()
    handle.press(key)
    return key


def wait_figure_changed(explorer, before, timeout=WIDGET_TIMEOUT):
    """Wait until the figure's pixels differ from ``before`` (a figure_info result)."""
    deadline = time.monotonic() + timeout
    while True:
        info = figure_info(explorer)
        if info.get("ok") and info["hash"] != before["hash"]:
            return info
        if time.monotonic() > deadline:
            return None
        explorer.page.wait_for_timeout(50)


#: The controls of one explorer, in page order: every ipywidgets slider, dropdown, toggle button
#: and checkbox inside it. Each gets a name: its ``echemlab-slider-<name>`` class, else its label.
JS_EXPLORER_CONTROLS = """
(root) => {
  const sel = '.widget-slider, .widget-dropdown, .widget-toggle-button, .widget-checkbox';
  return Array.from(root.querySelectorAll(sel)).map((el, i) => {
    const cls = Array.from(el.classList).find(c => c.startsWith('echemlab-slider-'));
    const label = el.querySelector('.widget-label');
    const kind = el.matches('.widget-slider') ? 'slider' : el.matches('.widget-dropdown') ? 'dropdown'
               : el.matches('.widget-toggle-button') ? 'toggle' : 'checkbox';
    el.setAttribute('data-echemlab-control', String(i));
    return {index: i, kind: kind,
            name: cls ? cls.slice('echemlab-slider-'.length) : (label ? label.innerText.trim() : kind + ' ' + i)};
  });
}
"""


def explorer_state(explorer):
    """(figure pixel hash or None while the image loads, readout text) of an explorer."""
    info = figure_info(explorer)
    readout = explorer.locator(".echemlab-readout")
    text = readout.first.inner_text() if readout.count() else ""
    return (info["hash"] if info.get("ok") else None), text


def move_control(explorer, control):
    """Move one control one step: a slider by one arrow key (ArrowLeft at its maximum), a
    dropdown to its next option (the previous one at the end), a toggle or checkbox by a click.
    Returns what was done."""
    el = explorer.locator(f"[data-echemlab-control='{control['index']}']")
    kind = control["kind"]
    if kind == "slider":
        return press_slider(el.locator(".noUi-handle").first)
    if kind == "dropdown":
        select = el.locator("select")
        n = select.locator("option").count()
        i = select.evaluate("s => s.selectedIndex")
        j = i + 1 if i + 1 < n else i - 1
        select.select_option(index=j)
        return f"option {i} -> {j}"
    (el if kind == "toggle" else el.locator("input").first).click()
    return "click"


def _wait_state_changed(explorer, before, iopub, idle_before, timeout):
    """Wait until the explorer's figure or readout differs from ``before`` and (with ``iopub``)
    the kernel went idle after the change request; then until the state holds still for
    100 ms (the figure and the readout arrive as two messages). Returns (state, what changed)
    or (None, None) on time-out."""
    deadline = time.monotonic() + timeout
    page = explorer.page
    while True:
        state = explorer_state(explorer)
        changed = state[0] is not None and state != before
        idle = iopub is None or iopub.n_idle > idle_before
        if changed and idle:
            break
        if time.monotonic() > deadline:
            return None, None
        page.wait_for_timeout(40)
    while True:  # settle
        page.wait_for_timeout(100)
        again = explorer_state(explorer)
        if again == state or time.monotonic() > deadline:
            state = again
            break
        state = again
    what = [name for name, a, b in (("figure", before[0], state[0]), ("readout", before[1], state[1])) if a != b]
    return state, "+".join(what) or "settled back"


def check_explorers(page, expected=None, iopub=None, log=None, timeout=WIDGET_TIMEOUT):
    """Every .echemlab-explorer: figure loaded and not blank, and EVERY control (slider,
    dropdown, toggle, checkbox) moved one step changes the figure or the readout text (a
    control that changes neither is a defect). ``iopub`` (an :class:`IopubMonitor`) makes each
    step also wait for the kernel to finish it, so no update is credited to the next control.
    ``log``, a list, receives one dict per control moved (explorer, control, action, changed,
    seconds). Returns a list of problems (empty when all is well)."""
    problems = []
    explorers = page.locator(".echemlab-explorer")
    n = explorers.count()
    if expected is not None and n < expected:  # more is fine: display(ex.widget()) has no PNG
        problems.append(f"{n} .echemlab-explorer rendered, {expected} expected")
    for i in range(n):
        ex = explorers.nth(i)
        text = ex.inner_text()
        for needle in WIDGET_PROBLEM_TEXT:
            if needle in text:
                problems.append(f"explorer {i}: shows {needle!r}")
        info = wait_figure(ex, timeout=timeout)
        if not info.get("ok"):
            problems.append(f"explorer {i}: figure not rendered ({info.get('why')})")
            continue
        if info["distinct"] < 4:  # wait_figure gave up waiting for a non-blank frame
            problems.append(f"explorer {i}: figure is blank ({info['distinct']} colour(s), "
                            f"{info['width']}x{info['height']})")
        controls = ex.evaluate(JS_EXPLORER_CONTROLS)
        if not controls:
            problems.append(f"explorer {i}: no control (slider, dropdown, toggle) found")
            continue
        unnamed = [c for c in controls if c["kind"] == "slider" and not ex.locator(
            f"[data-echemlab-control='{c['index']}'][class*='echemlab-slider-']").count()]
        problems += [f"explorer {i}: slider {c['name']!r} has no echemlab-slider-<name> class" for c in unnamed]
        state = explorer_state(ex)
        for c in controls:
            idle0 = iopub.n_idle if iopub is not None else 0
            t0 = time.monotonic()
            action = move_control(ex, c)
            new, what = _wait_state_changed(ex, state, iopub, idle0, timeout)
            seconds = time.monotonic() - t0
            if log is not None:
                log.append({"explorer": i, "control": c["name"], "kind": c["kind"], "action": action,
                            "changed": what, "seconds": round(seconds, 3)})
            if new is None:
                problems.append(f"explorer {i}: {c['kind']} {c['name']!r}: neither the figure nor the "
                                f"readout changed within {timeout:.0f} s after {action}")
                state = explorer_state(ex)
            else:
                state = new
    return problems


def check_ipympl_figures(page, timeout=WIDGET_TIMEOUT):
    """Every ipympl figure on the page (explorer or not) has a sized, non-blank canvas: a
    0x0 canvas is the symptom of mixing `%matplotlib widget` with inline plotting, or of
    drawing an ipympl canvas before it is displayed. Returns a list of problems."""
    figs = page.locator(".jupyter-matplotlib-canvas-div")
    problems = []
    for i in range(figs.count()):
        info = wait_figure(figs.nth(i), timeout=timeout)
        if not info.get("ok"):
            problems.append(f"ipympl figure {i}: {info.get('why')}")
        elif info["distinct"] < 4:
            problems.append(f"ipympl figure {i}: canvas is blank ({info['width']}x{info['height']})")
    return problems


def full_page_screenshot(page, path, max_height=20000):
    """Screenshot of the whole document: grow the viewport until nothing scrolls, then
    restore it. Returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    vp = page.viewport_size or {"width": 1400, "height": 1000}
    height = vp["height"]
    for _ in range(4):  # growing re-flows the page; a few rounds converge
        extra = page.evaluate(JS_EXTRA_HEIGHT)
        if extra <= 0 or height >= max_height:
            break
        height = min(height + extra + 20, max_height)
        page.set_viewport_size({"width": vp["width"], "height": height})
        page.wait_for_timeout(300)
    page.evaluate(JS_EXTRA_HEIGHT)
    page.screenshot(path=str(path), full_page=True)
    if height != vp["height"]:
        page.set_viewport_size(vp)
    return path


def voila_open(page, server, served_path, timeout=RUN_ALL_TIMEOUT):
    """Render a notebook with Voila: it streams the page while executing, so navigate on
    commit, wait for the document to finish, then for the #loading spinner to go."""
    page.goto(server.url(f"voila/render/{served_path}"), wait_until="commit",
              timeout=timeout * 1000)
    page.wait_for_load_state("load", timeout=timeout * 1000)
    page.wait_for_selector("#loading", state="hidden", timeout=timeout * 1000)


def voila_errors(page):
    """Execution errors Voila shows in the page."""
    bad = dom_tracebacks(page)
    body = page.inner_text("body")
    for needle in ("There was an error when executing cell", "Traceback (most recent call last)"):
        if needle in body and not any(needle in b for b in bad):
            bad.append(body[max(0, body.index(needle) - 200):body.index(needle) + 800])
    return bad


def expect_callback_error(page, iopub, timeout_s=10.0):
    """Self-test helper: after a slider press, wait until the harness has seen the
    deliberate observe-callback exception of fixtures/callback_raises.ipynb, and check it."""
    for _ in range(int(timeout_s * 10)):
        if iopub.callback_errors:
            break
        page.wait_for_timeout(100)
    errors = iopub.callback_errors
    assert errors, f"no callback error seen ({iopub.n_frames} kernel frames, {iopub.sockets})"
    assert errors[0].parent_msg_type == "comm_msg"
    assert "deliberate failure in an observe callback" in errors[0].text
