"""Clustering judgements into entities: union-find with cannot-links.

Order of work:

1. For each pair, a human judgement replaces any automatic one.
2. Human "same" judgements are applied first; they are blocked only by
   human "different" judgements between the two clusters.
3. Automatic "same" judgements are applied by descending score; they are
   blocked by any "different" judgement (human or automatic) between any
   member of one cluster and any member of the other.

The cluster id is the member that sorts first by ``prefer`` (lower first;
ids not in ``prefer`` after those in it) and then by id, so an existing
canonical id stays the cluster id when new members join it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Judgement:
    left: str
    right: str
    verdict: Literal["same", "different"]
    source: Literal["auto", "human"]
    score: float | None = None
    rule: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right) if self.left <= self.right else (self.right, self.left)


class _Clusters:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.cannot_human: dict[str, set[str]] = {}
        self.cannot_any: dict[str, set[str]] = {}
        for i in ids:
            self.add(i)

    def add(self, i: str) -> None:
        if i not in self.parent:
            self.parent[i] = i
            self.members[i] = [i]
            self.cannot_human[i] = set()
            self.cannot_any[i] = set()

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, a: str, b: str, human: bool) -> None:
        ra, rb = self.find(a), self.find(b)
        self.cannot_any[ra].add(b)
        self.cannot_any[rb].add(a)
        if human:
            self.cannot_human[ra].add(b)
            self.cannot_human[rb].add(a)

    def union(self, a: str, b: str, human: bool) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        cannot = self.cannot_human if human else self.cannot_any
        small, big = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        if any(m in cannot[big] for m in self.members[small]) or any(
            m in cannot[small] for m in self.members[big]
        ):
            return False
        self.parent[small] = big
        self.members[big].extend(self.members.pop(small))
        self.cannot_any[big] |= self.cannot_any.pop(small)
        self.cannot_human[big] |= self.cannot_human.pop(small)
        return True


def cluster(
    ids: Iterable[str],
    judgements: Iterable[Judgement],
    prefer: Mapping[str, int] | None = None,
    key: Callable[[str], Any] | None = None,
) -> dict[str, str]:
    """Map every id (and every id named in a judgement) to its cluster id.

    ``prefer`` ranks ids for the choice of cluster id (lower first);
    ``key`` replaces that ranking with any sort key of the id.
    """
    final: dict[tuple[str, str], Judgement] = {}
    for j in judgements:
        if j.left == j.right:
            continue
        current = final.get(j.pair)
        if current is not None and current.source == "human" and j.source == "auto":
            continue
        final[j.pair] = j

    uf = _Clusters(ids)
    for j in final.values():
        uf.add(j.left)
        uf.add(j.right)
    for j in final.values():
        if j.verdict == "different":
            uf.forbid(j.left, j.right, human=j.source == "human")
    for j in sorted(
        (j for j in final.values() if j.verdict == "same" and j.source == "human"), key=lambda j: j.pair
    ):
        uf.union(j.left, j.right, human=True)
    autos = [j for j in final.values() if j.verdict == "same" and j.source == "auto"]
    autos.sort(key=lambda j: (-(j.score if j.score is not None else 0.0), j.pair))
    for j in autos:
        uf.union(j.left, j.right, human=False)

    def rank(i: str) -> tuple[Any, ...]:
        if key is not None:
            return (key(i), i)
        if prefer is not None and i in prefer:
            return (0, prefer[i], i)
        return (1, 0, i)

    out: dict[str, str] = {}
    for members in uf.members.values():
        head = min(members, key=rank)
        for m in members:
            out[m] = head
    return out
