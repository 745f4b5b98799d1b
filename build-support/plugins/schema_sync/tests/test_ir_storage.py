"""The IR carries every storage decision: `TypeRef.storage` and `TypeRef.nullable_elements` on every
type, nested ones included, decided once in resolve (`resolve.types.stored`).

The emitters still compute the same shapes themselves (`emit.storage.wire_type`, mirroring the
generated runtime). Before they switch to reading the IR, every type of the fixture tree, of the
corpus and of a matrix of every type spelling in every container is compared with what they compute,
under both conversion schemas and both nullable contexts: the two must agree but for the
disagreements listed (and explained) in `KNOWN_DISAGREEMENTS`, each of which must still occur.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Dict, Iterator, NamedTuple, Tuple

import pytest

from schema_sync.emit.storage import Wire, oblivious_member, wire_type
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

Shape = Tuple[str, bool]  # (storage, nullable_elements)


class Disagreement(NamedTuple):
    type: str  # the type's shape: kinds, `?` for nullable, an unknown type by its C# name
    conversion: str
    ir: Shape
    emitters: Shape


# Each known disagreement between the IR and the emitters' `wire_type`, and which one is right.
KNOWN_DISAGREEMENTS = {
    # `MemoryStream[]` is in the SDK's `Utils.PrimitiveTypesCollectionsAndArray` (unlike `byte[][]`):
    # V1 writes a BS. The emitters (and the generated runtime) treat it like `byte[][]`, an L.
    Disagreement("array<memorystream>", "V1", ("BS", False), ("L", False)),
    Disagreement("array<memorystream>", "V1", ("BS", False), ("L", True)),  # declared `#nullable disable`
    # `S3Link` is written by a converter the SDK registers itself, as an S holding JSON; the
    # emitters have no codec for it and keep the raw attribute value (ANY).
    Disagreement("S3Link", "V1", ("S", False), ("ANY", False)),
    Disagreement("S3Link", "V2", ("S", False), ("ANY", False)),
}


def _extracted(tree: str, conversion: str, nullable: str) -> SchemaIR:
    return extract(TREES[tree](), Options(conversion=conversion, nullable_context=nullable))


def _shape_name(ref: TypeRef) -> str:
    name = ref.csharp.split("<", 1)[0].rstrip("?") if ref.kind == "unknown" else ref.kind
    args = f"<{', '.join(_shape_name(arg) for arg in ref.args)}>" if ref.args and ref.kind != "unknown" else ""
    return f"{name}{args}{'?' if ref.nullable else ''}"


def _shape(ref: TypeRef) -> Shape:
    return ref.storage, ref.nullable_elements


def _wire_shape(wire: Wire) -> Shape:
    return ("M" if wire.tag == "MAP" else wire.tag), wire.nullable_elements


def _pairs(ref: TypeRef, wire: Wire) -> Iterator[Tuple[TypeRef, Wire]]:
    """`ref` and the emitters' shape of it, then each element (a dictionary's value) and its shape."""
    yield ref, wire
    if wire.element is not None:
        yield from _pairs(ref.args[-1], wire.element)


def _disagreements(schema: SchemaIR) -> Iterator[Disagreement]:
    for model in schema.models:
        for attribute in model.attributes:
            if attribute.converter:
                continue  # the converter decides what is stored: both sides only say ANY
            yield from _attribute_disagreements(model, attribute)


def _attribute_disagreements(model: Model, attribute: Attribute) -> Iterator[Disagreement]:
    wire = wire_type(attribute.type, model.conversion, epoch=attribute.epoch, oblivious=oblivious_member(attribute))
    for ref, shape in _pairs(attribute.type, wire):
        ir_shape = ("N", False) if ref is attribute.type and attribute.epoch else _shape(ref)
        if ir_shape != _wire_shape(shape):
            yield Disagreement(_shape_name(ref), model.conversion, ir_shape, _wire_shape(shape))


CASES = [(tree, c, n) for tree in TREES for c in ("V1", "V2") for n in ("disable", "enable")]


@pytest.mark.parametrize(("tree", "conversion", "nullable"), CASES)
def test_every_stored_type_agrees_with_the_emitters_but_the_known_disagreements(
    tree: str, conversion: str, nullable: str
) -> None:
    found = set(_disagreements(_extracted(tree, conversion, nullable)))
    assert found - KNOWN_DISAGREEMENTS == set()


def test_each_known_disagreement_still_occurs() -> None:
    """The matrix shows each listed disagreement: once the emitters read the IR, the list empties."""
    found = {d for c in ("V1", "V2") for n in ("disable", "enable") for d in _disagreements(_extracted("matrix", c, n))}
    assert KNOWN_DISAGREEMENTS - found == set()


@pytest.mark.parametrize("conversion", ["V1", "V2"])
def test_hand_built_fixtures_agree_with_the_emitters(conversion: str) -> None:
    for schema in (fx.kitchen_sink(conversion), fx.hostile()):
        assert set(_disagreements(schema)) == set()
