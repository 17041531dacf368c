"""Uploads: stored by a background job (read → store → extract → resolve) whose progress can be polled."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from orbat.store import Store
from tests.web.conftest import Client


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """These tests exercise the web layer, not the backend: SQLite only (the API tests run on both)."""
    return f"sqlite:///{tmp_path / 'kb.db'}"


TEXT = b"The Coastal Shield Brigade was founded in 2014 in Latakia. Its commander is Ali Example.\n"


def wait_for(client: Client, job_id: str, timeout: float = 180.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.http.get(f"/api/v1/uploads/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"upload job {job_id} did not finish")


def test_upload_runs_in_the_background_and_stores_the_document(analyst: Client, kb: Store):
    r = analyst.post(
        "/api/v1/uploads",
        files=[("files", ("../../coastal shield.txt", TEXT, "text/plain"))],
        data={"source_kind": "news", "publisher": "Example Wire"},
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["files"] == ["coastal shield.txt"] and job["user"] == "ana"
    done = wait_for(analyst, job["id"])
    assert done["ingested"] == ["coastal shield"]
    doc = kb.get_document("coastal shield")
    assert doc.text.startswith("The Coastal Shield Brigade") and doc.publisher == "Example Wire"
    assert doc.source_kind == "news"
    row = kb.document_row("coastal shield")
    trail = kb.audit_trail("document", str(row["id"]))
    assert trail[0]["user"] == "ana" and trail[0]["action"] == "upload"
    # read → store → extract → resolve, for real: the document's claims and entities exist afterwards
    assert done["state"] == "done" and done["stage"] == "done" and not done["error"], done
    assert done["claims"] >= 2 and done["entities"] is not None and done["entities"] > 0
    claims = kb.claims(document="coastal shield")
    assert len(claims) == done["claims"]
    for c in claims:
        assert c.status == "proposed" and c.subject and c.origin.startswith(("rule:", "dep:"))
        for ev in c.evidence:
            assert ev.document == "coastal shield" and doc.text[ev.start : ev.end] == ev.quote
    founded = [c for c in claims if c.predicate == "founded"]
    assert founded and founded[0].object_display() == "2014"
    brigade = kb.get_entity("Coastal Shield Brigade")
    assert founded[0].subject == brigade.id and brigade.type == "armed_group"
    assert {c.predicate for c in kb.claims(entity=brigade.id)} >= {"founded", "leader"}
    # the analysts' pages show it at once
    assert "Coastal Shield Brigade" in analyst.http.get(f"/entities/{brigade.id}").text
    again = analyst.post("/api/v1/uploads", files=[("files", ("coastal shield.txt", TEXT, "text/plain"))])
    repeat = wait_for(analyst, again.json()["id"])
    assert repeat["unchanged"] == ["coastal shield"] and repeat["state"] == "done"
    assert repeat["claims"] == 0 and len(kb.claims(document="coastal shield")) == len(claims)  # a no-op
    listed = analyst.http.get("/api/v1/uploads").json()
    assert {j["id"] for j in listed} >= {job["id"], again.json()["id"]}


def test_upload_page_form_and_progress_page(analyst: Client):
    r = analyst.http.post(
        "/upload",
        files=[
            ("files", ("note.md", b"# Note\n\nThe Desert Falcons were active in Homs.\n", "text/markdown"))
        ],
        data={"csrf_token": analyst.csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/upload/")
    job_id = r.headers["location"].rsplit("/", 1)[1]
    page = analyst.http.get(f"/upload/{job_id}")
    assert page.status_code == 200 and 'id="job-progress"' in page.text
    assert 'data-step="extract"' in page.text and 'data-step="resolve"' in page.text
    done = wait_for(analyst, job_id)
    assert done["ingested"] == ["note"] and done["state"] == "done"
    finished = analyst.http.get(f"/upload/{job_id}").text
    assert 'data-stage="done"' in finished and 'href="/documents/note"' in finished
    assert analyst.http.get("/upload/nope").status_code == 404


def test_viewers_cannot_upload(viewer: Client):
    r = viewer.post("/api/v1/uploads", files=[("files", ("a.txt", TEXT, "text/plain"))])
    assert r.status_code == 403


def test_extraction_errors_are_reported_on_the_job(analyst: Client, monkeypatch: pytest.MonkeyPatch):
    from orbat import pipeline

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr(pipeline, "extract", broken)
    r = analyst.post("/api/v1/uploads", files=[("files", ("boom.txt", b"Some text here.\n", "text/plain"))])
    done = wait_for(analyst, r.json()["id"])
    assert done["state"] == "failed" and "extractor exploded" in done["error"]
    assert done["ingested"] == ["boom"]  # what was read stays stored
