"""`generate` killed (SIGKILL) at any moment, or failing at any file system operation, leaves its
output directory entirely old or entirely new: never a mix, never missing. The next run removes
what a killed one left beside it, and no worker process outlives a killed run.

The runs are `python -m schema_sync generate` over the fixture tree, switching it between two
trees (`a`: the fixture tree; `b`: the same plus one table, so each output directory differs).
They are forked by a "zygote", a process that has imported the CLI once, so that a run costs its
own work (~0.1 s) rather than Python's start-up too (~0.25 s) and many fit in a few seconds. The
zygote kills runs itself (it reaps them, so a pid it kills is never another process's), and it is
the subreaper of their workers, so it sees when the last of them has ended.

Kill points are of two kinds: random times, and every kind of file system change the run makes
(an audit hook counts the run's changes and, at the chosen one, SIGKILLs the run or fails the
change with EIO), so that each step of writing and switching the tree is interrupted once.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

import pytest

import schema_sync
from schema_sync.forked import usable_cpus
from schema_sync.tests.model_fixtures import DATA_DIR, FIXTURES

EXTRA_TABLE = """namespace Kill;
[DynamoDBTable("kill_switches")]
public class KillSwitch
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
}
"""
HUNG = 60.0  # seconds after which a run is killed even if it was not to be (the test then fails)
WORKER_GRACE = 1.0  # seconds a killed run's workers may take to end (they are killed at once)
TIMED_KILLS = 12
RANDOM_EVENT_KILLS = 3
Tree = Dict[str, Optional[bytes]]  # relative path -> content, None for a directory
NONE = "none"  # the start without an output directory
TREE = "tree"  # the start with either tree in it (each run switches to the other)


# --- the zygote (runs in its own process) -------------------------------------------------------

_plan: Dict[str, Any] = {}  # the current run's, in the forked run: pid, mode, at, seen, record
_CHANGES = {"os.mkdir", "os.rename", "os.chmod", "os.remove", "os.rmdir", "shutil.rmtree", "os.fork", "fcntl.flock",
            "os.symlink", "os.link", "os.truncate", "os.utime"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _changes_files(event: str, args: Sequence[Any]) -> bool:
    if event == "open":
        return bool(args[2] & _WRITE_FLAGS)
    return event in _CHANGES


def _audit(event: str, args: Sequence[Any]) -> None:
    """In the run process only: count its file system changes, and record, kill or fail at one."""
    if _plan.get("pid") != os.getpid() or not _changes_files(event, args):
        return
    index = _plan["seen"]
    _plan["seen"] = index + 1
    if _plan["mode"] == "record":
        os.write(_plan["record"], f"{event}\n".encode())
    elif index == _plan["at"]:
        if _plan["mode"] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise OSError(errno.EIO, f"injected failure at {event}")


def _become_subreaper() -> None:
    """Orphaned workers of a run become this process's children (Linux), so that it can reap them."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_child_subreaper = 36
        ctypes.CDLL(None).prctl(pr_set_child_subreaper, 1, 0, 0, 0)


def _run(request: Dict[str, Any]) -> None:
    """The forked run: `python -m schema_sync` as its own process group, output to a log."""
    os.setpgid(0, 0)  # its workers share the group: the zygote watches for its last member
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    for target in (1, 2):
        os.dup2(log, target)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.chdir(request["cwd"])
    record = os.open(request["record"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666) if request["record"] else -1
    _plan.update(pid=os.getpid(), mode=request["mode"], at=request["at"], seen=0, record=record)
    from schema_sync.cli import run_process

    sys.argv = ["schema_sync", *request["argv"]]
    run_process()


def _wait_or_kill(pid: int, kill_after: Optional[float]) -> int:
    """The run's wait status, after killing it `kill_after` seconds in (if it is still running);
    a run that hangs is killed after `HUNG` seconds."""
    deadline = time.monotonic() + (HUNG if kill_after is None else kill_after)
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.001)
    os.kill(pid, signal.SIGKILL)  # not reaped yet, so the pid is still the run's
    return os.waitpid(pid, 0)[1]


def _workers_outlived(group: int) -> bool:
    """Whether a member of the run's process group still lives `WORKER_GRACE` after the run ended."""
    deadline = time.monotonic() + WORKER_GRACE
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:  # orphaned workers are this process's children
                pass
        except ChildProcessError:
            pass
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.001)


def zygote() -> None:
    """Serve run requests (one JSON line each on stdin) with one JSON line each on stdout."""
    import schema_sync.cli
    import schema_sync.emit.outputs  # noqa: F401 - imported once here, for every run

    _become_subreaper()
    sys.addaudithook(_audit)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                _run(request)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(70)
        status = _wait_or_kill(pid, request["kill_after"])
        reply = {"status": status, "seconds": time.monotonic() - start, "workers_outlived": _workers_outlived(pid)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


# --- the test -----------------------------------------------------------------------------------


class Zygote:
    """The test's end of the zygote: `run` one `generate` into `out`, from tree `a` or `b`."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.out = tmp_path / "out" / "gen"
        self.out.parent.mkdir()
        extra = tmp_path / "extra" / "KillSwitch.cs"
        extra.parent.mkdir()
        extra.write_text(EXTRA_TABLE)
        fixture = str(FIXTURES / DATA_DIR)
        self.sources = {"a": [fixture], "b": [fixture, str(extra)]}
        plugins_dir = os.path.dirname(os.path.dirname(schema_sync.__file__))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([plugins_dir, *sys.path])}
        code = "from schema_sync.tests.test_output_kill import zygote; zygote()"
        self.process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=env, text=True)

    def run(self, tree: str, mode: str = "none", at: int = -1, kill_after: Optional[float] = None,
            record: Optional[Path] = None) -> Dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": ["generate", "--out", str(self.out), *self.sources[tree]], "cwd": str(self.tmp),
                   "log": str(self.tmp / "runs.log"), "mode": mode, "at": at, "kill_after": kill_after,
                   "record": str(record) if record else None}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        reply: Dict[str, Any] = json.loads(self.process.stdout.readline())
        return reply

    def log(self) -> str:
        path = self.tmp / "runs.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def zygote_runs(tmp_path: Path) -> Iterator[Zygote]:
    runs = Zygote(tmp_path)
    try:
        yield runs
    finally:
        runs.close()


def snapshot(root: Path) -> Tree:
    """Everything below `root` (empty if it does not exist)."""
    tree: Tree = {}
    for directory, subdirectories, files in os.walk(root):
        relative = Path(directory).relative_to(root)
        tree.update({(relative / name).as_posix(): None for name in subdirectories})
        tree.update({(relative / name).as_posix(): (Path(directory) / name).read_bytes() for name in files})
    return tree


class Switcher:
    """Runs that each switch the output to the tree it does not hold (`a` when it holds none),
    checked after each one."""

    def __init__(self, runs: Zygote, trees: Dict[str, Tree]) -> None:
        self.runs = runs
        self.trees = {**trees, NONE: {}}
        self.current = NONE

    def other(self) -> str:
        return "b" if self.current == "a" else "a"

    def bring_to(self, start: str) -> None:
        """The output as `start`: removed (what killed runs left beside it stays), or either tree."""
        if start == NONE:
            shutil.rmtree(self.runs.out, ignore_errors=True)
            self.current = NONE
        elif self.current == NONE:
            assert self.run("a run to the next start")["exit_code"] == 0, self.runs.log()

    def run(self, what: str, **how: Any) -> Dict[str, Any]:
        """One run to the other tree: the output must be one whole tree after it, and a run that
        failed by itself must have left nothing of its own beside it."""
        target = self.other()
        beside = set(os.listdir(self.runs.out.parent))
        reply = self.runs.run(target, **how)
        found = snapshot(self.runs.out)
        outcome = [name for name in (self.current, target) if found == self.trees[name]]
        context = f"{what} ({reply}); log:\n{self.runs.log()}"
        assert outcome, f"the output is neither the old tree nor the new one after {context}: " + _difference(
            found, self.trees[self.current], self.trees[target])
        assert not reply["workers_outlived"], f"a worker outlived the run after {context}"
        code = os.waitstatus_to_exitcode(reply["status"])
        assert code >= 0 or how.get("mode") == "kill" or how.get("kill_after") is not None, f"killed: {context}"
        if code >= 0:  # it ended by itself: its exit status tells which tree it left
            assert outcome[-1] == (target if code == 0 else self.current), f"exit status {code} after {context}"
            if code != 0:
                assert set(os.listdir(self.runs.out.parent)) <= beside, f"staging left after {context}"
        self.current = outcome[-1]
        reply["exit_code"] = code
        return reply


def _difference(found: Tree, old: Tree, new: Tree) -> str:
    return (f"{len(set(found) ^ set(old))} paths differ from the old tree, {len(set(found) ^ set(new))} from "
            f"the new; only in the output: {sorted(set(found) - set(old) - set(new))[:5]}, in neither: "
            f"{sorted(set(old) & set(new) - set(found))[:5]}")


def _kill_points(changes: List[str], rng: random.Random) -> List[int]:
    """The first and the last change of each kind (so every step of a run), and a few at random."""
    first_and_last = {event: [changes.index(event), len(changes) - 1 - changes[::-1].index(event)] for event in changes}
    steps = {index for indexes in first_and_last.values() for index in indexes}
    return sorted(steps | set(rng.sample(range(len(changes)), min(RANDOM_EVENT_KILLS, len(changes)))))


def test_generate_killed_or_failing_at_any_moment_leaves_the_old_tree_or_the_new_one(
    zygote_runs: Zygote, tmp_path: Path
) -> None:
    runs = zygote_runs
    trees: Dict[str, Tree] = {}
    for tree in ("a", "b"):
        assert os.waitstatus_to_exitcode(runs.run(tree)["status"]) == 0, runs.log()
        trees[tree] = snapshot(runs.out)
    assert {path.split("/")[0] for path in set(trees["a"]) ^ set(trees["b"])} >= {
        "python", "typescript", "jsonschema", "cloudformation"}, "the two trees must differ in every directory"
    switcher = Switcher(runs, trees)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    # Every step of a run from either start (a new output directory, or a tree), killed or failed.
    for start in (NONE, TREE):
        switcher.bring_to(start)
        record = tmp_path / f"changes-from-{start}.txt"
        switcher.run(f"a run from {start}, recording its changes", mode="record", record=record)
        changes = record.read_text().split()
        if usable_cpus() >= 2:
            assert "os.fork" in changes, "the run must write with a worker process, for the worker checks"
        for mode in ("kill", "fail"):
            for index in _kill_points(changes, rng):
                switcher.bring_to(start)
                switcher.run(f"{mode} at change {index} ({changes[index]}) from {start}, seed {seed}", mode=mode,
                             at=index)
    switcher.bring_to("b")
    seconds = statistics.median(switcher.run("a timing run")["seconds"] for _ in range(3))
    for _ in range(TIMED_KILLS):
        delay = rng.uniform(0, 1.2 * seconds)
        switcher.run(f"a kill after {delay:.3f} s (a whole run: {seconds:.3f} s), seed {seed}", kill_after=delay)
    assert switcher.run("the last run")["exit_code"] == 0, runs.log()
    assert os.listdir(runs.out.parent) == ["gen"], "staging left beside the output after a successful run"
