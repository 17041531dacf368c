"""A STIX 2.1 bundle built with the ``stix2`` library and checked with ``stix2validator``.

Objects:

- ``identity`` (class ``system``): orbat, the producer of every object;
- ``identity`` (class ``organization``/``individual``): each publisher and
  author of a source document;
- ``threat-actor``: armed groups (name, aliases, a description from their
  group-type claims);
- ``identity``: people (``individual``), organisations (``organization``),
  states (``organization``, sector ``government-national``), kin groups
  (``group``);
- ``campaign``: events (battles, offensives, wars);
- ``location``: places (and states used as places), with latitude and
  longitude where the offline gazetteer knows the point, else the country
  (a place known only through a ``located_in`` claim takes its container's
  country); a place with neither is left out and named in the notes;
- ``relationship``: one per entity-valued claim, typed where STIX has a
  type — ``attributed-to`` (a group's leader or founder; an event's
  participant), ``located-at`` (headquarters, area of operations, facility,
  located in) — else ``related-to``; each carries the claim as a sentence
  (``description``), its dates (``start_time``/``stop_time``), its
  ``confidence`` and the source as an external reference;
- ``note``: one per claim, the exact quote as ``content``, the claim as
  ``abstract``, pointing at the relationship or the entity it is about;
- ``report``: one per document, referencing the objects its claims support.

Confidence comes from the claim's credibility (the analyst's, else
``orbat.reconcile``'s): 1→95, 2→75, 3→50, 4→25, 5→10, 6→none.
Identifiers are derived from the orbat ids (UUIDv5 hashes in UUIDv4 form), and created/modified are the time
of the newest claim change, so exporting unchanged knowledge twice gives the
same bundle.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import IO, Any

import stix2

from orbat.errors import OrbatError
from orbat.gazetteer import Place, geocode
from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimView
from orbat.publish.prose import clause, hedged
from orbat.publish.text import bounds, display_name
from orbat.reconcile import reconcile
from orbat.store import Store

NAMESPACE = uuid.UUID("0c4d5e9a-8f0b-5c3e-9d6a-6f7262617421")
CONFIDENCE = {1: 95, 2: 75, 3: 50, 4: 25, 5: 10, 6: None}
LOCATED_AT = frozenset({"operates_in", "headquarters", "facility", "located_in"})


def confidence(credibility: int | None) -> int | None:
    """STIX confidence (0-100) from Admiralty credibility (1-6); None for 6 or unknown."""
    if credibility is None:
        return None
    return CONFIDENCE.get(credibility)


def stix_id(kind: str, *parts: str) -> str:
    """A deterministic identifier with the form of a UUIDv4 (what STIX recommends for SDOs)."""
    digest = uuid.uuid5(NAMESPACE, chr(31).join(parts)).bytes
    return f"{kind}--{uuid.UUID(bytes=digest, version=4)}"


def _timestamp(day: str | None, end: bool = False) -> str | None:
    if not day:
        return None
    return f"{day}T23:59:59Z" if end else f"{day}T00:00:00Z"


def _lower(value: str | None) -> str | None:
    return bounds(value)[0]


def _upper(value: str | None) -> str | None:
    return bounds(value)[1]


class _Bundle:
    def __init__(self, store: Store, stamp: str) -> None:
        self.store = store
        self.stamp = stamp
        self.objects: dict[str, Any] = {}
        self.docs: dict[str, Mapping[str, Any]] = {str(r["name"]): dict(r) for r in store.list_documents()}
        self.orbat = stix2.Identity(
            id=stix_id("identity", "system", "orbat"),
            name="orbat",
            identity_class="system",
            description="Evidence-first knowledge base of armed groups built from open-source reporting.",
            created=stamp,
            modified=stamp,
        )
        self.add(self.orbat)

    def add(self, obj: Any) -> Any:
        self.objects[obj.id] = obj
        return obj

    def common(self) -> dict[str, Any]:
        return {"created": self.stamp, "modified": self.stamp, "created_by_ref": self.orbat.id}

    # -- sources ----------------------------------------------------------
    def publisher(self, name: str) -> str:
        ident = stix_id("identity", "publisher", name)
        if ident not in self.objects:
            self.add(
                stix2.Identity(
                    id=ident,
                    name=name,
                    identity_class="organization",
                    roles=["publisher"],
                    **self.common(),
                )
            )
        return ident

    def author(self, name: str) -> str:
        ident = stix_id("identity", "author", name)
        if ident not in self.objects:
            self.add(
                stix2.Identity(
                    id=ident, name=name, identity_class="individual", roles=["author"], **self.common()
                )
            )
        return ident

    def reference(self, c: ClaimView) -> list[dict[str, Any]]:
        refs = []
        for ev in c.evidence:
            row = self.docs.get(ev.document, {})
            ref: dict[str, Any] = {
                "source_name": ev.publisher or ev.title or ev.document,
                "description": f"{ev.title or ev.document} ({ev.document}): “{ev.quote}”",
                "external_id": ev.document,
            }
            if row.get("url"):
                ref["url"] = row["url"]
                if row.get("sha256"):  # the stored original's hash: chain of custody
                    ref["hashes"] = {"SHA-256": row["sha256"]}
            refs.append(ref)
        return refs

    # -- entities ---------------------------------------------------------
    def entity(self, e: Entity, description: str | None) -> Any:
        extra: dict[str, Any] = {}
        if description:
            extra["description"] = description
        aliases = e.names[1:]
        if e.type == "armed_group":
            obj = stix2.ThreatActor(
                id=stix_id("threat-actor", e.id),
                name=e.name,
                aliases=aliases or None,
                **extra,
                **self.common(),
            )
        elif e.type == "event":
            obj = stix2.Campaign(
                id=stix_id("campaign", e.id), name=e.name, aliases=aliases or None, **extra, **self.common()
            )
        elif e.type == "place":
            obj = self.location(e)
            if obj is None:
                return None
        else:
            identity_class = {"person": "individual", "kin_group": "group"}.get(e.type, "organization")
            if e.type == "state":
                extra["sectors"] = ["government-national"]
            obj = stix2.Identity(
                id=stix_id("identity", e.id),
                name=e.name,
                identity_class=identity_class,
                **extra,
                **self.common(),
            )
        return self.add(obj)

    def location(self, e: Entity, fallback: Place | None = None) -> Any:
        ident = stix_id("location", e.id)
        if ident in self.objects:
            return self.objects[ident]
        place = None
        for name in e.names:
            place = geocode(name)
            if place is not None:
                break
        props: dict[str, Any] = {}
        if place is not None and place.has_point:
            props.update(latitude=place.lat, longitude=place.lon, country=place.country)
        elif place is not None:
            props["country"] = place.country
        elif fallback is not None:
            props["country"] = fallback.country
        else:
            return None
        desc = (
            f"{VOCABULARY.entity_types[e.type].label}; gazetteer: {place.name} ({place.kind})"
            if place
            else None
        )
        obj = stix2.Location(
            id=ident,
            name=e.name,
            description=desc or VOCABULARY.entity_types[e.type].label,
            **props,
            **self.common(),
        )
        return self.add(obj)


def _sentence(c: ClaimView, names: dict[str, str]) -> str:
    prefix, core = clause(c, names.get(c.subject or "", c.subject_name or ""), names=names)
    return (
        hedged(prefix, core, c.qualifiers.hedge, [c.qualifiers.claimed_by] if c.qualifiers.claimed_by else [])
        + "."
    )


def _stamp(claims: Iterable[ClaimView]) -> str:
    times = [c.updated_at for c in claims if isinstance(c.updated_at, datetime)]
    latest = max(times) if times else datetime.now(UTC)
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    return latest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def stix_bundle(store: Store, entity: str | None = None) -> stix2.Bundle:
    """The STIX 2.1 bundle of the store (or of ``entity`` and its direct relations)."""
    claims = [
        c
        for c in store.claims(entity=entity, as_object=entity is not None, include_rejected=False)
        if c.status != "rejected" and c.subject
    ]
    stamp = _stamp(claims)
    b = _Bundle(store, stamp)
    entities = {e.id: e for e in store.list_entities()}
    names = {i: display_name(e.name, e.type) for i, e in entities.items()}
    credibility: dict[str, int] = {}
    for group in reconcile(claims, store.source_grades()):
        for gc in group.claims:
            credibility[gc.id] = gc.credibility

    wanted = set(entities) if entity is None else {entity}
    wanted |= {c.subject for c in claims if c.subject} | {c.object_entity for c in claims if c.object_entity}
    types_desc: dict[str, list[str]] = {}
    for c in claims:
        if c.predicate == "group_type" and c.subject:
            types_desc.setdefault(c.subject, []).append(c.object_display())
    containers = {
        c.subject: c.object_entity for c in claims if c.predicate == "located_in" and c.object_entity
    }
    objs: dict[str, Any] = {}
    skipped: list[str] = []
    for eid in sorted(w for w in wanted if w in entities):
        e = entities[eid]
        desc = "; ".join(dict.fromkeys(types_desc.get(eid, []))) or VOCABULARY.entity_types[e.type].label
        obj = b.entity(e, desc)
        if obj is None and e.type == "place" and containers.get(eid) in entities:
            parent = entities[containers[eid]]
            parent_place = next((p for p in (geocode(n) for n in parent.names) if p is not None), None)
            obj = b.location(e, fallback=parent_place)
        if obj is None:
            skipped.append(e.name)
            continue
        objs[eid] = obj

    by_doc: dict[str, list[str]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        subject = objs.get(c.subject or "")
        if subject is None:
            continue
        conf = confidence(credibility.get(c.id, c.credibility))
        conf_kw = {"confidence": conf} if conf is not None else {}
        sentence = _sentence(c, names)
        refs = b.reference(c)
        about = subject.id
        if c.object_kind == "entity" and c.object_entity:
            target = objs.get(c.object_entity)
            if c.predicate in LOCATED_AT and c.object_entity in entities:
                place_entity = entities[c.object_entity]
                target = b.location(place_entity) if place_entity.type in ("place", "state") else target
        else:
            target = None
        if target is not None:  # a place with no location: the claim is kept as a note on the subject
            source, rel_type, dest = subject, "related-to", target
            if c.predicate in LOCATED_AT and target.type == "location" and subject.type != "location":
                rel_type = "located-at"
            elif (
                c.predicate in ("leader", "founded_by")
                and target.type == "identity"
                and subject.type == "threat-actor"
            ):
                rel_type = "attributed-to"
            elif (
                c.predicate == "participated_in"
                and target.type == "campaign"
                and subject.type == "threat-actor"
            ):
                source, rel_type, dest = target, "attributed-to", subject
            times: dict[str, Any] = {}
            q = c.qualifiers
            lo = _lower(q.start) or _lower(q.as_of)
            hi = _upper(q.end) or (_upper(q.as_of) if not q.start else None)
            if lo:
                times["start_time"] = _timestamp(lo)
            if hi and (not lo or hi >= lo):
                times["stop_time"] = _timestamp(hi, end=True)
            rel = b.add(
                stix2.Relationship(
                    id=stix_id("relationship", c.id),
                    relationship_type=rel_type,
                    source_ref=source.id,
                    target_ref=dest.id,
                    description=f"{sentence} [{c.predicate}; claim {c.id}; {c.status}]",
                    external_references=refs or None,
                    **times,
                    **conf_kw,
                    **b.common(),
                )
            )
            about = rel.id
        note_refs = [about] + ([subject.id] if about != subject.id else [])
        for i, ev in enumerate(c.evidence):
            note = b.add(
                stix2.Note(
                    id=stix_id("note", c.id, str(i)),
                    abstract=sentence[:250],
                    content=ev.quote,
                    authors=[ev.publisher] if ev.publisher else None,
                    object_refs=note_refs,
                    external_references=[refs[i]] if i < len(refs) else None,
                    **conf_kw,
                    **b.common(),
                )
            )
            by_doc.setdefault(ev.document, []).extend([note.id, *note_refs])
            if c.object_entity in objs:
                by_doc[ev.document].append(objs[c.object_entity].id)

    for doc, refs_ in sorted(by_doc.items()):
        row = b.docs.get(doc, {})
        published = _lower(row.get("published")) if row.get("published") else None
        if published:
            when = _timestamp(published)
        else:
            ingested = row.get("ingested_at")
            when = ingested.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(ingested, datetime) else stamp
        by: dict[str, Any] = {}
        if row.get("publisher"):
            by["created_by_ref"] = b.publisher(str(row["publisher"]))
        for author in row.get("authors") or []:
            b.author(str(author))
        ext = [{"source_name": row.get("publisher") or doc, "external_id": doc}]
        if row.get("url"):
            ext[0]["url"] = row["url"]
            if row.get("sha256"):
                ext[0]["hashes"] = {"SHA-256": row["sha256"]}
        b.add(
            stix2.Report(
                id=stix_id("report", doc),
                name=row.get("title") or doc,
                description=f"Claims read from the document {doc}"
                + (f" by {', '.join(row.get('authors') or [])}" if row.get("authors") else ""),
                published=when,
                report_types=["threat-actor"],
                object_refs=list(dict.fromkeys(refs_)),
                external_references=ext,
                created=stamp,
                modified=stamp,
                **(by or {"created_by_ref": b.orbat.id}),
            )
        )
    if skipped:
        b.add(
            stix2.Note(
                id=stix_id("note", "ungeocoded", *sorted(skipped)),
                abstract="Places left out: not in the offline gazetteer",
                content="No location object could be made (no point and no country) for: "
                + ", ".join(skipped),
                object_refs=[b.orbat.id],
                **b.common(),
            )
        )
    return stix2.Bundle(objects=list(b.objects.values()), id=stix_id("bundle", entity or "all", stamp))


def validate_bundle(text: str) -> list[str]:
    """Check the bundle with stix2-validator; OrbatError on errors, the warnings otherwise."""
    from stix2validator import ValidationOptions, validate_string

    found = validate_string(text, ValidationOptions(version="2.1", silent=True))
    results = found if isinstance(found, list) else [found]
    errors = [str(e) for r in results for e in (r.errors or [])]
    if errors or not all(r.is_valid for r in results):
        raise OrbatError("STIX bundle fails validation: " + "; ".join(errors[:5]))
    return [str(w) for r in results for w in (r.warnings or [])]


def write_stix(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    bundle = stix_bundle(store, entity)
    # stix2's own pretty printer sorts properties very slowly; indent the compact form instead
    text = json.dumps(json.loads(bundle.serialize()), ensure_ascii=False, indent=1)
    with contextlib.suppress(ImportError):  # the validator is a development dependency
        validate_bundle(text)
    out.write(text + "\n")
    return len(json.loads(text)["objects"])
