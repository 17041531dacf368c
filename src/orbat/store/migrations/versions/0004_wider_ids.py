"""Entity and node ids up to 255 characters (imported ids can be long slugs).

PostgreSQL enforces VARCHAR lengths; SQLite does not, so only PostgreSQL
columns are altered.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = {
    "entities": ["id"],
    "nodes": ["id", "entity_id"],
    "mentions": ["node_id"],
    "claims": ["subject_node", "object_node", "subject_entity", "object_entity"],
    "judgements": ["left_node", "right_node"],
    "audit": ["target_id"],
}


def _alter(length: int) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.String(length), existing_type=sa.String(64))


def upgrade() -> None:
    _alter(255)


def downgrade() -> None:
    _alter(64)
