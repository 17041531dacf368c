"""End to end in real headless Chromium (Debian's): log in, search, follow a footnote to the
highlighted quote, review, merge, graph, map; hostile text stays text. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from orbat.model import Document
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app
from tests.web.conftest import EXAMPLES, PASSWORDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2;alert(1)">'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _add_hostile(store: Store, tmp: Path) -> None:
    text = f"Intro line.\n{PAYLOAD} is named in this text.\nThe end."
    store.add_document(Document(name="hostile", text=text, title=f"Hostile {PAYLOAD}"), text.encode())
    path = tmp / "hostile.jsonl"
    records = [
        {"kind": "entity", "id": "evil", "type": "armed_group", "name": f"Brigade {PAYLOAD}", "aliases": []},
        {
            "kind": "claim",
            "doc": "hostile",
            "subject": "evil",
            "predicate": "alias",
            "object": {"text": PAYLOAD},
            "quote": PAYLOAD,
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)


@pytest.fixture(scope="module")
def server(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    import uvicorn

    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "kb.db"
    shutil.copyfile(sqlite_template, db)
    store = Store.open(f"sqlite:///{db}")
    _add_hostile(store, tmp)
    app = create_app(Settings(database_url=f"sqlite:///{db}", secret_key="b" * 48), store)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page that records dialogs, page errors and CSP violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "console",
            lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None,
        )


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.fixture
def page(browser: Any, server: tuple[str, Store]) -> Iterator[Watched]:
    base, _ = server
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    watched = Watched(pg)
    pg.goto("/login")
    pg.fill("input[name=username]", "ana")
    pg.fill("input[name=password]", PASSWORDS["ana"])
    pg.click("button[type=submit]")
    pg.wait_for_url(base + "/")
    yield watched
    context.close()


def test_login_page_and_failed_login(browser: Any, server: tuple[str, Store]):
    base, _ = server
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.goto("/entities")
    assert "/login?next=/entities" in pg.url
    _shot(pg, "01-login")
    pg.fill("input[name=username]", "ana")
    pg.fill("input[name=password]", "not-the-password")
    pg.click("button[type=submit]")
    assert "Wrong user name or password" in pg.text_content(".error-message")  # type: ignore[operator]
    pg.fill("input[name=username]", "ana")
    pg.fill("input[name=password]", PASSWORDS["ana"])
    pg.click("button[type=submit]")
    pg.wait_for_url(base + "/entities")
    context.close()


def test_search_profile_and_footnote_to_highlighted_quote(page: Watched, server: tuple[str, Store]):
    pg = page.page
    _shot(pg, "02-home")
    pg.fill("header input[name=q]", "al-Baqir")
    pg.press("header input[name=q]", "Enter")
    pg.wait_for_selector("#entity-results")
    assert pg.locator("#entity-results a", has_text="Liwa al-Baqir").count() == 1
    assert pg.locator("#claim-results tbody tr").count() > 0
    _shot(pg, "03-search")
    pg.locator("#entity-results a", has_text="Liwa al-Baqir").click()
    pg.wait_for_selector("section.property.conflict")
    assert pg.locator("h1 bdi").first.inner_text() == "Liwa al-Baqir"
    assert pg.locator("#p-founded h3 .badge").inner_text() == "contradiction"
    assert pg.locator(".infobox tr").count() > 2
    assert pg.locator("#s-history li").count() >= 2  # the published profile's sections
    arabic = pg.locator('.aliases bdi[lang="ar"]').first
    assert arabic.inner_text() == "لواء الباقر"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    _shot(pg, "04-profile")
    pg.locator("#claims").scroll_into_view_if_needed()
    _shot(pg, "04b-profile-claims")
    note = pg.locator("#p-founded sup.fn a").first
    href = note.get_attribute("href")
    assert href and "#q-" in href
    note.click()
    pg.wait_for_selector(".seg.target")
    start, end = (int(x) for x in href.rsplit("#q-", 1)[1].split("-"))
    highlighted = "".join(pg.locator(".seg.target").all_inner_texts())
    _, store = server
    doc = store.get_document(href.split("/documents/", 1)[1].split("#", 1)[0])
    assert highlighted == doc.text[start:end]
    assert pg.locator(".seg.target").first.is_visible()
    box = pg.locator(".seg.target").first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
    _shot(pg, "05-document-quote")
    assert not page.errors and not page.dialogs and not page.csp


def test_review_accept_and_reject_with_keys(page: Watched, server: tuple[str, Store]):
    pg = page.page
    _, store = server
    pg.goto("/review")
    card = pg.locator("#review-card")
    first = card.get_attribute("data-claim")
    assert first and store.get_claim(first).status == "proposed"
    assert pg.locator("blockquote.context mark.quote").count() >= 1
    _shot(pg, "06-review")
    pg.keyboard.press("a")
    pg.wait_for_selector(".flash")
    assert store.get_claim(first).status == "accepted"
    second = pg.locator("#review-card").get_attribute("data-claim")
    assert second and second != first
    pg.keyboard.press("s")  # skip
    expect(pg.locator("#review-card")).not_to_have_attribute("data-claim", second)
    third = pg.locator("#review-card").get_attribute("data-claim")
    assert store.get_claim(second).status == "proposed"
    pg.keyboard.press("e")
    assert pg.locator("#edit-form").is_visible()
    pg.keyboard.press("Escape")
    pg.locator("#btn-reject").click()
    pg.wait_for_selector(".flash")
    assert third and store.get_claim(third).status == "rejected"
    assert store.get_claim(third).updated_by == "ana"
    assert not page.errors and not page.csp


def test_merge_two_entities(page: Watched, server: tuple[str, Store]):
    pg = page.page
    _, store = server
    before = len(store.list_entities())
    pg.goto("/merge")
    _shot(pg, "07-merge")
    pg.locator("#merge-left").press_sequentially("Latak", delay=30)
    pg.locator('#merge-left-options li[data-id="latakia_ndf"]').click()
    assert pg.locator("#merge-left").input_value() == "Latakia NDF"
    pg.locator("#merge-right").press_sequentially("homs", delay=30)
    expect(pg.locator("#merge-right-options li[role=option]").first).to_be_visible()
    _shot(pg, "07b-merge-picker")
    pg.locator("#merge-right").press("ArrowDown")
    pg.locator("#merge-right").press("Enter")
    assert pg.locator(".pick:has(#merge-right)").get_attribute("data-chosen") == "homs_ndf"
    pg.fill("#merge-reason", "browser test")
    pg.click("#merge-submit")
    pg.wait_for_selector(".flash")
    assert "merged" in pg.inner_text(".flash")
    assert len(store.list_entities()) == before - 1
    _shot(pg, "08-merged")
    pg.locator("#decisions button", has_text="Undo").first.click()
    pg.wait_for_selector(".flash")
    assert len(store.list_entities()) == before


def test_graph_filters_and_opens_an_entity(page: Watched):
    pg = page.page
    pg.goto("/graph")
    pg.wait_for_selector("#graph[data-loaded=true]")
    expect(pg.locator("#graph-status")).to_contain_text("relations")
    n_all = pg.evaluate("window.orbatGraph.nodes().length")
    assert n_all > 5
    _shot(pg, "09-graph")
    pg.select_option("#graph-predicate", "leader")
    pg.click("#graph-filters button[type=submit]")
    expect(pg.locator("#graph-status")).to_contain_text("relations")
    preds = pg.evaluate("Array.from(new Set(window.orbatGraph.edges().map(e => e.data('predicate'))))")
    assert preds == ["leader"]
    pos = pg.evaluate(
        "(() => { const n = window.orbatGraph.nodes()[0]; const p = n.renderedPosition();"
        " return {x: p.x, y: p.y, href: n.data('href')}; })()"
    )
    box = pg.locator("#graph").bounding_box()
    assert box is not None
    pg.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    pg.wait_for_url("**" + pos["href"])
    assert pg.locator("h1").count() == 1
    assert not page.errors


def test_map_shows_places_on_offline_outlines(page: Watched):
    pg = page.page
    pg.goto("/map")
    pg.wait_for_selector("#map[data-loaded=true]")
    pg.wait_for_timeout(500)
    layers = pg.evaluate("Object.keys(window.orbatMap._layers).length")
    assert layers > 3  # outlines and circle markers
    assert "places named in claims" in pg.inner_text("#map-status")
    _shot(pg, "10-map")
    assert not page.errors and not page.csp


def test_timeline_and_conflicts_pages(page: Watched):
    pg = page.page
    pg.goto("/timeline?entity=national_defense_forces")
    assert pg.locator("ol.timeline li.event").count() > 3
    _shot(pg, "11-timeline")
    pg.goto("/conflicts")
    assert pg.locator("section.property.conflict").count() >= 3
    _shot(pg, "12-conflicts")
    assert not page.errors and not page.csp


def test_hostile_text_and_names_stay_text(page: Watched):
    pg = page.page
    for url in ("/documents/hostile", "/entities/evil", "/search?q=pwned", "/timeline"):
        pg.goto(url)
        pg.wait_for_load_state("load")
        assert pg.evaluate("window.__pwned") is None, url
    pg.goto("/documents/hostile")
    assert PAYLOAD in pg.inner_text("#doc-text")
    assert pg.locator("#doc-text script, #doc-text img").count() == 0
    _shot(pg, "13-hostile-document")
    pg.goto("/entities/evil")
    assert PAYLOAD in pg.inner_text("h1")
    _shot(pg, "14-hostile-entity")
    assert page.dialogs == [] and not page.errors


def test_entity_list_and_admin_grades(browser: Any, server: tuple[str, Store]):
    base, store = server
    if "ada" not in {u.name for u in store.list_users()}:
        store.add_user("ada", "admin", "admin-pass-browser")
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    watched = Watched(pg)
    pg.goto("/login")
    pg.fill("input[name=username]", "ada")
    pg.fill("input[name=password]", "admin-pass-browser")
    pg.click("button[type=submit]")
    pg.wait_for_url(base + "/")
    pg.goto("/entities?q=ndf")
    assert pg.locator("#entity-list tbody tr").count() >= 2
    _shot(pg, "15-entities")
    pg.goto("/admin")
    row = pg.locator("#publisher-grades tr", has_text="Sample Levant Wire")
    row.locator("select[name=reliability]").select_option("B")
    row.locator("button[type=submit]").click()
    pg.wait_for_selector(".flash")
    assert store.publisher_grades()["Sample Levant Wire"].reliability == "B"
    pg.locator("#publishers").scroll_into_view_if_needed()
    _shot(pg, "16-admin-publishers")
    assert not watched.errors and not watched.csp
    context.close()


UPLOAD = (
    "Field note (browser test)\n\n"
    "The Orontes Guard was founded in 2013 in Hama. Its commander is Samir Testman.\n"
    "The Orontes Guard is part of the National Defense Forces. In 2015 the Orontes Guard fought "
    "alongside Liwa al-Baqir near Aleppo.\n"
)


def test_upload_shows_progress_then_the_new_claims(page: Watched, server: tuple[str, Store], tmp_path: Path):
    pg = page.page
    _, store = server
    path = tmp_path / "orontes guard.txt"
    path.write_text(UPLOAD, encoding="utf-8")
    pg.goto("/upload")
    pg.set_input_files("#upload-form input[type=file]", str(path))
    pg.select_option("#upload-form select[name=source_kind]", "news")
    pg.click("#upload-form button[type=submit]")
    pg.wait_for_url("**/upload/*")
    expect(pg.locator("#job")).to_have_attribute(
        "data-stage", re.compile("extract|resolve|done"), timeout=60_000
    )
    _shot(pg, "17-upload-progress")
    expect(pg.locator("#job")).to_have_attribute("data-state", "done", timeout=120_000)
    assert pg.locator("#job").get_attribute("data-stage") == "done"
    assert "ingested" in pg.inner_text("#job-result")
    _shot(pg, "18-upload-done")
    claims = store.claims(document="orontes guard")
    assert claims and any(c.predicate == "founded" for c in claims)
    pg.locator("#job-result a", has_text="orontes guard").click()
    pg.wait_for_selector("#doc-claims")
    assert pg.locator("#doc-claims tbody tr").count() == len(claims)
    # a sample document stored (as imported claims) but never extracted: its upload is "already
    # stored", and extraction and resolution run on it, which gives the matcher pairs to doubt
    pg.goto("/upload")
    pg.set_input_files("#upload-form input[type=file]", str(EXAMPLES / "corpus" / "ldf_aleppo.html"))
    pg.click("#upload-form button[type=submit]")
    pg.wait_for_url("**/upload/*")
    expect(pg.locator("#job")).to_have_attribute("data-state", "done", timeout=120_000)
    assert "1 already stored" in pg.inner_text("#job-result")
    pg.goto("/merge")
    rows = pg.locator("#candidates tbody tr")
    assert rows.count() >= 1
    _shot(pg, "19-merge-candidates")
    first = rows.first
    names = first.locator("td a").all_inner_texts()
    first.locator("button", has_text="Different").click()
    pg.wait_for_selector(".flash")
    assert "kept apart" in pg.inner_text(".flash") and " and ".join(names) in pg.inner_text(".flash")
    assert not page.errors and not page.csp
