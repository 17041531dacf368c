from __future__ import annotations

import pytest

from orbat.extract.names import acronym_fits, name_key, strip_title


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Local Defence Forces", "Local Defense Force"),
        ("Liwa al-Quds", "liwa al quds"),
        ("Liwa el-Quds", "Liwa al-Quds"),
        ("Kata’ib Sayyid", "Kataib Sayyid"),
        ("Quwāt ad-Difāʿ", "Quwat al-Difa"),
        ("the Regional Centre", "Regional Center"),
    ],
)
def test_name_key_folds_spelling_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Liwa al-Quds") != name_key("Liwa al-Baqir")


def test_acronym_fits_initials() -> None:
    assert acronym_fits("NDF", "National Defense Forces")
    assert acronym_fits("ISIL", "Islamic State of Iraq and the Levant")
    assert not acronym_fits("XYZ", "National Defense Forces")


def test_strip_title() -> None:
    assert strip_title("Brig. Gen. Samir Haddad") == "Samir Haddad"
    assert strip_title("Sheikh Omar") == "Omar"
