"""Timing helpers: repeated runs within a time budget, percentiles, peak memory."""

from __future__ import annotations

import math
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation between ranks."""
    if not values:
        return math.nan
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


@dataclass
class Latency:
    """Milliseconds per call of one query, over ``runs`` timed calls after a warm-up."""

    query: str
    runs: int
    p50_ms: float | None  # None: no run finished (timed out)
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    rows: int | None = None  # size of the answer (claims, hits, characters, nodes+edges)
    note: str = ""
    censored: bool = False  # a call was stopped at a timeout: the figures are lower bounds

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def measure(
    query: str,
    fn: Callable[[int], int | None],
    *,
    warmup: int = 2,
    min_runs: int = 5,
    max_runs: int = 200,
    budget_s: float = 10.0,
) -> Latency:
    """Call ``fn(i)`` until ``max_runs`` timed calls or ``budget_s`` seconds (at least ``min_runs``).

    ``fn`` gets the run number (to vary its argument) and returns the answer's size.
    """
    rows: int | None = None
    for i in range(warmup):
        rows = fn(-1 - i)
    times: list[float] = []
    start = time.perf_counter()
    for i in range(max_runs):
        t0 = time.perf_counter()
        rows = fn(i)
        times.append((time.perf_counter() - t0) * 1000)
        if len(times) >= min_runs and time.perf_counter() - start > budget_s:
            break
    return Latency(
        query,
        len(times),
        round(percentile(times, 50), 3),
        round(percentile(times, 95), 3),
        round(percentile(times, 99), 3),
        round(max(times), 3),
        rows,
    )


def median_time(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float]]:
    """(median seconds, every run's seconds) of ``repeats`` calls of ``fn``."""
    runs = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), [round(r, 3) for r in runs]


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its waited-for children) in MiB.

    On Linux the process' own peak is ``VmHWM`` from /proc/self/status:
    ``getrusage``'s ``ru_maxrss`` survives ``exec`` and so reports the parent's
    size at ``fork`` for a child started by a large process (this benchmark).
    """
    if not children:
        try:
            status = Path("/proc/self/status").read_text(encoding="ascii")
        except OSError:
            status = ""
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    kb = resource.getrusage(who).ru_maxrss
    return round(kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024, 1)


def current_rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / (1024 * 1024), 1)
