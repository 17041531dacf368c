"""What the pages and the API show, built from the store: profiles, conflicts, documents, graph,
timeline, map.

Nothing here writes. The written-up profile (sections of sentences, infobox,
footnotes), the graph, the timeline and the map are ``orbat.publish``'s;
reconciliation (grouping claims per property, conflict classes, preferred
values) is ``orbat.reconcile``'s. This module arranges them for the pages:
one footnote numbering per page whose notes open the quoted document at the
quote, the analysts' claim tables, pages of conflicts, links on graph nodes,
timeline items and map features.
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
from orbat.model.views import ClaimSample, ClaimView, EvidenceView
from orbat.publish.citations import Footnote as PublishedNote
from orbat.publish.citations import grading, source_label
from orbat.publish.context import EntityContext
from orbat.publish.geo import places_geojson
from orbat.publish.graph import build_graph, cytoscape
from orbat.publish.profiles import Profile as Written
from orbat.publish.profiles import build_profile, latest_evidence_words
from orbat.publish.text import bounds
from orbat.publish.timeline import build_timeline
from orbat.reconcile import CLASS_LABELS as _RECONCILE_LABELS
from orbat.reconcile import ClaimGroup, reconcile
from orbat.reconcile.temporal import ACTIVE_AS_OBJECT, ACTIVE_AS_SUBJECT
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
    """One numbered piece of evidence: the quote, where it is, and its source."""

    number: int
    document: str
    start: int | None
    end: int | None
    quote: str
    source: str  # title (document), authors, publisher, date, page
    grading: str = ""

    @property
    def href(self) -> str:
        return doc_href(self.document, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "href": self.href,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "source": self.source,
            "grading": self.grading,
        }


_Key = tuple[str, int | None, int | None, str]


class Footnotes:
    """Numbers each distinct piece of evidence once, in order of first citation; continues the
    numbering of a published profile's footnotes when given them."""

    def __init__(self, published: Iterable[PublishedNote] = ()) -> None:
        self.notes: list[Footnote] = []
        self._index: dict[_Key, Footnote] = {}
        self.by_number: dict[int, Footnote] = {}
        self._last = 0
        for f in published:
            self._add(
                (f.document, f.start, f.end, f.quote),
                Footnote(f.number, f.document, f.start, f.end, f.quote, f.source_label, f.grading),
            )

    def _add(self, key: _Key, note: Footnote) -> Footnote:
        self._index[key] = note
        self.by_number[note.number] = note
        self.notes.append(note)
        self._last = max(self._last, note.number)
        return note

    def cite(self, claim: ClaimView) -> list[Footnote]:
        out = []
        for ev in claim.evidence:
            key = (ev.document, ev.start, ev.end, ev.quote)
            note = self._index.get(key)
            if note is None:
                number = self._last + 1
                note = self._add(
                    key,
                    Footnote(number, ev.document, ev.start, ev.end, ev.quote, source_label(ev), grading(ev)),
                )
            out.append(note)
        return out

    def numbered(self, numbers: Iterable[int]) -> list[Footnote]:
        return [self.by_number[n] for n in numbers if n in self.by_number]


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
    """An entity's page: the written-up profile (``orbat.publish``) and, under it, every claim
    grouped and reconciled per property, one footnote numbering for both."""

    entity: Entity
    written: Written
    groups: list[PropertyGroup]
    incoming: list[ClaimRow]
    notes: Footnotes
    rejected: list[ClaimView] = field(default_factory=list)
    #: the claims read for the page, with how many of each property the store holds
    sample: ClaimSample | None = None

    @property
    def abridged(self) -> bool:
        """A hub: the page shows a bounded selection of its claims."""
        return self.sample is not None and self.sample.abridged

    def shown_of(self, predicate: str) -> str | None:
        """ "9 of 1,234 claims shown" for one of the entity's own properties, when it is cut."""
        if self.sample is None:
            return None
        shown = sum(len(g.rows) for g in self.groups if g.predicate == predicate)
        stored = self.sample.counts.get(("subject", predicate), shown)
        return f"{shown} of {self.sample.count_text(stored)} claims shown" if shown < stored else None

    @property
    def footnotes(self) -> list[Footnote]:
        return self.notes.notes

    @property
    def conflicts(self) -> list[PropertyGroup]:
        return [g for g in self.groups if g.conflict]

    @property
    def latest_evidence(self) -> str:
        return latest_evidence_words(self.written)


#: rejected claims listed on an entity's page (a hub may have thousands)
REJECTED_SHOWN = 20


def profile(store: Store, entity_ref: str) -> Profile:
    """The page of an entity. Its claims are read once (``Store.claims_about``: whole, or for a hub a
    bounded selection per property), for the written profile and the claims by property alike.
    Everything it reads goes through one connection (``Store.read_session``)."""
    with store.read_session():
        return _profile(store, entity_ref)


def _profile(store: Store, entity_ref: str) -> Profile:
    entity = store.get_entity(entity_ref)
    ctx = EntityContext.load(store, entity.id, entity=entity, rejected=REJECTED_SHOWN)
    written = build_profile(store, entity.id, ctx=ctx)
    notes = Footnotes(written.footnotes)
    live = [c for c in ctx.claims if c.subject == entity.id]
    order = {p: i for i, p in enumerate(VOCABULARY.predicates)}
    reconciled = sorted(
        reconcile(live, ctx.grades if ctx.grades is not None else store.source_grades(), memo=ctx.memo),
        key=lambda g: order.get(g.predicate, 999),
    )
    groups = [_group_view(g, notes) for g in reconciled]
    incoming_claims = [c for c in ctx.claims if c.object_entity == entity.id and c.subject != entity.id]
    incoming = [ClaimRow(c, notes.cite(c)) for c in incoming_claims]
    rejected = ctx.sample.rejected if ctx.sample is not None else None
    return Profile(
        entity=entity,
        written=written,
        groups=groups,
        incoming=incoming,
        notes=notes,
        rejected=list(rejected)
        if rejected is not None
        else store.claims(entity=entity.id, status="rejected", limit=REJECTED_SHOWN, latest_first=True),
        sample=ctx.sample,
    )


# -- conflicts ---------------------------------------------------------------------------


@dataclass
class ConflictPage:
    groups: list[PropertyGroup]
    candidates: int  # (entity, predicate) groups that can hold a disagreement
    start: int  # index of the first candidate examined
    stop: int  # index after the last candidate examined
    predicate: str | None = None

    @property
    def next(self) -> int | None:
        return self.stop if self.stop < self.candidates else None


def _candidate_keys(
    store: Store, predicate: str | None
) -> tuple[list[tuple[str, str, str]], dict[str, list[ClaimView]]]:
    """(subject name, subject, predicate) of every group worth reconciling, in name order, and the
    trusted deaths by person. Candidates: two or more claims for one property (the store groups them
    on its covering index), and the active-after-death checks of ``orbat.reconcile.temporal``."""
    keys = {(g.subject_name, g.subject, g.predicate) for g in store.claim_groups(predicate=predicate)}
    deaths: dict[str, list[ClaimView]] = defaultdict(list)
    for c in store.claims(predicate="died", include_rejected=False):
        if c.subject and c.qualifiers.hedge != "doubted":
            deaths[c.subject].append(c)
    for person in deaths:
        for c in store.claims(entity=person, as_object=True, include_rejected=False):
            if predicate and c.predicate != predicate:
                continue
            active = (c.predicate in ACTIVE_AS_OBJECT and c.object_entity == person) or (
                c.predicate in ACTIVE_AS_SUBJECT and c.subject == person
            )
            if active and c.subject:
                keys.add((c.subject_name or c.subject, c.subject, c.predicate))
    return sorted(keys, key=lambda k: (k[0].casefold(), k[1], k[2])), deaths


def conflict_page(
    store: Store, *, start: int = 0, limit: int = 25, predicate: str | None = None, chunk: int = 40
) -> ConflictPage:
    """Up to ``limit`` properties whose sources disagree (contradiction, doubted, temporal), examining
    candidate groups from ``start`` on, ``chunk`` groups per read; ``next`` is where the following
    page starts."""
    keys, deaths = _candidate_keys(store, predicate)
    grades = store.source_grades()
    notes = Footnotes()
    out: list[PropertyGroup] = []
    i = start = max(start, 0)
    while i < len(keys) and len(out) < limit:
        batch = keys[i : i + chunk]
        wanted = {(k[1], k[2]) for k in batch}
        claims = [
            c
            for c in store.claims(subjects=sorted({k[1] for k in batch}), include_rejected=False)
            if (c.subject, c.predicate) in wanted
        ]
        have = {c.id for c in claims}
        people = {c.subject for c in claims} | {c.object_entity for c in claims if c.object_entity}
        extra = [d for p in people for d in deaths.get(p or "", ()) if d.id not in have]
        found = {(g.subject, g.predicate): g for g in reconcile(claims + extra, grades)}
        for _name, subject, pred in batch:
            i += 1
            group = found.get((subject, pred))
            if group is not None and group.is_conflict:
                out.append(_group_view(group, notes))
                if len(out) >= limit:
                    break
    return ConflictPage(out, len(keys), start, i, predicate)


# -- publishers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublisherRow:
    name: str
    documents: int
    reliability: str | None
    stance: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "documents": self.documents,
            "reliability": self.reliability,
            "stance": self.stance,
        }


def publisher_rows(store: Store, documents: Iterable[Any] | None = None) -> list[PublisherRow]:
    """Every publisher named by a current document or graded before, with its grade."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for r in documents if documents is not None else store.list_documents():
        if r["publisher"]:
            key = str(r["publisher"]).casefold().strip()
            names.setdefault(key, str(r["publisher"]))
            counts[key] += 1
    grades = {n.casefold().strip(): (n, g) for n, g in store.publisher_grades().items()}
    for key, (name, _) in grades.items():
        names.setdefault(key, name)
    out = []
    for key, name in names.items():
        grade = grades[key][1] if key in grades else None
        out.append(
            PublisherRow(
                name,
                counts.get(key, 0),
                grade.reliability if grade else None,
                grade.stance if grade else None,
            )
        )
    return sorted(out, key=lambda r: r.name.casefold())


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


# -- graph, timeline, map (orbat.publish, with links for the pages) -------------------------


def _span(value: str | None) -> tuple[str | None, str | None]:
    lo, hi = bounds(value)
    return lo or hi, hi or lo


def holds_at(edge: dict[str, Any], date: str | None) -> bool:
    """Whether a graph edge (its earliest start, latest end, as-of dates) can hold at ``date``.
    Undated relations are kept: nothing says they did not hold."""
    if not date:
        return True
    d_lo, d_hi = _span(date)
    if d_lo is None or d_hi is None:
        return True
    start = edge.get("start")
    if not start and edge.get("as_of"):
        start = min(str(edge["as_of"]).split(","), key=lambda v: _span(v)[0] or "")
    s_lo, _ = _span(start)
    _, e_hi = _span(edge.get("end"))
    if s_lo is not None and s_lo > d_hi:
        return False
    return not (e_hi is not None and e_hi < d_lo)


def graph_elements(
    store: Store,
    *,
    predicates: Iterable[str] | None = None,
    date: str | None = None,
    entity: str | None = None,
    limit: int = 3000,
) -> dict[str, Any]:
    """``orbat.publish``'s relationship graph as Cytoscape.js elements (the whole store, or the
    neighbourhood of ``entity``), keeping relations of the given types that can hold at ``date``;
    nodes carry ``href``, the entity's page."""
    data = cytoscape(build_graph(store, entity, depth=1))
    wanted = set(predicates or ())
    present = sorted({e["data"]["predicate"] for e in data["edges"]})
    edges = [
        e
        for e in data["edges"]
        if (not wanted or e["data"]["predicate"] in wanted) and holds_at(e["data"], date)
    ]
    truncated = len(edges) > limit
    edges = edges[:limit]
    keep = {e["data"]["source"] for e in edges} | {e["data"]["target"] for e in edges}
    if data.get("focus"):
        keep.add(data["focus"])
    nodes = [n for n in data["nodes"] if n["data"]["id"] in keep]
    for n in nodes:
        n["data"]["href"] = entity_href(n["data"]["id"])
    return {
        "elements": {"nodes": nodes, "edges": edges},
        "predicates": present,
        "focus": data.get("focus"),
        "truncated": truncated,
    }


def timeline_data(
    store: Store, *, entity: str | None = None, offset: int = 0, limit: int = 500
) -> dict[str, Any]:
    """``orbat.publish``'s timeline (``items`` in date order), one page of it, each item with links:
    ``href`` (its subject), ``claim`` and ``source`` (the first quote, in its document)."""
    data = build_timeline(store, entity).to_json()
    items = data["items"]
    total = len(items)
    page = items[max(offset, 0) : max(offset, 0) + limit]
    first = {i["claim_ids"][0] for i in page if i["claim_ids"]}
    evidence = {c.id: c.evidence for c in store.claims(claim_ids=sorted(first))} if first else {}
    for item in page:
        item["href"] = entity_href(item["subject"])
        cid = item["claim_ids"][0] if item["claim_ids"] else None
        item["claim"] = "/claims/" + quote(cid, safe="") if cid else None
        ev = evidence.get(cid or "", ())
        item["source"] = doc_href(ev[0].document, ev[0].start, ev[0].end) if ev else None
        item["source_title"] = (ev[0].title or ev[0].document) if ev else None
    data["items"] = page
    data["total"] = total
    data["offset"] = max(offset, 0)
    data["limit"] = limit
    return data


def map_data(store: Store, *, entity: str | None = None) -> dict[str, Any]:
    """``orbat.publish``'s places as GeoJSON; each feature and relation with its entity's page."""
    data = places_geojson(store, entity)
    for f in data["features"]:
        props = f["properties"]
        props["href"] = entity_href(props["id"])
        for r in props["relations"]:
            r["href"] = entity_href(r["subject"])
    for u in data["properties"]["ungeocoded"]:
        u["href"] = entity_href(u["id"])
    return data
