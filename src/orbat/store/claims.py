"""Reading claims and entities; analyst actions on claims (review, rank, add).

Every analyst change is checked against the row version it was made on
(optimistic locking: a concurrent change raises Conflict instead of being
lost) and is written to the append-only audit trail in the same transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, or_, select, text, update
from sqlalchemy.orm import aliased

from orbat.errors import Conflict, NotFound, ValidationError
from orbat.model import VOCABULARY, Claim, Entity, Evidence, Qualifiers, Rank, Status, utcnow
from orbat.model.records import Alias
from orbat.model.values import EntityRef, ObjectValue, object_from_json
from orbat.model.views import ClaimSample, ClaimView, EvidenceView
from orbat.store.base import StoreBase
from orbat.store.extractions import claim_row
from orbat.store.tables import claims, documents, entities, evidence, nodes

#: ``Store.claims_about`` reads an entity whole up to this many claims naming it ...
WHOLE_UP_TO = 400
#: ... and beyond, this many claims per side and predicate (a third undated, earliest, latest), and as
#: many of its accepted claims, the latest reviewed first
PER_PREDICATE = 9
#: a hub's claims are counted per side and predicate up to this many ("more than 1,000")
COUNT_CAP = 1000


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


def row_to_entity(row: RowMapping) -> Entity:
    return Entity(
        id=row["id"],
        type=row["type"],
        name=row["name"],
        aliases=tuple(Alias(a["name"], a.get("lang"), a.get("script")) for a in (row["aliases"] or [])),
    )


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
                    select(claims.c.subject_entity, func.count()).group_by(claims.c.subject_entity)
                )
                if r[0]
            }

    def entities_by_id(self, ids: Iterable[str | None]) -> dict[str, Entity]:
        """The entities of these ids (unknown ids are left out)."""
        wanted = sorted({i for i in ids if i})
        out: dict[str, Entity] = {}
        with self.reading() as conn:
            for i in range(0, len(wanted), 500):
                query = select(entities).where(entities.c.id.in_(wanted[i : i + 500]))
                out.update((r["id"], row_to_entity(r)) for r in conn.execute(query).mappings())
        return out

    def get_entity(self, ref: str) -> Entity:
        """An entity by id, or by exact (case-insensitive) name or alias."""
        found = self.find_entities(ref)
        if not found:
            raise NotFound(f"no entity {ref!r}")
        return found[0]

    def find_entities(self, ref: str) -> list[Entity]:
        with self.reading() as conn:
            row = conn.execute(select(entities).where(entities.c.id == ref)).mappings().first()
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
        ``latest_first`` by when they last changed (an entity's recently rejected claims)."""
        subj = aliased(entities)
        obj = aliased(entities)
        query = (
            select(
                claims,
                subj.c.name.label("subject_name"),
                obj.c.name.label("object_name"),
                documents.c.name.label("document_name"),
            )
            .outerjoin(subj, subj.c.id == claims.c.subject_entity)
            .outerjoin(obj, obj.c.id == claims.c.object_entity)
            .outerjoin(documents, documents.c.id == claims.c.document_id)
        )
        if entity is not None:
            if as_object:
                query = query.where(or_(claims.c.subject_entity == entity, claims.c.object_entity == entity))
            else:
                query = query.where(claims.c.subject_entity == entity)
        if predicate is not None:
            pred, _ = VOCABULARY.canonical_predicate(predicate)
            query = query.where(claims.c.predicate == pred)
        if status is not None:
            Status(status)
            query = query.where(claims.c.status == status)
        elif not include_rejected:
            query = query.where(claims.c.status != "rejected")
        if document is not None:
            query = query.where(documents.c.name == document)
        if claim_ids is not None:
            query = query.where(claims.c.id.in_(claim_ids))
        if subjects is not None:  # claims about any of these entities (as subject)
            query = query.where(claims.c.subject_entity.in_(subjects))
        if latest_first:
            query = query.order_by(claims.c.updated_at.desc(), claims.c.id.desc())
        else:
            query = query.order_by(claims.c.predicate, claims.c.sort_date, claims.c.id)
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self.reading() as conn:
            rows = list(conn.execute(query).mappings())
            ev = self._evidence_for(conn, [r["id"] for r in rows])
        return [_row_to_view(r, ev.get(r["id"], ())) for r in rows]

    def claim_counts(self, entity: str, *, cap: int | None = None) -> dict[tuple[str, str], int]:
        """How many claims name ``entity``, per (side, predicate); side is "subject" or "object"; any
        status. Counted on the (entity, predicate, ...) indexes, without reading the claims. With
        ``cap``, each count stops at ``cap + 1`` ("more than cap"): a hub costs no more than that."""
        out: dict[tuple[str, str], int] = {}
        with self.reading() as conn:
            if cap is None:
                for side, column in _SIDES.items():
                    query = text(
                        f"SELECT predicate, count(*) FROM claims WHERE {column} = :e GROUP BY predicate"
                    )
                    out.update(((side, str(p)), int(n)) for p, n in conn.execute(query, {"e": entity}))
                return out
            keys = [(side, p) for side in _SIDES for p in sorted(VOCABULARY.predicates)]
            parts = [
                (
                    f"SELECT {i} AS k, count(*) AS n FROM (SELECT 1 AS x FROM claims "
                    f"WHERE {_SIDES[side]} = :e AND predicate = :p{i} LIMIT {int(cap) + 1}) AS c{i}",
                    {f"p{i}": p},
                )
                for i, (side, p) in enumerate(keys)
            ]
            for k, n in _union(conn, parts, {"e": entity}):
                if n:
                    out[keys[int(k)]] = int(n)
        return out

    def claims_about(
        self,
        entity: str,
        *,
        per_predicate: int | None = None,
        whole_up_to: int | None = None,
        skip_hub: bool = False,
    ) -> ClaimSample:
        """The live claims naming ``entity`` as subject or object, bounded for hub entities.

        Entities named by at most ``whole_up_to`` claims come whole. Beyond, per side and predicate
        with more than ``per_predicate`` claims: the first undated, the earliest and the latest dated
        claims (a third each, by id within a date), read from the (entity, predicate, sort_date, id)
        indexes, plus the ``per_predicate`` last reviewed of the entity's accepted claims. The cost is
        bounded by the number of predicates, not by the entity's claims. Defaults: ``PER_PREDICATE``,
        ``WHOLE_UP_TO``. ``skip_hub``: for a hub, an empty abridged sample (no claims read).
        """
        per_predicate = per_predicate or PER_PREDICATE
        whole_up_to = whole_up_to or WHOLE_UP_TO
        with self.reading() as conn:
            probes: list[tuple[str, dict[str, Any]]] = [
                (
                    f"SELECT count(*) AS n FROM (SELECT 1 AS x FROM claims WHERE {column} = :e "
                    f"LIMIT {int(whole_up_to) + 1}) AS s{i}",
                    {},
                )
                for i, column in enumerate(_SIDES.values())
            ]
            seen = sum(int(r[0]) for r in _union(conn, probes, {"e": entity}))
        if seen <= whole_up_to:
            views = self.claims(entity=entity, as_object=True)
            tally = Counter(
                (side, c.predicate)
                for c in views
                for side, e in (("subject", c.subject), ("object", c.object_entity))
                if e == entity
            )
            live = tuple(c for c in views if c.status != "rejected")
            return ClaimSample(live, dict(tally), abridged=False)
        if skip_hub:
            return ClaimSample((), {}, abridged=True)
        counts = self.claim_counts(entity, cap=COUNT_CAP)
        third = max(1, per_predicate // 3)
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
                (
                    f"{base} AND sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC "
                    f"LIMIT {per_predicate - 2 * third}",
                    params,
                ),
            ]
        parts.append(
            (
                "SELECT id FROM claims WHERE subject_entity = :e AND status = 'accepted' "
                f"ORDER BY updated_at DESC, id DESC LIMIT {int(per_predicate)}",
                {},
            )
        )
        with self.reading() as conn:
            wrapped = [(f"SELECT id FROM ({sql}) AS q{i}", params) for i, (sql, params) in enumerate(parts)]
            ids = sorted({str(r[0]) for r in _union(conn, wrapped, {"e": entity})})
        views = self.claims(claim_ids=ids)
        live = tuple(c for c in views if c.status != "rejected")
        return ClaimSample(live, counts, abridged=True, count_cap=COUNT_CAP)

    def claims_of_each(self, subjects: Iterable[str], predicate: str, *, limit_each: int) -> list[ClaimView]:
        """Live claims of ``predicate`` about each of ``subjects``: the earliest ``limit_each`` of each,
        one index probe per subject (a hub among them costs no more than any other)."""
        pred, _ = VOCABULARY.canonical_predicate(predicate)
        parts = [
            (
                f"SELECT id FROM (SELECT id FROM claims WHERE subject_entity = :s{i} AND predicate = :p "
                f"AND status != 'rejected' ORDER BY sort_date, id LIMIT {int(limit_each)}) AS q{i}",
                {f"s{i}": s},
            )
            for i, s in enumerate(dict.fromkeys(subjects))
        ]
        with self.reading() as conn:
            ids = sorted({str(r[0]) for r in _union(conn, parts, {"p": pred})})
        return self.claims(claim_ids=ids) if ids else []

    def get_claim(self, claim_id: str) -> ClaimView:
        found = self.claims(claim_ids=[claim_id])
        if not found:
            raise NotFound(f"no claim {claim_id!r}")
        return found[0]

    @staticmethod
    def _evidence_for(conn: Connection, ids: list[str]) -> dict[str, tuple[EvidenceView, ...]]:
        out: dict[str, list[EvidenceView]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            query = (
                select(
                    evidence,
                    documents.c.name.label("doc_name"),
                    documents.c.published,
                    documents.c.title,
                    documents.c.publisher,
                    documents.c.source_kind,
                    documents.c.stance,
                    documents.c.reliability,
                    documents.c.url,
                    documents.c.authors,
                    documents.c.language,
                )
                .join(documents, documents.c.id == evidence.c.document_id)
                .where(evidence.c.claim_id.in_(chunk))
                .order_by(evidence.c.id)
            )
            for r in conn.execute(query).mappings():
                out[r["claim_id"]].append(
                    EvidenceView(
                        r["doc_name"],
                        r["document_id"],
                        r["start"],
                        r["end"],
                        r["quote"],
                        r["page"],
                        r["published"],
                        r["title"],
                        r["publisher"],
                        r["source_kind"],
                        r["stance"],
                        r["reliability"],
                        r["url"],
                        tuple(r["authors"] or ()),
                        r["language"],
                    )
                )
        return {k: tuple(v) for k, v in out.items()}

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


def _row_to_view(r: RowMapping, ev: tuple[EvidenceView, ...]) -> ClaimView:
    q = Qualifiers(
        start=r["q_start"],
        end=r["q_end"],
        as_of=r["q_as_of"],
        role=r["q_role"],
        kind=r["q_kind"],
        claimed_by=r["q_claimed_by"],
        hedge=r["hedge"],
    )
    return ClaimView(
        id=r["id"],
        predicate=r["predicate"],
        subject=r["subject_entity"],
        subject_name=r["subject_name"],
        object_kind=r["object_kind"],
        object_entity=r["object_entity"],
        object_name=r["object_name"],
        object_value=r["object_value"],
        object_text=r["object_text"],
        qualifiers=q,
        status=r["status"],
        rank=r["rank"],
        rank_reason=r["rank_reason"],
        credibility=r["credibility"],
        origin=r["origin"],
        sort_date=r["sort_date"],
        document=r["document_name"],
        row_version=r["row_version"],
        updated_at=r["updated_at"],
        updated_by=r["updated_by"],
        evidence=ev,
    )


def parse_object(raw: Any) -> ObjectValue:
    return object_from_json(raw)
