"""Pair scores: translation, script, acronyms, and the guards that keep things apart."""

from __future__ import annotations

import pytest

from orbat.model import Node
from orbat.resolve import AUTO_MERGE, REVIEW, MatchResult, NameRecord, score_pair
from orbat.resolve.analysis import Lexicon


def rec(
    name: str, type_: str = "armed_group", doc: str | None = "d1", *more: str, ctx: str = ""
) -> NameRecord:
    context = frozenset(ctx.split()) if ctx else frozenset()
    return NameRecord(f"{doc}:{name}", type_, (name, *more), doc, context)


def score(a: str, b: str, type_: str = "armed_group", same_doc: bool = True) -> MatchResult:
    return score_pair(rec(a, type_, "d1"), rec(b, type_, "d1" if same_doc else "d2"))


def merges(a: str, b: str, type_: str = "armed_group", same_doc: bool = False) -> bool:
    return score(a, b, type_, same_doc).verdict == "same"


# --- types -------------------------------------------------------------------


def test_different_types_never_match() -> None:
    r = score_pair(rec("Aleppo", "place"), rec("Aleppo", "armed_group"))
    assert r.score == 0.0 and r.rule == "type-mismatch"
    r = score_pair(rec("Baath", "organization"), rec("Baath", "armed_group"))
    assert r.rule == "type-mismatch"


def test_exact_normalised_name_merges_across_documents() -> None:
    r = score("Liwa al-Baqir", "liwa al baqir", same_doc=False)
    assert r.rule == "exact" and r.verdict == "same"
    assert r.features["exact_normalized"] == 1.0


# --- translation, transliteration, script -------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Baqir Brigade", "Liwa al-Baqir"),
        ("The Nayrab Battalion", "Katibat al-Nayrab"),
        ("National Defence Forces", "Quwat ad-Difa al-Watani"),
        ("Local Defence Forces", "Quwat al-Difa’ al-Mahalli"),
        ("The Safira Regiment", "Fawj al-Safira"),
        ("The Nubl and Zahara’ Regiment", "Fawj Nubl wa al-Zahara’"),
        ("Katibat al-Nayrab al-Maham al-Khasa", "The Nayrab Battalion- Special Operations"),
        ("Al-Nusra Front", "Jabhat al-Nusra"),
    ],
)
def test_glossary_translation_of_unit_words(a: str, b: str) -> None:
    r = score(a, b, same_doc=False)
    assert r.verdict == "same", r
    assert r.features.get("translation_equal") == 1.0 or r.rule == "glossary"


def test_arabic_script_meets_its_transliteration_and_translation() -> None:
    r = score("قوات الدفاع الوطني", "Quwāt ad-Difāʿ al-Watanī", same_doc=False)
    assert r.verdict == "same" and r.features["arabic_latin"] == 1.0
    assert merges("قوات الدفاع الوطني", "National Defense Forces")
    assert merges("لواء الباقر", "Liwa al-Baqir")


def test_transliteration_variants_match_on_the_skeleton() -> None:
    r = score("Liwa al-Baqer", "Liwaa al-Baqir", same_doc=False)
    assert r.verdict == "same"
    assert merges("Tartous", "Tartus Governorate", "place")
    assert merges("Deir Ez Zor", "Deir ez-Zor Governorate", "place")
    assert merges("al-Bekara", "Baggara", "kin_group")


def test_skeleton_needs_alike_vowels_too() -> None:
    # the same consonants q-d-s, but different words
    assert not merges("Liwa al-Quds", "Liwa al-Qadisiya")
    # d-r: Daraa and Darayya are two towns
    assert not merges("Daraa", "Darayya", "place")
    assert merges("Daraa", "Deraa", "place")


def test_compact_form() -> None:
    r = score("alSouria.net", "alSourianet", "organization", same_doc=False)
    assert r.rule == "compact" and r.verdict == "same"


# --- acronyms and the glossary ------------------------------------------------


def test_glossary_acronym_meets_its_expansion_anywhere() -> None:
    r = score("NDF", "National Defence Forces", same_doc=False)
    assert r.verdict == "same" and r.rule == "glossary"
    assert merges("ISIL", "Islamic State")
    assert merges("Islamic State of Iraq and the Levant", "IS")
    assert merges("IRGC", "Islamic Revolutionary Guard Corps")
    assert merges("SAA", "Syrian Army")


def test_two_different_glossary_entities_are_kept_apart() -> None:
    r = score("IRGC", "Quds Force", same_doc=False)
    assert r.verdict == "different" and r.rule == "glossary-conflict"


def test_unknown_acronym_matches_initials_inside_a_document_only() -> None:
    inside = score("KSB", "Kataib Sayyid Bilal")
    assert inside.verdict == "same" and inside.features["acronym_of"] == 1.0
    across = score("KSB", "Kataib Sayyid Bilal", same_doc=False)
    assert across.verdict == "review"


def test_shared_context_lifts_an_acronym_across_documents() -> None:
    a = rec("KSB", "armed_group", "d1", ctx="hezbollah aleppo")
    b = rec("Kataib Sayyid Bilal", "armed_group", "d2", ctx="aleppo")
    r = score_pair(a, b)
    assert r.verdict == "same" and r.rule.endswith("+context")
    assert r.features["context_overlap"] == 1.0


# --- the branch guard ---------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        ("Latakia NDF", "NDF"),
        ("Latakia NDF", "National Defense Forces"),
        ("Aleppo Baath Battalions", "Baath Battalions"),
        ("Safira branch of the Muqawama Suriya", "Muqawama Suriya"),
        ("Lionesses of the NDF", "NDF"),
        ("Women's wing National Defense", "National Defense"),
        ("NDF militia from Mhardeh", "NDF"),
        ("Homs NDF", "Latakia NDF"),
    ],
)
def test_branch_guard(part: str, whole: str) -> None:
    r = score(part, whole)
    assert r.verdict == "different" and r.rule == "branch-guard", r
    assert r.features.get("branch_guard") == 1.0


def test_branch_words_with_the_same_place_are_one_thing() -> None:
    assert merges("National Defense Center in Latakia", "Latakia NDF", same_doc=True)
    assert merges("Latakia National Defense Forces", "Latakia NDF")


def test_a_place_that_is_the_name_is_not_a_qualifier() -> None:
    assert merges("Fawj al-Safira", "The Safira Regiment")


def test_missing_unit_word_still_matches() -> None:
    assert merges("Nusra", "Jabhat al-Nusra", same_doc=True)
    assert merges("Shabiha", "Shabiha forces", same_doc=True)


def test_a_well_known_name_does_not_absorb_longer_unknown_names() -> None:
    r = score("Kata'ib Hezbollah", "Hezbollah")
    assert r.verdict == "review" and r.rule == "extends-known-name"
    assert score("Syrian Hezbollah", "Hezbollah").verdict == "review"
    assert merges("Nusra", "Jabhat al-Nusra", same_doc=True)  # the unknown name is the short one


def test_compound_names_with_al_din() -> None:
    assert merges("Issam Zahreddine", "Issam Zahr al-Din", "person")
    assert merges("Harakat Nour al-Din al-Zenki", "Nureddin Zenki Movement")


def test_toponym_words_have_their_spellings() -> None:
    assert merges("Tal Abyad", "Tell Abiad", "place")
    assert merges("Kafr Nabl", "Kfar Nabel", "place")
    assert merges("Ras al-Ain", "Ras al-Ayn", "place")


def test_conflicting_unit_words_do_not_merge() -> None:
    r = score("Syrian Arab Army", "Syrian Arab Armed Forces")
    assert r.verdict != "same"
    assert not merges("Liwa al-Baqir", "Katibat al-Baqir")


def test_descriptive_extra_words_match_inside_a_document_and_go_to_review_across() -> None:
    inside = score("Katibat al-Nayrab", "Katibat al-Nayrab al-Maham al-Khasa")
    assert inside.rule == "subset-in-document" and inside.verdict == "same"
    across = score("Katibat al-Nayrab", "Katibat al-Nayrab al-Maham al-Khasa", same_doc=False)
    assert across.verdict == "review"


def test_numbers_must_agree() -> None:
    r = score("4th Division", "5th Division")
    assert r.verdict == "different" and r.rule == "number-conflict"
    assert merges("Fourth Division", "4th Division")


# --- persons ------------------------------------------------------------------


def test_given_name_guard() -> None:
    r = score("Khalid al-Hassan", "Omar Hussein al-Hassan", "person")
    assert r.verdict == "different" and r.rule == "given-name-conflict"
    assert r.features["given_name_conflict"] == 1.0


def test_surname_guard() -> None:
    r = score("Ali Barakat", "Ali Kayali", "person")
    assert r.verdict == "different" and r.rule == "surname-conflict"


def test_single_token_person_attaches_inside_a_document_only() -> None:
    assert score("Khalid", "Khalid al-Hassan", "person").verdict == "same"
    assert score("Assad", "Bashar al-Assad", "person").verdict == "same"
    assert score("Khalid", "Khalid al-Hassan", "person", same_doc=False).verdict == "review"


def test_person_variants_and_longer_name_chains() -> None:
    assert merges("Qasem Soleimani", "Qassem Suleimani", "person")
    assert merges("Mohammed Ali", "Muhammad Ali", "person", same_doc=True)
    assert score("Khalid al-Hassan", "Khalid al-Hassan al-Aloush al-Baqir", "person").verdict == "same"
    assert merges("Ayatollah Khamene’i", "Khamene’i", "person", same_doc=True)


def test_common_full_name_needs_context_across_documents() -> None:
    r = score("Ali Hassan", "Ali Hassan", "person", same_doc=False)
    assert r.verdict == "review" and r.rule == "common-name"
    a = rec("Ali Hassan", "person", "d1", ctx="liwa_al_baqir")
    b = rec("Ali Hassan", "person", "d2", ctx="liwa_al_baqir aleppo")
    assert score_pair(a, b).verdict == "same"
    assert merges("Hassan Nasrallah", "Hassan Nasrallah", "person")


def test_relational_person_names_match_nothing_else() -> None:
    assert score("Khalid’s brother", "Khalid al-Hassan", "person").verdict == "none"


# --- places -------------------------------------------------------------------


def test_place_qualifiers_city_province_governorate_are_neutral() -> None:
    for other in ("Aleppo city", "Aleppo province", "Aleppo Governorate"):
        assert merges("Aleppo", other, "place"), other
    assert merges("Safira", "Safira district", "place")
    assert merges("Al-Hasakah", "al-Hasakah Governorate", "place")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Aleppo", "south Aleppo countryside"),
        ("Latakia", "Latakia countryside"),
        ("Damascus", "Damascus countryside"),
        ("south Aleppo", "north Aleppo"),
    ],
)
def test_countryside_and_directions_make_another_place(a: str, b: str) -> None:
    r = score(a, b, "place")
    assert r.verdict == "different" and r.rule == "place-modifier"


def test_a_direction_implies_the_countryside() -> None:
    assert merges("south Aleppo", "south Aleppo countryside", "place")


def test_an_extra_word_makes_another_place() -> None:
    r = score("Issan", "Ain Issan", "place")
    assert r.verdict == "different" and r.rule == "place-extra"
    assert score("Latakia", "mountains of Latakia", "place").verdict == "different"


# --- events -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Palmyra offensive (May 2015)", "Palmyra offensive (2017)", "date-conflict"),
        ("Aleppo offensive (June–July 2016)", "Aleppo offensive (July–August 2016)", "date-conflict"),
        ("2015–16 Latakia offensive", "2016 Latakia offensive", "date-conflict"),
        ("Homs campaign", "Siege of Homs", "event-kind-conflict"),
        ("Damascus offensive", "Southern Damascus offensive", "place-modifier"),
        ("4th Rif Dimashq offensive", "5th Rif Dimashq offensive", "date-conflict"),
    ],
)
def test_event_guards(a: str, b: str, rule: str) -> None:
    r = score(a, b, "event")
    assert r.verdict == "different" and r.rule == rule, r


def test_events_match_on_place_kind_and_date() -> None:
    assert merges("battle to liberate Al-Haffa", "battle for al-Haffa", "event", same_doc=True)
    assert merges("2013 Latakia offensive", "August 2013 Latakia offensive", "event")
    assert merges("2013 offensive", "August 2013 Latakia offensive", "event", same_doc=True)
    assert score("Raqqa campaign", "Raqqa campaign (2012–2013)", "event").verdict == "review"


# --- states and kin -----------------------------------------------------------


def test_state_names_reduce_to_the_country() -> None:
    assert merges("Syria", "Syrian Arab Republic", "state")
    assert merges("Syrian Arabic Republic", "Syrian state apparatus", "state")
    assert merges("Syria", "Syrian government", "state")
    r = score("Syria", "Iran", "state")
    assert r.verdict == "different" and r.rule in ("country-conflict", "glossary-conflict")
    r = score("Syrian state", "Lebanese state", "state")
    assert r.verdict == "different" and r.rule == "country-conflict"


def test_generic_state_reference_attaches_to_the_named_government_in_its_document() -> None:
    assert score("the regime", "Assad regime", "state").verdict == "same"
    assert score("the regime", "Assad regime", "state", same_doc=False).verdict != "same"
    assert score("the government", "the regime", "state").verdict != "same"


def test_kin_group_neutral_words() -> None:
    assert merges("Berri", "Berri family", "kin_group")


# --- records ------------------------------------------------------------------


def test_records_with_several_names_use_the_best_pair_unless_a_guard_fires() -> None:
    a = NameRecord("a", "armed_group", ("Local Defence Forces", "LDF"), "d1")
    b = NameRecord("b", "armed_group", ("Quwat al-Difa’ al-Mahalli",), "d2")
    assert score_pair(a, b).verdict == "same"
    c = NameRecord("c", "armed_group", ("Latakia NDF", "Latakia National Defense Forces"), "d1")
    d = NameRecord("d", "armed_group", ("NDF", "National Defense Forces"), "d1")
    assert score_pair(c, d).verdict == "different"


def test_record_from_node() -> None:
    node = Node(
        id="N1", type="armed_group", name="Liwa al-Baqir", names=("The Baqir Brigade",), document="d1"
    )
    r = NameRecord.from_node(node, context=["x"])
    assert r.names == ("Liwa al-Baqir", "The Baqir Brigade") and r.document == "d1"
    assert r.context == frozenset({"x"})


def test_batch_lexicon_knows_places_of_the_batch() -> None:
    lex = Lexicon.default().with_names(places=["Kfar Hod"])
    r = score_pair(rec("Kfar Hod NDF"), rec("NDF"), lex)
    assert r.rule == "branch-guard"


def test_thresholds_are_ordered() -> None:
    assert 0 < REVIEW < AUTO_MERGE < 1
