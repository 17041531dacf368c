"""Incremental resolution (``resolve(..., settled=k)``): new records against entities resolved before."""

from __future__ import annotations

from orbat.resolve import NameRecord, resolve

R = NameRecord


def test_settled_records_are_never_paired_with_each_other():
    twins = [
        R("e1", "armed_group", ("National Defence Forces",)),
        R("e2", "armed_group", ("National Defence Forces",)),
    ]
    unrelated = R("n1", "place", ("Homs",), "9")
    # resolved from scratch, the two records are one entity...
    assert resolve([*twins, unrelated]).clusters["e2"] == "e1"
    # ...but as settled entities (kept apart before, e.g. by an analyst) nothing new joins them
    res = resolve([*twins, unrelated], settled=2, keep_pairs=True)
    assert res.pairs is not None and res.pairs.tolist() == []
    assert res.clusters == {"e1": "e1", "e2": "e2", "n1": "n1"}


def test_a_new_record_joins_its_entity_and_keeps_the_entity_id():
    records = [
        R("e9", "armed_group", ("Desert Hawks Brigade", "Liwa Suqur al-Sahara")),
        R("e1", "place", ("Palmyra",)),
        R("a1", "armed_group", ("Desert Hawks Brigade",), "12"),
        R("a2", "place", ("Palmyra",), "12"),
    ]
    res = resolve(records, settled=2, prefer={"e9": 0, "e1": 0})
    assert res.clusters == {"e9": "e9", "e1": "e1", "a1": "e9", "a2": "e1"}
    assert {(j.left, j.right, j.verdict) for j in res.auto} >= {("e9", "a1", "same"), ("e1", "a2", "same")}


def test_a_new_record_with_the_names_of_two_entities_merges_them():
    records = [
        R("e1", "armed_group", ("National Defence Forces",)),
        R("e2", "armed_group", ("Quwat al-Difa al-Watani",)),
        R("n1", "armed_group", ("National Defence Forces", "Quwat al-Difa al-Watani"), "9"),
    ]
    res = resolve(records, settled=2, prefer={"e1": 0, "e2": 0})
    assert res.clusters == {"e1": "e1", "e2": "e1", "n1": "e1"}


def test_an_analysts_different_between_two_entities_holds_against_a_bridging_record():
    from orbat.resolve import Judgement

    records = [
        R("e1", "armed_group", ("National Defence Forces",)),
        R("e2", "armed_group", ("Quwat al-Difa al-Watani",)),
        R("n1", "armed_group", ("National Defence Forces", "Quwat al-Difa al-Watani"), "9"),
    ]
    apart = [Judgement("e1", "e2", "different", "human")]
    res = resolve(records, apart, settled=2, prefer={"e1": 0, "e2": 0})
    assert res.clusters["e1"] != res.clusters["e2"]
    assert res.clusters["n1"] in ("e1", "e2")


def test_context_of_settled_records_is_read_for_candidates_only_and_lifts_weak_matches():
    asked: list[list[str]] = []

    def context(ids: list[str]) -> dict[str, set[str]]:
        asked.append(ids)
        return {"e1": {"homs", "national defence forces"}}

    records = [
        R("e1", "person", ("Khalid al-Hassan",)),
        R("e2", "place", ("Aleppo",)),
        R("n1", "person", ("Khalid al-Hassan",), "9", frozenset({"homs"})),
    ]
    # a name made of common given names needs shared context across documents
    assert resolve(records, settled=2).clusters["n1"] == "n1"
    res = resolve(records, settled=2, settled_context=context)
    assert res.clusters["n1"] == "e1"
    assert asked == [["e1"]]  # Aleppo shares no key with the new record: its context is not read


def test_entity_keys_find_the_stored_entities_a_new_record_could_match():
    from orbat.resolve import EntityKeys

    keys = EntityKeys()
    keys.update(
        [
            ("e1", "armed_group", ("Desert Hawks Brigade",)),
            ("e2", "armed_group", ("Liwa al-Baqir", "Baqir Brigade")),
            ("e3", "place", ("Palmyra",)),
            ("e4", "person", ("Khalid al-Hassan",)),
        ]
    )
    hawks = R("n1", "armed_group", ("The Desert Hawks Brigade",), "7")
    assert keys.candidates([hawks]) == ["e1"]
    assert keys.candidates([R("n2", "armed_group", ("Liwa al Baqir",), "7")]) == ["e2"]
    assert keys.candidates([R("n3", "place", ("Arak",), "7")]) == []
    # an entity that gains a name is found by it; a removed (merged) one no longer
    keys.update([("e3", "place", ("Palmyra", "Arak"))])
    assert keys.candidates([R("n3", "place", ("Arak",), "7")]) == ["e3"]
    keys.remove(["e1"])
    assert keys.candidates([hawks]) == []
    assert len(keys) == 3


def test_entity_keys_skip_keys_held_by_too_many_entities_and_survive_compaction():
    from orbat.resolve import EntityKeys

    keys = EntityKeys()
    keys.update((f"e{i:03d}", "person", (f"Ahmad al-Name{i:03d}",)) for i in range(30))
    # "Ahmad" alone is held by 30 entities: a stop key at 20, a usable one at 50
    ahmad = R("n1", "person", ("Ahmad",), "7")
    assert keys.candidates([ahmad], max_key_size=20) == []
    assert len(keys.candidates([ahmad], max_key_size=50)) == 30
    # replace every entity's keys twice over (more dead slots than live: compaction drops them)
    for _ in range(2):
        keys.update((f"e{i:03d}", "person", (f"Ahmad al-Name{i:03d}",)) for i in range(30))
    keys.remove([f"e{i:03d}" for i in range(10)])
    assert keys.candidates([ahmad], max_key_size=50) == [f"e{i:03d}" for i in range(10, 30)]
    assert "e015" in keys.candidates([R("n2", "person", ("Ahmad al-Name015",), "7")])
