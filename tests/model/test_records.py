import pytest

from orbat.errors import ValidationError, VocabularyError
from orbat.model import (
    Alias,
    Claim,
    DateValue,
    Document,
    Entity,
    EntityRef,
    Evidence,
    Qualifiers,
    Quantity,
    TextValue,
    object_from_json,
    script_of,
)


def test_claim_rejects_an_object_of_the_wrong_kind():
    with pytest.raises(ValidationError, match="founded takes a date"):
        Claim(subject="E1", predicate="founded", object=EntityRef("E2"))
    with pytest.raises(ValidationError, match="leader takes a entity"):
        Claim(subject="E1", predicate="leader", object=TextValue("someone"))


def test_composition_accepts_entity_or_text():
    Claim(subject="E1", predicate="composition", object=EntityRef("E3"))
    Claim(subject="E1", predicate="composition", object=TextValue("Alawite volunteers"))


def test_claim_rejects_a_qualifier_the_predicate_does_not_take():
    with pytest.raises(VocabularyError, match="takes no qualifier kind"):
        Claim(
            subject="E1",
            predicate="founded",
            object=DateValue("2012"),
            qualifiers=Qualifiers(kind="training"),
        )


def test_unknown_predicate_is_refused():
    with pytest.raises(VocabularyError):
        Claim(subject="E1", predicate="commands", object=EntityRef("E2"))


@pytest.mark.parametrize(
    "value", ["2012", "2012-06", "2012-06-14", "2014-21", "2012?", "2012~", "2012/2013", "..2013-12", "198X"]
)
def test_valid_edtf_dates_are_accepted(value):
    assert DateValue(value).edtf == value


@pytest.mark.parametrize("value", ["June 2012", "2012-13", "", "20122", "2012-06-31"])
def test_invalid_edtf_dates_are_refused(value):
    with pytest.raises(ValidationError):
        DateValue(value)


def test_qualifier_dates_are_validated_and_hedges_checked():
    with pytest.raises(ValidationError, match="as_of"):
        Qualifiers(as_of="last spring")
    with pytest.raises(VocabularyError, match="hedge"):
        Qualifiers(hedge="rumoured")


def test_quantity_needs_a_number_and_a_sane_range():
    with pytest.raises(ValidationError):
        Quantity()
    with pytest.raises(ValidationError):
        Quantity(min=300, max=200)
    with pytest.raises(ValidationError):
        Quantity(value=5, min=1)
    with pytest.raises(ValidationError):
        Quantity(value=float("nan"))
    q = Quantity(min=2000, max=3000, approx=True, unit="fighters")
    assert q.to_json() == {"quantity": {"min": 2000, "max": 3000, "approx": True, "unit": "fighters"}}
    assert q.display() == "about 2,000–3,000 fighters"


def test_object_json_round_trip():
    for raw in (
        {"entity": "E5"},
        {"date": "2012-06"},
        {"quantity": {"value": 2000, "approx": True, "unit": "fighters"}},
        {"quantity": {"min": 200, "max": 300}},
        {"text": "paramilitary volunteer militia"},
    ):
        assert object_from_json(raw).to_json() == raw


@pytest.mark.parametrize(
    "raw",
    [
        {"entity": "E1", "text": "x"},
        {},
        {"colour": "red"},
        {"quantity": {"value": 1, "size": 2}},
        {"date": 2012},
        "x",
    ],
)
def test_malformed_objects_are_refused(raw):
    with pytest.raises(ValidationError):
        object_from_json(raw)


def test_evidence_quote_must_fit_its_offsets():
    text = "The brigade was formed in 2013."
    ev = Evidence.from_text("d1", text, 4, 11)
    assert ev.quote == "brigade"
    with pytest.raises(ValidationError):
        Evidence("d1", 4, 11, "brigades")
    with pytest.raises(ValidationError):
        Evidence("d1", 4, None, "brigade")


def test_claim_key_is_deterministic_and_depends_on_content():
    ev = (Evidence("d1", 0, 4, "text"),)
    a = Claim(subject="N1", predicate="founded", object=DateValue("2012"), evidence=ev, origin="rule:x@1")
    b = Claim(subject="N1", predicate="founded", object=DateValue("2012"), evidence=ev, origin="rule:x@2")
    c = Claim(subject="N1", predicate="founded", object=DateValue("2013"), evidence=ev, origin="rule:x@1")
    assert a.key() == b.key()  # extractor version does not change a claim's identity
    assert a.key() != c.key()


def test_entity_and_document_validation():
    with pytest.raises(VocabularyError):
        Entity(id="E1", type="militia", name="X")
    with pytest.raises(ValidationError):
        Entity(id="E1", type="armed_group", name="  ")
    with pytest.raises(VocabularyError):
        Document(name="d", text="t", source_kind="blog")
    with pytest.raises(ValidationError):
        Document(name="d", text="t", published="May 2016")
    doc = Document(name="d", text="ab\n\ncd", pages=((1, 0, 4), (2, 4, 6)))
    assert doc.page_at(5) == 2


def test_alias_script_detection():
    assert Alias.of("قوات الدفاع الوطني").script == "Arab"
    assert Alias.of("Quwat al-Difa").script == "Latn"
    assert script_of("123") == "Zyyy"
