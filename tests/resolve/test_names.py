"""Name normalisation and keys: one test per rule."""

from __future__ import annotations

import pytest

from orbat.resolve import (
    NameRecord,
    acronym_of,
    candidate_pairs,
    fold,
    is_acronym,
    name_keys,
    normalize,
    skeleton,
)


def test_normalize_folds_case() -> None:
    assert normalize("LIWA AL-BAQIR") == normalize("liwa al-baqir")


def test_normalize_strips_diacritics() -> None:
    assert normalize("Quwāt ad-Difāʿ al-Watanī") == "quwat al difa al watani"
    assert normalize("Ḥasakah") == "hasakah"


@pytest.mark.parametrize("mark", ["'", "’", "‘", "`", "ʿ", "ʾ", "´"])
def test_normalize_removes_the_apostrophe_family(mark: str) -> None:
    assert normalize(f"Dara{mark}a") == "daraa"


def test_normalize_turns_hyphens_into_spaces() -> None:
    assert normalize("The Nayrab Battalion- Special Operations") == "nayrab battalion special operations"


def test_normalize_drops_a_leading_the_only() -> None:
    assert normalize("The Baqir Brigade") == "baqir brigade"
    assert normalize("battle of the Basit checkpoint") == "battle of the basit checkpoint"


@pytest.mark.parametrize("form", ["al-Difa", "ad-Difa", "el-Difa", "Al-Difa", "ad-difa"])
def test_normalize_writes_every_article_form_as_al(form: str) -> None:
    assert normalize(form) == "al difa"


def test_normalize_sun_letter_assimilation() -> None:
    assert normalize("ash-Sham") == normalize("al-Sham")
    assert normalize("as-Suwayda") == normalize("al-Suwayda")
    assert normalize("az-Zawr") == normalize("al-Zawr")


def test_normalize_free_standing_article() -> None:
    assert normalize("Deir Ez Zor") == normalize("Deir ez-Zor") == "deir al zor"


def test_normalize_keeps_english_as_at_an() -> None:
    assert normalize("Battle at Homs") == "battle at homs"


def test_normalize_splits_an_article_glued_to_a_capital() -> None:
    assert normalize("alSouria.net") == "al souria net"


def test_normalize_arabic_script_drops_vowels_tatweel_and_unifies_alef() -> None:
    assert normalize("قُوّات") == "قوات"
    assert normalize("قـوات") == "قوات"
    assert normalize("أحمد") == normalize("احمد")


def test_fold_doubled_letters() -> None:
    assert fold("Lattakia") == fold("Latakia")
    assert fold("Hassakah") == fold("Hasakah")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qasem", "Kasem"),  # q/k
        ("Zour", "Zur"),  # ou/u
        ("Deir", "Dayr"),  # ei/ay
        ("Jeish", "Jaish"),  # ei/ai
        ("Mohammed", "Mohammid"),  # e/i
        ("Dhiban", "Ziban"),  # dh/z
        ("Khalid", "Halid"),  # kh/h
        ("Sheekh", "Shikh"),  # ee/i
        ("Hezbollah", "Hezbullah"),  # o/u, oo/u
        ("Phalanx", "Falanx"),  # ph/f
    ],
)
def test_fold_transliteration_pairs(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_final_apostrophe_and_feminine_ending() -> None:
    assert fold("Nujaba’") == fold("Nujaba")
    assert fold("Hasakah") == fold("Hasaka")
    assert fold("Mhardeh") == fold("Mharde")


def test_fold_keeps_a_final_h_that_is_not_the_feminine_ending() -> None:
    assert fold("Kuhh").endswith("h")


def test_fold_drops_the_article() -> None:
    assert fold("Deir ez-Zor") == fold("Deir al-Zour") == fold("Deir Ez Zor")


def test_fold_english_re_ending() -> None:
    assert fold("Centre") == fold("Center")


@pytest.mark.parametrize("name", ["Daraa", "Dara'a", "Deraa", "Dar’a"])
def test_skeleton_of_daraa_variants(name: str) -> None:
    assert skeleton(name) == "dr"


@pytest.mark.parametrize("name", ["Baggara", "Bekara", "al-Bekara", "Bakkara", "Baqqara"])
def test_skeleton_folds_g_k_q_and_vowels(name: str) -> None:
    assert skeleton(name) == "bkr"


def test_skeleton_of_zahraa_spellings() -> None:
    assert skeleton("Zahara’") == skeleton("Zahraa") == skeleton("al-Zahra")


def test_skeleton_of_deir_ez_zor_spellings() -> None:
    assert skeleton("Deir ez-Zor") == skeleton("Dayr az-Zawr") == skeleton("Deir al-Zour") == "dr zr"


def test_skeleton_drops_medial_w_and_y_but_keeps_initial() -> None:
    assert skeleton("Suwayda") == skeleton("Sweida") == "sd"
    assert skeleton("Watani") == "wtn"
    assert skeleton("Yarmouk") == "yrmk"


def test_skeleton_keeps_consonants_that_meet_across_a_vowel() -> None:
    assert skeleton("Kukahi") != skeleton("Kahi")


def test_skeleton_arabic_script_meets_latin() -> None:
    assert skeleton("قوات الدفاع الوطني") == skeleton("Quwat ad-Difa al-Watani") == "kt df wtn"
    assert skeleton("Quwāt ad-Difāʿ al-Watanī") == "kt df wtn"


def test_skeleton_arabic_article_ta_marbuta_alif_maqsura_and_hamza() -> None:
    assert skeleton("الحسكة") == skeleton("Hasakah")
    assert skeleton("إدلب") == skeleton("Idlib")
    assert skeleton("مصطفى") == skeleton("Mustafa")
    assert skeleton("السويداء") == skeleton("as-Suwayda")


def test_skeleton_arabic_final_ha_is_kept_for_ha_and_kha() -> None:
    assert skeleton("القزخ") == skeleton("Qezokh") == "kzh"


def test_is_acronym() -> None:
    assert is_acronym("NDF")
    assert is_acronym("IRGC-QF")
    assert is_acronym("U.S.")
    assert is_acronym("the SDF")
    assert not is_acronym("Hezbollah")
    assert not is_acronym("Local Defence Forces")


def test_acronym_of_uses_initials_of_content_words() -> None:
    assert "NDF" in acronym_of("National Defense Forces")
    assert "IRGC" in acronym_of("Islamic Revolutionary Guard Corps")
    assert "HTS" in acronym_of("Hay'at Tahrir al-Sham")


def test_acronym_of_with_and_without_function_words_and_from_the_glossary() -> None:
    got = acronym_of("Islamic State of Iraq and the Levant")
    assert "ISIL" in got  # content words
    assert "ISOIAL" in got  # every word but "the"
    assert {"ISIS", "IS"} <= got  # glossary


def test_name_keys_meet_across_translation() -> None:
    a = name_keys("Liwa al-Baqir", "armed_group")
    b = name_keys("The Baqir Brigade", "armed_group")
    assert {k for k in a if k.startswith("k:")} == {k for k in b if k.startswith("k:")}


def test_name_keys_meet_across_script() -> None:
    a = name_keys("قوات الدفاع الوطني", "armed_group")
    b = name_keys("Quwat ad-Difa al-Watani", "armed_group")
    c = name_keys("National Defence Forces", "armed_group")
    k = {x for x in a if x.startswith("k:")}
    assert k and k == {x for x in b if x.startswith("k:")} == {x for x in c if x.startswith("k:")}


def test_name_keys_give_acronyms_and_initials_in_partner_halves() -> None:
    assert "a:NDF" in name_keys("NDF", "armed_group")
    assert "i:NDF" in name_keys("National Defense Forces", "armed_group")
    assert "g:national_defense_forces" in name_keys("NDF", "armed_group")


def _shared_word_keys(a: str, b: str, type_: str = "armed_group") -> set[str]:
    return {k for k in name_keys(a, type_) & name_keys(b, type_) if k[:2] in ("t:", "k:")}


def test_name_keys_read_th_and_dh_as_t_and_d_too() -> None:
    # ث and ذ are "th"/"dh", "s"/"z" or plain "t"/"d" depending on the writer
    assert _shared_word_keys("Katibat al-Sathat", "Kateebat al-Satat")
    assert _shared_word_keys("Radhur Battalion", "Kateebat al-Radur")
    assert _shared_word_keys("Rami al-Bakhuthi", "Rami al-Bahuti", "person") - {"t:rm"}
    # the skeleton's own classes still hold: "th" is "s", "dh" is "z"
    assert _shared_word_keys("Uthman al-Dhahabi", "Usman al-Zahabi", "person") >= {"t:smn", "t:zhb"}


def test_name_keys_keep_a_final_h_that_may_not_be_the_feminine_ending() -> None:
    # "-ah" is usually ة (dropped) but may be ḥ/kh: "Bitah" must still meet "Bitakh"
    assert _shared_word_keys("Fouj al-Bitah al-Islamiya", "Fawj al-Bitakh al-Islamiya") - {"t:islamic"}
    assert _shared_word_keys("Quwat al-Danakh", "Quwat al Danah")


def test_name_keys_give_the_vowelled_spelling_for_ranking() -> None:
    # "v:" keys are finer than the skeleton: "Zahanee" and "Zakhani" share one, "Zuhni" does not
    a = name_keys("Abu Abdullah al-Zahanee", "person")
    b = name_keys("Firas al-Zakhani", "person")
    c = name_keys("Omar al-Zuhni", "person")
    shared = {k for k in a & b if k.startswith("v:")}
    assert shared and not shared & c


def test_initials_in_the_order_of_the_arabic_name_an_english_name_glosses() -> None:
    # "Quwat al-Baqir al-Wataniya" glossed "Baqir National Forces": its acronym is QBW
    assert "QBW" in acronym_of("Baqir National Forces", "armed_group")
    assert "QBW" in acronym_of("the Baqir National Forces", "armed_group")
    assert "LB" in acronym_of("Baqir Brigade", "armed_group")
    # only for the plain pattern "Name [Qualifiers] Unit"
    assert not any(a.startswith("Q") for a in acronym_of("Forces of the Baqir Clan", "armed_group"))
    assert "NDF" in acronym_of("National Defence Forces", "armed_group")


def test_initials_read_a_hyphenated_lower_case_continuation_as_one_word() -> None:
    assert {"KMW", "KMNW"} <= acronym_of("Katibat al-Monas-nakun al-Wataniya")
    # an article joined by a hyphen is not a continuation: its word keeps its initial
    assert acronym_of("Hay'at Tahrir al-Sham") >= {"HTS"}
    assert "KMNW" in acronym_of("Katibat al-Monas-Nakun al-Wataniya")
    assert "KMW" not in acronym_of("Katibat al-Monas-Nakun al-Wataniya")


def test_an_english_name_meets_the_acronym_of_its_arabic_name() -> None:
    records = [
        NameRecord("a", "armed_group", ("QBW",), "d1"),
        NameRecord("b", "armed_group", ("Baqir National Forces",), "d1"),
    ]
    assert (0, 1) in set(candidate_pairs(records))
