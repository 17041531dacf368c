"""Full-text search over documents, entities and claims (their evidence quotes).

SQLite uses the FTS5 tables of migration 0002, PostgreSQL its ``search_tsv``
columns. Text is normalised the same way at index and query time:
apostrophes and transliteration marks are dropped and dashes become spaces,
so "al-Baqir", "al Baqir" and "Kata'ib"/"Kataib" find the same rows.

Ranking touches every match, which is slow for common words on a large
store (docs: shared guides, measurements §2.5). So each search first takes
at most ``cap`` matching rows unranked, then ranks only those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, exists, func, literal_column, or_, select, text
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimView
from orbat.store.base import StoreBase
from orbat.store.claims import row_to_entity
from orbat.store.tables import audit, claim_counts, claims, documents, entities, evidence, mentions, nodes

DROPPED = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_TRANSLATE = str.maketrans({**{c: None for c in DROPPED}, **{c: " " for c in DASHES}})
_TOKEN = re.compile(r"\w+", re.UNICODE)
#: matches ranked per kind (documents, entities, evidence): bm25/ts_rank touch every ranked row, so a
#: common word over a million claims is cut here first (``SearchResults.capped`` says so); measured in
#: docs/performance.md
DEFAULT_CAP = 200
#: matches considered by the entity list's name filter (it sorts by name, it does not rank)
LIST_CAP = 2000


def normalise(value: str) -> str:
    """The text as the index sees it: no apostrophes, dashes as spaces."""
    return value.translate(_TRANSLATE)


def query_tokens(query: str) -> list[str]:
    """Word tokens of a search query after normalisation (at most 16)."""
    return [t.casefold() for t in _TOKEN.findall(normalise(query))][:16]


def _fts5_query(tokens: list[str]) -> str:
    # every token quoted: FTS5 operators and column filters typed by a user stay plain words
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _date_floor(value: str | None) -> str | None:
    if not value:
        return None
    return value[:10]


def _date_ceiling(value: str | None) -> str | None:
    if not value:
        return None
    v = value[:10]
    if len(v) == 4:
        return v + "-12-31"
    if len(v) == 7:
        return v + "-31"
    return v


def snippet(text_value: str, tokens: list[str], width: int = 160) -> str:
    """A window of ``text_value`` around the first query token found (plain text, not escaped)."""
    if not text_value:
        return ""
    marks = "[" + re.escape(DROPPED) + "]?"
    best = None
    for tok in tokens:
        pattern = marks.join(re.escape(ch) for ch in tok)
        m = re.search(pattern, text_value, flags=re.IGNORECASE)
        if m and (best is None or m.start() < best):
            best = m.start()
    start = max(0, (best or 0) - width // 3)
    end = min(len(text_value), start + width)
    out = " ".join(text_value[start:end].split())
    return ("…" if start > 0 else "") + out + ("…" if end < len(text_value) else "")


@dataclass(frozen=True)
class SearchFilters:
    entity_type: str | None = None
    predicate: str | None = None
    place: str | None = None  # entity id of a place
    date_from: str | None = None  # ISO date or prefix (YYYY, YYYY-MM)
    date_to: str | None = None
    source: str | None = None  # document name, publisher or source kind

    def __post_init__(self) -> None:
        if self.entity_type:
            VOCABULARY.entity_type(self.entity_type)
        if self.predicate:
            VOCABULARY.predicate(self.predicate)


@dataclass(frozen=True)
class DocumentHit:
    name: str
    title: str | None
    published: str | None
    publisher: str | None
    source_kind: str
    snippet: str
    score: float


@dataclass(frozen=True)
class EntityHit:
    entity: Entity
    score: float


@dataclass(frozen=True)
class ClaimHit:
    claim: ClaimView
    score: float


@dataclass(frozen=True)
class MentionRow:
    start: int
    end: int
    text: str
    node: str
    entity_id: str | None
    type: str


@dataclass(frozen=True)
class DecisionRow:
    decision: str
    action: str
    user: str
    at: Any
    reason: str | None
    after: Any
    undone: bool


@dataclass(frozen=True)
class ClaimGroupRow:
    """A (subject, predicate) with at least two claims: where sources can disagree."""

    subject: str
    subject_name: str
    predicate: str
    claims: int


@dataclass
class SearchResults:
    query: str
    tokens: list[str]
    documents: list[DocumentHit] = field(default_factory=list)
    entities: list[EntityHit] = field(default_factory=list)
    claims: list[ClaimHit] = field(default_factory=list)
    capped: bool = False  # a candidate set was cut at ``cap`` before ranking


class SearchMixin(StoreBase):
    def search(
        self,
        query: str,
        *,
        kinds: tuple[str, ...] = ("document", "entity", "claim"),
        filters: SearchFilters | None = None,
        limit: int = 20,
        cap: int = DEFAULT_CAP,
    ) -> SearchResults:
        """Rank documents, entities and claims matching every word of ``query``."""
        f = filters or SearchFilters()
        tokens = query_tokens(query)
        out = SearchResults(query=query, tokens=tokens)
        if not tokens:
            return out
        limit = max(1, min(limit, 200))
        with self.reading() as conn:
            if "document" in kinds:
                ranked, capped = self._candidates(conn, "documents", tokens, cap)
                out.capped |= capped
                out.documents = self._document_hits(conn, ranked, tokens, f, limit)
            if "entity" in kinds:
                ranked, capped = self._candidates(conn, "entities", tokens, cap)
                out.capped |= capped
                out.entities = self._entity_hits(conn, ranked, f, limit)
            if "claim" in kinds:
                ranked, capped = self._candidates(conn, "evidence", tokens, cap)
                out.capped |= capped
                claim_scores = self._claim_scores(conn, ranked, f, limit)
        if "claim" in kinds and claim_scores:
            views = {c.id: c for c in self.claims(claim_ids=list(claim_scores))}  # type: ignore[attr-defined]
            out.claims = [ClaimHit(views[cid], s) for cid, s in claim_scores.items() if cid in views]
        return out

    # -- reading helpers for the web app's pages --------------------------------
    def document_mentions(self, document_id: int) -> list[MentionRow]:
        """The extracted mentions of a document version, in text order, with their entity."""
        query = (
            select(
                mentions.c.start, mentions.c.end, mentions.c.text, nodes.c.id, nodes.c.entity_id, nodes.c.type
            )
            .join(nodes, nodes.c.id == mentions.c.node_id)
            .where(mentions.c.document_id == document_id)
            .order_by(mentions.c.start, mentions.c.end)
        )
        with self.reading() as conn:
            return [MentionRow(r[0], r[1], r[2], r[3], r[4], r[5]) for r in conn.execute(query)]

    def next_proposed_claim(self, after: str | None = None) -> str | None:
        """The id of the next claim awaiting review (by id, wrapping round after ``after``)."""
        base = select(claims.c.id).where(claims.c.status == "proposed").order_by(claims.c.id).limit(1)
        with self.reading() as conn:
            if after:
                row = conn.execute(base.where(claims.c.id > after)).first()
                if row is not None:
                    return str(row[0])
            row = conn.execute(base).first()
        return str(row[0]) if row is not None else None

    def claim_status_counts(self) -> dict[str, int]:
        with self.reading() as conn:
            return {
                str(r[0]): int(r[1])
                for r in conn.execute(select(claims.c.status, func.count()).group_by(claims.c.status))
            }

    def recent_decisions(self, limit: int = 50) -> list[DecisionRow]:
        """Analysts' resolution decisions (merge, split, same, different), newest first."""
        with self.reading() as conn:
            undone = {
                r[0]
                for r in conn.execute(
                    select(audit.c.target_id).where(
                        audit.c.target_kind == "decision", audit.c.action == "undo"
                    )
                )
            }
            rows = conn.execute(
                select(audit)
                .where(audit.c.target_kind == "decision", audit.c.action != "undo")
                .order_by(audit.c.id.desc())
                .limit(limit)
            ).mappings()
            return [
                DecisionRow(
                    r["target_id"],
                    r["action"],
                    r["user"],
                    r["at"],
                    r["reason"],
                    r["after"],
                    r["target_id"] in undone,
                )
                for r in rows
            ]

    def audit_trail(self, target_kind: str, target_id: str, limit: int = 100) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    select(audit)
                    .where(audit.c.target_kind == target_kind, audit.c.target_id == target_id)
                    .order_by(audit.c.id.desc())
                    .limit(limit)
                ).mappings()
            ]

    # -- pages of entities, type counts, candidate claim groups (web lists) ------------
    def entity_page(
        self, *, type_: str | None = None, query: str | None = None, offset: int = 0, limit: int = 50
    ) -> tuple[list[Entity], int]:
        """A page of entities (by name) and how many match: of one type, and/or whose name contains
        ``query`` or whose names and aliases hold its words (names starting with it first)."""
        conds: list[ColumnElement[bool]] = []
        if type_:
            VOCABULARY.entity_type(type_)
            conds.append(entities.c.type == type_)
        order: list[Any] = []
        with self.reading() as conn:
            q = (query or "").strip().casefold()
            if q:
                name = func.lower(entities.c.name)
                matches: list[ColumnElement[bool]] = [name.contains(q, autoescape=True)]
                tokens = query_tokens(q)
                if tokens:
                    ranked, _ = self._candidates(conn, "entities", tokens, LIST_CAP)
                    if ranked:
                        key = (
                            entities.c.id
                            if self.dialect == "postgresql"
                            else literal_column("entities.rowid")
                        )
                        matches.append(key.in_([k for k, _ in ranked]))
                conds.append(or_(*matches))
                order.append(case((name.startswith(q, autoescape=True), 0), else_=1))
            total = int(conn.execute(select(func.count()).select_from(entities).where(*conds)).scalar_one())
            rows = conn.execute(
                select(entities)
                .where(*conds)
                .order_by(*order, entities.c.name, entities.c.id)
                .offset(max(offset, 0))
                .limit(max(limit, 1))
            ).mappings()
            return [row_to_entity(r) for r in rows], total

    def entity_type_counts(self) -> dict[str, int]:
        with self.reading() as conn:
            return {
                str(r[0]): int(r[1])
                for r in conn.execute(select(entities.c.type, func.count()).group_by(entities.c.type))
            }

    def claim_counts_of(self, entity_ids: list[str]) -> dict[str, int]:
        """Claims per subject entity, for the given entities only."""
        out: dict[str, int] = {}
        with self.reading() as conn:
            for i in range(0, len(entity_ids), 500):
                chunk = entity_ids[i : i + 500]
                query = (  # the exact counts kept by triggers (migration 0006)
                    select(claim_counts.c.entity, func.sum(claim_counts.c.n))
                    .where(claim_counts.c.entity.in_(chunk), claim_counts.c.side == "subject")
                    .group_by(claim_counts.c.entity)
                )
                out.update({str(r[0]): int(r[1]) for r in conn.execute(query) if r[1]})
        return out

    def claim_groups(self, *, min_claims: int = 2, predicate: str | None = None) -> list[ClaimGroupRow]:
        """Every (subject entity, predicate) with at least ``min_claims`` claims (rejected ones
        included), ordered by subject name. The grouping reads only the covering index
        ``ix_claims_subject_pred``; only these groups can hold a disagreement worth reconciling."""
        grouped = select(
            claims.c.subject_entity.label("subject"),
            claims.c.predicate.label("predicate"),
            func.count().label("n"),
        ).where(claims.c.subject_entity.is_not(None))
        if predicate:
            pred, _ = VOCABULARY.canonical_predicate(predicate)
            grouped = grouped.where(claims.c.predicate == pred)
        sub = (
            grouped.group_by(claims.c.subject_entity, claims.c.predicate)
            .having(func.count() >= min_claims)
            .subquery()
        )
        query = (
            select(sub.c.subject, entities.c.name, sub.c.predicate, sub.c.n)
            .join(entities, entities.c.id == sub.c.subject)
            .order_by(entities.c.name, sub.c.subject, sub.c.predicate)
        )
        with self.reading() as conn:
            return [ClaimGroupRow(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in conn.execute(query)]

    # -- candidates: (row key, score) best first, at most ``cap`` rows ranked --
    def _candidates(
        self, conn: Connection, table: str, tokens: list[str], cap: int
    ) -> tuple[list[tuple[Any, float]], bool]:
        if self.dialect == "postgresql":
            key = "id"
            sql = text(
                f"SELECT {key} AS k, ts_rank(search_tsv, q) AS s FROM ("
                f"  SELECT {key}, search_tsv, plainto_tsquery('simple', :q) AS q FROM {table}"
                f"  WHERE search_tsv @@ plainto_tsquery('simple', :q) LIMIT :cap"
                ") AS c ORDER BY s DESC"
            )
            rows = conn.execute(sql, {"q": " ".join(tokens), "cap": cap}).all()
            scored = [(r[0], float(r[1])) for r in rows]
        else:
            fts = f"search_{table}"
            weights = {"documents": "5.0, 1.0", "entities": "5.0, 2.0", "evidence": "1.0"}[table]
            sql = text(f"SELECT rowid, bm25({fts}, {weights}) FROM {fts} WHERE {fts} MATCH :q LIMIT :cap")
            rows = conn.execute(sql, {"q": _fts5_query(tokens), "cap": cap}).all()
            scored = sorted(((r[0], -float(r[1])) for r in rows), key=lambda x: -x[1])
        return scored, len(rows) >= cap

    def _document_hits(
        self,
        conn: Connection,
        ranked: list[tuple[Any, float]],
        tokens: list[str],
        f: SearchFilters,
        limit: int,
    ) -> list[DocumentHit]:
        if not ranked:
            return []
        scores = dict(ranked)
        conds: list[ColumnElement[bool]] = [
            documents.c.id.in_(bindparam("ids", expanding=True)),
            documents.c.is_current.is_(True),
        ]
        if f.date_from:
            conds.append(documents.c.published >= _date_floor(f.date_from))
        if f.date_to:
            conds.append(documents.c.published <= _date_ceiling(f.date_to))
        if f.source:
            conds.append(_source_condition(f.source))
        if f.place:
            mentioned = (
                select(mentions.c.id)
                .join(nodes, nodes.c.id == mentions.c.node_id)
                .where(mentions.c.document_id == documents.c.id, nodes.c.entity_id == f.place)
            )
            cited = select(claims.c.id).where(
                claims.c.document_id == documents.c.id,
                or_(claims.c.subject_entity == f.place, claims.c.object_entity == f.place),
            )
            conds.append(or_(exists(mentioned), exists(cited)))
        if f.predicate:
            conds.append(
                exists(
                    select(claims.c.id).where(
                        claims.c.document_id == documents.c.id, claims.c.predicate == f.predicate
                    )
                )
            )
        query = select(
            documents.c.id,
            documents.c.name,
            documents.c.title,
            documents.c.published,
            documents.c.publisher,
            documents.c.source_kind,
            documents.c.text,
        ).where(and_(*conds))
        rows = list(conn.execute(query, {"ids": list(scores)}).all())
        rows.sort(key=lambda r: -scores[r.id])
        return [
            DocumentHit(
                r.name,
                r.title,
                r.published,
                r.publisher,
                r.source_kind,
                snippet(r.text or "", tokens),
                scores[r.id],
            )
            for r in rows[:limit]
        ]

    def _entity_hits(
        self, conn: Connection, ranked: list[tuple[Any, float]], f: SearchFilters, limit: int
    ) -> list[EntityHit]:
        if not ranked:
            return []
        scores = dict(ranked)
        key = entities.c.id if self.dialect == "postgresql" else literal_column("entities.rowid")
        conds: list[ColumnElement[bool]] = [key.in_(bindparam("ids", expanding=True))]
        if f.entity_type:
            conds.append(entities.c.type == f.entity_type)
        if f.place:
            conds.append(
                or_(
                    entities.c.id == f.place,
                    exists(
                        select(claims.c.id).where(
                            or_(
                                and_(
                                    claims.c.subject_entity == entities.c.id,
                                    claims.c.object_entity == f.place,
                                ),
                                and_(
                                    claims.c.object_entity == entities.c.id,
                                    claims.c.subject_entity == f.place,
                                ),
                            )
                        )
                    ),
                )
            )
        if f.predicate:
            conds.append(
                exists(
                    select(claims.c.id).where(
                        claims.c.subject_entity == entities.c.id, claims.c.predicate == f.predicate
                    )
                )
            )
        rows = conn.execute(
            select(entities, key.label("k")).where(and_(*conds)), {"ids": list(scores)}
        ).mappings()
        hits = [EntityHit(row_to_entity(r), scores[r["k"]]) for r in rows]
        hits.sort(key=lambda h: (-h.score, h.entity.name))
        return hits[:limit]

    def _claim_scores(
        self, conn: Connection, ranked: list[tuple[Any, float]], f: SearchFilters, limit: int
    ) -> dict[str, float]:
        if not ranked:
            return {}
        ev_scores = dict(ranked)
        subj = aliased(entities)
        conds: list[ColumnElement[bool]] = [evidence.c.id.in_(bindparam("ids", expanding=True))]
        query = (
            select(evidence.c.id, evidence.c.claim_id)
            .join(claims, claims.c.id == evidence.c.claim_id)
            .join(documents, documents.c.id == evidence.c.document_id)
        )
        if f.entity_type:
            query = query.join(subj, subj.c.id == claims.c.subject_entity)
            conds.append(subj.c.type == f.entity_type)
        if f.predicate:
            conds.append(claims.c.predicate == f.predicate)
        if f.place:
            conds.append(or_(claims.c.subject_entity == f.place, claims.c.object_entity == f.place))
        if f.date_from:
            conds.append(claims.c.sort_date >= _date_floor(f.date_from))
        if f.date_to:
            conds.append(claims.c.sort_date <= _date_ceiling(f.date_to))
        if f.source:
            conds.append(_source_condition(f.source))
        rows = conn.execute(query.where(and_(*conds)), {"ids": list(ev_scores)}).all()
        best: dict[str, float] = {}
        for r in rows:
            s = ev_scores[r.id]
            if r.claim_id not in best or best[r.claim_id] < s:
                best[r.claim_id] = s
        top = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return dict(top)


def _source_condition(source: str) -> ColumnElement[bool]:
    return or_(
        documents.c.name == source,
        documents.c.publisher == source,
        documents.c.source_kind == source,
    )


__all__ = [
    "ClaimHit",
    "DecisionRow",
    "DocumentHit",
    "EntityHit",
    "MentionRow",
    "SearchFilters",
    "SearchMixin",
    "SearchResults",
    "normalise",
    "query_tokens",
    "snippet",
]
