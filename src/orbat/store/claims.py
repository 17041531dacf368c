"""Reading claims and entities; analyst actions on claims (review, rank, add).

Every analyst change is checked against the row version it was made on
(optimistic locking: a concurrent change raises Conflict instead of being
lost) and is written to the append-only audit trail in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    RowMapping,
    Select,
    String,
    Text,
    and_,
    bindparam,
    case,
    cast,
    column,
    func,
    insert,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.orm import aliased

from orbat.errors import Conflict, NotFound, ValidationError
from orbat.model import VOCABULARY, Claim, Entity, Evidence, Qualifiers, Rank, Status, utcnow
from orbat.model.records import Alias
from orbat.model.values import EntityRef, ObjectValue, object_from_json
from orbat.model.views import ClaimSample, ClaimView, EvidenceView
from orbat.store.base import StoreBase
from orbat.store.extractions import claim_row
from orbat.store.tables import claim_counts, claims, documents, entities, evidence, nodes

#: ``Store.claims_about`` reads an entity whole up to this many claims naming it (a page reconciles
#: and writes up what it reads, about a quarter of a millisecond per claim: at 200 claims, as much as
#: the sample of a hub) ...
WHOLE_UP_TO = 200
#: ... and beyond, this many claims per side and predicate (a third undated, earliest, latest), and as
#: many of its accepted claims, the latest reviewed first
PER_PREDICATE = 9


_SIDES = {"subject": "subject_entity", "object": "object_entity"}


def _union(conn: Connection, parts: list[tuple[str, dict[str, Any]]], common: dict[str, Any]) -> list[Any]:
    """The rows of ``parts`` (SQL, parameters) glued with UNION ALL, 100 at a time (SQLite allows 500
    terms in a compound select). Written as text: SQLAlchemy's compiler costs more than these
    index probes."""
    rows: list[Any] = []
    for i in range(0, len(parts), 100):
        chunk = parts[i : i + 100]
        params = dict(common)
        for _, p in chunk:
            params.update(p)
        rows.extend(conn.execute(text(" UNION ALL ".join(sql for sql, _ in chunk)), params).all())
    return rows


@cache  # statements are immutable: each ``where`` makes a new one
def _claims_query() -> Select[Any]:
    """Claims with the names of their entities and document.

    The names are scalar subqueries (a primary-key lookup each), not joins: the same rows, but
    PostgreSQL plans a statement with three fewer joins in a fraction of the time, and its plans are
    seldom reused (psycopg drops prepared statements at every rollback, that is at the end of every
    read outside a ``read_session``)."""
    subj = aliased(entities)
    obj = aliased(entities)
    return select(
        *_CLAIM_COLUMNS,
        select(subj.c.name)
        .where(subj.c.id == claims.c.subject_entity)
        .scalar_subquery()
        .label("subject_name"),
        select(obj.c.name).where(obj.c.id == claims.c.object_entity).scalar_subquery().label("object_name"),
        select(documents.c.name)
        .where(documents.c.id == claims.c.document_id)
        .scalar_subquery()
        .label("document_name"),
    )


#: the columns of ``claims`` a ``ClaimView`` shows
_CLAIM_COLUMNS = tuple(
    claims.c[name]
    for name in (
        "id",
        "predicate",
        "subject_entity",
        "object_kind",
        "object_entity",
        "object_value",
        "object_text",
        "q_start",
        "q_end",
        "q_as_of",
        "q_role",
        "q_kind",
        "q_claimed_by",
        "hedge",
        "status",
        "rank",
        "rank_reason",
        "credibility",
        "origin",
        "sort_date",
        "row_version",
        "updated_at",
        "updated_by",
    )
)


_PAGE_ORDER = (claims.c.predicate, claims.c.sort_date, claims.c.id)
#: the columns of a ``_claims_query`` row: the claim's, then three names
_N_CLAIM = len(_CLAIM_COLUMNS) + 3


_ev_doc = aliased(documents)
#: evidence columns (with their document's) read beside each claim by ``_read_views``
_EVIDENCE_COLUMNS = (
    evidence.c.id.label("ev_id"),
    _ev_doc.c.name.label("ev_doc_name"),
    evidence.c.document_id.label("ev_document_id"),
    evidence.c.start.label("ev_start"),
    evidence.c.end.label("ev_end"),
    evidence.c.quote.label("ev_quote"),
    evidence.c.page.label("ev_page"),
    _ev_doc.c.published.label("ev_published"),
    _ev_doc.c.title.label("ev_title"),
    _ev_doc.c.publisher.label("ev_publisher"),
    _ev_doc.c.source_kind.label("ev_source_kind"),
    _ev_doc.c.stance.label("ev_stance"),
    _ev_doc.c.reliability.label("ev_reliability"),
    _ev_doc.c.url.label("ev_url"),
    # as text, parsed once per distinct value (``_authors``): most documents share a handful of values
    cast(_ev_doc.c.authors, Text).label("ev_authors"),
    _ev_doc.c.language.label("ev_language"),
)


@cache
def _with_evidence_query() -> Select[Any]:
    """``_claims_query`` with a row per piece of evidence of each claim (built once)."""
    return (
        _claims_query()
        .add_columns(*_EVIDENCE_COLUMNS)
        .outerjoin(evidence, evidence.c.claim_id == claims.c.id)
        .outerjoin(_ev_doc, _ev_doc.c.id == evidence.c.document_id)
    )


@cache
def _with_entities_query() -> Select[Any]:
    """``_with_evidence_query`` that also reads each claim's subject and object entity (their type and
    aliases, after the evidence columns): joined rather than looked up for their names, so the
    entities a page names come with its claims, at no extra lookup."""
    subj = aliased(entities)
    obj = aliased(entities)
    return (
        select(
            *_CLAIM_COLUMNS,
            subj.c.name.label("subject_name"),
            obj.c.name.label("object_name"),
            # the claim's document is most often the one its evidence quotes, read already
            case(
                (evidence.c.document_id == claims.c.document_id, _ev_doc.c.name),
                else_=select(documents.c.name)
                .where(documents.c.id == claims.c.document_id)
                .scalar_subquery(),
            ).label("document_name"),
            *_EVIDENCE_COLUMNS,
            subj.c.type.label("subject_type"),
            cast(subj.c.aliases, Text).label("subject_aliases"),
            obj.c.type.label("object_type"),
            cast(obj.c.aliases, Text).label("object_aliases"),
        )
        .select_from(claims)
        .outerjoin(subj, subj.c.id == claims.c.subject_entity)
        .outerjoin(obj, obj.c.id == claims.c.object_entity)
        .outerjoin(evidence, evidence.c.claim_id == claims.c.id)
        .outerjoin(_ev_doc, _ev_doc.c.id == evidence.c.document_id)
    )


def _read_views(
    conn: Connection, query: Any, params: dict[str, Any], entities: dict[str, Entity] | None = None
) -> list[ClaimView]:
    """The claims ``query`` reads with ``params`` (``_with_evidence_query`` or, with ``entities``,
    ``_with_entities_query``, filtered and ordered: see ``_ordered``), each with its evidence (in
    evidence id order): one statement, a row per piece of evidence (so no LIMIT here: a page of
    claims is chosen in the filter). ``entities``: the subject and object entities of the claims
    are put in it, read by the same statement."""
    # rows by position (the columns' order is fixed above): a page converts a few thousand values
    out: list[ClaimView] = []
    current: Any = None
    found: list[EvidenceView] = []
    for r in conn.execute(query, params).all():
        if current is None or r[0] != current[0]:
            if current is not None:
                out.append(_tuple_to_view(current, tuple(found)))
            current, found = r, []
            if entities is not None:
                _add_entities(entities, r)
        ev = r[_N_CLAIM : _N_CLAIM + _N_EVIDENCE]
        if ev[0] is not None:  # evidence.id: the claim has this piece of evidence
            found.append(_evidence_view(ev))
    if current is not None:
        out.append(_tuple_to_view(current, tuple(found)))
    return out


@dataclass(frozen=True)
class _Ids:
    """A SELECT of claim ids as SQL text, its parameters, and the names of those of its parameters
    that are lists expanded into an ``IN (...)`` (SQLite)."""

    sql: str
    params: dict[str, Any]
    expanding: tuple[str, ...] = ()


def _views_of_ids(conn: Connection, ids: _Ids, entities: dict[str, Entity] | None = None) -> list[ClaimView]:
    """The claims whose ids ``ids`` selects, in the page order, with their evidence, through a
    statement built once for each text of ``ids`` (``_query_of_ids``), its values bound as it runs."""
    return _read_views(
        conn, _query_of_ids(ids.sql, ids.expanding, entities is not None), ids.params, entities
    )


@lru_cache(maxsize=512)
def _query_of_ids(sql: str, expanding: tuple[str, ...], with_entities: bool) -> Any:
    """The statement that reads the claims of ids ``sql`` selects, with their evidence (and entities):
    built, and given its cache key, once for each text rather than at every read (SQLAlchemy's
    cloning and keying of a statement of fifty columns cost a page more than running some of them)."""
    ids = text(sql)
    if expanding:
        ids = ids.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return _ordered(claims.c.id.in_(ids.columns(column("id", String))), with_entities)


def _ordered(where: Any, with_entities: bool, order: tuple[Any, ...] = _PAGE_ORDER) -> Any:
    """The claims matching ``where``, in ``order`` (by default the page order: predicate, sort_date,
    id), with a row per piece of evidence (and the claims' entities)."""
    base = _with_entities_query() if with_entities else _with_evidence_query()
    return base.where(where).order_by(*order, evidence.c.id)


#: a whole entity's claims: naming it as subject or object (``claims_about``), built once
_EITHER = or_(claims.c.subject_entity == bindparam("e"), claims.c.object_entity == bindparam("e"))


@lru_cache(maxsize=2)
def _query_of_either(with_entities: bool) -> Any:
    return _ordered(_EITHER, with_entities)


#: the columns of the evidence of a row (``_EVIDENCE_COLUMNS``)
_N_EVIDENCE = len(_EVIDENCE_COLUMNS)


def _add_entities(out: dict[str, Entity], r: Any) -> None:
    """The subject and object entities of a ``_with_entities_query`` row, when not in ``out`` yet."""
    subject, object_entity = r[2], r[4]
    if subject is not None and subject not in out and r[_N_CLAIM + _N_EVIDENCE] is not None:
        out[subject] = Entity(
            id=subject,
            type=r[_N_CLAIM + _N_EVIDENCE],
            name=r[_N_CLAIM - 3],
            aliases=_aliases(r[_N_CLAIM + _N_EVIDENCE + 1]),
        )
    if object_entity is not None and object_entity not in out and r[_N_CLAIM + _N_EVIDENCE + 2] is not None:
        out[object_entity] = Entity(
            id=object_entity,
            type=r[_N_CLAIM + _N_EVIDENCE + 2],
            name=r[_N_CLAIM - 2],
            aliases=_aliases(r[_N_CLAIM + _N_EVIDENCE + 3]),
        )


@lru_cache(maxsize=4096)
def _authors(raw: str | None) -> tuple[str, ...]:
    """The authors of a document, from the text of its JSON list."""
    return tuple(json.loads(raw) or ()) if raw else ()


#: the fields of the read-side views, in the order ``_evidence_view`` and ``_tuple_to_view`` give them
_EVIDENCE_FIELDS = (
    "document", "document_id", "start", "end", "quote", "page", "published", "title", "publisher",
    "source_kind", "stance", "reliability", "url", "authors", "language",
)  # fmt: skip
_VIEW_FIELDS = (
    "id", "predicate", "subject", "subject_name", "object_kind", "object_entity", "object_name",
    "object_value", "object_text", "qualifiers", "status", "rank", "rank_reason", "credibility", "origin",
    "sort_date", "document", "row_version", "updated_at", "updated_by", "evidence",
)  # fmt: skip
for _view, _names in ((EvidenceView, _EVIDENCE_FIELDS), (ClaimView, _VIEW_FIELDS)):
    if sorted(f.name for f in fields(_view)) != sorted(_names):  # a field added to a view, not here
        raise RuntimeError(f"orbat.store.claims: the fields of {_view.__name__} changed")
_new = object.__new__


def _evidence_view(ev: Sequence[Any]) -> EvidenceView:
    """An ``EvidenceView`` of the evidence columns of a row (``_EVIDENCE_COLUMNS``, after evidence.id).

    Built without the frozen dataclass's ``__init__`` (which sets each field through
    ``object.__setattr__``, twice the time): a page reads several hundred of them. The object is the
    same as ``EvidenceView(...)`` would make: its fields in its ``__dict__``, none left out."""
    view = _new(EvidenceView)
    values = view.__dict__
    values.update(zip(_EVIDENCE_FIELDS, ev[1:], strict=True))
    values["authors"] = _authors(values["authors"])
    return view


def _tuple_to_view(r: Any, ev: tuple[EvidenceView, ...]) -> ClaimView:
    """A ``ClaimView`` of a row of ``_claims_query`` (by position: ``_CLAIM_COLUMNS``, then the
    subject's, the object's and the document's names); built as ``_evidence_view`` builds evidence."""
    (
        cid, predicate, subject, object_kind, object_entity, object_value, object_text,
        q_start, q_end, q_as_of, q_role, q_kind, q_claimed_by, hedge,
        status, rank, rank_reason, credibility, origin, sort_date, row_version, updated_at, updated_by,
        subject_name, object_name, document_name,
    ) = r[:_N_CLAIM]  # fmt: skip
    view = _new(ClaimView)
    view.__dict__.update(
        zip(
            _VIEW_FIELDS,
            (
                cid, predicate, subject, subject_name, object_kind, object_entity, object_name, object_value,
                object_text, _qualifiers(q_start, q_end, q_as_of, q_role, q_kind, q_claimed_by, hedge),
                status, rank, rank_reason, credibility, origin, sort_date, document_name, row_version,
                updated_at, updated_by, ev,
            ),
            strict=True,
        )
    )  # fmt: skip
    return view


#: SQLite allows 500 terms in a compound SELECT; larger unions are read in chunks (``_union``)
_MAX_UNION = 450


def _ids_in(
    conn: Connection, parts: list[tuple[str, dict[str, Any]]], common: dict[str, Any], bound: int | None
) -> _Ids:
    """The ids the SELECTs ``parts`` give (glued with UNION ALL), as one SELECT: a subquery of the
    statement that reads the claims, or for a very long union its ids read first. ``bound``:
    how many ids the SELECTs can give at most, said to the planner as a LIMIT (PostgreSQL cannot
    see through the LIMITs of lateral probes and would plan for thousands of rows: hash joins
    over whole tables instead of a few index lookups)."""
    if len(parts) > _MAX_UNION:
        ids = sorted({str(r[0]) for r in _union(conn, parts, common)})
        if conn.dialect.name == "postgresql":
            return _Ids("SELECT id FROM claims WHERE id = ANY(CAST(:ids AS text[]))", {"ids": ids})
        return _Ids("SELECT id FROM claims WHERE id IN :ids", {"ids": ids}, ("ids",))
    params = dict(common)
    for _, p in parts:
        params.update(p)
    union = " UNION ALL ".join(sql for sql, _ in parts)
    sql = f"SELECT id FROM ({union}) AS ids LIMIT {max(1, int(bound))}" if bound is not None else union
    return _Ids(sql, params)


def _latest_of_status(status: str, limit: int) -> str:
    """The ids of the ``limit`` claims about ``:e`` (as subject) of ``status`` that changed last (on the
    (subject_entity, status, updated_at, id) index)."""
    return (
        f"SELECT id FROM claims WHERE subject_entity = :e AND status = '{status}' "
        f"ORDER BY updated_at DESC, id DESC LIMIT {int(limit)}"
    )


def _hub_where(
    conn: Connection, entity: str, counts: dict[tuple[str, str], int], per_predicate: int, rejected: int = 0
) -> _Ids:
    """The claims of a hub's bounded selection (``claims_about``): per side and predicate, every claim
    when there are at most ``per_predicate``, else the first undated, the earliest and the latest
    dated (a third each), plus the ``per_predicate`` last reviewed accepted claims, and the
    ``rejected`` last rejected ones."""
    third = max(1, per_predicate // 3)
    last = per_predicate - 2 * third
    accepted = _latest_of_status("accepted", per_predicate)
    latest = [_latest_of_status("rejected", rejected)] if rejected > 0 else []
    if conn.dialect.name == "postgresql":
        # per side one lateral probe over arrays of (predicate, limits): a UNION of 60 probes took
        # longer to plan than to run (and psycopg forgets prepared statements at every rollback)
        params: dict[str, Any] = {}
        selects = []
        for side, column in _SIDES.items():
            keys = sorted(p for (s, p) in counts if s == side)
            small = [counts[(side, p)] <= per_predicate for p in keys]
            params[f"{side}_p"] = keys
            params[f"{side}_a"] = [per_predicate if sm else 0 for sm in small]
            params[f"{side}_t"] = [0 if sm else third for sm in small]
            params[f"{side}_l"] = [0 if sm else last for sm in small]
            probe = f"SELECT id FROM claims WHERE {column} = :e AND predicate = k.predicate"
            selects.append(
                f"SELECT x.id FROM unnest(CAST(:{side}_p AS text[]), CAST(:{side}_a AS int[]), "
                f"CAST(:{side}_t AS int[]), CAST(:{side}_l AS int[])) AS k(predicate, a, t, l) "
                f"CROSS JOIN LATERAL (({probe} ORDER BY sort_date, id LIMIT k.a) "
                f"UNION ALL ({probe} AND sort_date IS NULL ORDER BY sort_date, id LIMIT k.t) "
                f"UNION ALL ({probe} AND sort_date IS NOT NULL ORDER BY sort_date, id LIMIT k.t) "
                f"UNION ALL ({probe} AND sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT k.l)"
                ") AS x"
            )
        selects.append(f"SELECT id FROM ({accepted}) AS acc")
        selects.extend(f"SELECT id FROM ({sql}) AS rej" for sql in latest)
        # at most per_predicate claims per side and predicate, the accepted and the rejected ones (the
        # same bound, so the same statement, for every hub)
        bound = (max(len(counts), 2 * len(VOCABULARY.predicates)) + 1) * per_predicate + max(rejected, 0)
        return _ids_in(conn, [(" UNION ALL ".join(selects), params)], {"e": entity}, bound)
    parts: list[tuple[str, dict[str, Any]]] = []
    for i, ((side, predicate), n) in enumerate(sorted(counts.items())):
        base = f"SELECT id FROM claims WHERE {_SIDES[side]} = :e AND predicate = :p{i}"
        params = {f"p{i}": predicate}
        if n <= per_predicate:
            parts.append((base, params))
            continue
        parts += [
            (f"{base} AND sort_date IS NULL ORDER BY sort_date, id LIMIT {third}", params),
            (f"{base} AND sort_date IS NOT NULL ORDER BY sort_date, id LIMIT {third}", params),
            (f"{base} AND sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT {last}", params),
        ]
    parts.append((accepted, {}))
    parts.extend((sql, {}) for sql in latest)
    wrapped = [(f"SELECT id FROM ({sql}) AS q{i}", params) for i, (sql, params) in enumerate(parts)]
    return _ids_in(conn, wrapped, {"e": entity}, (len(counts) + 1) * per_predicate + max(rejected, 0))


_COUNTS = text("SELECT side, predicate, n FROM claim_counts WHERE entity = :e AND n > 0")


def _counts(conn: Connection, entity: str) -> dict[tuple[str, str], int]:
    return {(str(side), str(p)): int(n) for side, p, n in conn.execute(_COUNTS, {"e": entity})}


#: the statement that recomputes ``claim_counts`` from ``claims`` (a bulk load without the triggers)
REBUILD_CLAIM_COUNTS = [
    "DELETE FROM claim_counts",
    "INSERT INTO claim_counts (entity, side, predicate, n) "
    + " UNION ALL ".join(
        f"SELECT {column}, '{side}', predicate, count(*) FROM claims "
        f"WHERE {column} IS NOT NULL GROUP BY {column}, predicate"
        for side, column in _SIDES.items()
    ),
]


def _claims_of_pairs(
    conn: Connection, pairs: list[tuple[str, str]], limit: int, entities: dict[str, Entity] | None = None
) -> list[ClaimView]:
    """``Store.claims_of_pairs`` for distinct (subject, canonical predicate) pairs, on ``conn``."""
    if conn.dialect.name == "postgresql":
        # one plan for any number of pairs (a UNION of 40 probes costs more to plan than to run)
        sql = (
            "SELECT q.id FROM unnest(CAST(:subjects AS text[]), CAST(:predicates AS text[])) "
            "AS s(subject, predicate) CROSS JOIN LATERAL "
            "(SELECT id FROM claims WHERE subject_entity = s.subject AND predicate = s.predicate "
            f"AND status != 'rejected' ORDER BY sort_date, id LIMIT {limit}) AS q"
        )
        params = {"subjects": [s for s, _ in pairs], "predicates": [p for _, p in pairs]}
        # no bound: the planner takes an array for 10 elements, and the statement stays the same
        ids = _ids_in(conn, [(sql, params)], {}, None)
    else:
        parts = [
            (
                f"SELECT id FROM (SELECT id FROM claims WHERE subject_entity = :s{i} AND predicate = :p{i} "
                f"AND status != 'rejected' ORDER BY sort_date, id LIMIT {limit}) AS q{i}",
                {f"s{i}": s, f"p{i}": p},
            )
            for i, (s, p) in enumerate(pairs)
        ]
        ids = _ids_in(conn, parts, {}, None)
    return _views_of_ids(conn, ids, entities)


#: the entities of a list of ids (``entities_by_id``): their aliases as text, parsed once per distinct
#: value (``_aliases``); on PostgreSQL one array parameter (the same statement for any number of ids)
_ENTITIES_BY_ID_PG = text(
    "SELECT id, type, name, CAST(aliases AS text) FROM entities WHERE id = ANY(CAST(:ids AS text[]))"
)
_ENTITIES_BY_ID = text(
    "SELECT id, type, name, CAST(aliases AS TEXT) FROM entities WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))


@lru_cache(maxsize=8192)
def _aliases(raw: str | None) -> tuple[Alias, ...]:
    """An entity's aliases from the text of their JSON list (``Alias`` is immutable)."""
    found = json.loads(raw) if raw else None
    return tuple(Alias(a["name"], a.get("lang"), a.get("script")) for a in (found or []))


def row_to_entity(row: RowMapping) -> Entity:
    return Entity(
        id=row["id"],
        type=row["type"],
        name=row["name"],
        aliases=tuple(Alias(a["name"], a.get("lang"), a.get("script")) for a in (row["aliases"] or [])),
    )


@lru_cache(maxsize=256)
def _filtered_query(
    given: tuple[str, ...],
    as_object: bool,
    include_rejected: bool,
    limit: int | None,
    offset: int | None,
    latest_first: bool,
) -> Any:
    """The statement of ``ClaimsMixin.claims`` for a set of filters (``given``: the names of the
    parameters it binds), built once for each such set and page size."""
    conds: list[Any] = []
    if "entity" in given:
        if as_object:
            conds.append(
                or_(
                    claims.c.subject_entity == bindparam("entity"),
                    claims.c.object_entity == bindparam("entity"),
                )
            )
        else:
            conds.append(claims.c.subject_entity == bindparam("entity"))
    if "predicate" in given:
        conds.append(claims.c.predicate == bindparam("predicate"))
    if "status" in given:
        conds.append(claims.c.status == bindparam("status"))
    elif not include_rejected:
        conds.append(claims.c.status != "rejected")
    if "document" in given:
        conds.append(
            claims.c.document_id.in_(select(documents.c.id).where(documents.c.name == bindparam("document")))
        )
    if "claim_ids" in given:
        conds.append(claims.c.id.in_(bindparam("claim_ids", expanding=True)))
    if "subjects" in given:  # claims about any of these entities (as subject)
        conds.append(claims.c.subject_entity.in_(bindparam("subjects", expanding=True)))
    order = (claims.c.updated_at.desc(), claims.c.id.desc()) if latest_first else _PAGE_ORDER
    where: Any = and_(true(), *conds)
    if limit or offset:
        page = select(claims.c.id).where(where).order_by(*order)
        if limit:
            page = page.limit(limit)
        if offset:
            page = page.offset(offset)
        where = claims.c.id.in_(page)
    return _ordered(where, False, order)


def _sample(
    entity: str, views: list[ClaimView], counts: dict[tuple[str, str], int], abridged: bool, rejected: int
) -> ClaimSample:
    """``claims_about``'s sample of the claims read: the live ones, and the ``rejected`` rejected claims
    about ``entity`` that changed last (in the order of ``_latest_of_status``: ids are of one length
    and alphabet, so any collation orders them as Python does)."""
    live = tuple(c for c in views if c.status != "rejected")
    if rejected <= 0:
        return ClaimSample(live, counts, abridged=abridged)
    mine = [c for c in views if c.status == "rejected" and c.subject == entity]
    mine.sort(key=lambda c: (c.updated_at, c.id), reverse=True)
    return ClaimSample(live, counts, abridged=abridged, rejected=tuple(mine[:rejected]))


#: an entity by id (``find_entities``), built once
_ENTITY_BY_ID = select(entities).where(entities.c.id == bindparam("ref"))


class ClaimsMixin(StoreBase):
    # -- entities --------------------------------------------------------
    def list_entities(self, type_: str | None = None, limit: int | None = None) -> list[Entity]:
        query = select(entities).order_by(entities.c.type, entities.c.name)
        if type_:
            VOCABULARY.entity_type(type_)
            query = query.where(entities.c.type == type_)
        if limit:
            query = query.limit(limit)
        with self.reading() as conn:
            return [row_to_entity(r) for r in conn.execute(query).mappings()]

    def entity_claim_counts(self) -> dict[str, int]:
        with self.reading() as conn:
            return {
                r[0]: int(r[1])
                for r in conn.execute(
                    select(claim_counts.c.entity, func.sum(claim_counts.c.n))
                    .where(claim_counts.c.side == "subject")
                    .group_by(claim_counts.c.entity)
                )
                if r[0] and r[1]
            }

    def entities_by_id(self, ids: Iterable[str | None]) -> dict[str, Entity]:
        """The entities of these ids (unknown ids are left out)."""
        wanted = sorted({i for i in ids if i})
        out: dict[str, Entity] = {}
        if not wanted:
            return out
        with self.reading() as conn:
            pg = conn.dialect.name == "postgresql"
            step = len(wanted) if pg else 500
            query = _ENTITIES_BY_ID_PG if pg else _ENTITIES_BY_ID
            for i in range(0, len(wanted), step):
                for eid, type_, name, aliases in conn.execute(query, {"ids": wanted[i : i + step]}):
                    out[eid] = Entity(id=eid, type=type_, name=name, aliases=_aliases(aliases))
        return out

    def get_entity(self, ref: str) -> Entity:
        """An entity by id, or by exact (case-insensitive) name or alias."""
        found = self.find_entities(ref)
        if not found:
            raise NotFound(f"no entity {ref!r}")
        return found[0]

    def find_entities(self, ref: str) -> list[Entity]:
        with self.reading() as conn:
            row = conn.execute(_ENTITY_BY_ID, {"ref": ref}).mappings().first()
            if row is not None:
                return [row_to_entity(row)]
            folded = ref.casefold().strip()
            rows = (
                conn.execute(select(entities).where(func.lower(entities.c.name) == folded)).mappings().all()
            )
            if rows:
                return [row_to_entity(r) for r in rows]
            # alias match: names of the nodes of each entity
            node_rows = conn.execute(
                select(nodes.c.entity_id, nodes.c.names).where(nodes.c.entity_id.is_not(None))
            )
            ids = sorted(
                {r.entity_id for r in node_rows if any(n.casefold() == folded for n in (r.names or []))}
            )
            if not ids:
                return []
            return [
                row_to_entity(r)
                for r in conn.execute(select(entities).where(entities.c.id.in_(ids))).mappings()
            ]

    # -- claims ----------------------------------------------------------
    def claims(
        self,
        *,
        entity: str | None = None,
        predicate: str | None = None,
        status: str | None = None,
        document: str | None = None,
        include_rejected: bool = True,
        as_object: bool = False,
        claim_ids: list[str] | None = None,
        subjects: list[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        latest_first: bool = False,
    ) -> list[ClaimView]:
        """Claims with their evidence, filtered; ordered by (predicate, sort_date, id), or with
        ``latest_first`` by when they last changed (an entity's recently rejected claims). One
        statement (a page of ``limit`` claims is chosen in a subquery, then read with its evidence)."""
        params: dict[str, Any] = {}
        if entity is not None:
            params["entity"] = entity
        if predicate is not None:
            params["predicate"] = VOCABULARY.canonical_predicate(predicate)[0]
        if status is not None:
            params["status"] = Status(status).value
        if document is not None:
            params["document"] = document
        if claim_ids is not None:
            params["claim_ids"] = list(claim_ids)
        if subjects is not None:
            params["subjects"] = list(subjects)
        query = _filtered_query(
            tuple(sorted(params)), as_object, include_rejected, limit or None, offset or None, latest_first
        )
        with self.reading() as conn:
            return _read_views(conn, query, params)

    def claim_counts(self, entity: str) -> dict[tuple[str, str], int]:
        """How many claims name ``entity``, per (side, predicate); side is "subject" or "object"; any
        status. Exact, read from ``claim_counts`` (kept by triggers on ``claims``): one row per
        property, however many claims a hub has."""
        with self.reading() as conn:
            return _counts(conn, entity)

    def claims_about(
        self,
        entity: str,
        *,
        per_predicate: int | None = None,
        whole_up_to: int | None = None,
        skip_hub: bool = False,
        entities: dict[str, Entity] | None = None,
        rejected: int = 0,
    ) -> ClaimSample:
        """The live claims naming ``entity`` as subject or object, bounded for hub entities.

        Entities named by at most ``whole_up_to`` claims come whole. Beyond, per side and predicate
        with more than ``per_predicate`` claims: the first undated, the earliest and the latest dated
        claims (a third each, by id within a date), read from the (entity, predicate, sort_date, id)
        indexes, plus the ``per_predicate`` last reviewed of the entity's accepted claims. The cost is
        bounded by the number of predicates, not by the entity's claims. The exact counts per side and
        predicate (``claim_counts``) come along. Defaults: ``PER_PREDICATE``, ``WHOLE_UP_TO``.
        ``skip_hub``: for a hub, an empty abridged sample (no claims read). ``entities``: the entities
        the claims read name (subject and object) are put in it, read by the same statement.
        ``rejected``: the sample also holds (``ClaimSample.rejected``) the ``rejected`` rejected claims
        about ``entity`` (as subject) that changed last, as ``claims(entity=entity, status="rejected",
        limit=rejected, latest_first=True)`` gives them, read by the same statement.
        """
        per_predicate = per_predicate or PER_PREDICATE
        whole_up_to = whole_up_to or WHOLE_UP_TO
        with self.reading() as conn:
            counts = _counts(conn, entity)
            if sum(counts.values()) <= whole_up_to:
                views = _read_views(conn, _query_of_either(entities is not None), {"e": entity}, entities)
                return _sample(entity, views, counts, False, rejected)
            if skip_hub:
                return ClaimSample((), counts, abridged=True)
            views = _views_of_ids(conn, _hub_where(conn, entity, counts, per_predicate, rejected), entities)
        return _sample(entity, views, counts, True, rejected)

    def claims_of_each(self, subjects: Iterable[str], predicate: str, *, limit_each: int) -> list[ClaimView]:
        """Live claims of ``predicate`` about each of ``subjects``: the earliest ``limit_each`` of each,
        one index probe per subject (a hub among them costs no more than any other); one statement."""
        return self.claims_of_pairs([(s, predicate) for s in subjects], limit_each=limit_each)

    def claims_of_pairs(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        limit_each: int,
        entities: dict[str, Entity] | None = None,
    ) -> list[ClaimView]:
        """Live claims of each (subject, predicate) of ``pairs``: the earliest ``limit_each`` of each
        pair, one index probe per pair; one statement for them all. ``entities``: the entities the
        claims name are put in it, read by the same statement."""
        wanted = list(dict.fromkeys((s, VOCABULARY.canonical_predicate(p)[0]) for s, p in pairs))
        if not wanted:
            return []
        with self.reading() as conn:
            return _claims_of_pairs(conn, wanted, int(limit_each), entities)

    def claims_of_chains(
        self,
        starts: Iterable[tuple[str, str, int]],
        *,
        limit_each: int,
        entities: dict[str, Entity] | None = None,
    ) -> list[ClaimView]:
        """Live claims along chains of one predicate (a group's parents, their parents, ...): for each
        (subject, predicate, levels) of ``starts``, the earliest ``limit_each`` claims of (subject,
        predicate), as ``claims_of_pairs`` reads them, and when ``levels`` > 1 the same for (object,
        predicate, levels - 1) of each of those claims that names an entity and is not doubted.

        Every (subject, predicate) reached is read whole (its earliest ``limit_each``), so a caller can
        walk the chains again from the claims returned, each (subject, predicate)'s in (sort_date, id)
        order. One recursive statement. ``entities``:
        the entities the claims name are put in it, read by the same statements."""
        levels: dict[tuple[str, str], int] = {}
        for s, p, n in starts:
            key = (s, VOCABULARY.canonical_predicate(p)[0])
            levels[key] = max(levels.get(key, 0), int(n))
        levels = {k: n for k, n in levels.items() if n > 0}
        if not levels:
            return []
        limit = int(limit_each)
        with self.reading() as conn:
            if conn.dialect.name == "postgresql":
                probe = (
                    "SELECT {cols} FROM claims WHERE subject_entity = w.subject AND predicate = w.predicate "
                    f"AND status != 'rejected' ORDER BY sort_date, id LIMIT {limit}"
                )
                sql = (
                    "WITH RECURSIVE walk(subject, predicate, levels) AS ("
                    "SELECT subject, predicate, levels FROM unnest(CAST(:subjects AS text[]), "
                    "CAST(:predicates AS text[]), CAST(:levels AS int[])) AS s(subject, predicate, levels) "
                    "UNION SELECT q.object_entity, w.predicate, w.levels - 1 FROM walk AS w CROSS JOIN LATERAL ("
                    + probe.format(cols="object_entity, hedge")
                    + ") AS q WHERE w.levels > 1 AND q.object_entity IS NOT NULL AND q.hedge != 'doubted') "
                    "SELECT q.id FROM (SELECT DISTINCT subject, predicate FROM walk) AS w CROSS JOIN LATERAL ("
                    + probe.format(cols="id")
                    + ") AS q"
                )
                params = {
                    "subjects": [s for s, _ in levels],
                    "predicates": [p for _, p in levels],
                    "levels": list(levels.values()),
                }
                return _views_of_ids(conn, _ids_in(conn, [(sql, params)], {}, None), entities)
            # SQLite: the same walk, with a correlated subquery for each (subject, predicate)'s earliest
            # claims (no LATERAL); the starts as a VALUES list
            probe = (
                "SELECT id FROM claims WHERE subject_entity = w.subject AND predicate = w.predicate "
                f"AND status != 'rejected' ORDER BY sort_date, id LIMIT {limit}"
            )
            values = ", ".join(f"(:s{i}, :p{i}, :n{i})" for i in range(len(levels)))
            sql = (
                "WITH RECURSIVE starts(subject, predicate, levels) AS (VALUES " + values + "), "
                "walk(subject, predicate, levels) AS (SELECT subject, predicate, levels FROM starts "
                "UNION SELECT c.object_entity, w.predicate, w.levels - 1 FROM walk AS w JOIN claims AS c "
                f"ON c.id IN ({probe}) WHERE w.levels > 1 AND c.object_entity IS NOT NULL "
                "AND c.hedge != 'doubted') "
                "SELECT c.id FROM (SELECT DISTINCT subject, predicate FROM walk) AS w JOIN claims AS c "
                f"ON c.id IN ({probe})"
            )
            params = {}
            for i, ((subject, predicate), n) in enumerate(levels.items()):
                params.update({f"s{i}": subject, f"p{i}": predicate, f"n{i}": n})
            return _views_of_ids(conn, _ids_in(conn, [(sql, params)], {}, None), entities)

    def get_claim(self, claim_id: str) -> ClaimView:
        found = self.claims(claim_ids=[claim_id])
        if not found:
            raise NotFound(f"no claim {claim_id!r}")
        return found[0]

    # -- analyst actions ---------------------------------------------------
    def review_claim(
        self,
        claim_id: str,
        status: str,
        *,
        user: str,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> ClaimView:
        Status(status)
        return self._change_claim(claim_id, {"status": status}, "review", user, reason, expected_version)

    def rank_claim(
        self,
        claim_id: str,
        rank: str,
        *,
        user: str,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> ClaimView:
        Rank(rank)
        if rank != "normal" and not reason:
            raise ValidationError("ranking a claim preferred or deprecated needs a reason")
        return self._change_claim(
            claim_id, {"rank": rank, "rank_reason": reason}, "rank", user, reason, expected_version
        )

    def set_credibility(
        self, claim_id: str, credibility: int | None, *, user: str, reason: str | None = None
    ) -> ClaimView:
        if credibility is not None and not 1 <= credibility <= 6:
            raise ValidationError("credibility is graded 1 (confirmed) to 6 (cannot be judged)")
        return self._change_claim(claim_id, {"credibility": credibility}, "grade", user, reason, None)

    def _change_claim(
        self,
        claim_id: str,
        values: dict[str, Any],
        action: str,
        user: str,
        reason: str | None,
        expected_version: int | None,
    ) -> ClaimView:
        now = utcnow()
        with self.transaction() as conn:
            row = conn.execute(select(claims).where(claims.c.id == claim_id)).mappings().first()
            if row is None:
                raise NotFound(f"no claim {claim_id!r}")
            version = row["row_version"]
            if expected_version is not None and expected_version != version:
                raise Conflict(
                    f"claim {claim_id} was changed by {row['updated_by'] or 'someone'} meanwhile; reload it"
                )
            before = {k: row[k] for k in values}
            result = conn.execute(
                update(claims)
                .where(claims.c.id == claim_id, claims.c.row_version == version)
                .values(**values, updated_at=now, updated_by=user, row_version=version + 1)
            )
            if result.rowcount != 1:
                raise Conflict(f"claim {claim_id} was changed concurrently; reload it")
            self.record_audit(
                conn,
                user=user,
                action=action,
                target_kind="claim",
                target_id=claim_id,
                before=before,
                after=values,
                reason=reason,
                at=now,
            )
        return self.get_claim(claim_id)

    def add_analyst_claim(
        self,
        *,
        subject_entity: str,
        predicate: str,
        object_: ObjectValue,
        qualifiers: Qualifiers,
        document: str,
        start: int,
        end: int,
        user: str,
        reason: str | None = None,
    ) -> ClaimView:
        """An analyst's own claim: evidence (document, offsets) is required and checked."""
        now = utcnow()
        with self.transaction() as conn:
            doc = conn.execute(
                select(documents.c.id, documents.c.text, documents.c.name).where(
                    documents.c.name == document, documents.c.is_current.is_(True)
                )
            ).first()
            if doc is None or doc.text is None:
                raise NotFound(f"no document {document!r} with text to quote")
            if not (0 <= start < end <= len(doc.text)):
                raise ValidationError(f"span {start}-{end} is outside document {document!r}")
            subject_node = self._anchor_node(conn, subject_entity)
            obj = object_
            if isinstance(obj, EntityRef):
                obj = EntityRef(self._anchor_node(conn, obj.entity))
            claim = Claim(
                subject=subject_node,
                predicate=predicate,
                object=obj,
                qualifiers=qualifiers,
                evidence=(Evidence.from_text(doc.name, doc.text, start, end),),
                status=Status.ACCEPTED.value,
                origin=f"analyst:{user}",
            ).with_id()
            assert claim.id is not None
            exists = conn.execute(select(claims.c.id).where(claims.c.id == claim.id)).first()
            if exists is not None:
                raise Conflict(f"the same claim already exists: {claim.id}")
            conn.execute(insert(claims).values(**claim_row(claim, doc.id, now, user)))
            ev = claim.evidence[0]
            conn.execute(
                insert(evidence).values(
                    claim_id=claim.id, document_id=doc.id, start=ev.start, end=ev.end, quote=ev.quote
                )
            )
            self.refresh_claim_entities_for(conn, claim.id)
            self.record_audit(
                conn,
                user=user,
                action="add",
                target_kind="claim",
                target_id=claim.id,
                before=None,
                after={
                    "predicate": predicate,
                    "object": object_.to_json(),
                    "document": document,
                    "start": start,
                    "end": end,
                },
                reason=reason,
                at=now,
            )
        return self.get_claim(claim.id)

    @staticmethod
    def _anchor_node(conn: Connection, entity_id: str) -> str:
        row = conn.execute(
            select(nodes.c.id).where(nodes.c.entity_id == entity_id).order_by(nodes.c.id).limit(1)
        ).first()
        if row is None:
            raise NotFound(f"no entity {entity_id!r}")
        return str(row[0])

    @staticmethod
    def refresh_claim_entities_for(conn: Connection, claim_id: str) -> None:
        subj = select(nodes.c.entity_id).where(nodes.c.id == claims.c.subject_node).scalar_subquery()
        obj = select(nodes.c.entity_id).where(nodes.c.id == claims.c.object_node).scalar_subquery()
        conn.execute(
            update(claims).where(claims.c.id == claim_id).values(subject_entity=subj, object_entity=obj)
        )


@lru_cache(maxsize=65536)
def _qualifiers(
    start: str | None,
    end: str | None,
    as_of: str | None,
    role: str | None,
    kind: str | None,
    claimed_by: str | None,
    hedge: str,
) -> Qualifiers:
    """``Qualifiers`` (immutable, checked on construction) of these values, checked once: most claims
    share a handful of them."""
    return Qualifiers(
        start=start, end=end, as_of=as_of, role=role, kind=kind, claimed_by=claimed_by, hedge=hedge
    )


def parse_object(raw: Any) -> ObjectValue:
    return object_from_json(raw)
