"""One rule for null collection elements (`emit.storage.element_may_hold_null`): where the Python
model types an element `Optional`, TypeScript says `| null` and JSON Schema accepts `{"NULL": true}`."""

from __future__ import annotations

import json
import re

import pytest

from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.options import Options
from schema_sync.tests.snippets import schema_of, table

MEMBERS = """
public Dictionary<string, string> Settings { get; set; }
public List<string> Names { get; set; }
public HashSet<string> Tags { get; set; }
public List<Address> Homes { get; set; }
public List<int?> Counts { get; set; }
public string[][] Grid { get; set; }
"""
NESTED = "namespace App.Data; public class Address { public string City { get; set; } }"


@pytest.mark.parametrize("conversion", ["V1", "V2"])
@pytest.mark.parametrize("nullable", ["disable", "enable"])
def test_python_typescript_and_json_schema_agree_on_null_elements(conversion: str, nullable: str) -> None:
    schema = schema_of(table(MEMBERS), NESTED, conversion=conversion, nullable=nullable)
    options = Options(conversion=conversion, nullable_context=nullable)
    python = next(text for path, text in emit_python(schema, options).items() if path.endswith("file0.py"))
    typescript = emit_typescript(schema, options)["file0.ts"]
    schemas = emit_jsonschema(schema, options)
    document = json.loads(next(text for path, text in schemas.items() if path.endswith(".Item.schema.json")))
    for field, stored in (("settings", "Settings"), ("names", "Names"), ("tags", "Tags"), ("homes", "Homes"),
                          ("counts", "Counts"), ("grid", "Grid")):
        annotation = re.search(rf"^    {field}: (.*) = Field", python, re.M)
        member = re.search(rf"^  {stored}\??: (.*);$", typescript, re.M)
        assert annotation and member, (field, python, typescript)
        in_python = "[Optional[" in annotation.group(1) or ", Optional[" in annotation.group(1)
        in_typescript = "| null" in member.group(1)
        in_json_schema = '"NULL"' in json.dumps(document["properties"][stored])
        assert in_python == in_typescript == in_json_schema, (conversion, nullable, field, annotation.group(1),
                                                               member.group(1))
