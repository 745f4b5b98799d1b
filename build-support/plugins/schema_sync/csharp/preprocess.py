"""C# preprocessor directives, applied to the source text before tree-sitter sees it.

The grammar mis-parses `#if/#else/#endif` between attributes and members, so we give directives
their C# meaning here: inactive branches and directive lines are blanked with spaces (newlines
kept), so every byte keeps its line and column. Release semantics: `DEBUG` (like any symbol not
`#define`d in the file) is undefined. `#nullable` changes are recorded per line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import List, Tuple

_DIRECTIVE = re.compile(rb"^[ \t]*#[ \t]*([a-z]+)\b(.*)$", re.M)
_TOKEN = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|[A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class NullableContext:
    """`#nullable` annotation state changes: (line, state) sorted by line; None = restore."""

    changes: Tuple[Tuple[int, bool | None], ...] = ()
    lines: Tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(line for line, _ in self.changes))  # for bisect

    def at(self, line: int) -> bool | None:
        index = bisect.bisect_right(self.lines, line) - 1
        return self.changes[index][1] if index >= 0 else None


@dataclass(frozen=True)
class Preprocessed:
    text: bytes
    nullable: NullableContext
    problems: Tuple[Tuple[int, str], ...]  # (line, message), reported as warnings
    # With an `#if` left open (C# rejects that): the text from that `#if` on, every branch
    # kept, the rest blanked (same offsets), so that what the open `#if` hides can be named.
    unterminated: Unterminated | None = None


@dataclass(frozen=True)
class Unterminated:
    line: int  # of the outermost `#if` without `#endif`
    text: bytes


class _Branch:
    """One `#if` group: whether its enclosing code is active and whether a branch was taken."""

    def __init__(self, outer_active: bool, condition: bool, line: int, start: int) -> None:
        self.line = line  # where its `#if` is: line, and byte offset
        self.start = start
        self.outer_active = outer_active
        self.taken = condition
        self.active = outer_active and condition


def preprocess(content: bytes) -> Preprocessed:
    if b"#" not in content:
        return Preprocessed(content, NullableContext(), ())
    # Only directive lines and the stretches between them can change: find the directives with
    # one regex over the whole text rather than matching every line (most files have one
    # `#nullable` and nothing else).
    pieces: List[bytes] = []
    stack: List[_Branch] = []
    symbols: set[str] = set()
    nullable: List[Tuple[int, bool | None]] = []
    problems: List[Tuple[int, str]] = []
    position, line_no = 0, 1
    for match in _DIRECTIVE.finditer(content):
        active = not stack or stack[-1].active
        line_no += content.count(b"\n", position, match.start())
        pieces.append(_kept(content[position : match.start()], active))
        pieces.append(_blank(match.group(0)))
        position = match.end()
        name = match.group(1).decode("ascii")
        argument = _strip_comment(match.group(2).decode("utf-8", "replace"))
        directive = _Directive(name, argument, line_no, match.start())
        _apply_directive(directive, active, stack, symbols, nullable, problems)
    pieces.append(_kept(content[position:], not stack or stack[-1].active))
    unterminated = _unterminated(content, stack[0]) if stack else None
    problems.extend((branch.line, "unterminated #if (missing #endif)") for branch in stack)
    return Preprocessed(b"".join(pieces), NullableContext(tuple(nullable)), tuple(problems), unterminated)


def _unterminated(content: bytes, outermost: _Branch) -> Unterminated:
    tail = _DIRECTIVE.sub(lambda match: _blank(match.group(0)), content[outermost.start :])
    return Unterminated(outermost.line, _blank(content[: outermost.start]) + tail)


def _kept(text: bytes, active: bool) -> bytes:
    return text if active else _blank(text)


@dataclass(frozen=True)
class _Directive:
    name: str
    argument: str
    line: int
    start: int  # byte offset of its line


def _apply_directive(
    directive: _Directive,
    active: bool,
    stack: List[_Branch],
    symbols: set[str],
    nullable: List[Tuple[int, bool | None]],
    problems: List[Tuple[int, str]],
) -> None:
    name, argument, line_no = directive.name, directive.argument, directive.line
    if name == "if":
        stack.append(_Branch(active, _evaluate(argument, symbols, line_no, problems), line_no, directive.start))
    elif name in ("elif", "else", "endif") and not stack:
        problems.append((line_no, f"#{name} without #if"))
    elif name == "elif":
        branch = stack[-1]
        condition = not branch.taken and _evaluate(argument, symbols, line_no, problems)
        branch.active = branch.outer_active and condition
        branch.taken = branch.taken or condition
    elif name == "else":
        branch = stack[-1]
        branch.active = branch.outer_active and not branch.taken
        branch.taken = True
    elif name == "endif":
        stack.pop()
    elif not active:
        return
    elif name == "define":
        symbols.add(argument.strip())
    elif name == "undef":
        symbols.discard(argument.strip())
    elif name == "nullable":
        _record_nullable(argument, line_no, nullable, problems)


_NULLABLE_SETTINGS = {"enable": True, "disable": False, "restore": None}


def _record_nullable(
    argument: str, line_no: int, nullable: List[Tuple[int, bool | None]], problems: List[Tuple[int, str]]
) -> None:
    """Record the annotations state set by `#nullable <setting> [annotations|warnings]`."""
    words = argument.split()
    setting = words[0] if words else ""
    target = words[1] if len(words) > 1 else "annotations"
    if setting not in _NULLABLE_SETTINGS or target not in ("annotations", "warnings"):
        problems.append((line_no, f"unknown #nullable setting {argument!r}"))
    elif target == "annotations":
        nullable.append((line_no, _NULLABLE_SETTINGS[setting]))


def _strip_comment(argument: str) -> str:
    return argument.split("//", 1)[0].strip()


_BLANKED = bytes(c if c in (10, 13) else 32 for c in range(256))


def _blank(text: bytes) -> bytes:
    """Spaces for everything but line breaks, so every byte keeps its line and column."""
    return text.translate(_BLANKED)


def _evaluate(expression: str, symbols: set[str], line_no: int, problems: List[Tuple[int, str]]) -> bool:
    tokens = _tokenize(expression)
    if tokens is None:
        problems.append((line_no, f"cannot evaluate #if condition {expression!r}; treated as false"))
        return False
    parser = _ConditionParser(tokens, symbols)
    try:
        value = parser.parse_or()
        if parser.position != len(tokens):
            raise ValueError("trailing tokens")
        return value
    except (ValueError, IndexError):
        problems.append((line_no, f"cannot evaluate #if condition {expression!r}; treated as false"))
        return False


def _tokenize(expression: str) -> List[str] | None:
    tokens: List[str] = []
    position = 0
    text = expression.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            return None
        tokens.append(match.group(1))
        position = match.end()
    return tokens


class _ConditionParser:
    """Recursive descent over `||`, `&&`, `==`/`!=`, `!`, parentheses, symbols, true/false."""

    def __init__(self, tokens: List[str], symbols: set[str]) -> None:
        self.tokens = tokens
        self.symbols = symbols
        self.position = 0

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse_or(self) -> bool:
        value = self._parse_and()
        while self._peek() == "||":
            self._take()
            value = self._parse_and() or value
        return value

    def _parse_and(self) -> bool:
        value = self._parse_equality()
        while self._peek() == "&&":
            self._take()
            value = self._parse_equality() and value
        return value

    def _parse_equality(self) -> bool:
        value = self._parse_unary()
        while self._peek() in ("==", "!="):
            equal = self._take() == "=="
            other = self._parse_unary()
            value = (value == other) if equal else (value != other)
        return value

    def _parse_unary(self) -> bool:
        token = self._take()
        if token == "!":
            return not self._parse_unary()
        if token == "(":
            value = self.parse_or()
            if self._take() != ")":
                raise ValueError("expected )")
            return value
        if token in ("||", "&&", "==", "!=", ")"):
            raise ValueError(f"unexpected {token}")
        if token in ("true", "false"):
            return token == "true"
        return token in self.symbols
