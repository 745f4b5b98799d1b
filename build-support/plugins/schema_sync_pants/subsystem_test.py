"""`[schema-sync]` declares each generation option (`schema_sync.options.Options`) with the core's
default and, for a closed set, as an `EnumOption` of the core's enum: the CLI takes its `choices`
from the same place (tests/test_cli_options.py), so the two cannot drift apart."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict

import pytest
from pants.option.option_types import collect_options_info
from pants.testutil.option_util import create_subsystem

from schema_sync.options import CLOSED_SETS, ConversionSchema, NullableContext, Options
from schema_sync_pants.subsystem import SchemaSyncSubsystem


def _declared() -> Dict[str, Dict[str, Any]]:
    """Option name (as `pants.toml` spells it) -> what the subsystem registers for it."""
    return {
        info.flag_names[0][2:].replace("-", "_"): info.flag_options
        for info in collect_options_info(SchemaSyncSubsystem)
    }


@pytest.mark.parametrize("field", [field.name for field in dataclasses.fields(Options)])
def test_each_generation_option_has_the_cores_default_and_closed_set(field: str) -> None:
    declared = _declared()[field]
    default = getattr(Options(), field)
    values = CLOSED_SETS.get(field)
    if values is None:
        assert (declared["type"], declared["default"]) == (str, default)
    else:  # an EnumOption: Pants rejects anything else while parsing, naming the allowed values
        assert (declared["type"], declared["default"]) == (values, values(default))


def test_generation_options_hand_the_core_the_spellings_it_validates() -> None:
    subsystem = create_subsystem(
        SchemaSyncSubsystem,
        conversion=ConversionSchema.V2,
        nullable_context=NullableContext.ENABLE,
        python_package="acme_models",
        table_name_template="acme-{table}",
    )
    assert subsystem.generation_options() == Options(
        conversion="V2", nullable_context="enable", python_package="acme_models", table_name_template="acme-{table}"
    )
