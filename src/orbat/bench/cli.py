"""``python -m orbat.bench``: measure orbat at scale and write docs/performance.md + a JSON file.

    python -m orbat.bench [--size 1k|10k|100k] [--claims 1000000] [--backends sqlite,postgres]
                          [--out docs/performance.md] [--json docs/bench/results.json] [--quick] [--full]

Sections (``--sections``, default all):

a  extraction words/s: plain spaCy against orbat's extractor, 1 and 2 processes
b  end-to-end ingest + extract + resolve into SQLite (docs/s, words/s, peak RSS, quality)
c  resolution time against the number of names, blocking pair completeness
d  claim store at ``--claims``: load time, size, query latency (SQLite and PostgreSQL)
e  memory: peak RSS per worker over a large part of the corpus (the whole corpus with --full)

The default (10k corpus, 1M claims) takes about ten minutes on a 2-core
machine; ``--quick`` (20 documents, 10k claims) under a minute or two, for
tests; ``--full`` adds 1M names to (c) and the whole corpus to (e) (which then
skips re-resolving its store from scratch above 10,000 documents: ``--full-resolution``).
PostgreSQL runs in a fresh database created on the server of ``--pg-url``
(default $ORBAT_BENCH_POSTGRES_URL, $ORBAT_TEST_POSTGRES_URL, else
postgresql://postgres@127.0.0.1:5432/test) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from orbat.bench.generator import GENERATOR_VERSION, generate, parse_size

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
SECTIONS = ("a", "b", "c", "d", "e")
# above this many documents (e) does not re-resolve from scratch unless asked: 10,000 documents make
# about 190,000 nodes and 2.5 GB for a resolution that holds them all; 100,000 would not fit in 24 GB
FULL_RESOLUTION_DOCS = 10_000


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m orbat.bench",
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--size", type=parse_size, default=10_000, help="generated corpus: 1k, 10k (default), 100k"
    )
    ap.add_argument(
        "--claims", type=int, default=1_000_000, help="claims bulk-loaded for the query benchmark"
    )
    ap.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--out", type=Path, default=Path("docs/performance.md"), help="Markdown report")
    ap.add_argument("--json", type=Path, default=Path("docs/bench/results.json"), help="JSON results")
    ap.add_argument(
        "--before",
        type=Path,
        default=Path("docs/bench/before-bounded-reads.json"),
        help="earlier figures to compare the query latencies with (a table in the report)",
    )
    ap.add_argument("--quick", action="store_true", help="tiny run (20 documents, 10k claims) for tests")
    ap.add_argument("--full", action="store_true", help="also 1M names (c) and the whole corpus (e)")
    ap.add_argument("--sections", default=",".join(SECTIONS), help="which of a,b,c,d,e to run")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--workdir", type=Path, default=None, help="where the corpus and stores go (default: temp)"
    )
    ap.add_argument("--pg-url", default=None, help="PostgreSQL server to create the benchmark database on")
    ap.add_argument("--extract-docs", type=int, default=None, help="documents in the throughput sample (a)")
    ap.add_argument("--e2e-docs", type=int, default=None, help="documents of the end-to-end run (b)")
    ap.add_argument("--memory-docs", type=int, default=None, help="documents of the memory run (e)")
    ap.add_argument(
        "--full-resolution",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="after (e), re-resolve its store from scratch and score it again (default: up to "
        f"{FULL_RESOLUTION_DOCS:,} documents; it holds every node in memory, about 13 KB each)",
    )
    ap.add_argument("--repeats", type=int, default=None, help="timed runs per throughput figure (median)")
    ap.add_argument("--resolve-sizes", default=None, help="names for (c), e.g. 10k,100k")
    ap.add_argument(
        "--resolve-workers",
        type=int,
        default=2,
        help="processes of resolve() in (c) (default 2, one per core)",
    )
    a = ap.parse_args(argv)
    if a.quick:
        a.size = min(a.size, 20)
        a.claims = min(a.claims, 10_000)
    return a


class Plan:
    """The sizes of every section for this run."""

    def __init__(self, a: argparse.Namespace) -> None:
        quick = a.quick
        self.extract_docs = a.extract_docs or (min(a.size, 6) if quick else min(a.size, 50))
        self.repeats = a.repeats or (1 if quick else 3)
        self.e2e_docs = a.e2e_docs or (min(a.size, 20) if quick else min(a.size, 150))
        self.memory_docs = a.memory_docs or (a.size if a.full else min(a.size, 8 if quick else 150))
        self.memory_full_resolution = (
            a.full_resolution if a.full_resolution is not None else self.memory_docs <= FULL_RESOLUTION_DOCS
        )
        if a.resolve_sizes:
            self.resolve_sizes = [parse_size(x) for x in a.resolve_sizes.split(",")]
        else:
            self.resolve_sizes = [1_000] if quick else [10_000, 100_000] + ([1_000_000] if a.full else [])
        self.resolve_workers = a.resolve_workers
        self.entities = 1_000 if quick else 50_000
        self.query_budget = 0.3 if quick else 1.5  # seconds of timed runs per light query
        self.min_runs = 3 if quick else 5
        self.heavy_budget = 1.0 if quick else 4.0  # seconds of timed runs per page, profile or graph

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def corpus_dir(workdir: Path, size: int, seed: int) -> Path:
    """The generated corpus of this size and seed (made once, reused while the generator is unchanged)."""
    out = workdir / f"corpus-{size}-{seed}"
    manifest = out / "manifest.json"
    if manifest.is_file():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if m.get("generator") == GENERATOR_VERSION and m.get("documents") == size:
            return out
    if out.exists():
        shutil.rmtree(out)
    _log(f"generating {size:,} documents into {out}")
    generate(out, size, seed, progress=True)
    return out


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the server of ``server_url``; its URL. Dropped on exit."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from orbat.store.engine import normalise_url

    admin = create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")
    name = f"orbat_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(server_url)).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_PARTIAL: list[Any] = []  # (JSON path, results) of the run in progress


_STEAL: dict[str, dict[str, float]] = {}  # per section of the run in progress: CPU time the host took


def _section(results: dict[str, Any], key: str, fn: Callable[[], Any], seconds: dict[str, float]) -> None:
    from orbat.bench.machine import cpu_clock, steal_between

    t0, c0 = time.perf_counter(), cpu_clock()
    _log(f"section {key} ...")
    try:
        results[key] = fn()
    except Exception as exc:  # a failing section is reported, the others still run
        import traceback

        traceback.print_exc()
        results[key] = {"error": f"{type(exc).__name__}: {exc}"}
    seconds[key] = round(time.perf_counter() - t0, 1)
    _STEAL[key] = steal_between(c0, cpu_clock())
    _log(f"section {key} done in {seconds[key]} s (steal {_STEAL[key]['share']:.1%} of the CPU time)")
    if _PARTIAL:  # a long run leaves its results so far behind
        _PARTIAL[0].write_text(json.dumps(_PARTIAL[1], indent=1, default=str) + "\n", encoding="utf-8")


def run(a: argparse.Namespace) -> dict[str, Any]:
    from orbat.bench import endtoend, extraction, machine, queries, resolution

    plan = Plan(a)
    sections = [s.strip() for s in a.sections.split(",") if s.strip()]
    backends = [b.strip() for b in a.backends.split(",") if b.strip()]
    pg_server = (
        a.pg_url
        or os.environ.get("ORBAT_BENCH_POSTGRES_URL")
        or os.environ.get("ORBAT_TEST_POSTGRES_URL", DEFAULT_PG)
    )
    started, clock = time.perf_counter(), machine.cpu_clock()
    seconds: dict[str, float] = {}
    _STEAL.clear()
    results: dict[str, Any] = {
        "command": "python -m orbat.bench " + " ".join(sys.argv[1:]),
        "machine": machine.describe(pg_server if "postgres" in backends else None),
        "size": a.size,
        "claims": a.claims,
        "seed": a.seed,
        "plan": plan.to_json(),
        "seconds": seconds,
        "steal": _STEAL,
    }
    a.json.parent.mkdir(parents=True, exist_ok=True)
    _PARTIAL[:] = [a.json, results]
    tmp = None
    if a.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="orbat-bench-")
        workdir = Path(tmp.name)
    else:
        workdir = a.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        corpus = corpus_dir(workdir, a.size, a.seed)
        results["corpus"] = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        results["corpus"]["reused"] = time.perf_counter() - t0 < results["corpus"]["seconds"] / 2
        names = [f"syn_{i:06d}" for i in range(a.size)]
        if "a" in sections:
            paths = [corpus / "docs" / f"{n}.md" for n in names[: plan.extract_docs]]
            _section(
                results,
                "extraction",
                lambda: extraction.measure_extraction(paths, repeats=plan.repeats),
                seconds,
            )
        if "b" in sections:
            _section(
                results,
                "endtoend",
                lambda: endtoend.measure_endtoend(corpus, names[: plan.e2e_docs], workdir),
                seconds,
            )
        if "c" in sections:

            def resolution_runs() -> dict[str, Any]:
                runs = []
                for n in plan.resolve_sizes:
                    _log(f"resolution over {n:,} names")
                    runs.append(resolution.run_resolution(n, seed=a.seed, workers=plan.resolve_workers))
                return {
                    "runs": [r.to_json() for r in runs],
                    "blocking_growth_exponent": resolution.growth_exponent(runs, "blocking_s"),
                    "resolve_growth_exponent": resolution.growth_exponent(runs, "resolve_s"),
                    "nlogn_ratio": resolution.nlogn_ratio(runs[0].names, runs[-1].names)
                    if len(runs) > 1
                    else None,
                }

            _section(results, "resolution", resolution_runs, seconds)
        if "d" in sections:
            results["store"] = {}
            with contextlib.ExitStack() as stack:
                urls: dict[str, str] = {}
                loaded: dict[str, Any] = {}
                for backend in backends:
                    if backend == "sqlite":
                        db = workdir / "claims.db"
                        _remove_sqlite(db)
                        stack.callback(_remove_sqlite, db)
                        urls[backend] = f"sqlite:///{db}"
                        continue
                    try:
                        urls[backend] = stack.enter_context(postgres_database(pg_server))
                    except Exception as exc:  # no server: reported, the other backends still run
                        results["store"][backend] = {"error": f"{type(exc).__name__}: {exc}"}

                def load_stores() -> dict[str, Any]:
                    loaded.update(load_concurrently(urls, a, plan, corpus / "docs"))
                    return {
                        "concurrent": len(urls) > 1,
                        **{
                            b: {"error": f"{type(x).__name__}: {x}"}
                            if isinstance(x, BaseException)
                            else {"generate_load_s": x.generate_load_s, "index_s": x.index_s}
                            for b, x in loaded.items()
                        },
                    }

                _section(results, "store_loads", load_stores, seconds)
                for backend, url in urls.items():
                    _section(
                        results["store"],
                        backend,
                        functools.partial(
                            _query,
                            url,
                            loaded.get(backend, RuntimeError("the store was not loaded")),
                            plan,
                            a,
                            queries,
                            len(urls) > 1,
                        ),
                        seconds,
                    )
        if "e" in sections:
            memory_names = names[: plan.memory_docs]
            _section(
                results,
                "memory",
                lambda: endtoend.measure_endtoend(
                    corpus, memory_names, workdir, workers=2, compare_full=plan.memory_full_resolution
                ),
                seconds,
            )
    finally:
        if tmp is not None:
            tmp.cleanup()
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"]["cores_available_end"] = machine.cpu_available()
    results["machine"]["python_speed_end"] = machine.python_speed()
    results["total_s"] = round(time.perf_counter() - started, 1)
    results["machine"]["steal"] = machine.steal_between(clock, machine.cpu_clock())
    return results


def _remove_sqlite(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _bulk_load(url: str, claims: int, size: int, seed: int, entities: int, docs_dir: Path | None) -> Any:
    """Generate and bulk-load one store (in this process or a child's)."""
    from orbat.bench import claimstore
    from orbat.bench.generator import Corpus

    _log(f"bulk-loading {claims:,} claims into {url.split('@')[-1]}")
    stats = claimstore.bulk_load(
        url, claims, Corpus(size, seed), n_entities=entities, seed=seed, docs_dir=docs_dir
    )
    _log(f"{url.split('@')[-1]}: loaded in {stats.generate_load_s} s + {stats.index_s} s indexes")
    return stats


def load_concurrently(
    urls: dict[str, str], a: argparse.Namespace, plan: Plan, docs_dir: Path | None
) -> dict[str, Any]:
    """Load every store at once: the first in this process, each other in a process of its own.

    Loading is not what the section times for its targets, and the stores are only queried once
    every load has ended, on an otherwise idle machine. Returns each backend's ``LoadStats``, or
    the exception its load raised.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    args = (a.claims, a.size, a.seed, plan.entities, docs_dir)
    backends = list(urls)
    out: dict[str, Any] = {}
    if len(backends) == 1:
        try:
            out[backends[0]] = _bulk_load(urls[backends[0]], *args)
        except Exception as exc:
            out[backends[0]] = exc
        return out
    # spawned, not forked: a child starts with no connection or thread of this process
    with ProcessPoolExecutor(len(backends) - 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {b: pool.submit(_bulk_load, urls[b], *args) for b in backends[1:]}
        try:
            out[backends[0]] = _bulk_load(urls[backends[0]], *args)
        except Exception as exc:
            out[backends[0]] = exc
        for b, fut in futures.items():
            try:
                out[b] = fut.result()
            except Exception as exc:
                out[b] = exc
    return out


def _query(
    url: str, stats: Any, plan: Plan, a: argparse.Namespace, queries: Any, concurrent: bool
) -> dict[str, Any]:
    if isinstance(stats, BaseException):
        raise stats
    _log(f"querying {url.split('@')[-1]}")
    q = queries.run_queries(
        url,
        stats,
        seed=a.seed,
        budget_s=plan.query_budget,
        min_runs=plan.min_runs,
        heavy_budget_s=plan.heavy_budget,
    )
    load = {
        **stats.__dict__,
        "bytes_per_million_claims": round(stats.bytes_per_million),
        "loaded_with_others": concurrent,
    }
    return {"load": load, **q}


def other_runs(a: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    """Earlier runs of other sections or sizes kept beside this one's JSON (``x.json`` with its ``x.md``)."""
    out = []
    for path in sorted(a.json.parent.glob("*.json")):
        md = path.with_suffix(".md")
        if (
            path == a.json
            or (a.before is not None and path.resolve() == a.before.resolve())
            or not md.is_file()
        ):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "machine" in data:
            out.append((os.path.relpath(md, a.out.parent), data))
    return out


def main(argv: list[str] | None = None) -> int:
    from orbat.bench.report import render

    a = parse_args(argv)
    results = run(a)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    before = None
    if a.before is not None and a.before.is_file():
        before = json.loads(a.before.read_text(encoding="utf-8"))
    a.out.write_text(render(results, before, other_runs(a)), encoding="utf-8")
    _log(f"wrote {a.out} and {a.json} in {results['total_s']} s")
    return 0
