"""`orbat check` finds real damage; backup → restore gives back exactly the same store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from orbat.errors import OrbatError, StoreError
from orbat.store import Store
from orbat.store.tables import blobs, evidence, metadata
from tests.store.test_contract import make_doc, make_extraction, resolve_identity


def populated(store: Store) -> Store:
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    claim = store.claims(predicate="founded")[0]
    store.review_claim(claim.id, "accepted", user="ana", reason="checked")
    nodes = store.all_nodes()
    store.decide([(nodes[0].id, nodes[1].id)], "different", user="ana")
    return store


def test_a_healthy_store_passes(store: Store):
    assert populated(store).check() == []


def test_check_finds_tampered_bytes_and_shifted_evidence(store: Store):
    populated(store)
    with store.transaction() as conn:
        conn.execute(update(blobs).values(data=b"tampered"))
        first = conn.execute(select(evidence.c.id).order_by(evidence.c.id)).scalar()
        conn.execute(update(evidence).where(evidence.c.id == first).values(start=1, end=1 + 18))
    problems = [str(p) for p in store.check()]
    assert any(p.startswith("sha256:") and "now hash to" in p for p in problems)
    assert any(p.startswith("evidence:") and "do not quote its document" in p for p in problems)


def _plain(v: object) -> object:
    """Comparable form: datetimes as naive UTC ISO (SQLite keeps no zone), bytes as bytes."""
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            v = v.astimezone(UTC).replace(tzinfo=None)
        return v.isoformat()
    if isinstance(v, memoryview):
        return bytes(v)
    return v


def dump(store: Store) -> dict[str, list[tuple]]:
    out = {}
    with store.reading() as conn:
        for table in metadata.sorted_tables:
            pk = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*pk)).all()
            out[table.name] = [tuple(_plain(v) for v in r) for r in rows]
    return out


def test_backup_restore_round_trip_is_exact(store: Store, tmp_path: Path):
    populated(store)
    path = tmp_path / "kb.orbat.gz"
    counts = store.backup(path)
    assert counts["claims"] == 3 and counts["blobs"] == 1 and counts["audit"] >= 2
    target = Store.open(f"sqlite:///{tmp_path / 'restored.db'}", create=True)
    target.restore(path)
    assert dump(target) == dump(store)
    assert target.check() == []
    # the restored store keeps working: new rows get fresh ids
    target.review_claim(target.claims(predicate="size")[0].id, "rejected", user="bob")


def test_restore_refuses_a_non_empty_store_and_a_foreign_file(store: Store, tmp_path: Path):
    populated(store)
    path = tmp_path / "kb.orbat.gz"
    store.backup(path)
    with pytest.raises(StoreError, match="empty store"):
        store.restore(path)
    junk = tmp_path / "junk.gz"
    junk.write_bytes(b"not gzip at all")
    with pytest.raises(OrbatError, match="not an orbat backup"):
        Store.open(f"sqlite:///{tmp_path / 'x.db'}", create=True).restore(junk)


def test_restore_into_postgres_from_a_sqlite_backup(tmp_path: Path, pg_database: str):
    src = populated(Store.open(f"sqlite:///{tmp_path / 'src.db'}", create=True))
    path = tmp_path / "kb.orbat.gz"
    src.backup(path)
    pg = Store.open(pg_database, create=True)
    pg.restore(path)
    assert dump(pg) == dump(src)
    pg.review_claim(pg.claims(predicate="size")[0].id, "rejected", user="bob")
    pg.decide([(pg.all_nodes()[0].id, pg.all_nodes()[1].id)], "same", user="bob")
    pg.close()
