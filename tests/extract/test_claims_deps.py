"""The dependency reader (verb frames over the parse), on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.extract.config import ExtractConfig
from orbat.extract.pipeline import RuleExtractor
from orbat.extract.relations.deps import DEP_VERSION
from orbat.extract.relations.frames import BY_LEMMA, FRAMES, VERB_FORMS
from orbat.model import VOCABULARY, Document, Extraction

#: (subject name, predicate, object name) -> origin of the claim
Claims = dict[tuple[str, str, str], str]


@pytest.fixture(scope="module")
def claims(run: Callable[[str], Extraction]) -> Callable[[str], Claims]:
    def _claims(text: str) -> Claims:
        ex = run(text)
        names = {n.id: n.name for n in ex.nodes}
        out: Claims = {}
        for c in ex.claims:
            obj = c.object.to_json()
            value = names[obj["entity"]] if "entity" in obj else str(obj.get("date", obj))
            out[(names[c.subject], c.predicate, value)] = c.origin
            if c.predicate == "allied_with":
                out[(value, c.predicate, names[c.subject])] = c.origin
        return out

    return _claims


@pytest.mark.parametrize(
    ("text", "expected", "frame"),
    [
        # supported_by: the verb's object is the one supported, the kind from the verb
        (
            "Iran trained the fighters of the Falcon Brigade before the 2016 offensive.",
            ("Falcon Brigade", "supported_by", "Iran"),
            "supported_by.train",
        ),
        (
            "Russia supplied the Desert Hawks Brigade with armoured vehicles in 2016.",
            ("Desert Hawks Brigade", "supported_by", "Russia"),
            "supported_by.train",
        ),
        (
            "Hezbollah instructors helped train the Eagle Battalion near Qusayr.",
            ("Eagle Battalion", "supported_by", "Hezbollah"),
            "supported_by.train",
        ),
        (
            "The Lion Brigade gets most of its weapons and money from Iran.",
            ("Lion Brigade", "supported_by", "Iran"),
            "supported_by.receive",
        ),
        # founded_by (phrasal "set up" too)
        (
            "It was the IRGC that set up the Falcon Brigade, recruiting young men from the villages.",
            ("Falcon Brigade", "founded_by", "IRGC"),
            "founded_by.set_up",
        ),
        (
            "The Lion Brigade came into being when the Baath Party raised it from its student cadres.",
            ("Lion Brigade", "founded_by", "Baath Party"),
            "founded_by.found",
        ),
        # leader: a person commands / runs a group
        (
            "Ahmad Salem, a former police officer, has commanded the Tiger Regiment since its first battle.",
            ("Tiger Regiment", "leader", "Ahmad Salem"),
            "leader.command",
        ),
        # part_of
        (
            "After months of talks, the Tiger Regiment joined the Fifth Corps.",
            ("Tiger Regiment", "part_of", "Fifth Corps"),
            "part_of.join",
        ),
        (
            "In 2018 the Eagle Battalion was absorbed into the Fifth Corps.",
            ("Eagle Battalion", "part_of", "Fifth Corps"),
            "part_of.merge",
        ),
        # allied_with
        (
            "The Eagle Battalion partnered with the Lion Brigade for the assault on the airport.",
            ("Eagle Battalion", "allied_with", "Lion Brigade"),
            "allied_with.cooperate",
        ),
        # opposed, in the passive: the agent is the claim's subject
        (
            "The Eagle Battalion was targeted by Jabhat al-Nusra in a car bombing.",
            ("Jabhat al-Nusra", "opposed", "Eagle Battalion"),
            "opposed.attack",
        ),
        # participated_in / operates_in / headquarters
        (
            "Units from the Mountain Brigade, the Coast Regiment and the Harbour Battalion all took part "
            "in the Battle of Qusayr.",
            ("Mountain Brigade", "participated_in", "Battle of Qusayr"),
            "participated_in.take_part",
        ),
        (
            "Every summer the Falcon Brigade sends fighters to Deraa.",
            ("Falcon Brigade", "operates_in", "Deraa"),
            "operates_in.deploy_to",
        ),
        (
            "Since 2015 the Eagle Battalion has been headquartered, its commanders say, in Qusayr.",
            ("Eagle Battalion", "headquarters", "Qusayr"),
            "headquarters.based",
        ),
        (
            "The Eagle Battalion has used Qusayr as its main base since 2014.",
            ("Eagle Battalion", "headquarters", "Qusayr"),
            "headquarters.use_as",
        ),
        # nouns naming the relation
        (
            "It seems likely that the Lion Brigade is a close ally of the Tiger Regiment.",
            ("Lion Brigade", "allied_with", "Tiger Regiment"),
            "allied_with.ally_of",
        ),
        (
            "The Lion Brigade has long been a bitter rival of the Tiger Regiment.",
            ("Lion Brigade", "opposed", "Tiger Regiment"),
            "opposed.enemy_of",
        ),
        (
            "Samir Khalil is the commander of the Harbour Battalion.",
            ("Harbour Battalion", "leader", "Samir Khalil"),
            "leader.commander_of",
        ),
        (
            "Iran remains the main sponsor of the Harbour Battalion.",
            ("Harbour Battalion", "supported_by", "Iran"),
            "supported_by.backer_of",
        ),
    ],
)
def test_verb_and_noun_frames(
    claims: Callable[[str], Claims], text: str, expected: tuple[str, str, str], frame: str
) -> None:
    got = claims(text)
    assert expected in got, got
    assert got[expected] == f"dep:{frame}@{DEP_VERSION}", got


def test_a_negated_copula_gives_no_nominal_claim(claims: Callable[[str], Claims]) -> None:
    got = claims("The Lion Brigade is not an ally of the Tiger Regiment.")
    assert ("Lion Brigade", "allied_with", "Tiger Regiment") not in got, got


def test_relative_clause_antecedent_is_the_subject(claims: Callable[[str], Claims]) -> None:
    got = claims("Karim Haddad, who runs the Lion Brigade, is a former police officer.")
    assert got.get(("Lion Brigade", "leader", "Karim Haddad")) == f"dep:leader.lead@{DEP_VERSION}", got
    got = claims("The Falcon Brigade, which Hezbollah had quietly financed for years, moved north in 2015.")
    assert (
        got.get(("Falcon Brigade", "supported_by", "Hezbollah")) == f"dep:supported_by.train@{DEP_VERSION}"
    ), got


def test_coordinated_subjects_each_count(claims: Callable[[str], Claims]) -> None:
    got = claims("Iran and Hezbollah bankrolled the Desert Hawks Brigade from the start.")
    assert ("Desert Hawks Brigade", "supported_by", "Iran") in got, got
    assert ("Desert Hawks Brigade", "supported_by", "Hezbollah") in got, got


def test_a_group_pronoun_is_the_salient_group(claims: Callable[[str], Claims]) -> None:
    got = claims(
        "The Tiger Regiment grew quickly in 2014. Later that year Russia began equipping and training it."
    )
    assert got.get(("Tiger Regiment", "supported_by", "Russia")) == f"dep:supported_by.train@{DEP_VERSION}", (
        got
    )


def test_attribution_and_hedges_come_from_the_engine(run: Callable[[str], Extraction]) -> None:
    ex = run("According to local activists, Russia has been paying the Tiger Regiment since 2017.")
    (claim,) = [c for c in ex.claims if c.origin.startswith("dep:")]
    assert claim.predicate == "supported_by"
    assert claim.qualifiers.hedge == "reported"
    assert claim.qualifiers.kind == "salaries"
    assert claim.qualifiers.start == "2017"
    ev = claim.evidence[0]
    assert ev.quote == "Russia has been paying the Tiger Regiment"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Iran never trained the Eagle Battalion, its commanders insist.",
            ("Eagle Battalion", "supported_by", "Iran"),
        ),
        ("Russia did not arm the Lion Brigade.", ("Lion Brigade", "supported_by", "Russia")),
        ("Neither Iran nor Russia funded the Coast Regiment.", ("Coast Regiment", "supported_by", "Russia")),
        (
            "Officials denied that Russia armed the Tiger Regiment.",
            ("Tiger Regiment", "supported_by", "Russia"),
        ),
        (
            "The Lion Brigade would join the Fifth Corps if Moscow paid its salaries.",
            ("Lion Brigade", "part_of", "Fifth Corps"),
        ),
        (
            "Did Hezbollah finance the Desert Hawks Brigade?",
            ("Desert Hawks Brigade", "supported_by", "Hezbollah"),
        ),
        ("Iran plans to fund the Falcon Brigade next year.", ("Falcon Brigade", "supported_by", "Iran")),
        (
            "The Coast Regiment was formed to support the Falcon Brigade.",
            ("Falcon Brigade", "supported_by", "Coast Regiment"),
        ),
        (
            "The Foundation for Open Research describes the Tiger Regiment as trained by Russia and answering "
            "to it.",
            ("Foundation for Open Research", "part_of", "Tiger Regiment"),
        ),
    ],
)
def test_unasserted_clauses_give_no_claim(
    claims: Callable[[str], Claims], text: str, absent: tuple[str, str, str]
) -> None:
    got = claims(text)
    assert absent not in got, got
    assert not any(o.startswith("dep:") and k[1] == absent[1] for k, o in got.items()), got


def test_a_regex_claim_is_not_made_again(run: Callable[[str], Extraction]) -> None:
    # "fought alongside" is a regex rule's phrase; the parse reads the same relation
    ex = run("The Coast Regiment fought alongside Hezbollah in 2015.")
    allied = [c for c in ex.claims if c.predicate == "allied_with"]
    assert len(allied) == 1 and allied[0].origin.startswith("rule:"), allied


def test_a_rule_claim_in_a_negated_or_planned_clause_is_dropped(claims: Callable[[str], Claims]) -> None:
    got = claims("The Falcon Brigade did not fight alongside Hezbollah in 2016.")
    assert ("Falcon Brigade", "allied_with", "Hezbollah") not in got, got
    got = claims("The Tiger Regiment plans to attack Jabhat al-Nusra next spring.")
    assert ("Tiger Regiment", "opposed", "Jabhat al-Nusra") not in got, got
    # a clause after a negated one is still asserted
    got = claims(
        "The Coast Regiment did not hold the town alone: the Falcon Brigade fought in the Battle of Homs."
    )
    assert ("Falcon Brigade", "participated_in", "Battle of Homs") in got, got


def test_both_ends_must_be_typed_mentions(claims: Callable[[str], Claims]) -> None:
    got = claims("The Falcon Brigade attacked several villages and trained local volunteers.")
    assert not any(o.startswith("dep:") for o in got.values()), got


def test_the_parser_leaves_sentence_boundaries_alone() -> None:
    text = (
        "The Falcon Brigade was set up by Iran in 2013; Gen. Ahmad Salem led it. It fought in Homs\n"
        "and Hama. Later, according to its media, Russia armed it. The brigade e.g. guarded roads."
    )
    spans = []
    for use_parser in (False, True):
        ex = RuleExtractor(ExtractConfig(use_parser=use_parser))
        pieces = list(ex.nlp.pipe([text]))
        doc = pieces[0]
        for name in ("orbat_layout", "orbat_sentences"):
            doc = ex.nlp.get_pipe(name)(doc)
        spans.append([(s.start_char, s.end_char) for s in doc.sents])
    assert spans[0] == spans[1]


def test_the_parser_is_optional() -> None:
    ex = RuleExtractor(ExtractConfig(use_parser=False))
    assert "parser" not in ex.nlp.component_names
    out = ex.extract(Document(name="t", text="Iran trained and equipped the Falcon Brigade."))
    assert not any(c.origin.startswith("dep:") for c in out.claims)


def test_frames_are_consistent_with_the_vocabulary() -> None:
    for frame in FRAMES:
        pred = VOCABULARY.predicate(frame.predicate)
        assert pred.takes_entity or frame.obj == "date", frame.id
        assert frame.id.startswith(frame.predicate + "."), frame.id
        for lemma in frame.lemmas:
            assert VERB_FORMS.get(lemma, lemma) == lemma or lemma in {"found"}, lemma
            assert frame in BY_LEMMA[lemma]
    # "found" as the past of "find" names no founding
    assert "found" not in VERB_FORMS
    assert VERB_FORMS["founded"] == "found" and VERB_FORMS["led"] == "lead" and VERB_FORMS["set"] == "set"
