"""Python sides of pp_api's custom `IPropertyConverter`s, registered with the generated codec.

The generated models know a member uses `DateTimeOffsetConverter` but not what it stores: that is
inside the C# `ToEntry`. pp_api's writes `DateTimeOffset.ToString("o")` (ISO 8601, seven
fractional digits, the UTC offset kept), which is exactly the ready-made pair the runtime ships.
"""

from __future__ import annotations

from pp_api_models import _runtime


def register() -> None:
    _runtime.register_converter(
        "DateTimeOffsetConverter",
        to_attr=_runtime.datetimeoffset_to_attr,
        from_attr=_runtime.datetimeoffset_from_attr,
    )
