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
    Conversion,
    Default,
    Enum,
    EnumMember,
    EpochKind,
    IndexRole,
    KeyRole,
    Model,
    SchemaIR,
    SourceFile,
    TypeKind,
    TypeRef,
    as_conversion,
)
from schema_sync.resolve.types import stored

NS = "Acme.Data"
BASE_FILE = "acme/Data/BaseThing.cs"
ENUM_FILE = "acme/Data/Enums/Color.cs"
NESTED_FILE = "acme/Data/Address.cs"
MAIN_FILE = "acme/Data/Everything.cs"


def t(
    kind: TypeKind, *args: TypeRef, ref: Optional[str] = None, nullable: bool = False, csharp: str = ""
) -> TypeRef:
    """A type as `resolve.types.type_ref` makes it: `attr` decides its storage."""
    return TypeRef(kind=kind, csharp=csharp or kind, args=tuple(args), ref=ref, nullable=nullable)


def enum_t(name: str, nullable: bool = False) -> TypeRef:
    return t("enum", ref=f"{NS}.Enums.{name}", nullable=nullable, csharp=name)


def model_t(name: str, nullable: bool = False) -> TypeRef:
    return t("model", ref=f"{NS}.{name}", nullable=nullable, csharp=name)


def attr(
    prop: str,
    type_ref: TypeRef,
    *,
    name: Optional[str] = None,
    nullable: bool = False,
    declared_in: str = "Everything",
    conversion: Conversion = "V1",
    default: Optional[Default] = None,
    key: Optional[KeyRole] = None,
    gsi: Sequence[Tuple[str, KeyRole]] = (),
    lsi: Sequence[str] = (),
    epoch: Optional[EpochKind] = None,
    converter: Optional[str] = None,
    version: bool = False,
    doc: Optional[str] = None,
    line: int = 1,
) -> Attribute:
    """An attribute as resolve builds it: its type's storage decided by resolve's own rules; a
    `converter` here is one whose output is unknown (ANY)."""
    # `nullable` without a `?` on the type: declared where C# has no nullable annotations.
    typed = stored(type_ref, conversion, oblivious=nullable and not type_ref.nullable).type
    return Attribute(
        property=prop,
        name=name or prop,
        type=typed,
        nullable=nullable,
        storage="ANY" if converter else "N" if epoch else typed.storage,
        declared_in=declared_in,
        line=line,
        col=5,
        key=key,
        gsi=tuple(IndexRole(index=index, role=role) for index, role in gsi),
        lsi=tuple(lsi),
        version=version,
        converter=converter,
        default=default,
        epoch=epoch,
        doc=doc,
    )


def source(path: str) -> SourceFile:
    return SourceFile(path=path, sha256=hashlib.sha256(path.encode()).hexdigest())


def _base_attributes(conversion: Conversion, declared_in: str) -> Tuple[Attribute, ...]:
    return (
        attr("CreatedAt", t("datetime"), name="created_at", declared_in=declared_in, conversion=conversion,
             default=Default(kind="now"), doc="When the item was first written (UTC)."),
        attr("CreatedBy", t("string"), name="created_by", declared_in=declared_in, conversion=conversion,
             default=Default(kind="string", value="")),
    )


def kitchen_sink(conversion: str = "V1") -> SchemaIR:
    """Every supported type in one table model, plus a base class, a nested model and enums."""
    c = as_conversion(conversion)
    base_attrs = _base_attributes(c, "BaseThing")
    address = Model(
        name="Address", namespace=NS, file=NESTED_FILE, line=3, col=14, base=None, table=None,
        conversion=c, doc="A postal address, stored as a map.",
        attributes=(
            attr("Street", t("string"), nullable=True, declared_in="Address", conversion=c),
            attr("Zip", t("int32"), declared_in="Address", conversion=c),
            attr("Lines", t("list", t("string")), declared_in="Address", conversion=c, default=Default(kind="empty")),
        ),
    )
    everything = Model(
        name="Everything", namespace=NS, file=MAIN_FILE, line=10, col=14, base="BaseThing",
        table="everything", conversion=c, doc="Every type the codec supports.",
        attributes=(
            *base_attrs,
            attr("Id", t("string"), name="id", key="hash", conversion=c, default=Default(kind="string", value="")),
            attr("Sort", t("int64"), name="sort", key="range", conversion=c,
                 gsi=[("by-category", "range")]),
            attr("Category", t("string"), name="category", conversion=c, default=Default(kind="string", value="misc"),
                 gsi=[("by-category", "hash")]),
            attr("When", t("datetime"), name="when", nullable=True, conversion=c, lsi=["by-when"]),
            attr("Name", t("string"), nullable=True, conversion=c),
            attr("Letter", t("char"), conversion=c, default=Default(kind="string", value="x")),
            attr("Flag", t("bool"), conversion=c),
            attr("Count", t("int32"), conversion=c, default=Default(kind="int", value="90")),
            attr("Big", t("uint64"), conversion=c),
            attr("Small", t("int8"), conversion=c),
            attr("Ratio", t("float64"), conversion=c, default=Default(kind="float", value="1.5d")),
            attr("Price", t("decimal"), conversion=c, default=Default(kind="decimal", value="9.99m")),
            attr("Ident", t("guid"), conversion=c, default=Default(kind="new_guid")),
            attr("Stamp", t("datetime"), nullable=True, conversion=c, epoch="int64"),
            attr("Blob", t("bytes"), nullable=True, conversion=c),
            attr("Color", enum_t("Color"), conversion=c, default=Default(kind="enum", value="Green")),
            attr("Perms", enum_t("Perm"), conversion=c, default=Default(kind="int", value="3")),
            attr("Tags", t("list", t("string")), conversion=c, default=Default(kind="empty")),
            attr("Scores", t("array", t("int32")), conversion=c, default=Default(kind="empty")),
            attr("Unique", t("set", t("string")), conversion=c, default=Default(kind="empty")),
            attr("Flags", t("list", t("bool")), conversion=c, default=Default(kind="empty")),
            attr("Colors", t("list", enum_t("Color")), conversion=c, default=Default(kind="empty")),
            attr("MaybeInts", t("list", t("int32", nullable=True)), conversion=c, default=Default(kind="empty")),
            attr("Home", model_t("Address"), nullable=True, conversion=c),
            attr("Addresses", t("list", model_t("Address")), conversion=c, default=Default(kind="empty")),
            attr("Attrs", t("dict", t("string"), t("string", nullable=True)), conversion=c,
                 default=Default(kind="empty")),
            attr("Places", t("dict", t("string"), model_t("Address")), conversion=c, default=Default(kind="empty")),
            attr("Matrix", t("list", t("list", t("int32"))), conversion=c, default=Default(kind="empty")),
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
             members=(EnumMember(name="Red", value=0), EnumMember(name="Green", value=1),
                      EnumMember(name="Blue", value=2))),
        Enum(name="Perm", namespace=f"{NS}.Enums", file=ENUM_FILE, line=9, col=13, underlying="int64",
             flags=True, members=(EnumMember(name="None", value=0), EnumMember(name="Read", value=1),
                                  EnumMember(name="Write", value=2))),
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
        attr("@class", t("string"), name="class", key="hash", declared_in="from",
             default=Default(kind="string", value=INJECTION), doc=INJECTION + ' """ \\ end'),
        attr("from", t("string"), name="from-attr.with dots", declared_in="from",
             gsi=[("idx\"; DROP", "hash")], default=Default(kind="expression", value="Foo()\nimport os")),
        attr("Größe", t("int32"), name="größe", declared_in="from"),
        attr("model_dump", t("string"), name="__proto__", nullable=True, declared_in="from"),
        attr("To_Item", t("string"), name="$type", nullable=True, declared_in="from"),
        attr("Model_Dump", t("string"), name="constructor", nullable=True, declared_in="from"),
        attr("_1st", t("bool"), name="1st", declared_in="from"),
        attr("None", enum_t("while"), name="None", declared_in="from", default=Default(kind="enum", value="None")),
    )
    model = Model(
        name="from", namespace=NS, file=HOSTILE_FILE, line=1, col=1, base=None, table="t'; rm -rf / #",
        attributes=attributes, doc="*/ </script> \"\"\" \x00 \u2028 done",
    )
    enum = Enum(
        name="while", namespace=f"{NS}.Enums", file=HOSTILE_FILE, line=2, col=1, underlying="int32",
        members=(EnumMember(name="None", value=0, doc='"""'), EnumMember(name="_sunder_", value=1),
                 EnumMember(name="mro", value=2), EnumMember(name="class", value=3)),
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
