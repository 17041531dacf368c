"""CSV tables: entities, claims and evidence (one file each, or the three in a ZIP).

A text stream holds one file, so there are four formats: ``csv-entities``,
``csv-claims`` and ``csv-evidence`` write one table; ``csv`` writes a ZIP
archive of ``entities.csv``, ``claims.csv`` and ``evidence.csv`` (a binary
format: ``orbat export --format csv -o kb.zip``). UTF-8, a header row,
RFC 4180 quoting; lists are joined with " | ".
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from typing import IO, Any

from orbat.model.views import ClaimView
from orbat.store import Store

ENTITY_COLUMNS = ("id", "type", "name", "aliases", "claims")
CLAIM_COLUMNS = (
    "id",
    "subject",
    "subject_name",
    "predicate",
    "object_kind",
    "object_entity",
    "object_name",
    "object_value",
    "object_text",
    "start",
    "end",
    "as_of",
    "role",
    "kind",
    "claimed_by",
    "hedge",
    "status",
    "rank",
    "credibility",
    "origin",
    "document",
    "quote",
)
EVIDENCE_COLUMNS = (
    "claim_id",
    "document",
    "start",
    "end",
    "quote",
    "page",
    "title",
    "publisher",
    "published",
    "source_kind",
    "stance",
    "reliability",
)


def _claims(store: Store, entity: str | None) -> list[ClaimView]:
    return [
        c
        for c in store.claims(entity=entity, as_object=entity is not None, include_rejected=False)
        if c.status != "rejected"
    ]


def _write(out: IO[str], columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def entity_rows(store: Store, entity: str | None = None) -> list[dict[str, Any]]:
    counts = store.entity_claim_counts()
    wanted: set[str] | None = None
    if entity is not None:
        claims = _claims(store, entity)
        wanted = (
            {entity}
            | {c.subject for c in claims if c.subject}
            | {c.object_entity for c in claims if c.object_entity}
        )
    return [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "aliases": " | ".join(a.name for a in e.aliases if a.name != e.name),
            "claims": counts.get(e.id, 0),
        }
        for e in sorted(store.list_entities(), key=lambda x: x.id)
        if wanted is None or e.id in wanted
    ]


def claim_rows(claims: Iterable[ClaimView]) -> list[dict[str, Any]]:
    rows = []
    for c in claims:
        q = c.qualifiers
        ev = c.evidence[0] if c.evidence else None
        rows.append(
            {
                "id": c.id,
                "subject": c.subject,
                "subject_name": c.subject_name,
                "predicate": c.predicate,
                "object_kind": c.object_kind,
                "object_entity": c.object_entity,
                "object_name": c.object_name,
                "object_value": json.dumps(c.object_value, ensure_ascii=False) if c.object_value else None,
                "object_text": c.object_text,
                "start": q.start,
                "end": q.end,
                "as_of": q.as_of,
                "role": q.role,
                "kind": q.kind,
                "claimed_by": q.claimed_by,
                "hedge": q.hedge,
                "status": c.status,
                "rank": c.rank,
                "credibility": c.credibility,
                "origin": c.origin,
                "document": c.document or (ev.document if ev else None),
                "quote": ev.quote if ev else None,
            }
        )
    return rows


def evidence_rows(claims: Iterable[ClaimView]) -> list[dict[str, Any]]:
    return [
        {
            "claim_id": c.id,
            "document": ev.document,
            "start": ev.start,
            "end": ev.end,
            "quote": ev.quote,
            "page": ev.page,
            "title": ev.title,
            "publisher": ev.publisher,
            "published": ev.published,
            "source_kind": ev.source_kind,
            "stance": ev.stance,
            "reliability": ev.reliability,
        }
        for c in claims
        for ev in c.evidence
    ]


def write_csv_entities(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    return _write(out, ENTITY_COLUMNS, entity_rows(store, entity))


def write_csv_claims(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    return _write(out, CLAIM_COLUMNS, claim_rows(_claims(store, entity)))


def write_csv_evidence(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    return _write(out, EVIDENCE_COLUMNS, evidence_rows(_claims(store, entity)))


def write_csv_zip(store: Store, out: IO[bytes], *, entity: str | None = None) -> int:
    """entities.csv, claims.csv and evidence.csv in one ZIP archive; returns the rows written."""
    total = 0
    claims = _claims(store, entity)
    tables = (
        ("entities.csv", ENTITY_COLUMNS, entity_rows(store, entity)),
        ("claims.csv", CLAIM_COLUMNS, claim_rows(claims)),
        ("evidence.csv", EVIDENCE_COLUMNS, evidence_rows(claims)),
    )
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, columns, rows in tables:
            buf = io.StringIO()
            total += _write(buf, columns, rows)
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), buf.getvalue().encode("utf-8")
            )
    return total
