"""What a published product about one entity reads from the store, loaded once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from orbat.errors import NotFound
from orbat.model import VOCABULARY, Entity
from orbat.model.views import ClaimSample, ClaimView
from orbat.publish.citations import Citations
from orbat.publish.facts import FactGroup, fact_group
from orbat.publish.text import display_name
from orbat.reconcile import GroupMemo, SourceGrades
from orbat.store import Store


class EntityLookup(Mapping[str, Entity]):
    """Entities by id, read from the store when first asked for (a profile names a few of them)."""

    def __init__(
        self, store: Store, preload: Iterable[str | None] = (), known: Mapping[str, Entity] | None = None
    ) -> None:
        """``known``: entities read already (with the claims that name them)."""
        self._store = store
        self._known: dict[str, Entity | None] = dict(known or {})
        self.preload(preload)

    def add(self, known: Mapping[str, Entity]) -> None:
        """Entities read already."""
        self._known.update(known)

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
    #: the reconciled groups built for this context, reused when the same claims are reconciled again
    #: (the prose and the claims table of a page)
    memo: GroupMemo = field(default_factory=dict)
    _index: dict[tuple[str, bool], list[ClaimView]] | None = None
    #: claims of other entities read for context, by (entity, predicate)
    _others: dict[tuple[str, str], list[ClaimView]] = field(default_factory=dict)
    _indexed: int = -1

    @classmethod
    def load(
        cls,
        store: Store,
        ref: str,
        cites: Citations | None = None,
        *,
        entity: Entity | None = None,
        rejected: int = 0,
    ) -> EntityContext:
        """``entity``: the entity ``ref`` names, when the caller has read it already; ``rejected``: read
        as many of its last rejected claims as well (``sample.rejected``), by the same statement."""
        if entity is None or entity.id != ref:
            entity = store.get_entity(ref)
        known = {entity.id: entity}
        # the entities they name come along
        sample = store.claims_about(entity.id, entities=known, rejected=rejected)
        claims = list(sample.claims)
        refs = (
            {entity.id}
            | {c.subject for c in claims if c.subject}
            | {c.object_entity for c in claims if c.object_entity}
        )
        entities = EntityLookup(store, refs, known)
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

    def _by_predicate(self) -> dict[tuple[str, bool], list[ClaimView]]:
        """The claims per (predicate, inverse), in their order: the layout asks for each predicate
        several times (built again if ``claims`` changed length)."""
        if self._index is None or self._indexed != len(self.claims):
            index: dict[tuple[str, bool], list[ClaimView]] = {}
            me = self.entity.id
            for c in self.claims:
                if c.subject == me:
                    index.setdefault((c.predicate, False), []).append(c)
                elif c.object_entity == me:
                    index.setdefault((c.predicate, True), []).append(c)
            self._index, self._indexed = index, len(self.claims)
        return self._index

    def forward(self, predicate: str, where: Callable[[ClaimView], bool] | None = None) -> list[ClaimView]:
        claims = self._by_predicate().get((predicate, False), [])
        return [c for c in claims if where(c)] if where is not None else list(claims)

    def inverse(self, predicate: str, where: Callable[[ClaimView], bool] | None = None) -> list[ClaimView]:
        claims = self._by_predicate().get((predicate, True), [])
        return [c for c in claims if where(c)] if where is not None else list(claims)

    def fact(
        self, predicate: str, *, inverse: bool = False, where: Callable[[ClaimView], bool] | None = None
    ) -> FactGroup | None:
        """The fact group of a predicate (None when there are no claims); marks the claims used."""
        claims = self.inverse(predicate, where) if inverse else self.forward(predicate, where)
        if not claims:
            return None
        self.used.update(c.id for c in claims)
        key = (predicate, inverse)  # the profile and its infobox ask for the same groups
        if where is not None and len(claims) == len(self._by_predicate().get(key, ())):
            where = None  # the filter kept every claim: the group of them all (the same claims, in order)
        if where is not None:
            return fact_group(predicate, claims, inverse=inverse, grades=self.grades, memo=self.memo)
        if key not in self._facts:
            self._facts[key] = fact_group(
                predicate, claims, inverse=inverse, grades=self.grades, memo=self.memo
            )
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
        most ``OTHER_CLAIMS_LIMIT`` of each, and of ``OTHER_ENTITIES_LIMIT`` entities (those read
        ahead by ``prefetch_others`` are not read again)."""
        predicate = VOCABULARY.canonical_predicate(predicate)[0]
        ids = list(dict.fromkeys(entity_ids))[:OTHER_ENTITIES_LIMIT]
        missing = [i for i in ids if (i, predicate) not in self._others]
        if missing:
            self._read_others({(i, predicate): 1 for i in missing})
        return {i: list(self._others[(i, predicate)]) for i in ids}

    def prefetch_others(
        self, requests: Iterable[tuple[Iterable[str], str]], *, follow: Mapping[str, int] | None = None
    ) -> None:
        """Read ahead, in one query, what ``others_claims(ids, predicate)`` will ask for, for each
        (ids, predicate) of ``requests``; ``follow``: for a predicate, how many levels further up its
        chain to read ahead as well (the parents of the parents: ``others_claims`` of the objects
        of the claims read, not doubted, and so on), in the same query."""
        levels: dict[tuple[str, str], int] = {}
        for ids, predicate in requests:
            pred = VOCABULARY.canonical_predicate(predicate)[0]
            n = 1 + max(0, (follow or {}).get(pred, 0))
            for i in list(dict.fromkeys(ids))[:OTHER_ENTITIES_LIMIT]:
                if (i, pred) not in self._others:
                    levels[(i, pred)] = max(levels.get((i, pred), 0), n)
        if levels:
            self._read_others(levels)

    def _read_others(self, levels: Mapping[tuple[str, str], int]) -> None:
        """Read the claims of these (entity, predicate) pairs, and the chains ``levels`` deep from them
        (``Store.claims_of_chains``); keeps every pair the read reached, with or without claims."""
        starts = [(s, p, n) for (s, p), n in levels.items()]
        known: dict[str, Entity] = {}
        if all(n <= 1 for n in levels.values()):
            claims = self.store.claims_of_pairs(
                [(s, p) for s, p, _ in starts], limit_each=OTHER_CLAIMS_LIMIT, entities=known
            )
        else:
            claims = self.store.claims_of_chains(starts, limit_each=OTHER_CLAIMS_LIMIT, entities=known)
        by_pair: dict[tuple[str, str], list[ClaimView]] = {}
        for c in claims:
            if c.subject is not None and c.status != "rejected":
                by_pair.setdefault((c.subject, c.predicate), []).append(c)
        # the pairs the read reached: walked again as the store walked them
        reached: dict[tuple[str, str], int] = {}
        todo = list(levels.items())
        while todo:
            pair, n = todo.pop()
            if reached.get(pair, 0) >= n:
                continue
            reached[pair] = n
            if n > 1:
                todo.extend(
                    ((c.object_entity, pair[1]), n - 1)
                    for c in by_pair.get(pair, ())
                    if c.object_entity and c.qualifiers.hedge != "doubted"
                )
        for pair in reached:
            self._others[pair] = by_pair.get(pair, [])
        if isinstance(self.entities, EntityLookup):
            self.entities.add(known)
            self.entities.preload(c.object_entity for p in reached for c in self._others[p])


def entity_objects(claims: Iterable[ClaimView]) -> list[str]:
    out: list[str] = []
    for c in claims:
        if c.object_entity and c.object_entity not in out and c.qualifiers.hedge != "doubted":
            out.append(c.object_entity)
    return out
