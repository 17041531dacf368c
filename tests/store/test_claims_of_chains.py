"""Reading chains of one predicate (a group's parents, their parents, ...) in one go, the page session
that keeps the driver's prepared statements, and document authors read beside each claim.

``Store.claims_of_chains`` must read exactly what ``Store.claims_of_pairs`` would read level by level
(a page walks the chain again from what it returns, and reads whatever it misses). Runs on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from orbat.model import Document, Entity
from orbat.model.views import ClaimView
from orbat.store import Store

#: (subject, object, hedge) of the part_of claims: a chain five deep, a doubted parent, a cycle
PART_OF = [
    ("unit", "brigade", None),
    ("unit", "command", None),
    ("brigade", "division", None),
    ("brigade", "shadow", "doubted"),
    ("division", "corps", None),
    ("division", "brigade", None),  # back down: a cycle
    ("corps", "army", None),
    ("shadow", "ghost", None),  # reached only through a doubted claim
    ("command", "rejected_parent", None),  # rejected below
]


def _sentence(subject: str, obj: str) -> str:
    return f"The {subject} is part of the {obj}."


def _chain_store(store: Store, tmp_path: Path) -> dict[str, str]:
    text = " ".join(_sentence(s, o) for s, o, _ in PART_OF) + " The brigade is in the town."
    data = text.encode()
    store.add_document(
        Document(
            name="chain_doc",
            text=text,
            sha256=hashlib.sha256(data).hexdigest(),
            authors=("A. Writer", "B. Reporter"),
        ),
        data,
    )
    names = sorted({n for s, o, _ in PART_OF for n in (s, o)})
    records: list[dict[str, object]] = [
        {"kind": "entity", "id": n, "type": "armed_group", "name": n.title(), "aliases": []} for n in names
    ]
    records.append({"kind": "entity", "id": "town", "type": "place", "name": "Town"})
    for s, o, hedge in PART_OF:
        records.append(
            {
                "kind": "claim",
                "doc": "chain_doc",
                "subject": s,
                "predicate": "part_of",
                "object": {"entity": o},
                "qualifiers": {"hedge": hedge} if hedge else {},
                "quote": _sentence(s, o),
            }
        )
    records.append(
        {
            "kind": "claim",
            "doc": "chain_doc",
            "subject": "brigade",
            "predicate": "operates_in",
            "object": {"entity": "town"},
            "quote": "The brigade is in the town.",
        }
    )
    path = tmp_path / "chain.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)
    ids = {n: store.get_entity(n.title()).id for n in [*names, "town"]}
    for c in store.claims(entity=ids["command"], predicate="part_of"):
        store.review_claim(c.id, "rejected", user="ana")
    return ids


def _walk(store: Store, starts: list[tuple[str, str, int]], limit_each: int) -> list[ClaimView]:
    """What ``claims_of_chains`` must read: ``claims_of_pairs``, level by level."""
    out: dict[str, ClaimView] = {}
    frontier = {(s, p): n for s, p, n in starts}
    while frontier:
        nxt: dict[tuple[str, str], int] = {}
        got = store.claims_of_pairs(list(frontier), limit_each=limit_each)
        for c in got:
            out[c.id] = c
            n = frontier[(c.subject or "", c.predicate)]
            if n > 1 and c.object_entity and c.qualifiers.hedge != "doubted":
                key = (c.object_entity, c.predicate)
                nxt[key] = max(nxt.get(key, 0), n - 1)
        frontier = nxt
    return list(out.values())


def _pairs(claims: list[ClaimView]) -> set[tuple[str | None, str | None]]:
    return {(c.subject, c.object_entity) for c in claims}


@pytest.mark.parametrize("levels", [1, 2, 3, 4, 6])
def test_a_chain_reads_what_the_levels_one_by_one_read(store: Store, tmp_path: Path, levels: int):
    ids = _chain_store(store, tmp_path)
    starts = [(ids["unit"], "part_of", levels)]
    got = store.claims_of_chains(starts, limit_each=5)
    expected = _walk(store, starts, 5)
    assert sorted(c.id for c in got) == sorted(c.id for c in expected)
    assert len({c.id for c in got}) == len(got)  # each claim once, the cycle notwithstanding
    assert all(c.status != "rejected" for c in got)
    by_id = {c.id: c for c in expected}
    assert all(c == by_id[c.id] for c in got)  # the same views, evidence and all


def test_a_chain_stops_at_its_depth_and_at_doubted_links(store: Store, tmp_path: Path):
    ids = _chain_store(store, tmp_path)
    got = _pairs(store.claims_of_chains([(ids["unit"], "part_of", 3)], limit_each=5))
    assert (ids["unit"], ids["brigade"]) in got
    assert (ids["brigade"], ids["division"]) in got and (ids["brigade"], ids["shadow"]) in got
    assert (ids["division"], ids["corps"]) in got and (ids["division"], ids["brigade"]) in got
    assert (ids["corps"], ids["army"]) not in got  # a fourth level
    assert (ids["shadow"], ids["ghost"]) not in got  # only a doubted claim leads there
    assert (ids["command"], ids["rejected_parent"]) not in got  # rejected
    deeper = _pairs(store.claims_of_chains([(ids["unit"], "part_of", 4)], limit_each=5))
    assert (ids["corps"], ids["army"]) in deeper
    # one level is claims_of_pairs; only the chain's predicate is followed
    one = store.claims_of_chains(
        [(ids["brigade"], "part_of", 1), (ids["brigade"], "operates_in", 2)], limit_each=5
    )
    assert sorted(c.id for c in one) == sorted(
        c.id
        for c in store.claims_of_pairs(
            [(ids["brigade"], "part_of"), (ids["brigade"], "operates_in")], limit_each=5
        )
    )


def test_a_chain_keeps_the_earliest_claims_of_each_pair(store: Store, tmp_path: Path):
    ids = _chain_store(store, tmp_path)
    got = store.claims_of_chains([(ids["unit"], "part_of", 3), (ids["division"], "part_of", 1)], limit_each=1)
    expected = _walk(store, [(ids["unit"], "part_of", 3), (ids["division"], "part_of", 1)], 1)
    assert sorted(c.id for c in got) == sorted(c.id for c in expected)
    per_pair: dict[tuple[str | None, str], int] = {}
    for c in got:
        per_pair[(c.subject, c.predicate)] = per_pair.get((c.subject, c.predicate), 0) + 1
    assert set(per_pair.values()) == {1}
    assert store.claims_of_chains([], limit_each=5) == []
    assert store.claims_of_chains([(ids["unit"], "part_of", 0)], limit_each=5) == []


def test_evidence_carries_the_document_authors(store: Store, tmp_path: Path):
    ids = _chain_store(store, tmp_path)
    claims = store.claims_about(ids["brigade"]).claims
    assert claims and all(ev.authors == ("A. Writer", "B. Reporter") for c in claims for ev in c.evidence)


def test_a_read_session_reads_through_one_connection_and_ends_cleanly(store: Store, tmp_path: Path):
    ids = _chain_store(store, tmp_path)
    with store.read_session():
        with store.reading() as a, store.reading() as b:
            assert a is b
        with store.read_session(), store.reading() as c:  # nested: joins
            assert c is a
        first = store.claims_about(ids["unit"]).claims
    with store.read_session():
        assert store.claims_about(ids["unit"]).claims == first  # the connection is reusable after
    with pytest.raises(RuntimeError), store.read_session():
        store.claims_about(ids["unit"])
        raise RuntimeError("a page fails half way")
    with store.reading() as conn:
        assert not conn.in_transaction()  # what failed was rolled back, nothing left open
    # a write between two page sessions shows in the second
    store.review_claim(first[0].id, "accepted", user="ana")
    with store.read_session():
        assert store.get_claim(first[0].id).status == "accepted"


def test_the_entities_the_claims_name_come_with_them(store: Store, tmp_path: Path):
    ids = _chain_store(store, tmp_path)

    def named(claims: list[ClaimView]) -> set[str]:
        return {e for c in claims for e in (c.subject, c.object_entity) if e}

    for read in (
        lambda found: list(store.claims_about(ids["brigade"], entities=found).claims),
        lambda found: store.claims_of_pairs([(ids["brigade"], "part_of")], limit_each=5, entities=found),
        lambda found: store.claims_of_chains([(ids["unit"], "part_of", 3)], limit_each=5, entities=found),
    ):
        found: dict[str, Entity] = {}
        claims = read(found)
        assert claims and named(claims) <= set(found)
        assert found == store.entities_by_id(found)  # the same entities, aliases and all
    # entities already known are kept as given
    mine = {ids["brigade"]: Entity(id=ids["brigade"], type="armed_group", name="Known")}
    store.claims_about(ids["brigade"], entities=mine)
    assert mine[ids["brigade"]].name == "Known" and ids["town"] in mine
    # the document of each claim, whichever document its evidence quotes
    assert {c.document for c in store.claims_about(ids["brigade"], entities={}).claims} == {"chain_doc"}
