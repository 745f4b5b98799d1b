"""How the core's modules may depend on each other, read from their imports (function-level ones
included): the rule modules (index, validation, storage, presence, names...) and the lock use no
emitter of one output language, emitters use no other emitter, and no module reaches another's
private names. So a rule lives where every consumer can read it, and data flows one way: from the
IR through the rules to the emitters and the lock. And the emitters' comments stand alone."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

CORE = Path(__file__).resolve().parents[1]  # schema_sync/
EMITTERS = frozenset({f"schema_sync.emit.{name}" for name in ("python", "typescript", "jsonschema", "cloudformation")})
# Who may use an emitter: the module that runs them all, the one that completes the Python output
# into a package, the two that compare with what the CloudFormation emitter deploys (the lock
# records its logical IDs and refuses what it refuses), and the deploy plan, whose steps it writes.
MAY_USE_EMITTERS: Dict[str, Set[str]] = {
    "schema_sync.emit.outputs": set(EMITTERS),
    "schema_sync.emit.python_package": {"schema_sync.emit.python"},
    "schema_sync.lock": {"schema_sync.emit.cloudformation"},
    "schema_sync.drift": {"schema_sync.emit.cloudformation"},
    "schema_sync.plan": {"schema_sync.emit.cloudformation"},
}


def core_modules() -> Iterator[Tuple[str, ast.Module]]:
    """(module name, syntax tree) of every module of the generator core (the tests and the shipped
    runtime, which is generated output, not core code, excluded)."""
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE.parent)
        if {"tests", "shipped"} & set(relative.parts):
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def imported(tree: ast.Module) -> Iterator[Tuple[str, List[str]]]:
    """(module, names imported from it) of every import in the tree, function-level ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from schema_sync.emit import python` imports a module too.
                yield f"{node.module}.{alias.name}", []
            yield node.module, [alias.name for alias in node.names]


MODULES = dict(core_modules())


def test_the_core_is_found() -> None:
    assert {"schema_sync.lock", "schema_sync.emit.python", "schema_sync.emit.presence"} <= set(MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_runner_and_the_cloudformation_comparisons_use_emitters(module: str) -> None:
    used = {name for name, _ in imported(MODULES[module]) if name in EMITTERS} - {module}
    assert used <= MAY_USE_EMITTERS.get(module, set()), f"{module} uses the emitters {sorted(used)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_another_modules_private_names(module: str) -> None:
    private = [(source, name) for source, names in imported(MODULES[module]) for name in names
               if source.startswith("schema_sync") and name.startswith("_")]
    assert not private, f"{module} imports private names: {private}"


def test_the_split_grab_bag_is_gone() -> None:
    """Each rule in the module of its concern, no re-export shim left behind."""
    assert "schema_sync.emit.common" not in MODULES
    assert not [module for module, tree in MODULES.items() for source, _ in imported(tree)
                if source.startswith("schema_sync.emit.common")]


# Pointers to what is not in the repository: its code and docs must stand alone.
_OUTSIDE = re.compile(r"conversion reference|DESIGN\.md|design notes|search tool|/work/shared", re.IGNORECASE)
_EMIT_AND_LOCK = ("emit", "lock.py", "breaking.py", "drift.py")


@pytest.mark.parametrize("path", sorted(str(p.relative_to(CORE)) for part in _EMIT_AND_LOCK for p in
                                        ([CORE / part] if part.endswith(".py") else (CORE / part).rglob("*.py"))))
def test_comments_point_at_nothing_outside_the_repository(path: str) -> None:
    found = [f"{path}:{number}: {line.strip()}"
             for number, line in enumerate((CORE / path).read_text(encoding="utf-8").splitlines(), 1)
             if _OUTSIDE.search(line)]
    assert not found, found
