"""A second checkout's wall time with the REAPI remote cache vs without it.

Starts BuildGrid on loopback (build-support/remote_cache/buildgrid_server.py) and fills it from
clone A (empty local store and named caches, `pants.remote.toml`), then alternates, `--runs`
times, clone B (another directory) on new, empty local store and named caches: with the profile
(every test must be `(cached remotely)`) and without it (plain `pants.toml`). Both run
`./pants test` on remote_cache_proof.py's TARGETS, no pantsd. Prints medians and every run.

    python3 build-support/benchmarks/remote_cache_bench.py --runs 3    # from the repository root
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "remote_cache"))
import buildgrid_server
from extract_bench import machine
from remote_cache_proof import TARGETS, Run, check_filled, check_hits, clone_head, fail, pants_env, run_pants

ARGS = ("test", *TARGETS)


def clone_b_run(clone: Path, caches: Path, address: Optional[str], expected: List[str]) -> float:
    """One run of clone B on new, empty caches (deleted afterwards); checks what it reports."""
    run: Run = run_pants(clone, pants_env(caches, address), ARGS)
    if address:
        check_hits(run, expected)
    elif run.returncode != 0 or sorted(run.summary()) != expected:
        fail("clone B without the remote cache", run)
    shutil.rmtree(caches, ignore_errors=True)
    return run.wall_s


def measure(work: Path, runs: int) -> Dict[str, List[float]]:
    """Fills the cache from clone A, then alternates clone B with and without it."""
    clone_a, clone_b = clone_head(work / "a" / "repo"), clone_head(work / "b" / "repo")
    times: Dict[str, List[float]] = {"with remote cache": [], "without (cold local)": []}
    with buildgrid_server.running(work / "buildgrid") as server:
        filled = run_pants(clone_a, pants_env(work / "a", server.address), ARGS)
        expected = check_filled(filled)
        print(f"clone A filled the cache in {filled.wall_s:.1f} s ({len(expected)} tests)", flush=True)
        for i in range(runs):
            for name, address in (("with remote cache", server.address), ("without (cold local)", None)):
                times[name].append(clone_b_run(clone_b, work / f"b-{i}-{bool(address)}", address, expected))
                print(f"run {i + 1}: clone B {name}: {times[name][-1]:.1f} s", flush=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="remote-cache-bench-") as work:
        times = measure(Path(work), args.runs)
    print(f"\nMachine: {machine()}\n`./pants test {' '.join(TARGETS)}` in clone B, empty local caches, no pantsd\n")
    print("| clone B | median | runs |\n|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.1f} s | {', '.join(f'{v:.1f}' for v in values)} |")


if __name__ == "__main__":
    main()
