"""Python sides of pp_api's custom `IPropertyConverter`s, registered with the generated codec.

The generated models know a member uses `DateTimeOffsetConverter` but not what it stores: that is
inside the C# `ToEntry`. This module mirrors it: `DateTimeOffset.ToString("o")`, i.e. ISO 8601
with seven fractional digits and the UTC offset (`2026-03-04T05:06:07.8912340+01:00`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, Optional

from pp_api_models import _runtime

_FRACTION_DIGITS = 7  # .NET ticks are 100 ns: "o" always writes seven digits.


def format_round_trip(value: datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    offset = aware.strftime("%z")  # "+0100"
    base = aware.strftime("%Y-%m-%dT%H:%M:%S")
    fraction = f"{aware.microsecond:06d}".ljust(_FRACTION_DIGITS, "0")
    return f"{base}.{fraction}{offset[:3]}:{offset[3:]}"


def parse_round_trip(text: str) -> datetime:
    """Any ISO 8601 form with an offset, like `DateTimeOffset.Parse(..., RoundtripKind)`."""
    head, dot, rest = text.partition(".")
    if dot:  # Python accepts at most six fractional digits: drop the 100 ns tick.
        digits = len(rest) - len(rest.lstrip("0123456789"))
        rest = rest[: min(digits, 6)] + rest[digits:]
        text = f"{head}.{rest}"
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"DateTimeOffset value without an offset: {text!r}")
    return parsed


def _to_attr(value: Any) -> Optional[Dict[str, Any]]:
    return {"S": format_round_trip(value)}


def _from_attr(attribute: Dict[str, Any]) -> datetime:
    return parse_round_trip(attribute["S"])


def register() -> None:
    _runtime.register_converter("DateTimeOffsetConverter", to_attr=_to_attr, from_attr=_from_attr)
