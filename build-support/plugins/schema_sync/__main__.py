"""`python -m schema_sync`: the CLI (`schema_sync.cli`) as a whole process."""

from schema_sync.cli import run_process

run_process()
