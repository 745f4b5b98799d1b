"""IR -> JSON Schema (draft 2020-12), one document per model, describing the stored item in
DynamoDB's JSON wire format (`{"goal_id": {"S": "..."}}`, B as base64) exactly as .NET writes it.

Unmodelled attributes are allowed (`Save` is an UpdateItem: other writers' attributes survive).
Documents are built as data and written as `json.dumps(indent=2)` writes them (`json_text`, its
strings through the standard encoder), so C# strings are always JSON data.
"""

from __future__ import annotations

import json
from typing import Any, Collection, Dict, FrozenSet, List, Mapping, Optional, Set, Tuple

from schema_sync.emit import naming
from schema_sync.emit.header import file_header
from schema_sync.emit.index import IRIndex
from schema_sync.emit.json_text import IndentedJson
from schema_sync.emit.python_names import class_names_for_file
from schema_sync.emit.storage import Wire, always_written, attribute_wire
from schema_sync.emit.validation import checked_index
from schema_sync.graph import reachable_from
from schema_sync.ir import Enum, Model, SchemaIR
from schema_sync.options import Options

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_INTEGER = r"^-?[0-9]+$"
_NUMBER = r"^-?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
_FORMATS = {
    "datetime": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$",
    "guid": r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    "dateonly": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "timeonly": r"^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}$",
}
_NULL = {"type": "object", "properties": {"NULL": {"const": True}}, "required": ["NULL"], "additionalProperties": False}


def emit_jsonschema(
    ir: SchemaIR,
    options: Options,
    only_files: Optional[Collection[str]] = None,
    repository_stems: Optional[Mapping[str, str]] = None,
) -> Dict[str, str]:
    """Output path (`<file stem>.<Class>.schema.json`) -> JSON Schema text, one per model
    (of the files in `only_files`, when given)."""
    del options
    index = checked_index(ir)
    stems = naming.stems_by_file(index, repository_stems)
    builder = _SchemaBuilder(index, stems)
    out: Dict[str, str] = {}
    for path in index.files():
        if only_files is not None and path not in only_files:
            continue
        for model in index.models_in(path):
            out[f"{document_key(index, stems, model)}.schema.json"] = builder.document(model)
    return out


def document_key(index: IRIndex, stems: Mapping[str, str], model: Model) -> str:
    """`<file stem>.<Class>`, a model's name among the documents: its document's file name (plus
    `.schema.json`) and its `$defs` key where others nest it. `<Class>` is the generated Python
    class's name (`python_names`), so each document sits beside the class it describes; both parts
    are ASCII identifiers, so the key needs no escaping in a JSON pointer."""
    return f"{stems[model.file]}.{class_names_for_file(index, model.file)[model.full_name]}"


def _attribute_value(tag: str, value: Dict[str, Any]) -> Dict[str, Any]:
    """`{"<tag>": value}` and nothing else, the shape of one DynamoDB AttributeValue."""
    return {"type": "object", "properties": {tag: value}, "required": [tag], "additionalProperties": False}


class _SchemaBuilder:
    """Documents of one IR. A model's schema is built and written once, however many documents
    hold it in their `$defs` (a value type nested in every table model would otherwise be
    re-encoded per document: most of a whole-tree run)."""

    def __init__(self, index: IRIndex, stems: Dict[str, str]) -> None:
        self.index = index
        self.stems = stems
        self.bodies: Dict[str, Tuple[Dict[str, Any], Set[str]]] = {}  # $defs key -> (body, keys it refers to)
        self.written_defs: Dict[str, str] = {}  # $defs key -> its entry as it appears in a document
        self.wires: Dict[Wire, Tuple[Dict[str, Any], FrozenSet[str]]] = {}  # -> (its schema, $defs keys in it)
        self.wires_by_id: Dict[int, Tuple[Wire, Dict[str, Any], FrozenSet[str]]] = {}  # id -> (it, kept alive, ...)
        self.json = IndentedJson()

    def document(self, model: Model) -> str:
        """The document's JSON text: exactly `json.dumps(document, indent=2)` plus a newline, with
        `$defs` last and sorted by key."""
        header = file_header(self.index, model.file)
        refers: Set[str] = set()
        body = self._members(model, refers)
        document: Dict[str, Any] = {"$schema": DRAFT, "$comment": " | ".join(header), "title": model.name}
        if model.doc:
            document["description"] = model.doc
        document.update(body)
        text = self.json.text(document)
        defs = sorted(reachable_from(refers, lambda key: self.bodies[key][1]))
        if not defs:
            return text + "\n"
        entries = ",\n".join(self._written_def(key) for key in defs)
        return f'{text[:-2]},\n  "$defs": {{\n{entries}\n  }}\n}}\n'

    def _written_def(self, key: str) -> str:
        """`    "<key>": {...}`, indented as the value of a key in the top-level `$defs` object."""
        if key not in self.written_defs:
            self.written_defs[key] = f"    {json.dumps(key)}: {self.json.text(self.bodies[key][0], '    ')}"
        return self.written_defs[key]

    def _members(self, model: Model, refers: Set[str]) -> Dict[str, Any]:
        """The object schema of the model's attributes; adds the `$defs` keys it refers to."""
        properties: Dict[str, Any] = {}
        required: List[str] = []
        for attribute in model.attributes:
            wire = attribute_wire(attribute)
            schema = self._wire(wire, refers)
            if attribute.doc:
                schema = self.json.extended(schema, "description", attribute.doc)
            properties[attribute.name] = schema
            if always_written(attribute, wire):
                required.append(attribute.name)
        return {"type": "object", "properties": properties, "required": sorted(required)}

    def _wire(self, wire: Wire, refers: Set[str]) -> Dict[str, Any]:
        """The schema of a stored shape: one shared value per distinct shape."""
        # By identity first: attributes of one type share one Wire instance, and hashing it is not free.
        known = self.wires_by_id.get(id(wire))
        if known is None:
            if wire not in self.wires:
                its_refers: Set[str] = set()
                schema = self.json.shared(self._wire_schema(wire, its_refers))
                self.wires[wire] = (schema, frozenset(its_refers))
            known = self.wires_by_id[id(wire)] = (wire, *self.wires[wire])
        refers |= known[2]
        return known[1]

    def _wire_schema(self, wire: Wire, refers: Set[str]) -> Dict[str, Any]:
        if wire.tag == "ANY":
            return {}
        if wire.tag in ("S", "N", "B", "BOOL"):
            value = self._scalar(wire)
            if wire.tag == "S":  # "" is never written (IsEmptyStringValueEnabled=false); sets may hold it
                value = {**value, "minLength": 1}
            return _attribute_value(wire.tag, value)
        if wire.tag == "M" and wire.ref:
            return _attribute_value("M", self._model_ref(wire.ref, refers))
        assert wire.element is not None
        if wire.tag in ("SS", "NS", "BS"):
            items = self._scalar(Wire(wire.tag[0], kind=wire.element.kind, ref=wire.element.ref))
            return _attribute_value(wire.tag, {"type": "array", "items": items, "minItems": 1, "uniqueItems": True})
        element = self._wire(wire.element, refers)
        if wire.nullable_elements:
            element = {"anyOf": [element, _NULL]}
        if wire.tag == "L":
            return _attribute_value("L", {"type": "array", "items": element})
        return _attribute_value("M", {"type": "object", "additionalProperties": element})  # MAP

    def _scalar(self, wire: Wire) -> Dict[str, Any]:
        """The JSON value inside an S/N/B/BOOL attribute value (or a set member)."""
        if wire.tag == "BOOL":
            return {"type": "boolean"}
        if wire.tag == "B":
            return {"type": "string", "contentEncoding": "base64"}
        if wire.tag == "S":
            if wire.kind == "char":
                return {"type": "string", "minLength": 1, "maxLength": 1}
            pattern = _FORMATS.get(wire.kind or "")
            return {"type": "string", "pattern": pattern} if pattern else {"type": "string"}
        if wire.kind == "bool":
            return {"enum": ["0", "1"]}
        if wire.kind == "enum" and wire.ref:
            enum = self.index.enum_for(wire.ref)
            return self._enum_values(enum) if enum else {"type": "string", "pattern": _INTEGER}
        integral = wire.kind not in ("float32", "float64", "decimal", "converted")
        return {"type": "string", "pattern": _INTEGER if integral else _NUMBER}

    @staticmethod
    def _enum_values(enum: Enum) -> Dict[str, Any]:
        # C# enums are open: any number of the underlying type may be stored (a [Flags] combination,
        # or a member a newer model added), so the members are examples, not a closed list.
        if enum.flags or not enum.members:
            return {"type": "string", "pattern": _INTEGER}
        members = sorted({str(m.value) for m in enum.members}, key=int)
        return {"type": "string", "pattern": _INTEGER, "examples": members}

    def _model_ref(self, ref: str, refers: Set[str]) -> Dict[str, Any]:
        model = self.index.model_for(ref)
        if model is None:
            return {"type": "object"}
        key = document_key(self.index, self.stems, model)
        refers.add(key)
        if key not in self.bodies:
            its_refers: Set[str] = set()
            self.bodies[key] = ({}, its_refers)  # placeholder first: a recursive type refers to itself
            self.bodies[key] = ({"title": model.name, **self._members(model, its_refers)}, its_refers)
        return {"$ref": f"#/$defs/{key}"}
