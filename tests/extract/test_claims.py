"""Each predicate's rules on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.model import Extraction

Triples = set[tuple[str, str, str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Desert Falcons Brigade was set up in 2013 by Iran.",
            {("Desert Falcons Brigade", "founded", "2013"), ("Desert Falcons Brigade", "founded_by", "Iran")},
        ),
        (
            "Liwa al-Quds, a militia based in Aleppo, was disbanded in May 2019.",
            {("Liwa al-Quds", "headquarters", "Aleppo"), ("Liwa al-Quds", "dissolved", "2019-05")},
        ),
        (
            "The Hawks Brigade is led by Samir Haddad. Hezbollah leader Hassan Nasrallah praised it.",
            {("Hawks Brigade", "leader", "Samir Haddad"), ("Hezbollah", "leader", "Hassan Nasrallah")},
        ),
        (
            "The Coastal Shield Forces consists of several local militias such as Liwa Jabal (The Mountain "
            "Brigade) and Katibat al-Bahr.",
            {
                ("Liwa Jabal", "part_of", "Coastal Shield Forces"),
                ("Katibat al-Bahr", "part_of", "Coastal Shield Forces"),
            },
        ),
        (
            "Liwa al-Quds fought alongside Hezbollah against the Islamic State.",
            {("Liwa al-Quds", "allied_with", "Hezbollah"), ("Liwa al-Quds", "opposed", "Islamic State")},
        ),
        (
            "The Tiger Battalion received salaries and weapons from Iran.",
            {("Tiger Battalion", "supported_by", "Iran")},
        ),
        (
            "The Hawks Brigade has training camps in the villages of Kafr Aya and Tal Hamra.",
            {("Hawks Brigade", "facility", "Kafr Aya"), ("Hawks Brigade", "facility", "Tal Hamra")},
        ),
        (
            "The Hawks Brigade took part in the battle of Qusayr in 2013.",
            {
                ("Hawks Brigade", "participated_in", "battle of Qusayr"),
                ("battle of Qusayr", "located_in", "Qusayr"),
            },
        ),
        (
            "The Hawks Brigade has 3,000 fighters and lost 120 fighters in 2016.",
            {("Hawks Brigade", "size", "3000"), ("Hawks Brigade", "casualties", "120")},
        ),
        (
            "Liwa al-Quds is named after the seventh-century commander Omar Saleh.",
            {("Liwa al-Quds", "named_after", "Omar Saleh")},
        ),
        (
            "The Hawks Brigade threw its weight behind a candidate called Omar Saleh.",
            {("Hawks Brigade", "endorsed", "Omar Saleh")},
        ),
        (
            "Tal Hamra [a village in the Qusayr district] was shelled.",
            {("Tal Hamra", "located_in", "Qusayr district")},
        ),
        (
            "Samir Haddad was killed in battle in Qusayr in April 2015.",
            {("Samir Haddad", "died", "2015-04")},
        ),
    ],
)
def test_claims_rules_per_predicate(triples: Callable[[str], Triples], text: str, expected: Triples) -> None:
    got = triples(text)
    assert expected <= got, got


def test_claims_text_predicates(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "The Hawks Brigade is a pro-government paramilitary militia. Its duties involve guarding checkpoints, "
        "escorting convoys and conducting patrols. The Hawks Brigade has been accused of looting villages. "
        "The Syrian President Bashar al-Assad praised the Lebanese singer Ali Hamdan."
    )
    assert ("Hawks Brigade", "group_type", "pro-government paramilitary militia") in got
    assert ("Hawks Brigade", "activity", "guarding checkpoints") in got
    assert ("Hawks Brigade", "activity", "conducting patrols") in got
    assert ("Hawks Brigade", "accused_of", "looting villages") in got
    assert ("Bashar al-Assad", "position", "Syrian President") in got
    assert ("Ali Hamdan", "position", "Lebanese singer") in got


def test_claims_alias_and_acronym(run: Callable[[str], Extraction]) -> None:
    ex = run("The Coastal Shield Forces (CSF) grew quickly. Later the CSF moved to Tartus.")
    nodes = [n for n in ex.nodes if n.type == "armed_group"]
    assert len(nodes) == 1 and "CSF" in nodes[0].names
    assert any(c.predicate == "alias" and c.object.to_json() == {"text": "CSF"} for c in ex.claims)
    assert sum(1 for m in ex.mentions if m.node == nodes[0].id) == 3


def test_claims_regional_branch(triples: Callable[[str], Triples]) -> None:
    got = triples("The National Guard Forces (NGF) are large. The Hama NGF was one of its first centers.")
    assert ("Hama NGF", "part_of", "National Guard Forces") in got
    assert ("Hama NGF", "operates_in", "Hama") in got


def test_claims_coreference_to_last_group(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "The Hawks Brigade grew in 2014. Katibat al-Bahr was smaller. The brigade was founded in June 2013 in Homs."
    )
    assert ("Hawks Brigade", "founded", "2013-06") in got


def test_claims_heading_sets_the_subject(triples: Callable[[str], Triples]) -> None:
    got = triples("= Liwa al-Quds =\n\n== Role ==\nThe group operates in Aleppo and has 2,000 fighters.\n")
    assert ("Liwa al-Quds", "operates_in", "Aleppo") in got
    assert ("Liwa al-Quds", "size", "2000") in got


def test_claims_quoted_post_is_attributed(run: Callable[[str], Extraction]) -> None:
    text = (
        "Liwa al-Quds grew fast.\n"
        "A March 2015 post by an affiliated Telegram channel states:\n"
        "“Our fighters were deployed in Aleppo and the brigade lost 20 fighters.”\n"
    )
    ex = run(text)
    cas = [c for c in ex.claims if c.predicate == "casualties"]
    assert cas
    q = cas[0].qualifiers
    assert q.hedge == "reported"
    assert q.claimed_by == "an affiliated Telegram channel"


def test_claims_doubted_and_reported_hedges(run: Callable[[str], Extraction]) -> None:
    ex = run("According to a spokesman, the Hawks Brigade totals 90,000 fighters (an obvious exaggeration).")
    size = [c for c in ex.claims if c.predicate == "size"]
    assert size and size[0].qualifiers.hedge == "doubted"


def test_claims_infobox(triples: Callable[[str], Triples]) -> None:
    text = (
        "= Coastal Shield Forces =\n\nInfobox\n- Unit Name: Coastal Shield Forces\n"
        "- Dates: 3 May 2013 – 9 June 2020\n- Type: Militia, Auxiliary force\n- Size: 4,000 (2016)\n"
        "- Battles: Battle of Tal Hamra (2014), Qusayr offensive (2015)\n- Commander1: Brig. Gen. Samir Haddad\n"
        "- Commander1 Label: Chief of staff\n\nThe Coastal Shield Forces was a militia.\n"
    )
    got = triples(text)
    assert ("Coastal Shield Forces", "founded", "2013-05-03") in got
    assert ("Coastal Shield Forces", "dissolved", "2020-06-09") in got
    assert ("Coastal Shield Forces", "participated_in", "Battle of Tal Hamra (2014)") in got
    assert ("Coastal Shield Forces", "participated_in", "Qusayr offensive (2015)") in got
    assert ("Coastal Shield Forces", "leader", "Samir Haddad") in got
    assert ("Coastal Shield Forces", "size", "4000") in got
    assert ("Coastal Shield Forces", "group_type", "Militia") in got


def test_claims_infobox_relation_fields(triples: Callable[[str], Triples]) -> None:
    """Fields that list entities or short texts: each item is a claim of the field's predicate,
    and only items of a type the predicate takes (a place under "Allies" is no ally)."""
    text = (
        "Harbour Guard Battalion\n\nInfobox\n- Active: 2014–present\n"
        "- Part of: National Defense Forces\n- Allies: Hezbollah, Russia, Tartus\n"
        "- Opponents: Jabhat al-Nusra\n- Area of operations: Tartus Governorate, Baniyas\n"
        "- Ideology: Baathism; Syrian nationalism\n- Nicknames: the Harbour Men\n"
        "- Notable commanders: Yusuf Mahfouz\n\n"
        "The Harbour Guard Battalion is a militia of dockworkers.\n"
    )
    got = triples(text)
    subject = "Harbour Guard Battalion"
    assert (subject, "founded", "2014") in got
    assert (subject, "part_of", "National Defense Forces") in got
    assert (subject, "allied_with", "Hezbollah") in got
    assert (subject, "allied_with", "Russia") in got
    assert (subject, "opposed", "Jabhat al-Nusra") in got
    assert (subject, "operates_in", "Baniyas") in got
    assert (subject, "ideology", "Baathism") in got
    assert (subject, "ideology", "Syrian nationalism") in got
    assert (subject, "alias", "the Harbour Men") in got
    assert (subject, "leader", "Yusuf Mahfouz") in got
    assert not any(p == "allied_with" and o == "Tartus" for _s, p, o in got)


def test_claims_relative_and_short_name(triples: Callable[[str], Triples]) -> None:
    got = triples("Samir Haddad leads the Hawks Brigade. In 2016 the brigade mourned Samir's brother.")
    assert ("Samir Haddad", "relative_of", "Samir's brother") in got or (
        "Samir",
        "relative_of",
        "Samir's brother",
    ) in got


# --- rules added for recall on other writers' prose (sentences written for these tests) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Hawks Brigade is composed mainly of members of the Ismaili and Druze communities.",
            {
                ("Hawks Brigade", "composition", "Ismaili"),
                ("Hawks Brigade", "composition", "Druze communities"),
            },
        ),
        (
            "The Tigers Brigade grew in 2014. Most of its fighters were Shammar tribesmen.",
            {("Tigers Brigade", "composition", "Shammar")},
        ),
        (
            "The Tigers Brigade grew in 2014. The majority of its members are farmers from the plain.",
            {("Tigers Brigade", "composition", "farmers from the plain")},
        ),
        (
            "The Hawks Brigade grew in 2013. Since then, Shabiha members have been incorporated into its ranks.",
            {("Hawks Brigade", "composition", "Shabiha members")},
        ),
        (
            "Samir Haddad, a commander of the brigade, who was killed in battle near Palmyra in May 2016, "
            "was buried in Homs.",
            {("Samir Haddad", "died", "2016-05")},
        ),
        (
            "Omar Saleh, the Quds Force commander killed in an air strike in January 2020, visited Aleppo.",
            {("Omar Saleh", "died", "2020-01")},
        ),
        (
            "The Hawks Brigade buried three martyrs, the fighters Ali Sharif, Omar Fayyad and Sami Nasr, in 2013.",
            {("Ali Sharif", "died", "2013"), ("Sami Nasr", "died", "2013")},
        ),
        (
            "Omar Fayyad, the candidate the brigade backed in 2016, is Hassan Fayyad's brother.",
            {("Hassan Fayyad", "relative_of", "Omar Fayyad")},
        ),
        (
            "The Hawks Brigade grew in 2013. It advertises its closeness to Hezbollah and describes joint "
            "operations with Harakat al-Nujaba in the south.",
            {
                ("Hawks Brigade", "allied_with", "Hezbollah"),
                ("Hawks Brigade", "allied_with", "Harakat al-Nujaba"),
            },
        ),
        (
            "The Hawks Brigade serves next to the Syrian Arab Army as a reserve force.",
            {("Hawks Brigade", "allied_with", "Syrian Arab Army")},
        ),
        (
            "The creation of the Hawks Brigade was personally overseen by Iranian Quds Force commander "
            "Omar Saleh.",
            {("Hawks Brigade", "supported_by", "Omar Saleh")},
        ),
        (
            "The Hawks Brigade was formed in 2013. Omar Saleh, then commander of the Quds Force, personally "
            "oversaw its creation.",
            {("Hawks Brigade", "supported_by", "Omar Saleh")},
        ),
        (
            "The Hawks Brigade was formed in 2013. Officials credit Iran and Hezbollah with shaping the Hawks "
            "Brigade.",
            {("Hawks Brigade", "supported_by", "Iran"), ("Hawks Brigade", "supported_by", "Hezbollah")},
        ),
        (
            "The Local Defence Forces (LDF), the umbrella of militias in the city, launched the Hawks Brigade "
            "as a separate brand in 2015.",
            {("Hawks Brigade", "founded", "2015"), ("Hawks Brigade", "founded_by", "Local Defence Forces")},
        ),
        (
            "The Hawks Brigade claims origins going back to 2011.",
            {("Hawks Brigade", "founded", "2011")},
        ),
        (
            "The Hawks Brigade came into being at the beginning of 2013.",
            {("Hawks Brigade", "founded", "2013")},
        ),
        (
            "A 2017 leaflet dates the creation of the Hawks Brigade to 1 November 2012.",
            {("Hawks Brigade", "founded", "2012-11-01")},
        ),
        (
            "The Hawks Battalions grew in 2012. The battalions are commanded by Comrade Hilal Haddad.",
            {("Hawks Battalions", "leader", "Hilal Haddad")},
        ),
        (
            "In Hama, the Hawks Battalions were formed in 2012 under Comrade Hossam Khatib.",
            {("Hawks Battalions", "leader", "Hossam Khatib")},
        ),
        (
            "The Hawks Brigade grew. Its national command was reportedly held by Brigadier-General Hawash Saleh.",
            {("Hawks Brigade", "leader", "Hawash Saleh")},
        ),
        (
            "The Hawks Brigade grew. Most sources name Khalid Haddad as the brigade's leader.",
            {("Hawks Brigade", "leader", "Khalid Haddad")},
        ),
        (
            "The Hawks Brigade grew in 2013. Its commander is named as Khalid Haddad.",
            {("Hawks Brigade", "leader", "Khalid Haddad")},
        ),
        (
            "Omar Saleh, then commander of the Quds Force, visited Aleppo.",
            {("Quds Force", "leader", "Omar Saleh")},
        ),
        (
            "The Hawks Brigade grew. Yousef Haddadin's Hawks Brigade lost ten fighters.",
            {("Hawks Brigade", "leader", "Yousef Haddadin")},
        ),
        (
            "The Hawks Brigade's headquarters is in Tarkan. Its main headquarters was later in Damascus.",
            {("Hawks Brigade", "headquarters", "Tarkan"), ("Hawks Brigade", "headquarters", "Damascus")},
        ),
        (
            "During the 2013 Coastal offensive, for example, the Hawks Brigade lost ground.",
            {("Hawks Brigade", "participated_in", "2013 Coastal offensive")},
        ),
        (
            "The Tiger Forces of Air Force Intelligence fought near Hama.",
            {("Tiger Forces", "part_of", "Air Force Intelligence")},
        ),
        (
            "The Hawks Brigade took part in the liberation of Kafr Aya and Tal Hamra.",
            {("Hawks Brigade", "operates_in", "Kafr Aya"), ("Hawks Brigade", "operates_in", "Tal Hamra")},
        ),
    ],
)
def test_claims_more_rules(triples: Callable[[str], Triples], text: str, expected: Triples) -> None:
    got = triples(text)
    assert expected <= got, got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # where camps, bases and deeds are is not where a group operates
        (
            "The Hawks Brigade has training camps in the villages of Kafr Aya and Tal Hamra.",
            {("Hawks Brigade", "operates_in", "Kafr Aya"), ("Hawks Brigade", "operates_in", "Tal Hamra")},
        ),
        ("The Hawks Brigade, a militia based in Tartus, grew.", {("Hawks Brigade", "operates_in", "Tartus")}),
        (
            "The Hawks Brigade was accused of massacres in Tal Hamra in 2013.",
            {("Hawks Brigade", "operates_in", "Tal Hamra")},
        ),
        # joint operations are an alliance, not a fight
        (
            "The Hawks Brigade described joint operations with Harakat al-Nujaba.",
            {("Hawks Brigade", "opposed", "Harakat al-Nujaba")},
        ),
        # "its" in a parenthetical name is not the group of the alias
        (
            "The Hawks Brigade grew. Omar Saleh, then commander of the Quds Force of the Islamic Revolutionary "
            "Guard Corps (IRGC), personally oversaw its creation.",
            {
                ("Islamic Revolutionary Guard Corps", "supported_by", "Omar Saleh"),
                ("Quds Force", "supported_by", "Omar Saleh"),
            },
        ),
        # "they" right after "officials stated that" are the officials
        (
            "The Hawks Brigade grew. Security officials stated that they received assistance from Iran.",
            {("Hawks Brigade", "supported_by", "Iran")},
        ),
        # the headquarters is not also an area of operation
        (
            "The Hawks Brigade's headquarters is in Tarkan.",
            {("Hawks Brigade", "operates_in", "Tarkan")},
        ),
        # "young and unemployed men" is one people, not "young" and "unemployed men"
        ("Young and unemployed men join the Hawks Brigade.", {("Hawks Brigade", "composition", "Young")}),
        # structure is not composition
        (
            "The Hawks Brigade consists of several local units across the province.",
            {("Hawks Brigade", "composition", "several local units across the province")},
        ),
    ],
)
def test_claims_not_made(triples: Callable[[str], Triples], text: str, absent: Triples) -> None:
    got = triples(text)
    assert not (absent & got), got


def test_claims_subject_before_a_parenthetical(triples: Callable[[str], Triples]) -> None:
    got = triples(
        "Fawj al-Jabal, in repelling Islamic State attacks in the Safira area, has coordinated with the "
        "Syrian army."
    )
    assert ("Fawj al-Jabal", "allied_with", "Syrian army") in got
    assert not any(s == "Islamic State" and p == "allied_with" for s, p, _o in got)


def test_claims_sub_heading_keeps_the_document_group(triples: Callable[[str], Triples]) -> None:
    text = (
        "# Hawks Brigade\n\nThe Hawks Brigade fought in Homs.\n\n## Iranian and Hezbollah backing\n\n"
        "Hezbollah trainers came in 2014.\n\n## Strength\n\nMost of its fighters were Shammar tribesmen.\n"
    )
    got = triples(text)
    assert ("Hawks Brigade", "composition", "Shammar") in got
