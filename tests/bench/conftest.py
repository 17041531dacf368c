"""Fixtures of the benchmark tests: a small generated corpus, fresh PostgreSQL databases."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from orbat.bench.generator import generate
from orbat.store.engine import normalise_url
from tests.conftest import PG_URL


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve generated documents (seed 7) with their gold."""
    out = tmp_path_factory.mktemp("corpus")
    generate(out, 12, seed=7)
    return out


@pytest.fixture
def pg_databases() -> Iterator[Callable[[], str]]:
    """A factory of fresh PostgreSQL databases (URLs), all dropped after the test."""
    if not PG_URL:
        pytest.skip("ORBAT_TEST_POSTGRES_URL is not set")
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"orbat_t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(normalise_url(PG_URL)).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
