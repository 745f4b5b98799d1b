"""Target types: C# data-model files as build sources.

One input source-field class per output kind (Pants allows one code generator per input field and
output type, and `pants test` would find a Python and a file generator on one field ambiguous):

| generator target            | file target               | generates                          |
|-----------------------------|---------------------------|------------------------------------|
| `csharp_models`             | `csharp_model`            | pydantic modules (`python_sources`) |
| `csharp_table_templates`    | `csharp_table_template`   | CloudFormation table templates      |
| `csharp_typescript_types`   | `csharp_typescript_type`  | TypeScript item types               |

plus `csharp_model_runtime`, one per Python resolve: the codec module every generated pydantic
module imports (`<python_package>/_runtime.py`), generated once instead of by every model.

The three C# kinds share `CsharpSourceField` and `CsharpDependenciesField`, so one dependency-inference
rule (C# -> C#: base classes, constants, enums) serves them all.

Generation options are fields of these targets (`SERVICE_FIELDS`: `python_package`, `conversion`,
`nullable_context`, `table_name_template`, `schema_lock`), unset meaning `[schema-sync]`'s value, so
each .NET service of a monorepo sets its own once, with `__defaults__` in its BUILD file
(`service.py` turns a target into its options; docs/pants-plugin.md, "Several .NET services").
"""

from __future__ import annotations

from typing import ClassVar, Tuple, Type

from pants.backend.python.target_types import PythonResolveField
from pants.engine.target import (
    COMMON_TARGET_FIELDS,
    Dependencies,
    Field,
    MultipleSourcesField,
    OverridesField,
    SingleSourceField,
    StringField,
    Target,
    TargetFilesGenerator,
    generate_file_based_overrides_field_help_message,
    generate_multiple_sources_field_help_message,
)
from pants.util.strutil import help_text

from schema_sync.options import ConversionSchema, NullableContext


class CsharpSourceField(SingleSourceField):
    """Base of every C# input field; never a codegen input itself (that would be ambiguous)."""

    expected_file_extensions: ClassVar[Tuple[str, ...]] = (".cs",)


class CsharpDependenciesField(Dependencies):
    help = help_text(
        """
        Addresses of other targets this one depends on. C# files that declare a base class,
        enum, nested type or constant this file uses are inferred; list only what inference
        cannot see.
        """
    )


# --- generation options, per target (None: the `[schema-sync]` option of the same name) ------------


class SchemaSyncPythonPackageField(StringField):
    alias = "python_package"
    help = help_text(
        """
        Python package of the modules generated from this target's C# file (default:
        `[schema-sync].python_package`). On a `csharp_model_runtime`: the package whose runtime it generates.
        """
    )


class SchemaSyncConversionField(StringField):
    alias = "conversion"
    valid_choices = ConversionSchema
    help = "The `DynamoDBEntryConversion` of this service's `DynamoDBContext` (default: `[schema-sync].conversion`)."


class SchemaSyncNullableContextField(StringField):
    alias = "nullable_context"
    valid_choices = NullableContext
    help = "This service's .NET `<Nullable>` setting (default: `[schema-sync].nullable_context`)."


class SchemaSyncTableNameTemplateField(StringField):
    alias = "table_name_template"
    help = "CloudFormation `!Sub` template of its table names (default: `[schema-sync].table_name_template`)."


class SchemaSyncSchemaLockField(StringField):
    alias = "schema_lock"
    help = help_text(
        """
        Path of this service's schema lock, relative to the build root (default: `[schema-sync].schema_lock`).
        The targets naming one lock are one service: `pants lint` checks their files against it and
        `pants update-schema-lock` rewrites it.
        """
    )


# Every C# target has them, and generators move them to their file targets (so `overrides` can set them).
SERVICE_FIELDS: Tuple[Type[Field], ...] = (
    SchemaSyncPythonPackageField,
    SchemaSyncConversionField,
    SchemaSyncNullableContextField,
    SchemaSyncTableNameTemplateField,
    SchemaSyncSchemaLockField,
)


class CsharpModelSourceField(CsharpSourceField):
    help = "A C# data-model file; generates one pydantic module (see `[schema-sync].python_package`)."


class CsharpTableTemplateSourceField(CsharpSourceField):
    help = "A C# data-model file; generates a CloudFormation template per `[DynamoDBTable]` class in it."


class CsharpTypeScriptSourceField(CsharpSourceField):
    help = "A C# data-model file; generates a TypeScript module with the stored item types."


class CsharpGeneratorSourcesField(MultipleSourcesField):
    default = ("*.cs",)
    expected_file_extensions = (".cs",)
    help = generate_multiple_sources_field_help_message(
        "Example: `sources=['*DataModel.cs', 'Enums/*.cs', '!Legacy*.cs']`"
    )


class CsharpOverridesField(OverridesField):
    help = generate_file_based_overrides_field_help_message(
        "csharp_model",
        """
        overrides={
            "GoalDataModel.cs": {"tags": ["goals"]},
            ("KpiDataModel.cs", "ActionDataModel.cs"): {"dependencies": [":constants"]},
        }
        """,
    )


class CsharpModelTarget(Target):
    alias = "csharp_model"
    core_fields = (
        *COMMON_TARGET_FIELDS, CsharpDependenciesField, CsharpModelSourceField, PythonResolveField, *SERVICE_FIELDS
    )
    help = help_text(
        """
        A single C# data-model file whose `[DynamoDB*]` classes and enums become a pydantic v2
        module with DynamoDB item (de)serialisation that matches .NET's `DynamoDBContext`.

        Python code that imports the generated module depends on this target through dependency
        inference, so editing the `.cs` file re-runs exactly those tests.
        """
    )


class CsharpModelRuntimeSourcesField(MultipleSourcesField):
    """The runtime target's codegen input: no files (the module depends on options only)."""

    alias = "sources"
    default = ()
    expected_num_files = 0
    help = "Always empty: the runtime module is generated from the `python_package` option, not from files."


class CsharpModelRuntimeDependenciesField(Dependencies):
    help = "Addresses of other targets this one depends on. The pydantic requirement is inferred."


class CsharpModelRuntimeTarget(Target):
    alias = "csharp_model_runtime"
    core_fields = (
        *COMMON_TARGET_FIELDS,
        CsharpModelRuntimeDependenciesField,
        CsharpModelRuntimeSourcesField,
        PythonResolveField,
        SchemaSyncPythonPackageField,
    )
    help = help_text(
        """
        The shared codec module of the generated pydantic models (`<python_package>/_runtime.py`),
        generated under this target's source root. Each Python resolve needs exactly one per
        package its `csharp_model` targets generate (`python_package`); every `csharp_model` depends
        on its package's through dependency inference. `pants tailor` adds one where none is.
        """
    )


class CsharpModelsGeneratorTarget(TargetFilesGenerator):
    alias = "csharp_models"
    core_fields = (*COMMON_TARGET_FIELDS, CsharpGeneratorSourcesField, CsharpOverridesField)
    generated_target_cls = CsharpModelTarget
    copied_fields = COMMON_TARGET_FIELDS
    moved_fields: ClassVar[Tuple[Type[Field], ...]] = (CsharpDependenciesField, PythonResolveField, *SERVICE_FIELDS)
    help = "Generate a `csharp_model` target (a pydantic module) for each C# file in `sources`."


class CsharpTableTemplateTarget(Target):
    alias = "csharp_table_template"
    core_fields = (*COMMON_TARGET_FIELDS, CsharpDependenciesField, CsharpTableTemplateSourceField, *SERVICE_FIELDS)
    help = help_text(
        """
        A single C# data-model file whose `[DynamoDBTable]` classes become CloudFormation
        `AWS::DynamoDB::Table` templates (`pants export-codegen`, see `[schema-sync]` options).
        """
    )


class CsharpTableTemplatesGeneratorTarget(TargetFilesGenerator):
    alias = "csharp_table_templates"
    core_fields = (*COMMON_TARGET_FIELDS, CsharpGeneratorSourcesField, CsharpOverridesField)
    generated_target_cls = CsharpTableTemplateTarget
    copied_fields = COMMON_TARGET_FIELDS
    moved_fields: ClassVar[Tuple[Type[Field], ...]] = (CsharpDependenciesField, *SERVICE_FIELDS)
    help = "Generate a `csharp_table_template` target for each C# file in `sources`."


class CsharpTypeScriptTarget(Target):
    alias = "csharp_typescript_type"
    core_fields = (*COMMON_TARGET_FIELDS, CsharpDependenciesField, CsharpTypeScriptSourceField, *SERVICE_FIELDS)
    help = "A single C# data-model file whose models and enums become TypeScript item types."


class CsharpTypeScriptGeneratorTarget(TargetFilesGenerator):
    alias = "csharp_typescript_types"
    core_fields = (*COMMON_TARGET_FIELDS, CsharpGeneratorSourcesField, CsharpOverridesField)
    generated_target_cls = CsharpTypeScriptTarget
    copied_fields = COMMON_TARGET_FIELDS
    moved_fields: ClassVar[Tuple[Type[Field], ...]] = (CsharpDependenciesField, *SERVICE_FIELDS)
    help = "Generate a `csharp_typescript_type` target for each C# file in `sources`."


# Output field of the TypeScript generator: only `export-codegen` and tsc (`pants check`) ask for it,
# so it never takes part in `test`/`package` sandboxes. (CloudFormation templates are generated as `resources`:
# Python code and tests that depend on a `csharp_table_template` can read and ship them.)
class TypeScriptSourceField(SingleSourceField):
    expected_file_extensions = (".ts",)


def target_types() -> Tuple[Type[Target], ...]:
    return (
        CsharpModelTarget,
        CsharpModelsGeneratorTarget,
        CsharpModelRuntimeTarget,
        CsharpTableTemplateTarget,
        CsharpTableTemplatesGeneratorTarget,
        CsharpTypeScriptTarget,
        CsharpTypeScriptGeneratorTarget,
    )
