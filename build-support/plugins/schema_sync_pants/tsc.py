"""`tsc` in `pants check` over the TypeScript modules `csharp_typescript_type` targets generate.

The modules exist only as codegen output (what `export-codegen` writes), so the checker hydrates
each target's TypeScript and runs one `tsc --strict --noEmit` over all of them. A module imports
the modules of the C# files whose enums and stored classes it uses, by relative path; those files
are among its target's (inferred) dependencies, so the modules of every `csharp_typescript_type`
owning a file of the requested targets' dependency closure join the sandbox: `pants check` of a
single target type-checks too. Findings name the generated file and line; the result adds which
C# file each failing module is generated from.

tsc is a node script outside Pants: `[tsc].binary`, by default `$SCHEMA_SYNC_TSC` (`./pants`
installs TypeScript in its cache and exports it), run with the environment's PATH (to find node).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Tuple

from pants.core.goals.check import CheckRequest, CheckResult, CheckResults
from pants.engine.env_vars import EnvironmentVars, EnvironmentVarsRequest
from pants.engine.process import FallibleProcessResult, Process
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import FieldSet, TransitiveTargets, TransitiveTargetsRequest
from pants.engine.unions import UnionRule
from pants.option.option_types import ArgsListOption, SkipOption, StrOption
from pants.option.subsystem import Subsystem
from pants.util.logging import LogLevel
from pants.util.strutil import pluralize, softwrap

from schema_sync_pants.generated_files import hydrate_generated_files, origins_of_findings
from schema_sync_pants.service import AllCsharpTargets
from schema_sync_pants.target_types import CsharpSourceField, CsharpTypeScriptSourceField, TypeScriptSourceField

# The variable `./pants` exports with the path of the `tsc` it installs.
TSC_ENV_VAR = "SCHEMA_SYNC_TSC"
# As the core's tests check the emitted TypeScript; `--pretty false`: one `path(line,col): error` per finding.
TSC_FLAGS = ("--strict", "--noEmit", "--target", "es2020", "--module", "commonjs", "--pretty", "false")


class Tsc(Subsystem):
    options_scope = "tsc"
    name = "tsc"
    help = softwrap(
        """
        The TypeScript compiler (`tsc --strict --noEmit`) over the TypeScript modules that
        `csharp_typescript_type` targets generate, in `pants check`.
        """
    )

    skip = SkipOption("check")
    binary = StrOption(
        default=None,
        help=f"Path of the `tsc` executable (TypeScript 5). Unset: ${TSC_ENV_VAR}, which `./pants` exports.",
    )
    args = ArgsListOption(example="--noUnusedLocals")


class TscNotConfigured(Exception):
    """Neither `[tsc].binary` nor $SCHEMA_SYNC_TSC names a `tsc`."""


@dataclass(frozen=True)
class TscFieldSet(FieldSet):
    required_fields = (CsharpTypeScriptSourceField,)

    source: CsharpTypeScriptSourceField


class TscRequest(CheckRequest[TscFieldSet]):
    field_set_type = TscFieldSet
    tool_name = Tsc.options_scope


def tsc_binary(tsc: Tsc, env: EnvironmentVars) -> str:
    binary: Optional[str] = tsc.binary or env.get(TSC_ENV_VAR)
    if not binary:
        raise TscNotConfigured(
            f"`pants check` type-checks the generated TypeScript with tsc, but no tsc is set: run Pants "
            f"through `./pants` (it installs TypeScript and exports ${TSC_ENV_VAR}), export ${TSC_ENV_VAR} "
            "with the path of a TypeScript 5 `tsc`, or set `[tsc].binary` (or `--tsc-skip` to skip it)."
        )
    return binary


def tsc_argv(binary: str, tsc: Tsc, modules: Iterable[str]) -> Tuple[str, ...]:
    return (binary, *TSC_FLAGS, *tsc.args, *modules)


async def typescript_sources_with_imports(field_sets: Iterable[TscFieldSet]) -> Tuple[CsharpTypeScriptSourceField, ...]:
    """The requested targets' TypeScript sources, and those of every C# file they depend on: the
    files their modules import. (By file, not by target: the dependency on a file may be through
    a target of another kind, e.g. its `csharp_model`.)"""
    closure, all_csharp = await MultiGet(
        Get(TransitiveTargets, TransitiveTargetsRequest(fs.address for fs in field_sets)),
        Get(AllCsharpTargets),
    )
    files = {tgt[CsharpSourceField].file_path for tgt in closure.closure if tgt.has_field(CsharpSourceField)}
    return tuple(
        tgt[CsharpTypeScriptSourceField]
        for tgt in all_csharp
        if tgt.has_field(CsharpTypeScriptSourceField) and tgt[CsharpTypeScriptSourceField].file_path in files
    )


@rule(desc="Type-check generated TypeScript with tsc", level=LogLevel.DEBUG)
async def tsc_check_generated_typescript(request: TscRequest, tsc: Tsc) -> CheckResults:
    if tsc.skip:
        return CheckResults([], checker_name=request.tool_name)
    env = await Get(EnvironmentVars, EnvironmentVarsRequest([TSC_ENV_VAR, "PATH"]))
    binary = tsc_binary(tsc, env)
    sources = await typescript_sources_with_imports(request.field_sets)
    generated = await hydrate_generated_files(
        ((source, source.file_path) for source in sources), output_types=(TypeScriptSourceField,), extensions=(".ts",)
    )
    if not generated.origins:
        nothing = f"no TypeScript generated by {pluralize(len(request.field_sets), 'target')}: nothing to check\n"
        return CheckResults([CheckResult(0, nothing, "")], checker_name=request.tool_name)
    description = pluralize(len(generated.origins), "generated TypeScript module")
    result = await Get(
        FallibleProcessResult,
        Process(
            argv=tsc_argv(binary, tsc, generated.paths),
            input_digest=generated.digest,
            env={"PATH": env.get("PATH", "")},
            description=f"Run tsc on {description}.",
            level=LogLevel.DEBUG,
        ),
    )
    checked = CheckResult.from_fallible_process_result(result, strip_chroot_path=True)
    if checked.exit_code == 0:
        outcome = f"{description} passed tsc --strict\n"
    else:
        outcome = origins_of_findings(checked.stdout, generated.origins)
    return CheckResults(
        [CheckResult(checked.exit_code, checked.stdout + outcome, checked.stderr)], checker_name=request.tool_name
    )


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(CheckRequest, TscRequest))
