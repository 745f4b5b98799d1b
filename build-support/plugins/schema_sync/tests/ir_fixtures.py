"""Hand-built IR for the emitter tests: no C# parsing, so the emitters are tested on their own.

`kitchen_sink(conversion)` covers every type the codec handles; `hostile()` carries names,
defaults and docs that try to inject code into each output language.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

import pytest
import yaml

from schema_sync.ir import (
    Attribute,
    Default,
    Enum,
    EnumMember,
    IndexRole,
    Model,
    SchemaIR,
    SourceFile,
    TypeRef,
)

NS = "Acme.Data"
BASE_FILE = "acme/Data/BaseThing.cs"
ENUM_FILE = "acme/Data/Enums/Color.cs"
NESTED_FILE = "acme/Data/Address.cs"
MAIN_FILE = "acme/Data/Everything.cs"


def t(kind: str, *args: TypeRef, ref: Optional[str] = None, nullable: bool = False, csharp: str = "") -> TypeRef:
    return TypeRef(kind=kind, csharp=csharp or kind, args=tuple(args), ref=ref, nullable=nullable)


def enum_t(name: str, nullable: bool = False) -> TypeRef:
    return t("enum", ref=f"{NS}.Enums.{name}", nullable=nullable, csharp=name)


def model_t(name: str, nullable: bool = False) -> TypeRef:
    return t("model", ref=f"{NS}.{name}", nullable=nullable, csharp=name)


_SET_TAG = {"string": "SS", "char": "SS", "guid": "SS", "datetime": "SS", "bytes": "BS"}


def storage_of(type_ref: TypeRef, conversion: str, epoch: Optional[str] = None) -> str:
    """The top-level DynamoDB type .NET writes (what the resolver would put in Attribute.storage)."""
    kind = type_ref.kind
    if epoch:
        return "N"
    if kind in ("string", "char", "guid", "datetime", "dateonly", "timeonly"):
        return "S"
    if kind in ("bytes", "memorystream"):
        return "B"
    if kind == "bool":
        return "N" if conversion == "V1" else "BOOL"
    if kind in ("model", "dict"):
        return "M"
    if kind in ("list", "array", "set"):
        element = type_ref.args[0]
        primitive = element.kind not in ("enum", "model", "list", "array", "set", "dict") and not element.nullable
        if primitive and (kind == "set" or conversion == "V1"):
            return _SET_TAG.get(element.kind, "NS")
        return "L"
    if kind in ("datetimeoffset", "timespan", "unknown"):
        return "ANY"
    return "N"


def attr(
    prop: str,
    type_ref: TypeRef,
    *,
    name: Optional[str] = None,
    nullable: bool = False,
    declared_in: str = "Everything",
    conversion: str = "V1",
    default: Optional[Default] = None,
    key: Optional[str] = None,
    gsi: Sequence[Tuple[str, str]] = (),
    lsi: Sequence[str] = (),
    epoch: Optional[str] = None,
    converter: Optional[str] = None,
    version: bool = False,
    doc: Optional[str] = None,
    line: int = 1,
) -> Attribute:
    return Attribute(
        property=prop,
        name=name or prop,
        type=type_ref,
        nullable=nullable,
        storage="ANY" if converter else storage_of(type_ref, conversion, epoch),
        declared_in=declared_in,
        line=line,
        col=5,
        key=key,
        gsi=tuple(IndexRole(index, role) for index, role in gsi),
        lsi=tuple(lsi),
        version=version,
        converter=converter,
        default=default,
        epoch=epoch,
        doc=doc,
    )


def source(path: str) -> SourceFile:
    return SourceFile(path, hashlib.sha256(path.encode()).hexdigest())


def _base_attributes(conversion: str, declared_in: str) -> Tuple[Attribute, ...]:
    return (
        attr("CreatedAt", t("datetime"), name="created_at", declared_in=declared_in, conversion=conversion,
             default=Default("now"), doc="When the item was first written (UTC)."),
        attr("CreatedBy", t("string"), name="created_by", declared_in=declared_in, conversion=conversion,
             default=Default("string", "")),
    )


def kitchen_sink(conversion: str = "V1") -> SchemaIR:
    """Every supported type in one table model, plus a base class, a nested model and enums."""
    c = conversion
    base_attrs = _base_attributes(c, "BaseThing")
    address = Model(
        name="Address", namespace=NS, file=NESTED_FILE, line=3, col=14, base=None, table=None,
        conversion=c, doc="A postal address, stored as a map.",
        attributes=(
            attr("Street", t("string"), nullable=True, declared_in="Address", conversion=c),
            attr("Zip", t("int32"), declared_in="Address", conversion=c),
            attr("Lines", t("list", t("string")), declared_in="Address", conversion=c, default=Default("empty")),
        ),
    )
    everything = Model(
        name="Everything", namespace=NS, file=MAIN_FILE, line=10, col=14, base="BaseThing",
        table="everything", conversion=c, doc="Every type the codec supports.",
        attributes=(
            *base_attrs,
            attr("Id", t("string"), name="id", key="hash", conversion=c, default=Default("string", "")),
            attr("Sort", t("int64"), name="sort", key="range", conversion=c,
                 gsi=[("by-category", "range")]),
            attr("Category", t("string"), name="category", conversion=c, default=Default("string", "misc"),
                 gsi=[("by-category", "hash")]),
            attr("When", t("datetime"), name="when", nullable=True, conversion=c, lsi=["by-when"]),
            attr("Name", t("string"), nullable=True, conversion=c),
            attr("Letter", t("char"), conversion=c, default=Default("string", "x")),
            attr("Flag", t("bool"), conversion=c),
            attr("Count", t("int32"), conversion=c, default=Default("int", "90")),
            attr("Big", t("uint64"), conversion=c),
            attr("Small", t("int8"), conversion=c),
            attr("Ratio", t("float64"), conversion=c, default=Default("float", "1.5d")),
            attr("Price", t("decimal"), conversion=c, default=Default("decimal", "9.99m")),
            attr("Ident", t("guid"), conversion=c, default=Default("new_guid")),
            attr("Stamp", t("datetime"), nullable=True, conversion=c, epoch="int64"),
            attr("Blob", t("bytes"), nullable=True, conversion=c),
            attr("Color", enum_t("Color"), conversion=c, default=Default("enum", "Green")),
            attr("Perms", enum_t("Perm"), conversion=c, default=Default("int", "3")),
            attr("Tags", t("list", t("string")), conversion=c, default=Default("empty")),
            attr("Scores", t("array", t("int32")), conversion=c, default=Default("empty")),
            attr("Unique", t("set", t("string")), conversion=c, default=Default("empty")),
            attr("Flags", t("list", t("bool")), conversion=c, default=Default("empty")),
            attr("Colors", t("list", enum_t("Color")), conversion=c, default=Default("empty")),
            attr("MaybeInts", t("list", t("int32", nullable=True)), conversion=c, default=Default("empty")),
            attr("Home", model_t("Address"), nullable=True, conversion=c),
            attr("Addresses", t("list", model_t("Address")), conversion=c, default=Default("empty")),
            attr("Attrs", t("dict", t("string"), t("string", nullable=True)), conversion=c,
                 default=Default("empty")),
            attr("Places", t("dict", t("string"), model_t("Address")), conversion=c, default=Default("empty")),
            attr("Matrix", t("list", t("list", t("int32"))), conversion=c, default=Default("empty")),
            attr("Offset", t("datetimeoffset"), nullable=True, conversion=c, converter="DateTimeOffsetConverter"),
            attr("Version", t("int64", nullable=True), nullable=True, conversion=c, version=True),
        ),
    )
    base = Model(
        name="BaseThing", namespace=NS, file=BASE_FILE, line=5, col=23, base=None, table=None,
        conversion=c, abstract=True, doc="Audit fields.", attributes=base_attrs,
    )
    enums = (
        Enum(name="Color", namespace=f"{NS}.Enums", file=ENUM_FILE, line=3, col=13, underlying="int32",
             members=(EnumMember("Red", 0), EnumMember("Green", 1), EnumMember("Blue", 2))),
        Enum(name="Perm", namespace=f"{NS}.Enums", file=ENUM_FILE, line=9, col=13, underlying="int64",
             flags=True, members=(EnumMember("None", 0), EnumMember("Read", 1), EnumMember("Write", 2))),
    )
    return SchemaIR(
        models=(everything, base, address),
        enums=enums,
        diagnostics=(),
        sources=tuple(source(p) for p in sorted({BASE_FILE, ENUM_FILE, NESTED_FILE, MAIN_FILE})),
    )


HOSTILE_FILE = "acme/Data/Hostile'\"\n.cs"
INJECTION = "'\"\"\" + __import__('os').system('echo pwned') + \"\"\" */ ${Stage} !Sub \n- key: value"


def hostile() -> SchemaIR:
    """Names and strings that try to break out of every output language."""
    attributes = (
        attr("@class", t("string"), name="class", key="hash", declared_in="from", default=Default("string", INJECTION),
             doc=INJECTION + ' """ \\ end'),
        attr("from", t("string"), name="from-attr.with dots", declared_in="from",
             gsi=[("idx\"; DROP", "hash")], default=Default("expression", "Foo()\nimport os")),
        attr("Größe", t("int32"), name="größe", declared_in="from"),
        attr("model_dump", t("string"), name="__proto__", nullable=True, declared_in="from"),
        attr("To_Item", t("string"), name="$type", nullable=True, declared_in="from"),
        attr("Model_Dump", t("string"), name="constructor", nullable=True, declared_in="from"),
        attr("_1st", t("bool"), name="1st", declared_in="from"),
        attr("None", enum_t("while"), name="None", declared_in="from", default=Default("enum", "None")),
    )
    model = Model(
        name="from", namespace=NS, file=HOSTILE_FILE, line=1, col=1, base=None, table="t'; rm -rf / #",
        attributes=attributes, doc="*/ </script> \"\"\" \x00 \u2028 done",
    )
    enum = Enum(
        name="while", namespace=f"{NS}.Enums", file=HOSTILE_FILE, line=2, col=1, underlying="int32",
        members=(EnumMember("None", 0, doc='"""'), EnumMember("_sunder_", 1), EnumMember("mro", 2),
                 EnumMember("class", 3)),
        doc=INJECTION,
    )
    other = Model(
        name="str", namespace=NS, file=HOSTILE_FILE, line=3, col=1, base=None, table=None,
        attributes=(attr("Value", t("string"), nullable=True, declared_in="str"),),
    )
    return SchemaIR(models=(model, other), enums=(enum,), diagnostics=(), sources=(source(HOSTILE_FILE),))


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def import_generated(root: Path, module: str) -> ModuleType:
    """Import a module from a generated tree (the tree's root goes on sys.path once)."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module(module)


class _CfnLoader(yaml.SafeLoader):
    """Reads the short-form intrinsics back as {"!Fn": value} so tests can inspect them."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Dict[str, Any]:
    assert isinstance(node, yaml.ScalarNode)
    return {f"!{suffix}": loader.construct_scalar(node)}


_CfnLoader.add_multi_constructor("!", _intrinsic)


def load_cloudformation(text: str) -> Dict[str, Any]:
    """A generated template as data, intrinsics (`!Sub 'x'`) as `{"!Sub": "x"}`."""
    data: Dict[str, Any] = yaml.load(text, Loader=_CfnLoader)  # a SafeLoader subclass
    return data


def mypy_strict(root: Path, packages: Sequence[str], cache_dir: Path) -> None:
    """Assert that `mypy --strict` accepts the generated packages under `root`."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--explicit-package-bases", "--no-incremental",
         "--cache-dir", str(cache_dir), *packages],
        cwd=root, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def compile_typescript_strict(root: Path, files: Mapping[str, str]) -> None:
    """Write `files` under `root` and assert that `tsc --strict --noEmit` accepts them."""
    write_files(root, files)
    tsc_strict(sorted(root / name for name in files))


def tsc_strict(paths: Sequence[Path]) -> None:
    """Assert that `tsc --strict --noEmit` ($SCHEMA_SYNC_TSC) accepts these TypeScript files."""
    tsc = os.environ.get("SCHEMA_SYNC_TSC")
    if not tsc:
        pytest.fail("SCHEMA_SYNC_TSC is not set: point it at a TypeScript 5 `tsc` binary (the launcher/CI install it)")
    command = [tsc, "--strict", "--noEmit", "--target", "es2020", "--module", "commonjs", *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
