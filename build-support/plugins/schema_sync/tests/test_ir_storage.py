"""One storage rule: resolve decides what .NET stores for every type (`TypeRef.storage`,
`TypeRef.nullable_elements`, nested ones included); every output follows it.

For every member of a matrix (every type spelling in every container), of the fixture tree and of
the corpus, under both conversion schemas and both nullable contexts, the collection levels of the
IR type (a set type, an L or an M, and whether their elements may be NULL) are the ones of the
generated Python codec (what the runtime writes), of the TypeScript type and of the JSON Schema.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from schema_sync.emit import naming
from schema_sync.emit.index import IRIndex
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.python import emit_python
from schema_sync.emit.python_names import class_names_for_file, field_names
from schema_sync.emit.typescript import emit_typescript, type_names_for_file
from schema_sync.extract import extract
from schema_sync.ir import Attribute, Model, SchemaIR, TypeRef
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_sources

CORPUS = Path(__file__).parent / "corpus"

# Element types: every scalar spelling, an enum, a model, types .NET cannot store, nullable ones.
_ELEMENTS = (
    "string", "char", "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
    "decimal", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "DateOnly", "TimeOnly", "byte[]", "MemoryStream",
    "Status", "Address", "S3Link", "object", "Point", "IList<string>",
    "string?", "int?", "bool?", "Guid?", "DateTime?", "Status?", "Address?", "byte[]?",
)
_CONTAINERS = (
    "{}", "List<{}>", "{}[]", "HashSet<{}>", "Dictionary<string, {}>", "SortedDictionary<string, {}>",
    "Dictionary<int, {}>", "List<List<{}>>", "List<{}>[]", "HashSet<{}>[]", "List<{}[]>", "{}[][]",
    "Dictionary<string, List<{}>>", "List<Dictionary<string, {}>>", "Dictionary<string, HashSet<{}>>",
    "List<{}>?",
)


def _matrix_sources() -> Dict[str, bytes]:
    members = "\n".join(
        f"    public {container.format(element)} P{i} {{ get; set; }}"
        for i, (container, element) in enumerate(itertools.product(_CONTAINERS, _ELEMENTS))
    )
    item = f"""
using System.Collections.Generic;
using System.IO;
using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
public enum Status {{ A, B }}
public struct Point {{ public int X; }}
public class Address {{ public string City {{ get; set; }} }}
[DynamoDBTable("items")]
public class Item
{{
    [DynamoDBHashKey] public string Id {{ get; set; }}
    [DynamoDBProperty(StoreAsEpoch = true)] public DateTime Stamp {{ get; set; }}
    [DynamoDBProperty(typeof(Amazon.DynamoDBv2.DataModel.BoolAsNConverter))] public bool Flag {{ get; set; }}
{members}
}}
[DynamoDBTable("boxes")]
public class Box<T>
{{
    [DynamoDBHashKey] public string Id {{ get; set; }}
    public T Value {{ get; set; }}
    public List<T> Values {{ get; set; }}
    public Dictionary<string, T> ByName {{ get; set; }}
}}
public class IntBox : Box<int> {{ }}
public class NameBox : Box<string> {{ }}
"""
    return {"src/Matrix.cs": item.encode()}


def _corpus_sources() -> Dict[str, bytes]:
    return {str(path.relative_to(CORPUS)): path.read_bytes() for path in sorted(CORPUS.rglob("*.cs"))}


TREES = {"fixtures": fixture_sources, "corpus": _corpus_sources, "matrix": _matrix_sources}
CASES = [(tree, c, n) for tree in TREES for c in ("V1", "V2") for n in ("disable", "enable")]

Level = Tuple[str, bool]  # a collection level: (its storage SS|NS|BS|L|M, whether its elements may be NULL)


def _ir_levels(ref: TypeRef) -> List[Level]:
    """The collection levels of an IR type, outermost first, down a sequence's elements (a
    dictionary's values), as far as .NET stores them (an ANY level has no codec of ours)."""
    levels: List[Level] = []
    while ref.kind in ("list", "array", "set", "dict") and ref.storage != "ANY":
        levels.append((ref.storage, ref.nullable_elements))
        ref = ref.args[-1]
    return levels


def _members(schema: SchemaIR) -> Iterator[Tuple[Model, Attribute]]:
    for model in schema.models:
        for attribute in model.attributes:
            if not attribute.converter and not attribute.epoch:  # those decide their own stored form
                yield model, attribute


# -- what each output says --------------------------------------------------------------------------


def _runtime_levels(codec: Any, annotation: Any) -> List[Level]:
    """The levels of a generated codec (what the runtime writes) and of the field's annotation
    (whether an element is Optional)."""
    levels = []
    while type(codec).__name__ in ("Sequence", "Dictionary"):
        element_hint = _non_optional(annotation).__args__[-1]
        levels.append((codec.storage if type(codec).__name__ == "Sequence" else "M", _is_optional(element_hint)))
        codec, annotation = (codec.element if hasattr(codec, "element") else codec.value), element_hint
    return levels


def _is_optional(hint: Any) -> bool:
    return type(None) in getattr(hint, "__args__", ())


def _non_optional(hint: Any) -> Any:
    return next(arg for arg in hint.__args__ if arg is not type(None)) if _is_optional(hint) else hint


_TS_LEVEL = re.compile(r"Set<|Array<|Record<string, ")


def _typescript_levels(member_type: str) -> List[Level]:
    """`Array<Set<string> | null>` -> [(L, True), (SS, False)]: containers in order, and whether
    what each holds (up to its closing `>`) ends in `| null`. A set's storage is checked by its
    element's JSON Schema; here S/N/B sets are all `Set`."""
    levels = []
    for match in _TS_LEVEL.finditer(member_type):
        inner = _bracketed(member_type, match.end())
        storage = {"Set<": "SET", "Array<": "L"}.get(match.group(), "M")
        levels.append((storage, inner.endswith(" | null")))
    return levels


def _bracketed(text: str, start: int) -> str:
    depth = 1
    for end in range(start, len(text)):
        depth += {"<": 1, ">": -1}.get(text[end], 0)
        if depth == 0:
            return text[start:end]
    raise AssertionError(text)


def _schema_levels(schema: Dict[str, Any]) -> List[Level]:
    levels = []
    while schema.get("properties"):
        (tag, value), = schema["properties"].items()
        inner = value.get("items") if tag in ("L", "SS", "NS", "BS") else value.get("additionalProperties")
        if tag not in ("L", "M", "SS", "NS", "BS") or not isinstance(inner, dict):
            break  # a scalar, or a model's M ($ref)
        nullable = "anyOf" in inner
        levels.append((tag, nullable))
        if tag not in ("L", "M"):
            break  # set members are bare JSON values
        schema = inner["anyOf"][0] if nullable else inner
    return levels


# -- the outputs, generated once per case -----------------------------------------------------------


class _Outputs:
    """The Python (imported), TypeScript and JSON Schema outputs of one IR."""

    def __init__(self, schema: SchemaIR, options: Options, root: Path) -> None:
        self.index = IRIndex(schema)
        self.stems = naming.stems_by_file(self.index)
        self.package = f"storage_{root.name}"
        self.root = root
        fx.write_files(root, emit_python(schema, Options(python_package=self.package)))
        self.typescript = emit_typescript(schema, options)
        self.schemas = [json.loads(text) for text in emit_jsonschema(schema, options).values()]

    def runtime_levels(self, model: Model, attribute: Attribute) -> List[Level]:
        module = fx.import_generated(self.root, naming.python_module_for_stem(self.stems[model.file], self.package))
        cls = getattr(module, class_names_for_file(self.index, model.file)[model.full_name])
        name = field_names(self.index, model)[attribute.property]
        return _runtime_levels(cls.spec_of(attribute.name).codec, cls.model_fields[name].annotation)

    def typescript_levels(self, model: Model, attribute: Attribute) -> List[Level]:
        text = self.typescript[f"{self.stems[model.file]}.ts"]
        interface = type_names_for_file(self.index, model.file)[model.full_name]
        body = text[text.index(f"export interface {interface} {{"):]
        key = re.escape(naming.ts_property_key(attribute.name))
        member = re.search(rf"^  {key}\??: (.*);$", body, re.M)
        assert member, (model.name, attribute.name)
        return _typescript_levels(member.group(1))

    def schema_levels(self, model: Model, attribute: Attribute) -> List[Level]:
        document = next(d for d in self.schemas if d["title"] == model.name and attribute.name in d["properties"])
        return _schema_levels(document["properties"][attribute.name])


@pytest.fixture(scope="module", params=CASES, ids=["-".join(case) for case in CASES])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Tuple[SchemaIR, _Outputs]:
    tree, conversion, nullable = request.param
    options = Options(conversion=conversion, nullable_context=nullable)
    schema = extract(TREES[tree](), options)
    root = tmp_path_factory.mktemp(f"{tree}_{conversion}_{nullable}".lower())
    return schema, _Outputs(schema, options, root)


def _as_typescript(levels: List[Level]) -> List[Level]:
    return [("SET" if storage in ("SS", "NS", "BS") else storage, nullable) for storage, nullable in levels]


def test_every_output_stores_each_member_as_the_ir_says(case: Tuple[SchemaIR, _Outputs]) -> None:
    schema, outputs = case
    checked = 0
    for model, attribute in _members(schema):
        expected = _ir_levels(attribute.type)
        where = (model.name, attribute.property, attribute.type.csharp)
        assert outputs.runtime_levels(model, attribute) == expected, where
        assert outputs.typescript_levels(model, attribute) == _as_typescript(expected), where
        assert outputs.schema_levels(model, attribute) == expected, where
        checked += bool(expected)
    assert checked  # every tree has collections


# -- the instance the emitters used to get wrong ------------------------------------------------------

MEMORY_STREAMS = """
using System.IO;
using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
[DynamoDBTable("blobs")]
public class Blob
{
    [DynamoDBHashKey] public string Id { get; set; }
    public MemoryStream[] Streams { get; set; }
}
"""


@pytest.mark.parametrize(("conversion", "storage"), [("V1", "BS"), ("V2", "L")])
def test_a_memory_stream_array_is_a_bs_under_v1_everywhere(conversion: str, storage: str, tmp_path: Path) -> None:
    """aws-sdk-net's `Utils.PrimitiveTypesCollectionsAndArray` has MemoryStream[] (unlike byte[][]):
    V1 writes a BS, which the runtime, TypeScript and JSON Schema all say."""
    options = Options(conversion=conversion)
    schema = extract({"src/Blob.cs": MEMORY_STREAMS.encode()}, options)
    assert not schema.errors, schema.errors
    model = schema.models[0]
    streams = next(a for a in model.attributes if a.property == "Streams")
    assert streams.type.storage == storage
    level = (storage, storage == "L")  # `#nullable disable`: an L's MemoryStream elements may be null
    outputs = _Outputs(schema, options, tmp_path)
    assert outputs.runtime_levels(model, streams) == [level]
    assert outputs.schema_levels(model, streams) == [level]
    assert outputs.typescript_levels(model, streams)[0][0] == ("SET" if storage == "BS" else "L")
    module = fx.import_generated(tmp_path, naming.python_module_for_stem(outputs.stems[model.file], outputs.package))
    written = module.Blob(id="b1", streams=[b"x", b"y"]).to_item()["Streams"]
    expected: Dict[str, Any] = {"BS": [b"x", b"y"]} if storage == "BS" else {"L": [{"B": b"x"}, {"B": b"y"}]}
    assert written == expected
