"""The DynamoDB-API servers pp_ai's test modules use (moto, each in its own process, boto3 over HTTP).

Pants runs the pp_ai test files a change selects in one pytest process (`batch_compatibility_tag`
in BUILD), so they share what costs most. Each server starts on a thread as soon as the first test
that uses it is collected: its start-up overlaps collection and the tests before it.
- `endpoint`: one server per process, emptied for each module, which then gets the tables of its
  `TEMPLATES` (created with DynamoDB's own CreateTable, see `dynamo_test_server.create_tables`);
- `prepared_server`: a server of a module's own, prepared by the module's `prepare_server(url)`
  while the other modules' tests run (test_stack.py deploys the whole stack through moto's
  CloudFormation, ~2 s of the server's work); it starts once the shared one has, whose start-up
  the first test waits for.
Nothing here imports a model: each test file still depends only on the tables it uses.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Callable, Dict, Optional, Sequence

import pytest

from dynamo_test_server import create_tables, moto_server

STAGE = "test"


class BackgroundServer:
    """A moto server started, then prepared by `prepare`, on a thread: the server is another
    process, so its start-up runs beside whatever this process does until `url()` is asked for.
    Given `after`, it starts once that one has (not to slow down a start-up a test waits for)."""

    def __init__(
        self, prepare: Callable[[str], None] = lambda url: None, after: Optional[BackgroundServer] = None
    ) -> None:
        self._running = contextlib.ExitStack()
        self._prepare = prepare
        self._after = after
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._url = self._executor.submit(self._start)

    def _start(self) -> str:
        if self._after is not None:
            self._after.started()
        url = self._running.enter_context(moto_server())
        self._prepare(url)
        return url

    def started(self) -> None:
        """Wait until the server has started and been prepared, or failed to."""
        concurrent.futures.wait([self._url])

    def url(self) -> str:
        """The server's endpoint, once started and prepared (re-raises what went wrong meanwhile)."""
        return self._url.result()

    def stop(self) -> None:
        self._executor.shutdown(wait=True)  # one still starting is stopped once it has
        self._running.close()


_SERVERS = pytest.StashKey[Dict[str, BackgroundServer]]()  # "" -> the shared one; module name -> its own
_SHARED = ""


def _shared(config: pytest.Config) -> BackgroundServer:
    servers = config.stash[_SERVERS]
    if _SHARED not in servers:
        servers[_SHARED] = BackgroundServer()
    return servers[_SHARED]


def _own(config: pytest.Config, module: ModuleType) -> BackgroundServer:
    servers = config.stash[_SERVERS]
    if module.__name__ not in servers:
        servers[module.__name__] = BackgroundServer(module.prepare_server, after=servers.get(_SHARED))
    return servers[module.__name__]


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_SERVERS] = {}


def pytest_itemcollected(item: pytest.Item) -> None:
    """Start the servers a test uses when it is collected (not for `--collect-only`)."""
    if item.config.option.collectonly or not isinstance(item, pytest.Function):
        return
    if "endpoint" in item.fixturenames:
        _shared(item.config)
    if "prepared_server" in item.fixturenames:
        _own(item.config, item.module)


def pytest_sessionfinish(session: pytest.Session) -> None:
    for server in session.config.stash.get(_SERVERS, {}).values():
        server.stop()


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


@pytest.fixture(scope="module")
def prepared_server(request: pytest.FixtureRequest) -> str:
    """The module's own server, prepared by its `prepare_server(url)` in the background."""
    return _own(request.config, request.module).url()
