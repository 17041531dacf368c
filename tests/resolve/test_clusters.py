"""Union-find clustering with human overrides and cannot-links."""

from __future__ import annotations

from typing import Literal

from orbat.resolve import Judgement, cluster

Source = Literal["auto", "human"]


def same(a: str, b: str, score: float = 0.95, source: Source = "auto") -> Judgement:
    return Judgement(a, b, "same", source, score if source == "auto" else None)


def diff(a: str, b: str, source: Source = "auto") -> Judgement:
    return Judgement(a, b, "different", source)


def test_singletons_are_their_own_cluster() -> None:
    assert cluster(["a", "b"], []) == {"a": "a", "b": "b"}


def test_same_judgements_are_transitive() -> None:
    got = cluster(["a", "b", "c", "d"], [same("a", "b"), same("b", "c")])
    assert got["a"] == got["b"] == got["c"] != got["d"]


def test_ids_named_only_in_judgements_are_clustered_too() -> None:
    got = cluster([], [same("x", "y")])
    assert got == {"x": "x", "y": "x"}


def test_cannot_link_blocks_a_transitive_merge() -> None:
    # "Khalid" looks like both, but the two full names are different people
    js = [
        same("khalid", "khalid_hassan", 0.91),
        same("khalid", "khalid_omar", 0.92),
        diff("khalid_hassan", "khalid_omar"),
    ]
    got = cluster(["khalid", "khalid_hassan", "khalid_omar"], js)
    assert got["khalid_hassan"] != got["khalid_omar"]
    # the higher-scored link wins
    assert got["khalid"] == got["khalid_omar"]


def test_cannot_link_holds_between_any_members_of_two_clusters() -> None:
    js = [same("a", "b", 0.99), same("c", "d", 0.98), diff("b", "d"), same("a", "c", 0.95)]
    got = cluster("abcd", js)
    assert got["a"] == got["b"] and got["c"] == got["d"] and got["a"] != got["c"]


def test_human_same_overrides_an_auto_different_on_the_pair() -> None:
    got = cluster(["a", "b"], [diff("a", "b"), same("b", "a", source="human")])
    assert got["a"] == got["b"]


def test_human_different_overrides_an_auto_same_on_the_pair() -> None:
    got = cluster(["a", "b"], [same("a", "b", 0.99), diff("a", "b", source="human")])
    assert got["a"] != got["b"]


def test_human_different_blocks_auto_transitive_merges() -> None:
    js = [same("a", "b", 0.99), same("b", "c", 0.99), diff("a", "c", source="human")]
    got = cluster("abc", js)
    assert got["a"] != got["c"]


def test_human_same_is_applied_before_auto_and_ignores_auto_cannot_links() -> None:
    js = [diff("a", "c"), same("a", "b", source="human"), same("b", "c", source="human")]
    got = cluster("abc", js)
    assert got["a"] == got["b"] == got["c"]


def test_human_same_respects_human_different() -> None:
    js = [diff("a", "c", source="human"), same("a", "b", source="human"), same("b", "c", source="human")]
    got = cluster("abc", js)
    assert got["a"] == got["b"] and got["c"] != got["a"]


def test_auto_sames_are_applied_by_descending_score() -> None:
    js = [same("x", "a", 0.91), same("x", "b", 0.97), diff("a", "b")]
    got = cluster(["a", "b", "x"], js)
    assert got["x"] == got["b"] != got["a"]


def test_cluster_id_is_the_preferred_member() -> None:
    js = [same("n1", "n2"), same("n2", "E7")]
    got = cluster(["n1", "n2", "E7"], js, prefer={"E7": 0})
    assert set(got.values()) == {"E7"}
    got = cluster(["n1", "n2", "E7"], js)
    assert set(got.values()) == {"E7"}  # sorts first by id ("E" < "n")
    got = cluster(["n1", "n2", "E7"], js, key=lambda i: -len(i) if i.startswith("n") else 0)
    assert set(got.values()) == {"n1"}


def test_cluster_ids_are_deterministic_whatever_the_input_order() -> None:
    js = [same("c", "a"), same("b", "c"), same("d", "e")]
    first = cluster("edcba", js)
    second = cluster("abcde", list(reversed(js)))
    assert first == second == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}
