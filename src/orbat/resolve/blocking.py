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
  spellings of a name rather than an arbitrary draw of the block.
"""

from __future__ import annotations

import gc
import heapq
import math
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise

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


def _scramble(i: int, j: int) -> int:
    a, b = (i, j) if i < j else (j, i)
    return ((a * 2654435761) ^ (b * 2246822519) ^ (a * b)) & 0xFFFFFFFF


def _top(i: int, scores: dict[int, float], limit: int) -> list[int]:
    """The ``limit`` best-scored candidates of record ``i``.

    Ties at the cut are broken by a fixed scramble of the pair, not by
    position, so that a large block does not make every record pick the
    same few; the scramble is symmetric, so two tied records tend to pick
    each other, which keeps the number of distinct pairs down.
    """
    cut = heapq.nlargest(limit, scores.values())[-1]
    above = [j for j, s in scores.items() if s > cut]
    tied = [j for j, s in scores.items() if s == cut]
    need = limit - len(above)
    if len(tied) > need:
        tied = heapq.nlargest(need, tied, key=lambda j: _scramble(i, j))
    return above + tied


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
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of indices into ``records`` worth scoring; each pair once.

    Each record's candidates are the records it shares a key with (through
    keys of at most ``max_key_size`` records), scored by the sum of the
    weights of all the keys they share: each key's kind weight over the log
    of its size, so that rare keys count most. Stop keys find no candidates
    but still count in that sum: two records sharing a common given name as
    well as a family name rank above records sharing the family name alone.
    Every record keeps its ``max_candidates`` best.
    """
    with paused_gc():
        chosen, start, chained = _choose(records, max_key_size, max_candidates, lexicon)
    for i in range(len(start) - 1):
        mine = chosen[start[i] : start[i + 1]]
        for j in mine:
            if i < j or i not in chosen[start[j] : start[j + 1]]:
                pair = (min(i, j), max(i, j))
                chained.discard(pair)
                yield pair
    yield from sorted(chained)


def _choose(
    records: Sequence[NameRecord], max_key_size: int, max_candidates: int, lexicon: Lexicon | None
) -> tuple[array[int], array[int], set[tuple[int, int]]]:
    """Each record's chosen candidates, flat (``chosen[start[i]:start[i + 1]]``), and the chained pairs."""
    ids: dict[str, int] = {}
    members: list[list[int]] = []
    keys_of: list[tuple[int, ...]] = []
    for i, rec in enumerate(records):
        row = []
        for k in sorted(record_keys(rec, lexicon)):
            kid = ids.get(k)
            if kid is None:
                kid = ids[k] = len(members)
                members.append([])
            members[kid].append(i)
            row.append(kid)
        keys_of.append(tuple(row))

    n_keys = len(members)
    weight = [0.0] * n_keys
    # the keys a key pairs its records through (itself or its partner kinds)
    targets: list[tuple[int, ...]] = [()] * n_keys
    chained: set[tuple[int, int]] = set()
    for k, kid in ids.items():
        block = members[kid]
        weight[kid] = KEY_WEIGHTS.get(_kind(k), 1.0) / math.log2(1 + len(block))
        partners = _partners(k)
        targets[kid] = tuple(ids[p] for p in partners if p in ids)
        if len(block) > max_key_size and _kind(k) in _CHAINED:
            order = sorted(block, key=lambda i: (records[i].document or "", records[i].id))
            chained.update((min(x, y), max(x, y)) for x, y in pairwise(order))
    del ids

    chosen = array("i")
    start = array("q", [0])
    for i, kids in enumerate(keys_of):
        scores: dict[int, float] = {}
        stop: list[int] = []
        for kid in kids:
            own = len(members[kid]) > max_key_size
            for t in targets[kid]:
                block = members[t]
                if own or len(block) > max_key_size:
                    stop.append(t)
                    continue
                w = weight[t]
                for j in block:
                    scores[j] = scores.get(j, 0.0) + w
        scores.pop(i, None)
        if len(scores) > max_candidates:
            if stop:
                for j in scores:
                    other = keys_of[j]
                    for t in stop:
                        if t in other:
                            scores[j] += weight[t]
            chosen.extend(sorted(_top(i, scores, max_candidates)))
        else:
            chosen.extend(sorted(scores))
        start.append(len(chosen))
    del members
    return chosen, start, chained
