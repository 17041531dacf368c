"""Shared fixtures: real stores on every configured backend, paths to shared material.

SQLite always; PostgreSQL too when ORBAT_TEST_POSTGRES_URL is set (CI sets
it): each test gets a fresh database created on that server and dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from orbat.store import Store
from orbat.store.engine import normalise_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ORBAT_SHARED", ROOT.parent / "shared"))
PG_URL = os.environ.get("ORBAT_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _admin_url() -> str:
    assert PG_URL
    return normalise_url(PG_URL)


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database; its URL."""
    if not PG_URL:
        pytest.skip("ORBAT_TEST_POSTGRES_URL is not set")
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"orbat_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
    else:
        yield request.getfixturevalue("pg_database")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    kb = Store.open(store_url, create=True)
    try:
        yield kb
    finally:
        kb.close()


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED
