"""Migrations keep every record: a store made at the first migration, filled, upgraded to head.

The store is created at revision 0001 only and filled with SQL inserts written
against the 0001 schema (lightweight table clauses here, not the current
``orbat.store.tables``, so the test keeps describing 0001 when the tables move
on): a document with its bytes and a second version, an extraction run,
nodes, mentions, entities, claims with evidence, human and auto judgements,
audit rows, a user with an API token, a publisher grade, a setting. Then
``migrate.upgrade`` to head (full-text search, append-only audit, and whatever
comes next) must keep every row as it was, leave a store that passes
``check()``, opens without complaint, finds its documents by full-text search
and keeps working (a review, a decision). On every configured backend.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from orbat.store import Store, migrate
from orbat.store.engine import make_engine

T = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
TEXT_V1 = "The Coastal Shield Brigade was founded in 2014 in Latakia. Its commander is Ali Example."
TEXT_V2 = TEXT_V1 + " It was dissolved in 2019."


def _t(name: str, *cols: tuple[str, Any]) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, typ) for c, typ in cols))


S, N, J, D, B = sa.String(), sa.Integer(), sa.JSON(), sa.DateTime(timezone=True), sa.Boolean()
V0001 = {
    "blobs": _t("blobs", ("sha256", S), ("size", sa.BigInteger()), ("data", sa.LargeBinary())),
    "documents": _t(
        "documents",
        *[(c, S) for c in ("name", "source_uri", "title", "language", "source_kind", "media_type", "text")],
        ("id", N),
        ("version", N),
        ("previous_id", N),
        ("is_current", B),
        ("sha256", S),
        ("authors", J),
        ("pages", J),
        ("meta", J),
        ("ingested_at", D),
    ),
    "extraction_runs": _t(
        "extraction_runs", ("id", N), ("document_id", N), ("extractor", S), ("finished_at", D), ("counts", J)
    ),
    "entities": _t("entities", ("id", S), ("type", S), ("name", S), ("aliases", J), ("updated_at", D)),
    "nodes": _t(
        "nodes",
        ("id", S),
        ("document_id", N),
        ("type", S),
        ("name", S),
        ("names", J),
        ("origin", S),
        ("entity_id", S),
        ("created_at", D),
    ),
    "mentions": _t(
        "mentions",
        ("id", N),
        ("document_id", N),
        ("node_id", S),
        ("start", N),
        ("end", N),
        ("text", S),
        ("source", S),
    ),
    "claims": _t(
        "claims",
        *[
            (c, S)
            for c in (
                "id",
                "subject_node",
                "predicate",
                "object_kind",
                "object_node",
                "object_text",
                "q_as_of",
                "hedge",
                "sort_date",
                "status",
                "rank",
                "origin",
                "subject_entity",
                "object_entity",
                "updated_by",
            )
        ],
        ("document_id", N),
        ("object_value", J),
        ("created_at", D),
        ("updated_at", D),
        ("row_version", N),
    ),
    "evidence": _t(
        "evidence",
        ("id", N),
        ("claim_id", S),
        ("document_id", N),
        ("start", N),
        ("end", N),
        ("quote", S),
        ("page", N),
    ),
    "judgements": _t(
        "judgements",
        ("id", N),
        ("decision", S),
        ("left_node", S),
        ("right_node", S),
        ("verdict", S),
        ("source", S),
        ("user", S),
        ("reason", S),
        ("score", sa.Float()),
        ("features", J),
        ("created_at", D),
        ("deleted_at", D),
    ),
    "audit": _t(
        "audit",
        ("id", N),
        ("at", D),
        ("user", S),
        ("action", S),
        ("target_kind", S),
        ("target_id", S),
        ("before", J),
        ("after", J),
        ("reason", S),
    ),
    "users": _t(
        "users", ("id", N), ("name", S), ("role", S), ("password_hash", S), ("created_at", D), ("disabled", B)
    ),
    "api_tokens": _t(
        "api_tokens",
        ("id", N),
        ("user_id", N),
        ("token_hash", S),
        ("label", S),
        ("created_at", D),
        ("revoked_at", D),
    ),
    "publishers": _t(
        "publishers", ("name", S), ("reliability", S), ("stance", S), ("updated_at", D), ("updated_by", S)
    ),
    "settings": _t("settings", ("key", S), ("value", J)),
}


def _rows() -> dict[str, list[dict[str, Any]]]:
    sha1, sha2 = (hashlib.sha256(t.encode()).hexdigest() for t in (TEXT_V1, TEXT_V2))
    doc = {
        "name": "coastal",
        "source_uri": "file:///data/coastal.txt",
        "title": "Coastal",
        "language": "en",
        "source_kind": "news",
        "media_type": "text/plain",
        "authors": ["A. Writer"],
        "pages": [],
        "meta": {},
        "ingested_at": T,
    }
    start = TEXT_V1.index("founded in 2014")
    node = {"document_id": 1, "origin": "rules@1", "created_at": T}
    claim = {
        "document_id": 1,
        "object_node": None,
        "object_text": "2014",
        "q_as_of": None,
        "hedge": "asserted",
        "sort_date": "2014-01-01",
        "rank": "normal",
        "origin": "rule:founded@1",
        "object_entity": None,
        "created_at": T,
        "updated_at": T,
        "row_version": 1,
        "updated_by": None,
    }
    return {
        "blobs": [
            {"sha256": sha1, "size": len(TEXT_V1), "data": TEXT_V1.encode()},
            {"sha256": sha2, "size": len(TEXT_V2), "data": TEXT_V2.encode()},
        ],
        "documents": [
            {
                **doc,
                "id": 1,
                "version": 1,
                "previous_id": None,
                "is_current": False,
                "sha256": sha1,
                "text": TEXT_V1,
            },
            {
                **doc,
                "id": 2,
                "version": 2,
                "previous_id": 1,
                "is_current": True,
                "sha256": sha2,
                "text": TEXT_V2,
            },
        ],
        "extraction_runs": [
            {"id": 1, "document_id": 1, "extractor": "rules@1", "finished_at": T, "counts": {"claims": 2}}
        ],
        "entities": [
            {
                "id": "Nshield",
                "type": "armed_group",
                "name": "Coastal Shield Brigade",
                "aliases": [],
                "updated_at": T,
            },
            {"id": "Nali", "type": "person", "name": "Ali Example", "aliases": [], "updated_at": T},
        ],
        "nodes": [
            {
                **node,
                "id": "Nshield",
                "type": "armed_group",
                "name": "Coastal Shield Brigade",
                "names": ["Coastal Shield Brigade"],
                "entity_id": "Nshield",
            },
            {
                **node,
                "id": "Nali",
                "type": "person",
                "name": "Ali Example",
                "names": ["Ali Example"],
                "entity_id": "Nali",
            },
        ],
        "mentions": [
            {
                "id": 1,
                "document_id": 1,
                "node_id": "Nshield",
                "start": 4,
                "end": 26,
                "text": TEXT_V1[4:26],
                "source": "rules@1:gazetteer",
            },
        ],
        "claims": [
            {
                **claim,
                "id": "Cfounded",
                "subject_node": "Nshield",
                "predicate": "founded",
                "object_kind": "date",
                "object_value": {"date": "2014"},
                "status": "accepted",
                "subject_entity": "Nshield",
                "row_version": 2,
                "updated_by": "ana",
            },
            {
                **claim,
                "id": "Ccommander",
                "subject_node": "Nshield",
                "predicate": "commanded_by",
                "object_kind": "entity",
                "object_node": "Nali",
                "object_value": None,
                "object_text": None,
                "sort_date": None,
                "status": "proposed",
                "subject_entity": "Nshield",
                "object_entity": "Nali",
            },
        ],
        "evidence": [
            {
                "id": 1,
                "claim_id": "Cfounded",
                "document_id": 1,
                "start": start,
                "end": start + 15,
                "quote": TEXT_V1[start : start + 15],
                "page": None,
            },
            {
                "id": 2,
                "claim_id": "Ccommander",
                "document_id": 1,
                "start": 0,
                "end": len(TEXT_V1),
                "quote": TEXT_V1,
                "page": None,
            },
        ],
        "judgements": [
            {
                "id": 1,
                "decision": "Dabc",
                "left_node": "Nshield",
                "right_node": "Nali",
                "verdict": "different",
                "source": "human",
                "user": "ana",
                "reason": "a unit is not a person",
                "score": None,
                "features": None,
                "created_at": T,
                "deleted_at": None,
            },
            {
                "id": 2,
                "decision": "auto",
                "left_node": "Nshield",
                "right_node": "Nali",
                "verdict": "different",
                "source": "auto",
                "user": None,
                "reason": None,
                "score": 0.1,
                "features": {"rule": "type"},
                "created_at": T,
                "deleted_at": None,
            },
        ],
        "audit": [
            {
                "id": 1,
                "at": T,
                "user": "ana",
                "action": "review",
                "target_kind": "claim",
                "target_id": "Cfounded",
                "before": {"status": "proposed"},
                "after": {"status": "accepted"},
                "reason": "checked",
            },
            {
                "id": 2,
                "at": T,
                "user": "ana",
                "action": "judge",
                "target_kind": "decision",
                "target_id": "Dabc",
                "before": None,
                "after": {"verdict": "different", "pairs": [["Nshield", "Nali"]], "deleted_edges": []},
                "reason": "a unit is not a person",
            },
        ],
        "users": [
            {
                "id": 1,
                "name": "ana",
                "role": "analyst",
                "password_hash": "$argon2id$placeholder",
                "created_at": T,
                "disabled": False,
            },
        ],
        "api_tokens": [
            {
                "id": 1,
                "user_id": 1,
                "token_hash": "f" * 64,
                "label": "script",
                "created_at": T,
                "revoked_at": None,
            }
        ],
        "publishers": [
            {
                "name": "Example Wire",
                "reliability": "B",
                "stance": "independent",
                "updated_at": T,
                "updated_by": "ana",
            },
        ],
        "settings": [{"key": "web.secret", "value": "s" * 48}],
    }


def _comparable(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _read(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for name, table in V0001.items():
            rows = conn.execute(sa.select(*table.c)).mappings().all()
            key = "id" if "id" in table.c else next(iter(table.c)).name
            out[name] = sorted(
                ({k: _comparable(v) for k, v in r.items()} for r in rows), key=lambda r: str(r[key])
            )
    return out


def test_a_store_from_the_first_migration_upgrades_to_head_with_every_record(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        migrate.upgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
        rows = _rows()
        with engine.begin() as conn:
            for name, table in V0001.items():
                conn.execute(sa.insert(table), rows[name])
            if engine.dialect.name == "postgresql":  # serial columns after explicit ids
                for name in (
                    "documents",
                    "extraction_runs",
                    "mentions",
                    "evidence",
                    "judgements",
                    "audit",
                    "users",
                    "api_tokens",
                ):
                    conn.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))"
                        )
                    )
        before = _read(engine)
        assert {k: len(v) for k, v in before.items()} == {k: len(v) for k, v in rows.items()}

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision(engine)
        assert migrate.revisions(engine)[0] == "0001" and len(migrate.revisions(engine)) >= 3
        assert _read(engine) == before  # every record, every column, as it was
    finally:
        engine.dispose()

    kb = Store.open(store_url)  # opens without "run orbat init"
    try:
        assert kb.check() == []
        found = kb.search("dissolved Coastal")  # rows stored before 0002 are searchable
        assert [h.name for h in found.documents] == ["coastal"]
        assert {h.entity.id for h in kb.search("Shield").entities} == {"Nshield"}
        assert kb.get_claim("Cfounded").status == "accepted"
        kb.review_claim("Ccommander", "accepted", user="bob", reason="after the upgrade")
        kb.decide([("Nshield", "Nali")], "different", user="bob", reason="still two")
        trail = kb.audit_rows("claim", ["Cfounded", "Ccommander"])
        assert [(r.user, r.action) for r in trail] == [("ana", "review"), ("bob", "review")]
        with pytest.raises(DBAPIError, match="append-only"), kb.transaction() as conn:
            conn.execute(sa.text("DELETE FROM audit"))
    finally:
        kb.close()
