"""Security behaviour: headers, cookies, login limits, escaping of untrusted text, upload limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orbat.model import Document
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app
from orbat.web.jobs import safe_filename
from orbat.web.security import LoginLimiter
from tests.web.conftest import PASSWORDS, Client, login


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """These tests exercise the web layer, not the backend: SQLite only (the API tests run on both)."""
    return f"sqlite:///{tmp_path / 'kb.db'}"


PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def test_security_headers_on_pages_api_and_errors(anon: TestClient, viewer: Client):
    for r in (
        anon.get("/login"),
        anon.get("/api/v1/health"),
        viewer.http.get("/entities/nobody"),
        anon.get("/static/app.css"),
    ):
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"


def test_templates_have_no_inline_script_or_handlers():
    from importlib import resources

    root = resources.files("orbat.web").joinpath("templates")
    for t in root.iterdir():
        text = t.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), t.name
        assert not re.search(r"\son[a-z]+\s*=", text), t.name
        assert "style=" not in text, t.name
        assert "|safe" not in text.replace(" ", ""), t.name


def test_session_cookie_flags(anon: TestClient, kb: Store, settings: Settings):
    page = anon.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = anon.post(
        "/login",
        data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": token},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"]
    assert "orbat_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http in tests
    with TestClient(create_app(settings, kb), base_url="https://testserver") as https:
        page = https.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = https.post(
            "/login",
            data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": token},
            follow_redirects=False,
        )
        assert "Secure" in r.headers["set-cookie"]


def test_login_needs_its_csrf_token_and_refuses_bad_passwords(anon: TestClient):
    r = anon.post(
        "/login",
        data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": "x"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "orbat_session" not in r.headers.get("set-cookie", "")
    page = anon.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = anon.post("/login", data={"username": "ana", "password": "wrong-password", "csrf_token": token})
    assert r.status_code == 401 and "Wrong user name or password" in r.text


def test_login_is_rate_limited_per_user_and_address(anon: TestClient):
    page = anon.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    codes = [
        anon.post(
            "/login", data={"username": "ana", "password": f"guess-{i}", "csrf_token": token}
        ).status_code
        for i in range(7)
    ]
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
    # even the right password waits now
    r = anon.post(
        "/login",
        data={"username": "ana", "password": PASSWORDS["ana"], "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # another user from the same address is not locked out by ana's failures
    assert login(anon, "vera")


def test_limiter_counts_per_address_too():
    lim = LoginLimiter(per_user=100, per_address=3, window=60)
    for name in ("a", "b", "c"):
        lim.failed(name, "10.0.0.1")
    assert lim.retry_after("d", "10.0.0.1") > 0
    assert lim.retry_after("d", "10.0.0.2") == 0


def test_open_redirects_are_refused(anon: TestClient):
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        anon.cookies.clear()
        page = anon.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = anon.post(
            "/login",
            data={"username": "vera", "password": PASSWORDS["vera"], "csrf_token": token, "next": evil},
            follow_redirects=False,
        )
        assert r.headers["location"] == "/"


@pytest.fixture
def hostile(kb: Store) -> Store:
    """A document and an entity whose text is an HTML/JS payload."""
    text = f"Intro. {PAYLOAD} was named here. The end."
    kb.add_document(Document(name="hostile", text=text, title=f"Title {PAYLOAD}"), text.encode())
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(
            json.dumps(
                {
                    "kind": "entity",
                    "id": "evil",
                    "type": "armed_group",
                    "name": f"Brigade {PAYLOAD}",
                    "aliases": [PAYLOAD],
                }
            )
            + "\n"
        )
        fh.write(
            json.dumps(
                {
                    "kind": "claim",
                    "doc": "hostile",
                    "subject": "evil",
                    "predicate": "alias",
                    "object": {"text": PAYLOAD},
                    "quote": PAYLOAD,
                }
            )
            + "\n"
        )
    kb.import_claims_jsonl(fh.name)
    return kb


def test_payloads_are_escaped_on_every_page(hostile: Store, analyst: Client):
    for url in (
        "/documents/hostile",
        "/entities/evil",
        "/search?q=pwned",
        "/search?q=Brigade",
        "/entities",
        "/documents",
        "/review",
        "/conflicts",
        "/timeline",
        "/merge",
    ):
        html = analyst.http.get(url).text
        assert "<script>window.__pwned" not in html, url
        assert 'onerror="window' not in html, url
    doc = analyst.http.get("/documents/hostile").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in doc


def test_safe_filenames_cannot_traverse():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\windows\\win.ini") == "win.ini"
    assert safe_filename("/abs/path/report.pdf") == "report.pdf"
    assert safe_filename("..") == "upload"
    assert safe_filename("") == "upload"
    assert safe_filename(".hidden.txt") == "hidden.txt"
    assert safe_filename("a\x00b\nc.txt") == "abc.txt"
    assert safe_filename("rapport <b>final.md") == "rapport _b_final.md"
    assert safe_filename("rapport <b>final</b>.md") == "b_.md"  # a slash is a folder separator
    assert "/" not in safe_filename("a/../../b.txt") and ".." not in safe_filename("....txt")


def test_uploads_check_type_and_size(kb: Store, tmp_path):  # type: ignore[no-untyped-def]
    small = Settings(database_url="sqlite://", secret_key="s" * 48, max_upload_bytes=1000)
    with TestClient(create_app(small, kb)) as http:
        csrf = login(http, "ana")
        h = {"X-CSRF-Token": csrf}
        r = http.post(
            "/api/v1/uploads", files={"files": ("x.exe", b"MZ...", "application/octet-stream")}, headers=h
        )
        assert r.status_code == 415
        r = http.post("/api/v1/uploads", files={"files": ("big.txt", b"a" * 5000, "text/plain")}, headers=h)
        assert r.status_code == 413
        r = http.post("/api/v1/uploads", files={"files": ("empty.txt", b"", "text/plain")}, headers=h)
        assert r.status_code == 422
        r = http.post(
            "/api/v1/uploads",
            files={"files": ("a.txt", b"x")},
            headers={**h, "content-length": "999999999"},
        )
        assert r.status_code == 413
        big_json = http.post(
            "/api/v1/claims",
            content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
            headers={**h, "content-type": "application/json"},
        )
        assert big_json.status_code == 413
