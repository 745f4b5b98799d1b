from schema_sync.cli import run_process

run_process()
