"""`cfn-lint` in `pants lint` over the CloudFormation templates `csharp_table_template` targets generate,
and over the templates of any other target tagged `cfn-lint` (e.g. an `adhoc_tool` assembling a stack).

The templates exist only as codegen output, so the linter hydrates each target's sources with
codegen (the same `resources` or `files` that `export-codegen` writes and Python targets see) and runs
one cfn-lint process over all of them. Findings name the generated file and line (`--format parseable`,
`path:line:col:...`); the result lists which C# file (or tagged target) each failing template came from.

cfn-lint installs from a Python resolve (`[cfn-lint].install_from_resolve`, with `requirements`
selecting it from that resolve's lockfile): Pants ships no lockfile for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Tuple

from pants.backend.python.subsystems.python_tool_base import PythonToolBase
from pants.backend.python.target_types import ConsoleScript
from pants.backend.python.util_rules import pex
from pants.backend.python.util_rules.pex import PexRequest, VenvPex, VenvPexProcess
from pants.backend.python.util_rules.pex_requirements import EntireLockfile, PexRequirements
from pants.core.goals.lint import LintResult, LintTargetsRequest
from pants.core.target_types import FileSourceField, ResourceSourceField
from pants.core.util_rules.partitions import PartitionerType
from pants.engine.process import FallibleProcessResult
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.target import FieldSet, SourcesField, Tags, Target
from pants.option.option_types import ArgsListOption, SkipOption, StrListOption
from pants.util.logging import LogLevel
from pants.util.meta import classproperty
from pants.util.strutil import pluralize, softwrap

from schema_sync_pants.generated_files import hydrate_generated_files, origins_of_findings
from schema_sync_pants.target_types import CsharpTableTemplateSourceField


class CfnLint(PythonToolBase):
    options_scope = "cfn-lint"
    name = "cfn-lint"
    help = softwrap(
        """
        cfn-lint (https://github.com/aws-cloudformation/cfn-lint) over the CloudFormation table
        templates that `csharp_table_template` targets generate, in `pants lint`.
        """
    )

    default_version = "cfn-lint>=1,<2"
    default_requirements = ["cfn-lint>=1,<2"]
    default_main = ConsoleScript("cfn-lint")
    # Left at their default, the resolve's interpreter constraints apply (`to_pex_request`).
    register_interpreter_constraints = True
    # PythonToolBase insists on one; never read: `pex_requirements` requires `install_from_resolve`.
    default_lockfile_resource = ("schema_sync_pants", "cfn_lint.lock")

    @classproperty
    def default_lockfile_url(cls) -> str:  # (Pants ships none for cfn-lint: the help text shows this.)
        return "(none: set `[cfn-lint].install_from_resolve` to a resolve that provides cfn-lint)"

    def pex_requirements(self, *, extra_requirements: Iterable[str] = ()) -> PexRequirements | EntireLockfile:
        if not self.install_from_resolve:
            raise ValueError(
                "set `[cfn-lint].install_from_resolve` to a Python resolve that provides cfn-lint "
                "(and `requirements = [\"cfn-lint\"]` to install only it): Pants ships no lockfile for it"
            )
        return super().pex_requirements(extra_requirements=extra_requirements)

    skip = SkipOption("lint")
    regions = StrListOption(
        default=["us-east-1"],
        help="The AWS regions cfn-lint checks the templates against (`--regions`).",
    )
    args = ArgsListOption(example="--ignore-checks W3005")


# The tag that opts another target's (generated) CloudFormation templates into cfn-lint.
CFN_LINT_TAG = "cfn-lint"


@dataclass(frozen=True)
class CfnLintFieldSet(FieldSet):
    required_fields = (SourcesField,)

    source: SourcesField

    @classmethod
    def opt_out(cls, tgt: Target) -> bool:
        tagged = CFN_LINT_TAG in (tgt.get(Tags).value or ())
        return not (tagged or tgt.has_field(CsharpTableTemplateSourceField))

    @property
    def origin(self) -> str:
        """What its templates are generated from: the C# file, or the tagged target."""
        if isinstance(self.source, CsharpTableTemplateSourceField):
            return self.source.file_path
        return self.address.spec


class CfnLintRequest(LintTargetsRequest):
    field_set_type = CfnLintFieldSet
    tool_subsystem = CfnLint
    partitioner_type = PartitionerType.DEFAULT_SINGLE_PARTITION


def cfn_lint_argv(cfn_lint: CfnLint, templates: Iterable[str]) -> Tuple[str, ...]:
    return ("--format", "parseable", "--regions", *cfn_lint.regions, *cfn_lint.args, "--", *templates)


@rule(desc="Lint generated CloudFormation templates with cfn-lint", level=LogLevel.DEBUG)
async def cfn_lint_generated_templates(
    request: CfnLintRequest.Batch[CfnLintFieldSet, Any], cfn_lint: CfnLint
) -> LintResult:
    def result(exit_code: int, stdout: str, stderr: str = "") -> LintResult:
        return LintResult(exit_code, stdout, stderr, CfnLintRequest.tool_name, request.partition_metadata.description)

    field_sets = request.elements
    generated = await hydrate_generated_files(
        ((fs.source, fs.origin) for fs in field_sets),
        output_types=(ResourceSourceField, FileSourceField),
        extensions=(".yaml", ".yml", ".json"),
    )
    if not generated.origins:
        return result(0, f"no templates generated by {pluralize(len(field_sets), 'target')}: nothing to check\n")
    templates = generated.paths
    tool = await Get(VenvPex, PexRequest, cfn_lint.to_pex_request())
    process_result = await Get(
        FallibleProcessResult,
        VenvPexProcess(
            tool,
            argv=cfn_lint_argv(cfn_lint, templates),
            input_digest=generated.digest,
            description=f"Run cfn-lint on {pluralize(len(templates), 'generated template')}.",
            level=LogLevel.DEBUG,
        ),
    )
    stdout = process_result.stdout.decode("utf-8", "replace")
    stderr = process_result.stderr.decode("utf-8", "replace")
    if process_result.exit_code == 0:
        return result(0, stdout + f"{pluralize(len(templates), 'generated template')} passed cfn-lint\n", stderr)
    return result(process_result.exit_code, stdout + origins_of_findings(stdout, generated.origins), stderr)


def rules() -> Tuple[object, ...]:
    pex_rules = pex.rules()  # type: ignore[no-untyped-call]
    return (*collect_rules(), *CfnLintRequest.rules(), *CfnLint.rules(), *pex_rules)
