"""Commands that look after the store itself: check, backup, restore."""

from __future__ import annotations

from pathlib import Path

import typer

from orbat.cli.app import app, console, err_console, handles_errors, open_store, progress_bar


@app.command()
@handles_errors
def check(progress: bool | None = typer.Option(None, "--progress/--no-progress")) -> None:
    """Verify the store: foreign keys, evidence offsets, claim subjects, SHA-256 of stored bytes.

    Example: orbat check
    """
    store = open_store()
    with progress_bar(progress) as bar:
        problems = store.check(progress=bar)
    if not problems:
        console.print(
            "store is consistent: foreign keys, evidence offsets, claim subjects and hashes all check"
        )
        return
    for p in problems:
        err_console.print(f"[red]problem[/] {p}", highlight=False, soft_wrap=True)
    err_console.print(f"{len(problems)} problem(s)")
    raise typer.Exit(3)


@app.command()
@handles_errors
def backup(path: Path = typer.Argument(..., help="Backup file to write (gzip'd JSON Lines).")) -> None:
    """Write a consistent snapshot of the whole store (safe while the app runs).

    Example: orbat backup kb-2026-11-21.orbat.gz
    """
    store = open_store()
    counts = store.backup(path)
    console.print(f"backup written to {path}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))


@app.command()
@handles_errors
def restore(path: Path = typer.Argument(..., help="A file written by `orbat backup`.")) -> None:
    """Restore a backup into an empty store (any backend).

    Example: orbat --db postgresql://localhost/kb restore kb.orbat.gz
    """
    store = open_store(create=True)
    counts = store.restore(path)
    console.print(f"restored from {path}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
