"""Deploy plans (`schema_sync.plan`): from the deployed schema (the lock of `fixtures/plan/Data`) to
edited models, steps CloudFormation can apply one after the other.

Every scenario is checked the same ways: the steps' order and descriptions; each step's templates
differ from the ones before (step 0: what the lock's models generate) by exactly one GSI created
or deleted; no intermediate template defines a key attribute with two types or holds more indexes
than the deployed or the final one; the last step's templates are what `generate` writes, byte for
byte under their heading. test_plan_moto.py deploys the same scenarios step by step.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Dict, List, Set, Tuple

import pytest

from schema_sync.breaking import GSI_UPDATE, PLAN_COMMANDS, compare, summary
from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation, literal_text
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.lock import SchemaLock, lock_from_json, lock_of
from schema_sync.options import Options
from schema_sync.plan import MIGRATION_ROUTE, Plan, plan, planned_deploy, render
from schema_sync.tests.model_fixtures import FIXTURES

PLAN_FIXTURES = FIXTURES / "plan"
GOALS, MEASUREMENTS, SESSIONS = "Data/GoalDataModel.cs", "Data/MeasurementDataModel.cs", "Data/SessionDataModel.cs"


def deployed_sources() -> Dict[str, bytes]:
    """The models the lock was written from (what is deployed), keyed `Data/X.cs` (relative to fixtures/plan)."""
    return {p.relative_to(PLAN_FIXTURES).as_posix(): p.read_bytes() for p in sorted(PLAN_FIXTURES.glob("Data/*.cs"))}


def gsi(index: str, role: str = "Hash") -> str:
    return f"[DynamoDBGlobalSecondaryIndex{role}Key(\"{index}\")]\n    "


def on(stored: str) -> str:
    """The line an attribute is declared on, to put GSI attributes above."""
    return f"[DynamoDBProperty(\"{stored}\")]"


@dataclass(frozen=True)
class Scenario:
    name: str
    edits: Tuple[Tuple[str, str, str], ...]  # (file, old text, new text)
    expected: Tuple[str, ...]  # the steps' descriptions, in order

    def sources(self) -> Dict[str, bytes]:
        files = deployed_sources()
        for path, old, new in self.edits:
            text = files[path].decode()
            assert text.count(old) == 1, f"{old!r} in {path}"
            files[path] = text.replace(old, new).encode()
        return files


SCENARIOS = (
    Scenario("two new GSIs", (
        (GOALS, on("owner_id"), gsi("owner_id-due-index") + on("owner_id")),
        (GOALS, on("due"), gsi("owner_id-due-index", "Range") + on("due")),
        (GOALS, on("title"), gsi("title-index") + on("title")),
    ), (
        "create index owner_id-due-index on goals (hash owner_id (S), range due (S)); wait until it is ACTIVE",
        "create index title-index on goals (hash title (S)); wait until it is ACTIVE",
    )),
    Scenario("one GSI's key changed", (
        (GOALS, on("created"), gsi("tenant-index", "Range") + on("created")),
    ), (
        "delete index tenant-index on goals (its key changes: step 2 creates it again); wait until it is gone",
        "create index tenant-index on goals again, with its new key (hash tenant_id (S), range created (N)); "
        "wait until it is ACTIVE",
    )),
    Scenario("one GSI removed and one added", (
        (MEASUREMENTS, gsi("goal-index"), ""),
        (MEASUREMENTS, on("source"), gsi("source-index") + on("source")),
    ), (
        "delete index goal-index on measurements; wait until it is gone",
        "create index source-index on measurements (hash source (S)); wait until it is ACTIVE",
    )),
    Scenario("three GSIs on three tables", (
        (GOALS, on("owner_id"), gsi("owner-index") + on("owner_id")),
        (MEASUREMENTS, on("source"), gsi("source-index") + on("source")),
        (SESSIONS, on("user_id"), gsi("user-index") + on("user_id")),
    ), (
        "create index owner-index on goals (hash owner_id (S)); wait until it is ACTIVE",
        "create index source-index on measurements (hash source (S)); wait until it is ACTIVE",
        "create index user-index on sessions (hash user_id (S)); wait until it is ACTIVE",
    )),
    # The index's attribute changes type (S -> N) with it: deleting first means no template defines
    # `tenant_id` twice (CloudFormation refuses that), whatever the order of the indexes.
    Scenario("an index attribute's type changed", (
        (GOALS, gsi("tenant-index"), gsi("tenant-number-index")),
        (GOALS, "public string TenantId", "public long TenantId"),
    ), (
        "delete index tenant-index on goals; wait until it is gone",
        "create index tenant-number-index on goals (hash tenant_id (N)); wait until it is ACTIVE",
    )),
    # A key change, a removal and two new indexes on one table, plus a table created and one with no
    # change: every delete before every create, the changed index back first.
    Scenario("everything at once", (
        (GOALS, gsi("tenant-index"), gsi("tenant-index") + gsi("status-index")),
        (GOALS, on("created"), gsi("tenant-index", "Range") + on("created")),
        (GOALS, on("title"), gsi("title-index") + on("title")),
        (MEASUREMENTS, gsi("goal-index"), ""),
        (SESSIONS, "[DynamoDBTable(\"sessions\")]", "[DynamoDBTable(\"extras\")]\npublic class Extra\n{\n"
                   "    [DynamoDBHashKey(\"extra_id\")] public string ExtraId { get; set; }\n"
                   "    [DynamoDBGlobalSecondaryIndexHashKey(\"extra-index\")]\n"
                   "    [DynamoDBProperty(\"kind\")] public string Kind { get; set; }\n}\n"
                   "[DynamoDBTable(\"sessions\")]"),
    ), (
        "delete index tenant-index on goals (its key changes: step 2 creates it again); wait until it is gone",
        "create index tenant-index on goals again, with its new key (hash tenant_id (S), range created (N)); "
        "wait until it is ACTIVE",
        "create index status-index on goals (hash tenant_id (S)); wait until it is ACTIVE",
        "create index title-index on goals (hash title (S)); wait until it is ACTIVE",
        "delete index goal-index on measurements; wait until it is gone",
    )),
)


def options_for(number: int) -> Options:
    """Table names of their own per scenario, so the moto tests can share one server."""
    return Options(table_name_template=f"plan{number}-{{table}}-${{Stage}}")


@dataclass(frozen=True)
class Planned:
    deployed: SchemaIR
    current: SchemaIR
    options: Options
    locked: SchemaLock
    plan: Plan
    templates: List[Dict[str, str]]  # per step


DEFAULTS = Options()


def planned(sources: Dict[str, bytes], options: Options = DEFAULTS) -> Planned:
    deployed, current = extract(deployed_sources(), options), extract(sources, options)
    assert not deployed.errors and not current.errors, (deployed.errors, current.errors)
    locked = lock_from_json(lock_of(deployed, options).to_json())  # as committed
    steps, templates = planned_deploy(current, options, locked)
    return Planned(deployed, current, options, locked, steps, templates)


def scenario_ids() -> List[str]:
    return [s.name for s in SCENARIOS]


# -- the templates, as CloudFormation sees them -----------------------------------------------------


def template_data(text: str) -> Dict[str, Any]:
    import yaml

    from dynamo_test_server import _TemplateLoader  # CloudFormation's short forms as data

    data: Dict[str, Any] = yaml.load(text, Loader=_TemplateLoader)
    return data


Index = Tuple[str, str, Tuple[Tuple[str, str], ...]]  # (table resource, index, key schema)


def indexes(template: Dict[str, Any]) -> Set[Index]:
    return {
        (table, i["IndexName"], tuple((literal_text(k["AttributeName"]), k["KeyType"]) for k in i["KeySchema"]))
        for table, resource in template["Resources"].items()
        for i in resource["Properties"].get("GlobalSecondaryIndexes", [])
    }


def index_changes(before: Dict[str, Any], after: Dict[str, Any]) -> Set[Index]:
    """The indexes created or deleted between two templates, on tables in both (a new table comes whole)."""
    both = before["Resources"].keys() & after["Resources"].keys()
    return {i for i in indexes(before) ^ indexes(after) if i[0] in both}


def attribute_types(template: Dict[str, Any]) -> List[Tuple[str, str, Set[str]]]:
    """(table, attribute, its types) for attributes defined with more than one type."""
    out: List[Tuple[str, str, Set[str]]] = []
    for table, resource in template["Resources"].items():
        types: Dict[str, Set[str]] = {}
        for definition in resource["Properties"]["AttributeDefinitions"]:
            types.setdefault(literal_text(definition["AttributeName"]), set()).add(definition["AttributeType"])
        out.extend((table, name, kinds) for name, kinds in types.items() if len(kinds) > 1)
    return out


def index_counts(template: Dict[str, Any]) -> Dict[str, int]:
    return {t: len(r["Properties"].get("GlobalSecondaryIndexes", [])) for t, r in template["Resources"].items()}


# -- every scenario ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=range(len(SCENARIOS)), ids=scenario_ids())
def scenario(request: pytest.FixtureRequest) -> Tuple[Scenario, Planned]:
    chosen = SCENARIOS[request.param]
    return chosen, planned(chosen.sources())


def test_steps_come_in_the_planned_order(scenario: Tuple[Scenario, Planned]) -> None:
    chosen, result = scenario
    assert result.plan.refused == ()
    assert tuple(step.describe() for step in result.plan.steps) == chosen.expected
    assert [(s.number, s.total) for s in result.plan.steps] == [(n, len(chosen.expected)) for n in
                                                                range(1, len(chosen.expected) + 1)]


def test_each_step_creates_or_deletes_exactly_one_index(scenario: Tuple[Scenario, Planned]) -> None:
    _, result = scenario
    before = template_data(emit_cloudformation(result.deployed, result.options)[COMBINED_TEMPLATE])
    for number, templates in enumerate(result.templates, start=1):
        after = template_data(templates[COMBINED_TEMPLATE])
        assert len(index_changes(before, after)) == 1, (number, index_changes(before, after))
        before = after


def test_no_step_defines_an_attribute_twice_or_exceeds_the_index_counts(scenario: Tuple[Scenario, Planned]) -> None:
    _, result = scenario
    deployed = index_counts(template_data(emit_cloudformation(result.deployed, result.options)[COMBINED_TEMPLATE]))
    final = index_counts(template_data(result.templates[-1][COMBINED_TEMPLATE]))
    for number, templates in enumerate(result.templates, start=1):
        data = template_data(templates[COMBINED_TEMPLATE])
        assert attribute_types(data) == [], number
        for table, count in index_counts(data).items():
            assert count <= max(deployed.get(table, 0), final[table]), (number, table)


def test_the_last_step_is_what_generate_writes(scenario: Tuple[Scenario, Planned]) -> None:
    _, result = scenario
    final = result.plan.steps[-1]
    generated = emit_cloudformation(result.current, result.options)
    assert result.templates[-1] == {path: f"# {final.heading}\n{text}" for path, text in generated.items()}


def test_every_step_has_every_template_under_its_heading(scenario: Tuple[Scenario, Planned]) -> None:
    _, result = scenario
    paths = set(emit_cloudformation(result.current, result.options))
    for step, templates in zip(result.plan.steps, result.templates):
        assert set(templates) == paths
        heading = f"# deploy plan step {step.number} of {step.total}: "
        assert all(text.startswith(heading) for text in templates.values())


def test_every_step_template_passes_cfn_lint() -> None:
    from cfnlint.api import ManualArgs, lint

    result = planned(SCENARIOS[-1].sources())  # every kind of step, and a new table
    for step, templates in zip(result.plan.steps, result.templates):
        assert [str(m) for m in lint(templates[COMBINED_TEMPLATE], config=ManualArgs(regions=["us-east-1"]))] == [], (
            step.heading)


# -- what rides along, what needs no plan, what is refused ------------------------------------------------


def test_a_new_table_comes_whole_in_step_one_and_a_removed_one_leaves_there() -> None:
    extra = ("[DynamoDBTable(\"extras\")]\npublic class Extra\n{\n"
             "    [DynamoDBHashKey(\"extra_id\")] public string ExtraId { get; set; }\n"
             "    [DynamoDBGlobalSecondaryIndexHashKey(\"a-index\", \"b-index\")]\n"
             "    [DynamoDBProperty(\"kind\")] public string Kind { get; set; }\n}\n")
    sources = Scenario("", (
        (SESSIONS, "[DynamoDBTable(\"sessions\")]", extra + "[DynamoDBTable(\"sessions\")]"),
        (GOALS, on("title"), gsi("title-index") + on("title")),
    ), ()).sources()
    del sources[MEASUREMENTS]
    result = planned(sources)
    (first,) = (template_data(t[COMBINED_TEMPLATE]) for t in result.templates)
    assert [s.describe() for s in result.plan.steps] == [
        "create index title-index on goals (hash title (S)); wait until it is ACTIVE"]
    assert result.plan.steps[0].also == (
        "create table extras with its 2 indexes",
        "remove table measurements from the stack (DeletionPolicy: Retain keeps the table and its items)",
    )
    assert sorted(first["Resources"]) == ["ExtrasTable", "GoalsTable", "SessionsTable"]
    assert index_counts(first)["ExtrasTable"] == 2


def test_tables_that_differ_without_an_index_change_are_one_step() -> None:
    sources = deployed_sources()
    del sources[SESSIONS]
    result = planned(sources)
    assert [s.describe() for s in result.plan.steps] == ["update the tables to the models (no index changes)"]
    assert result.plan.steps[0].file_stem == "01-update-tables"
    generated = emit_cloudformation(result.current, result.options)
    heading = f"# {result.plan.steps[0].heading}\n"
    assert result.templates[0][COMBINED_TEMPLATE] == heading + generated[COMBINED_TEMPLATE]


def test_no_plan_when_the_tables_match_the_lock() -> None:
    """Models and enums change no template: an attribute more, or a model renamed, needs no deploy plan."""
    unchanged = planned(deployed_sources())
    assert (unchanged.plan.steps, unchanged.plan.refused, unchanged.templates) == ((), (), [])
    assert render(unchanged.plan, "schema.lock.json") == "nothing to deploy: the models match schema.lock.json\n"
    attribute = Scenario("", ((GOALS, on("title"), on("note") + " public string Note { get; set; }\n    "
                                                    + on("title")),), ()).sources()
    assert planned(attribute).plan.steps == ()
    renamed = Scenario("", ((SESSIONS, "class SessionDataModel", "class UserSessionDataModel"),), ()).sources()
    assert planned(renamed).plan.steps == ()  # the table stores another model: its template is the same


def test_a_lock_of_version_1_plans_against_its_tables() -> None:
    """A lock without logical IDs differs from the models' lock in every table: one step, no index change."""
    options = Options()
    current = lock_of(extract(deployed_sources(), options), options)
    old = lock_from_json(current.to_json().replace('"lock_version": 2', '"lock_version": 1'))
    old = dataclasses.replace(old, tables=tuple(dataclasses.replace(t, logical_id=None) for t in old.tables))
    assert [s.describe() for s in plan(old, current).steps] == ["update the tables to the models (no index changes)"]


REPLACEMENTS = (
    ("hash key renamed", (GOALS, "[DynamoDBHashKey(\"goal_id\")]", "[DynamoDBHashKey(\"id\")]"),
     "Data/GoalDataModel.cs:9"),
    ("range key type changed", (MEASUREMENTS, "public DateTime MeasuredAt", "public long MeasuredAt"),
     "Data/MeasurementDataModel.cs:13"),
    ("LSI added", (MEASUREMENTS, on("value"), "[DynamoDBLocalSecondaryIndexRangeKey(\"value-index\")]\n    "
                   + on("value")), "Data/MeasurementDataModel.cs:24"),
    ("table renamed", (SESSIONS, "[DynamoDBTable(\"sessions\")]", "[DynamoDBTable(\"user_sessions\")]"),
     "Data/SessionDataModel.cs:6"),
)


@pytest.mark.parametrize("edit, where", [r[1:] for r in REPLACEMENTS], ids=[r[0] for r in REPLACEMENTS])
def test_a_replacement_is_refused_at_its_line_with_the_migration_route(edit: Tuple[str, str, str], where: str) -> None:
    both = Scenario("", (edit, (GOALS, on("title"), gsi("title-index") + on("title"))), ()).sources()
    result = planned(both)
    assert result.plan.steps == () and result.templates == []
    assert [f.kind for f in result.plan.refused] == ["replacement"]
    text = render(result.plan, "schema.lock.json")
    assert text.startswith(f"{where}: replacement: table ")
    assert text.endswith(f"no deploy plan: 1 change against schema.lock.json would replace a table.\n"
                         f"{MIGRATION_ROUTE}\n")


def test_step_files_are_numbered_in_order_and_name_what_they_do() -> None:
    result = planned(SCENARIOS[-1].sources())
    assert [s.file_stem for s in result.plan.steps] == [
        "01-delete-goals-tenant-index", "02-create-goals-tenant-index", "03-create-goals-status-index",
        "04-create-goals-title-index", "05-delete-measurements-goal-index",
    ]
    files = {s.number: f"plan/{s.file_stem}.yaml" for s in result.plan.steps}
    text = render(result.plan, "schema.lock.json", files)
    assert text.splitlines()[1:4] == [
        "step 1 of 5: delete index tenant-index on goals (its key changes: step 2 creates it again); "
        "wait until it is gone",
        "  with it: create table extras with its 1 index",
        "  template: plan/01-delete-goals-tenant-index.yaml",
    ]


def test_every_gsi_update_finding_and_the_failing_summary_name_the_plan() -> None:
    """A `gsi-update` is what a plan resolves: each such finding says how to get one, as the summary does."""
    options = Options()
    locked = lock_of(extract(deployed_sources(), options), options)
    found = [f for s in SCENARIOS for f in compare(locked, lock_of(extract(s.sources(), options), options))
             if f.kind == GSI_UPDATE]
    assert len(found) >= 4  # index counts and key changes, on several tables
    assert [f.message for f in found if PLAN_COMMANDS not in f.message] == []
    assert PLAN_COMMANDS in summary(1, 0, "schema.lock.json", "pants update-schema-lock")
    assert "`pants plan-schema-deploy` or `python -m schema_sync plan`" in PLAN_COMMANDS
