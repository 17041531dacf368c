"""Backup and restore: a consistent, portable snapshot of a whole store.

The snapshot is read in one transaction (REPEATABLE READ on PostgreSQL, a
single read transaction in SQLite's WAL mode), so it is consistent while the
app keeps writing. It is a gzip'd JSON Lines file — a header, then every row
of every table in foreign-key order — so a backup made on SQLite restores into
PostgreSQL and back. Restore writes into an empty store in one transaction.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, LargeBinary, Table, func, insert, select, text

from orbat import __version__
from orbat.errors import OrbatError, StoreError
from orbat.store import migrate
from orbat.store.base import StoreBase
from orbat.store.tables import DERIVED_TABLES, metadata

FORMAT = "orbat-backup"
TABLE_ORDER = [t.name for t in metadata.sorted_tables if t.name not in DERIVED_TABLES]


def _encode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        v = row[col.name]
        if v is None:
            out[col.name] = None
        elif isinstance(col.type, LargeBinary):
            out[col.name] = base64.b64encode(bytes(v)).decode("ascii")
        elif isinstance(col.type, DateTime):
            out[col.name] = v.isoformat()
        else:
            out[col.name] = v
    return out


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        v = row.get(col.name)
        if v is not None and isinstance(col.type, LargeBinary):
            v = base64.b64decode(v)
        elif v is not None and isinstance(col.type, DateTime):
            v = datetime.fromisoformat(v)
        out[col.name] = v
    return out


class BackupMixin(StoreBase):
    def backup(
        self, path: Path | str, progress: Callable[[str, int, int], None] | None = None
    ) -> dict[str, int]:
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        counts: dict[str, int] = {}
        with self.engine.connect() as raw:
            # one read transaction = one consistent snapshot of every table
            conn = (
                raw.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
                if self.dialect == "postgresql"
                else raw
            )
            conn.begin()
            revision = migrate.current_revision_on(conn)
            with gzip.open(tmp, "wt", encoding="utf-8") as fh:
                header = {
                    "format": FORMAT,
                    "version": 1,
                    "orbat": __version__,
                    "schema": revision,
                    "tables": TABLE_ORDER,
                }
                fh.write(json.dumps(header) + "\n")
                for i, name in enumerate(TABLE_ORDER):
                    table = metadata.tables[name]
                    if progress:
                        progress(name, i, len(TABLE_ORDER))
                    n = 0
                    pk = list(table.primary_key.columns)
                    for row in conn.execute(select(table).order_by(*pk)).mappings().yield_per(1000):
                        fh.write(
                            json.dumps({"t": name, "r": _encode(table, dict(row))}, ensure_ascii=False) + "\n"
                        )
                        n += 1
                    counts[name] = n
            conn.rollback()
        tmp.replace(path)
        return counts

    def restore(
        self, path: Path | str, progress: Callable[[str, int, int], None] | None = None
    ) -> dict[str, int]:
        path = Path(path)
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return self._restore_from(fh, path, progress)

    def _restore_from(
        self, fh: Any, path: Path, progress: Callable[[str, int, int], None] | None
    ) -> dict[str, int]:
        try:
            header = json.loads(fh.readline())
        except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise OrbatError(f"{path}: not an orbat backup ({exc})") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise OrbatError(f"{path}: not an orbat backup")
        head = migrate.head_revision(self.engine)
        if header.get("schema") != head:
            raise OrbatError(f"{path}: made with schema {header.get('schema')}, this orbat has {head}")
        counts: dict[str, int] = {}
        with self.transaction() as conn:
            for name in TABLE_ORDER:
                if conn.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one():
                    raise StoreError(f"restore needs an empty store: table {name} has rows")
            batch: list[dict[str, Any]] = []
            current: str | None = None

            def flush() -> None:
                if batch and current:
                    conn.execute(insert(metadata.tables[current]), batch)
                    batch.clear()

            for number, line in enumerate(fh, start=2):
                try:
                    rec = json.loads(line)
                    name = rec["t"]
                    table = metadata.tables[name]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise OrbatError(f"{path}:{number}: damaged backup record ({exc})") from None
                if name != current:
                    flush()
                    current = name
                    if progress:
                        progress(name, TABLE_ORDER.index(name), len(TABLE_ORDER))
                batch.append(_decode(table, rec["r"]))
                counts[name] = counts.get(name, 0) + 1
                if len(batch) >= 1000:
                    flush()
            flush()
            if self.dialect == "postgresql":
                for table in metadata.sorted_tables:
                    pk = list(table.primary_key.columns)
                    if len(pk) == 1 and pk[0].name == "id" and pk[0].type.python_type is int:
                        conn.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                            )
                        )
        return counts
