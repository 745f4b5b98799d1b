"""RuleRunner tests: each rule of the plugin against a small repo written per test."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence, Set, Tuple, Type

import pytest
from pants.backend.python import target_types_rules
from pants.backend.python.dependency_inference import rules as python_dep_inference
from pants.backend.python.target_types import (
    PythonRequirementTarget,
    PythonSourceField,
    PythonSourcesGeneratorTarget,
)
from pants.core.goals.check import CheckResults
from pants.core.goals.lint import LintResult
from pants.core.goals.tailor import PutativeTarget, PutativeTargets
from pants.core.target_types import FilesGeneratorTarget, ResourceSourceField
from pants.core.util_rules import source_files
from pants.engine.addresses import Address, Addresses
from pants.engine.fs import CreateDigest, Digest, DigestContents, FileContent
from pants.engine.rules import QueryRule
from pants.engine.target import (
    Dependencies,
    DependenciesRequest,
    HydratedSources,
    HydrateSourcesRequest,
    SourcesField,
)
from pants.option.errors import ParseError
from pants.source.source_root import NoSourceRootError
from pants.testutil.option_util import create_subsystem
from pants.testutil.rule_runner import RuleRunner, engine_error

from schema_sync.emit.python_package import package_markers
from schema_sync.options import Options
from schema_sync_pants import register
from schema_sync_pants.cfn_lint import CfnLint, CfnLintFieldSet, cfn_lint_argv
from schema_sync_pants.generated_files import origins_of_findings
from schema_sync_pants.generation import CsharpModelError
from schema_sync_pants.python_codegen import MissingCsharpModelRuntime
from schema_sync_pants.schema_lock import SchemaLockFieldSet, SchemaLockLintRequest, UpdateSchemaLock
from schema_sync_pants.service import CsharpServiceError
from schema_sync_pants.tailor import PutativeCsharpModelTargetsRequest
from schema_sync_pants.target_types import (
    CsharpModelRuntimeSourcesField,
    CsharpModelRuntimeTarget,
    CsharpModelsGeneratorTarget,
    CsharpModelSourceField,
    CsharpTableTemplateSourceField,
    CsharpTypeScriptSourceField,
    TypeScriptSourceField,
)
from schema_sync_pants.tsc import TscFieldSet, TscNotConfigured, TscRequest
from schema_sync_pants.typescript_codegen import MissingCsharpTypeScriptTarget

BASE = """\
using System;
using Amazon.DynamoDBv2.DataModel;

namespace Acme.Data.Common
{
    public abstract class AuditedModel
    {
        [DynamoDBProperty("created_at")]
        public DateTime CreatedAt { get; set; }
    }
}
"""

NAMES = """\
namespace Acme.Data.Constants;

public static class TableNames
{
    public const string Prefix = "acme_";
    public const string Goals = Prefix + "goals";
}
"""

GOAL = """\
#nullable enable
using Amazon.DynamoDBv2.DataModel;
using Acme.Data.Common;
using Acme.Data.Constants;

namespace Acme.Data;

/// <summary>A goal.</summary>
[DynamoDBTable(TableNames.Goals)]
public class GoalDataModel : AuditedModel
{
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; } = "";

    [DynamoDBProperty("title")]
    public string Title { get; set; } = "";
}
"""

DOMAIN = """\
namespace Acme.Domain;

public class Goal
{
    public string Title { get; set; } = "";
}
"""

FILES: Dict[str, str] = {
    "src/cs/Data/BUILD": "csharp_models()\ncsharp_table_templates(name='tables')\ncsharp_typescript_types(name='ts')\n"
    "csharp_model_runtime(name='runtime')",
    "src/cs/Data/GoalDataModel.cs": GOAL,
    "src/cs/Data/Common/BUILD": "csharp_models()",
    "src/cs/Data/Common/AuditedModel.cs": BASE,
    "src/cs/Data/Constants/BUILD": "csharp_models()",
    "src/cs/Data/Constants/TableNames.cs": NAMES,
    "3rdparty/BUILD": "python_requirement(name='pydantic', requirements=['pydantic>=2'])",
    "src/py/app/BUILD": "python_sources()",
    "src/py/app/service.py": "from acme_models.goal_data_model import GoalDataModel\n",
}

OPTIONS = [
    "--source-root-patterns=['/src/cs', '/src/py']",
    "--python-enable-resolves",
    "--python-infer-use-rust-parser",
    "--schema-sync-python-package=acme_models",
]
ENV = {"PATH", "PYENV_ROOT", "HOME"}

GOAL_MODEL = Address("src/cs/Data", relative_file_path="GoalDataModel.cs")
BASE_MODEL = Address("src/cs/Data/Common", relative_file_path="AuditedModel.cs")
NAMES_MODEL = Address("src/cs/Data/Constants", relative_file_path="TableNames.cs")
RUNTIME = Address("src/cs/Data", target_name="runtime")
PYDANTIC = Address("3rdparty", target_name="pydantic")


@pytest.fixture()
def rule_runner() -> RuleRunner:
    runner = RuleRunner(
        rules=[
            *register.rules(),
            *python_dep_inference.rules(),
            *target_types_rules.rules(),
            *source_files.rules(),
            QueryRule(HydratedSources, [HydrateSourcesRequest]),
            QueryRule(Addresses, [DependenciesRequest]),
            QueryRule(PutativeTargets, [PutativeCsharpModelTargetsRequest]),
            QueryRule(DigestContents, [Digest]),
            QueryRule(LintResult, [SchemaLockLintRequest.Batch]),
            QueryRule(CheckResults, [TscRequest]),
        ],
        target_types=[
            *register.target_types(),
            PythonSourcesGeneratorTarget,
            PythonRequirementTarget,
            FilesGeneratorTarget,
        ],
    )
    runner.set_options(OPTIONS, env_inherit=ENV)
    runner.write_files(FILES)
    return runner


def generate(
    runner: RuleRunner, address: Address, field: Type[SourcesField], output: Type[SourcesField]
) -> Dict[str, str]:
    target = runner.get_target(address)
    hydrated = runner.request(
        HydratedSources, [HydrateSourcesRequest(target[field], for_sources_types=(output,), enable_codegen=True)]
    )
    contents = runner.request(DigestContents, [hydrated.snapshot.digest])
    return {f.path: f.content.decode() for f in contents}


def dependencies(runner: RuleRunner, address: Address) -> Tuple[Address, ...]:
    target = runner.get_target(address)
    return tuple(runner.request(Addresses, [DependenciesRequest(target[Dependencies])]))


def test_python_codegen_writes_the_module_under_the_source_root(rule_runner: RuleRunner) -> None:
    files = generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    assert list(files) == ["src/cs/acme_models/goal_data_model.py"]  # the runtime comes from its own target
    module = files["src/cs/acme_models/goal_data_model.py"]
    assert "class GoalDataModel(AuditedModel)" in module
    assert "from acme_models.audited_model import AuditedModel" in module
    # The table name, with constants resolved across files.
    assert "TABLE_NAME: ClassVar[str] = 'acme_goals'" in module


def test_the_runtime_target_generates_the_runtime_and_makes_the_package_regular_and_typed(
    rule_runner: RuleRunner,
) -> None:
    files = generate(rule_runner, RUNTIME, CsharpModelRuntimeSourcesField, PythonSourceField)
    assert sorted(files) == [
        "src/cs/acme_models/__init__.py", "src/cs/acme_models/_runtime.py", "src/cs/acme_models/py.typed"
    ]
    assert "class DynamoModel(" in files["src/cs/acme_models/_runtime.py"]
    # What `generate` writes into its package (py.typed: mypy reads the IDE export's copy, which a
    # `.pth` file puts on site-packages' path, only with it).
    markers = package_markers(Options(python_package="acme_models"))
    assert {path: files[f"src/cs/{path}"] for path in markers} == markers
    # A dotted package's enclosing packages may be the repository's own: no `__init__.py` for them.
    other_package = [o for o in OPTIONS if not o.startswith("--schema-sync-python-package=")]
    rule_runner.set_options([*other_package, "--schema-sync-python-package=acme.models"], env_inherit=ENV)
    dotted = generate(rule_runner, RUNTIME, CsharpModelRuntimeSourcesField, PythonSourceField)
    assert sorted(dotted) == [
        "src/cs/acme/models/__init__.py", "src/cs/acme/models/_runtime.py", "src/cs/acme/models/py.typed"
    ]


def test_every_model_depends_on_its_resolves_runtime_which_depends_on_pydantic(rule_runner: RuleRunner) -> None:
    assert RUNTIME in dependencies(rule_runner, GOAL_MODEL)
    assert RUNTIME in dependencies(rule_runner, NAMES_MODEL)  # even a file without models: cheap, uniform
    assert dependencies(rule_runner, RUNTIME) == (PYDANTIC,)
    rule_runner.write_files({"src/py/app/service.py": "from acme_models._runtime import DynamoModel\n"})
    assert dependencies(rule_runner, Address("src/py/app", relative_file_path="service.py")) == (RUNTIME,)


def test_python_generation_needs_exactly_one_runtime_target_per_resolve(rule_runner: RuleRunner) -> None:
    build = FILES["src/cs/Data/BUILD"]
    rule_runner.write_files({"src/cs/Data/BUILD": build.replace("csharp_model_runtime(name='runtime')", "")})
    with engine_error(MissingCsharpModelRuntime, contains="the Python resolve 'python-default' has no"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    # Only Python generation needs it: the other generators walk the same dependencies and work.
    assert RUNTIME not in dependencies(rule_runner, GOAL_MODEL)
    tables = Address("src/cs/Data", target_name="tables", relative_file_path="GoalDataModel.cs")
    assert generate(rule_runner, tables, CsharpTableTemplateSourceField, ResourceSourceField)
    rule_runner.write_files({"src/cs/Data/BUILD": build + "\ncsharp_model_runtime(name='again')"})
    with engine_error(MissingCsharpModelRuntime, contains="src/cs/Data:again, src/cs/Data:runtime"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)


def test_codegen_is_deterministic(rule_runner: RuleRunner) -> None:
    first = generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    rule_runner.write_files({"src/cs/Data/Other.cs": "namespace Acme.Data; public class Other {}"})
    assert generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField) == first


def test_csharp_dependencies_follow_base_classes_and_constants_across_files(rule_runner: RuleRunner) -> None:
    deps = dependencies(rule_runner, GOAL_MODEL)
    assert BASE_MODEL in deps
    assert NAMES_MODEL in deps


def test_cloudformation_targets_depend_on_their_own_kind_when_it_exists(rule_runner: RuleRunner) -> None:
    deps = dependencies(
        rule_runner, Address("src/cs/Data", target_name="tables", relative_file_path="GoalDataModel.cs")
    )
    # Only the csharp_models generator covers Common/: fall back to its targets.
    assert BASE_MODEL in deps
    assert RUNTIME not in deps and PYDANTIC not in deps


def test_import_of_a_generated_module_infers_the_csharp_model(rule_runner: RuleRunner) -> None:
    target = rule_runner.get_target(Address("src/py/app", relative_file_path="service.py"))
    deps = rule_runner.request(Addresses, [DependenciesRequest(target[Dependencies])])
    assert GOAL_MODEL in deps


def test_two_model_files_of_one_name_get_the_directories_that_tell_them_apart(rule_runner: RuleRunner) -> None:
    status = "namespace Acme.{ns}; public enum Status {{ Open = 0 }}"
    rule_runner.write_files({
        "src/cs/Data/Enums/BUILD": "csharp_models()",
        "src/cs/Data/Enums/Status.cs": status.format(ns="Data.Enums"),
        "src/cs/Data/Legacy/BUILD": "csharp_models()",
        "src/cs/Data/Legacy/Status.cs": status.format(ns="Data.Legacy"),
        "src/py/app/service.py": "import acme_models.enums_status\nimport acme_models.legacy_status\n",
    })
    enums = Address("src/cs/Data/Enums", relative_file_path="Status.cs")
    legacy = Address("src/cs/Data/Legacy", relative_file_path="Status.cs")
    assert list(generate(rule_runner, enums, CsharpModelSourceField, PythonSourceField)) == [
        "src/cs/acme_models/enums_status.py"
    ]
    # Unique names keep their plain stem, and the import of each twin infers its own target.
    assert list(generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)) == [
        "src/cs/acme_models/goal_data_model.py"
    ]
    assert {enums, legacy} <= set(dependencies(rule_runner, Address("src/py/app", relative_file_path="service.py")))


def test_missing_pydantic_requirement_is_reported(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({"3rdparty/BUILD": ""})
    with engine_error(contains="pydantic"):
        dependencies(rule_runner, RUNTIME)


def test_cloudformation_and_typescript_generators(rule_runner: RuleRunner) -> None:
    cfn = generate(
        rule_runner,
        Address("src/cs/Data", target_name="tables", relative_file_path="GoalDataModel.cs"),
        CsharpTableTemplateSourceField,
        ResourceSourceField,
    )
    assert any(path.startswith("src/cs/") and path.endswith(".yaml") for path in cfn)
    assert any("AWS::DynamoDB::Table" in text for text in cfn.values())
    ts = generate(
        rule_runner,
        Address("src/cs/Data", target_name="ts", relative_file_path="GoalDataModel.cs"),
        CsharpTypeScriptSourceField,
        TypeScriptSourceField,
    )
    assert any("goal_id" in text for path, text in ts.items() if path.endswith(".ts"))


def test_errors_fail_with_file_line_col_and_generate_nothing(rule_runner: RuleRunner) -> None:
    rule_runner.write_files(
        {
            "src/cs/Data/GoalDataModel.cs": GOAL.replace(
                'public string GoalId { get; set; } = "";',
                "public System.Collections.Generic.List<string> GoalId { get; set; }",
            )
        }
    )
    with engine_error(CsharpModelError, contains="src/cs/Data/GoalDataModel.cs:13:"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)


def tailor(runner: RuleRunner, *dirs: str) -> List[PutativeTarget]:
    return sorted(
        runner.request(PutativeTargets, [PutativeCsharpModelTargetsRequest(dirs)]), key=lambda p: (p.path, p.type_alias)
    )


def test_tailor_adds_csharp_models_for_model_directories_only(rule_runner: RuleRunner) -> None:
    rule_runner.write_files(
        {
            "src/cs/Data/BUILD": "",
            "src/cs/Data/Common/BUILD": "",
            "src/cs/Data/Constants/BUILD": "",
            "src/cs/Domain/Goal.cs": DOMAIN,
            # Other targets over the same files (e.g. for tests that read them) generate nothing.
            "src/cs/BUILD": "files(name='all-cs', sources=['**/*.cs'])",
        }
    )
    putative = tailor(rule_runner, "src/cs/Data", "src/cs/Data/Common", "src/cs/Data/Constants", "src/cs/Domain")
    assert putative == [
        PutativeTarget.for_target_type(CsharpModelRuntimeTarget, "src/cs/Data", "runtime", []),
        *(
            PutativeTarget.for_target_type(CsharpModelsGeneratorTarget, path, None, [name])
            for path, name in [
                ("src/cs/Data", "GoalDataModel.cs"),
                ("src/cs/Data/Common", "AuditedModel.cs"),
                ("src/cs/Data/Constants", "TableNames.cs"),
            ]
        ),
    ]


def test_tailor_adds_a_runtime_only_where_a_resolve_lacks_one(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({"src/cs/Data/BUILD": "csharp_models()", "src/cs/Data/Common/BUILD": ""})
    # The resolve's model directories that are tailored: the first gets it.
    assert [(p.path, p.type_alias) for p in tailor(rule_runner, "src/cs/Data/Common")] == [
        ("src/cs/Data/Common", "csharp_model_runtime"),
        ("src/cs/Data/Common", "csharp_models"),
    ]
    assert [(p.path, p.type_alias) for p in tailor(rule_runner, "src/cs/Data")] == [
        ("src/cs/Data", "csharp_model_runtime")
    ]
    assert tailor(rule_runner, "src/cs/Domain") == []  # no model directory tailored
    rule_runner.write_files({"src/cs/Data/BUILD": "csharp_models()\ncsharp_model_runtime(name='runtime')"})
    assert tailor(rule_runner, "src/cs/Data") == []


def test_tailor_writes_the_resolve_only_where_it_is_not_the_default(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({"src/cs/Data/BUILD": "csharp_models(resolve='other')"})
    rule_runner.set_options(
        [*OPTIONS, "--python-resolves={'python-default': 'a.lock', 'other': 'b.lock'}"], env_inherit=ENV
    )
    assert [(p.type_alias, dict(p.kwargs)) for p in tailor(rule_runner, "src/cs/Data")] == [
        ("csharp_model_runtime", {"resolve": "other"})
    ]
    # Without resolves every target is in one: no `resolve=` at all.
    rule_runner.set_options([o for o in OPTIONS if o != "--python-enable-resolves"], env_inherit=ENV)
    assert [(p.type_alias, dict(p.kwargs)) for p in tailor(rule_runner, "src/cs/Data")] == [
        ("csharp_model_runtime", {})
    ]


def test_subsystem_options_reach_the_generators(rule_runner: RuleRunner) -> None:
    rule_runner.set_options(
        [
            "--source-root-patterns=['/src/cs', '/src/py']",
            "--python-enable-resolves",
            "--python-infer-use-rust-parser",
            "--schema-sync-python-package=other_models",
            "--schema-sync-conversion=V2",
            "--schema-sync-table-name-template=acme-{table}-${Stage}",
        ],
        env_inherit={"PATH", "PYENV_ROOT", "HOME"},
    )
    module = generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)[
        "src/cs/other_models/goal_data_model.py"
    ]
    assert "CONVERSION: ClassVar[str] = 'V2'" in module
    templates = generate(
        rule_runner,
        Address("src/cs/Data", target_name="tables", relative_file_path="GoalDataModel.cs"),
        CsharpTableTemplateSourceField,
        ResourceSourceField,
    )
    assert any("acme-acme_goals-${Stage}" in text for text in templates.values())


@pytest.mark.parametrize(
    "flag, typo, allowed",
    [("--schema-sync-conversion", "v2", "V1, V2"), ("--schema-sync-nullable-context", "enabled", "enable, disable")],
)
def test_a_value_outside_a_closed_set_fails_as_pants_parses_the_option(
    rule_runner: RuleRunner, flag: str, typo: str, allowed: str
) -> None:
    rule_runner.set_options([*OPTIONS, f"{flag}={typo}"], env_inherit=ENV)
    with engine_error(ParseError, contains=f"Invalid choice '{typo}'. Choose from: {allowed}"):
        generate(rule_runner, RUNTIME, CsharpModelRuntimeSourcesField, PythonSourceField)


def test_a_plain_class_stored_by_another_files_table_gets_its_own_module(rule_runner: RuleRunner) -> None:
    """Address.cs has no DynamoDB attribute and depends on nothing; only Customer.cs, a V2 table
    that stores it, makes it a model. Its own target must still generate it, stored as V2."""
    rule_runner.write_files(
        {
            "src/cs/Data/Address.cs": "namespace Acme.Data;\n\npublic class Address\n{\n"
            "    public bool Verified { get; set; }\n}\n",
            "src/cs/Data/Customer.cs": "using Amazon.DynamoDBv2.DataModel;\n\nnamespace Acme.Data;\n\n"
            '[DynamoDBTable("customers", Conversion = DynamoDBEntryConversion.V2)]\n'
            "public class Customer\n{\n"
            '    [DynamoDBHashKey("id")]\n    public string Id { get; set; } = "";\n\n'
            "    public Address? Home { get; set; }\n}\n",
        }
    )
    address = Address("src/cs/Data", relative_file_path="Address.cs")
    files = generate(rule_runner, address, CsharpModelSourceField, PythonSourceField)
    module = files["src/cs/acme_models/address.py"]
    assert "class Address(_rt.DynamoModel)" in module
    assert "CONVERSION: ClassVar[str] = 'V2'" in module
    assert "_rt.FieldSpec('verified', 'Verified', _rt.BOOL)" in module  # BOOL, not N: from CONVERSION
    customer_model = Address("src/cs/Data", relative_file_path="Customer.cs")
    customer = generate(rule_runner, customer_model, CsharpModelSourceField, PythonSourceField)
    assert "from acme_models.address import Address" in customer["src/cs/acme_models/customer.py"]
    ts_address = Address("src/cs/Data", target_name="ts", relative_file_path="Address.cs")
    ts = generate(rule_runner, ts_address, CsharpTypeScriptSourceField, TypeScriptSourceField)
    assert any("interface Address" in text for path, text in ts.items() if path.endswith(".ts")), sorted(ts)


def test_a_class_stored_with_two_schemas_is_warned_about_once(
    rule_runner: RuleRunner, caplog: pytest.LogCaptureFixture
) -> None:
    table = 'using Amazon.DynamoDBv2.DataModel;\nnamespace Acme.Data;\n[DynamoDBTable("{name}"{extra})]\n'
    table += 'public class {name}\n{{\n    [DynamoDBHashKey("id")]\n    public string Id {{ get; set; }} = "";\n'
    table += "    public Address? Home {{ get; set; }}\n}}\n"
    rule_runner.write_files(
        {
            "src/cs/Data/Address.cs": "namespace Acme.Data;\npublic class Address { public bool Ok { get; set; } }",
            "src/cs/Data/New.cs": table.format(name="New", extra=", Conversion = DynamoDBEntryConversion.V2"),
            "src/cs/Data/Old.cs": table.format(name="Old", extra=""),
        }
    )
    address = Address("src/cs/Data", relative_file_path="Address.cs")
    files = generate(rule_runner, address, CsharpModelSourceField, PythonSourceField)
    assert "CONVERSION: ClassVar[str] = 'V1'" in files["src/cs/acme_models/address.py"]
    warning = "src/cs/Data/Address.cs:2:14: warning: Address is stored by tables with different conversion schemas"
    assert caplog.text.count(warning) == 1


def test_a_warning_in_a_base_class_is_logged_once_by_its_own_target(
    rule_runner: RuleRunner, caplog: pytest.LogCaptureFixture
) -> None:
    rule_runner.write_files(
        {
            "src/cs/Data/Common/AuditedModel.cs": BASE.replace(
                '[DynamoDBProperty("created_at")]', '[DynamoDBProperty("created_at")]\n        [DynamoDBMystery]'
            ),
            "src/cs/Data/Other.cs": GOAL.replace("GoalDataModel", "OtherModel").replace("TableNames.Goals", '"others"'),
        }
    )
    for model in (GOAL_MODEL, Address("src/cs/Data", relative_file_path="Other.cs"), BASE_MODEL):
        generate(rule_runner, model, CsharpModelSourceField, PythonSourceField)
    warning = "src/cs/Data/Common/AuditedModel.cs:9:10: warning: unknown DynamoDB attribute [DynamoDBMystery] ignored"
    assert caplog.text.count(warning) == 1, caplog.text


def test_backend_fixes_create_digest_hash() -> None:
    """The backend's backport of pantsbuild/pants#18250: one `CreateDigest` per generated target
    is only linear if different contents hash differently."""
    register.rules()
    assert hash(CreateDigest([FileContent("a.py", b"")])) != hash(CreateDigest([FileContent("b.py", b"")]))
    assert hash(CreateDigest([FileContent("a.py", b"x")])) == hash(CreateDigest([FileContent("a.py", b"x")]))



def test_a_module_two_targets_generate_is_ambiguous_until_one_is_ignored(
    rule_runner: RuleRunner, caplog: pytest.LogCaptureFixture
) -> None:
    rule_runner.write_files(
        {"src/cs/Data/BUILD": "csharp_models()\ncsharp_models(name='again', sources=['GoalDataModel.cs'])"}
    )
    rule_runner.set_options([*OPTIONS, "--python-infer-unowned-dependency-behavior=error"], env_inherit=ENV)
    service = Address("src/py/app", relative_file_path="service.py")
    with engine_error(contains="acme_models.goal_data_model.GoalDataModel"):
        rule_runner.request(Addresses, [DependenciesRequest(rule_runner.get_target(service)[Dependencies])])
    assert "more than one target owns this module" in caplog.text
    assert "src/cs/Data/GoalDataModel.cs:again" in caplog.text

    # Pants 2.17 disambiguates by ignores only (an explicit include still leaves the import unowned).
    ignore_one = "python_sources(dependencies=['!src/cs/Data/GoalDataModel.cs:again'])"
    rule_runner.write_files({"src/py/app/BUILD": ignore_one})
    deps = rule_runner.request(Addresses, [DependenciesRequest(rule_runner.get_target(service)[Dependencies])])
    assert GOAL_MODEL in deps


# The second: the package module (its generated `__init__.py`) must stay unmapped, or Pants, which
# tries an unknown module's parent, would take the runtime target for `no_such_model`'s owner.
@pytest.mark.parametrize(
    "statement, unowned",
    [
        ("from acme_models.no_such_model import NoSuchModel", "acme_models.no_such_model.NoSuchModel"),
        ("from acme_models import no_such_model", "acme_models.no_such_model"),
    ],
)
def test_import_of_a_module_no_csharp_file_generates_has_no_owner(
    rule_runner: RuleRunner, statement: str, unowned: str
) -> None:
    rule_runner.write_files({"src/py/app/service.py": statement + "\n"})
    rule_runner.set_options([*OPTIONS, "--python-infer-unowned-dependency-behavior=error"], env_inherit=ENV)
    service = rule_runner.get_target(Address("src/py/app", relative_file_path="service.py"))
    with engine_error(contains=unowned):
        rule_runner.request(Addresses, [DependenciesRequest(service[Dependencies])])


class _NoPartitionMetadata:
    description = None


def lint_schema_lock(runner: RuleRunner, *addresses: Address) -> LintResult:
    field_sets = tuple(SchemaLockFieldSet.create(runner.get_target(a)) for a in addresses)
    batch = SchemaLockLintRequest.Batch("schema-lock", field_sets, _NoPartitionMetadata())
    return runner.request(LintResult, [batch])


def test_schema_lock_lint_against_the_lock_update_schema_lock_writes(rule_runner: RuleRunner) -> None:
    unconfigured = lint_schema_lock(rule_runner, GOAL_MODEL)
    assert (unconfigured.exit_code, unconfigured.stdout) == (
        0, "no schema lock configured ([schema-sync].schema_lock): nothing to check\n"
    )
    rule_runner.set_options([*OPTIONS, "--schema-sync-schema-lock=src/cs/schema.lock.json"], env_inherit=ENV)
    missing = lint_schema_lock(rule_runner, GOAL_MODEL)
    assert missing.exit_code == 0 and missing.stdout.startswith("no schema lock at src/cs/schema.lock.json")

    written = rule_runner.run_goal_rule(UpdateSchemaLock, args=["--schema-sync-schema-lock=src/cs/schema.lock.json"])
    assert (written.exit_code, written.stdout) == (0, "wrote src/cs/schema.lock.json (1 tables)\n")
    lock = (Path(rule_runner.build_root) / "src/cs/schema.lock.json").read_text()
    assert '"acme_goals"' in lock and '"hash_key": [\n        {\n          "name": "goal_id"' in lock
    # The goal wrote through the Workspace; this test engine has no file watcher that reliably tells
    # it (the next real run does), so the file is announced as `write_files` announces an edit.
    rule_runner.write_files({"src/cs/schema.lock.json": lock})
    clean = lint_schema_lock(rule_runner, GOAL_MODEL, BASE_MODEL)
    assert (clean.exit_code, clean.stdout) == (0, "the schema matches src/cs/schema.lock.json\n")

    rule_runner.write_files({"src/cs/Data/GoalDataModel.cs": GOAL.replace('[DynamoDBHashKey("goal_id")]',
                                                                         '[DynamoDBHashKey("id")]')})
    broken = lint_schema_lock(rule_runner, GOAL_MODEL)
    assert broken.exit_code == 1
    line = GOAL.splitlines().index('    [DynamoDBHashKey("goal_id")]') + 2  # the property, after its attribute
    assert broken.stdout.startswith(f"src/cs/Data/GoalDataModel.cs:{line}: replacement: table acme_goals: hash key")
    assert "1 breaking schema change(s) against src/cs/schema.lock.json" in broken.stdout
    # Findings belong to the linted files: another target's lint does not repeat them.
    elsewhere = lint_schema_lock(rule_runner, BASE_MODEL)
    assert (elsewhere.exit_code, elsewhere.stdout) == (0, (
        "the schema matches src/cs/schema.lock.json\n(1 more finding(s) in C# files not linted here)\n"
    ))


TABLES = Address("src/cs/Data", target_name="tables", relative_file_path="GoalDataModel.cs")


def test_cfn_lint_lints_the_table_template_targets_with_parseable_findings(rule_runner: RuleRunner) -> None:
    """The process itself runs in `./pants lint` (the tool PEX needs the repository's pex and
    lockfile); here: which targets it lints, its arguments, and how findings name their C# file."""
    assert CfnLintFieldSet.is_applicable(rule_runner.get_target(TABLES))
    assert CfnLintFieldSet.create(rule_runner.get_target(TABLES)).origin == "src/cs/Data/GoalDataModel.cs"
    assert not CfnLintFieldSet.is_applicable(rule_runner.get_target(GOAL_MODEL))
    # Any other target tagged `cfn-lint` too (pp_ai's assembled stack, an `adhoc_tool`): named by address.
    rule_runner.write_files({
        "src/stack/BUILD": "files(sources=['stack.yaml'], tags=['cfn-lint'])\nfiles(name='plain', sources=['x.yaml'])",
        "src/stack/stack.yaml": "Resources: {}\n",
        "src/stack/x.yaml": "Resources: {}\n",
    })
    tagged = rule_runner.get_target(Address("src/stack", relative_file_path="stack.yaml"))
    assert CfnLintFieldSet.is_applicable(tagged) and CfnLintFieldSet.create(tagged).origin == "src/stack/stack.yaml"
    assert not CfnLintFieldSet.is_applicable(
        rule_runner.get_target(Address("src/stack", target_name="plain", relative_file_path="x.yaml"))
    )
    templates = generate(rule_runner, TABLES, CsharpTableTemplateSourceField, ResourceSourceField)
    assert list(templates) == ["src/cs/cloudformation/acme_goals-table.yaml"]

    cfn_lint = create_subsystem(CfnLint, regions=["us-east-1"], args=["--ignore-checks", "W3005"])
    assert cfn_lint_argv(cfn_lint, ["a.yaml", "b.yaml"]) == (
        "--format", "parseable", "--regions", "us-east-1", "--ignore-checks", "W3005", "--", "a.yaml", "b.yaml"
    )
    stdout = (
        "b.yaml:19:7:19:16:E1019:'Region' is not one of ['Stage']\n"
        "b.yaml:9:3:9:8:W2001:Parameter Stage not used.\n"
        "a.yaml:1:1:1:2:E0000:broken\n"
    )
    origins = {"a.yaml": "A.cs", "b.yaml": "B.cs", "c.yaml": "C.cs"}
    assert origins_of_findings(stdout, origins) == "b.yaml is generated from B.cs\na.yaml is generated from A.cs\n"


# --- several .NET services: generation options per target ---------------------------------------

BILLING_ENTITY = """\
using Amazon.DynamoDBv2.DataModel;

namespace Billing.Shared;

public abstract class BillingEntity
{
    [DynamoDBProperty("tenant_id")]
    public string TenantId { get; set; } = "";
}
"""

INVOICE = """\
using Amazon.DynamoDBv2.DataModel;
using Billing.Shared;

namespace Billing.Data;

[DynamoDBTable("invoices")]
public class Invoice : BillingEntity
{
    [DynamoDBHashKey("invoice_id")]
    public string InvoiceId { get; set; } = "";

    [DynamoDBProperty("paid")]
    public bool Paid { get; set; }

    [DynamoDBProperty("note")]
    public string Note { get; set; } = "";
}
"""

BILLING_DEFAULTS = """\
__defaults__(all=dict(
    python_package="billing_models",
    conversion="V2",
    nullable_context="enable",
    table_name_template="billing-{table}-${Stage}",
    schema_lock="src/cs/Billing/schema.lock.json",
))
"""

BILLING: Dict[str, str] = {
    "src/cs/Billing/BUILD": BILLING_DEFAULTS,
    "src/cs/Billing/Data/BUILD": "csharp_models()\ncsharp_table_templates(name='tables')\n"
    "csharp_model_runtime(name='runtime')",
    "src/cs/Billing/Data/Invoice.cs": INVOICE,
    "src/cs/Billing/Shared/BUILD": "csharp_models()",
    "src/cs/Billing/Shared/BillingEntity.cs": BILLING_ENTITY,
}
INVOICE_MODEL = Address("src/cs/Billing/Data", relative_file_path="Invoice.cs")
INVOICE_TABLES = Address("src/cs/Billing/Data", target_name="tables", relative_file_path="Invoice.cs")
BILLING_ENTITY_MODEL = Address("src/cs/Billing/Shared", relative_file_path="BillingEntity.cs")
BILLING_RUNTIME = Address("src/cs/Billing/Data", target_name="runtime")
BILLING_LOCK = "src/cs/Billing/schema.lock.json"
ACME_LOCK = "src/cs/schema.lock.json"


def add_billing(runner: RuleRunner) -> RuleRunner:
    """Beside the acme service of `FILES` ([schema-sync]'s options), a billing one set by `__defaults__`."""
    runner.write_files(BILLING)
    runner.set_options([*OPTIONS, f"--schema-sync-schema-lock={ACME_LOCK}"], env_inherit=ENV)
    return runner


@pytest.fixture()
def two_services(rule_runner: RuleRunner) -> RuleRunner:
    return add_billing(rule_runner)


def test_each_service_generates_with_its_own_options(rule_runner: RuleRunner) -> None:
    alone = generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    two_services = add_billing(rule_runner)
    invoice = generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)
    module = invoice["src/cs/billing_models/invoice.py"]
    assert "CONVERSION: ClassVar[str] = 'V2'" in module
    assert "_rt.FieldSpec('paid', 'paid', _rt.BOOL)" in module  # V2: bool as BOOL, not N
    assert "note: str = Field(default='')" in module  # nullable_context enable: `string` is not `string?`
    assert "PHYSICAL_TABLE_NAME: ClassVar[str] = 'billing-invoices-${Stage}'" in module
    assert "from billing_models.billing_entity import BillingEntity" in module
    templates = generate(two_services, INVOICE_TABLES, CsharpTableTemplateSourceField, ResourceSourceField)
    assert any("billing-invoices-${Stage}" in text for text in templates.values())
    # The first service keeps [schema-sync]'s options, module names and bytes.
    goal = generate(two_services, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    assert goal == alone
    assert "CONVERSION: ClassVar[str] = 'V1'" in goal["src/cs/acme_models/goal_data_model.py"]


def test_a_file_target_field_overrides_the_generators_and_overrides_work(rule_runner: RuleRunner) -> None:
    overrides = "overrides={'GoalDataModel.cs': {'table_name_template': 'x-{table}-${Stage}'}}"
    rule_runner.write_files({"src/cs/Data/BUILD": "\n".join(
        f"{alias}(name={name!r}, {overrides})"
        for alias, name in [
            ("csharp_models", "Data"), ("csharp_table_templates", "tables"), ("csharp_typescript_types", "ts")
        ]
    ) + "\ncsharp_model_runtime(name='runtime')"})
    templates = generate(rule_runner, TABLES, CsharpTableTemplateSourceField, ResourceSourceField)
    assert "TableName: !Sub 'x-acme_goals-${Stage}'" in templates["src/cs/cloudformation/acme_goals-table.yaml"]
    module = generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    physical = "PHYSICAL_TABLE_NAME: ClassVar[str] = 'x-acme_goals-${Stage}'"
    assert physical in module["src/cs/acme_models/goal_data_model.py"]


def test_a_field_value_outside_a_closed_set_names_the_target_and_the_choices(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({"src/cs/Data/Common/BUILD": "csharp_models(conversion='v2')"})
    with engine_error(contains="src/cs/Data/Common"):
        rule_runner.get_target(BASE_MODEL)
    with engine_error(contains="['V1', 'V2']"):
        rule_runner.get_target(BASE_MODEL)


def test_each_package_of_a_resolve_has_its_runtime_and_its_models_depend_on_it(two_services: RuleRunner) -> None:
    runtime = generate(two_services, BILLING_RUNTIME, CsharpModelRuntimeSourcesField, PythonSourceField)
    assert sorted(runtime) == [
        "src/cs/billing_models/__init__.py", "src/cs/billing_models/_runtime.py", "src/cs/billing_models/py.typed"
    ]
    assert BILLING_RUNTIME in dependencies(two_services, INVOICE_MODEL)
    assert RUNTIME not in dependencies(two_services, INVOICE_MODEL)
    assert RUNTIME in dependencies(two_services, GOAL_MODEL) and BILLING_RUNTIME not in dependencies(
        two_services, GOAL_MODEL
    )
    two_services.write_files({"src/py/app/service.py": (
        "from acme_models.goal_data_model import GoalDataModel\nfrom billing_models.invoice import Invoice\n"
        "from billing_models._runtime import DynamoModel\n"
    )})
    app = dependencies(two_services, Address("src/py/app", relative_file_path="service.py"))
    assert {GOAL_MODEL, INVOICE_MODEL, BILLING_RUNTIME} <= set(app)
    # Without its runtime, the billing package's generation says which target to add.
    two_services.write_files({"src/cs/Billing/Data/BUILD": "csharp_models()"})
    with engine_error(MissingCsharpModelRuntime, contains="csharp_model_runtime(name=\"runtime\", "
                                                          "python_package='billing_models')"):
        generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)
    assert [(p.path, dict(p.kwargs)) for p in tailor(two_services, "src/cs/Billing/Data")] == [
        ("src/cs/Billing/Data", {"python_package": "billing_models"})
    ]


def test_one_package_in_two_resolves_has_a_runtime_per_resolve(rule_runner: RuleRunner) -> None:
    rule_runner.set_options(
        [*OPTIONS, "--python-resolves={'python-default': 'a.lock', 'other': 'b.lock'}"], env_inherit=ENV
    )
    rule_runner.write_files({
        "src/cs/Other/BUILD": "csharp_models(resolve='other')\ncsharp_model_runtime(name='runtime', resolve='other')",
        "src/cs/Other/Note.cs": "namespace Acme.Other;\n\npublic enum NoteKind\n{\n    Plain = 0,\n}\n",
    })
    other_runtime = Address("src/cs/Other", target_name="runtime")
    assert other_runtime in dependencies(rule_runner, Address("src/cs/Other", relative_file_path="Note.cs"))
    assert RUNTIME in dependencies(rule_runner, GOAL_MODEL)
    assert list(generate(rule_runner, other_runtime, CsharpModelRuntimeSourcesField, PythonSourceField)) == [
        "src/cs/acme_models/__init__.py", "src/cs/acme_models/_runtime.py", "src/cs/acme_models/py.typed"
    ]


def test_a_file_owned_by_targets_of_different_options_is_an_error_naming_them(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({"src/cs/Data/BUILD": FILES["src/cs/Data/BUILD"].replace(
        "csharp_table_templates(name='tables')", "csharp_table_templates(name='tables', conversion='V2')"
    ).replace("csharp_typescript_types(name='ts')", "csharp_typescript_types(name='ts', nullable_context='enable')")})
    with engine_error(CsharpServiceError, contains="src/cs/Data/GoalDataModel.cs: error: owned by C# targets with "
                                                   "different generation options"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    with engine_error(CsharpServiceError, contains="src/cs/Data/GoalDataModel.cs:tables (conversion='V2', "
                                                   "python_package='acme_models'"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)
    with engine_error(CsharpServiceError, contains="src/cs/Data/GoalDataModel.cs:ts ("):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)


def test_a_conflict_between_services_fails_its_files_goals_not_the_repositorys_inference(
    rule_runner: RuleRunner,
) -> None:
    """Inference of unrelated Python (and of the conflicting file's importers) still works; the
    goals that generate the file report the conflict."""
    rule_runner.write_files({
        "src/cs/Data/BUILD": FILES["src/cs/Data/BUILD"].replace(
            "csharp_table_templates(name='tables')", "csharp_table_templates(name='tables', conversion='V2')"
        ),
        "src/py/other/BUILD": "python_sources()",
        "src/py/other/plain.py": "import json\n",
    })
    assert dependencies(rule_runner, Address("src/py/other", relative_file_path="plain.py")) == ()
    with engine_error(CsharpServiceError, contains="owned by C# targets with different generation options"):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)


def test_a_csharp_file_outside_every_source_root_fails_its_generation_not_the_repositorys_inference(
    rule_runner: RuleRunner,
) -> None:
    """Where TypeScript and table templates go depends on source roots; a C# file with none fails the
    goals that generate it (Pants names the file), not every Python file's dependency inference."""
    rule_runner.write_files({
        "loose/BUILD": "csharp_models()\ncsharp_table_templates(name='tables')\ncsharp_typescript_types(name='ts')",
        "loose/LooseDataModel.cs": GOAL.replace("TableNames.Goals", '"loose"').replace(": AuditedModel", ""),
        "src/py/other/BUILD": "python_sources()",
        "src/py/other/plain.py": "import json\n",
    })
    assert dependencies(rule_runner, Address("src/py/other", relative_file_path="plain.py")) == ()
    loose = Address("loose", target_name="tables", relative_file_path="LooseDataModel.cs")
    with engine_error(NoSourceRootError, contains="loose"):
        generate(rule_runner, loose, CsharpTableTemplateSourceField, ResourceSourceField)


def test_two_services_writing_one_typescript_module_under_one_source_root_is_an_error(
    two_services: RuleRunner,
) -> None:
    """Billing's GoalDataModel.cs under acme's source root: two `typescript/goal_data_model.ts`."""
    billing_goal = GOAL.replace("namespace Acme.Data;", "namespace Billing.Data;").replace(
        "TableNames.Goals", '"billing_goals"'
    ).replace(": AuditedModel", "")
    two_services.write_files({
        "src/cs/Billing/Data/BUILD": "csharp_models()\ncsharp_typescript_types(name='ts')\n"
        "csharp_model_runtime(name='runtime')",
        "src/cs/Billing/Data/GoalDataModel.cs": billing_goal,
    })
    billing_ts = Address("src/cs/Billing/Data", target_name="ts", relative_file_path="GoalDataModel.cs")
    with engine_error(CsharpServiceError, contains="all generate src/cs/typescript/goal_data_model.ts (targets "):
        generate(two_services, billing_ts, CsharpTypeScriptSourceField, TypeScriptSourceField)
    # Without TypeScript targets in billing, the two same-named files are fine (Python differs by package).
    two_services.write_files({"src/cs/Billing/Data/BUILD": "csharp_models()\ncsharp_model_runtime(name='runtime')"})
    generated = generate(two_services, Address("src/cs/Billing/Data", relative_file_path="GoalDataModel.cs"),
                         CsharpModelSourceField, PythonSourceField)
    assert "src/cs/billing_models/goal_data_model.py" in generated


def test_two_services_writing_one_table_template_under_one_source_root_is_an_error(two_services: RuleRunner) -> None:
    """Billing's table named like acme's, under acme's source root: two `cloudformation/acme_goals-table.yaml`."""
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": INVOICE.replace('"invoices"', '"acme_goals"')})
    clash = ("src/cs/Billing/Data/Invoice.cs: error: src/cs/Billing/Data/Invoice.cs, src/cs/Data/GoalDataModel.cs "
             "all generate src/cs/cloudformation/acme_goals-table.yaml (targets src/cs/Billing/Data/Invoice.cs, "
             "src/cs/Billing/Data/Invoice.cs:tables, src/cs/Data/GoalDataModel.cs, ")
    for tables in (INVOICE_TABLES, TABLES):
        with engine_error(CsharpServiceError, contains=clash):
            generate(two_services, tables, CsharpTableTemplateSourceField, ResourceSourceField)
    # Only the table templates clash: the Python modules differ by package.
    assert generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)
    # Files of one service storing one table write one template, alike: not a clash.
    note = GOAL.replace("GoalDataModel", "GoalNoteModel").replace(": AuditedModel", "")
    two_services.write_files({
        "src/cs/Billing/Data/Invoice.cs": INVOICE,
        "src/cs/Data/GoalNoteModel.cs": note,
    })
    note_tables = Address("src/cs/Data", target_name="tables", relative_file_path="GoalNoteModel.cs")
    both = {**generate(two_services, TABLES, CsharpTableTemplateSourceField, ResourceSourceField),
            **generate(two_services, note_tables, CsharpTableTemplateSourceField, ResourceSourceField)}
    assert list(both) == ["src/cs/cloudformation/acme_goals-table.yaml"]
    # In a source root of its own, billing may name its tables as it likes.
    two_services.set_options([*OPTIONS, "--source-root-patterns=['/src/cs', '/src/py', '/src/cs/Billing']",
                              f"--schema-sync-schema-lock={ACME_LOCK}"], env_inherit=ENV)
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": INVOICE.replace('"invoices"', '"acme_goals"')})
    own_root = generate(two_services, INVOICE_TABLES, CsharpTableTemplateSourceField, ResourceSourceField)
    assert list(own_root) == ["src/cs/Billing/cloudformation/acme_goals-table.yaml"]


def test_a_typescript_import_from_another_source_root_is_relative_to_its_module(two_services: RuleRunner) -> None:
    """Billing, in a source root of its own, stores acme's enum: billing's module imports it from
    acme's `typescript/` directory, not from beside itself."""
    two_services.set_options([*OPTIONS, "--source-root-patterns=['/src/cs', '/src/py', '/src/cs/Billing']",
                              f"--schema-sync-schema-lock={ACME_LOCK}"], env_inherit=ENV)
    two_services.write_files({
        "src/cs/Data/GoalDataModel.cs": GOAL + "\npublic enum GoalStatus\n{\n    Open = 0,\n}\n",
        "src/cs/Billing/Data/BUILD": BILLING["src/cs/Billing/Data/BUILD"] + "\ncsharp_typescript_types(name='ts')",
        "src/cs/Billing/Data/Invoice.cs": INVOICE.replace("using Billing.Shared;", "using Acme.Data;").replace(
            " : BillingEntity", "").replace('    [DynamoDBProperty("note")]', (
                '    public GoalStatus Status { get; set; }\n\n    [DynamoDBProperty("note")]')),
    })
    invoice_ts = Address("src/cs/Billing/Data", target_name="ts", relative_file_path="Invoice.cs")
    goal_ts = Address("src/cs/Data", target_name="ts", relative_file_path="GoalDataModel.cs")
    invoice = generate(two_services, invoice_ts, CsharpTypeScriptSourceField, TypeScriptSourceField)
    goal = generate(two_services, goal_ts, CsharpTypeScriptSourceField, TypeScriptSourceField)
    assert list(goal) == ["src/cs/typescript/goal_data_model.ts"] and "export type GoalStatus" in goal[
        "src/cs/typescript/goal_data_model.ts"]
    module = invoice["src/cs/Billing/typescript/invoice.ts"]
    assert 'import type { GoalStatus } from "../../typescript/goal_data_model";' in module, module
    # Within one source root, modules import each other from beside themselves.
    link = 'using Amazon.DynamoDBv2.DataModel;\nnamespace Billing.Data;\n[DynamoDBTable("links")]\n'
    link += 'public class GoalLink\n{\n    [DynamoDBHashKey("id")]\n    public string Id { get; set; } = "";\n'
    link += "    public Invoice? Invoice { get; set; }\n}\n"
    two_services.write_files({"src/cs/Billing/Data/GoalLink.cs": link})
    link_ts = Address("src/cs/Billing/Data", target_name="ts", relative_file_path="GoalLink.cs")
    linked = generate(two_services, link_ts, CsharpTypeScriptSourceField, TypeScriptSourceField)
    assert 'import type { Invoice } from "./invoice";' in linked["src/cs/Billing/typescript/goal_link.ts"]
    # Without acme's TypeScript target nobody writes goal_data_model.ts: billing's import of it is an error.
    two_services.write_files({"src/cs/Data/BUILD": FILES["src/cs/Data/BUILD"].replace(
        "csharp_typescript_types(name='ts')", "")})
    with engine_error(MissingCsharpTypeScriptTarget, contains=(
        "error: Invoice.Status names the enum GoalStatus of src/cs/Data/GoalDataModel.cs, whose TypeScript module "
        "is not generated"
    )):
        generate(two_services, invoice_ts, CsharpTypeScriptSourceField, TypeScriptSourceField)


GOAL_TS = Address("src/cs/Data", target_name="ts", relative_file_path="GoalDataModel.cs")
GOAL_STATUS = "namespace Acme.Data.Enums;\n\npublic enum GoalStatus\n{\n    Open = 0,\n}\n"


def goal_storing(member: str) -> str:
    """GoalDataModel with `member` (a property line using `Acme.Data.Enums`) before its title."""
    return GOAL.replace("using Acme.Data.Constants;", "using Acme.Data.Constants;\nusing Acme.Data.Enums;").replace(
        '    [DynamoDBProperty("title")]', f"    {member}\n\n    [DynamoDBProperty(\"title\")]")


def position_of(runner: RuleRunner, path: str, text: str) -> str:
    """`path:line:col` of the first `text` in the file, as diagnostics locate a member (at its name)."""
    lines = (Path(runner.build_root) / path).read_text().splitlines()
    line = next(number for number, found in enumerate(lines, 1) if text in found)
    return f"{path}:{line}:{lines[line - 1].index(text) + 1}"


def test_a_typescript_import_of_a_file_without_a_typescript_target_is_an_error_at_the_member(
    rule_runner: RuleRunner,
) -> None:
    """Enums/ has only `csharp_models`: nobody writes `goal_status.ts`, so goal_data_model.ts must not
    import it. The error names the member, the declaring file and the target to add; with that target
    the import resolves."""
    rule_runner.write_files({
        "src/cs/Data/Enums/BUILD": "csharp_models()",
        "src/cs/Data/Enums/GoalStatus.cs": GOAL_STATUS,
        "src/cs/Data/GoalDataModel.cs": goal_storing("public GoalStatus Status { get; set; }"),
    })
    where = position_of(rule_runner, "src/cs/Data/GoalDataModel.cs", "Status {")
    with engine_error(MissingCsharpTypeScriptTarget, contains=(
        f"{where}: error: GoalDataModel.Status names the enum GoalStatus of src/cs/Data/Enums/GoalStatus.cs, "
        "whose TypeScript module is not generated"
    )):
        generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)
    with engine_error(MissingCsharpTypeScriptTarget, contains="`csharp_typescript_types`"):
        generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)
    rule_runner.write_files({"src/cs/Data/Enums/BUILD": "csharp_models()\ncsharp_typescript_types(name='ts')"})
    module = generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)
    assert 'import type { GoalStatus } from "./goal_status";' in module["src/cs/typescript/goal_data_model.ts"]


def test_every_use_of_a_model_without_a_typescript_module_is_an_error(rule_runner: RuleRunner) -> None:
    """A stored class (a nested map), used twice: one error per member, all in one failure."""
    details = ('using Amazon.DynamoDBv2.DataModel;\nnamespace Acme.Data.Enums;\n\npublic class GoalDetails\n{\n'
               '    [DynamoDBProperty("text")]\n    public string Text { get; set; } = "";\n}\n')
    rule_runner.write_files({
        "src/cs/Data/Enums/BUILD": "csharp_models()",
        "src/cs/Data/Enums/GoalDetails.cs": details,
        "src/cs/Data/GoalDataModel.cs": goal_storing(
            "public GoalDetails? Details { get; set; }\n\n    public GoalDetails? Previous { get; set; }"),
    })
    goal = "src/cs/Data/GoalDataModel.cs"
    uses = [f"{position_of(rule_runner, goal, f'{member} {{')}: error: GoalDataModel.{member} names the model "
            "GoalDetails of src/cs/Data/Enums/GoalDetails.cs" for member in ("Details", "Previous")]
    with engine_error(MissingCsharpTypeScriptTarget, contains="2 use(s) in src/cs/Data/GoalDataModel.cs of types"):
        generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)
    for use in uses:
        with engine_error(MissingCsharpTypeScriptTarget, contains=use):
            generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)


def test_a_base_class_without_a_typescript_module_is_flattened_unless_it_names_its_own_types(
    rule_runner: RuleRunner,
) -> None:
    """Common/ has only `csharp_models`: the interface repeats AuditedModel's members, importing
    nothing, until one of them names an enum of that file (error at the base's member)."""
    module = generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)
    text = module["src/cs/typescript/goal_data_model.ts"]
    assert "created_at" in text and "import" not in text, text
    audited = "src/cs/Data/Common/AuditedModel.cs"
    rule_runner.write_files({audited: BASE.replace(
        "    public abstract class AuditedModel\n    {\n",
        "    public enum AuditState\n    {\n        Fresh = 0,\n    }\n\n"
        "    public abstract class AuditedModel\n    {\n        public AuditState State { get; set; }\n\n",
    )})
    where = position_of(rule_runner, audited, "State {")
    with engine_error(MissingCsharpTypeScriptTarget, contains=(
        f"{where}: error: AuditedModel.State (inherited by GoalDataModel) names the enum AuditState of {audited}, "
        "whose TypeScript module is not generated"
    )):
        generate(rule_runner, GOAL_TS, CsharpTypeScriptSourceField, TypeScriptSourceField)


# --- tsc in `pants check` ---------------------------------------------------------------------------

# tsc is $SCHEMA_SYNC_TSC (`./pants` exports it; `[test].extra_env_vars` passes it to the tests).
TSC_ENV = ENV | {"SCHEMA_SYNC_TSC"}
GOAL_STATUS_TS = Address("src/cs/Data/Enums", target_name="ts", relative_file_path="GoalStatus.cs")


@pytest.fixture()
def goal_importing_status(rule_runner: RuleRunner) -> RuleRunner:
    """goal_data_model.ts imports goal_status.ts: two TypeScript targets, one module importing the other."""
    rule_runner.write_files({
        "src/cs/Data/Enums/BUILD": "csharp_models()\ncsharp_typescript_types(name='ts')",
        "src/cs/Data/Enums/GoalStatus.cs": GOAL_STATUS,
        "src/cs/Data/GoalDataModel.cs": goal_storing("public GoalStatus Status { get; set; }"),
    })
    return rule_runner


def check_typescript(
    runner: RuleRunner, *addresses: Address, env: Set[str] = TSC_ENV, options: Sequence[str] = ()
) -> CheckResults:
    """`pants check` of these targets with tsc (run for real)."""
    runner.set_options([*OPTIONS, *options], env_inherit=env)
    return runner.request(CheckResults, [TscRequest(TscFieldSet.create(runner.get_target(a)) for a in addresses)])


def test_tsc_checks_one_target_with_the_modules_its_module_imports(goal_importing_status: RuleRunner) -> None:
    """Only the TypeScript targets are checked; checking goal_data_model.ts alone brings goal_status.ts,
    the module of its (inferred) dependency, into tsc's sandbox: both pass `tsc --strict`."""
    assert TscFieldSet.is_applicable(goal_importing_status.get_target(GOAL_TS))
    assert not TscFieldSet.is_applicable(goal_importing_status.get_target(GOAL_MODEL))
    assert GOAL_STATUS_TS in dependencies(goal_importing_status, GOAL_TS)
    results = check_typescript(goal_importing_status, GOAL_TS)
    assert results.exit_code == 0, results.results
    assert [r.stdout for r in results.results] == ["2 generated TypeScript modules passed tsc --strict\n"]


def test_tsc_takes_an_imported_module_by_its_csharp_file_whatever_kind_of_target_the_dependency_is_on(
    goal_importing_status: RuleRunner,
) -> None:
    """goal's dependency on GoalStatus.cs through its `csharp_model` instead: goal_status.ts still joins."""
    goal_importing_status.write_files({"src/cs/Data/BUILD": FILES["src/cs/Data/BUILD"].replace(
        "csharp_typescript_types(name='ts')",
        "csharp_typescript_types(name='ts', dependencies=['!src/cs/Data/Enums/GoalStatus.cs:ts', "
        "'src/cs/Data/Enums/GoalStatus.cs'])",
    )})
    assert GOAL_STATUS_TS not in dependencies(goal_importing_status, GOAL_TS)
    results = check_typescript(goal_importing_status, GOAL_TS)
    assert [r.stdout for r in results.results] == ["2 generated TypeScript modules passed tsc --strict\n"]


def test_tsc_findings_name_the_generated_module_and_line_then_its_csharp_file(
    goal_importing_status: RuleRunner,
) -> None:
    """A real tsc failure: `[tsc].args` reach tsc, and under `--verbatimModuleSyntax` a CommonJS module
    may not export a value, which the enum module does (`export const GoalStatus`). Checking goal alone
    type-checks the module it imports, so the finding is in goal_status.ts."""
    failed = check_typescript(goal_importing_status, GOAL_TS, options=["--tsc-args=['--verbatimModuleSyntax']"])
    assert failed.exit_code == 2
    stdout = failed.results[0].stdout
    assert stdout.startswith("src/cs/typescript/goal_status.ts(6,1): error TS1287: "), stdout
    assert stdout.endswith("src/cs/typescript/goal_status.ts is generated from src/cs/Data/Enums/GoalStatus.cs\n")


def test_tsc_without_a_binary_says_how_to_set_it_unless_skipped(goal_importing_status: RuleRunner) -> None:
    with engine_error(TscNotConfigured, contains="exports $SCHEMA_SYNC_TSC"):
        check_typescript(goal_importing_status, GOAL_TS, env=ENV)
    assert check_typescript(goal_importing_status, GOAL_TS, env=ENV, options=["--tsc-skip"]).skipped


def test_two_services_generating_one_python_module_is_an_error_naming_their_targets(rule_runner: RuleRunner) -> None:
    rule_runner.write_files({
        "src/cs/Legacy/BUILD": "csharp_models(conversion='V2')",
        "src/cs/Legacy/GoalDataModel.cs": GOAL.replace("namespace Acme.Data;", "namespace Acme.Legacy;"),
    })
    with engine_error(CsharpServiceError, contains=(
        "src/cs/Data/GoalDataModel.cs: error: src/cs/Data/GoalDataModel.cs, src/cs/Legacy/GoalDataModel.cs all "
        "generate the Python module acme_models.goal_data_model (targets src/cs/Data/GoalDataModel.cs, "
        "src/cs/Data/GoalDataModel.cs:tables, src/cs/Data/GoalDataModel.cs:ts, src/cs/Legacy/GoalDataModel.cs)"
    )):
        generate(rule_runner, GOAL_MODEL, CsharpModelSourceField, PythonSourceField)


def test_a_base_class_of_a_service_with_another_conversion_is_an_error_at_the_derived_class(
    two_services: RuleRunner,
) -> None:
    derived = INVOICE.replace("using Billing.Shared;", "using Acme.Data.Common;").replace(
        ": BillingEntity", ": AuditedModel"
    )
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": derived})
    assert BASE_MODEL in dependencies(two_services, INVOICE_MODEL)  # C# sees it (a `using`): inferred
    line = derived.splitlines().index("public class Invoice : AuditedModel") + 1
    with engine_error(CsharpModelError, contains=(
        f"src/cs/Billing/Data/Invoice.cs:{line}:14: error: Invoice derives from AuditedModel "
        "(src/cs/Data/Common/AuditedModel.cs), a model of another service (conversion='V1', "
        "python_package='acme_models', nullable_context='disable'; this one: conversion='V2', "
        "python_package='billing_models', nullable_context='enable')"
    )):
        generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)


@pytest.mark.parametrize("member", ['[DynamoDBProperty("verified")]\n    ', ""])
def test_a_class_of_a_service_with_another_conversion_stored_by_a_model_is_an_error_at_the_member(
    two_services: RuleRunner, member: str
) -> None:
    """Acme's Address, stored only by billing's table: acme's catalog cannot see that (its CONVERSION
    would be acme's default, or, without DynamoDB attributes, it would be no model at all and billing
    would store it as a raw map), so billing's target refuses it, as it refuses a base class."""
    two_services.write_files({
        "src/cs/Data/Address.cs": "using Amazon.DynamoDBv2.DataModel;\nnamespace Acme.Data;\n\npublic class Address\n"
        f"{{\n    {member}public bool Verified {{ get; set; }}\n}}\n",
        "src/cs/Billing/Data/Invoice.cs": INVOICE.replace(
            "using Billing.Shared;", "using Billing.Shared;\nusing Acme.Data;\nusing System.Collections.Generic;"
        ).replace('    [DynamoDBProperty("note")]', (
            '    public List<Address>? Homes { get; set; }\n\n    [DynamoDBProperty("note")]')),
    })
    invoice = (Path(two_services.build_root) / "src/cs/Billing/Data/Invoice.cs").read_text().splitlines()
    line = invoice.index("    public List<Address>? Homes { get; set; }") + 1
    col = invoice[line - 1].index("Homes") + 1  # at the member's name, as a class's errors are at its name
    with engine_error(CsharpModelError, contains=(
        f"src/cs/Billing/Data/Invoice.cs:{line}:{col}: error: Invoice.Homes stores Address (src/cs/Data/Address.cs), "
        "a class of another service (conversion='V1', python_package='acme_models', nullable_context='disable'; "
        "this one: conversion='V2', python_package='billing_models', nullable_context='enable')"
    )):
        generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)
    # Locking (and so planning and the lock's lint, which resolve a service alike) refuses it too.
    locked = two_services.run_goal_rule(UpdateSchemaLock, args=[f"--schema-sync-schema-lock={ACME_LOCK}"])
    assert locked.exit_code == 1
    refused = f"{BILLING_LOCK} was not written:\nsrc/cs/Billing/Data/Invoice.cs:{line}:{col}: error: Invoice.Homes"
    assert refused in locked.stderr, locked.stderr
    assert not (Path(two_services.build_root) / BILLING_LOCK).exists()
    # A converter writes it, not the SDK's nested encoding: no schema of Address's to agree on.
    converted = "\n".join(invoice).replace("    public List<Address>? Homes", (
        "    [DynamoDBProperty(typeof(HomesConverter))]\n    public List<Address>? Homes"))
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": converted})
    assert generate(two_services, INVOICE_MODEL, CsharpModelSourceField, PythonSourceField)


def test_inference_crosses_services_only_where_csharp_sees_the_type(two_services: RuleRunner) -> None:
    assert BILLING_ENTITY_MODEL in dependencies(two_services, INVOICE_MODEL)  # `using Billing.Shared;`
    # Without a `using`, C# sees no other project's type: not inferred from another service...
    unimported = INVOICE.replace("using Billing.Shared;\n", "").replace(
        '"invoices"', "TableNames.Goals"
    )
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": unimported})
    assert NAMES_MODEL not in dependencies(two_services, INVOICE_MODEL)
    # ...while within one service the guess stays (a `using` the .csproj adds is invisible here).
    assert BILLING_ENTITY_MODEL in dependencies(two_services, INVOICE_MODEL)


def test_each_service_is_linted_against_its_own_lock_and_update_writes_each(two_services: RuleRunner) -> None:
    written = two_services.run_goal_rule(UpdateSchemaLock, args=[f"--schema-sync-schema-lock={ACME_LOCK}"])
    assert (written.exit_code, written.stdout) == (
        0, f"wrote {BILLING_LOCK} (1 tables)\nwrote {ACME_LOCK} (1 tables)\n"
    )
    root = Path(two_services.build_root)
    billing_lock, acme_lock = (root / BILLING_LOCK).read_text(), (root / ACME_LOCK).read_text()
    assert '"billing-invoices-${Stage}"' in billing_lock and '"acme_goals"' not in billing_lock
    assert '"acme_goals"' in acme_lock and "invoices" not in acme_lock
    two_services.write_files({BILLING_LOCK: billing_lock, ACME_LOCK: acme_lock})
    both = lint_schema_lock(two_services, GOAL_MODEL, INVOICE_MODEL)
    assert (both.exit_code, both.stdout) == (
        0, f"the schema matches {BILLING_LOCK}\nthe schema matches {ACME_LOCK}\n"
    )
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": INVOICE.replace('[DynamoDBHashKey("invoice_id")]',
                                                                               '[DynamoDBHashKey("id")]')})
    broken = lint_schema_lock(two_services, GOAL_MODEL, INVOICE_MODEL)
    assert broken.exit_code == 1
    assert "src/cs/Billing/Data/Invoice.cs:10: replacement: table invoices: hash key" in broken.stdout
    assert f"1 breaking schema change(s) against {BILLING_LOCK}" in broken.stdout
    assert f"the schema matches {ACME_LOCK}\n" in broken.stdout
    # The other service's lint does not fail on it.
    acme_only = lint_schema_lock(two_services, GOAL_MODEL)
    assert (acme_only.exit_code, acme_only.stdout) == (0, f"the schema matches {ACME_LOCK}\n")


def test_a_service_using_another_services_enum_locks_and_plans_only_its_own_tables(
    two_services: RuleRunner,
) -> None:
    """Billing's closure reaches acme's GoalDataModel.cs for an enum: resolved with billing, but the
    table in that file stays acme's (locked, planned and deployed with acme only)."""
    from schema_sync_pants.deploy_plan import PlanSchemaDeploy

    goal_with_enum = GOAL + "\npublic enum GoalStatus\n{\n    Open = 0,\n    Done = 1,\n}\n"
    invoice_using_enum = INVOICE.replace("using Billing.Shared;", "using Billing.Shared;\nusing Acme.Data;").replace(
        '    [DynamoDBProperty("note")]',
        '    [DynamoDBProperty("status")]\n    public GoalStatus Status { get; set; }\n\n'
        '    [DynamoDBProperty("note")]',
    )
    two_services.write_files({"src/cs/Data/GoalDataModel.cs": goal_with_enum})
    two_services.run_goal_rule(UpdateSchemaLock, args=[f"--schema-sync-schema-lock={ACME_LOCK}"])
    two_services.write_files({"src/cs/Billing/Data/Invoice.cs": invoice_using_enum})
    assert GOAL_MODEL in dependencies(two_services, INVOICE_MODEL)
    planned = two_services.run_goal_rule(PlanSchemaDeploy, args=[f"--schema-sync-schema-lock={ACME_LOCK}"])
    assert planned.exit_code == 0 and "acme_goals" not in planned.stdout, planned.stdout
    written = two_services.run_goal_rule(UpdateSchemaLock, args=[f"--schema-sync-schema-lock={ACME_LOCK}"])
    assert written.exit_code == 0, written.stderr
    billing_lock = (Path(two_services.build_root) / BILLING_LOCK).read_text()
    assert '"billing-invoices-${Stage}"' in billing_lock and "acme_goals" not in billing_lock
    assert "Acme.Data.GoalStatus" in billing_lock  # the enum billing stores is locked with it


def test_two_services_naming_one_lock_is_an_error(two_services: RuleRunner) -> None:
    two_services.set_options([*OPTIONS, f"--schema-sync-schema-lock={BILLING_LOCK}"], env_inherit=ENV)
    with engine_error(CsharpServiceError, contains=f"{BILLING_LOCK}: error: the schema lock of services with "
                                                   "different generation options"):
        lint_schema_lock(two_services, GOAL_MODEL)


def test_tailor_gives_a_new_services_runtime_the_package_of_its_defaults(rule_runner: RuleRunner) -> None:
    """A new service: `__defaults__` in its top BUILD file and model files without targets yet. Its
    package needs its own runtime, in the first model directory tailored (one `tailor` run)."""
    rule_runner.write_files({
        "src/cs/Billing/BUILD": BILLING_DEFAULTS,
        "src/cs/Billing/Data/Invoice.cs": INVOICE,
        "src/cs/Billing/Shared/BillingEntity.cs": BILLING_ENTITY,
    })
    putative = tailor(rule_runner, "src/cs/Billing/Data", "src/cs/Billing/Shared")
    assert [(p.path, p.type_alias, dict(p.kwargs)) for p in putative] == [
        ("src/cs/Billing/Data", "csharp_model_runtime", {"python_package": "billing_models"}),
        ("src/cs/Billing/Data", "csharp_models", {}),
        ("src/cs/Billing/Shared", "csharp_models", {}),
    ]
