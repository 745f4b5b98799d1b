"""The `[schema-sync]` options: how C# models become Python, CloudFormation and TypeScript."""

from __future__ import annotations

from pants.option.option_types import BoolOption, EnumOption, StrOption
from pants.option.subsystem import Subsystem
from pants.util.strutil import softwrap

from schema_sync.options import ConversionSchema, NullableContext, Options


class SchemaSyncSubsystem(Subsystem):
    options_scope = "schema-sync"
    name = "schema-sync"
    help = softwrap(
        """
        Generate pydantic models, CloudFormation table templates and TypeScript types from C#
        DynamoDB data models (`csharp_models`, `csharp_table_templates`,
        `csharp_typescript_types` targets).

        `python_package`, `conversion`, `nullable_context`, `table_name_template` and `schema_lock`
        are defaults: a target's field of the same name overrides them, so each .NET service of a
        monorepo sets its own (`__defaults__` in its BUILD file; docs/pants-plugin.md, "Several
        .NET services").
        """
    )

    python_package = StrOption(
        default=Options.python_package,
        help=softwrap(
            """
            Python package of the generated modules, relative to the C# files' source root.
            `Data/GoalDataModel.cs` becomes `<python_package>.goal_data_model`. Changing it renames
            every generated module: update imports.
            """
        ),
    )
    table_name_template = StrOption(
        default=Options.table_name_template,
        help=softwrap(
            """
            CloudFormation `!Sub` template for physical table names; `{table}` is replaced by
            the name in `[DynamoDBTable("...")]`, `${Stage}` is the templates' Stage parameter.
            """
        ),
    )
    # Closed sets are `EnumOption`s of the core's enums (`schema_sync.options.CLOSED_SETS`): a value
    # outside them fails when Pants parses the options, naming the allowed ones.
    conversion = EnumOption(
        default=ConversionSchema(Options.conversion),
        help=softwrap(
            """
            The `DynamoDBEntryConversion` schema your .NET `DynamoDBContext` uses: `V1` (the SDK
            default: bool as N 1/0, lists of primitives as sets) or `V2` (bool as BOOL, lists
            as L). The C# models alone cannot tell.
            """
        ),
    )
    nullable_context = EnumOption(
        default=NullableContext(Options.nullable_context),
        help=softwrap(
            """
            Your .NET project's `<Nullable>` setting (`enable` or `disable`), applied to C# files
            without a `#nullable` directive: it decides whether `string` members are optional.
            """
        ),
    )
    infer_runtime_dependency = BoolOption(
        default=True,
        help=softwrap(
            """
            Infer a dependency of each `csharp_model_runtime` target (and so of all generated
            Python) on the `pydantic` requirement of its resolve. Disable to list it in the
            runtime target's `dependencies` yourself.
            """
        ),
    )
    tailor = BoolOption(
        default=True,
        help=softwrap(
            """
            If true, `pants tailor` adds `csharp_models` targets for C# files with DynamoDB
            models, and a `csharp_model_runtime` target where a Python resolve has none.
            """
        ),
    )

    schema_lock = StrOption(
        default="",
        help=softwrap(
            """
            Path of the committed schema lock, relative to the build root (e.g.
            `pp_api/schema.lock.json`). `pants lint` compares the C# models' stored schema with it
            and fails on a table replacement, a GSI change CloudFormation cannot apply in one update
            or a reader break; `pants update-schema-lock` rewrites it. Empty: no lock, lint passes.
            """
        ),
    )

    def generation_options(self) -> Options:
        return Options(
            conversion=self.conversion.value,
            python_package=self.python_package,
            table_name_template=self.table_name_template,
            nullable_context=self.nullable_context.value,
        )
