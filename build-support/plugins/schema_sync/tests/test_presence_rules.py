"""`emit.presence`: the one rule for what a generated model holds when an item lacks an attribute.
The Python emitter writes it, the schema lock records it, and numbers come from the normalised
value `resolve` puts in the IR (`ir.Default`), never from C# spelling."""

from __future__ import annotations

import ast
import re
from typing import Dict, Iterator, Optional, Tuple

import pytest

from schema_sync.emit import naming, presence
from schema_sync.emit.index import IRIndex
from schema_sync.emit.python import emit_python
from schema_sync.emit.python_names import class_names_for_file, field_names
from schema_sync.extract import extract
from schema_sync.ir import Attribute, Default, Model, SchemaIR
from schema_sync.lock import lock_of
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_ir

NUMBERS = """using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
public enum Level { Low, High = 4 }
[DynamoDBTable("items")]
public class Item
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
    public int Hex { get; set; } = 0x1F;
    public long Grouped { get; set; } = 1_000_000L;
    public uint Binary { get; set; } = 0b101u;
    public ulong Max { get; set; } = 18446744073709551615UL;
    public decimal Money { get; set; } = 1.50m;
    public decimal Whole { get; set; } = 10;
    public double Exponent { get; set; } = 1.5e3;
    public float Single { get; set; } = 2.5f;
    public double Suffixed { get; set; } = 3D;
    public int Negative { get; set; } = -42;
    public Level Combined { get; set; } = (Level)5;
    public Level Named { get; set; } = Level.High;
}
"""
# What each default is in the generated model, whatever its C# spelling.
EXPECTED_DEFAULTS = {
    "hex": "31", "grouped": "1000000", "binary": "5", "max": "18446744073709551615", "money": "Decimal('1.50')",
    "whole": "Decimal('10')", "exponent": "1500.0", "single": "2.5", "suffixed": "3.0", "negative": "-42",
    "combined": "Level(5)", "named": "Level.High", "id": "None",
}
_NORMALISED = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


def generated_defaults(text: str, class_name: str) -> Dict[str, Optional[str]]:
    """Field -> its `default=`/`default_factory=` argument (None: required) in one generated class."""
    body = next(n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == class_name).body
    found: Dict[str, Optional[str]] = {}
    for statement in body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.value, ast.Call):
            keywords = {k.arg: ast.unparse(k.value) for k in statement.value.keywords}
            assert isinstance(statement.target, ast.Name)
            found[statement.target.id] = keywords.get("default") or keywords.get("default_factory")
    return found


def test_csharp_number_spellings_reach_the_model_as_their_values() -> None:
    ir = extract({"src/Item.cs": NUMBERS.encode()}, Options())
    assert not ir.errors, ir.errors
    numbers = [a.default for a in ir.model("Item").attributes
               if a.default and a.default.kind in presence.NUMBER_DEFAULT_KINDS]
    assert len(numbers) == 11 and all(d.value and _NORMALISED.match(d.value) for d in numbers), numbers
    text = emit_python(ir, Options())["pp_api_models/item.py"]
    assert generated_defaults(text, "Item") == EXPECTED_DEFAULTS


@pytest.mark.parametrize("spelling", ["0x10", "16L", "1_6", "16m", " 16"])
def test_the_emitter_reads_the_normalised_number_never_csharp_spelling(spelling: str) -> None:
    """A Default whose value is C# syntax breaks the IR contract (docs/ir.md): it is left
    untranslated, as any C# expression is, rather than parsed a second time."""
    ir = _one_field_ir(Default("int", spelling))
    text = emit_python(ir, Options())["pp_api_models/everything.py"]
    assert f"# C# initialiser not translated: {spelling}" in text
    assert generated_defaults(text, "Everything")["count"] == "0"  # default(int), what .NET holds
    normalised = emit_python(_one_field_ir(Default("int", "16")), Options())["pp_api_models/everything.py"]
    assert generated_defaults(normalised, "Everything")["count"] == "16"


def _one_field_ir(default: Default) -> SchemaIR:
    count = fx.attr("Count", fx.t("int32"), default=default)
    model = Model(name="Everything", namespace=fx.NS, file=fx.MAIN_FILE, line=1, col=1, base=None, table=None,
                  attributes=(count,))
    return SchemaIR(models=(model,), enums=(), diagnostics=(), sources=(fx.source(fx.MAIN_FILE),))


def every_field(ir: SchemaIR) -> Iterator[Tuple[IRIndex, Model, Attribute, str]]:
    """(index, model, attribute, its Python field) of every member each model declares in Python."""
    index = IRIndex.of(ir)
    for model in ir.models:
        base = index.base_of(model)
        inherited = {a.property for a in base.attributes} if base is not None else set()
        names = field_names(index, model)
        for attribute in model.attributes:
            if attribute.property not in inherited:
                yield index, model, attribute, names[attribute.property]


IRS = {"fixture tree": fixture_ir, "kitchen sink V1": lambda: fx.kitchen_sink("V1"),
       "kitchen sink V2": lambda: fx.kitchen_sink("V2"), "hostile": fx.hostile}


@pytest.mark.parametrize("name", sorted(IRS))
def test_the_python_models_follow_the_one_rule(name: str) -> None:
    ir = IRS[name]()
    modules = emit_python(ir, Options())
    stems = naming.stems_by_file(IRIndex.of(ir))
    defaults: Dict[str, Dict[str, Optional[str]]] = {}
    for index, model, attribute, field in every_field(ir):
        module = modules[naming.python_module_path(naming.python_module_for_stem(stems[model.file], "pp_api_models"))]
        key = f"{model.file}:{model.full_name}"
        if key not in defaults:
            defaults[key] = generated_defaults(module, class_names_for_file(index, model.file)[model.full_name])
        required = presence.field_default(index, attribute).required
        assert (defaults[key][field] is None) == required, (model.full_name, attribute.property)


@pytest.mark.parametrize("name", sorted(set(IRS) - {"hostile"}))  # no table of `hostile` can be deployed
def test_the_lock_follows_the_one_rule(name: str) -> None:
    ir = IRS[name]()
    index = IRIndex.of(ir)
    models = {m.full_name: m for m in ir.models}
    locked_models = lock_of(ir, Options()).models
    assert locked_models
    for locked in locked_models:
        for attribute in models[locked.name].attributes:
            recorded = locked.attribute(attribute.name)
            assert recorded is not None and recorded.required == presence.field_default(index, attribute).required
