"""Known entities, states, demonyms and surface forms."""

from __future__ import annotations

import re

import pytest

from orbat.gazetteer import (
    all_surface_forms,
    demonym_forms,
    entity_by_id,
    known_entities,
    lookup_entity,
    state_for_demonym,
    states,
)
from orbat.model import VOCABULARY


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Hezbollah", "Hizballah", "Hizbullah", "حزب الله", "Lebanese Hezbollah"], "hezbollah"),
        (["IRGC", "Islamic Revolutionary Guard Corps", "Pasdaran", "Revolutionary Guards"], "irgc"),
        (["IRGC Quds Force", "Qods Force", "Quds Force", "IRGC-QF", "فيلق القدس"], "irgc_quds_force"),
        (["Basij"], "basij"),
        (
            ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Islamic State of Iraq and the Levant", "داعش"],
            "islamic_state",
        ),
        (
            ["Jabhat al-Nusra", "al-Nusra Front", "Nusra Front", "Jabhat Fatah al-Sham", "Jabhat an-Nusra"],
            "jabhat_al_nusra",
        ),
        (["Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "HTS"], "hayat_tahrir_al_sham"),
        (["Free Syrian Army", "FSA"], "free_syrian_army"),
        (["Syrian Democratic Forces", "SDF", "قوات سوريا الديمقراطية"], "syrian_democratic_forces"),
        (["YPG", "People's Protection Units"], "ypg"),
        (["PKK", "Kurdistan Workers' Party"], "pkk"),
        (["Ahrar al-Sham"], "ahrar_al_sham"),
        (["Jaysh al-Islam", "Jaish al-Islam", "Army of Islam"], "jaysh_al_islam"),
        (["Syrian Arab Army", "SAA", "Syrian Army"], "syrian_arab_army"),
        (["Republican Guard"], "syrian_republican_guard"),
        (
            ["4th Armoured Division", "Fourth Division", "4th Armored Division", "الفرقة الرابعة"],
            "fourth_armoured_division",
        ),
        (["Tiger Forces", "25th Special Mission Forces Division", "قوات النمر"], "tiger_forces"),
        (["5th Corps", "Fifth Corps"], "fifth_corps"),
        (["Air Force Intelligence", "Air Force Intelligence Directorate"], "air_force_intelligence"),
        (["Military Intelligence", "Military Intelligence Directorate"], "military_intelligence_directorate"),
        (
            [
                "National Defense Forces",
                "National Defence Forces",
                "NDF",
                "Quwat al-Difa al-Watani",
                "قوات الدفاع الوطني",
            ],
            "national_defense_forces",
        ),
        (
            [
                "Local Defence Forces",
                "Local Defense Forces",
                "LDF",
                "Quwat al-Difa al-Mahalli",
                "قوات الدفاع المحلي",
            ],
            "local_defence_forces",
        ),
        (
            ["Baath Battalions", "Kata'ib al-Baath", "Baath Brigades", "Kataib al-Baath", "كتائب البعث"],
            "baath_battalions",
        ),
        (["Liwa al-Quds", "Quds Brigade"], "liwa_al_quds"),
        (["Liwa Fatemiyoun", "Fatemiyoun", "Fatemiyoun Division"], "liwa_fatemiyoun"),
        (["Liwa Zainebiyoun", "Zainabiyoun"], "liwa_zainebiyoun"),
        (["Harakat al-Nujaba", "Harakat Hezbollah al-Nujaba", "al-Nujaba"], "harakat_al_nujaba"),
        (["Kata'ib Hezbollah", "Kataib Hezbollah", "KH"], "kataib_hezbollah"),
        (["Asa'ib Ahl al-Haq", "Asaib Ahl al-Haq", "AAH"], "asaib_ahl_al_haq"),
        (["Badr Organization", "Badr Organisation"], "badr_organization"),
        (["Liwa Abu al-Fadl al-Abbas", "Abu al-Fadl al-Abbas Brigade"], "liwa_abu_al_fadl_al_abbas"),
        (["Syrian Social Nationalist Party", "SSNP"], "ssnp"),
        (["Shabiha", "Shabbiha"], "shabiha"),
        (["Popular Committees"], "popular_committees_syria"),
        (["Desert Hawks Brigade", "Desert Hawks", "Suqour al-Sahra"], "desert_hawks_brigade"),
        (["Wagner Group", "Wagner", "PMC Wagner"], "wagner_group"),
        (["Syrian Muslim Brotherhood", "Muslim Brotherhood of Syria"], "syrian_muslim_brotherhood"),
        (["Baath Party", "Ba'ath Party", "Arab Socialist Baath Party"], "baath_party_syria"),
        (["Ministry of Defence (Syria)", "Syrian Ministry of Defense"], "syrian_ministry_of_defence"),
        (
            ["Popular Mobilization Forces", "PMF", "Hashd al-Shaabi", "al-Hashd al-Sha'bi", "الحشد الشعبي"],
            "popular_mobilization_forces",
        ),
        (["Asayish", "Asayesh"], "asayish"),
    ],
)
def test_known_entities_by_any_name(names: list[str], expected: str) -> None:
    for name in names:
        assert expected in [e.id for e in lookup_entity(name)], name


def test_entity_types_and_parents() -> None:
    assert entity_by_id("hezbollah").type == "armed_group"  # type: ignore[union-attr]
    assert entity_by_id("baath_party_syria").type == "organization"  # type: ignore[union-attr]
    assert entity_by_id("irgc_quds_force").part_of == "irgc"  # type: ignore[union-attr]
    assert entity_by_id("baath_battalions").part_of == "baath_party_syria"  # type: ignore[union-attr]
    assert entity_by_id("baggara_tribe").type == "kin_group"  # type: ignore[union-attr]
    assert entity_by_id("qasem_soleimani").type == "person"  # type: ignore[union-attr]


def test_acronyms_match_only_with_their_case() -> None:
    assert [e.id for e in lookup_entity("IS")] == ["islamic_state"]
    assert lookup_entity("is") == []
    assert lookup_entity("Is") == []
    assert [e.id for e in lookup_entity("US")] == ["united_states"]
    assert [e.id for e in lookup_entity("U.S.")] == ["united_states"]
    assert lookup_entity("us") == []
    assert lookup_entity("sdf") == []


def test_every_entity_is_well_formed() -> None:
    types = set(VOCABULARY.entity_types)
    ids: set[str] = set()
    for entity in known_entities():
        assert entity.id not in ids, entity.id
        ids.add(entity.id)
        assert re.fullmatch(r"[a-z0-9_]+", entity.id), entity.id
        assert entity.type in types
        assert re.fullmatch(r"geonames:\d+(\+curated)?|curated", entity.source), entity.source
        assert entity.name in entity.names
        assert set(entity.acronyms) <= set(entity.names)
        assert set(entity.arabic) <= set(entity.names)
        if entity.part_of is not None:
            assert entity_by_id(entity.part_of) is not None, entity.part_of
    curated = [e for e in known_entities() if e.source == "curated"]
    assert len(curated) >= 200
    assert {e.type for e in curated} >= {"armed_group", "organization", "person", "kin_group"}


def test_states() -> None:
    all_states = states()
    assert len(all_states) >= 240
    assert all(s.type == "state" and s.country for s in all_states)
    by_country = {s.country: s for s in all_states}
    assert by_country["SY"].id == "syria"
    assert "سوريا" in by_country["SY"].names
    for name, expected in [
        ("Syria", "syria"),
        ("Syrian Arab Republic", "syria"),
        ("Syrian regime", "syria"),
        ("Iran", "iran"),
        ("Islamic Republic of Iran", "iran"),
        ("Russia", "russia"),
        ("Russian Federation", "russia"),
        ("Turkey", "turkey"),
        ("Türkiye", "turkey"),
        ("United States", "united_states"),
        ("USA", "united_states"),
        ("Israel", "israel"),
        ("Lebanon", "lebanon"),
        ("Iraq", "iraq"),
        ("Saudi Arabia", "saudi_arabia"),
        ("إيران", "iran"),
    ]:
        assert expected in [e.id for e in lookup_entity(name)], name


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Syrian", "syria"),
        ("Syrians", "syria"),
        ("Iranian", "iran"),
        ("Iranian-backed", "iran"),
        ("pro-Iranian", "iran"),
        ("Russian", "russia"),
        ("Russian-led", "russia"),
        ("Turkish", "turkey"),
        ("Turkish-backed", "turkey"),
        ("American", "united_states"),
        ("US-backed", "united_states"),
        ("U.S.-backed", "united_states"),
        ("Israeli", "israel"),
        ("Lebanese", "lebanon"),
        ("Iraqi", "iraq"),
        ("Iraqis", "iraq"),
        ("Saudi", "saudi_arabia"),
        ("Saudi-funded", "saudi_arabia"),
        ("Qatari", "qatar"),
        ("Emirati", "united_arab_emirates"),
        ("Jordanian", "jordan"),
        ("Afghan", "afghanistan"),
        ("Pakistani", "pakistan"),
        ("British", "united_kingdom"),
        ("French", "france"),
        ("Iran-backed", "iran"),
    ],
)
def test_state_for_demonym(word: str, expected: str) -> None:
    state = state_for_demonym(word)
    assert state is not None, word
    assert state.id == expected


def test_state_for_demonym_rejects_non_nationalities() -> None:
    assert state_for_demonym("Kurdish") is None
    assert state_for_demonym("Shia") is None
    assert state_for_demonym("backed") is None


def test_demonyms_stay_out_of_names() -> None:
    iran = entity_by_id("iran")
    assert iran is not None
    assert "Iranian" in iran.demonyms
    assert "Iranian" not in iran.names
    assert ("Iranian", "iran") in set(demonym_forms())


def test_surface_forms() -> None:
    forms = list(all_surface_forms())
    assert all(len(f) == 4 for f in forms)
    table = {(form, ident): (etype, cs) for form, etype, ident, cs in forms}
    types = set(VOCABULARY.entity_types)
    assert {etype for etype, _ in table.values()} <= types
    assert table[("IS", "islamic_state")] == ("armed_group", True)
    assert table[("US", "united_states")] == ("state", True)
    assert table[("Hezbollah", "hezbollah")] == ("armed_group", False)
    assert table[("National Defense Forces", "national_defense_forces")] == ("armed_group", False)
    assert table[("Eastern Ghouta", "sy_eastern_ghouta")] == ("place", False)
    assert table[("Turkey", "turkey")] == ("state", True)
    assert table[("حلب", "sy_aleppo")] == ("place", False)
    assert table[("Homs", "sy_homs")][1] is True  # short single word
    # forms that are ordinary English words are left out
    surface = {form.casefold() for form, _, _, _ in forms}
    for word in ("tell", "hit", "the", "man", "van", "male"):
        assert word not in surface
    # both the city and the governorate of Aleppo are offered
    assert {i for f, _, i, _ in forms if f == "Aleppo"} >= {"sy_aleppo", "sy_aleppo_governorate"}
