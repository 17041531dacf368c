"""What the server-rendered pages show: the published profile on the entity page, lists a page at a
time, conflicts a page at a time, publisher grades, the timeline, names in Arabic script isolated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orbat.store import Store
from tests.web.conftest import Client


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """These tests exercise the web layer, not the backend: SQLite only (the API tests run on both)."""
    return f"sqlite:///{tmp_path / 'kb.db'}"


def test_entity_page_shows_the_published_profile(viewer: Client):
    html = viewer.http.get("/entities/liwa_al_baqir").text
    # the written-up sections and the infobox of orbat.publish
    assert 'id="s-history"' in html and "Sources disagree on the founding of Liwa al-Baqir" in html
    assert re.search(r'<aside class="infobox".*?<th scope="row">Active</th>', html, re.S)
    # every footnote marker opens the quoted document at the quote, and is listed under Sources
    markers = set(re.findall(r'<sup class="fn">(.*?)</sup>', html, re.S))
    hrefs = {h for m in markers for h in re.findall(r'href="([^"]+)"', m)}
    assert hrefs and all(h.startswith("/documents/") and "#q-" in h for h in hrefs)
    listed = re.findall(r'<li id="fn-(\d+)" value="\d+"><a class="fn-quote" href="([^"]+)"', html)
    assert [int(n) for n, _ in listed] == list(range(1, len(listed) + 1))
    assert hrefs <= {h for _, h in listed}
    # the analysts' claims per property stay below, conflicts marked
    assert re.search(r'<section class="property conflict" id="p-founded">', html)
    # Arabic names are isolated and read right to left
    assert '<bdi dir="auto" lang="ar">لواء الباقر</bdi>' in html or 'lang="ar">لواء الباقر</bdi>' in html


def test_entity_page_of_a_hub_says_what_it_leaves_out(
    viewer: Client, kb: Store, monkeypatch: pytest.MonkeyPatch
):
    import orbat.store.claims as store_claims

    monkeypatch.setattr(store_claims, "WHOLE_UP_TO", 5)  # every entity with more claims reads as a hub
    monkeypatch.setattr(store_claims, "PER_PREDICATE", 3)
    entity = kb.get_entity("National Defense Forces").id
    sample = kb.claims_about(entity)
    assert sample.abridged
    html = viewer.http.get(f"/entities/{entity}").text
    assert f"is named by {sample.total_text} claims: this page reads a bounded selection" in html
    assert re.search(r'<small class="shown-of">\d+ of \d+ claims shown</small>', html)
    api = viewer.http.get(f"/api/v1/entities/{entity}").json()
    assert api["abridged"] is True and api["claims_naming_it"] == sample.total


@pytest.mark.parametrize("hub", [False, True])
def test_entity_page_reads_its_last_rejected_claims_with_its_claims(
    kb: Store, monkeypatch: pytest.MonkeyPatch, hub: bool
):
    """The page's last rejected claims come with the claims it reads (one statement fewer), the same
    list as ``Store.claims(status="rejected", latest_first=True)``, whole or for a hub."""
    import orbat.store.claims as store_claims
    from orbat.web import views

    entity = kb.get_entity("National Defense Forces").id
    live = kb.claims(entity=entity, include_rejected=False)
    for c in live[:3]:
        kb.review_claim(c.id, "rejected", user="ana")
    if hub:
        monkeypatch.setattr(store_claims, "WHOLE_UP_TO", 5)
        monkeypatch.setattr(store_claims, "PER_PREDICATE", 3)
    statements: list[str] = []

    def count(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    from sqlalchemy import event

    event.listen(kb.engine, "before_cursor_execute", count)
    try:
        page = views.profile(kb, entity)
    finally:
        event.remove(kb.engine, "before_cursor_execute", count)
    assert page.abridged == hub
    wanted = kb.claims(entity=entity, status="rejected", limit=views.REJECTED_SHOWN, latest_first=True)
    assert len(wanted) == 3 and page.rejected == wanted
    assert not any("status = ?" in s for s in statements)  # no statement of its own


def test_entities_list_a_page_at_a_time(viewer: Client, kb: Store):
    total = sum(kb.entity_type_counts().values())
    html = viewer.http.get("/entities").text
    assert f"1–{min(total, 100)} of {total}" in html
    found = viewer.http.get("/entities", params={"q": "baqir"}).text
    assert "Liwa al-Baqir" in found and "Homs NDF" not in found
    people = viewer.http.get("/entities", params={"type": "person"}).text
    rows = re.findall(r'<td><a href="/entities/[^"]+"><bdi[^>]*>[^<]*</bdi></a></td><td>([^<]+)</td>', people)
    assert rows and set(rows) == {"person"}
    assert viewer.http.get("/entities", params={"type": "spaceship"}).status_code == 422


def test_conflicts_page_a_page_at_a_time(viewer: Client):
    html = viewer.http.get("/conflicts").text
    assert html.count('<section class="property conflict">') >= 4
    assert "Liwa al-Baqir</bdi></a> — was founded in" in html
    only = viewer.http.get("/conflicts", params={"predicate": "founded"}).text
    assert only.count('<section class="property conflict">') >= 2 and "— numbers" not in only
    later = viewer.http.get("/conflicts", params={"start": 10_000}).text
    assert "No conflicts from here on" in later


def test_timeline_page_reads_in_sentences_with_sources(viewer: Client):
    html = viewer.http.get("/timeline", params={"entity": "national_defense_forces"}).text
    assert html.count('<li class="event') >= 4
    assert "was founded in 2012" in html
    assert re.search(r'<a class="src" href="/documents/[^"#]+#q-\d+-\d+"', html)


def test_admin_grades_a_publisher(admin: Client, kb: Store):
    page = admin.http.get("/admin").text
    assert 'id="publisher-grades"' in page and "Sample Levant Wire" in page
    r = admin.http.post(
        "/admin/publishers/grade",
        data={"csrf_token": admin.csrf, "name": "Sample Levant Wire", "reliability": "B", "stance": ""},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/admin?msg=")
    assert r.headers["location"].endswith("#publishers")
    assert kb.publisher_grades()["Sample Levant Wire"].reliability == "B"
    trail = kb.audit_trail("publisher", "Sample Levant Wire")
    assert trail and trail[0]["user"] == "adam"
    nothing = admin.http.post(
        "/admin/publishers/grade",
        data={"csrf_token": admin.csrf, "name": "Nobody Press"},
        follow_redirects=False,
    )
    assert nothing.status_code == 303 and "Nobody Press" not in kb.publisher_grades()


def test_merge_page_pickers_and_honest_message(analyst: Client):
    html = analyst.http.get("/merge").text
    assert 'class="pick"' in html and '<select name="left"' not in html
    assert 'id="candidates"' in html or 'id="no-candidates"' in html
    # without the picker's script the typed name is sent, and the server takes names too
    r = analyst.post(
        "/merge",
        data={"action": "merge", "left": "Latakia NDF", "right": "Homs NDF", "reason": "by name"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "merged" in r.headers["location"]
