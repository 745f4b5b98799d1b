"""BuildGrid, an existing REAPI server, as a loopback remote cache for this repository.

Installs the BuildGrid pinned in `buildgrid-requirements.txt` from PyPI into its own CPython 3.13
virtualenv under `~/.cache/pp-buildgrid/<key>` (`PP_BUILDGRID_CACHE` moves it; the key hashes the
pins and the interpreter, so a rerun reuses it), writes a cache-only config (in-memory CAS, action
cache and ByteStream, no database) into a state directory, starts `bgd server start` on a free
127.0.0.1 port, waits until it answers GetCapabilities, and stops it by pid.

    python3 build-support/remote_cache/buildgrid_server.py start DIR [--port 50051]  # prints the address
    python3 build-support/remote_cache/buildgrid_server.py stop DIR

Other scripts use `running(state_dir)`, which stops the server even when they fail.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "buildgrid-requirements.txt"
INSTANCE_NAME = "main"
START_TIMEOUT_S = 90.0
# BuildGrid's default is 5 gRPC threads per CPU and as many concurrent RPCs; Pants opens up to 128
# cache and 128 store RPCs at once, and the ones over the limit fail (`ResourceExhausted:
# "Concurrent RPC limit exceeded!"`): a lost write is a miss for the next clone.
CONFIG_TEMPLATE = """\
thread-pool-size: 32
maximum-concurrent-rpcs: 512
server:
  - !channel
    address: "127.0.0.1:{port}"
    insecure-mode: true
authorization:
  method: none
storages:
  - !lru-storage &cas
    size: 2G
caches:
  - !lru-action-cache &ac
    storage: *cas
    max-cached-refs: 100000
    allow-updates: true
    cache-failed-actions: false
instances:
  - name: {instance}
    services:
      - !cas
        storage: *cas
      - !bytestream
        storage: *cas
      - !action-cache
        cache: *ac
"""


@dataclass(frozen=True)
class Server:
    """A running BuildGrid: its pid, gRPC address (as Pants spells it) and log file."""

    pid: int
    port: int
    log: Path

    @property
    def address(self) -> str:
        return f"grpc://127.0.0.1:{self.port}"


def find_python313() -> Path:
    """The CPython 3.13 BuildGrid 0.9.1 needs: `PP_BUILDGRID_PYTHON`, pyenv's 3.13.*, or PATH."""
    explicit = os.environ.get("PP_BUILDGRID_PYTHON")
    if explicit:
        return Path(explicit)
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = sorted(glob.glob(f"{pyenv_root}/versions/3.13.*/bin/python3.13"))
    on_path = shutil.which("python3.13")
    for candidate in [*candidates, *([on_path] if on_path else [])]:
        probe = subprocess.run([candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 13)"])
        if probe.returncode == 0:
            return Path(candidate)
    raise SystemExit("buildgrid_server: CPython 3.13 not found (pyenv install 3.13, or set PP_BUILDGRID_PYTHON)")


def venv_dir(python: Path) -> Path:
    """The cache entry for these pins on this interpreter."""
    version = subprocess.run([str(python), "-VV"], capture_output=True, text=True, check=True).stdout
    key = hashlib.sha256(REQUIREMENTS.read_bytes() + version.encode()).hexdigest()[:16]
    root = Path(os.environ.get("PP_BUILDGRID_CACHE", str(Path.home() / ".cache" / "pp-buildgrid")))
    return root / key


def ensure_venv() -> Path:
    """Installs the pinned BuildGrid once (under a lock, so concurrent callers are safe); returns `bgd`."""
    python = find_python313()
    venv = venv_dir(python)
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / "complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([str(python), "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}  # PyPI only, whatever pip.conf adds
            subprocess.run([*pip, "--no-deps", "-r", str(REQUIREMENTS)], check=True, env=env)
            (venv / "complete").write_text("")
    return venv / "bin" / "bgd"


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def answers(bgd: Path, port: int) -> bool:
    """Whether the server answers the REAPI GetCapabilities call for our instance."""
    call = [str(bgd), "capabilities", "--remote", f"http://127.0.0.1:{port}", "--instance-name", INSTANCE_NAME]
    try:
        return subprocess.run(call, capture_output=True, timeout=30).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until_ready(bgd: Path, server: Server, process: subprocess.Popen[bytes]) -> None:
    """Polls the port, then GetCapabilities; fails with the log if the server exits or is too slow."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"BuildGrid exited ({process.returncode}):\n{server.log.read_text()[-3000:]}")
        if port_open(server.port) and answers(bgd, server.port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"BuildGrid did not answer within {START_TIMEOUT_S:.0f} s:\n{server.log.read_text()[-3000:]}")


def start(state_dir: Path, port: Optional[int] = None) -> Server:
    """Starts BuildGrid in its own session with its state (config, log, pid) in `state_dir`."""
    bgd = ensure_venv()
    state_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = state_dir / "bgd.yml"
    config.write_text(CONFIG_TEMPLATE.format(port=port, instance=INSTANCE_NAME))
    log = state_dir / "bgd.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(bgd), "server", "start", str(config)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(pid=process.pid, port=port, log=log)
    (state_dir / "bgd.pid").write_text(f"{process.pid}\n")
    try:
        wait_until_ready(bgd, server, process)
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Server, grace_s: float = 10.0) -> None:
    """SIGTERM by pid (BuildGrid exits in 0.4-2 s), SIGKILL after `grace_s`; reaps our own child."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(server.pid, os.WNOHANG)[0] == server.pid:
                return
        if not alive(server.pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(server.pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(server.pid, 0)


@contextlib.contextmanager
def running(state_dir: Path) -> Iterator[Server]:
    """A started server for the `with` block, stopped by pid however the block ends."""
    server = start(state_dir)
    try:
        yield server
    finally:
        stop(server)


def stop_recorded(state_dir: Path) -> None:
    """Stops the server whose pid `start` recorded in `state_dir`, if it is still BuildGrid."""
    pid_file = state_dir / "bgd.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists() and b"bgd" in cmdline.read_bytes():
        stop(Server(pid=pid, port=0, log=state_dir / "bgd.log"))
    pid_file.unlink()


def main(argv: List[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "install"])
    parser.add_argument("state_dir", type=Path, nargs="?", default=Path(".pids/buildgrid"))
    parser.add_argument("--port", type=int, default=None, help="default: a free loopback port")
    args = parser.parse_args(argv)
    if args.action == "install":
        print(ensure_venv())
    elif args.action == "start":
        print(start(args.state_dir.resolve(), args.port).address)
    else:
        stop_recorded(args.state_dir.resolve())


if __name__ == "__main__":
    main(sys.argv[1:])
