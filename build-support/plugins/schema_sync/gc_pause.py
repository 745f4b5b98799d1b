"""Pausing Python's cyclic garbage collector around allocation-heavy, acyclic work."""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Speed-up: extraction allocates many small, acyclic objects while the live heap grows, and
    the cyclic collector would rescan that heap over and over: extracting the 1,000-file benchmark
    tree in a fresh process takes 0.87 instead of 0.95 s CPU, and each collection costs more in a
    larger heap (a Pants daemon's)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
