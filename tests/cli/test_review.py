"""The review commands on a real store: conflicts, grouped claims, accept/reject/rank, grades, history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli import app
from orbat.cli.app import console
from orbat.model import Document
from orbat.store import Store

LONG_QUOTE = (
    "According to a statement circulated by the brigade's own media office, the unit traces its "
    "origins to the first months of 2012, well before the regional network existed"
)

RECORDS = [
    {
        "kind": "entity",
        "id": "G1",
        "type": "armed_group",
        "name": "Desert Hawks Brigade",
        "aliases": ["Liwa Suqur al-Sahara"],
    },
    {"kind": "entity", "id": "P1", "type": "person", "name": "Abu Example", "aliases": []},
    {"kind": "entity", "id": "P2", "type": "person", "name": "Fadi Placeholder", "aliases": []},
    {"kind": "entity", "id": "L1", "type": "place", "name": "Tarkan", "aliases": []},
    {
        "kind": "claim",
        "doc": "brigade_statement",
        "subject": "G1",
        "predicate": "founded",
        "object": {"date": "2012"},
        "qualifiers": {"claimed_by": "the brigade's media office", "hedge": "reported"},
        "quote": LONG_QUOTE,
    },
    {
        "kind": "claim",
        "doc": "opposition_report",
        "subject": "G1",
        "predicate": "founded",
        "object": {"date": "2015"},
        "qualifiers": {"claimed_by": "alSouria.net", "hedge": "reported"},
        "quote": "set up in 2015 [sic]",
    },
    {
        "kind": "claim",
        "doc": "opposition_report",
        "subject": "G1",
        "predicate": "size",
        "object": {"quantity": {"value": 2000, "approx": True, "unit": "fighters"}},
        "qualifiers": {"as_of": "2016-01", "claimed_by": "alSouria.net", "hedge": "reported"},
        "quote": "around 2,000 fighters",
    },
    {
        "kind": "claim",
        "doc": "wire_profile",
        "subject": "G1",
        "predicate": "size",
        "object": {"quantity": {"value": 5000, "unit": "fighters"}},
        "qualifiers": {"as_of": "2020", "hedge": "asserted"},
        "quote": "now 5,000 strong",
    },
    {
        "kind": "claim",
        "doc": "wire_profile",
        "subject": "G1",
        "predicate": "headquarters",
        "object": {"entity": "L1"},
        "quote": "headquartered in Tarkan",
    },
    {
        "kind": "claim",
        "doc": "opposition_report",
        "subject": "G1",
        "predicate": "headquarters",
        "object": {"entity": "L1"},
        "quote": "its base in Tarkan",
    },
    {
        "kind": "claim",
        "doc": "wire_profile",
        "subject": "G1",
        "predicate": "leader",
        "object": {"entity": "P1"},
        "qualifiers": {"as_of": "2023"},
        "quote": "led by Abu Example",
    },
    {
        "kind": "claim",
        "doc": "opposition_report",
        "subject": "P1",
        "predicate": "died",
        "object": {"date": "2016"},
        "quote": "Abu Example, killed in 2016",
    },
]


@pytest.fixture
def cli(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A store with three documents and the records above; a function running orbat on it."""
    store = Store.open(store_url, create=True)
    text = "Profile. The brigade is headquartered in Tarkan, now 5,000 strong and led by Abu Example."
    store.add_document(
        Document(
            name="wire_profile",
            text=text,
            publisher="Sample Wire",
            source_kind="news",
            published="2023-05-01",
        ),
        text.encode(),
    )
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    store.import_claims_jsonl(path)
    store.close()
    monkeypatch.setattr(console, "_width", 250)  # a wide terminal: no folded cells
    monkeypatch.setenv("ORBAT_USER", "analyst")
    runner = CliRunner()

    def run(*args: str, ok: bool = True) -> str:
        result = runner.invoke(app, ["--db", store_url, *args])
        if ok:
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code != 0
        return result.output

    yield run


def ids(store_url: str, predicate: str, value: str) -> str:
    store = Store.open(store_url)
    try:
        (c,) = [c for c in store.claims(predicate=predicate) if c.object_display() == value]
        return c.id
    finally:
        store.close()


def test_conflicts_shows_each_side_with_source_quote_and_credibility(cli, store_url: str):
    out = cli("conflicts")
    assert "Desert Hawks Brigade" in out and "founded" in out and "contradiction" in out
    assert "2012" in out and "2015" in out
    assert "set up in 2015 [sic]" in out  # brackets are text, not markup
    assert LONG_QUOTE not in out and LONG_QUOTE[:40] in out and "…" in out  # shortened with an ellipsis
    assert "brigade_statement" in out and "opposition_report" in out
    assert "alSouria.net" in out and "reported" in out
    assert ids(store_url, "founded", "2015") in out
    # the dead man leading in 2023
    assert "temporal conflict" in out and "† Abu Example died 2016" in out
    # a series and an agreement are not conflicts
    assert "Tarkan" not in out and "5,000" not in out
    assert "2 conflicts" in out


def test_conflicts_for_one_entity(cli):
    out = cli("conflicts", "--entity", "Liwa Suqur al-Sahara")
    assert "founded" in out and "2 conflicts" in out
    person = cli("conflicts", "--entity", "Abu Example")  # flagged where he is said to lead
    assert "temporal conflict" in person and "1 conflicts" in person
    assert "no conflicts" in cli("conflicts", "--entity", "Fadi Placeholder")


def test_claims_for_an_entity_are_grouped(cli):
    out = cli("claims", "--entity", "Desert Hawks Brigade")
    assert "claims grouped by property" in out
    assert "agreement" in out and "★ Tarkan" in out and "2 independent sources" in out
    assert "change over time" in out and "★ about 2,000 fighters" not in out and "★ 5,000 fighters" in out
    assert "contradiction" in out and "as of 2016-01" in out
    assert "7 claims in 4 groups" in out
    flat = cli("claims", "--entity", "Desert Hawks Brigade", "--flat")
    assert "claims grouped" not in flat and "7 claims" in flat
    only = cli("grouped", "--entity", "G1", "--predicate", "size")
    assert "size" in only and "founded" not in only and "2 claims in 1 groups" in only


def test_accept_reject_rank_and_history(cli, store_url: str):
    late = ids(store_url, "founded", "2015")
    early = ids(store_url, "founded", "2012")
    assert f"claim {late} accepted by dana" in cli("--user", "dana", "accept", late, "--reason", "checked")
    out = cli("--user", "dana", "rank", late, "preferred", "--reason", "the founding notice")
    assert "ranked preferred" in out
    grouped = cli("grouped", "--entity", "G1", "--predicate", "founded")
    assert "★ 2015" in grouped and "(preferred)" in grouped and "[accepted]" in grouped
    assert "founded" in cli("conflicts", "--entity", "G1")
    cli("--user", "lee", "rank", early, "deprecated", "--reason", "superseded")
    after = cli("conflicts", "--entity", "G1")  # the deprecated value no longer contradicts
    assert "founded" not in after and "leader" in after and "1 conflicts" in after
    cli("--user", "lee", "reject", early, "--reason", "misread")
    assert "2012" not in cli("grouped", "--entity", "G1", "--predicate", "founded")

    history = cli("history", early)
    assert "lee" in history and "rank" in history and "review" in history
    assert "normal → deprecated" in history and "proposed → rejected" in history
    assert "superseded" in history and "misread" in history and "2 changes" in history
    entity = cli("history", "Desert Hawks Brigade")
    assert "dana" in entity and "lee" in entity and "4 changes" in entity
    assert "no changes recorded" in cli("history", "Fadi Placeholder")
    assert "no entity" in cli("history", "nobody at all", ok=False)


def test_rank_without_reason_fails(cli, store_url: str):
    out = cli("rank", ids(store_url, "founded", "2012"), "deprecated", ok=False)
    assert "needs a reason" in out


def test_grade_a_publisher_or_a_document(cli, store_url: str):
    out = cli(
        "--user", "dana", "grade", "Sample Wire", "--publisher", "--reliability", "a", "--stance", "state"
    )
    assert "reliability A, stance state" in out and "completely reliable" in out
    store = Store.open(store_url)
    try:
        assert store.publisher_grades()["Sample Wire"].reliability == "A"
        (row,) = store.audit_rows("publisher", ["Sample Wire"])
        assert row.user == "dana"
    finally:
        store.close()
    out = cli("grade", "Nobody Press", "--publisher", "-r", "B")
    assert "no stored document has this publisher yet" in out
    assert "reliability E" in cli("grade", "opposition_report", "--reliability", "E", "--reason", "retracted")
    assert "not an Admiralty grade" in cli("grade", "opposition_report", "-r", "Q", ok=False)
    assert "no document" in cli("grade", "no_such_doc", "-r", "B", ok=False)
    assert "--reliability" in cli("grade", "opposition_report", ok=False)


def test_analyst_credibility(cli, store_url: str):
    late = ids(store_url, "founded", "2015")
    assert "credibility 1 (confirmed by other sources)" in cli("credibility", late, "1", "--reason", "x")
    assert "1*" in cli("conflicts", "--entity", "G1")
    assert "credibility derived" in cli("credibility", late, "derived")
    assert "not 1-6" in cli("credibility", late, "seven", ok=False)


def test_commands_are_registered_in_the_real_entry_point(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    env = {**os.environ, "COLUMNS": "250"}
    base = [sys.executable, "-m", "orbat", "--db", db]
    subprocess.run([*base, "import", "claims-jsonl", str(path)], check=True, capture_output=True, env=env)
    out = subprocess.run([*base, "conflicts"], check=True, capture_output=True, text=True, env=env).stdout
    assert "contradiction" in out and "2 conflicts" in out
