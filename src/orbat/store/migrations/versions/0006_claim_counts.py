"""claim_counts: how many claims name each entity, per side and predicate, kept by the database

An entity page says how many claims of each property the store holds ("9 of
12,345 claims shown"). Counting a hub's claims on the (entity, predicate, ...)
indexes walked up to 1,000 index entries per property and still could only say
"more than 1,000". This table holds the exact counts: one row per (entity,
side, predicate), side "subject" or "object", any status (a review changes no
count). Triggers on ``claims`` keep it in step with every write, whichever
code path makes it (extraction, import, analyst claims, resolution reassigning
``subject_entity`` / ``object_entity``, cascading deletes): SQLite row
triggers; PostgreSQL statement triggers over the transition tables, one
grouped upsert per statement (a resolution run rewrites the entity columns of
every claim in one UPDATE). Rows may reach 0; readers skip them.

The table is derived: backups leave it out and a restore rebuilds it through
the triggers. The upgrade fills it from the claims already stored.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SIDES = (("subject", "subject_entity"), ("object", "object_entity"))

BACKFILL = " UNION ALL ".join(
    f"SELECT {col} AS entity, '{side}' AS side, predicate, count(*) AS n FROM claims "
    f"WHERE {col} IS NOT NULL GROUP BY {col}, predicate"
    for side, col in SIDES
)


def _sqlite_triggers() -> list[str]:
    def add(prefix: str, sign: str) -> str:
        return " ".join(
            f"INSERT INTO claim_counts (entity, side, predicate, n) "
            f"SELECT {prefix}.{col}, '{side}', {prefix}.predicate, {sign}1 WHERE {prefix}.{col} IS NOT NULL "
            f"ON CONFLICT (entity, side, predicate) DO UPDATE SET n = n {sign} 1;"
            for side, col in SIDES
        )

    return [
        f"CREATE TRIGGER claim_counts_ai AFTER INSERT ON claims BEGIN {add('new', '+')} END",
        f"CREATE TRIGGER claim_counts_ad AFTER DELETE ON claims BEGIN {add('old', '-')} END",
        "CREATE TRIGGER claim_counts_au AFTER UPDATE OF subject_entity, object_entity, predicate ON claims "
        "WHEN old.subject_entity IS NOT new.subject_entity OR old.object_entity IS NOT new.object_entity "
        f"OR old.predicate IS NOT new.predicate BEGIN {add('old', '-')} {add('new', '+')} END",
    ]


def _pg_delta(*tables: tuple[str, str]) -> str:
    """One grouped upsert of the rows of the transition ``tables`` ((name, sign) pairs)."""
    rows = " UNION ALL ".join(
        f"SELECT {col} AS entity, '{side}' AS side, predicate, {sign}1 AS d FROM {name} WHERE {col} IS NOT NULL"
        for name, sign in tables
        for side, col in SIDES
    )
    # in key order, so that concurrent writers lock count rows in the same order
    return (
        "INSERT INTO claim_counts (entity, side, predicate, n) "
        f"SELECT entity, side, predicate, sum(d) FROM ({rows}) AS t GROUP BY entity, side, predicate "
        "HAVING sum(d) <> 0 ORDER BY entity, side, predicate "
        "ON CONFLICT (entity, side, predicate) DO UPDATE SET n = claim_counts.n + excluded.n"
    )


PG_FUNCTIONS = {
    "insert": _pg_delta(("new_rows", "+")),
    "delete": _pg_delta(("old_rows", "-")),
    "update": _pg_delta(("old_rows", "-"), ("new_rows", "+")),
}
PG_REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def create_triggers() -> list[str]:
    """The DDL of the triggers, for the dialect in use."""
    if op.get_bind().dialect.name == "postgresql":
        out = []
        for event, body in PG_FUNCTIONS.items():
            out.append(
                f"CREATE OR REPLACE FUNCTION orbat_claim_counts_{event}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body}; RETURN NULL; END $$"
            )
            out.append(
                f"CREATE TRIGGER orbat_claim_counts_{event} AFTER {event.upper()} ON claims "
                f"REFERENCING {PG_REFERENCING[event]} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION orbat_claim_counts_{event}()"
            )
        return out
    return _sqlite_triggers()


def upgrade() -> None:
    op.create_table(
        "claim_counts",
        sa.Column("entity", sa.String(255), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("predicate", sa.String(40), nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("entity", "side", "predicate", name="pk_claim_counts"),
    )
    op.execute(f"INSERT INTO claim_counts (entity, side, predicate, n) {BACKFILL}")
    for ddl in create_triggers():
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for event in PG_FUNCTIONS:
            op.execute(f"DROP TRIGGER IF EXISTS orbat_claim_counts_{event} ON claims")
            op.execute(f"DROP FUNCTION IF EXISTS orbat_claim_counts_{event}()")
    else:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS claim_counts_{suffix}")
    op.drop_table("claim_counts")
