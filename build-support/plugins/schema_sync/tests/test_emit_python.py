"""The pydantic emitter and its item codec, checked against items written the way .NET writes them."""

from __future__ import annotations

import ast
import base64
import datetime as dt
import decimal
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema_sync.emit.errors import EmitError
from schema_sync.emit.python import emit_python, runtime_module, runtime_module_path
from schema_sync.ir import Attribute, Enum, SchemaIR, SourceFile
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_ir

UTC = dt.timezone.utc
WHEN = dt.datetime(2024, 7, 3, 1, 31, 47, 123999, tzinfo=UTC)
GUID = uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e")
REPO_ROOT = Path.cwd()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Tuple[Path, ModuleType]]]:
    """The kitchen sink under V1 and V2 (two packages) and the hostile IR, generated and imported."""
    root = tmp_path_factory.mktemp("gen")
    out: Dict[str, Tuple[Path, ModuleType]] = {}
    for package, ir in (("ks_v1", fx.kitchen_sink("V1")), ("ks_v2", fx.kitchen_sink("V2")), ("hostile", fx.hostile())):
        fx.write_files(root, emit_python(ir, Options(python_package=package)))
    for package, module in (("ks_v1", "everything"), ("ks_v2", "everything"), ("hostile", "hostile")):
        out[package] = (root, fx.import_generated(root, f"{package}.{module}"))
    runtime = fx.import_generated(root, "ks_v1._runtime")
    runtime.register_converter("DateTimeOffsetConverter", runtime.datetimeoffset_to_attr,
                               runtime.datetimeoffset_from_attr)
    fx.import_generated(root, "ks_v2._runtime").register_converter(
        "DateTimeOffsetConverter", runtime.datetimeoffset_to_attr, runtime.datetimeoffset_from_attr
    )
    yield out


def _module(generated: Dict[str, Tuple[Path, ModuleType]], package: str) -> ModuleType:
    return generated[package][1]


def _sample(module: ModuleType) -> Any:
    addr = sys.modules[module.__name__.rsplit(".", 1)[0] + ".address"].Address
    color = sys.modules[module.__name__.rsplit(".", 1)[0] + ".color"]
    return module.Everything(
        created_at=WHEN, created_by="svc", id="e1", sort=7, category="misc", when=WHEN, name=None, letter="x",
        flag=True, count=90, big=2**64 - 1, small=-128, ratio=1.5, price=decimal.Decimal("9.90"), ident=GUID,
        stamp=dt.datetime(2024, 1, 1, 0, 0, 0, 500000, tzinfo=UTC), blob=b"", color=color.Color.Blue,
        perms=color.Perm.Read | color.Perm.Write, tags=["b", "a"], scores=[3, 1], unique={"z", "y"},
        flags=[True, False], colors=[color.Color.Red, color.Color.Blue], maybe_ints=[1, None],
        home=addr(street="Main", zip=1, lines=["l1"]), addresses=[addr()], attrs={"k": "v", "n": None},
        places={}, matrix=[[2, 1], [5]], offset=dt.datetime(2024, 7, 3, 3, 31, 47, 123456,
                                                             tzinfo=dt.timezone(dt.timedelta(hours=2))),
        version=None,
    )


# What .NET's DynamoDBContext stores for `_sample` (docs/ir.md, "Storage"; docs/generated-code.md, "Item codec").
COMMON_ITEM: Dict[str, Any] = {
    "created_at": {"S": "2024-07-03T01:31:47.123Z"},  # ms truncated, not rounded
    "created_by": {"S": "svc"},
    "id": {"S": "e1"},
    "sort": {"N": "7"},
    "category": {"S": "misc"},
    "when": {"S": "2024-07-03T01:31:47.123Z"},
    "Letter": {"S": "x"},
    "Count": {"N": "90"},
    "Big": {"N": "18446744073709551615"},
    "Small": {"N": "-128"},
    "Ratio": {"N": "1.5"},
    "Price": {"N": "9.90"},  # decimal keeps trailing zeros
    "Ident": {"S": "0f8fad5b-d9cb-469f-a165-70867728950e"},
    "Stamp": {"N": "1704067200"},  # 0.5 s rounds half-to-even
    "Blob": {"B": b""},  # an empty byte[] is written
    "Color": {"N": "2"},
    "Perms": {"N": "3"},
    "Unique": {"SS": ["y", "z"]},  # HashSet: a set under both schemas
    "Colors": {"L": [{"N": "0"}, {"N": "2"}]},  # enums never go in sets
    "MaybeInts": {"L": [{"N": "1"}, {"NULL": True}]},  # nullable elements: L, null -> NULL
    "Addresses": {"L": [{"M": {"Zip": {"N": "0"}}}]},  # nested: empty list omitted, "" omitted
    "Attrs": {"M": {"k": {"S": "v"}, "n": {"NULL": True}}},
    "Places": {"M": {}},  # an empty dictionary is written
    "Offset": {"S": "2024-07-03T03:31:47.1234560+02:00"},  # the registered converter's format
}
V1_ITEM: Dict[str, Any] = {
    **COMMON_ITEM,
    "Flag": {"N": "1"},
    "Tags": {"SS": ["b", "a"]},
    "Scores": {"NS": ["3", "1"]},
    "Flags": {"NS": ["1", "0"]},
    "Home": {"M": {"Street": {"S": "Main"}, "Zip": {"N": "1"}, "Lines": {"SS": ["l1"]}}},
    "Matrix": {"L": [{"NS": ["2", "1"]}, {"NS": ["5"]}]},
}
V2_ITEM: Dict[str, Any] = {
    **COMMON_ITEM,
    "Flag": {"BOOL": True},
    "Tags": {"L": [{"S": "b"}, {"S": "a"}]},
    "Scores": {"L": [{"N": "3"}, {"N": "1"}]},
    "Flags": {"L": [{"BOOL": True}, {"BOOL": False}]},
    "Home": {"M": {"Street": {"S": "Main"}, "Zip": {"N": "1"}, "Lines": {"L": [{"S": "l1"}]}}},
    "Addresses": {"L": [{"M": {"Zip": {"N": "0"}, "Lines": {"L": []}}}]},  # V2: empty list is L []
    "Matrix": {"L": [{"L": [{"N": "2"}, {"N": "1"}]}, {"L": [{"N": "5"}]}]},
}


@pytest.mark.parametrize("package, expected", [("ks_v1", V1_ITEM), ("ks_v2", V2_ITEM)])
def test_to_item_writes_what_dotnet_writes(generated: Any, package: str, expected: Dict[str, Any]) -> None:
    assert _sample(_module(generated, package)).to_item() == expected


@pytest.mark.parametrize("package, item", [("ks_v1", V1_ITEM), ("ks_v2", V2_ITEM)])
def test_from_item_reads_dotnet_items(generated: Any, package: str, item: Dict[str, Any]) -> None:
    module = _module(generated, package)
    loaded = module.Everything.from_item(item)
    expected = _sample(module).model_copy(update={
        "created_at": WHEN.replace(microsecond=123000), "when": WHEN.replace(microsecond=123000),
        "stamp": dt.datetime(2024, 1, 1, tzinfo=UTC), "offset": _sample(module).offset,
    })
    assert loaded == expected


@pytest.mark.parametrize("package", ["ks_v1", "ks_v2"])
def test_either_schema_reads_both_wire_forms(generated: Any, package: str) -> None:
    """.NET reads sets or L into any collection, N or BOOL into bool, N or S names into enums."""
    module = _module(generated, package)
    loaded = module.Everything.from_item({
        "id": {"S": "e"}, "sort": {"N": "1"}, "Flag": {"N": "5"}, "Tags": {"L": [{"S": "a"}]},
        "Scores": {"NS": ["4"]}, "Flags": {"L": [{"N": "0"}]}, "Color": {"S": "Blue"},
        "when": {"S": "2024-07-03T01:31:47Z"}, "Name": {"NULL": True}, "Count": {"NULL": True},
        "unmodelled": {"S": "ignored"}, "Blob": {"B": base64.b64encode(b"hi").decode()},
    })
    assert loaded.flag is True and loaded.tags == ["a"] and loaded.scores == [4] and loaded.flags == [False]
    assert loaded.color.name == "Blue" and loaded.when == dt.datetime(2024, 7, 3, 1, 31, 47, tzinfo=UTC)
    assert loaded.name is None and loaded.count == 90  # NULL on a value type keeps the default
    assert loaded.blob == b"hi" and loaded.category == "misc"


def test_nulls_empty_strings_and_empty_sets_are_not_written(generated: Any) -> None:
    module = _module(generated, "ks_v1")
    item = module.Everything(id="e", sort=1, name="", category="", tags=[], unique=set(), when=None).to_item()
    for absent in ("name", "Name", "category", "Tags", "Unique", "when", "Home", "Version", "Offset"):
        assert absent not in item
    assert item["Attrs"] == {"M": {}}  # an empty dictionary is written
    assert item["Addresses"] == {"L": []}  # List<POCO> is not a primitive set: an L, even empty, even V1


def test_v2_empty_list_is_written_as_empty_l(generated: Any) -> None:
    item = _module(generated, "ks_v2").Everything(id="e", sort=1, tags=[], unique=set()).to_item()
    assert item["Tags"] == {"L": []} and "Unique" not in item


def test_invalid_values_fail_before_reaching_dynamodb(generated: Any) -> None:
    module = _module(generated, "ks_v1")
    with pytest.raises(ValueError, match="duplicate"):
        module.Everything(id="e", sort=1, tags=["a", "a"]).to_item()
    with pytest.raises(ValueError, match="DynamoDB rejects"):
        module.Everything(id="e", sort=1, ratio=float("nan")).to_item()
    with pytest.raises(ValueError):
        module.Everything(id="e", sort=1, small=128)  # int8 range is validated by the model
    with pytest.raises(ValueError):
        module.Everything(id="e", sort=1, when=dt.datetime(2024, 1, 1))  # naive datetimes are refused


def test_key_and_table_metadata(generated: Any) -> None:
    cls = _module(generated, "ks_v1").Everything
    constants = (cls.TABLE_NAME, cls.HASH_KEY, cls.RANGE_KEY, cls.VERSION_ATTRIBUTE)
    assert constants == ("everything", "id", "sort", "Version")
    assert cls.INDEX_BY_CATEGORY == "by-category" and cls.INDEX_BY_WHEN == "by-when"
    assert tuple(cls.INDEXES["by-category"]) == (("category",), ("sort",), False)
    assert tuple(cls.INDEXES["by-when"]) == (("id",), ("when",), True)
    assert (cls.INDEXES["by-category"].hash_key, cls.INDEXES["by-category"].range_key) == ("category", "sort")
    assert cls(id="e", sort=3).key() == {"id": {"S": "e"}, "sort": {"N": "3"}}
    with pytest.raises(ValueError, match="not stored"):
        cls(id="", sort=3).key()


def test_version_follows_dotnet_optimistic_locking(generated: Any) -> None:
    cls = _module(generated, "ks_v1").Everything
    first = cls(id="e", sort=1).save_request()
    assert first.document["Version"] == {"N": "0"}
    assert first.arguments["ConditionExpression"] == "attribute_not_exists(#n0)"
    later = cls(id="e", sort=1, version=4).save_request()
    assert later.document["Version"] == {"N": "5"} and later.arguments["ExpressionAttributeValues"][":v0"] == {"N": "4"}
    assert cls(id="e", sort=1, version=4).saved(later).version == 5  # .NET's Save sets the new version


def test_converter_must_be_registered(generated: Any, tmp_path: Path) -> None:
    fx.write_files(tmp_path, emit_python(fx.kitchen_sink(), Options(python_package="ks_noconv")))
    module = fx.import_generated(tmp_path, "ks_noconv.everything")
    instance = module.Everything(id="e", sort=1, offset=WHEN)
    with pytest.raises(LookupError, match="register_converter"):
        instance.to_item()


# -- hypothesis: model -> item -> model is the identity ---------------------------------------------

_text = st.text(min_size=1, max_size=8)  # "" is never stored (.NET omits it), so it cannot round-trip
_ms_datetimes = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 1, 1)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000, tzinfo=UTC)
)


def _everything_strategy(module: ModuleType) -> Any:
    package = module.__name__.rsplit(".", 1)[0]
    enums = sys.modules[f"{package}.color"]
    address = st.builds(
        sys.modules[f"{package}.address"].Address,
        street=st.none() | _text, zip=st.integers(-(2**31), 2**31 - 1),
        lines=st.lists(_text, unique=True, max_size=3),
    )
    return st.builds(
        module.Everything,
        id=_text, sort=st.integers(-(2**63), 2**63 - 1), category=_text, when=st.none() | _ms_datetimes,
        created_at=_ms_datetimes, name=st.none() | _text, letter=st.characters(codec="utf-8"), flag=st.booleans(),
        big=st.integers(0, 2**64 - 1), ratio=st.floats(allow_nan=False, allow_infinity=False),
        price=st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**20), max_value=10**20),
        ident=st.uuids(), stamp=st.none() | _ms_datetimes.map(lambda d: d.replace(microsecond=0)),
        blob=st.none() | st.binary(max_size=8), color=st.sampled_from(list(enums.Color)),
        perms=st.sampled_from([enums.Perm(v) for v in range(4)]), tags=st.lists(_text, unique=True, max_size=4),
        scores=st.lists(st.integers(-5, 5), unique=True, max_size=4), unique=st.sets(_text, max_size=4),
        flags=st.lists(st.booleans(), unique=True), colors=st.lists(st.sampled_from(list(enums.Color))),
        maybe_ints=st.lists(st.none() | st.integers(-9, 9)), home=st.none() | address,
        addresses=st.lists(address, max_size=2), attrs=st.dictionaries(_text, st.none() | _text, max_size=3),
        places=st.dictionaries(_text, address, max_size=2),
        matrix=st.lists(st.lists(st.integers(0, 9), min_size=1, unique=True), max_size=3),
        version=st.none() | st.integers(0, 2**63 - 1),
    )


@pytest.mark.parametrize("package", ["ks_v1", "ks_v2"])
def test_round_trip_is_identity(generated: Any, package: str) -> None:
    module = _module(generated, package)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_everything_strategy(module))
    def check(instance: Any) -> None:
        assert module.Everything.from_item(instance.to_item()) == instance

    check()


# -- generation properties ---------------------------------------------------------------------------

def test_one_module_per_file_plus_runtime() -> None:
    out = emit_python(fx.kitchen_sink(), Options(python_package="acme_models"))
    assert sorted(out) == [
        "acme_models/_runtime.py", "acme_models/address.py", "acme_models/base_thing.py",
        "acme_models/color.py", "acme_models/everything.py",
    ]
    everything = out["acme_models/everything.py"]
    assert "from acme_models.base_thing import BaseThing" in everything
    assert "class Everything(BaseThing):" in everything
    assert everything.splitlines()[1] == "# source: acme/Data/Everything.cs"


def test_output_is_deterministic_and_one_target_gets_only_its_own_modules() -> None:
    ir, options = fx.kitchen_sink(), Options()
    assert emit_python(ir, options) == emit_python(ir, options)
    whole = emit_python(ir, options)
    assert list(whole)[-1] == runtime_module_path(options) == "pp_api_models/_runtime.py"
    assert whole["pp_api_models/_runtime.py"] == runtime_module(options)
    # One build target: its own module only; the build tool generates the runtime once.
    only = emit_python(ir, options, only_files=[fx.MAIN_FILE])
    assert only == {"pp_api_models/everything.py": whole["pp_api_models/everything.py"]}
    assert emit_python(ir, options, only_files=["no/such.cs"]) == {}
    assert runtime_module(options) == emit_python(fx.hostile(), options)["pp_api_models/_runtime.py"]


def test_header_hash_covers_exactly_the_files_a_module_depends_on() -> None:
    ir = fx.kitchen_sink()
    before = emit_python(ir, Options())
    changed = SchemaIR(ir.models, ir.enums, ir.diagnostics,
                       tuple(SourceFile(s.path, "0" * 64) if s.path == fx.NESTED_FILE else s for s in ir.sources))
    after = emit_python(changed, Options())
    assert before["pp_api_models/everything.py"] != after["pp_api_models/everything.py"]  # uses Address
    assert before["pp_api_models/color.py"] == after["pp_api_models/color.py"]


def test_two_files_only_the_case_of_their_name_tells_apart_are_an_error() -> None:
    ir = fx.kitchen_sink()
    clash = Enum(name="Other", namespace="X", file=fx.ENUM_FILE.replace("Color.cs", "color.cs"), line=1, col=1,
                 underlying="int32", members=())
    with pytest.raises(EmitError, match="color"):
        emit_python(SchemaIR(ir.models, (*ir.enums, clash), ()), Options())


def test_hostile_names_and_strings_stay_data(generated: Any) -> None:
    module = _module(generated, "hostile")
    cls = module.Tfrom  # a class name starts with a capital, so no field can shadow it
    # An untranslatable initialiser leaves the field required.
    instance = cls(from_="x")
    assert instance.class_ == fx.INJECTION  # the default is the string, not code
    assert cls.TABLE_NAME == "t'; rm -rf / #"
    item = instance.to_item()
    assert item["class"] == {"S": fx.INJECTION} and item["None"] == {"N": "0"}
    assert cls.from_item(item) == instance
    assert {m.name for m in module.Twhile} == {"None_", "M_sunder_", "Mmro", "class_"}
    tree = ast.parse(Path(module.__file__ or "").read_text())
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "__import__"]


def _generated_tree_with_fixtures(tmp_path: Path) -> Path:
    fx.write_files(tmp_path, emit_python(fx.kitchen_sink(), Options(python_package="ks")))
    fx.write_files(tmp_path, emit_python(fx.hostile(), Options(python_package="hostile")))
    fx.write_files(tmp_path, emit_python(fixture_ir(), Options()))
    return tmp_path


# Code a user writes against generated modules: matching on an open enum's members, and a save.
_CONSUMER = """
from __future__ import annotations

from typing import Any, Mapping

from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.goal_status import GoalStatus


def label(status: GoalStatus) -> str:
    match status:
        case GoalStatus.Active | GoalStatus.OnHold:
            return "open"
        case GoalStatus.Completed:
            return "done"
        case _:
            return status.name  # a member a newer model added: its number


def stored(goal: GoalDataModel, response: Mapping[str, Any]) -> GoalDataModel:
    request = goal.save_request()
    saved: GoalDataModel = goal.saved(request, response)
    return saved
"""


def test_generated_code_passes_mypy_strict(tmp_path: Path) -> None:
    root = _generated_tree_with_fixtures(tmp_path)
    fx.write_files(root, {"consumer/__init__.py": "", "consumer/uses.py": _CONSUMER})
    packages = sorted(p.name for p in root.iterdir() if p.is_dir())
    fx.mypy_strict(root, packages, tmp_path / ".mypy_cache")


def test_generated_code_passes_ruff(tmp_path: Path) -> None:
    root = _generated_tree_with_fixtures(tmp_path)
    # The repository's rules (ruff.toml reaches the sandbox through //:ruff-config).
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO_ROOT / "ruff.toml"), str(root)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_modules_import_without_warnings(tmp_path: Path) -> None:
    """pydantic warns about shadowed attributes and protected names: none may fire."""
    import warnings

    fx.write_files(tmp_path, emit_python(fx.hostile(), Options(python_package="quiet_hostile")))
    fx.write_files(tmp_path, emit_python(fx.kitchen_sink(), Options(python_package="quiet_ks")))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fx.import_generated(tmp_path, "quiet_hostile.hostile").Tfrom(from_="x").to_item()
        fx.import_generated(tmp_path, "quiet_ks.everything").Everything(id="e", sort=1).model_json_schema()


# -- names generated code uses, long text, many models in one file -----------------------------------

SHADOWING_CS = """
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
namespace Acme.Data;

/// <summary>Ünïcödé ïn ä döcstrïng wräps wïth ïts éscäpés cöüntéd: éäch äccéntéd létter täkés sïx chäräcters, \
"quoted" and \\ backslashed, in a line that the text alone would fit.</summary>
[DynamoDBTable("things")]
public class Thing
{
    [DynamoDBHashKey] public string Id { get; set; }
    public List<string> List { get; set; } = new();
    public HashSet<string> Set { get; set; } = new();
    public Dictionary<string, int> Dict { get; set; } = new();
    public List<int> Later { get; set; } = new();
    public HashSet<int> LaterSet { get; set; } = new();
    public Dictionary<string, int> LaterDict { get; set; } = new();
    public Guid Uuid4 { get; set; } = Guid.NewGuid();
    public Guid Other { get; set; } = Guid.NewGuid();
    public decimal Decimal { get; set; } = 1.5m;
    public decimal Price { get; set; } = 2.5m;
    public string SaveRequest { get; set; }
    public string QueryRequest { get; set; }
    public string PhysicalTableName { get; set; }
    public string Saved { get; set; }
    public string EncodeAttribute { get; set; }
    public string DeleteRequest { get; set; }
    public string Register { get; set; }
    /// <summary>The field's stored name is another field's Python name.</summary>
    [DynamoDBProperty("later")] public string Renamed { get; set; }
    public string Note { get; set; } = string.Join(", ", new[] { "an initialiser longer than a line", "is noted in a \
comment", "that is wrapped", "at the line limit" });
    [DynamoDBProperty("a_stored_name_longer_than_a_line_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public string LongStored { get; set; }
    public ALongNestedTypeNameOne One { get; set; }
    public ALongNestedTypeNameTwo Two { get; set; }
    public ALongNestedTypeNameThree Three { get; set; }
    public ALongNestedTypeNameFour Four { get; set; }
    public ALongNestedTypeNameFive Five { get; set; }
}
"""

NESTED_CS = "namespace Acme.Data;\n" + "".join(
    f"public class ALongNestedTypeName{n} {{ public string Value {{ get; set; }} }}\n"
    for n in ("One", "Two", "Three", "Four", "Five")
)


@pytest.fixture(scope="module")
def shadowing(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, ModuleType]:
    """Members named like what generated code uses (builtins, imports, runtime methods), long
    names, a long initialiser, a docstring whose escapes are longer than its text, many imports."""
    from schema_sync.extract import extract

    schema = extract({"acme/Data/Thing.cs": SHADOWING_CS.encode(), "acme/Data/Nested.cs": NESTED_CS.encode()},
                     Options())
    assert not schema.errors, schema.errors
    root = tmp_path_factory.mktemp("shadowing")
    fx.write_files(root, emit_python(schema, Options(python_package="shadowing")))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic: "Field name ... shadows an attribute in parent"
        return root, fx.import_generated(root, "shadowing.thing")


def test_members_named_like_what_generated_code_uses(shadowing: Tuple[Path, ModuleType]) -> None:
    """`List`/`Set`/`Dict` with an initialiser (a `list` field then shadowed the `list[...]` factory
    of later fields), `Uuid4` next to another `Guid.NewGuid()`, and runtime methods as members."""
    _, module = shadowing
    thing = module.Thing(id="t1")
    assert (thing.list_, thing.set_, thing.later_2, thing.later_set) == ([], set(), [], set())
    assert thing.uuid4_ != thing.other
    assert (thing.decimal, thing.price) == (decimal.Decimal("1.5"), decimal.Decimal("2.5"))
    request = thing.save_request()  # a method, not the `SaveRequest` member
    assert request.document["Uuid4"] == {"S": str(thing.uuid4_)}
    assert thing.saved(request) == thing
    assert module.Thing.physical_table_name("prod") == "purposepath-things-prod"
    assert {"save_request_", "query_request_", "physical_table_name_", "saved_", "encode_attribute_",
            "delete_request_", "register_"} <= set(module.Thing.model_fields)


def test_a_field_is_never_named_like_another_members_stored_name(shadowing: Tuple[Path, ModuleType]) -> None:
    """`Renamed` is stored as `later`, which a field called `later` would also accept: that field
    is `later_2`, so each stored name and each field name means one member."""
    _, module = shadowing
    assert module.Thing.model_fields["later_2"].validation_alias == "Later"
    loaded = module.Thing.from_item({"Id": {"S": "t1"}, "later": {"S": "renamed"}})
    assert (loaded.renamed, loaded.later_2) == ("renamed", [])


def test_long_text_stays_within_the_line_limit(shadowing: Tuple[Path, ModuleType], tmp_path: Path) -> None:
    root, module = shadowing
    text = Path(module.__file__ or "").read_text()
    assert "from shadowing.nested import (\n" in text  # imports wrapped as isort wraps them
    assert "    # C# initialiser not translated:" in text
    assert module.Thing.__doc__.startswith("\u00dcn\u00efc\u00f6d\u00e9")
    # A line only a long stored name makes too long: one word, which ruff's E501 lets pass.
    assert [line.split("=")[0].strip() for line in text.splitlines() if len(line) > 120] == [
        "validation_alias", "serialization_alias"
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO_ROOT / "ruff.toml"), str(root)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fx.mypy_strict(root, ["shadowing"], tmp_path / ".mypy_cache")


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"ab \"'\\\n\t", "\u00e9", "\U0001f600", "\x00", "\u2028", "x" * 30]), max_size=120
    ).map("".join),
    indent=st.sampled_from(["", "    "]),
)
def test_docstrings_fit_the_line_limit_and_keep_their_text(text: str, indent: str) -> None:
    from schema_sync.emit.python import docstring

    rendered = docstring(text, indent)
    # Over the limit only a word longer than a line, alone on its line (ruff's E501 skips those).
    assert all(len(line) <= 120 or len(line.split()) == 1 for line in rendered.split("\n"))
    assert all(line.strip() or not line for line in rendered.split("\n"))  # no whitespace-only lines
    value = ast.literal_eval(rendered.strip())
    assert value.split() == text.split()


def _reference_order(models: Any, dependencies: Dict[int, set]) -> list:  # type: ignore[type-arg]
    """The order the emitter promises, computed the slow way: each time the first model (in
    declaration order) whose dependencies are all written, else the first unwritten."""
    pending = list(range(len(models)))
    ordered = []
    while pending:
        ready = [i for i in pending if not (dependencies[i] & set(pending))] or pending[:1]
        ordered.append(ready[0])
        pending.remove(ready[0])
    return [models[i].name for i in ordered]


def _one_file_ir(count: int, seed: int) -> SchemaIR:
    """`count` models in one file, referring to others at random (bases, nested types, cycles)."""
    import random

    from schema_sync.ir import Model

    rng = random.Random(seed)
    models = []
    for i in range(count):
        nested = rng.randrange(count)
        base = f"M{rng.randrange(i)}" if i and rng.random() < 0.3 else None
        attributes: Tuple[Attribute, ...] = (
            fx.attr(f"Next{i}", fx.model_t(f"M{nested}"), nullable=True, declared_in=f"M{i}"),
        )
        if base is None:
            attributes = (fx.attr("Id", fx.t("string"), key="hash", declared_in=f"M{i}"), *attributes)
        models.append(Model(name=f"M{i}", namespace=fx.NS, file="Big.cs", line=i + 1, col=1, base=base,
                            table=f"t{i}" if base is None else None, attributes=attributes))
    return SchemaIR(models=tuple(models), enums=(), diagnostics=(), sources=(fx.source("Big.cs"),))


@pytest.mark.parametrize("seed", range(5))
def test_models_of_one_file_come_in_dependency_order(seed: int) -> None:
    ir = _one_file_ir(40, seed)
    by_name = {m.name: i for i, m in enumerate(ir.models)}
    dependencies = {
        i: {by_name[m.base]} - {i} if m.base else set() for i, m in enumerate(ir.models)
    }
    for i, m in enumerate(ir.models):
        dependencies[i] |= {by_name[a.type.ref.rsplit(".", 1)[-1]] for a in m.attributes if a.type.ref} - {i}
    text = emit_python(ir, Options(python_package="order"))["order/big.py"]
    written = [line.split("(")[0][len("class "):] for line in text.splitlines() if line.startswith("class ")]
    assert written == _reference_order(ir.models, dependencies)


def test_many_models_in_one_file_take_linear_time() -> None:
    """2,000 models in one file: the dependency order used to take cubic time (minutes)."""
    import time

    ir = _one_file_ir(2000, 1)
    start = time.perf_counter()
    emit_python(ir, Options(python_package="big"))
    assert time.perf_counter() - start < 10
