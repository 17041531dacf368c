"""What a published product about one entity reads from the store, loaded once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from orbat.errors import NotFound
from orbat.model import Entity
from orbat.model.views import ClaimView
from orbat.publish.citations import Citations, source_infos
from orbat.publish.facts import FactGroup, fact_group
from orbat.publish.text import display_name
from orbat.reconcile import SourceGrades
from orbat.store import Store


@dataclass
class EntityContext:
    """An entity, the claims about it (either side), every entity by id, and the footnotes."""

    store: Store
    entity: Entity
    claims: list[ClaimView]
    entities: dict[str, Entity]
    cites: Citations
    grades: SourceGrades | None = None
    used: set[str] = field(default_factory=set)
    _texts: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, ref: str, cites: Citations | None = None) -> EntityContext:
        entity = store.get_entity(ref)
        claims = [
            c
            for c in store.claims(entity=entity.id, as_object=True, include_rejected=False)
            if c.status != "rejected"
        ]
        entities = {e.id: e for e in store.list_entities()}
        if cites is None:
            cites = Citations(source_infos(store.list_documents()))
        return cls(store, entity, claims, entities, cites, store.source_grades())

    @property
    def name(self) -> str:
        """The entity's name as it reads inside a sentence ("the Local Defence Forces")."""
        return display_name(self.entity.name, self.entity.type)

    @cached_property
    def names(self) -> dict[str, str]:
        """Every entity's name as it reads inside a sentence."""
        return {i: display_name(e.name, e.type) for i, e in self.entities.items()}

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
        return fact_group(predicate, claims, inverse=inverse, grades=self.grades)

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

    def other_claims(self, entity_id: str, predicate: str) -> list[ClaimView]:
        """Claims of ``predicate`` whose subject is another entity (context: parents, places)."""
        return [
            c
            for c in self.store.claims(entity=entity_id, predicate=predicate, include_rejected=False)
            if c.status != "rejected" and c.subject == entity_id
        ]


def entity_objects(claims: Iterable[ClaimView]) -> list[str]:
    out: list[str] = []
    for c in claims:
        if c.object_entity and c.object_entity not in out and c.qualifiers.hedge != "doubted":
            out.append(c.object_entity)
    return out
