"""Commands that read the knowledge base: entities, claims."""

from __future__ import annotations

import typer
from rich.table import Table

from orbat.cli.app import app, console, handles_errors, open_store, shorten


@app.command()
@handles_errors
def entities(
    type: str | None = typer.Option(None, "--type", "-t", help="Only this entity type."),
    limit: int = typer.Option(200, help="At most this many rows."),
) -> None:
    """List entities with their aliases and number of claims.

    Example: orbat entities --type armed_group
    """
    store = open_store()
    counts = store.entity_claim_counts()
    table = Table(title="entities")
    for col in ("id", "type", "name", "aliases", "claims"):
        table.add_column(col, overflow="fold")
    for e in store.list_entities(type, limit=limit):
        table.add_row(
            e.id, e.type, e.name, shorten("; ".join(a.name for a in e.aliases), 60), str(counts.get(e.id, 0))
        )
    console.print(table)


@app.command()
@handles_errors
def claims(
    entity: str | None = typer.Option(None, "--entity", "-e", help="Entity name, alias or id."),
    predicate: str | None = typer.Option(None, "--predicate", "-p", help="Only this predicate."),
    status: str | None = typer.Option(None, help="proposed, accepted or rejected."),
    limit: int = typer.Option(500, help="At most this many rows."),
    flat: bool = typer.Option(False, "--flat", help="With --entity: one row per claim, not grouped."),
) -> None:
    """List claims with their source, date and quote; with --entity, grouped by property.

    Example: orbat claims --entity "Liwa al-Baqir" --predicate founded
    """
    store = open_store()
    entity_id = store.get_entity(entity).id if entity else None
    if entity_id is not None and not flat and status is None:
        from orbat.cli.commands_review import print_grouped

        print_grouped(store, entity_id, predicate)
        return
    rows = store.claims(entity=entity_id, predicate=predicate, status=status, limit=limit)
    table = Table(title="claims", show_lines=True)
    for col in ("subject", "predicate", "object", "qualifiers", "source", "quote", "status"):
        table.add_column(col, overflow="fold")
    for c in rows:
        quals = c.qualifiers.to_json()
        hedge = quals.pop("hedge", "asserted")
        qual_text = ", ".join(f"{k}={v}" for k, v in quals.items())
        if hedge != "asserted":
            qual_text = (qual_text + f", {hedge}").lstrip(", ")
        ev = c.evidence[0] if c.evidence else None
        source = f"{ev.document} ({ev.published or 'n.d.'})" if ev else (c.document or "")
        table.add_row(
            c.subject_name or c.subject or "?",
            c.predicate,
            c.object_display(),
            qual_text,
            source,
            shorten(ev.quote if ev else "", 90),
            c.status,
        )
    console.print(table)
    console.print(f"{len(rows)} claims")
