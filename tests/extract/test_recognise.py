from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.extract.recognise import recognise_names
from orbat.model import Extraction


def found(text: str) -> set[tuple[str, str]]:
    return {(f.type, f.name) for f in recognise_names(text)}


def test_recognise_transliterated_unit_names() -> None:
    got = found("Fighters of Liwa al-Quds and Katibat Suqur al-Jabal were seen with Jaysh al-Watani.")
    assert ("armed_group", "Liwa al-Quds") in got
    assert ("armed_group", "Katibat Suqur al-Jabal") in got
    assert ("armed_group", "Jaysh al-Watani") in got


def test_recognise_unit_name_stops_before_a_person() -> None:
    got = found("The commander of Liwa al-Quds Muhammad al-Saeed spoke.")
    assert ("armed_group", "Liwa al-Quds") in got
    assert not any("Saeed" in n for _t, n in got if _t == "armed_group")


def test_recognise_english_unit_names_and_coordination() -> None:
    got = found("The Desert Hawks Brigade and the Coastal Shield Forces fought together.")
    assert ("armed_group", "Desert Hawks Brigade") in got
    assert ("armed_group", "Coastal Shield Forces") in got


def test_recognise_sentence_initial_plural_is_not_a_name() -> None:
    got = found("Militias of the region grew. Regional centers were established in 2013.")
    assert not any(t == "armed_group" for t, _n in got)


def test_recognise_organisations_events_kin_places() -> None:
    got = found(
        "The Ministry of Interior and the Arab Socialist Party backed the Hamdan clan during the 2015 Qusayr "
        "offensive and the battle of Tal Hamra, near the Homs countryside and the village of Kafr Aya."
    )
    assert ("organization", "Ministry of Interior") in got
    assert ("organization", "Arab Socialist Party") in got
    assert ("kin_group", "Hamdan") in got
    assert ("event", "2015 Qusayr offensive") in got
    assert ("event", "battle of Tal Hamra") in got
    assert ("place", "Homs countryside") in got
    assert ("place", "Kafr Aya") in got


def test_recognise_generic_referents() -> None:
    got = found("The militia fought for the regime alongside the army during the war.")
    assert ("state", "the regime") in got
    assert ("armed_group", "the army") in got
    assert ("event", "the war") in got


def test_recognise_event_keeps_dating_parenthesis() -> None:
    got = found("It fought in the Battle of Tal Hamra (2016) and the Qusayr offensive (May 2013).")
    assert ("event", "Battle of Tal Hamra (2016)") in got
    assert ("event", "Qusayr offensive (May 2013)") in got


def test_recognise_unit_of_another_group_is_two_names() -> None:
    got = found("The Tiger Forces of Air Force Intelligence and the Ministry of Defense met.")
    assert ("armed_group", "Tiger Forces") in got
    assert ("armed_group", "Air Force Intelligence") in got
    assert ("organization", "Ministry of Defense") in got


def test_recognise_lower_head_belongs_to_the_last_conjunct() -> None:
    got = found("It fought with Hezbollah and the Iraqi militia Harakat al-Nujaba.")
    assert not any("Hezbollah and" in n for _t, n in got)


def test_recognise_sentence_initial_the_government() -> None:
    assert ("state", "the government") in found("The government paid them.")


def test_recognise_place_that_lies_in_a_district() -> None:
    assert ("place", "Tarkan") in found("Its centre is Tarkan, which lies in the Safira district.")


def test_recognise_sponsor_modifier_is_not_part_of_the_name() -> None:
    got = found(
        "Later the Russian-trained Qalamoun Commandos Brigade joined the Hezbollah-linked Radwan Force."
    )
    assert ("armed_group", "Qalamoun Commandos Brigade") in got
    assert ("armed_group", "Radwan Force") in got
    assert not any(
        "-" in n.split()[0] for t, n in got if t == "armed_group" and n.split()[0].endswith(("ed", "d"))
    )


def test_recognise_dated_event_with_a_transliterated_particle() -> None:
    got = found("Its men were killed in the 2019 Abu ez-Zuhur offensive and the 2016 Khan al-Asal campaign.")
    assert ("event", "2019 Abu ez-Zuhur offensive") in got
    assert ("event", "2016 Khan al-Asal campaign") in got


def test_recognise_place_head_after_a_modifier() -> None:
    got = found("Recruits came from the Khan Eshieh refugee camp and the Mezzeh military airport.")
    assert ("place", "Khan Eshieh refugee camp") in got


def test_recognise_indefinite_description_is_no_name() -> None:
    got = found("A year later a Syriac Christian militia and an Alawite militia appeared.")
    assert not any(t == "armed_group" for t, _n in got), got


def test_recognise_called_name_after_the_article() -> None:
    got = found("In 2016 a militia, later known as the Ninveh Guardians, took over the town.")
    assert ("armed_group", "Ninveh Guardians") in got


def test_recognise_monitor_is_an_outlet() -> None:
    got = found("The figures were translated by Euphrates Monitor, whose sources put the toll at 40.")
    assert ("organization", "Euphrates Monitor") in got


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Maghawir al-Sahil patrols the coast road.", "Maghawir al-Sahil"),
        ("Fighters of Nusur al-Jabal held the ridge.", "Nusur al-Jabal"),
        ("Dir' al-Qura guards the villages.", "Dir' al-Qura"),
        ("Jund al-Wadi lost two men.", "Jund al-Wadi"),
        ("The River Rangers crossed at dawn.", "River Rangers"),
    ],
)
def test_more_unit_words_open_group_names(run: Callable[[str], Extraction], sentence: str, name: str) -> None:
    """Commandos, eagles, shield, soldiers, rangers ... head militia names as brigade or battalion do."""
    ex = run("Notes\n\n" + sentence)
    assert ("armed_group", name) in {(n.type, n.name) for n in ex.nodes}


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Liwa Suqur al-Wadi (the Valley Falcons Brigade) was formed in 2015.", "Valley Falcons Brigade"),
        (
            "The Valley Falcons Brigade (Arabic: لواء صقور الوادي, Liwa Suqur al-Wadi) was formed in 2015.",
            "Liwa Suqur al-Wadi",
        ),
        (
            "The Valley Falcons Brigade (Arabic: لواء صقور الوادي, Liwa Suqur al-Wadi) was formed in 2015.",
            "لواء صقور الوادي",
        ),
    ],
)
def test_a_translation_in_parentheses_names_the_same_group(
    run: Callable[[str], Extraction], text: str, alias: str
) -> None:
    """A gloss after the article, or names after a language label separated by commas, are aliases."""
    ex = run("Notes\n\n" + text)
    groups = [n for n in ex.nodes if n.type == "armed_group"]
    assert len(groups) == 1, [(n.name, n.names) for n in ex.nodes]
    assert alias in groups[0].names


def test_an_office_of_a_remit_is_an_organization() -> None:
    text = "Officials at the Office of Asset Control named two men."
    found = {f.name: f.type for f in recognise_names(text)}
    assert found.get("Office of Asset Control") == "organization", found
