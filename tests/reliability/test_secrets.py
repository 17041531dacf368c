"""Secrets are never logged, audited or stored in the clear.

Every log record of every logger (orbat's, uvicorn's, Starlette's,
SQLAlchemy's engine with statement logging switched on, python-multipart's)
is captured while users are added with passwords (CLI and web), log in
(rightly and wrongly), are given API tokens (CLI, web page, API) and use
them. Neither a password nor a token may appear in any record, in the audit
trail, or anywhere in the database (only their hashes are kept).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from orbat.cli import app as cli_app
from orbat.settings import Settings
from orbat.store import Store
from orbat.store.tables import metadata
from orbat.web.app import create_app

ADMIN_PW = "adm1n-Secret-Pass-9081"
NEW_PW = "n3w-User-Secret-7766"
WRONG_PW = "wr0ng-Guess-Secret-5521"


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        self.lines.append(f"{record.name}: {msg} {record.args!r} {record.__dict__.get('extra', '')}")


@pytest.fixture
def all_logs() -> Iterator[Everything]:
    handler = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    engine_logger = logging.getLogger("sqlalchemy.engine")
    old_engine = engine_logger.level
    engine_logger.setLevel(logging.INFO)  # every statement and its parameters
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        engine_logger.setLevel(old_engine)


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, page
    return m.group(1)


def everything_in_the_store(kb: Store) -> str:
    parts: list[str] = []
    with kb.reading() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


def test_passwords_and_tokens_never_reach_logs_audit_or_the_store(
    all_logs: Everything, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    runner = CliRunner()
    added = runner.invoke(
        cli_app,
        ["--db", db, "user", "add", "adam", "--role", "admin", "--password-stdin"],
        input=ADMIN_PW + "\n",
    )
    assert added.exit_code == 0, added.output
    cli_token = runner.invoke(cli_app, ["--db", db, "user", "token", "adam"])
    assert cli_token.exit_code == 0, cli_token.output
    tokens = re.findall(r"\S{30,}", cli_token.output)
    assert tokens, cli_token.output  # shown once to the person who asked, on their terminal only

    kb = Store.open(db)
    try:
        app = create_app(Settings(database_url=db, secret_key="k" * 48), kb)
        with TestClient(app, base_url="http://testserver") as http:
            bad = http.post(
                "/login",
                data={"username": "adam", "password": WRONG_PW, "csrf_token": _csrf(http.get("/login").text)},
            )
            assert bad.status_code == 401
            ok = http.post(
                "/login",
                data={"username": "adam", "password": ADMIN_PW, "csrf_token": _csrf(http.get("/login").text)},
                follow_redirects=False,
            )
            assert ok.status_code == 303
            csrf = http.get("/api/v1/me").json()["csrf_token"]
            r = http.post(
                "/admin/users",
                data={"name": "nina", "role": "analyst", "password": NEW_PW, "csrf_token": csrf},
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text
            page = http.post("/admin/users/nina/token", data={"label": "script", "csrf_token": csrf})
            assert page.status_code == 200
            tokens += [t for t in re.findall(r"orbat_[A-Za-z0-9_\-]{20,}", page.text)]
            api = http.post(
                "/api/v1/users/nina/tokens", json={"label": "api"}, headers={"X-CSRF-Token": csrf}
            )
            assert api.status_code == 201, api.text
            tokens.append(api.json()["token"])
            http.post("/logout", data={"csrf_token": csrf})
        with TestClient(app, base_url="http://testserver") as script:
            for token in tokens:
                me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
                assert me.status_code == 200, (token, me.text)
        assert len(set(tokens)) >= 3
        stored = everything_in_the_store(kb)
    finally:
        kb.close()

    assert len(all_logs.lines) > 20  # the capture saw the requests and the SQL
    logged = "\n".join(all_logs.lines)
    printed = capsys.readouterr()
    for secret in [ADMIN_PW, NEW_PW, WRONG_PW, *tokens]:
        assert secret not in logged, f"a secret was logged: {secret[:6]}..."
        assert secret not in stored, f"a secret is stored in the clear: {secret[:6]}..."
        assert secret not in printed.err
