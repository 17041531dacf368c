"""Names typed by their description; branch names and position titles (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.extract.describe import describe
from orbat.extract.spans import Found
from orbat.model import Extraction

Triples = set[tuple[str, str, str]]
#: A title line first, so that the sentences under test are prose, not the document's heading.
TITLE = "Field notes\n\n"


def types(ex: Extraction) -> dict[str, str]:
    return {n.name: n.type for n in ex.nodes}


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # copula, a name the small model calls an organisation or a person
        ("The Nawtura is a Syriac Christian militia in the town of Qamishli.", "Nawtura", "armed_group"),
        ("Harsa Nakhl was a small Palestinian militia based in Yarmouk.", "Harsa Nakhl", "armed_group"),
        # apposition and parenthesis
        (
            "Gharib Shams, a Circassian battalion from Quneitra, fought there in 2015.",
            "Gharib Shams",
            "armed_group",
        ),
        ("Money went to the Suqur Tadmur (a Bedouin militia) for two years.", "Suqur Tadmur", "armed_group"),
        # a description before the name
        (
            "In 2014 the Druze militia Dir al-Watan clashed with rebels near Shahba.",
            "Dir al-Watan",
            "armed_group",
        ),
        # "a militia called / known as X"
        (
            "In Bartella, a militia known as the Ninveh Guardians took over in 2016.",
            "Ninveh Guardians",
            "armed_group",
        ),
        # organisation heads, and a group-like head made non-armed by its modifier
        ("Kharbat is a pro-opposition news outlet.", "Kharbat", "organization"),
        ("Tawazun, a think tank in Beirut, published the figures.", "Tawazun", "organization"),
        ("Rawafed is a media group with offices in Gaziantep.", "Rawafed", "organization"),
        # person heads
        ("Hamsho, a tycoon from Damascus, paid for the checkpoints.", "Hamsho", "person"),
    ],
)
def test_description_types_the_name(
    run: Callable[[str], Extraction], text: str, name: str, type_: str
) -> None:
    got = types(run(TITLE + text))
    assert got.get(name) == type_, got


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The Nawtura is a Syriac Christian militia in the town of Qamishli.", "Syriac Christian"),
        ("Harsa Nakhl, a small Palestinian militia, was set up in 2012.", "Palestinian"),
        ("In 2014 the Druze militia Dir al-Watan clashed with rebels near Shahba.", "Druze"),
        ("Money went to the Suqur Tadmur (a Bedouin militia) for two years.", "Bedouin"),
    ],
)
def test_description_words_are_no_entity(run: Callable[[str], Extraction], text: str, words: str) -> None:
    got = types(run(TITLE + text))
    assert not any(words in n for n in got if n not in {"Nawtura", "Harsa Nakhl", "Dir al-Watan"}), got


def test_description_is_the_group_type(triples: Callable[[str], Triples]) -> None:
    got = triples(TITLE + "The Nawtura is a Syriac Christian militia. Suqur Tadmur (a Bedouin militia) grew.")
    assert ("Nawtura", "group_type", "Syriac Christian militia") in got
    assert ("Suqur Tadmur", "group_type", "Bedouin militia") in got


def test_a_group_typed_by_its_description_is_salient(triples: Callable[[str], Triples]) -> None:
    text = (
        TITLE
        + "Hezbollah has many partners in the area. The Qutb is an Alawite militia in the town of Jableh. "
        "It was founded in 2013 by Nizar Daoud. In 2016 the militia had about 800 men."
    )
    got = triples(text)
    assert ("Qutb", "founded", "2013") in got
    assert ("Qutb", "founded_by", "Nizar Daoud") in got
    assert ("Qutb", "size", "800") in got
    assert not any(s == "Hezbollah" and p in {"founded", "founded_by", "size"} for s, p, _o in got), got


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # a place after a preposition stays a place
        ("In Qaraqosh, a militia of local volunteers formed in 2014.", "Qaraqosh", "place"),
        # a state the gazetteer knows keeps its type
        ("Russia, a major force in the war, sent advisers.", "Russia", "state"),
    ],
)
def test_description_leaves_fixed_names(
    run: Callable[[str], Extraction], text: str, name: str, type_: str
) -> None:
    assert types(run(TITLE + text)).get(name) == type_


def test_describe_adds_a_name_no_recogniser_found() -> None:
    text = "Money went to the Suqur Tadmur (a Bedouin militia)."
    place = Found(text.index("Tadmur"), text.index("Tadmur") + 6, "place", "Tadmur", "gazetteer", 60)
    out = describe(text, [place])
    assert [(f.name, f.type) for f in out] == [("Suqur Tadmur", "armed_group")]


@pytest.mark.parametrize(
    "text",
    ["Meanwhile, a militia from Sinjar moved south.", "Eventually, a militia from Sinjar moved south."],
)
def test_describe_skips_a_sentence_opening_word(text: str) -> None:
    assert describe(text, []) == []


def test_plural_units_in_listed_places_are_the_network(run: Callable[[str], Extraction]) -> None:
    text = TITLE + "Volunteers joined several Coastal Shield Forces units in Baniyas and Jableh in 2013."
    ex = run(text)
    names = types(ex)
    assert not any("units in" in n for n in names), names
    by_id = {n.id: n.name for n in ex.nodes}
    places = {
        by_id[c.object.to_json()["entity"]]
        for c in ex.claims
        if c.predicate == "operates_in" and by_id[c.subject] == "Coastal Shield Forces"
    }
    assert places == {"Baniyas", "Jableh"}


def test_one_unit_in_one_place_is_still_a_branch(run: Callable[[str], Extraction]) -> None:
    names = types(run(TITLE + "Later an NDF unit in Salamiyah recruited local men."))
    assert any(n.startswith("NDF unit in Salamiyah") or n == "Salamiyah NDF" for n in names), names


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        (
            "The brigade had 900 men in 2016, according to the researcher Nadia Karim.",
            "Nadia Karim",
            "researcher",
        ),
        ("The unit, said the analyst Omar Zein, was disbanded.", "Omar Zein", "analyst"),
        (
            "It answered to a directorate that Brigadier General Fadi Aswad ran.",
            "Fadi Aswad",
            "Brigadier General",
        ),
    ],
)
def test_position_is_a_role_phrase_not_its_frame(
    triples: Callable[[str], Triples], text: str, person: str, title: str
) -> None:
    got = {(s, o) for s, p, o in triples(TITLE + text) if p == "position"}
    assert (person, title) in got, got


def test_plural_noun_is_no_role(triples: Callable[[str], Triples]) -> None:
    got = triples(TITLE + "The battalion honours Abu Dharr, a figure whom many members admire.")
    assert not any(p == "position" for _s, p, _o in got), got
