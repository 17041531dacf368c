"""Security plumbing of the web app: response headers, signed sessions, CSRF, login rate limits.

- Every response carries a Content-Security-Policy that forbids inline script
  (``script-src 'self'``), framing (``frame-ancestors 'none'``) and plugins,
  plus X-Content-Type-Options, Referrer-Policy and friends.
- A session is a cookie signed with the app's secret (itsdangerous): the user
  name, a CSRF token and when it was issued. HttpOnly, SameSite=Lax, Secure
  over https or when the settings say so.
- CSRF: a synchronizer token kept in the session; every state-changing request
  made with a session must send it back (form field ``csrf_token`` or header
  ``X-CSRF-Token``). Requests authenticated by an API token are exempt.
- Login attempts are rate limited in process, per user name and per address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "orbat_session"
LOGIN_CSRF_COOKIE = "orbat_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SESSION_MAX_AGE = 12 * 3600
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def content_security_policy(tile_url: str | None) -> str:
    img = ["'self'", "data:"]
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname
            if "{s}" in tile_url:
                host = "*." + host.split(".", 1)[1] if "." in host else host
            img.append(f"{parts.scheme}://{host}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(img)}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in existing]
                path = scope.get("path", "")
                if not path.startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str
    issued: float


class Sessions:
    """Signed session cookies."""

    def __init__(self, secret: str, *, secure: bool = False, max_age: int = SESSION_MAX_AGE) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="orbat-session")
        self.login_serializer = URLSafeTimedSerializer(secret, salt="orbat-login-csrf")
        self.force_secure = secure
        self.max_age = max_age

    def secure_for(self, request: Request) -> bool:
        return self.force_secure or request.url.scheme == "https"

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            data: Any = self.serializer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("u"), str)
            or not isinstance(data.get("c"), str)
        ):
            return None
        return Session(data["u"], data["c"], float(data.get("t", 0)))

    def start(self, request: Request, response: Response, user: str) -> Session:
        session = Session(user, secrets.token_urlsafe(32), time.time())
        value = self.serializer.dumps({"u": session.user, "c": session.csrf, "t": session.issued})
        response.set_cookie(
            SESSION_COOKIE,
            value,
            max_age=self.max_age,
            httponly=True,
            samesite="lax",
            secure=self.secure_for(request),
            path="/",
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return session

    def end(self, response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path="/")

    # -- CSRF for the login form (no session yet): a signed double-submit cookie --
    def login_token(self, request: Request) -> tuple[str, str | None]:
        """The login form's token, and a new cookie value to set when there was none."""
        raw = request.cookies.get(LOGIN_CSRF_COOKIE)
        if raw:
            try:
                loaded = self.login_serializer.loads(raw, max_age=3600)
                if isinstance(loaded, str):
                    return loaded, None
            except BadSignature:
                pass
        token = secrets.token_urlsafe(24)
        return token, self.login_serializer.dumps(token)

    def set_login_cookie(self, request: Request, response: Response, value: str) -> None:
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            value,
            max_age=3600,
            httponly=True,
            samesite="lax",
            secure=self.secure_for(request),
            path="/",
        )

    def check_login_token(self, request: Request, sent: str | None) -> bool:
        raw = request.cookies.get(LOGIN_CSRF_COOKIE)
        if not raw or not sent:
            return False
        try:
            token = self.login_serializer.loads(raw, max_age=3600)
        except BadSignature:
            return False
        return isinstance(token, str) and hmac.compare_digest(token, sent)


def tokens_match(expected: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(expected.encode(), (sent or "").encode())


class LoginLimiter:
    """At most ``per_user`` failed logins per (name, address) and ``per_address`` per address in ``window`` s."""

    def __init__(self, per_user: int = 5, per_address: int = 30, window: float = 300.0) -> None:
        self.per_user = per_user
        self.per_address = per_address
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, name: str, address: str) -> int:
        """Seconds to wait before another attempt is allowed (0: allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = []
            for key, limit in (
                ((name.casefold(), address), self.per_user),
                (("", address), self.per_address),
            ):
                q = self._recent(key, now)
                if len(q) >= limit:
                    waits.append(int(self.window - (now - q[0])) + 1)
            return max(waits, default=0)

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in ((name.casefold(), address), ("", address)):
                self._recent(key, now).append(now)
            if len(self._failures) > 10000:  # forget idle keys
                for key in [k for k, q in self._failures.items() if not q]:
                    del self._failures[key]

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._failures.pop((name.casefold(), address), None)
