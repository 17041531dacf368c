"""Entity pages read straight from an index: (entity, predicate, sort_date, id) on both sides.

The page's order is (predicate, sort_date, id); with ``id`` missing from the
index, the database read and sorted a hub entity's largest
(predicate, sort_date) group for every page (docs/performance.md). The
(subject_entity, status, updated_at, id) index serves the "last accepted
claims" read of abridged profiles.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_claims_subject_pred", table_name="claims")
    op.drop_index("ix_claims_object_pred", table_name="claims")
    op.create_index("ix_claims_subject_pred", "claims", ["subject_entity", "predicate", "sort_date", "id"])
    op.create_index("ix_claims_object_pred", "claims", ["object_entity", "predicate", "sort_date", "id"])
    op.create_index("ix_claims_subject_status", "claims", ["subject_entity", "status", "updated_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_subject_status", table_name="claims")
    op.drop_index("ix_claims_subject_pred", table_name="claims")
    op.drop_index("ix_claims_object_pred", table_name="claims")
    op.create_index("ix_claims_subject_pred", "claims", ["subject_entity", "predicate", "sort_date"])
    op.create_index("ix_claims_object_pred", "claims", ["object_entity", "predicate", "sort_date"])
