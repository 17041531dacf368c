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


def test_claims_relative_and_short_name(triples: Callable[[str], Triples]) -> None:
    got = triples("Samir Haddad leads the Hawks Brigade. In 2016 the brigade mourned Samir's brother.")
    assert ("Samir Haddad", "relative_of", "Samir's brother") in got or (
        "Samir",
        "relative_of",
        "Samir's brother",
    ) in got
