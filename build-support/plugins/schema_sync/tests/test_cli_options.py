"""The command line's generation options: each declared once, with the core's default and, for a
closed set, exactly the values of its enum in `schema_sync.options` (which the Pants subsystem's
`EnumOption`s use too: schema_sync_pants/subsystem_test.py)."""

from __future__ import annotations

import dataclasses
from typing import Dict, List

import pytest

from schema_sync import ir
from schema_sync.cli import COMMANDS, _generation_options, build_parser
from schema_sync.options import CLOSED_SETS, ConversionSchema, Options, choices

FLAGS = {"conversion": "--conversion", "nullable_context": "--nullable", "python_package": "--package",
         "table_name_template": "--table-name-template"}
# What each command needs besides its options, and the `Options` fields it takes.
REQUIRED: Dict[str, List[str]] = {"extract": [], "generate": ["--out", "o"], "lock": ["--out", "o"],
                                  "check-lock": ["--lock", "l"], "plan": ["--lock", "l"], "drift": ["--stage", "s"]}
SOURCE_FIELDS = ["conversion", "nullable_context"]
TAKEN = {command: SOURCE_FIELDS if command == "extract" else sorted(FLAGS) for command in REQUIRED}
GIVEN = {"conversion": "V2", "nullable_context": "enable", "python_package": "acme.models",
         "table_name_template": "acme-{table}"}


def test_every_command_and_option_is_covered() -> None:
    assert sorted(REQUIRED) == sorted(COMMANDS)
    assert sorted(FLAGS) == sorted(field.name for field in dataclasses.fields(Options))


@pytest.mark.parametrize("command", sorted(REQUIRED))
def test_each_option_a_command_takes_reaches_its_options(command: str) -> None:
    flags = [part for field in TAKEN[command] for part in (FLAGS[field], GIVEN[field])]
    args = build_parser().parse_args([command, *REQUIRED[command], *flags, "Models"])
    assert _generation_options(args) == Options(**{field: GIVEN[field] for field in TAKEN[command]})
    # Not given: the core's defaults.
    assert _generation_options(build_parser().parse_args([command, *REQUIRED[command], "Models"])) == Options()


@pytest.mark.parametrize("command", sorted(REQUIRED))
@pytest.mark.parametrize("field", sorted(CLOSED_SETS))
def test_a_closed_set_option_takes_exactly_its_enums_values(
    command: str, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for value in choices(CLOSED_SETS[field]):
        args = build_parser().parse_args([command, *REQUIRED[command], FLAGS[field], value, "Models"])
        assert getattr(_generation_options(args), field) == value
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([command, *REQUIRED[command], FLAGS[field], "nope", "Models"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert f"{FLAGS[field]}: invalid choice: 'nope'" in error
    assert all(repr(value) in error for value in choices(CLOSED_SETS[field]))


@pytest.mark.parametrize("field", sorted(CLOSED_SETS))
def test_options_refuse_a_value_outside_the_closed_set_naming_the_allowed_ones(field: str) -> None:
    allowed = ", ".join(choices(CLOSED_SETS[field]))
    with pytest.raises(ValueError, match=f"^{field} must be one of {allowed}, got 'nope'$"):
        Options(**{field: "nope"})


def test_the_conversion_option_offers_the_schemas_the_ir_knows() -> None:
    assert sorted(choices(ConversionSchema)) == sorted(ir.CONVERSIONS)


def test_the_help_says_to_run_once_per_service() -> None:
    """The options hold for one invocation: with several .NET services, one run per service."""
    help_text = " ".join(build_parser().format_help().split())
    assert "For several .NET services, run a command once per service" in help_text
