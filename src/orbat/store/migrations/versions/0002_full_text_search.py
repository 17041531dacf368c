"""full-text search over documents, entities and evidence quotes

SQLite: FTS5 external-content tables whose content is a view of the
normalised text, kept in step by triggers. PostgreSQL: a ``search_tsv``
tsvector column with a GIN index on each searched table, filled by a
trigger. Both normalise the same way (``orbat.store.search.normalise`` is
the Python twin used on queries): apostrophes and ʿayn/hamza marks are
dropped ("Kata'ib" = "Kataib") and hyphens/dashes become spaces
("al-Baqir" = "al Baqir").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Characters dropped (apostrophes and transliteration marks) and turned into spaces (dashes).
DROPPED = ["'", "\u2019", "\u2018", "\u02bc", "\u02bf", "\u02be", "`", "\u00b4"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]


def _sqlite_norm(expr: str) -> str:
    out = expr
    for ch in DROPPED:
        lit = ch.replace("'", "''")
        out = f"replace({out}, '{lit}', '')"
    for ch in DASHES:
        out = f"replace({out}, '{ch}', ' ')"
    return out


def _alias_text(expr: str) -> str:
    return f"coalesce((SELECT group_concat(json_extract(value, '$.name'), ' ') FROM json_each({expr})), '')"


TOKENIZER = "unicode61 remove_diacritics 2"

SQLITE_TABLES = {
    # name: (base table, rowid column, {fts column: SQL expression over row alias X})
    "documents": ("documents", "id", {"title": "coalesce(X.title, '')", "body": "coalesce(X.text, '')"}),
    "entities": ("entities", "rowid", {"name": "X.name", "aliases": _alias_text("X.aliases")}),
    "evidence": ("evidence", "id", {"quote": "X.quote"}),
}


def _sqlite_upgrade() -> None:
    for name, (base, rowid, cols) in SQLITE_TABLES.items():
        fts = f"search_{name}"
        col_names = ", ".join(cols)
        # entities: contentless, because FTS5 cannot read a view that calls json_each (the aliases)
        contentless = name == "entities"
        if contentless:
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({col_names}, content='', tokenize='{TOKENIZER}')"
            )
        else:
            view = f"search_{name}_src"
            view_cols = ", ".join(f"{_sqlite_norm(e.replace('X.', 'b.'))} AS {c}" for c, e in cols.items())
            op.execute(f"CREATE VIEW {view} AS SELECT b.{rowid} AS rid, {view_cols} FROM {base} AS b")
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({col_names}, content='{view}', "
                f"content_rowid='rid', tokenize='{TOKENIZER}')"
            )
        new_vals = ", ".join(_sqlite_norm(e.replace("X.", "new.")) for e in cols.values())
        old_vals = ", ".join(_sqlite_norm(e.replace("X.", "old.")) for e in cols.values())
        insert_new = f"INSERT INTO {fts}(rowid, {col_names}) VALUES (new.{rowid}, {new_vals});"
        delete_old = (
            f"INSERT INTO {fts}({fts}, rowid, {col_names}) VALUES ('delete', old.{rowid}, {old_vals});"
        )
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {base} BEGIN {insert_new} END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {base} BEGIN {delete_old} END")
        watched = ", ".join(
            {"documents": ["title", "text"], "entities": ["name", "aliases"], "evidence": ["quote"]}[name]
        )
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {watched} ON {base} BEGIN {delete_old} {insert_new} END"
        )
        if contentless:
            vals = ", ".join(_sqlite_norm(e.replace("X.", f"{base}.")) for e in cols.values())
            op.execute(f"INSERT INTO {fts}(rowid, {col_names}) SELECT {base}.{rowid}, {vals} FROM {base}")
        else:
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _sqlite_downgrade() -> None:
    for name, (_base, _rowid, _cols) in SQLITE_TABLES.items():
        fts = f"search_{name}"
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"DROP VIEW IF EXISTS search_{name}_src")


PG_DROPPED = "".join(DROPPED).replace("'", "''")
PG_DASHES = "".join(DASHES)

PG_WATCHED = {"documents": "title, text", "entities": "name, aliases", "evidence": "quote"}

PG_TABLES = {
    # table: tsvector expression over NEW (title and names weigh more than body text)
    "documents": (
        "setweight(to_tsvector('simple', orbat_search_norm(coalesce(NEW.title, ''))), 'A') || "
        "to_tsvector('simple', orbat_search_norm(coalesce(NEW.text, '')))"
    ),
    "entities": (
        "setweight(to_tsvector('simple', orbat_search_norm(NEW.name)), 'A') || "
        "to_tsvector('simple', orbat_search_norm(coalesce((SELECT string_agg(a->>'name', ' ') "
        "FROM json_array_elements(NEW.aliases::json) AS a), '')))"
    ),
    "evidence": "to_tsvector('simple', orbat_search_norm(NEW.quote))",
}


def _pg_upgrade() -> None:
    spaces = " " * len(PG_DASHES)
    op.execute(
        "CREATE OR REPLACE FUNCTION orbat_search_norm(t text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        f"$$ SELECT translate(translate(t, '{PG_DROPPED}', ''), '{PG_DASHES}', '{spaces}') $$"
    )
    for table, expr in PG_TABLES.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector")
        op.execute(
            f"CREATE OR REPLACE FUNCTION orbat_search_{table}_tsv() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN NEW.search_tsv := {expr}; RETURN NEW; END $$"
        )
        op.execute(
            f"CREATE TRIGGER orbat_search_{table}_tsv BEFORE INSERT OR UPDATE OF {PG_WATCHED[table]} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION orbat_search_{table}_tsv()"
        )
        # fill existing rows: touching a watched column makes the trigger compute the vector
        first = PG_WATCHED[table].split(",")[0]
        op.execute(f"UPDATE {table} SET {first} = {first}")
        op.execute(f"CREATE INDEX ix_{table}_search_tsv ON {table} USING gin (search_tsv)")


def _pg_downgrade() -> None:
    for table in PG_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS orbat_search_{table}_tsv ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS orbat_search_{table}_tsv()")
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_tsv")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_tsv")
    op.execute("DROP FUNCTION IF EXISTS orbat_search_norm(text)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade()
    else:
        _sqlite_downgrade()
