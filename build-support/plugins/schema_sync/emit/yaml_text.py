"""Block-style YAML exactly as PyYAML dumps it, without PyYAML's per-node machinery.

PyYAML's representer and resolver are pure Python even over libyaml's C emitter: building a node
and resolving its tag per scalar was most of writing the CloudFormation templates. Their layout is
simple (block mappings and sequences, two spaces, sequences not indented under their key), so this
writes the layout itself and asks PyYAML only how to spell the scalars it cannot spell itself, in
one call per batch of documents, in a context where PyYAML spells each the same way. Whatever it
cannot vouch for (empty containers, nested sequences, multi-line or long keys, a scalar on a line
past the width, where PyYAML folds at spaces) makes `block_yamls` return None for that document:
the caller then dumps it with PyYAML itself.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

Spellings = Dict[Tuple[type, Any], Optional[str]]  # (type, scalar) -> as PyYAML writes it on one line (None: not so)
QuickSpelling = Callable[[Any], Optional[str]]  # a scalar's spelling found without PyYAML (None: ask it)
SpellScalars = Callable[[List[Any]], List[Optional[str]]]  # distinct scalars -> how PyYAML writes each alone

_SIMPLE_KEY_LENGTH = 100  # PyYAML writes keys of 128+ characters as `? key`: stay well below


class _NeedsPyYAML(Exception):
    """Raised inside the writer when a value is outside what it reproduces exactly."""


def block_yamls(documents: Sequence[Mapping[str, Any]], width: int, spellings: Spellings, quick: QuickSpelling,
                ask: SpellScalars) -> List[Optional[str]]:
    """Each document as PyYAML's block-style dump (`default_flow_style=False`, `sort_keys=False`,
    the given `width`), or None when only PyYAML itself can say how it would write it.

    Scalars are spelled from `spellings` (which this adds to), else by `quick`; those neither
    knows, in all the documents, are asked of PyYAML in one `ask` call (each call has a large
    fixed cost), and the documents that hold them are written again."""
    unspelled: Dict[Tuple[type, Any], Any] = {}
    texts: List[Optional[str]] = []
    missed: List[bool] = []  # per document (not its writer: each writer's lines are freed as it ends)
    for data in documents:
        writer = _Writer(spellings, quick, width, unspelled)
        texts.append(writer.text(data))
        missed.append(writer.missed)
    if not unspelled:
        return texts
    spellings.update(zip(unspelled, ask(list(unspelled.values()))))
    # Every scalar is spelled now, so these passes are the last; a document refused on the first
    # pass is refused again (placeholders never are the reason), so it is not rewritten.
    return [_Writer(spellings, quick, width, unspelled).text(data) if rewrite and text is not None else text
            for data, text, rewrite in zip(documents, texts, missed)]


class _Writer:
    def __init__(self, spellings: Spellings, quick: QuickSpelling, width: int,
                 unspelled: Dict[Tuple[type, Any], Any]) -> None:
        self.spellings = spellings
        self.quick = quick
        self.width = width
        self.lines: List[str] = []
        # Scalars neither spelled nor quick to spell, by type as well (`Sub("x")` equals `"x"`).
        self.unspelled = unspelled
        self.missed = False  # whether this document held such a scalar (then its text has placeholders)

    def text(self, data: Mapping[str, Any]) -> Optional[str]:
        try:
            self.mapping(data, "", "")
        except _NeedsPyYAML:
            return None
        return "\n".join(self.lines) + "\n"

    def mapping(self, mapping: Mapping[str, Any], indent: str, first: str) -> None:
        """Entries at `indent`; the first line starts with `first` instead (`- ` in a sequence)."""
        if not mapping:
            raise _NeedsPyYAML  # `{}`: flow style
        prefix = first
        for key, value in mapping.items():
            if not (isinstance(key, str) and 0 < len(key) < _SIMPLE_KEY_LENGTH):
                raise _NeedsPyYAML
            head = f"{prefix}{self._spelled(key)}:"
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

    def _spelled(self, value: Any) -> str:
        """How PyYAML writes `value` on one line; "" while it is not known (then this pass is redone)."""
        key = (type(value), value)
        try:
            text = self.spellings[key]
        except KeyError:
            text = self.quick(value)
            if text is None:
                self.unspelled[key] = value
                self.missed = True
                return ""
            self.spellings[key] = text
        if text is None:
            raise _NeedsPyYAML
        return text

    def _scalar_line(self, head: str, value: Any) -> str:
        text = self._spelled(value)
        # PyYAML breaks a line at a space once it is past the width: a shorter line is never broken.
        if len(head) + len(text) > self.width and " " in text:
            raise _NeedsPyYAML
        return head + text
