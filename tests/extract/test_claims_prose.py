"""Subject attribution and rule phrasings for prose in general (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.model import Extraction

Triples = set[tuple[str, str, str]]


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a name further along a coordinated prepositional object is no clause subject
        (
            "The Falcon Brigade grew in 2014. Last year its media showed joint raids with Hezbollah and the "
            "Afghan militia Liwa Fatemiyoun near Deraa, and fighting against the Islamic State near Sukhnah.",
            {
                ("Falcon Brigade", "opposed", "Islamic State"),
                ("Falcon Brigade", "allied_with", "Liwa Fatemiyoun"),
            },
            {("Liwa Fatemiyoun", "opposed", "Islamic State")},
        ),
        # a possessive before an apposition modifies the subject, it is not the subject
        (
            "The Shield Battalions, the Movement's armed arm, stand next to the Syrian Arab Army.",
            {("Shield Battalions", "allied_with", "Syrian Arab Army")},
            {("Movement", "allied_with", "Syrian Arab Army")},
        ),
    ],
)
def test_subject_attribution(
    triples: Callable[[str], Triples], text: str, expected: Triples, absent: Triples
) -> None:
    got = triples(text)
    assert expected <= got, got
    assert not (absent & got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Eagle Battalions predate the war; for years the group had been the Union Party's armed wing.",
            {("Eagle Battalions", "part_of", "Union Party")},
        ),
        (
            "The Desert Hawks grew in 2013. Its women's wing, the Desert Lionesses Brigade, was raised in 2014.",
            {("Desert Lionesses Brigade", "part_of", "Desert Hawks")},
        ),
        (
            "The Shield Brigade, which answered to the Ministry of Interior, was small.",
            {("Shield Brigade", "part_of", "Ministry of Interior")},
        ),
        (
            "Sources say the Coastal Forces created the Shield Brigade in 2016, under the wing of the Afghan "
            "militia Liwa Fatemiyoun.",
            {("Shield Brigade", "part_of", "Liwa Fatemiyoun")},
        ),
        (
            "The Shield Brigade grew in 2014. For its first year it operated under the Afghan militia "
            "Liwa Fatemiyoun.",
            {("Shield Brigade", "part_of", "Liwa Fatemiyoun")},
        ),
        (
            "The Shield Brigade was the largest of the militias that made up Homs's Coastal Forces.",
            {("Shield Brigade", "part_of", "Coastal Forces")},
        ),
        (
            "The Shield Brigade takes its name from the tenth-century poet Abu Firas al-Hamdani.",
            {("Shield Brigade", "named_after", "Abu Firas al-Hamdani")},
        ),
        (
            "The Shield Brigade grew in 2014. In the 2020 elections it backed a nominally independent "
            "candidate, Fares Shehabi.",
            {("Shield Brigade", "endorsed", "Fares Shehabi")},
        ),
        (
            "The Shield Brigade grew in 2014. Ali Saleh, the brigade-backed independent who won a seat in "
            "2016, spoke.",
            {("Shield Brigade", "endorsed", "Ali Saleh")},
        ),
        (
            "The Shield Brigade grew in 2014. Its weapons were originally handed over by Liwa Fatemiyoun.",
            {("Shield Brigade", "supported_by", "Liwa Fatemiyoun")},
        ),
        (
            "The Shield Brigade grew. Russian and Hezbollah instructors trained recruits in night fighting.",
            {("Shield Brigade", "supported_by", "Hezbollah")},
        ),
        (
            "Liwa Fatemiyoun runs its own operations from the Tiyas airbase in Homs.",
            {("Liwa Fatemiyoun", "headquarters", "Tiyas airbase")},
        ),
        (
            "The Hawks Brigade grew in 2013. Six comrades from Hama have given their lives.",
            {("Hawks Brigade", "casualties", "6")},
        ),
        (
            "The Hawks Brigade grew. It is much larger and has buried hundreds of fighters.",
            {("Hawks Brigade", "casualties", "200")},
        ),
        (
            "The Hawks Brigade grew. A 2019 leaflet gave its strength as 7,000 in 2018.",
            {("Hawks Brigade", "size", "7000")},
        ),
    ],
)
def test_new_phrasings(triples: Callable[[str], Triples], text: str, expected: Triples) -> None:
    got = triples(text)
    assert expected <= got, got


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # "The brigade ..." opening a sentence makes the brigade salient again
        (
            "The Shield Brigade grew in 2014. The Coastal Forces launched it in 2013. The brigade did not "
            "start out alone. For its first year it operated under the Afghan militia Liwa Fatemiyoun.",
            {("Shield Brigade", "part_of", "Liwa Fatemiyoun")},
            {("Coastal Forces", "part_of", "Liwa Fatemiyoun")},
        ),
        # a name followed by "officers" is a modifier: the group is not what the next sentence is about
        (
            "The Hawks Forces grew in 2013. Army officers came to prefer the force. The main headquarters "
            "was in Damascus.",
            {("Hawks Forces", "headquarters", "Damascus")},
            {("Army", "headquarters", "Damascus"), ("Hawks Forces", "facility", "Damascus")},
        ),
        # a sentence opening with "The network" is about the network, not the first branch it lists
        (
            "The Hawks Forces grew in 2013. The network worked through branches: the Hama Hawks Forces and "
            "the Homs Hawks Forces. In its last years the national command was held by Brigadier-General "
            "Samir Haddad.",
            {("Hawks Forces", "leader", "Samir Haddad")},
            {("Hama Hawks Forces", "leader", "Samir Haddad")},
        ),
        # an acronym in parentheses is another name of the name before it, not a clause subject
        (
            "Analysts describe the Hawks Network as backed by the Revolutionary Guard Corps (RGC) and "
            "reportedly answering to it.",
            set(),
            {("RGC", "part_of", "Hawks Network"), ("Revolutionary Guard Corps", "part_of", "Hawks Network")},
        ),
        # "answering to its own commander" names no group
        (
            "The Hawks Forces grew in 2013. The network had branches in Hama and Homs, each answering to its "
            "own commander.",
            set(),
            {("Hawks Forces", "part_of", "Hawks Forces")},
        ),
        # the second name of a list is not the subject of the instructors' training
        (
            "The Shield Brigade grew. Russian and Hezbollah instructors trained recruits.",
            {("Shield Brigade", "supported_by", "Hezbollah")},
            {("Hezbollah", "supported_by", "Hezbollah")},
        ),
    ],
)
def test_salience_and_attribution(
    triples: Callable[[str], Triples], text: str, expected: Triples, absent: Triples
) -> None:
    got = triples(text)
    assert expected <= got, got
    assert not (absent & got), got


def test_pronoun_is_not_the_helper(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "The Hawks Forces grew in 2013. Omar Saleh, the Quds Force commander killed in a strike in 2020, is "
        "credited with overseeing the creation of the force, and Hezbollah helped to train its recruits."
    )
    assert {
        ("Hawks Forces", "supported_by", "Hezbollah"),
        ("Hawks Forces", "supported_by", "Omar Saleh"),
    } <= got
    assert not any(s == "Hezbollah" and p == "supported_by" for s, p, _o in got), got
    assert ("Hawks Forces", "supported_by", "Quds Force") not in got


def test_a_bound_is_not_a_founding_date(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "The Hawks Brigade grew. Sources put its total dead since it was formed, up to the start of 2016, at 300."
    )
    assert not any(p == "founded" for _s, p, _o in got), got


def test_branch_named_by_unit_word_gets_the_short_form(run: Callable[[str], Extraction]) -> None:
    ex = run("Sami Haddad's NDF unit in Qusayr is the best-known case.")
    names = {n for node in ex.nodes for n in node.names}
    assert "Qusayr NDF" in names, names


def test_event_reference_and_coordinated_subjects(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "During the rebels' 2014 Hama offensive the Hawks Brigade held the line. In fact the 5th Corps, the "
        "army's Republican Guard and the Desert Falcons Brigade all fought in the same battle."
    )
    assert {
        ("5th Corps", "participated_in", "2014 Hama offensive"),
        ("Republican Guard", "participated_in", "2014 Hama offensive"),
        ("Desert Falcons Brigade", "participated_in", "2014 Hama offensive"),
    } <= got, got


def test_list_after_a_preposition_is_no_subject(triples: Callable[[str], Triples]) -> None:
    got = triples("The Hawks Brigade fought alongside Hezbollah and Liwa Fatemiyoun near Hama in 2016.")
    assert not any(s in {"Hezbollah", "Liwa Fatemiyoun"} and p == "operates_in" for s, p, _o in got), got


def test_event_named_with_its_possessor(run: Callable[[str], Extraction]) -> None:
    ex = run("The Hawks Brigade lost ground during the rebels' May 2015 offensive.")
    names = {n for node in ex.nodes if node.type == "event" for n in node.names}
    assert "the rebels' May 2015 offensive" in names, names
