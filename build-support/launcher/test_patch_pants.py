"""The launcher's patch to Pants, on text: what it changes, and that it refuses what it does not know.

test_launcher.py checks the patched Pants itself (one rule graph without plugins, plugins still
resolved when configured).
"""

from __future__ import annotations

import pytest

from patch_pants import EAGER_CONSTRUCTION, LAZY_CONSTRUCTION, MARKER, PatchError, patched

MODULE_TEXT = (
    "class OptionsInitializer:\n"
    "    def __init__(self, options_bootstrapper, executor):\n"
    f"{EAGER_CONSTRUCTION}"
    "\n"
    "    def build_config(self):\n"
    "        pass\n"
)


def test_construction_becomes_lazy_and_the_rest_is_kept() -> None:
    result = patched(MODULE_TEXT)
    assert EAGER_CONSTRUCTION not in result
    assert result.count(LAZY_CONSTRUCTION) == 1
    assert result.count(MARKER) == 1
    assert "    def build_config(self):\n" in result
    compile(result, "options_initializer.py", "exec")


def test_patching_twice_changes_nothing() -> None:
    once = patched(MODULE_TEXT)
    assert patched(once) == once


@pytest.mark.parametrize("text", ["class OptionsInitializer:\n    pass\n", MODULE_TEXT + MODULE_TEXT])
def test_unexpected_source_is_refused(text: str) -> None:
    with pytest.raises(PatchError, match="expected the bootstrap scheduler's construction once"):
        patched(text)
