"""FollowTheMoney entities, one JSON object a line, validated by the followthemoney model.

Mapping (FtM 4 schemata):

- armed groups → ``Organization`` (topic ``mil``, classification "armed group");
  organisations and kin groups → ``Organization``; states → ``PublicBody``
  (topic ``gov.national``); people → ``Person``; events → ``Event``; places →
  ``Address`` (FtM's place-like schema: ``full``, ``country``, ``latitude``,
  ``longitude`` when the offline gazetteer knows the point);
- every source document → ``Document`` (file name, title, publisher,
  publication date, URL);
- relations, one FtM link per claim: ``leader`` → ``Directorship``;
  ``member`` and ``part_of`` → ``Membership``; ``relative_of`` → ``Family``;
  ``met_with`` → ``Associate``; any other entity-valued claim →
  ``UnknownLink`` (role: the predicate's label, with the claim's role/kind);
- literal claims become properties where FtM has one (``founded`` →
  ``incorporationDate``, ``dissolved`` → ``dissolutionDate``, ``died`` →
  ``deathDate``, ``position``, ``alias``, ``group_type`` → ``classification``)
  and, with their quotes, ``notes``.

Provenance is kept on every proxy: ``proof`` (the Document entities),
``sourceUrl``, ``publisher``, and in ``description``/``notes`` the exact
quote, document and hedge; links carry the claim id in ``recordId``.
Every proxy is checked with its schema's ``validate`` and its required
properties before it is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any, cast

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from orbat.errors import OrbatError
from orbat.gazetteer import geocode
from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimView
from orbat.publish.text import date_noun, quantity_of, quantity_words
from orbat.store import Store

SCHEMA = {
    "armed_group": "Organization",
    "organization": "Organization",
    "kin_group": "Organization",
    "state": "PublicBody",
    "person": "Person",
    "event": "Event",
    "place": "Address",
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def ftm_date(value: str | None) -> str | None:
    """An EDTF date as an FtM date prefix: "2012-06" stays, "2012-21" (spring) → "2012", "2012~" → "2012"."""
    if not value:
        return None
    v = value.strip().lstrip("[").lstrip(".")
    m = _ISO.match(v)
    if not m:
        return None
    year, month, day = m.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    return f"{year}-{month}" + (f"-{day}" if day else "")


def entity_id(kind: str, ref: str) -> str:
    proxy = model.make_entity("Thing")
    made = proxy.make_id("orbat", kind, ref)
    assert made is not None
    return made


def check(proxy: EntityProxy) -> EntityProxy:
    """Validate a proxy with the followthemoney model; OrbatError when it is not valid."""
    missing = [p for p in proxy.schema.required if not proxy.has(p)]
    if missing:
        raise OrbatError(f"FtM {proxy.schema.name} {proxy.id}: missing {', '.join(missing)}")
    try:
        proxy.schema.validate(cast(Any, proxy.to_dict()))
        model.get_proxy(proxy.to_dict(), cleaned=False)
    except InvalidData as exc:
        raise OrbatError(f"FtM {proxy.schema.name} {proxy.id}: {exc} {exc.errors}") from None
    return proxy


def _quote_note(c: ClaimView) -> str:
    ev = c.evidence[0] if c.evidence else None
    where = ""
    if ev is not None:
        bits = [ev.title or ev.document]
        if ev.publisher:
            bits.append(ev.publisher)
        if ev.published:
            bits.append(date_noun(ev.published))
        where = f" — “{ev.quote}” ({', '.join(bits)}; document {ev.document})"
    hedge = c.qualifiers.hedge
    who = f", claimed by {c.qualifiers.claimed_by}" if c.qualifiers.claimed_by else ""
    return f"[{c.id}] {hedge}{who}{where}"


def _value(c: ClaimView) -> str:
    if c.object_kind == "date":
        return date_noun(str((c.object_value or {}).get("date", "")))
    if c.object_kind == "quantity":
        q = quantity_of(c.object_value)
        return quantity_words(q) if q else c.object_display()
    return c.object_display()


class _Builder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.docs: dict[str, Mapping[str, Any]] = {str(r["name"]): dict(r) for r in store.list_documents()}
        self.proxies: dict[str, EntityProxy] = {}
        self.doc_ids: dict[str, str] = {}

    def document(self, name: str) -> str:
        if name in self.doc_ids:
            return self.doc_ids[name]
        row = self.docs.get(name, {})
        proxy = model.make_entity("Document")
        proxy.id = entity_id("document", name)
        proxy.add("fileName", name)
        proxy.add("title", row.get("title"))
        proxy.add("publisher", row.get("publisher"))
        proxy.add("publishedAt", ftm_date(row.get("published")))
        proxy.add("sourceUrl", row.get("url"))
        proxy.add("author", list(row.get("authors") or []))
        proxy.add("mimeType", row.get("media_type"))
        if row.get("sha256"):
            proxy.add("notes", f"SHA-256 of the stored original: {row['sha256']}")
        self.proxies[proxy.id] = proxy
        self.doc_ids[name] = proxy.id
        return proxy.id

    def provenance(self, proxy: EntityProxy, claims: Iterable[ClaimView]) -> None:
        for c in claims:
            for ev in c.evidence:
                proxy.add("proof", self.document(ev.document))
                row = self.docs.get(ev.document, {})
                proxy.add("sourceUrl", row.get("url"))
                proxy.add("publisher", ev.publisher)

    def entity(self, e: Entity) -> EntityProxy:
        proxy = model.make_entity(SCHEMA[e.type])
        proxy.id = entity_id("entity", e.id)
        if e.type == "place":
            proxy.add("full", e.name)
            place = geocode(e.name)
            if place is not None:
                proxy.add("country", place.country.lower())
                if place.has_point:
                    proxy.add("latitude", str(place.lat))
                    proxy.add("longitude", str(place.lon))
        proxy.add("name", e.name)
        proxy.add("alias", [n for n in e.names[1:]])
        if e.type == "armed_group":
            proxy.add("topics", "mil")
            proxy.add("classification", "armed group")
        elif e.type == "state":
            proxy.add("topics", "gov.national")
            place = geocode(e.name)
            if place is not None and place.kind == "country":
                proxy.add("country", place.country.lower())
        elif e.type == "kin_group":
            proxy.add("classification", VOCABULARY.entity_types["kin_group"].label)
        proxy.add("keywords", f"orbat:{e.id}")
        self.proxies[proxy.id] = proxy
        return proxy

    def literal(self, proxy: EntityProxy, c: ClaimView) -> None:
        """A claim whose object is not an entity: an FtM property where one fits, and a note."""
        p = c.predicate
        date_value = (
            ftm_date(str((c.object_value or {}).get("date", ""))) if c.object_kind == "date" else None
        )
        if p == "founded" and proxy.schema.get("incorporationDate"):
            proxy.add("incorporationDate", date_value)
        elif p == "dissolved" and proxy.schema.get("dissolutionDate"):
            proxy.add("dissolutionDate", date_value)
        elif p == "died" and proxy.schema.get("deathDate"):
            proxy.add("deathDate", date_value)
        elif p == "position" and proxy.schema.get("position"):
            proxy.add("position", c.object_display())
        elif p == "alias":
            proxy.add("alias", c.object_display())
        elif p == "group_type" and proxy.schema.get("classification"):
            proxy.add("classification", c.object_display())
        label = VOCABULARY.predicates[p].label
        proxy.add("notes", f"{label} {_value(c)}: {_quote_note(c)}")
        self.provenance(proxy, [c])

    def link(self, c: ClaimView, subject: str, obj: str, types: dict[str, str]) -> EntityProxy:
        p = c.predicate
        q = c.qualifiers
        s_type, o_type = types.get(c.subject or ""), types.get(c.object_entity or "")
        label = VOCABULARY.predicates[p].label
        role = ", ".join(x for x in (q.role, q.kind) if x)
        if p == "leader" and o_type in ("person", "kin_group") and s_type in ("armed_group", "organization"):
            proxy = model.make_entity("Directorship")
            proxy.add("director", obj)
            proxy.add("organization", subject)
            proxy.add("role", role or "leader")
        elif p in ("member", "part_of") and (p == "part_of" or o_type == "person"):
            proxy = model.make_entity("Membership")
            member, org = (obj, subject) if p == "member" else (subject, obj)
            proxy.add("member", member)
            proxy.add("organization", org)
            proxy.add("role", role or ("member" if p == "member" else "part of"))
        elif p == "relative_of" and s_type == o_type == "person":
            proxy = model.make_entity("Family")
            proxy.add("person", subject)
            proxy.add("relative", obj)
            proxy.add("relationship", role or "relative")
        elif p == "met_with" and s_type == o_type == "person":
            proxy = model.make_entity("Associate")
            proxy.add("person", subject)
            proxy.add("associate", obj)
            proxy.add("relationship", "met with")
        else:
            proxy = model.make_entity("UnknownLink")
            proxy.add("subject", subject)
            proxy.add("object", obj)
            proxy.add("role", f"{label} ({role})" if role else label)
        proxy.id = entity_id("claim", c.id)
        proxy.add("recordId", c.id)
        proxy.add("startDate", ftm_date(q.start))
        proxy.add("endDate", ftm_date(q.end))
        proxy.add("date", ftm_date(q.as_of))
        proxy.add("status", f"{q.hedge}; {c.status}", quiet=True)
        proxy.add("summary", f"{c.subject_name} {label} {c.object_name}")
        proxy.add("description", _quote_note(c))
        self.provenance(proxy, [c])
        self.proxies[proxy.id] = proxy
        return proxy


def ftm_proxies(store: Store, entity: str | None = None) -> list[EntityProxy]:
    """Every FtM proxy of the store (or of ``entity`` and its direct relations), validated."""
    b = _Builder(store)
    claims = [
        c
        for c in store.claims(entity=entity, as_object=entity is not None, include_rejected=False)
        if c.status != "rejected" and c.subject
    ]
    all_entities = {e.id: e for e in store.list_entities()}
    wanted = set(all_entities) if entity is None else {entity}
    wanted |= {c.subject for c in claims if c.subject} | {c.object_entity for c in claims if c.object_entity}
    types = {i: e.type for i, e in all_entities.items()}
    proxies: dict[str, EntityProxy] = {}
    for eid in sorted(wanted):
        if eid in all_entities:
            proxies[eid] = b.entity(all_entities[eid])
    for c in claims:
        subject = proxies.get(c.subject or "")
        if subject is None:
            continue
        if c.object_kind == "entity":
            obj = proxies.get(c.object_entity or "")
            if obj is None:
                continue
            b.link(c, subject.id or "", obj.id or "", types)
            if c.predicate == "headquarters" and obj.schema.name == "Address":
                subject.add("addressEntity", obj.id)
            if c.predicate == "participated_in" and obj.schema.name == "Event":
                obj.add("involved", subject.id)
        else:
            b.literal(subject, c)
    return [check(p) for p in sorted(b.proxies.values(), key=lambda p: (p.schema.name, p.id or ""))]


def write_ftm(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    proxies = ftm_proxies(store, entity)
    for proxy in proxies:
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(proxies)


def read_ftm(lines: Iterable[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines if line.strip()]
