"""Grades, ranks and reviews through the store, and their audit trail (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orbat.errors import ValidationError
from orbat.model import Document
from orbat.reconcile import GroupClass, PublisherGrade, conflicts, reconcile
from orbat.store import Store

RECORDS = [
    {"kind": "entity", "id": "G1", "type": "armed_group", "name": "Desert Hawks Brigade"},
    {"kind": "entity", "id": "P1", "type": "person", "name": "Abu Example"},
    {
        "kind": "claim",
        "doc": "wire_report",
        "subject": "G1",
        "predicate": "founded",
        "object": {"date": "2012"},
        "quote": "founded in 2012",
    },
    {
        "kind": "claim",
        "doc": "opposition_post",
        "subject": "G1",
        "predicate": "founded",
        "object": {"date": "2015"},
        "qualifiers": {"claimed_by": "local activists", "hedge": "reported"},
        "quote": "set up in 2015, activists say",
    },
    {
        "kind": "claim",
        "doc": "wire_report",
        "subject": "G1",
        "predicate": "leader",
        "object": {"entity": "P1"},
        "qualifiers": {"as_of": "2023"},
        "quote": "led by Abu Example",
    },
    {
        "kind": "claim",
        "doc": "opposition_post",
        "subject": "P1",
        "predicate": "died",
        "object": {"date": "2016"},
        "quote": "Abu Example was killed in 2016",
    },
]


def build(store: Store, tmp_path: Path) -> None:
    text_a = "The brigade was founded in 2012 and is led by Abu Example."
    text_b = "It was set up in 2015, activists say. Abu Example was killed in 2016."
    store.add_document(
        Document(name="wire_report", text=text_a, publisher="Sample Wire", source_kind="news"),
        text_a.encode(),
    )
    store.add_document(
        Document(name="opposition_post", text=text_b, publisher="Free Voice", source_kind="opposition_media"),
        text_b.encode(),
    )
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    store.import_claims_jsonl(path)


def founded(store: Store) -> list:
    groups = reconcile(store.claims(entity="G1", include_rejected=False), store.source_grades())
    return [g for g in groups if g.predicate == "founded"]


def test_publisher_grade_is_audited_and_changes_the_sources_reliability(store: Store, tmp_path: Path):
    build(store, tmp_path)
    (g,) = founded(store)
    by_doc = {s.document: s for s in g.sources}
    assert (by_doc["wire_report"].reliability, by_doc["wire_report"].reliability_from) == ("C", "kind")
    assert by_doc["opposition_post"].stance == "opposition"

    grade = store.set_publisher_grade("sample wire", "a", user="dana", reason="long record of accuracy")
    assert grade == PublisherGrade("A", None)
    store.set_publisher_grade("Sample Wire", stance="state", user="dana", reason="state-owned")
    assert store.publisher_grades() == {"sample wire": PublisherGrade("A", "state")}
    (g,) = founded(store)
    src = next(s for s in g.sources if s.document == "wire_report")
    assert (src.reliability, src.reliability_from, src.stance) == ("A", "publisher", "state")

    rows = store.audit_rows("publisher", ["sample wire"])
    assert [(r.user, r.action, r.before, r.after) for r in rows] == [
        ("dana", "grade", None, {"reliability": "A"}),
        ("dana", "grade", {"stance": None}, {"stance": "state"}),
    ]
    assert rows[0].reason == "long record of accuracy"
    with pytest.raises(ValidationError):
        store.set_publisher_grade("Sample Wire", "Z", user="dana")
    with pytest.raises(ValidationError):
        store.set_publisher_grade("Sample Wire", user="dana")


def test_document_grade_wins_over_the_publisher(store: Store, tmp_path: Path):
    build(store, tmp_path)
    store.set_publisher_grade("Sample Wire", "A", user="dana")
    store.set_document_grade("wire_report", reliability="E", user="dana", reason="this piece was retracted")
    (g,) = founded(store)
    src = next(s for s in g.sources if s.document == "wire_report")
    assert (src.reliability, src.reliability_from) == ("E", "document")


def test_ranking_and_review_change_the_groups_and_leave_a_trail(store: Store, tmp_path: Path):
    build(store, tmp_path)
    (g,) = founded(store)
    assert g.kind is GroupClass.CONTRADICTION
    late = next(c.claim for c in g.claims if c.claim.object_text == "2015")
    early = next(c.claim for c in g.claims if c.claim.object_text == "2012")

    store.rank_claim(late.id, "preferred", user="dana", reason="the founding notice is dated 2015")
    (g,) = founded(store)
    assert g.best is not None and g.best.display == "2015" and g.best.preferred

    store.set_credibility(early.id, 5, user="lee", reason="contradicted by the notice")
    store.rank_claim(early.id, "deprecated", user="lee", reason="superseded")
    (g,) = founded(store)
    assert not g.is_conflict and g.values[-1].deprecated and g.values[-1].credibility == 5

    store.review_claim(early.id, "rejected", user="lee", reason="misread")
    (g,) = founded(store)
    assert [v.display for v in g.values] == ["2015"]

    trail = store.audit_rows("claim", [early.id])
    assert [(r.user, r.action) for r in trail] == [("lee", "grade"), ("lee", "rank"), ("lee", "review")]
    assert trail[1].before == {"rank": "normal", "rank_reason": None}
    assert trail[1].after == {"rank": "deprecated", "rank_reason": "superseded"}
    assert trail[2].after == {"status": "rejected"} and trail[2].reason == "misread"

    history = store.entity_history("G1")
    assert [(r.target_id, r.action) for r in history] == [
        (late.id, "rank"),
        (early.id, "grade"),
        (early.id, "rank"),
        (early.id, "review"),
    ]
    assert store.entity_history("P1") == []  # nothing decided about the person


def test_entity_history_includes_resolution_decisions(store: Store, tmp_path: Path):
    build(store, tmp_path)
    decision = store.decide([("G1", "P1")], "different", user="dana", reason="not the same")
    rows = store.entity_history("P1")
    assert [(r.target_kind, r.target_id, r.reason) for r in rows] == [("decision", decision, "not the same")]


def test_dead_leader_flag_through_the_store(store: Store, tmp_path: Path):
    build(store, tmp_path)
    groups = reconcile(store.claims(include_rejected=False), store.source_grades())
    flagged = [(g.subject, g.predicate) for g in conflicts(groups) if GroupClass.TEMPORAL in g.classes]
    assert flagged == [("G1", "leader")]
