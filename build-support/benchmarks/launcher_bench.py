"""Warm overhead of the ./pants launcher: `./pants --version` against the Pants it execs.

Both with pantsd running, alternated, median of N runs each; the difference is what the launcher
adds (its cache checks and the exec).

    python3 build-support/benchmarks/launcher_bench.py [--runs 21]      # from the repository root
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import subprocess
import time
from typing import List, Sequence


def wall_time(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    cache_root = os.environ.get("PANTS_LAUNCHER_CACHE", os.path.expanduser("~/.cache/pp-pants-launcher"))
    (pants_bin,) = glob.glob(os.path.join(cache_root, "*", "venv", "bin", "pants"))[:1] or [""]
    if not pants_bin:
        raise SystemExit("run ./pants once first: no launcher cache found")
    wall_time(["./pants", "--version"])  # Starts pantsd.
    launcher: List[float] = []
    direct: List[float] = []
    env_pants = [pants_bin, "--version"]
    for _ in range(args.runs):
        launcher.append(wall_time(["./pants", "--version"]))
        direct.append(wall_time(env_pants))
    overhead = statistics.median(launcher) - statistics.median(direct)
    print(f"./pants --version (pantsd):        median {statistics.median(launcher) * 1000:.0f} ms")
    print(f"venv/bin/pants --version (pantsd): median {statistics.median(direct) * 1000:.0f} ms")
    print(f"launcher overhead:                 {overhead * 1000:.0f} ms")


if __name__ == "__main__":
    main()
