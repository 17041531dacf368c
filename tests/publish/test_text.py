"""Words for publishing: EDTF dates in English, English meanings of unit names, escaping."""

from __future__ import annotations

import pytest

from orbat.model.values import Quantity
from orbat.publish.prose import hedged
from orbat.publish.render_md import md_escape
from orbat.publish.text import (
    date_noun,
    date_when,
    display_name,
    english_meaning,
    quantity_words,
    with_article,
)


@pytest.mark.parametrize(
    ("edtf", "noun", "when"),
    [
        ("2012", "2012", "in 2012"),
        ("2012-06", "June 2012", "in June 2012"),
        ("2012-11-01", "1 November 2012", "on 1 November 2012"),
        ("2016-21", "spring 2016", "in spring 2016"),
        ("2012~", "about 2012", "around 2012"),
        ("2012?", "2012 (uncertain)", "possibly in 2012"),
        ("2012/2013", "between 2012 and 2013", "between 2012 and 2013"),
        ("[2012..2013]", "between 2012 and 2013", "between 2012 and 2013"),
        ("..2013-12", "December 2013 or earlier", "by December 2013"),
    ],
)
def test_dates_read_as_english(edtf: str, noun: str, when: str):
    assert date_noun(edtf) == noun
    assert date_when(edtf) == when


@pytest.mark.parametrize(
    ("name", "meaning"),
    [
        ("Liwa al-Baqir", "the Baqir Brigade"),
        ("Katibat al-Nayrab", "the Nayrab Battalion"),
        ("Fawj al-Safira", "the Safira Regiment"),
        ("Quwat al-Difa al-Watani", "the National Defense Forces"),
        ("Quwat al-Difa al-Mahalli", "the Local Defense Forces"),
        ("Kata'ib al-Baath", "the Baath Battalions"),
        ("Baqir Brigade", None),  # already English
        ("لواء الباقر", None),  # Arabic script: no transliteration here
        ("Hezbollah", None),
    ],
)
def test_english_meaning_from_the_glossary(name: str, meaning: str | None):
    assert english_meaning(name) == meaning


def test_names_inside_sentences_take_the_article_they_need():
    assert display_name("Local Defence Forces", "armed_group") == "the Local Defence Forces"
    assert display_name("battle of al-Haffa", "event") == "the battle of al-Haffa"
    assert display_name("Liwa al-Baqir", "armed_group") == "Liwa al-Baqir"
    assert display_name("Khalid al-Hassan", "person") == "Khalid al-Hassan"
    assert display_name("Iran", "state") == "Iran"
    assert display_name("United States", "state") == "the United States"


def test_quantities_and_articles():
    assert quantity_words(Quantity(value=2000, approx=True, unit="fighters")) == "about 2,000 fighters"
    assert quantity_words(Quantity(min=8000, max=12000, unit="fighters")) == "8,000 to 12,000 fighters"
    assert quantity_words(Quantity(value=25000, unit="SYP/month")) == "25,000 SYP a month"
    assert with_article("auxiliary militia network") == "an auxiliary militia network"
    assert with_article("pro-regime militia") == "a pro-regime militia"


def test_markdown_escaping_neutralises_markup():
    assert md_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_escape("*bold* [link](x) | cell") == "\\*bold\\* \\[link\\](x) \\| cell"


@pytest.mark.parametrize(
    ("hedge", "claimed_by", "sentence"),
    [
        ("reported", ["The group"], "According to the group, X has 300 fighters"),
        ("reported", ["The Washington Post"], "According to The Washington Post, X has 300 fighters"),
        (
            "reported",
            ["Its Facebook page", "Levant Monitor"],
            "According to its Facebook page and Levant Monitor, X has 300 fighters",
        ),
        (
            "doubted",
            ["The brigade"],
            "The brigade claims that X has 300 fighters, but the source disputes this",
        ),
    ],
)
def test_claimants_read_as_part_of_a_sentence(hedge: str, claimed_by: list[str], sentence: str) -> None:
    assert hedged("", "X has 300 fighters", hedge, claimed_by) == sentence
