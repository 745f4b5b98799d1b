"""Physical table names of pp_api's tables in a deployment stage."""

from __future__ import annotations


def physical_table_name(table: str, stage: str) -> str:
    """Deployed table name; mirrors `[schema-sync].table_name_template` in pants.toml."""
    return f"purposepath-{table}-{stage}"
