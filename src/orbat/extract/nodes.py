"""Grouping mentions into in-document nodes.

A node is one thing as one document names it. Mentions group by their name
key (:func:`orbat.extract.names.name_key`); alias links ("X (Y)", acronyms,
"also known as") join keys; an unambiguous short form joins its full form
("Khalid" -> "Khalid al-Hassan", "Hilal" -> "Hilal Hilal"); a group name
without its generic head ("the National Defense" for "National Defense
Forces") is found in the text and joined. Node ids are deterministic:
``node_id(document, type, key)``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from orbat.extract.lexicon import ENGLISH_UNIT_WORDS
from orbat.extract.names import name_key
from orbat.extract.spans import AliasLink, Found
from orbat.model import Node, node_id

NODES_VERSION = "nodes.v1"


def flatten(found: Iterable[Found]) -> list[Found]:
    """Every mention, the parts of branch names included."""
    out: list[Found] = []
    stack = list(found)
    while stack:
        f = stack.pop()
        out.append(f)
        stack.extend(f.parts)
    out.sort(key=lambda f: (f.start, -f.end))
    return out


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # deterministic: the smaller key becomes the root
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def short_forms(text: str, found: list[Found]) -> list[Found]:
    """Mentions of a group by its name without the generic head ("the National Defense")."""
    occupied = sorted((f.start, f.end) for f in found)
    cores: dict[str, Found] = {}
    for f in found:
        if f.type != "armed_group" or f.kind in {"acronym", "generic"}:
            continue
        words = f.name.split()
        if (
            len(words) >= 3
            and words[-1].casefold() in ENGLISH_UNIT_WORDS
            and all(w[:1].isupper() for w in words[:-1])
        ):
            cores.setdefault(" ".join(words[:-1]), f)
    if not cores:
        return []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(c) for c in sorted(cores, key=len, reverse=True)) + r")\b(?!\s+[A-Z])"
    )
    out: list[Found] = []
    for m in pattern.finditer(text):
        i = bisect.bisect_right(occupied, (m.start(), 10**12)) - 1
        if any(s < m.end() and m.start() < e for s, e in occupied[max(0, i - 1) : i + 2]):
            continue
        main = cores[m.group(1)]
        out.append(
            Found(
                m.start(),
                m.end(),
                main.type,
                m.group(1),
                "short_form",
                main.priority - 5,
                kind="short",
                unit=main.unit,
            )
        )
    return out


def build_nodes(document: str, found: list[Found], aliases: list[AliasLink]) -> list[Node]:
    """Nodes for every mention (setting ``f.key`` and ``f.node``), in order of first mention."""
    allf = flatten(found)
    uf = _UnionFind()
    for f in allf:
        f.key = name_key(f.name)
        if not f.key:
            f.key = f.name.casefold().strip() or f"@{f.start}"
        uf.find(f.key)
    for link in aliases:
        if link.main.key and link.alias.key:
            uf.union(link.main.key, link.alias.key)
    # short person names: "Khalid" -> the one full name that starts or ends with it
    persons = {f.key for f in allf if f.type == "person"}
    multi = [k for k in persons if " " in k]
    for k in persons:
        if " " in k:
            continue
        hits = {m for m in multi if m.split()[0] == k or m.split()[-1] == k}
        roots = {uf.find(h) for h in hits}
        if len(roots) == 1:
            uf.union(k, next(iter(hits)))
    groups: dict[str, list[Found]] = defaultdict(list)
    for f in allf:
        groups[uf.find(f.key)].append(f)
    nodes: list[Node] = []
    order = sorted(groups.items(), key=lambda kv: min(f.start for f in kv[1]))
    for _root, members in order:
        weight: Counter[str] = Counter()
        for f in members:
            weight[f.type] += f.priority
        type_ = max(sorted(weight), key=lambda t: weight[t])
        named = [f for f in members if f.kind not in {"acronym", "alias", "short", "generic"}] or members
        best = max(named, key=lambda f: (f.priority >= 60, len(f.name) if type_ == "person" else 0, -f.start))
        if type_ != "person":
            best = min(
                (f for f in named if f.priority == max(g.priority for g in named)),
                key=lambda f: f.start,
            )
        names: list[str] = []
        for f in sorted(members, key=lambda f: f.start):
            for n in (f.name, *f.names):
                n = n.strip()
                if n and n not in names:
                    names.append(n)
        nid = node_id(document, type_, name_key(best.name) or best.key)
        for f in members:
            f.node = nid
        nodes.append(Node(id=nid, type=type_, name=best.name, names=tuple(names), document=document))
    return nodes
