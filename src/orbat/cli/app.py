"""The Typer application, its global options and shared helpers for commands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from orbat.errors import OrbatError
from orbat.settings import Settings
from orbat.store import Store

app = typer.Typer(
    name="orbat",
    help="orbat: an evidence-first knowledge base of armed groups built from open-source reporting.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class SafeConsole(Console):
    """A console that never lets text act on the terminal: control characters (ESC sequences, CR)
    and bidirectional overrides in names, quotes and reasons are shown as visible ``‹U+202E›``."""

    def render_str(self, text: str, **kwargs: Any) -> Any:
        from orbat.ingest.textnorm import visible_controls

        return super().render_str(visible_controls(text), **kwargs)


console = SafeConsole()
err_console = SafeConsole(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


class State:
    db: str | None = None
    user: str | None = None


state = State()


@app.callback()
def _global(
    db: str | None = typer.Option(
        None, "--db", help="Database URL or SQLite file (default: $ORBAT_DATABASE_URL or ./orbat.db)."
    ),
    user: str | None = typer.Option(None, "--user", help="Who is acting (recorded in the audit trail)."),
) -> None:
    state.db = db
    state.user = user


def settings() -> Settings:
    base = Settings()
    updates: dict[str, Any] = {}
    if state.db:
        updates["database_url"] = state.db
    if state.user:
        updates["user"] = state.user
    return base.model_copy(update=updates)


def open_store(create: bool = False) -> Store:
    return Store.open(settings().database_url, create=create)


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn OrbatError into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except OrbatError as exc:
            fail(str(exc))
            raise AssertionError("unreachable") from None

    return wrapper


@contextmanager
def progress_bar(enabled: bool | None = None) -> Iterator[Callable[[str, int, int], None]]:
    """A Rich progress bar on stderr; silent when stderr is not a terminal unless forced."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield lambda _label, _done, _total: None
        return
    columns = (
        TextColumn("{task.description:<32.32}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as bar:
        tasks: dict[str, Any] = {}

        def update(label: str, done: int, total: int) -> None:
            stage = "extract" if label == "extract" or label.endswith(".extract") else "documents"
            key = "resolve" if label == "resolve" else stage
            if key not in tasks:
                tasks[key] = bar.add_task(key, total=total)
            bar.update(tasks[key], completed=done, total=total, description=f"{key}: {label}"[:32])

        yield update


def shorten(text: str | None, width: int = 80) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
