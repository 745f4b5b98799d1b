"""Source bytes -> UTF-8 text for the parser, the way the C# compiler reads a file: a byte-order
mark selects UTF-8, UTF-16 or UTF-32 (Visual Studio saves files as "Unicode" with one); without
one the file must be UTF-8. What cannot be read that way is reported, never guessed at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Tuple

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BYTE_ORDER_MARKS: Tuple[Tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: bytes  # UTF-8, without a byte-order mark; the input as it was when it cannot be decoded
    problem: str | None = None  # why it cannot be read as text
    offset: int = 0  # the byte of `text` the problem is at


def decode_source(content: bytes) -> Decoded:
    if content.isascii() and b"\x00" not in content:
        return Decoded(content)  # nearly every file: nothing to decode
    for mark, encoding in _BYTE_ORDER_MARKS:
        if content.startswith(mark):
            return _decoded(content[len(mark) :], encoding)
    return _decoded(content, "utf-8")


def _decoded(content: bytes, encoding: str) -> Decoded:
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        where = error.start if encoding == "utf-8" else 0  # other encodings: no UTF-8 offset
        byte = content[error.start : error.start + 1].hex()
        return Decoded(content, f"not valid {encoding.upper()} (byte 0x{byte}); save the file as UTF-8", where)
    if encoding != "utf-8" and text.strip() and not any(c in text for c in "\n;{"):
        # What UTF-8 text (say) read as UTF-16 gives: two bytes a character, none of them ASCII.
        return Decoded(content, f"not {encoding.upper()} text, although it starts with that byte-order mark")
    utf8 = text.encode("utf-8") if encoding != "utf-8" else content
    nul = utf8.find(b"\x00")
    if nul >= 0:
        # Never in C# text: UTF-16 without a byte-order mark, or not a source file at all.
        return Decoded(utf8, "contains a NUL byte: UTF-16 without a byte-order mark? save the file as UTF-8", nul)
    return Decoded(utf8)


def line_and_column(text: bytes, offset: int) -> Tuple[int, int]:
    """1-based line and byte column of `offset` (the convention of every location here)."""
    line_start = text.rfind(b"\n", 0, offset) + 1
    return text.count(b"\n", 0, offset) + 1, offset - line_start + 1


# Letters and digits beyond ASCII, one run at a time (see `ascii_identifiers`).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def ascii_identifiers(text: bytes) -> bytes:
    """`text` with every non-ASCII letter or digit replaced by as many `x` as its UTF-8 bytes.

    The pinned grammar lacks many identifier characters C# allows (CJK ideographs, Hangul, ...),
    so `名前` would be a syntax error. The parser reads this copy and the walker reads names from
    the original: every byte keeps its offset, so each node's text is the original's. A lone
    character between single quotes is a char literal, which must stay one character."""
    if text.isascii():
        return text
    decoded = text.decode("utf-8", "surrogateescape")  # undecodable bytes (reported) keep their length

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        start, end = match.span()
        if len(run) == 1 and decoded[start - 1 : start] == "'" and decoded[end : end + 1] == "'":
            return run
        return "".join("x" * len(c.encode("utf-8")) if c.isalnum() else c for c in run)

    return _NON_ASCII_RUN.sub(replace, decoded).encode("utf-8", "surrogateescape")
