"""Resolution at scale: blocking and clustering time against the number of names, and pair completeness.

Synthetic names come from the generator's world: each entity (60 % armed
groups, 40 % people) is written 1-12 ways (transliteration variants, unit
word spellings, articles, the English gloss, the acronym; given-name
spellings, kunya and patronymic), one name per record, as in
shared/guides/measurements.md §2.4. The truth is known, so blocking can be
scored: *pair completeness* is the share of true pairs (two records of one
entity) that blocking proposes; *transitive completeness* the share that
end up connected through proposed pairs.
"""

from __future__ import annotations

import math
import os
import random
import resource
import time
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from orbat.bench.timing import current_rss_mb
from orbat.bench.world import ADJECTIVES, UNITS, Group, Person, make_root
from orbat.resolve import NameRecord, resolve
from orbat.resolve.blocking import pair_codes


def synth_names(n: int, seed: int = 7) -> tuple[list[NameRecord], list[int]]:
    """``n`` records and, for each, the index of the entity it names."""
    rng = random.Random(f"{seed}:names")
    records: list[NameRecord] = []
    truth: list[int] = []
    seen: set[str] = set()
    entity = 0
    docs = max(10, n // 20)
    while len(records) < n:
        k = min(rng.randint(1, 12), n - len(records))
        names = _group_names(rng, k, seen) if rng.random() < 0.6 else _person_names(rng, k, seen)
        type_ = names[0]
        for name in names[1:]:
            records.append(NameRecord(f"r{len(records)}", type_, (name,), f"d{rng.randrange(docs)}"))
            truth.append(entity)
        entity += 1
    return records, truth


def _fresh_root(rng: random.Random, seen: set[str]) -> str:
    while True:
        root = make_root(rng)
        if rng.random() < 0.3:
            root += "-" + make_root(rng).lower()
        if root not in seen:
            seen.add(root)
            return root


def _group_names(rng: random.Random, k: int, seen: set[str]) -> list[str]:
    adjective = rng.choice(ADJECTIVES) if rng.random() < 0.45 else None
    unit = rng.choice(UNITS)
    root = _fresh_root(rng, seen)
    words = [unit.word, root] + ([adjective[0][3:]] if adjective else [])
    g = Group(
        "g", unit, root, adjective, "".join(w[0] for w in words).upper() if adjective else None, "2013", None
    )
    out = ["armed_group"]
    for i in range(k):
        roll = rng.random()
        if i == 0 or roll < 0.6:
            name = g.spelling(rng)
        elif roll < 0.8:
            name = ("the " if rng.random() < 0.5 else "") + g.gloss
        elif roll < 0.9 and g.acronym:
            name = g.acronym
        else:
            name = g.spelling(rng).upper() if rng.random() < 0.3 else g.spelling(rng).lower()
        out.append(name)
    return out


def _person_names(rng: random.Random, k: int, seen: set[str]) -> list[str]:
    from orbat.bench.world import GIVEN

    given, spellings = rng.choice(GIVEN)
    family = "al-" + _fresh_root(rng, seen) + "i"
    kunya = f"Abu {rng.choice(GIVEN)[0]}" if rng.random() < 0.3 else None
    father = f"bin {rng.choice(GIVEN)[0]}" if rng.random() < 0.3 else None
    p = Person("p", given, spellings, family, kunya, father)
    return ["person"] + [p.forms(rng)[0] for _ in range(k)]


@dataclass
class ResolutionRun:
    names: int
    entities: int
    true_pairs: int
    blocking_s: float
    candidate_pairs: int
    candidates_per_name: float
    pair_completeness: float
    transitive_completeness: float
    resolve_s: float | None = None  # blocking + scoring + clustering (resolve())
    workers: int = 1  # processes choosing candidates and scoring pairs
    stages: dict[str, float] | None = None  # seconds per stage of resolve()
    pairs_scored: int | None = None
    clusters: int | None = None
    cluster_pair_precision: float | None = None
    cluster_pair_recall: float | None = None
    rss_mb: float | None = None
    # CPU seconds of this process and its workers: wall time on a shared machine counts the other
    # processes' load too
    blocking_cpu_s: float | None = None
    resolve_cpu_s: float | None = None
    load_average: list[float] | None = None  # 1, 5, 15 minutes, at the end of the run
    peak_rss_mb: float | None = None  # of the process so far
    # blocking with another (max_key_size, max_candidates), when asked: a candidate setting
    variant: list[int] | None = None
    variant_blocking_s: float | None = None
    variant_candidates_per_name: float | None = None
    variant_pair_completeness: float | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _pairs_within(groups: Sequence[Hashable]) -> int:
    """Pairs of items with the same group."""
    counts: dict[Hashable, int] = {}
    for g in groups:
        counts[g] = counts.get(g, 0) + 1
    return sum(c * (c - 1) // 2 for c in counts.values())


_WARM: list[bool] = []


def cold_name_caches() -> int:
    """Empty the resolver's per-name caches (bounded ``lru_cache``s), so each timed pass starts cold.

    Reference data (the glossary, lexicons: unbounded caches) stays loaded.
    """
    import sys

    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("orbat.resolve") or module is None:
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None:
                value.cache_clear()
                cleared += 1
    return cleared


def warm_up() -> None:
    """Load what resolution loads once per process (glossary, lexicons) before anything is timed."""
    if not _WARM:
        records, _ = synth_names(200, seed=1)
        resolve(records, [])
        _WARM.append(True)


def run_resolution(
    n: int,
    *,
    seed: int = 7,
    full_resolve: bool = True,
    workers: int = 1,
    variant: tuple[int, int] | None = None,
) -> ResolutionRun:
    """The whole ``resolve()`` (or, without ``full_resolve``, blocking alone) over ``n`` synthetic names.

    ``workers``: processes for choosing candidates and scoring (``resolve(workers=...)``).
    Blocking time is the blocking stage of that run; completeness is measured
    on the pairs it proposed. ``variant``: also time blocking alone with this
    (max_key_size, max_candidates) instead of (500, 50).
    """
    warm_up()
    records, truth = synth_names(n, seed)
    cold_name_caches()
    entities = len(set(truth))
    true_pairs = _pairs_within(truth)
    t0 = time.perf_counter()
    c0 = _cpu()
    res = None
    if full_resolve:
        res = resolve(records, [], workers=workers, keep_pairs=True)
        assert res.pairs is not None
        codes = res.pairs
        blocking_s = res.timings["blocking"]
    else:
        codes = pair_codes(records, 500, 50, workers=workers)
        blocking_s = time.perf_counter() - t0
    wall = time.perf_counter() - t0
    cpu = _cpu() - c0
    hits, connected = _completeness(codes, truth)
    run = ResolutionRun(
        names=len(records),
        entities=entities,
        true_pairs=true_pairs,
        blocking_s=round(blocking_s, 2),
        candidate_pairs=len(codes),
        candidates_per_name=round(2 * len(codes) / max(1, len(records)), 1),
        pair_completeness=round(hits / max(1, true_pairs), 4),
        transitive_completeness=round(connected / max(1, true_pairs), 4),
        workers=workers,
    )
    if res is None:
        run.blocking_cpu_s = round(cpu, 2)
    else:
        run.resolve_s = round(wall, 2)
        run.resolve_cpu_s = round(cpu, 2)
        run.stages = dict(res.timings)
        run.pairs_scored = res.scored
        run.clusters = len(set(res.clusters.values()))
        cluster_of = [res.clusters[r.id] for r in records]
        same_both = _pairs_within(list(zip(truth, cluster_of, strict=True)))
        same_cluster = _pairs_within(cluster_of)
        run.cluster_pair_precision = round(same_both / max(1, same_cluster), 4)
        run.cluster_pair_recall = round(same_both / max(1, true_pairs), 4)
    del res, codes
    if variant is not None:
        cold_name_caches()
        t2 = time.perf_counter()
        other = pair_codes(records, variant[0], variant[1], workers=workers)
        run.variant = list(variant)
        run.variant_blocking_s = round(time.perf_counter() - t2, 2)
        run.variant_candidates_per_name = round(2 * len(other) / max(1, len(records)), 1)
        run.variant_pair_completeness = round(_completeness(other, truth)[0] / max(1, true_pairs), 4)
    run.rss_mb = current_rss_mb()
    run.load_average = [round(x, 2) for x in os.getloadavg()]
    run.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return run


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _completeness(codes: np.ndarray, truth: Sequence[int]) -> tuple[int, int]:
    """True pairs among the candidate pairs, and true pairs connected through them."""
    n = len(truth)
    t = np.asarray(truth)
    left, right = np.divmod(codes, max(n, 1))
    found = t[left] == t[right]
    uf = _UnionFind(n)
    for i, j in zip(left[found].tolist(), right[found].tolist(), strict=True):
        uf.union(i, j)
    connected = _pairs_within([(e, uf.find(i)) for i, e in enumerate(truth)])
    return int(found.sum()), connected


def growth_exponent(runs: Sequence[ResolutionRun], attr: str = "blocking_s") -> float | None:
    """The exponent b of time ~ n^b between the smallest and the largest run (1 = linear)."""
    timed = [(r.names, getattr(r, attr)) for r in runs if getattr(r, attr)]
    if len(timed) < 2:
        return None
    (n1, t1), (n2, t2) = timed[0], timed[-1]
    return round(math.log(t2 / t1) / math.log(n2 / n1), 3)


def nlogn_ratio(n1: int, n2: int) -> float:
    return (n2 * math.log(n2)) / (n1 * math.log(n1))
