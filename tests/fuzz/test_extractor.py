"""Hostile input to the extractor: ``RuleExtractor.extract`` on arbitrary text never crashes or hangs,
and whatever it returns keeps the evidence-first invariants.

Arbitrary text: Hypothesis mixes domain words (so that rules fire), Arabic
script, digits and dates, punctuation, control characters, bidirectional
overrides and isolates, joiners, combining marks, emoji and very long
tokens. The extractor must return an Extraction (or refuse with an
OrbatError) within the hang guard, and every mention and every claim's
evidence must quote the text exactly at its offsets, every claim's subject
and entity object must be one of the extraction's nodes.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbat.errors import OrbatError
from orbat.extract.pipeline import RuleExtractor
from orbat.model import Document, EntityRef, Extraction
from tests.fuzz.common import INVISIBLE
from tests.fuzz.conftest import hang_guard

WORDS = [
    "The",
    "Brigade",
    "Liwa",
    "al-Baqir",
    "National Defense Forces",
    "was founded in",
    "formed",
    "in 2013",
    "by",
    "commander",
    "led by",
    "Ahmad al-Hassan",
    "fought alongside",
    "Syrian Arab Army",
    "near",
    "Aleppo",
    "Homs",
    "about 1,500 fighters",
    "according to",
    "reportedly",
    "dissolved in 2017",
    "spring 2014",
    "3 May 2016",
    "لواء الباقر",
    "قوات الدفاع الوطني",
    "حلب",
    "Hezbollah",
    "Iran",
    "(",
    ")",
    ".",
    ",",
    ";",
    '"',
    "\u201c",
    "\n",
    "\n\n",
    "\t",
    " | ",
    "- ",
    "# ",
]
ODD = [
    *INVISIBLE,
    "\x00",
    "\x1b",
    "\r",
    "\x0b",
    "\u2028",
    "\u0301",
    "\U0001f600",
    "\ufffd",
    "\U000e0001",
]
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.text(max_size=12),
    st.integers(0, 3000).map(str),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["a", "-", "1", ".", " ", "ا", "\u202e"]), st.integers(1, 3000)
    ),
)
TEXT = st.lists(st.one_of(PIECE, PIECE.map(lambda p: p + " ")), max_size=120).map("".join)

FAST = settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=2000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor()


def extract_safely(extractor: RuleExtractor, text: str) -> Extraction | None:
    try:
        doc = Document(name="fuzz", text=text)
    except OrbatError:
        return None
    try:
        with hang_guard():
            ex = extractor.extract(doc)
    except OrbatError:
        return None
    check_extraction(text, ex)
    return ex


def check_extraction(text: str, ex: Extraction) -> None:
    nodes = {n.id for n in ex.nodes}
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text, m
        assert m.node in nodes
    for c in ex.claims:
        assert c.subject in nodes, c
        if isinstance(c.object, EntityRef):
            assert c.object.entity in nodes, c
        assert c.evidence, c
        for ev in c.evidence:
            assert ev.start is not None and ev.end is not None
            assert text[ev.start : ev.end] == ev.quote, (ev, c)


@FAST
@given(text=TEXT)
def test_arbitrary_text_gives_a_sound_extraction(extractor: RuleExtractor, text: str) -> None:
    extract_safely(extractor, text)


@FAST
@given(text=st.text(max_size=3000))
def test_any_unicode_gives_a_sound_extraction(extractor: RuleExtractor, text: str) -> None:
    extract_safely(extractor, text)


def test_sentences_with_overrides_in_names_keep_exact_offsets(extractor: RuleExtractor) -> None:
    text = (
        "The \u202eLiwa al-Baqir\u202c Brigade was founded in 2013 in \u2067Aleppo\u2069 by Ahmad al-Hassan.\n"
    ) * 20
    ex = extract_safely(extractor, text)
    assert ex is not None and ex.mentions


@pytest.mark.parametrize("size", [300_000])
def test_a_long_single_token(extractor: RuleExtractor, size: int) -> None:
    ex = extract_safely(extractor, "x" * size)
    assert ex is not None and not ex.claims


@pytest.mark.slow
def test_a_ten_megabyte_single_token(extractor: RuleExtractor) -> None:
    ex = extract_safely(extractor, "x" * (10 * 1024 * 1024))
    assert ex is not None and not ex.claims


@pytest.mark.slow
@DEEP
@given(text=TEXT)
def test_deep_arbitrary_text(extractor: RuleExtractor, text: str) -> None:
    extract_safely(extractor, text)
