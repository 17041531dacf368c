"""Timelines of dated claims, per entity or for the whole corpus, as JSON data and as an image.

Dates are EDTF. Each item has the earliest and latest ISO day its date can
mean (``orbat.model.values.edtf_bounds``; approximate and uncertain dates,
``2012~`` and ``2012?``, are widened by the ``edtf`` package's fuzz): a date
known to the day is a point, anything coarser (a month, a season, a year,
an interval, a claim that holds from a start to an end) is a range, and the
image draws it as a bar.

Which date a claim is placed at: its object for dates (founded, dissolved,
died); otherwise its ``start``–``end`` span, else its ``as_of``, else
its ``start`` or ``end`` alone. Undated claims are counted, not placed.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from orbat.model.views import ClaimView
from orbat.publish.prose import clause, hedged
from orbat.publish.text import bounds, capitalise, date_noun, display_name, is_approximate, sort_key
from orbat.store import Store

FLAGS = "~?%"
HEDGE_TAGS = {"reported": " (reported)", "uncertain": " (possibly)", "doubted": " (disputed)"}


@dataclass(frozen=True)
class TimelineItem:
    claim_ids: tuple[str, ...]
    subject: str
    subject_name: str
    predicate: str
    object: str
    text: str  # the claim as a sentence, hedge in words
    label: str  # a short label for drawing: the clause, the hedge as a tag
    date: str  # EDTF as claimed ("2012-11-01", "2015/2020" for a start-end span)
    role: str  # date | span | as_of | start | end
    start: str | None  # earliest ISO day
    end: str | None  # latest ISO day
    point: bool  # known to the day: drawn as a point, else as a range
    approximate: bool
    hedge: str
    unreviewed: bool
    documents: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_ids": list(self.claim_ids),
            "subject": self.subject,
            "subject_name": self.subject_name,
            "predicate": self.predicate,
            "object": self.object,
            "text": self.text,
            "label": self.label,
            "date": self.date,
            "date_words": date_noun(self.date),
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "kind": "point" if self.point else "range",
            "approximate": self.approximate,
            "hedge": self.hedge,
            "unreviewed": self.unreviewed,
            "documents": list(self.documents),
        }


@dataclass(frozen=True)
class Timeline:
    entity: str | None
    name: str | None
    items: tuple[TimelineItem, ...]
    undated: int
    generated: str

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "name": self.name,
            "generated": self.generated,
            "undated": self.undated,
            "items": [i.to_json() for i in self.items],
        }


@lru_cache(maxsize=4096)
def day_bounds(value: str) -> tuple[str | None, str | None]:
    """Earliest and latest ISO day of an EDTF date; approximate/uncertain ones widened by their fuzz."""
    lo, hi = bounds(value)
    if any(f in value for f in FLAGS):
        try:
            from edtf import parse_edtf

            parsed = parse_edtf(value)
            lo = time.strftime("%Y-%m-%d", parsed.lower_fuzzy()) if lo else None
            hi = time.strftime("%Y-%m-%d", parsed.upper_fuzzy()) if hi else None
        except Exception:  # odd input: keep the strict bounds
            pass
    return lo, hi


def _placement(c: ClaimView) -> tuple[str, str, str | None, str | None] | None:
    """(EDTF as shown, role, earliest, latest) of a claim, or None when it is undated."""
    if c.object_kind == "date" and c.object_value and isinstance(c.object_value.get("date"), str):
        value = str(c.object_value["date"])
        lo, hi = day_bounds(value)
        return value, "date", lo, hi
    q = c.qualifiers
    if q.start and q.end:
        lo, _ = day_bounds(q.start)
        _, hi = day_bounds(q.end)
        return f"{q.start}/{q.end}", "span", lo, hi
    for when, role in ((q.as_of, "as_of"), (q.start, "start"), (q.end, "end")):
        if when:
            first, last = day_bounds(when)
            return when, role, first, last
    return None


def _key(c: ClaimView, where: tuple[str, str, str | None, str | None]) -> tuple[str, ...]:
    return (
        c.subject or "",
        c.predicate,
        json.dumps(c.object_json(), sort_keys=True),
        where[0],
        where[1],
        c.qualifiers.hedge,
    )


def build_timeline(
    store: Store, entity: str | None = None, *, generated: str | None = None, limit: int | None = None
) -> Timeline:
    """The dated claims about ``entity`` (id or name; as subject or object), or of the whole corpus."""
    ent = store.get_entity(entity) if entity else None
    claims = [
        c
        for c in store.claims(entity=ent.id if ent else None, as_object=True, include_rejected=False)
        if c.status != "rejected" and c.subject
    ]
    names = {e.id: display_name(e.name, e.type) for e in store.list_entities()}
    return timeline_from_claims(
        claims,
        names,
        entity=ent.id if ent else None,
        name=ent.name if ent else None,
        generated=generated,
        limit=limit,
    )


def timeline_from_claims(
    claims: Sequence[ClaimView],
    names: dict[str, str],
    *,
    entity: str | None = None,
    name: str | None = None,
    generated: str | None = None,
    limit: int | None = None,
) -> Timeline:
    groups: dict[tuple[str, ...], list[ClaimView]] = {}
    places: dict[tuple[str, ...], tuple[str, str, str | None, str | None]] = {}
    undated = 0
    for c in claims:
        where = _placement(c)
        if where is None:
            undated += 1
            continue
        key = _key(c, where)
        groups.setdefault(key, []).append(c)
        places[key] = where
    items = []
    for key, members in groups.items():
        value, role, lo, hi = places[key]
        c = members[0]
        subject_name = names.get(c.subject or "", c.subject_name or str(c.subject))
        prefix, core = clause(c, subject_name, names=names)
        claimants = list(dict.fromkeys(m.qualifiers.claimed_by for m in members if m.qualifiers.claimed_by))
        items.append(
            TimelineItem(
                claim_ids=tuple(m.id for m in members),
                subject=c.subject or "",
                subject_name=c.subject_name or str(c.subject),
                predicate=c.predicate,
                object=c.object_display(),
                text=hedged(prefix, core, c.qualifiers.hedge, claimants) + ".",
                label=capitalise(core) + HEDGE_TAGS.get(c.qualifiers.hedge, ""),
                date=value,
                role=role,
                start=lo,
                end=hi,
                point=bool(lo and hi and lo == hi),
                approximate=is_approximate(value) or role == "span",
                hedge=c.qualifiers.hedge,
                unreviewed=not any(m.status == "accepted" for m in members),
                documents=tuple(dict.fromkeys(ev.document for m in members for ev in m.evidence)),
            )
        )
    items.sort(key=lambda i: (i.start or "", i.end or "9999", i.subject_name.casefold(), i.predicate, i.text))
    if limit is not None:
        items = items[:limit]
    return Timeline(
        entity=entity,
        name=name,
        items=tuple(items),
        undated=undated,
        generated=generated or datetime.now(UTC).date().isoformat(),
    )


def timeline_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_json(), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# image
# ---------------------------------------------------------------------------

CATEGORY_COLOURS = {
    "life": "#8a3b12",  # founded, dissolved, died
    "fighting": "#b91c1c",  # participated_in, opposed, casualties, accused_of
    "strength": "#1d4ed8",  # size, salary
    "relations": "#047857",  # part_of, allied_with, supported_by, leader, member ...
    "places": "#7c3aed",  # operates_in, headquarters, facility, located_in
    "other": "#475569",
}
_CATEGORY = {
    "founded": "life",
    "dissolved": "life",
    "died": "life",
    "participated_in": "fighting",
    "opposed": "fighting",
    "casualties": "fighting",
    "accused_of": "fighting",
    "size": "strength",
    "salary": "strength",
    "operates_in": "places",
    "headquarters": "places",
    "facility": "places",
    "located_in": "places",
    "part_of": "relations",
    "allied_with": "relations",
    "supported_by": "relations",
    "leader": "relations",
    "member": "relations",
    "founded_by": "relations",
    "endorsed": "relations",
    "met_with": "relations",
}


def category(predicate: str) -> str:
    return _CATEGORY.get(predicate, "other")


def _day(value: str) -> date:
    return date.fromisoformat(value)


def render_timeline_image(timeline: Timeline, fmt: str = "svg", *, max_items: int = 150) -> bytes:
    """The timeline drawn with matplotlib (Agg): bars for ranges, diamonds for days. SVG or PNG bytes."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"timeline images are svg or png, not {fmt!r}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    items = [i for i in timeline.items if i.start or i.end][:max_items]
    rows = max(len(items), 1)
    title = f"Timeline: {timeline.name}" if timeline.name else "Timeline of the corpus"
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "orbat", "font.size": 8}):
        fig = Figure(figsize=(13, 1.4 + 0.28 * rows))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        starts = [_day(i.start or i.end or "2000-01-01") for i in items]
        ends = [_day(i.end or i.start or "2000-01-01") for i in items]
        for y, (item, lo, hi) in enumerate(zip(items, starts, ends, strict=True)):
            colour = CATEGORY_COLOURS[category(item.predicate)]
            alpha = 0.45 if item.approximate or item.hedge in ("uncertain", "doubted") else 0.85
            if item.point:
                ax.plot([date2num(lo)], [y], marker="D", markersize=5, color=colour, alpha=alpha)
            else:
                left, right = date2num(lo), date2num(hi) + 1
                ax.barh(y, right - left, left=left, height=0.6, color=colour, alpha=alpha, linewidth=0)
            label = item.label if len(item.label) <= 95 else item.label[:94] + "…"
            ax.annotate(
                label,
                xy=(date2num(hi) + 1, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#1f2937",
                annotation_clip=False,
            )
        if items:
            lo_all, hi_all = min(starts), max(ends)
            span = max((hi_all - lo_all).days, 365)
            ax.set_xlim(date2num(lo_all) - span * 0.03, date2num(hi_all) + span * 0.45)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_yticks([])
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#e5e7eb", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        used = sorted({category(i.predicate) for i in items})
        if used:
            handles = [Patch(color=CATEGORY_COLOURS[c], label=c) for c in used]
            ax.legend(
                handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(used), frameon=False
            )
        if not items:
            ax.text(0.5, 0.5, "no dated claims", transform=ax.transAxes, ha="center", va="center")
        fig.tight_layout()
        buf = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=110)
    return buf.getvalue()


__all__ = [
    "Timeline",
    "TimelineItem",
    "build_timeline",
    "day_bounds",
    "render_timeline_image",
    "sort_key",
    "timeline_from_claims",
    "timeline_json",
]
