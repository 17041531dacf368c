"""Grouping claims for publication: same value → one statement; different values → a class.

For one entity and one predicate (in one direction) the claims are grouped
by value (``ValueGroup``: the same object, and for series the same date and
kind). The groups are then classified by ``orbat.reconcile`` (single,
agreement, contradiction, change over time, doubted, multiple, temporal)
when the claims share one subject; claims about the entity from several
subjects (an inverse reading: the units that are part of it) fall back on a
small local rule set (functional predicates with incompatible values
contradict; series values at one date that differ contradict, as does a
count of dead that falls over time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.publish.text import (
    bounds,
    overlaps,
    precision_rank,
    quantities_agree,
    quantity_of,
    sort_key,
)
from orbat.reconcile import ClaimGroup, GroupClass, GroupMemo, SourceGrades, reconcile

HEDGE_ORDER = ("asserted", "reported", "uncertain", "doubted")

SINGLE = "single"
AGREEMENT = "agreement"
CONTRADICTION = "contradiction"
CHANGE = "change over time"
DOUBTED = "doubted"
MULTIPLE = "multiple"
TEMPORAL = "temporal conflict"
CLASSES = (SINGLE, AGREEMENT, CONTRADICTION, CHANGE, DOUBTED, MULTIPLE, TEMPORAL)


def _q_count(c: ClaimView) -> int:
    q = c.qualifiers
    return bool(q.start) + bool(q.end) + bool(q.as_of) + bool(q.role) + bool(q.kind)


def claim_date(c: ClaimView) -> str | None:
    """The date a claim is about: its date object, else start, as_of or end."""
    if c.object_kind == "date" and c.object_value:
        value = c.object_value.get("date")
        if isinstance(value, str):
            return value
    q = c.qualifiers
    return q.start or q.as_of or q.end


def object_key(c: ClaimView) -> str:
    """What a claim says, as a key: its object (and, for series, when and what kind)."""
    if c.object_kind == "entity":
        return f"e:{c.object_entity}"
    if c.object_kind == "text":
        return "t:" + " ".join((c.object_text or "").casefold().split())
    value = json.dumps(c.object_value or {}, sort_keys=True, ensure_ascii=False)
    if VOCABULARY.predicates[c.predicate].series:
        q = c.qualifiers
        value += f"|{q.start or ''}|{q.end or ''}|{q.as_of or ''}|{q.kind or ''}"
    return f"{c.object_kind[0]}:{value}"


_FIRM = {"asserted": "firm", "reported": "firm"}


def _bucket(c: ClaimView) -> str:
    """Asserted and reported claims support a value together; uncertain and doubted ones apart."""
    return _FIRM.get(c.qualifiers.hedge, c.qualifiers.hedge)


def _when(c: ClaimView) -> tuple[str | None, str | None, str | None]:
    q = c.qualifiers
    return (q.start, q.end, q.as_of)


def _same_time(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
    return all(x is None or y is None or x == y or overlaps(x, y) for x, y in zip(a, b, strict=True))


_HEDGE_RANK = {h: i for i, h in enumerate(HEDGE_ORDER)}


def _hedge_rank(hedge: str) -> int:
    rank = _HEDGE_RANK.get(hedge)
    return rank if rank is not None else HEDGE_ORDER.index(hedge)  # ValueError, as before


@dataclass
class ValueGroup:
    """Claims that say the same thing (same predicate, direction and value).

    What it says of its claims (hedge, date, representative, ...) is worked out once, and again only
    when claims were added since: a page asks for each many times."""

    key: str
    claims: list[ClaimView] = field(default_factory=list)
    _representative: tuple[int, ClaimView] | None = field(default=None, repr=False, compare=False)
    #: (number of claims, strongest hedge, all doubted, none accepted, claim ids) when last worked out
    _summary: tuple[int, str | None, bool, bool, tuple[str, ...]] | None = field(
        default=None, repr=False, compare=False
    )
    _date: tuple[int, str | None] | None = field(default=None, repr=False, compare=False)

    def _summed(self) -> tuple[int, str | None, bool, bool, tuple[str, ...]]:
        found = self._summary
        if found is None or found[0] != len(self.claims):
            claims = self.claims
            hedges = [c.qualifiers.hedge for c in claims]
            found = (
                len(claims),
                min(hedges, key=_hedge_rank) if hedges else None,
                all(h == "doubted" for h in hedges),
                not any(c.status == "accepted" for c in claims),
                tuple(c.id for c in claims),
            )
            self._summary = found
        return found

    @property
    def first(self) -> ClaimView:
        return self.claims[0]

    @property
    def hedge(self) -> str:
        """The strongest hedge among the claims (asserted beats reported beats uncertain)."""
        hedge = self._summed()[1]
        if hedge is None:
            raise ValueError("a value group without claims has no hedge")
        return hedge

    @property
    def doubted(self) -> bool:
        return self._summed()[2]

    @property
    def uncertain(self) -> bool:
        return all(c.qualifiers.hedge == "uncertain" for c in self.claims)

    def claimed_by(self, hedge: str | None = None) -> list[str]:
        """Distinct claimants of the claims with ``hedge`` (all when None), in order."""
        out: list[str] = []
        for c in self.claims:
            if hedge is not None and c.qualifiers.hedge != hedge:
                continue
            cb = c.qualifiers.claimed_by
            if cb and cb not in out:
                out.append(cb)
        return out

    @property
    def representative(self) -> ClaimView:
        """The claim that says most: most qualifiers, finest date, asserted first (worked out again
        only when claims were added since)."""
        cached = self._representative
        if cached is not None and cached[0] == len(self.claims):
            return cached[1]
        strongest = self.hedge
        found = max(
            [c for c in self.claims if c.qualifiers.hedge == strongest],
            key=lambda c: (
                _q_count(c),
                precision_rank(claim_date(c) or ""),
                -_hedge_rank(c.qualifiers.hedge),
            ),
        )
        self._representative = (len(self.claims), found)
        return found

    @property
    def date(self) -> str | None:
        found = self._date
        if found is None or found[0] != len(self.claims):
            dates = [d for d in (claim_date(c) for c in self.claims) if d]
            found = (len(self.claims), max(dates, key=precision_rank) if dates else None)
            self._date = found
        return found[1]

    @property
    def unreviewed(self) -> bool:
        return self._summed()[3]

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return self._summed()[4]


@dataclass
class FactGroup:
    """Every claim of one predicate about one entity, in one direction, with its class."""

    predicate: str
    inverse: bool
    cls: str
    values: list[ValueGroup]  # not doubted, in date order
    doubted: list[ValueGroup]
    clusters: list[list[ValueGroup]]  # compatible values together (contradictions: > 1)
    credibility: dict[str, int] = field(default_factory=dict)  # claim id → 1-6, from reconcile

    @property
    def claims(self) -> list[ClaimView]:
        return [c for g in self.values + self.doubted for c in g.claims]


def group_values(claims: Iterable[ClaimView], *, inverse: bool = False) -> list[ValueGroup]:
    """Claims grouped by what they say, in date order.

    The same object (the same subject, for an inverse reading) with the same
    support (asserted/reported, uncertain, doubted) is one value; claims of
    it that give incompatible dates (from 2012 / from 2015) are kept apart,
    while undated ones join a dated group.
    """
    buckets: dict[str, list[ClaimView]] = {}
    for c in claims:
        key = (f"s:{c.subject}" if inverse else object_key(c)) + "|" + _bucket(c)
        buckets.setdefault(key, []).append(c)
    out: list[ValueGroup] = []
    for key, members in buckets.items():
        dated: list[tuple[tuple[str | None, ...], ValueGroup]] = []
        undated: list[ClaimView] = []
        for c in members:
            when = _when(c)
            if not any(when):
                undated.append(c)
                continue
            for seen, group in dated:
                if _same_time(seen, when):
                    group.claims.append(c)
                    break
            else:
                dated.append((when, ValueGroup(f"{key}|{len(dated)}", [c])))
        groups = [g for _, g in dated]
        if undated:
            if groups:
                max(groups, key=lambda g: len(g.claims)).claims.extend(undated)
            else:
                groups.append(ValueGroup(key, undated))
        out.extend(groups)
    # an undated "possibly" adds support to the same value stated firmly; it says nothing new
    firm = {g.key.split("|firm")[0]: g for g in out if "|firm" in g.key}
    kept = []
    for g in out:
        base = g.key.split("|uncertain")[0]
        if (
            "|uncertain" in g.key
            and base in firm
            and not any(_when(c) != (None, None, None) for c in g.claims)
        ):
            firm[base].claims.extend(g.claims)
        else:
            kept.append(g)
    kept.sort(key=lambda g: (sort_key(g.date), g.key))
    return kept


def _compatible(a: ValueGroup, b: ValueGroup, predicate: str) -> bool:
    ca, cb = a.first, b.first
    if ca.object_kind == "date" and cb.object_kind == "date":
        da, db = claim_date(ca), claim_date(cb)
        return bool(da and db and overlaps(da, db))
    if ca.object_kind == "quantity" and cb.object_kind == "quantity":
        qa, qb = quantity_of(ca.object_value), quantity_of(cb.object_value)
        return bool(qa and qb and quantities_agree(qa, qb))
    return object_key(ca).split("|")[0] == object_key(cb).split("|")[0]


def _clusters(values: list[ValueGroup], predicate: str) -> list[list[ValueGroup]]:
    clusters: list[list[ValueGroup]] = []
    for g in values:
        for cluster in clusters:
            if all(_compatible(g, other, predicate) for other in cluster):
                cluster.append(g)
                break
        else:
            clusters.append([g])
    return clusters


def _series_conflict(values: list[ValueGroup]) -> bool:
    """Two values of a series at one date (or one undated) that disagree; or a falling death toll."""
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            qa, qb = quantity_of(a.first.object_value), quantity_of(b.first.object_value)
            if qa is None or qb is None or (a.first.qualifiers.kind or "") != (b.first.qualifiers.kind or ""):
                continue
            da, db = a.date, b.date
            same_time = da is None or db is None or bounds(da) == bounds(db)
            if same_time and not quantities_agree(qa, qb):
                return True
            kind = (a.first.qualifiers.kind or qa.unit or "").casefold()
            if kind in ("killed", "dead") and da and db and not same_time:
                earlier, later = (qa, qb) if sort_key(da) < sort_key(db) else (qb, qa)
                if later.high < earlier.low and not quantities_agree(earlier, later):
                    return True
    return False


def _local_class(predicate: str, values: list[ValueGroup], doubted: list[ValueGroup]) -> str:
    pred = VOCABULARY.predicates[predicate]
    if not values:
        return DOUBTED
    if pred.series:
        if _series_conflict(values):
            return CONTRADICTION
        if len(values) > 1:
            return CHANGE
    elif pred.functional and len(_clusters(values, predicate)) > 1:
        return CONTRADICTION
    elif len(values) > 1:
        return MULTIPLE
    if doubted:
        return DOUBTED
    return AGREEMENT if len(values[0].claims) > 1 else SINGLE


_CLASS_NAMES: dict[GroupClass, str] = {
    GroupClass.AGREEMENT: AGREEMENT,
    GroupClass.SINGLE: SINGLE,
    GroupClass.CONTRADICTION: CONTRADICTION,
    GroupClass.CHANGE_OVER_TIME: CHANGE,
    GroupClass.DOUBTED: DOUBTED,
    GroupClass.MULTIPLE: MULTIPLE,
    GroupClass.TEMPORAL: TEMPORAL,
}


def reconciled(
    claims: Sequence[ClaimView], grades: SourceGrades | None, memo: GroupMemo | None = None
) -> ClaimGroup | None:
    """``orbat.reconcile``'s group for claims that share one subject and predicate, else None."""
    if len(claims) < 2 or len({c.subject for c in claims}) != 1:
        return None  # one claim is single (or doubted) without asking
    found = reconcile(claims, grades, memo=memo)
    return found[0] if len(found) == 1 else None


def _partition(values: list[ValueGroup], rec: ClaimGroup) -> list[list[ValueGroup]]:
    """Our value groups, clustered as reconcile clusters their claims (equivalent values together)."""
    owner: dict[str, int] = {}
    for i, rv in enumerate(rec.values):
        for gc in rv.claims:
            owner[gc.id] = i
    buckets: dict[int, list[ValueGroup]] = {}
    for g in values:
        buckets.setdefault(owner.get(g.first.id, -1 - len(buckets)), []).append(g)
    return [buckets[k] for k in sorted(buckets, key=lambda k: (k < 0, abs(k)))]


def fact_group(
    predicate: str,
    claims: Sequence[ClaimView],
    *,
    inverse: bool = False,
    grades: SourceGrades | None = None,
    memo: GroupMemo | None = None,
) -> FactGroup:
    """Group and classify the claims of one predicate about one entity (reconcile's class when it can);
    ``memo``: see ``orbat.reconcile.reconcile``."""
    groups = group_values(claims, inverse=inverse)
    values = [g for g in groups if not g.doubted]
    doubted = [g for g in groups if g.doubted]
    rec = None if inverse else reconciled(claims, grades, memo)
    pred = VOCABULARY.predicates[predicate]
    if rec is not None:
        cls = _CLASS_NAMES.get(rec.kind, SINGLE)
        credibility = {gc.id: gc.credibility for gc in rec.claims}
        clusters = _partition(values, rec) if pred.functional else [[g] for g in values]
    else:
        cls = _local_class(predicate, values, doubted)
        credibility = {}
        clusters = _clusters(values, predicate) if pred.functional else [[g] for g in values]
    if cls == CONTRADICTION and len(clusters) < 2:
        clusters = [[g] for g in values]
    return FactGroup(predicate, inverse, cls, values, doubted, clusters, credibility)
