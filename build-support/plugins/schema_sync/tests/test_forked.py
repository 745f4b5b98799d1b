"""Work split over forked processes: results in order, failures raised here, output unchanged."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Callable, Dict, List, NoReturn

import pytest

from schema_sync.emit.errors import EmitError
from schema_sync.emit.outputs import generate, write_generated
from schema_sync.extract import extract
from schema_sync.forked import exit_once_orphaned, run_forked, share_count, shares
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_sources
from schema_sync.tests.test_output_dir import read_output_dir


def _in_process_id() -> int:
    return os.getpid()


def test_results_come_back_in_order_from_other_processes() -> None:
    tasks: List[Callable[[], object]] = [_in_process_id, lambda: [n * n for n in range(10_000)], _in_process_id]
    here, squares, there = run_forked(tasks)
    assert here == os.getpid() and there != os.getpid()
    assert squares == [n * n for n in range(10_000)]  # larger than a pipe's buffer


@pytest.mark.parametrize("count", [1, 2, 3, 7])
@pytest.mark.parametrize("child_share", [0.75, 1.0])
def test_shares_cover_the_items_in_order_sized_as_asked(count: int, child_share: float) -> None:
    items = list(range(1000))
    cut = shares(items, count, child_share)
    assert len(cut) == count and [i for share in cut for i in share] == items
    assert all(abs(len(share) - child_share * len(cut[0])) <= 1 for share in cut[1:])
    assert shares([], count, child_share) == [[]] * count


def test_share_count_gives_each_process_enough_items() -> None:
    assert share_count(range(99), 2, 50) == 1  # two shares would have fewer than 50 each
    assert share_count(range(100), 2, 50) == 2
    assert share_count(range(10_000), 2, 50) == 2  # never more processes than asked for
    assert share_count([], 4, 1) == 1


def _fails() -> int:
    raise EmitError("no such table")


def test_a_child_failure_is_raised_in_the_parent() -> None:
    with pytest.raises(EmitError, match="no such table"):
        run_forked([lambda: 1, _fails])


def test_a_child_that_dies_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="died without a result"):
        run_forked([lambda: 1, lambda: os._exit(3)])


def test_parsing_in_several_processes_gives_the_same_ir() -> None:
    sources: Dict[str, bytes] = {}
    for copy in range(6):  # enough files for three processes to be worth it (diagnostics included)
        sources.update({f"copy{copy}/{path}": text for path, text in fixture_sources().items()})
    assert len(sources) >= 150
    assert extract(sources, Options(), processes=3) == extract(sources, Options())


def _table_models(count: int) -> Dict[str, bytes]:
    """`count` table models, every third with a member the SDK cannot store (an error)."""
    template = """using Amazon.DynamoDBv2.DataModel;
namespace Many;
[DynamoDBTable("table_{i}")]
public class Model{i}
{{
    [DynamoDBHashKey("pk")] public string Id {{ get; set; }}
    public int? Count{i} {{ get; set; }}
    {extra}
}}
"""
    unstorable = "public System.IntPtr Handle { get; set; }"
    return {
        f"Many/Model{i}.cs": template.format(i=i, extra=unstorable if i % 3 == 0 else "").encode()
        for i in range(count)
    }


def test_building_models_in_several_processes_gives_the_same_ir() -> None:
    sources = _table_models(250)  # enough models for two processes to be worth it
    serial = extract(sources, Options())
    assert len(serial.models) == 250 and len(serial.errors) >= 80
    assert extract(sources, Options(), processes=2) == serial


def test_write_generated_over_processes_writes_what_generate_returns(tmp_path: Path) -> None:
    files = generate(fx.kitchen_sink(), Options())
    for processes in (1, 2, 4):
        out = tmp_path / f"out{processes}"
        assert write_generated(fx.kitchen_sink(), Options(), str(out), processes) == len(files)
        assert read_output_dir(out) == files


def test_write_generated_writes_nothing_when_a_group_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_generated(fx.kitchen_sink(), Options(), str(out), 2)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(EmitError):
        write_generated(fx.hostile(), Options(), str(out), 2)  # its table name is invalid
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, whose parent has not reaped it, does not; a container's init
    may never reap the orphans it adopts)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel (an orphan's new parent reaps it at once there)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _ends_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _written_pid(path: Path) -> int:
    """The pid a worker wrote to `path`, once it has (the worker then runs its long task)."""
    deadline = time.monotonic() + 30
    while not path.exists() or not path.read_text().endswith("\n"):
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.01)
    return int(path.read_text())


def _note_pid_then_sleep(path: Path) -> None:
    path.write_text(f"{os.getpid()}\n")
    time.sleep(60)


def _forked_parent(body: Callable[[], object]) -> int:
    """A forked process running `body` (as the parent of its own workers), then ending."""
    pid = os.fork()
    if pid == 0:
        try:
            body()
        finally:
            os._exit(0)
    return pid


def test_a_worker_dies_with_its_parent_even_killed(tmp_path: Path) -> None:
    """SIGKILL runs no cleanup in the parent: the kernel must end its workers (they would go on
    writing into a staging directory nobody removes)."""
    note = tmp_path / "worker"
    parent = _forked_parent(lambda: run_forked([lambda: time.sleep(60), lambda: _note_pid_then_sleep(note)]))
    worker = _written_pid(note)
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    assert _ends_within(worker, 5), "the worker outlived its killed parent"


def test_the_portable_watch_ends_an_orphaned_worker(tmp_path: Path) -> None:
    """Where the kernel cannot (not Linux), a thread ends the worker once it is orphaned."""
    note = tmp_path / "worker"

    def watched_worker() -> NoReturn:
        threading.Thread(target=exit_once_orphaned, args=(os.getppid(),), daemon=True).start()
        _note_pid_then_sleep(note)
        os._exit(0)

    def parent_of_the_worker() -> None:
        _forked_parent(watched_worker)
        time.sleep(60)

    parent = _forked_parent(parent_of_the_worker)
    worker = _written_pid(note)
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    assert _ends_within(worker, 5), "the worker outlived its killed parent"


def test_a_failure_here_kills_and_reaps_the_workers_at_once(tmp_path: Path) -> None:
    note = tmp_path / "worker"

    def fails_once_the_worker_runs() -> None:
        _written_pid(note)
        raise EmitError("failed here")

    start = time.monotonic()
    with pytest.raises(EmitError, match="failed here"):
        run_forked([fails_once_the_worker_runs, lambda: _note_pid_then_sleep(note)])
    assert time.monotonic() - start < 30, "the failure waited for the worker's work"
    with pytest.raises(ChildProcessError):  # reaped: not even a zombie is left
        os.waitpid(_written_pid(note), os.WNOHANG)


def test_a_failing_worker_does_not_leave_the_others_unreaped(tmp_path: Path) -> None:
    note = tmp_path / "worker"
    with pytest.raises(EmitError, match="no such table"):
        run_forked([lambda: 1, _fails, lambda: note.write_text(f"{os.getpid()}\n")])
    with pytest.raises(ChildProcessError):
        os.waitpid(_written_pid(note), os.WNOHANG)
