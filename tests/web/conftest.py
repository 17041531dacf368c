"""Web fixtures: a real store with the sample corpus's documents and expected claims, users of
every role, and TestClients logged in as each (sessions with their CSRF tokens) or anonymous."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orbat import pipeline
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PASSWORDS = {"vera": "viewer-pass-1", "ana": "analyst-pass-1", "adam": "admin-pass-1"}
ROLES = {"vera": "viewer", "ana": "analyst", "adam": "admin"}


def load_examples(store: Store) -> None:
    """The sample corpus read by orbat's own ingestion (text, metadata, original bytes), then its
    expected claims: the importer finds each quote in the stored text, so evidence has real offsets."""
    report = pipeline.ingest(store, [str(EXAMPLES / "corpus")])
    assert report.ok, report.failed
    store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl", user="import")


def add_users(store: Store) -> None:
    for name, role in ROLES.items():
        store.add_user(name, role, PASSWORDS[name])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample knowledge base built once; each SQLite test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("kb") / "template.db"
    kb = Store.open(f"sqlite:///{path}", create=True)
    load_examples(kb)
    add_users(kb)
    with kb.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    kb.close()
    return path


@pytest.fixture
def kb(store_url: str, sqlite_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A real store with the sample documents, claims and users (viewer vera, analyst ana, admin adam)."""
    if store_url.startswith("sqlite"):
        path = tmp_path / "web.db"
        shutil.copyfile(sqlite_template, path)
        store = Store.open(f"sqlite:///{path}")
    else:
        store = Store.open(store_url, create=True)
        load_examples(store)
        add_users(store)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}", secret_key="t" * 48)


@dataclass
class Client:
    http: TestClient
    csrf: str
    name: str

    def post(self, url: str, **kw):  # type: ignore[no-untyped-def]
        headers = {"X-CSRF-Token": self.csrf, **kw.pop("headers", {})}
        return self.http.post(url, headers=headers, **kw)


def login(http: TestClient, name: str, password: str | None = None) -> str:
    page = http.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    r = http.post(
        "/login",
        data={
            "username": name,
            "password": password or PASSWORDS[name],
            "csrf_token": token.group(1),
            "next": "/",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    me = http.get("/api/v1/me").json()
    return str(me["csrf_token"])


@pytest.fixture
def app(kb: Store, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, kb)


@pytest.fixture
def anon(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://testserver") as http:
        yield http


def _client(app, name: str) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://testserver") as http:
        yield Client(http, login(http, name), name)


@pytest.fixture
def viewer(app) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    yield from _client(app, "vera")


@pytest.fixture
def analyst(app) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    yield from _client(app, "ana")


@pytest.fixture
def admin(app) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    yield from _client(app, "adam")
