"""What tree-sitter's error recovery lost: the declarations and attributes a file's text has that
the walker could not read, and the recovered types a syntax error is in or around.

Recovery keeps going after a syntax error, but what it makes of the text around it can drop a
whole class (a missing closing brace at the end of a file leaves the class as loose tokens), or
fold the next member into the previous one. Comparing the tree with what the walker kept finds
those. Run only on trees with errors (and on what an unterminated `#if` hides), so files without
errors pay nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Collection, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Set, Tuple

from schema_sync.csharp.syntax import Location, LostSyntax, TypeDeclSyntax

if TYPE_CHECKING:
    from tree_sitter import Node

TYPE_DECLARATIONS = {
    "class_declaration": "class",
    "struct_declaration": "struct",
    "record_declaration": "record",
    "record_struct_declaration": "record struct",
    "interface_declaration": "interface",
    "enum_declaration": "enum",
}
# The nodes the walker turns into members (`parameter`: a record's positional property).
_MEMBER_DECLARATIONS = frozenset({"property_declaration", "field_declaration", "indexer_declaration", "parameter"})
_TYPE_KEYWORDS = frozenset({"class", "struct", "interface", "enum", "record"})


@dataclass(frozen=True)
class Kept:
    """What the walker made of a tree: types by the location of their name, and the locations
    of the names of members (fields, properties, constants, positional parameters)."""

    types: Mapping[Location, TypeDeclSyntax]
    members: Collection[Location]
    attributes: Collection[Location]  # of the attributes read (on types, members, parameters)


@dataclass
class Losses:
    lost: List[LostSyntax] = field(default_factory=list)
    # Where the first syntax error is: outside every type (it can change any type's namespace,
    # usings, or end a type early), and in each top-level type (by its name's location; it can
    # change the type or the types nested in it).
    outside_types: Location | None = None
    in_type: Dict[Location, Location] = field(default_factory=dict)


NameOf = Callable[["Node"], str]
LocationOf = Callable[["Node"], Location]


def find_losses(
    root: Node,
    text: bytes,
    kept: Kept,
    name_of: NameOf,
    location_of: LocationOf,
    cause: str,
    everything: bool = False,
) -> Losses:
    """Losses in `root`'s tree, parsed from `text`. `everything`: every declaration in it counts
    (the tree of what an unterminated `#if` hides), not only those in or around syntax errors;
    its errors are not the file's."""
    finder = _Finder(kept, name_of, location_of, cause, everything)
    finder.run(root)
    finder.compare_with_text(text)
    return finder.losses


@dataclass
class _Loose:
    """A type header that recovery left as loose tokens, and what follows it in the same ERROR."""

    error: Node
    entry: LostSyntax
    attributes: List[str]


class _Step(NamedTuple):
    """A node to visit, in its innermost and outermost recovered types (by their names'
    locations), and whether it is part of a recovered declaration (its attribute lists are
    read with it); or, with `node` None, the end of the ERROR node `ended`."""

    node: Node | None
    container: Location | None = None
    top: Location | None = None
    ended: Node | None = None
    read: bool = False


class _Finder:
    def __init__(self, kept: Kept, name_of: NameOf, location_of: LocationOf, cause: str, everything: bool) -> None:
        self.kept = kept
        self.name_of = name_of
        self.location_of = location_of
        self.cause = cause
        self.everything = everything
        self.losses = Losses()
        self.pending: List[Tuple[str, Location]] = []  # attributes not yet known to be on anything
        self.pending_container: Location | None = None
        self.loose: _Loose | None = None
        self.seen: Set[Location] = set()  # the attributes and types found lost so far

    def run(self, root: Node) -> None:
        # Iterative and in source order (a stack of steps): broken input can nest deeply.
        stack: List[_Step] = [_Step(root)]
        while stack:
            step = stack.pop()
            if step.node is None:
                self._error_ended(step.ended)
            else:
                self._visit(step.node, step, stack)
        self._orphans()
        self._end_loose()

    def _visit(self, node: Node, step: _Step, stack: List[_Step]) -> None:
        kind = node.type
        if node.is_missing or kind == "ERROR":
            self._damage(step.top, self.location_of(node))
            if kind == "ERROR":
                stack.append(_Step(None, ended=node))
                self._push_children(node, step, stack)
        elif kind in TYPE_DECLARATIONS:
            self._type_declaration(node, step, stack)
        elif kind in _MEMBER_DECLARATIONS:
            self._member_declaration(node, step, stack)
        elif kind == "attribute_list" and step.read:
            if node.has_error:  # what was read of it may be wrong
                self._damage(step.top, self.location_of(node))
        elif kind == "attribute_list":
            self._pend(_attributes_in(node, self.name_of, self.location_of), step)
        elif kind in _TYPE_KEYWORDS and _is_loose(node) and _next_is_identifier(node):
            self._loose_type_header(node)
        elif kind == "[" and _is_loose(node) and _next_is_identifier(node):
            name_node = node.next_sibling
            assert name_node is not None
            self._pend([(self.name_of(name_node), self.location_of(name_node))], step)
        elif self.everything or node.has_error:
            self._push_children(node, step, stack)

    def _pend(self, attributes: Iterable[Tuple[str, Location]], step: _Step) -> None:
        """Attributes on what comes next, if anything does."""
        if not self.pending:
            self.pending_container = step.container
        for name, at in attributes:
            self.pending.append((name, at))
            self.seen.add(at)

    def _push_children(self, node: Node, step: _Step, stack: List[_Step], read: bool = False) -> None:
        stack.extend(_Step(c, step.container, step.top, None, read) for c in reversed(node.children))

    def _damage(self, top: Location | None, at: Location) -> None:
        if self.everything:
            return
        if top is None:
            self.losses.outside_types = self.losses.outside_types or at
        else:
            self.losses.in_type.setdefault(top, at)

    # -- declarations --------------------------------------------------------------------------

    def _type_declaration(self, node: Node, step: _Step, stack: List[_Step]) -> None:
        name_node = node.child_by_field_name("name")
        at = self.location_of(name_node) if name_node is not None else None
        if at is None or at not in self.kept.types:
            name = self.name_of(name_node) if name_node is not None else ""
            bases = tuple(self.name_of(b) for c in node.children if c.type == "base_list" for b in c.named_children)
            self._lost(TYPE_DECLARATIONS[node.type], name, node, at, step.container, bases)
            return
        self._orphans()
        if self.everything or node.has_error:
            # Its own attribute lists are read with it; what is inside it belongs to it.
            self._push_children(node, _Step(node, at, step.top or at), stack, read=True)

    def _member_declaration(self, node: Node, step: _Step, stack: List[_Step]) -> None:
        name_node = _member_name(node)
        at = self.location_of(name_node) if name_node is not None else None
        if at is not None and at in self.kept.members:
            self._orphans()
            if self.everything or node.has_error:
                self._push_children(node, step, stack, read=True)
        elif node.type != "parameter":  # a method's or constructor's parameter is no member
            self._lost("member", self.name_of(name_node) if name_node is not None else "", node, at, step.container)
        elif node.has_error:
            self._push_children(node, step, stack)

    def _lost(
        self,
        kind: str,
        name: str,
        node: Node,
        at: Location | None,
        container: Location | None,
        bases: Tuple[str, ...] = (),
    ) -> None:
        inside = list(_attributes_in(node, self.name_of, self.location_of))
        self.seen.update(at for _, at in inside)
        self.seen.update(_type_names_in(node, self.location_of))
        attributes = [n for n, _ in self.pending] + [n for n, _ in inside]
        self.pending = []
        if self.loose is not None:  # inside a type recovery left as loose tokens: part of it
            self.loose.attributes.extend(attributes)
            return
        location = at or self.location_of(node)
        owner = self._full_name(container)
        self.losses.lost.append(LostSyntax(kind, name, tuple(attributes), location, owner, bases, self.cause))

    def _full_name(self, container: Location | None) -> str | None:
        return self.kept.types[container].full_name if container is not None else None

    def _loose_type_header(self, keyword: Node) -> None:
        name_node = keyword.next_sibling
        parent = keyword.parent
        assert name_node is not None and parent is not None
        self._end_loose()
        after = name_node.next_sibling
        bases = tuple(self.name_of(b) for b in after.named_children) if after and after.type == "base_list" else ()
        name, at = self.name_of(name_node), self.location_of(name_node)
        entry = LostSyntax(keyword.type, name, (), at, None, bases, self.cause)
        self.seen.add(entry.location)
        self.loose = _Loose(parent, entry, [n for n, _ in self.pending])
        self.pending = []

    def _error_ended(self, error: Node | None) -> None:
        if self.loose is not None and self.loose.error == error:
            self._end_loose()

    def _end_loose(self) -> None:
        loose, self.loose = self.loose, None
        if loose is not None:
            loose.attributes.extend(n for n, _ in self.pending)
            self.pending = []
            self.losses.lost.append(replace(loose.entry, attributes=tuple(loose.attributes)))

    def _orphans(self) -> None:
        """Attributes on nothing recovered: lost, unless a loose type they follow takes them."""
        if not self.pending or self.loose is not None:
            return
        names = tuple(n for n, _ in self.pending)
        owner = self._full_name(self.pending_container)
        self.losses.lost.append(LostSyntax("attributes", "", names, self.pending[0][1], owner, (), self.cause))
        self.pending = []

    def compare_with_text(self, source: bytes) -> None:
        """What the text says beyond what the tree showed: recovery can turn tokens into other
        constructs (`[A(x)]` an element access, `pud class C` a variable named `class`) or skip
        them. Type headers and attributes in the text, outside comments and literals, that were
        neither read nor found lost above are lost too: an attribute with the lost type it
        precedes or follows (before the next type read), else on its own."""
        text = _COMMENT_OR_LITERAL.sub(lambda m: m.group(0).translate(_BLANKED), source)
        lines = _LineIndex(text)
        events: List[Tuple[Tuple[int, int], str, str]] = [((t.line, t.col), "read", "") for t in self.kept.types]
        for match in _TYPE_HEADER.finditer(text):
            at = lines.location(match.start(2))
            if at not in self.kept.types and at not in self.seen:
                events.append(((at.line, at.col), match.group(1).decode("ascii"), _name_text(match.group(2))))
        for match in _ATTRIBUTE_MENTION.finditer(text):
            at = lines.location(match.start(1))
            if at not in self.kept.attributes and at not in self.seen:
                events.append(((at.line, at.col), "attribute", _name_text(match.group(1))))
        events.sort()
        current: LostSyntax | None = None  # the lost type the attributes so far go with
        attributes: List[Tuple[str, Location]] = []
        for (line, col), kind, name in (*events, ((0, 0), "read", "")):
            at = Location(line, col)
            if kind == "attribute":
                attributes.append((name, at))
            elif kind != "read" and current is None:  # the attributes before it are its own
                current = LostSyntax(kind, name, (), at, None, (), self.cause)
            else:  # the attributes since `current` are on its members; or on nothing found
                self._text_loss(current, attributes)
                attributes = []
                current = LostSyntax(kind, name, (), at, None, (), self.cause) if kind != "read" else None

    def _text_loss(self, lost_type: LostSyntax | None, attributes: List[Tuple[str, Location]]) -> None:
        names = tuple(name for name, _ in attributes)
        if lost_type is not None:
            self.losses.lost.append(replace(lost_type, attributes=names))
        elif attributes:
            self.losses.lost.append(LostSyntax("attributes", "", names, attributes[0][1], None, (), self.cause))


def _name_text(written: bytes) -> str:
    return re.sub(rb"\s+", b"", written).decode("utf-8", "replace").replace("@", "")


class _LineIndex:
    """Byte offset -> Location in one text."""

    def __init__(self, text: bytes) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(rb"\n", text)]

    def location(self, offset: int) -> Location:
        line = bisect.bisect_right(self.starts, offset)
        return Location(line, offset - self.starts[line - 1] + 1)


# Comments and string or char literals (blanked before reading the text), a type header, and what
# looks like an attribute: a capitalised (dotted) name after `[`, before `(`, `]` or `,`. An
# unterminated comment or literal is not blanked (a char literal is one character or one escape):
# what it swallows is lost, and the scan must still see the declarations there, on its own line too.
_COMMENT_OR_LITERAL = re.compile(
    rb'//[^\n]*|/\*.*?\*/|@"(?:[^"]|"")*"|"(?:\\.|[^"\\\n])*"'
    rb"|'(?:\\(?:x[0-9A-Fa-f]{1,4}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[^xuU\n])|[^'\\\n])'",
    re.S,
)
_TYPE_HEADER = re.compile(
    rb"\b(class|struct|interface|enum|record)[ \t\r\n]+(?!(?:class|struct)\b)(@?[A-Za-z_\x80-\xff][\w\x80-\xff]*)"
)
_ATTRIBUTE_MENTION = re.compile(
    rb"\[[ \t\r\n]*((?:global::)?(?:[A-Za-z_]\w*[ \t]*\.[ \t]*)*[A-Z]\w*)(?=[ \t\r\n]*[(\],])"
)
_BLANKED = bytes(c if c in (10, 13) else 32 for c in range(256))  # line breaks kept


def _is_loose(node: Node) -> bool:
    """A token directly in an ERROR node: recovery did not make it part of a construct."""
    parent = node.parent
    return parent is not None and parent.type == "ERROR" and not node.is_named


def _next_is_identifier(node: Node) -> bool:
    following = node.next_sibling
    return following is not None and following.type == "identifier"


def _member_name(node: Node) -> Node | None:
    if node.type == "indexer_declaration":
        return node  # the walker locates an indexer by its start
    if node.type != "field_declaration":
        return node.child_by_field_name("name")
    declaration = next((c for c in node.named_children if c.type == "variable_declaration"), None)
    declarators = [c for c in declaration.named_children if c.type == "variable_declarator"] if declaration else []
    first = declarators[0] if declarators else None  # the walker locates each; one will do
    return (first.child_by_field_name("name") or first.named_children[0]) if first is not None else None


def _type_names_in(node: Node, location_of: LocationOf) -> Iterator[Location]:
    """The locations of the names of the types declared in `node` (itself included)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in TYPE_DECLARATIONS:
            name_node = current.child_by_field_name("name")
            if name_node is not None:
                yield location_of(name_node)
        stack.extend(c for c in current.named_children if c.has_error or c.type in _HAS_TYPES)


# What can declare types: checked for nested ones even when error-free.
_HAS_TYPES = frozenset({*TYPE_DECLARATIONS, "declaration_list", "namespace_declaration", "ERROR"})


def _attributes_in(node: Node, name_of: NameOf, location_of: LocationOf) -> Iterator[Tuple[str, Location]]:
    """The attributes written anywhere in `node`: parsed ones, and `[Name` left loose in ERRORs."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "attribute":
            name_node = current.child_by_field_name("name")
            if name_node is not None:
                yield name_of(name_node), location_of(current)
            continue
        if current.type == "[" and _is_loose(current) and _next_is_identifier(current):
            following = current.next_sibling
            assert following is not None
            yield name_of(following), location_of(following)
        stack.extend(reversed(current.children))
