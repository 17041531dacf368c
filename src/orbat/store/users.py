"""Users, roles and API tokens of the web app and HTTP API.

Passwords are kept as argon2 hashes; API tokens are shown once when made and
stored as their SHA-256 (a token is 32 random bytes, so a fast hash is
enough). Every change is written to the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import insert, select, update

from orbat.errors import Conflict, NotFound, ValidationError
from orbat.model import utcnow
from orbat.store.base import StoreBase
from orbat.store.tables import api_tokens, settings_kv, users

ROLES = ("viewer", "analyst", "admin")
TOKEN_PREFIX = "orbat_"
_HASHER = PasswordHasher()
# verified against when a user does not exist, so a wrong name costs as much time as a wrong password
_DUMMY_HASH = _HASHER.hash("orbat: no such user")


def role_at_least(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool = False

    def can(self, needed: str) -> bool:
        return not self.disabled and role_at_least(self.role, needed)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise ValidationError("a user name is 1-100 characters without spaces")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r} (viewer, analyst or admin)")
    return role


class UsersMixin(StoreBase):
    def add_user(self, name: str, role: str, password: str | None, *, by: str = "system") -> User:
        name, role = _check_name(name), _check_role(role)
        if password is not None and len(password) < 8:
            raise ValidationError("a password needs at least 8 characters")
        now = utcnow()
        with self.transaction() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
                raise Conflict(f"user {name!r} exists already")
            uid = conn.execute(
                insert(users)
                .values(
                    name=name,
                    role=role,
                    password_hash=hash_password(password) if password is not None else None,
                    created_at=now,
                    disabled=False,
                )
                .returning(users.c.id)
            ).scalar_one()
            self.record_audit(
                conn, user=by, action="add", target_kind="user", target_id=name, after={"role": role}, at=now
            )
        return User(int(uid), name, role)

    def get_user(self, name: str) -> User:
        with self.reading() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise NotFound(f"no user {name!r}")
        return User(row.id, row.name, row.role, bool(row.disabled))

    def list_users(self) -> list[User]:
        with self.reading() as conn:
            return [
                User(r.id, r.name, r.role, bool(r.disabled))
                for r in conn.execute(select(users).order_by(users.c.name))
            ]

    def set_user(
        self,
        name: str,
        *,
        role: str | None = None,
        password: str | None = None,
        disabled: bool | None = None,
        by: str,
    ) -> User:
        user = self.get_user(name)
        values: dict[str, object] = {}
        if role is not None:
            values["role"] = _check_role(role)
        if disabled is not None:
            values["disabled"] = disabled
        if password is not None:
            if len(password) < 8:
                raise ValidationError("a password needs at least 8 characters")
            values["password_hash"] = hash_password(password)
        if not values:
            return user
        with self.transaction() as conn:
            conn.execute(update(users).where(users.c.id == user.id).values(**values))
            shown = {k: v for k, v in values.items() if k != "password_hash"}
            if "password_hash" in values:
                shown["password"] = "changed"
            self.record_audit(
                conn,
                user=by,
                action="change",
                target_kind="user",
                target_id=name,
                before={"role": user.role, "disabled": user.disabled},
                after=shown,
            )
        return self.get_user(name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is right (and the account enabled), else None."""
        with self.reading() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row.password_hash or row.disabled:
            return None
        if _HASHER.check_needs_rehash(stored):
            with self.transaction() as conn:
                conn.execute(
                    update(users).where(users.c.id == row.id).values(password_hash=hash_password(password))
                )
        return User(row.id, row.name, row.role, False)

    def new_api_token(self, name: str, *, label: str | None = None, by: str = "system") -> str:
        """Make an API token for a user; the token itself is returned once and never stored."""
        user = self.get_user(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utcnow()
        with self.transaction() as conn:
            conn.execute(
                insert(api_tokens).values(
                    user_id=user.id, token_hash=token_digest(token), label=label, created_at=now
                )
            )
            self.record_audit(
                conn,
                user=by,
                action="token",
                target_kind="user",
                target_id=name,
                after={"label": label},
                at=now,
            )
        return token

    def user_for_token(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.reading() as conn:
            row = conn.execute(
                select(users)
                .join(api_tokens, api_tokens.c.user_id == users.c.id)
                .where(api_tokens.c.token_hash == token_digest(token), api_tokens.c.revoked_at.is_(None))
            ).first()
        if row is None or row.disabled:
            return None
        return User(row.id, row.name, row.role, False)

    def app_secret(self) -> str:
        """The key that signs web sessions, made once per store and kept in it."""
        with self.transaction() as conn:
            row = conn.execute(select(settings_kv.c.value).where(settings_kv.c.key == "web.secret")).first()
            if row is not None and isinstance(row[0], str) and len(row[0]) >= 32:
                return str(row[0])
            secret = secrets.token_urlsafe(48)
            if row is None:
                conn.execute(insert(settings_kv).values(key="web.secret", value=secret))
            else:
                conn.execute(
                    update(settings_kv).where(settings_kv.c.key == "web.secret").values(value=secret)
                )
        return secret

    def revoke_api_tokens(self, name: str, *, by: str) -> int:
        user = self.get_user(name)
        now = utcnow()
        with self.transaction() as conn:
            n = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            ).rowcount
            self.record_audit(
                conn,
                user=by,
                action="revoke",
                target_kind="user",
                target_id=name,
                after={"tokens": n},
                at=now,
            )
        return int(n)


__all__ = ["ROLES", "User", "UsersMixin", "hash_password", "role_at_least", "token_digest"]
