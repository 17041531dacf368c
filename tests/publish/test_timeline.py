"""Timelines: EDTF dates placed as points or ranges, in order; JSON and images."""

from __future__ import annotations

import json

from orbat.model import Qualifiers
from orbat.model.views import ClaimView
from orbat.publish.timeline import (
    build_timeline,
    day_bounds,
    render_timeline_image,
    timeline_from_claims,
    timeline_json,
)
from orbat.store import Store


def claim(cid: str, predicate: str, *, date: str | None = None, **q: str) -> ClaimView:
    return ClaimView(
        id=cid,
        predicate=predicate,
        subject="g",
        subject_name="Desert Hawks Brigade",
        object_kind="date" if date else "entity",
        object_entity=None if date else "x",
        object_name=None if date else "Somewhere",
        object_value={"date": date} if date else None,
        object_text=None,
        qualifiers=Qualifiers(**q),
        status="proposed",
        rank="normal",
        rank_reason=None,
        credibility=None,
        origin="test",
        sort_date=None,
        document="d",
        row_version=1,
        updated_at=None,
        updated_by=None,
    )


def test_points_and_ranges_from_edtf():
    claims = [
        claim("c1", "founded", date="2012-11-01"),
        claim("c2", "dissolved", date="2016-21"),
        claim("c3", "operates_in", start="2013", end="2015-06"),
        claim("c4", "operates_in", as_of="2014~"),
        claim("c5", "headquarters"),  # undated
        claim("c6", "founded", date="2012"),
    ]
    tl = timeline_from_claims(claims, {"g": "the Desert Hawks Brigade", "x": "Somewhere"})
    by_id = {i.claim_ids[0]: i for i in tl.items}
    assert tl.undated == 1 and "c5" not in by_id
    assert (by_id["c1"].start, by_id["c1"].end, by_id["c1"].point) == ("2012-11-01", "2012-11-01", True)
    assert (by_id["c6"].start, by_id["c6"].end, by_id["c6"].point) == ("2012-01-01", "2012-12-31", False)
    assert (by_id["c2"].start, by_id["c2"].end) == ("2016-03-01", "2016-05-31")  # spring
    assert by_id["c2"].approximate and not by_id["c1"].approximate
    assert (by_id["c3"].start, by_id["c3"].end, by_id["c3"].role) == ("2013-01-01", "2015-06-30", "span")
    lo, hi = by_id["c4"].start, by_id["c4"].end  # "about 2014" is wider than 2014
    assert lo is not None and hi is not None and lo < "2014-01-01" and hi > "2014-12-31"
    assert [i.claim_ids[0] for i in tl.items] == ["c6", "c1", "c3", "c4", "c2"]
    assert by_id["c1"].text == "The Desert Hawks Brigade was founded on 1 November 2012."


def test_fuzzy_bounds():
    assert day_bounds("2012") == ("2012-01-01", "2012-12-31")
    lo, hi = day_bounds("2012?")
    assert lo is not None and hi is not None and lo < "2012-01-01" and hi > "2012-12-31"
    assert day_bounds("..2013-12") == (None, "2013-12-31")


def test_entity_and_corpus_timelines(published: Store):
    tl = build_timeline(published, "Liwa al-Baqir")
    data = json.loads(timeline_json(tl))
    assert data["entity"] == "liwa_al_baqir" and data["undated"] > 0
    starts = [i["start"] for i in data["items"]]
    assert starts == sorted(starts)
    founded = [i for i in data["items"] if i["predicate"] == "founded"]
    assert {i["date"] for i in founded} == {"2012", "2015"}
    assert all(i["kind"] == "range" and i["approximate"] for i in founded)
    casualty_days = [i for i in data["items"] if i["predicate"] == "casualties" and i["kind"] == "point"]
    assert {i["date"] for i in casualty_days} >= {"2016-03-21", "2016-04-10"}
    stored = {c.id for c in published.claims(entity="liwa_al_baqir", as_object=True)}
    assert all(set(i["claim_ids"]) <= stored for i in data["items"])
    corpus = build_timeline(published)
    assert corpus.entity is None and len(corpus.items) > len(tl.items)


def test_timeline_images(published: Store):
    tl = build_timeline(published, "national_defense_forces")
    svg = render_timeline_image(tl, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert (
        "Timeline: National Defense Forces" in svg
        and "http://" not in svg.split("<svg", 1)[1].split(">", 1)[1][:0]
    )
    assert "was dissolved on 8 December 2024" in svg
    png = render_timeline_image(tl, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
