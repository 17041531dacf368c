"""Commands that move data in and out: init, ingest, extract, resolve, export, import, serve."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from orbat.cli.app import app, console, err_console, fail, handles_errors, open_store, progress_bar, settings
from orbat.store.engine import display_url

WORKERS_HELP = (
    "Extraction processes on this machine (each loads the model once), and resolution processes; "
    "the result is the same as with 1."
)
SCHEDULER_HELP = (
    "Extract on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786; every worker needs "
    "orbat\\[cluster]). With a PostgreSQL --db the workers write into it themselves, so "
    "give a URL they can reach, password included; with a SQLite file this process writes. The result "
    "is the same as without."
)


def _check_parallel(workers: int, scheduler: str | None) -> None:
    if scheduler and workers > 1:
        fail("--workers and --scheduler exclude each other: --workers is for processes on this machine")
    if scheduler and importlib.util.find_spec("distributed") is None:
        fail("--scheduler needs Dask: pip install 'orbat\\[cluster]'")


@app.command()
@handles_errors
def init() -> None:
    """Create the store (or upgrade its schema to this version).

    Example: orbat --db kb.db init
    """
    store = open_store(create=True)
    console.print(f"store ready at {store.url}")


@app.command()
@handles_errors
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs or http(s) URLs."),
    title: str | None = typer.Option(None, help="Override the title."),
    author: list[str] | None = typer.Option(None, help="Override the author(s)."),
    publisher: str | None = typer.Option(None, help="Override the publisher."),
    date: str | None = typer.Option(None, help="Override the publication date (ISO or EDTF)."),
    url: str | None = typer.Option(None, help="Override the URL."),
    language: str | None = typer.Option(None, help="Override the language (ISO 639-1)."),
    source_kind: str | None = typer.Option(
        None, help="think_tank, news, encyclopedia, affiliated_social_media, ..."
    ),
    stance: str | None = typer.Option(None, help="affiliated, opposition, independent or state."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Only store the documents."),
    workers: int = typer.Option(1, min=1, help=WORKERS_HELP),
    scheduler: str | None = typer.Option(None, metavar="ADDRESS", help=SCHEDULER_HELP),
    progress: bool | None = typer.Option(None, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Read documents into the store, then extract and resolve (unless --no-extract).

    Example: orbat ingest reports/ --source-kind think_tank --workers 2

    On a Dask cluster: orbat --db postgresql://orbat:PASSWORD@db.example/kb ingest reports/ --scheduler tcp://10.0.0.5:8786
    """
    from orbat import pipeline

    _check_parallel(workers, scheduler)

    overrides: dict[str, Any] = {
        k: v
        for k, v in {
            "title": title,
            "authors": list(author) if author else None,
            "publisher": publisher,
            "date": date,
            "url": url,
            "language": language,
            "source_kind": source_kind,
            "stance": stance,
        }.items()
        if v is not None
    }
    store = open_store(create=True)
    with progress_bar(progress) as bar:
        report = pipeline.ingest(store, paths, overrides=overrides, progress=bar)
        ex = None
        res = None
        if not no_extract and report.document_ids:
            ex = pipeline.extract(
                store,
                report.document_ids,
                extractor_name=settings().extractor,
                workers=workers,
                scheduler=scheduler,
                progress=bar,
            )
            res = pipeline.resolve(store, progress=bar, workers=workers, incremental=True)
    table = Table(title="ingest", show_lines=False)
    table.add_column("result")
    table.add_column("count", justify="right")
    table.add_column("details")
    table.add_row("ingested", str(len(report.ingested)), ", ".join(Path(x).name for x in report.ingested[:5]))
    table.add_row("new versions", str(len(report.new_versions)), ", ".join(report.new_versions[:5]))
    table.add_row("unchanged (already stored)", str(len(report.unchanged)), ", ".join(report.unchanged[:5]))
    table.add_row("failed", str(len(report.failed)), "")
    if ex is not None:
        table.add_row("claims extracted", str(ex.claims), f"{ex.extracted} documents")
    if res is not None:
        table.add_row("entities", str(res.entities), f"from {res.nodes} in-document entities")
    console.print(table)
    for source, cause in report.failed:
        err_console.print(f"[red]failed[/] {source}: {cause}", highlight=False, soft_wrap=True)
    if report.failed or (ex is not None and ex.failed):
        raise typer.Exit(2)


@app.command()
@handles_errors
def extract(
    document: list[str] | None = typer.Option(None, "--document", "-d", help="Only these documents (names)."),
    force: bool = typer.Option(False, help="Re-run even if this extractor version already ran."),
    workers: int = typer.Option(1, min=1, help=WORKERS_HELP),
    scheduler: str | None = typer.Option(None, metavar="ADDRESS", help=SCHEDULER_HELP),
    progress: bool | None = typer.Option(None, "--progress/--no-progress"),
) -> None:
    """Extract entities and claims from stored documents, then resolve.

    Example: orbat extract --force --workers 2

    On a Dask cluster: orbat --db postgresql://orbat:PASSWORD@db.example/kb extract --scheduler tcp://10.0.0.5:8786
    """
    from orbat import pipeline

    _check_parallel(workers, scheduler)
    store = open_store()
    ids = [int(store.document_row(d)["id"]) for d in document] if document else None
    with progress_bar(progress) as bar:
        ex = pipeline.extract(
            store,
            ids,
            extractor_name=settings().extractor,
            force=force,
            workers=workers,
            scheduler=scheduler,
            progress=bar,
        )
        # re-extraction (--force) changes stored nodes: re-resolve them all; else only the new ones
        res = pipeline.resolve(store, progress=bar, workers=workers, incremental=not force)
    console.print(
        f"{ex.extracted} documents extracted ({ex.skipped} already done), {ex.claims} claims; "
        f"{res.entities} entities"
    )
    if ex.failed:
        for source, cause in ex.failed:
            err_console.print(f"[red]failed[/] {source}: {cause}")
        raise typer.Exit(2)


@app.command()
@handles_errors
def resolve(
    workers: int = typer.Option(
        1, min=1, help="Processes that choose candidates and score name pairs (the result is the same)."
    ),
    new_only: bool = typer.Option(
        False,
        "--new-only",
        help="Only the in-document entities in no entity yet, against the stored entities "
        "(what ingest does; memory grows with the entities, not the whole store).",
    ),
    progress: bool | None = typer.Option(None, "--progress/--no-progress"),
) -> None:
    """Re-resolve entities across documents, honouring analysts' decisions.

    Example: orbat resolve --workers 2
    """
    from orbat import pipeline

    store = open_store()
    with progress_bar(progress) as bar:
        res = pipeline.resolve(store, progress=bar, workers=workers, incremental=new_only)
    console.print(
        f"{res.nodes} in-document entities → {res.entities} entities "
        f"({res.auto_merges} automatic merges, {res.review} pairs for review)"
    )


@app.command()
@handles_errors
def documents() -> None:
    """List the stored documents (current versions).

    Example: orbat documents
    """
    store = open_store()
    table = Table(title="documents")
    for col in ("name", "v", "title", "published", "kind", "lang", "chars", "sha256"):
        table.add_column(col)
    for row in store.list_documents():
        table.add_row(
            row["name"],
            str(row["version"]),
            (row["title"] or "")[:50],
            row["published"] or "",
            row["source_kind"],
            row["language"] or "",
            str(row["chars"] or 0),
            (row["sha256"] or "")[:12],
        )
    console.print(table)


@app.command()
@handles_errors
def export(
    format: str = typer.Option(
        "claims-jsonl",
        "--format",
        "-f",
        help="claims-jsonl, jsonl, ftm, stix, csv (ZIP), csv-entities, csv-claims, csv-evidence, "
        "graphml, gexf, graph-json, geojson, timeline-json.",
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
    entity: str | None = typer.Option(None, help="Only this entity and its relations."),
) -> None:
    """Export the knowledge base.

    Example: orbat export --format claims-jsonl -o claims.jsonl
    """
    from orbat.publish.exports import export as run_export
    from orbat.publish.exports import export_binary, is_binary

    store = open_store()
    entity_id = store.get_entity(entity).id if entity else None
    binary = is_binary(format)  # csv: a ZIP of the tables
    if output is None:
        if binary:
            export_binary(store, format, sys.stdout.buffer, entity=entity_id)
        else:
            run_export(store, format, sys.stdout, entity=entity_id)
        return
    tmp = output.with_name(output.name + ".part")
    if binary:
        with tmp.open("wb") as bfh:
            n = export_binary(store, format, bfh, entity=entity_id)
    else:
        with tmp.open("w", encoding="utf-8") as fh:
            n = run_export(store, format, fh, entity=entity_id)
    tmp.replace(output)
    err_console.print(f"{n} records written to {output}")


@app.command("import")
@handles_errors
def import_(
    format: str = typer.Argument(..., help="claims-jsonl"),
    path: Path = typer.Argument(..., help="File to import."),
) -> None:
    """Import records (one transaction: a bad line imports nothing).

    Example: orbat import claims-jsonl claims.jsonl
    """
    if format != "claims-jsonl":
        fail(f"unknown import format {format!r} (known: claims-jsonl)")
    store = open_store(create=True)
    summary = store.import_claims_jsonl(path, user=settings().user)
    console.print(
        f"imported {summary.entities} entities and {summary.claims} claims "
        f"({summary.documents_created} documents known by name only)"
    )


@app.command()
@handles_errors
def serve(
    host: str | None = typer.Option(None, help="Interface (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
) -> None:
    """Serve the web app and the HTTP API.

    Example: orbat serve --port 8000
    """
    import uvicorn

    from orbat.web.app import create_app

    cfg = settings()
    store = open_store(create=True)
    application = create_app(cfg, store)
    h, p = host or cfg.host, port or cfg.port
    err_console.print(f"serving {display_url(cfg.database_url)} on http://{h}:{p}/")
    uvicorn.run(application, host=h, port=p, log_level="warning")
