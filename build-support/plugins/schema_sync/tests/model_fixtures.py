"""The plugin's own C# model tree, `fixtures/Data/`: a realistic .NET Data folder (tables, a base
class with audit fields, GSIs, an LSI, enums, constants, a property converter, V1 sets, nullable
contexts). The golden, robustness and generated-code tests read it, never a user's models, so an
edit to a project's `.cs` files cannot break or select the plugin's tests.

Paths are relative to `fixtures/` (`Data/GoalDataModel.cs`), whatever the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.options import Options

FIXTURES = Path(__file__).parent / "fixtures"
DATA_DIR = "Data"  # relative to FIXTURES, as the CLI is given it after chdir(FIXTURES)


def fixture_sources() -> Dict[str, bytes]:
    """Every `.cs` file of the fixture tree, keyed by its path relative to `fixtures/`, sorted."""
    paths = sorted(path.relative_to(FIXTURES).as_posix() for path in (FIXTURES / DATA_DIR).rglob("*.cs"))
    return {path: (FIXTURES / path).read_bytes() for path in paths}


def fixture_ir() -> SchemaIR:
    """The fixture tree's IR with the default options."""
    return extract(fixture_sources(), Options())
