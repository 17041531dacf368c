"""Read latency on a large claim store: entity pages, profiles, graphs, search.

Each query is timed through orbat's own code (``orbat.web.views.profile``,
``orbat.publish``, ``Store.search``, ``Store.claims``), so the figures are
what a page of the web app costs server-side, template rendering aside; the
plans of the index reads behind them are recorded.
"""

from __future__ import annotations

import gc
import json
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from orbat.bench.claimstore import LoadStats
from orbat.bench.timing import Latency, measure
from orbat.store import Store
from orbat.store import claims as store_claims

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


def _largest_whole(store: Store) -> tuple[str, int]:
    """The entity named by the most claims that ``Store.claims_about`` still reads whole: the
    costliest page that is not a hub's sample."""
    with store.reading() as conn:
        row = conn.execute(
            text(
                "SELECT entity, sum(n) AS total FROM claim_counts GROUP BY entity HAVING sum(n) <= :w "
                "ORDER BY total DESC, entity LIMIT 1"
            ),
            {"w": store_claims.WHOLE_UP_TO},
        ).one()
    return str(row[0]), int(row[1])


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
# one of the probes of Store.claims_about for a hub: the latest claims of one property
LATEST_OF_PROPERTY_SQL = (
    "SELECT id FROM claims WHERE subject_entity = :e AND predicate = 'operates_in' "
    "AND sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT 10"
)
# the exact counts per side and predicate kept by triggers (migration 0006)
COUNTS_SQL = "SELECT side, predicate, n FROM claim_counts WHERE entity = :e AND n > 0"


def _progress(lat: Latency) -> None:
    import sys

    print(
        f"    {lat.query}: {lat.runs} runs, p50 {lat.p50_ms} ms, p95 {lat.p95_ms} ms",
        file=sys.stderr,
        flush=True,
    )


def entity_page(store: Store, entity: str) -> int:
    """What the web app's entity page (and the API's ``/entities/{id}``) computes, template aside."""
    from orbat.web import views

    p = views.profile(store, entity)
    return len(p.written.sections) + len(p.groups) + len(p.incoming)


def profile_markdown(store: Store, entity: str) -> int:
    from orbat.publish.profiles import build_profile
    from orbat.publish.render_md import render_markdown

    return len(render_markdown(build_profile(store, entity, generated="2026-01-01")))


def graph_json(store: Store, entity: str) -> int:
    from orbat.publish.graph import build_graph, cytoscape

    g = build_graph(store, entity, depth=1)
    json.dumps(cytoscape(g))
    return int(g.number_of_nodes() + g.number_of_edges())


def run_queries(
    url: str,
    stats: LoadStats,
    *,
    seed: int = 7,
    budget_s: float = 8.0,
    heavy_budget_s: float = 10.0,
    min_runs: int = 10,
) -> dict[str, Any]:
    """Time every query on the store at ``url``; returns {"latency": [...], "plans": {...}, "entities": {...}}.

    Each query runs through orbat's own code: ``views.profile`` (the entity page), ``build_profile`` +
    Markdown, ``build_graph`` + Cytoscape JSON, ``Store.search``, ``Store.claims`` pages.
    """
    import orbat.publish.graph
    import orbat.publish.profiles
    import orbat.web.views  # noqa: F401 - imported before timing

    store = Store.open(url, create=True)  # upgrades a store made before a newer migration landed
    hub = stats.hub
    randoms = _random_entities(store, 200, seed)
    tenth, tenth_n = _tenth_hub(store)
    whole, whole_n = _largest_whole(store)
    rare = _name_of(store, randoms[0])
    hub_name = stats.hub_name
    out: list[Latency] = []
    # as the web app does once it is up (orbat.web.app, lifespan): the objects alive now (modules,
    # and here the corpus and the loader's leftovers) are left out of full collections, which
    # otherwise scan all of them every few hub pages (about 50 ms a time on the benchmark machine)
    gc.collect()
    gc.freeze()

    def add(name: str, fn: Callable[[int], int | None], note: str = "", heavy: bool = False) -> None:
        lat = measure(
            name,
            fn,
            warmup=min(3, min_runs),
            min_runs=min_runs,
            max_runs=300,
            budget_s=heavy_budget_s if heavy else budget_s,
        )
        lat.note = note
        out.append(lat)
        _progress(lat)

    def pick(i: int) -> str:
        return randoms[i % len(randoms)]

    def search(q: str) -> int:
        r = store.search(q)
        return len(r.documents) + len(r.entities) + len(r.claims)

    plans = {
        "claims page of the hub, first 100": explain(store, ENTITY_PAGE_SQL + " LIMIT 100", {"e": hub}),
        "claims page of the hub, offset 10,000": explain(
            store, ENTITY_PAGE_SQL + " LIMIT 100 OFFSET 10000", {"e": hub}
        ),
        "claims_about probe: latest claims of one property of the hub": explain(
            store, LATEST_OF_PROPERTY_SQL, {"e": hub}
        ),
        "claims_about counts of the hub": explain(store, COUNTS_SQL, {"e": hub}),
    }
    add("entity page: random entity", lambda i: entity_page(store, pick(i)), heavy=True)
    add("entity page: 10th hub", lambda i: entity_page(store, tenth), f"{tenth_n:,} claims", heavy=True)
    add("entity page: hub", lambda i: entity_page(store, hub), f"{stats.hub_claims:,} claims", heavy=True)
    add(
        "entity page: largest read whole",
        lambda i: entity_page(store, whole),
        f"{whole_n:,} claims, every one read",
        heavy=True,
    )
    add("profile: random entity", lambda i: profile_markdown(store, pick(i)), heavy=True)
    add("profile: 10th hub", lambda i: profile_markdown(store, tenth), f"{tenth_n:,} claims", heavy=True)
    add("profile: hub", lambda i: profile_markdown(store, hub), f"{stats.hub_claims:,} claims", heavy=True)
    add(
        "profile: largest read whole",
        lambda i: profile_markdown(store, whole),
        f"{whole_n:,} claims, every one read",
        heavy=True,
    )
    add("graph JSON: random entity", lambda i: graph_json(store, pick(i)), heavy=True)
    add("graph JSON: hub", lambda i: graph_json(store, hub), f"{stats.hub_claims:,} claims", heavy=True)
    add("claims API page: hub, first 100", lambda i: len(store.claims(entity=hub, limit=100)))
    add(
        "claims API page: hub, offset 10,000",
        lambda i: len(store.claims(entity=hub, limit=100, offset=10_000)),
    )
    add("claims_about: hub (bounded read)", lambda i: len(store.claims_about(hub).claims))
    selective = rare.split()[-1]
    add(f"search selective: '{selective}'", lambda i: search(selective))
    add(
        f"search selective, entities only: '{selective}'",
        lambda i: len(store.search(selective, kinds=("entity",)).entities),
    )
    add("search common word: 'fighters'", lambda i: search("fighters"))
    add("search common words: 'commanders checkpoints'", lambda i: search("commanders checkpoints"))
    add(f"search phrase on the hub: '{hub_name}'", lambda i: search(hub_name))
    store.close()
    gc.unfreeze()
    return {
        "latency": [x.to_json() for x in out],
        "plans": plans,
        "entities": {
            "hub": hub,
            "hub_name": hub_name,
            "hub_claims": stats.hub_claims,
            "tenth_hub_claims": tenth_n,
            "largest_whole": whole,
            "largest_whole_claims": whole_n,
            "selective_term": selective,
        },
        "bounds": {"whole_up_to": store_claims.WHOLE_UP_TO, "per_predicate": store_claims.PER_PREDICATE},
    }
