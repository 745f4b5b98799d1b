"""Source of the shared `<package>/_runtime.py` every generated pydantic module imports.

The runtime is a real module, `shipped/_runtime.py` (linted, type-checked and tested as code),
read here as text and never imported: it imports pydantic, which must never be loaded inside
Pants. The Python emitter writes it out verbatim after a header. It depends on nothing in the
IR, so the Pants plugin generates it once per Python resolve, from a `csharp_model_runtime` target.

What it implements is the item codec described in docs/generated-code.md: the DynamoDB
attribute values .NET's `DynamoDBContext` writes, under conversion schema V1 or V2.
"""

from __future__ import annotations

import functools
import pkgutil

# Relative to `schema_sync.emit`; read as package data (the loader's `get_data`) so it is found
# wherever the package is loaded from: the source tree in Pants's process, a test sandbox, a zipped
# PEX. Not `importlib.resources`: it would add ~15 modules (pathlib, zipfile, tempfile...) to the
# generator's start-up.
RUNTIME_RESOURCE = "shipped/_runtime.py"


@functools.cache
def runtime_source() -> str:
    """The runtime module's text, exactly as shipped (no header)."""
    data = pkgutil.get_data("schema_sync.emit", RUNTIME_RESOURCE)
    if data is None:  # a loader that cannot read package data: nothing to generate from
        raise FileNotFoundError(f"schema_sync.emit/{RUNTIME_RESOURCE}: the package's loader cannot read it")
    # Newlines as Python reads source: a CRLF checkout generates the same bytes.
    return data.decode("utf-8").replace("\r\n", "\n")
