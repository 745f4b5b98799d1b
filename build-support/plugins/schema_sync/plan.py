"""Deploy plans: from what is deployed (the schema lock) to the models, in steps CloudFormation can apply.

CloudFormation creates or deletes at most one global secondary index per update of a table and
cannot change an index's key (the lock's `gsi-update` rule, `schema_sync.breaking`). `plan` turns
such a change into ordered steps, each a whole set of table templates that differs from the one
before by exactly one GSI created or deleted:

- per table (tables by name), the deletes first (indexes removed, and indexes whose key changed),
  then the creates: the changed ones again under their name with the new key (queries on that
  name fail in between, so they come back first), then the new indexes.
  Deleting first means an intermediate template never holds two definitions of one key attribute
  (an old index's and a new one's), nor more indexes than the deployed or the final template;
- new tables are created whole (with all their indexes) in step 1, removed tables leave the stack
  in step 1, and every change the lock does not record (billing, PITR...) rides along in step 1;
- a step's indexes per table: those of the final template that exist at that step, in the
  emitter's order, then the deployed ones still to be deleted, in the lock's order. So the last
  step's templates are exactly what generation writes.

A change that would replace a table (the lock's `replacement` findings) is not planned: `refused`
holds those findings, each at its `file:line`, and `MIGRATION_ROUTE` says what to do instead.
Pure: no I/O, no Pants; the templates are the CloudFormation emitter's (`emit_deploy_steps`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Tuple

from schema_sync.breaking import PLAN_DOCS, REPLACEMENT, Finding, compare
from schema_sync.ir import SchemaIR
from schema_sync.lock import LockedIndex, LockedTable, SchemaLock, lock_of, render_key
from schema_sync.options import Options

if TYPE_CHECKING:
    from schema_sync.emit.cloudformation import GsiKeys

CREATE = "create"
DELETE = "delete"

MIGRATION_ROUTE = (
    "A replaced table starts empty, so this change is not deployed in place. The migration route: "
    "(1) add a model for a new table under a new name and deploy it; (2) copy the items from the old table "
    "into the new one; (3) switch readers and writers to the new table and deploy; (4) remove the old model "
    "and deploy again (DeletionPolicy: Retain keeps the old table until you delete it), then update the lock. "
    f"See {PLAN_DOCS}."
)

_HEADING = "deploy plan step "

TableIndexes = Tuple[str, Tuple[LockedIndex, ...]]  # (table, its GSIs in template order)


@dataclass(frozen=True)
class IndexChange:
    """One GSI created or deleted: what one deploy step does."""

    action: str  # CREATE | DELETE
    table: str
    index: LockedIndex
    key_changed: bool = False  # a delete and a create of one name: its key schema changes
    recreated_in: int = 0  # a delete whose index comes back with its new key: that step's number

    def describe(self) -> str:
        name = f"index {self.index.name} on {self.table}"
        if self.action == DELETE:
            why = f" (its key changes: step {self.recreated_in} creates it again)" if self.recreated_in else ""
            return f"delete {name}{why}; wait until it is gone"
        key = f"hash {render_key(self.index.hash_key)}"
        key += f", range {render_key(self.index.range_key)}" if self.index.range_key else ""
        again = " again, with its new key" if self.key_changed else ""
        return f"create {name}{again} ({key}); wait until it is ACTIVE"

    @property
    def slug(self) -> str:
        return f"{self.action}-{self.table}-{self.index.name}"


@dataclass(frozen=True)
class Step:
    number: int
    total: int
    change: Optional[IndexChange]  # None: the one step of a plan without index changes
    also: Tuple[str, ...]  # what rides along (step 1 only): tables created or removed
    indexes: Tuple[TableIndexes, ...]  # every table of the models, by name, with its GSIs after this step

    def describe(self) -> str:
        return self.change.describe() if self.change else "update the tables to the models (no index changes)"

    @property
    def heading(self) -> str:
        """The line a step's templates start with (as a comment)."""
        return f"{_HEADING}{self.number} of {self.total}: {self.describe()}"

    @property
    def slug(self) -> str:
        """What it does, file-name safe: `create-goals-by-owner`."""
        return _file_safe(self.change.slug if self.change else "update-tables")

    @property
    def file_stem(self) -> str:
        """`02-create-goals-by-owner`: numbered to sort in order, then its slug."""
        return f"{self.number:0{max(2, len(str(self.total)))}d}-{self.slug}"


@dataclass(frozen=True)
class Plan:
    steps: Tuple[Step, ...]  # empty when refused, or when the tables match the lock
    refused: Tuple[Finding, ...]  # the replacements, each at its file:line


def plan(locked: SchemaLock, current: SchemaLock) -> Plan:
    """The steps from `locked` (deployed) to `current` (the models), or why there are none."""
    refused = tuple(f for f in compare(locked, current) if f.kind == REPLACEMENT)
    if refused or _tables(locked) == _tables(current):
        return Plan((), refused)
    indexes = _numbered([c for table in current.tables for c in _index_changes(locked.table(table.name), table)])
    changes: List[Optional[IndexChange]] = [*indexes] or [None]  # tables differ, indexes do not: one step
    also = _tables_created_or_removed(locked, current)
    steps = tuple(
        Step(number, len(changes), change, also if number == 1 else (), state)
        for number, (change, state) in enumerate(zip(changes, _states(locked, current, changes)), start=1)
    )
    return Plan(steps, ())


def planned_deploy(ir: SchemaIR, options: Options, locked: SchemaLock) -> Tuple[Plan, List[Dict[str, str]]]:
    """The plan from `locked` to the models of `ir`, and each step's templates (`step_templates`).
    EmitError for what generation refuses (the IR must be free of errors)."""
    steps = plan(locked, lock_of(ir, options))
    return steps, step_templates(ir, options, steps)


def step_templates(ir: SchemaIR, options: Options, plan_: Plan) -> List[Dict[str, str]]:
    """Per step, the templates `generate` writes for the whole tree (`<table>-table.yaml`,
    `tables.yaml`), with that step's GSIs and its heading as their first line."""
    from schema_sync.emit.cloudformation import emit_deploy_steps  # loads the emitter (PyYAML) only here

    return emit_deploy_steps(ir, options, [
        (step.heading, {table: tuple(_gsi_keys(i) for i in gsis) for table, gsis in step.indexes})
        for step in plan_.steps
    ])


def combined_template(templates: Mapping[str, str]) -> str:
    """A step's combined template (`tables.yaml`, every table): the file the plan commands write per step."""
    from schema_sync.emit.cloudformation import COMBINED_TEMPLATE

    return templates[COMBINED_TEMPLATE]


def _gsi_keys(index: LockedIndex) -> GsiKeys:
    """A locked index as the emitter takes one: the lock holds every key attribute and its type."""
    return index.name, tuple((p.name, p.type) for p in index.hash_key), tuple((p.name, p.type) for p in index.range_key)


def _tables(lock: SchemaLock) -> Tuple[LockedTable, ...]:
    """The tables as their templates see them: without the models stored in them (models and enums
    change no template: they need no plan), indexes by name (the lock file's order; the emitter's
    is another, which the deployed table does not keep)."""
    return tuple(replace(t, models=(), gsis=_by_name(t.gsis), lsis=_by_name(t.lsis)) for t in lock.tables)


def _by_name(indexes: Tuple[LockedIndex, ...]) -> Tuple[LockedIndex, ...]:
    return tuple(sorted(indexes, key=lambda index: index.name))


def _index_changes(old: Optional[LockedTable], new: LockedTable) -> List[IndexChange]:
    """Deletes (in the lock's order), then creates: first the indexes whose key changed (readers of
    that name wait the least), then the new ones (in the emitter's order). None for a new table."""
    if old is None:
        return []
    changed = {i.name for i in new.gsis if old.gsi(i.name) not in (None, i)}
    deletes = [IndexChange(DELETE, new.name, i, i.name in changed) for i in old.gsis
               if new.gsi(i.name) is None or i.name in changed]
    recreated = [IndexChange(CREATE, new.name, i, True) for i in new.gsis if i.name in changed]
    created = [IndexChange(CREATE, new.name, i) for i in new.gsis if old.gsi(i.name) is None]
    return deletes + recreated + created


def _numbered(changes: List[IndexChange]) -> List[IndexChange]:
    """Each delete of an index whose key changes, with the number of the step that creates it again."""
    creates = {(c.table, c.index.name): number for number, c in enumerate(changes, start=1) if c.action == CREATE}
    return [replace(c, recreated_in=creates[c.table, c.index.name]) if c.action == DELETE and c.key_changed else c
            for c in changes]


def _states(locked: SchemaLock, current: SchemaLock,
            changes: List[Optional[IndexChange]]) -> List[Tuple[TableIndexes, ...]]:
    """Every table's GSIs after each change (None: no index change)."""
    present: Dict[str, Dict[str, LockedIndex]] = {}
    for table in current.tables:
        deployed = locked.table(table.name)
        present[table.name] = {i.name: i for i in (deployed.gsis if deployed else table.gsis)}
    states = []
    for change in changes:
        if change is not None and change.action == DELETE:
            del present[change.table][change.index.name]
        elif change is not None:
            present[change.table][change.index.name] = change.index
        states.append(tuple((t.name, _ordered(t, present[t.name], locked.table(t.name))) for t in current.tables))
    return states


def _ordered(final: LockedTable, present: Dict[str, LockedIndex],
             deployed: Optional[LockedTable]) -> Tuple[LockedIndex, ...]:
    """The final template's indexes that exist (emitter order), then the deployed ones still to go."""
    kept = [present[i.name] for i in final.gsis if i.name in present]
    leaving = [present[i.name] for i in (deployed.gsis if deployed else ()) if i.name in present
               and final.gsi(i.name) is None]
    return tuple(kept + leaving)


def _tables_created_or_removed(locked: SchemaLock, current: SchemaLock) -> Tuple[str, ...]:
    created = [f"create table {t.name} with its {_count(len(t.gsis), 'index', 'indexes')}"
               for t in current.tables if locked.table(t.name) is None]
    removed = [f"remove table {t.name} from the stack (DeletionPolicy: Retain keeps the table and its items)"
               for t in locked.tables if current.table(t.name) is None]
    return tuple(created + removed)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def is_step_template(first_line: str) -> bool:
    """Whether a template file whose first line is `first_line` is a plan's step (`Step.heading`)."""
    return first_line.startswith(f"# {_HEADING}")


def _file_safe(text: str) -> str:
    """Table and index names are `[A-Za-z0-9_.-]`; a hand-edited lock may hold anything else."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:120]


def render(plan_: Plan, lock: str, step_files: Optional[Mapping[int, str]] = None) -> str:
    """The plan as the CLI and the Pants goal print it; `step_files`: step number -> the file written."""
    if plan_.refused:
        lines = [f.render() for f in plan_.refused]
        lines.append(f"no deploy plan: {_count(len(plan_.refused), 'change', 'changes')} against {lock} would "
                     "replace a table.")
        lines.append(MIGRATION_ROUTE)
        return "\n".join(lines) + "\n"
    if not plan_.steps:
        return f"nothing to deploy: the models match {lock}\n"
    total = len(plan_.steps)
    steps = _count(total, "deploy step", "deploy steps")
    lines = [f"{steps} from {lock} to the models, to apply in order ({PLAN_DOCS}):"]
    for step in plan_.steps:
        lines.append(f"step {step.number} of {total}: {step.describe()}")
        lines.extend(f"  with it: {what}" for what in step.also)
        if step_files and step.number in step_files:
            lines.append(f"  template: {step_files[step.number]}")
    return "\n".join(lines) + "\n"
