"""Read latency on a large claim store: entity pages, profiles, graphs, search.

Each query is timed through orbat's own API (``Store.claims``,
``Store.search``, ``orbat.publish``), so the figures are what a page of the
web app costs server-side, template rendering aside. Queries that miss a
target are explained with the backend's query plan, and the candidate fix is
timed next to them (rows marked *proposed*).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from orbat.bench.claimstore import LoadStats
from orbat.bench.timing import Latency, measure
from orbat.store import Store

#: (query name, target p95 in ms) of the targets of the performance issue
TARGETS = {
    "entity page": 50.0,
    "profile": 50.0,
    "search selective": 20.0,
    "search worst": 100.0,
}


def _random_entities(store: Store, n: int, seed: int) -> list[str]:
    with store.reading() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM entities ORDER BY id"))]
    rng = random.Random(f"{seed}:pick")
    return rng.sample(ids, k=min(n, len(ids)))


def _tenth_hub(store: Store) -> tuple[str, int]:
    with store.reading() as conn:
        rows = conn.execute(
            text(
                "SELECT subject_entity, count(*) AS n FROM claims GROUP BY subject_entity ORDER BY n DESC LIMIT 10"
            )
        ).all()
    return str(rows[-1][0]), int(rows[-1][1])


def _name_of(store: Store, entity: str) -> str:
    with store.reading() as conn:
        return str(conn.execute(text("SELECT name FROM entities WHERE id = :e"), {"e": entity}).scalar_one())


def explain(store: Store, sql: str, params: dict[str, Any]) -> str:
    """The backend's plan for ``sql`` (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE), one line per step."""
    with store.reading() as conn:
        if store.dialect == "sqlite":
            rows = conn.execute(text("EXPLAIN QUERY PLAN " + sql), params).all()
            return "\n".join(str(r[-1]) for r in rows)
        rows = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + sql), params).all()
        return "\n".join(str(r[0]) for r in rows)


# SQL equivalent of Store.claims(entity=...) (its ORDER BY), for plans
ENTITY_PAGE_SQL = (
    "SELECT c.id FROM claims c LEFT JOIN entities s ON s.id = c.subject_entity "
    "LEFT JOIN entities o ON o.id = c.object_entity LEFT JOIN documents d ON d.id = c.document_id "
    "WHERE c.subject_entity = :e ORDER BY c.predicate, c.sort_date, c.id"
)
ENTITY_PAGE_BOTH_SQL = ENTITY_PAGE_SQL.replace(
    "WHERE c.subject_entity = :e", "WHERE (c.subject_entity = :e OR c.object_entity = :e)"
)
# proposed: what a profile or a graph needs, aggregated in the database
PROFILE_SUMMARY_SQL = (
    "SELECT predicate, object_entity, object_text, count(*) AS n, min(sort_date), max(sort_date) "
    "FROM claims WHERE subject_entity = :e AND status != 'rejected' "
    "GROUP BY predicate, object_entity, object_text ORDER BY predicate, n DESC"
)
GRAPH_EDGES_SQL = (
    "SELECT subject_entity, predicate, object_entity, count(*) AS n, min(sort_date), max(sort_date) "
    "FROM claims WHERE subject_entity = :e AND object_entity IS NOT NULL AND status != 'rejected' "
    "GROUP BY subject_entity, predicate, object_entity "
    "UNION ALL "
    "SELECT subject_entity, predicate, object_entity, count(*) AS n, min(sort_date), max(sort_date) "
    "FROM claims WHERE object_entity = :e AND status != 'rejected' "
    "GROUP BY subject_entity, predicate, object_entity"
)


def _sql_rows(store: Store, sql: str, params: dict[str, Any]) -> int:
    with store.reading() as conn:
        return len(conn.execute(text(sql), params).all())


def run_queries(
    url: str, stats: LoadStats, *, seed: int = 7, budget_s: float = 8.0, heavy_budget_s: float = 20.0,
    include_graph: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """Time every query on the store at ``url``; returns {"latency": [...], "plans": {...}, "entities": {...}}."""
    from orbat.publish.graph import build_graph, cytoscape
    from orbat.publish.profiles import build_profile
    from orbat.publish.render_md import render_markdown

    store = Store.open(url)
    hub = stats.hub
    randoms = _random_entities(store, 200, seed)
    tenth, tenth_n = _tenth_hub(store)
    rare = _name_of(store, randoms[0])
    hub_name = stats.hub_name
    out: list[Latency] = []

    def add(name: str, fn: Callable[[int], int | None], heavy: bool = False, note: str = "") -> None:
        lat = measure(
            name,
            fn,
            warmup=1 if heavy else 3,
            min_runs=3 if heavy else 10,
            max_runs=200,
            budget_s=heavy_budget_s if heavy else budget_s,
        )
        lat.note = note
        out.append(lat)

    def pick(i: int) -> str:
        return randoms[i % len(randoms)]

    add("entity page: random entity", lambda i: len(store.claims(entity=pick(i))))
    add("entity page: random entity, both directions", lambda i: len(store.claims(entity=pick(i), as_object=True)))
    add("entity page: 10th hub", lambda i: len(store.claims(entity=tenth)), heavy=True, note=f"{tenth_n:,} claims")
    add("entity page: hub", lambda i: len(store.claims(entity=hub)), heavy=True, note=f"{stats.hub_claims:,} claims")
    add("entity page: hub, first 100 (proposed: paginate)", lambda i: len(store.claims(entity=hub, limit=100)))
    add("profile: random entity", lambda i: len(render_markdown(build_profile(store, pick(i), generated="2026-01-01"))))
    add("profile: 10th hub", lambda i: len(render_markdown(build_profile(store, tenth, generated="2026-01-01"))),
        heavy=True)  # fmt: skip
    add("profile: hub", lambda i: len(render_markdown(build_profile(store, hub, generated="2026-01-01"))), heavy=True)
    add("profile summary: hub (proposed: aggregate in SQL)", lambda i: _sql_rows(store, PROFILE_SUMMARY_SQL, {"e": hub}))
    if include_graph:

        def graph(entity: str) -> int:
            g = build_graph(store, entity, depth=1)
            return len(json.dumps(cytoscape(g))) and g.number_of_nodes() + g.number_of_edges()

        add("graph JSON: random entity", lambda i: graph(pick(i)), heavy=True)
        add("graph JSON: hub", lambda i: graph(hub), heavy=True)
    add("graph edges: hub (proposed: aggregate in SQL)", lambda i: _sql_rows(store, GRAPH_EDGES_SQL, {"e": hub}))
    add("graph edges: random entity (proposed)", lambda i: _sql_rows(store, GRAPH_EDGES_SQL, {"e": pick(i)}))
    words = rare.split()
    selective = words[-1]

    def search(q: str) -> int:
        r = store.search(q)
        return len(r.documents) + len(r.entities) + len(r.claims)

    add(f"search selective: '{selective}'", lambda i: search(selective))
    add(f"search selective, entities only: '{selective}'",
        lambda i: len(store.search(selective, kinds=("entity",)).entities))  # fmt: skip
    add("search common word: 'fighters'", lambda i: search("fighters"))
    add("search common words: 'commanders checkpoints'", lambda i: search("commanders checkpoints"))
    add(f"search phrase on the hub: '{hub_name}'", lambda i: search(hub_name))
    plans = {
        "entity page (subject)": explain(store, ENTITY_PAGE_SQL, {"e": hub}),
        "entity page (both directions)": explain(store, ENTITY_PAGE_BOTH_SQL, {"e": hub}),
        "profile summary (proposed)": explain(store, PROFILE_SUMMARY_SQL, {"e": hub}),
        "graph edges (proposed)": explain(store, GRAPH_EDGES_SQL, {"e": hub}),
    }
    store.close()
    return {
        "latency": [x.to_json() for x in out],
        "plans": plans,
        "entities": {"hub": hub, "hub_name": hub_name, "hub_claims": stats.hub_claims,
                     "tenth_hub_claims": tenth_n, "selective_term": selective},  # fmt: skip
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value
