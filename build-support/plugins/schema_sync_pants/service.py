"""Generation options per target, and the repository's C# files grouped into services.

The one place that turns a target into its generation options (`service_settings`): each option
field of the target (`target_types.SERVICE_FIELDS`), or `[schema-sync]`'s value where it is unset.
A *service* is the files of targets with equal settings (a .NET project: its package, conversion,
nullable context, table names and lock). Every generator, the Python module mapping, inference of
the runtime, tailor, the schema lock and the deploy plan read the settings from here.

`CsharpServiceLayout` is one engine node over every C# target: which settings each file has, and
the name of each file's outputs (stems are disambiguated among files of equal options, so a second
service never renames the first one's modules), with what cannot work listed, naming the targets:
a file owned by targets of different settings (it would be generated twice, differently), two files
that would generate one Python module or one TypeScript module, and one lock of two services.
Dependency inference reads the layout; `CsharpServices`, the layout once it lists nothing, is what
the goals that generate, lint, lock or plan read, so they fail on a conflict and inference does not.
Where outputs go under a source root is decided here too (`typescript_output`, `table_template_output`),
for the generators and for `output_clashes`, which the table templates' check shares (it needs the
model catalog's table names, so it runs when templates generate).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import AbstractSet, DefaultDict, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple, Type

from pants.engine.addresses import Address
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.target import AllTargets, Field, Target, Targets
from pants.source.source_root import OptionalSourceRootsResult, SourceRootsRequest
from pants.util.frozendict import FrozenDict
from pants.util.logging import LogLevel

from schema_sync.ir import Diagnostic, SchemaIR, type_refs
from schema_sync.options import Options
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import (
    CsharpSourceField,
    CsharpTableTemplateSourceField,
    CsharpTypeScriptSourceField,
    SchemaSyncConversionField,
    SchemaSyncNullableContextField,
    SchemaSyncPythonPackageField,
    SchemaSyncSchemaLockField,
    SchemaSyncTableNameTemplateField,
)


class AllCsharpTargets(Targets):
    pass


@rule(desc="Find all C# targets", level=LogLevel.DEBUG)
def find_all_csharp_targets(targets: AllTargets) -> AllCsharpTargets:
    return AllCsharpTargets(t for t in targets if t.has_field(CsharpSourceField))


@dataclass(frozen=True)
class ServiceSettings:
    """What a C# target is generated with: the core's options, and its service's schema lock."""

    options: Options
    schema_lock: str  # "" when the service has none

    def describe(self) -> str:
        values = {f.name: getattr(self.options, f.name) for f in fields(self.options)}
        values["schema_lock"] = self.schema_lock
        return ", ".join(f"{name}={value!r}" for name, value in values.items())


# Options field -> the target field that overrides it.
_OPTION_FIELDS: Mapping[str, Type[Field]] = {
    "python_package": SchemaSyncPythonPackageField,
    "conversion": SchemaSyncConversionField,
    "nullable_context": SchemaSyncNullableContextField,
    "table_name_template": SchemaSyncTableNameTemplateField,
}


def _field_value(target: Target, field: Type[Field]) -> Optional[str]:
    value = target[field].value if target.has_field(field) else None
    return value if isinstance(value, str) else None


def service_settings(target: Target, subsystem: SchemaSyncSubsystem) -> ServiceSettings:
    """The target's generation settings: each field it sets, else `[schema-sync]`'s option."""
    defaults = subsystem.generation_options()
    overrides = {name: _field_value(target, field) for name, field in _OPTION_FIELDS.items()}
    options = Options(**{name: getattr(defaults, name) if value is None else value
                         for name, value in overrides.items()})
    lock = _field_value(target, SchemaSyncSchemaLockField)
    return ServiceSettings(options, subsystem.schema_lock if lock is None else lock)


class CsharpServiceError(Exception):
    """Raised with every conflict between services, each naming its files and targets."""


@dataclass(frozen=True)
class CsharpServiceLayout:
    """Each C# file's service, output stem and owners, with the conflicts between services listed,
    not raised: dependency inference and the Python module mapping read this, so one misconfigured
    target fails the goals that generate or lock its files, not every goal of the repository."""

    settings: FrozenDict[str, ServiceSettings]  # C# file -> the settings of its (first) owning target
    stems: FrozenDict[str, str]  # C# file -> output stem, unique among the files of equal options
    owners: FrozenDict[str, Tuple[Address, ...]]  # C# file -> the C# targets owning it, sorted
    packages: FrozenDict[str, str]  # C# file -> the Python package of its module (every generator reads it)
    # C# file of a TypeScript or CloudFormation target -> its source root (where those outputs go), if any
    source_roots: FrozenDict[str, str]
    typescript: FrozenSet[str]  # the C# files of `csharp_typescript_type` targets: those with a TypeScript module
    problems: Tuple[str, ...] = ()  # each conflict, naming its files and targets

    def module_of(self, path: str) -> str:
        from schema_sync.emit.naming import python_module_for_stem

        return python_module_for_stem(self.stems[path], self.settings[path].options.python_package)

    def output_path(self, path: str, output: str) -> Optional[str]:
        """Where C# file `path`'s `output` (a path relative to a source root) is written: under the
        file's source root. None for a file outside every source root: generating it fails with
        Pants's error naming the file, and it writes nothing that could clash."""
        root = self.source_roots.get(path)
        return None if root is None else under_source_root(root, output)


class CsharpServices(CsharpServiceLayout):
    """A layout without conflicts: what generation, the schema lock and deploy plans read."""


def _differing_owners(path: str, owners: Iterable[Tuple[Address, ServiceSettings]]) -> Optional[str]:
    distinct: Dict[ServiceSettings, Address] = {}
    for address, settings in owners:
        distinct.setdefault(settings, address)
    if len(distinct) < 2:
        return None
    listed = "; ".join(f"{address.spec} ({settings.describe()})" for settings, address in distinct.items())
    return (f"{path}: error: owned by C# targets with different generation options, so it would be generated "
            f"once per service: {listed}. Give its targets equal options (`__defaults__` of one BUILD file) "
            "or let one service own it")


def _stems_per_options(settings: Mapping[str, ServiceSettings]) -> Dict[str, str]:
    """`output_stems` among the files of equal options (a service, and a shared project generated
    alike): a second service never renames the first one's modules (a clash between them is an
    error instead, `_module_clashes`)."""
    from schema_sync.emit.naming import output_stems

    by_options: DefaultDict[Options, Set[str]] = defaultdict(set)
    for path, found in settings.items():
        by_options[found.options].add(path)
    return {path: stem for paths in by_options.values() for path, stem in output_stems(paths).items()}


def _module_clashes(services: CsharpServiceLayout) -> List[str]:
    """Two files generating one Python module (stems that still coincide), or a module that is also
    another service's package (`acme.models` as a module and as a package cannot both import)."""
    by_module: DefaultDict[str, List[str]] = defaultdict(list)
    for path in sorted(services.settings):
        by_module[services.module_of(path)].append(path)
    packages = {s.options.python_package for s in services.settings.values()}
    problems = []
    for module, paths in by_module.items():
        targets = ", ".join(a.spec for p in paths for a in services.owners[p])
        if len(paths) > 1:
            problems.append(f"{paths[0]}: error: {', '.join(paths)} all generate the Python module {module} "
                            f"(targets {targets}); rename a file or give its service another python_package")
        elif module in packages:
            problems.append(f"{paths[0]}: error: its Python module {module} is also the python_package of another "
                            f"service (targets {targets}); rename the file or the package")
    return problems


def _shared_locks(services: CsharpServiceLayout) -> List[str]:
    """A schema lock named by targets of different options: it records one service's schema."""
    by_lock: DefaultDict[str, Dict[Options, str]] = defaultdict(dict)
    for path in sorted(services.settings):
        settings = services.settings[path]
        if settings.schema_lock:
            by_lock[settings.schema_lock].setdefault(settings.options, path)
    problems = []
    for lock, options in sorted(by_lock.items()):
        if len(options) > 1:
            targets = ", ".join(a.spec for path in options.values() for a in services.owners[path])
            problems.append(f"{lock}: error: the schema lock of services with different generation options "
                            f"(targets {targets}); give each service its own schema_lock")
    return problems


# Where each generator writes, under the source root of the C# file it generates from.
TYPESCRIPT_DIRECTORY = "typescript"
CLOUDFORMATION_DIRECTORY = "cloudformation"


def under_source_root(root: str, path: str) -> str:
    """`path` under the source root `root` (`.`: the repository's own root)."""
    return path if root == "." else f"{root}/{path}"


def typescript_output(stem: str) -> str:
    """A file's TypeScript module under its source root."""
    from schema_sync.emit.typescript import module_file

    return f"{TYPESCRIPT_DIRECTORY}/{module_file(stem)}"


def table_template_output(table: str) -> str:
    """A table's CloudFormation template under the source root of the files of its models."""
    from schema_sync.emit.cloudformation import table_template_path

    return f"{CLOUDFORMATION_DIRECTORY}/{table_template_path(table)}"


def output_clashes(
    outputs: Iterable[Tuple[str, Optional[str]]], services: CsharpServiceLayout, remedy: str
) -> List[str]:
    """Each generated path (source root included) that files of different services write, from
    (C# file, `output_path`) pairs. Stems and tables are distinct among one service's files only, so
    two services' same-named files or tables under one source root would overwrite each other's
    output, and export-codegen would keep one of them (Python modules differ by package instead)."""
    by_output: DefaultDict[str, List[str]] = defaultdict(list)
    for path, output in sorted({(path, output) for path, output in outputs if output is not None}):
        by_output[output].append(path)
    return [
        f"{paths[0]}: error: {', '.join(paths)} all generate {output} (targets "
        f"{', '.join(a.spec for p in paths for a in services.owners[p])}); {remedy}"
        for output, paths in by_output.items() if len({services.settings[p] for p in paths}) > 1
    ]


def _typescript_clashes(services: CsharpServiceLayout) -> List[str]:
    outputs = ((path, services.output_path(path, typescript_output(services.stems[path])))
               for path in services.typescript)
    return output_clashes(outputs, services, "rename a file or give its service a source root of its own")


@rule(desc="Group the C# files into services by their generation options", level=LogLevel.DEBUG)
async def csharp_service_layout(targets: AllCsharpTargets, subsystem: SchemaSyncSubsystem) -> CsharpServiceLayout:
    owners: DefaultDict[str, List[Tuple[Address, ServiceSettings]]] = defaultdict(list)
    interned: Dict[ServiceSettings, ServiceSettings] = {}  # one object per service: cheaper to compare
    for tgt in targets:
        own = service_settings(tgt, subsystem)
        owners[tgt[CsharpSourceField].file_path].append((tgt.address, interned.setdefault(own, own)))
    problems = [p for p in (_differing_owners(path, found) for path, found in sorted(owners.items())) if p]
    settings = {path: found[0][1] for path, found in owners.items()}
    per_root = {t[CsharpSourceField].file_path for t in targets if t.has_field(CsharpTypeScriptSourceField)
                or t.has_field(CsharpTableTemplateSourceField)}
    # Optional: a file outside every source root fails the goals generating it (Pants names it), not this
    # layout, which every Python file's dependency inference reads.
    roots = await Get(OptionalSourceRootsResult, SourceRootsRequest.for_files(sorted(per_root)))
    layout = CsharpServiceLayout(
        settings=FrozenDict(settings),
        stems=FrozenDict(_stems_per_options(settings)),
        owners=FrozenDict((path, tuple(sorted(a for a, _ in found))) for path, found in owners.items()),
        packages=FrozenDict((path, found.options.python_package) for path, found in settings.items()),
        source_roots=FrozenDict((str(path), found.source_root.path)
                                for path, found in roots.path_to_optional_root.items() if found.source_root),
        typescript=frozenset(t[CsharpSourceField].file_path for t in targets
                             if t.has_field(CsharpTypeScriptSourceField)),
    )
    if not problems:
        problems = [*_module_clashes(layout), *_typescript_clashes(layout), *_shared_locks(layout)]
    return dataclasses.replace(layout, problems=tuple(problems))


@rule(desc="Check that the C# services' generation options agree", level=LogLevel.DEBUG)
def csharp_services(layout: CsharpServiceLayout) -> CsharpServices:
    if layout.problems:
        raise CsharpServiceError(f"{len(layout.problems)} conflict(s) between the C# services' generation options:\n"
                                 + "\n".join(layout.problems))
    return CsharpServices(**{f.name: getattr(layout, f.name) for f in fields(layout)})


def foreign_model_errors(
    ir: SchemaIR, own_files: AbstractSet[str], services: CsharpServices, declared_in: Mapping[str, str]
) -> Tuple[Diagnostic, ...]:
    """Models of `own_files` deriving from, or storing (as a nested map), a class of another service
    that generates differently: its items would be stored with two conversion schemas, its Python
    class would mix two packages' runtimes, or (stored) its own service's catalog, which cannot see
    this table, would give it that service's schema or none. Reported at the derived class or at
    the storing member. `declared_in`: C# full name -> the file declaring it, for the closure."""
    bases = _base_files(ir, services)
    enums = {enum.full_name for enum in ir.enums}
    found = []
    for model in (m for m in ir.models if m.file in own_files):
        own = services.settings[model.file].options
        base_file = _foreign_file(bases.get(model.base or "", ()), own, services)
        if model.base and base_file:
            message = _foreign_use(f"{model.name} derives from {model.base}", "a model", base_file, own, services)
            hint = "a base class must share its deriving service's conversion, python_package and nullable_context"
            found.append(Diagnostic("error", message, model.file, model.line, model.col, hint))
        for attribute in (a for a in model.attributes if a.declared_in == model.name and a.converter is None):
            stored = [*type_refs(attribute.type), *(d.type for d in attribute.derived_types)]
            for name in dict.fromkeys(n for n in stored if n not in enums and n in declared_in):
                stored_file = _foreign_file((declared_in[name],), own, services)
                if stored_file:
                    use = f"{model.name}.{attribute.property} stores {name.rsplit('.', 1)[-1]}"
                    message = _foreign_use(use, "a class", stored_file, own, services)
                    hint = ("a stored class must share its storing service's conversion, python_package and "
                            "nullable_context, or be written by a converter")
                    found.append(Diagnostic("error", message, model.file, attribute.line, attribute.col, hint))
    return tuple(found)


def _base_files(ir: SchemaIR, services: CsharpServices) -> Dict[str, Tuple[str, ...]]:
    """Simple name -> the files declaring a model of that name (`Model.base` is a simple name)."""
    files: DefaultDict[str, List[str]] = defaultdict(list)
    for model in ir.models:
        if model.file in services.settings:
            files[model.name].append(model.file)
    return {name: tuple(sorted(found)) for name, found in files.items()}


def _differing_options(own: Options, other: Options) -> List[str]:
    """What a class and the models using it must share: all but table names, which are per table."""
    return [f.name for f in fields(own)
            if f.name != "table_name_template" and getattr(own, f.name) != getattr(other, f.name)]


def _foreign_file(candidates: Iterable[str], own: Options, services: CsharpServices) -> Optional[str]:
    """The first of `candidates` of a service generating differently, unless one generates alike."""
    options = {path: services.settings[path].options for path in candidates if path in services.settings}
    if not options or own in options.values():
        return None
    return next((path for path, other in sorted(options.items()) if _differing_options(own, other)), None)


def _foreign_use(use: str, kind: str, file: str, own: Options, services: CsharpServices) -> str:
    other = services.settings[file].options
    differing = _differing_options(own, other)
    theirs = ", ".join(f"{name}={getattr(other, name)!r}" for name in differing)
    ours = ", ".join(f"{name}={getattr(own, name)!r}" for name in differing)
    return f"{use} ({file}), {kind} of another service ({theirs}; this one: {ours})"


def rules() -> Tuple[object, ...]:
    return tuple(collect_rules())
