"""One scenario per behaviour, run against every configured backend (SQLite, PostgreSQL)."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from orbat.errors import Conflict, NotFound, StoreError, ValidationError
from orbat.model import (
    Claim,
    DateValue,
    Document,
    Entity,
    EntityRef,
    Evidence,
    Extraction,
    Mention,
    Node,
    Qualifiers,
    Quantity,
    node_id,
)
from orbat.store import Store
from orbat.store.tables import audit, blobs, claims, evidence

TEXT = "The Desert Hawks Brigade was set up in 2013 by Mohammed Jaber. It had about 1,500 fighters by 2015."


def make_doc(name: str = "hawks", text: str = TEXT, uri: str | None = None) -> tuple[Document, bytes]:
    data = text.encode("utf-8")
    return Document(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), source_uri=uri), data


def make_extraction(doc: Document, version: str = "1", founded: str = "2013") -> Extraction:
    group = Node(
        node_id(doc.name, "armed_group", "desert hawks brigade"),
        "armed_group",
        "Desert Hawks Brigade",
        ("Desert Hawks Brigade",),
        doc.name,
    )
    person = Node(
        node_id(doc.name, "person", "mohammed jaber"),
        "person",
        "Mohammed Jaber",
        ("Mohammed Jaber",),
        doc.name,
    )
    t = doc.text
    s_found = t.index("was set up in 2013")
    s_size = t.index("about 1,500 fighters")
    claims_ = (
        Claim(
            group.id,
            "founded",
            DateValue(founded),
            evidence=(Evidence.from_text(doc.name, t, s_found, s_found + 18),),
            origin=f"rule:founded@{version}",
        ),
        Claim(
            group.id,
            "founded_by",
            EntityRef(person.id),
            evidence=(Evidence.from_text(doc.name, t, s_found, t.index(". It")),),
            origin=f"rule:founded_by@{version}",
        ),
        Claim(
            group.id,
            "size",
            Quantity(value=1500, approx=True, unit="fighters"),
            qualifiers=Qualifiers(as_of="2015"),
            evidence=(Evidence.from_text(doc.name, t, s_size, s_size + 20),),
            origin=f"rule:size@{version}",
        ),
    )
    mentions = (
        Mention(4, 24, t[4:24], "armed_group", group.id),
        Mention(t.index("Mohammed"), t.index("Mohammed") + 14, "Mohammed Jaber", "person", person.id),
    )
    return Extraction(doc.name, f"rules@{version}", (group, person), mentions, claims_)


def resolve_identity(store: Store) -> None:
    """Each node its own entity (the resolver is tested elsewhere)."""
    nodes = store.all_nodes()
    store.save_resolution({n.id: n.id for n in nodes}, [Entity(n.id, n.type, n.name) for n in nodes], [])


def test_same_bytes_twice_is_a_no_op_that_says_so(store: Store):
    doc, data = make_doc()
    first = store.add_document(doc, data)
    again = store.add_document(doc, data)
    assert first.status == "ingested" and again.status == "unchanged"
    assert again.id == first.id
    assert store.blob(doc.sha256 or "") == data
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(blobs)).scalar_one() == 1


def test_a_changed_file_becomes_a_new_version_linked_to_the_old(store: Store):
    doc, data = make_doc(uri="/data/hawks.txt")
    v1 = store.add_document(doc, data)
    doc2, data2 = make_doc(text=TEXT + " It was dissolved in 2017.", uri="/data/hawks.txt")
    v2 = store.add_document(doc2, data2)
    assert v2.status == "new version" and v2.version == 2
    row = store.document_row("hawks")
    assert row["id"] == v2.id and row["previous_id"] == v1.id
    assert store.document_row(v1.id)["is_current"] is False
    assert [d["id"] for d in store.list_documents()] == [v2.id]


def test_a_different_file_with_the_same_stem_gets_its_own_name(store: Store):
    a, da = make_doc(uri="/a/report.txt", name="report")
    b, db = make_doc(uri="/b/report.txt", name="report", text="Another text entirely.")
    store.add_document(a, da)
    stored = store.add_document(b, db)
    assert stored.document.name == "report-2"


def test_extraction_is_stored_with_exact_evidence_and_is_idempotent(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    ex = make_extraction(doc)
    counts = store.save_extraction(stored.id, ex)
    assert counts["claims"] == 3
    assert store.has_extraction(stored.id, "rules@1")
    assert store.save_extraction(stored.id, ex) == {"skipped": 1}
    resolve_identity(store)
    views = store.claims()
    assert len(views) == 3
    for v in views:
        ev = v.evidence[0]
        assert ev.quote == TEXT[ev.start : ev.end]
    size = next(v for v in views if v.predicate == "size")
    assert size.object_json() == {"quantity": {"value": 1500, "approx": True, "unit": "fighters"}}
    assert size.qualifiers.as_of == "2015" and size.sort_date == "2015-01-01"


def test_new_extractor_version_keeps_reviewed_claims_and_drops_stale_proposals(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc, "1", founded="2013"))
    resolve_identity(store)
    founded = next(v for v in store.claims() if v.predicate == "founded")
    store.review_claim(founded.id, "accepted", user="ana")
    store.save_extraction(stored.id, make_extraction(doc, "2", founded="2013-05"))
    preds = sorted((v.predicate, v.object_json().get("date")) for v in store.claims())
    # the accepted 2013 claim survives; the new version's 2013-05 proposal is added beside it
    assert ("founded", "2013") in preds and ("founded", "2013-05") in preds
    assert len(store.claims()) == 4


def test_review_is_audited_and_optimistically_locked(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    claim = store.claims(predicate="founded")[0]
    updated = store.review_claim(
        claim.id, "rejected", user="ana", reason="wrong year", expected_version=claim.row_version
    )
    assert updated.status == "rejected" and updated.row_version == claim.row_version + 1
    with pytest.raises(Conflict):
        store.review_claim(claim.id, "accepted", user="bob", expected_version=claim.row_version)
    with store.reading() as conn:
        rows = conn.execute(select(audit).where(audit.c.target_id == claim.id)).mappings().all()
    assert [(r["user"], r["action"], r["before"], r["after"], r["reason"]) for r in rows] == [
        ("ana", "review", {"status": "proposed"}, {"status": "rejected"}, "wrong year")
    ]


def test_ranking_needs_a_reason(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    claim = store.claims(predicate="founded")[0]
    with pytest.raises(ValidationError):
        store.rank_claim(claim.id, "preferred", user="ana")
    assert store.rank_claim(claim.id, "preferred", user="ana", reason="primary source").rank == "preferred"


def test_analyst_claim_needs_real_evidence(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    group = store.get_entity("Desert Hawks Brigade")
    start = TEXT.index("It had")
    with pytest.raises(ValidationError):
        store.add_analyst_claim(
            subject_entity=group.id,
            predicate="dissolved",
            object_=DateValue("2017"),
            qualifiers=Qualifiers(),
            document="hawks",
            start=0,
            end=10_000,
            user="ana",
        )
    with pytest.raises(NotFound):
        store.add_analyst_claim(
            subject_entity=group.id,
            predicate="dissolved",
            object_=DateValue("2017"),
            qualifiers=Qualifiers(),
            document="nope",
            start=0,
            end=3,
            user="ana",
        )
    added = store.add_analyst_claim(
        subject_entity=group.id,
        predicate="activity",
        object_=__import__("orbat.model", fromlist=["TextValue"]).TextValue("fighting"),
        qualifiers=Qualifiers(),
        document="hawks",
        start=start,
        end=start + 6,
        user="ana",
    )
    assert added.status == "accepted" and added.origin == "analyst:ana"
    assert added.evidence[0].quote == "It had" and added.subject == group.id


def test_decisions_are_undoable_and_restore_what_they_removed(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    ex = make_extraction(doc)
    store.save_extraction(stored.id, ex)
    a, b = ex.nodes[0].id, ex.nodes[1].id
    merge = store.decide([(a, b)], "same", user="ana", reason="test")
    assert [j.verdict for j in store.judgements(source="human")] == ["same"]
    removed = store.human_edges_between([a], [b], "same")
    split = store.decide([(a, b)], "different", user="ana", deleted_edges=removed)
    assert [j.verdict for j in store.judgements(source="human")] == ["different"]
    store.undo_decision(split, user="ana")
    assert [j.decision for j in store.judgements(source="human")] == [merge]
    with pytest.raises(NotFound):
        store.undo_decision(split, user="ana")
    with pytest.raises(NotFound):
        store.decide([(a, "N-missing")], "same", user="ana")


def test_deleting_a_document_cascades_to_its_claims_and_evidence(store: Store):
    from sqlalchemy import delete

    from orbat.store.tables import documents

    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    with store.transaction() as conn:
        conn.execute(delete(documents).where(documents.c.id == stored.id))
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(claims)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(evidence)).scalar_one() == 0


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path):
    kb = Store.open(tmp_path / "kb.db", create=True)
    with kb.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # the file is read through a memory map (SQLite caps the size its build allows)
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() > 0


def test_unreachable_or_bad_database_urls_give_one_line_errors(tmp_path):
    with pytest.raises(
        StoreError, match=r"cannot connect to postgresql\+psycopg://nobody:\*\*\*@127.0.0.1:1/x"
    ):
        Store.open("postgresql://nobody:secret@127.0.0.1:1/x")
    with pytest.raises(StoreError, match="folder .* does not exist"):
        Store.open(tmp_path / "missing" / "kb.db")
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://root@localhost/x")
    with pytest.raises(StoreError, match="not an orbat store yet"):
        Store.open(tmp_path / "empty.db")
