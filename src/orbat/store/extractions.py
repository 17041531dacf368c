"""Writing what an extractor found: nodes, mentions, proposed claims, evidence.

Re-extraction is idempotent per (document version, extractor@version): a
second run is skipped. A new extractor version replaces the previous
version's *unreviewed* claims of that document; claims an analyst accepted,
rejected or ranked are kept, whatever the extractor now says.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from orbat.model import Claim, DateValue, EntityRef, Extraction, Quantity, TextValue, utcnow
from orbat.model.values import edtf_bounds
from orbat.store.base import StoreBase
from orbat.store.tables import claims, evidence, extraction_runs, judgements, mentions, nodes


def claim_row(claim: Claim, document_id: int | None, now: Any, user: str | None = None) -> dict[str, Any]:
    obj = claim.object
    q = claim.qualifiers
    object_node = obj.entity if isinstance(obj, EntityRef) else None
    object_value = None if isinstance(obj, EntityRef) else obj.to_json()
    if isinstance(obj, TextValue):
        object_text: str | None = obj.text
    elif isinstance(obj, DateValue):
        object_text = obj.edtf
    elif isinstance(obj, Quantity):
        object_text = obj.display()
    else:
        object_text = None
    date_for_sort = obj.edtf if isinstance(obj, DateValue) else (q.start or q.as_of or q.end)
    sort_date = edtf_bounds(date_for_sort)[0] if date_for_sort else None
    if sort_date is None and date_for_sort:
        sort_date = edtf_bounds(date_for_sort)[1]
    return {
        "id": claim.id or claim.key(),
        "document_id": document_id,
        "subject_node": claim.subject,
        "predicate": claim.predicate,
        "object_kind": obj.kind,
        "object_node": object_node,
        "object_value": object_value,
        "object_text": object_text,
        "q_start": q.start,
        "q_end": q.end,
        "q_as_of": q.as_of,
        "q_role": q.role,
        "q_kind": q.kind,
        "q_claimed_by": q.claimed_by,
        "hedge": q.hedge,
        "sort_date": sort_date,
        "status": claim.status,
        "rank": claim.rank,
        "origin": claim.origin,
        "created_at": now,
        "updated_at": now,
        "updated_by": user,
        "row_version": 1,
    }


class ExtractionsMixin(StoreBase):
    def has_extraction(self, document_id: int, extractor: str) -> bool:
        with self.reading() as conn:
            row = conn.execute(
                select(extraction_runs.c.id).where(
                    extraction_runs.c.document_id == document_id, extraction_runs.c.extractor == extractor
                )
            ).first()
        return row is not None

    def save_extraction(
        self, document_id: int, extraction: Extraction, *, force: bool = False
    ) -> dict[str, int]:
        """Store one document's extraction atomically. Returns counts."""
        now = utcnow()
        extractor_name = extraction.extractor.split("@")[0]
        with self.transaction() as conn:
            done = conn.execute(
                select(extraction_runs.c.id).where(
                    extraction_runs.c.document_id == document_id,
                    extraction_runs.c.extractor == extraction.extractor,
                )
            ).first()
            if done is not None and not force:
                return {"skipped": 1}
            self._upsert_nodes(conn, document_id, extraction, now)
            conn.execute(delete(mentions).where(mentions.c.document_id == document_id))
            if extraction.mentions:
                conn.execute(
                    insert(mentions),
                    [
                        {
                            "document_id": document_id,
                            "node_id": m.node,
                            "start": m.start,
                            "end": m.end,
                            "text": m.text,
                            "source": f"{extraction.extractor}:{m.source}",
                        }
                        for m in extraction.mentions
                    ],
                )
            new_claims = {c.id or c.key(): c for c in extraction.claims}
            machine = or_(
                claims.c.origin.like("rule:%"),
                claims.c.origin.like("dep:%"),
                claims.c.origin.like(f"{extractor_name}:%"),
            )
            old = {
                r.id: r
                for r in conn.execute(
                    select(claims.c.id, claims.c.status, claims.c.rank).where(
                        claims.c.document_id == document_id, machine
                    )
                )
            }
            stale = [
                cid
                for cid, r in old.items()
                if cid not in new_claims and r.status == "proposed" and r.rank == "normal"
            ]
            if stale:
                conn.execute(delete(claims).where(claims.c.id.in_(stale)))
            fresh = [c for cid, c in new_claims.items() if cid not in old]
            # A claim id hashes the document's *name* and offsets, so a new version of a document
            # re-reads the unchanged part as the very claims of the earlier version: those keep their
            # row (and their review); this version is added as further evidence of them.
            carried = self._existing_claim_ids(conn, [c.id or c.key() for c in fresh])
            if carried:
                seen_ev = {
                    (r.claim_id, r.start, r.end)
                    for r in conn.execute(
                        select(evidence.c.claim_id, evidence.c.start, evidence.c.end).where(
                            evidence.c.claim_id.in_(carried), evidence.c.document_id == document_id
                        )
                    )
                }
            else:
                seen_ev = set()
            inserted = [c for c in fresh if (c.id or c.key()) not in carried]
            if inserted:
                conn.execute(insert(claims), [claim_row(c, document_id, now) for c in inserted])
            ev_rows = [
                {
                    "claim_id": c.id or c.key(),
                    "document_id": document_id,
                    "start": ev.start,
                    "end": ev.end,
                    "quote": ev.quote,
                    "page": ev.page,
                }
                for c in fresh
                for ev in c.evidence
                if (c.id or c.key(), ev.start, ev.end) not in seen_ev
            ]
            if ev_rows:
                conn.execute(insert(evidence), ev_rows)
            fresh = inserted
            self._drop_orphan_nodes(conn, document_id, {n.id for n in extraction.nodes})
            if done is None:
                conn.execute(
                    insert(extraction_runs).values(
                        document_id=document_id,
                        extractor=extraction.extractor,
                        finished_at=now,
                        counts={"claims": len(new_claims), "nodes": len(extraction.nodes)},
                    )
                )
            else:
                conn.execute(
                    update(extraction_runs)
                    .where(extraction_runs.c.id == done[0])
                    .values(
                        finished_at=now, counts={"claims": len(new_claims), "nodes": len(extraction.nodes)}
                    )
                )
        return {
            "claims": len(new_claims),
            "new_claims": len(fresh),
            "stale": len(stale),
            "nodes": len(extraction.nodes),
        }

    @staticmethod
    def _existing_claim_ids(conn: Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(r[0] for r in conn.execute(select(claims.c.id).where(claims.c.id.in_(chunk))))
        return found

    @staticmethod
    def _upsert_nodes(conn: Connection, document_id: int, extraction: Extraction, now: Any) -> None:
        ids = [n.id for n in extraction.nodes]
        existing: dict[str, list[str]] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            for row in conn.execute(select(nodes.c.id, nodes.c.names).where(nodes.c.id.in_(chunk))):
                existing[row.id] = list(row.names or [])
        new_rows = []
        for n in extraction.nodes:
            if n.id in existing:
                merged = list(dict.fromkeys([*existing[n.id], *n.names]))
                if merged != existing[n.id]:
                    conn.execute(update(nodes).where(nodes.c.id == n.id).values(names=merged, name=n.name))
            else:
                new_rows.append(
                    {
                        "id": n.id,
                        "document_id": document_id,
                        "type": n.type,
                        "name": n.name,
                        "names": list(dict.fromkeys(n.names or (n.name,))),
                        "origin": extraction.extractor,
                        "entity_id": None,
                        "created_at": now,
                    }
                )
        if new_rows:
            conn.execute(insert(nodes), new_rows)

    @staticmethod
    def _drop_orphan_nodes(conn: Connection, document_id: int, keep: set[str]) -> None:
        doc_nodes = [r[0] for r in conn.execute(select(nodes.c.id).where(nodes.c.document_id == document_id))]
        gone = [n for n in doc_nodes if n not in keep]
        if not gone:
            return
        used = {
            r[0] for r in conn.execute(select(claims.c.subject_node).where(claims.c.subject_node.in_(gone)))
        } | {r[0] for r in conn.execute(select(claims.c.object_node).where(claims.c.object_node.in_(gone)))}
        judged = {
            r[0]
            for r in conn.execute(
                select(judgements.c.left_node).where(
                    and_(judgements.c.left_node.in_(gone), judgements.c.source == "human")
                )
            )
        } | {
            r[0]
            for r in conn.execute(
                select(judgements.c.right_node).where(
                    and_(judgements.c.right_node.in_(gone), judgements.c.source == "human")
                )
            )
        }
        drop = [n for n in gone if n not in used and n not in judged]
        if drop:
            conn.execute(delete(nodes).where(nodes.c.id.in_(drop)))
