"""The ./pants launcher, run for real against a fresh cache in a throw-away build root.

Each test bootstraps from the package registries (Pants from PyPI, the pex CLI from PyPI's pex
wheel, npm tools), so together they take a minute or two: they are the proof that a fresh
machine needs nothing but the launcher.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

LAUNCHER = Path("pants")
PANTS_TOML = Path("pants.toml")
PINNED_FILES = [
    Path("build-support/npm/package.json"),
    Path("build-support/npm/package-lock.json"),
    Path("build-support/plugins/requirements-in-pants.txt"),
    Path("build-support/launcher/patch_pants.py"),
]
TIMEOUT_S = 900


def _pex_cli_section() -> str:
    match = re.search(r"^\[pex-cli\]\n(?:[^\[\n].*\n|\n)*", PANTS_TOML.read_text(), re.MULTILINE)
    assert match, "pants.toml has no [pex-cli] section"
    return match.group(0)


def _pinned_pex_version() -> str:
    match = re.search(r'^PEX_VERSION="([^"]+)"$', LAUNCHER.read_text(), re.MULTILINE)
    assert match, "the launcher pins no PEX_VERSION"
    return match.group(1)


def _pip_version_setting() -> str:
    """The repo's `[python] pip_version` line: plugin resolves here need the pip the lockfiles use."""
    match = re.search(r"^pip_version = .*$", PANTS_TOML.read_text(), re.MULTILINE)
    assert match, "pants.toml sets no [python] pip_version"
    return match.group(0)


PEX_FILE = f"pex-{_pinned_pex_version()}.pex"


@pytest.fixture()
def buildroot(tmp_path: Path) -> Path:
    """A minimal repo: the real launcher and the files whose pins it reads, no backends."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy2(LAUNCHER, root / "pants")
    for pinned in PINNED_FILES:
        (root / pinned).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pinned, root / pinned)
    (root / "pants.toml").write_text(
        '[GLOBAL]\npants_version = "2.17.1"\nbackend_packages = []\n'
        'ignore_warnings = ["DEPRECATED: Running Pants in an external"]\n\n' + _pex_cli_section()
    )
    return root


def _launch(root: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return _launch_with(root, cache, "--no-pantsd", *args, **env)


def _launch_with(root: Path, cache: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(root / "pants"), *args],
        cwd=root,
        env={**os.environ, "PANTS_LAUNCHER_CACHE": str(cache), **env},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )


def _only_cache_dir(cache: Path) -> Path:
    (entry,) = (p for p in cache.iterdir() if p.is_dir())
    return entry


def test_the_pex_cli_is_pinned_alike_in_the_launcher_and_pants_toml() -> None:
    """A pex upgrade changes the launcher's PEX_VERSION and [pex-cli]'s version, sha256 and file
    together: the launcher reads the sha256 for its own version, Pants the file url_template names."""
    version = _pinned_pex_version()
    section = _pex_cli_section()
    assert f'version = "v{version}"' in section
    known = rf'^known_versions = \["v{re.escape(version)}\|linux_x86_64\|[0-9a-f]{{64}}\|[0-9]+"\]$'
    assert re.search(known, section, re.MULTILINE)
    assert f'url_template = "file://%(buildroot)s/build-support/bin/{PEX_FILE}"' in section


def test_missing_interpreter_is_a_clear_error(buildroot: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _launch(
        buildroot, tmp_path / "cache", "--version",
        PATH=f"{empty}:/usr/bin:/bin", PYENV_ROOT=str(empty), HOME=str(empty),
    )
    assert result.returncode != 0
    assert "needs CPython 3.9" in result.stderr
    assert f"{empty}/versions/3.9.*/bin/python3.9" in result.stderr
    assert "python3.9 on PATH" in result.stderr


def test_bad_interpreter_override_is_a_clear_error(buildroot: Path, tmp_path: Path) -> None:
    result = _launch(buildroot, tmp_path / "cache", "--version", PANTS_LAUNCHER_PYTHON39="/nonexistent/python")
    assert result.returncode != 0
    assert "PANTS_LAUNCHER_PYTHON39=/nonexistent/python is not an executable" in result.stderr


def test_concurrent_first_runs_both_succeed_and_share_one_cache(buildroot: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: _launch(buildroot, cache, "--version"), range(2)))
    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "2.17.1"
    # The lock makes one launch build while the other waits and then reuses it.
    assert sum("bootstrapping Pants" in r.stderr for r in results) == 1
    assert (buildroot / "build-support/bin" / PEX_FILE).is_file()
    # The plugin's requirements live in Pants's own venv, importable by the backend.
    venv_python = _only_cache_dir(cache) / "venv/bin/python"
    # Pants runs the pex CLI on that venv's 3.9 and has it re-execute on the code's interpreter
    # (PEX_PYTHON, as `export` does): the CLI's own bootstrap must identify this test's Python.
    reexecuted = subprocess.run(
        [str(venv_python), str(buildroot / "build-support/bin" / PEX_FILE), "--version"],
        env={**os.environ, "PEX_PYTHON": sys.executable},
        capture_output=True,
        text=True,
    )
    assert reexecuted.returncode == 0, reexecuted.stderr[-3000:]
    assert reexecuted.stdout.strip() == _pinned_pex_version()
    imported = subprocess.run([str(venv_python), "-c", "import tree_sitter_c_sharp"], capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr


def test_corrupted_cache_is_repaired(buildroot: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _launch(buildroot, cache, "--version").returncode == 0
    entry = _only_cache_dir(cache)
    # A half-deleted venv and a tampered pex CLI: both must be rebuilt, not trusted.
    shutil.rmtree(entry / "venv/lib/python3.9/site-packages/pants")
    (entry / PEX_FILE).write_bytes(b"not a pex")
    (buildroot / "build-support/bin" / PEX_FILE).write_bytes(b"not a pex")
    result = _launch(buildroot, cache, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2.17.1"
    assert "bootstrapping Pants" in result.stderr
    assert (buildroot / "build-support/bin" / PEX_FILE).read_bytes() == (entry / PEX_FILE).read_bytes()
    assert (entry / PEX_FILE).stat().st_size > 1_000_000


def _rule_graphs_built(debug_log: str) -> int:
    # Pants logs the file handle limit once per scheduler (rule graph) it builds.
    return debug_log.count("File handle limit is")


def test_bootstrap_rule_graph_is_built_only_for_configured_plugins(buildroot: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    without_plugins = _launch(buildroot, cache, "-ldebug", "--version")
    assert without_plugins.returncode == 0, without_plugins.stderr
    assert without_plugins.stdout.strip() == "2.17.1"
    assert _rule_graphs_built(without_plugins.stderr) == 1
    # The escape hatch: stock Pants, in its own cache entry, builds the bootstrap graph regardless.
    stock = _launch(buildroot, cache, "-ldebug", "--version", PANTS_LAUNCHER_STOCK_PANTS="1")
    assert stock.returncode == 0, stock.stderr
    assert _rule_graphs_built(stock.stderr) == 2
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2

    # With plugins, patched Pants behaves as stock Pants: a bootstrap graph resolves them.
    toml = buildroot / "pants.toml"
    toml.write_text(
        toml.read_text().replace("backend_packages = []\n", 'backend_packages = []\nplugins = ["ansicolors==1.1.8"]\n')
        + f"\n[python]\n{_pip_version_setting()}\n"
    )
    with_plugins = _launch(buildroot, cache, "-ldebug", "--version")
    assert with_plugins.returncode == 0, with_plugins.stderr
    assert "Resolving plugins: ansicolors==1.1.8" in with_plugins.stderr
    assert _rule_graphs_built(with_plugins.stderr) == 2


def _stop_pantsd(root: Path) -> None:
    for pid_file in root.glob(".pids/*/pantsd/pid"):
        try:
            os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass


def test_runs_with_pantsd_go_through_the_native_client(buildroot: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    try:
        # No pantsd yet: the native client hands over to the Python client, which starts one.
        first = _launch_with(buildroot, cache, "--version")
        assert first.returncode == 0, first.stderr
        assert first.stdout.strip() == "2.17.1"
        again = _launch_with(buildroot, cache, "--version")
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == "2.17.1"
        # The installed client answers from pantsd on its own: its Python fallback here cannot run.
        native = subprocess.run(
            [str(_only_cache_dir(cache) / "native_client"), "--version"],
            cwd=buildroot,
            env={**os.environ, "_PANTS_SERVER_EXE": "/bin/false"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        assert native.returncode == 0, native.stderr
        assert native.stdout.strip() == "2.17.1"
    finally:
        _stop_pantsd(buildroot)
    # Without pantsd the same client falls back to Python Pants.
    assert _launch(buildroot, cache, "--version").stdout.strip() == "2.17.1"
