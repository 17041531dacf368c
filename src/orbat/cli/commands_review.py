"""Reviewing what the sources say: conflicts, grouped claims, analyst decisions, grades, history."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from orbat.cli.app import app, console, fail, handles_errors, open_store, settings, shorten
from orbat.errors import NotFound
from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.reconcile import (
    CLASS_LABELS,
    CONFLICT_CLASSES,
    CREDIBILITY_LABELS,
    RELIABILITY_LABELS,
    ClaimGroup,
    GradedClaim,
    GroupClass,
    check_credibility,
    check_reliability,
    check_stance,
    conflicts,
    reconcile,
)
from orbat.reconcile.temporal import ACTIVE_AS_OBJECT
from orbat.store import AuditRow, Store

QUOTE_WIDTH = 70
MAX_REASONS = 3
CREDIBILITY_LEGEND = (
    "cred: " + ", ".join(f"{k} {v}" for k, v in CREDIBILITY_LABELS.items()) + "; * analyst's grade"
)


# -- reading -------------------------------------------------------------------


def claims_around(store: Store, entity_id: str) -> list[ClaimView]:
    """The claims needed to reconcile an entity's groups and its temporal flags.

    Its own claims (as subject); the leader/member groups that name it (so a
    dead person placed at the head of a group is seen); and the death dates
    of the people its leader/member claims name.
    """
    own = store.claims(entity=entity_id, include_rejected=False)
    seen = {c.id for c in own}
    out = list(own)

    def add(more: list[ClaimView]) -> None:
        for c in more:
            if c.id not in seen:
                seen.add(c.id)
                out.append(c)

    naming = store.claims(entity=entity_id, as_object=True, include_rejected=False)
    for subject, predicate in sorted(
        {(c.subject, c.predicate) for c in naming if c.subject and c.subject != entity_id}
    ):
        if predicate in ACTIVE_AS_OBJECT:
            add(store.claims(entity=subject, predicate=predicate, include_rejected=False))
    people = {c.object_entity for c in own if c.predicate in ACTIVE_AS_OBJECT and c.object_entity}
    for person in sorted(people):
        add(store.claims(entity=person, predicate="died", include_rejected=False))
    return out


def entity_groups(store: Store, entity_id: str) -> list[ClaimGroup]:
    """The reconciled groups of one entity, with temporal flags that concern it."""
    groups = reconcile(claims_around(store, entity_id), store.source_grades())
    return [g for g in groups if g.subject == entity_id or any(i.person == entity_id for i in g.issues)]


# -- rendering -------------------------------------------------------------------


def _when(c: ClaimView) -> str:
    q = c.qualifiers
    if q.as_of:
        return f"as of {q.as_of}"
    if q.start or q.end:
        return f"{q.start or '…'}–{q.end or '…'}"
    return ""


def _source(c: ClaimView) -> str:
    ev = c.evidence[0] if c.evidence else None
    if ev is None:
        return f"{c.document or '?'} (no evidence)"
    return f"{ev.document} ({ev.published or 'n.d.'})"


def _credibility(g: GradedClaim) -> str:
    mark = "*" if g.overridden else ""
    return f"{g.credibility}{mark} {CREDIBILITY_LABELS[g.credibility]}"


def _quote(c: ClaimView) -> str:
    return shorten(c.evidence[0].quote if c.evidence else "", QUOTE_WIDTH)


def _class_cell(group: ClaimGroup) -> str:
    lines = [CLASS_LABELS[group.kind]]
    extra = sorted(CLASS_LABELS[k] for k in group.classes if k is not group.kind)
    if extra:
        lines.append("+ " + ", ".join(extra))
    return "\n".join(lines)


def _why(group: ClaimGroup) -> str:
    reasons = [c.reason for c in group.conflicts if c.kind in CONFLICT_CLASSES]
    reasons += [i.reason for i in group.issues]
    if not reasons and GroupClass.DOUBTED in group.classes:
        reasons.append("a source disputes this value")
    unique = list(dict.fromkeys(reasons))
    if len(unique) > MAX_REASONS:
        unique = [*unique[:MAX_REASONS], f"… and {len(unique) - MAX_REASONS} more"]
    return "\n".join(unique)


def _add_row(table: Table, *cells: str) -> None:
    """Add a row of plain text: brackets in quotes and names are not Rich markup."""
    table.add_row(*(escape(c) for c in cells))


def conflicts_table(groups: list[ClaimGroup], title: str) -> Table:
    table = Table(title=escape(title), show_lines=True)
    for col in (
        "entity",
        "property",
        "class",
        "value",
        "quote",
        "source",
        "claimed by",
        "hedge",
        "cred",
    ):
        table.add_column(col, overflow="fold")
    table.add_column("claim", no_wrap=True, min_width=21)
    for group in groups:
        first = True
        for vg in group.values:
            if vg.deprecated:
                continue
            for i, gc in enumerate(vg.claims):
                c = gc.claim
                value = (("★ " if vg is group.best else "") + vg.display) if i == 0 else ""
                if c.rank == "deprecated":
                    value = (value + " (deprecated)").strip()
                if _when(c):
                    value = (value + "\n" + _when(c)).strip()
                _add_row(
                    table,
                    (group.subject_name or group.subject or "?") if first else "",
                    group.predicate if first else "",
                    (_class_cell(group) + ("\n" + _why(group) if _why(group) else "")) if first else "",
                    value,
                    _quote(c),
                    _source(c),
                    c.qualifiers.claimed_by or "",
                    c.qualifiers.hedge,
                    f"{gc.credibility}{'*' if gc.overridden else ''}",
                    c.id,
                )
                first = False
        for issue in group.issues:
            d = issue.died
            _add_row(
                table,
                "",
                "",
                "",
                f"† {issue.person_name or issue.person} died {(d.object_value or {}).get('date', '?')}",
                _quote(d),
                _source(d),
                d.qualifiers.claimed_by or "",
                d.qualifiers.hedge,
                str(d.credibility or ""),
                d.id,
            )
    return table


def grouped_table(groups: list[ClaimGroup], title: str) -> Table:
    """Value groups per property: class, sources, credibility, best value marked ★."""
    table = Table(title=escape(title), show_lines=True)
    for col in (
        "property",
        "class",
        "value",
        "cred",
        "when",
        "source",
        "claimed by",
        "hedge",
        "quote",
    ):
        table.add_column(col, overflow="fold")
    table.add_column("claim", no_wrap=True, min_width=21)
    for group in groups:
        first = True
        for vg in group.values:
            for i, gc in enumerate(vg.claims):
                c = gc.claim
                if i == 0:
                    n = vg.independent
                    mark = "★ " if vg is group.best else ""
                    value = f"{mark}{vg.display}\n{n} independent source{'s' if n != 1 else ''}"
                    value += f", reliability {vg.reliability}"
                    if vg.deprecated:
                        value += " (deprecated)"
                    cred = f"{vg.credibility} {CREDIBILITY_LABELS[vg.credibility]}"
                else:
                    value, cred = "", ""
                if gc.overridden or gc.credibility != vg.credibility:
                    cred = (cred + f"\nclaim: {_credibility(gc)}").strip()
                status = "" if c.status == "proposed" else f" [{c.status}]"
                _add_row(
                    table,
                    group.predicate if first else "",
                    _class_cell(group) if first else "",
                    value,
                    cred,
                    _when(c),
                    _source(c),
                    c.qualifiers.claimed_by or "",
                    c.qualifiers.hedge + status,
                    _quote(c),
                    c.id + ("" if c.rank == "normal" else f" ({c.rank})"),
                )
                first = False
    return table


def print_grouped(store: Store, entity_id: str, predicate: str | None = None) -> None:
    groups = entity_groups(store, entity_id)
    if predicate is not None:
        canonical, _ = VOCABULARY.canonical_predicate(predicate)
        groups = [g for g in groups if g.predicate == canonical]
    entity = store.get_entity(entity_id)
    console.print(grouped_table(groups, f"{entity.name}: claims grouped by property"))
    n = sum(len(g.claims) for g in groups)
    console.print(f"{n} claims in {len(groups)} groups; ★ best value; {CREDIBILITY_LEGEND}")


# -- commands -----------------------------------------------------------------------


@app.command("conflicts")
@handles_errors
def conflicts_command(
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only this entity (name, alias or id)."),
) -> None:
    """List contradictions, disputed values and temporal conflicts, side by side with their sources.

    Example: orbat conflicts --entity "Liwa al-Baqir"
    """
    store = open_store()
    if entity:
        eid = store.get_entity(entity).id
        found = conflicts(entity_groups(store, eid))
    else:
        found = conflicts(reconcile(store.claims(include_rejected=False), store.source_grades()))
    if not found:
        console.print("no conflicts")
        return
    console.print(conflicts_table(found, "conflicts"))
    console.print(
        f"{len(found)} conflicts; ★ best value; cred: 1 (confirmed) to 6 (cannot be judged), * analyst's"
    )


@app.command()
@handles_errors
def grouped(
    entity: str = typer.Option(..., "--entity", "-e", help="Entity name, alias or id."),
    predicate: str | None = typer.Option(None, "--predicate", "-p", help="Only this predicate."),
) -> None:
    """Show an entity's claims grouped by property: class, sources, credibility, best value.

    Example: orbat grouped --entity "National Defense Forces" --predicate size
    """
    store = open_store()
    print_grouped(store, store.get_entity(entity).id, predicate)


def _review(claim_id: str, status: str, reason: str | None) -> None:
    store = open_store()
    c = store.review_claim(claim_id, status, user=settings().user, reason=reason)
    console.print(f"claim {c.id} {c.status} by {c.updated_by} (version {c.row_version})", markup=False)


@app.command()
@handles_errors
def accept(
    claim_id: str, reason: str | None = typer.Option(None, help="Why (kept in the audit trail).")
) -> None:
    """Accept a claim (audited).

    Example: orbat --user dana accept C1a2b3c4d5e6f7a8b9c0d --reason "checked the source"
    """
    _review(claim_id, "accepted", reason)


@app.command()
@handles_errors
def reject(
    claim_id: str, reason: str | None = typer.Option(None, help="Why (kept in the audit trail).")
) -> None:
    """Reject a claim: it leaves every grouped view and conflict (audited).

    Example: orbat reject C1a2b3c4d5e6f7a8b9c0d --reason "misread: the figure is wounded, not killed"
    """
    _review(claim_id, "rejected", reason)


@app.command()
@handles_errors
def rank(
    claim_id: str,
    rank: str = typer.Argument(..., help="preferred, normal or deprecated."),
    reason: str | None = typer.Option(None, help="Why (required for preferred and deprecated)."),
) -> None:
    """Rank a claim: a preferred value is shown as best; a deprecated one never is (audited).

    Example: orbat rank C1a2b3c4d5e6f7a8b9c0d preferred --reason "the brigade's own founding notice"
    """
    store = open_store()
    c = store.rank_claim(claim_id, rank, user=settings().user, reason=reason)
    console.print(
        f"claim {c.id} ranked {c.rank} by {c.updated_by}" + (f": {reason}" if reason else ""), markup=False
    )


@app.command()
@handles_errors
def credibility(
    claim_id: str,
    value: str = typer.Argument(..., help="1 (confirmed) to 6 (cannot be judged), or 'derived' to clear."),
    reason: str | None = typer.Option(None, help="Why (kept in the audit trail)."),
) -> None:
    """Set the analyst's credibility of a claim (1-6), overriding the derived grade (audited).

    Example: orbat credibility C1a2b3c4d5e6f7a8b9c0d 2 --reason "matches satellite imagery"
    """
    store = open_store()
    grade: int | None = None
    if value.strip().lower() not in ("derived", "none"):
        if not value.strip().isdigit():
            fail(f"credibility {value!r} is not 1-6 or 'derived'")
        grade = check_credibility(int(value))
    c = store.set_credibility(claim_id, grade, user=settings().user, reason=reason)
    shown = "derived" if c.credibility is None else f"{c.credibility} ({CREDIBILITY_LABELS[c.credibility]})"
    console.print(f"claim {c.id} credibility {shown}")


@app.command()
@handles_errors
def grade(
    source: str = typer.Argument(..., help="A document name, or a publisher name with --publisher."),
    reliability: str | None = typer.Option(None, "--reliability", "-r", help="Admiralty grade A-F."),
    stance: str | None = typer.Option(
        None, "--stance", "-s", help="affiliated, opposition, independent, state."
    ),
    publisher: bool = typer.Option(False, "--publisher", help="SOURCE is a publisher, not a document."),
    reason: str | None = typer.Option(None, help="Why (kept in the audit trail)."),
) -> None:
    """Grade a source's reliability (A-F) and stance: a document, or every document of a publisher.

    Example: orbat grade "Free Aleppo Voice" --publisher --reliability D --stance opposition
    """
    if reliability is None and stance is None:
        fail("give --reliability (A-F) and/or --stance")
    letter = check_reliability(reliability) if reliability is not None else None
    side = check_stance(stance) if stance is not None else None
    store = open_store()
    user = settings().user
    if publisher:
        g = store.set_publisher_grade(source, letter, side, user=user, reason=reason)
        known = {str(r["publisher"]).casefold() for r in store.list_documents() if r["publisher"]}
        what = f"publisher {source!r}"
        if source.casefold() not in known:
            what += " (no stored document has this publisher yet)"
        console.print(
            f"{what}: reliability {g.reliability or 'default'}, stance {g.stance or 'default'}", markup=False
        )
    else:
        store.set_document_grade(source, reliability=letter, stance=side, user=user, reason=reason)
        console.print(
            f"document {source!r}: " + ", ".join(f"{k} {v}" for k, v in _given(letter, side)), markup=False
        )
    if letter:
        console.print(f"{letter}: {RELIABILITY_LABELS[letter]}")


def _given(letter: str | None, side: str | None) -> list[tuple[str, str]]:
    return [(k, v) for k, v in (("reliability", letter), ("stance", side)) if v]


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list | tuple):
        return shorten(", ".join(_fmt(v) for v in value), 60)
    return shorten(str(value), 60)


def change_text(before: Any, after: Any) -> str:
    """``key: before → after`` lines for an audit row."""
    if isinstance(before, dict) or isinstance(after, dict):
        b = before if isinstance(before, dict) else {}
        a = after if isinstance(after, dict) else {}
        lines = []
        for key in dict.fromkeys([*b, *a]):
            if key in b and key in a:
                lines.append(f"{key}: {_fmt(b[key])} → {_fmt(a[key])}")
            elif key in a:
                lines.append(f"{key}: {_fmt(a[key])}")
            else:
                lines.append(f"{key}: {_fmt(b[key])} → –")
        return "\n".join(lines)
    return f"{_fmt(before)} → {_fmt(after)}"


def history_table(rows: list[AuditRow], title: str) -> Table:
    table = Table(title=escape(title), show_lines=True)
    for col in ("when", "who", "action", "target", "before → after", "why"):
        table.add_column(col, overflow="fold")
    for r in rows:
        when = r.at.strftime("%Y-%m-%d %H:%M:%S") if hasattr(r.at, "strftime") else str(r.at)
        _add_row(
            table,
            when,
            r.user,
            r.action,
            f"{r.target_kind} {r.target_id}",
            change_text(r.before, r.after),
            r.reason or "",
        )
    return table


@app.command()
@handles_errors
def history(ref: str = typer.Argument(..., help="A claim id, or an entity name, alias or id.")) -> None:
    """Show the audit trail of a claim, or of an entity (its decisions and its claims' changes).

    Example: orbat history "Liwa al-Baqir"
    """
    store = open_store()
    try:
        claim = store.get_claim(ref)
    except NotFound:
        claim = None
    if claim is not None:
        rows = store.audit_rows("claim", [claim.id])
        title = (
            f"history of claim {claim.id} ({claim.subject_name} {claim.predicate} {claim.object_display()})"
        )
    else:
        entity = store.get_entity(ref)
        rows = store.entity_history(entity.id)
        title = f"history of {entity.name} ({entity.id})"
    if not rows:
        console.print(f"{title}: no changes recorded", markup=False)
        return
    console.print(history_table(rows, title))
    console.print(f"{len(rows)} changes")
