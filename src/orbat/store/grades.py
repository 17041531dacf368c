"""Publisher grades (Admiralty reliability and stance) and reading the audit trail.

A publisher's grade sits between a document's own grade (``documents``,
``set_document_grade``) and the default of its source kind; see
``orbat.reconcile.grading``. Every change is audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update

from orbat.errors import ValidationError
from orbat.model import utcnow
from orbat.reconcile.grading import PublisherGrade, SourceGrades, check_reliability, check_stance
from orbat.store.base import StoreBase
from orbat.store.tables import audit, claims, judgements, nodes, publishers


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    action: str
    target_kind: str
    target_id: str
    before: Any
    after: Any
    reason: str | None


#: every publisher's grade (``publisher_grades``: every page reads them), built once
_PUBLISHER_GRADES = select(publishers.c.name, publishers.c.reliability, publishers.c.stance)


class GradesMixin(StoreBase):
    # -- publisher grades --------------------------------------------------
    def set_publisher_grade(
        self,
        name: str,
        reliability: str | None = None,
        stance: str | None = None,
        *,
        user: str,
        reason: str | None = None,
    ) -> PublisherGrade:
        """Grade a publisher (reliability A-F and/or stance); None leaves a field as it was."""
        name = (name or "").strip()
        if not name:
            raise ValidationError("a publisher grade needs the publisher's name")
        values: dict[str, Any] = {}
        if reliability is not None:
            values["reliability"] = check_reliability(reliability)
        if stance is not None:
            values["stance"] = check_stance(stance)
        if not values:
            raise ValidationError("give a reliability (A-F) or a stance to grade a publisher")
        now = utcnow()
        with self.transaction() as conn:
            row = (
                conn.execute(
                    select(publishers)
                    .where(or_(publishers.c.name == name, func.lower(publishers.c.name) == name.lower()))
                    .order_by((publishers.c.name == name).desc())
                )
                .mappings()
                .first()
            )
            if row is None:
                before = None
                conn.execute(
                    insert(publishers).values(
                        name=name,
                        reliability=values.get("reliability"),
                        stance=values.get("stance"),
                        updated_at=now,
                        updated_by=user,
                    )
                )
                grade = PublisherGrade(values.get("reliability"), values.get("stance"))
            else:
                name = row["name"]
                before = {k: row[k] for k in values}
                conn.execute(
                    update(publishers)
                    .where(publishers.c.name == name)
                    .values(**values, updated_at=now, updated_by=user)
                )
                grade = PublisherGrade(
                    values.get("reliability", row["reliability"]), values.get("stance", row["stance"])
                )
            self.record_audit(
                conn,
                user=user,
                action="grade",
                target_kind="publisher",
                target_id=name[:64],
                before=before,
                after=values,
                reason=reason,
                at=now,
            )
        return grade

    def publisher_grades(self) -> dict[str, PublisherGrade]:
        with self.reading() as conn:
            return {r.name: PublisherGrade(r.reliability, r.stance) for r in conn.execute(_PUBLISHER_GRADES)}

    def source_grades(self) -> SourceGrades:
        """What ``orbat.reconcile.reconcile`` needs to grade sources."""
        return SourceGrades(self.publisher_grades())

    # -- audit trail -----------------------------------------------------------
    def audit_rows(self, target_kind: str, target_ids: Iterable[str]) -> list[AuditRow]:
        """Audit rows about the given targets, oldest first."""
        ids = sorted({str(t) for t in target_ids})
        rows: list[AuditRow] = []
        with self.reading() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                query = select(audit).where(audit.c.target_kind == target_kind, audit.c.target_id.in_(chunk))
                rows.extend(_row(r) for r in conn.execute(query).mappings())
        return sorted(rows, key=lambda r: (r.at, r.id))

    def entity_history(self, entity_id: str) -> list[AuditRow]:
        """An entity's trail: resolution decisions on its records and changes to its claims."""
        with self.reading() as conn:
            claim_ids = [
                r[0]
                for r in conn.execute(
                    select(claims.c.id).where(
                        or_(claims.c.subject_entity == entity_id, claims.c.object_entity == entity_id)
                    )
                )
            ]
            node_ids = [r[0] for r in conn.execute(select(nodes.c.id).where(nodes.c.entity_id == entity_id))]
            decisions: set[str] = set()
            for i in range(0, len(node_ids), 500):
                chunk = node_ids[i : i + 500]
                decisions.update(
                    r[0]
                    for r in conn.execute(
                        select(judgements.c.decision).where(
                            and_(
                                judgements.c.source == "human",
                                or_(judgements.c.left_node.in_(chunk), judgements.c.right_node.in_(chunk)),
                            )
                        )
                    )
                )
        rows = self.audit_rows("claim", claim_ids) + self.audit_rows("decision", decisions)
        return sorted(rows, key=lambda r: (r.at, r.id))


def _row(r: Any) -> AuditRow:
    return AuditRow(
        id=r["id"],
        at=r["at"],
        user=r["user"],
        action=r["action"],
        target_kind=r["target_kind"],
        target_id=r["target_id"],
        before=r["before"],
        after=r["after"],
        reason=r["reason"],
    )
