"""Places: spelling variants, Arabic names, compositional phrases, coordinates."""

from __future__ import annotations

import re

import pytest

from orbat.gazetteer import (
    PLACE_KINDS,
    REGION_COUNTRIES,
    geocode,
    geocode_match,
    lookup_place,
    place_by_id,
    places,
    split_place_modifier,
)

SYRIA_BBOX = (32.3, 37.4, 35.7, 42.4)  # lat min, lat max, lon min, lon max

GOVERNORATES = {
    "sy_damascus_governorate",
    "sy_rif_dimashq_governorate",
    "sy_aleppo_governorate",
    "sy_homs_governorate",
    "sy_hama_governorate",
    "sy_latakia_governorate",
    "sy_tartus_governorate",
    "sy_idlib_governorate",
    "sy_daraa_governorate",
    "sy_suwayda_governorate",
    "sy_quneitra_governorate",
    "sy_deir_ez_zor_governorate",
    "sy_raqqa_governorate",
    "sy_hasakah_governorate",
}


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["Latakia", "Lattakia", "Al-Ladhiqiyah", "al Ladhiqiyah", "LATAKIA"], "sy_latakia"),
        (
            ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Dayr az-Zawr", "Deir Ezzor", "Deir el-Zor"],
            "sy_deir_ez_zor",
        ),
        (["Daraa", "Dara'a", "Deraa", "Dar'a", "Dar`a", "Dar‘a"], "sy_daraa"),
        (["Hasakah", "Al-Hasakah", "Hassakeh", "Al Hasakah", "Hasaka"], "sy_al_hasakah"),
        (["Raqqa", "Ar-Raqqah", "Raqqah", "al-Raqqa"], "sy_raqqa"),
        (["Tartus", "Tartous"], "sy_tartus"),
        (["Homs", "Hims"], "sy_homs"),
        (["Hama", "Hamah", "Ḩamāh"], "sy_hama"),
        (["Idlib", "Idleb"], "sy_idlib"),
        (["Quneitra", "Al-Qunaytirah", "al-Quneitra"], "sy_quneitra"),
        (["Suwayda", "As-Suwayda", "Sweida", "as Suwayda", "Al-Suwayda"], "sy_as_suwayda"),
        (["Palmyra", "Tadmur", "Tadmor"], "sy_palmyra"),
        (["Abu Kamal", "Al-Bukamal", "Bukamal", "Albu Kamal"], "sy_abu_kamal"),
        (["Kobani", "Kobane", "Ayn al-Arab", "Ain al-Arab"], "sy_kobani"),
        (["Tell Abyad", "Tal Abyad", "Tel Abyad"], "sy_tell_abyad"),
        (["Mhardeh", "Mahardah", "Muhradah"], "sy_mhardeh"),
        (["Suqaylabiyah", "Al-Suqaylabiyah", "Skelbiyeh"], "sy_suqaylabiyah"),
        (["Salamiyah", "Salamiyeh", "al-Salamiyah"], "sy_salamiyah"),
        (["Al-Qusayr", "Qusayr", "Qusair"], "sy_al_qusayr"),
        (["Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarrat al-Numan"], "sy_maarat_al_numan"),
    ],
)
def test_spelling_variants_geocode_to_one_place(variants: list[str], expected: str) -> None:
    for variant in variants:
        place = geocode(variant)
        assert place is not None, variant
        assert place.id == expected, (variant, place.id)


@pytest.mark.parametrize(
    "name",
    [
        "Palmyra",
        "Kassab",
        "al-Haffa",
        "Kuweires airbase",
        "T4",
        "Tiyas airbase",
        "Sayyida Zaynab",
        "Yarmouk Camp",
        "Tabqa",
        "Qusayr",
        "Nubl",
        "Zahraa",
        "Safira",
        "Deir ez-Zor",
        "Mayadin",
        "Tel Abyad",
        "Qamishli",
        "Afrin",
        "Manbij",
        "Jableh",
        "Banias",
        "Slinfeh",
        "Mhardeh",
        "Halfaya",
        "Darayya",
        "Muadamiyat al-Sham",
        "Douma",
        "Harasta",
        "Jobar",
        "Qaboun",
        "Zabadani",
        "Madaya",
        "Eastern Ghouta",
        "Qalamoun",
        "Golan Heights",
        "Jazira",
        "al-Jazira",
        "Hmeimim",
        "Al-Tanf",
        "Qardaha",
    ],
)
def test_well_known_syrian_places_are_found(name: str) -> None:
    place = geocode(name)
    assert place is not None, name
    assert place.country == "SY", (name, place.id)


def test_sites_and_kinds() -> None:
    assert geocode("Kuweires airbase").id == "sy_kuweires_airbase"  # type: ignore[union-attr]
    assert geocode("T4").kind == "site"  # type: ignore[union-attr]
    assert geocode("Yarmouk Camp").kind == "camp"  # type: ignore[union-attr]
    assert geocode("Eastern Ghouta").kind == "region"  # type: ignore[union-attr]
    assert geocode("Jobar").kind == "neighbourhood"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [
        ("اللاذقية", "sy_latakia"),
        ("دير الزور", "sy_deir_ez_zor"),
        ("حلب", "sy_aleppo"),
        ("الحسكة", "sy_al_hasakah"),
        ("ادلب", "sy_idlib"),  # bare alef for إ
        ("إدلب", "sy_idlib"),
        ("درعا", "sy_daraa"),
        ("البوكمال", "sy_abu_kamal"),
        ("تدمر", "sy_palmyra"),
        ("السيدة زينب", "sy_sayyida_zaynab"),
        ("الغوطة الشرقية", "sy_eastern_ghouta"),
    ],
)
def test_arabic_names(arabic: str, expected: str) -> None:
    place = geocode(arabic)
    assert place is not None
    assert place.id == expected


def test_place_arabic_field() -> None:
    assert place_by_id("sy_aleppo").arabic == "حلب"  # type: ignore[union-attr]
    assert place_by_id("sy_latakia_governorate").arabic == "محافظة اللاذقية"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("phrase", "expected", "modifier"),
    [
        ("Latakia countryside", "sy_latakia_governorate", "countryside"),
        ("south Aleppo countryside", "sy_aleppo_governorate", "southern countryside"),
        ("southern Aleppo countryside", "sy_aleppo_governorate", "southern countryside"),
        ("Aleppo's eastern countryside", "sy_aleppo_governorate", "eastern countryside"),
        ("the countryside of Hama", "sy_hama_governorate", "countryside"),
        ("rural Idlib", "sy_idlib_governorate", "countryside"),
        ("Aleppo province", "sy_aleppo_governorate", None),
        ("Aleppo Governorate", "sy_aleppo_governorate", None),
        ("Deir ez-Zor province", "sy_deir_ez_zor_governorate", None),
        ("the province of Raqqa", "sy_raqqa_governorate", "governorate"),
        ("Aleppo city", "sy_aleppo", None),
        ("the city of Homs", "sy_homs", "city"),
        ("eastern Homs", "sy_homs", "eastern"),
        ("Homs desert", "sy_homs_governorate", "desert"),
        ("the outskirts of Douma", "sy_douma", "outskirts"),
        ("Jableh countryside", "sy_jableh_district", "countryside"),
        ("Jableh district", "sy_jableh_district", None),
        ("Damascus countryside", "sy_rif_dimashq_governorate", None),
        ("Rif Dimashq", "sy_rif_dimashq_governorate", None),
        ("ريف حلب الجنوبي", "sy_aleppo_governorate", "southern countryside"),
        ("محافظة حمص", "sy_homs_governorate", None),
        ("northern Syria", "sy_country", "northern"),
    ],
)
def test_compositional_geocoding(phrase: str, expected: str, modifier: str | None) -> None:
    match = geocode_match(phrase)
    assert match is not None, phrase
    assert match.place.id == expected, (phrase, match.place.id)
    assert match.modifier == modifier
    assert geocode(phrase) == match.place


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("south Aleppo countryside", ("southern countryside", "Aleppo")),
        ("Aleppo Governorate", ("governorate", "Aleppo")),
        ("Aleppo province", ("governorate", "Aleppo")),
        ("Aleppo city", ("city", "Aleppo")),
        ("eastern Homs", ("eastern", "Homs")),
        ("north-western Hama countryside", ("northwestern countryside", "Hama")),
        ("the town of al-Qusayr", ("town", "al-Qusayr")),
        ("Homs's eastern countryside", ("eastern countryside", "Homs")),
        ("Palmyra", (None, "Palmyra")),
        ("ريف إدلب", ("countryside", "إدلب")),
    ],
)
def test_split_place_modifier(phrase: str, expected: tuple[str | None, str]) -> None:
    assert split_place_modifier(phrase) == expected


def test_plain_name_prefers_city_over_governorate_and_lists_both() -> None:
    found = [p.id for p in lookup_place("Aleppo")]
    assert found[0] == "sy_aleppo"
    assert "sy_aleppo_governorate" in found


def test_country_hint() -> None:
    assert geocode("Sinjar").country == "SY"  # type: ignore[union-attr]
    assert geocode("Sinjar", country_hint="IQ").country == "IQ"  # type: ignore[union-attr]
    # outside Syria the region comes before the rest of the world
    assert geocode("Tripoli").country == "LB"  # type: ignore[union-attr]
    assert geocode("Anbar").id == "iq_anbar_governorate"  # type: ignore[union-attr]
    assert geocode("Beqaa Valley").country == "LB"  # type: ignore[union-attr]


def test_unknown_names() -> None:
    assert geocode("") is None
    assert geocode("Xyzzyville") is None
    assert geocode("southern Xyzzyville countryside") is None
    assert lookup_place("Xyzzyville") == []


def test_every_syrian_governorate_is_there_with_a_point_in_syria() -> None:
    governorates = {p.id: p for p in places() if p.kind == "governorate" and p.country == "SY"}
    assert set(governorates) == GOVERNORATES
    for place in governorates.values():
        assert place.admin1 == place.id
        assert place.arabic is not None
        assert place.lat is not None and place.lon is not None


def test_syrian_districts() -> None:
    districts = [p for p in places() if p.kind == "district" and p.country == "SY"]
    assert len(districts) >= 60
    for district in districts:
        assert district.admin1 in GOVERNORATES, district.id
    assert place_by_id("sy_jableh_district").admin1 == "sy_latakia_governorate"  # type: ignore[union-attr]


def test_syrian_places_have_governorates() -> None:
    for place in places():
        if place.country == "SY" and place.kind not in ("country", "region"):
            assert place.admin1 in GOVERNORATES, place.id
    assert place_by_id("sy_douma").admin1 == "sy_rif_dimashq_governorate"  # type: ignore[union-attr]
    assert place_by_id("sy_aleppo").admin1 == "sy_aleppo_governorate"  # type: ignore[union-attr]


def test_syrian_coordinates_inside_syria() -> None:
    lat_min, lat_max, lon_min, lon_max = SYRIA_BBOX
    count = 0
    for place in places():
        if place.country != "SY" or not place.has_point:
            continue
        assert place.lat is not None and place.lon is not None
        assert lat_min <= place.lat <= lat_max, place.id
        assert lon_min <= place.lon <= lon_max, place.id
        count += 1
    assert count > 300


def test_every_place_is_well_formed() -> None:
    ids: set[str] = set()
    for place in places():
        assert place.id not in ids, place.id
        ids.add(place.id)
        assert re.fullmatch(r"[a-z0-9_]+", place.id), place.id
        assert re.fullmatch(r"geonames:\d+|curated", place.source), place.source
        assert place.kind in PLACE_KINDS
        assert re.fullmatch(r"[A-Z]{2}", place.country)
        assert place.name in place.names
        assert (place.lat is None) == (place.lon is None)
        if place.admin1 is not None:
            assert place_by_id(place.admin1) is not None, place.admin1
    assert len(ids) > 1500


def test_coverage_of_neighbours() -> None:
    countries = {p.country for p in places() if p.kind != "country"}
    assert countries >= REGION_COUNTRIES
    for name, cc in [
        ("Beirut", "LB"),
        ("Baalbek", "LB"),
        ("Mosul", "IQ"),
        ("Fallujah", "IQ"),
        ("Amman", "JO"),
        ("Gaziantep", "TR"),
        ("Kilis", "TR"),
        ("Tehran", "IR"),
        ("Jerusalem", "IL"),
        ("Moscow", "RU"),
    ]:
        place = geocode(name, country_hint=None)
        assert place is not None and place.country == cc, name
