"""Fixtures: a moto server (own process, loopback) with pp_ai's assembled stack deployed."""

from __future__ import annotations

from typing import Iterator

import pytest

from dynamo_test_server import client, moto_server
from pp_ai.data.tables import Tables
from pp_ai.tests.deployed_stack import STAGE, deploy, stack_template, upload_code


@pytest.fixture(scope="session")
def stack_endpoint() -> Iterator[str]:
    """A moto server with pp_ai's whole assembled stack deployed (tables, role, function)."""
    with moto_server() as url:
        upload_code(url)
        deploy(url, stack_template())
        yield url


@pytest.fixture()
def tables(stack_endpoint: str) -> Tables:
    return Tables(client("dynamodb", stack_endpoint), STAGE)
