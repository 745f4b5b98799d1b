"""IR -> CloudFormation `AWS::DynamoDB::Table` templates: one per table plus a combined one.

Templates are built as data and written as PyYAML writes them (with representers for `!Sub`,
`!Ref`, `!GetAtt`): every scalar is spelled by PyYAML (`yaml_text`), never pasted in as text, so no
C# string can change the YAML structure.
Key types come from `Attribute.storage`, the DynamoDB type .NET writes for the member (a key
attribute must be S, N or B).
Before anything is written, `checked_tables` refuses what DynamoDB or CloudFormation would refuse
(`emit.limits`), every problem at its C# position.
`emit_deploy_steps` writes the same templates with other GSIs per table: the steps of a deploy
plan (`schema_sync.plan`), one template builder for both.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple

from schema_sync.emit import limits
from schema_sync.emit.errors import EmitError, Position, Problem
from schema_sync.emit.header import header_of, single_line
from schema_sync.emit.index import IRIndex, location
from schema_sync.emit.limits import has_variables, split_sub
from schema_sync.emit.naming import physical_table_name_template
from schema_sync.emit.validation import checked_index
from schema_sync.emit.yaml_text import block_yamls
from schema_sync.ir import Attribute, Model, SchemaIR
from schema_sync.options import Options

COMBINED_TEMPLATE = "tables.yaml"
BILLING_MODE = "PAY_PER_REQUEST"
_KEY_TYPES = ("S", "N", "B")


class Sub(str):
    """`!Sub` in the YAML output."""


class Ref(str):
    """`!Ref` in the YAML output."""


class GetAtt(str):
    """`!GetAtt` in the YAML output."""


_Key = Tuple[str, str]  # (attribute, S|N|B)
_Gsi = Tuple[str, Tuple[_Key, ...], Tuple[_Key, ...]]  # (index, partition key attributes, sort key attributes)
GsiKeys = _Gsi  # a GSI as `emit_deploy_steps` takes one
_Lsi = Tuple[str, _Key]  # (index, range)


@dataclass(frozen=True)
class _Shape:
    """A model's key schema and indexes: every model stored in one table must have the same."""

    hash_key: Optional[_Key]
    range_key: Optional[_Key]
    gsis: Tuple[_Gsi, ...]  # several key attributes per role for multi-attribute keys
    lsis: Tuple[_Lsi, ...]

    def differences(self, other: _Shape) -> List[str]:
        """What differs from `other`, as `what: mine vs theirs`."""
        parts = (("hash key", _keys([self.hash_key]), _keys([other.hash_key])),
                 ("range key", _keys([self.range_key]), _keys([other.range_key])),
                 ("global secondary indexes", _gsi_text(self.gsis), _gsi_text(other.gsis)),
                 ("local secondary indexes", _lsi_text(self.lsis), _lsi_text(other.lsis)))
        return [f"{what}: {mine} vs {theirs}" for what, mine, theirs in parts if mine != theirs]


def _keys(keys: Sequence[Optional[_Key]]) -> str:
    return " + ".join(f"{name} ({kind})" for name, kind in (k for k in keys if k)) or "none"


def _gsi_text(gsis: Tuple[_Gsi, ...]) -> str:
    return "; ".join(f"{name} = {_keys(hashes)} / {_keys(ranges)}" for name, hashes, ranges in gsis) or "none"


def _lsi_text(lsis: Tuple[_Lsi, ...]) -> str:
    return "; ".join(f"{name} = {_keys([key])}" for name, key in lsis) or "none"


@dataclass(frozen=True)
class _Table:
    """Everything CloudFormation needs about one table, merged over the models that map to it."""

    name: str
    logical_id: str
    physical_name: str  # the `!Sub` template of its deployed name
    hash_key: _Key
    range_key: Optional[_Key]
    gsis: Tuple[_Gsi, ...]
    lsis: Tuple[_Lsi, ...]
    sources: Tuple[str, ...]
    where: Position  # of its first model
    notes: Tuple[str, ...]  # what the template header says about it (quotas to check before deploying)

    def attribute_definitions(self) -> List[Dict[str, Any]]:
        keys = {self.hash_key, *(k for k in [self.range_key] if k)}
        keys |= {k for _, hashes, ranges in self.gsis for k in (*hashes, *ranges)}
        keys |= {r for _, r in self.lsis}
        return [{"AttributeName": literal(name), "AttributeType": kind} for name, kind in sorted(keys)]


def emit_cloudformation(
    ir: SchemaIR, options: Options, only_files: Optional[Collection[str]] = None
) -> Dict[str, str]:
    """Output path -> template text: `<table>-table.yaml` per table and `tables.yaml`.

    With `only_files` (one Pants target), only the tables of models declared in those files are
    written, and no combined template (it belongs to a whole-project generation).
    """
    index = checked_index(ir)
    tables = checked_tables(index, options)
    writer = _TemplateWriter(index, options)
    if only_files is None:
        return writer.templates(_whole_tree(tables))
    wanted = set(only_files)
    return writer.templates([(table_template_path(t.name), [t]) for t in tables if wanted & set(t.sources)])


def emit_deploy_steps(
    ir: SchemaIR, options: Options, steps: Sequence[Tuple[str, Mapping[str, Sequence[GsiKeys]]]]
) -> List[Dict[str, str]]:
    """Per deploy step (`schema_sync.plan`): the templates `emit_cloudformation` writes for the whole
    tree, each table with the step's GSIs instead of its models' (tables it does not list keep
    theirs), `heading` as the first comment line. A step with the models' own GSIs is exactly what
    `emit_cloudformation` writes, under that line."""
    index = checked_index(ir)
    tables = checked_tables(index, options)
    writer = _TemplateWriter(index, options)  # one for every step: a table unchanged between steps is dumped once
    return [
        writer.templates(_whole_tree([_with_gsis(t, gsis[t.name]) if t.name in gsis else t for t in tables]),
                         heading=heading)
        for heading, gsis in steps
    ]


def _whole_tree(tables: List[_Table]) -> List[Tuple[str, List[_Table]]]:
    """Each table's template, then the combined one (none without tables)."""
    templates = [(table_template_path(t.name), [t]) for t in tables]
    return [*templates, (COMBINED_TEMPLATE, tables)] if tables else templates


def _with_gsis(table: _Table, gsis: Sequence[GsiKeys]) -> _Table:
    return dataclasses.replace(table, gsis=tuple(gsis), notes=_notes(len(gsis)))


def template_data(ir: SchemaIR, options: Options) -> Dict[str, Any]:
    """The combined template as data (what `tables.yaml` dumps), for tools that compare with it."""
    return _template(options, checked_tables(checked_index(ir), options))


def table_template_path(table: str) -> str:
    """File name of one table's template (the Pants plugin selects a target's tables by it)."""
    return f"{table}-table.yaml"


def logical_id(table: str) -> str:
    """`kpi_measurements` -> `KpiMeasurementsTable`: alphanumeric, as CloudFormation requires, and
    a function of the table's own name only, so that adding a table never changes another's ID (a
    changed ID is a new resource: CloudFormation would replace the table). Two tables with one ID
    are refused (`checked_tables`), never renumbered."""
    words = re.split(r"[^A-Za-z0-9]+", table)
    return "".join(w[:1].upper() + w[1:] for w in words if w) + "Table"


def literal(text: str) -> Any:
    """C# text as a CloudFormation value that is exactly that text. A plain string, unless it holds
    `${`: cfn-lint reads that as a variable outside `Fn::Sub` (E1029), and a `!Sub` of nothing but
    escapes is a warning (W1020); so then a `Fn::Join` of pieces none of which holds `${`."""
    if "${" not in text:
        return text
    pieces = text.split("${")
    parts = [pieces[0] + "$"] + ["{" + piece + "$" for piece in pieces[1:-1]] + ["{" + pieces[-1]]
    return {"Fn::Join": ["", parts]}


def literal_text(value: Any) -> str:
    """The text a `literal` value stands for."""
    if isinstance(value, dict):
        separator, parts = value["Fn::Join"]
        return str(separator).join(parts)
    return str(value)


def _name_value(template: str) -> Any:
    """A `!Sub` template as a value: `!Sub` when it substitutes something, else its literal text
    (a `!Sub` without variables is a cfn-lint warning, W1020)."""
    return Sub(template) if has_variables(template) else literal(split_sub(template).literal)


class _Problems:
    """Messages at their positions, each once (a base's member is in every subclass)."""

    def __init__(self, index: IRIndex) -> None:
        self.index = index
        self.found: Dict[Tuple[Position, str], None] = {}

    def add(self, message: Optional[str], model: Model, attribute: Optional[Attribute] = None) -> None:
        """`message` (if any) at `attribute`'s declaration, else at the model's."""
        if message is not None:  # locating costs a walk up the bases: only for problems
            self.add_at(location(self.index, model, attribute), message)

    def add_at(self, where: Position, message: Optional[str]) -> None:
        if message is not None:
            self.found[where, message] = None

    def raise_any(self) -> None:
        """EmitError with every problem, by position."""
        if self.found:
            raise EmitError(*(Problem.at(where, message) for where, message in sorted(self.found)))


def checked_tables(index: IRIndex, options: Options) -> List[_Table]:
    """Every table of the IR, merged over its models, by name; EmitError listing every problem
    DynamoDB or CloudFormation would refuse (`emit.limits`), each at its `file:line:col`. Computed
    once per index and options: the lock (`lock_of`) refuses what generation refuses."""
    def build() -> List[_Table]:
        problems = _Problems(index)
        by_name: Dict[str, List[Model]] = {}
        for model in index.table_models():
            by_name.setdefault(model.table or "", []).append(model)
        merged = [_merge(index, name, models, options, problems) for name, models in sorted(by_name.items())]
        tables = [table for table in merged if table is not None]
        _check_logical_ids(tables, problems)
        problems.raise_any()
        return tables

    return index.memoised("cloudformation tables", options, build)


def _merge(index: IRIndex, name: str, models: List[Model], options: Options,
           problems: _Problems) -> Optional[_Table]:
    """One table from every model stored in it; they must agree on the key schema."""
    first = models[0]
    here = location(index, first)
    physical = physical_table_name_template(name, options)
    named = limits.name_problem("table name", name)
    problems.add(named or limits.physical_name_problem(physical), first)
    shapes = [(model, _shape(model, problems)) for model in models]
    shape = shapes[0][1]
    for model, other in shapes[1:]:
        for difference in other.differences(shape):
            problems.add(
                f"models stored in table {name!r} disagree: {model.name} and {first.name} ({here}) on {difference}",
                model)
    if shape.hash_key is None:
        problems.add(f"table {name!r} has no [DynamoDBHashKey]; CloudFormation needs the key schema", first)
    if shape.lsis and shape.range_key is None:
        problems.add(f"table {name!r} has local secondary indexes but no range key ([DynamoDBRangeKey])", first)
    if shape.hash_key is None:
        return None
    return _Table(name, logical_id(name), physical, shape.hash_key, shape.range_key, shape.gsis, shape.lsis,
                  tuple(sorted({m.file for m in models})), here, _notes(len(shape.gsis)))


def _notes(gsi_count: int) -> Tuple[str, ...]:
    note = limits.global_index_quota_note(gsi_count)
    return (note,) if note else ()


def _shape(model: Model, problems: _Problems) -> _Shape:
    def key(attribute: Attribute) -> _Key:
        problems.add(_key_problem(attribute), model, attribute)
        return attribute.name, attribute.storage

    table_keys = [model.key_attribute(role) for role in ("hash", "range")]
    hash_key, range_key = (key(a) if a is not None else None for a in table_keys)
    gsi_names, lsi_names = model.gsi_names(), model.lsi_names()
    gsis = []
    for name in gsi_names:
        hashes, ranges = (model.gsi_key_attributes(name, role) for role in ("hash", "range"))
        declared = (hashes + ranges)[0]
        problems.add(limits.name_problem("index name", name), model, declared)
        if not hashes:
            problems.add(f"index {name!r} has a range key but no hash key", model, declared)
        gsis.append((name, tuple(key(a) for a in hashes), tuple(key(a) for a in ranges)))
    lsis = []
    for name in lsi_names:
        declared = next(a for a in model.attributes if name in a.lsi)
        problems.add(limits.name_problem("index name", name), model, declared)
        lsis.append((name, key(declared)))
    shared = sorted(set(gsi_names) & set(lsi_names))
    for problem in limits.index_count_problems(lsi_names, shared):
        problems.add(f"{model.name}: {problem}", model)
    return _Shape(hash_key, range_key, tuple(gsis), tuple(lsis))


def _key_problem(attribute: Attribute) -> Optional[str]:
    if attribute.storage not in _KEY_TYPES:
        return (f"key attribute {attribute.name!r} is stored as {attribute.storage}; DynamoDB keys must be S, N "
                "or B")
    return limits.attribute_name_problem(attribute.name, key=True)


def _check_logical_ids(tables: List[_Table], problems: _Problems) -> None:
    by_id: Dict[str, List[_Table]] = {}
    for table in tables:
        by_id.setdefault(table.logical_id, []).append(table)
        problems.add_at(table.where, limits.output_name_problem(max(_outputs(table.logical_id), key=len)))
    for same in by_id.values():
        for table in same if len(same) > 1 else ():
            others = ", ".join(f"{t.name!r} ({t.where})" for t in same if t is not table)
            problems.add_at(table.where, (
                f"table {table.name!r} has the CloudFormation logical ID {table.logical_id!r}, as table {others}: "
                "rename one table (IDs are never renumbered: a changed ID makes CloudFormation replace a table)"))


def _key_schema(hash_names: Sequence[str], range_names: Sequence[str]) -> List[Dict[str, Any]]:
    """HASH elements, then RANGE elements, each in order (several for multi-attribute GSI keys)."""
    return [{"AttributeName": literal(name), "KeyType": "HASH"} for name in hash_names] + [
        {"AttributeName": literal(name), "KeyType": "RANGE"} for name in range_names
    ]


def _index(name: str, key_schema: List[Dict[str, Any]]) -> Dict[str, Any]:
    # ALL: .NET's QueryAsync on an index rebuilds whole objects from what the index returns.
    return {"IndexName": literal(name), "KeySchema": key_schema, "Projection": {"ProjectionType": "ALL"}}


def _resource(table: _Table) -> Dict[str, Any]:
    properties: Dict[str, Any] = {
        "TableName": _name_value(table.physical_name),
        "BillingMode": BILLING_MODE,
        "AttributeDefinitions": table.attribute_definitions(),
        "KeySchema": _key_schema([table.hash_key[0]], [table.range_key[0]] if table.range_key else []),
    }
    if table.gsis:
        properties["GlobalSecondaryIndexes"] = [
            _index(name, _key_schema([h for h, _ in hashes], [r for r, _ in ranges]))
            for name, hashes, ranges in table.gsis
        ]
    if table.lsis:
        properties["LocalSecondaryIndexes"] = [
            _index(name, _key_schema([table.hash_key[0]], [r[0]])) for name, r in table.lsis
        ]
    properties["PointInTimeRecoverySpecification"] = {"PointInTimeRecoveryEnabled": True}
    properties["SSESpecification"] = {"SSEEnabled": True}
    # Retain: deleting the stack or replacing the resource must never drop a table's data.
    return {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
            "Properties": properties}


def _outputs(logical_id: str) -> Dict[str, Any]:
    return {
        f"{logical_id}Name": {
            "Description": f"Physical name of {logical_id}",
            "Value": Ref(logical_id),
            "Export": {"Name": Sub(f"${{AWS::StackName}}-{logical_id}Name")},
        },
        f"{logical_id}Arn": {
            "Description": f"ARN of {logical_id}",
            "Value": GetAtt(f"{logical_id}.Arn"),
            "Export": {"Name": Sub(f"${{AWS::StackName}}-{logical_id}Arn")},
        },
    }


def _template(options: Options, tables: List[_Table]) -> Dict[str, Any]:
    outputs: Dict[str, Any] = {}
    for table in tables:
        outputs.update(_outputs(table.logical_id))
    return {
        **_head(tables),
        "Resources": {t.logical_id: _resource(t) for t in tables},
        "Outputs": outputs,
    }


_STAGE_PARAMETER = {
    "Type": "String",
    "Default": "dev",
    "Description": "Deployment stage, part of every table name",
    # Table names are checked with a stage this long, of these characters (emit.limits).
    "MaxLength": limits.STAGE_MAX_LENGTH,
    "AllowedPattern": limits.STAGE_PATTERN,
    "ConstraintDescription": f"at most {limits.STAGE_MAX_LENGTH} of A-Z a-z 0-9 _ . - (part of DynamoDB table names)",
}


def _head(tables: List[_Table]) -> Dict[str, Any]:
    """Table names are plain text here (checked: no `${`), so the Description needs no `literal`."""
    names = ", ".join(t.name for t in tables)
    head: Dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"DynamoDB tables generated by schema_sync from C# data models: {names}",
    }
    # Declared only when used: an unused parameter is a cfn-lint warning (W2001).
    if any("Stage" in split_sub(t.physical_name).variables for t in tables):
        head["Parameters"] = {"Stage": dict(_STAGE_PARAMETER)}
    return head


class _TemplateWriter:
    """Template texts, each exactly `dump_yaml(_template(...))` under its header.

    A table's `Resources` and `Outputs` entries are dumped once and shared by its own template and
    the combined one: YAML block mappings are written entry by entry, and each entry is dumped
    under its real top-level key, so its columns (and any line folding) are those of the whole
    document.
    """

    def __init__(self, index: IRIndex, options: Options) -> None:
        self.index = index
        self.options = options
        self.entries: Dict[_Table, Tuple[str, str]] = {}  # table -> (its Resources entry, its Outputs entries)

    def templates(self, templates: List[Tuple[str, List[_Table]]], heading: Optional[str] = None) -> Dict[str, str]:
        """Path -> text of each (path, its tables), `heading` (if any) their first comment line.
        Their heads are dumped together: PyYAML, which has a large cost per call, spells every
        head's description in one call."""
        heads = dump_yamls([_head(group) for _, group in templates])
        first = f"# {single_line(heading)}\n" if heading is not None else ""
        return {path: first + self._template(group, head) for (path, group), head in zip(templates, heads)}

    def _template(self, tables: List[_Table], head: str) -> str:
        """`tables`' template under `head` (their `_head` dumped), with their notes in the header."""
        sources = tuple(sorted({s for t in tables for s in t.sources}))
        header = "".join(f"# {line}\n" for line in header_of(self.index, sources))
        header += "".join(f"# note: table {t.name}: {note}\n" for t in tables for note in t.notes)
        entries = [self._entries(t) for t in tables]
        resources = "".join(resource for resource, _ in entries)
        outputs = "".join(output for _, output in entries)
        return f"{header}{head}Resources:\n{resources}Outputs:\n{outputs}"

    def _entries(self, table: _Table) -> Tuple[str, str]:
        if table not in self.entries:  # by value: a deploy step's table differs from the models' in its GSIs
            self.entries[table] = (
                _entries_under("Resources", {table.logical_id: _resource(table)}),
                _entries_under("Outputs", _outputs(table.logical_id)),
            )
        return self.entries[table]


def _entries_under(key: str, entries: Dict[str, Any]) -> str:
    """The lines of `entries` as the value of top-level `key` (without the `key:` line)."""
    text = dump_yaml({key: entries})
    return text[text.index("\n") + 1:]


def dump_yaml(data: Any) -> str:
    """Deterministic YAML with CloudFormation's short-form intrinsic function tags."""
    return dump_yamls([data])[0] if isinstance(data, dict) else _pyyaml_dump(data)


def dump_yamls(documents: Sequence[Dict[str, Any]]) -> List[str]:
    """`dump_yaml` of each document, asking PyYAML at most once for the scalars only it spells."""
    written = _block_yamls(documents)
    return [text if text is not None else _pyyaml_dump(data) for data, text in zip(documents, written)]


def _block_yamls(documents: Sequence[Dict[str, Any]]) -> List[Optional[str]]:
    if len(_SPELLED) > _SPELLED_LIMIT:
        _SPELLED.clear()  # bounded: the emitter also runs in Pants's long-lived daemon
    return block_yamls(documents, _WIDTH, _SPELLED, _plain_spelling, _spell_scalars)


_WIDTH = 120
_SCALARS = (str, Sub, Ref, GetAtt, bool, int, float, type(None))


def _pyyaml_dump(data: Any) -> str:
    import yaml  # lazily: nothing at import time may fail inside Pants

    text: str = yaml.dump(data, Dumper=_dumper(), sort_keys=False, default_flow_style=False, allow_unicode=False,
                          width=_WIDTH)
    return text


def _spell_scalars(values: List[Any]) -> List[Optional[str]]:
    """How PyYAML writes each of the distinct `values` alone on one line (None if it takes more,
    or is no scalar): those that are scalars are dumped together, as items of one sequence."""
    asked = [value for value in values if type(value) in _SCALARS]
    items = _pyyaml_dump(asked)[len("- "):-1].split("\n- ") if asked else []  # an item's next lines are indented
    spelled = {(type(v), v): None if "\n" in item else item for v, item in zip(asked, items)}
    return [spelled.get((type(v), v)) for v in values]


def _plain_spelling(value: Any) -> Optional[str]:
    """How PyYAML writes the simplest, commonest scalars, without asking it (None: ask it).

    An identifier-like string (words of `A-Za-z0-9_.-`, single spaces between) is written as it
    is: nothing in it needs quoting, and the only implicit types it could have are YAML 1.1's
    booleans and null (numbers, dates and the rest start with a digit, a sign or a dot). A tagged
    one (`!Sub`) is always single-quoted, `'` doubled. test_yaml_text checks both against PyYAML.
    """
    if type(value) not in _SCALARS:
        return None  # PyYAML represents another str subclass otherwise, or refuses it
    tag = _TAGS.get(type(value))
    if tag is not None:
        return f"{tag} '{value.replace(chr(39), chr(39) * 2)}'" if _NO_SPACE_ASCII.fullmatch(value) else None
    if isinstance(value, str):
        return value if _WORDS.fullmatch(value) and value not in _YAML11_WORDS else None
    return None


_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*")
_NO_SPACE_ASCII = re.compile(r"[!-~]+")
_YAML11_WORDS = frozenset(
    spelling
    for word in ("yes", "no", "true", "false", "on", "off", "null")
    for spelling in (word, word.capitalize(), word.upper())
)
_TAGS: Dict[type, str] = {Sub: "!Sub", Ref: "!Ref", GetAtt: "!GetAtt"}
_SPELLED: Dict[Tuple[type, Any], Optional[str]] = {}
_SPELLED_LIMIT = 1 << 16


@functools.cache
def _dumper() -> Any:
    """One Dumper class for every template, on libyaml's C emitter where PyYAML has it (both the
    3.9 and 3.12 wheels do): the pure-Python emitter was most of a whole-tree `generate`. The two
    emitters write the same text for these templates (the golden files check it)."""
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def tagged(tag: str) -> Any:
        # Quoted always: the pure-Python emitter quotes a tagged scalar, libyaml's would not.
        return lambda dumper, value: dumper.represent_scalar(tag, str(value), style="'")

    for cls, tag in _TAGS.items():
        Dumper.add_representer(cls, tagged(tag))
    # Never emit anchors/aliases: identical sub-structures stay spelled out.
    Dumper.ignore_aliases = lambda self, data: True
    return Dumper
