"""Resolution end to end: blocking -> scoring -> judgements -> clusters.

``resolve`` is a pure function of in-memory records and earlier (human)
judgements; the caller stores what it returns.

An *attachment* (a short or partial name joined to a fuller one, e.g.
"Khalid" to "Khalid al-Hassan") is not made automatically when the fuller
names it would join are incompatible: judged different ("Assad" next to
both "Bashar al-Assad" and "Hafez al-Assad"), or sharing no identifying
word ("the war" next to "Syrian civil war" and "Iraq war"). Both attachments
go to review instead. Attachments inside the short name's own document come
first: "2013 offensive" next to "August 2013 Latakia offensive" of its text
keeps that attachment, and only its attachments to other documents' names
that exclude it ("2013 Hama offensive") go to review.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

import numpy as np

from orbat.errors import ValidationError
from orbat.resolve._text import is_arabic
from orbat.resolve.analysis import Lexicon, default_lexicon, is_acronym_token
from orbat.resolve.blocking import forked, forked_map, pair_codes, paused_gc
from orbat.resolve.clusters import Judgement, cluster
from orbat.resolve.names import is_acronym, normalize
from orbat.resolve.scoring import (
    ATTACHMENT_RULES,
    CONTEXT_LIFTABLE,
    REVIEW,
    MatchResult,
    NameRecord,
    score_pair,
)

_MAX_PARTNERS = 20


@dataclass
class Resolution:
    clusters: dict[str, str]  # record id -> cluster id
    auto: list[Judgement] = field(default_factory=list)
    review: list[tuple[str, str, MatchResult]] = field(default_factory=list)
    scored: int = 0  # pairs scored
    # seconds per stage: keys and candidates, scoring, attachments, clustering
    timings: dict[str, float] = field(default_factory=dict)
    # the candidate pairs as codes ``i * len(records) + j`` (with ``keep_pairs``)
    pairs: np.ndarray | None = None

    def groups(self) -> dict[str, list[str]]:
        """Cluster id -> member record ids (sorted)."""
        out: dict[str, list[str]] = defaultdict(list)
        for rid, cid in self.clusters.items():
            out[cid].append(rid)
        return {k: sorted(v) for k, v in out.items()}


def batch_lexicon(records: Sequence[NameRecord], base: Lexicon | None = None) -> Lexicon:
    """The lexicon extended with the names of the batch's place and state records."""
    places = [n for r in records if r.type == "place" for n in r.names]
    states = [n for r in records if r.type == "state" for n in r.names]
    return (base or default_lexicon()).with_names(places=places, states=states)


def _compatible(res: MatchResult) -> bool:
    """Could two names be one thing? Not when a guard fired or no identifying word is shared."""
    if res.verdict == "same":
        return True
    return res.verdict != "different" and res.features.get("core_matched", 0.0) > 0


def _is_attachment(rule: str) -> bool:
    base = rule.split("+", 1)[0]
    return base in ATTACHMENT_RULES or (base in CONTEXT_LIFTABLE and rule.endswith("+context"))


def resolve(
    records: Sequence[NameRecord],
    judgements: Sequence[Judgement] = (),
    *,
    prefer: Mapping[str, int] | None = None,
    key: Callable[[str], Any] | None = None,
    lexicon: Lexicon | None = None,
    max_key_size: int = 500,
    max_candidates: int = 50,
    workers: int = 1,
    keep_pairs: bool = False,
    settled: int = 0,
    settled_context: Callable[[list[str]], Mapping[str, Iterable[str]]] | None = None,
) -> Resolution:
    """Resolve records into clusters.

    ``judgements`` are earlier decisions (usually an analyst's); for a pair
    they have, they replace the automatic judgement. ``prefer``/``key``
    choose cluster ids (see ``clusters.cluster``). ``workers`` > 1 chooses
    candidates and scores pairs in that many forked processes (where the
    platform forks; else in this one); the result is the same.

    Incremental resolution: the first ``settled`` records are entities
    resolved before (a record each, with all its names) and the rest are
    new. Only pairs with a new record are candidates; two settled records
    are compared only when new records would put them in one cluster, so
    that a guard between them (two different people, a unit and its
    parent) still keeps them apart. ``settled_context`` gives the context of
    settled records (by id) when it is needed: for those that are candidates.
    """
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            raise ValidationError(f"resolve: record id {record.id!r} appears twice")
        seen.add(record.id)
    with paused_gc():
        res = _resolve(
            records,
            judgements,
            prefer,
            key,
            lexicon,
            max_key_size,
            max_candidates,
            workers,
            settled,
            settled_context,
        )
    if not keep_pairs:
        res.pairs = None
    return res


def _resolve(
    records: Sequence[NameRecord],
    judgements: Sequence[Judgement],
    prefer: Mapping[str, int] | None,
    key: Callable[[str], Any] | None,
    lexicon: Lexicon | None,
    max_key_size: int,
    max_candidates: int,
    workers: int,
    settled: int = 0,
    settled_context: Callable[[list[str]], Mapping[str, Iterable[str]]] | None = None,
) -> Resolution:
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 3)
        clock = now

    lex = batch_lexicon(records, lexicon)
    lex.reserve(sum(len(r.names) for r in records))
    codes = pair_codes(records, max_key_size, max_candidates, lexicon=lex, workers=workers, first=settled)
    scored = len(codes)
    lap("blocking")
    with_context: set[int] = set()

    def add_context(rows: Iterable[int]) -> None:
        # the settled records among candidates get their context (an entity's is costly to read)
        nonlocal records
        wanted = sorted({int(i) for i in rows if i < settled} - with_context)
        if settled_context is None or not wanted:
            return
        got = settled_context([records[i].id for i in wanted])
        records = list(records)
        for i in wanted:
            records[i] = replace(records[i], context=frozenset(got.get(records[i].id, ())))
        with_context.update(wanted)

    if settled:
        n_ = len(records)
        add_context(np.unique(np.concatenate([codes // n_, codes % n_])).tolist())
    results = _score_pairs(records, lex, codes, workers)
    lap("scoring")

    n = len(records)
    extra: dict[int, MatchResult] = {}  # pairs scored for an attachment check only

    def result(x: int, y: int) -> MatchResult:
        code = min(x, y) * n + max(x, y)
        got = results.get(code)
        if got is None:
            got = extra.get(code)
        if got is None:
            got = extra[code] = score_pair(records[min(x, y)], records[max(x, y)], lex)
        return got

    # the less specific record of each attachment -> the records it attaches to
    partners: dict[int, list[int]] = defaultdict(list)
    for code, res in results.items():
        if res.verdict == "same" and _is_attachment(res.rule):
            i, j = divmod(code, n)
            general, specific = (j, i) if res.features.get("general") == 1.0 else (i, j)
            partners[general].append(specific)
    demoted: set[int] = set()
    for r, ps in partners.items():
        if len(ps) < 2:
            continue
        doc = records[r].document
        local = sorted(p for p in ps if doc is not None and records[p].document == doc)[:_MAX_PARTNERS]
        others = sorted(p for p in ps if p not in local)[:_MAX_PARTNERS]
        if not local:
            local, others = others, []
        # attachments inside the general name's own document compete with each other...
        for x, y in combinations(local, 2):
            if not _compatible(result(x, y)):
                demoted.add(min(r, x) * n + max(r, x))
                demoted.add(min(r, y) * n + max(r, y))
        # ...and win over attachments to other documents' names that they exclude
        for y in others:
            if any(not _compatible(result(x, y)) for x in local):
                demoted.add(min(r, y) * n + max(r, y))
        for x, y in combinations(others, 2):
            if not _compatible(result(x, y)):
                demoted.add(min(r, x) * n + max(r, x))
                demoted.add(min(r, y) * n + max(r, y))

    auto: list[Judgement] = []
    pending: list[tuple[str, str, MatchResult]] = []

    def judge(scored: Iterable[tuple[int, MatchResult]]) -> None:
        for code, res in scored:
            i, j = divmod(code, n)
            a, b = records[i].id, records[j].id
            verdict = res.verdict
            if verdict == "same" and code in demoted:
                features = {**res.features, "ambiguous": 1.0}
                pending.append((a, b, MatchResult(res.score, features, res.rule + "+ambiguous")))
            elif verdict == "same":
                auto.append(Judgement(a, b, "same", "auto", res.score, res.rule))
            elif verdict == "different":
                auto.append(Judgement(a, b, "different", "auto", res.score, res.rule))
            elif res.score >= REVIEW:
                pending.append((a, b, res))

    # in pair order: the candidates' results (already in order) and the extra ones
    judge(heapq.merge(results.items(), sorted(extra.items())))

    lap("attachments")
    human = [j for j in judgements]
    ids = [r.id for r in records]
    clusters = cluster(ids, [*auto, *human], prefer=prefer, key=key)
    if settled:
        # settled records that new ones would join: compare them with each other, then cluster again
        joined: dict[str, list[int]] = defaultdict(list)
        for i in range(settled):
            joined[clusters[records[i].id]].append(i)
        between = sorted(
            {x * n + y for group in joined.values() for x, y in combinations(group[:_MAX_PARTNERS], 2)}
            - extra.keys()
        )
        if between:
            add_context({i for code in between for i in divmod(code, n)})
            judge((code, result(*divmod(code, n))) for code in between)
            clusters = cluster(ids, [*auto, *human], prefer=prefer, key=key)
    review = [(a, b, res) for a, b, res in pending if clusters.get(a) != clusters.get(b)]
    review.sort(key=lambda t: (-t[2].score, t[0], t[1]))
    lap("clustering")
    return Resolution(
        clusters=clusters, auto=auto, review=review, scored=scored, timings=timings, pairs=codes
    )


_CHUNK = 20_000  # pairs one task scores


def _score_chunk(bounds: tuple[int, int]) -> list[tuple[int, MatchResult]]:
    """Score the pairs ``codes[lo:hi]``; keep what the steps after scoring read.

    A pair scored below review is dropped (it is scored again if an
    attachment check asks for it); a guard's verdict keeps no features, and
    one result object serves every pair with the same score and rule.
    """
    records, lex, codes = forked()
    n = len(records)
    out: list[tuple[int, MatchResult]] = []
    guards: dict[tuple[float, str], MatchResult] = {}
    for code in codes[bounds[0] : bounds[1]].tolist():
        i, j = divmod(code, n)
        res = score_pair(records[i], records[j], lex)
        verdict = res.verdict
        if verdict == "none":
            continue
        if verdict == "different":
            key = (res.score, res.rule)
            res = guards.get(key) or guards.setdefault(key, MatchResult(res.score, {}, res.rule))
        out.append((code, res))
    return out


def _score_pairs(
    records: Sequence[NameRecord], lex: Lexicon, codes: np.ndarray, workers: int
) -> dict[int, MatchResult]:
    """The results worth keeping of the candidate pairs, by code, in code order."""
    bounds = [(lo, min(lo + _CHUNK, len(codes))) for lo in range(0, len(codes), _CHUNK)]
    guards: dict[tuple[float, str], MatchResult] = {}

    def shared(res: MatchResult) -> MatchResult:
        # one object per (score, rule) of a guard across chunks, as inside one
        if res.features:
            return res
        return guards.setdefault((res.score, res.rule), res)

    parts = forked_map(_score_chunk, bounds, workers, (records, lex, codes))
    return {c: shared(r) for part in parts for c, r in part}


def review_pairs(
    records: Sequence[NameRecord], *, lexicon: Lexicon | None = None, workers: int = 1
) -> list[tuple[str, str, MatchResult]]:
    """Pairs of records in the matcher's review band (neither merged nor kept apart by a rule),
    best first: for records of whole entities, the merges an analyst may want to make."""
    lex = batch_lexicon(records, lexicon)
    lex.reserve(sum(len(r.names) for r in records))
    with paused_gc():
        codes = pair_codes(records, lexicon=lex, workers=workers)
        results = _score_pairs(records, lex, codes, workers)
    n = len(records)
    out = []
    for code, res in results.items():
        if res.verdict not in ("same", "different") and res.score >= REVIEW:
            i, j = divmod(code, n)
            out.append((records[i].id, records[j].id, res))
    out.sort(key=lambda t: (-t[2].score, t[0], t[1]))
    return out


def canonical_name(names: Sequence[str]) -> str:
    """The display name of an entity from all the names it is known by.

    Prefers a Latin-script name that is not an acronym and not written in
    lower case, then the most frequent such name, then one without a
    leading "the", then the shortest in words, then alphabetical order.
    """
    if not names:
        raise ValueError("canonical_name needs at least one name")
    counts = Counter(normalize(n) for n in names if n.strip())
    forms: dict[str, str] = {}
    for n in names:
        stripped = n.strip()
        if stripped:
            forms.setdefault(stripped, stripped)

    def rank(n: str) -> tuple[Any, ...]:
        words = n.split()
        latin = not is_arabic(n)
        acronym = is_acronym(n) or all(is_acronym_token(w) for w in words)
        proper = (bool(words) and words[0][:1].isupper()) or (len(words) > 1 and words[-1][:1].isupper())
        leading_the = bool(words) and words[0].casefold() == "the"
        return (
            not latin,
            acronym,
            not proper,
            -counts[normalize(n)],
            leading_the,
            len(words),
            n,
        )

    if not forms:
        return names[0]
    return min(forms, key=rank)
