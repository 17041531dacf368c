"""The Store: one object per database, opened from a URL.

It owns the engine and the schema version; the reading and writing methods
live in the mixin modules (documents, extractions, claims, resolution,
interchange), each named for what it handles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, inspect

from orbat.errors import StoreError
from orbat.model import utcnow
from orbat.store import migrate
from orbat.store.engine import display_url, make_engine
from orbat.store.tables import audit


class StoreBase:
    """Holds the engine; `transaction()` gives one atomic unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # the connection of the read session in progress in this context (``read_session``)
        self._reader: ContextVar[Connection | None] = ContextVar(f"orbat_reader_{id(self)}", default=None)

    @property
    def url(self) -> str:
        return display_url(self.engine.url.render_as_string(hide_password=False))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work; on SQLite it holds the write lock from the start."""
        with self.engine.connect() as raw:
            conn = raw.execution_options(orbat_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection to read through: the read session's when one is open (``read_session``),
        else a connection of its own."""
        shared = self._reader.get()
        if shared is not None:
            yield shared
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def read_session(self) -> Iterator[None]:
        """Every ``reading()`` inside goes through one connection (one read transaction): a page
        that reads a dozen times checks out, pings, begins and rolls back once rather than a dozen
        times (on PostgreSQL each of those is a round trip). Nested sessions join the outer one;
        writes (``transaction()``) keep their own connections.

        The read transaction ends with COMMIT when the reads went without error (after an error,
        the connection is rolled back as it closes): for a read-only transaction the two are the
        same, but psycopg forgets its prepared statements at every ROLLBACK, and ended with COMMIT
        the statements a page runs every time (the same text for any entity) stay prepared on the
        pooled connection, so PostgreSQL stops planning them anew."""
        if self._reader.get() is not None:
            yield
            return
        with self.engine.connect() as conn:
            token = self._reader.set(conn)
            try:
                yield
                if conn.in_transaction():
                    conn.commit()
            finally:
                self._reader.reset(token)

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -----------------------------------------------------------
    def initialise(self) -> None:
        """Create or upgrade the schema to the newest migration."""
        migrate.upgrade(self.engine)

    def is_initialised(self) -> bool:
        return (
            inspect(self.engine).has_table("alembic_version")
            and migrate.current_revision(self.engine) is not None
        )

    def require_current_schema(self) -> None:
        current = migrate.current_revision(self.engine) if self.is_initialised() else None
        head = migrate.head_revision(self.engine)
        if current is None:
            raise StoreError(f"{self.url} is not an orbat store yet: run `orbat init`")
        if current != head:
            raise StoreError(f"{self.url} has schema {current}, this orbat needs {head}: run `orbat init`")

    # -- audit trail ------------------------------------------------------
    @staticmethod
    def record_audit(
        conn: Connection,
        *,
        user: str,
        action: str,
        target_kind: str,
        target_id: str,
        before: Any = None,
        after: Any = None,
        reason: str | None = None,
        at: datetime | None = None,
    ) -> None:
        conn.execute(
            insert(audit).values(
                at=at or utcnow(),
                user=user,
                action=action,
                target_kind=target_kind,
                target_id=str(target_id),
                before=before,
                after=after,
                reason=reason,
            )
        )


def open_engine(url: str | Path | None) -> Engine:
    return make_engine(url)
