"""tree-sitter-c-sharp -> syntax facts for one file. Knows C# syntax, nothing about DynamoDB.

tree-sitter is imported lazily: this module is imported by the Pants plugin at start-up, where
an import error must not break every command. One Parser per thread (parsers are not
thread-safe and Pants runs rules on several threads).
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Iterator, List, Set, Tuple, TypeVar

from schema_sync.csharp.encoding import ascii_identifiers, decode_source, line_and_column
from schema_sync.csharp.preprocess import NullableContext, Preprocessed, preprocess
from schema_sync.csharp.recovery import TYPE_DECLARATIONS as _TYPE_DECLARATIONS
from schema_sync.csharp.recovery import Kept, Losses, find_losses
from schema_sync.csharp.sharing import shared
from schema_sync.csharp.syntax import (
    PREDEFINED_TYPES,
    AttributeSyntax,
    ConstantSyntax,
    ConstructorSyntax,
    EnumMemberSyntax,
    Expr,
    FileSyntax,
    Location,
    LostSyntax,
    MemberSyntax,
    MethodSyntax,
    TypeDeclSyntax,
    TypeSyntax,
    UsingSyntax,
)
from schema_sync.ir import Diagnostic, Severity

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

_MAX_SYNTAX_WARNINGS = 20
_MAX_NESTING = 200
_local = threading.local()


def _parser() -> Parser:
    parser: Parser | None = getattr(_local, "parser", None)
    if parser is None:
        import tree_sitter
        import tree_sitter_c_sharp

        parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_c_sharp.language()))
        _local.parser = parser
    return parser


def parse_tree(content: bytes) -> Any:
    """The raw tree-sitter tree (no preprocessing); used by benchmarks and debugging."""
    return _parser().parse(content)


def parse_file(path: str, content: bytes) -> FileSyntax:
    decoded = decode_source(content)
    pre = preprocess(decoded.text)
    # The parser reads names spelt in ASCII, the walker the names as written (same offsets).
    tree = _parser().parse(ascii_identifiers(pre.text))
    walker = _FileWalker(path, pre.text, pre.nullable)
    if decoded.problem is not None:
        walker.error(f"cannot read the file: {decoded.problem}", Location(*line_and_column(pre.text, decoded.offset)))
    for line, message in pre.problems:
        walker.warn(message, Location(line, 1))
    walker.report_syntax_errors(tree.root_node)
    walker.walk_unit(tree.root_node)
    types, lost = _with_losses(tree.root_node, walker, pre)
    return FileSyntax(
        path=path,
        usings=tuple(walker.usings),
        types=types,
        diagnostics=tuple(walker.diagnostics),
        referenced_type_names=tuple(sorted(walker.referenced)),
        namespaces=tuple(sorted(walker.namespaces)),
        lost=lost,
    )


def _with_losses(
    root: Node, walker: _FileWalker, pre: Preprocessed
) -> Tuple[Tuple[TypeDeclSyntax, ...], Tuple[LostSyntax, ...]]:
    """The walker's types, each with the syntax error in or around it, and what recovery (or an
    unterminated `#if`) lost; see `recovery`. Nothing to do in files without either."""
    types = tuple(walker.types)
    if not root.has_error and pre.unterminated is None:
        return types, ()
    kept = Kept(
        types={t.location: t for t in types},
        members={m.location for t in types for m in t.members} | {c.location for t in types for c in t.constants},
        attributes={
            a.location
            for t in types
            for a in (*t.every_attribute(), *(p for m in t.members for p in m.parameter_attributes))
        },
    )
    found = find_losses(root, pre.text, kept, walker.name, _location, "a syntax error") if root.has_error else Losses()
    if pre.unterminated is not None:
        hidden_text = pre.unterminated.text
        hidden = _parser().parse(ascii_identifiers(hidden_text)).root_node
        # Another text, same offsets: the walker's text reader does not apply to it.
        cause = f"the unterminated #if on line {pre.unterminated.line}"
        read_name = _name_reader(hidden_text)
        found.lost.extend(find_losses(hidden, hidden_text, kept, read_name, _location, cause, everything=True).lost)
        # C# rejects the file (CS1027): like a syntax error, it can change any type in it.
        found.outside_types = found.outside_types or Location(pre.unterminated.line, 1)
    # The syntax error that can change a type: one in its top-level type (the types nested in it
    # included: a brace too few or too many moves members between them), else one outside every
    # type (it can change any type's namespace or usings, or end one early).
    top_level = {(t.namespace, t.name): t.location for t in types if not t.containing}
    with_errors = []
    for decl in types:
        top = top_level.get((decl.namespace, decl.containing[0]), decl.location) if decl.containing else decl.location
        error = found.in_type.get(top) or found.outside_types
        with_errors.append(replace(decl, syntax_error=error) if error is not None else decl)
    return tuple(with_errors), tuple(found.lost)


_TextOf = Callable[["Node"], str]


def _text_reader(content: bytes) -> _TextOf:
    """Node -> its source text (what `node.text.decode()` gives). Every node's text is read, some
    several times: slicing one str decoded up front is about twice as cheap as `node.text`,
    which copies the bytes out of the tree first. Columns are bytes, hence ASCII sources only."""
    if content.isascii():
        decoded = content.decode("ascii")

        def ascii_text(node: Node) -> str:
            return decoded[node.start_byte : node.end_byte]

        return ascii_text

    def utf8_text(node: Node) -> str:
        return content[node.start_byte : node.end_byte].decode("utf-8", "replace")

    return utf8_text


def _name_reader(content: bytes) -> Callable[[Node], str]:
    text_of = _text_reader(content)
    return lambda node: _name_of(text_of(node))


def _location(node: Node) -> Location:
    row, col = node.start_point
    return shared(("location", row, col), lambda: Location(row + 1, col + 1))


def _name_of(written: str) -> str:
    """A name as C# reads it: `global::App.X` is `App.X`, and the verbatim identifier `@class`
    (a keyword as a name) is `class`, the name .NET's reflection, and so the SDK, sees."""
    name = written[len("global::") :] if written.startswith("global::") else written
    return name.replace("@", "") if "@" in name else name


class _FileWalker:
    """Walks one tree top-down: declarations, and in method bodies only the statements that
    can hold a `return`."""

    def __init__(self, path: str, content: bytes, nullable: NullableContext) -> None:
        self.path = path
        self._text = _text_reader(content)
        self.nullable = nullable
        self.usings: List[UsingSyntax] = []
        self.types: List[TypeDeclSyntax] = []
        self.diagnostics: List[Diagnostic] = []
        self.referenced: Set[str] = set()
        self.namespaces: Set[str] = set()
        self.nesting = 0  # expression/type depth, bounded so deep input cannot exhaust the stack
        self.reported_too_deep = False

    # -- diagnostics ---------------------------------------------------------------------------

    def warn(self, message: str, location: Location) -> None:
        self._report("warning", message, location)

    def error(self, message: str, location: Location) -> None:
        self._report("error", message, location)

    def _report(self, severity: Severity, message: str, location: Location) -> None:
        self.diagnostics.append(
            Diagnostic(severity=severity, message=message, file=self.path, line=location.line, col=location.col)
        )

    def name(self, node: Node) -> str:
        """The name an identifier (or dotted name) node declares or refers to."""
        return _name_of(self._text(node))

    def report_syntax_errors(self, root: Node) -> None:
        if not root.has_error:
            return
        for count, node in enumerate(_error_nodes(root)):
            if count == _MAX_SYNTAX_WARNINGS:
                self.warn("more syntax errors follow (not reported)", _location(node))
                return
            what = f"missing {node.type!r}" if node.is_missing else "unparsable code"
            self.warn(f"syntax error: {what}; declarations around it are still read", _location(node))

    # -- compilation unit and namespaces -------------------------------------------------------

    def walk_unit(self, root: Node) -> None:
        self._walk_declarations(root, "", ())

    def _walk_declarations(self, container: Node, namespace: str, containing: Tuple[str, ...]) -> None:
        """Declarations directly in a compilation unit, namespace body or ERROR node."""
        for child, kind, comments in _after_comments(container):
            if kind in _TYPE_DECLARATIONS:
                self._type_declaration(child, namespace, containing, comments)
            elif kind == "using_directive":
                self._using(child)
            elif kind == "namespace_declaration":
                name = self.name(child.child_by_field_name("name") or child)
                inner = _join(namespace, name)
                self.namespaces.add(inner)
                body = child.child_by_field_name("body")
                if body is not None:
                    self._walk_declarations(body, inner, ())
            elif kind == "file_scoped_namespace_declaration":
                # The grammar makes the following declarations siblings, not children.
                namespace = self.name(child.child_by_field_name("name") or child)
                self.namespaces.add(namespace)
                self._walk_declarations(child, namespace, containing)
            elif kind in ("ERROR", "declaration_list"):
                self._walk_declarations(child, namespace, containing)

    def _using(self, node: Node) -> None:
        text = self._text(node)
        found = _shared_by_text(("using", text), node, text, lambda: self._using_syntax(node))
        self.usings.append(found)
        if found.alias is not None or found.static:
            self.referenced.add(found.target)

    def _using_syntax(self, node: Node) -> UsingSyntax:
        alias_node = node.child_by_field_name("name")
        names = [c for c in node.named_children if c.type != "identifier" or c != alias_node]
        target = self.name(names[-1]) if names else ""
        keywords = {c.type for c in node.children if not c.is_named}
        alias = self.name(alias_node) if alias_node is not None else None
        return UsingSyntax(target, alias, "static" in keywords, "global" in keywords)

    # -- type declarations ---------------------------------------------------------------------

    def _type_declaration(self, node: Node, namespace: str, containing: Tuple[str, ...], comments: List[Node]) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        name = self.name(name_node)
        kind = _TYPE_DECLARATIONS[node.type]
        if kind == "record" and any(c.type == "struct" for c in node.children):
            kind = "record struct"
        parts = _DeclParts()
        for child in node.children:
            self._collect_decl_part(child, kind, parts)
        declared = _Body()
        enum_members: List[EnumMemberSyntax] = []
        body = node.child_by_field_name("body")
        if body is not None and kind == "enum":
            enum_members = self._enum_members(body)
        elif body is not None:
            self._members(body, namespace, (*containing, name), declared)
        if parts.parameters is not None:
            self._primary_constructor(parts.parameters, kind, declared)
        self.types.append(
            TypeDeclSyntax(
                kind=kind,
                name=name,
                namespace=namespace,
                containing=containing,
                modifiers=_shared_modifiers(parts.modifiers),
                type_parameters=tuple(parts.type_parameters),
                bases=tuple(parts.bases),
                attributes=tuple(parts.attributes),
                members=tuple(declared.members),
                constants=tuple(declared.constants),
                enum_members=tuple(enum_members),
                constructors=tuple(declared.constructors),
                location=_location(name_node),
                has_primary_constructor=parts.primary_constructor,
                doc=_doc_comment(comments, self._text),
                methods=tuple(declared.methods),
            )
        )

    def _collect_decl_part(self, child: Node, kind: str, parts: _DeclParts) -> None:
        if child.type == "modifier":
            parts.modifiers.append(self._text(child))
        elif child.type == "attribute_list":
            parts.attributes.extend(self._attribute_list(child, _ON_TYPE))
        elif child.type == "type_parameter_list":
            parts.type_parameters.extend(
                self.name(p.child_by_field_name("name") or p)
                for p in child.named_children
                if p.type == "type_parameter"
            )
        elif child.type == "base_list":
            for base in child.named_children:
                if base.type == "primary_constructor_base_type":
                    base = base.named_children[0] if base.named_children else base
                parts.bases.append(self._type(base))
        elif child.type == "parameter_list" and kind != "enum":
            parts.primary_constructor = True
            parts.parameters = child

    def _primary_constructor(self, parameters: Node, kind: str, declared: _Body) -> None:
        """`record R(string Id)`, `class C()`: a public constructor; a record's parameters are
        also public properties (`{ get; init; }`, `{ get; set; }` in a record struct) unless the
        body declares a member of that name, with the attributes written `[property: ...]`."""
        written = _parameters(parameters)
        declared.constructors.insert(0, ConstructorSyntax(_shared_modifiers(["public"]), self._types_of(written)))
        if kind not in ("record", "record struct"):
            return
        in_body = {m.name for m in declared.members} | {c.name for c in declared.constants}
        positional = [
            self._positional_property(p)
            for p in written
            if p.name is not None and p.type is not None and self.name(p.name) not in in_body
        ]
        declared.members[:0] = positional

    # -- members -------------------------------------------------------------------------------

    def _members(self, body: Node, namespace: str, containing: Tuple[str, ...], out: _Body) -> None:
        for child, kind, comments in _after_comments(body):
            if kind in ("property_declaration", "indexer_declaration"):
                member = self._property(child, comments)
                if member is not None:
                    out.members.append(member)
            elif kind == "field_declaration":
                self._field_declaration(child, comments, out.members, out.constants)
            elif kind == "method_declaration":
                out.methods.append(self._method(child))
            elif kind == "constructor_declaration":
                out.constructors.append(self._constructor(child))
            elif kind in _TYPE_DECLARATIONS:
                self._type_declaration(child, namespace, containing, comments)
            elif kind == "ERROR":
                # Error recovery can wrap well-formed members; keep whatever is recognisable.
                self._members(child, namespace, containing, out)

    def _property(self, node: Node, comments: List[Node]) -> MemberSyntax | None:
        """A property, or an indexer (kind "indexer", named `Item` as reflection names it)."""
        is_indexer = node.type == "indexer_declaration"
        name_node = node if is_indexer else node.child_by_field_name("name")
        type_node = node.child_by_field_name("type")
        if name_node is None or type_node is None:
            return None
        modifiers: List[str] = []
        attributes: List[AttributeSyntax] = []
        has_getter = has_setter = explicit = False
        initializer: Expr | None = None
        for child in node.children:
            kind = child.type
            if kind == "modifier":
                modifiers.append(self._text(child))
            elif kind == "attribute_list":
                attributes.extend(self._attribute_list(child, _ON_PROPERTY))
            elif kind == "accessor_list":
                getter, setter = self._accessors(child)
                has_getter, has_setter = has_getter or getter, has_setter or setter
            elif kind == "arrow_expression_clause":
                has_getter = True  # expression-bodied: get-only
            elif kind == "explicit_interface_specifier":
                explicit = True
        value = node.child_by_field_name("value")
        if value is not None and value.type != "arrow_expression_clause":
            initializer = self._expr(value)
        location = _location(name_node)
        return MemberSyntax(
            kind="indexer" if is_indexer else "property",
            name="Item" if is_indexer else self.name(name_node),
            type=self._type(type_node),
            modifiers=_shared_modifiers(modifiers),
            attributes=tuple(attributes),
            location=location,
            has_getter=has_getter,
            has_setter=has_setter,
            initializer=initializer,
            nullable_context=self.nullable.at(location.line),
            explicit_interface=explicit,
            doc=_doc_comment(comments, self._text),
        )

    def _accessors(self, node: Node) -> Tuple[bool, bool]:
        """Whether an accessor list has a `get`, and a `set` or `init`."""
        text = self._text(node)
        return _shared_by_text(("accessors", text), node, text, lambda: self._accessor_keywords(node))

    def _accessor_keywords(self, node: Node) -> Tuple[bool, bool]:
        keywords = {self._text(a.child_by_field_name("name") or a) for a in node.named_children}
        return "get" in keywords, not keywords.isdisjoint(("set", "init"))

    def _field_declaration(
        self, node: Node, comments: List[Node], members: List[MemberSyntax], constants: List[ConstantSyntax]
    ) -> None:
        modifiers, attributes = self._modifiers_and_attributes(node)
        declaration = next((c for c in node.named_children if c.type == "variable_declaration"), None)
        type_node = declaration.child_by_field_name("type") if declaration is not None else None
        if declaration is None or type_node is None:
            return
        type_syntax = self._type(type_node)
        doc = _doc_comment(comments, self._text)
        for declarator in declaration.named_children:
            if declarator.type != "variable_declarator":
                continue
            name_node = declarator.child_by_field_name("name") or declarator.named_children[0]
            value_node = _declarator_value(declarator)
            initializer = self._expr(value_node) if value_node is not None else None
            location = _location(name_node)
            if "const" in modifiers and initializer is not None:
                constants.append(ConstantSyntax(self.name(name_node), type_syntax, initializer, location))
                continue
            members.append(
                MemberSyntax(
                    kind="field",
                    name=self.name(name_node),
                    type=type_syntax,
                    modifiers=modifiers,
                    attributes=attributes,
                    location=location,
                    initializer=initializer,
                    nullable_context=self.nullable.at(location.line),
                    doc=doc,
                )
            )

    def _method(self, node: Node) -> MethodSyntax:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        returns: List[Expr] = []
        if body is not None and body.type == "arrow_expression_clause":
            returns.extend(self._expr(e) for e in body.named_children[:1])
        elif body is not None:
            returns.extend(self._expr(e) for e in _return_expressions(body))
        return MethodSyntax(self.name(name_node) if name_node is not None else "", tuple(returns))

    def _positional_property(self, parameter: _Parameter) -> MemberSyntax:
        assert parameter.name is not None and parameter.type is not None
        location = _location(parameter.name)
        on_property: List[AttributeSyntax] = []
        on_parameter: List[AttributeSyntax] = []
        for attribute_list in parameter.attribute_lists:
            on_property.extend(self._attribute_list(attribute_list, _ON_POSITIONAL_PROPERTY))
            on_parameter.extend(self._attribute_list(attribute_list, _ON_PARAMETER))
        return MemberSyntax(
            kind="property",
            name=self.name(parameter.name),
            type=self._type(parameter.type),
            modifiers=_shared_modifiers(["public"]),
            attributes=tuple(on_property),
            location=location,
            has_getter=True,
            has_setter=True,
            nullable_context=self.nullable.at(location.line),
            parameter_attributes=tuple(on_parameter),
        )

    def _constructor(self, node: Node) -> ConstructorSyntax:
        modifiers = _shared_modifiers([self._text(c) for c in node.children if c.type == "modifier"])
        parameters = node.child_by_field_name("parameters")
        written = _parameters(parameters) if parameters is not None else []
        return ConstructorSyntax(modifiers, self._types_of(written))

    def _types_of(self, parameters: List[_Parameter]) -> Tuple[str, ...]:
        return tuple(self._text(p.type) if p.type is not None else "" for p in parameters)

    def _modifiers_and_attributes(self, node: Node) -> Tuple[Tuple[str, ...], Tuple[AttributeSyntax, ...]]:
        modifiers: List[str] = []
        attributes: List[AttributeSyntax] = []
        for child in node.children:
            if child.type == "modifier":
                modifiers.append(self._text(child))
            elif child.type == "attribute_list":
                attributes.extend(self._attribute_list(child, _ON_FIELD))
        return _shared_modifiers(modifiers), tuple(attributes)

    def _enum_members(self, body: Node) -> List[EnumMemberSyntax]:
        result: List[EnumMemberSyntax] = []
        for child, kind, comments in _after_comments(body):
            if kind != "enum_member_declaration":
                continue
            name_node = child.child_by_field_name("name")
            if name_node is None:
                continue
            value = child.child_by_field_name("value")
            result.append(
                EnumMemberSyntax(
                    name=self.name(name_node),
                    value=self._expr(value) if value is not None else None,
                    location=_location(name_node),
                    doc=_doc_comment(comments, self._text),
                )
            )
        return result

    # -- attributes ----------------------------------------------------------------------------

    def _attribute_list(self, node: Node, targets: FrozenSet[str]) -> List[AttributeSyntax]:
        """The attributes of `[...]` if its target (`property:`; "" when none is written) is one of
        `targets`, those that apply to the declaration it is written on; else none."""
        children = node.named_children
        targeted = bool(children) and children[0].type == "attribute_target_specifier"
        if (self._text(children[0]).rstrip(":").strip() if targeted else "") not in targets:
            return []  # `[return: ...]`, `[field: ...]` on a property, ...
        result = []
        for attribute in children:
            if attribute.type != "attribute":
                continue
            name_node = attribute.child_by_field_name("name")
            if name_node is None:
                continue
            positional: List[Expr] = []
            named: List[Tuple[str, Expr]] = []
            for arguments in attribute.named_children:
                if arguments.type == "attribute_argument_list":
                    self._attribute_arguments(arguments, positional, named)
            name = self.name(name_node)
            result.append(AttributeSyntax(name, tuple(positional), tuple(named), _location(attribute)))
        return result

    def _attribute_arguments(self, node: Node, positional: List[Expr], named: List[Tuple[str, Expr]]) -> None:
        for argument in node.named_children:
            inner = argument.named_children if argument.type == "attribute_argument" else None
            if not inner:
                continue
            # `Name = value` parses as an assignment; `name: value` as name_colon + value.
            if inner[0].type == "assignment_expression":
                left, right = inner[0].child_by_field_name("left"), inner[0].child_by_field_name("right")
                if left is not None and right is not None:
                    named.append((self.name(left), self._expr(right)))
            elif inner[0].type == "name_colon" and len(inner) > 1:
                named.append((_name_of(self._text(inner[0]).rstrip(":").strip()), self._expr(inner[1])))
            else:
                positional.append(self._expr(inner[-1]))

    # -- types ---------------------------------------------------------------------------------

    def _type(self, node: Node) -> TypeSyntax:
        if self.nesting >= _MAX_NESTING:
            self._too_deep(node)
            return TypeSyntax(self._text(node), self._text(node), (), False, "other")
        kind = node.type
        text = self._text(node)
        if kind in ("predefined_type", "identifier"):  # no nested types: depth does not matter
            found = _leaf_type(text)
            if found.name not in PREDEFINED_TYPES:
                self.referenced.add(found.name)
            return found
        # Each nested type is a strict part of its parent's text, so a type of at most
        # `_MAX_NESTING - nesting` characters cannot reach the limit; without errors its parse is
        # then a function of (kind, text) alone, and can be shared with its referenced names.
        if len(text) > _MAX_NESTING - self.nesting or node.has_error:
            return self._nested_type(node, kind, text)
        written, names_referenced = shared(("written type", kind, text), lambda: self._type_and_names(node, kind, text))
        self.referenced.update(names_referenced)
        return written

    def _type_and_names(self, node: Node, kind: str, text: str) -> Tuple[TypeSyntax, Tuple[str, ...]]:
        """`_nested_type`, and the names it references (shared with it: see `_type`)."""
        outer = self.referenced
        self.referenced = set()
        try:
            written = self._nested_type(node, kind, text)
        finally:
            names, self.referenced = self.referenced, outer
        return written, tuple(names)

    def _nested_type(self, node: Node, kind: str, text: str) -> TypeSyntax:
        """A type that may contain types (one stack frame per level, as deep input recurses)."""
        self.nesting += 1
        try:
            if kind == "nullable_type":
                inner = self._type(node.child_by_field_name("type") or node.named_children[0])
                return TypeSyntax(inner.name, text, inner.args, True, inner.kind)
            if kind == "array_type":
                element = self._type(node.child_by_field_name("type") or node.named_children[0])
                rank = node.child_by_field_name("rank")
                dimensions = self._text(rank).count(",") + 1 if rank is not None else 1
                return TypeSyntax(f"[{',' * (dimensions - 1)}]", text, (element,), False, "array")
            if kind in ("qualified_name", "generic_name", "alias_qualified_name"):
                name, args = self._named_type(node, kind, text)
                if name not in PREDEFINED_TYPES:
                    self.referenced.add(name)
                return TypeSyntax(name, text, args)
            return TypeSyntax(text, text, (), False, "other")
        finally:
            self.nesting -= 1

    def _named_type(self, node: Node, kind: str, text: str) -> Tuple[str, Tuple[TypeSyntax, ...]]:
        """Dotted name without type arguments, plus the type arguments of the last segment;
        `kind` and `text` are the node's (callers have them already)."""
        if kind == "generic_name":
            identifier = next((c for c in node.named_children if c.type == "identifier"), node)
            type_args = next((c for c in node.named_children if c.type == "type_argument_list"), None)
            args = tuple(self._type(a) for a in type_args.named_children) if type_args is not None else ()
            return self.name(identifier), args
        if kind == "qualified_name":
            segments: List[Node] = []  # iterative: `A.B.C...` chains can be arbitrarily long
            current: Node | None = node
            current_kind = kind
            while current is not None and current_kind == "qualified_name":
                last = current.child_by_field_name("name")
                if last is None:
                    return _name_of(text), ()
                segments.append(last)
                current = current.child_by_field_name("qualifier")
                current_kind = current.type if current is not None else ""
            if current is None:
                return _name_of(text), ()
            name, args = self._segment(segments[0])
            middle = [self._segment(segment)[0] for segment in reversed(segments[1:])]
            return ".".join([self._segment(current, current_kind)[0], *middle, name]), args
        if kind == "alias_qualified_name":
            last = node.child_by_field_name("name")
            if last is not None:
                return self._segment(last)
        return _name_of(text), ()

    def _segment(self, node: Node, kind: str | None = None) -> Tuple[str, Tuple[TypeSyntax, ...]]:
        return self._named_type(node, node.type if kind is None else kind, self._text(node))

    # -- expressions ---------------------------------------------------------------------------

    def _expr(self, node: Node) -> Expr:
        if self.nesting >= _MAX_NESTING:
            self._too_deep(node)
            return Expr("other", self._text(node))
        kind = node.type
        leaf = _LEAF_EXPRESSIONS.get(kind)
        if leaf is not None:
            return self._leaf_expr(node, kind, leaf)
        handler = _EXPRESSION_HANDLERS.get(kind)
        if handler is None:
            return Expr("other", self._text(node))
        self.nesting += 1
        try:
            return handler(self, node)
        finally:
            self.nesting -= 1

    def _too_deep(self, node: Node) -> None:
        if not self.reported_too_deep:
            self.reported_too_deep = True
            self.warn(f"nesting deeper than {_MAX_NESTING} levels is not analysed", _location(node))

    def _leaf_expr(self, node: Node, kind: str, make: _LeafHandler) -> Expr:
        """Literals and names contain no expression: a function of (kind, text) without errors."""
        text = self._text(node)
        found = _shared_by_text(("expression", kind, text), node, text, lambda: make(node, text, self._text))
        self._refer_to_owner(found)
        return found

    def _refer_to_owner(self, expr: Expr) -> None:
        name = expr.value
        if expr.kind == "name" and name is not None and "." in name:
            owner = name.rsplit(".", 1)[0]
            if owner not in PREDEFINED_TYPES:
                self.referenced.add(owner)  # `TableNames.Goals` -> `TableNames`

    def _invocation(self, node: Node) -> Expr:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        args = tuple(self._expr(a.named_children[-1]) for a in _arguments(arguments))
        callee = self._text(function) if function is not None else ""
        if callee == "nameof" and len(args) == 1:
            target = _dotted_name_text(args[0])
            if target is not None:
                self.referenced.add(target)
                if "." in target:
                    self.referenced.add(target.rsplit(".", 1)[0])
                return Expr("nameof", self._text(node), target)
        if function is not None and function.type == "member_access_expression":
            callee_owner = function.child_by_field_name("expression") or function
            self._refer_to_owner(_name_expr(callee_owner, self._text(callee_owner), self._text))
        return Expr("invocation", self._text(node), callee, args)

    def _binary(self, node: Node) -> Expr:
        left = node.child_by_field_name("left")
        operator = node.child_by_field_name("operator")
        right = node.child_by_field_name("right")
        if left is None or right is None or operator is None:
            return Expr("other", self._text(node))
        return Expr("binary", self._text(node), self._text(operator), (self._expr(left), self._expr(right)))

    def _unary(self, node: Node) -> Expr:
        operand = node.named_children[-1] if node.named_children else None
        operator = self._text(node.children[0]) if node.children else ""
        if operand is None:
            return Expr("other", self._text(node))
        return Expr("unary", self._text(node), operator, (self._expr(operand),))

    def _typeof(self, node: Node) -> Expr:
        type_node = node.child_by_field_name("type") or (node.named_children[0] if node.named_children else None)
        if type_node is None:
            return Expr("other", self._text(node))
        return Expr("typeof", self._text(node), self._type(type_node).text)

    def _creation(self, node: Node) -> Expr:
        type_node = node.child_by_field_name("type")
        type_text = self._type(type_node).text if type_node is not None else ""
        args = tuple(self._expr(a.named_children[-1]) for a in _arguments(node.child_by_field_name("arguments")))
        initializer = node.child_by_field_name("initializer")
        elements = tuple(self._expr(e) for e in initializer.named_children) if initializer is not None else ()
        return Expr("new", self._text(node), type_text, args + elements)

    def _collection(self, node: Node) -> Expr:
        """`[]`, `[a, b]` (C# 12, mis-parsed as element binding), `new[] {..}`, `new T[0]`."""
        elements: List[Expr] = []
        for child in node.named_children:
            if child.type == "argument" and self._text(child):
                elements.append(self._expr(child.named_children[-1]))
            elif child.type == "initializer_expression":
                elements.extend(self._expr(e) for e in child.named_children)
            elif child.type == "array_type":
                self._type(child)
        return Expr("collection", self._text(node), None, tuple(elements))

    def _cast(self, node: Node) -> Expr:
        type_node, value = node.child_by_field_name("type"), node.child_by_field_name("value")
        if type_node is None or value is None:
            return Expr("other", self._text(node))
        return Expr("cast", self._text(node), self._type(type_node).text, (self._expr(value),))

    def _parenthesized(self, node: Node) -> Expr:
        inner = node.named_children[0] if node.named_children else None
        return self._expr(inner) if inner is not None else Expr("other", self._text(node))


class _Body:
    """Collects what a type body declares."""

    def __init__(self) -> None:
        self.members: List[MemberSyntax] = []
        self.constants: List[ConstantSyntax] = []
        self.constructors: List[ConstructorSyntax] = []
        self.methods: List[MethodSyntax] = []


class _DeclParts:
    def __init__(self) -> None:
        self.modifiers: List[str] = []
        self.attributes: List[AttributeSyntax] = []
        self.type_parameters: List[str] = []
        self.bases: List[TypeSyntax] = []
        self.primary_constructor = False
        self.parameters: Node | None = None  # the primary constructor's


class _Parameter:
    """One parameter of a parameter list: its attribute lists, type and name nodes."""

    def __init__(self, attribute_lists: List[Node], type_node: Node | None, name: Node | None) -> None:
        self.attribute_lists = attribute_lists
        self.type = type_node
        self.name = name


def _parameters(parameter_list: Node) -> List[_Parameter]:
    """The parameters in order. The grammar wraps each in a `parameter` node but a `params` one,
    whose attribute lists, type and name are children of the list itself."""
    result: List[_Parameter] = []
    loose_attributes: List[Node] = []
    loose_type: Node | None = None
    for child in parameter_list.named_children:
        kind = child.type
        if kind == "parameter":
            attribute_lists = [c for c in child.named_children if c.type == "attribute_list"]
            type_node, name = child.child_by_field_name("type"), child.child_by_field_name("name")
            result.append(_Parameter(attribute_lists, type_node, name))
        elif kind == "attribute_list":
            loose_attributes.append(child)
        elif kind == "identifier" and loose_type is not None:
            result.append(_Parameter(loose_attributes, loose_type, child))
            loose_attributes, loose_type = [], None
        elif kind != "comment":
            loose_type = child
    return result


# Attribute targets (`[property: X]`; "" when none is written) that apply to each declaration.
_ON_TYPE = frozenset({"", "type"})
_ON_PROPERTY = frozenset({"", "property"})  # `field:` on an auto-property is its backing field's
_ON_FIELD = frozenset({"", "field"})
_ON_POSITIONAL_PROPERTY = frozenset({"property"})  # the rest of a record parameter's are its own
_ON_PARAMETER = frozenset({"", "param"})


# Expressions with no expression inside: (node, its text, text reader) -> Expr, no side effects.
_LeafHandler = Callable[["Node", str, _TextOf], Expr]

# Plain dotted names in error-free code are identifier (or predefined type) chains; these
# keywords are the expressions that can head a member access without any other character.
_PLAIN_DOTTED_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NON_NAME_HEADS = frozenset({"this", "base", "true", "false", "null", "default"})


def _name_expr(node: Node, text: str, text_of: _TextOf) -> Expr:
    # Exact: such text has no spaces, comments, `global::` or type arguments to drop.
    if not node.has_error and _PLAIN_DOTTED_NAME.fullmatch(text) and text.split(".", 1)[0] not in _NON_NAME_HEADS:
        return Expr("name", text, text)
    name = _dotted_name(node, text_of)
    return Expr("other", text) if name is None else Expr("name", text, name)


def _string(node: Node, text: str, text_of: _TextOf) -> Expr:
    # Exact: without a backslash there is no escape_sequence, and ending in `"` no `u8` suffix.
    if "\\" not in text and len(text) >= 2 and text.endswith('"') and not node.has_error:
        return Expr("string", text, text[1:-1])
    return Expr("string", text, _decode_string(node, text_of))


def _verbatim(node: Node, text: str, text_of: _TextOf) -> Expr:
    return Expr("string", text, text[2:-1].replace('""', '"'))


def _raw_string(node: Node, text: str, text_of: _TextOf) -> Expr:
    content = "".join(text_of(c) for c in node.named_children if c.type == "raw_string_content")
    return Expr("string", text, content)


def _char(node: Node, text: str, text_of: _TextOf) -> Expr:
    return Expr("char", text, _decode_string(node, text_of))


def _literal(kind: str) -> _LeafHandler:
    def handle(node: Node, text: str, text_of: _TextOf) -> Expr:
        return Expr(kind, text, text)

    return handle


_LEAF_EXPRESSIONS: Dict[str, _LeafHandler] = {
    "string_literal": _string,
    "verbatim_string_literal": _verbatim,
    "raw_string_literal": _raw_string,
    "character_literal": _char,
    "integer_literal": _literal("int"),
    "real_literal": _literal("float"),
    "boolean_literal": _literal("bool"),
    "null_literal": _literal("null"),
    "default_expression": _literal("default"),
    "interpolated_string_expression": _literal("interpolated"),
    "identifier": _name_expr,
    "member_access_expression": _name_expr,
    "qualified_name": _name_expr,
    "predefined_type": _name_expr,
}
_EXPRESSION_HANDLERS: Dict[str, Callable[[_FileWalker, Node], Expr]] = {
    "invocation_expression": _FileWalker._invocation,
    "binary_expression": _FileWalker._binary,
    "prefix_unary_expression": _FileWalker._unary,
    "typeof_expression": _FileWalker._typeof,
    "object_creation_expression": _FileWalker._creation,
    "implicit_object_creation_expression": _FileWalker._creation,
    "array_creation_expression": _FileWalker._collection,
    "implicit_array_creation_expression": _FileWalker._collection,
    "element_binding_expression": _FileWalker._collection,
    "collection_expression": _FileWalker._collection,
    "parenthesized_expression": _FileWalker._parenthesized,
    "cast_expression": _FileWalker._cast,
}

_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "0": "\0",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_UNICODE_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{1,4}))")


def _decode_string(node: Node, text_of: _TextOf) -> str:
    pieces: List[str] = []
    for child in node.named_children:
        text = text_of(child)
        if child.type == "escape_sequence":
            pieces.append(_decode_escape(text))
        else:
            pieces.append(text)
    return "".join(pieces)


def _decode_escape(text: str) -> str:
    match = _UNICODE_ESCAPE.fullmatch(text)
    if match is not None:
        return chr(int(next(g for g in match.groups() if g), 16))
    return _ESCAPES.get(text[1:], text[1:])


def _dotted_name(node: Node, text_of: _TextOf) -> str | None:
    """`A.B.C` for identifier chains (incl. `string.Empty`), None for anything else."""
    names: List[str] = []
    current: Node | None = node
    while current is not None and current.type == "member_access_expression":
        name = current.child_by_field_name("name")
        if name is None or name.type != "identifier":
            return None
        names.append(_name_of(text_of(name)))
        current = current.child_by_field_name("expression")
    if current is None:
        return None
    if current.type in ("identifier", "predefined_type"):
        head = _name_of(text_of(current))
    elif current.type in ("qualified_name", "alias_qualified_name"):
        head = _name_of(text_of(current)).replace(" ", "")
    else:
        return None
    return ".".join([head, *reversed(names)])


def _dotted_name_text(expr: Expr) -> str | None:
    return expr.value if expr.kind == "name" else None


def _arguments(node: Node | None) -> List[Node]:
    if node is None:
        return []
    return [a for a in node.named_children if a.type == "argument" and a.named_children]


def _declarator_value(declarator: Node) -> Node | None:
    """The initialiser of `name = value` (the grammar gives it no field name)."""
    seen_equals = False
    for child in declarator.children:
        if seen_equals and child.is_named:
            return child
        seen_equals = seen_equals or child.type == "="
    return None


_STATEMENT_CONTAINERS = frozenset(
    {"block", "else_clause", "catch_clause", "finally_clause", "switch_body", "switch_section"}
)
_NOT_DESCENDED = frozenset({"expression_statement", "local_function_statement", "local_declaration_statement"})


def _return_expressions(body: Node) -> List[Node]:
    """Expressions of the `return` statements in a method body, in source order; statements
    only (lambdas and local functions have their own returns)."""
    found: List[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        for child in node.named_children:
            kind = child.type
            if kind == "return_statement":
                if child.named_children:
                    found.append(child.named_children[0])
            elif kind in _STATEMENT_CONTAINERS or (kind.endswith("_statement") and kind not in _NOT_DESCENDED):
                stack.append(child)
    found.sort(key=lambda n: n.start_byte)
    return found


_Value = TypeVar("_Value")
_MAX_SHARED_TEXT = 200  # longer texts are rarely repeated, and would make the shared values many


def _shared_by_text(key: Tuple[str, ...], node: Node, text: str, build: Callable[[], _Value]) -> _Value:
    """`build()` for `node`, shared under `key` (what it is, and its source `text`) when the node is
    short and error-free: its result is then a function of its text alone (error recovery can
    make anything of a node)."""
    if node.has_error or len(text) > _MAX_SHARED_TEXT:
        return build()
    return shared(key, build)


def _leaf_type(text: str) -> TypeSyntax:
    """`int`, `Guid`: a type with no nested types."""
    return shared(("type", text), lambda: TypeSyntax(_name_of(text), text, ()))


def _shared_modifiers(modifiers: List[str]) -> Tuple[str, ...]:
    written = tuple(modifiers)
    return shared(("modifiers", written), lambda: written)


def _join(outer: str, inner: str) -> str:
    return f"{outer}.{inner}" if outer else inner


def _error_nodes(root: Node) -> Iterator[Node]:
    """ERROR and MISSING nodes, outermost first, in source order."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing or node.type == "ERROR":
            yield node
            continue
        stack.extend(reversed([c for c in node.children if c.has_error]))


_XML_TAG = re.compile(r"<[^>]*>")
_SEE_CREF = re.compile(r"<see\s+(?:cref|langword)=\"(?:[A-Z]:)?([^\"]*)\"\s*/>")


def _after_comments(container: Node) -> Iterator[Tuple[Node, str, List[Node]]]:
    """Each named child but comments, its type, and the run of comments right before it (its
    previous named siblings), so that finding a declaration's doc comment needs no walk back."""
    comments: List[Node] = []
    for child in container.named_children:
        kind = child.type
        if kind == "comment":
            comments.append(child)
        else:
            yield child, kind, comments
            comments = []


def _doc_comment(comments: List[Node], text_of: _TextOf) -> str | None:
    """The `<summary>` of the `///` comments right before a declaration (`comments`, the comments
    preceding it), whitespace-normalised."""
    lines: List[str] = []
    for comment in reversed(comments):
        text = text_of(comment)
        if not text.startswith("///"):
            break
        lines.append(text[3:])
    if not lines:
        return None
    raw = "\n".join(reversed(lines))
    # What `<summary>(.*?)</summary>` finds: the first `<summary>` and the first closing tag
    # after it (if that one has none, neither has a later one).
    start = raw.find("<summary>") + len("<summary>")
    end = raw.find("</summary>", start) if start >= len("<summary>") else -1
    body = raw[start:end] if end >= 0 else raw
    if "<" in body:
        body = _XML_TAG.sub("", _SEE_CREF.sub(r"\1", body))
    if "&" in body:
        body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(body.split()) or None
