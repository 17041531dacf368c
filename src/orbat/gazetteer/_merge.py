"""Build-time merging of GeoNames rows and the curated YAML into gazetteer records.

Used by ``orbat.gazetteer.build`` only; the runtime reads the compiled
result (``orbat.gazetteer._load``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from orbat.errors import ValidationError
from orbat.gazetteer.normalize import fold, normalize_name, slugify
from orbat.gazetteer.records import ENTITY_TYPES, PLACE_KINDS, KnownEntity, Place

try:  # the C loader is several times faster; fall back when libyaml is absent
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

DATA = Path(__file__).with_name("data")
CITY_POPULATION = 100_000
VILLAGE_POPULATION = 2_000


def read_yaml(name: str) -> Any:
    """A curated YAML file of ``data/``, parsed."""
    path = DATA / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ValidationError(f"{path}: {exc}") from exc


def _dedupe(names: Iterable[str | None]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return tuple(out)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


# ---------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------


def _geonames_places(rows: list[dict[str, Any]], curated: Mapping[str, Any]) -> list[Place]:
    overrides: Mapping[int, Mapping[str, Any]] = curated.get("geonames") or {}
    admin1_codes: Mapping[str, Mapping[str, str]] = curated.get("admin1") or {}
    seats = {str(p.get("seat")) for p in curated.get("places") or [] if p.get("seat")}
    known = {row["gn"] for row in rows}
    for gid in overrides:
        if gid not in known:
            raise ValidationError(
                f"places.yaml: geonames override {gid}: no such place in the compiled table"
            )
    drafts: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        extra = overrides.get(row["gn"]) or {}
        source = f"geonames:{row['gn']}"
        name = extra.get("name") or row["name"]
        pop = int(row.get("pop") or 0)
        kind = extra.get("kind")
        if kind is None:
            if pop >= CITY_POPULATION or row.get("capital") or source in seats:
                kind = "city"
            elif 0 < pop < VILLAGE_POPULATION:
                kind = "village"
            else:
                kind = "town"
        cc = row["cc"]
        admin1 = (admin1_codes.get(cc) or {}).get(row.get("a1") or "")
        arabic_extra = _as_list(extra.get("arabic"))
        arabic = arabic_extra[0] if arabic_extra else row.get("ar")
        names = _dedupe(
            [
                name,
                *_as_list(extra.get("names")),
                fold(name),
                *row["names"],
                *arabic_extra,
                arabic,
                *row.get("arabic_names", []),
            ]
        )
        dropped = set(_as_list(extra.get("drop_names")))
        names = tuple(n for n in names if n not in dropped or n == name)
        drafts.append(
            (
                extra.get("id") or f"{cc.lower()}_{slugify(name)}",
                {
                    "name": name,
                    "names": names,
                    "arabic": arabic,
                    "kind": kind,
                    "country": cc,
                    "admin1": extra.get("admin1", admin1),
                    "lat": row["lat"],
                    "lon": row["lon"],
                    "source": source,
                    "population": pop,
                },
            )
        )
    # ids: the most populous place keeps the plain slug; others get their GeoNames id
    counts: dict[str, int] = {}
    for ident, _ in drafts:
        counts[ident] = counts.get(ident, 0) + 1
    taken: set[str] = set()
    places = []
    for ident, fields in sorted(drafts, key=lambda d: (d[0], -d[1]["population"], d[1]["source"])):
        if counts[ident] > 1 and ident in taken:
            ident = f"{ident}_{fields['source'].split(':')[1]}"
        taken.add(ident)
        places.append(Place(id=ident, **fields))
    return places


def _country_places(countries: list[dict[str, Any]], state_extra: Mapping[str, Any]) -> list[Place]:
    places = []
    for row in countries:
        extra = state_extra.get(row["iso"]) or {}
        name = extra.get("name") or row["name"]
        arabic_names = _dedupe([row.get("ar"), *_as_list(extra.get("arabic"))])
        arabic = arabic_names[0] if arabic_names else None
        names = _dedupe(
            [name, row["name"], row.get("full_name"), *_as_list(extra.get("names")), *arabic_names]
        )
        places.append(
            Place(
                id=f"{row['iso'].lower()}_country",
                name=name,
                names=names,
                arabic=arabic,
                kind="country",
                country=row["iso"],
                admin1=None,
                lat=None,
                lon=None,
                source=f"geonames:{row['gn']}",
                population=int(row.get("pop") or 0),
            )
        )
    return places


def _curated_places(curated: Mapping[str, Any], by_source: Mapping[str, Place]) -> list[Place]:
    raw = curated.get("places") or []
    ids = {str(p["id"]) for p in raw}
    places: list[Place] = []
    pending: dict[str, dict[str, Any]] = {}
    for entry in raw:
        ident = str(entry["id"])
        kind = str(entry["kind"])
        if kind not in PLACE_KINDS:
            raise ValidationError(f"gazetteer/data/places.yaml: {ident}: unknown kind {kind!r}")
        name = str(entry["name"])
        arabic = entry.get("arabic")
        names = _dedupe([name, *_as_list(entry.get("names")), *_as_list(arabic)])
        pending[ident] = {
            "id": ident,
            "name": name,
            "names": names,
            "arabic": _as_list(arabic)[0] if arabic else None,
            "kind": kind,
            "country": str(entry.get("country") or "SY"),
            "admin1": entry.get("admin1"),
            "lat": entry.get("lat"),
            "lon": entry.get("lon"),
            "source": str(entry.get("source") or "curated"),
            "population": int(entry.get("population") or 0),
            "_seat": entry.get("seat"),
        }
    # a governorate is its own admin1; districts and below name theirs in the YAML
    resolved: dict[str, Place] = {}

    def resolve(ident: str, depth: int = 0) -> Place:
        if ident in resolved:
            return resolved[ident]
        fields = dict(pending[ident])
        seat = fields.pop("_seat")
        if (fields["lat"] is None or fields["lon"] is None) and seat and depth < 5:
            seat = str(seat)
            target: Place | None = by_source.get(seat)
            if target is None and seat in ids:
                target = resolve(seat, depth + 1)
            if target is None:
                raise ValidationError(f"gazetteer/data/places.yaml: {ident}: unknown seat {seat!r}")
            fields["lat"], fields["lon"] = target.lat, target.lon
        if fields["admin1"] is None and fields["kind"] in ("governorate",):
            fields["admin1"] = ident
        place = Place(**fields)
        resolved[ident] = place
        return place

    for ident in pending:
        places.append(resolve(ident))
    return places


# ---------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------

_PLURAL_ENDINGS = ("an", "i")


def _demonyms(words: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for word in words:
        out.append(word)
        if word.endswith(_PLURAL_ENDINGS) and not word.endswith("ese"):
            out.append(word + "s")
    return _dedupe(out)


def _states(countries: list[dict[str, Any]], state_extra: Mapping[str, Any]) -> list[KnownEntity]:
    states = []
    for row in countries:
        extra = state_extra.get(row["iso"]) or {}
        name = extra.get("name") or row["name"]
        arabic = _dedupe([*_as_list(extra.get("arabic")), row.get("ar")])
        acronyms = _as_list(extra.get("acronyms"))
        names = _dedupe(
            [name, row["name"], row.get("full_name"), *_as_list(extra.get("names")), *acronyms, *arabic]
        )
        states.append(
            KnownEntity(
                id=extra.get("id") or slugify(name),
                type="state",
                name=name,
                names=names,
                source=f"geonames:{row['gn']}" + ("+curated" if extra else ""),
                acronyms=tuple(acronyms),
                arabic=arabic,
                demonyms=_demonyms(_as_list(extra.get("demonyms"))),
                country=row["iso"],
            )
        )
    return states


def _known(raw: list[Mapping[str, Any]]) -> list[KnownEntity]:
    out = []
    for entry in raw:
        ident = str(entry["id"])
        etype = str(entry["type"])
        if etype not in ENTITY_TYPES:
            raise ValidationError(f"gazetteer/data/entities.yaml: {ident}: unknown type {etype!r}")
        name = str(entry["name"])
        acronyms = _as_list(entry.get("acronyms"))
        arabic = _as_list(entry.get("arabic"))
        names = _dedupe([name, *_as_list(entry.get("aliases")), *acronyms, *arabic])
        out.append(
            KnownEntity(
                id=ident,
                type=etype,
                name=name,
                names=names,
                source=str(entry.get("source") or "curated"),
                acronyms=tuple(acronyms),
                arabic=tuple(arabic),
                part_of=entry.get("part_of"),
                country=entry.get("country"),
                note=entry.get("note"),
            )
        )
    return out


def merge(
    geonames_rows: list[dict[str, Any]],
    countries: list[dict[str, Any]],
    curated_places: Mapping[str, Any],
    state_extra: Mapping[str, Any],
    entities_raw: list[Mapping[str, Any]],
) -> tuple[list[Place], list[KnownEntity]]:
    """Every place and known entity, validated (unique ids, known references)."""
    geo = _geonames_places(geonames_rows, curated_places)
    by_source = {p.source: p for p in geo}
    curated = _curated_places(curated_places, by_source)
    # curated ids win: a GeoNames place whose slug collides takes its GeoNames id
    curated_ids = {p.id for p in curated}
    geo = [replace(p, id=f"{p.id}_{p.source.split(':')[1]}") if p.id in curated_ids else p for p in geo]
    places = [*_country_places(countries, state_extra), *curated, *geo]
    entities = [*_known(entities_raw), *_states(countries, state_extra)]

    place_ids: set[str] = set()
    for place in places:
        if place.id in place_ids:
            raise ValidationError(f"gazetteer: duplicate place id {place.id!r}")
        place_ids.add(place.id)
    for place in places:
        if place.admin1 is not None and place.admin1 not in place_ids:
            raise ValidationError(f"gazetteer: {place.id}: unknown admin1 {place.admin1!r}")
    entity_ids: set[str] = set()
    for entity in entities:
        if entity.id in entity_ids:
            raise ValidationError(f"gazetteer: duplicate entity id {entity.id!r}")
        entity_ids.add(entity.id)
    for entity in entities:
        if entity.part_of is not None and entity.part_of not in entity_ids:
            raise ValidationError(f"gazetteer: {entity.id}: unknown part_of {entity.part_of!r}")
    return places, entities


def keys(names: Iterable[str]) -> list[str]:
    """The distinct non-empty look-up keys of ``names``."""
    out: list[str] = []
    for name in names:
        key = normalize_name(name)
        if key and key not in out:
            out.append(key)
    return out
