"""Hostile file names: uploads and ingest write nothing outside the store.

Upload names are reduced to a bare file name (no folders, no ``..``, no
control or bidi characters, no leading dot); the bytes are kept in memory
and in the store, never written to disk under the sent name. The tests run
inside a watched tree (tests/fuzz/conftest.py ``watched``): the working
directory is four folders deep, so that a ``../../`` escape would land in
the tree, and after the test no file in the tree may have appeared or
changed outside ``store/``.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any, cast

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orbat.cli import app as cli_app
from orbat.store import Store
from orbat.web.jobs import safe_filename
from tests.web.conftest import Client

TEXT = b"The Coastal Shield Brigade was founded in 2014 in Latakia.\n"
HOSTILE_NAMES = [
    "../../../../escaped.txt",
    "../../store/../a/b/c/work/../../../../planted.txt",
    "..\\..\\..\\windows.txt",
    "/etc/cron.d/evil.txt",
    "C:\\Windows\\system32\\evil.txt",
    "a\x00b.txt",
    "\u202etxt.exe.md",
    ".htaccess.txt",
    "....txt",
    "con.txt",
    "%2e%2e%2fencoded.txt",
    "x" * 900 + ".txt",
    "ok .txt",
]


def test_hostile_upload_names_store_documents_and_write_no_file(
    watched: Path, analyst: Client, kb: Store
) -> None:
    files = [
        ("files", (name, TEXT.replace(b"2014", str(1990 + i).encode()), "text/plain"))
        for i, name in enumerate(HOSTILE_NAMES)
        if name != "....txt"  # sanitised to "txt": no type left, refused with 415 (below)
    ]
    r = analyst.post("/api/v1/uploads", files=files)
    assert r.status_code == 202, r.text
    job = r.json()
    for sent in job["files"]:
        assert "/" not in sent and "\\" not in sent and not sent.startswith(".") and ".." not in sent
        assert not any(unicodedata.category(c)[0] == "C" for c in sent)
    done = cast(Any, analyst.http.app).state.ctx.jobs.wait(job["id"], timeout=300)  # a hang guard
    assert done is not None and done.state == "done" and not done.failed, done
    assert len(done.ingested) == len(files)
    stored = {row["name"] for row in kb.list_documents()}
    assert all("/" not in n and ".." not in n for n in stored)
    # names no upload can use are refused, never a server error
    refused = analyst.post("/api/v1/uploads", files=[("files", ("....txt", TEXT, "text/plain"))])
    assert refused.status_code == 415
    injected = analyst.post("/api/v1/uploads", files=[("files", ("a\r\nContent-Type: x\r\n.txt", TEXT))])
    assert injected.status_code < 500
    if injected.status_code == 202:
        (sent,) = injected.json()["files"]
        assert "\r" not in sent and "\n" not in sent
        cast(Any, analyst.http.app).state.ctx.jobs.wait(injected.json()["id"], timeout=300)


def test_hostile_file_names_and_sidecars_in_an_ingested_folder_write_nothing_else(
    watched: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"  # outside the watched tree: only the store may change
    inbox.mkdir()
    names = ["\u202egpj.exe.txt", "-rf.txt", "$(touch pwned).txt", "a;b|c&d.md", " spaced .txt", "نص.txt"]
    for i, name in enumerate(names):
        (inbox / name).write_bytes(TEXT.replace(b"2014", str(2000 + i).encode()))
    (inbox / "side.txt").write_bytes(TEXT.replace(b"2014", b"1999"))
    (inbox / "side.txt.meta.yaml").write_text(
        json.dumps({"name": "../../../../sidecar-escape", "title": "../../x", "url": "file:///etc/passwd"}),
        encoding="utf-8",
    )
    db = watched.parents[3] / "store" / "kb.db"
    result = CliRunner().invoke(
        cli_app, ["--db", str(db), "ingest", "--no-extract", "--no-progress", str(inbox)]
    )
    assert result.exit_code == 0, result.output
    store = Store.open(db)
    try:
        stored = {row["name"] for row in store.list_documents()}
    finally:
        store.close()
    assert len(stored) == len(names) + 1
    assert not (watched / "pwned").exists()


@hsettings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=300))
def test_safe_filename_is_always_a_bare_name(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe) <= 120
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(".") and safe not in (".", "..")
    assert not any(unicodedata.category(c)[0] == "C" for c in safe)
    assert Path(safe).name == safe
