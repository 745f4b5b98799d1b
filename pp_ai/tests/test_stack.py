"""pp_ai's stack template, as the package step assembles it: every table pp_ai uses and no other,
least privilege, one Python for the function and the tests. It reads every table template (and so
depends on every model pp_ai uses). pp_ai/stack/deploy_test.py deploys the built template through
CloudFormation; cfn-lint checks it in `./pants lint` (pp_ai/stack:template is tagged `cfn-lint`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from pp_ai.data.repository import IAM_ACTIONS
from pp_ai.data.tables import TABLE_MODELS
from pp_ai.stack.assemble import ROLE, assemble, build_stack, load_template, table_resources

PARTS = Path("pp_ai/stack/function.yaml")
TABLE_TEMPLATES = Path("pp_api/cloudformation")


def stack_template() -> str:
    """The stack template, built by the function the package step runs."""
    return build_stack(PARTS, TABLE_TEMPLATES)


@pytest.fixture(scope="module")
def template() -> Dict[str, Any]:
    """The stack template, parsed: assembled once."""
    return load_template(stack_template())


def _table_access(template: Dict[str, Any]) -> Dict[str, Any]:
    policies = template["Resources"][ROLE]["Properties"]["Policies"]
    [statement] = next(p for p in policies if p["PolicyName"] == "pp-ai-table-access")["PolicyDocument"]["Statement"]
    return dict(statement)


def test_no_cfn_lint_check_is_silenced(template: Dict[str, Any]) -> None:
    """A finding (a deprecated runtime, E2533, say) is fixed, not ignored in the template's Metadata."""
    parts = {"(template)": template, **template["Resources"]}
    silenced = {name: part["Metadata"] for name, part in parts.items() if "cfn-lint" in part.get("Metadata", {})}
    assert silenced == {}


def test_the_function_runs_on_the_python_pp_ai_is_built_and_tested_for(template: Dict[str, Any]) -> None:
    """The deployment package's native wheels (pydantic-core) are built for the python-default
    resolve's interpreter, the one these tests run on: the Lambda runtime must be that Python."""
    resources = template["Resources"]
    runtimes = [r["Properties"]["Runtime"] for r in resources.values() if r["Type"] == "AWS::Lambda::Function"]
    assert runtimes == [f"python{sys.version_info.major}.{sys.version_info.minor}"]


def test_it_has_a_table_for_every_model_pp_ai_uses_and_no_other(template: Dict[str, Any]) -> None:
    names = sorted(template["Resources"][t]["Properties"]["TableName"]["Fn::Sub"] for t in table_resources(template))
    assert names == sorted(str(m.PHYSICAL_TABLE_NAME) for m in TABLE_MODELS)


def test_the_role_may_do_exactly_what_the_repository_does_on_exactly_those_tables(template: Dict[str, Any]) -> None:
    statement = _table_access(template)
    assert statement["Action"] == sorted(IAM_ACTIONS)
    tables = table_resources(template)
    expected: List[Any] = []
    for table in tables:
        expected += [{"Fn::GetAtt": [table, "Arn"]}, {"Fn::Sub": "${" + table + ".Arn}/index/*"}]
    assert statement["Resource"] == expected
    assert "*" not in str(statement["Action"])


def test_assembling_twice_gives_the_same_template() -> None:
    assert stack_template() == stack_template()


def test_a_table_defined_twice_differently_is_an_error(template: Dict[str, Any]) -> None:
    table = {"Resources": {"GoalsTable": {"Type": "AWS::DynamoDB::Table", "Properties": {}}}}
    try:
        assemble(template, {"other.yaml": table}, IAM_ACTIONS)
    except ValueError as error:
        assert "GoalsTable" in str(error)
    else:
        raise AssertionError("a conflicting table was merged")
