"""The FastAPI application factory. Nothing is created at import time.

``create_app(settings, store)`` wires the store, the signed sessions, the
templates, the background upload jobs, the security headers and the routes:
server-rendered pages for analysts and a JSON API under ``/api/v1`` (its
OpenAPI description at ``/openapi.json``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orbat import __version__
from orbat.errors import Conflict, NotFound, OrbatError, PermissionDenied, StoreError
from orbat.ingest.textnorm import visible_controls
from orbat.publish.prose import Cite
from orbat.publish.text import date_noun, is_arabic_script
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.deps import LoginRequired, WebContext, identify, is_api
from orbat.web.jobs import Jobs
from orbat.web.security import SecurityHeaders, Sessions, content_security_policy
from orbat.web.views import CLASS_LABELS, doc_href, entity_href, predicate_label, qualifier_text

PUBLIC_PATHS = frozenset({"/login", "/api/v1/health", "/openapi.json"})
PUBLIC_PREFIXES = ("/static/",)
SMALL_BODY = 2 * 1024 * 1024


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("orbat.web").joinpath(name)))


class BodyLimit:
    """Refuses request bodies over the limit (413) before they are parsed or spooled to disk."""

    def __init__(self, app: ASGIApp, upload_limit: int) -> None:
        self.app = app
        self.upload_limit = upload_limit

    def limit_for(self, path: str) -> int:
        if path in ("/upload", "/api/v1/uploads"):
            return self.upload_limit + 64 * 1024  # room for the multipart envelope and form fields
        return SMALL_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await _too_large(send, limit)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request body over {limit} bytes")
            return message

        await self.app(scope, counting_receive, send)


async def _too_large(send: Send, limit: int) -> None:
    body = b'{"detail":"request body too large (limit ' + str(limit).encode() + b' bytes)"}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _status_for(exc: OrbatError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, StoreError):
        return 503
    return 422


def bdi(value: object) -> Markup:
    """A name isolated from the text around it, its direction from its own first strong letter:
    Arabic names read right to left inside English sentences and tables."""
    text = "" if value is None else str(value)
    lang = ' lang="ar"' if text and is_arabic_script(text) else ""
    return Markup(f'<bdi dir="auto"{lang}>{escape(text)}</bdi>')


_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[\\s\u200c\u200d]+[{_ARABIC}]+)*")


def isolate(value: object) -> Markup:
    """Text with each run of Arabic script isolated (``<bdi dir="rtl" lang="ar">``), so that an
    Arabic name inside an English sentence reads right to left without reordering what surrounds it."""
    text = "" if value is None else str(value)
    out: list[str] = []
    at = 0
    for m in _ARABIC_RUN.finditer(text):
        out.append(str(escape(text[at : m.start()])))
        out.append(f'<bdi dir="rtl" lang="ar">{escape(m.group(0))}</bdi>')
        at = m.end()
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def _visible(value: object) -> object:
    """Every ``{{ value }}``: characters that would act on the display become a visible ‹U+XXXX›."""
    if isinstance(value, Markup):
        return Markup(visible_controls(str(value)))
    if isinstance(value, str):
        return visible_controls(value)
    return value


def make_templates() -> Jinja2Templates:
    # autoescape everywhere: document text, names and quotes are untrusted
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_package_dir("templates"))), autoescape=True)
    # control characters and bidirectional overrides in untrusted text are shown, never obeyed
    env.finalize = _visible
    templates = Jinja2Templates(env=env)
    env.filters["bdi"] = bdi
    env.filters["isolate"] = isolate
    env.filters["date_words"] = lambda v: date_noun(str(v)) if v else ""
    env.tests["cite"] = lambda p: isinstance(p, Cite)
    env.globals.update(
        doc_href=doc_href,
        entity_href=entity_href,
        predicate_label=predicate_label,
        qualifier_text=qualifier_text,
        class_labels=CLASS_LABELS,
        version=__version__,
    )
    return templates


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The web app and HTTP API over ``store`` (opened from the settings when not given)."""
    kb = store or Store.open(settings.database_url, create=True)
    secret = settings.secret_key or kb.app_secret()
    secure_cookies = settings.cookie_secure
    jobs = Jobs(kb, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # what is alive once the app is up (modules, routes, templates) lives as long as the process:
        # moved out of the collector's sight, so that a full collection, which a page full of claims
        # can set off, scans what requests made rather than the 100,000 start-up objects (about 50 ms
        # a time on the benchmark machine, docs/performance.md)
        gc.collect()
        gc.freeze()
        yield
        jobs.shutdown()

    app = FastAPI(
        title="orbat",
        version=__version__,
        description=(
            "The orbat knowledge base of armed groups: documents, entities, claims with their evidence, "
            "reconciled per property, and the analysts' review, merge and upload actions. Authenticate "
            "with `Authorization: Bearer <token>` (`orbat user token NAME`) or a browser session; "
            "browser sessions send the CSRF token in `X-CSRF-Token` on every change."
        ),
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    templates = make_templates()
    app.state.ctx = WebContext(
        settings=settings,
        store=kb,
        sessions=Sessions(secret, secure=secure_cookies),
        templates=templates,
        jobs=jobs,
    )

    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")

    from orbat.web.routes import api, auth, pages

    app.include_router(auth.router)
    app.include_router(api.router)
    app.include_router(pages.router)

    def _error_page(request: Request, status: int, message: str) -> Response:
        principal = None
        try:
            principal = identify(request)
        except HTTPException:
            principal = None
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "me": principal},
            status_code=status,
        )

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        return RedirectResponse("/login?next=" + quote(exc.next_url, safe="/"), status_code=303)

    @app.exception_handler(OrbatError)
    async def orbat_error(request: Request, exc: OrbatError) -> Response:
        status = _status_for(exc)
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return _error_page(request, status, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers: dict[str, Any] = dict(exc.headers or {})
        if is_api(request) or request.method != "GET" or exc.status_code == 405:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        if is_api(request) or request.method != "GET":
            return JSONResponse({"detail": errors}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
        return _error_page(request, 422, text)

    app.add_middleware(BodyLimit, upload_limit=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.tile_url))
    return app


__all__ = ["PUBLIC_PATHS", "PUBLIC_PREFIXES", "create_app"]
