"""Names, quotes and reasons carrying control characters or bidirectional overrides are shown safely.

Decision: such characters stay in the stored data (evidence must quote its
document exactly, and the JSON API hands data over as it is), but no display
obeys them. Every value a web template prints and every string the CLI's
console renders goes through ``orbat.ingest.textnorm.visible_controls``:
the bidirectional embeddings, overrides and isolates (U+202A-E, U+2066-9)
and C0/C1 control characters (ESC, CR, ...) become a visible ``‹U+202E›``.
An override can then neither reverse a name ("gpj.exe" read as "exe.jpg")
nor reorder the page around it, and an ESC sequence cannot drive the
analyst's terminal. Bidirectional *marks* (U+200E/F) and joiners stay.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orbat.cli import app as cli_app
from orbat.ingest.textnorm import visible_controls
from orbat.model import Document
from orbat.store import Store
from tests.web.conftest import Client

RLO, PDF_, RLI, PDI, ESC = "\u202e", "\u202c", "\u2067", "\u2069", "\x1b"
HOSTILE_NAME = f"Brigade {RLO}exe.jpg{PDF_} of {RLI}Homs ESC{ESC}[2J{ESC}]0;owned\x07 end"
OBEYED = [RLO, PDF_, RLI, PDI, ESC, "\x07", "\u202a", "\u202b", "\u202d", "\u2066", "\u2068"]


@pytest.fixture
def hostile(kb: Store, tmp_path: Path) -> Store:
    text = f"Intro. The {HOSTILE_NAME} was founded in 2013. The end."
    kb.add_document(Document(name="hostile-doc", text=text, title=f"Title {RLO}fdp.exe"), text.encode())
    records = [
        {"kind": "entity", "id": "evil", "type": "armed_group", "name": HOSTILE_NAME, "aliases": [f"{RLO}x"]},
        {
            "kind": "claim",
            "doc": "hostile-doc",
            "subject": "evil",
            "predicate": "founded",
            "object": {"date": "2013"},
            "quote": f"The {HOSTILE_NAME} was founded in 2013",
        },
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    kb.import_claims_jsonl(path, user=f"imp{RLO}orter")
    claim = kb.claims(entity="evil")[0]
    kb.review_claim(claim.id, "accepted", user="ana", reason=f"checked {RLO}kool{PDF_} {ESC}[31mred")
    return kb


def shows_nothing_obeyed(output: str) -> None:
    present = [f"U+{ord(c):04X}" for c in OBEYED if c in output]
    assert not present, f"characters that act on the display got through: {present}"


def test_web_pages_show_overrides_and_controls_visibly(hostile: Store, analyst: Client) -> None:
    claim = hostile.claims(entity="evil")[0]
    for url in (
        "/entities/evil",
        "/entities",
        "/entities?q=Brigade",
        "/documents/hostile-doc",
        "/documents",
        f"/claims/{claim.id}",
        "/search?q=Brigade",
        "/conflicts",
        "/timeline",
        "/review",
        "/merge",
    ):
        r = analyst.http.get(url)
        assert r.status_code == 200, url
        shows_nothing_obeyed(r.text)
    page = analyst.http.get("/entities/evil").text
    assert "‹U+202E›exe.jpg‹U+202C›" in page and "‹U+001B›[2J" in page
    assert "‹U+202E›" in analyst.http.get(f"/claims/{claim.id}").text  # the reason in the audit trail
    # the data itself is kept as it was: the API returns it unchanged, for clients to handle
    api = analyst.http.get("/api/v1/entities/evil").json()
    assert RLO in json.dumps(api, ensure_ascii=False)


def test_cli_output_shows_overrides_and_controls_visibly(hostile: Store) -> None:
    store_url = hostile.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    claim = hostile.claims(entity="evil")[0]
    for args in (
        ["entities"],
        ["claims", "--entity", "evil"],
        ["history", claim.id],
        ["history", "evil"],
        ["conflicts"],
        ["grouped", "evil"],
    ):
        result = runner.invoke(cli_app, ["--db", store_url, *args], env={"COLUMNS": "250"})
        assert result.exit_code in (0, 2), (args, result.output)
        shows_nothing_obeyed(result.output)
    shown = runner.invoke(cli_app, ["--db", store_url, "history", claim.id], env={"COLUMNS": "250"}).output
    assert "‹U+202E›kool‹U+202C›" in shown and "‹U+001B›[31mred" in shown


@hsettings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_visible_controls_leaves_nothing_that_acts_on_a_display(text: str) -> None:
    shown = visible_controls(text)
    shows_nothing_obeyed(shown)
    assert all(ch in ("\n", "\t") or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in shown)
    if shown == text:
        assert visible_controls(shown) == shown
