"""Member initialisers -> `ir.Default` kinds, so emitters never read C# expressions."""

from __future__ import annotations

from typing import Callable

from schema_sync.csharp.syntax import Expr
from schema_sync.ir import INTEGRAL_KINDS, Default, TypeRef
from schema_sync.resolve.constants import ConstantEvaluator, NotConstant, parse_int_literal
from schema_sync.resolve.symbols import DeclaredType, Scope

_NOW = {
    f"{prefix}{owner}.{member}"
    for prefix in ("", "System.")
    for owner in ("DateTime", "DateTimeOffset")
    for member in ("UtcNow", "Now")
}
_NEW_GUID = {"Guid.NewGuid()", "System.Guid.NewGuid()", "Guid.NewGuid().ToString()", "System.Guid.NewGuid().ToString()"}
_EMPTY_FACTORIES = ("Array.Empty", "System.Array.Empty", "Enumerable.Empty", "System.Linq.Enumerable.Empty")


def classify_default(
    expr: Expr,
    ref: TypeRef,
    is_value_type: bool,
    scope: Scope,
    constants: ConstantEvaluator,
    resolve: Callable[[str], DeclaredType | None],
) -> Default:
    kind = expr.kind
    if kind == "null":
        return Default(kind="null")
    if kind == "default":
        return _default_of(ref, is_value_type, expr)
    if kind in ("new", "collection") and not expr.parts:
        return Default(kind="empty")
    if kind == "invocation":
        return _invocation_default(expr)
    if kind == "name":
        special = _named_default(expr, scope, resolve)
        if special is not None:
            return special
    try:
        value = constants.evaluate(expr, scope)
    except NotConstant:
        return Default(kind="expression", value=expr.text)
    return _constant_default(value, ref, expr)


def _default_of(ref: TypeRef, is_value_type: bool, expr: Expr) -> Default:
    if ref.nullable or not is_value_type:
        return Default(kind="null")
    if ref.kind in INTEGRAL_KINDS:
        return Default(kind="int", value="0")
    if ref.kind == "bool":
        return Default(kind="bool", value="false")
    return Default(kind="expression", value=expr.text)


def _invocation_default(expr: Expr) -> Default:
    if expr.text.replace(" ", "") in _NEW_GUID:
        return Default(kind="new_guid")
    callee = (expr.value or "").split("<", 1)[0]
    if callee in _EMPTY_FACTORIES and not expr.parts:
        return Default(kind="empty")
    return Default(kind="expression", value=expr.text)


def _named_default(expr: Expr, scope: Scope, resolve: Callable[[str], DeclaredType | None]) -> Default | None:
    name = expr.value or ""
    if name in _NOW:
        return Default(kind="now")
    owner, _, member = name.rpartition(".")
    declared = resolve(owner) if owner else None
    if declared is not None and declared.kind == "enum":
        return Default(kind="enum", value=member)
    return None


def _constant_default(value: object, ref: TypeRef, expr: Expr) -> Default:
    if isinstance(value, bool):
        return Default(kind="bool", value="true" if value else "false")
    if isinstance(value, str):
        return Default(kind="string", value=value)
    if ref.kind == "decimal" or expr.text.rstrip().endswith(("m", "M")):
        return Default(kind="decimal", value=_number_text(expr, value))
    if isinstance(value, float) or ref.kind in ("float32", "float64"):
        return Default(kind="float", value=_number_text(expr, value))
    return Default(kind="int", value=str(value))


def _number_text(expr: Expr, value: object) -> str:
    """The literal as written (minus suffix) when it is one, so decimals keep their digits."""
    if expr.kind == "float":
        return expr.text.rstrip("fFdDmM").replace("_", "")
    if expr.kind == "int":
        return str(parse_int_literal(expr.text))
    return str(value)
