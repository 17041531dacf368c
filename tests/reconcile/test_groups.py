"""Classes of claim groups, best values and rivals."""

from __future__ import annotations

from orbat.reconcile import ClaimGroup, GroupClass, PublisherGrade, SourceGrades, conflicts, reconcile
from tests.reconcile.factory import claim, qty

G = GroupClass


def one(claims: list, grades: SourceGrades | None = None) -> ClaimGroup:
    (group,) = reconcile(claims, grades)
    return group


def best(claims: list, grades: SourceGrades | None = None) -> str:
    group = one(claims, grades)
    assert group.best is not None
    return group.best.display


def test_agreement_one_value_two_independent_sources():
    g = one(
        [
            claim("headquarters", {"entity": "T", "name": "Tarkan"}, doc="a", publisher="Review"),
            claim("headquarters", {"entity": "T", "name": "Tarkan"}, doc="b", publisher="Wire"),
        ]
    )
    assert g.kind is G.AGREEMENT and g.classes == {G.AGREEMENT}
    assert g.best is not None and g.best.display == "Tarkan" and g.best.independent == 2
    assert g.rivals == () and not g.is_conflict


def test_single_one_value_one_source_even_with_two_claims():
    g = one(
        [
            claim("dissolved", {"date": "2024"}, doc="a"),
            claim("dissolved", {"date": "2024-12-08"}, doc="a"),  # refines the first: same value
        ]
    )
    assert g.kind is G.SINGLE and len(g.values) == 1 and len(g.claims) == 2


def test_contradiction_on_a_functional_date():
    early = claim("founded", {"date": "2012"}, doc="a", claimed_by="the brigade itself")
    late = claim("founded", {"date": "2015"}, doc="b", claimed_by="alSouria.net")
    refined = claim("founded", {"date": "2015-03"}, doc="c", publisher="Sample Wire")
    g = one([early, late, refined])
    assert g.kind is G.CONTRADICTION
    assert [v.display for v in g.values] == ["2015", "2012"]  # 2015 has two sources
    (conflict,) = g.conflicts
    assert {conflict.a.display, conflict.b.display} == {"2012", "2015"}
    assert g.is_conflict and conflicts([g]) == [g]


def test_ordinal_rule_contradicts_text_values_of_a_non_functional_predicate():
    fifth = claim("position", {"text": "fifth imam of Shi'i Islam"}, subject="P", doc="a")
    fifth2 = claim("position", {"text": "fifth Twelver Shi'i imam"}, subject="P", doc="b")
    fourth = claim("position", {"text": "fourth Shia imam"}, subject="P", doc="c")
    other = claim("position", {"text": "scholar of Medina"}, subject="P", doc="c")
    g = one([fourth, fifth, fifth2, other])
    assert G.CONTRADICTION in g.classes and g.kind is G.CONTRADICTION
    assert g.best is not None and g.best.display.startswith("fifth")  # two sources beat one
    (conflict,) = [c for c in g.conflicts if c.kind is G.CONTRADICTION]
    assert "differ only by a number" in conflict.reason
    assert G.MULTIPLE in g.classes  # the scholar position sits beside them, unrelated


def test_ordinal_rule_is_general_not_about_imams():
    # these share most of their words, yet a different number makes them different values
    g = one(
        [
            claim("position", {"text": "commander of the 2nd Battalion"}, subject="P", doc="a"),
            claim("position", {"text": "commander of the 3rd Battalion"}, subject="P", doc="b"),
        ]
    )
    assert g.kind is G.CONTRADICTION


def test_change_over_time_for_a_series_of_sizes():
    june = claim("size", qty(60000, unit="fighters"), doc="enc", as_of="2013-06")
    august = claim("size", qty(100000, unit="fighters"), doc="enc", as_of="2013-08")
    later = claim("size", qty(50000, unit="fighters"), doc="wire", as_of="2023")
    g = one([later, june, august])
    assert g.classes == {G.CHANGE_OVER_TIME} and not g.is_conflict
    assert [c.claim for c in g.series()] == [june, august, later]
    assert g.best is not None and g.best.display == "50,000 fighters"  # the latest figure


def test_change_over_time_for_a_leader_succeeded_by_another():
    first = claim("leader", {"entity": "P1", "name": "Hossam"}, doc="a", start="2012", end="2014-04")
    second = claim("leader", {"entity": "P2", "name": "Fadi"}, doc="b", start="2014-06")
    g = one([second, first])
    assert g.kind is G.CHANGE_OVER_TIME and G.MULTIPLE not in g.classes
    (c,) = g.conflicts
    assert (c.a.display, c.b.display) == ("Hossam", "Fadi")
    # with no dates, two leaders are simply several values
    g = one([claim("leader", {"entity": "P1"}, doc="a"), claim("leader", {"entity": "P2"}, doc="b")])
    assert g.kind is G.MULTIPLE


def test_doubted_when_a_source_disputes_a_figure():
    claimed = claim(
        "size", qty(50000, unit="fighters"), doc="a", claimed_by="a unit spokesman", hedge="doubted"
    )
    affiliated = claim(
        "size",
        qty(50000, unit="fighters"),
        doc="post",
        source_kind="affiliated_social_media",
        claimed_by="an affiliated page",
        as_of="2016-04-10",
    )
    estimate = claim(
        "size", qty(min=8000, max=12000, unit="fighters"), doc="b", as_of="2016", hedge="uncertain"
    )
    g = one([claimed, affiliated, estimate])
    assert g.kind is G.DOUBTED and G.CONTRADICTION not in g.classes
    assert g.best is not None and g.best.display == "8,000–12,000 fighters"  # the surviving side
    (disputed,) = g.rivals
    assert disputed.disputed and disputed.credibility == 5
    # a lone disputed value is doubted too
    assert one([claimed]).kind is G.DOUBTED


def test_doubted_and_change_over_time_together():
    g = one(
        [
            claim("size", qty(500), doc="a", as_of="2013"),
            claim("size", qty(5000), doc="b", as_of="2020", hedge="doubted"),
            claim("size", qty(5000), doc="c", as_of="2020"),
        ]
    )
    assert {G.DOUBTED, G.CHANGE_OVER_TIME} <= g.classes


def test_multiple_values_of_a_non_functional_predicate_are_normal():
    g = one(
        [
            claim("operates_in", {"entity": "A", "name": "Aleppo"}, doc="a"),
            claim("operates_in", {"entity": "D", "name": "Deir ez-Zor"}, doc="b"),
            claim("operates_in", {"entity": "D", "name": "Deir ez-Zor"}, doc="c"),
        ]
    )
    assert g.kind is G.MULTIPLE and not g.is_conflict
    assert g.best is not None and g.best.display == "Deir ez-Zor"


def test_series_undated_rival_figures_from_different_sources_contradict():
    g = one(
        [
            claim("size", qty(2000, approx=True), doc="a", claimed_by="alSouria.net", as_of="2016-01"),
            claim("size", qty(3000, approx=True), doc="b", claimed_by="Wikipedia"),
        ]
    )
    assert g.kind is G.CONTRADICTION
    assert "no date" in g.conflicts[0].reason


def test_one_source_two_figures_for_one_date_are_two_measures_not_a_conflict():
    g = one(
        [
            claim("casualties", qty(50, unit="killed"), doc="a", claimed_by="alSouria.net", as_of="2016-01"),
            claim("casualties", qty(300, unit="killed"), doc="a", claimed_by="alSouria.net", as_of="2016-01"),
        ]
    )
    assert g.kind is G.MULTIPLE and not g.is_conflict


def test_a_running_total_that_falls_is_a_contradiction_as_well_as_a_series():
    total = claim(
        "casualties",
        qty(300, unit="killed"),
        doc="a",
        claimed_by="alSouria.net",
        as_of="2016-01",
        kind="killed",
    )
    later = claim(
        "casualties",
        qty(246, unit="killed"),
        doc="b",
        claimed_by="the brigade",
        as_of="2016-03-21",
        kind="killed",
    )
    g = one([total, later])
    assert {G.CONTRADICTION, G.CHANGE_OVER_TIME} <= g.classes and g.kind is G.CONTRADICTION
    assert any("cannot fall" in c.reason for c in g.conflicts)
    # the same claimant's own smaller figure later (deaths in one battle) is not a falling total
    battle = claim(
        "casualties",
        qty(5, unit="killed"),
        doc="b",
        claimed_by="the brigade",
        as_of="2016-03-22",
        kind="killed",
    )
    assert one([later, battle]).classes == {G.CHANGE_OVER_TIME}
    # a rising total is just a series; wounded figures are another series
    rising = claim(
        "casualties",
        qty(400, unit="killed"),
        doc="b",
        claimed_by="the brigade",
        as_of="2016-03",
        kind="killed",
    )
    assert one([total, rising]).classes == {G.CHANGE_OVER_TIME}
    wounded = claim(
        "casualties",
        qty(30, unit="killed"),
        doc="b",
        claimed_by="the brigade",
        as_of="2016-03",
        kind="wounded",
    )
    assert G.CONTRADICTION not in one([total, wounded]).classes


def test_rejected_claims_are_left_out_and_deprecated_ones_never_best():
    a = claim("founded", {"date": "2012"}, doc="a", status="rejected")
    assert reconcile([a]) == []
    strong = claim("founded", {"date": "2012"}, doc="a")
    strong2 = claim("founded", {"date": "2012"}, doc="b")
    deprecated = claim("founded", {"date": "2012"}, doc="c", rank="deprecated")
    rival = claim("founded", {"date": "2015"}, doc="d")
    g = one([deprecated, rival])
    assert g.best is not None and g.best.display == "2015"
    assert g.values[-1].deprecated and g.values[-1].display == "2012"
    assert not g.is_conflict  # a value set aside by an analyst no longer contradicts
    g = one([strong, strong2, rival])
    assert g.best is not None and g.best.display == "2012" and g.kind is G.CONTRADICTION


def test_preferred_rank_beats_credibility():
    strong = [claim("founded", {"date": "2012"}, doc=d) for d in ("a", "b", "c")]
    preferred = claim("founded", {"date": "2015"}, doc="d", rank="preferred")
    g = one([*strong, preferred])
    assert g.best is not None and g.best.display == "2015" and g.best.preferred
    assert [v.display for v in g.rivals] == ["2012"]


def test_ties_break_on_source_reliability_then_recency():
    think_tank = claim("founded", {"date": "2012"}, doc="a", source_kind="think_tank")  # B
    news = claim("founded", {"date": "2015"}, doc="b", source_kind="news")  # C
    assert best([news, think_tank]) == "2012"
    grades = SourceGrades({"Wire": PublisherGrade("A")})
    graded = claim("founded", {"date": "2015"}, doc="b", publisher="Wire")
    assert best([graded, think_tank], grades) == "2015"
    old = claim("founded", {"date": "2012"}, doc="a", published="2014-01-01")
    new = claim("founded", {"date": "2015"}, doc="b", published="2020-05-01")
    assert best([old, new]) == "2015"


def test_groups_are_per_subject_and_predicate_and_conflicts_filters_them():
    claims = [
        claim("founded", {"date": "2012"}, doc="a"),
        claim("founded", {"date": "2015"}, doc="b"),
        claim("operates_in", {"entity": "A"}, doc="a"),
        claim("founded", {"date": "2012"}, subject="G2", subject_name="Another Brigade", doc="a"),
    ]
    groups = reconcile(claims)
    assert [(g.subject_name, g.predicate) for g in groups] == [
        ("Another Brigade", "founded"),
        ("Desert Hawks Brigade", "founded"),
        ("Desert Hawks Brigade", "operates_in"),
    ]
    assert [(g.subject, g.predicate) for g in conflicts(groups)] == [("G1", "founded")]


def test_a_dead_leader_flags_the_group_that_names_him():
    died = claim("died", {"date": "2016"}, subject="P1", subject_name="Abu Example", doc="a")
    leads = claim("leader", {"entity": "P1", "name": "Abu Example"}, doc="b", as_of="2023")
    groups = reconcile([died, leads])
    flagged = conflicts(groups)
    assert [(g.subject, g.predicate, g.kind) for g in flagged] == [("G1", "leader", G.TEMPORAL)]
    (issue,) = flagged[0].issues
    assert issue.died is died and issue.active is leads
