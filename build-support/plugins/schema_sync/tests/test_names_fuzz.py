"""Generated code works for any name: C# models whose class, property, enum member, stored and
index names are drawn from every name that could collide with something.

The names come from where they are defined, not from a list kept here: C# keywords (the C#
grammar's keyword tokens and its predefined types, written `@`-verbatim), Python keywords and
builtins, `typing`, pydantic's BaseModel, every identifier of the generated runtime's source
(DynamoModel, FieldSpec, the codecs, module-level names) and every name a generated module
uses. Each name is dealt to each role at least once over a seeded sample of C# trees, which go
through the real parser; every generated module must then import without warnings, pass
`mypy --strict` and ruff, construct, round-trip `to_item`/`from_item`, build `save_request()`,
and read each enum member by its C# name.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import random
import re
import subprocess
import sys
import typing
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, List, NamedTuple, Sequence, Set, Tuple

import pydantic
import pytest
import tree_sitter
import tree_sitter_c_sharp

from schema_sync.csharp.syntax import PREDEFINED_TYPES
from schema_sync.emit.python import emit_python
from schema_sync.emit.python_names import reserved_names
from schema_sync.emit.python_runtime import runtime_source
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

REPO_ROOT = Path.cwd()
PACKAGE = "names_fuzz"
SEED = 20240607
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names the sample's C# itself needs to mean what it says: the types and attributes it uses and
# its namespace. A class of one of these names would change the C#, not test the generator.
_CSHARP_USED = frozenset(
    {
        "Guid", "DateTime", "List", "HashSet", "Dictionary", "Flags", "System", "Amazon", "Fuzz",
        "DynamoDBTable", "DynamoDBHashKey", "DynamoDBRangeKey", "DynamoDBProperty", "DynamoDBVersion",
        "DynamoDBGlobalSecondaryIndexHashKey", "DynamoDBLocalSecondaryIndexRangeKey",
    }
)


def csharp_keywords() -> Set[str]:
    """Every keyword of the C# grammar the parser uses (its word tokens) and the predefined types."""
    language = tree_sitter.Language(tree_sitter_c_sharp.language())
    tokens = {
        language.node_kind_for_id(i)
        for i in range(language.node_kind_count)
        if not language.node_kind_is_named(i) and language.node_kind_is_visible(i)
    }
    return {token for token in tokens if token and re.fullmatch(r"[a-z_]+", token)} | set(PREDEFINED_TYPES)


def runtime_identifiers() -> Set[str]:
    """Every identifier the generated runtime's source defines or uses."""
    names: Set[str] = set()
    for node in ast.walk(ast.parse(runtime_source())):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name)
    return names


def name_pool() -> List[str]:
    """Every name the fuzz deals out, sorted (the seeded shuffles then make it reproducible)."""
    sources = [
        csharp_keywords(),
        set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins)),
        set(typing.__all__),
        set(dir(pydantic.BaseModel)),
        runtime_identifiers(),
        set(reserved_names()),
    ]
    return sorted(name for names in sources for name in names if _IDENTIFIER.match(name))


def csharp_name(name: str, rng: random.Random) -> str:
    """`name` as a C# identifier: `@`-verbatim where C# needs it, and now and then where it does not."""
    return f"@{name}" if name in _CSHARP_KEYWORDS or rng.random() < 0.1 else name


_CSHARP_KEYWORDS = csharp_keywords()


class Dealer:
    """Deals names for one role from seeded shuffles of the pool, one after the other, until every
    name of the pool has taken that role at least once."""

    def __init__(self, pool: Sequence[str], seed: int) -> None:
        self.pool, self.rng = sorted(set(pool)), random.Random(seed)
        self.queue: List[str] = []
        self.dealt: Set[str] = set()

    @property
    def dealt_all(self) -> bool:
        return len(self.dealt) == len(self.pool)

    def take(self, avoid: Set[str]) -> str:
        """The next name not in `avoid` (C#'s own rules: no two members of one name, no member named
        like its class), which is then added to it."""
        assert not avoid.issuperset(self.pool)
        while True:
            for position in range(len(self.queue) - 1, -1, -1):
                if self.queue[position] not in avoid:
                    name = self.queue.pop(position)
                    avoid.add(name)
                    self.dealt.add(name)
                    return name
            self.queue = self.rng.sample(self.pool, len(self.pool)) + self.queue


class Group(NamedTuple):
    files: Dict[str, str]
    table: str  # C# name of the table model (without `@`)
    keys: Tuple[str, str]  # C# properties of its hash and range keys


# (C# type, initialiser) of the table's members besides keys, indexes and version; `{enum}`,
# `{flags}`, `{local}` and `{nested}` are the group's types.
_MEMBERS = [
    ("int", None), ("bool", "true"), ("decimal", "1.5m"), ("Guid", "Guid.NewGuid()"), ("Guid", "Guid.NewGuid()"),
    ("DateTime", None), ("List<string>", "new()"), ("List<string>", "new List<string>()"), ("HashSet<int>", "new()"),
    ("HashSet<string>", "new()"), ("Dictionary<string, string>", "new()"), ("List<int>", "new()"),
    ("Dictionary<string, int>", "new()"), ("string[]", None), ("{enum}", None), ("{local}", None), ("{flags}", None),
    ("{nested}", None), ("List<{nested}>", "new()"), ("Dictionary<string, {nested}>", None), ("string", '"text"'),
    ("long", "90"), ("byte[]", None), ("{enum}", "{enum}.{member}"), ("decimal", None),
]
_ENUM_MEMBERS = 16
_SMALL_CLASSES = 30


class SampleWriter:
    """A group of C# files per call: two enums, a base class, a nested class, a table deriving from
    the base (keys, a GSI, an LSI, a version, members of every kind with and without initialisers),
    an enum beside it and small classes."""

    def __init__(self, pool: Sequence[str]) -> None:
        self.classes = Dealer([n for n in pool if n not in _CSHARP_USED], SEED)
        self.properties = Dealer(pool, SEED + 1)
        self.members = Dealer(pool, SEED + 2)
        self.stored = Dealer(pool, SEED + 3)
        self.rng = random.Random(SEED + 4)

    def done(self) -> bool:
        return all(d.dealt_all for d in (self.classes, self.properties, self.members, self.stored))

    def group(self, number: int) -> Group:
        taken: Set[str] = set()
        enum, flags, local, base, nested, table = (self.classes.take(taken) for _ in range(6))
        small = [self.classes.take(taken) for _ in range(_SMALL_CLASSES)]
        c = {name: csharp_name(name, self.rng) for name in taken}
        header = "using System;\nusing System.Collections.Generic;\nusing Amazon.DynamoDBv2.DataModel;\n"
        header += f"namespace Fuzz.G{number};\n"
        enum_source, first_member = self._enum(c[enum], enum, False)
        base_source, base_members = self._class(c[base], base, ["string", "int"])
        types = {"enum": c[enum], "flags": c[flags], "local": c[local], "nested": c[nested], "member": first_member}
        table_source, keys = self._table(c[table], table, c[base], base_members, types)
        files = {
            f"Fuzz{number}/Enums.cs": header + enum_source + self._enum(c[flags], flags, True)[0],
            f"Fuzz{number}/Base.cs": header + base_source,
            f"Fuzz{number}/Nested.cs": header + self._class(c[nested], nested, ["string", c[enum]])[0],
            f"Fuzz{number}/Table.cs": header + self._enum(c[local], local, False)[0] + table_source
            + "".join(self._class(c[name], name, ["string"])[0] for name in small),
        }
        return Group(files, table, keys)

    def _enum(self, name: str, bare: str, flags: bool) -> Tuple[str, str]:
        """The enum's source and its first member as C# writes it."""
        used = {bare}
        members = [csharp_name(self.members.take(used), self.rng) for _ in range(_ENUM_MEMBERS)]
        values = [0, *(1 << i for i in range(_ENUM_MEMBERS - 1))] if flags else range(_ENUM_MEMBERS)
        body = ",\n".join(f"    {member} = {value}" for member, value in zip(members, values))
        return ("[Flags]\n" if flags else "") + f"public enum {name}\n{{\n{body}\n}}\n", members[0]

    def _class(self, name: str, bare: str, types: List[str]) -> Tuple[str, Set[str]]:
        """A class of one member per type, and its members' names."""
        used = {bare}
        lines = [f"public class {name}", "{"]
        lines += [self._member(member_type, None, used) for member_type in types]
        return "\n".join([*lines, "}", ""]), used - {bare}

    def _member(self, member_type: str, initialiser: Any, used: Set[str], attribute: str = "") -> str:
        prop = self.properties.take(used)
        if not attribute and self.rng.random() < 0.5:  # a stored name no member of the class has
            attribute = f'[DynamoDBProperty("{self.stored.take(used)}")] '
        tail = f" = {initialiser};" if initialiser else ""
        return f"    {attribute}public {member_type} {csharp_name(prop, self.rng)} {{ get; set; }}{tail}"

    def _table(self, name: str, bare: str, base: str, inherited: Set[str],
               types: Dict[str, str]) -> Tuple[str, Tuple[str, str]]:
        used = {bare} | inherited
        keys = [self.properties.take(used) for _ in range(2)]
        index, local_index = self.stored.take(set()), self.stored.take(set())
        lines = [
            f'[DynamoDBTable("{self.stored.take(set())}")]',
            f"public class {name} : {base}",
            "{",
            f"    [DynamoDBHashKey] public string {csharp_name(keys[0], self.rng)} {{ get; set; }}",
            f"    [DynamoDBRangeKey] public int {csharp_name(keys[1], self.rng)} {{ get; set; }}",
            self._member("string", None, used, f'[DynamoDBGlobalSecondaryIndexHashKey("{index}")] '),
            self._member("string", None, used, f'[DynamoDBLocalSecondaryIndexRangeKey("{local_index}")] '),
            self._member("int?", None, used, "[DynamoDBVersion] "),
        ]
        for member_type, initialiser in _MEMBERS:
            lines.append(self._member(member_type.format(**types), initialiser and initialiser.format(**types), used))
        return "\n".join([*lines, "}", ""]), (keys[0], keys[1])


def sample() -> Tuple[Dict[str, bytes], List[Group]]:
    """C# groups until every name of the pool has taken every role."""
    writer = SampleWriter(name_pool())
    groups: List[Group] = []
    while not groups or not writer.done():
        groups.append(writer.group(len(groups)))
    return {path: text.encode() for g in groups for path, text in g.files.items()}, groups


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[Path, SchemaIR, List[Group]]]:
    sources, groups = sample()
    ir = extract(sources, Options(python_package=PACKAGE))
    errors = [f"{d.file}:{d.line}: {d.message}" for d in ir.diagnostics if d.severity == "error"]
    assert not errors, "\n".join(errors[:20])
    root = tmp_path_factory.mktemp("names")
    fx.write_files(root, emit_python(ir, Options(python_package=PACKAGE)))
    yield root, ir, groups


def _modules(root: Path) -> List[str]:
    return sorted(f"{PACKAGE}.{path.stem}" for path in (root / PACKAGE).glob("*.py") if path.stem != "__init__")


def test_every_name_takes_every_role() -> None:
    """The sample deals the whole pool to each role (so a name added to pydantic, the runtime or a
    generated module is tried as soon as it exists)."""
    pool = name_pool()
    assert {"save_request", "query_request", "physical_table_name", "SaveRequest", "OpenIntEnum", "model_dump",
            "Optional", "uuid4", "list", "class", "event", "match", "ATTRIBUTES"} <= set(pool)
    sources, groups = sample()
    text = "\n".join(content.decode() for content in sources.values())
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    assert set(pool) <= words
    assert len(groups) < 40  # the sample stays small: the whole test runs in seconds


def test_modules_import_without_warnings_and_round_trip(generated: Tuple[Path, SchemaIR, List[Group]]) -> None:
    root, ir, groups = generated
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns about a field shadowing an attribute
        modules = {name: fx.import_generated(root, name) for name in _modules(root)}
    for group in groups:
        table = next(m for m in ir.models if m.name == group.table and m.table)
        cls = _generated_class(modules, ir, table.file, table.name)
        fields = {a.property: cls.ATTRIBUTES[i].field for i, a in enumerate(table.attributes)}
        instance = cls(**{fields[group.keys[0]]: "h", fields[group.keys[1]]: 7})
        item = instance.to_item()
        assert cls.from_item(item) == instance
        request = instance.save_request()
        assert instance.saved(request).to_item() == {**item, **request.document}
        assert cls.encode_attribute(table.key_attribute("hash").name, "h") == {"S": "h"}  # type: ignore[union-attr]


def test_enum_members_are_read_by_their_csharp_names(generated: Tuple[Path, SchemaIR, List[Group]]) -> None:
    root, ir, _ = generated
    runtime = fx.import_generated(root, f"{PACKAGE}._runtime")
    modules = {name: fx.import_generated(root, name) for name in _modules(root)}
    for enum in ir.enums:
        cls = _generated_class(modules, ir, enum.file, enum.name)
        codec = runtime.EnumOf(cls)
        for member in enum.members:
            assert codec.decode({"S": member.name}).value == member.value, (enum.name, member.name)
        assert codec.decode({"S": "99"}).value == 99  # a number no member has: an open value


def test_modules_pass_mypy_strict_and_ruff(generated: Tuple[Path, SchemaIR, List[Group]], tmp_path: Path) -> None:
    root, _, _ = generated
    fx.mypy_strict(root, [PACKAGE], tmp_path / ".mypy_cache")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO_ROOT / "ruff.toml"), str(root)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


def _generated_class(modules: Dict[str, ModuleType], ir: SchemaIR, file: str, name: str) -> Any:
    """The generated class of the C# type `name` declared in `file`."""
    from schema_sync.emit.index import IRIndex
    from schema_sync.emit.python_names import class_names_for_file

    index = IRIndex.of(ir)
    declared: List[Any] = [*index.models_in(file), *index.enums_in(file)]
    full_name = next(t.full_name for t in declared if t.name == name)
    module = next(m for m in modules.values() if Path(m.__file__ or "").stem == _stem(file, ir))
    return getattr(module, class_names_for_file(index, file)[full_name])


def _stem(file: str, ir: SchemaIR) -> str:
    from schema_sync.emit.index import IRIndex
    from schema_sync.emit.naming import stems_by_file

    return stems_by_file(IRIndex.of(ir))[file]
