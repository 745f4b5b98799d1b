"""Breaking-change rules: the committed schema lock against the current schema.

`compare(locked, current)` is pure: one `Finding` per problem, each at a `file:line` of the
current C# source where there is one (the lock's file otherwise). The kinds, and what a deploy of
the generated CloudFormation does (AWS::DynamoDB::Table update behaviours, docs/schema-lock.md):

- `replacement`: TableName, KeySchema (key attributes or their types), LocalSecondaryIndexes or
  the table's logical ID changed. CloudFormation's update behaviour for these properties is
  "Replacement": it creates a new table and deletes the old one (the generated
  `UpdateReplacePolicy: Retain` keeps the old table, but the stack's table starts empty); a new
  logical ID is a new resource, whose create fails while the old table holds its name.
- `gsi-update`: GlobalSecondaryIndexes changes CloudFormation cannot apply in one update: more
  than one index created or deleted in one deploy, or an index's key schema changed (a delete and
  a create of one name). Every key attribute counts, multi-attribute keys included. The deploy
  plan (`schema_sync.plan`) splits such a change into deploys CloudFormation can apply; the
  findings name its commands.
- `reader-break`: a reader breaks in one of the two directions a deploy opens (the services are
  never deployed at the same instant): the new models reading items the old ones wrote, or the
  old models (Python and .NET) reading and saving items the new ones wrote. An attribute renamed
  or removed, its stored form changed (a key's too: `string` -> `Guid` keeps the DynamoDB type but
  not the format), an attribute that is (or becomes) required, an enum member removed or
  renumbered, `[DynamoDBVersion]` removed or moved (the two sides' saves stop seeing each other's
  writes), a GSI, model or table removed.
- `info`: safe both ways (a new nullable or defaulted attribute: old readers ignore it and old
  saves, UpdateItems, keep it; a new enum member: enums are open; a new table, one new GSI...).
  They pass; the lock is then out of date until it is regenerated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Set

from schema_sync.lock import (
    LOCK_VERSION,
    Key,
    LockedAttribute,
    LockedModel,
    LockedTable,
    SchemaLock,
    Where,
    render_key,
    same_stored_form,
)

REPLACEMENT = "replacement"
GSI_UPDATE = "gsi-update"
READER_BREAK = "reader-break"
INFO = "info"
FAILING_KINDS = frozenset({REPLACEMENT, GSI_UPDATE, READER_BREAK})
_RANK = {REPLACEMENT: 0, GSI_UPDATE: 1, READER_BREAK: 2, INFO: 3}
PLAN_DOCS = 'docs/schema-lock.md, "Planning a change"'
# What resolves a `gsi-update`, in either home of the core (schema_sync.plan).
PLAN_COMMANDS = f"`pants plan-schema-deploy` or `python -m schema_sync plan` ({PLAN_DOCS})"


@dataclass(frozen=True)
class Finding:
    kind: str
    where: Where
    table: Optional[str]  # the C# table name, None for models/enums outside any table
    message: str

    @property
    def fails(self) -> bool:
        return self.kind in FAILING_KINDS

    def render(self) -> str:
        scope = f"table {self.table}: " if self.table else ""
        return f"{self.where.render()}: {self.kind}: {scope}{self.message}"


def compare(locked: SchemaLock, current: SchemaLock) -> List[Finding]:
    """Every difference that matters: replacements, GSI updates, reader breaks, information; then by position."""
    findings: List[Finding] = []
    renamed_to = _table_renames(locked, current)
    for old in locked.tables:
        new = current.table(old.name)
        if new is not None:
            findings.extend(_table_changes(old, new, _Locator(current, new)))
        elif old.name in renamed_to:
            target = current.table(renamed_to[old.name])
            assert target is not None
            findings.append(Finding(REPLACEMENT, target.where, target.name, (
                f"table name changed from {old.name!r} to {target.name!r}: CloudFormation replaces the table "
                "(TableName: Replacement), the new one starts empty"
            )))
        else:
            findings.append(Finding(READER_BREAK, old.where, old.name, (
                "table removed from the schema: the deploy removes it from the stack (DeletionPolicy: Retain "
                "keeps the data) and its readers lose it"
            )))
    for new in current.tables:
        if locked.table(new.name) is None and new.name not in renamed_to.values():
            findings.append(Finding(INFO, new.where, new.name, "new table: CloudFormation creates it"))
    findings.extend(_model_changes(locked, current))
    findings.extend(_enum_changes(locked, current))
    if locked.lock_version < LOCK_VERSION:
        findings.append(Finding(INFO, Where("schema lock"), None, (
            f"written with lock_version {locked.lock_version}, before logical IDs, stored forms and "
            "[DynamoDBVersion] attributes were recorded: their rules are skipped (types compare by C# type) "
            "until the lock is updated"
        )))
    return sorted(findings, key=lambda f: (_RANK[f.kind], f.where.file, f.where.line, f.message))


def _table_renames(locked: SchemaLock, current: SchemaLock) -> Dict[str, str]:
    """Old table -> new table for tables that are gone while one of their models now lives elsewhere."""
    renames: Dict[str, str] = {}
    for old in locked.tables:
        if current.table(old.name) is not None:
            continue
        for name in old.models:
            model = current.model(name)
            if model is not None and model.table and locked.table(model.table) is None:
                renames[old.name] = model.table
                break
    return renames


def _key_change(role: str, old: Key, new: Key) -> Optional[str]:
    if old == new:
        return None
    if not old:
        return f"{role} key {render_key(new)} added"
    if not new:
        return f"{role} key {render_key(old)} removed"
    return f"{role} key changed from {render_key(old)} to {render_key(new)}"


class _Locator:
    """Where a table's key or index attributes are declared in the current source."""

    def __init__(self, current: SchemaLock, table: LockedTable) -> None:
        self.table = table
        models = [m for m in (current.model(name) for name in table.models) if m is not None]
        self.model = models[0] if models else None

    def __call__(self, *keys: Key) -> Where:
        for key in keys:
            for part in key:
                attribute = self.model.attribute(part.name) if self.model else None
                if attribute is not None:
                    return attribute.where
        return self.table.where


def _table_changes(old: LockedTable, new: LockedTable, locate: _Locator) -> List[Finding]:
    out: List[Finding] = []

    def replacement(what: str, prop: str, where: Where) -> None:
        out.append(Finding(REPLACEMENT, where, new.name, (
            f"{what}: CloudFormation replaces the table ({prop}: Replacement), the new one starts empty"
        )))

    if old.physical_name != new.physical_name:
        replacement(f"deployed name changed from {old.physical_name!r} to {new.physical_name!r}", "TableName",
                    new.where)
    if None not in (old.logical_id, new.logical_id) and old.logical_id != new.logical_id:
        out.append(Finding(REPLACEMENT, new.where, new.name, (
            f"CloudFormation logical ID changed from {old.logical_id!r} to {new.logical_id!r}: a new ID is a new "
            f"resource, so the deploy creates a table named as the one {old.logical_id!r} holds (and fails: "
            "\"already exists\"), and would then delete the old one from the stack"
        )))
    for role, before, after in (("hash", old.hash_key, new.hash_key), ("range", old.range_key, new.range_key)):
        change = _key_change(role, before, after)
        if change:
            replacement(change, "KeySchema", locate(after, before))
    for name in sorted({i.name for i in old.lsis} | {i.name for i in new.lsis}):
        was, now = old.lsi(name), new.lsi(name)
        where = locate(now.range_key if now else (), was.range_key if was else ())
        if was is None and now is not None:
            replacement(f"local secondary index {name!r} added", "LocalSecondaryIndexes", where)
        elif now is None and was is not None:
            replacement(f"local secondary index {name!r} removed", "LocalSecondaryIndexes", where)
        elif was != now and was is not None and now is not None:
            replacement(f"local secondary index {name!r}: range key changed from {render_key(was.range_key)} "
                        f"to {render_key(now.range_key)}", "LocalSecondaryIndexes", where)
    out.extend(_gsi_changes(old, new, locate))
    return out


def _gsi_changes(old: LockedTable, new: LockedTable, locate: _Locator) -> List[Finding]:
    out: List[Finding] = []
    created = sorted({i.name for i in new.gsis} - {i.name for i in old.gsis})
    deleted = sorted({i.name for i in old.gsis} - {i.name for i in new.gsis})
    for name in sorted({i.name for i in old.gsis} & {i.name for i in new.gsis}):
        was, now = old.gsi(name), new.gsi(name)
        assert was is not None and now is not None
        if was != now:
            before = f"{render_key(was.hash_key)} / {render_key(was.range_key)}"
            after = f"{render_key(now.hash_key)} / {render_key(now.range_key)}"
            out.append(Finding(GSI_UPDATE, locate(now.hash_key, now.range_key), new.name, (
                f"global secondary index {name!r}: key schema changed from {before} to {after} (hash / range): "
                "CloudFormation cannot update an index's keys: it takes a delete and a create, in separate deploys; "
                f"plan them with {PLAN_COMMANDS}"
            )))
    if len(created) + len(deleted) > 1:
        changes = [f"create {n!r}" for n in created] + [f"delete {n!r}" for n in deleted]
        out.append(Finding(GSI_UPDATE, new.where, new.name, (
            f"{len(changes)} global secondary index changes in one deploy ({', '.join(changes)}): "
            f"CloudFormation creates or deletes only one GSI per update; plan the deploys with {PLAN_COMMANDS}"
        )))
    elif created:
        index = new.gsi(created[0])
        out.append(Finding(INFO, locate(index.hash_key) if index else new.where, new.name, (
            f"new global secondary index {created[0]!r}: CloudFormation adds it without interruption (backfill)"
        )))
    for name in deleted:
        out.append(Finding(READER_BREAK, new.where, new.name, (
            f"global secondary index {name!r} removed: CloudFormation deletes it and queries on it fail"
        )))
    return out


def _model_changes(locked: SchemaLock, current: SchemaLock) -> List[Finding]:
    out: List[Finding] = []
    gone_tables = {t.name for t in locked.tables if current.table(t.name) is None}
    for old in locked.models:
        new = current.model(old.name)
        if new is None:
            if old.table not in gone_tables:
                out.append(Finding(READER_BREAK, old.where, old.table, (
                    f"model {old.name} removed: its generated class and readers of its items are gone"
                )))
            continue
        table = current.table(new.table) if new.table else None
        keys = table.key_names() if table else set()
        old_table = locked.table(old.table) if old.table else None
        keys |= old_table.key_names() if old_table else set()
        out.extend(_attribute_changes(old, new, keys))
        if locked.records_versions:
            out.extend(_version_change(old, new))
    for new in current.models:
        if locked.model(new.name) is None and new.table is None:
            out.append(Finding(INFO, new.where, None, f"new stored model {new.name}"))
    return out


def _attribute_changes(old: LockedModel, new: LockedModel, keys: Set[str]) -> List[Finding]:
    """Attribute rules; table keys are left to the key-schema rules (one finding per problem)."""
    out: List[Finding] = []

    def add(kind: str, where: Where, message: str) -> None:
        out.append(Finding(kind, where, new.table, f"{new.name}: {message}"))

    renamed_into: Set[str] = set()
    for was in old.attributes:
        now = new.attribute(was.name)
        if was.name in keys:
            out.extend(_key_format_change(new, was, now))
            continue
        if now is None:
            successor = next((a for a in new.attributes if a.property == was.property), None)
            if successor is not None and old.attribute(successor.name) is None:
                renamed_into.add(successor.name)
                add(READER_BREAK, successor.where, (
                    f"attribute {was.name!r} renamed to {successor.name!r} (property {was.property}): "
                    f"existing items store {was.name!r}, which readers no longer find"
                ))
            else:
                add(READER_BREAK, new.where, (
                    f"attribute {was.name!r} (property {was.property}) removed: readers of the old model still "
                    "expect it, and its data in existing items is no longer read"
                ))
            continue
        out.extend(_changed_attribute(new, was, now))
    for now in new.attributes:
        if now.name in keys or old.attribute(now.name) is not None or now.name in renamed_into:
            continue
        if now.required:
            add(READER_BREAK, now.where, (
                f"new attribute {now.name!r} is required (non-nullable, no default, and no default(T) the generated "
                "model can use): items written before it lack it, and reading them fails"
            ))
        else:
            add(INFO, now.where, f"new attribute {now.name!r} ({now.type}{'?' if now.nullable else ''})")
    return out


def _key_format_change(new: LockedModel, was: LockedAttribute, now: Optional[LockedAttribute]) -> List[Finding]:
    """A key attribute whose DynamoDB type stays (so the key schema, and CloudFormation, see no
    change) while what is stored in it changes format: `string` -> `Guid`, `DateTime` <-> `string`.
    Other key changes are the key-schema rules' (a replacement)."""
    if now is None or now.storage != was.storage or same_stored_form(was, now):
        return []
    return [Finding(READER_BREAK, now.where, new.table, (
        f"{new.name}: key attribute {now.name!r}: stored format changed from {_form(was)} to {_form(now)}, "
        f"DynamoDB type {now.storage} unchanged: CloudFormation changes nothing, but existing items' keys do "
        "not read as the new type, and old readers fail on new keys"
    ))]


def _form(attribute: LockedAttribute) -> str:
    return f"{attribute.stored or attribute.storage} ({attribute.type})"


def _changed_attribute(new: LockedModel, was: LockedAttribute, now: LockedAttribute) -> List[Finding]:
    out: List[Finding] = []
    retyped = not same_stored_form(was, now)
    if retyped:
        out.append(Finding(READER_BREAK, now.where, new.table, (
            f"{new.name}: attribute {now.name!r}: stored type changed from {was.storage} ({was.type}) to "
            f"{now.storage} ({now.type}): existing items hold the old type, and old readers fail on the new one"
        )))
    elif was.type != now.type:
        out.append(Finding(INFO, now.where, new.table, (
            f"{new.name}: attribute {now.name!r}: C# type changed from {was.type} to {now.type}; what is stored, "
            f"{now.stored}, is unchanged"
        )))
    if now.required and not was.required:
        out.append(Finding(READER_BREAK, now.where, new.table, (
            f"{new.name}: attribute {now.name!r} became required: items without it fail to read"
        )))

    elif was.nullable != now.nullable and not retyped:
        state = "nullable" if now.nullable else "non-nullable"
        out.append(Finding(INFO, now.where, new.table, f"{new.name}: attribute {now.name!r} is now {state}"))
    return out


def _version_change(old: LockedModel, new: LockedModel) -> List[Finding]:
    """`[DynamoDBVersion]` removed, moved or added. A save checks the version it loaded and stores
    it + 1; code that does not bump it (or bumps another attribute) writes unseen by that check."""
    if old.version == new.version:
        return []
    attribute = new.attribute(new.version) if new.version else None
    where = attribute.where if attribute is not None else new.where
    if old.version is None:
        return [Finding(INFO, where, new.table, (
            f"{new.name}: [DynamoDBVersion] added on {new.version!r}: until every writer runs the new models, "
            "old code's saves neither check nor bump it (no worse than before, when nothing was checked)"
        ))]
    change = f"moved from {old.version!r} to {new.version!r}" if new.version else f"removed from {old.version!r}"
    return [Finding(READER_BREAK, where, new.table, (
        f"{new.name}: [DynamoDBVersion] {change}: old code (Python and .NET) still saves on condition that "
        f"{old.version!r} is the version it loaded and bumps it, new code no longer bumps it, so an old save "
        "overwrites a new save it never saw (a lost update) until every writer is deployed"
    ))]


def _enum_changes(locked: SchemaLock, current: SchemaLock) -> List[Finding]:
    out: List[Finding] = []
    for old in locked.enums:
        new = current.enum(old.name)
        if new is None:
            continue  # no stored model uses it any more: the attributes' type changes say so
        before, after = dict(old.members), dict(new.members)
        by_value = {value: name for name, value in new.members}
        for name, value in old.members:
            if name in after and after[name] != value:
                out.append(Finding(READER_BREAK, new.where, None, (
                    f"enum {new.name}: member {name} renumbered from {value} to {after[name]}: .NET stores the "
                    f"number, so existing items holding {value} now read as something else (and old readers "
                    f"misread new items)"
                )))
            elif name not in after and value in by_value and by_value[value] not in before:
                out.append(Finding(INFO, new.where, None, (
                    f"enum {new.name}: member {name} renamed to {by_value[value]} (stored value {value} unchanged)"
                )))
            elif name not in after:
                out.append(Finding(READER_BREAK, new.where, None, (
                    f"enum {new.name}: member {name} = {value} removed: existing items holding {value} read as an "
                    "unnamed value, which code can no longer tell from any other"
                )))
        old_by_value = {value: name for name, value in old.members}
        for name, value in new.members:
            renamed = old_by_value.get(value, name) not in after  # reported above as a rename
            if name not in before and not renamed:
                out.append(Finding(INFO, new.where, None, (
                    f"enum {new.name}: new member {name} = {value} (old readers keep it as an unnamed value: "
                    "enums are open)"
                )))
    return out


def summary(failed: int, compatible: int, lock: str, update_command: str) -> str:
    """The last line of a lock check (the CLI's and the Pants linter's)."""
    if failed:
        return (f"{failed} breaking schema change(s) against {lock}. If intended, plan the deploys with "
                f"{PLAN_COMMANDS}, deploy them, then update the lock: {update_command}\n")
    if compatible:
        return f"{compatible} compatible schema change(s) against {lock}: record them with {update_command}\n"
    return f"the schema matches {lock}\n"
