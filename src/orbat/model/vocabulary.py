"""The claims vocabulary, loaded once from ``vocabulary.yaml``.

``VOCABULARY`` is the only module-level state of the model: an immutable
description of entity types, predicates and qualifiers. Nothing else in orbat
spells a predicate's properties out; it asks this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from orbat.errors import VocabularyError

OBJECT_KINDS = ("entity", "date", "quantity", "text", "entity_or_text")


@dataclass(frozen=True)
class EntityType:
    name: str
    label: str
    description: str


@dataclass(frozen=True)
class Predicate:
    name: str
    subject_types: frozenset[str]
    object_kind: str
    object_types: frozenset[str]
    qualifiers: frozenset[str]
    label: str
    inverse: str | None = None
    symmetric: bool = False
    free_text: bool = False
    functional: bool = False
    series: bool = False

    def allows_subject(self, entity_type: str) -> bool:
        return "*" in self.subject_types or entity_type in self.subject_types

    def allows_object_type(self, entity_type: str) -> bool:
        return "*" in self.object_types or entity_type in self.object_types

    @property
    def takes_entity(self) -> bool:
        return self.object_kind in ("entity", "entity_or_text")

    @property
    def takes_text(self) -> bool:
        return self.object_kind in ("text", "entity_or_text")


@dataclass(frozen=True)
class SourceKind:
    name: str
    reliability: str
    stance: str


@dataclass(frozen=True)
class Vocabulary:
    entity_types: dict[str, EntityType]
    predicates: dict[str, Predicate]
    qualifiers: dict[str, str]
    hedges: tuple[str, ...]
    source_kinds: dict[str, SourceKind]
    stances: tuple[str, ...]
    inverses: dict[str, str] = field(default_factory=dict)

    def predicate(self, name: str) -> Predicate:
        """The predicate called ``name``; raises VocabularyError if unknown."""
        try:
            return self.predicates[name]
        except KeyError:
            known = ", ".join(sorted(self.predicates))
            raise VocabularyError(f"unknown predicate {name!r} (known: {known})") from None

    def entity_type(self, name: str) -> EntityType:
        try:
            return self.entity_types[name]
        except KeyError:
            known = ", ".join(self.entity_types)
            raise VocabularyError(f"unknown entity type {name!r} (known: {known})") from None

    def canonical_predicate(self, name: str) -> tuple[str, bool]:
        """Map an inverse name (``subunit``) to (``part_of``, swapped=True)."""
        if name in self.predicates:
            return name, False
        if name in self.inverses:
            return self.inverses[name], True
        self.predicate(name)  # raises
        raise AssertionError("unreachable")

    def check_hedge(self, hedge: str) -> str:
        if hedge not in self.hedges:
            raise VocabularyError(f"unknown hedge {hedge!r} (known: {', '.join(self.hedges)})")
        return hedge

    def source_kind(self, name: str) -> SourceKind:
        try:
            return self.source_kinds[name]
        except KeyError:
            known = ", ".join(self.source_kinds)
            raise VocabularyError(f"unknown source kind {name!r} (known: {known})") from None


def _load() -> Vocabulary:
    text = resources.files("orbat.model").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    types = {
        name: EntityType(name, spec["label"], spec["description"])
        for name, spec in raw["entity_types"].items()
    }
    predicates: dict[str, Predicate] = {}
    inverses: dict[str, str] = {}
    for name, spec in raw["predicates"].items():
        kind = spec["object"]
        if kind not in OBJECT_KINDS:
            raise VocabularyError(f"vocabulary.yaml: predicate {name}: bad object kind {kind!r}")
        subject = frozenset(spec["subject"])
        objects = frozenset(spec.get("object_types", []))
        for t in (subject | objects) - {"*"}:
            if t not in types:
                raise VocabularyError(f"vocabulary.yaml: predicate {name}: unknown type {t!r}")
        predicates[name] = Predicate(
            name=name,
            subject_types=subject,
            object_kind=kind,
            object_types=objects,
            qualifiers=frozenset(spec.get("qualifiers", [])),
            label=spec.get("label", name.replace("_", " ")),
            inverse=spec.get("inverse"),
            symmetric=bool(spec.get("symmetric", False)),
            free_text=bool(spec.get("free_text", False)),
            functional=bool(spec.get("functional", False)),
            series=bool(spec.get("series", False)),
        )
        if spec.get("inverse"):
            inverses[spec["inverse"]] = name
    kinds = {
        name: SourceKind(name, spec["reliability"], spec["stance"])
        for name, spec in raw["source_kinds"].items()
    }
    return Vocabulary(
        entity_types=types,
        predicates=predicates,
        qualifiers={k: v["kind"] for k, v in raw["qualifiers"].items()},
        hedges=tuple(raw["hedges"]),
        source_kinds=kinds,
        stances=tuple(raw["stances"]),
        inverses=inverses,
    )


VOCABULARY: Vocabulary = _load()
