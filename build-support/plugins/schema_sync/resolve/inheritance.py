"""Members as a model sees them: the chain of base classes, generic arguments substituted into
inherited member types, the most-derived declaration of each member, and attributes an
`override` inherits from the declaration it overrides."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, List, Set, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import AttributeSyntax, MemberSyntax, TypeSyntax
from schema_sync.resolve.diagnostics import Diagnostics
from schema_sync.resolve.sdk import dynamodb_attributes
from schema_sync.resolve.symbols import DeclaredType, Scope, TypeIndex

# [(type, generic substitution)] from a type up to its last declared base.
BaseChain = List[Tuple[DeclaredType, Dict[str, TypeSyntax]]]


@dataclass(eq=False)
class Member:
    """A member as seen from a model: generic arguments substituted, inherited attributes merged.

    Shared by the member lists of the types deriving from its declaring type without generic
    arguments (Hierarchy.members), so never modified but for `ref`; hashed by identity."""

    syntax: MemberSyntax
    owner: DeclaredType
    path: str
    scope: Scope
    type: TypeSyntax
    attributes: List[Tuple[str, AttributeSyntax]]
    ref: ir.TypeRef | None = None  # the IR type, computed once
    kinds: Set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.attributes:  # most members have none
            kinds = self.kinds
            for kind, _ in self.attributes:  # (a loop, not a generator: a member is built per type)
                kinds.add(kind)

    def of_kind(self, kind: str) -> List[AttributeSyntax]:
        return [a for k, a in self.attributes if k == kind]


class Hierarchy:
    """Base chains and member lists of the declared types (member lists are cached per type)."""

    def __init__(self, index: TypeIndex, diagnostics: Diagnostics) -> None:
        self.index = index
        self.diagnostics = diagnostics
        self._members: Dict[str, List[Member]] = {}
        self._declared: Dict[str, List[Member]] = {}  # a type's own members, no generic arguments
        self._chains: Dict[str, BaseChain] = {}  # discovery asks for each many times

    def base_chain(self, declared: DeclaredType, report: bool = True) -> BaseChain:
        """[(type, generic substitution)] from the type itself up to its last declared base
        (callers must not modify it: chains are cached); `report` warns of a base not given."""
        chain = self._chains.get(declared.full_name)
        if chain is None:
            chain = self._chains[declared.full_name] = self._base_chain(declared)
        if report:
            self._report_missing_base(chain[-1][0])
        return chain

    def _base_chain(self, declared: DeclaredType) -> BaseChain:
        # A generic definition's own parameters stay open: members typed `T` are "typeparam".
        own = {p: TypeSyntax(p, p, kind="typeparam") for p in declared.decl.type_parameters}
        chain: BaseChain = [(declared, own)]
        seen = {declared.full_name}
        while True:
            current, substitution = chain[-1]
            base = self._declared_base(current)
            if base is None or base.kind == "interface" or base.full_name in seen:
                return chain
            written = current.decl.bases[0].args
            arguments = tuple(substitute(a, substitution) for a in written) if written else ()
            chain.append((base, dict(zip(base.decl.type_parameters, arguments))))
            seen.add(base.full_name)

    def _declared_base(self, declared: DeclaredType) -> DeclaredType | None:
        """The declared type named by the first base of a class (None for enums: their underlying type)."""
        if not declared.decl.bases or declared.kind == "enum":
            return None
        return self.index.lookup(declared.decl.bases[0].name, self.index.scope_of(declared.file, declared.decl))

    def _report_missing_base(self, last: DeclaredType) -> None:
        """Warns when the last type of a chain names a base the sources do not declare."""
        if not last.decl.bases or last.kind == "enum" or self._declared_base(last) is not None:
            return
        base_syntax = last.decl.bases[0]
        if not _looks_like_interface(base_syntax.name):
            self.diagnostics.warning(
                f"base type {base_syntax.text} of {last.name} is not in the given sources; "
                "its members are unknown",
                last.file,
                last.decl.location,
                "include the file that declares it",
            )

    def members(self, declared: DeclaredType) -> List[Member]:
        """Persistable candidates: most-derived declaration wins; order is base-first."""
        cached = self._members.get(declared.full_name)
        if cached is None:
            chain = self.base_chain(declared, report=False)
            cached = self._extended_base_members(chain)
            if cached is None:
                cached = self._merged_members(chain)
            self._members[declared.full_name] = cached
        return cached

    def _extended_base_members(self, chain: BaseChain) -> List[Member] | None:
        """What `_merged_members` finds, from the base's member list (cached: many types derive
        from one base) and the type's own members, when the base is not generic (its list then
        has the member types this chain gives it) and its chain is the rest of this one; None
        otherwise. An own member overriding one the base list holds inherits from that one
        alone: it already carries what the levels below it would add."""
        base = chain[1][0] if len(chain) > 1 else None
        if base is None or base.decl.type_parameters:  # (`: Entity` may name `Entity<T>`)
            return None
        if len(self.base_chain(base, report=False)) != len(chain) - 1:
            return None  # a cycle through this type: the base's chain goes on past it
        inherited = self.members(base)
        result = list(inherited)
        position = {m.syntax.name: i for i, m in enumerate(inherited)}
        own: Dict[str, Member] = {}
        repeated: Dict[str, List[Member]] = {}  # own members after the first of their name
        _group_by_name(self._declared_members(*chain[0]), own, repeated)
        for name, member in own.items():
            index = position.get(name)
            if index is None and name not in repeated:
                result.append(member)  # most: a new name, declared once
                continue
            winner = _inherit_attributes(member, repeated.get(name, []) + ([] if index is None else [inherited[index]]))
            if index is None:
                result.append(winner)
            else:
                result[index] = winner
        return result

    def _merged_members(self, chain: BaseChain) -> List[Member]:
        winners: Dict[str, Member] = {}
        overridden: Dict[str, List[Member]] = {}
        for level, substitution in chain:
            _group_by_name(self._declared_members(level, substitution), winners, overridden)
        for name, bases in overridden.items():
            winners[name] = _inherit_attributes(winners[name], bases)
        order: List[str] = []
        ordered: Set[str] = set()
        for level, _ in reversed(chain):
            for _, decl in level.parts:
                for syntax in decl.members:
                    if syntax.name not in ordered:
                        ordered.add(syntax.name)
                        order.append(syntax.name)
        return [winners[name] for name in order]

    def _declared_members(self, level: DeclaredType, substitution: Dict[str, TypeSyntax]) -> List[Member]:
        """The members `level` declares, generic arguments substituted; without any, one list
        for every type deriving from it (discovery and attribute building then see the same
        Member objects, each type computed once)."""
        if substitution:
            return self._members_of(level, substitution)
        found = self._declared.get(level.full_name)
        if found is None:
            found = self._declared[level.full_name] = self._members_of(level, substitution)
        return found

    def _members_of(self, level: DeclaredType, substitution: Dict[str, TypeSyntax]) -> List[Member]:
        result = []
        for path, decl in level.parts:
            scope = self.index.scope_of(path, decl)
            for syntax in decl.members:
                attributes = dynamodb_attributes(syntax.attributes) if syntax.attributes else []
                member_type = substitute(syntax.type, substitution) if substitution else syntax.type
                result.append(Member(syntax, level, path, scope, member_type, attributes))
        return result


def substitute(syntax: TypeSyntax, substitution: Dict[str, TypeSyntax]) -> TypeSyntax:
    """`syntax` with generic type parameters replaced by the arguments a subclass gave them."""
    if not substitution:
        return syntax
    if syntax.kind == "named" and not syntax.args and syntax.name in substitution:
        target = substitution[syntax.name]
        if syntax.nullable and not target.nullable:
            return replace(target, nullable=True, text=target.text + "?")
        return target
    if not syntax.args:
        return syntax
    args = tuple(substitute(a, substitution) for a in syntax.args)
    if syntax.kind == "array":
        return replace(syntax, args=args, text=args[0].text + syntax.name + ("?" if syntax.nullable else ""))
    text = f"{syntax.name}<{', '.join(a.text for a in args)}>" + ("?" if syntax.nullable else "")
    return replace(syntax, args=args, text=text)


def _group_by_name(members: Iterable[Member], first: Dict[str, Member], later: Dict[str, List[Member]]) -> None:
    """Each name's first member into `first`, the ones after it of that name into `later`."""
    for member in members:
        name = member.syntax.name
        if name in first:
            later.setdefault(name, []).append(member)
        else:
            first[name] = member


def _inherit_attributes(winner: Member, bases: List[Member]) -> Member:
    """An `override` inherits the base declaration's attributes of kinds it does not repeat
    (GetCustomAttributes(inherit: true) with AllowMultiple=false): a new Member when it does
    (the winner's is shared, see Hierarchy._declared_members)."""
    if "override" not in winner.syntax.modifiers:
        return winner
    attributes = list(winner.attributes)
    kinds = set(winner.kinds)
    for base in bases:
        inherited = [(k, a) for k, a in base.attributes if k not in kinds]
        attributes.extend(inherited)
        kinds.update(k for k, _ in inherited)
        if "override" not in base.syntax.modifiers:
            break
    if len(attributes) == len(winner.attributes):
        return winner
    return Member(winner.syntax, winner.owner, winner.path, winner.scope, winner.type, attributes)


def _looks_like_interface(name: str) -> bool:
    simple = name.rsplit(".", 1)[-1]
    return simple in ("object", "Object") or (len(simple) > 1 and simple[0] == "I" and simple[1].isupper())
