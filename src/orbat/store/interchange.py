"""Importing the claims interchange format (shared/spec/claims.md, v1).

The whole file is parsed and validated first; then it is written in one
transaction, so a bad line leaves the store exactly as it was. Errors name
the file and line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from orbat.errors import ImportFormatError, OrbatError
from orbat.model import VOCABULARY, Alias, Claim, Entity, Evidence, Qualifiers, utcnow
from orbat.model.values import EntityRef, object_from_json
from orbat.store.base import StoreBase
from orbat.store.extractions import claim_row
from orbat.store.tables import claims, documents, entities, evidence, nodes


@dataclass(frozen=True)
class ImportSummary:
    entities: int
    claims: int
    documents_created: int


@dataclass(frozen=True)
class _ParsedClaim:
    line: int
    doc: str
    claim: Claim
    quote: str | None


def parse_claims_jsonl(lines: Iterable[str], path: str) -> tuple[list[Entity], list[_ParsedClaim]]:
    ents: dict[str, Entity] = {}
    parsed: list[_ParsedClaim] = []
    pending: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(path, number, f"malformed JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise ImportFormatError(path, number, "a record must be a JSON object")
        kind = record.get("kind")
        try:
            if kind == "entity":
                eid = record.get("id")
                if not isinstance(eid, str) or not eid:
                    raise OrbatError("entity record needs a string id")
                if eid in ents:
                    raise OrbatError(f"entity id {eid!r} appears twice")
                if len(eid) > 255:
                    raise OrbatError(f"entity id {eid[:20]!r}... is {len(eid)} characters long; at most 255")
                aliases = record.get("aliases") or []
                if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                    raise OrbatError("aliases must be a list of strings")
                ents[eid] = Entity(
                    id=eid,
                    type=str(record.get("type")),
                    name=str(record.get("name") or ""),
                    aliases=tuple(Alias.of(a) for a in aliases),
                )
            elif kind == "claim":
                pending.append((number, record))
            else:
                raise OrbatError(f"unknown record kind {kind!r} (entity or claim)")
        except OrbatError as exc:
            raise ImportFormatError(path, number, str(exc)) from None
    for number, record in pending:
        try:
            parsed.append(_parse_claim(record, number, path))
        except OrbatError as exc:
            raise ImportFormatError(path, number, str(exc)) from None
    return list(ents.values()), parsed


def _parse_claim(record: dict[str, Any], number: int, path: str) -> _ParsedClaim:
    doc = record.get("doc")
    if not isinstance(doc, str) or not doc:
        raise OrbatError("claim needs a doc")
    subject = record.get("subject")
    if not isinstance(subject, str) or not subject:
        raise OrbatError("claim needs a subject entity id")
    predicate, swapped = VOCABULARY.canonical_predicate(str(record.get("predicate")))
    obj = object_from_json(record.get("object"))
    if swapped:
        if not isinstance(obj, EntityRef):
            raise OrbatError(f"inverse predicate {record.get('predicate')} needs an entity object")
        subject, obj = obj.entity, EntityRef(subject)
    quote = record.get("quote")
    if quote is not None and not isinstance(quote, str):
        raise OrbatError("quote must be a string")
    claim = Claim(
        subject=subject,
        predicate=predicate,
        object=obj,
        qualifiers=Qualifiers.from_json(record.get("qualifiers")),
        origin=f"import:{Path(path).name}",
    )
    return _ParsedClaim(number, doc, claim, quote)


def _offsetless_id(key: str, quote: str) -> str:
    """A claim id for evidence without offsets: the content key and the quote, deterministically."""
    return "C" + hashlib.sha1(f"{key}\x00{quote}".encode()).hexdigest()[:20]


class InterchangeMixin(StoreBase):
    def import_claims_jsonl(self, path: Path | str, *, user: str = "import") -> ImportSummary:
        path = Path(path)
        try:
            with path.open(encoding="utf-8") as fh:
                ents, parsed = parse_claims_jsonl(fh, str(path))
        except UnicodeDecodeError as exc:
            raise ImportFormatError(str(path), 0, f"not UTF-8 text: {exc.reason}") from None
        except OSError as exc:
            raise ImportFormatError(str(path), 0, exc.strerror or str(exc)) from None
        now = utcnow()
        created_docs = 0
        with self.transaction() as conn:
            known = {e.id for e in ents}
            for e in ents:
                self._import_entity(conn, e, path.name, now)
            existing_entities = {r[0] for r in conn.execute(select(entities.c.id))}
            doc_cache: dict[str, tuple[int, str | None]] = {}
            rows: list[dict[str, Any]] = []
            ev_rows: list[dict[str, Any]] = []
            seen: set[str] = set()
            for pc in parsed:
                for ref in (
                    pc.claim.subject,
                    pc.claim.object.entity if isinstance(pc.claim.object, EntityRef) else None,
                ):
                    if ref is not None and ref not in known and ref not in existing_entities:
                        raise ImportFormatError(str(path), pc.line, f"claim refers to unknown entity {ref!r}")
                subject_node = self._node_for_entity(conn, pc.claim.subject)
                obj = pc.claim.object
                if isinstance(obj, EntityRef):
                    obj = EntityRef(self._node_for_entity(conn, obj.entity))
                if pc.doc not in doc_cache:
                    row = conn.execute(
                        select(documents.c.id, documents.c.text).where(
                            documents.c.name == pc.doc, documents.c.is_current.is_(True)
                        )
                    ).first()
                    if row is None:
                        doc_id = self.add_stub_document(conn, pc.doc)  # type: ignore[attr-defined]
                        created_docs += 1
                        doc_cache[pc.doc] = (doc_id, None)
                    else:
                        doc_cache[pc.doc] = (int(row[0]), row[1])
                doc_id, text = doc_cache[pc.doc]
                ev: tuple[Evidence, ...] = ()
                if pc.quote:
                    at = text.find(pc.quote) if text else -1
                    if at >= 0:
                        ev = (Evidence(pc.doc, at, at + len(pc.quote), pc.quote),)
                    else:
                        ev = (Evidence(pc.doc, None, None, pc.quote),)
                claim = Claim(
                    subject=subject_node,
                    predicate=pc.claim.predicate,
                    object=obj,
                    qualifiers=pc.claim.qualifiers,
                    evidence=ev,
                    origin=pc.claim.origin,
                ).with_id()
                if ev and ev[0].start is None:
                    # no offsets to tell two claims apart (the document's text is not here): their
                    # quotes must, or claims that differ only in what they quote would collapse into one
                    claim = replace(claim, id=_offsetless_id(claim.key(), ev[0].quote))
                assert claim.id is not None
                if claim.id in seen:
                    continue
                seen.add(claim.id)
                if conn.execute(select(claims.c.id).where(claims.c.id == claim.id)).first() is not None:
                    continue
                rows.append(claim_row(claim, doc_id, now, user))
                ev_rows.extend(
                    {
                        "claim_id": claim.id,
                        "document_id": doc_id,
                        "start": e.start,
                        "end": e.end,
                        "quote": e.quote,
                    }
                    for e in ev
                )
            if rows:
                conn.execute(insert(claims), rows)
            if ev_rows:
                conn.execute(insert(evidence), ev_rows)
            self.refresh_claim_entities(conn)  # type: ignore[attr-defined]
            self.record_audit(
                conn,
                user=user,
                action="import",
                target_kind="file",
                target_id=path.name[:64],
                after={"entities": len(ents), "claims": len(rows)},
                at=now,
            )
        return ImportSummary(len(ents), len(rows), created_docs)

    @staticmethod
    def _import_entity(conn: Connection, e: Entity, filename: str, now: Any) -> None:
        names = e.names
        row = conn.execute(select(nodes.c.type, nodes.c.names).where(nodes.c.id == e.id)).first()
        if row is not None:
            if row.type != e.type:
                raise OrbatError(f"entity {e.id} is a {row.type} in the store, not a {e.type}")
            merged = list(dict.fromkeys([*(row.names or []), *names]))
            conn.execute(update(nodes).where(nodes.c.id == e.id).values(names=merged))
        else:
            conn.execute(
                insert(nodes).values(
                    id=e.id,
                    document_id=None,
                    type=e.type,
                    name=e.name,
                    names=names,
                    origin=f"import:{filename}",
                    entity_id=e.id,
                    created_at=now,
                )
            )
        if conn.execute(select(entities.c.id).where(entities.c.id == e.id)).first() is None:
            conn.execute(
                insert(entities).values(
                    id=e.id,
                    type=e.type,
                    name=e.name,
                    aliases=[{"name": a.name, "lang": a.lang, "script": a.script} for a in e.aliases],
                    updated_at=now,
                )
            )

    @staticmethod
    def _node_for_entity(conn: Connection, entity_id: str) -> str:
        row = conn.execute(select(nodes.c.id).where(nodes.c.id == entity_id)).first()
        if row is not None:
            return entity_id
        row = conn.execute(
            select(nodes.c.id).where(nodes.c.entity_id == entity_id).order_by(nodes.c.id).limit(1)
        ).first()
        if row is None:
            raise OrbatError(f"no entity {entity_id!r}")
        return str(row[0])
