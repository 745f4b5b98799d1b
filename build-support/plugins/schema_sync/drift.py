"""Drift: the deployed DynamoDB tables of one stage against the generated CloudFormation.

The expectation is the emitter's template data (`emit.cloudformation.template_data`), not YAML
text; the deployed state comes from `DescribeTable`, `DescribeTimeToLive` and
`DescribeContinuousBackups` through any boto3 DynamoDB client (credentials from boto3's usual
chain). Compared: the table exists, key schema with attribute types, GSIs and LSIs (keys and
projection), billing mode, TTL and point-in-time recovery. Tables in the account that the models
do not know are not reported: the account may hold anything. Encryption at rest is not compared:
the test server (moto) does not model `SSEDescription`, and an untested comparison would be a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from schema_sync.ir import SchemaIR
from schema_sync.options import Options

KeyShape = Tuple[Tuple[str, str, str], ...]  # (attribute, HASH|RANGE, S|N|B)


@dataclass(frozen=True)
class Drift:
    table: str  # physical name
    message: str

    def render(self) -> str:
        return f"{self.table}: drift: {self.message}"


@dataclass(frozen=True)
class TableShape:
    """What drift compares of one table, the same way for the template and for DescribeTable."""

    key: KeyShape
    gsis: Dict[str, Tuple[KeyShape, str]]  # index -> (key, projection type)
    lsis: Dict[str, Tuple[KeyShape, str]]
    billing: str
    ttl: Optional[str]  # the TTL attribute, None when disabled
    point_in_time_recovery: bool


def physical_name(template: str, stage: str) -> str:
    """Resolve a `!Sub` table name for `stage` (`${Stage}`, and `${!` as a literal `${`)."""
    return template.replace("${Stage}", stage).replace("${!", "${")


def _key(schema: List[Dict[str, Any]], types: Dict[str, str]) -> KeyShape:
    names = [_attribute_name(k["AttributeName"]) for k in schema]
    return tuple((name, k["KeyType"], types.get(name, "?")) for name, k in zip(names, schema))


def _attribute_name(value: Any) -> str:
    """An `AttributeName` of DescribeTable or of the template (a `Fn::Join` where it holds `${`)."""
    from schema_sync.emit.cloudformation import literal_text

    return literal_text(value)


def _indexes(items: List[Dict[str, Any]], types: Dict[str, str]) -> Dict[str, Tuple[KeyShape, str]]:
    return {i["IndexName"]: (_key(i["KeySchema"], types), i["Projection"]["ProjectionType"]) for i in items}


def expected_tables(ir: SchemaIR, options: Options, stage: str) -> Dict[str, TableShape]:
    """Physical table name -> the shape the generated template deploys."""
    from schema_sync.emit.cloudformation import template_data

    out: Dict[str, TableShape] = {}
    for resource in template_data(ir, options)["Resources"].values():
        props = resource["Properties"]
        types = {_attribute_name(d["AttributeName"]): d["AttributeType"] for d in props["AttributeDefinitions"]}
        ttl = props.get("TimeToLiveSpecification", {})
        out[physical_name(str(props["TableName"]), stage)] = TableShape(
            key=_key(props["KeySchema"], types),
            gsis=_indexes(props.get("GlobalSecondaryIndexes", []), types),
            lsis=_indexes(props.get("LocalSecondaryIndexes", []), types),
            billing=props.get("BillingMode", "PROVISIONED"),
            ttl=ttl.get("AttributeName") if ttl.get("Enabled") else None,
            point_in_time_recovery=bool(
                props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled")
            ),
        )
    return out


def deployed_table(client: Any, name: str) -> Optional[TableShape]:
    """The deployed shape of `name`, None when there is no such table."""
    try:
        table = client.describe_table(TableName=name)["Table"]
    except client.exceptions.ResourceNotFoundException:
        return None
    types = {d["AttributeName"]: d["AttributeType"] for d in table.get("AttributeDefinitions", [])}
    ttl = client.describe_time_to_live(TableName=name).get("TimeToLiveDescription", {})
    backups = client.describe_continuous_backups(TableName=name).get("ContinuousBackupsDescription", {})
    pitr = backups.get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus")
    return TableShape(
        key=_key(table["KeySchema"], types),
        gsis=_indexes(table.get("GlobalSecondaryIndexes", []), types),
        lsis=_indexes(table.get("LocalSecondaryIndexes", []), types),
        billing=table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED"),
        ttl=ttl.get("AttributeName") if ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING") else None,
        point_in_time_recovery=pitr == "ENABLED",
    )


def _render_key(key: KeyShape) -> str:
    return ", ".join(f"{name} {role} {kind}" for name, role, kind in key) or "none"


def _index_drift(table: str, kind: str, want: Dict[str, Tuple[KeyShape, str]],
                 have: Dict[str, Tuple[KeyShape, str]]) -> List[Drift]:
    out: List[Drift] = []
    for name in sorted(set(want) - set(have)):
        out.append(Drift(table, f"{kind} {name!r} is missing"))
    for name in sorted(set(have) - set(want)):
        out.append(Drift(table, f"{kind} {name!r} is deployed but not in the schema"))
    for name in sorted(set(want) & set(have)):
        (want_key, want_projection), (have_key, have_projection) = want[name], have[name]
        if want_key != have_key:
            out.append(Drift(table, f"{kind} {name!r} key: deployed {_render_key(have_key)}, "
                                    f"schema {_render_key(want_key)}"))
        if want_projection != have_projection:
            out.append(Drift(table, f"{kind} {name!r} projection: deployed {have_projection}, "
                                    f"schema {want_projection}"))
    return out


def compare_table(name: str, want: TableShape, have: Optional[TableShape]) -> List[Drift]:
    if have is None:
        return [Drift(name, "table is missing")]
    out: List[Drift] = []
    if want.key != have.key:
        out.append(Drift(name, f"key schema: deployed {_render_key(have.key)}, schema {_render_key(want.key)}"))
    out.extend(_index_drift(name, "GSI", want.gsis, have.gsis))
    out.extend(_index_drift(name, "LSI", want.lsis, have.lsis))
    for label, wanted, deployed in (
        ("billing mode", want.billing, have.billing),
        ("TTL attribute", want.ttl or "disabled", have.ttl or "disabled"),
        ("point-in-time recovery", _on(want.point_in_time_recovery), _on(have.point_in_time_recovery)),
    ):
        if wanted != deployed:
            out.append(Drift(name, f"{label}: deployed {deployed}, schema {wanted}"))
    return out


def _on(flag: bool) -> str:
    return "enabled" if flag else "disabled"


def drift(ir: SchemaIR, options: Options, stage: str, client: Any) -> List[Drift]:
    """Every difference between the stage's deployed tables and the generated schema."""
    out: List[Drift] = []
    for name, want in sorted(expected_tables(ir, options, stage).items()):
        out.extend(compare_table(name, want, deployed_table(client, name)))
    return out
