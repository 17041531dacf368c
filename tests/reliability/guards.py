"""A hang guard for tests: a generous safety limit that turns "never returns" into a failure.

The project's rule: speed targets live in benchmarks (``orbat.bench``), never
in tests. A test may only bound wall-clock time to catch a hang (an infinite
loop, catastrophic regex backtracking, a quadratic blow-up on a huge input),
with a limit far above any normal run, so that a slow or busy machine never
fails it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: seconds a single guarded call may take before it counts as a hang
HANG_LIMIT = 120.0


class Hang(BaseException):
    """Raised in the test's (main) thread when a guarded block runs past its limit."""


@contextmanager
def hang_guard(seconds: float = HANG_LIMIT) -> Iterator[None]:
    """Raise Hang if the block is still running after ``seconds`` of wall-clock time (main thread only)."""

    def fire(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s: a hang (a safety limit, not a speed target)")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
