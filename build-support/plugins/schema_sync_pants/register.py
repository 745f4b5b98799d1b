"""Pants backend `schema_sync_pants`: C# DynamoDB data models as build sources.

Enable with `backend_packages = [..., "schema_sync_pants"]` and
`pythonpath = ["%(buildroot)s/build-support/plugins"]`. See docs/pants-plugin.md.
"""

from __future__ import annotations

from typing import Iterable, Type

from pants.engine.target import Target

from schema_sync_pants import (
    cfn_lint,
    cloudformation_codegen,
    csharp_dependencies,
    deploy_plan,
    export,
    generation,
    pants_compat,
    parsing,
    python_codegen,
    schema_lock,
    service,
    tailor,
    tsc,
    typescript_codegen,
)
from schema_sync_pants.target_types import target_types as _target_types


def target_types() -> Iterable[Type[Target]]:
    return (*_target_types(), *deploy_plan.target_types())


def rules() -> Iterable[object]:
    pants_compat.backport_create_digest_hash()
    return (
        *parsing.rules(),
        *generation.rules(),
        *service.rules(),
        *python_codegen.rules(),
        *cloudformation_codegen.rules(),
        *typescript_codegen.rules(),
        *csharp_dependencies.rules(),
        *tailor.rules(),
        *export.rules(),
        *schema_lock.rules(),
        *deploy_plan.rules(),
        *cfn_lint.rules(),
        *tsc.rules(),
    )
