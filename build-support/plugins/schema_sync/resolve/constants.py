"""Compile-time constant evaluation: `const` fields across classes and files, concatenation,
`nameof`, arithmetic, and enum member values (C#'s rules, as far as attribute arguments and
enum declarations need them)."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Set, Tuple, Union

from schema_sync.csharp.syntax import Expr
from schema_sync.resolve.symbols import DeclaredType, Scope, TypeIndex

Value = Union[str, int, float, bool]


class NotConstant(Exception):
    """The expression is not a constant we can evaluate; the message says why."""


_INT_SUFFIXES = "uUlL"
_INTEGRAL_CASTS = frozenset(
    {
        "sbyte",
        "byte",
        "short",
        "ushort",
        "int",
        "uint",
        "long",
        "ulong",
        "SByte",
        "Byte",
        "Int16",
        "UInt16",
        "Int32",
        "UInt32",
        "Int64",
        "UInt64",
    }
)
_MAX_CHAIN = 100  # constants defined through constants; bounds the evaluator's recursion
_BINARY: Dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "%": lambda a, b: a % b,
    "<<": lambda a, b: a << b,
    ">>": lambda a, b: a >> b,
    "|": lambda a, b: a | b,
    "&": lambda a, b: a & b,
    "^": lambda a, b: a ^ b,
}


def parse_int_literal(text: str) -> int:
    digits = text.rstrip(_INT_SUFFIXES).replace("_", "")
    lowered = digits.lower()
    if lowered.startswith("0x"):
        return int(lowered[2:], 16)
    if lowered.startswith("0b"):
        return int(lowered[2:], 2)
    return int(digits)


class ConstantEvaluator:
    def __init__(self, index: TypeIndex) -> None:
        self.index = index
        self._constants: Dict[Tuple[str, str], Value] = {}
        self._enum_values: Dict[str, Dict[str, int]] = {}
        self._in_progress: Set[Tuple[str, str]] = set()
        # (`Owner.Member`, lookup class) -> value: a name found once has that value wherever
        # its owner resolves alike (failures are not kept: they may succeed later, see _MAX_CHAIN).
        self._qualified: Dict[Tuple[str, object], Value] = {}

    def evaluate(self, expr: Expr, scope: Scope) -> Value:
        kind = expr.kind
        # Attribute arguments are mostly strings, constants and concatenations: tested first.
        if kind == "string" or kind == "char":
            return expr.value or ""
        if kind == "binary":
            return self._binary(expr, scope)
        if kind == "name":
            return self._named_constant(expr.value or "", scope)
        if kind == "int":
            return parse_int_literal(expr.text)
        if kind == "float":
            return float(expr.text.rstrip("fFdDmM").replace("_", ""))
        if kind == "bool":
            return expr.text == "true"
        if kind == "nameof":
            return (expr.value or "").rsplit(".", 1)[-1]
        if kind == "unary":
            return self._unary(expr, scope)
        if kind == "cast":
            return self._cast(expr, scope)
        raise NotConstant(f"`{expr.text}` is not a compile-time constant")

    def evaluate_string(self, expr: Expr, scope: Scope) -> str:
        value = self.evaluate(expr, scope)
        if not isinstance(value, str):
            raise NotConstant(f"`{expr.text}` is not a string")
        return value

    def enum_values(self, declared: DeclaredType) -> Dict[str, int]:
        """Member -> value, C# style: explicit values, else previous + 1 starting at 0."""
        cached = self._enum_values.get(declared.full_name)
        if cached is not None:
            return cached
        values: Dict[str, int] = {}
        self._enum_values[declared.full_name] = values  # visible to self-references below
        try:
            self._fill_enum_values(declared, values)
        except NotConstant:
            del self._enum_values[declared.full_name]  # never leave a partial enum behind
            raise
        return values

    def _fill_enum_values(self, declared: DeclaredType, values: Dict[str, int]) -> None:
        scope = self.index.scope_of(declared.file, declared.decl)
        next_value = 0
        for member in declared.decl.enum_members:
            if member.value is not None:
                value = self.evaluate(member.value, scope)
                if isinstance(value, bool) or not isinstance(value, int):
                    raise NotConstant(f"enum member {member.name} = `{member.value.text}` is not an integer")
                next_value = value
            values[member.name] = next_value
            next_value += 1

    def _binary(self, expr: Expr, scope: Scope) -> Value:
        left_expr, right_expr = expr.parts
        left = self.evaluate(left_expr, scope)
        right = self.evaluate(right_expr, scope)
        operator = expr.value or ""
        if operator == "+" and isinstance(left, str) and isinstance(right, str):
            return left + right  # the common case: no conversions
        if operator == "+" and (isinstance(left, str) or isinstance(right, str)):
            return _as_text(left) + _as_text(right)
        if operator == "/" and isinstance(left, int) and isinstance(right, int) and right:
            return int(left / right)  # C# integer division truncates toward zero
        function = _BINARY.get(operator)
        if function is None or isinstance(left, str) or isinstance(right, str):
            raise NotConstant(f"cannot evaluate `{expr.text}`")
        try:
            result: Value = function(left, right)
        except (TypeError, ValueError) as error:
            raise NotConstant(f"cannot evaluate `{expr.text}`: {error}") from None
        return result

    def _cast(self, expr: Expr, scope: Scope) -> Value:
        """`(int)Status.Active`, `(long)1 << 40`, `(string)Name`: integral and string casts."""
        operand = self.evaluate(expr.parts[0], scope)
        target = (expr.value or "").replace("System.", "")
        if target in _INTEGRAL_CASTS and isinstance(operand, (int, float)) and not isinstance(operand, bool):
            return int(operand)
        if target in ("string", "String") and isinstance(operand, str):
            return operand
        declared = self.index.lookup(target, scope)
        if declared is not None and declared.kind == "enum" and isinstance(operand, int):
            return operand  # (MyEnum)3
        raise NotConstant(f"cannot evaluate cast `{expr.text}`")

    def _unary(self, expr: Expr, scope: Scope) -> Value:
        operand = self.evaluate(expr.parts[0], scope)
        if expr.value == "-" and isinstance(operand, (int, float)) and not isinstance(operand, bool):
            return -operand
        if expr.value == "+" and isinstance(operand, (int, float)):
            return operand
        if expr.value == "~" and isinstance(operand, int):
            return ~operand
        if expr.value == "!" and isinstance(operand, bool):
            return not operand
        raise NotConstant(f"cannot evaluate `{expr.text}`")

    def _named_constant(self, name: str, scope: Scope) -> Value:
        # Most names were found before (only qualified names are kept): tried first.
        key = (name, self.index.lookup_class(scope))
        found = self._qualified.get(key)
        if found is not None:
            return found
        if name in ("string.Empty", "String.Empty", "System.String.Empty"):
            return ""
        owner_name, _, member = name.rpartition(".")
        if owner_name:
            owner = self.index.lookup(owner_name, scope)
            if owner is None:
                raise NotConstant(f"`{owner_name}` is not declared in the given sources")
            found = self._member_constant(owner, member)
            if found is not None:
                self._qualified[key] = found
        else:
            found = self._constant_in_scope(member, scope)
        if found is None:
            raise NotConstant(f"constant `{name}` not found")
        return found

    def _constant_in_scope(self, member: str, scope: Scope) -> Value | None:
        """A simple name: the enclosing type, its bases, outer types, then `using static` types."""
        enclosing = scope.enclosing
        while enclosing:
            declared = self.index.types.get(enclosing)
            if declared is None:
                break
            found = self._member_constant(declared, member)
            if found is not None:
                return found
            containing = declared.decl.containing
            enclosing = _join(declared.namespace, ".".join(containing)) if containing else None
        for using in scope.usings:
            target = self.index.lookup(using.target, scope) if using.static else None
            found = self._member_constant(target, member) if target is not None else None
            if found is not None:
                return found
        return None

    def _member_constant(self, declared: DeclaredType, member: str) -> Value | None:
        cached = self._constants.get((declared.full_name, member))
        if cached is not None:
            return cached
        for current in self._with_bases(declared):
            if current.kind == "enum":
                values = self.enum_values(current)
                if member in values:
                    return values[member]
                continue
            for path, decl in current.parts:
                constant = next((c for c in decl.constants if c.name == member), None)
                if constant is not None:
                    return self._constant_value(current, member, constant.value, self.index.scope_of(path, decl))
        return None

    def _constant_value(self, owner: DeclaredType, member: str, expr: Expr, scope: Scope) -> Value:
        key = (owner.full_name, member)
        if key in self._constants:
            return self._constants[key]
        if key in self._in_progress:
            raise NotConstant(f"constant {owner.name}.{member} refers to itself")
        if len(self._in_progress) >= _MAX_CHAIN:
            raise NotConstant(f"constant {owner.name}.{member} is defined through more than {_MAX_CHAIN} constants")
        self._in_progress.add(key)
        try:
            value = self.evaluate(expr, scope)
        finally:
            self._in_progress.discard(key)
        self._constants[key] = value
        return value

    def _with_bases(self, declared: DeclaredType) -> List[DeclaredType]:
        chain = [declared]
        seen = {declared.full_name}
        current = declared
        while current.decl.bases:
            scope = self.index.scope_of(current.file, current.decl)
            base = self.index.lookup(current.decl.bases[0].name, scope)
            if base is None or base.full_name in seen:
                break
            chain.append(base)
            seen.add(base.full_name)
            current = base
        return chain


def _as_text(value: Value) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"  # C# bool.ToString()
    return str(value)


def _join(namespace: str, name: str) -> str:
    return f"{namespace}.{name}" if namespace else name
