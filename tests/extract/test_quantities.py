"""Counts of people, casualties and money (orbat.extract.quantities). Test sentences are our own."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from orbat.extract.quantities import QuantityMatch, find_quantities, parse_number
from tests.reliability.guards import hang_guard


def qjson(text: str) -> list[dict[str, Any]]:
    return [q.quantity.to_json()["quantity"] for q in find_quantities(text)]


def one(text: str) -> QuantityMatch:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("25,000", 25_000),
        ("2000", 2000),
        ("1.5", 1.5),
        ("2.5 million", 2_500_000),
        ("3 thousand", 3000),
        ("5m", 5_000_000),
        ("10k", 10_000),
        ("ten", 10),
        ("twenty-five", 25),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("a dozen", 12),
        ("", None),
        ("many", None),
        ("1,2,3", None),
    ],
)
def test_parse_number(s: str, value: float | None) -> None:
    assert parse_number(s) == value


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("text", "quantity", "noun"),
    [
        (
            "The brigade had around 2000 fighters.",
            {"value": 2000, "approx": True, "unit": "fighters"},
            "fighters",
        ),
        ("It fielded about 3,000 men.", {"value": 3000, "approx": True, "unit": "fighters"}, "men"),
        ("It trained some 400 recruits.", {"value": 400, "approx": True, "unit": "fighters"}, "recruits"),
        ("Nearly 500 members left.", {"value": 500, "approx": True, "unit": "fighters"}, "members"),
        ("More than 300 troops arrived.", {"min": 300, "unit": "fighters"}, "troops"),
        ("At least 15 volunteers signed up.", {"min": 15, "unit": "fighters"}, "volunteers"),
        ("Up to 1,200 personnel served there.", {"max": 1200, "unit": "fighters"}, "personnel"),
        ("It has 50,000 fighters.", {"value": 50000, "unit": "fighters"}, "fighters"),
        ("The guard was 60,000-strong in 2013.", {"value": 60000, "unit": "fighters"}, "strong"),
        ("They formed a 500-strong women's wing.", {"value": 500, "unit": "fighters"}, "strong"),
        ("It recruited 2,000-3,000 fighters.", {"min": 2000, "max": 3000, "unit": "fighters"}, "fighters"),
        ("It recruited between 2,000 and 3,000 men.", {"min": 2000, "max": 3000, "unit": "fighters"}, "men"),
        ("It recruited two to three thousand men.", {"min": 2000, "max": 3000, "unit": "fighters"}, "men"),
        ("It recruited 300-odd fighters.", {"value": 300, "approx": True, "unit": "fighters"}, "fighters"),
        ("It recruited 2,000+ fighters.", {"min": 2000, "unit": "fighters"}, "fighters"),
        ("Eighty Hezbollah fighters crossed.", {"value": 80, "unit": "fighters"}, "Hezbollah fighters"),
        (
            "Hundreds of members joined.",
            {"min": 200, "max": 999, "approx": True, "unit": "fighters"},
            "members",
        ),
        (
            "Dozens of volunteers joined.",
            {"min": 24, "max": 99, "approx": True, "unit": "fighters"},
            "volunteers",
        ),
        (
            "Several dozen gunmen joined.",
            {"min": 24, "max": 99, "approx": True, "unit": "fighters"},
            "gunmen",
        ),
        ("A few dozen men joined.", {"min": 24, "max": 60, "approx": True, "unit": "fighters"}, "men"),
        (
            "Tens of thousands of troops were mobilised.",
            {"min": 20000, "max": 99999, "approx": True, "unit": "fighters"},
            "troops",
        ),
        ("A dozen soldiers defected.", {"value": 12, "approx": True, "unit": "fighters"}, "soldiers"),
    ],
)
def test_people(text: str, quantity: dict[str, Any], noun: str) -> None:
    q = one(text)
    assert q.quantity.to_json()["quantity"] == quantity
    assert q.noun == noun
    assert text[q.start : q.end] == q.text


def test_modifier_is_inside_the_span() -> None:
    q = one("The brigade's numbers are around 2000 fighters, say sources.")
    assert q.text == "around 2000 fighters"
    q = one("It recruited between 2,000 and 3,000 men.")
    assert q.text == "between 2,000 and 3,000 men"


# --------------------------------------------------------------------------- casualties


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("The unit recorded 14 deaths by 2015.", {"value": 14, "unit": "killed"}),
        ("Ten more dead were counted in 2016.", {"value": 10, "unit": "killed"}),
        ("It announced 246 ‘martyrs’ in March.", {"value": 246, "unit": "killed"}),
        ("It announced 31 'martyrs' in March.", {"value": 31, "unit": "killed"}),
        ("It announced 7 more “martyrs” in March.", {"value": 7, "unit": "killed"}),
        ("The shelling caused 200 civilian deaths.", {"value": 200, "unit": "killed"}),
        ("The group lost 80 fighters at Palmyra.", {"value": 80, "unit": "killed"}),
        (
            "Scores of militiamen were killed in the assault.",
            {"min": 40, "max": 199, "approx": True, "unit": "killed"},
        ),
        ("It has lost hundreds of members.", {"min": 200, "max": 999, "approx": True, "unit": "killed"}),
        ("The raid left 12 wounded.", {"value": 12, "unit": "wounded"}),
        ("Some 30 people were injured.", {"value": 30, "approx": True, "unit": "wounded"}),
        ("Its toll reaches up to 300 killed.", {"max": 300, "unit": "killed"}),
        (
            "It gave hundreds of martyrs and wounded.",
            {"min": 200, "max": 999, "approx": True, "unit": "killed and wounded"},
        ),
        ("Forty prisoners were exchanged.", {"value": 40, "unit": "captured"}),
    ],
)
def test_casualties(text: str, quantity: dict[str, Any]) -> None:
    assert qjson(text) == [quantity]


def test_toll_phrase_gives_the_unit() -> None:
    text = "The number of brigade members killed in the autumn battles reached 50 men, sources said."
    assert qjson(text) == [{"value": 50, "unit": "killed"}]


def test_civilian_noun_is_kept() -> None:
    q = one("The shelling caused 200 civilian deaths.")
    assert q.noun == "civilian deaths"


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Fighters are paid 25,000 Syrian pounds per month.", {"value": 25000, "unit": "SYP/month"}),
        ("Fighters are paid 25,000 Syrian pounds [per month].", {"value": 25000, "unit": "SYP/month"}),
        ("Fighters are paid 40,000 SYP a month.", {"value": 40000, "unit": "SYP/month"}),
        ("Monthly salaries of $150 were offered.", {"value": 150, "unit": "USD/month"}),
        ("The sponsor gave $5 million.", {"value": 5_000_000, "unit": "USD"}),
        ("The sponsor gave $5m.", {"value": 5_000_000, "unit": "USD"}),
        ("The sponsor gave 2 million US dollars.", {"value": 2_000_000, "unit": "USD"}),
        ("The sponsor gave €2bn.", {"value": 2_000_000_000, "unit": "EUR"}),
    ],
)
def test_money(text: str, quantity: dict[str, Any]) -> None:
    assert qjson(text) == [quantity]


# --------------------------------------------------------------------------- size context


def test_bare_number_in_a_size_context() -> None:
    assert qjson("Size: 45,000 (2019)") == [{"value": 45000, "unit": "fighters"}]
    assert qjson("The militia, numbering 3,500, moved south.") == [{"value": 3500, "unit": "fighters"}]
    text = "The force was 40,000-strong in May and grew to 70,000 by July."
    assert qjson(text) == [{"value": 40000, "unit": "fighters"}, {"value": 70000, "unit": "fighters"}]


# --------------------------------------------------------------------------- not wanted


@pytest.mark.parametrize(
    "text",
    [
        "Training lasts from 2 weeks to a month.",
        "The front line was 22 km long.",
        "It held out for more than four years.",
        "See Document no. 845.",
        "Garrison: 3002 Damascus, Syria",
        "It was founded in 2012 and renamed in 2014.",
        "In 2013 Hezbollah fighters arrived.",
        "The 4th Division and the 1st Corps.",
        "One of the commanders left.",
        "It controls 12 villages and 3 checkpoints.",
        "Turnout was 40 percent.",
        "The wall is 5m high.",
        "Hundreds of committees were merged.",
        "He was aged 45 at the time.",
        "The offensive of 20 March 2016 failed.",
    ],
)
def test_not_a_people_or_money_count(text: str) -> None:
    assert find_quantities(text) == [], find_quantities(text)


def test_year_then_count() -> None:
    assert qjson("In 2013, 400 fighters arrived.") == [{"value": 400, "unit": "fighters"}]
    assert qjson("By late 2014 there were ten more dead.") == [{"value": 10, "unit": "killed"}]


# --------------------------------------------------------------------------- doubted


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman said the group has 70,000 fighters (an obvious exaggeration).",
        "A spokesman said the group has 70,000 fighters (likely inflated).",
        "A spokesman said the group has 70,000 fighters, an exaggerated figure.",
        "A spokesman gave an exaggerated figure of 70,000 fighters.",
        "A spokesman said the group has 70,000 fighters [surely implausible].",
    ],
)
def test_doubted(text: str) -> None:
    assert one(text).doubted


def test_not_doubted() -> None:
    assert not one("A spokesman said the group has 7,000 fighters (in four provinces).").doubted
    text = "While 40 fighters were killed, the brigade did not actually retreat."
    assert not one(text).doubted


# --------------------------------------------------------------------------- API


def test_sorted_non_overlapping_and_exact() -> None:
    text = (
        "The brigade, formed in 2014 with about 1,500 men, lost 80 fighters in 2016 and paid "
        "25,000 Syrian pounds a month; by 2018 it had 3,000-4,000 members."
    )
    found = find_quantities(text)
    assert [q.quantity.to_json()["quantity"] for q in found] == [
        {"value": 1500, "approx": True, "unit": "fighters"},
        {"value": 80, "unit": "killed"},
        {"value": 25000, "unit": "SYP/month"},
        {"min": 3000, "max": 4000, "unit": "fighters"},
    ]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for q in found:
        assert text[q.start : q.end] == q.text


# --------------------------------------------------------------------------- speed

PROSE = (
    "The brigade was formed in spring 2014 and had about 1,500 men by late 2015. "
    "Its commander was killed on 3 May 2016 with 12 of his guards; the group said it paid "
    "25,000 Syrian pounds a month. Analysts put its strength at 2000 fighters, although local "
    "sources spoke of fewer, and the offensive cost it dozens of dead over several weeks. "
)


def test_two_megabytes_of_prose_finishes() -> None:
    text = (PROSE * (2_000_000 // len(PROSE) + 1))[:2_000_000]
    with hang_guard():  # catches catastrophic backtracking; speed is measured by the benchmarks
        found = find_quantities(text)
    assert len(found) > 20_000


@pytest.mark.parametrize("unit", ["x", " ", "1", "(", "1,", "one two ", "hundreds of "])
def test_two_megabytes_of_one_pattern_is_linear(unit: str) -> None:
    text = unit * (2_000_000 // len(unit))
    with hang_guard():  # a safety limit against super-linear regex work, not a speed target
        find_quantities(text)


# --------------------------------------------------------------------------- gold annotations


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("orbat_shared_score_q", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_quantities_are_found(shared: Path) -> None:
    """Every gold quantity: is a quantity the scorer would match found inside its
    quote (the document scanned whole)? Prints value and unit hit rates."""
    score = _scorer(shared)
    total = hits = unit_hits = 0
    for path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (shared / "corpus" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        found = find_quantities(text)
        for claim in gold["claims"]:
            if "quantity" not in claim["object"]:
                continue
            qi = text.find(claim["quote"])
            assert qi >= 0
            qe = qi + len(claim["quote"])
            g = claim["object"]["quantity"]
            inside = [q for q in found if q.start < qe and q.end > qi]
            match = [
                q for q in inside if score.objects_match(("Q", g), ("Q", q.quantity.to_json()["quantity"]))
            ]
            total += 1
            hits += bool(match)
            unit_hits += bool(match) and match[0].quantity.unit == g.get("unit")
            if not match or match[0].quantity.unit != g.get("unit"):
                print("  miss", g, [q.quantity.to_json() for q in inside], claim["quote"][:60])
    print(f"\ngold quantities found: {hits}/{total}, with the gold unit: {unit_hits}/{total}")
    assert total >= 15
    assert hits / total >= 0.9
    assert unit_hits / total >= 0.85
