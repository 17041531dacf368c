"""The CLI end to end, as a subprocess on a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ORBAT = [sys.executable, "-m", "orbat"]


def run(
    *args: str, db: str | None = None, check: bool = True, env: dict | None = None
) -> subprocess.CompletedProcess:
    cmd = [*ORBAT, *(["--db", db] if db else []), *args]
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


RECORDS = [
    {
        "kind": "entity",
        "id": "E1",
        "type": "armed_group",
        "name": "Desert Hawks Brigade",
        "aliases": ["Suqur al-Sahara"],
    },
    {"kind": "entity", "id": "E2", "type": "person", "name": "Mohammed Jaber", "aliases": []},
    {
        "kind": "claim",
        "doc": "s1",
        "subject": "E1",
        "predicate": "founded",
        "object": {"date": "2013"},
        "qualifiers": {"hedge": "asserted"},
        "quote": "set up in 2013",
    },
    {
        "kind": "claim",
        "doc": "s1",
        "subject": "E1",
        "predicate": "founded_by",
        "object": {"entity": "E2"},
        "qualifiers": {"hedge": "reported", "claimed_by": "a former member"},
        "quote": "founded by Jaber",
    },
]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return p


def test_init_import_list_export_round_trip(tmp_path: Path, jsonl: Path, store_url: str):
    run("init", db=store_url)
    out = run("import", "claims-jsonl", str(jsonl), db=store_url)
    assert "imported 2 entities and 2 claims" in out.stdout
    ents = run("entities", db=store_url).stdout
    assert "Desert Hawks Brigade" in ents and "Suqur al-Sahara" in ents
    cl = run("claims", "--entity", "Suqur al-Sahara", "--predicate", "founded", db=store_url).stdout
    assert "2013" in cl and "set up in 2013" in cl and "1 claims" in cl
    exported = tmp_path / "out.jsonl"
    run("export", "--format", "claims-jsonl", "-o", str(exported), db=store_url)
    again_db = f"sqlite:///{tmp_path / 'again.db'}"
    run("import", "claims-jsonl", str(exported), db=again_db)
    stdout_export = run("export", "--format", "claims-jsonl", db=again_db).stdout
    assert stdout_export == exported.read_text(encoding="utf-8")


def test_bad_import_is_one_line_naming_file_and_line_and_nonzero(tmp_path: Path, jsonl: Path):
    db = str(tmp_path / "kb.db")
    run("init", db=db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        jsonl.read_text()
        + '{"kind": "claim", "doc": "s1", "subject": "E1", "predicate": "rules", "object": {"text": "x"}}\n'
    )
    proc = run("import", "claims-jsonl", str(bad), db=db, check=False)
    assert proc.returncode == 1
    assert "bad.jsonl:5: unknown predicate 'rules'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "0 claims" not in run("entities", db=db).stdout
    assert "Desert Hawks" not in run("entities", db=db).stdout  # nothing half-written


def test_unreachable_database_url_is_a_clear_error():
    proc = run("entities", db="postgresql://orbat@127.0.0.1:1/none", check=False)
    assert proc.returncode == 1
    assert "cannot connect to postgresql+psycopg://orbat@127.0.0.1:1/none" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_commands_on_a_store_that_was_never_initialised(tmp_path: Path):
    proc = run("entities", db=str(tmp_path / "new.db"), check=False)
    assert proc.returncode == 1 and "orbat init" in proc.stderr


def test_database_url_from_the_environment(tmp_path: Path, jsonl: Path):
    env = {"ORBAT_DATABASE_URL": f"sqlite:///{tmp_path / 'env.db'}"}
    run("init", env=env)
    run("import", "claims-jsonl", str(jsonl), env=env)
    assert (tmp_path / "env.db").exists()
    assert "Mohammed Jaber" in run("entities", env=env).stdout


def test_every_command_has_help_with_an_example():
    from orbat.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {
        "init",
        "ingest",
        "entities",
        "claims",
        "export",
        "import",
        "serve",
        "merge",
        "split",
        "undo",
    } <= set(names)
    for cmd in app.registered_commands:
        doc = cmd.callback.__doc__ or ""
        assert "Example:" in doc, f"{cmd.name} has no example in its help"


def test_serve_starts_and_answers(tmp_path: Path, jsonl: Path):
    import socket
    import time
    import urllib.request

    db = str(tmp_path / "kb.db")
    run("import", "claims-jsonl", str(jsonl), db=db)
    subprocess.run(
        [*ORBAT, "--db", db, "user", "add", "reader", "--role", "viewer", "--password-stdin"],
        input="reader-pass-1\n",
        text=True,
        check=True,
        capture_output=True,
    )
    token = run("user", "token", "reader", db=db).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [*ORBAT, "--db", db, "serve", "--port", str(port)], stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as resp:
                    body = json.loads(resp.read())
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None, "server did not answer"
        assert body["status"] == "ok" and body["entities"] == 2
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
            page = resp.read().decode()
            assert resp.url.endswith("/login?next=/") and "Log in" in page  # pages need a login
            assert "Desert Hawks Brigade" not in page
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/entities", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert "Desert Hawks Brigade" in {e["name"] for e in json.loads(resp.read())}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_text_written_to_a_terminal_shows_control_sequences_instead_of_obeying_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import sys

    from orbat.cli.commands_publish import _write

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    hostile = "quote \x1b]0;pwned\x07 and \u202eevil\n"
    tty, pipe = Terminal(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", tty)
    _write(hostile, None, "profile")
    monkeypatch.setattr(sys, "stdout", pipe)
    _write(hostile, None, "profile")
    assert "\x1b" not in tty.getvalue() and "\u202e" not in tty.getvalue()
    assert "‹U+001B›" in tty.getvalue() and "‹U+202E›" in tty.getvalue() and tty.getvalue().endswith("\n")
    assert pipe.getvalue() == hostile  # a file or a pipe gets the exact text
