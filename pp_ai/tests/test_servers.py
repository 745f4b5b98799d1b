"""conftest.py's server, as a batch of test modules in one pytest process sees it: one shared
server, on which each module starts with only its own tables, and no server left running afterwards."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


def _table_template(name: str) -> str:
    return f"""\
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: {name}
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: id, AttributeType: S}}]
      KeySchema: [{{AttributeName: id, KeyType: HASH}}]
"""


def _module_with_table(name: str) -> str:
    """A test module whose tables are `name`'s: it writes an item and records its server's URL."""
    return f"""
from pathlib import Path
from dynamo_test_server import client

TEMPLATES = [Path("{name}.yaml")]

def test_it_sees_only_its_own_table(endpoint):
    dynamodb = client("dynamodb", endpoint)
    assert dynamodb.list_tables()["TableNames"] == ["{name}"]
    dynamodb.put_item(TableName="{name}", Item={{"id": {{"S": "written by {name}"}}}})
    with open("urls", "a") as urls:
        urls.write(endpoint + "\\n")
"""


def _serving(url: str) -> bool:
    try:
        urllib.request.urlopen(f"{url}/moto-api/", timeout=2).close()
        return True
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def test_modules_in_one_process_share_a_server_not_its_contents(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text())
    for name in ("first", "second"):
        pytester.makefile(".yaml", **{name: _table_template(name)})
    pytester.makepyfile(test_1_first=_module_with_table("first"), test_2_second=_module_with_table("second"))
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
    first, second = (pytester.path / "urls").read_text().split()
    assert first == second
    assert not _serving(first)
