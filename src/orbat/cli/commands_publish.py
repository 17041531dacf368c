"""Commands that publish: sourced profiles, timelines and relationship graphs."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from orbat.cli.app import app, err_console, fail, handles_errors, open_store

PROFILE_FORMATS = ("md", "html", "pdf")
TIMELINE_FORMATS = ("json", "svg", "png")
GRAPH_FORMATS = ("graphml", "gexf", "json", "svg", "png")
BINARY = ("pdf", "png")


def _write(data: str | bytes, output: Path | None, what: str) -> None:
    """Write to ``output`` atomically (a .part file renamed), or to stdout."""
    if output is None:
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                fail(f"{what} is binary: give -o FILE")
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        elif sys.stdout.isatty():
            # quotes come from documents: on a terminal, control sequences in them are shown, not obeyed
            from orbat.ingest.textnorm import visible_controls

            sys.stdout.write(visible_controls(data))
        else:
            sys.stdout.write(data)
        return
    tmp = output.with_name(output.name + ".part")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    tmp.replace(output)
    err_console.print(f"{what} written to {output}")


def _format(value: str | None, output: Path | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for, else the output file's extension, else the default."""
    fmt = value
    if fmt is None and output is not None:
        ext = output.suffix.lstrip(".").lower()
        fmt = {"markdown": "md", "htm": "html"}.get(ext, ext)
        if fmt not in allowed:
            fmt = None
    fmt = fmt or default
    if fmt not in allowed:
        fail(f"unknown format {fmt!r} (known: {', '.join(allowed)})")
    return fmt


@app.command()
@handles_errors
def profile(
    name: str = typer.Argument(..., help="Entity id, name or alias."),
    format: str | None = typer.Option(
        None, "--format", "-f", help="md, html or pdf (default: from -o, else md)."
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
) -> None:
    """Write the sourced profile of an armed group, person or other entity.

    Example: orbat profile "Liwa al-Baqir" --format html -o baqir.html
    """
    from orbat.publish.profiles import build_profile

    fmt = _format(format, output, PROFILE_FORMATS, "md")
    store = open_store()
    prof = build_profile(store, name)
    data: str | bytes
    if fmt == "md":
        from orbat.publish.render_md import render_markdown

        data = render_markdown(prof)
    elif fmt == "html":
        from orbat.publish.render_html import render_html

        data = render_html(prof)
    else:
        from orbat.publish.render_html import render_pdf

        data = render_pdf(prof)
    _write(data, output, f"profile of {prof.name} ({len(prof.footnotes)} footnotes)")


@app.command()
@handles_errors
def timeline(
    name: str | None = typer.Argument(None, help="Entity id, name or alias (default: the whole corpus)."),
    format: str | None = typer.Option(
        None, "--format", "-f", help="json, svg or png (default: from -o, else json)."
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
) -> None:
    """Write the timeline of an entity's dated claims, or of the whole corpus.

    Example: orbat timeline "National Defense Forces" --format svg -o ndf.svg
    """
    from orbat.publish.timeline import build_timeline, render_timeline_image, timeline_json

    fmt = _format(format, output, TIMELINE_FORMATS, "json")
    store = open_store()
    tl = build_timeline(store, name)
    data: str | bytes = timeline_json(tl) if fmt == "json" else render_timeline_image(tl, fmt)
    _write(data, output, f"timeline ({len(tl.items)} dated items, {tl.undated} undated claims)")


@app.command()
@handles_errors
def graph(
    name: str | None = typer.Argument(None, help="Focus entity (default: the whole graph)."),
    format: str | None = typer.Option(
        None, "--format", "-f", help="graphml, gexf, json, svg or png (default: from -o, else json)."
    ),
    depth: int = typer.Option(1, "--depth", "-d", min=1, help="Neighbourhood depth around the focus entity."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
) -> None:
    """Write the relationship graph (entities and the claims that link them).

    Example: orbat graph "Liwa al-Baqir" --depth 2 --format gexf -o baqir.gexf
    """
    import io

    from orbat.publish.graph import (
        build_graph,
        render_graph_image,
        write_gexf,
        write_graph_json,
        write_graphml,
    )

    fmt = _format(format, output, GRAPH_FORMATS, "json")
    store = open_store()
    g = build_graph(store, name, depth=depth)
    data: str | bytes
    if fmt in ("svg", "png"):
        title = f"{store.get_entity(name).name} (depth {depth})" if name else "Relationship graph"
        data = render_graph_image(g, fmt, title=title)
    else:
        buf = io.StringIO()
        {"graphml": write_graphml, "gexf": write_gexf, "json": write_graph_json}[fmt](g, buf)
        data = buf.getvalue()
    _write(data, output, f"graph ({g.number_of_nodes()} entities, {g.number_of_edges()} relations)")
