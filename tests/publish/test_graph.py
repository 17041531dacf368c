"""The relationship graph: networkx structure, GraphML/GEXF round trips, Cytoscape JSON, images."""

from __future__ import annotations

import io
import json

import networkx as nx

from orbat.publish.graph import build_graph, cytoscape, render_graph_image, write_gexf, write_graphml
from orbat.store import Store


def test_graph_nodes_and_edges_carry_claims(published: Store):
    g = build_graph(published)
    assert g.nodes["liwa_al_baqir"]["type"] == "armed_group"
    assert g.nodes["liwa_al_baqir"]["name"] == "Liwa al-Baqir"
    edge = g.edges["liwa_al_baqir", "khalid_al_hassan", "leader"]
    ids = edge["claim_ids"].split()
    assert edge["count"] == len(ids) == 5 and edge["predicate"] == "leader"
    assert {c.id for c in published.claims(entity="liwa_al_baqir", predicate="leader")} == set(ids)
    part = g.edges["liwa_al_baqir", "harakat_al_nujaba", "part_of"]
    assert part["start"] == "2015" and part["end"] == "2016-01" and part["hedge"] == "reported"
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_focus_and_depth(published: Store):
    one = build_graph(published, "Liwa al-Baqir", depth=1)
    two = build_graph(published, "Liwa al-Baqir", depth=2)
    assert one.graph["focus"] == "liwa_al_baqir"
    assert "local_defence_forces" in one and "katibat_al_nayrab" not in one
    assert "katibat_al_nayrab" in two  # part of the LDF, two steps away
    assert set(one) < set(two) < set(build_graph(published))


def test_graphml_and_gexf_round_trip(published: Store):
    g = build_graph(published)
    buf = io.StringIO()
    write_graphml(g, buf)
    back = nx.read_graphml(io.BytesIO(buf.getvalue().encode("utf-8")), force_multigraph=True)
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert back.nodes["liwa_al_baqir"]["type"] == "armed_group"
    leader = [d for _, o, d in back.out_edges("liwa_al_baqir", data=True) if o == "khalid_al_hassan"]
    assert leader and leader[0]["predicate"] == "leader" and leader[0]["count"] == 5
    buf = io.StringIO()
    write_gexf(g, buf)
    back = nx.read_gexf(io.BytesIO(buf.getvalue().encode("utf-8")))
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert back.nodes["tarkan"]["type"] == "place"


def test_cytoscape_json_and_images(published: Store):
    g = build_graph(published, "liwa_al_baqir")
    data = json.loads(json.dumps(cytoscape(g)))
    ids = {n["data"]["id"] for n in data["nodes"]}
    assert "liwa_al_baqir" in ids and data["focus"] == "liwa_al_baqir"
    for e in data["edges"]:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
        assert isinstance(e["data"]["claim_ids"], list) and e["data"]["claim_ids"]
    assert len({e["data"]["id"] for e in data["edges"]}) == len(data["edges"])
    svg = render_graph_image(g, "svg", title="Liwa al-Baqir").decode("utf-8")
    assert "<svg" in svg and "Khalid al-Hassan" in svg
    assert render_graph_image(g, "png").startswith(b"\x89PNG")
