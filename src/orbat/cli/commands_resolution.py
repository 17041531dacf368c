"""Analyst decisions on entity resolution: merge, split, same, different, undo, review-matches."""

from __future__ import annotations

import typer
from rich.table import Table

from orbat.cli.app import app, console, fail, handles_errors, open_store, settings
from orbat.errors import NotFound


def _entity_nodes(store: object, ref: str) -> tuple[str, list[str]]:
    from orbat.store import Store

    assert isinstance(store, Store)
    found = store.find_entities(ref)
    if not found:
        raise NotFound(f"no entity {ref!r}")
    if len(found) > 1:
        ids = ", ".join(e.id for e in found)
        raise NotFound(f"{ref!r} names several entities ({ids}): use an id")
    nodes = store.nodes_of_entity(found[0].id)
    if not nodes:
        raise NotFound(f"entity {found[0].id} has no records")
    return found[0].id, [n.id for n in nodes]


def _judge(a: str, b: str, verdict: str, reason: str | None, action: str) -> None:
    from orbat import pipeline

    store = open_store()
    ea, na = _entity_nodes(store, a)
    eb, nb = _entity_nodes(store, b)
    if verdict == "same" and ea == eb:
        fail(f"{a!r} and {b!r} are already one entity ({ea})")
    pairs = [(na[0], nb[0])] if verdict == "same" else [(x, y) for x in na for y in nb]
    removed = store.human_edges_between(na, nb, "same") if verdict == "different" else []
    decision = store.decide(
        pairs, verdict, user=settings().user, reason=reason, action=action, deleted_edges=removed
    )
    res = pipeline.resolve(store, reopen=[ea, eb])
    console.print(
        f"decision {decision} recorded ({verdict}); {res.entities} entities now. Undo: orbat undo {decision}"
    )


@app.command()
@handles_errors
def merge(
    a: str, b: str, reason: str | None = typer.Option(None, help="Why (kept in the audit trail).")
) -> None:
    """Merge two entities (a human 'same' judgement that survives re-runs).

    Example: orbat merge "Baqir Brigade" "Liwa al-Baqir" --reason "same unit, Arabic name"
    """
    _judge(a, b, "same", reason, "merge")


@app.command()
@handles_errors
def same(a: str, b: str, reason: str | None = typer.Option(None)) -> None:
    """Record that two entities are the same thing.

    Example: orbat same NDF "National Defence Forces"
    """
    _judge(a, b, "same", reason, "same")


@app.command()
@handles_errors
def different(a: str, b: str, reason: str | None = typer.Option(None)) -> None:
    """Record that two entities are different things (they will never be merged automatically).

    Example: orbat different "Latakia NDF" NDF
    """
    _judge(a, b, "different", reason, "different")


@app.command()
@handles_errors
def split(
    entity: str,
    names: list[str] = typer.Argument(..., help="The names to split off into their own entity."),
    reason: str | None = typer.Option(None),
) -> None:
    """Split the records carrying NAMES out of ENTITY.

    Example: orbat split "Khalid al-Hassan" "Omar Hussein al-Hassan"
    """
    from orbat import pipeline

    store = open_store()
    ent = store.get_entity(entity)
    nodes = store.nodes_of_entity(ent.id)
    wanted = {n.casefold() for n in names}
    out = [n.id for n in nodes if any(x.casefold() in wanted for x in n.names)]
    keep = [n.id for n in nodes if n.id not in out]
    if not out:
        fail(f"no record of {ent.name!r} carries {', '.join(names)}")
    if not keep:
        fail("every record carries those names: nothing would remain")
    removed = store.human_edges_between(out, keep, "same")
    pairs = [(x, y) for x in out for y in keep]
    decision = store.decide(
        pairs, "different", user=settings().user, reason=reason, action="split", deleted_edges=removed
    )
    res = pipeline.resolve(store, reopen=[ent.id])
    console.print(
        f"split {len(out)} record(s) off {ent.name!r} as decision {decision}; {res.entities} entities now"
    )


@app.command()
@handles_errors
def undo(decision: str, reason: str | None = typer.Option(None)) -> None:
    """Withdraw an analyst decision (merge, split, same, different).

    Example: orbat undo D1a2b3c4d5e6
    """
    from orbat import pipeline

    store = open_store()
    n = store.undo_decision(decision, user=settings().user, reason=reason)
    res = pipeline.resolve(store, reopen=sorted(store.decision_entities(decision)))
    console.print(f"decision {decision} withdrawn ({n} judgements); {res.entities} entities now")


@app.command("review-matches")
@handles_errors
def review_matches(limit: int = typer.Option(50, help="At most this many pairs.")) -> None:
    """List candidate entity pairs the matcher was unsure about, with scores and reasons.

    Example: orbat review-matches
    """
    from orbat import pipeline

    store = open_store()
    candidates = pipeline.match_candidates(store, limit=limit)
    table = Table(title="candidate matches (decide with orbat same/different A B)")
    for col in ("score", "entity A", "entity B", "why"):
        table.add_column(col, overflow="fold")
    for c in candidates:
        table.add_row(f"{c.score:.2f}", f"{c.left_name} ({c.left})", f"{c.right_name} ({c.right})", c.why)
    console.print(table)
