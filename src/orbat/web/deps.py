"""What every request needs: the app's context, the current user, role checks and CSRF.

Authentication: ``Authorization: Bearer <API token>`` (scripts; exempt from
CSRF) or the signed session cookie (browsers; every state-changing request
must carry the session's CSRF token). Anonymous requests get 401 from the API
and a redirect to the login page from pages; a user whose role is too low
gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates

from orbat.settings import Settings
from orbat.store import Store
from orbat.store.users import User
from orbat.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    UNSAFE_METHODS,
    LoginLimiter,
    Session,
    Sessions,
    tokens_match,
)

if TYPE_CHECKING:
    from orbat.web.jobs import Jobs


@dataclass
class WebContext:
    settings: Settings
    store: Store
    sessions: Sessions
    templates: Jinja2Templates
    jobs: Jobs
    limiter: LoginLimiter = field(default_factory=LoginLimiter)


class LoginRequired(Exception):
    """An anonymous request to a page: answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "session" | "token"
    session: Session | None = None

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""


def ctx(request: Request) -> WebContext:
    context: WebContext = request.app.state.ctx
    return context


def store_of(request: Request) -> Store:
    return ctx(request).store


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def identify(request: Request) -> Principal | None:
    """The user making this request, or None (cached on the request)."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    c = ctx(request)
    principal: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = c.store.user_for_token(auth[7:].strip())
        principal = Principal(user, "token") if user else None
        if principal is None:
            request.state.principal = None
            raise HTTPException(401, "invalid or revoked API token", headers={"WWW-Authenticate": "Bearer"})
    else:
        session = c.sessions.read(request)
        if session is not None:
            try:
                user = c.store.get_user(session.user)
            except Exception:
                user = None
            if user is not None and not user.disabled:
                principal = Principal(user, "session", session)
    request.state.principal = principal
    return principal


async def _check_csrf(request: Request, principal: Principal) -> None:
    if principal.via != "session" or request.method not in UNSAFE_METHODS:
        return
    assert principal.session is not None
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not tokens_match(principal.session.csrf, sent):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")


def requires(role: str) -> Any:
    """A dependency: the request's principal, who must hold at least ``role``."""

    async def dependency(request: Request) -> Principal:
        principal = identify(request)
        if principal is None:
            if is_api(request) or request.method in UNSAFE_METHODS:
                raise HTTPException(
                    401, "log in or send an API token", headers={"WWW-Authenticate": "Bearer"}
                )
            raise LoginRequired(
                str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
            )
        if not principal.user.can(role):
            raise HTTPException(403, f"this needs the {role} role; you are {principal.user.role}")
        await _check_csrf(request, principal)
        return principal

    return Depends(dependency)


Viewer = Annotated[Principal, requires("viewer")]
Analyst = Annotated[Principal, requires("analyst")]
Admin = Annotated[Principal, requires("admin")]
