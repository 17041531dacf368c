"""Parallel extraction gives exactly the single-process result.

* Dask: a real LocalCluster (2 worker processes) extracting into a fresh
  PostgreSQL database, against ``pipeline.extract`` into another one;
* ``pipeline.extract(..., workers=2)`` against ``workers=1``;
* ``extract_pool`` against ``extract_many``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from orbat import pipeline
from orbat.distributed import extract_distributed, extract_pool, worker_extractor
from orbat.ingest import read_path
from orbat.store import Store


def _state(store: Store) -> dict[str, list[Any]]:
    """Everything extraction wrote, in a comparable order (no timestamps, no serial ids)."""
    q = {
        "claims": "SELECT id, document_id, subject_node, predicate, object_kind, object_node, object_text, "
        "q_start, q_end, q_as_of, q_role, q_kind, q_claimed_by, hedge, sort_date, status, origin FROM claims",
        "evidence": 'SELECT claim_id, document_id, start, "end", quote FROM evidence',
        "nodes": "SELECT id, document_id, type, name FROM nodes",
        "mentions": 'SELECT document_id, node_id, start, "end", text, source FROM mentions',
        "runs": "SELECT document_id, extractor FROM extraction_runs",
    }
    with store.reading() as conn:
        return {k: sorted(tuple(map(str, r)) for r in conn.execute(text(sql))) for k, sql in q.items()}


def _ingested(url: str, corpus: Path) -> tuple[Store, list[int]]:
    store = Store.open(url, create=True)
    report = pipeline.ingest(store, sorted(str(p) for p in (corpus / "docs").glob("*.md")))
    assert report.ok and len(report.document_ids) == 12
    return store, report.document_ids


def test_dask_cluster_extraction_equals_single_process(
    small_corpus: Path, pg_databases: Callable[[], str]
) -> None:
    from distributed import LocalCluster

    single_url, dask_url = pg_databases(), pg_databases()
    single, single_ids = _ingested(single_url, small_corpus)
    many, many_ids = _ingested(dask_url, small_corpus)
    try:
        assert single_ids == many_ids
        expected = pipeline.extract(single, single_ids)
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            report = extract_distributed(dask_url, many_ids, cluster.scheduler_address, chunk=2)
            assert report.workers == 2
            assert report.failed == []
            assert report.extracted == expected.extracted == 12
            assert report.claims == expected.claims > 100
            want, got = _state(single), _state(many)
            for table in want:
                assert got[table] == want[table], table
            # a second run finds every document extracted already
            again = extract_distributed(dask_url, None, cluster.scheduler_address)
            assert again.skipped == 12 and again.extracted == 0
        assert _state(many) == want
    finally:
        single.close()
        many.close()


def test_pipeline_with_two_workers_equals_one(small_corpus: Path, tmp_path: Path) -> None:
    states = []
    for workers in (1, 2):
        store, ids = _ingested(f"sqlite:///{tmp_path / f'w{workers}.db'}", small_corpus)
        try:
            report = pipeline.extract(store, ids, workers=workers)
            assert report.failed == [] and report.extracted == 12
            pipeline.resolve(store)
            state = _state(store)
            with store.reading() as conn:
                state["entities"] = sorted(
                    tuple(map(str, r)) for r in conn.execute(text("SELECT id, type, name FROM entities"))
                )
            states.append(state)
        finally:
            store.close()
    assert states[0] == states[1]


def test_process_pool_gives_the_extractions_of_one_process(small_corpus: Path) -> None:
    docs = [read_path(p).document for p in sorted((small_corpus / "docs").glob("*.md"))[:6]]
    one = list(worker_extractor("rules").extract_many(docs))
    pooled = list(extract_pool(docs, workers=2, chunksize=2))
    assert [x.document for x in pooled] == [d.name for d in docs]
    assert pooled == one
    assert sum(len(x.claims) for x in pooled) > 20
