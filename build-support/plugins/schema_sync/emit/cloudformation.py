"""IR -> CloudFormation `AWS::DynamoDB::Table` templates: one per table plus a combined one.

Templates are built as data and written as PyYAML writes them (with representers for `!Sub`,
`!Ref`, `!GetAtt`): every scalar is spelled by PyYAML (`yaml_text`), never pasted in as text, so no
C# string can change the YAML structure.
Key types come from `Attribute.storage` (what .NET writes), per conversion reference section 4.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Optional, Sequence, Set, Tuple

from schema_sync.emit.common import EmitError, IRIndex, physical_table_name_template
from schema_sync.emit.yaml_text import block_yamls
from schema_sync.ir import Attribute, Model, SchemaIR
from schema_sync.options import Options

COMBINED_TEMPLATE = "tables.yaml"
BILLING_MODE = "PAY_PER_REQUEST"
_KEY_TYPES = ("S", "N", "B")
_DYNAMO_NAME = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")  # table and index names (DynamoDB's rule)


class Sub(str):
    """`!Sub` in the YAML output."""


class Ref(str):
    """`!Ref` in the YAML output."""


class GetAtt(str):
    """`!GetAtt` in the YAML output."""


_Key = Tuple[str, str]  # (attribute, S|N|B)


@dataclass(frozen=True)
class _Table:
    """Everything CloudFormation needs about one table, merged over the models that map to it."""

    name: str
    hash_key: _Key
    range_key: Optional[_Key]
    # (index, partition key attributes, sort key attributes): several of each for multi-attribute keys
    gsis: Tuple[Tuple[str, Tuple[_Key, ...], Tuple[_Key, ...]], ...]
    lsis: Tuple[Tuple[str, _Key], ...]  # (index, range)
    sources: Tuple[str, ...]

    def attribute_definitions(self) -> List[Dict[str, str]]:
        keys = {self.hash_key, *(k for k in [self.range_key] if k)}
        keys |= {k for _, hashes, ranges in self.gsis for k in (*hashes, *ranges)}
        keys |= {r for _, r in self.lsis}
        return [{"AttributeName": name, "AttributeType": kind} for name, kind in sorted(keys)]


def emit_cloudformation(
    ir: SchemaIR, options: Options, only_files: Optional[Collection[str]] = None
) -> Dict[str, str]:
    """Output path -> template text: `<table>-table.yaml` per table and `tables.yaml`.

    With `only_files` (one Pants target), only the tables of models declared in those files are
    written, and no combined template (it belongs to a whole-project generation).
    """
    index = IRIndex.of(ir)
    tables = _tables(index)
    writer = _TemplateWriter(index, options, _logical_ids([t.name for t in tables]))
    wanted = set(only_files) if only_files is not None else None
    templates = [(table_template_path(t.name), [t]) for t in tables if wanted is None or wanted & set(t.sources)]
    if tables and wanted is None:
        templates.append((COMBINED_TEMPLATE, tables))
    return writer.templates(templates)


def template_data(ir: SchemaIR, options: Options) -> Dict[str, Any]:
    """The combined template as data (what `tables.yaml` dumps), for tools that compare with it."""
    tables = _tables(IRIndex.of(ir))
    return _template(options, tables, _logical_ids([t.name for t in tables]))


def table_template_path(table: str) -> str:
    """File name of one table's template (the Pants plugin selects a target's tables by it)."""
    return f"{table}-table.yaml"


def _tables(index: IRIndex) -> List[_Table]:
    by_name: Dict[str, List[Model]] = {}
    for model in index.table_models():
        by_name.setdefault(model.table or "", []).append(model)
    tables = [_merge(name, models) for name, models in sorted(by_name.items())]
    return tables


def _merge(name: str, models: List[Model]) -> _Table:
    """One table from every model stored in it; they must agree on the key schema."""
    if not _DYNAMO_NAME.match(name):
        raise EmitError(f"{models[0].file}:{models[0].line}:{models[0].col}: table name {name!r} is not a valid "
                        "DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)")
    shapes = {(_key(m, "hash"), _key(m, "range"), _gsis(m), _lsis(m)) for m in models}
    if len(shapes) > 1:
        files = ", ".join(sorted({m.file for m in models}))
        raise EmitError(f"models stored in table {name!r} disagree on keys or indexes: {files}")
    hash_key, range_key, gsis, lsis = shapes.pop()
    if hash_key is None:
        model = models[0]
        raise EmitError(f"{model.file}:{model.line}:{model.col}: table {name!r} has no [DynamoDBHashKey]; "
                        "CloudFormation needs the key schema")
    if lsis and range_key is None:
        raise EmitError(f"table {name!r} has local secondary indexes but no range key")
    return _Table(name, hash_key, range_key, gsis, lsis, tuple(sorted({m.file for m in models})))


def _key_type(model: Model, attribute: Attribute) -> Tuple[str, str]:
    if attribute.storage not in _KEY_TYPES:
        raise EmitError(
            f"{model.file}:{attribute.line}:{attribute.col}: key attribute {attribute.name!r} is stored as "
            f"{attribute.storage}; DynamoDB keys must be S, N or B"
        )
    return attribute.name, attribute.storage


def _key(model: Model, role: str) -> Optional[Tuple[str, str]]:
    attribute = model.key_attribute(role)
    return _key_type(model, attribute) if attribute else None


def _gsis(model: Model) -> Tuple[Tuple[str, Tuple[_Key, ...], Tuple[_Key, ...]], ...]:
    out = []
    for name in model.gsi_names():
        _check_index_name(model, name)
        hashes, ranges = (tuple(_key_type(model, a) for a in model.gsi_key_attributes(name, role))
                          for role in ("hash", "range"))
        if not hashes:
            raise EmitError(f"{model.file}:{model.line}:{model.col}: index {name!r} has a range key but no hash key")
        out.append((name, hashes, ranges))
    return tuple(out)


def _lsis(model: Model) -> Tuple[Tuple[str, Tuple[str, str]], ...]:
    out = []
    for name in model.lsi_names():
        _check_index_name(model, name)
        attribute = next(a for a in model.attributes if name in a.lsi)
        out.append((name, _key_type(model, attribute)))
    return tuple(out)


def _check_index_name(model: Model, name: str) -> None:
    if not _DYNAMO_NAME.match(name):
        raise EmitError(f"{model.file}:{model.line}:{model.col}: index name {name!r} is not a valid DynamoDB "
                        "index name (3-255 of A-Z a-z 0-9 _ . -)")


def _logical_ids(table_names: List[str]) -> Dict[str, str]:
    """`kpi_measurements` -> `KpiMeasurementsTable`; unique, alphanumeric as CloudFormation requires."""
    ids: Dict[str, str] = {}
    used: Set[str] = set()
    for name in table_names:
        words = re.split(r"[^A-Za-z0-9]+", name)
        base = "".join(w[:1].upper() + w[1:] for w in words if w) + "Table"
        candidate, counter = base, 2
        while candidate in used:
            candidate, counter = f"{base}{counter}", counter + 1
        used.add(candidate)
        ids[name] = candidate
    return ids


def _key_schema(hash_names: Sequence[str], range_names: Sequence[str]) -> List[Dict[str, str]]:
    """HASH elements, then RANGE elements, each in order (several for multi-attribute GSI keys)."""
    return [{"AttributeName": name, "KeyType": "HASH"} for name in hash_names] + [
        {"AttributeName": name, "KeyType": "RANGE"} for name in range_names
    ]


def _index(name: str, key_schema: List[Dict[str, str]]) -> Dict[str, Any]:
    # ALL: .NET's QueryAsync on an index rebuilds whole objects from what the index returns.
    return {"IndexName": name, "KeySchema": key_schema, "Projection": {"ProjectionType": "ALL"}}


def _resource(options: Options, table: _Table) -> Dict[str, Any]:
    properties: Dict[str, Any] = {
        "TableName": Sub(physical_table_name_template(table.name, options)),
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


def _template(options: Options, tables: List[_Table], logical_ids: Dict[str, str]) -> Dict[str, Any]:
    outputs: Dict[str, Any] = {}
    for table in tables:
        outputs.update(_outputs(logical_ids[table.name]))
    return {
        **_head(tables),
        "Resources": {logical_ids[t.name]: _resource(options, t) for t in tables},
        "Outputs": outputs,
    }


def _head(tables: List[_Table]) -> Dict[str, Any]:
    names = ", ".join(t.name for t in tables)
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"DynamoDB tables generated by schema_sync from C# data models: {names}",
        "Parameters": {
            "Stage": {"Type": "String", "Default": "dev", "Description": "Deployment stage, part of every table name"}
        },
    }


class _TemplateWriter:
    """Template texts, each exactly `dump_yaml(_template(...))` under its header.

    A table's `Resources` and `Outputs` entries are dumped once and shared by its own template and
    the combined one: YAML block mappings are written entry by entry, and each entry is dumped
    under its real top-level key, so its columns (and any line folding) are those of the whole
    document.
    """

    def __init__(self, index: IRIndex, options: Options, logical_ids: Dict[str, str]) -> None:
        self.index = index
        self.options = options
        self.logical_ids = logical_ids
        self.entries: Dict[str, Tuple[str, str]] = {}  # table -> (its Resources entry, its Outputs entries)

    def templates(self, templates: List[Tuple[str, List[_Table]]]) -> Dict[str, str]:
        """Path -> text of each (path, its tables). Their heads are dumped together: PyYAML, which
        has a large cost per call, spells every head's description in one call."""
        heads = dump_yamls([_head(group) for _, group in templates])
        return {path: self._template(group, head) for (path, group), head in zip(templates, heads)}

    def _template(self, tables: List[_Table], head: str) -> str:
        """`tables`' template under `head` (their `_head` dumped)."""
        sources = tuple(sorted({s for t in tables for s in t.sources}))
        header = "".join(f"# {line}\n" for line in self.index.header(sources))
        entries = [self._entries(t) for t in tables]
        resources = "".join(resource for resource, _ in entries)
        outputs = "".join(output for _, output in entries)
        return f"{header}{head}Resources:\n{resources}Outputs:\n{outputs}"

    def _entries(self, table: _Table) -> Tuple[str, str]:
        if table.name not in self.entries:
            logical_id = self.logical_ids[table.name]
            self.entries[table.name] = (
                _entries_under("Resources", {logical_id: _resource(self.options, table)}),
                _entries_under("Outputs", _outputs(logical_id)),
            )
        return self.entries[table.name]


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
    3.9 and 3.11 wheels do): the pure-Python emitter was most of a whole-tree `generate`. The two
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
