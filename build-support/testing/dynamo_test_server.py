"""A real DynamoDB-API server (moto in server mode) on loopback, for tests.

Started as its own process, spoken to over HTTP by boto3, always stopped: tests exercise the
same wire protocol production code does, with no in-process mocking.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, Sequence

import yaml

try:  # libyaml's parser (PyYAML's wheels have it): several times faster on the table templates
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_HOST = "127.0.0.1"
_START_TIMEOUT_S = 60.0
# moto never checks credentials, but botocore refuses to sign a request without some.
_FAKE_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((_HOST, 0))
        return int(sock.getsockname()[1])


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Any) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"moto server exited with code {process.returncode} before serving:\n{output}")
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"moto server did not answer on {url} within {_START_TIMEOUT_S:.0f}s")


@contextlib.contextmanager
def moto_server(extensions: Sequence[str] = ()) -> Iterator[str]:
    """Run `moto.server` on a free loopback port; yields its endpoint URL. `extensions`: modules
    whose `install()` the server runs before serving, each giving moto an AWS behaviour it lacks
    (`moto_table_updates`)."""
    port = _free_port()
    url = f"http://{_HOST}:{port}"
    # Under pytest-in-a-pex the interpreter alone does not see the test's requirements: pass our path.
    env = {**os.environ, "AWS_DEFAULT_REGION": REGION, "PYTHONPATH": os.pathsep.join(sys.path)}
    log = tempfile.TemporaryFile()
    installs = "".join(f"import {module}; {module}.install(); " for module in extensions)
    server = ["-c", f"{installs}import moto.server; moto.server.main()"] if extensions else ["-m", "moto.server"]
    process = subprocess.Popen(
        [sys.executable, *server, "-H", _HOST, "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.kill()  # a throw-away server: no state to save, and SIGTERM costs werkzeug ~0.4 s
        process.wait()
        log.close()


def client(service: str, endpoint_url: str) -> Any:
    """A boto3 low-level client for `service` talking to the server at `endpoint_url`."""
    import boto3

    return boto3.client(service, endpoint_url=endpoint_url, region_name=REGION, **_FAKE_CREDENTIALS)


def deploy_stack(endpoint_url: str, name: str, template_body: str, stage: str = "test", **parameters: str) -> None:
    """`create_stack` a CloudFormation template with the `Stage` parameter our templates take, and
    any other `parameters` (a stack with a role acknowledges it: CAPABILITY_IAM)."""
    values = {"Stage": stage, **parameters}
    client("cloudformation", endpoint_url).create_stack(
        StackName=name,
        TemplateBody=template_body,
        Parameters=[{"ParameterKey": key, "ParameterValue": value} for key, value in values.items()],
        Capabilities=["CAPABILITY_IAM"],
    )


class _TemplateLoader(_SafeLoader):
    """Reads CloudFormation's short-form intrinsics (`!Sub`, `!Ref`, ...) as `{"Fn::Sub": ...}`."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Dict[str, Any]:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        return {name: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {name: loader.construct_sequence(node, deep=True)}
    return {name: loader.construct_mapping(node, deep=True)}  # type: ignore[arg-type]


_TemplateLoader.add_multi_constructor("!", _intrinsic)


def load_template(template_body: str) -> Dict[str, Any]:
    """A CloudFormation YAML template as data, short-form intrinsics in their long form."""
    return dict(yaml.load(template_body, Loader=_TemplateLoader))


def resources_of_type(template: Dict[str, Any], kind: str) -> Dict[str, Dict[str, Any]]:
    """The template's resources of CloudFormation type `kind` (`AWS::DynamoDB::Table`), by logical ID."""
    return {name: resource for name, resource in template["Resources"].items() if resource["Type"] == kind}
_TABLE_PROPERTIES = (
    "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "BillingMode",
)


def create_tables(endpoint_url: str, template_body: str, stage: str = "test") -> None:
    """Create a template's `AWS::DynamoDB::Table` resources with DynamoDB's own CreateTable: the
    same keys, attribute types and indexes CloudFormation would create, for tests that need the
    tables rather than the stack (moto's CloudFormation takes ~1 s to load in each test process;
    the stack tests deploy the templates through it)."""
    dynamodb = client("dynamodb", endpoint_url)
    template = load_template(template_body)
    for resource in resources_of_type(template, "AWS::DynamoDB::Table").values():
        properties = resource["Properties"]
        name = properties["TableName"]
        if isinstance(name, dict):
            name = name["Fn::Sub"].replace("${Stage}", stage)
        arguments = {key: properties[key] for key in _TABLE_PROPERTIES if key in properties}
        dynamodb.create_table(TableName=name, **arguments)


@contextlib.contextmanager
def moto_server_with_tables(templates: Iterable[Path], stage: str = "test") -> Iterator[str]:
    """`moto_server()` with the tables of each CloudFormation template file created."""
    with moto_server() as url:
        for template in templates:
            create_tables(url, template.read_text(), stage)
        yield url
