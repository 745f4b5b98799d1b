"""The README's two commands on a fresh clone of this repository's HEAD, as a new user runs them.

Empty launcher cache, local store and named caches (`PANTS_LAUNCHER_CACHE`, `PANTS_LOCAL_STORE_DIR`,
`PANTS_NAMED_CACHES_DIR` pointed at new directories); pip's and npm's own download caches stay as
they are. Runs `./pants package pp_ai::` then `./pants test ::` once each (pantsd as a user has it,
stopped at the end), then both again warm, and prints the wall times.

    python3 build-support/benchmarks/fresh_clone_bench.py      # from the repository root
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import machine
from pants_bench import REPO, pants, stop_pantsd

COMMANDS = (("package", "pp_ai::"), ("test", "::"))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fresh-clone-") as work:
        root = Path(work)
        clone = root / "clone"
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        env = {
            "PANTS_LAUNCHER_CACHE": str(root / "launcher"),
            "PANTS_LOCAL_STORE_DIR": str(root / "store"),
            "PANTS_NAMED_CACHES_DIR": str(root / "named"),
        }
        rows: List[str] = []
        try:
            for state in ("cold", "warm, pantsd"):
                for args in COMMANDS:
                    rows.append(f"| `./pants {' '.join(args)}` | {state} | {pants(clone, *args, env=env):.1f} s |")
        finally:
            stop_pantsd(clone)
    print(f"Machine: {machine()}\n\n| command | state | wall time |\n|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
