"""`indented_json` must spell every value exactly as `json.dumps(value, indent=2)` does."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from schema_sync.emit.json_text import IndentedJson, indented_json
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

VALUES: list[Any] = [
    {}, [], "", 0, -7, 10**30, 1.5, -0.0, 1e300, float("inf"), float("nan"), True, False, None,
    "Größe \u2028 \x00 \"quoted\" \\ \n\t", {"": {"a": [], "b": {}, "c": [1, [2, [3, {}]]]}},
    {"k\u00e9y": ["x", None, True, {"n": 2.25}]}, [[[]], [{}], [[1]]],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_values(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2)


def test_nested_start_indentation() -> None:
    value = {"a": [1, {"b": 2}]}
    assert indented_json(value, "    ") == json.dumps(value, indent=2).replace("\n", "\n    ")


@pytest.mark.parametrize("ir", [fx.kitchen_sink(), fx.hostile()], ids=["kitchen_sink", "hostile"])
def test_schema_documents_are_json_dumps_of_their_data(ir: Any) -> None:
    for text in emit_jsonschema(ir, Options()).values():
        assert text == json.dumps(json.loads(text), indent=2) + "\n"


@pytest.mark.parametrize("base", [value for value in VALUES if isinstance(value, dict)] + [{"k": 1}, {"x": {"y": []}}])
@pytest.mark.parametrize("indent", ["", "    "])
def test_extended_shared_dicts_are_written_as_their_merged_dict(base: Dict[str, Any], indent: str) -> None:
    writer = IndentedJson()
    writer.shared(base)
    writer.text(base, indent)  # its text cached first: the extension is written from it
    for key, value in [("description", "Größe \n \"doc\""), ("k", 2), ("", {"a": [None]})]:
        assert writer.text(writer.extended(base, key, value), indent) == indented_json({**base, key: value}, indent)
        assert indented_json({**base, key: value}, indent) == json.dumps({**base, key: value}, indent=2).replace(
            "\n", "\n" + indent
        )
