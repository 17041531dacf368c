"""Reading an entity's claims for a page, a profile or a graph: whole, or bounded for a hub.

A hub (an entity named by more claims than ``WHOLE_UP_TO``) is read per side and
predicate: the first undated, the earliest and the latest dated claims, plus
its accepted claims; the counts of everything in the store come along so the
reader can say "n of N". Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import orbat.store.claims as store_claims
from orbat.model import Document
from orbat.publish.graph import build_graph, cytoscape
from orbat.publish.profiles import build_profile
from orbat.publish.render_md import render_markdown
from orbat.store import Store

N_DATED = 40
N_UNDATED = 8


def _hub_store(store: Store, tmp_path: Path) -> dict[str, str]:
    """A group active in 40 towns (one dated sentence each) and named by 8 undated alias claims."""
    sentences = [f"The Hub Brigade was active in Town{i:02d} in {2000 + i}." for i in range(N_DATED)]
    sentences += [f"Locals call it Nickname{i}." for i in range(N_UNDATED)]
    text = " ".join(sentences)
    data = text.encode()
    store.add_document(Document(name="hub_doc", text=text, sha256=hashlib.sha256(data).hexdigest()), data)
    records: list[dict[str, object]] = [
        {"kind": "entity", "id": "hub", "type": "armed_group", "name": "Hub Brigade", "aliases": []}
    ]
    for i in range(N_DATED):
        records.append({"kind": "entity", "id": f"town{i:02d}", "type": "place", "name": f"Town{i:02d}"})
        records.append(
            {
                "kind": "claim",
                "doc": "hub_doc",
                "subject": "hub",
                "predicate": "operates_in",
                "object": {"entity": f"town{i:02d}"},
                "qualifiers": {"as_of": str(2000 + i)},
                "quote": f"was active in Town{i:02d} in {2000 + i}",
            }
        )
    for i in range(N_UNDATED):
        records.append(
            {
                "kind": "claim",
                "doc": "hub_doc",
                "subject": "hub",
                "predicate": "alias",
                "object": {"text": f"Nickname{i}"},
                "quote": f"Locals call it Nickname{i}",
            }
        )
    path = tmp_path / "hub.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)
    hub = store.get_entity("Hub Brigade").id
    by_year = {c.qualifiers.as_of: c.id for c in store.claims(entity=hub, predicate="operates_in")}
    return {"hub": hub, **{str(k): v for k, v in by_year.items()}}


def test_an_entity_below_the_bound_comes_whole_with_its_counts(store: Store, tmp_path: Path):
    ids = _hub_store(store, tmp_path)
    sample = store.claims_about(ids["hub"])
    assert not sample.abridged
    assert len(sample.claims) == N_DATED + N_UNDATED
    assert sample.counts[("subject", "operates_in")] == N_DATED
    assert sample.counts[("subject", "alias")] == N_UNDATED
    town = store.get_entity("Town07").id
    assert [c.id for c in store.claims_about(town).claims] == [ids["2007"]]
    assert store.claim_counts(town) == {("object", "operates_in"): 1}


def test_a_hub_is_read_bounded_earliest_latest_undated_and_accepted(store: Store, tmp_path: Path):
    ids = _hub_store(store, tmp_path)
    hub = ids["hub"]
    store.review_claim(ids["2020"], "accepted", user="ana")  # a middle year: only "accepted" brings it
    store.review_claim(ids["2039"], "rejected", user="ana")  # the latest: rejected claims never show
    sample = store.claims_about(hub, per_predicate=9, whole_up_to=20)
    assert sample.abridged
    assert sample.counts == {("subject", "operates_in"): N_DATED, ("subject", "alias"): N_UNDATED}
    assert sample.total == N_DATED + N_UNDATED
    years = sorted(int(c.qualifiers.as_of or 0) for c in sample.claims if c.predicate == "operates_in")
    # the earliest three, the latest three (2039 read but rejected) and the accepted 2020
    assert years == [2000, 2001, 2002, 2020, 2037, 2038]
    aliases = [c for c in sample.claims if c.predicate == "alias"]
    assert len(aliases) == N_UNDATED  # no more of them than per_predicate: all
    assert all(c.status != "rejected" for c in sample.claims)


def test_claims_page_through_a_hub_in_a_stable_order(store: Store, tmp_path: Path):
    ids = _hub_store(store, tmp_path)
    everything = [c.id for c in store.claims(entity=ids["hub"])]
    pages = [c.id for k in range(0, 48, 10) for c in store.claims(entity=ids["hub"], limit=10, offset=k)]
    assert pages == everything and len(everything) == N_DATED + N_UNDATED


def test_an_abridged_profile_says_so_and_cites_what_it_shows(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ids = _hub_store(store, tmp_path)
    monkeypatch.setattr(store_claims, "WHOLE_UP_TO", 20)
    monkeypatch.setattr(store_claims, "PER_PREDICATE", 9)
    profile = build_profile(store, ids["hub"], generated="2026-01-01")
    assert profile.abridged_from == N_DATED + N_UNDATED
    assert profile.claims == 6 + N_UNDATED  # the earliest and latest three towns, every alias
    md = render_markdown(profile)
    assert f"abridged: drawn from {6 + N_UNDATED:,} of {N_DATED + N_UNDATED:,} claims naming it" in md
    assert "Town00" in md and "Town39" in md and "Town20" not in md
    cited = {cid for f in profile.footnotes for cid in f.claim_ids}
    assert ids["2000"] in cited and ids["2020"] not in cited


def test_the_graph_of_a_hub_is_bounded_and_marked_partial(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ids = _hub_store(store, tmp_path)
    whole = build_graph(store, ids["hub"])
    assert whole.number_of_nodes() == N_DATED + 1 and not whole.graph["partial"]
    monkeypatch.setattr(store_claims, "WHOLE_UP_TO", 20)
    monkeypatch.setattr(store_claims, "PER_PREDICATE", 9)
    g = build_graph(store, ids["hub"])
    assert g.graph["partial"] and cytoscape(g)["partial"]
    assert g.number_of_nodes() == 6 + 1  # the hub and the towns of its earliest and latest claims
    capped = build_graph(store, ids["hub"], max_nodes=5)
    assert capped.number_of_nodes() == 5


def test_a_hub_s_counts_are_exact(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Counts come from ``claim_counts`` (kept by triggers): exact for a hub, never "more than"."""
    ids = _hub_store(store, tmp_path)
    monkeypatch.setattr(store_claims, "WHOLE_UP_TO", 20)
    monkeypatch.setattr(store_claims, "PER_PREDICATE", 9)
    sample = store.claims_about(ids["hub"])
    assert sample.counts == {("subject", "operates_in"): N_DATED, ("subject", "alias"): N_UNDATED}
    assert not sample.total_is_lower_bound and sample.total_text == f"{N_DATED + N_UNDATED}"
    assert sample.count_text(N_DATED) == str(N_DATED)
    assert store.claims_about(ids["hub"], skip_hub=True).counts == sample.counts
    md = render_markdown(build_profile(store, ids["hub"], generated="2026-01-01"))
    assert f"abridged: drawn from {6 + N_UNDATED} of {N_DATED + N_UNDATED} claims naming it" in md


def test_views_read_from_rows_are_the_views_their_constructors_make(store: Store, tmp_path: Path):
    """The store builds its ``ClaimView`` and ``EvidenceView`` objects from rows without their
    dataclass ``__init__`` (``store_claims._tuple_to_view``): each must be the object ``__init__``
    makes of the same fields, every field set, none more."""
    import dataclasses

    ids = _hub_store(store, tmp_path)
    views = store.claims_about(ids["hub"]).claims
    assert views and all(c.evidence for c in views)
    for view in views:
        rebuilt = dataclasses.replace(view)  # through ClaimView.__init__
        assert rebuilt == view and vars(rebuilt) == vars(view)
        for ev in view.evidence:
            assert vars(dataclasses.replace(ev)) == vars(ev)
    # and each value is in its field
    text = store.get_document("hub_doc").text
    for c in store.claims(entity=ids["hub"], predicate="operates_in"):
        year = c.qualifiers.as_of
        assert c.id == ids[str(year)] and c.predicate == "operates_in" and c.object_kind == "entity"
        assert (c.subject, c.subject_name) == (ids["hub"], "Hub Brigade")
        assert c.object_name == f"Town{int(str(year)) - 2000:02d}" == store.get_entity(c.object_entity).name
        assert c.document == "hub_doc" and c.row_version >= 1 and c.status and c.origin
        (ev,) = c.evidence
        assert ev.document == "hub_doc" and ev.quote == f"was active in {c.object_name} in {year}"
        assert ev.start is not None and ev.end is not None and text[ev.start : ev.end] == ev.quote


def _reject(store: Store, claim_ids: list[str]) -> None:
    for cid in claim_ids:
        store.review_claim(cid, "rejected", user="ana")


def test_the_last_rejected_claims_come_with_the_sample_as_claims_gives_them(store: Store, tmp_path: Path):
    """``claims_about(rejected=n)`` reads, in the same statement, the n rejected claims about the entity
    that changed last: the list ``claims(status="rejected", latest_first=True)`` gives, whole or hub."""
    ids = _hub_store(store, tmp_path)
    hub = ids["hub"]
    # rejected one at a time: each changes later than the one before (and two in the middle of the
    # years, which a hub's earliest/latest probes do not read)
    _reject(store, [ids[str(y)] for y in (2003, 2020, 2021, 2038, 2001)])
    wanted = store.claims(entity=hub, status="rejected", limit=3, latest_first=True)
    assert [c.as_of for c in (w.qualifiers for w in wanted)] == ["2001", "2038", "2021"]
    for kwargs in ({}, {"per_predicate": 9, "whole_up_to": 20}):
        sample = store.claims_about(hub, rejected=3, **kwargs)
        assert sample.abridged == bool(kwargs)
        assert sample.rejected == tuple(wanted)
        assert all(c.status != "rejected" for c in sample.claims)  # the live claims are unchanged
        plain = store.claims_about(hub, **kwargs)
        assert plain.rejected is None and plain.claims == sample.claims
        everything = store.claims_about(hub, rejected=10, **kwargs).rejected
        assert everything == tuple(store.claims(entity=hub, status="rejected", limit=10, latest_first=True))
        assert everything is not None and len(everything) == 5
    # only claims about the entity as subject: a town's rejected claim names it as object
    town = store.get_entity("Town20").id
    assert store.claims_about(town, rejected=3).rejected == ()
    assert store.claims(entity=town, status="rejected", limit=3, latest_first=True) == []


def test_claims_filters_bind_their_values_afresh_each_time(store: Store, tmp_path: Path):
    """``claims`` builds one statement per set of filters and binds the values at each call: the same
    filters with other values (other entities, other lists of ids, an empty list) read other claims."""
    ids = _hub_store(store, tmp_path)
    hub = ids["hub"]
    towns = [store.get_entity(f"Town{i:02d}").id for i in range(3)]
    assert len(store.claims(entity=hub)) == N_DATED + N_UNDATED
    for i, town in enumerate(towns):
        assert store.claims(entity=town) == []
        (c,) = store.claims(entity=town, as_object=True)
        assert c.id == ids[str(2000 + i)]
    some = [ids["2005"], ids["2001"]]
    assert sorted(c.id for c in store.claims(claim_ids=some)) == sorted(some)
    more = [ids[str(y)] for y in range(2010, 2017)]
    assert sorted(c.id for c in store.claims(claim_ids=more)) == sorted(more)
    assert store.claims(claim_ids=[]) == []
    assert store.claims(subjects=[]) == []
    assert len(store.claims(subjects=[hub, *towns])) == N_DATED + N_UNDATED
    assert len(store.claims(entity=hub, predicate="alias")) == N_UNDATED
    assert len(store.claims(entity=hub, predicate="operates_in", limit=5)) == 5
    assert [
        c.qualifiers.as_of for c in store.claims(entity=hub, predicate="operates_in", limit=2, offset=3)
    ] == [
        "2003",
        "2004",
    ]
    _reject(store, [ids["2002"]])
    assert [c.id for c in store.claims(entity=hub, status="rejected")] == [ids["2002"]]
    assert len(store.claims(entity=hub, include_rejected=False)) == N_DATED + N_UNDATED - 1
    assert len(store.claims(document="hub_doc")) == N_DATED + N_UNDATED
    assert store.claims(document="no_such_doc") == []


def test_a_long_union_of_probes_is_read_by_its_ids(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A hub with more probes than a compound SELECT may hold has its ids read first, then its claims
    by those ids (an array on PostgreSQL, an expanded IN on SQLite): the same sample."""
    ids = _hub_store(store, tmp_path)
    whole = store.claims_about(ids["hub"], per_predicate=9, whole_up_to=20, rejected=2)
    monkeypatch.setattr(store_claims, "_MAX_UNION", 0)
    split = store.claims_about(ids["hub"], per_predicate=9, whole_up_to=20, rejected=2)
    assert split.claims == whole.claims and split.rejected == whole.rejected
    chains = store.claims_of_chains([(ids["hub"], "operates_in", 1)], limit_each=3)
    assert len(chains) == 3
