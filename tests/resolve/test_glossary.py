"""The resolution glossary: loading, classes, known names, acronyms."""

from __future__ import annotations

import pytest

from orbat.resolve._text import fold_token
from orbat.resolve.glossary import GlossaryError, glossary, load_glossary


def test_glossary_is_loaded_once() -> None:
    assert glossary() is glossary()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Liwa", "Brigade"),
        ("Katibat", "Battalion"),
        ("Fawj", "Regiment"),
        ("Quwat", "Forces"),
        ("Jaish", "Army"),
        ("Firqa", "Division"),
        ("Jabhat", "Front"),
        ("Harakat", "Movement"),
        ("Saraya", "Companies"),
        ("Kata'ib", "Battalions"),
        ("Kata'ib", "Brigades"),
        ("Alwiya", "Brigades"),
        ("Tajammu'", "Gathering"),
        ("Hizb", "Party"),
        ("Difa'", "Defence"),
        ("Difa", "Defense"),
        ("Watani", "National"),
        ("Mahalli", "Local"),
        ("Muqawama", "Resistance"),
        ("Suriya", "Syrian"),
        ("Souria", "Syrian"),
        ("Islamiya", "Islamic"),
        ("Thawra", "Revolution"),
        ("Ahrar", "Free"),
        ("Nujaba", "Nobles"),
        ("Usud", "Lions"),
        ("Nusra", "Support"),
        ("دفاع", "Defence"),
        ("لواء", "Brigade"),
    ],
)
def test_unit_and_word_translations_share_a_class(a: str, b: str) -> None:
    g = glossary()
    assert g.classes(fold_token(a)) & g.classes(fold_token(b)), (a, b)


def test_brigade_and_battalion_are_different_words() -> None:
    g = glossary()
    assert not g.classes(fold_token("Brigade")) & g.classes(fold_token("Battalion"))


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("NDF", "national_defense_forces"),
        ("Quwāt ad-Difāʿ al-Watanī", "national_defense_forces"),
        ("LDF", "local_defence_forces"),
        ("IRGC-QF", "irgc_quds_force"),
        ("Qods Force", "irgc_quds_force"),
        ("ISIS", "islamic_state"),
        ("Daesh", "islamic_state"),
        ("HTS", "hayat_tahrir_al_sham"),
        ("SSNP", "ssnp"),
        ("PKK", "pkk"),
        ("YPG", "ypg"),
        ("SAA", "syrian_arab_army"),
        ("FSA", "free_syrian_army"),
        ("SDF", "syrian_democratic_forces"),
    ],
)
def test_known_names_and_acronyms(name: str, ident: str) -> None:
    assert ident in glossary().known(name)


def test_known_names_respect_the_type() -> None:
    assert glossary().known("NDF", "armed_group") == {"national_defense_forces"}
    assert glossary().known("NDF", "person") == frozenset()


def test_a_custom_glossary_can_be_loaded() -> None:
    g = load_glossary(
        """
units:
  brigade: {en: [brigade], latn: [liwa]}
entities:
  - id: x
    types: [armed_group]
    names: [Example Brigade]
    acronyms: [EB]
"""
    )
    assert g.classes("liwa") == {"brigade"}
    assert g.known("EB") == {"x"}


@pytest.mark.parametrize(
    "text",
    ["- just a list", "units: [liwa]", "entities:\n  - names: [X]", "entities:\n  - id: x\n    names: []"],
)
def test_a_malformed_glossary_is_an_error(text: str) -> None:
    with pytest.raises(GlossaryError):
        load_glossary(text)


def test_generic_names_of_the_armed_opposition_are_one_word_class() -> None:
    from orbat.resolve import NameRecord, score_pair

    a = NameRecord("a", "armed_group", ("rebels",), "d1")
    b = NameRecord("b", "armed_group", ("the opposition",), "d2")
    assert score_pair(a, b).verdict == "same"


@pytest.mark.parametrize(
    ("latin", "arabic", "type_"),
    [
        ("Hezbollah", "حزب الله", "armed_group"),
        ("Islamic State", "داعش", "armed_group"),
        ("Aleppo", "حلب", "place"),
        ("Syria", "سوريا", "state"),
    ],
)
def test_well_known_names_in_arabic_script(latin: str, arabic: str, type_: str) -> None:
    from orbat.resolve import NameRecord, score_pair

    got = score_pair(NameRecord("a", type_, (latin,), "d1"), NameRecord("b", type_, (arabic,), "d2"))
    assert got.verdict == "same", got
