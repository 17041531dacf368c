"""The JSON HTTP API under /api/v1: read the knowledge base; review, add, merge and upload."""

from __future__ import annotations

import unicodedata
from typing import Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from orbat import __version__, pipeline
from orbat.model import VOCABULARY
from orbat.store.search import SearchFilters
from orbat.web import actions, views
from orbat.web.deps import Admin, Analyst, Viewer, ctx, store_of
from orbat.web.jobs import UploadFile as JobFile
from orbat.web.jobs import media_type_for, safe_filename
from orbat.web.schemas import (
    ClaimIn,
    GradeIn,
    MergeIn,
    PublisherGradeIn,
    ReviewIn,
    TokenIn,
    UndoIn,
    UserChange,
    UserIn,
    claim_json,
    entity_json,
)

router = APIRouter(prefix="/api/v1", tags=["api"])

Limit = Query(100, ge=1, le=1000)


def _user_json(u: Any) -> dict[str, Any]:
    return {"name": u.name, "role": u.role, "disabled": u.disabled}


def _document_meta(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "version": row["version"],
        "is_current": bool(row["is_current"]),
        "title": row["title"],
        "authors": list(row["authors"] or []),
        "publisher": row["publisher"],
        "published": row["published"],
        "url": row["url"],
        "language": row["language"],
        "source_kind": row["source_kind"],
        "stance": row["stance"],
        "reliability": row["reliability"],
        "media_type": row["media_type"],
        "sha256": row["sha256"],
        "href": views.doc_href(row["name"]),
    }


# -- public ------------------------------------------------------------------------------
@router.get("/health", summary="Liveness and a count of entities (no authentication)")
def health(request: Request) -> dict[str, Any]:
    store = store_of(request)
    return {"status": "ok", "version": __version__, "entities": sum(store.entity_type_counts().values())}


# -- reading -----------------------------------------------------------------------------
@router.get("/me", summary="Who is calling, with which role")
def me(me: Viewer) -> dict[str, Any]:
    return {**_user_json(me.user), "via": me.via, "csrf_token": me.csrf or None}


@router.get("/vocabulary", summary="Entity types and predicates")
def vocabulary(me: Viewer) -> dict[str, Any]:
    return {
        "entity_types": {k: v.label for k, v in VOCABULARY.entity_types.items()},
        "predicates": {
            k: {"label": p.label, "object": p.object_kind, "functional": p.functional, "series": p.series}
            for k, p in VOCABULARY.predicates.items()
        },
    }


@router.get("/documents", summary="Stored documents (current versions)")
def documents(request: Request, me: Viewer) -> list[dict[str, Any]]:
    return [{**_document_meta(r), "chars": r["chars"]} for r in store_of(request).list_documents()]


@router.get("/documents/{name}", summary="A document: metadata, text, extracted mentions and claims")
def document(request: Request, name: str, me: Viewer) -> dict[str, Any]:
    store = store_of(request)
    row = store.document_row(name)
    mentions = store.document_mentions(int(row["id"]))
    claims = store.claims(document=row["name"]) if row["is_current"] else []
    return {
        **_document_meta(row),
        "text": row["text"],
        "pages": row["pages"],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "entity": m.entity_id, "type": m.type}
            for m in mentions
        ],
        "claims": [claim_json(c) for c in claims],
    }


@router.get(
    "/documents/{name}/original",
    summary="The original bytes as ingested (download)",
    response_class=Response,
)
def document_original(request: Request, name: str, me: Viewer) -> Response:
    store = store_of(request)
    row = store.document_row(name)
    if not row["sha256"]:
        raise HTTPException(404, f"document {name!r} has no stored original")
    data = store.blob(row["sha256"])
    filename = safe_filename(row["name"])
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/entities",
    summary="Entities by name, a page at a time (X-Total-Count: how many match); q finds names as typed",
)
def entities(
    request: Request,
    response: Response,
    me: Viewer,
    type: str | None = Query(None, description="entity type"),
    q: str | None = Query(None, max_length=200, description="part of a name, or words of a name or alias"),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(500, ge=1, le=5000),
) -> list[dict[str, Any]]:
    if type is not None:
        VOCABULARY.entity_type(type)
    page, total = store_of(request).entity_page(type_=type, query=q, offset=offset, limit=limit)
    response.headers["X-Total-Count"] = str(total)
    return [{**entity_json(e), "href": views.entity_href(e.id)} for e in page]


def _group_json(g: views.PropertyGroup) -> dict[str, Any]:
    return {
        "predicate": g.predicate,
        "label": g.label,
        "class": g.kind,
        "classes": g.classes,
        "conflict": g.conflict,
        "reasons": g.reasons,
        "best": g.best,
        "subject": g.subject,
        "subject_name": g.subject_name,
        "claims": [
            {
                **claim_json(r.claim),
                "best": r.best,
                "derived_credibility": r.credibility,
                "notes": [n.number for n in r.notes],
            }
            for r in g.rows
        ],
    }


@router.get(
    "/entities/{entity_id}",
    summary="An entity: its written-up profile and infobox, and its claims grouped by property (reconciled)",
)
def entity(request: Request, entity_id: str, me: Viewer) -> dict[str, Any]:
    p = views.profile(store_of(request), entity_id)
    written = p.written.to_json()
    return {
        **entity_json(p.entity),
        "meaning": written["meaning"],
        "names": written["names"],
        "infobox": written["infobox"]["rows"],
        "sections": written["sections"],
        "latest_evidence": written["latest_evidence"],
        "properties": [_group_json(g) for g in p.groups],
        "incoming": [claim_json(r.claim) for r in p.incoming],
        "footnotes": [n.to_json() for n in p.footnotes],
        "claims_naming_it": p.sample.total if p.sample is not None else None,
        "claims_naming_it_is_lower_bound": p.sample is not None and p.sample.total_is_lower_bound,
        "abridged": p.abridged,
    }


@router.get("/claims", summary="Claims, filtered")
def claims(
    request: Request,
    me: Viewer,
    entity: str | None = Query(None, description="subject entity id"),
    predicate: str | None = None,
    status: str | None = Query(None, pattern="^(proposed|accepted|rejected)$"),
    document: str | None = None,
    as_object: bool = Query(False, description="also claims where the entity is the object"),
    limit: int = Limit,
    offset: int = Query(0, ge=0, description="claims to skip (pages: offset = page × limit)"),
) -> list[dict[str, Any]]:
    store = store_of(request)
    return [
        claim_json(c)
        for c in store.claims(
            entity=entity,
            predicate=predicate,
            status=status,
            document=document,
            as_object=as_object,
            limit=limit,
            offset=offset,
        )
    ]


@router.get("/claims/{claim_id}", summary="One claim with its evidence and audit trail")
def claim(request: Request, claim_id: str, me: Viewer) -> dict[str, Any]:
    store = store_of(request)
    c = store.get_claim(claim_id)
    trail = store.audit_trail("claim", claim_id)
    return {
        **claim_json(c),
        "audit": [
            {
                "at": t["at"].isoformat() if hasattr(t["at"], "isoformat") else t["at"],
                "user": t["user"],
                "action": t["action"],
                "before": t["before"],
                "after": t["after"],
                "reason": t["reason"],
            }
            for t in trail
        ],
    }


@router.get(
    "/conflicts",
    summary="Properties whose sources disagree, a page at a time (next: the start of the following page)",
)
def conflicts(
    request: Request,
    me: Viewer,
    start: int = Query(0, ge=0, le=10_000_000, description="candidate group to start from"),
    limit: int = Query(25, ge=1, le=200),
    predicate: str | None = Query(None, max_length=40),
) -> dict[str, Any]:
    if predicate:
        VOCABULARY.predicate(predicate)
    page = views.conflict_page(store_of(request), start=start, limit=limit, predicate=predicate or None)
    return {
        "conflicts": [_group_json(g) for g in page.groups],
        "candidates": page.candidates,
        "start": page.start,
        "next": page.next,
    }


@router.get("/search", summary="Full-text search over documents, entities and claims")
def search(
    request: Request,
    me: Viewer,
    q: str = Query(..., min_length=1, max_length=500),
    type: str | None = Query(None, description="entity type (entities, and claims by their subject)"),
    predicate: str | None = None,
    place: str | None = Query(None, description="entity id of a place"),
    date_from: str | None = Query(None, alias="from", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    date_to: str | None = Query(None, alias="to", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    source: str | None = Query(None, description="document name, publisher or source kind"),
    limit: int = Query(20, ge=1, le=200),
) -> dict[str, Any]:
    filters = SearchFilters(
        entity_type=type or None,
        predicate=predicate or None,
        place=place or None,
        date_from=date_from,
        date_to=date_to,
        source=source or None,
    )
    r = store_of(request).search(q, filters=filters, limit=limit)
    return {
        "query": r.query,
        "tokens": r.tokens,
        "capped": r.capped,
        "documents": [
            {
                "name": d.name,
                "title": d.title,
                "published": d.published,
                "publisher": d.publisher,
                "source_kind": d.source_kind,
                "snippet": d.snippet,
                "score": d.score,
                "href": views.doc_href(d.name),
            }
            for d in r.documents
        ],
        "entities": [
            {**entity_json(h.entity), "score": h.score, "href": views.entity_href(h.entity.id)}
            for h in r.entities
        ],
        "claims": [{**claim_json(h.claim), "score": h.score} for h in r.claims],
    }


@router.get("/graph", summary="Relations between entities as Cytoscape.js elements")
def graph(
    request: Request,
    me: Viewer,
    predicate: list[str] | None = Query(None, description="only these relation types"),
    date: str | None = Query(
        None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="relations holding then"
    ),
    entity: str | None = Query(None, max_length=255, description="this entity and its neighbours"),
    limit: int = Query(3000, ge=1, le=20000, description="at most this many relations"),
) -> dict[str, Any]:
    for p in predicate or []:
        VOCABULARY.predicate(p)
    return views.graph_elements(
        store_of(request), predicates=predicate, date=date, entity=entity or None, limit=limit
    )


@router.get("/timeline", summary="Dated claims in date order, a page at a time (total: how many)")
def timeline(
    request: Request,
    me: Viewer,
    entity: str | None = Query(None, max_length=255),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(500, ge=1, le=5000),
) -> dict[str, Any]:
    return views.timeline_data(store_of(request), entity=entity or None, offset=offset, limit=limit)


@router.get("/map", summary="Places named in claims as GeoJSON (offline gazetteer)")
def geojson(request: Request, me: Viewer, entity: str | None = Query(None, max_length=255)) -> dict[str, Any]:
    return views.map_data(store_of(request), entity=entity or None)


@router.get("/merge-candidates", summary="Entity pairs the matcher was unsure about, with scores")
def merge_candidates(
    request: Request, me: Viewer, limit: int = Query(50, ge=1, le=500)
) -> list[dict[str, Any]]:
    return [
        {
            "left": c.left,
            "right": c.right,
            "left_name": c.left_name,
            "right_name": c.right_name,
            "score": c.score,
            "why": c.why,
        }
        for c in pipeline.match_candidates(store_of(request), limit=limit)
    ]


@router.get("/decisions", summary="Analysts' resolution decisions, newest first")
def decisions(request: Request, me: Viewer, limit: int = Query(50, ge=1, le=1000)) -> list[dict[str, Any]]:
    return [
        {
            "decision": d.decision,
            "action": d.action,
            "user": d.user,
            "at": d.at.isoformat() if hasattr(d.at, "isoformat") else d.at,
            "reason": d.reason,
            "detail": d.after,
            "undone": d.undone,
        }
        for d in store_of(request).recent_decisions(limit)
    ]


# -- analysts' changes -------------------------------------------------------------------
@router.post("/claims", status_code=201, summary="Add an analyst's own claim (evidence required)")
def add_claim(request: Request, body: ClaimIn, me: Analyst) -> dict[str, Any]:
    c = actions.add_claim(
        store_of(request),
        subject=body.subject,
        predicate=body.predicate,
        object_json=body.object,
        qualifiers=body.qualifiers,
        document=body.document,
        start=body.start,
        end=body.end,
        reason=body.reason,
        user=me.name,
    )
    return claim_json(c)


@router.post("/claims/{claim_id}/review", summary="Accept, reject, rank or grade a claim (409 if stale)")
def review_claim(request: Request, claim_id: str, body: ReviewIn, me: Analyst) -> dict[str, Any]:
    c = actions.review(
        store_of(request),
        claim_id,
        expected_version=body.expected_version,
        status=body.status,
        rank=body.rank,
        credibility=body.credibility,
        reason=body.reason,
        user=me.name,
    )
    return claim_json(c)


@router.post("/merges", status_code=201, summary="Merge, keep apart or split entities, then re-resolve")
def merge(request: Request, body: MergeIn, me: Analyst) -> dict[str, Any]:
    r = actions.judge(
        store_of(request),
        action=body.action,
        left=body.left,
        right=body.right,
        names=body.names,
        reason=body.reason,
        user=me.name,
    )
    return {"decision": r.decision, "action": r.action, "entities": r.entities, "message": r.message}


@router.post("/merges/{decision}/undo", summary="Withdraw a resolution decision, then re-resolve")
def undo_merge(request: Request, decision: str, body: UndoIn, me: Analyst) -> dict[str, Any]:
    r = actions.undo(store_of(request), decision, reason=body.reason, user=me.name)
    return {"decision": r.decision, "action": r.action, "entities": r.entities, "message": r.message}


async def read_uploads(request: Request, files: list[UploadFile]) -> list[JobFile]:
    limit = ctx(request).settings.max_upload_bytes
    out: list[JobFile] = []
    total = 0
    if not files:
        raise HTTPException(422, "choose at least one file")
    if len(files) > 100:
        raise HTTPException(422, "at most 100 files per upload")
    for f in files:
        name = safe_filename(f.filename)
        media = media_type_for(name)
        if media is None:
            raise HTTPException(415, f"{name}: not a supported type (txt, md, html, pdf, docx)")
        data = await f.read(limit + 1)
        total += len(data)
        if len(data) > limit or total > limit:
            raise HTTPException(413, f"uploads are limited to {limit} bytes")
        if not data:
            raise HTTPException(422, f"{name} is empty")
        out.append(JobFile(name, media, data))
    return out


def overrides_from(source_kind: str | None, publisher: str | None, date: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if source_kind:
        VOCABULARY.source_kind(source_kind)
        out["source_kind"] = source_kind
    if publisher:
        out["publisher"] = publisher
    if date:
        out["date"] = date
    return out


@router.post(
    "/uploads", status_code=202, summary="Upload documents: read, extract and resolve in the background"
)
async def upload(
    request: Request,
    me: Analyst,
    files: list[UploadFile] = File(..., description="txt, md, html, pdf or docx"),
    source_kind: str | None = Form(None, max_length=32),
    publisher: str | None = Form(None, max_length=255),
    date: str | None = Form(None, max_length=64),
) -> dict[str, Any]:
    overrides = overrides_from(source_kind, publisher, date)
    job_files = await read_uploads(request, files)
    job = ctx(request).jobs.submit(me.name, job_files, overrides)
    return job.to_json()


@router.get("/uploads", summary="Recent upload jobs")
def uploads(request: Request, me: Viewer) -> list[dict[str, Any]]:
    return [j.to_json() for j in ctx(request).jobs.recent()]


@router.get("/uploads/{job_id}", summary="One upload job's progress")
def upload_status(request: Request, job_id: str, me: Viewer) -> dict[str, Any]:
    job = ctx(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no upload job {job_id!r}")
    return job.to_json()


# -- admin -------------------------------------------------------------------------------
@router.get("/users", summary="Users and their roles (admin)")
def users(request: Request, me: Admin) -> list[dict[str, Any]]:
    return [_user_json(u) for u in store_of(request).list_users()]


@router.post("/users", status_code=201, summary="Add a user (admin)")
def add_user(request: Request, body: UserIn, me: Admin) -> dict[str, Any]:
    return _user_json(store_of(request).add_user(body.name, body.role, body.password, by=me.name))


@router.post("/users/{name}", summary="Change a user's role, password or access (admin)")
def change_user(request: Request, name: str, body: UserChange, me: Admin) -> dict[str, Any]:
    u = store_of(request).set_user(
        name, role=body.role, password=body.password, disabled=body.disabled, by=me.name
    )
    return _user_json(u)


@router.post(
    "/users/{name}/tokens", status_code=201, summary="Make an API token for a user (admin; shown once)"
)
def new_token(request: Request, name: str, body: TokenIn, me: Admin) -> dict[str, Any]:
    return {"user": name, "token": store_of(request).new_api_token(name, label=body.label, by=me.name)}


@router.get("/publishers", summary="Publishers: their documents and grades (admin)")
def publishers(request: Request, me: Admin) -> list[dict[str, Any]]:
    return [p.to_json() for p in views.publisher_rows(store_of(request))]


@router.post("/publishers/{name}/grade", summary="Grade a publisher's reliability and/or stance (admin)")
def grade_publisher(request: Request, name: str, body: PublisherGradeIn, me: Admin) -> dict[str, Any]:
    if not name.strip() or len(name) > 255 or any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise HTTPException(422, "a publisher's name is 1-255 printable characters")
    if body.stance is not None and body.stance not in VOCABULARY.stances:
        raise HTTPException(422, f"unknown stance {body.stance!r} (known: {', '.join(VOCABULARY.stances)})")
    grade = store_of(request).set_publisher_grade(
        name, reliability=body.reliability, stance=body.stance, user=me.name, reason=body.reason
    )
    return {"name": name, "reliability": grade.reliability, "stance": grade.stance}


@router.post("/documents/{name}/grade", summary="Grade a document's reliability and stance (admin)")
def grade_document(request: Request, name: str, body: GradeIn, me: Admin) -> dict[str, Any]:
    store = store_of(request)
    if body.stance is not None and body.stance not in VOCABULARY.stances:
        raise HTTPException(422, f"unknown stance {body.stance!r} (known: {', '.join(VOCABULARY.stances)})")
    store.set_document_grade(
        name, reliability=body.reliability, stance=body.stance, user=me.name, reason=body.reason
    )
    return _document_meta(store.document_row(name))
