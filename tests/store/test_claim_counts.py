"""``claim_counts`` (migration 0006) stays equal to counting ``claims`` after every kind of write.

The table is kept by database triggers, so whichever code path writes claims
(extraction, re-extraction dropping stale proposals, import, analyst claims,
reviews, resolution merging and splitting entities, cascading deletes) leaves
it exact. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, text

from orbat.model import DateValue, Entity, Qualifiers
from orbat.store import Store
from orbat.store.backup import TABLE_ORDER
from orbat.store.tables import documents
from tests.store.test_contract import TEXT, make_doc, make_extraction, resolve_identity

RECOUNT = (
    "SELECT subject_entity, 'subject', predicate, count(*) FROM claims WHERE subject_entity IS NOT NULL "
    "GROUP BY subject_entity, predicate UNION ALL "
    "SELECT object_entity, 'object', predicate, count(*) FROM claims WHERE object_entity IS NOT NULL "
    "GROUP BY object_entity, predicate"
)


def kept(store: Store) -> dict[tuple[str, str, str], int]:
    with store.reading() as conn:
        rows = conn.execute(text("SELECT entity, side, predicate, n FROM claim_counts WHERE n <> 0"))
        return {(r[0], r[1], r[2]): int(r[3]) for r in rows}


def recounted(store: Store) -> dict[tuple[str, str, str], int]:
    with store.reading() as conn:
        return {(r[0], r[1], r[2]): int(r[3]) for r in conn.execute(text(RECOUNT))}


def assert_exact(store: Store) -> dict[tuple[str, str, str], int]:
    got = kept(store)
    assert got == recounted(store)
    return got


def test_counts_follow_extraction_review_resolution_and_deletes(store: Store):
    assert assert_exact(store) == {}
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    ex = make_extraction(doc)
    store.save_extraction(stored.id, ex)  # claims on nodes, no entity yet
    assert assert_exact(store) == {}
    resolve_identity(store)  # every node its own entity: the entity columns are filled
    group, person = ex.nodes[0].id, ex.nodes[1].id
    counts = assert_exact(store)
    assert counts[(group, "subject", "size")] == 1 and counts[(person, "object", "founded_by")] == 1
    assert store.claim_counts(group) == {
        ("subject", "founded"): 1,
        ("subject", "founded_by"): 1,
        ("subject", "size"): 1,
    }

    # reviews change no count
    founded = store.claims(predicate="founded")[0]
    store.review_claim(founded.id, "accepted", user="ana")
    size = store.claims(predicate="size")[0]
    store.review_claim(size.id, "rejected", user="ana")
    assert assert_exact(store) == counts

    # an analyst's claim
    start = TEXT.index("It had")
    store.add_analyst_claim(
        subject_entity=group,
        predicate="dissolved",
        object_=DateValue("2017"),
        qualifiers=Qualifiers(),
        document="hawks",
        start=start,
        end=start + 6,
        user="ana",
    )
    assert assert_exact(store)[(group, "subject", "dissolved")] == 1

    # a new extractor version: the stale proposal goes, the new ones come
    store.save_extraction(stored.id, make_extraction(doc, "2", founded="2013-05"))
    resolve_identity(store)
    assert assert_exact(store)[(group, "subject", "founded")] == 2

    # merge: both nodes one entity (a "same" decision, then resolution) ...
    merged = Entity(group, "armed_group", "Desert Hawks Brigade")
    store.save_resolution({n.id: group for n in store.all_nodes()}, [merged], [])
    counts = assert_exact(store)
    assert counts[(group, "object", "founded_by")] == 1 and not any(k[0] == person for k in counts)
    # ... split again (the decision undone)
    resolve_identity(store)
    assert assert_exact(store)[(person, "object", "founded_by")] == 1

    # entities gone: claims keep their rows, without an entity
    store.save_resolution({n.id: None for n in store.all_nodes()}, [], [])  # type: ignore[misc]
    assert assert_exact(store) == {}
    resolve_identity(store)

    # deleting the document cascades to its claims
    with store.transaction() as conn:
        conn.execute(delete(documents).where(documents.c.id == stored.id))
    assert assert_exact(store) == {}


def test_counts_follow_an_import(store: Store, tmp_path: Path):
    text_ = "The Hub Brigade was active in Town01. The Hub Brigade was active in Town02."
    doc, data = make_doc(name="hub_doc", text=text_)
    store.add_document(doc, data)
    records: list[dict[str, object]] = [
        {"kind": "entity", "id": "hub", "type": "armed_group", "name": "Hub Brigade", "aliases": []},
        {"kind": "entity", "id": "t1", "type": "place", "name": "Town01"},
        {"kind": "entity", "id": "t2", "type": "place", "name": "Town02"},
    ]
    for town in ("t1", "t2"):
        name = "Town01" if town == "t1" else "Town02"
        records.append(
            {
                "kind": "claim",
                "doc": "hub_doc",
                "subject": "hub",
                "predicate": "operates_in",
                "object": {"entity": town},
                "quote": f"was active in {name}",
            }
        )
    path = tmp_path / "hub.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)
    counts = assert_exact(store)
    hub = store.get_entity("Hub Brigade").id
    assert counts[(hub, "subject", "operates_in")] == 2
    assert store.claims_about(hub).counts == {("subject", "operates_in"): 2}
    assert store.entity_claim_counts()[hub] == 2 and store.claim_counts_of([hub]) == {hub: 2}


def test_backups_leave_the_derived_counts_out_and_a_restore_rebuilds_them(store: Store, tmp_path: Path):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    before = assert_exact(store)
    assert "claim_counts" not in TABLE_ORDER
    store.backup(tmp_path / "kb.jsonl.gz")
    other = Store.open(f"sqlite:///{tmp_path / 'restored.db'}", create=True)
    try:
        other.restore(tmp_path / "kb.jsonl.gz")
        assert assert_exact(other) == before
    finally:
        other.close()


def test_a_read_session_reads_through_one_connection(store: Store):
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    group = store.get_entity("Desert Hawks Brigade").id
    with store.read_session():
        with store.reading() as a, store.reading() as b:
            assert a is b
        with store.read_session(), store.reading() as c:  # nested: joins the outer session
            assert c is a
        assert len(store.claims_about(group).claims) == 3
    with store.reading() as d, store.reading() as e:
        assert d is not e  # outside a session each reading has its own connection


def test_the_migration_fills_the_counts_from_the_claims_already_stored(store: Store):
    from alembic import command

    from orbat.store import migrate

    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    before = assert_exact(store)
    assert before
    cfg = migrate.alembic_config(store.engine)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")  # no table, no triggers
    founded = store.claims(predicate="founded")[0]
    store.review_claim(founded.id, "rejected", user="ana")  # a write while there are no triggers
    migrate.upgrade(store.engine)
    assert assert_exact(store) == before
