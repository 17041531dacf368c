"""An entity's names, each with the evidence that it is used, and its English meaning."""

from __future__ import annotations

from dataclasses import dataclass, replace

from orbat.model.records import script_of
from orbat.model.views import ClaimView, EvidenceView
from orbat.publish.context import EntityContext
from orbat.publish.text import english_meaning

# Predicates whose quotes are most likely to show a name being used, tried first.
_PREFERRED = ("alias", "group_type", "founded", "leader", "part_of")


@dataclass(frozen=True)
class NameEntry:
    name: str
    script: str  # Latn, Arab or Zyyy
    meaning: str | None  # "the Baqir Brigade"
    notes: tuple[int, ...]
    claim_ids: tuple[str, ...]
    canonical: bool
    unreviewed: bool
    from_alias_claim: bool

    @property
    def arabic(self) -> bool:
        return self.script == "Arab"


def _contains(quote: str, name: str) -> bool:
    if script_of(name) == "Arab":
        return name in quote
    return name.casefold() in quote.casefold()


def _evidence_for(
    name: str, aliases: list[ClaimView], claims: list[ClaimView]
) -> tuple[list[ClaimView], bool]:
    folded = name.casefold().strip()
    direct = [c for c in aliases if (c.object_text or "").casefold().strip() == folded]
    if direct:
        return direct, True
    quoted = [c for c in claims if any(_contains(ev.quote, name) for ev in c.evidence)]
    quoted.sort(key=lambda c: _PREFERRED.index(c.predicate) if c.predicate in _PREFERRED else 99)
    # two sources are enough to show a name in use
    seen_docs: list[str] = []
    chosen: list[ClaimView] = []
    for c in quoted:
        doc = c.evidence[0].document if c.evidence else ""
        if doc in seen_docs:
            continue
        seen_docs.append(doc)
        chosen.append(c)
        if len(chosen) == 2:
            break
    return chosen, False


def _sentence_span(text: str, at: int, length: int, limit: int = 240) -> tuple[int, int]:
    """The sentence around ``text[at:at+length]`` (at most ``limit`` characters either side)."""
    lo = max(0, at - limit)
    start = lo
    for stop in (". ", "\n", "? ", "! "):
        i = text.rfind(stop, lo, at)
        if i >= 0:
            start = max(start, i + len(stop))
    hi = min(len(text), at + length + limit)
    end = hi
    for stop in (". ", "\n", "? ", "! "):
        i = text.find(stop, at + length, hi)
        if i >= 0:
            end = min(end, i + 1)
    while start < at and text[start].isspace():
        start += 1
    while end > at + length and text[end - 1].isspace():
        end -= 1
    return start, end


def _find(text: str, name: str) -> int:
    if script_of(name) == "Arab":
        return text.find(name)
    return text.casefold().find(name.casefold())


#: documents searched for a sentence using a name that no claim quotes (a hub cites hundreds)
NAME_SEARCH_DOCUMENTS = 20


def _document_spans(ctx: EntityContext, name: str) -> list[EvidenceView]:
    """Sentences of the entity's documents that use ``name``: evidence that it is a name in use."""
    seen: dict[str, EvidenceView] = {}
    for c in ctx.claims:
        for ev in c.evidence:
            seen.setdefault(ev.document, ev)
    out = []
    for doc, sample in list(seen.items())[:NAME_SEARCH_DOCUMENTS]:
        text = ctx.document_text(doc)
        if not text or len(text) != len(text.casefold()):
            continue
        at = _find(text, name)
        if at < 0:
            continue
        start, end = _sentence_span(text, at, len(name))
        out.append(replace(sample, start=start, end=end, quote=text[start:end], page=None))
        break
    return out


def name_entries(ctx: EntityContext) -> list[NameEntry]:
    """Canonical name first, then Latin-script aliases, then Arabic-script ones; each footnoted.

    Computed once per context (the profile and its infobox both ask); each call marks the alias
    claims as used."""
    aliases = ctx.forward("alias")
    ctx.used.update(c.id for c in aliases)
    if ctx.name_entries is None:
        ctx.name_entries = _name_entries(ctx, aliases)
    return list(ctx.name_entries)


def _name_entries(ctx: EntityContext, aliases: list[ClaimView]) -> list[NameEntry]:
    e = ctx.entity
    names = list(e.names)
    for c in aliases:
        text = (c.object_text or "").strip()
        if text and text.casefold() not in {n.casefold() for n in names}:
            names.append(text)
    out: list[NameEntry] = []
    for i, name in enumerate(names):
        evidence, direct = _evidence_for(name, aliases, ctx.claims)
        notes = ctx.cites.cite(evidence)
        if not notes:
            notes = tuple(ctx.cites.cite_span(ev) for ev in _document_spans(ctx, name))
        out.append(
            NameEntry(
                name=name,
                script=script_of(name),
                meaning=english_meaning(name),
                notes=notes,
                claim_ids=tuple(c.id for c in evidence),
                canonical=i == 0,
                unreviewed=bool(evidence) and not any(c.status == "accepted" for c in evidence),
                from_alias_claim=direct,
            )
        )
    canonical, rest = out[:1], out[1:]
    rest.sort(key=lambda n: (n.script == "Arab", 0))
    return canonical + rest


def meaning_of(entries: list[NameEntry]) -> str | None:
    """The English meaning to show with the title: of the name itself, else of a transliteration."""
    for n in entries:
        if n.meaning:
            return n.meaning
    return None
