"""Resolution state: nodes → entities, and the judgements behind it.

Judgements are data (nomenklatura's idea): an auto judgement comes from the
matcher and is regenerated on each run; a human judgement (merge, split,
same, different) is kept with who, when and why, survives re-extraction and
re-resolution, and can be undone (soft delete) as one decision.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, text, update

from orbat.errors import NotFound, ValidationError
from orbat.model import Entity, utcnow
from orbat.store.base import StoreBase
from orbat.store.tables import claims, entities, judgements, nodes

_JUDGEMENT_BATCH = 20_000


@dataclass(frozen=True)
class NodeInfo:
    id: str
    type: str
    name: str
    names: tuple[str, ...]
    document_id: int | None
    entity_id: str | None


@dataclass(frozen=True)
class JudgementRow:
    id: int
    decision: str
    left: str
    right: str
    verdict: str
    source: str
    user: str | None
    reason: str | None
    score: float | None
    features: dict[str, Any] | None
    created_at: Any
    deleted_at: Any


class ResolutionMixin(StoreBase):
    def all_nodes(self) -> list[NodeInfo]:
        with self.reading() as conn:
            return [
                NodeInfo(r.id, r.type, r.name, tuple(r.names or (r.name,)), r.document_id, r.entity_id)
                for r in conn.execute(select(nodes).order_by(nodes.c.id))
            ]

    def node_relations(self) -> list[tuple[str, str, str]]:
        """(subject node, predicate, object node) of entity-valued claims: context for matching."""
        with self.reading() as conn:
            return [
                (r.subject_node, r.predicate, r.object_node)
                for r in conn.execute(
                    select(claims.c.subject_node, claims.c.predicate, claims.c.object_node).where(
                        claims.c.object_node.is_not(None), claims.c.status != "rejected"
                    )
                )
            ]

    def judgements(self, source: str | None = None, include_deleted: bool = False) -> list[JudgementRow]:
        query = select(judgements).order_by(judgements.c.id)
        if source:
            query = query.where(judgements.c.source == source)
        if not include_deleted:
            query = query.where(judgements.c.deleted_at.is_(None))
        with self.reading() as conn:
            return [
                JudgementRow(
                    r.id,
                    r.decision,
                    r.left_node,
                    r.right_node,
                    r.verdict,
                    r.source,
                    r.user,
                    r.reason,
                    r.score,
                    r.features,
                    r.created_at,
                    r.deleted_at,
                )
                for r in conn.execute(query)
            ]

    def save_resolution(
        self,
        mapping: dict[str, str],
        resolved: Sequence[Entity],
        auto: Iterable[tuple[str, str, str, float | None, dict[str, Any] | None]],
    ) -> None:
        """Replace the derived state: auto judgements, node→entity, entities, claim entity columns."""
        now = utcnow()
        with self.transaction() as conn:
            self.lock_resolution(conn)
            conn.execute(delete(judgements).where(judgements.c.source == "auto"))
            rows = (
                {
                    "decision": "auto",
                    "left_node": a,
                    "right_node": b,
                    "verdict": verdict,
                    "source": "auto",
                    "user": None,
                    "reason": None,
                    "score": score,
                    "features": features,
                    "created_at": now,
                    "deleted_at": None,
                }
                for a, b, verdict, score, features in auto
            )
            # in batches: a large store has millions of auto judgements, and a row dict each at once
            # was most of a resolution run's memory
            while batch := list(islice(rows, _JUDGEMENT_BATCH)):
                conn.execute(insert(judgements), batch)
            current = {r.id: r.entity_id for r in conn.execute(select(nodes.c.id, nodes.c.entity_id))}
            changed = [{"nid": n, "eid": e} for n, e in mapping.items() if current.get(n) != e]
            if changed:
                conn.execute(
                    update(nodes).where(nodes.c.id == bindparam("nid")).values(entity_id=bindparam("eid")),
                    changed,
                )
            conn.execute(delete(entities))
            if resolved:
                conn.execute(
                    insert(entities),
                    [
                        {
                            "id": e.id,
                            "type": e.type,
                            "name": e.name,
                            "aliases": [
                                {"name": a.name, "lang": a.lang, "script": a.script} for a in e.aliases
                            ],
                            "updated_at": now,
                        }
                        for e in resolved
                    ],
                )
            self.refresh_claim_entities(conn)

    # -- incremental resolution ---------------------------------------------
    def unresolved_counts(self) -> list[tuple[int | None, int]]:
        """(document id, nodes) of the nodes in no entity yet, by document (nodes of no document last)."""
        with self.reading() as conn:
            rows = conn.execute(
                select(nodes.c.document_id, func.count())
                .where(nodes.c.entity_id.is_(None))
                .group_by(nodes.c.document_id)
            ).all()
        return sorted(((r[0], int(r[1])) for r in rows), key=lambda r: (r[0] is None, r[0] or 0))

    def unresolved_nodes(self, document_ids: Sequence[int | None]) -> list[NodeInfo]:
        """The nodes in no entity yet of these documents (``None``: nodes of no document), by document and id."""
        docs = [d for d in document_ids if d is not None]
        out: list[NodeInfo] = []
        with self.reading() as conn:
            queries = [nodes.c.document_id.in_(docs[i : i + 500]) for i in range(0, len(docs), 500)]
            if None in document_ids:
                queries.append(nodes.c.document_id.is_(None))
            for where in queries:
                out.extend(
                    NodeInfo(r.id, r.type, r.name, tuple(r.names or (r.name,)), r.document_id, None)
                    for r in conn.execute(select(nodes).where(where, nodes.c.entity_id.is_(None)))
                )
        out.sort(key=lambda n: (n.document_id is None, n.document_id or 0, n.id))
        return out

    def node_context(self, node_ids: Iterable[str]) -> dict[str, set[str]]:
        """Names (case-folded) of the nodes each of ``node_ids`` is related to by an entity-valued claim."""
        ids = sorted(set(node_ids))
        out: dict[str, set[str]] = {i: set() for i in ids}
        for node, names in self._related_names(ids, claims.c.subject_node, claims.c.object_node):
            out[node].update(x.casefold() for x in names)
        return out

    def entity_context(self, entity_ids: Iterable[str], limit: int = 200) -> dict[str, set[str]]:
        """Names (case-folded) of the nodes the nodes of each entity are related to by an
        entity-valued claim: ``node_context`` of a whole entity, its ``limit`` most frequent."""
        ids = sorted(set(entity_ids))
        seen: dict[str, Counter[str]] = {i: Counter() for i in ids}
        for entity, names in self._related_names(ids, claims.c.subject_entity, claims.c.object_entity):
            seen[entity].update({x.casefold() for x in names})
        return {e: {x for x, _n in c.most_common(limit)} for e, c in seen.items()}

    def _related_names(
        self, ids: Sequence[str], subject: Any, object_: Any
    ) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(one of ``ids``, the names of a node it is related to by a live entity-valued claim), with
        ``ids`` matched against the claims' ``subject`` and ``object_`` columns (nodes or entities)."""
        other = nodes.alias("other")
        with self.reading() as conn:
            for lo in range(0, len(ids), 500):
                chunk = ids[lo : lo + 500]
                for mine, theirs in ((subject, claims.c.object_node), (object_, claims.c.subject_node)):
                    rows = conn.execute(
                        select(mine, other.c.names, other.c.name)
                        .join(other, other.c.id == theirs)
                        .where(
                            mine.in_(chunk), claims.c.object_node.is_not(None), claims.c.status != "rejected"
                        )
                    )
                    for key, names, name in rows:
                        yield key, tuple(names or (name,))

    def entity_names(self, ids: Iterable[str] | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
        """(id, type, names: the display name, then the aliases) of every entity (or of those of
        ``ids``), by id."""
        query = select(entities.c.id, entities.c.type, entities.c.name, entities.c.aliases)
        wanted = None if ids is None else sorted(set(ids))
        wheres = (
            [None]
            if wanted is None
            else [entities.c.id.in_(wanted[lo : lo + 500]) for lo in range(0, len(wanted), 500)]
        )
        out: list[tuple[str, str, tuple[str, ...]]] = []
        with self.reading() as conn:
            for where in wheres:
                rows = conn.execute(query if where is None else query.where(where))
                out.extend(
                    (r.id, r.type, tuple(dict.fromkeys([r.name, *(a["name"] for a in r.aliases or ())])))
                    for r in rows
                )
        out.sort()
        return out

    def count_entities(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(entities)).scalar_one())

    def entity_of_nodes(self, node_ids: Iterable[str]) -> dict[str, str | None]:
        ids = sorted(set(node_ids))
        out: dict[str, str | None] = {}
        with self.reading() as conn:
            for lo in range(0, len(ids), 500):
                q = select(nodes.c.id, nodes.c.entity_id).where(nodes.c.id.in_(ids[lo : lo + 500]))
                out.update((r.id, r.entity_id) for r in conn.execute(q))
        return out

    def member_names(self, entity_ids: Iterable[str]) -> list[tuple[str, str, tuple[str, ...]]]:
        """(entity, node, names) of every node of these entities."""
        ids = sorted(set(entity_ids))
        out: list[tuple[str, str, tuple[str, ...]]] = []
        with self.reading() as conn:
            for lo in range(0, len(ids), 500):
                q = select(nodes.c.entity_id, nodes.c.id, nodes.c.name, nodes.c.names).where(
                    nodes.c.entity_id.in_(ids[lo : lo + 500])
                )
                out.extend((r.entity_id, r.id, tuple(r.names or (r.name,))) for r in conn.execute(q))
        return out

    def save_increment(
        self,
        assign: dict[str, str],
        merged: dict[str, str],
        resolved: Sequence[Entity],
        auto: Iterable[tuple[str, str, str, float | None, dict[str, Any] | None]],
        *,
        dropped: Sequence[str] = (),
        reassessed: Sequence[str] = (),
    ) -> None:
        """Add to the resolution without replacing it: new nodes join entities (``assign``: node ->
        entity), entities merge into others (``merged``: old id -> new id), ``resolved`` entities are
        written (inserted or updated), entities ``dropped`` (re-resolved, and no longer a cluster's
        id) deleted, the auto judgements on ``reassessed`` nodes replaced by ``auto``."""
        now = utcnow()
        with self.transaction() as conn:
            self.lock_resolution(conn)
            again = sorted(set(reassessed))
            for lo in range(0, len(again), 500):
                chunk = again[lo : lo + 500]
                conn.execute(
                    delete(judgements).where(
                        judgements.c.source == "auto",
                        or_(judgements.c.left_node.in_(chunk), judgements.c.right_node.in_(chunk)),
                    )
                )
            rows = (
                {
                    "decision": "auto",
                    "left_node": a,
                    "right_node": b,
                    "verdict": verdict,
                    "source": "auto",
                    "user": None,
                    "reason": None,
                    "score": score,
                    "features": features,
                    "created_at": now,
                    "deleted_at": None,
                }
                for a, b, verdict, score, features in auto
            )
            while batch := list(islice(rows, _JUDGEMENT_BATCH)):
                conn.execute(insert(judgements), batch)
            changed = list(assign)
            for old, new in sorted(merged.items()):
                moved = [r[0] for r in conn.execute(select(nodes.c.id).where(nodes.c.entity_id == old))]
                changed.extend(moved)
                conn.execute(update(nodes).where(nodes.c.entity_id == old).values(entity_id=new))
            if assign:
                conn.execute(
                    update(nodes).where(nodes.c.id == bindparam("nid")).values(entity_id=bindparam("eid")),
                    [{"nid": n, "eid": e} for n, e in assign.items()],
                )
            gone = sorted({*merged, *dropped})
            for lo in range(0, len(gone), 500):
                conn.execute(delete(entities).where(entities.c.id.in_(gone[lo : lo + 500])))
            rows_of = [
                {
                    "id": e.id,
                    "type": e.type,
                    "name": e.name,
                    "aliases": [{"name": a.name, "lang": a.lang, "script": a.script} for a in e.aliases],
                    "updated_at": now,
                }
                for e in resolved
            ]
            ids = [r["id"] for r in rows_of]
            present: set[str] = set()
            for lo in range(0, len(ids), 500):
                q = select(entities.c.id).where(entities.c.id.in_(ids[lo : lo + 500]))
                present.update(r[0] for r in conn.execute(q))
            fresh = [r for r in rows_of if r["id"] not in present]
            if fresh:
                conn.execute(insert(entities), fresh)
            kept = [{**r, "eid": r["id"]} for r in rows_of if r["id"] in present]
            if kept:
                conn.execute(
                    update(entities)
                    .where(entities.c.id == bindparam("eid"))
                    .values(
                        type=bindparam("type"),
                        name=bindparam("name"),
                        aliases=bindparam("aliases"),
                        updated_at=bindparam("updated_at"),
                    ),
                    [{k: v for k, v in r.items() if k != "id"} for r in kept],
                )
            self.refresh_claim_entities(conn, changed)

    def lock_resolution(self, conn: Connection) -> None:
        """Serialise resolution runs (SQLite's write lock already does; PostgreSQL needs a lock)."""
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7405211)"))

    @staticmethod
    def refresh_claim_entities(conn: Connection, node_ids: Sequence[str] | None = None) -> None:
        """Copy the node -> entity mapping into the claims' entity columns: of every claim, or of the
        claims of ``node_ids`` (as subject or object)."""
        subj = select(nodes.c.entity_id).where(nodes.c.id == claims.c.subject_node).scalar_subquery()
        obj = select(nodes.c.entity_id).where(nodes.c.id == claims.c.object_node).scalar_subquery()
        # only the claims whose entities change: the rest stay untouched (and ``claim_counts``' triggers
        # see no more rows than changed)
        changed = or_(
            claims.c.subject_entity.is_distinct_from(subj), claims.c.object_entity.is_distinct_from(obj)
        )
        if node_ids is None:
            scopes = [changed]
        else:
            ids = sorted(set(node_ids))
            scopes = [
                and_(or_(claims.c.subject_node.in_(chunk), claims.c.object_node.in_(chunk)), changed)
                for chunk in (ids[lo : lo + 500] for lo in range(0, len(ids), 500))
            ]
        for where in scopes:
            conn.execute(update(claims).where(where).values(subject_entity=subj, object_entity=obj))

    # -- analyst decisions -------------------------------------------------
    def nodes_of_entities(self, entity_ids: Sequence[str]) -> list[NodeInfo]:
        """The nodes of these entities, by entity and id."""
        out: list[NodeInfo] = []
        ids = sorted(set(entity_ids))
        with self.reading() as conn:
            for lo in range(0, len(ids), 500):
                query = select(nodes).where(nodes.c.entity_id.in_(ids[lo : lo + 500]))
                out.extend(
                    NodeInfo(r.id, r.type, r.name, tuple(r.names or (r.name,)), r.document_id, r.entity_id)
                    for r in conn.execute(query)
                )
        out.sort(key=lambda n: (n.entity_id or "", n.id))
        return out

    def decision_entities(self, decision: str) -> set[str]:
        """The entities now holding the nodes of a decision's edges (live or withdrawn) and of the
        edges it removed."""
        with self.reading() as conn:
            edges = select(judgements.c.left_node, judgements.c.right_node)
            rows = list(conn.execute(edges.where(judgements.c.decision == decision)))
            from orbat.store.tables import audit

            made = conn.execute(
                select(audit.c.after).where(audit.c.target_kind == "decision", audit.c.target_id == decision)
            ).first()
            removed = list((made[0] or {}).get("deleted_edges", [])) if made else []
            if removed:
                rows += conn.execute(edges.where(judgements.c.id.in_(removed)))
        found = self.entity_of_nodes(x for r in rows for x in r)
        return {e for e in found.values() if e}

    def nodes_of_entity(self, entity_id: str, conn: Connection | None = None) -> list[NodeInfo]:
        query = select(nodes).where(nodes.c.entity_id == entity_id).order_by(nodes.c.id)

        def run(c: Connection) -> list[NodeInfo]:
            return [
                NodeInfo(r.id, r.type, r.name, tuple(r.names or ()), r.document_id, r.entity_id)
                for r in c.execute(query)
            ]

        if conn is not None:
            return run(conn)
        with self.reading() as c:
            return run(c)

    def decide(
        self,
        pairs: Sequence[tuple[str, str]],
        verdict: str,
        *,
        user: str,
        reason: str | None = None,
        action: str = "judge",
        deleted_edges: Sequence[int] = (),
    ) -> str:
        """Record one analyst decision (a set of same/different edges). Returns its id."""
        if verdict not in ("same", "different"):
            raise ValidationError(f"verdict must be same or different, not {verdict!r}")
        if not pairs:
            raise ValidationError("a decision needs at least one pair of nodes")
        decision = f"D{uuid.uuid4().hex[:12]}"
        now = utcnow()
        with self.transaction() as conn:
            known = {
                r[0]
                for r in conn.execute(select(nodes.c.id).where(nodes.c.id.in_({x for p in pairs for x in p})))
            }
            missing = {x for p in pairs for x in p} - known
            if missing:
                raise NotFound(f"no node(s) {', '.join(sorted(missing))}")
            conn.execute(
                insert(judgements),
                [
                    {
                        "decision": decision,
                        "left_node": a,
                        "right_node": b,
                        "verdict": verdict,
                        "source": "human",
                        "user": user,
                        "reason": reason,
                        "score": None,
                        "features": None,
                        "created_at": now,
                        "deleted_at": None,
                    }
                    for a, b in pairs
                ],
            )
            if deleted_edges:
                conn.execute(
                    update(judgements).where(judgements.c.id.in_(list(deleted_edges))).values(deleted_at=now)
                )
            self.record_audit(
                conn,
                user=user,
                action=action,
                target_kind="decision",
                target_id=decision,
                before=None,
                after={
                    "verdict": verdict,
                    "pairs": [list(p) for p in pairs],
                    "deleted_edges": list(deleted_edges),
                },
                reason=reason,
                at=now,
            )
        return decision

    def undo_decision(self, decision: str, *, user: str, reason: str | None = None) -> int:
        """Withdraw an analyst decision; edges it removed come back. Returns edges withdrawn."""
        now = utcnow()
        with self.transaction() as conn:
            live = conn.execute(
                select(func.count()).where(
                    judgements.c.decision == decision,
                    judgements.c.source == "human",
                    judgements.c.deleted_at.is_(None),
                )
            ).scalar_one()
            if not live:
                raise NotFound(f"no live decision {decision!r}")
            conn.execute(
                update(judgements)
                .where(judgements.c.decision == decision, judgements.c.deleted_at.is_(None))
                .values(deleted_at=now)
            )
            from orbat.store.tables import audit

            made = conn.execute(
                select(audit.c.after).where(audit.c.target_kind == "decision", audit.c.target_id == decision)
            ).first()
            restored = list((made[0] or {}).get("deleted_edges", [])) if made else []
            if restored:
                conn.execute(update(judgements).where(judgements.c.id.in_(restored)).values(deleted_at=None))
            self.record_audit(
                conn,
                user=user,
                action="undo",
                target_kind="decision",
                target_id=decision,
                before={"edges": live},
                after={"restored_edges": restored},
                reason=reason,
                at=now,
            )
        return int(live)

    def human_edges_between(
        self, left: Iterable[str], right: Iterable[str], verdict: str = "same"
    ) -> list[int]:
        lset, rset = set(left), set(right)
        with self.reading() as conn:
            rows = conn.execute(
                select(judgements.c.id, judgements.c.left_node, judgements.c.right_node).where(
                    judgements.c.source == "human",
                    judgements.c.verdict == verdict,
                    judgements.c.deleted_at.is_(None),
                    or_(judgements.c.left_node.in_(lset | rset), judgements.c.right_node.in_(lset | rset)),
                )
            )
            return [
                r.id
                for r in rows
                if (r.left_node in lset and r.right_node in rset)
                or (r.left_node in rset and r.right_node in lset)
            ]
