"""Footnotes: every statement of a published product points at quoted evidence.

One footnote is one evidence span (document, offsets, quote). Two claims read
from the same span share a footnote; numbers are given in order of first
citation, so they ascend through a rendered document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from orbat.model.views import ClaimView, EvidenceView
from orbat.publish.text import date_noun


@dataclass(frozen=True)
class SourceInfo:
    """What a footnote says about a document beyond the evidence row."""

    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None


def source_label(x: Footnote | EvidenceView) -> str:
    """ "Title (document), authors, publisher, date, page" of a footnote or an evidence row."""
    parts = [x.title or x.document]
    if x.title and x.title != x.document:
        parts[0] = f"{x.title} ({x.document})"
    if x.authors:
        parts.append(", ".join(x.authors))
    if x.publisher:
        parts.append(x.publisher)
    if x.published:
        parts.append(date_noun(x.published))
    if x.page is not None:
        parts.append(f"p. {x.page}")
    return ", ".join(parts)


def grading(x: Footnote | EvidenceView) -> str:
    """ "kind; stance; reliability X" of a footnote or an evidence row."""
    bits = [x.source_kind.replace("_", " ")] if x.source_kind else []
    if x.stance:
        bits.append(x.stance)
    if x.reliability:
        bits.append(f"reliability {x.reliability}")
    return "; ".join(bits)


@dataclass(frozen=True)
class Footnote:
    number: int
    document: str
    quote: str
    start: int | None
    end: int | None
    page: int | None
    title: str | None
    publisher: str | None
    published: str | None
    source_kind: str
    stance: str | None
    reliability: str | None
    url: str | None
    authors: tuple[str, ...]
    claim_ids: tuple[str, ...]

    @property
    def source_label(self) -> str:
        """ "Title (document), publisher, date" without the quote."""
        return source_label(self)

    @property
    def grading(self) -> str:
        return grading(self)

    def text(self) -> str:
        """The footnote as plain text, quote included."""
        return f"{self.source_label}: “{self.quote}”" + (f" ({self.grading})" if self.grading else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "document": self.document,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "authors": list(self.authors),
            "source_kind": self.source_kind,
            "stance": self.stance,
            "reliability": self.reliability,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "claim_ids": list(self.claim_ids),
        }


@dataclass
class _Entry:
    number: int
    evidence: EvidenceView
    claim_ids: list[str] = field(default_factory=list)


class Citations:
    """Numbers evidence spans as they are cited."""

    def __init__(self, sources: Mapping[str, SourceInfo] | None = None) -> None:
        self._sources = dict(sources or {})
        self._entries: dict[tuple[str, int | None, int | None, str], _Entry] = {}

    def cite(self, claims: Iterable[ClaimView]) -> tuple[int, ...]:
        """Footnote numbers for the evidence of ``claims`` (sorted, without repeats)."""
        numbers: set[int] = set()
        for claim in claims:
            for ev in claim.evidence:
                key = (ev.document, ev.start, ev.end, ev.quote)
                entry = self._entries.get(key)
                if entry is None:
                    entry = _Entry(len(self._entries) + 1, ev)
                    self._entries[key] = entry
                if claim.id not in entry.claim_ids:
                    entry.claim_ids.append(claim.id)
                numbers.add(entry.number)
        return tuple(sorted(numbers))

    def cite_span(self, ev: EvidenceView, claim_ids: Iterable[str] = ()) -> int:
        """The footnote number of one evidence span that no claim carries (a name in use)."""
        key = (ev.document, ev.start, ev.end, ev.quote)
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(len(self._entries) + 1, ev)
            self._entries[key] = entry
        for cid in claim_ids:
            if cid not in entry.claim_ids:
                entry.claim_ids.append(cid)
        return entry.number

    def footnotes(self) -> list[Footnote]:
        out = []
        for entry in sorted(self._entries.values(), key=lambda e: e.number):
            ev = entry.evidence
            info = self._sources.get(ev.document)
            url, authors = (info.url, info.authors) if info is not None else (ev.url, ev.authors)
            out.append(
                Footnote(
                    number=entry.number,
                    document=ev.document,
                    quote=ev.quote,
                    start=ev.start,
                    end=ev.end,
                    page=ev.page,
                    title=ev.title,
                    publisher=ev.publisher,
                    published=ev.published,
                    source_kind=ev.source_kind,
                    stance=ev.stance,
                    reliability=ev.reliability,
                    url=url,
                    authors=authors,
                    claim_ids=tuple(entry.claim_ids),
                )
            )
        return out

    def __len__(self) -> int:
        return len(self._entries)


def source_infos(rows: Iterable[Any]) -> dict[str, SourceInfo]:
    """SourceInfo per document name from ``Store.list_documents()`` rows."""
    out: dict[str, SourceInfo] = {}
    for r in rows:
        out[str(r["name"])] = SourceInfo(
            url=r.get("url"),
            authors=tuple(r.get("authors") or ()),
            language=r.get("language"),
        )
    return out
