"""Proof that a second checkout reuses the first one's test results through a REAPI remote cache.

Starts BuildGrid on a free loopback port (buildgrid_server.py), then, with the opt-in profile
`pants.remote.toml` and no pantsd:
1. clone A, a `git clone` of HEAD with empty local store and named caches, runs
   `./pants test <TARGETS>`: everything runs locally and is written to the remote cache;
2. clone B, in another directory with its own empty caches, runs the same: every test must say
   `(cached remotely)`, the pp_ai tests included, whose inputs are generated from pp_api's C# models
   (a hit needs generation byte-identical across checkouts);
3. the server is stopped; B, with a fresh local store, runs `./pants test pp_ai::`: it must pass,
   running locally, and print Pants's remote-cache warning.
The server is stopped by pid however the script ends. Exits non-zero if any check fails.

    python3 build-support/remote_cache/remote_cache_proof.py     # from the repository root; CI runs it

TARGETS leaves out build-support/integration and build-support/launcher: they run `./pants` itself
in temporary repositories (minutes each, twice here); the proof needs tests over generated code
(pp_ai) and the plugin's own (the generator core and the Pants plugin's RuleRunner tests).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildgrid_server

REPO = Path(__file__).resolve().parents[2]
TARGETS = ("pp_ai::", "build-support/plugins::")
FALLBACK_TARGETS = ("pp_ai::",)
PROFILE = "pants.remote.toml"
REMOTE_WARNING = "Failed to read from remote cache"
CACHE_ERROR = re.compile(r"Failed to (read from|write to) remote cache")
# Pants's test summary line: `✓ pp_ai/tests/test_app.py succeeded in 5.42s (cached remotely).`, for a
# batch `✓ pp_ai/tests/test_app.py and 8 other files succeeded in ...` (pp_ai's tests run as one).
SUMMARY = re.compile(
    r"^[✓✕] (?P<address>\S+)(?: and \d+ other files)? (?P<status>succeeded|failed) in \S+?s"
    r"(?: \((?P<source>[^)]*)\))?\.$"
)


@dataclass(frozen=True)
class Run:
    """One `./pants` invocation: its wall time, exit code and combined output."""

    wall_s: float
    returncode: int
    output: str

    def summary(self) -> Dict[str, str]:
        """Test address -> where its result came from ("ran", "cached remotely", ...)."""
        found: Dict[str, str] = {}
        for line in self.output.splitlines():
            match = SUMMARY.match(line.strip())
            if match:
                found[match["address"]] = match["source"] or "ran"
        return found


def clone_head(dest: Path) -> Path:
    """A fresh clone of this repository's HEAD (committed work only, as CI sees it)."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(dest)], check=True)
    return dest


def pants_env(caches: Path, remote_address: Optional[str], named_caches: Optional[Path] = None) -> Dict[str, str]:
    """This process's environment without PANTS_* settings (the launcher cache excepted), plus
    empty local caches under `caches` and, given an address, the remote profile pointed at it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTS_") or k == "PANTS_LAUNCHER_CACHE"}
    env.update(
        PANTS_PANTSD="false",
        PANTS_LOCAL_STORE_DIR=str(caches / "store"),
        PANTS_NAMED_CACHES_DIR=str(named_caches or caches / "named"),
    )
    if remote_address:
        env.update(PANTS_CONFIG_FILES=PROFILE, PANTS_REMOTE_STORE_ADDRESS=remote_address)
    return env


def run_pants(clone: Path, env: Dict[str, str], args: Sequence[str]) -> Run:
    start = time.perf_counter()
    result = subprocess.run(
        ["bash", "pants", *args], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return Run(time.perf_counter() - start, result.returncode, result.stdout)


def fail(what: str, run: Run) -> None:
    raise SystemExit(f"remote-cache proof FAILED: {what}\n--- last output ---\n{run.output[-6000:]}")


def check_filled(run: Run) -> List[str]:
    """Clone A: the tests passed and ran (an empty server cannot have answered them), no cache errors."""
    tests = run.summary()
    if run.returncode != 0 or not tests:
        fail(f"clone A's run failed (rc={run.returncode})", run)
    not_run = [address for address, source in tests.items() if source != "ran"]
    if not_run:
        fail(f"clone A did not run {not_run} itself", run)
    if CACHE_ERROR.search(run.output):  # e.g. a write the server refused: a miss for clone B
        fail("clone A could not use the remote cache", run)
    return sorted(tests)


def check_hits(run: Run, expected: List[str]) -> None:
    """Clone B: the same tests passed, every one `(cached remotely)`, pp_ai's included."""
    tests = run.summary()
    misses = [address for address in expected if tests.get(address) != "cached remotely"]
    if run.returncode != 0 or misses:
        fail(f"clone B: not `(cached remotely)`: {misses or 'run failed'}", run)
    if not any(address.startswith("pp_ai/") for address in expected):
        fail("no pp_ai test (generated code) among the cached tests", run)


def check_fallback(run: Run) -> None:
    """Server stopped: the run passes, runs locally, and Pants warns about the remote cache."""
    tests = run.summary()
    if run.returncode != 0 or not tests:
        fail(f"the run with the server stopped failed (rc={run.returncode})", run)
    if REMOTE_WARNING not in run.output:
        fail(f"no `{REMOTE_WARNING}` warning with the server stopped", run)
    if any(source != "ran" for source in tests.values()):
        fail(f"with the server stopped and an empty store every test must run locally: {tests}", run)


def prove(work: Path) -> List[Tuple[str, Run]]:
    """The three runs and their checks; returns them for the report."""
    args = ("test", *TARGETS)
    clone_a, clone_b = clone_head(work / "a" / "repo"), clone_head(work / "b" / "repo")
    with buildgrid_server.running(work / "buildgrid") as server:
        print(f"BuildGrid {server.address} (pid {server.pid}); ./pants {' '.join(args)} in {clone_a}", flush=True)
        filled = run_pants(clone_a, pants_env(work / "a", server.address), args)
        expected = check_filled(filled)
        print(f"clone A: {len(expected)} tests ran and were stored in {filled.wall_s:.1f} s", flush=True)
        hit = run_pants(clone_b, pants_env(work / "b", server.address), args)
        check_hits(hit, expected)
        print(f"clone B: {len(expected)} tests (cached remotely) in {hit.wall_s:.1f} s", flush=True)
    # A's named caches are warm (pex_root): this run re-does the work, not the downloads.
    env = pants_env(work / "b-stopped", server.address, named_caches=work / "a" / "named")
    fallback = run_pants(clone_b, env, ("test", *FALLBACK_TARGETS))
    check_fallback(fallback)
    print(f"server stopped: {' '.join(FALLBACK_TARGETS)} passed locally with a warning in {fallback.wall_s:.1f} s")
    return [("clone A, empty cache (fills it)", filled), ("clone B (cached remotely)", hit),
            (f"server stopped, {' '.join(FALLBACK_TARGETS)}", fallback)]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="remote-cache-proof-") as work:
        runs = prove(Path(work))
    print("\n| run | wall time |\n|---|---|")
    for name, run in runs:
        print(f"| {name} | {run.wall_s:.1f} s |")
    warning = next(line for line in runs[-1][1].output.splitlines() if REMOTE_WARNING in line)
    print(f"\nremote-cache proof passed. The warning: {warning.strip()}")


if __name__ == "__main__":
    main()
