"""Cutting long texts into pieces spaCy can take, at safe boundaries.

Pieces are consecutive and cover the text exactly (``"".join(pieces) == text``),
so offsets stay global when the pieces' Docs are joined back. A cut falls,
in order of preference, after a line break, after sentence punctuation
followed by a space, after any space, and only as a last resort (a single
"word" longer than the limit, e.g. a base64 blob) inside a word.
"""

from __future__ import annotations

import re

_SENT_END = re.compile(r"[.!?؟۔。][\"'”’)\]]*\s+")


def _cut_point(text: str, lo: int, hi: int) -> int:
    """The best cut in text[lo:hi] (a position in (lo, hi]) for a piece that must end by hi."""
    window_lo = lo + (hi - lo) // 2  # never cut in the first half: pieces stay large
    nl = text.rfind("\n", window_lo, hi)
    if nl != -1:
        return nl + 1
    best = -1
    for m in _SENT_END.finditer(text, window_lo, hi):
        best = m.end()
    if best != -1:
        return best
    for ws in (" ", "\t", "\u00a0", "\u3000"):
        sp = text.rfind(ws, window_lo, hi)
        if sp != -1:
            return sp + 1
    return hi


def split_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) pieces of at most ``max_chars`` characters covering ``text`` exactly.

    Runs in time linear in ``len(text)``.
    """
    if max_chars < 16:
        raise ValueError("max_chars must be at least 16")
    n = len(text)
    if n <= max_chars:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < n:
        if n - pos <= max_chars:
            out.append((pos, n))
            break
        cut = _cut_point(text, pos, pos + max_chars)
        out.append((pos, cut))
        pos = cut
    return out
