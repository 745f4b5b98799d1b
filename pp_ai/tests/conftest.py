"""The DynamoDB-API server pp_ai's test modules share (moto, in its own process, boto3 over HTTP).

Pants runs the pp_ai test files a change selects in one pytest process (`batch_compatibility_tag`
in BUILD), so they share what costs most: one server, started on a thread as soon as the first test
that uses it is collected (its start-up overlaps collection and the tests before it), emptied for
each module, which then gets the tables of its `TEMPLATES` (created with DynamoDB's own CreateTable,
see `dynamo_test_server.create_tables`). The stack's CloudFormation deploy is tested on a server of
its own by pp_ai/stack/deploy_test.py.
Nothing here imports a model: each test file still depends only on the tables it uses.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import urllib.request
from pathlib import Path
from typing import Sequence

import pytest

from dynamo_test_server import create_tables, moto_server

STAGE = "test"


class BackgroundServer:
    """A moto server started on a thread: the server is another process, so its start-up runs
    beside whatever this process does until `url()` is asked for."""

    def __init__(self) -> None:
        self._running = contextlib.ExitStack()
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._url = self._executor.submit(self._running.enter_context, moto_server())

    def url(self) -> str:
        """The server's endpoint, once started (re-raises what went wrong meanwhile)."""
        return self._url.result()

    def stop(self) -> None:
        self._executor.shutdown(wait=True)  # one still starting is stopped once it has
        self._running.close()


_SERVER = pytest.StashKey[BackgroundServer]()


def _shared(config: pytest.Config) -> BackgroundServer:
    if _SERVER not in config.stash:
        config.stash[_SERVER] = BackgroundServer()
    return config.stash[_SERVER]


def pytest_itemcollected(item: pytest.Item) -> None:
    """Start the server when the first test that uses it is collected (not for `--collect-only`)."""
    if item.config.option.collectonly or not isinstance(item, pytest.Function):
        return
    if "endpoint" in item.fixturenames:
        _shared(item.config)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _SERVER in session.config.stash:
        session.config.stash[_SERVER].stop()


def empty(endpoint: str) -> None:
    """Remove everything from the server (moto's reset: every service, every region)."""
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")).close()


@pytest.fixture(scope="module")
def endpoint(request: pytest.FixtureRequest) -> str:
    """The shared server, emptied, with the tables of the module's `TEMPLATES` (stage "test"), if any."""
    url = _shared(request.config).url()
    empty(url)
    templates: Sequence[Path] = getattr(request.module, "TEMPLATES", ())
    for template in templates:
        create_tables(url, template.read_text(), STAGE)
    return url

