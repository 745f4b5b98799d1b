"""What the steps of one resolution share: the input files and options, the declared types, the
constant evaluator, the diagnostics, and the caches of member lists and IR types."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Sequence, Set, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import Expr, FileSyntax, Location
from schema_sync.options import Options
from schema_sync.resolve.constants import ConstantEvaluator, NotConstant
from schema_sync.resolve.diagnostics import Diagnostics
from schema_sync.resolve.inheritance import Hierarchy, Member
from schema_sync.resolve.symbols import DeclaredType, Scope, TypeIndex
from schema_sync.resolve.types import Stored, is_scalar, stored, type_ref, walk_refs


class Context:
    def __init__(self, files: Sequence[FileSyntax], options: Options, stored_as_value: Iterable[str] = ()) -> None:
        self.files = sorted(files, key=lambda f: f.path)
        self.options = options
        self.conversion = ir.as_conversion(options.conversion)  # the models' default schema
        self.index = TypeIndex(self.files)
        self.constants = ConstantEvaluator(self.index)
        self.diagnostics = Diagnostics(d for f in self.files for d in f.diagnostics)
        self.hierarchy = Hierarchy(self.index, self.diagnostics)
        # Models stored inside another model (they need a parameterless constructor); a catalog
        # knows those that only other files reveal.
        self.used_as_value: Set[str] = set(stored_as_value)
        # Many members share a type, and most scopes resolve names alike (TypeIndex.lookup_class).
        # Keyed (type, lookup class), or (name, text, nullable) for a scalar: the same in every scope.
        self._type_refs: Dict[Tuple[object, ...], ir.TypeRef] = {}
        self._stored: Dict[Tuple[ir.TypeRef, ir.Conversion, bool], Stored] = {}
        self._resolvers: Dict[Scope, Callable[[str], DeclaredType | None]] = {}
        # (member, lower camel case, conversion) -> its attribute: types deriving from one base
        # share its Member objects (Hierarchy.members), and so the attributes built from them.
        self._member_models: Dict[Member, Tuple[str, ...]] = {}
        self.built_attributes: Dict[Tuple[Member, bool, str], ir.Attribute | None] = {}

    def error(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.diagnostics.error(message, path, location, hint)

    def warning(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.diagnostics.warning(message, path, location, hint)

    # -- types ---------------------------------------------------------------------------------

    def member_type(self, member: Member) -> ir.TypeRef:
        """The member's IR type (computed once per member, and once per type and lookup class)."""
        if member.ref is None:
            syntax = member.type
            key: Tuple[object, ...] = (
                (syntax.name, syntax.text, syntax.nullable)  # all that type_ref reads of a scalar (most types)
                if is_scalar(syntax)
                else (syntax, self.index.lookup_class(member.scope))
            )
            found = self._type_refs.get(key)
            if found is None:
                found = self._type_refs[key] = type_ref(syntax, self.resolver(member.scope))
            member.ref = found
        return member.ref

    def stored_type(self, ref: ir.TypeRef, conversion: ir.Conversion, oblivious: bool) -> Stored:
        """`types.stored`, once per distinct type: members share few types, and attributes then
        share their TypeRef objects, which a pickled model (see `forked`) carries once. On the
        1,000-file benchmark tree: resolving 0.29 -> 0.25 s CPU, pickling the models 0.10 -> 0.07 s."""
        key = (ref, conversion, oblivious)
        found = self._stored.get(key)
        if found is None:
            found = self._stored[key] = stored(ref, conversion, oblivious)
        return found

    def member_models(self, member: Member) -> Tuple[str, ...]:
        """Full names of the models the member's type mentions (type arguments included), depth
        first; discovery asks for each member many times."""
        found = self._member_models.get(member)
        if found is None:
            # Most members are scalars: their IR type is left to model building (in parallel).
            found = () if is_scalar(member.type) else tuple(_model_names(self.member_type(member)))
            self._member_models[member] = found
        return found

    def resolver(self, scope: Scope) -> Callable[[str], DeclaredType | None]:
        """Name -> declared type, as written in `scope`."""
        found = self._resolvers.get(scope)
        if found is None:
            lookup = self.index.lookup
            found = self._resolvers[scope] = lambda name: lookup(name, scope)
        return found

    # -- attribute arguments -------------------------------------------------------------------

    def string_argument(self, expr: Expr, path: str, location: Location, scope: Scope) -> str | None:
        if expr.kind == "string":
            return expr.value or ""  # most are literals: what `evaluate_string` returns, sooner
        try:
            return self.constants.evaluate_string(expr, scope)
        except NotConstant as problem:
            self.error(
                f"cannot resolve attribute argument: {problem}",
                path,
                location,
                "use a string literal or a const string",
            )
            return None

    def int_argument(self, expr: Expr, path: str, location: Location, scope: Scope) -> int | None:
        try:
            value = self.constants.evaluate(expr, scope)
        except NotConstant as problem:
            self.error(f"cannot resolve attribute argument: {problem}", path, location, "use an integer")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"attribute argument `{expr.text}` is not an integer", path, location)
            return None
        return value

    def bool_argument(self, expr: Expr, path: str, location: Location, scope: Scope) -> bool:
        try:
            value = self.constants.evaluate(expr, scope)
        except NotConstant as problem:
            self.error(f"cannot resolve attribute argument: {problem}", path, location, "use true or false")
            return False
        return value is True


def _model_names(ref: ir.TypeRef) -> List[str]:
    return [r.ref for r in walk_refs(ref) if r.kind == "model" and r.ref]
