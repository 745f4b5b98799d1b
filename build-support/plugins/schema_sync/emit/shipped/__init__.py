"""Files the emitters ship verbatim into generated output (`_runtime.py`: the pydantic models' item codec).

They are code for the generated packages, not for the generator: the emitters read them as text
(`schema_sync.emit.python_runtime.runtime_source`) and never import them, since they import pydantic,
which must not be loaded inside Pants. This package marker only gives linters, type checkers and the
runtime's own tests one module name for them.
"""
