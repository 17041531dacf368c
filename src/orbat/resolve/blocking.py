"""Candidate generation: which pairs of records are worth scoring.

An inverted index over name keys (``names.name_keys``), within one entity
type. Work grows near-linearly with the number of records:

* a key shared by more than ``max_key_size`` records is a stop key and is
  skipped, except the exact-name and glossary keys, whose records are
  chained (each linked to the next, in document order) instead of paired
  all-against-all;
* each record keeps at most ``max_candidates`` partners, ranked by the
  rarity-weighted sum of all the keys they share (a key's kind weight over
  the log of its size, like an IDF), stop keys included: a stop key finds
  no candidates but still tells the candidates found otherwise apart. Keys
  finer than the skeleton (``v:``, the spelling with its vowels) rank the
  members of one large skeleton block, so the cap keeps the likely
  spellings of a name rather than an arbitrary draw of the block;
* a record visits its keys rarest first and stops finding candidates once
  it has visited ``budget`` records (keys it no longer searches still rank
  what it found), so a record's work is bounded however large the blocks
  grow, and blocking grows linearly with the number of records.

The index is two flat arrays (numpy) rather than a list per key, and a
record's candidates are scored with array operations: at a million names
there are millions of keys, and a Python object per key and per visit is
what the time and memory went on.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from typing import Any, TypeVar

import numpy as np

from orbat.resolve.analysis import GROUP_TYPES, Lexicon
from orbat.resolve.names import name_keys
from orbat.resolve.scoring import NameRecord

# How much a shared key of each kind says (see names.name_keys).
KEY_WEIGHTS = {
    "n": 4.0, "g": 4.0, "c": 3.0, "k": 2.0, "a": 1.5, "i": 1.5, "t": 1.0,
    "y": 0.5, "Y": 0.5, "u": 1.0, "h": 0.5, "H": 0.5, "v": 1.0,
}  # fmt: skip
# Keys that pair a record only with records holding the partner kind of the
# same value: a bare acronym with the initials of full names, a generic name
# with specific ones. Other kinds pair records that share the key itself.
PARTNER_KINDS = {
    "a": ("i",),
    "i": ("a",),
    "Y": ("Y", "y"),
    "y": ("Y",),
    "H": ("H", "h"),
    "h": ("H",),
}
_CHAINED = frozenset({"n", "g"})
T = TypeVar("T")
R = TypeVar("R")


def record_keys(record: NameRecord, lexicon: Lexicon | None = None) -> set[str]:
    """Every blocking key of a record's names, prefixed with its type.

    Armed groups and organisations share one prefix (``group``): the scorer
    joins them on strong name evidence. Head-word keys (``h:``) are scoped
    to the record's document: they only serve attachments inside one text.
    """
    out: set[str] = set()
    prefix = "group" if record.type in GROUP_TYPES else record.type
    for name in record.names:
        if not name or not name.strip():
            continue
        for k in name_keys(name, record.type, lexicon):
            if k[:2] in ("h:", "H:"):
                if record.document is not None:
                    out.add(f"{prefix}|{k[:2]}{record.document}\x1f{k[2:]}")
            else:
                out.add(f"{prefix}|{k}")
    return out


def _kind(key: str) -> str:
    return key.split("|", 1)[1][:1]


def _partners(key: str) -> tuple[str, ...]:
    """The keys a record holding ``key`` is paired through (itself, or its partner kinds)."""
    type_, rest = key.split("|", 1)
    others = PARTNER_KINDS.get(rest[:1])
    return (key,) if others is None else tuple(f"{type_}|{o}{rest[1:]}" for o in others)


_MASK = np.uint64(0xFFFFFFFF)


def _scramble(i: int, js: np.ndarray) -> np.ndarray:
    """A fixed, symmetric scramble of the pairs ``(i, j)``: breaks ties at the cut."""
    a = np.minimum(js, i).astype(np.uint64)
    b = np.maximum(js, i).astype(np.uint64)
    return ((a * np.uint64(2654435761)) ^ (b * np.uint64(2246822519)) ^ (a * b)) & _MASK


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a bulk step that builds millions of objects and no cycles.

    Each collection walks every container alive, so over a large batch the
    collector's passes grow with the heap and take a third of the time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def candidate_pairs(
    records: Sequence[NameRecord],
    max_key_size: int = 500,
    max_candidates: int = 50,
    *,
    lexicon: Lexicon | None = None,
    budget: int = 2000,
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of indices into ``records`` worth scoring; each pair once, in order.

    Each record's candidates are the records it shares a key with (through
    keys of at most ``max_key_size`` records, visited rarest first until
    ``budget`` records were visited), scored by the sum of the weights of all
    the keys they share: each key's kind weight over the log of its size, so
    that rare keys count most. Keys not searched (stop keys, keys past the
    budget) find no candidates but still count in that sum: two records
    sharing a common given name as well as a family name rank above records
    sharing the family name alone. Every record keeps its ``max_candidates``
    best; ties at the cut are broken by a fixed scramble of the pair, not by
    position, so that a large block does not make every record pick the same
    few (the scramble is symmetric, so two tied records tend to pick each
    other, which keeps the number of distinct pairs down).
    """
    pairs = pair_codes(records, max_key_size, max_candidates, lexicon=lexicon, budget=budget)
    n = max(len(records), 1)
    for code in pairs.tolist():
        yield divmod(code, n)


def pair_codes(
    records: Sequence[NameRecord],
    max_key_size: int = 500,
    max_candidates: int = 50,
    *,
    lexicon: Lexicon | None = None,
    budget: int = 2000,
    workers: int = 1,
    first: int = 0,
) -> np.ndarray:
    """``candidate_pairs`` as one sorted array of codes ``i * len(records) + j`` (int64).

    ``workers`` > 1 chooses the candidates of slices of the records in that
    many forked processes (where the platform forks); the result is the same.
    With ``first`` > 0, only the records from ``first`` on look for
    candidates, and a pair of two records before ``first`` is never one
    (incremental resolution: those are entities already resolved).
    """
    with paused_gc():
        index = BlockingIndex(records, max_key_size, lexicon)
        n = len(records)
        slices = [range(lo, min(lo + _SLICE, n)) for lo in range(first, n, _SLICE)]
        parts = list(forked_map(_choose_slice, slices, workers, (index, max_candidates, budget)))
        if not parts:
            return index.pairs(np.zeros(0, np.int32), np.zeros(1, np.int64), first)
        chosen = np.concatenate([c for c, _ in parts])
        counts = np.concatenate([np.diff(s) for _, s in parts])
        return index.pairs(chosen, np.concatenate([np.zeros(1, np.int64), np.cumsum(counts)]), first)


_SLICE = 20_000  # records whose candidates one task chooses


def _choose_slice(rows: range) -> tuple[np.ndarray, np.ndarray]:
    index, max_candidates, budget = forked()
    return index.choose(rows, max_candidates, budget)


# What forked workers read (``forked_map``): set before the fork, inherited, never sent.
_FORKED: Any = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(fn: Callable[[T], R], items: Sequence[T], workers: int, shared: Any) -> Iterator[R]:
    """``fn`` of each of ``items``, in order, computed in ``workers`` forked processes that read
    ``shared`` through ``forked()`` (inherited at the fork, never pickled); in this process with one
    worker or one item, or where the platform does not fork.

    A forked process starts by freezing what it inherited out of the cyclic collector
    (``gc.freeze``): a collection would otherwise walk every inherited container, millions of
    records' tuples, and by writing to their headers copy the pages the fork had shared."""
    global _FORKED
    _FORKED = shared
    try:
        if workers > 1 and len(items) > 1 and can_fork():
            with multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze) as pool:
                yield from pool.imap(fn, items)
        else:
            yield from map(fn, items)
    finally:
        _FORKED = None


def run_forked(fn: Callable[[], R], shared: Any) -> R:
    """``fn()`` in one forked process that reads ``shared`` through ``forked()``: whatever it
    allocates is given back when it ends (here, where the platform does not fork). Its result and
    its exception come back pickled. The process is not a daemon, so ``fn`` may fork in turn."""
    global _FORKED
    _FORKED = shared
    try:
        if not can_fork():
            return fn()
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_run_and_send, args=(fn, send))
        child.start()
        send.close()
        try:
            ok, value = receive.recv()
        except EOFError:
            child.join()
            raise RuntimeError(
                f"the forked process ended without a result (exit code {child.exitcode})"
            ) from None
        finally:
            receive.close()
        child.join()
        if not ok:
            raise value
        return value
    finally:
        _FORKED = None


def _run_and_send(fn: Callable[[], Any], send: Any) -> None:
    gc.freeze()  # see forked_map
    try:
        out = (True, fn())
    except BaseException as exc:  # sent to the parent, which raises it
        out = (False, exc)
    send.send(out)
    send.close()


def forked() -> Any:
    """What the ``forked_map`` or ``run_forked`` in progress shares with its processes."""
    assert _FORKED is not None, "forked() outside forked_map and run_forked"
    return _FORKED


class EntityKeys:
    """The blocking keys of stored entities, without their records: which of them a batch of new
    records could be paired with (incremental resolution).

    Two flat arrays (a hash of each key, the entity holding it), sorted by hash, plus the
    entities' ids. A record's candidates are the entities of its keys (and their partner keys)
    held by at most ``max_key_size`` entities, visited rarest first until ``budget`` entities
    were seen, as ``BlockingIndex.choose`` visits them. Updated entities get their keys again;
    the old ones are dropped at the next compaction.
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self._hashes = np.zeros(0, np.int64)
        self._owners = np.zeros(0, np.int32)
        self._new_hashes = array("q")
        self._new_owners = array("i")
        self._dead = 0

    def __len__(self) -> int:
        return len(self.pos)

    def update(self, entities: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        """Add entities (id, type, names), or replace the keys of those held already."""
        for eid, type_, names in entities:
            if eid in self.pos:
                self._dead += 1
            slot = self.pos[eid] = len(self.ids)
            self.ids.append(eid)
            for key in record_keys(NameRecord(eid, type_, tuple(names)), self.lexicon):
                self._new_hashes.append(hash(key))
                self._new_owners.append(slot)

    def remove(self, ids: Iterable[str]) -> None:
        for eid in ids:
            if self.pos.pop(eid, None) is not None:
                self._dead += 1

    def _compact(self) -> None:
        if self._new_hashes:
            hashes = np.concatenate([self._hashes, np.frombuffer(self._new_hashes, np.int64)])
            owners = np.concatenate([self._owners, np.frombuffer(self._new_owners, np.int32)])
            self._new_hashes, self._new_owners = array("q"), array("i")
            order = np.argsort(hashes, kind="stable")
            self._hashes, self._owners = hashes[order], owners[order]
        if self._dead > len(self.pos):  # more replaced or removed slots than live ones: drop them
            live = np.zeros(len(self.ids), bool)
            live[list(self.pos.values())] = True
            keep = live[self._owners]
            self._hashes, self._owners = self._hashes[keep], self._owners[keep]
            self._dead = 0

    def candidates(
        self, records: Sequence[NameRecord], max_key_size: int = 500, budget: int = 2000
    ) -> list[str]:
        """Ids of the entities any of ``records`` could be paired with, sorted."""
        self._compact()
        per_record = [
            {hash(t) for k in record_keys(rec, self.lexicon) for t in _partners(k)} for rec in records
        ]
        wanted = set().union(*per_record)
        keys = np.fromiter(wanted, np.int64, len(wanted))
        lo = np.searchsorted(self._hashes, keys, "left")
        hi = np.searchsorted(self._hashes, keys, "right")
        size = dict(zip(keys.tolist(), (hi - lo).tolist(), strict=True))
        start = dict(zip(keys.tolist(), lo.tolist(), strict=True))
        visit: set[int] = set()
        for own in per_record:
            left = budget
            for h in sorted(own, key=size.__getitem__):
                s = size[h]
                if s == 0 or s > max_key_size:
                    continue
                if left <= 0:
                    break
                visit.add(h)
                left -= s
        slots: set[int] = set()
        for h in visit:
            slots.update(self._owners[start[h] : start[h] + size[h]].tolist())
        ids, pos = self.ids, self.pos
        return sorted(ids[s] for s in slots if pos.get(ids[s]) == s)


class BlockingIndex:
    """Every record's keys and every key's records, as flat arrays.

    ``rec_keys[rec_ptr[i]:rec_ptr[i + 1]]`` are record ``i``'s key ids;
    ``members[key_ptr[k]:key_ptr[k + 1]]`` key ``k``'s records, in order.
    """

    def __init__(self, records: Sequence[NameRecord], max_key_size: int, lexicon: Lexicon | None) -> None:
        self.n = len(records)
        self.max_key_size = max_key_size
        ids: dict[str, int] = {}
        rec_keys = array("i")
        rec_ptr = array("q", [0])
        for rec in records:
            for k in sorted(record_keys(rec, lexicon)):
                kid = ids.get(k)
                if kid is None:
                    kid = ids[k] = len(ids)
                rec_keys.append(kid)
            rec_ptr.append(len(rec_keys))
        self.rec_keys = np.frombuffer(rec_keys, dtype=np.int32) if rec_keys else np.zeros(0, np.int32)
        self.rec_ptr = np.frombuffer(rec_ptr, dtype=np.int64)
        owner = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.rec_ptr))
        order = np.argsort(self.rec_keys, kind="stable")
        self.members = owner[order]
        sizes = np.bincount(self.rec_keys, minlength=len(ids)).astype(np.int64)
        self.key_ptr = np.concatenate([np.zeros(1, np.int64), np.cumsum(sizes)])
        self.size: list[int] = sizes.tolist()
        weight = np.zeros(len(ids), dtype=np.float64)
        # the keys a key pairs its records through, where not itself (partner kinds)
        self.targets: dict[int, tuple[int, ...]] = {}
        self.chained: list[tuple[int, int]] = []
        for k, kid in ids.items():
            size = self.size[kid]
            kind = _kind(k)
            weight[kid] = KEY_WEIGHTS.get(kind, 1.0) / math.log2(1 + size)
            if kind in PARTNER_KINDS:
                self.targets[kid] = tuple(ids[p] for p in _partners(k) if p in ids)
            if size > max_key_size and kind in _CHAINED:
                block = self.block(kid).tolist()
                order_ = sorted(block, key=lambda i: (records[i].document or "", records[i].id))
                self.chained.extend((min(x, y), max(x, y)) for x, y in pairwise(order_))
        del ids
        self.weight = weight
        self.weights: list[float] = weight.tolist()

    def block(self, kid: int) -> np.ndarray:
        return self.members[self.key_ptr[kid] : self.key_ptr[kid + 1]]

    def keys(self, i: int) -> list[int]:
        return self.rec_keys[self.rec_ptr[i] : self.rec_ptr[i + 1]].tolist()

    def choose(self, rows: range, max_candidates: int, budget: int) -> tuple[np.ndarray, np.ndarray]:
        """The chosen candidates of the records ``rows``, flat: ``chosen[start[k]:start[k + 1]]`` for the k-th."""
        size, targets, limit = self.size, self.targets, self.max_key_size
        out: list[np.ndarray] = []
        counts = array("q")
        empty = np.zeros(0, np.int32)
        for i in rows:
            visit: list[int] = []
            stop: list[int] = []
            left = budget
            for kid in sorted(self.keys(i), key=size.__getitem__):
                own = size[kid] > limit
                for t in targets.get(kid, (kid,)):
                    s = size[t]
                    if s <= 1 and t == kid:
                        continue  # the record's own key: no one else has it
                    if own or s > limit or left <= 0:
                        stop.append(t)
                    else:
                        visit.append(t)
                        left -= s - 1
            got = self._best(i, visit, stop, max_candidates) if visit else empty
            out.append(got)
            counts.append(len(got))
        sizes = np.frombuffer(counts, np.int64) if counts else np.zeros(0, np.int64)
        start = np.concatenate([np.zeros(1, np.int64), np.cumsum(sizes)])
        chosen = np.concatenate(out) if out else empty
        return chosen, start

    def _best(self, i: int, visit: list[int], stop: list[int], max_candidates: int) -> np.ndarray:
        if len(visit) == 1:
            t = visit[0]
            cand = self.block(t)
            cand = cand[cand != i]
            if len(cand) <= max_candidates:
                return cand
            uniq = cand
            score = np.full(len(cand), self.weights[t])
        else:
            blocks = [self.block(t) for t in visit]
            cand = np.concatenate(blocks)
            w = np.repeat(self.weight[visit], [len(b) for b in blocks])
            uniq, inverse = np.unique(cand, return_inverse=True)
            score = np.bincount(inverse, weights=w)
            mine = uniq != i
            uniq, score = uniq[mine], score[mine]
            if len(uniq) <= max_candidates:
                return uniq
        for t in stop:
            block = self.block(t)
            pos = np.searchsorted(block, uniq)
            pos[pos == len(block)] = 0
            score = score + (block[pos] == uniq) * self.weights[t]
        # best score first; ties broken by the larger scramble
        order = np.lexsort((-_scramble(i, uniq).astype(np.int64), -score))[:max_candidates]
        return np.sort(uniq[order])

    def pairs(self, chosen: np.ndarray, start: np.ndarray, first: int = 0) -> np.ndarray:
        """Every chosen and chained pair once, as sorted codes ``i * n + j`` with ``i < j``.

        ``chosen``/``start`` are the candidates of the records from ``first`` on; chained pairs
        of two records before ``first`` are left out.
        """
        n = self.n
        rows = np.repeat(np.arange(first, n, dtype=np.int64), np.diff(start))
        cols = chosen.astype(np.int64)
        codes = np.minimum(rows, cols) * n + np.maximum(rows, cols)
        if self.chained:
            chain = np.array(self.chained, dtype=np.int64)
            chain = chain[chain[:, 1] >= first]
            codes = np.concatenate([codes, chain[:, 0] * n + chain[:, 1]])
        # sorted, then each code once (np.unique hashes first: slower on millions of int64)
        codes.sort()
        if len(codes) > 1:
            codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
        return codes
