"""Read-side records: a claim with its resolved entities, evidence and review state.

The store returns these; reconcile, publish and the entry points consume them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orbat.model.records import Qualifiers


@dataclass(frozen=True)
class EvidenceView:
    document: str
    document_id: int
    start: int | None
    end: int | None
    quote: str
    page: int | None
    published: str | None
    title: str | None
    publisher: str | None
    source_kind: str
    stance: str | None
    reliability: str | None
    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class ClaimView:
    """A claim as the reader sees it: resolved entities, evidence, review state."""

    id: str
    predicate: str
    subject: str | None
    subject_name: str | None
    object_kind: str
    object_entity: str | None
    object_name: str | None
    object_value: dict[str, Any] | None
    object_text: str | None
    qualifiers: Qualifiers
    status: str
    rank: str
    rank_reason: str | None
    credibility: int | None
    origin: str
    sort_date: str | None
    document: str | None
    row_version: int
    updated_at: Any
    updated_by: str | None
    evidence: tuple[EvidenceView, ...] = field(default=())

    def object_json(self) -> dict[str, Any]:
        if self.object_kind == "entity":
            return {"entity": self.object_entity}
        return dict(self.object_value or {})

    def object_display(self) -> str:
        if self.object_kind == "entity":
            return self.object_name or str(self.object_entity)
        return self.object_text or ""


@dataclass(frozen=True)
class ClaimSample:
    """The live (non-rejected) claims naming an entity, as read for a page or a profile.

    An entity named by a few thousand claims comes whole. A hub comes
    *abridged*: per side and predicate, a bounded selection (the undated, the
    earliest and the latest claims) plus its last accepted claims; ``counts``
    says how many claims of each (side, predicate) the store holds, any status,
    so a reader can say "n of N" (or "n of more than N" past ``count_cap``).
    """

    claims: tuple[ClaimView, ...]
    counts: dict[tuple[str, str], int]
    abridged: bool = False
    #: counts stop at ``count_cap + 1``: such a count means "more than count_cap"
    count_cap: int | None = None
    #: the entity's rejected claims (as subject) that changed last, latest first, when asked for
    #: (``Store.claims_about(rejected=n)``); None when they were not read
    rejected: tuple[ClaimView, ...] | None = None

    @property
    def total(self) -> int:
        """Claims naming the entity (a lower bound when a count was capped)."""
        return sum(self.counts.values())

    @property
    def total_is_lower_bound(self) -> bool:
        return any(self.capped(n) for n in self.counts.values())

    def capped(self, n: int) -> bool:
        """Whether the count ``n`` stopped at the cap (the store holds more)."""
        return self.count_cap is not None and n > self.count_cap

    def count_text(self, n: int) -> str:
        """A count for a reader: "1,234", or "more than 1,000" when it stopped at the cap."""
        return f"more than {self.count_cap:,}" if self.capped(n) and self.count_cap else f"{n:,}"

    @property
    def total_text(self) -> str:
        """The total for a reader: "48", or "at least 20,020" when a count stopped at the cap."""
        return f"at least {self.total:,}" if self.total_is_lower_bound else f"{self.total:,}"
