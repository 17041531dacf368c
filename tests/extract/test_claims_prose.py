"""Subject attribution and rule phrasings for prose in general (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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
