"""audit rows are append-only, enforced by the database

The audit trail (who, when, before, after, why) is evidence of the analysts'
work: once written, a row may never change or disappear. No orbat code path
updates or deletes audit rows; this migration makes the database itself refuse
it, whoever connects. SQLite: BEFORE UPDATE / BEFORE DELETE triggers that
abort. PostgreSQL: a trigger function that raises on UPDATE and DELETE (row
level) and TRUNCATE (statement level).

Restoring a backup only inserts, so it is unaffected.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 15:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MESSAGE = "audit is append-only: its rows cannot be changed or deleted"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION orbat_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        op.execute(
            "CREATE TRIGGER orbat_audit_no_change BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION orbat_audit_append_only()"
        )
        op.execute(
            "CREATE TRIGGER orbat_audit_no_truncate BEFORE TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION orbat_audit_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER orbat_audit_no_{event.lower()} BEFORE {event} ON audit "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({event} refused)'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS orbat_audit_no_truncate ON audit")
        op.execute("DROP TRIGGER IF EXISTS orbat_audit_no_change ON audit")
        op.execute("DROP FUNCTION IF EXISTS orbat_audit_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS orbat_audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS orbat_audit_no_delete")
