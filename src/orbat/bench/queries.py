"""Read latency on a large claim store: entity pages, profiles, graphs, search.

Each query is timed through orbat's own API (``Store.claims``,
``Store.search``, ``orbat.publish``), so the figures are what a page of the
web app costs server-side, template rendering aside. Queries that miss a
target are explained with the backend's query plan, and the candidate fix is
timed next to them (rows marked *proposed*).
"""

from __future__ import annotations

import functools
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from orbat.bench.claimstore import LoadStats
from orbat.bench.timing import Latency, measure, percentile
from orbat.model import VOCABULARY
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


PROPOSED_INDEX = "ix_bench_claims_subject_page"
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


REFERENCED_ENTITIES_SQL = (
    "SELECT id, type, name, aliases FROM entities WHERE id IN ("
    "SELECT object_entity FROM claims WHERE subject_entity = :e AND object_entity IS NOT NULL "
    "UNION SELECT subject_entity FROM claims WHERE object_entity = :e)"
)


def _progress(lat: Latency) -> None:
    import sys

    print(
        f"    {lat.query}: {lat.runs} runs, p50 {lat.p50_ms} ms, p95 {lat.p95_ms} ms",
        file=sys.stderr,
        flush=True,
    )


def _sql_rows(store: Store, sql: str, params: dict[str, Any]) -> int:
    with store.reading() as conn:
        return len(conn.execute(text(sql), params).all())


SUMMARY_TABLE = "bench_entity_summary"
SUMMARY_BUILD_SQL = (
    f"CREATE TABLE {SUMMARY_TABLE} AS SELECT subject_entity AS entity, predicate, object_entity, object_text, "
    "count(*) AS n, min(sort_date) AS first_date, max(sort_date) AS last_date FROM claims "
    "WHERE status != 'rejected' AND subject_entity IS NOT NULL "
    "GROUP BY subject_entity, predicate, object_entity, object_text"
)


def summary_top_sql(dialect: str) -> str:
    """A profile's sections from the precomputed summary: the 10 most attested values of each predicate.

    One index probe per predicate of the vocabulary (``(entity, predicate, n)``, read backwards), glued with
    UNION ALL: cheaper than a window function over every summary row of a hub.
    """
    del dialect  # the same SQL runs on both backends
    parts = [
        "SELECT * FROM (SELECT predicate, object_entity, object_text, n, first_date, last_date "
        f"FROM {SUMMARY_TABLE} WHERE entity = :e AND predicate = '{p}' ORDER BY n DESC LIMIT 10) AS p{i}"
        for i, p in enumerate(sorted(VOCABULARY.predicates))
    ]
    return " UNION ALL ".join(parts)


SUMMARY_EDGES_SQL = (
    f"SELECT entity, predicate, object_entity, n FROM {SUMMARY_TABLE} "
    "WHERE entity = :e AND object_entity IS NOT NULL ORDER BY n DESC LIMIT 200"
)

# heavy queries run in a child process with a timeout: at a million claims some take minutes
HEAVY = ("entity", "profile", "graph")


def _heavy_call(store: Store, kind: str, entity: str) -> int:
    from orbat.publish.graph import build_graph, cytoscape
    from orbat.publish.profiles import build_profile
    from orbat.publish.render_md import render_markdown

    if kind == "entity":
        return len(store.claims(entity=entity))
    if kind == "profile":
        return len(render_markdown(build_profile(store, entity, generated="2026-01-01")))
    g = build_graph(store, entity, depth=1)
    json.dumps(cytoscape(g))
    return int(g.number_of_nodes() + g.number_of_edges())


def _latency(query: str, times_ms: list[float], rows: int | None, note: str, censored: bool) -> Latency:
    return Latency(
        query,
        len(times_ms),
        round(percentile(times_ms, 50), 3) if times_ms else None,
        round(percentile(times_ms, 95), 3) if times_ms else None,
        round(percentile(times_ms, 99), 3) if times_ms else None,
        round(max(times_ms), 3) if times_ms else None,
        rows,
        note,
        censored,
    )


def heavy(
    url: str, query: str, kind: str, entities: list[str], *, runs: int, timeout_s: float, note: str = ""
) -> Latency:
    """Time up to ``runs`` calls (cycling over ``entities``) in a child process stopped at ``timeout_s``.

    The child records each call as it finishes; a call still running at the
    timeout counts with the time it had run (a lower bound), and the result is
    marked ``censored``.
    """
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "times.json"
        cmd = [
            sys.executable,
            "-m",
            "orbat.bench.queries",
            "--url",
            url,
            "--kind",
            kind,
            "--entities",
            ",".join(entities),
            "--runs",
            str(runs),
            "--budget",
            str(timeout_s / 2),
            "--json",
            str(out),
        ]
        started = time.perf_counter()
        censored = False
        try:
            subprocess.run(cmd, check=True, timeout=timeout_s, capture_output=True)
        except subprocess.TimeoutExpired:
            censored = True
        got = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"times_ms": [], "rows": None}
    times: list[float] = got["times_ms"]
    if censored:
        # the call that was cut short ran at least from the end of the last finished one to the timeout
        setup_ms = got.get("setup_ms", 0.0)
        unfinished = max(0.0, (time.perf_counter() - started) * 1000 - setup_ms - sum(times))
        times = [*times, unfinished]
        note = f"{note}; stopped after {timeout_s:.0f} s: a call was still running (figures are lower bounds)"
    return _latency(query, times, got.get("rows"), note.strip("; "), censored)


def run_queries(
    url: str,
    stats: LoadStats,
    *,
    seed: int = 7,
    budget_s: float = 8.0,
    heavy_timeout_s: float = 30.0,
    heavy_all: bool = True,
    min_runs: int = 10,
    heavy_in_process: bool = False,
) -> dict[str, Any]:
    """Time every query on the store at ``url``; returns {"latency": [...], "plans": {...}, "entities": {...}}.

    ``heavy_all``: also the queries whose cost is orbat's Python (profiles, the hub's graph); without
    it only the hub's whole entity page is timed among the heavy ones.
    """
    store = Store.open(url, create=True)  # upgrades a store made before a newer migration landed
    hub = stats.hub
    randoms = _random_entities(store, 200, seed)
    tenth, tenth_n = _tenth_hub(store)
    rare = _name_of(store, randoms[0])
    hub_name = stats.hub_name
    out: list[Latency] = []

    def add(name: str, fn: Callable[[int], int | None], note: str = "") -> None:
        lat = measure(name, fn, warmup=min(3, min_runs), min_runs=min_runs, max_runs=300, budget_s=budget_s)
        lat.note = note
        out.append(lat)
        _progress(lat)

    def pick(i: int) -> str:
        return randoms[i % len(randoms)]

    def search(q: str, cap: int | None = None) -> int:
        r = store.search(q) if cap is None else store.search(q, cap=cap)
        return len(r.documents) + len(r.entities) + len(r.claims)

    plans = {
        "entity page, first 100": explain(store, ENTITY_PAGE_SQL + " LIMIT 100", {"e": hub}),
        "entity page (subject)": explain(store, ENTITY_PAGE_SQL, {"e": hub}),
        "entity page (both directions)": explain(store, ENTITY_PAGE_BOTH_SQL, {"e": hub}),
        "profile summary (proposed)": explain(store, PROFILE_SUMMARY_SQL, {"e": hub}),
    }
    add("entity page: random entity", lambda i: len(store.claims(entity=pick(i))))
    add(
        "entity page: random entity, both directions",
        lambda i: len(store.claims(entity=pick(i), as_object=True)),
    )
    add(
        "entity page: hub, first 100 (proposed: paginate)", lambda i: len(store.claims(entity=hub, limit=100))
    )
    # what every profile reads besides the entity's own claims (EntityContext.load)
    add(
        "cause: Store.list_entities() (every entity, read by each profile and graph)",
        lambda i: len(store.list_entities()),
    )
    add(
        "cause: Store.list_documents() (every document, read by each profile)",
        lambda i: len(store.list_documents()),
    )
    add(
        "proposed: the entities a random entity's claims refer to",
        lambda i: _sql_rows(store, REFERENCED_ENTITIES_SQL, {"e": pick(i)}),
    )
    add(
        "profile summary: hub (proposed: aggregate in SQL)",
        lambda i: _sql_rows(store, PROFILE_SUMMARY_SQL, {"e": hub}),
    )
    add(
        "graph edges: hub (proposed: aggregate in SQL)",
        lambda i: _sql_rows(store, GRAPH_EDGES_SQL, {"e": hub}),
    )
    add(
        "graph edges: random entity (proposed: aggregate in SQL)",
        lambda i: _sql_rows(store, GRAPH_EDGES_SQL, {"e": pick(i)}),
    )
    selective = rare.split()[-1]
    add(f"search selective: '{selective}'", lambda i: search(selective))
    add(
        f"search selective, entities only: '{selective}'",
        lambda i: len(store.search(selective, kinds=("entity",)).entities),
    )
    add("search common word: 'fighters'", lambda i: search("fighters"))
    add("search common words: 'commanders checkpoints'", lambda i: search("commanders checkpoints"))
    add(f"search phrase on the hub: '{hub_name}'", lambda i: search(hub_name))
    add("search common word: 'fighters', cap 200 (proposed)", lambda i: search("fighters", 200))
    add(f"search phrase on the hub: '{hub_name}', cap 200 (proposed)", lambda i: search(hub_name, 200))

    # the candidate index: the page's whole ORDER BY (predicate, sort_date, id) in the index, so that a page
    # of a hub reads 100 index entries instead of sorting the hub's largest (predicate, sort_date) group
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(
            text(f"CREATE INDEX {PROPOSED_INDEX} ON claims (subject_entity, predicate, sort_date, id)")
        )
        conn.execute(text("ANALYZE" if store.dialect == "sqlite" else "ANALYZE claims"))
    index_s = round(time.perf_counter() - t0, 2)
    add(
        "entity page: hub, first 100, with the proposed index",
        lambda i: len(store.claims(entity=hub, limit=100)),
        note=f"(subject_entity, predicate, sort_date, id), built in {index_s} s",
    )
    plans["entity page, first 100, with the proposed index"] = explain(
        store, ENTITY_PAGE_SQL + " LIMIT 100", {"e": hub}
    )
    # the candidate summary: per (entity, predicate, value) counts, maintained on write in a real store
    t1 = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(text(SUMMARY_BUILD_SQL))
        conn.execute(text(f"CREATE INDEX ix_{SUMMARY_TABLE} ON {SUMMARY_TABLE} (entity, predicate, n)"))
    summary_s = round(time.perf_counter() - t1, 2)
    top_sql = summary_top_sql(store.dialect)
    add(
        "profile summary: hub, top 10 values per predicate, precomputed (proposed)",
        lambda i: _sql_rows(store, top_sql, {"e": hub}),
        note=f"summary table built in {summary_s} s",
    )
    add(
        "graph edges: hub, 200 strongest, precomputed (proposed)",
        lambda i: _sql_rows(store, SUMMARY_EDGES_SQL, {"e": hub}),
    )
    plans["profile summary, precomputed (proposed)"] = explain(store, top_sql, {"e": hub})

    heavy_queries: list[tuple[str, str, list[str], int, str]] = [
        ("entity page: hub", "entity", [hub], 1, f"{stats.hub_claims:,} claims"),
    ]
    if heavy_all:
        heavy_queries += [
            ("profile: random entity", "profile", randoms[:5], 5, "5 random entities"),
            ("profile: 10th hub", "profile", [tenth], 1, f"{tenth_n:,} claims"),
            ("profile: hub", "profile", [hub], 1, f"{stats.hub_claims:,} claims"),
            ("graph JSON: hub", "graph", [hub], 1, "build_graph reads every claim of the store"),
        ]
    for query, kind, ents, runs, note in heavy_queries:
        if heavy_in_process:  # small stores: no timeout needed
            lat = measure(
                query,
                functools.partial(_heavy_run, store, kind, ents),
                warmup=0,
                min_runs=1,
                max_runs=runs,
                budget_s=heavy_timeout_s / 2,
            )
            lat.note = note
            out.append(lat)
        else:
            out.append(heavy(url, query, kind, ents, runs=runs, timeout_s=heavy_timeout_s, note=note))
        _progress(out[-1])
    with store.engine.begin() as conn:  # leave the store as the schema has it
        conn.execute(text(f"DROP INDEX {PROPOSED_INDEX}"))
        conn.execute(text(f"DROP TABLE {SUMMARY_TABLE}"))
    store.close()
    return {
        "latency": [x.to_json() for x in out],
        "plans": plans,
        "entities": {
            "hub": hub,
            "hub_name": hub_name,
            "hub_claims": stats.hub_claims,
            "tenth_hub_claims": tenth_n,
            "selective_term": selective,
        },
    }


def _heavy_run(store: Store, kind: str, entities: list[str], run: int) -> int:
    return _heavy_call(store, kind, entities[run % len(entities)])


def main(argv: list[str] | None = None) -> int:
    """Child process of ``heavy``: time calls of one heavy query, writing the times after each call."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m orbat.bench.queries")
    ap.add_argument("--url", required=True)
    ap.add_argument("--kind", choices=HEAVY, required=True)
    ap.add_argument("--entities", required=True, help="comma-separated entity ids, used in turn")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--json", type=Path, required=True)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    import orbat.publish.graph
    import orbat.publish.profiles
    import orbat.publish.render_md  # noqa: F401 - imported before timing

    store = Store.open(a.url, create=True)
    entities = a.entities.split(",")
    record: dict[str, Any] = {"times_ms": [], "rows": None, "setup_ms": (time.perf_counter() - t0) * 1000}
    a.json.write_text(json.dumps(record), encoding="utf-8")
    started = time.perf_counter()
    for i in range(a.runs):
        t = time.perf_counter()
        record["rows"] = _heavy_call(store, a.kind, entities[i % len(entities)])
        record["times_ms"].append((time.perf_counter() - t) * 1000)
        a.json.write_text(json.dumps(record), encoding="utf-8")
        if time.perf_counter() - started > a.budget:
            break
    store.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
