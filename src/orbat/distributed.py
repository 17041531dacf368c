"""Parallel extraction: over local worker processes, or over a Dask cluster.

Every way of running the extractor on more than one core gives exactly the
extractions of a single-process run (the extractor is deterministic per
document: claim and node ids hash what was found and where), and hands them
back in document order, so that the caller stores the same rows in the same
order:

* :class:`ExtractPool` / :func:`extract_pool`: local worker processes for
  ``pipeline.extract(..., workers=N)``. Each worker builds the extractor once
  (the pool's initializer), keeps its numeric libraries to one thread, and
  extracts whole documents, a few per task; the parent only reads, writes
  the store and draws the progress. Unlike spaCy's ``n_process`` it
  parallelises the rule components too, ships Extractions (not Docs) back,
  and starts its processes once per run, not once per batch.
* :func:`dask_extractions`: the same over the Dask cluster at a scheduler
  address (``orbat extract --scheduler ADDRESS``); the documents go out, the
  Extractions come back, the caller writes them (any store, SQLite too).
* :func:`extract_distributed`: Dask tasks that read their documents from the
  store and write each document's Extraction themselves
  (``Store.save_extraction``, one transaction per document), so the store
  must be one every worker can reach, with its password: PostgreSQL.

A document the extractor fails on comes back as a :class:`Failure` in its
place; the others go on.

The extractor is passed in as ``factory`` (``orbat.extract.get_extractor``,
a module-level function, so it is sent to the workers by name): this module
drives the store and is driven by ``orbat.pipeline`` and the CLI, and leaves
the import of the spaCy side to them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from orbat.errors import OrbatError
from orbat.model import Document, Extraction

#: name -> extractor: ``orbat.extract.get_extractor``
ExtractorFactory = Callable[[str], Any]

DEFAULT_CHUNK = 4  # documents per Dask task
CONNECT_TIMEOUT = "20s"  # to reach the scheduler
POOL_CHUNK = 4  # documents per process-pool task (one nlp.pipe batch); see pool_chunk
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
_STORES: dict[str, Any] = {}  # this process's open stores, by URL


@dataclass(frozen=True)
class Failure:
    """The extractor raised on this document."""

    document: str
    cause: str


@dataclass
class DistributedReport:
    """What a distributed extraction did (the fields of ``pipeline.ExtractReport``, plus timing)."""

    extracted: int = 0
    skipped: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, cause)
    seconds: float = 0.0
    workers: int = 0


def guided(items: Sequence[Any], workers: int, most: int) -> Iterator[list[Any]]:
    """Consecutive tasks of at most ``most`` items, each about a quarter of a worker's share of what
    remains, so they shrink to single items at the end (OpenMP's "guided" schedule)."""
    i, n = 0, len(items)
    while i < n:
        size = max(1, min(most, -(-(n - i) // (4 * max(1, workers)))))
        yield list(items[i : i + size])
        i += size


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


# -- in every worker process -----------------------------------------------------------------------


def single_threaded() -> None:
    """Keep this process's numeric libraries to one thread: one worker process per core."""
    for var in THREAD_VARS:
        os.environ[var] = "1"  # for libraries loaded from now on
    torch = sys.modules.get("torch")  # thinc imports torch when it is installed
    if torch is not None:
        with contextlib.suppress(Exception):  # threads are an optimisation only
            torch.set_num_threads(1)
    # the environment only reaches libraries loaded after it is set: a forked worker has numpy's BLAS
    # loaded already, with as many threads as cores, each worker's competing with the other's
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


@functools.lru_cache(maxsize=4)
def worker_extractor(factory: ExtractorFactory, name: str) -> Any:
    """The extractor ``factory(name)`` of this process (the spaCy model is loaded once per process)."""
    return factory(name)


def worker_store(url: str) -> Any:
    """This process's Store for ``url`` (one engine and connection pool per process)."""
    from orbat.store import Store

    store = _STORES.get(url)
    if store is None:
        store = _STORES[url] = Store.open(url)
    return store


def extract_isolated(extractor: Any, documents: Sequence[Document]) -> list[Extraction | Failure]:
    """The Extraction of each document in one ``extract_many``; if that raises, document by document."""
    try:
        return list(extractor.extract_many(documents))
    except Exception:  # find the document that failed; the others still count
        out: list[Extraction | Failure] = []
        for doc in documents:
            try:
                out.append(extractor.extract(doc))
            except Exception as exc:
                out.append(Failure(doc.name, f"{type(exc).__name__}: {exc}"))
        return out


def _extract_documents(
    documents: Sequence[Document], factory: ExtractorFactory, extractor_name: str
) -> list[Extraction | Failure]:
    return extract_isolated(worker_extractor(factory, extractor_name), documents)


Outcome = tuple[int, str, dict[str, int] | None, str | None]  # (id, name, counts or None, error or None)


def _extract_chunk(
    store_url: str, document_ids: Sequence[int], factory: ExtractorFactory, extractor_name: str, force: bool
) -> list[Outcome]:
    """Read, extract and store a few documents."""
    extractor = worker_extractor(factory, extractor_name)
    store = worker_store(store_url)
    tag = f"{extractor.name}@{extractor.version}"
    out: list[Outcome] = []
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
    results = extract_isolated(extractor, [d for _, d in todo])
    for (doc_id, doc), result in zip(todo, results, strict=True):
        if isinstance(result, Failure):
            out.append((doc_id, doc.name, None, result.cause))
            continue
        try:
            counts = store.save_extraction(doc_id, result, force=force)
            out.append((doc_id, doc.name, counts, None))
        except Exception as exc:  # one bad document must not lose the others
            out.append((doc_id, doc.name, None, f"{type(exc).__name__}: {exc}"))
    return out


def _warm(factory: ExtractorFactory, extractor_name: str) -> str:
    single_threaded()
    extractor = worker_extractor(factory, extractor_name)
    return f"{extractor.name}@{extractor.version}"


def _release() -> int:
    """Close this worker's store connections (the extractor stays loaded for the next run)."""
    n = len(_STORES)
    for store in _STORES.values():
        store.close()
    _STORES.clear()
    return n


# -- Dask ------------------------------------------------------------------------------------------


def workers_can_write(store_url: str) -> bool:
    """Whether Dask workers can write into this store themselves: a database server, not a SQLite file."""
    from orbat.store import normalise_url

    return not normalise_url(store_url).startswith("sqlite")


def _connect(scheduler_address: str, factory: ExtractorFactory, extractor_name: str) -> tuple[Any, int]:
    """A client of the cluster, whose every worker has loaded the extractor; and the number of workers."""
    from distributed import Client

    try:
        client = Client(scheduler_address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OrbatError(f"cannot reach the Dask scheduler at {scheduler_address}: {exc}") from None
    try:
        client.run(_warm, factory, extractor_name)  # the model is loaded once per worker, before any task
        return client, len(client.scheduler_info().get("workers", {}))
    except BaseException:
        client.close()
        raise


def dask_extractions(
    documents: Sequence[Document],
    scheduler_address: str,
    extractor_name: str = "rules",
    *,
    factory: ExtractorFactory,
    chunk: int = DEFAULT_CHUNK,
) -> Generator[Extraction | Failure, None, None]:
    """Extractions of ``documents`` in input order, computed on the Dask cluster at ``scheduler_address``.

    Connects (and has every worker load the extractor) at once: a cluster
    that cannot be reached raises OrbatError here, not on the first result.
    """
    client, _workers = _connect(scheduler_address, factory, extractor_name)
    if not documents:  # a generator never started would not close the client
        client.close()
        return _nothing()
    return _dask_results(client, documents, factory, extractor_name, chunk)


def _nothing() -> Generator[Extraction | Failure, None, None]:
    yield from ()


def _dask_results(
    client: Any, documents: Sequence[Document], factory: ExtractorFactory, extractor_name: str, chunk: int
) -> Generator[Extraction | Failure, None, None]:
    with client:
        futures = [
            client.submit(_extract_documents, part, factory, extractor_name, pure=False)
            for part in batched(documents, chunk)
        ]
        try:
            for fut in futures:
                yield from fut.result()
        finally:
            client.cancel(futures)


def extract_distributed(
    store_url: str,
    document_ids: Sequence[int] | None,
    scheduler_address: str,
    extractor_name: str = "rules",
    *,
    factory: ExtractorFactory,
    force: bool = False,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[str, int, int], None] | None = None,
) -> DistributedReport:
    """Extract ``document_ids`` (default: every current document) on the Dask cluster at ``scheduler_address``.

    Every worker writes into the store at ``store_url`` (a URL all workers can
    reach, with its password: PostgreSQL). Documents already extracted by this
    extractor version are skipped unless ``force``.
    """
    from distributed import as_completed

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
    client, report.workers = _connect(scheduler_address, factory, extractor_name)
    with client:
        futures = [
            client.submit(_extract_chunk, store_url, c, factory, extractor_name, force, pure=False)
            for c in batched(ids, chunk)
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

_POOL_EXTRACTOR: list[Any] = []  # this worker's extractor, or the message of why it could not be built


def _pool_init(factory: ExtractorFactory, extractor_name: str) -> None:
    single_threaded()
    # Out of the cyclic collector's sight: the objects inherited from the parent, which a collection in
    # this worker would otherwise walk, writing to their pages and so copying them (fork shares them until
    # written), then the extractor, which lives as long as the worker; a collection walks only what
    # extraction allocates.
    gc.freeze()
    try:
        _POOL_EXTRACTOR[:] = [worker_extractor(factory, extractor_name)]
    except Exception as exc:  # a raising initializer would have the pool start workers forever
        _POOL_EXTRACTOR[:] = [f"cannot build the extractor {extractor_name!r}: {type(exc).__name__}: {exc}"]
    gc.collect()
    gc.freeze()


def _pool_extractor() -> Any:
    extractor = _POOL_EXTRACTOR[0]
    if isinstance(extractor, str):
        raise OrbatError(extractor)
    return extractor


def _pool_extract(documents: list[Document]) -> list[Extraction | Failure]:
    return extract_isolated(_pool_extractor(), documents)


def _pool_ready(_i: int) -> bool:
    return bool(_pool_extractor())


def pool_chunk(documents: int, workers: int) -> int:
    """Documents per task: ``POOL_CHUNK``, fewer when there are few documents (at least 4 tasks a worker)."""
    return max(1, min(POOL_CHUNK, documents // (4 * max(1, workers))))


class ExtractPool:
    """Worker processes that each hold one extractor; start once, extract many batches.

    with ExtractPool(2, factory=get_extractor) as pool:
        for extraction in pool.imap(documents):
            ...

    Entering starts the workers and, with ``wait`` (the default), returns
    when every one has built its extractor; without, they build it while the
    caller goes on. The start method is the platform's default unless given
    (fork on Linux: a worker starts in a fraction of a second, then loads
    the model).
    """

    def __init__(
        self,
        workers: int = 2,
        extractor_name: str = "rules",
        *,
        factory: ExtractorFactory,
        start_method: str | None = None,
        wait: bool = True,
    ) -> None:
        self.workers = workers
        self.extractor_name = extractor_name
        self.factory = factory
        self.wait = wait
        self._ctx = multiprocessing.get_context(start_method)
        self._pool: Any = None
        self._unfinished = 0  # imap iterations not run to their end

    def __enter__(self) -> ExtractPool:
        self._pool = self._ctx.Pool(
            self.workers, initializer=_pool_init, initargs=(self.factory, self.extractor_name)
        )
        if self.wait:
            try:
                self._pool.map(_pool_ready, range(self.workers), chunksize=1)
            except BaseException:
                self._pool.terminate()
                raise
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        if exc_type is None and not self._unfinished:
            self._pool.close()
        else:  # an error, an interrupt or an abandoned iteration: drop the queued work
            self._pool.terminate()
        self._pool.join()

    def imap(
        self, documents: Iterable[Document], chunksize: int = POOL_CHUNK
    ) -> Generator[Extraction | Failure, None, None]:
        """Extractions of ``documents`` in input order, at most ``chunksize`` documents per task.

        A list is cut into tasks that shrink towards single documents at its
        end (``guided``), so that no worker still extracts a whole task while
        the others have finished; other iterables into tasks of ``chunksize``.
        """
        self._unfinished += 1
        tasks = (
            guided(documents, self.workers, chunksize)
            if isinstance(documents, Sequence)
            else batched(documents, chunksize)
        )
        for results in self._pool.imap(_pool_extract, tasks, chunksize=1):
            yield from results
        self._unfinished -= 1


def extract_pool(
    documents: Sequence[Document],
    workers: int = 2,
    extractor_name: str = "rules",
    *,
    factory: ExtractorFactory,
    chunksize: int | None = None,
    start_method: str | None = None,
) -> Iterator[Extraction | Failure]:
    """Extractions of ``documents`` in input order, computed by ``workers`` processes.

    Each worker builds its own extractor once. With ``workers <= 1`` the
    documents are extracted in this process, 32 to an ``extract_many``.
    """
    if workers <= 1:
        extractor = worker_extractor(factory, extractor_name)
        for batch in batched(documents, 32):
            yield from extract_isolated(extractor, batch)
        return
    size = chunksize or pool_chunk(len(documents), workers)
    with ExtractPool(workers, extractor_name, factory=factory, start_method=start_method) as pool:
        yield from pool.imap(documents, chunksize=size)


__all__ = [
    "DistributedReport",
    "ExtractPool",
    "ExtractorFactory",
    "Failure",
    "dask_extractions",
    "extract_distributed",
    "extract_isolated",
    "extract_pool",
    "pool_chunk",
    "single_threaded",
    "worker_extractor",
    "worker_store",
    "workers_can_write",
]
