"""Table definitions of the store (SQLAlchemy Core). The only place tables exist.

Layout, and the invariants the rest of orbat relies on:

- ``documents`` keeps each *version* of a source: a changed file becomes a new
  row linked to the old one by ``previous_id``; evidence always points at the
  version it was read from. ``blobs`` holds the original bytes, addressed by
  their SHA-256 (chain of custody: ``orbat check`` re-hashes them).
- ``nodes`` are entities as seen inside one document (or created by an
  analyst / an import). Their ids are deterministic, so re-extraction gives the
  same ids and judgements on them survive. ``nodes.entity_id`` is the
  resolution result: a mapping recomputed from ``judgements``.
- ``entities`` are the canonical entities (clusters of nodes), rebuilt by
  resolution; ``claims.subject_entity``/``object_entity`` are denormalised
  copies of the node mapping for fast queries.
- ``claims`` are never overwritten by conflicting claims: each has its own
  row, evidence, status (proposed/accepted/rejected) and rank.
- ``audit`` is append-only: who changed what, when, before, after, why.
- ``claim_counts`` is derived: how many claims name each entity, per side
  ("subject"/"object") and predicate, any status, kept in step with ``claims``
  by database triggers (migration 0006); backups leave it out.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("previous_id", Integer, ForeignKey("documents.id", ondelete="SET NULL"), nullable=True),
    Column("is_current", Boolean, nullable=False, default=True),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=True, unique=True),
    Column("source_uri", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("authors", JSON, nullable=False, default=list),
    Column("publisher", Text, nullable=True),
    Column("published", String(64), nullable=True),
    Column("url", Text, nullable=True),
    Column("language", String(16), nullable=True),
    Column("source_kind", String(32), nullable=False, default="other"),
    Column("stance", String(32), nullable=True),
    Column("reliability", String(1), nullable=True),  # Admiralty A-F, overrides publisher/kind default
    Column("media_type", String(100), nullable=False, default="text/plain"),
    Column("text", Text, nullable=True),  # NULL for stub documents known only by name (imports)
    Column("pages", JSON, nullable=False, default=list),
    Column("meta", JSON, nullable=False, default=dict),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", "version", name="uq_documents_name_version"),
)
Index("ix_documents_source_uri", documents.c.source_uri)

publishers = Table(
    "publishers",
    metadata,
    Column("name", String(255), primary_key=True),
    Column("reliability", String(1), nullable=True),
    Column("stance", String(32), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(100), nullable=True),
)

extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("extractor", String(100), nullable=False),  # name@version
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("counts", JSON, nullable=False, default=dict),
    UniqueConstraint("document_id", "extractor", name="uq_extraction_runs_doc_extractor"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False, default=list),  # [{name, lang, script}]
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_entities_type", entities.c.type)

nodes = Table(
    "nodes",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=True),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("names", JSON, nullable=False, default=list),
    Column("origin", String(100), nullable=False),
    Column("entity_id", String(255), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_nodes_entity_id", nodes.c.entity_id)
Index("ix_nodes_document_id", nodes.c.document_id)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("node_id", String(255), ForeignKey("nodes.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(100), nullable=False),
)
Index("ix_mentions_document_id", mentions.c.document_id, mentions.c.start)
Index("ix_mentions_node_id", mentions.c.node_id)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=True),
    Column("subject_node", String(255), ForeignKey("nodes.id", ondelete="CASCADE"), nullable=False),
    Column("predicate", String(40), nullable=False),
    Column("object_kind", String(10), nullable=False),
    Column("object_node", String(255), ForeignKey("nodes.id", ondelete="CASCADE"), nullable=True),
    Column("object_value", JSON, nullable=True),  # date/quantity/text object as in the interchange format
    Column("object_text", Text, nullable=True),  # display/search form of the object
    Column("q_start", String(64), nullable=True),
    Column("q_end", String(64), nullable=True),
    Column("q_as_of", String(64), nullable=True),
    Column("q_role", Text, nullable=True),
    Column("q_kind", String(100), nullable=True),
    Column("q_claimed_by", Text, nullable=True),
    Column("hedge", String(16), nullable=False, default="asserted"),
    Column("sort_date", String(10), nullable=True),  # earliest ISO day the claim refers to, for timelines
    Column("status", String(16), nullable=False, default="proposed"),
    Column("rank", String(16), nullable=False, default="normal"),
    Column("rank_reason", Text, nullable=True),
    Column("credibility", Integer, nullable=True),  # analyst override of the derived 1-6 grade
    Column("origin", String(120), nullable=False),
    Column("subject_entity", String(255), nullable=True),
    Column("object_entity", String(255), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(100), nullable=True),
    Column("row_version", Integer, nullable=False, default=1),
)
# covering indexes for entity pages and profiles (see docs/performance.md)
Index("ix_claims_subject_pred", claims.c.subject_entity, claims.c.predicate, claims.c.sort_date, claims.c.id)
Index("ix_claims_object_pred", claims.c.object_entity, claims.c.predicate, claims.c.sort_date, claims.c.id)
Index("ix_claims_subject_status", claims.c.subject_entity, claims.c.status, claims.c.updated_at, claims.c.id)
Index("ix_claims_document", claims.c.document_id)
Index("ix_claims_status", claims.c.status)
Index("ix_claims_subject_node", claims.c.subject_node)
Index("ix_claims_object_node", claims.c.object_node)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(64), ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=True),
    Column("end", Integer, nullable=True),
    Column("quote", Text, nullable=False),
    Column("page", Integer, nullable=True),
    UniqueConstraint("claim_id", "document_id", "start", "end", name="uq_evidence_span"),
)
Index("ix_evidence_claim", evidence.c.claim_id)
Index("ix_evidence_document", evidence.c.document_id, evidence.c.start)

claim_counts = Table(
    "claim_counts",
    metadata,
    Column("entity", String(255), primary_key=True),
    Column("side", String(8), primary_key=True),  # "subject" | "object"
    Column("predicate", String(40), primary_key=True),
    Column("n", BigInteger, nullable=False),  # may reach 0
)

#: tables computed from others by the database itself (triggers): never backed up or restored
DERIVED_TABLES = frozenset({"claim_counts"})

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision", String(40), nullable=False),  # groups the edges of one analyst action (undo unit)
    Column("left_node", String(255), nullable=False),
    Column("right_node", String(255), nullable=False),
    Column("verdict", String(10), nullable=False),  # same | different
    Column("source", String(10), nullable=False),  # auto | human
    Column("user", String(100), nullable=True),
    Column("reason", Text, nullable=True),
    Column("score", Float, nullable=True),
    Column("features", JSON, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
)
Index("ix_judgements_live", judgements.c.source, judgements.c.deleted_at)
Index("ix_judgements_decision", judgements.c.decision)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target_kind", String(20), nullable=False),
    Column("target_id", String(255), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("reason", Text, nullable=True),
)
Index("ix_audit_target", audit.c.target_kind, audit.c.target_id)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

settings_kv = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=True),
)
