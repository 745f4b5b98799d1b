"""C# member names -> Python field names: the spellings docs/generated-code.md promises."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_sync.emit.naming import python_field_name, snake_case

SPELLINGS = [
    ("GoalId", "goal_id"),
    ("URLPath", "url_path"),  # an acronym ends before the capital that starts the next word
    ("aURLPath", "a_url_path"),  # both kinds of boundary in one name
    ("HTTPServer2Go", "http_server2_go"),
    ("Model7Prop0", "model7_prop0"),  # a digit then a capital is a boundary, a letter then a digit not
    ("IOStream", "io_stream"),
    ("TTL", "ttl"),
    ("@event", "event"),  # C# verbatim identifier
    ("__Odd__Name_", "odd_name"),
    ("Éclair", "eclair"),
    ("_", "field"),
]


@pytest.mark.parametrize(("csharp", "python"), SPELLINGS)
def test_member_names_are_spelled_as_documented(csharp: str, python: str) -> None:
    assert snake_case(csharp) == python


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"aAzZ09_@ -.éΩ", "URL", "Id", "__"]), max_size=10).map("".join))
def test_any_name_becomes_one_clean_lower_case_identifier(name: str) -> None:
    field = python_field_name(name)
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", field), field
    assert "__" not in field
    assert snake_case(name) == snake_case(snake_case(name))  # already snake_case: unchanged
