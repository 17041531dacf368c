"""When two claimed values are the same value: dates, quantities, text, entities, ordinals."""

from __future__ import annotations

import pytest

from orbat.model import Quantity
from orbat.reconcile.temporal import bounds
from orbat.reconcile.values import (
    cluster,
    compatible,
    content_words,
    dates_compatible,
    number_of,
    ordinal_clash,
    quantities_compatible,
    texts_similar,
    value_of,
)
from tests.reconcile.factory import claim, qty


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2012", "2012-11-01", True),  # one refines the other
        ("2012-11", "2012-11-01", True),
        ("2012", "2015", False),
        ("2012-03", "2012-11", False),
        ("2016-21", "2016-04", True),  # spring 2016 contains April
        ("2016-21", "2016-07", False),
        ("..2013-01", "2012-11-01", True),  # on or before January 2013
        ("..2013-01", "2013-06", False),
        ("2012~", "2013", True),  # approximate: 2011..2013
        ("2012", "2013", False),
    ],
)
def test_dates_are_compatible_when_one_refines_the_other(a: str, b: str, same: bool):
    assert dates_compatible(bounds(a), bounds(b)) is same
    assert dates_compatible(bounds(b), bounds(a)) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Quantity(value=2000), Quantity(value=2100), True),  # within 10 %
        (Quantity(value=2000), Quantity(value=2300), False),
        (Quantity(min=8000, max=12000), Quantity(value=11000), True),  # inside the range
        (Quantity(min=8000, max=12000), Quantity(value=50000), False),
        (Quantity(min=40, max=199), Quantity(min=24, max=99), True),  # overlapping ranges
        (Quantity(value=246, unit="killed"), Quantity(value=246, unit="wounded"), False),
        (Quantity(value=246, unit="killed"), Quantity(value=246), True),  # a missing unit does not decide
    ],
)
def test_quantities_within_ten_percent_or_overlapping(a: Quantity, b: Quantity, same: bool):
    assert quantities_compatible(a, b) is same
    assert quantities_compatible(b, a) is same


def test_text_values_share_half_their_content_words():
    assert content_words("The fifth imam of Shi'i Islam") == {"fifth", "imam", "shii", "islam"}
    assert texts_similar("Halfaya massacre", "Halfaya killings")
    assert texts_similar("fifth imam of Shi'i Islam", "fifth Twelver Shi'i imam")
    assert not texts_similar("manning checkpoints", "night patrols")
    assert not texts_similar("Alawites", "Shia")


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("fifth imam of Shi'i Islam", "fourth Shia imam", True),
        ("2nd Battalion commander", "3rd Battalion commander", True),
        ("commander of the first brigade", "commander of the second brigade", True),
        ("two battalions", "three battalions", True),
        ("fifth imam", "fifth Twelver imam", False),  # same number
        ("fifth imam", "imam", False),  # one side states no number
        ("fifth imam", "fourth division commander", False),  # nothing else in common
    ],
)
def test_ordinal_clash_is_a_general_rule(a: str, b: str, clash: bool):
    assert ordinal_clash(a, b) is clash
    assert ordinal_clash(b, a) is clash


def test_number_words():
    assert [number_of(w) for w in ("fifth", "5th", "five", "21", "imam")] == [5, 5, 5, 21, None]


def test_value_of_and_compatible_across_kinds():
    e1 = value_of(claim("leader", {"entity": "P1", "name": "Khalid"}))
    e1b = value_of(claim("leader", {"entity": "P1", "name": "Khalid al-Hassan"}))
    e2 = value_of(claim("leader", {"entity": "P2"}))
    text = value_of(claim("composition", {"text": "Khalid"}))
    assert compatible(e1, e1b) and not compatible(e1, e2)
    assert not compatible(e1, text)  # an entity is never the same as a text
    second = value_of(claim("position", {"text": "commander of the 2nd Battalion"}))
    third = value_of(claim("position", {"text": "commander of the 3rd Battalion"}))
    assert not compatible(second, third)  # similar words, different numbers: not one value
    q = value_of(claim("size", qty(2000, approx=True, unit="fighters")))
    assert q.kind == "quantity" and q.display == "about 2,000 fighters"


def test_cluster_is_complete_linkage():
    dates = ["2012", "2012-03", "2012-11", "2015"]
    groups = cluster(dates, lambda d: value_of(claim("founded", {"date": d})))
    # 2012 refines both March and November 2012, but those two are different dates
    assert groups == [["2012", "2012-03"], ["2012-11"], ["2015"]]
