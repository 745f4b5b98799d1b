"""Block-style YAML exactly as PyYAML dumps it, without PyYAML's per-node machinery.

PyYAML's representer and resolver are pure Python even over libyaml's C emitter: building a node
and resolving its tag per scalar was most of writing the CloudFormation templates. Their layout is
simple (block mappings and sequences, two spaces, sequences not indented under their key), so this
writes the layout itself and asks PyYAML only how to spell the document's distinct scalars, in one
call, in a context where PyYAML spells each the same way. Whatever it cannot vouch for (empty
containers, nested sequences, multi-line or long keys, a scalar on a line past the width, where
PyYAML folds at spaces) makes `block_yaml` return None: the caller then dumps with PyYAML itself.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

# Every distinct scalar of a document -> how PyYAML writes each alone on one line (None: not so).
SpellScalars = Callable[[List[Any]], List[Optional[str]]]

_SIMPLE_KEY_LENGTH = 100  # PyYAML writes keys of 128+ characters as `? key`: stay well below


class _NeedsPyYAML(Exception):
    """Raised inside the writer when a value is outside what it reproduces exactly."""


def block_yaml(data: Mapping[str, Any], spell: SpellScalars, width: int) -> Optional[str]:
    """`data` as PyYAML's block-style dump (`default_flow_style=False`, `sort_keys=False`, the
    given `width`), or None when only PyYAML itself can say how it would write it."""
    scalars: Dict[Tuple[type, Any], Any] = {}
    _collect(data, scalars)
    spelled = dict(zip(scalars, spell(list(scalars.values()))))
    lines: List[str] = []
    try:
        _Writer(spelled, width, lines).mapping(data, "", "")
    except _NeedsPyYAML:
        return None
    return "\n".join(lines) + "\n"


def _collect(value: Any, scalars: Dict[Tuple[type, Any], Any]) -> None:
    """Every scalar (keys too) under `value`, once, by type as well (`Sub("x")` equals `"x"`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            scalars.setdefault((type(key), key), key)
            _collect(item, scalars)
    elif isinstance(value, list):
        for item in value:
            _collect(item, scalars)
    else:
        scalars.setdefault((type(value), value), value)


class _Writer:
    def __init__(self, spelled: Dict[Tuple[type, Any], Optional[str]], width: int, lines: List[str]) -> None:
        self.spelled = spelled
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
            if isinstance(value, dict):
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
            if isinstance(item, dict):
                self.mapping(item, indent + "  ", indent + "- ")
            elif isinstance(item, list):
                raise _NeedsPyYAML  # `- - x`: not written by our emitters
            else:
                self.lines.append(self._scalar_line(indent + "- ", item))

    def _key(self, key: Any) -> str:
        text = self.spelled[type(key), key] if isinstance(key, str) and 0 < len(key) < _SIMPLE_KEY_LENGTH else None
        if text is None:
            raise _NeedsPyYAML
        return text

    def _scalar_line(self, head: str, value: Any) -> str:
        text = self.spelled[type(value), value]
        # PyYAML breaks a line at a space once it is past the width: a shorter line is never broken.
        if text is None or (len(head) + len(text) > self.width and " " in text):
            raise _NeedsPyYAML
        return head + text
