"""`json.dumps(value, indent=2)`, about twice as fast, for the values the emitters build.

With `indent` set, the standard library falls back to its pure-Python encoder (a generator per
container); whole-tree generation writes ~10^6 JSON nodes, so this writes each container with
one `join` instead. Strings still go through the C `encode_basestring_ascii`, so the text is
byte-identical (test_json_text compares both on edge values and on whole schema documents).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii
from typing import Any, Dict, NamedTuple, Tuple, TypeVar

Shared = TypeVar("Shared")


def indented_json(value: Any, indent: str = "") -> str:
    """`value` (dicts with str keys, lists, str, int, bool, None, float) as JSON, nested two
    spaces a level; `indent` is the indentation of the line the value starts on."""
    return IndentedJson().text(value, indent)


class Extended(NamedTuple):
    """Written as the dict `{**base, key: value}`; made by `IndentedJson.extended`."""

    base: Dict[str, Any]
    key: str
    value: Any


class IndentedJson:
    """`indented_json` that writes a container marked `shared` once per indentation: an emitter
    that reuses one value in many places (the schema of a common attribute shape) shares it,
    and writes a shared dict `extended` by a few keys from the shared dict's text."""

    def __init__(self) -> None:
        # id -> (the value, kept alive so that its id is not reused; indentation -> its text)
        self._shared: Dict[int, Tuple[Any, Dict[str, str]]] = {}

    def shared(self, value: Shared) -> Shared:
        """Mark `value` and the containers in it as reused (they must not change from now on)."""
        if isinstance(value, (dict, list)):
            self._shared.setdefault(id(value), (value, {}))
            for item in value.values() if isinstance(value, dict) else value:
                self.shared(item)
        return value

    def extended(self, base: Dict[str, Any], key: str, value: Any) -> Any:
        """What this writes as `{**base, key: value}` (neither may change from now on): an
        `Extended` when `base` is a non-empty shared dict without `key`, else that dict."""
        if base and key not in base and id(base) in self._shared:
            return Extended(base, key, value)
        return {**base, key: value}

    def text(self, value: Any, indent: str = "") -> str:
        kind = type(value)
        if kind is str:
            return encode_basestring_ascii(value)
        if kind is dict or kind is list:
            known = self._shared.get(id(value))
            if known is None:
                return self._container(value, indent)
            if indent not in known[1]:
                known[1][indent] = self._container(value, indent)
            return known[1][indent]
        if kind is Extended:
            return self._spliced(value, indent)
        if value is True or value is False or value is None:
            return _CONSTANTS[value]
        if kind is int:
            return int.__repr__(value)
        return json.dumps(value)  # floats: as the standard encoder spells them (NaN, Infinity...)

    def _container(self, value: Any, indent: str) -> str:
        if not value:
            return "{}" if isinstance(value, dict) else "[]"
        inner = indent + "  "
        if isinstance(value, dict):
            items = ",\n".join(f"{inner}{encode_basestring_ascii(k)}: {self.text(v, inner)}" for k, v in value.items())
            return f"{{\n{items}\n{indent}}}"
        return "[\n" + ",\n".join(inner + self.text(v, inner) for v in value) + f"\n{indent}]"

    def _spliced(self, value: Extended, indent: str) -> str:
        # A dict's entries are written one a line, in order: `{**base, key: value}` is `base`'s text
        # up to its closing line, then one more entry (`base` is non-empty: its text has entries).
        opened = self.text(value.base, indent)[: -len(indent) - 2]
        inner = indent + "  "
        return f"{opened},\n{inner}{encode_basestring_ascii(value.key)}: {self.text(value.value, inner)}\n{indent}}}"


_CONSTANTS = {True: "true", False: "false", None: "null"}
