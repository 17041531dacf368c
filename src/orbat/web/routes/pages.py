"""The analysts' pages, rendered on the server (Jinja2, autoescaped), with small scripts of our own."""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from orbat import pipeline
from orbat.errors import OrbatError
from orbat.model import VOCABULARY
from orbat.store.search import SearchFilters
from orbat.web import actions, views
from orbat.web.deps import Admin, Analyst, Principal, Viewer, ctx, store_of
from orbat.web.routes.api import overrides_from, read_uploads

router = APIRouter(include_in_schema=False)

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def render(request: Request, me: Principal, template: str, status: int = 200, **context: Any) -> Response:
    c = ctx(request)
    return c.templates.TemplateResponse(
        request,
        template,
        {
            "me": me,
            "csrf_token": me.csrf,
            "vocabulary": VOCABULARY,
            "flash": request.query_params.get("msg"),
            "tile_url": c.settings.tile_url,
            **context,
        },
        status_code=status,
    )


def back(url: str, msg: str | None = None) -> RedirectResponse:
    url, hash_, fragment = url.partition("#")
    if msg:
        url += ("&" if "?" in url else "?") + urlencode({"msg": msg[:300]})
    return RedirectResponse(url + hash_ + fragment, status_code=303)


PAGE = 100


def page_links(base: str, params: dict[str, Any], offset: int, limit: int, total: int) -> dict[str, Any]:
    """Previous/next links of a list shown ``limit`` rows at a time."""
    kept = {k: v for k, v in params.items() if v}

    def link(at: int) -> str:
        return base + "?" + urlencode({**kept, "offset": at} if at else kept)

    return {
        "first": offset + 1 if total else 0,
        "last": min(offset + limit, total),
        "total": total,
        "prev": link(max(offset - limit, 0)) if offset > 0 else None,
        "next": link(offset + limit) if offset + limit < total else None,
    }


@router.get("/")
def home(request: Request, me: Viewer) -> Response:
    store = store_of(request)
    counts = store.entity_type_counts()
    ents, total = store.entity_page(limit=120)
    return render(
        request,
        me,
        "index.html",
        entities=ents,
        entity_count=total,
        type_counts=counts,
        status_counts=store.claim_status_counts(),
        documents=len(store.list_documents()),
    )


@router.get("/search")
def search(
    request: Request,
    me: Viewer,
    q: str = Query("", max_length=500),
    type: str = Query("", max_length=32),
    predicate: str = Query("", max_length=40),
    place: str = Query("", max_length=64),
    date_from: str = Query("", alias="from", pattern=DATE),
    date_to: str = Query("", alias="to", pattern=DATE),
    source: str = Query("", max_length=255),
) -> Response:
    store = store_of(request)
    results = None
    place_entity = _entity(store, place)
    if q.strip():
        filters = SearchFilters(
            entity_type=type or None,
            predicate=predicate or None,
            place=(place_entity.id if place_entity else place) or None,
            date_from=date_from or None,
            date_to=date_to or None,
            source=source or None,
        )
        results = store.search(q, filters=filters, limit=50)
    return render(
        request,
        me,
        "search.html",
        q=q,
        results=results,
        form={
            "type": type,
            "predicate": predicate,
            "place": place_entity.id if place_entity else place,
            "from": date_from,
            "to": date_to,
            "source": source,
        },
        place_name=place_entity.name if place_entity else place,
        sources=sorted({r["publisher"] for r in store.list_documents() if r["publisher"]})
        + sorted(VOCABULARY.source_kinds),
    )


def _entity(store: Any, ref: str) -> Any:
    """The entity ``ref`` names (id, name or alias), or None."""
    if not ref:
        return None
    try:
        return store.get_entity(ref)
    except OrbatError:
        return None


def _entity_name(store: Any, ref: str) -> str:
    found = _entity(store, ref)
    return str(found.name) if found else ref


@router.get("/entities")
def entities(
    request: Request,
    me: Viewer,
    type: str = Query("", max_length=32),
    q: str = Query("", max_length=200),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Response:
    if type:
        VOCABULARY.entity_type(type)
    store = store_of(request)
    page, total = store.entity_page(type_=type or None, query=q or None, offset=offset, limit=PAGE)
    return render(
        request,
        me,
        "entities.html",
        entities=page,
        counts=store.claim_counts_of([e.id for e in page]),
        type=type,
        name_query=q,
        pages=page_links("/entities", {"type": type, "q": q}, offset, PAGE, total),
    )


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, me: Viewer) -> Response:
    p = views.profile(store_of(request), entity_id)
    return render(request, me, "entity.html", p=p)


@router.get("/documents")
def documents(request: Request, me: Viewer) -> Response:
    return render(request, me, "documents.html", documents=store_of(request).list_documents())


@router.get("/documents/{name}")
def document(request: Request, name: str, me: Viewer) -> Response:
    page = views.document_page(store_of(request), name)
    return render(request, me, "document.html", d=page)


@router.get("/claims/new")
def claim_form(
    request: Request,
    me: Analyst,
    document: str = Query(..., max_length=255),
    start: int = Query(0, ge=0),
    end: int = Query(0, ge=0),
    subject: str = Query("", max_length=64),
) -> Response:
    store = store_of(request)
    row = store.document_row(document)
    text = row["text"] or ""
    return render(
        request,
        me,
        "claim_new.html",
        doc=row,
        start=start,
        end=end,
        quote=text[start:end] if start < end <= len(text) else "",
        subject=subject,
        subject_name=_entity_name(store, subject),
    )


@router.post("/claims/new")
def claim_add(
    request: Request,
    me: Analyst,
    document: str = Form(..., max_length=255),
    start: int = Form(..., ge=0),
    end: int = Form(..., ge=0),
    subject: str = Form(..., max_length=64),
    predicate: str = Form(..., max_length=40),
    object_kind: str = Form(..., pattern="^(entity|date|text|quantity)$"),
    object_value: str = Form(..., max_length=2000),
    q_start: str = Form("", max_length=64),
    q_end: str = Form("", max_length=64),
    q_as_of: str = Form("", max_length=64),
    q_role: str = Form("", max_length=200),
    hedge: str = Form("asserted", max_length=16),
    reason: str = Form("", max_length=2000),
) -> Response:
    obj: Any
    if object_kind == "quantity":
        try:
            number = float(object_value)
        except ValueError:
            raise HTTPException(422, "a quantity needs a number") from None
        obj = {"quantity": {"value": number}}
    else:
        obj = {object_kind: object_value}
    claim = actions.add_claim(
        store_of(request),
        subject=subject,
        predicate=predicate,
        object_json=obj,
        qualifiers={"start": q_start, "end": q_end, "as_of": q_as_of, "role": q_role, "hedge": hedge},
        document=document,
        start=start,
        end=end,
        reason=reason or None,
        user=me.name,
    )
    return back(f"/claims/{quote(claim.id, safe='')}", "claim added")


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str, me: Viewer) -> Response:
    store = store_of(request)
    c = store.get_claim(claim_id)
    contexts = [views.quote_context(store, ev) for ev in c.evidence]
    return render(
        request, me, "claim.html", c=c, contexts=contexts, audit=store.audit_trail("claim", claim_id)
    )


@router.post("/claims/{claim_id}")
def claim_edit(
    request: Request,
    claim_id: str,
    me: Analyst,
    row_version: int = Form(..., ge=1),
    status: str = Form("", pattern="^(|proposed|accepted|rejected)$"),
    rank: str = Form("", pattern="^(|preferred|normal|deprecated)$"),
    credibility: str = Form("", pattern="^[1-6]?$"),
    reason: str = Form("", max_length=2000),
    next: str = Form("", max_length=500),
) -> Response:
    actions.review(
        store_of(request),
        claim_id,
        expected_version=row_version,
        status=status or None,
        rank=rank or None,
        credibility=int(credibility) if credibility else None,
        reason=reason or None,
        user=me.name,
    )
    target = (
        next if next.startswith("/") and not next.startswith("//") else f"/claims/{quote(claim_id, safe='')}"
    )
    return back(target, "saved")


@router.get("/review")
def review(request: Request, me: Analyst, after: str = Query("", max_length=64)) -> Response:
    store = store_of(request)
    claim_id = store.next_proposed_claim(after or None)
    c = store.get_claim(claim_id) if claim_id else None
    contexts = [views.quote_context(store, ev) for ev in c.evidence] if c else []
    return render(
        request,
        me,
        "review.html",
        c=c,
        contexts=contexts,
        remaining=store.claim_status_counts().get("proposed", 0),
    )


@router.post("/review/{claim_id}")
def review_decide(
    request: Request,
    claim_id: str,
    me: Analyst,
    decision: str = Form(..., pattern="^(accept|reject)$"),
    row_version: int = Form(..., ge=1),
    reason: str = Form("", max_length=2000),
) -> Response:
    status = "accepted" if decision == "accept" else "rejected"
    actions.review(
        store_of(request),
        claim_id,
        expected_version=row_version,
        status=status,
        rank=None,
        credibility=None,
        reason=reason or None,
        user=me.name,
    )
    return back("/review?" + urlencode({"after": claim_id}), f"{claim_id} {status}")


@router.get("/conflicts")
def conflicts(
    request: Request,
    me: Viewer,
    start: int = Query(0, ge=0, le=10_000_000),
    predicate: str = Query("", max_length=40),
) -> Response:
    if predicate:
        VOCABULARY.predicate(predicate)
    page = views.conflict_page(store_of(request), start=start, limit=25, predicate=predicate or None)
    kept = {"predicate": predicate} if predicate else {}
    return render(
        request,
        me,
        "conflicts.html",
        page=page,
        groups=page.groups,
        next_url="/conflicts?" + urlencode({**kept, "start": page.next}) if page.next is not None else None,
        first_url=("/conflicts?" + urlencode(kept)) if start else None,
    )


@router.get("/merge")
def merge(request: Request, me: Analyst) -> Response:
    store = store_of(request)
    return render(
        request,
        me,
        "merge.html",
        candidates=pipeline.match_candidates(store, limit=50),
        decisions=store.recent_decisions(30),
        entity_count=sum(store.entity_type_counts().values()),
        records=len(store.all_nodes()),
    )


@router.post("/merge")
def merge_decide(
    request: Request,
    me: Analyst,
    action: str = Form(..., pattern="^(merge|same|different|split)$"),
    left: str = Form(..., max_length=64),
    right: str = Form("", max_length=64),
    names: str = Form("", max_length=2000),
    reason: str = Form("", max_length=2000),
) -> Response:
    try:
        r = actions.judge(
            store_of(request),
            action=action,
            left=left,
            right=right or None,
            names=[n.strip() for n in names.split(";") if n.strip()],
            reason=reason or None,
            user=me.name,
        )
    except OrbatError as exc:
        return back("/merge", f"not done: {exc}")
    return back("/merge", f"{r.message} (decision {r.decision}; {r.entities} entities now)")


@router.post("/merge/{decision}/undo")
def merge_undo(
    request: Request, decision: str, me: Analyst, reason: str = Form("", max_length=2000)
) -> Response:
    r = actions.undo(store_of(request), decision, reason=reason or None, user=me.name)
    return back("/merge", f"{r.message}; {r.entities} entities now")


@router.get("/graph")
def graph(request: Request, me: Viewer) -> Response:
    return render(
        request, me, "graph.html", predicates=[p for p, v in VOCABULARY.predicates.items() if v.takes_entity]
    )


@router.get("/timeline")
def timeline(
    request: Request,
    me: Viewer,
    entity: str = Query("", max_length=255),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Response:
    store = store_of(request)
    ent = store.get_entity(entity) if entity else None
    limit = 300
    data = views.timeline_data(store, entity=ent.id if ent else None, offset=offset, limit=limit)
    return render(
        request,
        me,
        "timeline.html",
        items=data["items"],
        undated=data["undated"],
        entity=ent,
        pages=page_links("/timeline", {"entity": ent.id if ent else ""}, offset, limit, int(data["total"])),
    )


@router.get("/map")
def map_page(request: Request, me: Viewer) -> Response:
    return render(request, me, "map.html")


@router.get("/upload")
def upload_form(request: Request, me: Analyst) -> Response:
    c = ctx(request)
    return render(
        request,
        me,
        "upload.html",
        jobs=c.jobs.recent()[:20],
        max_bytes=c.settings.max_upload_bytes,
        source_kinds=sorted(VOCABULARY.source_kinds),
    )


@router.post("/upload")
async def upload(
    request: Request,
    me: Analyst,
    files: list[UploadFile] = File(...),
    source_kind: str = Form("", max_length=32),
    publisher: str = Form("", max_length=255),
    date: str = Form("", max_length=64),
) -> Response:
    overrides = overrides_from(source_kind or None, publisher or None, date or None)
    job_files = await read_uploads(request, files)
    job = ctx(request).jobs.submit(me.name, job_files, overrides)
    return back(f"/upload/{job.id}")


@router.get("/upload/{job_id}")
def upload_job(request: Request, job_id: str, me: Analyst) -> Response:
    job = ctx(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no upload job {job_id!r}")
    return render(request, me, "job.html", job=job)


def _admin_page(request: Request, me: Principal, token: tuple[str, str] | None = None) -> Response:
    store = store_of(request)
    docs = store.list_documents()
    return render(
        request,
        me,
        "admin.html",
        users=store.list_users(),
        documents=docs,
        publishers=views.publisher_rows(store, docs),
        token=token,
        stances=VOCABULARY.stances,
    )


@router.get("/admin")
def admin(request: Request, me: Admin) -> Response:
    return _admin_page(request, me)


@router.post("/admin/users")
def admin_add_user(
    request: Request,
    me: Admin,
    name: str = Form(..., max_length=100),
    role: str = Form(..., pattern="^(viewer|analyst|admin)$"),
    password: str = Form(..., min_length=8, max_length=1000),
) -> Response:
    store_of(request).add_user(name, role, password, by=me.name)
    return back("/admin", f"user {name} added")


@router.post("/admin/users/{name}")
def admin_change_user(
    request: Request,
    name: str,
    me: Admin,
    role: str = Form("", pattern="^(|viewer|analyst|admin)$"),
    disabled: str = Form("", pattern="^(|yes|no)$"),
) -> Response:
    store_of(request).set_user(
        name, role=role or None, disabled={"yes": True, "no": False}.get(disabled), by=me.name
    )
    return back("/admin", f"user {name} changed")


@router.post("/admin/users/{name}/token")
def admin_token(request: Request, name: str, me: Admin, label: str = Form("", max_length=100)) -> Response:
    token = store_of(request).new_api_token(name, label=label or None, by=me.name)
    return _admin_page(request, me, token=(name, token))


def _check_stance(stance: str) -> None:
    if stance and stance not in VOCABULARY.stances:
        raise HTTPException(422, f"unknown stance {stance!r}")


@router.post("/admin/documents/{name}/grade")
def admin_grade(
    request: Request,
    name: str,
    me: Admin,
    reliability: str = Form("", pattern="^[A-F]?$"),
    stance: str = Form("", max_length=32),
    reason: str = Form("", max_length=2000),
) -> Response:
    _check_stance(stance)
    store_of(request).set_document_grade(
        name, reliability=reliability or None, stance=stance or None, user=me.name, reason=reason or None
    )
    return back("/admin", f"{name} graded")


@router.post("/admin/publishers/grade")
def admin_grade_publisher(
    request: Request,
    me: Admin,
    name: str = Form(..., min_length=1, max_length=255),
    reliability: str = Form("", pattern="^[A-F]?$"),
    stance: str = Form("", max_length=32),
    reason: str = Form("", max_length=2000),
) -> Response:
    _check_stance(stance)
    if not name.strip() or any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise HTTPException(422, "a publisher's name is printable characters")
    if not reliability and not stance:
        return back("/admin#publishers", f"{name}: choose a reliability or a stance")
    store_of(request).set_publisher_grade(
        name, reliability=reliability or None, stance=stance or None, user=me.name, reason=reason or None
    )
    return back("/admin#publishers", f"publisher {name} graded")
