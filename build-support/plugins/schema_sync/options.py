"""Generation options shared by the CLI and the Pants subsystem (one place for defaults)."""

from __future__ import annotations

from dataclasses import dataclass

CONVERSION_SCHEMAS = ("V1", "V2")


@dataclass(frozen=True)
class Options:
    # DynamoDBContext conversion schema; the models alone cannot tell (see docs/generated-code.md).
    conversion: str = "V1"
    # Python package the generated modules live in (`pp_api_models.goal_data_model`).
    python_package: str = "pp_api_models"
    # CloudFormation `!Sub` template for physical table names; `{table}` is the C# table name.
    table_name_template: str = "purposepath-{table}-${Stage}"
    # The project's `<Nullable>` setting ("enable" | "disable"), used where a file has no
    # `#nullable` directive; "disable" is the C# compiler's own default.
    nullable_context: str = "disable"

    def __post_init__(self) -> None:
        if self.conversion not in CONVERSION_SCHEMAS:
            raise ValueError(f"conversion must be one of {CONVERSION_SCHEMAS}, got {self.conversion!r}")
        if self.nullable_context not in ("enable", "disable"):
            raise ValueError(f"nullable_context must be 'enable' or 'disable', got {self.nullable_context!r}")
