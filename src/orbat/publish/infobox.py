"""Encyclopedia-style infoboxes: key/value rows, every value footnoted.

Armed groups: names, active dates (founded–dissolved), allegiance, part of,
type, role, ideology, size (with as-of), headquarters and area of
operations (garrison), battles, commanders, allies, opponents, backers.
People: positions, commands, memberships, relatives, death. Other entities:
type and location.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.publish.citations import Citations, Footnote
from orbat.publish.context import EntityContext
from orbat.publish.facts import CONTRADICTION, FactGroup, ValueGroup, claim_date
from orbat.publish.names import name_entries
from orbat.publish.prose import Cite, Part, value_text
from orbat.publish.text import date_noun, is_arabic_script, join_words, precision_rank, sort_key
from orbat.store import Store


@dataclass(frozen=True)
class InfoValue:
    parts: tuple[Part, ...]
    claim_ids: tuple[str, ...]
    unreviewed: bool = False
    disputed: bool = False

    def plain(self) -> str:
        return "".join(p if isinstance(p, str) else "".join(f"[{n}]" for n in p.numbers) for p in self.parts)


@dataclass(frozen=True)
class InfoRow:
    label: str
    values: tuple[InfoValue, ...]


@dataclass(frozen=True)
class Infobox:
    title: str
    subtitle: str
    rows: tuple[InfoRow, ...]
    footnotes: tuple[Footnote, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "rows": [
                {
                    "label": r.label,
                    "values": [
                        {
                            "text": v.plain(),
                            "notes": [n for p in v.parts if isinstance(p, Cite) for n in p.numbers],
                            "claim_ids": list(v.claim_ids),
                            "unreviewed": v.unreviewed,
                            "disputed": v.disputed,
                        }
                        for v in r.values
                    ],
                }
                for r in self.rows
            ],
            "footnotes": [f.to_json() for f in self.footnotes],
        }


def _details(c: ClaimView) -> str:
    """Role, kind and dates of a relation in brackets: "(commander, from 2015 to 2020)"."""
    q = c.qualifiers
    bits = []
    if q.role:
        bits.append(q.role)
    if q.kind and c.predicate not in ("casualties",):
        bits.append(q.kind)
    if q.start and q.end:
        bits.append(f"{date_noun(q.start)}–{date_noun(q.end)}")
    elif q.start:
        bits.append(f"from {date_noun(q.start)}")
    elif q.end:
        bits.append(f"until {date_noun(q.end)}")
    elif q.as_of:
        bits.append(f"as of {date_noun(q.as_of)}")
    return f" ({', '.join(bits)})" if bits else ""


def _value(g: ValueGroup, cites: Citations, *, inverse: bool = False, disputed: bool = False) -> InfoValue:
    rep = g.representative
    text = value_text(rep, inverse=inverse, noun=True) + _details(rep)
    if g.doubted:
        text += " (disputed by its source)"
    elif g.hedge == "uncertain":
        text += " (possibly)"
    parts: list[Part] = [text]
    numbers = cites.cite(g.claims)
    if numbers:
        parts.append(Cite(numbers))
    return InfoValue(tuple(parts), g.claim_ids, g.unreviewed, disputed or g.doubted)


def _values(fact: FactGroup | None, cites: Citations, *, with_doubted: bool = False) -> list[InfoValue]:
    if fact is None:
        return []
    disputed = fact.cls == CONTRADICTION
    groups = fact.values + (fact.doubted if with_doubted else [])
    return [_value(g, cites, inverse=fact.inverse, disputed=disputed) for g in groups]


def _dates(fact: FactGroup | None, cites: Citations) -> tuple[list[Part], list[str], bool, bool]:
    """A founding/dissolution date as parts: one value, or rival values joined by "or"."""
    if fact is None or not fact.values:
        return [], [], False, False
    parts: list[Part] = []
    ids: list[str] = []
    clusters = fact.clusters if fact.cls == CONTRADICTION else [fact.values]
    clusters = sorted(clusters, key=lambda cl: min(sort_key(claim_date(g.first)) for g in cl))
    for i, cluster in enumerate(clusters):
        main = max(cluster, key=lambda g: (precision_rank(claim_date(g.first) or ""), len(g.claims)))
        if i:
            parts.append(" or ")
        parts.append(date_noun(claim_date(main.first) or "?"))
        numbers = cites.cite([c for g in cluster for c in g.claims])
        if numbers:
            parts.append(Cite(numbers))
        ids.extend(i for g in cluster for i in g.claim_ids)
    disputed = len(clusters) > 1
    if disputed:
        parts.append(" (disputed)")
    return parts, ids, all(g.unreviewed for g in fact.values), disputed


MAX_VALUES = 12  # per row; the profile's sections give the rest


def _row(rows: list[InfoRow], label: str, values: Sequence[InfoValue]) -> None:
    if not values:
        return
    shown = list(values[:MAX_VALUES])
    if len(values) > MAX_VALUES:
        shown.append(InfoValue((f"and {len(values) - MAX_VALUES} more",), (), False, False))
    rows.append(InfoRow(label, tuple(shown)))


def name_values(ctx: EntityContext, arabic: bool) -> list[InfoValue]:
    out = []
    for n in name_entries(ctx):
        if n.canonical or is_arabic_script(n.name) != arabic or not n.notes:
            continue  # names with no quoted source are listed in the profile, not here
        parts: list[Part] = [n.name]
        if n.notes:
            parts.append(Cite(n.notes))
        out.append(InfoValue(tuple(parts), n.claim_ids, n.unreviewed))
    return out


def build_infobox(ctx: EntityContext) -> Infobox:
    """The infobox of ``ctx.entity``, citing into ``ctx.cites`` (the profile's footnotes)."""
    e = ctx.entity
    cites = ctx.cites
    rows: list[InfoRow] = []
    type_label = VOCABULARY.entity_types[e.type].label
    _row(rows, "Native name", name_values(ctx, arabic=True))
    _row(rows, "Also known as", name_values(ctx, arabic=False))
    if e.type == "armed_group":
        start, ids1, unrev1, disp1 = _dates(ctx.fact("founded"), cites)
        end, ids2, unrev2, disp2 = _dates(ctx.fact("dissolved"), cites)
        if start or end:
            if start and end:
                parts: list[Part] = [*start, " – ", *end]
            elif start:
                parts = ["founded ", *start]
            else:
                parts = ["dissolved ", *end]
            unreviewed = (unrev1 or not ids1) and (unrev2 or not ids2)
            value = InfoValue(tuple(parts), tuple(ids1 + ids2), unreviewed, disp1 or disp2)
            rows.append(InfoRow("Active", (value,)))

        def is_state(c: ClaimView) -> bool:
            return ctx.type_of(c.object_entity) == "state"

        allegiance = _values(ctx.fact("part_of", where=is_state), cites) + _values(
            ctx.fact("allied_with", where=is_state), cites
        )
        _row(rows, "Allegiance", allegiance)
        _row(rows, "Part of", _values(ctx.fact("part_of", where=lambda c: not is_state(c)), cites))
        _row(rows, "Type", _values(ctx.fact("group_type"), cites))
        _row(rows, "Role", _values(ctx.fact("activity"), cites))
        _row(rows, "Ideology", _values(ctx.fact("ideology"), cites))
        _row(rows, "Size", _values(ctx.fact("size"), cites, with_doubted=True))
        _row(rows, "Headquarters", _values(ctx.fact("headquarters"), cites))
        _row(rows, "Area of operations", _values(ctx.fact("operates_in"), cites))
        _row(rows, "Battles and wars", _values(ctx.fact("participated_in"), cites))
        _row(rows, "Commanders", _values(ctx.fact("leader"), cites))
        _row(rows, "Founded by", _values(ctx.fact("founded_by"), cites))
        _row(rows, "Allies", _values(ctx.fact("allied_with", where=lambda c: not is_state(c)), cites))
        _row(rows, "Backers", _values(ctx.fact("supported_by"), cites))
        _row(rows, "Opponents", _values(ctx.fact("opposed"), cites))
        _row(rows, "Subordinate units", _values(ctx.fact("part_of", inverse=True), cites))
    elif e.type == "person":
        _row(rows, "Positions", _values(ctx.fact("position"), cites))
        _row(rows, "Leads", _values(ctx.fact("leader", inverse=True), cites))
        _row(rows, "Member of", _values(ctx.fact("member", inverse=True), cites))
        _row(rows, "Founded", _values(ctx.fact("founded_by", inverse=True), cites))
        rel = _values(ctx.fact("relative_of"), cites) + _values(ctx.fact("relative_of", inverse=True), cites)
        _row(rows, "Relatives", rel)
        died, ids, unrev, disp = _dates(ctx.fact("died"), cites)
        if died:
            manner = join_words(
                list(dict.fromkeys(c.qualifiers.role for c in ctx.forward("died") if c.qualifiers.role))
            )
            if manner:
                died = [*died, f" ({manner})"]
            rows.append(InfoRow("Died", (InfoValue(tuple(died), tuple(ids), unrev, disp),)))
    else:
        _row(rows, "Located in", _values(ctx.fact("located_in"), cites))
        _row(rows, "Part of", _values(ctx.fact("part_of"), cites))
        _row(rows, "Leaders", _values(ctx.fact("leader"), cites))
    ctx.used.clear()
    return Infobox(e.name, type_label, tuple(rows))


def infobox(store: Store, ref: str) -> Infobox:
    """A standalone infobox for the entity ``ref`` (id or name), with its own footnotes."""
    ctx = EntityContext.load(store, ref)
    box = build_infobox(ctx)
    return Infobox(box.title, box.subtitle, box.rows, tuple(ctx.cites.footnotes()))
