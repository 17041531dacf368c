"""`orbat check`: the store's integrity, verified rather than assumed.

Checks foreign keys, that every evidence offset still quotes its document,
that every claim's subject exists and every stored document's bytes still hash
to their SHA-256 (chain of custody). Returns problems; an empty list is a pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select

from orbat.store.base import StoreBase
from orbat.store.tables import blobs, claims, documents, entities, evidence, nodes


@dataclass(frozen=True)
class Problem:
    check: str
    target: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {self.target}: {self.detail}"


class IntegrityMixin(StoreBase):
    def check(self, progress: Callable[[str, int, int], None] | None = None) -> list[Problem]:
        problems: list[Problem] = []
        steps = [self._check_foreign_keys, self._check_hashes, self._check_evidence, self._check_claims]
        for i, step in enumerate(steps):
            if progress:
                progress(step.__name__.removeprefix("_check_"), i, len(steps))
            problems.extend(step())
        if progress:
            progress("done", len(steps), len(steps))
        return problems

    def _check_foreign_keys(self) -> list[Problem]:
        if self.dialect != "sqlite":
            return []  # PostgreSQL enforces foreign keys on every write
        with self.reading() as conn:
            rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        return [Problem("foreign key", f"{r[0]} row {r[1]}", f"points at a missing {r[2]} row") for r in rows]

    def _check_hashes(self) -> list[Problem]:
        out: list[Problem] = []
        with self.reading() as conn:
            for sha, data in conn.execute(select(blobs.c.sha256, blobs.c.data)).yield_per(50):
                actual = hashlib.sha256(bytes(data)).hexdigest()
                if actual != sha:
                    out.append(Problem("sha256", sha[:16], f"stored bytes now hash to {actual[:16]}"))
            for doc_id, name, sha in conn.execute(
                select(documents.c.id, documents.c.name, documents.c.sha256)
                .outerjoin(blobs, blobs.c.sha256 == documents.c.sha256)
                .where(documents.c.sha256.is_not(None), blobs.c.sha256.is_(None))
            ):
                out.append(
                    Problem("sha256", f"document {name} (id {doc_id})", f"original bytes {sha[:16]} missing")
                )
        return out

    def _check_evidence(self) -> list[Problem]:
        out: list[Problem] = []
        with self.reading() as conn:
            texts: dict[int, str | None] = {}
            query = (
                select(
                    evidence.c.id,
                    evidence.c.claim_id,
                    evidence.c.document_id,
                    evidence.c.start,
                    evidence.c.end,
                    evidence.c.quote,
                )
                .where(evidence.c.start.is_not(None))
                .order_by(evidence.c.document_id)
            )
            for ev_id, claim_id, doc_id, start, end, quote in conn.execute(query).yield_per(1000):
                if doc_id not in texts:
                    texts.clear()
                    texts[doc_id] = conn.execute(
                        select(documents.c.text).where(documents.c.id == doc_id)
                    ).scalar()
                text = texts[doc_id]
                if text is None or text[start:end] != quote:
                    out.append(
                        Problem(
                            "evidence",
                            f"claim {claim_id} (evidence {ev_id})",
                            f"offsets {start}-{end} do not quote its document",
                        )
                    )
        return out

    def _check_claims(self) -> list[Problem]:
        out: list[Problem] = []
        with self.reading() as conn:
            missing = conn.execute(
                select(claims.c.id, claims.c.subject_node)
                .outerjoin(nodes, nodes.c.id == claims.c.subject_node)
                .where(nodes.c.id.is_(None))
            ).fetchall()
            out += [Problem("claim subject", cid, f"subject {node} does not exist") for cid, node in missing]
            dangling = conn.execute(
                select(claims.c.id, claims.c.subject_entity)
                .outerjoin(entities, entities.c.id == claims.c.subject_entity)
                .where(claims.c.subject_entity.is_not(None), entities.c.id.is_(None))
            ).fetchall()
            out += [Problem("claim subject", cid, f"entity {e} does not exist") for cid, e in dangling]
            no_evidence = conn.execute(
                select(claims.c.id)
                .outerjoin(evidence, evidence.c.claim_id == claims.c.id)
                .where(
                    evidence.c.id.is_(None),
                    or_(claims.c.origin.like("rule:%"), claims.c.origin.like("dep:%")),
                )
            ).fetchall()
            out += [Problem("evidence", cid, "machine claim without evidence") for (cid,) in no_evidence]
        return out
