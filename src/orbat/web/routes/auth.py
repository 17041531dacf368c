"""Logging in and out (password → signed session cookie), rate limited per user and address."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from orbat.web.deps import Viewer, ctx, identify
from orbat.web.security import CSRF_FIELD

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Only a local path: never another site (open redirect), never a scheme-relative URL."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _login_page(request: Request, *, next_url: str, error: str | None = None, status: int = 200) -> Response:
    c = ctx(request)
    token, new_cookie = c.sessions.login_token(request)
    response = c.templates.TemplateResponse(
        request,
        "login.html",
        {"next": safe_next(next_url), "error": error, "me": None, "csrf_token": token},
        status_code=status,
    )
    if new_cookie:
        c.sessions.set_login_cookie(request, response, new_cookie)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if identify(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, next_url=next)


@router.post("/login")
def login(
    request: Request,
    username: str = Form(..., max_length=100),
    password: str = Form(..., max_length=1000),
    next: str = Form("/"),
    csrf_token: str = Form("", alias=CSRF_FIELD),
) -> Response:
    c = ctx(request)
    if not c.sessions.check_login_token(request, csrf_token):
        return _login_page(
            request, next_url=next, error="Your login form expired: please try again.", status=403
        )
    address = request.client.host if request.client else "unknown"
    wait = c.limiter.retry_after(username, address)
    if wait:
        response = _login_page(
            request, next_url=next, error=f"Too many failed attempts: try again in {wait} s.", status=429
        )
        response.headers["Retry-After"] = str(wait)
        return response
    user = c.store.authenticate(username, password)
    if user is None:
        c.limiter.failed(username, address)
        return _login_page(request, next_url=next, error="Wrong user name or password.", status=401)
    c.limiter.succeeded(username, address)
    response = RedirectResponse(safe_next(next), status_code=303)
    c.sessions.start(request, response, user.name)
    return response


@router.post("/logout")
def logout(request: Request, me: Viewer) -> Response:
    response = RedirectResponse("/login", status_code=303)
    ctx(request).sessions.end(response)
    return response
