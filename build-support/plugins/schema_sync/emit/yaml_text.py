"""Block-style YAML exactly as PyYAML dumps it, without PyYAML's per-node machinery.

PyYAML's representer and resolver are pure Python even over libyaml's C emitter: building a node
and resolving its tag per scalar was most of writing the CloudFormation templates. Their layout is
simple (block mappings and sequences, two spaces, sequences not indented under their key), so this
writes the layout itself and asks PyYAML only how to spell each distinct scalar, once, in a
context where PyYAML spells it the same way. Whatever it cannot vouch for (empty containers,
nested sequences, multi-line or long keys, a scalar on a line past the width, where PyYAML folds
at spaces) makes `block_yaml` return None: the caller then dumps with PyYAML itself.
"""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Optional, Sequence

ScalarText = Callable[[Any], Optional[str]]  # one scalar as PyYAML writes it on one line, or None

_SIMPLE_KEY_LENGTH = 100  # PyYAML writes keys of 128+ characters as `? key`: stay well below


class _NeedsPyYAML(Exception):
    """Raised inside the writer when a value is outside what it reproduces exactly."""


def block_yaml(data: Mapping[str, Any], scalar_text: ScalarText, width: int) -> Optional[str]:
    """`data` as PyYAML's block-style dump (`default_flow_style=False`, `sort_keys=False`, the
    given `width`), or None when only PyYAML itself can say how it would write it."""
    lines: List[str] = []
    try:
        _Writer(scalar_text, width, lines).mapping(data, "", "")
    except _NeedsPyYAML:
        return None
    return "\n".join(lines) + "\n"


class _Writer:
    def __init__(self, scalar_text: ScalarText, width: int, lines: List[str]) -> None:
        self.scalar_text = scalar_text
        self.width = width
        self.lines = lines

    def mapping(self, mapping: Mapping[str, Any], indent: str, first: str) -> None:
        """Entries at `indent`; the first line starts with `first` instead (`- ` in a sequence)."""
        if not mapping:
            raise _NeedsPyYAML  # `{}`: flow style
        prefix = first
        for key, value in mapping.items():
            head = f"{prefix}{self._key(key)}:"
            prefix = indent
            if isinstance(value, Mapping):
                self.lines.append(head)
                self.mapping(value, indent + "  ", indent + "  ")
            elif isinstance(value, list):
                self.lines.append(head)
                self.sequence(value, indent)  # PyYAML does not indent a sequence under its key
            else:
                self.lines.append(self._scalar_line(head + " ", value))

    def sequence(self, items: Sequence[Any], indent: str) -> None:
        if not items:
            raise _NeedsPyYAML  # `[]`: flow style
        for item in items:
            if isinstance(item, Mapping):
                self.mapping(item, indent + "  ", indent + "- ")
            elif isinstance(item, list):
                raise _NeedsPyYAML  # `- - x`: not written by our emitters
            else:
                self.lines.append(self._scalar_line(indent + "- ", item))

    def _key(self, key: Any) -> str:
        text = self.scalar_text(key) if isinstance(key, str) and 0 < len(key) < _SIMPLE_KEY_LENGTH else None
        if text is None:
            raise _NeedsPyYAML
        return text

    def _scalar_line(self, head: str, value: Any) -> str:
        text = self.scalar_text(value)
        # PyYAML breaks a line at a space once it is past the width: a shorter line is never broken.
        if text is None or (len(head) + len(text) > self.width and " " in text):
            raise _NeedsPyYAML
        return head + text
