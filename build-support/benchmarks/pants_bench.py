"""Pants-level benchmark of the C# codegen plugin, in throw-away copies of this repository.

Reports medians (and all runs) of whole `./pants` commands:
  pp_api scale   - cold `export-codegen pp_api::` (no pantsd, fresh local store),
                   warm `export-codegen pp_api::` (pantsd),
                   the loop "edit one model -> affected tests green" with pantsd
                   (the README's `--changed-since=HEAD ... test`, pp_ai's tests, which Pants runs
                   as one pytest batch), against `test --force pp_ai/tests/test_goals.py` with
                   pantsd (a batch of one): goal loop <= 1.5x that; and how many loops reused
                   the stack deploy test's result (the edit leaves the stack template as it was);
                   and the loop against its own test files forced (what it adds to its tests).
  1,000 models   - the same synthetic tree as extract_bench.py under `bench/`: cold
                   `export-codegen bench::` (goal <= 17 s; Pants's protobuf backend: 67 s), and
                   edit one model -> re-export with pantsd (goal <= 1.6 s).
                   Cold runs alternate stock Pants (PANTS_LAUNCHER_STOCK_PANTS=1) with the
                   launcher's patched Pants, and time a cold `--version` (start-up alone) too.

    python3 build-support/benchmarks/pants_bench.py [--runs 5] [--only pp_api|1000]   # from the repo root

Named caches (the resolved plugin requirements, pex venvs) stay warm in every case: they are
per-machine, not per-build; "cold" means no pantsd and an empty local store for process results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import generate_tree, machine

REPO = Path(__file__).resolve().parents[2]
GOAL_MODEL = "pp_api/Data/GoalDataModel.cs"
STACK_DEPLOY_TEST = "pp_ai/stack/deploy_test.py"
RUN_TOKEN = f"{os.getpid()}_{int(time.time())}"


def copy_repo(destination: Path) -> Path:
    """Tracked and untracked-but-not-ignored files, as a new git repository with one commit."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    for relative in filter(None, listed):
        source = REPO / relative
        if source.is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    commit_all(destination, "baseline")
    return destination


def commit_all(repo: Path, message: str) -> None:
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", message],
        cwd=repo, check=True,
    )


def pants(repo: Path, *args: str, env: Dict[str, str] | None = None) -> float:
    """Run `./pants ARGS` and return its wall time; a failure aborts the benchmark."""
    return timed_pants(repo, *args, env=env)[0]


def timed_pants(repo: Path, *args: str, env: Dict[str, str] | None = None) -> Tuple[float, str]:
    """Run `./pants ARGS`: its wall time and its stderr (Pants's summary); a failure aborts the benchmark."""
    start = time.perf_counter()
    result = subprocess.run(
        ["bash", "pants", *args], cwd=repo, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"`./pants {' '.join(args)}` failed in {repo}:\n{result.stderr[-4000:]}")
    return elapsed, result.stderr


def stop_pantsd(repo: Path) -> None:
    for pid_file in repo.glob(".pids/*/pantsd/pid"):
        try:
            os.kill(int(pid_file.read_text().strip()), 15)
        except (ProcessLookupError, ValueError):
            pass
    time.sleep(1)


def measure(runs: int, once: Callable[[int], float]) -> List[float]:
    return [once(i) for i in range(runs)]


def summary(name: str, times: List[float]) -> str:
    shown = ", ".join(f"{t:.2f}" for t in times)
    return f"| {name} | {statistics.median(times):.2f} s | {shown} |"


def edit(path: Path, run: int) -> None:
    """A real model change (a new persisted property), different on every run and every
    benchmark invocation, so no process result can come from an earlier run's cache.

    Inserted before the file's last closing brace: the class's, in files with a file-scoped
    namespace (pp_api's GoalDataModel.cs and every synthetic model are).
    """
    text = path.read_text()
    end = text.rstrip().rfind("}")
    addition = f'    public string BenchField{run}_{RUN_TOKEN} {{ get; set; }} = "{run}";\n'
    path.write_text(text[:end] + addition + text[end:])


def cold(repo: Path, *args: str, env: Dict[str, str] | None = None) -> float:
    """One `./pants ARGS` without pantsd and with an empty local store."""
    store = tempfile.mkdtemp(prefix="pants-store-")
    try:
        return pants(repo, "--no-pantsd", f"--local-store-dir={store}", *args, env=env)
    finally:
        shutil.rmtree(store, ignore_errors=True)


def cold_stock_vs_patched(repo: Path, spec: str, runs: int) -> List[str]:
    """Cold start-up and cold export, stock Pants and the launcher's patched Pants alternated."""
    variants = {"stock Pants": {"PANTS_LAUNCHER_STOCK_PANTS": "1"}, "patched Pants": {}}
    pants(repo, "--no-pantsd", "--version", env=variants["stock Pants"])  # Builds its launcher cache.
    commands = {"`--version`": ("--version",), f"`export-codegen {spec}`": ("export-codegen", spec)}
    times: Dict[str, List[float]] = {}
    for _ in range(runs):
        for variant, env in variants.items():
            for command, args in commands.items():
                times.setdefault(f"cold {command}, {variant}", []).append(cold(repo, *args, env=env))
    return [summary(name, measured) for name, measured in times.items()]


def result_reused(test_output: str, test_file: str) -> bool:
    """Whether Pants's test summary shows `test_file`'s result taken from the cache (or pantsd's
    memo of an equal run), not run."""
    return any(
        line.startswith(f"✓ {test_file}") and line.endswith(("(cached locally).", "(memoized)."))
        for line in test_output.splitlines()
    )


CHANGED_TESTS = ("--changed-since=HEAD", "--changed-dependents=transitive", "--filter-target-type=python_test")


def loop_selection(repo: Path) -> List[str]:
    """The test files a goal edit selects (its transitive dependents, as `--changed-dependents`
    finds them), but the stack's deploy test, whose result the loop reuses (`test --force` would
    run it): what the loop runs besides regenerating the model."""
    dependents = _pants_output(repo, "dependents", "--transitive", GOAL_MODEL)
    tests = _pants_output(repo, "--filter-target-type=python_test", "list", *dependents)
    files = sorted({address.split(":", 1)[0] for address in tests})  # `dir/file.py:target` -> the file
    return [path for path in files if path != STACK_DEPLOY_TEST]


def _pants_output(repo: Path, *args: str) -> List[str]:
    return subprocess.run(["bash", "pants", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.split()


def pp_api_scale(work: Path, runs: int) -> List[str]:
    repo = copy_repo(work / "pp")
    cold_runs = measure(runs, lambda _: cold(repo, "export-codegen", "pp_api::"))
    rows = [summary("cold `export-codegen pp_api::` (no pantsd, empty store)", cold_runs)]
    pants(repo, "export-codegen", "pp_api::")  # Starts pantsd.
    warm = measure(runs, lambda _: pants(repo, "export-codegen", "pp_api::"))
    rows.append(summary("warm `export-codegen pp_api::` (pantsd)", warm))
    pants(repo, "test", "pp_ai/tests/test_goals.py")
    single = measure(runs, lambda _: pants(repo, "test", "--force", "pp_ai/tests/test_goals.py"))
    rows.append(summary("single `test --force pp_ai/tests/test_goals.py` (pantsd)", single))

    reused: List[bool] = []
    selected = loop_selection(repo)
    forced_selection: List[float] = []

    def loop(run: int) -> float:
        # The loop's own tests, forced first (no edit since the last loop: the same code).
        forced_selection.append(pants(repo, "test", "--force", *selected))
        edit(repo / GOAL_MODEL, run)
        # The README's command exactly: a model edit selects only pp_ai's tests.
        elapsed, output = timed_pants(repo, *CHANGED_TESTS, "test")
        reused.append(result_reused(output, STACK_DEPLOY_TEST))
        return elapsed

    loop_times = measure(runs, loop)
    rows.append(summary("edit GoalDataModel.cs -> affected tests green (pantsd)", loop_times))
    rows.append(f"| ratio loop / single test | {statistics.median(loop_times) / statistics.median(single):.2f}x | |")
    rows.append(summary(f"the loop's {len(selected)} test files forced, no edit (pantsd)", forced_selection))
    rows.append(f"| ratio loop / its test files forced | "
                f"{statistics.median(loop_times) / statistics.median(forced_selection):.2f}x | |")
    # A new plain property leaves the stack template's bytes as they were: the deploy's result is reused.
    rows.append(f"| loops that reused `{STACK_DEPLOY_TEST}`'s result | {sum(reused)} of {len(reused)} | |")
    stop_pantsd(repo)
    return rows


def synthetic_repo(destination: Path, file_count: int) -> Path:
    """A copy of this repository with the synthetic tree under `bench/`, tailored and committed."""
    repo = copy_repo(destination)
    generate_tree(str(repo / "bench"), file_count=file_count)
    pants(repo, "--no-pantsd", "tailor", "bench::")
    commit_all(repo, f"{file_count} synthetic models")
    return repo


def reexports_after_an_edit(repo: Path, runs: int) -> List[float]:
    """Start pantsd with one `export-codegen bench::`, then edit one model and export, `runs` times.
    pantsd is left running (callers read its memory or stop it)."""
    pants(repo, "export-codegen", "bench::")  # Starts pantsd and fills its memo.
    model = next((repo / "bench/Models/Area0").glob("*.cs"))

    def reexport(run: int) -> float:
        edit(model, run)
        return pants(repo, "export-codegen", "bench::")

    return measure(runs, reexport)


def thousand_models(work: Path, runs: int) -> List[str]:
    repo = synthetic_repo(work / "big", 1000)
    rows = cold_stock_vs_patched(repo, "bench::", runs)
    rows.append(summary("edit one model -> `export-codegen bench::` (pantsd)", reexports_after_an_edit(repo, runs)))
    stop_pantsd(repo)
    return rows


PARTS: Dict[str, Callable[[Path, int], List[str]]] = {"pp_api": pp_api_scale, "1000": thousand_models}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=sorted(PARTS), help="one part instead of all")
    args = parser.parse_args()
    parts = [PARTS[args.only]] if args.only else list(PARTS.values())
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="pants-bench-") as work:
        rows = [row for part in parts for row in part(Path(work), args.runs)]
    # Other work on the machine stretches these timings (the loop's most: its tests wait on a server).
    print(f"Machine: {machine()}; load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end\n")
    print("| measurement | median | runs |\n|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
