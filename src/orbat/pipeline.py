"""The only module that knows the order of the stages and drives them over a store.

ingest (files → Document + bytes) → store → extract (Document → Extraction)
→ store → resolve (all nodes + human judgements → entities) → store.
Each step reports progress through a callback so the CLI can draw a bar and
the web app can show upload progress.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orbat import distributed
from orbat.distributed import ExtractPool, Failure
from orbat.errors import OrbatError, ReadError
from orbat.model import Alias, Document, Entity, Extraction
from orbat.store import Store

if TYPE_CHECKING:
    from orbat.resolve import EntityKeys, NameRecord
    from orbat.store.resolution import JudgementRow, NodeInfo

Progress = Callable[[str, int, int], None]  # (label, done, total)


def _no_progress(_label: str, _done: int, _total: int) -> None:
    return None


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, cause)
    document_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class ExtractReport:
    extracted: int = 0
    skipped: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ResolveReport:
    nodes: int
    entities: int
    auto_merges: int
    review: int


def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    overrides: Mapping[str, Any] | None = None,
    limits: Any = None,
    progress: Progress = _no_progress,
) -> IngestReport:
    """Read every file/folder/glob/URL in ``sources`` into the store; the batch goes on past failures."""
    from orbat.ingest import Limits, expand_paths, read_path, read_url

    lim = limits or Limits()
    report = IngestReport()
    items: list[tuple[str, Path | None, ReadError | None]] = []
    for src in sources:
        if src.startswith(("http://", "https://")):
            items.append((src, None, None))
        else:
            items.extend(expand_paths([src]))
    total = len(items)
    for done, (label, path, error) in enumerate(items, start=1):
        progress(label, done - 1, total)
        if error is not None:
            report.failed.append((label, error.cause))
            continue
        try:
            result = read_url(label, overrides, lim) if path is None else read_path(path, overrides, lim)
            stored = store.add_document(result.document, result.data)
        except ReadError as exc:
            report.failed.append((label, exc.cause))
            continue
        except OrbatError as exc:
            report.failed.append((label, str(exc)))
            continue
        except Exception as exc:  # a reader bug on one file must not stop the batch
            report.failed.append((label, f"internal error while reading: {type(exc).__name__}: {exc}"))
            continue
        report.document_ids.append(stored.id)
        {
            "ingested": report.ingested,
            "new version": report.new_versions,
            "unchanged": report.unchanged,
        }[stored.status].append(label)
    progress("", total, total)
    return report


def _documents(store: Store, ids: Iterable[int]) -> Iterator[tuple[int, Document]]:
    for doc_id in ids:
        yield doc_id, store.get_document(doc_id)


def extract(
    store: Store,
    document_ids: Sequence[int] | None = None,
    *,
    extractor_name: str = "rules",
    force: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress = _no_progress,
) -> ExtractReport:
    """Run the extractor over documents (default: every current document) and store the results.

    ``workers == 1``: in this process, whose extractor is loaded on first use
    and kept. ``workers > 1``: that many local worker processes, each with its
    own extractor (``orbat.distributed.ExtractPool``); this process only reads,
    writes and reports. ``scheduler``: the Dask cluster at that address
    extracts; into PostgreSQL its workers write themselves, into SQLite this
    process writes. The stored result is the same whichever way it runs: this
    process writes the extractions in document order; a cluster's workers
    write each document in its own transaction.
    """
    if scheduler and distributed.workers_can_write(_full_url(store)):
        return _extract_on_cluster(store, document_ids, scheduler, extractor_name, force, progress)
    ids = list(document_ids) if document_ids is not None else store.document_ids()
    from orbat.extract import extractor_tag  # the class only: the model is not loaded here

    tag = extractor_tag(extractor_name)
    todo = [i for i in ids if force or not store.has_extraction(i, tag)]
    report = ExtractReport(skipped=len(ids) - len(todo))
    if not todo:
        progress("extract", 0, 0)
        return report
    with contextlib.ExitStack() as stack:
        pool = None
        if workers > 1 and not scheduler and len(todo) > 1:
            # the workers load the model while this process reads the documents
            pool = stack.enter_context(_pool(min(workers, len(todo)), extractor_name))
        progress("extract", 0, len(todo))
        # a window of documents at a time: this process holds one window's texts, not the corpus's
        for lo in range(0, len(todo), EXTRACT_WINDOW):
            window = todo[lo : lo + EXTRACT_WINDOW]
            docs = [(i, d) for i, d in _documents(store, window) if d.text]
            with contextlib.closing(
                _extractions([d for _, d in docs], extractor_name, pool, scheduler)
            ) as results:
                if not _store_extractions(store, docs, results, force, report, progress, lo, len(todo)):
                    break
        progress("extract", len(todo), len(todo))
    return report


EXTRACT_WINDOW = 2_000  # documents read and extracted at a time


def _pool(workers: int, extractor_name: str) -> ExtractPool:
    from orbat.extract import get_extractor

    return ExtractPool(workers, extractor_name, factory=get_extractor, wait=False)


def _extractions(
    docs: list[Document], extractor_name: str, pool: ExtractPool | None, scheduler: str | None
) -> Generator[Extraction | Failure, None, None]:
    """The extraction of each document, in order: on the cluster, in the pool or in this process."""
    from orbat.extract import get_extractor

    if scheduler:  # connects now: an unreachable cluster is an OrbatError of this call
        return distributed.dask_extractions(docs, scheduler, extractor_name, factory=get_extractor)
    if pool is not None:
        return pool.imap(docs, chunksize=distributed.pool_chunk(len(docs), pool.workers))
    extractor = distributed.worker_extractor(get_extractor, extractor_name)  # loaded once per process
    batches = distributed.batched(docs, 32)
    return (r for batch in batches for r in distributed.extract_isolated(extractor, batch))


def _store_extractions(
    store: Store,
    docs: list[tuple[int, Document]],
    results: Iterator[Extraction | Failure],
    force: bool,
    report: ExtractReport,
    progress: Progress,
    before: int = 0,
    total: int | None = None,
) -> bool:
    """Store each document's extraction as it comes; False when the extractor itself failed (the
    documents after are not extracted). ``before``/``total``: the documents of earlier windows, and
    of all, for the progress."""
    total = len(docs) if total is None else total
    for done, (doc_id, doc) in enumerate(docs, start=before + 1):
        try:
            result = next(results)
        except StopIteration:  # pragma: no cover - every path yields one result per document
            report.failed.append(("extractor", f"no extraction for {doc.name} and after"))
            return False
        except Exception as exc:  # a worker or cluster failure must not lose what was stored
            report.failed.append(("extractor", f"{type(exc).__name__}: {exc}"))
            traceback.print_exc()
            return False
        if isinstance(result, Failure):
            report.failed.append((doc.name, result.cause))
        else:
            counts = store.save_extraction(doc_id, result, force=force)
            report.extracted += 1
            report.claims += counts.get("claims", 0)
        progress(doc.name, done, total)
    return True


def _full_url(store: Store) -> str:
    """The store's URL with its password: for workers that open the store themselves."""
    return store.engine.url.render_as_string(hide_password=False)


def _extract_on_cluster(
    store: Store,
    document_ids: Sequence[int] | None,
    scheduler: str,
    extractor_name: str,
    force: bool,
    progress: Progress,
) -> ExtractReport:
    from orbat.distributed import extract_distributed
    from orbat.extract import get_extractor

    progress("extract", 0, len(document_ids) if document_ids is not None else 0)
    done = extract_distributed(
        _full_url(store),
        document_ids,
        scheduler,
        extractor_name,
        factory=get_extractor,
        force=force,
        progress=progress,
    )
    return ExtractReport(
        extracted=done.extracted, skipped=done.skipped, claims=done.claims, failed=done.failed
    )


RESOLVE_BATCH = 20_000  # new nodes one incremental step resolves (whole documents)


def resolve(
    store: Store,
    progress: Progress = _no_progress,
    *,
    workers: int = 1,
    incremental: bool = False,
    batch: int = RESOLVE_BATCH,
    reopen: Sequence[str] = (),
) -> ResolveReport:
    """Resolve nodes into entities, honouring analysts' judgements.

    By default every node is re-resolved and the entities rebuilt (after an
    analyst's decision, or to apply a newer matcher to the whole store):
    memory grows with the number of nodes. ``incremental`` resolves only the
    nodes in no entity yet (those of newly extracted documents), ``batch``
    of them at a time (whole documents), each batch against the entities
    already stored, each entity a single record with all its names: memory
    grows with the entities and the batch, not with the store. ``reopen``
    (entity ids) re-resolves the nodes of those entities as if they were new
    (after an analyst's decision on them), then the new nodes: the other
    entities are left as they are. ``workers`` >
    1 chooses candidates and scores pairs in that many processes
    (``orbat.resolve.resolve``); the entities are the same.
    """
    if incremental or reopen:
        return _resolve_new(store, progress, workers, batch, reopen)
    from orbat.resolve import Judgement
    from orbat.resolve import resolve as run_resolution

    nodes = store.all_nodes()
    progress("resolve", 0, len(nodes))
    names_of = {n.id: n.names for n in nodes}
    context: dict[str, set[str]] = {n.id: set() for n in nodes}
    for subj, _pred, obj in store.node_relations():
        if subj in context and obj in names_of:
            context[subj].update(x.casefold() for x in names_of[obj])
        if obj in context and subj in names_of:
            context[obj].update(x.casefold() for x in names_of[subj])
    records = [_node_record(n, context[n.id]) for n in nodes]
    human = [
        Judgement(left=j.left, right=j.right, verdict=j.verdict, source="human")  # type: ignore[arg-type]
        for j in store.judgements(source="human")
    ]
    prefer = {n.id: 0 for n in nodes if n.entity_id == n.id}
    result = run_resolution(records, human, prefer=prefer, workers=workers)
    members: dict[str, list[str]] = {}
    for node, cluster in result.clusters.items():
        members.setdefault(cluster, []).append(node)
    types = {n.id: n.type for n in nodes}
    entities = [
        _entity(cluster, [(i, names_of[i], types[i]) for i in ids])
        for cluster, ids in sorted(members.items())
    ]
    auto = ((j.left, j.right, j.verdict, j.score, {"rule": j.rule}) for j in result.auto)
    store.save_resolution(result.clusters, entities, auto)
    progress("resolve", len(nodes), len(nodes))
    merges = sum(1 for j in result.auto if j.verdict == "same")
    return ResolveReport(len(nodes), len(entities), merges, len(result.review))


def _node_record(node: NodeInfo, context: Iterable[str]) -> NameRecord:
    """A node as the resolver sees it: its names, type, document and context."""
    from orbat.resolve import NameRecord

    document = str(node.document_id) if node.document_id is not None else None
    return NameRecord(node.id, node.type, node.names, document, frozenset(context))


def _entity(cluster: str, members: Sequence[tuple[str, Sequence[str], str]]) -> Entity:
    """The entity of a cluster from its members (node or entity id, names, type)."""
    from orbat.resolve import canonical_name

    names: list[str] = []
    for _id, member_names, _type in sorted(members, key=lambda m: m[0]):
        names.extend(member_names)
    display = canonical_name(names)
    aliases = tuple(Alias.of(x) for x in dict.fromkeys(names) if x != display)
    # an armed group and an organisation joined on their names: the armed group
    # (extractors type militias as organisations more often than the reverse)
    types = {m[2] for m in members}
    type_ = "armed_group" if "armed_group" in types else next(m[2] for m in members if m[0] == cluster)
    return Entity(id=cluster, type=type_, name=display, aliases=aliases)


def _batches(counts: Sequence[tuple[int | None, int]], size: int) -> Iterator[list[int | None]]:
    """Documents in groups of about ``size`` nodes (a document is never split)."""
    group: list[int | None] = []
    held = 0
    for doc, n in counts:
        if group and held + n > size:
            yield group
            group, held = [], 0
        group.append(doc)
        held += n
    if group:
        yield group


#: analyses of names the entities' blocking keys keep between batches, about 3 KB each (keys of 200,000
#: generated entities, updated 20,000 at a time: the process grew by 646 MiB with a lexicon's default
#: limit, which kept 119,083 analyses, and by 272 MiB with this one)
KEYS_ANALYSES = 20_000


def _resolve_new(
    store: Store, progress: Progress, workers: int, batch: int, reopen: Sequence[str] = ()
) -> ResolveReport:
    from orbat.resolve import EntityKeys, NameRecord, batch_lexicon
    from orbat.resolve.blocking import run_forked

    human = store.judgements(source="human")
    # the stored entities' keys, held across batches (their records are read when candidates)
    stored = store.entity_names()
    lexicon = batch_lexicon([NameRecord(*entity) for entity in stored])
    # the keys' lexicon lives as long as the run: it keeps few analyses (each batch's resolution
    # analyses its names in a lexicon of its own), or its cache would grow with every name met
    lexicon.cache_limit = KEYS_ANALYSES
    keys = EntityKeys(lexicon)
    keys.update(stored)
    del stored
    steps: list[tuple[Sequence[NodeInfo], frozenset[str]]] = []
    reopened = frozenset(reopen)
    if reopened:
        steps.append((store.nodes_of_entities(sorted(reopened)), reopened))
    counts = store.unresolved_counts()
    total = sum(len(nodes) for nodes, _ in steps) + sum(n for _doc, n in counts)
    progress("resolve", 0, total)
    done = merges = review = 0

    url = _full_url(store)
    in_memory = store.dialect == "sqlite" and store.engine.url.database in (None, "", ":memory:")

    def step(fresh: Sequence[NodeInfo], reopened: frozenset[str]) -> None:
        nonlocal done, merges, review
        if fresh:
            keys.remove(reopened)
            # in a forked process: what a batch allocates is given back when it ends, so this
            # process holds the entities' keys and little else however many batches run
            if in_memory:  # another process would open another, empty database
                out = _resolve_step(store, fresh, keys, human, workers)
            else:
                out = run_forked(_resolve_step_forked, (url, fresh, keys, human, workers))
            merges += out.merges
            review += out.review
            keys.remove(out.removed)
            keys.update(out.updated)
            done += len(fresh)
        progress("resolve", done, total)

    for nodes, ids in steps:
        step(nodes, ids)
    for docs in _batches(counts, max(batch, 1)):
        step(store.unresolved_nodes(docs), frozenset())
    progress("resolve", total, total)
    return ResolveReport(total, store.count_entities(), merges, review)


@dataclass(frozen=True)
class _Step:
    merges: int
    review: int
    removed: list[str]  # entities merged into others, or no longer any cluster's id
    updated: list[tuple[str, str, tuple[str, ...]]]  # (id, type, names) of the entities written


def _resolve_step_forked() -> _Step:
    """``_resolve_step`` in the process ``run_forked`` starts, through a store of its own (the
    parent's connections are not shared across a fork)."""
    from orbat.resolve.blocking import forked

    url, fresh, keys, human, workers = forked()
    store = Store.open(url)
    try:
        return _resolve_step(store, fresh, keys, human, workers)
    finally:
        store.close()


def _resolve_step(
    store: Store,
    fresh: Sequence[NodeInfo],
    keys: EntityKeys,
    human_rows: Sequence[JudgementRow],
    workers: int,
) -> _Step:
    """Resolve ``fresh`` nodes against the stored entities that share blocking keys with them
    (``keys``: every stored entity but those whose nodes are among ``fresh``) and store the
    result."""
    from orbat.resolve import Judgement, NameRecord
    from orbat.resolve import resolve as run_resolution

    context = store.node_context(n.id for n in fresh)
    new = [_node_record(n, context[n.id]) for n in fresh]
    reopened = {n.entity_id for n in fresh if n.entity_id is not None}
    known = store.entity_names(keys.candidates(new))
    settled = [NameRecord(*entity) for entity in known]
    records = settled + new
    # analysts' judgements between nodes, lifted to the records: an entity, or a new node
    ids = {r.id for r in records}
    new_ids = {n.id for n in fresh}
    entity_of = store.entity_of_nodes(x for j in human_rows for x in (j.left, j.right) if x not in new_ids)
    human = []
    for j in human_rows:
        left = j.left if j.left in new_ids else entity_of.get(j.left)
        right = j.right if j.right in new_ids else entity_of.get(j.right)
        if left in ids and right in ids and left != right:
            human.append(Judgement(left, right, j.verdict, "human"))  # type: ignore[arg-type]
    # a stored entity keeps its id, and so does a reopened one while a cluster holds its node
    prefer = {e: 0 for e, _t, _n in known} | {e: 0 for e in reopened}
    result = run_resolution(
        records,
        human,
        prefer=prefer,
        lexicon=keys.lexicon,
        workers=workers,
        settled=len(settled),
        settled_context=store.entity_context,
    )
    clusters = result.clusters
    merged = {e: clusters[e] for e, _t, _n in known if clusters[e] != e}
    assign = {n.id: clusters[n.id] for n in fresh}
    touched = set(assign.values()) | set(merged.values())
    # every member of a touched entity: the nodes stored in it (and in entities merged into it)
    members: dict[str, list[tuple[str, Sequence[str], str]]] = {c: [] for c in touched}
    types = {e: type_ for e, type_, _n in known}
    olds = [e for e, _t, _n in known if clusters[e] in touched]
    for entity, node, names in store.member_names(olds):
        members[clusters[entity]].append((node, names, types[entity]))
    for n in fresh:
        members[assign[n.id]].append((n.id, n.names, n.type))
    entities = [_entity(c, ms) for c, ms in sorted(members.items())]
    auto = ((j.left, j.right, j.verdict, j.score, {"rule": j.rule}) for j in result.auto)
    dropped = sorted(reopened - touched)
    again = sorted(n.id for n in fresh if n.entity_id is not None)  # reopened: their old auto judgements go
    store.save_increment(assign, merged, entities, auto, dropped=dropped, reassessed=again)
    return _Step(
        merges=sum(1 for j in result.auto if j.verdict == "same"),
        review=len(result.review),
        removed=[*merged, *dropped],
        updated=[(e.id, e.type, (e.name, *(a.name for a in e.aliases))) for e in entities],
    )


def build(
    store: Store,
    sources: Sequence[str],
    *,
    overrides: Mapping[str, Any] | None = None,
    extract_claims: bool = True,
    extractor_name: str = "rules",
    workers: int = 1,
    progress: Progress = _no_progress,
) -> tuple[IngestReport, ExtractReport | None, ResolveReport | None]:
    """ingest → extract → resolve, the whole pipeline for a batch of sources."""
    report = ingest(store, sources, overrides=overrides, progress=progress)
    if not extract_claims:
        return report, None, None
    ex = extract(
        store, report.document_ids, extractor_name=extractor_name, workers=workers, progress=progress
    )
    res = resolve(store, progress=progress, workers=workers, incremental=True)
    return report, ex, res


@dataclass(frozen=True)
class MatchCandidate:
    left: str
    right: str
    left_name: str
    right_name: str
    score: float
    why: str


def match_candidates(store: Store, limit: int = 50) -> list[MatchCandidate]:
    """Entity pairs in the matcher's review band (not merged, not decided), best first.

    Each entity is compared as one record with all its names, so the work
    grows with the entities, not with every node.
    """
    from orbat.resolve import NameRecord, review_pairs

    known = store.entity_names()
    records = [NameRecord(*entity) for entity in known]
    human = store.judgements(source="human")
    entity_of = store.entity_of_nodes(x for j in human for x in (j.left, j.right))
    decided = {frozenset((entity_of.get(j.left), entity_of.get(j.right))) for j in human}
    names = {e: names[0] for e, _t, names in known}
    out: list[MatchCandidate] = []
    for a, b, match in review_pairs(records):
        if frozenset((a, b)) in decided:
            continue
        why = ", ".join(f"{k}={v:.2f}" for k, v in sorted(match.features.items()) if v) or match.rule
        out.append(MatchCandidate(a, b, names[a], names[b], match.score, f"{match.rule}: {why}"))
        if len(out) == limit:
            break
    return out
