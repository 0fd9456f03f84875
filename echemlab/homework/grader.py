"""Autograder: grade a folder of submitted notebooks.

    python -m echemlab.homework.grader SUBMISSIONS_DIR --set 01_intercalation --out OUTDIR

(console script: ``echemlab-grade``). Every file under SUBMISSIONS_DIR is one
submission. Each runs in a fresh kernel (``_sandbox``: memory, CPU and file
size limits, an audit hook, scrubbed environment, its own temporary working
directory) with a per-cell and a total timeout, several submissions in
parallel. Answers leave the kernel only as JSON records; they are decoded
strictly and compared here, against expected answers recomputed by running
the reference solution (solutions/SET.ipynb, hidden tests included) for that
student's id. Functions the student wrote are called on the hidden inputs by
a collection cell the grader appends; their outputs come back as JSON too.

Writes OUTDIR/grades.csv (atomically; rows sorted by submission path, the
same on every re-run) and OUTDIR/feedback/<submission>.md.
"""
import argparse
import ast
import csv
import io
import json
import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import answers as A
from . import notebook as N
from .generate import repo_root
from .reference import Reference

MAX_FILE = 20 * 2 ** 20           # bytes of a submission file
MAX_RECORDS = 20 * 2 ** 20        # bytes of answer records kept per submission
MAX_STREAM = 50 * 2 ** 20         # bytes of printed output before the submission is flagged


# ---------------------------------------------------------------- configuration
def _usable_cpus():
    """CPU cores this process may use (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _default_jobs(memory_mb):
    """2 kernels per usable core, at most one per memory_mb of physical memory."""
    try:
        ram_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2 ** 20
    except (AttributeError, OSError, ValueError):
        ram_mb = 0
    jobs = 2 * _usable_cpus()
    return min(jobs, max(1, ram_mb // memory_mb)) if ram_mb > 0 else jobs


class Config:
    def __init__(self, set_id, solutions, cell_timeout=30.0, total_timeout=300.0, memory_mb=2048,
                 jobs=None, deny=(), stream_mb=50):
        from .._validate import real

        if not isinstance(set_id, str) or not set_id.strip():
            raise ValueError(f"set_id must be the name of a homework set such as '01_intercalation' (got {set_id!r})")
        for name, val in (("cell_timeout", cell_timeout), ("total_timeout", total_timeout), ("stream_mb", stream_mb)):
            arr = real(name, val, lo=0.0, lo_open=True)
            if arr.ndim:
                raise ValueError(f"{name} must be a single number in (0, inf) (got an array)")
        arr = real("memory_mb", memory_mb, lo=64.0)
        if arr.ndim or arr != round(float(arr)):
            raise ValueError(f"memory_mb must be a whole number >= 64 (got {memory_mb!r})")
        self.set_id = set_id
        self.solutions = Path(solutions)
        if not self.solutions.is_file():
            raise ValueError(f"solutions must be the path of an existing solution notebook (got {str(solutions)!r})")
        self.cell_timeout, self.total_timeout = float(cell_timeout), float(total_timeout)
        self.memory_mb = int(memory_mb)
        # default: two kernels per core this process may run on (its CPU affinity, e.g. the cpuset
        # of a container on a hub), at most one per memory_mb of physical memory. A kernel spends
        # much of its time waiting on messages: on 2 cores, 2 kernels kept the CPUs 57 % busy,
        # 4 kernels 79 % and graded 1.6x faster (bench/grader_throughput.py --jobs).
        if jobs is not None:
            arr = real("jobs", jobs, lo=1.0)
            if arr.ndim or arr != round(float(arr)):
                raise ValueError(f"jobs must be a whole number >= 1 (parallel kernels) (got {jobs!r})")
        self.jobs = int(jobs or _default_jobs(self.memory_mb))
        self.deny = list(deny)
        self.stream_limit = int(stream_mb * 2 ** 20)
        import nbformat
        sol = nbformat.read(self.solutions, as_version=4)
        self.questions = N.questions(sol)
        self.reference = Reference(N.program(sol, set_id, hidden=True))
        self.qids = [q["qid"] for q in self.questions]
        self.max_points = {q["qid"]: q["points"] for q in self.questions}


# ---------------------------------------------------------------- reading a submission
class Invalid(Exception):
    """The submission cannot be graded at all (reason in the message)."""


def read_notebook(path):
    """Code-cell sources of a submission (list of str); raises Invalid."""
    size = path.stat().st_size
    if size > MAX_FILE:
        raise Invalid(f"file too large ({size} bytes)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("not a notebook: the file is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Invalid(f"not a notebook: invalid JSON ({str(exc)[:80]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise Invalid("not a notebook: JSON without a list of cells")
    if data.get("nbformat") != 4:
        raise Invalid(f"not a notebook: nbformat {str(data.get('nbformat'))[:10]} (need 4)")
    sources = []
    for cell in data["cells"]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        if isinstance(src, list) and all(isinstance(s, str) for s in src):
            src = "".join(src)
        if not isinstance(src, str):
            raise Invalid("not a notebook: a code cell has no text source")
        sources.append(src)
    return sources


_ID_RE = re.compile(r"^\s*STUDENT_ID\s*=", re.M)


def find_student_id(sources):
    """The string literal assigned to STUDENT_ID (parsed, never executed)."""
    ids = []
    for src in sources:
        if not _ID_RE.search(src):
            continue
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "STUDENT_ID"
                                                    for t in node.targets):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    ids.append(node.value.value.strip())
                else:
                    ids.append(None)
    clean = {i for i in ids if i}
    if len(clean) == 1 and None not in ids:
        return clean.pop(), ""
    if not ids or not clean:
        return "", "missing student id: write STUDENT_ID = \"your id\" in the first code cell"
    return "", "ambiguous student id: STUDENT_ID is assigned different or non-literal values"


# ---------------------------------------------------------------- running the kernel
def _kernel_classes():
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class SandboxKernelManager(AsyncKernelManager):
        """Starts the kernel from a warm pre-forked zygote (see _sandbox.Zygote)."""
        zygote = None

        def format_kernel_cmd(self, extra_arguments=None):
            return [sys.executable, "-m", "echemlab.homework._sandbox", "-f", self.connection_file,
                    "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"]

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            z = self.zygote
            z.go({"argv": kernel_cmd[3:], "env": kw["env"], "cwd": str(kw["cwd"])})
            prov = self.provisioner
            prov.process, prov.pid, prov.pgid, prov.cwd = z, z.pid, z.pid, kw["cwd"]
            self._reconcile_connection_info(prov.connection_info)

    class RecordingClient(NotebookClient):
        """Keeps only answer records, error names and output sizes (never the
        outputs themselves), so a flood of output cannot exhaust the grader."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self.records, self.errors = [], []
            self.record_bytes = self.stream_bytes = 0
            self.flood = False
            self.max_stream = MAX_STREAM

        def output(self, outs, msg, display_id, cell_index):
            kind, content = msg["msg_type"], msg.get("content") or {}
            if kind in ("display_data", "execute_result"):
                rec = (content.get("data") or {}).get(A.ANSWER_MIME)
                if isinstance(rec, str):
                    self.record_bytes += len(rec)
                    if self.record_bytes <= MAX_RECORDS:
                        self.records.append((cell_index, rec))
                    else:
                        self.flood = True
                else:
                    self.stream_bytes += len(str(content.get("data", ""))[:self.max_stream + 1])
            elif kind == "error":
                self.errors.append((cell_index, str(content.get("ename", "?"))[:80],
                                    str(content.get("evalue", ""))[:300]))
            elif kind == "stream":
                self.stream_bytes += len(content.get("text", ""))
            if self.stream_bytes > self.max_stream:
                self.flood = True
            return None

        def _update_display_id(self, display_id, msg):
            return None

    return SandboxKernelManager, RecordingClient


def _run_kernel(sources, collect, cfg, job, pid_file):
    """Execute the student's code cells, then the collection cells.

    Returns dict(records, errors, events) where events lists problems
    (timeout, kernel died, unresponsive, flood)."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    KM, Client = _kernel_classes()
    work, home = job / "work", job / "home"
    work.mkdir()
    home.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources] + \
        [nbformat.v4.new_code_cell(s) for s in collect]
    (work / "submission.ipynb").write_text(nbformat.writes(nb), "utf-8")
    sandbox = {"mem_mb": cfg.memory_mb, "cpu_s": int(cfg.total_timeout + 60), "fsize_mb": 64,
               "deny": cfg.deny, "allow": [str(job)]}
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONNOUSERSITE": "1",
           "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg", "ECHEMLAB_GRADING": "1",
           "IPYTHONDIR": str(home / ".ipython"), "JUPYTER_RUNTIME_DIR": str(job / "runtime"),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "ECHEMLAB_SANDBOX": json.dumps(sandbox)}
    from ._sandbox import Zygote
    km = KM(connection_file=str(job / "kernel.json"), transport="ipc", ip=str(job / "ipc"))
    km.zygote = Zygote()
    pid_file.write_text(str(km.zygote.pid))
    timeout_reply = {"ename": "CellTimeout", "evalue": "cell timed out", "traceback": []}
    client = Client(nb, km=km, timeout=cfg.cell_timeout, allow_errors=True, interrupt_on_timeout=True,
                    error_on_timeout=timeout_reply, skip_cells_with_tag="\x00never",
                    startup_timeout=60, shutdown_kernel="immediate", iopub_timeout=4,
                    resources={"metadata": {"path": str(work)}})
    client.max_stream = cfg.stream_limit
    events = []
    n_student = len(sources)
    deadline = time.monotonic() + cfg.total_timeout
    try:
        with client.setup_kernel(env=env):
            skip_student = False
            for i, cell in list(enumerate(nb.cells)):
                student = i < n_student
                if student and skip_student:
                    continue
                client._echemlab_cell = i
                left = deadline - time.monotonic()
                if student and left <= 0:
                    events.append(("timeout", i, "total time limit reached; later cells were not run"))
                    skip_student = True
                    continue
                limit = min(cfg.cell_timeout, left) if student else min(cfg.cell_timeout, 20.0)
                client.timeout = max(1, int(limit + 0.999))
                t0 = time.monotonic()
                try:
                    client.execute_cell(cell, i)
                except CellTimeoutError:
                    events.append(("unresponsive", i, f"cell timed out after {client.timeout} s "
                                                      "and the kernel could not be interrupted"))
                    break
                if time.monotonic() - t0 >= client.timeout - 0.05:
                    events.append(("timeout" if student else "collect-timeout", i,
                                   f"cell timed out after {client.timeout} s" if student
                                   else "a call of your function timed out"))
                    if not _responsive(client, nb):
                        events.append(("unresponsive", i, "the kernel did not respond after an interrupt"))
                        break
                if client.flood:
                    if student:
                        events.append(("flood", i, "too much output; the remaining cells were not run"))
                        skip_student = True
                    client.flood, client.stream_bytes, client.record_bytes = False, 0, MAX_RECORDS // 2
    except DeadKernelError:
        code = km.zygote.poll()
        events.append(("died", _last_cell(client), "the kernel died (crash, os._exit or memory limit)"
                       + (f"; exit status {code}" if code not in (None, 0, 1) else "")))
    except RuntimeError as exc:
        if "Kernel died" in str(exc) or "dead" in str(exc).lower():
            events.append(("died", _last_cell(client), "the kernel died"))
        else:
            events.append(("kernel-error", -1, f"{type(exc).__name__}: {str(exc)[:200]}"))
    except Exception as exc:
        events.append(("kernel-error", -1, f"{type(exc).__name__}: {str(exc)[:200]}"))
    finally:
        km.zygote.close()
        km.zygote.kill()
        km.zygote.wait(5)
    return {"records": client.records, "errors": client.errors, "events": events, "n_student": n_student}


def _last_cell(client):
    return getattr(client, "_echemlab_cell", -1)


def _responsive(client, nb):
    import nbformat
    probe = nbformat.v4.new_code_cell("pass")
    nb.cells.append(probe)   # its own index: execute_cell writes the cell back into nb.cells
    client.timeout = 3
    t0 = time.monotonic()
    try:
        client.execute_cell(probe, len(nb.cells) - 1)
    except Exception:
        return False
    return time.monotonic() - t0 < 2.9


# ---------------------------------------------------------------- grading one submission
def _fmt(x):
    return f"{round(float(x), 2):g}"


def grade_one(path, name, cfg, job, pid_file):
    """Grade one submission; never raises. Returns (row dict, feedback text)."""
    row = {"submission": name, "student": "", "total": 0.0, "status": "", "reason": ""}
    for qid in cfg.qids:
        row[qid] = 0.0
    fb = {}
    try:
        sources = read_notebook(path)
    except Invalid as exc:
        return _finish(row, cfg, ["invalid-notebook"], str(exc), fb)
    except OSError as exc:
        return _finish(row, cfg, ["invalid-notebook"], f"cannot read the file ({exc.strerror})", fb)
    sid, why = find_student_id(sources)
    if not sid:
        return _finish(row, cfg, ["missing-id"], why, fb)
    row["student"] = sid
    try:
        results = cfg.reference.run(sid)
    except Exception as exc:
        return _finish(row, cfg, ["grader-error"], f"reference solution failed: {exc}", fb)
    bad_ref = [q for q, r in results.items() if r.error]
    # hidden inputs and expected outputs of function questions
    collect, fexpected = [], {}
    for qid, r in results.items():
        if isinstance(r.spec, A.Function) and not r.error:
            inputs = [list(a) for a in (r.hidden_inputs or r.spec.examples)]
            try:
                fexpected[qid] = [r.expected(*a) for a in inputs]
            except Exception as exc:
                r.error = f"reference function failed: {exc}"
                continue
            collect.append("import echemlab.homework.core as _echemlab_core\n"
                           f"_echemlab_core._grader_call({qid!r}, {r.spec.name!r}, "
                           f"{json.dumps(inputs)!r})")
    run = _run_kernel(sources, collect, cfg, job, pid_file)
    n = run["n_student"]
    answers, fouts = {}, {}
    for cell, text in run["records"]:
        try:
            rec = A.loads(text)
        except A.BadAnswer:
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("qid"), str) or rec["qid"] not in results:
            continue
        if cell < n and "answer" in rec:
            answers[rec["qid"]] = rec["answer"]           # the last record of a question wins
        elif cell >= n and rec.get("kind") == "function-outputs":
            fouts[rec["qid"]] = rec
    cell_errors = {}
    for cell, ename, evalue in run["errors"]:
        if cell < n:
            cell_errors.setdefault(cell, (ename, evalue))
    statuses, reasons = [], []
    for kind, cell, text in run["events"]:
        code = {"timeout": "timeout", "unresponsive": "timeout", "died": "kernel-died", "flood": "huge-output",
                "kernel-error": "grader-error", "collect-timeout": "timeout"}[kind]
        if code not in statuses:
            statuses.append(code)
        where = f"cell {cell + 1}: " if 0 <= cell < n else ""
        reasons.append(where + text)
    if any(e[0] == "MemoryError" for e in cell_errors.values()):
        statuses.append("memory")
    if any(e[0] == "SandboxViolation" or "echemlab grader:" in e[1] for e in cell_errors.values()):
        statuses.append("blocked-access")
    if cell_errors:
        statuses.append("errors")
        first = sorted(cell_errors.items())[:3]
        reasons.append("errors in " + "; ".join(f"cell {c + 1} ({e}: {v[:80]})" for c, (e, v) in first)
                       + (" ..." if len(cell_errors) > 3 else ""))
    if bad_ref:
        statuses.append("grader-error")
        reasons.append("reference solution failed for " + ", ".join(bad_ref))
    # compare, in this process
    for qid in cfg.qids:
        r = results[qid]
        related = _related_errors(qid, sources, cell_errors)
        if r.error:
            fb[qid] = (0.0, "Could not be graded (problem in the reference solution; tell the instructor).", [])
            continue
        if isinstance(r.spec, A.Function):
            rec = fouts.get(qid)
            if rec is None:
                msg = "Your function could not be run on the test inputs (kernel stopped before it)."
                fb[qid] = (0.0, msg, related)
                continue
            if rec.get("missing") or not isinstance(rec.get("outputs"), list):
                fb[qid] = (0.0, f"No function {r.spec.name}(...) was defined or recorded.", related)
                continue
            got, errs = [], []
            for o in rec["outputs"][: len(fexpected[qid])]:
                if isinstance(o, dict) and o.get("type") == "error":
                    got.append(None)
                    errs.append(str(o.get("what", ""))[:120])
                else:
                    got.append(A.decode(o))
            got += [None] * (len(fexpected[qid]) - len(got))
            v = A.compare_function(r.spec, fexpected[qid], got)
            hints = ([f"Your function raised {errs[0]} on {len(errs)} input(s)."] if errs else []) + v.hints
            fb[qid] = (v.score * r.points, v.message, hints + related)
            continue
        if qid not in answers:
            fb[qid] = (0.0, "No answer recorded: the cell with hw.check/hw.answer did not run or is missing.",
                       related)
            continue
        got = A.decode(answers[qid])
        v = A.compare(r.spec, r.expected, got)
        if not v.correct and isinstance(r.spec, A.Number) and got.type in ("number", "array"):
            try:
                v = A.compare(r.spec, r.expected, got, cfg.reference.variants(sid, r))
            except Exception:
                pass
        fb[qid] = (v.score * r.points, v.message, v.hints + related)
    for qid in cfg.qids:
        row[qid] = round(fb[qid][0], 2)
    if not statuses:
        statuses = ["ok"]
    return _finish(row, cfg, statuses, " | ".join(reasons), fb)


def _related_errors(qid, sources, cell_errors):
    pat = re.compile(r"""["']""" + re.escape(qid) + r"""["']""")
    out = []
    for c, (ename, evalue) in sorted(cell_errors.items()):
        if pat.search(sources[c]):
            out.append(f"Cell {c + 1} raised {ename}: {evalue[:150]}")
    return out


def _finish(row, cfg, statuses, reason, fb):
    row["total"] = round(sum(row[q] for q in cfg.qids), 2)
    row["status"] = ",".join(statuses)
    row["reason"] = reason.replace("\n", " ")[:600]
    return row, feedback_text(row, cfg, fb)


def feedback_text(row, cfg, fb):
    total = sum(cfg.max_points.values())
    lines = [f"# Feedback: homework {cfg.set_id}", "",
             f"- submission: `{row['submission']}`", f"- student id: `{row['student'] or '(none)'}`",
             f"- score: **{_fmt(row['total'])} / {_fmt(total)}**", f"- status: {row['status']}"]
    if row["reason"]:
        lines.append(f"- notes: {row['reason']}")
    lines.append("")
    for q in cfg.questions:
        qid = q["qid"]
        pts, msg, hints = fb.get(qid, (0.0, "Not graded: " + (row["reason"] or row["status"]), []))
        lines += [f"## {q['label']} · {q['title']} — {_fmt(pts)} / {_fmt(q['points'])}", "", msg]
        lines += [f"- {h}" for h in hints]
        lines.append("")
    lines += ["---", "Graded by re-running your notebook from the top in a fresh kernel. Expected answers "
              "are recomputed for your parameters; functions are tested on hidden inputs. "
              "The expected values are not shown here."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- batch
def _worker(path, name, cfg, job, pid_file, conn):
    os.setsid() if hasattr(os, "setsid") else None
    try:
        result = grade_one(path, name, cfg, job, pid_file)
    except BaseException as exc:  # last resort: the batch must go on
        row = {"submission": name, "student": "", "total": 0.0, **{q: 0.0 for q in cfg.qids},
               "status": "grader-error", "reason": f"{type(exc).__name__}: {exc}"[:300]}
        result = (row, feedback_text(row, cfg, {}))
    try:
        conn.send(json.dumps(result))
    finally:
        conn.close()


def list_submissions(folder):
    folder = Path(folder)
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        out.append((p, rel.as_posix()))
    return out


def _kill_tree(proc, pid_file):
    for pid in _pids(proc, pid_file):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _pids(proc, pid_file):
    pids = [proc.pid]
    try:
        pids.append(int(pid_file.read_text()))
    except (OSError, ValueError):
        pass
    return pids


def grade_folder(folder, cfg, out, progress=True, in_process=False):
    """Grade every submission under ``folder``; returns the list of rows.

    Workers and kernels are forked from the batch process, which must be
    single-threaded (no BLAS, test-runner or I/O threads hold a lock at fork
    time). So unless ``in_process`` (the CLI, which pins one BLAS thread), the
    batch runs in a fresh ``python -m echemlab.homework.grader`` process.
    """
    if not in_process:
        return _grade_in_subprocess(folder, cfg, out, progress)
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:   # e.g. inherited from pytest-xdist
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)       # workers must be able to wait for kernels
    out = Path(out)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    subs = list_submissions(folder)
    ctx = mp.get_context("fork")
    batch = Path(tempfile.mkdtemp(prefix="echemlab-grade-"))
    root = repo_root()
    cfg.deny = sorted({str(Path(d).resolve()) for d in [
        *cfg.deny, cfg.solutions.parent, root / "solutions", root / ".git", root / "tests",
        root / "echemlab" / "homework" / "keys", Path(folder), out, batch]})
    _warm_up(cfg)
    results = {}
    running = {}
    queue = list(enumerate(subs))
    hard = cfg.total_timeout + 30 * max(1, len(cfg.qids)) + 90
    t_start = time.monotonic()
    try:
        while queue or running:
            while queue and len(running) < cfg.jobs:
                k, (path, name) = queue.pop(0)
                job = batch / f"job{k}"
                job.mkdir()
                pid_file = batch / f"job{k}.pid"
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, args=(path, name, cfg, job, pid_file, send), daemon=False)
                proc.start()
                send.close()
                running[k] = (proc, recv, time.monotonic(), name, job, pid_file)
            time.sleep(0.02)
            for k in list(running):
                proc, recv, t0, name, job, pid_file = running[k]
                data = None
                if recv.poll():
                    try:
                        data = json.loads(recv.recv())
                    except (EOFError, OSError, ValueError):
                        data = None
                    proc.join(5)
                elif proc.is_alive() and time.monotonic() - t0 < hard:
                    continue
                if data is None:
                    reason = ("worker exceeded the hard time limit" if proc.is_alive()
                              else f"worker stopped unexpectedly (exit code {proc.exitcode})")
                    row = {"submission": name, "student": "", "total": 0.0, **{q: 0.0 for q in cfg.qids},
                           "status": "grader-error", "reason": reason}
                    data = (row, feedback_text(row, cfg, {}))
                _kill_tree(proc, pid_file)
                proc.join(1)
                recv.close()
                shutil.rmtree(job, ignore_errors=True)
                results[k] = data
                del running[k]
                if progress:
                    print(f"[{len(results)}/{len(subs)}] {name}: {data[0]['status']} "
                          f"({_fmt(data[0]['total'])} points)", file=sys.stderr)
    finally:
        for entry in running.values():
            _kill_tree(entry[0], entry[5])
        shutil.rmtree(batch, ignore_errors=True)
    rows = [results[k][0] for k in sorted(results)]
    _mark_duplicates(rows)
    for k in sorted(results):
        row, text = results[k]
        _atomic_write(out / "feedback" / (_safe(row["submission"]) + ".md"), text)
    write_table(out / "grades.csv", rows, cfg)
    if progress:
        print(f"graded {len(rows)} submissions in {time.monotonic() - t_start:.1f} s -> {out / 'grades.csv'}",
              file=sys.stderr)
    return rows


def _single_threaded():
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^Threads:\s*(\d+)", status, re.M)[1]) == 1
    except (OSError, TypeError):
        import threading
        return threading.active_count() == 1


def _grade_in_subprocess(folder, cfg, out, progress):
    import subprocess
    rows_file = Path(out) / ".rows.json"
    Path(out).mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "echemlab.homework.grader", str(folder), "--set", cfg.set_id,
           "--out", str(out), "--solutions", str(cfg.solutions), "--jobs", str(cfg.jobs),
           "--cell-timeout", str(cfg.cell_timeout), "--timeout", str(cfg.total_timeout),
           "--memory-mb", str(cfg.memory_mb), "--stream-mb", str(cfg.stream_limit / 2 ** 20),
           "--rows-json", str(rows_file), *(f"--deny={d}" for d in cfg.deny)]
    env = {**os.environ, **PINNED_ENV}
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=None if progress else subprocess.DEVNULL)
    try:
        return json.loads(rows_file.read_text("utf-8"))
    finally:
        rows_file.unlink()


def _warm_up(cfg):
    """Import everything once in the parent, so forked workers start warm."""
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import IPython.core.completer  # noqa: F401
    import jupyter_client.manager  # noqa: F401
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    import scipy.optimize  # noqa: F401

    import echemlab.homework.datasets  # noqa: F401
    try:
        cfg.reference.run("warm-up")
        A.compare(A.Expr({"x": (1.0, 2.0)}), __import__("sympy").Symbol("x"),
                  A.decode(A.encode(__import__("sympy").Symbol("x"))))
    except Exception:
        pass
    _kernel_classes()


def _mark_duplicates(rows):
    seen = {}
    for row in rows:
        if row["student"]:
            seen.setdefault(row["student"].casefold(), []).append(row["submission"])
    for row in rows:
        others = [s for s in seen.get(row["student"].casefold(), []) if s != row["submission"]]
        if row["student"] and others:
            row["status"] += ",duplicate-id"
            row["reason"] = (row["reason"] + " | " if row["reason"] else "") + \
                "the same student id is in " + ", ".join(others)


def _safe(name):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def _atomic_write(path, text):
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_table(path, rows, cfg):
    """grades.csv: submission, student, one column per question, total, max, status, reason."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["submission", "student", *cfg.qids, "total", "max", "status", "reason"])
    total = sum(cfg.max_points.values())
    for row in sorted(rows, key=lambda r: r["submission"]):
        w.writerow([row["submission"], row["student"], *(_fmt(row[q]) for q in cfg.qids),
                    _fmt(row["total"]), _fmt(total), row["status"], row["reason"]])
    _atomic_write(path, buf.getvalue())


PINNED_ENV = {"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1"}


def main(argv=None):
    if argv is None and any(os.environ.get(k) != v for k, v in PINNED_ENV.items()):
        # re-run with a fixed hash seed (identical tables on re-runs) and one BLAS thread per
        # process (kernels are forked from this process and run in parallel)
        os.execve(sys.executable, [sys.executable, "-m", "echemlab.homework.grader", *sys.argv[1:]],
                  {**os.environ, **PINNED_ENV})
    ap = argparse.ArgumentParser(prog="echemlab-grade", description=__doc__.splitlines()[0])
    ap.add_argument("submissions", help="folder of submitted notebooks")
    ap.add_argument("--set", required=True, dest="set_id", help="homework set, e.g. 01_intercalation")
    ap.add_argument("--out", required=True, help="output folder (grades.csv, feedback/)")
    ap.add_argument("--solutions", default=None, help="solution notebook (default: solutions/SET.ipynb)")
    ap.add_argument("--jobs", type=int, default=None, help="parallel kernels (default: 2 per usable CPU core)")
    ap.add_argument("--cell-timeout", type=float, default=30.0, help="seconds per cell (default 30)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per submission (default 300)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="kernel address-space limit (default 2048)")
    ap.add_argument("--deny", action="append", default=[], help="extra folder the kernel may not read")
    ap.add_argument("--stream-mb", type=float, default=50.0, help="printed output allowed (default 50 MB)")
    ap.add_argument("--rows-json", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sol = Path(args.solutions) if args.solutions else repo_root() / "solutions" / f"{args.set_id}.ipynb"
    if not sol.is_file():
        print(f"error: no solution notebook {sol}", file=sys.stderr)
        return 2
    if not Path(args.submissions).is_dir():
        print(f"error: {args.submissions} is not a folder", file=sys.stderr)
        return 2
    try:
        cfg = Config(args.set_id, sol, args.cell_timeout, args.timeout, args.memory_mb, args.jobs, args.deny,
                     args.stream_mb)
    except Exception:
        traceback.print_exc()
        return 2
    rows = grade_folder(args.submissions, cfg, args.out, in_process=_single_threaded())
    if args.rows_json:
        Path(args.rows_json).write_text(json.dumps(rows), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
