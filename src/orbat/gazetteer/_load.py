"""Loading the compiled data files and indexing them (once, lazily)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from orbat.gazetteer.records import KnownEntity, Place

_PACKAGE = "orbat.gazetteer"


@dataclass
class Gazetteer:
    """Every record and the look-up indexes, built once per process."""

    places: list[Place] = field(default_factory=list)
    place_by_id: dict[str, Place] = field(default_factory=dict)
    place_index: dict[str, list[str]] = field(default_factory=dict)
    entities: list[KnownEntity] = field(default_factory=list)
    entity_by_id: dict[str, KnownEntity] = field(default_factory=dict)
    entity_index: dict[str, list[str]] = field(default_factory=dict)
    # acronym without dots → ids; matched only when the case agrees (see lookup_entity)
    acronym_index: dict[str, list[str]] = field(default_factory=dict)
    demonym_index: dict[str, str] = field(default_factory=dict)


def _records(name: str) -> Iterator[dict[str, Any]]:
    """The rows of a compiled file as dicts: its first line names the columns."""
    lines = resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8").splitlines()
    columns = json.loads(lines[0])["columns"]
    for line in lines[1:]:
        if line:
            yield dict(zip(columns, json.loads(line), strict=True))


def _add(index: dict[str, list[str]], keys: list[str], ident: str) -> None:
    for key in keys:
        ids = index.get(key)
        if ids is None:
            index[key] = [ident]
        elif ident not in ids:
            ids.append(ident)


def strip_dots(text: str) -> str:
    """``U.S.`` → ``US``: the acronym index's key."""
    return text.strip().replace(".", "").replace(" ", "")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Read ``data/places.jsonl`` and ``data/entities.jsonl`` and build the indexes."""
    g = Gazetteer()
    for row in _records("places.jsonl"):
        keys = row.pop("keys")
        row["names"] = tuple(row["names"])
        place = Place(**row)
        g.places.append(place)
        g.place_by_id[place.id] = place
        _add(g.place_index, keys, place.id)
    for row in _records("entities.jsonl"):
        keys = row.pop("keys")
        demonym_keys = row.pop("demonym_keys")
        for name in ("names", "acronyms", "arabic", "demonyms"):
            row[name] = tuple(row[name])
        entity = KnownEntity(**row)
        g.entities.append(entity)
        g.entity_by_id[entity.id] = entity
        _add(g.entity_index, keys, entity.id)
        for acronym in entity.acronyms:
            _add(g.acronym_index, [strip_dots(acronym)], entity.id)
        for key in demonym_keys:
            g.demonym_index.setdefault(key, entity.id)
    return g
