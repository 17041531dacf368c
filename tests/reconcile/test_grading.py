"""Admiralty grading: reliability per source, stance, independence, credibility."""

from __future__ import annotations

import pytest

from orbat.errors import ValidationError
from orbat.model import VOCABULARY
from orbat.reconcile import (
    CREDIBILITY_LABELS,
    RELIABILITY_LABELS,
    PublisherGrade,
    SourceGrades,
    check_reliability,
    claimant_key,
    derive_credibility,
    reconcile,
)
from orbat.reconcile.grading import is_self_claim, sources_of
from tests.reconcile.factory import claim


def test_both_scales_have_labels():
    assert list(RELIABILITY_LABELS) == ["A", "B", "C", "D", "E", "F"]
    assert RELIABILITY_LABELS["F"] == "reliability cannot be judged"
    assert sorted(CREDIBILITY_LABELS) == [1, 2, 3, 4, 5, 6]
    assert CREDIBILITY_LABELS[1] == "confirmed by other sources"
    assert check_reliability(" b ") == "B"
    with pytest.raises(ValidationError):
        check_reliability("G")


@pytest.mark.parametrize("kind", sorted(VOCABULARY.source_kinds))
def test_default_reliability_and_stance_per_source_kind(kind: str):
    (src,) = sources_of(claim("founded", {"date": "2012"}, source_kind=kind))
    default = VOCABULARY.source_kinds[kind]
    assert (src.reliability, src.reliability_from) == (default.reliability, "kind")
    assert (src.stance, src.stance_from) == (default.stance, "kind")


def test_publisher_grade_overrides_the_kind_and_the_document_grade_overrides_both():
    grades = SourceGrades({"Free Aleppo Voice": PublisherGrade("B", "independent")})
    c = claim("founded", {"date": "2015"}, source_kind="opposition_media", publisher="free aleppo voice")
    (src,) = sources_of(c, grades)  # publisher names match case-insensitively
    assert (src.reliability, src.reliability_from) == ("B", "publisher")
    assert (src.stance, src.stance_from) == ("independent", "publisher")
    (plain,) = sources_of(c)
    assert (plain.reliability, plain.stance) == ("D", "opposition")
    doc = claim(
        "founded",
        {"date": "2015"},
        source_kind="opposition_media",
        publisher="Free Aleppo Voice",
        doc_reliability="E",
        doc_stance="affiliated",
    )
    (src,) = sources_of(doc, grades)
    assert (src.reliability, src.reliability_from, src.stance, src.stance_from) == (
        "E",
        "document",
        "affiliated",
        "document",
    )
    # a publisher grade with only a stance leaves the kind's reliability
    (partial,) = sources_of(c, SourceGrades({"Free Aleppo Voice": PublisherGrade(None, "state")}))
    assert (partial.reliability, partial.stance) == ("D", "state")


@pytest.mark.parametrize(
    ("claimed_by", "key"),
    [
        ("alSouria.net", "alsouria.net"),
        ("local sources quoted by alSouria.net", "alsouria.net"),
        ("sources cited by alSouria.net", "alsouria.net"),
        ("Liwa al-Baqir (as recorded by Wikipedia)", "liwa al-baqir"),
        ("Liwa al-Baqir (per Al-Tamimi's Jihad Intel profile)", "liwa al-baqir"),
        ("an affiliated Facebook page", "affiliated facebook page"),
        ("The Nayrab Battalion", "nayrab battalion"),
    ],
)
def test_claimant_keys(claimed_by: str, key: str):
    assert claimant_key(claimed_by) == key


def test_sources_are_keyed_by_claimant_then_publisher_then_document():
    relayed = claim("salary", {"quantity": {"value": 1}}, claimed_by="alSouria.net", publisher="X")
    by_pub = claim("salary", {"quantity": {"value": 1}}, publisher="Sample Wire")
    by_doc = claim("salary", {"quantity": {"value": 1}}, doc="doc_z")
    assert [s.key for s in sources_of(relayed)] == ["claimant:alsouria.net"]
    assert [s.key for s in sources_of(by_pub)] == ["publisher:sample wire"]
    assert [s.key for s in sources_of(by_doc)] == ["document:doc_z"]
    assert sources_of(claim("salary", {"quantity": {"value": 1}}, doc=None)) == ()


def test_two_documents_relaying_one_claimant_count_once():
    a = claim("founded", {"date": "2015"}, doc="opposition_report", claimed_by="alSouria.net")
    b = claim(
        "founded", {"date": "2015"}, doc="think_tank_note", claimed_by="local sources quoted by alSouria.net"
    )
    (group,) = reconcile([a, b])
    (value,) = group.values
    assert value.independent == 1 and len(value.claims) == 2
    assert group.kind == "single"
    c = claim("founded", {"date": "2015"}, doc="wire", publisher="Sample Wire")
    (group,) = reconcile([a, b, c])
    assert group.values[0].independent == 2 and group.kind == "agreement"


def test_the_subject_speaking_for_itself_is_affiliated():
    own = claim("founded", {"date": "2012"}, subject_name="Liwa al-Baqir", claimed_by="Liwa al-Baqir media")
    other = claim("founded", {"date": "2012"}, subject_name="Liwa al-Baqir", claimed_by="alSouria.net")
    assert is_self_claim(own) and not is_self_claim(other)
    assert sources_of(own)[0].stance == "affiliated"
    assert sources_of(other)[0].stance == "independent"


@pytest.mark.parametrize(
    ("independent", "kw", "grade"),
    [
        (3, {}, 1),
        (5, {}, 1),
        (2, {}, 2),
        (1, {}, 3),
        (1, {"affiliated_only": True}, 4),  # a single affiliated source on its own group
        (2, {"affiliated_only": True}, 2),  # corroborated: the step does not apply
        (1, {"uncertain_only": True}, 4),
        (2, {"disputed": True}, 3),  # a disputed value is one step lower
        (1, {"affiliated_only": True, "disputed": True}, 5),
        (0, {"disputed": True}, 5),
        (0, {}, 6),
    ],
)
def test_derived_credibility(independent: int, kw: dict, grade: int):
    assert derive_credibility(independent, **kw) == grade


def test_claim_credibility_from_hedges_evidence_and_the_analyst():
    asserted = claim("founded", {"date": "2012"}, doc="a")
    corroborating = claim("founded", {"date": "2012"}, doc="b")
    hedged = claim("founded", {"date": "2012"}, doc="c", hedge="uncertain")
    doubting = claim("founded", {"date": "2012"}, doc="d", hedge="doubted")
    bare = claim("founded", {"date": "2012"}, doc=None)
    (group,) = reconcile([asserted, corroborating, hedged, doubting, bare])
    (value,) = group.values
    grades = {g.id: g.credibility for g in value.claims}
    assert value.independent == 3  # a, b and the hedged c; the doubter does not support it
    assert value.credibility == 2  # 3 sources → 1, one step lower because d disputes it
    assert grades == {asserted.id: 2, corroborating.id: 2, hedged.id: 4, doubting.id: 5, bare.id: 6}

    overridden = claim("founded", {"date": "2012"}, doc="e", credibility=1)
    (group,) = reconcile([overridden, claim("founded", {"date": "2012"}, doc="f", hedge="doubted")])
    (value,) = group.values
    assert value.credibility == 1  # the analyst's grade wins over the derived one
    assert [g.overridden for g in value.claims] == [True, False]


def test_no_evidence_means_credibility_six():
    (group,) = reconcile([claim("founded", {"date": "2012"}, doc=None)])
    assert group.values[0].credibility == 6
    assert group.values[0].reliability == "F"
