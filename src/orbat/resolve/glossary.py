"""The resolution glossary (``glossary.yaml``), loaded once and folded for look-ups.

Every Latin form is stored under its ``fold_token`` key and every Arabic form
under its ``arabic_fold`` key, so a look-up folds the token the same way and
transliteration variants of a listed form are found too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from orbat.errors import OrbatError
from orbat.resolve._text import fold_name, fold_token, is_arabic, normalize


class GlossaryError(OrbatError):
    """The resolution glossary is malformed."""


@dataclass(frozen=True)
class KnownEntity:
    """A well-known name from the glossary, with its other names and acronyms."""

    id: str
    types: frozenset[str]
    names: tuple[str, ...]
    acronyms: tuple[str, ...]


def acronym_key(text: str) -> str:
    """An acronym written without dots, hyphens or spaces, upper case: "IRGC-QF" -> "IRGCQF"."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass(frozen=True)
class Glossary:
    units: Mapping[str, frozenset[str]]  # folded form -> unit classes
    words: Mapping[str, frozenset[str]]  # folded form -> word classes
    branch_words: frozenset[str]
    function_words: frozenset[str]
    place_prepositions: frozenset[str]
    honorifics: frozenset[str]
    kin_terms: frozenset[str]
    name_particles: frozenset[str]
    common_given_names: frozenset[str]
    place_neutral: frozenset[str]
    countryside: frozenset[str]
    directions: Mapping[str, str]  # folded form -> direction
    government_words: frozenset[str]
    kin_neutral: frozenset[str]
    event_kinds: Mapping[str, frozenset[str]]
    event_connectors: frozenset[str]
    countries: Mapping[str, str]  # folded name (one or more tokens) -> country id
    places: Mapping[str, str]  # folded name (one or more tokens) -> place id
    entities: Mapping[str, KnownEntity]
    entity_by_name: Mapping[str, frozenset[str]]  # folded name -> entity ids
    entity_by_acronym: Mapping[str, frozenset[str]]  # acronym key -> entity ids
    numbers: Mapping[str, int]  # normalised (not folded) word -> value
    months: Mapping[str, int]  # normalised (not folded) word -> month
    # folded English form of a unit or word class -> initials of the class's transliterations
    # ("forces" -> {"Q", "K"}): an English name's acronym in the Arabic name's words
    arabic_initials: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def classes(self, folded: str) -> frozenset[str]:
        """Unit and word classes of one folded token (empty when unknown)."""
        return self.units.get(folded, frozenset()) | self.words.get(folded, frozenset())

    def known(self, name: str, type_: str | None = None) -> frozenset[str]:
        """Ids of the glossary entities that ``name`` is a name of (optionally of a type)."""
        ids = set(self.entity_by_name.get(fold_name(name), ()))
        stripped = name.strip()
        if stripped and stripped == stripped.upper() and any(c.isalpha() for c in stripped):
            ids |= self.entity_by_acronym.get(acronym_key(stripped), frozenset())
        if type_ is not None:
            ids = {i for i in ids if type_ in self.entities[i].types}
        return frozenset(ids)


def _fold_form(form: str) -> str | None:
    """The look-up key of a single-word form, or None for a phrase."""
    norm = normalize(form)
    if not norm or " " in norm:
        return None
    return fold_token(norm)


def _strings(raw: Any, where: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise GlossaryError(f"glossary.yaml: {where} must be a list, not {type(raw).__name__}")
    return [str(x) for x in raw]


def _word_set(raw: Any, where: str) -> frozenset[str]:
    out = set()
    for form in _strings(raw, where):
        key = _fold_form(form)
        if key:
            out.add(key)
    return frozenset(out)


def _class_table(raw: Any, where: str) -> dict[str, frozenset[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GlossaryError(f"glossary.yaml: {where} must be a mapping")
    table: dict[str, set[str]] = defaultdict(set)
    for cls, spec in raw.items():
        forms: Iterable[Any]
        if isinstance(spec, dict):
            forms = [
                f for key in ("en", "latn", "ar") for f in _strings(spec.get(key), f"{where}.{cls}.{key}")
            ]
        else:
            forms = _strings(spec, f"{where}.{cls}")
        for form in forms:
            key = _fold_form(str(form))
            if key:
                table[key].add(str(cls))
    return {k: frozenset(v) for k, v in table.items()}


def _arabic_initials(*tables: Any) -> dict[str, frozenset[str]]:
    """Folded English form -> upper-case initials of the same class's Latin transliterations."""
    out: dict[str, set[str]] = defaultdict(set)
    for raw in tables:
        for spec in (raw or {}).values():
            if not isinstance(spec, dict):
                continue
            initials = {f.strip()[0].upper() for f in _strings(spec.get("latn"), "latn") if f.strip()}
            if not initials:
                continue
            for form in _strings(spec.get("en"), "en"):
                key = _fold_form(form)
                if key:
                    out[key] |= initials
    return {k: frozenset(v) for k, v in out.items()}


def _name_table(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GlossaryError(f"glossary.yaml: {where} must be a mapping")
    out: dict[str, str] = {}
    for ident, forms in raw.items():
        for form in [str(ident).replace("_", " "), *_strings(forms, f"{where}.{ident}")]:
            key = fold_name(form)
            if key:
                out.setdefault(key, str(ident))
    return out


def _load(raw: dict[str, Any]) -> Glossary:
    units = _class_table(raw.get("units"), "units")
    words = _class_table(raw.get("words"), "words")

    directions: dict[str, str] = {}
    for direction, forms in (raw.get("directions") or {}).items():
        for form in _strings(forms, f"directions.{direction}"):
            for variant in (form, form.replace("-", "")):
                key = _fold_form(variant)
                if key:
                    directions[key] = str(direction)

    event_kinds: dict[str, set[str]] = defaultdict(set)
    for kind, forms in (raw.get("event_kinds") or {}).items():
        for form in _strings(forms, f"event_kinds.{kind}"):
            for variant in (form, form.replace("-", "")):
                key = _fold_form(variant)
                if key:
                    event_kinds[key].add(str(kind))

    entities: dict[str, KnownEntity] = {}
    by_name: dict[str, set[str]] = defaultdict(set)
    by_acronym: dict[str, set[str]] = defaultdict(set)
    for spec in raw.get("entities") or []:
        if not isinstance(spec, dict) or "id" not in spec:
            raise GlossaryError(f"glossary.yaml: an entity needs an id: {spec!r}")
        ent = KnownEntity(
            id=str(spec["id"]),
            types=frozenset(_strings(spec.get("types"), f"entities.{spec['id']}.types")),
            names=tuple(_strings(spec.get("names"), f"entities.{spec['id']}.names")),
            acronyms=tuple(_strings(spec.get("acronyms"), f"entities.{spec['id']}.acronyms")),
        )
        if not ent.names:
            raise GlossaryError(f"glossary.yaml: entity {ent.id} has no names")
        entities[ent.id] = ent
        for n in ent.names:
            if n.strip() == n.strip().upper() and not is_arabic(n):
                by_acronym[acronym_key(n)].add(ent.id)
            by_name[fold_name(n)].add(ent.id)
        for a in ent.acronyms:
            by_acronym[acronym_key(a)].add(ent.id)

    # numbers and months are looked up unfolded: "for" must not become "four"
    numbers = {normalize(str(k)): int(v) for k, v in (raw.get("numbers") or {}).items()}
    months: dict[str, int] = {}
    for number, forms in (raw.get("months") or {}).items():
        for form in _strings(forms, f"months.{number}"):
            months[normalize(form)] = int(number)

    return Glossary(
        units=units,
        words=words,
        branch_words=_word_set(raw.get("branch_words"), "branch_words"),
        function_words=_word_set(raw.get("function_words"), "function_words"),
        place_prepositions=_word_set(raw.get("place_prepositions"), "place_prepositions"),
        honorifics=_word_set(raw.get("honorifics"), "honorifics"),
        kin_terms=_word_set(raw.get("kin_terms"), "kin_terms"),
        name_particles=_word_set(raw.get("name_particles"), "name_particles"),
        common_given_names=_word_set(raw.get("common_given_names"), "common_given_names"),
        place_neutral=_word_set(raw.get("place_neutral"), "place_neutral"),
        countryside=_word_set(raw.get("countryside_words"), "countryside_words"),
        directions=directions,
        government_words=_word_set(raw.get("government_words"), "government_words"),
        kin_neutral=_word_set(raw.get("kin_neutral"), "kin_neutral"),
        event_kinds={k: frozenset(v) for k, v in event_kinds.items()},
        event_connectors=_word_set(raw.get("event_connectors"), "event_connectors"),
        countries=_name_table(raw.get("countries"), "countries"),
        places=_name_table(raw.get("places"), "places"),
        entities=entities,
        entity_by_name={k: frozenset(v) for k, v in by_name.items()},
        entity_by_acronym={k: frozenset(v) for k, v in by_acronym.items()},
        numbers=numbers,
        months=months,
        arabic_initials=_arabic_initials(raw.get("units"), raw.get("words")),
    )


@cache
def glossary() -> Glossary:
    """The package glossary, read once."""
    text = resources.files("orbat.resolve").joinpath("glossary.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise GlossaryError("glossary.yaml: expected a mapping at the top level")
    return _load(raw)


def load_glossary(text: str) -> Glossary:
    """A glossary from YAML text (for tests and for callers with their own word lists)."""
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise GlossaryError("glossary: expected a mapping at the top level")
    return _load(raw)
