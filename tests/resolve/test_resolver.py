"""End-to-end resolution: judgements, ambiguity, review, display names."""

from __future__ import annotations

import pytest

from orbat.errors import ValidationError
from orbat.resolve import Judgement, NameRecord, canonical_name, resolve


def rec(rid: str, name: str, type_: str = "armed_group", doc: str | None = "d1", *more: str) -> NameRecord:
    return NameRecord(rid, type_, (name, *more), doc)


def test_resolve_merges_translations_and_keeps_branches_apart() -> None:
    records = [
        rec("a", "Liwa al-Baqir", doc="d1"),
        rec("b", "The Baqir Brigade", doc="d2"),
        rec("c", "لواء الباقر", doc="d3"),
        rec("d", "NDF", doc="d1"),
        rec("e", "National Defence Forces", doc="d2"),
        rec("f", "Latakia NDF", doc="d1"),
        rec("g", "Latakia", "place", doc="d1"),
    ]
    res = resolve(records)
    c = res.clusters
    assert c["a"] == c["b"] == c["c"]
    assert c["d"] == c["e"] != c["f"]
    assert c["g"] not in (c["a"], c["d"], c["f"])
    rules = {(j.left, j.right): (j.verdict, j.rule) for j in res.auto}
    assert rules[("d", "f")] == ("different", "branch-guard")


def test_an_ambiguous_attachment_goes_to_review() -> None:
    records = [
        rec("p1", "Bashar al-Assad", "person"),
        rec("p2", "Hafez al-Assad", "person"),
        rec("p3", "Assad", "person"),
    ]
    res = resolve(records)
    assert len(set(res.clusters.values())) == 3
    reviewed = {(a, b) for a, b, _ in res.review}
    assert ("p1", "p3") in reviewed and ("p2", "p3") in reviewed
    assert all(r.features.get("ambiguous") == 1.0 for _, _, r in res.review)


def test_an_unambiguous_attachment_is_made() -> None:
    records = [rec("p1", "Bashar al-Assad", "person"), rec("p3", "Assad", "person")]
    res = resolve(records)
    assert res.clusters["p1"] == res.clusters["p3"]


def test_human_judgements_override_automatic_ones() -> None:
    records = [
        rec("a", "Liwa al-Baqir", doc="d1"),
        rec("b", "The Baqir Brigade", doc="d2"),
        rec("c", "Fawj al-Baqir"),
    ]
    assert resolve(records).clusters["a"] == resolve(records).clusters["b"]
    split = resolve(records, [Judgement("a", "b", "different", "human")])
    assert split.clusters["a"] != split.clusters["b"]
    joined = resolve(records, [Judgement("a", "c", "same", "human")])
    assert joined.clusters["a"] == joined.clusters["c"] == joined.clusters["b"]


def test_review_lists_only_pairs_left_apart() -> None:
    records = [
        rec("a", "Katibat al-Nayrab", doc="d1"),
        rec("b", "Katibat al-Nayrab al-Maham al-Khasa", doc="d2"),
    ]
    res = resolve(records)
    assert res.clusters["a"] != res.clusters["b"]
    assert [(a, b) for a, b, _ in res.review] == [("a", "b")]
    res = resolve(records, [Judgement("a", "b", "same", "human")])
    assert res.review == []


def test_prefer_keeps_existing_canonical_ids() -> None:
    records = [rec("node9", "Liwa al-Baqir", doc="d1"), rec("E_baqir", "The Baqir Brigade", doc=None)]
    res = resolve(records, prefer={"E_baqir": 0})
    assert res.clusters == {"node9": "E_baqir", "E_baqir": "E_baqir"}
    assert res.groups() == {"E_baqir": ["E_baqir", "node9"]}


def test_resolve_is_deterministic() -> None:
    records = [
        rec(f"r{i}", n, doc=f"d{i % 3}")
        for i, n in enumerate(
            [
                "Liwa al-Baqir",
                "The Baqir Brigade",
                "NDF",
                "National Defense Forces",
                "Latakia NDF",
                "Homs NDF",
            ]
        )
    ]
    assert resolve(records).clusters == resolve(list(reversed(records))).clusters


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["NDF", "National Defense Forces", "National Defence Forces", "National Defense Forces"],
            "National Defense Forces",
        ),
        (["قوات الدفاع الوطني", "Quwat ad-Difa al-Watani"], "Quwat ad-Difa al-Watani"),
        (["shabiha", "Shabiha"], "Shabiha"),
        (["The Baqir Brigade", "Liwa al-Baqir", "Liwa al-Baqir"], "Liwa al-Baqir"),
        (["Aleppo province", "Aleppo"], "Aleppo"),
        (["LDF"], "LDF"),
    ],
)
def test_canonical_name(names: list[str], expected: str) -> None:
    assert canonical_name(names) == expected


def test_canonical_name_needs_a_name() -> None:
    with pytest.raises(ValueError):
        canonical_name([])


def test_record_ids_must_be_unique() -> None:
    with pytest.raises(ValidationError, match="twice"):
        resolve([rec("a", "Liwa al-Baqir"), rec("a", "Fawj al-Safira")])


def test_records_without_usable_names_stay_alone() -> None:
    records = [
        NameRecord("a", "armed_group", (), "d1"),
        NameRecord("b", "armed_group", ("",), "d1"),
        NameRecord("c", "armed_group", ("---",), "d1"),
        rec("d", "Liwa al-Baqir"),
    ]
    assert resolve(records).clusters == {"a": "a", "b": "b", "c": "c", "d": "d"}


def test_an_attachment_inside_its_own_document_wins_over_other_documents() -> None:
    ctx = frozenset({"hawks brigade"})
    records = [
        NameRecord("s", "event", ("2014 offensive",), "d1", ctx),
        NameRecord("l", "event", ("August 2014 Coastal offensive",), "d1", ctx),
        NameRecord("x", "event", ("2014 Coastal offensive",), "d2", ctx),
        NameRecord("h", "event", ("2014 Hama offensive",), "d3", ctx),
    ]
    res = resolve(records)
    c = res.clusters
    assert c["s"] == c["l"] == c["x"]
    assert c["h"] != c["s"]
    assert any({a, b} == {"s", "h"} for a, b, _m in res.review)


def test_an_armed_group_and_an_organisation_join_on_strong_name_evidence() -> None:
    records = [
        rec("g", "Desert Lions Forces", "armed_group", "d1"),
        rec("o", "Desert Lions Forces", "organization", "d2"),
        rec("t", "Quwat Usud al-Sahra", "organization", "d3"),
        rec("b1", "Baath", "organization", "d1"),
        rec("b2", "Baath", "armed_group", "d2"),
        rec("p", "Homs", "person", "d1"),
        rec("q", "Homs", "place", "d2"),
    ]
    c = resolve(records).clusters
    assert c["g"] == c["o"] == c["t"]  # the same name; its translation
    assert c["b1"] != c["b2"]  # one bare word: the party or its battalions
    assert c["p"] != c["q"]  # a person is never a place
