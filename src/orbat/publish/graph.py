"""The relationship graph: entities as nodes, entity-valued claims as edges.

``build_graph`` gives a networkx ``MultiDiGraph``: one node per entity
(``name``, ``type``, ``label``), one edge per (subject, predicate, object)
keyed by the predicate, carrying every claim that says it (``claim_ids``,
``count``), when it holds (``start``, ``end``, ``as_of``: the earliest
start, the latest end, the dates given), its hedges (``hedge``: the
strongest; ``hedges``) and its ``documents``. Every attribute is a scalar
(string, number, boolean), so the graph writes to GraphML and GEXF as is.
``focus``/``depth`` keep the neighbourhood of one entity.

Writers: GraphML, GEXF (networkx), JSON for Cytoscape.js (``{"nodes":
[{"data": ...}], "edges": [{"data": ...}]}``), SVG/PNG (matplotlib, Agg).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

from orbat.model import VOCABULARY
from orbat.model.views import ClaimView
from orbat.publish.facts import HEDGE_ORDER
from orbat.publish.text import bounds
from orbat.store import Store

TYPE_COLOURS = {
    "armed_group": "#b91c1c",
    "person": "#1d4ed8",
    "organization": "#047857",
    "state": "#7c3aed",
    "kin_group": "#a16207",
    "place": "#0e7490",
    "event": "#be185d",
}


def _earliest(values: Iterable[str]) -> str | None:
    vals = [v for v in values if v]
    return min(vals, key=lambda v: bounds(v)[0] or bounds(v)[1] or "") if vals else None


def _latest(values: Iterable[str]) -> str | None:
    vals = [v for v in values if v]
    return max(vals, key=lambda v: bounds(v)[1] or bounds(v)[0] or "") if vals else None


def _edge_attrs(predicate: str, claims: list[ClaimView]) -> dict[str, Any]:
    pred = VOCABULARY.predicates[predicate]
    q = [c.qualifiers for c in claims]
    hedges = sorted({x.hedge for x in q}, key=HEDGE_ORDER.index)
    attrs: dict[str, Any] = {
        "predicate": predicate,
        "label": pred.label,
        "claim_ids": " ".join(c.id for c in claims),
        "count": len(claims),
        "hedge": hedges[0],
        "hedges": ",".join(hedges),
        "status": "accepted" if any(c.status == "accepted" for c in claims) else "proposed",
        "symmetric": pred.symmetric,
        "documents": ",".join(dict.fromkeys(ev.document for c in claims for ev in c.evidence)),
    }
    roles = ",".join(dict.fromkeys(x.role for x in q if x.role))
    kinds = ",".join(dict.fromkeys(x.kind for x in q if x.kind))
    for key, value in (
        ("start", _earliest(x.start or "" for x in q)),
        ("end", _latest(x.end or "" for x in q)),
        ("as_of", ",".join(dict.fromkeys(x.as_of for x in q if x.as_of))),
        ("role", roles),
        ("kind", kinds),
    ):
        if value:
            attrs[key] = value
    return attrs


def graph_from_claims(claims: Iterable[ClaimView], entities: dict[str, tuple[str, str]]) -> nx.MultiDiGraph:
    """A graph from claims and ``entities`` (id → (name, type)); non-entity claims are ignored."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str], list[ClaimView]] = {}
    for c in claims:
        if c.status == "rejected" or c.object_kind != "entity" or not c.subject or not c.object_entity:
            continue
        edges.setdefault((c.subject, c.predicate, c.object_entity), []).append(c)
    for (s, p, o), members in sorted(edges.items()):
        for node in (s, o):
            if node not in g:
                name, type_ = entities.get(node, (node, "unknown"))
                g.add_node(node, name=name, label=name, type=type_)
        g.add_edge(s, o, key=p, **_edge_attrs(p, members))
    return g


#: a focused graph stops adding entities at this many (a hub's neighbourhood holds thousands)
FOCUS_MAX_NODES = 300
#: the edges between the entities of the outer ring are read when the ring has at most this many
RING_EDGES_UP_TO = 60


def build_graph(
    store: Store,
    focus: str | None = None,
    depth: int = 1,
    *,
    include_isolated: bool = False,
    max_nodes: int = FOCUS_MAX_NODES,
) -> nx.MultiDiGraph:
    """The relationship graph of the store, or of ``focus`` (id or name) and its ``depth``-neighbourhood.

    A focused graph reads only the claims naming the entities it walks through (``Store.claims_about``:
    a bounded selection for hubs), up to ``max_nodes`` entities; ``graph["partial"]`` says when a
    bound cut it short.
    """
    if focus is None:
        entities = {e.id: (e.name, e.type) for e in store.list_entities()}
        g = graph_from_claims(store.claims(include_rejected=False), entities)
        if include_isolated:
            for eid, (name, type_) in entities.items():
                if eid not in g:
                    g.add_node(eid, name=name, label=name, type=type_)
    else:
        with store.read_session():  # one connection for the dozens of reads of a walk
            g = _neighbourhood(store, store.get_entity(focus).id, depth, max_nodes)
    for node, data in g.nodes(data=True):
        data["degree"] = int(g.degree(node))
    return g


def _neighbourhood(store: Store, centre: str, depth: int, max_nodes: int) -> nx.MultiDiGraph:
    found: dict[str, ClaimView] = {}
    partial = False
    nodes = {centre}
    ring = [centre]

    def read(entity: str, skip_hub: bool = False) -> list[ClaimView]:
        nonlocal partial
        sample = store.claims_about(entity, skip_hub=skip_hub)
        partial |= sample.abridged
        return [c for c in sample.claims if c.object_kind == "entity" and c.subject and c.object_entity]

    for _ in range(max(0, depth)):
        next_ring: list[str] = []
        for entity in ring:
            for c in read(entity):
                found[c.id] = c
                for other in (c.subject, c.object_entity):
                    assert other is not None
                    if other in nodes:
                        continue
                    if len(nodes) >= max_nodes:
                        partial = True
                        continue
                    nodes.add(other)
                    next_ring.append(other)
        ring = next_ring
    # edges between entities of the outer ring (what an ego graph of radius ``depth`` also holds)
    if len(ring) <= RING_EDGES_UP_TO:
        for entity in ring:  # a hub in the ring is left out: its claims would not be worth the read
            found.update((c.id, c) for c in read(entity, skip_hub=True))
    elif ring:
        partial = True
    kept = [c for c in found.values() if c.subject in nodes and c.object_entity in nodes]
    entities = {e.id: (e.name, e.type) for e in store.entities_by_id(nodes).values()}
    g = graph_from_claims(sorted(kept, key=lambda c: c.id), entities)
    if centre not in g:
        name, type_ = entities.get(centre, (centre, "unknown"))
        g.add_node(centre, name=name, label=name, type=type_)
    g.graph["focus"] = centre
    g.graph["depth"] = depth
    g.graph["partial"] = partial
    return g


# ---------------------------------------------------------------------------
# writers
# ---------------------------------------------------------------------------


def write_graphml(g: nx.MultiDiGraph, out: IO[str]) -> None:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", named_key_ids=True)
    out.write(buf.getvalue().decode("utf-8"))


def write_gexf(g: nx.MultiDiGraph, out: IO[str]) -> None:
    h = nx.MultiDiGraph()
    h.graph.update({k: v for k, v in g.graph.items() if isinstance(v, str | int | float)})
    h.add_nodes_from(g.nodes(data=True))
    for i, (s, o, k, data) in enumerate(g.edges(keys=True, data=True)):
        h.add_edge(s, o, key=k, id=f"e{i}", **data)
    buf = io.BytesIO()
    nx.write_gexf(h, buf, encoding="utf-8")
    out.write(buf.getvalue().decode("utf-8"))


def cytoscape(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements: ``{"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}``."""
    nodes = [{"data": {"id": n, **data}} for n, data in g.nodes(data=True)]
    edges = []
    for s, o, k, data in g.edges(keys=True, data=True):
        d = dict(data)
        d["claim_ids"] = str(d.get("claim_ids", "")).split()
        d["documents"] = [x for x in str(d.get("documents", "")).split(",") if x]
        edges.append({"data": {"id": f"{s}|{k}|{o}", "source": s, "target": o, **d}})
    return {
        "nodes": nodes,
        "edges": edges,
        "focus": g.graph.get("focus"),
        "partial": bool(g.graph.get("partial")),
    }


def write_graph_json(g: nx.MultiDiGraph, out: IO[str]) -> None:
    out.write(json.dumps(cytoscape(g), ensure_ascii=False, indent=1) + "\n")


def render_graph_image(g: nx.MultiDiGraph, fmt: str = "svg", *, title: str | None = None) -> bytes:
    """The graph drawn with matplotlib (Agg): nodes coloured by type, edges labelled when few."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"graph images are svg or png, not {fmt!r}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    n = g.number_of_nodes()
    size = min(6 + n * 0.18, 30)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "orbat", "font.size": 8}):
        fig = Figure(figsize=(size * 1.25, size))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        ax.set_axis_off()
        if n:
            simple = nx.Graph(g.to_undirected())
            pos = nx.spring_layout(simple, seed=7, k=1.6 / max(n, 1) ** 0.5, iterations=200)
            focus = g.graph.get("focus")
            colours = [TYPE_COLOURS.get(d.get("type", ""), "#64748b") for _, d in g.nodes(data=True)]
            sizes = [
                (700 if node == focus else 220 + 40 * min(int(d.get("degree", 1)), 12))
                for node, d in g.nodes(data=True)
            ]
            nx.draw_networkx_edges(
                simple,
                pos,
                ax=ax,
                edge_color="#94a3b8",
                width=0.8,
                alpha=0.8,
            )
            nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colours, node_size=sizes, alpha=0.9)
            nx.draw_networkx_labels(
                g, pos, labels={k: d.get("name", k) for k, d in g.nodes(data=True)}, ax=ax, font_size=7
            )
            if g.number_of_edges() <= 60:
                labels: dict[tuple[str, str], str] = {}
                for s, o, k in g.edges(keys=True):
                    key = (s, o) if (s, o) in simple.edges else (o, s)
                    labels[key] = ", ".join(filter(None, [labels.get(key), k.replace("_", " ")]))
                nx.draw_networkx_edge_labels(simple, pos, edge_labels=labels, ax=ax, font_size=6)
            used = sorted({d.get("type", "") for _, d in g.nodes(data=True)})
            handles = [
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    color=TYPE_COLOURS.get(t, "#64748b"),
                    label=t.replace("_", " "),
                )
                for t in used
            ]
            ax.legend(handles=handles, loc="upper left", frameon=False)
        else:
            ax.text(0.5, 0.5, "no relations", ha="center", va="center")
        ax.set_title(title or "Relationship graph", loc="left", fontsize=12, fontweight="bold")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else {}, dpi=100)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# exporters (EXPORTERS registry)
# ---------------------------------------------------------------------------


def export_graphml(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    g = build_graph(store, entity, depth=1)
    write_graphml(g, out)
    return g.number_of_nodes() + g.number_of_edges()


def export_gexf(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    g = build_graph(store, entity, depth=1)
    write_gexf(g, out)
    return g.number_of_nodes() + g.number_of_edges()


def export_graph_json(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    g = build_graph(store, entity, depth=1)
    write_graph_json(g, out)
    return g.number_of_nodes() + g.number_of_edges()
