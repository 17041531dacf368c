"""One JSON object per entity with its claims (``jsonl``): a document-store friendly dump.

Each line: ``{"id", "type", "name", "aliases", "claims": [...], "as_object": [...]}`` where
``claims`` are the claims about the entity (it is their subject) and ``as_object`` those that
point at it, each with qualifiers, review state and evidence (document, offsets, quote).
"""

from __future__ import annotations

import json
from typing import IO, Any

from orbat.model.views import ClaimView
from orbat.store import Store


def claim_json(c: ClaimView) -> dict[str, Any]:
    return {
        "id": c.id,
        "subject": c.subject,
        "subject_name": c.subject_name,
        "predicate": c.predicate,
        "object": c.object_json(),
        "object_display": c.object_display(),
        "qualifiers": c.qualifiers.to_json(),
        "status": c.status,
        "rank": c.rank,
        "credibility": c.credibility,
        "origin": c.origin,
        "evidence": [
            {
                "document": ev.document,
                "start": ev.start,
                "end": ev.end,
                "quote": ev.quote,
                "title": ev.title,
                "publisher": ev.publisher,
                "published": ev.published,
            }
            for ev in c.evidence
        ],
    }


def write_entities_jsonl(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    claims = [c for c in store.claims(include_rejected=False) if c.status != "rejected"]
    by_subject: dict[str, list[ClaimView]] = {}
    by_object: dict[str, list[ClaimView]] = {}
    for c in claims:
        if c.subject:
            by_subject.setdefault(c.subject, []).append(c)
        if c.object_entity and c.object_entity != c.subject:
            by_object.setdefault(c.object_entity, []).append(c)
    n = 0
    for e in sorted(store.list_entities(), key=lambda x: x.id):
        if entity is not None and e.id != entity:
            continue
        record = {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "aliases": [a.name for a in e.aliases if a.name != e.name],
            "claims": [claim_json(c) for c in by_subject.get(e.id, [])],
            "as_object": [claim_json(c) for c in by_object.get(e.id, [])],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
