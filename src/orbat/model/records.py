"""The records of the knowledge base: documents, entities, claims, evidence.

Plain, typed, immutable dataclasses. They validate themselves against the
vocabulary on construction, so an invalid record cannot exist in memory.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from orbat.errors import ValidationError, VocabularyError
from orbat.model.values import (
    DateValue,
    EntityRef,
    ObjectValue,
    Quantity,
    TextValue,
    check_edtf,
    object_from_json,
)
from orbat.model.vocabulary import VOCABULARY


def utcnow() -> datetime:
    return datetime.now(UTC)


class Status(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Rank(StrEnum):
    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"


class Hedge(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    UNCERTAIN = "uncertain"
    DOUBTED = "doubted"


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    """The dominant Unicode script of a name: ``Arab``, ``Latn`` or ``Zyyy`` (other)."""
    counts = {"Arab": 0, "Latn": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("ARABIC"):
            counts["Arab"] += 1
        elif name.startswith("LATIN"):
            counts["Latn"] += 1
    if not any(counts.values()):
        return "Zyyy"
    return max(counts, key=lambda k: counts[k])


@dataclass(frozen=True)
class Document:
    """A source document as read: metadata, text, and the hash of its original bytes."""

    name: str  # file name without extension: the interchange `doc` id
    text: str
    sha256: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None  # EDTF
    url: str | None = None
    language: str | None = None
    source_kind: str = "other"
    stance: str | None = None
    media_type: str = "text/plain"
    source_uri: str | None = None
    pages: tuple[tuple[int, int, int], ...] = ()  # (page number, start, end) offsets into text
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.name:
            raise ValidationError("a document needs a name")
        VOCABULARY.source_kind(self.source_kind)
        if self.stance is not None and self.stance not in VOCABULARY.stances:
            raise VocabularyError(f"unknown stance {self.stance!r}")
        if self.published:
            check_edtf(self.published, "publication date")

    def page_at(self, offset: int) -> int | None:
        for number, start, end in self.pages:
            if start <= offset < end:
                return number
        return None


@dataclass(frozen=True)
class Alias:
    name: str
    lang: str | None = None
    script: str | None = None

    @classmethod
    def of(cls, name: str, lang: str | None = None) -> Alias:
        return cls(name=name, lang=lang, script=script_of(name))


@dataclass(frozen=True)
class Entity:
    """One real-world thing after resolution: a canonical name and every other name."""

    id: str
    type: str
    name: str
    aliases: tuple[Alias, ...] = ()

    def __post_init__(self) -> None:
        VOCABULARY.entity_type(self.type)
        if not self.name.strip():
            raise ValidationError(f"entity {self.id}: empty name")

    @property
    def names(self) -> list[str]:
        return [self.name] + [a.name for a in self.aliases if a.name != self.name]


@dataclass(frozen=True)
class Qualifiers:
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    role: str | None = None
    kind: str | None = None
    claimed_by: str | None = None
    hedge: str = Hedge.ASSERTED.value

    def __post_init__(self) -> None:
        for key in ("start", "end", "as_of"):
            v = getattr(self, key)
            if v is not None:
                check_edtf(v, key)
        VOCABULARY.check_hedge(self.hedge)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("start", "end", "as_of", "role", "kind", "claimed_by"):
            v = getattr(self, key)
            if v is not None:
                out[key] = v
        out["hedge"] = self.hedge
        return out

    @classmethod
    def from_json(cls, raw: Any) -> Qualifiers:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise ValidationError(f"qualifiers must be an object: {raw!r}")
        unknown = set(raw) - set(VOCABULARY.qualifiers)
        if unknown:
            raise VocabularyError(f"unknown qualifier(s): {', '.join(sorted(unknown))}")
        vals = {k: (None if v is None else str(v)) for k, v in raw.items()}
        hedge = vals.pop("hedge", None) or Hedge.ASSERTED.value
        return cls(hedge=hedge, **vals)


@dataclass(frozen=True)
class Evidence:
    """Where a claim is read: a document, character offsets, and the exact quote."""

    document: str  # document name
    start: int | None
    end: int | None
    quote: str
    page: int | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValidationError("evidence offsets come in pairs")
        if self.start is not None and self.end is not None:
            if self.start < 0 or self.end < self.start:
                raise ValidationError(f"bad evidence span {self.start}-{self.end}")
            if len(self.quote) != self.end - self.start:
                raise ValidationError("evidence quote length does not match its offsets")

    @classmethod
    def from_text(cls, document: str, text: str, start: int, end: int, page: int | None = None) -> Evidence:
        return cls(document=document, start=start, end=end, quote=text[start:end], page=page)


@dataclass(frozen=True)
class Claim:
    """A typed statement about an entity, with its qualifiers and evidence."""

    subject: str  # entity (or node) id
    predicate: str
    object: ObjectValue
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    evidence: tuple[Evidence, ...] = ()
    status: str = Status.PROPOSED.value
    # "rule:<name>@<version>", "dep:<frame>@<version>", "analyst:<user>" or "import:<file>"
    origin: str = "unknown"
    id: str | None = None
    rank: str = Rank.NORMAL.value
    created: datetime | None = None
    updated: datetime | None = None

    def __post_init__(self) -> None:
        pred = VOCABULARY.predicate(self.predicate)
        Status(self.status)
        Rank(self.rank)
        kind = self.object.kind
        ok = kind == pred.object_kind or (pred.object_kind == "entity_or_text" and kind in ("entity", "text"))
        if not ok:
            raise ValidationError(
                f"predicate {self.predicate} takes a {pred.object_kind} object, not a {kind}"
            )
        unknown = {k for k, v in self.qualifiers.to_json().items() if k != "hedge" and v is not None}
        extra = unknown - set(pred.qualifiers) - {"claimed_by"}
        if extra:
            raise VocabularyError(f"predicate {self.predicate} takes no qualifier {', '.join(sorted(extra))}")

    def key(self) -> str:
        """A deterministic id from what the claim says and where: re-runs give the same id."""
        ev = self.evidence[0] if self.evidence else None
        payload = json.dumps(
            [
                self.subject,
                self.predicate,
                self.object.to_json(),
                self.qualifiers.to_json(),
                [ev.document, ev.start, ev.end] if ev else None,
                self.origin.split("@")[0],
            ],
            sort_keys=True,
            ensure_ascii=False,
        )
        return "C" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]

    def with_id(self) -> Claim:
        return self if self.id else replace(self, id=self.key())

    def object_json(self) -> dict[str, Any]:
        return self.object.to_json()

    @classmethod
    def parse_object(cls, raw: Any) -> ObjectValue:
        return object_from_json(raw)


@dataclass(frozen=True)
class Mention:
    """A span of a document that names an entity (or refers to one)."""

    start: int
    end: int
    text: str
    type: str
    node: str  # the in-document entity ("node") it belongs to
    source: str = "rule"  # which recogniser produced it

    def __post_init__(self) -> None:
        VOCABULARY.entity_type(self.type)


@dataclass(frozen=True)
class Node:
    """An entity as seen inside one document (before cross-document resolution).

    ``id`` is deterministic (document + type + name key), so re-extraction
    produces the same node ids and analyst judgements on them survive.
    """

    id: str
    type: str
    name: str
    names: tuple[str, ...]
    document: str | None = None

    def __post_init__(self) -> None:
        VOCABULARY.entity_type(self.type)


def node_id(document: str | None, type_: str, key: str) -> str:
    raw = f"{document or ''}\x1f{type_}\x1f{key}"
    return "N" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Extraction:
    """What an extractor found in one document: nodes, mentions and claims on nodes."""

    document: str
    extractor: str  # name@version
    nodes: tuple[Node, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]


__all__ = [
    "Alias",
    "Claim",
    "DateValue",
    "Document",
    "Entity",
    "EntityRef",
    "Evidence",
    "Extraction",
    "Hedge",
    "Mention",
    "Node",
    "Qualifiers",
    "Quantity",
    "Rank",
    "Status",
    "TextValue",
    "node_id",
    "script_of",
    "utcnow",
]
