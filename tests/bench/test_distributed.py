"""Parallel extraction gives exactly the single-process result.

* Dask: a real LocalCluster (a worker in this process; with --slow also 2
  worker processes) extracting into a fresh PostgreSQL database, against
  ``pipeline.extract`` into another one;
* ``pipeline.extract(..., workers=2)`` against ``workers=1``;
* ``extract_pool`` against ``extract_many``;
* a document the extractor fails on comes back as a ``Failure`` in its place,
  and a pool whose workers cannot build the extractor fails at once (not hangs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from orbat import pipeline
from orbat.distributed import Failure, extract_distributed, extract_pool, worker_extractor
from orbat.errors import OrbatError
from orbat.extract import get_extractor
from orbat.ingest import read_path
from orbat.model import Document, Extraction
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


@pytest.mark.parametrize(
    "processes",
    [
        pytest.param(False, id="in-process-worker"),
        pytest.param(True, id="2-worker-processes", marks=pytest.mark.slow),  # each loads the model
    ],
)
def test_dask_cluster_extraction_equals_single_process(
    small_corpus: Path, pg_databases: Callable[[], str], processes: bool
) -> None:
    from distributed import LocalCluster

    single_url, dask_url = pg_databases(), pg_databases()
    single, single_ids = _ingested(single_url, small_corpus)
    many, many_ids = _ingested(dask_url, small_corpus)
    try:
        assert single_ids == many_ids
        expected = pipeline.extract(single, single_ids)
        workers = 2 if processes else 1  # worker threads of one process would share one extractor
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            protocol="tcp://",
            dashboard_address=None,
        ) as cluster:
            report = extract_distributed(
                dask_url, many_ids, cluster.scheduler_address, factory=get_extractor, chunk=2
            )
            assert report.workers == workers
            assert report.failed == []
            assert report.extracted == expected.extracted == 12
            assert report.claims == expected.claims > 100
            want, got = _state(single), _state(many)
            for table in want:
                assert got[table] == want[table], table
            # a second run finds every document extracted already
            again = extract_distributed(dask_url, None, cluster.scheduler_address, factory=get_extractor)
            assert again.skipped == 12 and again.extracted == 0
        assert _state(many) == want
    finally:
        single.close()
        many.close()


def test_pipeline_with_two_workers_equals_one(small_corpus: Path, tmp_path: Path) -> None:
    base, ids = _ingested(f"sqlite:///{tmp_path / 'base.db'}", small_corpus)
    base.close()
    states = []
    for workers in (1, 2):
        copy = tmp_path / f"w{workers}.db"
        with sqlite3.connect(tmp_path / "base.db") as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        store = Store.open(f"sqlite:///{copy}")
        try:
            report = pipeline.extract(store, ids, workers=workers)
            assert report.failed == [] and report.extracted == 12
            pipeline.resolve(store)
            state = _state(store)
            with store.reading() as conn:
                state["entities"] = sorted(
                    tuple(map(str, r)) for r in conn.execute(text("SELECT id, type, name FROM entities"))
                )
                # written in document order by this process: even the serial ids agree
                state["evidence ids"] = [
                    tuple(map(str, r))
                    for r in conn.execute(text("SELECT id, claim_id FROM evidence ORDER BY id"))
                ]
            states.append(state)
        finally:
            store.close()
    assert states[0] == states[1]


def test_process_pool_gives_the_extractions_of_one_process(small_corpus: Path) -> None:
    docs = [read_path(p).document for p in sorted((small_corpus / "docs").glob("*.md"))[:6]]
    one = list(worker_extractor(get_extractor, "rules").extract_many(docs))
    pooled = list(extract_pool(docs, workers=2, factory=get_extractor, chunksize=2))
    extractions = [x for x in pooled if not isinstance(x, Failure)]
    assert extractions == pooled == one
    assert [x.document for x in extractions] == [d.name for d in docs]
    assert sum(len(x.claims) for x in extractions) > 20


class _Picky:
    """An extractor that fails on one document (built in the workers by ``_picky``)."""

    name, version = "picky", "1"

    def __init__(self) -> None:
        self.inner = worker_extractor(get_extractor, "rules")

    def extract(self, doc: Document) -> Extraction:
        if doc.name.endswith("1"):
            raise ValueError(f"cannot read {doc.name}")
        return self.inner.extract(doc)  # type: ignore[no-any-return]

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


def _picky(name: str) -> _Picky:
    return _Picky()


def test_a_failing_document_is_reported_in_its_place_and_the_others_go_on(small_corpus: Path) -> None:
    docs = [read_path(p).document for p in sorted((small_corpus / "docs").glob("*.md"))[:6]]
    bad = [d.name for d in docs if d.name.endswith("1")]
    assert bad
    for workers in (1, 2):
        out = list(extract_pool(docs, workers, "picky", factory=_picky, chunksize=3))
        assert [x.document for x in out] == [d.name for d in docs]
        assert [x.document for x in out if isinstance(x, Failure)] == bad
        assert all(isinstance(x, Failure) == (x.document in bad) for x in out)


def test_a_pool_whose_extractor_cannot_be_built_fails_at_once(small_corpus: Path) -> None:
    docs = [read_path(p).document for p in sorted((small_corpus / "docs").glob("*.md"))[:2]]
    with pytest.raises(OrbatError, match="unknown extractor 'nope'"):
        list(extract_pool(docs, 2, "nope", factory=get_extractor))


def test_guided_tasks_cover_the_documents_in_order_and_shrink_to_single_ones() -> None:
    from orbat.distributed import guided

    tasks = list(guided(list(range(50)), workers=2, most=4))
    assert [x for t in tasks for x in t] == list(range(50))
    assert max(len(t) for t in tasks) == 4
    assert [len(t) for t in tasks] == sorted((len(t) for t in tasks), reverse=True)
    assert [len(t) for t in tasks[-4:]] == [1, 1, 1, 1]
    assert list(guided([], workers=2, most=4)) == []
    assert [len(t) for t in guided(list(range(3)), workers=8, most=4)] == [1, 1, 1]


def _blas_threads_after_single_threaded() -> list[int]:
    import numpy  # noqa: F401 - loaded before the limit, as in a forked worker
    from threadpoolctl import threadpool_info

    from orbat.distributed import single_threaded

    single_threaded()
    return [pool["num_threads"] for pool in threadpool_info()]


def test_single_threaded_limits_libraries_loaded_already():
    from orbat.resolve.blocking import run_forked

    threads = run_forked(_blas_threads_after_single_threaded, None)  # in a child: this process keeps its own
    assert threads and set(threads) == {1}


def _worker_gc_state() -> tuple[int, bool, bool]:
    import gc

    from orbat.distributed import _pool_extractor

    extractor = _pool_extractor()
    seen = {id(o) for o in gc.get_objects()}
    return gc.get_freeze_count(), id(extractor) in seen, id(extractor.nlp) in seen


def test_pool_workers_keep_the_extractor_and_the_parents_objects_out_of_the_collector():
    from orbat.distributed import ExtractPool

    parent_objects = len(__import__("gc").get_objects())
    with ExtractPool(2, factory=get_extractor) as pool:
        frozen, extractor_tracked, nlp_tracked = pool._pool.apply(_worker_gc_state)
    assert frozen > parent_objects  # what the worker inherited, and its extractor besides
    assert not extractor_tracked and not nlp_tracked
