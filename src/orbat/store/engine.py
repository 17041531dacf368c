"""Engines for the two backends: SQLite (embedded default) and PostgreSQL.

``make_engine(url)`` is the only way orbat opens a database. SQLite gets WAL
mode, foreign keys and a busy timeout on every connection; PostgreSQL gets a
connection check that turns "cannot connect" into a one-line StoreError
naming the URL (with its password masked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool, QueuePool

from orbat.errors import StoreError

DEFAULT_URL = "sqlite:///orbat.db"


def normalise_url(url: str | Path | None) -> str:
    """Accept a SQLAlchemy URL, ``postgresql://...`` or a plain file path."""
    if url is None or str(url) == "":
        return DEFAULT_URL
    text = str(url)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://") :]
    if text.startswith("postgresql://"):
        text = "postgresql+psycopg://" + text[len("postgresql://") :]
    return text


def display_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


#: how much of a SQLite database file is read through a memory map (the rest, if any, by read calls)
SQLITE_MMAP_SIZE = 1 << 31


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # let SQLAlchemy, not the driver, open transactions (see _sqlite_begin)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # read the database file through a memory map rather than a read() call and a copy per page: an
    # entity page looks up about a thousand pages scattered over the file (claims, evidence,
    # documents, entities), far more than SQLite's own cache of 2 MiB per connection keeps
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_SIZE}")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Writers take SQLite's write lock up front (BEGIN IMMEDIATE), so two writers
    queue on busy_timeout instead of failing when a read lock cannot be upgraded."""
    mode = conn.get_execution_options().get("orbat_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str | Path | None = None, *, check: bool = True) -> Engine:
    """Open (and by default check) the database at ``url``."""
    full = normalise_url(url)
    try:
        parsed = make_url(full)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!s} ({exc})") from None
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            parent = Path(db).parent
            if not parent.exists():
                raise StoreError(f"cannot open {display_url(full)}: folder {parent} does not exist")
        # pooled: opening a connection (pragmas, schema parse) costs milliseconds, and a page reads
        # through a dozen short connections; a memory database needs its one connection kept
        if db and db != ":memory:":
            kwargs["poolclass"] = QueuePool
            kwargs["pool_size"] = 5
            kwargs["max_overflow"] = 10
        else:
            kwargs["poolclass"] = NullPool
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 10}
    else:
        raise StoreError(f"unsupported database {display_url(full)}: use sqlite:/// or postgresql://")
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ModuleNotFoundError) as exc:
        raise StoreError(f"cannot open {display_url(full)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    if check:
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot connect to {display_url(full)}: {reason}") from None
    return engine
