"""A large claim store for query benchmarks: synthetic rows bulk-loaded into the store's own tables.

The schema is the store's (``Store.open(url, create=True)`` runs the
migrations, full-text search included); the rows are written with the
backend's fastest path (``executemany`` on SQLite's DB-API connection,
``COPY`` on PostgreSQL), with the secondary indexes and the triggers of
``claims``/``evidence`` (full text, ``claim_counts``) dropped or disabled during
the load and rebuilt after from their own DDL, ``claim_counts`` recomputed from
the claims, as a bulk import would do.

Subjects follow a Zipf distribution (rank^-1.1): entity 0, an armed group,
is the hub (about 14 % of the claims at 50,000 entities); the median entity
is the subject of a couple of claims.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, text

from orbat.bench.generator import Corpus
from orbat.bench.prose import CLAUSES, SOURCES
from orbat.bench.world import GIVEN, UNITS, VILLAGE_PREFIXES, make_root, respell
from orbat.model import VOCABULARY
from orbat.publish.text import MONTHS
from orbat.store import Store
from orbat.store import tables as t
from orbat.store.claims import REBUILD_CLAIM_COUNTS

# (predicate, object kind or object entity type) by subject type
_GROUP_PREDICATES = (
    ("leader", "person"),
    ("part_of", "armed_group"),
    ("allied_with", "armed_group"),
    ("supported_by", "armed_group"),
    ("opposed", "armed_group"),
    ("operates_in", "place"),
    ("headquarters", "place"),
    ("facility", "place"),
    ("founded", "date"),
    ("size", "quantity"),
    ("casualties", "quantity"),
    ("alias", "text"),
    ("group_type", "text"),
    ("activity", "text"),
    ("member", "person"),
    ("founded_by", "person"),
)
_PERSON_PREDICATES = (
    ("position", "text"),
    ("died", "date"),
    ("relative_of", "person"),
    ("met_with", "person"),
)
_PLACE_PREDICATES = (("located_in", "place"), ("alias", "text"))
_TEXTS = (
    "paramilitary volunteer militia",
    "manning local checkpoints",
    "tribal auxiliary force",
    "commander of a regional sector",
    "former army officer",
    "smuggling of fuel",
)


@dataclass
class SynthEntity:
    id: str
    type: str
    name: str
    aliases: list[str]


@dataclass
class LoadStats:
    backend: str
    claims: int
    entities: int
    documents: int
    hub: str
    hub_name: str
    hub_claims: int
    generate_load_s: float = 0.0
    index_s: float = 0.0
    bytes_total: int = 0
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def bytes_per_million(self) -> float:
        return self.bytes_total / max(1, self.claims) * 1_000_000


def synth_entities(n: int, seed: int) -> list[SynthEntity]:
    """``n`` entities: half armed groups, 30 % people, 20 % places; entity 0 is a group (the hub)."""
    rng = random.Random(f"{seed}:entities")
    out: list[SynthEntity] = []
    seen: set[str] = set()
    for i in range(n):
        kind = "armed_group" if i % 10 < 5 else "person" if i % 10 < 8 else "place"
        while True:
            root = make_root(rng)
            if kind == "armed_group":
                name = f"{rng.choice(UNITS).word} al-{root}"
            elif kind == "person":
                name = f"{rng.choice(GIVEN)[0]} al-{root}i"
            else:
                name = f"{rng.choice(VILLAGE_PREFIXES)} {root}"
            if name not in seen:
                seen.add(name)
                break
        eid = "N" + hashlib.sha1(f"bench\x1f{name}".encode()).hexdigest()[:16]
        aliases = sorted({respell(name, rng, 0.6) for _ in range(rng.randint(0, 3))} - {name})
        out.append(SynthEntity(eid, kind, name, aliases))
    return out


class ClaimRows:
    """The rows of a synthetic claim store (deterministic for the seed)."""

    def __init__(self, n_claims: int, entities: Sequence[SynthEntity], n_docs: int, seed: int) -> None:
        self.n_claims = n_claims
        self.entities = entities
        self.n_docs = n_docs
        self.seed = seed
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self._cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.1 for r in range(len(entities))))
        self.by_type: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            self.by_type.setdefault(e.type, []).append(i)

    def _zipf(self, rng: random.Random) -> int:
        return min(bisect.bisect_left(self._cum, rng.random() * self._cum[-1]), len(self.entities) - 1)

    def claims(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(claim row, evidence row) pairs, column names as in ``orbat.store.tables``."""
        rng = random.Random(f"{self.seed}:claims")
        rand = rng.random
        ents = self.entities
        tables = {"armed_group": _GROUP_PREDICATES, "person": _PERSON_PREDICATES, "place": _PLACE_PREDICATES}
        labels = {p: VOCABULARY.predicates[p].label for p in VOCABULARY.predicates}
        n_docs = self.n_docs
        for n in range(self.n_claims):
            subj = ents[self._zipf(rng)]
            table = tables[subj.type]
            predicate, kind = table[int(rand() * len(table))]
            obj_node = None
            value: dict[str, Any] | None = None
            q: dict[str, Any] = {}
            year = 2011 + int(rand() * 14)
            if kind in self.by_type:
                pool = self.by_type[kind]
                target = ents[pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]]
                if target.id == subj.id:
                    target = ents[pool[int(rand() * len(pool))]]
                obj_node, shown = target.id, target.name
                if rand() < 0.4:
                    q["q_start"] = str(year)
            elif kind == "date":
                month = int(rand() * 12)
                shown = f"{MONTHS[month]} {year}"
                value = {"date": f"{year}-{month + 1:02d}"}
            elif kind == "quantity":
                v = (2 + int(rand() * 59)) * 50
                unit = "fighters" if predicate == "size" else "killed"
                value = {"quantity": {"value": v, "approx": True, "unit": unit}}
                shown = f"about {v:,} {unit}"
                q["q_as_of"] = str(year)
                if predicate == "casualties":
                    q["q_kind"] = "killed"
            else:
                shown = (
                    rng.choice(_TEXTS) if predicate != "alias" else rng.choice(subj.aliases or [subj.name])
                )
                value = {"text": shown}
            roll = rand()
            hedge = (
                "asserted"
                if roll < 0.7
                else "reported"
                if roll < 0.9
                else "uncertain"
                if roll < 0.97
                else "doubted"
            )
            if hedge == "reported":
                q["q_claimed_by"] = SOURCES[int(rand() * len(SOURCES))]
            quote = f"{subj.name} {labels[predicate]} {shown}; {CLAUSES[int(rand() * len(CLAUSES))]}"
            if hedge == "reported":
                quote = f"according to {q['q_claimed_by']}, {quote}"
            status = rand()
            doc = 1 + int(rand() * n_docs)
            start = int(rand() * 2000)
            cid = f"C{n:020d}"
            sort_date = (value or {}).get("date") or q.get("q_start") or q.get("q_as_of")
            claim = {
                "id": cid,
                "document_id": doc,
                "subject_node": subj.id,
                "predicate": predicate,
                "object_kind": "entity" if obj_node else next(iter(value or {"text": 0})),
                "object_node": obj_node,
                "object_value": value,
                "object_text": None if obj_node else shown,
                "q_start": q.get("q_start"),
                "q_end": None,
                "q_as_of": q.get("q_as_of"),
                "q_role": None,
                "q_kind": q.get("q_kind"),
                "q_claimed_by": q.get("q_claimed_by"),
                "hedge": hedge,
                "sort_date": f"{sort_date}-01-01"[:10] if sort_date else None,
                "status": "proposed" if status < 0.9 else "accepted" if status < 0.98 else "rejected",
                "rank": "normal",
                "rank_reason": None,
                "credibility": None,
                "origin": "rule:bench@1",
                "subject_entity": subj.id,
                "object_entity": obj_node,
                "created_at": self.now,
                "updated_at": self.now,
                "updated_by": None,
                "row_version": 1,
            }
            ev = {
                "claim_id": cid,
                "document_id": doc,
                "start": start,
                "end": start + len(quote),
                "quote": quote,
                "page": None,
            }
            yield claim, ev


# -- writing rows -------------------------------------------------------------------------------


def _json_text(v: Any) -> Any:
    return None if v is None else json.dumps(v, ensure_ascii=False)


_STAMPS: dict[datetime, str] = {}


def _sqlite_stamp(v: Any) -> Any:
    # SQLAlchemy's SQLite storage format for DateTime
    if v is None:
        return None
    got = _STAMPS.get(v)
    if got is None:
        got = _STAMPS[v] = v.strftime("%Y-%m-%d %H:%M:%S.%f")
    return got


def _converters(table: Table, cols: list[str], dialect: str) -> list[tuple[int, Any]]:
    """(column position, converter) for the columns whose Python values the DB-API cannot take as they are."""
    out: list[tuple[int, Any]] = []
    for i, name in enumerate(cols):
        type_ = type(table.c[name].type).__name__
        if type_ == "JSON":
            out.append((i, _json_text))
        elif type_ == "DateTime" and dialect == "sqlite":
            out.append((i, _sqlite_stamp))
        elif type_ == "Boolean" and dialect == "sqlite":
            out.append((i, lambda v: None if v is None else int(v)))
    return out


def _copy_value(v: Any) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, datetime):
        v = v.isoformat()
    elif isinstance(v, bool):
        v = "t" if v else "f"
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s or "\r" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return s


class RowWriter:
    """Fast inserts into one of the store's tables on either backend."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dialect = store.dialect
        self.raw = store.engine.raw_connection()
        if self.dialect == "sqlite":
            # a bulk import: rows are consistent by construction; a large cache for the index builds
            self.execute("PRAGMA foreign_keys=OFF")
            self.execute("PRAGMA cache_size=-262144")

    def write(self, table: Table, rows: Iterator[dict[str, Any]], chunk: int = 20_000) -> int:
        """Insert ``rows`` (dicts keyed by column name; absent columns take their defaults)."""
        first = next(rows, None)
        if first is None:
            return 0
        cols = [c.name for c in table.c if c.name in first]
        conv = _converters(table, cols, self.dialect)
        col_list = ", ".join(f'"{c}"' for c in cols)
        rows = itertools.chain([first], rows)
        count = 0
        cur = self.raw.cursor()

        def values(r: dict[str, Any]) -> list[Any]:
            row = [r.get(c) for c in cols]
            for i, f in conv:
                row[i] = f(row[i])
            return row

        if self.dialect == "sqlite":
            sql = f"INSERT INTO {table.name} ({col_list}) VALUES ({', '.join('?' * len(cols))})"
            while True:
                batch = [values(r) for r in itertools.islice(rows, chunk)]
                if not batch:
                    break
                cur.executemany(sql, batch)
                count += len(batch)
        else:
            with cur.copy(f"COPY {table.name} ({col_list}) FROM STDIN") as copy:
                buf: list[str] = []
                for r in rows:
                    buf.append("\t".join(_copy_value(v) for v in values(r)) + "\n")
                    count += 1
                    if len(buf) >= chunk:
                        copy.write("".join(buf))
                        buf = []
                copy.write("".join(buf))
        cur.close()
        return count

    def execute(self, sql: str) -> list[tuple[Any, ...]]:
        cur = self.raw.cursor()
        cur.execute(sql)
        rows = list(cur.fetchall()) if cur.description else []
        cur.close()
        return rows

    def commit(self) -> None:
        self.raw.commit()

    def close(self) -> None:
        self.raw.close()


_BULK_TABLES = ("claims", "evidence")


def _detach(w: RowWriter) -> tuple[list[str], list[str]]:
    """Drop the secondary indexes and triggers of the bulk tables; return (index DDL, trigger DDL)."""
    names = ", ".join(f"'{n}'" for n in _BULK_TABLES)
    if w.dialect == "sqlite":
        idx = w.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN ({names}) AND sql IS NOT NULL"
        )
        trg = w.execute(f"SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name IN ({names})")
        for name, _ in idx:
            w.execute(f'DROP INDEX "{name}"')
        for name, _ in trg:
            w.execute(f'DROP TRIGGER "{name}"')
        return [s for _, s in idx], [s for _, s in trg]
    idx = w.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        f"WHERE i.schemaname = current_schema() AND i.tablename IN ({names}) AND NOT EXISTS ("
        "SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname)||'.'||quote_ident(i.indexname))::regclass)"
    )
    for name, _ in idx:
        w.execute(f'DROP INDEX "{name}"')
    # the triggers that keep claim_counts (migration 0006): off for the load, the table rebuilt after
    w.execute("ALTER TABLE claims DISABLE TRIGGER USER")
    return [s for _, s in idx], ["ALTER TABLE claims ENABLE TRIGGER USER"]


def _reattach(w: RowWriter, indexes: list[str], triggers: list[str]) -> None:
    for ddl in indexes:
        w.execute(ddl)
    for ddl in triggers:
        w.execute(ddl)
    if w.dialect == "sqlite":
        # external-content FTS tables the dropped triggers fed: rebuild them from their content
        targets = sorted({m for ddl in triggers for m in re.findall(r"INSERT INTO (\w+)\(", ddl)})
        for fts in targets:
            w.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    # the per-(entity, side, predicate) counts the dropped triggers would have kept
    for sql in REBUILD_CLAIM_COUNTS:
        w.execute(sql)
    w.execute("ANALYZE")


def bulk_load(
    url: str,
    n_claims: int,
    corpus: Corpus,
    *,
    n_entities: int = 50_000,
    n_docs: int | None = None,
    seed: int = 7,
    docs_dir: Path | None = None,
) -> LoadStats:
    """Create a store at ``url`` and fill it; returns what was loaded, how fast, and its size."""
    store = Store.open(url, create=True)
    docs = min(n_docs or corpus.n_docs, corpus.n_docs)
    ents = synth_entities(n_entities, seed)
    rows = ClaimRows(n_claims, ents, docs, seed)
    w = RowWriter(store)
    backend = "postgres" if store.dialect == "postgresql" else "sqlite"
    t0 = time.perf_counter()
    now = rows.now
    w.write(t.documents, _document_rows(corpus, docs, now, docs_dir))
    w.write(
        t.nodes,
        (
            {
                "id": e.id,
                "document_id": None,
                "type": e.type,
                "name": e.name,
                "names": [e.name, *e.aliases],
                "origin": "bench",
                "entity_id": e.id,
                "created_at": now,
            }
            for e in ents
        ),
    )
    w.write(
        t.entities,
        (
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "updated_at": now,
                "aliases": [{"name": a, "lang": None, "script": "Latn"} for a in e.aliases],
            }
            for e in ents
        ),
    )
    indexes, triggers = _detach(w)
    pairs = rows.claims()
    evidence_rows: list[dict[str, Any]] = []

    def claim_rows() -> Iterator[dict[str, Any]]:
        for c, ev in pairs:
            evidence_rows.append(ev)
            yield c

    # claims then their evidence, in slices (bounded memory)
    while True:
        evidence_rows.clear()
        got = w.write(t.claims, itertools.islice(claim_rows(), 100_000))
        if not got:
            break
        w.write(t.evidence, iter(evidence_rows))
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    _reattach(w, indexes, triggers)
    w.commit()
    w.close()
    if backend == "postgres":
        # what autovacuum does to a freshly loaded table: the visibility map lets the entity pages'
        # probes run as index-only scans (without it the planner reads the heap, 10x slower)
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    index_s = time.perf_counter() - t1
    stats = LoadStats(backend, n_claims, n_entities, docs, ents[0].id, ents[0].name, 0)
    stats.generate_load_s = round(load_s, 2)
    stats.index_s = round(index_s, 2)
    stats.bytes_total, stats.tables = store_size(store)
    stats.hub_claims = _count(store, ents[0].id)
    store.close()
    return stats


def _count(store: Store, entity: str) -> int:
    with store.reading() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM claims WHERE subject_entity = :e"), {"e": entity}
            ).scalar_one()
        )


def _document_rows(corpus: Corpus, n: int, now: datetime, docs_dir: Path | None) -> Iterator[dict[str, Any]]:
    """The corpus' first ``n`` documents (read from ``docs_dir`` when it holds them, else generated)."""
    for i in range(n):
        name = corpus.doc_name(i)
        path = docs_dir / f"{name}.md" if docs_dir is not None else None
        if path is not None and path.is_file():
            body = path.read_text(encoding="utf-8").split("\n---\n\n", 1)[-1]
        else:
            body = corpus.document(i).body
        yield {
            "name": name, "version": 1, "previous_id": None, "is_current": True, "sha256": None,
            "source_uri": None, "title": None, "authors": [], "publisher": None, "published": None,
            "url": None, "language": "en", "source_kind": "news", "stance": None, "reliability": None,
            "media_type": "text/markdown", "text": body, "pages": [], "meta": {}, "ingested_at": now,
        }  # fmt: skip


def store_size(store: Store) -> tuple[int, dict[str, int]]:
    """(bytes on disk, bytes per table including its indexes) after a checkpoint."""
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            page = int(conn.execute(text("PRAGMA page_size")).scalar_one())
            count = int(conn.execute(text("PRAGMA page_count")).scalar_one())
            per: dict[str, int] = {}
            try:
                rows = conn.execute(
                    text(
                        "SELECT m.tbl_name, sum(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name GROUP BY m.tbl_name"
                    )
                ).all()
                per = {str(r[0]): int(r[1]) for r in rows}
            except Exception:  # dbstat is a compile-time option of SQLite
                per = {}
            return page * count, per
        total = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
        rows = conn.execute(
            text(
                "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            )
        ).all()
        return total, {str(r[0]): int(r[1]) for r in rows}
