"""The parser's one constant-factor speed-up: one object per equal frozen syntax value.

Files repeat the same few values over and over (`{ get; set; }`, `public`, `string`, `using System;`,
positions, literals): `parse` asks `shared` for them instead of building each again, across every
file a process parses. Building the dataclass costs more than the lookup, and a pickle of many
files (the command line's worker processes send theirs back) holds each value once. Measured on
the 1,000-file benchmark tree (build-support/benchmarks), one process: parsing 0.67 -> 0.56 s CPU,
pickling and unpickling the parse results 0.30 -> 0.15 s (5.0 -> 3.4 MB).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Hashable, TypeVar, cast

Value = TypeVar("Value")

# Bounded: a Pants daemon parses for days. Emptied when full (the values stay valid: they are frozen).
_MAX_SHARED = 100_000
_shared: Dict[Hashable, Any] = {}


def shared(key: Hashable, build: Callable[[], Value]) -> Value:
    """The value `build()` made for the first caller asking with `key` (a tuple starting with what
    kind of value it is, so that kinds never collide). `key` must determine the value entirely."""
    found = _shared.get(key)
    if found is None:
        if len(_shared) >= _MAX_SHARED:
            _shared.clear()
        found = _shared[key] = build()
    return cast(Value, found)
