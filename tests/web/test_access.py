"""Every route that is not public refuses anonymous callers; roles and CSRF are enforced on pages too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from orbat.store import Store
from orbat.web.app import PUBLIC_PATHS
from tests.web.conftest import Client


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """These tests exercise the web layer, not the backend: SQLite only (the API tests run on both)."""
    return f"sqlite:///{tmp_path / 'kb.db'}"


SAMPLE = {
    "name": "ndf_encyclopedia",
    "entity_id": "liwa_al_baqir",
    "claim_id": "C0",
    "decision": "D0",
    "job_id": "j",
}


def _concrete(path: str) -> str:
    return re.sub(r"\{([a-z_]+)(:[a-z]+)?\}", lambda m: SAMPLE.get(m.group(1), "x"), path)


def test_every_non_public_route_refuses_anonymous_access(app, anon: TestClient):  # type: ignore[no-untyped-def]
    checked = 0
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or route.path in PUBLIC_PATHS:
            continue
        for method in route.methods:
            url = _concrete(route.path)
            r = anon.request(method, url, follow_redirects=False)
            if url.startswith("/api/") or method != "GET":
                assert r.status_code == 401, f"{method} {url} answered {r.status_code}"
            else:
                assert r.status_code == 303, f"{method} {url} answered {r.status_code}"
                assert r.headers["location"].startswith("/login?next=")
            checked += 1
    assert checked > 40


def test_public_routes_answer_anonymous_callers(anon: TestClient):
    assert anon.get("/login").status_code == 200
    assert anon.get("/api/v1/health").status_code == 200
    assert anon.get("/openapi.json").json()["info"]["title"] == "orbat"
    assert anon.get("/static/app.css").status_code == 200


def test_pages_need_the_right_role(viewer: Client, analyst: Client):
    for url in ("/review", "/merge", "/upload", "/admin"):
        assert viewer.http.get(url).status_code == 403, url
    for url in ("/review", "/merge", "/upload"):
        assert analyst.http.get(url).status_code == 200, url
    assert analyst.http.get("/admin").status_code == 403
    for url in ("/", "/search?q=NDF", "/entities", "/documents", "/conflicts", "/graph", "/timeline", "/map"):
        assert viewer.http.get(url).status_code == 200, url


def test_page_forms_need_the_csrf_token(analyst: Client, kb: Store):
    claim = kb.claims(status="proposed", limit=1)[0]
    form = {"decision": "accept", "row_version": str(claim.row_version)}
    r = analyst.http.post(f"/review/{claim.id}", data=form, follow_redirects=False)
    assert r.status_code == 403
    r = analyst.http.post(
        f"/review/{claim.id}", data={**form, "csrf_token": "forged"}, follow_redirects=False
    )
    assert r.status_code == 403
    assert kb.get_claim(claim.id).status == "proposed"
    r = analyst.http.post(
        f"/review/{claim.id}", data={**form, "csrf_token": analyst.csrf}, follow_redirects=False
    )
    assert r.status_code == 303
    assert kb.get_claim(claim.id).status == "accepted"
    assert kb.get_claim(claim.id).updated_by == "ana"


def test_logout_needs_csrf_and_ends_the_session(analyst: Client):
    assert analyst.http.post("/logout", follow_redirects=False).status_code == 403
    r = analyst.http.post("/logout", data={"csrf_token": analyst.csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert analyst.http.get("/api/v1/me").status_code == 401
