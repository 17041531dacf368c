"""What the pages and the API show, built from the store: profiles, documents, graph, timeline, map.

Nothing here writes. Reconciliation (grouping claims per property, conflict
classes, preferred values) is ``orbat.reconcile``'s; this module arranges its
result for reading: numbered footnotes that open the quoted document at the
quote, an infobox of best values, highlighted document text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from orbat.errors import NotFound
from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimView, EvidenceView
from orbat.reconcile import CLASS_LABELS as _RECONCILE_LABELS
from orbat.reconcile import ClaimGroup, conflicts, reconcile
from orbat.store import Store

CLASS_LABELS: dict[str, str] = {str(k): v for k, v in _RECONCILE_LABELS.items()}


def doc_href(document: str, start: int | None = None, end: int | None = None) -> str:
    base = "/documents/" + quote(document, safe="")
    if start is not None and end is not None:
        return f"{base}#q-{start}-{end}"
    return base


def entity_href(entity_id: str | None) -> str:
    return "/entities/" + quote(entity_id or "", safe="")


def predicate_label(predicate: str) -> str:
    try:
        return VOCABULARY.predicate(predicate).label
    except Exception:
        return predicate.replace("_", " ")


def qualifier_text(claim: ClaimView) -> str:
    q = claim.qualifiers
    parts = []
    if q.start or q.end:
        parts.append(f"{q.start or '…'} – {q.end or '…'}")
    if q.as_of:
        parts.append(f"as of {q.as_of}")
    if q.role:
        parts.append(q.role)
    if q.kind:
        parts.append(q.kind)
    if q.claimed_by:
        parts.append(f"claimed by {q.claimed_by}")
    if q.hedge and q.hedge != "asserted":
        parts.append(q.hedge)
    return "; ".join(parts)


@dataclass(frozen=True)
class Footnote:
    number: int
    evidence: EvidenceView

    @property
    def href(self) -> str:
        return doc_href(self.evidence.document, self.evidence.start, self.evidence.end)

    @property
    def source(self) -> str:
        ev = self.evidence
        bits = [ev.title or ev.document]
        if ev.publisher:
            bits.append(ev.publisher)
        if ev.published:
            bits.append(ev.published)
        return ", ".join(bits)


class Footnotes:
    """Numbers each distinct piece of evidence once, in order of first citation."""

    def __init__(self) -> None:
        self.notes: list[Footnote] = []
        self._index: dict[tuple[str, int | None, int | None, str], Footnote] = {}

    def cite(self, claim: ClaimView) -> list[Footnote]:
        out = []
        for ev in claim.evidence:
            key = (ev.document, ev.start, ev.end, ev.quote)
            note = self._index.get(key)
            if note is None:
                note = Footnote(len(self.notes) + 1, ev)
                self._index[key] = note
                self.notes.append(note)
            out.append(note)
        return out


@dataclass
class ClaimRow:
    claim: ClaimView
    notes: list[Footnote]
    credibility: int | None = None
    best: bool = False
    rival: bool = False

    @property
    def qualifiers(self) -> str:
        return qualifier_text(self.claim)


@dataclass
class PropertyGroup:
    predicate: str
    label: str
    kind: str  # the main reconcile class
    classes: list[str]
    conflict: bool
    reasons: list[str]
    best: str | None
    rows: list[ClaimRow]
    subject: str | None = None
    subject_name: str | None = None

    @property
    def kind_label(self) -> str:
        return CLASS_LABELS.get(self.kind, self.kind)


def _group_view(group: ClaimGroup, notes: Footnotes) -> PropertyGroup:
    rows: list[ClaimRow] = []
    best = group.best
    for vg in group.values:
        for gc in vg.claims:
            rows.append(
                ClaimRow(
                    gc.claim,
                    notes.cite(gc.claim),
                    credibility=gc.credibility,
                    best=vg is best,
                    rival=vg is not best,
                )
            )
    classes = sorted(str(c) for c in group.classes)
    return PropertyGroup(
        predicate=group.predicate,
        label=predicate_label(group.predicate),
        kind=str(group.kind),
        classes=classes,
        conflict=bool(group.is_conflict),
        reasons=list(dict.fromkeys([c.reason for c in group.conflicts] + [i.reason for i in group.issues])),
        best=best.value.display if best is not None else None,
        rows=rows,
        subject=group.subject,
        subject_name=group.subject_name,
    )


@dataclass
class Profile:
    entity: Entity
    groups: list[PropertyGroup]
    incoming: list[ClaimRow]
    infobox: list[tuple[str, str, list[Footnote]]]
    footnotes: list[Footnote]
    rejected: list[ClaimView] = field(default_factory=list)

    @property
    def conflicts(self) -> list[PropertyGroup]:
        return [g for g in self.groups if g.conflict]


INFOBOX_PREDICATES = (
    "group_type",
    "founded",
    "dissolved",
    "founded_by",
    "leader",
    "headquarters",
    "part_of",
    "size",
    "ideology",
    "named_after",
    "position",
    "died",
)


def profile(store: Store, entity_ref: str) -> Profile:
    entity = store.get_entity(entity_ref)
    own = store.claims(entity=entity.id)
    live = [c for c in own if c.status != "rejected"]
    notes = Footnotes()
    order = {p: i for i, p in enumerate(VOCABULARY.predicates)}
    reconciled = sorted(reconcile(live, store.source_grades()), key=lambda g: order.get(g.predicate, 999))
    groups = [_group_view(g, notes) for g in reconciled]  # footnotes numbered in reading order
    infobox = []
    by_pred = {g.predicate: g for g in groups}
    for pred in INFOBOX_PREDICATES:
        g = by_pred.get(pred)
        if g is None or g.best is None:
            continue
        best_rows = [r for r in g.rows if r.best]
        cited = [n for r in best_rows for n in r.notes]
        infobox.append((g.label, g.best, list(dict.fromkeys(cited))))
    incoming_claims = [
        c
        for c in store.claims(entity=entity.id, as_object=True)
        if c.subject != entity.id and c.status != "rejected"
    ]
    incoming = [ClaimRow(c, notes.cite(c)) for c in incoming_claims]
    return Profile(
        entity=entity,
        groups=groups,
        incoming=incoming,
        infobox=infobox,
        footnotes=notes.notes,
        rejected=[c for c in own if c.status == "rejected"],
    )


def conflict_groups(store: Store, limit: int = 500) -> list[PropertyGroup]:
    """Every property, across entities, whose sources disagree (contradiction, doubted, temporal)."""
    claims = [c for c in store.claims(include_rejected=False) if c.subject]
    notes = Footnotes()
    out = [_group_view(g, notes) for g in conflicts(reconcile(claims, store.source_grades()))]
    out.sort(key=lambda g: (g.subject_name or "", g.predicate))
    return out[:limit]


# -- documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    end: int
    mention: str | None = None  # entity id
    mention_type: str | None = None
    claims: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()  # q-START-END ids that begin here


def segments(
    text: str,
    mentions: Sequence[tuple[int, int, str | None, str]],
    quotes: Sequence[tuple[int, int, str]],
) -> list[Segment]:
    """Cut ``text`` at every mention and quote boundary; each piece knows what covers it."""
    n = len(text)
    cuts = {0, n}
    for s, e, _, _ in mentions:
        if 0 <= s < e <= n:
            cuts.update((s, e))
    for s, e, _ in quotes:
        if 0 <= s < e <= n:
            cuts.update((s, e))
    points = sorted(cuts)
    starts: dict[int, list[str]] = defaultdict(list)
    for s, e, _ in quotes:
        if 0 <= s < e <= n:
            anchor = f"q-{s}-{e}"
            if anchor not in starts[s]:
                starts[s].append(anchor)
    m_sorted = sorted((m for m in mentions if 0 <= m[0] < m[1] <= n), key=lambda m: (m[0], -m[1]))
    q_sorted = sorted((q for q in quotes if 0 <= q[0] < q[1] <= n), key=lambda q: q[0])
    out: list[Segment] = []
    mi = 0
    active_m: list[tuple[int, int, str | None, str]] = []
    qi = 0
    active_q: list[tuple[int, int, str]] = []
    for a, b in pairwise(points):
        while mi < len(m_sorted) and m_sorted[mi][0] <= a:
            active_m.append(m_sorted[mi])
            mi += 1
        active_m = [m for m in active_m if m[1] > a]
        while qi < len(q_sorted) and q_sorted[qi][0] <= a:
            active_q.append(q_sorted[qi])
            qi += 1
        active_q = [q for q in active_q if q[1] > a]
        m = active_m[0] if active_m else None
        out.append(
            Segment(
                text=text[a:b],
                start=a,
                end=b,
                mention=m[2] if m else None,
                mention_type=m[3] if m else None,
                claims=tuple(dict.fromkeys(q[2] for q in active_q)),
                anchors=tuple(starts.get(a, ())),
            )
        )
    return out


@dataclass
class DocumentPage:
    row: Any
    segments: list[Segment]
    claims: list[ClaimView]
    mentions: int
    versions: list[Any]


def document_page(store: Store, name: str) -> DocumentPage:
    row = store.document_row(name)
    text = row["text"] or ""
    mention_rows = store.document_mentions(int(row["id"]))
    claims = store.claims(document=row["name"]) if row["is_current"] else []
    quotes: list[tuple[int, int, str]] = []
    for c in claims:
        for ev in c.evidence:
            if ev.document_id == row["id"] and ev.start is not None and ev.end is not None:
                quotes.append((ev.start, ev.end, c.id))
    segs = segments(text, [(m.start, m.end, m.entity_id, m.type) for m in mention_rows], quotes)
    versions = [r for r in store.list_documents(current_only=False) if r["name"] == row["name"]]
    return DocumentPage(row=row, segments=segs, claims=claims, mentions=len(mention_rows), versions=versions)


def quote_context(store: Store, ev: EvidenceView, width: int = 300) -> tuple[str, str, str] | None:
    """(before, quote, after) around a piece of evidence, from the stored text."""
    if ev.start is None or ev.end is None:
        return None
    try:
        row = store.document_row(ev.document_id)
    except NotFound:
        return None
    text = row["text"] or ""
    if ev.end > len(text):
        return None
    before = text[max(0, ev.start - width) : ev.start]
    after = text[ev.end : ev.end + width]
    return (
        ("…" if ev.start > width else "") + before,
        text[ev.start : ev.end],
        after + ("…" if ev.end + width < len(text) else ""),
    )


# -- graph, timeline, map ------------------------------------------------------------------


def _in_time(claim: ClaimView, date: str | None) -> bool:
    if not date:
        return True
    q = claim.qualifiers
    start = q.start or q.as_of or claim.sort_date
    end = q.end
    if start and start[: len(date)] > date:
        return False
    return not (end and end[: len(date)] < date)


def graph_json(
    store: Store,
    *,
    predicates: Iterable[str] | None = None,
    date: str | None = None,
    entity: str | None = None,
    limit: int = 2000,
) -> dict[str, Any]:
    """Entities and their relations as Cytoscape.js elements (entity-valued claims, not rejected)."""
    wanted = set(predicates or ())
    claims = (
        store.claims(entity=entity, as_object=True, include_rejected=False)
        if entity
        else store.claims(include_rejected=False)
    )
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in claims:
        if c.object_kind != "entity" or not c.subject or not c.object_entity:
            continue
        if wanted and c.predicate not in wanted:
            continue
        if not _in_time(c, date):
            continue
        key = (c.subject, c.predicate, c.object_entity)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = {
                "id": f"e{len(edges)}",
                "source": c.subject,
                "target": c.object_entity,
                "predicate": c.predicate,
                "label": predicate_label(c.predicate),
                "claims": [],
                "start": c.qualifiers.start,
                "end": c.qualifiers.end,
                "status": c.status,
            }
        edge["claims"].append(c.id)
        if c.status == "accepted":
            edge["status"] = "accepted"
        if len(edges) >= limit:
            break
    ids = {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    if entity:
        ids.add(entity)
    entities = {e.id: e for e in store.list_entities()} if ids else {}
    nodes = [
        {
            "data": {
                "id": i,
                "label": entities[i].name,
                "type": entities[i].type,
                "href": entity_href(i),
            }
        }
        for i in sorted(ids)
        if i in entities
    ]
    known = {n["data"]["id"] for n in nodes}
    return {
        "elements": {
            "nodes": nodes,
            "edges": [{"data": e} for e in edges.values() if e["source"] in known and e["target"] in known],
        },
        "predicates": sorted({e["predicate"] for e in edges.values()}),
    }


def timeline_json(store: Store, *, entity: str | None = None, limit: int = 2000) -> dict[str, Any]:
    """Dated claims in date order: what happened when, with its source."""
    claims = (
        store.claims(entity=entity, as_object=True, include_rejected=False)
        if entity
        else store.claims(include_rejected=False)
    )
    events = []
    for c in claims:
        if not c.sort_date:
            continue
        ev = c.evidence[0] if c.evidence else None
        events.append(
            {
                "date": c.sort_date,
                "when": c.object_display()
                if c.object_kind == "date"
                else (c.qualifiers.start or c.qualifiers.as_of or c.sort_date),
                "claim": c.id,
                "predicate": c.predicate,
                "label": predicate_label(c.predicate),
                "subject": c.subject,
                "subject_name": c.subject_name,
                "object": c.object_display(),
                "object_entity": c.object_entity,
                "status": c.status,
                "hedge": c.qualifiers.hedge,
                "source": doc_href(ev.document, ev.start, ev.end) if ev else None,
                "document": ev.document if ev else None,
            }
        )
    events.sort(key=lambda e: (e["date"], e["subject_name"] or "", e["predicate"]))
    return {"events": events[:limit]}


PLACE_PREDICATES = ("headquarters", "operates_in", "facility", "located_in", "participated_in")


def geojson(store: Store, *, entity: str | None = None) -> dict[str, Any]:
    """Places named in claims, geocoded with the offline gazetteer, as a GeoJSON FeatureCollection."""
    from orbat.gazetteer import geocode

    claims = (
        store.claims(entity=entity, as_object=True, include_rejected=False)
        if entity
        else store.claims(include_rejected=False)
    )
    places = {e.id: e for e in store.list_entities("place")}
    by_place: dict[str, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.object_entity in places and c.predicate in PLACE_PREDICATES:
            by_place[c.object_entity].append(c)
    features = []
    for pid, cs in sorted(by_place.items()):
        ent = places[pid]
        place = None
        for name in ent.names:
            place = geocode(name)
            if place is not None and place.has_point:
                break
        if place is None or not place.has_point:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "entity": pid,
                    "name": ent.name,
                    "href": entity_href(pid),
                    "gazetteer": place.id,
                    "relations": [
                        {
                            "subject": c.subject,
                            "subject_name": c.subject_name,
                            "predicate": c.predicate,
                            "label": predicate_label(c.predicate),
                            "claim": c.id,
                        }
                        for c in cs
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
