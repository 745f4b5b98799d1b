"""Warm overhead of the ./pants launcher: everything it does before exec'ing Pants.

Pants itself takes seconds without pantsd, which would drown the launcher's few milliseconds, so
this points the launcher at a copy of the warm cache whose `pants` executable is a no-op script
and compares `./pants` (the launcher, then Pants's native client handing over to that script)
with running that script directly (median of N alternated runs each).

    python3 build-support/benchmarks/launcher_bench.py [--runs 51]      # from the repository root
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from typing import Dict, List, Sequence


def wall_time(argv: Sequence[str], env: Dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env)
    return time.perf_counter() - start


def stub_cache(real_entry: str, root: str) -> None:
    """Same layout as the warm cache entry (what the launcher checks), `venv/bin/pants` a no-op."""
    entry = os.path.join(root, os.path.basename(real_entry))
    shutil.copytree(real_entry, entry, symlinks=True, ignore=shutil.ignore_patterns("node_modules", "venv"))
    os.makedirs(os.path.join(entry, "venv", "bin"))
    os.symlink(os.path.join(real_entry, "venv", "lib"), os.path.join(entry, "venv", "lib"))
    os.symlink(os.path.join(real_entry, "venv", "bin", "python"), os.path.join(entry, "venv", "bin", "python"))
    os.symlink(os.path.join(real_entry, "node_modules"), os.path.join(entry, "node_modules"))
    # The marker the launcher checks for a complete venv.
    open(os.path.join(entry, "venv", "requirements.done"), "w").close()
    with open(os.path.join(entry, "venv", "bin", "pants"), "w") as stub:
        stub.write("#!/bin/sh\nexit 0\n")
    os.chmod(os.path.join(entry, "venv", "bin", "pants"), 0o755)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=51)
    args = parser.parse_args()
    cache_root = os.environ.get("PANTS_LAUNCHER_CACHE", os.path.expanduser("~/.cache/pp-pants-launcher"))
    key = subprocess.run(
        ["bash", "-c", "source ./pants && cache_key"], check=True, capture_output=True, text=True
    ).stdout.strip()
    entry = os.path.join(cache_root, key)
    if not os.path.isfile(os.path.join(entry, "complete")):
        raise SystemExit("run ./pants once first: no warm launcher cache found")
    with tempfile.TemporaryDirectory() as root:
        stub_cache(entry, root)
        # Without pantsd the native client always hands over to (the no-op) Pants; with it, a
        # pantsd already running for this repository would answer instead.
        env = {**os.environ, "PANTS_LAUNCHER_CACHE": root, "PANTS_PANTSD": "false"}
        stub = os.path.join(root, key, "venv", "bin", "pants")
        launcher: List[float] = []
        direct: List[float] = []
        for _ in range(args.runs):
            launcher.append(wall_time(["./pants"], env))
            direct.append(wall_time([stub], env))
    overhead_ms = (statistics.median(launcher) - statistics.median(direct)) * 1000
    print(f"./pants -> no-op Pants: median {statistics.median(launcher) * 1000:.1f} ms")
    print(f"no-op Pants directly:   median {statistics.median(direct) * 1000:.1f} ms")
    print(f"launcher overhead:      {overhead_ms:.1f} ms (goal < 200 ms)")


if __name__ == "__main__":
    main()
