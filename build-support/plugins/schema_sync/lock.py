"""The schema lock: a stable projection of the IR's stored schema, committed beside the models.

What the lock holds is exactly what the breaking-change rules (`schema_sync.breaking`) compare:
per table its physical name template, CloudFormation logical ID, key attributes and their DynamoDB
types, GSIs and LSIs; per stored model (table models and the nested models they store as maps) its
`[DynamoDBVersion]` attribute and each attribute's stored name, C# property, storage type, stored
form (`stored_form`), type signature, nullability and whether the generated Python field is
required; per enum those models use, its members and values.

Lock files of `lock_version` 1 (before logical IDs, stored forms and version attributes) still
load: those fields read as None, and the rules that need them are skipped (`breaking`).

Source positions: a lock built from the IR carries `file:line` for every table, model, attribute
and enum, so findings can point at the C# source. The JSON keeps only file paths, never lines:
moving a property (or adding one above it) must not change the lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from schema_sync.emit.index import IRIndex, declaring_file
from schema_sync.emit.naming import physical_table_name_template
from schema_sync.emit.presence import field_default
from schema_sync.emit.storage import may_hold_null, wire_type
from schema_sync.emit.validation import checked_index
from schema_sync.ir import Attribute, EnumMember, Model, SchemaIR, TypeRef, type_refs
from schema_sync.options import Options

LOCK_VERSION = 2  # 2: tables' logical_id, attributes' stored form, models' version attribute
_READABLE_VERSIONS = (1, 2)


@dataclass(frozen=True)
class Where:
    file: str
    line: int = 0  # 0: unknown (a lock read from JSON)

    def render(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class KeyPart:
    name: str  # stored attribute name
    type: str  # S | N | B (what .NET writes, so what the AttributeDefinitions must say)

    def render(self) -> str:
        return f"{self.name} ({self.type})"


Key = Tuple[KeyPart, ...]  # usually one part; DynamoDB's multi-attribute GSI keys have more


def render_key(key: Key) -> str:
    return " + ".join(p.render() for p in key) if key else "none"


@dataclass(frozen=True)
class LockedIndex:
    name: str
    hash_key: Key
    range_key: Key


@dataclass(frozen=True)
class LockedTable:
    name: str  # the C# table name, `[DynamoDBTable("goals")]`
    physical_name: str  # the CloudFormation `!Sub` template of the deployed name
    hash_key: Key
    range_key: Key
    gsis: Tuple[LockedIndex, ...]
    lsis: Tuple[LockedIndex, ...]
    models: Tuple[str, ...]  # full names of the models stored in it
    where: Where = field(compare=False)
    logical_id: Optional[str] = None  # its CloudFormation resource; None: not recorded (lock_version 1)

    def gsi(self, name: str) -> Optional[LockedIndex]:
        return next((i for i in self.gsis if i.name == name), None)

    def lsi(self, name: str) -> Optional[LockedIndex]:
        return next((i for i in self.lsis if i.name == name), None)

    def key_names(self) -> Set[str]:
        return {p.name for p in self.hash_key + self.range_key}


@dataclass(frozen=True)
class LockedAttribute:
    name: str  # stored name
    property: str  # C# member
    storage: str  # ir.STORAGE_TYPES
    type: str  # type signature: `int32`, `list<string>`, `enum:Ns.Status`, `converter:X(string)`...
    nullable: bool  # .NET may hold null, so the item may lack it (emit.storage.may_hold_null)
    required: bool  # the generated model has no default for it: items without it fail to read (emit.presence)
    where: Where = field(compare=False)
    stored: Optional[str] = None  # `stored_form`; None: not recorded (lock_version 1)


@dataclass(frozen=True)
class LockedModel:
    name: str  # full name
    table: Optional[str]
    attributes: Tuple[LockedAttribute, ...]
    where: Where = field(compare=False)
    version: Optional[str] = None  # stored name of its [DynamoDBVersion] attribute (lock_version 2 on)

    def attribute(self, name: str) -> Optional[LockedAttribute]:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class LockedEnum:
    name: str  # full name
    members: Tuple[Tuple[str, int], ...]  # (name, value), by value then name
    where: Where = field(compare=False)


@dataclass(frozen=True)
class SchemaLock:
    tables: Tuple[LockedTable, ...]
    models: Tuple[LockedModel, ...]
    enums: Tuple[LockedEnum, ...]
    lock_version: int = LOCK_VERSION  # of the file it was read from: 1 lacks what version 2 added

    @property
    def records_versions(self) -> bool:
        """Whether models' [DynamoDBVersion] attributes are recorded (None is then "none")."""
        return self.lock_version >= 2

    def table(self, name: str) -> Optional[LockedTable]:
        return next((t for t in self.tables if t.name == name), None)

    def model(self, name: str) -> Optional[LockedModel]:
        return next((m for m in self.models if m.name == name), None)

    def enum(self, name: str) -> Optional[LockedEnum]:
        return next((e for e in self.enums if e.name == name), None)

    def to_json(self) -> str:
        return json.dumps(_lock_json(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- IR -> lock --------------------------------------------------------------------------------


def lock_of(ir: SchemaIR, options: Options) -> SchemaLock:
    """The lock of a whole tree's IR (the IR must be free of errors). EmitError for what
    generation refuses too (the CloudFormation emitter's table checks)."""
    from schema_sync.emit.cloudformation import checked_tables  # loads the emitter only when locking

    index = checked_index(ir)
    logical_ids = {table.name: table.logical_id for table in checked_tables(index, options)}
    stored = _stored_models(index)
    models = tuple(_locked_model(index, m) for m in stored)
    used = {index.enum_for(ref) for m in stored for a in m.attributes for ref in type_refs(a.type)}
    enums = tuple(
        LockedEnum(e.full_name, _members(e.members), Where(e.file, e.line))
        for e in sorted((e for e in used if e is not None), key=lambda e: e.full_name)
    )
    by_table: Dict[str, List[Model]] = {}
    for model in index.table_models():
        by_table.setdefault(model.table or "", []).append(model)
    tables = tuple(_locked_table(name, group, options, logical_ids[name]) for name, group in sorted(by_table.items()))
    return SchemaLock(tables, models, enums)


def _members(members: Iterable[EnumMember]) -> Tuple[Tuple[str, int], ...]:
    """(name, value) by value, then name: the order the JSON gives back too."""
    return tuple(sorted(((m.name, m.value) for m in members), key=lambda x: (x[1], x[0])))


def _stored_models(index: IRIndex) -> List[Model]:
    """Table models and every model they store inside them (maps), transitively, by full name."""
    found: Dict[str, Model] = {m.full_name: m for m in index.table_models()}
    pending = list(found.values())
    while pending:
        for attribute in pending.pop().attributes:
            for ref in type_refs(attribute.type):
                nested = index.model_for(ref)
                if nested is not None and nested.full_name not in found:
                    found[nested.full_name] = nested
                    pending.append(nested)
    return [found[name] for name in sorted(found)]


def _locked_model(index: IRIndex, model: Model) -> LockedModel:
    attributes = tuple(
        LockedAttribute(
            name=a.name,
            property=a.property,
            storage=a.storage,
            type=_signature(a.type, a),
            nullable=may_hold_null(a),
            required=field_default(index, a).required,
            where=Where(declaring_file(index, model, a), a.line),
            stored=stored_form(a),
        )
        for a in sorted(model.attributes, key=lambda a: a.name)
    )
    version = next((a.name for a in model.attributes if a.version), None)
    return LockedModel(model.full_name, model.table, attributes, Where(model.file, model.line), version)


def stored_form(attribute: Attribute) -> str:
    """What .NET writes for the attribute (the IR's storage), as text, whatever its C# spelling:
    `List<string>`, `string[]` and `HashSet<string>` are all `SS<S:string>` under V1; `string` is
    `S:string` and `Guid` `S:guid` (one DynamoDB type, two formats: old items do not read as the other)."""
    if attribute.converter:
        return f"{attribute.storage}:converter:{attribute.converter}"  # its format is the converter's
    return _type_form(attribute.type, attribute.epoch)


def _type_form(type_ref: TypeRef, epoch: Optional[str] = None) -> str:
    wire = wire_type(type_ref, epoch=epoch)
    if wire.tag == "ANY" or wire.kind == "unknown":  # no codec of ours: only the C# type says what it is
        return f"{wire.tag}:{_signature(type_ref)}"
    if wire.tag in ("SS", "NS", "BS", "L", "MAP"):
        element = type_ref.args[-1]  # a sequence's element, a dictionary's value
        # The element's declared `?`, not `wire.nullable_elements`: locks written before oblivious
        # members' elements were known to be nullable must still compare equal (the stored type is the same).
        nullable = "?" if element.nullable else ""
        return f"{wire.tag}<{_type_form(element)}{nullable}>"
    if wire.tag == "M":
        return f"M:{wire.ref}"
    detail = f"epoch-{epoch}" if wire.kind == "epoch" else f"enum:{wire.ref}" if wire.kind == "enum" else wire.kind
    return f"{wire.tag}:{detail}"


def same_stored_form(was: LockedAttribute, now: LockedAttribute) -> bool:
    """Whether items stored for `was` and for `now` are the same (each side reads the other's).
    Decided here only: by stored form, or by C# type signature against a lock of version 1."""
    if was.storage != now.storage:
        return False
    if was.stored is None or now.stored is None:
        return was.type == now.type
    return was.stored == now.stored


def _signature(type_ref: TypeRef, attribute: Optional[Attribute] = None) -> str:
    """The stored shape's identity, without nullability (that is `nullable`/`required`)."""
    if type_ref.kind in ("enum", "model"):
        text = f"{type_ref.kind}:{type_ref.ref}"
    elif type_ref.kind == "unknown":
        text = f"unknown:{type_ref.csharp}"
    else:
        text = type_ref.kind
    if type_ref.args:
        inner = ", ".join(_signature(a) + ("?" if a.nullable else "") for a in type_ref.args)
        text = f"{text}<{inner}>"
    if attribute is not None and attribute.epoch:
        text = f"epoch-{attribute.epoch}:{text}"
    if attribute is not None and attribute.converter:
        text = f"converter:{attribute.converter}({text})"
    return text


def _key_parts(attributes: Iterable[Attribute]) -> Key:
    return tuple(KeyPart(a.name, a.storage) for a in attributes)


def _locked_table(name: str, models: List[Model], options: Options, logical_id: str) -> LockedTable:
    first = sorted(models, key=lambda m: m.full_name)[0]  # the emitter requires them to agree on keys
    attrs = first.attributes
    gsis = tuple(  # key attributes in KeySchema order (`Order = n` of multi-attribute keys)
        LockedIndex(
            index,
            _key_parts(first.gsi_key_attributes(index, "hash")),
            _key_parts(first.gsi_key_attributes(index, "range")),
        )
        for index in first.gsi_names()
    )
    range_key = _key_parts(a for a in attrs if a.key == "range")
    lsis = tuple(LockedIndex(index, (), _key_parts(a for a in attrs if index in a.lsi)) for index in first.lsi_names())
    return LockedTable(
        name=name,
        physical_name=physical_table_name_template(name, options),
        hash_key=_key_parts(a for a in attrs if a.key == "hash"),
        range_key=range_key,
        gsis=gsis,
        lsis=lsis,
        models=tuple(sorted(m.full_name for m in models)),
        where=Where(first.file, first.line),
        logical_id=logical_id,
    )


# -- JSON ----------------------------------------------------------------------------------------


def _key_json(key: Key) -> List[Dict[str, str]]:
    return [{"name": p.name, "type": p.type} for p in key]


def _index_json(index: LockedIndex) -> Dict[str, Any]:
    return {"hash_key": _key_json(index.hash_key), "range_key": _key_json(index.range_key)}


def _lock_json(lock: SchemaLock) -> Dict[str, Any]:
    recorded = lock.records_versions  # a lock read from version 1 is written back as it was
    return {
        "lock_version": lock.lock_version,
        "generated_by": "schema_sync lock: do not edit; regenerate after an intended schema change "
                        "(docs/schema-lock.md)",
        "tables": {t.name: _table_json(t) for t in lock.tables},
        "models": {
            m.name: {
                "file": m.where.file,
                "table": m.table,
                **({"version": m.version} if recorded else {}),
                "attributes": {a.name: _attribute_json(a) for a in m.attributes},
            }
            for m in lock.models
        },
        "enums": {e.name: {"file": e.where.file, "members": dict(e.members)} for e in lock.enums},
    }


def _table_json(table: LockedTable) -> Dict[str, Any]:
    return {
        "file": table.where.file,
        "physical_name": table.physical_name,
        **({"logical_id": table.logical_id} if table.logical_id is not None else {}),
        "hash_key": _key_json(table.hash_key),
        "range_key": _key_json(table.range_key),
        "global_secondary_indexes": {i.name: _index_json(i) for i in table.gsis},
        "local_secondary_indexes": {i.name: _index_json(i) for i in table.lsis},
        "models": list(table.models),
    }


def _attribute_json(attribute: LockedAttribute) -> Dict[str, Any]:
    return {
        "property": attribute.property, "storage": attribute.storage,
        **({"stored": attribute.stored} if attribute.stored is not None else {}),
        "type": attribute.type, "nullable": attribute.nullable, "required": attribute.required,
        "file": attribute.where.file,
    }


def _key_from(data: List[Dict[str, str]]) -> Key:
    return tuple(KeyPart(p["name"], p["type"]) for p in data)


def _indexes_from(data: Dict[str, Any]) -> Tuple[LockedIndex, ...]:
    return tuple(
        LockedIndex(name, _key_from(i["hash_key"]), _key_from(i["range_key"])) for name, i in sorted(data.items())
    )


def lock_from_json(text: str) -> SchemaLock:
    """Inverse of `SchemaLock.to_json` (positions come back as files without lines). A lock of
    version 1 loads with no logical IDs, stored forms or version attributes (None)."""
    data = json.loads(text)
    version = data.get("lock_version")
    if version not in _READABLE_VERSIONS:
        raise ValueError(f"unsupported lock_version {version!r}, expected one of {_READABLE_VERSIONS}")
    tables = tuple(
        LockedTable(
            name=name,
            physical_name=t["physical_name"],
            hash_key=_key_from(t["hash_key"]),
            range_key=_key_from(t["range_key"]),
            gsis=_indexes_from(t["global_secondary_indexes"]),
            lsis=_indexes_from(t["local_secondary_indexes"]),
            models=tuple(t["models"]),
            where=Where(t["file"]),
            logical_id=t.get("logical_id"),
        )
        for name, t in sorted(data["tables"].items())
    )
    models = tuple(
        LockedModel(
            name,
            m["table"],
            tuple(
                LockedAttribute(attribute, a["property"], a["storage"], a["type"], a["nullable"], a["required"],
                                Where(a["file"]), a.get("stored"))
                for attribute, a in sorted(m["attributes"].items())
            ),
            Where(m["file"]),
            m.get("version"),
        )
        for name, m in sorted(data["models"].items())
    )
    enums = tuple(
        LockedEnum(name, tuple(sorted(e["members"].items(), key=lambda x: (x[1], x[0]))), Where(e["file"]))
        for name, e in sorted(data["enums"].items())
    )
    return SchemaLock(tables, models, enums, version)
