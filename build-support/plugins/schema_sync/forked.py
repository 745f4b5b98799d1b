"""Independent pieces of one command-line run on several CPUs, by `fork`.

Only the short-lived `python -m schema_sync` process uses this: a forked child inherits the
parsed sources and the IR for free (copy-on-write), where a process pool would pickle them over.
Never call it inside a long-lived multi-threaded process (Pants's daemon): forking one is unsafe.

A worker never outlives the process that forked it: it is killed when that process dies, even by
SIGKILL (which runs no cleanup there), and when that process fails it kills and reaps its workers.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from typing import Any, Callable, List, Sequence, Tuple, TypeVar

Result = TypeVar("Result")
Item = TypeVar("Item")
Outcome = Tuple[bool, Any]  # (True, result) or (False, the exception to raise)

def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one, e.g. in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def share_count(items: Sequence[Item], processes: int, at_least: int) -> int:
    """How many processes `items` are worth: at most `processes`, each with `at_least` items
    (fewer, and the fork and the pickled result cost more than they save)."""
    return max(1, min(processes, len(items) // at_least))


def shares(items: Sequence[Item], count: int, child_share: float) -> List[Sequence[Item]]:
    """`items` cut into `count` consecutive shares for `run_forked`, each child's `child_share`
    times the size of the first (done in this process). A child also pickles its result, and
    this process unpickles it: `child_share` < 1 makes up for that, so that all finish together."""
    weights = [1.0] + [child_share] * (count - 1)
    bounds = [round(len(items) * sum(weights[:k]) / sum(weights)) for k in range(count + 1)]
    return [items[start:end] for start, end in zip(bounds, bounds[1:])]


class _Child:
    """A forked worker: its pid and the read end of the pipe its outcome comes back through."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid = pid
        self.read_end = read_end  # -1 once a file object owns it
        self.reaped = False

    def outcome(self) -> Outcome:
        """Its outcome, once it has sent it and ended (reaped here)."""
        read_end, self.read_end = self.read_end, -1
        try:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()  # before waiting: a result larger than the pipe's buffer blocks the child
            # Unpickled before reaping: the child's exit (tearing down its copy of a large heap) runs
            # meanwhile (~0.1 s at 5,000 files).
            outcome: Outcome | None = pickle.loads(payload) if payload else None
        finally:
            _, status = os.waitpid(self.pid, 0)
            self.reaped = True
        if outcome is None:
            return False, RuntimeError(f"a worker process died without a result (wait status {status})")
        return outcome

    def end(self) -> None:
        """Kill and reap it, unless it was reaped already (this process is failing)."""
        if self.read_end >= 0:
            os.close(self.read_end)
            self.read_end = -1
        if not self.reaped:
            os.kill(self.pid, signal.SIGKILL)  # a child not yet reaped exists, if only as a zombie
            os.waitpid(self.pid, 0)
            self.reaped = True


def run_forked(tasks: Sequence[Callable[[], Result]]) -> List[Result]:
    """Each task's result, in order: the first task runs here, each other one in a forked child
    that sends its result (or its exception) back pickled. Without `fork`, all run here.

    A failure anywhere (here, or in any child) is raised once every child is reaped; when it is
    this process that fails (or is interrupted), its children are killed rather than waited for."""
    if len(tasks) < 2 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    children: List[_Child] = []
    try:
        for task in tasks[1:]:
            children.append(_start(task))
        first = tasks[0]()
        outcomes = [child.outcome() for child in children]
    except BaseException:
        for child in children:
            child.end()
        raise
    for succeeded, value in outcomes:
        if not succeeded:
            raise value
    return [first, *(value for _, value in outcomes)]


def _start(task: Callable[[], Result]) -> _Child:
    parent = os.getpid()
    kill_when_orphaned = _kernel_kill_when_orphaned()  # looked up here, once: the child only calls it
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: run, send, and leave without the parent's exit handlers or buffers
        try:
            _die_with(parent, kill_when_orphaned)
            os.close(read_end)
            try:
                payload = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # every failure must reach the parent
                payload = _pickled_failure(error)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)  # even if sending failed: the child must never go on as the parent
    os.close(write_end)
    return _Child(pid, read_end)


def _die_with(parent: int, kill_when_orphaned: Callable[[], bool] | None) -> None:
    """End this forked child when `parent` ends, however it ends: by the kernel where it can
    (Linux), elsewhere by a thread that watches for the child being orphaned."""
    if kill_when_orphaned is None or not kill_when_orphaned():
        threading.Thread(target=exit_once_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


@functools.cache
def _kernel_kill_when_orphaned() -> Callable[[], bool] | None:
    """Linux's prctl(PR_SET_PDEATHSIG, SIGKILL): the calling process is SIGKILLed when its parent
    dies; None elsewhere. Returns whether the kernel accepted."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # lazily: only a process that forks needs it (~5 ms)

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a Linux C library without prctl
        return None
    pr_set_pdeathsig = 1
    return lambda: bool(prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0)


def exit_once_orphaned(parent: int, interval: float = 0.05) -> None:
    """End this process as soon as it is no longer `parent`'s child (the portable watch)."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _pickled_failure(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error))
    except Exception:  # one that cannot be pickled travels as its traceback
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        return pickle.dumps((False, RuntimeError(f"a worker process failed:\n{text}")))
