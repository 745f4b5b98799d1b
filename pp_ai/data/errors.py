"""Typed errors of the data layer: what callers can handle without parsing boto3 messages."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class DataError(Exception):
    """Base of the data layer's own errors."""


class VersionConflict(DataError):
    """A conditional write lost: the stored `[DynamoDBVersion]` is not the one the model was loaded
    with (or, for an item without one, it no longer holds what was read).

    .NET's `DynamoDBContext.SaveAsync` throws `ConditionalCheckFailedException` in the same case;
    nothing was written.
    """

    def __init__(
        self, table: str, key: Mapping[str, Any], expected_version: Optional[int], versioned: bool = True
    ) -> None:
        self.table = table
        self.key = dict(key)
        self.expected_version = expected_version
        state = "no version" if expected_version is None else f"version {expected_version}"
        detail = f" (expected {state})" if versioned else ""
        super().__init__(f"{table} item {self.key} changed since it was read{detail}")


class ItemMismatch(DataError):
    """A stored item cannot be read as its model; `attribute` is the stored attribute name
    (dotted into nested maps, e.g. `target.Value`)."""

    def __init__(self, model: str, attribute: str, reason: str) -> None:
        self.model = model
        self.attribute = attribute
        self.reason = reason
        super().__init__(f"{model}: attribute {attribute!r} does not match the model: {reason}")
