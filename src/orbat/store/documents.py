"""Documents and their original bytes: versions, chain of custody."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update

from orbat.errors import NotFound
from orbat.model import Document, utcnow
from orbat.store.base import StoreBase
from orbat.store.tables import blobs, documents


@dataclass(frozen=True)
class StoredDocument:
    id: int
    version: int
    status: str  # "ingested" | "unchanged" | "new version"
    document: Document


def row_to_document(row: RowMapping) -> Document:
    return Document(
        name=row["name"],
        text=row["text"] or "",
        sha256=row["sha256"],
        title=row["title"],
        authors=tuple(row["authors"] or ()),
        publisher=row["publisher"],
        published=row["published"],
        url=row["url"],
        language=row["language"],
        source_kind=row["source_kind"],
        stance=row["stance"],
        media_type=row["media_type"],
        source_uri=row["source_uri"],
        pages=tuple((int(p[0]), int(p[1]), int(p[2])) for p in (row["pages"] or ())),
        meta=dict(row["meta"] or {}),
    )


class DocumentsMixin(StoreBase):
    def add_document(
        self,
        doc: Document,
        data: bytes | None,
        *,
        audit_as: str | None = None,
        audit_after: dict[str, Any] | None = None,
    ) -> StoredDocument:
        """Store a document and its bytes; a no-op if these bytes are already stored.

        A document whose source (URI, else name) is already stored with other
        bytes becomes a new version linked to the previous one. With ``audit_as``
        (a user's upload), a new document or version is audited as an "upload" by
        that user in the same transaction (``audit_after`` adds to the record).
        """
        sha = doc.sha256 or (hashlib.sha256(data).hexdigest() if data is not None else None)
        with self.transaction() as conn:
            if sha is not None:
                existing = conn.execute(select(documents).where(documents.c.sha256 == sha)).mappings().first()
                if existing is not None:
                    return StoredDocument(
                        existing["id"], existing["version"], "unchanged", row_to_document(existing)
                    )
            previous = self._previous_version(conn, doc)
            name = doc.name
            version = 1
            previous_id = None
            if previous is not None:
                version = previous["version"] + 1
                previous_id = previous["id"]
                name = previous["name"]
                conn.execute(update(documents).where(documents.c.id == previous_id).values(is_current=False))
            else:
                name = self._free_name(conn, doc.name)
            if data is not None and sha is not None:
                conn.execute(insert(blobs).values(sha256=sha, size=len(data), data=data))
            doc_id = conn.execute(
                insert(documents)
                .values(
                    name=name,
                    version=version,
                    previous_id=previous_id,
                    is_current=True,
                    sha256=sha,
                    **_document_columns(doc),
                    ingested_at=utcnow(),
                )
                .returning(documents.c.id)
            ).scalar_one()
            if audit_as is not None:
                self.record_audit(
                    conn,
                    user=audit_as,
                    action="upload",
                    target_kind="document",
                    target_id=str(doc_id),
                    after={"name": name, **(audit_after or {}), "version": version},
                )
        status = "new version" if previous is not None else "ingested"
        stored = Document(**{**doc.__dict__, "name": name, "sha256": sha})
        return StoredDocument(doc_id, version, status, stored)

    def add_stub_document(self, conn: Connection, name: str) -> int:
        """A document known only by name (from an import): no bytes, no text."""
        row = conn.execute(
            select(documents.c.id).where(documents.c.name == name, documents.c.is_current.is_(True))
        ).first()
        if row is not None:
            return int(row[0])
        return int(
            conn.execute(
                insert(documents)
                .values(
                    name=name,
                    version=1,
                    is_current=True,
                    sha256=None,
                    text=None,
                    authors=[],
                    pages=[],
                    meta={"stub": True},
                    source_kind="other",
                    media_type="text/plain",
                    ingested_at=utcnow(),
                )
                .returning(documents.c.id)
            ).scalar_one()
        )

    def _previous_version(self, conn: Connection, doc: Document) -> RowMapping | None:
        if doc.source_uri:
            cond = documents.c.source_uri == doc.source_uri
        else:
            cond = (documents.c.name == doc.name) & documents.c.source_uri.is_(None)
        return (
            conn.execute(
                select(documents)
                .where(cond, documents.c.is_current.is_(True))
                .order_by(documents.c.id.desc())
            )
            .mappings()
            .first()
        )

    @staticmethod
    def _free_name(conn: Connection, name: str) -> str:
        taken = {
            r[0] for r in conn.execute(select(documents.c.name).where(documents.c.name.like(f"{name}%")))
        }
        if name not in taken:
            return name
        n = 2
        while f"{name}-{n}" in taken:
            n += 1
        return f"{name}-{n}"

    # -- reading ------------------------------------------------------------
    def document_row(self, ref: str | int, conn: Connection | None = None) -> RowMapping:
        """The current version of a document by name, or any version by id."""
        query = select(documents)
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            query = query.where(documents.c.id == int(ref))
        else:
            query = query.where(documents.c.name == ref).order_by(documents.c.version.desc())
        if conn is None:
            with self.reading() as c:
                row = c.execute(query).mappings().first()
        else:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(f"no document {ref!r}")
        return row

    def get_document(self, ref: str | int) -> Document:
        return row_to_document(self.document_row(ref))

    def list_documents(self, current_only: bool = True) -> list[RowMapping]:
        cols = [c for c in documents.c if c.name not in ("text",)]
        query = select(*cols, func.length(documents.c.text).label("chars")).order_by(
            documents.c.name, documents.c.version
        )
        if current_only:
            query = query.where(documents.c.is_current.is_(True))
        with self.reading() as conn:
            return list(conn.execute(query).mappings())

    def document_ids(self, current_only: bool = True) -> list[int]:
        query = select(documents.c.id).where(documents.c.text.is_not(None)).order_by(documents.c.id)
        if current_only:
            query = query.where(documents.c.is_current.is_(True))
        with self.reading() as conn:
            return [int(r[0]) for r in conn.execute(query)]

    def blob(self, sha256: str) -> bytes:
        with self.reading() as conn:
            row = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == sha256)).first()
        if row is None:
            raise NotFound(f"no stored bytes with SHA-256 {sha256}")
        return bytes(row[0])

    def set_document_grade(
        self,
        ref: str | int,
        *,
        reliability: str | None = None,
        stance: str | None = None,
        user: str = "system",
        reason: str | None = None,
    ) -> None:
        row = self.document_row(ref)
        values: dict[str, Any] = {}
        if reliability is not None:
            values["reliability"] = reliability
        if stance is not None:
            values["stance"] = stance
        if not values:
            return
        with self.transaction() as conn:
            conn.execute(update(documents).where(documents.c.id == row["id"]).values(**values))
            self.record_audit(
                conn,
                user=user,
                action="grade",
                target_kind="document",
                target_id=str(row["id"]),
                before={k: row[k] for k in values},
                after=values,
                reason=reason,
            )


def _document_columns(doc: Document) -> dict[str, Any]:
    return {
        "source_uri": doc.source_uri,
        "title": doc.title,
        "authors": list(doc.authors),
        "publisher": doc.publisher,
        "published": doc.published,
        "url": doc.url,
        "language": doc.language,
        "source_kind": doc.source_kind,
        "stance": doc.stance,
        "media_type": doc.media_type,
        "text": doc.text,
        "pages": [list(p) for p in doc.pages],
        "meta": doc.meta,
    }
