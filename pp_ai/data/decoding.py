"""Reading stored items through a generated model, with a bad item reported by attribute."""

from __future__ import annotations

import decimal
from typing import Any, Mapping, Type, TypeVar

from pp_api_models._runtime import DynamoModel
from pydantic import ValidationError

M = TypeVar("M", bound=DynamoModel)

# What the generated codecs raise for an attribute value of the wrong shape (an S where an N is
# stored, a number that is not one, an unknown enum member, ...).
_CODEC_ERRORS = (TypeError, ValueError, KeyError, LookupError, decimal.InvalidOperation)


def decode_item(model: Type[M], item: Mapping[str, Any]) -> M:
    """`model.from_item(item)`, raising `ItemMismatch` naming the first attribute that does not fit."""
    from pp_ai.data.errors import ItemMismatch

    try:
        return model.from_item(item)
    except ValidationError as error:
        first = error.errors()[0]
        attribute = ".".join(str(part) for part in first["loc"]) or "?"
        raise ItemMismatch(model.__name__, attribute, first["msg"]) from error
    except _CODEC_ERRORS as error:
        raise ItemMismatch(model.__name__, _failing_attribute(model, item), str(error)) from error


def _failing_attribute(model: Type[DynamoModel], item: Mapping[str, Any]) -> str:
    """The stored attribute whose value the model's codec cannot decode."""
    for spec in model.ATTRIBUTES:
        raw = item.get(spec.attribute)
        if raw is None or "NULL" in raw:
            continue
        try:
            spec.codec.decode(raw)
        except _CODEC_ERRORS:
            return spec.attribute
    return "?"
