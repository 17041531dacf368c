"""Candidate generation: which pairs of records are worth scoring.

An inverted index over name keys (``names.name_keys``), within one entity
type. Work grows near-linearly with the number of records:

* a key shared by more than ``max_key_size`` records is a stop key and is
  skipped, except the exact-name and glossary keys, whose records are
  chained (each linked to the next, in document order) instead of paired
  all-against-all;
* each record keeps at most ``max_candidates`` partners, ranked by the keys
  they share (rarer and stronger keys weigh more).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import pairwise

from orbat.resolve.analysis import GROUP_TYPES, Lexicon
from orbat.resolve.names import name_keys
from orbat.resolve.scoring import NameRecord

# How much a shared key of each kind says (see names.name_keys).
KEY_WEIGHTS = {
    "n": 4.0, "g": 4.0, "c": 3.0, "k": 2.0, "a": 1.5, "i": 1.5, "t": 1.0,
    "y": 0.5, "Y": 0.5, "u": 1.0, "h": 0.5, "H": 0.5,
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


def candidate_pairs(
    records: Sequence[NameRecord],
    max_key_size: int = 500,
    max_candidates: int = 50,
    *,
    lexicon: Lexicon | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of indices into ``records`` worth scoring; each pair once."""
    index: dict[str, list[int]] = defaultdict(list)
    keys_of: list[list[str]] = []
    for i, rec in enumerate(records):
        ks = sorted(record_keys(rec, lexicon))
        keys_of.append(ks)
        for k in ks:
            index[k].append(i)

    weight: dict[str, float] = {}
    chained: set[tuple[int, int]] = set()
    for k, members in index.items():
        n = len(members)
        if n < 2 and _partners(k) == (k,):
            continue
        if n > max_key_size:
            if _kind(k) in _CHAINED:
                order = sorted(members, key=lambda i: (records[i].document or "", records[i].id))
                chained.update((min(x, y), max(x, y)) for x, y in pairwise(order))
            continue
        weight[k] = KEY_WEIGHTS.get(_kind(k), 1.0) / math.log2(1 + n)

    selected: list[set[int]] = []
    for i, ks in enumerate(keys_of):
        scores: dict[int, float] = defaultdict(float)
        for k in ks:
            if k not in weight:
                continue
            for target in _partners(k):
                w = weight.get(target)
                if w is None:
                    continue
                for j in index[target]:
                    if j != i:
                        scores[j] += w
        if len(scores) > max_candidates:
            # ties are broken by a fixed scramble of the pair, not by position,
            # so that a large block does not make every record pick the same few
            top = heapq.nlargest(max_candidates, scores.items(), key=lambda kv: (kv[1], _scramble(i, kv[0])))
            selected.append({j for j, _ in top})
        else:
            selected.append(set(scores))

    for i, chosen in enumerate(selected):
        for j in sorted(chosen):
            if i < j or i not in selected[j]:
                pair = (min(i, j), max(i, j))
                chained.discard(pair)
                yield pair
    yield from sorted(chained)
