import re

import pytest

from orbat.errors import VocabularyError
from orbat.model import VOCABULARY


def test_every_predicate_of_the_spec_is_in_the_vocabulary(shared):
    spec = (shared / "spec" / "claims.md").read_text(encoding="utf-8")
    table = spec.split("## Predicates", 1)[1]
    names = set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M))
    assert len(names) >= 25
    assert names == set(VOCABULARY.predicates)


def test_every_entity_type_of_the_spec_is_in_the_vocabulary(shared):
    spec = (shared / "spec" / "claims.md").read_text(encoding="utf-8")
    section = spec.split("## Entity types", 1)[1].split("## Predicates", 1)[0]
    names = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    assert names == set(VOCABULARY.entity_types)


def test_inverse_names_map_back_with_swap():
    assert VOCABULARY.canonical_predicate("subunit") == ("part_of", True)
    assert VOCABULARY.canonical_predicate("leader_of") == ("leader", True)
    assert VOCABULARY.canonical_predicate("member_of") == ("member", True)
    assert VOCABULARY.canonical_predicate("part_of") == ("part_of", False)


def test_symmetric_predicates_are_the_specs_three():
    assert {p.name for p in VOCABULARY.predicates.values() if p.symmetric} == {
        "allied_with",
        "relative_of",
        "met_with",
    }


def test_free_text_predicates_are_those_left_out_of_core_f1():
    free = {p.name for p in VOCABULARY.predicates.values() if p.free_text}
    assert free == {"alias", "group_type", "ideology", "activity", "accused_of", "position"}


def test_unknown_predicate_and_type_raise_with_the_known_ones_listed():
    with pytest.raises(VocabularyError, match="unknown predicate 'commands'.*founded"):
        VOCABULARY.predicate("commands")
    with pytest.raises(VocabularyError, match="unknown entity type 'militia'"):
        VOCABULARY.entity_type("militia")
    with pytest.raises(VocabularyError):
        VOCABULARY.canonical_predicate("nonsense")


def test_subject_and_object_type_constraints():
    leader = VOCABULARY.predicate("leader")
    assert leader.allows_subject("armed_group") and not leader.allows_subject("place")
    assert leader.allows_object_type("person") and not leader.allows_object_type("place")
    assert VOCABULARY.predicate("alias").allows_subject("place")


def test_source_kinds_have_a_default_grade_and_stance():
    for kind in VOCABULARY.source_kinds.values():
        assert kind.reliability in "ABCDEF"
        assert kind.stance in VOCABULARY.stances
