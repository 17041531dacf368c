"""Grouping claims per (entity, predicate) and classifying what the sources say.

``reconcile`` takes claims (``ClaimView``, as the store returns them) and
gives one ``ClaimGroup`` per (subject entity, predicate). Rejected claims are
left out; deprecated ones are kept but never chosen and never take part in a
conflict. Inside a group, equivalent values are clustered into
``ValueGroup``s (see ``orbat.reconcile.values``), each with its graded
sources, its number of independent sources and its credibility.

Classes of a group (``GroupClass``), several of which may apply at once:

- **agreement**: one value, two or more independent sources;
- **single**: one value, one source;
- **contradiction**: a functional predicate (founded, dissolved, named_after,
  died) with incompatible values; text values that differ only by an
  ordinal or number ("fifth imam" / "fourth imam"); for a series predicate
  (size, casualties, salary), different figures from different sources for
  the same time, or for no stated time, or a running total (casualties) that
  falls from an earlier figure to a later one from another claimant;
- **change_over_time**: a series whose differing values carry different
  dates, or relation values (a leader and his successor) whose start/end/as_of
  spans do not overlap;
- **doubted**: a claim in the group is disputed by its source; a disagreement
  with a disputed value is classed doubted rather than contradiction;
- **multiple**: a non-functional predicate with several values (operates_in
  several places): normal, not a conflict;
- **temporal**: a flag from ``temporal.after_death`` (a person dead and yet active).

The best value is the one with a preferred-ranked claim, else the most
credible (lowest credibility number), then the best source reliability, then
the most recent source (for a series: the figure for the latest date first);
it always comes first, followed by its rivals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from itertools import combinations

from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.reconcile.grading import (
    Source,
    SourceGrades,
    derive_credibility,
    hedge_credibility,
    reliability_rank,
    sources_of,
)
from orbat.reconcile.temporal import Span, TemporalIssue, after_death, claim_span, timeline
from orbat.reconcile.values import Value, cluster, compatible, ordinal_clash, value_of

#: series whose values are running totals: a later total cannot be lower
CUMULATIVE = frozenset({"casualties"})


class GroupClass(StrEnum):
    AGREEMENT = "agreement"
    SINGLE = "single"
    CONTRADICTION = "contradiction"
    CHANGE_OVER_TIME = "change_over_time"
    DOUBTED = "doubted"
    MULTIPLE = "multiple"
    TEMPORAL = "temporal"


CLASS_LABELS: dict[GroupClass, str] = {
    GroupClass.AGREEMENT: "agreement",
    GroupClass.SINGLE: "single source",
    GroupClass.CONTRADICTION: "contradiction",
    GroupClass.CHANGE_OVER_TIME: "change over time",
    GroupClass.DOUBTED: "doubted",
    GroupClass.MULTIPLE: "multiple values",
    GroupClass.TEMPORAL: "temporal conflict",
}

#: the order in which a group's main class is chosen among its classes
PRIORITY: tuple[GroupClass, ...] = (
    GroupClass.CONTRADICTION,
    GroupClass.DOUBTED,
    GroupClass.TEMPORAL,
    GroupClass.CHANGE_OVER_TIME,
    GroupClass.MULTIPLE,
    GroupClass.AGREEMENT,
    GroupClass.SINGLE,
)

#: the classes an analyst must look at
CONFLICT_CLASSES = frozenset({GroupClass.CONTRADICTION, GroupClass.DOUBTED, GroupClass.TEMPORAL})


@dataclass(frozen=True)
class GradedClaim:
    """A claim with its graded sources, when it holds and its credibility (1-6)."""

    claim: ClaimView
    sources: tuple[Source, ...]
    span: Span
    credibility: int
    overridden: bool  # the credibility is the analyst's, not derived

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(s.key for s in self.sources)

    @property
    def hedge(self) -> str:
        return self.claim.qualifiers.hedge


@dataclass(frozen=True)
class ValueGroup:
    """Claims that say the same value, with their sources and the value's credibility."""

    value: Value
    claims: tuple[GradedClaim, ...]
    sources: tuple[Source, ...]  # one per independent source, best graded first
    independent: int  # independent sources that support the value (do not doubt it)
    credibility: int
    reliability: str  # the best reliability among the supporting sources (F when none)
    preferred: bool  # an analyst ranked one of its claims preferred
    deprecated: bool  # every claim in it is deprecated
    disputed: bool  # a source disputes it (hedge doubted)
    latest_source: str | None  # the most recent publication date among its sources
    latest_date: str | None = None  # the latest day its dated claims refer to (as_of, start, end)

    @property
    def display(self) -> str:
        return self.value.display

    @property
    def support(self) -> GroupClass:
        """agreement (two or more independent sources) or single."""
        return GroupClass.AGREEMENT if self.independent >= 2 else GroupClass.SINGLE

    @property
    def dated(self) -> list[GradedClaim]:
        return [c for c in self.claims if c.span.known and c.claim.rank != "deprecated"]


@dataclass(frozen=True)
class Conflict:
    """Why two value groups of one property disagree (or form a series)."""

    kind: GroupClass
    a: ValueGroup
    b: ValueGroup
    reason: str


@dataclass(frozen=True)
class ClaimGroup:
    """Everything claimed for one (entity, predicate), reconciled."""

    subject: str | None
    subject_name: str | None
    predicate: str
    values: tuple[ValueGroup, ...]  # best first, then rivals
    classes: frozenset[GroupClass]
    kind: GroupClass  # the main class, by PRIORITY
    conflicts: tuple[Conflict, ...] = ()
    issues: tuple[TemporalIssue, ...] = ()

    @property
    def best(self) -> ValueGroup | None:
        if self.values and not self.values[0].deprecated:
            return self.values[0]
        return None

    @property
    def rivals(self) -> tuple[ValueGroup, ...]:
        best = self.best
        return tuple(v for v in self.values if v is not best)

    @property
    def claims(self) -> list[GradedClaim]:
        return [c for v in self.values for c in v.claims]

    @property
    def sources(self) -> list[Source]:
        seen: dict[str, Source] = {}
        for v in self.values:
            for s in v.sources:
                seen.setdefault(s.key, s)
        return list(seen.values())

    @property
    def is_conflict(self) -> bool:
        return bool(self.classes & CONFLICT_CLASSES)

    def series(self) -> list[GradedClaim]:
        """The group's claims in time order (undated last): a size or casualty series."""
        by_id = {c.id: c for c in self.claims}
        return [by_id[e.claim.id] for e in timeline(c.claim for c in self.claims)]


#: groups already built from the same claims with the same grades (``reconcile``'s ``memo``), keyed by
#: (subject, predicate, the claims' ids in order)
GroupMemo = dict[tuple[str | None, str, tuple[str, ...]], "ClaimGroup"]


def reconcile(
    claims: Sequence[ClaimView], grades: SourceGrades | None = None, *, memo: GroupMemo | None = None
) -> list[ClaimGroup]:
    """Group claims per (subject, predicate), grade their sources and classify each group.

    ``memo``: groups built earlier from the very same claims (``ClaimView``s are immutable) and the
    same ``grades``, reused rather than rebuilt, and the groups built now added to it; for one
    page that reconciles a property for its prose and again for its claims table. Issues of
    ``temporal.after_death`` are worked out across ``claims`` each time, never memoised."""
    grades = grades or SourceGrades()
    buckets: dict[tuple[str | None, str], list[ClaimView]] = {}
    for c in claims:
        if c.status == "rejected":
            continue
        buckets.setdefault((c.subject, c.predicate), []).append(c)
    issues = after_death([c for c in claims if c.status != "rejected"])
    issues_by_claim: dict[str, list[TemporalIssue]] = {}
    for issue in issues:
        issues_by_claim.setdefault(issue.active.id, []).append(issue)
    groups = []
    for (subject, predicate), members in buckets.items():
        if memo is None:
            group = _group(subject, predicate, members, grades)
        else:
            key = (subject, predicate, tuple(sorted(c.id for c in members)))
            group = memo.get(key) or memo.setdefault(key, _group(subject, predicate, members, grades))
        found = tuple(i for c in members for i in issues_by_claim.get(c.id, ()))
        if found:
            classes = group.classes | {GroupClass.TEMPORAL}
            group = replace(group, issues=found, classes=classes, kind=_main_class(classes))
        groups.append(group)
    groups.sort(key=lambda g: ((g.subject_name or g.subject or "").casefold(), g.subject or "", g.predicate))
    return groups


def conflicts(groups: Iterable[ClaimGroup]) -> list[ClaimGroup]:
    """The groups an analyst must look at: contradictions, doubted values, temporal flags."""
    return [g for g in groups if g.is_conflict]


# -- building one group ----------------------------------------------------


def _member_order(c: ClaimView) -> tuple[str, str]:
    return (c.sort_date or "9999", c.id)


def _group(subject: str | None, predicate: str, members: list[ClaimView], grades: SourceGrades) -> ClaimGroup:
    pred = VOCABULARY.predicates.get(predicate)
    series = bool(pred and pred.series)
    members = sorted(members, key=_member_order)
    sources = {c.id: sources_of(c, grades) for c in members}
    # each claim's value, parsed once (clustering, then the pairs of values, compare them)
    plain = {id(c): value_of(c) for c in members}
    faceted = {id(c): _with_facet(plain[id(c)], c.qualifiers.kind) for c in members} if series else plain

    def value(c: ClaimView) -> Value:
        return faceted[id(c)]

    values = [_value_group(value(cs[0]), cs, sources) for cs in cluster(members, value)]
    values.sort(key=lambda v: _best_key(v, series))
    classes, found = _classify(predicate, values, plain)
    return ClaimGroup(
        subject=subject,
        subject_name=members[0].subject_name,
        predicate=predicate,
        values=tuple(values),
        classes=frozenset(classes),
        kind=_main_class(classes),
        conflicts=tuple(found),
    )


def _with_facet(v: Value, facet: str | None) -> Value:
    """``v`` with this facet (``v`` itself when it has it already)."""
    return v if v.facet == facet else replace(v, facet=facet)


def _value_group(value: Value, claims: list[ClaimView], sources: dict[str, tuple[Source, ...]]) -> ValueGroup:
    live = [c for c in claims if c.rank != "deprecated"]
    deprecated = not live
    considered = live or claims
    supporting: list[ClaimView] = []
    disputed = False
    overrides: list[int] = []
    for c in considered:
        hedge = c.qualifiers.hedge
        if hedge == "doubted":
            disputed = True
        elif sources[c.id]:
            supporting.append(c)
        if c.credibility is not None:
            overrides.append(c.credibility)
    support_sources = [s for c in supporting for s in sources[c.id]]
    keys = {s.key for s in support_sources}
    independent = len(keys)
    uncertain_only = bool(supporting) and all(c.qualifiers.hedge == "uncertain" for c in supporting)
    affiliated_only = independent == 1 and all(s.stance == "affiliated" for s in support_sources)
    derived = derive_credibility(
        independent, affiliated_only=affiliated_only, uncertain_only=uncertain_only, disputed=disputed
    )
    credibility = min(overrides) if overrides else derived

    graded = []
    held = []
    for c in claims:
        if c.credibility is not None:
            cred, overridden = c.credibility, True
        else:
            own = hedge_credibility(c)
            cred, overridden = (own if own is not None else derived), False
        span = claim_span(c)
        graded.append(GradedClaim(c, sources[c.id], span, cred, overridden))
        if span.known and c.rank != "deprecated":
            held.append(span.latest or span.earliest or "")

    all_sources = [s for c in claims for s in sources[c.id]]
    best_by_key: dict[str, Source] = {}
    for s in sorted(support_sources + all_sources, key=_source_rank):
        best_by_key.setdefault(s.key, s)
    pool = support_sources or all_sources
    reliability = min((s.reliability for s in pool), key=reliability_rank, default="F")
    dates = [s.published for s in pool if s.published]
    return ValueGroup(
        value=value,
        claims=tuple(graded),
        sources=tuple(best_by_key.values()),
        independent=independent,
        credibility=credibility,
        reliability=reliability,
        preferred=any(c.rank == "preferred" for c in live),
        deprecated=deprecated,
        disputed=disputed,
        latest_source=max(dates) if dates else None,
        latest_date=max(held) if held else None,
    )


def _source_rank(s: Source) -> int:
    return reliability_rank(s.reliability)


def _recency(published: str | None) -> int:
    """Days since year 1 of a publication date, negated for sorting (most recent first)."""
    if not published:
        return 1
    try:
        return -date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        try:
            return -date(int(published[:4]), 12, 31).toordinal()
        except ValueError:
            return 1


def _best_key(v: ValueGroup, series: bool = False) -> tuple[bool, bool, int, int, int, int, str]:
    """Preferred first, then credibility, source reliability and recency.

    For a series (size, casualties) the most recent figure is the one that
    refers to the latest date; otherwise, and on ties, the most recent source.
    """
    return (
        v.deprecated,
        not v.preferred,
        v.credibility,
        reliability_rank(v.reliability),
        _recency(v.latest_date) if series else 0,
        _recency(v.latest_source),
        v.display.casefold(),
    )


def _main_class(classes: Iterable[GroupClass]) -> GroupClass:
    present = set(classes)
    for c in PRIORITY:
        if c in present:
            return c
    return GroupClass.SINGLE


# -- classification ----------------------------------------------------------


def _classify(
    predicate: str, values: list[ValueGroup], plain: dict[int, Value] | None = None
) -> tuple[set[GroupClass], list[Conflict]]:
    """``plain``: the claims' values (``value_of``) by ``id()`` of the claim, when already parsed."""
    plain = plain if plain is not None else {}
    pred = VOCABULARY.predicates.get(predicate)
    functional = bool(pred and pred.functional)
    series = bool(pred and pred.series)
    active = [v for v in values if not v.deprecated]
    classes: set[GroupClass] = set()
    found: list[Conflict] = []
    if any(v.disputed for v in active):
        classes.add(GroupClass.DOUBTED)
    if len(active) <= 1:
        if active:
            classes.add(active[0].support)
        return classes, found
    unrelated = False  # a pair of values that neither conflict nor follow each other
    aux = _Aux(plain, active)
    for a, b in combinations(active, 2):
        if functional:
            pair = _functional_pair(a, b, aux)
        elif series:
            pair = _series_pair(predicate, a, b, aux)
        else:
            pair = _relation_pair(a, b, aux)
        found.extend(pair)
        classes.update(c.kind for c in pair)
        unrelated = unrelated or not pair
    if unrelated and not functional:
        classes.add(GroupClass.MULTIPLE)  # several values, side by side
    return classes, found


class _Aux:
    """What the pairs of a group's values ask for again and again, worked out once: each value's live
    (not deprecated) and dated claims, and each claim's parsed value (``plain``, by ``id()`` of the
    claim)."""

    def __init__(self, plain: dict[int, Value] | None = None, values: Iterable[ValueGroup] = ()) -> None:
        self.plain = plain if plain is not None else {}
        self._live: dict[int, tuple[GradedClaim, ...]] = {}
        self._dated: dict[int, tuple[GradedClaim, ...]] = {}
        self._values: dict[int, tuple[Value, ...]] = {}
        for v in values:
            self._add(v)

    def _add(self, v: ValueGroup) -> None:
        live = tuple(c for c in v.claims if c.claim.rank != "deprecated")
        self._live[id(v)] = live
        self._dated[id(v)] = tuple(c for c in live if c.span.known)

    def live(self, v: ValueGroup) -> tuple[GradedClaim, ...]:
        if id(v) not in self._live:
            self._add(v)
        return self._live[id(v)]

    def dated(self, v: ValueGroup) -> tuple[GradedClaim, ...]:
        if id(v) not in self._dated:
            self._add(v)
        return self._dated[id(v)]

    def distinct_values(self, v: ValueGroup) -> tuple[Value, ...]:
        """The distinct values of the group's live claims, in the group's facet (claims that say
        the same thing are compared once)."""
        found = self._values.get(id(v))
        if found is None:
            found = self._values[id(v)] = tuple(dict.fromkeys(self.value(c, v) for c in self.live(v)))
        return found

    def value(self, c: GradedClaim, group: ValueGroup) -> Value:
        """The claim's value, in the group's facet."""
        v = self.plain.get(id(c.claim))
        return _with_facet(v if v is not None else value_of(c.claim), group.value.facet)


def _disagreement(a: ValueGroup, b: ValueGroup, reason: str) -> Conflict:
    """A contradiction, or a doubted disagreement when a source disputes one side."""
    if a.disputed or b.disputed:
        side = a if a.disputed else b
        return Conflict(GroupClass.DOUBTED, a, b, f"{reason}; {side.display} is disputed by a source")
    return Conflict(GroupClass.CONTRADICTION, a, b, reason)


def _incompatible(a: ValueGroup, b: ValueGroup, aux: _Aux | None = None) -> bool:
    """Some claim of ``a`` and some claim of ``b`` cannot be the same value."""
    aux = aux if aux is not None else _Aux()
    va, vb = aux.distinct_values(a), aux.distinct_values(b)
    return any(not compatible(x, y) for x in va for y in vb)


def _ordinal(a: ValueGroup, b: ValueGroup) -> bool:
    return a.value.kind == "text" and b.value.kind == "text" and ordinal_clash(a.display, b.display)


def _functional_pair(a: ValueGroup, b: ValueGroup, aux: _Aux | None = None) -> list[Conflict]:
    if not _incompatible(a, b, aux):
        return []
    return [_disagreement(a, b, f"one value only, and {a.display} ≠ {b.display}")]


def _relation_pair(a: ValueGroup, b: ValueGroup, aux: _Aux | None = None) -> list[Conflict]:
    if _ordinal(a, b):
        return [_disagreement(a, b, f"{a.display!r} and {b.display!r} differ only by a number")]
    aux = aux if aux is not None else _Aux()
    da, db = aux.dated(a), aux.dated(b)
    fully_dated = len(da) == len(aux.live(a)) and len(db) == len(aux.live(b))
    if (
        da
        and db
        and fully_dated
        and all(x.span.before(y.span) or y.span.before(x.span) for x in da for y in db)
    ):
        first, second = (a, b) if da[0].span.sort_key() <= db[0].span.sort_key() else (b, a)
        return [
            Conflict(
                GroupClass.CHANGE_OVER_TIME,
                first,
                second,
                f"{first.display} then {second.display}: their periods do not overlap",
            )
        ]
    return []


def _distinct(x: GradedClaim, y: GradedClaim) -> bool:
    """Two claims from different sources (a source does not contradict itself)."""
    return not (x.keys and x.keys == y.keys)


def _series_pair(predicate: str, a: ValueGroup, b: ValueGroup, aux: _Aux | None = None) -> list[Conflict]:
    if _ordinal(a, b):
        return [_disagreement(a, b, f"{a.display!r} and {b.display!r} differ only by a number")]
    fa, fb = a.value.facet, b.value.facet
    if fa and fb and fa.casefold() != fb.casefold():
        return []  # killed and wounded are two series
    aux = aux if aux is not None else _Aux()
    if not _incompatible(a, b, aux):
        return []
    live_a, live_b = aux.live(a), aux.live(b)
    da, db = aux.dated(a), aux.dated(b)
    if not da or not db:
        if any(_distinct(x, y) for x in live_a for y in live_b):
            undated = a if not da else b
            return [_disagreement(a, b, f"{undated.display} has no date to place it in the series")]
        return []
    if any(x.span.overlaps(y.span) and _distinct(x, y) for x in da for y in db):
        return [_disagreement(a, b, f"{a.display} and {b.display} for the same time from different sources")]
    if any(x.span.overlaps(y.span) for x in da for y in db):
        return []  # one source's two figures for one time: two measures, not a series
    first, second = (a, b) if da[0].span.sort_key() <= db[0].span.sort_key() else (b, a)
    out = [
        Conflict(
            GroupClass.CHANGE_OVER_TIME,
            first,
            second,
            f"{first.display} then {second.display}: values at different dates",
        )
    ]
    if predicate in CUMULATIVE:
        fall = _falling_total(a, b, aux) or _falling_total(b, a, aux)
        if fall:
            out.append(_disagreement(a, b, fall))
    return out


def _falling_total(a: ValueGroup, b: ValueGroup, aux: _Aux | None = None) -> str | None:
    """A running total from one claimant that a later, lower total from another contradicts."""
    qa, qb = a.value.quantity, b.value.quantity
    if qa is None or qb is None or qb.high >= qa.low:
        return None
    aux = aux if aux is not None else _Aux()
    for x in aux.dated(a):
        for y in aux.dated(b):
            totals = x.claim.qualifiers.as_of and y.claim.qualifiers.as_of
            plain = not (x.claim.qualifiers.start or x.claim.qualifiers.end) and not (
                y.claim.qualifiers.start or y.claim.qualifiers.end
            )
            if totals and plain and _distinct(x, y) and x.span.before(y.span):
                return (
                    f"a running total cannot fall: {a.display} as of {x.claim.qualifiers.as_of}, "
                    f"then {b.display} as of {y.claim.qualifiers.as_of}"
                )
    return None


__all__ = [
    "CLASS_LABELS",
    "CONFLICT_CLASSES",
    "CUMULATIVE",
    "PRIORITY",
    "ClaimGroup",
    "Conflict",
    "GradedClaim",
    "GroupClass",
    "ValueGroup",
    "conflicts",
    "reconcile",
]
