"""Sourced profiles of armed groups and people, in the Militia Spotlight layout.

``build_profile(store, ref)`` reads the entity and every non-rejected claim
about it (as subject or as object) and writes it up as sections of
sentences, each sentence footnoted to the exact quotes it rests on:

armed groups
    Name (English meaning, every alias with a footnote, Arabic-script names),
    Type of movement, History and milestones (dated, in order), Objectives,
    Chain of command (leaders, members, founders, the part-of chain upward,
    organising and advising backers), Affiliate relationships (allies, other
    backers, opponents, groups it supports), Subordinate relationships
    (units that are part of it or that it founded), Places (headquarters,
    areas of operation, facilities and where they lie), other claims.
people
    Name, Positions, Affiliations, Relatives, Meetings, Life and death,
    Allegations, other claims.
other entities
    Name, Facts, Relations.

Hedges are words ("according to ...", "reportedly", "possibly", "... but
the source disputes this"); contradictions are stated ("Sources disagree on
..."); proposed (unreviewed) claims are marked; rejected claims never show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.publish.citations import Footnote
from orbat.publish.context import EntityContext, entity_objects
from orbat.publish.facts import FactGroup, fact_group
from orbat.publish.infobox import Infobox, build_infobox
from orbat.publish.names import NameEntry, name_entries
from orbat.publish.prose import Statement, dated_key, statements_for
from orbat.publish.text import bounds, date_noun
from orbat.store import Store

# supported_by kinds that say who directs a group (chain of command); the
# others (training, weapons, funding, salaries) are affiliations.
DIRECTING_KINDS = frozenset({"organization", "advising"})
#: the predicates that place an armed group
PLACE_PREDICATES = ("headquarters", "operates_in", "facility")
#: how far up its chain of command (part_of) a group's parents are written up
PARENT_LEVELS = 3


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    statements: tuple[Statement, ...]
    intro: str | None = None


@dataclass(frozen=True)
class Profile:
    entity_id: str
    name: str
    type: str
    type_label: str
    meaning: str | None
    names: tuple[NameEntry, ...]
    infobox: Infobox
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    latest_evidence: str | None
    generated: str
    claims: int
    documents: int
    unreviewed: int = 0
    statements: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    #: when the entity is a hub, the profile draws on a bounded selection of its claims
    #: (``Store.claims_about``); this is how many claims name it in the store, any status (at least
    #: that many when ``abridged_from_lower_bound``: counts stop at a cap)
    abridged_from: int | None = None
    abridged_from_lower_bound: bool = False

    @property
    def abridged_from_text(self) -> str:
        """ "48", or "at least 20,020" when counts stopped at their cap."""
        n = f"{self.abridged_from or 0:,}"
        return f"at least {n}" if self.abridged_from_lower_bound else n

    @property
    def arabic_names(self) -> list[NameEntry]:
        return [n for n in self.names if n.arabic]

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity_id,
            "name": self.name,
            "type": self.type,
            "meaning": self.meaning,
            "names": [
                {"name": n.name, "script": n.script, "meaning": n.meaning, "notes": list(n.notes)}
                for n in self.names
            ],
            "infobox": self.infobox.to_json(),
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "statements": [
                        {
                            "text": st.plain(),
                            "notes": list(st.notes),
                            "claim_ids": list(st.claim_ids),
                            "class": st.cls,
                            "unreviewed": st.unreviewed,
                            "date": st.date,
                        }
                        for st in s.statements
                    ],
                }
                for s in self.sections
            ],
            "footnotes": [f.to_json() for f in self.footnotes],
            "latest_evidence": self.latest_evidence,
            "generated": self.generated,
            "claims": self.claims,
            "documents": self.documents,
            "abridged_from": self.abridged_from,
            "abridged_from_lower_bound": self.abridged_from_lower_bound,
        }


class _Writer:
    """Accumulates the statements of one section."""

    def __init__(self, ctx: EntityContext) -> None:
        self.ctx = ctx
        self.items: list[Statement] = []

    def add(
        self, predicate: str, *, inverse: bool = False, where: Callable[[ClaimView], bool] | None = None
    ) -> FactGroup | None:
        fact = self.ctx.fact(predicate, inverse=inverse, where=where)
        if fact is not None:
            self.items.extend(statements_for(fact, self.ctx.name, self.ctx.cites, self.ctx.names))
        return fact

    def add_other(self, subject_name: str, claims: list[ClaimView], predicate: str) -> None:
        if claims:
            fact = fact_group(predicate, claims, grades=self.ctx.grades, memo=self.ctx.memo)
            self.items.extend(statements_for(fact, subject_name, self.ctx.cites, self.ctx.names))

    def section(self, key: str, title: str, *, by_date: bool = False) -> Section | None:
        if not self.items:
            return None
        items = sorted(self.items, key=dated_key) if by_date else self.items
        return Section(key, title, tuple(items))


def _supported_directing(c: ClaimView) -> bool:
    return (c.qualifiers.kind or "") in DIRECTING_KINDS


def _places(ctx: EntityContext) -> list[str]:
    """The places the entity is said to be based, active or hold facilities in (in that order)."""
    places: list[str] = []
    for pred in PLACE_PREDICATES:
        fact = ctx.fact(pred)
        if fact is not None:
            places.extend(p for p in entity_objects(fact.claims) if p not in places)
    return places


def _armed_group_sections(ctx: EntityContext) -> list[Section | None]:
    sections: list[Section | None] = []
    # the claims of other entities the layout cites (the parents' own parents up the chain of command,
    # where the places lie), read ahead in one query
    parents = ctx.fact("part_of")
    first = [p for p in entity_objects(parents.claims) if p != ctx.entity.id] if parents is not None else []
    ctx.prefetch_others(
        [(first, "part_of"), (_places(ctx), "located_in")], follow={"part_of": PARENT_LEVELS - 1}
    )

    w = _Writer(ctx)
    w.add("named_after")
    sections.append(w.section("name", "Name"))

    w = _Writer(ctx)
    w.add("group_type")
    w.add("composition")
    w.add("salary")
    sections.append(w.section("type", "Type of movement"))

    w = _Writer(ctx)
    for pred in ("founded", "dissolved", "participated_in", "size", "casualties", "accused_of"):
        w.add(pred)
    sections.append(w.section("history", "History and milestones", by_date=True))

    w = _Writer(ctx)
    w.add("ideology")
    w.add("activity")
    w.add("endorsed")
    sections.append(w.section("objectives", "Objectives"))

    w = _Writer(ctx)
    w.add("leader")
    w.add("member")
    w.add("founded_by")
    w.add("supported_by", where=_supported_directing)
    parents = w.add("part_of")
    if parents is not None:
        seen = {ctx.entity.id}
        frontier = entity_objects(parents.claims)
        for _depth in range(PARENT_LEVELS):
            nxt: list[str] = []
            todo = [pid for pid in dict.fromkeys(frontier) if pid not in seen]
            seen.update(todo)
            for pid, up in ctx.others_claims(todo, "part_of").items():
                w.add_other(ctx.names.get(pid, pid), up, "part_of")
                nxt.extend(entity_objects(up))
            frontier = nxt
    sections.append(w.section("command", "Chain of command"))

    w = _Writer(ctx)
    w.add("allied_with")
    w.add("allied_with", inverse=True)
    w.add("supported_by", where=lambda c: not _supported_directing(c))
    w.add("supported_by", inverse=True)
    w.add("opposed")
    w.add("opposed", inverse=True)
    sections.append(w.section("affiliates", "Affiliate relationships"))

    w = _Writer(ctx)
    w.add("part_of", inverse=True)
    w.add("founded_by", inverse=True)
    sections.append(w.section("subordinates", "Subordinate relationships"))

    w = _Writer(ctx)
    for pred in PLACE_PREDICATES:
        w.add(pred)
    for pid, located in ctx.others_claims(_places(ctx), "located_in").items():
        w.add_other(ctx.names.get(pid, pid), located, "located_in")
    sections.append(w.section("places", "Places"))
    return sections


def _person_sections(ctx: EntityContext) -> list[Section | None]:
    sections: list[Section | None] = []
    w = _Writer(ctx)
    w.add("position")
    w.add("leader", inverse=True)
    sections.append(w.section("positions", "Positions"))

    w = _Writer(ctx)
    w.add("member", inverse=True)
    w.add("founded_by", inverse=True)
    w.add("supported_by", inverse=True)
    w.add("endorsed", inverse=True)
    w.add("named_after", inverse=True)
    sections.append(w.section("affiliations", "Affiliations"))

    w = _Writer(ctx)
    w.add("relative_of")
    w.add("relative_of", inverse=True)
    sections.append(w.section("relatives", "Relatives"))

    w = _Writer(ctx)
    w.add("met_with")
    w.add("met_with", inverse=True)
    sections.append(w.section("meetings", "Meetings"))

    w = _Writer(ctx)
    w.add("died")
    sections.append(w.section("death", "Death", by_date=True))

    w = _Writer(ctx)
    w.add("accused_of")
    sections.append(w.section("allegations", "Allegations", by_date=True))
    return sections


def _generic_sections(ctx: EntityContext) -> list[Section | None]:
    w = _Writer(ctx)
    for pred in VOCABULARY.predicates:
        if pred != "alias":
            w.add(pred)
    facts = w.section("facts", "Facts")
    w = _Writer(ctx)
    for pred in VOCABULARY.predicates:
        w.add(pred, inverse=True)
    return [facts, w.section("relations", "Relations")]


def _other_section(ctx: EntityContext) -> Section | None:
    """Whatever the layout did not place, so that no claim is silently left out."""
    left = ctx.unused()
    if not left:
        return None
    left_ids = {c.id for c in left}
    w = _Writer(ctx)
    for pred in VOCABULARY.predicates:
        if any(c.predicate == pred and c.subject == ctx.entity.id for c in left):
            w.add(pred, where=lambda c: c.id in left_ids)
        if any(c.predicate == pred and c.subject != ctx.entity.id for c in left):
            w.add(pred, inverse=True, where=lambda c: c.id in left_ids)
    return w.section("other", "Other claims")


def _latest(footnotes: list[Footnote]) -> str | None:
    best: str | None = None
    best_key = ""
    for f in footnotes:
        if not f.published:
            continue
        lo, hi = bounds(f.published)
        key = hi or lo or ""
        if key > best_key:
            best, best_key = f.published, key
    return best


def build_profile(
    store: Store, ref: str, *, generated: str | None = None, ctx: EntityContext | None = None
) -> Profile:
    """The sourced profile of the entity ``ref`` (id, name or alias); ``ctx``: its claims, already read.
    Everything it reads goes through one connection (``Store.read_session``)."""
    with store.read_session():
        return _build_profile(store, ref, generated, ctx)


def _build_profile(store: Store, ref: str, generated: str | None, ctx: EntityContext | None) -> Profile:
    ctx = ctx if ctx is not None else EntityContext.load(store, ref)
    e = ctx.entity
    names = name_entries(ctx)
    box = build_infobox(ctx)
    names = name_entries(ctx)  # marks alias claims as used again after the infobox
    if e.type == "armed_group":
        sections = _armed_group_sections(ctx)
    elif e.type == "person":
        sections = _person_sections(ctx)
    else:
        sections = _generic_sections(ctx)
    sections.append(_other_section(ctx))
    kept = tuple(s for s in sections if s is not None)
    footnotes = ctx.cites.footnotes()
    statements = [st for s in kept for st in s.statements]
    meaning = names[0].meaning if names else None
    return Profile(
        entity_id=e.id,
        name=e.name,
        type=e.type,
        type_label=VOCABULARY.entity_types[e.type].label,
        meaning=meaning,
        names=tuple(names),
        infobox=box,
        sections=kept,
        footnotes=tuple(footnotes),
        latest_evidence=_latest(footnotes),
        generated=generated or datetime.now(UTC).date().isoformat(),
        claims=len(ctx.claims),
        documents=len({f.document for f in footnotes}),
        unreviewed=sum(1 for st in statements if st.unreviewed),
        statements=len(statements),
        abridged_from=ctx.sample.total if ctx.abridged and ctx.sample is not None else None,
        abridged_from_lower_bound=ctx.sample is not None and ctx.sample.total_is_lower_bound,
    )


def latest_evidence_words(profile: Profile) -> str:
    return date_noun(profile.latest_evidence) if profile.latest_evidence else "unknown"
