"""Request bodies of the HTTP API and the JSON shapes it answers with."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orbat.model import Entity
from orbat.model.views import ClaimView, EvidenceView


class ClaimIn(BaseModel):
    """An analyst's own claim. The evidence (a span of a stored document) is required."""

    model_config = ConfigDict(extra="forbid")
    subject: str = Field(..., min_length=1, max_length=64, description="entity id of the subject")
    predicate: str = Field(..., min_length=1, max_length=40)
    object: dict[str, Any] = Field(
        ...,
        description='interchange object: {"entity": id}, {"date": EDTF}, {"quantity": {...}} or {"text": ...}',
    )
    qualifiers: dict[str, str | None] = Field(default_factory=dict)
    document: str = Field(..., min_length=1, max_length=255)
    start: int = Field(..., ge=0)
    end: int = Field(..., ge=0)
    reason: str | None = Field(None, max_length=2000)


class ReviewIn(BaseModel):
    """A review decision on a claim, made on the row version the analyst saw."""

    model_config = ConfigDict(extra="forbid")
    expected_version: int = Field(..., ge=1, description="row_version the change was made on (409 if stale)")
    status: Literal["proposed", "accepted", "rejected"] | None = None
    rank: Literal["preferred", "normal", "deprecated"] | None = None
    credibility: int | None = Field(None, ge=1, le=6)
    reason: str | None = Field(None, max_length=2000)


class MergeIn(BaseModel):
    """An entity-resolution decision. ``split`` moves the records carrying ``names`` out of ``left``."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["merge", "same", "different", "split"]
    left: str = Field(..., min_length=1, max_length=64)
    right: str | None = Field(None, min_length=1, max_length=64)
    names: list[str] = Field(default_factory=list, max_length=100)
    reason: str | None = Field(None, max_length=2000)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(None, max_length=2000)


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=100)
    role: Literal["viewer", "analyst", "admin"]
    password: str | None = Field(None, min_length=8, max_length=1000)


class UserChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["viewer", "analyst", "admin"] | None = None
    password: str | None = Field(None, min_length=8, max_length=1000)
    disabled: bool | None = None


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str | None = Field(None, max_length=100)


class GradeIn(BaseModel):
    """An admin's grade of a document: Admiralty reliability A-F and stance."""

    model_config = ConfigDict(extra="forbid")
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None
    stance: str | None = Field(None, max_length=32)
    reason: str | None = Field(None, max_length=2000)


class PublisherGradeIn(BaseModel):
    """An admin's grade of a publisher: Admiralty reliability A-F and/or stance (None: unchanged)."""

    model_config = ConfigDict(extra="forbid")
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None
    stance: str | None = Field(None, max_length=32)
    reason: str | None = Field(None, max_length=2000)


def evidence_json(ev: EvidenceView) -> dict[str, Any]:
    from orbat.web.views import doc_href

    return {
        "document": ev.document,
        "start": ev.start,
        "end": ev.end,
        "quote": ev.quote,
        "page": ev.page,
        "published": ev.published,
        "title": ev.title,
        "publisher": ev.publisher,
        "source_kind": ev.source_kind,
        "stance": ev.stance,
        "reliability": ev.reliability,
        "href": doc_href(ev.document, ev.start, ev.end),
    }


def claim_json(c: ClaimView) -> dict[str, Any]:
    return {
        "id": c.id,
        "subject": c.subject,
        "subject_name": c.subject_name,
        "predicate": c.predicate,
        "object": c.object_json(),
        "object_display": c.object_display(),
        "object_name": c.object_name,
        "qualifiers": c.qualifiers.to_json(),
        "status": c.status,
        "rank": c.rank,
        "rank_reason": c.rank_reason,
        "credibility": c.credibility,
        "origin": c.origin,
        "sort_date": c.sort_date,
        "document": c.document,
        "row_version": c.row_version,
        "updated_at": c.updated_at.isoformat() if hasattr(c.updated_at, "isoformat") else c.updated_at,
        "updated_by": c.updated_by,
        "evidence": [evidence_json(e) for e in c.evidence],
    }


def entity_json(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "aliases": [{"name": a.name, "lang": a.lang, "script": a.script} for a in e.aliases],
    }
