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
from collections.abc import Callable, Iterable

from orbat.extract.lexicon import BRANCH_WORDS, ENGLISH_UNIT_WORDS, ORG_WORDS
from orbat.extract.names import name_key, one_person
from orbat.extract.spans import AliasLink, Found
from orbat.model import Node, node_id

NODES_VERSION = "nodes.v3"


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


#: Head words a text may put after a group's core name instead of its unit word
#: ("the National Defense Institution" for the "National Defense Forces"). Not "Organization": that is
#: the head of many bodies' own names, distinct from an armed group sharing the core ("Palestine
#: Liberation Organization" beside the "Palestine Liberation Army").
INSTITUTION_HEADS = frozenset(["institution", "establishment", "foundation", "apparatus", "network"])
#: Types a group's short name may have been given by a less trusted recogniser.
_RETYPABLE = frozenset({"organization", "armed_group", "person", "place", "event"})


def _group_cores(found: list[Found]) -> dict[str, Found]:
    """Group names without their generic head ("National Defense" -> "National Defense Forces").

    A core that two different groups of the document share ("National
    Defense Forces" and a "National Defense Brigade") is left out.
    """
    cores: dict[str, Found] = {}
    ambiguous: set[str] = set()
    for f in found:
        if f.type != "armed_group" or f.kind in {"acronym", "generic", "short", "branch"}:
            continue
        words = f.name.split()
        if (
            len(words) >= 3
            and words[-1].casefold() in ENGLISH_UNIT_WORDS
            and all(w[:1].isupper() for w in words[:-1])
        ):
            core = " ".join(words[:-1])
            old = cores.get(core)
            if old is not None and name_key(old.name) != name_key(f.name):
                ambiguous.add(core)
            cores.setdefault(core, f)
    return {k: v for k, v in cores.items() if k not in ambiguous}


def _known_apart(name: str, group: str) -> bool:
    """Whether the gazetteer knows ``name`` as an entity other than the one ``group`` names."""
    from orbat.gazetteer import lookup_entity

    mine = {e.id for e in lookup_entity(group)}
    return any(e.id not in mine for e in lookup_entity(name))


def short_forms(text: str, found: list[Found]) -> list[Found]:
    """Mentions of a group by its name without the generic head ("the National Defense").

    Mentions already found under such a name, or under the core name with an
    institution word ("the National Defense Institution"), whatever type a
    less trusted recogniser gave them, become mentions of the group; they and
    the new ones carry ``extra["joins"]``, the group's name, so that
    ``build_nodes`` puts them in the group's node.
    """
    cores = _group_cores(found)
    if not cores:
        return []
    by_key = {name_key(c): main for c, main in cores.items()}
    for f in found:
        if f.kind in {"branch", "acronym", "generic"} or f.parts or f.type not in _RETYPABLE:
            continue
        if f.source == "gazetteer" and f.type != "organization":
            continue
        words = f.name.split()
        main = by_key.get(name_key(f.name))
        if main is None and len(words) >= 3 and words[-1].casefold() in INSTITUTION_HEADS:
            main = by_key.get(name_key(" ".join(words[:-1])))
            if main is not None and _known_apart(f.name, main.name):
                main = None  # a well-known body of its own that shares the core
        if main is None and f.type == "organization" and f.source.startswith("ner."):
            # "Lionesses of National Defense": a unit named after the group, not an organisation
            low = f" {name_key(f.name)} "
            if any(f" {k} " in low for k in by_key) and not any(w.casefold() in ORG_WORDS for w in words):
                f.type = "armed_group"
            continue
        if main is None or main is f:
            continue
        f.type, f.kind, f.unit = main.type, "short", main.unit
        f.extra["joins"] = main.name
    occupied = sorted((f.start, f.end) for f in found)
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
                extra={"joins": main.name},
            )
        )
    return out


def centre_joins(found: list[Found], group_at: Callable[[int], Found | None]) -> int:
    """ "The Latakia Center" (a place and a branch word, no network named): the branch in
    that place of the network the passage is about, when the document names that branch
    ("Latakia Baath Battalions").

    ``group_at(pos)`` is the salient armed group at a position (see
    :class:`orbat.extract.coref.Salience`); mentions must carry their nodes
    (``build_nodes`` ran). Sets ``extra["joins"]``; returns how many it set.
    """
    branches = [f for f in flatten(found) if f.kind == "branch" and len(f.parts) == 2 and f.node]
    if not branches:
        return 0
    joined = 0
    for f in found:
        words = f.name.split()
        if (
            f.source != "pattern.center"
            or f.kind
            or "joins" in f.extra
            or len(words) < 2
            or words[-1].casefold() not in BRANCH_WORDS
        ):
            continue
        place = name_key(" ".join(words[:-1]))
        here = [b for b in branches if name_key(b.parts[0].name) == place]
        if not here:
            continue
        net = group_at(f.start)
        if net is None or net.node == f.node:
            continue
        if net.kind == "branch" and len(net.parts) == 2:
            net = net.parts[1]
        targets = {b.node: b for b in here if b.parts[1].node == net.node and b.node != f.node}
        if len(targets) == 1:
            f.extra["joins"] = next(iter(targets.values())).name
            joined += 1
    return joined


#: Generic names of a government ("the regime", "the government").
_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:regime|government|authorities|state)$", re.IGNORECASE)


def government_joins(
    found: list[Found],
    sentences: list[tuple[int, int]],
    state_of: Callable[[Found], str | None],
    window: int = 1500,
) -> int:
    """ "The government", "the regime": the document's own state, when that is clear.

    The document's state is the one it names most often (strictly more than
    any other, and at least twice; ``state_of`` gives a mention's state id,
    or None). A generic mention joins it when that state is at least twice
    as frequent as any other, or when it is the last state named in the
    ``window`` characters before the mention. A sentence that names another
    state and not the document's is left alone. Sets ``extra["joins"]`` to
    the state's first proper name; returns how many it set.
    """
    counts: Counter[str] = Counter()
    first: dict[str, Found] = {}
    named: list[tuple[int, str]] = []
    for f in found:
        if f.type != "state" or (f.kind == "generic" and _GOVERNMENT.match(f.name)):
            continue
        sid = state_of(f)
        if sid is None:
            continue
        counts[sid] += 1
        named.append((f.start, sid))
        if sid not in first or (first[sid].kind == "generic" and f.kind != "generic"):
            first[sid] = f
    if not counts:
        return 0
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n < 2 or n == second:
        return 0
    dominant = n >= 2 * second
    named.sort()
    positions = [p for p, _ in named]
    starts = [a for a, _ in sentences]
    named_in: dict[int, set[str]] = defaultdict(set)
    for pos, sid in named:
        named_in[bisect.bisect_right(starts, pos) - 1].add(sid)
    joined = 0
    for f in found:
        if f.type != "state" or f.kind != "generic" or not _GOVERNMENT.match(f.name):
            continue
        here = named_in.get(bisect.bisect_right(starts, f.start) - 1, set())
        if here and top not in here:
            continue
        if not dominant:
            k = bisect.bisect_left(positions, f.start) - 1
            if k < 0 or f.start - positions[k] > window or named[k][1] != top:
                continue
        f.extra["joins"] = first[top].name
        joined += 1
    return joined


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
    for f in allf:
        target = f.extra.get("joins")
        if target and name_key(target):
            uf.union(f.key, name_key(target))
    # short person names: "Khalid" -> the one full name that starts or ends with it
    persons = {f.key for f in allf if f.type == "person"}
    multi = [k for k in persons if " " in k]
    defined = {k for link in aliases for k in (link.main.key, link.alias.key)}
    for k in persons:
        if " " in k or k in defined:
            continue
        hits = {m for m in multi if m.split()[0] == k or m.split()[-1] == k}
        roots = {uf.find(h) for h in hits}
        one = one_person(hits)
        if len(roots) == 1:
            uf.union(k, next(iter(hits)))
        elif one is not None:
            uf.union(k, one)  # "Khalid": "Khalid al-Hassan" (also written "Khalid al-Hassan al-Aloush")
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
