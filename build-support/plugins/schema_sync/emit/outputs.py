"""All four outputs from one IR, and writing them to an output directory all-or-nothing.

`generate()` is pure (IR + options -> {relative path: bytes}); `write_tree()` and
`write_generated()` (the CLI's `generate`, optionally over several processes) write an output
directory, which belongs to the generator as a whole:
- it is written only when it is new or empty, or holds exactly what an earlier run wrote there
  (listed in its manifest, `MANIFEST`): anything else in it is refused, by name, before anything
  is written, so no file a user put there is ever deleted;
- the new tree is written complete into a staging directory beside it, which then takes its place
  in one atomic step (`_switch`): a reader, or a run killed at any moment, sees the whole old tree
  or the whole new one, never a mix and never nothing;
- staging left behind by a killed run is removed by the next run.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import secrets
import shutil
import stat
import sys
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Sequence, Set, Tuple

from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.errors import EmitError, Problem
from schema_sync.emit.index import IRIndex
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.python_package import emit_python_package
from schema_sync.emit.typescript import emit_typescript
from schema_sync.emit.validation import checked_index
from schema_sync.forked import run_forked, share_count
from schema_sync.ir import Diagnostic, SchemaIR
from schema_sync.options import Options

Emitter = Callable[[SchemaIR, Options], Dict[str, str]]
# Ordered so that every other one (`write_generated` on two CPUs) splits the work about evenly:
# at 1,000 models Python + TypeScript took 0.68 s, JSON Schema + CloudFormation 0.59 s.
EMITTERS: Tuple[Tuple[str, Emitter], ...] = (
    ("python", emit_python_package),  # the modules, as a regular typed package
    ("jsonschema", emit_jsonschema),
    ("typescript", emit_typescript),
    ("cloudformation", emit_cloudformation),
)

# In an output directory: the files the run that wrote it wrote (all of them, and only them).
MANIFEST = ".schema-sync-manifest.json"
# Beside an output directory DIR: `.DIR.schema-sync-staging-<random>`, a run's new tree until it
# replaces DIR, then DIR's old tree until it is deleted.
STAGING_INFIX = ".schema-sync-staging-"
_FOREIGN_SHOWN = 10  # foreign entries named in a refusal; the rest are counted


def generate(ir: SchemaIR, options: Options) -> Dict[str, bytes]:
    """`python/…`, `cloudformation/…`, `typescript/…`, `jsonschema/…` -> UTF-8 contents, sorted."""
    index = _generatable(ir)  # held here, so that the emitters share it (and its memos)
    files = _emitted(index, options, EMITTERS)
    return dict(sorted(files.items()))


def _generatable(ir: SchemaIR) -> IRIndex:
    """The IR's index, checked (`checked_index`) once here for every emitter; EmitError first for
    the errors extraction found, each at its position."""
    if ir.errors:
        raise EmitError(*(_schema_error(d) for d in ir.errors))
    return checked_index(ir)


def _emitted(index: IRIndex, options: Options, emitters: Sequence[Tuple[str, Emitter]]) -> Dict[str, bytes]:
    files: Dict[str, bytes] = {}
    for directory, emitter in emitters:
        for path, text in emitter(index.ir, options).items():
            files[f"{directory}/{path}"] = text.encode("utf-8")
    return files


def _schema_error(diagnostic: Diagnostic) -> Problem:
    """An extraction error as the reason nothing is generated, at its position, hint kept."""
    hint = f" (hint: {diagnostic.hint})" if diagnostic.hint else ""
    return Problem(diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.message + hint)


def write_generated(ir: SchemaIR, options: Options, out_dir: str, processes: int = 1) -> int:
    """`write_tree(out_dir, generate(ir, options))`; returns the number of files written.

    With `processes` > 1 (the command line only: see `forked`), the emitters are split into that
    many groups, each emitting and writing its own directories in a forked process: they are
    independent given the IR, so a whole tree takes the time of the slowest group.
    """
    index = _generatable(ir)  # before forking: each worker inherits the index, checked
    count = share_count(EMITTERS, processes, 1)
    groups = [EMITTERS[start::count] for start in range(count)]

    def fill(staging: str) -> List[str]:
        written = run_forked([functools.partial(_write_group, index, options, group, staging) for group in groups])
        return [path for paths in written for path in paths]

    return _replace_output_dir(out_dir, fill)


def _write_group(index: IRIndex, options: Options, emitters: Sequence[Tuple[str, Emitter]], root: str) -> List[str]:
    files = _emitted(index, options, emitters)
    write_files(root, files)
    return list(files)


def write_tree(out_dir: str, files: Mapping[str, bytes]) -> None:
    """Make the output directory `out_dir` hold exactly `files`, all-or-nothing (see the module)."""

    def fill(staging: str) -> List[str]:
        write_files(staging, files)
        return list(files)

    _replace_output_dir(out_dir, fill)


def output_dir_problems(out_dir: str, inputs: Sequence[str] = ()) -> List[str]:
    """Why `out_dir` cannot be replaced by a generated tree, one message per problem ([] if it can):
    an empty name, an overlap with an input path (`inputs`) or the working directory, a
    non-directory, or entries that the run which wrote it did not write."""
    if not out_dir:
        return ["the output directory is an empty string: name a directory"]
    target = Path(os.path.realpath(out_dir))
    problems = [
        f"the output directory {out_dir} overlaps the input {path}: generate replaces the output directory as a whole"
        for path in inputs
        if _overlap(target, Path(os.path.realpath(path)))
    ]
    if _within(_working_directory(), target):
        problems.append(f"the output directory {out_dir} contains the working directory, which generate would replace")
    if target.exists() and not target.is_dir():
        problems.append(f"the output directory {out_dir} exists and is not a directory")
    elif target.is_dir():
        problems.extend(_foreign_problems(out_dir, target))
    return problems


def _working_directory() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:  # deleted: nothing generate could replace
        return Path(os.devnull)


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _overlap(first: Path, second: Path) -> bool:
    return _within(first, second) or _within(second, first)


def _foreign_problems(out_dir: str, target: Path) -> List[str]:
    owned = _manifest_of(target)
    foreign = _foreign_entries(target, owned)
    if not foreign:
        return []
    shown = ", ".join(foreign[:_FOREIGN_SHOWN]) + (
        f" and {len(foreign) - _FOREIGN_SHOWN} more" if len(foreign) > _FOREIGN_SHOWN else ""
    )
    if owned is None:
        return [
            f"the output directory {out_dir} is not empty and was not written by generate (it has no {MANIFEST}): "
            f"{shown}. Choose a new or empty directory; if it holds the output of an older generate, delete it once"
        ]
    return [
        f"the output directory {out_dir} holds what generate did not write: {shown}. Generate replaces the "
        "directory as a whole: move them elsewhere first"
    ]


def _manifest_of(target: Path) -> Set[str] | None:
    """The files listed in `target`'s manifest; None without a readable one."""
    try:
        with open(target / MANIFEST, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        return None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list) or not all(isinstance(path, str) for path in files):
        return None
    return set(files)


def _foreign_entries(target: Path, owned: Set[str] | None) -> List[str]:
    """What is in `target` but not in its manifest (`owned`, with the manifest itself), sorted;
    a directory holding no owned file is named once, not walked."""
    owned_files = set() if owned is None else owned | {MANIFEST}
    owned_directories = {path[:index] for path in owned_files for index, char in enumerate(path) if char == "/"}
    foreign: List[str] = []
    pending = [""]
    while pending:
        directory = pending.pop()
        with os.scandir(target / directory) as entries:
            for entry in entries:
                path = directory + entry.name
                is_directory = entry.is_dir(follow_symlinks=False)
                if is_directory and path in owned_directories:
                    pending.append(path + "/")
                elif not (entry.is_file(follow_symlinks=False) and path in owned_files):
                    foreign.append(path + "/" if is_directory else path)
    return sorted(foreign)


def _replace_output_dir(out_dir: str, fill: Callable[[str], List[str]]) -> int:
    """Replace the output directory `out_dir` by what `fill(staging)` writes into an empty staging
    directory (returning the relative paths written), in one atomic step; the number of files.
    On any error, or if `out_dir` is refused, nothing changes."""
    problems = output_dir_problems(out_dir)
    if problems:
        raise EmitError(*problems)
    target = Path(os.path.realpath(out_dir))  # a symlink to the directory stays a symlink to the new tree
    _remove_abandoned_staging(target)
    staging, lock = _new_staging(target)
    try:
        written = sorted(fill(str(staging)))
        _write_manifest(staging, written)
        _switch(staging, target)
    finally:
        os.close(lock)
        _remove(staging)  # the old tree after the switch, else the unfinished new one
    return len(written)


def _write_manifest(root: Path, written: List[str]) -> None:
    document = {
        "generated_by": "python -m schema_sync generate, which replaces this directory as a whole and refuses "
                        "to if it holds anything not listed here (docs/generated-code.md)",
        "files": written,
    }
    with open(root / MANIFEST, "x", encoding="utf-8") as handle:
        handle.write(json.dumps(document, indent=1) + "\n")


def _remove_abandoned_staging(target: Path) -> None:
    """Delete the staging directories beside `target` that no live run holds (a killed run's)."""
    prefix = f".{target.name}{STAGING_INFIX}"
    try:
        with os.scandir(target.parent) as entries:
            abandoned = [Path(e.path) for e in entries if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return
    for staging in abandoned:
        try:
            lock = _try_lock(staging)
        except OSError:  # removed meanwhile, or not ours to open: housekeeping never fails a run
            continue
        if lock is not None:
            _remove(staging)
            os.close(lock)


def _remove(staging: Path) -> None:
    """Delete a staging directory as far as possible: what is left is removed by the next run, and
    housekeeping never fails a run (nor makes one that switched the tree report a failure)."""
    try:
        shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        pass


def _new_staging(target: Path) -> Tuple[Path, int]:
    """A new, empty staging directory beside `target`, locked for this run (the lock is a
    descriptor to close; it also ends with the process, however it ends)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        staging = target.parent / f".{target.name}{STAGING_INFIX}{secrets.token_hex(6)}"
        try:
            os.mkdir(staging)  # 0o777 less the umask, like any directory the user makes
        except FileExistsError:
            continue
        try:
            lock = _try_lock(staging)
        except FileNotFoundError:  # removed meanwhile by another run's clean-up
            continue
        except BaseException:
            os.rmdir(staging)
            raise
        if lock is not None:  # else another run's clean-up is removing it
            return staging, lock


def _try_lock(directory: Path) -> int | None:
    """A descriptor of `directory` holding an exclusive lock on it, or None while another process
    holds it (a run still writing there)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        import fcntl  # lazily, and not on Windows (which cannot fork either: one run at a time)
    except ImportError:  # pragma: no cover - Windows
        return descriptor
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _switch(staging: Path, target: Path) -> None:
    """Make `target` the complete tree in `staging` in one step; `staging` then holds the old tree."""
    if not target.exists():
        os.rename(staging, target)  # atomic: the directory appears whole
        return
    os.chmod(staging, stat.S_IMODE(target.stat().st_mode))  # the directory keeps its permissions
    _exchange(staging, target)


def _exchange(first: Path, second: Path) -> None:
    """Swap two directories' names atomically where the OS can; elsewhere by three renames, which
    a kill can interrupt with `second` missing (its old tree then beside it, removed next run)."""
    swap = _atomic_swap()
    if swap is not None:
        error = swap(os.fsencode(first), os.fsencode(second))
        if error == 0:
            return
        if error not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):  # not "unsupported here"
            raise OSError(error, os.strerror(error), str(second))
    aside = first.with_name(first.name + "-old")  # a staging name still
    os.rename(second, aside)
    try:
        os.rename(first, second)
    except OSError:
        os.rename(aside, second)
        raise
    os.rename(aside, first)


@functools.cache
def _atomic_swap() -> Callable[[bytes, bytes], int] | None:
    """The C library's atomic exchange of two paths, returning 0 or the errno: Linux's
    renameat2(RENAME_EXCHANGE) or macOS's renamex_np(RENAME_SWAP); None elsewhere."""
    import ctypes  # lazily: only writing needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to load
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        at_fdcwd, rename_exchange = -100, 2

        def call(first: bytes, second: bytes) -> int:
            return int(renameat2(at_fdcwd, first, at_fdcwd, second, rename_exchange))

    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):  # pragma: no cover - macOS
        renamex_np = libc.renamex_np
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        rename_swap = 2

        def call(first: bytes, second: bytes) -> int:
            return int(renamex_np(first, second, rename_swap))

    else:  # pragma: no cover - other systems
        return None

    def swap(first: bytes, second: bytes) -> int:
        return 0 if call(first, second) == 0 else ctypes.get_errno()

    return swap


def _checked_relative(path: str) -> str:
    parts = path.split("/")
    if not path or path.startswith("/") or ".." in parts or "" in parts or "\\" in path or path == MANIFEST:
        raise EmitError(f"refusing to write outside the output directory: {path!r}")
    return path


def write_files(root: str, files: Mapping[str, bytes]) -> None:
    """Create `files` (relative POSIX paths) below the existing directory `root`, each directory
    once (a whole tree is ~4,000 files in a few directories)."""
    relative = [_checked_relative(path) for path in files]
    for directory in sorted({path.rpartition("/")[0] for path in relative} - {""}):
        os.makedirs(os.path.join(root, directory), exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for path, content in zip(relative, files.values()):
        descriptor = os.open(os.path.join(root, path), flags, 0o666)  # the umask applies, as for open()
        try:
            unwritten = memoryview(content)
            while unwritten:
                unwritten = unwritten[os.write(descriptor, unwritten):]
        finally:
            os.close(descriptor)


__all__: List[str] = [
    "EMITTERS", "MANIFEST", "STAGING_INFIX", "generate", "output_dir_problems", "write_files", "write_generated",
    "write_tree",
]
