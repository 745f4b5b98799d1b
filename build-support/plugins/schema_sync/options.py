"""Generation options shared by the CLI and the Pants subsystem (one place for defaults and for
the values an option may take)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Mapping, Tuple, Type


class ConversionSchema(enum.Enum):
    """The `DynamoDBEntryConversion` schema of the .NET `DynamoDBContext`: V1 (the SDK default:
    bool as N 1/0, lists of primitives as sets) or V2 (bool as BOOL, lists as L)."""

    V1 = "V1"
    V2 = "V2"


class NullableContext(enum.Enum):
    """The .NET project's `<Nullable>` setting, for C# files without a `#nullable` directive."""

    ENABLE = "enable"
    DISABLE = "disable"


def choices(values: Type[enum.Enum]) -> Tuple[str, ...]:
    """The spellings an option of closed set `values` accepts, as the CLI and `pants.toml` write them."""
    return tuple(member.value for member in values)


@dataclass(frozen=True)
class Options:
    # DynamoDBContext conversion schema (a `ConversionSchema` value); the models alone cannot
    # tell (see docs/generated-code.md).
    conversion: str = ConversionSchema.V1.value
    # Python package the generated modules live in (`pp_api_models.goal_data_model`).
    python_package: str = "pp_api_models"
    # CloudFormation `!Sub` template for physical table names; `{table}` is the C# table name.
    table_name_template: str = "purposepath-{table}-${Stage}"
    # The project's `<Nullable>` setting (a `NullableContext` value), used where a file has no
    # `#nullable` directive; "disable" is the C# compiler's own default.
    nullable_context: str = NullableContext.DISABLE.value

    def __post_init__(self) -> None:
        for name, values in CLOSED_SETS.items():
            allowed = choices(values)
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {getattr(self, name)!r}")


# The `Options` fields whose values are a closed set, and that set: `Options` validation, the CLI's
# `choices` and the Pants subsystem's `EnumOption`s all take it from here.
CLOSED_SETS: Mapping[str, Type[enum.Enum]] = {"conversion": ConversionSchema, "nullable_context": NullableContext}
