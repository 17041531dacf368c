"""The claims interchange format (shared/spec/claims.md, v1): the contract with the scorer.

Records are written in a content-determined order (entities by id, claims by
document, subject, predicate, object, qualifiers, quote), so exporting the
same knowledge twice, or after an import round trip, gives identical files.
"""

from __future__ import annotations

import json
from typing import IO, Any

from orbat.store import ClaimView, Store


def claim_record(c: ClaimView) -> dict[str, Any]:
    doc = c.document or (c.evidence[0].document if c.evidence else None)
    record: dict[str, Any] = {
        "kind": "claim",
        "doc": doc,
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object_json(),
        "qualifiers": c.qualifiers.to_json(),
    }
    if c.evidence:
        record["quote"] = c.evidence[0].quote
    return record


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def write_claims_jsonl(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    views = store.claims(entity=entity, include_rejected=False, as_object=entity is not None)
    views = [v for v in views if v.subject and (v.object_kind != "entity" or v.object_entity)]
    wanted: set[str] | None = None
    if entity is not None:
        wanted = (
            {entity}
            | {v.subject for v in views if v.subject}
            | {v.object_entity for v in views if v.object_entity}
        )
    count = 0
    for e in sorted(store.list_entities(), key=lambda x: x.id):
        if wanted is not None and e.id not in wanted:
            continue
        aliases = [a.name for a in e.aliases if a.name != e.name]
        out.write(
            _dump({"kind": "entity", "id": e.id, "type": e.type, "name": e.name, "aliases": aliases}) + "\n"
        )
        count += 1
    records = [claim_record(v) for v in views]
    records.sort(
        key=lambda r: (
            r["doc"] or "",
            r["subject"] or "",
            r["predicate"],
            json.dumps(r["object"], sort_keys=True, ensure_ascii=False),
            json.dumps(r["qualifiers"], sort_keys=True, ensure_ascii=False),
            r.get("quote") or "",
        )
    )
    last = None
    for r in records:
        line = _dump(r)
        if line == last:  # the same claim read at two places: the format has no offsets to tell them apart
            continue
        last = line
        out.write(line + "\n")
        count += 1
    return count
