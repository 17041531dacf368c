"""Claims on a timeline of uncertain dates.

Every EDTF date becomes a span of days, earliest to latest (``Span``): ``2012``
is 2012-01-01..2012-12-31, ``2016-21`` (spring) March to May, ``..2013-12``
anything up to the end of December 2013. Approximate (``~``), uncertain
(``?``) and both (``%``) dates widen by one unit of their precision: ``2012~``
is 2011..2013. A claim's span comes from its ``start``/``end``/``as_of``
qualifiers, ordering claims on a timeline and telling a series of figures at
different dates from rival figures at the same date.

``after_death`` flags a person said to have died and yet said to lead, be a
member of or hold a position after that date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from orbat.model.values import edtf_bounds
from orbat.model.views import ClaimView

#: predicates that place a person (their object, or their subject for ``position``) as active
ACTIVE_AS_OBJECT = frozenset({"leader", "member"})
ACTIVE_AS_SUBJECT = frozenset({"position"})

_PRECISION = re.compile(r"^\D*(-?\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Span:
    """When something holds: ISO days, None for an open or unknown bound."""

    earliest: str | None = None
    latest: str | None = None

    @property
    def known(self) -> bool:
        return self.earliest is not None or self.latest is not None

    def overlaps(self, other: Span) -> bool:
        if not self.known or not other.known:
            return True  # an unknown time can be any time
        if self.latest is not None and other.earliest is not None and self.latest < other.earliest:
            return False
        return not (other.latest is not None and self.earliest is not None and other.latest < self.earliest)

    def before(self, other: Span) -> bool:
        """Entirely before ``other`` (both bounds needed)."""
        return self.latest is not None and other.earliest is not None and self.latest < other.earliest

    def contains(self, other: Span) -> bool:
        """Every day of ``other`` is a day of this span (open bounds reach forever)."""
        lo_ok = self.earliest is None or (other.earliest is not None and self.earliest <= other.earliest)
        hi_ok = self.latest is None or (other.latest is not None and other.latest <= self.latest)
        return lo_ok and hi_ok

    def display(self) -> str:
        if not self.known:
            return "undated"
        if self.earliest == self.latest:
            return str(self.earliest)
        return f"{self.earliest or '…'}..{self.latest or '…'}"

    def sort_key(self) -> tuple[int, str, str]:
        """Dated spans first, by earliest (else latest) day; open ends last."""
        if not self.known:
            return (1, "", "")
        return (0, self.earliest or self.latest or "", self.latest or "9999-12-31")


def _month_end(y: int, m: int) -> int:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day


def _shift(day: str, years: int = 0, months: int = 0, days: int = 0) -> str:
    """Move an ISO day; a month's last day stays the last day of the month it lands in."""
    d = date.fromisoformat(day)
    if years or months:
        was_end = d.day == _month_end(d.year, d.month)
        month = d.month - 1 + months + 12 * years
        y, m = d.year + month // 12, month % 12 + 1
        last = _month_end(y, m)
        d = date(y, m, last if was_end else min(d.day, last))
    return (d + timedelta(days=days)).isoformat()


def bounds(value: str | None) -> Span:
    """The span of days an EDTF string can mean (approximate/uncertain dates widened)."""
    if not value:
        return _UNKNOWN
    return _bounds(value)


_UNKNOWN = Span()


@lru_cache(maxsize=65536)
def _bounds(value: str) -> Span:
    """``bounds`` of a non-empty string, parsed once (a page asks for the same few dates many times;
    ``Span`` is immutable)."""
    v = value.strip()
    inner = v.strip("[]")
    if inner.startswith("..") and "," not in inner:
        return Span(None, bounds(inner[2:]).latest)
    if inner.endswith("..") and "," not in inner:
        return Span(bounds(inner[:-2]).earliest, None)
    lo, hi = edtf_bounds(v)
    if not any(mark in v for mark in "~?%"):
        return Span(lo, hi)
    m = _PRECISION.match(v)
    unit = "year" if not m or not m.group(2) else ("month" if not m.group(3) else "day")
    try:
        if unit == "year":
            lo = _shift(lo, years=-1) if lo else lo
            hi = _shift(hi, years=1) if hi else hi
        elif unit == "month":
            lo = _shift(lo, months=-1) if lo else lo
            hi = _shift(hi, months=1) if hi else hi
        else:
            lo = _shift(lo, days=-1) if lo else lo
            hi = _shift(hi, days=1) if hi else hi
    except ValueError:
        pass
    return Span(lo, hi)


def claim_span(claim: ClaimView) -> Span:
    """When a claim holds, from its qualifiers: ``as_of``, or ``start`` to ``end``.

    A claim that only has a start holds from then on (open end); one that only
    has an end held until then. Undated claims get an unknown span.
    """
    q = claim.qualifiers
    if not (q.start or q.end or q.as_of):
        return _UNKNOWN
    start, end, as_of = bounds(q.start), bounds(q.end), bounds(q.as_of)
    earliest = start.earliest if q.start else (as_of.earliest if q.as_of else None)
    if q.end:
        latest = end.latest
    elif q.as_of:
        latest = as_of.latest
    else:
        latest = None
    return Span(earliest, latest)


def is_dated(claim: ClaimView) -> bool:
    q = claim.qualifiers
    return bool(q.start or q.end or q.as_of)


def value_span(claim: ClaimView) -> Span:
    """The span of a date-valued claim's object (founded, died, ...)."""
    raw = (claim.object_value or {}).get("date") if claim.object_kind == "date" else None
    return bounds(raw) if isinstance(raw, str) else Span()


@dataclass(frozen=True)
class TimelineEntry:
    claim: ClaimView
    span: Span


def timeline(claims: Iterable[ClaimView]) -> list[TimelineEntry]:
    """Claims in time order: date-valued claims by their date, others by their qualifiers.

    Undated claims come last; ties keep the order they came in.
    """
    entries = [TimelineEntry(c, value_span(c) if c.object_kind == "date" else claim_span(c)) for c in claims]
    return sorted(entries, key=lambda e: e.span.sort_key())


@dataclass(frozen=True)
class TemporalIssue:
    """A person said to have died, and said to be active after that."""

    person: str
    person_name: str | None
    died: ClaimView
    active: ClaimView
    reason: str


def _active_since(claim: ClaimView) -> str | None:
    """The earliest day the claim certainly places its person as active (or still in office)."""
    q = claim.qualifiers
    days = [s for s in (bounds(q.start).earliest, bounds(q.as_of).earliest, bounds(q.end).earliest) if s]
    return max(days) if days else None


def after_death(claims: Sequence[ClaimView]) -> list[TemporalIssue]:
    """Flag leader/member/position claims that place a person as active after they died.

    A death is only trusted when not doubted and not rejected; the flag is raised
    when the earliest day the claim makes the person active is after the last
    day the death date can mean (``died 2016`` vs ``leader as of 2023``).
    """
    deaths: dict[str, list[ClaimView]] = {}
    for c in claims:
        if c.predicate == "died" and c.subject and c.status != "rejected" and c.qualifiers.hedge != "doubted":
            deaths.setdefault(c.subject, []).append(c)
    issues: list[TemporalIssue] = []
    if not deaths:
        return issues
    for c in claims:
        if c.status == "rejected" or c.qualifiers.hedge == "doubted":
            continue
        if c.predicate in ACTIVE_AS_OBJECT:
            person, name = c.object_entity, c.object_name
        elif c.predicate in ACTIVE_AS_SUBJECT:
            person, name = c.subject, c.subject_name
        else:
            continue
        if person is None or person not in deaths:
            continue
        since = _active_since(c)
        if since is None:
            continue
        for d in deaths[person]:
            died = value_span(d)
            if died.latest is not None and since > died.latest:
                when = (d.object_value or {}).get("date")
                issues.append(
                    TemporalIssue(
                        person=person,
                        person_name=name,
                        died=d,
                        active=c,
                        reason=f"{name or person} died {when} but is placed as {c.predicate} from {since}",
                    )
                )
    return issues


__all__ = [
    "ACTIVE_AS_OBJECT",
    "ACTIVE_AS_SUBJECT",
    "Span",
    "TemporalIssue",
    "TimelineEntry",
    "after_death",
    "bounds",
    "claim_span",
    "is_dated",
    "timeline",
    "value_span",
]
