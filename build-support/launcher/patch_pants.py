"""Run by ./pants with the venv's interpreter after installing Pants: one local patch to Pants.

Pants 2.17 builds two rule graphs whenever it starts without pantsd: the real one, and a
"bootstrap" one holding the whole Python backend whose only job is to resolve `[GLOBAL].plugins`.
This repo leaves `plugins` empty (the plugin's libraries are installed into this venv instead; see
pants.toml), yet the bootstrap graph was built anyway: about 5 s of every cold run on a 2-core
machine (measured in docs/benchmarks.md). The patch builds it on first use, i.e. only when a
configuration names plugins; with plugins, behaviour is unchanged. Upstream: pantsbuild/pants#21985.

The patch is checked, not blind: it applies only to the pinned Pants version and only if the
expected code is found exactly once; otherwise the launcher fails and says why. Running it again
on a patched install changes nothing.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import py_compile
import sys
import sysconfig
from pathlib import Path

PANTS_VERSION = "2.17.1"
MODULE = Path("pants/init/options_initializer.py")
MARKER = "class _PluginResolverBuiltOnFirstUse:"

EAGER_CONSTRUCTION = (
    "        self._bootstrap_scheduler = create_bootstrap_scheduler(options_bootstrapper, executor)\n"
    "        self._plugin_resolver = PluginResolver(self._bootstrap_scheduler)\n"
)
LAZY_CONSTRUCTION = "        self._plugin_resolver = _PluginResolverBuiltOnFirstUse(options_bootstrapper, executor)\n"

# Appended to the module. Without plugins the stock resolver returns the global working set
# untouched, so returning it directly is the same result without the bootstrap graph.
LAZY_RESOLVER = f'''

# Added by this repo's ./pants launcher (build-support/launcher/patch_pants.py).
{MARKER}
    """Builds the bootstrap scheduler only when `[GLOBAL].plugins` is non-empty."""

    def __init__(self, options_bootstrapper: OptionsBootstrapper, executor: PyExecutor) -> None:
        self._options_bootstrapper = options_bootstrapper
        self._executor = executor
        self._resolver: PluginResolver | None = None

    def resolve(
        self, options_bootstrapper: OptionsBootstrapper, env: CompleteEnvironmentVars
    ) -> pkg_resources.WorkingSet:
        if not options_bootstrapper.get_bootstrap_options().for_global_scope().plugins:
            return pkg_resources.working_set
        if self._resolver is None:
            scheduler = create_bootstrap_scheduler(self._options_bootstrapper, self._executor)
            self._resolver = PluginResolver(scheduler)
        return self._resolver.resolve(options_bootstrapper, env)
'''


class PatchError(Exception):
    pass


def patched(source: str) -> str:
    """The module's new text; `source` unchanged if it is already patched."""
    if MARKER in source:
        return source
    found = source.count(EAGER_CONSTRUCTION)
    if found != 1:
        raise PatchError(f"expected the bootstrap scheduler's construction once in {MODULE}, found it {found} times")
    return source.replace(EAGER_CONSTRUCTION, LAZY_CONSTRUCTION) + LAZY_RESOLVER


def apply(site_packages: Path) -> None:
    installed = importlib.metadata.version("pantsbuild.pants")
    if installed != PANTS_VERSION:
        raise PatchError(f"this patch is for Pants {PANTS_VERSION}, the venv has {installed}")
    path = site_packages / MODULE
    source = path.read_text()
    new_source = patched(source)
    if new_source == source:
        return
    staging = path.with_name(path.name + ".patching")
    staging.write_text(new_source)
    os.replace(staging, path)
    # Fresh bytecode now: with PYTHONDONTWRITEBYTECODE, Pants would otherwise recompile every run.
    py_compile.compile(str(path), cfile=importlib.util.cache_from_source(str(path)), doraise=True)


def main() -> None:
    try:
        apply(Path(sysconfig.get_paths()["purelib"]))
    except (PatchError, OSError, py_compile.PyCompileError) as error:
        sys.exit(f"pants launcher: error: cannot patch Pants: {error}")


if __name__ == "__main__":
    main()
