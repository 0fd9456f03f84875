"""Kernel launcher used by the grader: limits and guards, then ipykernel.

    python -m echemlab.homework._sandbox -f CONNECTION_FILE

Configuration comes from the environment variable ``ECHEMLAB_SANDBOX`` (JSON:
``mem_mb``, ``cpu_s``, ``fsize_mb``, ``deny`` = list of directories). Before
the kernel starts this sets resource limits (address space, CPU time, file
size, no core dumps) and installs an audit hook (PEP 578) that refuses:
opening or listing anything under the denied directories (solutions, keys,
the repository's .git and tests, the submissions and output folders), other
processes' ``/proc/<pid>``, starting processes (subprocess, os.system, exec,
spawn, fork), signalling other processes, making links, and ctypes lookups of
process/file syscalls.

This is defence in depth on top of the real guarantee (answers are compared
outside the kernel). It is not a security boundary against a determined
attacker running as the same user: for high-stakes grading, run the grader
in a container or VM.
"""
import json
import os
import resource
import sys

BLOCKED_EVENTS = {
    "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "pty.spawn", "os.symlink", "os.link", "os.startfile", "sys.remote_exec",
}
PATH_EVENTS = {"open", "os.listdir", "os.scandir", "os.rename", "os.replace", "os.remove", "os.rmdir",
               "os.chmod", "os.chown", "os.truncate", "os.utime", "os.mkdir", "shutil.rmtree",
               "shutil.copyfile", "glob.glob", "os.walk"}
CTYPES_DENY = {"system", "execve", "execv", "execvp", "execl", "execlp", "fork", "vfork", "clone",
               "popen", "open", "open64", "openat", "openat64", "fopen", "fopen64", "kill", "ptrace",
               "process_vm_readv", "process_vm_writev", "posix_spawn", "posix_spawnp", "symlink",
               "link", "unlink", "rename", "syscall", "dlopen", "creat"}


class SandboxViolation(PermissionError):
    pass


def make_hook(deny, allow=()):
    deny = tuple(os.path.realpath(d).rstrip("/") + "/" for d in deny if d)
    allow = tuple(os.path.realpath(d).rstrip("/") + "/" for d in allow if d)
    own = str(os.getpid())
    realpath, fspath = os.path.realpath, os.fspath

    def denied_path(path):
        try:
            p = fspath(path)
        except TypeError:
            return False
        if isinstance(p, bytes):
            p = p.decode("utf-8", "replace")
        if not isinstance(p, str):
            return False
        full = realpath(p) + "/"
        if full.startswith("/proc/"):
            part = full.split("/")[2]
            if part.isdigit() and part != own:
                return True
        return full.startswith(deny) and not full.startswith(allow)

    def hook(event, args):
        if event in BLOCKED_EVENTS:
            raise SandboxViolation(f"echemlab grader: {event} is not allowed while grading")
        if event in PATH_EVENTS:
            if args and not isinstance(args[0], int) and denied_path(args[0]):
                raise SandboxViolation(f"echemlab grader: blocked access to {args[0]!r} while grading")
            if event in ("os.rename", "os.replace") and len(args) > 1 and denied_path(args[1]):
                raise SandboxViolation("echemlab grader: blocked access while grading")
        elif event in ("os.kill", "os.killpg"):
            if args and str(args[0]) != own:
                raise SandboxViolation("echemlab grader: signalling other processes is not allowed")
        elif event == "ctypes.dlsym":
            if len(args) > 1 and isinstance(args[1], str) and args[1] in CTYPES_DENY:
                raise SandboxViolation(f"echemlab grader: ctypes access to {args[1]} is not allowed")

    return hook


def apply_limits(cfg):
    mb = 2 ** 20
    if cfg.get("mem_mb"):
        lim = int(cfg["mem_mb"]) * mb
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
    if cfg.get("cpu_s"):
        lim = int(cfg["cpu_s"])
        resource.setrlimit(resource.RLIMIT_CPU, (lim, lim + 5))
    fsize = int(cfg.get("fsize_mb", 64)) * mb
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def become_kernel(payload):
    """Turn this (forked, warm) process into a guarded kernel; never returns."""
    import signal
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(payload["cwd"])
        os.environ.clear()
        os.environ.update(payload["env"])
        cfg = json.loads(os.environ.pop("ECHEMLAB_SANDBOX", "{}") or "{}")
        apply_limits(cfg)
        import asyncio
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop_policy(None)
        asyncio.set_event_loop(asyncio.new_event_loop())
        from ipykernel.kernelapp import IPKernelApp
        sys.argv = ["echemlab-sandbox-kernel", *payload["argv"]]
        sys.addaudithook(make_hook(cfg.get("deny", []), cfg.get("allow", [])))
        IPKernelApp.launch_instance(argv=payload["argv"])
        code = 0
    except BaseException:
        import traceback
        try:
            with open(os.path.join(payload["cwd"], os.pardir, "kernel-startup.log"), "w") as fh:
                fh.write(traceback.format_exc())
        except Exception:
            pass
    finally:
        os._exit(code)


class Zygote:
    """A pre-forked, warm process that becomes the kernel on :meth:`go`.

    Forked before any event loop or zmq context exists in the grader worker,
    it keeps every import of the grader (ipykernel, numpy, sympy), so a
    kernel starts in a fraction of the time of a fresh interpreter. It closes
    every inherited file descriptor, so the kernel cannot reach the grader's
    result pipe. Looks enough like ``subprocess.Popen`` for jupyter_client.
    """
    stdin = stdout = stderr = None

    def __init__(self):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the zygote
            try:
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.closerange(3, r)
                os.closerange(r + 1, 1 << 16)
                chunks = []
                while True:
                    b = os.read(r, 1 << 16)
                    if not b:
                        break
                    chunks.append(b)
                data = b"".join(chunks)
                if not data:
                    os._exit(0)
                become_kernel(json.loads(data))
            finally:
                os._exit(1)
        os.close(r)
        self.pid, self._w, self.returncode = pid, w, None

    def go(self, payload):
        os.write(self._w, json.dumps(payload).encode("utf-8"))
        self.close()

    def close(self):
        if self._w is not None:
            os.close(self._w)
            self._w = None

    def poll(self):
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # not waitable (SIGCHLD ignored): ask whether it exists
                try:
                    os.kill(self.pid, 0)
                    return None
                except ProcessLookupError:
                    self.returncode = -1
                    return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        import time
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, sig):
        if self.poll() is None:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    def kill(self):
        import signal
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        import signal
        self.send_signal(signal.SIGTERM)


def main():
    cfg = json.loads(os.environ.pop("ECHEMLAB_SANDBOX", "{}") or "{}")
    apply_limits(cfg)
    # import what the notebooks need before the guard is on (libraries may use ctypes/dlopen)
    import numpy  # noqa: F401
    import sympy  # noqa: F401
    from ipykernel import kernelapp

    import echemlab.homework  # noqa: F401
    sys.addaudithook(make_hook(cfg.get("deny", []), cfg.get("allow", [])))
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
