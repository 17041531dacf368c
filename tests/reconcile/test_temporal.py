"""Uncertain dates as spans, timelines, and the dead-yet-active flag."""

from __future__ import annotations

import pytest

from orbat.reconcile.temporal import Span, after_death, bounds, claim_span, timeline
from tests.reconcile.factory import claim


@pytest.mark.parametrize(
    ("edtf", "earliest", "latest"),
    [
        ("2012", "2012-01-01", "2012-12-31"),
        ("2012-11-01", "2012-11-01", "2012-11-01"),
        ("2016-21", "2016-03-01", "2016-05-31"),  # spring
        ("..2012-11", None, "2012-11-30"),  # on or before: the month's last day, open start
        ("2015..", "2015-01-01", None),
        ("2012~", "2011-01-01", "2013-12-31"),  # approximate: widened by a year
        ("2012-06?", "2012-05-01", "2012-07-31"),  # uncertain month: widened by a month
        ("2012/2013", "2012-01-01", "2013-12-31"),
    ],
)
def test_bounds_of_uncertain_dates(edtf: str, earliest: str | None, latest: str | None):
    assert bounds(edtf) == Span(earliest, latest)


def test_claim_span_from_qualifiers():
    assert claim_span(claim("size", {"quantity": {"value": 1}}, as_of="2013-06")) == Span(
        "2013-06-01", "2013-06-30"
    )
    assert claim_span(claim("leader", {"entity": "P"}, start="2012", end="2014-04")) == Span(
        "2012-01-01", "2014-04-30"
    )
    assert claim_span(claim("leader", {"entity": "P"}, start="2015")) == Span("2015-01-01", None)
    assert not claim_span(claim("leader", {"entity": "P"})).known


def test_spans_overlap_and_order():
    june, august = bounds("2013-06"), bounds("2013-08")
    assert june.before(august) and not august.before(june)
    assert not june.overlaps(august)
    assert bounds("2016").overlaps(bounds("2016-04-10"))
    assert Span().overlaps(june)  # an unknown time can be any time


def test_timeline_orders_by_date_and_puts_undated_last():
    undated = claim("size", {"quantity": {"value": 3000}})
    c2023 = claim("size", {"quantity": {"value": 50000}}, as_of="2023")
    c2013 = claim("size", {"quantity": {"value": 60000}}, as_of="2013-06")
    c2013b = claim("size", {"quantity": {"value": 100000}}, as_of="2013-08")
    founded = claim("founded", {"date": "2012-11-01"})
    order = [e.claim for e in timeline([undated, c2023, c2013b, founded, c2013])]
    assert order == [founded, c2013, c2013b, c2023, undated]


def _person(**kw: str) -> dict:
    return {"entity": "P1", "name": "Abu Example"}


def test_a_leader_dead_in_2016_yet_leading_in_2023_is_flagged():
    died = claim("died", {"date": "2016"}, subject="P1", subject_name="Abu Example")
    leads = claim("leader", _person(), as_of="2023")
    earlier = claim("leader", _person(), start="2012", end="2015")
    position = claim("position", {"text": "governor"}, subject="P1", subject_name="Abu Example", start="2019")
    (first, second) = after_death([died, leads, earlier, position])
    assert {first.active.id, second.active.id} == {leads.id, position.id}
    assert first.died is died and first.person == "P1"
    assert "died 2016" in first.reason


def test_no_flag_when_the_activity_ends_with_the_death_or_the_death_is_doubted():
    died = claim("died", {"date": "2014-04"}, subject="P1", subject_name="Abu Example")
    until = claim("leader", _person(), end="2014-04")  # led until he was killed
    member = claim("member", _person(), as_of="2012-11")
    assert after_death([died, until, member]) == []
    doubted = claim("died", {"date": "2010"}, subject="P1", hedge="doubted")
    rejected = claim("died", {"date": "2010"}, subject="P1", status="rejected")
    assert after_death([doubted, rejected, member]) == []
    # and an undated leadership cannot be placed after anything
    assert after_death([died, claim("leader", _person())]) == []
