"""Whether an IR may be emitted at all: every entry point that emits or locks calls `checked_index`.

Refused, each at the C# position it is about, all at once: a stored attribute name that lenient
extraction could not resolve (output under the member's own name would read and write an attribute
.NET never stores), and an attribute every generated codec would write but DynamoDB refuses. Table
limits (names, indexes) are the CloudFormation emitter's (`emit.cloudformation.checked_tables`).
"""

from __future__ import annotations

from typing import Dict, Optional

from schema_sync.emit import limits
from schema_sync.emit.errors import EmitError, Position, Problem
from schema_sync.emit.index import IRIndex, location
from schema_sync.emit.presence import NUMBER_DEFAULT_KINDS
from schema_sync.ir import NUMERIC_KINDS, Attribute, SchemaIR

_SURELY_SHORT_NAME = limits.MAX_ATTRIBUTE_NAME_BYTES // 4  # characters: UTF-8 takes at most 4 bytes each


def checked_index(ir: SchemaIR) -> IRIndex:
    """The IR's index (`IRIndex.of`) once the IR is known to be emittable; EmitError listing every
    attribute that is not. Checked once per index, by whichever entry point asks first."""
    index = IRIndex.of(ir)
    index.memoised("emittable", None, lambda: refuse_unemittable(index))
    return index


def refuse_unemittable(index: IRIndex) -> bool:
    """True, or EmitError with one problem per attribute that must not be emitted, at the position
    of its declaration, once (a base's member is in every subclass)."""
    problems: Dict[Position, str] = {}
    for model in index.ir.models:
        for attribute in model.attributes:
            problem = _attribute_problem(attribute)
            if problem is not None:  # locating costs a walk up the bases: only for problems
                problems.setdefault(location(index, model, attribute),
                                    f"{attribute.declared_in}.{attribute.property}: {problem}")
    if problems:
        raise EmitError(*(Problem.at(where, problems[where]) for where in sorted(problems)))
    return True


def _attribute_problem(attribute: Attribute) -> Optional[str]:
    if attribute.unresolved_name is not None:
        return (f"the stored name `{attribute.unresolved_name}` could not be resolved: add the file that declares "
                "it to the sources")
    if attribute.default is None and 0 < len(attribute.name) <= _SURELY_SHORT_NAME:
        return None  # the common case, decided without a call per attribute
    return _unstorable(attribute)


def _unstorable(attribute: Attribute) -> Optional[str]:
    """An empty or over-long attribute name, or a numeric default that is no DynamoDB number (more
    than 38 digits, out of range, NaN)."""
    problem = limits.attribute_name_problem(attribute.name, key=False)
    if problem is not None:
        return problem
    default = attribute.default
    if default is None or default.kind not in NUMBER_DEFAULT_KINDS or default.value is None or attribute.converter:
        return None
    if attribute.type.kind not in NUMERIC_KINDS:
        return None
    return limits.number_problem(default.value, decimal_kind=attribute.type.kind == "decimal")
