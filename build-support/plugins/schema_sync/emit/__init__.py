"""Stage 3, emit: the schema IR -> generated files, one pure function per output (`python`,
`cloudformation`, `typescript`, `jsonschema`), with the names and headers they share (`naming`,
`common`); `outputs` runs all four and writes the result to disk.

Importing this package loads nothing else: the Pants plugin imports single emitters lazily.
"""
