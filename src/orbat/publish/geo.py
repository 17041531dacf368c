"""Map data: the places of the knowledge base, geocoded offline, as GeoJSON.

Places are entities of type ``place`` and the objects of ``operates_in``,
``headquarters``, ``facility`` and ``located_in`` (places or states). Each is
geocoded with ``orbat.gazetteer.geocode`` (name first, then aliases); a place
the gazetteer does not know but that a claim puts inside a known place
("Tarkan is located in the Safira district") takes that place's point,
marked ``approximate``.

The result is an RFC 7946 FeatureCollection: one Point feature per geocoded
place, whose properties list every relation to it (subject, predicate,
dates, hedge, claim ids) and the groups involved. Places without a point are
listed in the collection's ``properties.ungeocoded`` (a foreign member).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from orbat.gazetteer import Place, geocode
from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimView
from orbat.store import Store

PLACE_PREDICATES = ("operates_in", "headquarters", "facility", "located_in")


@dataclass(frozen=True)
class Located:
    place: Place
    approximate: bool
    via: str | None  # the entity whose point is used, when approximate


def _geocode_entity(e: Entity) -> Place | None:
    for name in e.names:
        place = geocode(name)
        if place is not None and place.has_point:
            return place
    return None


def _relation(c: ClaimView, entities: dict[str, Entity]) -> dict[str, Any]:
    q = c.qualifiers
    subject = entities.get(c.subject or "")
    out: dict[str, Any] = {
        "subject": c.subject,
        "subject_name": c.subject_name,
        "subject_type": subject.type if subject else None,
        "predicate": c.predicate,
        "label": VOCABULARY.predicates[c.predicate].label,
        "hedge": q.hedge,
        "status": c.status,
        "claim_ids": [c.id],
        "documents": list(dict.fromkeys(ev.document for ev in c.evidence)),
    }
    for key in ("start", "end", "as_of", "kind", "claimed_by"):
        value = getattr(q, key)
        if value:
            out[key] = value
    return out


def _merge(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One relation per (subject, predicate, dates, hedge), claim ids together."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in relations:
        key = (r["subject"], r["predicate"], r.get("start"), r.get("end"), r.get("as_of"), r["hedge"])
        if key in merged:
            m = merged[key]
            m["claim_ids"] += [i for i in r["claim_ids"] if i not in m["claim_ids"]]
            m["documents"] += [d for d in r["documents"] if d not in m["documents"]]
        else:
            merged[key] = dict(r)
    return sorted(
        merged.values(), key=lambda r: (r["subject_name"] or "", r["predicate"], r.get("start") or "")
    )


def places_geojson(
    store: Store, entity: str | None = None, *, generated: str | None = None
) -> dict[str, Any]:
    """A FeatureCollection of the places of the store, or of the places related to ``entity``."""
    entities = {e.id: e for e in store.list_entities()}
    focus = store.get_entity(entity) if entity else None
    claims = [
        c
        for c in store.claims(include_rejected=False)
        if c.predicate in PLACE_PREDICATES and c.status != "rejected" and c.object_entity and c.subject
    ]
    relations: dict[str, list[ClaimView]] = {}
    for c in claims:
        assert c.object_entity is not None
        relations.setdefault(c.object_entity, []).append(c)

    if focus is None:
        wanted = [e.id for e in entities.values() if e.type == "place"] + list(relations)
    elif focus.type in ("place", "state"):
        wanted = [focus.id]
    else:
        wanted = [c.object_entity for c in claims if c.subject == focus.id and c.object_entity]
    wanted = [w for w in dict.fromkeys(wanted) if w in entities]

    located_in = {c.subject: c.object_entity for c in claims if c.predicate == "located_in" and c.subject}
    cache: dict[str, Located | None] = {}

    def locate(eid: str, trail: tuple[str, ...] = ()) -> Located | None:
        if eid in cache:
            return cache[eid]
        e = entities.get(eid)
        found: Located | None = None
        if e is not None:
            place = _geocode_entity(e)
            if place is not None:
                found = Located(place, False, None)
            else:
                parent = located_in.get(eid)
                if parent and parent not in trail:
                    up = locate(parent, (*trail, eid))
                    if up is not None:
                        found = Located(up.place, True, up.via or entities[parent].name)
        cache[eid] = found
        return found

    features: list[dict[str, Any]] = []
    ungeocoded: list[dict[str, Any]] = []
    for eid in wanted:
        e = entities[eid]
        rels = relations.get(eid, [])
        if focus is not None and focus.type not in ("place", "state"):
            rels = [c for c in rels if c.subject == focus.id]
        rel_json = _merge([_relation(c, entities) for c in rels])
        where = locate(eid)
        lat = where.place.lat if where else None
        lon = where.place.lon if where else None
        if where is None or lat is None or lon is None:
            ungeocoded.append(
                {
                    "id": eid,
                    "name": e.name,
                    "type": e.type,
                    "relations": len(rel_json),
                    "aliases": e.names[1:],
                }
            )
            continue
        p = where.place
        groups = list(dict.fromkeys(r["subject"] for r in rel_json if r["subject_type"] == "armed_group"))
        features.append(
            {
                "type": "Feature",
                "id": eid,
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {
                    "id": eid,
                    "name": e.name,
                    "type": e.type,
                    "aliases": e.names[1:],
                    "gazetteer_id": p.id,
                    "gazetteer_name": p.name,
                    "gazetteer_kind": p.kind,
                    "country": p.country,
                    "gazetteer_source": p.source,
                    "approximate": where.approximate,
                    "via": where.via,
                    "predicates": sorted({r["predicate"] for r in rel_json}),
                    "groups": groups,
                    "claim_ids": [i for r in rel_json for i in r["claim_ids"]],
                    "relations": rel_json,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "entity": focus.id if focus else None,
            "name": focus.name if focus else None,
            "generated": generated or datetime.now(UTC).date().isoformat(),
            "places": len(wanted),
            "geocoded": len(features),
            "ungeocoded": ungeocoded,
            "attribution": "Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0",
        },
    }


def export_geojson(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    collection = places_geojson(store, entity)
    out.write(json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    return len(collection["features"])
