"""The gazetteer's record types."""

from __future__ import annotations

from dataclasses import dataclass

# Place kinds, largest first. ``geocode`` prefers earlier kinds among
# otherwise equal candidates (a city over its governorate of the same name is
# the one exception: see ``orbat.gazetteer.geocode``).
PLACE_KINDS: tuple[str, ...] = (
    "country",
    "governorate",
    "region",
    "district",
    "city",
    "subdistrict",
    "town",
    "camp",
    "neighbourhood",
    "site",
    "village",
)

# Entity types of known entities (a subset of the claims vocabulary's types).
ENTITY_TYPES: tuple[str, ...] = ("armed_group", "organization", "state", "person", "kin_group", "event")


@dataclass(frozen=True)
class Place:
    """A named place.

    ``id`` is stable snake_case (``sy_aleppo``, ``sy_aleppo_governorate``);
    ``names`` holds every known spelling including ``name`` and the Arabic
    forms; ``admin1`` is the id of the first-level division (governorate,
    province) containing the place, when known; ``lat``/``lon`` are WGS84
    degrees or ``None`` when the gazetteer has no confident point. For
    governorates and districts the point is their administrative seat's.
    ``source`` is ``geonames:<id>`` or ``curated``.
    """

    id: str
    name: str
    names: tuple[str, ...]
    arabic: str | None
    kind: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    source: str
    population: int = 0

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class KnownEntity:
    """A widely reported organisation, armed group, state, person or kin group.

    ``names`` holds every alias including ``name``, acronyms and Arabic
    forms; ``acronyms`` repeats the names that must be matched with their
    case (``IS``, ``SAA``). For states ``demonyms`` lists the adjectives and
    nouns of nationality (``Iranian``, ``Iranians``), kept out of ``names``.
    ``part_of`` is the id of a parent known entity.
    """

    id: str
    type: str
    name: str
    names: tuple[str, ...]
    source: str
    acronyms: tuple[str, ...] = ()
    arabic: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    part_of: str | None = None
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PlaceMatch:
    """What ``geocode_match`` found: the place, the modifier peeled off, and the base name."""

    place: Place
    modifier: str | None
    base: str
