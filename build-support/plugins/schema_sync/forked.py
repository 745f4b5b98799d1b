"""Independent pieces of one command-line run on several CPUs, by `fork`.

Only the short-lived `python -m schema_sync` process uses this: a forked child inherits the
parsed sources and the IR for free (copy-on-write), where a process pool would pickle them over.
Never call it inside a long-lived multi-threaded process (Pants's daemon): forking one is unsafe.
"""

from __future__ import annotations

import os
import pickle
import traceback
from typing import Any, Callable, List, Sequence, Tuple, TypeVar

Result = TypeVar("Result")
Item = TypeVar("Item")

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


def run_forked(tasks: Sequence[Callable[[], Result]]) -> List[Result]:
    """Each task's result, in order: the first task runs here, each other one in a forked child
    that sends its result (or its exception) back pickled. Without `fork`, all run here."""
    if len(tasks) < 2 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    children = [_start(task) for task in tasks[1:]]
    try:
        first = tasks[0]()
    finally:
        others: List[Result] = [_result_of(child) for child in children]  # reaped even if the first failed
    return [first, *others]


def _start(task: Callable[[], Result]) -> Tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send, and leave without the parent's exit handlers or buffers
        try:
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
    return pid, read_end


def _pickled_failure(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error))
    except Exception:  # one that cannot be pickled travels as its traceback
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        return pickle.dumps((False, RuntimeError(f"a worker process failed:\n{text}")))


def _result_of(child: Tuple[int, int]) -> Any:
    pid, read_end = child
    try:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()  # before waiting: a result larger than the pipe's buffer blocks the child
        # Unpickled before reaping: the child's exit (tearing down its copy of a large heap) runs
        # meanwhile (~0.1 s at 5,000 files).
        outcome = pickle.loads(payload) if payload else None
    finally:
        _, status = os.waitpid(pid, 0)
    if outcome is None:
        raise RuntimeError(f"a worker process died without a result (wait status {status})")
    succeeded, value = outcome
    if not succeeded:
        raise value
    return value
