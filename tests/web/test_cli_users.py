"""`orbat user add/token/list` as a subprocess on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orbat.store import Store

ORBAT = [sys.executable, "-m", "orbat"]


def orbat(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ORBAT, "--db", db, "--user", "root", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
    )


def test_user_add_token_and_list(tmp_path: Path):
    db = str(tmp_path / "kb.db")
    r = orbat(db, "user", "add", "alice", "--role", "analyst", "--password-stdin", stdin="alice-pass-1\n")
    assert r.returncode == 0, r.stderr
    assert "alice added (analyst)" in r.stdout
    again = orbat(db, "user", "add", "alice", "--role", "viewer", "--password-stdin", stdin="whatever-1\n")
    assert again.returncode == 1 and "exists already" in again.stderr
    bad = orbat(db, "user", "add", "bob", "--role", "boss", "--password-stdin", stdin="bob-pass-12\n")
    assert bad.returncode == 1 and "unknown role" in bad.stderr
    short = orbat(db, "user", "add", "bob", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "at least 8" in short.stderr
    tok = orbat(db, "user", "token", "alice", "--label", "script")
    assert tok.returncode == 0, tok.stderr
    token = tok.stdout.strip()
    assert token.startswith("orbat_") and len(token) > 40
    store = Store.open(db)
    try:
        assert store.user_for_token(token).name == "alice"  # type: ignore[union-attr]
        assert store.authenticate("alice", "alice-pass-1") is not None
        assert store.authenticate("alice", "wrong-pass-1") is None
        trail = store.audit_trail("user", "alice")
        assert {t["action"] for t in trail} == {"add", "token"} and {t["user"] for t in trail} == {"root"}
    finally:
        store.close()
    listed = orbat(db, "user", "list")
    assert "alice\tanalyst\tenabled" in listed.stdout
    assert orbat(db, "user", "token", "nobody").returncode == 1
