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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a descriptor between "by" and the founders' names
        (
            "The Falcon Brigade was raised in 2014 by the cousins Karim Haddad and Samir Haddad.",
            {
                ("Falcon Brigade", "founded_by", "Karim Haddad"),
                ("Falcon Brigade", "founded_by", "Samir Haddad"),
                ("Karim Haddad", "relative_of", "Samir Haddad"),
            },
        ),
        (
            "The Falcon Brigade was set up by the contractor Walid Nasr.",
            {("Falcon Brigade", "founded_by", "Walid Nasr")},
        ),
        # a relative clause of founding, on an apposition or after an origin verb
        (
            "The Falcon Brigade fought beside the Coastal Shield Brigade, a small militia that Walid Nasr "
            "formed in 2015.",
            {
                ("Coastal Shield Brigade", "founded_by", "Walid Nasr"),
                ("Coastal Shield Brigade", "founded", "2015"),
            },
        ),
        (
            "The Falcon Brigade began as a small unit of the Republican Guard that Colonel Walid Nasr started "
            "organising in early 2012.",
            {
                ("Falcon Brigade", "founded_by", "Walid Nasr"),
                ("Falcon Brigade", "founded", "2012"),
            },
        ),
        (
            "The Falcon Brigade evolved from a reconnaissance company of the Republican Guard.",
            {("Falcon Brigade", "part_of", "Republican Guard")},
        ),
        (
            "The Falcon Brigade grew in 2014. In 2018 it was put under the direct command of the 5th Corps.",
            {("Falcon Brigade", "part_of", "5th Corps")},
        ),
        # participation in a list of events, the preposition repeated
        (
            "The Falcon Brigade fought in the Hama offensive of April 2017 and in the 2018 Daraa offensive.",
            {
                ("Falcon Brigade", "participated_in", "Hama offensive"),
                ("Falcon Brigade", "participated_in", "2018 Daraa offensive"),
            },
        ),
        # support given to the group or to its operations; paid for by
        (
            "The Falcon Brigade grew in 2014. Iran offered artillery support to most of its operations.",
            {("Falcon Brigade", "supported_by", "Iran")},
        ),
        (
            "The Falcon Brigade was paid for by Walid Nasr.",
            {("Falcon Brigade", "supported_by", "Walid Nasr")},
        ),
        # members listed as the leader's deputies
        (
            "Walid Nasr has commanded the Falcon Brigade since 2014; his lieutenants have included Fadi Saleh.",
            {("Falcon Brigade", "member", "Fadi Saleh")},
        ),
        # a place named with its possessor
        ("The Falcon Brigade recruited in Hama's Karm camp.", {("Karm camp", "located_in", "Hama")}),
        # an adverb before "among"; a quantified direct object of "recruited"
        (
            "The Falcon Brigade recruited mostly among Bedouin herders.",
            {("Falcon Brigade", "composition", "Bedouin herders")},
        ),
        (
            "The Falcon Brigade recruited many unemployed mechanics and paid them well.",
            {("Falcon Brigade", "composition", "unemployed mechanics")},
        ),
        # an estimate with no noun, in a sentence about the group's size
        (
            "The Falcon Brigade grew in 2014. Estimates of its strength differ: the brigade claimed 4,000 "
            "fighters, while analysts put the number at around 1,500.",
            {("Falcon Brigade", "size", "1500")},
        ),
    ],
)
def test_unseen_phrasings(triples: Callable[[str], Triples], text: str, expected: Triples) -> None:
    got = triples(text)
    assert expected <= got, got


def test_relative_clause_takes_its_antecedent_as_subject(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "The Falcon Brigade: an overview\n\nApart from the Coastal Shield Brigade that was formed in 2013, "
        "the city has its own militia, the Falcon Brigade."
    )
    assert ("Coastal Shield Brigade", "founded", "2013") in got, got


def test_contrast_names_no_subject(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "Unlike the Coastal Shield Brigade, the Falcon Forces were never a local militia. "
        "The force numbered about 3,000 fighters."
    )
    assert ("Falcon Forces", "size", "3000") in got, got
    assert ("Coastal Shield Brigade", "size", "3000") not in got, got


def test_possessive_heading_is_about_the_group(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "Walid Nasr's Falcon Forces: a profile\n\nFew units were as feared as the Falcon Forces. "
        "The unit numbered about 3,000 fighters."
    )
    assert ("Falcon Forces", "size", "3000") in got, got


def test_news_lede_is_no_title(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "HAMA — The Falcon Brigade, a militia that fought for the government around Hama, said on Monday "
        "that 9 of its fighters had been killed.\n\nThe statement added that the brigade had lost more than "
        "500 fighters since its foundation."
    )
    assert ("Falcon Brigade", "casualties", "500") in got, got


def test_classification_is_no_alliance(triples: Callable[[str], Triples]) -> None:
    got = triples("The Falcon Brigade grew. Its fighters are often lumped together with the 5th Corps.")
    assert ("Falcon Brigade", "allied_with", "5th Corps") not in got, got


def test_members_are_not_the_commander(triples: Callable[[str], Triples]) -> None:
    got = triples("The Falcon Brigade grew in 2014. Its commander is Walid Nasr.")
    assert ("Falcon Brigade", "member", "Walid Nasr") not in got, got


def test_a_noun_for_people_types_the_names_after_it(run: Callable[[str], Extraction]) -> None:
    ex = run("The Falcon Brigade was raised in 2014 by the cousins Karim Haddad and Samir Haddad.")
    types = {n.name: n.type for n in ex.nodes}
    assert types.get("Karim Haddad") == "person" and types.get("Samir Haddad") == "person", types


def test_a_conjunction_ends_an_arabic_unit_name(run: Callable[[str], Extraction]) -> None:
    ex = run("The Falcon Brigade fought Jaysh al-Izza and the Islamic State near Hama.")
    names = {n.name for n in ex.nodes}
    assert "Jaysh al-Izza" in names and not any(n.endswith(" and") for n in names), names


def test_an_organization_sharing_a_core_stays_apart(run: Callable[[str], Extraction]) -> None:
    ex = run("The Golan Liberation Army grew in 2013. The Golan Liberation Organization sent it money.")
    nodes = {n.name: set(n.names) for n in ex.nodes}
    assert "Golan Liberation Organization" not in nodes.get("Golan Liberation Army", set()), nodes


def test_an_institution_head_still_names_the_network(run: Callable[[str], Extraction]) -> None:
    ex = run("The Coastal Shield Forces grew in 2013. The Coastal Shield Institution paid its men.")
    nodes = {n.name: set(n.names) for n in ex.nodes}
    assert "Coastal Shield Institution" in nodes.get("Coastal Shield Forces", set()), nodes


def test_a_backer_in_a_compound_is_a_state_of_its_own(triples: Callable[[str], Triples]) -> None:
    got = triples("The Falcon Brigade is allied with the Turkish-backed Sultan Murad Division.")
    assert ("Falcon Brigade", "allied_with", "Sultan Murad Division") in got, got
    assert any(s == "Sultan Murad Division" and p == "supported_by" for s, p, _o in got), got
    assert not any(
        s == "Falcon Brigade" and p == "allied_with" and o != "Sultan Murad Division" for s, p, o in got
    )


def test_a_name_after_a_compound_modifier_is_still_a_prepositional_object(
    triples: Callable[[str], Triples],
) -> None:
    got = triples(
        "The Falcon Brigade is allied with the Turkish-backed Sultan Murad Division, with which it holds positions near Azaz."
    )
    assert ("Falcon Brigade", "operates_in", "Azaz") in got, got


# -- salience over names, possessives, appositions (coref.v5, engine.v6) -----------------------------


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a name after another name and "and" is still the preposition's object, not a subject
        (
            "The Cedar Brigade was formed in 2015. It works with the Lebanese government and the Mountain "
            "Guards. In 2017 the militia numbered about 400 men.",
            {("Cedar Brigade", "size", "400")},
            {("Mountain Guards", "size", "400")},
        ),
        # a quantifier between the preposition and the name ("in several X units")
        (
            "The Oak Brigade was set up in 2014. Its sponsor paid fighters in the Stone Battalion and in "
            "several River Regiment units. It fought against the Islamic State near Hama.",
            {("Oak Brigade", "opposed", "Islamic State")},
            {("River Regiment", "opposed", "Islamic State")},
        ),
        # a name given after "known as" names the subject of its clause
        (
            "The Unity Party's armed branch, known as the Unity Guards, was formed in 2012. It fought against "
            "Jabhat al-Nusra in 2015.",
            {("Unity Guards", "part_of", "Unity Party"), ("Unity Guards", "opposed", "Jabhat al-Nusra")},
            set(),
        ),
        # a group joined is the object of "join", not the subject of what follows
        (
            "The Reed Battalion grew in 2013. In 2019 its men were told to join the 4th Division or the 5th "
            "Corps; the militia was dissolved in May 2019.",
            {("Reed Battalion", "dissolved", "2019-05")},
            {("5th Corps", "dissolved", "2019-05"), ("4th Division", "dissolved", "2019-05")},
        ),
    ],
)
def test_salience_over_names(
    triples: Callable[[str], Triples], text: str, expected: Triples, absent: Triples
) -> None:
    got = triples(text)
    assert expected <= got, got
    assert not (absent & got), got


def test_a_clause_after_that_is_no_prepositional_object() -> None:
    from orbat.extract.coref import object_of_preposition

    text = "Sources told Xxxxxxxxxxx that Xxxxxxxxxx holds the hill."
    assert not object_of_preposition(text, text.index("Xxxxxxxxxx holds"))
    text = "It works with the Xxxxxxxxxxxxxxxx and the Xxxxxxxxxxxxx."
    assert object_of_preposition(text, text.index("Xxxxxxxxxxxxx."))


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a possessive name before the object is its modifier
        (
            "The Sand Brigade received training from Iran's Quds Force.",
            {("Sand Brigade", "supported_by", "Quds Force")},
            {("Sand Brigade", "supported_by", "Iran")},
        ),
        # leaders in apposition after a possessive, a relative clause, a describing noun
        (
            "The Ash Brigade was formed in 2012. Its first commander, Samir Haddad, was killed in 2016.",
            {("Ash Brigade", "leader", "Samir Haddad")},
            set(),
        ),
        (
            "The Ash Brigade was formed in 2012. The group's long-serving commander, Omar Nasser, left in 2016.",
            {("Ash Brigade", "leader", "Omar Nasser")},
            set(),
        ),
        (
            "The Ash Brigade was formed in 2012. Karim Saleh, who has led the group since 2018, lives in Hama.",
            {("Ash Brigade", "leader", "Karim Saleh")},
            set(),
        ),
        (
            "The Olive Foundation was a charity run by the businessman Fadi Younes.",
            {("Olive Foundation", "leader", "Fadi Younes")},
            set(),
        ),
        # backers that train, arm or pay
        (
            "The Pine Regiment was raised in 2014 by the Quds Force, which still trains, arms and pays its fighters.",
            {("Pine Regiment", "supported_by", "Quds Force")},
            set(),
        ),
        (
            "The Pine Regiment was raised in 2014. Hezbollah continued to pay part of its salaries.",
            {("Pine Regiment", "supported_by", "Hezbollah")},
            set(),
        ),
        (
            "The Cedar Foundation paid the salaries of fighters in the Olive Brigade.",
            {("Olive Brigade", "supported_by", "Cedar Foundation")},
            set(),
        ),
        # emerging is founding; "fight in", "guarded X's sites in" say where a group operates
        (
            "The Reed Battalion emerged in early 2013 near Hama and guarded Omar Nasser's farms in Salamiyah.",
            {("Reed Battalion", "founded", "2013"), ("Reed Battalion", "operates_in", "Salamiyah")},
            set(),
        ),
        (
            "The Reed Battalion was raised by the Quds Force to fight in Syria.",
            {("Reed Battalion", "operates_in", "Syria")},
            {("Quds Force", "operates_in", "Syria")},
        ),
        # pay per month without the word "salary"
        (
            "The Reed Battalion grew in 2014. A fighter earned about 30,000 Syrian pounds a month.",
            {("Reed Battalion", "salary", "30000")},
            set(),
        ),
        # who a group recruits: "recruited X men from Y"
        (
            "The Reed Battalion recruited Sunni men from the villages around Hama.",
            {("Reed Battalion", "composition", "Sunni men from the villages around Hama")},
            set(),
        ),
        # an office of a department is part of it
        (
            "The Department of Finance's Office of Asset Control listed the man.",
            {("Office of Asset Control", "part_of", "Department of Finance")},
            set(),
        ),
    ],
)
def test_rule_phrasings_round_six(
    triples: Callable[[str], Triples], text: str, expected: Triples, absent: Triples
) -> None:
    got = triples(text)
    assert expected <= got, got
    assert not (absent & got), got
