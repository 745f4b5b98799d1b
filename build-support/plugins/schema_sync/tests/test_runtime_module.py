"""The runtime every generated package ships (`schema_sync/emit/shipped/_runtime.py`), as code.

Generated models exercise it end to end (test_save_requests.py, test_codec_dotnet_values.py,
test_emit_moto.py); here it is imported as the module it is and its rules are checked one piece at
a time. The generator is held to shipping that file verbatim and to never importing it (nor
pydantic): it runs inside Pants, where pydantic cannot be loaded.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any, List, Literal

import pytest

import schema_sync
from schema_sync.emit.python import runtime_module
from schema_sync.emit.shipped import _runtime as rt
from schema_sync.options import Options

SHIPPED = Path(rt.__file__)
PLUGINS_DIR = Path(schema_sync.__file__).parent.parent
V1, V2 = rt.Context("V1", True), rt.Context("V2", True)


def _header_of(generated: str) -> str:
    """What the generator puts before the shipped file; asserted to be comment lines only."""
    shipped = SHIPPED.read_text(encoding="utf-8")
    assert generated.endswith(shipped)
    header = generated[: -len(shipped)]
    assert header.endswith("\n") and all(line.startswith("# ") for line in header.splitlines())
    return header


def _run_python(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter that finds the generator on PYTHONPATH (unless `code` says otherwise)."""
    env = {**os.environ, "PYTHONPATH": str(PLUGINS_DIR)}
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=False)


# --- shipped verbatim, never imported -------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [Options(), Options(conversion="V2", python_package="other_models", nullable_context="enable")],
)
def test_the_generated_runtime_is_a_comment_header_then_the_shipped_file(options: Options) -> None:
    assert _header_of(runtime_module(options)) == _header_of(runtime_module(Options()))


_GENERATE_WITHOUT_PYDANTIC = """
import sys
sys.modules["pydantic"] = None  # as inside Pants: `import pydantic` raises ImportError
from schema_sync.cli import main
code = main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name.startswith("schema_sync.emit.shipped."))
assert not loaded, f"the generator imported {loaded}"
sys.exit(code)
"""

MODEL_CS = """
namespace App.Data;
[DynamoDBTable("items")]
public class Item
{
    [DynamoDBHashKey] public string Id { get; set; }
}
"""


def test_the_cli_writes_the_shipped_file_byte_for_byte_without_importing_it_or_pydantic(tmp_path: Path) -> None:
    (tmp_path / "Item.cs").write_text(MODEL_CS, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["generate", "--out", str(out), "--package", "acme_models", str(tmp_path / "Item.cs")]
    result = _run_python(_GENERATE_WITHOUT_PYDANTIC, *argv)
    assert result.returncode == 0, result.stdout + result.stderr
    written = (out / "python" / "acme_models" / "_runtime.py").read_bytes()
    assert written == _header_of(runtime_module(Options())).encode() + SHIPPED.read_bytes()


_READ_FROM_ZIP = """
import sys
sys.path.insert(0, sys.argv[1])
from schema_sync.emit.python_runtime import runtime_source
assert sys.modules["schema_sync"].__file__.startswith(sys.argv[1]), "not imported from the zip"
sys.stdout.write(runtime_source())
"""


def test_the_runtime_is_read_from_a_zipped_package_too(tmp_path: Path) -> None:
    """A PEX may import the generator from a zip: the file is read as package data, not by path."""
    archive = tmp_path / "schema_sync.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted((PLUGINS_DIR / "schema_sync").rglob("*.py")):
            if "tests" not in path.relative_to(PLUGINS_DIR).parts:
                zipped.write(path, path.relative_to(PLUGINS_DIR).as_posix())
    result = _run_python(_READ_FROM_ZIP, str(archive))
    assert result.returncode == 0, result.stderr
    assert result.stdout == SHIPPED.read_text(encoding="utf-8")


# --- collections: set or L, as .NET's converters choose -----------------------------------------


class Level(rt.OpenIntEnum):
    LOW = 1
    HIGH = 5


_STRINGS = rt.Sequence(rt.STRING, "L")
_STRING_SET = rt.Sequence(rt.STRING, "SS")
# (element codec, a sample element, stored type): the codec writes the storage the generator chose
# (the IR's), under either conversion schema; which storage .NET uses is resolve's rule, tested there.
COLLECTIONS = [
    (rt.STRING, "a", "SS"),
    (rt.CHAR, "c", "SS"),
    (rt.GUID, uuid.UUID(int=7), "SS"),
    (rt.DATETIME, dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.timezone.utc), "SS"),
    (rt.INT32, 3, "NS"),
    (rt.UINT8, 7, "NS"),
    (rt.DECIMAL, decimal.Decimal("1.5"), "NS"),
    (rt.FLOAT, 0.25, "NS"),
    (rt.BOOL, True, "NS"),
    (rt.BYTES, b"x", "BS"),
    *((codec, sample, "L") for codec, sample in (
        (rt.STRING, "a"), (rt.INT32, 3), (rt.BOOL, True), (rt.BYTES, b"x"), (rt.DATEONLY, dt.date(2024, 3, 1)),
        (rt.TIMEONLY, dt.time(8, 30)), (rt.EnumOf(Level), Level.HIGH), (_STRINGS, ["a"]),
    )),
]


@pytest.mark.parametrize(("element", "sample", "storage"), COLLECTIONS)
def test_a_sequence_writes_the_storage_it_was_given_under_either_schema(
    element: rt.Codec, sample: Any, storage: Literal["SS", "NS", "BS", "L"]
) -> None:
    codec = rt.Sequence(element, storage)
    for ctx in (V1, V2):
        stored = codec.encode([sample], ctx)
        assert stored is not None and list(stored) == [storage], (ctx, stored)
        assert codec.decode(stored) == [sample]


def test_a_sequence_reads_either_stored_form() -> None:
    """.NET reads a set or an L whatever it writes: so does the codec."""
    assert _STRINGS.decode({"SS": ["a"]}) == _STRING_SET.decode({"L": [{"S": "a"}]}) == ["a"]


def test_a_null_element_is_null_in_an_l_and_refused_in_a_set() -> None:
    codec = rt.Sequence(rt.INT32, "L")
    assert codec.encode([1, None], V1) == {"L": [{"N": "1"}, {"NULL": True}]}
    assert codec.decode({"L": [{"N": "1"}, {"NULL": True}]}) == [1, None]
    with pytest.raises(ValueError, match="None cannot be stored in a NS"):
        rt.Sequence(rt.INT32, "NS").encode([1, None], V1)


def test_a_sequence_refuses_a_storage_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="SS, NS, BS or L"):
        rt.Sequence(rt.BOOL, "ANY")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="holds scalars"):
        rt.Sequence(_STRINGS, "SS")


def test_a_bool_set_is_an_ns_of_1_and_0_whatever_the_schema() -> None:
    """A bool is BOOL under V2 on its own, but a set of them is an NS (V1's HashSet<bool>; V2 has none)."""
    assert rt.Sequence(rt.BOOL, "NS").encode([True, False], V2) == {"NS": ["1", "0"]}


def test_empty_sets_are_not_written_and_keep_the_stored_value_empty_ls_are() -> None:
    assert _STRING_SET.encode([], V1) is None
    assert _STRING_SET.encode(set(), V2) is None
    assert _STRINGS.encode([], V2) == {"L": []}
    assert rt.Sequence.unwritten_keeps_stored and not rt.Scalar.unwritten_keeps_stored


def test_an_empty_string_is_sent_in_a_set_and_dropped_from_an_l() -> None:
    assert _STRING_SET.encode(["", "a"], V1) == {"SS": ["", "a"]}
    assert _STRINGS.encode(["", "a"], V2) == {"L": [{"S": "a"}]}


def test_a_set_type_rejects_duplicates_an_l_keeps_them() -> None:
    with pytest.raises(ValueError, match="duplicate values cannot be stored as SS"):
        _STRING_SET.encode(["a", "a"], V1)
    assert _STRINGS.encode(["a", "a"], V2) == {"L": [{"S": "a"}, {"S": "a"}]}


def test_a_python_set_encodes_in_one_order_a_list_in_its_own() -> None:
    numbers = rt.Sequence(rt.INT32, "NS")
    assert numbers.encode({3, 1, 2}, V2) == numbers.encode(frozenset({2, 3, 1}), V2) == {"NS": ["1", "2", "3"]}
    assert numbers.encode([3, 1, 2], V2) == {"NS": ["3", "1", "2"]}
    levels: List[Any] = [Level.HIGH, Level.LOW]
    assert rt.Sequence(rt.EnumOf(Level), "L").encode(set(levels), V2) == {"L": [{"N": "1"}, {"N": "5"}]}


# --- scalars --------------------------------------------------------------------------------------


def _zone(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        (dt.datetime(2024, 3, 1, 10, 30, tzinfo=_zone(2)), dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.timezone.utc)),
        (dt.datetime(1, 1, 1, 1, 0, tzinfo=_zone(2)), rt.DATETIME_MIN),  # before year 1: MinValue
        (dt.datetime(9999, 12, 31, 23, 0, tzinfo=_zone(-2)), rt.DATETIME_MAX),  # after 9999: MaxValue
    ],
)
def test_to_utc_converts_and_clamps_as_dotnet(value: dt.datetime, utc: dt.datetime) -> None:
    converted = rt.to_utc(value)
    assert converted == utc and converted.utcoffset() == dt.timedelta(0)


def test_a_naive_datetime_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        rt.format_datetime(dt.datetime(2024, 3, 1))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7, "7"), (-(2**63), "-9223372036854775808"), (1.0, "1"), (0.1, "0.1"), (1e16, "1E+16"), (2.5e-7, "2.5E-07"),
        (decimal.Decimal("1.50"), "1.50"), (decimal.Decimal("1E+2"), "100"),
    ],
)
def test_numbers_are_written_as_dotnet_writes_them(value: Any, text: str) -> None:
    assert rt.format_number(value) == text


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), decimal.Decimal("NaN"), "1"])
def test_what_is_not_a_storable_number_is_refused(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        rt.format_number(value)


# --- open enums -----------------------------------------------------------------------------------


def test_an_unnamed_enum_value_is_kept_as_one_value_named_by_its_number() -> None:
    unnamed = Level(7)
    assert (unnamed.name, unnamed.value, int(unnamed)) == ("7", 7, 7)
    assert Level(7) is unnamed and list(Level) == [Level.LOW, Level.HIGH]
    codec = rt.EnumOf(Level)
    assert codec.encode(unnamed, V1) == {"N": "7"}
    assert codec.decode({"N": "7"}) is codec.decode({"S": "7"}) is unnamed


@pytest.mark.parametrize("value", [False, 2.5, "7"])
def test_only_an_integer_no_member_has_becomes_an_unnamed_value(value: Any) -> None:
    with pytest.raises(ValueError, match="is not a valid Level"):
        Level(value)


def test_stored_enum_names_are_read_as_enum_parse_reads_them() -> None:
    @rt.csharp_names(NONE_="None")
    class Perm(rt.OpenIntEnum):
        NONE_ = 0
        READ = 1
        WRITE = 2

    assert rt.parse_enum(Perm, "READ, WRITE") == 3
    assert rt.parse_enum(Perm, "None") is Perm.NONE_
    for unknown in ("NONE_", "read", "Delete"):
        with pytest.raises(ValueError, match="is not a member name"):
            rt.parse_enum(Perm, unknown)
