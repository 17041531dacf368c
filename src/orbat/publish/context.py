"""What a published product about one entity reads from the store, loaded once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from orbat.errors import NotFound
from orbat.model import Entity
from orbat.model.views import ClaimSample, ClaimView
from orbat.publish.citations import Citations
from orbat.publish.facts import FactGroup, fact_group
from orbat.publish.text import display_name
from orbat.reconcile import SourceGrades
from orbat.store import Store


class EntityLookup(Mapping[str, Entity]):
    """Entities by id, read from the store when first asked for (a profile names a few of them)."""

    def __init__(self, store: Store, preload: Iterable[str | None] = ()) -> None:
        self._store = store
        self._known: dict[str, Entity | None] = dict(store.entities_by_id(preload))

    def preload(self, ids: Iterable[str | None]) -> None:
        """Read the entities of these ids not read yet, in one query."""
        missing = {i for i in ids if i and i not in self._known}
        if missing:
            found = self._store.entities_by_id(missing)
            self._known.update((i, found.get(i)) for i in missing)

    def __getitem__(self, entity_id: str) -> Entity:
        if entity_id not in self._known:
            self._known[entity_id] = self._store.entities_by_id([entity_id]).get(entity_id)
        found = self._known[entity_id]
        if found is None:
            raise KeyError(entity_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (k for k, v in self._known.items() if v is not None)

    def __len__(self) -> int:
        return sum(1 for v in self._known.values() if v is not None)


class _Names(Mapping[str, str]):
    """Entity names as they read inside a sentence, by id, computed when asked for."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self._entities = entities

    def __getitem__(self, entity_id: str) -> str:
        e = self._entities[entity_id]
        return display_name(e.name, e.type)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)


#: claims of another entity read for context (its parents, where its places lie), per entity ...
OTHER_CLAIMS_LIMIT = 5
#: ... and for how many other entities (a hub's claims name hundreds of places)
OTHER_ENTITIES_LIMIT = 40


@dataclass
class EntityContext:
    """An entity, the live claims naming it (either side; abridged for hubs), the entities they refer
    to by id, and the footnotes."""

    store: Store
    entity: Entity
    claims: list[ClaimView]
    entities: Mapping[str, Entity]
    cites: Citations
    grades: SourceGrades | None = None
    used: set[str] = field(default_factory=set)
    _texts: dict[str, str | None] = field(default_factory=dict)
    _facts: dict[tuple[str, bool], FactGroup] = field(default_factory=dict)
    sample: ClaimSample | None = None
    #: the entity's names as ``orbat.publish.names.name_entries`` writes them up, once computed
    name_entries: list[Any] | None = None

    @classmethod
    def load(cls, store: Store, ref: str, cites: Citations | None = None) -> EntityContext:
        entity = store.get_entity(ref)
        sample = store.claims_about(entity.id)
        claims = list(sample.claims)
        refs = (
            {entity.id}
            | {c.subject for c in claims if c.subject}
            | {c.object_entity for c in claims if c.object_entity}
        )
        entities = EntityLookup(store, refs)
        return cls(
            store,
            entity,
            claims,
            entities,
            cites if cites is not None else Citations(),
            store.source_grades(),
            sample=sample,
        )

    @property
    def abridged(self) -> bool:
        return self.sample is not None and self.sample.abridged

    @property
    def name(self) -> str:
        """The entity's name as it reads inside a sentence ("the Local Defence Forces")."""
        return display_name(self.entity.name, self.entity.type)

    @cached_property
    def names(self) -> Mapping[str, str]:
        """Entity names as they read inside a sentence, by id."""
        return _Names(self.entities)

    def type_of(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        e = self.entities.get(entity_id)
        return e.type if e else None

    def forward(self, predicate: str, where: Callable[[ClaimView], bool] | None = None) -> list[ClaimView]:
        return [
            c
            for c in self.claims
            if c.subject == self.entity.id and c.predicate == predicate and (where is None or where(c))
        ]

    def inverse(self, predicate: str, where: Callable[[ClaimView], bool] | None = None) -> list[ClaimView]:
        return [
            c
            for c in self.claims
            if c.object_entity == self.entity.id
            and c.subject != self.entity.id
            and c.predicate == predicate
            and (where is None or where(c))
        ]

    def fact(
        self, predicate: str, *, inverse: bool = False, where: Callable[[ClaimView], bool] | None = None
    ) -> FactGroup | None:
        """The fact group of a predicate (None when there are no claims); marks the claims used."""
        claims = self.inverse(predicate, where) if inverse else self.forward(predicate, where)
        if not claims:
            return None
        self.used.update(c.id for c in claims)
        if where is not None:
            return fact_group(predicate, claims, inverse=inverse, grades=self.grades)
        key = (predicate, inverse)  # the profile and its infobox ask for the same groups
        if key not in self._facts:
            self._facts[key] = fact_group(predicate, claims, inverse=inverse, grades=self.grades)
        return self._facts[key]

    def document_text(self, name: str) -> str | None:
        """The stored text of a document (None for documents known by name only)."""
        if name not in self._texts:
            try:
                self._texts[name] = self.store.get_document(name).text or None
            except NotFound:
                self._texts[name] = None
        return self._texts[name]

    def unused(self) -> list[ClaimView]:
        return [c for c in self.claims if c.id not in self.used]

    def others_claims(self, entity_ids: Iterable[str], predicate: str) -> dict[str, list[ClaimView]]:
        """Claims of ``predicate`` about each of ``entity_ids`` (other entities), read in one query: at
        most ``OTHER_CLAIMS_LIMIT`` of each, and of ``OTHER_ENTITIES_LIMIT`` entities."""
        ids = list(dict.fromkeys(entity_ids))[:OTHER_ENTITIES_LIMIT]
        out: dict[str, list[ClaimView]] = {i: [] for i in ids}
        if not ids:
            return out
        for c in self.store.claims_of_each(ids, predicate, limit_each=OTHER_CLAIMS_LIMIT):
            if c.subject in out and c.status != "rejected":
                out[c.subject].append(c)
        if isinstance(self.entities, EntityLookup):
            self.entities.preload(c.object_entity for cs in out.values() for c in cs)
        return out


def entity_objects(claims: Iterable[ClaimView]) -> list[str]:
    out: list[str] = []
    for c in claims:
        if c.object_entity and c.object_entity not in out and c.qualifiers.hedge != "doubted":
            out.append(c.object_entity)
    return out
