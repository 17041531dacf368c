"""Parallel extraction: over a Dask cluster into a shared store, or over local worker processes.

Two ways to run the extractor on more than one core, both giving exactly the
extractions of a single-process run (the extractor is deterministic per
document: claim and node ids hash what was found and where):

* ``extract_distributed(store_url, document_ids, scheduler_address)``: Dask
  tasks, each over a few documents. A worker process loads the extractor
  once (cached per process) and keeps one connection pool to the store; each
  task reads its documents from the store and writes each document's
  Extraction with ``Store.save_extraction`` (one transaction per document),
  so the store must be one every worker can reach: PostgreSQL.
* ``extract_pool(documents, workers)``: a local process pool (one extractor
  per worker process, whole documents in, Extractions out, in input order),
  for ``pipeline.extract(..., workers=N)`` on one machine. Unlike spaCy's
  ``n_process`` it parallelises the rule components too and starts its
  processes once, not per batch.

This module sits at the pipeline's level: it drives extract and the store
and is driven by the CLI (``orbat extract --scheduler ADDRESS``).
"""

from __future__ import annotations

import functools
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from orbat.model import Document, Extraction

DEFAULT_CHUNK = 4  # documents per Dask task
_STORES: dict[str, Any] = {}  # this process's open stores, by URL


@dataclass
class DistributedReport:
    """What a distributed extraction did (the fields of ``pipeline.ExtractReport``, plus timing)."""

    extracted: int = 0
    skipped: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, cause)
    seconds: float = 0.0
    workers: int = 0


# -- per worker process: one extractor and one store per process, built on first use ---------------


@functools.lru_cache(maxsize=4)
def worker_extractor(name: str) -> Any:
    """The extractor called ``name`` of this process (the spaCy model is loaded once per process)."""
    from orbat.extract import get_extractor

    return get_extractor(name)


def worker_store(url: str) -> Any:
    """This process's Store for ``url`` (one engine and connection pool per process)."""
    from orbat.store import Store

    store = _STORES.get(url)
    if store is None:
        store = _STORES[url] = Store.open(url)
    return store


def _extract_chunk(
    store_url: str, document_ids: Sequence[int], extractor_name: str, force: bool
) -> list[tuple[int, str, dict[str, int] | None, str | None]]:
    """Extract and store a few documents: (id, name, counts or None, error or None) for each."""
    extractor = worker_extractor(extractor_name)
    store = worker_store(store_url)
    tag = f"{extractor.name}@{extractor.version}"
    out: list[tuple[int, str, dict[str, int] | None, str | None]] = []
    todo: list[tuple[int, Document]] = []
    for doc_id in document_ids:
        try:
            if not force and store.has_extraction(doc_id, tag):
                out.append((doc_id, "", {"skipped": 1}, None))
                continue
            doc = store.get_document(doc_id)
        except Exception as exc:  # a missing document must not lose the chunk
            out.append((doc_id, str(doc_id), None, f"{type(exc).__name__}: {exc}"))
            continue
        if doc.text:
            todo.append((doc_id, doc))
    for doc_id, doc in todo:
        try:
            extraction = extractor.extract(doc)
            counts = store.save_extraction(doc_id, extraction, force=force)
            out.append((doc_id, doc.name, counts, None))
        except Exception as exc:  # one bad document must not lose the others
            out.append((doc_id, doc.name, None, f"{type(exc).__name__}: {exc}"))
    return out


def _warm(extractor_name: str) -> str:
    worker_extractor(extractor_name)
    return extractor_name


def _release() -> int:
    """Close this worker's store connections (the extractor stays loaded for the next run)."""
    n = len(_STORES)
    for store in _STORES.values():
        store.close()
    _STORES.clear()
    return n


def extract_distributed(
    store_url: str,
    document_ids: Sequence[int] | None,
    scheduler_address: str,
    extractor_name: str = "rules",
    *,
    force: bool = False,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[str, int, int], None] | None = None,
) -> DistributedReport:
    """Extract ``document_ids`` (default: every current document) on the Dask cluster at ``scheduler_address``.

    Every worker writes into the store at ``store_url`` (a URL all workers can
    reach, with its password: PostgreSQL). Documents already extracted by this
    extractor version are skipped unless ``force``.
    """
    from distributed import Client, as_completed

    from orbat.store import Store

    started = time.perf_counter()
    if document_ids is None:
        store = Store.open(store_url)
        try:
            document_ids = store.document_ids()
        finally:
            store.close()
    ids = list(document_ids)
    report = DistributedReport()
    with Client(scheduler_address) as client:
        report.workers = len(client.scheduler_info().get("workers", {}))
        client.run(_warm, extractor_name)  # load the model on every worker before timing the tasks
        chunks = [ids[i : i + max(1, chunk)] for i in range(0, len(ids), max(1, chunk))]
        futures = [
            client.submit(_extract_chunk, store_url, c, extractor_name, force, pure=False) for c in chunks
        ]
        done = 0
        for fut in as_completed(futures):
            for _doc_id, name, counts, error in fut.result():
                done += 1
                if error is not None:
                    report.failed.append((name, error))
                elif counts is not None and counts.get("skipped"):
                    report.skipped += 1
                elif counts is not None:
                    report.extracted += 1
                    report.claims += counts.get("claims", 0)
                if progress is not None:
                    progress(name, done, len(ids))
        client.run(_release)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# -- local process pool ---------------------------------------------------------------------------

_POOL_EXTRACTOR: list[Any] = []


def _pool_init(extractor_name: str) -> None:
    _POOL_EXTRACTOR[:] = [worker_extractor(extractor_name)]


def _pool_extract(doc: Document) -> Extraction:
    extraction: Extraction = _POOL_EXTRACTOR[0].extract(doc)
    return extraction


class ExtractPool:
    """Worker processes that each hold one extractor; start once, extract many batches.

    with ExtractPool(workers=2) as pool:
        for extraction in pool.imap(documents):
            ...
    """

    def __init__(
        self, workers: int = 2, extractor_name: str = "rules", *, start_method: str | None = None
    ) -> None:
        self.workers = workers
        self.extractor_name = extractor_name
        self._ctx = multiprocessing.get_context(start_method)
        self._pool: Any = None

    def __enter__(self) -> ExtractPool:
        self._pool = self._ctx.Pool(self.workers, initializer=_pool_init, initargs=(self.extractor_name,))
        # every worker has loaded its extractor when this returns
        self._pool.map(_pool_ready, range(self.workers), chunksize=1)
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.close()
        self._pool.join()

    def imap(self, documents: Iterable[Document], chunksize: int = 4) -> Iterator[Extraction]:
        """Extractions of ``documents`` in input order."""
        yield from self._pool.imap(_pool_extract, documents, chunksize=chunksize)


def _pool_ready(_i: int) -> bool:
    return bool(_POOL_EXTRACTOR)


def extract_pool(
    documents: Iterable[Document],
    workers: int = 2,
    extractor_name: str = "rules",
    *,
    chunksize: int = 4,
    start_method: str | None = None,
) -> Iterator[Extraction]:
    """Extractions of ``documents`` in input order, computed by ``workers`` processes.

    Each worker builds its own extractor once. With ``workers <= 1`` the
    documents are extracted in this process (``extract_many``).
    """
    if workers <= 1:
        yield from worker_extractor(extractor_name).extract_many(documents)
        return
    with ExtractPool(workers, extractor_name, start_method=start_method) as pool:
        yield from pool.imap(documents, chunksize=chunksize)


__all__ = [
    "DistributedReport",
    "ExtractPool",
    "extract_distributed",
    "extract_pool",
    "worker_extractor",
    "worker_store",
]
