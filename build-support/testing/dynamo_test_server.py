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
from typing import Any, Iterable, Iterator

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
def moto_server() -> Iterator[str]:
    """Run `moto.server` on a free loopback port; yields its endpoint URL."""
    port = _free_port()
    url = f"http://{_HOST}:{port}"
    # Under pytest-in-a-pex the interpreter alone does not see the test's requirements: pass our path.
    env = {**os.environ, "AWS_DEFAULT_REGION": REGION, "PYTHONPATH": os.pathsep.join(sys.path)}
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", _HOST, "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def client(service: str, endpoint_url: str) -> Any:
    """A boto3 low-level client for `service` talking to the server at `endpoint_url`."""
    import boto3

    return boto3.client(service, endpoint_url=endpoint_url, region_name=REGION, **_FAKE_CREDENTIALS)


def deploy_stack(endpoint_url: str, name: str, template_body: str, stage: str = "test") -> None:
    """`create_stack` a CloudFormation template with the `Stage` parameter our templates take."""
    client("cloudformation", endpoint_url).create_stack(
        StackName=name,
        TemplateBody=template_body,
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": stage}],
    )


@contextlib.contextmanager
def moto_server_with_stacks(templates: Iterable[Path], stage: str = "test") -> Iterator[str]:
    """`moto_server()` with each CloudFormation template file deployed as a stack named after it."""
    with moto_server() as url:
        for template in templates:
            deploy_stack(url, template.stem, template.read_text(), stage)
        yield url
